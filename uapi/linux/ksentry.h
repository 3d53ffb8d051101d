/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * ksentry - user-space API of /dev/ksentry
 *
 * Copyright (C) 2026 The ksentry authors
 */

#ifndef _UAPI_LINUX_KSENTRY_H
#define _UAPI_LINUX_KSENTRY_H

#include <linux/ioctl.h>
#include <linux/types.h>

/**
 * DOC: abi_version
 *
 * The ABI of /dev/ksentry carries one integer version.  It is bumped with
 * every user-visible feature, and a feature is never removed, so user space
 * can test ``version >= N`` before it relies on what version N added.
 *
 * Versions:
 *
 * 1. The misc device /dev/ksentry and %KSENTRY_IOCTL_GET_ABI_VERSION.
 * 2. Sandboxes: %KSENTRY_IOCTL_CREATE_SANDBOX, and on a sandbox file
 *    descriptor %KSENTRY_SANDBOX_SET_POLICY, %KSENTRY_SANDBOX_BIND,
 *    %KSENTRY_SANDBOX_GET_INFO and %KSENTRY_SANDBOX_GET_STATS; the
 *    ksentry:ksentry_decision trace event.
 * 3. %KSENTRY_IOCTL_OPEN_SANDBOX: a new file descriptor for the sandbox a
 *    pid namespace belongs to, for tools that did not create it.
 * 4. Emulation: %KSENTRY_ACT_EMULATE with the handlers of
 *    &enum ksentry_emu, and &struct ksentry_policy_attr's @emu, the
 *    sandbox's view (&struct ksentry_emu_attr).
 * 5. Files: the handlers of the open family (%KSENTRY_EMU_OPEN,
 *    %KSENTRY_EMU_OPENAT, %KSENTRY_EMU_OPENAT2, %KSENTRY_EMU_CREAT), which
 *    copy the path once, resolve it and open the object themselves; the
 *    virtual files of &enum ksentry_vfile, selected by
 *    &struct ksentry_emu_attr's @vfiles; path rules
 *    (&struct ksentry_path_rule) on opens and on execve()/execveat(), in
 *    &struct ksentry_policy_attr's @path_rules.
 * 6. Allow-lists of paths: &struct ksentry_policy_attr's
 *    @path_default_read, @path_default_write and @path_default_exec, the
 *    action for each access no path rule decides; and each access an open
 *    asks for decided on its own (an %O_RDWR open no longer passes on a
 *    rule that names only %KSENTRY_ACCESS_READ).
 */

/**
 * define KSENTRY_ABI_VERSION - The ABI version this header describes
 */
#define KSENTRY_ABI_VERSION 6

/**
 * define KSENTRY_IOC_MAGIC - The ioctl type byte of /dev/ksentry
 *
 * Command numbers under this magic are never renumbered or reused.
 */
#define KSENTRY_IOC_MAGIC 0xB9

/**
 * define KSENTRY_IOCTL_GET_ABI_VERSION - Read the module's ABI version
 *
 * The argument points to a __u32 that receives the version the loaded
 * module implements.  Compare it with %KSENTRY_ABI_VERSION.
 *
 * Return: 0 on success, or -1 with errno set to:
 *
 * - %EFAULT: the argument does not point to writable memory.
 */
#define KSENTRY_IOCTL_GET_ABI_VERSION _IOR(KSENTRY_IOC_MAGIC, 0x00, __u32)

/**
 * DOC: actions
 *
 * An action is a __u32: its type in the high 16 bits, its data in the low
 * 16 bits, as with seccomp's return values.  Types are numbered from the
 * most restrictive to the least, so a smaller type never grants more than
 * a larger one.  This is the order a live policy update must respect.
 *
 * - %KSENTRY_ACT_KILL_PROCESS: skip the call and kill the whole process
 *   with SIGKILL, which no handler can catch; data 0.  (seccomp kills with
 *   a core-dumping SIGSYS, through kernel functions a module cannot call.)
 * - %KSENTRY_ACT_KILL_THREAD: skip the call and end the calling thread as
 *   exit(SIGSYS) would; the last thread of a process takes the process
 *   with it, as %KSENTRY_ACT_KILL_PROCESS; data 0.
 * - %KSENTRY_ACT_TRAP: skip the call and send SIGSYS, its siginfo filled as
 *   seccomp fills it (si_code SYS_SECCOMP, si_syscall, si_arch); data is
 *   passed in si_errno.
 * - %KSENTRY_ACT_ERRNO: skip the call and fail it with the errno in data,
 *   1 to 4095 but not 512 to 530 (the kernel's own codes, ERESTARTSYS to
 *   ERECALLCONFLICT, which user space never sees).
 * - %KSENTRY_ACT_EMULATE: answer the call in the module with the handler
 *   whose id (&enum ksentry_emu) is in data; the host's implementation is
 *   never entered.  A handler answers one syscall number only, and is
 *   refused on any other and as a default action.
 * - %KSENTRY_ACT_LOG: pass the call to the host and emit a trace event;
 *   data 0.
 * - %KSENTRY_ACT_ALLOW: pass the call to the host; data 0.
 */
