// SPDX-License-Identifier: GPL-2.0
/*
 * ksentry - stress: task churn while the policy is replaced
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * A sandbox is bound to a new pid namespace whose pid 1, the driver,
 * creates TASKS tasks, at most MAX_LIVE processes at a time: plain forks,
 * vfork and exec of this binary, processes with threads, a thread that
 * execs, clone3 children, and clone3 children in a nested pid namespace.
 * Meanwhile the supervisor, outside, replaces the policy VERSIONS times.
 * PROBERS more members call getuid() in a loop until the last version is
 * in, and the supervisor waits (briefly) for each version to decide one of
 * their calls, so that nearly every version is put to the test.  A process
 * outside the sandbox calls getuid() in a loop too.
 *
 * Policy version k fails getuid() with errno E_BASE + k, so an errno names
 * the version that decided the call.  Odd versions decide it through an
 * argument rule that always matches, over an entry with another errno
 * (E_RULE_MISS), behind up to MAX_DECOYS rules that fail only at their
 * sixth condition, and add rules on uname() that never match but would
 * kill the caller.  Every other call is allowed.  The decoys keep a member
 * inside the policy for a while: with more than one CPU, a policy freed
 * before its readers are done is then likely to be read after the free,
 * which KASAN reports, and which shows as wrong decisions without it.
 *
 * Why a task can judge its own call: the supervisor stores k in
 * @installing before it installs version k, and in @installed once the
 * ioctl has returned.  A task reads lo = @installed, calls getuid(), then
 * reads hi = @installing.  The version that decided the call was current
 * at some instant between the two reads; it is at least lo (version lo
 * was in place before the first read and policies only move forward) and
 * at most hi (a version is published in @installing before it can be
 * seen).  So the errno must be E_BASE + j with lo <= j <= hi; anything
 * else, a real uid included, is a violation.
 *
 * At the end every task must have checked in, every process exited 0, the
 * sandbox's counters must hold exactly the getuid() calls the tasks made,
 * and its members must drop back to the driver alone, then to none.
 */

#define _GNU_SOURCE
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/ksentry.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "kselftest_harness.h"

#include "common.h"

#define TASKS 1000		/* tasks the driver creates in all */
#define VERSIONS 1000		/* policy replacements */
#define MAX_LIVE 24		/* driver's children alive at once */
#define CALLS 3			/* checked getuid() calls per task */
#define THREADS 3		/* threads next to the main one in K_THREADS */
#define E_BASE 1024		/* version k denies getuid() with E_BASE + k */
#define E_RULE_MISS 3000	/* the entry under odd versions' rule */
#define MAX_RECORDS 8		/* violations kept for the log */
#define MAX_DECOYS 120		/* non-matching getuid() rules, odd versions */
#define PROBERS 2		/* members calling getuid() all along */

static_assert(E_BASE > 516, "clear of the ERESTART codes");
static_assert(E_BASE + VERSIONS < E_RULE_MISS, "errnos are distinct");
static_assert(E_RULE_MISS <= 4095, "an errno");

#define LOAD(x) __atomic_load_n(&(x), __ATOMIC_SEQ_CST)
#define STORE(x, v) __atomic_store_n(&(x), (v), __ATOMIC_SEQ_CST)
#define ADD(x, v) __atomic_add_fetch(&(x), (v), __ATOMIC_SEQ_CST)

/* How the driver creates a task, and how many tasks that makes. */
enum kind {
	K_FORK,
	K_VFORK_EXEC,
	K_THREADS,
	K_CLONE3,
	K_THREAD_EXEC,
	K_CLONE3_NEWPID,
	NR_KINDS,
	K_PROBER = NR_KINDS,	/* the probers, beside the TASKS tasks */
	K_DRIVER,		/* the driver's own calls */
	NR_CALLERS,
};

static const char *const kind_names[] = {
	"fork", "vfork+exec", "threads", "clone3", "thread+exec",
	"clone3+newpid", "prober", "driver",
};

static const char *const kind_args[] = { "0", "1", "2", "3", "4", "5" };

