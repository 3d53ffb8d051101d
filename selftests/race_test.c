// SPDX-License-Identifier: GPL-2.0
/*
 * ksentry - stress: binding a namespace while its tasks race the module
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * Binding a populated namespace joins every task in it, while those tasks
 * run.  Each test binds ROUNDS namespaces whose tasks, meanwhile, do what
 * could leave one of them outside the sandbox or leak a reference:
 *
 * - switch Syscall User Dispatch on and off with prctl(), or a tracer's
 *   PTRACE_SET_SYSCALL_USER_DISPATCH_CONFIG (6.4 on), whose kernel setters
 *   write the same per-task slot the module joins a task with;
 * - exec, fork, and create threads;
 * - fork children and threads that exit at once;
 * - enter the namespace from outside with setns() and fork into it.
 *
 * When the parent has bound the namespace, it says so through shared
 * memory, and every task then checks that the table decides its calls:
 * getuid() must fail with the table's EACCES.  A task that got through
 * exits 1; each namespace's pid 1 exits 0 only if all its tasks were
 * decided.  Once they have all exited, the sandbox must count no member,
 * so that no reference was leaked.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/ksentry.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kselftest_harness.h"

#include "common.h"

#ifndef PR_SET_SYSCALL_USER_DISPATCH
#define PR_SET_SYSCALL_USER_DISPATCH 59
#define PR_SYS_DISPATCH_OFF 0
#define PR_SYS_DISPATCH_ON 1
#endif

#define ROUNDS 400
#define THREADS 2

#ifndef PTRACE_SET_SYSCALL_USER_DISPATCH_CONFIG
#define PTRACE_SET_SYSCALL_USER_DISPATCH_CONFIG 0x4210

struct ptrace_sud_config {
	__u64 mode;
	__u64 selector;
	__u64 offset;
	__u64 len;
};
#endif

/* *bound once the outsider of a round (setns_forker()) is done. */
#define OUTSIDER_DONE 2

/*
 * Set by the parent once the namespace is bound: shared memory, a memfd
 * that the exec'd tasks map again by its number.  A task that reads it set
 * must be a member, whether it existed at the bind or was created after.
 */
static int *bound;
static int bound_fd = -1;

/* Syscall User Dispatch's selector byte: let every call through. */
static char allow_selector;

/* Whether the table decides current's call: getuid() fails with EACCES. */
static bool decided(void)
{
	errno = 0;
	return syscall(__NR_getuid) == -1 && errno == EACCES;
}

/* Until the bind: Syscall User Dispatch on, then off, again and again. */
static void *flip_dispatch(void *const arg)
{
	while (!__atomic_load_n(bound, __ATOMIC_ACQUIRE)) {
		prctl(PR_SET_SYSCALL_USER_DISPATCH, PR_SYS_DISPATCH_ON, 0, 0,
		      &allow_selector);
		prctl(PR_SET_SYSCALL_USER_DISPATCH, PR_SYS_DISPATCH_OFF, 0, 0, 0);
	}
	return (void *)(long)decided();
}

static int flipping_init(void)
{
	pthread_t threads[THREADS];
	int i, ok = 0;
	void *ret;

	for (i = 0; i < THREADS; i++)
		if (pthread_create(&threads[i], NULL, flip_dispatch, NULL))
			return 2;
	ok += (long)flip_dispatch(NULL);
	for (i = 0; i < THREADS; i++) {
		if (pthread_join(threads[i], &ret))
			return 3;
		ok += (long)ret;
	}
	return ok == THREADS + 1 ? 0 : 1;
}

/*
 * In an exec'd child: read the flag, then call; a call made after the flag
 * was seen set must be decided.
 */
static int exec_child(const int fd)
{
	const int *const flag = mmap(NULL, sizeof(*flag), PROT_READ, MAP_SHARED,
				     fd, 0);

	if (flag == MAP_FAILED)
		return 2;
	if (__atomic_load_n(flag, __ATOMIC_ACQUIRE))
		return decided() ? 0 : 1;
	return 0;
}

/* Until the bind: fork children and exec this binary in them. */
static int churning_init(char *const self)
{
	char fd[16];
	int status;
	pid_t pid;

	snprintf(fd, sizeof(fd), "%d", bound_fd);
	do {
		pid = fork();
		if (pid == 0)
			execl(self, self, "--decided", fd, NULL);
		if (pid < 0)
			return 2;
		if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
			return 3;
		if (WEXITSTATUS(status))
			return WEXITSTATUS(status);
	} while (!__atomic_load_n(bound, __ATOMIC_ACQUIRE));
	return decided() ? 0 : 1;
}

FIXTURE(race) {
	int unused;
};

