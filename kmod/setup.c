// SPDX-License-Identifier: GPL-2.0
/*
 * ksentry - module initialisation and teardown
 *
 * Copyright (C) 2026 The ksentry authors
 */

#include "common.h"

#include <linux/init.h>
#include <linux/module.h>
#include <uapi/linux/ksentry.h>

#include "compat.h"
#include "dev.h"
#include "emulate.h"
#include "fault.h"
#include "hook.h"
#include "kcall.h"
#include "pathrule.h"
#include "sandbox.h"
#include "task.h"

static int __init ksentry_init(void)
{
	int err;

	ksentry_task_init();
	ksentry_emu_open_init();
	err = ksentry_kcall_init();
	if (err)
		return err;
	err = ksentry_paths_init();
	if (err)
		goto out_kcall_exit;
	err = ksentry_vfile_init();
	if (err)
		goto out_paths_exit;
	err = ksentry_sandbox_init();
	if (err)
		goto out_vfile_exit;
	err = ksentry_hook_init();
	if (err)
		goto out_sandbox_exit;
	err = ksentry_dev_init();
	if (err) {
		pr_err("failed to register /dev/%s: %d\n", KSENTRY_NAME, err);
		goto out_hook_exit;
	}
	ksentry_fault_init();
	pr_info("ABI version %d loaded\n", KSENTRY_ABI_VERSION);
	return 0;

out_hook_exit:
	ksentry_hook_exit();
out_sandbox_exit:
	ksentry_sandbox_exit();
out_vfile_exit:
	ksentry_vfile_exit();
out_paths_exit:
	ksentry_paths_exit();
out_kcall_exit:
	ksentry_kcall_exit();
	return err;
}

static void __exit ksentry_exit(void)
{
	ksentry_fault_exit();
	ksentry_dev_exit();
	ksentry_hook_exit();
	ksentry_sandbox_exit();
	ksentry_vfile_exit();
	ksentry_paths_exit();
	ksentry_kcall_exit();
	pr_info("unloaded\n");
}

module_init(ksentry_init);
module_exit(ksentry_exit);

MODULE_DESCRIPTION("ksentry: per-pid-namespace syscall tables and emulation");
MODULE_AUTHOR("The ksentry authors");
MODULE_LICENSE("GPL");
