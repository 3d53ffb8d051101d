/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksentry - the research benchmark's interceptions, shared by micro.c
 * (the micro workloads) and under.c (a program under a configuration)
 *
 * Copyright (C) 2026 The ksentry authors
 */

#ifndef _KSENTRY_BENCH_INTERCEPT_H
#define _KSENTRY_BENCH_INTERCEPT_H

#include <linux/filter.h>
#include <linux/types.h>
#include <linux/seccomp.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/syscall.h>
#include <sys/types.h>

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

/* The denied call of the checks: getppid, refused with EPERM. */
#define NR_DENIED __NR_getppid

/* seccomp-arg's argument test: arg0 == ARG_MAGIC fails with EDOM. */
#define ARG_MAGIC 0x5ecc0de5a7e11a7eULL

#define LD_ARCH BPF_STMT(BPF_LD | BPF_W | BPF_ABS, \
			 offsetof(struct seccomp_data, arch))
#define LD_NR BPF_STMT(BPF_LD | BPF_W | BPF_ABS, \
		       offsetof(struct seccomp_data, nr))
#define LD_ARG0(half) BPF_STMT(BPF_LD | BPF_W | BPF_ABS, \
			       offsetof(struct seccomp_data, args[0]) + (half) * 4)
#define RET(v) BPF_STMT(BPF_RET | BPF_K, (v))

/* Whether filters are loaded with SECCOMP_FILTER_FLAG_SPEC_ALLOW. */
bool intercept_spec_allow(void);

/*
 * Load a filter for the calling thread as runc and crun do: no-new-privs,
 * then seccomp(2) with SPEC_ALLOW (see intercept_spec_allow()) and @flags.
 * seccomp(2)'s result: 0, a listener fd, or -1 with errno.
 */
int intercept_load_filter(struct sock_filter *insns, size_t len,
			  unsigned int flags);

/* seccomp-allow: one RET_ALLOW, answered by the bitmap cache. */
int intercept_seccomp_allow(void);

/* seccomp-arg: reads arg0 for every call; @deny refuses getppid. */
int intercept_seccomp_arg(bool deny);

/*
 * seccomp-docker: Docker's default profile, built with libseccomp as runc
 * builds it; @deny leaves getppid to the default action.  0, or -1 with
 * the reason in @why.
 */
int intercept_seccomp_docker(bool deny, char *why, size_t len);

/*
 * seccomp user notification: receive one notification from the listener
 * @fd and answer it, with SECCOMP_USER_NOTIF_FLAG_CONTINUE, or -EPERM for
 * getppid when @deny.  1 with the call in *@req; 0 when there was none to
 * answer (interrupted, or the task went meanwhile); -1 with errno and
 * *@what naming the step that failed.
 */
int intercept_notify_one(int fd, bool deny, struct seccomp_notif *req,
			 const char **what);

/* The ksentry tables of the benchmark. */
enum intercept_table {
	TABLE_ALLOW,		/* everything ALLOW, ia32 and x32 included */
	TABLE_ERRNO,		/* the same, getppid ERRNO(EPERM) */
	TABLE_EMULATE,		/* the safe calls EMULATE, every virtual file */
};

/*
 * A sandbox holding @table's policy, not yet bound: its fd, or -1 with
 * errno and the reason in @why.
 */
int intercept_sandbox(enum intercept_table table, char *why, size_t len);

/*
 * The sandbox @fd's counters into @counts, KSENTRY_STATS_SLOTS *
 * KSENTRY_STATS_ACTIONS of them (decisions per call and action): the
 * ioctl's result.
 */
int intercept_sandbox_stats(int fd, __u64 *counts);

/*
 * ksentry-loaded's test: 0 when no sandbox holds @pid's pid namespace,
 * -1 with the reason in @why otherwise (or when the module is not loaded).
 */
int intercept_unsandboxed(pid_t pid, char *why, size_t len);

#endif /* _KSENTRY_BENCH_INTERCEPT_H */
