/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksentry - deciding a member's syscall and carrying out the decision
 *
 * Copyright (C) 2026 The ksentry authors
 */

#ifndef _KSENTRY_DISPATCH_H
#define _KSENTRY_DISPATCH_H

#include <asm/syscall.h>
#include <asm/unistd.h>
#include <linux/percpu.h>
#include <linux/preempt.h>
#include <linux/rcupdate.h>
#include <linux/types.h>

#include "policy.h"
#include "sandbox.h"
#include "stats.h"

bool ksentry_dispatch_slow(struct ksentry_sandbox *sandbox,
			   struct pt_regs *regs);

bool ksentry_dispatch_emulated(struct ksentry_sandbox *sandbox,
			       struct pt_regs *regs, u32 action);

void ksentry_dispatch_after_stop(struct pt_regs *regs);

/**
 * ksentry_dispatch_fast - Decide a member's call in one table load, if it can
 * @sandbox: The member's sandbox.
 * @regs: The registers at syscall entry.
 *
 * The common case, an x86-64 call whose number has no argument rules, is
 * what every call of every member pays, so it is looked up inline in the
 * redirect target: a table load, and for an ALLOW a per-CPU increment.
 * The policy is read with preemption disabled, an RCU-sched read side,
 * cheaper than rcu_read_lock() on a preemptible kernel; since the RCU
 * flavours were consolidated, the grace period that frees an old policy
 * waits for it as well.
 *
 * Return: %KSENTRY_ACT_ALLOW, counted; another action of the table, for
 * ksentry_dispatch_emulated() when it is an EMULATE; or 0 when
 * ksentry_dispatch_slow() must decide.
 */
static __always_inline u32 ksentry_dispatch_fast(struct ksentry_sandbox *const sandbox,
						 const struct pt_regs *const regs)
{
	/* The kernel runs the number's low 32 bits: decide on those. */
	const unsigned long nr = (u32)regs->orig_ax;
	u32 action;

	/* ia32 numbers are not the table's: they go the long way. */
	if (unlikely(in_ia32_syscall()))
		return 0;
	preempt_disable_notrace();
	action = ksentry_policy_decide_fast(rcu_dereference_sched(sandbox->policy),
					    nr);
	preempt_enable_notrace();
	/* x32 numbers are above the table, prctl and ptrace not in @fast. */
	if (likely(action == KSENTRY_ACT_ALLOW))
		this_cpu_inc(sandbox->allowed[nr]);
	return action;
}

#endif /* _KSENTRY_DISPATCH_H */
