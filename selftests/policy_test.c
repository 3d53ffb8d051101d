// SPDX-License-Identifier: GPL-2.0
/*
 * ksentry - selftests of policies: invalid input to every ioctl, argument
 * rules, live updates and io_uring
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * Invalid input must fail with its errno and change nothing: after each
 * refusal the test reads the sandbox's info back, and where a policy is in
 * force it asks a member whether the old decision still holds.
 *
 * The member is a probe: pid 1 of a bound pid namespace that makes whatever
 * system call the test sends it down a pipe, with the six arguments given,
 * and sends the result back.  Each decision is then checked here, in the
 * test, against its expected value.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <linux/capability.h>
#include <linux/io_uring.h>
#include <linux/ksentry.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kselftest_harness.h"

#include "common.h"

#ifndef PR_SET_SYSCALL_USER_DISPATCH
#define PR_SET_SYSCALL_USER_DISPATCH 59
#endif

#ifndef AF_VSOCK
#define AF_VSOCK 40
#endif

/* copy_attr() refuses a struct larger than a page, 4096 bytes on x86-64. */
#define ATTR_MAX 4096

/* Every action type the module knows, and the first one it does not. */
#define ACT_TYPE_UNKNOWN 0x00080000U

/* What ask() returns when the member did not answer. */
#define ASK_LOST (-100000L)

/* Exit status of a helper child that could not drop its privileges. */
#define CHILD_BROKEN 255

#define NOBODY 65534

static __u64 ptr_to_u64(const void *const ptr)
{
	return (__u64)(uintptr_t)ptr;
}

/*
 * A policy being built: the attr (with room behind it for size tests), the
 * entries and the rules, one more of each than the module accepts.
 */
struct policy {
	union {
		struct ksentry_policy_attr attr;
		__u8 raw[2 * ATTR_MAX];
	};
	struct ksentry_entry entries[KSENTRY_TABLE_SIZE + 1];
	struct ksentry_rule rules[KSENTRY_MAX_RULES + 1];
};

static void policy_init(struct policy *const p, const __u32 default_action)
{
	memset(p, 0, sizeof(*p));
	p->attr.size = sizeof(p->attr);
	p->attr.default_action = default_action;
	p->attr.entries = ptr_to_u64(p->entries);
	p->attr.rules = ptr_to_u64(p->rules);
}

static void add_entry(struct policy *const p, const __u32 nr,
		      const __u32 action)
{
	p->entries[p->attr.nr_entries].nr = nr;
	p->entries[p->attr.nr_entries].action = action;
	p->attr.nr_entries++;
}

static struct ksentry_rule *add_rule(struct policy *const p, const __u32 nr,
				     const __u32 action)
{
	struct ksentry_rule *const rule = &p->rules[p->attr.nr_rules++];

	rule->nr = nr;
	rule->action = action;
	return rule;
}

static void add_cond(struct ksentry_rule *const rule, const __u32 arg,
		     const __u32 op, const __u64 mask, const __u64 value)
{
	struct ksentry_cond *const cond = &rule->conds[rule->nr_conds++];

	cond->arg = arg;
	cond->op = op;
	cond->mask = mask;
	cond->value = value;
}

/* The calls the probe member makes itself, for policies that deny the rest. */
static void add_member_entries(struct policy *const p)
{
	add_entry(p, __NR_read, KSENTRY_ACT_ALLOW);
	add_entry(p, __NR_write, KSENTRY_ACT_ALLOW);
	add_entry(p, __NR_exit_group, KSENTRY_ACT_ALLOW);
	add_entry(p, __NR_exit, KSENTRY_ACT_ALLOW);
}

static int policy_set(const int fd, const struct policy *const p)
{
	return ioctl(fd, KSENTRY_SANDBOX_SET_POLICY, &p->attr);
}

static struct policy *policy_alloc(void)
{
	return calloc(1, sizeof(struct policy));
}

static int bind_ns(const int sandbox, const int ns)
{
	struct ksentry_bind_attr attr = {
		.size = sizeof(attr),
		.pidns_fd = ns,
	};

	return ioctl(sandbox, KSENTRY_SANDBOX_BIND, &attr);
}

static int open_ns(const pid_t pid, const char *const name)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/ns/%s", pid, name);
	return open(path, O_RDONLY | O_CLOEXEC);
}

/*
 * A mapped page followed by an inaccessible one.  Returns the address of
 * the second: anything there faults, and a struct placed just before it
 * is cut off.
 */
static char *hole_new(void)
{
	const long page = sysconf(_SC_PAGESIZE);
	char *p;

	p = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	if (mprotect(p + page, page, PROT_NONE))
		return NULL;
	return p + page;
}

/* The number the next new file descriptor gets: it shows a leaked one. */
static int next_fd(void)
{
	int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);

	if (fd >= 0)
		close(fd);
	return fd;
}

static void kill_wait(const pid_t pid)
{
	int status;

	if (pid <= 0)
		return;
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
}

static bool exited_with(const int code, const int status)
{
	return WIFEXITED(status) && WEXITSTATUS(status) == code;
}

/* Drop CAP_SYS_ADMIN from the effective, permitted and inheritable sets. */
static int drop_sys_admin(void)
{
	struct __user_cap_header_struct header = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];
	const unsigned int i = CAP_TO_INDEX(CAP_SYS_ADMIN);
	const __u32 bit = CAP_TO_MASK(CAP_SYS_ADMIN);

	if (syscall(__NR_capget, &header, data))
		return -1;
	data[i].effective &= ~bit;
	data[i].permitted &= ~bit;
	data[i].inheritable &= ~bit;
	if (syscall(__NR_capset, &header, data))
		return -1;
	if (syscall(__NR_capget, &header, data))
		return -1;
	return (data[i].effective | data[i].permitted) & bit ? -1 : 0;
}

/* Become nobody: a root process that changes its uids loses every capability. */
static int become_nobody(void)
{
	if (setgroups(0, NULL) || setresgid(NOBODY, NOBODY, NOBODY) ||
	    setresuid(NOBODY, NOBODY, NOBODY))
		return -1;
	return 0;
}

enum unprivileged {
	WITHOUT_SYS_ADMIN,
	AS_NOBODY,
};

/*
 * ioctl(fd, cmd, arg) in a child that dropped its privileges first.
 * Returns 0 if the call succeeded, its errno if it failed, CHILD_BROKEN if
 * the privileges could not be dropped, -1 if the child did not exit.
 */
static int ioctl_unprivileged(const enum unprivileged how, const int fd,
			      const unsigned long cmd, const void *const arg)
{
	int status;
	pid_t pid;

	pid = fork();
	if (pid == 0) {
		if (how == AS_NOBODY ? become_nobody() : drop_sys_admin())
			_exit(CHILD_BROKEN);
		_exit(ioctl(fd, cmd, arg) < 0 ? errno : 0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/* The probe member: see the top of the file. */
struct member {
	pid_t pid;
	int call;	/* the test's end of the pipe that carries calls */
	int reply;	/* the test's end of the pipe that carries results */
	int go;		/* releases the member */
};

struct call {
	long nr;
	unsigned long args[6];
};

struct reply {
	long ret;
	int err;
};

static void member_serve(const int in, const int out)
{
	struct reply r;
	struct call c;

	while (read(in, &c, sizeof(c)) == sizeof(c)) {
		errno = 0;
		r.ret = syscall(c.nr, c.args[0], c.args[1], c.args[2],
				c.args[3], c.args[4], c.args[5]);
		r.err = errno;
		if (write(out, &r, sizeof(r)) != sizeof(r))
			break;
	}
	_exit(0);
}

/*
 * Start a member as pid 1 of a new pid namespace, held until
 * member_release().  Its first call after that is the first read of a
 * call, so it can be bound in between.
 */
static int member_spawn(struct member *const m)
{
	int call[2], reply[2], go[2];
	char c;

	m->pid = 0;
	m->call = -1;
	m->reply = -1;
	m->go = -1;
	if (pipe2(call, O_CLOEXEC) || pipe2(reply, O_CLOEXEC) ||
	    pipe2(go, O_CLOEXEC))
		return -1;
	/* A member that died leaves EPIPE, not a dead test. */
	signal(SIGPIPE, SIG_IGN);
	m->pid = syscall(__NR_clone, CLONE_NEWPID | SIGCHLD, 0, 0, 0, 0);
	if (m->pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		close(call[1]);
		close(reply[0]);
		close(go[1]);
		if (read(go[0], &c, 1) != 1)
			_exit(99);
		member_serve(call[0], reply[1]);
	}
	close(call[0]);
	close(reply[1]);
	close(go[0]);
	m->call = call[1];
	m->reply = reply[0];
	m->go = go[1];
	return m->pid > 0 ? 0 : -1;
}

static void member_release(struct member *const m)
{
	if (m->go < 0)
		return;
	if (write(m->go, "g", 1) != 1)
		abort();
	close(m->go);
	m->go = -1;
}

static void member_stop(struct member *const m)
{
	kill_wait(m->pid);
	m->pid = 0;
	if (m->call >= 0)
		close(m->call);
	if (m->reply >= 0)
		close(m->reply);
	if (m->go >= 0)
		close(m->go);
	m->call = -1;
	m->reply = -1;
	m->go = -1;
}

/* Spawn a member, bind @sandbox to its namespace and release it. */
static int member_start(struct member *const m, const int sandbox)
{
	int err;

	if (member_spawn(m))
		return -1;
	if (sandbox_bind_pid(sandbox, m->pid)) {
		err = errno;
		member_stop(m);
		errno = err;
		return -1;
	}
	member_release(m);
	return 0;
}

/* Have the member make a call: its result, or -errno, or ASK_LOST. */
static long ask(struct member *const m, const long nr,
		const unsigned long args[6])
{
	struct call c = { .nr = nr };
	struct reply r;

	memcpy(c.args, args, sizeof(c.args));
	if (write(m->call, &c, sizeof(c)) != sizeof(c) ||
	    read(m->reply, &r, sizeof(r)) != sizeof(r))
		return ASK_LOST;
	return r.ret == -1 ? -r.err : r.ret;
}

#define ASK(m, nr, ...) ask(m, nr, (const unsigned long[6]) { __VA_ARGS__ })

/* The same call made here, outside every sandbox, in the same form. */
static long outside(const long nr, const unsigned long a0,
		    const unsigned long a1, const unsigned long a2)
{
	long ret;

	errno = 0;
	ret = syscall(nr, a0, a1, a2, 0, 0, 0);
	return ret == -1 ? -errno : ret;
}

/*
 * run_body - Run @body as pid 1 of a new pid namespace bound to @sandbox;
 * returns its wait status, or -1.  The body is held until the binding is
 * done, so it is a member from its first instruction.
 */
static int run_body(struct __test_metadata *const _metadata, const int sandbox,
		    int (*body)(void))
{
	int release, status = -1, bound;
	pid_t pid;

	pid = spawn_held(&release);
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		_exit(body());
	}
	if (pid < 0)
		return -1;
	bound = sandbox_bind_pid(sandbox, pid);
	if (bound) {
		TH_LOG("bind: %s", strerror(errno));
		kill(pid, SIGKILL);
	}
	release_child(release);
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return bound ? -1 : status;
}

/* A process that waits to be killed, as pid 1 of a new pid namespace. */
static pid_t spawn_idle(void)
{
	pid_t pid;

	pid = syscall(__NR_clone, CLONE_NEWPID | SIGCHLD, 0, 0, 0, 0);
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		for (;;)
			pause();
	}
	return pid;
}

/*
 * A process in a new pid namespace with a child in another one below it:
 * @upper and @lower receive both namespaces' fds.  The kernel shows
 * pid_for_children only once that namespace has its first process.
 */
static pid_t spawn_nested(int *const upper, int *const lower)
{
	int ready[2];
	pid_t pid;
	char c;

	if (pipe2(ready, O_CLOEXEC))
		return -1;
	pid = syscall(__NR_clone, CLONE_NEWPID | SIGCHLD, 0, 0, 0, 0);
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		close(ready[0]);
		if (unshare(CLONE_NEWPID))
			_exit(1);
		/* pid 1 of the lower namespace */
		if (fork() == 0) {
			for (;;)
				pause();
		}
		if (write(ready[1], "r", 1) != 1)
			_exit(2);
		for (;;)
			pause();
	}
	close(ready[1]);
	if (pid > 0 && read(ready[0], &c, 1) != 1) {
		kill_wait(pid);
		pid = -1;
	}
	close(ready[0]);
	if (pid < 0)
		return -1;
	*upper = open_ns(pid, "pid");
	*lower = open_ns(pid, "pid_for_children");
	return pid;
}

static __u64 stats_count(const int fd, const unsigned int slot,
			 const __u32 type)
{
	static __u64 counts[KSENTRY_STATS_SLOTS * KSENTRY_STATS_ACTIONS];
	struct ksentry_stats_attr attr = {
		.size = sizeof(attr),
		.counts = ptr_to_u64(counts),
		.counts_size = sizeof(counts),
	};

	if (ioctl(fd, KSENTRY_SANDBOX_GET_STATS, &attr))
		return ~0ULL;
	return counts[slot * KSENTRY_STATS_ACTIONS + (type >> 16) - 1];
}

/* CREATE_SANDBOX */

/* A buffer larger than any attr, with a hole right behind. */
static __u8 big[2 * ATTR_MAX];

static void expect_create_refused(struct __test_metadata *const _metadata,
				  const int dev, const void *const attr,
				  const int err)
{
	const int before = next_fd();
	int ret, seen;

	errno = 0;
	ret = ioctl(dev, KSENTRY_IOCTL_CREATE_SANDBOX, attr);
	seen = errno;
	if (ret >= 0)
		close(ret);
	ASSERT_EQ(-1, ret);
	ASSERT_EQ(err, seen)
	{
		TH_LOG("errno %d (%s)", seen, strerror(seen));
	}
	/* No file descriptor was left behind. */
	ASSERT_EQ(before, next_fd());
}

static struct ksentry_create_attr *create_attr(const __u32 size,
					       const __u32 flags)
{
	struct ksentry_create_attr *const attr = (void *)big;

	memset(big, 0, sizeof(big));
	attr->size = size;
	attr->flags = flags;
	return attr;
}

