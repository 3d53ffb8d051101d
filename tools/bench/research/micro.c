// SPDX-License-Identifier: GPL-2.0
/*
 * ksentry - the research benchmark's micro workloads, under every design
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * Build with tools/bench/research/micro.mk, which does exactly this:
 *
 *   python3 tools/bench/research/docker-profile.py "$DOCKER_PROFILE" \
 *           > OUT/docker-profile.h
 *   gcc -O2 -Wall -Werror -static -Iuapi -IOUT -o OUT/micro \
 *       tools/bench/research/micro[.c] -lseccomp -lm
 *
 * DOCKER_PROFILE is Docker's default.json as tools/testing/fetch-profiles
 * caches it (build/kernels.env names it).  The result is one static
 * binary that needs nothing in the guest but /proc, /dev/zero and a
 * writable $TMPDIR (default /tmp).
 *
 * Usage:
 *
 *   micro --list                     "config NAME" and "workload NAME" lines
 *   micro --check CONFIG             "check CONFIG ok [saw=N]" or
 *                                    "check CONFIG fail REASON"
 *   micro CONFIG WORKLOAD LOOPS      "sample CONFIG WORKLOAD NS_PER_ITER"
 *
 * -v before the configuration adds notes on stderr: the count the
 * supervisor, tracer, handler or sandbox kept ("saw=N"), and a child
 * forked for want of a pid namespace.
 *
 * Exit status: 0 done; 1 the configuration could not be set up, a check
 * failed, or the interception was not seen during the run (the reason is
 * on stderr, and no sample is printed); 2 the workload does not apply to
 * the configuration ("n/a" on stderr, no sample), e.g. "denied" where
 * nothing denies; 1 also for a usage error.
 *
 * Method.  Each run happens in a fresh child, pid 1 of a new pid namespace
 * for every configuration (ksentry binds sandboxes to pid namespaces, and
 * the others get the same so that nothing but the interception differs);
 * where no namespace can be made (inside a container without
 * CAP_SYS_ADMIN) the child is forked and a note says so on stderr, which
 * only the configurations that need no sandbox accept.  The child prepares
 * the workload's files, installs the interception (or is bound to the
 * sandbox, or traced, before it is let go), checks once that the
 * interception answers the workload's call as configured, runs LOOPS / 10
 * iterations (1 to 10,000) as a warm-up, then LOOPS timed ones.  The figure
 * is CLOCK_MONOTONIC nanoseconds per iteration, read through the vDSO
 * before and after; under QEMU's -icount shift=0,sleep=off it counts
 * instructions (the loop's own included: subtract native's figure for the
 * interception's cost).  Each call goes through syscall(), so no libc
 * cache can skip it.  After the run, the count the supervisor, tracer,
 * handler or sandbox kept must cover every timed call, or no sample is
 * printed.
 *
 * The denied call is getppid(), refused with EPERM.  The configurations
 * that can deny refuse it in the "denied" workload and in --check only, so
 * that the getppid workload measures an allowed (or emulated) getppid
 * under the same filter; ksentry-errno is ksentry-allow's table with that
 * one ERRNO entry, always (its getppid workload is n/a: see "denied").
 *
 * Configurations:
 *
 * - native: nothing.
 * - ksentry-loaded: nothing, after checking that the module is loaded and
 *   that no sandbox holds the child's pid namespace.
 * - seccomp-allow: a one-instruction RET_ALLOW filter, which the kernel's
 *   bitmap cache answers without running it.  Every seccomp filter here is
 *   loaded as runc and crun load theirs: no-new-privs set, then
 *   seccomp(SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_SPEC_ALLOW).  It
 *   denies nothing; --check proves it is installed from /proc/self/status
 *   (Seccomp: 2, one more filter than before).
 * - seccomp-docker: Docker's default profile (default.json of Debian's
 *   golang-github-docker-docker-dev) for a container with Docker's default
 *   capabilities, built with libseccomp as runc builds it: default action
 *   ERRNO(EPERM), archMap's x86 and x32 added, groups kept or dropped by
 *   their includes and excludes as moby drops them (docker-profile.py),
 *   names libseccomp does not know skipped, rules whose action is the
 *   default skipped, a rule with two conditions on one argument split into
 *   one rule per condition, SCMP_FLTATR_CTL_SSB set (runc's way to ask for
 *   SPEC_ALLOW).  Not done: runc's ENOSYS prefix for numbers newer than the
 *   profile (patchbpf), a few instructions that test only the number.  The
 *   calls the workloads make are allowed by number alone, so the bitmap
 *   cache answers them as for seccomp-allow.  Denied: getppid left out of
 *   the allow list, so Docker's default action refuses it.
 * - seccomp-arg: a 10-instruction filter (arch, number, then arg0 compared
 *   with a value no workload passes) that loads an argument for every
 *   call, so the bitmap cache covers none.  Denied: its number test
 *   matches getppid (otherwise a number never called).
 * - seccomp-notify: SECCOMP_RET_USER_NOTIF for the workload's syscall
 *   numbers (not every call: the child must still write its result and
 *   exit), a supervisor process (micro itself) answering each with
 *   SECCOMP_USER_NOTIF_FLAG_CONTINUE, or -EPERM for the denied getppid,
 *   and counting them.  It blocks in SECCOMP_IOCTL_NOTIF_RECV, the
 *   cheapest way to wait.
 * - ptrace-syscall: a tracer that stops the child at every syscall's entry
 *   and exit (PTRACE_SYSCALL), reads each stop with
 *   PTRACE_GET_SYSCALL_INFO, lets the call through and counts entries.
 *   Denied: orig_rax set to -1 at entry, rax to -EPERM at exit.
 * - ptrace-sysemu: a tracer in the manner of gVisor's ptrace platform:
 *   under PTRACE_SYSEMU no call reaches the host, the tracer carries out
 *   each one.  It emulates getpid and getppid (from what the child told it
 *   at the start, as a sandbox keeps its own pid table), uname (its own
 *   uname, written with process_vm_writev), read of the child's /dev/zero
 *   fd (zeros written with process_vm_writev) and the denied getppid
 *   (-EPERM).  The emulation covers the timed part only: the child enters
 *   and leaves it with a marker call, and is traced with PTRACE_SYSCALL
 *   before and after.  openat and meminfo are n/a: emulating them needs a
 *   file table and a filesystem of the tracer's own, as the Sentry has.
 *   Any other call in the emulated part ends the run with an error.
 * - sud: Syscall User Dispatch (PR_SET_SYSCALL_USER_DISPATCH), selector
 *   on BLOCK for the timed part: every call raises SIGSYS, whose handler
 *   switches the selector to ALLOW, makes the call itself (or answers
 *   -EPERM for the denied getppid), switches it back, counts, and returns
 *   the result in rax.  The handler's rt_sigreturn comes from a restorer
 *   of micro's own, the one region dispatch lets through.
 * - ksentry-allow: a sandbox whose table allows everything (ia32 and x32
 *   included), bound to the child's pid namespace before it runs.
 * - ksentry-errno: the same with getppid ERRNO(EPERM).
 * - ksentry-emulate: getpid, getppid, uname, open, openat, openat2 and
 *   creat EMULATE, every virtual file on (KSENTRY_VFILES_ALL, so
 *   /proc/meminfo is generated), no path rule, the rest ALLOW.  It denies
 *   nothing; --check proves the handlers answered from the counters.
 *
 * For the sandboxes the counters are the sandbox's (KSENTRY_SANDBOX_GET_
 * STATS), and saw=N is the decisions on getpid and getppid.
 *
 * Workloads, per iteration:
 *
 * - getpid, getppid, uname: the call (uname into a static buffer);
 * - read1: read(2) of 1 byte from a /dev/zero fd opened before timing;
 * - openat: openat+close of an empty file made in $TMPDIR before timing;
 * - meminfo: openat+read (16 KiB buffer, the whole file)+close of
 *   /proc/meminfo;
 * - clock_gettime: clock_gettime(CLOCK_MONOTONIC) through the vDSO, the
 *   control: no syscall, so every configuration should equal native (the
 *   configurations that count calls would see it if the vDSO fell back to
 *   the syscall: ptrace-sysemu refuses, the others count it);
 * - denied: getppid, refused with EPERM (n/a where nothing denies);
 * - cpuloop: the seed report's loop, whole: 10 million iterations of
 *   x += pow(-1, j) * sqrt(i) / max(j, 2) for i = 0, 1, ..., 9999999 and
 *   j = i, in double.  Here LOOPS counts repetitions of that loop (1 is a
 *   full sample), the warm-up is 10,000 iterations of it, and NS_PER_ITER
 *   is per iteration of the loop, not per repetition.  The issue writes the
 *   loop as "x += -1**j * sqrt(i)/max(j,2)" without saying what j is; here
 *   j is the iteration, as i, and -1**j is read as (-1)**j (in Python,
 *   -1**j is -(1**j), always -1).  The Python twin is
 *   "for i in range(10**7): j = i; x += (-1)**j * math.sqrt(i) / max(j, 2)".
 *   No syscall in the loop: every configuration should be 1.00 x native.
 *
 * Environment: MICRO_NO_SPEC_ALLOW=1 loads every seccomp filter without
 * SECCOMP_FILTER_FLAG_SPEC_ALLOW (seccomp-docker: SCMP_FLTATR_CTL_SSB 0),
 * for guests booted with spec_store_bypass_disable=seccomp, where seccomp
 * then forces the mitigation on CPUs that have it.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/ksentry.h>
#include <linux/seccomp.h>
#include <math.h>
#include <seccomp.h>
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
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#include "../../../selftests/common.h"
#include "intercept.h"

#ifndef SA_RESTORER
#define SA_RESTORER 0x04000000
#endif

/* The check's getpid calls. */
#define CHECK_CALLS 100

