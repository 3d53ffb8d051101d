// SPDX-License-Identifier: GPL-2.0
/*
 * ksentry - the hostile-member suite: the threat model, one technique a test
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * Every member of a sandbox is assumed hostile: root inside its
 * namespaces, with threads that race the module.  Each TECHNIQUE() below
 * is one way such a member tries to crash or hang the host, make a call
 * the table does not decide, blind the table or loosen its policy.  The
 * body runs inside a sandbox and returns 0 when the technique failed, as
 * it must, or 1 after printing what it got through.  A technique may have
 * an outside part, run by a process of the host beside the member, and the
 * two talk over a socket (a member's pid reaches the outside as the host
 * sees it, through SCM_CREDENTIALS).
 *
 * Each technique runs twice, as the fixture's variants:
 *
 * - allow_all: pid 1 of a new pid namespace bound to a sandbox that allows
 *   every call, with the safe emulation set and every virtual file: only
 *   the module's own mechanism stands in the way;
 * - runsc_default: the process of a runsc-lite container, with runsc-lite's
 *   default policy and emulation, as an engine would run it.
 *
 * A kernel splat anywhere fails the whole run (tools/testing/run-guest).
 * Documentation/security/ksentry.rst lists each technique with its verdict.
 */

#define _GNU_SOURCE
#include <asm/prctl.h>
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <linux/ksentry.h>
#include <linux/netlink.h>
#include <linux/filter.h>
#include <linux/openat2.h>
#include <linux/sched.h>
#include <linux/seccomp.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/fanotify.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "kselftest_harness.h"

#include "common.h"

#ifndef __printf
#define __printf(a, b) __attribute__((format(printf, a, b)))
#endif

#define RUNTIME "/bin/runsc-lite"
#define RL_ROOT "/tmp/hostile-root"
#define BUNDLE "/tmp/hostile-bundle"
#define SELF_IN_BUNDLE "/hostile_test"

/* The member's end of the channel in a container: --preserve-fds 1. */
#define CONTAINER_CHAN 3

/**
 * struct technique - One way a hostile member tries to get through
 * @name: The technique's name, also its test's.
 * @member: The part inside the sandbox, given the channel; 0 if it failed.
 * @outside: The host's part, or NULL: given the channel, 0 if it failed.
 */
struct technique {
	const char *name;
	int (*member)(int chan);
	int (*outside)(int chan);
};

#define MAX_TECHNIQUES 256
static const struct technique *techniques[MAX_TECHNIQUES];
static int nr_techniques;

static int fails;

/*
 * In a member: whether it runs under the allow_all policy, whose actions
 * the techniques know; false in a container.
 */
static bool allow_all;

/*
 * What the allow_all harness leaves open in the member, as a careless
 * runtime might: the sandbox's own descriptor, at LEAKED_SANDBOX_FD, and
 * a descriptor of the harness's pid namespace.
 */
#define LEAKED_SANDBOX_FD 100
static int outer_pidns = -1;

/* Print what got through, and count it. */
static void __printf(2, 3)
report(const int line, const char *const fmt, ...)
{
	va_list ap;

	fails++;
	fprintf(stderr, "# hostile_test.c:%d: ", line);
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

/* @cond must hold. */
#define CHECK(cond) check_at(!!(cond), __LINE__, #cond)

static void fails_with_at(const int want, const long ret, const int line,
			  const char *const what)
{
	const int err = errno;

	if (ret == -1 && err == want)
		return;
	report(line, "%s: %ld (%s), expected %s", what, ret,
	       ret == -1 ? strerror(err) : "no error", strerror(want));
}

/* @call must fail with errno @want. */
#define FAILS_WITH(want, call) fails_with_at((want), (call), __LINE__, #call)

/* Send @value over @chan, with the sender's credentials. */
static bool chan_send(const int chan, const int value)
{
	union {
		char buf[CMSG_SPACE(sizeof(struct ucred))];
		struct cmsghdr align;
	} u;
	struct ucred cred = { getpid(), getuid(), getgid() };
	struct iovec iov = { (void *)&value, sizeof(value) };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = u.buf, .msg_controllen = sizeof(u.buf),
	};
	struct cmsghdr *const c = CMSG_FIRSTHDR(&msg);

	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_CREDENTIALS;
	c->cmsg_len = CMSG_LEN(sizeof(cred));
	memcpy(CMSG_DATA(c), &cred, sizeof(cred));
	return sendmsg(chan, &msg, 0) == sizeof(value);
}

/* Receive a value from @chan, and the sender's pid as this side sees it. */
static bool chan_recv(const int chan, int *const value, pid_t *const pid)
{
	union {
		char buf[CMSG_SPACE(sizeof(struct ucred))];
		struct cmsghdr align;
	} u;
	struct iovec iov = { value, sizeof(*value) };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = u.buf, .msg_controllen = sizeof(u.buf),
	};
	struct cmsghdr *c;
	struct ucred cred;

	if (recvmsg(chan, &msg, 0) != sizeof(*value))
		return false;
	c = CMSG_FIRSTHDR(&msg);
	if (pid) {
		if (!c || c->cmsg_type != SCM_CREDENTIALS)
			return false;
		memcpy(&cred, CMSG_DATA(c), sizeof(cred));
		*pid = cred.pid;
	}
	return true;
}

/* The allow_all policy: everything allowed, the safe set emulated. */
static const struct ksentry_entry allow_all_entries[] = {
	{ __NR_getpid, KSENTRY_ACT_EMULATE_OF(KSENTRY_EMU_GETPID) },
	{ __NR_getppid, KSENTRY_ACT_EMULATE_OF(KSENTRY_EMU_GETPPID) },
	{ __NR_gettid, KSENTRY_ACT_EMULATE_OF(KSENTRY_EMU_GETTID) },
	{ __NR_getuid, KSENTRY_ACT_EMULATE_OF(KSENTRY_EMU_GETUID) },
	{ __NR_geteuid, KSENTRY_ACT_EMULATE_OF(KSENTRY_EMU_GETEUID) },
	{ __NR_getgid, KSENTRY_ACT_EMULATE_OF(KSENTRY_EMU_GETGID) },
	{ __NR_getegid, KSENTRY_ACT_EMULATE_OF(KSENTRY_EMU_GETEGID) },
	{ __NR_uname, KSENTRY_ACT_EMULATE_OF(KSENTRY_EMU_UNAME) },
	{ __NR_sysinfo, KSENTRY_ACT_EMULATE_OF(KSENTRY_EMU_SYSINFO) },
	{ __NR_sched_getaffinity,
	  KSENTRY_ACT_EMULATE_OF(KSENTRY_EMU_SCHED_GETAFFINITY) },
	{ __NR_getcpu, KSENTRY_ACT_EMULATE_OF(KSENTRY_EMU_GETCPU) },
	{ __NR_getrlimit, KSENTRY_ACT_EMULATE_OF(KSENTRY_EMU_GETRLIMIT) },
	{ __NR_prlimit64, KSENTRY_ACT_EMULATE_OF(KSENTRY_EMU_PRLIMIT64) },
	{ __NR_getrandom, KSENTRY_ACT_EMULATE_OF(KSENTRY_EMU_GETRANDOM) },
	{ __NR_open, KSENTRY_ACT_EMULATE_OF(KSENTRY_EMU_OPEN) },
	{ __NR_openat, KSENTRY_ACT_EMULATE_OF(KSENTRY_EMU_OPENAT) },
	{ __NR_openat2, KSENTRY_ACT_EMULATE_OF(KSENTRY_EMU_OPENAT2) },
	{ __NR_creat, KSENTRY_ACT_EMULATE_OF(KSENTRY_EMU_CREAT) },
	/* What a policy with path rules must refuse. */
	{ __NR_open_by_handle_at, KSENTRY_ACT_ERRNO_OF(EPERM) },
	{ __NR_io_uring_setup, KSENTRY_ACT_ERRNO_OF(EPERM) },
	{ __NR_fanotify_init, KSENTRY_ACT_ERRNO_OF(EPERM) },
	{ __NR_acct, KSENTRY_ACT_ERRNO_OF(EPERM) },
	{ __NR_swapon, KSENTRY_ACT_ERRNO_OF(EPERM) },
	{ __NR_quotactl, KSENTRY_ACT_ERRNO_OF(EPERM) },
	{ __NR_quotactl_fd, KSENTRY_ACT_ERRNO_OF(EPERM) },
	/* A call that traps, for a SIGSYS handler to play with. */
	{ __NR_getpgrp, KSENTRY_ACT_TRAP },
};

/*
 * And a path rule: SECRET, which the harness writes, may not be read or
 * written (EACCES).  The techniques find no such file in a container.
 */
#define SECRET "/tmp/hostile-secret"
#define SECRET_TEXT "secret"

/*
 * And argument rules for the techniques to go around: AF_VSOCK sockets
 * refused, as runsc-lite's default policy refuses them, and TIOCSTI.
 */
static const struct ksentry_rule allow_all_rules[] = {
	{ .nr = __NR_socket, .action = KSENTRY_ACT_ERRNO_OF(EPERM), .nr_conds = 1,
	  .conds = { { .arg = 0, .op = KSENTRY_CMP_EQ, .mask = ~0ULL,
		       .value = AF_VSOCK } } },
	{ .nr = __NR_ioctl, .action = KSENTRY_ACT_ERRNO_OF(EPERM), .nr_conds = 1,
	  .conds = { { .arg = 1, .op = KSENTRY_CMP_EQ, .mask = ~0ULL,
		       .value = TIOCSTI } } },
};

