// SPDX-License-Identifier: GPL-2.0
/*
 * ksentry - policies: the syscall table, argument rules and their checks
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * A policy is validated in full before it is built, and never changed once
 * built.  Nothing here touches user memory or a task: dev.c copies the
 * arrays in, dispatch.c asks for decisions, sandbox.c orders updates.
 */

#include "common.h"

#include <asm/unistd.h>

#include <linux/bitmap.h>
#include <linux/build_bug.h>
#include <linux/bug.h>
#include <linux/compiler.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/limits.h>
#include <linux/minmax.h>
#include <linux/nospec.h>
#include <linux/overflow.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/types.h>
#include <uapi/linux/ksentry.h>

#include "argwidth.h"
#include "compat.h"
#include "pathrule.h"
#include "policy.h"

/* rule_first[] and rule_count[] can hold any index and count of rules. */
static_assert(KSENTRY_MAX_RULES <= U16_MAX);
/* An action's data field can carry every errno. */
static_assert(MAX_ERRNO <= KSENTRY_ACT_DATA_MASK);
/* A condition's argument index is checked against the six of a call. */
#define NR_ARGS 6

/*
 * is_tighter() compares types numerically: the uapi promises that a smaller
 * type never grants more, so pin that order here.
 */
static_assert(KSENTRY_ACT_KILL_PROCESS < KSENTRY_ACT_KILL_THREAD);
static_assert(KSENTRY_ACT_KILL_THREAD < KSENTRY_ACT_TRAP);
static_assert(KSENTRY_ACT_TRAP < KSENTRY_ACT_ERRNO);
static_assert(KSENTRY_ACT_ERRNO < KSENTRY_ACT_EMULATE);
static_assert(KSENTRY_ACT_EMULATE < KSENTRY_ACT_LOG);
static_assert(KSENTRY_ACT_LOG < KSENTRY_ACT_ALLOW);

/*
 * The x86-64 number each emulation handler answers.  A handler sees the
 * arguments of its own call only, so it is refused on any other number.
 */
#define KSENTRY_EMU_CALL(id, call)[KSENTRY_EMU_##id] = __NR_##call,
static const u16 emu_nr[] = {
#include <uapi/linux/ksentry_emu.h>
};

#undef KSENTRY_EMU_CALL

/* Whether @action, given to number @nr, is not an emulation of another. */
static bool emulates(const u32 nr, const u32 action)
{
	return ksentry_action_type(action) != KSENTRY_ACT_EMULATE ||
	       emu_nr[ksentry_action_data(action)] == nr;
}

/*
 * Whether the dispatcher can carry out @action: a known type, with data
 * that type gives a meaning to.  Data a type ignores must be 0, so that a
 * later version may give it one.
 */
static bool action_is_valid(const u32 action)
{
	const u32 data = ksentry_action_data(action);

	switch (ksentry_action_type(action)) {
	case KSENTRY_ACT_KILL_PROCESS:
	case KSENTRY_ACT_KILL_THREAD:
	case KSENTRY_ACT_LOG:
	case KSENTRY_ACT_ALLOW:
		return data == 0;
	case KSENTRY_ACT_TRAP:
		/* The data only reaches the task, in si_errno. */
		return true;
	case KSENTRY_ACT_ERRNO:
		return ksentry_errno_is_valid(data);
	case KSENTRY_ACT_EMULATE:
		/* Whether it is on the right number: see emulates(). */
		return data >= 1 && data < ARRAY_SIZE(emu_nr);
	default:
		return false;
	}
}

/*
 * What an ia32 or x32 call gets when the policy gives 0: the answer of a
 * kernel built without that ABI, as for any number it does not know.  That
 * is the meaning checkpatch reserves ENOSYS for, but it warns at every use:
 * keep this the only one.
 */
#define NO_ABI_ACTION KSENTRY_ACT_ERRNO_OF(ENOSYS)

/*
 * Resolve an ia32 or x32 action, or return 0 if it is invalid (no valid
 * action is 0).  EMULATE is refused even once it has handlers: they take
 * x86-64 numbers and arguments, and the x86-64 table never decides these.
 */
static u32 compat_action(const u32 action)
{
	if (!action)
		return NO_ABI_ACTION;
	if (ksentry_action_type(action) == KSENTRY_ACT_EMULATE ||
	    !action_is_valid(action))
		return 0;
	return action;
}

