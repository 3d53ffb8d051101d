// SPDX-License-Identifier: GPL-2.0
/*
 * ksentry - the entries from the kernel: ftrace redirects and tracepoints
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * The syscall path: a member has the syscall user dispatch work bit set, so
 * syscall_trace_enter() calls syscall_user_dispatch() first.  An ftrace
 * callback with IPMODIFY sends the calls of ksentry's members to
 * hook_dispatch() instead; real Syscall User Dispatch users keep the
 * kernel's function.  Tasks without the bit never reach any of this, which
 * is why tasks outside every sandbox pay nothing per syscall.
 *
 * The same kind of redirect guards the kernel functions that would let a
 * member's dispatch configuration be rewritten (prctl and ptrace).
 *
 * The kernel clears the work bit at fork and exec; the sched_process_fork
 * and sched_process_exec tracepoints re-arm it, and sched_process_exit
 * drops a member's reference.
 */

#include "common.h"

#include <linux/binfmts.h>
#include <linux/err.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/ftrace.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/string.h>
#include <linux/tracepoint.h>
#include <linux/wait_bit.h>

#include "compat.h"
#include "dispatch.h"
#include "hook.h"
#include "kcall.h"
#include "observe.h"
#include "pathrule.h"
#include "policy.h"
#include "sandbox.h"
#include "task.h"

/*
 * The redirects of the setters and of security_bprm_check() let through
 * the call their own replacement makes, through kcall.c's stand-in: the
 * kernel's function then returns into this module.  The replacement must
 * therefore call the stand-in as a real call, not jump to it as a tail
 * call, which would leave the kernel's caller as the return address and
 * send the call around again.
 */
#define KSENTRY_NO_TAIL_CALL() barrier()

/*
 * Takes the place of syscall_user_dispatch() for members.  Only the ftrace
 * callback below sends calls here, and only for members: the slot's
 * sandbox needs no second check.
 */
static bool hook_dispatch(struct pt_regs *const regs)
{
	struct ksentry_sandbox *const sandbox =
		ksentry_task_sandbox_unchecked(current);
	const u32 action = ksentry_dispatch_fast(sandbox, regs);

	if (likely(action == KSENTRY_ACT_ALLOW))
		return false;
	/*
	 * An emulated call the table decides alone skips the slow path,
	 * unless the host's observers must see it first.
	 */
	if (action && ksentry_action_type(action) == KSENTRY_ACT_EMULATE &&
	    !ksentry_observed(ksentry_syscall_work()))
		return ksentry_dispatch_emulated(sandbox, regs, action);
	return ksentry_dispatch_slow(sandbox, regs);
}

/*
 * The tasks inside hook_set_prctl() or hook_set_config(): any task, not
 * only members, so none holds a reference on the module, and the setter
 * they call may sleep as long as user space likes (a copy from a page
 * userfaultfd holds back).  ksentry_hook_exit() waits for none to be left.
 * Each increments it before it may sleep, and decrements it last.
 */
static atomic_t setters_inside = ATOMIC_INIT(0);

static void setter_enter(void)
{
	atomic_inc(&setters_inside);
}

static void setter_leave(void)
{
	if (atomic_dec_and_test(&setters_inside))
		wake_up_var(&setters_inside);
}

/*
 * Takes the place of set_syscall_user_dispatch() for every caller but this
 * module: a member may not change its configuration, and a task being
 * joined by a binding waits for the join (see ksentry_task_config_lock()).
 */
static int hook_set_prctl(const unsigned long mode, const unsigned long offset,
			  const unsigned long len, char __user *const selector)
{
	int ret = -EPERM;

	setter_enter();
	ksentry_task_config_lock();
	if (!ksentry_task_sandbox_fast(current))
		ret = ksentry_kcall_set_syscall_user_dispatch(mode, offset, len,
							      selector);
	KSENTRY_NO_TAIL_CALL();
	ksentry_task_config_unlock();
	setter_leave();
	return ret;
}

