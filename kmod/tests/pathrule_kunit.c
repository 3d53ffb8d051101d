// SPDX-License-Identifier: GPL-2.0
/*
 * ksentry - KUnit tests of path rules: checks, matching and their order
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * Included at the end of kmod/pathrule.c when the module is built with
 * KSENTRY_KUNIT=y.  The matcher only looks at dentries, inodes and
 * superblocks, so the tests build small trees of them by hand: no
 * filesystem is needed, and "beneath" is a walk up the d_parent links.
 */

#include <kunit/test.h>

/**
 * struct tree - Two filesystems' worth of hand-made dentries
 * @sb: Two superblocks.
 * @inode: Inodes; a hard link shares one.
 * @root: The root of @sb[0]: /.
 * @etc: /etc.
 * @shadow: /etc/shadow.
 * @ssl: /etc/ssl.
 * @cert: /etc/ssl/cert.
 * @link: /tmp-link, a hard link to /etc/shadow (the same inode).
 * @other: /other, beside /etc.
 * @root2: The root of @sb[1].
 * @etc2: An "etc" on @sb[1], the same shape, another filesystem.
 */
struct tree {
	struct super_block sb[2];
	struct inode inode[9];
	struct dentry root, etc, shadow, ssl, cert, link, other, root2, etc2;
};

static void node(struct dentry *const d, struct dentry *const parent,
		 struct super_block *const sb, struct inode *const inode)
{
	d->d_parent = parent ?: d;
	d->d_sb = sb;
	d->d_inode = inode;
}

static struct tree *new_tree(struct kunit *const test)
{
	struct tree *const t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, t);
	node(&t->root, NULL, &t->sb[0], &t->inode[0]);
	node(&t->etc, &t->root, &t->sb[0], &t->inode[1]);
	node(&t->shadow, &t->etc, &t->sb[0], &t->inode[2]);
	node(&t->ssl, &t->etc, &t->sb[0], &t->inode[3]);
	node(&t->cert, &t->ssl, &t->sb[0], &t->inode[4]);
	node(&t->link, &t->root, &t->sb[0], &t->inode[2]);
	node(&t->other, &t->root, &t->sb[0], &t->inode[5]);
	node(&t->root2, NULL, &t->sb[1], &t->inode[6]);
	node(&t->etc2, &t->root2, &t->sb[1], &t->inode[7]);
	return t;
}

/* is_subdir() without the rename lock: the trees here never change. */
static bool walk_beneath(struct dentry *obj, struct dentry *const dir)
{
	for (;;) {
		if (obj == dir)
			return true;
		if (obj == obj->d_parent)
			return false;
		obj = obj->d_parent;
	}
}

static struct ksentry_paths *new_paths(struct kunit *const test, const u32 nr)
{
	struct ksentry_paths *const p =
		kunit_kzalloc(test, struct_size(p, rules, nr), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, p);
	p->nr = nr;
	p->defaults[0] = KSENTRY_ACT_ALLOW;
	p->defaults[1] = KSENTRY_ACT_ALLOW;
	p->defaults[2] = KSENTRY_ACT_ALLOW;
	return p;
}

static void set_rule(struct ksentry_paths *const p, const u32 i,
		     struct dentry *const d, const u32 flags, const u32 access,
		     const u32 action)
{
	p->rules[i].path.dentry = d;
	p->rules[i].flags = flags;
	p->rules[i].access = access;
	p->rules[i].action = action;
}

static u32 decide(const struct ksentry_paths *const p, struct dentry *const d,
		  const u32 access)
{
	const struct path obj = { .dentry = d };

	return ksentry_paths_decide_with(p, &obj, d, access, walk_beneath);
}

#define DENY KSENTRY_ACT_ERRNO_OF(EACCES)
#define OK KSENTRY_ACT_ALLOW
#define R KSENTRY_ACCESS_READ
#define W KSENTRY_ACCESS_WRITE
#define X KSENTRY_ACCESS_EXEC