static const unsigned int kind_tasks[NR_KINDS] = {
	[K_FORK] = 1,
	[K_VFORK_EXEC] = 1,
	[K_THREADS] = 1 + THREADS,
	[K_CLONE3] = 1,
	[K_THREAD_EXEC] = 2,	/* the main thread, and the one that execs */
	[K_CLONE3_NEWPID] = 1,
};

/* What a violation record is about. */
enum what {
	W_GETUID,	/* getuid() not denied by a version of its window */
	W_ALLOWED,	/* an allowed call failed */
	W_STATUS,	/* a process of the driver did not exit 0 */
	W_STRAY,	/* the driver reaped a process it did not start */
};

struct record {
	int what;
	int kind;
	int tid;
	unsigned int lo;
	unsigned int hi;
	long ret;
	int err;
};

/* In a memfd: the driver's tasks, exec'd ones included, map it. */
struct shared {
	unsigned int installing;	/* the version being installed */
	unsigned int installed;		/* the last version installed */
	unsigned int started;		/* tasks the driver has created */
	unsigned int stop;		/* tells the outsider to stop */
	unsigned int probe_stop;	/* tells the probers to stop */
	unsigned long getuid_calls;	/* getuid() calls of members */
	unsigned long in_flight;	/* of those, windows with lo < hi */
	unsigned int checked[NR_CALLERS];	/* tasks that checked, per kind */
	unsigned int violations;
	struct record records[MAX_RECORDS];
	unsigned int procs_started;
	unsigned int procs_reaped;
	unsigned int procs_ok;
	unsigned int threads_started;
	unsigned int threads_joined;
	unsigned int spawn_failures;
	unsigned long outside_calls;
	unsigned int outside_forks;
	unsigned int outside_bad;
	unsigned char seen[VERSIONS + 1];	/* versions that decided a call */
};

/* The layout of clone3()'s argument up to CLONE_ARGS_SIZE_VER0. */
struct clone3_args {
	__u64 flags;
	__u64 pidfd;
	__u64 child_tid;
	__u64 parent_tid;
	__u64 exit_signal;
	__u64 stack;
	__u64 stack_size;
	__u64 tls;
};

static void record(struct shared *const sh, const int what, const int kind,
		   const unsigned int lo, const unsigned int hi, const long ret,
		   const int err)
{
	const unsigned int i = ADD(sh->violations, 1) - 1;
	struct record *r;

	if (i >= MAX_RECORDS)
		return;
	r = &sh->records[i];
	r->what = what;
	r->kind = kind;
	r->tid = syscall(__NR_gettid);
	r->lo = lo;
	r->hi = hi;
	r->ret = ret;
	r->err = err;
}

/* One getuid() judged against its window. */
static bool check_getuid(struct shared *const sh, const int kind)
{
	unsigned int lo, hi, v;
	long ret;
	int err;

	lo = LOAD(sh->installed);
	errno = 0;
	ret = syscall(__NR_getuid);
	err = errno;
	hi = LOAD(sh->installing);
	ADD(sh->getuid_calls, 1);
	if (lo != hi)
		ADD(sh->in_flight, 1);
	v = err - E_BASE;
	if (ret != -1 || err < E_BASE || v < lo || v > hi) {
		record(sh, W_GETUID, kind, lo, hi, ret, err);
		return false;
	}
	__atomic_store_n(&sh->seen[v], 1, __ATOMIC_RELAXED);
	return true;
}

/* Two calls every version allows, one of them through the rule path. */
static bool check_allowed(struct shared *const sh, const int kind)
{
	struct utsname u;
	long ret;

	errno = 0;
	ret = syscall(__NR_getppid);
	if (ret >= 0)
		ret = syscall(__NR_uname, &u);
	if (ret) {
		record(sh, W_ALLOWED, kind, 0, 0, ret, errno);
		return false;
	}
	return true;
}

static bool check_call(struct shared *const sh, const int kind)
{
	return check_getuid(sh, kind) && check_allowed(sh, kind);
}