#define KSENTRY_ACT_KILL_PROCESS 0x00010000U
#define KSENTRY_ACT_KILL_THREAD 0x00020000U
#define KSENTRY_ACT_TRAP 0x00030000U
#define KSENTRY_ACT_ERRNO 0x00040000U
#define KSENTRY_ACT_EMULATE 0x00050000U
#define KSENTRY_ACT_LOG 0x00060000U
#define KSENTRY_ACT_ALLOW 0x00070000U

#define KSENTRY_ACT_TYPE_MASK 0xffff0000U
#define KSENTRY_ACT_DATA_MASK 0x0000ffffU

/**
 * define KSENTRY_ACT_ERRNO_OF - Make an %KSENTRY_ACT_ERRNO action
 * @e: The errno, 1 to 4095.
 */
#define KSENTRY_ACT_ERRNO_OF(e) (KSENTRY_ACT_ERRNO | ((e) & KSENTRY_ACT_DATA_MASK))

/**
 * enum ksentry_emu - The emulation handlers, the data of %KSENTRY_ACT_EMULATE
 * @KSENTRY_EMU_GETPID: getpid(), as the host answers it.
 * @KSENTRY_EMU_GETPPID: getppid(), as the host answers it.
 * @KSENTRY_EMU_GETTID: gettid(), as the host answers it.
 * @KSENTRY_EMU_GETUID: getuid(), as the host answers it.
 * @KSENTRY_EMU_GETEUID: geteuid(), as the host answers it.
 * @KSENTRY_EMU_GETGID: getgid(), as the host answers it.
 * @KSENTRY_EMU_GETEGID: getegid(), as the host answers it.
 * @KSENTRY_EMU_GETRESUID: getresuid(), as the host answers it.
 * @KSENTRY_EMU_GETRESGID: getresgid(), as the host answers it.
 * @KSENTRY_EMU_GETGROUPS: getgroups(), as the host answers it.
 * @KSENTRY_EMU_GETPGRP: getpgrp(), as the host answers it.
 * @KSENTRY_EMU_GETSID: getsid(), as the host answers it.
 * @KSENTRY_EMU_UNAME: uname() from &struct ksentry_emu_attr; fields left
 *                     empty there are the host's.
 * @KSENTRY_EMU_SYSINFO: sysinfo() of the sandbox: uptime since it was
 *                       bound, RAM from the caller's memory cgroup limit,
 *                       procs the members.
 * @KSENTRY_EMU_SCHED_GETAFFINITY: sched_getaffinity() of the sandbox's
 *                                 CPUs (&struct ksentry_emu_attr @nr_cpus).
 * @KSENTRY_EMU_GETCPU: getcpu(): the caller's CPU by its host number,
 *                      folded onto the sandbox's CPUs when
 *                      &struct ksentry_emu_attr @nr_cpus leaves it out.
 * @KSENTRY_EMU_GETRLIMIT: getrlimit(), as the host answers it.
 * @KSENTRY_EMU_PRLIMIT64: prlimit64() on the caller itself (pid 0 or its
 *                         own) that only reads; any other call is passed
 *                         to the host.
 * @KSENTRY_EMU_GETRANDOM: getrandom() from the kernel's CSPRNG.
 * @KSENTRY_EMU_OPEN: open(), see &DOC: files.
 * @KSENTRY_EMU_OPENAT: openat(), see &DOC: files.
 * @KSENTRY_EMU_OPENAT2: openat2(), see &DOC: files.
 * @KSENTRY_EMU_CREAT: creat(), see &DOC: files.
 */
