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

#ifndef CONFIG_X86_64
#error "ksentry supports x86-64 only"
#endif

/*
 * The dispatcher enters through the generic syscall entry code (x86 has used
 * it since 5.12), which is what gives every task a per-task syscall work
 * word.  Probe for that rather than for a version number.
 */
#ifndef CONFIG_GENERIC_ENTRY
#error "ksentry needs CONFIG_GENERIC_ENTRY (the generic syscall entry code)"
#endif

#endif /* _KSENTRY_COMPAT_H */
