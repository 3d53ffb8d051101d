// SPDX-License-Identifier: GPL-2.0
/*
 * ksentry - deciding a member's syscall and carrying out the decision
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * The dispatcher runs in place of syscall_user_dispatch(), first in
 * syscall_trace_enter(): the table decides before ptrace, seccomp,
 * tracepoints and audit see the call.  Returning true skips the call with
 * regs->ax as its result; returning false lets the kernel go on with it.
 *
 * A call the table refuses is refused there, before anything else sees
 * it, as a call an outer seccomp filter refuses.  A call it lets through
 * meets the host's observers as on the host (see observe.c); when the
 * module answers it, or a tracer could change it, the observers run
 * first, and what they leave is decided again.
 */

#include "common.h"

#include <asm/syscall.h>
#include <asm/unistd.h>
#include <linux/ptrace.h>
#include <linux/prctl.h>
#include <linux/rcupdate.h>
#include <linux/sched/signal.h>
#include <linux/signal.h>
#include <linux/syscalls.h>
#include <uapi/linux/audit.h>

#include "compat.h"
#include "dispatch.h"
#include "emulate.h"
#include "kcall.h"
#include "observe.h"
#include "policy.h"
#include "sandbox.h"
#include "stats.h"
#include "task.h"

#define CREATE_TRACE_POINTS
#include "trace.h"

/* The numbers of prctl and ptrace in each ABI. */
struct abi_numbers {
	unsigned long prctl;
	unsigned long ptrace;
};

static const struct abi_numbers abi_numbers[] = {
	[KSENTRY_ABI_X86_64] = { .prctl = KSENTRY_NR_PRCTL,
				 .ptrace = KSENTRY_NR_PTRACE },
	[KSENTRY_ABI_IA32] = { .prctl = 172, .ptrace = 26 },
	[KSENTRY_ABI_X32] = { .prctl = 157, .ptrace = 521 },
};

static_assert(__NR_prctl == KSENTRY_NR_PRCTL);
static_assert(__NR_ptrace == KSENTRY_NR_PTRACE);

/* Which ABI, which number, which arguments: read once from @regs. */
static __always_inline enum ksentry_abi
read_call(const struct pt_regs *const regs, unsigned long *const nr,
	  unsigned long args[6])
{
	if (in_ia32_syscall()) {
		*nr = regs->orig_ax & 0xffffffffUL;
		args[0] = regs->bx & 0xffffffffUL;
		args[1] = regs->cx & 0xffffffffUL;
		args[2] = regs->dx & 0xffffffffUL;
		args[3] = regs->si & 0xffffffffUL;
		args[4] = regs->di & 0xffffffffUL;
		args[5] = regs->bp & 0xffffffffUL;
		return KSENTRY_ABI_IA32;
	}
	/*
	 * The kernel runs the low 32 bits of the number (do_syscall_64()
	 * takes an int), so those are what the table decides; seccomp reads
	 * them the same way.  High bits must not lead to another entry.
	 */
	*nr = regs->orig_ax & 0xffffffffUL;
	args[0] = regs->di;
	args[1] = regs->si;
	args[2] = regs->dx;
	args[3] = regs->r10;
	args[4] = regs->r8;
	args[5] = regs->r9;
	if (*nr & __X32_SYSCALL_BIT) {
		*nr &= ~(unsigned long)__X32_SYSCALL_BIT;
		return KSENTRY_ABI_X32;
	}
	return KSENTRY_ABI_X86_64;
}

/*
 * The calls a member may never make, whatever its policy: switching off
 * the dispatch (prctl, or ptrace on another member), and attaching to
 * another member with seccomp stops at once (PTRACE_SEIZE with
 * PTRACE_O_TRACESECCOMP).  The last is kept refused as it was, although a
 * call changed at any syscall-entry or seccomp stop is now decided again
 * when the stop ends (ksentry_dispatch_after_stop()), which is why other
 * tracers of members are fine.
 */
