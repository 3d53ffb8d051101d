/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksentry - deciding a member's syscall and carrying out the decision
 *
 * Copyright (C) 2026 The ksentry authors
 */

#ifndef _KSENTRY_DISPATCH_H
#define _KSENTRY_DISPATCH_H

#include <linux/types.h>

struct pt_regs;
struct ksentry_sandbox;

bool ksentry_dispatch(struct ksentry_sandbox *sandbox, struct pt_regs *regs);

#endif /* _KSENTRY_DISPATCH_H */
