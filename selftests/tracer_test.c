// SPDX-License-Identifier: GPL-2.0
/*
 * ksentry - selftests of a member's tracer: each stop made, each decided
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * A member may trace another member.  At a syscall-entry stop or a seccomp
 * stop the tracer can rewrite the call after the table decided it, so the
 * table decides the call again as the tracer leaves it; the stops the
 * tracer asked for are all made, and no other; and an emulated call still
 * meets the member's own seccomp filter, traced or not.  Each test runs as
 * pid 1 of a namespace bound to a sandbox whose table allows all but:
 *
 * - getuid(): EACCES;
 * - socket(AF_VSOCK, ...): EPERM (an argument rule);
 * - getpid() and openat(): emulated.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/ksentry.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kselftest_harness.h"

#include "common.h"

#define YIELD __NR_sched_yield
#define SECCOMP_STOP (SIGTRAP | (PTRACE_EVENT_SECCOMP << 8))
#define EXIT_STOP (SIGTRAP | (PTRACE_EVENT_EXIT << 8))

/* Set up the sandbox of the file's table. */
static int sandbox_of_the_table(void)
{
	static const struct ksentry_entry entries[] = {
		{ __NR_getuid, KSENTRY_ACT_ERRNO_OF(EACCES) },
		{ __NR_getpid, KSENTRY_ACT_EMULATE_OF(KSENTRY_EMU_GETPID) },
		{ __NR_openat, KSENTRY_ACT_EMULATE_OF(KSENTRY_EMU_OPENAT) },
	};
	static const struct ksentry_rule rules[] = {
		{
			.nr = __NR_socket,
			.action = KSENTRY_ACT_ERRNO_OF(EPERM),
			.nr_conds = 1,
			.conds = { {
				.arg = 0, .op = KSENTRY_CMP_EQ,
				.mask = ~0ULL, .value = AF_VSOCK,
			} },
		},
	};
	const int fd = sandbox_create();

	if (fd < 0 || sandbox_set_policy(fd, KSENTRY_ACT_ALLOW, entries,
					 ARRAY_SIZE(entries), rules,
					 ARRAY_SIZE(rules))) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

/*
 * Run @body as pid 1 of a namespace bound to the table's sandbox; its
 * wait status, or -1.
 */
static int run_member(int (*const body)(void))
{
	const int sandbox = sandbox_of_the_table();
	int release, status = -1;
	pid_t pid;

	if (sandbox < 0)
		return -1;
	pid = spawn_held(&release);
	if (pid == 0)
		_exit(body());
	if (pid > 0 && !sandbox_bind_pid(sandbox, pid)) {
		release_child(release);
		if (waitpid(pid, &status, 0) != pid)
			status = -1;
	} else if (pid > 0) {
		kill(pid, SIGKILL);
		close(release);
		waitpid(pid, NULL, 0);
	}
	close(sandbox);
	return status;
}

static bool exited_with(const int status, const int code)
{
	return status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == code;
}

/* Install a filter made of @len instructions. */
static int install_filter(struct sock_filter *const f, const unsigned short len)
{
	struct sock_fprog prog = { .len = len, .filter = f };

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return -1;
	return syscall(__NR_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog);
}

/* Call @nr gets @ret, every other call is allowed. */
static int filter_one(const int nr, const __u32 ret)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, nr, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, ret),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};

	return install_filter(f, ARRAY_SIZE(f));
}

/* Every number from 1024 up (-1 included) fails with @err. */
static int filter_big_numbers(const int err)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 1024, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | err),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};

	return install_filter(f, ARRAY_SIZE(f));
}

/* Resume a tracee until it ends; its wait status. */
static int finish(const pid_t pid, int status)
{
	while (WIFSTOPPED(status)) {
		if (ptrace(PTRACE_CONT, pid, 0, 0) || waitpid(pid, &status, 0) != pid)
			break;
	}
	return status;
}

/* A traced child stopped by its SIGSTOP, after @setup ran in it. */
static pid_t traced_child(int (*const setup)(void), int (*const then)(void))
{
	int status;
	pid_t pid;

	pid = fork();
	if (pid == 0) {
		if (ptrace(PTRACE_TRACEME, 0, 0, 0) || (setup && setup()))
			_exit(100);
		raise(SIGSTOP);
		_exit(then());
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFSTOPPED(status))
		return -1;
	return pid;
}

