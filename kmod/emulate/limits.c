// SPDX-License-Identifier: GPL-2.0
/*
 * ksentry - emulation: resource limits, read by the caller about itself
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * getrlimit() and the reading form of prlimit64() on the caller (pid 0
 * or its own thread id) read the limits as kernel/sys.c does, under the
 * group leader's task lock.  prlimit64() that sets a limit or names
 * another task is passed to the host: it needs the host's permission
 * checks and LSM hooks.
 */

#include "../common.h"

#include <linux/nospec.h>
#include <linux/resource.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/uaccess.h>

#include "../emulate.h"

/* The caller's limit @resource, or false if there is no such limit. */
static bool read_limit(unsigned int resource, struct rlimit *const value)
{
	struct task_struct *const leader = current->group_leader;

	if (resource >= RLIM_NLIMITS)
		return false;
	resource = array_index_nospec(resource, RLIM_NLIMITS);
	task_lock(leader);
	*value = current->signal->rlim[resource];
	task_unlock(leader);
	return true;
}

bool ksentry_emu_getrlimit(const struct ksentry_emu_call *const call,
			   long *const ret)
{
	/* getrlimit(unsigned int resource, struct rlimit *rlim) */
	struct rlimit __user *const urlim = (void __user *)call->args[1];
	struct rlimit value;

	if (!read_limit((unsigned int)call->args[0], &value)) {
		*ret = -EINVAL;
		return true;
	}
	*ret = copy_to_user(urlim, &value, sizeof(value)) ? -EFAULT : 0;
	return true;
}

static u64 to_rlim64(const unsigned long v)
{
	return v == RLIM_INFINITY ? RLIM64_INFINITY : v;
}

bool ksentry_emu_prlimit64(const struct ksentry_emu_call *const call,
			   long *const ret)
{
	/* prlimit64(pid_t pid, unsigned int resource, new, old) */
	const pid_t pid = (pid_t)call->args[0];
	struct rlimit64 __user *const uold = (void __user *)call->args[3];
	struct rlimit64 old64;
	struct rlimit value;

	if (call->args[2] || (pid && pid != task_pid_vnr(current)))
		return false;
	if (!read_limit((unsigned int)call->args[1], &value)) {
		*ret = -EINVAL;
		return true;
	}
	*ret = 0;
	if (!uold)
		return true;
	old64.rlim_cur = to_rlim64(value.rlim_cur);
	old64.rlim_max = to_rlim64(value.rlim_max);
	if (copy_to_user(uold, &old64, sizeof(old64)))
		*ret = -EFAULT;
	return true;
}