/* What every task does once: CALLS checked calls, then it checks in. */
static bool check_task(struct shared *const sh, const int kind)
{
	bool ok = true;
	int i;

	for (i = 0; i < CALLS; i++)
		ok = check_call(sh, kind) && ok;
	ADD(sh->checked[kind], 1);
	return ok;
}

/* A prober: checked calls until the supervisor has installed them all. */
static int prober(struct shared *const sh)
{
	unsigned int i;
	bool ok = true;

	/* Mostly getuid(): as long as possible inside a policy. */
	for (i = 0; !LOAD(sh->probe_stop); i++) {
		ok = check_getuid(sh, K_PROBER) && ok;
		if (i % 8 == 0)
			ok = check_allowed(sh, K_PROBER) && ok;
	}
	ADD(sh->checked[K_PROBER], 1);
	return ok ? 0 : 1;
}

/* Version @k of the policy; see the top of the file. */
static int install(const int fd, const unsigned int k)
{
	struct ksentry_entry entry = {
		.nr = __NR_getuid,
		.action = KSENTRY_ACT_ERRNO_OF(E_BASE + k),
	};
	static struct ksentry_rule rules[MAX_DECOYS + 4];
	unsigned int n = 0, i, c;

	memset(rules, 0, sizeof(rules));
	if (k % 2) {
		entry.action = KSENTRY_ACT_ERRNO_OF(E_RULE_MISS);
		/* 0, 40, 80 or 120 decoys: (argN & 0) == 0 for N < 5, == 1. */
		for (i = 0; i < k / 2 % 4 * MAX_DECOYS / 3; i++, n++) {
			rules[n].nr = __NR_getuid;
			rules[n].action = KSENTRY_ACT_ERRNO_OF(E_RULE_MISS);
			rules[n].nr_conds = KSENTRY_MAX_CONDS;
			for (c = 0; c < KSENTRY_MAX_CONDS; c++) {
				rules[n].conds[c].arg = c;
				rules[n].conds[c].op = KSENTRY_CMP_MASKED_EQ;
			}
			rules[n].conds[KSENTRY_MAX_CONDS - 1].value = 1;
		}
		/* (arg0 & 0) == 0: always true. */
		rules[n].nr = __NR_getuid;
		rules[n].action = KSENTRY_ACT_ERRNO_OF(E_BASE + k);
		rules[n].nr_conds = 1;
		rules[n].conds[0].op = KSENTRY_CMP_MASKED_EQ;
		n++;
		/* uname(1), uname(2), uname(3): never made. */
		for (i = 0; i < k % 4; i++, n++) {
			rules[n].nr = __NR_uname;
			rules[n].action = KSENTRY_ACT_KILL_PROCESS;
			rules[n].nr_conds = 1;
			rules[n].conds[0].op = KSENTRY_CMP_EQ;
			rules[n].conds[0].mask = ~0ULL;
			rules[n].conds[0].value = i + 1;
		}
	}
	return sandbox_set_policy(fd, KSENTRY_ACT_ALLOW, &entry, 1, rules, n);
}

/* The driver's plan: the kind of its @i-th child, @left tasks to go. */
static enum kind pick(const unsigned int i, const unsigned int left)
{
	const enum kind kind = i % NR_KINDS;

	return kind_tasks[kind] <= left ? kind : K_FORK;
}

static void *thread_task(void *arg)
{
	return (void *)(long)check_task(arg, K_THREADS);
}

/* K_THREADS: the main thread and THREADS more, all checked. */
static int threads_task(struct shared *const sh)
{
	pthread_t threads[THREADS];
	bool ok = true;
	void *ret;
	int i, n;

	for (n = 0; n < THREADS; n++) {
		if (pthread_create(&threads[n], NULL, thread_task, sh))
			break;
		ADD(sh->threads_started, 1);
	}
	ok = check_task(sh, K_THREADS) && n == THREADS;
	for (i = 0; i < n; i++) {
		if (pthread_join(threads[i], &ret)) {
			ok = false;
			continue;
		}
		ADD(sh->threads_joined, 1);
		ok = ok && ret == (void *)1;
	}
	return ok ? 0 : 1;
}

