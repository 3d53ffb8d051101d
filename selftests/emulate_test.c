// SPDX-License-Identifier: GPL-2.0
/*
 * ksentry - selftests of emulation: calls answered inside the module
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * A handler must give the host's answer where the two must agree.  Each
 * policy here has, for every emulated number, one rule that passes the
 * call to the host when its sixth argument is HOST_TAG (no call tested
 * reads a sixth argument), and EMULATE otherwise.  A member then makes
 * the same call both ways and compares, in whatever namespaces it has
 * entered.  The counters prove which path answered.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/ksentry.h>
#include <linux/random.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kselftest_harness.h"

#include "common.h"

#define HOST_TAG 0x5eedULL

static const struct {
	int nr;
	__u32 handler;
} emulated[] = {
	{ __NR_getpid, KSENTRY_EMU_GETPID },
	{ __NR_getppid, KSENTRY_EMU_GETPPID },
	{ __NR_gettid, KSENTRY_EMU_GETTID },
	{ __NR_getuid, KSENTRY_EMU_GETUID },
	{ __NR_geteuid, KSENTRY_EMU_GETEUID },
	{ __NR_getgid, KSENTRY_EMU_GETGID },
	{ __NR_getegid, KSENTRY_EMU_GETEGID },
	{ __NR_getresuid, KSENTRY_EMU_GETRESUID },
	{ __NR_getresgid, KSENTRY_EMU_GETRESGID },
	{ __NR_getgroups, KSENTRY_EMU_GETGROUPS },
	{ __NR_getpgrp, KSENTRY_EMU_GETPGRP },
	{ __NR_getsid, KSENTRY_EMU_GETSID },
	{ __NR_uname, KSENTRY_EMU_UNAME },
	{ __NR_sysinfo, KSENTRY_EMU_SYSINFO },
	{ __NR_sched_getaffinity, KSENTRY_EMU_SCHED_GETAFFINITY },
	{ __NR_getcpu, KSENTRY_EMU_GETCPU },
	{ __NR_getrlimit, KSENTRY_EMU_GETRLIMIT },
	{ __NR_prlimit64, KSENTRY_EMU_PRLIMIT64 },
	{ __NR_getrandom, KSENTRY_EMU_GETRANDOM },
};

#define NR_EMULATED ARRAY_SIZE(emulated)

/* Install the emulate-unless-tagged policy, with @emu as the view. */
static int set_emulation(const int fd, const struct ksentry_emu_attr *const emu)
{
	struct ksentry_entry entries[NR_EMULATED];
	struct ksentry_rule rules[NR_EMULATED];
	struct ksentry_policy_attr attr = {
		.size = sizeof(attr),
		.default_action = KSENTRY_ACT_ALLOW,
		.nr_entries = NR_EMULATED,
		.nr_rules = NR_EMULATED,
		.entries = (__u64)(uintptr_t)entries,
		.rules = (__u64)(uintptr_t)rules,
		.emu = (__u64)(uintptr_t)emu,
	};
	size_t i;

	memset(rules, 0, sizeof(rules));
	for (i = 0; i < NR_EMULATED; i++) {
		entries[i].nr = emulated[i].nr;
		entries[i].action = KSENTRY_ACT_EMULATE_OF(emulated[i].handler);
		rules[i].nr = emulated[i].nr;
		rules[i].action = KSENTRY_ACT_ALLOW;
		rules[i].nr_conds = 1;
		rules[i].conds[0].arg = 5;
		rules[i].conds[0].op = KSENTRY_CMP_EQ;
		rules[i].conds[0].mask = ~0ULL;
		rules[i].conds[0].value = HOST_TAG;
	}
	return ioctl(fd, KSENTRY_SANDBOX_SET_POLICY, &attr);
}

/* The call, answered by the module (@host false) or by the host. */
static long call6(const bool host, const long nr, const long a0, const long a1,
		  const long a2, const long a3)
{
	return syscall(nr, a0, a1, a2, a3, 0L, host ? (long)HOST_TAG : 0L);
}

/* A result and its errno, to compare both paths. */
struct answer {
	long ret;
	int err;
};

