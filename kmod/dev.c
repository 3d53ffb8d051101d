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

#include <linux/anon_inodes.h>
#include <linux/capability.h>
#include <linux/compiler.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/magic.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/pid_namespace.h>
#include <linux/proc_ns.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <uapi/linux/ksentry.h>

#include "compat.h"
#include "dev.h"
#include "pathrule.h"
#include "policy.h"
#include "sandbox.h"
#include "stats.h"
#include "task.h"

/* The first version of each extensible struct: the smallest size accepted. */
#define CREATE_ATTR_SIZE_VER0 8
#define POLICY_ATTR_SIZE_VER0 48
#define POLICY_ATTR_SIZE_VER1 56
#define POLICY_ATTR_SIZE_VER2 72
#define POLICY_ATTR_SIZE_VER3 88
#define EMU_ATTR_SIZE_VER0 344
#define BIND_ATTR_SIZE_VER0 16
#define SANDBOX_INFO_SIZE_VER0 32
#define STATS_ATTR_SIZE_VER0 24
#define OPEN_ATTR_SIZE_VER0 16

static_assert(sizeof(struct ksentry_create_attr) == CREATE_ATTR_SIZE_VER0);
static_assert(sizeof(struct ksentry_policy_attr) == POLICY_ATTR_SIZE_VER3);
static_assert(sizeof(struct ksentry_path_rule) == 16);
static_assert(sizeof(struct ksentry_emu_attr) == EMU_ATTR_SIZE_VER0);
static_assert(sizeof(struct ksentry_bind_attr) == BIND_ATTR_SIZE_VER0);
static_assert(sizeof(struct ksentry_sandbox_info) == SANDBOX_INFO_SIZE_VER0);
static_assert(sizeof(struct ksentry_stats_attr) == STATS_ATTR_SIZE_VER0);
static_assert(sizeof(struct ksentry_open_attr) == OPEN_ATTR_SIZE_VER0);
static_assert(sizeof(struct ksentry_entry) == 8);
static_assert(sizeof(struct ksentry_cond) == 24);
static_assert(sizeof(struct ksentry_rule) == 16 + 24 * KSENTRY_MAX_CONDS);

/**
 * copy_attr - Copy an extensible struct whose first field is its size
 * @dst: Kernel copy, @ksize bytes.
 * @ksize: Size of the struct this module knows.
 * @min_size: Size of the struct's first version.
 * @uarg: The user's struct.
 *
 * Return: 0; -EFAULT if the struct cannot be read; -EINVAL if its size is
 * below the first version; -E2BIG if it is larger than a page, or larger
 * than @ksize with non-zero bytes past @ksize.
 */
static int copy_attr(void *const dst, const size_t ksize, const size_t min_size,
		     const void __user *const uarg)
{
	u32 usize;

	if (get_user(usize, (const u32 __user *)uarg))
		return -EFAULT;
	if (usize < min_size)
		return -EINVAL;
	if (usize > PAGE_SIZE)
		return -E2BIG;
	return copy_struct_from_user(dst, ksize, uarg, usize);
}

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

/* Copy the arrays a policy points to, then build and check the policy. */
static struct ksentry_policy *policy_from_user(const struct ksentry_policy_attr *const attr)
{
	struct ksentry_entry *entries = NULL;
	struct ksentry_rule *rules = NULL;
	struct ksentry_paths *paths;
	struct ksentry_policy *policy;
	struct ksentry_emu_attr emu;
	const u32 path_defaults[] = {
		attr->path_default_read,
		attr->path_default_write,
		attr->path_default_exec,
	};
	int err;

