// SPDX-License-Identifier: GPL-2.0
/*
 * runsc-lite - the container's Linux environment: rootfs, mounts, devices
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * Runs in the container's init, in its new mount namespace, with the
 * runtime's view of the host until the root switch.  Two rules shape it:
 *
 * - A mount destination is resolved under the rootfs by walk(), one
 *   component at a time, with every symlink read and followed relative to
 *   the rootfs (an absolute link restarts at the rootfs, ".." stops at
 *   it), so that a link in the image cannot send a mount onto the host.
 *   The walk then opens the result O_PATH and reads the path back from
 *   /proc/self/fd: a component swapped for a symlink after it was checked
 *   shows there, and the mount goes onto the checked file descriptor, not
 *   onto a path that could change again.  That closes the symlink swap
 *   runc's CVE-2021-30465 was, by another container sharing a volume.
 *   What is left is a rename of the checked directory itself out of the
 *   rootfs between the check and the mount.  A rename cannot cross a
 *   mount (EXDEV), so it takes write access to the rootfs's file system
 *   outside the rootfs: the host-side owner of the bundle, who controls
 *   the container anyway.  runc's "securejoin" leaves the same window.
 *
 * - Where the kernel may refuse (mknod, sysfs or cgroup2 in a user
 *   namespace, changing flags the user namespace locked), the operation is
 *   tried first and the fallback taken on EPERM, rather than guessing from
 *   the id maps: a probe cannot be fooled by an identity map.
 */

#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <net/if.h>
#include <sched.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "linux.h"
#include "log.h"
#include "spec.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* The kernel's ST_NOSYMFOLLOW (5.10), which glibc 2.36 does not name. */
#ifndef ST_NOSYMFOLLOW
#define ST_NOSYMFOLLOW 0x2000
#endif

/* The limit on symlinks in one destination, the kernel's own (MAXSYMLINKS). */
#define MAX_LINKS 40

/* The flags a bind mount takes, and only on a remount. */
#define BIND_FLAGS (MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC | \
		    MS_NOATIME | MS_NODIRATIME | MS_RELATIME | \
		    MS_STRICTATIME | MS_NOSYMFOLLOW)

/* What walk() makes of a missing component. */
enum create {
	CREATE_NONE,	/* nothing: ENOENT */
	CREATE_DIR,	/* a directory */
	CREATE_FILE,	/* a directory, but an empty file if it is the last */
};

/* The state of linux_setup_rootfs(), shared by its steps. */
struct rootfs {
	const struct spec *spec;
	char path[PATH_MAX];	/* root.path without symlinks, nor "/" */
	size_t len;
	bool dev_fresh;		/* a mount other than a bind is on /dev */
	bool dev_bound;		/* a bind mount is on /dev: the host's nodes */
	bool has_pts;		/* a mount is on /dev/pts */
	/*
	 * For each spec mount with a propagation option, an O_PATH
	 * descriptor of the new mount, else -1: an r-form of
	 * linux.rootfsPropagation, set after the root switch, would
	 * override the option, which is then set again through it.
	 */
	int *prop_fds;
	char *err;
	size_t errlen;
};

/* One destination being resolved under the rootfs. */
struct walk {
	char path[PATH_MAX];	/* the rootfs, then what is resolved so far */
	size_t len;
	char todo[PATH_MAX];	/* the components left, from @pos */
	size_t pos;
	int links;
};

/*
 * Fill @err with "<what>: <reason>", @errnum's reason (or, without
 * @reason, with "<what>" alone, which then says why itself), and return
 * -1 with errno kept at @errnum so that the caller can choose a hint by
 * errno.
 */
static __printf(5, 0) int vfail(char *err, size_t errlen, int errnum,
				bool reason, const char *fmt, va_list ap)
{
	int n = vsnprintf(err, errlen, fmt, ap);

	if (reason && n >= 0 && (size_t)n < errlen)
		snprintf(err + n, errlen - n, ": %s", strerror(errnum));
	errno = errnum;
	return -1;
}

static __printf(4, 5) int fail(char *err, size_t errlen, int errnum,
			       const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfail(err, errlen, errnum, true, fmt, ap);
	va_end(ap);
	return -1;
}

/* A refusal: @fmt says why, and errno is still @errnum. */
static __printf(4, 5) int refuse(char *err, size_t errlen, int errnum,
				 const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfail(err, errlen, errnum, false, fmt, ap);
	va_end(ap);
	return -1;
}

static __printf(3, 4) int rfail(const struct rootfs *rfs, int errnum,
				const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfail(rfs->err, rfs->errlen, errnum, true, fmt, ap);
	va_end(ap);
	return -1;
}

/* The name through which mount(2) and friends reach what @fd holds. */
static void fd_name(int fd, char name[static 32])
{
	snprintf(name, 32, "/proc/self/fd/%d", fd);
}

/* Whether @path names @want, ignoring repeated and trailing slashes. */
static bool path_is(const char *path, const char *want)
{
	while (*path && *want) {
		if (*path == '/' && *want == '/') {
			path += strspn(path, "/");
			want++;
		} else if (*path++ != *want++) {
			return false;
		}
	}
	path += strspn(path, "/");
	return !*path && !*want;
}