static void test_ksentry_paths_decide_none(struct kunit *const test)
{
	struct tree *const t = new_tree(test);

	KUNIT_EXPECT_EQ(test, OK, decide(NULL, &t->shadow, R));
	KUNIT_EXPECT_EQ(test, OK, decide(new_paths(test, 0), &t->shadow, R));
}

static void test_ksentry_paths_decide_inode(struct kunit *const test)
{
	struct tree *const t = new_tree(test);
	struct ksentry_paths *const p = new_paths(test, 1);

	set_rule(p, 0, &t->shadow, 0, R, DENY);
	KUNIT_EXPECT_EQ(test, DENY, decide(p, &t->shadow, R));
	/* A hard link is the same object. */
	KUNIT_EXPECT_EQ(test, DENY, decide(p, &t->link, R));
	/* Without BENEATH, neither the parent nor a sibling. */
	KUNIT_EXPECT_EQ(test, OK, decide(p, &t->etc, R));
	KUNIT_EXPECT_EQ(test, OK, decide(p, &t->ssl, R));
}

static void test_ksentry_paths_decide_beneath(struct kunit *const test)
{
	struct tree *const t = new_tree(test);
	struct ksentry_paths *const p = new_paths(test, 1);

	set_rule(p, 0, &t->etc, KSENTRY_PATH_BENEATH, R, DENY);
	KUNIT_EXPECT_EQ(test, DENY, decide(p, &t->etc, R));
	KUNIT_EXPECT_EQ(test, DENY, decide(p, &t->shadow, R));
	KUNIT_EXPECT_EQ(test, DENY, decide(p, &t->cert, R));
	KUNIT_EXPECT_EQ(test, OK, decide(p, &t->other, R));
	KUNIT_EXPECT_EQ(test, OK, decide(p, &t->root, R));
	/* BENEATH follows dentries: a hard link elsewhere is outside. */
	KUNIT_EXPECT_EQ(test, OK, decide(p, &t->link, R));
	/* The same shape on another filesystem is another hierarchy. */
	KUNIT_EXPECT_EQ(test, OK, decide(p, &t->etc2, R));
}

static void test_ksentry_paths_decide_access(struct kunit *const test)
{
	struct tree *const t = new_tree(test);
	struct ksentry_paths *const p = new_paths(test, 1);

	set_rule(p, 0, &t->shadow, 0, W, DENY);
	KUNIT_EXPECT_EQ(test, OK, decide(p, &t->shadow, R));
	KUNIT_EXPECT_EQ(test, OK, decide(p, &t->shadow, X));
	KUNIT_EXPECT_EQ(test, DENY, decide(p, &t->shadow, W));
	/* O_RDWR asks for both: either one refused is enough. */
	KUNIT_EXPECT_EQ(test, DENY, decide(p, &t->shadow, R | W));
}

/* Each access has its own first rule: allowing one allows no other. */
static void test_ksentry_paths_decide_each_access(struct kunit *const test)
{
	struct tree *const t = new_tree(test);
	struct ksentry_paths *const p = new_paths(test, 3);

	set_rule(p, 0, &t->etc, KSENTRY_PATH_BENEATH, R, OK);
	set_rule(p, 1, &t->shadow, 0, W, DENY);
	set_rule(p, 2, &t->etc, KSENTRY_PATH_BENEATH, R | W,
		 KSENTRY_ACT_KILL_PROCESS);
	KUNIT_EXPECT_EQ(test, OK, decide(p, &t->shadow, R));
	KUNIT_EXPECT_EQ(test, DENY, decide(p, &t->shadow, W));
	KUNIT_EXPECT_EQ(test, DENY, decide(p, &t->shadow, R | W));
	/* The strictest wins, whichever access asked for it. */
	KUNIT_EXPECT_EQ(test, KSENTRY_ACT_KILL_PROCESS,
			decide(p, &t->cert, R | W));
	KUNIT_EXPECT_EQ(test, OK, decide(p, &t->cert, R));
	/* Among equal types, the read access's action. */
	set_rule(p, 0, &t->etc, KSENTRY_PATH_BENEATH, R,
		 KSENTRY_ACT_ERRNO_OF(ENOENT));
	KUNIT_EXPECT_EQ(test, KSENTRY_ACT_ERRNO_OF(ENOENT),
			decide(p, &t->shadow, R | W));
}