static int set_allow_all(const int sandbox)
{
	struct ksentry_emu_attr emu = {
		.size = sizeof(emu),
		.vfiles = KSENTRY_VFILES_ALL,
	};
	struct ksentry_path_rule secret = {
		.access = KSENTRY_ACCESS_READ | KSENTRY_ACCESS_WRITE,
		.action = KSENTRY_ACT_ERRNO_OF(EACCES),
	};
	int fd, ret;
	struct ksentry_policy_attr attr = {
		.size = sizeof(attr),
		.default_action = KSENTRY_ACT_ALLOW,
		/* As runsc-lite gives x32 unless a profile admits it. */
		.x32_action = KSENTRY_ACT_KILL_THREAD,
		.nr_entries = ARRAY_SIZE(allow_all_entries),
		.entries = (__u64)(uintptr_t)allow_all_entries,
		.nr_rules = ARRAY_SIZE(allow_all_rules),
		.rules = (__u64)(uintptr_t)allow_all_rules,
		.emu = (__u64)(uintptr_t)&emu,
		.nr_path_rules = 1,
		.path_rules = (__u64)(uintptr_t)&secret,
	};

	fd = open(SECRET, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0 || write(fd, SECRET_TEXT, strlen(SECRET_TEXT)) < 0)
		return -1;
	close(fd);
	fd = open(SECRET, O_PATH | O_CLOEXEC);
	if (fd < 0)
		return -1;
	secret.fd = fd;
	ret = ioctl(sandbox, KSENTRY_SANDBOX_SET_POLICY, &attr);
	close(fd);
	return ret;
}

/* The member's part, in the process that is to run it; its exit status. */
static int member_main(const struct technique *const t, const int chan)
{
	int ret;

	fails = 0;
	ret = t->member(chan);
	return ret || fails ? 1 : 0;
}

/* As pid 1 of a new pid namespace bound to an allow_all sandbox. */
static int start_allow_all(const struct technique *const t, int chan[2],
			   pid_t *const pid)
{
	int sandbox, release;

	sandbox = sandbox_create();
	if (sandbox < 0 || set_allow_all(sandbox))
		return -1;
	/* Leaked, as a careless runtime would: see the techniques. */
	outer_pidns = open("/proc/self/ns/pid", O_RDONLY);
	*pid = spawn_held(&release);
	if (*pid == 0) {
		close(chan[0]);
		allow_all = true;
		dup2(sandbox, LEAKED_SANDBOX_FD);
		_exit(member_main(t, chan[1]));
	}
	close(outer_pidns);
	outer_pidns = -1;
	if (*pid < 0 || sandbox_bind_pid(sandbox, *pid)) {
		close(sandbox);
		return -1;
	}
	close(sandbox);
	release_child(release);
	return 0;
}

/* Write the bundle of a container that runs this binary's technique @name. */
static int make_bundle(const char *const name)
{
	static const char config[] =
		"{\"ociVersion\": \"1.2.0\",\n"
		" \"root\": {\"path\": \"rootfs\"},\n"
		" \"hostname\": \"hostile\",\n"
		" \"mounts\": [\n"
		"  {\"destination\": \"/proc\", \"type\": \"proc\", \"source\": \"proc\"},\n"
		"  {\"destination\": \"/dev\", \"type\": \"tmpfs\", \"source\": \"tmpfs\",\n"
		"   \"options\": [\"nosuid\", \"mode=755\"]},\n"
		"  {\"destination\": \"/tmp\", \"type\": \"tmpfs\", \"source\": \"tmpfs\"}],\n"
		" \"linux\": {\"namespaces\": [{\"type\": \"pid\"}, {\"type\": \"mount\"},\n"
		"   {\"type\": \"uts\"}, {\"type\": \"ipc\"}]},\n"
		" \"process\": {\"args\": [\"" SELF_IN_BUNDLE "\", \"--technique\", \"%s\"],\n"
		"  \"cwd\": \"/\",\n"
		"  \"env\": [\"PATH=/bin\"], \"user\": {\"uid\": 0, \"gid\": 0}}}\n";
	char self[PATH_MAX], cmd[2 * PATH_MAX];
	ssize_t n;
	FILE *f;

	/* Read here: in the shell, /proc/self/exe is the shell. */
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n < 0)
		return -1;
	self[n] = '\0';
	snprintf(cmd, sizeof(cmd),
		 "rm -rf " BUNDLE " && mkdir -p " BUNDLE "/rootfs/proc " BUNDLE
		 "/rootfs/dev " BUNDLE "/rootfs/tmp && cp %s " BUNDLE "/rootfs"
		 SELF_IN_BUNDLE, self);
	if (system(cmd))
		return -1;
	f = fopen(BUNDLE "/config.json", "w");
	if (!f)
		return -1;
	fprintf(f, config, name);
	return fclose(f);
}

/* As the process of a runsc-lite container with the default policy. */
static int start_container(const struct technique *const t, int chan[2],
			   pid_t *const pid)
{
	char id[64];

	snprintf(id, sizeof(id), "hostile-%d", getpid());
	if (make_bundle(t->name))
		return -1;
	*pid = fork();
	if (*pid == 0) {
		close(chan[0]);
		if (dup2(chan[1], CONTAINER_CHAN) < 0)
			_exit(98);
		execl(RUNTIME, RUNTIME, "--root", RL_ROOT, "run", "--no-pivot",
		      "--preserve-fds", "1", "--bundle", BUNDLE, id, NULL);
		_exit(97);
	}
	return *pid < 0 ? -1 : 0;
}

FIXTURE(hostile) {
	int unused;
};

FIXTURE_VARIANT(hostile) {
	bool container;
};

FIXTURE_VARIANT_ADD(hostile, allow_all) {
	.container = false,
};

FIXTURE_VARIANT_ADD(hostile, runsc_default) {
	.container = true,
};

FIXTURE_SETUP(hostile)
{
	if (variant->container && access(RUNTIME, X_OK))
		SKIP(return, "no %s in this guest", RUNTIME);
}

FIXTURE_TEARDOWN(hostile)
{
	if (variant->container)
		system("rm -rf " BUNDLE);
}

/* Run @t in the variant's sandbox, with its outside part beside it. */
static void run(struct __test_metadata *const _metadata, const bool container,
		const struct technique *const t)
{
	int chan[2], status, outside = 0;
	const int on = 1;
	pid_t pid;

	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, chan));
	ASSERT_EQ(0, setsockopt(chan[0], SOL_SOCKET, SO_PASSCRED, &on, sizeof(on)));
	ASSERT_EQ(0, container ? start_container(t, chan, &pid) :
				 start_allow_all(t, chan, &pid));
	close(chan[1]);
	if (t->outside) {
		fails = 0;
		outside = t->outside(chan[0]) || fails;
	}
	close(chan[0]);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_EQ(0, outside);
	EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
	{
		TH_LOG("the member ended with status %#x: the technique got through",
		       status);
	}
}

#define TECHNIQUE(id, outside_fn)					\
	static int member_##id(int chan);				\
	static const struct technique tech_##id = {			\
		.name = #id, .member = member_##id, .outside = outside_fn, \
	};								\
	static void __attribute__((constructor)) register_##id(void)	\
	{								\
		if (nr_techniques < MAX_TECHNIQUES)			\
			techniques[nr_techniques++] = &tech_##id;	\
	}								\
	TEST_F(hostile, id)						\
	{								\
		run(_metadata, variant->container, &tech_##id);			\
	}								\
	static int member_##id(int chan)

/*
 * Virtual files.  Each open of /proc/meminfo is a file the module made;
 * no other way of reaching it may make a second open file of it (there
 * would be no content behind it), or share anything between two opens.
 */

/* Reopen a virtual file through /proc/self/fd. */
TECHNIQUE(vfile_reopen_through_proc_self_fd, NULL)
{
	char path[64], buf[64];
	int fd, again;

	fd = open("/proc/meminfo", O_RDONLY);
	if (!CHECK(fd >= 0))
		return 1;
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	again = open(path, O_RDONLY);
	if (again >= 0) {
		WRONG("a virtual file was opened again, and read %zd",
		      read(again, buf, sizeof(buf)));
		close(again);
	} else {
		CHECK(errno == ENXIO);
	}
	FAILS_WITH(ENXIO, syscall(__NR_open, path, O_RDONLY, 0));
	FAILS_WITH(ENXIO, openat(AT_FDCWD, path, O_RDONLY));
	return 0;
}

/* Make a host process reopen it, through /proc/PID/fd/N. */
static int outside_reopen(const int chan)
{
	char path[64], buf[64];
	int n, fd;
	pid_t pid;

	if (!CHECK(chan_recv(chan, &n, &pid)))
		return 1;
	snprintf(path, sizeof(path), "/proc/%d/fd/%d", pid, n);
	fd = open(path, O_RDONLY);
	if (fd >= 0) {
		WRONG("the host reopened %s: %zd", path, read(fd, buf, sizeof(buf)));
		close(fd);
	} else {
		CHECK(errno == ENXIO);
	}
	return !chan_send(chan, 0);
}

TECHNIQUE(vfile_reopen_from_the_host, outside_reopen)
{
	int fd, done;

	fd = open("/proc/meminfo", O_RDONLY);
	if (!CHECK(fd >= 0) || !CHECK(chan_send(chan, fd)))
		return 1;
	return !CHECK(chan_recv(chan, &done, NULL));
}

/* Share an inode's state between two opens: locks, attributes. */
TECHNIQUE(vfile_shared_inode, NULL)
{
	struct stat a, b;
	char path[64];
	int fd1, fd2;

	fd1 = open("/proc/meminfo", O_RDONLY);
	fd2 = open("/proc/uptime", O_RDONLY);
	if (!CHECK(fd1 >= 0 && fd2 >= 0))
		return 1;
	CHECK(!fstat(fd1, &a) && !fstat(fd2, &b));
	if (a.st_dev == b.st_dev && a.st_ino == b.st_ino)
		WRONG("two virtual files share inode %lu", (unsigned long)a.st_ino);
	CHECK(S_ISREG(a.st_mode) && (a.st_mode & 07777) == 0444 && !a.st_uid);
	/* An exclusive lock on one open is not on another. */
	CHECK(!flock(fd1, LOCK_EX | LOCK_NB));
	CHECK(!flock(fd2, LOCK_EX | LOCK_NB));
	FAILS_WITH(EPERM, fchmod(fd1, 0666));
	FAILS_WITH(EPERM, fchown(fd1, 1000, 1000));
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd1);
	FAILS_WITH(EPERM, chmod(path, 0777));
	CHECK(!fstat(fd1, &a) && (a.st_mode & 07777) == 0444 && !a.st_uid);
	return 0;
}

