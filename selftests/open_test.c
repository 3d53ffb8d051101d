// SPDX-License-Identifier: GPL-2.0
/*
 * ksentry - selftests of KSENTRY_IOCTL_OPEN_SANDBOX
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * A tool that did not create a sandbox (runsc-lite's "stats" and "trace",
 * run long after "create" exited) finds it again through a pid namespace
 * of the container.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/ksentry.h>
#include <sched.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kselftest_harness.h"

#include "common.h"

static int open_ns(const pid_t pid)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/ns/pid", pid);
	return open(path, O_RDONLY | O_CLOEXEC);
}

/* KSENTRY_IOCTL_OPEN_SANDBOX with @attr, on a fresh /dev/ksentry fd. */
static int open_sandbox(const struct ksentry_open_attr *const attr)
{
	int dev, fd, err;

	dev = open(KSENTRY_DEV, O_RDWR | O_CLOEXEC);
	if (dev < 0)
		return -1;
	fd = ioctl(dev, KSENTRY_IOCTL_OPEN_SANDBOX, attr);
	err = errno;
	close(dev);
	errno = err;
	return fd;
}

static int open_by_pid(const pid_t pid)
{
	struct ksentry_open_attr attr = { .size = sizeof(attr) };
	int ns, fd, err;

	ns = open_ns(pid);
	if (ns < 0)
		return -1;
	attr.pidns_fd = ns;
	fd = open_sandbox(&attr);
	err = errno;
	close(ns);
	errno = err;
	return fd;
}

/*
 * The fixture's member waits, as pid 1 of a new pid namespace bound to a
 * sandbox, until @stop is closed.  With @report >= 0 it first forks a
 * child into a pid namespace below and writes the child's pid there.
 */
FIXTURE(open) {
	int sandbox;
	pid_t pid;
	int stop;
};

static void member_body(const int stop, const int report)
{
	char c;
	pid_t child;

	if (report >= 0) {
		if (unshare(CLONE_NEWPID))
			_exit(2);
		child = fork();
		if (child == 0) {
			if (read(stop, &c, 1) < 0)
				_exit(2);
			_exit(0);
		}
		if (write(report, &child, sizeof(child)) != sizeof(child))
			_exit(2);
	}
	if (read(stop, &c, 1) < 0)
		_exit(2);
	_exit(0);
}

FIXTURE_SETUP(open)
{
	const struct ksentry_entry entry = {
		.nr = __NR_getuid, .action = KSENTRY_ACT_ERRNO_OF(EACCES),
	};
	int release, stop[2];

	self->sandbox = sandbox_create();
	ASSERT_LE(0, self->sandbox);
	ASSERT_EQ(0, sandbox_set_policy(self->sandbox, KSENTRY_ACT_ALLOW,
					&entry, 1, NULL, 0));
	ASSERT_EQ(0, pipe2(stop, O_CLOEXEC));
	self->pid = spawn_held(&release);
	if (self->pid == 0) {
		close(stop[1]);
		member_body(stop[0], -1);
	}
	ASSERT_LT(0, self->pid);
	close(stop[0]);
	self->stop = stop[1];
	ASSERT_EQ(0, sandbox_bind_pid(self->sandbox, self->pid));
	release_child(release);
}

FIXTURE_TEARDOWN(open)
{
	int status;

	close(self->stop);
	waitpid(self->pid, &status, 0);
	close(self->sandbox);
}

TEST_F(open, finds_the_bound_sandbox)
{
	struct ksentry_sandbox_info created, opened;
	int fd;

	fd = open_by_pid(self->pid);
	ASSERT_LE(0, fd)
	{
		TH_LOG("open: %s", strerror(errno));
	}
	ASSERT_EQ(0, sandbox_info(self->sandbox, &created));
	ASSERT_EQ(0, sandbox_info(fd, &opened));
	EXPECT_EQ(created.id, opened.id);
	EXPECT_EQ(1, opened.bound);
	EXPECT_EQ(FD_CLOEXEC, fcntl(fd, F_GETFD) & FD_CLOEXEC);
	close(fd);
}

TEST_F(open, keeps_the_sandbox_alive)
{
	struct ksentry_sandbox_info before, after;
	int fd, status;

	fd = open_by_pid(self->pid);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, sandbox_info(fd, &before));
	/* The creator's fd and the last member go; this fd still works. */
	close(self->sandbox);
	self->sandbox = -1;
	close(self->stop);
	ASSERT_EQ(self->pid, waitpid(self->pid, &status, 0));
	self->stop = -1;
	ASSERT_EQ(0, sandbox_info(fd, &after));
	EXPECT_EQ(before.id, after.id);
	EXPECT_EQ(0, after.members);
	close(fd);
}

/* Open the sandbox through the pid namespace for @pid's children. */
static int open_below(const pid_t pid)
{
	struct ksentry_open_attr attr = { .size = sizeof(attr) };
	char path[64];
	int ns, fd;

	snprintf(path, sizeof(path), "/proc/%d/ns/pid_for_children", pid);
	ns = open(path, O_RDONLY | O_CLOEXEC);
	if (ns < 0)
		return -1;
	attr.pidns_fd = ns;
	fd = open_sandbox(&attr);
	close(ns);
	return fd;
}

