// SPDX-License-Identifier: GPL-2.0
/*
 * ksentry - KUnit tests of policies: validation, decisions and the order
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * Included at the end of kmod/policy.c when the module is built with
 * KSENTRY_KUNIT=y, so the tests also reach its static helpers.  Each test
 * describes a policy as user space would, builds it, and checks every
 * field, decision or comparison at the edges of what the uapi allows.
 */

#include <kunit/resource.h>
#include <kunit/test.h>
#include <linux/limits.h>
#include <linux/prctl.h>
#include <linux/rcupdate.h>

/* Rules a test description holds; the largest policies are built apart. */
#define DESC_MAX_RULES 8

/**
 * struct desc - A policy as user space describes it
 * @attr: The attributes; nr_entries and nr_rules count what is used below.
 * @entries: Room for an entry for every number.
 * @rules: Room for a few rules.
 */
struct desc {
	struct ksentry_policy_attr attr;
	struct ksentry_entry entries[KSENTRY_TABLE_SIZE];
	struct ksentry_rule rules[DESC_MAX_RULES];
};

KUNIT_DEFINE_ACTION_WRAPPER(free_policy_action, ksentry_policy_free,
			    struct ksentry_policy *);
KUNIT_DEFINE_ACTION_WRAPPER(kvfree_action, kvfree, const void *);

/*
 * A number without a syscall (x86-64 has none from 463 up): its arguments
 * are compared whole, so the comparisons themselves can be tested on it.
 */
#define NR_WIDE 500

/* Arguments of a call that no test's condition is about. */
static const unsigned long no_args[6];

static struct desc *new_desc(struct kunit *const test, const u32 default_action)
{
	struct desc *const d = kunit_kzalloc(test, sizeof(*d), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, d);
	d->attr.size = sizeof(d->attr);
	d->attr.default_action = default_action;
	return d;
}

static struct desc *copy_desc(struct kunit *const test, const struct desc *const d)
{
	struct desc *const copy = kunit_kmalloc(test, sizeof(*copy), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, copy);
	*copy = *d;
	return copy;
}

static void add_entry(struct kunit *const test, struct desc *const d,
		      const u32 nr, const u32 action)
{
	KUNIT_ASSERT_LT(test, d->attr.nr_entries, KSENTRY_TABLE_SIZE);
	d->entries[d->attr.nr_entries].nr = nr;
	d->entries[d->attr.nr_entries].action = action;
	d->attr.nr_entries++;
}

/* Add a rule without conditions; it is invalid until add_cond() is called. */
static struct ksentry_rule *add_rule(struct kunit *const test,
				     struct desc *const d, const u32 nr,
				     const u32 action)
{
	struct ksentry_rule *rule;

	KUNIT_ASSERT_LT(test, d->attr.nr_rules, DESC_MAX_RULES);
	rule = &d->rules[d->attr.nr_rules++];
	rule->nr = nr;
	rule->action = action;
	return rule;
}

static void add_cond(struct kunit *const test, struct ksentry_rule *const rule,
		     const u32 arg, const u32 op, const u64 mask,
		     const u64 value)
{
	struct ksentry_cond *cond;

	KUNIT_ASSERT_LT(test, rule->nr_conds, KSENTRY_MAX_CONDS);
	cond = &rule->conds[rule->nr_conds++];
	cond->arg = arg;
	cond->op = op;
	cond->mask = mask;
	cond->value = value;
}

/* Add a rule whose one condition is "argument @arg equals @value". */
static struct ksentry_rule *add_rule_eq(struct kunit *const test,
					struct desc *const d, const u32 nr,
					const u32 action, const u32 arg,
					const u64 value)
{
	struct ksentry_rule *const rule = add_rule(test, d, nr, action);

	add_cond(test, rule, arg, KSENTRY_CMP_EQ, U64_MAX, value);
	return rule;
}

/* A zeroed array freed when the test ends, for the largest policies. */
static void *alloc_array(struct kunit *const test, const size_t n,
			 const size_t size)
{
	void *const array = kvcalloc(n, size, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, array);
	KUNIT_ASSERT_EQ(test, 0,
			kunit_add_action_or_reset(test, kvfree_action, array));
	return array;
}

/* Build a policy the test expects to be valid, freed when the test ends. */
static const struct ksentry_policy *
build_arrays(struct kunit *const test,
	     const struct ksentry_policy_attr *const attr,
	     const struct ksentry_entry *const entries,
	     const struct ksentry_rule *const rules)
{
	struct ksentry_policy *const policy =
		ksentry_policy_build(attr, entries, rules);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, policy);
	KUNIT_ASSERT_EQ(test, 0,
			kunit_add_action_or_reset(test, free_policy_action,
						  policy));
	return policy;
}

static const struct ksentry_policy *build(struct kunit *const test,
					  const struct desc *const d)
{
	return build_arrays(test, &d->attr, d->entries, d->rules);
}

/* The error building @d gives, or 0 if it builds. */
static long build_err(const struct desc *const d)
{
	struct ksentry_policy *const policy =
		ksentry_policy_build(&d->attr, d->entries, d->rules);

	if (IS_ERR(policy))
		return PTR_ERR(policy);
	ksentry_policy_free(policy);
	return 0;
}

static bool is_tighter(struct kunit *const test, const struct desc *const old,
		       const struct desc *const new)
{
	return ksentry_policy_is_tighter(build(test, old), build(test, new));
}

/* The x86-64 decision for @nr when only the first argument matters. */
static u32 decide(const struct ksentry_policy *const policy,
		  const unsigned long nr, const unsigned long arg0)
{
	const unsigned long args[6] = { arg0 };

	return ksentry_policy_decide(policy, KSENTRY_ABI_X86_64, nr, args);
}

/* Actions that action_is_valid() must refuse, whatever they are used for. */
static const u32 invalid_actions[] = {
	0,
	1,
	0xffff,
	KSENTRY_ACT_KILL_PROCESS | 1,
	KSENTRY_ACT_KILL_THREAD | KSENTRY_ACT_DATA_MASK,
	KSENTRY_ACT_ERRNO,
	KSENTRY_ACT_ERRNO_OF(MAX_ERRNO + 1),
	/* The kernel's own codes: ERESTARTSYS, ERESTART_RESTARTBLOCK... */
	KSENTRY_ACT_ERRNO_OF(ERESTARTSYS),
	KSENTRY_ACT_ERRNO_OF(ERESTARTNOINTR),
	KSENTRY_ACT_ERRNO_OF(ERESTART_RESTARTBLOCK),
	KSENTRY_ACT_ERRNO_OF(EIOCBQUEUED),
	KSENTRY_ACT_ERRNO_OF(ERECALLCONFLICT),
	KSENTRY_ACT_ERRNO | KSENTRY_ACT_DATA_MASK,
	KSENTRY_ACT_EMULATE,
	KSENTRY_ACT_EMULATE_OF(KSENTRY_EMU_CREAT + 1),
	KSENTRY_ACT_EMULATE | KSENTRY_ACT_DATA_MASK,
	KSENTRY_ACT_LOG | 1,
	KSENTRY_ACT_ALLOW | 1,
	KSENTRY_ACT_ALLOW | 0x8000,
	0x00080000,
	KSENTRY_ACT_TYPE_MASK,
	U32_MAX,
};

/* One valid action of each valid type, data at its edges. */
static const u32 valid_actions[] = {
	KSENTRY_ACT_KILL_PROCESS,
	KSENTRY_ACT_KILL_THREAD,
	KSENTRY_ACT_TRAP,
	KSENTRY_ACT_TRAP | 1,
	KSENTRY_ACT_TRAP | KSENTRY_ACT_DATA_MASK,
	KSENTRY_ACT_ERRNO_OF(1),
	KSENTRY_ACT_ERRNO_OF(MAX_ERRNO),
	KSENTRY_ACT_ERRNO_OF(ERESTARTSYS - 1),
	KSENTRY_ACT_ERRNO_OF(ERECALLCONFLICT + 1),
	KSENTRY_ACT_LOG,
	KSENTRY_ACT_ALLOW,
};

static void test_action_is_valid_each_type(struct kunit *const test)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(valid_actions); i++)
		KUNIT_EXPECT_TRUE_MSG(test, action_is_valid(valid_actions[i]),
				      "action %#x", valid_actions[i]);
	for (i = 0; i < ARRAY_SIZE(invalid_actions); i++)
		KUNIT_EXPECT_FALSE_MSG(test,
				       action_is_valid(invalid_actions[i]),
				       "action %#x", invalid_actions[i]);
}

static void test_compat_action_each_type(struct kunit *const test)
{
	size_t i;

	KUNIT_EXPECT_EQ(test, KSENTRY_ACT_ERRNO,
			ksentry_action_type(NO_ABI_ACTION));
	KUNIT_EXPECT_TRUE(test, action_is_valid(NO_ABI_ACTION));
	KUNIT_EXPECT_EQ(test, NO_ABI_ACTION, compat_action(0));
	for (i = 0; i < ARRAY_SIZE(valid_actions); i++)
		KUNIT_EXPECT_EQ(test, valid_actions[i],
				compat_action(valid_actions[i]));
	/* 0 is the only invalid action that does not stay invalid. */
	for (i = 1; i < ARRAY_SIZE(invalid_actions); i++)
		KUNIT_EXPECT_EQ_MSG(test, 0, compat_action(invalid_actions[i]),
				    "action %#x", invalid_actions[i]);
}

static void test_ksentry_policy_build_empty(struct kunit *const test)
{
	const struct ksentry_policy *const policy =
		build(test, new_desc(test, KSENTRY_ACT_ALLOW));
	u32 nr, bad = 0;

	KUNIT_EXPECT_EQ(test, KSENTRY_ACT_ALLOW, policy->default_action);
	KUNIT_EXPECT_EQ(test, NO_ABI_ACTION, policy->ia32_action);
	KUNIT_EXPECT_EQ(test, NO_ABI_ACTION, policy->x32_action);
	KUNIT_EXPECT_EQ(test, 0, policy->nr_rules);
	for (nr = 0; nr < KSENTRY_TABLE_SIZE; nr++)
		if (policy->table[nr] != KSENTRY_ACT_ALLOW ||
		    policy->rule_count[nr])
			bad++;
	KUNIT_EXPECT_EQ(test, 0, bad);
}

static void test_ksentry_policy_build_null_arrays(struct kunit *const test)
{
	const struct ksentry_policy_attr attr = {
		.default_action = KSENTRY_ACT_KILL_PROCESS,
	};
	const struct ksentry_policy *policy;

	/* dev.c passes NULL for an empty array: nothing may read it. */
	policy = build_arrays(test, &attr, NULL, NULL);
	KUNIT_EXPECT_EQ(test, KSENTRY_ACT_KILL_PROCESS, policy->table[0]);
	KUNIT_EXPECT_EQ(test, KSENTRY_ACT_KILL_PROCESS,
			policy->table[KSENTRY_TABLE_SIZE - 1]);
}

