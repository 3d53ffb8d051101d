// SPDX-License-Identifier: GPL-2.0
/*
 * ksentry - emulation: uname()
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * Each field comes from the sandbox's view when it is set there, else
 * from the caller's UTS namespace, as the host would answer.  Known
 * differences from the host, documented in Documentation/security:
 * the UNAME26 and PER_LINUX32 personalities do not rewrite release and
 * machine, and the fields are read without uts_sem (not exported), so a
 * sethostname() racing with the call may be seen half done.
 */

#include "../common.h"

#include <linux/build_bug.h>
#include <linux/preempt.h>
#include <linux/rcupdate.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/utsname.h>

#include "../emulate.h"
#include "../policy.h"
#include "../sandbox.h"

/* @dst gets @set if it is set, else keeps the host's value. */
static void overlay(char *const dst, const char *const set)
{
	if (set[0])
		memcpy(dst, set, KSENTRY_UTS_LEN);
}

bool ksentry_emu_uname(const struct ksentry_emu_call *const call,
		       long *const ret)
{
	struct new_utsname __user *const uname = (void __user *)call->args[0];
	const struct ksentry_emu_view *view;
	struct new_utsname name;

	BUILD_BUG_ON(sizeof(name.release) != KSENTRY_UTS_LEN);
	/* The host's, as the namespace holds it; then the view over it. */
	memcpy(&name, utsname(), sizeof(name));
	preempt_disable();
	view = &rcu_dereference_sched(call->sandbox->policy)->emu;
	overlay(name.sysname, view->sysname);
	overlay(name.nodename, view->nodename);
	overlay(name.release, view->release);
	overlay(name.version, view->version);
	overlay(name.machine, view->machine);
	preempt_enable();
	*ret = copy_to_user(uname, &name, sizeof(name)) ? -EFAULT : 0;
	return true;
}