enum ksentry_emu {
	KSENTRY_EMU_GETPID = 1,
	KSENTRY_EMU_GETPPID,
	KSENTRY_EMU_GETTID,
	KSENTRY_EMU_GETUID,
	KSENTRY_EMU_GETEUID,
	KSENTRY_EMU_GETGID,
	KSENTRY_EMU_GETEGID,
	KSENTRY_EMU_GETRESUID,
	KSENTRY_EMU_GETRESGID,
	KSENTRY_EMU_GETGROUPS,
	KSENTRY_EMU_GETPGRP,
	KSENTRY_EMU_GETSID,
	KSENTRY_EMU_UNAME,
	KSENTRY_EMU_SYSINFO,
	KSENTRY_EMU_SCHED_GETAFFINITY,
	KSENTRY_EMU_GETCPU,
	KSENTRY_EMU_GETRLIMIT,
	KSENTRY_EMU_PRLIMIT64,
	KSENTRY_EMU_GETRANDOM,
	KSENTRY_EMU_OPEN,
	KSENTRY_EMU_OPENAT,
	KSENTRY_EMU_OPENAT2,
	KSENTRY_EMU_CREAT
};

/**
 * define KSENTRY_ACT_EMULATE_OF - Make an %KSENTRY_ACT_EMULATE action
 * @h: The handler, one of &enum ksentry_emu.
 */
#define KSENTRY_ACT_EMULATE_OF(h) (KSENTRY_ACT_EMULATE | ((h) & KSENTRY_ACT_DATA_MASK))

/**
 * enum ksentry_vfile - The virtual files
 * @KSENTRY_VFILE_MEMINFO: /proc/meminfo, the host's lines, its totals
 *                         from the caller's memory cgroup limit.
 * @KSENTRY_VFILE_CPUINFO: /proc/cpuinfo, only the sandbox's CPUs, by their
 *                         host numbers.
 * @KSENTRY_VFILE_STAT: /proc/stat, only the sandbox's CPUs, by their host
 *                      numbers.
 * @KSENTRY_VFILE_UPTIME: /proc/uptime, counted from the sandbox's start,
 *                        in the caller's time namespace.
 * @KSENTRY_VFILE_LOADAVG: /proc/loadavg, its task counts the sandbox's.
 * @KSENTRY_VFILE_CPU_ONLINE: /sys/devices/system/cpu/online, the
 *                            sandbox's CPUs by their host numbers, as a
 *                            cpulist.
 *
 * A file is recognised by what it is, not by how it is named: the file of
 * that name at the root of any procfs (or at that place of any sysfs),
 * however the path reaches it.
 */
enum ksentry_vfile {
	KSENTRY_VFILE_MEMINFO = 1,
	KSENTRY_VFILE_CPUINFO,
	KSENTRY_VFILE_STAT,
	KSENTRY_VFILE_UPTIME,
	KSENTRY_VFILE_LOADAVG,
	KSENTRY_VFILE_CPU_ONLINE
};

/**
 * define KSENTRY_VFILE_BIT - The bit of a virtual file in @vfiles
 * @v: One of &enum ksentry_vfile.
 */
#define KSENTRY_VFILE_BIT(v) (1U << (v))

/**
 * define KSENTRY_VFILES_ALL - Every virtual file
 */
#define KSENTRY_VFILES_ALL 0x7eU

/**
 * define KSENTRY_UTS_LEN - Size of each string of &struct ksentry_emu_attr
 */
#define KSENTRY_UTS_LEN 65

/**
 * struct ksentry_emu_attr - The sandbox's view, for the emulation handlers
 * @size: sizeof(struct ksentry_emu_attr) as the caller knows it.
 * @flags: Must be 0.
 * @nr_cpus: How many CPUs the sandbox sees: sched_getaffinity() keeps the
 *           first @nr_cpus of the caller's allowed CPUs, getcpu() answers
 *           one of them.  0: all the caller's allowed CPUs.  They keep
 *           their host numbers there and in every virtual file.  A module
 *           cannot read a cgroup's cpu.max, so the runtime derives this
 *           from it.
 * @vfiles: The virtual files the open family's handlers serve, a
 *          %KSENTRY_VFILE_BIT() mask (ABI 5; it was a reserved 0 before).
 * @sysname: uname()'s sysname; "" for the host's.
 * @nodename: uname()'s nodename; "" for the caller's UTS namespace's.
 * @release: uname()'s release; "" for the host's.
 * @version: uname()'s version; "" for the host's.
 * @machine: uname()'s machine; "" for the host's.
 * @pad: Must be 0.
 *
 * Every string is NUL-terminated within its %KSENTRY_UTS_LEN bytes, and
 * the bytes after the NUL are 0.
 */
