// SPDX-License-Identifier: GPL-2.0
/*
 * ksentry - cost of a syscall under ksentry's table and under seccomp
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * Runs in a guest booted with QEMU's -icount shift=0,sleep=off, where the
 * guest's CLOCK_MONOTONIC advances one nanosecond per instruction: each
 * figure is instructions per iteration, and repeats exactly.  Each figure
 * is the smallest of several runs, after the guest has settled.  The
 * module is loaded when this starts, and unloaded for the last figures.
 *
 * Prints "name value" lines, inside a one-test TAP stream so that the
 * lab's guest runner can judge the run.
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
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../../selftests/common.h"

#define LOOPS 200000
#define KILLS 200
#define RUNS 5
#define FILE_LOOPS 2000

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

/* Pseudo numbers for measure(): file work rather than one call. */
#define WORK_MEMINFO (-1L)
#define WORK_OPENAT (-2L)

/* The file openat+close opens; PATH_DENIED is what the path rule names. */
#define PATH_OPENED "/tmp/bench-opened"
#define PATH_DENIED "/tmp/bench-denied"

enum filter { NO_FILTER, SECCOMP_ALLOW, SECCOMP_ERRNO, SECCOMP_KILL };

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* uname()'s buffer: the one call measured that takes an argument. */
static struct utsname uts;

/* Instructions per call of @nr: the best of RUNS loops. */
static double per_call(const long nr)
{
	double best = 1e30, start, cost;
	int run, i;

	for (run = 0; run < RUNS; run++) {
		start = now();
		for (i = 0; i < LOOPS; i++)
			syscall(nr, &uts);
		cost = (now() - start) / LOOPS;
		if (cost < best)
			best = cost;
	}
	return best;
}

/*
 * Instructions per open+read+close of /proc/meminfo (a read as large as
 * the file), or per openat+close of PATH_OPENED: the best of RUNS loops.
 */
static double per_file(const long work)
{
	static char buf[16384];
	double best = 1e30, start, cost;
	int run, i, fd;

	for (run = 0; run < RUNS; run++) {
		start = now();
		for (i = 0; i < FILE_LOOPS; i++) {
			if (work == WORK_MEMINFO) {
				fd = open("/proc/meminfo", O_RDONLY);
				if (fd < 0 || read(fd, buf, sizeof(buf)) <= 0)
					return -1;
			} else {
				fd = openat(AT_FDCWD, PATH_OPENED, O_RDONLY);
				if (fd < 0)
					return -1;
			}
			close(fd);
		}
		cost = (now() - start) / FILE_LOOPS;
		if (cost < best)
			best = cost;
	}
	return best;
}

/* Instructions per fork, denied call, death and reaping. */
static double per_kill(const long nr)
{
	double start = now();
	int i, status;
	pid_t pid;

	for (i = 0; i < KILLS; i++) {
		pid = fork();
		if (pid == 0) {
			syscall(nr);
			_exit(0);
		}
		if (pid < 0 || waitpid(pid, &status, 0) != pid ||
		    !WIFSIGNALED(status))
			return -1;
	}
	return (now() - start) / KILLS;
}