static __always_inline bool is_escape(const enum ksentry_abi abi,
				      const unsigned long nr,
				      const unsigned long args[6])
{
	const struct abi_numbers *const n = &abi_numbers[abi];

	if (nr == n->prctl)
		return (int)args[0] == PR_SET_SYSCALL_USER_DISPATCH;
	if (nr != n->ptrace)
		return false;
	switch (args[0]) {
	case 0x4210: /* PTRACE_SET_SYSCALL_USER_DISPATCH_CONFIG */
	case 0x4211: /* PTRACE_GET_SYSCALL_USER_DISPATCH_CONFIG */
		return true;
	case PTRACE_SEIZE:
		return args[3] & PTRACE_O_TRACESECCOMP;
	default:
		return false;
	}
}

/*
 * SIGSYS as seccomp sends it, with the kernel's own function: a handler
 * gets the siginfo (si_code SYS_SECCOMP, the call, the ABI, @reason in
 * si_errno); a SIGSYS that is ignored or blocked, even by another thread
 * meanwhile, is reset to its default under the signal lock, and the
 * process dies of it, even as the init of its pid namespace.
 */
static __always_inline void send_trap(struct pt_regs *const regs, const u32 reason)
{
	/* The handler sees the registers as they were at the call. */
	syscall_rollback(current, regs);
	ksentry_kcall_force_sig_seccomp(syscall_get_nr(current, regs), reason,
					false);
}

/*
 * KILL_THREAD: the last thread of a process takes the process with it.
 * Another thread exits at once, as seccomp's KILL_THREAD makes it: on any
 * ABI and whatever the kernel runs, nothing of the call is left to run.
 */
static __always_inline void kill_thread(void)
{
	if (atomic_read(&current->signal->live) <= 1) {
		force_sig(SIGKILL);
		return;
	}
	ksentry_kcall_do_exit(SIGSYS);
}

/*
 * EMULATE: the handler answers, and the host's implementation is skipped;
 * or the handler passes the call on (a form it does not emulate).
 */
static __always_inline bool emulate(struct pt_regs *const regs,
				    const u32 handler,
				    const struct ksentry_emu_call *const call)
{
	long ret;

	if (!ksentry_emulate(handler, call, &ret))
		return false;
	syscall_set_return_value(current, regs, ret < 0 ? ret : 0, ret);
	return true;
}

/* Carry out @action; returns whether the call is skipped. */
static __always_inline bool apply(struct pt_regs *const regs,
				  const u32 action,
				  const struct ksentry_emu_call *const call)
{
	const u32 data = ksentry_action_data(action);

	switch (ksentry_action_type(action)) {
	case KSENTRY_ACT_ALLOW:
	case KSENTRY_ACT_LOG:
		return false;
	case KSENTRY_ACT_EMULATE:
		return emulate(regs, data, call);
	case KSENTRY_ACT_ERRNO:
		syscall_set_return_value(current, regs, -(long)data, 0);
		return true;
	case KSENTRY_ACT_TRAP:
		send_trap(regs, data);
		return true;
	case KSENTRY_ACT_KILL_THREAD:
		/* Only a missing redirect comes back, SIGKILL pending. */
		kill_thread();
		syscall_set_return_value(current, regs, -ENOSYS, 0);
		return true;
	case KSENTRY_ACT_KILL_PROCESS:
		break;
	default:
		/* Validation lets nothing else through: fail closed. */
		WARN_ON_ONCE(1);
		break;
	}
	syscall_set_return_value(current, regs, -ENOSYS, 0);
	force_sig(SIGKILL);
	return true;
}

/*
 * A call skipped before the host's observers saw its entry: they must not
 * see its exit either (a tracer's syscall-exit stop, audit's exit record,
 * sys_exit), as the kernel's own Syscall User Dispatch does it.
 * on_dispatch, which is ksentry's for a member, makes syscall_exit_work()
 * skip them, and is cleared there.
 */
