// SPDX-License-Identifier: GPL-2.0
/*
 * ksentry - run a program under one of the research benchmark's
 * interceptions: the macro workloads' launcher
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * Built by tools/bench/research/micro.mk with intercept.c, static.
 *
 * Usage:
 *
 *   under --list                 "config NAME" lines
 *   under --check CONFIG         "check CONFIG ok [saw=N]" or
 *                                "check CONFIG fail REASON"
 *   under [-v] [-o FILE] [--deny] CONFIG PROG [ARG...]
 *
 * The third form runs PROG as pid 1 of a new pid namespace under CONFIG
 * and exits with its status (128 + the signal that ended it).  When PROG
 * has ended, "CONFIG saw=N" (the calls the supervisor, tracer or sandbox
 * counted; -1 where nothing counts) goes to FILE, and with -v to stderr.
 * SIGTERM, SIGINT or SIGHUP to under kill PROG's namespace.  --deny refuses
 * getppid with EPERM where the configuration can refuse (the check's
 * denied call).
 *
 * Configurations: those of micro.c, with the same filters and tables
 * (intercept.c), installed in the child before it executes PROG, so that
 * they cover everything PROG does:
 *
 * - native, seccomp-allow, seccomp-docker, seccomp-arg: the filter, then
 *   execve.  Filters are inherited across fork, clone and execve.
 * - seccomp-notify: a filter whose every call is SECCOMP_RET_USER_NOTIF,
 *   with a supervisor (under itself) answering each with
 *   SECCOMP_USER_NOTIF_FLAG_CONTINUE: the design of the user-space
 *   sandboxes.  The supervisor takes the listener out of the child with
 *   pidfd_getfd(2) (the child's own calls, once the filter is on, wait for
 *   the supervisor, so the child cannot send it) and serves every task of
 *   the filter until poll(2) says none is left.
 * - ptrace-syscall: a tracer (under) attached before the child runs, with
 *   PTRACE_O_TRACECLONE, _TRACEFORK and _TRACEVFORK, so that every thread
 *   and process PROG makes is traced too; it stops each at every call's
 *   entry and exit, reads the stop with PTRACE_GET_SYSCALL_INFO, lets the
 *   call through and counts entries.  Signals are passed on; group stops
 *   are left with PTRACE_LISTEN.
 * - ksentry-loaded: nothing, once the module is checked to be loaded and
 *   the namespace checked to have no sandbox.
 * - ksentry-allow, ksentry-emulate: the sandbox bound to the child's pid
 *   namespace before the child runs; saw=N is the sandbox's decisions.
 *   With --deny, ksentry-allow's table refuses getppid (micro's
 *   ksentry-errno).
 *
 * Not here: ptrace-sysemu, which needs a tracer that carries out every
 * call itself (a whole Sentry, for a general program), and sud, which
 * execve turns off and clone does not pass on, so that only a program
 * built for it (or rewritten) can run under it.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/ksentry.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../../selftests/common.h"
#include "intercept.h"

/* --check's calls: getpid CHECK_CALLS times, then the denied getppid. */
#define CHECK_CALLS 1000

enum config_id {
	C_NATIVE,
	C_SECCOMP_ALLOW,
	C_SECCOMP_DOCKER,
	C_SECCOMP_ARG,
	C_SECCOMP_NOTIFY,
	C_PTRACE_SYSCALL,
	C_LOADED,
	C_KSENTRY_ALLOW,
	C_KSENTRY_EMULATE,
};

#define F_CAN_DENY 0x1		/* --deny refuses getppid */
#define F_COUNTS 0x2		/* saw=N counts the calls */
#define F_SANDBOX 0x4		/* a ksentry sandbox */
#define F_FILTER 0x8		/* a seccomp filter the child installs */

struct config {
	const char *name;
	enum config_id id;
	unsigned int flags;
};

