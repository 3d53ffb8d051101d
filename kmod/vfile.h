/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksentry - the virtual files: /proc and sysfs files seen from a sandbox
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * A member that opens one of the files of &enum ksentry_vfile gets a
 * read-only file whose content is made, at open, from the sandbox's view.
 * Making the content is split in two: kmod/emulate/vfile.c collects the
 * figures and the host's files (the host's /proc files, the caller's
 * cgroup, the sandbox), and the functions declared here turn them into
 * text in the real file's exact format: the host's file with the
 * sandbox's figures in place where there is one.  The latter are pure:
 * they touch neither a task nor the host's counters, which is what lets
 * KUnit test them at their edges.
 *
 * Each formatter writes into @buf, at most @size bytes, and returns the
 * length of the content, which is never more than @size - 1 (the text is
 * always NUL-terminated); content that does not fit is cut at the end, as
 * snprintf() cuts it, but for meminfo, which fails instead.  The callers
 * size their buffers so that nothing is cut, and fail the open if the
 * content fills one.
 */

#ifndef _KSENTRY_VFILE_H
#define _KSENTRY_VFILE_H

#include <linux/types.h>

/**
 * ksentry_vfile_meminfo - Rewrite the host's /proc/meminfo for a sandbox
 * @buf: Receives the content.
 * @size: Size of @buf.
 * @host: The host's /proc/meminfo, @host_len bytes, not NUL-terminated.
 * @host_len: Its length.
 * @limit: The sandbox's memory limit in kB (the smallest memory.max from
 *         the caller's cgroup up, which may be 0), or U64_MAX when none is
 *         set.
 * @usage: The memory the caller's cgroup uses (memory.current), in kB.
 *
 * Every line of @host is kept, in its order, byte for byte, but for the
 * figures the sandbox has, whose numbers are replaced in the host's
 * columns: SwapTotal and SwapFree are 0 (swap is shown as none, as
 * sysinfo() shows it).  With a limit below the host's MemTotal, MemTotal
 * is @limit, MemFree and MemAvailable are @limit less @usage (never below
 * 0); what memory is used for (Buffers to PageTables) is cut to the memory
 * used, so that Buffers, Cached and SReclaimable together never exceed it
 * (free(1)'s "used" is MemTotal less those and MemFree), Shmem to Cached,
 * Slab to its two parts, the huge pages of anonymous, shmem and file
 * memory to their parts (AnonPages, Shmem, Cached), Committed_AS to
 * MemTotal; and so that no line gives the host's RAM away, every other
 * amount in kB (CommitLimit, Hugetlb, Percpu, VmallocUsed, Zswap, and
 * whatever a later kernel adds) is cut to @limit, and the DirectMap lines
 * are scaled to sum to at most @limit.  VmallocTotal, Hugepagesize and the
 * HugePages_ counts are the host's, and so is every line without a limit.
 *
 * Return: The length of the content; -EIO if @host has no MemTotal line
 * or a line the sandbox rewrites has no number, -EFBIG if the content does
 * not fit in @size: never a cut or a host figure in place of the sandbox's.
 */
ssize_t ksentry_vfile_meminfo(char *buf, size_t size, const char *host,
			      size_t host_len, u64 limit, u64 usage);

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
 * @shown_ns: The uptime shown: the sandbox's, in the caller's time
 *            namespace.
 * @up_ns: The sandbox's uptime.
 * @nr_cpus: The sandbox's CPUs.
 *
 * Formats "%lu.%02lu %lu.%02lu\n", seconds and hundredths, as the host:
 * @shown_ns, then the idle time, all of @up_ns on each of the CPUs (its
 * hundredths times @nr_cpus, U64_MAX hundredths at most); as the host's,
 * the idle time has no time namespace offset.
 *
 * Return: The length of the content.
 */
size_t ksentry_vfile_uptime(char *buf, size_t size, u64 shown_ns, u64 up_ns,
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