static __always_inline bool unseen(const bool skipped)
{
	if (skipped)
		current->syscall_dispatch.on_dispatch = true;
	return skipped;
}

/**
 * ksentry_dispatch_emulated - Answer a call the table's one load emulates
 * @sandbox: The member's sandbox.
 * @regs: The registers at syscall entry.
 * @action: The EMULATE action ksentry_dispatch_fast() found.
 *
 * The number is an x86-64 one below the table's end, without argument
 * rules and neither prctl nor ptrace: nothing is left to decide.  The
 * call is counted and traced as ksentry_dispatch_slow() would.
 *
 * Return: True if the call is skipped, with regs->ax its result.
 */
bool ksentry_dispatch_emulated(struct ksentry_sandbox *const sandbox,
			       struct pt_regs *const regs, const u32 action)
{
	const unsigned long nr = (u32)regs->orig_ax;
	const unsigned long args[6] = {
		regs->di, regs->si, regs->dx, regs->r10, regs->r8, regs->r9,
	};
	const struct ksentry_emu_call call = { .sandbox = sandbox, .args = args };

	ksentry_stats_count(sandbox->stats, nr, action);
	trace_ksentry_decision(sandbox->id, current->pid, AUDIT_ARCH_X86_64,
			       regs->orig_ax, action, args);
	return unseen(emulate(regs, ksentry_action_data(action), &call));
}

/**
 * struct decision - A call read from the registers, and the table's action
 * @abi: The call's ABI.
 * @nr: Its number, without __X32_SYSCALL_BIT.
 * @args: Its six arguments.
 * @action: What the table gives it.
 */
struct decision {
	enum ksentry_abi abi;
	unsigned long nr;
	unsigned long args[6];
	u32 action;
};

/*
 * Read the call in @regs and decide it in full: the escapes, the table,
 * the argument rules.  The decision is counted, and traced unless it is
 * an ALLOW.
 */
static __always_inline void decide(struct ksentry_sandbox *const sandbox,
				   const struct pt_regs *const regs,
				   struct decision *const d)
{
	const struct ksentry_policy *policy;

	d->abi = read_call(regs, &d->nr, d->args);
	if (unlikely(is_escape(d->abi, d->nr, d->args))) {
		d->action = KSENTRY_ACT_ERRNO_OF(EPERM);
	} else {
		/* As in ksentry_dispatch_fast(): an RCU-sched read side. */
		preempt_disable();
		policy = rcu_dereference_sched(sandbox->policy);
		d->action = ksentry_policy_decide(policy, d->abi, d->nr, d->args);
		preempt_enable();
	}
	ksentry_stats_count(sandbox->stats, ksentry_stats_slot(d->abi, d->nr),
			    d->action);
	if (ksentry_action_type(d->action) != KSENTRY_ACT_ALLOW)
		trace_ksentry_decision(sandbox->id, current->pid,
				       syscall_get_arch(current), regs->orig_ax,
				       d->action, d->args);
}

/* Whether two readings of a call differ: ABI, number or an argument. */
static __always_inline bool call_changed(const struct decision *const a,
					 const struct decision *const b)
{
	return a->abi != b->abi || a->nr != b->nr ||
	       memcmp(a->args, b->args, sizeof(a->args));
}

/*
 * Show the call to the host's observers, then carry out the table's
 * decision on what they leave: run, answer or refuse the call here, since
 * the kernel must not show it to them again.
 */