/* A file of an overlay is also decided as the layer's file it reads. */
static void test_ksentry_paths_decide_real(struct kunit *const test)
{
	struct tree *const t = new_tree(test);
	struct ksentry_paths *const p = new_paths(test, 2);
	const struct path obj = { .dentry = &t->etc2 };

	set_rule(p, 0, &t->etc, KSENTRY_PATH_BENEATH, R, DENY);
	set_rule(p, 1, &t->other, 0, W, KSENTRY_ACT_KILL_PROCESS);
	KUNIT_EXPECT_EQ(test, OK, ksentry_paths_decide_with(p, &obj, &t->etc2, R,
							    walk_beneath));
	KUNIT_EXPECT_EQ(test, DENY, ksentry_paths_decide_with(p, &obj, &t->cert, R,
							      walk_beneath));
	KUNIT_EXPECT_EQ(test, KSENTRY_ACT_KILL_PROCESS,
			ksentry_paths_decide_with(p, &obj, &t->other, R | W,
						  walk_beneath));
	KUNIT_EXPECT_EQ(test, OK, ksentry_paths_decide_with(p, &obj, &t->other, R,
							    walk_beneath));
}

/* An allow-list: what no rule names gets the access's default. */
static void test_ksentry_paths_decide_defaults(struct kunit *const test)
{
	struct tree *const t = new_tree(test);
	struct ksentry_paths *const p = new_paths(test, 2);

	p->defaults[0] = DENY;
	p->defaults[2] = KSENTRY_ACT_KILL_PROCESS;
	set_rule(p, 0, &t->etc, KSENTRY_PATH_BENEATH, R | X, OK);
	set_rule(p, 1, &t->ssl, KSENTRY_PATH_BENEATH, W, DENY);
	KUNIT_EXPECT_EQ(test, OK, decide(p, &t->shadow, R));
	KUNIT_EXPECT_EQ(test, OK, decide(p, &t->shadow, X));
	KUNIT_EXPECT_EQ(test, OK, decide(p, &t->shadow, W));
	KUNIT_EXPECT_EQ(test, DENY, decide(p, &t->cert, W));
	KUNIT_EXPECT_EQ(test, DENY, decide(p, &t->other, R));
	KUNIT_EXPECT_EQ(test, DENY, decide(p, &t->other, R | W));
	KUNIT_EXPECT_EQ(test, OK, decide(p, &t->other, W));
	KUNIT_EXPECT_EQ(test, KSENTRY_ACT_KILL_PROCESS, decide(p, &t->other, X));
	/* Another filesystem is not beneath /etc: the default again. */
	KUNIT_EXPECT_EQ(test, DENY, decide(p, &t->etc2, R));
	/* The hard link elsewhere is another name outside the hierarchy. */
	KUNIT_EXPECT_EQ(test, DENY, decide(p, &t->link, R));
}

static void test_ksentry_paths_decide_first_match(struct kunit *const test)
{
	struct tree *const t = new_tree(test);
	struct ksentry_paths *const p = new_paths(test, 3);

	set_rule(p, 0, &t->cert, 0, R, KSENTRY_ACT_ALLOW);
	set_rule(p, 1, &t->etc, KSENTRY_PATH_BENEATH, R | W, DENY);
	set_rule(p, 2, &t->shadow, 0, R, KSENTRY_ACT_KILL_PROCESS);
	KUNIT_EXPECT_EQ(test, OK, decide(p, &t->cert, R));
	KUNIT_EXPECT_EQ(test, DENY, decide(p, &t->cert, W));
	/* The BENEATH rule comes first for /etc/shadow. */
	KUNIT_EXPECT_EQ(test, DENY, decide(p, &t->shadow, R));
	/* Reached through its link, only the inode rule matches. */
	KUNIT_EXPECT_EQ(test, KSENTRY_ACT_KILL_PROCESS, decide(p, &t->link, R));
}

