// SPDX-License-Identifier: GPL-2.0
/*
 * ksentry - the virtual files: figures and host files turned into text
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * The formatters declared in vfile.h.  They touch nothing but their
 * arguments: no task, no lock, no allocation.  Everything goes through a
 * cursor over the caller's buffer (struct vbuf) that never writes past it,
 * cuts the content where the buffer ends, as snprintf() does, and leaves it
 * NUL-terminated; numbers are written by a small decimal helper, so making
 * a file costs no printf.
 *
 * The host's /proc/meminfo is rewritten line by line: every line is kept,
 * but the numbers of the figures the sandbox has, put in the host's
 * columns.
 *
 * The host's /proc/cpuinfo and /proc/stat are read line by line, a line
 * ending at its '\n' or at the end of the input.  Their CPUs are matched
 * with the sandbox's by a merge, both lists ascending: a CPU that the host
 * file names out of order or twice is dropped, a CPU of the sandbox's that
 * the file does not name is left out.  The lines of the CPUs kept are
 * copied as they are: a CPU keeps its host number, the number
 * sched_getaffinity() and sched_setaffinity() use, in every file.
 */

#include "../common.h"

#include <linux/build_bug.h>
#include <linux/ctype.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/math64.h>
#include <linux/minmax.h>
#include <linux/overflow.h>
#include <linux/sched/loadavg.h>
#include <linux/string.h>
#include <linux/time64.h>
#include <linux/types.h>

#include "../vfile.h"

/*
 * struct vbuf - A cursor over the caller's buffer
 * @buf: The buffer.
 * @size: Its size; the content is at most @size - 1 bytes.
 * @len: The length of the content so far.
 * @cut: Whether some content did not fit.
 */
struct vbuf {
	char *buf;
	size_t size;
	size_t len;
	bool cut;
};

static void vbuf_init(struct vbuf *const b, char *const buf, const size_t size)
{
	b->buf = buf;
	b->size = size;
	b->len = 0;
	b->cut = false;
}

/* Whether no byte fits anymore (always true of a buffer of size 0). */
static bool vbuf_full(const struct vbuf *const b)
{
	return b->len + 1 >= b->size;
}

static void vbuf_put(struct vbuf *const b, const char *const s, size_t n)
{
	size_t room;

	if (vbuf_full(b)) {
		b->cut |= n > 0;
		return;
	}
	room = b->size - 1 - b->len;
	if (n > room) {
		b->cut = true;
		n = room;
	}
	memcpy(b->buf + b->len, s, n);
	b->len += n;
}

static void vbuf_putc(struct vbuf *const b, const char c)
{
	if (!vbuf_full(b))
		b->buf[b->len++] = c;
	else
		b->cut = true;
}

/* Longest u64 in decimal: 18446744073709551615. */
#define U64_DIGITS 20
/* The widest field a caller asks for (MemTotal and the like). */
#define DEC_WIDTH_MAX 8

/* @v in decimal, right-aligned in @width columns filled with @pad. */
static void vbuf_dec(struct vbuf *const b, u64 v, const unsigned int width,
		     const char pad)
{
	char tmp[U64_DIGITS + DEC_WIDTH_MAX];
	unsigned int n = 0;

	BUILD_BUG_ON(DEC_WIDTH_MAX > U64_DIGITS);
	do {
		n++;
		tmp[sizeof(tmp) - n] = '0' + do_div(v, 10);
	} while (v);
	while (n < width && n < sizeof(tmp)) {
		n++;
		tmp[sizeof(tmp) - n] = pad;
	}
	vbuf_put(b, tmp + sizeof(tmp) - n, n);
}

/* @v as "%d" prints it. */
static void vbuf_sdec(struct vbuf *const b, const int v)
{
	if (v < 0) {
		vbuf_putc(b, '-');
		vbuf_dec(b, -(s64)v, 0, ' ');
	} else {
		vbuf_dec(b, v, 0, ' ');
	}
}

/* Ends the content with its NUL and gives its length. */
static size_t vbuf_end(struct vbuf *const b)
{
	if (b->size)
		b->buf[b->len] = '\0';
	return b->len;
}

static u64 add_sat(const u64 a, const u64 b)
{
	u64 sum;

	return check_add_overflow(a, b, &sum) ? U64_MAX : sum;
}

