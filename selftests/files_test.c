// SPDX-License-Identifier: GPL-2.0
/*
 * ksentry - selftests of the open family's handlers (ABI 5, 6): virtual files
 * and path rules
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * A member's open(), openat(), openat2() and creat() are answered by the
 * module.  What a program must see:
 *
 * - the sandbox's /proc/meminfo, cpuinfo, stat, uptime, loadavg and
 *   /sys/devices/system/cpu/online, in the real files' formats, through
 *   every path that leads to those files, read as a seq_file reads;
 * - path rules decided on the object, not on its name: links, bind mounts,
 *   descriptors, and a path another thread rewrites meanwhile, all end at
 *   the same decision;
 * - the host's answer to every bad argument;
 * - policies that a call could go around refused, and a refused update
 *   leaving the policy in force untouched.
 *
 * Each body runs as pid 1 of a new pid namespace bound to the sandbox,
 * prints each thing it finds wrong and exits 1 if it found any.
 */

#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <linux/capability.h>
#include <linux/elf.h>
#include <linux/ksentry.h>
#include <linux/landlock.h>
#include <linux/magic.h>
#include <linux/openat2.h>
#include <pthread.h>
#include <regex.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "kselftest_harness.h"

#include "common.h"

/* A call whose sixth argument is HOST_TAG goes to the host (see pol_host_tag()). */
#define HOST_TAG 0x5eedULL

#define BUF_SIZE (64 << 10)
#define PAGE 4096

#define MEM_LIMIT (256LL << 20)
#define MEM_LIMIT_KB (MEM_LIMIT >> 10)
#define CGROUP_ROOT "/sys/fs/cgroup"
#define CGROUP CGROUP_ROOT "/ksentry-files"

/* Scratch directories; what is mounted there stays in a private mount namespace. */
#define WORK "/tmp/ksentry-files"
#define ROOT "/tmp/ksentry-paths"
#define IN "/tmp/ksentry-input"

#define RACE_FLIPS 1000000UL
#define RACE_MIN_OPENS 10000UL

/* Less than the hundredth the virtual files print, for rounding. */
#define EPSILON 0.000001

#define ACCESS_RW (KSENTRY_ACCESS_READ | KSENTRY_ACCESS_WRITE)

/* The column of an action type in the counters. */
#define COLUMN(type) (((type) >> 16) - 1)

/*
 * The uptimes a member reads: sysinfo()'s as the module answers it and as
 * the host does (s), /proc/uptime's (hundredths).
 */
struct uptimes {
	long emulated;
	long host;
	long long proc;
};

/* Set by the parent before it starts a member, read by the member. */
struct shared {
	bool limited;
	struct timespec before_bind;
	int status;
	/* The race's results. */
	unsigned long opens;
	unsigned long flips;
	unsigned long allowed;
	unsigned long denied;
	unsigned long wrong;
	unsigned long other;
	int other_errno;
	/* The uptimes a member's child read in a new time namespace. */
	struct uptimes in_timens;
};

static struct shared *shm;

/* The host's files, read outside the sandbox before the member starts. */
static char host_meminfo[BUF_SIZE];
static char host_cpuinfo[BUF_SIZE];
static char host_stat[BUF_SIZE];
static char host_online[64];
static long long host_total_kb;
static int host_tasks;
static int nprocs;

/*
 * What the member must see: its CPUs, by their host numbers, ascending,
 * in sched_getaffinity(), getcpu() and every virtual file alike.
 */
static int want_cpus;
static int want_host_cpus[2];

/* A descriptor the parent opened for the member, or -1. */
static int inherited_fd = -1;

/* Parent to member (go) and member to parent (done), one byte each. */
static int go_pipe[2] = { -1, -1 };
static int done_pipe[2] = { -1, -1 };

static int fails;