static void test_ksentry_policy_build_entries(struct kunit *const test)
{
	struct desc *const d = new_desc(test, KSENTRY_ACT_KILL_THREAD);
	const struct ksentry_policy *policy;

	add_entry(test, d, KSENTRY_TABLE_SIZE - 1, KSENTRY_ACT_ALLOW);
	add_entry(test, d, 0, KSENTRY_ACT_ERRNO_OF(EPERM));
	add_entry(test, d, 60, KSENTRY_ACT_LOG);
	policy = build(test, d);
	KUNIT_EXPECT_EQ(test, KSENTRY_ACT_ERRNO_OF(EPERM), policy->table[0]);
	KUNIT_EXPECT_EQ(test, KSENTRY_ACT_KILL_THREAD, policy->table[1]);
	KUNIT_EXPECT_EQ(test, KSENTRY_ACT_KILL_THREAD, policy->table[59]);
	KUNIT_EXPECT_EQ(test, KSENTRY_ACT_LOG, policy->table[60]);
	KUNIT_EXPECT_EQ(test, KSENTRY_ACT_KILL_THREAD, policy->table[61]);
	KUNIT_EXPECT_EQ(test, KSENTRY_ACT_KILL_THREAD,
			policy->table[KSENTRY_TABLE_SIZE - 2]);
	KUNIT_EXPECT_EQ(test, KSENTRY_ACT_ALLOW,
			policy->table[KSENTRY_TABLE_SIZE - 1]);
	KUNIT_EXPECT_EQ(test, KSENTRY_ACT_KILL_THREAD, policy->default_action);
}

static void test_ksentry_policy_build_compat_actions(struct kunit *const test)
{
	struct desc *const d = new_desc(test, KSENTRY_ACT_ALLOW);
	const struct ksentry_policy *policy;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(valid_actions); i++) {
		d->attr.ia32_action = valid_actions[i];
		d->attr.x32_action = valid_actions[ARRAY_SIZE(valid_actions) - 1 - i];
		policy = build(test, d);
		KUNIT_EXPECT_EQ(test, d->attr.ia32_action, policy->ia32_action);
		KUNIT_EXPECT_EQ(test, d->attr.x32_action, policy->x32_action);
	}
}

static void test_ksentry_policy_build_compat_invalid(struct kunit *const test)
{
	struct desc *const d = new_desc(test, KSENTRY_ACT_ALLOW);
	size_t i;

	/* Index 0 is the action 0, which means ENOSYS here. */
	for (i = 1; i < ARRAY_SIZE(invalid_actions); i++) {
		d->attr.ia32_action = invalid_actions[i];
		d->attr.x32_action = 0;
		KUNIT_EXPECT_EQ_MSG(test, -EINVAL, build_err(d),
				    "ia32 %#x", invalid_actions[i]);
		d->attr.ia32_action = 0;
		d->attr.x32_action = invalid_actions[i];
		KUNIT_EXPECT_EQ_MSG(test, -EINVAL, build_err(d),
				    "x32 %#x", invalid_actions[i]);
	}
	d->attr.x32_action = 0;
	KUNIT_EXPECT_EQ(test, 0, build_err(d));
}

static void test_ksentry_policy_build_flags(struct kunit *const test)
{
	struct desc *const d = new_desc(test, KSENTRY_ACT_ALLOW);

	KUNIT_EXPECT_EQ(test, 0, build_err(d));
	d->attr.flags = 1;
	KUNIT_EXPECT_EQ(test, -EINVAL, build_err(d));
	d->attr.flags = 1U << 31;
	KUNIT_EXPECT_EQ(test, -EINVAL, build_err(d));
}

static void test_ksentry_policy_build_reserved(struct kunit *const test)
{
	struct desc *const d = new_desc(test, KSENTRY_ACT_ALLOW);

	d->attr.reserved = 1;
	KUNIT_EXPECT_EQ(test, -EINVAL, build_err(d));
	d->attr.reserved = U32_MAX;
	KUNIT_EXPECT_EQ(test, -EINVAL, build_err(d));
	d->attr.reserved = 0;
	d->attr.reserved2 = 1;
	KUNIT_EXPECT_EQ(test, -EINVAL, build_err(d));
}

/* Attach @paths to a fresh build of @d; detached again before the free. */
static int attach_err(struct kunit *const test, const struct desc *const d,
		      struct ksentry_paths *const paths)
{
	struct ksentry_policy *const policy =
		ksentry_policy_build(&d->attr, d->entries, d->rules);
	int err;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, policy);
	err = ksentry_policy_attach_paths(policy, paths);
	KUNIT_EXPECT_PTR_EQ(test, err ? NULL : paths, policy->paths);
	policy->paths = NULL;
	ksentry_policy_free(policy);
	return err;
}

/* Path rules on opens hold only if no call opens around them. */
static void test_ksentry_policy_attach_paths(struct kunit *const test)
{
	const u32 deny = KSENTRY_ACT_ERRNO_OF(EPERM);
	struct desc *const d = new_desc(test, KSENTRY_ACT_ALLOW);
	struct ksentry_paths *const paths =
		kunit_kzalloc(test, sizeof(*paths), GFP_KERNEL);
	struct desc *bad;

	KUNIT_ASSERT_NOT_NULL(test, paths);
	/* No rules, or exec rules only: nothing to cover. */
	KUNIT_EXPECT_EQ(test, 0, attach_err(test, d, NULL));
	paths->has_exec = true;
	KUNIT_EXPECT_EQ(test, 0, attach_err(test, d, paths));
	paths->has_open = true;
	KUNIT_EXPECT_EQ(test, -EINVAL, attach_err(test, d, paths));

	d->attr.ia32_action = deny;
	d->attr.x32_action = deny;
	add_entry(test, d, __NR_open, KSENTRY_ACT_EMULATE_OF(KSENTRY_EMU_OPEN));
	add_entry(test, d, __NR_openat, KSENTRY_ACT_EMULATE_OF(KSENTRY_EMU_OPENAT));
	add_entry(test, d, __NR_openat2, deny);
	add_entry(test, d, __NR_creat, KSENTRY_ACT_KILL_PROCESS);
	add_entry(test, d, __NR_open_by_handle_at, deny);
	add_entry(test, d, __NR_io_uring_setup, deny);
	add_entry(test, d, __NR_fanotify_init, deny);
	add_entry(test, d, __NR_acct, deny);
	add_entry(test, d, __NR_swapon, deny);
	add_entry(test, d, __NR_quotactl, deny);
	add_entry(test, d, __NR_quotactl_fd, deny);
	KUNIT_EXPECT_EQ(test, 0, attach_err(test, d, paths));

	/* Each way around, alone. */
	bad = copy_desc(test, d);
	bad->attr.ia32_action = KSENTRY_ACT_ALLOW;
	KUNIT_EXPECT_EQ(test, -EINVAL, attach_err(test, bad, paths));
	bad = copy_desc(test, d);
	bad->attr.x32_action = KSENTRY_ACT_LOG;
	KUNIT_EXPECT_EQ(test, -EINVAL, attach_err(test, bad, paths));
	bad = copy_desc(test, d);
	bad->entries[1].action = KSENTRY_ACT_LOG;
	KUNIT_EXPECT_EQ(test, -EINVAL, attach_err(test, bad, paths));
	bad = copy_desc(test, d);
	bad->entries[5].action = KSENTRY_ACT_ALLOW;
	KUNIT_EXPECT_EQ(test, -EINVAL, attach_err(test, bad, paths));
	/* A rule that gives openat to the host is a way around too. */
	bad = copy_desc(test, d);
	add_rule_eq(test, bad, __NR_openat, KSENTRY_ACT_ALLOW, 2, 0);
	KUNIT_EXPECT_EQ(test, -EINVAL, attach_err(test, bad, paths));
	/* A rule that refuses is not. */
	bad = copy_desc(test, d);
	add_rule_eq(test, bad, __NR_openat, deny, 2, 0);
	KUNIT_EXPECT_EQ(test, 0, attach_err(test, bad, paths));
}

static void test_ksentry_policy_build_size_ignored(struct kunit *const test)
{
	struct desc *const d = new_desc(test, KSENTRY_ACT_ALLOW);

	/* dev.c owns @size; the build must not look at it. */
	d->attr.size = 0;
	KUNIT_EXPECT_EQ(test, 0, build_err(d));
	d->attr.size = U32_MAX;
	KUNIT_EXPECT_EQ(test, 0, build_err(d));
}

static void test_ksentry_policy_build_too_many(struct kunit *const test)
{
	static const u32 counts[][2] = {
		{ KSENTRY_TABLE_SIZE + 1, 0 },
		{ U32_MAX, 0 },
		{ 0, KSENTRY_MAX_RULES + 1 },
		{ 0, U32_MAX },
		{ U32_MAX, U32_MAX },
	};
	struct ksentry_policy_attr attr = {
		.default_action = KSENTRY_ACT_ALLOW,
	};
	size_t i;

	/* NULL arrays: the counts must be refused before anything is read. */
	for (i = 0; i < ARRAY_SIZE(counts); i++) {
		attr.nr_entries = counts[i][0];
		attr.nr_rules = counts[i][1];
		KUNIT_EXPECT_PTR_EQ_MSG(test, ERR_PTR(-E2BIG),
					ksentry_policy_build(&attr, NULL, NULL),
					"%u entries, %u rules",
					attr.nr_entries, attr.nr_rules);
	}
}

static void test_ksentry_policy_build_default_action(struct kunit *const test)
{
	struct desc *const d = new_desc(test, 0);
	size_t i;

	for (i = 0; i < ARRAY_SIZE(valid_actions); i++) {
		d->attr.default_action = valid_actions[i];
		KUNIT_EXPECT_EQ_MSG(test, 0, build_err(d), "default %#x",
				    valid_actions[i]);
	}
	for (i = 0; i < ARRAY_SIZE(invalid_actions); i++) {
		d->attr.default_action = invalid_actions[i];
		KUNIT_EXPECT_EQ_MSG(test, -EINVAL, build_err(d), "default %#x",
				    invalid_actions[i]);
	}
}

static void test_ksentry_policy_build_entry_nr(struct kunit *const test)
{
	struct desc *const d = new_desc(test, KSENTRY_ACT_ALLOW);

	add_entry(test, d, KSENTRY_TABLE_SIZE - 1, KSENTRY_ACT_LOG);
	KUNIT_EXPECT_EQ(test, 0, build_err(d));
	d->entries[0].nr = KSENTRY_TABLE_SIZE;
	KUNIT_EXPECT_EQ(test, -EINVAL, build_err(d));
	d->entries[0].nr = U32_MAX;
	KUNIT_EXPECT_EQ(test, -EINVAL, build_err(d));
}

static void test_ksentry_policy_build_entry_action(struct kunit *const test)
{
	struct desc *const d = new_desc(test, KSENTRY_ACT_ALLOW);
	size_t i;

	add_entry(test, d, 1, KSENTRY_ACT_ALLOW);
	add_entry(test, d, 2, KSENTRY_ACT_ALLOW);
	for (i = 0; i < ARRAY_SIZE(valid_actions); i++) {
		d->entries[1].action = valid_actions[i];
		KUNIT_EXPECT_EQ_MSG(test, 0, build_err(d), "action %#x",
				    valid_actions[i]);
	}
	/* The last entry too: every entry is checked, not just the first. */
	for (i = 0; i < ARRAY_SIZE(invalid_actions); i++) {
		d->entries[1].action = invalid_actions[i];
		KUNIT_EXPECT_EQ_MSG(test, -EINVAL, build_err(d), "action %#x",
				    invalid_actions[i]);
	}
}

