// SPDX-License-Identifier: GPL-2.0
/*
 * ksentry - KUnit tests of the sandbox's machine: the CPU getcpu() answers,
 * the uptime in a time namespace
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * Included at the end of kmod/emulate/sysinfo.c when the module is built
 * with KSENTRY_KUNIT=y.  fold_cpu() is given views as plain bitmaps, wider
 * than the KUnit kernel's own CPUs, so that views of many CPUs and CPUs
 * left out of them are tested on a guest of one CPU.
 */

#include <kunit/test.h>
#include <linux/bitmap.h>

/* The views' width: more than a word, so that a fold crosses one. */
#define VIEW_BITS 130

/* A view of @n CPUs @cpus. */
static void set_view(unsigned long *const view, const unsigned int *const cpus,
		     const unsigned int n)
{
	unsigned int i;

	bitmap_zero(view, VIEW_BITS);
	for (i = 0; i < n; i++)
		__set_bit(cpus[i], view);
}

/* A CPU of the view keeps its host number. */
static void test_fold_cpu_in_view(struct kunit *const test)
{
	static const unsigned int cpus[] = { 1, 3, 64, 129 };
	DECLARE_BITMAP(view, VIEW_BITS);
	unsigned int i;

	set_view(view, cpus, ARRAY_SIZE(cpus));
	for (i = 0; i < ARRAY_SIZE(cpus); i++)
		KUNIT_EXPECT_EQ(test, cpus[i], fold_cpu(cpus[i], view, VIEW_BITS));
}

/* A CPU the view left out: the (cpu modulo weight)-th of the view. */
static void test_fold_cpu_out_of_view(struct kunit *const test)
{
	static const unsigned int cpus[] = { 1, 3, 64 };
	DECLARE_BITMAP(view, VIEW_BITS);
	unsigned int cpu, got;

	set_view(view, cpus, ARRAY_SIZE(cpus));
	KUNIT_EXPECT_EQ(test, 1, fold_cpu(0, view, VIEW_BITS));
	KUNIT_EXPECT_EQ(test, 64, fold_cpu(2, view, VIEW_BITS));
	KUNIT_EXPECT_EQ(test, 3, fold_cpu(4, view, VIEW_BITS));
	KUNIT_EXPECT_EQ(test, 64, fold_cpu(65, view, VIEW_BITS));
	/* Past the bitmap, as a CPU the caller's view cannot name. */
	KUNIT_EXPECT_EQ(test, 1, fold_cpu(VIEW_BITS + 2, view, VIEW_BITS));
	KUNIT_EXPECT_EQ(test, 1, fold_cpu(UINT_MAX, view, VIEW_BITS));
	/* Whatever the CPU, the answer is one the affinity shows. */
	for (cpu = 0; cpu < 2 * VIEW_BITS; cpu++) {
		got = fold_cpu(cpu, view, VIEW_BITS);
		KUNIT_EXPECT_TRUE_MSG(test, got < VIEW_BITS && test_bit(got, view),
				      "CPU %u answered %u", cpu, got);
	}
}

/* An empty view has nothing to fold onto: the CPU's own number. */
static void test_fold_cpu_empty_view(struct kunit *const test)
{
	DECLARE_BITMAP(view, VIEW_BITS);

	bitmap_zero(view, VIEW_BITS);
	KUNIT_EXPECT_EQ(test, 0, fold_cpu(0, view, VIEW_BITS));
	KUNIT_EXPECT_EQ(test, 7, fold_cpu(7, view, VIEW_BITS));
	KUNIT_EXPECT_EQ(test, 7, fold_cpu(7, view, 0));
}

/* A time namespace's offset on the sandbox's uptime, within 0 and U64_MAX. */
static void test_shift_uptime(struct kunit *const test)
{
	KUNIT_EXPECT_EQ(test, 5, shift_uptime(5, 0));
	KUNIT_EXPECT_EQ(test, 100000000000005ULL, shift_uptime(5, 100000000000000LL));
	KUNIT_EXPECT_EQ(test, 2, shift_uptime(5, -3));
	/* Back past the sandbox's binding: 0, not a wrap. */
	KUNIT_EXPECT_EQ(test, 0, shift_uptime(5, -5));
	KUNIT_EXPECT_EQ(test, 0, shift_uptime(5, -6));
	KUNIT_EXPECT_EQ(test, 0, shift_uptime(0, S64_MIN));
	KUNIT_EXPECT_EQ(test, 0, shift_uptime(U64_MAX >> 1, S64_MIN));
	KUNIT_EXPECT_EQ(test, 1, shift_uptime((U64_MAX >> 1) + 2, S64_MIN));
	KUNIT_EXPECT_EQ(test, U64_MAX - 1, shift_uptime(U64_MAX, -1));
	/* Past U64_MAX: U64_MAX. */
	KUNIT_EXPECT_EQ(test, U64_MAX, shift_uptime(U64_MAX, 1));
	KUNIT_EXPECT_EQ(test, U64_MAX, shift_uptime(U64_MAX - S64_MAX, S64_MAX));
	KUNIT_EXPECT_EQ(test, U64_MAX, shift_uptime(U64_MAX - S64_MAX + 1, S64_MAX));
	KUNIT_EXPECT_EQ(test, U64_MAX - 1, shift_uptime(U64_MAX - S64_MAX - 1, S64_MAX));
}

static struct kunit_case ksentry_sysinfo_cases[] = {
	KUNIT_CASE(test_fold_cpu_in_view),
	KUNIT_CASE(test_fold_cpu_out_of_view),
	KUNIT_CASE(test_fold_cpu_empty_view),
	KUNIT_CASE(test_shift_uptime),
	{}
};

static struct kunit_suite ksentry_sysinfo_suite = {
	.name = "ksentry_sysinfo",
	.test_cases = ksentry_sysinfo_cases,
};

kunit_test_suite(ksentry_sysinfo_suite);
