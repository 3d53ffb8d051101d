/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksentry - definitions shared by every part of the module
 *
 * Copyright (C) 2026 The ksentry authors
 */

#ifndef _KSENTRY_COMMON_H
#define _KSENTRY_COMMON_H

#define KSENTRY_NAME "ksentry"

/*
 * Every message of the module starts with its name, so that the lab's log
 * checks and an operator's grep find them.
 */
#ifndef pr_fmt
#define pr_fmt(fmt) KSENTRY_NAME ": " fmt
#endif

#endif /* _KSENTRY_COMMON_H */
