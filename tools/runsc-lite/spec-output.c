// SPDX-License-Identifier: GPL-2.0
/*
 * runsc-lite - the documents written: the default config.json and features
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * "runsc-lite spec" writes runc's default config.json (or its rootless
 * variant) to a new file, and "runsc-lite features" prints what spec_load()
 * and the policy compiler accept, from the parsers' own tables.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "caps.h"
#include "runtime.h"
#include "spec-internal.h"

/*
 * Building documents: the helpers take what they are given and pass NULL
 * on once anything failed, so that a builder checks for ENOMEM only once,
 * at the end.
 */

/* @obj with @key set to @v, or NULL (both put) when either is NULL. */
static struct json_object *with(struct json_object *obj, const char *key,
				struct json_object *v)
{
	if (!obj || !v || json_object_object_add(obj, key, v)) {
		json_object_put(v);
		json_object_put(obj);
		return NULL;
	}
	return obj;
}

/* @arr with @v appended, or NULL (both put) when either is NULL. */
static struct json_object *append(struct json_object *arr,
				  struct json_object *v)
{
	if (!arr || !v || json_object_array_add(arr, v)) {
		json_object_put(v);
		json_object_put(arr);
		return NULL;
	}
	return arr;
}

static struct json_object *string(const char *s)
{
	return json_object_new_string(s);
}

/* A JSON array of the @n strings of table @names. */
static struct json_object *table_strings(const char *const *names, size_t n)
{
	struct json_object *arr = json_object_new_array();
	size_t i;

	for (i = 0; i < n && names[i]; i++)
		arr = append(arr, string(names[i]));
	return arr;
}

/* A JSON array of the NULL-terminated @names. */
static struct json_object *strings(const char *const *names)
{
	return table_strings(names, SIZE_MAX);
}

/* One element of an array: an object of one string member. */
static struct json_object *typed(const char *type)
{
	return with(json_object_new_object(), "type", string(type));
}

/*
 * The default config.json, what "runc spec" writes
 */

#define NAMES(...) ((const char *const[]){ __VA_ARGS__, NULL })

struct default_mount {
	const char *destination;
	const char *type;
	const char *source;
	const char *const *options;
};

static const struct default_mount default_mounts[] = {
	{ "/proc", "proc", "proc", NULL },
	{ "/dev", "tmpfs", "tmpfs",
	  NAMES("nosuid", "strictatime", "mode=755", "size=65536k") },
	{ "/dev/pts", "devpts", "devpts",
	  NAMES("nosuid", "noexec", "newinstance", "ptmxmode=0666",
		"mode=0620", "gid=5") },
	{ "/dev/shm", "tmpfs", "shm",
	  NAMES("nosuid", "noexec", "nodev", "mode=1777", "size=65536k") },
	{ "/dev/mqueue", "mqueue", "mqueue",
	  NAMES("nosuid", "noexec", "nodev") },
	{ "/sys", "sysfs", "sysfs", NAMES("nosuid", "noexec", "nodev", "ro") },
};

/* sysfs can only be mounted by the owner of the network namespace. */
static const struct default_mount rootless_sys = {
	"/sys", "none", "/sys",
	NAMES("rbind", "nosuid", "noexec", "nodev", "ro"),
};

static const char *const default_caps[] = {
	"CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE", NULL,
};

static const char *const default_env[] = {
	"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
	"TERM=xterm",
	NULL,
};

/* runc's, with powercap (RAPL energy counters leak what the host runs). */
static const char *const default_masked[] = {
	"/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys",
	"/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats",
	"/proc/sched_debug", "/sys/firmware", "/proc/scsi",
	"/sys/devices/virtual/powercap", NULL,
};

static const char *const default_readonly[] = {
	"/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys",
	"/proc/sysrq-trigger", NULL,
};

static struct json_object *number(int64_t n)
{
	return json_object_new_int64(n);
}

static struct json_object *default_process(void)
{
	struct json_object *proc, *caps, *user, *rlimit;