/*
 * A number no kernel implements (ENOSYS natively): the child's marker to
 * its tracer or supervisor.  Its arg0 says what it marks.
 */
#define NR_MARK 1000
#define MARK_BEGIN 1		/* sysemu: arg1 zero fd, arg2 pid, arg3 ppid */
#define MARK_END 2		/* sysemu: back to PTRACE_SYSCALL */
#define MARK_BYE 3		/* notify: the last call; stop serving */

/* The most calls one iteration makes. */
#define MAX_NRS 3

#define READ_BUF 16384

/* One "iteration" of cpuloop: the seed report's 10 million. */
#define CPU_ITERS 10000000L
#define CPU_WARM 10000L

enum config_id {
	C_NATIVE,
	C_LOADED,
	C_SECCOMP_ALLOW,
	C_SECCOMP_DOCKER,
	C_SECCOMP_ARG,
	C_SECCOMP_NOTIFY,
	C_PTRACE_SYSCALL,
	C_PTRACE_SYSEMU,
	C_SUD,
	C_KSENTRY_ALLOW,
	C_KSENTRY_ERRNO,
	C_KSENTRY_EMULATE,
};

/* What a configuration is. */
#define F_CAN_DENY 0x1		/* refuses getppid when told to */
#define F_DENIES 0x2		/* refuses getppid always */
#define F_SANDBOX 0x4		/* a ksentry sandbox */
#define F_COUNTS 0x8		/* something counts the calls: saw=N */

struct config {
	const char *name;
	enum config_id id;
	unsigned int flags;
};

static const struct config configs[] = {
	{ "native", C_NATIVE, 0 },
	{ "seccomp-allow", C_SECCOMP_ALLOW, 0 },
	{ "seccomp-docker", C_SECCOMP_DOCKER, F_CAN_DENY },
	{ "seccomp-arg", C_SECCOMP_ARG, F_CAN_DENY },
	{ "seccomp-notify", C_SECCOMP_NOTIFY, F_CAN_DENY | F_COUNTS },
	{ "ptrace-syscall", C_PTRACE_SYSCALL, F_CAN_DENY | F_COUNTS },
	{ "ptrace-sysemu", C_PTRACE_SYSEMU, F_CAN_DENY | F_COUNTS },
	{ "sud", C_SUD, F_CAN_DENY | F_COUNTS },
	{ "ksentry-loaded", C_LOADED, 0 },
	{ "ksentry-allow", C_KSENTRY_ALLOW, F_SANDBOX | F_COUNTS },
	{ "ksentry-errno", C_KSENTRY_ERRNO, F_DENIES | F_SANDBOX | F_COUNTS },
	{ "ksentry-emulate", C_KSENTRY_EMULATE, F_SANDBOX | F_COUNTS },
};

