/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksentry - the virtual files: /proc and sysfs files seen from a sandbox
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * A member that opens one of the files of &enum ksentry_vfile gets a
 * read-only file whose content is made, at open, from the sandbox's view.
 * Making the content is split in two: kmod/emulate/vfile.c collects the
 * figures (the host's counters, the caller's cgroup, the sandbox), and the
 * functions declared here turn figures into text in the real file's exact
 * format.  The latter are pure: they touch neither a task nor the host's
 * counters, which is what lets KUnit test them at their edges.
 *
 * Each formatter writes into @buf, at most @size bytes, and returns the
 * length of the content, which is never more than @size - 1 (the text is
 * always NUL-terminated); content that does not fit is cut at the end, as
 * snprintf() cuts it.
 */

#ifndef _KSENTRY_VFILE_H
#define _KSENTRY_VFILE_H

#include <linux/types.h>

/**
 * struct ksentry_meminfo - The figures of /proc/meminfo, in kB
 * @host_total: The host's MemTotal.
 * @host_free: The host's MemFree.
 * @host_available: The host's MemAvailable.
 * @buffers: The host's Buffers.
 * @cached: The host's Cached.
 * @swap_cached: The host's SwapCached.
 * @active: The host's Active.
 * @inactive: The host's Inactive.
 * @active_anon: The host's Active(anon).
 * @inactive_anon: The host's Inactive(anon).
 * @active_file: The host's Active(file).
 * @inactive_file: The host's Inactive(file).
 * @unevictable: The host's Unevictable.
 * @mlocked: The host's Mlocked.
 * @dirty: The host's Dirty.
 * @writeback: The host's Writeback.
 * @anon_pages: The host's AnonPages.
 * @mapped: The host's Mapped.
 * @shmem: The host's Shmem.
 * @kreclaimable: The host's KReclaimable.
 * @slab_reclaimable: The host's SReclaimable.
 * @slab_unreclaimable: The host's SUnreclaim.
 * @kernel_stack: The host's KernelStack.
 * @page_tables: The host's PageTables.
 * @committed_as: The host's Committed_AS.
 * @vmalloc_total: The host's VmallocTotal.
 * @limit: The sandbox's memory limit (the smallest memory.max from the
 *         caller's cgroup up), or 0 when none is set.
 * @usage: The memory the caller's cgroup uses (memory.current).
 *
 * With no limit, or a limit at or above @host_total, the host's figures are
 * shown.  Otherwise MemTotal is @limit, MemFree and MemAvailable are @limit
 * less @usage (never below 0); what memory is used for (Buffers to
 * PageTables) is cut to the memory used, so that Buffers, Cached and
 * SReclaimable together never exceed it (free(1)'s "used" is MemTotal less
 * those and MemFree), Shmem to Cached, Slab to its two parts; Committed_AS
 * to MemTotal.  VmallocTotal is address space, the host's.
 * Swap is shown as none: SwapTotal and SwapFree are 0.
 */
struct ksentry_meminfo {
	u64 host_total;
	u64 host_free;
	u64 host_available;
	u64 buffers;
	u64 cached;
	u64 swap_cached;
	u64 active;
	u64 inactive;
	u64 active_anon;
	u64 inactive_anon;
	u64 active_file;
	u64 inactive_file;
	u64 unevictable;
	u64 mlocked;
	u64 dirty;
	u64 writeback;
	u64 anon_pages;
	u64 mapped;
	u64 shmem;
	u64 kreclaimable;
	u64 slab_reclaimable;
	u64 slab_unreclaimable;
	u64 kernel_stack;
	u64 page_tables;
	u64 committed_as;
	u64 vmalloc_total;
	u64 limit;
	u64 usage;
};

size_t ksentry_vfile_meminfo(char *buf, size_t size,
			     const struct ksentry_meminfo *in);

