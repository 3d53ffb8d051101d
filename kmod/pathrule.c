// SPDX-License-Identifier: GPL-2.0
/*
 * ksentry - path rules: decisions on the objects a member opens or runs
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * A path rule names an object by a file descriptor, never by a string: the
 * policy keeps the object (a struct path with its references), so renaming
 * it or mounting over its name changes nothing.  A rule matches an object
 * by identity: the inode itself, or with %KSENTRY_PATH_BENEATH a dentry at
 * or below the rule's directory on the same filesystem, which is the same
 * whatever bind mount the member reaches the object through.
 */

#include "common.h"

#include <linux/dcache.h>
#include <linux/errno.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/overflow.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "hook.h"
#include "pathrule.h"
#include "policy.h"

#define ACCESS_ALL (KSENTRY_ACCESS_READ | KSENTRY_ACCESS_WRITE | KSENTRY_ACCESS_EXEC)

/* Frees the rules of replaced policies, after their grace period. */
static struct workqueue_struct *paths_wq;

static bool action_is_valid(const u32 action, const u32 access)
{
	const u32 data = ksentry_action_data(action);

	switch (ksentry_action_type(action)) {
	case KSENTRY_ACT_ALLOW:
	case KSENTRY_ACT_KILL_PROCESS:
		return !data;
	case KSENTRY_ACT_ERRNO:
		return ksentry_errno_is_valid(data);
	case KSENTRY_ACT_EMULATE:
		/* A virtual file is read, never run. */
		return data >= KSENTRY_VFILE_MEMINFO &&
		       data <= KSENTRY_VFILE_CPU_ONLINE &&
		       !(access & KSENTRY_ACCESS_EXEC);
	default:
		return false;
	}
}

/**
 * ksentry_path_rule_check - Check a path rule's fields, not its @fd
 * @rule: The rule, in kernel memory.
 *
 * Return: 0, or -EINVAL for an unknown flag or access, no access, or an
 * action a path rule cannot take.
 */
int ksentry_path_rule_check(const struct ksentry_path_rule *const rule)
{
	if (rule->flags & ~KSENTRY_PATH_BENEATH)
		return -EINVAL;
	if (!rule->access || (rule->access & ~ACCESS_ALL))
		return -EINVAL;
	if (!action_is_valid(rule->action, rule->access))
		return -EINVAL;
	return 0;
}

/**
 * ksentry_paths_from_user - Copy, check and resolve a policy's path rules
 * @urules: The user's array of @nr rules.
 * @nr: Its length, at most %KSENTRY_MAX_PATH_RULES.
 *
 * Every rule is checked before any descriptor is looked at, and on error
 * nothing is kept.
 *
 * Return: The rules, NULL when @nr is 0, or ERR_PTR(-E2BIG), -EFAULT,
 * -EINVAL, -EBADF, -ENOMEM, or -EOPNOTSUPP for an exec rule on a kernel
 * without security_bprm_check() (no CONFIG_SECURITY).
 */
struct ksentry_paths *
ksentry_paths_from_user(const struct ksentry_path_rule __user *const urules,
			const u32 nr)
{
	struct ksentry_path_rule *rules;
	struct ksentry_paths *paths;
	u32 i;
	int err = 0;

	if (!nr)
		return NULL;
	if (nr > KSENTRY_MAX_PATH_RULES)
		return ERR_PTR(-E2BIG);
	rules = memdup_array_user(urules, nr, sizeof(*rules));
	if (IS_ERR(rules))
		return ERR_CAST(rules);
	for (i = 0; i < nr && !err; i++)
		err = ksentry_path_rule_check(&rules[i]);
	if (err) {
		kfree(rules);
		return ERR_PTR(err);
	}
	paths = kzalloc(struct_size(paths, rules, nr), GFP_KERNEL_ACCOUNT);
	if (!paths) {
		kfree(rules);
		return ERR_PTR(-ENOMEM);
	}
	for (i = 0; i < nr; i++) {
		struct ksentry_prule_path *const r = &paths->rules[i];
		struct file *const file = fget_raw(rules[i].fd);

		if (!file) {
			err = -EBADF;
			break;
		}
		r->path = file->f_path;
		path_get(&r->path);
		fput(file);
		r->flags = rules[i].flags;
		r->access = rules[i].access;
		r->action = rules[i].action;
		paths->has_exec |= !!(r->access & KSENTRY_ACCESS_EXEC);
		paths->has_open |= !!(r->access & ~KSENTRY_ACCESS_EXEC);
		/* Counted as they are filled, for the error path's free. */
		paths->nr = i + 1;
	}
	kfree(rules);
	/* Fail closed: an exec rule nothing would enforce is refused. */
	if (!err && paths->has_exec && !ksentry_hook_has_exec_rules())
		err = -EOPNOTSUPP;
	if (err) {
		ksentry_paths_free(paths);
		return ERR_PTR(err);
	}
	return paths;
}

