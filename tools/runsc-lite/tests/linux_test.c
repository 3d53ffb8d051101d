// SPDX-License-Identifier: GPL-2.0
/*
 * runsc-lite - tests of the container's Linux setup and process
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * Each container test builds a small rootfs (busybox and a few files and
 * symlinks) in a temporary directory, fills a struct spec by hand (spec.c
 * is not used), then runs linux.c on it as pid 1 of new mount, pid, uts
 * and ipc namespaces, in a new user namespace too for the rootless
 * variant, and checks the result from inside.  The host's mounts are
 * never touched: the child makes its copy of / private before anything.
 * The processes inside only use EXPECT_*(), as an ASSERT_*() would unwind
 * into the harness's copy of the stack, and exit with their
 * _metadata->exit_code: a TEST()'s _metadata is not shared with children.
 *
 * The process tests run process.c in a plain child: uid, groups and
 * capabilities change for that child only.
 */

#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <linux/capability.h>
#include <linux/magic.h>
#include <sched.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

/*
 * -Wextra, at each expansion of the harness's macros: its handlers and
 * TEST() wrappers leave parameters unused, and TEST_F()'s "child" is not
 * volatile across its longjmp (FIXTURE_TEARDOWN_PARENT makes the
 * teardown run whichever way that goes).
 */
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wclobbered"
#include "kselftest_harness.h"

#include "../linux.h"
#include "../process.h"
#include "../spec.h"

#define BUSYBOX "/bin/busybox"
#define MQUEUE_MAGIC 0x19800202

/* Where the symlink escapes would land on the host if they worked. */
#define ESCAPE_ABS "runsc-lite-test-escape"
#define ESCAPE_REL "runsc-lite-test-escape-up"

#define MAX_ENTRIES 16

/* A container under test: its rootfs and its hand-made spec. */
struct box {
	char dir[64];			/* the temporary directory */
	char root[PATH_MAX];		/* DIR/rootfs */
	char src[PATH_MAX];		/* DIR/src, a host directory to bind */
	char srcfile[PATH_MAX];		/* DIR/srcfile, a host file to bind */
	struct spec spec;
	struct spec_mount mounts[MAX_ENTRIES];
	struct spec_namespace namespaces[MAX_ENTRIES];
	struct spec_device devices[MAX_ENTRIES];
	struct spec_sysctl sysctls[MAX_ENTRIES];
	char *masked[MAX_ENTRIES];
	char *readonly[MAX_ENTRIES];
	char *args[MAX_ENTRIES];
	char *env[MAX_ENTRIES];
	bool no_pivot;
	bool userns;
	bool tmpfs_src;			/* a nosuid,nodev tmpfs on src */
	char err[1024];
};

FIXTURE(container) {
	struct box box;
};

static int write_file(const char *path, const char *text, mode_t mode)
{
	int fd, ret = 0;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	if (fd < 0)
		return -1;
	if (write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		ret = -1;
	close(fd);
	return ret;
}

static int copy_file(const char *from, const char *to, mode_t mode)
{
	char buf[65536];
	int in, out, ret = 0;
	ssize_t n;

	in = open(from, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return -1;
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	if (out < 0) {
		close(in);
		return -1;
	}
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, n) != n)
			ret = -1;
	if (n < 0)
		ret = -1;
	close(out);
	close(in);
	return ret;
}

/* @dir/@name into @buf (PATH_MAX); a path too long is "", which fails. */
static char *join(char *buf, const char *dir, const char *name)
{
	if (snprintf(buf, PATH_MAX, "%s/%s", dir, name) >= PATH_MAX)
		buf[0] = '\0';
	return buf;
}

/* DIR/rootfs: busybox, its links, and what the checks look at. */
static int build_rootfs(const char *root)
{
	static const char *const dirs[] = {
		"bin", "dev", "etc", "etc/secretdir", "etc/rodir", "mnt",
		"proc", "sys", "tmp",
	};
	static const char *const links[][2] = {
		{ "bin/sh", "busybox" }, { "bin/cat", "busybox" },
		{ "bin/true", "busybox" },
		/* An absolute link to the host's /etc, for the image's eyes. */
		{ "escape", "/etc" },
		/* Enough ".." to reach the host's / from DIR/rootfs. */
		{ "up", "../../../../../../../../../etc" },
		{ "loop", "loop" },
	};
	char path[PATH_MAX];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(dirs); i++)
		if (mkdir(join(path, root, dirs[i]), 0755))
			return -1;
	for (i = 0; i < ARRAY_SIZE(links); i++)
		if (symlink(links[i][1], join(path, root, links[i][0])))
			return -1;
	if (copy_file(BUSYBOX, join(path, root, "bin/busybox"), 0755) ||
	    write_file(join(path, root, "marker"), "rootfs\n", 0644) ||
	    write_file(join(path, root, "etc/secret"), "secret\n", 0644))
		return -1;
	return write_file(join(path, root, "etc/secretdir/file"), "secret\n",
			  0644);
}

