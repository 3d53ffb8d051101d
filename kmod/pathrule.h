/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksentry - path rules: decisions on the objects a member opens or runs
 *
 * Copyright (C) 2026 The ksentry authors
 */

#ifndef _KSENTRY_PATHRULE_H
#define _KSENTRY_PATHRULE_H

#include <linux/path.h>
#include <linux/types.h>
#include <linux/workqueue.h>
#include <uapi/linux/ksentry.h>

struct dentry;

/**
 * struct ksentry_prule_path - A validated path rule
 * @path: The object, with a reference.
 * @flags: 0 or %KSENTRY_PATH_BENEATH.
 * @access: Mask of KSENTRY_ACCESS_*, not 0.
 * @action: What the rule decides.
 */
struct ksentry_prule_path {
	struct path path;
	u32 flags;
	u32 access;
	u32 action;
};

/* The accesses a path rule can name, one bit each. */
#define KSENTRY_NR_ACCESSES 3

/**
 * struct ksentry_paths - The path rules of one policy
 * @free_work: Drops the references after the policy's readers are gone.
 * @nr: Number of rules.
 * @defaults: The action for each access (indexed by its bit's number:
 *            read, write, exec) when no rule naming it matches; never 0.
 * @has_exec: Whether a rule or the default decides %KSENTRY_ACCESS_EXEC
 *            other than allowing it.
 * @has_open: The same for reading or writing.
 * @rules: The rules, in the caller's order.
 *
 * Immutable once built, owned by one policy and freed with it: the
 * references are dropped from a work item, since dropping one may sleep
 * and the policy is freed after an RCU grace period.
 */
struct ksentry_paths {
	struct rcu_work free_work;
	u32 nr;
	u32 defaults[KSENTRY_NR_ACCESSES];
	bool has_exec;
	bool has_open;
	struct ksentry_prule_path rules[] __counted_by(nr);
};

/*
 * Whether the object @obj is @dir or beneath it: is_subdir() in the module,
 * a stand-in in KUnit.
 */
typedef bool (*ksentry_beneath_fn)(struct dentry *obj, struct dentry *dir);

int ksentry_path_rule_check(const struct ksentry_path_rule *rule);
struct ksentry_paths *ksentry_paths_from_user(const struct ksentry_path_rule __user *urules,
					      u32 nr, const u32 *defaults);
void ksentry_paths_free(struct ksentry_paths *paths);
void ksentry_paths_free_rcu(struct ksentry_paths *paths);
bool ksentry_paths_is_tighter(const struct ksentry_paths *old,
			      const struct ksentry_paths *new);
struct dentry *ksentry_path_real(const struct path *obj);
u32 ksentry_paths_decide_with(const struct ksentry_paths *paths,
			      const struct path *obj, struct dentry *real,
			      u32 access, ksentry_beneath_fn beneath);
u32 ksentry_paths_decide(const struct ksentry_paths *paths,
			 const struct path *obj, struct dentry *real, u32 access);

int ksentry_paths_init(void);
void ksentry_paths_exit(void);

#endif /* _KSENTRY_PATHRULE_H */
