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
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
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

TEST(sandbox_and_members_block_unload)
{
	const struct ksentry_entry entry = {
		.nr = __NR_getuid, .action = KSENTRY_ACT_ALLOW,
	};
	int fd, release, status;
	pid_t pid;

	ASSERT_TRUE(module_loaded());
	fd = sandbox_create();
	ASSERT_LE(0, fd);
	errno = 0;
	EXPECT_EQ(-1, unload_module());
	EXPECT_EQ(EWOULDBLOCK, errno);

	/* A member alone keeps the sandbox, and so the module. */
	ASSERT_EQ(0, sandbox_set_policy(fd, KSENTRY_ACT_ALLOW, &entry, 1,
					NULL, 0));
	pid = spawn_held(&release);
	if (pid == 0) {
		for (;;)
			pause();
	}
	ASSERT_LT(0, pid);
	ASSERT_EQ(0, sandbox_bind_pid(fd, pid));
	release_child(release);
	ASSERT_EQ(0, close(fd));
	usleep(200000);
	errno = 0;
	EXPECT_EQ(-1, unload_module());
	EXPECT_EQ(EWOULDBLOCK, errno);
	EXPECT_TRUE(module_loaded());

	/* The member's death does not take anyone else with it. */
	ASSERT_EQ(0, kill(pid, SIGKILL));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	EXPECT_EQ(0, unload_module_settled());
	EXPECT_FALSE(module_loaded());
	EXPECT_EQ(getuid(), syscall(__NR_getuid));
	ASSERT_EQ(0, load_module());
}

TEST(unload_removes_device)
{
	ASSERT_TRUE(module_loaded());
	ASSERT_EQ(0, unload_module_settled())
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
	EXPECT_EQ(0, unload_module_settled());
	EXPECT_FALSE(module_loaded());
	EXPECT_NE(0, access(KSENTRY_DEV, F_OK));
}

TEST_HARNESS_MAIN
