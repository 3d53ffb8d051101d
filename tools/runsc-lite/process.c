// SPDX-License-Identifier: GPL-2.0
/*
 * runsc-lite - the container process: identity, limits and exec
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * Runs in the container's init after the root switch, so every /proc
 * path here is the container's.  The steps keep process.h's order; the
 * one subtlety is capabilities across the uid change: PR_SET_KEEPCAPS
 * keeps the permitted set when the uid leaves 0, but the kernel still
 * empties the effective set, and dropping from the bounding set needs
 * CAP_SETPCAP there, so the effective set is refilled from the permitted
 * one before the five sets are installed.
 */

#define _GNU_SOURCE
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <linux/capability.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "log.h"
#include "process.h"
#include "spec.h"

/* The PATH of a process whose environment has none, as runc uses. */
#define DEFAULT_PATH "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

/* The last capability runsc-lite knows by name: process.h says 40. */
#define LAST_KNOWN_CAP CAP_CHECKPOINT_RESTORE
static_assert(LAST_KNOWN_CAP == 40, "process_all_caps() covers 0..40");

/* Capability sets are 64 bits wide in the spec and in capset(2) v3. */
#define CAP_BITS 64

/*
 * Fill @err with "<what>: <reason>", @errnum's reason, and return -1 with
 * errno kept at @errnum.
 */
static __printf(4, 5) int fail(char *err, size_t errlen, int errnum,
			       const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	if (n >= 0 && (size_t)n < errlen)
		snprintf(err + n, errlen - n, ": %s", strerror(errnum));
	errno = errnum;
	return -1;
}

/* A refusal: @fmt says why, and errno is still @errnum. */
static __printf(4, 5) int refuse(char *err, size_t errlen, int errnum,
				 const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	errno = errnum;
	return -1;
}

/* Read the small file @path into @buf, NUL-terminated.  -1: errno set. */
static int read_small(const char *path, char *buf, size_t len)
{
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	return 0;
}

/* runsc-lite has no LSM support: a profile it cannot apply is refused. */
static int refuse_lsm(const struct spec_process *proc, char *err,
		      size_t errlen)
{
	if (proc->apparmor_profile && *proc->apparmor_profile)
		return refuse(err, errlen, EOPNOTSUPP,
			      "apply process.apparmorProfile: runsc-lite has no LSM support");
	if (proc->selinux_label && *proc->selinux_label)
		return refuse(err, errlen, EOPNOTSUPP,
			      "apply process.selinuxLabel: runsc-lite has no LSM support");
	return 0;
}

static const char *rlimit_name(int resource)
{
	static const char *const names[] = {
		[RLIMIT_CPU] = "RLIMIT_CPU", [RLIMIT_FSIZE] = "RLIMIT_FSIZE",
		[RLIMIT_DATA] = "RLIMIT_DATA", [RLIMIT_STACK] = "RLIMIT_STACK",
		[RLIMIT_CORE] = "RLIMIT_CORE", [RLIMIT_RSS] = "RLIMIT_RSS",
		[RLIMIT_NPROC] = "RLIMIT_NPROC",
		[RLIMIT_NOFILE] = "RLIMIT_NOFILE",
		[RLIMIT_MEMLOCK] = "RLIMIT_MEMLOCK", [RLIMIT_AS] = "RLIMIT_AS",
		[RLIMIT_LOCKS] = "RLIMIT_LOCKS",
		[RLIMIT_SIGPENDING] = "RLIMIT_SIGPENDING",
		[RLIMIT_MSGQUEUE] = "RLIMIT_MSGQUEUE",
		[RLIMIT_NICE] = "RLIMIT_NICE", [RLIMIT_RTPRIO] = "RLIMIT_RTPRIO",
		[RLIMIT_RTTIME] = "RLIMIT_RTTIME",
	};

	if (resource < 0 || (size_t)resource >= sizeof(names) / sizeof(*names) ||
	    !names[resource])
		return "(unknown)";
	return names[resource];
}

/* The spec writes "unlimited" as UINT64_MAX; rlim_t may be narrower. */
static rlim_t to_rlim(uint64_t value)
{
	if (value == UINT64_MAX || value > (uint64_t)RLIM_INFINITY)
		return RLIM_INFINITY;
	return (rlim_t)value;
}

static int set_rlimits(const struct spec_process *proc, char *err,
		       size_t errlen)
{
	const struct spec_rlimit *rl;
	struct rlimit lim;
	size_t i;

	for (i = 0; i < proc->nr_rlimits; i++) {
		rl = &proc->rlimits[i];
		lim.rlim_cur = to_rlim(rl->soft);
		lim.rlim_max = to_rlim(rl->hard);
		if (setrlimit(rl->resource, &lim))
			return fail(err, errlen, errno, "set rlimit %s",
				    rlimit_name(rl->resource));
	}
	return 0;
}