	if (attr->nr_entries > KSENTRY_TABLE_SIZE ||
	    attr->nr_rules > KSENTRY_MAX_RULES)
		return ERR_PTR(-E2BIG);
	if (attr->nr_entries) {
		entries = vmemdup_user(u64_to_user_ptr(attr->entries),
				       array_size(attr->nr_entries,
						  sizeof(*entries)));
		if (IS_ERR(entries))
			return ERR_CAST(entries);
	}
	if (attr->nr_rules) {
		rules = vmemdup_user(u64_to_user_ptr(attr->rules),
				     array_size(attr->nr_rules, sizeof(*rules)));
		if (IS_ERR(rules)) {
			kvfree(entries);
			return ERR_CAST(rules);
		}
	}
	if (attr->emu) {
		err = copy_attr(&emu, sizeof(emu), EMU_ATTR_SIZE_VER0,
				u64_to_user_ptr(attr->emu));
		if (err) {
			policy = ERR_PTR(err);
			goto out;
		}
	}
	policy = ksentry_policy_build_emu(attr, entries, rules,
					  attr->emu ? &emu : NULL);
	if (IS_ERR(policy))
		goto out;
	/* Resolved last: the descriptors are looked at once all else holds. */
	paths = ksentry_paths_from_user(u64_to_user_ptr(attr->path_rules),
					attr->nr_path_rules, path_defaults);
	err = PTR_ERR_OR_ZERO(paths);
	if (!err)
		err = ksentry_policy_attach_paths(policy, paths);
	if (err) {
		if (!IS_ERR(paths))
			ksentry_paths_free(paths);
		ksentry_policy_free(policy);
		policy = ERR_PTR(err);
	}
out:
	kvfree(rules);
	kvfree(entries);
	return policy;
}

/**
 * ioctl_set_policy - Handle %KSENTRY_SANDBOX_SET_POLICY
 * @sandbox: The sandbox of the file.
 * @uattr: The user's &struct ksentry_policy_attr.
 *
 * Return: 0, or -EFAULT, -EINVAL, -E2BIG, -ENOMEM, -EPERM; on error the
 * sandbox keeps its policy.
 */
static long ioctl_set_policy(struct ksentry_sandbox *const sandbox,
			     const void __user *const uattr)
{
	struct ksentry_policy_attr attr;
	struct ksentry_policy *policy;
	int err;

	err = copy_attr(&attr, sizeof(attr), POLICY_ATTR_SIZE_VER0, uattr);
	if (err)
		return err;
	policy = policy_from_user(&attr);
	if (IS_ERR(policy))
		return PTR_ERR(policy);
	err = ksentry_sandbox_set_policy(sandbox, policy, capable(CAP_SYS_ADMIN));
	if (err)
		ksentry_policy_free(policy);
	return err;
}

/* The pid namespace of a namespace file, with a reference, or an error. */
static struct pid_namespace *get_pidns_of_fd(const int fd)
{
	struct pid_namespace *pidns = ERR_PTR(-EINVAL);
	struct ns_common *ns;
	struct file *file;

	file = fget(fd);
	if (!file)
		return ERR_PTR(-EBADF);
	if (file_inode(file)->i_sb->s_magic == NSFS_MAGIC) {
		/* The open file keeps the namespace alive until fput(). */
		ns = get_proc_ns(file_inode(file));
		if (ns->ops->type == CLONE_NEWPID) {
			pidns = get_pid_ns(container_of(ns, struct pid_namespace,
							ns));
		}
	}
	fput(file);
	return pidns;
}

/**
 * ioctl_bind - Handle %KSENTRY_SANDBOX_BIND
 * @sandbox: The sandbox of the file.
 * @uattr: The user's &struct ksentry_bind_attr.
 *
 * Return: 0, or -EFAULT, -EINVAL, -E2BIG, -EBADF, -EBUSY, -EPERM.
 */
