/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksentry - helpers shared by the selftests
 *
 * Copyright (C) 2026 The ksentry authors
 */

#ifndef _KSENTRY_SELFTESTS_COMMON_H
#define _KSENTRY_SELFTESTS_COMMON_H

#include <fcntl.h>
#include <stdbool.h>
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

#endif /* _KSENTRY_SELFTESTS_COMMON_H */