/**
 * ksentry_paths_free - Free path rules no reader can see
 * @paths: The rules, or NULL.
 *
 * May sleep.
 */
void ksentry_paths_free(struct ksentry_paths *const paths)
{
	u32 i;

	if (!paths)
		return;
	for (i = 0; i < paths->nr; i++)
		path_put(&paths->rules[i].path);
	kfree(paths);
}

static void paths_free_work(struct work_struct *const work)
{
	ksentry_paths_free(container_of(to_rcu_work(work), struct ksentry_paths,
					free_work));
}

/**
 * ksentry_paths_free_rcu - Free path rules after the readers that see them
 * @paths: The rules, or NULL.
 *
 * Does not sleep.
 */
void ksentry_paths_free_rcu(struct ksentry_paths *const paths)
{
	if (!paths)
		return;
	INIT_RCU_WORK(&paths->free_work, paths_free_work);
	queue_rcu_work(paths_wq, &paths->free_work);
}

/**
 * ksentry_paths_is_prefix - Whether @old's rules begin @new's
 * @old: The rules in force, or NULL.
 * @new: The new rules, or NULL.
 *
 * The first rule that matches decides, and an object no rule matches is
 * opened: rules added after the old ones can only take away.
 *
 * Return: True if every rule of @old is, in order, the same rule in @new.
 */
bool ksentry_paths_is_prefix(const struct ksentry_paths *const old,
			     const struct ksentry_paths *const new)
{
	u32 i;

	if (!old)
		return true;
	if (!new || new->nr < old->nr)
		return false;
	for (i = 0; i < old->nr; i++) {
		const struct ksentry_prule_path *const o = &old->rules[i];
		const struct ksentry_prule_path *const n = &new->rules[i];

		if (o->path.dentry != n->path.dentry || o->flags != n->flags ||
		    o->access != n->access || o->action != n->action)
			return false;
	}
	return true;
}

/* Whether rule @r names the object @obj. */
static bool rule_matches(const struct ksentry_prule_path *const r,
			 const struct path *const obj,
			 const ksentry_beneath_fn beneath)
{
	if (!(r->flags & KSENTRY_PATH_BENEATH))
		return d_backing_inode(obj->dentry) == d_backing_inode(r->path.dentry);
	return obj->dentry->d_sb == r->path.dentry->d_sb &&
	       beneath(obj->dentry, r->path.dentry);
}

/**
 * ksentry_paths_decide_with - The action of the first rule that matches
 * @paths: The rules, or NULL.
 * @obj: The object, resolved.
 * @access: What the caller does with it, a KSENTRY_ACCESS_* mask.
 * @beneath: How to tell that a dentry is at or below another.
 *
 * Return: The first matching rule's action, or 0 when none matches.
 */
u32 ksentry_paths_decide_with(const struct ksentry_paths *const paths,
			      const struct path *const obj, const u32 access,
			      const ksentry_beneath_fn beneath)
{
	u32 i;

	if (!paths)
		return 0;
	for (i = 0; i < paths->nr; i++) {
		const struct ksentry_prule_path *const r = &paths->rules[i];

		if ((r->access & access) && rule_matches(r, obj, beneath))
			return r->action;
	}
	return 0;
}

/**
 * ksentry_paths_decide - ksentry_paths_decide_with() with is_subdir()
 * @paths: The rules, or NULL.
 * @obj: The object, resolved.
 * @access: What the caller does with it.
 *
 * Return: As ksentry_paths_decide_with().
 */
u32 ksentry_paths_decide(const struct ksentry_paths *const paths,
			 const struct path *const obj, const u32 access)
{
	return ksentry_paths_decide_with(paths, obj, access, is_subdir);
}

int ksentry_paths_init(void)
{
	paths_wq = alloc_workqueue("ksentry_paths", WQ_UNBOUND, 0);
	return paths_wq ? 0 : -ENOMEM;
}

/* After every policy is gone: the last frees may still be queued. */
void ksentry_paths_exit(void)
{
	rcu_barrier();
	destroy_workqueue(paths_wq);
}

#ifdef KSENTRY_KUNIT_TEST
#include "tests/pathrule_kunit.c"
#endif