/*
 * Move the next component of @w->todo into @name.  Returns 1, 0 when
 * none is left, or -1 with errno set.
 */
static int next_component(struct walk *w, char name[static NAME_MAX + 1])
{
	const char *start = w->todo + w->pos;
	size_t n;

	start += strspn(start, "/");
	n = strcspn(start, "/");
	w->pos = start + n - w->todo;
	if (!n)
		return 0;
	if (n > NAME_MAX) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(name, start, n);
	name[n] = '\0';
	return 1;
}

static bool last_component(const struct walk *w)
{
	const char *rest = w->todo + w->pos;

	return !rest[strspn(rest, "/")];
}

/* "..": drop the last resolved component, but never the rootfs itself. */
static void step_up(struct walk *w, size_t root_len)
{
	while (w->len > root_len && w->path[w->len - 1] != '/')
		w->len--;
	if (w->len > root_len)
		w->len--;
	w->path[w->len] = '\0';
}

static int step_into(struct walk *w, const char *name)
{
	size_t n = strlen(name);

	if (w->len + 1 + n >= sizeof(w->path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	w->path[w->len++] = '/';
	memcpy(w->path + w->len, name, n + 1);
	w->len += n;
	return 0;
}

/*
 * The last resolved component is a symlink: replace it by its target,
 * which is relative to the link's directory or, when absolute, to the
 * rootfs, and walk the target before what was left.
 */
static int follow_link(struct walk *w, size_t root_len)
{
	char target[PATH_MAX];
	size_t rest;
	ssize_t n;

	if (++w->links > MAX_LINKS) {
		errno = ELOOP;
		return -1;
	}
	n = readlink(w->path, target, sizeof(target));
	if (n < 0)
		return -1;
	rest = strlen(w->todo + w->pos);
	if ((size_t)n + 1 + rest >= sizeof(w->todo)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	step_up(w, root_len);
	if (target[0] == '/') {
		w->len = root_len;
		w->path[w->len] = '\0';
	}
	memmove(w->todo + n + 1, w->todo + w->pos, rest + 1);
	memcpy(w->todo, target, n);
	w->todo[n] = '/';
	w->pos = 0;
	return 0;
}

/* The resolved path does not exist: create it as @kind asks. */
static int create_missing(const struct walk *w, enum create kind)
{
	int fd;

	if (kind == CREATE_NONE) {
		errno = ENOENT;
		return -1;
	}
	if (kind == CREATE_DIR || !last_component(w))
		return mkdir(w->path, 0755);
	fd = open(w->path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		  0644);
	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

/*
 * Resolve @dest under the rootfs into @w->path, creating what is missing
 * as @kind asks.  No symlink is left in the result.
 */
static int walk(const struct rootfs *rfs, const char *dest, enum create kind,
		struct walk *w)
{
	char name[NAME_MAX + 1];
	struct stat st;
	int ret;

	if (strlen(dest) >= sizeof(w->todo)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(w->path, rfs->path, rfs->len + 1);
	w->len = rfs->len;
	memcpy(w->todo, dest, strlen(dest) + 1);
	w->pos = 0;
	w->links = 0;
	while ((ret = next_component(w, name)) > 0) {
		if (!strcmp(name, "."))
			continue;
		if (!strcmp(name, "..")) {
			step_up(w, rfs->len);
			continue;
		}
		if (step_into(w, name))
			return -1;
		if (!lstat(w->path, &st)) {
			if (S_ISLNK(st.st_mode) && follow_link(w, rfs->len))
				return -1;
		} else if (errno != ENOENT || create_missing(w, kind)) {
			return -1;
		}
	}
	return ret;
}

/* Open @path O_PATH and check that it still names what was resolved. */
static int open_checked(const char *path)
{
	char name[32], seen[PATH_MAX];
	ssize_t n;
	int fd;

	fd = open(path, O_PATH | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -1;
	fd_name(fd, name);
	n = readlink(name, seen, sizeof(seen) - 1);
	if (n >= 0)
		seen[n] = '\0';
	if (n < 0 || strcmp(seen, path)) {
		close(fd);
		/* What openat2(RESOLVE_BENEATH) returns for an escape. */
		errno = EXDEV;
		return -1;
	}
	return fd;
}

/*
 * Resolve @dest under the rootfs (see walk()) and return it opened O_PATH,
 * with its host path in @w.  Errors: those of walk(), or EXDEV when the
 * path changed under the walk.
 */
static int open_in_root(const struct rootfs *rfs, const char *dest,
			enum create kind, struct walk *w)
{
	int fd;

	if (walk(rfs, dest, kind, w))
		return rfail(rfs, errno, "resolve %s in %s", dest, rfs->path);
	fd = open_checked(w->path);
	if (fd < 0)
		return rfail(rfs, errno, "open %s in %s%s", dest, rfs->path,
			     errno == EXDEV ? " (it moved while resolved)" : "");
	return fd;
}

/* statvfs(3)'s ST_* flags as the MS_* flags of mount(2). */
static unsigned long vfs_to_ms(unsigned long f_flag)
{
	static const unsigned long map[][2] = {
		{ ST_RDONLY, MS_RDONLY }, { ST_NOSUID, MS_NOSUID },
		{ ST_NODEV, MS_NODEV }, { ST_NOEXEC, MS_NOEXEC },
		{ ST_NOATIME, MS_NOATIME }, { ST_NODIRATIME, MS_NODIRATIME },
		{ ST_RELATIME, MS_RELATIME }, { ST_NOSYMFOLLOW, MS_NOSYMFOLLOW },
	};
	unsigned long ms = 0;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(map); i++)
		if (f_flag & map[i][0])
			ms |= map[i][1];
	return ms;
}

/*
 * Remount the bind mount at @target (named @what in messages) with @set,
 * keeping every flag it has that is not in @clear.  Keeping them is what
 * the user expects of "bind,ro" on a nosuid source, and it is required in
 * a user namespace, where the kernel locks the flags a mount had when the
 * namespace was made and refuses a remount that drops one (EPERM): only
 * an explicit "rw", "suid", ... of a locked flag still fails.  atime
 * flags are left out unless the user sets one: a remount without any
 * keeps the mount's atime flags, locked or not.
 */
static int remount_bind(const struct rootfs *rfs, const char *what,
			const char *target, unsigned long set,
			unsigned long clear)
{
	const unsigned long atime = MS_NOATIME | MS_NODIRATIME | MS_RELATIME |
				    MS_STRICTATIME;
	unsigned long keep;
	struct statvfs st;

	if (statvfs(target, &st))
		return rfail(rfs, errno, "read the flags of %s", what);
	keep = vfs_to_ms(st.f_flag) & ~clear & ~atime;
	if (!mount(NULL, target, NULL,
		   MS_BIND | MS_REMOUNT | (set & BIND_FLAGS) | keep, NULL))
		return 0;
	return rfail(rfs, errno, "remount %s with its options%s", what,
		     errno == EPERM ?
		     " (a flag the user namespace locks cannot be cleared)" :
		     "");
}

static int mount_bind(const struct rootfs *rfs, const struct spec_mount *m,
		      int fd)
{
	char name[32];

	if (!m->source)
		return refuse(rfs->err, rfs->errlen, EINVAL,
			      "mount %s: a bind mount needs a source",
			      m->destination);
	fd_name(fd, name);
	if (mount(m->source, name, NULL,
		  MS_BIND | (m->recursive ? MS_REC : 0), NULL))
		return rfail(rfs, errno, "bind %s on %s%s", m->source,
			     rfs->path, m->destination);
	return 0;
}

/*
 * The "cgroup" type is mapped to "cgroup2": runsc-lite supports cgroup v2
 * only, and a v1 hierarchy cannot be named by a type alone anyway.
 */
static const char *fs_type(const struct spec_mount *m)
{
	if (m->type && !strcmp(m->type, "cgroup"))
		return "cgroup2";
	return m->type;
}

static int mount_fs(const struct rootfs *rfs, const struct spec_mount *m,
		    int fd)
{
	const char *type = fs_type(m);
	char name[32];

	if (!type)
		return refuse(rfs->err, rfs->errlen, EINVAL,
			      "mount %s: no type", m->destination);
	fd_name(fd, name);
	if (mount(m->source ? m->source : type, name, type, m->flags, m->data))
		return rfail(rfs, errno, "mount %s on %s%s", m->destination,
			     rfs->path, m->destination);
	return 0;
}

/*
 * sysfs cannot be mounted in a user namespace that does not own the
 * network namespace, nor cgroup2 without a cgroup namespace of its own:
 * the container then gets the host's tree, recursively bound, as runc
 * does for rootless containers.  Fills @host with that bind mount.
 */
static bool host_fallback(const struct spec_mount *m, struct spec_mount *host)
{
	const char *type = fs_type(m);
	const char *source;

	if (!type || m->bind)
		return false;
	if (!strcmp(type, "sysfs"))
		source = "/sys";
	else if (!strcmp(type, "cgroup2"))
		source = "/sys/fs/cgroup";
	else
		return false;
	*host = *m;
	host->source = (char *)source;
	host->bind = true;
	host->recursive = true;
	return true;
}

/* A bind mount of a file needs a file to mount on. */
static enum create mount_point_kind(const struct spec_mount *m)
{
	struct stat st;

	if (m->bind && m->source && !stat(m->source, &st) &&
	    !S_ISDIR(st.st_mode))
		return CREATE_FILE;
	return CREATE_DIR;
}

/*
 * What follows a mount: the flags of a bind mount, which the first
 * mount(2) ignores, then the propagation, which needs a call of its own.
 * Both act on the new mount, so @path is opened again: the descriptor the
 * mount went onto still names the directory beneath it.
 */
static int finish_mount(const struct rootfs *rfs, const struct spec_mount *m,
			const size_t index, const char *path)
{
	bool remount = m->bind && ((m->flags | m->clear) & BIND_FLAGS);
	char name[32];
	int fd, ret = 0;

	if (!remount && !m->propagation)
		return 0;
	fd = open_checked(path);
	if (fd < 0)
		return rfail(rfs, errno, "open the new mount %s", path);
	fd_name(fd, name);
	if (remount)
		ret = remount_bind(rfs, m->destination, name, m->flags, m->clear);
	if (!ret && m->propagation &&
	    mount(NULL, name, NULL, m->propagation, NULL))
		ret = rfail(rfs, errno, "set the propagation of %s",
			    m->destination);
	if (!ret && m->propagation && rfs->prop_fds) {
		rfs->prop_fds[index] = fd;
		return 0;
	}
	close(fd);
	return ret;
}

static int mount_one(const struct rootfs *rfs, const struct spec_mount *m)
{
	const struct spec_mount *done = m;
	struct spec_mount host;
	struct walk w;
	int fd, ret;

	fd = open_in_root(rfs, m->destination, mount_point_kind(m), &w);
	if (fd < 0)
		return -1;
	ret = m->bind ? mount_bind(rfs, m, fd) : mount_fs(rfs, m, fd);
	if (ret && errno == EPERM && host_fallback(m, &host)) {
		done = &host;
		ret = mount_bind(rfs, done, fd);
	}
	close(fd);
	if (ret)
		return -1;
	return finish_mount(rfs, done, m - rfs->spec->mounts, w.path);
}

static int mount_all(const struct rootfs *rfs)
{
	size_t i;

	for (i = 0; i < rfs->spec->nr_mounts; i++)
		if (mount_one(rfs, &rfs->spec->mounts[i]))
			return -1;
	return 0;
}

/* What /dev is: a fresh file system, the host's by a bind, or neither. */
static void scan_mounts(struct rootfs *rfs)
{
	const struct spec_mount *m;
	size_t i;

	for (i = 0; i < rfs->spec->nr_mounts; i++) {
		m = &rfs->spec->mounts[i];
		if (path_is(m->destination, "/dev")) {
			rfs->dev_fresh = !m->bind;
			rfs->dev_bound = m->bind;
		} else if (path_is(m->destination, "/dev/pts")) {
			rfs->has_pts = true;
		}
	}
}

/*
 * Open the directory of device @path in the rootfs, creating it, and
 * point @name at the node's own name.
 */
static int open_dev_dir(const struct rootfs *rfs, const char *path,
			const char **name)
{
	char dir[PATH_MAX];
	const char *slash = strrchr(path, '/');
	struct walk w;

	*name = slash ? slash + 1 : path;
	if (!**name || !strcmp(*name, ".") || !strcmp(*name, "..") ||
	    (size_t)(*name - path) >= sizeof(dir))
		return refuse(rfs->err, rfs->errlen, EINVAL,
			      "create device %s: not a file name", path);
	memcpy(dir, path, *name - path);
	dir[*name - path] = '\0';
	return open_in_root(rfs, dir, CREATE_DIR, &w);
}

/*
 * mknod() failed with EPERM, as it does in a user namespace: bind the
 * host's node, at the same path, over an empty file instead.
 */
static int bind_host_dev(int dirfd, const char *name, const char *host)
{
	char target[32];
	int fd, ret;

	fd = openat(dirfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
		    O_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	close(fd);
	fd = openat(dirfd, name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -1;
	fd_name(fd, target);
	ret = mount(host, target, NULL, MS_BIND, NULL);
	close(fd);
	return ret;
}

/*
 * An existing node is kept if it is the device asked for, or when
 * @keep_any (a default device that linux.devices already made).
 */
static int existing_dev(int dirfd, const char *name, mode_t fmt, dev_t rdev,
			bool keep_any)
{
	struct stat st;

	if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW))
		return -1;
	if (keep_any || ((st.st_mode & S_IFMT) == fmt &&
			 (fmt == S_IFIFO || st.st_rdev == rdev)))
		return 0;
	errno = EEXIST;
	return -1;
}

/*
 * Create device @dev in the rootfs.  The caller's umask is 0, so the mode
 * is the spec's.  Ownership is set on nodes made here only, never on the
 * host's nodes bound in their place.
 */
static int make_dev(const struct rootfs *rfs, const struct spec_device *dev,
		    bool keep_any)
{
	mode_t fmt = dev->type == 'b' ? S_IFBLK :
		     dev->type == 'p' ? S_IFIFO : S_IFCHR;
	dev_t rdev = fmt == S_IFIFO ? 0 : makedev(dev->major, dev->minor);
	const char *name;
	int dirfd, ret;

	dirfd = open_dev_dir(rfs, dev->path, &name);
	if (dirfd < 0)
		return -1;
	ret = mknodat(dirfd, name, fmt | (dev->mode & 07777), rdev);
	if (!ret)
		ret = fchownat(dirfd, name, dev->uid, dev->gid,
			       AT_SYMLINK_NOFOLLOW);
	else if (errno == EEXIST)
		ret = existing_dev(dirfd, name, fmt, rdev, keep_any);
	else if (errno == EPERM && fmt != S_IFIFO)
		ret = bind_host_dev(dirfd, name, dev->path);
	if (ret)
		rfail(rfs, errno, "create device %s", dev->path);
	close(dirfd);
	return ret;
}

/* The devices every container gets, as the runtime spec lists them. */
static int make_default_devs(const struct rootfs *rfs)
{
	static const struct {
		const char *path;
		unsigned int major, minor;
	} devs[] = {
		{ "/dev/null", 1, 3 }, { "/dev/zero", 1, 5 },
		{ "/dev/full", 1, 7 }, { "/dev/random", 1, 8 },
		{ "/dev/urandom", 1, 9 }, { "/dev/tty", 5, 0 },
	};
	struct spec_device dev = { .type = 'c', .mode = 0666 };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(devs); i++) {
		dev.path = (char *)devs[i].path;
		dev.major = devs[i].major;
		dev.minor = devs[i].minor;
		if (make_dev(rfs, &dev, true))
			return -1;
	}
	return 0;
}

/* One /dev symlink; an existing entry of that name is kept. */
static int make_dev_link(const struct rootfs *rfs, int devfd,
			 const char *name, const char *target)
{
	if (symlinkat(target, devfd, name) && errno != EEXIST)
		return rfail(rfs, errno, "create symlink /dev/%s", name);
	return 0;
}

/*
 * The /dev symlinks, and the empty file /dev/console that
 * linux_setup_console() mounts on: created now, as a read-only root
 * would not let it be created later.
 */
static int make_dev_links(const struct rootfs *rfs)
{
	static const char *const links[][2] = {
		{ "fd", "/proc/self/fd" }, { "stdin", "/proc/self/fd/0" },
		{ "stdout", "/proc/self/fd/1" }, { "stderr", "/proc/self/fd/2" },
	};
	struct walk w;
	size_t i;
	int devfd, ret = 0, fd;

	devfd = open_in_root(rfs, "/dev", CREATE_DIR, &w);
	if (devfd < 0)
		return -1;
	for (i = 0; i < ARRAY_SIZE(links) && !ret; i++)
		ret = make_dev_link(rfs, devfd, links[i][0], links[i][1]);
	if (!ret && !access("/proc/kcore", F_OK))
		ret = make_dev_link(rfs, devfd, "core", "/proc/kcore");
	if (!ret && rfs->has_pts)
		ret = make_dev_link(rfs, devfd, "ptmx", "pts/ptmx");
	if (!ret && rfs->spec->process.terminal) {
		fd = openat(devfd, "console", O_WRONLY | O_CREAT | O_EXCL |
			    O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd >= 0)
			close(fd);
		else if (errno != EEXIST)
			ret = rfail(rfs, errno, "create /dev/console");
	}
	close(devfd);
	return ret;
}

/*
 * linux.devices, unless /dev is the host's by a bind mount (nodes made
 * there would be the host's); the defaults and symlinks only on a fresh
 * /dev, as an image's own /dev directory is left as the image has it.
 */
static int setup_dev(const struct rootfs *rfs)
{
	mode_t mask = umask(0);
	size_t i;
	int ret = 0;

	for (i = 0; i < rfs->spec->nr_devices && !rfs->dev_bound && !ret; i++)
		ret = make_dev(rfs, &rfs->spec->devices[i], false);
	if (!ret && rfs->dev_fresh)
		ret = make_default_devs(rfs);
	if (!ret && rfs->dev_fresh)
		ret = make_dev_links(rfs);
	umask(mask);
	return ret;
}

/* linux.rootfsPropagation as MS_* flags; rprivate when missing (runc: rslave). */
static int root_propagation(const struct rootfs *rfs, unsigned long *flags)
{
	static const struct {
		const char *name;
		unsigned long flags;
	} props[] = {
		{ "private", MS_PRIVATE }, { "rprivate", MS_PRIVATE | MS_REC },
		{ "shared", MS_SHARED }, { "rshared", MS_SHARED | MS_REC },
		{ "slave", MS_SLAVE }, { "rslave", MS_SLAVE | MS_REC },
		{ "unbindable", MS_UNBINDABLE },
		{ "runbindable", MS_UNBINDABLE | MS_REC },
	};
	const char *name = rfs->spec->rootfs_propagation;
	size_t i;

	*flags = MS_PRIVATE | MS_REC;
	if (!name)
		return 0;
	for (i = 0; i < ARRAY_SIZE(props); i++) {
		if (!strcmp(props[i].name, name)) {
			*flags = props[i].flags;
			return 0;
		}
	}
	return refuse(rfs->err, rfs->errlen, EINVAL,
		      "set the propagation of /: unknown '%s'", name);
}

/*
 * What the mounts the root switch needs get, so that none is shared:
 * pivot_root(2) refuses a new root whose parent mount is shared, or a
 * current root that is, and a mount made under a shared one would reach
 * its peers on the host.  A slave root (slave, rslave) keeps receiving the
 * host's mounts, so its mounts become slaves; any other becomes private.
 */
static unsigned long unshared(const unsigned long flags)
{
	return flags & MS_SLAVE ? MS_SLAVE : MS_PRIVATE;
}

/*
 * Make the mount that holds the rootfs, and /, unshared(): only this
 * namespace's copies change, and the root switch detaches both.  mount(2)
 * says EINVAL for a directory that is not a mount point: try the one
 * above.
 */
static int unshare_parent(const struct rootfs *rfs, const unsigned long flags)
{
	const unsigned long type = unshared(flags);
	char dir[PATH_MAX];
	char *slash;

	memcpy(dir, rfs->path, rfs->len + 1);
	while (mount(NULL, dir, NULL, type, NULL)) {
		slash = strrchr(dir, '/');
		if (errno != EINVAL || !slash || !strcmp(dir, "/"))
			return rfail(rfs, errno, "make the mount of %s unshared",
				     dir);
		slash[slash == dir] = '\0';
	}
	if (mount(NULL, "/", NULL, type, NULL))
		return rfail(rfs, errno, "make / unshared");
	return 0;
}

/*
 * Set /'s propagation first, as runc does, so that the copies of the
 * host's mounts get the requested type (an unbindable one would refuse
 * the bind below: those are made private), then bind the rootfs on
 * itself: pivot_root() needs a mount point, and the container's mounts
 * are made on a mount of its own.  The propagation the spec asks for is
 * set on the container's root once it is /, by linux_setup_rootfs().
 */
static int prepare_root(const struct rootfs *rfs, const unsigned long flags)
{
	unsigned long first = flags;

	if (flags & MS_UNBINDABLE)
		first = (flags & MS_REC) | MS_PRIVATE;
	if (mount(NULL, "/", NULL, first, NULL))
		return rfail(rfs, errno, "set the propagation of /");
	if (unshare_parent(rfs, flags))
		return -1;
	if (mount(rfs->path, rfs->path, NULL, MS_BIND | MS_REC, NULL))
		return rfail(rfs, errno, "bind %s on itself", rfs->path);
	return 0;
}

/*
 * pivot_root(".", ".") stacks the old root on the new one.  It is entered
 * through a descriptor opened before, made a slave so that detaching it
 * does not propagate to the copies it shares with the host, then
 * detached.
 */
static int pivot(const struct rootfs *rfs)
{
	const char *step = "open the old root";
	int oldroot, ret = -1;

	oldroot = open("/", O_DIRECTORY | O_RDONLY | O_CLOEXEC);
	if (oldroot < 0)
		return rfail(rfs, errno, "%s", step);
	step = "enter the rootfs";
	if (chdir(rfs->path))
		goto out_close_oldroot;
	step = "pivot_root";
	if (syscall(SYS_pivot_root, ".", "."))
		goto out_close_oldroot;
	step = "detach the old root";
	if (fchdir(oldroot) || mount(NULL, ".", NULL, MS_SLAVE | MS_REC, NULL) ||
	    umount2(".", MNT_DETACH))
		goto out_close_oldroot;
	step = "enter the new root";
	if (chdir("/"))
		goto out_close_oldroot;
	ret = 0;
out_close_oldroot:
	if (ret)
		rfail(rfs, errno, "%s %s", step, rfs->path);
	close(oldroot);
	return ret;
}

/*
 * --no-pivot: move the rootfs over / and chroot into it.  The old root
 * stays in the namespace, under the new one, which is why it is not the
 * default.
 */
static int move_root(const struct rootfs *rfs)
{
	if (chdir(rfs->path))
		return rfail(rfs, errno, "enter the rootfs %s", rfs->path);
	if (mount(rfs->path, "/", NULL, MS_MOVE, NULL))
		return rfail(rfs, errno, "move %s to /", rfs->path);
	if (chroot(".") || chdir("/"))
		return rfail(rfs, errno, "chroot to %s", rfs->path);
	return 0;
}

/*
 * maskedPaths, in the container's root: /dev/null over a file, an empty
 * read-only tmpfs over a directory.  A path the rootfs lacks is skipped.
 */
static int mask_paths(const struct rootfs *rfs)
{
	char **paths = rfs->spec->masked_paths;
	struct stat st;
	int ret;

	for (; paths && *paths; paths++) {
		if (stat(*paths, &st)) {
			if (errno == ENOENT)
				continue;
			return rfail(rfs, errno, "mask %s", *paths);
		}
		if (S_ISDIR(st.st_mode))
			ret = mount("tmpfs", *paths, "tmpfs", MS_RDONLY, NULL);
		else
			ret = mount("/dev/null", *paths, NULL, MS_BIND, NULL);
		if (ret)
			return rfail(rfs, errno, "mask %s", *paths);
	}
	return 0;
}

/* readonlyPaths: each bound on itself, then remounted read-only. */
static int readonly_paths(const struct rootfs *rfs)
{
	char **paths = rfs->spec->readonly_paths;

	for (; paths && *paths; paths++) {
		if (mount(*paths, *paths, NULL, MS_BIND | MS_REC, NULL)) {
			if (errno == ENOENT)
				continue;
			return rfail(rfs, errno, "bind %s on itself", *paths);
		}
		if (remount_bind(rfs, *paths, *paths, MS_RDONLY, 0))
			return -1;
	}
	return 0;
}

/* Check the spec's root and set up @rfs for the steps. */
static int init_rootfs(struct rootfs *rfs, const struct spec *spec,
		       char *err, size_t errlen)
{
	memset(rfs, 0, sizeof(*rfs));
	rfs->spec = spec;
	rfs->err = err;
	rfs->errlen = errlen;
	if (!spec->root_path)
		return refuse(err, errlen, EINVAL,
			      "set up the rootfs: no root.path");
	/* walk() compares paths: the rootfs's must have no symlink itself. */
	if (!realpath(spec->root_path, rfs->path))
		return rfail(rfs, errno, "resolve the rootfs %s",
			     spec->root_path);
	if (!strcmp(rfs->path, "/"))
		return refuse(err, errlen, EINVAL,
			      "use %s as the rootfs: it is the host's /",
			      spec->root_path);
	rfs->len = strlen(rfs->path);
	scan_mounts(rfs);
	return 0;
}

static void close_prop_fds(struct rootfs *rfs)
{
	size_t i;

	for (i = 0; i < rfs->spec->nr_mounts; i++)
		if (rfs->prop_fds[i] >= 0)
			close(rfs->prop_fds[i]);
	free(rfs->prop_fds);
	rfs->prop_fds = NULL;
}

/*
 * linux.rootfsPropagation, on the container's root once it is / and, for
 * an r-form, on every mount below; then each mount's own propagation
 * option again, in the spec's order, since the r-form replaced it.  When
 * the spec names none, the root keeps what the steps above made it.
 */
static int set_root_propagation(const struct rootfs *rfs,
				const unsigned long flags)
{
	struct mount_attr attr = { 0 };
	const struct spec_mount *m;
	size_t i;

	if (!rfs->spec->rootfs_propagation)
		return 0;
	if (mount(NULL, "/", NULL, flags, NULL))
		return rfail(rfs, errno, "set the propagation of the root to %s",
			     rfs->spec->rootfs_propagation);
	if (!(flags & MS_REC))
		return 0;
	for (i = 0; i < rfs->spec->nr_mounts; i++) {
		m = &rfs->spec->mounts[i];
		if (rfs->prop_fds[i] < 0)
			continue;
		attr.propagation = m->propagation & ~MS_REC;
		if (mount_setattr(rfs->prop_fds[i], "", AT_EMPTY_PATH |
				  (m->propagation & MS_REC ? AT_RECURSIVE : 0),
				  &attr, sizeof(attr)))
			return rfail(rfs, errno,
				     "set the propagation of %s again after the root's",
				     m->destination);
	}
	return 0;
}

int linux_setup_rootfs(const struct spec *spec, bool no_pivot, char *err,
		       size_t errlen)
{
	unsigned long flags;
	struct rootfs rfs;
	int ret = -1;

	if (init_rootfs(&rfs, spec, err, errlen) ||
	    root_propagation(&rfs, &flags))
		return -1;
	rfs.prop_fds = malloc((spec->nr_mounts + 1) * sizeof(*rfs.prop_fds));
	if (!rfs.prop_fds)
		return rfail(&rfs, errno, "set up the rootfs");
	memset(rfs.prop_fds, -1, (spec->nr_mounts + 1) * sizeof(*rfs.prop_fds));
	if (!prepare_root(&rfs, flags) && !mount_all(&rfs) && !setup_dev(&rfs) &&
	    !(no_pivot ? move_root(&rfs) : pivot(&rfs)) && !mask_paths(&rfs) &&
	    !readonly_paths(&rfs))
		ret = set_root_propagation(&rfs, flags);
	close_prop_fds(&rfs);
	if (ret)
		return -1;
	/* Last: the steps above create mount points in the rootfs. */
	if (spec->root_readonly &&
	    remount_bind(&rfs, "/", "/", MS_RDONLY, 0))
		return -1;
	return 0;
}

int linux_setup_console(const char *pty_slave_path, char *err, size_t errlen)
{
	if (mount(pty_slave_path, "/dev/console", NULL, MS_BIND, NULL))
		return fail(err, errlen, errno, "bind %s on /dev/console",
			    pty_slave_path);
	return 0;
}

/* A new namespace, or one joined by path that is not pid 1's. */
bool linux_private_namespace(const struct spec *spec, int type,
			     const char *name)
{
	char host[64];
	struct stat ns, st;
	size_t i;

	for (i = 0; i < spec->nr_namespaces; i++) {
		if (spec->namespaces[i].type != type)
			continue;
		if (!spec->namespaces[i].path)
			return true;
		snprintf(host, sizeof(host), "/proc/1/ns/%s", name);
		if (stat(spec->namespaces[i].path, &ns) || stat(host, &st))
			return false;
		return ns.st_dev != st.st_dev || ns.st_ino != st.st_ino;
	}
	return false;
}

static int set_name(const char *what, const char *name,
		    int (*set)(const char *, size_t), char *err,
		    size_t errlen)
{
	if (set(name, strlen(name)))
		return fail(err, errlen, errno, "set the %s '%s'", what, name);
	return 0;
}

int linux_set_hostname(const struct spec *spec, char *err, size_t errlen)
{
	if (!spec->hostname && !spec->domainname)
		return 0;
	/* Without a uts namespace of its own, this would rename the host. */
	if (!linux_private_namespace(spec, CLONE_NEWUTS, "uts"))
		return refuse(err, errlen, EINVAL,
			      "set the hostname: the container has no uts namespace of its own");
	if (spec->hostname &&
	    set_name("hostname", spec->hostname, sethostname, err, errlen))
		return -1;
	if (spec->domainname &&
	    set_name("domainname", spec->domainname, setdomainname, err,
		     errlen))
		return -1;
	return 0;
}

/* The namespaces that own sysctls, as CLONE_NEW* and /proc/PID/ns names. */
struct sysctl_ns {
	int type;
	const char *name;
};

/*
 * The namespace that owns sysctl @key, or NULL when the key is not
 * namespaced: a write to it would change the host.
 */
static const struct sysctl_ns *sysctl_namespace(const char *key)
{
	static const struct sysctl_ns ipc = { CLONE_NEWIPC, "ipc" };
	static const struct sysctl_ns net = { CLONE_NEWNET, "net" };
	static const struct sysctl_ns uts = { CLONE_NEWUTS, "uts" };

	if (!strcmp(key, "kernel.sem") || !strncmp(key, "kernel.msg", 10) ||
	    !strncmp(key, "kernel.shm", 10) || !strncmp(key, "fs.mqueue.", 10))
		return &ipc;
	if (!strncmp(key, "net.", 4))
		return &net;
	if (!strcmp(key, "kernel.hostname") ||
	    !strcmp(key, "kernel.domainname"))
		return &uts;
	return NULL;
}

/*
 * Refuse @key unless it is namespaced and the container has that
 * namespace.  A key is names and dots only: with dots turned into
 * slashes, it cannot leave /proc/sys.
 */
static int check_sysctl(const struct spec *spec, const char *key, char *err,
			size_t errlen)
{
	const struct sysctl_ns *ns = sysctl_namespace(key);
	const char *c;

	for (c = key; *c; c++)
		if (!isalnum((unsigned char)*c) && !strchr("_-.", *c))
			break;
	if (!*key || *c)
		return refuse(err, errlen, EINVAL,
			      "write sysctl '%s': not a key", key);
	if (!ns)
		return refuse(err, errlen, EPERM,
			      "write sysctl %s: not namespaced, so not allowed in a container",
			      key);
	if (!linux_private_namespace(spec, ns->type, ns->name))
		return refuse(err, errlen, EPERM,
			      "write sysctl %s: the container has no %s namespace of its own",
			      key, ns->name);
	return 0;
}

static int write_sysctl(const struct spec_sysctl *s, char *err, size_t errlen)
{
	size_t len = strlen(s->value);
	char path[PATH_MAX];
	int fd, ret = 0;
	ssize_t n;
	char *c;

	if (snprintf(path, sizeof(path), "/proc/sys/%s", s->key) >=
	    (int)sizeof(path))
		return fail(err, errlen, ENAMETOOLONG, "write sysctl %s",
			    s->key);
	for (c = path + strlen("/proc/sys/"); *c; c++)
		if (*c == '.')
			*c = '/';
	fd = open(path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return fail(err, errlen, errno, "write sysctl %s", s->key);
	/* A sysctl takes its value in one write; a short one is an error. */
	n = write(fd, s->value, len);
	if (n != (ssize_t)len)
		ret = fail(err, errlen, n < 0 ? errno : EIO,
			   "write sysctl %s = '%s'", s->key, s->value);
	close(fd);
	return ret;
}

int linux_write_sysctls(const struct spec *spec, char *err, size_t errlen)
{
	size_t i;

	/* Check them all first: a refused key must leave nothing written. */
	for (i = 0; i < spec->nr_sysctls; i++)
		if (check_sysctl(spec, spec->sysctls[i].key, err, errlen))
			return -1;
	for (i = 0; i < spec->nr_sysctls; i++)
		if (write_sysctl(&spec->sysctls[i], err, errlen))
			return -1;
	return 0;
}

int linux_setup_loopback(const struct spec *const spec, char *const err,
			 const size_t errlen)
{
	const struct spec_namespace *ns = NULL;
	struct ifreq ifr;
	int fd, ret = -1;
	size_t i;

	/* By hand: linux.c does not depend on spec.c's code. */
	for (i = 0; i < spec->nr_namespaces; i++)
		if (spec->namespaces[i].type == CLONE_NEWNET)
			ns = &spec->namespaces[i];
	if (!ns || ns->path)
		return 0;
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		goto out;
	memset(&ifr, 0, sizeof(ifr));
	memcpy(ifr.ifr_name, "lo", 3);
	if (ioctl(fd, SIOCGIFFLAGS, &ifr))
		goto out;
	ifr.ifr_flags |= IFF_UP;
	ret = ioctl(fd, SIOCSIFFLAGS, &ifr);
out:
	if (ret)
		snprintf(err, errlen, "bring up lo in the new network namespace: %s",
			 strerror(errno));
	if (fd >= 0)
		close(fd);
	return ret;
}
