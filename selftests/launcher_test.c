// SPDX-License-Identifier: GPL-2.0
/*
 * ksentry - selftests of the sample launcher, ksentry-exec
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * ksentry-exec runs this binary again, as "launcher_test probe WHAT...",
 * in a sandbox.  The probe looks at one thing and exits with what it saw,
 * so the test reads each answer from the exit status: "probe NR" makes
 * system call NR with no arguments and exits with its errno (0 when it
 * succeeded); the other probes are described in probe().
 */

#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kselftest_harness.h"

#include "common.h"

#define LAUNCHER "/bin/ksentry-exec"

/*
 * The status the pid probes exit with for pid @p, clear of the launcher's
 * own failure (1): 100 + @p, at most 255.
 */
static inline int pid_status(const long p)
{
	return p > 155 ? 255 : 100 + p;
}

/* The status "wait-term" exits with when SIGTERM reached it. */
#define GOT_SIGTERM 42

static void got_sigterm(int sig)
{
	_exit(GOT_SIGTERM);
}

/* The number of processes a procfs at @dir lists, at most 255. */
static int count_pids(const char *const dir_name)
{
	struct dirent *d;
	int n = 0;
	DIR *dir;

	dir = opendir(dir_name);
	if (!dir)
		return 255;
	while ((d = readdir(dir)))
		if (d->d_name[0] >= '1' && d->d_name[0] <= '9' && n < 255)
			n++;
	closedir(dir);
	return n;
}

/*
 * The probes' answers other than pids and errnos, clear of the launcher's
 * own failure (1).
 */
enum {
	YES = 0,
	NO = 11,
	NEVER = 12,
	BROKEN = 13,
};

/* YES when argv[0] of /proc/1/cmdline ends in /@name (or is @name). */
static int proc_1_is(const char *const name)
{
	char cmd[256] = "";
	const char *base;
	FILE *f;

	f = fopen("/proc/1/cmdline", "r");
	if (!f)
		return BROKEN;
	if (!fread(cmd, 1, sizeof(cmd) - 1, f))
		cmd[0] = '\0';
	fclose(f);
	base = strrchr(cmd, '/');
	base = base ? base + 1 : cmd;
	return strcmp(base, name) ? NO : YES;
}

/*
 * Orphan a child and see that someone reaps it: YES when its /proc entry
 * goes away, NO when it became our own child (we are the reaper, and never
 * wait for it), NEVER when it stayed unreaped for 30 seconds.
 */
static int orphan_reaped(void)
{
	char path[64];
	siginfo_t si;
	int fd[2], status, tries;
	pid_t mid, orphan;

	if (pipe(fd))
		return BROKEN;
	mid = fork();
	if (mid == 0) {
		orphan = fork();
		if (orphan == 0)
			_exit(0);
		_exit(write(fd[1], &orphan, sizeof(orphan)) == sizeof(orphan) ?
		      0 : 1);
	}
	close(fd[1]);
	if (mid < 0 || waitpid(mid, &status, 0) != mid || status ||
	    read(fd[0], &orphan, sizeof(orphan)) != sizeof(orphan))
		return BROKEN;
	/* Its parent is gone: it belongs to the namespace's reaper now. */
	memset(&si, 0, sizeof(si));
	if (waitid(P_PID, orphan, &si, WEXITED | WNOHANG | WNOWAIT) == 0 ||
	    errno != ECHILD)
		return NO;
	snprintf(path, sizeof(path), "/proc/%d", orphan);
	for (tries = 0; tries < 3000; tries++) {
		if (access(path, F_OK) && errno == ENOENT)
			return YES;
		usleep(10000);
	}
	return NEVER;
}

/* Mount a tmpfs on @dir: YES when it worked. */
static int mount_tmpfs(const char *const dir)
{
	return mount("probe", dir, "tmpfs", 0, NULL) ? NO : YES;
}

/*
 * Unmount /proc once and see whether another procfs is left below it:
 * YES when /proc is empty then, NO when one is (the host's, which a root
 * member would reach), or when this is the mount namespace of inode
 * @host_mnt, whose /proc must not be touched.
 */
static int nothing_under_proc(const char *const host_mnt)
{
	struct stat st;

	if (stat("/proc/self/ns/mnt", &st))
		return BROKEN;
	if (st.st_ino == strtoull(host_mnt, NULL, 10))
		return NO;
	if (umount2("/proc", MNT_DETACH))
		return BROKEN;
	return access("/proc/1", F_OK) && errno == ENOENT ? YES : NO;
}