static bool observe_then_apply(struct ksentry_sandbox *const sandbox,
			       struct pt_regs *const regs,
			       const struct decision *const before,
			       const unsigned long work)
{
	const u32 seq = READ_ONCE(sandbox->policy_seq);
	struct ksentry_emu_call call = { .sandbox = sandbox };
	struct decision now;
	long observed;

	/*
	 * The stops the observers make are decided here, once every
	 * observer has seen the call (see hook_entry_stop()).
	 */
	current->syscall_dispatch.on_dispatch = true;
	observed = ksentry_observe(regs, work);
	current->syscall_dispatch.on_dispatch = false;
	if (observed == -1L)
		return true;
	now.abi = read_call(regs, &now.nr, now.args);
	now.action = before->action;
	/*
	 * A tracer changed the call at its stop, or the policy was replaced
	 * while a stop or a seccomp supervisor held it: the table decides
	 * anew.
	 */
	if (call_changed(before, &now) ||
	    READ_ONCE(sandbox->policy_seq) != seq)
		decide(sandbox, regs, &now);
	call.args = now.args;
	switch (ksentry_action_type(now.action)) {
	case KSENTRY_ACT_ALLOW:
	case KSENTRY_ACT_LOG:
		break;
	case KSENTRY_ACT_EMULATE:
		if (emulate(regs, ksentry_action_data(now.action), &call))
			return true;
		break;
	default:
		return apply(regs, now.action, &call);
	}
	ksentry_run_host(regs, now.abi, now.nr);
	return true;
}

/**
 * ksentry_dispatch_after_stop - Decide again a call a tracer may have changed
 * @regs: A member's registers, at a syscall-entry or seccomp stop that
 *        just ended, in the entry of the call.
 *
 * A tracer can rewrite a call at those stops, after the table decided it.
 * The stops of an emulated call are made inside observe_then_apply(),
 * which decides after them; this is for those of a call the table let
 * through to the kernel.  The call as the tracer left it is decided anew:
 * allowed, it goes on; the table refusing it, it is skipped as a tracer
 * skips a call, with its number set to -1 and regs->ax the answer, and
 * seccomp and the kernel then run nothing.  One the table emulates is
 * refused with ENOSYS: the observers after the stop (seccomp, the
 * sys_enter tracepoint, audit) would see a call not made.  A traced
 * member's stopped calls are counted twice.
 */
void ksentry_dispatch_after_stop(struct pt_regs *const regs)
{
	struct ksentry_sandbox *const sandbox = ksentry_task_sandbox(current);
	struct ksentry_emu_call call = { .sandbox = sandbox };
	struct decision d;

	/* Not a member any more, or the tracer skipped the call itself. */
	if (!sandbox || syscall_get_nr(current, regs) == -1)
		return;
	decide(sandbox, regs, &d);
	call.args = d.args;
	switch (ksentry_action_type(d.action)) {
	case KSENTRY_ACT_ALLOW:
	case KSENTRY_ACT_LOG:
		return;
	case KSENTRY_ACT_EMULATE:
		regs->ax = -ENOSYS;
		break;
	default:
		apply(regs, d.action, &call);
		break;
	}
	regs->orig_ax = -1;
}

/**
 * ksentry_dispatch_slow - Decide a call that the table's one load does not
 * @sandbox: The member's sandbox.
 * @regs: The registers at syscall entry.
 *
 * Reads the whole call (ABI, number, arguments), refuses the escapes,
 * decides with the argument rules, counts, traces and carries out the
 * decision, after the host's observers when they must see it first.
 *
 * Return: True if the call is skipped, with regs->ax its result.
 */
bool ksentry_dispatch_slow(struct ksentry_sandbox *const sandbox,
			   struct pt_regs *const regs)
{
	const unsigned long work = ksentry_syscall_work();
	struct ksentry_emu_call call = { .sandbox = sandbox };
	struct decision d;

	decide(sandbox, regs, &d);
	call.args = d.args;
	switch (ksentry_action_type(d.action)) {
	case KSENTRY_ACT_ALLOW:
	case KSENTRY_ACT_LOG:
		/* A tracer's stops decide it again: see after_stop(). */
		return false;
	case KSENTRY_ACT_EMULATE:
		if (!ksentry_observed(work))
			return unseen(emulate(regs, ksentry_action_data(d.action),
					      &call));
		break;
	default:
		/* Refused before any observer sees it. */
		return unseen(apply(regs, d.action, &call));
	}
	return observe_then_apply(sandbox, regs, &d, work);
}