/*
 * Resume @pid with PTRACE_SYSCALL until it stops at the entry of call @nr
 * (a stop with signal @sig, SIGTRAP or SIGTRAP | 0x80 under
 * PTRACE_O_TRACESYSGOOD, or any signal when @sig is 0); its registers
 * there in @regs.  0, or -1 if it ended or a request failed.
 */
static int to_entry_stop(const pid_t pid, const long nr, const int sig,
			 struct user_regs_struct *const regs)
{
	int status;

	for (;;) {
		if (ptrace(PTRACE_SYSCALL, pid, 0, 0) ||
		    waitpid(pid, &status, 0) != pid || !WIFSTOPPED(status))
			return -1;
		if ((!sig || WSTOPSIG(status) == sig) &&
		    !ptrace(PTRACE_GETREGS, pid, 0, regs) &&
		    regs->orig_rax == (unsigned long)nr && (long)regs->rax == -ENOSYS)
			return 0;
	}
}

static int yield_traced_1(void)
{
	return filter_one(YIELD, SECCOMP_RET_TRACE | 1);
}

/* sched_yield(AF_VSOCK, SOCK_STREAM, 0): made socket() by the tracer. */
static int yield_as_vsock(void)
{
	long r;

	errno = 0;
	r = syscall(YIELD, AF_VSOCK, SOCK_STREAM, 0);
	return r == -1 ? errno & 0x7f : 120;
}

/*
 * The entry stop under PTRACE_SYSCALL, resumed with PTRACE_SYSEMU: the
 * member's own filter then stops it at a seccomp stop whose message is 1,
 * as a syscall-entry stop's: the tracer makes the call socket(AF_VSOCK).
 */
static int body_sysemu_then_seccomp_stop(void)
{
	struct user_regs_struct regs;
	int status;
	pid_t pid;

	pid = traced_child(yield_traced_1, yield_as_vsock);
	if (pid < 0)
		return 2;
	ptrace(PTRACE_SETOPTIONS, pid, 0,
	       PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACESECCOMP);
	if (to_entry_stop(pid, YIELD, SIGTRAP | 0x80, &regs))
		return 3;
	if (ptrace(PTRACE_SYSEMU, pid, 0, 0) || waitpid(pid, &status, 0) != pid)
		return 4;
	if (WIFSTOPPED(status) && status >> 8 == SECCOMP_STOP &&
	    !ptrace(PTRACE_GETREGS, pid, 0, &regs)) {
		regs.orig_rax = __NR_socket;
		ptrace(PTRACE_SETREGS, pid, 0, &regs);
	}
	status = finish(pid, status);
	/* The table's EPERM, not the host's EAFNOSUPPORT or a socket. */
	return exited_with(status, EPERM) ? 0 : 5;
}

TEST(seccomp_stop_after_sysemu_is_decided)
{
	EXPECT_TRUE(exited_with(run_member(body_sysemu_then_seccomp_stop), 0));
}

static unsigned int trace_data;

static int yield_traced(void)
{
	return filter_one(YIELD, SECCOMP_RET_TRACE | trace_data);
}

static int yield_once(void)
{
	return syscall(YIELD) ? 1 : 0;
}

/* The seccomp stops of one RET_TRACE | @data call under PTRACE_CONT. */
static int seccomp_stops(const unsigned int data)
{
	int status, stops = 0;
	pid_t pid;

	trace_data = data;
	pid = traced_child(yield_traced, yield_once);
	if (pid < 0)
		return -1;
	ptrace(PTRACE_SETOPTIONS, pid, 0, PTRACE_O_TRACESECCOMP);
	while (!ptrace(PTRACE_CONT, pid, 0, 0) &&
	       waitpid(pid, &status, 0) == pid && WIFSTOPPED(status))
		stops += status >> 8 == SECCOMP_STOP;
	return stops;
}

/* A filter's data is its own: 1 is no syscall-entry stop. */
static int body_seccomp_stop_data(void)
{
	return seccomp_stops(1) == 1 && seccomp_stops(2) == 1 &&
	       seccomp_stops(0) == 1 ? 0 : 1;
}

TEST(seccomp_stops_are_made_whatever_their_data)
{
	EXPECT_TRUE(exited_with(run_member(body_seccomp_stop_data), 0));
}

static int wait_forever(void)
{
	for (;;)
		pause();
	return 0;
}