/*
 * Wait for SIGTERM: say "r" on stdout once the handler is in place, then
 * read stdin; GOT_SIGTERM when the signal came, 1 when stdin was closed
 * first.
 */
static int wait_term(void)
{
	char c;

	signal(SIGTERM, got_sigterm);
	if (write(STDOUT_FILENO, "r", 1) != 1)
		return 2;
	while (read(STDIN_FILENO, &c, 1) > 0)
		;
	return 1;
}

/* The probes; each exits with what it saw (see the comments). */
static int probe(const int argc, char *const argv[])
{
	char self[32] = "";
	long nr;

	if (!strcmp(argv[0], "pid"))
		return pid_status(getpid());
	if (!strcmp(argv[0], "ppid"))
		return pid_status(getppid());
	if (!strcmp(argv[0], "proc-self")) {
		/* The pid /proc/self names: the pid in /proc's namespace. */
		if (readlink("/proc/self", self, sizeof(self) - 1) < 0)
			return 255;
		nr = strtol(self, NULL, 10);
		return nr < 0 ? 255 : pid_status(nr);
	}
	if (!strcmp(argv[0], "proc-count"))
		return count_pids("/proc");
	if (!strcmp(argv[0], "cwd-count"))
		return count_pids(".");
	if (!strcmp(argv[0], "open-wr") && argc == 2) {
		/* Open for writing (relative to the cwd), write nothing. */
		nr = open(argv[1], O_WRONLY);
		if (nr < 0)
			return errno;
		close(nr);
		return 0;
	}
	if (!strcmp(argv[0], "proc-1-is") && argc == 2)
		return proc_1_is(argv[1]);
	if (!strcmp(argv[0], "orphan"))
		return orphan_reaped();
	if (!strcmp(argv[0], "mount") && argc == 2)
		return mount_tmpfs(argv[1]);
	if (!strcmp(argv[0], "nothing-under-proc") && argc == 2)
		return nothing_under_proc(argv[1]);
	if (!strcmp(argv[0], "wait-term"))
		return wait_term();
	if (!strcmp(argv[0], "exit") && argc == 2)
		return atoi(argv[1]);
	if (!strcmp(argv[0], "kill-self") && argc == 2) {
		kill(getpid(), atoi(argv[1]));
		/* Still here: the signal was ignored (pid 1 ignores it). */
		return 0;
	}
	nr = strtol(argv[0], NULL, 0);
	errno = 0;
	if (syscall(nr, 0, 0, 0, 0, 0, 0) == -1)
		return errno;
	return 0;
}

/*
 * Start ksentry-exec with @opts, then "--" and the probe @what (both
 * NULL-terminated), with @in, @out and @err as its stdin, stdout and
 * stderr when they are not -1 (its stderr is /dev/null otherwise);
 * returns its pid.
 */
static pid_t start(const char *const opts[], const char *const what[],
		   const int in, const int out, const int err)
{
	const char *argv[24];
	static char exe[4096];
	int n = 0, i;
	ssize_t len;
	pid_t pid;

	len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (len < 0)
		return -1;
	exe[len] = '\0';
	argv[n++] = LAUNCHER;
	for (i = 0; opts && opts[i] && n < 14; i++)
		argv[n++] = opts[i];
	argv[n++] = "--";
	argv[n++] = exe;
	argv[n++] = "probe";
	for (i = 0; what[i] && n < 23; i++)
		argv[n++] = what[i];
	argv[n] = NULL;
	pid = fork();
	if (pid == 0) {
		if (err < 0 && !freopen("/dev/null", "w", stderr))
			_exit(126);
		if (err >= 0 && dup2(err, STDERR_FILENO) < 0)
			_exit(126);
		if ((in >= 0 && dup2(in, STDIN_FILENO) < 0) ||
		    (out >= 0 && dup2(out, STDOUT_FILENO) < 0))
			_exit(126);
		execv(LAUNCHER, (char *const *)argv);
		_exit(127);
	}
	return pid;
}