static const char *exec_fd_arg;
static const char *exec_prior_arg;

static void *exec_thread(void *arg)
{
	execl("/proc/self/exe", "stress_test", "--stress-child", exec_fd_arg,
	      kind_args[K_THREAD_EXEC], exec_prior_arg, NULL);
	_exit(127);
}

/* K_THREAD_EXEC: check, then a second thread execs and ends this one. */
static int thread_exec_task(struct shared *const sh, const char *const fd_arg)
{
	pthread_t thread;

	exec_fd_arg = fd_arg;
	exec_prior_arg = check_task(sh, K_THREAD_EXEC) ? "0" : "1";
	if (pthread_create(&thread, NULL, exec_thread, NULL))
		return 2;
	for (;;)
		pause();
	return 2;
}

/* Create one child of @kind; returns its pid or -1. */
static pid_t start(struct shared *const sh, const enum kind kind,
		   const char *const fd_arg)
{
	struct clone3_args args = {
		.flags = kind == K_CLONE3_NEWPID ? CLONE_NEWPID : 0,
		.exit_signal = SIGCHLD,
	};
	pid_t pid;

	switch (kind) {
	case K_FORK:
		pid = fork();
		if (pid == 0)
			_exit(check_task(sh, kind) ? 0 : 1);
		return pid;
	case K_VFORK_EXEC:
		pid = vfork();
		if (pid == 0) {
			execl("/proc/self/exe", "stress_test", "--stress-child",
			      fd_arg, kind_args[kind], "0", NULL);
			_exit(127);
		}
		return pid;
	case K_THREADS:
		pid = fork();
		if (pid == 0)
			_exit(threads_task(sh));
		return pid;
	case K_THREAD_EXEC:
		pid = fork();
		if (pid == 0)
			_exit(thread_exec_task(sh, fd_arg));
		return pid;
	case K_CLONE3:
	case K_CLONE3_NEWPID:
		pid = syscall(__NR_clone3, &args, sizeof(args));
		if (pid == 0)
			_exit(check_task(sh, kind) ? 0 : 1);
		return pid;
	case K_PROBER:
		pid = fork();
		if (pid == 0)
			_exit(prober(sh));
		return pid;
	default:
		return -1;
	}
}

struct child {
	pid_t pid;
	enum kind kind;
};

/* Reap one child the driver started; returns -1 if there is none. */
static int reap(struct shared *const sh, struct child *const live)
{
	int status, i;
	pid_t pid;

	for (;;) {
		pid = waitpid(-1, &status, 0);
		if (pid < 0)
			return -1;
		for (i = 0; i < MAX_LIVE && live[i].pid != pid; i++)
			;
		if (i < MAX_LIVE)
			break;
		/* An orphan handed to pid 1: none is expected. */
		record(sh, W_STRAY, K_DRIVER, 0, 0, pid, status);
	}
	ADD(sh->procs_reaped, 1);
	live[i].pid = 0;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		ADD(sh->procs_ok, 1);
	else
		record(sh, W_STATUS, live[i].kind, 0, 0, pid, status);
	return 0;
}

/*
 * The driver, pid 1 of the bound namespace: creates the tasks, reaps them,
 * reports on @done, and lives on until @finish says it may exit.
 */
