/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksentry - the ksentry:ksentry_decision trace event
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * One event for every decision that is not ALLOW, LOG included.  It is a
 * regular trace event: perf, trace-cmd, bpftrace and tracefs read it.
 */

#undef TRACE_SYSTEM
#define TRACE_SYSTEM ksentry

#if !defined(_KSENTRY_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _KSENTRY_TRACE_H

#include <linux/tracepoint.h>

/**
 * ksentry_decision - A member's call was decided other than ALLOW
 * @sandbox: The sandbox's id.
 * @pid: The calling thread, in the initial pid namespace.
 * @arch: The call's AUDIT_ARCH_* value.
 * @nr: The call's number, as the caller passed it.
 * @action: The action, type and data.
 * @args: The six arguments.
 */
TRACE_EVENT(ksentry_decision,
	    TP_PROTO(u64 sandbox, pid_t pid, u32 arch, unsigned long nr,
		     u32 action, const unsigned long *args),
	    TP_ARGS(sandbox, pid, arch, nr, action, args),
	    TP_STRUCT__entry(__field(u64, sandbox)
			     __field(pid_t, pid)
			     __field(u32, arch)
			     __field(unsigned long, nr)
			     __field(u32, action)
			     __array(unsigned long, args, 6)),
	    TP_fast_assign(__entry->sandbox = sandbox;
			   __entry->pid = pid;
			   __entry->arch = arch;
			   __entry->nr = nr;
			   __entry->action = action;
			   memcpy(__entry->args, args, sizeof(__entry->args));),
	    TP_printk("sandbox=%llu pid=%d arch=%#x nr=%lu action=%#x args=%#lx,%#lx,%#lx,%#lx,%#lx,%#lx",
		      __entry->sandbox, __entry->pid, __entry->arch,
		      __entry->nr, __entry->action, __entry->args[0],
		      __entry->args[1], __entry->args[2], __entry->args[3],
		      __entry->args[4], __entry->args[5])
);

#endif /* _KSENTRY_TRACE_H */

#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH kmod
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE trace

#include <trace/define_trace.h>
