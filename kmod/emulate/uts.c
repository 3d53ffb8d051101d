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
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/utsname.h>

#include "../emulate.h"
#include "../policy.h"

/* @dst gets @set if it is not empty, else the host's @host. */
static void pick(char *const dst, const char *const set, const char *const host)
{
	strscpy(dst, set[0] ? set : host, __NEW_UTS_LEN + 1);
}

bool ksentry_emu_uname(const struct ksentry_emu_call *const call,
		       long *const ret)
{
	struct new_utsname __user *const uname = (void __user *)call->args[0];
	const struct ksentry_emu_view *const view = call->view;
	const struct new_utsname *const host = utsname();
	struct new_utsname name;

	BUILD_BUG_ON(sizeof(name.release) != KSENTRY_UTS_LEN);
	memset(&name, 0, sizeof(name));
	pick(name.sysname, view->sysname, host->sysname);
	pick(name.nodename, view->nodename, host->nodename);
	pick(name.release, view->release, host->release);
	pick(name.version, view->version, host->version);
	pick(name.machine, view->machine, host->machine);
	strscpy(name.domainname, host->domainname, sizeof(name.domainname));
	*ret = copy_to_user(uname, &name, sizeof(name)) ? -EFAULT : 0;
	return true;
}