enum workload_id {
	W_GETPID,
	W_GETPPID,
	W_UNAME,
	W_READ1,
	W_OPENAT,
	W_MEMINFO,
	W_CLOCK,
	W_DENIED,
	W_CPULOOP,
	W_CHECK,		/* --check's calls, not listed */
};

/*
 * A workload and the syscalls one iteration makes: the numbers notify
 * intercepts and the counters must show.
 */
struct workload {
	const char *name;
	enum workload_id id;
	unsigned int nr_nrs;
	int nrs[MAX_NRS];
};

static const struct workload workloads[] = {
	{ "getpid", W_GETPID, 1, { __NR_getpid } },
	{ "getppid", W_GETPPID, 1, { __NR_getppid } },
	{ "uname", W_UNAME, 1, { __NR_uname } },
	{ "read1", W_READ1, 1, { __NR_read } },
	{ "openat", W_OPENAT, 2, { __NR_openat, __NR_close } },
	{ "meminfo", W_MEMINFO, 3, { __NR_openat, __NR_read, __NR_close } },
	{ "clock_gettime", W_CLOCK, 0, { 0 } },
	{ "denied", W_DENIED, 1, { NR_DENIED } },
	{ "cpuloop", W_CPULOOP, 0, { 0 } },
};

static const struct workload check_workload = {
	"check", W_CHECK, 2, { __NR_getpid, __NR_getppid }
};

/* One run: a workload under a configuration, in one child. */
struct job {
	const struct config *cfg;
	const struct workload *wl;
	long loops;
	long warm;
	bool deny;		/* getppid is refused with EPERM */
	bool newpid;		/* the child is pid 1 of a new pid namespace */
	pid_t parent;		/* micro's pid, the child's parent */
	char path[256];		/* openat's file */
	int zero_fd;		/* read1's /dev/zero, in the child */
};

/* What the child sends back through a pipe. */
struct report {
	double ns;		/* per timed iteration */
	long handled;		/* sud: the SIGSYS the handler answered */
	double sink;		/* cpuloop's x, so that it is computed */
	char why[200];		/* empty, or why the child failed */
};

static bool verbose;

/* In --check, complaints go to the check's line instead of stderr. */
static bool quiet;
static char last_why[256];

/* Failed: say why on stderr (and keep it for --check's line). */
static void __attribute__((format(printf, 1, 2))) complain(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(last_why, sizeof(last_why), fmt, ap);
	va_end(ap);
	if (!quiet)
		fprintf(stderr, "micro: %s\n", last_why);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* The value of "KEY:\t" in /proc/self/status, or -1. */
static long status_field(const char *const key)
{
	char line[256];
	size_t len = strlen(key);
	long value = -1;
	FILE *f;

	f = fopen("/proc/self/status", "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, key, len) && line[len] == ':') {
			value = strtol(line + len + 1, NULL, 10);
			break;
		}
	}
	fclose(f);
	return value;
}

/* ------------------------------------------------------------------ */
/* The workloads' loops, in the child.                                 */

static struct utsname uts_buf;
static char read_buf[READ_BUF];
static double cpu_x;

/* The seed report's loop, @n iterations of it. */
static void cpu_loop(const long n)
{
	long i;

	for (i = 0; i < n; i++) {
		const long j = i;

		cpu_x += pow(-1, j) * sqrt(i) / (j > 2 ? j : 2);
	}
}

/*
 * @n iterations of the workload (of cpuloop: @n times its CPU_ITERS
 * iterations); -1 if a call failed that must not.
 */