static int driver(struct shared *const sh, const int memfd, const int done,
		  const int finish)
{
	struct child live[MAX_LIVE] = { 0 };
	unsigned int made = 0, i = 0, nr_live = 0;
	char fd_arg[16];
	int failed = 0, slot;
	enum kind kind;
	pid_t pid;
	char c;

	/* If the supervisor dies, so does the namespace. */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	snprintf(fd_arg, sizeof(fd_arg), "%d", memfd);
	for (nr_live = 0; nr_live < PROBERS; nr_live++) {
		live[nr_live].pid = start(sh, K_PROBER, fd_arg);
		live[nr_live].kind = K_PROBER;
		if (live[nr_live].pid < 0) {
			ADD(sh->spawn_failures, 1);
			STORE(sh->probe_stop, 1);
			break;
		}
		ADD(sh->procs_started, 1);
	}
	while (made < TASKS) {
		if (nr_live == MAX_LIVE) {
			if (reap(sh, live))
				break;
			nr_live--;
		}
		kind = pick(i++, TASKS - made);
		pid = start(sh, kind, fd_arg);
		/* The driver is a member too. */
		check_call(sh, K_DRIVER);
		if (pid < 0) {
			ADD(sh->spawn_failures, 1);
			failed = 1;
			break;
		}
		for (slot = 0; live[slot].pid; slot++)
			;
		live[slot].pid = pid;
		live[slot].kind = kind;
		nr_live++;
		made += kind_tasks[kind];
		ADD(sh->procs_started, 1);
		STORE(sh->started, made);
	}
	/* Cut short: the supervisor only stops the probers after the churn. */
	if (made < TASKS)
		STORE(sh->probe_stop, 1);
	while (nr_live && !reap(sh, live))
		nr_live--;
	if (nr_live)
		failed = 1;
	if (write(done, "d", 1) != 1)
		failed = 1;
	/* EOF if the supervisor is gone: exit as well. */
	if (read(finish, &c, 1) < 0)
		failed = 1;
	return failed;
}

/* Outside the sandbox: getuid() must keep answering, for children too. */
static int outsider(struct shared *const sh, const uid_t uid)
{
	unsigned int round = 0, i;
	int status;
	pid_t pid;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	while (!LOAD(sh->stop)) {
		for (i = 0; i < 16; i++) {
			if (syscall(__NR_getuid) != (long)uid)
				ADD(sh->outside_bad, 1);
			ADD(sh->outside_calls, 1);
		}
		if (++round % 8 == 0) {
			pid = fork();
			if (pid == 0)
				_exit(syscall(__NR_getuid) == (long)uid ? 0 : 1);
			if (pid < 0 || waitpid(pid, &status, 0) != pid ||
			    !WIFEXITED(status) || WEXITSTATUS(status))
				ADD(sh->outside_bad, 1);
			ADD(sh->outside_forks, 1);
		}
		usleep(1000);
	}
	return LOAD(sh->outside_bad) ? 1 : 0;
}

/* An exec'd task: "--stress-child FD KIND PRIOR". */
static int stress_child(const int argc, char **const argv)
{
	struct shared *sh;
	int kind;

	if (argc != 5)
		return 3;
	kind = atoi(argv[3]);
	if (kind != K_VFORK_EXEC && kind != K_THREAD_EXEC)
		return 3;
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE, MAP_SHARED,
		  atoi(argv[2]), 0);
	if (sh == MAP_FAILED)
		return 4;
	return check_task(sh, kind) && !strcmp(argv[4], "0") ? 0 : 1;
}

static double seconds_since(const struct timespec *const t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) + (t.tv_nsec - t0->tv_nsec) / 1e9;
}

/*
 * Give the probers a moment to see version @k decide a call before the
 * next replacement, so that nearly every version is put to the test.
 */
static void wait_seen(const struct shared *const sh, const unsigned int k)
{
	struct timespec t0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (!LOAD(sh->seen[k]) && !LOAD(sh->probe_stop) &&
	       seconds_since(&t0) < 0.02)
		sched_yield();
}

/* Whether @fd became readable (or hung up) within @ms milliseconds. */
static bool readable(const int fd, const int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return poll(&p, 1, ms) > 0;
}

static const char *const what_names[] = {
	"getuid outside its window", "allowed call failed",
	"process failed", "stray process",
};