/* In a member: print what is wrong, and count it. */
static void __attribute__((format(printf, 2, 3)))
report(const int line, const char *const fmt, ...)
{
	va_list ap;

	fails++;
	fprintf(stderr, "# files_test.c:%d: ", line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

#define WRONG(...) report(__LINE__, __VA_ARGS__)

static bool check_at(const bool ok, const int line, const char *const what)
{
	const int err = errno;

	if (!ok)
		report(line, "%s (errno %d)", what, err);
	errno = err;
	return ok;
}

/* In a member: @cond must hold. */
#define CHECK(cond) check_at(!!(cond), __LINE__, #cond)

static void fails_with_at(const int want, const long ret, const int line,
			  const char *const what)
{
	const int err = errno;

	if (ret == -1 && err == want)
		return;
	report(line, "%s: %ld (%s), expected %s", what, ret,
	       ret == -1 ? strerror(err) : "no error", strerror(want));
	if (ret >= 0)
		close(ret);
}

/* In a member: @call must fail with errno @want. */
#define FAILS_WITH(want, call) fails_with_at((want), (call), __LINE__, #call)

/* Read @fd to its end into @buf, NUL-terminated, and close it; the length. */
static ssize_t slurp(const long fd, char *const buf, const size_t size)
{
	size_t len = 0;
	ssize_t n = 0;

	buf[0] = '\0';
	if (fd < 0)
		return -1;
	while (len < size - 1) {
		n = read(fd, buf + len, size - 1 - len);
		if (n <= 0)
			break;
		len += n;
	}
	buf[len] = '\0';
	close(fd);
	return n < 0 ? -1 : (ssize_t)len;
}

static ssize_t read_path(const char *const path, char *const buf,
			 const size_t size)
{
	return slurp(open(path, O_RDONLY | O_CLOEXEC), buf, size);
}

static void reads_at(const int line, const char *const what,
		     const char *const want, const long fd)
{
	static char buf[4096];

	if (fd < 0) {
		report(line, "%s: %s", what, strerror(errno));
		return;
	}
	if (slurp(fd, buf, sizeof(buf)) < 0 || strcmp(buf, want))
		report(line, "%s read \"%s\", not \"%s\"", what, buf, want);
}

/* In a member: @call must give a descriptor that reads @want. */
#define READS(want, call) reads_at(__LINE__, #call, (want), (call))

static bool write_text(const char *const path, const char *const text)
{
	const size_t len = strlen(text);
	const int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return false;
	n = write(fd, text, len);
	close(fd);
	return n == (ssize_t)len;
}

/* Create @path with @text and @mode. */
static bool put_file(const char *const path, const char *const text,
		     const mode_t mode)
{
	const size_t len = strlen(text);
	const int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	bool ok;

	if (fd < 0)
		return false;
	ok = write(fd, text, len) == (ssize_t)len && !fchmod(fd, mode);
	return !close(fd) && ok;
}

static bool copy_file(const char *const from, const char *const to,
		      const mode_t mode)
{
	static char buf[BUF_SIZE];
	int in, out;
	ssize_t n;
	bool ok = true;

	in = open(from, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return false;
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	if (out < 0) {
		close(in);
		return false;
	}
	while ((n = read(in, buf, sizeof(buf))) > 0)
		ok &= write(out, buf, n) == n;
	ok &= n == 0 && !fchmod(out, mode);
	close(in);
	return !close(out) && ok;
}

static long sys_open(const char *const path, const int flags, const mode_t mode)
{
	return syscall(__NR_open, path, flags, mode);
}

static long sys_creat(const char *const path, const mode_t mode)
{
	return syscall(__NR_creat, path, mode);
}

static long sys_openat2(const int dfd, const char *const path,
			const __u64 flags, const __u64 mode, const __u64 resolve)
{
	struct open_how how = { .flags = flags, .mode = mode, .resolve = resolve };

	return syscall(__NR_openat2, dfd, path, &how, sizeof(how));
}

/* Copy the line at @p, without its '\n', to @line; the next line, or NULL. */
static const char *next_line(const char *const p, char *const line,
			     const size_t size)
{
	const char *const nl = strchr(p, '\n');
	size_t len = nl ? (size_t)(nl - p) : strlen(p);

	if (!*p)
		return NULL;
	if (len >= size)
		len = size - 1;
	memcpy(line, p, len);
	line[len] = '\0';
	return nl ? nl + 1 : p + strlen(p);
}

/* The value of @label in a /proc/meminfo text, or -1. */
static long long meminfo_field(const char *const text, const char *const label)
{
	const size_t len = strlen(label);
	const char *p = text;

	while (p && *p) {
		if (!strncmp(p, label, len) && p[len] == ':')
			return strtoll(p + len + 1, NULL, 10);
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return -1;
}

/* Whether @path opens a file of procfs (the virtual files are not). */
static bool is_procfs_file(const char *const path)
{
	const int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct statfs sfs;
	bool ok;

	ok = fd >= 0 && !fstatfs(fd, &sfs) && sfs.f_type == PROC_SUPER_MAGIC;
	if (fd >= 0)
		close(fd);
	return ok;
}

static bool matches(const char *const text, const char *const pattern)
{
	regex_t re;
	bool ok;

	if (regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB))
		return false;
	ok = !regexec(&re, text, 0, NULL, 0);
	regfree(&re);
	return ok;
}

static double seconds(const struct timespec *const t)
{
	return t->tv_sec + t->tv_nsec / 1e9;
}

/* The policies. */

struct pol {
	struct ksentry_policy_attr attr;
	struct ksentry_entry entries[32];
	struct ksentry_rule rules[8];
	struct ksentry_path_rule paths[KSENTRY_MAX_PATH_RULES + 1];
	struct ksentry_emu_attr emu;
};

static const struct {
	int nr;
	__u32 handler;
} open_family[] = {
	{ __NR_open, KSENTRY_EMU_OPEN },
	{ __NR_openat, KSENTRY_EMU_OPENAT },
	{ __NR_openat2, KSENTRY_EMU_OPENAT2 },
	{ __NR_creat, KSENTRY_EMU_CREAT },
};

/* Give @nr @action, replacing the entry it has. */
static void pol_entry(struct pol *const p, const int nr, const __u32 action)
{
	__u32 i;

	for (i = 0; i < p->attr.nr_entries; i++)
		if (p->entries[i].nr == (__u32)nr)
			break;
	p->entries[i].nr = nr;
	p->entries[i].action = action;
	if (i == p->attr.nr_entries)
		p->attr.nr_entries++;
}

/* Take @nr's entry away: the default action decides it. */
static void pol_drop(struct pol *const p, const int nr)
{
	__u32 i;

	for (i = 0; i < p->attr.nr_entries; i++) {
		if (p->entries[i].nr != (__u32)nr)
			continue;
		p->entries[i] = p->entries[--p->attr.nr_entries];
		return;
	}
}

/* The calls that open files around the open family's handlers. */
static const int around_nrs[] = {
	__NR_open_by_handle_at, __NR_io_uring_setup, __NR_fanotify_init,
	__NR_acct, __NR_swapon, __NR_quotactl, __NR_quotactl_fd,
};

/*
 * The open family emulated, the calls of around_nrs[] refused, everything
 * else allowed: the least a policy with path rules on opens must have.
 */
static void pol_init(struct pol *const p)
{
	size_t i;

	memset(p, 0, sizeof(*p));
	p->attr.size = sizeof(p->attr);
	p->attr.default_action = KSENTRY_ACT_ALLOW;
	p->attr.entries = (__u64)(uintptr_t)p->entries;
	p->attr.rules = (__u64)(uintptr_t)p->rules;
	p->attr.path_rules = (__u64)(uintptr_t)p->paths;
	for (i = 0; i < ARRAY_SIZE(open_family); i++)
		pol_entry(p, open_family[i].nr,
			  KSENTRY_ACT_EMULATE_OF(open_family[i].handler));
	for (i = 0; i < ARRAY_SIZE(around_nrs); i++)
		pol_entry(p, around_nrs[i], KSENTRY_ACT_ERRNO_OF(EPERM));
}

static void pol_view(struct pol *const p, const __u32 nr_cpus,
		     const __u32 vfiles)
{
	p->emu.size = sizeof(p->emu);
	p->emu.nr_cpus = nr_cpus;
	p->emu.vfiles = vfiles;
	p->attr.emu = (__u64)(uintptr_t)&p->emu;
}

/* The view's CPU calls answered by the module too, as a runtime sets them. */
static void pol_cpu_calls(struct pol *const p)
{
	pol_entry(p, __NR_sched_getaffinity,
		  KSENTRY_ACT_EMULATE_OF(KSENTRY_EMU_SCHED_GETAFFINITY));
	pol_entry(p, __NR_getcpu, KSENTRY_ACT_EMULATE_OF(KSENTRY_EMU_GETCPU));
}

static void pol_path(struct pol *const p, const int fd, const __u32 flags,
		     const __u32 access, const __u32 action)
{
	struct ksentry_path_rule *const r = &p->paths[p->attr.nr_path_rules++];

	r->fd = fd;
	r->flags = flags;
	r->access = access;
	r->action = action;
}

/* An argument rule: @nr gets @action when its sixth argument is HOST_TAG. */
static void pol_rule(struct pol *const p, const int nr, const __u32 action)
{
	struct ksentry_rule *const r = &p->rules[p->attr.nr_rules++];

	r->nr = nr;
	r->action = action;
	r->nr_conds = 1;
	r->conds[0].arg = 5;
	r->conds[0].op = KSENTRY_CMP_EQ;
	r->conds[0].mask = ~0ULL;
	r->conds[0].value = HOST_TAG;
}

/* The open family goes to the host when tagged (no path rules allow this). */
static void pol_host_tag(struct pol *const p)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(open_family); i++)
		pol_rule(p, open_family[i].nr, KSENTRY_ACT_ALLOW);
}

static int pol_set(const int sandbox, struct pol *const p)
{
	return ioctl(sandbox, KSENTRY_SANDBOX_SET_POLICY, &p->attr);
}

/* SET_POLICY's errno, 0 on success. */
static int pol_err(const int sandbox, struct pol *const p)
{
	return pol_set(sandbox, p) ? errno : 0;
}

static __u32 policy_seq(const int sandbox)
{
	struct ksentry_sandbox_info info;

	return sandbox_info(sandbox, &info) ? ~0U : info.policy_seq;
}

/* The decisions of @type the sandbox made for @nr. */
static __u64 counted(const int sandbox, const int nr, const __u32 type)
{
	static __u64 counts[KSENTRY_STATS_SLOTS][KSENTRY_STATS_ACTIONS];
	struct ksentry_stats_attr attr = {
		.size = sizeof(attr),
		.counts = (__u64)(uintptr_t)counts,
		.counts_size = sizeof(counts),
	};

	if (ioctl(sandbox, KSENTRY_SANDBOX_GET_STATS, &attr))
		return ~0ULL;
	return counts[nr][COLUMN(type)];
}

/* Members. */

/* Start @body as pid 1 of a new pid namespace bound to @sandbox. */
static pid_t start_member(const int sandbox, int (*body)(void))
{
	int release;
	pid_t pid;

	pid = spawn_held(&release);
	if (pid == 0)
		_exit(body());
	if (pid < 0)
		return -1;
	clock_gettime(CLOCK_BOOTTIME, &shm->before_bind);
	if (sandbox_bind_pid(sandbox, pid)) {
		kill(pid, SIGKILL);
		close(release);
		waitpid(pid, NULL, 0);
		return -1;
	}
	release_child(release);
	return pid;
}

static int wait_member(const pid_t pid)
{
	int status;

	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

static int run_member(const int sandbox, int (*body)(void))
{
	return wait_member(start_member(sandbox, body));
}

static bool exited_ok(const int status)
{
	return status != -1 && WIFEXITED(status) && !WEXITSTATUS(status);
}

static bool open_pipes(void)
{
	return !pipe2(go_pipe, O_CLOEXEC) && !pipe2(done_pipe, O_CLOEXEC);
}

static void close_pipes(void)
{
	int i;

	for (i = 0; i < 2; i++) {
		if (go_pipe[i] >= 0)
			close(go_pipe[i]);
		if (done_pipe[i] >= 0)
			close(done_pipe[i]);
		go_pipe[i] = -1;
		done_pipe[i] = -1;
	}
}

static bool tell(const int fd)
{
	return write(fd, "g", 1) == 1;
}

static bool hear(const int fd)
{
	char c;

	return read(fd, &c, 1) == 1;
}

/*
 * Put this process in CGROUP limited to MEM_LIMIT, mounting cgroup2 if it
 * is not; false if the memory controller cannot be had.
 */
static bool join_limited_cgroup(void)
{
	char text[32];
	struct statfs sfs;

	if ((statfs(CGROUP_ROOT, &sfs) || sfs.f_type != CGROUP2_SUPER_MAGIC) &&
	    mount("cgroup2", CGROUP_ROOT, "cgroup2", 0, NULL))
		return false;
	if (!write_text(CGROUP_ROOT "/cgroup.subtree_control", "+memory"))
		return false;
	if (mkdir(CGROUP, 0755) && errno != EEXIST)
		return false;
	snprintf(text, sizeof(text), "%lld", MEM_LIMIT);
	if (!write_text(CGROUP "/memory.max", text))
		return false;
	snprintf(text, sizeof(text), "%d", getpid());
	return write_text(CGROUP "/cgroup.procs", text);
}

/*
 * Run @body as a member in CGROUP, limited to MEM_LIMIT when the memory
 * controller allows (shm->limited says whether it did); its wait status.
 */
static int run_limited(const int sandbox, int (*body)(void))
{
	int status;
	pid_t pid;

	shm->status = -1;
	pid = fork();
	if (pid == 0) {
		shm->limited = join_limited_cgroup();
		shm->status = run_member(sandbox, body);
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	rmdir(CGROUP);
	return shm->status;
}

static struct shared *map_shared(void)
{
	void *const p = mmap(NULL, sizeof(struct shared), PROT_READ | PROT_WRITE,
			     MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

/* A private mount namespace, so that the test's mounts go with it. */
static bool private_mounts(void)
{
	return !unshare(CLONE_NEWNS) &&
	       !mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL);
}

/* Virtual files. */

/*
 * The online file of the @n host CPUs @cpus, ascending: the kernel's
 * cpulist ("%*pbl"), as "0,2-3\n".
 */
static const char *online_of(const int n, const int *const cpus)
{
	static char text[256];
	size_t len = 0;
	int i, last;

	text[0] = '\0';
	for (i = 0; i < n; i = last + 1) {
		for (last = i; last + 1 < n && cpus[last + 1] == cpus[last] + 1;)
			last++;
		len += snprintf(text + len, sizeof(text) - len, "%s%d", i ? "," : "",
				cpus[i]);
		if (last > i)
			len += snprintf(text + len, sizeof(text) - len, "-%d",
					cpus[last]);
	}
	snprintf(text + len, sizeof(text) - len, "\n");
	return text;
}

/*
 * The member's CPUs as sched_getaffinity() and getcpu() answer them must
 * be @n host CPUs @cpus, the numbers the virtual files are checked for:
 * one numbering everywhere, or numactl and OpenMP pin to CPUs that do not
 * exist for them.
 */
static void check_affinity(const int n, const int *const cpus)
{
	unsigned int cpu = ~0U, node = ~0U;
	cpu_set_t set, want;
	int i;

	CPU_ZERO(&want);
	for (i = 0; i < n; i++)
		CPU_SET(cpus[i], &want);
	if (!CHECK(!sched_getaffinity(0, sizeof(set), &set)))
		return;
	if (!CPU_EQUAL(&set, &want))
		for (i = 0; i < CPU_SETSIZE; i++)
			if (CPU_ISSET(i, &set) != CPU_ISSET(i, &want))
				WRONG("CPU %d is %sin the affinity", i,
				      CPU_ISSET(i, &set) ? "" : "not ");
	/* The system call, not the vDSO, whose answer the module cannot see. */
	if (!CHECK(!syscall(__NR_getcpu, &cpu, &node, NULL)))
		return;
	if (cpu >= CPU_SETSIZE || !CPU_ISSET(cpu, &want))
		WRONG("getcpu() answered CPU %u, not one of the member's", cpu);
}

/* The MemTotal a member sees. */
static long long want_total(void)
{
	return shm->limited ? MEM_LIMIT_KB : host_total_kb;
}

/*
 * Under a limit: what memory is used for (Buffers to PageTables) is cut to
 * the memory used, so that free(1)'s "used" (MemTotal less MemFree,
 * Buffers, Cached and SReclaimable) is never below 0.
 */
static void check_limited_meminfo(const char *const text, const long long total)
{
	const long long used = total - meminfo_field(text, "MemFree");
	const char *p = text;
	bool in = false;
	char line[256];
	long long v;

	while ((p = next_line(p, line, sizeof(line)))) {
		const char *const colon = strchr(line, ':');

		in |= !strncmp(line, "Buffers:", 8);
		v = colon ? strtoll(colon + 1, NULL, 10) : 0;
		if (in && v > used)
			WRONG("meminfo line \"%s\" is above the %lld kB used", line, used);
		in &= strncmp(line, "PageTables:", 11) != 0;
	}
	v = meminfo_field(text, "Buffers") + meminfo_field(text, "Cached") +
	    meminfo_field(text, "SReclaimable");
	if (v > used)
		WRONG("Buffers, Cached and SReclaimable are %lld kB of %lld kB used", v, used);
	CHECK(meminfo_field(text, "MemAvailable") == meminfo_field(text, "MemFree"));
	CHECK(meminfo_field(text, "Committed_AS") <= total);
	CHECK(meminfo_field(text, "SwapTotal") == 0);
	CHECK(meminfo_field(text, "SwapFree") == 0);
}

/*
 * A line of the host's meminfo and the virtual one's must be the same key
 * in the same columns with the same unit: the virtual line is the host's
 * with only its number replaced, right-aligned where the host's ends.
 */
static void same_meminfo_line(const char *const virt, const char *const host)
{
	const char *const hc = strchr(host, ':'), *const vc = strchr(virt, ':');
	const char *hnum, *hend, *vnum;
	size_t vdigits, width;
	char want[512];

	if (!hc || !vc || hc - host != vc - virt ||
	    strncmp(host, virt, hc - host + 1)) {
		WRONG("meminfo line \"%s\" where the host has \"%s\"", virt, host);
		return;
	}
	hnum = hc + 1 + strspn(hc + 1, " ");
	hend = hnum + strspn(hnum, "0123456789");
	vnum = vc + 1 + strspn(vc + 1, " ");
	vdigits = strspn(vnum, "0123456789");
	width = hend - (hc + 1);
	if (hend == hnum || !vdigits || vdigits >= width) {
		WRONG("meminfo line \"%s\" is not in the format of \"%s\"", virt, host);
		return;
	}
	/* The host's label and unit around the virtual number. */
	snprintf(want, sizeof(want), "%.*s%*.*s%s", (int)(hc + 1 - host), host,
		 (int)width, (int)vdigits, vnum, hend);
	if (strcmp(want, virt))
		WRONG("meminfo line \"%s\" is not in the columns of the host's \"%s\"",
		      virt, host);
}

/* Every line of the host's meminfo, in its order, and no other. */
static void check_meminfo_lines(const char *const text)
{
	char vline[256], hline[256];
	const char *v = text, *h = host_meminfo;
	int n = 0;

	for (;;) {
		v = next_line(v, vline, sizeof(vline));
		h = next_line(h, hline, sizeof(hline));
		if (!v || !h)
			break;
		same_meminfo_line(vline, hline);
		n++;
	}
	if (v || h)
		WRONG("meminfo: line %d is \"%s\" where the host's is \"%s\"", n + 1,
		      v ? vline : "(none)", h ? hline : "(none)");
}

static void check_meminfo(const char *const text, const long long total,
			  const bool limited)
{
	long long v;

	if (strncmp(text, "MemTotal:", 9))
		WRONG("meminfo begins with \"%.20s\"", text);
	/* The host's lines, in its order and columns. */
	check_meminfo_lines(text);
	v = meminfo_field(text, "MemTotal");
	if (v != total)
		WRONG("MemTotal is %lld kB, not %lld kB", v, total);
	CHECK(meminfo_field(text, "MemFree") >= 0);
	CHECK(meminfo_field(text, "MemFree") <= total);
	CHECK(meminfo_field(text, "MemAvailable") >= 0);
	CHECK(meminfo_field(text, "MemAvailable") <= total);
	if (limited)
		check_limited_meminfo(text, total);
}

/*
 * The lines of the block of host CPU @cpu in a /proc/cpuinfo text (the
 * @cpu-th block if @nth), but its "processor" and "cpu MHz" lines.
 */
static bool cpuinfo_block(const char *const text, const int cpu, const bool nth,
			  char *const out, const size_t size)
{
	const char *p = text;
	char line[1024];
	bool in = false;
	int k, seen = 0;

	out[0] = '\0';
	while ((p = next_line(p, line, sizeof(line)))) {
		if (sscanf(line, "processor : %d", &k) == 1) {
			if (in)
				return true;
			in = nth ? seen == cpu : k == cpu;
			seen++;
			continue;
		}
		if (!in)
			continue;
		if (!line[0])
			return true;
		if (strncmp(line, "cpu MHz", 7) &&
		    strlen(out) + strlen(line) + 2 < size) {
			strcat(out, line);
			strcat(out, "\n");
		}
	}
	return in;
}

static void check_cpuinfo(const char *const text, const int n,
			  const int *const host_cpus)
{
	static char mine[BUF_SIZE / 2], host[BUF_SIZE / 2];
	const char *p = text;
	char line[1024];
	int k, count = 0;

	while ((p = next_line(p, line, sizeof(line)))) {
		if (sscanf(line, "processor : %d", &k) != 1)
			continue;
		if (count < n && k != host_cpus[count])
			WRONG("cpuinfo block %d is numbered %d, not host CPU %d",
			      count, k, host_cpus[count]);
		count++;
	}
	if (count != n)
		WRONG("cpuinfo has %d processors, not %d", count, n);
	for (k = 0; k < count && k < n; k++) {
		CHECK(cpuinfo_block(text, k, true, mine, sizeof(mine)));
		CHECK(cpuinfo_block(host_cpuinfo, host_cpus[k], false, host,
				    sizeof(host)));
		if (strcmp(mine, host))
			WRONG("cpuinfo block %d is not host CPU %d's:\n%s\nhost's:\n%s",
			      k, host_cpus[k], mine, host);
	}
}

static bool stat_columns(const char *const s, unsigned long long *const v)
{
	return sscanf(s, "%llu %llu %llu %llu %llu %llu %llu %llu %llu %llu",
		      &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7],
		      &v[8], &v[9]) == 10;
}

static void check_stat(const char *const text, const int n,
		       const int *const host_cpus)
{
	unsigned long long all[10] = { 0 }, sum[10] = { 0 }, v[10];
	const char *p = text;
	char line[4096], *end;
	bool seen_all = false;
	int i, count = 0;
	long k;

	while ((p = next_line(p, line, sizeof(line)))) {
		if (!strncmp(line, "cpu ", 4)) {
			if (seen_all || count)
				WRONG("stat line \"%s\" is out of place", line);
			seen_all = true;
			CHECK(stat_columns(line + 3, all));
			continue;
		}
		if (strncmp(line, "cpu", 3) || !isdigit(line[3]))
			continue;
		k = strtol(line + 3, &end, 10);
		if (count < n && k != host_cpus[count])
			WRONG("stat line %d is \"cpu%ld\", not host CPU %d's",
			      count, k, host_cpus[count]);
		count++;
		if (!CHECK(stat_columns(end, v)))
			continue;
		for (i = 0; i < 10; i++)
			sum[i] += v[i];
	}
	CHECK(seen_all);
	if (count != n)
		WRONG("stat has %d cpu lines, not %d", count, n);
	for (i = 0; i < 10; i++)
		if (all[i] != sum[i])
			WRONG("stat column %d: cpu %llu, the CPUs' sum %llu", i,
			      all[i], sum[i]);
	CHECK(strstr(text, "\nctxt "));
	CHECK(strstr(text, "\nbtime "));
	CHECK(strstr(text, "\nprocesses "));
}

static void check_uptime(const char *const text, const int n)
{
	struct timespec now;
	double up = -1, idle = -1;

	clock_gettime(CLOCK_BOOTTIME, &now);
	if (!matches(text, "^[0-9]+\\.[0-9]{2} [0-9]+\\.[0-9]{2}\n$") ||
	    sscanf(text, "%lf %lf", &up, &idle) != 2) {
		WRONG("uptime \"%s\" is not in the host's format", text);
		return;
	}
	/* The sandbox was bound after before_bind, the host booted before. */
	if (up > seconds(&now) - seconds(&shm->before_bind) + EPSILON)
		WRONG("uptime %.2f: the sandbox was bound %.2f s ago", up,
		      seconds(&now) - seconds(&shm->before_bind));
	CHECK(up < seconds(&now));
	/* No CPU idles longer than the sandbox has been up. */
	CHECK(idle <= up * n + 0.01 * n + EPSILON);
}

/* After the member forked @child: loadavg's counts are the sandbox's. */
static void check_loadavg(const char *const text, const pid_t child)
{
	int running = -1, total = -1, last = -1;
	float l1, l5, l15;

	if (!matches(text, "^([0-9]+\\.[0-9]{2} ){3}[0-9]+/[0-9]+ [0-9]+\n$") ||
	    sscanf(text, "%f %f %f %d/%d %d", &l1, &l5, &l15, &running, &total,
		   &last) != 6) {
		WRONG("loadavg \"%s\" is not in the host's format", text);
		return;
	}
	CHECK(running >= 1 && running <= total);
	/* The member alone; its child has been reaped. */
	CHECK(total == 1);
	CHECK(total < host_tasks);
	if (last != child)
		WRONG("loadavg's last pid is %d, the member's child was %d",
		      last, child);
}

/* Whether a stat line is a "cpuN" line of a host CPU the view leaves out. */
static bool stat_cpu_left_out(const char *const line, const int n,
			      const int *const host_cpus)
{
	char *end;
	long k;
	int i;

	if (strncmp(line, "cpu", 3) || !isdigit(line[3]))
		return false;
	k = strtol(line + 3, &end, 10);
	for (i = 0; i < n; i++)
		if (k == host_cpus[i])
			return false;
	return true;
}

/* A stat line's kind: its first word. */
static void stat_kind(const char *const line, char *const kind, const size_t size)
{
	snprintf(kind, size, "%.*s", (int)strcspn(line, " "), line);
}

/*
 * The kinds of lines of the host's stat, in its order: "cpu", "cpuN" of
 * the view's CPUs, "intr", "ctxt", "btime", "processes", "procs_running",
 * "procs_blocked", "softirq", whatever this kernel prints.
 */
static void check_stat_lines(const char *const text, const int n,
			     const int *const host_cpus)
{
	char vline[4096], hline[4096], vkind[64], hkind[64];
	const char *v = text, *h = host_stat;
	int i = 0;

	for (;;) {
		v = next_line(v, vline, sizeof(vline));
		do
			h = next_line(h, hline, sizeof(hline));
		while (h && stat_cpu_left_out(hline, n, host_cpus));
		if (!v || !h)
			break;
		stat_kind(vline, vkind, sizeof(vkind));
		stat_kind(hline, hkind, sizeof(hkind));
		if (strcmp(vkind, hkind))
			WRONG("stat line %d is \"%s\" where the host has \"%s\"", i + 1,
			      vkind, hkind);
		i++;
	}
	if (v || h)
		WRONG("stat: line %d is \"%s\" where the host has \"%s\"", i + 1,
		      v ? vline : "(none)", h ? hline : "(none)");
}

/* Hugepagesize as glibc and LTP read it: one conversion, or none. */
static int hugepagesize(const char *const text, unsigned long *const kb)
{
	const char *p = text;
	char line[256];

	while ((p = next_line(p, line, sizeof(line))))
		if (sscanf(line, "Hugepagesize: %lu kB", kb) == 1)
			return 1;
	return 0;
}

/* Fork a child that exits at once; its pid. */
static pid_t fork_one(void)
{
	const pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	if (pid > 0)
		waitpid(pid, NULL, 0);
	return pid;
}

static int body_view(void)
{
	static char text[BUF_SIZE];
	pid_t child;

	if (CHECK(read_path("/proc/meminfo", text, sizeof(text)) > 0))
		check_meminfo(text, want_total(), shm->limited);
	if (CHECK(read_path("/proc/cpuinfo", text, sizeof(text)) > 0))
		check_cpuinfo(text, want_cpus, want_host_cpus);
	if (CHECK(read_path("/proc/stat", text, sizeof(text)) > 0))
		check_stat(text, want_cpus, want_host_cpus);
	if (CHECK(read_path("/proc/uptime", text, sizeof(text)) > 0))
		check_uptime(text, want_cpus);
	child = fork_one();
	if (CHECK(read_path("/proc/loadavg", text, sizeof(text)) > 0))
		check_loadavg(text, child);
	READS(online_of(want_cpus, want_host_cpus),
	      open("/sys/devices/system/cpu/online", O_RDONLY));
	check_affinity(want_cpus, want_host_cpus);
	return fails ? 1 : 0;
}

FIXTURE(vfiles) {
	int fd;
};

FIXTURE_SETUP(vfiles)
{
	static char text[BUF_SIZE];
	int n;

	shm = map_shared();
	ASSERT_NE(NULL, shm);
	/* The host's answers, as a process outside any sandbox reads them. */
	ASSERT_LT(0, read_path("/proc/meminfo", host_meminfo, sizeof(host_meminfo)));
	ASSERT_LT(0, read_path("/proc/cpuinfo", host_cpuinfo, sizeof(host_cpuinfo)));
	ASSERT_LT(0, read_path("/proc/stat", host_stat, sizeof(host_stat)));
	ASSERT_LT(0, read_path("/sys/devices/system/cpu/online", host_online,
			       sizeof(host_online)));
	ASSERT_LT(0, read_path("/proc/loadavg", text, sizeof(text)));
	n = sscanf(text, "%*f %*f %*f %*d/%d", &host_tasks);
	ASSERT_EQ(1, n);
	host_total_kb = meminfo_field(host_meminfo, "MemTotal");
	ASSERT_LT(0, host_total_kb);
	nprocs = get_nprocs();
	ASSERT_LE(1, nprocs);
	if (mkdir(WORK, 0755))
		ASSERT_EQ(EEXIST, errno);
	self->fd = sandbox_create();
	ASSERT_LE(0, self->fd);
}

FIXTURE_TEARDOWN(vfiles)
{
	close(self->fd);
	rmdir(WORK);
	rmdir(CGROUP);
	munmap(shm, sizeof(*shm));
}

/* Two CPUs in the view, 256M of memory: every virtual file says so. */
TEST_F(vfiles, the_view_of_a_sandbox_limited_to_256M)
{
	struct pol p;
	int status;

	pol_init(&p);
	pol_view(&p, 2, KSENTRY_VFILES_ALL);
	pol_cpu_calls(&p);
	ASSERT_EQ(0, pol_set(self->fd, &p));
	want_cpus = nprocs < 2 ? 1 : 2;
	want_host_cpus[0] = 0;
	want_host_cpus[1] = 1;
	/* Where the sandbox's answer must differ from the host's. */
	EXPECT_NE(MEM_LIMIT_KB, host_total_kb);
	EXPECT_EQ(nprocs < 2 ? 0 : 1, !strcmp(host_online, "0-1\n"));
	status = run_limited(self->fd, body_view);
	EXPECT_TRUE(exited_ok(status))
	{
		TH_LOG("status %#x", status);
	}
	if (!shm->limited)
		SKIP(return, "no cgroup v2 memory controller: MemTotal was the host's");
	if (nprocs < 2)
		SKIP(return, "one CPU: the view was checked as one CPU");
}

/*
 * One CPU of two, the host's second: the files cut to it keep its host
 * number, the one sched_setaffinity() took.
 */
static int body_second_cpu(void)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(1, &set);
	if (!CHECK(!sched_setaffinity(0, sizeof(set), &set)))
		return 1;
	return body_view();
}

TEST_F(vfiles, one_cpu_of_two_keeps_its_host_number)
{
	struct pol p;
	int status;

	if (nprocs < 2)
		SKIP(return, "needs two CPUs");
	pol_init(&p);
	pol_view(&p, 1, KSENTRY_VFILES_ALL);
	pol_cpu_calls(&p);
	ASSERT_EQ(0, pol_set(self->fd, &p));
	want_cpus = 1;
	want_host_cpus[0] = 1;
	status = run_member(self->fd, body_second_cpu);
	EXPECT_TRUE(exited_ok(status))
	{
		TH_LOG("status %#x", status);
	}
}

/*
 * The virtual meminfo and stat keep every line of the host's, in its order
 * and format: a program that parses a line the host has finds it.
 */
static int body_host_lines(void)
{
	static char text[BUF_SIZE];
	unsigned long kb = 0, host_kb = 0;

	if (CHECK(read_path("/proc/meminfo", text, sizeof(text)) > 0)) {
		check_meminfo(text, want_total(), shm->limited);
		/* No huge pages on the host: nothing to find, in either file. */
		if (hugepagesize(host_meminfo, &host_kb) &&
		    (!CHECK(hugepagesize(text, &kb) == 1) || kb != host_kb))
			WRONG("Hugepagesize is %lu kB, the host's %lu kB", kb, host_kb);
	}
	if (CHECK(read_path("/proc/stat", text, sizeof(text)) > 0)) {
		check_stat(text, want_cpus, want_host_cpus);
		check_stat_lines(text, want_cpus, want_host_cpus);
	}
	return fails ? 1 : 0;
}

TEST_F(vfiles, meminfo_and_stat_keep_the_hosts_lines)
{
	struct pol p;
	int status;

	pol_init(&p);
	pol_view(&p, 1, KSENTRY_VFILES_ALL);
	pol_cpu_calls(&p);
	ASSERT_EQ(0, pol_set(self->fd, &p));
	want_cpus = 1;
	want_host_cpus[0] = 0;
	status = run_limited(self->fd, body_host_lines);
	EXPECT_TRUE(exited_ok(status))
	{
		TH_LOG("status %#x", status);
	}
	if (!shm->limited)
		SKIP(return, "no cgroup v2 memory controller: MemTotal was the host's");
}

/* A member's exit status when the kernel has no Landlock. */
#define NO_LANDLOCK 4

/*
 * A member confined by Landlock to reading anything beneath "/" reads the
 * virtual files as it reads the real ones: the module reads the host's
 * files with its own credentials, from a procfs in no mount namespace,
 * which the member's Landlock domain cannot place.  Found by a red-team
 * review: the three files made from the host's failed with EACCES.
 */
static int body_landlocked(void)
{
	static const char *const names[] = {
		"/proc/meminfo", "/proc/cpuinfo", "/proc/stat", "/proc/uptime",
		"/proc/self/status",
	};
	struct landlock_ruleset_attr attr = {
		.handled_access_fs = LANDLOCK_ACCESS_FS_READ_FILE |
				     LANDLOCK_ACCESS_FS_READ_DIR,
	};
	struct landlock_path_beneath_attr beneath = {
		.allowed_access = LANDLOCK_ACCESS_FS_READ_FILE |
				  LANDLOCK_ACCESS_FS_READ_DIR,
	};
	static char text[BUF_SIZE];
	size_t i;
	int rs;

	rs = syscall(SYS_landlock_create_ruleset, &attr, sizeof(attr), 0);
	if (rs < 0)
		return NO_LANDLOCK;
	beneath.parent_fd = open("/", O_PATH | O_CLOEXEC);
	if (!CHECK(beneath.parent_fd >= 0) ||
	    !CHECK(!syscall(SYS_landlock_add_rule, rs, LANDLOCK_RULE_PATH_BENEATH,
			    &beneath, 0)) ||
	    !CHECK(!prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)) ||
	    !CHECK(!syscall(SYS_landlock_restrict_self, rs, 0)))
		return 1;
	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (read_path(names[i], text, sizeof(text)) <= 0)
			WRONG("%s under Landlock: %s", names[i], strerror(errno));
	return fails ? 1 : 0;
}

TEST_F(vfiles, a_member_under_landlock_reads_the_virtual_files)
{
	struct pol p;
	int status;

	pol_init(&p);
	pol_view(&p, 1, KSENTRY_VFILES_ALL);
	pol_cpu_calls(&p);
	ASSERT_EQ(0, pol_set(self->fd, &p));
	want_cpus = 1;
	want_host_cpus[0] = 0;
	status = run_member(self->fd, body_landlocked);
	if (WIFEXITED(status) && WEXITSTATUS(status) == NO_LANDLOCK)
		SKIP(return, "the kernel has no Landlock");
	EXPECT_TRUE(exited_ok(status))
	{
		TH_LOG("status %#x", status);
	}
}

/* The boottime offset of the member's new time namespace, in s. */
#define TIMENS_OFFSET 100000LL

/* A member's exit status when the kernel has no time namespaces. */
#define NO_TIMENS 4

/* /proc/uptime's uptime in hundredths, -1 if unreadable. */
static long long proc_uptime(void)
{
	unsigned long long sec, centis;
	char text[128];

	if (read_path("/proc/uptime", text, sizeof(text)) <= 0 ||
	    sscanf(text, "%llu.%2llu", &sec, &centis) != 2)
		return -1;
	return sec * 100 + centis;
}

/* sysinfo()'s uptime, answered by the host when @host, -1 on error. */
static long sysinfo_uptime(const bool host)
{
	struct sysinfo info;

	if (syscall(__NR_sysinfo, &info, 0L, 0L, 0L, 0L, host ? (long)HOST_TAG : 0L))
		return -1;
	return info.uptime;
}

static void read_uptimes(struct uptimes *const u)
{
	u->emulated = sysinfo_uptime(false);
	u->host = sysinfo_uptime(true);
	u->proc = proc_uptime();
}

/*
 * @in, read in the time namespace, is @before and @after, read outside it
 * before and after, plus the offset: whole seconds, so the rounding of
 * each answer is the same in and out.
 */
static void check_offset(const char *const what, const long long before,
			 const long long in, const long long after,
			 const long long offset)
{
	if (before < 0 || in < 0 || after < 0 || in < before + offset ||
	    in > after + offset)
		WRONG("%s: %lld in the time namespace, %lld and %lld outside: not %+lld",
		      what, in, before, after, offset);
}

/*
 * In a new time namespace whose CLOCK_BOOTTIME is TIMENS_OFFSET ahead, the
 * uptime is that much more, as the host's sysinfo() says it there.
 */
static int body_timens(void)
{
	struct uptimes before, after, *const in = &shm->in_timens;
	char offsets[64];
	pid_t pid;

	read_uptimes(&before);
	if (unshare(CLONE_NEWTIME))
		return errno == EINVAL ? NO_TIMENS : 1;
	snprintf(offsets, sizeof(offsets), "boottime %lld 0", TIMENS_OFFSET);
	/* The offsets are set before the first task enters the namespace. */
	if (!CHECK(write_text("/proc/self/timens_offsets", offsets)))
		return 1;
	memset(in, 0xff, sizeof(*in));
	pid = fork();
	if (pid == 0) {
		read_uptimes(in);
		_exit(0);
	}
	if (!CHECK(pid > 0 && waitpid(pid, NULL, 0) == pid))
		return 1;
	read_uptimes(&after);
	check_offset("the host's sysinfo() uptime", before.host, in->host,
		     after.host, TIMENS_OFFSET);
	check_offset("the emulated sysinfo() uptime", before.emulated,
		     in->emulated, after.emulated, TIMENS_OFFSET);
	check_offset("/proc/uptime (hundredths)", before.proc, in->proc,
		     after.proc, TIMENS_OFFSET * 100);
	return fails ? 1 : 0;
}

TEST_F(vfiles, uptime_in_a_time_namespace)
{
	struct pol p;
	int status;

	pol_init(&p);
	pol_view(&p, 1, KSENTRY_VFILE_BIT(KSENTRY_VFILE_UPTIME));
	pol_entry(&p, __NR_sysinfo, KSENTRY_ACT_EMULATE_OF(KSENTRY_EMU_SYSINFO));
	/* The host's answer, to compare with, in the same time namespace. */
	pol_rule(&p, __NR_sysinfo, KSENTRY_ACT_ALLOW);
	ASSERT_EQ(0, pol_set(self->fd, &p));
	status = run_member(self->fd, body_timens);
	if (status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == NO_TIMENS)
		SKIP(return, "no time namespaces (CONFIG_TIME_NS)");
	EXPECT_TRUE(exited_ok(status))
	{
		TH_LOG("status %#x", status);
	}
}

/* @fd, just opened, must read the virtual meminfo. */
static void virtual_meminfo_at(const int line, const char *const what,
			       const long fd)
{
	static char text[BUF_SIZE];
	long long total;

	if (slurp(fd, text, sizeof(text)) < 0) {
		report(line, "%s: %s", what, strerror(errno));
		return;
	}
	total = meminfo_field(text, "MemTotal");
	if (total != want_total())
		report(line, "%s: MemTotal %lld kB, not the sandbox's %lld kB", what,
		       total, want_total());
}

#define VIRTUAL_MEMINFO(call) virtual_meminfo_at(__LINE__, #call, (call))

static int body_every_path(void)
{
	static char text[BUF_SIZE];
	int procfd, procpath, rootpath, mpath;
	char path[64];

	if (!CHECK(private_mounts()) ||
	    !CHECK(!mount("tmpfs", WORK, "tmpfs", 0, "mode=0755")))
		return 1;
	CHECK(!mkdir(WORK "/p", 0755) && !mkdir(WORK "/p2", 0755));
	CHECK(!mkdir(WORK "/s", 0755) && !mkdir(WORK "/s2", 0755));
	CHECK(!mkdir(WORK "/t", 0755));
	CHECK(!symlink("/proc/meminfo", WORK "/abs"));
	CHECK(!symlink("../../proc/meminfo", WORK "/rel"));
	CHECK(!symlink(WORK "/abs", WORK "/chain"));
	CHECK(!mount("/proc", WORK "/p", NULL, MS_BIND, NULL));
	CHECK(!mount("proc", WORK "/p2", "proc", 0, NULL));
	CHECK(!mount("/sys", WORK "/s", NULL, MS_BIND, NULL));
	CHECK(!mount("sysfs", WORK "/s2", "sysfs", 0, NULL));
	CHECK(!mount("tmpfs", WORK "/t", "tmpfs", 0, NULL));
	CHECK(put_file(WORK "/t/meminfo", "real\n", 0444));
	CHECK(put_file(WORK "/t/uptime", "real\n", 0444));

	VIRTUAL_MEMINFO(open("/proc/meminfo", O_RDONLY));
	VIRTUAL_MEMINFO(sys_open("/proc/meminfo", O_RDONLY, 0));
	VIRTUAL_MEMINFO(sys_openat2(AT_FDCWD, "/proc/meminfo", O_RDONLY, 0, 0));
	VIRTUAL_MEMINFO(open("/proc/../proc/meminfo", O_RDONLY));
	VIRTUAL_MEMINFO(open("//proc/.//./meminfo", O_RDONLY));
	CHECK(!chdir("/"));
	VIRTUAL_MEMINFO(open("proc/meminfo", O_RDONLY));
	CHECK(!chdir("/proc"));
	VIRTUAL_MEMINFO(open("meminfo", O_RDONLY));
	VIRTUAL_MEMINFO(open("../proc/./meminfo", O_RDONLY));
	VIRTUAL_MEMINFO(open("/proc/self/cwd/meminfo", O_RDONLY));
	CHECK(!chdir("/"));
	VIRTUAL_MEMINFO(open(WORK "/abs", O_RDONLY));
	VIRTUAL_MEMINFO(open(WORK "/rel", O_RDONLY));
	VIRTUAL_MEMINFO(open(WORK "/chain", O_RDONLY));
	procfd = open("/proc", O_RDONLY | O_DIRECTORY);
	procpath = open("/proc", O_PATH);
	rootpath = open("/", O_PATH);
	mpath = open("/proc/meminfo", O_PATH);
	CHECK(procfd >= 0 && procpath >= 0 && rootpath >= 0 && mpath >= 0);
	VIRTUAL_MEMINFO(openat(procfd, "meminfo", O_RDONLY));
	VIRTUAL_MEMINFO(openat(procpath, "meminfo", O_RDONLY));
	VIRTUAL_MEMINFO(openat(procpath, "../proc/meminfo", O_RDONLY));
	VIRTUAL_MEMINFO(openat(rootpath, "proc/meminfo", O_RDONLY));
	VIRTUAL_MEMINFO(sys_openat2(procpath, "meminfo", O_RDONLY, 0, 0));
	snprintf(path, sizeof(path), "/proc/self/fd/%d", mpath);
	VIRTUAL_MEMINFO(open(path, O_RDONLY));
	VIRTUAL_MEMINFO(open("/proc/self/root/proc/meminfo", O_RDONLY));
	VIRTUAL_MEMINFO(open("/proc/thread-self/root/proc/meminfo", O_RDONLY));
	VIRTUAL_MEMINFO(open(WORK "/p/meminfo", O_RDONLY));
	VIRTUAL_MEMINFO(open(WORK "/p2/meminfo", O_RDONLY));
	/* pid 1 of the new procfs is this member. */
	VIRTUAL_MEMINFO(open(WORK "/p2/1/root/proc/meminfo", O_RDONLY));
	VIRTUAL_MEMINFO(open(WORK "/p2/self/root" WORK "/p/meminfo", O_RDONLY));
	/* The other files, through a bind mount and a new procfs. */
	if (CHECK(read_path(WORK "/p2/cpuinfo", text, sizeof(text)) > 0))
		check_cpuinfo(text, want_cpus, want_host_cpus);
	if (CHECK(read_path(WORK "/p/stat", text, sizeof(text)) > 0))
		check_stat(text, want_cpus, want_host_cpus);
	if (CHECK(read_path(WORK "/p2/uptime", text, sizeof(text)) > 0))
		check_uptime(text, want_cpus);
	READS(online_of(want_cpus, want_host_cpus),
	      open("/sys/devices/system/cpu/../cpu/online", O_RDONLY));
	READS(online_of(want_cpus, want_host_cpus),
	      open("/sys/bus/cpu/devices/cpu0/../online", O_RDONLY));
	READS(online_of(want_cpus, want_host_cpus),
	      open(WORK "/s/devices/system/cpu/online", O_RDONLY));
	READS(online_of(want_cpus, want_host_cpus),
	      open(WORK "/s2/devices/system/cpu/online", O_RDONLY));
	/* Files of those names that are not those files. */
	READS("real\n", open(WORK "/t/meminfo", O_RDONLY));
	READS("real\n", open(WORK "/t/uptime", O_RDONLY));
	check_affinity(want_cpus, want_host_cpus);
	/* A process's stat, in the member's own procfs: pid 1. */
	CHECK(read_path(WORK "/p2/self/stat", text, sizeof(text)) > 0);
	CHECK(!strncmp(text, "1 (", 3));
	return fails ? 1 : 0;
}

TEST_F(vfiles, every_path_to_a_virtual_file_leads_to_it)
{
	struct pol p;
	int status;

	pol_init(&p);
	/* One CPU, so that the online list differs from the host's. */
	pol_view(&p, 1, KSENTRY_VFILES_ALL);
	pol_cpu_calls(&p);
	ASSERT_EQ(0, pol_set(self->fd, &p));
	want_cpus = 1;
	want_host_cpus[0] = 0;
	status = run_limited(self->fd, body_every_path);
	EXPECT_TRUE(exited_ok(status))
	{
		TH_LOG("status %#x", status);
	}
	if (!shm->limited)
		SKIP(return, "no cgroup v2 memory controller: MemTotal cannot tell");
}

static const char *const vfile_paths[] = {
	"/proc/meminfo",
	"/proc/cpuinfo",
	"/proc/stat",
	"/proc/uptime",
	"/proc/loadavg",
	"/sys/devices/system/cpu/online",
};

/* A virtual file's descriptor reads and seeks as the real file's. */
static void check_reads(const char *const path)
{
	static char whole[BUF_SIZE], bytes[BUF_SIZE];
	char part[32], c;
	ssize_t len, n;
	struct stat st;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		WRONG("%s: %s", path, strerror(errno));
		return;
	}
	CHECK(!fstat(fd, &st));
	if (!S_ISREG(st.st_mode) || (st.st_mode & 07777) != 0444 ||
	    st.st_size || st.st_uid)
		WRONG("%s: mode %o, size %lld, uid %u", path, st.st_mode,
		      (long long)st.st_size, st.st_uid);
	CHECK(fcntl(fd, F_GETFD) == FD_CLOEXEC);
	CHECK((fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDONLY);
	/* One big read, then nothing more. */
	len = read(fd, whole, sizeof(whole));
	CHECK(len > 0 && len < (ssize_t)sizeof(whole));
	if (len <= 0)
		len = 0;
	CHECK(read(fd, part, sizeof(part)) == 0);
	CHECK(lseek(fd, 0, SEEK_CUR) == len);
	FAILS_WITH(EINVAL, lseek(fd, 0, SEEK_END));
	FAILS_WITH(EINVAL, lseek(fd, -1, SEEK_END));
	FAILS_WITH(EINVAL, lseek(fd, -1, SEEK_SET));
	/* The same bytes, one at a time: one snapshot per open file. */
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	n = 0;
	while (n < (ssize_t)sizeof(bytes) && read(fd, &c, 1) == 1)
		bytes[n++] = c;
	if (n != len || memcmp(whole, bytes, len))
		WRONG("%s: %zd bytes read one by one, %zd at once, not the same",
		      path, n, len);
	/* From the start, from the position, at an offset. */
	if (len >= 30) {
		CHECK(lseek(fd, 5, SEEK_SET) == 5);
		CHECK(read(fd, part, 10) == 10 && !memcmp(part, whole + 5, 10));
		CHECK(lseek(fd, 3, SEEK_CUR) == 18);
		CHECK(read(fd, part, 4) == 4 && !memcmp(part, whole + 18, 4));
		CHECK(pread(fd, part, 20, 7) == 20 && !memcmp(part, whole + 7, 20));
		CHECK(lseek(fd, 0, SEEK_CUR) == 22);
	}
	CHECK(pread(fd, part, sizeof(part), len) == 0);
	CHECK(pread(fd, part, sizeof(part), len + 1000) == 0);
	CHECK(lseek(fd, len + 100, SEEK_SET) == len + 100);
	CHECK(read(fd, part, sizeof(part)) == 0);
	CHECK(lseek(fd, len, SEEK_SET) == len);
	CHECK(read(fd, part, sizeof(part)) == 0);
	/* As the host: a bad buffer, a write to a read-only descriptor. */
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	FAILS_WITH(EFAULT, syscall(__NR_read, fd, 8L, 16L));
	FAILS_WITH(EBADF, write(fd, "x", 1));
	close(fd);
	/* Never opened for writing. */
	FAILS_WITH(EACCES, open(path, O_WRONLY));
	FAILS_WITH(EACCES, open(path, O_RDWR));
	FAILS_WITH(EACCES, open(path, O_RDONLY | O_TRUNC));
	FAILS_WITH(EACCES, open(path, O_WRONLY | O_APPEND));
	FAILS_WITH(EACCES, sys_open(path, O_RDWR, 0));
	FAILS_WITH(EACCES, sys_openat2(AT_FDCWD, path, O_WRONLY, 0, 0));
	FAILS_WITH(EACCES, sys_creat(path, 0644));
	FAILS_WITH(ENOTDIR, open(path, O_RDONLY | O_DIRECTORY));
}

static int body_reads(void)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(vfile_paths); i++)
		check_reads(vfile_paths[i]);
	return fails ? 1 : 0;
}