/* Check the fields of @attr itself; the arrays are checked on their own. */
static int check_attr(const struct ksentry_policy_attr *const attr)
{
	if (attr->flags || attr->reserved || attr->reserved2 || attr->reserved3)
		return -EINVAL;
	/* dev.c checks the counts before copying; keep this file self-contained. */
	if (attr->nr_entries > KSENTRY_TABLE_SIZE ||
	    attr->nr_rules > KSENTRY_MAX_RULES)
		return -E2BIG;
	/* A default action has no number for an emulation to answer. */
	if (!action_is_valid(attr->default_action) ||
	    ksentry_action_type(attr->default_action) == KSENTRY_ACT_EMULATE ||
	    !compat_action(attr->ia32_action) ||
	    !compat_action(attr->x32_action))
		return -EINVAL;
	return 0;
}

/*
 * Check the entries.  A number named twice is refused rather than resolved
 * by order: it is almost always a bug in the profile compiler.
 */
static int check_entries(const struct ksentry_entry *const entries,
			 const u32 nr_entries)
{
	DECLARE_BITMAP(seen, KSENTRY_TABLE_SIZE) = {};
	u32 i;

	for (i = 0; i < nr_entries; i++) {
		const struct ksentry_entry *const entry = &entries[i];

		if (entry->nr >= KSENTRY_TABLE_SIZE ||
		    !action_is_valid(entry->action) ||
		    !emulates(entry->nr, entry->action))
			return -EINVAL;
		if (__test_and_set_bit(entry->nr, seen))
			return -EINVAL;
	}
	return 0;
}

/* Whether @cond is all zero, as every unused condition must be. */
static bool cond_is_zero(const struct ksentry_cond *const cond)
{
	return !cond->arg && !cond->op && !cond->mask && !cond->value;
}

/* Whether a used condition names a real argument and a known comparison. */
static bool cond_is_valid(const struct ksentry_cond *const cond)
{
	return cond->arg < NR_ARGS && cond->op >= KSENTRY_CMP_EQ &&
	       cond->op <= KSENTRY_CMP_MASKED_EQ;
}

/*
 * Check one rule.  Unused conditions must be zero so that a later version
 * may give them a meaning without old callers' garbage turning it on.
 */
static int check_rule(const struct ksentry_rule *const rule)
{
	u32 i;

	if (rule->nr >= KSENTRY_TABLE_SIZE || rule->reserved ||
	    !action_is_valid(rule->action) || !emulates(rule->nr, rule->action))
		return -EINVAL;
	if (rule->nr_conds == 0 || rule->nr_conds > KSENTRY_MAX_CONDS)
		return -EINVAL;
	for (i = 0; i < rule->nr_conds; i++)
		if (!cond_is_valid(&rule->conds[i]))
			return -EINVAL;
	for (; i < KSENTRY_MAX_CONDS; i++)
		if (!cond_is_zero(&rule->conds[i]))
			return -EINVAL;
	return 0;
}

static int check_rules(const struct ksentry_rule *const rules,
		       const u32 nr_rules)
{
	u32 i;
	int err;

	for (i = 0; i < nr_rules; i++) {
		err = check_rule(&rules[i]);
		if (err)
			return err;
	}
	return 0;
}

/* The table: the default everywhere, then each entry over it. */
static void fill_table(struct ksentry_policy *const policy,
		       const struct ksentry_entry *const entries,
		       const u32 nr_entries)
{
	u32 i;

	for (i = 0; i < KSENTRY_TABLE_SIZE; i++)
		policy->table[i] = policy->default_action;
	for (i = 0; i < nr_entries; i++)
		policy->table[entries[i].nr] = entries[i].action;
}

/*
 * Cut each condition's value and mask to the width the kernel reads the
 * argument with, as the argument itself is cut when a call is decided
 * (see cond_holds()): a condition on an int compares the low 32 bits, so
 * 0xffffffff and -1 are the same value, and bits the kernel never reads
 * can be neither required nor refused.
 */
static void canon_conds(struct ksentry_prule *const prule, const u32 nr)
{
	struct ksentry_cond *cond;
	u32 i;

	for (i = 0; i < prule->nr_conds; i++) {
		cond = &prule->conds[i];
		cond->value = ksentry_arg_value(nr, cond->arg, cond->value);
		cond->mask = ksentry_arg_value(nr, cond->arg, cond->mask);
	}
}

/*
 * Group the rules by number with a counting sort, which keeps the caller's
 * order within each number: the first rule that matches decides, so that
 * order is part of the policy.  rule_count[] first counts each number's
 * rules, is reset once rule_first[] holds the group starts, and counts them
 * again as they are placed, ending with the same values.
 */