/* The PTRACE_EVENT_EXIT stops of a tracee killed by @sig. */
static int exit_stops(const int sig)
{
	int status, stops = 0;
	pid_t pid;

	pid = traced_child(NULL, wait_forever);
	if (pid < 0)
		return -1;
	ptrace(PTRACE_SETOPTIONS, pid, 0, PTRACE_O_TRACEEXIT);
	ptrace(PTRACE_CONT, pid, 0, 0);
	kill(pid, sig);
	while (waitpid(pid, &status, 0) == pid && WIFSTOPPED(status)) {
		const int inject = WSTOPSIG(status) == sig ? sig : 0;

		stops += status >> 8 == EXIT_STOP;
		if (ptrace(PTRACE_CONT, pid, 0, inject))
			break;
	}
	return stops;
}

/* An exit stop whose message, the exit code, is 1 (SIGHUP) is an exit stop. */
static int body_exit_stops(void)
{
	return exit_stops(SIGHUP) == 1 && exit_stops(SIGINT) == 1 ? 0 : 1;
}

TEST(exit_stops_are_made_whatever_the_exit_code)
{
	EXPECT_TRUE(exited_with(run_member(body_exit_stops), 0));
}

static int getpid_eperm(void)
{
	return filter_one(__NR_getpid, SECCOMP_RET_ERRNO | EPERM);
}

static int big_numbers_exdev(void)
{
	return filter_big_numbers(EXDEV);
}