TEST_F(vfiles, a_virtual_file_reads_and_seeks_as_a_seq_file)
{
	struct pol p;
	int status;

	pol_init(&p);
	pol_view(&p, 0, KSENTRY_VFILES_ALL);
	ASSERT_EQ(0, pol_set(self->fd, &p));
	status = run_member(self->fd, body_reads);
	EXPECT_TRUE(exited_ok(status))
	{
		TH_LOG("status %#x", status);
	}
}

/* Only the files selected in the view are virtual. */
static int body_selected(void)
{
	static char text[BUF_SIZE];

	if (CHECK(read_path("/proc/uptime", text, sizeof(text)) > 0))
		check_uptime(text, 1);
	/* meminfo is the host's: procfs's own file. */
	CHECK(read_path("/proc/meminfo", text, sizeof(text)) > 0);
	CHECK(meminfo_field(text, "MemTotal") == host_total_kb);
	CHECK(is_procfs_file("/proc/meminfo"));
	READS(host_online, open("/sys/devices/system/cpu/online", O_RDONLY));
	return fails ? 1 : 0;
}

TEST_F(vfiles, only_the_selected_files_are_virtual)
{
	struct pol p;
	int status;

	pol_init(&p);
	pol_view(&p, 1, KSENTRY_VFILE_BIT(KSENTRY_VFILE_UPTIME));
	ASSERT_EQ(0, pol_set(self->fd, &p));
	status = run_member(self->fd, body_selected);
	EXPECT_TRUE(exited_ok(status))
	{
		TH_LOG("status %#x", status);
	}
}

static long module_refs(void)
{
	char text[32];

	if (read_path(KSENTRY_SYSFS_MODULE "/refcnt", text, sizeof(text)) <= 0)
		return -1;
	return strtol(text, NULL, 10);
}

#define NR_HELD 100

/* Open and close virtual files, keep NR_HELD open, then close them. */
static int body_refs(void)
{
	static int fds[NR_HELD];
	int i;

	if (!hear(go_pipe[0]))
		return 2;
	for (i = 0; i < NR_HELD; i++)
		close(open(vfile_paths[i % ARRAY_SIZE(vfile_paths)], O_RDONLY));
	for (i = 0; i < NR_HELD; i++) {
		fds[i] = open(vfile_paths[i % ARRAY_SIZE(vfile_paths)], O_RDONLY);
		CHECK(fds[i] >= 0);
	}
	if (!tell(done_pipe[1]) || !hear(go_pipe[0]))
		return 2;
	for (i = 0; i < NR_HELD; i++)
		close(fds[i]);
	return tell(done_pipe[1]) && !fails ? 0 : 1;
}

/*
 * An open virtual file holds the module, a closed one no longer.  The
 * sandboxes of the tests before are freed by a work item, each dropping a
 * reference whenever it runs: the bounds leave room for a few of them.
 */
TEST_F(vfiles, virtual_files_hold_the_module_while_open)
{
	long before, held, after;
	struct pol p;
	pid_t pid;

	pol_init(&p);
	pol_view(&p, 0, KSENTRY_VFILES_ALL);
	ASSERT_EQ(0, pol_set(self->fd, &p));
	ASSERT_TRUE(open_pipes());
	pid = start_member(self->fd, body_refs);
	ASSERT_LT(0, pid);
	before = module_refs();
	ASSERT_TRUE(tell(go_pipe[1]));
	ASSERT_TRUE(hear(done_pipe[0]));
	held = module_refs();
	ASSERT_TRUE(tell(go_pipe[1]));
	ASSERT_TRUE(hear(done_pipe[0]));
	after = module_refs();
	EXPECT_TRUE(exited_ok(wait_member(pid)));
	close_pipes();
	TH_LOG("module references: %ld, %ld with %d virtual files open, %ld after",
	       before, held, NR_HELD, after);
	EXPECT_LT(0, before);
	EXPECT_LT(before + NR_HELD / 2, held);
	EXPECT_LT(after + NR_HELD / 2, held);
	EXPECT_LT(before - NR_HELD / 2, after);
}

/* Path rules. */

#define P_DENIED ROOT "/open/denied"
#define P_ALLOWED ROOT "/open/allowed"
#define P_HARD ROOT "/open/hard"
#define P_LINK ROOT "/link"
#define P_LINK_ALLOWED ROOT "/link-allowed"
#define P_BIND ROOT "/bind"
#define P_BENEATH ROOT "/beneath"
#define P_WRONLY ROOT "/wronly"
#define P_NOCREATE ROOT "/nocreate"
#define P_CREATE ROOT "/create"
#define P_SH ROOT "/bin/sh"
#define P_TRUE ROOT "/deny/true"
#define P_TRUE_HARD ROOT "/deny/hard"
#define P_TRUE_SYM ROOT "/deny/sym"
#define P_TRUE_KILL ROOT "/deny/kill"
#define P_SCRIPT_OK ROOT "/script-ok"
#define P_SCRIPT_DENIED ROOT "/script-denied"
#define P_SCRIPT_BAD ROOT "/script-badinterp"
#define P_FAKE ROOT "/fake-meminfo"
#define P_RACE_A ROOT "/race/fileA"
#define P_RACE_D ROOT "/race/fileD"
#define P_PLAIN ROOT "/plain"
#define P_KILL ROOT "/open/kill"
#define P_FAKE_ONLINE ROOT "/fake-online"
#define P_INTERP ROOT "/deny/interp"
#define P_INTERP_USER ROOT "/interp-user"
#define P_INTERP_OK ROOT "/interp-ok"
#define P_INTERP_OK_USER ROOT "/interp-ok-user"

#define BUSYBOX "/bin/busybox"

/* The rules on opens, tried in this order. */
static const struct {
	const char *path;
	__u32 flags;
	__u32 access;
	__u32 action;
} open_rules[] = {
	/* Before the rule on its directory: the first match decides. */
	{ P_BENEATH "/ok", 0, ACCESS_RW, KSENTRY_ACT_ALLOW },
	{ P_DENIED, 0, KSENTRY_ACCESS_READ, KSENTRY_ACT_ERRNO_OF(EACCES) },
	{ P_BENEATH, KSENTRY_PATH_BENEATH, ACCESS_RW, KSENTRY_ACT_ERRNO_OF(EPERM) },
	{ P_WRONLY, 0, KSENTRY_ACCESS_WRITE, KSENTRY_ACT_ERRNO_OF(EROFS) },
	{ P_NOCREATE, KSENTRY_PATH_BENEATH, KSENTRY_ACCESS_WRITE,
	  KSENTRY_ACT_ERRNO_OF(EDQUOT) },
	{ P_FAKE, 0, KSENTRY_ACCESS_READ,
	  KSENTRY_ACT_EMULATE_OF(KSENTRY_VFILE_MEMINFO) },
	{ P_RACE_D, 0, KSENTRY_ACCESS_READ, KSENTRY_ACT_ERRNO_OF(EACCES) },
	/* Without KSENTRY_PATH_BENEATH, a directory's rule is on it alone. */
	{ P_PLAIN, 0, KSENTRY_ACCESS_READ, KSENTRY_ACT_ERRNO_OF(ENOMSG) },
	{ P_KILL, 0, KSENTRY_ACCESS_READ, KSENTRY_ACT_KILL_PROCESS },
	{ P_FAKE_ONLINE, 0, KSENTRY_ACCESS_READ,
	  KSENTRY_ACT_EMULATE_OF(KSENTRY_VFILE_CPU_ONLINE) },
};