static int run_loop(const struct job *const job, const long n)
{
	long i, fd;

	switch (job->wl->id) {
	case W_GETPID:
		for (i = 0; i < n; i++)
			syscall(__NR_getpid);
		break;
	case W_GETPPID:
	case W_DENIED:
		for (i = 0; i < n; i++)
			syscall(__NR_getppid);
		break;
	case W_UNAME:
		for (i = 0; i < n; i++)
			syscall(__NR_uname, &uts_buf);
		break;
	case W_READ1:
		for (i = 0; i < n; i++)
			syscall(__NR_read, job->zero_fd, read_buf, 1);
		break;
	case W_OPENAT:
		for (i = 0; i < n; i++) {
			fd = syscall(__NR_openat, AT_FDCWD, job->path, O_RDONLY);
			if (fd < 0)
				return -1;
			syscall(__NR_close, fd);
		}
		break;
	case W_MEMINFO:
		for (i = 0; i < n; i++) {
			fd = syscall(__NR_openat, AT_FDCWD, "/proc/meminfo",
				     O_RDONLY);
			if (fd < 0)
				return -1;
			syscall(__NR_read, fd, read_buf, sizeof(read_buf));
			syscall(__NR_close, fd);
		}
		break;
	case W_CLOCK:
		for (i = 0; i < n; i++) {
			struct timespec ts;

			clock_gettime(CLOCK_MONOTONIC, &ts);
		}
		break;
	case W_CPULOOP:
		for (i = 0; i < n; i++)
			cpu_loop(CPU_ITERS);
		break;
	case W_CHECK:
		break;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* seccomp filters, installed in the child.                            */

/* USER_NOTIF for the workload's numbers and the marker; the listener. */
static int install_notify(const struct workload *const wl)
{
	struct sock_filter insns[4 + 2 * (MAX_NRS + 1) + 1] = {
		LD_ARCH,
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
		RET(SECCOMP_RET_KILL_PROCESS),
		LD_NR,
	};
	size_t n = 4;
	unsigned int i;

	for (i = 0; i <= wl->nr_nrs; i++) {
		const __u32 nr = i < wl->nr_nrs ? wl->nrs[i] : NR_MARK;

		insns[n++] = (struct sock_filter)
			BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, nr, 0, 1);
		insns[n++] = (struct sock_filter)RET(SECCOMP_RET_USER_NOTIF);
	}
	insns[n++] = (struct sock_filter)RET(SECCOMP_RET_ALLOW);
	return intercept_load_filter(insns, n, SECCOMP_FILTER_FLAG_NEW_LISTENER);
}

/* ------------------------------------------------------------------ */
/* Syscall User Dispatch, in the child.                                */

static char sud_selector = SYSCALL_DISPATCH_FILTER_ALLOW;
static long sud_handled;
static bool sud_deny;

/*
 * The handler's way back, rt_sigreturn: the one region dispatch lets
 * through.  Its 8 bytes (movl 5, syscall 2, hlt 1) hold the address after
 * the syscall instruction, which is what dispatch compares.
 */
#define SUD_RESTORER_LEN 8
static void __attribute__((naked)) sud_restorer(void)
{
	asm volatile ("movl $15, %eax\n\t"	/* __NR_rt_sigreturn */
		      "syscall\n\t"
		      "hlt");
}

/* The kernel's answer, -errno included: what a handler must return. */
static long raw_syscall6(long nr, long a1, long a2, long a3, long a4, long a5,
			 long a6)
{
	register long r10 asm("r10") = a4;
	register long r8 asm("r8") = a5;
	register long r9 asm("r9") = a6;
	long ret;

	asm volatile ("syscall"
		      : "=a" (ret)
		      : "a" (nr), "D" (a1), "S" (a2), "d" (a3), "r" (r10),
			"r" (r8), "r" (r9)
		      : "rcx", "r11", "memory");
	return ret;
}

static void sud_select(const char value)
{
	__atomic_store_n(&sud_selector, value, __ATOMIC_SEQ_CST);
}

static void sud_handler(int sig, siginfo_t *info, void *ctx)
{
	greg_t *const r = ((ucontext_t *)ctx)->uc_mcontext.gregs;
	const long nr = info->si_syscall;

	(void)sig;
	sud_select(SYSCALL_DISPATCH_FILTER_ALLOW);
	__atomic_add_fetch(&sud_handled, 1, __ATOMIC_RELAXED);
	if (sud_deny && nr == NR_DENIED)
		r[REG_RAX] = -EPERM;
	else
		r[REG_RAX] = raw_syscall6(nr, r[REG_RDI], r[REG_RSI],
					  r[REG_RDX], r[REG_R10], r[REG_R8],
					  r[REG_R9]);
	sud_select(SYSCALL_DISPATCH_FILTER_BLOCK);
}

static int sud_on(const bool deny)
{
	/* The kernel's struct sigaction: glibc would put its own restorer. */
	struct {
		void (*handler)(int sig, siginfo_t *info, void *ctx);
		unsigned long flags;
		void (*restorer)(void);
		uint64_t mask;
	} act = {
		.handler = sud_handler,
		.flags = SA_SIGINFO | SA_RESTORER,
		.restorer = sud_restorer,
	};
	const unsigned long start = (unsigned long)sud_restorer;

	sud_deny = deny;
	if (syscall(__NR_rt_sigaction, SIGSYS, &act, NULL, sizeof(act.mask)))
		return -1;
	if (prctl(PR_SET_SYSCALL_USER_DISPATCH, PR_SYS_DISPATCH_ON, start,
		  SUD_RESTORER_LEN, &sud_selector))
		return -1;
	sud_select(SYSCALL_DISPATCH_FILTER_BLOCK);
	return 0;
}

static void sud_off(void)
{
	sud_select(SYSCALL_DISPATCH_FILTER_ALLOW);
	prctl(PR_SET_SYSCALL_USER_DISPATCH, PR_SYS_DISPATCH_OFF, 0, 0, 0);
}

/* ------------------------------------------------------------------ */
/* The child.                                                          */

static int send_fd(const int sock, const int fd)
{
	char data = 'f', cbuf[CMSG_SPACE(sizeof(int))] = { 0 };
	struct iovec iov = { .iov_base = &data, .iov_len = 1 };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cbuf, .msg_controllen = sizeof(cbuf),
	};
	struct cmsghdr *cmsg = CMSG_FIRSTHDR(&msg);

	cmsg->cmsg_level = SOL_SOCKET;
	cmsg->cmsg_type = SCM_RIGHTS;
	cmsg->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cmsg), &fd, sizeof(int));
	return sendmsg(sock, &msg, 0) == 1 ? 0 : -1;
}

static int recv_fd(const int sock)
{
	char data, cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { .iov_base = &data, .iov_len = 1 };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cbuf, .msg_controllen = sizeof(cbuf),
	};
	struct cmsghdr *cmsg;
	int fd;

	if (recvmsg(sock, &msg, 0) != 1)
		return -1;
	cmsg = CMSG_FIRSTHDR(&msg);
	if (!cmsg || cmsg->cmsg_type != SCM_RIGHTS)
		return -1;
	memcpy(&fd, CMSG_DATA(cmsg), sizeof(int));
	return fd;
}

/* Install the child's side of the interception; 0 or -1 with @why. */
static int child_install(struct job *const job, const int sock, char *why,
			 const size_t len, const long pid, const long ppid)
{
	int fd;

	switch (job->cfg->id) {
	case C_SECCOMP_ALLOW:
		if (intercept_seccomp_allow())
			goto fail_errno;
		return 0;
	case C_SECCOMP_ARG:
		if (intercept_seccomp_arg(job->deny))
			goto fail_errno;
		return 0;
	case C_SECCOMP_DOCKER:
		return intercept_seccomp_docker(job->deny, why, len);
	case C_SECCOMP_NOTIFY:
		fd = install_notify(job->wl);
		if (fd < 0)
			goto fail_errno;
		if (send_fd(sock, fd))
			goto fail_errno;
		close(fd);
		return 0;
	case C_PTRACE_SYSEMU:
		syscall(NR_MARK, MARK_BEGIN, (long)job->zero_fd, pid, ppid);
		return 0;
	case C_SUD:
		if (sud_on(job->deny))
			goto fail_errno;
		return 0;
	default:
		return 0;
	}
fail_errno:
	snprintf(why, len, "installing the interception: %s", strerror(errno));
	return -1;
}

static void child_uninstall(const struct job *const job)
{
	if (job->cfg->id == C_PTRACE_SYSEMU)
		syscall(NR_MARK, MARK_END);
	else if (job->cfg->id == C_SUD)
		sud_off();
}

/*
 * The interception answers as configured, before anything is timed:
 * the workload's denied call is denied, and each filter shows itself.
 */