static int set_oom_score_adj(const struct spec_process *proc, char *err,
			     size_t errlen)
{
	char value[16];
	int fd, len, ret = 0;

	if (!proc->has_oom_score_adj)
		return 0;
	len = snprintf(value, sizeof(value), "%d", proc->oom_score_adj);
	fd = open("/proc/self/oom_score_adj", O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return fail(err, errlen, errno, "set oomScoreAdj %s", value);
	if (write(fd, value, len) != len)
		ret = fail(err, errlen, errno, "set oomScoreAdj %s", value);
	close(fd);
	return ret;
}

/*
 * Whether this user namespace denies setgroups(2), as one made by an
 * unprivileged user with a gid map must.  No /proc/self/setgroups (no
 * /proc in the container): not known to be denied, so try.
 */
static bool setgroups_denied(void)
{
	char buf[16];

	if (read_small("/proc/self/setgroups", buf, sizeof(buf)))
		return false;
	return !strncmp(buf, "deny", 4);
}

/*
 * additionalGids, or none: an empty list still clears the runtime's own
 * groups, which must not reach the container.
 */
static int set_groups(const struct spec_user *user, char *err, size_t errlen)
{
	if (setgroups_denied()) {
		if (!user->nr_gids)
			return 0;
		return refuse(err, errlen, EPERM,
			      "set additionalGids: the user namespace denies setgroups");
	}
	if (setgroups(user->nr_gids, user->gids))
		return fail(err, errlen, errno, "set additionalGids");
	return 0;
}

/*
 * The gid, then the uid.  Capabilities are kept across the uid change
 * only when the spec gives the sets to install next; without them the
 * kernel's usual rule applies, a uid that is not 0 holding none.
 */
static int set_ids(const struct spec_process *proc, char *err, size_t errlen)
{
	const struct spec_user *user = &proc->user;

	if (setresgid(user->gid, user->gid, user->gid))
		return fail(err, errlen, errno, "set gid %u",
			    (unsigned int)user->gid);
	if (proc->has_caps && prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0))
		return fail(err, errlen, errno, "keep capabilities");
	if (setresuid(user->uid, user->uid, user->uid))
		return fail(err, errlen, errno, "set uid %u",
			    (unsigned int)user->uid);
	if (proc->has_caps && prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0))
		return fail(err, errlen, errno, "stop keeping capabilities");
	return 0;
}

/*
 * The kernel's last capability: /proc/sys/kernel/cap_last_cap, or when
 * /proc is not there, the first number PR_CAPBSET_READ calls invalid,
 * minus one.
 */
static int last_cap(void)
{
	char buf[16];
	int cap;

	if (!read_small("/proc/sys/kernel/cap_last_cap", buf, sizeof(buf)))
		return atoi(buf);
	for (cap = 0; prctl(PR_CAPBSET_READ, cap, 0, 0, 0) >= 0; cap++)
		;
	return cap - 1;
}

static bool has_cap(uint64_t set, int cap)
{
	return cap < CAP_BITS && (set >> cap) & 1;
}

static int capset_v3(uint64_t effective, uint64_t permitted,
		     uint64_t inheritable)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3] = {
		{ (uint32_t)effective, (uint32_t)permitted,
		  (uint32_t)inheritable },
		{ effective >> 32, permitted >> 32, inheritable >> 32 },
	};

	return syscall(SYS_capset, &hdr, data);
}

/* See the top of the file: the effective set the uid change emptied. */
static int raise_permitted(char *err, size_t errlen)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];
	uint64_t permitted, inheritable;

	if (syscall(SYS_capget, &hdr, data))
		return fail(err, errlen, errno, "read the capabilities");
	permitted = (uint64_t)data[1].permitted << 32 | data[0].permitted;
	inheritable = (uint64_t)data[1].inheritable << 32 |
		      data[0].inheritable;
	if (capset_v3(permitted, permitted, inheritable))
		return fail(err, errlen, errno,
			    "raise the permitted capabilities");
	return 0;
}

/* Drop what the bounding set holds beyond @keep; dropped ones stay so. */
static int drop_bounding(uint64_t keep, int last, char *err, size_t errlen)
{
	int cap;

	for (cap = 0; cap <= last; cap++) {
		if (has_cap(keep, cap) ||
		    prctl(PR_CAPBSET_READ, cap, 0, 0, 0) != 1)
			continue;
		if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0))
			return fail(err, errlen, errno,
				    "drop capability %d from the bounding set",
				    cap);
	}
	return 0;
}

/*
 * The kernel raises an ambient capability only if permitted and
 * inheritable.  One that is not both stays out of the ambient set, as
 * runc and crun leave it: runc spec's default lists ambient capabilities
 * and no inheritable ones.
 */
static int set_ambient(const struct spec_caps *caps, int last, char *err,
		       size_t errlen)
{
	const uint64_t ambient = caps->ambient & caps->permitted &
				 caps->inheritable;
	int cap;

	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0))
		return fail(err, errlen, errno,
			    "clear the ambient capabilities");
	for (cap = 0; cap <= last; cap++)
		if (has_cap(ambient, cap) &&
		    prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, cap, 0, 0))
			return fail(err, errlen, errno,
				    "raise ambient capability %d", cap);
	return 0;
}

/*
 * The five sets, bounding first while CAP_SETPCAP is still effective.
 * A capability the kernel does not know is ignored: capset(2) masks it
 * and the loops stop at the kernel's last.
 */
