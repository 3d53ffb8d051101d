// SPDX-License-Identifier: GPL-2.0
/*
 * ksentry - emulation: the handlers by id
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * Policy validation only lets a handler id reach the number it answers
 * (see emu_nr[] in policy.c), so each handler reads its arguments as its
 * own system call's.
 */

#include "../common.h"

#include <linux/bug.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/preempt.h>
#include <linux/rcupdate.h>
#include <uapi/linux/ksentry.h>

#include "../emulate.h"
#include "../policy.h"
#include "../sandbox.h"

static const ksentry_emu_fn handlers[] = {
	[KSENTRY_EMU_GETPID] = ksentry_emu_getpid,
	[KSENTRY_EMU_GETPPID] = ksentry_emu_getppid,
	[KSENTRY_EMU_GETTID] = ksentry_emu_gettid,
	[KSENTRY_EMU_GETUID] = ksentry_emu_getuid,
	[KSENTRY_EMU_GETEUID] = ksentry_emu_geteuid,
	[KSENTRY_EMU_GETGID] = ksentry_emu_getgid,
	[KSENTRY_EMU_GETEGID] = ksentry_emu_getegid,
	[KSENTRY_EMU_GETRESUID] = ksentry_emu_getresuid,
	[KSENTRY_EMU_GETRESGID] = ksentry_emu_getresgid,
	[KSENTRY_EMU_GETGROUPS] = ksentry_emu_getgroups,
	[KSENTRY_EMU_GETPGRP] = ksentry_emu_getpgrp,
	[KSENTRY_EMU_GETSID] = ksentry_emu_getsid,
	[KSENTRY_EMU_UNAME] = ksentry_emu_uname,
	[KSENTRY_EMU_SYSINFO] = ksentry_emu_sysinfo,
	[KSENTRY_EMU_SCHED_GETAFFINITY] = ksentry_emu_sched_getaffinity,
	[KSENTRY_EMU_GETCPU] = ksentry_emu_getcpu,
	[KSENTRY_EMU_GETRLIMIT] = ksentry_emu_getrlimit,
	[KSENTRY_EMU_PRLIMIT64] = ksentry_emu_prlimit64,
	[KSENTRY_EMU_GETRANDOM] = ksentry_emu_getrandom,
	[KSENTRY_EMU_OPEN] = ksentry_emu_open,
	[KSENTRY_EMU_OPENAT] = ksentry_emu_openat,
	[KSENTRY_EMU_OPENAT2] = ksentry_emu_openat2,
	[KSENTRY_EMU_CREAT] = ksentry_emu_creat,
};

/**
 * ksentry_emu_nr_cpus - The CPU count of the view in force
 * @call: The call.
 *
 * Return: The view's @nr_cpus, 0 for all of the caller's CPUs.
 */
u32 ksentry_emu_nr_cpus(const struct ksentry_emu_call *const call)
{
	u32 nr;

	preempt_disable();
	nr = rcu_dereference_sched(call->sandbox->policy)->emu.nr_cpus;
	preempt_enable();
	return nr;
}

/**
 * ksentry_emulate - Answer a call with an emulation handler
 * @handler: The handler id, from a validated EMULATE action.
 * @call: The call.
 * @ret: Receives the call's result when it is answered.
 *
 * Return: True if the call was answered; false if it goes to the host.
 */
bool ksentry_emulate(const u32 handler, const struct ksentry_emu_call *const call,
		     long *const ret)
{
	/* Validation lets nothing else through: fail closed. */
	if (WARN_ON_ONCE(handler >= ARRAY_SIZE(handlers) || !handlers[handler])) {
		*ret = -EPERM;
		return true;
	}
	return handlers[handler](call, ret);
}
