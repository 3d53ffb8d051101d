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
#include <linux/userfaultfd.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
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

/*
 * Without the module, runsc-lite refuses to create a container, says why,
 * and leaves nothing; only --unsandboxed runs one.
 */
#define RUNSC "/bin/runsc-lite --root /tmp/ul/root"
#define RUN_ARGS " run --no-pivot --bundle /tmp/ul/b c"

TEST(runtime_refuses_without_the_module)
{
	char out[4096] = "";
	size_t n;
	FILE *p;
	int status;

	if (access("/bin/runsc-lite", X_OK))
		SKIP(return, "runsc-lite is not in this guest");
	ASSERT_FALSE(module_loaded());
	ASSERT_EQ(0, system("rm -rf /tmp/ul; mkdir -p /tmp/ul/b/rootfs/bin"));
	ASSERT_EQ(0, system("cp /bin/busybox /tmp/ul/b/rootfs/bin/"));
	ASSERT_EQ(0, symlink("busybox", "/tmp/ul/b/rootfs/bin/true"));
	p = fopen("/tmp/ul/b/config.json", "w");
	ASSERT_NE(NULL, p);
	fputs("{\"ociVersion\": \"1.2.0\", \"root\": {\"path\": \"rootfs\"},\n"
	      " \"process\": {\"args\": [\"true\"], \"cwd\": \"/\"},\n"
	      " \"linux\": {\"namespaces\": [{\"type\": \"pid\"},\n"
	      " {\"type\": \"mount\"}]}}\n", p);
	ASSERT_EQ(0, fclose(p));
	p = popen(RUNSC RUN_ARGS " 2>&1", "r");
	ASSERT_NE(NULL, p);
	n = fread(out, 1, sizeof(out) - 1, p);
	out[n] = '\0';
	status = pclose(p);
	EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 1)
	{
		TH_LOG("status %#x: %s", status, out);
	}
	EXPECT_NE(NULL, strstr(out, "insmod ksentry.ko"))
	{
		TH_LOG("%s", out);
	}
	EXPECT_NE(0, system("ls -A /tmp/ul/root | grep -qv '^.lock$'"));
	EXPECT_EQ(0, system(RUNSC " --unsandboxed" RUN_ARGS " >/tmp/ul/out 2>&1"))
	{
		system("cat /tmp/ul/out >&2");
	}
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

/*
 * An O_PATH descriptor of a member's virtual file, held by a host process
 * across the module's unload: it keeps the file's dentry, mount and
 * superblock, which must point to nothing of the module, so that closing
 * or reopening it afterwards is safe (a splat fails the guest).
 */
TEST(virtual_file_o_path_outlives_the_module)
{
	const struct ksentry_entry entries[] = {
		{ __NR_open, KSENTRY_ACT_EMULATE_OF(KSENTRY_EMU_OPEN) },
		{ __NR_openat, KSENTRY_ACT_EMULATE_OF(KSENTRY_EMU_OPENAT) },
	};
	struct ksentry_emu_attr emu = {
		.size = sizeof(emu), .vfiles = KSENTRY_VFILES_ALL,
	};
	struct ksentry_policy_attr attr = {
		.size = sizeof(attr),
		.default_action = KSENTRY_ACT_ALLOW,
		.nr_entries = 2,
		.entries = (__u64)(uintptr_t)entries,
		.emu = (__u64)(uintptr_t)&emu,
	};
	int sandbox, release, status, p[2], n = -1, opath, again;
	char path[64];
	pid_t pid;

	if (!module_loaded())
		ASSERT_EQ(0, load_module());
	sandbox = sandbox_create();
	ASSERT_LE(0, sandbox);
	ASSERT_EQ(0, ioctl(sandbox, KSENTRY_SANDBOX_SET_POLICY, &attr));
	ASSERT_EQ(0, pipe(p));
	pid = spawn_held(&release);
	if (pid == 0) {
		n = open("/proc/meminfo", O_RDONLY);
		if (write(p[1], &n, sizeof(n)) != sizeof(n))
			_exit(1);
		pause();
		_exit(0);
	}
	ASSERT_LT(0, pid);
	ASSERT_EQ(0, sandbox_bind_pid(sandbox, pid));
	release_child(release);
	ASSERT_EQ(sizeof(n), read(p[0], &n, sizeof(n)));
	ASSERT_LE(0, n);
	snprintf(path, sizeof(path), "/proc/%d/fd/%d", pid, n);
	opath = open(path, O_PATH | O_CLOEXEC);
	ASSERT_LE(0, opath);
	ASSERT_EQ(0, kill(pid, SIGKILL));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_EQ(0, close(sandbox));
	/* The O_PATH descriptor holds nothing of the module. */
	ASSERT_EQ(0, unload_module_settled());
	EXPECT_FALSE(module_loaded());
	snprintf(path, sizeof(path), "/proc/self/fd/%d", opath);
	again = open(path, O_RDONLY);
	EXPECT_EQ(-1, again);
	EXPECT_EQ(ENXIO, errno);
	EXPECT_EQ(0, close(opath));
	/* Loaded again, the virtual files work. */
	ASSERT_EQ(0, load_module());
	EXPECT_EQ(0, unload_module_settled());
}

