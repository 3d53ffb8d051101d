// SPDX-License-Identifier: GPL-2.0
/*
 * ksentry - selftests of /dev/ksentry and its ioctl ABI
 *
 * Copyright (C) 2026 The ksentry authors
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/ksentry.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "kselftest_harness.h"

#include "common.h"

FIXTURE(dev) {
	int fd;
};

FIXTURE_SETUP(dev)
{
	self->fd = open(KSENTRY_DEV, O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, self->fd)
	{
		TH_LOG("Failed to open " KSENTRY_DEV ": %s", strerror(errno));
	}
}

FIXTURE_TEARDOWN(dev)
{
	EXPECT_EQ(0, close(self->fd));
}

TEST(device_exists)
{
	struct stat st;
	unsigned int misc_major = 0, minor = 0;
	char line[64], name[32];
	FILE *misc;

	ASSERT_EQ(0, stat(KSENTRY_DEV, &st));
	EXPECT_TRUE(S_ISCHR(st.st_mode));
	/* Only root may open it: sandboxes are created through it. */
	EXPECT_EQ(0600, st.st_mode & 07777);
	EXPECT_EQ(0, st.st_uid);

	/* It is the misc minor the module registered under its name. */
	misc = fopen("/proc/misc", "r");
	ASSERT_NE(NULL, misc);
	while (fgets(line, sizeof(line), misc))
		if (sscanf(line, "%u %31s", &minor, name) == 2 &&
		    !strcmp(name, "ksentry")) {
			misc_major = 10;
			break;
		}
	fclose(misc);
	ASSERT_EQ(10, misc_major)
	{
		TH_LOG("ksentry missing from /proc/misc");
	}
	EXPECT_EQ(10, major(st.st_rdev));
	EXPECT_EQ(minor, minor(st.st_rdev));
}

TEST_F(dev, abi_version_is_exact)
{
	__u32 version = 0xdeadbeef;

	ASSERT_EQ(0, ioctl(self->fd, KSENTRY_IOCTL_GET_ABI_VERSION, &version));
	/* Each feature bumps this: update the test with the docs. */
	EXPECT_EQ(6, version);
	EXPECT_EQ(KSENTRY_ABI_VERSION, version);
}

TEST_F(dev, unknown_ioctl_is_enotty)
{
	const unsigned long cmds[] = {
		0,
		_IOR(KSENTRY_IOC_MAGIC, 0x7f, __u32),
		_IOWR(KSENTRY_IOC_MAGIC, 0xff, __u64),
		_IOR(KSENTRY_IOC_MAGIC + 1, 0x00, __u32),
		/* The right number, the wrong direction or size. */
		_IO(KSENTRY_IOC_MAGIC, 0x00),
		_IOW(KSENTRY_IOC_MAGIC, 0x00, __u32),
		_IOR(KSENTRY_IOC_MAGIC, 0x00, __u64),
	};
	__u32 arg = 0;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cmds); i++) {
		errno = 0;
		EXPECT_EQ(-1, ioctl(self->fd, cmds[i], &arg));
		EXPECT_EQ(ENOTTY, errno)
		{
			TH_LOG("cmd %#lx", cmds[i]);
		}
	}
	EXPECT_EQ(0, arg);
}

TEST_F(dev, bad_pointer_is_efault)
{
	void *const kernel = (void *)0xffffffff81000000UL;
	__u32 *ro;

	errno = 0;
	EXPECT_EQ(-1, ioctl(self->fd, KSENTRY_IOCTL_GET_ABI_VERSION, NULL));
	EXPECT_EQ(EFAULT, errno);

	errno = 0;
	EXPECT_EQ(-1, ioctl(self->fd, KSENTRY_IOCTL_GET_ABI_VERSION, kernel));
	EXPECT_EQ(EFAULT, errno);

	ro = mmap(NULL, getpagesize(), PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS,
		  -1, 0);
	ASSERT_NE(MAP_FAILED, ro);
	errno = 0;
	EXPECT_EQ(-1, ioctl(self->fd, KSENTRY_IOCTL_GET_ABI_VERSION, ro));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(0, *ro);
	EXPECT_EQ(0, munmap(ro, getpagesize()));
}

TEST(open_needs_root)
{
	pid_t child;
	int status;

	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		/* Drop every id and capability, then try. */
		if (setgid(65534) || setuid(65534))
			_exit(2);
		if (open(KSENTRY_DEV, O_RDWR) >= 0)
			_exit(3);
		_exit(errno == EACCES ? 0 : 4);
	}
	ASSERT_EQ(child, waitpid(child, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

TEST_HARNESS_MAIN
