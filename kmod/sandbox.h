/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksentry - sandboxes: lifetime, policy and binding to a pid namespace
 *
 * Copyright (C) 2026 The ksentry authors
 */

#ifndef _KSENTRY_SANDBOX_H
#define _KSENTRY_SANDBOX_H

#include <linux/atomic.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/types.h>
#include <linux/workqueue.h>

struct dentry;
struct pid_namespace;
struct ksentry_policy;
struct ksentry_stats;

/*
 * The first byte of every sandbox, which the kernel's own
 * syscall_user_dispatch() would read as a member's selector byte: neither
 * SYSCALL_DISPATCH_FILTER_ALLOW (0) nor _BLOCK (1), so that it kills the
 * member instead of letting its call through (see task.h).  Until a
 * binding settles, SYSCALL_DISPATCH_FILTER_ALLOW: a task joined while it
 * was in that function with a configuration of its own finishes its call.
 */
#define KSENTRY_SLOT_GUARD 0x5a
#define KSENTRY_SLOT_GUARD_SETTLING 0

/**
 * struct ksentry_sandbox - A sandbox
 * @guard: %KSENTRY_SLOT_GUARD, at offset 0, once the binding has settled
 *         (%KSENTRY_SLOT_GUARD_SETTLING before); then constant.
 * @usage: References: one for each open file description, one for each
 *         member task.  The sandbox is destroyed when it drops to zero.
 * @members: Number of member tasks (threads).
 * @id: Unique id, for logs and trace events.
 * @lock: Serialises policy updates and binding.  Never taken on the
 *        syscall path.
 * @policy: The policy, replaced as a whole under @lock and read under RCU.
 *          NULL until the first %KSENTRY_SANDBOX_SET_POLICY.
 * @policy_seq: Number of policies installed, written under @lock; the
 *              dispatcher reads it to tell a policy replaced meanwhile.
 * @pidns: The bound pid namespace, with a reference; set once under @lock
 *         and the bindings lock, then constant.
 * @bound_at: CLOCK_BOOTTIME (ns) of the binding, the sandbox's boot for
 *            emulated sysinfo(); set before @pidns is published, then
 *            constant.
 * @binding: Entry in the list of bound sandboxes (RCU, bindings lock).
 * @stats: Decision counters; lock-free, constant pointer.
 * @allowed: @stats' per-CPU ALLOW counters, one load nearer the syscall
 *           path; constant.
 * @debugfs: The counters' file in debugfs.
 * @free_work: Destroys the sandbox from a context that may sleep.
 */
struct ksentry_sandbox {
	u8 guard;
	refcount_t usage;
	atomic_t members;
	u64 id;
	/* Serialises policy updates and binding, see above. */
	struct mutex lock;
	struct ksentry_policy __rcu *policy;
	u32 policy_seq;
	struct pid_namespace *pidns;
	u64 bound_at;
	struct list_head binding;
	struct ksentry_stats *stats;
	u64 __percpu *allowed;
	struct dentry *debugfs;
	struct work_struct free_work;
};

struct ksentry_sandbox *ksentry_sandbox_create(void);
void ksentry_sandbox_put(struct ksentry_sandbox *sandbox);
void ksentry_sandbox_get_member(struct ksentry_sandbox *sandbox);
void ksentry_sandbox_put_member(struct ksentry_sandbox *sandbox);
struct ksentry_sandbox *ksentry_sandbox_of_new_task(struct task_struct *child);
struct ksentry_sandbox *ksentry_sandbox_of_pidns(const struct pid_namespace *ns);
bool ksentry_sandbox_bindings_empty(void);

int ksentry_sandbox_set_policy(struct ksentry_sandbox *sandbox,
			       struct ksentry_policy *policy, bool may_loosen);
int ksentry_sandbox_bind(struct ksentry_sandbox *sandbox,
			 struct pid_namespace *pidns);

int ksentry_sandbox_init(void);
void ksentry_sandbox_exit(void);

#endif /* _KSENTRY_SANDBOX_H */
