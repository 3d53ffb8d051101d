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

#include "compat.h"
#include "hook.h"
#include "pathrule.h"
#include "policy.h"

#define ACCESS_ALL (KSENTRY_ACCESS_READ | KSENTRY_ACCESS_WRITE | KSENTRY_ACCESS_EXEC)

/*
 * The accesses are the bits 0 (READ), 1 (WRITE) and 2 (EXEC) of the ABI,
 * and a bit's number indexes &struct ksentry_paths' defaults.
 */

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

/* Whether @action can be a default: what a rule can be, but a virtual file. */
static bool default_is_valid(const u32 action)
{
	switch (ksentry_action_type(action)) {
	case KSENTRY_ACT_ALLOW:
	case KSENTRY_ACT_KILL_PROCESS:
	case KSENTRY_ACT_ERRNO:
		return action_is_valid(action, ACCESS_ALL);
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

/*
 * Check the defaults, 0 read as allowing, into @out; @has_open and
 * @has_exec tell which accesses they refuse.
 */
static int defaults_check(const u32 *const defaults, u32 *const out,
			  bool *const has_open, bool *const has_exec)
{
	u32 i;

	*has_open = false;
	*has_exec = false;
	for (i = 0; i < KSENTRY_NR_ACCESSES; i++) {
		out[i] = defaults[i] ?: KSENTRY_ACT_ALLOW;
		if (!default_is_valid(out[i]))
			return -EINVAL;
		if (out[i] == KSENTRY_ACT_ALLOW)
			continue;
		if (BIT(i) & KSENTRY_ACCESS_EXEC)
			*has_exec = true;
		else
			*has_open = true;
	}
	return 0;
}

/**
 * ksentry_paths_from_user - Copy, check and resolve a policy's path rules
 * @urules: The user's array of @nr rules.
 * @nr: Its length, at most %KSENTRY_MAX_PATH_RULES.
 * @defaults: The action of each access no rule decides, indexed by its
 *            bit's number (read, write, exec); 0 allows.
 *
 * Every rule and default is checked before any descriptor is looked at,
 * and on error nothing is kept.
 *
 * Return: The rules, NULL when @nr is 0 and every default allows, or
 * ERR_PTR(-E2BIG), -EFAULT, -EINVAL, -EBADF, -ENOMEM, or -EOPNOTSUPP for
 * an exec rule or default on a kernel without security_bprm_check() (no
 * CONFIG_SECURITY).
 */
struct ksentry_paths *
ksentry_paths_from_user(const struct ksentry_path_rule __user *const urules,
			const u32 nr, const u32 *const defaults)
{
	struct ksentry_path_rule *rules = NULL;
	u32 checked[KSENTRY_NR_ACCESSES];
	bool open_default, exec_default;
	struct ksentry_paths *paths;
	u32 i;
	int err;

	if (nr > KSENTRY_MAX_PATH_RULES)
		return ERR_PTR(-E2BIG);
	err = defaults_check(defaults, checked, &open_default, &exec_default);
	if (err)
		return ERR_PTR(err);
	if (!nr && !open_default && !exec_default)
		return NULL;
	if (nr) {
		rules = memdup_array_user(urules, nr, sizeof(*rules));
		if (IS_ERR(rules))
			return ERR_CAST(rules);
	}
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
	memcpy(paths->defaults, checked, sizeof(checked));
	paths->has_open = open_default;
	paths->has_exec = exec_default;
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

/* Whether action @new never grants more than action @old. */
static bool type_is_tighter(const u32 old, const u32 new)
{
	return ksentry_action_type(new) <= ksentry_action_type(old);
}

/**
 * ksentry_paths_is_tighter - Whether @new's rules never grant more than @old's
 * @old: The rules in force, or NULL (no rule, everything allowed).
 * @new: The new rules, or NULL.
 *
 * For each access, the first rule naming it that matches decides, and the
 * default when none does.  So @new never grants more when @old's rules
 * begin it unchanged (they decide what they decided), each rule added
 * decides no access more loosely than @old's default for it did (it only
 * takes objects that default decided), and no default is looser.  Types
 * are compared, as for the table: the errno may change.
 *
 * Return: True if every rule of @old is, in order, the same rule in @new,
 * and neither @new's added rules nor its defaults loosen @old's defaults.
 */
bool ksentry_paths_is_tighter(const struct ksentry_paths *const old,
			      const struct ksentry_paths *const new)
{
	u32 i, a;

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
	for (a = 0; a < KSENTRY_NR_ACCESSES; a++) {
		if (!type_is_tighter(old->defaults[a], new->defaults[a]))
			return false;
		for (i = old->nr; i < new->nr; i++)
			if ((new->rules[i].access & BIT(a)) &&
			    !type_is_tighter(old->defaults[a], new->rules[i].action))
				return false;
	}
	return true;
}

/* Whether rule @r names the dentry @d. */
static bool rule_names(const struct ksentry_prule_path *const r,
		       struct dentry *const d, const ksentry_beneath_fn beneath)
{
	if (!(r->flags & KSENTRY_PATH_BENEATH))
		return d_backing_inode(d) == d_backing_inode(r->path.dentry);
	return d->d_sb == r->path.dentry->d_sb && beneath(d, r->path.dentry);
}

/*
 * Whether rule @r names the object @obj, or the file @real whose data an
 * open of it reaches (see ksentry_path_real()).
 */
static bool rule_matches(const struct ksentry_prule_path *const r,
			 const struct path *const obj, struct dentry *const real,
			 const ksentry_beneath_fn beneath)
{
	return rule_names(r, obj->dentry, beneath) ||
	       (real != obj->dentry && rule_names(r, real, beneath));
}

/**
 * ksentry_path_real - The file whose data an open of an object reaches
 * @obj: The object, resolved, held by the caller.
 *
 * A regular file of an overlay is the file of one of its layers: an
 * overlay mounted over a protected tree must not be a way around the
 * rules on that tree, so the rules are also tried on that file.  The
 * dentry is the overlay's own, and held as long as @obj is.  May sleep
 * (the overlay may look its data layer up): call it before the policy is
 * read.
 *
 * Return: That file's dentry, or @obj's own for every other object.
 */
struct dentry *ksentry_path_real(const struct path *const obj)
{
	struct dentry *const d = obj->dentry;

	if (!(READ_ONCE(d->d_flags) & DCACHE_OP_REAL) || !d_is_reg(d))
		return d;
	return ksentry_d_real_data(d);
}

/* The action for one access, numbered @a: its first rule, or its default. */
static u32 decide_access(const struct ksentry_paths *const paths,
			 const struct path *const obj, struct dentry *const real,
			 const u32 a, const ksentry_beneath_fn beneath)
{
	u32 i;

	for (i = 0; i < paths->nr; i++) {
		const struct ksentry_prule_path *const r = &paths->rules[i];

		if ((r->access & BIT(a)) && rule_matches(r, obj, real, beneath))
			return r->action;
	}
	return paths->defaults[a];
}

/**
 * ksentry_paths_decide_with - The action path rules take on an access
 * @paths: The rules, or NULL.
 * @obj: The object, resolved.
 * @real: ksentry_path_real() of @obj.
 * @access: What the caller does with it, a KSENTRY_ACCESS_* mask.
 * @beneath: How to tell that a dentry is at or below another.
 *
 * Each access asked for is decided on its own, by the first rule that
 * names it and matches @obj (or @real), else by its default; the
 * strictest action type wins, the first access (read, write, exec) among
 * equals.  So an %O_RDWR open allowed for reading is still refused for
 * writing.
 *
 * Return: That action, %KSENTRY_ACT_ALLOW when nothing refuses.
 */
u32 ksentry_paths_decide_with(const struct ksentry_paths *const paths,
			      const struct path *const obj, struct dentry *const real,
			      const u32 access, const ksentry_beneath_fn beneath)
{
	u32 action = KSENTRY_ACT_ALLOW;
	u32 a;

	if (!paths)
		return action;
	for (a = 0; a < KSENTRY_NR_ACCESSES; a++) {
		u32 one;

		if (!(access & BIT(a)))
			continue;
		one = decide_access(paths, obj, real, a, beneath);
		if (ksentry_action_type(one) < ksentry_action_type(action))
			action = one;
	}
	return action;
}

/**
 * ksentry_paths_decide - ksentry_paths_decide_with() with is_subdir()
 * @paths: The rules, or NULL.
 * @obj: The object, resolved.
 * @real: ksentry_path_real() of @obj.
 * @access: What the caller does with it.
 *
 * Return: As ksentry_paths_decide_with().
 */
u32 ksentry_paths_decide(const struct ksentry_paths *const paths,
			 const struct path *const obj, struct dentry *const real,
			 const u32 access)
{
	return ksentry_paths_decide_with(paths, obj, real, access, is_subdir);
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
