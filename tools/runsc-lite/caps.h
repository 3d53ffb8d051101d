/* SPDX-License-Identifier: GPL-2.0 */
/*
 * runsc-lite - capability names
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * One table of the capabilities Linux defines, for the spec parser, the
 * policy compiler and "features": what one of them accepts, the others
 * accept too.
 */

#ifndef _RUNSC_LITE_CAPS_H
#define _RUNSC_LITE_CAPS_H

#include <linux/capability.h>

/* How many capabilities there are: CAP_* numbers 0 to CAPS_NR - 1. */
#define CAPS_NR (CAP_CHECKPOINT_RESTORE + 1)

/* Every capability's name ("CAP_CHOWN"), by number. */
extern const char *const cap_names[CAPS_NR];

/**
 * cap_by_name - The number of a capability
 * @name: Its name, as the runtime spec writes it ("CAP_SYS_ADMIN").
 *
 * Return: The CAP_* number, or -1 if @name is no capability.
 */
int cap_by_name(const char *name);

#endif /* _RUNSC_LITE_CAPS_H */
