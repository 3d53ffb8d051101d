// SPDX-License-Identifier: GPL-2.0
/*
 * runsc-lite - the default policy, for a container without linux.seccomp
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * runsc-lite's own allowlist, the argument rules of personality, socket
 * and clone, and the calls each capability opens, compiled with the same
 * compiler as a profile so that the result has the same shape (rules 6
 * and 8 of policy.c included).
 */

#define _GNU_SOURCE
#include <errno.h>
#include <linux/capability.h>
#include <linux/ksentry.h>
#include <sched.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/socket.h>

#include "policy-internal.h"

/*
 * runsc-lite's own allowlist: the x86-64 calls an ordinary container makes,
 * with the decisions of Docker's default profile where that has one, and
 * stricter where noted.  What is not listed fails with EPERM, and calls
 * newer than the list with ENOSYS (rule 6).  Removed from what Docker
 * allows: io_uring_setup, io_uring_enter and io_uring_register (ksentry
 * cannot decide the operations behind them), vmsplice (podman denies it
 * too), socket(AF_VSOCK) (as newer Docker releases), and the obsolete
 * epoll_ctl_old and epoll_wait_old.
 */
static const char *const allow_always[] = {
	/* Reading and writing descriptors. */
	"read", "write", "readv", "writev", "pread64", "pwrite64", "preadv",
	"pwritev", "preadv2", "pwritev2", "lseek", "sendfile", "splice", "tee",
	"copy_file_range",
	/* Making and closing descriptors. */
	"open", "openat", "openat2", "creat", "close", "close_range", "dup",
	"dup2", "dup3", "pipe", "pipe2", "memfd_create", "memfd_secret",
	/* Controlling descriptors and what they reach. */
	"fcntl", "ioctl", "flock", "fsync", "fdatasync", "sync", "syncfs",
	"sync_file_range", "fallocate", "fadvise64", "readahead", "truncate",
	"ftruncate",
	/* Reading the file tree. */
	"stat", "fstat", "lstat", "newfstatat", "statx", "statfs", "fstatfs",
	"access", "faccessat", "faccessat2", "readlink", "readlinkat",
	"getdents", "getdents64", "getcwd", "chdir", "fchdir", "umask",
	/* Changing the file tree. */
	"mkdir", "mkdirat", "rmdir", "rename", "renameat", "renameat2", "link",
	"linkat", "symlink", "symlinkat", "unlink", "unlinkat", "mknod",
	"mknodat", "chmod", "fchmod", "fchmodat", "chown",
	"fchown", "lchown", "fchownat", "utime", "utimes", "utimensat",
	"futimesat",
	/* Extended attributes. */
	"getxattr", "lgetxattr", "fgetxattr", "setxattr", "lsetxattr",
	"fsetxattr", "listxattr", "llistxattr", "flistxattr", "removexattr",
	"lremovexattr", "fremovexattr",
	/* Watching files. */
	"inotify_init", "inotify_init1", "inotify_add_watch",
	"inotify_rm_watch", "fanotify_mark",
	/* Waiting on descriptors, and descriptors made for waiting. */
	"select", "pselect6", "poll", "ppoll", "epoll_create", "epoll_create1",
	"epoll_ctl", "epoll_wait", "epoll_pwait", "epoll_pwait2", "eventfd",
	"eventfd2", "signalfd", "signalfd4", "timerfd_create",
	"timerfd_settime", "timerfd_gettime",
	/* POSIX asynchronous I/O (not io_uring). */
	"io_setup", "io_destroy", "io_submit", "io_cancel", "io_getevents",
	"io_pgetevents",
	/* Memory. */
	"brk", "mmap", "munmap", "mremap", "mprotect", "madvise", "mincore",
	"msync", "mlock", "mlock2", "munlock", "mlockall", "munlockall",
	"remap_file_pages", "membarrier",
	/* Processes and threads. */
	"fork", "vfork", "execve", "execveat", "exit", "exit_group", "wait4",
	"waitid", "set_tid_address", "set_robust_list", "get_robust_list",
	"rseq", "futex", "futex_waitv", "arch_prctl", "prctl", "seccomp",
	"restart_syscall",
	"get_thread_area", "set_thread_area", "modify_ldt", "capget", "capset",
	"landlock_create_ruleset", "landlock_add_rule",
	"landlock_restrict_self",
	/* Process identity, groups and sessions. */
	"getpid", "getppid", "gettid", "getpgid", "setpgid", "getpgrp",
	"getsid", "setsid", "getuid", "geteuid", "getgid", "getegid",
	"getresuid", "getresgid", "getgroups", "setuid", "setgid", "setreuid",
	"setregid", "setresuid", "setresgid", "setgroups", "setfsuid",
	"setfsgid",
	/* Signals. */
	"kill", "tkill", "tgkill", "rt_sigaction", "rt_sigprocmask",
	"rt_sigreturn", "rt_sigpending", "rt_sigtimedwait", "rt_sigqueueinfo",
	"rt_tgsigqueueinfo", "rt_sigsuspend", "sigaltstack", "pause", "alarm",
	"pidfd_open", "pidfd_send_signal", "process_mrelease",
	/* Scheduling, limits and accounting. */
	"sched_yield", "sched_getaffinity", "sched_setaffinity",
	"sched_getparam", "sched_setparam", "sched_getscheduler",
	"sched_setscheduler", "sched_get_priority_max",
	"sched_get_priority_min", "sched_rr_get_interval", "sched_getattr",
	"sched_setattr", "getpriority", "setpriority", "ioprio_get",
	"ioprio_set", "getrusage", "getrlimit", "setrlimit", "prlimit64",
	"times", "sysinfo", "uname", "getcpu", "getrandom",
	/* Time: reading it, sleeping, timers.  Setting it needs CAP_SYS_TIME. */
	"nanosleep", "clock_nanosleep", "clock_gettime", "clock_getres",
	"gettimeofday", "time", "getitimer", "setitimer", "timer_create",
	"timer_settime", "timer_gettime", "timer_getoverrun", "timer_delete",
	"adjtimex", "clock_adjtime",
	/* Sockets; socket itself has a rule. */
	"socketpair", "bind", "connect", "listen", "accept", "accept4",
	"getsockname", "getpeername", "sendto", "recvfrom", "sendmsg",
	"recvmsg", "sendmmsg", "recvmmsg", "shutdown", "setsockopt",
	"getsockopt",
	/* System V and POSIX IPC, confined by the IPC namespace. */
	"msgget", "msgsnd", "msgrcv", "msgctl", "semget", "semop",
	"semtimedop", "semctl", "shmget", "shmat", "shmdt", "shmctl",
	"mq_open", "mq_unlink", "mq_timedsend", "mq_timedreceive",
	"mq_notify", "mq_getsetattr",
	/*
	 * Docker allows ptrace from Linux 4.8, where seccomp re-checks a call
	 * a tracer rewrote.  ksentry needs 6.1, and refuses members the
	 * syscall-entry stops that could rewrite a call.
	 */
	"ptrace",
};

