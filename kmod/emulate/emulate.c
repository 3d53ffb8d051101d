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

#define KSENTRY_EMU_CALL(id, call)[KSENTRY_EMU_##id] = ksentry_emu_##call,
static const ksentry_emu_fn handlers[] = {
#include <uapi/linux/ksentry_emu.h>
};

#undef KSENTRY_EMU_CALL

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