/* The decimal at @s, U64_MAX if above; returns the end of its digits. */
static const char *parse_u64(const char *s, const char *const end,
			     u64 *const v)
{
	u64 n = 0;

	for (; s < end && isdigit(*s); s++)
		if (check_mul_overflow(n, 10, &n) ||
		    check_add_overflow(n, (u64)(*s - '0'), &n))
			n = U64_MAX;
	*v = n;
	return s;
}

/* The length of the line at @p, with its '\n' when it has one. */
static size_t line_len(const char *const p, const char *const end)
{
	const char *const nl = memchr(p, '\n', end - p);

	return nl ? nl - p + 1 : end - p;
}

/* Whether the line goes on after a field: a blank, or its end. */
static bool field_ends(const char *const p, const char *const end)
{
	return p == end || *p == ' ' || *p == '\t' || *p == '\r' || *p == '\n';
}

/*
 * struct pick - The merge of a host file's CPUs with the sandbox's
 * @cpus: The sandbox's host CPU numbers, ascending.
 * @nr: How many there are.
 * @next: The first of @cpus the host file has not reached yet.
 */
struct pick {
	const unsigned int *cpus;
	unsigned int nr;
	unsigned int next;
};

static void pick_init(struct pick *const pk, const unsigned int *const cpus,
		      const unsigned int nr_cpus)
{
	pk->cpus = cpus;
	pk->nr = cpus ? nr_cpus : 0;
	pk->next = 0;
}

/* Whether host CPU @cpu is kept. */
static bool pick_cpu(struct pick *const pk, const u64 cpu)
{
	/* No CPU has such a number: no need to pass any of the others. */
	if (cpu > UINT_MAX)
		return false;
	while (pk->next < pk->nr && pk->cpus[pk->next] < cpu)
		pk->next++;
	if (pk->next == pk->nr || pk->cpus[pk->next] != cpu)
		return false;
	pk->next++;
	return true;
}

/*
 * The lines of /proc/meminfo a sandbox's memory rewrites, by their keys.
 * MI_BUFFERS to MI_PAGE_TABLES are what memory is used for, in the host's
 * order.
 */
enum {
	MI_TOTAL, MI_FREE, MI_AVAILABLE, MI_BUFFERS, MI_CACHED, MI_SWAP_CACHED,
	MI_ACTIVE, MI_INACTIVE, MI_ACTIVE_ANON, MI_INACTIVE_ANON,
	MI_ACTIVE_FILE, MI_INACTIVE_FILE, MI_UNEVICTABLE, MI_MLOCKED,
	MI_SWAP_TOTAL, MI_SWAP_FREE, MI_DIRTY, MI_WRITEBACK, MI_ANON_PAGES,
	MI_MAPPED, MI_SHMEM, MI_KRECLAIMABLE, MI_SLAB, MI_SRECLAIMABLE,
	MI_SUNRECLAIM, MI_KERNEL_STACK, MI_PAGE_TABLES, MI_COMMITTED_AS,
	MI_ANON_HUGE, MI_SHMEM_HUGE, MI_SHMEM_PMD, MI_FILE_HUGE, MI_FILE_PMD,
	NR_MI
};

static const char *const meminfo_keys[NR_MI] = {
	[MI_TOTAL] = "MemTotal",
	[MI_FREE] = "MemFree",
	[MI_AVAILABLE] = "MemAvailable",
	[MI_BUFFERS] = "Buffers",
	[MI_CACHED] = "Cached",
	[MI_SWAP_CACHED] = "SwapCached",
	[MI_ACTIVE] = "Active",
	[MI_INACTIVE] = "Inactive",
	[MI_ACTIVE_ANON] = "Active(anon)",
	[MI_INACTIVE_ANON] = "Inactive(anon)",
	[MI_ACTIVE_FILE] = "Active(file)",
	[MI_INACTIVE_FILE] = "Inactive(file)",
	[MI_UNEVICTABLE] = "Unevictable",
	[MI_MLOCKED] = "Mlocked",
	[MI_SWAP_TOTAL] = "SwapTotal",
	[MI_SWAP_FREE] = "SwapFree",
	[MI_DIRTY] = "Dirty",
	[MI_WRITEBACK] = "Writeback",
	[MI_ANON_PAGES] = "AnonPages",
	[MI_MAPPED] = "Mapped",
	[MI_SHMEM] = "Shmem",
	[MI_KRECLAIMABLE] = "KReclaimable",
	[MI_SLAB] = "Slab",
	[MI_SRECLAIMABLE] = "SReclaimable",
	[MI_SUNRECLAIM] = "SUnreclaim",
	[MI_KERNEL_STACK] = "KernelStack",
	[MI_PAGE_TABLES] = "PageTables",
	[MI_COMMITTED_AS] = "Committed_AS",
	[MI_ANON_HUGE] = "AnonHugePages",
	[MI_SHMEM_HUGE] = "ShmemHugePages",
	[MI_SHMEM_PMD] = "ShmemPmdMapped",
	[MI_FILE_HUGE] = "FileHugePages",
	[MI_FILE_PMD] = "FilePmdMapped",
};