static int child_probe(const struct job *const job, const long filters,
		       char *const why, const size_t len)
{
	long r;

	if (job->wl->id == W_DENIED) {
		r = syscall(NR_DENIED);
		if (r != -1 || errno != EPERM) {
			snprintf(why, len, "getppid returned %ld (%s), not EPERM",
				 r, r == -1 ? strerror(errno) : "no error");
			return -1;
		}
	}
	switch (job->cfg->id) {
	case C_SECCOMP_ALLOW:
		if (status_field("Seccomp") != SECCOMP_MODE_FILTER ||
		    status_field("Seccomp_filters") != filters + 1) {
			snprintf(why, len, "/proc/self/status shows no new filter");
			return -1;
		}
		break;
	case C_SECCOMP_ARG:
		r = syscall(__NR_getpid, ARG_MAGIC);
		if (r != -1 || errno != EDOM) {
			snprintf(why, len, "getpid(magic) returned %ld, not EDOM", r);
			return -1;
		}
		break;
	case C_SECCOMP_DOCKER:
		/* Docker's own rule: clone3 fails with ENOSYS (EINVAL natively). */
		r = syscall(__NR_clone3, NULL, 0);
		if (r != -1 || errno != ENOSYS) {
			snprintf(why, len, "clone3 returned %ld (%s), not ENOSYS",
				 r, r == -1 ? strerror(errno) : "no error");
			return -1;
		}
		break;
	default:
		break;
	}
	return 0;
}

/* --check's calls: getpid answered right, getppid denied or answered. */
static int child_check(const struct job *const job, const long pid,
		       const long ppid, char *const why, const size_t len)
{
	const bool denies = job->deny || (job->cfg->flags & F_DENIES);
	long r;
	int i;

	for (i = 0; i < CHECK_CALLS; i++) {
		r = syscall(__NR_getpid);
		if (r != pid) {
			snprintf(why, len, "getpid returned %ld, not %ld", r, pid);
			return -1;
		}
	}
	r = syscall(NR_DENIED);
	if (denies && (r != -1 || errno != EPERM)) {
		snprintf(why, len, "getppid returned %ld (%s), not EPERM", r,
			 r == -1 ? strerror(errno) : "no error");
		return -1;
	}
	if (!denies && r != ppid) {
		snprintf(why, len, "getppid returned %ld (%s), not %ld", r,
			 r == -1 ? strerror(errno) : "no error", ppid);
		return -1;
	}
	if (job->cfg->id == C_NATIVE || job->cfg->id == C_LOADED) {
		if (status_field("Seccomp") != 0 ||
		    status_field("TracerPid") != 0) {
			snprintf(why, len, "a seccomp filter or a tracer is there");
			return -1;
		}
	}
	return 0;
}

/* The child's whole life: never returns. */
static void child_main(struct job *const job, const int report_fd,
		       const int sock)
{
	struct report rep = { 0 };
	const size_t len = sizeof(rep.why);
	long pid, ppid, filters;
	double start, end;

	/* What the host answers, before anything intercepts. */
	pid = job->newpid ? 1 : syscall(__NR_getpid);
	ppid = job->newpid ? 0 : job->parent;
	filters = status_field("Seccomp_filters");
	job->zero_fd = -1;
	if (job->wl->id == W_READ1) {
		job->zero_fd = open("/dev/zero", O_RDONLY);
		if (job->zero_fd < 0) {
			snprintf(rep.why, len, "/dev/zero: %s", strerror(errno));
			goto out;
		}
	}
	if (child_install(job, sock, rep.why, len, pid, ppid))
		goto out;
	if (child_probe(job, filters, rep.why, len))
		goto out_uninstall;
	if (job->wl->id == W_CHECK) {
		child_check(job, pid, ppid, rep.why, len);
		goto out_uninstall;
	}
	if (job->wl->id == W_CPULOOP)
		cpu_loop(CPU_WARM);
	else if (run_loop(job, job->warm))
		goto out_loop;
	start = now();
	if (run_loop(job, job->loops))
		goto out_loop;
	end = now();
	rep.ns = (end - start) / job->loops;
	if (job->wl->id == W_CPULOOP)
		rep.ns /= CPU_ITERS;
	goto out_uninstall;
out_loop:
	snprintf(rep.why, len, "a call of the workload failed: %s",
		 strerror(errno));
out_uninstall:
	child_uninstall(job);
out:
	rep.handled = __atomic_load_n(&sud_handled, __ATOMIC_RELAXED);
	rep.sink = cpu_x;
	if (write(report_fd, &rep, sizeof(rep)) != sizeof(rep))
		_exit(1);
	if (job->cfg->id == C_SECCOMP_NOTIFY)
		syscall(NR_MARK, MARK_BYE);
	_exit(rep.why[0] ? 1 : 0);
}

/* ------------------------------------------------------------------ */
/* The parent: supervisor, tracer, sandbox owner.                       */

static int child_gone;

static void on_sigchld(int sig)
{
	(void)sig;
	__atomic_store_n(&child_gone, 1, __ATOMIC_SEQ_CST);
}

/* Answer the child's notifications until its last; the count, or -1. */
static long supervise(const int sock, const bool deny)
{
	struct seccomp_notif req;
	const char *what;
	long seen = 0;
	int fd, ret;

	fd = recv_fd(sock);
	if (fd < 0)
		return -1;	/* the child failed before its filter */
	for (;;) {
		if (__atomic_load_n(&child_gone, __ATOMIC_SEQ_CST))
			break;
		ret = intercept_notify_one(fd, deny, &req, &what);
		if (ret < 0) {
			complain("seccomp-notify: %s: %s", what, strerror(errno));
			seen = -1;
			break;
		}
		if (ret == 0)
			continue;
		if (req.data.nr == NR_MARK && req.data.args[0] == MARK_BYE)
			break;
		seen++;
	}
	close(fd);
	return seen;
}

/* Wait for the tracee's next stop or end; false once it is gone. */
static bool next_stop(const pid_t pid, int *const status)
{
	while (waitpid(pid, status, __WALL) < 0) {
		if (errno != EINTR)
			return false;
	}
	return WIFSTOPPED(*status);
}

/* Wait for the child's end. */
static int reap(const pid_t pid, int *const status)
{
	while (waitpid(pid, status, __WALL) < 0) {
		if (errno != EINTR)
			return -1;
	}
	return 0;
}