static const struct config configs[] = {
	{ "native", C_NATIVE, 0 },
	{ "seccomp-allow", C_SECCOMP_ALLOW, F_FILTER },
	{ "seccomp-docker", C_SECCOMP_DOCKER, F_FILTER | F_CAN_DENY },
	{ "seccomp-arg", C_SECCOMP_ARG, F_FILTER | F_CAN_DENY },
	{ "seccomp-notify", C_SECCOMP_NOTIFY,
	  F_FILTER | F_CAN_DENY | F_COUNTS },
	{ "ptrace-syscall", C_PTRACE_SYSCALL, F_CAN_DENY | F_COUNTS },
	{ "ksentry-loaded", C_LOADED, 0 },
	{ "ksentry-allow", C_KSENTRY_ALLOW, F_SANDBOX | F_CAN_DENY | F_COUNTS },
	{ "ksentry-emulate", C_KSENTRY_EMULATE, F_SANDBOX | F_COUNTS },
};

static bool verbose;
static char why[256];

/*
 * The child (pid 1 of its namespace) as seen from here, 0 when there is
 * none; read by the signal handler, hence the atomics.
 */
static pid_t child;

static void __attribute__((format(printf, 1, 2))) complain(const char *fmt, ...)
{
	va_list ap;

	fputs("under: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* SIGTERM, SIGINT, SIGHUP: the namespace goes with its pid 1. */
static void on_stop(int sig)
{
	const pid_t pid = __atomic_load_n(&child, __ATOMIC_SEQ_CST);

	(void)sig;
	if (pid > 0)
		kill(pid, SIGKILL);
}

/* ------------------------------------------------------------------ */
/* seccomp user notification.                                          */

/* Every call of the filter's tasks goes to the supervisor. */
static int install_notify_all(void)
{
	struct sock_filter insns[] = {
		LD_ARCH,
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
		RET(SECCOMP_RET_KILL_PROCESS),
		RET(SECCOMP_RET_USER_NOTIF),
	};

	return intercept_load_filter(insns, ARRAY_SIZE(insns),
				     SECCOMP_FILTER_FLAG_NEW_LISTENER);
}

/*
 * The listener of the child's filter, taken from the child: it is fd
 * @nr there once the filter is installed (the lowest free one, which the
 * child told us before installing it).
 */
static int take_listener(const pid_t pid, const int nr)
{
	char path[64], link[64];
	int pidfd, fd = -1, tries;
	ssize_t n;

	pidfd = syscall(__NR_pidfd_open, pid, 0);
	if (pidfd < 0)
		return -1;
	for (tries = 0; tries < 10000; tries++) {
		fd = syscall(__NR_pidfd_getfd, pidfd, nr, 0);
		if (fd >= 0) {
			snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
			n = readlink(path, link, sizeof(link) - 1);
			link[n > 0 ? n : 0] = '\0';
			if (strstr(link, "seccomp notify"))
				break;
			close(fd);
			fd = -1;
		} else if (errno != EBADF) {
			break;
		}
		usleep(1000);
	}
	/* Still no listener after 10 s: the child never installed it. */
	if (tries == 10000)
		errno = ETIMEDOUT;
	close(pidfd);
	return fd;
}

/* Set by SIGCHLD's handler: the supervisor's cue to reap. */
static int child_ended;

static void on_child(int sig)
{
	(void)sig;
	__atomic_store_n(&child_ended, 1, __ATOMIC_SEQ_CST);
}

/*
 * Answer every notification until @pid, the filter's first task, has
 * ended (then the namespace's other tasks are gone or going) or no task
 * of the filter is left; @pid is reaped, its status in *@status.  The
 * count, or -1.  SIGCHLD is blocked but while waiting for the next
 * notification, so that the end of @pid cannot be missed.
 */
static long supervise(const int fd, const bool deny, const pid_t pid,
		      int *const status)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	struct seccomp_notif req;
	sigset_t block, wait_mask;
	const char *what;
	long seen = 0;
	int ret;

	sigemptyset(&block);
	sigaddset(&block, SIGCHLD);
	sigprocmask(SIG_BLOCK, &block, &wait_mask);
	sigdelset(&wait_mask, SIGCHLD);
	for (;;) {
		if (__atomic_load_n(&child_ended, __ATOMIC_SEQ_CST) &&
		    waitpid(pid, status, WNOHANG) == pid)
			break;
		if (ppoll(&pfd, 1, NULL, &wait_mask) < 0) {
			if (errno == EINTR)
				continue;
			complain("seccomp-notify: poll: %s", strerror(errno));
			seen = -1;
			break;
		}
		if (!(pfd.revents & POLLIN)) {
			if (!(pfd.revents & (POLLHUP | POLLERR)))
				continue;
			while (waitpid(pid, status, 0) < 0 && errno == EINTR)
				;
			break;
		}
		ret = intercept_notify_one(fd, deny, &req, &what);
		if (ret < 0) {
			complain("seccomp-notify: %s: %s", what, strerror(errno));
			seen = -1;
			break;
		}
		if (ret == 0)
			continue;
		seen++;
	}
	sigprocmask(SIG_UNBLOCK, &block, NULL);
	return seen;
}

/* ------------------------------------------------------------------ */
/* ptrace.                                                             */

/*
 * Trace every task of the child's tree until none is left; the count of
 * entries, the child's status in *@status.
 */
static long trace_all(const pid_t pid, const bool deny, int *const status)
{
	struct __ptrace_syscall_info info;
	struct user_regs_struct regs;
	long seen = 0;
	int st, sig, event;
	pid_t t;

	for (;;) {
		t = waitpid(-1, &st, __WALL);
		if (t < 0) {
			if (errno == EINTR)
				continue;
			if (errno == ECHILD)
				return seen;
			complain("ptrace-syscall: waitpid: %s", strerror(errno));
			return -1;
		}
		if (WIFEXITED(st) || WIFSIGNALED(st)) {
			if (t == pid)
				*status = st;
			continue;
		}
		if (!WIFSTOPPED(st))
			continue;
		sig = WSTOPSIG(st);
		event = st >> 16;
		if (sig == (SIGTRAP | 0x80)) {
			if (ptrace(PTRACE_GET_SYSCALL_INFO, t, sizeof(info),
				   &info) <= 0) {
				complain("ptrace-syscall: syscall info: %s",
					 strerror(errno));
				return -1;
			}
			if (info.op == PTRACE_SYSCALL_INFO_ENTRY) {
				seen++;
				if (deny && info.entry.nr == NR_DENIED &&
				    !ptrace(PTRACE_GETREGS, t, 0, &regs)) {
					/* Skipped, then answered at exit. */
					regs.orig_rax = -1;
					ptrace(PTRACE_SETREGS, t, 0, &regs);
				}
			} else if (deny && info.op == PTRACE_SYSCALL_INFO_EXIT &&
				   !ptrace(PTRACE_GETREGS, t, 0, &regs) &&
				   regs.orig_rax == (unsigned long)-1 &&
				   (long)regs.rax == -ENOSYS) {
				regs.rax = -EPERM;
				ptrace(PTRACE_SETREGS, t, 0, &regs);
			}
			sig = 0;
		} else if (event == PTRACE_EVENT_STOP) {
			if (sig == SIGSTOP || sig == SIGTSTP ||
			    sig == SIGTTIN || sig == SIGTTOU) {
				/* A group stop: stay stopped, keep tracing. */
				ptrace(PTRACE_LISTEN, t, 0, 0);
				continue;
			}
			sig = 0;	/* a new task's first stop */
		} else if (event) {
			sig = 0;	/* fork, vfork, clone, exec */
		} else if (sig == SIGTRAP) {
			sig = 0;
		}
		/* ESRCH: the task was killed meanwhile; its end follows. */
		ptrace(PTRACE_SYSCALL, t, 0, sig);
	}
}

/* ------------------------------------------------------------------ */
/* The child.                                                          */

/* Install the child's own part, then execute @argv; never returns. */
static void __attribute__((noreturn))
child_main(const struct config *const cfg, const bool deny, char **argv,
	   const int report)
{
	char msg[sizeof(why)] = "";
	ssize_t n;
	int nr;

	switch (cfg->id) {
	case C_SECCOMP_ALLOW:
		if (intercept_seccomp_allow())
			snprintf(msg, sizeof(msg), "seccomp: %s", strerror(errno));
		break;
	case C_SECCOMP_ARG:
		if (intercept_seccomp_arg(deny))
			snprintf(msg, sizeof(msg), "seccomp: %s", strerror(errno));
		break;
	case C_SECCOMP_DOCKER:
		intercept_seccomp_docker(deny, msg, sizeof(msg));
		break;
	case C_SECCOMP_NOTIFY:
		/* The listener will be the lowest free fd: tell it first. */
		nr = open("/dev/null", O_RDONLY);
		if (nr < 0 || close(nr) ||
		    write(report, &nr, sizeof(nr)) != sizeof(nr)) {
			snprintf(msg, sizeof(msg), "telling the listener's fd: %s",
				 strerror(errno));
			break;
		}
		/* From here every call waits for the supervisor. */
		if (install_notify_all() != nr)
			_exit(126);
		break;
	default:
		break;
	}
	if (msg[0]) {
		/* The parent reads it after our end; if lost, 126 says enough. */
		n = write(report, msg, strlen(msg) + 1);
		(void)n;
		_exit(126);
	}
	close(report);
	execvp(argv[0], argv);
	dprintf(STDERR_FILENO, "under: %s: %s\n", argv[0], strerror(errno));
	_exit(127);
}

/* ------------------------------------------------------------------ */
/* The parent.                                                         */

/* The sum of the sandbox's decisions, of every call and action. */
static long sandbox_decisions(const int fd)
{
	static __u64 counts[KSENTRY_STATS_SLOTS * KSENTRY_STATS_ACTIONS];
	__u64 sum = 0;
	size_t i;

	if (intercept_sandbox_stats(fd, counts))
		return -1;
	for (i = 0; i < ARRAY_SIZE(counts); i++)
		sum += counts[i];
	return sum;
}

/*
 * Run @argv under @cfg.  The child's wait status in *@status and the
 * count in *@seen; 0, or -1 when the configuration could not be set up
 * (said on stderr).
 */
static int run(const struct config *const cfg, const bool deny, char **argv,
	       int *const status, long *const seen)
{
	const struct sigaction sa = { .sa_handler = on_stop };
	const struct sigaction sa_chld = { .sa_handler = on_child };
	int report[2], release = -1, sandbox = -1, listener = -1, nr, ret = -1;
	const bool traced = cfg->id == C_PTRACE_SYSCALL;
	char msg[sizeof(why)];
	ssize_t n;
	pid_t pid;

	*seen = -1;
	*status = 0;
	if (cfg->flags & F_SANDBOX) {
		sandbox = intercept_sandbox(cfg->id == C_KSENTRY_EMULATE ?
					    TABLE_EMULATE : deny ?
					    TABLE_ERRNO : TABLE_ALLOW,
					    why, sizeof(why));
		if (sandbox < 0) {
			complain("%s: %s", cfg->name, why);
			return -1;
		}
	}
	if (pipe2(report, O_CLOEXEC)) {
		complain("pipe: %s", strerror(errno));
		goto out;
	}
	pid = spawn_held(&release);
	if (pid < 0) {
		complain("%s: a child in a new pid namespace: %s", cfg->name,
			 strerror(errno));
		goto out;
	}
	if (pid == 0) {
		close(report[0]);
		child_main(cfg, deny, argv, report[1]);
	}
	__atomic_store_n(&child, pid, __ATOMIC_SEQ_CST);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	if (cfg->id == C_SECCOMP_NOTIFY)
		sigaction(SIGCHLD, &sa_chld, NULL);
	close(report[1]);
	report[1] = -1;
	if (sandbox >= 0 && sandbox_bind_pid(sandbox, pid)) {
		complain("%s: binding the sandbox: %s", cfg->name,
			 strerror(errno));
		goto out_kill;
	}
	if (cfg->id == C_LOADED && intercept_unsandboxed(pid, why, sizeof(why))) {
		complain("%s: %s", cfg->name, why);
		goto out_kill;
	}
	if (traced &&
	    (ptrace(PTRACE_SEIZE, pid, 0, PTRACE_O_TRACESYSGOOD |
		    PTRACE_O_EXITKILL | PTRACE_O_TRACECLONE |
		    PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK) ||
	     ptrace(PTRACE_INTERRUPT, pid, 0, 0))) {
		complain("%s: attaching: %s", cfg->name, strerror(errno));
		goto out_kill;
	}
	release_child(release);
	release = -1;
	if (cfg->id == C_SECCOMP_NOTIFY) {
		n = read(report[0], &nr, sizeof(nr));
		if (n != sizeof(nr))
			goto child_failed;
		listener = take_listener(pid, nr);
		if (listener < 0) {
			complain("%s: the child's listener: %s", cfg->name,
				 strerror(errno));
			goto out_kill;
		}
		*seen = supervise(listener, deny, pid, status);
		if (*seen < 0)
			goto out_kill;
	} else if (traced) {
		*seen = trace_all(pid, deny, status);
		if (*seen < 0)
			goto out_kill;
	}
	if (!traced && cfg->id != C_SECCOMP_NOTIFY) {
		while (waitpid(pid, status, 0) < 0) {
			if (errno != EINTR) {
				complain("waitpid: %s", strerror(errno));
				goto out;
			}
		}
	}
	__atomic_store_n(&child, 0, __ATOMIC_SEQ_CST);
	/* A message: the child could not install its part. */
	n = read(report[0], msg, sizeof(msg) - 1);
	if (n > 0) {
		msg[n] = '\0';
		complain("%s: %s", cfg->name, msg);
		goto out;
	}
	if (sandbox >= 0)
		*seen = sandbox_decisions(sandbox);
	ret = 0;
	goto out;
child_failed:
	n = read(report[0], msg, sizeof(msg) - 1);
	msg[n > 0 ? n : 0] = '\0';
	complain("%s: %s", cfg->name, n > 0 ? msg : "the child failed");
out_kill:
	kill(pid, SIGKILL);
	while (waitpid(-1, status, __WALL) > 0 || errno == EINTR)
		;
	__atomic_store_n(&child, 0, __ATOMIC_SEQ_CST);
out:
	if (listener >= 0)
		close(listener);
	if (release >= 0)
		close(release);
	close(report[0]);
	if (report[1] >= 0)
		close(report[1]);
	if (sandbox >= 0)
		close(sandbox);
	return ret;
}

/* ------------------------------------------------------------------ */
/* --check: the probe and its verdict.                                 */

/*
 * Run as "under --probe" under the configuration: getpid CHECK_CALLS
 * times, then getppid, which must fail with EPERM when @deny; the seccomp
 * configurations must show a filter in /proc/self/status.  Exit status 0,
 * or 1 with the reason on stdout.
 */
static int probe(const bool deny, const bool filter)
{
	char line[128];
	long filters = -1, r;
	FILE *f;
	int i;

	f = fopen("/proc/self/status", "r");
	while (f && fgets(line, sizeof(line), f)) {
		if (!strncmp(line, "Seccomp_filters:", 16))
			filters = strtol(line + 16, NULL, 10);
	}
	if (f)
		fclose(f);
	if (filter && filters < 1) {
		printf("no seccomp filter on this process (Seccomp_filters: %ld)\n",
		       filters);
		return 1;
	}
	for (i = 0; i < CHECK_CALLS; i++)
		syscall(__NR_getpid);
	r = syscall(NR_DENIED);
	if (deny && (r != -1 || errno != EPERM)) {
		printf("getppid was not refused (%ld, %s)\n", r,
		       r < 0 ? strerror(errno) : "no error");
		return 1;
	}
	if (!deny && r < 0) {
		printf("getppid failed: %s\n", strerror(errno));
		return 1;
	}
	return 0;
}

static int cmd_check(const struct config *const cfg, char *const self)
{
	const bool deny = cfg->flags & F_CAN_DENY;
	char probe_arg[16], filter_arg[8];
	char *argv[4];
	char out[256] = "";
	int pipefd[2], saved, status;
	ssize_t n = 0;
	long seen;

	snprintf(probe_arg, sizeof(probe_arg), "%s",
		 deny ? "--probe-deny" : "--probe");
	snprintf(filter_arg, sizeof(filter_arg), "%s",
		 cfg->flags & F_FILTER ? "filter" : "none");
	argv[0] = self;
	argv[1] = probe_arg;
	argv[2] = filter_arg;
	argv[3] = NULL;
	/* The probe's stdout, for its reason. */
	saved = -1;
	if (!pipe2(pipefd, O_CLOEXEC))
		saved = dup(STDOUT_FILENO);
	if (saved < 0 || dup2(pipefd[1], STDOUT_FILENO) < 0) {
		printf("check %s fail pipe: %s\n", cfg->name, strerror(errno));
		return 1;
	}
	close(pipefd[1]);
	if (run(cfg, deny, argv, &status, &seen)) {
		dup2(saved, STDOUT_FILENO);
		printf("check %s fail could not be set up (see stderr)\n",
		       cfg->name);
		return 1;
	}
	dup2(saved, STDOUT_FILENO);
	close(saved);
	n = read(pipefd[0], out, sizeof(out) - 1);
	out[n > 0 ? n : 0] = '\0';
	out[strcspn(out, "\n")] = '\0';
	close(pipefd[0]);
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		printf("check %s fail the probe: %s (status 0x%x)\n", cfg->name,
		       out[0] ? out : "no reason", status);
		return 1;
	}
	if ((cfg->flags & F_COUNTS) && seen < CHECK_CALLS + 1) {
		printf("check %s fail saw=%ld, fewer than the %d calls made\n",
		       cfg->name, seen, CHECK_CALLS + 1);
		return 1;
	}
	printf("check %s ok%s", cfg->name, deny ? " denied=getppid" : "");
	if (cfg->flags & F_COUNTS)
		printf(" saw=%ld", seen);
	printf("\n");
	return 0;
}