/*
 * struct mi_line - A line of /proc/meminfo: "Key:" then blanks, a number,
 * and the rest (" kB\n")
 * @key: Its key's MI_ index, or NR_MI for a line kept as it is.
 * @label: The length of the key and its ':'.
 * @num: The number's offset in the line; 0 if it has none.
 * @num_end: The offset just past its digits.
 * @value: The number.
 */
struct mi_line {
	unsigned int key;
	size_t label;
	size_t num;
	size_t num_end;
	u64 value;
};

static void mi_parse(const char *const p, const size_t len,
		     struct mi_line *const l)
{
	const char *const end = p + len, *const colon = memchr(p, ':', len);
	const char *s;
	unsigned int k;

	memset(l, 0, sizeof(*l));
	l->key = NR_MI;
	if (!colon)
		return;
	for (k = 0; k < NR_MI; k++)
		if (strlen(meminfo_keys[k]) == (size_t)(colon - p) &&
		    !memcmp(p, meminfo_keys[k], colon - p))
			break;
	l->key = k;
	l->label = colon + 1 - p;
	for (s = colon + 1; s < end && (*s == ' ' || *s == '\t'); s++)
		;
	if (s == end || !isdigit(*s))
		return;
	l->num = s - p;
	l->num_end = parse_u64(s, end, &l->value) - p;
}

/* The width of @v in decimal. */
static size_t dec_len(u64 v)
{
	size_t n = 1;

	while (v >= 10) {
		v = div_u64(v, 10);
		n++;
	}
	return n;
}

/*
 * mi_field - The columns a new number and its padding take after the ':'
 * @label: The length of the key and its ':'.
 * @field: The columns the host's blanks and number take after the ':'.
 * @host_digits: The host's number's digits.
 * @digits: The new number's digits.
 *
 * The host prints these lines with show_val_kb(): the label padded to 16
 * columns, the number to 8.  A line in that form keeps it; a line in
 * another gets the new number where the host's ends, or wider if it must,
 * with a blank before it.  The blanks before the number are spaces.
 */
static size_t mi_field(const size_t label, const size_t field,
		       const size_t host_digits, const size_t digits)
{
	if (label <= 16 && field == 16 - label + max_t(size_t, host_digits, 8))
		return 16 - label + max_t(size_t, digits, 8);
	return max(field, digits + 1);
}

/* What the sandbox's limit makes of the host's figures @kb. */
static void mi_limit(u64 *const kb, const u64 limit, const u64 usage)
{
	const u64 used = min(usage, limit);
	unsigned int i;

	kb[MI_TOTAL] = limit;
	kb[MI_FREE] = limit - used;
	kb[MI_AVAILABLE] = kb[MI_FREE];
	/* What memory is used for is within what is used... */
	for (i = MI_BUFFERS; i <= MI_PAGE_TABLES; i++)
		kb[i] = min(kb[i], used);
	/* ...and free's "used" (used - buffers - cache) is not negative. */
	kb[MI_SRECLAIMABLE] = min(kb[MI_SRECLAIMABLE], used - kb[MI_BUFFERS]);
	kb[MI_CACHED] = min(kb[MI_CACHED],
			    used - kb[MI_BUFFERS] - kb[MI_SRECLAIMABLE]);
	kb[MI_SHMEM] = min(kb[MI_SHMEM], kb[MI_CACHED]);
	kb[MI_SUNRECLAIM] = min(kb[MI_SUNRECLAIM], used - kb[MI_SRECLAIMABLE]);
	kb[MI_SLAB] = kb[MI_SRECLAIMABLE] + kb[MI_SUNRECLAIM];
	/* Huge pages are part of the memory they back. */
	kb[MI_ANON_HUGE] = min(kb[MI_ANON_HUGE], kb[MI_ANON_PAGES]);
	kb[MI_SHMEM_HUGE] = min(kb[MI_SHMEM_HUGE], kb[MI_SHMEM]);
	kb[MI_SHMEM_PMD] = min(kb[MI_SHMEM_PMD], kb[MI_SHMEM_HUGE]);
	kb[MI_FILE_HUGE] = min(kb[MI_FILE_HUGE], kb[MI_CACHED]);
	kb[MI_FILE_PMD] = min(kb[MI_FILE_PMD], kb[MI_FILE_HUGE]);
	kb[MI_COMMITTED_AS] = min(kb[MI_COMMITTED_AS], limit);
}