/* The signal to pass on at a stop that is no syscall stop. */
static int pass_signal(const int status)
{
	const int sig = WSTOPSIG(status);

	if (status >> 16 == PTRACE_EVENT_STOP || sig == SIGTRAP)
		return 0;
	return sig;
}

/* PTRACE_SYSCALL: let every call through, count entries. */
static long trace_syscall(const pid_t pid, const bool deny, int *const status)
{
	struct __ptrace_syscall_info info;
	bool denying = false;
	long seen = 0;
	int sig = 0;

	for (;;) {
		if (ptrace(PTRACE_SYSCALL, pid, 0, sig))
			return -1;
		if (!next_stop(pid, status))
			return seen;
		sig = 0;
		if (WSTOPSIG(*status) != (SIGTRAP | 0x80)) {
			sig = pass_signal(*status);
			continue;
		}
		if (ptrace(PTRACE_GET_SYSCALL_INFO, pid, sizeof(info), &info) <= 0)
			return -1;
		if (info.op == PTRACE_SYSCALL_INFO_ENTRY) {
			seen++;
			if (deny && info.entry.nr == NR_DENIED) {
				denying = true;
				ptrace(PTRACE_POKEUSER, pid,
				       offsetof(struct user_regs_struct, orig_rax), -1L);
			}
		} else if (info.op == PTRACE_SYSCALL_INFO_EXIT && denying) {
			denying = false;
			ptrace(PTRACE_POKEUSER, pid,
			       offsetof(struct user_regs_struct, rax), (long)-EPERM);
		}
	}
}

/* What ptrace-sysemu's tracer knows of its tracee. */
struct sysemu {
	pid_t pid;
	bool deny;
	long zero_fd, vpid, vppid;
	struct utsname uts;
	char zeros[4096];
};

/* Carry out one call for the tracee; false if it is not emulated. */
static bool sysemu_call(struct sysemu *const t, struct user_regs_struct *r)
{
	struct iovec local, remote;
	long ret;

	switch (r->orig_rax) {
	case __NR_getpid:
		ret = t->vpid;
		break;
	case __NR_getppid:
		ret = t->deny ? -EPERM : t->vppid;
		break;
	case __NR_uname:
		local = (struct iovec){ &t->uts, sizeof(t->uts) };
		remote = (struct iovec){ (void *)r->rdi, sizeof(t->uts) };
		ret = process_vm_writev(t->pid, &local, 1, &remote, 1, 0) ==
			sizeof(t->uts) ? 0 : -EFAULT;
		break;
	case __NR_read:
		if ((long)r->rdi != t->zero_fd || t->zero_fd < 0)
			return false;
		local = (struct iovec){ t->zeros, r->rdx < sizeof(t->zeros) ?
					r->rdx : sizeof(t->zeros) };
		remote = (struct iovec){ (void *)r->rsi, local.iov_len };
		ret = process_vm_writev(t->pid, &local, 1, &remote, 1, 0);
		if (ret < 0)
			ret = -EFAULT;
		break;
	default:
		return false;
	}
	r->rax = ret;
	return true;
}

/* The child's /dev/zero, as it says at MARK_BEGIN: check it is one. */
static bool is_dev_zero(const pid_t pid, const long fd)
{
	char path[64], target[64];
	ssize_t n;

	if (fd < 0)
		return true;
	snprintf(path, sizeof(path), "/proc/%d/fd/%ld", pid, fd);
	n = readlink(path, target, sizeof(target) - 1);
	if (n < 0)
		return false;
	target[n] = 0;
	return !strcmp(target, "/dev/zero");
}

/*
 * PTRACE_SYSCALL until the child's MARK_BEGIN, then PTRACE_SYSEMU, every
 * call carried out here, until MARK_END.  The count of emulated calls.
 */
static long trace_sysemu(const pid_t pid, const bool deny, int *const status)
{
	struct __ptrace_syscall_info info;
	struct user_regs_struct regs;
	static struct sysemu t;
	bool emulating = false;
	long seen = 0;
	int sig = 0;

	memset(&t, 0, sizeof(t));
	t.pid = pid;
	t.deny = deny;
	t.zero_fd = -1;
	uname(&t.uts);
	for (;;) {
		if (ptrace(emulating ? PTRACE_SYSEMU : PTRACE_SYSCALL, pid, 0, sig))
			return -1;
		if (!next_stop(pid, status))
			return seen;
		sig = 0;
		if (WSTOPSIG(*status) != (SIGTRAP | 0x80)) {
			sig = pass_signal(*status);
			continue;
		}
		if (!emulating) {
			if (ptrace(PTRACE_GET_SYSCALL_INFO, pid, sizeof(info),
				   &info) <= 0)
				return -1;
			if (info.op != PTRACE_SYSCALL_INFO_ENTRY ||
			    info.entry.nr != NR_MARK ||
			    info.entry.args[0] != MARK_BEGIN)
				continue;
			t.zero_fd = info.entry.args[1];
			t.vpid = info.entry.args[2];
			t.vppid = info.entry.args[3];
			if (!is_dev_zero(pid, t.zero_fd)) {
				complain("ptrace-sysemu: fd %ld is no /dev/zero",
					 t.zero_fd);
				return -1;
			}
			emulating = true;
			continue;
		}
		/* Under SYSEMU every syscall stop is an entry. */
		if (ptrace(PTRACE_GETREGS, pid, 0, &regs))
			return -1;
		if (regs.orig_rax == NR_MARK && regs.rdi == MARK_END) {
			regs.rax = 0;
			emulating = false;
		} else if (sysemu_call(&t, &regs)) {
			seen++;
		} else {
			complain("ptrace-sysemu: syscall %llu is not emulated",
				 regs.orig_rax);
			return -1;
		}
		if (ptrace(PTRACE_SETREGS, pid, 0, &regs))
			return -1;
	}
}

/* The sandbox's decisions on @nr, of @action's type (0: all of them). */
static __u64 decisions(const __u64 *const counts, const int nr,
		       const __u32 action)
{
	__u64 sum = 0;
	int a;

	for (a = 0; a < KSENTRY_STATS_ACTIONS; a++) {
		if (!action || a == (int)(action >> 16) - 1)
			sum += counts[nr * KSENTRY_STATS_ACTIONS + a];
	}
	return sum;
}