FIXTURE_SETUP(container)
{
	struct box *b = &self->box;
	char path[PATH_MAX];

	if (geteuid())
		SKIP(return, "needs root");
	if (access(BUSYBOX, X_OK))
		SKIP(return, "needs " BUSYBOX " (busybox-static)");
	snprintf(b->dir, sizeof(b->dir), "/tmp/runsc-lite-test.XXXXXX");
	ASSERT_NE(NULL, mkdtemp(b->dir));
	snprintf(b->root, sizeof(b->root), "%s/rootfs", b->dir);
	snprintf(b->src, sizeof(b->src), "%s/src", b->dir);
	snprintf(b->srcfile, sizeof(b->srcfile), "%s/srcfile",
		 b->dir);
	ASSERT_EQ(0, mkdir(b->root, 0755));
	ASSERT_EQ(0, build_rootfs(b->root));
	ASSERT_EQ(0, mkdir(b->src, 0755));
	join(path, b->src, "hello");
	ASSERT_EQ(0, write_file(path, "hello\n", 0644));
	ASSERT_EQ(0, write_file(b->srcfile, "file\n", 0644));

	memset(&b->spec, 0, sizeof(b->spec));
	b->spec.root_path = b->root;
	b->spec.mounts = b->mounts;
	b->spec.namespaces = b->namespaces;
	b->spec.devices = b->devices;
	b->spec.sysctls = b->sysctls;
	b->spec.masked_paths = b->masked;
	b->spec.readonly_paths = b->readonly;
	b->spec.process.args = b->args;
	b->spec.process.env = b->env;
	b->spec.process.cwd = "/";
}

static int remove_entry(const char *path, const struct stat *st, int flag,
			struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/*
 * In the parent: after an ASSERT_*() the harness's child may skip its
 * teardown.  FTW_MOUNT: never into a mount, should one have leaked.
 */
FIXTURE_TEARDOWN_PARENT(container)
{
	if (self->box.dir[0])
		nftw(self->box.dir, remove_entry, 16,
		     FTW_DEPTH | FTW_PHYS | FTW_MOUNT);
}

static struct spec_mount *add_mount(struct box *b,
				    const char *dest, const char *type,
				    const char *source, unsigned long flags,
				    const char *data)
{
	struct spec_mount *m = &b->mounts[b->spec.nr_mounts++];

	memset(m, 0, sizeof(*m));
	m->destination = (char *)dest;
	m->type = (char *)type;
	m->source = (char *)source;
	m->flags = flags;
	m->data = (char *)data;
	return m;
}

static struct spec_mount *add_bind(struct box *b,
				   const char *dest, const char *source,
				   unsigned long flags)
{
	struct spec_mount *m;

	m = add_mount(b, dest, "bind", source, MS_BIND | flags, NULL);
	m->bind = true;
	return m;
}

static void add_namespace(struct box *b, int type)
{
	b->namespaces[b->spec.nr_namespaces].type = type;
	b->namespaces[b->spec.nr_namespaces++].path = NULL;
}

/* The mounts of runc's default spec, more or less. */
static void add_default_mounts(struct box *b)
{
	add_mount(b, "/proc", "proc", "proc",
		  MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
	add_mount(b, "/dev", "tmpfs", "tmpfs", MS_NOSUID | MS_STRICTATIME,
		  "mode=755,size=65536k");
	add_mount(b, "/dev/pts", "devpts", "devpts", MS_NOSUID | MS_NOEXEC,
		  "newinstance,ptmxmode=0666,mode=0620");
	add_mount(b, "/dev/shm", "tmpfs", "shm",
		  MS_NOSUID | MS_NOEXEC | MS_NODEV, "mode=1777,size=65536k");
	add_mount(b, "/sys", "sysfs", "sysfs",
		  MS_NOSUID | MS_NOEXEC | MS_NODEV | MS_RDONLY, NULL);
	add_mount(b, "/sys/fs/cgroup", "cgroup", "cgroup",
		  MS_NOSUID | MS_NOEXEC | MS_NODEV | MS_RELATIME | MS_RDONLY,
		  NULL);
	add_mount(b, "/tmp", "tmpfs", "tmpfs", MS_NOSUID | MS_NODEV, NULL);
}

typedef void (*check_fn)(struct __test_metadata *_metadata,
			 struct box *b);

static int write_id_maps(pid_t pid)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/uid_map", pid);
	if (write_file(path, "0 0 65536\n", 0))
		return -1;
	snprintf(path, sizeof(path), "/proc/%d/gid_map", pid);
	return write_file(path, "0 0 65536\n", 0);
}

/*
 * The container's side: new namespaces (the user namespace's maps are
 * written by @parent, which is privileged on the host), then @check as
 * pid 1 of the new pid namespace.  Exits with the check's status.
 */
static void enter(struct __test_metadata *_metadata, struct box *b,
		  check_fn check, int sync[2][2])
{
	int flags = CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWUTS | CLONE_NEWIPC;
	int status;
	char c;
	pid_t pid;

	if (b->userns)
		flags |= CLONE_NEWUSER;
	if (unshare(flags) || write(sync[0][1], "u", 1) != 1 ||
	    read(sync[1][0], &c, 1) != 1)
		_exit(2);
	pid = fork();
	if (pid == 0) {
		check(_metadata, b);
		_exit(_metadata->exit_code);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		_exit(3);
	_exit(WIFEXITED(status) ? WEXITSTATUS(status) : 4);
}

/* A nosuid,nodev tmpfs on src: flags a user namespace will lock. */
static int mount_tmpfs_src(struct box *b)
{
	char path[PATH_MAX];

	if (mount("tmpfs", b->src, "tmpfs", MS_NOSUID | MS_NODEV, NULL))
		return -1;
	join(path, b->src, "hello");
	return write_file(path, "hello\n", 0644);
}

/*
 * Run @check in a container; returns its exit status, or -1.  Everything
 * happens in a child whose first act is a private mount namespace, so the
 * host's mounts are out of reach whatever the code under test does.
 */
static int run_contained(struct __test_metadata *_metadata,
			 struct box *b, check_fn check)
{
	int sync[2][2], status;
	pid_t pid, inner;
	char c;

	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (unshare(CLONE_NEWNS) ||
		    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) ||
		    (b->tmpfs_src && mount_tmpfs_src(b)) ||
		    pipe(sync[0]) || pipe(sync[1]))
			_exit(5);
		inner = fork();
		if (inner == 0)
			enter(_metadata, b, check, sync);
		if (inner < 0 || read(sync[0][0], &c, 1) != 1 ||
		    (b->userns && write_id_maps(inner)) ||
		    write(sync[1][1], "m", 1) != 1)
			_exit(6);
		if (waitpid(inner, &status, 0) != inner)
			_exit(7);
		_exit(WIFEXITED(status) ? WEXITSTATUS(status) : 8);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/* What creating @path fails with, 0 if it works. */
static int create_errno(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);

	if (fd < 0)
		return errno;
	close(fd);
	unlink(path);
	return 0;
}

static long fs_type(const char *path)
{
	struct statfs st;

	return statfs(path, &st) ? -1 : (long)st.f_type;
}

static ssize_t read_text(const char *path, char *buf, size_t len)
{
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n >= 0)
		buf[n] = '\0';
	return n;
}