struct ksentry_emu_attr {
	__u32 size;
	__u32 flags;
	__u32 nr_cpus;
	__u32 vfiles;
	char sysname[KSENTRY_UTS_LEN];
	char nodename[KSENTRY_UTS_LEN];
	char release[KSENTRY_UTS_LEN];
	char version[KSENTRY_UTS_LEN];
	char machine[KSENTRY_UTS_LEN];
	char pad[3];
};

/**
 * define KSENTRY_TABLE_SIZE - How many syscall numbers a table covers
 *
 * Entries cover numbers 0 to %KSENTRY_TABLE_SIZE - 1.  Every other number,
 * and every number without an entry, gets the policy's default action.
 */
#define KSENTRY_TABLE_SIZE 512

/**
 * define KSENTRY_MAX_RULES - Most argument rules in one policy
 */
#define KSENTRY_MAX_RULES 1024

/**
 * define KSENTRY_MAX_CONDS - Most conditions in one argument rule
 */
#define KSENTRY_MAX_CONDS 6

/**
 * struct ksentry_entry - The action for one x86-64 syscall number
 * @nr: The syscall number, below %KSENTRY_TABLE_SIZE.  A policy may name
 *      each number once.
 * @action: Its action.
 */
struct ksentry_entry {
	__u32 nr;
	__u32 action;
};

/**
 * enum ksentry_cmp - How a condition compares an argument
 * @KSENTRY_CMP_EQ: (arg & mask) == value
 * @KSENTRY_CMP_NE: (arg & mask) != value
 * @KSENTRY_CMP_LT: (arg & mask) < value, unsigned
 * @KSENTRY_CMP_LE: (arg & mask) <= value, unsigned
 * @KSENTRY_CMP_GT: (arg & mask) > value, unsigned
 * @KSENTRY_CMP_GE: (arg & mask) >= value, unsigned
 * @KSENTRY_CMP_MASKED_EQ: (arg & mask) == value, as libseccomp's
 *                         SCMP_CMP_MASKED_EQ; the same test as
 *                         %KSENTRY_CMP_EQ, kept so profiles translate
 *                         one to one.
 */
enum ksentry_cmp {
	KSENTRY_CMP_EQ = 1,
	KSENTRY_CMP_NE,
	KSENTRY_CMP_LT,
	KSENTRY_CMP_LE,
	KSENTRY_CMP_GT,
	KSENTRY_CMP_GE,
	KSENTRY_CMP_MASKED_EQ
};

/**
 * struct ksentry_cond - One condition on one argument
 * @arg: Index of the argument, 0 to 5.
 * @op: One of &enum ksentry_cmp.
 * @mask: Bits of the argument that are compared.  Use ~0 for a plain
 *        comparison.
 * @value: Value compared with.
 *
 * The argument is compared as the kernel reads it, not as the register
 * holds it: for a parameter the syscall declares int, unsigned int (or
 * another 32-bit type) or umode_t, or that the kernel narrows to one
 * after (clone's flags, ptrace's pid, mmap's fd), only the low 32 or 16
 * bits count, an int sign-extended to 64 bits, and @mask and @value are
 * cut the same way when the policy is built.  So ``socket(AF_VSOCK | 1UL << 32, ...)`` is
 * decided as ``socket(AF_VSOCK, ...)``, and an int compared with -1
 * matches whether the rule writes it as 0xffffffff or as ~0.  Other
 * arguments (pointers, long, size_t, loff_t, u64) are compared whole.
 * The comparisons are unsigned 64-bit ones, as in libseccomp.
 */
struct ksentry_cond {
	__u32 arg;
	__u32 op;
	__aligned_u64 mask;
	__aligned_u64 value;
};