FIXTURE_SETUP(race)
{
	/* Not close-on-exec: the exec'd children map it by number. */
	bound_fd = memfd_create("ksentry-race", 0);
	ASSERT_LE(0, bound_fd);
	ASSERT_EQ(0, ftruncate(bound_fd, sizeof(*bound)));
	bound = mmap(NULL, sizeof(*bound), PROT_READ | PROT_WRITE, MAP_SHARED,
		     bound_fd, 0);
	ASSERT_NE(MAP_FAILED, bound);
}

FIXTURE_TEARDOWN(race)
{
	munmap(bound, sizeof(*bound));
	close(bound_fd);
}

/* Until the bind: children and threads that exit as soon as they start. */
static void *nothing(void *const arg)
{
	return arg;
}

static int exiting_init(char *const self)
{
	pthread_t thread;
	pid_t pid;

	do {
		pid = fork();
		if (pid == 0)
			_exit(0);
		if (pid < 0 || pthread_create(&thread, NULL, nothing, NULL))
			return 2;
		pthread_detach(thread);
		/* Reaped in passing: some are still exiting at the bind. */
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
	} while (!__atomic_load_n(bound, __ATOMIC_ACQUIRE));
	while (waitpid(-1, NULL, 0) > 0)
		;
	return decided() ? 0 : 1;
}