/* PTRACE_SET_SYSCALL_USER_DISPATCH_CONFIG, 6.4 on. */
#define SET_SUD_CONFIG 0x4210

struct setter {
	pid_t tracee;
	void *config;
	int err;
	int done;
};

/*
 * In a thread of its own, the tracer: attach, then the ptrace setter of
 * the dispatch configuration, whose copy waits on a page userfaultfd
 * holds back.  s->err: 0, or the errno of the attach or the setter.
 */
static void *set_config(void *const arg)
{
	struct setter *const s = arg;
	int status;

	errno = 0;
	if (!ptrace(PTRACE_ATTACH, s->tracee, 0, 0) &&
	    waitpid(s->tracee, &status, __WALL) == s->tracee)
		ptrace(SET_SUD_CONFIG, s->tracee, (void *)32, s->config);
	s->err = errno;
	__atomic_store_n(&s->done, 1, __ATOMIC_RELEASE);
	return NULL;
}

static void *probe_config(void *const arg)
{
	struct setter *const s = arg;
	int status;

	errno = 0;
	if (!ptrace(PTRACE_ATTACH, s->tracee, 0, 0) &&
	    waitpid(s->tracee, &status, __WALL) == s->tracee)
		ptrace(SET_SUD_CONFIG, s->tracee, (void *)32, NULL);
	s->err = errno;
	ptrace(PTRACE_DETACH, s->tracee, 0, 0);
	return NULL;
}

static pid_t idle_child(void)
{
	const pid_t pid = fork();

	if (pid == 0) {
		for (;;)
			pause();
	}
	return pid;
}

/*
 * A task of the host (no member) inside the module's stand-in of the
 * dispatch setter, asleep on a page userfaultfd holds back: the unload
 * waits until it has left the module's text.  (It returned into freed
 * text before: an oops in the guest.)
 */
TEST(unload_waits_for_a_setter_inside_the_module)
{
	struct uffdio_api api = { .api = UFFD_API };
	struct uffdio_zeropage zero = { 0 };
	struct uffdio_register reg = { 0 };
	struct setter s = { 0 };
	struct uffd_msg msg;
	int uffd, status, i;
	pthread_t thread;
	pid_t unloader;

	if (!module_loaded())
		ASSERT_EQ(0, load_module());
	s.tracee = idle_child();
	ASSERT_LT(0, s.tracee);
	ASSERT_EQ(0, pthread_create(&thread, NULL, probe_config, &s));
	ASSERT_EQ(0, pthread_join(thread, NULL));
	if (s.err == EIO) {
		kill(s.tracee, SIGKILL);
		waitpid(s.tracee, NULL, 0);
		SKIP(return, "no ptrace setter of the dispatch configuration (before 6.4)");
	}
	ASSERT_EQ(EFAULT, s.err);
	uffd = syscall(__NR_userfaultfd, O_CLOEXEC);
	if (uffd < 0 && errno == ENOSYS) {
		kill(s.tracee, SIGKILL);
		waitpid(s.tracee, NULL, 0);
		SKIP(return, "no userfaultfd in this kernel");
	}
	ASSERT_LE(0, uffd);
	ASSERT_EQ(0, ioctl(uffd, UFFDIO_API, &api));
	s.config = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, s.config);
	reg.range.start = (unsigned long)s.config;
	reg.range.len = 4096;
	reg.mode = UFFDIO_REGISTER_MODE_MISSING;
	ASSERT_EQ(0, ioctl(uffd, UFFDIO_REGISTER, &reg));
	ASSERT_EQ(0, pthread_create(&thread, NULL, set_config, &s));
	/* The setter faults on the page inside the module's stand-in. */
	ASSERT_EQ(sizeof(msg), read(uffd, &msg, sizeof(msg)));
	unloader = fork();
	if (unloader == 0)
		_exit(unload_module() ? 1 : 0);
	ASSERT_LT(0, unloader);
	/*
	 * The unload waits for the setter, however long it sleeps: five
	 * seconds and it is not done (an unload that does not wait takes a
	 * fraction of that, and the setter then returns into freed text).
	 */
	for (i = 0; i < 50 && !waitpid(unloader, &status, WNOHANG); i++)
		usleep(100000);
	EXPECT_EQ(50, i);
	EXPECT_FALSE(__atomic_load_n(&s.done, __ATOMIC_ACQUIRE));
	zero.range = reg.range;
	ASSERT_EQ(0, ioctl(uffd, UFFDIO_ZEROPAGE, &zero));
	ASSERT_EQ(0, pthread_join(thread, NULL));
	if (i == 50)
		ASSERT_EQ(unloader, waitpid(unloader, &status, 0));
	EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	EXPECT_FALSE(module_loaded());
	kill(s.tracee, SIGKILL);
	waitpid(s.tracee, NULL, 0);
	close(uffd);
	/* Loaded again for what follows. */
	ASSERT_EQ(0, load_module());
	EXPECT_EQ(0, unload_module_settled());
}

TEST_HARNESS_MAIN
