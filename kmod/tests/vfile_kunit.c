// SPDX-License-Identifier: GPL-2.0
/*
 * ksentry - KUnit tests of the virtual files' formatters
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * Included at the end of kmod/emulate/vfile_fmt.c when the module is built
 * with KSENTRY_KUNIT=y.  Each test gives a formatter its figures or a host
 * file and checks the exact bytes of the result; expect_file() also runs
 * the formatter at every buffer size from 0 to one past the content's,
 * where the content must be cut as snprintf() cuts it, NUL-terminated, and
 * nothing written past the buffer.  Host files are copied to a buffer of
 * their exact length, not NUL-terminated, so that KASAN sees a read past
 * their end.
 */

#include <kunit/test.h>
#include <linux/limits.h>
#include <linux/slab.h>
#include <linux/string.h>

/* Bytes of room past the content's end, checked for writes. */
#define SPARE 64
#define CANARY 0xa5

/**
 * struct vcall - One formatter with its input, callable at any buffer size
 * @fmt: Calls the formatter with this call's input.
 * @host: The host file, for cpuinfo and stat.
 * @host_len: Its length.
 * @cpus: The sandbox's CPUs, for cpuinfo, stat and cpu_online.
 * @nr_cpus: How many there are; the CPU count of uptime.
 * @ns: The uptime shown and the sandbox's, for uptime.
 * @loads: The loads, for loadavg.
 * @running: Runnable tasks, for loadavg.
 * @total: Tasks, for loadavg.
 * @last_pid: The last pid, for loadavg.
 */
struct vcall {
	size_t (*fmt)(const struct vcall *c, char *buf, size_t size);
	const char *host;
	size_t host_len;
	const unsigned int *cpus;
	unsigned int nr_cpus;
	u64 ns[2];
	unsigned long loads[3];
	unsigned int running;
	unsigned int total;
	int last_pid;
};

static size_t fmt_cpuinfo(const struct vcall *const c, char *const buf,
			  const size_t size)
{
	return ksentry_vfile_cpuinfo(buf, size, c->host, c->host_len, c->cpus,
				     c->nr_cpus);
}

static size_t fmt_stat(const struct vcall *const c, char *const buf,
		       const size_t size)
{
	return ksentry_vfile_stat(buf, size, c->host, c->host_len, c->cpus,
				  c->nr_cpus);
}

static size_t fmt_uptime(const struct vcall *const c, char *const buf,
			 const size_t size)
{
	return ksentry_vfile_uptime(buf, size, c->ns[0], c->ns[1], c->nr_cpus);
}

static size_t fmt_loadavg(const struct vcall *const c, char *const buf,
			  const size_t size)
{
	return ksentry_vfile_loadavg(buf, size, c->loads, c->running, c->total,
				     c->last_pid);
}

static size_t fmt_cpu_online(const struct vcall *const c, char *const buf,
			     const size_t size)
{
	return ksentry_vfile_cpu_online(buf, size, c->cpus, c->nr_cpus);
}

/* A host file in a buffer of its exact length, as vfile.c passes it. */
static void set_host(struct kunit *const test, struct vcall *const c,
		     const char *const text)
{
	const size_t len = strlen(text);
	char *const copy = kunit_kmalloc(test, len ? len : 1, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, copy);
	memcpy(copy, text, len);
	c->host = copy;
	c->host_len = len;
}

/* Whether @buf[@from, @to) holds nothing but the canary. */
static bool untouched(const char *const buf, const size_t from,
		      const size_t to)
{
	return from >= to || !memchr_inv(buf + from, CANARY, to - from);
}

/* The formatter must make @want exactly, and a prefix of it at every size. */
static void expect_file(struct kunit *const test, const struct vcall *const c,
			const char *const want)
{
	const size_t len = strlen(want), room = len + SPARE;
	char *const buf = kunit_kmalloc(test, room, GFP_KERNEL);
	size_t size, got, cut;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	memset(buf, CANARY, room);
	KUNIT_EXPECT_EQ(test, len, c->fmt(c, buf, room));
	KUNIT_EXPECT_STREQ(test, want, buf);
	KUNIT_EXPECT_TRUE(test, untouched(buf, len + 1, room));
	/* Size 0 writes nothing: no buffer is needed. */
	KUNIT_EXPECT_EQ(test, 0, c->fmt(c, NULL, 0));
	for (size = 0; size <= len + 1; size++) {
		memset(buf, CANARY, room);
		got = c->fmt(c, buf, size);
		cut = size ? min(len, size - 1) : 0;
		if (got != cut || (size && buf[cut]) || memcmp(buf, want, cut) ||
		    !untouched(buf, size, room)) {
			KUNIT_FAIL(test, "size %zu: length %zu (want %zu), content \"%.*s\"",
				   size, got, cut, (int)min(got, cut), buf);
			return;
		}
	}
}

/* @text must have the line @want, found by its label (up to its ':'). */
static void expect_line(struct kunit *const test, const char *const text,
			const char *const want)
{
	const char *const colon = strchr(want, ':');
	const size_t label = colon ? colon - want + 1 : strlen(want);
	const char *line = text, *nl;

	while (line && strncmp(line, want, label)) {
		nl = strchr(line, '\n');
		line = nl ? nl + 1 : NULL;
	}
	KUNIT_ASSERT_NOT_NULL_MSG(test, line, "no line \"%.*s\"", (int)label,
				  want);
	nl = strchr(line, '\n');
	KUNIT_EXPECT_EQ_MSG(test, strlen(want),
			    nl ? (size_t)(nl - line + 1) : strlen(line),
			    "line \"%.*s\"", (int)label, want);
	KUNIT_EXPECT_EQ_MSG(test, 0, strncmp(line, want, strlen(want)),
			    "line \"%.*s\"", (int)label, want);
}

/*
 * A host's /proc/meminfo as 6.12 prints it, each figure distinct, with
 * swap, huge pages and a VmallocTotal as wide as x86-64's.
 */