/* Whether the line at @p, @l, has the key @key, or starts with it. */
static bool mi_key_is(const char *const p, const struct mi_line *const l,
		      const char *const key, const bool prefix)
{
	const size_t n = strlen(key);

	return l->label > n && !memcmp(p, key, n) && (prefix || l->label == n + 1);
}

/* Whether the number of the line at @p, @l, is followed by " kB". */
static bool mi_in_kb(const char *const p, const size_t len,
		     const struct mi_line *const l)
{
	return l->num && len - l->num_end >= 3 &&
	       !memcmp(p + l->num_end, " kB", 3);
}

/*
 * Under a limit, the figure of a line the sandbox has none of, or false to
 * keep the host's line: every amount of memory in kB is cut to the limit,
 * so that none gives the host's RAM away (CommitLimit, Hugetlb, Percpu,
 * VmallocUsed, Zswap and any line a later kernel adds); the DirectMap
 * lines, which sum to the host's RAM, are scaled to sum to at most the
 * limit (@direct is their sum).  VmallocTotal, the size of an address
 * range, and Hugepagesize are kept, as are the HugePages_ counts.
 */
static bool mi_other(const char *const p, const size_t len,
		     const struct mi_line *const l, const u64 limit,
		     const u64 direct, u64 *const v)
{
	if (!mi_in_kb(p, len, l) || mi_key_is(p, l, "VmallocTotal", false) ||
	    mi_key_is(p, l, "Hugepagesize", false))
		return false;
	if (mi_key_is(p, l, "DirectMap", true))
		*v = direct ? mul_u64_u64_div_u64(min(l->value, direct), limit,
						  direct) : 0;
	else
		*v = min(l->value, limit);
	return true;
}

/* The line at @p, @l, with @v in place of its number. */
static void mi_put(struct vbuf *const b, const char *const p, const size_t len,
		   const struct mi_line *const l, const u64 v)
{
	const size_t digits = dec_len(v);
	size_t pad = mi_field(l->label, l->num_end - l->label,
			      l->num_end - l->num, digits) - digits;

	vbuf_put(b, p, l->label);
	while (pad--)
		vbuf_putc(b, ' ');
	vbuf_dec(b, v, 0, ' ');
	vbuf_put(b, p + l->num_end, len - l->num_end);
}

ssize_t ksentry_vfile_meminfo(char *const buf, const size_t size,
			      const char *const host, const size_t host_len,
			      const u64 limit, const u64 usage)
{
	const char *p, *const end = host + (host ? host_len : 0);
	bool seen[NR_MI] = { false }, limited;
	u64 kb[NR_MI] = { 0 }, direct = 0, v;
	struct mi_line l;
	struct vbuf b;
	size_t len;

	/* The host's figures, all of one reading of the file. */
	for (p = host; p < end; p += len) {
		len = line_len(p, end);
		mi_parse(p, len, &l);
		if (l.key < NR_MI && l.num && !seen[l.key]) {
			kb[l.key] = l.value;
			seen[l.key] = true;
		}
		if (l.key == NR_MI && l.num && mi_key_is(p, &l, "DirectMap", true))
			direct = add_sat(direct, l.value);
	}
	if (!seen[MI_TOTAL])
		return -EIO;
	limited = limit < kb[MI_TOTAL];
	if (limited)
		mi_limit(kb, limit, usage);
	/* No swap, as sysinfo() says. */
	kb[MI_SWAP_TOTAL] = 0;
	kb[MI_SWAP_FREE] = 0;
	vbuf_init(&b, buf, size);
	for (p = host; p < end; p += len) {
		len = line_len(p, end);
		mi_parse(p, len, &l);
		if (l.key == NR_MI && limited &&
		    mi_other(p, len, &l, limit, direct, &v)) {
			mi_put(&b, p, len, &l, v);
			continue;
		}
		if (l.key == NR_MI || (!limited && l.key != MI_SWAP_TOTAL &&
				       l.key != MI_SWAP_FREE)) {
			vbuf_put(&b, p, len);
			continue;
		}
		/* A figure the sandbox has, and no number to put it in. */
		if (!l.num)
			return -EIO;
		mi_put(&b, p, len, &l, kb[l.key]);
	}
	vbuf_end(&b);
	return b.cut ? -EFBIG : b.len;
}

