// SPDX-License-Identifier: GPL-2.0
/*
 * ksentry - selftests of module unload and reload
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * The guest runs this file last: it removes the module.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/ksentry.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "kselftest_harness.h"

#include "common.h"

TEST(busy_device_blocks_unload)
{
	int fd;

	ASSERT_TRUE(module_loaded());
	fd = open(KSENTRY_DEV, O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, fd);
	errno = 0;
	EXPECT_EQ(-1, unload_module());
	EXPECT_EQ(EWOULDBLOCK, errno);
	EXPECT_TRUE(module_loaded());
	EXPECT_EQ(0, close(fd));
}

TEST(unload_removes_device)
{
	ASSERT_TRUE(module_loaded());
	ASSERT_EQ(0, unload_module())
	{
		TH_LOG("delete_module: %s", strerror(errno));
	}
	EXPECT_FALSE(module_loaded());
	errno = 0;
	EXPECT_EQ(-1, access(KSENTRY_DEV, F_OK));
	EXPECT_EQ(ENOENT, errno);
}

TEST(reload_and_unload_again)
{
	__u32 version = 0;
	int fd;

	ASSERT_FALSE(module_loaded());
	ASSERT_EQ(0, load_module())
	{
		TH_LOG("finit_module: %s", strerror(errno));
	}
	fd = open(KSENTRY_DEV, O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, fd);
	EXPECT_EQ(0, ioctl(fd, KSENTRY_IOCTL_GET_ABI_VERSION, &version));
	EXPECT_EQ(KSENTRY_ABI_VERSION, version);
	EXPECT_EQ(0, close(fd));
	EXPECT_EQ(0, unload_module());
	EXPECT_FALSE(module_loaded());
	EXPECT_NE(0, access(KSENTRY_DEV, F_OK));
}

TEST_HARNESS_MAIN