static const char host_meminfo[] =
	"MemTotal:       16303112 kB\n"
	"MemFree:         9876543 kB\n"
	"MemAvailable:   12345678 kB\n"
	"Buffers:          234567 kB\n"
	"Cached:          3456789 kB\n"
	"SwapCached:         1234 kB\n"
	"Active:          4567890 kB\n"
	"Inactive:        2345678 kB\n"
	"Active(anon):    3456780 kB\n"
	"Inactive(anon):   123456 kB\n"
	"Active(file):    1111110 kB\n"
	"Inactive(file):  2222222 kB\n"
	"Unevictable:        3210 kB\n"
	"Mlocked:            3200 kB\n"
	"SwapTotal:       2097148 kB\n"
	"SwapFree:        2000000 kB\n"
	"Zswap:                 0 kB\n"
	"Zswapped:              0 kB\n"
	"Dirty:               456 kB\n"
	"Writeback:             0 kB\n"
	"AnonPages:       3500000 kB\n"
	"Mapped:           654321 kB\n"
	"Shmem:             98765 kB\n"
	"KReclaimable:     210987 kB\n"
	"Slab:             323456 kB\n"
	"SReclaimable:     200000 kB\n"
	"SUnreclaim:       123456 kB\n"
	"KernelStack:       12288 kB\n"
	"PageTables:        45678 kB\n"
	"SecPageTables:         0 kB\n"
	"NFS_Unstable:          0 kB\n"
	"Bounce:                0 kB\n"
	"WritebackTmp:          0 kB\n"
	"CommitLimit:    10248704 kB\n"
	"Committed_AS:    9999999 kB\n"
	"VmallocTotal:   34359738367 kB\n"
	"VmallocUsed:       34567 kB\n"
	"VmallocChunk:          0 kB\n"
	"Percpu:             2345 kB\n"
	"HardwareCorrupted:     0 kB\n"
	"AnonHugePages:   2048000 kB\n"
	"ShmemHugePages:    90112 kB\n"
	"ShmemPmdMapped:    90112 kB\n"
	"FileHugePages:    600000 kB\n"
	"FilePmdMapped:    500000 kB\n"
	"Unaccepted:            0 kB\n"
	"HugePages_Total:      16\n"
	"HugePages_Free:       15\n"
	"HugePages_Rsvd:        0\n"
	"HugePages_Surp:        0\n"
	"Hugepagesize:       2048 kB\n"
	"Hugetlb:           32768 kB\n"
	"DirectMap4k:      220000 kB\n"
	"DirectMap2M:     8167424 kB\n"
	"DirectMap1G:    10485760 kB\n";

/* The lines after SwapFree, which the swap and a limit leave as they are. */
#define HOST_ZSWAP_TO_WRITEBACK \
	"Zswap:                 0 kB\n" \
	"Zswapped:              0 kB\n"
#define HOST_SEC_TO_PERCPU \
	"SecPageTables:         0 kB\n" \
	"NFS_Unstable:          0 kB\n" \
	"Bounce:                0 kB\n" \
	"WritebackTmp:          0 kB\n" \
	"CommitLimit:    10248704 kB\n"
#define HOST_HUGETLB_TO_END \
	"Unaccepted:            0 kB\n" \
	"HugePages_Total:      16\n" \
	"HugePages_Free:       15\n" \
	"HugePages_Rsvd:        0\n" \
	"HugePages_Surp:        0\n" \
	"Hugepagesize:       2048 kB\n" \
	"Hugetlb:           32768 kB\n" \
	"DirectMap4k:      220000 kB\n" \
	"DirectMap2M:     8167424 kB\n" \
	"DirectMap1G:    10485760 kB\n"

/* The host's meminfo without a limit: swap none, all else the host's. */
static const char host_meminfo_no_swap[] =
	"MemTotal:       16303112 kB\n"
	"MemFree:         9876543 kB\n"
	"MemAvailable:   12345678 kB\n"
	"Buffers:          234567 kB\n"
	"Cached:          3456789 kB\n"
	"SwapCached:         1234 kB\n"
	"Active:          4567890 kB\n"
	"Inactive:        2345678 kB\n"
	"Active(anon):    3456780 kB\n"
	"Inactive(anon):   123456 kB\n"
	"Active(file):    1111110 kB\n"
	"Inactive(file):  2222222 kB\n"
	"Unevictable:        3210 kB\n"
	"Mlocked:            3200 kB\n"
	"SwapTotal:             0 kB\n"
	"SwapFree:              0 kB\n"
	HOST_ZSWAP_TO_WRITEBACK
	"Dirty:               456 kB\n"
	"Writeback:             0 kB\n"
	"AnonPages:       3500000 kB\n"
	"Mapped:           654321 kB\n"
	"Shmem:             98765 kB\n"
	"KReclaimable:     210987 kB\n"
	"Slab:             323456 kB\n"
	"SReclaimable:     200000 kB\n"
	"SUnreclaim:       123456 kB\n"
	"KernelStack:       12288 kB\n"
	"PageTables:        45678 kB\n"
	HOST_SEC_TO_PERCPU
	"Committed_AS:    9999999 kB\n"
	"VmallocTotal:   34359738367 kB\n"
	"VmallocUsed:       34567 kB\n"
	"VmallocChunk:          0 kB\n"
	"Percpu:             2345 kB\n"
	"HardwareCorrupted:     0 kB\n"
	"AnonHugePages:   2048000 kB\n"
	"ShmemHugePages:    90112 kB\n"
	"ShmemPmdMapped:    90112 kB\n"
	"FileHugePages:    600000 kB\n"
	"FilePmdMapped:    500000 kB\n"
	HOST_HUGETLB_TO_END;

/**
 * struct mcall - A meminfo formatter call
 * @host: The host's file, in a buffer of its exact length.
 * @host_len: Its length.
 * @limit: The sandbox's limit, in kB.
 * @usage: Its usage, in kB.
 */
struct mcall {
	const char *host;
	size_t host_len;
	u64 limit;
	u64 usage;
};

static void set_mhost(struct kunit *const test, struct mcall *const m,
		      const char *const text)
{
	struct vcall c;

	set_host(test, &c, text);
	m->host = c.host;
	m->host_len = c.host_len;
}

static ssize_t fmt_meminfo(const struct mcall *const m, char *const buf,
			   const size_t size)
{
	return ksentry_vfile_meminfo(buf, size, m->host, m->host_len, m->limit,
				     m->usage);
}

/*
 * The formatter must make @want exactly given room for it, and fail with
 * -EFBIG at every smaller size, writing nothing past the buffer: a
 * meminfo is never cut.
 */
static void expect_meminfo(struct kunit *const test, const struct mcall *const m,
			   const char *const want)
{
	const size_t len = strlen(want), room = len + SPARE;
	char *const buf = kunit_kmalloc(test, room, GFP_KERNEL);
	size_t size;
	ssize_t got;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	memset(buf, CANARY, room);
	KUNIT_EXPECT_EQ(test, (ssize_t)len, fmt_meminfo(m, buf, room));
	KUNIT_EXPECT_STREQ(test, want, buf);
	KUNIT_EXPECT_TRUE(test, untouched(buf, len + 1, room));
	KUNIT_EXPECT_EQ(test, (ssize_t)len, fmt_meminfo(m, buf, len + 1));
	KUNIT_EXPECT_EQ(test, -EFBIG, fmt_meminfo(m, NULL, 0));
	for (size = 0; size <= len; size++) {
		memset(buf, CANARY, room);
		got = fmt_meminfo(m, buf, size);
		if (got != -EFBIG || !untouched(buf, size, room)) {
			KUNIT_FAIL(test, "size %zu: %zd, or written past", size, got);
			return;
		}
	}
}