static void test_ksentry_policy_build_entry_duplicate(struct kunit *const test)
{
	static const u32 nrs[] = { 0, 5, KSENTRY_TABLE_SIZE - 1 };
	struct desc *d;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(nrs); i++) {
		d = new_desc(test, KSENTRY_ACT_ALLOW);
		add_entry(test, d, nrs[i], KSENTRY_ACT_ALLOW);
		add_entry(test, d, 100, KSENTRY_ACT_ALLOW);
		KUNIT_EXPECT_EQ(test, 0, build_err(d));
		/* Twice is refused even with the same action. */
		add_entry(test, d, nrs[i], KSENTRY_ACT_ALLOW);
		KUNIT_EXPECT_EQ_MSG(test, -EINVAL, build_err(d), "nr %u",
				    nrs[i]);
		d->entries[2].action = KSENTRY_ACT_KILL_PROCESS;
		KUNIT_EXPECT_EQ_MSG(test, -EINVAL, build_err(d), "nr %u",
				    nrs[i]);
	}
}

static void test_ksentry_policy_build_rule_nr(struct kunit *const test)
{
	struct desc *const d = new_desc(test, KSENTRY_ACT_ALLOW);

	add_rule_eq(test, d, KSENTRY_TABLE_SIZE - 1, KSENTRY_ACT_LOG, 0, 0);
	KUNIT_EXPECT_EQ(test, 0, build_err(d));
	d->rules[0].nr = KSENTRY_TABLE_SIZE;
	KUNIT_EXPECT_EQ(test, -EINVAL, build_err(d));
	d->rules[0].nr = U32_MAX;
	KUNIT_EXPECT_EQ(test, -EINVAL, build_err(d));
}

static void test_ksentry_policy_build_rule_reserved(struct kunit *const test)
{
	struct desc *const d = new_desc(test, KSENTRY_ACT_ALLOW);
	struct ksentry_rule *const rule =
		add_rule_eq(test, d, 1, KSENTRY_ACT_LOG, 0, 0);

	rule->reserved = 1;
	KUNIT_EXPECT_EQ(test, -EINVAL, build_err(d));
	rule->reserved = U32_MAX;
	KUNIT_EXPECT_EQ(test, -EINVAL, build_err(d));
}

static void test_ksentry_policy_build_rule_action(struct kunit *const test)
{
	struct desc *const d = new_desc(test, KSENTRY_ACT_ALLOW);
	struct ksentry_rule *rule;
	size_t i;

	add_rule_eq(test, d, 1, KSENTRY_ACT_LOG, 0, 0);
	rule = add_rule_eq(test, d, 1, KSENTRY_ACT_LOG, 0, 1);
	for (i = 0; i < ARRAY_SIZE(valid_actions); i++) {
		rule->action = valid_actions[i];
		KUNIT_EXPECT_EQ_MSG(test, 0, build_err(d), "action %#x",
				    valid_actions[i]);
	}
	for (i = 0; i < ARRAY_SIZE(invalid_actions); i++) {
		rule->action = invalid_actions[i];
		KUNIT_EXPECT_EQ_MSG(test, -EINVAL, build_err(d), "action %#x",
				    invalid_actions[i]);
	}
}

static void test_ksentry_policy_build_rule_nr_conds(struct kunit *const test)
{
	struct desc *const d = new_desc(test, KSENTRY_ACT_ALLOW);
	struct ksentry_rule *const rule = add_rule(test, d, 1, KSENTRY_ACT_LOG);
	u32 i;

	KUNIT_EXPECT_EQ(test, -EINVAL, build_err(d));
	for (i = 1; i <= KSENTRY_MAX_CONDS; i++) {
		add_cond(test, rule, i - 1, KSENTRY_CMP_EQ, U64_MAX, i);
		KUNIT_EXPECT_EQ_MSG(test, 0, build_err(d), "%u conds", i);
	}
	rule->nr_conds = KSENTRY_MAX_CONDS + 1;
	KUNIT_EXPECT_EQ(test, -EINVAL, build_err(d));
	rule->nr_conds = U32_MAX;
	KUNIT_EXPECT_EQ(test, -EINVAL, build_err(d));
}

static void test_ksentry_policy_build_cond_arg(struct kunit *const test)
{
	struct desc *const d = new_desc(test, KSENTRY_ACT_ALLOW);
	struct ksentry_rule *const rule = add_rule(test, d, 1, KSENTRY_ACT_LOG);
	struct ksentry_cond *cond;
	u32 i;

	for (i = 0; i < KSENTRY_MAX_CONDS; i++)
		add_cond(test, rule, 5, KSENTRY_CMP_NE, U64_MAX, i);
	KUNIT_EXPECT_EQ(test, 0, build_err(d));
	/* Every used condition is checked, the first and the last. */
	for (i = 0; i < KSENTRY_MAX_CONDS; i += KSENTRY_MAX_CONDS - 1) {
		cond = &rule->conds[i];
		cond->arg = 6;
		KUNIT_EXPECT_EQ_MSG(test, -EINVAL, build_err(d), "cond %u", i);
		cond->arg = U32_MAX;
		KUNIT_EXPECT_EQ_MSG(test, -EINVAL, build_err(d), "cond %u", i);
		cond->arg = 0;
		KUNIT_EXPECT_EQ_MSG(test, 0, build_err(d), "cond %u", i);
	}
}

static void test_ksentry_policy_build_cond_op(struct kunit *const test)
{
	static const u32 bad_ops[] = { 0, KSENTRY_CMP_MASKED_EQ + 1, U32_MAX };
	struct desc *const d = new_desc(test, KSENTRY_ACT_ALLOW);
	struct ksentry_rule *const rule = add_rule(test, d, 1, KSENTRY_ACT_LOG);
	u32 op;
	size_t i;

	add_cond(test, rule, 0, KSENTRY_CMP_EQ, U64_MAX, 0);
	add_cond(test, rule, 1, KSENTRY_CMP_EQ, U64_MAX, 0);
	for (op = KSENTRY_CMP_EQ; op <= KSENTRY_CMP_MASKED_EQ; op++) {
		rule->conds[1].op = op;
		KUNIT_EXPECT_EQ_MSG(test, 0, build_err(d), "op %u", op);
	}
	for (i = 0; i < ARRAY_SIZE(bad_ops); i++) {
		rule->conds[1].op = bad_ops[i];
		KUNIT_EXPECT_EQ_MSG(test, -EINVAL, build_err(d), "op %u",
				    bad_ops[i]);
	}
}

static void test_ksentry_policy_build_unused_cond(struct kunit *const test)
{
	struct desc *const d = new_desc(test, KSENTRY_ACT_ALLOW);
	struct ksentry_rule *const rule =
		add_rule_eq(test, d, 1, KSENTRY_ACT_LOG, 0, 0);
	struct ksentry_cond *cond;
	u32 i;

	/* Each field of the first and the last unused condition. */
	for (i = 1; i < KSENTRY_MAX_CONDS; i += KSENTRY_MAX_CONDS - 2) {
		cond = &rule->conds[i];
		cond->arg = 1;
		KUNIT_EXPECT_EQ_MSG(test, -EINVAL, build_err(d), "cond %u", i);
		cond->arg = 0;
		cond->op = KSENTRY_CMP_EQ;
		KUNIT_EXPECT_EQ_MSG(test, -EINVAL, build_err(d), "cond %u", i);
		cond->op = 0;
		cond->mask = 1;
		KUNIT_EXPECT_EQ_MSG(test, -EINVAL, build_err(d), "cond %u", i);
		cond->mask = 0;
		cond->value = 1ULL << 63;
		KUNIT_EXPECT_EQ_MSG(test, -EINVAL, build_err(d), "cond %u", i);
		cond->value = 0;
		KUNIT_EXPECT_EQ_MSG(test, 0, build_err(d), "cond %u", i);
	}
	/* The one unused condition of a rule with five. */
	rule->nr_conds = KSENTRY_MAX_CONDS - 1;
	rule->conds[KSENTRY_MAX_CONDS - 1].mask = U64_MAX;
	KUNIT_EXPECT_EQ(test, -EINVAL, build_err(d));
	rule->nr_conds = KSENTRY_MAX_CONDS;
	KUNIT_EXPECT_EQ(test, -EINVAL, build_err(d));
}

static void test_ksentry_policy_build_rule_order(struct kunit *const test)
{
	static const u32 nrs[] = {
		NR_WIDE + 3, NR_WIDE + 1, NR_WIDE + 3, NR_WIDE + 2, NR_WIDE + 1,
	};
	/* Where each rule above must land: grouped by number, stable. */
	static const u32 slots[] = { 3, 0, 4, 2, 1 };
	struct desc *const d = new_desc(test, KSENTRY_ACT_ALLOW);
	const struct ksentry_policy *policy;
	const struct ksentry_prule *prule;
	u32 i;

	for (i = 0; i < ARRAY_SIZE(nrs); i++)
		add_rule_eq(test, d, nrs[i], KSENTRY_ACT_ERRNO_OF(i + 1), i % 6,
			    100 + i);
	policy = build(test, d);
	KUNIT_ASSERT_EQ(test, ARRAY_SIZE(nrs), policy->nr_rules);
	KUNIT_EXPECT_EQ(test, 0, policy->rule_count[NR_WIDE]);
	KUNIT_EXPECT_EQ(test, 0, policy->rule_first[NR_WIDE + 1]);
	KUNIT_EXPECT_EQ(test, 2, policy->rule_count[NR_WIDE + 1]);
	KUNIT_EXPECT_EQ(test, 2, policy->rule_first[NR_WIDE + 2]);
	KUNIT_EXPECT_EQ(test, 1, policy->rule_count[NR_WIDE + 2]);
	KUNIT_EXPECT_EQ(test, 3, policy->rule_first[NR_WIDE + 3]);
	KUNIT_EXPECT_EQ(test, 2, policy->rule_count[NR_WIDE + 3]);
	KUNIT_EXPECT_EQ(test, 0, policy->rule_count[NR_WIDE + 4]);
	KUNIT_EXPECT_EQ(test, 0, policy->rule_count[KSENTRY_TABLE_SIZE - 1]);
	for (i = 0; i < ARRAY_SIZE(nrs); i++) {
		prule = &policy->rules[slots[i]];
		KUNIT_EXPECT_EQ_MSG(test, KSENTRY_ACT_ERRNO_OF(i + 1),
				    prule->action, "rule %u", i);
		KUNIT_EXPECT_EQ_MSG(test, 1, prule->nr_conds, "rule %u", i);
		KUNIT_EXPECT_EQ_MSG(test, i % 6, prule->conds[0].arg, "rule %u", i);
		KUNIT_EXPECT_EQ_MSG(test, KSENTRY_CMP_EQ, prule->conds[0].op,
				    "rule %u", i);
		KUNIT_EXPECT_EQ_MSG(test, U64_MAX, prule->conds[0].mask,
				    "rule %u", i);
		KUNIT_EXPECT_EQ_MSG(test, 100 + i, prule->conds[0].value,
				    "rule %u", i);
		KUNIT_EXPECT_TRUE(test, cond_is_zero(&prule->conds[1]));
	}
}

