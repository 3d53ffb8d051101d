/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksentry - emulation: system calls answered inside the module
 *
 * Copyright (C) 2026 The ksentry authors
 */

#ifndef _KSENTRY_EMULATE_H
#define _KSENTRY_EMULATE_H

#include <linux/types.h>

struct cpumask;
struct file;
struct path;
struct ksentry_emu_view;
struct ksentry_sandbox;

/**
 * struct ksentry_emu_call - One call to answer
 * @sandbox: The caller's sandbox.
 * @args: The call's six arguments, read once from the registers.
 *
 * Handlers may fault and sleep, so they never hold the policy across
 * it: those that need the view read the policy in force under an
 * RCU-sched read side of their own (a policy replaced since the decision
 * gives its successor's view), which keeps the syscall path free of a
 * copy the others do not need.
 */
struct ksentry_emu_call {
	struct ksentry_sandbox *sandbox;
	const unsigned long *args;
};

u32 ksentry_emu_nr_cpus(const struct ksentry_emu_call *call);
bool ksentry_emu_memcg_limit(unsigned long *limit, unsigned long *usage);
u64 ksentry_emu_uptime_ns(const struct ksentry_sandbox *sandbox, u64 *up);
void ksentry_emu_sandbox_cpus(u32 nr_cpus, struct cpumask *mask);

void ksentry_emu_open_init(void);

u32 ksentry_vfile_of(const struct path *path, u32 vfiles);
struct file *ksentry_vfile_open(const struct ksentry_emu_call *call, u32 vfile,
				int flags);
int ksentry_vfile_init(void);
void ksentry_vfile_exit(void);

/*
 * A handler answers in *@ret and returns true, or returns false to pass
 * the call to the host (for the forms it does not emulate, such as
 * prlimit64() on another process).  It runs in process context, at
 * syscall entry, and may fault and sleep.
 */
typedef bool (*ksentry_emu_fn)(const struct ksentry_emu_call *call, long *ret);

bool ksentry_emulate(u32 handler, const struct ksentry_emu_call *call,
		     long *ret);

/* The handlers, one family per file of kmod/emulate/. */
bool ksentry_emu_getpid(const struct ksentry_emu_call *call, long *ret);
bool ksentry_emu_getppid(const struct ksentry_emu_call *call, long *ret);
bool ksentry_emu_gettid(const struct ksentry_emu_call *call, long *ret);
bool ksentry_emu_getuid(const struct ksentry_emu_call *call, long *ret);
bool ksentry_emu_geteuid(const struct ksentry_emu_call *call, long *ret);
bool ksentry_emu_getgid(const struct ksentry_emu_call *call, long *ret);
bool ksentry_emu_getegid(const struct ksentry_emu_call *call, long *ret);
bool ksentry_emu_getresuid(const struct ksentry_emu_call *call, long *ret);
bool ksentry_emu_getresgid(const struct ksentry_emu_call *call, long *ret);
bool ksentry_emu_getgroups(const struct ksentry_emu_call *call, long *ret);
bool ksentry_emu_getpgrp(const struct ksentry_emu_call *call, long *ret);
bool ksentry_emu_getsid(const struct ksentry_emu_call *call, long *ret);
bool ksentry_emu_uname(const struct ksentry_emu_call *call, long *ret);
bool ksentry_emu_sysinfo(const struct ksentry_emu_call *call, long *ret);
bool ksentry_emu_sched_getaffinity(const struct ksentry_emu_call *call,
				   long *ret);
bool ksentry_emu_getcpu(const struct ksentry_emu_call *call, long *ret);
bool ksentry_emu_getrlimit(const struct ksentry_emu_call *call, long *ret);
bool ksentry_emu_prlimit64(const struct ksentry_emu_call *call, long *ret);
bool ksentry_emu_getrandom(const struct ksentry_emu_call *call, long *ret);
bool ksentry_emu_open(const struct ksentry_emu_call *call, long *ret);
bool ksentry_emu_openat(const struct ksentry_emu_call *call, long *ret);
bool ksentry_emu_openat2(const struct ksentry_emu_call *call, long *ret);
bool ksentry_emu_creat(const struct ksentry_emu_call *call, long *ret);

#endif /* _KSENTRY_EMULATE_H */
