// SPDX-License-Identifier: GPL-2.0
/*
 * ksentry - who is a member of a sandbox
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * Membership lives in the task itself (see the slot described in task.h),
 * so the syscall path finds a member's sandbox with two loads and no
 * lookup.  Every member holds a reference on its sandbox, taken when it
 * joins and dropped when it exits.
 *
 * Joining and leaving are serialised per task by task_lock(): the exit path
 * takes it after PF_EXITING is set, and joining refuses a task with
 * PF_EXITING, so a dying task can never take a reference nobody drops.
 */

#include "common.h"

#include <linux/entry-common.h>
#include <linux/mutex.h>
#include <linux/random.h>
#include <linux/sched.h>
#include <linux/sched/task.h>

#include "compat.h"
#include "sandbox.h"
#include "task.h"

/*
 * Serialises the binding's joining of running tasks with the kernel's
 * setters of a task's dispatch configuration (prctl, and ptrace since
 * 6.4), which write the slot and the work bit under no lock of the task's.
 * hook.c sends every call of those setters through this lock, so a setter
 * either finishes before a task is joined or finds it a member and
 * refuses.  Never taken on the syscall path.
 */
static DEFINE_MUTEX(config_lock);

/**
 * ksentry_task_config_lock - Keep tasks' dispatch configurations still
 *
 * Taken by the binding around its walk, and around every call of the
 * kernel's setters.  Sleeps.
 */
void ksentry_task_config_lock(void)
{
	mutex_lock(&config_lock);
}

/**
 * ksentry_task_config_unlock - Let tasks' dispatch configurations change
 */
void ksentry_task_config_unlock(void)
{
	mutex_unlock(&config_lock);
}

/* Masks the self-reference kept in members' slots; set once at init. */
unsigned long ksentry_task_secret __ro_after_init;

static unsigned long mask_ptr(const void *const ptr)
{
	return (unsigned long)ptr ^ ksentry_task_secret;
}

/**
 * ksentry_task_is_member - Tell whether a task is a member
 * @task: Any task.
 *
 * Unlike ksentry_task_sandbox_fast(), this also checks the self-reference,
 * so a task that only carries a copy of its parent's slot is not a member.
 *
 * Return: True if @task is a member of a sandbox.
 */
bool ksentry_task_is_member(const struct task_struct *const task)
{
	return ksentry_task_sandbox_fast(task) &&
	       READ_ONCE(task->syscall_dispatch.offset) == mask_ptr(task);
}

/**
 * ksentry_task_sandbox - The sandbox of a task
 * @task: Any task.
 *
 * Return: The sandbox @task is a member of, or NULL.  The caller must hold
 * a reference on @task, or be it, for the result to stay valid.
 */
struct ksentry_sandbox *ksentry_task_sandbox(const struct task_struct *const task)
{
	if (!ksentry_task_is_member(task))
		return NULL;
	return ksentry_task_sandbox_fast(task);
}

/* Fill the slot, then arm the bit: the bit is what makes the slot live. */
static void arm(struct task_struct *const task,
		struct ksentry_sandbox *const sandbox)
{
	task->syscall_dispatch.on_dispatch = false;
	WRITE_ONCE(task->syscall_dispatch.len, 0);
	WRITE_ONCE(task->syscall_dispatch.offset, mask_ptr(task));
	WRITE_ONCE(task->syscall_dispatch.selector,
		   (__force char __user *)sandbox);
	/* set_bit() is atomic; order the slot before it for other CPUs. */
	smp_wmb();
	set_task_syscall_work(task, SYSCALL_USER_DISPATCH);
}

/**
 * ksentry_task_join - Make a task a member of a sandbox
 * @task: The task; current, a child not yet running, or a task found while
 *        binding.
 * @sandbox: The sandbox; the caller holds a reference on it.
 *
 * Takes a reference on @sandbox for the member.  A task that is already a
 * member stays in its sandbox: membership never changes once taken.
 *
 * A running task that had Syscall User Dispatch on (a configuration of its
 * own) may be inside the kernel's syscall_user_dispatch() at this moment,
 * reading its slot as it is rewritten: the caller must let such a reader
 * finish before the sandbox's guard may kill one (see
 * ksentry_sandbox_bind()).
 *
 * Return: 0 if @task is now a member of @sandbox, 1 if it is and had
 * Syscall User Dispatch on, -EEXIST if it already was a member of a
 * sandbox, -ESRCH if it is exiting.
 */
int ksentry_task_join(struct task_struct *const task,
		      struct ksentry_sandbox *const sandbox)
{
	int ret;

	task_lock(task);
	if (task->flags & PF_EXITING) {
		ret = -ESRCH;
	} else if (ksentry_task_is_member(task)) {
		ret = -EEXIST;
	} else {
		ret = test_task_syscall_work(task, SYSCALL_USER_DISPATCH);
		ksentry_sandbox_get_member(sandbox);
		arm(task, sandbox);
	}
	task_unlock(task);
	return ret;
}

/**
 * ksentry_task_leave - Drop an exiting task's membership
 * @task: Current, in its exit path.
 */
void ksentry_task_leave(struct task_struct *const task)
{
	struct ksentry_sandbox *sandbox = NULL;

	task_lock(task);
	if (ksentry_task_is_member(task)) {
		sandbox = ksentry_task_sandbox_fast(task);
		clear_task_syscall_work(task, SYSCALL_USER_DISPATCH);
		WRITE_ONCE(task->syscall_dispatch.offset, 0);
		WRITE_ONCE(task->syscall_dispatch.selector, NULL);
	}
	task_unlock(task);
	ksentry_sandbox_put_member(sandbox);
}

/**
 * ksentry_task_rearm - Re-arm a member after exec
 * @task: Current, after exec cleared its dispatch work bit.
 *
 * A setuid exec included: membership does not depend on credentials.
 */
void ksentry_task_rearm(struct task_struct *const task)
{
	if (ksentry_task_is_member(task))
		set_task_syscall_work(task, SYSCALL_USER_DISPATCH);
}

/**
 * ksentry_task_init - Draw the secret that masks the slot's self-reference
 */
void __init ksentry_task_init(void)
{
	ksentry_task_secret = get_random_long() | 1;
}
