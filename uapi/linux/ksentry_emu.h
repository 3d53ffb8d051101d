/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * ksentry - the emulated calls, one line per handler
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * KSENTRY_EMU_CALL(ID, CALL) for each handler KSENTRY_EMU_ID of enum
 * ksentry_emu (<linux/ksentry.h>), in the enum's order: the handler
 * answers the x86-64 system call __NR_CALL only, and the module refuses
 * KSENTRY_ACT_EMULATE of it on any other number.
 *
 * This is the one list of the emulated calls.  As <asm-generic/unistd.h>
 * with __SYSCALL(), the includer defines KSENTRY_EMU_CALL() to make a
 * table of it, and may include this file more than once: it has no
 * include guard.  The module builds its handler and number tables from
 * it, runsc-lite its emulation set.
 */

KSENTRY_EMU_CALL(GETPID, getpid)
KSENTRY_EMU_CALL(GETPPID, getppid)
KSENTRY_EMU_CALL(GETTID, gettid)
KSENTRY_EMU_CALL(GETUID, getuid)
KSENTRY_EMU_CALL(GETEUID, geteuid)
KSENTRY_EMU_CALL(GETGID, getgid)
KSENTRY_EMU_CALL(GETEGID, getegid)
KSENTRY_EMU_CALL(GETRESUID, getresuid)
KSENTRY_EMU_CALL(GETRESGID, getresgid)
KSENTRY_EMU_CALL(GETGROUPS, getgroups)
KSENTRY_EMU_CALL(GETPGRP, getpgrp)
KSENTRY_EMU_CALL(GETSID, getsid)
KSENTRY_EMU_CALL(UNAME, uname)
KSENTRY_EMU_CALL(SYSINFO, sysinfo)
KSENTRY_EMU_CALL(SCHED_GETAFFINITY, sched_getaffinity)
KSENTRY_EMU_CALL(GETCPU, getcpu)
KSENTRY_EMU_CALL(GETRLIMIT, getrlimit)
KSENTRY_EMU_CALL(PRLIMIT64, prlimit64)
KSENTRY_EMU_CALL(GETRANDOM, getrandom)
KSENTRY_EMU_CALL(OPEN, open)
KSENTRY_EMU_CALL(OPENAT, openat)
KSENTRY_EMU_CALL(OPENAT2, openat2)
KSENTRY_EMU_CALL(CREAT, creat)