	caps = with(json_object_new_object(), "bounding",
		    strings(default_caps));
	caps = with(caps, "effective", strings(default_caps));
	caps = with(caps, "permitted", strings(default_caps));
	user = with(json_object_new_object(), "uid", number(0));
	user = with(user, "gid", number(0));
	rlimit = with(typed("RLIMIT_NOFILE"), "hard", number(1024));
	rlimit = with(rlimit, "soft", number(1024));
	proc = with(json_object_new_object(), "terminal",
		    json_object_new_boolean(1));
	proc = with(proc, "user", user);
	proc = with(proc, "args", strings(NAMES("sh")));
	proc = with(proc, "env", strings(default_env));
	proc = with(proc, "cwd", string("/"));
	proc = with(proc, "capabilities", caps);
	proc = with(proc, "rlimits", append(json_object_new_array(), rlimit));
	return with(proc, "noNewPrivileges", json_object_new_boolean(1));
}

static struct json_object *mount_doc(const struct default_mount *m,
				     bool rootless)
{
	struct json_object *obj, *opts;
	size_t i;

	obj = with(json_object_new_object(), "destination",
		   string(m->destination));
	obj = with(with(obj, "type", string(m->type)), "source",
		   string(m->source));
	if (!m->options)
		return obj;
	opts = json_object_new_array();
	/* gid 5 (tty) is not mapped in a rootless user namespace. */
	for (i = 0; m->options[i]; i++)
		if (!rootless || strcmp(m->options[i], "gid=5"))
			opts = append(opts, string(m->options[i]));
	return with(obj, "options", opts);
}

static struct json_object *default_mounts_doc(bool rootless)
{
	struct json_object *arr = json_object_new_array();
	const struct default_mount *m;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(default_mounts); i++) {
		m = &default_mounts[i];
		if (rootless && !strcmp(m->destination, "/sys"))
			m = &rootless_sys;
		arr = append(arr, mount_doc(m, rootless));
	}
	return arr;
}

/* The caller's id becomes root in the container, and only it is mapped. */
static struct json_object *rootless_map(unsigned int id)
{
	struct json_object *map;

	map = with(json_object_new_object(), "containerID", number(0));
	map = with(with(map, "hostID", number(id)), "size", number(1));
	return append(json_object_new_array(), map);
}

static struct json_object *default_linux(bool rootless)
{
	static const char *const namespaces[] = {
		"pid", "network", "ipc", "uts", "mount", "cgroup",
	};
	struct json_object *lnx = json_object_new_object(), *ns, *rule;
	size_t i;

	/* Deny every device: runc's rule, which rootless runc cannot set. */
	if (!rootless) {
		rule = with(json_object_new_object(), "allow",
			    json_object_new_boolean(0));
		rule = with(rule, "access", string("rwm"));
		lnx = with(lnx, "resources",
			   with(json_object_new_object(), "devices",
				append(json_object_new_array(), rule)));
	}
	ns = json_object_new_array();
	for (i = 0; i < ARRAY_SIZE(namespaces); i++)
		if (!rootless || strcmp(namespaces[i], "network"))
			ns = append(ns, typed(namespaces[i]));
	if (rootless) {
		ns = append(ns, typed("user"));
		lnx = with(lnx, "uidMappings", rootless_map(geteuid()));
		lnx = with(lnx, "gidMappings", rootless_map(getegid()));
	}
	lnx = with(lnx, "namespaces", ns);
	lnx = with(lnx, "maskedPaths", strings(default_masked));
	return with(lnx, "readonlyPaths", strings(default_readonly));
}

static struct json_object *default_doc(bool rootless)
{
	struct json_object *doc, *root;

	root = with(json_object_new_object(), "path", string("rootfs"));
	root = with(root, "readonly", json_object_new_boolean(1));
	doc = with(json_object_new_object(), "ociVersion",
		   string(SPEC_VERSION));
	doc = with(doc, "process", default_process());
	doc = with(with(doc, "root", root), "hostname", string("runsc-lite"));
	doc = with(doc, "mounts", default_mounts_doc(rootless));
	return with(doc, "linux", default_linux(rootless));
}