static void test_ksentry_paths_is_tighter(struct kunit *const test)
{
	struct tree *const t = new_tree(test);
	struct ksentry_paths *const a = new_paths(test, 1);
	struct ksentry_paths *const b = new_paths(test, 2);
	struct ksentry_paths *const c = new_paths(test, 1);

	set_rule(a, 0, &t->etc, KSENTRY_PATH_BENEATH, R, DENY);
	set_rule(b, 0, &t->etc, KSENTRY_PATH_BENEATH, R, DENY);
	set_rule(b, 1, &t->other, 0, W, DENY);
	KUNIT_EXPECT_TRUE(test, ksentry_paths_is_tighter(NULL, NULL));
	KUNIT_EXPECT_TRUE(test, ksentry_paths_is_tighter(NULL, a));
	KUNIT_EXPECT_TRUE(test, ksentry_paths_is_tighter(a, a));
	KUNIT_EXPECT_TRUE(test, ksentry_paths_is_tighter(a, b));
	KUNIT_EXPECT_FALSE(test, ksentry_paths_is_tighter(a, NULL));
	KUNIT_EXPECT_FALSE(test, ksentry_paths_is_tighter(b, a));
	/* Any field of a kept rule that changes is a change. */
	set_rule(c, 0, &t->etc, KSENTRY_PATH_BENEATH, R, KSENTRY_ACT_ALLOW);
	KUNIT_EXPECT_FALSE(test, ksentry_paths_is_tighter(a, c));
	set_rule(c, 0, &t->etc, 0, R, DENY);
	KUNIT_EXPECT_FALSE(test, ksentry_paths_is_tighter(a, c));
	set_rule(c, 0, &t->etc, KSENTRY_PATH_BENEATH, R | W, DENY);
	KUNIT_EXPECT_FALSE(test, ksentry_paths_is_tighter(a, c));
	set_rule(c, 0, &t->ssl, KSENTRY_PATH_BENEATH, R, DENY);
	KUNIT_EXPECT_FALSE(test, ksentry_paths_is_tighter(a, c));
}

/* Defaults and the rules added after the old ones, against old defaults. */
static void test_ksentry_paths_is_tighter_defaults(struct kunit *const test)
{
	struct tree *const t = new_tree(test);
	struct ksentry_paths *const a = new_paths(test, 1);
	struct ksentry_paths *const b = new_paths(test, 2);

	a->defaults[0] = DENY;
	set_rule(a, 0, &t->etc, KSENTRY_PATH_BENEATH, R, OK);
	set_rule(b, 0, &t->etc, KSENTRY_PATH_BENEATH, R, OK);
	b->defaults[0] = DENY;
	/* Allowing more to read than the old default did: looser. */
	set_rule(b, 1, &t->other, 0, R, OK);
	KUNIT_EXPECT_FALSE(test, ksentry_paths_is_tighter(a, b));
	/* Allowing a write, whose old default allowed anyway: fine. */
	set_rule(b, 1, &t->other, 0, W, OK);
	KUNIT_EXPECT_TRUE(test, ksentry_paths_is_tighter(a, b));
	/* Refusing a read the old default refused: fine, another errno too. */
	set_rule(b, 1, &t->other, 0, R | W, KSENTRY_ACT_ERRNO_OF(EPERM));
	KUNIT_EXPECT_TRUE(test, ksentry_paths_is_tighter(a, b));
	/* A looser default is looser; a stricter one is not. */
	b->defaults[0] = OK;
	KUNIT_EXPECT_FALSE(test, ksentry_paths_is_tighter(a, b));
	b->defaults[0] = DENY;
	b->defaults[2] = KSENTRY_ACT_KILL_PROCESS;
	KUNIT_EXPECT_TRUE(test, ksentry_paths_is_tighter(a, b));
	KUNIT_EXPECT_FALSE(test, ksentry_paths_is_tighter(b, a));
	/* No rules at all allow everything. */
	KUNIT_EXPECT_FALSE(test, ksentry_paths_is_tighter(a, NULL));
	KUNIT_EXPECT_TRUE(test, ksentry_paths_is_tighter(NULL, b));
}