static void log_records(struct __test_metadata *const _metadata,
			const struct shared *const sh)
{
	const unsigned int n = sh->violations;
	unsigned int i;

	for (i = 0; i < n && i < MAX_RECORDS; i++) {
		const struct record *const r = &sh->records[i];

		if (r->what == W_STATUS || r->what == W_STRAY)
			TH_LOG("violation %u: %s: %s process %ld, status %#x",
			       i, what_names[r->what], kind_names[r->kind],
			       r->ret, r->err);
		else
			TH_LOG("violation %u: %s: %s task %d, window [%u, %u], ret %ld, errno %d",
			       i, what_names[r->what], kind_names[r->kind],
			       r->tid, r->lo, r->hi, r->ret, r->err);
	}
}

static __u64 stats_at(const __u64 *counts, const unsigned int slot,
		      const __u32 type)
{
	return counts[slot * KSENTRY_STATS_ACTIONS + (type >> 16) - 1];
}

FIXTURE(stress) {
	int fd;
	int memfd;
	struct shared *sh;
};

FIXTURE_SETUP(stress)
{
	self->sh = MAP_FAILED;
	self->memfd = -1;
	self->fd = sandbox_create();
	ASSERT_LE(0, self->fd)
	{
		TH_LOG("create: %s", strerror(errno));
	}
	/* Not close-on-exec: the exec'd tasks map it by number. */
	self->memfd = memfd_create("ksentry-stress", 0);
	ASSERT_LE(0, self->memfd);
	ASSERT_EQ(0, ftruncate(self->memfd, sizeof(struct shared)));
	self->sh = mmap(NULL, sizeof(struct shared), PROT_READ | PROT_WRITE,
			MAP_SHARED, self->memfd, 0);
	ASSERT_NE(MAP_FAILED, self->sh);
}

FIXTURE_TEARDOWN(stress)
{
	if (self->sh != MAP_FAILED)
		munmap(self->sh, sizeof(struct shared));
	if (self->memfd >= 0)
		close(self->memfd);
	EXPECT_EQ(0, close(self->fd));
}