static struct answer ask(const bool host, const long nr, const long a0,
			 const long a1, const long a2, const long a3)
{
	struct answer a;

	errno = 0;
	a.ret = call6(host, nr, a0, a1, a2, a3);
	a.err = a.ret == -1 ? errno : 0;
	return a;
}

static int fails;

/* In a member: compare both answers, print the first differences. */
static void same(const char *const what, const struct answer host,
		 const struct answer emu)
{
	if (host.ret == emu.ret && host.err == emu.err)
		return;
	fails++;
	fprintf(stderr, "%s: host %ld (errno %d), emulated %ld (errno %d)\n",
		what, host.ret, host.err, emu.ret, emu.err);
}

/* Make the call both ways and compare the results. */
static void same_call(const char *const what, const long nr, const long a0,
		      const long a1, const long a2, const long a3)
{
	same(what, ask(true, nr, a0, a1, a2, a3), ask(false, nr, a0, a1, a2, a3));
}

/* Compare the buffers the two paths filled as well as their results. */
static void same_buf(const char *const what, const long nr, const long a0,
		     const long a1, const long a2, const size_t size,
		     void *const hbuf, void *const ebuf, const int which)
{
	long args_h[3] = { a0, a1, a2 }, args_e[3] = { a0, a1, a2 };
	struct answer h, e;

	memset(hbuf, 0xa5, size);
	memset(ebuf, 0xa5, size);
	args_h[which] = (long)hbuf;
	args_e[which] = (long)ebuf;
	h = ask(true, nr, args_h[0], args_h[1], args_h[2], 0);
	e = ask(false, nr, args_e[0], args_e[1], args_e[2], 0);
	same(what, h, e);
	if (memcmp(hbuf, ebuf, size)) {
		fails++;
		fprintf(stderr, "%s: the buffers differ\n", what);
	}
}

/* Every identity call, the good and the bad forms, both ways. */
static void compare_identity(void)
{
	unsigned int h[3], e[3];
	gid_t hg[64], eg[64];
	int i;

	same_call("getpid", __NR_getpid, 0, 0, 0, 0);
	same_call("getppid", __NR_getppid, 0, 0, 0, 0);
	same_call("gettid", __NR_gettid, 0, 0, 0, 0);
	same_call("getuid", __NR_getuid, 0, 0, 0, 0);
	same_call("geteuid", __NR_geteuid, 0, 0, 0, 0);
	same_call("getgid", __NR_getgid, 0, 0, 0, 0);
	same_call("getegid", __NR_getegid, 0, 0, 0, 0);
	same_call("getpgrp", __NR_getpgrp, 0, 0, 0, 0);
	same_call("getsid(0)", __NR_getsid, 0, 0, 0, 0);
	same_call("getsid(self)", __NR_getsid, getpid(), 0, 0, 0);
	same_call("getsid(nosuch)", __NR_getsid, 99999, 0, 0, 0);
	for (i = 0; i < 2; i++) {
		const long nr = i ? __NR_getresgid : __NR_getresuid;

		memset(h, 0, sizeof(h));
		memset(e, 0, sizeof(e));
		same(i ? "getresgid" : "getresuid",
		     ask(true, nr, (long)&h[0], (long)&h[1], (long)&h[2], 0),
		     ask(false, nr, (long)&e[0], (long)&e[1], (long)&e[2], 0));
		if (memcmp(h, e, sizeof(h))) {
			fails++;
			fprintf(stderr, "getres%cid: values differ\n", i ? 'g' : 'u');
		}
		same_call("getres*id(NULL)", nr, 0, 0, 0, 0);
	}
	same_buf("getgroups", __NR_getgroups, 64, 0, 0, sizeof(hg), hg, eg, 1);
	same_call("getgroups(0)", __NR_getgroups, 0, 0, 0, 0);
	same_call("getgroups(-1)", __NR_getgroups, -1, (long)hg, 0, 0);
	same_call("getgroups(bad)", __NR_getgroups, 64, 8, 0, 0);
}

