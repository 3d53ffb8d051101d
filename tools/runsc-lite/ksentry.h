/* SPDX-License-Identifier: GPL-2.0 */
/*
 * runsc-lite - the ksentry client: sandboxes through /dev/ksentry
 *
 * Copyright (C) 2026 The ksentry authors
 */

#ifndef _RUNSC_LITE_KSENTRY_H
#define _RUNSC_LITE_KSENTRY_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <linux/ksentry.h>

struct policy;

#define KSENTRY_DEV "/dev/ksentry"

/* One row of ksentry_stats(): a syscall slot's count per action. */
typedef uint64_t ksentry_counts_row[KSENTRY_STATS_ACTIONS];

/**
 * ksentry_attach - Sandbox the pid namespace of @pid under @policy
 * @pid: The container's init, in its new pid namespace.
 * @policy: The compiled policy.
 * @id: Receives the sandbox's id.
 * @err: Receives the reason on failure, with a hint when one helps.
 * @errlen: Size of @err.
 *
 * Creates a sandbox, installs @policy and binds it to @pid's pid
 * namespace; the sandbox then lives as long as the container does.
 *
 * Return: 0, or -1 with @err set.
 */
int ksentry_attach(pid_t pid, const struct policy *policy, uint64_t *id,
		   char *err, size_t errlen);

/* Check that /dev/ksentry answers; -1 with @err set (and a hint) if not. */
int ksentry_available(char *err, size_t errlen);

/* A new fd for the sandbox of @pid's pid namespace, or -1 with errno. */
int ksentry_open(pid_t pid);

/* The counters of sandbox @fd: KSENTRY_STATS_SLOTS rows. */
int ksentry_stats(int fd, ksentry_counts_row *counts);

/* The module's ABI version, or -1 with errno set. */
long ksentry_abi_version(void);

#endif /* _RUNSC_LITE_KSENTRY_H */