TEST_F_TIMEOUT(stress, churn_during_policy_replacement, 300)
{
	static __u64 counts[KSENTRY_STATS_SLOTS * KSENTRY_STATS_ACTIONS];
	struct ksentry_stats_attr attr = {
		.size = sizeof(attr),
		.counts = (__u64)(uintptr_t)counts,
		.counts_size = sizeof(counts),
	};
	unsigned int expected[NR_KINDS] = { 0 }, during = 0, set_errors = 0;
	unsigned int k, i, made, procs, seen = 0;
	struct shared *const sh = self->sh;
	struct ksentry_sandbox_info info;
	int release, done[2], finish[2], status;
	const uid_t uid = getuid();
	bool over = false;
	pid_t holder, out;
	struct timespec t0;
	double churn;
	char c;

	/* A dead driver must fail the test, not kill it with SIGPIPE. */
	signal(SIGPIPE, SIG_IGN);

	/* The driver's plan, to check its tasks against. */
	for (i = 0, made = 0, procs = PROBERS; made < TASKS; i++, procs++) {
		const enum kind kind = pick(i, TASKS - made);

		expected[kind] += kind_tasks[kind];
		made += kind_tasks[kind];
	}

	ASSERT_EQ(0, install(self->fd, 0));
	ASSERT_EQ(0, pipe2(done, O_CLOEXEC));
	ASSERT_EQ(0, pipe2(finish, O_CLOEXEC));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	holder = spawn_held(&release);
	if (holder == 0) {
		close(done[0]);
		close(finish[1]);
		_exit(driver(sh, self->memfd, done[1], finish[0]));
	}
	ASSERT_LT(0, holder);
	close(done[1]);
	close(finish[0]);
	if (sandbox_bind_pid(self->fd, holder)) {
		TH_LOG("bind: %s", strerror(errno));
		kill(holder, SIGKILL);
		release_child(release);
		waitpid(holder, &status, 0);
		ASSERT_TRUE(false);
	}
	out = fork();
	if (out == 0) {
		close(release);
		close(done[0]);
		close(finish[1]);
		_exit(outsider(sh, uid));
	}
	EXPECT_LT(0, out);
	release_child(release);

	/*
	 * Version k goes in once the driver has created k tasks' worth, so
	 * the replacements are spread over the churn; once the driver is done
	 * (or gone) the rest go in at once.
	 */
	for (k = 1; k <= VERSIONS; k++) {
		while (!over && LOAD(sh->started) < (unsigned long)k * TASKS / VERSIONS)
			over = readable(done[0], 1);
		STORE(sh->installing, k);
		if (install(self->fd, k)) {
			if (!set_errors++)
				TH_LOG("version %u: %s", k, strerror(errno));
			continue;
		}
		STORE(sh->installed, k);
		if (!over)
			during++;
		wait_seen(sh, k);
	}
	EXPECT_EQ(0, set_errors);
	STORE(sh->probe_stop, 1);

	/* The driver has reaped every task: it is the last member. */
	EXPECT_EQ(1, read(done[0], &c, 1))
	{
		TH_LOG("the driver died");
	}
	churn = seconds_since(&t0);
	EXPECT_EQ(0, sandbox_info(self->fd, &info));
	EXPECT_EQ(1, info.members);
	EXPECT_EQ(1, info.bound);
	EXPECT_EQ(1 + VERSIONS, info.policy_seq);

	/* The table decided every getuid() of a member, and denied it. */
	EXPECT_EQ(0, ioctl(self->fd, KSENTRY_SANDBOX_GET_STATS, &attr));
	EXPECT_EQ(LOAD(sh->getuid_calls),
		  stats_at(counts, __NR_getuid, KSENTRY_ACT_ERRNO));
	EXPECT_EQ(0, stats_at(counts, __NR_getuid, KSENTRY_ACT_ALLOW));
	EXPECT_EQ(0, stats_at(counts, __NR_uname, KSENTRY_ACT_KILL_PROCESS));

	STORE(sh->stop, 1);
	if (out > 0) {
		EXPECT_EQ(out, waitpid(out, &status, 0));
		EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
		{
			TH_LOG("outsider: status %#x", status);
		}
	}
	EXPECT_EQ(0, sh->outside_bad);
	EXPECT_LT(0, sh->outside_calls);
	EXPECT_LT(0, sh->outside_forks);

	EXPECT_EQ(1, write(finish[1], "g", 1));
	close(finish[1]);
	EXPECT_EQ(holder, waitpid(holder, &status, 0));
	EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
	{
		TH_LOG("driver: status %#x", status);
	}
	close(done[0]);
	EXPECT_EQ(0, sandbox_info(self->fd, &info));
	EXPECT_EQ(0, info.members);

	/* Every task checked in, every process started was reaped. */
	EXPECT_EQ(0, sh->violations);
	log_records(_metadata, sh);
	EXPECT_EQ(0, sh->spawn_failures);
	EXPECT_EQ(TASKS, LOAD(sh->started));
	for (i = 0; i < NR_KINDS; i++) {
		EXPECT_EQ(expected[i], sh->checked[i])
		{
			TH_LOG("%s: %u of %u tasks checked in", kind_names[i],
			       sh->checked[i], expected[i]);
		}
	}
	EXPECT_EQ(procs, sh->procs_started);
	EXPECT_EQ(procs, sh->procs_reaped);
	EXPECT_EQ(procs, sh->procs_ok);
	EXPECT_EQ(sh->threads_started, sh->threads_joined);
	EXPECT_EQ(expected[K_THREADS] / (1 + THREADS) * THREADS,
		  sh->threads_started);
	EXPECT_EQ(PROBERS, sh->checked[K_PROBER]);

	for (i = 0; i <= VERSIONS; i++)
		seen += sh->seen[i];
	TH_LOG("%u tasks (%u processes with the probers) in %.1f s; %u of %u versions meanwhile",
	       TASKS, procs, churn, during, VERSIONS);
	TH_LOG("%lu getuid calls (%lu across an install), %u versions seen",
	       sh->getuid_calls, sh->in_flight, seen);
	TH_LOG("outsider: %lu calls, %u forks", sh->outside_calls,
	       sh->outside_forks);
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--stress-child"))
		return stress_child(argc, argv);
	return test_harness_run(argc, argv);
}
