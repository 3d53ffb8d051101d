/* SPDX-License-Identifier: GPL-2.0 */
/*
 * runsc-lite - the container process: identity, limits and exec
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * The last steps before the container's process image runs, in this
 * order: rlimits, oomScoreAdj, the working directory, user and groups
 * (keeping capabilities across the uid change), umask, capabilities (all
 * five sets, bounding first), no_new_privs, then execve with the spec's
 * environment, resolving args[0] through PATH from that environment.
 */

#ifndef _RUNSC_LITE_PROCESS_H
#define _RUNSC_LITE_PROCESS_H

#include <stddef.h>

struct spec_process;

/**
 * process_prepare - Apply @proc's identity and limits to the caller
 * @proc: The process to become.
 * @err: Receives the reason on failure ("set rlimit RLIMIT_NOFILE:
 *       Operation not permitted").
 * @errlen: Size of @err.
 *
 * Everything up to, not including, execve.  no_new_privs is set last,
 * once nothing more needs privilege.
 *
 * Return: 0, or -1 with @err set.
 */
int process_prepare(const struct spec_process *proc, char *err, size_t errlen);

/**
 * process_find - Check that @proc's args[0] can be run, as "create" must
 * @proc: The process, after process_prepare(): the check is made with its
 *        identity, in its root and working directory.
 * @err: Receives the reason on failure ("find the container's
 *       process.args[0] 'foo' in its PATH /bin: No such file or
 *       directory").
 * @errlen: Size of @err.
 *
 * An args[0] with a slash names a file; any other is looked up in PATH
 * from @proc's environment, as process_exec() does.  The file must exist,
 * be a regular file and be executable by the caller.
 *
 * Return: 0, or -1 with @err set and errno kept.
 */
int process_find(const struct spec_process *proc, char *err, size_t errlen);

/**
 * process_exec - Execute @proc's args with @proc's environment
 * @proc: The process.
 * @err: Receives the reason on failure ("exec 'foo': No such file or
 *       directory").
 * @errlen: Size of @err.
 *
 * Return: Only on failure: -1 with @err set and errno kept.
 */
int process_exec(const struct spec_process *proc, char *err, size_t errlen);

/* The CAP_* bit mask of the capabilities runsc-lite knows (0..40). */
unsigned long long process_all_caps(void);

#endif /* _RUNSC_LITE_PROCESS_H */