/**
 * struct ksentry_rule - An argument rule for one x86-64 syscall number
 * @nr: The syscall number, below %KSENTRY_TABLE_SIZE.
 * @action: The action when every condition holds.
 * @nr_conds: Number of conditions used, 1 to %KSENTRY_MAX_CONDS.
 * @reserved: Must be 0.
 * @conds: The conditions; those past @nr_conds must be all zero.
 *
 * The rules of one number are tried in the order given; the first whose
 * conditions all hold decides.  When none holds, the number's entry (or
 * the default action) decides.
 */
struct ksentry_rule {
	__u32 nr;
	__u32 action;
	__u32 nr_conds;
	__u32 reserved;
	struct ksentry_cond conds[KSENTRY_MAX_CONDS];
};

/**
 * define KSENTRY_MAX_PATH_RULES - Most path rules in one policy
 */
#define KSENTRY_MAX_PATH_RULES 64

/**
 * DOC: files
 *
 * The handlers of the open family (open(), openat(), openat2(), creat())
 * copy the path from user memory once, resolve that copy as the host
 * would (the directory file descriptor, ``..``, symlinks, mounts), and
 * decide on the object the path resolves to, not on its spelling:
 *
 * 1. each access the call asks for (%KSENTRY_ACCESS_READ for reading and
 *    for %O_PATH, %KSENTRY_ACCESS_WRITE for writing, truncating or
 *    creating) is decided on its own: by the first path rule
 *    (&struct ksentry_policy_attr's @path_rules) that matches the object
 *    and names that access, or when none does by the policy's default for
 *    it (@path_default_read, @path_default_write);
 * 2. the strictest of those actions decides the call, the first access in
 *    the order read, write, exec among equals: %KSENTRY_ACT_KILL_PROCESS
 *    kills the caller; %KSENTRY_ACT_ERRNO fails the call;
 *    %KSENTRY_ACT_EMULATE with an &enum ksentry_vfile in its data opens
 *    that virtual file instead; %KSENTRY_ACT_ALLOW goes on;
 * 3. an object allowed that is one of the virtual files selected in the
 *    view's @vfiles gives the caller the virtual file;
 * 4. otherwise the handler opens the object itself.
 *
 * The handler opens exactly the object it decided on, with the caller's
 * flags and the host's permission checks, so a thread that rewrites the
 * path in user memory meanwhile changes nothing.  A file that does not
 * exist yet is decided on its parent directory and created there.
 *
 * execve() and execveat() are decided on every file the kernel loads (a
 * script, then its interpreter, an ELF program's interpreter), at the
 * kernel's own check of each, by the first %KSENTRY_ACCESS_EXEC rule that
 * matches it or else @path_default_exec: no table entry is needed for
 * them.  With the defaults an allow-list is written as with Landlock: a
 * default of %KSENTRY_ACT_ERRNO and rules that allow what may be used,
 * which also refuses what no rule can name, such as a memfd.
 */

/**
 * define KSENTRY_PATH_BENEATH - A path rule on a directory's hierarchy
 *
 * The rule matches the directory and every object beneath it, on the
 * directory's filesystem, whatever mount the object is reached through.
 * Without it, the rule matches the object (the inode) itself.
 */
#define KSENTRY_PATH_BENEATH 0x1U

/**
 * define KSENTRY_ACCESS_READ - Opening for reading, and with O_PATH
 */
#define KSENTRY_ACCESS_READ 0x1U

/**
 * define KSENTRY_ACCESS_WRITE - Opening for writing, truncating or creating
 */
#define KSENTRY_ACCESS_WRITE 0x2U

/**
 * define KSENTRY_ACCESS_EXEC - Loading for execution
 */
#define KSENTRY_ACCESS_EXEC 0x4U

/**
 * struct ksentry_path_rule - A rule on a file or a hierarchy
 * @fd: A file descriptor of the object, such as an O_PATH one.  The
 *      policy keeps a reference to the object, not to the descriptor.
 * @flags: 0 or %KSENTRY_PATH_BENEATH.
 * @access: The accesses it applies to, a mask of %KSENTRY_ACCESS_READ,
 *          %KSENTRY_ACCESS_WRITE and %KSENTRY_ACCESS_EXEC; not 0.  An
 *          open that asks for several accesses has each decided by its
 *          own first rule.
 * @action: %KSENTRY_ACT_ALLOW, %KSENTRY_ACT_ERRNO,
 *          %KSENTRY_ACT_KILL_PROCESS, or %KSENTRY_ACT_EMULATE with an
 *          &enum ksentry_vfile (not with %KSENTRY_ACCESS_EXEC).
 */