/*
 * The calls the sandbox decided, for the workload's numbers: each must
 * have at least @need decisions (of the type @cfg answers them with, in
 * --check).  -1 if short.
 */
static long sandbox_seen(const int fd, const struct job *const job,
			 const long need)
{
	static __u64 counts[KSENTRY_STATS_SLOTS * KSENTRY_STATS_ACTIONS];
	const struct workload *wl = job->wl;
	long seen = 0;
	unsigned int i;
	__u32 want;

	if (intercept_sandbox_stats(fd, counts)) {
		complain("%s: reading the counters: %s", job->cfg->name,
			 strerror(errno));
		return -1;
	}
	for (i = 0; i < wl->nr_nrs; i++) {
		want = 0;
		if (wl->id == W_CHECK && wl->nrs[i] == NR_DENIED &&
		    (job->cfg->flags & F_DENIES))
			want = KSENTRY_ACT_ERRNO;
		else if (wl->id == W_CHECK)
			want = job->cfg->id == C_KSENTRY_EMULATE ?
			       KSENTRY_ACT_EMULATE : KSENTRY_ACT_ALLOW;
		if (decisions(counts, wl->nrs[i], want) <
		    (wl->nrs[i] == NR_DENIED && wl->id == W_CHECK ? 1 : need)) {
			complain("%s: the sandbox decided %llu calls %d, not %ld",
				 job->cfg->name,
				 (unsigned long long)decisions(counts, wl->nrs[i], want),
				 wl->nrs[i], need);
			return -1;
		}
		seen += decisions(counts, wl->nrs[i], 0);
	}
	return seen;
}

/*
 * Start the child, held until released: pid 1 of a new pid namespace, or,
 * where none can be made and the configuration needs no sandbox, forked.
 */
static pid_t spawn(struct job *const job, int *const release)
{
	pid_t pid;

	job->newpid = true;
	pid = spawn_held(release);
	if (pid < 0 && (errno == EPERM || errno == EINVAL) &&
	    !(job->cfg->flags & F_SANDBOX)) {
		if (verbose)
			complain("note: no new pid namespace (%s): forking",
				 strerror(errno));
		job->newpid = false;
		pid = spawn_held_flags(release, 0);
	}
	return pid;
}

/*
 * Run @job in a child; the child's figure in *@ns and what counted the
 * calls in *@seen (-1: nothing counts).  0, or 1 with the reason said.
 */
static int run_job(struct job *const job, double *const ns, long *const seen)
{
	const enum config_id id = job->cfg->id;
	int pipefd[2], sock[2], release = -1, status = 0, sandbox = -1, ret = 1;
	const bool traced = id == C_PTRACE_SYSCALL || id == C_PTRACE_SYSEMU;
	struct sigaction sa = { .sa_handler = on_sigchld };
	struct report rep;
	pid_t pid;

	*seen = -1;
	if (job->cfg->flags & F_SANDBOX) {
		sandbox = intercept_sandbox(id == C_KSENTRY_ERRNO ? TABLE_ERRNO :
					    id == C_KSENTRY_EMULATE ?
					    TABLE_EMULATE : TABLE_ALLOW,
					    last_why, sizeof(last_why));
		if (sandbox < 0) {
			complain("%s: %s", job->cfg->name, last_why);
			return 1;
		}
	}
	if (pipe(pipefd) || socketpair(AF_UNIX, SOCK_STREAM, 0, sock)) {
		complain("pipe: %s", strerror(errno));
		return 1;
	}
	/*
	 * The supervisor learns of an early end from SIGCHLD, without
	 * SA_RESTART so that it ends a blocked RECV.  No handler otherwise:
	 * a tracer would take it at every stop.
	 */
	__atomic_store_n(&child_gone, 0, __ATOMIC_SEQ_CST);
	if (id == C_SECCOMP_NOTIFY)
		sigaction(SIGCHLD, &sa, NULL);
	job->parent = getpid();
	pid = spawn(job, &release);
	if (pid == 0) {
		close(pipefd[0]);
		close(sock[0]);
		child_main(job, pipefd[1], sock[1]);
	}
	close(pipefd[1]);
	close(sock[1]);
	if (pid < 0) {
		complain("%s: starting the child: %s", job->cfg->name,
			 strerror(errno));
		goto out;
	}
	if (sandbox >= 0 && sandbox_bind_pid(sandbox, pid)) {
		complain("%s: binding the sandbox: %s", job->cfg->name,
			 strerror(errno));
		goto out_kill;
	}
	if (id == C_LOADED &&
	    intercept_unsandboxed(pid, last_why, sizeof(last_why))) {
		complain("ksentry-loaded: %s", last_why);
		goto out_kill;
	}
	if (traced) {
		if (ptrace(PTRACE_SEIZE, pid, 0,
			   PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL) ||
		    ptrace(PTRACE_INTERRUPT, pid, 0, 0) ||
		    !next_stop(pid, &status)) {
			complain("%s: attaching: %s", job->cfg->name,
				 strerror(errno));
			goto out_kill;
		}
	}
	release_child(release);
	release = -1;
	if (id == C_PTRACE_SYSCALL)
		*seen = trace_syscall(pid, job->deny, &status);
	else if (id == C_PTRACE_SYSEMU)
		*seen = trace_sysemu(pid, job->deny, &status);
	else if (id == C_SECCOMP_NOTIFY)
		*seen = supervise(sock[0], job->deny);
	if (traced && *seen < 0)
		goto out_kill;
	if (!traced && reap(pid, &status)) {
		complain("waiting: %s", strerror(errno));
		goto out;
	}
	if (read(pipefd[0], &rep, sizeof(rep)) != sizeof(rep)) {
		complain("%s: the child died without a result (status 0x%x)",
			 job->cfg->name, status);
		goto out;
	}
	if (rep.why[0]) {
		complain("%s %s: %s", job->cfg->name, job->wl->name, rep.why);
		goto out;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		complain("%s: the child ended with status 0x%x", job->cfg->name,
			 status);
		goto out;
	}
	if (id == C_SUD)
		*seen = rep.handled;
	if (sandbox >= 0)
		*seen = sandbox_seen(sandbox, job, job->wl->id == W_CHECK ?
				     CHECK_CALLS : job->loops);
	if ((job->cfg->flags & F_COUNTS) && *seen < 0) {
		if (sandbox < 0)
			complain("%s: nothing counted the calls", job->cfg->name);
		goto out;
	}
	*ns = rep.ns;
	ret = 0;
	goto out;
out_kill:
	kill(pid, SIGKILL);
	reap(pid, &status);
out:
	sa.sa_handler = SIG_DFL;
	sigaction(SIGCHLD, &sa, NULL);
	if (release >= 0)
		close(release);
	close(pipefd[0]);
	close(sock[0]);
	if (sandbox >= 0)
		close(sandbox);
	return ret;
}

