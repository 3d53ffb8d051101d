// SPDX-License-Identifier: GPL-2.0
/*
 * ksentry - calls into kernel functions that are not exported
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * To compose with what the host already has, the dispatcher must do what
 * the kernel's entry code does, in its order: run the syscall-entry work
 * (ptrace, seccomp, the sys_enter tracepoint, audit), run a syscall, kill
 * one thread or send seccomp's SIGSYS.  None of those functions is
 * exported.
 *
 * A pointer to them would not do either: on a kernel with IBT, a function
 * whose address the kernel never takes has its ENDBR sealed at boot, and
 * an indirect call to it faults.  So each is reached the way livepatch
 * reaches its replacements: the module calls a stand-in of its own,
 * ksentry_kcall_<function>(), and an ftrace redirect (IPMODIFY) on the
 * stand-in's entry sends execution on to the kernel's function, with the
 * same arguments and the stand-in's caller as return address.  The
 * kernel's functions are found by name once, at load; the module does not
 * load without them.
 *
 * The stand-ins are noipa: the compiler must assume nothing of them, not
 * their return values and not the registers they clobber, since their
 * bodies are not what runs.  A body runs only if its redirect is missing,
 * and then it fails closed: it kills the caller and runs nothing.
 */

#include "common.h"

#include <asm/syscall.h>
#include <linux/binfmts.h>
#include <linux/ftrace.h>
#include <linux/jump_label.h>
#include <linux/kernel.h>
#include <linux/kprobes.h>
#include <linux/ptrace.h>
#include <linux/sched/signal.h>

#include "compat.h"
#include "kcall.h"

/* Only a missing redirect runs a stand-in's body: kill the caller. */
static void kcall_missing(void)
{
	WARN_ON_ONCE(1);
	force_sig(SIGKILL);
}

__noipa long ksentry_kcall_syscall_trace_enter(struct pt_regs *const regs,
					       const long syscall,
					       const unsigned long work)
{
	kcall_missing();
	return -1L;
}

__noipa long
ksentry_kcall_syscall_enter_from_user_mode_work(struct pt_regs *const regs,
						const long syscall)
{
	kcall_missing();
	return -1L;
}

__noipa long ksentry_kcall_x64_sys_call(const struct pt_regs *const regs,
					const unsigned int nr)
{
	kcall_missing();
	return -ENOSYS;
}

__noipa long ksentry_kcall_x32_sys_call(const struct pt_regs *const regs,
					const unsigned int nr)
{
	kcall_missing();
	return -ENOSYS;
}

__noipa long ksentry_kcall_ia32_sys_call(const struct pt_regs *const regs,
					 const unsigned int nr)
{
	kcall_missing();
	return -ENOSYS;
}

__noipa int ksentry_kcall_force_sig_seccomp(const int syscall,
					    const int reason,
					    const bool force_coredump)
{
	kcall_missing();
	return 0;
}

__noipa void ksentry_kcall_do_exit(const long code)
{
	kcall_missing();
}

__noipa int
ksentry_kcall_set_syscall_user_dispatch(const unsigned long mode,
					const unsigned long offset,
					const unsigned long len,
					char __user *const selector)
{
	kcall_missing();
	return -EPERM;
}

__noipa int
ksentry_kcall_syscall_user_dispatch_set_config(struct task_struct *const task,
					       const unsigned long size,
					       void __user *const data)
{
	kcall_missing();
	return -EPERM;
}

__noipa int ksentry_kcall_security_bprm_check(struct linux_binprm *const bprm)
{
	kcall_missing();
	return -EPERM;
}

__noipa int ksentry_kcall_ptrace_notify(const int exit_code,
					const unsigned long message)
{
	kcall_missing();
	return 0;
}

/* Only for the look-ups at load; fails them if its redirect is missing. */
static __noipa unsigned long kcall_kallsyms_lookup_name(const char *const name)
{
	return 0;
}

/**
 * struct kcall - One kernel function reached through a stand-in
 * @name: The kernel function's name.
 * @stub: Its stand-in in this module.
 * @required: Whether the module cannot load without it; x32_sys_call()
 *            exists only with CONFIG_X86_X32_ABI.
 * @ops: The redirect; @ops.private is the kernel function's address.
 * @registered: Whether @ops is registered.
 */