/*
 * The largest policy: an entry for every number, given backwards, and the
 * most rules with the most conditions, two per number.  Rule i goes to
 * number i * 7 % 512, a bijection on each half, so number n gets the rules
 * i and i + 512 for one i, and must keep them in that order.
 */
static void test_ksentry_policy_build_max(struct kunit *const test)
{
	const struct ksentry_policy_attr attr = {
		.default_action = KSENTRY_ACT_KILL_PROCESS,
		.nr_entries = KSENTRY_TABLE_SIZE,
		.nr_rules = KSENTRY_MAX_RULES,
	};
	struct ksentry_entry *const entries =
		alloc_array(test, KSENTRY_TABLE_SIZE, sizeof(*entries));
	struct ksentry_rule *const rules =
		alloc_array(test, KSENTRY_MAX_RULES, sizeof(*rules));
	const struct ksentry_policy *policy;
	const struct ksentry_prule *first;
	u32 i, c, nr, bad = 0;

	for (i = 0; i < KSENTRY_TABLE_SIZE; i++) {
		entries[i].nr = KSENTRY_TABLE_SIZE - 1 - i;
		/* Clear of the kernel's own codes, 512 to 530. */
		entries[i].action = KSENTRY_ACT_ERRNO_OF(entries[i].nr + 1000);
	}
	for (i = 0; i < KSENTRY_MAX_RULES; i++) {
		rules[i].nr = i * 7 % KSENTRY_TABLE_SIZE;
		rules[i].action = KSENTRY_ACT_TRAP | i;
		rules[i].nr_conds = KSENTRY_MAX_CONDS;
		for (c = 0; c < KSENTRY_MAX_CONDS; c++) {
			rules[i].conds[c].arg = c;
			rules[i].conds[c].op = KSENTRY_CMP_EQ;
			rules[i].conds[c].mask = U64_MAX;
			rules[i].conds[c].value = i;
		}
	}
	policy = build_arrays(test, &attr, entries, rules);
	KUNIT_ASSERT_EQ(test, KSENTRY_MAX_RULES, policy->nr_rules);
	for (nr = 0; nr < KSENTRY_TABLE_SIZE; nr++) {
		first = &policy->rules[policy->rule_first[nr]];
		if (policy->table[nr] != KSENTRY_ACT_ERRNO_OF(nr + 1000) ||
		    policy->rule_count[nr] != 2 ||
		    first[0].conds[0].value * 7 % KSENTRY_TABLE_SIZE != nr ||
		    first[1].conds[0].value != first[0].conds[0].value +
						KSENTRY_TABLE_SIZE ||
		    first[1].action != (KSENTRY_ACT_TRAP |
					(u32)first[1].conds[5].value))
			bad++;
	}
	KUNIT_EXPECT_EQ(test, 0, bad);
}

/* Every rule on one number: the u16 indices and counts hold them all. */
static void test_ksentry_policy_build_max_one_nr(struct kunit *const test)
{
	const struct ksentry_policy_attr attr = {
		.default_action = KSENTRY_ACT_ALLOW,
		.nr_rules = KSENTRY_MAX_RULES,
	};
	struct ksentry_rule *const rules =
		alloc_array(test, KSENTRY_MAX_RULES, sizeof(*rules));
	const struct ksentry_policy *policy;
	const u32 nr = KSENTRY_TABLE_SIZE - 1;
	u32 i;

	for (i = 0; i < KSENTRY_MAX_RULES; i++) {
		rules[i].nr = nr;
		/* Clear of the kernel's own codes, 512 to 530. */
		rules[i].action = KSENTRY_ACT_ERRNO_OF(i + 1000);
		rules[i].nr_conds = 1;
		rules[i].conds[0].op = KSENTRY_CMP_EQ;
		rules[i].conds[0].mask = U64_MAX;
		rules[i].conds[0].value = i;
	}
	policy = build_arrays(test, &attr, NULL, rules);
	KUNIT_EXPECT_EQ(test, 0, policy->rule_first[nr]);
	KUNIT_EXPECT_EQ(test, KSENTRY_MAX_RULES, policy->rule_count[nr]);
	KUNIT_EXPECT_EQ(test, 0, policy->rule_count[nr - 1]);
	KUNIT_EXPECT_EQ(test, 0, policy->rule_first[nr - 1]);
	KUNIT_EXPECT_EQ(test, KSENTRY_ACT_ERRNO_OF(1000), decide(policy, nr, 0));
	KUNIT_EXPECT_EQ(test, KSENTRY_ACT_ERRNO_OF(999 + KSENTRY_MAX_RULES),
			decide(policy, nr, KSENTRY_MAX_RULES - 1));
	KUNIT_EXPECT_EQ(test, KSENTRY_ACT_ALLOW,
			decide(policy, nr, KSENTRY_MAX_RULES));
	KUNIT_EXPECT_EQ(test, KSENTRY_ACT_ALLOW, decide(policy, nr - 1, 0));
}

static void test_ksentry_policy_decide_no_entry(struct kunit *const test)
{
	struct desc *const d = new_desc(test, KSENTRY_ACT_ERRNO_OF(EPERM));
	const struct ksentry_policy *policy;

	add_entry(test, d, 1, KSENTRY_ACT_ALLOW);
	policy = build(test, d);
	KUNIT_EXPECT_EQ(test, KSENTRY_ACT_ERRNO_OF(EPERM), decide(policy, 0, 0));
	KUNIT_EXPECT_EQ(test, KSENTRY_ACT_ALLOW, decide(policy, 1, 0));
	KUNIT_EXPECT_EQ(test, KSENTRY_ACT_ERRNO_OF(EPERM), decide(policy, 2, 0));
	KUNIT_EXPECT_EQ(test, KSENTRY_ACT_ERRNO_OF(EPERM),
			decide(policy, KSENTRY_TABLE_SIZE - 1, 0));
}

static void test_ksentry_policy_decide_out_of_range(struct kunit *const test)
{
	static const unsigned long nrs[] = {
		KSENTRY_TABLE_SIZE,
		KSENTRY_TABLE_SIZE + 1,
		0x40000000UL | 1,	/* __X32_SYSCALL_BIT left set */
		U32_MAX,
		(unsigned long)U32_MAX + 1,
		(unsigned long)-2,
		(unsigned long)-1,
	};
	struct desc *const d = new_desc(test, KSENTRY_ACT_KILL_THREAD);
	const struct ksentry_policy *policy;
	size_t i;

	add_entry(test, d, 0, KSENTRY_ACT_ALLOW);
	add_entry(test, d, 1, KSENTRY_ACT_ALLOW);
	add_entry(test, d, KSENTRY_TABLE_SIZE - 1, KSENTRY_ACT_ALLOW);
	/* A rule that would match, to show it is not consulted either. */
	add_rule_eq(test, d, 0, KSENTRY_ACT_LOG, 0, 0);
	policy = build(test, d);
	KUNIT_EXPECT_EQ(test, KSENTRY_ACT_ALLOW,
			decide(policy, KSENTRY_TABLE_SIZE - 1, 0));
	KUNIT_EXPECT_EQ(test, KSENTRY_ACT_LOG, decide(policy, 0, 0));
	for (i = 0; i < ARRAY_SIZE(nrs); i++)
		KUNIT_EXPECT_EQ_MSG(test, KSENTRY_ACT_KILL_THREAD,
				    decide(policy, nrs[i], 0), "nr %#lx",
				    nrs[i]);
}

/**
 * struct op_case - How each comparison treats arguments around a value
 * @value: The condition's value, the mask being all ones.
 * @args: Arguments at the edges around @value.
 * @match: Indexed by op: bit i is set when @args[i] matches.
 */
struct op_case {
	u64 value;
	u64 args[5];
	u8 match[KSENTRY_CMP_MASKED_EQ + 1];
};

static const struct op_case op_cases[] = {
	{
		.value = 100,
		.args = { 0, 99, 100, 101, U64_MAX },
		.match = {
			[KSENTRY_CMP_EQ] = 0x04,
			[KSENTRY_CMP_NE] = 0x1b,
			[KSENTRY_CMP_LT] = 0x03,
			[KSENTRY_CMP_LE] = 0x07,
			[KSENTRY_CMP_GT] = 0x18,
			[KSENTRY_CMP_GE] = 0x1c,
			[KSENTRY_CMP_MASKED_EQ] = 0x04,
		},
	},
	{
		.value = 0,
		.args = { 0, 1, 2, U64_MAX - 1, U64_MAX },
		.match = {
			[KSENTRY_CMP_EQ] = 0x01,
			[KSENTRY_CMP_NE] = 0x1e,
			[KSENTRY_CMP_LT] = 0x00,
			[KSENTRY_CMP_LE] = 0x01,
			[KSENTRY_CMP_GT] = 0x1e,
			[KSENTRY_CMP_GE] = 0x1f,
			[KSENTRY_CMP_MASKED_EQ] = 0x01,
		},
	},
	{
		.value = U64_MAX,
		.args = { 0, 1, U64_MAX - 2, U64_MAX - 1, U64_MAX },
		.match = {
			[KSENTRY_CMP_EQ] = 0x10,
			[KSENTRY_CMP_NE] = 0x0f,
			[KSENTRY_CMP_LT] = 0x0f,
			[KSENTRY_CMP_LE] = 0x1f,
			[KSENTRY_CMP_GT] = 0x00,
			[KSENTRY_CMP_GE] = 0x10,
			[KSENTRY_CMP_MASKED_EQ] = 0x10,
		},
	},
	{
		/* A signed comparison would get the sign bit wrong. */
		.value = 1ULL << 63,
		.args = { 0, S64_MAX, 1ULL << 63, (1ULL << 63) + 1, U64_MAX },
		.match = {
			[KSENTRY_CMP_EQ] = 0x04,
			[KSENTRY_CMP_NE] = 0x1b,
			[KSENTRY_CMP_LT] = 0x03,
			[KSENTRY_CMP_LE] = 0x07,
			[KSENTRY_CMP_GT] = 0x18,
			[KSENTRY_CMP_GE] = 0x1c,
			[KSENTRY_CMP_MASKED_EQ] = 0x04,
		},
	},
};

/* Check one op against one case of op_cases[]. */
static void check_op_case(struct kunit *const test, const u32 op,
			  const struct op_case *const c)
{
	struct desc *const d = new_desc(test, KSENTRY_ACT_ALLOW);
	const struct ksentry_policy *policy;
	bool match;
	u32 i;

	add_cond(test, add_rule(test, d, NR_WIDE, KSENTRY_ACT_KILL_PROCESS), 0,
		 op, U64_MAX, c->value);
	policy = build(test, d);
	for (i = 0; i < ARRAY_SIZE(c->args); i++) {
		match = c->match[op] & BIT(i);
		KUNIT_EXPECT_EQ_MSG(test,
				    match ? KSENTRY_ACT_KILL_PROCESS :
					    KSENTRY_ACT_ALLOW,
				    decide(policy, NR_WIDE, c->args[i]),
				    "op %u value %#llx arg %#llx", op, c->value,
				    c->args[i]);
	}
}

static void test_ksentry_policy_decide_ops(struct kunit *const test)
{
	size_t i;
	u32 op;

	for (i = 0; i < ARRAY_SIZE(op_cases); i++)
		for (op = KSENTRY_CMP_EQ; op <= KSENTRY_CMP_MASKED_EQ; op++)
			check_op_case(test, op, &op_cases[i]);
}