/* getpid(), emulated, under the filter @install: its errno, or 0. */
static int getpid_under(const bool traced, int (*const install)(void))
{
	int status;
	pid_t pid;

	pid = fork();
	if (pid == 0) {
		long r;

		if (traced && ptrace(PTRACE_TRACEME, 0, 0, 0))
			_exit(100);
		/* Stop before the filter: raise() itself calls getpid(). */
		if (traced)
			raise(SIGSTOP);
		if (install())
			_exit(101);
		errno = 0;
		r = syscall(__NR_getpid);
		_exit(r == -1 ? errno & 0x7f : 0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	while (traced && WIFSTOPPED(status) &&
	       !ptrace(PTRACE_SYSCALL, pid, 0, 0) &&
	       waitpid(pid, &status, 0) == pid)
		;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Traced or not, the member's filter answers for an emulated call. */
static int body_emulated_meets_filter(void)
{
	return getpid_under(false, getpid_eperm) == EPERM &&
	       getpid_under(true, getpid_eperm) == EPERM &&
	       getpid_under(false, big_numbers_exdev) == 0 &&
	       getpid_under(true, big_numbers_exdev) == 0 ? 0 : 1;
}

TEST(a_traced_emulated_call_meets_the_members_filter)
{
	EXPECT_TRUE(exited_with(run_member(body_emulated_meets_filter), 0));
}

/*
 * An emulated openat(O_CREAT) under PTRACE_SYSCALL and a filter that
 * refuses every number from 1024 up: created, once, with one descriptor.
 */
/* The open descriptors from 3 to 63 but @fd. */
static int count_fds(const int fd)
{
	int i, n = 0;

	for (i = 3; i < 64; i++)
		n += i != fd && fcntl(i, F_GETFD) >= 0;
	return n;
}

static int open_traced(void)
{
	const int before = count_fds(-1);
	int fd;

	if (filter_big_numbers(EPERM))
		return 101;
	unlink("/tmp/tracer-created");
	fd = syscall(__NR_openat, AT_FDCWD, "/tmp/tracer-created",
		     O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
	if (fd < 0)
		return access("/tmp/tracer-created", F_OK) ? 2 : 3;
	return count_fds(fd) == before ? 0 : 4;
}

static int body_emulated_open_traced(void)
{
	int status;
	pid_t pid;

	pid = traced_child(NULL, open_traced);
	if (pid < 0)
		return 2;
	status = 0x7f | SIGSTOP << 8;
	while (WIFSTOPPED(status) && !ptrace(PTRACE_SYSCALL, pid, 0, 0) &&
	       waitpid(pid, &status, 0) == pid)
		;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 5;
}

TEST(a_traced_emulated_open_is_made_once)
{
	EXPECT_TRUE(exited_with(run_member(body_emulated_open_traced), 0));
}

#define MADE_BY_THE_TRACER "/tmp/tracer-made"

/* getppid(AT_FDCWD, path, O_CREAT | O_WRONLY, 0600): openat by the tracer. */
static int getppid_as_open(void)
{
	long r;

	unlink(MADE_BY_THE_TRACER);
	errno = 0;
	r = syscall(__NR_getppid, AT_FDCWD, MADE_BY_THE_TRACER,
		    O_CREAT | O_WRONLY, 0600);
	if (r != -1 || errno != ENOSYS)
		return 1;
	return access(MADE_BY_THE_TRACER, F_OK) ? 0 : 2;
}

/*
 * An allowed call made at its entry stop into one the table emulates:
 * the kernel's observers after the stop cannot see an emulated call, so
 * it is refused with ENOSYS, and nothing is created.
 */
static int body_allowed_made_emulated(void)
{
	struct user_regs_struct regs;
	int status;
	pid_t pid;

	pid = traced_child(NULL, getppid_as_open);
	if (pid < 0)
		return 2;
	if (to_entry_stop(pid, __NR_getppid, 0, &regs))
		return 3;
	regs.orig_rax = __NR_openat;
	ptrace(PTRACE_SETREGS, pid, 0, &regs);
	status = finish(pid, 0x7f | SIGSTOP << 8);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 4;
}

TEST(an_allowed_call_made_emulated_at_its_stop_is_refused)
{
	EXPECT_TRUE(exited_with(run_member(body_allowed_made_emulated), 0));
}

/* getppid(), made getuid() by the tracer after the bind: decided. */
static int getppid_then_decided(void)
{
	errno = 0;
	return syscall(__NR_getppid) == -1 && errno == EACCES ? 0 : 1;
}

/* Whether the tracer rewrites the stop's siginfo before the bind. */
static bool forge_siginfo;

/*
 * Pid 1 of a namespace not yet bound: stops its child at getppid()'s entry,
 * says so on @ready, waits for the bind on @bound, then makes the call
 * getuid().  0 if the child was decided or killed, 1 if the host ran it.
 */
static int stopped_before_bind(const int ready, const int bound)
{
	siginfo_t si;
	struct user_regs_struct regs;
	int status;
	pid_t pid;
	char c;

	pid = traced_child(NULL, getppid_then_decided);
	if (pid < 0)
		return 2;
	if (to_entry_stop(pid, __NR_getppid, 0, &regs))
		return 3;
	/* A siginfo that says nothing of a syscall stop. */
	if (forge_siginfo) {
		if (ptrace(PTRACE_GETSIGINFO, pid, 0, &si))
			return 7;
		si.si_code = 0;
		if (ptrace(PTRACE_SETSIGINFO, pid, 0, &si))
			return 8;
	}
	if (write(ready, "r", 1) != 1 || read(bound, &c, 1) != 1)
		return 4;
	regs.orig_rax = __NR_getuid;
	ptrace(PTRACE_SETREGS, pid, 0, &regs);
	ptrace(PTRACE_CONT, pid, 0, 0);
	while (waitpid(pid, &status, 0) == pid) {
		if (WIFSIGNALED(status))
			return WTERMSIG(status) == SIGKILL ? 0 : 5;
		if (WIFEXITED(status))
			return WEXITSTATUS(status);
		ptrace(PTRACE_CONT, pid, 0, 0);
	}
	return 6;
}

static void stop_across_the_bind(struct __test_metadata *const _metadata)
{
	int ready[2], bound[2], status, sandbox;
	pid_t pid;
	char c;

	sandbox = sandbox_of_the_table();
	ASSERT_LE(0, sandbox);
	ASSERT_EQ(0, pipe(ready));
	ASSERT_EQ(0, pipe(bound));
	pid = syscall(__NR_clone, CLONE_NEWPID | SIGCHLD, 0, 0, 0, 0);
	if (pid == 0)
		_exit(stopped_before_bind(ready[1], bound[0]));
	ASSERT_LT(0, pid);
	ASSERT_EQ(1, read(ready[0], &c, 1));
	EXPECT_EQ(0, sandbox_bind_pid(sandbox, pid));
	ASSERT_EQ(1, write(bound[1], "b", 1));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	close(sandbox);
	EXPECT_TRUE(exited_with(status, 0))
	{
		TH_LOG("pid 1 ended %#x (exit 1: the host ran getuid())", status);
	}
}

TEST(an_entry_stop_from_before_the_bind_is_not_undecided)
{
	stop_across_the_bind(_metadata);
}

/* The same with the stop's siginfo rewritten (PTRACE_SETSIGINFO). */
TEST(an_entry_stop_with_a_forged_siginfo_is_not_undecided)
{
	forge_siginfo = true;
	stop_across_the_bind(_metadata);
}

TEST_HARNESS_MAIN