/* Until the bind: a tracer flips its stopped tracee's dispatch config. */
static int ptrace_flipping_init(char *const self)
{
	struct ptrace_sud_config on = {
		.mode = PR_SYS_DISPATCH_ON,
		.selector = (__u64)(unsigned long)&allow_selector,
	}, off = { .mode = PR_SYS_DISPATCH_OFF };
	int status, ret = 0;
	pid_t pid;

	pid = fork();
	if (pid == 0) {
		if (ptrace(PTRACE_TRACEME, 0, 0, 0) || raise(SIGSTOP))
			_exit(2);
		_exit(decided() ? 0 : 1);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return 2;
	/* Killed by a bind that found it stopped already. */
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
		return decided() ? 0 : 1;
	if (!WIFSTOPPED(status))
		return 2;
	while (!__atomic_load_n(bound, __ATOMIC_ACQUIRE)) {
		ptrace(PTRACE_SET_SYSCALL_USER_DISPATCH_CONFIG, pid, sizeof(on), &on);
		ptrace(PTRACE_SET_SYSCALL_USER_DISPATCH_CONFIG, pid, sizeof(off), &off);
	}
	/*
	 * After the bind the config of a member cannot change.  The bind
	 * kills a tracee its tracer holds stopped (see
	 * ksentry_hook_undecided_stop()): killed or decided, both hold.
	 */
	ptrace(PTRACE_SET_SYSCALL_USER_DISPATCH_CONFIG, pid, sizeof(on), &on);
	ptrace(PTRACE_DETACH, pid, 0, 0);
	if (waitpid(pid, &status, 0) != pid)
		return 3;
	if (WIFSIGNALED(status) ? WTERMSIG(status) != SIGKILL :
	    !WIFEXITED(status) || WEXITSTATUS(status))
		ret = 1;
	return decided() && !ret ? 0 : 1;
}

/* pid 1 while an outsider forks into its namespace: lives until it is done. */
static int waiting_init(char *const self)
{
	while (__atomic_load_n(bound, __ATOMIC_ACQUIRE) != OUTSIDER_DONE)
		usleep(1000);
	return decided() ? 0 : 1;
}

/*
 * Outside the namespace of @init: enter it with setns() and fork into it
 * until after the bind; each child forked once the bind is seen must be
 * decided.  Exits 0 if all were.
 */
static int setns_forker(const pid_t init)
{
	int nsfd, status, bad = 0;
	char path[64];
	bool last;
	pid_t pid;

	snprintf(path, sizeof(path), "/proc/%d/ns/pid", init);
	nsfd = open(path, O_RDONLY | O_CLOEXEC);
	if (nsfd < 0 || setns(nsfd, CLONE_NEWPID))
		return 2;
	do {
		last = __atomic_load_n(bound, __ATOMIC_ACQUIRE);
		pid = fork();
		if (pid == 0)
			_exit(__atomic_load_n(bound, __ATOMIC_ACQUIRE) && !decided());
		if (pid < 0 || waitpid(pid, &status, 0) != pid)
			return 3;
		bad += !WIFEXITED(status) || WEXITSTATUS(status);
	} while (!last);
	return bad ? 1 : 0;
}

/*
 * Bind ROUNDS namespaces whose pid 1 runs @init, each after a delay that
 * moves the bind across the tasks' work, while @outside (if not NULL)
 * runs outside with pid 1's pid; each pid 1 and outsider must exit 0 and
 * each sandbox must end with no member.
 */
static void bind_rounds_with(struct __test_metadata *const _metadata,
			     int (*const init)(char *), char *const self,
			     int (*const outside)(pid_t))
{
	const struct ksentry_entry entry = {
		.nr = __NR_getuid, .action = KSENTRY_ACT_ERRNO_OF(EACCES),
	};
	struct ksentry_sandbox_info info;
	int round, fd, status, failed = 0, leaked = 0;
	pid_t pid, outsider = 0;

	for (round = 0; round < ROUNDS; round++) {
		fd = sandbox_create();
		ASSERT_LE(0, fd);
		ASSERT_EQ(0, sandbox_set_policy(fd, KSENTRY_ACT_ALLOW, &entry, 1,
						NULL, 0));
		*bound = 0;
		pid = syscall(__NR_clone, CLONE_NEWPID | SIGCHLD, 0, 0, 0, 0);
		if (pid == 0)
			_exit(init(self));
		ASSERT_LT(0, pid);
		if (outside) {
			outsider = fork();
			if (outsider == 0)
				_exit(outside(pid));
			ASSERT_LT(0, outsider);
		}
		usleep(round % 10 * 300);
		EXPECT_EQ(0, sandbox_bind_pid(fd, pid));
		__atomic_store_n(bound, 1, __ATOMIC_RELEASE);
		if (outside) {
			ASSERT_EQ(outsider, waitpid(outsider, &status, 0));
			if ((!WIFEXITED(status) || WEXITSTATUS(status)) && !failed++)
				TH_LOG("round %d: outsider ended %#x", round, status);
			__atomic_store_n(bound, OUTSIDER_DONE, __ATOMIC_RELEASE);
		}
		ASSERT_EQ(pid, waitpid(pid, &status, 0));
		if (!WIFEXITED(status) || WEXITSTATUS(status)) {
			if (!failed++)
				TH_LOG("round %d: pid 1 ended %#x", round, status);
		}
		ASSERT_EQ(0, sandbox_info(fd, &info));
		if (info.members && !leaked++)
			TH_LOG("round %d: %u members left", round, info.members);
		close(fd);
	}
	EXPECT_EQ(0, failed);
	EXPECT_EQ(0, leaked);
}

static void bind_rounds(struct __test_metadata *const _metadata,
			int (*const init)(char *), char *const self)
{
	bind_rounds_with(_metadata, init, self, NULL);
}

static int flipping(char *const self)
{
	return flipping_init();
}

/* prctl(PR_SET_SYSCALL_USER_DISPATCH) racing the bind. */
TEST_F_TIMEOUT(race, dispatch_prctl_against_bind, 300)
{
	bind_rounds(_metadata, flipping, NULL);
}

static char *self_path;

/* fork and exec racing the bind. */
TEST_F_TIMEOUT(race, fork_and_exec_against_bind, 300)
{
	bind_rounds(_metadata, churning_init, self_path);
}

/* Children and threads exiting during the bind. */
TEST_F_TIMEOUT(race, exits_against_bind, 300)
{
	bind_rounds(_metadata, exiting_init, NULL);
}

/* PTRACE_SET_SYSCALL_USER_DISPATCH_CONFIG racing the bind. */
TEST_F_TIMEOUT(race, dispatch_ptrace_config_against_bind, 300)
{
	struct ptrace_sud_config off = { .mode = PR_SYS_DISPATCH_OFF };
	int status;
	pid_t pid;

	/* Probe the request on a stopped child of our own. */
	pid = fork();
	if (pid == 0) {
		if (!ptrace(PTRACE_TRACEME, 0, 0, 0))
			raise(SIGSTOP);
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	errno = 0;
	ptrace(PTRACE_SET_SYSCALL_USER_DISPATCH_CONFIG, pid, sizeof(off), &off);
	status = errno;
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	if (status == EIO)
		SKIP(return, "no PTRACE_SET_SYSCALL_USER_DISPATCH_CONFIG (before 6.4)");
	ASSERT_EQ(0, status);
	bind_rounds(_metadata, ptrace_flipping_init, NULL);
}

/* setns() into the namespace and fork, from outside, during the bind. */
TEST_F_TIMEOUT(race, setns_and_fork_against_bind, 300)
{
	bind_rounds_with(_metadata, waiting_init, NULL, setns_forker);
}

int main(int argc, char **argv)
{
	static char path[4096];
	ssize_t n;

	if (argc > 2 && !strcmp(argv[1], "--decided"))
		return exec_child(atoi(argv[2]));
	n = readlink("/proc/self/exe", path, sizeof(path) - 1);
	if (n > 0)
		path[n] = '\0';
	self_path = path;
	return test_harness_run(argc, argv);
}
