// SPDX-License-Identifier: GPL-2.0
/*
 * ksentry - fault injection, for the tests of what fails closed
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * Built only with KSENTRY_FAULT_INJECT=y, never in a module meant for a
 * host: writing "1" to /sys/kernel/debug/ksentry-fault/drop_dispatch
 * unregisters the redirect of syscall_user_dispatch(), as if ftrace had
 * not taken it, and "0" registers it again.  Every member that makes a
 * call meanwhile meets the kernel's own function, which must kill it.
 */

#include "common.h"

#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/kstrtox.h>
#include <linux/mutex.h>

#include "fault.h"
#include "hook.h"

/* The directory of the knobs; constant while loaded. */
static struct dentry *fault_dir;

/* Serialises the knob's writers. */
static DEFINE_MUTEX(fault_lock);

static ssize_t drop_dispatch_write(struct file *const file,
				   const char __user *const buf,
				   const size_t count, loff_t *const ppos)
{
	bool drop;
	int err;

	err = kstrtobool_from_user(buf, count, &drop);
	if (err)
		return err;
	mutex_lock(&fault_lock);
	err = ksentry_hook_fault_drop_dispatch(drop);
	mutex_unlock(&fault_lock);
	return err ?: count;
}

static const struct file_operations drop_dispatch_fops = {
	.owner = THIS_MODULE,
	.write = drop_dispatch_write,
	.llseek = noop_llseek,
};

void ksentry_fault_init(void)
{
	fault_dir = debugfs_create_dir("ksentry-fault", NULL);
	debugfs_create_file("drop_dispatch", 0200, fault_dir, NULL,
			    &drop_dispatch_fops);
	pr_warn("fault injection built in: for tests only\n");
}

/* Remove the knob, and give the redirect back if it was taken. */
void ksentry_fault_exit(void)
{
	debugfs_remove(fault_dir);
	mutex_lock(&fault_lock);
	WARN_ON_ONCE(ksentry_hook_fault_drop_dispatch(false));
	mutex_unlock(&fault_lock);
}