/* Reach it by an empty path, a handle or a mapping. */
TECHNIQUE(vfile_other_ways_in, NULL)
{
	struct {
		struct file_handle h;
		unsigned char bytes[128];
	} fh = { .h.handle_bytes = 128 };
	struct open_how how = { .flags = O_RDONLY };
	int fd, mnt;
	void *map;

	fd = open("/proc/meminfo", O_RDONLY);
	if (!CHECK(fd >= 0))
		return 1;
	FAILS_WITH(ENOENT, openat(fd, "", O_RDONLY));
	FAILS_WITH(ENOENT, syscall(__NR_openat2, fd, "", &how, sizeof(how)));
	/* ENOSYS on a kernel without CONFIG_FHANDLE, as the debug kernel. */
	if (name_to_handle_at(fd, "", &fh.h, &mnt, AT_EMPTY_PATH) != -1 ||
	    (errno != EOPNOTSUPP && errno != ENOSYS))
		WRONG("name_to_handle_at() of a virtual file: %s", strerror(errno));
	map = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0);
	if (map != MAP_FAILED)
		WRONG("a virtual file was mapped");
	else
		CHECK(errno == ENODEV);
	return 0;
}

/*
 * Arguments.  The kernel reads an int or unsigned int argument from the
 * low 32 bits of its register (a umode_t from the low 16): a rule must be
 * decided on those, whatever the high bits say.
 */

/* The answer of a call, to compare two. */
struct answer {
	long ret;
	int err;
};

static struct answer answer_of(const long ret)
{
	struct answer a = { ret, ret < 0 ? errno : 0 };

	if (ret >= 0)
		close(ret);
	return a;
}

static void same_answer_at(const int line, const char *const what,
			   const struct answer want, const struct answer got)
{
	const bool want_failed = want.ret < 0, got_failed = got.ret < 0;

	if (want_failed != got_failed || want.err != got.err)
		report(line, "%s: %ld (%s), but %ld (%s) without the high bits",
		       what, got.ret, strerror(got.err), want.ret,
		       strerror(want.err));
}

/* @call must get the answer of @plain: the high bits change nothing. */
#define SAME_ANSWER(plain, call)					\
	same_answer_at(__LINE__, #call, answer_of(plain), answer_of(call))

/* socket(AF_VSOCK | 1 << 32): the family is an int. */
TECHNIQUE(high_bits_of_an_int_argument, NULL)
{
	SAME_ANSWER(syscall(__NR_socket, AF_VSOCK, SOCK_STREAM, 0),
		    syscall(__NR_socket, AF_VSOCK | 1UL << 32, SOCK_STREAM, 0));
	SAME_ANSWER(syscall(__NR_socket, AF_VSOCK, SOCK_STREAM, 0),
		    syscall(__NR_socket, AF_VSOCK | ~0UL << 32, SOCK_STREAM, 0));
	SAME_ANSWER(syscall(__NR_socket, AF_NETLINK, SOCK_RAW, NETLINK_AUDIT),
		    syscall(__NR_socket, AF_NETLINK | 1UL << 32, SOCK_RAW,
			    NETLINK_AUDIT | 1UL << 32));
	return 0;
}

/* ioctl(fd, TIOCSTI | 1 << 32): the command is an unsigned int. */
TECHNIQUE(high_bits_of_an_unsigned_argument, NULL)
{
	int p[2];
	char c = 'x';

	if (!CHECK(!pipe(p)))
		return 1;
	SAME_ANSWER(syscall(__NR_ioctl, p[0], TIOCSTI, &c),
		    syscall(__NR_ioctl, p[0], TIOCSTI | 1UL << 32, &c));
	SAME_ANSWER(syscall(__NR_ioctl, p[0], TIOCSTI, &c),
		    syscall(__NR_ioctl, p[0], TIOCSTI | ~0UL << 32, &c));
	return 0;
}

/* prctl(PR_SET_SYSCALL_USER_DISPATCH | 1 << 32, ON): the option is an int. */
TECHNIQUE(high_bits_of_the_prctl_option, NULL)
{
	static char selector;

	FAILS_WITH(EPERM, syscall(__NR_prctl, PR_SET_SYSCALL_USER_DISPATCH,
				  PR_SYS_DISPATCH_OFF, 0, 0, 0));
	FAILS_WITH(EPERM, syscall(__NR_prctl,
				  PR_SET_SYSCALL_USER_DISPATCH | 1UL << 32,
				  PR_SYS_DISPATCH_OFF, 0, 0, 0));
	FAILS_WITH(EPERM, syscall(__NR_prctl,
				  PR_SET_SYSCALL_USER_DISPATCH | ~0UL << 32,
				  PR_SYS_DISPATCH_ON, 0, 0, &selector));
	/* Still a member: the table still answers. */
	CHECK(syscall(__NR_socket, AF_VSOCK, SOCK_STREAM, 0) < 0 && errno == EPERM);
	return 0;
}

/*
 * Actions.  Each action of the table must do what it says on every ABI,
 * whatever the kernel's configuration (Debian's kernels refuse x32 calls
 * unless booted with syscall.x32=y).
 */

#define X32_GETPID (0x40000000UL | 39)

/* What an x32 call left: -2 if its thread did not return from it. */
static void *x32_call(void *const ret)
{
	*(long *)ret = syscall(X32_GETPID);
	return NULL;
}

/*
 * KILL_THREAD on an x32 call (allow_all's x32 action): the thread dies,
 * the process goes on.  Under another policy the call must at least fail.
 */
TECHNIQUE(kill_thread_of_an_x32_call, NULL)
{
	long ret = -2;
	pthread_t thread;
	int status;
	pid_t pid;

	if (!CHECK(!pthread_create(&thread, NULL, x32_call, &ret)) ||
	    !CHECK(!pthread_join(thread, NULL)))
		return 1;
	if (ret >= 0 || (allow_all && ret != -2))
		WRONG("a thread went on after its x32 call: %ld", ret);
	/* The last thread takes its process with it. */
	pid = fork();
	if (pid == 0) {
		ret = syscall(X32_GETPID);
		_exit(ret >= 0 ? 2 : 1);
	}
	if (!CHECK(pid > 0 && waitpid(pid, &status, 0) == pid))
		return 1;
	if (WIFEXITED(status) && (allow_all || WEXITSTATUS(status) != 1))
		WRONG("a process went on after its x32 call: status %#x", status);
	return 0;
}

/*
 * The host's observers.  The table decides first; every call it lets
 * through, emulated or not, then meets the member's own seccomp filters,
 * its tracer's stops, audit and the sys_enter tracepoint as on the host,
 * and a tracer that changes a call at a stop gets the table's decision on
 * the changed call.
 */

/* A filter that fails call @nr with @err, installed on current. */
static int filter_errno(const int nr, const int err)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, nr, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | err),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { ARRAY_SIZE(f), f };

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return -1;
	return syscall(__NR_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog);
}

/* Run @fn in a child; its wait status. */
static int in_child(int (*const fn)(void))
{
	int status;
	pid_t pid;

	pid = fork();
	if (pid == 0)
		_exit(fn());
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

static int own_filter_body(void)
{
	if (filter_errno(__NR_openat, EACCES) || filter_errno(__NR_getpid, EPERM))
		return 2;
	if (open("/proc/meminfo", O_RDONLY) != -1 || errno != EACCES)
		return 3;
	if (syscall(__NR_getpid) != -1 || errno != EPERM)
		return 4;
	return 0;
}

/* An emulated call must not escape the member's own seccomp filter. */
TECHNIQUE(own_seccomp_filter_and_emulated_calls, NULL)
{
	const int status = in_child(own_filter_body);

	if (!WIFEXITED(status) || WEXITSTATUS(status))
		WRONG("under its own filter, status %#x (3: openat, 4: getpid ran)",
		      status);
	return 0;
}

static int strict_body(void)
{
	if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_STRICT))
		return 2;
	syscall(__NR_openat, AT_FDCWD, "/proc/meminfo", O_RDONLY, 0);
	syscall(__NR_getpid);
	syscall(__NR_exit, 3);
	return 4;
}

/* Strict mode allows read, write, exit and sigreturn: nothing emulated. */
TECHNIQUE(seccomp_strict_mode_and_emulated_calls, NULL)
{
	const int status = in_child(strict_body);

	if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL)
		WRONG("in strict mode, status %#x (3: an emulated call ran)", status);
	return 0;
}

/*
 * A member tracing a member: what is the call at the tracee's entry
 * stop, and what happens to a call the tracer changes there.  Returns the
 * tracee's wait status, or -1; @seen gets the number the tracer saw.
 */