static void fill_rules(struct ksentry_policy *const policy,
		       const struct ksentry_rule *const rules)
{
	struct ksentry_prule *prule;
	u32 i, first = 0;

	for (i = 0; i < policy->nr_rules; i++)
		policy->rule_count[rules[i].nr]++;
	for (i = 0; i < KSENTRY_TABLE_SIZE; i++) {
		policy->rule_first[i] = first;
		first += policy->rule_count[i];
		policy->rule_count[i] = 0;
	}
	for (i = 0; i < policy->nr_rules; i++) {
		const u32 nr = rules[i].nr;

		prule = &policy->rules[policy->rule_first[nr] +
				       policy->rule_count[nr]++];
		prule->action = rules[i].action;
		prule->nr_conds = rules[i].nr_conds;
		memcpy(prule->conds, rules[i].conds, sizeof(prule->conds));
		canon_conds(prule, nr);
	}
}

/*
 * The one-load answers: the numbers with rules, and the ones the
 * dispatcher always inspects, get 0, "decide in full".
 */
static void fill_fast(struct ksentry_policy *const policy)
{
	unsigned int nr;

	for (nr = 0; nr < KSENTRY_TABLE_SIZE; nr++)
		policy->fast[nr] = policy->rule_count[nr] ? 0 : policy->table[nr];
	policy->fast[KSENTRY_NR_PRCTL] = 0;
	policy->fast[KSENTRY_NR_PTRACE] = 0;
}

/* Whether @str is NUL-terminated within @len bytes, zero after the NUL. */
static bool uts_is_valid(const char *const str, const size_t len)
{
	const size_t n = strnlen(str, len);

	return n < len && !memchr_inv(str + n, 0, len - n);
}

/* Check the sandbox's view; NULL is the host's and always valid. */
static int check_emu(const struct ksentry_emu_attr *const emu)
{
	if (!emu)
		return 0;
	if (emu->flags || (emu->vfiles & ~KSENTRY_VFILES_ALL) ||
	    memchr_inv(emu->pad, 0, sizeof(emu->pad)))
		return -EINVAL;
	if (!uts_is_valid(emu->sysname, KSENTRY_UTS_LEN) ||
	    !uts_is_valid(emu->nodename, KSENTRY_UTS_LEN) ||
	    !uts_is_valid(emu->release, KSENTRY_UTS_LEN) ||
	    !uts_is_valid(emu->version, KSENTRY_UTS_LEN) ||
	    !uts_is_valid(emu->machine, KSENTRY_UTS_LEN))
		return -EINVAL;
	return 0;
}

static void fill_emu(struct ksentry_policy *const policy,
		     const struct ksentry_emu_attr *const emu)
{
	struct ksentry_emu_view *const view = &policy->emu;

	if (!emu)
		return;
	view->nr_cpus = emu->nr_cpus;
	view->vfiles = emu->vfiles;
	memcpy(view->sysname, emu->sysname, sizeof(view->sysname));
	memcpy(view->nodename, emu->nodename, sizeof(view->nodename));
	memcpy(view->release, emu->release, sizeof(view->release));
	memcpy(view->version, emu->version, sizeof(view->version));
	memcpy(view->machine, emu->machine, sizeof(view->machine));
}

/**
 * ksentry_policy_build - Validate a policy and build it
 * @attr: The policy's attributes; @attr->size is the caller's business.
 * @entries: @attr->nr_entries entries, in kernel memory.
 * @rules: @attr->nr_rules rules, in kernel memory.
 *
 * Everything is checked before anything is allocated, and nothing of the
 * caller's is kept, so the caller frees @entries and @rules either way.
 *
 * Return: A new policy, to free with ksentry_policy_free() or
 * ksentry_policy_free_rcu(), or:
 *
 * - ERR_PTR(-EINVAL): a flag, reserved field, number, action or condition
 *   is invalid, or a number has two entries;
 * - ERR_PTR(-E2BIG): more than %KSENTRY_TABLE_SIZE entries or
 *   %KSENTRY_MAX_RULES rules;
 * - ERR_PTR(-ENOMEM): out of memory.
 */
struct ksentry_policy *
ksentry_policy_build(const struct ksentry_policy_attr *const attr,
		     const struct ksentry_entry *const entries,
		     const struct ksentry_rule *const rules)
{
	return ksentry_policy_build_emu(attr, entries, rules, NULL);
}