/* If the line at @p is a "processor" line ("processor\t: 3\n"), its CPU. */
static bool cpuinfo_processor(const char *const p, const size_t len,
			      u64 *const cpu)
{
	static const char key[] = "processor";
	const char *const end = p + len;
	const char *s = p + sizeof(key) - 1, *digits;

	if (len < sizeof(key) - 1 || memcmp(p, key, sizeof(key) - 1))
		return false;
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	if (s == end || *s != ':')
		return false;
	for (s++; s < end && (*s == ' ' || *s == '\t'); s++)
		;
	digits = s;
	s = parse_u64(digits, end, cpu);
	return s != digits && field_ends(s, end);
}

size_t ksentry_vfile_cpuinfo(char *const buf, const size_t size,
			     const char *const host, const size_t host_len,
			     const unsigned int *const cpus,
			     const unsigned int nr_cpus)
{
	const char *p = host, *const end = host + (host ? host_len : 0);
	enum { OUTSIDE, KEPT, DROPPED } block = OUTSIDE;
	struct pick pk;
	struct vbuf b;
	size_t len;

	vbuf_init(&b, buf, size);
	pick_init(&pk, cpus, nr_cpus);
	/* No CPU: an empty file, not even what lies outside the blocks. */
	if (!pk.nr)
		return vbuf_end(&b);
	for (; p < end && !vbuf_full(&b); p += len) {
		u64 cpu = 0;

		len = line_len(p, end);
		if (cpuinfo_processor(p, len, &cpu))
			block = pick_cpu(&pk, cpu) ? KEPT : DROPPED;
		/* A kept block, "processor" line and all, is the host's. */
		if (block != DROPPED)
			vbuf_put(&b, p, len);
		/* A blank line ends a block, and belongs to it. */
		if (len == 1 && *p == '\n')
			block = OUTSIDE;
	}
	return vbuf_end(&b);
}

/* The columns of a "cpu" line of /proc/stat. */
#define STAT_COLUMNS 10

enum stat_line { STAT_OTHER, STAT_ALL, STAT_CPU };

/*
 * What the line at @p is: the "cpu" line of the sums, a "cpuN" line (then
 * @cpu is N, and @ndigits the length of its digits) or another line.
 */
static enum stat_line stat_line(const char *const p, const size_t len,
				u64 *const cpu, size_t *const ndigits)
{
	const char *const end = p + len, *s;

	if (len < 3 || memcmp(p, "cpu", 3))
		return STAT_OTHER;
	if (field_ends(p + 3, end))
		return STAT_ALL;
	s = parse_u64(p + 3, end, cpu);
	if (s == p + 3 || !field_ends(s, end))
		return STAT_OTHER;
	*ndigits = s - (p + 3);
	return STAT_CPU;
}

/* Adds the columns from @s to @sums; a column not there counts for 0. */
static void stat_add(u64 *const sums, const char *s, const char *const end)
{
	unsigned int i;
	u64 v;

	for (i = 0; i < STAT_COLUMNS; i++) {
		while (s < end && (*s == ' ' || *s == '\t'))
			s++;
		if (s == end || !isdigit(*s))
			return;
		s = parse_u64(s, end, &v);
		sums[i] = add_sat(sums[i], v);
	}
}

size_t ksentry_vfile_stat(char *const buf, const size_t size,
			  const char *const host, const size_t host_len,
			  const unsigned int *const cpus,
			  const unsigned int nr_cpus)
{
	const char *p, *const end = host + (host ? host_len : 0);
	u64 sums[STAT_COLUMNS] = { 0 };
	size_t ndigits = 0, len;
	struct pick pk;
	unsigned int i;
	struct vbuf b;
	u64 cpu = 0;

	/* The sums come first in the file: a first pass makes them. */
	pick_init(&pk, cpus, nr_cpus);
	for (p = host; p < end; p += len) {
		len = line_len(p, end);
		if (stat_line(p, len, &cpu, &ndigits) == STAT_CPU &&
		    pick_cpu(&pk, cpu))
			stat_add(sums, p + 3 + ndigits, p + len);
	}
	vbuf_init(&b, buf, size);
	pick_init(&pk, cpus, nr_cpus);
	for (p = host; p < end && !vbuf_full(&b); p += len) {
		len = line_len(p, end);
		switch (stat_line(p, len, &cpu, &ndigits)) {
		case STAT_ALL:
			vbuf_put(&b, "cpu  ", 5);
			for (i = 0; i < STAT_COLUMNS; i++) {
				if (i)
					vbuf_putc(&b, ' ');
				vbuf_dec(&b, sums[i], 0, ' ');
			}
			vbuf_putc(&b, '\n');
			break;
		case STAT_CPU:
			/* Kept as the host wrote it, number and all. */
			if (pick_cpu(&pk, cpu))
				vbuf_put(&b, p, len);
			break;
		default:
			vbuf_put(&b, p, len);
			break;
		}
	}
	return vbuf_end(&b);
}

