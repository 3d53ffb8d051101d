/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksentry - the host's observers of a member's call
 *
 * Copyright (C) 2026 The ksentry authors
 */

#ifndef _KSENTRY_OBSERVE_H
#define _KSENTRY_OBSERVE_H

#include <linux/entry-common.h>
#include <linux/sched.h>
#include <linux/thread_info.h>

#include "policy.h"

/*
 * The syscall work that sees a call after the table has decided it, in
 * syscall_trace_enter()'s order: the tracer's syscall-entry stop (and
 * PTRACE_SYSEMU), the task's seccomp filters, the sys_enter tracepoint and
 * audit.
 */
#define KSENTRY_OBSERVER_WORK (SYSCALL_WORK_SYSCALL_TRACE |		\
			       SYSCALL_WORK_SYSCALL_EMU |		\
			       SYSCALL_WORK_SECCOMP |			\
			       SYSCALL_WORK_SYSCALL_TRACEPOINT |	\
			       SYSCALL_WORK_SYSCALL_AUDIT)

/**
 * ksentry_observed - Whether anything of the host sees current's calls
 * @work: current's syscall work.
 *
 * Return: True if an emulated call must be shown to the host's observers
 * before it is answered.
 */
static __always_inline bool ksentry_observed(const unsigned long work)
{
	return work & KSENTRY_OBSERVER_WORK;
}

/**
 * ksentry_syscall_work - current's syscall work
 *
 * Return: The bits of current's syscall work, as the entry code read them.
 */
static __always_inline unsigned long ksentry_syscall_work(void)
{
	return READ_ONCE(current_thread_info()->syscall_work);
}

long ksentry_observe(struct pt_regs *regs, unsigned long work);
void ksentry_run_host(struct pt_regs *regs, enum ksentry_abi abi,
		      unsigned long nr);

#endif /* _KSENTRY_OBSERVE_H */
