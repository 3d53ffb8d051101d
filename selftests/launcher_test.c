// SPDX-License-Identifier: GPL-2.0
/*
 * ksentry - selftests of the sample launcher, ksentry-exec
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * ksentry-exec runs this binary again, as "launcher_test probe NR", in a
 * sandbox.  The probe makes system call NR with no arguments and exits
 * with its errno (0 when it succeeded), so the test reads each decision
 * from the exit status.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kselftest_harness.h"

#include "common.h"

#define LAUNCHER "/bin/ksentry-exec"

/* The probe: one call, its errno as exit status. */
static int probe(const char *const arg)
{
	long nr = strtol(arg, NULL, 0);

	errno = 0;
	if (syscall(nr, 0, 0, 0, 0, 0, 0) == -1)
		return errno;
	return 0;
}

/*
 * Run ksentry-exec with @rules (NULL-terminated) and the probe for @nr;
 * returns the wait status.  The launcher's own messages go to /dev/null.
 */
static int launch(const char *const rules[], const long nr)
{
	char nr_arg[32], exe[4096];
	const char *argv[16];
	int status, n = 0, i;
	ssize_t len;
	pid_t pid;

	len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (len < 0)
		return -1;
	exe[len] = '\0';
	snprintf(nr_arg, sizeof(nr_arg), "%ld", nr);
	argv[n++] = LAUNCHER;
	for (i = 0; rules && rules[i] && n < 11; i++)
		argv[n++] = rules[i];
	argv[n++] = "--";
	argv[n++] = exe;
	argv[n++] = "probe";
	argv[n++] = nr_arg;
	argv[n] = NULL;
	pid = fork();
	if (pid == 0) {
		if (!freopen("/dev/null", "w", stderr))
			_exit(126);
		execv(LAUNCHER, (char *const *)argv);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

static bool exited(const int code, const int status)
{
	return status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == code;
}

FIXTURE(launcher) {};

FIXTURE_SETUP(launcher)
{
	if (access(LAUNCHER, X_OK))
		SKIP(return, "%s is not in this guest", LAUNCHER);
}

FIXTURE_TEARDOWN(launcher) {}

TEST_F(launcher, io_uring_denied_by_default)
{
	static const long calls[] = {
		__NR_io_uring_setup, __NR_io_uring_enter, __NR_io_uring_register,
	};
	size_t i;
	int status;

	for (i = 0; i < ARRAY_SIZE(calls); i++) {
		status = launch(NULL, calls[i]);
		EXPECT_TRUE(exited(EPERM, status))
		{
			TH_LOG("syscall %ld: status %#x", calls[i], status);
		}
	}
}

TEST_F(launcher, allow_overrides_the_default)
{
	const char *const rules[] = { "--allow", "io_uring_setup", NULL };
	int status;

	/* Passed to the host, which refuses a NULL params pointer. */
	status = launch(rules, __NR_io_uring_setup);
	EXPECT_FALSE(exited(EPERM, status))
	{
		TH_LOG("status %#x", status);
	}
	EXPECT_TRUE(WIFEXITED(status));
}

TEST_F(launcher, deny_with_errno)
{
	const char *const rules[] = { "--deny", "getuid:13", NULL };

	EXPECT_TRUE(exited(EACCES, launch(rules, __NR_getuid)));
	/* Other calls are allowed. */
	EXPECT_TRUE(exited(0, launch(rules, __NR_getpid)));
}

TEST_F(launcher, kill_rule)
{
	const char *const rules[] = { "--kill", "getuid", NULL };
	int status = launch(rules, __NR_getuid);

	/* KILL_PROCESS is SIGKILL; the launcher exits 128 + the signal. */
	EXPECT_TRUE(exited(128 + SIGKILL, status))
	{
		TH_LOG("status %#x", status);
	}
}

TEST_F(launcher, bad_rule_is_refused)
{
	const char *const unknown[] = { "--deny", "no_such_call", NULL };
	const char *const option[] = { "--frobnicate", "getuid", NULL };

	EXPECT_TRUE(exited(1, launch(unknown, __NR_getpid)));
	EXPECT_TRUE(exited(1, launch(option, __NR_getpid)));
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "probe"))
		return probe(argv[2]);
	return test_harness_run(argc, argv);
}