TEST(namespace_below_a_bound_one)
{
	const struct ksentry_entry entry = {
		.nr = __NR_getuid, .action = KSENTRY_ACT_ALLOW,
	};
	struct ksentry_sandbox_info created, opened;
	int sandbox, release, stop[2], report[2], fd, status;
	pid_t pid, nested;

	sandbox = sandbox_create();
	ASSERT_LE(0, sandbox);
	ASSERT_EQ(0, sandbox_set_policy(sandbox, KSENTRY_ACT_ALLOW, &entry, 1,
					NULL, 0));
	ASSERT_EQ(0, pipe2(stop, O_CLOEXEC));
	ASSERT_EQ(0, pipe2(report, O_CLOEXEC));
	pid = spawn_held(&release);
	if (pid == 0) {
		close(stop[1]);
		member_body(stop[0], report[1]);
	}
	ASSERT_LT(0, pid);
	close(stop[0]);
	ASSERT_EQ(0, sandbox_bind_pid(sandbox, pid));
	release_child(release);
	/* The nested child's pid, as pid 1 of the bound namespace sees it. */
	ASSERT_EQ(sizeof(nested), read(report[0], &nested, sizeof(nested)));
	ASSERT_EQ(2, nested);
	/* The member's pid_for_children is the namespace below. */
	fd = open_below(pid);
	ASSERT_LE(0, fd)
	{
		TH_LOG("open below: %s", strerror(errno));
	}
	ASSERT_EQ(0, sandbox_info(sandbox, &created));
	ASSERT_EQ(0, sandbox_info(fd, &opened));
	EXPECT_EQ(created.id, opened.id);
	close(fd);
	close(stop[1]);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	close(report[0]);
	close(report[1]);
	close(sandbox);
}

TEST(unbound_namespace_is_enoent)
{
	int release, fd, status;
	pid_t pid;

	pid = spawn_held(&release);
	if (pid == 0)
		_exit(0);
	ASSERT_LT(0, pid);
	errno = 0;
	fd = open_by_pid(pid);
	EXPECT_EQ(-1, fd);
	EXPECT_EQ(ENOENT, errno);
	/* The initial namespace is never bound. */
	errno = 0;
	EXPECT_EQ(-1, open_by_pid(getpid()));
	EXPECT_EQ(ENOENT, errno);
	release_child(release);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
}

TEST_F(open, bad_input)
{
	struct ksentry_open_attr attr = { .size = sizeof(attr) };
	struct {
		struct ksentry_open_attr attr;
		__u32 extra;
	} big = { { 0 } };
	int ns, other;

	ns = open_ns(self->pid);
	ASSERT_LE(0, ns);
	other = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, other);

	attr.pidns_fd = ns;
	attr.flags = 1;
	errno = 0;
	EXPECT_EQ(-1, open_sandbox(&attr));
	EXPECT_EQ(EINVAL, errno);
	attr.flags = 0;
	attr.reserved = 1;
	errno = 0;
	EXPECT_EQ(-1, open_sandbox(&attr));
	EXPECT_EQ(EINVAL, errno);
	attr.reserved = 0;

	attr.size = 12;
	errno = 0;
	EXPECT_EQ(-1, open_sandbox(&attr));
	EXPECT_EQ(EINVAL, errno);
	attr.size = sizeof(attr);

	big.attr = attr;
	big.attr.size = sizeof(big);
	big.extra = 1;
	errno = 0;
	EXPECT_EQ(-1, open_sandbox(&big.attr));
	EXPECT_EQ(E2BIG, errno);
	big.extra = 0;
	EXPECT_LE(0, close(open_sandbox(&big.attr)));

	attr.pidns_fd = -1;
	errno = 0;
	EXPECT_EQ(-1, open_sandbox(&attr));
	EXPECT_EQ(EBADF, errno);
	attr.pidns_fd = 1000;
	errno = 0;
	EXPECT_EQ(-1, open_sandbox(&attr));
	EXPECT_EQ(EBADF, errno);
	attr.pidns_fd = other;
	errno = 0;
	EXPECT_EQ(-1, open_sandbox(&attr));
	EXPECT_EQ(EINVAL, errno);
	attr.pidns_fd = 0;	/* stdin: not a namespace at all */
	errno = 0;
	EXPECT_EQ(-1, open_sandbox(&attr));
	EXPECT_EQ(EINVAL, errno);

	errno = 0;
	EXPECT_EQ(-1, open_sandbox(NULL));
	EXPECT_EQ(EFAULT, errno);
	close(other);
	close(ns);
}

TEST_F(open, refused_without_cap_sys_admin)
{
	int ns, status;
	pid_t pid;

	ns = open_ns(self->pid);
	ASSERT_LE(0, ns);
	/* Without CAP_SYS_ADMIN (uid 65534 drops every capability). */
	pid = fork();
	if (pid == 0) {
		struct ksentry_open_attr attr = {
			.size = sizeof(attr), .pidns_fd = ns,
		};
		int dev = open(KSENTRY_DEV, O_RDWR);

		if (dev < 0 || setresgid(65534, 65534, 65534) ||
		    setresuid(65534, 65534, 65534))
			_exit(3);
		errno = 0;
		_exit(ioctl(dev, KSENTRY_IOCTL_OPEN_SANDBOX, &attr) == -1 &&
		      errno == EPERM ? 0 : 1);
	}
	ASSERT_LT(0, pid);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
	{
		TH_LOG("unprivileged: status %#x", status);
	}
	close(ns);
}

TEST_HARNESS_MAIN