static bool link_is(const char *path, const char *target)
{
	char buf[PATH_MAX];
	ssize_t n = readlink(path, buf, sizeof(buf) - 1);

	if (n < 0)
		return false;
	buf[n] = '\0';
	return !strcmp(buf, target);
}

/* The line of /proc/self/mountinfo for mount point @dir, or "". */
static void mount_line(const char *dir, char *line, size_t len)
{
	char want[PATH_MAX + 2];
	FILE *f = fopen("/proc/self/mountinfo", "re");

	snprintf(want, sizeof(want), " %s ", dir);
	line[0] = '\0';
	while (f && fgets(line, len, f))
		if (strstr(line, want))
			break;
	if (f && feof(f))
		line[0] = '\0';
	if (f)
		fclose(f);
}

static void expect_chr(struct __test_metadata *_metadata, const char *path,
		       unsigned int major, unsigned int minor)
{
	struct stat st = { 0 };

	EXPECT_EQ(0, stat(path, &st)) TH_LOG("%s: %s", path, strerror(errno));
	EXPECT_TRUE(S_ISCHR(st.st_mode)) TH_LOG("%s: mode %o", path,
						st.st_mode);
	EXPECT_EQ(makedev(major, minor), st.st_rdev) TH_LOG("%s", path);
}

static int setup(struct __test_metadata *_metadata,
		 struct box *b)
{
	int ret = linux_setup_rootfs(&b->spec, b->no_pivot, b->err,
				     sizeof(b->err));

	EXPECT_EQ(0, ret) TH_LOG("linux_setup_rootfs: %s", b->err);
	return ret;
}

/* A process of @argv and @env: process.c writes neither, hence the casts. */
static struct spec_process proc_of(const char *const argv[],
				   const char *const env[])
{
	struct spec_process proc = {
		.args = (char **)argv, .env = (char **)env,
	};

	return proc;
}