/* ------------------------------------------------------------------ */
/* Commands.                                                           */

static const char usage[] =
	"usage: micro --list\n"
	"       micro --check CONFIG\n"
	"       micro [-v] CONFIG WORKLOAD LOOPS\n"
	"\n"
	"Runs LOOPS iterations of WORKLOAD under CONFIG in a fresh child and\n"
	"prints \"sample CONFIG WORKLOAD NS_PER_ITER\".  --check proves that\n"
	"CONFIG intercepts.  Exit status: 0 done, 1 failed, 2 not applicable.\n";

static const struct config *find_config(const char *const name)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(configs); i++) {
		if (!strcmp(configs[i].name, name))
			return &configs[i];
	}
	return NULL;
}

static const struct workload *find_workload(const char *const name)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(workloads); i++) {
		if (!strcmp(workloads[i].name, name))
			return &workloads[i];
	}
	return NULL;
}

static int cmd_list(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(configs); i++)
		printf("config %s\n", configs[i].name);
	for (i = 0; i < ARRAY_SIZE(workloads); i++)
		printf("workload %s\n", workloads[i].name);
	return 0;
}

static int cmd_check(const struct config *const cfg)
{
	struct job job = {
		.cfg = cfg, .wl = &check_workload,
		.deny = cfg->flags & F_CAN_DENY,
	};
	double ns;
	long seen;

	quiet = true;
	if (run_job(&job, &ns, &seen)) {
		printf("check %s fail %s\n", cfg->name, last_why);
		return 1;
	}
	if ((cfg->flags & F_COUNTS) && seen < CHECK_CALLS + 1) {
		printf("check %s fail saw=%ld, fewer than the %d calls made\n",
		       cfg->name, seen, CHECK_CALLS + 1);
		return 1;
	}
	if (cfg->flags & F_COUNTS)
		printf("check %s ok saw=%ld\n", cfg->name, seen);
	else
		printf("check %s ok\n", cfg->name);
	return 0;
}

/* Why @wl cannot run under @cfg, or NULL. */
static const char *not_applicable(const struct config *const cfg,
				  const struct workload *const wl)
{
	if (wl->id == W_DENIED && !(cfg->flags & (F_CAN_DENY | F_DENIES)))
		return "nothing is denied in this configuration";
	if (wl->id == W_GETPPID && (cfg->flags & F_DENIES))
		return "getppid is the call this configuration denies (see denied)";
	if (cfg->id == C_PTRACE_SYSEMU &&
	    (wl->id == W_OPENAT || wl->id == W_MEMINFO))
		return "the tracer does not emulate the open family (no file table)";
	return NULL;
}

/* Make openat's file, in $TMPDIR. */
static int make_file(struct job *const job)
{
	const char *dir = getenv("TMPDIR");
	int fd;

	snprintf(job->path, sizeof(job->path), "%s/micro-openat.%d",
		 dir && *dir ? dir : "/tmp", getpid());
	fd = open(job->path, O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		complain("%s: %s", job->path, strerror(errno));
		return -1;
	}
	close(fd);
	return 0;
}

static int cmd_sample(const struct config *const cfg,
		      const struct workload *const wl, const long loops)
{
	struct job job = { .cfg = cfg, .wl = wl, .loops = loops };
	const char *why = not_applicable(cfg, wl);
	long seen, need;
	double ns;
	int ret;

	if (why) {
		fprintf(stderr, "micro: %s %s: n/a: %s\n", cfg->name, wl->name,
			why);
		return 2;
	}
	job.deny = wl->id == W_DENIED && (cfg->flags & F_CAN_DENY);
	job.warm = loops / 10 < 1 ? 1 : loops / 10 > 10000 ? 10000 : loops / 10;
	if (wl->id == W_OPENAT && make_file(&job))
		return 1;
	ret = run_job(&job, &ns, &seen);
	if (wl->id == W_OPENAT)
		unlink(job.path);
	if (ret)
		return 1;
	/* Whatever counts must have seen every timed call. */
	need = loops * wl->nr_nrs;
	if ((cfg->flags & F_COUNTS) && !(cfg->flags & F_SANDBOX) &&
	    seen < need) {
		complain("%s %s: saw %ld calls, fewer than the %ld timed",
			 cfg->name, wl->name, seen, need);
		return 1;
	}
	if (verbose && (cfg->flags & F_COUNTS))
		fprintf(stderr, "micro: %s %s: saw=%ld\n", cfg->name, wl->name,
			seen);
	printf("sample %s %s %.3f\n", cfg->name, wl->name, ns);
	return 0;
}

int main(int argc, char **argv)
{
	const struct workload *wl;
	const struct config *cfg;
	char *end;
	long loops;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc > 1 && !strcmp(argv[1], "-v")) {
		verbose = true;
		argc--;
		argv++;
	}
	if (argc == 2 && !strcmp(argv[1], "--list"))
		return cmd_list();
	if (argc == 3 && !strcmp(argv[1], "--check")) {
		cfg = find_config(argv[2]);
		if (cfg)
			return cmd_check(cfg);
		complain("unknown configuration %s (see --list)", argv[2]);
		return 1;
	}
	if (argc != 4) {
		fputs(usage, stderr);
		return 1;
	}
	cfg = find_config(argv[1]);
	wl = find_workload(argv[2]);
	loops = strtol(argv[3], &end, 10);
	if (!cfg || !wl || *end || loops < 1) {
		complain("unknown %s %s (see --list)", !cfg ? "configuration" :
			 !wl ? "workload" : "loop count",
			 !cfg ? argv[1] : !wl ? argv[2] : argv[3]);
		return 1;
	}
	return cmd_sample(cfg, wl, loops);
}