static int trace_and_change(const int set_nr, long *const seen)
{
	struct user_regs_struct regs;
	int status;
	pid_t pid;

	*seen = -1;
	pid = fork();
	if (pid == 0) {
		if (ptrace(PTRACE_TRACEME, 0, 0, 0))
			_exit(100);
		raise(SIGSTOP);
		errno = 0;
		/* The tracer may make it socket(AF_VSOCK, SOCK_STREAM, 0). */
		if (syscall(__NR_getpid) == -1)
			_exit(errno);
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	if (WIFEXITED(status))
		return status;
	if (ptrace(PTRACE_SYSCALL, pid, 0, 0) ||
	    waitpid(pid, &status, 0) != pid || !WIFSTOPPED(status) ||
	    ptrace(PTRACE_GETREGS, pid, 0, &regs)) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		return -2;
	}
	*seen = regs.orig_rax;
	if (set_nr >= 0) {
		regs.orig_rax = set_nr;
		regs.rdi = AF_VSOCK;
		regs.rsi = SOCK_STREAM;
		regs.rdx = 0;
		ptrace(PTRACE_SETREGS, pid, 0, &regs);
	}
	ptrace(PTRACE_DETACH, pid, 0, 0);
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

/* The tracer must stop at an emulated call, as strace would show it. */
TECHNIQUE(tracer_sees_emulated_calls, NULL)
{
	long seen;
	const int status = trace_and_change(-1, &seen);

	/* A policy that refuses ptrace leaves nothing to see. */
	if (WIFEXITED(status) && WEXITSTATUS(status) == 100)
		return 0;
	if (seen != __NR_getpid || !WIFEXITED(status) || WEXITSTATUS(status))
		WRONG("the tracer saw call %ld, the tracee ended %#x", seen, status);
	return 0;
}

/* SETREGS at the entry stop: the changed call is the table's to decide. */
TECHNIQUE(tracer_changes_a_call_at_its_entry_stop, NULL)
{
	long seen;
	const int status = trace_and_change(__NR_socket, &seen);

	if (WIFEXITED(status) && WEXITSTATUS(status) == 100)
		return 0;
	/* The table refuses AF_VSOCK with EPERM; the host would say EAFNOSUPPORT. */
	if (!WIFEXITED(status) || WEXITSTATUS(status) != EPERM)
		WRONG("the changed call ended %#x (exit %d), not the table's EPERM",
		      status, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	return 0;
}

/*
 * Files.  A READ or WRITE path rule holds only if no call opens the file
 * around the open family's handlers.
 */

/* The outside part: open and read SECRET once the member has its mark. */
static int outside_touch_secret(const int chan)
{
	char buf[16];
	int n, fd;

	if (!CHECK(chan_recv(chan, &n, NULL)))
		return 1;
	if (n) {
		fd = open(SECRET, O_RDONLY | O_CLOEXEC);
		if (CHECK(fd >= 0)) {
			CHECK(read(fd, buf, sizeof(buf)) > 0);
			close(fd);
		}
	}
	return !chan_send(chan, 0);
}

/* fanotify: an event's descriptor is an open of the file touched. */
TECHNIQUE(fanotify_event_descriptors, outside_touch_secret)
{
	struct fanotify_event_metadata ev;
	char buf[16] = "";
	int fd, done;
	ssize_t n;

	fd = fanotify_init(FAN_CLASS_NOTIF, O_RDONLY);
	if (fd < 0 || access(SECRET, F_OK) ||
	    fanotify_mark(fd, FAN_MARK_ADD, FAN_OPEN, AT_FDCWD, SECRET)) {
		/* Refused (EPERM, or no CAP_SYS_ADMIN), or nothing to read. */
		if (allow_all && fd >= 0)
			WRONG("fanotify_init() under a READ rule: fd %d", fd);
		CHECK(chan_send(chan, 0) && chan_recv(chan, &done, NULL));
		return 0;
	}
	if (!CHECK(chan_send(chan, 1) && chan_recv(chan, &done, NULL)))
		return 1;
	n = read(fd, &ev, sizeof(ev));
	if (n == sizeof(ev) && ev.fd >= 0) {
		if (read(ev.fd, buf, sizeof(buf) - 1) > 0)
			WRONG("read \"%s\" through a fanotify event", buf);
		close(ev.fd);
	}
	return 0;
}

/* The protected file, by its name and by the other ways of reaching it. */
TECHNIQUE(read_a_protected_file_by_other_names, NULL)
{
	struct open_how how = { .flags = O_RDONLY };
	char path[64];
	int fd;

	if (access(SECRET, F_OK))
		return 0;
	FAILS_WITH(EACCES, open(SECRET, O_RDONLY));
	FAILS_WITH(EACCES, syscall(__NR_openat2, AT_FDCWD, SECRET, &how,
				   sizeof(how)));
	/* A hard link is the same inode; an O_PATH descriptor reopened. */
	unlink("/tmp/hostile-link");
	if (!link(SECRET, "/tmp/hostile-link")) {
		FAILS_WITH(EACCES, open("/tmp/hostile-link", O_RDONLY));
		unlink("/tmp/hostile-link");
	}
	/* O_PATH is refused too; were it not, its reopen must be. */
	fd = open(SECRET, O_PATH);
	if (fd >= 0) {
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		FAILS_WITH(EACCES, open(path, O_RDONLY));
		close(fd);
	}
	FAILS_WITH(EPERM, syscall(__NR_io_uring_setup, 1, NULL));
	return 0;
}

/*
 * The mechanism.  Whatever a member does to its process tree, namespaces,
 * registers or descriptors, the table goes on deciding its calls and
 * those of everything it creates; neither the device nor a sandbox can be
 * used from inside.
 */

/* Whether the table decides current's calls: both variants refuse AF_VSOCK. */
static bool decided(void)
{
	errno = 0;
	return syscall(__NR_socket, AF_VSOCK, SOCK_STREAM, 0) == -1 &&
	       errno == EPERM;
}

static int decided_status(void)
{
	return decided() ? 0 : 1;
}

/* @status must show a decided child: exit 0, or killed by the table. */
static void child_decided_at(const int line, const char *const what,
			     const int status)
{
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		report(line, "%s: the child ended %#x (1: its call was not decided)",
		       what, status);
}

#define CHILD_DECIDED(what, status) child_decided_at(__LINE__, (what), (status))

/* The number's high 32 bits: the kernel runs its low 32. */
TECHNIQUE(high_bits_of_the_syscall_number, NULL)
{
	SAME_ANSWER(syscall(__NR_socket, AF_VSOCK, SOCK_STREAM, 0),
		    syscall(__NR_socket | 1UL << 32, AF_VSOCK, SOCK_STREAM, 0));
	SAME_ANSWER(syscall(__NR_socket, AF_VSOCK, SOCK_STREAM, 0),
		    syscall(__NR_socket | ~0UL << 32, AF_VSOCK, SOCK_STREAM, 0));
	return 0;
}

static int int80_getpid(void)
{
	long ret;

	/* ia32 getpid (20) through int 0x80. */
	asm volatile ("int $0x80" : "=a"(ret) : "a"(20L) : "memory");
	return ret >= 0 ? 1 : 0;
}

/* ia32 calls are never decided by the x86-64 table, nor let through. */
TECHNIQUE(ia32_call_through_int80, NULL)
{
	const int status = in_child(int80_getpid);

	if (WIFEXITED(status) && WEXITSTATUS(status))
		WRONG("an ia32 getpid() ran");
	return 0;
}

/* Own seccomp filters only refuse more: an ALLOW-all filter loosens nothing. */
static int allow_filter_body(void)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { ARRAY_SIZE(f), f };

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	    syscall(__NR_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog))
		return 0;
	return decided_status();
}

TECHNIQUE(own_seccomp_filter_cannot_loosen, NULL)
{
	CHILD_DECIDED("under an ALLOW filter", in_child(allow_filter_body));
	return 0;
}

static int sud_config_body(void)
{
	struct {
		__u64 mode, selector, offset, len;
	} cfg = { 0 };
	int status;
	pid_t pid;
	long ret;

	pid = fork();
	if (pid == 0) {
		raise(SIGSTOP);
		_exit(decided_status());
	}
	if (pid < 0 || waitpid(pid, &status, WUNTRACED) != pid)
		return 2;
	if (!ptrace(PTRACE_SEIZE, pid, 0, 0)) {
		/* PTRACE_SET_SYSCALL_USER_DISPATCH_CONFIG, 6.4 on. */
		errno = 0;
		ret = ptrace(0x4210, pid, sizeof(cfg), &cfg);
		if (ret != -1 || (errno != EPERM && errno != EIO))
			return 3;
		ptrace(PTRACE_DETACH, pid, 0, 0);
	}
	kill(pid, SIGCONT);
	if (waitpid(pid, &status, 0) != pid)
		return 2;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 4;
}

/* Switch another member's dispatch off through ptrace. */
TECHNIQUE(ptrace_dispatch_config_of_a_member, NULL)
{
	const int status = in_child(sud_config_body);

	if (!WIFEXITED(status) || WEXITSTATUS(status))
		WRONG("status %#x (3: the setter ran, 1: the tracee undecided)",
		      status);
	return 0;
}

/* POKEUSER of orig_rax at the entry stop, instead of SETREGS. */
TECHNIQUE(tracer_pokeuser_changes_a_call, NULL)
{
	int status;
	pid_t pid;

	pid = fork();
	if (pid == 0) {
		if (ptrace(PTRACE_TRACEME, 0, 0, 0))
			_exit(100);
		raise(SIGSTOP);
		/* Made socket(AF_VSOCK, SOCK_STREAM, 0) by the tracer. */
		errno = 0;
		syscall(__NR_getpid, AF_VSOCK, SOCK_STREAM, 0);
		_exit(errno);
	}
	if (!CHECK(pid > 0 && waitpid(pid, &status, 0) == pid))
		return 1;
	if (WIFEXITED(status))
		return 0;
	if (!ptrace(PTRACE_SYSCALL, pid, 0, 0) &&
	    waitpid(pid, &status, 0) == pid && WIFSTOPPED(status))
		ptrace(PTRACE_POKEUSER, pid,
		       offsetof(struct user, regs) +
		       offsetof(struct user_regs_struct, orig_rax),
		       __NR_socket);
	ptrace(PTRACE_DETACH, pid, 0, 0);
	if (!CHECK(waitpid(pid, &status, 0) == pid))
		return 1;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != EPERM)
		WRONG("the poked call ended %#x, not the table's EPERM", status);
	return 0;
}

/*
 * A member tracer asks for seccomp stops on a stopped tracee (allowed),
 * whose own filter sends getpid to it; at the stop it makes the call
 * socket(AF_VSOCK): the table decides the changed call.
 */