static long ioctl_bind(struct ksentry_sandbox *const sandbox,
		       const void __user *const uattr)
{
	struct ksentry_bind_attr attr;
	struct pid_namespace *pidns;
	int err;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	err = copy_attr(&attr, sizeof(attr), BIND_ATTR_SIZE_VER0, uattr);
	if (err)
		return err;
	if (attr.flags || attr.reserved)
		return -EINVAL;
	/* No open file descriptor is above INT_MAX, -1 included. */
	if (attr.pidns_fd > INT_MAX)
		return -EBADF;
	pidns = get_pidns_of_fd(attr.pidns_fd);
	if (IS_ERR(pidns))
		return PTR_ERR(pidns);
	err = -EINVAL;
	if (pidns != &init_pid_ns)
		err = ksentry_sandbox_bind(sandbox, pidns);
	put_pid_ns(pidns);
	return err;
}

/**
 * ioctl_get_info - Handle %KSENTRY_SANDBOX_GET_INFO
 * @sandbox: The sandbox of the file.
 * @uinfo: The user's &struct ksentry_sandbox_info.
 *
 * Return: 0, or -EFAULT, -EINVAL, -E2BIG.
 */
static long ioctl_get_info(struct ksentry_sandbox *const sandbox,
			   void __user *const uinfo)
{
	struct ksentry_sandbox_info info;
	u32 usize;
	int err;

	err = copy_attr(&info, sizeof(info), SANDBOX_INFO_SIZE_VER0, uinfo);
	if (err)
		return err;
	if (info.flags)
		return -EINVAL;
	usize = info.size;
	memset(&info, 0, sizeof(info));
	info.size = min_t(u32, usize, sizeof(info));
	info.id = sandbox->id;
	info.members = atomic_read(&sandbox->members);
	mutex_lock(&sandbox->lock);
	info.bound = !!sandbox->pidns;
	info.policy_seq = sandbox->policy_seq;
	mutex_unlock(&sandbox->lock);
	if (copy_to_user(uinfo, &info, info.size))
		return -EFAULT;
	return 0;
}

/**
 * ioctl_get_stats - Handle %KSENTRY_SANDBOX_GET_STATS
 * @sandbox: The sandbox of the file.
 * @uattr: The user's &struct ksentry_stats_attr.
 *
 * Return: 0, or -EFAULT, -EINVAL, -E2BIG, -ENOMEM.
 */
static long ioctl_get_stats(struct ksentry_sandbox *const sandbox,
			    const void __user *const uattr)
{
	const size_t size = sizeof(u64) * KSENTRY_STATS_SLOTS *
			    KSENTRY_STATS_ACTIONS;
	struct ksentry_stats_attr attr;
	unsigned int slot, action;
	u64 *counts;
	int err;

	err = copy_attr(&attr, sizeof(attr), STATS_ATTR_SIZE_VER0, uattr);
	if (err)
		return err;
	if (attr.flags || attr.reserved || attr.counts_size < size)
		return -EINVAL;
	counts = kvmalloc(size, GFP_KERNEL);
	if (!counts)
		return -ENOMEM;
	for (slot = 0; slot < KSENTRY_STATS_SLOTS; slot++)
		for (action = 0; action < KSENTRY_STATS_ACTIONS; action++)
			counts[slot * KSENTRY_STATS_ACTIONS + action] =
				ksentry_stats_read(sandbox->stats, slot, action);
	err = copy_to_user(u64_to_user_ptr(attr.counts), counts, size) ?
	      -EFAULT : 0;
	kvfree(counts);
	return err;
}

static long fop_sandbox_ioctl(struct file *const file, const unsigned int cmd,
			      const unsigned long arg)
{
	struct ksentry_sandbox *const sandbox = file->private_data;
	void __user *const uarg = (void __user *)arg;

	if (ksentry_task_is_member(current))
		return -EPERM;
	switch (cmd) {
	case KSENTRY_SANDBOX_SET_POLICY:
		return ioctl_set_policy(sandbox, uarg);
	case KSENTRY_SANDBOX_BIND:
		return ioctl_bind(sandbox, uarg);
	case KSENTRY_SANDBOX_GET_INFO:
		return ioctl_get_info(sandbox, uarg);
	case KSENTRY_SANDBOX_GET_STATS:
		return ioctl_get_stats(sandbox, uarg);
	default:
		return -ENOTTY;
	}
}