/**
 * ksentry_policy_build_emu - Validate a policy with its view and build it
 * @attr: As for ksentry_policy_build(); @attr->emu is the caller's
 *        business, @emu is its copy.
 * @entries: As for ksentry_policy_build().
 * @rules: As for ksentry_policy_build().
 * @emu: The sandbox's view, in kernel memory, or NULL for the host's.
 *
 * Return: As for ksentry_policy_build(); -EINVAL also for a view whose
 * flags, reserved bytes or strings are invalid.
 */
struct ksentry_policy *
ksentry_policy_build_emu(const struct ksentry_policy_attr *const attr,
			 const struct ksentry_entry *const entries,
			 const struct ksentry_rule *const rules,
			 const struct ksentry_emu_attr *const emu)
{
	struct ksentry_policy *policy;
	int err;

	err = check_emu(emu);
	if (!err)
		err = check_attr(attr);
	if (!err)
		err = check_entries(entries, attr->nr_entries);
	if (!err)
		err = check_rules(rules, attr->nr_rules);
	if (err)
		return ERR_PTR(err);

	/* Charged to the caller's memcg: user space chooses the size. */
	policy = kvzalloc(struct_size(policy, rules, attr->nr_rules),
			  GFP_KERNEL_ACCOUNT);
	if (!policy)
		return ERR_PTR(-ENOMEM);
	/* First, as it bounds @rules (__counted_by). */
	policy->nr_rules = attr->nr_rules;
	policy->default_action = attr->default_action;
	policy->ia32_action = compat_action(attr->ia32_action);
	policy->x32_action = compat_action(attr->x32_action);
	fill_table(policy, entries, attr->nr_entries);
	fill_rules(policy, rules);
	fill_fast(policy);
	fill_emu(policy, emu);
	return policy;
}

/**
 * ksentry_policy_free - Free a policy no reader can see
 * @policy: The policy, or NULL.
 *
 * Use ksentry_policy_free_rcu() once the policy may have been published.
 */
void ksentry_policy_free(struct ksentry_policy *const policy)
{
	if (policy)
		ksentry_paths_free(policy->paths);
	kvfree(policy);
}

/**
 * ksentry_policy_free_rcu - Free a policy after the readers that see it
 * @policy: The policy, or NULL.
 *
 * For a policy that was published through an RCU pointer: members may be
 * deciding with it until a grace period has passed.  Does not sleep.
 */
void ksentry_policy_free_rcu(struct ksentry_policy *const policy)
{
	if (!policy)
		return;
	ksentry_paths_free_rcu(policy->paths);
	kvfree_rcu(policy, rcu);
}

/* The largest action type @policy can give the x86-64 number @nr. */
static u32 max_type_of(const struct ksentry_policy *const policy, const u32 nr)
{
	const struct ksentry_prule *const rules = policy->rules + policy->rule_first[nr];
	u32 type = ksentry_action_type(policy->table[nr]);
	u32 i;

	for (i = 0; i < policy->rule_count[nr]; i++)
		type = max(type, ksentry_action_type(rules[i].action));
	return type;
}

/*
 * The calls that open a file by a path or a handle, or through a ring
 * that no syscall table sees: with path rules on opens, none of them may
 * reach the host's open.  Beside the open family, the kernel opens files
 * for a caller by a handle (open_by_handle_at), in a ring
 * (io_uring_setup), for fanotify events, whose descriptors are opens of
 * the files others touched (fanotify_init), and by a path in acct(),
 * swapon() and quotactl(Q_QUOTAON).
 */
static const u16 open_nrs[] = {
	__NR_open, __NR_openat, __NR_openat2, __NR_creat,
};

static const u16 around_nrs[] = {
	__NR_open_by_handle_at, __NR_io_uring_setup, __NR_fanotify_init,
	__NR_acct, __NR_swapon, __NR_quotactl, __NR_quotactl_fd,
};

/**
 * ksentry_policy_attach_paths - Give a built policy its path rules
 * @policy: The policy, not yet published.
 * @paths: The rules, or NULL; the policy owns them on success.
 *
 * Path rules on opens only hold when nothing opens around them, so the
 * policy must emulate (or refuse) every call of the open family, refuse
 * open_by_handle_at(), io_uring_setup(), fanotify_init(), acct(),
 * swapon(), quotactl() and quotactl_fd(), and give no ia32 or x32 call to
 * the host.
 *
 * Return: 0, or -EINVAL for a policy that a call could go around; the
 * caller keeps @paths then.
 */
int ksentry_policy_attach_paths(struct ksentry_policy *const policy,
				struct ksentry_paths *const paths)
{
	size_t i;