/* ------------------------------------------------------------------ */

static const char usage[] =
	"usage: under --list\n"
	"       under --check CONFIG\n"
	"       under [-v] [-o FILE] [--deny] CONFIG PROG [ARG...]\n"
	"\n"
	"Runs PROG as pid 1 of a new pid namespace under CONFIG and exits\n"
	"with its status; writes \"CONFIG saw=N\" to FILE at the end.\n";

static const struct config *find_config(const char *const name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(configs); i++) {
		if (!strcmp(configs[i].name, name))
			return &configs[i];
	}
	return NULL;
}

int main(int argc, char **argv)
{
	const char *out_file = NULL;
	const struct config *cfg;
	bool deny = false;
	int status, i = 1;
	long seen;
	FILE *f;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc == 3 && (!strcmp(argv[1], "--probe") ||
			  !strcmp(argv[1], "--probe-deny")))
		return probe(!strcmp(argv[1], "--probe-deny"),
			     !strcmp(argv[2], "filter"));
	if (argc == 2 && !strcmp(argv[1], "--list")) {
		for (i = 0; i < (int)ARRAY_SIZE(configs); i++)
			printf("config %s\n", configs[i].name);
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "--check")) {
		cfg = find_config(argv[2]);
		if (cfg)
			return cmd_check(cfg, "/proc/self/exe");
		printf("check %s fail unknown configuration\n", argv[2]);
		return 1;
	}
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "-v")) {
			verbose = true;
		} else if (!strcmp(argv[i], "--deny")) {
			deny = true;
		} else if (!strcmp(argv[i], "-o") && i + 1 < argc) {
			out_file = argv[++i];
		} else {
			fputs(usage, stderr);
			return 125;
		}
	}
	if (argc - i < 2) {
		fputs(usage, stderr);
		return 125;
	}
	cfg = find_config(argv[i]);
	if (!cfg) {
		complain("unknown configuration %s (see --list)", argv[i]);
		return 125;
	}
	if (deny && !(cfg->flags & F_CAN_DENY)) {
		complain("%s refuses nothing: --deny does not apply", cfg->name);
		return 125;
	}
	if (run(cfg, deny, &argv[i + 1], &status, &seen))
		return 125;
	if (verbose)
		fprintf(stderr, "under: %s saw=%ld status=0x%x\n", cfg->name,
			seen, status);
	if (out_file) {
		f = fopen(out_file, "w");
		if (!f || fprintf(f, "%s saw=%ld\n", cfg->name, seen) < 0 ||
		    fclose(f)) {
			complain("%s: %s", out_file, strerror(errno));
			return 125;
		}
	}
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}