/* The calls a capability opens, as in Docker's profile; NULL-terminated. */
static const char *const sys_admin[] = {
	"bpf", "clone", "clone3", "fanotify_init", "fsconfig", "fsmount",
	"fsopen", "fspick", "lookup_dcookie", "mount", "mount_setattr",
	"move_mount", "name_to_handle_at", "open_tree", "perf_event_open",
	"quotactl", "quotactl_fd", "setdomainname", "sethostname", "setns",
	"syslog", "umount2", "unshare", NULL
};

static const char *const sys_module[] = {
	"init_module", "finit_module", "delete_module", NULL
};

static const char *const sys_ptrace[] = {
	"kcmp", "pidfd_getfd", "process_madvise", "process_vm_readv",
	"process_vm_writev", NULL
};

static const char *const sys_nice[] = {
	"get_mempolicy", "set_mempolicy", "mbind",
	NULL
};

static const struct {
	int cap;
	const char *const *names;
} cap_groups[] = {
	{ CAP_SYS_ADMIN, sys_admin },
	{ CAP_DAC_READ_SEARCH, (const char *const[]){ "open_by_handle_at", NULL } },
	{ CAP_SYS_BOOT, (const char *const[]){ "reboot", NULL } },
	{ CAP_SYS_CHROOT, (const char *const[]){ "chroot", NULL } },
	{ CAP_SYS_MODULE, sys_module },
	{ CAP_SYS_PACCT, (const char *const[]){ "acct", NULL } },
	{ CAP_SYS_PTRACE, sys_ptrace },
	{ CAP_SYS_RAWIO, (const char *const[]){ "iopl", "ioperm", NULL } },
	{ CAP_SYS_TIME,
	  (const char *const[]){ "settimeofday", "clock_settime", NULL } },
	{ CAP_SYS_TTY_CONFIG, (const char *const[]){ "vhangup", NULL } },
	{ CAP_SYS_NICE, sys_nice },
	{ CAP_SYSLOG, (const char *const[]){ "syslog", NULL } },
	{ CAP_BPF, (const char *const[]){ "bpf", NULL } },
	{ CAP_PERFMON, (const char *const[]){ "perf_event_open", NULL } },
};