	if (paths && paths->has_open) {
		for (i = 0; i < ARRAY_SIZE(open_nrs); i++)
			if (max_type_of(policy, open_nrs[i]) > KSENTRY_ACT_EMULATE)
				return -EINVAL;
		for (i = 0; i < ARRAY_SIZE(around_nrs); i++)
			if (max_type_of(policy, around_nrs[i]) >= KSENTRY_ACT_EMULATE)
				return -EINVAL;
		if (ksentry_action_type(policy->ia32_action) >= KSENTRY_ACT_EMULATE ||
		    ksentry_action_type(policy->x32_action) >= KSENTRY_ACT_EMULATE)
			return -EINVAL;
	}
	policy->paths = paths;
	return 0;
}

/* Whether the rules of @nr are the same, condition by condition, in both. */
static bool same_rules(const struct ksentry_policy *const old,
		       const struct ksentry_policy *const new, const u32 nr)
{
	const struct ksentry_prule *const orules = old->rules + old->rule_first[nr];
	const struct ksentry_prule *const nrules = new->rules + new->rule_first[nr];
	u32 i, j;

	if (old->rule_count[nr] != new->rule_count[nr])
		return false;
	for (i = 0; i < old->rule_count[nr]; i++) {
		if (orules[i].nr_conds != nrules[i].nr_conds)
			return false;
		for (j = 0; j < orules[i].nr_conds; j++) {
			const struct ksentry_cond *const a = &orules[i].conds[j];
			const struct ksentry_cond *const b = &nrules[i].conds[j];

			if (a->arg != b->arg || a->op != b->op ||
			    a->mask != b->mask || a->value != b->value)
				return false;
		}
	}
	return true;
}

/* The least restrictive type @policy may give @nr, whatever the arguments. */
static u32 max_type(const struct ksentry_policy *const policy, const u32 nr)
{
	const struct ksentry_prule *rule = policy->rules + policy->rule_first[nr];
	u32 type = ksentry_action_type(policy->table[nr]);
	u32 i;

	for (i = 0; i < policy->rule_count[nr]; i++, rule++)
		type = max(type, ksentry_action_type(rule->action));
	return type;
}

/* The most restrictive type @policy may give @nr, whatever the arguments. */
static u32 min_type(const struct ksentry_policy *const policy, const u32 nr)
{
	const struct ksentry_prule *rule = policy->rules + policy->rule_first[nr];
	u32 type = ksentry_action_type(policy->table[nr]);
	u32 i;

	for (i = 0; i < policy->rule_count[nr]; i++, rule++)
		type = min(type, ksentry_action_type(rule->action));
	return type;
}

/* Whether action @new never grants more than action @old. */
static bool type_is_tighter(const u32 old, const u32 new)
{
	return ksentry_action_type(new) <= ksentry_action_type(old);
}

/* Whether @new never grants more than @old for the x86-64 number @nr. */
static bool nr_is_tighter(const struct ksentry_policy *const old,
			  const struct ksentry_policy *const new, const u32 nr)
{
	const struct ksentry_prule *orule = old->rules + old->rule_first[nr];
	const struct ksentry_prule *nrule = new->rules + new->rule_first[nr];
	u32 i;

	if (!same_rules(old, new, nr))
		return max_type(new, nr) <= min_type(old, nr);
	/*
	 * The same conditions in the same order: for any arguments, the same
	 * rule decides in both, or neither has one that does.
	 */
	for (i = 0; i < old->rule_count[nr]; i++, orule++, nrule++)
		if (!type_is_tighter(orule->action, nrule->action))
			return false;
	return type_is_tighter(old->table[nr], new->table[nr]);
}

/**
 * ksentry_policy_is_tighter - Whether a policy never grants more than another
 * @old: The policy in force.
 * @new: The policy that would replace it.
 *
 * Only action types are compared: the data may change freely within a
 * type (another errno, another trap code).  @new is tighter when its
 * default, ia32 and x32 types are no larger than @old's and, for every
 * number below %KSENTRY_TABLE_SIZE:
 *
 * - if both have the same rules for it (as many, with the same conditions
 *   field by field, in the same order), each rule's type and the table's
 *   type are no larger in @new than in @old: the same rule decides a
 *   given call in both;
 * - otherwise, no type @new may give it (its table's or any of its
 *   rules') is larger than any type @old may give it.  Working out which
 *   arguments each rule matches is not worth its cost here.
 *
 * This is conservative: it never accepts a looser policy, but refuses some
 * tighter ones, such as adding a restrictive rule to a number whose table
 * action is looser than its old rules.  A caller with CAP_SYS_ADMIN can
 * install those anyway.
 *
 * Return: True if no call can get a less restrictive action type under
 * @new than under @old.
 */
