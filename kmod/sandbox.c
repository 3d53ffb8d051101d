// SPDX-License-Identifier: GPL-2.0
/*
 * ksentry - sandboxes: lifetime, policy and binding to a pid namespace
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * A sandbox lives while its file descriptor is open or any member lives:
 * each holds a reference.  The last reference may drop in any context (a
 * task's exit tracepoint runs with preemption off), so destruction goes
 * through a workqueue.  Each sandbox also pins the module, so the module
 * cannot be unloaded while one exists.
 */

#include "common.h"

#include <linux/build_bug.h>
#include <linux/module.h>
#include <linux/pid_namespace.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/stddef.h>
#include <linux/timekeeping.h>

#include "compat.h"
#include "hook.h"
#include "policy.h"
#include "sandbox.h"
#include "stats.h"
#include "task.h"

/*
 * The bound sandboxes.  Written under @bindings_lock, read under RCU by the
 * fork tracepoint, which looks up the sandbox of a task created in a bound
 * namespace.
 */
static DEFINE_SPINLOCK(bindings_lock);
static LIST_HEAD(bindings);

/* The slot's selector points at the guard: see task.h. */
static_assert(offsetof(struct ksentry_sandbox, guard) == 0);

static atomic64_t next_id = ATOMIC64_INIT(0);
static struct workqueue_struct *free_wq;

static void sandbox_free_work(struct work_struct *const work)
{
	struct ksentry_sandbox *const sandbox =
		container_of(work, struct ksentry_sandbox, free_work);

	if (sandbox->pidns) {
		spin_lock(&bindings_lock);
		list_del_rcu(&sandbox->binding);
		spin_unlock(&bindings_lock);
		/* The fork tracepoint may still be looking at the entry. */
		synchronize_rcu();
		put_pid_ns(sandbox->pidns);
	}
	ksentry_stats_debugfs_remove(sandbox->debugfs);
	ksentry_stats_free(sandbox->stats);
	ksentry_policy_free(rcu_dereference_protected(sandbox->policy, true));
	mutex_destroy(&sandbox->lock);
	pr_debug("sandbox %llu destroyed\n", sandbox->id);
	kfree(sandbox);
	/* destroy_workqueue() in the module's exit waits for this return. */
	module_put(THIS_MODULE);
}

/**
 * ksentry_sandbox_create - Create an unbound sandbox without a policy
 *
 * Return: The sandbox with one reference, or ERR_PTR(-ENOMEM).
 */
struct ksentry_sandbox *ksentry_sandbox_create(void)
{
	struct ksentry_sandbox *sandbox;

	sandbox = kzalloc(sizeof(*sandbox), GFP_KERNEL_ACCOUNT);
	if (!sandbox)
		return ERR_PTR(-ENOMEM);
	sandbox->stats = ksentry_stats_alloc();
	if (!sandbox->stats) {
		kfree(sandbox);
		return ERR_PTR(-ENOMEM);
	}
	/* Until the binding settles, see ksentry_sandbox_bind(). */
	sandbox->guard = KSENTRY_SLOT_GUARD_SETTLING;
	sandbox->allowed = sandbox->stats->allowed;
	refcount_set(&sandbox->usage, 1);
	atomic_set(&sandbox->members, 0);
	sandbox->id = atomic64_inc_return(&next_id);
	mutex_init(&sandbox->lock);
	INIT_LIST_HEAD(&sandbox->binding);
	INIT_WORK(&sandbox->free_work, sandbox_free_work);
	sandbox->debugfs = ksentry_stats_debugfs_add(sandbox->id, sandbox->stats);
	/* Called from an open file of this module: it cannot be going away. */
	__module_get(THIS_MODULE);
	return sandbox;
}

/**
 * ksentry_sandbox_put - Drop a reference on a sandbox
 * @sandbox: The sandbox, or NULL.
 *
 * Safe in any context.
 */
void ksentry_sandbox_put(struct ksentry_sandbox *const sandbox)
{
	if (sandbox && refcount_dec_and_test(&sandbox->usage))
		queue_work(free_wq, &sandbox->free_work);
}

/**
 * ksentry_sandbox_get_member - Take the reference of a new member
 * @sandbox: The sandbox; the caller already holds a reference.
 */
void ksentry_sandbox_get_member(struct ksentry_sandbox *const sandbox)
{
	refcount_inc(&sandbox->usage);
	atomic_inc(&sandbox->members);
}

/**
 * ksentry_sandbox_put_member - Drop the reference of a member that left
 * @sandbox: The sandbox, or NULL.
 */
void ksentry_sandbox_put_member(struct ksentry_sandbox *const sandbox)
{
	if (!sandbox)
		return;
	atomic_dec(&sandbox->members);
	ksentry_sandbox_put(sandbox);
}