static int check(const u32 flags, const u32 access, const u32 action)
{
	const struct ksentry_path_rule rule = {
		.fd = 0, .flags = flags, .access = access, .action = action,
	};

	return ksentry_path_rule_check(&rule);
}

static void test_ksentry_path_rule_check(struct kunit *const test)
{
	const u32 vfile = KSENTRY_ACT_EMULATE | KSENTRY_VFILE_MEMINFO;

	KUNIT_EXPECT_EQ(test, 0, check(0, R, KSENTRY_ACT_ALLOW));
	KUNIT_EXPECT_EQ(test, 0, check(KSENTRY_PATH_BENEATH, R | W | X, DENY));
	KUNIT_EXPECT_EQ(test, 0, check(0, X, KSENTRY_ACT_KILL_PROCESS));
	KUNIT_EXPECT_EQ(test, 0, check(0, R, vfile));
	KUNIT_EXPECT_EQ(test, 0, check(0, R, KSENTRY_ACT_ERRNO_OF(MAX_ERRNO)));
	/* Flags, accesses and data a later version may give a meaning. */
	KUNIT_EXPECT_EQ(test, -EINVAL, check(2, R, DENY));
	KUNIT_EXPECT_EQ(test, -EINVAL, check(0, 0, DENY));
	KUNIT_EXPECT_EQ(test, -EINVAL, check(0, 8, DENY));
	KUNIT_EXPECT_EQ(test, -EINVAL, check(0, R, KSENTRY_ACT_ALLOW | 1));
	KUNIT_EXPECT_EQ(test, -EINVAL, check(0, R, KSENTRY_ACT_KILL_PROCESS | 1));
	KUNIT_EXPECT_EQ(test, -EINVAL, check(0, R, KSENTRY_ACT_ERRNO));
	KUNIT_EXPECT_EQ(test, -EINVAL, check(0, R, KSENTRY_ACT_ERRNO | (MAX_ERRNO + 1)));
	/* Actions a path rule cannot carry out. */
	KUNIT_EXPECT_EQ(test, -EINVAL, check(0, R, KSENTRY_ACT_TRAP));
	KUNIT_EXPECT_EQ(test, -EINVAL, check(0, R, KSENTRY_ACT_KILL_THREAD));
	KUNIT_EXPECT_EQ(test, -EINVAL, check(0, R, KSENTRY_ACT_LOG));
	KUNIT_EXPECT_EQ(test, -EINVAL, check(0, R, 0));
	/* Virtual files: one of them, and never run. */
	KUNIT_EXPECT_EQ(test, -EINVAL, check(0, R, KSENTRY_ACT_EMULATE));
	KUNIT_EXPECT_EQ(test, -EINVAL,
			check(0, R, KSENTRY_ACT_EMULATE | (KSENTRY_VFILE_CPU_ONLINE + 1)));
	KUNIT_EXPECT_EQ(test, -EINVAL, check(0, R | X, vfile));
}

static struct kunit_case ksentry_pathrule_cases[] = {
	KUNIT_CASE(test_ksentry_paths_decide_none),
	KUNIT_CASE(test_ksentry_paths_decide_inode),
	KUNIT_CASE(test_ksentry_paths_decide_beneath),
	KUNIT_CASE(test_ksentry_paths_decide_access),
	KUNIT_CASE(test_ksentry_paths_decide_first_match),
	KUNIT_CASE(test_ksentry_paths_decide_each_access),
	KUNIT_CASE(test_ksentry_paths_decide_defaults),
	KUNIT_CASE(test_ksentry_paths_decide_real),
	KUNIT_CASE(test_ksentry_paths_is_tighter),
	KUNIT_CASE(test_ksentry_paths_is_tighter_defaults),
	KUNIT_CASE(test_ksentry_path_rule_check),
	{}
};

static struct kunit_suite ksentry_pathrule_suite = {
	.name = "ksentry_pathrule",
	.test_cases = ksentry_pathrule_cases,
};

kunit_test_suite(ksentry_pathrule_suite);