TEST(create_flags)
{
	int dev;

	dev = open(KSENTRY_DEV, O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, dev);
	expect_create_refused(_metadata, dev, create_attr(8, 1), EINVAL);
	expect_create_refused(_metadata, dev, create_attr(8, 0x80000000),
			      EINVAL);
	expect_create_refused(_metadata, dev, create_attr(16, 1), EINVAL);
	close(dev);
}

TEST(create_size_too_small)
{
	int dev;

	dev = open(KSENTRY_DEV, O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, dev);
	expect_create_refused(_metadata, dev, create_attr(0, 0), EINVAL);
	expect_create_refused(_metadata, dev, create_attr(4, 0), EINVAL);
	expect_create_refused(_metadata, dev, create_attr(7, 0), EINVAL);
	close(dev);
}

TEST(create_size_larger_with_garbage)
{
	int dev;

	dev = open(KSENTRY_DEV, O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, dev);
	create_attr(16, 0);
	big[8] = 1;
	expect_create_refused(_metadata, dev, big, E2BIG);
	create_attr(16, 0);
	big[15] = 0x80;
	expect_create_refused(_metadata, dev, big, E2BIG);
	create_attr(ATTR_MAX, 0);
	big[ATTR_MAX - 1] = 1;
	expect_create_refused(_metadata, dev, big, E2BIG);
	close(dev);
}

TEST(create_size_over_a_page)
{
	int dev;

	dev = open(KSENTRY_DEV, O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, dev);
	/* Refused even with a zero tail. */
	expect_create_refused(_metadata, dev, create_attr(ATTR_MAX + 1, 0),
			      E2BIG);
	expect_create_refused(_metadata, dev, create_attr(2 * ATTR_MAX, 0),
			      E2BIG);
	expect_create_refused(_metadata, dev, create_attr(UINT_MAX, 0), E2BIG);
	close(dev);
}

TEST(create_size_larger_with_zero_tail)
{
	struct ksentry_sandbox_info info;
	int dev, fd;

	dev = open(KSENTRY_DEV, O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, dev);
	fd = ioctl(dev, KSENTRY_IOCTL_CREATE_SANDBOX, create_attr(16, 0));
	ASSERT_LE(0, fd)
	{
		TH_LOG("size 16: %s", strerror(errno));
	}
	ASSERT_EQ(0, sandbox_info(fd, &info));
	close(fd);
	fd = ioctl(dev, KSENTRY_IOCTL_CREATE_SANDBOX, create_attr(ATTR_MAX, 0));
	ASSERT_LE(0, fd)
	{
		TH_LOG("size %d: %s", ATTR_MAX, strerror(errno));
	}
	ASSERT_EQ(0, sandbox_info(fd, &info));
	close(fd);
	close(dev);
}

TEST(create_bad_pointer)
{
	struct ksentry_create_attr *attr;
	char *hole;
	int dev, fd;

	hole = hole_new();
	ASSERT_NE(NULL, hole);
	dev = open(KSENTRY_DEV, O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, dev);
	expect_create_refused(_metadata, dev, NULL, EFAULT);
	expect_create_refused(_metadata, dev, hole, EFAULT);
	/* The size is readable, the zero tail it announces is not. */
	attr = (void *)(hole - sizeof(*attr));
	attr->size = 16;
	attr->flags = 0;
	expect_create_refused(_metadata, dev, attr, EFAULT);
	/* The same struct with its own size fits: accepted. */
	attr->size = sizeof(*attr);
	fd = ioctl(dev, KSENTRY_IOCTL_CREATE_SANDBOX, attr);
	ASSERT_LE(0, fd)
	{
		TH_LOG("attr before the hole: %s", strerror(errno));
	}
	close(fd);
	close(dev);
}

TEST(create_without_cap_sys_admin)
{
	const struct ksentry_create_attr attr = { .size = sizeof(attr) };
	int dev, fd;

	/* /dev/ksentry is 0600: open it while still root. */
	dev = open(KSENTRY_DEV, O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, dev);
	ASSERT_EQ(EPERM, ioctl_unprivileged(WITHOUT_SYS_ADMIN, dev,
					    KSENTRY_IOCTL_CREATE_SANDBOX,
					    &attr));
	ASSERT_EQ(EPERM, ioctl_unprivileged(AS_NOBODY, dev,
					    KSENTRY_IOCTL_CREATE_SANDBOX,
					    &attr));
	/* The same fd and attr work with the capability. */
	fd = ioctl(dev, KSENTRY_IOCTL_CREATE_SANDBOX, &attr);
	ASSERT_LE(0, fd);
	close(fd);
	close(dev);
}

/* SET_POLICY: one invalid (or edge) field per variant */

enum field {
	F_SIZE,		/* size = value; raw[index] = 1 if index */
	F_FLAGS,
	F_RESERVED,
	F_DEFAULT,
	F_IA32,
	F_X32,
	F_NR_ENTRIES,
	F_NR_RULES,
	F_ATTR_PTR,	/* value: enum bad_ptr */
	F_ENTRIES_PTR,
	F_RULES_PTR,
	F_ENTRY_NR,	/* entries[index] */
	F_ENTRY_ACTION,
	F_RULE_NR,	/* rules[index] */
	F_RULE_ACTION,
	F_RULE_NR_CONDS,
	F_RULE_RESERVED,
	F_COND_ARG,	/* rules[index].conds[cond] */
	F_COND_OP,
	F_COND_MASK,
	F_COND_VALUE,
};

enum bad_ptr {
	PTR_NULL,
	PTR_UNMAPPED,
	PTR_CUT,	/* readable for 8 bytes, then the hole */
};

/*
 * The policy each variant changes one field of: valid, and different from
 * the old policy of the bound sandbox (it allows getuid).
 */
static void base_policy(struct policy *const p)
{
	struct ksentry_rule *rule;

	policy_init(p, KSENTRY_ACT_ALLOW);
	add_entry(p, __NR_getuid, KSENTRY_ACT_ALLOW);		/* [0] */
	add_entry(p, __NR_getppid, KSENTRY_ACT_ALLOW);		/* [1] */
	add_member_entries(p);					/* [2..5] */
	rule = add_rule(p, __NR_getpid, KSENTRY_ACT_ERRNO_OF(EDOM));
	add_cond(rule, 0, KSENTRY_CMP_EQ, ~0ULL, 7);
	rule = add_rule(p, __NR_getppid, KSENTRY_ACT_ERRNO_OF(ERANGE));
	add_cond(rule, 1, KSENTRY_CMP_EQ, ~0ULL, 9);
}

FIXTURE(policy_field) {
	struct policy *p;
	char *hole;
	int fresh;		/* a sandbox without a policy */
	int bound;		/* bound, its member gets EACCES from getuid */
	struct member m;
	pid_t spare;
	int spare_ns;		/* its pid namespace, nobody's */
};

/* One field set to one value. */
struct field_change {
	enum field field;
	unsigned int index;
	unsigned int cond;
	__u64 value;
};

FIXTURE_VARIANT(policy_field) {
	struct field_change change;
	int err;		/* 0: the policy is valid */
};

static void *bad_ptr(char *const hole, const enum bad_ptr kind,
		     const void *const valid)
{
	switch (kind) {
	case PTR_NULL:
		return NULL;
	case PTR_UNMAPPED:
		return hole;
	case PTR_CUT:
		memcpy(hole - 8, valid, 8);
		return hole - 8;
	}
	return NULL;
}

/* Apply a change to the base policy; returns the attr pointer to pass. */
static void *apply(struct policy *const p, char *const hole,
		   const struct field_change *const v)
{
	struct ksentry_entry *const entry = &p->entries[v->index];
	struct ksentry_rule *const rule = &p->rules[v->index];
	struct ksentry_cond *const cond = &rule->conds[v->cond];

	switch (v->field) {
	case F_SIZE:
		p->attr.size = v->value;
		if (v->index)
			p->raw[v->index] = 1;
		break;
	case F_FLAGS:
		p->attr.flags = v->value;
		break;
	case F_RESERVED:
		p->attr.reserved = v->value;
		break;
	case F_DEFAULT:
		p->attr.default_action = v->value;
		break;
	case F_IA32:
		p->attr.ia32_action = v->value;
		break;
	case F_X32:
		p->attr.x32_action = v->value;
		break;
	case F_NR_ENTRIES:
		p->attr.nr_entries = v->value;
		break;
	case F_NR_RULES:
		p->attr.nr_rules = v->value;
		break;
	case F_ATTR_PTR:
		return bad_ptr(hole, v->value, &p->attr);
	case F_ENTRIES_PTR:
		p->attr.entries = ptr_to_u64(bad_ptr(hole, v->value, p->entries));
		break;
	case F_RULES_PTR:
		p->attr.rules = ptr_to_u64(bad_ptr(hole, v->value, p->rules));
		break;
	case F_ENTRY_NR:
		entry->nr = v->value;
		break;
	case F_ENTRY_ACTION:
		entry->action = v->value;
		break;
	case F_RULE_NR:
		rule->nr = v->value;
		break;
	case F_RULE_ACTION:
		rule->action = v->value;
		break;
	case F_RULE_NR_CONDS:
		rule->nr_conds = v->value;
		break;
	case F_RULE_RESERVED:
		rule->reserved = v->value;
		break;
	case F_COND_ARG:
		cond->arg = v->value;
		break;
	case F_COND_OP:
		cond->op = v->value;
		break;
	case F_COND_MASK:
		cond->mask = v->value;
		break;
	case F_COND_VALUE:
		cond->value = v->value;
		break;
	}
	return &p->attr;
}

/* Field f set to v: refused with errno e, or taken if e is 0. */
#define SET(f, v, e) .change = { .field = f, .value = v }, .err = e

/* The same for entries[i], rules[i] or rules[i].conds[c]. */
#define SET_AT(f, i, c, v, e) \
	.change = { .field = f, .index = i, .cond = c, .value = v }, .err = e