/* Is @ns @ancestor, or a namespace below it? */
static bool pidns_within(const struct pid_namespace *ns,
			 const struct pid_namespace *const ancestor)
{
	if (!ns)
		return false;
	while (ns->level > ancestor->level)
		ns = ns->parent;
	return ns == ancestor;
}

/**
 * ksentry_sandbox_of_new_task - The sandbox a new task is created into
 * @child: A task being created, not yet running.
 *
 * Called for every fork on the machine, so it returns at once when nothing
 * is bound.  The full barrier pairs with the one in ksentry_sandbox_bind():
 * either this sees the binding, or the binding's walk of the task list sees
 * @child, which was linked before this was called.
 *
 * Return: The sandbox bound to @child's pid namespace or one above it,
 * with a reference for the caller, or NULL.
 */
struct ksentry_sandbox *ksentry_sandbox_of_new_task(struct task_struct *const child)
{
	struct ksentry_sandbox *sandbox, *found = NULL;
	const struct pid_namespace *ns;

	/* Pairs with the barrier in ksentry_sandbox_bind(). */
	smp_mb();
	if (list_empty(&bindings))
		return NULL;
	rcu_read_lock();
	ns = task_active_pid_ns(child);
	list_for_each_entry_rcu(sandbox, &bindings, binding) {
		if (pidns_within(ns, sandbox->pidns) &&
		    refcount_inc_not_zero(&sandbox->usage)) {
			found = sandbox;
			break;
		}
	}
	rcu_read_unlock();
	return found;
}

/**
 * ksentry_sandbox_of_pidns - The sandbox a pid namespace belongs to
 * @ns: A pid namespace; the caller holds a reference on it.
 *
 * Return: The sandbox bound to @ns or to a namespace above it, with a
 * reference for the caller, or NULL.
 */
struct ksentry_sandbox *ksentry_sandbox_of_pidns(const struct pid_namespace *const ns)
{
	struct ksentry_sandbox *sandbox, *found = NULL;

	rcu_read_lock();
	list_for_each_entry_rcu(sandbox, &bindings, binding) {
		if (pidns_within(ns, sandbox->pidns) &&
		    refcount_inc_not_zero(&sandbox->usage)) {
			found = sandbox;
			break;
		}
	}
	rcu_read_unlock();
	return found;
}

/**
 * ksentry_sandbox_bindings_empty - Tell whether no sandbox is bound
 *
 * Return: True if no sandbox is bound, after a full barrier (see
 * ksentry_sandbox_of_new_task()).
 */
bool ksentry_sandbox_bindings_empty(void)
{
	/* Pairs with the barrier in ksentry_sandbox_bind(). */
	smp_mb();
	return list_empty(&bindings);
}

/**
 * ksentry_sandbox_set_policy - Install or replace a sandbox's policy
 * @sandbox: The sandbox.
 * @policy: A policy from ksentry_policy_build(); on success the sandbox
 *          owns it, on error the caller still does.
 * @may_loosen: Whether a bound sandbox's policy may grant more than before
 *              (the caller has CAP_SYS_ADMIN in the initial namespace).
 *
 * Return: 0, or -EPERM if the sandbox is bound, @may_loosen is false and
 * @policy is not at least as restrictive as the current one.
 */
int ksentry_sandbox_set_policy(struct ksentry_sandbox *const sandbox,
			       struct ksentry_policy *const policy,
			       const bool may_loosen)
{
	struct ksentry_policy *old;

	mutex_lock(&sandbox->lock);
	old = rcu_dereference_protected(sandbox->policy,
					lockdep_is_held(&sandbox->lock));
	if (old && sandbox->pidns && !may_loosen &&
	    !ksentry_policy_is_tighter(old, policy)) {
		mutex_unlock(&sandbox->lock);
		return -EPERM;
	}
	rcu_assign_pointer(sandbox->policy, policy);
	WRITE_ONCE(sandbox->policy_seq, sandbox->policy_seq + 1);
	mutex_unlock(&sandbox->lock);
	/* Members may still be deciding with the old one. */
	ksentry_policy_free_rcu(old);
	return 0;
}

/* Refuse a namespace already covered by, or covering, a bound one. */
static int check_binding(const struct pid_namespace *const pidns)
{
	const struct ksentry_sandbox *other;

	lockdep_assert_held(&bindings_lock);
	list_for_each_entry(other, &bindings, binding)
		if (pidns_within(pidns, other->pidns) ||
		    pidns_within(other->pidns, pidns))
			return -EBUSY;
	return 0;
}

/*
 * Kill a member stopped where its tracer can change a call the table will
 * not decide (see ksentry_hook_undecided_stop()): fail closed.  Whether
 * it is traced at all.
 */