bool ksentry_policy_is_tighter(const struct ksentry_policy *const old,
			       const struct ksentry_policy *const new)
{
	u32 nr;

	/* The view is not ordered: an unprivileged update must keep it. */
	if (memcmp(&old->emu, &new->emu, sizeof(old->emu)))
		return false;
	if (!ksentry_paths_is_tighter(old->paths, new->paths))
		return false;
	if (!type_is_tighter(old->default_action, new->default_action) ||
	    !type_is_tighter(old->ia32_action, new->ia32_action) ||
	    !type_is_tighter(old->x32_action, new->x32_action))
		return false;
	for (nr = 0; nr < KSENTRY_TABLE_SIZE; nr++)
		if (!nr_is_tighter(old, new, nr))
			return false;
	return true;
}

/*
 * Whether (@arg & mask) compares with the value as @cond asks, @arg being
 * the argument as the kernel will read it for syscall @nr: the rest of the
 * register is never looked at (its value and mask were cut the same way
 * by canon_conds()).
 */
static bool cond_holds(const struct ksentry_cond *const cond, const u32 nr,
		       const unsigned long *const args)
{
	const u64 arg = ksentry_arg_value(nr, cond->arg, args[cond->arg]) &
			cond->mask;

	switch (cond->op) {
	case KSENTRY_CMP_EQ:
	case KSENTRY_CMP_MASKED_EQ:
		return arg == cond->value;
	case KSENTRY_CMP_NE:
		return arg != cond->value;
	case KSENTRY_CMP_LT:
		return arg < cond->value;
	case KSENTRY_CMP_LE:
		return arg <= cond->value;
	case KSENTRY_CMP_GT:
		return arg > cond->value;
	case KSENTRY_CMP_GE:
		return arg >= cond->value;
	default:
		/* ksentry_policy_build() refuses every other op. */
		return false;
	}
}

/* Whether every condition of @rule holds for call @nr with @args. */
static bool rule_matches(const struct ksentry_prule *const rule, const u32 nr,
			 const unsigned long *const args)
{
	u32 i;

	for (i = 0; i < rule->nr_conds; i++)
		if (!cond_holds(&rule->conds[i], nr, args))
			return false;
	return true;
}

/* The action of a call that the x86-64 table does not decide. */
static u32 decide_compat(const struct ksentry_policy *const policy,
			 const enum ksentry_abi abi)
{
	switch (abi) {
	case KSENTRY_ABI_IA32:
		return policy->ia32_action;
	case KSENTRY_ABI_X32:
		return policy->x32_action;
	default:
		/* A caller's bug: fail closed. */
		WARN_ON_ONCE(1);
		return KSENTRY_ACT_KILL_PROCESS;
	}
}

/**
 * ksentry_policy_decide - The action of one syscall under a policy
 * @policy: The policy.
 * @abi: The call's ABI.
 * @nr: The call's number, without __X32_SYSCALL_BIT; any value, including
 *      the negative numbers user space may pass.
 * @args: The call's six arguments.
 *
 * Runs at every syscall of every member, under rcu_read_lock(): it takes
 * no lock, allocates nothing, and a number without rules costs a few
 * compares and one table load.
 *
 * Return: The action, always a valid one.
 */
u32 ksentry_policy_decide(const struct ksentry_policy *const policy,
			  const enum ksentry_abi abi, unsigned long nr,
			  const unsigned long args[6])
{
	const struct ksentry_prule *rule;
	u32 count;

	if (unlikely(abi != KSENTRY_ABI_X86_64))
		return decide_compat(policy, abi);
	if (unlikely(nr >= KSENTRY_TABLE_SIZE))
		return policy->default_action;
	/* @nr comes from user space: no speculative load past the table. */
	nr = array_index_nospec(nr, KSENTRY_TABLE_SIZE);
	count = policy->rule_count[nr];
	/* First match wins: the caller's order was kept by the build. */
	for (rule = policy->rules + policy->rule_first[nr]; count; count--, rule++)
		if (rule_matches(rule, nr, args))
			return rule->action;
	return policy->table[nr];
}

#ifdef KSENTRY_KUNIT_TEST
#include "tests/policy_kunit.c"
#endif /* KSENTRY_KUNIT_TEST */
