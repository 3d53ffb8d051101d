/* SPDX-License-Identifier: GPL-2.0 */
/*
 * runsc-lite - cgroup v2: the container's cgroup and its limits
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * The container's cgroup is /sys/fs/cgroup/ + linux.cgroupsPath, or
 * /sys/fs/cgroup/runsc-lite/ID by default.  Only the unified hierarchy is
 * supported; systemd's "slice:prefix:name" form is refused.
 */

#ifndef _RUNSC_LITE_CGROUP_H
#define _RUNSC_LITE_CGROUP_H

#include <stddef.h>
#include <sys/types.h>

struct spec;

#define CGROUP_ROOT "/sys/fs/cgroup"

/**
 * cgroup_create - Create the container's cgroup and write its limits
 * @spec: The spec (linux.cgroupsPath, linux.resources).
 * @id: The container id.
 * @path: Receives the cgroup directory; "" when cgroup v2 is not mounted
 *        and no limit was asked for (then the container gets no cgroup).
 * @size: Size of @path.
 * @err: Receives the reason on failure.
 * @errlen: Size of @err.
 *
 * Return: 0, or -1 with @err set and nothing left behind.
 */
int cgroup_create(const struct spec *spec, const char *id, char *path,
		  size_t size, char *err, size_t errlen);

/* Move @pid into the cgroup @path. */
int cgroup_add(const char *path, pid_t pid);

/* The pids in @path (cgroup.procs); *@pids is malloc()ed. */
int cgroup_pids(const char *path, pid_t **pids, size_t *nr);

/* Send @sig to every process of @path. */
int cgroup_signal_all(const char *path, int sig);

/* Kill what is left in @path and remove it; a missing cgroup is fine. */
int cgroup_destroy(const char *path);

#endif /* _RUNSC_LITE_CGROUP_H */