/* The same for the ptrace setter: neither tracer nor tracee a member. */
static int hook_set_config(struct task_struct *const task,
			   const unsigned long size, void __user *const data)
{
	int ret = -EPERM;

	setter_enter();
	ksentry_task_config_lock();
	if (!ksentry_task_sandbox_fast(current) && !ksentry_task_is_member(task))
		ret = ksentry_kcall_syscall_user_dispatch_set_config(task, size,
								     data);
	KSENTRY_NO_TAIL_CALL();
	ksentry_task_config_unlock();
	setter_leave();
	return ret;
}

/* Takes the place of the ptrace getter when a member is involved. */
static int hook_refuse_config(struct task_struct *task, unsigned long size,
			      void __user *data)
{
	return -EPERM;
}

/*
 * The action of the path rules for a member's exec of @file: 0 when
 * nothing stops it.  May sleep.
 */
static u32 exec_decision(struct ksentry_sandbox *const sandbox,
			 const struct file *const file)
{
	struct dentry *const real = ksentry_path_real(&file->f_path);
	const struct ksentry_policy *policy;
	u32 action = 0;

	preempt_disable_notrace();
	policy = rcu_dereference_sched(sandbox->policy);
	if (policy->paths && policy->paths->has_exec)
		action = ksentry_paths_decide(policy->paths, &file->f_path,
					      real, KSENTRY_ACCESS_EXEC);
	preempt_enable_notrace();
	switch (ksentry_action_type(action)) {
	case KSENTRY_ACT_ERRNO:
	case KSENTRY_ACT_KILL_PROCESS:
		return action;
	default:
		return 0;
	}
}

/*
 * Takes the place of security_bprm_check() for a member, before the
 * file's format handler runs: the path rules decide on the file the kernel
 * loads; an exec they refuse fails and the old image goes on (or, for
 * KILL_PROCESS, dies); one they allow goes on to the LSMs.
 */
static int hook_check_exec(struct linux_binprm *const bprm)
{
	struct ksentry_sandbox *const sandbox = ksentry_task_sandbox(current);
	const u32 action = sandbox ? exec_decision(sandbox, bprm->file) : 0;
	int ret;

	if (ksentry_action_type(action) == KSENTRY_ACT_ERRNO)
		return -(int)ksentry_action_data(action);
	if (action) {
		force_sig(SIGKILL);
		return -EACCES;
	}
	ret = ksentry_kcall_security_bprm_check(bprm);
	/* Not a tail call: see KSENTRY_NO_TAIL_CALL(). */
	KSENTRY_NO_TAIL_CALL();
	return ret;
}

/*
 * Takes the place of ptrace_notify() for a member's syscall-entry stop
 * that no tracer asked for any more: see hook_ftrace_ptrace_notify().
 */
static int hook_no_entry_stop(const int exit_code, const unsigned long message)
{
	return 0;
}

/*
 * Whether ptrace_notify(@exit_code, @message) is a syscall-entry stop or a
 * seccomp stop.  A syscall stop is SIGTRAP (| 0x80 with
 * PTRACE_O_TRACESYSGOOD), its message says entry or exit; an event is
 * (event << 8) | SIGTRAP, whose message is the event's own (a seccomp
 * filter's data, an exit code, a pid), which may be anything.
 */
static bool is_entry_stop(const int exit_code, const unsigned long message)
{
	if ((exit_code & ~0x80) == SIGTRAP)
		return message == PTRACE_EVENTMSG_SYSCALL_ENTRY;
	return exit_code == (SIGTRAP | PTRACE_EVENT_SECCOMP << 8);
}

/*
 * Takes the place of ptrace_notify() for a member's syscall-entry and
 * seccomp stops: the stop, then the table's decision on the call as the
 * tracer left it.  A member's on_dispatch is ksentry's, and not read before
 * the call's exit: set, it says that the stop is decided where it ends.
 * It is set while the dispatcher shows an emulated call to the observers
 * (see observe_then_apply()), which decides once the last one is done;
 * and during the stop, for ksentry_hook_undecided_stop().
 */
