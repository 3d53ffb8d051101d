// SPDX-License-Identifier: GPL-2.0
/*
 * runsc-lite - the ksentry client: sandboxes through /dev/ksentry
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * The only file of runsc-lite that issues ksentry ioctls.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "ksentry.h"
#include "policy.h"

static int open_dev(char *const err, const size_t errlen)
{
	int dev = open(KSENTRY_DEV, O_RDWR | O_CLOEXEC);

	if (dev >= 0)
		return dev;
	if (errno == ENOENT)
		snprintf(err, errlen,
			 "open %s: %s (hint: load the module with 'insmod ksentry.ko'; runsc-lite never runs a container unsandboxed unless asked to with --unsandboxed)",
			 KSENTRY_DEV, strerror(errno));
	else
		snprintf(err, errlen, "open %s: %s", KSENTRY_DEV, strerror(errno));
	return -1;
}

int ksentry_available(char *const err, const size_t errlen)
{
	__u32 version;
	int dev = open_dev(err, errlen);

	if (dev < 0)
		return -1;
	if (ioctl(dev, KSENTRY_IOCTL_GET_ABI_VERSION, &version)) {
		snprintf(err, errlen, "ask %s for its ABI version: %s",
			 KSENTRY_DEV, strerror(errno));
		close(dev);
		return -1;
	}
	close(dev);
	if (version < KSENTRY_ABI_VERSION) {
		snprintf(err, errlen,
			 "use ksentry: the module's ABI %u is older than this runtime's %u (hint: load the matching ksentry.ko)",
			 version, KSENTRY_ABI_VERSION);
		return -1;
	}
	return 0;
}

long ksentry_abi_version(void)
{
	__u32 version;
	int dev, err;

	dev = open(KSENTRY_DEV, O_RDONLY | O_CLOEXEC);
	if (dev < 0)
		return -1;
	err = ioctl(dev, KSENTRY_IOCTL_GET_ABI_VERSION, &version);
	close(dev);
	return err ? -1 : (long)version;
}

static int bind_pid(const int sandbox, const pid_t pid)
{
	struct ksentry_bind_attr bind = { .size = sizeof(bind) };
	char path[64];
	int ns, ret, saved;

	snprintf(path, sizeof(path), "/proc/%d/ns/pid", pid);
	ns = open(path, O_RDONLY | O_CLOEXEC);
	if (ns < 0)
		return -1;
	bind.pidns_fd = ns;
	ret = ioctl(sandbox, KSENTRY_SANDBOX_BIND, &bind);
	saved = errno;
	close(ns);
	errno = saved;
	return ret;
}

int ksentry_attach(const pid_t pid, const struct policy *const policy,
		   uint64_t *const id, char *const err, const size_t errlen)
{
	struct ksentry_create_attr create = { .size = sizeof(create) };
	struct ksentry_sandbox_info info;
	struct ksentry_policy_attr attr;
	int dev, sandbox, ret = -1;

	dev = open_dev(err, errlen);
	if (dev < 0)
		return -1;
	sandbox = ioctl(dev, KSENTRY_IOCTL_CREATE_SANDBOX, &create);
	close(dev);
	if (sandbox < 0) {
		snprintf(err, errlen, "create a ksentry sandbox: %s", strerror(errno));
		return -1;
	}
	policy_attr(policy, &attr);
	if (ioctl(sandbox, KSENTRY_SANDBOX_SET_POLICY, &attr)) {
		snprintf(err, errlen, "install the sandbox policy: %s%s",
			 strerror(errno), errno == E2BIG ?
			 " (hint: too many entries or rules for the module)" : "");
		goto out;
	}
	if (bind_pid(sandbox, pid)) {
		snprintf(err, errlen, "bind the sandbox to the pid namespace of %d: %s%s",
			 pid, strerror(errno), errno == EINVAL ?
			 " (hint: the container needs its own pid namespace)" : "");
		goto out;
	}
	memset(&info, 0, sizeof(info));
	info.size = sizeof(info);
	if (ioctl(sandbox, KSENTRY_SANDBOX_GET_INFO, &info)) {
		snprintf(err, errlen, "read the sandbox's id: %s", strerror(errno));
		goto out;
	}
	*id = info.id;
	ret = 0;
out:
	close(sandbox);
	return ret;
}

int ksentry_open(const pid_t pid)
{
	struct ksentry_open_attr attr = { .size = sizeof(attr) };
	char path[64];
	int dev, ns, fd, saved;

	snprintf(path, sizeof(path), "/proc/%d/ns/pid", pid);
	ns = open(path, O_RDONLY | O_CLOEXEC);
	if (ns < 0)
		return -1;
	dev = open(KSENTRY_DEV, O_RDWR | O_CLOEXEC);
	if (dev < 0) {
		saved = errno;
		close(ns);
		errno = saved;
		return -1;
	}
	attr.pidns_fd = ns;
	fd = ioctl(dev, KSENTRY_IOCTL_OPEN_SANDBOX, &attr);
	saved = errno;
	close(dev);
	close(ns);
	errno = saved;
	return fd;
}

int ksentry_stats(const int fd, ksentry_counts_row *counts)
{
	struct ksentry_stats_attr attr = {
		.size = sizeof(attr),
		.counts = (__u64)(uintptr_t)counts,
		.counts_size = sizeof(uint64_t) * KSENTRY_STATS_SLOTS *
			       KSENTRY_STATS_ACTIONS,
	};

	return ioctl(fd, KSENTRY_SANDBOX_GET_STATS, &attr);
}