static void compare_limits(void)
{
	struct rlimit h, e;
	__u64 h64[2], e64[2];
	int r;

	for (r = 0; r < RLIM_NLIMITS + 2; r++) {
		same_buf("getrlimit", __NR_getrlimit, r, 0, 0, sizeof(h), &h,
			 &e, 1);
		memset(h64, 0, sizeof(h64));
		memset(e64, 0, sizeof(e64));
		same("prlimit64(0, r, NULL, old)",
		     ask(true, __NR_prlimit64, 0, r, 0, (long)h64),
		     ask(false, __NR_prlimit64, 0, r, 0, (long)e64));
		if (memcmp(h64, e64, sizeof(h64))) {
			fails++;
			fprintf(stderr, "prlimit64 %d: values differ\n", r);
		}
	}
	same_call("getrlimit(NULL)", __NR_getrlimit, RLIMIT_NOFILE, 0, 0, 0);
	same_call("prlimit64(self, NULL)", __NR_prlimit64, getpid(),
		  RLIMIT_NOFILE, 0, 0);
	same_call("prlimit64(bad old)", __NR_prlimit64, 0, RLIMIT_NOFILE, 0, 8);
}

/* Run @body as pid 1 of a new pid namespace bound to @fd; its status. */
static int run_member(const int fd, int (*body)(void))
{
	int release, status;
	pid_t pid;

	pid = spawn_held(&release);
	if (pid == 0)
		_exit(body());
	if (pid < 0 || sandbox_bind_pid(fd, pid)) {
		if (pid > 0)
			kill(pid, SIGKILL);
		return -1;
	}
	release_child(release);
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

static bool exited_ok(const int status)
{
	return status != -1 && WIFEXITED(status) && !WEXITSTATUS(status);
}

/* EMULATE decisions of @fd for @nr. */
static __u64 emulated_count(const int fd, const int nr)
{
	static __u64 counts[KSENTRY_STATS_SLOTS][KSENTRY_STATS_ACTIONS];
	struct ksentry_stats_attr attr = {
		.size = sizeof(attr),
		.counts = (__u64)(uintptr_t)counts,
		.counts_size = sizeof(counts),
	};

	if (ioctl(fd, KSENTRY_SANDBOX_GET_STATS, &attr))
		return 0;
	return counts[nr][(KSENTRY_ACT_EMULATE >> 16) - 1];
}

FIXTURE(emulate) {
	int fd;
};

FIXTURE_SETUP(emulate)
{
	self->fd = sandbox_create();
	ASSERT_LE(0, self->fd);
}

FIXTURE_TEARDOWN(emulate)
{
	close(self->fd);
}

static int body_identity(void)
{
	compare_identity();
	compare_limits();
	return fails ? 1 : 0;
}

TEST_F(emulate, identity_and_limits_match_the_host)
{
	ASSERT_EQ(0, set_emulation(self->fd, NULL));
	EXPECT_TRUE(exited_ok(run_member(self->fd, body_identity)));
	/* The emulated half was answered by the module. */
	EXPECT_LE(1, emulated_count(self->fd, __NR_getpid));
	EXPECT_LE(2, emulated_count(self->fd, __NR_getresuid));
	EXPECT_LE(RLIM_NLIMITS, emulated_count(self->fd, __NR_getrlimit));
}

/* The same again in a user namespace, a nested pid namespace and groups. */
static int body_identity_namespaces(void)
{
	gid_t groups[] = { 4, 24, 27 };
	pid_t pid;
	int status;

	if (setgroups(3, groups) || setresgid(7, 8, 9))
		return 2;
	compare_identity();
	if (unshare(CLONE_NEWPID))
		return 2;
	pid = fork();
	if (pid == 0) {
		/* A user namespace where nothing is mapped: ids overflow. */
		if (unshare(CLONE_NEWUSER))
			_exit(2);
		compare_identity();
		compare_limits();
		_exit(fails ? 1 : 0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return 2;
	return fails || !exited_ok(status) ? 1 : 0;
}

TEST_F(emulate, identity_in_other_namespaces)
{
	int status;

	ASSERT_EQ(0, set_emulation(self->fd, NULL));
	status = run_member(self->fd, body_identity_namespaces);
	EXPECT_TRUE(exited_ok(status))
	{
		TH_LOG("status %#x", status);
	}
}

static struct ksentry_emu_attr view;

static int body_uname(void)
{
	struct utsname host, emu;

	if (call6(true, __NR_uname, (long)&host, 0, 0, 0) ||
	    call6(false, __NR_uname, (long)&emu, 0, 0, 0))
		return 2;
	if (strcmp(emu.release, view.release[0] ? view.release : host.release) ||
	    strcmp(emu.machine, view.machine[0] ? view.machine : host.machine) ||
	    strcmp(emu.sysname, host.sysname) || strcmp(emu.version, host.version))
		return 1;
	if (strcmp(emu.nodename, view.nodename[0] ? view.nodename : host.nodename))
		return 3;
	/* Unset, the nodename follows the member's UTS namespace. */
	if (unshare(CLONE_NEWUTS) || sethostname("inner", 5))
		return 2;
	if (call6(false, __NR_uname, (long)&emu, 0, 0, 0))
		return 2;
	if (strcmp(emu.nodename, view.nodename[0] ? view.nodename : "inner"))
		return 4;
	same("uname(NULL)", ask(true, __NR_uname, 0, 0, 0, 0),
	     ask(false, __NR_uname, 0, 0, 0, 0));
	return fails ? 5 : 0;
}

TEST_F(emulate, uname_from_the_view)
{
	int status;

	memset(&view, 0, sizeof(view));
	view.size = sizeof(view);
	snprintf(view.release, sizeof(view.release), "9.9.9-ksentry");
	snprintf(view.machine, sizeof(view.machine), "sandbox64");
	ASSERT_EQ(0, set_emulation(self->fd, &view));
	status = run_member(self->fd, body_uname);
	EXPECT_TRUE(exited_ok(status))
	{
		TH_LOG("status %#x", status);
	}
}

TEST(uname_nodename_set_in_the_view)
{
	int fd, status;

	fd = sandbox_create();
	ASSERT_LE(0, fd);
	memset(&view, 0, sizeof(view));
	view.size = sizeof(view);
	snprintf(view.nodename, sizeof(view.nodename), "fixed-name");
	ASSERT_EQ(0, set_emulation(fd, &view));
	status = run_member(fd, body_uname);
	EXPECT_TRUE(exited_ok(status))
	{
		TH_LOG("status %#x", status);
	}
	close(fd);
}

/* The memory limit the member runs under, 0 for none. */
static long expected_limit;

static int body_sysinfo(void)
{
	const long want = expected_limit;
	struct sysinfo host, emu;

	if (call6(true, __NR_sysinfo, (long)&host, 0, 0, 0) ||
	    call6(false, __NR_sysinfo, (long)&emu, 0, 0, 0))
		return 2;
	/* Bound a moment ago; the guest has been up for longer. */
	if (emu.uptime > 60 || emu.uptime > host.uptime)
		return 1;
	if (emu.procs != 1 || host.procs <= 1)
		return 3;
	if (want && (unsigned long long)emu.totalram * emu.mem_unit != (unsigned long long)want)
		return 4;
	if (!want && emu.totalram != host.totalram)
		return 5;
	if (emu.freeram > emu.totalram)
		return 6;
	same("sysinfo(NULL)", ask(true, __NR_sysinfo, 0, 0, 0, 0),
	     ask(false, __NR_sysinfo, 0, 0, 0, 0));
	return fails ? 7 : 0;
}

TEST_F(emulate, sysinfo_of_the_sandbox)
{
	int status;

	ASSERT_EQ(0, set_emulation(self->fd, NULL));
	status = run_member(self->fd, body_sysinfo);
	EXPECT_TRUE(exited_ok(status))
	{
		TH_LOG("status %#x", status);
	}
}

/* Put this process in a cgroup limited to @bytes; false if impossible. */
static bool limit_memory(const long bytes)
{
	char v[32];
	FILE *f;

	if (access("/sys/fs/cgroup/cgroup.subtree_control", W_OK))
		return false;
	f = fopen("/sys/fs/cgroup/cgroup.subtree_control", "w");
	if (!f || fputs("+memory", f) < 0 || fclose(f))
		return false;
	if (mkdir("/sys/fs/cgroup/ksentry-emu", 0755) && errno != EEXIST)
		return false;
	f = fopen("/sys/fs/cgroup/ksentry-emu/memory.max", "w");
	snprintf(v, sizeof(v), "%ld", bytes);
	if (!f || fputs(v, f) < 0 || fclose(f))
		return false;
	f = fopen("/sys/fs/cgroup/ksentry-emu/cgroup.procs", "w");
	return f && fprintf(f, "%d", getpid()) > 0 && !fclose(f);
}

TEST_F(emulate, sysinfo_under_a_memory_limit)
{
	int status;
	pid_t pid;

	ASSERT_EQ(0, set_emulation(self->fd, NULL));
	expected_limit = 256L << 20;
	pid = fork();
	if (pid == 0) {
		if (!limit_memory(expected_limit))
			_exit(4);
		_exit(exited_ok(run_member(self->fd, body_sysinfo)) ? 0 : 1);
	}
	ASSERT_LT(0, pid);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	if (WIFEXITED(status) && WEXITSTATUS(status) == 4)
		SKIP(return, "no cgroup v2 memory controller here");
	EXPECT_TRUE(exited_ok(status))
	{
		TH_LOG("status %#x", status);
	}
	rmdir("/sys/fs/cgroup/ksentry-emu");
}

/* The host CPU a member of body_cpus() pins itself to first, -1 for none. */
static int pinned_cpu = -1;

/*
 * One CPU in the view, by its host number: sched_getaffinity() and getcpu()
 * answer the numbers sched_setaffinity() takes, and getcpu() a CPU of the
 * affinity.
 */
static int body_cpus(void)
{
	unsigned long mask[16] = { 0 };
	unsigned int cpu = ~0U, node = ~0U, host_cpu = ~0U, host_node = ~0U;
	cpu_set_t set;
	long n;

	if (pinned_cpu >= 0) {
		CPU_ZERO(&set);
		CPU_SET(pinned_cpu, &set);
		if (sched_setaffinity(0, sizeof(set), &set))
			return 5;
	}
	n = call6(false, __NR_sched_getaffinity, 0, sizeof(mask), (long)mask, 0);
	if (n <= 0)
		return 2;
	if (__builtin_popcountl(mask[0]) != 1)
		return 1;
	if (pinned_cpu >= 0 && mask[0] != 1UL << pinned_cpu)
		return 6;
	if (call6(false, __NR_getcpu, (long)&cpu, (long)&node, 0, 0) ||
	    cpu >= 64 || !(mask[0] & 1UL << cpu))
		return 3;
	/* Pinned, the member cannot move between the two calls. */
	if (pinned_cpu >= 0 &&
	    (call6(true, __NR_getcpu, (long)&host_cpu, (long)&host_node, 0, 0) ||
	     host_cpu != cpu || host_node != node))
		return 7;
	/* The host's errors for bad lengths and pointers. */
	same_call("affinity len 1", __NR_sched_getaffinity, 0, 1, (long)mask, 0);
	same_call("affinity len 12", __NR_sched_getaffinity, 0, 12, (long)mask, 0);
	same_call("affinity NULL", __NR_sched_getaffinity, 0, sizeof(mask), 0, 0);
	same_call("getcpu bad", __NR_getcpu, 8, 0, 0, 0);
	same_call("getcpu NULLs", __NR_getcpu, 0, 0, 0, 0);
	return fails ? 4 : 0;
}

/* Allowed on two CPUs, the view's one is the first of them. */
TEST_F(emulate, one_cpu_in_the_view)
{
	int status;

	if (sysconf(_SC_NPROCESSORS_ONLN) < 2)
		SKIP(return, "needs two CPUs to tell");
	memset(&view, 0, sizeof(view));
	view.size = sizeof(view);
	view.nr_cpus = 1;
	ASSERT_EQ(0, set_emulation(self->fd, &view));
	pinned_cpu = -1;
	status = run_member(self->fd, body_cpus);
	EXPECT_TRUE(exited_ok(status))
	{
		TH_LOG("status %#x", status);
	}
}

/* Pinned to the host's second CPU, the member sees it as CPU 1, not 0. */
TEST_F(emulate, one_cpu_pinned_keeps_its_host_number)
{
	int status;

	if (sysconf(_SC_NPROCESSORS_ONLN) < 2)
		SKIP(return, "needs two CPUs to tell");
	memset(&view, 0, sizeof(view));
	view.size = sizeof(view);
	view.nr_cpus = 1;
	ASSERT_EQ(0, set_emulation(self->fd, &view));
	pinned_cpu = 1;
	status = run_member(self->fd, body_cpus);
	EXPECT_TRUE(exited_ok(status))
	{
		TH_LOG("status %#x", status);
	}
}

static int body_random(void)
{
	static char big[1 << 20];
	char a[64] = { 0 }, b[64] = { 0 };
	long n;

	if (call6(false, __NR_getrandom, (long)a, sizeof(a), 0, 0) != sizeof(a) ||
	    call6(false, __NR_getrandom, (long)b, sizeof(b), GRND_NONBLOCK, 0) != sizeof(b) ||
	    !memcmp(a, b, sizeof(a)))
		return 1;
	n = call6(false, __NR_getrandom, (long)big, sizeof(big), GRND_INSECURE, 0);
	if (n != sizeof(big))
		return 3;
	same_call("getrandom bad flags", __NR_getrandom, (long)a, 8, 0x80, 0);
	same_call("getrandom insecure+random", __NR_getrandom, (long)a, 8,
		  GRND_INSECURE | GRND_RANDOM, 0);
	same_call("getrandom NULL", __NR_getrandom, 0, 8, 0, 0);
	same_call("getrandom 0 bytes", __NR_getrandom, (long)a, 0, 0, 0);
	same_call("getrandom kernel pointer", __NR_getrandom, -4096L, 8, 0, 0);
	return fails ? 4 : 0;
}

TEST_F(emulate, getrandom)
{
	int status;

	ASSERT_EQ(0, set_emulation(self->fd, NULL));
	status = run_member(self->fd, body_random);
	EXPECT_TRUE(exited_ok(status))
	{
		TH_LOG("status %#x", status);
	}
	EXPECT_LE(3, emulated_count(self->fd, __NR_getrandom));
}

/* Numbers without rules: the table's one load sends them to the handler. */
static int body_table_only(void)
{
	int i;

	for (i = 0; i < 10; i++) {
		/* Pid 1 of its namespace, whose parent is outside it. */
		if (syscall(__NR_getpid) != 1 || syscall(__NR_getppid) != 0)
			return 1;
		if (syscall(__NR_gettid) != 1)
			return 2;
	}
	return 0;
}

TEST_F(emulate, table_only_entries)
{
	const struct ksentry_entry entries[] = {
		{ __NR_getpid, KSENTRY_ACT_EMULATE_OF(KSENTRY_EMU_GETPID) },
		{ __NR_getppid, KSENTRY_ACT_EMULATE_OF(KSENTRY_EMU_GETPPID) },
		{ __NR_gettid, KSENTRY_ACT_EMULATE_OF(KSENTRY_EMU_GETTID) },
	};
	int status;

	ASSERT_EQ(0, sandbox_set_policy(self->fd, KSENTRY_ACT_ALLOW, entries,
					ARRAY_SIZE(entries), NULL, 0));
	status = run_member(self->fd, body_table_only);
	EXPECT_TRUE(exited_ok(status))
	{
		TH_LOG("status %#x", status);
	}
	EXPECT_EQ(10, emulated_count(self->fd, __NR_getppid));
	EXPECT_EQ(10, emulated_count(self->fd, __NR_gettid));
	/* glibc may ask getpid once more itself; ours are all counted. */
	EXPECT_LE(10, emulated_count(self->fd, __NR_getpid));
}

/* Bad policies: each refused with EINVAL, EFAULT or E2BIG. */
static int set_one(const int fd, const __u32 nr, const __u32 action,
		   const __u32 default_action,
		   const struct ksentry_emu_attr *const emu)
{
	const struct ksentry_entry entry = { .nr = nr, .action = action };
	struct ksentry_policy_attr attr = {
		.size = sizeof(attr),
		.default_action = default_action,
		.nr_entries = 1,
		.entries = (__u64)(uintptr_t)&entry,
		.emu = (__u64)(uintptr_t)emu,
	};

	return ioctl(fd, KSENTRY_SANDBOX_SET_POLICY, &attr);
}

TEST_F(emulate, bad_policies)
{
	struct ksentry_emu_attr *emu;
	struct ksentry_sandbox_info info;
	char *hole;

	/* A handler on another number, unknown handlers, a default EMULATE. */
	errno = 0;
	EXPECT_EQ(-1, set_one(self->fd, __NR_getppid,
			      KSENTRY_ACT_EMULATE_OF(KSENTRY_EMU_GETPID),
			      KSENTRY_ACT_ALLOW, NULL));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, set_one(self->fd, __NR_getpid, KSENTRY_ACT_EMULATE_OF(0),
			      KSENTRY_ACT_ALLOW, NULL));
	EXPECT_EQ(-1, set_one(self->fd, __NR_getpid,
			      KSENTRY_ACT_EMULATE_OF(KSENTRY_EMU_GETRANDOM + 1),
			      KSENTRY_ACT_ALLOW, NULL));
	errno = 0;
	EXPECT_EQ(-1, set_one(self->fd, __NR_getpid, KSENTRY_ACT_ALLOW,
			      KSENTRY_ACT_EMULATE_OF(KSENTRY_EMU_GETPID), NULL));
	EXPECT_EQ(EINVAL, errno);

	emu = calloc(1, 4096);
	ASSERT_NE(NULL, emu);
	emu->size = sizeof(*emu);
	/* Unknown flags, vfiles, pad; strings without a NUL or with junk. */
	emu->flags = 1;
	EXPECT_EQ(-1, set_one(self->fd, __NR_getpid, KSENTRY_ACT_ALLOW,
			      KSENTRY_ACT_ALLOW, emu));
	emu->flags = 0;
	emu->vfiles = KSENTRY_VFILE_BIT(0);
	EXPECT_EQ(-1, set_one(self->fd, __NR_getpid, KSENTRY_ACT_ALLOW,
			      KSENTRY_ACT_ALLOW, emu));
	emu->vfiles = KSENTRY_VFILE_BIT(KSENTRY_VFILE_CPU_ONLINE + 1);
	EXPECT_EQ(-1, set_one(self->fd, __NR_getpid, KSENTRY_ACT_ALLOW,
			      KSENTRY_ACT_ALLOW, emu));
	emu->vfiles = 0;
	emu->pad[2] = 1;
	EXPECT_EQ(-1, set_one(self->fd, __NR_getpid, KSENTRY_ACT_ALLOW,
			      KSENTRY_ACT_ALLOW, emu));
	emu->pad[2] = 0;
	memset(emu->release, 'x', sizeof(emu->release));
	errno = 0;
	EXPECT_EQ(-1, set_one(self->fd, __NR_getpid, KSENTRY_ACT_ALLOW,
			      KSENTRY_ACT_ALLOW, emu));
	EXPECT_EQ(EINVAL, errno);
	memset(emu->release, 0, sizeof(emu->release));
	emu->machine[10] = 'y';
	EXPECT_EQ(-1, set_one(self->fd, __NR_getpid, KSENTRY_ACT_ALLOW,
			      KSENTRY_ACT_ALLOW, emu));
	emu->machine[10] = 0;
	/* Sizes: too small, larger with junk, larger with zeros. */
	emu->size = 8;
	errno = 0;
	EXPECT_EQ(-1, set_one(self->fd, __NR_getpid, KSENTRY_ACT_ALLOW,
			      KSENTRY_ACT_ALLOW, emu));
	EXPECT_EQ(EINVAL, errno);
	emu->size = sizeof(*emu) + 8;
	((char *)emu)[sizeof(*emu) + 4] = 1;
	errno = 0;
	EXPECT_EQ(-1, set_one(self->fd, __NR_getpid, KSENTRY_ACT_ALLOW,
			      KSENTRY_ACT_ALLOW, emu));
	EXPECT_EQ(E2BIG, errno);
	((char *)emu)[sizeof(*emu) + 4] = 0;
	/* An unmapped view. */
	hole = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, hole);
	errno = 0;
	EXPECT_EQ(-1, set_one(self->fd, __NR_getpid, KSENTRY_ACT_ALLOW,
			      KSENTRY_ACT_ALLOW, (void *)hole));
	EXPECT_EQ(EFAULT, errno);
	/* Nothing of it was installed. */
	ASSERT_EQ(0, sandbox_info(self->fd, &info));
	EXPECT_EQ(0, info.policy_seq);
	EXPECT_EQ(0, set_one(self->fd, __NR_getpid, KSENTRY_ACT_ALLOW,
			     KSENTRY_ACT_ALLOW, emu));
	munmap(hole, 4096);
	free(emu);
}

TEST_HARNESS_MAIN
