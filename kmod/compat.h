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

#include <linux/ftrace.h>

#if !defined(CONFIG_DYNAMIC_FTRACE_WITH_ARGS) && !defined(CONFIG_DYNAMIC_FTRACE_WITH_REGS)
#error "ksentry needs dynamic ftrace with argument access (DYNAMIC_FTRACE_WITH_ARGS)"
#endif

/*
 * Setting the instruction pointer from an ftrace callback (IPMODIFY) and
 * reading a traced function's arguments: 6.12 wraps struct ftrace_regs in
 * accessors, 6.1 exposes its pt_regs.
 */
#ifdef ftrace_regs_set_instruction_pointer
#define ksentry_fregs_set_ip(fregs, ip) ftrace_regs_set_instruction_pointer(fregs, ip)
#define ksentry_fregs_arg(fregs, n) ftrace_regs_get_argument(fregs, n)
#else
#define ksentry_fregs_set_ip(fregs, ip) ftrace_instruction_pointer_set(fregs, ip)
#define ksentry_fregs_arg(fregs, n) regs_get_kernel_argument(&(fregs)->regs, n)
#endif

/*
 * Giving back a file open_exec() returned: its deny_write_access() is
 * undone by exe_file_allow_write_access() since fsnotify's pre-content
 * hooks (which came with FMODE_FSNOTIFY_HSM, backported to 6.1.y), by
 * allow_write_access() before.
 */
#include <linux/file.h>
#include <linux/fs.h>
static inline void ksentry_exec_file_put(struct file *const file)
{
#ifdef FMODE_FSNOTIFY_HSM
	exe_file_allow_write_access(file);
#else
	allow_write_access(file);
#endif
	fput(file);
}

/*
 * An inode's owner as seen through the mount @mnt: mounts carry an idmap
 * since 6.3, a user namespace before.  mnt_idmap() is a function, not a
 * macro: Kbuild probes the header for it.
 */
#include <linux/mount.h>
static inline vfsuid_t ksentry_i_vfsuid(const struct vfsmount *const mnt,
					const struct inode *const inode)
{
#ifdef KSENTRY_HAVE_MNT_IDMAP
	return i_uid_into_vfsuid(mnt_idmap(mnt), inode);
#else
	return i_uid_into_vfsuid(mnt_user_ns(mnt), inode);
#endif
}

/*
 * The dentry whose data a file of a stacking filesystem (overlayfs) reads:
 * d_real() takes what it looks for since 6.9 (an enum Kbuild probes the
 * header for), an inode to match before.
 */
#include <linux/dcache.h>
static inline struct dentry *ksentry_d_real_data(struct dentry *const dentry)
{
#ifdef KSENTRY_HAVE_D_REAL_TYPE
	return d_real(dentry, D_REAL_DATA);
#else
	return d_real(dentry, NULL);
#endif
}

/*
 * The flags of every redirect (IPMODIFY): PERMANENT, so that switching
 * ftrace off with kernel.ftrace_enabled=0 fails instead of silently taking
 * the redirects away.  Without argument access (ARGS), the whole regs.
 */
#ifdef CONFIG_DYNAMIC_FTRACE_WITH_ARGS
#define KSENTRY_REDIRECT_FLAGS (FTRACE_OPS_FL_IPMODIFY | FTRACE_OPS_FL_PERMANENT)
#else
#define KSENTRY_REDIRECT_FLAGS (FTRACE_OPS_FL_IPMODIFY | FTRACE_OPS_FL_PERMANENT | \
				FTRACE_OPS_FL_SAVE_REGS)
#endif

/*
 * kcall.c's stand-ins must not be analysed across calls (their bodies are
 * not what runs): the noipa attribute, in gcc since 8.
 */
#if !__has_attribute(__noipa__)
#error "ksentry needs a compiler with the noipa attribute"
#endif

#endif /* _KSENTRY_COMPAT_H */
