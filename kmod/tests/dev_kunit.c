// SPDX-License-Identifier: GPL-2.0
/*
 * ksentry - KUnit tests of the /dev/ksentry ioctl ABI
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * Included at the end of kmod/dev.c when the module is built with
 * KSENTRY_KUNIT=y, so the tests reach the static ioctl handlers directly and
 * feed them user pointers of every kind: valid, unmapped, read-only, and
 * kernel addresses that a caller must never be able to reach.
 */

#include <kunit/test.h>
#include <linux/mman.h>

/* map_user - Map one anonymous user page with @prot for the test's mm. */
static void __user *map_user(struct kunit *const test, const unsigned long prot)
{
	unsigned long addr;

	addr = kunit_vm_mmap(test, NULL, 0, PAGE_SIZE, prot,
			     MAP_ANONYMOUS | MAP_PRIVATE, 0);
	KUNIT_ASSERT_NE_MSG(test, addr, 0, "no user mm for the test");
	KUNIT_ASSERT_LT_MSG(test, addr, (unsigned long)TASK_SIZE,
			    "vm_mmap() failed");
	return (void __user *)addr;
}

static void test_fop_ioctl_get_abi_version(struct kunit *const test)
{
	u32 __user *const uversion = map_user(test, PROT_READ | PROT_WRITE);
	u32 version = 0;

	KUNIT_ASSERT_EQ(test, 0, put_user(0xdeadbeef, uversion));
	KUNIT_EXPECT_EQ(test, 0,
			fop_ioctl(NULL, KSENTRY_IOCTL_GET_ABI_VERSION,
				  (unsigned long)uversion));
	KUNIT_ASSERT_EQ(test, 0, get_user(version, uversion));
	KUNIT_EXPECT_EQ(test, KSENTRY_ABI_VERSION, version);
}

static void test_fop_ioctl_get_abi_version_null(struct kunit *const test)
{
	KUNIT_EXPECT_EQ(test, -EFAULT,
			fop_ioctl(NULL, KSENTRY_IOCTL_GET_ABI_VERSION, 0));
}

static void test_fop_ioctl_get_abi_version_readonly(struct kunit *const test)
{
	u32 __user *const uversion = map_user(test, PROT_READ);

	KUNIT_EXPECT_EQ(test, -EFAULT,
			fop_ioctl(NULL, KSENTRY_IOCTL_GET_ABI_VERSION,
				  (unsigned long)uversion));
}

static void test_fop_ioctl_get_abi_version_kernel(struct kunit *const test)
{
	u32 *const kversion = kunit_kzalloc(test, sizeof(*kversion),
					    GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, kversion);
	/* A kernel address must be refused, not written to. */
	KUNIT_EXPECT_EQ(test, -EFAULT,
			fop_ioctl(NULL, KSENTRY_IOCTL_GET_ABI_VERSION,
				  (unsigned long)kversion));
	KUNIT_EXPECT_EQ(test, 0, *kversion);
}

static void test_fop_ioctl_unknown(struct kunit *const test)
{
	static const unsigned int cmds[] = {
		0,
		_IOR(KSENTRY_IOC_MAGIC, 0x7f, __u32),
		_IOWR(KSENTRY_IOC_MAGIC, 0xff, __u64),
		_IOR(KSENTRY_IOC_MAGIC + 1, 0x00, __u32),
	};
	u32 __user *const uarg = map_user(test, PROT_READ | PROT_WRITE);
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cmds); i++)
		KUNIT_EXPECT_EQ_MSG(test, -ENOTTY,
				    fop_ioctl(NULL, cmds[i],
					      (unsigned long)uarg),
				    "cmd %#x", cmds[i]);
}

static void test_fop_ioctl_wrong_encoding(struct kunit *const test)
{
	/* The right number with the wrong direction or size. */
	static const unsigned int cmds[] = {
		_IO(KSENTRY_IOC_MAGIC, 0x00),
		_IOW(KSENTRY_IOC_MAGIC, 0x00, __u32),
		_IOWR(KSENTRY_IOC_MAGIC, 0x00, __u32),
		_IOR(KSENTRY_IOC_MAGIC, 0x00, __u64),
		_IOR(KSENTRY_IOC_MAGIC, 0x00, __u16),
	};
	u32 __user *const uarg = map_user(test, PROT_READ | PROT_WRITE);
	u32 seen = 0;
	size_t i;

	KUNIT_ASSERT_EQ(test, 0, put_user(0, uarg));
	for (i = 0; i < ARRAY_SIZE(cmds); i++)
		KUNIT_EXPECT_EQ_MSG(test, -ENOTTY,
				    fop_ioctl(NULL, cmds[i],
					      (unsigned long)uarg),
				    "cmd %#x", cmds[i]);
	/* None of them may have written anything. */
	KUNIT_ASSERT_EQ(test, 0, get_user(seen, uarg));
	KUNIT_EXPECT_EQ(test, 0, seen);
}

static struct kunit_case ksentry_dev_cases[] = {
	KUNIT_CASE(test_fop_ioctl_get_abi_version),
	KUNIT_CASE(test_fop_ioctl_get_abi_version_null),
	KUNIT_CASE(test_fop_ioctl_get_abi_version_readonly),
	KUNIT_CASE(test_fop_ioctl_get_abi_version_kernel),
	KUNIT_CASE(test_fop_ioctl_unknown),
	KUNIT_CASE(test_fop_ioctl_wrong_encoding),
	{}
};

static struct kunit_suite ksentry_dev_suite = {
	.name = "ksentry_dev",
	.test_cases = ksentry_dev_cases,
};

kunit_test_suite(ksentry_dev_suite);