TECHNIQUE(tracer_changes_a_call_at_a_seccomp_stop, NULL)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_getpid, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { ARRAY_SIZE(f), f };
	struct user_regs_struct regs;
	int status;
	pid_t pid;

	pid = fork();
	if (pid == 0) {
		if (ptrace(PTRACE_TRACEME, 0, 0, 0) ||
		    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
		    syscall(__NR_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog))
			_exit(100);
		raise(SIGSTOP);
		errno = 0;
		syscall(__NR_getpid, AF_VSOCK, SOCK_STREAM, 0);
		_exit(errno);
	}
	if (!CHECK(pid > 0 && waitpid(pid, &status, 0) == pid))
		return 1;
	if (WIFEXITED(status))
		return 0;
	if (ptrace(PTRACE_SETOPTIONS, pid, 0, PTRACE_O_TRACESECCOMP))
		WRONG("PTRACE_SETOPTIONS(TRACESECCOMP) on a stopped member: %s",
		      strerror(errno));
	ptrace(PTRACE_CONT, pid, 0, 0);
	while (waitpid(pid, &status, 0) == pid && WIFSTOPPED(status)) {
		if (status >> 8 == (SIGTRAP | (PTRACE_EVENT_SECCOMP << 8)) &&
		    !ptrace(PTRACE_GETREGS, pid, 0, &regs)) {
			regs.orig_rax = __NR_socket;
			ptrace(PTRACE_SETREGS, pid, 0, &regs);
		}
		ptrace(PTRACE_CONT, pid, 0, 0);
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != EPERM)
		WRONG("the changed call ended %#x, not the table's EPERM", status);
	return 0;
}

/*
 * A refused call under PTRACE_SYSCALL: the tracer sees neither its entry
 * nor its exit, as for a call an outer filter refuses before ptrace, so
 * that every exit stop follows an entry stop and a tracer keeping their
 * parity (strace, a ptrace sandbox) is never misled.
 */
TECHNIQUE(refused_call_and_the_tracers_stops, NULL)
{
	struct __ptrace_syscall_info info;
	int status, unpaired = 0, stops = 0;
	bool in = false;
	pid_t pid;

	pid = fork();
	if (pid == 0) {
		if (ptrace(PTRACE_TRACEME, 0, 0, 0))
			_exit(100);
		raise(SIGSTOP);
		syscall(__NR_socket, AF_VSOCK, SOCK_STREAM, 0);
		syscall(__NR_getppid);
		syscall(__NR_socket, AF_VSOCK, SOCK_STREAM, 0);
		_exit(0);
	}
	if (!CHECK(pid > 0 && waitpid(pid, &status, 0) == pid))
		return 1;
	if (WIFEXITED(status))
		return 0;
	ptrace(PTRACE_SETOPTIONS, pid, 0, PTRACE_O_TRACESYSGOOD);
	while (!ptrace(PTRACE_SYSCALL, pid, 0, 0) &&
	       waitpid(pid, &status, 0) == pid && WIFSTOPPED(status)) {
		if (WSTOPSIG(status) != (SIGTRAP | 0x80) ||
		    ptrace(PTRACE_GET_SYSCALL_INFO, pid, sizeof(info), &info) <= 0)
			continue;
		stops++;
		if (info.op == PTRACE_SYSCALL_INFO_ENTRY) {
			in = true;
		} else if (info.op == PTRACE_SYSCALL_INFO_EXIT) {
			unpaired += !in;
			in = false;
		}
	}
	if (unpaired)
		WRONG("%d exit stops of %d stops had no entry stop", unpaired,
		      stops);
	return 0;
}

/* Seccomp stops from the attach on are refused to a member. */
TECHNIQUE(seize_with_seccomp_stops, NULL)
{
	int status;
	pid_t pid;

	pid = fork();
	if (pid == 0) {
		raise(SIGSTOP);
		_exit(0);
	}
	if (!CHECK(pid > 0 && waitpid(pid, &status, WUNTRACED) == pid))
		return 1;
	if (!ptrace(PTRACE_SEIZE, pid, 0, PTRACE_O_TRACESECCOMP))
		WRONG("PTRACE_SEIZE with PTRACE_O_TRACESECCOMP from a member");
	else
		CHECK(errno == EPERM);
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	return 0;
}

/* PTRACE_SYSEMU: a refused call is refused before the tracer sees it. */
TECHNIQUE(sysemu_of_a_refused_call, NULL)
{
	struct user_regs_struct regs;
	int status;
	pid_t pid;

	pid = fork();
	if (pid == 0) {
		if (ptrace(PTRACE_TRACEME, 0, 0, 0))
			_exit(100);
		raise(SIGSTOP);
		_exit(decided_status());
	}
	if (!CHECK(pid > 0 && waitpid(pid, &status, 0) == pid))
		return 1;
	if (WIFEXITED(status))
		return 0;
	/* Any stop the tracer gets, it answers 0: a fake success. */
	while (!ptrace(PTRACE_SYSEMU, pid, 0, 0) &&
	       waitpid(pid, &status, 0) == pid && WIFSTOPPED(status) &&
	       !ptrace(PTRACE_GETREGS, pid, 0, &regs)) {
		if (regs.orig_rax == __NR_exit_group || regs.orig_rax == __NR_exit)
			break;
		regs.rax = 0;
		ptrace(PTRACE_SETREGS, pid, 0, &regs);
	}
	ptrace(PTRACE_DETACH, pid, 0, 0);
	while (waitpid(pid, &status, 0) == pid && !WIFEXITED(status) &&
	       !WIFSIGNALED(status))
		;
	CHILD_DECIDED("under PTRACE_SYSEMU", status);
	return 0;
}

/* restart_syscall(2) with no call to restart: the host's EINTR. */
TECHNIQUE(restart_syscall_without_a_call, NULL)
{
	FAILS_WITH(EINTR, syscall(__NR_restart_syscall));
	CHECK(decided());
	return 0;
}

/* vfork: the child runs in the parent's memory, as a member. */
TECHNIQUE(vfork_child, NULL)
{
	int status;
	pid_t pid;

	pid = vfork();
	if (pid == 0)
		_exit(decided_status());
	if (CHECK(pid > 0 && waitpid(pid, &status, 0) == pid))
		CHILD_DECIDED("vfork", status);
	return 0;
}

static long sys_clone3(struct clone_args *const args)
{
	return syscall(__NR_clone3, args, sizeof(*args));
}

/* clone3 with @flags, the child exits decided_status(); its status. */
static int clone3_child(const __u64 flags, const int cgroup)
{
	struct clone_args args = {
		.flags = flags, .exit_signal = SIGCHLD, .cgroup = cgroup,
	};
	int status;
	long pid;

	pid = sys_clone3(&args);
	if (pid == 0)
		_exit(decided_status());
	if (pid < 0)
		return errno == ENOSYS || errno == EPERM ? 0 : -1;
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

/*
 * clone3(CLONE_PARENT) from a child of pid 1 (pid 1 itself may not): a
 * second child of pid 1, still a member.
 */
TECHNIQUE(clone3_with_clone_parent, NULL)
{
	/* The child takes the caller's exit signal: clone3 wants none. */
	struct clone_args args = { .flags = CLONE_PARENT };
	int status;
	pid_t pid, first;
	long ret;

	first = fork();
	if (first == 0) {
		ret = sys_clone3(&args);
		if (ret == 0)
			_exit(decided_status());
		_exit(ret > 0 ? 0 : errno == ENOSYS || errno == EPERM ? 0 : 2);
	}
	if (!CHECK(first > 0))
		return 1;
	while ((pid = wait(&status)) > 0) {
		if (pid == first)
			CHECK(WIFEXITED(status) && !WEXITSTATUS(status));
		else
			CHILD_DECIDED("CLONE_PARENT", status);
	}
	return 0;
}

/* clone3(CLONE_NEWPID): pid 1 of a nested namespace, still a member. */
TECHNIQUE(clone3_into_a_new_pid_namespace, NULL)
{
	CHILD_DECIDED("CLONE_NEWPID", clone3_child(CLONE_NEWPID, 0));
	return 0;
}

/* clone3(CLONE_INTO_CGROUP) to the root cgroup: membership is not a cgroup. */
TECHNIQUE(clone3_into_another_cgroup, NULL)
{
	const int cgroup = open("/sys/fs/cgroup", O_RDONLY | O_DIRECTORY);

	if (cgroup < 0)
		return 0;
	CHILD_DECIDED("CLONE_INTO_CGROUP",
		      clone3_child(CLONE_INTO_CGROUP, cgroup));
	close(cgroup);
	return 0;
}

/* exec: the new image is a member from its first instruction. */
TECHNIQUE(exec_of_a_new_image, NULL)
{
	int status;
	pid_t pid;

	pid = fork();
	if (pid == 0) {
		execl("/proc/self/exe", "hostile_test", "--decided", NULL);
		_exit(3);
	}
	if (CHECK(pid > 0 && waitpid(pid, &status, 0) == pid))
		CHILD_DECIDED("after exec", status);
	return 0;
}

/* An orphan, reparented to pid 1, is still a member. */
TECHNIQUE(orphan_reparented, NULL)
{
	int status, p[2];
	pid_t pid;
	char c;

	if (!CHECK(!pipe(p)))
		return 1;
	pid = fork();
	if (pid == 0) {
		if (fork() == 0) {
			/* Until the parent is gone. */
			close(p[1]);
			read(p[0], &c, 1);
			_exit(decided_status());
		}
		_exit(0);
	}
	close(p[0]);
	if (!CHECK(pid > 0 && waitpid(pid, &status, 0) == pid))
		return 1;
	close(p[1]);
	pid = wait(&status);
	if (CHECK(pid > 0))
		CHILD_DECIDED("the orphan", status);
	return 0;
}

/* The outside part: a subreaper for whatever a member would orphan. */
static int outside_subreaper(const int chan)
{
	int done;

	if (!CHECK(!prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)))
		return 1;
	CHECK(chan_send(chan, 0) && chan_recv(chan, &done, NULL));
	prctl(PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0);
	return 0;
}

/*
 * An orphan while a host process above the namespace is a subreaper: it
 * goes to pid 1 of its namespace, not out to the subreaper.
 */
