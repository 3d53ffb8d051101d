// SPDX-License-Identifier: GPL-2.0
/*
 * ksentry - the /dev/ksentry misc device and its ioctls
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * This file is the only one that copies ABI structures from or to user
 * memory.  Everything it hands to the rest of the module has been copied
 * and validated first.
 */

#include "common.h"

#include <linux/compiler.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/uaccess.h>
#include <uapi/linux/ksentry.h>

#include "compat.h"
#include "dev.h"

/**
 * ioctl_get_abi_version - Handle %KSENTRY_IOCTL_GET_ABI_VERSION
 * @uversion: User pointer that receives the version.
 *
 * Return: 0, or -EFAULT if @uversion cannot be written.
 */
static long ioctl_get_abi_version(u32 __user *const uversion)
{
	const u32 version = KSENTRY_ABI_VERSION;

	if (put_user(version, uversion))
		return -EFAULT;
	return 0;
}

/**
 * fop_ioctl - Dispatch an ioctl on /dev/ksentry
 * @file: The open device.
 * @cmd: The full command, direction and size bits included.
 * @arg: The command's argument, a user pointer for every command so far.
 *
 * Commands are matched on their full encoding, so a caller that passes the
 * right number with the wrong size or direction is refused like an unknown
 * command.
 *
 * Return: The command's result, or -ENOTTY for an unknown command.
 */
static long fop_ioctl(struct file *const file, const unsigned int cmd,
		      const unsigned long arg)
{
	void __user *const uarg = (void __user *)arg;

	switch (cmd) {
	case KSENTRY_IOCTL_GET_ABI_VERSION:
		return ioctl_get_abi_version(uarg);
	default:
		return -ENOTTY;
	}
}

static const struct file_operations ksentry_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = fop_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = noop_llseek,
};

static struct miscdevice ksentry_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = KSENTRY_NAME,
	.fops = &ksentry_fops,
	.mode = 0600,
};

/**
 * ksentry_dev_init - Register /dev/ksentry
 *
 * Return: 0, or the error of misc_register().
 */
int __init ksentry_dev_init(void)
{
	return misc_register(&ksentry_misc);
}

/**
 * ksentry_dev_exit - Unregister /dev/ksentry
 *
 * The module's reference held by every open file keeps this from running
 * while the device is in use.
 */
void ksentry_dev_exit(void)
{
	misc_deregister(&ksentry_misc);
}

#ifdef KSENTRY_KUNIT_TEST
#include "tests/dev_kunit.c"
#endif /* KSENTRY_KUNIT_TEST */
