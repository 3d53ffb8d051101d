/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksentry - the entries from the kernel: ftrace redirects and tracepoints
 *
 * Copyright (C) 2026 The ksentry authors
 */

#ifndef _KSENTRY_HOOK_H
#define _KSENTRY_HOOK_H

#include <linux/types.h>

struct task_struct;

int ksentry_hook_init(void);
void ksentry_hook_exit(void);
bool ksentry_hook_has_exec_rules(void);
bool ksentry_hook_undecided_stop(const struct task_struct *task);
int ksentry_hook_fault_drop_dispatch(bool drop);

#endif /* _KSENTRY_HOOK_H */