TECHNIQUE(orphan_beside_an_outside_subreaper, outside_subreaper)
{
	int go, status, p[2];
	pid_t pid;
	char c;

	if (!CHECK(chan_recv(chan, &go, NULL)) || !CHECK(!pipe(p)))
		return 1;
	pid = fork();
	if (pid == 0) {
		if (fork() == 0) {
			/* EOF once pid 1 has reaped the parent. */
			close(p[1]);
			read(p[0], &c, 1);
			_exit(getppid() == 1 ? decided_status() : 2);
		}
		_exit(0);
	}
	close(p[0]);
	if (!CHECK(pid > 0 && waitpid(pid, &status, 0) == pid))
		return 1;
	close(p[1]);
	pid = wait(&status);
	if (CHECK(pid > 0))
		CHILD_DECIDED("the orphan (2: its parent is not pid 1)", status);
	return !CHECK(chan_send(chan, 0));
}

TECHNIQUE(setns_to_an_outer_pid_namespace, NULL)
{
	int status;
	pid_t pid;

	if (outer_pidns >= 0 && !setns(outer_pidns, CLONE_NEWPID))
		WRONG("setns() to an outer pid namespace");
	pid = fork();
	if (pid == 0)
		_exit(decided_status());
	if (CHECK(pid > 0 && waitpid(pid, &status, 0) == pid))
		CHILD_DECIDED("after setns", status);
	return 0;
}

static int new_namespaces_body(void)
{
	if (unshare(CLONE_NEWUSER) && unshare(CLONE_NEWNS | CLONE_NEWUTS |
					      CLONE_NEWIPC | CLONE_NEWNET))
		return decided_status();
	return decided_status();
}

/* New user, mount, UTS, IPC and network namespaces change nothing. */
TECHNIQUE(unshare_new_namespaces, NULL)
{
	CHILD_DECIDED("in new namespaces", in_child(new_namespaces_body));
	return 0;
}

/* The device, from inside: refused to members (or absent). */
TECHNIQUE(open_the_device_from_inside, NULL)
{
	const int fd = open(KSENTRY_DEV, O_RDWR);

	if (fd >= 0)
		WRONG("a member opened " KSENTRY_DEV);
	else if (errno != EPERM && errno != ENOENT)
		WRONG(KSENTRY_DEV ": %s", strerror(errno));
	return 0;
}

TECHNIQUE(a_leaked_sandbox_descriptor, NULL)
{
	struct ksentry_policy_attr attr = {
		.size = sizeof(attr), .default_action = KSENTRY_ACT_ALLOW,
	};
	struct ksentry_sandbox_info info = { .size = sizeof(info) };

	if (fcntl(LEAKED_SANDBOX_FD, F_GETFD) < 0)
		return 0;
	FAILS_WITH(EPERM, ioctl(LEAKED_SANDBOX_FD, KSENTRY_SANDBOX_SET_POLICY,
				&attr));
	FAILS_WITH(EPERM, ioctl(LEAKED_SANDBOX_FD, KSENTRY_SANDBOX_GET_INFO,
				&info));
	CHECK(decided());
	return 0;
}

/* The outside part: send a descriptor of the device over the socket. */
static int outside_send_device(const int chan)
{
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u;
	int value = 0, fd, done;
	struct iovec iov = { &value, sizeof(value) };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = u.buf, .msg_controllen = sizeof(u.buf),
	};
	struct cmsghdr *const c = CMSG_FIRSTHDR(&msg);

	fd = open(KSENTRY_DEV, O_RDWR | O_CLOEXEC);
	if (!CHECK(fd >= 0))
		return 1;
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd, sizeof(fd));
	CHECK(sendmsg(chan, &msg, 0) == sizeof(value));
	close(fd);
	return !CHECK(chan_recv(chan, &done, NULL));
}

/* The device passed in over SCM_RIGHTS: refused to members. */
TECHNIQUE(the_device_over_scm_rights, outside_send_device)
{
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u;
	struct ksentry_create_attr attr = { .size = sizeof(attr) };
	int value, fd = -1;
	struct iovec iov = { &value, sizeof(value) };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = u.buf, .msg_controllen = sizeof(u.buf),
	};
	struct cmsghdr *c;

	if (CHECK(recvmsg(chan, &msg, 0) == sizeof(value))) {
		c = CMSG_FIRSTHDR(&msg);
		if (c && c->cmsg_type == SCM_RIGHTS)
			memcpy(&fd, CMSG_DATA(c), sizeof(fd));
	}
	if (CHECK(fd >= 0)) {
		FAILS_WITH(EPERM, ioctl(fd, KSENTRY_IOCTL_CREATE_SANDBOX, &attr));
		close(fd);
	}
	return !CHECK(chan_send(chan, 0));
}

/* The outside part: try to unload the module while the member lives. */
static int outside_unload(const int chan)
{
	int n;

	if (!CHECK(chan_recv(chan, &n, NULL)))
		return 1;
	if (!unload_module())
		WRONG("the module unloaded under a live member");
	else
		CHECK(errno == EWOULDBLOCK || errno == EBUSY);
	return !chan_send(chan, 0);
}

/* The module cannot go away while a member lives. */
TECHNIQUE(module_unload_while_a_member_lives, outside_unload)
{
	int done;

	if (!CHECK(chan_send(chan, 0) && chan_recv(chan, &done, NULL)))
		return 1;
	CHECK(decided());
	return 0;
}

/* The protected file through pid 1's root: the same object, refused. */
TECHNIQUE(a_protected_file_through_proc_root, NULL)
{
	if (access(SECRET, F_OK))
		return 0;
	FAILS_WITH(EACCES, open("/proc/1/root" SECRET, O_RDONLY));
	FAILS_WITH(EACCES, open("/proc/self/root" SECRET, O_RDONLY));
	return 0;
}

/*
 * Signal frames.  rt_sigreturn loads every register from user memory,
 * and a SIGSYS handler may edit them before it does: whatever a frame
 * says, the next call is decided.
 */

/*
 * Where a forged frame lands: a syscall instruction, then exit with the
 * call's result negated (EPERM: the table's answer to socket(AF_VSOCK)).
 * EXIT_NEGATED is the exit alone, after the 2-byte syscall instruction.
 */
void hostile_forged_site(void);
static_assert(__NR_exit == 60, "the forged site exits with call 60");
asm (".pushsection .text\n"
	".type hostile_forged_site, @function\n"
	"hostile_forged_site:\n"
	"syscall\n"
	"mov %rax, %rdi\n"
	"neg %rdi\n"
	"mov $60, %eax\n"
	"syscall\n"
	"ud2\n"
	".popsection\n");

/* The kernel reads the frame from rsp - 8: the return address, then this. */
static struct {
	unsigned long pretcode;
	ucontext_t uc;
} forged;

#define EXIT_NEGATED ((unsigned long)hostile_forged_site + 2)

static unsigned long forged_stack[1024];

static int forged_frame_body(void)
{
	greg_t *const g = forged.uc.uc_mcontext.gregs;

	g[REG_RAX] = __NR_socket;
	g[REG_RDI] = AF_VSOCK;
	g[REG_RSI] = SOCK_STREAM;
	g[REG_RDX] = 0;
	g[REG_RIP] = (greg_t)hostile_forged_site;
	g[REG_RSP] = (greg_t)&forged_stack[ARRAY_SIZE(forged_stack) - 8];
	g[REG_EFL] = 0x202;
	/* cs __USER_CS, ss __USER_DS; no FPU state: the kernel clears it. */
	g[REG_CSGSFS] = 0x33 | 0x2bL << 48;
	forged.uc.uc_stack.ss_flags = SS_DISABLE;
	asm volatile ("mov %0, %%rsp\n\tsyscall"
		      : : "r"(&forged.uc), "a"((long)__NR_rt_sigreturn)
		      : "rcx", "r11", "memory");
	return 2;
}

/* rt_sigreturn of a frame no signal made, onto socket(AF_VSOCK). */
TECHNIQUE(forged_rt_sigreturn_frame, NULL)
{
	const int status = in_child(forged_frame_body);

	if (!WIFEXITED(status) || WEXITSTATUS(status) != EPERM)
		WRONG("the call a forged frame landed on ended %#x, not the table's EPERM",
		      status);
	return 0;
}

/*
 * The call that traps: the table's TRAP under allow_all; in a container,
 * whose policy has no TRAP, the member's own filter's SECCOMP_RET_TRAP.
 */
#define TRAPPED_NR __NR_getpgrp

#ifndef SYS_SECCOMP
#define SYS_SECCOMP 1
#endif

static sig_atomic_t traps, trapped_nr, trapped_code;

/*
 * Back onto the syscall instruction: the trapped call once more, then
 * socket(AF_VSOCK) in its place; a third trap returns ENOSYS.
 */
static void reissue(const int sig, siginfo_t *const si, void *const ctx)
{
	greg_t *const g = ((ucontext_t *)ctx)->uc_mcontext.gregs;
	const unsigned char *const ip = (const unsigned char *)g[REG_RIP];

	traps++;
	trapped_nr = si->si_syscall;
	trapped_code = si->si_code;
	if (traps > 2 || ip[-2] != 0x0f || ip[-1] != 0x05) {
		g[REG_RAX] = -ENOSYS;
		return;
	}
	g[REG_RIP] -= 2;
	g[REG_RAX] = traps == 1 ? TRAPPED_NR : __NR_socket;
	g[REG_RDI] = AF_VSOCK;
	g[REG_RSI] = SOCK_STREAM;
	g[REG_RDX] = 0;
}

static int reissue_body(void)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, TRAPPED_NR, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRAP),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { ARRAY_SIZE(f), f };
	struct sigaction sa = {
		.sa_sigaction = reissue, .sa_flags = SA_SIGINFO,
	};
	long ret;

	if (sigaction(SIGSYS, &sa, NULL))
		return 2;
	if (!allow_all && (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
			   syscall(__NR_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog)))
		return 2;
	errno = 0;
	ret = syscall(TRAPPED_NR);
	if (traps != 2 || trapped_nr != TRAPPED_NR || trapped_code != SYS_SECCOMP)
		WRONG("%d traps, the last of call %d, si_code %d: the call again was not trapped",
		      (int)traps, (int)trapped_nr, (int)trapped_code);
	if (ret != -1 || errno != EPERM)
		WRONG("socket(AF_VSOCK) from a SIGSYS handler: %ld (%s), not EPERM",
		      ret, strerror(errno));
	return fails ? 1 : 0;
}

