/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksentry - fault injection, for the tests of what fails closed
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * Only a module built with KSENTRY_FAULT_INJECT=y (the lab's test builds)
 * has it: /sys/kernel/debug/ksentry-fault/drop_dispatch takes the syscall
 * redirect away while "1" is written to it, so that a test can show what
 * the kernel's own syscall_user_dispatch() does with a member.
 */

#ifndef _KSENTRY_FAULT_H
#define _KSENTRY_FAULT_H

#ifdef KSENTRY_FAULT_INJECT
void ksentry_fault_init(void);
void ksentry_fault_exit(void);
#else
static inline void ksentry_fault_init(void)
{
}

static inline void ksentry_fault_exit(void)
{
}
#endif

#endif /* _KSENTRY_FAULT_H */
