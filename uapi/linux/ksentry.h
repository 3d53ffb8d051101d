/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * ksentry - user-space API of /dev/ksentry
 *
 * Copyright (C) 2026 The ksentry authors
 */

#ifndef _UAPI_LINUX_KSENTRY_H
#define _UAPI_LINUX_KSENTRY_H

#include <linux/ioctl.h>
#include <linux/types.h>

/**
 * DOC: abi_version
 *
 * The ABI of /dev/ksentry carries one integer version.  It is bumped with
 * every user-visible feature, and a feature is never removed, so user space
 * can test ``version >= N`` before it relies on what version N added.
 *
 * Versions:
 *
 * 1. The misc device /dev/ksentry and %KSENTRY_IOCTL_GET_ABI_VERSION.
 */

/**
 * define KSENTRY_ABI_VERSION - The ABI version this header describes
 */
#define KSENTRY_ABI_VERSION 1

/**
 * define KSENTRY_IOC_MAGIC - The ioctl type byte of /dev/ksentry
 *
 * Command numbers under this magic are never renumbered or reused.
 */
#define KSENTRY_IOC_MAGIC 0xB9

/**
 * define KSENTRY_IOCTL_GET_ABI_VERSION - Read the module's ABI version
 *
 * The argument points to a __u32 that receives the version the loaded
 * module implements.  Compare it with %KSENTRY_ABI_VERSION.
 *
 * Return: 0 on success, or -1 with errno set to:
 *
 * - %EFAULT: the argument does not point to writable memory.
 */
#define KSENTRY_IOCTL_GET_ABI_VERSION _IOR(KSENTRY_IOC_MAGIC, 0x00, __u32)

#endif /* _UAPI_LINUX_KSENTRY_H */