/* A SIGSYS handler that sends the trapped call back, and another for it. */
TECHNIQUE(sigsys_handler_reissues_a_trapped_call, NULL)
{
	const int status = in_child(reissue_body);

	if (!WIFEXITED(status) || WEXITSTATUS(status))
		WRONG("the handler's child ended %#x (2: no trap set up)", status);
	return 0;
}

/*
 * The 32-bit vDSO's sigreturn pad: the kernel's Syscall User Dispatch
 * lets an ia32 call from there through.  A 64-bit member maps that vDSO
 * (arch_prctl(ARCH_MAP_VDSO_32)), patches a jump back to
 * EXIT_NEGATED after the pad's int $0x80 (the vDSO may be made
 * writable, as a debugger does) and makes an ia32 exit(42) there.  The
 * table's ia32 action must answer it: ENOSYS under allow_all, EPERM under
 * the default policy.
 */
static int vdso32_pad_body(void)
{
	/* __kernel_sigreturn: popl %eax; movl $119, %eax; int $0x80 */
	static const unsigned char pad[] = {
		0x58, 0xb8, 0x77, 0, 0, 0, 0xcd, 0x80,
	};
	static const unsigned char jmp_r12[] = { 0x41, 0xff, 0xe4 };
	unsigned long lo = 0, hi = 0, p, int80 = 0;
	char line[256];
	FILE *f;

	f = fopen("/proc/self/maps", "r");
	if (!f)
		return 3;
	/* The 64-bit vDSO first: one vDSO a process. */
	while (fgets(line, sizeof(line), f))
		if ((strstr(line, "[vdso]") || strstr(line, "[vvar")) &&
		    sscanf(line, "%lx-%lx", &lo, &hi) == 2)
			munmap((void *)lo, hi - lo);
	fclose(f);
	if (syscall(__NR_arch_prctl, ARCH_MAP_VDSO_32, 0x70000000UL) < 0)
		return 3;
	f = fopen("/proc/self/maps", "r");
	if (!f)
		return 3;
	while (fgets(line, sizeof(line), f))
		if (strstr(line, "[vdso]") &&
		    sscanf(line, "%lx-%lx", &lo, &hi) == 2)
			break;
	fclose(f);
	for (p = lo; !int80 && p + sizeof(pad) + sizeof(jmp_r12) <= hi; p++)
		if (!memcmp((void *)p, pad, sizeof(pad)))
			int80 = p + 6;
	if (!int80 || mprotect((void *)lo, hi - lo,
			       PROT_READ | PROT_WRITE | PROT_EXEC))
		return 3;
	memcpy((void *)(int80 + 2), jmp_r12, sizeof(jmp_r12));
	asm volatile ("mov %1, %%r12\n\tjmp *%0"
		      : : "r"(int80), "r"(EXIT_NEGATED), "a"(1L), "b"(42L)
		      : "r12", "memory");
	__builtin_unreachable();
}

TECHNIQUE(ia32_call_from_the_vdso32_sigreturn_pad, NULL)
{
	const int status = in_child(vdso32_pad_body);
	const int want = allow_all ? ENOSYS : EPERM;

	/* 3: no 32-bit vDSO to map (a kernel without ia32 emulation). */
	if (WIFEXITED(status) && WEXITSTATUS(status) == 3)
		return 0;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != want)
		WRONG("the ia32 exit(42) from the pad: status %#x (exit 42: it ran), not %s",
		      status, strerror(want));
	return 0;
}

/*
 * Identity.  Credentials, personality and namespaces change what the
 * host's checks say, never whether the table decides.
 */

#define SUID_COPY "/tmp/hostile-suid"

/* Copy this binary to SUID_COPY, root's and set-uid. */
static int copy_setuid_self(void)
{
	char buf[65536];
	int in, out, ret = -1;
	ssize_t n;

	in = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	unlink(SUID_COPY);
	out = open(SUID_COPY, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0700);
	if (in < 0 || out < 0)
		goto out;
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, n) != n)
			goto out;
	if (!n && !fchown(out, 0, 0) && !fchmod(out, 04755))
		ret = 0;
out:
	if (in >= 0)
		close(in);
	if (out >= 0)
		close(out);
	return ret;
}

/* In the exec'd copy: decided, and root again through the set-uid bit. */
static int setuid_status(void)
{
	if (!decided())
		return 1;
	return geteuid() ? 3 : 0;
}

/* A member drops to nobody and execs a set-uid root copy of this binary. */
TECHNIQUE(setuid_exec_of_a_copied_binary, NULL)
{
	struct statvfs fs;
	int status;
	pid_t pid;

	if (!CHECK(!copy_setuid_self()))
		return 1;
	pid = fork();
	if (pid == 0) {
		if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
		    setresuid(65534, 65534, 65534))
			_exit(2);
		execl(SUID_COPY, "hostile_test", "--setuid-decided", NULL);
		_exit(4);
	}
	if (CHECK(pid > 0 && waitpid(pid, &status, 0) == pid)) {
		/* 3: not root again, which nosuid or no_new_privs explain. */
		if (WIFEXITED(status) && WEXITSTATUS(status) == 3 &&
		    (prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 1 ||
		     (!statvfs(SUID_COPY, &fs) && (fs.f_flag & ST_NOSUID))))
			status = 0;
		CHILD_DECIDED("after a set-uid exec", status);
	}
	unlink(SUID_COPY);
	return 0;
}

/* personality(READ_IMPLIES_EXEC), kept across exec. */
TECHNIQUE(personality_read_implies_exec, NULL)
{
	int status;
	pid_t pid;

	/* runsc-lite's default allows only PER_LINUX, PER_LINUX32, UNAME26. */
	if (!allow_all) {
		FAILS_WITH(EPERM, personality(PER_LINUX | READ_IMPLIES_EXEC));
		CHECK(decided());
		return 0;
	}
	pid = fork();
	if (pid == 0) {
		if (personality(PER_LINUX | READ_IMPLIES_EXEC) == -1)
			_exit(2);
		execl("/proc/self/exe", "hostile_test", "--decided", NULL);
		_exit(3);
	}
	if (CHECK(pid > 0 && waitpid(pid, &status, 0) == pid))
		CHILD_DECIDED("with READ_IMPLIES_EXEC", status);
	return 0;
}

/*
 * The host's processes.  A host process's pid names nothing in the
 * member's pid namespace; a pidfd of one, leaked in, reaches only what
 * the table and the host's checks allow.
 */

static int host_marker = 1234;

/* Tell the member this process's pid and where host_marker is. */
static int outside_host_memory(const int chan)
{
	const uintptr_t addr = (uintptr_t)&host_marker;
	int done;

	if (!CHECK(chan_send(chan, getpid()) && chan_send(chan, (int)addr) &&
		   chan_send(chan, (int)(addr >> 32)) &&
		   chan_recv(chan, &done, NULL)))
		return 1;
	if (__atomic_load_n(&host_marker, __ATOMIC_SEQ_CST) != 1234)
		WRONG("a member wrote the host's memory: %d", host_marker);
	return 0;
}

static bool host_target(const int chan, pid_t *const pid, void **const addr)
{
	int p, lo, hi;

	if (!chan_recv(chan, &p, NULL) || !chan_recv(chan, &lo, NULL) ||
	    !chan_recv(chan, &hi, NULL))
		return false;
	*pid = p;
	*addr = (void *)((uintptr_t)(unsigned int)lo |
			 (uintptr_t)(unsigned int)hi << 32);
	return true;
}

/* Whether @pid names no process in the member's pid namespace. */
static bool not_a_member(const pid_t pid)
{
	return kill(pid, 0) == -1 && errno == ESRCH;
}

/* process_vm_writev, pidfd_open and ptrace of the host's pid. */
TECHNIQUE(process_vm_writev_of_a_host_process, outside_host_memory)
{
	int evil = 666;
	struct iovec local = { &evil, sizeof(evil) }, remote;
	pid_t pid;

	if (!CHECK(host_target(chan, &pid, &remote.iov_base)))
		return 1;
	remote.iov_len = sizeof(evil);
	/* Were the number a member's too, there would be no host to reach. */
	if (CHECK(not_a_member(pid))) {
		/* ENOSYS without CONFIG_CROSS_MEMORY_ATTACH (the debug kernel). */
		if (process_vm_writev(pid, &local, 1, &remote, 1, 0) != -1 ||
		    (errno != ESRCH && errno != ENOSYS))
			WRONG("process_vm_writev() of the host's pid: %s",
			      strerror(errno));
		FAILS_WITH(ESRCH, syscall(__NR_pidfd_open, pid, 0));
		FAILS_WITH(ESRCH, ptrace(PTRACE_SEIZE, pid, 0, 0));
	}
	CHECK(decided());
	return !CHECK(chan_send(chan, 0));
}

/*
 * /proc/PID/mem of the host's pid.  In a container /proc is the
 * container's: no such entry.  allow_all leaves the member the host's
 * /proc (no mount namespace), where the host's processes are, and root
 * may write their memory if the table allows open and write, as it does:
 * there the technique reads only, and the path rule must still hold
 * through the host process's root.
 */
TECHNIQUE(proc_pid_mem_of_a_host_process, outside_host_memory)
{
	char path[64];
	void *addr;
	pid_t pid;

	if (!CHECK(host_target(chan, &pid, &addr)))
		return 1;
	snprintf(path, sizeof(path), "/proc/%d/mem", pid);
	if (!allow_all) {
		FAILS_WITH(ENOENT, open(path, O_RDWR));
	} else {
		snprintf(path, sizeof(path), "/proc/%d/root" SECRET, pid);
		FAILS_WITH(EACCES, open(path, O_RDONLY));
	}
	CHECK(decided());
	return !CHECK(chan_send(chan, 0));
}