static void test_ksentry_policy_decide_masks(struct kunit *const test)
{
	static const struct {
		u32 op;
		u64 mask, value, arg;
		bool match;
	} cases[] = {
		{ KSENTRY_CMP_EQ, 0xff00, 0x1200, 0x1234, true },
		{ KSENTRY_CMP_EQ, 0xff00, 0x1200, 0xff12ff, true },
		{ KSENTRY_CMP_EQ, 0xff00, 0x1200, 0x1300, false },
		/* Bits of the value outside the mask never match. */
		{ KSENTRY_CMP_EQ, 0xff00, 0x1234, 0x1234, false },
		{ KSENTRY_CMP_MASKED_EQ, 0xff00, 0x1200, 0x1234, true },
		{ KSENTRY_CMP_MASKED_EQ, 0xff00, 0x1200, 0xff12ff, true },
		{ KSENTRY_CMP_MASKED_EQ, 0xff00, 0x1200, 0x1300, false },
		{ KSENTRY_CMP_MASKED_EQ, 0xff00, 0x1234, 0x1234, false },
		{ KSENTRY_CMP_EQ, 0, 0, U64_MAX, true },
		{ KSENTRY_CMP_EQ, 0, 1, 1, false },
		{ KSENTRY_CMP_NE, 0, 0, U64_MAX, false },
		{ KSENTRY_CMP_EQ, 1ULL << 63, 1ULL << 63, U64_MAX, true },
		{ KSENTRY_CMP_EQ, 1ULL << 63, 1ULL << 63, S64_MAX, false },
		{ KSENTRY_CMP_LT, 0xff, 0x10, 0x1000f, true },
		{ KSENTRY_CMP_LT, 0xff, 0x10, 0x10, false },
		{ KSENTRY_CMP_LE, U32_MAX, 0, 0xffffffff00000000ULL, true },
		{ KSENTRY_CMP_GT, 0xf0, 0, 0x0f, false },
		{ KSENTRY_CMP_GT, 0xf0, 0, 0x10, true },
		{ KSENTRY_CMP_GE, 0xff, 0x10, 0xffffff10, true },
		{ KSENTRY_CMP_GE, 0xff, 0x10, 0xffffff0f, false },
	};
	const struct ksentry_policy *policy;
	struct desc *d;
	u32 expected;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		d = new_desc(test, KSENTRY_ACT_ALLOW);
		add_cond(test, add_rule(test, d, NR_WIDE, KSENTRY_ACT_KILL_PROCESS),
			 0, cases[i].op, cases[i].mask, cases[i].value);
		policy = build(test, d);
		expected = KSENTRY_ACT_ALLOW;
		if (cases[i].match)
			expected = KSENTRY_ACT_KILL_PROCESS;
		KUNIT_EXPECT_EQ_MSG(test, expected,
				    decide(policy, NR_WIDE, cases[i].arg), "case %zu",
				    i);
	}
}

static void test_ksentry_policy_decide_first_match(struct kunit *const test)
{
	struct desc *const d = new_desc(test, KSENTRY_ACT_ALLOW);
	const struct ksentry_policy *policy;
	unsigned long args[6] = {};

	/* Rules of 0 and 1, interleaved; 1 has 0's first two swapped. */
	add_entry(test, d, 0, KSENTRY_ACT_TRAP | 1);
	add_rule_eq(test, d, 0, KSENTRY_ACT_ERRNO_OF(1), 0, 1);
	add_cond(test, add_rule(test, d, 1, KSENTRY_ACT_ERRNO_OF(2)), 0,
		 KSENTRY_CMP_GE, U64_MAX, 1);
	add_cond(test, add_rule(test, d, 0, KSENTRY_ACT_ERRNO_OF(2)), 0,
		 KSENTRY_CMP_GE, U64_MAX, 1);
	add_rule_eq(test, d, 1, KSENTRY_ACT_ERRNO_OF(1), 0, 1);
	add_rule_eq(test, d, 0, KSENTRY_ACT_ERRNO_OF(3), 1, 5);
	policy = build(test, d);

	args[0] = 1;
	args[1] = 5;
	KUNIT_EXPECT_EQ(test, KSENTRY_ACT_ERRNO_OF(1),
			ksentry_policy_decide(policy, KSENTRY_ABI_X86_64, 0, args));
	KUNIT_EXPECT_EQ(test, KSENTRY_ACT_ERRNO_OF(2),
			ksentry_policy_decide(policy, KSENTRY_ABI_X86_64, 1, args));
	args[0] = 2;
	KUNIT_EXPECT_EQ(test, KSENTRY_ACT_ERRNO_OF(2),
			ksentry_policy_decide(policy, KSENTRY_ABI_X86_64, 0, args));
	args[0] = 0;
	KUNIT_EXPECT_EQ(test, KSENTRY_ACT_ERRNO_OF(3),
			ksentry_policy_decide(policy, KSENTRY_ABI_X86_64, 0, args));
	KUNIT_EXPECT_EQ(test, KSENTRY_ACT_ALLOW,
			ksentry_policy_decide(policy, KSENTRY_ABI_X86_64, 1, args));
	args[1] = 0;
	KUNIT_EXPECT_EQ(test, KSENTRY_ACT_TRAP | 1,
			ksentry_policy_decide(policy, KSENTRY_ABI_X86_64, 0, args));
}

static void test_ksentry_policy_decide_all_conds(struct kunit *const test)
{
	struct desc *const d = new_desc(test, KSENTRY_ACT_ALLOW);
	struct ksentry_rule *const rule =
		add_rule(test, d, 9, KSENTRY_ACT_KILL_THREAD);
	const struct ksentry_policy *policy;
	unsigned long args[6];
	u32 i;

	for (i = 0; i < KSENTRY_MAX_CONDS; i++) {
		add_cond(test, rule, i, KSENTRY_CMP_EQ, U64_MAX, 10 + i);
		args[i] = 10 + i;
	}
	policy = build(test, d);
	KUNIT_EXPECT_EQ(test, KSENTRY_ACT_KILL_THREAD,
			ksentry_policy_decide(policy, KSENTRY_ABI_X86_64, 9, args));
	/* One condition failing, whichever it is, fails the rule. */
	for (i = 0; i < KSENTRY_MAX_CONDS; i++) {
		args[i]++;
		KUNIT_EXPECT_EQ_MSG(test, KSENTRY_ACT_ALLOW,
				    ksentry_policy_decide(policy,
							  KSENTRY_ABI_X86_64,
							  9, args),
				    "cond %u fails", i);
		args[i]--;
	}
}

static void test_ksentry_policy_decide_each_arg(struct kunit *const test)
{
	const struct ksentry_policy *policy;
	unsigned long args[6];
	struct desc *d;
	u32 arg, i;

	for (arg = 0; arg < 6; arg++) {
		d = new_desc(test, KSENTRY_ACT_ALLOW);
		add_rule_eq(test, d, 0, KSENTRY_ACT_LOG, arg, 42);
		policy = build(test, d);
		/* 42 in each slot in turn: only slot @arg may count. */
		for (i = 0; i < 6; i++) {
			memset(args, 0, sizeof(args));
			args[i] = 42;
			KUNIT_EXPECT_EQ_MSG(test,
					    i == arg ? KSENTRY_ACT_LOG :
						       KSENTRY_ACT_ALLOW,
					    ksentry_policy_decide(policy,
								  KSENTRY_ABI_X86_64,
								  0, args),
					    "cond on %u, 42 in %u", arg, i);
		}
	}
}

static void test_ksentry_policy_decide_rules_other_nr(struct kunit *const test)
{
	struct desc *const d = new_desc(test, KSENTRY_ACT_ALLOW);
	const struct ksentry_policy *policy;

	add_rule_eq(test, d, 1, KSENTRY_ACT_KILL_PROCESS, 0, 0);
	add_rule_eq(test, d, KSENTRY_TABLE_SIZE - 2, KSENTRY_ACT_KILL_PROCESS,
		    0, 0);
	policy = build(test, d);
	KUNIT_EXPECT_EQ(test, KSENTRY_ACT_ALLOW, decide(policy, 0, 0));
	KUNIT_EXPECT_EQ(test, KSENTRY_ACT_KILL_PROCESS, decide(policy, 1, 0));
	KUNIT_EXPECT_EQ(test, KSENTRY_ACT_ALLOW, decide(policy, 2, 0));
	KUNIT_EXPECT_EQ(test, KSENTRY_ACT_KILL_PROCESS,
			decide(policy, KSENTRY_TABLE_SIZE - 2, 0));
	KUNIT_EXPECT_EQ(test, KSENTRY_ACT_ALLOW,
			decide(policy, KSENTRY_TABLE_SIZE - 1, 0));
}

static void test_ksentry_policy_decide_compat(struct kunit *const test)
{
	static const unsigned long nrs[] = {
		0, 1, KSENTRY_TABLE_SIZE, (unsigned long)-1,
	};
	struct desc *const d = new_desc(test, KSENTRY_ACT_LOG);
	const struct ksentry_policy *policy;
	size_t i;

	d->attr.ia32_action = KSENTRY_ACT_KILL_THREAD;
	d->attr.x32_action = KSENTRY_ACT_TRAP | 7;
	/* Neither the table nor the rules may decide an ia32 or x32 call. */
	add_entry(test, d, 0, KSENTRY_ACT_ALLOW);
	add_rule_eq(test, d, 1, KSENTRY_ACT_ALLOW, 0, 0);
	policy = build(test, d);
	for (i = 0; i < ARRAY_SIZE(nrs); i++) {
		KUNIT_EXPECT_EQ_MSG(test, KSENTRY_ACT_KILL_THREAD,
				    ksentry_policy_decide(policy,
							  KSENTRY_ABI_IA32,
							  nrs[i], no_args),
				    "nr %#lx", nrs[i]);
		KUNIT_EXPECT_EQ_MSG(test, KSENTRY_ACT_TRAP | 7,
				    ksentry_policy_decide(policy,
							  KSENTRY_ABI_X32,
							  nrs[i], no_args),
				    "nr %#lx", nrs[i]);
	}
}

static void test_ksentry_policy_decide_compat_zero(struct kunit *const test)
{
	const struct ksentry_policy *const policy =
		build(test, new_desc(test, KSENTRY_ACT_ALLOW));

	KUNIT_EXPECT_EQ(test, NO_ABI_ACTION,
			ksentry_policy_decide(policy, KSENTRY_ABI_IA32, 0,
					      no_args));
	KUNIT_EXPECT_EQ(test, NO_ABI_ACTION,
			ksentry_policy_decide(policy, KSENTRY_ABI_X32, 0,
					      no_args));
	KUNIT_EXPECT_EQ(test, KSENTRY_ACT_ALLOW, decide(policy, 0, 0));
}

/* A policy using every feature, for comparisons to start from. */
static struct desc *rich_desc(struct kunit *const test)
{
	struct desc *const d = new_desc(test, KSENTRY_ACT_ERRNO_OF(EPERM));
	struct ksentry_rule *rule;