/* Run ksentry-exec with @opts and the probe @what; the wait status. */
static int run_probe(const char *const opts[], const char *const what[])
{
	pid_t pid = start(opts, what, -1, -1, -1);
	int status;

	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

/*
 * Run ksentry-exec as run_probe() does, from a child whose cwd is @dir
 * and, unless @mnt_ns is -1, whose mount namespace is @mnt_ns; the
 * child exits with the launcher's exit code (255 when a signal ended it),
 * and this returns its status.  When @said is not NULL, it gets the start
 * of what the launcher wrote on stderr, NUL-terminated.
 */
static int run_probe_from(const char *const dir, const int mnt_ns,
			  const char *const opts[], const char *const what[],
			  char *const said, const size_t size)
{
	int err[2] = { -1, -1 }, status;
	ssize_t n = 0;
	pid_t pid;

	if (said && pipe2(err, O_CLOEXEC))
		return -1;
	pid = fork();
	if (pid == 0) {
		if ((mnt_ns >= 0 && setns(mnt_ns, CLONE_NEWNS)) || chdir(dir))
			_exit(254);
		pid = start(opts, what, -1, -1, err[1]);
		if (pid < 0 || waitpid(pid, &status, 0) != pid)
			_exit(253);
		_exit(WIFEXITED(status) ? WEXITSTATUS(status) : 255);
	}
	if (said) {
		close(err[1]);
		if (pid > 0)
			n = read(err[0], said, size - 1);
		said[n > 0 ? n : 0] = '\0';
		close(err[0]);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

/* Run ksentry-exec with @rules and the probe for call @nr. */
static int launch(const char *const rules[], const long nr)
{
	char nr_arg[32];
	const char *const what[] = { nr_arg, NULL };

	snprintf(nr_arg, sizeof(nr_arg), "%ld", nr);
	return run_probe(rules, what);
}

/* The status of the probe @what, a single word, under @opts. */
static int probe1(const char *const opts[], const char *const what)
{
	const char *const argv[] = { what, NULL };

	return run_probe(opts, argv);
}

/*
 * Start the "wait-term" probe under @opts, send SIGTERM to ksentry-exec
 * once the probe's handler is in place, and return ksentry-exec's wait
 * status.  The probe's stdin stays open until ksentry-exec has exited, so
 * that only the signal can end a probe that gets it.
 */
static int sigterm_to_launcher(const char *const opts[])
{
	const char *const what[] = { "wait-term", NULL };
	int in[2], out[2], status = -1;
	pid_t pid;
	char c;

	if (pipe2(in, O_CLOEXEC) || pipe2(out, O_CLOEXEC))
		return -1;
	pid = start(opts, what, in[0], out[1], -1);
	close(in[0]);
	close(out[1]);
	if (pid > 0 && read(out[0], &c, 1) == 1)
		kill(pid, SIGTERM);
	close(out[0]);
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		status = -1;
	/* Closing stdin ends a probe the signal did not reach. */
	close(in[1]);
	return status;
}

/*
 * Start the "wait-term" probe under @opts, SIGKILL ksentry-exec once the
 * probe runs, and wait (at most 20 seconds) for the probe's stdout to close:
 * 0 when it did, -1 when the probe was still there.  The probe's stdin
 * stays open until then, so that only the sandbox's end closes it.
 */
static int sigkill_to_launcher(const char *const opts[])
{
	const char *const what[] = { "wait-term", NULL };
	struct pollfd out_end = { .events = POLLIN };
	int in[2], out[2], ret = -1;
	pid_t pid;
	char c;

	if (pipe2(in, O_CLOEXEC))
		return -1;
	if (pipe2(out, O_CLOEXEC)) {
		close(in[0]);
		close(in[1]);
		return -1;
	}
	pid = start(opts, what, in[0], out[1], -1);
	close(in[0]);
	close(out[1]);
	if (pid > 0 && read(out[0], &c, 1) == 1 && !kill(pid, SIGKILL) &&
	    waitpid(pid, NULL, 0) == pid) {
		out_end.fd = out[0];
		if (poll(&out_end, 1, 20000) == 1 && read(out[0], &c, 1) == 0)
			ret = 0;
	}
	close(in[1]);
	close(out[0]);
	if (pid > 0)
		waitpid(pid, NULL, 0);
	return ret;
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

TEST_F(launcher, the_command_is_pid_2_under_an_init)
{
	int status;

	status = probe1(NULL, "pid");
	EXPECT_TRUE(exited(pid_status(2), status))
	{
		TH_LOG("getpid(): status %#x", status);
	}
	/* Its parent is the init, pid 1, not "outside the namespace" (0). */
	status = probe1(NULL, "ppid");
	EXPECT_TRUE(exited(pid_status(1), status))
	{
		TH_LOG("getppid(): status %#x", status);
	}
}

TEST_F(launcher, proc_is_the_sandbox_s_own)
{
	int status;

	/* /proc/self names the command by its pid in the namespace... */
	status = probe1(NULL, "proc-self");
	EXPECT_TRUE(exited(pid_status(2), status))
	{
		TH_LOG("/proc/self: status %#x", status);
	}
	/* ...and /proc lists the init and the command, nothing else. */
	status = probe1(NULL, "proc-count");
	EXPECT_TRUE(exited(2, status))
	{
		TH_LOG("pids in /proc: status %#x", status);
	}
	{
		const char *const what[] = { "proc-1-is", "ksentry-exec", NULL };

		status = run_probe(NULL, what);
		EXPECT_TRUE(exited(YES, status))
		{
			TH_LOG("/proc/1 is not the launcher's init: %#x",
			       status);
		}
	}
}

TEST_F(launcher, the_host_s_proc_is_not_under_the_sandbox_s)
{
	char mnt[32];
	const char *const what[] = { "nothing-under-proc", mnt, NULL };
	struct stat st;
	int status;

	ASSERT_EQ(0, stat("/proc/self/ns/mnt", &st));
	snprintf(mnt, sizeof(mnt), "%llu", (unsigned long long)st.st_ino);
	/* A root member that unmounts its /proc finds nothing below. */
	status = run_probe(NULL, what);
	EXPECT_TRUE(exited(YES, status))
	{
		TH_LOG("status %#x", status);
	}
}

TEST_F(launcher, orphans_are_reaped)
{
	int status = probe1(NULL, "orphan");

	EXPECT_TRUE(exited(YES, status))
	{
		TH_LOG("status %#x (%d: the command is the orphan's reaper, %d: never reaped)",
		       status, NO, NEVER);
	}
}

TEST_F(launcher, sigterm_to_the_launcher_reaches_the_command)
{
	const char *const no_init[] = { "--no-init", NULL };
	int status;

	status = sigterm_to_launcher(NULL);
	EXPECT_TRUE(exited(GOT_SIGTERM, status))
	{
		TH_LOG("status %#x", status);
	}
	/* Forwarded to the command as pid 1, which has a handler. */
	status = sigterm_to_launcher(no_init);
	EXPECT_TRUE(exited(GOT_SIGTERM, status))
	{
		TH_LOG("--no-init: status %#x", status);
	}
}

TEST_F(launcher, the_command_s_status_passes_through)
{
	const char *const code[] = { "exit", "3", NULL };
	const char *const term[] = { "kill-self", "15", NULL };
	const char *const usr1[] = { "kill-self", "10", NULL };
	int status;

	EXPECT_TRUE(exited(3, run_probe(NULL, code)));
	/* A command killed by signal N: 128 + N, as a shell reports it. */
	status = run_probe(NULL, term);
	EXPECT_TRUE(exited(128 + SIGTERM, status))
	{
		TH_LOG("SIGTERM: status %#x", status);
	}
	status = run_probe(NULL, usr1);
	EXPECT_TRUE(exited(128 + SIGUSR1, status))
	{
		TH_LOG("SIGUSR1: status %#x", status);
	}
}

TEST_F(launcher, mounts_stay_in_the_sandbox)
{
	const char *const dir = "/tmp/launcher-shared";
	const char *const sub = "/tmp/launcher-shared/sub";
	const char *const what[] = { "mount", sub, NULL };
	struct stat top, in;
	int status;

	/*
	 * A shared mount: unless the sandbox's copy is made private, the
	 * probe's mount propagates back here.
	 */
	ASSERT_EQ(0, mkdir(dir, 0755) && errno != EEXIST);
	ASSERT_EQ(0, mount("lt", dir, "tmpfs", 0, NULL));
	ASSERT_EQ(0, mount(NULL, dir, NULL, MS_SHARED, NULL));
	ASSERT_EQ(0, mkdir(sub, 0755));
	status = run_probe(NULL, what);
	EXPECT_TRUE(exited(YES, status))
	{
		TH_LOG("the probe's mount: status %#x", status);
	}
	EXPECT_EQ(0, stat(dir, &top));
	EXPECT_EQ(0, stat(sub, &in));
	EXPECT_EQ(top.st_dev, in.st_dev)
	{
		TH_LOG("the sandbox's mount reached the host");
		umount2(sub, MNT_DETACH);
	}
	EXPECT_EQ(0, umount2(dir, MNT_DETACH));
	rmdir(dir);
}

TEST_F(launcher, no_init_runs_the_command_as_pid_1)
{
	const char *const opts[] = { "--no-init", NULL };
	const char *const orphan[] = { "orphan", NULL };
	int status;

	EXPECT_TRUE(exited(pid_status(1), probe1(opts, "pid")));
	EXPECT_TRUE(exited(pid_status(0), probe1(opts, "ppid")));
	/* Still its own /proc, in which it is pid 1. */
	status = probe1(opts, "proc-self");
	EXPECT_TRUE(exited(pid_status(1), status))
	{
		TH_LOG("/proc/self: status %#x", status);
	}
	/* The command is the reaper: the orphan becomes its child. */
	EXPECT_TRUE(exited(NO, run_probe(opts, orphan)));
}

TEST_F(launcher, host_proc_keeps_the_host_s_proc)
{
	const char *const opts[] = { "--host-proc", NULL };
	const char *const both[] = { "--no-init", "--host-proc", NULL };
	const char *const init[] = { "proc-1-is", "ksentry-exec", NULL };
	int status;

	/* The init is there, but /proc is the host's. */
	EXPECT_TRUE(exited(pid_status(2), probe1(opts, "pid")));
	EXPECT_TRUE(exited(NO, run_probe(opts, init)));
	status = probe1(opts, "proc-count");
	EXPECT_TRUE(status != -1 && WIFEXITED(status) &&
		    WEXITSTATUS(status) > 2)
	{
		TH_LOG("pids in /proc: status %#x", status);
	}
	/* Both options: the command is pid 1 under the host's /proc. */
	EXPECT_TRUE(exited(pid_status(1), probe1(both, "pid")));
	EXPECT_TRUE(exited(NO, run_probe(both, init)));
	status = probe1(both, "proc-self");
	EXPECT_TRUE(status != -1 && WIFEXITED(status) &&
		    WEXITSTATUS(status) > pid_status(1))
	{
		TH_LOG("/proc/self: status %#x", status);
	}
}

TEST_F(launcher, a_rule_the_init_cannot_live_with_is_refused)
{
	static const char *const calls[] = {
		"61", /* wait4 */ "62", /* kill */
		"128", /* rt_sigtimedwait */ "231", /* exit_group */
	};
	const char *const what[] = { "exit", "7", NULL };
	size_t i;
	int status;

	for (i = 0; i < ARRAY_SIZE(calls); i++) {
		const char *const rules[] = { "--deny", calls[i], NULL };
		const char *const no_init[] = {
			"--deny", calls[i], "--no-init", NULL,
		};

		/* Refused before anything runs... */
		status = run_probe(rules, what);
		EXPECT_TRUE(exited(1, status))
		{
			TH_LOG("--deny %s: status %#x", calls[i], status);
		}
		/* ...but fine without the init. */
		status = run_probe(no_init, what);
		EXPECT_TRUE(exited(7, status))
		{
			TH_LOG("--deny %s --no-init: status %#x", calls[i],
			       status);
		}
	}
}

TEST_F(launcher, a_cwd_in_the_host_s_proc_is_left_behind)
{
	const char *const count[] = { "cwd-count", NULL };
	char mem[32];
	const char *const open_mem[] = { "open-wr", mem, NULL };
	int status;

	/* Started in /proc, the command is in the sandbox's /proc... */
	status = run_probe_from("/proc", -1, NULL, count, NULL, 0);
	EXPECT_TRUE(exited(2, status))
	{
		TH_LOG("pids in the command's cwd: status %#x", status);
	}
	/* ...where this process, a host pid, is not to be found. */
	snprintf(mem, sizeof(mem), "%d/mem", getpid());
	status = run_probe_from("/proc", -1, NULL, open_mem, NULL, 0);
	EXPECT_TRUE(exited(ENOENT, status))
	{
		TH_LOG("open(\"%s\", O_WRONLY): status %#x (0: opened)", mem,
		       status);
	}
}

TEST_F(launcher, a_cwd_the_sandbox_cannot_enter_again_is_refused)
{
	char dir[32], said[256];
	const char *const what[] = { "exit", "7", NULL };
	int status;

	/* This process's directory, which the sandbox's /proc lacks. */
	snprintf(dir, sizeof(dir), "/proc/%d", getpid());
	status = run_probe_from(dir, -1, NULL, what, said, sizeof(said));
	EXPECT_TRUE(exited(1, status))
	{
		TH_LOG("status %#x (7: the command ran)", status);
	}
	EXPECT_NE(NULL, strstr(said, "Failed to enter the working directory"))
	{
		TH_LOG("the launcher said: %s", said);
	}
}

TEST_F(launcher, the_sandbox_s_proc_globals_are_read_only)
{
	static const char *const files[] = {
		/* A core_pattern helper would run as a host process. */
		"/proc/sys/kernel/core_pattern",
		"/proc/sys/kernel/hostname",
		"/proc/sysrq-trigger",
	};
	const char *const relative[] = {
		"open-wr", "kernel/hostname", NULL,
	};
	size_t i, there = 0;
	int status;

	/* Only those this kernel has (the debug one has no core dumps). */
	for (i = 0; i < ARRAY_SIZE(files); i++)
		there += !access(files[i], F_OK);
	if (!there)
		SKIP(return, "no /proc/sys nor /proc/sysrq-trigger");
	for (i = 0; i < ARRAY_SIZE(files); i++) {
		const char *const what[] = { "open-wr", files[i], NULL };

		if (access(files[i], F_OK))
			continue;
		status = run_probe(NULL, what);
		EXPECT_TRUE(exited(EROFS, status))
		{
			TH_LOG("%s: status %#x (0: opened)", files[i],
			       status);
		}
	}
	if (access("/proc/sys/kernel/hostname", F_OK))
		return;
	/* Nor through a cwd in /proc/sys, taken before the bind. */
	status = run_probe_from("/proc/sys", -1, NULL, relative, NULL, 0);
	EXPECT_TRUE(exited(EROFS, status))
	{
		TH_LOG("from /proc/sys: status %#x (0: opened)", status);
	}
}

TEST_F(launcher, a_locked_host_proc_is_refused)
{
	char mnt[32], path[64], said[256] = "";
	const char *const what[] = { "nothing-under-proc", mnt, NULL };
	int ready[2], ns, status = -1;
	struct stat st;
	pid_t holder;
	char c = 'n';

	ASSERT_EQ(0, pipe(ready));
	holder = fork();
	ASSERT_LE(0, holder);
	if (holder == 0) {
		/*
		 * A mount namespace owned by a new user namespace, as in a
		 * rootless container: its mounts, /proc too, are locked.
		 */
		close(ready[0]);
		if (!unshare(CLONE_NEWUSER | CLONE_NEWNS))
			c = 'y';
		if (write(ready[1], &c, 1) == 1 && c == 'y')
			pause();
		_exit(0);
	}
	close(ready[1]);
	if (read(ready[0], &c, 1) != 1 || c != 'y') {
		kill(holder, SIGKILL);
		waitpid(holder, NULL, 0);
		SKIP(return, "no user namespace");
	}
	snprintf(path, sizeof(path), "/proc/%d/ns/mnt", holder);
	ns = open(path, O_RDONLY | O_CLOEXEC);
	if (ns >= 0 && !fstat(ns, &st)) {
		snprintf(mnt, sizeof(mnt), "%llu",
			 (unsigned long long)st.st_ino);
		/* Refused before the command runs: the launcher's 1. */
		status = run_probe_from("/", ns, NULL, what, said,
					sizeof(said));
	}
	kill(holder, SIGKILL);
	waitpid(holder, NULL, 0);
	EXPECT_LE(0, ns);
	EXPECT_TRUE(exited(1, status))
	{
		TH_LOG("status %#x (%d: the host's /proc was below the sandbox's)",
		       status, NO);
	}
	EXPECT_NE(NULL, strstr(said, "Failed to unmount the host's /proc"))
	{
		TH_LOG("the launcher said: %s", said);
	}
	close(ns);
}

/* Each case waits at most 20 seconds for the sandbox to end. */
TEST_F_TIMEOUT(launcher, the_sandbox_dies_with_the_launcher, 90)
{
	const char *const no_init[] = { "--no-init", NULL };

	EXPECT_EQ(0, sigkill_to_launcher(NULL));
	/* The command is pid 1: its end is the namespace's. */
	EXPECT_EQ(0, sigkill_to_launcher(no_init));
}

int main(int argc, char **argv)
{
	if (argc >= 3 && !strcmp(argv[1], "probe"))
		return probe(argc - 2, &argv[2]);
	return test_harness_run(argc, argv);
}
