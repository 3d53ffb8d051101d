/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksentry - calls into kernel functions that are not exported
 *
 * Copyright (C) 2026 The ksentry authors
 */

#ifndef _KSENTRY_KCALL_H
#define _KSENTRY_KCALL_H

#include <linux/types.h>

struct linux_binprm;
struct pt_regs;
struct task_struct;

/*
 * Each ksentry_kcall_<function>() runs the kernel's <function>() with the
 * same arguments and returns what it returns (see kcall.c).  Should the
 * redirect ever be missing, the stand-in's own body runs instead, and it
 * fails closed: no syscall runs, the task is killed.
 */
long ksentry_kcall_syscall_trace_enter(struct pt_regs *regs, long syscall,
				       unsigned long work);
long ksentry_kcall_syscall_enter_from_user_mode_work(struct pt_regs *regs,
						     long syscall);
long ksentry_kcall_x64_sys_call(const struct pt_regs *regs, unsigned int nr);
long ksentry_kcall_x32_sys_call(const struct pt_regs *regs, unsigned int nr);
long ksentry_kcall_ia32_sys_call(const struct pt_regs *regs, unsigned int nr);
int ksentry_kcall_force_sig_seccomp(int syscall, int reason,
				    bool force_coredump);
void ksentry_kcall_do_exit(long code);
int ksentry_kcall_set_syscall_user_dispatch(unsigned long mode,
					    unsigned long offset,
					    unsigned long len,
					    char __user *selector);
int ksentry_kcall_syscall_user_dispatch_set_config(struct task_struct *task,
						   unsigned long size,
						   void __user *data);
int ksentry_kcall_security_bprm_check(struct linux_binprm *bprm);
int ksentry_kcall_ptrace_notify(int exit_code, unsigned long message);

bool ksentry_kcall_x32_enabled(void);
int ksentry_kcall_protected_regular(void);
int ksentry_kcall_protected_fifos(void);
bool ksentry_kcall_has_trace_enter(void);
bool ksentry_kcall_has(const void *stub);

int ksentry_kcall_init(void);
void ksentry_kcall_exit(void);

#endif /* _KSENTRY_KCALL_H */