struct ksentry_path_rule {
	__u32 fd;
	__u32 flags;
	__u32 access;
	__u32 action;
};

/**
 * struct ksentry_policy_attr - A policy, for %KSENTRY_SANDBOX_SET_POLICY
 * @size: sizeof(struct ksentry_policy_attr) as the caller knows it.
 * @flags: Must be 0.
 * @default_action: Action for every x86-64 number without an entry.
 * @ia32_action: Action for every ia32 (int 0x80) call.  0 means
 *               %KSENTRY_ACT_ERRNO_OF(ENOSYS).  %KSENTRY_ACT_EMULATE is
 *               refused: the x86-64 table never decides an ia32 call.
 * @x32_action: Action for every x32 call, with the same rules as
 *              @ia32_action.
 * @nr_entries: Number of &struct ksentry_entry at @entries, at most
 *              %KSENTRY_TABLE_SIZE.
 * @nr_rules: Number of &struct ksentry_rule at @rules, at most
 *            %KSENTRY_MAX_RULES.
 * @reserved: Must be 0.
 * @entries: User pointer to the entries.
 * @rules: User pointer to the rules.
 * @emu: User pointer to a &struct ksentry_emu_attr, or 0 for the host's
 *       view (ABI 4; a caller that knows only the first 48 bytes gets 0).
 * @nr_path_rules: Number of &struct ksentry_path_rule at @path_rules, at
 *                 most %KSENTRY_MAX_PATH_RULES (ABI 5).
 * @reserved2: Must be 0.
 * @path_rules: User pointer to the path rules, tried in order (ABI 5).
 * @path_default_read: The action for reading an object no path rule with
 *                     %KSENTRY_ACCESS_READ matches: 0 or
 *                     %KSENTRY_ACT_ALLOW, %KSENTRY_ACT_ERRNO or
 *                     %KSENTRY_ACT_KILL_PROCESS (ABI 6; 0, for a caller
 *                     that knows only the first 72 bytes, allows).
 * @path_default_write: The same for %KSENTRY_ACCESS_WRITE (ABI 6).
 * @path_default_exec: The same for %KSENTRY_ACCESS_EXEC (ABI 6).
 * @reserved3: Must be 0.
 *
 * A default other than allowing makes the policy one with path rules on
 * opens (read, write) or on execs, with what that asks of its table.
 */
struct ksentry_policy_attr {
	__u32 size;
	__u32 flags;
	__u32 default_action;
	__u32 ia32_action;
	__u32 x32_action;
	__u32 nr_entries;
	__u32 nr_rules;
	__u32 reserved;
	__aligned_u64 entries;
	__aligned_u64 rules;
	__aligned_u64 emu;
	__u32 nr_path_rules;
	__u32 reserved2;
	__aligned_u64 path_rules;
	__u32 path_default_read;
	__u32 path_default_write;
	__u32 path_default_exec;
	__u32 reserved3;
};

/**
 * struct ksentry_create_attr - For %KSENTRY_IOCTL_CREATE_SANDBOX
 * @size: sizeof(struct ksentry_create_attr) as the caller knows it.
 * @flags: Must be 0.
 */
struct ksentry_create_attr {
	__u32 size;
	__u32 flags;
};

/**
 * struct ksentry_bind_attr - For %KSENTRY_SANDBOX_BIND
 * @size: sizeof(struct ksentry_bind_attr) as the caller knows it.
 * @flags: Must be 0.
 * @pidns_fd: A file descriptor of a pid namespace, such as an open
 *            /proc/PID/ns/pid.
 * @reserved: Must be 0.
 */
struct ksentry_bind_attr {
	__u32 size;
	__u32 flags;
	__u32 pidns_fd;
	__u32 reserved;
};

/**
 * struct ksentry_sandbox_info - Filled by %KSENTRY_SANDBOX_GET_INFO
 * @size: In: sizeof(struct ksentry_sandbox_info) as the caller knows it.
 * @flags: In: must be 0.
 * @id: Out: the sandbox's id, unique until the module is unloaded.
 * @members: Out: number of tasks (threads) in the sandbox.
 * @bound: Out: 1 once the sandbox is bound to a pid namespace.
 * @policy_seq: Out: number of policies installed so far.
 * @reserved: Out: 0.
 */
