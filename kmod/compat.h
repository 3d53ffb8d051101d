/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksentry - the one place that knows about kernel versions
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * The rest of the module is written against the current upstream API.  Every
 * difference between the kernels ksentry supports is bridged here, probing a
 * feature where that is possible and comparing versions only where it is not.
 */

#ifndef _KSENTRY_COMPAT_H
#define _KSENTRY_COMPAT_H

#include <linux/version.h>

#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 1, 0)
#error "ksentry needs Linux 6.1 or later"
#endif

#ifndef CONFIG_X86_64
#error "ksentry supports x86-64 only"
#endif

#endif /* _KSENTRY_COMPAT_H */