static int hook_entry_stop(const int exit_code, const unsigned long message)
{
	const bool observing = current->syscall_dispatch.on_dispatch;
	int ret;

	current->syscall_dispatch.on_dispatch = true;
	ret = ksentry_kcall_ptrace_notify(exit_code, message);
	current->syscall_dispatch.on_dispatch = observing;
	if (!observing)
		ksentry_dispatch_after_stop(current_pt_regs());
	return ret;
}

/**
 * ksentry_hook_undecided_stop - Whether a task's stop may escape the table
 * @task: A member, with a reference.
 *
 * A task that became a member while its tracer held it at a syscall-entry
 * or seccomp stop, or on its way into one, stops in the kernel's
 * ptrace_notify(), not in hook_entry_stop(): the call, as the tracer
 * leaves it, would not be decided.  Which stop a task is in cannot be
 * told from anything its tracer cannot rewrite (the tracer's wait clears
 * its exit code, PTRACE_SETSIGINFO rewrites the siginfo that holds it, a
 * seccomp stop's message is the filter's data), so every stop but those
 * ksentry decides counts.  Read without the task's locks: the caller
 * kills such a task (see ksentry_sandbox_bind()).
 *
 * Return: True if @task is stopped by its tracer, and not in a stop that
 * ksentry decides when it ends.
 */
bool ksentry_hook_undecided_stop(const struct task_struct *const task)
{
	return task_is_traced(task) &&
	       !READ_ONCE(task->syscall_dispatch.on_dispatch);
}

/*
 * Takes the place of arch_syscall_is_vdso_sigreturn() for a member: only
 * the kernel's own syscall_user_dispatch() calls it, and then only if the
 * redirect to the dispatcher was not taken; its answer would let a call
 * from the 32-bit vDSO's sigreturn pad through, before the slot's guard.
 */
static bool hook_not_vdso_sigreturn(struct pt_regs *const regs)
{
	return false;
}

/*
 * Takes the place of open_exec() for a member: the kernel opens with it
 * the ELF interpreter a program names (PT_INTERP) and binfmt_misc's
 * interpreters, which never meet security_bprm_check().  The path rules
 * decide on the file it opened, as for the program itself.
 */
static struct file *hook_open_exec(const char *const name)
{
	struct ksentry_sandbox *const sandbox = ksentry_task_sandbox(current);
	struct file *const file = open_exec(name);
	u32 action;

	if (IS_ERR(file) || !sandbox)
		return file;
	action = exec_decision(sandbox, file);
	if (!action)
		return file;
	ksentry_exec_file_put(file);
	if (ksentry_action_type(action) == KSENTRY_ACT_ERRNO)
		return ERR_PTR(-(int)ksentry_action_data(action));
	force_sig(SIGKILL);
	return ERR_PTR(-EACCES);
}

/*
 * The ftrace callbacks run on every call of the traced function by anyone,
 * so they only test and redirect; they call nothing that ftrace could
 * trace in turn.
 */
static void notrace hook_ftrace_dispatch(unsigned long ip,
					 unsigned long parent_ip,
					 struct ftrace_ops *ops,
					 struct ftrace_regs *fregs)
{
	if (ksentry_task_sandbox_fast(current))
		ksentry_fregs_set_ip(fregs, (unsigned long)hook_dispatch);
}

/*
 * Every call of the setters goes through hook_set_*(), but the one they
 * make themselves.
 */
static void notrace hook_ftrace_prctl(unsigned long ip, unsigned long parent_ip,
				      struct ftrace_ops *ops,
				      struct ftrace_regs *fregs)
{
	if (!within_module(parent_ip, THIS_MODULE))
		ksentry_fregs_set_ip(fregs, (unsigned long)hook_set_prctl);
}

