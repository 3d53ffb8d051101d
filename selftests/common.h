/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksentry - helpers shared by the selftests
 *
 * Copyright (C) 2026 The ksentry authors
 */

#ifndef _KSENTRY_SELFTESTS_COMMON_H
#define _KSENTRY_SELFTESTS_COMMON_H

#include <errno.h>
#include <fcntl.h>
#include <linux/ksentry.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define KSENTRY_DEV "/dev/ksentry"
#define KSENTRY_MODULE "ksentry"
#define KSENTRY_SYSFS_MODULE "/sys/module/" KSENTRY_MODULE

/* The module file the guest's init put in the initramfs. */
#define KSENTRY_KO "/ksentry/ksentry.ko"

static inline bool module_loaded(void)
{
	return access(KSENTRY_SYSFS_MODULE, F_OK) == 0;
}

static inline int unload_module(void)
{
	return syscall(__NR_delete_module, KSENTRY_MODULE, O_NONBLOCK);
}

/*
 * Unload, giving sandboxes that just lost their last reference a moment to
 * be destroyed: until then they keep the module busy.
 */
static inline int unload_module_settled(void)
{
	int tries;

	for (tries = 0; tries < 50; tries++) {
		if (!unload_module())
			return 0;
		if (errno != EWOULDBLOCK)
			return -1;
		usleep(100000);
	}
	return -1;
}

static inline int load_module(void)
{
	int fd, ret;

	fd = open(KSENTRY_KO, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ret = syscall(__NR_finit_module, fd, "", 0);
	close(fd);
	return ret;
}

/* Create a sandbox through /dev/ksentry; returns its fd or -1. */
static inline int sandbox_create(void)
{
	struct ksentry_create_attr attr = { .size = sizeof(attr) };
	int dev, fd;

	dev = open(KSENTRY_DEV, O_RDWR | O_CLOEXEC);
	if (dev < 0)
		return -1;
	fd = ioctl(dev, KSENTRY_IOCTL_CREATE_SANDBOX, &attr);
	close(dev);
	return fd;
}

/* Install a policy made of a default action, entries and rules. */
static inline int sandbox_set_policy(int sandbox, __u32 default_action,
				     const struct ksentry_entry *entries,
				     __u32 nr_entries,
				     const struct ksentry_rule *rules,
				     __u32 nr_rules)
{
	struct ksentry_policy_attr attr = {
		.size = sizeof(attr),
		.default_action = default_action,
		.nr_entries = nr_entries,
		.nr_rules = nr_rules,
		.entries = (__u64)(uintptr_t)entries,
		.rules = (__u64)(uintptr_t)rules,
	};

	return ioctl(sandbox, KSENTRY_SANDBOX_SET_POLICY, &attr);
}

/* Bind a sandbox to the pid namespace of @pid. */
static inline int sandbox_bind_pid(int sandbox, pid_t pid)
{
	struct ksentry_bind_attr attr = { .size = sizeof(attr) };
	char path[64];
	int ns, ret;

	snprintf(path, sizeof(path), "/proc/%d/ns/pid", pid);
	ns = open(path, O_RDONLY | O_CLOEXEC);
	if (ns < 0)
		return -1;
	attr.pidns_fd = ns;
	ret = ioctl(sandbox, KSENTRY_SANDBOX_BIND, &attr);
	close(ns);
	return ret;
}

static inline int sandbox_info(int sandbox, struct ksentry_sandbox_info *info)
{
	memset(info, 0, sizeof(*info));
	info->size = sizeof(*info);
	return ioctl(sandbox, KSENTRY_SANDBOX_GET_INFO, info);
}

/*
 * Start a child with clone(2) and @flags (CLONE_NEWPID: as pid 1 of a new
 * pid namespace; 0: as fork(2) does), held: in the child, returns 0 once
 * the parent has called release_child().  In the parent, returns the
 * child's pid and the fd that releases it, or -1 with errno.
 */
static inline pid_t spawn_held_flags(int *release_fd, unsigned long flags)
{
	int go[2], err;
	pid_t pid;
	char c;

	if (pipe2(go, O_CLOEXEC))
		return -1;
	pid = syscall(__NR_clone, flags | SIGCHLD, 0, 0, 0, 0);
	if (pid == 0) {
		close(go[1]);
		if (read(go[0], &c, 1) != 1)
			_exit(99);
		close(go[0]);
		return 0;
	}
	if (pid < 0) {
		err = errno;
		close(go[0]);
		close(go[1]);
		errno = err;
		return -1;
	}
	close(go[0]);
	*release_fd = go[1];
	return pid;
}

/* spawn_held_flags() of a child that is pid 1 of a new pid namespace. */
static inline pid_t spawn_held(int *release_fd)
{
	return spawn_held_flags(release_fd, CLONE_NEWPID);
}

static inline void release_child(int release_fd)
{
	if (write(release_fd, "g", 1) != 1)
		abort();
	close(release_fd);
}

#endif /* _KSENTRY_SELFTESTS_COMMON_H */