/* The rules on exec, with errnos no exec gives otherwise. */
static const struct {
	const char *path;
	__u32 action;
} exec_rules[] = {
	{ P_TRUE, KSENTRY_ACT_ERRNO_OF(EKEYREJECTED) },
	{ P_SCRIPT_DENIED, KSENTRY_ACT_ERRNO_OF(EKEYREVOKED) },
	{ P_TRUE_KILL, KSENTRY_ACT_KILL_PROCESS },
	{ P_INTERP, KSENTRY_ACT_ERRNO_OF(ENOKEY) },
};

/*
 * A minimal x86-64 ELF that exits with @code: ET_DYN, one PT_LOAD of the
 * whole file, a page (6.1 zeroes the rest of an interpreter's last page,
 * which a read-only segment would not allow), after a PT_INTERP naming
 * @interp when it is not NULL (the kernel then runs @interp, which exits
 * with its own code).
 */
static bool put_elf(const char *const path, const char *const interp,
		    const unsigned char code)
{
	/* mov $code, %edi; mov $60, %eax; syscall */
	const unsigned char text[] = {
		0xbf, code, 0, 0, 0, 0xb8, 60, 0, 0, 0, 0x0f, 0x05,
	};
	static unsigned char buf[PAGE];
	struct elf64_hdr *const eh = (void *)buf;
	struct elf64_phdr *ph = (void *)(buf + sizeof(*eh));
	size_t off = sizeof(*eh) + (interp ? 2 : 1) * sizeof(*ph), len;
	int fd;
	bool ok;

	memset(buf, 0, sizeof(buf));
	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS64;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_type = ET_DYN;
	eh->e_machine = EM_X86_64;
	eh->e_version = EV_CURRENT;
	eh->e_phoff = sizeof(*eh);
	eh->e_ehsize = sizeof(*eh);
	eh->e_phentsize = sizeof(*ph);
	eh->e_phnum = interp ? 2 : 1;
	if (interp) {
		len = strlen(interp) + 1;
		ph->p_type = PT_INTERP;
		ph->p_offset = off;
		ph->p_vaddr = off;
		ph->p_filesz = len;
		ph->p_memsz = len;
		ph->p_flags = PF_R;
		ph->p_align = 1;
		memcpy(buf + off, interp, len);
		off += len;
		ph++;
	}
	eh->e_entry = off;
	memcpy(buf + off, text, sizeof(text));
	off = PAGE;
	ph->p_type = PT_LOAD;
	ph->p_filesz = off;
	ph->p_memsz = off;
	ph->p_flags = PF_R | PF_X;
	ph->p_align = 0x1000;
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0755);
	if (fd < 0)
		return false;
	ok = write(fd, buf, off) == (ssize_t)off;
	return !close(fd) && ok;
}

/* Add a rule on @path; false if it cannot be opened. */
static bool pol_path_of(struct pol *const p, const char *const path,
			const __u32 flags, const __u32 access,
			const __u32 action)
{
	const int fd = open(path, O_PATH | O_CLOEXEC);

	if (fd < 0)
		return false;
	pol_path(p, fd, flags, access, action);
	return true;
}

static void pol_close_paths(struct pol *const p)
{
	__u32 i;

	for (i = 0; i < p->attr.nr_path_rules; i++)
		close(p->paths[i].fd);
}

/* The rules on opens, and on exec too with @exec. */
static bool pol_paths(struct pol *const p, const bool exec)
{
	size_t i;
	bool ok = true;

	pol_init(p);
	for (i = 0; i < ARRAY_SIZE(open_rules); i++)
		ok &= pol_path_of(p, open_rules[i].path, open_rules[i].flags,
				  open_rules[i].access, open_rules[i].action);
	for (i = 0; exec && i < ARRAY_SIZE(exec_rules); i++)
		ok &= pol_path_of(p, exec_rules[i].path, 0, KSENTRY_ACCESS_EXEC,
				  exec_rules[i].action);
	return ok;
}

/*
 * Install the path policy, and close the rules' descriptors: the policy
 * keeps the objects, not the descriptors.  0, SET_POLICY's errno, or -1
 * if a rule's file cannot be opened.
 */
static int set_paths_policy(const int sandbox, const bool exec)
{
	struct pol p;
	int err;

	if (!pol_paths(&p, exec))
		return -1;
	err = pol_err(sandbox, &p);
	pol_close_paths(&p);
	return err;
}

static bool have_busybox;

FIXTURE(paths) {
	int fd;
};

FIXTURE_SETUP(paths)
{
	static const char *const dirs[] = {
		"/open", "/bind", "/beneath", "/beneath/sub", "/beneath/m",
		"/nocreate", "/create", "/bin", "/deny", "/race", "/plain",
	};
	static const struct {
		const char *path;
		const char *text;
	} files[] = {
		{ P_DENIED, "denied\n" },
		{ P_ALLOWED, "allowed\n" },
		{ P_BENEATH "/f", "f\n" },
		{ P_BENEATH "/sub/g", "g\n" },
		{ P_BENEATH "/ok", "ok\n" },
		{ P_WRONLY, "keep\n" },
		{ P_NOCREATE "/existing", "there\n" },
		{ P_FAKE, "not meminfo\n" },
		{ P_RACE_A, "A\n" },
		{ P_RACE_D, "D\n" },
		{ P_PLAIN "/inside", "inside\n" },
		{ P_KILL, "kill\n" },
		{ P_FAKE_ONLINE, "not online\n" },
	};
	char path[256];
	size_t i;

	shm = map_shared();
	ASSERT_NE(NULL, shm);
	ASSERT_LT(0, read_path("/proc/meminfo", host_meminfo, sizeof(host_meminfo)));
	host_total_kb = meminfo_field(host_meminfo, "MemTotal");
	ASSERT_LT(0, read_path("/sys/devices/system/cpu/online", host_online,
			       sizeof(host_online)));
	ASSERT_TRUE(private_mounts());
	if (mkdir(ROOT, 0755))
		ASSERT_EQ(EEXIST, errno);
	ASSERT_EQ(0, mount("tmpfs", ROOT, "tmpfs", 0, "mode=0755"));
	for (i = 0; i < ARRAY_SIZE(dirs); i++) {
		snprintf(path, sizeof(path), ROOT "%s", dirs[i]);
		ASSERT_EQ(0, mkdir(path, 0755));
	}
	for (i = 0; i < ARRAY_SIZE(files); i++)
		ASSERT_TRUE(put_file(files[i].path, files[i].text, 0644));
	ASSERT_EQ(0, link(P_DENIED, P_HARD));
	ASSERT_EQ(0, symlink("open/denied", P_LINK));
	ASSERT_EQ(0, symlink("open/allowed", P_LINK_ALLOWED));
	have_busybox = !access(BUSYBOX, X_OK);
	if (have_busybox) {
		ASSERT_TRUE(copy_file(BUSYBOX, P_SH, 0755));
		ASSERT_TRUE(copy_file(BUSYBOX, P_TRUE, 0755));
		ASSERT_TRUE(copy_file(BUSYBOX, P_TRUE_KILL, 0755));
	} else {
		ASSERT_TRUE(put_file(P_SH, "", 0755));
		ASSERT_TRUE(put_file(P_TRUE, "", 0755));
		ASSERT_TRUE(put_file(P_TRUE_KILL, "", 0755));
	}
	ASSERT_EQ(0, link(P_TRUE, P_TRUE_HARD));
	ASSERT_EQ(0, symlink(P_TRUE, P_TRUE_SYM));
	ASSERT_TRUE(put_file(P_SCRIPT_OK, "#!" P_SH "\nexit 7\n", 0755));
	ASSERT_TRUE(put_file(P_SCRIPT_DENIED, "#!" P_SH "\nexit 7\n", 0755));
	ASSERT_TRUE(put_file(P_SCRIPT_BAD, "#!" P_TRUE "\n", 0755));
	/* Programs whose ELF interpreter is refused, or not. */
	ASSERT_TRUE(put_elf(P_INTERP, NULL, 42));
	ASSERT_TRUE(put_elf(P_INTERP_USER, P_INTERP, 7));
	ASSERT_TRUE(put_elf(P_INTERP_OK, NULL, 43));
	ASSERT_TRUE(put_elf(P_INTERP_OK_USER, P_INTERP_OK, 7));
	self->fd = sandbox_create();
	ASSERT_LE(0, self->fd);
}

FIXTURE_TEARDOWN(paths)
{
	close(self->fd);
	if (inherited_fd >= 0)
		close(inherited_fd);
	inherited_fd = -1;
	umount2(ROOT, MNT_DETACH);
	rmdir(ROOT);
	munmap(shm, sizeof(*shm));
}

static int body_denied(void)
{
	char path[64];
	int dfd, pfd;
	long fd;

	FAILS_WITH(EACCES, open(P_DENIED, O_RDONLY));
	FAILS_WITH(EACCES, open(P_DENIED, O_RDWR));
	FAILS_WITH(EACCES, open(P_DENIED, O_PATH));
	FAILS_WITH(EACCES, sys_open(P_DENIED, O_RDONLY, 0));
	FAILS_WITH(EACCES, sys_openat2(AT_FDCWD, P_DENIED, O_RDONLY, 0, 0));
	FAILS_WITH(EACCES, open(ROOT "/open/../open/./denied", O_RDONLY));
	FAILS_WITH(EACCES, open(P_LINK, O_RDONLY));
	FAILS_WITH(EACCES, open(P_HARD, O_RDONLY));
	CHECK(!chdir(ROOT "/open"));
	FAILS_WITH(EACCES, open("denied", O_RDONLY));
	FAILS_WITH(EACCES, open("../link", O_RDONLY));
	FAILS_WITH(EACCES, open("/proc/self/cwd/denied", O_RDONLY));
	dfd = open(ROOT "/open", O_RDONLY | O_DIRECTORY);
	pfd = open(ROOT, O_PATH);
	CHECK(dfd >= 0 && pfd >= 0);
	FAILS_WITH(EACCES, openat(dfd, "denied", O_RDONLY));
	FAILS_WITH(EACCES, openat(pfd, "open/denied", O_RDONLY));
	FAILS_WITH(EACCES, openat(pfd, "link", O_RDONLY));
	FAILS_WITH(EACCES, sys_openat2(pfd, "link", O_RDONLY, 0, 0));
	FAILS_WITH(EACCES, open("/proc/self/root" P_DENIED, O_RDONLY));
	/* A descriptor the parent opened before the member started. */
	snprintf(path, sizeof(path), "/proc/self/fd/%d", inherited_fd);
	FAILS_WITH(EACCES, open(path, O_RDONLY));
	/* A bind mount of its directory. */
	CHECK(private_mounts());
	CHECK(!mount(ROOT "/open", P_BIND, NULL, MS_BIND, NULL));
	FAILS_WITH(EACCES, open(P_BIND "/denied", O_RDONLY));
	FAILS_WITH(EACCES, open(P_BIND "/hard", O_RDONLY));
	/* The other file of the directory, however named. */
	READS("allowed\n", open(P_ALLOWED, O_RDONLY));
	READS("allowed\n", open("allowed", O_RDONLY));
	READS("allowed\n", openat(dfd, "allowed", O_RDONLY));
	READS("allowed\n", openat(pfd, "link-allowed", O_RDONLY));
	READS("allowed\n", open(P_BIND "/allowed", O_RDONLY));
	READS("allowed\n", sys_open(P_LINK_ALLOWED, O_RDONLY, 0));
	READS("allowed\n", sys_openat2(dfd, "allowed", O_RDONLY, 0, 0));
	/* The symlink itself is another object. */
	fd = open(P_LINK, O_PATH | O_NOFOLLOW);
	CHECK(fd >= 0);
	close(fd);
	/* The rule is on reading only. */
	fd = open(P_DENIED, O_WRONLY);
	CHECK(fd >= 0);
	close(fd);
	close(dfd);
	close(pfd);
	return fails ? 1 : 0;
}

TEST_F(paths, a_denied_file_by_any_name)
{
	int status;

	ASSERT_EQ(0, set_paths_policy(self->fd, false));
	inherited_fd = open(P_DENIED, O_PATH);
	ASSERT_LE(0, inherited_fd);
	status = run_member(self->fd, body_denied);
	EXPECT_TRUE(exited_ok(status))
	{
		TH_LOG("status %#x", status);
	}
}

static void *open_kill(void *const arg)
{
	close(open(P_KILL, O_RDONLY));
	return arg;
}