/* Write @text to @fd, all of it. */
static int write_all(int fd, const char *text, size_t len)
{
	ssize_t n;

	while (len) {
		n = write(fd, text, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		text += n;
		len -= n;
	}
	return 0;
}

/*
 * Put @tmp in place as @path unless @path exists.  RENAME_NOREPLACE does
 * it in one step; a filesystem without it gets link(), as atomic.
 */
static int rename_noreplace(const char *tmp, const char *path)
{
	if (!renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_NOREPLACE))
		return 0;
	if (errno != EINVAL && errno != ENOSYS)
		return -1;
	if (link(tmp, path))
		return -1;
	/* @path is in place; a left-over @tmp is not worth failing for. */
	unlink(tmp);
	return 0;
}

/* @text into a new file @path, whole or not at all. */
static int write_new_file(const char *path, const char *text)
{
	const mode_t mask = umask(0);
	struct stat st;
	int fd, ret, err;
	char *tmp;

	umask(mask);
	/* Early, so that the common refusal leaves no temporary file. */
	if (!lstat(path, &st)) {
		errno = EEXIST;
		return -1;
	}
	if (asprintf(&tmp, "%s.XXXXXX", path) < 0)
		return -1;
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		err = errno;
		free(tmp);
		errno = err;
		return -1;
	}
	ret = write_all(fd, text, strlen(text)) || write_all(fd, "\n", 1) ||
	      fchmod(fd, 0666 & ~mask) || fsync(fd) ? -1 : 0;
	err = errno;
	if (close(fd) && !ret) {
		ret = -1;
		err = errno;
	}
	if (!ret && rename_noreplace(tmp, path)) {
		ret = -1;
		err = errno;
	}
	if (ret)
		unlink(tmp);
	free(tmp);
	errno = err;
	return ret;
}

/**
 * spec_write_default - Write the default config.json of "runsc-lite spec"
 * @path: Where to write it.
 * @rootless: Whether to write runc's rootless variant: a user namespace
 *            mapping the caller's uid and gid to 0, and no network
 *            namespace.
 *
 * Errors: EEXIST when @path exists (it is never overwritten), ENOMEM, and
 * those of creating, writing and renaming a file next to @path.
 *
 * Return: 0, or -1 with errno set.
 */
int spec_write_default(const char *path, bool rootless)
{
	struct json_object *doc;
	const char *text;
	int ret = -1, err;

	doc = default_doc(rootless);
	/* Tabs, and no "\/" in paths: what runc's output looks like. */
	text = doc ? json_object_to_json_string_ext(doc,
				JSON_C_TO_STRING_PRETTY |
				JSON_C_TO_STRING_PRETTY_TAB |
				JSON_C_TO_STRING_NOSLASHESCAPE) : NULL;
	if (!text)
		errno = ENOMEM;
	else
		ret = write_new_file(path, text);
	err = errno;
	json_object_put(doc);
	errno = err;
	return ret;
}

/*
 * The features document
 */

/* What the policy compiler understands of linux.seccomp. */
static const char *const seccomp_actions[] = {
	"SCMP_ACT_KILL", "SCMP_ACT_KILL_PROCESS", "SCMP_ACT_KILL_THREAD",
	"SCMP_ACT_TRAP", "SCMP_ACT_ERRNO", "SCMP_ACT_LOG", "SCMP_ACT_ALLOW",
	NULL,
};

static const char *const seccomp_operators[] = {
	"SCMP_CMP_NE", "SCMP_CMP_LT", "SCMP_CMP_LE", "SCMP_CMP_EQ",
	"SCMP_CMP_GE", "SCMP_CMP_GT", "SCMP_CMP_MASKED_EQ", NULL,
};

static const char *const seccomp_archs[] = {
	"SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32", NULL,
};

/* Every mount option mount_option() understands. */
static struct json_object *mount_option_names(void)
{
	struct json_object *arr = json_object_new_array();
	size_t i;

	for (i = 0; i < nr_mount_flags; i++)
		arr = append(arr, string(mount_flags[i].name));
	for (i = 0; i < nr_propagations; i++)
		arr = append(arr, string(propagations[i].name));
	return append(append(arr, string("bind")), string("rbind"));
}

