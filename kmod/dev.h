/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksentry - the /dev/ksentry misc device
 *
 * Copyright (C) 2026 The ksentry authors
 */

#ifndef _KSENTRY_DEV_H
#define _KSENTRY_DEV_H

int ksentry_dev_init(void);
void ksentry_dev_exit(void);

#endif /* _KSENTRY_DEV_H */