/* The size field: too small, too large, or larger with a non-zero tail. */
FIXTURE_VARIANT_ADD(policy_field, size_0) {
	SET(F_SIZE, 0, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, size_4) {
	SET(F_SIZE, 4, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, size_47) {
	SET(F_SIZE, 47, EINVAL)
};

/*
 * Since ABI 4, bytes 48 to 55 are the emu pointer: junk there points
 * nowhere.  Past them, a larger struct's tail must be zero.
 */
FIXTURE_VARIANT_ADD(policy_field, size_56_junk_emu) {
	SET_AT(F_SIZE, 55, 0, 56, EFAULT)
};

FIXTURE_VARIANT_ADD(policy_field, size_49_junk_emu) {
	SET_AT(F_SIZE, 48, 0, 49, EFAULT)
};

/*
 * Since ABI 5, bytes 56 to 71 are the path rules: one rule at address 0
 * cannot be read, and reserved2 must be 0.  Past them, the tail is zero.
 */
FIXTURE_VARIANT_ADD(policy_field, size_57_one_path_rule_at_null) {
	SET_AT(F_SIZE, 56, 0, 57, EFAULT)
};

FIXTURE_VARIANT_ADD(policy_field, size_64_reserved2) {
	SET_AT(F_SIZE, 63, 0, 64, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, size_72_junk_path_rules) {
	SET_AT(F_SIZE, 71, 0, 72, 0)
};

/*
 * Since ABI 6, bytes 72 to 83 are the path defaults, an action each (1 is
 * none), and 84 to 87 reserved3.  Past them, the tail is zero.
 */
FIXTURE_VARIANT_ADD(policy_field, size_73_junk_path_default_read) {
	SET_AT(F_SIZE, 72, 0, 73, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, size_80_junk_path_default_write) {
	SET_AT(F_SIZE, 79, 0, 80, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, size_84_junk_path_default_exec) {
	SET_AT(F_SIZE, 83, 0, 84, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, size_88_reserved3) {
	SET_AT(F_SIZE, 87, 0, 88, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, size_96_garbage) {
	SET_AT(F_SIZE, 95, 0, 96, E2BIG)
};

FIXTURE_VARIANT_ADD(policy_field, size_89_garbage) {
	SET_AT(F_SIZE, 88, 0, 89, E2BIG)
};

/* A caller from before ABI 4 knows 48 bytes: no view. */
FIXTURE_VARIANT_ADD(policy_field, size_48_abi3) {
	SET(F_SIZE, 48, 0)
};

FIXTURE_VARIANT_ADD(policy_field, size_page_garbage) {
	SET_AT(F_SIZE, ATTR_MAX - 1, 0, ATTR_MAX, E2BIG)
};

FIXTURE_VARIANT_ADD(policy_field, size_over_page) {
	SET(F_SIZE, ATTR_MAX + 1, E2BIG)
};

FIXTURE_VARIANT_ADD(policy_field, size_max) {
	SET(F_SIZE, UINT_MAX, E2BIG)
};

FIXTURE_VARIANT_ADD(policy_field, size_56_zero_tail) {
	SET(F_SIZE, 56, 0)
};

FIXTURE_VARIANT_ADD(policy_field, size_page_zero_tail) {
	SET(F_SIZE, ATTR_MAX, 0)
};

FIXTURE_VARIANT_ADD(policy_field, flags_1) {
	SET(F_FLAGS, 1, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, flags_top) {
	SET(F_FLAGS, 0x80000000, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, reserved_1) {
	SET(F_RESERVED, 1, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, reserved_top) {
	SET(F_RESERVED, 0x80000000, EINVAL)
};

/* default_action: every way an action can be invalid. */
FIXTURE_VARIANT_ADD(policy_field, default_zero) {
	SET(F_DEFAULT, 0, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, default_type_0_data) {
	SET(F_DEFAULT, 1, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, default_unknown_type) {
	SET(F_DEFAULT, ACT_TYPE_UNKNOWN, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, default_top_type) {
	SET(F_DEFAULT, 0xffff0000, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, default_errno_0) {
	SET(F_DEFAULT, KSENTRY_ACT_ERRNO, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, default_errno_4096) {
	SET(F_DEFAULT, KSENTRY_ACT_ERRNO | 4096, EINVAL)
};

/* ERESTARTSYS and ERECALLCONFLICT: the kernel's own codes. */
FIXTURE_VARIANT_ADD(policy_field, default_errno_erestartsys) {
	SET(F_DEFAULT, KSENTRY_ACT_ERRNO | 512, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, rule_action_errno_erecallconflict) {
	SET_AT(F_RULE_ACTION, 1, 0, KSENTRY_ACT_ERRNO | 530, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, default_errno_ffff) {
	SET(F_DEFAULT, KSENTRY_ACT_ERRNO | 0xffff, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, default_kill_process_data) {
	SET(F_DEFAULT, KSENTRY_ACT_KILL_PROCESS | 1, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, default_kill_thread_data) {
	SET(F_DEFAULT, KSENTRY_ACT_KILL_THREAD | 1, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, default_allow_data) {
	SET(F_DEFAULT, KSENTRY_ACT_ALLOW | 1, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, default_log_data) {
	SET(F_DEFAULT, KSENTRY_ACT_LOG | 0x8000, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, default_emulate_0) {
	SET(F_DEFAULT, KSENTRY_ACT_EMULATE, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, default_emulate_1) {
	SET(F_DEFAULT, KSENTRY_ACT_EMULATE | 1, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, default_emulate_ffff) {
	SET(F_DEFAULT, KSENTRY_ACT_EMULATE | 0xffff, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, default_errno_1) {
	SET(F_DEFAULT, KSENTRY_ACT_ERRNO | 1, 0)
};

FIXTURE_VARIANT_ADD(policy_field, default_errno_4095) {
	SET(F_DEFAULT, KSENTRY_ACT_ERRNO | 4095, 0)
};

FIXTURE_VARIANT_ADD(policy_field, default_trap_any_data) {
	SET(F_DEFAULT, KSENTRY_ACT_TRAP | 0xffff, 0)
};

FIXTURE_VARIANT_ADD(policy_field, default_log) {
	SET(F_DEFAULT, KSENTRY_ACT_LOG, 0)
};

/* ia32_action and x32_action: EMULATE is never theirs. */
FIXTURE_VARIANT_ADD(policy_field, ia32_emulate_0) {
	SET(F_IA32, KSENTRY_ACT_EMULATE, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, ia32_emulate_1) {
	SET(F_IA32, KSENTRY_ACT_EMULATE | 1, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, ia32_type_0_data) {
	SET(F_IA32, 1, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, ia32_unknown_type) {
	SET(F_IA32, ACT_TYPE_UNKNOWN, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, ia32_errno_0) {
	SET(F_IA32, KSENTRY_ACT_ERRNO, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, ia32_errno_4096) {
	SET(F_IA32, KSENTRY_ACT_ERRNO | 4096, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, ia32_allow_data) {
	SET(F_IA32, KSENTRY_ACT_ALLOW | 1, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, ia32_kill_thread_data) {
	SET(F_IA32, KSENTRY_ACT_KILL_THREAD | 2, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, ia32_allow) {
	SET(F_IA32, KSENTRY_ACT_ALLOW, 0)
};

FIXTURE_VARIANT_ADD(policy_field, ia32_kill_process) {
	SET(F_IA32, KSENTRY_ACT_KILL_PROCESS, 0)
};

FIXTURE_VARIANT_ADD(policy_field, ia32_trap_data) {
	SET(F_IA32, KSENTRY_ACT_TRAP | 7, 0)
};

FIXTURE_VARIANT_ADD(policy_field, ia32_errno_4095) {
	SET(F_IA32, KSENTRY_ACT_ERRNO | 4095, 0)
};

FIXTURE_VARIANT_ADD(policy_field, x32_emulate_0) {
	SET(F_X32, KSENTRY_ACT_EMULATE, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, x32_emulate_1) {
	SET(F_X32, KSENTRY_ACT_EMULATE | 1, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, x32_type_0_data) {
	SET(F_X32, 1, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, x32_unknown_type) {
	SET(F_X32, 0x00090000, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, x32_errno_0) {
	SET(F_X32, KSENTRY_ACT_ERRNO, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, x32_errno_4096) {
	SET(F_X32, KSENTRY_ACT_ERRNO | 4096, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, x32_log_data) {
	SET(F_X32, KSENTRY_ACT_LOG | 1, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, x32_log) {
	SET(F_X32, KSENTRY_ACT_LOG, 0)
};

FIXTURE_VARIANT_ADD(policy_field, x32_kill_thread) {
	SET(F_X32, KSENTRY_ACT_KILL_THREAD, 0)
};

/* Counts: checked before the arrays are read. */
FIXTURE_VARIANT_ADD(policy_field, nr_entries_513) {
	SET(F_NR_ENTRIES, KSENTRY_TABLE_SIZE + 1, E2BIG)
};

FIXTURE_VARIANT_ADD(policy_field, nr_entries_max) {
	SET(F_NR_ENTRIES, UINT_MAX, E2BIG)
};

FIXTURE_VARIANT_ADD(policy_field, nr_rules_1025) {
	SET(F_NR_RULES, KSENTRY_MAX_RULES + 1, E2BIG)
};

FIXTURE_VARIANT_ADD(policy_field, nr_rules_max) {
	SET(F_NR_RULES, UINT_MAX, E2BIG)
};

FIXTURE_VARIANT_ADD(policy_field, nr_entries_0) {
	SET(F_NR_ENTRIES, 0, 0)
};

FIXTURE_VARIANT_ADD(policy_field, nr_rules_0) {
	SET(F_NR_RULES, 0, 0)
};

/* Pointers: the attr itself and both arrays. */
FIXTURE_VARIANT_ADD(policy_field, attr_null) {
	SET(F_ATTR_PTR, PTR_NULL, EFAULT)
};

FIXTURE_VARIANT_ADD(policy_field, attr_unmapped) {
	SET(F_ATTR_PTR, PTR_UNMAPPED, EFAULT)
};

FIXTURE_VARIANT_ADD(policy_field, attr_cut) {
	SET(F_ATTR_PTR, PTR_CUT, EFAULT)
};

FIXTURE_VARIANT_ADD(policy_field, entries_null) {
	SET(F_ENTRIES_PTR, PTR_NULL, EFAULT)
};

FIXTURE_VARIANT_ADD(policy_field, entries_unmapped) {
	SET(F_ENTRIES_PTR, PTR_UNMAPPED, EFAULT)
};

FIXTURE_VARIANT_ADD(policy_field, entries_cut) {
	SET(F_ENTRIES_PTR, PTR_CUT, EFAULT)
};

FIXTURE_VARIANT_ADD(policy_field, rules_null) {
	SET(F_RULES_PTR, PTR_NULL, EFAULT)
};

FIXTURE_VARIANT_ADD(policy_field, rules_unmapped) {
	SET(F_RULES_PTR, PTR_UNMAPPED, EFAULT)
};

FIXTURE_VARIANT_ADD(policy_field, rules_cut) {
	SET(F_RULES_PTR, PTR_CUT, EFAULT)
};

/* Entries. */
FIXTURE_VARIANT_ADD(policy_field, entry_nr_512) {
	SET_AT(F_ENTRY_NR, 0, 0, KSENTRY_TABLE_SIZE, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, entry_nr_max) {
	SET_AT(F_ENTRY_NR, 0, 0, UINT_MAX, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, last_entry_nr_512) {
	SET_AT(F_ENTRY_NR, 5, 0, KSENTRY_TABLE_SIZE, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, entry_duplicate) {
	SET_AT(F_ENTRY_NR, 1, 0, __NR_getuid, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, entry_duplicate_far) {
	SET_AT(F_ENTRY_NR, 5, 0, __NR_getuid, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, entry_action_0) {
	SET_AT(F_ENTRY_ACTION, 0, 0, 0, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, entry_action_unknown) {
	SET_AT(F_ENTRY_ACTION, 1, 0, ACT_TYPE_UNKNOWN, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, entry_action_errno_0) {
	SET_AT(F_ENTRY_ACTION, 0, 0, KSENTRY_ACT_ERRNO, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, entry_action_emulate) {
	SET_AT(F_ENTRY_ACTION, 0, 0, KSENTRY_ACT_EMULATE | 1, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, entry_action_allow_data) {
	SET_AT(F_ENTRY_ACTION, 0, 0, KSENTRY_ACT_ALLOW | 1, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, entry_nr_511) {
	SET_AT(F_ENTRY_NR, 1, 0, KSENTRY_TABLE_SIZE - 1, 0)
};

/* Rules. */
FIXTURE_VARIANT_ADD(policy_field, rule_nr_512) {
	SET_AT(F_RULE_NR, 0, 0, KSENTRY_TABLE_SIZE, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, rule_nr_max) {
	SET_AT(F_RULE_NR, 0, 0, UINT_MAX, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, second_rule_nr_512) {
	SET_AT(F_RULE_NR, 1, 0, KSENTRY_TABLE_SIZE, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, rule_reserved) {
	SET_AT(F_RULE_RESERVED, 0, 0, 1, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, rule_nr_conds_0) {
	SET_AT(F_RULE_NR_CONDS, 0, 0, 0, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, rule_nr_conds_7) {
	SET_AT(F_RULE_NR_CONDS, 0, 0, KSENTRY_MAX_CONDS + 1, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, rule_nr_conds_max) {
	SET_AT(F_RULE_NR_CONDS, 0, 0, UINT_MAX, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, cond_arg_6) {
	SET_AT(F_COND_ARG, 0, 0, 6, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, cond_arg_max) {
	SET_AT(F_COND_ARG, 0, 0, UINT_MAX, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, cond_op_0) {
	SET_AT(F_COND_OP, 0, 0, 0, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, cond_op_8) {
	SET_AT(F_COND_OP, 0, 0, KSENTRY_CMP_MASKED_EQ + 1, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, cond_op_max) {
	SET_AT(F_COND_OP, 0, 0, UINT_MAX, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, second_rule_cond_op_0) {
	SET_AT(F_COND_OP, 1, 0, 0, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, unused_cond_arg) {
	SET_AT(F_COND_ARG, 0, 1, 1, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, unused_cond_op) {
	SET_AT(F_COND_OP, 0, 1, KSENTRY_CMP_EQ, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, unused_cond_mask) {
	SET_AT(F_COND_MASK, 0, 1, 1, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, unused_cond_value) {
	SET_AT(F_COND_VALUE, 0, 1, 1ULL << 63, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, unused_last_cond_value) {
	SET_AT(F_COND_VALUE, 1, 5, 1, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, rule_action_0) {
	SET_AT(F_RULE_ACTION, 0, 0, 0, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, rule_action_unknown) {
	SET_AT(F_RULE_ACTION, 0, 0, ACT_TYPE_UNKNOWN, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, rule_action_errno_0) {
	SET_AT(F_RULE_ACTION, 0, 0, KSENTRY_ACT_ERRNO, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, rule_action_errno_4096) {
	SET_AT(F_RULE_ACTION, 1, 0, KSENTRY_ACT_ERRNO | 4096, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, rule_action_emulate) {
	SET_AT(F_RULE_ACTION, 0, 0, KSENTRY_ACT_EMULATE, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, rule_action_kill_data) {
	SET_AT(F_RULE_ACTION, 0, 0, KSENTRY_ACT_KILL_PROCESS | 1, EINVAL)
};

FIXTURE_VARIANT_ADD(policy_field, rule_nr_511) {
	SET_AT(F_RULE_NR, 0, 0, KSENTRY_TABLE_SIZE - 1, 0)
};

FIXTURE_VARIANT_ADD(policy_field, cond_arg_5) {
	SET_AT(F_COND_ARG, 0, 0, 5, 0)
};

FIXTURE_VARIANT_ADD(policy_field, cond_op_masked_eq) {
	SET_AT(F_COND_OP, 0, 0, KSENTRY_CMP_MASKED_EQ, 0)
};

FIXTURE_VARIANT_ADD(policy_field, cond_mask_0) {
	SET_AT(F_COND_MASK, 0, 0, 0, 0)
};

FIXTURE_VARIANT_ADD(policy_field, rule_action_trap_data) {
	SET_AT(F_RULE_ACTION, 0, 0, KSENTRY_ACT_TRAP | 0xffff, 0)
};

FIXTURE_SETUP(policy_field)
{
	self->m.pid = 0;
	self->fresh = -1;
	self->bound = -1;
	self->spare = 0;
	self->spare_ns = -1;
	self->p = policy_alloc();
	ASSERT_NE(NULL, self->p);
	self->hole = hole_new();
	ASSERT_NE(NULL, self->hole);
	self->fresh = sandbox_create();
	ASSERT_LE(0, self->fresh);
	self->bound = sandbox_create();
	ASSERT_LE(0, self->bound);

	policy_init(self->p, KSENTRY_ACT_ALLOW);
	add_entry(self->p, __NR_getuid, KSENTRY_ACT_ERRNO_OF(EACCES));
	ASSERT_EQ(0, policy_set(self->bound, self->p));
	ASSERT_EQ(0, member_start(&self->m, self->bound))
	{
		TH_LOG("member: %s", strerror(errno));
	}
	ASSERT_EQ(-EACCES, ASK(&self->m, __NR_getuid, 0));

	/* A pid namespace nobody is bound to. */
	self->spare = spawn_idle();
	ASSERT_LT(0, self->spare);
	self->spare_ns = open_ns(self->spare, "pid");
	ASSERT_LE(0, self->spare_ns);
}

FIXTURE_TEARDOWN(policy_field)
{
	member_stop(&self->m);
	kill_wait(self->spare);
	close(self->spare_ns);
	close(self->bound);
	close(self->fresh);
	free(self->p);
}

static void expect_policy_refused(struct __test_metadata *const _metadata,
				  const int fd, const void *const attr,
				  const int err, const __u32 seq)
{
	struct ksentry_sandbox_info info;
	int ret, seen;

	errno = 0;
	ret = ioctl(fd, KSENTRY_SANDBOX_SET_POLICY, attr);
	seen = errno;
	ASSERT_EQ(-1, ret);
	ASSERT_EQ(err, seen)
	{
		TH_LOG("errno %d (%s)", seen, strerror(seen));
	}
	ASSERT_EQ(0, sandbox_info(fd, &info));
	ASSERT_EQ(seq, info.policy_seq)
	{
		TH_LOG("a refused policy counted as installed");
	}
}

TEST_F(policy_field, set)
{
	struct ksentry_sandbox_info info;
	void *attr;
	int ret;

	base_policy(self->p);
	attr = apply(self->p, self->hole, &variant->change);
	if (!variant->err) {
		/* An edge that is valid: taken, and in force. */
		ret = ioctl(self->fresh, KSENTRY_SANDBOX_SET_POLICY, attr);
		ASSERT_EQ(0, ret)
		{
			TH_LOG("refused: %s", strerror(errno));
		}
		ASSERT_EQ(0, sandbox_info(self->fresh, &info));
		ASSERT_EQ(1, info.policy_seq);
		ASSERT_EQ(0, ioctl(self->bound, KSENTRY_SANDBOX_SET_POLICY,
				   attr));
		ASSERT_EQ(0, sandbox_info(self->bound, &info));
		ASSERT_EQ(2, info.policy_seq);
		ASSERT_EQ(0, ASK(&self->m, __NR_getuid, 0));
		return;
	}

	expect_policy_refused(_metadata, self->fresh, attr, variant->err, 0);
	/* Still without a policy, so it cannot be bound. */
	errno = 0;
	ASSERT_EQ(-1, bind_ns(self->fresh, self->spare_ns));
	ASSERT_EQ(EINVAL, errno);

	expect_policy_refused(_metadata, self->bound, attr, variant->err, 1);
	/* The member still gets the old policy's decision. */
	ASSERT_EQ(-EACCES, ASK(&self->m, __NR_getuid, 0));

	/* Neither sandbox is stuck: the base policy is taken. */
	base_policy(self->p);
	ASSERT_EQ(0, policy_set(self->fresh, self->p));
	ASSERT_EQ(0, sandbox_info(self->fresh, &info));
	ASSERT_EQ(1, info.policy_seq);
	ASSERT_EQ(0, policy_set(self->bound, self->p));
	ASSERT_EQ(0, ASK(&self->m, __NR_getuid, 0));
}

/* BIND */

FIXTURE(binding) {
	int fd;			/* a sandbox with a policy, not bound */
	struct member m;	/* held in its own pid namespace */
	int ns;			/* the member's pid namespace */
	char *hole;
};

FIXTURE_SETUP(binding)
{
	struct ksentry_entry deny = {
		.nr = __NR_getuid, .action = KSENTRY_ACT_ERRNO_OF(EACCES),
	};

	self->m.pid = 0;
	self->ns = -1;
	self->hole = hole_new();
	ASSERT_NE(NULL, self->hole);
	self->fd = sandbox_create();
	ASSERT_LE(0, self->fd);
	ASSERT_EQ(0, sandbox_set_policy(self->fd, KSENTRY_ACT_ALLOW, &deny, 1,
					NULL, 0));
	ASSERT_EQ(0, member_spawn(&self->m));
	self->ns = open_ns(self->m.pid, "pid");
	ASSERT_LE(0, self->ns);
}

FIXTURE_TEARDOWN(binding)
{
	member_stop(&self->m);
	close(self->ns);
	close(self->fd);
}

static void expect_bind_refused(struct __test_metadata *const _metadata,
				const int fd, const void *const attr,
				const int err, const char *const what)
{
	struct ksentry_sandbox_info info;
	int ret, seen;

	errno = 0;
	ret = ioctl(fd, KSENTRY_SANDBOX_BIND, attr);
	seen = errno;
	ASSERT_EQ(-1, ret)
	{
		TH_LOG("%s: bound", what);
	}
	ASSERT_EQ(err, seen)
	{
		TH_LOG("%s: errno %d (%s)", what, seen, strerror(seen));
	}
	ASSERT_EQ(0, sandbox_info(fd, &info));
	ASSERT_EQ(0, info.bound);
	ASSERT_EQ(0, info.members);
}

static void expect_bind_fd_refused(struct __test_metadata *const _metadata,
				   const int fd, const int ns, const int err,
				   const char *const what)
{
	const struct ksentry_bind_attr attr = {
		.size = sizeof(attr),
		.pidns_fd = ns,
	};

	expect_bind_refused(_metadata, fd, &attr, err, what);
}

/* After the refusals, the valid bind works, and the member is bound. */
static void bind_for_real(struct __test_metadata *const _metadata,
			  const int fd, struct member *const m, const int ns)
{
	struct ksentry_sandbox_info info;

	ASSERT_EQ(0, bind_ns(fd, ns))
	{
		TH_LOG("valid bind: %s", strerror(errno));
	}
	ASSERT_EQ(0, sandbox_info(fd, &info));
	ASSERT_EQ(1, info.bound);
	ASSERT_EQ(1, info.members);
	member_release(m);
	ASSERT_EQ(-EACCES, ASK(m, __NR_getuid, 0));
}

static struct ksentry_bind_attr *bind_attr(const __u32 size, const int ns)
{
	struct ksentry_bind_attr *const attr = (void *)big;

	memset(big, 0, sizeof(big));
	attr->size = size;
	attr->pidns_fd = ns;
	return attr;
}

TEST_F(binding, without_policy)
{
	const struct ksentry_entry deny = {
		.nr = __NR_getuid, .action = KSENTRY_ACT_ERRNO_OF(EACCES),
	};
	int fd;

	fd = sandbox_create();
	ASSERT_LE(0, fd);
	expect_bind_fd_refused(_metadata, fd, self->ns, EINVAL, "no policy");
	ASSERT_EQ(0, sandbox_set_policy(fd, KSENTRY_ACT_ALLOW, &deny, 1,
					NULL, 0));
	bind_for_real(_metadata, fd, &self->m, self->ns);
	close(fd);
}

TEST_F(binding, flags)
{
	struct ksentry_bind_attr *attr;

	attr = bind_attr(sizeof(*attr), self->ns);
	attr->flags = 1;
	expect_bind_refused(_metadata, self->fd, attr, EINVAL, "flags 1");
	attr->flags = 0x80000000;
	expect_bind_refused(_metadata, self->fd, attr, EINVAL, "flags top");
	bind_for_real(_metadata, self->fd, &self->m, self->ns);
}

TEST_F(binding, reserved)
{
	struct ksentry_bind_attr *attr;

	attr = bind_attr(sizeof(*attr), self->ns);
	attr->reserved = 1;
	expect_bind_refused(_metadata, self->fd, attr, EINVAL, "reserved 1");
	attr->reserved = 0x80000000;
	expect_bind_refused(_metadata, self->fd, attr, EINVAL, "reserved top");
	bind_for_real(_metadata, self->fd, &self->m, self->ns);
}

TEST_F(binding, size_too_small)
{
	expect_bind_refused(_metadata, self->fd, bind_attr(0, self->ns), EINVAL,
			    "size 0");
	expect_bind_refused(_metadata, self->fd, bind_attr(8, self->ns), EINVAL,
			    "size 8");
	expect_bind_refused(_metadata, self->fd, bind_attr(15, self->ns),
			    EINVAL, "size 15");
	bind_for_real(_metadata, self->fd, &self->m, self->ns);
}

TEST_F(binding, size_larger_with_garbage)
{
	bind_attr(24, self->ns);
	big[16] = 1;
	expect_bind_refused(_metadata, self->fd, big, E2BIG, "size 24");
	bind_attr(ATTR_MAX, self->ns);
	big[ATTR_MAX - 1] = 1;
	expect_bind_refused(_metadata, self->fd, big, E2BIG, "size 4096");
	expect_bind_refused(_metadata, self->fd,
			    bind_attr(ATTR_MAX + 1, self->ns), E2BIG,
			    "size 4097");
	bind_for_real(_metadata, self->fd, &self->m, self->ns);
}

TEST_F(binding, size_larger_with_zero_tail)
{
	struct ksentry_sandbox_info info;

	ASSERT_EQ(0, ioctl(self->fd, KSENTRY_SANDBOX_BIND,
			   bind_attr(24, self->ns)))
	{
		TH_LOG("size 24: %s", strerror(errno));
	}
	ASSERT_EQ(0, sandbox_info(self->fd, &info));
	ASSERT_EQ(1, info.bound);
	member_release(&self->m);
	ASSERT_EQ(-EACCES, ASK(&self->m, __NR_getuid, 0));
}

TEST_F(binding, bad_pointer)
{
	struct ksentry_bind_attr *attr;

	expect_bind_refused(_metadata, self->fd, NULL, EFAULT, "NULL");
	expect_bind_refused(_metadata, self->fd, self->hole, EFAULT, "unmapped");
	/* size and flags readable, pidns_fd and reserved in the hole */
	attr = (void *)(self->hole - 8);
	attr->size = sizeof(*attr);
	attr->flags = 0;
	expect_bind_refused(_metadata, self->fd, attr, EFAULT, "cut");
	bind_for_real(_metadata, self->fd, &self->m, self->ns);
}

TEST_F(binding, fd_minus_one)
{
	/* -1 is not an open file descriptor: EBADF, as the ABI says. */
	expect_bind_fd_refused(_metadata, self->fd, -1, EBADF, "fd -1");
	bind_for_real(_metadata, self->fd, &self->m, self->ns);
}

TEST_F(binding, fd_not_open)
{
	int closed;

	closed = dup(self->ns);
	ASSERT_LE(0, closed);
	ASSERT_EQ(0, close(closed));
	expect_bind_fd_refused(_metadata, self->fd, closed, EBADF, "closed");
	expect_bind_fd_refused(_metadata, self->fd, INT_MAX, EBADF, "INT_MAX");
	bind_for_real(_metadata, self->fd, &self->m, self->ns);
}

TEST_F(binding, fd_not_a_namespace)
{
	static const char *const paths[] = {
		"/dev/null", "/proc/self/status", "/proc/self/ns",
	};
	int fds[2];
	size_t i;
	int fd;

	for (i = 0; i < ARRAY_SIZE(paths); i++) {
		fd = open(paths[i], O_RDONLY | O_CLOEXEC);
		ASSERT_LE(0, fd)
		{
			TH_LOG("%s: %s", paths[i], strerror(errno));
		}
		expect_bind_fd_refused(_metadata, self->fd, fd, EINVAL,
				       paths[i]);
		close(fd);
	}
	ASSERT_EQ(0, pipe2(fds, O_CLOEXEC));
	expect_bind_fd_refused(_metadata, self->fd, fds[0], EINVAL, "pipe");
	close(fds[0]);
	close(fds[1]);
	/* A sandbox's own fd is not a namespace either. */
	expect_bind_fd_refused(_metadata, self->fd, self->fd, EINVAL,
			       "sandbox fd");
	bind_for_real(_metadata, self->fd, &self->m, self->ns);
}

TEST_F(binding, fd_other_namespace_type)
{
	static const char *const types[] = {
		"net", "uts", "ipc", "mnt", "user", "cgroup", "time",
	};
	int fd, tried = 0;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(types); i++) {
		fd = open_ns(self->m.pid, types[i]);
		if (fd < 0 && errno == ENOENT)
			continue;
		ASSERT_LE(0, fd)
		{
			TH_LOG("ns/%s: %s", types[i], strerror(errno));
		}
		expect_bind_fd_refused(_metadata, self->fd, fd, EINVAL,
				       types[i]);
		close(fd);
		tried++;
	}
	/* At least net and uts: the test kernels have both. */
	ASSERT_LE(2, tried);
	bind_for_real(_metadata, self->fd, &self->m, self->ns);
}

TEST_F(binding, initial_namespace)
{
	static const char *const paths[] = {
		"/proc/self/ns/pid", "/proc/1/ns/pid",
		"/proc/self/ns/pid_for_children",
	};
	size_t i;
	int fd;

	for (i = 0; i < ARRAY_SIZE(paths); i++) {
		fd = open(paths[i], O_RDONLY | O_CLOEXEC);
		ASSERT_LE(0, fd);
		expect_bind_fd_refused(_metadata, self->fd, fd, EINVAL,
				       paths[i]);
		close(fd);
	}
	bind_for_real(_metadata, self->fd, &self->m, self->ns);
}

TEST_F(binding, without_cap_sys_admin)
{
	const struct ksentry_bind_attr attr = {
		.size = sizeof(attr),
		.pidns_fd = self->ns,
	};
	struct ksentry_sandbox_info info;

	ASSERT_EQ(EPERM, ioctl_unprivileged(WITHOUT_SYS_ADMIN, self->fd,
					    KSENTRY_SANDBOX_BIND, &attr));
	ASSERT_EQ(EPERM, ioctl_unprivileged(AS_NOBODY, self->fd,
					    KSENTRY_SANDBOX_BIND, &attr));
	ASSERT_EQ(0, sandbox_info(self->fd, &info));
	ASSERT_EQ(0, info.bound);
	bind_for_real(_metadata, self->fd, &self->m, self->ns);
}

TEST_F(binding, same_sandbox_twice)
{
	struct ksentry_sandbox_info info;
	int other_ns, other_fd;
	pid_t other;

	bind_for_real(_metadata, self->fd, &self->m, self->ns);
	other = spawn_idle();
	ASSERT_LT(0, other);
	other_ns = open_ns(other, "pid");
	ASSERT_LE(0, other_ns);

	errno = 0;
	ASSERT_EQ(-1, bind_ns(self->fd, self->ns));
	ASSERT_EQ(EBUSY, errno);
	errno = 0;
	ASSERT_EQ(-1, bind_ns(self->fd, other_ns));
	ASSERT_EQ(EBUSY, errno);
	ASSERT_EQ(0, sandbox_info(self->fd, &info));
	ASSERT_EQ(1, info.bound);
	ASSERT_EQ(1, info.members);
	ASSERT_EQ(-EACCES, ASK(&self->m, __NR_getuid, 0));

	/* The refused bind left the other namespace free. */
	other_fd = sandbox_create();
	ASSERT_LE(0, other_fd);
	ASSERT_EQ(0, sandbox_set_policy(other_fd, KSENTRY_ACT_ALLOW, NULL, 0,
					NULL, 0));
	ASSERT_EQ(0, bind_ns(other_fd, other_ns));
	close(other_fd);
	close(other_ns);
	kill_wait(other);
}

/* A second sandbox with the same policy as the first, not bound. */
static int second_sandbox(void)
{
	const struct ksentry_entry deny = {
		.nr = __NR_getuid, .action = KSENTRY_ACT_ERRNO_OF(EACCES),
	};
	int fd;

	fd = sandbox_create();
	if (fd < 0)
		return -1;
	if (sandbox_set_policy(fd, KSENTRY_ACT_ALLOW, &deny, 1, NULL, 0)) {
		close(fd);
		return -1;
	}
	return fd;
}

TEST_F(binding, second_sandbox_same_namespace)
{
	int second, other_ns;
	pid_t other;

	bind_for_real(_metadata, self->fd, &self->m, self->ns);
	second = second_sandbox();
	ASSERT_LE(0, second);
	expect_bind_fd_refused(_metadata, second, self->ns, EBUSY,
			       "same namespace");
	/* The member stayed in the first sandbox. */
	ASSERT_EQ(-EACCES, ASK(&self->m, __NR_getuid, 0));

	other = spawn_idle();
	ASSERT_LT(0, other);
	other_ns = open_ns(other, "pid");
	ASSERT_LE(0, other_ns);
	ASSERT_EQ(0, bind_ns(second, other_ns));
	close(other_ns);
	close(second);
	kill_wait(other);
}

TEST_F(binding, namespace_below_a_bound_one)
{
	int upper, lower, second, other_ns;
	pid_t nested, other;

	nested = spawn_nested(&upper, &lower);
	ASSERT_LT(0, nested);
	ASSERT_LE(0, upper);
	ASSERT_LE(0, lower);
	ASSERT_EQ(0, bind_ns(self->fd, upper));
	second = second_sandbox();
	ASSERT_LE(0, second);
	expect_bind_fd_refused(_metadata, second, lower, EBUSY, "below");

	other = spawn_idle();
	ASSERT_LT(0, other);
	other_ns = open_ns(other, "pid");
	ASSERT_LE(0, other_ns);
	ASSERT_EQ(0, bind_ns(second, other_ns));
	close(other_ns);
	close(second);
	close(upper);
	close(lower);
	kill_wait(other);
	kill_wait(nested);
}

TEST_F(binding, namespace_above_a_bound_one)
{
	int upper, lower, second;
	pid_t nested;

	nested = spawn_nested(&upper, &lower);
	ASSERT_LT(0, nested);
	ASSERT_LE(0, upper);
	ASSERT_LE(0, lower);
	ASSERT_EQ(0, bind_ns(self->fd, lower));
	second = second_sandbox();
	ASSERT_LE(0, second);
	expect_bind_fd_refused(_metadata, second, upper, EBUSY, "above");
	bind_for_real(_metadata, second, &self->m, self->ns);
	close(second);
	close(upper);
	close(lower);
	kill_wait(nested);
}

/* GET_INFO */

#define SENTINEL 0x5a5a5a5a5a5a5a5aULL

static void expect_info_refused(struct __test_metadata *const _metadata,
				const int fd, void *const arg, const int err)
{
	int ret, seen;

	errno = 0;
	ret = ioctl(fd, KSENTRY_SANDBOX_GET_INFO, arg);
	seen = errno;
	ASSERT_EQ(-1, ret);
	ASSERT_EQ(err, seen)
	{
		TH_LOG("errno %d (%s)", seen, strerror(seen));
	}
}

/* An info request in big, its output fields set to a sentinel. */
static struct ksentry_sandbox_info *info_attr(const __u32 size,
					      const __u32 flags)
{
	struct ksentry_sandbox_info *const info = (void *)big;

	memset(big, 0, sizeof(big));
	info->size = size;
	info->flags = flags;
	info->id = SENTINEL;
	return info;
}

TEST(info_flags)
{
	struct ksentry_sandbox_info *info;
	int fd;

	fd = sandbox_create();
	ASSERT_LE(0, fd);
	info = info_attr(sizeof(*info), 1);
	expect_info_refused(_metadata, fd, info, EINVAL);
	ASSERT_EQ(SENTINEL, info->id);
	info = info_attr(sizeof(*info), 0x80000000);
	expect_info_refused(_metadata, fd, info, EINVAL);
	ASSERT_EQ(SENTINEL, info->id);
	close(fd);
}

TEST(info_size)
{
	struct ksentry_sandbox_info *info;
	int fd;

	fd = sandbox_create();
	ASSERT_LE(0, fd);
	expect_info_refused(_metadata, fd, info_attr(0, 0), EINVAL);
	expect_info_refused(_metadata, fd, info_attr(8, 0), EINVAL);
	info = info_attr(sizeof(*info) - 1, 0);
	expect_info_refused(_metadata, fd, info, EINVAL);
	ASSERT_EQ(SENTINEL, info->id);
	/* Larger: refused with a non-zero tail, taken with a zero one. */
	info = info_attr(40, 0);
	big[39] = 1;
	expect_info_refused(_metadata, fd, info, E2BIG);
	ASSERT_EQ(SENTINEL, info->id);
	expect_info_refused(_metadata, fd, info_attr(ATTR_MAX + 1, 0), E2BIG);
	info = info_attr(40, 0);
	ASSERT_EQ(0, ioctl(fd, KSENTRY_SANDBOX_GET_INFO, info));
	ASSERT_NE(SENTINEL, info->id);
	ASSERT_NE(0, info->id);
	ASSERT_EQ(0, info->bound);
	close(fd);
}

TEST(info_bad_pointer)
{
	struct ksentry_sandbox_info *info;
	char *hole, *page;
	int fd;

	hole = hole_new();
	ASSERT_NE(NULL, hole);
	fd = sandbox_create();
	ASSERT_LE(0, fd);
	expect_info_refused(_metadata, fd, NULL, EFAULT);
	expect_info_refused(_metadata, fd, hole, EFAULT);
	/* size and flags readable, the rest in the hole */
	info = (void *)(hole - 8);
	info->size = sizeof(*info);
	info->flags = 0;
	expect_info_refused(_metadata, fd, info, EFAULT);
	/* Readable but not writable: the answer cannot be written. */
	page = mmap(NULL, sysconf(_SC_PAGESIZE), PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, page);
	info = (void *)page;
	info->size = sizeof(*info);
	ASSERT_EQ(0, mprotect(page, sysconf(_SC_PAGESIZE), PROT_READ));
	expect_info_refused(_metadata, fd, info, EFAULT);
	close(fd);
}

/* GET_STATS and GET_ABI_VERSION: the other two */

TEST(stats_bad_input)
{
	static __u64 counts[KSENTRY_STATS_SLOTS * KSENTRY_STATS_ACTIONS];
	struct ksentry_stats_attr attr;
	char *hole;
	int fd;

	hole = hole_new();
	ASSERT_NE(NULL, hole);
	fd = sandbox_create();
	ASSERT_LE(0, fd);

	attr = (struct ksentry_stats_attr){
		.size = sizeof(attr), .flags = 1,
		.counts = ptr_to_u64(counts), .counts_size = sizeof(counts),
	};
	errno = 0;
	ASSERT_EQ(-1, ioctl(fd, KSENTRY_SANDBOX_GET_STATS, &attr));
	ASSERT_EQ(EINVAL, errno);
	attr.flags = 0;
	attr.reserved = 1;
	errno = 0;
	ASSERT_EQ(-1, ioctl(fd, KSENTRY_SANDBOX_GET_STATS, &attr));
	ASSERT_EQ(EINVAL, errno);
	attr.reserved = 0;
	attr.counts_size = sizeof(counts) - 1;
	errno = 0;
	ASSERT_EQ(-1, ioctl(fd, KSENTRY_SANDBOX_GET_STATS, &attr));
	ASSERT_EQ(EINVAL, errno);
	attr.counts_size = sizeof(counts);
	attr.size = sizeof(attr) - 1;
	errno = 0;
	ASSERT_EQ(-1, ioctl(fd, KSENTRY_SANDBOX_GET_STATS, &attr));
	ASSERT_EQ(EINVAL, errno);
	attr.size = sizeof(attr);
	attr.counts = 0;
	errno = 0;
	ASSERT_EQ(-1, ioctl(fd, KSENTRY_SANDBOX_GET_STATS, &attr));
	ASSERT_EQ(EFAULT, errno);
	/* The counters would run into the hole. */
	attr.counts = ptr_to_u64(hole - 8);
	errno = 0;
	ASSERT_EQ(-1, ioctl(fd, KSENTRY_SANDBOX_GET_STATS, &attr));
	ASSERT_EQ(EFAULT, errno);
	errno = 0;
	ASSERT_EQ(-1, ioctl(fd, KSENTRY_SANDBOX_GET_STATS, NULL));
	ASSERT_EQ(EFAULT, errno);
	attr.counts = ptr_to_u64(counts);
	ASSERT_EQ(0, ioctl(fd, KSENTRY_SANDBOX_GET_STATS, &attr));
	close(fd);
}

TEST(abi_version_bad_pointer)
{
	char *hole;
	int dev;

	hole = hole_new();
	ASSERT_NE(NULL, hole);
	dev = open(KSENTRY_DEV, O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, dev);
	errno = 0;
	ASSERT_EQ(-1, ioctl(dev, KSENTRY_IOCTL_GET_ABI_VERSION, NULL));
	ASSERT_EQ(EFAULT, errno);
	errno = 0;
	ASSERT_EQ(-1, ioctl(dev, KSENTRY_IOCTL_GET_ABI_VERSION, hole));
	ASSERT_EQ(EFAULT, errno);
	close(dev);
}

/* Unknown commands */

TEST(unknown_sandbox_ioctls)
{
	static const unsigned long cmds[] = {
		0,
		_IO(KSENTRY_IOC_MAGIC, 0x0f),
		_IO(KSENTRY_IOC_MAGIC, 0x14),
		_IO(KSENTRY_IOC_MAGIC, 0xff),
		_IO(KSENTRY_IOC_MAGIC + 1, 0x10),
		KSENTRY_IOCTL_GET_ABI_VERSION,
		KSENTRY_IOCTL_CREATE_SANDBOX,
		/* The right numbers with a direction and size. */
		_IOW(KSENTRY_IOC_MAGIC, 0x10, struct ksentry_policy_attr),
		_IOW(KSENTRY_IOC_MAGIC, 0x11, struct ksentry_bind_attr),
		_IOWR(KSENTRY_IOC_MAGIC, 0x12, struct ksentry_sandbox_info),
		_IOWR(KSENTRY_IOC_MAGIC, 0x13, struct ksentry_stats_attr),
	};
	struct ksentry_sandbox_info info;
	struct policy *p;
	size_t i;
	int fd;

	fd = sandbox_create();
	ASSERT_LE(0, fd);
	/* A valid policy as the argument, should a command take it. */
	p = policy_alloc();
	ASSERT_NE(NULL, p);
	policy_init(p, KSENTRY_ACT_ALLOW);
	for (i = 0; i < ARRAY_SIZE(cmds); i++) {
		errno = 0;
		ASSERT_EQ(-1, ioctl(fd, cmds[i], &p->attr))
		{
			TH_LOG("cmd %#lx", cmds[i]);
		}
		ASSERT_EQ(ENOTTY, errno)
		{
			TH_LOG("cmd %#lx: %s", cmds[i], strerror(errno));
		}
	}
	ASSERT_EQ(0, sandbox_info(fd, &info));
	ASSERT_EQ(0, info.policy_seq);
	ASSERT_EQ(0, info.bound);
	free(p);
	close(fd);
}

TEST(unknown_device_ioctls)
{
	static const unsigned long cmds[] = {
		0,
		_IO(KSENTRY_IOC_MAGIC, 0x03),
		_IO(KSENTRY_IOC_MAGIC, 0xff),
		KSENTRY_SANDBOX_SET_POLICY,
		KSENTRY_SANDBOX_BIND,
		KSENTRY_SANDBOX_GET_INFO,
		KSENTRY_SANDBOX_GET_STATS,
		_IOW(KSENTRY_IOC_MAGIC, 0x01, struct ksentry_create_attr),
		_IOR(KSENTRY_IOC_MAGIC, 0x00, __u64),
	};
	int dev, before;
	size_t i;

	dev = open(KSENTRY_DEV, O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, dev);
	before = next_fd();
	for (i = 0; i < ARRAY_SIZE(cmds); i++) {
		errno = 0;
		ASSERT_EQ(-1, ioctl(dev, cmds[i], create_attr(8, 0)))
		{
			TH_LOG("cmd %#lx", cmds[i]);
		}
		ASSERT_EQ(ENOTTY, errno)
		{
			TH_LOG("cmd %#lx: %s", cmds[i], strerror(errno));
		}
	}
	ASSERT_EQ(before, next_fd());
	close(dev);
}

/* Argument rules */

FIXTURE(rules) {
	int fd;
	struct policy *p;
	struct member m;
};

FIXTURE_SETUP(rules)
{
	self->m.pid = 0;
	self->p = policy_alloc();
	ASSERT_NE(NULL, self->p);
	policy_init(self->p, KSENTRY_ACT_ALLOW);
	self->fd = sandbox_create();
	ASSERT_LE(0, self->fd);
}

FIXTURE_TEARDOWN(rules)
{
	member_stop(&self->m);
	close(self->fd);
	free(self->p);
}

/* Install a policy and start a member under it. */
static void start_with(struct __test_metadata *const _metadata, const int fd,
		       const struct policy *const p, struct member *const m)
{
	ASSERT_EQ(0, policy_set(fd, p))
	{
		TH_LOG("policy: %s", strerror(errno));
	}
	ASSERT_EQ(0, member_start(m, fd))
	{
		TH_LOG("member: %s", strerror(errno));
	}
}

/*
 * getpid ignores its arguments and returns 1 in the member: any other
 * answer is the rule's.
 */
#define PID1 1

TEST_F(rules, first_match_wins)
{
	struct ksentry_rule *rule;

	add_entry(self->p, __NR_getpid, KSENTRY_ACT_ALLOW);
	/* Other numbers' rules in between: each number keeps its order. */
	rule = add_rule(self->p, __NR_getpid, KSENTRY_ACT_ERRNO_OF(EDOM));
	add_cond(rule, 0, KSENTRY_CMP_EQ, ~0ULL, 7);
	rule = add_rule(self->p, __NR_getppid, KSENTRY_ACT_ERRNO_OF(ENOTBLK));
	add_cond(rule, 0, KSENTRY_CMP_EQ, ~0ULL, 7);
	rule = add_rule(self->p, __NR_getpid, KSENTRY_ACT_ERRNO_OF(ERANGE));
	add_cond(rule, 0, KSENTRY_CMP_GE, ~0ULL, 5);
	rule = add_rule(self->p, __NR_getuid, KSENTRY_ACT_ERRNO_OF(ETXTBSY));
	add_cond(rule, 0, KSENTRY_CMP_EQ, ~0ULL, 7);
	rule = add_rule(self->p, __NR_getpid, KSENTRY_ACT_ERRNO_OF(EXDEV));
	add_cond(rule, 0, KSENTRY_CMP_LE, ~0ULL, 7);
	rule = add_rule(self->p, __NR_getpid, KSENTRY_ACT_ERRNO_OF(EMLINK));
	add_cond(rule, 0, KSENTRY_CMP_LE, ~0ULL, 7);
	start_with(_metadata, self->fd, self->p, &self->m);

	/* 7 matches all four getpid rules: the first listed decides. */
	ASSERT_EQ(-EDOM, ASK(&self->m, __NR_getpid, 7));
	/* 6 matches the second, third and fourth. */
	ASSERT_EQ(-ERANGE, ASK(&self->m, __NR_getpid, 6));
	ASSERT_EQ(-ERANGE, ASK(&self->m, __NR_getpid, 8));
	/* 4 matches the third and fourth. */
	ASSERT_EQ(-EXDEV, ASK(&self->m, __NR_getpid, 4));
	ASSERT_EQ(-ENOTBLK, ASK(&self->m, __NR_getppid, 7));
	ASSERT_EQ(-ETXTBSY, ASK(&self->m, __NR_getuid, 7));
	ASSERT_EQ(0, ASK(&self->m, __NR_getuid, 0));
}

TEST_F(rules, all_conditions_must_hold)
{
	static const __u32 ops[6] = {
		KSENTRY_CMP_EQ, KSENTRY_CMP_MASKED_EQ, KSENTRY_CMP_LE,
		KSENTRY_CMP_GE, KSENTRY_CMP_NE, KSENTRY_CMP_EQ,
	};
	/* Arguments that meet every condition, and one that misses each. */
	static const unsigned long hit[6] = {
		0x100, 0xff101, 0x102, 0x103, 0x104, 0x105,
	};
	static const unsigned long miss[6] = {
		0x101, 0xff111, 0x103, 0x102, 0, 0x106,
	};
	static const __u64 values[6] = {
		0x100, 0x101, 0x102, 0x103, 0, 0x105,
	};
	struct ksentry_rule *rule;
	unsigned long args[6];
	unsigned int i;

	add_entry(self->p, __NR_getpid, KSENTRY_ACT_ALLOW);
	rule = add_rule(self->p, __NR_getpid, KSENTRY_ACT_ERRNO_OF(EDOM));
	for (i = 0; i < 6; i++)
		add_cond(rule, i, ops[i], i == 1 ? 0xfff : ~0ULL, values[i]);
	start_with(_metadata, self->fd, self->p, &self->m);

	ASSERT_EQ(-EDOM, ask(&self->m, __NR_getpid, hit));
	for (i = 0; i < 6; i++) {
		memcpy(args, hit, sizeof(args));
		args[i] = miss[i];
		ASSERT_EQ(PID1, ask(&self->m, __NR_getpid, args))
		{
			TH_LOG("condition on arg%u does not hold", i);
		}
	}
}

TEST_F(rules, each_argument_is_its_register)
{
	static const int errnos[6] = {
		EDOM, ERANGE, EXDEV, ENOTBLK, ETXTBSY, EMLINK,
	};
	struct ksentry_rule *rule;
	unsigned long args[6];
	unsigned int i;

	add_entry(self->p, __NR_getpid, KSENTRY_ACT_ALLOW);
	for (i = 0; i < 6; i++) {
		rule = add_rule(self->p, __NR_getpid,
				KSENTRY_ACT_ERRNO_OF(errnos[i]));
		add_cond(rule, i, KSENTRY_CMP_EQ, ~0ULL, 0x200 + i);
	}
	start_with(_metadata, self->fd, self->p, &self->m);

	for (i = 0; i < 6; i++) {
		memset(args, 0, sizeof(args));
		args[i] = 0x200 + i;
		ASSERT_EQ(-errnos[i], ask(&self->m, __NR_getpid, args))
		{
			TH_LOG("arg%u", i);
		}
	}
	ASSERT_EQ(PID1, ASK(&self->m, __NR_getpid, 0));
}

TEST_F(rules, no_match_falls_back_to_entry)
{
	struct ksentry_rule *rule;

	add_entry(self->p, __NR_getpid, KSENTRY_ACT_ERRNO_OF(ETXTBSY));
	rule = add_rule(self->p, __NR_getpid, KSENTRY_ACT_ERRNO_OF(EDOM));
	add_cond(rule, 0, KSENTRY_CMP_EQ, ~0ULL, 5);
	/* A rule may also allow what the entry denies. */
	rule = add_rule(self->p, __NR_getpid, KSENTRY_ACT_ALLOW);
	add_cond(rule, 0, KSENTRY_CMP_EQ, ~0ULL, 3);
	start_with(_metadata, self->fd, self->p, &self->m);

	ASSERT_EQ(-EDOM, ASK(&self->m, __NR_getpid, 5));
	ASSERT_EQ(PID1, ASK(&self->m, __NR_getpid, 3));
	ASSERT_EQ(-ETXTBSY, ASK(&self->m, __NR_getpid, 6));
	ASSERT_EQ(-ETXTBSY, ASK(&self->m, __NR_getpid, 0));
}

TEST_F(rules, no_match_no_entry_falls_back_to_default)
{
	struct ksentry_rule *rule;

	policy_init(self->p, KSENTRY_ACT_ERRNO_OF(EMLINK));
	add_member_entries(self->p);
	rule = add_rule(self->p, __NR_getpid, KSENTRY_ACT_ERRNO_OF(EDOM));
	add_cond(rule, 0, KSENTRY_CMP_EQ, ~0ULL, 5);
	rule = add_rule(self->p, __NR_getppid, KSENTRY_ACT_ALLOW);
	add_cond(rule, 0, KSENTRY_CMP_EQ, ~0ULL, 3);
	start_with(_metadata, self->fd, self->p, &self->m);

	ASSERT_EQ(-EDOM, ASK(&self->m, __NR_getpid, 5));
	ASSERT_EQ(-EMLINK, ASK(&self->m, __NR_getpid, 6));
	/* The parent is outside the namespace: getppid gives 0. */
	ASSERT_EQ(0, ASK(&self->m, __NR_getppid, 3));
	ASSERT_EQ(-EMLINK, ASK(&self->m, __NR_getppid, 4));
	/* No rule, no entry. */
	ASSERT_EQ(-EMLINK, ASK(&self->m, __NR_getuid, 0));
	ASSERT_EQ(-EMLINK, ASK(&self->m, KSENTRY_TABLE_SIZE - 1, 0));
	/* Numbers beyond the table get the default too. */
	ASSERT_EQ(-EMLINK, ASK(&self->m, KSENTRY_TABLE_SIZE, 0));
	ASSERT_EQ(-EMLINK, ASK(&self->m, 600, 0));
}

TEST_F(rules, rules_on_prctl)
{
	struct ksentry_rule *rule;

	rule = add_rule(self->p, __NR_prctl, KSENTRY_ACT_ERRNO_OF(EDOM));
	add_cond(rule, 0, KSENTRY_CMP_EQ, ~0ULL, PR_GET_NAME);
	/* No rule can allow what the dispatcher always refuses. */
	rule = add_rule(self->p, __NR_prctl, KSENTRY_ACT_ALLOW);
	add_cond(rule, 0, KSENTRY_CMP_EQ, ~0ULL, PR_SET_SYSCALL_USER_DISPATCH);
	start_with(_metadata, self->fd, self->p, &self->m);

	ASSERT_EQ(-EDOM, ASK(&self->m, __NR_prctl, PR_GET_NAME, 0));
	ASSERT_EQ(1, ASK(&self->m, __NR_prctl, PR_GET_DUMPABLE));
	ASSERT_EQ(-EPERM, ASK(&self->m, __NR_prctl,
			      PR_SET_SYSCALL_USER_DISPATCH, 0));
}

TEST_F(rules, getpriority_which_and_who)
{
	struct ksentry_rule *rule;
	long nice20;

	/* Deny asking about large process groups. */
	rule = add_rule(self->p, __NR_getpriority, KSENTRY_ACT_ERRNO_OF(EDOM));
	add_cond(rule, 0, KSENTRY_CMP_EQ, ~0ULL, PRIO_PGRP);
	add_cond(rule, 1, KSENTRY_CMP_GT, ~0ULL, 100);
	start_with(_metadata, self->fd, self->p, &self->m);

	/* The raw call returns 20 - nice; the member has this one's nice. */
	nice20 = outside(__NR_getpriority, PRIO_PROCESS, 0, 0);
	ASSERT_LT(0, nice20);
	ASSERT_EQ(-EDOM, ASK(&self->m, __NR_getpriority, PRIO_PGRP, 101));
	ASSERT_EQ(-EDOM, ASK(&self->m, __NR_getpriority, PRIO_PGRP, ~0UL));
	/* One condition holds, not the other: the host answers. */
	ASSERT_EQ(-ESRCH, ASK(&self->m, __NR_getpriority, PRIO_PGRP, 100));
	ASSERT_EQ(-ESRCH, ASK(&self->m, __NR_getpriority, PRIO_PROCESS, 101));
	ASSERT_EQ(nice20, ASK(&self->m, __NR_getpriority, PRIO_PGRP, 0));
	ASSERT_EQ(nice20, ASK(&self->m, __NR_getpriority, PRIO_PROCESS, 1));
}

/*
 * The kernel runs the number in the low 32 bits of rax (do_syscall_64()
 * takes it as an int), so a policy must decide the same number: otherwise
 * setting a high bit turns a denied call into one the default decides.
 */
TEST_F(rules, number_high_bits_ignored_like_the_kernel)
{
	const long high = 1L << 32;

	if (outside(high | __NR_getuid, 0, 0, 0) != (long)getuid())
		SKIP(return, "this kernel does not run number %#lx as getuid",
		     high | __NR_getuid);
	add_entry(self->p, __NR_getuid, KSENTRY_ACT_ERRNO_OF(EACCES));
	start_with(_metadata, self->fd, self->p, &self->m);

	ASSERT_EQ(-EACCES, ASK(&self->m, __NR_getuid, 0));
	ASSERT_EQ(-EACCES, ASK(&self->m, high | __NR_getuid, 0))
	{
		TH_LOG("number %#lx ran as getuid without the entry's decision",
		       high | __NR_getuid);
	}
}

TEST_F(rules, docker_socket_except_vsock)
{
	static const unsigned long allowed[] = { AF_UNIX, AF_INET, 41 };
	struct ksentry_rule *rule;
	long seen, host;
	size_t i;

	/* As Docker's profile: socket() for every family but AF_VSOCK. */
	policy_init(self->p, KSENTRY_ACT_ERRNO_OF(EPERM));
	add_member_entries(self->p);
	add_entry(self->p, __NR_close, KSENTRY_ACT_ALLOW);
	rule = add_rule(self->p, __NR_socket, KSENTRY_ACT_ALLOW);
	/* The family is an int: compare the low 32 bits only. */
	add_cond(rule, 0, KSENTRY_CMP_NE, 0xffffffff, AF_VSOCK);
	start_with(_metadata, self->fd, self->p, &self->m);

	for (i = 0; i < ARRAY_SIZE(allowed); i++) {
		host = outside(__NR_socket, allowed[i], SOCK_STREAM, 0);
		if (host >= 0)
			close(host);
		seen = ASK(&self->m, __NR_socket, allowed[i], SOCK_STREAM, 0);
		if (seen >= 0)
			ASK(&self->m, __NR_close, seen);
		/* The same answer as outside: a socket, or the host's error. */
		ASSERT_EQ(host >= 0, seen >= 0)
		{
			TH_LOG("family %lu: %ld here, %ld outside", allowed[i],
			       seen, host);
		}
		if (host < 0)
			ASSERT_EQ(host, seen);
	}

	ASSERT_EQ(-EPERM, ASK(&self->m, __NR_socket, AF_VSOCK, SOCK_STREAM, 0));
	/* High bits the kernel drops do not hide the family. */
	ASSERT_EQ(-EPERM, ASK(&self->m, __NR_socket, (1UL << 32) | AF_VSOCK,
			      SOCK_STREAM, 0));
	/* Both refusals were the policy's, not the host's. */
	ASSERT_EQ(2, stats_count(self->fd, __NR_socket, KSENTRY_ACT_ERRNO));
	ASSERT_EQ(ARRAY_SIZE(allowed),
		  stats_count(self->fd, __NR_socket, KSENTRY_ACT_ALLOW));
}

static void *thread_echo(void *arg)
{
	return arg;
}

static int body_clone_without_newuser(void)
{
	pthread_t thread;
	void *ret = NULL;
	int status;
	long pid;

	/* glibc's fork() is clone(SIGCHLD | CLONE_CHILD_*): allowed. */
	pid = fork();
	if (pid == 0)
		_exit(0);
	if (pid < 0 || waitpid(pid, &status, 0) != pid ||
	    !exited_with(0, status))
		return 1;
	/* clone3 is ENOSYS, so glibc makes threads with clone: allowed. */
	if (pthread_create(&thread, NULL, thread_echo, (void *)7) ||
	    pthread_join(thread, &ret) || ret != (void *)7)
		return 2;
	errno = 0;
	if (syscall(__NR_clone3, NULL, 0) != -1 || errno != ENOSYS)
		return 3;
	/* A new user namespace is refused, alone or with other flags. */
	pid = syscall(__NR_clone, CLONE_NEWUSER | SIGCHLD, 0, 0, 0, 0);
	if (pid == 0)
		_exit(0);
	if (pid > 0) {
		waitpid(pid, &status, 0);
		return 4;
	}
	if (errno != EPERM)
		return 5;
	pid = syscall(__NR_clone, CLONE_NEWUSER | CLONE_NEWNS | SIGCHLD, 0, 0,
		      0, 0);
	if (pid == 0)
		_exit(0);
	if (pid > 0) {
		waitpid(pid, &status, 0);
		return 6;
	}
	if (errno != EPERM)
		return 7;
	return 0;
}

TEST_F(rules, docker_clone_without_newuser)
{
	struct ksentry_rule *rule;
	int status;

	add_entry(self->p, __NR_clone, KSENTRY_ACT_ALLOW);
	add_entry(self->p, __NR_clone3, KSENTRY_ACT_ERRNO_OF(ENOSYS));
	rule = add_rule(self->p, __NR_clone, KSENTRY_ACT_ERRNO_OF(EPERM));
	add_cond(rule, 0, KSENTRY_CMP_MASKED_EQ, CLONE_NEWUSER, CLONE_NEWUSER);
	ASSERT_EQ(0, policy_set(self->fd, self->p));
	status = run_body(_metadata, self->fd, body_clone_without_newuser);
	ASSERT_TRUE(exited_with(0, status))
	{
		TH_LOG("body status %#x: step %d failed", status,
		       WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	}
}

/* The largest valid policy: every entry, every rule, every condition. */
TEST_F_TIMEOUT(rules, largest_policy, 120)
{
	struct ksentry_sandbox_info info;
	struct ksentry_rule *rule;
	unsigned int i, j;

	policy_init(self->p, KSENTRY_ACT_ERRNO_OF(EMLINK));
	for (i = 0; i < KSENTRY_TABLE_SIZE; i++)
		add_entry(self->p, i, KSENTRY_ACT_ALLOW);
	/* Two rules for each number; only getpid's second can match. */
	for (i = 0; i < KSENTRY_MAX_RULES; i++) {
		const __u32 nr = i % KSENTRY_TABLE_SIZE;
		const bool last = i == KSENTRY_TABLE_SIZE + __NR_getpid;

		rule = add_rule(self->p, nr, last ? KSENTRY_ACT_ERRNO_OF(EDOM) :
					     KSENTRY_ACT_ERRNO_OF(EXDEV));
		for (j = 0; j < KSENTRY_MAX_CONDS; j++)
			add_cond(rule, j, KSENTRY_CMP_EQ, ~0ULL,
				 (last ? 0x100 : 0xdead0000) + j);
	}
	ASSERT_EQ(KSENTRY_TABLE_SIZE, self->p->attr.nr_entries);
	ASSERT_EQ(KSENTRY_MAX_RULES, self->p->attr.nr_rules);
	start_with(_metadata, self->fd, self->p, &self->m);
	ASSERT_EQ(0, sandbox_info(self->fd, &info));
	ASSERT_EQ(1, info.policy_seq);

	ASSERT_EQ(-EDOM, ASK(&self->m, __NR_getpid, 0x100, 0x101, 0x102,
			     0x103, 0x104, 0x105));
	ASSERT_EQ(-EXDEV, ASK(&self->m, __NR_getpid, 0xdead0000, 0xdead0001,
			      0xdead0002, 0xdead0003, 0xdead0004,
			      0xdead0005));
	ASSERT_EQ(PID1, ASK(&self->m, __NR_getpid, 0x100, 0x101, 0x102, 0x103,
			    0x104, 0));
	ASSERT_EQ(0, ASK(&self->m, __NR_getuid, 0));
	ASSERT_EQ(-EMLINK, ASK(&self->m, 600, 0));
}

/* Each comparison at its boundary, on each argument in turn. */

struct probe {
	__u64 arg;
	bool match;
};

FIXTURE(rule_op) {
	int fd;
	struct policy *p;
	struct member m;
};

FIXTURE_VARIANT(rule_op) {
	__u32 op;
	__u32 arg;
	__u64 mask;
	__u64 value;
	struct probe probes[6];
	unsigned int nr_probes;
};

#define ANY (~0ULL)

FIXTURE_VARIANT_ADD(rule_op, eq) {
	.op = KSENTRY_CMP_EQ, .arg = 0, .mask = ANY, .value = 1000,
	.probes = { { 999, false }, { 1000, true }, { 1001, false },
		    { 0, false } },
	.nr_probes = 4,
};

FIXTURE_VARIANT_ADD(rule_op, ne) {
	.op = KSENTRY_CMP_NE, .arg = 1, .mask = ANY, .value = 1000,
	.probes = { { 999, true }, { 1000, false }, { 1001, true } },
	.nr_probes = 3,
};

FIXTURE_VARIANT_ADD(rule_op, lt) {
	.op = KSENTRY_CMP_LT, .arg = 2, .mask = ANY, .value = 1000,
	.probes = { { 999, true }, { 1000, false }, { 1001, false },
		    { 0, true } },
	.nr_probes = 4,
};

FIXTURE_VARIANT_ADD(rule_op, le) {
	.op = KSENTRY_CMP_LE, .arg = 3, .mask = ANY, .value = 1000,
	.probes = { { 999, true }, { 1000, true }, { 1001, false } },
	.nr_probes = 3,
};

FIXTURE_VARIANT_ADD(rule_op, gt) {
	.op = KSENTRY_CMP_GT, .arg = 4, .mask = ANY, .value = 1000,
	.probes = { { 999, false }, { 1000, false }, { 1001, true },
		    { ANY, true } },
	.nr_probes = 4,
};

FIXTURE_VARIANT_ADD(rule_op, ge) {
	.op = KSENTRY_CMP_GE, .arg = 5, .mask = ANY, .value = 1000,
	.probes = { { 999, false }, { 1000, true }, { 1001, true } },
	.nr_probes = 3,
};

FIXTURE_VARIANT_ADD(rule_op, masked_eq) {
	.op = KSENTRY_CMP_MASKED_EQ, .arg = 0, .mask = ANY, .value = 1000,
	.probes = { { 999, false }, { 1000, true }, { 1001, false } },
	.nr_probes = 3,
};

FIXTURE_VARIANT_ADD(rule_op, masked_eq_with_mask) {
	.op = KSENTRY_CMP_MASKED_EQ, .arg = 1, .mask = 0xff00, .value = 0x1200,
	.probes = { { 0x11ff, false }, { 0x1200, true }, { 0x12ff, true },
		    { 0x1300, false }, { 0xab1234, true },
		    { (1ULL << 63) | 0x1200, true } },
	.nr_probes = 6,
};

FIXTURE_VARIANT_ADD(rule_op, masked_eq_no_bit_set) {
	.op = KSENTRY_CMP_MASKED_EQ, .arg = 2, .mask = 0x3, .value = 0,
	.probes = { { 4, true }, { 5, false }, { 6, false }, { 0, true } },
	.nr_probes = 4,
};

FIXTURE_VARIANT_ADD(rule_op, masked_eq_value_outside_mask) {
	.op = KSENTRY_CMP_MASKED_EQ, .arg = 3, .mask = 0xff, .value = 0x100,
	.probes = { { 0x100, false }, { 0, false }, { 0x1100, false } },
	.nr_probes = 3,
};

FIXTURE_VARIANT_ADD(rule_op, eq_with_mask) {
	.op = KSENTRY_CMP_EQ, .arg = 4, .mask = 0xff00, .value = 0x1200,
	.probes = { { 0x11ff, false }, { 0x1200, true }, { 0x12ff, true },
		    { 0x1300, false } },
	.nr_probes = 4,
};

FIXTURE_VARIANT_ADD(rule_op, ne_with_mask) {
	.op = KSENTRY_CMP_NE, .arg = 5, .mask = 0xffffffff, .value = 40,
	.probes = { { 40, false }, { 0x100000028ULL, false }, { 41, true },
		    { 0x2800000000ULL, true } },
	.nr_probes = 4,
};

FIXTURE_VARIANT_ADD(rule_op, lt_unsigned) {
	.op = KSENTRY_CMP_LT, .arg = 0, .mask = ANY, .value = 10,
	.probes = { { 9, true }, { 10, false }, { ANY, false },
		    { 1ULL << 63, false } },
	.nr_probes = 4,
};

FIXTURE_VARIANT_ADD(rule_op, gt_unsigned) {
	.op = KSENTRY_CMP_GT, .arg = 1, .mask = ANY, .value = 10,
	.probes = { { 10, false }, { 11, true }, { ANY, true },
		    { 1ULL << 63, true } },
	.nr_probes = 4,
};

FIXTURE_VARIANT_ADD(rule_op, eq_64_bit) {
	.op = KSENTRY_CMP_EQ, .arg = 2, .mask = ANY, .value = 1ULL << 32,
	.probes = { { 0, false }, { 1ULL << 32, true },
		    { (1ULL << 32) + 1, false }, { 1ULL << 33, false } },
	.nr_probes = 4,
};

FIXTURE_VARIANT_ADD(rule_op, le_64_bit) {
	.op = KSENTRY_CMP_LE, .arg = 3, .mask = ANY, .value = 0xffffffffULL,
	.probes = { { 0xffffffffULL, true }, { 1ULL << 32, false },
		    { 0, true } },
	.nr_probes = 3,
};

FIXTURE_VARIANT_ADD(rule_op, ge_with_mask) {
	.op = KSENTRY_CMP_GE, .arg = 4, .mask = 0xf, .value = 8,
	.probes = { { 0x17, false }, { 0x18, true }, { 0xf0, false },
		    { 0xff, true } },
	.nr_probes = 4,
};

FIXTURE_VARIANT_ADD(rule_op, lt_with_mask) {
	.op = KSENTRY_CMP_LT, .arg = 5, .mask = 0xff, .value = 0x10,
	.probes = { { 0x10f, true }, { 0x110, false }, { 0xff00, true } },
	.nr_probes = 3,
};

FIXTURE_SETUP(rule_op)
{
	struct ksentry_rule *rule;

	self->m.pid = 0;
	self->p = policy_alloc();
	ASSERT_NE(NULL, self->p);
	self->fd = sandbox_create();
	ASSERT_LE(0, self->fd);
	policy_init(self->p, KSENTRY_ACT_ALLOW);
	add_entry(self->p, __NR_getpid, KSENTRY_ACT_ALLOW);
	rule = add_rule(self->p, __NR_getpid, KSENTRY_ACT_ERRNO_OF(EDOM));
	add_cond(rule, variant->arg, variant->op, variant->mask,
		 variant->value);
	ASSERT_EQ(0, policy_set(self->fd, self->p));
	ASSERT_EQ(0, member_start(&self->m, self->fd));
}

FIXTURE_TEARDOWN(rule_op)
{
	member_stop(&self->m);
	close(self->fd);
	free(self->p);
}

TEST_F(rule_op, boundary)
{
	unsigned long args[6];
	unsigned int i;

	for (i = 0; i < variant->nr_probes; i++) {
		const struct probe *const probe = &variant->probes[i];

		memset(args, 0, sizeof(args));
		args[variant->arg] = probe->arg;
		ASSERT_EQ(probe->match ? -EDOM : PID1,
			  ask(&self->m, __NR_getpid, args))
		{
			TH_LOG("arg%u = %#llx should %smatch", variant->arg,
			       (unsigned long long)probe->arg,
			       probe->match ? "" : "not ");
		}
	}
}

/* Live updates */

FIXTURE(live) {
	int fd;
	struct policy *p;
	struct member m;
};

FIXTURE_SETUP(live)
{
	self->m.pid = 0;
	self->p = policy_alloc();
	ASSERT_NE(NULL, self->p);
	self->fd = sandbox_create();
	ASSERT_LE(0, self->fd);
}

FIXTURE_TEARDOWN(live)
{
	member_stop(&self->m);
	close(self->fd);
	free(self->p);
}

static void getuid_policy(struct policy *const p, const __u32 action)
{
	policy_init(p, KSENTRY_ACT_ALLOW);
	add_entry(p, __NR_getuid, action);
}

static void expect_seq(struct __test_metadata *const _metadata, const int fd,
		       const __u32 seq)
{
	struct ksentry_sandbox_info info;

	ASSERT_EQ(0, sandbox_info(fd, &info));
	ASSERT_EQ(seq, info.policy_seq);
}

/* SET_POLICY without CAP_SYS_ADMIN: 0 or the errno. */
static int set_unprivileged(const int fd, const struct policy *const p)
{
	return ioctl_unprivileged(WITHOUT_SYS_ADMIN, fd,
				  KSENTRY_SANDBOX_SET_POLICY, &p->attr);
}

TEST_F(live, tighten_and_loosen)
{
	getuid_policy(self->p, KSENTRY_ACT_ALLOW);
	ASSERT_EQ(0, policy_set(self->fd, self->p));
	ASSERT_EQ(0, member_start(&self->m, self->fd));
	expect_seq(_metadata, self->fd, 1);
	ASSERT_EQ(0, ASK(&self->m, __NR_getuid, 0));

	/* Tighter, as root: in force at the member's next call. */
	getuid_policy(self->p, KSENTRY_ACT_ERRNO_OF(EACCES));
	ASSERT_EQ(0, policy_set(self->fd, self->p));
	expect_seq(_metadata, self->fd, 2);
	ASSERT_EQ(-EACCES, ASK(&self->m, __NR_getuid, 0));

	/* Looser, as root: taken. */
	getuid_policy(self->p, KSENTRY_ACT_ALLOW);
	ASSERT_EQ(0, policy_set(self->fd, self->p));
	expect_seq(_metadata, self->fd, 3);
	ASSERT_EQ(0, ASK(&self->m, __NR_getuid, 0));

	/* Tighter, without CAP_SYS_ADMIN: taken. */
	getuid_policy(self->p, KSENTRY_ACT_ERRNO_OF(EACCES));
	ASSERT_EQ(0, set_unprivileged(self->fd, self->p));
	expect_seq(_metadata, self->fd, 4);
	ASSERT_EQ(-EACCES, ASK(&self->m, __NR_getuid, 0));

	/* Looser, without CAP_SYS_ADMIN: refused, the old one stays. */
	getuid_policy(self->p, KSENTRY_ACT_ALLOW);
	ASSERT_EQ(EPERM, set_unprivileged(self->fd, self->p));
	expect_seq(_metadata, self->fd, 4);
	ASSERT_EQ(-EACCES, ASK(&self->m, __NR_getuid, 0));

	/* Another errno is the same type: neither looser nor refused. */
	getuid_policy(self->p, KSENTRY_ACT_ERRNO_OF(EPERM));
	ASSERT_EQ(0, set_unprivileged(self->fd, self->p));
	expect_seq(_metadata, self->fd, 5);
	ASSERT_EQ(-EPERM, ASK(&self->m, __NR_getuid, 0));

	/* Root can still loosen it. */
	getuid_policy(self->p, KSENTRY_ACT_ALLOW);
	ASSERT_EQ(0, policy_set(self->fd, self->p));
	expect_seq(_metadata, self->fd, 6);
	ASSERT_EQ(0, ASK(&self->m, __NR_getuid, 0));
}

TEST_F(live, unbound_takes_any_policy_without_cap_sys_admin)
{
	/* Before the bind there is nothing to loosen. */
	getuid_policy(self->p, KSENTRY_ACT_ERRNO_OF(EACCES));
	ASSERT_EQ(0, set_unprivileged(self->fd, self->p));
	getuid_policy(self->p, KSENTRY_ACT_ALLOW);
	ASSERT_EQ(0, set_unprivileged(self->fd, self->p));
	expect_seq(_metadata, self->fd, 2);
}

/* Unprivileged updates of a bound sandbox, one change each. */

enum change {
	SAME,
	LOOSER_ENTRY_LOG,
	LOOSER_ENTRY_ALLOW,
	LOOSER_DEFAULT,
	LOOSER_IA32,
	LOOSER_X32,
	LOOSER_RULE_ACTION,
	LOOSER_RULE_REMOVED,
	LOOSER_RULE_MOVED,
	LOOSER_RULE_ADDED,
	LOOSER_ENTRY_ADDED,
	TIGHTER_RULE_ERRNO,
	TIGHTER_ENTRY_LOG,
	TIGHTER_IA32,
	TIGHTER_RULE_ADDED,
	TIGHTER_DEFAULT_ERRNO,
};

/* Where live_policy() puts each entry and rule. */
enum {
	LIVE_GETUID = 4,	/* after add_member_entries()' four */
	LIVE_GETPID,
	LIVE_GETPPID,
	LIVE_RULE_GETPID = 0,
};

/*
 * The policy in force, with @change applied: default ERRNO(EMLINK), getuid
 * ERRNO(EACCES), getpid ALLOW but ERRNO(EDOM) when arg0 == 7, getppid
 * ERRNO(ERANGE), ia32 0 (ERRNO(ENOSYS)), x32 KILL_PROCESS.
 */
static void live_policy(struct policy *const p, const enum change change)
{
	struct ksentry_rule *rule;

	policy_init(p, KSENTRY_ACT_ERRNO_OF(EMLINK));
	p->attr.x32_action = KSENTRY_ACT_KILL_PROCESS;
	add_member_entries(p);
	add_entry(p, __NR_getuid, KSENTRY_ACT_ERRNO_OF(EACCES));
	add_entry(p, __NR_getpid, KSENTRY_ACT_ALLOW);
	add_entry(p, __NR_getppid, KSENTRY_ACT_ERRNO_OF(ERANGE));
	rule = add_rule(p, __NR_getpid, KSENTRY_ACT_ERRNO_OF(EDOM));
	add_cond(rule, 0, KSENTRY_CMP_EQ, ~0ULL, 7);

	switch (change) {
	case SAME:
		break;
	case LOOSER_ENTRY_LOG:
		p->entries[LIVE_GETUID].action = KSENTRY_ACT_LOG;
		break;
	case LOOSER_ENTRY_ALLOW:
		p->entries[LIVE_GETUID].action = KSENTRY_ACT_ALLOW;
		break;
	case LOOSER_DEFAULT:
		p->attr.default_action = KSENTRY_ACT_ALLOW;
		break;
	case LOOSER_IA32:
		p->attr.ia32_action = KSENTRY_ACT_ALLOW;
		break;
	case LOOSER_X32:
		p->attr.x32_action = KSENTRY_ACT_KILL_THREAD;
		break;
	case LOOSER_RULE_ACTION:
		p->rules[LIVE_RULE_GETPID].action = KSENTRY_ACT_ALLOW;
		break;
	case LOOSER_RULE_REMOVED:
		p->attr.nr_rules = 0;
		break;
	case LOOSER_RULE_MOVED:
		/* Still ERRNO, but for other arguments: 7 gets the entry. */
		p->rules[LIVE_RULE_GETPID].conds[0].value = 8;
		break;
	case LOOSER_RULE_ADDED:
		rule = add_rule(p, __NR_getppid, KSENTRY_ACT_ALLOW);
		add_cond(rule, 0, KSENTRY_CMP_EQ, ~0ULL, 1);
		break;
	case LOOSER_ENTRY_ADDED:
		add_entry(p, __NR_getpgid, KSENTRY_ACT_ALLOW);
		break;
	case TIGHTER_RULE_ERRNO:
		p->rules[LIVE_RULE_GETPID].action = KSENTRY_ACT_ERRNO_OF(EXDEV);
		break;
	case TIGHTER_ENTRY_LOG:
		p->entries[LIVE_GETPID].action = KSENTRY_ACT_LOG;
		break;
	case TIGHTER_IA32:
		p->attr.ia32_action = KSENTRY_ACT_KILL_PROCESS;
		break;
	case TIGHTER_RULE_ADDED:
		rule = add_rule(p, __NR_getuid, KSENTRY_ACT_ERRNO_OF(ENOTBLK));
		add_cond(rule, 0, KSENTRY_CMP_EQ, ~0ULL, 1);
		break;
	case TIGHTER_DEFAULT_ERRNO:
		p->attr.default_action = KSENTRY_ACT_ERRNO_OF(ECHILD);
		break;
	}
}

FIXTURE(update) {
	int fd;
	struct policy *p;
	struct member m;
};

FIXTURE_VARIANT(update) {
	enum change change;
	int err;
	/* Then: getuid(0), getpid(7), getppid(0), syscall 600. */
	long expect[4];
};

/* A loosening: refused, and the old decisions stay. */
#define REFUSED(c) \
	.change = c, .err = EPERM, \
	.expect = { -EACCES, -EDOM, -ERANGE, -EMLINK }

FIXTURE_VARIANT_ADD(update, looser_entry_log) {
	REFUSED(LOOSER_ENTRY_LOG)
};

FIXTURE_VARIANT_ADD(update, looser_entry_allow) {
	REFUSED(LOOSER_ENTRY_ALLOW)
};

FIXTURE_VARIANT_ADD(update, looser_default) {
	REFUSED(LOOSER_DEFAULT)
};

FIXTURE_VARIANT_ADD(update, looser_ia32) {
	REFUSED(LOOSER_IA32)
};

FIXTURE_VARIANT_ADD(update, looser_x32) {
	REFUSED(LOOSER_X32)
};

FIXTURE_VARIANT_ADD(update, looser_rule_action) {
	REFUSED(LOOSER_RULE_ACTION)
};

FIXTURE_VARIANT_ADD(update, looser_rule_removed) {
	REFUSED(LOOSER_RULE_REMOVED)
};

FIXTURE_VARIANT_ADD(update, looser_rule_moved) {
	REFUSED(LOOSER_RULE_MOVED)
};

FIXTURE_VARIANT_ADD(update, looser_rule_added) {
	REFUSED(LOOSER_RULE_ADDED)
};

FIXTURE_VARIANT_ADD(update, looser_entry_added) {
	REFUSED(LOOSER_ENTRY_ADDED)
};

FIXTURE_VARIANT_ADD(update, same) {
	.change = SAME, .expect = { -EACCES, -EDOM, -ERANGE, -EMLINK },
};

FIXTURE_VARIANT_ADD(update, tighter_rule_errno) {
	.change = TIGHTER_RULE_ERRNO,
	.expect = { -EACCES, -EXDEV, -ERANGE, -EMLINK },
};

FIXTURE_VARIANT_ADD(update, tighter_entry_log) {
	.change = TIGHTER_ENTRY_LOG, .expect = { -EACCES, -EDOM, -ERANGE, -EMLINK },
};

FIXTURE_VARIANT_ADD(update, tighter_ia32) {
	.change = TIGHTER_IA32, .expect = { -EACCES, -EDOM, -ERANGE, -EMLINK },
};

FIXTURE_VARIANT_ADD(update, tighter_rule_added) {
	.change = TIGHTER_RULE_ADDED, .expect = { -EACCES, -EDOM, -ERANGE, -EMLINK },
};

FIXTURE_VARIANT_ADD(update, tighter_default_errno) {
	.change = TIGHTER_DEFAULT_ERRNO,
	.expect = { -EACCES, -EDOM, -ERANGE, -ECHILD },
};

FIXTURE_SETUP(update)
{
	self->m.pid = 0;
	self->p = policy_alloc();
	ASSERT_NE(NULL, self->p);
	self->fd = sandbox_create();
	ASSERT_LE(0, self->fd);
	live_policy(self->p, SAME);
	ASSERT_EQ(0, policy_set(self->fd, self->p));
	ASSERT_EQ(0, member_start(&self->m, self->fd));
}

FIXTURE_TEARDOWN(update)
{
	member_stop(&self->m);
	close(self->fd);
	free(self->p);
}

TEST_F(update, without_cap_sys_admin)
{
	static const long old[4] = { -EACCES, -EDOM, -ERANGE, -EMLINK };
	const long *expect = variant->expect;
	long seen[4];
	unsigned int i;

	live_policy(self->p, variant->change);
	ASSERT_EQ(variant->err, set_unprivileged(self->fd, self->p));
	expect_seq(_metadata, self->fd, variant->err ? 1 : 2);
	seen[0] = ASK(&self->m, __NR_getuid, 0);
	seen[1] = ASK(&self->m, __NR_getpid, 7);
	seen[2] = ASK(&self->m, __NR_getppid, 0);
	seen[3] = ASK(&self->m, 600, 0);
	for (i = 0; i < 4; i++)
		ASSERT_EQ(expect[i], seen[i])
		{
			TH_LOG("probe %u: the old policy gave %ld", i, old[i]);
		}

	/* Root may install the change whatever it is. */
	ASSERT_EQ(0, policy_set(self->fd, self->p));
}

/* io_uring */

/* A ring made outside, inherited by the body, or -1. */
static int ring = -1;

static int body_io_uring(void)
{
	struct io_uring_params params;

	memset(&params, 0, sizeof(params));
	errno = 0;
	if (syscall(__NR_io_uring_setup, 1, &params) != -1 || errno != EPERM)
		return 1;
	/* A ring from outside is no way around it. */
	errno = 0;
	if (syscall(__NR_io_uring_enter, ring, 0, 0, 0, NULL, 0) != -1 ||
	    errno != EPERM)
		return 2;
	errno = 0;
	if (syscall(__NR_io_uring_register, ring, IORING_UNREGISTER_BUFFERS,
		    NULL, 0) != -1 || errno != EPERM)
		return 3;
	return 0;
}

static void deny_io_uring(struct policy *const p)
{
	policy_init(p, KSENTRY_ACT_ALLOW);
	add_entry(p, __NR_io_uring_setup, KSENTRY_ACT_ERRNO_OF(EPERM));
	add_entry(p, __NR_io_uring_enter, KSENTRY_ACT_ERRNO_OF(EPERM));
	add_entry(p, __NR_io_uring_register, KSENTRY_ACT_ERRNO_OF(EPERM));
}

/* io_uring_setup outside: a ring fd, or -errno. */
static int ring_outside(void)
{
	struct io_uring_params params;
	int fd;

	memset(&params, 0, sizeof(params));
	fd = syscall(__NR_io_uring_setup, 1, &params);
	return fd < 0 ? -errno : fd;
}

TEST(io_uring_denied_in_sandbox)
{
	struct policy *p;
	int fd, status;

	ASSERT_EQ(425, __NR_io_uring_setup);
	ASSERT_EQ(426, __NR_io_uring_enter);
	ASSERT_EQ(427, __NR_io_uring_register);
	p = policy_alloc();
	ASSERT_NE(NULL, p);
	deny_io_uring(p);
	fd = sandbox_create();
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, policy_set(fd, p));
	ring = ring_outside();
	status = run_body(_metadata, fd, body_io_uring);
	ASSERT_TRUE(exited_with(0, status))
	{
		TH_LOG("body status %#x: step %d failed (ring %d)", status,
		       WIFEXITED(status) ? WEXITSTATUS(status) : -1, ring);
	}
	/* The module decided each one, whatever the host would have said. */
	ASSERT_EQ(1, stats_count(fd, __NR_io_uring_setup, KSENTRY_ACT_ERRNO));
	ASSERT_EQ(1, stats_count(fd, __NR_io_uring_enter, KSENTRY_ACT_ERRNO));
	ASSERT_EQ(1, stats_count(fd, __NR_io_uring_register,
				 KSENTRY_ACT_ERRNO));
	if (ring >= 0)
		close(ring);
	close(fd);
	free(p);
}

TEST(io_uring_allowed_outside)
{
	struct member m = { 0 };
	struct policy *p;
	int fd, r;

	p = policy_alloc();
	ASSERT_NE(NULL, p);
	deny_io_uring(p);
	fd = sandbox_create();
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, policy_set(fd, p));
	/* A sandbox denies io_uring to its members only. */
	ASSERT_EQ(0, member_start(&m, fd));
	ASSERT_EQ(-EPERM, ASK(&m, __NR_io_uring_setup, 1, 0));
	r = ring_outside();
	member_stop(&m);
	close(fd);
	free(p);
	if (r == -ENOSYS || r == -EPERM)
		SKIP(return, "io_uring is disabled here: %s", strerror(-r));
	ASSERT_LE(0, r)
	{
		TH_LOG("io_uring_setup outside: %s", strerror(-r));
	}
	close(r);
}

TEST_HARNESS_MAIN