	d->attr.ia32_action = KSENTRY_ACT_TRAP | 1;
	d->attr.x32_action = KSENTRY_ACT_LOG;
	add_entry(test, d, 0, KSENTRY_ACT_ALLOW);
	add_entry(test, d, 60, KSENTRY_ACT_ALLOW);
	add_entry(test, d, KSENTRY_TABLE_SIZE - 1, KSENTRY_ACT_LOG);
	add_rule_eq(test, d, 0, KSENTRY_ACT_KILL_THREAD, 0, 1);
	add_cond(test, add_rule(test, d, 0, KSENTRY_ACT_ERRNO_OF(EACCES)), 1,
		 KSENTRY_CMP_LT, U64_MAX, 10);
	rule = add_rule(test, d, KSENTRY_TABLE_SIZE - 1, KSENTRY_ACT_TRAP | 3);
	add_cond(test, rule, 5, KSENTRY_CMP_MASKED_EQ, 0xf0, 0x10);
	add_cond(test, rule, 2, KSENTRY_CMP_GE, U64_MAX, 4096);
	return d;
}

static void test_ksentry_policy_is_tighter_equal(struct kunit *const test)
{
	const struct desc *const d = rich_desc(test);
	const struct ksentry_policy *const policy = build(test, d);

	KUNIT_EXPECT_TRUE(test, ksentry_policy_is_tighter(policy, policy));
	KUNIT_EXPECT_TRUE(test, is_tighter(test, d, d));
	KUNIT_EXPECT_TRUE(test, is_tighter(test, d, copy_desc(test, d)));
}

static void test_ksentry_policy_is_tighter_default(struct kunit *const test)
{
	const struct desc *const old = rich_desc(test);
	struct desc *const new = copy_desc(test, old);

	new->attr.default_action = KSENTRY_ACT_ALLOW;
	KUNIT_EXPECT_FALSE(test, is_tighter(test, old, new));
	new->attr.default_action = KSENTRY_ACT_TRAP;
	KUNIT_EXPECT_TRUE(test, is_tighter(test, old, new));
	KUNIT_EXPECT_FALSE(test, is_tighter(test, new, old));
	new->attr.default_action = KSENTRY_ACT_KILL_PROCESS;
	KUNIT_EXPECT_TRUE(test, is_tighter(test, old, new));
}

/* The default alone decides numbers past the table: compare it alone. */
static void test_ksentry_policy_is_tighter_default_full_table(struct kunit *const test)
{
	struct desc *const old = new_desc(test, KSENTRY_ACT_KILL_PROCESS);
	struct desc *new;
	u32 nr;

	for (nr = 0; nr < KSENTRY_TABLE_SIZE; nr++)
		add_entry(test, old, nr, KSENTRY_ACT_ALLOW);
	new = copy_desc(test, old);
	new->attr.default_action = KSENTRY_ACT_LOG;
	KUNIT_EXPECT_FALSE(test, is_tighter(test, old, new));
	KUNIT_EXPECT_TRUE(test, is_tighter(test, new, old));
}

static void test_ksentry_policy_is_tighter_ia32(struct kunit *const test)
{
	const struct desc *const old = rich_desc(test);
	struct desc *const new = copy_desc(test, old);
	struct desc *eperm;

	new->attr.ia32_action = KSENTRY_ACT_ERRNO_OF(EPERM);
	KUNIT_EXPECT_FALSE(test, is_tighter(test, old, new));
	new->attr.ia32_action = KSENTRY_ACT_KILL_THREAD;
	KUNIT_EXPECT_TRUE(test, is_tighter(test, old, new));
	KUNIT_EXPECT_FALSE(test, is_tighter(test, new, old));
	/* 0 is ENOSYS: the same type as another errno. */
	new->attr.ia32_action = 0;
	eperm = copy_desc(test, new);
	eperm->attr.ia32_action = KSENTRY_ACT_ERRNO_OF(EPERM);
	KUNIT_EXPECT_TRUE(test, is_tighter(test, eperm, new));
	KUNIT_EXPECT_TRUE(test, is_tighter(test, new, eperm));
}

static void test_ksentry_policy_is_tighter_x32(struct kunit *const test)
{
	const struct desc *const old = rich_desc(test);
	struct desc *const new = copy_desc(test, old);

	new->attr.x32_action = KSENTRY_ACT_ALLOW;
	KUNIT_EXPECT_FALSE(test, is_tighter(test, old, new));
	new->attr.x32_action = KSENTRY_ACT_ERRNO_OF(EPERM);
	KUNIT_EXPECT_TRUE(test, is_tighter(test, old, new));
	KUNIT_EXPECT_FALSE(test, is_tighter(test, new, old));
	new->attr.x32_action = 0;
	KUNIT_EXPECT_TRUE(test, is_tighter(test, old, new));
}

static void test_ksentry_policy_is_tighter_table(struct kunit *const test)
{
	const struct desc *const old = rich_desc(test);
	struct desc *new;

	/* Entry 1 (60) has no rules, entry 2 (511) has one. */
	new = copy_desc(test, old);
	new->entries[1].action = KSENTRY_ACT_LOG;
	KUNIT_EXPECT_TRUE(test, is_tighter(test, old, new));
	KUNIT_EXPECT_FALSE(test, is_tighter(test, new, old));
	new = copy_desc(test, old);
	new->entries[2].action = KSENTRY_ACT_ALLOW;
	KUNIT_EXPECT_FALSE(test, is_tighter(test, old, new));
	new->entries[2].action = KSENTRY_ACT_TRAP | 3;
	KUNIT_EXPECT_TRUE(test, is_tighter(test, old, new));
	/* Removing 60 leaves it to the tighter default. */
	new = copy_desc(test, old);
	new->entries[1] = new->entries[2];
	new->attr.nr_entries--;
	KUNIT_EXPECT_TRUE(test, is_tighter(test, old, new));
	KUNIT_EXPECT_FALSE(test, is_tighter(test, new, old));
	/* Adding an entry looser or tighter than the default. */
	new = copy_desc(test, old);
	add_entry(test, new, 1, KSENTRY_ACT_LOG);
	KUNIT_EXPECT_FALSE(test, is_tighter(test, old, new));
	new->entries[new->attr.nr_entries - 1].action = KSENTRY_ACT_KILL_THREAD;
	KUNIT_EXPECT_TRUE(test, is_tighter(test, old, new));
}

static void test_ksentry_policy_is_tighter_rule_action(struct kunit *const test)
{
	const struct desc *const old = rich_desc(test);
	struct desc *new;
	size_t i;

	/* The same conditions: rules compare one by one. */
	for (i = 0; i < old->attr.nr_rules; i++) {
		new = copy_desc(test, old);
		new->rules[i].action = KSENTRY_ACT_ALLOW;
		KUNIT_EXPECT_FALSE_MSG(test, is_tighter(test, old, new),
				       "rule %zu", i);
		new->rules[i].action = KSENTRY_ACT_KILL_PROCESS;
		KUNIT_EXPECT_TRUE_MSG(test, is_tighter(test, old, new),
				      "rule %zu", i);
		KUNIT_EXPECT_FALSE_MSG(test, is_tighter(test, new, old),
				       "rule %zu", i);
	}
	/* A tighter table does not make up for a looser rule. */
	new = copy_desc(test, old);
	new->entries[0].action = KSENTRY_ACT_KILL_PROCESS;
	new->rules[1].action = KSENTRY_ACT_LOG;
	KUNIT_EXPECT_FALSE(test, is_tighter(test, old, new));
}

static void test_ksentry_policy_is_tighter_rule_removed(struct kunit *const test)
{
	struct desc *const old = new_desc(test, KSENTRY_ACT_ALLOW);
	struct desc *new;

	add_entry(test, old, 3, KSENTRY_ACT_ERRNO_OF(EPERM));
	add_rule_eq(test, old, 3, KSENTRY_ACT_KILL_PROCESS, 0, 1);
	add_rule_eq(test, old, 4, KSENTRY_ACT_ALLOW, 0, 1);
	add_entry(test, old, 4, KSENTRY_ACT_ERRNO_OF(EPERM));
	/* The KILL_PROCESS of 3 goes: a call it killed now gets EPERM. */
	new = copy_desc(test, old);
	new->rules[0] = new->rules[1];
	new->attr.nr_rules--;
	KUNIT_EXPECT_FALSE(test, is_tighter(test, old, new));
	/* The ALLOW of 4 goes: a call it allowed now gets EPERM. */
	new = copy_desc(test, old);
	new->attr.nr_rules--;
	KUNIT_EXPECT_TRUE(test, is_tighter(test, old, new));
}

static void test_ksentry_policy_is_tighter_rule_added(struct kunit *const test)
{
	struct desc *const old = new_desc(test, KSENTRY_ACT_ALLOW);
	struct desc *new;

	add_entry(test, old, 3, KSENTRY_ACT_ERRNO_OF(EPERM));
	new = copy_desc(test, old);
	add_rule_eq(test, new, 3, KSENTRY_ACT_KILL_PROCESS, 0, 1);
	KUNIT_EXPECT_TRUE(test, is_tighter(test, old, new));
	new = copy_desc(test, old);
	add_rule_eq(test, new, 3, KSENTRY_ACT_LOG, 0, 1);
	KUNIT_EXPECT_FALSE(test, is_tighter(test, old, new));
	/* On a number left to the default. */
	new = copy_desc(test, old);
	add_rule_eq(test, new, 5, KSENTRY_ACT_TRAP, 0, 1);
	KUNIT_EXPECT_TRUE(test, is_tighter(test, old, new));
}

static void test_ksentry_policy_is_tighter_rule_conds(struct kunit *const test)
{
	struct desc *const old = new_desc(test, KSENTRY_ACT_ALLOW);
	struct ksentry_cond *cond;
	struct desc *new;
	u32 field;

	add_rule_eq(test, old, 7, KSENTRY_ACT_KILL_PROCESS, 0, 1);
	/*
	 * Any change to the condition may let a call it killed through, to
	 * the table's ALLOW, even with the rule's action unchanged.
	 */
	for (field = 0; field < 5; field++) {
		new = copy_desc(test, old);
		cond = &new->rules[0].conds[0];
		switch (field) {
		case 0:
			cond->arg = 1;
			break;
		case 1:
			cond->op = KSENTRY_CMP_NE;
			break;
		case 2:
			cond->mask = 0xff;
			break;
		case 3:
			cond->value = 2;
			break;
		default:
			add_cond(test, &new->rules[0], 1, KSENTRY_CMP_EQ,
				 U64_MAX, 0);
			break;
		}
		KUNIT_EXPECT_FALSE_MSG(test, is_tighter(test, old, new),
				       "field %u", field);
	}
}

static void test_ksentry_policy_is_tighter_rule_order(struct kunit *const test)
{
	struct desc *const old = new_desc(test, KSENTRY_ACT_TRAP);
	struct desc *new;

	/*
	 * Swapping the conditions but not the actions: argument 1 got
	 * KILL_PROCESS and now gets TRAP, though the rules compared by
	 * position look no looser.
	 */
	add_cond(test, add_rule(test, old, 2, KSENTRY_ACT_KILL_PROCESS), 0,
		 KSENTRY_CMP_MASKED_EQ, 1, 1);
	add_cond(test, add_rule(test, old, 2, KSENTRY_ACT_TRAP), 0,
		 KSENTRY_CMP_MASKED_EQ, 2, 2);
	new = copy_desc(test, old);
	new->rules[0].conds[0] = old->rules[1].conds[0];
	new->rules[1].conds[0] = old->rules[0].conds[0];
	KUNIT_EXPECT_FALSE(test, is_tighter(test, old, new));
}