static struct json_object *namespace_names(void)
{
	struct json_object *arr = json_object_new_array();
	size_t i;

	for (i = 0; i < nr_namespace_types; i++)
		arr = append(arr, string(namespace_types[i].name));
	return arr;
}

/* An object {"enabled": @enabled}. */
static struct json_object *enabled(bool enabled)
{
	return with(json_object_new_object(), "enabled",
		    json_object_new_boolean(enabled));
}

static struct json_object *features_linux(void)
{
	struct json_object *lnx, *cgroup, *seccomp;

	cgroup = with(json_object_new_object(), "v1",
		      json_object_new_boolean(0));
	cgroup = with(cgroup, "v2", json_object_new_boolean(1));
	cgroup = with(cgroup, "systemd", json_object_new_boolean(0));
	cgroup = with(cgroup, "systemdUser", json_object_new_boolean(0));
	seccomp = with(enabled(true), "actions",
		       strings(seccomp_actions));
	seccomp = with(seccomp, "operators",
		       strings(seccomp_operators));
	seccomp = with(seccomp, "archs", strings(seccomp_archs));
	lnx = with(json_object_new_object(), "namespaces", namespace_names());
	lnx = with(lnx, "capabilities",
		   table_strings(cap_names, ARRAY_SIZE(cap_names)));
	lnx = with(with(lnx, "cgroup", cgroup), "seccomp", seccomp);
	lnx = with(lnx, "apparmor", enabled(false));
	return with(lnx, "selinux", enabled(false));
}

/* What becomes of a container in the host's pid namespace, in words. */
static const char *const host_pid_modes[] = {
	[false] =
	"refuse: a container in the host's pid namespace (Docker's --pid=host, Kubernetes' hostPID: true) is refused, since a ksentry sandbox is bound to a pid namespace of its own; --host-pid=unsandboxed runs it without one",
	[true] =
	"unsandboxed: a container in the host's pid namespace (Docker's --pid=host, Kubernetes' hostPID: true) runs WITHOUT a ksentry sandbox (--host-pid=unsandboxed)",
};

static struct json_object *features_doc(const bool host_pid_unsandboxed)
{
	struct json_object *doc, *ann;

	doc = with(json_object_new_object(), "ociVersionMin",
		   string(SPEC_VERSION_MIN));
	doc = with(doc, "ociVersionMax", string(SPEC_VERSION));
	doc = with(doc, "hooks", table_strings(hook_names, HOOK_KINDS));
	doc = with(doc, "mountOptions", mount_option_names());
	doc = with(doc, "linux", features_linux());
	ann = with(json_object_new_object(),
		   "io.github.ksentry.runsc-lite.version",
		   string(RUNSC_LITE_VERSION));
	ann = with(ann, "io.github.ksentry.runsc-lite.hostPid",
		   string(host_pid_modes[host_pid_unsandboxed]));
	return with(doc, "annotations", ann);
}

/**
 * spec_print_features - Print the "features" document on stdout
 * @host_pid_unsandboxed: Whether --host-pid=unsandboxed is in force.
 *
 * The runtime-spec's features.md format: the versions read, the hooks,
 * mount options, namespaces and capabilities spec_load() accepts, and what
 * the policy compiler understands of linux.seccomp; among the annotations,
 * what becomes of a container in the host's pid namespace.
 *
 * Return: 0, or -1 with errno set (ENOMEM, or that of writing stdout).
 */
int spec_print_features(const bool host_pid_unsandboxed)
{
	struct json_object *doc;
	const char *text;
	int ret = -1, err;

	doc = features_doc(host_pid_unsandboxed);
	text = doc ? json_object_to_json_string_ext(doc,
				JSON_C_TO_STRING_PRETTY |
				JSON_C_TO_STRING_NOSLASHESCAPE) : NULL;
	if (!text)
		errno = ENOMEM;
	else if (puts(text) >= 0 && !fflush(stdout))
		ret = 0;
	err = errno;
	json_object_put(doc);
	errno = err;
	return ret;
}