/* Run @argv through process_exec() in a child; returns its exit code. */
static int exec_status(const char *const argv[], const char *const env[])
{
	struct spec_process proc = proc_of(argv, env);
	char err[256];
	int status;
	pid_t pid;

	pid = fork();
	if (pid == 0) {
		process_exec(&proc, err, sizeof(err));
		fprintf(stderr, "%s\n", err);
		_exit(99);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static void check_proc_and_root(struct __test_metadata *_metadata,
				struct box *b)
{
	char buf[64];

	EXPECT_EQ(1, getpid());
	EXPECT_EQ(PROC_SUPER_MAGIC, fs_type("/proc"));
	EXPECT_TRUE(link_is("/proc/self", "1"));
	EXPECT_EQ(7, read_text("/marker", buf, sizeof(buf)));
	EXPECT_EQ(0, access("/bin/busybox", X_OK));
	/* The host's directories are gone. */
	EXPECT_NE(0, access(b->dir, F_OK));
}

static void check_dev(struct __test_metadata *_metadata)
{
	char buf[16] = "x";
	int fd;

	EXPECT_EQ(TMPFS_MAGIC, fs_type("/dev"));
	expect_chr(_metadata, "/dev/null", 1, 3);
	expect_chr(_metadata, "/dev/zero", 1, 5);
	expect_chr(_metadata, "/dev/full", 1, 7);
	expect_chr(_metadata, "/dev/random", 1, 8);
	expect_chr(_metadata, "/dev/urandom", 1, 9);
	expect_chr(_metadata, "/dev/tty", 5, 0);
	fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
	EXPECT_EQ(1, write(fd, "x", 1));
	close(fd);
	fd = open("/dev/zero", O_RDONLY | O_CLOEXEC);
	EXPECT_EQ(1, read(fd, buf, 1));
	EXPECT_EQ(0, buf[0]);
	close(fd);
	EXPECT_TRUE(link_is("/dev/fd", "/proc/self/fd"));
	EXPECT_TRUE(link_is("/dev/stdin", "/proc/self/fd/0"));
	EXPECT_TRUE(link_is("/dev/stdout", "/proc/self/fd/1"));
	EXPECT_TRUE(link_is("/dev/stderr", "/proc/self/fd/2"));
	EXPECT_TRUE(link_is("/dev/ptmx", "pts/ptmx"));
	if (!access("/proc/kcore", F_OK))
		EXPECT_TRUE(link_is("/dev/core", "/proc/kcore"));
	EXPECT_EQ(DEVPTS_SUPER_MAGIC, fs_type("/dev/pts"));
	EXPECT_EQ(MQUEUE_MAGIC, fs_type("/dev/mqueue"));
}

static void check_spec_devices(struct __test_metadata *_metadata)
{
	struct stat st = { 0 };

	expect_chr(_metadata, "/dev/custom/null2", 1, 3);
	EXPECT_EQ(0, stat("/dev/custom/null2", &st));
	EXPECT_EQ(0640U, st.st_mode & 07777);
	EXPECT_EQ(1000U, st.st_uid);
	EXPECT_EQ(1001U, st.st_gid);
	EXPECT_EQ(0, stat("/dev/testfifo", &st));
	EXPECT_TRUE(S_ISFIFO(st.st_mode));
}

/* The container's pty on /dev/console, as create's terminal step would. */
static void check_console(struct __test_metadata *_metadata)
{
	struct stat console = { 0 }, slave = { 0 };
	char name[64], err[256];
	int master;

	master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC);
	EXPECT_LE(0, master) TH_LOG("/dev/ptmx: %s", strerror(errno));
	if (master < 0)
		return;
	EXPECT_EQ(0, unlockpt(master));
	EXPECT_EQ(0, ptsname_r(master, name, sizeof(name)));
	EXPECT_EQ(0, linux_setup_console(name, err, sizeof(err)))
		TH_LOG("%s", err);
	EXPECT_EQ(0, stat("/dev/console", &console));
	EXPECT_EQ(0, stat(name, &slave));
	EXPECT_EQ(slave.st_rdev, console.st_rdev);
	close(master);
}

static void check_mounts(struct __test_metadata *_metadata)
{
	char buf[4096];

	EXPECT_EQ(SYSFS_MAGIC, fs_type("/sys"));
	EXPECT_EQ(0, access("/sys/kernel", F_OK));
	EXPECT_EQ(EROFS, create_errno("/sys/runsc-lite-test"));
	/* "cgroup" is mounted as cgroup2. */
	EXPECT_EQ(CGROUP2_SUPER_MAGIC, fs_type("/sys/fs/cgroup"));
	EXPECT_EQ(0, create_errno("/tmp/runsc-lite-test"));
	EXPECT_EQ(6, read_text("/mnt/ro/hello", buf, sizeof(buf)));
	EXPECT_EQ(EROFS, create_errno("/mnt/ro/new"));
	/* A bind of a file is mounted on a file. */
	EXPECT_EQ(5, read_text("/mnt/file", buf, sizeof(buf)));
	EXPECT_EQ(-1, open("/mnt/file", O_WRONLY | O_CLOEXEC));
	EXPECT_EQ(EROFS, errno);
	mount_line("/mnt/shared", buf, sizeof(buf));
	EXPECT_NE(NULL, strstr(buf, " shared:")) TH_LOG("mountinfo: %s", buf);
}

/* The links in the image sent the mounts into the rootfs's /etc. */
static void check_escapes(struct __test_metadata *_metadata)
{
	EXPECT_EQ(TMPFS_MAGIC, fs_type("/etc/" ESCAPE_ABS));
	EXPECT_EQ(TMPFS_MAGIC, fs_type("/etc/" ESCAPE_REL));
}

static void check_masks(struct __test_metadata *_metadata)
{
	char buf[64];
	struct dirent *d;
	int entries = 0;
	DIR *dir;

	EXPECT_EQ(0, read_text("/etc/secret", buf, sizeof(buf)));
	dir = opendir("/etc/secretdir");
	EXPECT_NE(NULL, dir);
	while (dir && (d = readdir(dir)))
		entries += strcmp(d->d_name, ".") && strcmp(d->d_name, "..");
	if (dir)
		closedir(dir);
	EXPECT_EQ(0, entries);
	EXPECT_EQ(EROFS, create_errno("/etc/secretdir/new"));
	EXPECT_EQ(EROFS, create_errno("/etc/rodir/new"));
	EXPECT_EQ(-1, open("/proc/sys/kernel/shmmax", O_WRONLY | O_CLOEXEC));
	EXPECT_EQ(EROFS, errno);
	/* root.readonly */
	EXPECT_EQ(EROFS, create_errno("/new"));
}

static void check_rootfs(struct __test_metadata *_metadata,
			 struct box *b)
{
	static const char *const sh[] = { "sh", "-c", "exit 7", NULL };
	static const char *const env[] = { "PATH=/nonexistent:/bin", NULL };

	if (setup(_metadata, b))
		return;
	check_proc_and_root(_metadata, b);
	check_dev(_metadata);
	check_spec_devices(_metadata);
	check_console(_metadata);
	check_mounts(_metadata);
	check_escapes(_metadata);
	check_masks(_metadata);
	EXPECT_EQ(7, exec_status(sh, env));
}

static void add_paths(struct box *b)
{
	b->masked[0] = "/etc/secret";
	b->masked[1] = "/etc/secretdir";
	b->masked[2] = "/nonexistent";
	b->readonly[0] = "/etc/rodir";
	b->readonly[1] = "/proc/sys";
	b->readonly[2] = "/nonexistent";
}

TEST_F(container, rootfs)
{
	struct box *b = &self->box;
	struct spec_device *dev = b->devices;
	char path[PATH_MAX];
	struct spec_mount *m;

	add_default_mounts(b);
	add_mount(b, "/dev/mqueue", "mqueue", "mqueue",
		  MS_NOSUID | MS_NOEXEC | MS_NODEV, NULL);
	add_bind(b, "/mnt/ro", b->src, MS_RDONLY);
	add_bind(b, "/mnt/file", b->srcfile, MS_RDONLY);
	m = add_mount(b, "/mnt/shared", "tmpfs", "tmpfs", 0, NULL);
	m->propagation = MS_SHARED;
	add_mount(b, "/escape/" ESCAPE_ABS, "tmpfs", "tmpfs", 0, NULL);
	add_mount(b, "/up/" ESCAPE_REL, "tmpfs", "tmpfs", 0, NULL);
	dev[0] = (struct spec_device){ .path = "/dev/custom/null2", .type = 'c',
				       .major = 1, .minor = 3, .mode = 0640,
				       .uid = 1000, .gid = 1001 };
	dev[1] = (struct spec_device){ .path = "/dev/testfifo", .type = 'p',
				       .mode = 0600 };
	b->spec.nr_devices = 2;
	add_paths(b);
	b->spec.root_readonly = true;
	b->spec.process.terminal = true;

	ASSERT_NE(0, access("/etc/" ESCAPE_ABS, F_OK));
	ASSERT_NE(0, access("/etc/" ESCAPE_REL, F_OK));
	ASSERT_EQ(0, run_contained(_metadata, b, check_rootfs));
	/* Nothing was made on the host; the mount points are the rootfs's. */
	EXPECT_NE(0, access("/etc/" ESCAPE_ABS, F_OK));
	EXPECT_NE(0, access("/etc/" ESCAPE_REL, F_OK));
	join(path, b->root, "etc/" ESCAPE_ABS);
	EXPECT_EQ(0, access(path, F_OK));
	join(path, b->root, "etc/" ESCAPE_REL);
	EXPECT_EQ(0, access(path, F_OK));
}

static void check_no_pivot(struct __test_metadata *_metadata,
			   struct box *b)
{
	static const char *const true_argv[] = { "true", NULL };
	static const char *const env[] = { "PATH=/bin", NULL };

	if (setup(_metadata, b))
		return;
	check_proc_and_root(_metadata, b);
	EXPECT_EQ(0, exec_status(true_argv, env));
}

TEST_F(container, no_pivot)
{
	struct box *b = &self->box;

	add_mount(b, "/proc", "proc", "proc", 0, NULL);
	b->no_pivot = true;
	ASSERT_EQ(0, run_contained(_metadata, b, check_no_pivot));
}

/* Whether this kernel lets root make a user namespace. */
static bool userns_works(void)
{
	int status;
	pid_t pid;

	pid = fork();
	if (pid == 0)
		_exit(unshare(CLONE_NEWUSER) ? 1 : 0);
	return pid > 0 && waitpid(pid, &status, 0) == pid &&
	       WIFEXITED(status) && !WEXITSTATUS(status);
}

/*
 * In a user namespace: mknod, sysfs and cgroup2 are refused, so the
 * host's nodes and trees are bound instead; the source's nosuid,nodev
 * are locked and must be kept by the ro remount and the read-only root.
 */
static void check_rootless(struct __test_metadata *_metadata,
			   struct box *b)
{
	struct statvfs st = { 0 };
	int fd;

	if (setup(_metadata, b))
		return;
	check_proc_and_root(_metadata, b);
	expect_chr(_metadata, "/dev/null", 1, 3);
	expect_chr(_metadata, "/dev/kmsg", 1, 11);
	fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
	EXPECT_EQ(1, write(fd, "x", 1)) TH_LOG("/dev/null: %s", strerror(errno));
	close(fd);
	EXPECT_TRUE(link_is("/dev/fd", "/proc/self/fd"));
	EXPECT_EQ(SYSFS_MAGIC, fs_type("/sys"));
	EXPECT_EQ(0, access("/sys/kernel", F_OK));
	EXPECT_EQ(EROFS, create_errno("/sys/runsc-lite-test"));
	EXPECT_EQ(0, access("/sys/fs/cgroup", F_OK));
	EXPECT_EQ(EROFS, create_errno("/mnt/ro/new"));
	EXPECT_EQ(0, statvfs("/mnt/ro", &st));
	EXPECT_EQ((unsigned long)(ST_RDONLY | ST_NOSUID | ST_NODEV),
		  st.f_flag & (ST_RDONLY | ST_NOSUID | ST_NODEV));
	check_masks(_metadata);
}

TEST_F(container, rootless)
{
	struct box *b = &self->box;

	if (!userns_works())
		SKIP(return, "no user namespaces");
	add_default_mounts(b);
	add_bind(b, "/mnt/ro", b->src, MS_RDONLY);
	b->devices[0] = (struct spec_device){ .path = "/dev/kmsg",
						 .type = 'c', .major = 1,
						 .minor = 11, .mode = 0600 };
	b->spec.nr_devices = 1;
	add_paths(b);
	b->spec.root_readonly = true;
	b->userns = true;
	b->tmpfs_src = true;
	ASSERT_EQ(0, run_contained(_metadata, b, check_rootless));
}

static void check_loop(struct __test_metadata *_metadata,
		       struct box *b)
{
	EXPECT_EQ(-1, linux_setup_rootfs(&b->spec, false, b->err,
					 sizeof(b->err)));
	EXPECT_EQ(ELOOP, errno);
	EXPECT_NE(NULL, strstr(b->err, "resolve /loop/x in "))
		TH_LOG("%s", b->err);
}

TEST_F(container, symlink_loop)
{
	struct box *b = &self->box;

	add_mount(b, "/loop/x", "tmpfs", "tmpfs", 0, NULL);
	ASSERT_EQ(0, run_contained(_metadata, b, check_loop));
}

static void check_hostname(struct __test_metadata *_metadata,
			   struct box *b)
{
	char name[128];

	EXPECT_EQ(-1, linux_set_hostname(&b->spec, b->err,
					 sizeof(b->err)));
	EXPECT_NE(NULL, strstr(b->err, "no uts namespace"))
		TH_LOG("%s", b->err);
	add_namespace(b, CLONE_NEWUTS);
	EXPECT_EQ(0, linux_set_hostname(&b->spec, b->err,
					sizeof(b->err)))
		TH_LOG("%s", b->err);
	EXPECT_EQ(0, gethostname(name, sizeof(name)));
	EXPECT_STREQ("runsc-lite-test", name);
	EXPECT_EQ(0, getdomainname(name, sizeof(name)));
	EXPECT_STREQ("example.test", name);
}

TEST_F(container, hostname)
{
	struct box *b = &self->box;

	b->spec.hostname = "runsc-lite-test";
	b->spec.domainname = "example.test";
	ASSERT_EQ(0, run_contained(_metadata, b, check_hostname));
}

static void add_sysctl(struct box *b, const char *key,
		       const char *value)
{
	b->sysctls[b->spec.nr_sysctls].key = (char *)key;
	b->sysctls[b->spec.nr_sysctls++].value = (char *)value;
}

/* linux_write_sysctls() with @key = @value alone must be refused. */
static void expect_refused(struct __test_metadata *_metadata,
			   struct box *b, const char *key,
			   const char *value, const char *why)
{
	b->spec.nr_sysctls = 0;
	add_sysctl(b, key, value);
	EXPECT_EQ(-1, linux_write_sysctls(&b->spec, b->err,
					  sizeof(b->err)));
	EXPECT_NE(NULL, strstr(b->err, key)) TH_LOG("%s", b->err);
	EXPECT_NE(NULL, strstr(b->err, why)) TH_LOG("%s", b->err);
}

/*
 * In the container's new ipc namespace, before the rootfs (whose
 * readonlyPaths would hold /proc/sys).  The refused keys are given
 * their current values: a bug that wrote them would change nothing.
 */
static void check_sysctls(struct __test_metadata *_metadata,
			  struct box *b)
{
	char swappiness[32], forward[32], shmmax[32];

	if (read_text("/proc/sys/vm/swappiness", swappiness,
		      sizeof(swappiness)) <= 0 ||
	    read_text("/proc/sys/net/ipv4/ip_forward", forward,
		      sizeof(forward)) <= 0 ||
	    read_text("/proc/sys/kernel/shmmax", shmmax, sizeof(shmmax)) <= 0) {
		EXPECT_TRUE(false) TH_LOG("read the sysctls: %s",
					  strerror(errno));
		return;
	}
	add_sysctl(b, "kernel.shmmax", "123456789");
	EXPECT_EQ(-1, linux_write_sysctls(&b->spec, b->err,
					  sizeof(b->err)));
	EXPECT_NE(NULL, strstr(b->err, "no ipc namespace"))
		TH_LOG("%s", b->err);
	add_namespace(b, CLONE_NEWIPC);
	/* A refused key leaves the others unwritten too. */
	add_sysctl(b, "vm.swappiness", swappiness);
	EXPECT_EQ(-1, linux_write_sysctls(&b->spec, b->err,
					  sizeof(b->err)));
	EXPECT_LT(0, read_text("/proc/sys/kernel/shmmax", b->err,
			       sizeof(b->err)));
	EXPECT_STREQ(shmmax, b->err);
	b->spec.nr_sysctls = 0;
	add_sysctl(b, "kernel.shmmax", "123456789");
	add_sysctl(b, "fs.mqueue.msg_max", "17");
	EXPECT_EQ(0, linux_write_sysctls(&b->spec, b->err,
					 sizeof(b->err)))
		TH_LOG("%s", b->err);
	EXPECT_LT(0, read_text("/proc/sys/kernel/shmmax", b->err,
			       sizeof(b->err)));
	EXPECT_STREQ("123456789\n", b->err);
	EXPECT_LT(0, read_text("/proc/sys/fs/mqueue/msg_max", b->err,
			       sizeof(b->err)));
	EXPECT_STREQ("17\n", b->err);
	expect_refused(_metadata, b, "vm.swappiness", swappiness,
		       "not namespaced");
	expect_refused(_metadata, b, "net.ipv4.ip_forward", forward,
		       "no net namespace");
	expect_refused(_metadata, b, "kernel/../vm/swappiness", swappiness,
		       "not a key");
}

TEST_F(container, sysctls)
{
	struct box *b = &self->box;

	ASSERT_EQ(0, run_contained(_metadata, b, check_sysctls));
}

/* Field @name of /proc/self/status, without trailing blanks. */
static void status_field(const char *name, char *value, size_t len)
{
	char line[512], want[64];
	FILE *f = fopen("/proc/self/status", "re");
	size_t n;

	snprintf(want, sizeof(want), "%s:\t", name);
	value[0] = '\0';
	while (f && fgets(line, sizeof(line), f)) {
		if (strncmp(line, want, strlen(want)))
			continue;
		snprintf(value, len, "%s", line + strlen(want));
		break;
	}
	if (f)
		fclose(f);
	n = strlen(value);
	while (n && (value[n - 1] == '\n' || value[n - 1] == ' '))
		value[--n] = '\0';
}

static void expect_status(struct __test_metadata *_metadata,
			  const char *want, const char *name)
{
	char value[256];

	status_field(name, value, sizeof(value));
	EXPECT_STREQ(want, value) TH_LOG("%s", name);
}

static void expect_prepared(struct __test_metadata *_metadata)
{
	struct rlimit lim = { 0 };
	char buf[PATH_MAX];

	expect_status(_metadata, "1000\t1000\t1000\t1000", "Uid");
	expect_status(_metadata, "1000\t1000\t1000\t1000", "Gid");
	expect_status(_metadata, "1001 1002", "Groups");
	expect_status(_metadata, "0027", "Umask");
	expect_status(_metadata, "0000000000000400", "CapInh");
	expect_status(_metadata, "0000000000000400", "CapPrm");
	expect_status(_metadata, "0000000000000400", "CapEff");
	expect_status(_metadata, "0000000000000401", "CapBnd");
	expect_status(_metadata, "0000000000000400", "CapAmb");
	expect_status(_metadata, "1", "NoNewPrivs");
	EXPECT_EQ(0, getrlimit(RLIMIT_NOFILE, &lim));
	EXPECT_EQ((rlim_t)64, lim.rlim_cur);
	EXPECT_EQ((rlim_t)128, lim.rlim_max);
	EXPECT_EQ(0, getrlimit(RLIMIT_CORE, &lim));
	EXPECT_EQ(RLIM_INFINITY, lim.rlim_cur);
	EXPECT_EQ(RLIM_INFINITY, lim.rlim_max);
	EXPECT_LT(0, read_text("/proc/self/oom_score_adj", buf, sizeof(buf)));
	EXPECT_STREQ("500\n", buf);
	EXPECT_NE(NULL, getcwd(buf, sizeof(buf)));
	EXPECT_STREQ("/tmp", buf);
}

TEST(prepare_identity)
{
	gid_t gids[] = { 1001, 1002 };
	struct spec_rlimit rlimits[] = {
		{ RLIMIT_NOFILE, 64, 128 },
		{ RLIMIT_CORE, UINT64_MAX, UINT64_MAX },
	};
	const uint64_t bind = 1ULL << CAP_NET_BIND_SERVICE;
	struct spec_process proc = {
		.cwd = "/tmp",
		.user = { .uid = 1000, .gid = 1000, .gids = gids,
			  .nr_gids = 2, .has_umask = true, .umask = 027 },
		.rlimits = rlimits, .nr_rlimits = 2,
		.no_new_privileges = true,
		.has_caps = true,
		.caps = { .bounding = bind | 1ULL << CAP_CHOWN,
			  .effective = bind, .permitted = bind,
			  .inheritable = bind, .ambient = bind },
		.has_oom_score_adj = true, .oom_score_adj = 500,
	};
	char err[256];
	int status;
	pid_t pid;

	if (geteuid())
		SKIP(return, "needs root");
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		EXPECT_EQ(0, process_prepare(&proc, err, sizeof(err)))
			TH_LOG("%s", err);
		expect_prepared(_metadata);
		_exit(_metadata->exit_code);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_EQ(0, status);
}

/* Without process.capabilities, root keeps what it has. */
TEST(prepare_keeps_caps)
{
	struct spec_process proc = { .cwd = "/" };
	char before[256], err[256];
	int status;
	pid_t pid;

	if (geteuid())
		SKIP(return, "needs root");
	status_field("CapEff", before, sizeof(before));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		EXPECT_EQ(0, process_prepare(&proc, err, sizeof(err)))
			TH_LOG("%s", err);
		expect_status(_metadata, before, "CapEff");
		expect_status(_metadata, "0", "NoNewPrivs");
		_exit(_metadata->exit_code);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_EQ(0, status);
}

TEST(prepare_refuses_lsm)
{
	struct spec_process proc = { .cwd = "/", .apparmor_profile = "foo" };
	char err[256];

	ASSERT_EQ(-1, process_prepare(&proc, err, sizeof(err)));
	ASSERT_STREQ("apply process.apparmorProfile: runsc-lite has no LSM support", err);
	proc.apparmor_profile = NULL;
	proc.selinux_label = "system_u:system_r:container_t:s0";
	ASSERT_EQ(-1, process_prepare(&proc, err, sizeof(err)));
	ASSERT_STREQ("apply process.selinuxLabel: runsc-lite has no LSM support", err);
}

/* PATH is the spec's: the runtime's own has no such directory. */
TEST(exec_path)
{
	char dir[] = "/tmp/runsc-lite-exec.XXXXXX";
	static char env_path[PATH_MAX + 32];
	char path[PATH_MAX];
	static const char *const argv[] = { "runsc-lite-probe", NULL };
	static const char *const env[] = { env_path, NULL };
	static const char *const no_path[] = { "HOME=/", NULL };
	static const char *const true_argv[] = { "true", NULL };

	ASSERT_NE(NULL, mkdtemp(dir));
	join(path, dir, "runsc-lite-probe");
	ASSERT_EQ(0, write_file(path, "#!/bin/sh\nexit 42\n", 0755));
	snprintf(env_path, sizeof(env_path), "PATH=/nonexistent::%s", dir);
	EXPECT_EQ(42, exec_status(argv, env));
	/* No PATH in the spec's environment: the default one. */
	EXPECT_EQ(0, exec_status(true_argv, no_path));
	unlink(path);
	rmdir(dir);
}

TEST(exec_fails)
{
	char dir[] = "/tmp/runsc-lite-exec.XXXXXX";
	static char env_path[PATH_MAX + 32];
	static const char *const missing[] = { "runsc-lite-missing", NULL };
	static const char *const noexec[] = { "runsc-lite-noexec", NULL };
	static const char *const env[] = { env_path, NULL };
	struct spec_process proc = proc_of(missing, env);
	char path[PATH_MAX], err[256];

	ASSERT_NE(NULL, mkdtemp(dir));
	join(path, dir, "runsc-lite-noexec");
	ASSERT_EQ(0, write_file(path, "#!/bin/sh\n", 0644));
	snprintf(env_path, sizeof(env_path), "PATH=/nonexistent:%s", dir);
	EXPECT_EQ(-1, process_exec(&proc, err, sizeof(err)));
	EXPECT_EQ(ENOENT, errno);
	EXPECT_STREQ("exec 'runsc-lite-missing': No such file or directory",
		     err);
	proc = proc_of(noexec, env);
	EXPECT_EQ(-1, process_exec(&proc, err, sizeof(err)));
	EXPECT_EQ(EACCES, errno);
	EXPECT_STREQ("exec 'runsc-lite-noexec': Permission denied", err);
	unlink(path);
	rmdir(dir);
}

TEST(all_caps)
{
	ASSERT_EQ((1ULL << 41) - 1, process_all_caps());
}

TEST_HARNESS_MAIN