static void test_ksentry_policy_is_tighter_rule_moved(struct kunit *const test)
{
	struct desc *const old = new_desc(test, KSENTRY_ACT_ALLOW);
	struct desc *new;

	add_rule_eq(test, old, 7, KSENTRY_ACT_KILL_PROCESS, 0, 1);
	new = copy_desc(test, old);
	new->rules[0].nr = 8;
	KUNIT_EXPECT_FALSE(test, is_tighter(test, old, new));
}

/* When the rules differ, only the extremes of each number are compared. */
static void test_ksentry_policy_is_tighter_rules_differ(struct kunit *const test)
{
	struct desc *const old = new_desc(test, KSENTRY_ACT_ALLOW);
	struct desc *new;

	add_rule_eq(test, old, 7, KSENTRY_ACT_ERRNO_OF(EPERM), 0, 1);
	/* Everything new may give is below anything old gave. */
	new = new_desc(test, KSENTRY_ACT_ALLOW);
	add_entry(test, new, 7, KSENTRY_ACT_ERRNO_OF(EACCES));
	add_rule_eq(test, new, 7, KSENTRY_ACT_KILL_PROCESS, 0, 2);
	KUNIT_EXPECT_TRUE(test, is_tighter(test, old, new));
	/*
	 * Conservative: another rule restricting one more argument value is
	 * a real tightening, refused because ALLOW remains possible.
	 */
	new = copy_desc(test, old);
	add_rule_eq(test, new, 7, KSENTRY_ACT_ERRNO_OF(EPERM), 0, 2);
	KUNIT_EXPECT_FALSE(test, is_tighter(test, old, new));
}

static void test_ksentry_policy_is_tighter_data_only(struct kunit *const test)
{
	const struct desc *const old = rich_desc(test);
	struct desc *const new = copy_desc(test, old);

	new->attr.default_action = KSENTRY_ACT_ERRNO_OF(EACCES);
	new->attr.ia32_action = KSENTRY_ACT_TRAP | KSENTRY_ACT_DATA_MASK;
	new->rules[1].action = KSENTRY_ACT_ERRNO_OF(MAX_ERRNO);
	new->rules[2].action = KSENTRY_ACT_TRAP;
	KUNIT_EXPECT_TRUE(test, is_tighter(test, old, new));
	KUNIT_EXPECT_TRUE(test, is_tighter(test, new, old));
}

static void test_ksentry_policy_free_null(struct kunit *const test)
{
	ksentry_policy_free(NULL);
	ksentry_policy_free_rcu(NULL);
	KUNIT_SUCCEED(test);
}

static void test_ksentry_policy_free_rcu_reader(struct kunit *const test)
{
	const struct ksentry_policy_attr attr = {
		.default_action = KSENTRY_ACT_LOG,
	};
	struct ksentry_policy *const policy =
		ksentry_policy_build(&attr, NULL, NULL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, policy);
	rcu_read_lock();
	ksentry_policy_free_rcu(policy);
	/* A reader may still use it: KASAN reports the test if it is gone. */
	KUNIT_EXPECT_EQ(test, KSENTRY_ACT_LOG, decide(policy, 0, 0));
	rcu_read_unlock();
	synchronize_rcu();
}

static void test_ksentry_policy_decide_fast_agrees(struct kunit *const test)
{
	static const unsigned long args[6];
	struct desc *const d = new_desc(test, KSENTRY_ACT_KILL_THREAD);
	const struct ksentry_policy *policy;
	unsigned long nr;
	u32 fast;

	add_entry(test, d, 0, KSENTRY_ACT_ALLOW);
	add_entry(test, d, 1, KSENTRY_ACT_ERRNO_OF(EPERM));
	add_entry(test, d, 7, KSENTRY_ACT_LOG);
	add_entry(test, d, KSENTRY_TABLE_SIZE - 1, KSENTRY_ACT_ALLOW);
	add_rule_eq(test, d, 1, KSENTRY_ACT_LOG, 0, 0);
	add_rule_eq(test, d, 9, KSENTRY_ACT_TRAP, 0, 1);
	policy = build(test, d);
	for (nr = 0; nr < KSENTRY_TABLE_SIZE; nr++) {
		fast = ksentry_policy_decide_fast(policy, nr);
		if (nr == 1 || nr == 9 || nr == KSENTRY_NR_PRCTL ||
		    nr == KSENTRY_NR_PTRACE) {
			/*
			 * Numbers with rules, and the ones the dispatcher
			 * inspects, are never answered in one load.
			 */
			KUNIT_EXPECT_EQ_MSG(test, 0, fast, "nr %lu", nr);
			continue;
		}
		KUNIT_EXPECT_EQ_MSG(test,
				    ksentry_policy_decide(policy,
							  KSENTRY_ABI_X86_64,
							  nr, args),
				    fast, "nr %lu", nr);
	}
	KUNIT_EXPECT_EQ(test, 0, ksentry_policy_decide_fast(policy,
							    KSENTRY_TABLE_SIZE));
	KUNIT_EXPECT_EQ(test, 0, ksentry_policy_decide_fast(policy, -1UL));
}

/* Each handler is valid on its own number and refused on any other. */
static void test_emulates_own_number_only(struct kunit *const test)
{
	u32 h, nr;

	for (h = 1; h < ARRAY_SIZE(emu_nr); h++) {
		const u32 action = KSENTRY_ACT_EMULATE_OF(h);

		KUNIT_EXPECT_TRUE_MSG(test, action_is_valid(action), "handler %u", h);
		/* ia32 and x32 calls never get an x86-64 handler. */
		KUNIT_EXPECT_EQ(test, 0, compat_action(action));
		KUNIT_EXPECT_NE_MSG(test, 0, emu_nr[h], "handler %u", h);
		for (nr = 0; nr < KSENTRY_TABLE_SIZE; nr++)
			KUNIT_EXPECT_EQ_MSG(test, nr == emu_nr[h],
					    emulates(nr, action),
					    "handler %u on %u", h, nr);
	}
	/* Other actions are not emulations at all. */
	KUNIT_EXPECT_TRUE(test, emulates(0, KSENTRY_ACT_ALLOW));
}

static void test_ksentry_policy_build_emulate(struct kunit *const test)
{
	struct desc *const d = new_desc(test, KSENTRY_ACT_ALLOW);
	const struct ksentry_policy *policy;

	add_entry(test, d, __NR_getppid,
		  KSENTRY_ACT_EMULATE_OF(KSENTRY_EMU_GETPPID));
	add_rule_eq(test, d, __NR_uname, KSENTRY_ACT_EMULATE_OF(KSENTRY_EMU_UNAME),
		    0, 1);
	policy = build(test, d);
	KUNIT_EXPECT_EQ(test, KSENTRY_ACT_EMULATE_OF(KSENTRY_EMU_GETPPID),
			policy->table[__NR_getppid]);
	/* EMULATE is decided in full, never by the one-load path. */
	KUNIT_EXPECT_NE(test, KSENTRY_ACT_ALLOW, policy->fast[__NR_getppid]);
	/* On the wrong number: refused, entry or rule. */
	d->entries[0].nr = __NR_getpid;
	KUNIT_EXPECT_EQ(test, -EINVAL, build_err(d));
	d->entries[0].nr = __NR_getppid;
	d->rules[0].nr = __NR_getppid;
	KUNIT_EXPECT_EQ(test, -EINVAL, build_err(d));
	d->rules[0].nr = __NR_uname;
	/* As a default action, which has no number. */
	d->attr.default_action = KSENTRY_ACT_EMULATE_OF(KSENTRY_EMU_GETPID);
	KUNIT_EXPECT_EQ(test, -EINVAL, build_err(d));
}

/* The error of building @d with the view @emu, or 0. */
static long build_emu_err(const struct desc *const d,
			  const struct ksentry_emu_attr *const emu)
{
	struct ksentry_policy *const policy =
		ksentry_policy_build_emu(&d->attr, d->entries, d->rules, emu);

	if (IS_ERR(policy))
		return PTR_ERR(policy);
	ksentry_policy_free(policy);
	return 0;
}

static void test_check_emu_edges(struct kunit *const test)
{
	struct desc *const d = new_desc(test, KSENTRY_ACT_ALLOW);
	struct ksentry_emu_attr *const emu =
		kunit_kzalloc(test, sizeof(*emu), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, emu);
	KUNIT_EXPECT_EQ(test, 0, build_emu_err(d, NULL));
	KUNIT_EXPECT_EQ(test, 0, build_emu_err(d, emu));
	/* The longest string: 64 bytes and the NUL in the last byte. */
	memset(emu->release, 'r', KSENTRY_UTS_LEN - 1);
	KUNIT_EXPECT_EQ(test, 0, build_emu_err(d, emu));
	emu->release[KSENTRY_UTS_LEN - 1] = 'r';
	KUNIT_EXPECT_EQ(test, -EINVAL, build_emu_err(d, emu));
	memset(emu->release, 0, KSENTRY_UTS_LEN);
	/* Junk after the NUL. */
	emu->nodename[KSENTRY_UTS_LEN - 1] = 'n';
	KUNIT_EXPECT_EQ(test, -EINVAL, build_emu_err(d, emu));
	emu->nodename[KSENTRY_UTS_LEN - 1] = 0;
	emu->flags = 1;
	KUNIT_EXPECT_EQ(test, -EINVAL, build_emu_err(d, emu));
	emu->flags = 0;
	/* Virtual files: the known ones, no other bit. */
	emu->vfiles = KSENTRY_VFILES_ALL;
	KUNIT_EXPECT_EQ(test, 0, build_emu_err(d, emu));
	emu->vfiles = 1U << 31;
	KUNIT_EXPECT_EQ(test, -EINVAL, build_emu_err(d, emu));
	emu->vfiles = KSENTRY_VFILE_BIT(0);
	KUNIT_EXPECT_EQ(test, -EINVAL, build_emu_err(d, emu));
	emu->vfiles = KSENTRY_VFILE_BIT(KSENTRY_VFILE_CPU_ONLINE + 1);
	KUNIT_EXPECT_EQ(test, -EINVAL, build_emu_err(d, emu));
	emu->vfiles = 0;
	emu->pad[0] = 1;
	KUNIT_EXPECT_EQ(test, -EINVAL, build_emu_err(d, emu));
	emu->pad[0] = 0;
	/* Any CPU count is a view; 0 is "all". */
	emu->nr_cpus = U32_MAX;
	KUNIT_EXPECT_EQ(test, 0, build_emu_err(d, emu));
}