struct kcall {
	const char *name;
	void *stub;
	bool required;
	struct ftrace_ops ops;
	bool registered;
};

static void notrace kcall_redirect(unsigned long ip, unsigned long parent_ip,
				   struct ftrace_ops *ops,
				   struct ftrace_regs *fregs)
{
	ksentry_fregs_set_ip(fregs, (unsigned long)ops->private);
}

#define KCALL(fn, req) {						\
	.name = #fn,							\
	.stub = ksentry_kcall_##fn,					\
	.required = req,						\
	.ops = { .func = kcall_redirect, .flags = KSENTRY_REDIRECT_FLAGS }, \
}

/* The look-up itself first: it finds the others. */
static struct kcall lookup_kcall = {
	.name = "kallsyms_lookup_name",
	.stub = kcall_kallsyms_lookup_name,
	.required = true,
	.ops = { .func = kcall_redirect, .flags = KSENTRY_REDIRECT_FLAGS },
};

enum {
	KCALL_TRACE_ENTER,
	KCALL_ENTER_WORK,
	KCALL_X64,
	KCALL_X32,
	KCALL_IA32,
	KCALL_SIGSYS,
	KCALL_EXIT,
	KCALL_SUD_SET,
	KCALL_SUD_SET_CONFIG,
	KCALL_BPRM_CHECK,
	KCALL_PTRACE_NOTIFY,
	NR_KCALLS
};

#ifdef PTRACE_SET_SYSCALL_USER_DISPATCH_CONFIG
#define HAVE_PTRACE_SUD_CONFIG true
#else
#define HAVE_PTRACE_SUD_CONFIG false
#endif

static struct kcall kcalls[NR_KCALLS] = {
	/* One of these two, see ksentry_kcall_has_trace_enter(). */
	[KCALL_TRACE_ENTER] = KCALL(syscall_trace_enter, false),
	[KCALL_ENTER_WORK] = KCALL(syscall_enter_from_user_mode_work, false),
	[KCALL_X64] = KCALL(x64_sys_call, true),
	[KCALL_X32] = KCALL(x32_sys_call, IS_ENABLED(CONFIG_X86_X32_ABI)),
	[KCALL_IA32] = KCALL(ia32_sys_call, IS_ENABLED(CONFIG_IA32_EMULATION)),
	[KCALL_SIGSYS] = KCALL(force_sig_seccomp, true),
	[KCALL_EXIT] = KCALL(do_exit, true),
	[KCALL_SUD_SET] = KCALL(set_syscall_user_dispatch, true),
	/* Since 6.4, with the ptrace request hook.c guards. */
	[KCALL_SUD_SET_CONFIG] = KCALL(syscall_user_dispatch_set_config,
				       HAVE_PTRACE_SUD_CONFIG),
	/* Only with CONFIG_SECURITY; exec rules are refused without it. */
	[KCALL_BPRM_CHECK] = KCALL(security_bprm_check, false),
	[KCALL_PTRACE_NOTIFY] = KCALL(ptrace_notify, true),
};

/**
 * ksentry_kcall_has - Whether a stand-in reaches its kernel function
 * @stub: The stand-in, ksentry_kcall_<function>.
 *
 * Return: True if the kernel has the function and the redirect is in
 * place; false for an optional function the kernel lacks.
 */
bool ksentry_kcall_has(const void *const stub)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(kcalls); i++)
		if (kcalls[i].stub == stub)
			return kcalls[i].registered;
	return false;
}

/*
 * Debian's kernels switch x32 calls off unless booted with syscall.x32=y,
 * with this static key; a kernel without it runs them if built with them.
 * Constant while loaded.
 */
static struct static_key *x32_key;

/**
 * ksentry_kcall_x32_enabled - Whether the kernel runs x32 calls
 *
 * Return: True if do_syscall_64() would run an x32 call.
 */
bool ksentry_kcall_x32_enabled(void)
{
	if (!kcalls[KCALL_X32].registered)
		return false;
#ifdef x32_enabled
	/* Headers with the key: without it found, say no (fail closed). */
	return x32_key && static_key_enabled(x32_key);
#else
	return true;
#endif
}

/* fs/namei.c's sysctls fs.protected_regular and fs.protected_fifos. */
static const int *protected_regular, *protected_fifos;

