// SPDX-License-Identifier: GPL-2.0
/*
 * runsc-lite - namespaces: their names, and entering a running container's
 *
 * Copyright (C) 2026 The ksentry authors
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ns.h"
#include "runtime.h"		/* ARRAY_SIZE */

/* The namespaces of /proc/PID/ns that ns_enter() enters, user first. */
static const struct {
	const char *name;
	int type;
} proc_ns[] = {
	{ "user", CLONE_NEWUSER }, { "ipc", CLONE_NEWIPC },
	{ "uts", CLONE_NEWUTS }, { "net", CLONE_NEWNET },
	{ "pid", CLONE_NEWPID }, { "cgroup", CLONE_NEWCGROUP },
	{ "mnt", CLONE_NEWNS },
};

const char *ns_name(const int type)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(proc_ns); i++)
		if (proc_ns[i].type == type)
			return proc_ns[i].name;
	return "?";
}

int ns_enter(const pid_t pid, char *const err, const size_t errlen)
{
	char path[64], self[64];
	size_t i;
	int fd, e;

	for (i = 0; i < ARRAY_SIZE(proc_ns); i++) {
		char a[64] = "", b[64] = "";

		snprintf(path, sizeof(path), "/proc/%d/ns/%s", pid,
			 proc_ns[i].name);
		snprintf(self, sizeof(self), "/proc/self/ns/%s",
			 proc_ns[i].name);
		if (readlink(path, a, sizeof(a) - 1) < 0)
			goto fail;
		if (readlink(self, b, sizeof(b) - 1) >= 0 && !strcmp(a, b))
			continue;
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			goto fail;
		if (setns(fd, proc_ns[i].type)) {
			e = errno;
			close(fd);
			errno = e;
			goto fail;
		}
		close(fd);
	}
	return 0;
fail:
	snprintf(err, errlen, "enter the container's %s namespace: %s",
		 proc_ns[i].name, strerror(errno));
	return -1;
}