/* The clone flags that make namespaces, which only CAP_SYS_ADMIN may. */
#define CLONE_NS_FLAGS                                                      \
	(CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC |      \
	 CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET)

/* The personalities a container may take, and 0xffffffff, which asks. */
static const __u64 personalities[] = {
	PER_LINUX, PER_LINUX32, UNAME26, PER_LINUX32 | UNAME26, 0xffffffffULL,
};

/* add_cond_rule - @action for @name when arg @arg passes one test. */
static int add_cond_rule(struct compiler *c, const char *name,
			 const __u32 action, const __u32 arg, const __u32 op,
			 const __u64 mask, const __u64 value)
{
	const struct ksentry_rule rule = {
		.nr_conds = 1,
		.conds[0] = { .arg = arg, .op = op, .mask = mask, .value = value },
	};

	return compiler_add_name(c, name, action, &rule);
}

/* default_rules - The argument rules and capability groups of the default. */
static int default_rules(struct compiler *c, const uint64_t caps)
{
	const __u32 allow = KSENTRY_ACT_ALLOW;
	size_t i, j;
	int ret = 0;

	for (i = 0; i < ARRAY_SIZE(personalities); i++)
		ret |= add_cond_rule(c, "personality", allow, 0, KSENTRY_CMP_EQ,
				     ~0ULL, personalities[i]);
	ret |= add_cond_rule(c, "socket", allow, 0, KSENTRY_CMP_NE, ~0ULL,
			     AF_VSOCK);
	if (!(caps & POLICY_CAP(CAP_SYS_ADMIN))) {
		ret |= add_cond_rule(c, "clone", allow, 0,
				     KSENTRY_CMP_MASKED_EQ, CLONE_NS_FLAGS, 0);
		/* So that glibc falls back to clone, whose flags are seen. */
		ret |= compiler_add_name(c, "clone3", KSENTRY_ACT_ERRNO_OF(ENOSYS), NULL);
	}
	for (i = 0; i < ARRAY_SIZE(cap_groups); i++) {
		if (!(caps & POLICY_CAP(cap_groups[i].cap)))
			continue;
		for (j = 0; cap_groups[i].names[j]; j++)
			ret |= compiler_add_name(c, cap_groups[i].names[j], allow, NULL);
	}
	return ret;
}

int policy_default(const uint64_t caps, struct policy *out)
{
	struct policy_error err;
	struct compiler *c;
	size_t i;
	int ret = 0;

	memset(out, 0, sizeof(*out));
	c = compiler_new(caps, &err);
	if (!c) {
		errno = ENOMEM;
		return -1;
	}
	c->default_action = KSENTRY_ACT_ERRNO_OF(EPERM);
	/* As Docker's archMap: ia32 and x32 get the default's EPERM. */
	c->ia32_listed = true;
	c->x32_listed = true;
	for (i = 0; i < ARRAY_SIZE(allow_always); i++)
		ret |= compiler_add_name(c, allow_always[i], KSENTRY_ACT_ALLOW, NULL);
	ret |= default_rules(c, caps);
	if (ret || compiler_finish(c, out)) {
		compiler_free(c);
		policy_free(out);
		errno = ENOMEM;
		return -1;
	}
	compiler_free(c);
	return 0;
}