static void notrace hook_ftrace_set_config(unsigned long ip,
					   unsigned long parent_ip,
					   struct ftrace_ops *ops,
					   struct ftrace_regs *fregs)
{
	if (!within_module(parent_ip, THIS_MODULE))
		ksentry_fregs_set_ip(fregs, (unsigned long)hook_set_config);
}

static void notrace hook_ftrace_get_config(unsigned long ip,
					   unsigned long parent_ip,
					   struct ftrace_ops *ops,
					   struct ftrace_regs *fregs)
{
	const struct task_struct *const task =
		(void *)ksentry_fregs_arg(fregs, 0);

	if (ksentry_task_sandbox_fast(current) || ksentry_task_is_member(task))
		ksentry_fregs_set_ip(fregs, (unsigned long)hook_refuse_config);
}

/*
 * syscall_trace_enter() decides on a copy of the syscall work it read
 * before the dispatcher ran.  A tracer that asked for syscall stops may
 * be gone since (its exit unlinked it and cleared the bit), and another
 * attached meanwhile without asking: the kernel would still stop the
 * member at the entry of a call the dispatcher let through without a
 * tracer, and the new tracer could change it.  A member's entry stop
 * that its syscall work no longer asks for is therefore not made.
 */
static void notrace hook_ftrace_ptrace_notify(unsigned long ip,
					      unsigned long parent_ip,
					      struct ftrace_ops *ops,
					      struct ftrace_regs *fregs)
{
	const int exit_code = ksentry_fregs_arg(fregs, 0);
	const unsigned long work = ksentry_syscall_work();

	if (!ksentry_task_sandbox_fast(current) ||
	    within_module(parent_ip, THIS_MODULE) ||
	    !is_entry_stop(exit_code, ksentry_fregs_arg(fregs, 1)))
		return;
	if (exit_code == (SIGTRAP | PTRACE_EVENT_SECCOMP << 8)) {
		/* Made by a filter, whatever the syscall work says now. */
		ksentry_fregs_set_ip(fregs, (unsigned long)hook_entry_stop);
	} else if (!(work & (SYSCALL_WORK_SYSCALL_TRACE | SYSCALL_WORK_SYSCALL_EMU))) {
		ksentry_fregs_set_ip(fregs, (unsigned long)hook_no_entry_stop);
	} else if (!(work & SYSCALL_WORK_SYSCALL_EMU)) {
		/* Under PTRACE_SYSEMU the call is skipped, the tracer answers. */
		ksentry_fregs_set_ip(fregs, (unsigned long)hook_entry_stop);
	}
}

static void notrace hook_ftrace_vdso_sigreturn(unsigned long ip,
					       unsigned long parent_ip,
					       struct ftrace_ops *ops,
					       struct ftrace_regs *fregs)
{
	if (ksentry_task_sandbox_fast(current))
		ksentry_fregs_set_ip(fregs, (unsigned long)hook_not_vdso_sigreturn);
}

/* A member's open_exec(), but the one hook_open_exec() makes. */
static void notrace hook_ftrace_open_exec(unsigned long ip,
					  unsigned long parent_ip,
					  struct ftrace_ops *ops,
					  struct ftrace_regs *fregs)
{
	if (ksentry_task_sandbox_fast(current) &&
	    !within_module(parent_ip, THIS_MODULE))
		ksentry_fregs_set_ip(fregs, (unsigned long)hook_open_exec);
}

/*
 * security_bprm_check() runs for each file an exec loads (a script, then
 * its interpreter) with that file opened: the decision is made on the
 * object the kernel will run, whatever the path said.  Other tasks pay
 * this test once per exec, never per syscall.  The decision itself is
 * made in hook_check_exec(), not here: a callback calls nothing traceable.
 */
static void notrace hook_ftrace_bprm(unsigned long ip, unsigned long parent_ip,
				     struct ftrace_ops *ops,
				     struct ftrace_regs *fregs)
{
	if (ksentry_task_sandbox_fast(current) &&
	    !within_module(parent_ip, THIS_MODULE))
		ksentry_fregs_set_ip(fregs, (unsigned long)hook_check_exec);
}