/* A sysctl's value, or 2 (its strictest) when it was not found. */
static int sysctl_or_strictest(const int *const value)
{
	return value ? READ_ONCE(*value) : 2;
}

/**
 * ksentry_kcall_protected_regular - The value of fs.protected_regular
 *
 * Return: The sysctl's value, or 2 (fail closed) if it was not found.
 */
int ksentry_kcall_protected_regular(void)
{
	return sysctl_or_strictest(protected_regular);
}

/**
 * ksentry_kcall_protected_fifos - The value of fs.protected_fifos
 *
 * Return: The sysctl's value, or 2 (fail closed) if it was not found.
 */
int ksentry_kcall_protected_fifos(void)
{
	return sysctl_or_strictest(protected_fifos);
}

/**
 * ksentry_kcall_has_trace_enter - Whether syscall_trace_enter() is callable
 *
 * It is a function of its own from 6.8 on.  On 6.1 gcc specialises it
 * (syscall_trace_enter.constprop.0, whose arguments are its own), and only
 * syscall_enter_from_user_mode_work(), which reads the syscall work
 * itself, is there to call.
 *
 * Return: True to call ksentry_kcall_syscall_trace_enter(), false to call
 * ksentry_kcall_syscall_enter_from_user_mode_work().
 */
bool ksentry_kcall_has_trace_enter(void)
{
	return kcalls[KCALL_TRACE_ENTER].registered;
}

/* The address of kallsyms_lookup_name(), which a kprobe knows. */
static unsigned long find_lookup(void)
{
	struct kprobe kp = { .symbol_name = "kallsyms_lookup_name" };
	unsigned long addr;

	if (register_kprobe(&kp))
		return 0;
	addr = (unsigned long)kp.addr;
	unregister_kprobe(&kp);
	return addr;
}

static int register_kcall(struct kcall *const k, const unsigned long target)
{
	int err;

	if (!target) {
		if (!k->required)
			return 0;
		pr_err("no %s() in this kernel\n", k->name);
		return -ENOENT;
	}
	k->ops.private = (void *)target;
	err = ftrace_set_filter_ip(&k->ops, (unsigned long)k->stub, 0, 0);
	if (!err)
		err = register_ftrace_function(&k->ops);
	if (err) {
		pr_err("cannot redirect to %s(): %d\n", k->name, err);
		ftrace_free_filter(&k->ops);
		return err;
	}
	k->registered = true;
	return 0;
}

static void unregister_kcall(struct kcall *const k)
{
	if (!k->registered)
		return;
	unregister_ftrace_function(&k->ops);
	ftrace_free_filter(&k->ops);
	k->registered = false;
}

/**
 * ksentry_kcall_init - Find the kernel's functions and redirect to them
 *
 * Return: 0, or -ENOENT if a required function is missing, or ftrace's
 * error; nothing is left registered then.
 */
int __init ksentry_kcall_init(void)
{
	size_t i;
	int err;

	err = register_kcall(&lookup_kcall, find_lookup());
	if (err)
		return err;
	for (i = 0; i < ARRAY_SIZE(kcalls); i++) {
		err = register_kcall(&kcalls[i],
				     kcall_kallsyms_lookup_name(kcalls[i].name));
		if (err)
			goto out_unregister;
	}
	if (!kcalls[KCALL_TRACE_ENTER].registered &&
	    !kcalls[KCALL_ENTER_WORK].registered) {
		pr_err("no syscall_trace_enter() in this kernel\n");
		err = -ENOENT;
		goto out_unregister;
	}
	x32_key = (void *)kcall_kallsyms_lookup_name("x32_enabled_skey");
	protected_regular = (void *)kcall_kallsyms_lookup_name("sysctl_protected_regular");
	protected_fifos = (void *)kcall_kallsyms_lookup_name("sysctl_protected_fifos");
	/* Only the look-ups needed it. */
	unregister_kcall(&lookup_kcall);
	return 0;

out_unregister:
	ksentry_kcall_exit();
	return err;
}

/**
 * ksentry_kcall_exit - Remove the redirects
 *
 * No member is left, so no stand-in is running.
 */
void ksentry_kcall_exit(void)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(kcalls); i++)
		unregister_kcall(&kcalls[i]);
	unregister_kcall(&lookup_kcall);
}