static bool kill_undecided_stop(struct task_struct *const task)
{
	if (!READ_ONCE(task->ptrace))
		return false;
	if (ksentry_hook_undecided_stop(task))
		send_sig_info(SIGKILL, SEND_SIG_PRIV, task);
	return true;
}

/* Each member of @sandbox in its namespaces, checked again. */
static void kill_undecided_stops(struct ksentry_sandbox *const sandbox)
{
	struct task_struct *group, *task;

	rcu_read_lock();
	for_each_process_thread(group, task) {
		if (pidns_within(task_active_pid_ns(task), sandbox->pidns) &&
		    ksentry_task_sandbox(task) == sandbox)
			kill_undecided_stop(task);
	}
	rcu_read_unlock();
}

/*
 * Make every task of @pidns and the namespaces below it a member, and kill
 * those stopped where their tracer could change a call undecided; whether
 * one of them had Syscall User Dispatch on (see ksentry_task_join()), and
 * in @traced whether one was traced.
 */
static bool join_existing(struct ksentry_sandbox *const sandbox,
			  bool *const traced)
{
	struct task_struct *group, *task;
	bool had_dispatch = false;
	int ret;

	*traced = false;
	rcu_read_lock();
	for_each_process_thread(group, task) {
		if (!pidns_within(task_active_pid_ns(task), sandbox->pidns))
			continue;
		ret = ksentry_task_join(task, sandbox);
		if (ret < 0)
			continue;
		had_dispatch |= ret > 0;
		*traced |= kill_undecided_stop(task);
	}
	rcu_read_unlock();
	return had_dispatch;
}

/**
 * ksentry_sandbox_bind - Bind a sandbox to a pid namespace
 * @sandbox: The sandbox, with a policy.
 * @pidns: The namespace; the caller holds a reference on it.
 *
 * Return: 0, -EINVAL if the sandbox has no policy, or -EBUSY if it is
 * already bound or @pidns overlaps a bound namespace.
 */
int ksentry_sandbox_bind(struct ksentry_sandbox *const sandbox,
			 struct pid_namespace *const pidns)
{
	bool had_dispatch, traced;
	int err;

	mutex_lock(&sandbox->lock);
	err = -EINVAL;
	if (!rcu_access_pointer(sandbox->policy))
		goto out_unlock;
	err = -EBUSY;
	if (sandbox->pidns)
		goto out_unlock;
	sandbox->bound_at = ktime_get_boottime_ns();
	spin_lock(&bindings_lock);
	err = check_binding(pidns);
	if (!err) {
		sandbox->pidns = get_pid_ns(pidns);
		list_add_tail_rcu(&sandbox->binding, &bindings);
	}
	spin_unlock(&bindings_lock);
	if (err)
		goto out_unlock;
	/* Pairs with ksentry_sandbox_of_new_task(). */
	smp_mb();
	ksentry_task_config_lock();
	had_dispatch = join_existing(sandbox, &traced);
	ksentry_task_config_unlock();
	/*
	 * A task joined with Syscall User Dispatch on may still be in the
	 * kernel's syscall_user_dispatch(), reading its rewritten slot: the
	 * guard lets that one call through until every such reader has
	 * left the kernel or scheduled (RCU Tasks), and only then kills.
	 * A traced task joined may likewise be on its way into a stop that
	 * the redirect of ptrace_notify() saw it enter as a non-member: once
	 * RCU Tasks has seen each one schedule, such a stop is made, and
	 * found.
	 */
	if (had_dispatch || traced)
		synchronize_rcu_tasks();
	if (traced)
		kill_undecided_stops(sandbox);
	WRITE_ONCE(sandbox->guard, KSENTRY_SLOT_GUARD);
	pr_debug("sandbox %llu bound, %d members\n", sandbox->id,
		 atomic_read(&sandbox->members));
out_unlock:
	mutex_unlock(&sandbox->lock);
	return err;
}

/**
 * ksentry_sandbox_init - Create the workqueue that destroys sandboxes, and
 * the debugfs directory
 *
 * Return: 0 or -ENOMEM.
 */
int __init ksentry_sandbox_init(void)
{
	free_wq = alloc_workqueue("ksentry_free", 0, 0);
	if (!free_wq)
		return -ENOMEM;
	return ksentry_stats_debugfs_init();
}

/**
 * ksentry_sandbox_exit - Wait for the last destructions
 *
 * Every sandbox pins the module, so by now each has been queued for
 * destruction; destroy_workqueue() waits until they are gone.
 */
void ksentry_sandbox_exit(void)
{
	destroy_workqueue(free_wq);
	ksentry_stats_debugfs_exit();
}