/* A seccomp filter installed as runc and crun install theirs. */
static int install_seccomp(const enum filter filter)
{
	struct sock_filter insns[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_getppid, 0, 1),
		BPF_STMT(BPF_RET | BPF_K,
			 filter == SECCOMP_KILL ? SECCOMP_RET_KILL_PROCESS :
						  SECCOMP_RET_ERRNO | EPERM),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_filter allow[] = {
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { .len = 4, .filter = insns };

	if (filter == SECCOMP_ALLOW) {
		prog.len = 1;
		prog.filter = allow;
	}
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return -1;
	return syscall(__NR_seccomp, SECCOMP_SET_MODE_FILTER,
		       SECCOMP_FILTER_FLAG_SPEC_ALLOW, &prog);
}

/* Measure in a child, under @filter or as a member of @sandbox. */
static double measure(const enum filter filter, const int sandbox,
		      const long nr, const bool killing)
{
	int pipefd[2], release = -1, status;
	double result = -1;
	pid_t pid;

	if (pipe(pipefd))
		return -1;
	pid = sandbox >= 0 ? spawn_held(&release) : fork();
	if (pid == 0) {
		const struct rlimit no_core = { 0, 0 };

		/* seccomp's kill dumps core; ksentry's does not. */
		if (setrlimit(RLIMIT_CORE, &no_core))
			_exit(1);
		if (filter != NO_FILTER && install_seccomp(filter))
			_exit(1);
		result = killing ? per_kill(nr) : nr < 0 ? per_file(nr) : per_call(nr);
		if (write(pipefd[1], &result, sizeof(result)) != sizeof(result))
			_exit(1);
		_exit(0);
	}
	if (pid < 0)
		return -1;
	if (sandbox >= 0) {
		if (sandbox_bind_pid(sandbox, pid))
			kill(pid, SIGKILL);
		release_child(release);
	}
	if (read(pipefd[0], &result, sizeof(result)) != sizeof(result))
		result = -1;
	waitpid(pid, &status, 0);
	close(pipefd[0]);
	close(pipefd[1]);
	return result;
}

/* A sandbox whose table gives @nr @action and allows the rest. */
static int make_sandbox(const long nr, const __u32 action)
{
	const struct ksentry_entry entry = { .nr = nr, .action = action };
	int fd = sandbox_create();

	if (fd < 0 || sandbox_set_policy(fd, KSENTRY_ACT_ALLOW, &entry, 1,
					 NULL, 0)) {
		printf("# ksentry sandbox: %s\nnot ok 1 dispatch-cost\n",
		       strerror(errno));
		exit(1);
	}
	return fd;
}

/*
 * A sandbox that emulates the open family with every virtual file and,
 * with @rule, one path rule (PATH_DENIED refused), closing what would go
 * around it.
 */
static int make_files_sandbox(const bool with_rule)
{
	const __u32 deny = KSENTRY_ACT_ERRNO_OF(EPERM);
	const struct ksentry_entry entries[] = {
		{ __NR_open, KSENTRY_ACT_EMULATE_OF(KSENTRY_EMU_OPEN) },
		{ __NR_openat, KSENTRY_ACT_EMULATE_OF(KSENTRY_EMU_OPENAT) },
		{ __NR_openat2, KSENTRY_ACT_EMULATE_OF(KSENTRY_EMU_OPENAT2) },
		{ __NR_creat, KSENTRY_ACT_EMULATE_OF(KSENTRY_EMU_CREAT) },
		{ __NR_open_by_handle_at, deny },
		{ __NR_io_uring_setup, deny },
		{ __NR_fanotify_init, deny },
		{ __NR_acct, deny },
		{ __NR_swapon, deny },
		{ __NR_quotactl, deny },
		{ __NR_quotactl_fd, deny },
	};
	struct ksentry_emu_attr emu = {
		.size = sizeof(emu), .vfiles = KSENTRY_VFILES_ALL,
	};
	struct ksentry_path_rule rule = {
		.access = KSENTRY_ACCESS_READ | KSENTRY_ACCESS_WRITE,
		.action = deny,
	};
	struct ksentry_policy_attr attr = {
		.size = sizeof(attr),
		.default_action = KSENTRY_ACT_ALLOW,
		.ia32_action = deny,
		.x32_action = deny,
		.nr_entries = ARRAY_SIZE(entries),
		.entries = (__u64)(uintptr_t)entries,
		.emu = (__u64)(uintptr_t)&emu,
		.nr_path_rules = with_rule,
		.path_rules = (__u64)(uintptr_t)&rule,
	};
	int fd = sandbox_create();

	close(open(PATH_OPENED, O_CREAT | O_WRONLY, 0644));
	rule.fd = open(PATH_DENIED, O_CREAT | O_WRONLY, 0644);
	if (fd < 0 || (int)rule.fd < 0 ||
	    ioctl(fd, KSENTRY_SANDBOX_SET_POLICY, &attr)) {
		printf("# ksentry files sandbox: %s\nnot ok 1 dispatch-cost\n",
		       strerror(errno));
		exit(1);
	}
	close(rule.fd);
	return fd;
}

static void report(const char *const name, const double value)
{
	printf("%s %.1f\n", name, value);
	fflush(stdout);
}

static void sandboxed(const char *const name, const __u32 action,
		      const long nr, const bool killing)
{
	const int fd = make_sandbox(nr == __NR_getpid ? __NR_getppid : nr, action);

	report(name, measure(NO_FILTER, fd, nr, killing));
	close(fd);
}

static int run(void)
{
	int fd;

	/* Let module loading's deferred work finish before timing. */
	sleep(2);
	report("loaded_getpid", measure(NO_FILTER, -1, __NR_getpid, false));
	report("seccomp_allow_getpid",
	       measure(SECCOMP_ALLOW, -1, __NR_getpid, false));
	sandboxed("ksentry_allow_getpid", KSENTRY_ACT_ERRNO_OF(EPERM),
		  __NR_getpid, false);
	report("seccomp_errno_getppid",
	       measure(SECCOMP_ERRNO, -1, __NR_getppid, false));
	sandboxed("ksentry_errno_getppid", KSENTRY_ACT_ERRNO_OF(EPERM),
		  __NR_getppid, false);
	report("seccomp_kill_getppid",
	       measure(SECCOMP_KILL, -1, __NR_getppid, true));
	sandboxed("ksentry_kill_getppid", KSENTRY_ACT_KILL_PROCESS,
		  __NR_getppid, true);
	/* Emulation: against the host's call, in a sandbox and outside. */
	report("loaded_getppid", measure(NO_FILTER, -1, __NR_getppid, false));
	sandboxed("ksentry_allow_getppid", KSENTRY_ACT_ALLOW, __NR_getppid,
		  false);
	sandboxed("ksentry_emulate_getppid",
		  KSENTRY_ACT_EMULATE_OF(KSENTRY_EMU_GETPPID), __NR_getppid,
		  false);
	report("loaded_uname", measure(NO_FILTER, -1, __NR_uname, false));
	sandboxed("ksentry_allow_uname", KSENTRY_ACT_ALLOW, __NR_uname, false);
	sandboxed("ksentry_emulate_uname",
		  KSENTRY_ACT_EMULATE_OF(KSENTRY_EMU_UNAME), __NR_uname, false);
	/* Files: the host's against the open family's handlers. */
	close(open(PATH_OPENED, O_CREAT | O_WRONLY, 0644));
	report("loaded_meminfo", measure(NO_FILTER, -1, WORK_MEMINFO, false));
	report("loaded_openat", measure(NO_FILTER, -1, WORK_OPENAT, false));
	fd = make_files_sandbox(true);
	report("ksentry_emulate_meminfo", measure(NO_FILTER, fd, WORK_MEMINFO, false));
	close(fd);
	fd = make_files_sandbox(true);
	report("ksentry_emulate_openat", measure(NO_FILTER, fd, WORK_OPENAT, false));
	close(fd);
	/* runsc-lite's default: virtual files, no path rule. */
	fd = make_files_sandbox(false);
	report("ksentry_norules_meminfo", measure(NO_FILTER, fd, WORK_MEMINFO, false));
	close(fd);
	fd = make_files_sandbox(false);
	report("ksentry_norules_openat", measure(NO_FILTER, fd, WORK_OPENAT, false));
	close(fd);
	sleep(1);
	if (unload_module_settled()) {
		printf("# unloading ksentry: %s\n", strerror(errno));
		return 1;
	}
	report("unloaded_getpid", measure(NO_FILTER, -1, __NR_getpid, false));
	report("unloaded_seccomp_allow_getpid",
	       measure(SECCOMP_ALLOW, -1, __NR_getpid, false));
	if (load_module()) {
		printf("# reloading ksentry: %s\n", strerror(errno));
		return 1;
	}
	return 0;
}

int main(void)
{
	int err;

	printf("1..1\n");
	fflush(stdout);
	err = run();
	printf("%sok 1 dispatch-cost\n", err ? "not " : "");
	return err;
}