struct ksentry_sandbox_info {
	__u32 size;
	__u32 flags;
	__aligned_u64 id;
	__u32 members;
	__u32 bound;
	__u32 policy_seq;
	__u32 reserved;
};

/**
 * struct ksentry_open_attr - For %KSENTRY_IOCTL_OPEN_SANDBOX
 * @size: sizeof(struct ksentry_open_attr) as the caller knows it.
 * @flags: Must be 0.
 * @pidns_fd: A file descriptor of a pid namespace, such as an open
 *            /proc/PID/ns/pid.
 * @reserved: Must be 0.
 */
struct ksentry_open_attr {
	__u32 size;
	__u32 flags;
	__u32 pidns_fd;
	__u32 reserved;
};

/**
 * DOC: stats
 *
 * Each sandbox counts its decisions per slot and per action type.  A slot
 * is an x86-64 syscall number below %KSENTRY_TABLE_SIZE, or
 * %KSENTRY_STATS_SLOT_IA32 (every ia32 call), %KSENTRY_STATS_SLOT_X32
 * (every x32 call) or %KSENTRY_STATS_SLOT_OTHER (x86-64 numbers beyond the
 * table).  %KSENTRY_SANDBOX_GET_STATS copies the counters as an array of
 * %KSENTRY_STATS_SLOTS rows of %KSENTRY_STATS_ACTIONS __u64, the column
 * of an action type being (type >> 16) - 1.
 */
#define KSENTRY_STATS_SLOT_IA32 KSENTRY_TABLE_SIZE
#define KSENTRY_STATS_SLOT_X32 (KSENTRY_TABLE_SIZE + 1)
#define KSENTRY_STATS_SLOT_OTHER (KSENTRY_TABLE_SIZE + 2)
#define KSENTRY_STATS_SLOTS (KSENTRY_TABLE_SIZE + 3)
#define KSENTRY_STATS_ACTIONS 7

/**
 * struct ksentry_stats_attr - For %KSENTRY_SANDBOX_GET_STATS
 * @size: sizeof(struct ksentry_stats_attr) as the caller knows it.
 * @flags: Must be 0.
 * @counts: User pointer to the array that receives the counters.
 * @counts_size: Size of that array in bytes; at least
 *               %KSENTRY_STATS_SLOTS * %KSENTRY_STATS_ACTIONS * 8.
 * @reserved: Must be 0.
 */
struct ksentry_stats_attr {
	__u32 size;
	__u32 flags;
	__aligned_u64 counts;
	__u32 counts_size;
	__u32 reserved;
};

/**
 * define KSENTRY_IOCTL_CREATE_SANDBOX - Create a sandbox
 *
 * The argument points to a &struct ksentry_create_attr.  The caller needs
 * CAP_SYS_ADMIN in the initial user namespace and must not be in a
 * sandbox.
 *
 * Return: a new close-on-exec file descriptor for the sandbox, or -1 with
 * errno set to:
 *
 * - %EPERM: the caller lacks CAP_SYS_ADMIN or is in a sandbox;
 * - %EFAULT: the argument cannot be read;
 * - %EINVAL: unknown flags;
 * - %E2BIG: @size is larger than the module knows and the extra bytes
 *   are not zero;
 * - %ENOMEM, %EMFILE: out of memory or file descriptors.
 */
#define KSENTRY_IOCTL_CREATE_SANDBOX _IO(KSENTRY_IOC_MAGIC, 0x01)

/**
 * define KSENTRY_IOCTL_OPEN_SANDBOX - Open the sandbox of a pid namespace
 *
 * The argument points to a &struct ksentry_open_attr.  The caller needs
 * CAP_SYS_ADMIN in the initial user namespace and must not be in a
 * sandbox.  The sandbox is the one bound to the namespace, or to the
 * nearest namespace above it that is bound.  The new file descriptor
 * works as the one %KSENTRY_IOCTL_CREATE_SANDBOX returned, and keeps the
 * sandbox alive as that one does.
 *
 * Return: a new close-on-exec file descriptor, or -1 with errno set to:
 *
 * - %EPERM: the caller lacks CAP_SYS_ADMIN or is in a sandbox;
 * - %EFAULT: the argument cannot be read;
 * - %EINVAL: unknown flags, a reserved field is not zero, or @pidns_fd is
 *   not a pid namespace;
 * - %E2BIG: @size is larger than the module knows and the extra bytes
 *   are not zero;
 * - %EBADF: @pidns_fd is not an open file descriptor;
 * - %ENOENT: no sandbox is bound to the namespace or above it;
 * - %EMFILE: out of file descriptors.
 */