static int fop_sandbox_release(struct inode *const inode,
			       struct file *const file)
{
	ksentry_sandbox_put(file->private_data);
	return 0;
}

static const struct file_operations sandbox_fops = {
	.owner = THIS_MODULE,
	.release = fop_sandbox_release,
	.unlocked_ioctl = fop_sandbox_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = noop_llseek,
};

/**
 * ioctl_create_sandbox - Handle %KSENTRY_IOCTL_CREATE_SANDBOX
 * @uattr: The user's &struct ksentry_create_attr.
 *
 * Return: A new file descriptor, or -EPERM, -EFAULT, -EINVAL, -E2BIG,
 * -ENOMEM, -EMFILE.
 */
static long ioctl_create_sandbox(const void __user *const uattr)
{
	struct ksentry_create_attr attr;
	struct ksentry_sandbox *sandbox;
	int err, fd;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	err = copy_attr(&attr, sizeof(attr), CREATE_ATTR_SIZE_VER0, uattr);
	if (err)
		return err;
	if (attr.flags)
		return -EINVAL;
	sandbox = ksentry_sandbox_create();
	if (IS_ERR(sandbox))
		return PTR_ERR(sandbox);
	fd = anon_inode_getfd("[ksentry-sandbox]", &sandbox_fops, sandbox,
			      O_RDWR | O_CLOEXEC);
	if (fd < 0)
		ksentry_sandbox_put(sandbox);
	return fd;
}

/**
 * ioctl_open_sandbox - Handle %KSENTRY_IOCTL_OPEN_SANDBOX
 * @uattr: The user's &struct ksentry_open_attr.
 *
 * Return: A new file descriptor for the sandbox the namespace belongs to,
 * or -EPERM, -EFAULT, -EINVAL, -E2BIG, -EBADF, -ENOENT, -EMFILE.
 */
static long ioctl_open_sandbox(const void __user *const uattr)
{
	struct ksentry_sandbox *sandbox;
	struct ksentry_open_attr attr;
	struct pid_namespace *pidns;
	int err, fd;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	err = copy_attr(&attr, sizeof(attr), OPEN_ATTR_SIZE_VER0, uattr);
	if (err)
		return err;
	if (attr.flags || attr.reserved)
		return -EINVAL;
	if (attr.pidns_fd > INT_MAX)
		return -EBADF;
	pidns = get_pidns_of_fd(attr.pidns_fd);
	if (IS_ERR(pidns))
		return PTR_ERR(pidns);
	sandbox = ksentry_sandbox_of_pidns(pidns);
	put_pid_ns(pidns);
	if (!sandbox)
		return -ENOENT;
	fd = anon_inode_getfd("[ksentry-sandbox]", &sandbox_fops, sandbox,
			      O_RDWR | O_CLOEXEC);
	if (fd < 0)
		ksentry_sandbox_put(sandbox);
	return fd;
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

	/* A member may not reach ksentry, not even with an inherited fd. */
	if (ksentry_task_is_member(current))
		return -EPERM;
	switch (cmd) {
	case KSENTRY_IOCTL_GET_ABI_VERSION:
		return ioctl_get_abi_version(uarg);
	case KSENTRY_IOCTL_CREATE_SANDBOX:
		return ioctl_create_sandbox(uarg);
	case KSENTRY_IOCTL_OPEN_SANDBOX:
		return ioctl_open_sandbox(uarg);
	default:
		return -ENOTTY;
	}
}

static int fop_open(struct inode *const inode, struct file *const file)
{
	if (ksentry_task_is_member(current))
		return -EPERM;
	return 0;
}

static const struct file_operations ksentry_fops = {
	.owner = THIS_MODULE,
	.open = fop_open,
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