/**
 * struct redirect - One kernel function replaced for members
 * @func: The function's name.
 * @required: Whether loading must fail without it.  The ptrace
 *            configuration calls exist since Linux 6.4 only.
 * @ops: The ftrace registration.
 * @registered: Whether @ops is registered.
 */
struct redirect {
	const char *func;
	bool required;
	struct ftrace_ops ops;
	bool registered;
};

#define REDIRECT(name, callback, req) {			\
	.func = name,					\
	.required = req,				\
	.ops = { .func = callback, .flags = KSENTRY_REDIRECT_FLAGS }, \
}

#ifdef PTRACE_SET_SYSCALL_USER_DISPATCH_CONFIG
#define HAVE_SUD_CONFIG true
#else
#define HAVE_SUD_CONFIG false
#endif

static struct redirect redirects[] = {
	REDIRECT("syscall_user_dispatch", hook_ftrace_dispatch, true),
	REDIRECT("set_syscall_user_dispatch", hook_ftrace_prctl, true),
	REDIRECT("syscall_user_dispatch_set_config", hook_ftrace_set_config,
		 HAVE_SUD_CONFIG),
	REDIRECT("syscall_user_dispatch_get_config", hook_ftrace_get_config,
		 HAVE_SUD_CONFIG),
	REDIRECT("ptrace_notify", hook_ftrace_ptrace_notify, true),
	/* A second line behind the first; not every kernel can trace it. */
	REDIRECT("arch_syscall_is_vdso_sigreturn", hook_ftrace_vdso_sigreturn,
		 false),
	/* Keep these two last: see ksentry_hook_has_exec_rules(). */
	REDIRECT("open_exec", hook_ftrace_open_exec, false),
	REDIRECT("security_bprm_check", hook_ftrace_bprm, false),
};

static int register_redirect(struct redirect *const r)
{
	int err;

	err = ftrace_set_filter(&r->ops, (unsigned char *)r->func,
				strlen(r->func), 0);
	if (err) {
		if (!r->required)
			return 0;
		pr_err("cannot trace %s(): %d\n", r->func, err);
		return err;
	}
	err = register_ftrace_function(&r->ops);
	if (err) {
		pr_err("cannot redirect %s(): %d\n", r->func, err);
		ftrace_free_filter(&r->ops);
		return err;
	}
	r->registered = true;
	return 0;
}

/**
 * ksentry_hook_has_exec_rules - Whether exec path rules can be enforced
 *
 * A kernel without CONFIG_SECURITY has no security_bprm_check() to
 * redirect; policies with exec rules are refused there, as they are
 * should open_exec() not be redirected (the ELF interpreter would go
 * undecided).
 *
 * Return: True if the exec check is in place.
 */
bool ksentry_hook_has_exec_rules(void)
{
	return redirects[ARRAY_SIZE(redirects) - 1].registered &&
	       redirects[ARRAY_SIZE(redirects) - 2].registered &&
	       ksentry_kcall_has(ksentry_kcall_security_bprm_check);
}

#ifdef KSENTRY_FAULT_INJECT
/**
 * ksentry_hook_fault_drop_dispatch - Take the syscall redirect away or back
 * @drop: True to unregister it, false to register it again.
 *
 * For fault.c only; the caller serialises the calls.
 *
 * Return: 0, or ftrace's error registering it again.
 */
int ksentry_hook_fault_drop_dispatch(const bool drop)
{
	struct redirect *const r = &redirects[0];
	int err;

	if (drop != r->registered)
		return 0;
	if (drop) {
		unregister_ftrace_function(&r->ops);
		r->registered = false;
		return 0;
	}
	err = register_ftrace_function(&r->ops);
	r->registered = !err;
	return err;
}
#endif /* KSENTRY_FAULT_INJECT */

static void unregister_redirects(void)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(redirects); i++) {
		if (!redirects[i].registered)
			continue;
		unregister_ftrace_function(&redirects[i].ops);
		ftrace_free_filter(&redirects[i].ops);
		redirects[i].registered = false;
	}
}