/* The child's wait status after one of its threads opens P_KILL. */
static int opened_kill_in_a_thread(void)
{
	pthread_t thread;
	int status;
	pid_t pid;

	pid = fork();
	if (pid == 0) {
		if (pthread_create(&thread, NULL, open_kill, NULL))
			_exit(2);
		pthread_join(thread, NULL);
		/* Only the thread went: the rule is on the process. */
		_exit(3);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

static int body_other_actions(void)
{
	static char want[16];
	int status;
	long fd;
	pid_t pid;

	/* A directory's rule without KSENTRY_PATH_BENEATH: it alone. */
	FAILS_WITH(ENOMSG, open(P_PLAIN, O_RDONLY | O_DIRECTORY));
	FAILS_WITH(ENOMSG, open(P_PLAIN, O_PATH));
	FAILS_WITH(ENOMSG, open(P_PLAIN "/.", O_RDONLY));
	READS("inside\n", open(P_PLAIN "/inside", O_RDONLY));
	fd = open(P_PLAIN "/new", O_WRONLY | O_CREAT | O_EXCL, 0644);
	CHECK(fd >= 0);
	close(fd);
	CHECK(!chdir(P_PLAIN));
	READS("inside\n", open("inside", O_RDONLY));
	FAILS_WITH(ENOMSG, open(".", O_RDONLY));
	CHECK(!chdir("/"));
	/* An EMULATE rule serves the virtual file it names. */
	snprintf(want, sizeof(want), nprocs > 1 ? "0-%d\n" : "0\n", nprocs - 1);
	READS(want, open(P_FAKE_ONLINE, O_RDONLY));
	READS(want, open("/sys/devices/system/cpu/online", O_RDONLY));
	/* KILL_PROCESS: the opener dies, a thread takes its process along. */
	pid = fork();
	if (pid == 0) {
		close(open(P_KILL, O_RDONLY));
		_exit(3);
	}
	CHECK(pid > 0 && waitpid(pid, &status, 0) == pid);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	status = opened_kill_in_a_thread();
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	/* Writing is not what it is on. */
	fd = open(P_KILL, O_WRONLY);
	CHECK(fd >= 0);
	close(fd);
	return fails ? 1 : 0;
}

TEST_F(paths, other_actions_and_a_plain_directory_rule)
{
	int status;

	nprocs = get_nprocs();
	ASSERT_EQ(0, set_paths_policy(self->fd, false));
	status = run_member(self->fd, body_other_actions);
	EXPECT_TRUE(exited_ok(status))
	{
		TH_LOG("status %#x", status);
	}
}

static int body_beneath(void)
{
	FAILS_WITH(EPERM, open(P_BENEATH "/f", O_RDONLY));
	FAILS_WITH(EPERM, open(P_BENEATH "/f", O_WRONLY));
	FAILS_WITH(EPERM, open(P_BENEATH "/sub/g", O_RDONLY));
	FAILS_WITH(EPERM, open(P_BENEATH "/sub", O_RDONLY | O_DIRECTORY));
	FAILS_WITH(EPERM, open(P_BENEATH "/sub", O_PATH));
	FAILS_WITH(EPERM, open(P_BENEATH, O_RDONLY | O_DIRECTORY));
	FAILS_WITH(EPERM, open(P_BENEATH "/new", O_WRONLY | O_CREAT, 0644));
	CHECK(access(P_BENEATH "/new", F_OK) == -1 && errno == ENOENT);
	/* The rule before the directory's. */
	READS("ok\n", open(P_BENEATH "/ok", O_RDONLY));
	/* chdir() is no open. */
	CHECK(!chdir(P_BENEATH "/sub"));
	FAILS_WITH(EPERM, open("g", O_RDONLY));
	FAILS_WITH(EPERM, open("../f", O_RDONLY));
	FAILS_WITH(EPERM, open(".", O_RDONLY | O_DIRECTORY));
	READS("ok\n", open("../ok", O_RDONLY));
	CHECK(!chdir("/"));
	/* A bind mount of the subdirectory. */
	CHECK(private_mounts());
	CHECK(!mount(P_BENEATH "/sub", P_BIND, NULL, MS_BIND, NULL));
	FAILS_WITH(EPERM, open(P_BIND "/g", O_RDONLY));
	FAILS_WITH(EPERM, open(P_BIND, O_RDONLY | O_DIRECTORY));
	/* Another filesystem mounted beneath is not the directory's. */
	CHECK(!mount("tmpfs", P_BENEATH "/m", "tmpfs", 0, NULL));
	CHECK(put_file(P_BENEATH "/m/x", "x\n", 0644));
	READS("x\n", open(P_BENEATH "/m/x", O_RDONLY));
	READS("allowed\n", open(P_ALLOWED, O_RDONLY));
	return fails ? 1 : 0;
}

TEST_F(paths, a_directory_and_what_is_beneath_it)
{
	int status;

	ASSERT_EQ(0, set_paths_policy(self->fd, false));
	status = run_member(self->fd, body_beneath);
	EXPECT_TRUE(exited_ok(status))
	{
		TH_LOG("status %#x", status);
	}
}

static int body_write_only(void)
{
	struct stat st;
	long fd;

	READS("keep\n", open(P_WRONLY, O_RDONLY));
	FAILS_WITH(EROFS, open(P_WRONLY, O_WRONLY));
	FAILS_WITH(EROFS, open(P_WRONLY, O_RDWR));
	FAILS_WITH(EROFS, open(P_WRONLY, O_RDONLY | O_TRUNC));
	FAILS_WITH(EROFS, open(P_WRONLY, O_WRONLY | O_APPEND));
	FAILS_WITH(EROFS, open(P_WRONLY, O_WRONLY | O_CREAT, 0644));
	FAILS_WITH(EROFS, creat(P_WRONLY, 0644));
	FAILS_WITH(EROFS, sys_creat(P_WRONLY, 0644));
	FAILS_WITH(EROFS, sys_open(P_WRONLY, O_RDWR, 0));
	FAILS_WITH(EROFS, sys_openat2(AT_FDCWD, P_WRONLY, O_WRONLY | O_TRUNC, 0, 0));
	/* Nothing was truncated. */
	CHECK(!stat(P_WRONLY, &st) && st.st_size == 5);
	READS("keep\n", sys_openat2(AT_FDCWD, P_WRONLY, O_RDONLY, 0, 0));
	fd = open(P_WRONLY, O_PATH);
	CHECK(fd >= 0);
	close(fd);
	return fails ? 1 : 0;
}

TEST_F(paths, a_write_rule_lets_reads_through)
{
	int status;

	ASSERT_EQ(0, set_paths_policy(self->fd, false));
	status = run_member(self->fd, body_write_only);
	EXPECT_TRUE(exited_ok(status))
	{
		TH_LOG("status %#x", status);
	}
}

/* @fd was just created at @path with @mode: an empty file of root's. */
static void check_created_at(const int line, const long fd,
			     const char *const path, const mode_t mode)
{
	struct stat st, by_name;

	if (fd < 0) {
		report(line, "%s not created: %s", path, strerror(errno));
		return;
	}
	if (fstat(fd, &st) || stat(path, &by_name) || st.st_ino != by_name.st_ino ||
	    !S_ISREG(st.st_mode) || (st.st_mode & 07777) != mode ||
	    st.st_size || st.st_uid || st.st_nlink != 1)
		report(line, "%s: mode %o, size %lld, uid %u, links %lu; expected mode %o",
		       path, st.st_mode, (long long)st.st_size, st.st_uid,
		       (unsigned long)st.st_nlink, mode);
	if (write(fd, "data", 4) != 4)
		report(line, "%s: write: %s", path, strerror(errno));
	close(fd);
}

#define CREATED(fd, path, mode) check_created_at(__LINE__, (fd), (path), (mode))

static bool absent(const char *const path)
{
	return access(path, F_OK) == -1 && errno == ENOENT;
}

static int body_creation(void)
{
	struct stat st;
	int dfd;
	long fd;

	umask(022);
	/* A directory where nothing is written: nothing is created. */
	FAILS_WITH(EDQUOT, open(P_NOCREATE "/new", O_WRONLY | O_CREAT, 0644));
	FAILS_WITH(EDQUOT, open(P_NOCREATE "/new", O_RDONLY | O_CREAT | O_EXCL, 0644));
	FAILS_WITH(EDQUOT, creat(P_NOCREATE "/new", 0644));
	FAILS_WITH(EDQUOT, sys_creat(P_NOCREATE "/new", 0644));
	FAILS_WITH(EDQUOT, sys_open(P_NOCREATE "/new", O_RDWR | O_CREAT, 0644));
	FAILS_WITH(EDQUOT, sys_openat2(AT_FDCWD, P_NOCREATE "/new", O_RDWR | O_CREAT, 0600, 0));
	FAILS_WITH(EDQUOT, open(P_NOCREATE, O_TMPFILE | O_RDWR, 0600));
	CHECK(!chdir(P_NOCREATE));
	FAILS_WITH(EDQUOT, open("new", O_WRONLY | O_CREAT, 0644));
	CHECK(!chdir("/"));
	/* mkdir() is no open; what is created beneath is decided the same. */
	CHECK(!mkdir(P_NOCREATE "/d", 0755));
	FAILS_WITH(EDQUOT, open(P_NOCREATE "/d/new", O_WRONLY | O_CREAT, 0644));
	CHECK(absent(P_NOCREATE "/new"));
	CHECK(absent(P_NOCREATE "/d/new"));
	READS("there\n", open(P_NOCREATE "/existing", O_RDONLY));
	FAILS_WITH(EDQUOT, open(P_NOCREATE "/existing", O_WRONLY));

	/* An allowed directory: created with the mode, less the umask. */
	CREATED(creat(P_CREATE "/a", 0666), P_CREATE "/a", 0644);
	CREATED(sys_creat(P_CREATE "/b", 0777), P_CREATE "/b", 0755);
	umask(027);
	CREATED(open(P_CREATE "/c", O_WRONLY | O_CREAT | O_EXCL, 0777), P_CREATE "/c", 0750);
	umask(0);
	CREATED(sys_openat2(AT_FDCWD, P_CREATE "/d", O_RDWR | O_CREAT, 0604, 0),
		P_CREATE "/d", 0604);
	umask(077);
	CREATED(sys_open(P_CREATE "/e", O_RDWR | O_CREAT, 0666), P_CREATE "/e", 0600);
	umask(022);
	dfd = open(P_CREATE, O_RDONLY | O_DIRECTORY);
	CHECK(dfd >= 0);
	CREATED(openat(dfd, "f", O_WRONLY | O_CREAT, 0640), P_CREATE "/f", 0640);
	CHECK(!chdir(P_CREATE));
	CREATED(open("g", O_WRONLY | O_CREAT, 0666), P_CREATE "/g", 0644);
	CHECK(!chdir("/"));
	/* Existing files: O_EXCL refuses, creat() truncates. */
	FAILS_WITH(EEXIST, open(P_CREATE "/a", O_WRONLY | O_CREAT | O_EXCL, 0644));
	CHECK(!stat(P_CREATE "/a", &st) && st.st_size == 4);
	fd = creat(P_CREATE "/a", 0600);
	CHECK(fd >= 0);
	close(fd);
	CHECK(!stat(P_CREATE "/a", &st) && st.st_size == 0 &&
	      (st.st_mode & 07777) == 0644);
	/* An unnamed file in an allowed directory. */
	fd = open(P_CREATE, O_TMPFILE | O_RDWR, 0640);
	CHECK(fd >= 0 && !fstat(fd, &st) && S_ISREG(st.st_mode) &&
	      st.st_nlink == 0 && (st.st_mode & 07777) == 0640);
	if (fd >= 0)
		close(fd);
	close(dfd);
	return fails ? 1 : 0;
}

TEST_F(paths, files_created_where_allowed_only)
{
	int status;

	ASSERT_EQ(0, set_paths_policy(self->fd, false));
	status = run_member(self->fd, body_creation);
	EXPECT_TRUE(exited_ok(status))
	{
		TH_LOG("status %#x", status);
	}
	/* As the member left them. */
	EXPECT_EQ(-1, access(P_NOCREATE "/new", F_OK));
	EXPECT_EQ(0, access(P_CREATE "/g", F_OK));
}

/*
 * Run @path in a child, as execve() or, with @fd >= 0, as execveat(@fd,
 * "", AT_EMPTY_PATH).  *@err is the exec's errno, 0 once it ran (or the
 * child died); returns the child's wait status, or -1.
 */
static int try_exec(const char *const path, const int fd,
		    char *const argv[], int *const err)
{
	char *const envp[] = { "PATH=/bin", NULL };
	int pipefd[2], status, e = 0;
	pid_t pid;

	*err = -1;
	if (pipe2(pipefd, O_CLOEXEC))
		return -1;
	pid = fork();
	if (pid == 0) {
		close(pipefd[0]);
		if (fd >= 0)
			syscall(__NR_execveat, fd, "", argv, envp, AT_EMPTY_PATH);
		else
			execve(path, argv, envp);
		e = errno;
		_exit(write(pipefd[1], &e, sizeof(e)) == sizeof(e) ? 99 : 98);
	}
	close(pipefd[1]);
	if (pid > 0 && read(pipefd[0], &e, sizeof(e)) != sizeof(e))
		e = 0;
	close(pipefd[0]);
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	*err = e;
	return status;
}

static void exec_gives_at(const int line, const char *const path, const int fd,
			  const int want_err, const int want_status)
{
	char *const argv[] = { "true", NULL };
	int err, status;

	status = try_exec(path, fd, argv, &err);
	if (err != want_err || (!err && !(WIFEXITED(status) &&
					  WEXITSTATUS(status) == want_status)))
		report(line, "exec of %s (fd %d): errno %d, wait status %#x; not %d, %d",
		       path, fd, err, status, want_err, want_status);
}

#define EXEC_FAILS(err, path) exec_gives_at(__LINE__, (path), -1, (err), 0)
#define EXEC_RUNS(status, path) exec_gives_at(__LINE__, (path), -1, 0, (status))

static int body_exec(void)
{
	char *const argv_true[] = { "true", NULL };
	char *const envp[] = { NULL };
	char *const argv_sh[] = { "sh", "-c", "exit 3", NULL };
	char path[64], elf[4];
	int err, status, fd;

	EXEC_FAILS(EKEYREJECTED, P_TRUE);
	EXEC_FAILS(EKEYREJECTED, P_TRUE_HARD);
	EXEC_FAILS(EKEYREJECTED, P_TRUE_SYM);
	fd = open(P_TRUE, O_PATH | O_CLOEXEC);
	CHECK(fd >= 0);
	exec_gives_at(__LINE__, "execveat", fd, EKEYREJECTED, 0);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	EXEC_FAILS(EKEYREJECTED, path);
	close(fd);
	/* The allowed copy of the same program runs. */
	status = try_exec(P_SH, -1, argv_sh, &err);
	CHECK(err == 0 && WIFEXITED(status) && WEXITSTATUS(status) == 3);
	/* A KILL_PROCESS rule: the exec kills the caller. */
	status = try_exec(P_TRUE_KILL, -1, argv_true, &err);
	CHECK(err == 0 && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	EXEC_RUNS(7, P_SCRIPT_OK);
	/* A script whose interpreter is allowed, but not the script. */
	EXEC_FAILS(EKEYREVOKED, P_SCRIPT_DENIED);
	/* A script allowed, whose interpreter is not. */
	EXEC_FAILS(EKEYREJECTED, P_SCRIPT_BAD);
	/* A program allowed, whose ELF interpreter (PT_INTERP) is not. */
	EXEC_RUNS(43, P_INTERP_OK_USER);
	EXEC_FAILS(ENOKEY, P_INTERP);
	EXEC_FAILS(ENOKEY, P_INTERP_USER);
	/* In the member itself: the exec fails, and the member goes on. */
	FAILS_WITH(EKEYREJECTED, execve(P_TRUE, argv_true, envp));
	FAILS_WITH(EKEYREVOKED, execve(P_SCRIPT_DENIED, argv_true, envp));
	/* Reading the program is not running it. */
	fd = open(P_TRUE, O_RDONLY);
	CHECK(fd >= 0 && read(fd, elf, 4) == 4 && !memcmp(elf, "\177ELF", 4));
	close(fd);
	return fails ? 1 : 0;
}

TEST_F(paths, exec_rules_refuse_the_file_the_kernel_loads)
{
	int status, err;

	if (!have_busybox)
		SKIP(return, "no " BUSYBOX " to copy");
	err = set_paths_policy(self->fd, true);
	if (err == EOPNOTSUPP)
		SKIP(return, "no security_bprm_check() in this kernel: exec rules refused");
	ASSERT_EQ(0, err);
	status = run_member(self->fd, body_exec);
	EXPECT_TRUE(exited_ok(status))
	{
		TH_LOG("status %#x", status);
	}
}

/* An allow-list: each access refused unless a rule allows it. */
#define DEFAULT_READ KSENTRY_ACT_ERRNO_OF(EACCES)
#define DEFAULT_WRITE KSENTRY_ACT_ERRNO_OF(EROFS)
#define DEFAULT_EXEC KSENTRY_ACT_ERRNO_OF(EKEYEXPIRED)

static bool pol_allow_list(struct pol *const p)
{
	bool ok;

	pol_init(p);
	p->attr.path_default_read = DEFAULT_READ;
	p->attr.path_default_write = DEFAULT_WRITE;
	p->attr.path_default_exec = DEFAULT_EXEC;
	ok = pol_path_of(p, ROOT "/open", KSENTRY_PATH_BENEATH,
			 KSENTRY_ACCESS_READ, KSENTRY_ACT_ALLOW);
	ok &= pol_path_of(p, P_CREATE, KSENTRY_PATH_BENEATH,
			  ACCESS_RW, KSENTRY_ACT_ALLOW);
	ok &= pol_path_of(p, P_SH, 0, KSENTRY_ACCESS_EXEC, KSENTRY_ACT_ALLOW);
	ok &= pol_path_of(p, P_INTERP_OK_USER, 0, KSENTRY_ACCESS_EXEC,
			  KSENTRY_ACT_ALLOW);
	return ok;
}

/* A copy of @path in a memfd, or -1. */
static int memfd_copy(const char *const path)
{
	const int fd = memfd_create("copy", MFD_CLOEXEC);
	const int from = open(path, O_RDONLY | O_CLOEXEC);
	char buf[4096];
	ssize_t n = 0;

	while (fd >= 0 && from >= 0 && (n = read(from, buf, sizeof(buf))) > 0)
		if (write(fd, buf, n) != n)
			break;
	if (from >= 0)
		close(from);
	if (fd >= 0 && (n || from < 0)) {
		close(fd);
		return -1;
	}
	return fd;
}

static int body_allow_list(void)
{
	char *const argv_sh[] = { "sh", "-c", "exit 3", NULL };
	int err, status, fd;

	READS("allowed\n", open(P_ALLOWED, O_RDONLY));
	READS("denied\n", open(P_DENIED, O_RDONLY));
	/* Beside the allowed directory, and on other filesystems. */
	FAILS_WITH(EACCES, open(P_BENEATH "/f", O_RDONLY));
	FAILS_WITH(EACCES, open(P_BENEATH, O_PATH));
	FAILS_WITH(EACCES, open("/proc/self/status", O_RDONLY));
	FAILS_WITH(EACCES, open("/", O_RDONLY | O_DIRECTORY));
	/* Allowed for reading is not allowed for writing. */
	FAILS_WITH(EROFS, open(P_ALLOWED, O_WRONLY));
	FAILS_WITH(EROFS, open(P_ALLOWED, O_RDWR));
	FAILS_WITH(EROFS, open(P_ALLOWED, O_RDONLY | O_TRUNC));
	FAILS_WITH(EROFS, open(ROOT "/open/new", O_WRONLY | O_CREAT, 0644));
	/* A file created is decided on its directory, for writing. */
	FAILS_WITH(EROFS, open(P_BENEATH "/new", O_RDWR | O_CREAT, 0644));
	fd = open(P_CREATE "/made", O_RDWR | O_CREAT | O_EXCL, 0600);
	CHECK(fd >= 0);
	close(fd);
	if (!have_busybox)
		return fails ? 1 : 0;
	/* Exec: what a rule allows, and nothing else. */
	status = try_exec(P_SH, -1, argv_sh, &err);
	CHECK(err == 0 && WIFEXITED(status) && WEXITSTATUS(status) == 3);
	EXEC_FAILS(EKEYEXPIRED, P_TRUE);
	EXEC_FAILS(EKEYEXPIRED, "/proc/self/exe");
	/* A program allowed whose ELF interpreter no rule allows. */
	EXEC_FAILS(EKEYEXPIRED, P_INTERP_OK_USER);
	/* A memfd (made before, the program is not readable) has no name. */
	CHECK(inherited_fd >= 0);
	exec_gives_at(__LINE__, "memfd", inherited_fd, EKEYEXPIRED, 0);
	return fails ? 1 : 0;
}

TEST_F(paths, an_allow_list_with_default_actions)
{
	struct pol p;
	int status, err;

	if (have_busybox) {
		inherited_fd = memfd_copy(P_SH);
		ASSERT_LE(0, inherited_fd);
	}
	ASSERT_TRUE(pol_allow_list(&p));
	err = pol_err(self->fd, &p);
	pol_close_paths(&p);
	if (err == EOPNOTSUPP)
		SKIP(return, "no security_bprm_check() in this kernel: exec defaults refused");
	ASSERT_EQ(0, err);
	status = run_member(self->fd, body_allow_list);
	EXPECT_TRUE(exited_ok(status))
	{
		TH_LOG("status %#x", status);
	}
}

static int body_each_access(void)
{
	READS("allowed\n", open(P_ALLOWED, O_RDONLY));
	READS("denied\n", open(P_DENIED, O_RDONLY));
	/* The read rule before it does not let the write through. */
	FAILS_WITH(EROFS, open(P_DENIED, O_RDWR));
	FAILS_WITH(EROFS, open(P_DENIED, O_WRONLY));
	FAILS_WITH(EROFS, sys_openat2(AT_FDCWD, P_DENIED, O_RDWR, 0, 0));
	FAILS_WITH(EROFS, open(P_ALLOWED, O_RDWR | O_APPEND));
	READS("kill\n", open(P_KILL, O_RDONLY));
	return fails ? 1 : 0;
}

TEST_F(paths, each_access_of_an_open_is_decided_on_its_own)
{
	struct pol p;
	int status;

	pol_init(&p);
	ASSERT_TRUE(pol_path_of(&p, ROOT "/open", KSENTRY_PATH_BENEATH,
				KSENTRY_ACCESS_READ, KSENTRY_ACT_ALLOW));
	ASSERT_TRUE(pol_path_of(&p, ROOT "/open", KSENTRY_PATH_BENEATH,
				ACCESS_RW, KSENTRY_ACT_ERRNO_OF(EROFS)));
	ASSERT_EQ(0, pol_err(self->fd, &p));
	pol_close_paths(&p);
	status = run_member(self->fd, body_each_access);
	EXPECT_TRUE(exited_ok(status))
	{
		TH_LOG("status %#x", status);
	}
}

TEST_F(paths, bad_path_defaults_are_refused)
{
	static const __u32 bad[] = {
		KSENTRY_ACT_ALLOW | 1,
		KSENTRY_ACT_KILL_PROCESS | 1,
		KSENTRY_ACT_KILL_THREAD,
		KSENTRY_ACT_TRAP,
		KSENTRY_ACT_LOG,
		KSENTRY_ACT_ERRNO,
		KSENTRY_ACT_ERRNO | 4096,
		KSENTRY_ACT_ERRNO_OF(512),
		KSENTRY_ACT_EMULATE_OF(KSENTRY_VFILE_MEMINFO),
		0x00080000,
	};
	struct pol p;
	__u32 *const defaults[] = {
		&p.attr.path_default_read,
		&p.attr.path_default_write,
		&p.attr.path_default_exec,
	};
	__u32 seq, nr;
	size_t i, a;

	ASSERT_TRUE(pol_allow_list(&p));
	nr = p.attr.nr_path_rules;
	seq = policy_seq(self->fd);
	for (a = 0; a < ARRAY_SIZE(defaults); a++) {
		__u32 *const d = defaults[a];
		const __u32 keep = *d;

		for (i = 0; i < ARRAY_SIZE(bad); i++) {
			*d = bad[i];
			EXPECT_EQ(EINVAL, pol_err(self->fd, &p))
			{
				TH_LOG("default %zu: %#x taken", a, bad[i]);
			}
		}
		*d = keep;
	}
	p.attr.reserved3 = 1;
	EXPECT_EQ(EINVAL, pol_err(self->fd, &p));
	p.attr.reserved3 = 0;
	/* A default refusing reads or writes needs the open family emulated. */
	pol_entry(&p, __NR_open, KSENTRY_ACT_ALLOW);
	EXPECT_EQ(EINVAL, pol_err(self->fd, &p));
	p.attr.nr_path_rules = 0;
	p.attr.path_default_read = 0;
	EXPECT_EQ(EINVAL, pol_err(self->fd, &p));
	p.attr.path_default_write = 0;
	pol_entry(&p, __NR_fanotify_init, KSENTRY_ACT_ALLOW);
	/* One refusing only execs does not. */
	if (pol_err(self->fd, &p) != EOPNOTSUPP)
		EXPECT_EQ(0, pol_err(self->fd, &p));
	/* A caller that knows only ABI 5's size allows everything by default. */
	p.attr.size = offsetof(struct ksentry_policy_attr, path_default_read);
	EXPECT_EQ(0, pol_err(self->fd, &p));
	EXPECT_LT(seq, policy_seq(self->fd));
	p.attr.nr_path_rules = nr;
	pol_close_paths(&p);
}

/* SET_POLICY's errno, 0 on success, from a child without CAP_SYS_ADMIN. */
static int pol_err_unprivileged(const int sandbox, struct pol *const p)
{
	struct __user_cap_header_struct header = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];
	const __u32 bit = CAP_TO_MASK(CAP_SYS_ADMIN);
	int status;
	pid_t pid;

	pid = fork();
	if (pid == 0) {
		if (syscall(__NR_capget, &header, data))
			_exit(255);
		data[CAP_TO_INDEX(CAP_SYS_ADMIN)].effective &= ~bit;
		data[CAP_TO_INDEX(CAP_SYS_ADMIN)].permitted &= ~bit;
		if (syscall(__NR_capset, &header, data))
			_exit(255);
		_exit(pol_err(sandbox, p));
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static int body_wait(void)
{
	return hear(go_pipe[0]) ? 0 : 2;
}

TEST_F(paths, path_defaults_and_updates_without_cap_sys_admin)
{
	struct pol p;
	__u32 seq;
	pid_t pid;
	int err;

	ASSERT_TRUE(pol_allow_list(&p));
	err = pol_err(self->fd, &p);
	if (err == EOPNOTSUPP)
		SKIP(return, "no security_bprm_check() in this kernel: exec defaults refused");
	ASSERT_EQ(0, err);
	ASSERT_TRUE(open_pipes());
	pid = start_member(self->fd, body_wait);
	ASSERT_LT(0, pid);
	seq = policy_seq(self->fd);
	/* The same policy again. */
	EXPECT_EQ(0, pol_err_unprivileged(self->fd, &p));
	EXPECT_EQ(seq + 1, policy_seq(self->fd));
	/* A default that allows what it refused. */
	p.attr.path_default_read = KSENTRY_ACT_ALLOW;
	EXPECT_EQ(EPERM, pol_err_unprivileged(self->fd, &p));
	p.attr.path_default_read = 0;
	EXPECT_EQ(EPERM, pol_err_unprivileged(self->fd, &p));
	p.attr.path_default_read = DEFAULT_READ;
	/* A rule added that allows what the default refused. */
	ASSERT_TRUE(pol_path_of(&p, P_BENEATH, KSENTRY_PATH_BENEATH,
				KSENTRY_ACCESS_READ, KSENTRY_ACT_ALLOW));
	EXPECT_EQ(EPERM, pol_err_unprivileged(self->fd, &p));
	EXPECT_EQ(seq + 1, policy_seq(self->fd));
	/* One that refuses, with another errno: tighter. */
	p.paths[p.attr.nr_path_rules - 1].action = KSENTRY_ACT_ERRNO_OF(EPERM);
	EXPECT_EQ(0, pol_err_unprivileged(self->fd, &p));
	/* A stricter default. */
	p.attr.path_default_exec = KSENTRY_ACT_KILL_PROCESS;
	EXPECT_EQ(0, pol_err_unprivileged(self->fd, &p));
	EXPECT_EQ(seq + 3, policy_seq(self->fd));
	/* And back, only as root. */
	p.attr.path_default_exec = DEFAULT_EXEC;
	EXPECT_EQ(EPERM, pol_err_unprivileged(self->fd, &p));
	EXPECT_EQ(0, pol_err(self->fd, &p));
	pol_close_paths(&p);
	ASSERT_TRUE(tell(go_pipe[1]));
	EXPECT_TRUE(exited_ok(wait_member(pid)));
	close_pipes();
}

#define P_STICKY ROOT "/sticky"
#define PROTECTED_REGULAR "/proc/sys/fs/protected_regular"
#define PROTECTED_FIFOS "/proc/sys/fs/protected_fifos"

static int body_sticky(void)
{
	long fd;

	FAILS_WITH(EACCES, open(P_STICKY "/theirs", O_WRONLY | O_CREAT, 0644));
	FAILS_WITH(EACCES, open(P_STICKY "/theirs", O_RDONLY | O_CREAT, 0644));
	FAILS_WITH(EACCES, sys_openat2(AT_FDCWD, P_STICKY "/theirs",
				       O_RDWR | O_CREAT, 0644, 0));
	FAILS_WITH(EACCES, creat(P_STICKY "/theirs", 0644));
	FAILS_WITH(EACCES, open(P_STICKY "/fifo",
				O_RDONLY | O_CREAT | O_NONBLOCK, 0644));
	/* Through a symlink, the directory of the file it leads to. */
	FAILS_WITH(EACCES, open(ROOT "/to-theirs", O_WRONLY | O_CREAT, 0644));
	/* Without O_CREAT, or a file of the caller's own: the host opens it. */
	fd = open(P_STICKY "/theirs", O_WRONLY);
	CHECK(fd >= 0);
	close(fd);
	fd = open(P_STICKY "/mine", O_WRONLY | O_CREAT, 0644);
	CHECK(fd >= 0);
	close(fd);
	return fails ? 1 : 0;
}

/* Write @value to the sysctl @path; its old value in @old. */
static bool sysctl_swap(const char *const path, const char *const value,
			char *const old, const size_t size)
{
	ssize_t n = read_path(path, old, size);

	if (n <= 0)
		return false;
	old[n - 1] = '\0';
	return write_text(path, value);
}

TEST_F(paths, o_creat_of_an_existing_file_meets_protected_regular)
{
	char regular[16], fifos[16];
	int status;

	if (!sysctl_swap(PROTECTED_REGULAR, "1", regular, sizeof(regular)))
		SKIP(return, "no " PROTECTED_REGULAR);
	ASSERT_TRUE(sysctl_swap(PROTECTED_FIFOS, "1", fifos, sizeof(fifos)));
	ASSERT_EQ(0, mkdir(P_STICKY, 0755));
	ASSERT_EQ(0, chmod(P_STICKY, 01777));
	ASSERT_TRUE(put_file(P_STICKY "/theirs", "theirs\n", 0666));
	ASSERT_EQ(0, chown(P_STICKY "/theirs", 1000, 1000));
	ASSERT_EQ(0, mkfifo(P_STICKY "/fifo", 0666));
	ASSERT_EQ(0, chown(P_STICKY "/fifo", 1000, 1000));
	ASSERT_TRUE(put_file(P_STICKY "/mine", "mine\n", 0644));
	ASSERT_EQ(0, symlink("sticky/theirs", ROOT "/to-theirs"));
	/* The host's answer, outside any sandbox. */
	ASSERT_EQ(-1, open(P_STICKY "/theirs", O_WRONLY | O_CREAT, 0644));
	ASSERT_EQ(EACCES, errno);
	ASSERT_EQ(0, set_paths_policy(self->fd, false));
	status = run_member(self->fd, body_sticky);
	EXPECT_TRUE(exited_ok(status))
	{
		TH_LOG("status %#x", status);
	}
	EXPECT_TRUE(write_text(PROTECTED_REGULAR, regular));
	EXPECT_TRUE(write_text(PROTECTED_FIFOS, fifos));
}

#define P_OVL ROOT "/ovl"
#define P_OVL_OPEN ROOT "/ovl-open"

/* Mount an overlay of @lower at @at, its upper layer in @up. */
static int mount_overlay(const char *const lower, const char *const at,
			 const char *const up)
{
	char opts[256], upper[64], work[64];

	snprintf(upper, sizeof(upper), "%s/upper", up);
	snprintf(work, sizeof(work), "%s/work", up);
	if ((mkdir(at, 0755) && errno != EEXIST) ||
	    (mkdir(up, 0755) && errno != EEXIST) ||
	    (mkdir(upper, 0755) && errno != EEXIST) ||
	    (mkdir(work, 0755) && errno != EEXIST))
		return -1;
	snprintf(opts, sizeof(opts), "lowerdir=%s,upperdir=%s,workdir=%s",
		 lower, upper, work);
	return mount("overlay", at, "overlay", 0, opts);
}

static int body_overlay(void)
{
	CHECK(!mount_overlay(P_BENEATH, P_OVL, ROOT "/ovl-up"));
	CHECK(!mount_overlay(ROOT "/open", P_OVL_OPEN, ROOT "/ovl-open-up"));
	/* The layer's files are decided as themselves. */
	FAILS_WITH(EPERM, open(P_OVL "/f", O_RDONLY));
	FAILS_WITH(EPERM, open(P_OVL "/sub/g", O_RDONLY));
	FAILS_WITH(EPERM, open(P_OVL "/f", O_WRONLY));
	FAILS_WITH(EPERM, open(P_OVL "/f", O_RDWR | O_APPEND));
	FAILS_WITH(EACCES, open(P_OVL_OPEN "/denied", O_RDONLY));
	FAILS_WITH(EACCES, open(P_OVL_OPEN "/hard", O_RDONLY));
	/* Nothing was copied up by a refused open for writing. */
	CHECK(access(ROOT "/ovl-up/upper/f", F_OK) == -1 && errno == ENOENT);
	/* What the rules let through, through the overlay too. */
	READS("ok\n", open(P_OVL "/ok", O_RDONLY));
	READS("allowed\n", open(P_OVL_OPEN "/allowed", O_RDONLY));
	return fails ? 1 : 0;
}

TEST_F(paths, an_overlay_over_a_protected_tree)
{
	int status;

	/* The test's own mount namespace: the member has the same. */
	if (mount_overlay(ROOT "/plain", P_OVL, ROOT "/probe-up")) {
		if (errno == ENODEV)
			SKIP(return, "no overlayfs in this kernel");
		ASSERT_EQ(0, errno);
	}
	ASSERT_EQ(0, umount(P_OVL));
	ASSERT_EQ(0, set_paths_policy(self->fd, false));
	status = run_member(self->fd, body_overlay);
	EXPECT_TRUE(exited_ok(status))
	{
		TH_LOG("status %#x", status);
	}
}

static int body_emulate_rule(void)
{
	static char text[BUF_SIZE];
	struct stat st;
	int fd;

	fd = open(P_FAKE, O_RDONLY);
	CHECK(fd >= 0 && !fstat(fd, &st) && S_ISREG(st.st_mode) &&
	      (st.st_mode & 07777) == 0444 && st.st_size == 0);
	if (CHECK(slurp(fd, text, sizeof(text)) > 0)) {
		CHECK(!strstr(text, "not meminfo"));
		check_meminfo(text, host_total_kb, false);
	}
	FAILS_WITH(EACCES, open(P_FAKE, O_RDWR));
	/* The view selects no virtual file: /proc/meminfo is the host's. */
	CHECK(read_path("/proc/meminfo", text, sizeof(text)) > 0);
	CHECK(is_procfs_file("/proc/meminfo"));
	return fails ? 1 : 0;
}

TEST_F(paths, an_emulate_rule_serves_a_virtual_file)
{
	int status;

	ASSERT_EQ(0, set_paths_policy(self->fd, false));
	status = run_member(self->fd, body_emulate_rule);
	EXPECT_TRUE(exited_ok(status))
	{
		TH_LOG("status %#x", status);
	}
}

static int body_renamed(void)
{
	long fd;

	CHECK(!rename(P_DENIED, ROOT "/open/renamed"));
	FAILS_WITH(EACCES, open(ROOT "/open/renamed", O_RDONLY));
	CHECK(!rename(ROOT "/open/renamed", ROOT "/elsewhere"));
	FAILS_WITH(EACCES, open(ROOT "/elsewhere", O_RDONLY));
	/* A new file at the old name is another object. */
	fd = open(P_DENIED, O_WRONLY | O_CREAT | O_EXCL, 0644);
	CHECK(fd >= 0 && write(fd, "new\n", 4) == 4);
	if (fd >= 0)
		close(fd);
	READS("new\n", open(P_DENIED, O_RDONLY));
	/* A mount over the name shows another object; the rule's is still denied. */
	CHECK(private_mounts());
	CHECK(!mount(P_ALLOWED, ROOT "/elsewhere", NULL, MS_BIND, NULL));
	READS("allowed\n", open(ROOT "/elsewhere", O_RDONLY));
	FAILS_WITH(EACCES, open(P_HARD, O_RDONLY));
	return fails ? 1 : 0;
}

TEST_F(paths, a_rule_follows_its_object_not_its_name)
{
	int status;

	ASSERT_EQ(0, set_paths_policy(self->fd, false));
	status = run_member(self->fd, body_renamed);
	EXPECT_TRUE(exited_ok(status))
	{
		TH_LOG("status %#x", status);
	}
}

/* The race: the path flips between an allowed and a denied file's names. */

static char race_path[] = P_RACE_A;
static atomic_bool flips_reached, opens_done;

/*
 * Thread A: plain stores of the byte the two names differ in (a relaxed
 * atomic store of a char is a plain store, which the compiler may not
 * drop).
 */
static void *flipper(void *const arg)
{
	char *const c = &race_path[sizeof(race_path) - 2];
	unsigned long i;

	for (i = 0;; i++) {
		__atomic_store_n(c, (i & 1) ? 'D' : 'A', __ATOMIC_RELAXED);
		if (i + 1 == RACE_FLIPS)
			atomic_store(&flips_reached, true);
		if (i + 1 >= RACE_FLIPS && atomic_load(&opens_done))
			break;
	}
	shm->flips = i + 1;
	return arg;
}

static int body_race(void)
{
	struct stat allowed, st;
	unsigned long n;
	pthread_t thread;
	long fd;

	if (!CHECK(!stat(P_RACE_A, &allowed)) ||
	    !CHECK(!pthread_create(&thread, NULL, flipper, NULL)))
		return 1;
	/* Thread B: as many opens as the flips last, and at least so many. */
	for (n = 0; n < RACE_MIN_OPENS || !atomic_load(&flips_reached); n++) {
		switch (n % 3) {
		case 0:
			fd = open(race_path, O_RDONLY);
			break;
		case 1:
			fd = sys_openat2(AT_FDCWD, race_path, O_RDONLY, 0, 0);
			break;
		default:
			fd = sys_open(race_path, O_RDONLY, 0);
			break;
		}
		if (fd >= 0) {
			if (!fstat(fd, &st) && st.st_ino == allowed.st_ino &&
			    st.st_dev == allowed.st_dev)
				shm->allowed++;
			else
				shm->wrong++;
			close(fd);
		} else if (errno == EACCES) {
			shm->denied++;
		} else {
			shm->other++;
			shm->other_errno = errno;
		}
	}
	atomic_store(&opens_done, true);
	pthread_join(thread, NULL);
	shm->opens = n;
	return 0;
}

TEST_F_TIMEOUT(paths, a_path_rewritten_meanwhile_never_opens_the_denied_file, 600)
{
	int status;

	ASSERT_EQ(0, set_paths_policy(self->fd, false));
	status = run_member(self->fd, body_race);
	EXPECT_TRUE(exited_ok(status))
	{
		TH_LOG("status %#x", status);
	}
	TH_LOG("%lu opens while the name flipped %lu times", shm->opens, shm->flips);
	TH_LOG("%lu opened the allowed file, %lu EACCES, %lu the denied file, %lu other errors",
	       shm->allowed, shm->denied, shm->wrong, shm->other);
	EXPECT_EQ(0, shm->wrong);
	EXPECT_EQ(0, shm->other)
	{
		TH_LOG("errno %d", shm->other_errno);
	}
	EXPECT_LE(RACE_MIN_OPENS, shm->opens);
	EXPECT_LE(RACE_FLIPS, shm->flips);
	EXPECT_EQ(shm->opens, shm->allowed + shm->denied + shm->wrong + shm->other);
}

/* Counters: every call of the family is an EMULATE decision of the table. */
static int body_counted(void)
{
	int i;

	for (i = 0; i < 10; i++) {
		close(open(P_ALLOWED, O_RDONLY));
		FAILS_WITH(EACCES, open(P_DENIED, O_RDONLY));
	}
	for (i = 0; i < 3; i++)
		FAILS_WITH(EACCES, sys_open(P_DENIED, O_RDONLY, 0));
	for (i = 0; i < 2; i++)
		FAILS_WITH(EROFS, sys_creat(P_WRONLY, 0644));
	for (i = 0; i < 4; i++)
		close(sys_openat2(AT_FDCWD, P_ALLOWED, O_RDONLY, 0, 0));
	return fails ? 1 : 0;
}

TEST_F(paths, the_calls_are_counted_as_emulated)
{
	int status;

	ASSERT_EQ(0, set_paths_policy(self->fd, false));
	status = run_member(self->fd, body_counted);
	EXPECT_TRUE(exited_ok(status))
	{
		TH_LOG("status %#x", status);
	}
	EXPECT_LE(20, counted(self->fd, __NR_openat, KSENTRY_ACT_EMULATE));
	EXPECT_EQ(0, counted(self->fd, __NR_openat, KSENTRY_ACT_ALLOW));
	EXPECT_EQ(0, counted(self->fd, __NR_openat, KSENTRY_ACT_ERRNO));
	EXPECT_EQ(3, counted(self->fd, __NR_open, KSENTRY_ACT_EMULATE));
	EXPECT_EQ(2, counted(self->fd, __NR_creat, KSENTRY_ACT_EMULATE));
	EXPECT_EQ(4, counted(self->fd, __NR_openat2, KSENTRY_ACT_EMULATE));
	EXPECT_EQ(0, counted(self->fd, __NR_open, KSENTRY_ACT_ERRNO));
}

/* Policy validation. */

TEST_F(paths, bad_path_rules_are_refused)
{
	static const struct {
		__u32 flags;
		__u32 access;
		__u32 action;
	} bad[] = {
		{ 2, KSENTRY_ACCESS_READ, KSENTRY_ACT_ERRNO_OF(EACCES) },
		{ ~0U, KSENTRY_ACCESS_READ, KSENTRY_ACT_ERRNO_OF(EACCES) },
		{ 0, 0, KSENTRY_ACT_ERRNO_OF(EACCES) },
		{ 0, 8, KSENTRY_ACT_ERRNO_OF(EACCES) },
		{ 0, KSENTRY_ACCESS_READ | 8, KSENTRY_ACT_ERRNO_OF(EACCES) },
		{ 0, KSENTRY_ACCESS_READ, 0 },
		{ 0, KSENTRY_ACCESS_READ, KSENTRY_ACT_ALLOW | 1 },
		{ 0, KSENTRY_ACCESS_READ, KSENTRY_ACT_KILL_PROCESS | 1 },
		{ 0, KSENTRY_ACCESS_READ, KSENTRY_ACT_KILL_THREAD },
		{ 0, KSENTRY_ACCESS_READ, KSENTRY_ACT_TRAP },
		{ 0, KSENTRY_ACCESS_READ, KSENTRY_ACT_LOG },
		{ 0, KSENTRY_ACCESS_READ, KSENTRY_ACT_ERRNO },
		{ 0, KSENTRY_ACCESS_READ, KSENTRY_ACT_ERRNO | 4096 },
		{ 0, KSENTRY_ACCESS_READ, KSENTRY_ACT_EMULATE },
		{ 0, KSENTRY_ACCESS_READ,
		  KSENTRY_ACT_EMULATE_OF(KSENTRY_VFILE_CPU_ONLINE + 1) },
		{ 0, KSENTRY_ACCESS_EXEC, KSENTRY_ACT_EMULATE_OF(KSENTRY_VFILE_MEMINFO) },
		{ 0, KSENTRY_ACCESS_READ | KSENTRY_ACCESS_EXEC,
		  KSENTRY_ACT_EMULATE_OF(KSENTRY_VFILE_MEMINFO) },
		{ 0, KSENTRY_ACCESS_READ, 0x00080000 },
	};
	static const __u32 good[] = {
		KSENTRY_ACT_ALLOW,
		KSENTRY_ACT_KILL_PROCESS,
		KSENTRY_ACT_ERRNO_OF(1),
		KSENTRY_ACT_ERRNO_OF(4095),
		KSENTRY_ACT_EMULATE_OF(KSENTRY_VFILE_MEMINFO),
		KSENTRY_ACT_EMULATE_OF(KSENTRY_VFILE_CPU_ONLINE),
	};
	__u32 seq, accepted = 0;
	int fd, closed;
	struct pol p;
	void *hole;
	size_t i;

	fd = open(P_DENIED, O_PATH | O_CLOEXEC);
	ASSERT_LE(0, fd);
	closed = dup(fd);
	ASSERT_LE(0, closed);
	ASSERT_EQ(0, close(closed));
	hole = mmap(NULL, PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, hole);
	seq = policy_seq(self->fd);

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		pol_init(&p);
		pol_path(&p, fd, bad[i].flags, bad[i].access, bad[i].action);
		EXPECT_EQ(EINVAL, pol_err(self->fd, &p))
		{
			TH_LOG("bad rule %zu", i);
		}
	}
	for (i = 0; i < ARRAY_SIZE(good); i++) {
		pol_init(&p);
		pol_path(&p, fd, KSENTRY_PATH_BENEATH * (i & 1),
			 KSENTRY_ACCESS_READ | KSENTRY_ACCESS_WRITE, good[i]);
		EXPECT_EQ(0, pol_err(self->fd, &p))
		{
			TH_LOG("good rule %zu", i);
		}
		accepted++;
	}
	/* Descriptors: closed, -1; their fields are checked first. */
	pol_init(&p);
	pol_path(&p, closed, 0, KSENTRY_ACCESS_READ, KSENTRY_ACT_ERRNO_OF(EACCES));
	EXPECT_EQ(EBADF, pol_err(self->fd, &p));
	pol_init(&p);
	pol_path(&p, fd, 0, KSENTRY_ACCESS_READ, KSENTRY_ACT_ERRNO_OF(EACCES));
	pol_path(&p, -1, 0, KSENTRY_ACCESS_READ, KSENTRY_ACT_ERRNO_OF(EACCES));
	EXPECT_EQ(EBADF, pol_err(self->fd, &p));
	pol_path(&p, fd, 2, KSENTRY_ACCESS_READ, KSENTRY_ACT_ERRNO_OF(EACCES));
	EXPECT_EQ(EINVAL, pol_err(self->fd, &p));
	/* Counts and pointers. */
	pol_init(&p);
	for (i = 0; i < KSENTRY_MAX_PATH_RULES + 1; i++)
		pol_path(&p, fd, 0, KSENTRY_ACCESS_READ, KSENTRY_ACT_ERRNO_OF(EACCES));
	EXPECT_EQ(E2BIG, pol_err(self->fd, &p));
	p.attr.nr_path_rules = KSENTRY_MAX_PATH_RULES;
	EXPECT_EQ(0, pol_err(self->fd, &p));
	accepted++;
	p.attr.nr_path_rules = ~0U;
	EXPECT_EQ(E2BIG, pol_err(self->fd, &p));
	p.attr.nr_path_rules = 1;
	p.attr.path_rules = (__u64)(uintptr_t)hole;
	EXPECT_EQ(EFAULT, pol_err(self->fd, &p));
	p.attr.path_rules = 0;
	EXPECT_EQ(EFAULT, pol_err(self->fd, &p));
	/* Reserved fields, unknown virtual files. */
	pol_init(&p);
	pol_path(&p, fd, 0, KSENTRY_ACCESS_READ, KSENTRY_ACT_ERRNO_OF(EACCES));
	p.attr.reserved2 = 1;
	EXPECT_EQ(EINVAL, pol_err(self->fd, &p));
	p.attr.reserved2 = 0;
	pol_view(&p, 0, 1);
	EXPECT_EQ(EINVAL, pol_err(self->fd, &p));
	pol_view(&p, 0, KSENTRY_VFILES_ALL | 0x80);
	EXPECT_EQ(EINVAL, pol_err(self->fd, &p));
	pol_view(&p, 0, 1U << 31);
	EXPECT_EQ(EINVAL, pol_err(self->fd, &p));
	pol_view(&p, 0, KSENTRY_VFILES_ALL);
	EXPECT_EQ(0, pol_err(self->fd, &p));
	accepted++;
	/* A caller of ABI 4 knows no path rules: the fields are not read. */
	pol_init(&p);
	pol_path(&p, fd, 0, KSENTRY_ACCESS_READ, KSENTRY_ACT_ERRNO_OF(EACCES));
	pol_entry(&p, __NR_openat, KSENTRY_ACT_ALLOW);
	EXPECT_EQ(EINVAL, pol_err(self->fd, &p));
	p.attr.size = offsetof(struct ksentry_policy_attr, nr_path_rules);
	EXPECT_EQ(0, pol_err(self->fd, &p));
	accepted++;
	/* Nothing refused was installed. */
	EXPECT_EQ(seq + accepted, policy_seq(self->fd));
	munmap(hole, PAGE);
	close(fd);
}

/* What a policy with path rules on opens needs, and what it does not. */
TEST_F(paths, path_rules_need_every_open_emulated)
{
	static const __u32 loose[] = { KSENTRY_ACT_ALLOW, KSENTRY_ACT_LOG };
	struct pol p;
	size_t i, j;
	int fd, err;

	fd = open(P_DENIED, O_PATH | O_CLOEXEC);
	ASSERT_LE(0, fd);
#define RULE_ON(p) pol_path((p), fd, 0, KSENTRY_ACCESS_READ, KSENTRY_ACT_ERRNO_OF(EACCES))
	/* The base is accepted. */
	pol_init(&p);
	RULE_ON(&p);
	ASSERT_EQ(0, pol_err(self->fd, &p));
	/* Any open of the family given to the host. */
	for (i = 0; i < ARRAY_SIZE(open_family); i++) {
		for (j = 0; j < ARRAY_SIZE(loose); j++) {
			pol_init(&p);
			RULE_ON(&p);
			pol_entry(&p, open_family[i].nr, loose[j]);
			EXPECT_EQ(EINVAL, pol_err(self->fd, &p))
			{
				TH_LOG("number %d, action %#x", open_family[i].nr, loose[j]);
			}
		}
		pol_init(&p);
		RULE_ON(&p);
		pol_drop(&p, open_family[i].nr);
		EXPECT_EQ(EINVAL, pol_err(self->fd, &p))
		{
			TH_LOG("number %d left to the default ALLOW", open_family[i].nr);
		}
		/* An argument rule that lets some calls through. */
		pol_init(&p);
		RULE_ON(&p);
		pol_rule(&p, open_family[i].nr, KSENTRY_ACT_ALLOW);
		EXPECT_EQ(EINVAL, pol_err(self->fd, &p))
		{
			TH_LOG("number %d with an ALLOW rule", open_family[i].nr);
		}
		/* Stricter than EMULATE is fine. */
		pol_init(&p);
		RULE_ON(&p);
		pol_entry(&p, open_family[i].nr, KSENTRY_ACT_ERRNO_OF(EPERM));
		pol_rule(&p, open_family[i].nr, KSENTRY_ACT_KILL_PROCESS);
		EXPECT_EQ(0, pol_err(self->fd, &p));
	}
	/* The calls that open around the family. */
	pol_init(&p);
	RULE_ON(&p);
	pol_entry(&p, __NR_open_by_handle_at, KSENTRY_ACT_ALLOW);
	EXPECT_EQ(EINVAL, pol_err(self->fd, &p));
	pol_entry(&p, __NR_open_by_handle_at, KSENTRY_ACT_LOG);
	EXPECT_EQ(EINVAL, pol_err(self->fd, &p));
	pol_drop(&p, __NR_open_by_handle_at);
	EXPECT_EQ(EINVAL, pol_err(self->fd, &p));
	pol_entry(&p, __NR_open_by_handle_at, KSENTRY_ACT_KILL_THREAD);
	EXPECT_EQ(0, pol_err(self->fd, &p));
	pol_entry(&p, __NR_io_uring_setup, KSENTRY_ACT_ALLOW);
	EXPECT_EQ(EINVAL, pol_err(self->fd, &p));
	pol_drop(&p, __NR_io_uring_setup);
	EXPECT_EQ(EINVAL, pol_err(self->fd, &p));
	pol_entry(&p, __NR_io_uring_setup, KSENTRY_ACT_TRAP);
	EXPECT_EQ(0, pol_err(self->fd, &p));
	/* fanotify's event descriptors, and the kernel's own opens by path. */
	for (i = 2; i < ARRAY_SIZE(around_nrs); i++) {
		pol_entry(&p, around_nrs[i], KSENTRY_ACT_ALLOW);
		EXPECT_EQ(EINVAL, pol_err(self->fd, &p))
		{
			TH_LOG("number %d allowed", around_nrs[i]);
		}
		pol_drop(&p, around_nrs[i]);
		EXPECT_EQ(EINVAL, pol_err(self->fd, &p));
		pol_entry(&p, around_nrs[i], KSENTRY_ACT_ERRNO_OF(EPERM));
		EXPECT_EQ(0, pol_err(self->fd, &p));
	}
	/* The other ABIs. */
	p.attr.ia32_action = KSENTRY_ACT_ALLOW;
	EXPECT_EQ(EINVAL, pol_err(self->fd, &p));
	p.attr.ia32_action = KSENTRY_ACT_LOG;
	EXPECT_EQ(EINVAL, pol_err(self->fd, &p));
	p.attr.ia32_action = KSENTRY_ACT_ERRNO_OF(EPERM);
	EXPECT_EQ(0, pol_err(self->fd, &p));
	p.attr.x32_action = KSENTRY_ACT_ALLOW;
	EXPECT_EQ(EINVAL, pol_err(self->fd, &p));
	p.attr.x32_action = KSENTRY_ACT_KILL_PROCESS;
	EXPECT_EQ(0, pol_err(self->fd, &p));
	/* Rules on writing, and virtual files, need the same. */
	pol_init(&p);
	pol_path(&p, fd, 0, KSENTRY_ACCESS_WRITE, KSENTRY_ACT_ERRNO_OF(EACCES));
	pol_entry(&p, __NR_openat, KSENTRY_ACT_ALLOW);
	EXPECT_EQ(EINVAL, pol_err(self->fd, &p));
	pol_init(&p);
	pol_path(&p, fd, 0, KSENTRY_ACCESS_READ,
		 KSENTRY_ACT_EMULATE_OF(KSENTRY_VFILE_MEMINFO));
	pol_entry(&p, __NR_creat, KSENTRY_ACT_ALLOW);
	EXPECT_EQ(EINVAL, pol_err(self->fd, &p));
	/* A default that refuses everything covers every number. */
	pol_init(&p);
	RULE_ON(&p);
	p.attr.nr_entries = 0;
	p.attr.default_action = KSENTRY_ACT_ERRNO_OF(EPERM);
	EXPECT_EQ(0, pol_err(self->fd, &p));
	/* Rules on exec only need none of it. */
	pol_init(&p);
	pol_path(&p, fd, 0, KSENTRY_ACCESS_EXEC, KSENTRY_ACT_ERRNO_OF(EACCES));
	p.attr.nr_entries = 0;
	p.attr.ia32_action = KSENTRY_ACT_ALLOW;
	err = pol_err(self->fd, &p);
	EXPECT_TRUE(err == 0 || err == EOPNOTSUPP)
	{
		TH_LOG("exec rule: %s", strerror(err));
	}
#undef RULE_ON
	close(fd);
}

/* In a member: the answers of the path policy, as set_paths_policy() made it. */
static void check_policy_in_force(void)
{
	static char text[BUF_SIZE];

	FAILS_WITH(EACCES, open(P_DENIED, O_RDONLY));
	FAILS_WITH(EPERM, open(P_BENEATH "/f", O_RDONLY));
	CHECK(slurp(open(P_FAKE, O_RDONLY), text, sizeof(text)) > 0);
	CHECK(meminfo_field(text, "MemTotal") == host_total_kb);
}

static int body_updates(void)
{
	if (!hear(go_pipe[0]))
		return 2;
	check_policy_in_force();
	READS("allowed\n", open(P_ALLOWED, O_RDONLY));
	/* The parent tried bad updates meanwhile. */
	if (!tell(done_pipe[1]) || !hear(go_pipe[0]))
		return 2;
	check_policy_in_force();
	READS("allowed\n", open(P_ALLOWED, O_RDONLY));
	/* Then a good one, with one rule more. */
	if (!tell(done_pipe[1]) || !hear(go_pipe[0]))
		return 2;
	check_policy_in_force();
	FAILS_WITH(ENOKEY, open(P_ALLOWED, O_RDONLY));
	return fails ? 1 : 0;
}

TEST_F(paths, a_refused_update_keeps_the_policy_in_force)
{
	__u32 seq;
	struct pol p;
	pid_t pid;
	int fd;

	ASSERT_EQ(0, set_paths_policy(self->fd, false));
	ASSERT_TRUE(open_pipes());
	pid = start_member(self->fd, body_updates);
	ASSERT_LT(0, pid);
	ASSERT_TRUE(tell(go_pipe[1]));
	ASSERT_TRUE(hear(done_pipe[0]));
	seq = policy_seq(self->fd);
	fd = open(P_ALLOWED, O_PATH | O_CLOEXEC);
	ASSERT_LE(0, fd);

	ASSERT_TRUE(pol_paths(&p, false));
	pol_path(&p, fd, 4, KSENTRY_ACCESS_READ, KSENTRY_ACT_ERRNO_OF(ENOKEY));
	EXPECT_EQ(EINVAL, pol_err(self->fd, &p));
	p.paths[p.attr.nr_path_rules - 1].flags = 0;
	p.paths[p.attr.nr_path_rules - 1].fd = 9999;
	EXPECT_EQ(EBADF, pol_err(self->fd, &p));
	p.paths[p.attr.nr_path_rules - 1].fd = fd;
	/* Every descriptor resolved, then the table refused. */
	pol_entry(&p, __NR_openat, KSENTRY_ACT_ALLOW);
	EXPECT_EQ(EINVAL, pol_err(self->fd, &p));
	pol_entry(&p, __NR_openat, KSENTRY_ACT_EMULATE_OF(KSENTRY_EMU_OPENAT));
	p.attr.nr_path_rules = KSENTRY_MAX_PATH_RULES + 1;
	EXPECT_EQ(E2BIG, pol_err(self->fd, &p));
	p.attr.nr_path_rules = ARRAY_SIZE(open_rules) + 1;
	p.attr.reserved2 = 1;
	EXPECT_EQ(EINVAL, pol_err(self->fd, &p));
	p.attr.reserved2 = 0;
	pol_view(&p, 0, 0x80);
	EXPECT_EQ(EINVAL, pol_err(self->fd, &p));
	p.attr.emu = 0;
	EXPECT_EQ(seq, policy_seq(self->fd));
	ASSERT_TRUE(tell(go_pipe[1]));
	ASSERT_TRUE(hear(done_pipe[0]));

	/* Root may replace the rules of a bound sandbox. */
	EXPECT_EQ(0, pol_err(self->fd, &p));
	EXPECT_EQ(seq + 1, policy_seq(self->fd));
	pol_close_paths(&p);
	ASSERT_TRUE(tell(go_pipe[1]));
	EXPECT_TRUE(exited_ok(wait_member(pid)));
	close_pipes();
}

/* Bad arguments: the host's answers. */

#define ANY (-1)
#define PAGES 4

struct answer {
	long ret;
	int err;
	int fd_flags;
	int fl_flags;
	dev_t dev;
	ino_t ino;
	mode_t mode;
	mode_t created;
};

static struct answer ask(const bool host, const long nr, const long a0,
			 const long a1, const long a2, const long a3)
{
	struct answer a = { .fd_flags = -1, .fl_flags = -1 };
	struct stat st;

	errno = 0;
	a.ret = syscall(nr, a0, a1, a2, a3, 0L, host ? (long)HOST_TAG : 0L);
	a.err = a.ret < 0 ? errno : 0;
	if (a.ret >= 0) {
		a.fd_flags = fcntl(a.ret, F_GETFD);
		a.fl_flags = fcntl(a.ret, F_GETFL);
		if (!fstat(a.ret, &st)) {
			a.dev = st.st_dev;
			a.ino = st.st_ino;
			a.mode = st.st_mode;
		}
		close(a.ret);
	}
	return a;
}

/*
 * Where the host's answers come from.  A member asks the host with HOST_TAG
 * (HOST_TAGGED).  A policy with path rules on opens lets no call around
 * the module, tagged or not: a process outside the sandbox then makes the
 * same calls first, in the same order, and records the host's answers
 * (HOST_RECORD), which the member compares its own with (HOST_REPLAY).
 */
static enum { HOST_TAGGED, HOST_RECORD, HOST_REPLAY } host_mode;

#define MAX_ANSWERS 1024

struct record {
	unsigned int next;
	struct answer answers[MAX_ANSWERS];
};

static struct record *record;

/* @created, just made by a call: its mode, then it is removed. */
static void take_created(struct answer *const a, const char *const created)
{
	struct stat st;

	if (!created)
		return;
	a->created = stat(created, &st) ? 0 : st.st_mode;
	unlink(created);
	a->ino = 0;
}

static struct answer host_answer(const long nr, const long a0, const long a1,
				 const long a2, const long a3,
				 const char *const created)
{
	struct answer a = { .ret = -2 };

	if (host_mode == HOST_REPLAY) {
		if (record->next < MAX_ANSWERS)
			return record->answers[record->next++];
		WRONG("more calls than the %d recorded", MAX_ANSWERS);
		return a;
	}
	a = ask(true, nr, a0, a1, a2, a3);
	take_created(&a, created);
	if (host_mode == HOST_RECORD && record->next < MAX_ANSWERS)
		record->answers[record->next++] = a;
	return a;
}

/* The module's answer, in *@e; false when recording, outside the sandbox. */
static bool emulated_answer(struct answer *const e, const long nr,
			    const long a0, const long a1, const long a2,
			    const long a3, const char *const created)
{
	if (host_mode == HOST_RECORD)
		return false;
	*e = ask(false, nr, a0, a1, a2, a3);
	take_created(e, created);
	return true;
}

static const char *describe(char *const buf, const size_t size,
			    const struct answer *const a)
{
	snprintf(buf, size, "%ld (%s, fd %#x, fl %#x, mode %o, file %o)", a->ret,
		 strerror(a->err), a->fd_flags, a->fl_flags, a->mode, a->created);
	return buf;
}

/*
 * Make the call to the host and to the module and compare: the result,
 * errno (@want, 0 for success, unless ANY), the descriptor's flags, and
 * the object opened.  A call that creates @created removes it first, and
 * compares the two files' modes instead of their identity.
 */
static void same_at(const int line, const char *const what, const int want,
		    const char *const created, const long nr, const long a0,
		    const long a1, const long a2, const long a3)
{
	char hbuf[128], ebuf[128];
	struct answer h, e;

	if (created)
		unlink(created);
	h = host_answer(nr, a0, a1, a2, a3, created);
	if (!emulated_answer(&e, nr, a0, a1, a2, a3, created))
		return;
	if (h.ret != e.ret || h.err != e.err || h.fd_flags != e.fd_flags ||
	    h.fl_flags != e.fl_flags || h.dev != e.dev || h.ino != e.ino ||
	    h.mode != e.mode || h.created != e.created)
		report(line, "%s: host %s, emulated %s", what,
		       describe(hbuf, sizeof(hbuf), &h),
		       describe(ebuf, sizeof(ebuf), &e));
	else if (want != ANY && (want ? h.err != want : h.ret < 0))
		report(line, "%s: %ld (%s) both ways, expected %s", what, h.ret,
		       strerror(h.err), want ? strerror(want) : "success");
}

#define SAME(want, what, nr, a0, a1, a2, a3) \
	same_at(__LINE__, (what), (want), NULL, (nr), (long)(a0), (long)(a1), \
		(long)(a2), (long)(a3))
#define SAME_NEW(want, what, created, nr, a0, a1, a2, a3) \
	same_at(__LINE__, (what), (want), (created), (nr), (long)(a0), \
		(long)(a1), (long)(a2), (long)(a3))

/* The same call in the three forms that take flags. */
static void same_flags_at(const int line, const char *const what,
			  const int want, const int dfd,
			  const char *const path, const int flags,
			  const mode_t mode)
{
	struct open_how how = { .flags = flags, .mode = mode };

	if (!(flags & (O_CREAT | O_TMPFILE)))
		how.mode = 0;
	same_at(line, what, want, NULL, __NR_openat, dfd, (long)path, flags, mode);
	same_at(line, what, want, NULL, __NR_openat2, dfd, (long)path, (long)&how,
		sizeof(how));
	if (dfd == AT_FDCWD)
		same_at(line, what, want, NULL, __NR_open, (long)path, flags, mode, 0);
}

#define SAME_FLAGS(want, what, dfd, path, flags, mode) \
	same_flags_at(__LINE__, (what), (want), (dfd), (path), (flags), (mode))

/* Paths that end in bad memory. */
static void compare_paths(char *const pages)
{
	char *const hole = pages + PAGE, *const tail = hole - 100;
	char *const longpath = pages + 2 * PAGE;
	struct open_how how = { .flags = O_RDONLY };
	static char slashes[PATH_MAX], name[512];

	memset(tail, 'a', 100);
	memset(longpath, 'a', 2 * PAGE);
	memset(slashes, '/', PATH_MAX - 4);
	memcpy(slashes + PATH_MAX - 4, "tmp", 4);
	memset(name, 0, sizeof(name));
	memcpy(name, IN "/", sizeof(IN));
	memset(name + sizeof(IN), 'n', 300);

	SAME(EFAULT, "open(NULL)", __NR_open, 0, O_RDONLY, 0, 0);
	SAME(EFAULT, "openat(NULL)", __NR_openat, AT_FDCWD, 0, O_RDONLY, 0);
	SAME(EFAULT, "openat2(NULL)", __NR_openat2, AT_FDCWD, 0, &how, sizeof(how));
	SAME(EFAULT, "creat(NULL)", __NR_creat, 0, 0644, 0, 0);
	SAME(EFAULT, "open(unmapped)", __NR_open, hole, O_RDONLY, 0, 0);
	SAME(EFAULT, "openat(unmapped)", __NR_openat, AT_FDCWD, hole, O_RDONLY, 0);
	SAME(EFAULT, "openat(kernel address)", __NR_openat, AT_FDCWD, -4096L,
	     O_RDONLY, 0);
	SAME(EFAULT, "openat2(unmapped)", __NR_openat2, AT_FDCWD, hole, &how,
	     sizeof(how));
	SAME(EFAULT, "creat(unmapped)", __NR_creat, hole, 0644, 0, 0);
	/* The path runs into the unmapped page without a NUL. */
	SAME(EFAULT, "open(into a hole)", __NR_open, tail, O_RDONLY, 0, 0);
	SAME(EFAULT, "openat(into a hole)", __NR_openat, AT_FDCWD, tail, O_RDONLY, 0);
	SAME(EFAULT, "openat2(into a hole)", __NR_openat2, AT_FDCWD, tail, &how,
	     sizeof(how));
	SAME(EFAULT, "creat(into a hole)", __NR_creat, tail, 0644, 0, 0);
	/* PATH_MAX bytes without a NUL; PATH_MAX - 1 and a NUL. */
	SAME(ENAMETOOLONG, "open(PATH_MAX)", __NR_open, longpath, O_RDONLY, 0, 0);
	SAME(ENAMETOOLONG, "openat(PATH_MAX)", __NR_openat, AT_FDCWD, longpath,
	     O_RDONLY, 0);
	SAME(ENAMETOOLONG, "openat2(PATH_MAX)", __NR_openat2, AT_FDCWD, longpath,
	     &how, sizeof(how));
	SAME(ENAMETOOLONG, "creat(PATH_MAX)", __NR_creat, longpath, 0644, 0, 0);
	SAME(0, "openat(PATH_MAX - 1)", __NR_openat, AT_FDCWD, slashes, O_RDONLY, 0);
	SAME(ENAMETOOLONG, "openat(a long name)", __NR_openat, AT_FDCWD, name,
	     O_RDONLY, 0);
	SAME(ENAMETOOLONG, "creat(a long name)", __NR_creat, name, 0644, 0, 0);
	/* Empty paths. */
	SAME(ENOENT, "open(\"\")", __NR_open, "", O_RDONLY, 0, 0);
	SAME(ENOENT, "openat(\"\")", __NR_openat, AT_FDCWD, "", O_RDONLY, 0);
	SAME(ENOENT, "openat2(\"\")", __NR_openat2, AT_FDCWD, "", &how, sizeof(how));
	SAME(ENOENT, "creat(\"\")", __NR_creat, "", 0644, 0, 0);
	SAME(ENOENT, "openat(dir, \"\")", __NR_openat, inherited_fd, "", O_RDONLY, 0);
}

/* Directory descriptors. */
static void compare_dirfds(void)
{
	int dir, dirpath, file, filepath;

	dir = open(IN, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	dirpath = open(IN, O_PATH | O_CLOEXEC);
	file = open(IN "/file", O_RDONLY | O_CLOEXEC);
	filepath = open(IN "/file", O_PATH | O_CLOEXEC);
	CHECK(dir >= 0 && dirpath >= 0 && file >= 0 && filepath >= 0);
	SAME_FLAGS(0, "a directory", dir, "file", O_RDONLY, 0);
	SAME_FLAGS(0, "an O_PATH directory", dirpath, "file", O_RDONLY, 0);
	SAME_FLAGS(0, "an O_PATH directory, ..", dirpath, "../ksentry-input/dir",
		   O_RDONLY | O_DIRECTORY, 0);
	SAME_FLAGS(EBADF, "a closed descriptor", 12345, "file", O_RDONLY, 0);
	SAME_FLAGS(EBADF, "a negative descriptor", -5, "file", O_RDONLY, 0);
	SAME_FLAGS(ENOTDIR, "a file's descriptor", file, "x", O_RDONLY, 0);
	SAME_FLAGS(ENOTDIR, "a file's O_PATH descriptor", filepath, "x", O_RDONLY, 0);
	SAME_FLAGS(ENOTDIR, "a file's descriptor, O_CREAT", file, "x",
		   O_RDWR | O_CREAT, 0644);
	/* An absolute path ignores the descriptor. */
	SAME_FLAGS(0, "a closed descriptor, absolute", 12345, IN "/file", O_RDONLY, 0);
	SAME_FLAGS(0, "a file's descriptor, absolute", file, IN "/file", O_RDONLY, 0);
	CHECK(!chdir(IN "/dir"));
	SAME_FLAGS(0, "AT_FDCWD", AT_FDCWD, "../file", O_RDONLY, 0);
	CHECK(!chdir("/"));
	close(dir);
	close(dirpath);
	close(file);
	close(filepath);
}

/* Flags, objects, creation. */
static void compare_flags(void)
{
	SAME_FLAGS(0, "read", AT_FDCWD, IN "/file", O_RDONLY, 0);
	SAME_FLAGS(0, "flags", AT_FDCWD, IN "/file",
		   O_RDWR | O_APPEND | O_NONBLOCK | O_CLOEXEC | O_NOATIME, 0);
	SAME_FLAGS(0, "sync flags", AT_FDCWD, IN "/file",
		   O_WRONLY | O_SYNC | O_DSYNC | O_NOCTTY, 0);
	SAME_FLAGS(ANY, "O_DIRECT", AT_FDCWD, IN "/file", O_RDONLY | O_DIRECT, 0);
	SAME_FLAGS(0, "O_PATH", AT_FDCWD, IN "/file", O_PATH | O_CLOEXEC, 0);
	SAME_FLAGS(0, "O_PATH of a directory", AT_FDCWD, IN "/dir",
		   O_PATH | O_DIRECTORY, 0);
	SAME_FLAGS(0, "a directory", AT_FDCWD, IN "/dir", O_RDONLY | O_DIRECTORY, 0);
	SAME_FLAGS(ENOENT, "missing", AT_FDCWD, IN "/missing", O_RDONLY, 0);
	SAME_FLAGS(ENOENT, "missing directory", AT_FDCWD, IN "/missing/x",
		   O_RDWR | O_CREAT, 0644);
	SAME_FLAGS(ENOTDIR, "through a file", AT_FDCWD, IN "/file/x", O_RDONLY, 0);
	SAME_FLAGS(ENOTDIR, "a file with a slash", AT_FDCWD, IN "/file/", O_RDONLY, 0);
	SAME_FLAGS(ENOTDIR, "O_DIRECTORY of a file", AT_FDCWD, IN "/file",
		   O_RDONLY | O_DIRECTORY, 0);
	SAME_FLAGS(EISDIR, "a directory for writing", AT_FDCWD, IN "/dir", O_WRONLY, 0);
	SAME_FLAGS(EISDIR, "O_CREAT of a directory", AT_FDCWD, IN "/dir",
		   O_RDWR | O_CREAT, 0644);
	SAME_FLAGS(EISDIR, "O_CREAT with a slash", AT_FDCWD, IN "/newdir/",
		   O_RDWR | O_CREAT, 0644);
	/* EINVAL on 6.4 and later, EISDIR before. */
	SAME_FLAGS(ANY, "O_CREAT | O_DIRECTORY", AT_FDCWD, IN "/dir",
		   O_RDONLY | O_CREAT | O_DIRECTORY, 0644);
	SAME_FLAGS(0, "a symlink", AT_FDCWD, IN "/link", O_RDONLY, 0);
	SAME_FLAGS(ELOOP, "O_NOFOLLOW of a symlink", AT_FDCWD, IN "/link",
		   O_RDONLY | O_NOFOLLOW, 0);
	SAME_FLAGS(0, "O_PATH | O_NOFOLLOW of a symlink", AT_FDCWD, IN "/link",
		   O_PATH | O_NOFOLLOW, 0);
	SAME_FLAGS(ELOOP, "a symlink loop", AT_FDCWD, IN "/loop", O_RDONLY, 0);
	SAME_FLAGS(ENOENT, "a dangling symlink", AT_FDCWD, IN "/dangling", O_RDONLY, 0);
	SAME_FLAGS(EEXIST, "O_EXCL of a file", AT_FDCWD, IN "/file",
		   O_RDWR | O_CREAT | O_EXCL, 0644);
	/* With or without path rules: the name exists, the symlink unfollowed. */
	SAME_FLAGS(EEXIST, "O_EXCL of a symlink", AT_FDCWD, IN "/link",
		   O_RDWR | O_CREAT | O_EXCL, 0644);
	SAME_FLAGS(EEXIST, "O_EXCL of a dangling symlink", AT_FDCWD,
		   IN "/dangling", O_RDWR | O_CREAT | O_EXCL, 0644);
	SAME_FLAGS(ELOOP, "O_CREAT | O_NOFOLLOW of a symlink", AT_FDCWD, IN "/link",
		   O_RDWR | O_CREAT | O_NOFOLLOW, 0644);
	SAME_FLAGS(0, "O_CREAT of a file", AT_FDCWD, IN "/file", O_RDWR | O_CREAT, 0644);
	/* A FIFO: the open is the host's, with its side effects. */
	SAME_FLAGS(0, "a FIFO to read", AT_FDCWD, IN "/fifo", O_RDONLY | O_NONBLOCK, 0);
	SAME_FLAGS(ENXIO, "a FIFO to write", AT_FDCWD, IN "/fifo",
		   O_WRONLY | O_NONBLOCK, 0);
	SAME_FLAGS(0, "/dev/null", AT_FDCWD, "/dev/null", O_RDWR, 0);
	/* O_TMPFILE. */
	SAME_FLAGS(EINVAL, "O_TMPFILE read-only", AT_FDCWD, IN, O_TMPFILE | O_RDONLY,
		   0600);
	SAME_FLAGS(EINVAL, "O_TMPFILE | O_CREAT", AT_FDCWD, IN,
		   O_TMPFILE | O_CREAT | O_RDWR, 0600);
	SAME_FLAGS(ENOTDIR, "O_TMPFILE of a file", AT_FDCWD, IN "/file",
		   O_TMPFILE | O_RDWR, 0600);
	SAME_FLAGS(ENOENT, "O_TMPFILE of nothing", AT_FDCWD, IN "/missing",
		   O_TMPFILE | O_RDWR, 0600);
	/* Unknown bits: open and openat drop them. */
	SAME(0, "openat, unknown flags", __NR_openat, AT_FDCWD, IN "/file",
	     O_RDONLY | 0x40000000, 0);
	SAME(0, "open, a mode without O_CREAT", __NR_open, IN "/file", O_RDONLY,
	     0777, 0);
	SAME(0, "openat, O_PATH with other flags", __NR_openat, AT_FDCWD, IN "/file",
	     O_PATH | O_RDWR | O_TRUNC | O_CREAT, 0644);
}

static void compare_creation(void)
{
	struct open_how how = { .flags = O_RDWR | O_CREAT, .mode = 0751 };
	struct answer a;

	umask(022);
	SAME_NEW(0, "open, O_CREAT", IN "/new", __NR_open, IN "/new",
		 O_RDWR | O_CREAT, 0777, 0);
	SAME_NEW(0, "openat, O_CREAT | O_EXCL", IN "/new", __NR_openat, AT_FDCWD,
		 IN "/new", O_WRONLY | O_CREAT | O_EXCL, 0640);
	SAME_NEW(0, "openat2, O_CREAT", IN "/new", __NR_openat2, AT_FDCWD,
		 IN "/new", &how, sizeof(how));
	SAME_NEW(0, "creat", IN "/new", __NR_creat, IN "/new", 0666, 0, 0);
	SAME_NEW(0, "creat, a mode with extra bits", IN "/new", __NR_creat,
		 IN "/new", 0170666, 0, 0);
	umask(0);
	SAME_NEW(0, "creat, setuid, umask 0", IN "/new", __NR_creat, IN "/new",
		 04755, 0, 0);
	umask(022);
	/* A new inode each time: only the modes are compared. */
	SAME_NEW(0, "O_TMPFILE", IN "/none", __NR_openat, AT_FDCWD, IN,
		 O_TMPFILE | O_RDWR, 0600);
	/*
	 * O_CREAT through a dangling symlink creates its target, as the host
	 * does, when the module opens the copy in one walk (no path rules);
	 * with path rules it decides on the parent of the name, and fails with
	 * EEXIST, the documented difference.
	 */
	a = host_answer(__NR_openat, AT_FDCWD, (long)(IN "/dangling"),
			O_RDWR | O_CREAT, 0644, IN "/target");
	CHECK(a.ret >= 0 && S_ISREG(a.created));
	if (emulated_answer(&a, __NR_openat, AT_FDCWD, (long)(IN "/dangling"),
			    O_RDWR | O_CREAT, 0644, IN "/target")) {
		if (host_mode == HOST_REPLAY)
			CHECK(a.ret == -1 && a.err == EEXIST && !a.created);
		else
			CHECK(a.ret >= 0 && S_ISREG(a.created));
	}
}

static void compare_openat2(char *const pages)
{
	static char big[2 * PAGE] __attribute__((aligned(8)));
	struct open_how *const how = (struct open_how *)big;
	char *const hole = pages + PAGE;
	size_t i;
	static const __u64 resolve[] = {
		RESOLVE_NO_XDEV, RESOLVE_NO_MAGICLINKS, RESOLVE_NO_SYMLINKS,
		RESOLVE_BENEATH, RESOLVE_IN_ROOT, RESOLVE_CACHED,
	};
	struct answer a;
	int dir;

	memset(big, 0, sizeof(big));
	how->flags = O_RDONLY;
#define OPENAT2(want, what, size) \
	SAME(want, what, __NR_openat2, AT_FDCWD, IN "/file", how, size)
	OPENAT2(0, "openat2, size 24", 24);
	OPENAT2(0, "openat2, size 32", 32);
	OPENAT2(0, "openat2, size PAGE", PAGE);
	OPENAT2(EINVAL, "openat2, size 0", 0);
	OPENAT2(EINVAL, "openat2, size 8", 8);
	OPENAT2(EINVAL, "openat2, size 23", 23);
	OPENAT2(E2BIG, "openat2, size PAGE + 1", PAGE + 1);
	OPENAT2(E2BIG, "openat2, size ~0", -1L);
	big[30] = 1;
	OPENAT2(E2BIG, "openat2, a byte set past the struct", 32);
	big[30] = 0;
	SAME(EFAULT, "openat2, how NULL", __NR_openat2, AT_FDCWD, IN "/file", 0, 24);
	SAME(EFAULT, "openat2, how unmapped", __NR_openat2, AT_FDCWD, IN "/file",
	     hole, 24);
	SAME(EFAULT, "openat2, how across a hole", __NR_openat2, AT_FDCWD,
	     IN "/file", hole - 8, 24);
	how->flags = 1ULL << 32;
	OPENAT2(EINVAL, "openat2, flag bit 32", 24);
	how->flags = O_RDONLY | 0x40000000;
	OPENAT2(EINVAL, "openat2, unknown flags", 24);
	how->flags = O_RDONLY;
	how->mode = 0644;
	OPENAT2(EINVAL, "openat2, a mode without O_CREAT", 24);
	how->flags = O_RDWR | O_CREAT;
	how->mode = 010644;
	OPENAT2(EINVAL, "openat2, a mode beyond S_IALLUGO", 24);
	how->mode = 0;
	how->flags = O_PATH | O_RDWR;
	OPENAT2(EINVAL, "openat2, O_PATH | O_RDWR", 24);
	how->flags = O_PATH | O_CLOEXEC | O_NOFOLLOW;
	OPENAT2(0, "openat2, O_PATH | O_CLOEXEC", 24);
	how->flags = O_RDONLY;
	how->resolve = 1ULL << 20;
	OPENAT2(EINVAL, "openat2, unknown resolve", 24);
	how->resolve = RESOLVE_BENEATH | RESOLVE_IN_ROOT;
	OPENAT2(EINVAL, "openat2, RESOLVE_BENEATH | RESOLVE_IN_ROOT", 24);
	/* Bad flags are found before the path is read. */
	how->resolve = 0;
	how->flags = 1ULL << 40;
	SAME(EINVAL, "openat2, bad flags, NULL path", __NR_openat2, AT_FDCWD, 0, how,
	     24);
	how->flags = O_RDONLY;
#undef OPENAT2
	/* The documented difference: any RESOLVE_* flag is ENOSYS. */
	dir = open(IN, O_PATH | O_CLOEXEC);
	CHECK(dir >= 0);
	for (i = 0; i < ARRAY_SIZE(resolve); i++) {
		how->resolve = resolve[i];
		a = host_answer(__NR_openat2, dir, (long)"file", (long)how, 24, NULL);
		if (resolve[i] != RESOLVE_CACHED && a.ret < 0)
			WRONG("host openat2 with resolve %#llx: %s",
			      (unsigned long long)resolve[i], strerror(a.err));
		if (emulated_answer(&a, __NR_openat2, dir, (long)"file", (long)how, 24,
				    NULL) && (a.ret != -1 || a.err != ENOSYS))
			WRONG("openat2 with resolve %#llx: %ld (%s), not ENOSYS",
			      (unsigned long long)resolve[i], a.ret, strerror(a.err));
	}
	close(dir);
}

/* What a user without privilege gets, and running out of descriptors. */
static int compare_unprivileged(void)
{
	struct rlimit lim;
	int fd;

	fails = 0;
	if (!CHECK(!setgroups(0, NULL)) || !CHECK(!setresgid(65534, 65534, 65534)) ||
	    !CHECK(!setresuid(65534, 65534, 65534)))
		return 1;
	SAME_FLAGS(EACCES, "a file of root's, 0600", AT_FDCWD, IN "/secret",
		   O_RDONLY, 0);
	SAME_FLAGS(EACCES, "a file of root's, 0644, for writing", AT_FDCWD,
		   IN "/file", O_WRONLY, 0);
	SAME_FLAGS(0, "O_PATH of a file of root's, 0600", AT_FDCWD, IN "/secret",
		   O_PATH, 0);
	SAME_FLAGS(EACCES, "in a directory of root's, 0700", AT_FDCWD,
		   IN "/closed/f", O_RDONLY, 0);
	SAME_FLAGS(EACCES, "O_PATH in a directory of root's, 0700", AT_FDCWD,
		   IN "/closed/f", O_PATH, 0);
	SAME_FLAGS(EACCES, "creating in a directory of root's", AT_FDCWD,
		   IN "/dir/new", O_RDWR | O_CREAT, 0644);
	SAME_FLAGS(EACCES, "O_TMPFILE in a directory of root's", AT_FDCWD,
		   IN "/dir", O_TMPFILE | O_RDWR, 0600);
	SAME(EACCES, "creat in a directory of root's", __NR_creat, IN "/dir/new",
	     0644, 0, 0);
	/* No descriptor left. */
	fd = dup(0);
	if (!CHECK(fd >= 0))
		return 1;
	close(fd);
	lim.rlim_cur = fd;
	lim.rlim_max = fd;
	CHECK(!setrlimit(RLIMIT_NOFILE, &lim));
	SAME_FLAGS(EMFILE, "no descriptor left", AT_FDCWD, IN "/file", O_RDONLY, 0);
	return fails ? 1 : 0;
}

/* A read-only mount. */
static void compare_read_only(void)
{
	CHECK(!mount("tmpfs", IN "/ro", "tmpfs", 0, NULL));
	CHECK(put_file(IN "/ro/f", "f\n", 0644));
	CHECK(!mount(NULL, IN "/ro", NULL, MS_REMOUNT | MS_RDONLY, NULL));
	SAME_FLAGS(0, "read-only mount, to read", AT_FDCWD, IN "/ro/f", O_RDONLY, 0);
	SAME_FLAGS(EROFS, "read-only mount, to write", AT_FDCWD, IN "/ro/f",
		   O_WRONLY, 0);
	SAME_FLAGS(EROFS, "read-only mount, O_TRUNC", AT_FDCWD, IN "/ro/f",
		   O_RDONLY | O_TRUNC, 0);
	SAME_FLAGS(EROFS, "read-only mount, O_CREAT", AT_FDCWD, IN "/ro/new",
		   O_RDWR | O_CREAT, 0644);
	SAME_FLAGS(EROFS, "read-only mount, O_TMPFILE", AT_FDCWD, IN "/ro",
		   O_TMPFILE | O_RDWR, 0600);
	SAME(EROFS, "read-only mount, creat", __NR_creat, IN "/ro/f", 0644, 0, 0);
	umount2(IN "/ro", MNT_DETACH);
}

static int body_input(void)
{
	char *pages;
	int status;
	pid_t pid;

	pages = mmap(NULL, PAGES * PAGE, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!CHECK(pages != MAP_FAILED) || !CHECK(!munmap(pages + PAGE, PAGE)))
		return 1;
	inherited_fd = open(IN "/dir", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	CHECK(inherited_fd >= 0);
	compare_paths(pages);
	compare_dirfds();
	compare_flags();
	compare_creation();
	compare_openat2(pages);
	compare_read_only();
	pid = fork();
	if (pid == 0)
		_exit(compare_unprivileged());
	CHECK(pid > 0 && waitpid(pid, &status, 0) == pid && exited_ok(status));
	return fails ? 1 : 0;
}

FIXTURE(input) {
	int fd;
};

FIXTURE_SETUP(input)
{
	struct pol p;

	ASSERT_TRUE(private_mounts());
	if (mkdir(IN, 0755))
		ASSERT_EQ(EEXIST, errno);
	ASSERT_EQ(0, mount("tmpfs", IN, "tmpfs", 0, "mode=0755"));
	ASSERT_TRUE(put_file(IN "/file", "file\n", 0644));
	ASSERT_TRUE(put_file(IN "/secret", "secret\n", 0600));
	ASSERT_EQ(0, mkdir(IN "/dir", 0755));
	ASSERT_EQ(0, mkdir(IN "/ro", 0755));
	ASSERT_EQ(0, mkdir(IN "/closed", 0700));
	ASSERT_TRUE(put_file(IN "/closed/f", "f\n", 0644));
	ASSERT_EQ(0, symlink("file", IN "/link"));
	ASSERT_EQ(0, symlink("target", IN "/dangling"));
	ASSERT_EQ(0, symlink("loop", IN "/loop"));
	ASSERT_EQ(0, mkfifo(IN "/fifo", 0644));
	self->fd = sandbox_create();
	ASSERT_LE(0, self->fd);
	pol_init(&p);
	pol_host_tag(&p);
	ASSERT_EQ(0, pol_set(self->fd, &p));
}

FIXTURE_TEARDOWN(input)
{
	close(self->fd);
	umount2(IN, MNT_DETACH);
	rmdir(IN);
}

TEST_F(input, bad_arguments_get_the_hosts_errors)
{
	int status;

	shm = map_shared();
	ASSERT_NE(NULL, shm);
	status = run_member(self->fd, body_input);
	EXPECT_TRUE(exited_ok(status))
	{
		TH_LOG("status %#x", status);
	}
	/* Both halves were taken: to the host, and by the module. */
	EXPECT_LE(40, counted(self->fd, __NR_openat, KSENTRY_ACT_ALLOW));
	EXPECT_LE(40, counted(self->fd, __NR_openat, KSENTRY_ACT_EMULATE));
	EXPECT_LE(10, counted(self->fd, __NR_openat2, KSENTRY_ACT_EMULATE));
	EXPECT_LE(5, counted(self->fd, __NR_creat, KSENTRY_ACT_EMULATE));
	EXPECT_LE(10, counted(self->fd, __NR_open, KSENTRY_ACT_EMULATE));
	munmap(shm, sizeof(*shm));
}

/*
 * With a path rule on opens, the module resolves each path, decides on the
 * object and opens that object: the same calls, the host's answers.
 */
TEST_F(input, bad_arguments_under_path_rules_get_the_hosts_errors)
{
	unsigned int recorded;
	struct pol p;
	int status, fd;
	pid_t pid;

	shm = map_shared();
	ASSERT_NE(NULL, shm);
	record = mmap(NULL, sizeof(*record), PROT_READ | PROT_WRITE,
		      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, record);
	/* On a file no call opens. */
	ASSERT_TRUE(put_file(IN "/ruled", "ruled\n", 0644));
	fd = open(IN "/ruled", O_PATH | O_CLOEXEC);
	ASSERT_LE(0, fd);
	pol_init(&p);
	pol_path(&p, fd, 0, ACCESS_RW, KSENTRY_ACT_ERRNO_OF(EACCES));
	ASSERT_EQ(0, pol_set(self->fd, &p));
	close(fd);
	/* The host's answers, from outside the sandbox. */
	host_mode = HOST_RECORD;
	pid = fork();
	if (pid == 0)
		_exit(body_input());
	ASSERT_LT(0, pid);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(exited_ok(status));
	recorded = record->next;
	ASSERT_GT(MAX_ANSWERS, recorded);
	record->next = 0;
	host_mode = HOST_REPLAY;
	status = run_member(self->fd, body_input);
	EXPECT_TRUE(exited_ok(status))
	{
		TH_LOG("status %#x", status);
	}
	EXPECT_EQ(recorded, record->next);
	TH_LOG("%u calls compared", recorded);
	/* Every call was the module's. */
	EXPECT_EQ(0, counted(self->fd, __NR_openat, KSENTRY_ACT_ALLOW));
	EXPECT_LE(40, counted(self->fd, __NR_openat, KSENTRY_ACT_EMULATE));
	EXPECT_LE(10, counted(self->fd, __NR_openat2, KSENTRY_ACT_EMULATE));
	munmap(record, sizeof(*record));
	munmap(shm, sizeof(*shm));
}

TEST_HARNESS_MAIN
