/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksentry - who is a member of a sandbox
 *
 * Copyright (C) 2026 The ksentry authors
 */

#ifndef _KSENTRY_TASK_H
#define _KSENTRY_TASK_H

#include <linux/compiler.h>
#include <linux/entry-common.h>
#include <linux/sched.h>

struct ksentry_sandbox;

/*
 * A member's slot: while ksentry owns a task's syscall user dispatch work
 * bit, it also owns the task's struct syscall_user_dispatch, which nothing
 * else reads for that task (the module replaces syscall_user_dispatch() for
 * its members, and refuses the prctl and ptrace calls that would read or
 * write it):
 *
 * - @selector holds the member's sandbox.  A kernel address is one that
 *   access_ok() refuses, so no user-space Syscall User Dispatch
 *   configuration can look like ksentry's, and the test is one sign check.
 *   The address never leaves the kernel: the ptrace getter is refused for
 *   members.
 * - @offset holds the task itself, masked with a boot-time secret.  fork()
 *   copies the parent's struct into the child before the module has seen
 *   the child, so only this self-reference tells a member from a copy of
 *   one.
 * - @len is 0.
 *
 * The slot also fails closed: should the kernel's own
 * syscall_user_dispatch() ever run for a member (the redirect not taken),
 * no instruction pointer is in the empty [@offset, @offset + @len) range
 * that lets a call through, and the selector byte it then reads is the
 * sandbox's guard, %KSENTRY_SLOT_GUARD, neither ALLOW nor BLOCK: the
 * kernel kills the task with SIGSYS instead of running the call.
 */
extern unsigned long ksentry_task_secret;

/**
 * ksentry_task_sandbox_unchecked - The sandbox of a known member
 * @task: A task ksentry_task_sandbox_fast() found to be a member.
 *
 * Return: Its sandbox.
 */
static __always_inline struct ksentry_sandbox *
ksentry_task_sandbox_unchecked(const struct task_struct *const task)
{
	return (__force struct ksentry_sandbox *)READ_ONCE(task->syscall_dispatch.selector);
}

/**
 * ksentry_task_sandbox_fast - The sandbox of a task with the work bit set
 * @task: A task whose dispatch work bit is set; usually current.
 *
 * The hot path's check.  It trusts the self-reference not to be needed:
 * a task only runs with the bit set once the module has marked it.
 *
 * Return: The sandbox, or NULL if the task is not ksentry's.
 */
static __always_inline struct ksentry_sandbox *
ksentry_task_sandbox_fast(const struct task_struct *const task)
{
	const long selector =
		(__force long)READ_ONCE(task->syscall_dispatch.selector);

	/* Kernel addresses are the negative ones on x86-64. */
	if (selector >= 0)
		return NULL;
	return (struct ksentry_sandbox *)selector;
}

void ksentry_task_config_lock(void);
void ksentry_task_config_unlock(void);
struct ksentry_sandbox *ksentry_task_sandbox(const struct task_struct *task);
bool ksentry_task_is_member(const struct task_struct *task);
int ksentry_task_join(struct task_struct *task, struct ksentry_sandbox *sandbox);
void ksentry_task_leave(struct task_struct *task);
void ksentry_task_rearm(struct task_struct *task);
void ksentry_task_init(void);

#endif /* _KSENTRY_TASK_H */