/* The content at a size with room to spare. */
static char *make_meminfo(struct kunit *const test, const struct mcall *const m)
{
	char *const buf = kunit_kzalloc(test, PAGE_SIZE, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_GE(test, fmt_meminfo(m, buf, PAGE_SIZE), 0);
	return buf;
}

static void test_meminfo_no_limit(struct kunit *const test)
{
	struct mcall m = { .limit = U64_MAX };

	set_mhost(test, &m, host_meminfo);
	/* Without a limit the usage does not matter; swap is none. */
	m.usage = 5000000;
	expect_meminfo(test, &m, host_meminfo_no_swap);
	m.usage = U64_MAX;
	expect_meminfo(test, &m, host_meminfo_no_swap);
}

static void test_meminfo_limit_not_below_host(struct kunit *const test)
{
	struct mcall m = { .usage = 1000 };

	set_mhost(test, &m, host_meminfo);
	m.limit = 16303112;
	expect_meminfo(test, &m, host_meminfo_no_swap);
	m.limit = 16303113;
	expect_meminfo(test, &m, host_meminfo_no_swap);
	m.limit = U64_MAX;
	expect_meminfo(test, &m, host_meminfo_no_swap);
}

static void test_meminfo_limit_usage_below(struct kunit *const test)
{
	struct mcall m = { .limit = 2097152, .usage = 524288 };

	set_mhost(test, &m, host_meminfo);
	/*
	 * Uses within the usage; buffers, SReclaimable and Cached within it
	 * together (Cached gives way); Shmem within Cached; huge pages
	 * within their parts; swap none; every other amount cut to the
	 * limit, DirectMap scaled to it; VmallocTotal, Hugepagesize and the
	 * HugePages_ counts the host's.
	 */
	expect_meminfo(test, &m,
		       "MemTotal:        2097152 kB\n"
		       "MemFree:         1572864 kB\n"
		       "MemAvailable:    1572864 kB\n"
		       "Buffers:          234567 kB\n"
		       "Cached:            89721 kB\n"
		       "SwapCached:         1234 kB\n"
		       "Active:           524288 kB\n"
		       "Inactive:         524288 kB\n"
		       "Active(anon):     524288 kB\n"
		       "Inactive(anon):   123456 kB\n"
		       "Active(file):     524288 kB\n"
		       "Inactive(file):   524288 kB\n"
		       "Unevictable:        3210 kB\n"
		       "Mlocked:            3200 kB\n"
		       "SwapTotal:             0 kB\n"
		       "SwapFree:              0 kB\n"
		       HOST_ZSWAP_TO_WRITEBACK
		       "Dirty:               456 kB\n"
		       "Writeback:             0 kB\n"
		       "AnonPages:        524288 kB\n"
		       "Mapped:           524288 kB\n"
		       "Shmem:             89721 kB\n"
		       "KReclaimable:     210987 kB\n"
		       "Slab:             323456 kB\n"
		       "SReclaimable:     200000 kB\n"
		       "SUnreclaim:       123456 kB\n"
		       "KernelStack:       12288 kB\n"
		       "PageTables:        45678 kB\n"
		       "SecPageTables:         0 kB\n"
		       "NFS_Unstable:          0 kB\n"
		       "Bounce:                0 kB\n"
		       "WritebackTmp:          0 kB\n"
		       "CommitLimit:     2097152 kB\n"
		       "Committed_AS:    2097152 kB\n"
		       "VmallocTotal:   34359738367 kB\n"
		       "VmallocUsed:       34567 kB\n"
		       "VmallocChunk:          0 kB\n"
		       "Percpu:             2345 kB\n"
		       "HardwareCorrupted:     0 kB\n"
		       "AnonHugePages:    524288 kB\n"
		       "ShmemHugePages:    89721 kB\n"
		       "ShmemPmdMapped:    89721 kB\n"
		       "FileHugePages:     89721 kB\n"
		       "FilePmdMapped:     89721 kB\n"
		       "Unaccepted:            0 kB\n"
		       "HugePages_Total:      16\n"
		       "HugePages_Free:       15\n"
		       "HugePages_Rsvd:        0\n"
		       "HugePages_Surp:        0\n"
		       "Hugepagesize:       2048 kB\n"
		       "Hugetlb:           32768 kB\n"
		       "DirectMap4k:       24445 kB\n"
		       "DirectMap2M:      907548 kB\n"
		       "DirectMap1G:     1165157 kB\n");
}

static void test_meminfo_limit_usage_above(struct kunit *const test)
{
	struct mcall m = { .limit = 65536, .usage = 65537 };
	char *text;

	set_mhost(test, &m, host_meminfo);
	text = make_meminfo(test, &m);
	expect_line(test, text, "MemTotal:          65536 kB\n");
	expect_line(test, text, "MemFree:               0 kB\n");
	expect_line(test, text, "MemAvailable:          0 kB\n");
	expect_line(test, text, "Buffers:           65536 kB\n");
	expect_line(test, text, "Cached:                0 kB\n");
	expect_line(test, text, "Dirty:               456 kB\n");
	expect_line(test, text, "Slab:              65536 kB\n");
	expect_line(test, text, "SReclaimable:          0 kB\n");
	expect_line(test, text, "SUnreclaim:        65536 kB\n");
	expect_line(test, text, "KernelStack:       12288 kB\n");
	expect_line(test, text, "SwapTotal:             0 kB\n");
	expect_line(test, text, "SwapFree:              0 kB\n");
	expect_line(test, text, "FileHugePages:         0 kB\n");
	expect_line(test, text, "Hugepagesize:       2048 kB\n");
	/* Usage exactly at the limit leaves nothing either. */
	m.usage = m.limit;
	text = make_meminfo(test, &m);
	expect_line(test, text, "MemFree:               0 kB\n");
	expect_line(test, text, "MemAvailable:          0 kB\n");
	m.usage = U64_MAX;
	text = make_meminfo(test, &m);
	expect_line(test, text, "MemTotal:          65536 kB\n");
	expect_line(test, text, "MemFree:               0 kB\n");
	/* One below: one left. */
	m.usage = m.limit - 1;
	text = make_meminfo(test, &m);
	expect_line(test, text, "MemFree:               1 kB\n");
	expect_line(test, text, "MemAvailable:          1 kB\n");
}

/*
 * Numbers wider than their 8 columns, on the host's side and the
 * sandbox's: show_val_kb()'s form either way, as the host would print
 * the sandbox's figure.
 */
static void test_meminfo_wide(struct kunit *const test)
{
	struct mcall m = { .limit = 65536, .usage = 0 };
	char *text;

	set_mhost(test, &m,
		  "MemTotal:       18446744073709551615 kB\n"
		  "MemFree:        99999999 kB\n"
		  "MemAvailable:   100000000 kB\n"
		  "Buffers:               0 kB\n"
		  "SwapTotal:      18446744073709551615 kB\n"
		  "Committed_AS:   123456789 kB\n");
	text = make_meminfo(test, &m);
	KUNIT_EXPECT_STREQ(test, text,
			   "MemTotal:          65536 kB\n"
			   "MemFree:           65536 kB\n"
			   "MemAvailable:      65536 kB\n"
			   "Buffers:               0 kB\n"
			   "SwapTotal:             0 kB\n"
			   "Committed_AS:      65536 kB\n");
	expect_meminfo(test, &m, text);
	/* A limit wider than 8 columns, below a host's wider MemTotal. */
	m.limit = 123456789012ULL;
	text = make_meminfo(test, &m);
	expect_line(test, text, "MemTotal:       123456789012 kB\n");
	expect_line(test, text, "MemFree:        123456789012 kB\n");
	expect_meminfo(test, &m, text);
}

/*
 * A line not in show_val_kb()'s form keeps its label and unit; the new
 * number, after blanks, ends where the host's did, or goes on with a
 * blank before it.
 */
static void test_meminfo_other_forms(struct kunit *const test)
{
	struct mcall m = { .limit = 1000, .usage = 1 };

	set_mhost(test, &m,
		  "MemTotal:\t 5000\tkB\n"
		  "MemFree: 4999 kB\n"
		  "MemAvailable:                         4999\n"
		  "Odd line\n"
		  "\n"
		  "SwapTotal:  77");
	expect_meminfo(test, &m,
		       "MemTotal:  1000\tkB\n"
		       "MemFree:  999 kB\n"
		       "MemAvailable:                          999\n"
		       "Odd line\n"
		       "\n"
		       "SwapTotal:   0");
}

/* Fail closed: no MemTotal, or a figure to replace with no number. */
static void test_meminfo_bad_host(struct kunit *const test)
{
	char *const buf = kunit_kzalloc(test, PAGE_SIZE, GFP_KERNEL);
	struct mcall m = { .limit = 1000, .usage = 1 };

	KUNIT_ASSERT_NOT_NULL(test, buf);
	set_mhost(test, &m, "");
	KUNIT_EXPECT_EQ(test, -EIO, fmt_meminfo(&m, buf, PAGE_SIZE));
	set_mhost(test, &m, "MemFree:        100 kB\n");
	KUNIT_EXPECT_EQ(test, -EIO, fmt_meminfo(&m, buf, PAGE_SIZE));
	set_mhost(test, &m, "MemTotal: kB\nMemFree:   100 kB\n");
	KUNIT_EXPECT_EQ(test, -EIO, fmt_meminfo(&m, buf, PAGE_SIZE));
	/* Under a limit, MemFree must be replaced, and cannot be. */
	set_mhost(test, &m, "MemTotal:   5000 kB\nMemFree: lots\n");
	KUNIT_EXPECT_EQ(test, -EIO, fmt_meminfo(&m, buf, PAGE_SIZE));
	/* Without a limit MemFree is the host's, as it is. */
	m.limit = U64_MAX;
	expect_meminfo(test, &m, "MemTotal:   5000 kB\nMemFree: lots\n");
	/* Swap is always replaced. */
	set_mhost(test, &m, "MemTotal:   5000 kB\nSwapTotal:\n");
	KUNIT_EXPECT_EQ(test, -EIO, fmt_meminfo(&m, buf, PAGE_SIZE));
	/* A key that only begins as one of ours is another's. */
	set_mhost(test, &m, "MemTotal:   5000 kB\nSwapTotals: x\nMemTotal2: y\n");
	expect_meminfo(test, &m, "MemTotal:   5000 kB\nSwapTotals: x\nMemTotal2: y\n");
}

static void test_mi_field(struct kunit *const test)
{
	/* show_val_kb(): "MemTotal:" (9) padded to 16, the number to 8. */
	KUNIT_EXPECT_EQ(test, 15, mi_field(9, 15, 8, 8));
	KUNIT_EXPECT_EQ(test, 15, mi_field(9, 15, 8, 1));
	KUNIT_EXPECT_EQ(test, 15, mi_field(9, 15, 1, 7));
	KUNIT_EXPECT_EQ(test, 15, mi_field(9, 16, 9, 1));
	KUNIT_EXPECT_EQ(test, 27, mi_field(9, 15, 1, 20));
	KUNIT_EXPECT_EQ(test, 27, mi_field(9, 27, 20, 20));
	/* "Inactive(anon):" (15) leaves one blank. */
	KUNIT_EXPECT_EQ(test, 9, mi_field(15, 9, 6, 3));
	/* Other forms: where the host's ends, a blank at least. */
	KUNIT_EXPECT_EQ(test, 5, mi_field(8, 5, 4, 3));
	KUNIT_EXPECT_EQ(test, 6, mi_field(8, 5, 4, 5));
	KUNIT_EXPECT_EQ(test, 21, mi_field(8, 5, 4, 20));
	KUNIT_EXPECT_EQ(test, 4, mi_field(20, 4, 3, 1));
}

/* The value of the meminfo line that starts with @label. */
static u64 meminfo_field(struct kunit *const test, const char *const text,
			 const char *const label)
{
	const size_t len = strlen(label);
	const char *line = text;
	char digits[24];
	size_t n = 0;
	u64 v = U64_MAX;

	while (line && strncmp(line, label, len)) {
		line = strchr(line, '\n');
		if (line)
			line++;
	}
	KUNIT_ASSERT_NOT_NULL_MSG(test, line, "no %s line", label);
	line += len;
	while (*line == ' ')
		line++;
	while (line[n] >= '0' && line[n] <= '9' && n < sizeof(digits) - 1) {
		digits[n] = line[n];
		n++;
	}
	digits[n] = '\0';
	KUNIT_ASSERT_EQ(test, 0, kstrtou64(digits, 10, &v));
	return v;
}

/* free(1)'s used, MemTotal - MemFree - Buffers - Cached - SReclaimable. */
static void test_meminfo_limit_free_used(struct kunit *const test)
{
	static const u64 usages[] = { 0, 1, 100000, 234567, 434567, 524288,
				      2097151, 2097152, 5000000 };
	struct mcall m = { .limit = 2097152 };
	u64 total, free, buffers, cached, srecl;
	size_t i;

	set_mhost(test, &m, host_meminfo);
	for (i = 0; i < ARRAY_SIZE(usages); i++) {
		const char *text;

		m.usage = usages[i];
		text = make_meminfo(test, &m);
		total = meminfo_field(test, text, "MemTotal:");
		free = meminfo_field(test, text, "MemFree:");
		buffers = meminfo_field(test, text, "Buffers:");
		cached = meminfo_field(test, text, "Cached:");
		srecl = meminfo_field(test, text, "SReclaimable:");
		KUNIT_EXPECT_LE_MSG(test, free + buffers + cached + srecl, total,
				    "usage %llu", (unsigned long long)usages[i]);
		KUNIT_EXPECT_EQ(test, total - free, min_t(u64, usages[i], total));
	}
}

/*
 * Under a limit no line gives the host's RAM or swap away: CommitLimit
 * (the host's RAM / 2 + swap) is cut to MemTotal, the DirectMap lines
 * (which sum to the host's RAM) sum to at most it, and so do the other
 * amounts.  Found by a red-team review: the kept lines undid MemTotal.
 */
static void test_meminfo_limit_hides_the_hosts_ram(struct kunit *const test)
{
	struct mcall m = { .limit = 1048576, .usage = 524288 };
	u64 total, direct;
	char *text;

	set_mhost(test, &m, host_meminfo);
	text = make_meminfo(test, &m);
	total = meminfo_field(test, text, "MemTotal:");
	KUNIT_EXPECT_EQ(test, 1048576, total);
	KUNIT_EXPECT_LE(test, meminfo_field(test, text, "CommitLimit:"), total);
	direct = meminfo_field(test, text, "DirectMap4k:") +
		 meminfo_field(test, text, "DirectMap2M:") +
		 meminfo_field(test, text, "DirectMap1G:");
	KUNIT_EXPECT_LE(test, direct, total);
	KUNIT_EXPECT_GT(test, direct, total - 3);
	KUNIT_EXPECT_LE(test, meminfo_field(test, text, "Hugetlb:"), total);
	KUNIT_EXPECT_LE(test, meminfo_field(test, text, "VmallocUsed:"), total);
	/* An address range's size and the page size stay the host's. */
	expect_line(test, text, "VmallocTotal:   34359738367 kB\n");
	expect_line(test, text, "Hugepagesize:       2048 kB\n");
	/* A line a later kernel adds is cut too. */
	set_mhost(test, &m, "MemTotal:       16303112 kB\n"
			    "NewThing:       16000000 kB\n"
			    "NewCount:       16000000\n");
	expect_meminfo(test, &m, "MemTotal:        1048576 kB\n"
				 "NewThing:        1048576 kB\n"
				 "NewCount:       16000000\n");
}

/* A limit of 0 is a limit (memory.max under a page), not none. */
static void test_meminfo_limit_zero(struct kunit *const test)
{
	struct mcall m = { .limit = 0, .usage = 0 };
	char *text;

	set_mhost(test, &m, host_meminfo);
	text = make_meminfo(test, &m);
	expect_line(test, text, "MemTotal:              0 kB\n");
	expect_line(test, text, "MemFree:               0 kB\n");
	expect_line(test, text, "CommitLimit:           0 kB\n");
	expect_line(test, text, "DirectMap1G:           0 kB\n");
}

/* Four CPUs, whose "core id" tells which block is which. */
static const char host_cpuinfo[] =
	"processor\t: 0\n"
	"vendor_id\t: GenuineIntel\n"
	"core id\t\t: 0\n"
	"\n"
	"processor\t: 1\n"
	"vendor_id\t: GenuineIntel\n"
	"core id\t\t: 1\n"
	"\n"
	"processor\t: 2\n"
	"vendor_id\t: GenuineIntel\n"
	"core id\t\t: 2\n"
	"\n"
	"processor\t: 3\n"
	"vendor_id\t: GenuineIntel\n"
	"core id\t\t: 3\n"
	"\n";

static void test_cpuinfo_no_cpus(struct kunit *const test)
{
	static const unsigned int cpus[] = { 0, 1 };
	struct vcall c = { .fmt = fmt_cpuinfo, .cpus = cpus, .nr_cpus = 0 };

	set_host(test, &c, "preamble\n"
			   "processor\t: 0\n"
			   "\n"
			   "trailer\n");
	expect_file(test, &c, "");
	c.cpus = NULL;
	expect_file(test, &c, "");
}

static void test_cpuinfo_all(struct kunit *const test)
{
	static const unsigned int cpus[] = { 0, 1, 2, 3 };
	struct vcall c = { .fmt = fmt_cpuinfo, .cpus = cpus, .nr_cpus = 4 };

	set_host(test, &c, host_cpuinfo);
	expect_file(test, &c, host_cpuinfo);
}

static void test_cpuinfo_subset(struct kunit *const test)
{
	static const unsigned int cpus[] = { 1, 3 };
	struct vcall c = { .fmt = fmt_cpuinfo, .cpus = cpus, .nr_cpus = 2 };

	/* Each block as the host's, "processor" line and all. */
	set_host(test, &c, host_cpuinfo);
	expect_file(test, &c,
		    "processor\t: 1\n"
		    "vendor_id\t: GenuineIntel\n"
		    "core id\t\t: 1\n"
		    "\n"
		    "processor\t: 3\n"
		    "vendor_id\t: GenuineIntel\n"
		    "core id\t\t: 3\n"
		    "\n");
	/* Only the last one. */
	c.cpus = cpus + 1;
	c.nr_cpus = 1;
	expect_file(test, &c,
		    "processor\t: 3\n"
		    "vendor_id\t: GenuineIntel\n"
		    "core id\t\t: 3\n"
		    "\n");
}

static void test_cpuinfo_cpus_not_in_input(struct kunit *const test)
{
	static const unsigned int cpus[] = { 2, 7, 4000000000U };
	static const unsigned int none[] = { 4, 5 };
	struct vcall c = { .fmt = fmt_cpuinfo, .cpus = cpus, .nr_cpus = 3 };

	set_host(test, &c, host_cpuinfo);
	expect_file(test, &c,
		    "processor\t: 2\n"
		    "vendor_id\t: GenuineIntel\n"
		    "core id\t\t: 2\n"
		    "\n");
	c.cpus = none;
	c.nr_cpus = 2;
	expect_file(test, &c, "");
}

static void test_cpuinfo_no_trailing_newline(struct kunit *const test)
{
	static const unsigned int cpus[] = { 0, 1 };
	struct vcall c = { .fmt = fmt_cpuinfo, .cpus = cpus, .nr_cpus = 2 };

	set_host(test, &c,
		 "processor\t: 0\n"
		 "core id\t\t: 0\n"
		 "\n"
		 "processor\t: 1\n"
		 "core id\t\t: 1");
	expect_file(test, &c,
		    "processor\t: 0\n"
		    "core id\t\t: 0\n"
		    "\n"
		    "processor\t: 1\n"
		    "core id\t\t: 1");
	c.cpus = cpus + 1;
	c.nr_cpus = 1;
	expect_file(test, &c, "processor\t: 1\n"
			      "core id\t\t: 1");
	/* The file ends right after the processor line's number. */
	set_host(test, &c, "processor\t: 0\n"
			   "\n"
			   "processor\t: 1");
	expect_file(test, &c, "processor\t: 1");
	/* Or before any number. */
	set_host(test, &c, "processor\t:");
	expect_file(test, &c, "processor\t:");
	set_host(test, &c, "");
	expect_file(test, &c, "");
}

static void test_cpuinfo_wide_numbers(struct kunit *const test)
{
	static const unsigned int cpus[] = { 9, 10, 11 };
	struct vcall c = { .fmt = fmt_cpuinfo, .cpus = cpus, .nr_cpus = 3 };

	set_host(test, &c,
		 "processor\t: 8\n"
		 "core id\t\t: 8\n"
		 "\n"
		 "processor\t: 9\n"
		 "core id\t\t: 9\n"
		 "\n"
		 "processor\t: 10\n"
		 "core id\t\t: 10\n"
		 "\n"
		 "processor\t: 11\n"
		 "core id\t\t: 11\n"
		 "\n");
	/* Numbers of two digits and more stay the host's, not 0 to 2. */
	expect_file(test, &c,
		    "processor\t: 9\n"
		    "core id\t\t: 9\n"
		    "\n"
		    "processor\t: 10\n"
		    "core id\t\t: 10\n"
		    "\n"
		    "processor\t: 11\n"
		    "core id\t\t: 11\n"
		    "\n");
}

static void test_cpuinfo_odd_input(struct kunit *const test)
{
	static const unsigned int cpus[] = { 0, 1 };
	struct vcall c = { .fmt = fmt_cpuinfo, .cpus = cpus, .nr_cpus = 2 };

	/*
	 * Lines outside the blocks stay; "Processor" (arm's model line) and
	 * a "processor" line without a number start no block; a number too
	 * big for a CPU drops its block but not the next.
	 */
	set_host(test, &c,
		 "Processor\t: ARMv7 rev 4 (v7l)\n"
		 "processor\t: 99999999999999999999999999\n"
		 "a\n"
		 "\n"
		 "processor\t: 4294967296\n"
		 "b\n"
		 "\n"
		 "processor\t: 0\n"
		 "c\n"
		 "processor\t: x\n"
		 "\n"
		 "processor\t: 1\t\n"
		 "d\n"
		 "\n"
		 "Hardware\t: BCM2835\n");
	expect_file(test, &c,
		    "Processor\t: ARMv7 rev 4 (v7l)\n"
		    "processor\t: 0\n"
		    "c\n"
		    "processor\t: x\n"
		    "\n"
		    "processor\t: 1\t\n"
		    "d\n"
		    "\n"
		    "Hardware\t: BCM2835\n");
}

static void test_cpuinfo_out_of_order(struct kunit *const test)
{
	static const unsigned int cpus[] = { 0, 1 };
	struct vcall c = { .fmt = fmt_cpuinfo, .cpus = cpus, .nr_cpus = 2 };

	/* A CPU named twice or out of order is dropped: each shows once. */
	set_host(test, &c,
		 "processor\t: 1\n"
		 "a\n"
		 "\n"
		 "processor\t: 1\n"
		 "b\n"
		 "\n"
		 "processor\t: 0\n"
		 "c\n"
		 "\n");
	expect_file(test, &c, "processor\t: 1\n"
			      "a\n"
			      "\n");
}

static void test_cpuinfo_cut(struct kunit *const test)
{
	static const unsigned int cpus[] = { 1, 3 };
	struct vcall c = { .fmt = fmt_cpuinfo, .cpus = cpus, .nr_cpus = 2 };
	char buf[16];

	set_host(test, &c, host_cpuinfo);
	memset(buf, CANARY, sizeof(buf));
	KUNIT_EXPECT_EQ(test, 9, c.fmt(&c, buf, 10));
	KUNIT_EXPECT_STREQ(test, "processor", buf);
	KUNIT_EXPECT_TRUE(test, untouched(buf, 10, sizeof(buf)));
	/* Cut right after the number. */
	KUNIT_EXPECT_EQ(test, 13, c.fmt(&c, buf, 14));
	KUNIT_EXPECT_STREQ(test, "processor\t: 1", buf);
	KUNIT_EXPECT_EQ(test, 0, c.fmt(&c, buf, 1));
	KUNIT_EXPECT_STREQ(test, "", buf);
}

static const char host_stat[] =
	"cpu  1111 2222 3333 4444 5555 6666 7777 8888 9999 11110\n"
	"cpu0 1 2 3 4 5 6 7 8 9 10\n"
	"cpu1 10 20 30 40 50 60 70 80 90 100\n"
	"cpu2 100 200 300 400 500 600 700 800 900 1000\n"
	"cpu3 1000 2000 3000 4000 5000 6000 7000 8000 9000 10000\n"
	"intr 12345 1 2 3\n"
	"ctxt 999\n"
	"btime 1700000000\n"
	"processes 4242\n"
	"procs_running 3\n"
	"procs_blocked 0\n"
	"softirq 100 1 2 3 4 5 6 7 8 9 10\n";

#define STAT_TAIL \
	"intr 12345 1 2 3\n" \
	"ctxt 999\n" \
	"btime 1700000000\n" \
	"processes 4242\n" \
	"procs_running 3\n" \
	"procs_blocked 0\n" \
	"softirq 100 1 2 3 4 5 6 7 8 9 10\n"

static void test_stat_all(struct kunit *const test)
{
	static const unsigned int cpus[] = { 0, 1, 2, 3 };
	struct vcall c = { .fmt = fmt_stat, .cpus = cpus, .nr_cpus = 4 };

	set_host(test, &c, host_stat);
	expect_file(test, &c, host_stat);
}

static void test_stat_subset(struct kunit *const test)
{
	static const unsigned int cpus[] = { 1, 3 };
	struct vcall c = { .fmt = fmt_stat, .cpus = cpus, .nr_cpus = 2 };

	set_host(test, &c, host_stat);
	expect_file(test, &c,
		    "cpu  1010 2020 3030 4040 5050 6060 7070 8080 9090 10100\n"
		    "cpu1 10 20 30 40 50 60 70 80 90 100\n"
		    "cpu3 1000 2000 3000 4000 5000 6000 7000 8000 9000 10000\n"
		    STAT_TAIL);
}

static void test_stat_no_cpus(struct kunit *const test)
{
	static const unsigned int cpus[] = { 0 };
	struct vcall c = { .fmt = fmt_stat, .cpus = cpus, .nr_cpus = 0 };

	set_host(test, &c, host_stat);
	expect_file(test, &c, "cpu  0 0 0 0 0 0 0 0 0 0\n" STAT_TAIL);
	c.cpus = NULL;
	expect_file(test, &c, "cpu  0 0 0 0 0 0 0 0 0 0\n" STAT_TAIL);
}

static void test_stat_cpus_not_in_input(struct kunit *const test)
{
	static const unsigned int cpus[] = { 2, 5, 6 };
	struct vcall c = { .fmt = fmt_stat, .cpus = cpus, .nr_cpus = 3 };

	set_host(test, &c, host_stat);
	expect_file(test, &c,
		    "cpu  100 200 300 400 500 600 700 800 900 1000\n"
		    "cpu2 100 200 300 400 500 600 700 800 900 1000\n"
		    STAT_TAIL);
}

static void test_stat_odd_columns(struct kunit *const test)
{
	static const unsigned int cpus[] = { 0, 1, 2 };
	struct vcall c = { .fmt = fmt_stat, .cpus = cpus, .nr_cpus = 3 };

	/*
	 * Columns missing count for 0, columns past the tenth for nothing;
	 * every cpuN line is kept as it is.
	 */
	set_host(test, &c,
		 "cpu 1 2 3\n"
		 "cpu0 5 6 7\n"
		 "cpu1\n"
		 "cpu2  1 1 1 1 1 1 1 1 1 1 1000 x\n"
		 "cpufreq 7\n"
		 "cpu9x 1\n"
		 "intr 1\n");
	expect_file(test, &c,
		    "cpu  6 7 8 1 1 1 1 1 1 1\n"
		    "cpu0 5 6 7\n"
		    "cpu1\n"
		    "cpu2  1 1 1 1 1 1 1 1 1 1 1000 x\n"
		    "cpufreq 7\n"
		    "cpu9x 1\n"
		    "intr 1\n");
	/* A column that is not a number ends the sum of its line. */
	set_host(test, &c, "cpu\n"
			   "cpu0 1 2 z 4\n"
			   "cpu1 1 2 3 4\n");
	expect_file(test, &c,
		    "cpu  2 4 3 4 0 0 0 0 0 0\n"
		    "cpu0 1 2 z 4\n"
		    "cpu1 1 2 3 4\n");
}

static void test_stat_huge(struct kunit *const test)
{
	static const unsigned int cpus[] = { 0, 1 };
	struct vcall c = { .fmt = fmt_stat, .cpus = cpus, .nr_cpus = 2 };

	/* Sums stop at U64_MAX, as does a number of more digits. */
	set_host(test, &c,
		 "cpu  0\n"
		 "cpu0 18446744073709551615 18446744073709551614 1 99999999999999999999999\n"
		 "cpu1 1 1 1 1\n"
		 "cpu4294967296 5\n");
	expect_file(test, &c,
		    "cpu  18446744073709551615 18446744073709551615 2 18446744073709551615 0 0 0 0 0 0\n"
		    "cpu0 18446744073709551615 18446744073709551614 1 99999999999999999999999\n"
		    "cpu1 1 1 1 1\n");
}

static void test_stat_wide_numbers(struct kunit *const test)
{
	static const unsigned int cpus[] = { 10, 12 };
	struct vcall c = { .fmt = fmt_stat, .cpus = cpus, .nr_cpus = 2 };

	set_host(test, &c,
		 "cpu  9 9 9 9 9 9 9 9 9 9\n"
		 "cpu9 1 1 1 1 1 1 1 1 1 1\n"
		 "cpu10 2 2 2 2 2 2 2 2 2 2\n"
		 "cpu11 4 4 4 4 4 4 4 4 4 4\n"
		 "cpu12 8 8 8 8 8 8 8 8 8 8\n"
		 "cpu12 16 16 16 16 16 16 16 16 16 16\n"
		 "ctxt 1\n");
	/* The host's numbers; a CPU named twice shows once. */
	expect_file(test, &c,
		    "cpu  10 10 10 10 10 10 10 10 10 10\n"
		    "cpu10 2 2 2 2 2 2 2 2 2 2\n"
		    "cpu12 8 8 8 8 8 8 8 8 8 8\n"
		    "ctxt 1\n");
}

static void test_stat_no_trailing_newline(struct kunit *const test)
{
	static const unsigned int cpus[] = { 1 };
	struct vcall c = { .fmt = fmt_stat, .cpus = cpus, .nr_cpus = 1 };

	set_host(test, &c, "cpu  3 3\n"
			   "cpu0 1 1\n"
			   "cpu1 2 2");
	expect_file(test, &c, "cpu  2 2 0 0 0 0 0 0 0 0\n"
			      "cpu1 2 2");
	set_host(test, &c, "cpu1 2 2\n"
			   "softirq 1 2");
	expect_file(test, &c, "cpu1 2 2\n"
			      "softirq 1 2");
	/* The sums' line is the host's format even at the file's end. */
	set_host(test, &c, "cpu1 2 2\n"
			   "cpu");
	expect_file(test, &c, "cpu1 2 2\n"
			      "cpu  2 2 0 0 0 0 0 0 0 0\n");
	set_host(test, &c, "");
	expect_file(test, &c, "");
}

/* An uptime outside any time namespace: the one shown is the sandbox's. */
static void set_uptime(struct vcall *const c, const u64 ns)
{
	c->ns[0] = ns;
	c->ns[1] = ns;
}

static void test_uptime(struct kunit *const test)
{
	struct vcall c = { .fmt = fmt_uptime, .nr_cpus = 1 };

	expect_file(test, &c, "0.00 0.00\n");
	/* Hundredths are cut, not rounded, as the host cuts them. */
	set_uptime(&c, 12345678901ULL);
	expect_file(test, &c, "12.34 12.34\n");
	c.nr_cpus = 8;
	expect_file(test, &c, "12.34 98.72\n");
	set_uptime(&c, 9999999);
	expect_file(test, &c, "0.00 0.00\n");
	set_uptime(&c, 10000000);
	expect_file(test, &c, "0.01 0.08\n");
	c.nr_cpus = 0;
	expect_file(test, &c, "0.01 0.00\n");
	/* 100 days on 4096 CPUs: more ns than a u64 holds. */
	set_uptime(&c, 8640000ULL * NSEC_PER_SEC);
	c.nr_cpus = 4096;
	expect_file(test, &c, "8640000.00 35389440000.00\n");
	set_uptime(&c, U64_MAX);
	c.nr_cpus = 2;
	expect_file(test, &c, "18446744073.70 36893488147.40\n");
	c.nr_cpus = U32_MAX;
	expect_file(test, &c, "18446744073.70 184467440737095516.15\n");
	/* In a time namespace: the uptime shifted, not the idle time. */
	c.nr_cpus = 2;
	c.ns[0] = 100012345678901ULL;
	c.ns[1] = 12345678901ULL;
	expect_file(test, &c, "100012.34 24.68\n");
	c.ns[0] = 0;
	expect_file(test, &c, "0.00 24.68\n");
}

static void test_loadavg(struct kunit *const test)
{
	struct vcall c = {
		.fmt = fmt_loadavg,
		.running = 1,
		.total = 123,
		.last_pid = 4567,
	};

	expect_file(test, &c, "0.00 0.00 0.00 1/123 4567\n");
	/* FIXED_1/200 rounds to the hundredth: 2038/2048 shows as 1.00. */
	c.loads[0] = FIXED_1 - 20;
	c.loads[1] = FIXED_1 - 10;
	c.loads[2] = FIXED_1;
	expect_file(test, &c, "0.99 1.00 1.00 1/123 4567\n");
	c.loads[0] = 2 * FIXED_1 + FIXED_1 / 2;
	c.loads[1] = 3 * FIXED_1 + 1023;
	c.loads[2] = 5 * FIXED_1 + FIXED_1 * 3 / 4;
	c.running = 0;
	c.total = 0;
	c.last_pid = 0;
	expect_file(test, &c, "2.50 3.50 5.75 0/0 0\n");
}

static void test_loadavg_edges(struct kunit *const test)
{
	struct vcall c = {
		.fmt = fmt_loadavg,
		.loads = { ULONG_MAX - FIXED_1 / 200, 0, 0 },
		.running = UINT_MAX,
		.total = UINT_MAX,
		.last_pid = -1,
	};

	expect_file(test, &c,
		    "9007199254740991.99 0.00 0.00 4294967295/4294967295 -1\n");
	c.last_pid = INT_MIN;
	c.running = 2;
	c.total = INT_MAX;
	expect_file(test, &c,
		    "9007199254740991.99 0.00 0.00 2/2147483647 -2147483648\n");
	c.last_pid = INT_MAX;
	expect_file(test, &c,
		    "9007199254740991.99 0.00 0.00 2/2147483647 2147483647\n");
}

static void test_cpu_online(struct kunit *const test)
{
	static const unsigned int one[] = { 0 }, second[] = { 1 };
	static const unsigned int two[] = { 0, 1 }, gap[] = { 0, 2, 3 };
	static const unsigned int odd[] = { 1, 3, 5 };
	static const unsigned int top[] = { UINT_MAX - 1, UINT_MAX };
	unsigned int *many;
	struct vcall c = { .fmt = fmt_cpu_online };
	unsigned int i;

	/* No CPU, or no list: an empty list, as a host with none. */
	expect_file(test, &c, "\n");
	c.cpus = two;
	expect_file(test, &c, "\n");
	c.cpus = NULL;
	c.nr_cpus = 2;
	expect_file(test, &c, "\n");
	/* The host's numbers, in the kernel's "%*pbl" cpulist. */
	c.cpus = one;
	c.nr_cpus = 1;
	expect_file(test, &c, "0\n");
	c.cpus = second;
	expect_file(test, &c, "1\n");
	c.cpus = two;
	c.nr_cpus = 2;
	expect_file(test, &c, "0-1\n");
	c.cpus = gap;
	c.nr_cpus = 3;
	expect_file(test, &c, "0,2-3\n");
	c.cpus = odd;
	expect_file(test, &c, "1,3,5\n");
	c.cpus = top;
	c.nr_cpus = 2;
	expect_file(test, &c, "4294967294-4294967295\n");
	many = kunit_kcalloc(test, 4096, sizeof(*many), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, many);
	for (i = 0; i < 4096; i++)
		many[i] = i + 64;
	c.cpus = many;
	c.nr_cpus = 4096;
	expect_file(test, &c, "64-4159\n");
}

/* The list is ascending; a number not above the one before is dropped. */
static void test_cpu_online_out_of_order(struct kunit *const test)
{
	static const unsigned int mixed[] = { 3, 1, 2, 5, 5, 6, 4, 9 };
	static const unsigned int wrap[] = { UINT_MAX, 0, 1 };
	struct vcall c = { .fmt = fmt_cpu_online, .cpus = mixed };

	c.nr_cpus = ARRAY_SIZE(mixed);
	expect_file(test, &c, "3,5-6,9\n");
	/* No run goes on past UINT_MAX. */
	c.cpus = wrap;
	c.nr_cpus = ARRAY_SIZE(wrap);
	expect_file(test, &c, "4294967295\n");
}

static struct kunit_case ksentry_vfile_cases[] = {
	KUNIT_CASE(test_meminfo_no_limit),
	KUNIT_CASE(test_meminfo_limit_not_below_host),
	KUNIT_CASE(test_meminfo_limit_usage_below),
	KUNIT_CASE(test_meminfo_limit_hides_the_hosts_ram),
	KUNIT_CASE(test_meminfo_limit_zero),
	KUNIT_CASE(test_meminfo_limit_usage_above),
	KUNIT_CASE(test_meminfo_wide),
	KUNIT_CASE(test_meminfo_other_forms),
	KUNIT_CASE(test_meminfo_bad_host),
	KUNIT_CASE(test_mi_field),
	KUNIT_CASE(test_meminfo_limit_free_used),
	KUNIT_CASE(test_cpuinfo_no_cpus),
	KUNIT_CASE(test_cpuinfo_all),
	KUNIT_CASE(test_cpuinfo_subset),
	KUNIT_CASE(test_cpuinfo_cpus_not_in_input),
	KUNIT_CASE(test_cpuinfo_no_trailing_newline),
	KUNIT_CASE(test_cpuinfo_wide_numbers),
	KUNIT_CASE(test_cpuinfo_odd_input),
	KUNIT_CASE(test_cpuinfo_out_of_order),
	KUNIT_CASE(test_cpuinfo_cut),
	KUNIT_CASE(test_stat_all),
	KUNIT_CASE(test_stat_subset),
	KUNIT_CASE(test_stat_no_cpus),
	KUNIT_CASE(test_stat_cpus_not_in_input),
	KUNIT_CASE(test_stat_odd_columns),
	KUNIT_CASE(test_stat_huge),
	KUNIT_CASE(test_stat_wide_numbers),
	KUNIT_CASE(test_stat_no_trailing_newline),
	KUNIT_CASE(test_uptime),
	KUNIT_CASE(test_loadavg),
	KUNIT_CASE(test_loadavg_edges),
	KUNIT_CASE(test_cpu_online),
	KUNIT_CASE(test_cpu_online_out_of_order),
	{}
};

static struct kunit_suite ksentry_vfile_suite = {
	.name = "ksentry_vfile",
	.test_cases = ksentry_vfile_cases,
};

kunit_test_suite(ksentry_vfile_suite);