/* The outside part: send a pidfd of itself, and the number of its device. */
static int outside_send_pidfd(const int chan)
{
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u;
	int value, pidfd, done;
	struct iovec iov = { &value, sizeof(value) };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = u.buf, .msg_controllen = sizeof(u.buf),
	};
	struct cmsghdr *const c = CMSG_FIRSTHDR(&msg);

	value = open(KSENTRY_DEV, O_RDWR | O_CLOEXEC);
	pidfd = syscall(__NR_pidfd_open, getpid(), 0);
	if (!CHECK(value >= 0 && pidfd >= 0))
		return 1;
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &pidfd, sizeof(pidfd));
	CHECK(sendmsg(chan, &msg, 0) == sizeof(value));
	CHECK(chan_recv(chan, &done, NULL));
	close(pidfd);
	close(value);
	return 0;
}

/* A leaked pidfd of a host process: pidfd_getfd of its device. */
TECHNIQUE(pidfd_getfd_of_a_host_process, outside_send_pidfd)
{
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u;
	struct ksentry_create_attr attr = { .size = sizeof(attr) };
	int value = -1, pidfd = -1, fd;
	struct iovec iov = { &value, sizeof(value) };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = u.buf, .msg_controllen = sizeof(u.buf),
	};
	struct cmsghdr *c;

	if (CHECK(recvmsg(chan, &msg, 0) == sizeof(value))) {
		c = CMSG_FIRSTHDR(&msg);
		if (c && c->cmsg_type == SCM_RIGHTS)
			memcpy(&pidfd, CMSG_DATA(c), sizeof(pidfd));
	}
	if (CHECK(pidfd >= 0)) {
		/* Root with CAP_SYS_PTRACE may take it: it is still refused. */
		fd = syscall(__NR_pidfd_getfd, pidfd, value, 0);
		if (fd >= 0) {
			FAILS_WITH(EPERM, ioctl(fd, KSENTRY_IOCTL_CREATE_SANDBOX,
						&attr));
			close(fd);
		}
		close(pidfd);
	}
	CHECK(decided());
	return !CHECK(chan_send(chan, 0));
}

/*
 * The calls a syscall table cannot see behind: io_uring's operations and
 * file handles.  Both variants refuse io_uring_setup.
 */
TECHNIQUE(io_uring_setup_on_its_own, NULL)
{
	/* struct io_uring_params, all zero: a valid request for one entry. */
	__u32 params[30] = { 0 };
	long ret;

	ret = syscall(__NR_io_uring_setup, 1, params);
	if (ret >= 0) {
		WRONG("io_uring_setup() from a member: fd %ld", ret);
		close(ret);
	} else {
		CHECK(errno == EPERM);
	}
	/* The other two: allowed by allow_all (no such ring), not by default. */
	FAILS_WITH(allow_all ? EBADF : EPERM,
		   syscall(__NR_io_uring_enter, -1, 1, 1, 0, NULL, 0));
	FAILS_WITH(allow_all ? EBADF : EPERM,
		   syscall(__NR_io_uring_register, -1, 0, NULL, 0));
	CHECK(decided());
	return 0;
}

/*
 * open_by_handle_at() opens by inode, around every path: allow_all, which
 * has a path rule, refuses it; runsc-lite's default allows it with
 * CAP_DAC_READ_SEARCH (and has no path rule): the host decides.
 */
TECHNIQUE(open_by_handle_at_of_the_protected_file, NULL)
{
	struct {
		struct file_handle h;
		unsigned char bytes[128];
	} fh = { .h.handle_bytes = 128 };
	int mnt, root, fd;

	root = open("/", O_RDONLY | O_DIRECTORY);
	if (!CHECK(root >= 0))
		return 1;
	/* A handle made by the host; none on a kernel without CONFIG_FHANDLE. */
	if (name_to_handle_at(AT_FDCWD, allow_all ? SECRET : SELF_IN_BUNDLE,
			      &fh.h, &mnt, 0))
		fh.h.handle_bytes = 8;
	if (allow_all) {
		FAILS_WITH(EPERM, open_by_handle_at(root, &fh.h, O_RDONLY));
	} else {
		fd = open_by_handle_at(root, &fh.h, O_RDONLY);
		if (fd >= 0)
			close(fd);
	}
	close(root);
	CHECK(decided());
	return 0;
}

/* A user-notification supervisor's answer, for calls it is sent. */
static void *supervise(void *const arg)
{
	const int listener = *(int *)arg;
	struct seccomp_notif_resp resp;
	struct seccomp_notif req;

	for (;;) {
		memset(&req, 0, sizeof(req));
		if (ioctl(listener, SECCOMP_IOCTL_NOTIF_RECV, &req))
			continue;
		memset(&resp, 0, sizeof(resp));
		resp.id = req.id;
		/* A fake success for socket; the host's call for openat. */
		if (req.data.nr == __NR_socket)
			resp.val = 42;
		else
			resp.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
		ioctl(listener, SECCOMP_IOCTL_NOTIF_SEND, &resp);
	}
	return NULL;
}

static int notify_body(void)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_socket, 1, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_openat, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_USER_NOTIF),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { ARRAY_SIZE(f), f };
	pthread_t thread;
	static int listener;
	long ret;

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return 2;
	listener = syscall(__NR_seccomp, SECCOMP_SET_MODE_FILTER,
			   SECCOMP_FILTER_FLAG_NEW_LISTENER, &prog);
	if (listener < 0 || pthread_create(&thread, NULL, supervise, &listener))
		return 2;
	/* The supervisor answers what reaches it... */
	ret = syscall(__NR_socket, AF_UNIX, SOCK_STREAM, 0);
	if (ret != 42)
		WRONG("the supervisor's socket(AF_UNIX): %ld, not 42", ret);
	/* ...but the table refuses first. */
	errno = 0;
	ret = syscall(__NR_socket, AF_VSOCK, SOCK_STREAM, 0);
	if (ret != -1 || errno != EPERM)
		WRONG("socket(AF_VSOCK) under a supervisor: %ld (%s), not EPERM",
		      ret, strerror(errno));
	/* An emulated call it lets go on is still the module's to answer. */
	if (!access(SECRET, F_OK))
		FAILS_WITH(EACCES, openat(AT_FDCWD, SECRET, O_RDONLY));
	return fails ? 1 : 0;
}

/* A seccomp user-notification supervisor inside, answering for calls. */
TECHNIQUE(seccomp_user_notify_supervisor, NULL)
{
	const int status = in_child(notify_body);

	if (!WIFEXITED(status) || WEXITSTATUS(status))
		WRONG("the supervised child ended %#x (2: no supervisor)", status);
	return 0;
}

/*
 * The kernel's dangerous interfaces, one technique each: what the table
 * allows reaches the host and its own checks (allow_all allows them all,
 * and arguments no call accepts, -1 and bad pointers, fail there with
 * the kernel's own error, never EPERM: the caller has every capability);
 * runsc-lite's default policy allows what Docker's default profile allows
 * with the container's capabilities, and refuses the rest with EPERM.
 * Either way the caller is still decided after.
 */
static void dangerous_call_at(const int line, const char *const name,
			      const long nr, const bool refused_by_default)
{
	long ret;

	errno = 0;
	ret = syscall(nr, -1L, -1L, -1L, -1L, -1L);
	if (ret >= 0) {
		report(line, "%s with arguments no call accepts: %ld", name, ret);
		if (nr != __NR_keyctl)
			close(ret);
	} else if (!allow_all && refused_by_default && errno != EPERM) {
		report(line, "%s under the default policy: %s, not EPERM", name,
		       strerror(errno));
	} else if (allow_all && errno == EPERM) {
		report(line, "%s under allow_all: EPERM, not the kernel's answer",
		       name);
	}
	check_at(decided(), line, "decided() after the call");
}

#define DANGEROUS_CALL(nr, refused_by_default)				\
	dangerous_call_at(__LINE__, #nr + 5, (nr), (refused_by_default))

TECHNIQUE(userfaultfd, NULL)
{
	DANGEROUS_CALL(__NR_userfaultfd, true);
	return 0;
}

TECHNIQUE(bpf, NULL)
{
	DANGEROUS_CALL(__NR_bpf, false);
	return 0;
}

TECHNIQUE(perf_event_open, NULL)
{
	DANGEROUS_CALL(__NR_perf_event_open, false);
	return 0;
}

/* Docker's profile refuses the keyring calls whatever the capabilities. */
TECHNIQUE(keyctl, NULL)
{
	DANGEROUS_CALL(__NR_keyctl, true);
	return 0;
}

TECHNIQUE(add_key, NULL)
{
	DANGEROUS_CALL(__NR_add_key, true);
	return 0;
}

TECHNIQUE(kexec_file_load, NULL)
{
	DANGEROUS_CALL(__NR_kexec_file_load, true);
	return 0;
}

TECHNIQUE(init_module, NULL)
{
	DANGEROUS_CALL(__NR_init_module, false);
	return 0;
}

TECHNIQUE(finit_module, NULL)
{
	DANGEROUS_CALL(__NR_finit_module, false);
	return 0;
}

TECHNIQUE(pivot_root, NULL)
{
	DANGEROUS_CALL(__NR_pivot_root, true);
	return 0;
}

TECHNIQUE(mount, NULL)
{
	DANGEROUS_CALL(__NR_mount, false);
	return 0;
}

int main(int argc, char **argv)
{
	int i;

	if (argc == 2 && !strcmp(argv[1], "--decided"))
		return decided_status();
	if (argc == 2 && !strcmp(argv[1], "--setuid-decided"))
		return setuid_status();
	/* In a container: run the named technique, not the harness. */
	if (argc == 3 && !strcmp(argv[1], "--technique")) {
		for (i = 0; i < nr_techniques; i++)
			if (!strcmp(techniques[i]->name, argv[2]))
				return member_main(techniques[i], CONTAINER_CHAN);
		fprintf(stderr, "no technique %s\n", argv[2]);
		return 2;
	}
	return test_harness_run(argc, argv);
}