/**
 * ksentry_vfile_cpuinfo - Keep a sandbox's CPUs of the host's /proc/cpuinfo
 * @buf: Receives the content.
 * @size: Size of @buf.
 * @host: The host's /proc/cpuinfo, @host_len bytes, not NUL-terminated.
 * @host_len: Its length.
 * @cpus: The host CPU numbers the sandbox sees, ascending.
 * @nr_cpus: How many there are; 0 gives an empty file.
 *
 * Keeps the blocks (a "processor" line up to the blank line after it) of
 * the CPUs in @cpus, in order, byte for byte: a CPU keeps its host number,
 * the one sched_getaffinity() and getcpu() answer.  A block the host file
 * names out of order or twice is dropped.  The lines outside the blocks
 * are kept byte for byte.
 *
 * Return: The length of the content.
 */
size_t ksentry_vfile_cpuinfo(char *buf, size_t size, const char *host,
			     size_t host_len, const unsigned int *cpus,
			     unsigned int nr_cpus);

/**
 * ksentry_vfile_stat - Keep a sandbox's CPUs of the host's /proc/stat
 * @buf: Receives the content.
 * @size: Size of @buf.
 * @host: The host's /proc/stat, @host_len bytes, not NUL-terminated.
 * @host_len: Its length.
 * @cpus: The host CPU numbers the sandbox sees, ascending.
 * @nr_cpus: How many there are.
 *
 * Keeps the "cpuN" lines of the CPUs in @cpus byte for byte, N the host's
 * number, and replaces the "cpu" line with the column sums of the kept
 * lines, in the host's format ("cpu  " then ten space-separated columns).
 * Every other line is kept byte for byte.
 *
 * Return: The length of the content.
 */
size_t ksentry_vfile_stat(char *buf, size_t size, const char *host,
			  size_t host_len, const unsigned int *cpus,
			  unsigned int nr_cpus);

/**
 * ksentry_vfile_uptime - Make /proc/uptime
 * @buf: Receives the content.
 * @size: Size of @buf.
 * @uptime_ns: The sandbox's uptime.
 * @nr_cpus: The sandbox's CPUs.
 *
 * Formats "%lu.%02lu %lu.%02lu\n", seconds and hundredths, as the host:
 * the uptime, then the idle time, all of the uptime on each of the CPUs
 * (the uptime's hundredths times @nr_cpus, U64_MAX hundredths at most).
 *
 * Return: The length of the content.
 */
size_t ksentry_vfile_uptime(char *buf, size_t size, u64 uptime_ns,
			    unsigned int nr_cpus);

/**
 * ksentry_vfile_loadavg - Make /proc/loadavg
 * @buf: Receives the content.
 * @size: Size of @buf.
 * @loads: The three loads, fixed point with FSHIFT bits, as avenrun[].
 * @running: Runnable tasks to show.
 * @total: Tasks to show.
 * @last_pid: The last pid allocated, in the caller's pid namespace.
 *
 * Return: The length of the content.
 */
size_t ksentry_vfile_loadavg(char *buf, size_t size, const unsigned long loads[3],
			     unsigned int running, unsigned int total,
			     int last_pid);

/**
 * ksentry_vfile_cpu_online - Make /sys/devices/system/cpu/online
 * @buf: Receives the content.
 * @size: Size of @buf.
 * @cpus: The host CPU numbers the sandbox sees, ascending.
 * @nr_cpus: How many there are; 0 gives "\n".
 *
 * The host numbers of @cpus in the kernel's cpulist format ("%*pbl"), as
 * the host's file: runs of consecutive numbers as "first-last", single
 * ones as a number, separated by commas ("0,2-3\n").  A number not above
 * the one before it is dropped.
 *
 * Return: The length of the content.
 */
size_t ksentry_vfile_cpu_online(char *buf, size_t size,
				const unsigned int *cpus, unsigned int nr_cpus);

#endif /* _KSENTRY_VFILE_H */
