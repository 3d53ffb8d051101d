// SPDX-License-Identifier: GPL-2.0
/*
 * ksentry - the host's observers of a member's call
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * The table decides first: the dispatcher runs in place of
 * syscall_user_dispatch(), the first step of syscall_trace_enter().  A
 * call it lets through then meets, as on the host, the member's tracer
 * (syscall-entry stops, PTRACE_SYSEMU), its seccomp filters (strict mode
 * included), the raw_syscalls:sys_enter tracepoint and audit, which is
 * the rest of syscall_trace_enter().
 *
 * An emulated call cannot simply be handed back to the kernel there: the
 * kernel would run the host's implementation after the observers.  (A
 * call a tracer changes at a stop is decided again when the stop ends,
 * see ksentry_dispatch_after_stop().)
 *
 * For such a call the dispatcher runs the rest of syscall_trace_enter()
 * itself, without the dispatch bit (ksentry_observe()), then decides
 * again on what the observers left, and carries the call out: emulated,
 * refused, or run with the kernel's own dispatcher (ksentry_run_host()),
 * exactly as do_syscall_64() and do_int80_syscall_32() would.  The kernel
 * skips the call afterwards, since the dispatcher reports it skipped; the
 * exit work (the tracer's syscall-exit stop, audit, sys_exit) is the
 * kernel's.
 */

#include "common.h"

#include <asm/syscall.h>
#include <asm/unistd.h>
#include <linux/entry-common.h>
#include <linux/nospec.h>
#include <linux/sched.h>

#include "kcall.h"
#include "observe.h"

/**
 * ksentry_observe - Show a call to the host's observers
 * @regs: The registers at syscall entry.
 * @work: current's syscall work, as the entry code read it.
 *
 * Runs syscall_trace_enter() without the dispatch bit, so the dispatcher
 * is not entered again.  The observers may stop current, change @regs,
 * answer the call or kill current.
 *
 * Return: The syscall number to run, from @regs, or -1 when an observer
 * skipped the call (regs->ax holds its result then).
 */
long ksentry_observe(struct pt_regs *const regs, const unsigned long work)
{
	const unsigned long others = work & ~SYSCALL_WORK_SYSCALL_USER_DISPATCH;
	const long nr = syscall_get_nr(current, regs);
	long ret;

	if (ksentry_kcall_has_trace_enter())
		return ksentry_kcall_syscall_trace_enter(regs, nr, others);
	/*
	 * The wrapper reads the work itself: take the dispatch bit off
	 * current for the call.  Only current changes its own bit in the
	 * middle of a call (a member's binding leaves a member alone), and
	 * exit, which clears it for good, comes after this returns.
	 */
	clear_task_syscall_work(current, SYSCALL_USER_DISPATCH);
	ret = ksentry_kcall_syscall_enter_from_user_mode_work(regs, nr);
	set_task_syscall_work(current, SYSCALL_USER_DISPATCH);
	return ret;
}

/**
 * ksentry_run_host - Run a call with the host's implementation
 * @regs: The registers of the call; regs->ax receives the result.
 * @abi: The call's ABI.
 * @nr: The call's number in @abi, without __X32_SYSCALL_BIT.
 *
 * As do_syscall_64() and do_int80_syscall_32() run a call: a number out of
 * range fails with ENOSYS, and so does an x32 call when the kernel does
 * not run them (Debian's kernels, unless booted with syscall.x32=y).
 */
void ksentry_run_host(struct pt_regs *const regs, const enum ksentry_abi abi,
		      const unsigned long nr)
{
	switch (abi) {
	case KSENTRY_ABI_X86_64:
		if (nr >= NR_syscalls)
			break;
		regs->ax = ksentry_kcall_x64_sys_call(regs,
						      array_index_nospec(nr, NR_syscalls));
		return;
#ifdef CONFIG_X86_X32_ABI
	case KSENTRY_ABI_X32:
		if (nr >= X32_NR_syscalls || !ksentry_kcall_x32_enabled())
			break;
		regs->ax = ksentry_kcall_x32_sys_call(regs,
						      array_index_nospec(nr, X32_NR_syscalls));
		return;
#endif
#ifdef CONFIG_IA32_EMULATION
	case KSENTRY_ABI_IA32:
		if (nr >= IA32_NR_syscalls)
			break;
		regs->ax = ksentry_kcall_ia32_sys_call(regs,
						       array_index_nospec(nr, IA32_NR_syscalls));
		return;
#endif
	default:
		break;
	}
	/* sys_ni_syscall() */
	regs->ax = -ENOSYS;
}