static void hook_fork(void *data, struct task_struct *const parent,
		      struct task_struct *const child)
{
	struct ksentry_sandbox *sandbox;

	sandbox = ksentry_task_sandbox(parent);
	if (sandbox) {
		ksentry_task_join(child, sandbox);
		return;
	}
	sandbox = ksentry_sandbox_of_new_task(child);
	if (sandbox) {
		ksentry_task_join(child, sandbox);
		ksentry_sandbox_put(sandbox);
	}
}

static void hook_exec(void *data, struct task_struct *const task,
		      const pid_t old_pid, struct linux_binprm *const bprm)
{
	ksentry_task_rearm(task);
}

static void hook_exit(void *data, struct task_struct *const task)
{
	/*
	 * A binding in progress may be joining this task: take the task lock
	 * then, so the join and this leave cannot miss each other.
	 */
	if (ksentry_task_sandbox_fast(task) || !ksentry_sandbox_bindings_empty())
		ksentry_task_leave(task);
}

/**
 * struct probe - One tracepoint of the scheduler
 * @name: The tracepoint's name.
 * @func: The probe.
 * @tp: The tracepoint, once found.
 */
struct probe {
	const char *name;
	void *func;
	struct tracepoint *tp;
};

static struct probe probes[] = {
	{ .name = "sched_process_fork", .func = hook_fork },
	{ .name = "sched_process_exec", .func = hook_exec },
	{ .name = "sched_process_exit", .func = hook_exit },
};

static void find_probe(struct tracepoint *const tp, void *const priv)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(probes); i++)
		if (!strcmp(tp->name, probes[i].name))
			probes[i].tp = tp;
}

static void unregister_probes(void)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(probes); i++) {
		if (probes[i].tp)
			tracepoint_probe_unregister(probes[i].tp,
						    probes[i].func, NULL);
		probes[i].tp = NULL;
	}
	tracepoint_synchronize_unregister();
}

static int register_probes(void)
{
	size_t i;
	int err;

	for_each_kernel_tracepoint(find_probe, NULL);
	for (i = 0; i < ARRAY_SIZE(probes); i++) {
		if (!probes[i].tp) {
			pr_err("no tracepoint %s\n", probes[i].name);
			err = -ENOENT;
			goto out_unregister;
		}
		err = tracepoint_probe_register(probes[i].tp, probes[i].func,
						NULL);
		if (err) {
			pr_err("cannot attach to %s: %d\n", probes[i].name, err);
			probes[i].tp = NULL;
			goto out_unregister;
		}
	}
	return 0;

out_unregister:
	unregister_probes();
	return err;
}

/**
 * ksentry_hook_init - Attach to the kernel
 *
 * Return: 0, or the error of the first attachment that failed, with
 * nothing left attached.
 */
int __init ksentry_hook_init(void)
{
	size_t i;
	int err;

	for (i = 0; i < ARRAY_SIZE(redirects); i++) {
		err = register_redirect(&redirects[i]);
		if (err)
			goto out_unregister;
	}
	err = register_probes();
	if (err)
		goto out_unregister;
	return 0;

out_unregister:
	unregister_redirects();
	return err;
}

/**
 * ksentry_hook_exit - Detach from the kernel
 *
 * No member exists any more: each would pin the module.  A task of the
 * host inside a dispatch setter's stand-in is waited for.
 */
void ksentry_hook_exit(void)
{
	unregister_probes();
	unregister_redirects();
	/*
	 * No task enters a setter's stand-in any more.  One sent there
	 * before reaches setter_enter() before it can first schedule (RCU
	 * Tasks waits for that); then wait for each to leave, and for the
	 * instructions after setter_leave().
	 */
	synchronize_rcu_tasks();
	wait_var_event(&setters_inside, !atomic_read(&setters_inside));
	synchronize_rcu_tasks();
}