#define KSENTRY_IOCTL_OPEN_SANDBOX _IO(KSENTRY_IOC_MAGIC, 0x02)

/**
 * define KSENTRY_SANDBOX_SET_POLICY - Install or replace a sandbox's policy
 *
 * On a sandbox file descriptor.  The argument points to a
 * &struct ksentry_policy_attr.  Before the sandbox is bound, any valid
 * policy is accepted.  Afterwards, the new policy replaces the old one
 * atomically, and every decision may only move to a more restrictive
 * action type (see the actions' order) unless the caller has
 * CAP_SYS_ADMIN in the initial user namespace.
 *
 * Return: 0, or -1 with errno set to:
 *
 * - %EINVAL: a field is out of range, an action or flag is unknown, a
 *   reserved field is not zero, a number has two entries;
 * - %E2BIG: @size is larger than the module knows and the extra bytes are
 *   not zero, or too many entries or rules;
 * - %EPERM: the update loosens a decision and the caller lacks
 *   CAP_SYS_ADMIN, or the caller is in a sandbox;
 * - %EFAULT: an array cannot be read;
 * - %EBADF: a path rule's @fd is not an open file descriptor;
 * - %EOPNOTSUPP: a path rule on %KSENTRY_ACCESS_EXEC, or a
 *   @path_default_exec that does not allow, and the kernel has no
 *   security_bprm_check() (built without CONFIG_SECURITY);
 * - %ENOMEM: out of memory.
 *
 * After the binding, without CAP_SYS_ADMIN, the path rules of the policy
 * in force must stay the first rules of the new one, no default of a path
 * access may loosen, a rule added may not loosen what that default decided
 * before, and the view may not change.
 *
 * On error the sandbox keeps its previous policy.
 */
#define KSENTRY_SANDBOX_SET_POLICY _IO(KSENTRY_IOC_MAGIC, 0x10)

/**
 * define KSENTRY_SANDBOX_BIND - Bind a sandbox to a pid namespace
 *
 * On a sandbox file descriptor.  The argument points to a
 * &struct ksentry_bind_attr.  Every task already in the namespace, or in
 * a namespace below it, becomes a member, all its threads included, and so
 * does every task later created by a member or in the namespace.
 *
 * Return: 0, or -1 with errno set to:
 *
 * - %EINVAL: unknown flags, a reserved field is not zero, @pidns_fd is not
 *   a pid namespace, the namespace is the initial one, or the sandbox has
 *   no policy yet;
 * - %EBADF: @pidns_fd is not an open file descriptor;
 * - %EBUSY: the sandbox is already bound, or the namespace is already
 *   bound to a sandbox;
 * - %EPERM: the caller is in a sandbox;
 * - %EFAULT: the argument cannot be read.
 */
#define KSENTRY_SANDBOX_BIND _IO(KSENTRY_IOC_MAGIC, 0x11)

/**
 * define KSENTRY_SANDBOX_GET_INFO - Read a sandbox's state
 *
 * On a sandbox file descriptor.  The argument points to a
 * &struct ksentry_sandbox_info whose @size and @flags are set.
 *
 * Return: 0, or -1 with errno set to %EFAULT, %EINVAL or %E2BIG as for
 * the other commands.
 */
#define KSENTRY_SANDBOX_GET_INFO _IO(KSENTRY_IOC_MAGIC, 0x12)

/**
 * define KSENTRY_SANDBOX_GET_STATS - Read a sandbox's decision counters
 *
 * On a sandbox file descriptor.  The argument points to a
 * &struct ksentry_stats_attr.  The same counters are in debugfs, in
 * ksentry/sandbox-ID.
 *
 * Return: 0, or -1 with errno set to %EFAULT, %EINVAL (also when
 * @counts_size is too small) or %E2BIG.
 */
#define KSENTRY_SANDBOX_GET_STATS _IO(KSENTRY_IOC_MAGIC, 0x13)

#endif /* _UAPI_LINUX_KSENTRY_H */
