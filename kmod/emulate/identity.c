// SPDX-License-Identifier: GPL-2.0
/*
 * ksentry - emulation: process and credential identity
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * Each answer is the host's, computed the way kernel/sys.c and
 * kernel/groups.c compute it: ids as seen from the caller's pid and user
 * namespaces.  getsid() of any pid but 0 is left to the host, which also
 * consults the LSMs for it.
 */

#include "../common.h"

#include <linux/cred.h>
#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/uaccess.h>
#include <linux/uidgid.h>
#include <linux/user_namespace.h>

#include "../emulate.h"

bool ksentry_emu_getpid(const struct ksentry_emu_call *const call,
			long *const ret)
{
	*ret = task_tgid_vnr(current);
	return true;
}

bool ksentry_emu_getppid(const struct ksentry_emu_call *const call,
			 long *const ret)
{
	rcu_read_lock();
	*ret = task_tgid_vnr(rcu_dereference(current->real_parent));
	rcu_read_unlock();
	return true;
}

bool ksentry_emu_gettid(const struct ksentry_emu_call *const call,
			long *const ret)
{
	*ret = task_pid_vnr(current);
	return true;
}

static long uid_of(const kuid_t uid)
{
	return from_kuid_munged(current_user_ns(), uid);
}

static long gid_of(const kgid_t gid)
{
	return from_kgid_munged(current_user_ns(), gid);
}

bool ksentry_emu_getuid(const struct ksentry_emu_call *const call,
			long *const ret)
{
	*ret = uid_of(current_uid());
	return true;
}

bool ksentry_emu_geteuid(const struct ksentry_emu_call *const call,
			 long *const ret)
{
	*ret = uid_of(current_euid());
	return true;
}

bool ksentry_emu_getgid(const struct ksentry_emu_call *const call,
			long *const ret)
{
	*ret = gid_of(current_gid());
	return true;
}

bool ksentry_emu_getegid(const struct ksentry_emu_call *const call,
			 long *const ret)
{
	*ret = gid_of(current_egid());
	return true;
}

/* Store three ids as the host does: each put_user() in turn. */
static long put_three(const unsigned long *const args, const long a,
		      const long b, const long c)
{
	if (put_user((uid_t)a, (uid_t __user *)args[0]) ||
	    put_user((uid_t)b, (uid_t __user *)args[1]) ||
	    put_user((uid_t)c, (uid_t __user *)args[2]))
		return -EFAULT;
	return 0;
}

bool ksentry_emu_getresuid(const struct ksentry_emu_call *const call,
			   long *const ret)
{
	const struct cred *const cred = current_cred();

	*ret = put_three(call->args, uid_of(cred->uid), uid_of(cred->euid),
			 uid_of(cred->suid));
	return true;
}

bool ksentry_emu_getresgid(const struct ksentry_emu_call *const call,
			   long *const ret)
{
	const struct cred *const cred = current_cred();

	*ret = put_three(call->args, gid_of(cred->gid), gid_of(cred->egid),
			 gid_of(cred->sgid));
	return true;
}

bool ksentry_emu_getgroups(const struct ksentry_emu_call *const call,
			   long *const ret)
{
	/* getgroups(int size, gid_t *list): the size is an int. */
	const int size = (int)call->args[0];
	gid_t __user *const list = (gid_t __user *)call->args[1];
	const struct group_info *const groups = current_cred()->group_info;
	int i;

	if (size < 0) {
		*ret = -EINVAL;
		return true;
	}
	*ret = groups->ngroups;
	if (!size)
		return true;
	if (size < groups->ngroups) {
		*ret = -EINVAL;
		return true;
	}
	for (i = 0; i < groups->ngroups; i++) {
		if (put_user((gid_t)gid_of(groups->gid[i]), list + i)) {
			*ret = -EFAULT;
			break;
		}
	}
	return true;
}

bool ksentry_emu_getpgrp(const struct ksentry_emu_call *const call,
			 long *const ret)
{
	rcu_read_lock();
	*ret = pid_vnr(task_pgrp(current));
	rcu_read_unlock();
	return true;
}

bool ksentry_emu_getsid(const struct ksentry_emu_call *const call,
			long *const ret)
{
	/* getsid(pid_t pid): any pid but 0 goes to the host and its LSMs. */
	if ((pid_t)call->args[0])
		return false;
	rcu_read_lock();
	*ret = pid_vnr(task_session(current));
	rcu_read_unlock();
	return true;
}