/* @ns as seconds and hundredths, "%llu.%02llu". */
static void vbuf_seconds(struct vbuf *const b, const u64 ns)
{
	u32 rem;

	vbuf_dec(b, div_u64_rem(ns, NSEC_PER_SEC, &rem), 0, ' ');
	vbuf_putc(b, '.');
	vbuf_dec(b, rem / (NSEC_PER_SEC / 100), 2, '0');
}

size_t ksentry_vfile_uptime(char *const buf, const size_t size,
			    const u64 shown_ns, const u64 up_ns,
			    const unsigned int nr_cpus)
{
	const u64 centis = div_u64(up_ns, NSEC_PER_SEC / 100);
	struct vbuf b;
	u64 idle;

	/* In hundredths, not ns: ns times thousands of CPUs overflows. */
	if (check_mul_overflow(centis, (u64)nr_cpus, &idle))
		idle = U64_MAX;
	vbuf_init(&b, buf, size);
	vbuf_seconds(&b, shown_ns);
	vbuf_putc(&b, ' ');
	vbuf_dec(&b, div_u64(idle, 100), 0, ' ');
	vbuf_putc(&b, '.');
	vbuf_dec(&b, do_div(idle, 100), 2, '0');
	vbuf_putc(&b, '\n');
	return vbuf_end(&b);
}

size_t ksentry_vfile_loadavg(char *const buf, const size_t size,
			     const unsigned long loads[3],
			     const unsigned int running,
			     const unsigned int total, const int last_pid)
{
	struct vbuf b;
	unsigned int i;

	vbuf_init(&b, buf, size);
	for (i = 0; i < 3; i++) {
		/* Rounded to the hundredth, as get_avenrun(, FIXED_1/200, 0). */
		const unsigned long load = loads[i] + FIXED_1 / 200;

		vbuf_dec(&b, LOAD_INT(load), 0, ' ');
		vbuf_putc(&b, '.');
		vbuf_dec(&b, LOAD_FRAC(load), 2, '0');
		vbuf_putc(&b, ' ');
	}
	vbuf_dec(&b, running, 0, ' ');
	vbuf_putc(&b, '/');
	vbuf_dec(&b, total, 0, ' ');
	vbuf_putc(&b, ' ');
	vbuf_sdec(&b, last_pid);
	vbuf_putc(&b, '\n');
	return vbuf_end(&b);
}

size_t ksentry_vfile_cpu_online(char *const buf, const size_t size,
				const unsigned int *const cpus,
				const unsigned int nr_cpus)
{
	const unsigned int nr = cpus ? nr_cpus : 0;
	unsigned int i = 0, first, last;
	bool any = false;
	struct vbuf b;

	vbuf_init(&b, buf, size);
	while (i < nr && !vbuf_full(&b)) {
		/*
		 * A run of consecutive numbers, "first-last" as the kernel's
		 * "%*pbl" prints it; a number not above the last one before
		 * it is out of order, and dropped.
		 */
		first = cpus[i];
		for (last = first, i++; i < nr && cpus[i] <= (u64)last + 1; i++)
			last = max(last, cpus[i]);
		if (any)
			vbuf_putc(&b, ',');
		any = true;
		vbuf_dec(&b, first, 0, ' ');
		if (last != first) {
			vbuf_putc(&b, '-');
			vbuf_dec(&b, last, 0, ' ');
		}
	}
	vbuf_putc(&b, '\n');
	return vbuf_end(&b);
}

#ifdef KSENTRY_KUNIT_TEST
#include "../tests/vfile_kunit.c"
#endif /* KSENTRY_KUNIT_TEST */