/* A view change is not ordered: never "tighter", even when equal else. */
static void test_ksentry_policy_is_tighter_view(struct kunit *const test)
{
	struct desc *const d = new_desc(test, KSENTRY_ACT_ALLOW);
	struct ksentry_emu_attr *const emu =
		kunit_kzalloc(test, sizeof(*emu), GFP_KERNEL);
	struct ksentry_policy *a, *b;

	KUNIT_ASSERT_NOT_NULL(test, emu);
	a = ksentry_policy_build_emu(&d->attr, d->entries, d->rules, emu);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, a);
	strscpy(emu->release, "1.0", sizeof(emu->release));
	b = ksentry_policy_build_emu(&d->attr, d->entries, d->rules, emu);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, b);
	KUNIT_EXPECT_FALSE(test, ksentry_policy_is_tighter(a, b));
	KUNIT_EXPECT_TRUE(test, ksentry_policy_is_tighter(b, b));
	ksentry_policy_free(a);
	ksentry_policy_free(b);
	/* ALLOW to EMULATE moves toward the restrictive end. */
	{
		struct desc *const e = copy_desc(test, d);

		add_entry(test, e, __NR_getpid,
			  KSENTRY_ACT_EMULATE_OF(KSENTRY_EMU_GETPID));
		KUNIT_EXPECT_TRUE(test, is_tighter(test, d, e));
		KUNIT_EXPECT_FALSE(test, is_tighter(test, e, d));
	}
}

/*
 * An int argument is decided on its low 32 bits: high bits set in the
 * register change nothing, and -1 matches however the rule writes it.
 */
static void test_ksentry_policy_decide_int_width(struct kunit *const test)
{
	const u32 deny = KSENTRY_ACT_ERRNO_OF(EPERM);
	struct desc *const d = new_desc(test, KSENTRY_ACT_ALLOW);
	const struct ksentry_policy *policy;
	unsigned long args[6] = {};

	/* socket(int family, int type, int protocol) */
	add_rule_eq(test, d, __NR_socket, deny, 0, 40);
	/* setpriority(int which, int who, int niceval) */
	add_rule_eq(test, d, __NR_setpriority, deny, 2, 0xffffffffULL);
	policy = build(test, d);
	KUNIT_EXPECT_EQ(test, deny, decide(policy, __NR_socket, 40));
	KUNIT_EXPECT_EQ(test, deny, decide(policy, __NR_socket, 40 | 1UL << 32));
	KUNIT_EXPECT_EQ(test, deny, decide(policy, __NR_socket, 40 | ~0UL << 32));
	KUNIT_EXPECT_EQ(test, KSENTRY_ACT_ALLOW,
			decide(policy, __NR_socket, 41 | 1UL << 32));
	args[2] = -1L;
	KUNIT_EXPECT_EQ(test, deny, ksentry_policy_decide(policy, KSENTRY_ABI_X86_64,
							  __NR_setpriority, args));
	args[2] = 0xffffffffUL;
	KUNIT_EXPECT_EQ(test, deny, ksentry_policy_decide(policy, KSENTRY_ABI_X86_64,
							  __NR_setpriority, args));
	args[2] = 0x7fffffffUL;
	KUNIT_EXPECT_EQ(test, KSENTRY_ACT_ALLOW,
			ksentry_policy_decide(policy, KSENTRY_ABI_X86_64,
					      __NR_setpriority, args));
}

/* Unsigned ints and umode_t: their low 32 and 16 bits, compares unsigned. */
static void test_ksentry_policy_decide_narrow_unsigned(struct kunit *const test)
{
	const u32 deny = KSENTRY_ACT_ERRNO_OF(EPERM);
	struct desc *const d = new_desc(test, KSENTRY_ACT_ALLOW);
	const struct ksentry_policy *policy;
	struct ksentry_rule *rule;
	unsigned long args[6] = {};

	/* ioctl(unsigned int fd, unsigned int cmd, unsigned long arg) */
	add_rule_eq(test, d, __NR_ioctl, deny, 1, 0x541b);
	/* fchmod(unsigned int fd, umode_t mode): setuid bits refused */
	rule = add_rule(test, d, __NR_fchmod, deny);
	add_cond(test, rule, 1, KSENTRY_CMP_MASKED_EQ, 04000, 04000);
	/* mmap's length is a size_t: all 64 bits count. */
	rule = add_rule(test, d, __NR_mmap, deny);
	add_cond(test, rule, 1, KSENTRY_CMP_GT, U64_MAX, 0xffffffffULL);
	policy = build(test, d);
	args[1] = 0x541b | 1UL << 32;
	KUNIT_EXPECT_EQ(test, deny, ksentry_policy_decide(policy, KSENTRY_ABI_X86_64,
							  __NR_ioctl, args));
	args[1] = 04755 | 1UL << 16;
	KUNIT_EXPECT_EQ(test, deny, ksentry_policy_decide(policy, KSENTRY_ABI_X86_64,
							  __NR_fchmod, args));
	args[1] = 0755 | 04000UL << 16;
	KUNIT_EXPECT_EQ(test, KSENTRY_ACT_ALLOW,
			ksentry_policy_decide(policy, KSENTRY_ABI_X86_64,
					      __NR_fchmod, args));
	args[1] = 1UL << 32;
	KUNIT_EXPECT_EQ(test, deny, ksentry_policy_decide(policy, KSENTRY_ABI_X86_64,
							  __NR_mmap, args));
}

/* A few entries of the generated table, checked by hand against 6.12. */
static void test_ksentry_argwidth_known_calls(struct kunit *const test)
{
	KUNIT_EXPECT_EQ(test, 40ULL, ksentry_arg_value(__NR_socket, 0, 40 | 1UL << 32));
	KUNIT_EXPECT_EQ(test, U64_MAX, ksentry_arg_value(__NR_socket, 0, 0xffffffffULL));
	KUNIT_EXPECT_EQ(test, 0x541bULL, ksentry_arg_value(__NR_ioctl, 1, 0x541b | ~0UL << 32));
	KUNIT_EXPECT_EQ(test, ~0UL << 32, ksentry_arg_value(__NR_ioctl, 2, ~0UL << 32));
	KUNIT_EXPECT_EQ(test, 0644ULL, ksentry_arg_value(__NR_openat, 3, 0644 | 1UL << 16));
	KUNIT_EXPECT_EQ(test, (u64)PR_SET_NAME,
			ksentry_arg_value(__NR_prctl, 0, PR_SET_NAME | 1UL << 40));
	KUNIT_EXPECT_EQ(test, ~0UL, ksentry_arg_value(__NR_mmap, 1, ~0UL));
	/* Narrowed by the kernel after the wrapper: see gen-argwidth. */
	KUNIT_EXPECT_EQ(test, 3ULL, ksentry_arg_value(__NR_mmap, 4, 3 | 1UL << 32));
	KUNIT_EXPECT_EQ(test, 1ULL, ksentry_arg_value(__NR_ptrace, 1, 1 | 1UL << 32));
	KUNIT_EXPECT_EQ(test, 0x10000000ULL,
			ksentry_arg_value(__NR_clone, 0, 0x10000000 | 1UL << 40));
	KUNIT_EXPECT_EQ(test, ~0UL, ksentry_arg_value(KSENTRY_TABLE_SIZE, 0, ~0UL));
}

static struct kunit_case ksentry_policy_cases[] = {
	KUNIT_CASE(test_action_is_valid_each_type),
	KUNIT_CASE(test_emulates_own_number_only),
	KUNIT_CASE(test_ksentry_policy_build_emulate),
	KUNIT_CASE(test_check_emu_edges),
	KUNIT_CASE(test_ksentry_policy_is_tighter_view),
	KUNIT_CASE(test_compat_action_each_type),
	KUNIT_CASE(test_ksentry_policy_build_empty),
	KUNIT_CASE(test_ksentry_policy_build_null_arrays),
	KUNIT_CASE(test_ksentry_policy_build_entries),
	KUNIT_CASE(test_ksentry_policy_build_compat_actions),
	KUNIT_CASE(test_ksentry_policy_build_compat_invalid),
	KUNIT_CASE(test_ksentry_policy_build_flags),
	KUNIT_CASE(test_ksentry_policy_build_reserved),
	KUNIT_CASE(test_ksentry_policy_build_size_ignored),
	KUNIT_CASE(test_ksentry_policy_build_too_many),
	KUNIT_CASE(test_ksentry_policy_build_default_action),
	KUNIT_CASE(test_ksentry_policy_build_entry_nr),
	KUNIT_CASE(test_ksentry_policy_build_entry_action),
	KUNIT_CASE(test_ksentry_policy_build_entry_duplicate),
	KUNIT_CASE(test_ksentry_policy_build_rule_nr),
	KUNIT_CASE(test_ksentry_policy_build_rule_reserved),
	KUNIT_CASE(test_ksentry_policy_build_rule_action),
	KUNIT_CASE(test_ksentry_policy_build_rule_nr_conds),
	KUNIT_CASE(test_ksentry_policy_build_cond_arg),
	KUNIT_CASE(test_ksentry_policy_build_cond_op),
	KUNIT_CASE(test_ksentry_policy_build_unused_cond),
	KUNIT_CASE(test_ksentry_policy_build_rule_order),
	KUNIT_CASE(test_ksentry_policy_build_max),
	KUNIT_CASE(test_ksentry_policy_build_max_one_nr),
	KUNIT_CASE(test_ksentry_policy_decide_no_entry),
	KUNIT_CASE(test_ksentry_policy_decide_out_of_range),
	KUNIT_CASE(test_ksentry_policy_decide_fast_agrees),
	KUNIT_CASE(test_ksentry_policy_decide_ops),
	KUNIT_CASE(test_ksentry_policy_decide_masks),
	KUNIT_CASE(test_ksentry_policy_decide_first_match),
	KUNIT_CASE(test_ksentry_policy_decide_all_conds),
	KUNIT_CASE(test_ksentry_policy_decide_each_arg),
	KUNIT_CASE(test_ksentry_policy_decide_rules_other_nr),
	KUNIT_CASE(test_ksentry_policy_decide_compat),
	KUNIT_CASE(test_ksentry_policy_decide_compat_zero),
	KUNIT_CASE(test_ksentry_policy_is_tighter_equal),
	KUNIT_CASE(test_ksentry_policy_is_tighter_default),
	KUNIT_CASE(test_ksentry_policy_is_tighter_default_full_table),
	KUNIT_CASE(test_ksentry_policy_is_tighter_ia32),
	KUNIT_CASE(test_ksentry_policy_is_tighter_x32),
	KUNIT_CASE(test_ksentry_policy_is_tighter_table),
	KUNIT_CASE(test_ksentry_policy_is_tighter_rule_action),
	KUNIT_CASE(test_ksentry_policy_is_tighter_rule_removed),
	KUNIT_CASE(test_ksentry_policy_is_tighter_rule_added),
	KUNIT_CASE(test_ksentry_policy_is_tighter_rule_conds),
	KUNIT_CASE(test_ksentry_policy_is_tighter_rule_order),
	KUNIT_CASE(test_ksentry_policy_is_tighter_rule_moved),
	KUNIT_CASE(test_ksentry_policy_is_tighter_rules_differ),
	KUNIT_CASE(test_ksentry_policy_is_tighter_data_only),
	KUNIT_CASE(test_ksentry_policy_attach_paths),
	KUNIT_CASE(test_ksentry_policy_decide_int_width),
	KUNIT_CASE(test_ksentry_policy_decide_narrow_unsigned),
	KUNIT_CASE(test_ksentry_argwidth_known_calls),
	KUNIT_CASE(test_ksentry_policy_free_null),
	KUNIT_CASE(test_ksentry_policy_free_rcu_reader),
	{}
};

static struct kunit_suite ksentry_policy_suite = {
	.name = "ksentry_policy",
	.test_cases = ksentry_policy_cases,
};

kunit_test_suite(ksentry_policy_suite);