static int set_caps(const struct spec_process *proc, char *err,
		    size_t errlen)
{
	const struct spec_caps *caps = &proc->caps;
	int last;

	if (!proc->has_caps)
		return 0;
	last = last_cap();
	if (raise_permitted(err, errlen) ||
	    drop_bounding(caps->bounding, last, err, errlen))
		return -1;
	if (capset_v3(caps->effective, caps->permitted, caps->inheritable))
		return fail(err, errlen, errno, "set the capabilities");
	return set_ambient(caps, last, err, errlen);
}

static int set_no_new_privs(const struct spec_process *proc, char *err,
			    size_t errlen)
{
	if (proc->no_new_privileges && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return fail(err, errlen, errno, "set no_new_privs");
	return 0;
}

int process_prepare(const struct spec_process *proc, char *err, size_t errlen)
{
	/* Refused first, before anything about the process has changed. */
	if (refuse_lsm(proc, err, errlen) || set_rlimits(proc, err, errlen) ||
	    set_oom_score_adj(proc, err, errlen))
		return -1;
	if (proc->cwd && chdir(proc->cwd))
		return fail(err, errlen, errno, "enter the working directory %s",
			    proc->cwd);
	if (set_groups(&proc->user, err, errlen) || set_ids(proc, err, errlen))
		return -1;
	if (proc->user.has_umask)
		umask(proc->user.umask);
	if (set_caps(proc, err, errlen) || set_no_new_privs(proc, err, errlen))
		return -1;
	return 0;
}

/* PATH from @env, the container's environment, not the runtime's. */
static const char *env_path(char *const env[])
{
	for (; env && *env; env++)
		if (!strncmp(*env, "PATH=", 5))
			return *env + 5;
	return DEFAULT_PATH;
}

/*
 * execve() @file in each directory of @env's PATH, as execvp(3) would
 * with that PATH (an empty entry is the working directory), but without
 * its shell fallback for ENOEXEC.  A directory that lacks @file, or is
 * not one, is skipped; EACCES is reported only when no directory had a
 * file to run; any other error stops the search.
 */
static void exec_path(const char *file, char *const argv[],
		      char *const env[])
{
	const char *dir = env_path(env);
	bool denied = false;
	char path[PATH_MAX];
	size_t n;
	int len;

	for (;; dir += n + 1) {
		n = strcspn(dir, ":");
		len = snprintf(path, sizeof(path), "%.*s%s%s", (int)n, dir,
			       n ? "/" : "", file);
		if (len >= 0 && (size_t)len < sizeof(path)) {
			execve(path, argv, env);
			if (errno == EACCES)
				denied = true;
			else if (errno != ENOENT && errno != ENOTDIR &&
				 errno != ELOOP && errno != ENAMETOOLONG)
				return;
		}
		if (!dir[n])
			break;
	}
	errno = denied ? EACCES : ENOENT;
}

/*
 * Whether execve() could run @path: 0, or minus the errno it would fail
 * with as far as the file itself tells (missing, not a regular file, not
 * executable for the caller).
 */
static int runnable(const char *path)
{
	struct stat st;

	if (stat(path, &st))
		return -errno;
	if (!S_ISREG(st.st_mode))
		return -EACCES;
	return access(path, X_OK) ? -errno : 0;
}

int process_find(const struct spec_process *proc, char *err, size_t errlen)
{
	const char *file, *dir;
	char path[PATH_MAX];
	bool denied = false;
	size_t n;
	int e;

	if (!proc->args || !proc->args[0])
		return refuse(err, errlen, EINVAL, "exec: process.args is empty");
	file = proc->args[0];
	if (strchr(file, '/')) {
		e = runnable(file);
		return e ? fail(err, errlen, -e,
				"run the container's process.args[0] %s", file) :
			   0;
	}
	dir = env_path(proc->env);
	for (;; dir += n + 1) {
		n = strcspn(dir, ":");
		if ((size_t)snprintf(path, sizeof(path), "%.*s%s%s", (int)n,
				     dir, n ? "/" : "", file) < sizeof(path)) {
			e = runnable(path);
			if (!e)
				return 0;
			denied |= e == -EACCES;
		}
		if (!dir[n])
			break;
	}
	return fail(err, errlen, denied ? EACCES : ENOENT,
		    "find the container's process.args[0] '%s' in its PATH %s",
		    file, env_path(proc->env));
}

int process_exec(const struct spec_process *proc, char *err, size_t errlen)
{
	static char *const no_env[] = { NULL };
	char *const *env = proc->env ? proc->env : no_env;
	const char *file;

	if (!proc->args || !proc->args[0])
		return refuse(err, errlen, EINVAL, "exec: process.args is empty");
	file = proc->args[0];
	if (strchr(file, '/'))
		execve(file, proc->args, env);
	else
		exec_path(file, proc->args, env);
	return fail(err, errlen, errno, "exec '%s'", file);
}

unsigned long long process_all_caps(void)
{
	return (1ULL << (LAST_KNOWN_CAP + 1)) - 1;
}
