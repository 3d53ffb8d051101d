// SPDX-License-Identifier: GPL-2.0
/*
 * ksentry - selftests of runsc-lite's config.json, seen from the container
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * Each test builds a config.json with json-c from a small default, runs
 * it on a busybox rootfs through /bin/runsc-lite's runc-compatible command
 * line, and checks what the container saw: a busybox command prints its
 * identity, limits, mounts or namespaces, or fails as the config says it
 * must.  A failure, or a SIGKILL of the runtime at any step, must leave
 * nothing behind: no entry under --root, no cgroup, no process in another
 * pid namespace, no ksentry sandbox (debugfs has one file per sandbox).
 *
 * Every container is created with --no-pivot: the guest's root is an
 * initramfs, which pivot_root(2) refuses.  SHARED is bound into every
 * container at its own path: hooks that run in the container's mount
 * namespace leave their markers there, and the host reads them.
 */

#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "kselftest_harness.h"

#include "common.h"

#ifndef __sentinel
#define __sentinel __attribute__((__sentinel__))
#endif

#define RUNTIME "/bin/runsc-lite"
#define ROOT "/tmp/rc-root"
#define BUNDLE "/tmp/rc-bundle"
#define ROOTFS BUNDLE "/rootfs"
#define SHARED "/tmp/rc-shared"
/* Host directories some tests bind into the container. */
#define HOSTDIR "/tmp/rc-host"
#define PROPDIR "/tmp/rc-prop"
#define HOSTONLY "/tmp/rc-hostonly"
#define CONSOLE "/tmp/rc-console.sock"
#define OUT "/tmp/rc.out"
#define ERR "/tmp/rc.err"
#define CGROUP_OF(id) "/sys/fs/cgroup/runsc-lite/" id
#define SANDBOXES "/sys/kernel/debug/ksentry"
#define TRACEFS "/sys/kernel/tracing"

/* A hook that records its kind and state, then lets the lifecycle go on. */
#define RECORD_HOOK "cat > " SHARED "/$1.json; echo $1 >> " SHARED "/order"
/* A hook that says it started, then waits for the test to release it. */
#define BLOCK_HOOK "echo $1 >> " SHARED "/order; touch " SHARED "/blocked-$1;" \
	" while [ ! -e " SHARED "/release ]; do sleep 0.1; done"

/* What one runsc-lite command did. */
struct result {
	int status;
	char out[32768];
	char err[8192];
};

/* The config every test starts from: a pid, mount, uts and ipc ns. */
static const char base_config[] =
	"{'ociVersion': '1.2.0', 'root': {'path': 'rootfs'}, 'hostname': 'rc',\n"
	" 'process': {'args': ['true'], 'cwd': '/', 'env': ['PATH=/bin'],\n"
	"  'user': {'uid': 0, 'gid': 0}},\n"
	" 'mounts': [\n"
	"  {'destination': '/proc', 'type': 'proc', 'source': 'proc'},\n"
	"  {'destination': '/dev', 'type': 'tmpfs', 'source': 'tmpfs',\n"
	"   'options': ['nosuid', 'mode=755']},\n"
	"  {'destination': '/tmp', 'type': 'tmpfs', 'source': 'tmpfs'},\n"
	"  {'destination': '" SHARED "', 'type': 'bind', 'source': '" SHARED "',\n"
	"   'options': ['rbind']}],\n"
	" 'linux': {'namespaces': [{'type': 'pid'}, {'type': 'mount'},\n"
	"  {'type': 'uts'}, {'type': 'ipc'}]}}";

/*
 * Files and JSON
 */

/* Read @path into @buf, NUL-terminated; empty when it cannot be read. */
static void slurp(const char *const path, char *const buf, const size_t size)
{
	size_t len = 0;
	ssize_t n = 1;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	while (fd >= 0 && n > 0 && len < size - 1) {
		n = read(fd, buf + len, size - 1 - len);
		if (n > 0)
			len += n;
	}
	if (fd >= 0)
		close(fd);
	buf[len] = '\0';
}

static int write_text(const char *const path, const char *const text)
{
	FILE *f = fopen(path, "w");

	if (!f)
		return -1;
	fputs(text, f);
	return fclose(f);
}

/* Parse JSON written with ' for ", as the tests write it. */
static struct json_object *jtext(const char *const text)
{
	struct json_object *o = NULL;
	char *s = strdup(text), *c;

	for (c = s; c && *c; c++)
		if (*c == '\'')
			*c = '"';
	if (s)
		o = json_tokener_parse(s);
	if (!o)
		fprintf(stderr, "# bad JSON in the test: %s\n", text);
	free(s);
	return o;
}

/*
 * The member at @path ("linux/resources") of @o: keys are separated by
 * '/', as some hold dots.  With @create, missing objects are added.
 */
static struct json_object *jobj(struct json_object *o, const char *path,
				const bool create)
{
	struct json_object *next;
	char key[256];
	size_t n;

	while (o && *path) {
		n = strcspn(path, "/");
		snprintf(key, sizeof(key), "%.*s", (int)n, path);
		if (!json_object_object_get_ex(o, key, &next) && create) {
			next = json_object_new_object();
			json_object_object_add(o, key, next);
		}
		o = next;
		path += n + (path[n] == '/');
	}
	return o;
}

/* Set @path of @cfg to @v, which it takes; a NULL @v removes the member. */
static void jset(struct json_object *const cfg, const char *const path,
		 struct json_object *const v)
{
	const char *last = strrchr(path, '/');
	struct json_object *parent = cfg;
	char dir[256];

	if (last) {
		snprintf(dir, sizeof(dir), "%.*s", (int)(last - path), path);
		parent = jobj(cfg, dir, true);
		last++;
	} else {
		last = path;
	}
	if (v)
		json_object_object_add(parent, last, v);
	else
		json_object_object_del(parent, last);
}

/* Append @v to the array at @path of @cfg, made if missing. */
static void jadd(struct json_object *const cfg, const char *const path,
		 struct json_object *const v)
{
	struct json_object *a = jobj(cfg, path, false);

	if (!a || !json_object_is_type(a, json_type_array)) {
		a = json_object_new_array();
		jset(cfg, path, a);
	}
	json_object_array_add(a, v);
}

/* The string at @path of @o, or "". */
static const char *jstr(struct json_object *const o, const char *const path)
{
	struct json_object *v = jobj(o, path, false);

	return v && json_object_is_type(v, json_type_string) ?
	       json_object_get_string(v) : "";
}

/* An array of the NULL-terminated strings given. */
static struct json_object *__sentinel jstrings(const char *first, ...)
{
	struct json_object *a = json_object_new_array();
	const char *s;
	va_list ap;

	va_start(ap, first);
	for (s = first; s; s = va_arg(ap, const char *))
		json_object_array_add(a, json_object_new_string(s));
	va_end(ap);
	return a;
}

/* A busybox sh hook running @script with $1 set to @arg. */
static struct json_object *hook(const char *const script, const char *const arg)
{
	struct json_object *h = json_object_new_object();

	json_object_object_add(h, "path", json_object_new_string("/bin/busybox"));
	json_object_object_add(h, "args",
			       jstrings("sh", "-c", script, "hook", arg, NULL));
	json_object_object_add(h, "env", jstrings("PATH=/bin", NULL));
	return h;
}

/*
 * @text as one JSON value and nothing but white space after it, as a
 * consumer of the output would need it; or NULL.
 */
static struct json_object *parse_clean(const char *const text)
{
	struct json_tokener *tok = json_tokener_new();
	struct json_object *o;
	size_t end;

	o = json_tokener_parse_ex(tok, text, strlen(text));
	end = json_tokener_get_parse_end(tok);
	if (o && (json_tokener_get_error(tok) != json_tokener_success ||
		  text[end + strspn(text + end, " \t\n")])) {
		json_object_put(o);
		o = NULL;
	}
	json_tokener_free(tok);
	return o;
}

/*
 * The bundle and runsc-lite
 */

/* The hosts' mounts the tests make, undone before and after each test. */
static void host_unmount(void)
{
	static const char *const mounts[] = {
		HOSTDIR "/sub", PROPDIR "/late", PROPDIR, ROOTFS "/mnt/late",
		ROOTFS,
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(mounts); i++)
		umount2(mounts[i], MNT_DETACH);
}

/* A new bundle: busybox and a link for each applet in ROOTFS/bin. */
static int fresh_bundle(void)
{
	host_unmount();
	return system("rm -rf " ROOT " " BUNDLE " " SHARED " " HOSTDIR " "
		      PROPDIR " " HOSTONLY " && mkdir -p " ROOTFS "/bin " SHARED
		      " && cp /bin/busybox " ROOTFS "/bin/busybox &&\n"
		      " /bin/busybox --install -s " ROOTFS "/bin");
}

static int write_config(struct json_object *const cfg)
{
	return json_object_to_file_ext(BUNDLE "/config.json", cfg,
				       JSON_C_TO_STRING_PRETTY |
				       JSON_C_TO_STRING_NOSLASHESCAPE);
}

static int redirect(const int fd, const char *const path, const int flags)
{
	int f = open(path, flags, 0644);

	if (f < 0 || dup2(f, fd) < 0)
		return -1;
	close(f);
	return 0;
}

/*
 * Start runsc-lite --root ROOT @args with stdin from /dev/null, stdout
 * appended to @out and stderr to @err, both emptied first.  With
 * @pid_fifo, the child first makes a FIFO where "create --pid-file
 * @pid_fifo" writes its temporary file, PID_FIFO.tmp-PID: create then
 * blocks right after it bound the sandbox, until the FIFO is read.
 */
static pid_t spawn_rl(const char *const args[], const char *const out,
		      const char *const err, const char *const pid_fifo)
{
	const int flags = O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC;
	const char *argv[48] = { RUNTIME, "--root", ROOT };
	char fifo[256];
	size_t n;
	pid_t pid;

	for (n = 0; args[n] && n < ARRAY_SIZE(argv) - 4; n++)
		argv[n + 3] = args[n];
	argv[n + 3] = NULL;
	truncate(out, 0);
	truncate(err, 0);
	pid = fork();
	if (pid)
		return pid;
	snprintf(fifo, sizeof(fifo), "%s.tmp-%d", pid_fifo, getpid());
	if ((pid_fifo && mkfifo(fifo, 0600)) ||
	    redirect(STDIN_FILENO, "/dev/null", O_RDONLY | O_CLOEXEC) ||
	    redirect(STDOUT_FILENO, out, flags) ||
	    redirect(STDERR_FILENO, err, flags))
		_exit(125);
	execv(RUNTIME, (char **)argv);
	_exit(127);
}

/* Wait for @pid: its exit status, 128 + the signal that killed it, or -1. */
static int wait_status(const pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) :
	       128 + WTERMSIG(status);
}

/*
 * wait_status(), but a command that hangs (on a lock a dead command left
 * held, say) is killed after 20 s and reported as -2.
 */
static int wait_or_kill(const pid_t pid)
{
	siginfo_t info;
	int i;

	for (i = 0; i < 2000; i++) {
		info.si_pid = 0;
		if (!waitid(P_PID, pid, &info, WEXITED | WNOHANG | WNOWAIT) &&
		    info.si_pid == pid)
			return wait_status(pid);
		usleep(10000);
	}
	kill(pid, SIGKILL);
	wait_status(pid);
	return -2;
}

/* Run runsc-lite with @args; its output lands in @r. */
static int rlv(struct result *const r, const char *const args[])
{
	pid_t pid = spawn_rl(args, OUT, ERR, NULL);

	r->status = pid < 0 ? -1 : wait_or_kill(pid);
	slurp(OUT, r->out, sizeof(r->out));
	slurp(ERR, r->err, sizeof(r->err));
	return r->status;
}

static int __sentinel rl(struct result *const r, ...)
{
	const char *args[40];
	size_t n = 0;
	va_list ap;

	va_start(ap, r);
	while (n < ARRAY_SIZE(args) - 1 && (args[n] = va_arg(ap, const char *)))
		n++;
	va_end(ap);
	args[n] = NULL;
	return rlv(r, args);
}

/* Write @cfg and run its container as @id, attached. */
static int run_in(struct json_object *const cfg, struct result *const r,
		  const char *const id)
{
	if (write_config(cfg))
		return -1;
	return rl(r, "run", "--no-pivot", "--bundle", BUNDLE, id, NULL);
}

/* Write @cfg and run its container as @id in the background. */
static int run_detached(struct json_object *const cfg, struct result *const r,
			const char *const id)
{
	if (write_config(cfg))
		return -1;
	return rl(r, "run", "--detach", "--no-pivot", "--bundle", BUNDLE, id,
		  NULL);
}

static int create_in(struct json_object *const cfg, struct result *const r,
		     const char *const id)
{
	if (write_config(cfg))
		return -1;
	return rl(r, "create", "--no-pivot", "--bundle", BUNDLE, id, NULL);
}

/* ROOT/@id/state.json, the runtime's own record: the host's view. */
static struct json_object *state_file(const char *const id)
{
	char path[256];

	snprintf(path, sizeof(path), ROOT "/%s/state.json", id);
	return json_object_from_file(path);
}

/* The pid of @id's init, as its state records it; 0 if none. */
static pid_t init_pid(const char *const id)
{
	struct json_object *st = state_file(id), *v;
	pid_t pid = 0;

	if (st && json_object_object_get_ex(st, "pid", &v))
		pid = json_object_get_int(v);
	json_object_put(st);
	return pid;
}

/*
 * Poll "state @id" for up to ten seconds until it reads @status; give up
 * at once when state hangs.
 */
static bool wait_state(const char *const id, const char *const status)
{
	char want[64];
	struct result r;
	int i;

	snprintf(want, sizeof(want), "\"status\": \"%s\"", status);
	for (i = 0; i < 100; i++) {
		if (!rl(&r, "state", id, NULL) && strstr(r.out, want))
			return true;
		if (r.status == -2)
			break;
		usleep(100000);
	}
	return false;
}

static bool wait_file(const char *const path, const int seconds)
{
	int i;

	for (i = 0; i < seconds * 20 && access(path, F_OK); i++)
		usleep(50000);
	return !access(path, F_OK);
}

/*
 * What must not be left
 */

/* Entries of ROOT other than its lock. */
static int leftovers(void)
{
	struct dirent *de;
	int n = 0;
	DIR *d = opendir(ROOT);

	while (d && (de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..") &&
		    strcmp(de->d_name, ".lock"))
			n++;
	if (d)
		closedir(d);
	return n;
}

/* Processes outside our pid namespace: a container's, or a hook's in it. */
static int strangers(void)
{
	char mine[64] = "", theirs[64], path[300];
	struct dirent *de;
	int n = 0;
	ssize_t len;
	DIR *d;

	if (readlink("/proc/self/ns/pid", mine, sizeof(mine) - 1) < 0)
		return -1;
	d = opendir("/proc");
	while (d && (de = readdir(d))) {
		if (de->d_name[0] < '0' || de->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/ns/pid", de->d_name);
		len = readlink(path, theirs, sizeof(theirs) - 1);
		if (len < 0)
			continue;
		theirs[len] = '\0';
		n += !!strcmp(mine, theirs);
	}
	if (d)
		closedir(d);
	return n;
}

/* Processes whose command line holds "blocked-": the blocking hooks. */
static int hooks_alive(void)
{
	char path[300], cmd[1024];
	struct dirent *de;
	int n = 0, fd;
	ssize_t len;
	DIR *d = opendir("/proc");

	while (d && (de = readdir(d))) {
		snprintf(path, sizeof(path), "/proc/%s/cmdline", de->d_name);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		len = read(fd, cmd, sizeof(cmd) - 1);
		close(fd);
		for (ssize_t i = 0; i < len; i++)
			cmd[i] = cmd[i] ? cmd[i] : ' ';
		cmd[len > 0 ? len : 0] = '\0';
		n += !!strstr(cmd, SHARED "/blocked-");
	}
	if (d)
		closedir(d);
	return n;
}

/* ksentry's sandboxes, each a sandbox-ID file in debugfs. */
static int sandboxes(void)
{
	struct dirent *de;
	int n = 0;
	DIR *d = opendir(SANDBOXES);

	while (d && (de = readdir(d)))
		n += !strncmp(de->d_name, "sandbox-", 8);
	if (d)
		closedir(d);
	return n;
}

/* Give what is going away ten seconds to go: the count left. */
static int settle(int (*const count)(void))
{
	int i, n = count();

	for (i = 0; i < 100 && n; i++) {
		usleep(100000);
		n = count();
	}
	return n;
}

static void expect_nothing_left(struct __test_metadata *const _metadata,
				const char *const id)
{
	char cgroup[256];

	snprintf(cgroup, sizeof(cgroup), CGROUP_OF("%s"), id);
	EXPECT_EQ(0, leftovers())
	{
		TH_LOG("%s holds more than its lock", ROOT);
	}
	EXPECT_EQ(-1, access(cgroup, F_OK))
	{
		TH_LOG("cgroup %s is left", cgroup);
	}
	EXPECT_EQ(0, settle(strangers))
	{
		TH_LOG("a process of the container is left");
	}
	EXPECT_EQ(0, settle(sandboxes))
	{
		TH_LOG("a sandbox is left in %s", SANDBOXES);
	}
}

static void expect_has(struct __test_metadata *const _metadata,
		       const char *const hay, const char *const needle)
{
	EXPECT_NE(NULL, strstr(hay, needle))
	{
		TH_LOG("no \"%s\" in:\n%s", needle, hay);
	}
}

static void expect_lacks(struct __test_metadata *const _metadata,
			 const char *const hay, const char *const needle)
{
	EXPECT_EQ(NULL, strstr(hay, needle))
	{
		TH_LOG("\"%s\" in:\n%s", needle, hay);
	}
}

/* How often @needle is in @hay. */
static int count_of(const char *hay, const char *const needle)
{
	int n = 0;

	while ((hay = strstr(hay, needle))) {
		hay += strlen(needle);
		n++;
	}
	return n;
}

/*
 * /proc/self/mountinfo, as the container printed it
 */

struct mnt {
	char opts[256];		/* per-mount options */
	char tags[256];		/* optional fields: shared:N, master:N */
	char type[64];
	char super[512];	/* per-superblock options */
};

/* The entry of @info for the mount on @target, the top one if stacked. */
static int find_mount(const char *info, const char *const target,
		      struct mnt *const m)
{
	char point[256], opts[256], rest[1024], *dash;
	int found = -1;

	for (; *info; info += strcspn(info, "\n") + !!info[strcspn(info, "\n")]) {
		if (sscanf(info, "%*s %*s %*s %*s %255s %255s %1023[^\n]", point,
			   opts, rest) != 3 || strcmp(point, target))
			continue;
		dash = strstr(rest, " - ");
		if (!strncmp(rest, "- ", 2))
			dash = rest - 1;
		if (!dash)
			continue;
		snprintf(m->opts, sizeof(m->opts), "%s", opts);
		snprintf(m->tags, sizeof(m->tags), "%.*s",
			 dash > rest ? (int)(dash - rest) : 0, rest);
		m->super[0] = '\0';
		if (sscanf(dash + 3, "%63s %*s %511s", m->type, m->super) < 1)
			continue;
		found = 0;
	}
	return found;
}

/* Whether the comma-separated @list has @opt. */
static bool has_opt(const char *const list, const char *const opt)
{
	const size_t n = strlen(opt);
	const char *p;

	for (p = list; (p = strstr(p, opt)); p += n)
		if ((p == list || p[-1] == ',') && (!p[n] || p[n] == ','))
			return true;
	return false;
}

static void expect_mount(struct __test_metadata *const _metadata,
			 const char *const info, const char *const target,
			 const char *const type, struct mnt *const m)
{
	ASSERT_EQ(0, find_mount(info, target, m))
	{
		TH_LOG("no mount on %s in:\n%s", target, info);
	}
	if (type)
		EXPECT_STREQ(type, m->type);
}

/*
 * Processes that hold namespaces for a container to join
 */

/* A child in new namespaces @flags, pausing until killed; or -1. */
static pid_t holder(const int flags, const char *const hostname)
{
	int ready[2];
	pid_t pid;
	char c;

	if (pipe2(ready, O_CLOEXEC))
		return -1;
	pid = syscall(SYS_clone, flags | SIGCHLD, 0, 0, 0, 0);
	if (pid == 0) {
		close(ready[0]);
		if (hostname && sethostname(hostname, strlen(hostname)))
			_exit(1);
		if (write(ready[1], "r", 1) != 1)
			_exit(1);
		for (;;)
			pause();
	}
	close(ready[1]);
	if (pid > 0 && read(ready[0], &c, 1) != 1) {
		waitpid(pid, NULL, 0);
		pid = -1;
	}
	close(ready[0]);
	return pid;
}

static void stop_holder(const pid_t pid)
{
	if (pid > 0) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
	}
}

/* readlink(/proc/@pid/ns/@name), or "?". */
static void ns_link(const char *const pid, const char *const name,
		    char *const buf, const size_t size)
{
	char path[128];
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%s/ns/%s", pid, name);
	n = readlink(path, buf, size - 1);
	snprintf(buf + (n > 0 ? n : 0), size - (n > 0 ? n : 0), "%s",
		 n > 0 ? "" : "?");
}

/* A namespace of @type to join at @path. */
static struct json_object *ns_path(const char *const type,
				   const char *const path)
{
	struct json_object *ns = json_object_new_object();

	json_object_object_add(ns, "type", json_object_new_string(type));
	json_object_object_add(ns, "path", json_object_new_string(path));
	return ns;
}

/*
 * The fixture of the features: containers c1 to c3, one test at a time
 */

FIXTURE(config) {
	struct json_object *cfg;
	struct result r;
	pid_t holder;
};

static void common_setup(struct __test_metadata *const _metadata,
			 struct json_object **const cfg)
{
	if (access(RUNTIME, X_OK))
		SKIP(return, "%s is not in this guest", RUNTIME);
	if (access(KSENTRY_DEV, F_OK))
		SKIP(return, "the ksentry module is not loaded");
	ASSERT_EQ(0, fresh_bundle());
	*cfg = jtext(base_config);
	ASSERT_NE(NULL, *cfg);
	/* The sandboxes of earlier tests may still be on their way out. */
	settle(sandboxes);
}

static void common_teardown(struct json_object *const cfg)
{
	struct result r;

	rl(&r, "delete", "--force", "c1", NULL);
	rl(&r, "delete", "--force", "c2", NULL);
	rl(&r, "delete", "--force", "c3", NULL);
	write_text(SHARED "/release", "");
	settle(hooks_alive);
	json_object_put(cfg);
	host_unmount();
	rmdir("/sys/fs/cgroup/rc-test/box");
	rmdir("/sys/fs/cgroup/rc-test");
}

FIXTURE_SETUP(config)
{
	self->holder = -1;
	common_setup(_metadata, &self->cfg);
}

FIXTURE_TEARDOWN(config)
{
	stop_holder(self->holder);
	common_teardown(self->cfg);
}

/*
 * process
 */

TEST_F(config, process_args_env_and_cwd)
{
	ASSERT_EQ(0, system("mkdir -p " ROOTFS "/srv/work"));
	jset(self->cfg, "process/args",
	     jstrings("sh", "-c", "echo \"0=$0 1=$1 foo=$FOO cwd=$(pwd)\"; env",
		      "zero", "one two", NULL));
	jset(self->cfg, "process/env",
	     jstrings("PATH=/bin", "FOO=bar baz", "EMPTY=", NULL));
	jset(self->cfg, "process/cwd", json_object_new_string("/srv/work"));
	/* The runtime's own environment must not reach the container. */
	ASSERT_EQ(0, setenv("RC_LEAK", "1", 1));
	ASSERT_EQ(0, run_in(self->cfg, &self->r, "c1"))
	{
		TH_LOG("run: %s%s", self->r.out, self->r.err);
	}
	expect_has(_metadata, self->r.out,
		   "0=zero 1=one two foo=bar baz cwd=/srv/work\n");
	expect_has(_metadata, self->r.out, "\nEMPTY=\n");
	expect_lacks(_metadata, self->r.out, "RC_LEAK");
}

TEST_F(config, process_user_groups_and_umask)
{
	jset(self->cfg, "process/user",
	     jtext("{'uid': 1000, 'gid': 1001, 'additionalGids': [10, 20],\n"
		   " 'umask': 23}"));
	jset(self->cfg, "process/args",
	     jstrings("sh", "-c", "id -u; id -g; id -G; umask;"
		      " touch /tmp/f; stat -c %a /tmp/f", NULL));
	ASSERT_EQ(0, run_in(self->cfg, &self->r, "c1"))
	{
		TH_LOG("run: %s%s", self->r.out, self->r.err);
	}
	/* umask 023 leaves 0644 & ~027 = 0640. */
	EXPECT_STREQ("1000\n1001\n1001 10 20\n0027\n640\n", self->r.out);
}

TEST_F(config, process_rlimits)
{
	jset(self->cfg, "process/rlimits",
	     jtext("[{'type': 'RLIMIT_NOFILE', 'soft': 512, 'hard': 1024},\n"
		   " {'type': 'RLIMIT_NPROC', 'soft': 300, 'hard': 400}]"));
	jset(self->cfg, "process/args",
	     jstrings("sh", "-c", "ulimit -n; ulimit -Hn; ulimit -u; ulimit -Hu",
		      NULL));
	ASSERT_EQ(0, run_in(self->cfg, &self->r, "c1"))
	{
		TH_LOG("run: %s%s", self->r.out, self->r.err);
	}
	EXPECT_STREQ("512\n1024\n300\n400\n", self->r.out);
}

TEST_F(config, process_no_new_privileges)
{
	jset(self->cfg, "process/args",
	     jstrings("grep", "NoNewPrivs", "/proc/self/status", NULL));
	jset(self->cfg, "process/noNewPrivileges", json_object_new_boolean(true));
	ASSERT_EQ(0, run_in(self->cfg, &self->r, "c1"));
	EXPECT_STREQ("NoNewPrivs:\t1\n", self->r.out);
	/* Not set when not asked: the runtime adds no flag of its own. */
	jset(self->cfg, "process/noNewPrivileges", json_object_new_boolean(false));
	ASSERT_EQ(0, run_in(self->cfg, &self->r, "c2"));
	EXPECT_STREQ("NoNewPrivs:\t0\n", self->r.out);
}

/*
 * The five sets, each different.  What the process shows is what execve()
 * made of them: for root, permitted and effective become bounding |
 * inheritable | ambient; for another uid, the ambient set.
 */
TEST_F(config, process_capabilities)
{
	static const char caps[] =
		"{'bounding': ['CAP_CHOWN', 'CAP_DAC_OVERRIDE', 'CAP_KILL',\n"
		"   'CAP_NET_BIND_SERVICE'],\n"
		" 'effective': ['CAP_CHOWN', 'CAP_KILL'],\n"
		" 'permitted': ['CAP_CHOWN', 'CAP_KILL', 'CAP_NET_BIND_SERVICE'],\n"
		" 'inheritable': ['CAP_KILL', 'CAP_NET_BIND_SERVICE'],\n"
		" 'ambient': ['CAP_NET_BIND_SERVICE']}";

	jset(self->cfg, "process/capabilities", jtext(caps));
	jset(self->cfg, "process/args",
	     jstrings("grep", "^Cap", "/proc/self/status", NULL));
	ASSERT_EQ(0, run_in(self->cfg, &self->r, "c1"))
	{
		TH_LOG("run: %s%s", self->r.out, self->r.err);
	}
	EXPECT_STREQ("CapInh:\t0000000000000420\nCapPrm:\t0000000000000423\n"
		     "CapEff:\t0000000000000423\nCapBnd:\t0000000000000423\n"
		     "CapAmb:\t0000000000000400\n", self->r.out);
	jset(self->cfg, "process/user", jtext("{'uid': 1000, 'gid': 1000}"));
	ASSERT_EQ(0, run_in(self->cfg, &self->r, "c2"))
	{
		TH_LOG("run: %s%s", self->r.out, self->r.err);
	}
	EXPECT_STREQ("CapInh:\t0000000000000420\nCapPrm:\t0000000000000400\n"
		     "CapEff:\t0000000000000400\nCapBnd:\t0000000000000423\n"
		     "CapAmb:\t0000000000000400\n", self->r.out);
}

TEST_F(config, process_oom_score_adj)
{
	jset(self->cfg, "process/oomScoreAdj", json_object_new_int(345));
	jset(self->cfg, "process/args",
	     jstrings("cat", "/proc/self/oom_score_adj", NULL));
	ASSERT_EQ(0, run_in(self->cfg, &self->r, "c1"))
	{
		TH_LOG("run: %s%s", self->r.out, self->r.err);
	}
	EXPECT_STREQ("345\n", self->r.out);
}

/* Receive the descriptor sent with SCM_RIGHTS on @sock, or -1. */
static int recv_fd(const int sock)
{
	char buf[256], cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { .iov_base = buf, .iov_len = sizeof(buf) };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cbuf, .msg_controllen = sizeof(cbuf),
	};
	struct cmsghdr *cmsg;
	int fd = -1;

	if (recvmsg(sock, &msg, MSG_CMSG_CLOEXEC) < 0)
		return -1;
	cmsg = CMSG_FIRSTHDR(&msg);
	if (cmsg && cmsg->cmsg_level == SOL_SOCKET &&
	    cmsg->cmsg_type == SCM_RIGHTS)
		memcpy(&fd, CMSG_DATA(cmsg), sizeof(fd));
	return fd;
}

/* Read @fd into @buf until @want shows, end of file (EIO on a pty) or 20 s. */
static void read_until(const int fd, char *const buf, const size_t size,
		       const char *const want)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	size_t len = 0;
	ssize_t n;
	int i;

	buf[0] = '\0';
	for (i = 0; i < 200 && len < size - 1 && !strstr(buf, want); i++) {
		if (poll(&pfd, 1, 100) <= 0)
			continue;
		n = read(fd, buf + len, size - 1 - len);
		if (n <= 0)
			break;
		len += n;
		buf[len] = '\0';
	}
}

/* Accept one connection on @lsock within 20 s; the connected socket. */
static int accept_within(const int lsock)
{
	struct pollfd pfd = { .fd = lsock, .events = POLLIN };

	if (poll(&pfd, 1, 20000) != 1)
		return -1;
	return accept4(lsock, NULL, NULL, SOCK_CLOEXEC);
}

TEST_F_TIMEOUT(config, process_terminal_through_console_socket, 60)
{
	static const char *const args[] = {
		"run", "--no-pivot", "--console-socket", CONSOLE, "--bundle",
		BUNDLE, "c1", NULL,
	};
	struct sockaddr_un addr = { .sun_family = AF_UNIX, .sun_path = CONSOLE };
	int lsock, sock, master;
	char tty[4096];
	pid_t pid;

	jset(self->cfg, "process/terminal", json_object_new_boolean(true));
	jset(self->cfg, "process/consoleSize",
	     jtext("{'height': 25, 'width': 93}"));
	jadd(self->cfg, "mounts",
	     jtext("{'destination': '/dev/pts', 'type': 'devpts', 'source': 'devpts',\n"
		   " 'options': ['nosuid', 'noexec', 'newinstance',\n"
		   " 'ptmxmode=0666', 'mode=0620']}"));
	jset(self->cfg, "process/args",
	     jstrings("sh", "-c", "tty; stty size; echo done", NULL));
	ASSERT_EQ(0, write_config(self->cfg));
	lsock = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	ASSERT_LE(0, lsock);
	unlink(CONSOLE);
	ASSERT_EQ(0, bind(lsock, (struct sockaddr *)&addr, sizeof(addr)));
	ASSERT_EQ(0, listen(lsock, 1));
	pid = spawn_rl(args, OUT, OUT, NULL);
	ASSERT_LT(0, pid);
	sock = accept_within(lsock);
	ASSERT_LE(0, sock);
	master = recv_fd(sock);
	ASSERT_LE(0, master)
	{
		TH_LOG("no descriptor came on the console socket");
	}
	read_until(master, tty, sizeof(tty), "done");
	EXPECT_EQ(0, wait_status(pid));
	slurp(OUT, self->r.out, sizeof(self->r.out));
	EXPECT_STREQ("", self->r.out);
	/* The pty turns "\n" into "\r\n". */
	expect_has(_metadata, tty, "/dev/pts/0\r\n25 93\r\ndone");
	close(master);
	close(sock);
	close(lsock);
	unlink(CONSOLE);
}

/*
 * root and mounts
 */

TEST_F(config, root_readonly)
{
	jset(self->cfg, "root/readonly", json_object_new_boolean(true));
	jset(self->cfg, "process/args",
	     jstrings("sh", "-c", "exec 2>&1; touch /x; echo rc=$?; touch /tmp/y && echo tmp-rw",
		      NULL));
	ASSERT_EQ(0, run_in(self->cfg, &self->r, "c1"))
	{
		TH_LOG("run: %s%s", self->r.out, self->r.err);
	}
	expect_has(_metadata, self->r.out, "Read-only file system");
	expect_has(_metadata, self->r.out, "rc=1\n");
	/* Mounts on a read-only root keep their own flags. */
	expect_has(_metadata, self->r.out, "tmp-rw\n");
	EXPECT_EQ(-1, access(ROOTFS "/x", F_OK));
}

TEST_F(config, mounts_of_each_type)
{
	static const char *const mounts[] = {
		"{'destination': '/sys', 'type': 'sysfs', 'source': 'sysfs',\n"
		" 'options': ['nosuid', 'noexec', 'nodev', 'ro']}",
		"{'destination': '/sys/fs/cgroup', 'type': 'cgroup',\n"
		" 'source': 'cgroup', 'options': ['nosuid', 'noexec', 'nodev']}",
		"{'destination': '/dev/mqueue', 'type': 'mqueue', 'source': 'mqueue'}",
		"{'destination': '/dev/pts', 'type': 'devpts', 'source': 'devpts',\n"
		" 'options': ['nosuid', 'noexec', 'newinstance', 'ptmxmode=0666',\n"
		" 'mode=0620', 'gid=5']}",
		"{'destination': '/run', 'type': 'tmpfs', 'source': 'tmpfs',\n"
		" 'options': ['nosuid', 'nodev', 'noexec', 'mode=1770',\n"
		" 'size=65536k', 'uid=5', 'gid=6']}",
	};
	struct mnt m;
	char *stat;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(mounts); i++)
		jadd(self->cfg, "mounts", jtext(mounts[i]));
	jadd(self->cfg, "linux/namespaces", jtext("{'type': 'network'}"));
	jadd(self->cfg, "linux/namespaces", jtext("{'type': 'cgroup'}"));
	jset(self->cfg, "process/args",
	     jstrings("sh", "-c", "cat /proc/self/mountinfo; echo @@;"
		      " stat -c '%a %u %g' /run; cat /sys/fs/cgroup/cgroup.procs",
		      NULL));
	ASSERT_EQ(0, run_in(self->cfg, &self->r, "c1"))
	{
		TH_LOG("run: %s%s", self->r.out, self->r.err);
	}
	stat = strstr(self->r.out, "@@\n");
	ASSERT_NE(NULL, stat);
	expect_mount(_metadata, self->r.out, "/proc", "proc", &m);
	expect_mount(_metadata, self->r.out, "/sys", "sysfs", &m);
	EXPECT_TRUE(has_opt(m.opts, "ro"));
	EXPECT_TRUE(has_opt(m.opts, "noexec"));
	expect_mount(_metadata, self->r.out, "/sys/fs/cgroup", "cgroup2", &m);
	expect_mount(_metadata, self->r.out, "/dev/mqueue", "mqueue", &m);
	expect_mount(_metadata, self->r.out, "/dev/pts", "devpts", &m);
	EXPECT_TRUE(has_opt(m.super, "ptmxmode=666")) TH_LOG("%s", m.super);
	EXPECT_TRUE(has_opt(m.super, "mode=620")) TH_LOG("%s", m.super);
	EXPECT_TRUE(has_opt(m.super, "gid=5")) TH_LOG("%s", m.super);
	expect_mount(_metadata, self->r.out, "/run", "tmpfs", &m);
	EXPECT_TRUE(has_opt(m.opts, "nosuid") && has_opt(m.opts, "nodev") &&
		    has_opt(m.opts, "noexec"))
		TH_LOG("%s", m.opts);
	EXPECT_TRUE(has_opt(m.super, "size=65536k")) TH_LOG("%s", m.super);
	EXPECT_TRUE(has_opt(m.super, "mode=1770")) TH_LOG("%s", m.super);
	/* The container's cgroup namespace shows its own cgroup, its init. */
	EXPECT_STREQ("@@\n1770 5 6\n1\n", stat);
}

/* Host files: HOSTDIR/hello, and HOSTDIR/sub/subfile on a tmpfs of its own. */
static int make_host_dir(void)
{
	if (mkdir(HOSTDIR, 0755) || mkdir(HOSTDIR "/sub", 0755) ||
	    write_text(HOSTDIR "/hello", "host-file\n") ||
	    mount("tmpfs", HOSTDIR "/sub", "tmpfs", 0, NULL))
		return -1;
	return write_text(HOSTDIR "/sub/subfile", "sub-file\n");
}

TEST_F(config, mounts_bind_ro_rbind_and_file)
{
	static const char *const mounts[] = {
		"{'destination': '/mnt/bind', 'type': 'bind', 'source': '" HOSTDIR "',\n"
		" 'options': ['bind', 'ro']}",
		"{'destination': '/mnt/rbind', 'type': 'none', 'source': '" HOSTDIR "',\n"
		" 'options': ['rbind']}",
		"{'destination': '/etc/hello', 'type': 'bind',\n"
		" 'source': '" HOSTDIR "/hello', 'options': ['bind', 'ro']}",
	};
	size_t i;

	ASSERT_EQ(0, make_host_dir());
	for (i = 0; i < ARRAY_SIZE(mounts); i++)
		jadd(self->cfg, "mounts", jtext(mounts[i]));
	jset(self->cfg, "process/args",
	     jstrings("sh", "-c", "exec 2>&1; cat /mnt/bind/hello; touch /mnt/bind/new;"
		      " test -e /mnt/bind/sub/subfile && echo bind-has-sub;"
		      " cat /mnt/rbind/sub/subfile;"
		      " touch /mnt/rbind/new && echo rbind-rw;"
		      " cat /etc/hello; echo x > /etc/hello", NULL));
	EXPECT_EQ(1, run_in(self->cfg, &self->r, "c1"));
	expect_has(_metadata, self->r.out, "host-file\n");
	/* A bind mount does not take the mounts below its source. */
	expect_lacks(_metadata, self->r.out, "bind-has-sub");
	expect_has(_metadata, self->r.out, "sub-file\nrbind-rw\nhost-file\n");
	EXPECT_EQ(2, count_of(self->r.out, "Read-only file system"))
	{
		TH_LOG("run: %s", self->r.out);
	}
	EXPECT_EQ(0, access(HOSTDIR "/new", F_OK));
}

TEST_F(config, mounts_bind_propagation)
{
	static const char *const mounts[] = {
		"{'destination': '/mnt/slave', 'type': 'bind', 'source': '" PROPDIR "',\n"
		" 'options': ['rbind', 'rslave']}",
		"{'destination': '/mnt/shared', 'type': 'bind', 'source': '" HOSTDIR "',\n"
		" 'options': ['bind', 'rshared']}",
		"{'destination': '/mnt/private', 'type': 'bind', 'source': '" HOSTDIR "',\n"
		" 'options': ['bind', 'rprivate']}",
	};
	struct stat dir, back;
	struct mnt m;
	size_t i;

	/* A shared host mount, whose new mounts reach its slaves. */
	ASSERT_EQ(0, make_host_dir());
	ASSERT_EQ(0, mkdir(PROPDIR, 0755));
	ASSERT_EQ(0, mount(PROPDIR, PROPDIR, NULL, MS_BIND, NULL));
	ASSERT_EQ(0, mount(NULL, PROPDIR, NULL, MS_SHARED, NULL));
	for (i = 0; i < ARRAY_SIZE(mounts); i++)
		jadd(self->cfg, "mounts", jtext(mounts[i]));
	jset(self->cfg, "linux/rootfsPropagation", json_object_new_string("rslave"));
	jset(self->cfg, "process/args", jstrings("sleep", "100", NULL));
	ASSERT_EQ(0, run_detached(self->cfg, &self->r, "c1"))
	{
		TH_LOG("run: %s%s", self->r.out, self->r.err);
	}
	ASSERT_EQ(0, rl(&self->r, "exec", "c1", "cat", "/proc/self/mountinfo", NULL));
	expect_mount(_metadata, self->r.out, "/mnt/shared", "tmpfs", &m);
	expect_has(_metadata, m.tags, "shared:");
	expect_mount(_metadata, self->r.out, "/mnt/private", "tmpfs", &m);
	EXPECT_STREQ("", m.tags);
	expect_mount(_metadata, self->r.out, "/mnt/slave", "tmpfs", &m);
	expect_has(_metadata, m.tags, "master:");
	/* A host mount made now reaches the slave... */
	ASSERT_EQ(0, mkdir(PROPDIR "/late", 0755));
	ASSERT_EQ(0, mount("tmpfs", PROPDIR "/late", "tmpfs", 0, NULL));
	ASSERT_EQ(0, write_text(PROPDIR "/late/f", "late\n"));
	EXPECT_EQ(0, rl(&self->r, "exec", "c1", "cat", "/mnt/slave/late/f", NULL));
	EXPECT_STREQ("late\n", self->r.out);
	/* ...and the container's mounts do not come back. */
	EXPECT_EQ(0, rl(&self->r, "exec", "c1", "sh", "-c",
			"mkdir /mnt/slave/back && mount -t tmpfs none /mnt/slave/back",
			NULL))
	{
		TH_LOG("exec: %s%s", self->r.out, self->r.err);
	}
	ASSERT_EQ(0, stat(PROPDIR, &dir));
	ASSERT_EQ(0, stat(PROPDIR "/back", &back));
	EXPECT_EQ(dir.st_dev, back.st_dev);
}

/*
 * The operator's --host-pid=unsandboxed: a container in the host's pid
 * namespace runs, without a sandbox and with a warning; any other is
 * still sandboxed.
 */
TEST_F(config, host_pid_unsandboxed_runs_only_those_without_a_sandbox)
{
	jset(self->cfg, "linux/namespaces",
	     jtext("[{'type': 'mount'}, {'type': 'uts'}, {'type': 'ipc'}]"));
	jset(self->cfg, "process/args", jstrings("sleep", "100", NULL));
	ASSERT_EQ(0, write_config(self->cfg));
	ASSERT_EQ(0, rl(&self->r, "--host-pid=unsandboxed", "run", "--detach",
			"--no-pivot", "--bundle", BUNDLE, "c1", NULL))
	{
		TH_LOG("run: %s", self->r.err);
	}
	expect_has(_metadata, self->r.err,
		   "container c1 runs WITHOUT a ksentry sandbox: it shares the host's pid namespace");
	EXPECT_EQ(1, rl(&self->r, "stats", "c1", NULL));
	expect_has(_metadata, self->r.err, "runs unsandboxed");
	/* With a pid namespace of its own, the option changes nothing. */
	json_object_put(self->cfg);
	self->cfg = jtext(base_config);
	jset(self->cfg, "process/args", jstrings("sleep", "100", NULL));
	ASSERT_EQ(0, write_config(self->cfg));
	ASSERT_EQ(0, rl(&self->r, "--host-pid=unsandboxed", "run", "--detach",
			"--no-pivot", "--bundle", BUNDLE, "c2", NULL));
	expect_lacks(_metadata, self->r.err, "WITHOUT");
	EXPECT_EQ(0, rl(&self->r, "stats", "c2", NULL))
	{
		TH_LOG("stats: %s", self->r.err);
	}
	EXPECT_EQ(1, rl(&self->r, "--host-pid=maybe", "list", NULL));
	expect_has(_metadata, self->r.err,
		   "--host-pid 'maybe': use refuse or unsandboxed");
	ASSERT_EQ(0, rl(&self->r, "delete", "--force", "c1", NULL));
	ASSERT_EQ(0, rl(&self->r, "delete", "--force", "c2", NULL));
	expect_nothing_left(_metadata, "c1");
}

/*
 * linux.rootfsPropagation, seen on the container's own root: run @value
 * with ROOTFS on a shared host mount, and return the optional fields of
 * the container's "/" and "/tmp" in @root and @tmp.  The container's mount
 * on /mnt/inside must not reach the host, whatever the value.
 */
static void root_tags(struct __test_metadata *const _metadata,
		      struct json_object *const cfg, struct result *const r,
		      const char *const value, struct mnt *const root,
		      struct mnt *const tmp)
{
	struct stat dir, inside;

	ASSERT_EQ(0, mount(ROOTFS, ROOTFS, NULL, MS_BIND, NULL));
	ASSERT_EQ(0, mount(NULL, ROOTFS, NULL, MS_SHARED, NULL));
	ASSERT_EQ(0, mkdir(ROOTFS "/mnt", 0755));
	ASSERT_EQ(0, mkdir(ROOTFS "/mnt/inside", 0755));
	jset(cfg, "linux/rootfsPropagation", json_object_new_string(value));
	jset(cfg, "process/args",
	     jstrings("sh", "-c",
		      "mount -t tmpfs none /mnt/inside && cat /proc/self/mountinfo",
		      NULL));
	ASSERT_EQ(0, run_in(cfg, r, "c1"))
	{
		TH_LOG("run with %s: %s%s", value, r->out, r->err);
	}
	expect_mount(_metadata, r->out, "/", NULL, root);
	expect_mount(_metadata, r->out, "/tmp", "tmpfs", tmp);
	ASSERT_EQ(0, stat(ROOTFS "/mnt", &dir));
	ASSERT_EQ(0, stat(ROOTFS "/mnt/inside", &inside));
	EXPECT_EQ(dir.st_dev, inside.st_dev)
	{
		TH_LOG("%s: the container's mount reached the host", value);
	}
}

TEST_F(config, rootfs_propagation_private)
{
	struct mnt root, tmp;

	root_tags(_metadata, self->cfg, &self->r, "private", &root, &tmp);
	EXPECT_STREQ("", root.tags);
}

TEST_F(config, rootfs_propagation_shared)
{
	struct mnt root, tmp;

	root_tags(_metadata, self->cfg, &self->r, "shared", &root, &tmp);
	expect_has(_metadata, root.tags, "shared:");
	expect_lacks(_metadata, root.tags, "master:");
	/* Not recursive: the container's /tmp stays private. */
	EXPECT_STREQ("", tmp.tags);
}

TEST_F(config, rootfs_propagation_rshared)
{
	struct mnt root, tmp;

	root_tags(_metadata, self->cfg, &self->r, "rshared", &root, &tmp);
	expect_has(_metadata, root.tags, "shared:");
	expect_has(_metadata, tmp.tags, "shared:");
}

TEST_F(config, rootfs_propagation_slave)
{
	struct mnt root, tmp;

	root_tags(_metadata, self->cfg, &self->r, "slave", &root, &tmp);
	/* A slave of the host's shared mount of the rootfs. */
	expect_has(_metadata, root.tags, "master:");
	expect_lacks(_metadata, root.tags, "shared:");
}

TEST_F(config, rootfs_propagation_unbindable)
{
	struct mnt root, tmp;

	root_tags(_metadata, self->cfg, &self->r, "unbindable", &root, &tmp);
	expect_has(_metadata, root.tags, "unbindable");
	EXPECT_STREQ("", tmp.tags);
}

TEST_F(config, rootfs_propagation_runbindable)
{
	struct mnt root, tmp;

	root_tags(_metadata, self->cfg, &self->r, "runbindable", &root, &tmp);
	expect_has(_metadata, root.tags, "unbindable");
	expect_has(_metadata, tmp.tags, "unbindable");
}

TEST_F(config, default_devices_and_links)
{
	static const char *const devs[] = {
		"/dev/null character special file 1 3 666 0 0\n",
		"/dev/zero character special file 1 5 666 0 0\n",
		"/dev/full character special file 1 7 666 0 0\n",
		"/dev/random character special file 1 8 666 0 0\n",
		"/dev/urandom character special file 1 9 666 0 0\n",
		"/dev/tty character special file 5 0 666 0 0\n",
		/* linux.devices, with its mode and owner */
		"/dev/rc-null character special file 1 3 640 7 8\n",
		"fd=/proc/self/fd\n", "stdin=/proc/self/fd/0\n",
		"stdout=/proc/self/fd/1\n", "stderr=/proc/self/fd/2\n",
		"ptmx=pts/ptmx\n", "zeros=3\n",
	};
	size_t i;

	jadd(self->cfg, "mounts",
	     jtext("{'destination': '/dev/pts', 'type': 'devpts', 'source': 'devpts',\n"
		   " 'options': ['newinstance', 'ptmxmode=0666']}"));
	jadd(self->cfg, "linux/devices",
	     jtext("{'path': '/dev/rc-null', 'type': 'c', 'major': 1, 'minor': 3,\n"
		   " 'fileMode': 416, 'uid': 7, 'gid': 8}"));
	jset(self->cfg, "process/args",
	     jstrings("sh", "-c",
		      "for d in null zero full random urandom tty rc-null; do\n"
		      " stat -c '%n %F %t %T %a %u %g' /dev/$d; done;"
		      " for l in fd stdin stdout stderr ptmx core; do\n"
		      " echo $l=$(readlink /dev/$l); done;"
		      " echo hi > /dev/null && echo zeros=$(head -c 3 /dev/zero | wc -c)",
		      NULL));
	ASSERT_EQ(0, run_in(self->cfg, &self->r, "c1"))
	{
		TH_LOG("run: %s%s", self->r.out, self->r.err);
	}
	for (i = 0; i < ARRAY_SIZE(devs); i++)
		expect_has(_metadata, self->r.out, devs[i]);
	expect_has(_metadata, self->r.out, access("/proc/kcore", F_OK) ?
		   "core=\n" : "core=/proc/kcore\n");
}

/*
 * hostname and namespaces
 */

TEST_F(config, hostname_and_domainname)
{
	char before[256], after[256];

	ASSERT_EQ(0, gethostname(before, sizeof(before)));
	jset(self->cfg, "hostname", json_object_new_string("rc-host"));
	jset(self->cfg, "domainname", json_object_new_string("rc.example"));
	jset(self->cfg, "process/args",
	     jstrings("sh", "-c", "hostname; cat /proc/sys/kernel/domainname", NULL));
	ASSERT_EQ(0, run_in(self->cfg, &self->r, "c1"))
	{
		TH_LOG("run: %s%s", self->r.out, self->r.err);
	}
	EXPECT_STREQ("rc-host\nrc.example\n", self->r.out);
	ASSERT_EQ(0, gethostname(after, sizeof(after)));
	EXPECT_STREQ(before, after);
}

/*
 * Give the rootfs to the container's root on the host, as engines do for
 * a user namespace: it creates the mount points there.
 */
static int own_rootfs(const char *const owner)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "chown -R %s " ROOTFS, owner);
	return system(cmd);
}

/* Add user namespace maps of 65536 ids from @uid and @gid on the host. */
static void map_ids(struct json_object *const cfg, const char *const uid,
		    const char *const gid)
{
	char map[128];

	snprintf(map, sizeof(map),
		 "[{'containerID': 0, 'hostID': %s, 'size': 65536}]", uid);
	jset(cfg, "linux/uidMappings", jtext(map));
	snprintf(map, sizeof(map),
		 "[{'containerID': 0, 'hostID': %s, 'size': 65536}]", gid);
	jset(cfg, "linux/gidMappings", jtext(map));
}

TEST_F(config, namespaces_of_each_type_are_new)
{
	static const char *const names[] = {
		"pid", "mnt", "uts", "ipc", "net", "user", "cgroup",
	};
	char host[128], line[160];
	size_t i;

	jset(self->cfg, "linux/namespaces",
	     jtext("[{'type': 'pid'}, {'type': 'mount'}, {'type': 'uts'},\n"
		   " {'type': 'ipc'}, {'type': 'network'}, {'type': 'user'},\n"
		   " {'type': 'cgroup'}]"));
	map_ids(self->cfg, "100000", "100000");
	ASSERT_EQ(0, own_rootfs("100000:100000"));
	jset(self->cfg, "process/args",
	     jstrings("sh", "-c", "for n in pid mnt uts ipc net user cgroup; do\n"
		      " echo $n=$(readlink /proc/self/ns/$n); done;"
		      " echo pid=$$; cat /proc/self/cgroup", NULL));
	ASSERT_EQ(0, run_in(self->cfg, &self->r, "c1"))
	{
		TH_LOG("run: %s%s", self->r.out, self->r.err);
	}
	for (i = 0; i < ARRAY_SIZE(names); i++) {
		snprintf(line, sizeof(line), "%s=%s:[", names[i], names[i]);
		expect_has(_metadata, self->r.out, line);
		ns_link("self", names[i], host, sizeof(host));
		snprintf(line, sizeof(line), "%s=%s\n", names[i], host);
		expect_lacks(_metadata, self->r.out, line);
	}
	expect_has(_metadata, self->r.out, "pid=1\n0::/\n");
}

/* A new network namespace has its loopback up, as runc leaves it. */
TEST_F(config, new_network_namespace_has_loopback_up)
{
	jset(self->cfg, "linux/namespaces",
	     jtext("[{'type': 'pid'}, {'type': 'mount'}, {'type': 'uts'},\n"
		   " {'type': 'network'}]"));
	jset(self->cfg, "process/args",
	     jstrings("sh", "-c", "ifconfig lo; ping -c 1 -W 2 127.0.0.1", NULL));
	ASSERT_EQ(0, run_in(self->cfg, &self->r, "c1"))
	{
		TH_LOG("run: %s%s", self->r.out, self->r.err);
	}
	expect_has(_metadata, self->r.out, "UP");
	expect_has(_metadata, self->r.out, "1 packets received");
}

TEST_F(config, namespaces_joined_by_path)
{
	static const char *const names[] = { "net", "uts", "ipc" };
	static const char *const types[] = { "network", "uts", "ipc" };
	char pid[16], path[64], link[128], line[160];
	size_t i;

	self->holder = holder(CLONE_NEWNET | CLONE_NEWUTS | CLONE_NEWIPC,
			      "joined-host");
	ASSERT_LT(0, self->holder);
	snprintf(pid, sizeof(pid), "%d", self->holder);
	jset(self->cfg, "linux/namespaces",
	     jtext("[{'type': 'pid'}, {'type': 'mount'}]"));
	for (i = 0; i < ARRAY_SIZE(names); i++) {
		snprintf(path, sizeof(path), "/proc/%s/ns/%s", pid, names[i]);
		jadd(self->cfg, "linux/namespaces", ns_path(types[i], path));
	}
	/* No hostname: the joined uts namespace keeps the holder's. */
	jset(self->cfg, "hostname", NULL);
	jset(self->cfg, "process/args",
	     jstrings("sh", "-c", "for n in net uts ipc; do\n"
		      " echo $n=$(readlink /proc/self/ns/$n); done; hostname",
		      NULL));
	ASSERT_EQ(0, run_in(self->cfg, &self->r, "c1"))
	{
		TH_LOG("run: %s%s", self->r.out, self->r.err);
	}
	for (i = 0; i < ARRAY_SIZE(names); i++) {
		ns_link(pid, names[i], link, sizeof(link));
		snprintf(line, sizeof(line), "%s=%s\n", names[i], link);
		expect_has(_metadata, self->r.out, line);
	}
	expect_has(_metadata, self->r.out, "joined-host\n");
}

TEST_F(config, namespace_pid_joined_by_path)
{
	char pid[16], path[64], link[128], want[160];

	self->holder = holder(CLONE_NEWPID, NULL);
	ASSERT_LT(0, self->holder);
	snprintf(pid, sizeof(pid), "%d", self->holder);
	snprintf(path, sizeof(path), "/proc/%s/ns/pid", pid);
	jset(self->cfg, "linux/namespaces",
	     jtext("[{'type': 'mount'}, {'type': 'uts'}, {'type': 'ipc'}]"));
	jadd(self->cfg, "linux/namespaces", ns_path("pid", path));
	jset(self->cfg, "process/args",
	     jstrings("sh", "-c", "echo pid=$(readlink /proc/self/ns/pid) $$", NULL));
	ASSERT_EQ(0, run_in(self->cfg, &self->r, "c1"))
	{
		TH_LOG("run: %s%s", self->r.out, self->r.err);
	}
	ns_link(pid, "pid", link, sizeof(link));
	snprintf(want, sizeof(want), "pid=%s ", link);
	expect_has(_metadata, self->r.out, want);
	/* Not the namespace's init: the holder is. */
	expect_lacks(_metadata, self->r.out, " 1\n");
	stop_holder(self->holder);
	self->holder = -1;
	expect_nothing_left(_metadata, "c1");
}

TEST_F(config, namespace_user_joined_by_path)
{
	char pid[16], path[64], link[128], want[160];
	struct stat st;

	self->holder = holder(CLONE_NEWUSER, NULL);
	ASSERT_LT(0, self->holder);
	snprintf(pid, sizeof(pid), "%d", self->holder);
	ASSERT_EQ(0, own_rootfs("100000:100000"));
	snprintf(path, sizeof(path), "/proc/%d/uid_map", self->holder);
	ASSERT_EQ(0, write_text(path, "0 100000 65536\n"));
	snprintf(path, sizeof(path), "/proc/%d/gid_map", self->holder);
	ASSERT_EQ(0, write_text(path, "0 100000 65536\n"));
	snprintf(path, sizeof(path), "/proc/%d/ns/user", self->holder);
	jadd(self->cfg, "linux/namespaces", ns_path("user", path));
	ASSERT_EQ(0, chmod(SHARED, 0777));
	jset(self->cfg, "process/args",
	     jstrings("sh", "-c", "echo user=$(readlink /proc/self/ns/user) $(id -u);"
		      " touch " SHARED "/by-root", NULL));
	ASSERT_EQ(0, run_in(self->cfg, &self->r, "c1"))
	{
		TH_LOG("run: %s%s", self->r.out, self->r.err);
	}
	ns_link(pid, "user", link, sizeof(link));
	snprintf(want, sizeof(want), "user=%s 0\n", link);
	expect_has(_metadata, self->r.out, want);
	ASSERT_EQ(0, stat(SHARED "/by-root", &st));
	EXPECT_EQ(100000, st.st_uid);
}

TEST_F(config, user_namespace_maps_ids)
{
	struct stat st;

	jadd(self->cfg, "linux/namespaces", jtext("{'type': 'user'}"));
	map_ids(self->cfg, "100000", "200000");
	ASSERT_EQ(0, own_rootfs("100000:200000"));
	ASSERT_EQ(0, chmod(SHARED, 0777));
	jset(self->cfg, "process/args",
	     jstrings("sh", "-c", "id -u; id -g; touch " SHARED "/by-root", NULL));
	ASSERT_EQ(0, run_in(self->cfg, &self->r, "c1"))
	{
		TH_LOG("run: %s%s", self->r.out, self->r.err);
	}
	EXPECT_STREQ("0\n0\n", self->r.out);
	ASSERT_EQ(0, stat(SHARED "/by-root", &st));
	EXPECT_EQ(100000, st.st_uid);
	EXPECT_EQ(200000, st.st_gid);
	/* Another user of the container: its ids are mapped the same way. */
	jset(self->cfg, "process/user", jtext("{'uid': 1000, 'gid': 1000}"));
	jset(self->cfg, "process/args",
	     jstrings("sh", "-c", "id -u; touch " SHARED "/by-user", NULL));
	ASSERT_EQ(0, run_in(self->cfg, &self->r, "c2"))
	{
		TH_LOG("run: %s%s", self->r.out, self->r.err);
	}
	EXPECT_STREQ("1000\n", self->r.out);
	ASSERT_EQ(0, stat(SHARED "/by-user", &st));
	EXPECT_EQ(101000, st.st_uid);
	EXPECT_EQ(201000, st.st_gid);
}

/*
 * maskedPaths, readonlyPaths, sysctl
 */

TEST_F(config, masked_paths_read_empty)
{
	ASSERT_EQ(0, system("mkdir -p " ROOTFS "/secret-dir && echo s1 > "
			    ROOTFS "/secret-dir/inside && echo s2 > " ROOTFS "/secret-file"));
	jset(self->cfg, "linux/maskedPaths",
	     jstrings("/proc/kcore", "/secret-dir", "/secret-file",
		      "/does-not-exist", NULL));
	jset(self->cfg, "process/args",
	     jstrings("sh", "-c", "exec 2>&1; stat -c kcore=%t,%T /proc/kcore;"
		      " cat /secret-file; ls -A /secret-dir; touch /secret-dir/x;"
		      " echo end", NULL));
	ASSERT_EQ(0, run_in(self->cfg, &self->r, "c1"))
	{
		TH_LOG("run: %s%s", self->r.out, self->r.err);
	}
	/* A file is /dev/null underneath; a directory an empty read-only tmpfs. */
	if (!access("/proc/kcore", F_OK))
		expect_has(_metadata, self->r.out, "kcore=1,3\n");
	expect_lacks(_metadata, self->r.out, "s2");
	expect_lacks(_metadata, self->r.out, "inside");
	expect_has(_metadata, self->r.out, "Read-only file system");
	expect_has(_metadata, self->r.out, "end\n");
}

TEST_F(config, readonly_paths_refuse_writes)
{
	ASSERT_EQ(0, system("mkdir -p " ROOTFS "/rodir && echo ro > " ROOTFS "/rodir/file"));
	jset(self->cfg, "linux/readonlyPaths", jstrings("/proc/sys", "/rodir", NULL));
	jset(self->cfg, "process/args",
	     jstrings("sh", "-c", "exec 2>&1; echo 1 > /proc/sys/kernel/shmmni;"
		      " touch /rodir/new; cat /rodir/file; touch /rw && echo root-rw",
		      NULL));
	ASSERT_EQ(0, run_in(self->cfg, &self->r, "c1"))
	{
		TH_LOG("run: %s%s", self->r.out, self->r.err);
	}
	EXPECT_EQ(2, count_of(self->r.out, "Read-only file system"))
	{
		TH_LOG("run: %s", self->r.out);
	}
	expect_has(_metadata, self->r.out, "ro\nroot-rw\n");
}

TEST_F(config, sysctls_are_written_in_the_namespaces)
{
	char before[64], after[64];

	slurp("/proc/sys/kernel/shmmni", before, sizeof(before));
	jadd(self->cfg, "linux/namespaces", jtext("{'type': 'network'}"));
	jset(self->cfg, "linux/sysctl",
	     jtext("{'kernel.shmmni': '1234', 'net.ipv4.ip_forward': '1'}"));
	jset(self->cfg, "process/args",
	     jstrings("cat", "/proc/sys/kernel/shmmni",
		      "/proc/sys/net/ipv4/ip_forward", NULL));
	ASSERT_EQ(0, run_in(self->cfg, &self->r, "c1"))
	{
		TH_LOG("run: %s%s", self->r.out, self->r.err);
	}
	EXPECT_STREQ("1234\n1\n", self->r.out);
	slurp("/proc/sys/kernel/shmmni", after, sizeof(after));
	EXPECT_STREQ(before, after);
}

/*
 * linux.resources, in cgroup v2
 */

/* Expect the file @name of the cgroup @dir to read @value. */
static void expect_cgroup_file(struct __test_metadata *const _metadata,
			       const char *const dir, const char *const name,
			       const char *const value)
{
	char path[512], buf[256];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	slurp(path, buf, sizeof(buf));
	EXPECT_STREQ(value, buf)
	{
		TH_LOG("%s", path);
	}
}

TEST_F(config, cgroup_resources_are_written)
{
	struct json_object *st;
	char cgroup[256], procs[512], pid[32];

	if (access("/sys/fs/cgroup/cgroup.controllers", F_OK))
		SKIP(return, "cgroup v2 is not mounted on /sys/fs/cgroup");
	jset(self->cfg, "linux/resources",
	     jtext("{'memory': {'limit': 67108864, 'reservation': 33554432},\n"
		   " 'pids': {'limit': 42},\n"
		   " 'cpu': {'shares': 512, 'quota': 50000, 'period': 100000}}"));
	jadd(self->cfg, "linux/namespaces", jtext("{'type': 'cgroup'}"));
	jadd(self->cfg, "mounts",
	     jtext("{'destination': '/sys/fs/cgroup', 'type': 'cgroup2',\n"
		   " 'source': 'cgroup2'}"));
	jset(self->cfg, "process/args", jstrings("sleep", "100", NULL));
	ASSERT_EQ(0, run_detached(self->cfg, &self->r, "c1"))
	{
		TH_LOG("run: %s%s", self->r.out, self->r.err);
	}
	/* The host's view: the path the state records. */
	st = state_file("c1");
	ASSERT_NE(NULL, st);
	snprintf(cgroup, sizeof(cgroup), "%s", jstr(st, "cgroup"));
	json_object_put(st);
	EXPECT_STREQ(CGROUP_OF("c1"), cgroup);
	expect_cgroup_file(_metadata, cgroup, "memory.max", "67108864\n");
	expect_cgroup_file(_metadata, cgroup, "memory.low", "33554432\n");
	expect_cgroup_file(_metadata, cgroup, "pids.max", "42\n");
	expect_cgroup_file(_metadata, cgroup, "cpu.max", "50000 100000\n");
	/* runc's conversion: 1 + (512 - 2) * 9999 / 262142 */
	expect_cgroup_file(_metadata, cgroup, "cpu.weight", "20\n");
	snprintf(pid, sizeof(pid), "%d\n", init_pid("c1"));
	snprintf(procs, sizeof(procs), "%s/cgroup.procs", cgroup);
	slurp(procs, procs, sizeof(procs));
	EXPECT_STREQ(pid, procs);
	/* The container's view, through its cgroup namespace. */
	ASSERT_EQ(0, rl(&self->r, "exec", "c1", "cat", "/sys/fs/cgroup/memory.max",
			"/sys/fs/cgroup/pids.max", "/sys/fs/cgroup/cpu.max",
			"/proc/self/cgroup", NULL));
	EXPECT_STREQ("67108864\n42\n50000 100000\n0::/\n", self->r.out);
	ASSERT_EQ(0, rl(&self->r, "delete", "--force", "c1", NULL));
	EXPECT_EQ(-1, access(cgroup, F_OK));
}

TEST_F(config, cgroup_path_is_honoured)
{
	jset(self->cfg, "linux/cgroupsPath", json_object_new_string("/rc-test/box"));
	jset(self->cfg, "linux/resources", jtext("{'pids': {'limit': 7}}"));
	jset(self->cfg, "process/args", jstrings("sleep", "100", NULL));
	ASSERT_EQ(0, run_detached(self->cfg, &self->r, "c1"))
	{
		TH_LOG("run: %s%s", self->r.out, self->r.err);
	}
	expect_cgroup_file(_metadata, "/sys/fs/cgroup/rc-test/box", "pids.max", "7\n");
	ASSERT_EQ(0, rl(&self->r, "delete", "--force", "c1", NULL));
	EXPECT_EQ(-1, access("/sys/fs/cgroup/rc-test/box", F_OK));
	expect_nothing_left(_metadata, "c1");
}

/*
 * hooks
 */

/*
 * The kinds, in the order the lifecycle runs them, and their status.  The
 * first three run once the container's environment exists (after step 2
 * of the spec's lifecycle): "created", as crun passes (runc: "creating").
 */
static const char *const hook_kinds[][2] = {
	{ "prestart", "created" }, { "createRuntime", "created" },
	{ "createContainer", "created" }, { "startContainer", "created" },
	{ "poststart", "running" }, { "poststop", "stopped" },
};

TEST_F(config, hooks_run_once_in_order_with_the_state)
{
	struct json_object *st;
	char path[128], order[512];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(hook_kinds); i++) {
		snprintf(path, sizeof(path), "hooks/%s", hook_kinds[i][0]);
		jadd(self->cfg, path, hook(RECORD_HOOK, hook_kinds[i][0]));
	}
	jset(self->cfg, "process/args", jstrings("sleep", "100", NULL));
	ASSERT_EQ(0, create_in(self->cfg, &self->r, "c1"))
	{
		TH_LOG("create: %s%s", self->r.out, self->r.err);
	}
	ASSERT_EQ(0, rl(&self->r, "start", "c1", NULL))
	{
		TH_LOG("start: %s", self->r.err);
	}
	ASSERT_EQ(0, rl(&self->r, "kill", "c1", "KILL", NULL));
	ASSERT_TRUE(wait_state("c1", "stopped"));
	ASSERT_EQ(0, rl(&self->r, "delete", "c1", NULL))
	{
		TH_LOG("delete: %s", self->r.err);
	}
	slurp(SHARED "/order", order, sizeof(order));
	EXPECT_STREQ("prestart\ncreateRuntime\ncreateContainer\nstartContainer\n"
		     "poststart\npoststop\n", order);
	for (i = 0; i < ARRAY_SIZE(hook_kinds); i++) {
		snprintf(path, sizeof(path), SHARED "/%s.json", hook_kinds[i][0]);
		st = json_object_from_file(path);
		ASSERT_NE(NULL, st)
		{
			TH_LOG("%s: no state on stdin", hook_kinds[i][0]);
		}
		EXPECT_STREQ("c1", jstr(st, "id"));
		EXPECT_STREQ(BUNDLE, jstr(st, "bundle"));
		EXPECT_STREQ(hook_kinds[i][1], jstr(st, "status"))
		{
			TH_LOG("%s", hook_kinds[i][0]);
		}
		json_object_put(st);
	}
	expect_nothing_left(_metadata, "c1");
}

/*
 * The runtime spec: "Any updates to config.json after this step MUST NOT
 * affect the container."  start runs what create read, config.json gone.
 */
TEST_F(config, start_does_not_read_config_json_again)
{
	char order[512];

	jadd(self->cfg, "hooks/startContainer", hook(RECORD_HOOK, "startContainer"));
	jadd(self->cfg, "hooks/poststart", hook(RECORD_HOOK, "poststart"));
	jset(self->cfg, "process/args", jstrings("sleep", "100", NULL));
	ASSERT_EQ(0, create_in(self->cfg, &self->r, "c1"))
	{
		TH_LOG("create: %s%s", self->r.out, self->r.err);
	}
	ASSERT_EQ(0, system("echo 'not json' > " BUNDLE "/config.json"));
	EXPECT_EQ(0, rl(&self->r, "start", "c1", NULL))
	{
		TH_LOG("start: %s", self->r.err);
	}
	EXPECT_TRUE(wait_state("c1", "running"));
	slurp(SHARED "/order", order, sizeof(order));
	EXPECT_STREQ("startContainer\npoststart\n", order);
	ASSERT_EQ(0, rl(&self->r, "delete", "--force", "c1", NULL));
	expect_nothing_left(_metadata, "c1");
}

/*
 * The runtime spec: a failing poststart hook is logged, and the remaining
 * hooks and the lifecycle continue.
 */
TEST_F(config, a_failing_poststart_hook_stops_nothing)
{
	char order[512];

	jadd(self->cfg, "hooks/poststart", hook("echo $1 >> " SHARED "/order; exit 3", "first"));
	jadd(self->cfg, "hooks/poststart", hook(RECORD_HOOK, "second"));
	jset(self->cfg, "process/args", jstrings("sleep", "100", NULL));
	ASSERT_EQ(0, create_in(self->cfg, &self->r, "c1"))
	{
		TH_LOG("create: %s%s", self->r.out, self->r.err);
	}
	EXPECT_EQ(0, rl(&self->r, "start", "c1", NULL))
	{
		TH_LOG("start: %s", self->r.err);
	}
	EXPECT_NE(NULL, strstr(self->r.err, "exited with status 3"))
	{
		TH_LOG("no warning: %s", self->r.err);
	}
	EXPECT_TRUE(wait_state("c1", "running"));
	slurp(SHARED "/order", order, sizeof(order));
	EXPECT_STREQ("first\nsecond\n", order);
	ASSERT_EQ(0, rl(&self->r, "delete", "--force", "c1", NULL));
	expect_nothing_left(_metadata, "c1");
}

/*
 * The runtime spec: a failing prestart, createRuntime or createContainer
 * hook stops the container, and the lifecycle goes on at its destruction,
 * then the poststop hooks.  "create" fails and leaves nothing.
 */
TEST_F(config, a_failing_create_hook_runs_the_poststop_hooks)
{
	struct json_object *st;
	char path[64], order[512];
	size_t kind;

	for (kind = 0; kind < 3; kind++) {
		json_object_put(self->cfg);
		self->cfg = jtext(base_config);
		unlink(SHARED "/order");
		unlink(SHARED "/poststop.json");
		snprintf(path, sizeof(path), "hooks/%s", hook_kinds[kind][0]);
		jadd(self->cfg, path,
		     hook("echo $1 >> " SHARED "/order; exit 3", hook_kinds[kind][0]));
		jadd(self->cfg, "hooks/poststop", hook(RECORD_HOOK, "poststop"));
		EXPECT_EQ(1, create_in(self->cfg, &self->r, "c1"))
		{
			TH_LOG("%s: create: %s", hook_kinds[kind][0], self->r.err);
		}
		expect_has(_metadata, self->r.err, "exited with status 3");
		slurp(SHARED "/order", order, sizeof(order));
		snprintf(path, sizeof(path), "%s\npoststop\n", hook_kinds[kind][0]);
		EXPECT_STREQ(path, order);
		st = json_object_from_file(SHARED "/poststop.json");
		ASSERT_NE(NULL, st);
		EXPECT_STREQ("stopped", jstr(st, "status"));
		json_object_put(st);
		expect_nothing_left(_metadata, "c1");
	}
}

/*
 * A failing startContainer hook: "start" fails, the process never runs,
 * the container is destroyed and its poststop hooks run.
 */
TEST_F(config, a_failing_start_container_hook_destroys_the_container)
{
	char order[512];

	jadd(self->cfg, "hooks/startContainer",
	     hook("echo $1 >> " SHARED "/order; exit 3", "startContainer"));
	jadd(self->cfg, "hooks/poststart", hook(RECORD_HOOK, "poststart"));
	jadd(self->cfg, "hooks/poststop", hook(RECORD_HOOK, "poststop"));
	jset(self->cfg, "process/args",
	     jstrings("sh", "-c", "echo process >> " SHARED "/order", NULL));
	ASSERT_EQ(0, create_in(self->cfg, &self->r, "c1"))
	{
		TH_LOG("create: %s%s", self->r.out, self->r.err);
	}
	EXPECT_EQ(1, rl(&self->r, "start", "c1", NULL));
	expect_has(_metadata, self->r.err, "exited with status 3");
	EXPECT_EQ(1, rl(&self->r, "state", "c1", NULL));
	expect_nothing_left(_metadata, "c1");
	slurp(SHARED "/order", order, sizeof(order));
	EXPECT_STREQ("startContainer\npoststop\n", order);
	/* An engine's delete afterwards finds nothing, and that is fine. */
	EXPECT_EQ(0, rl(&self->r, "delete", "--force", "c1", NULL));
}

/*
 * A createContainer hook's path resolves in the runtime's namespace, a
 * startContainer hook's in the container's; both run in the container's.
 */
TEST_F(config, hooks_paths_resolve_where_the_spec_says)
{
	struct json_object *h;
	char mnt[128], want[160], order[512];

	ASSERT_EQ(0, system("mkdir -p " HOSTONLY " && cp /bin/busybox " HOSTONLY
			    " && cp /bin/busybox " ROOTFS "/bin/only-in-container"));
	h = hook("readlink /proc/self/ns/mnt > " SHARED "/$1.ns;"
		 " echo $1 >> " SHARED "/order", "createContainer");
	jset(h, "path", json_object_new_string(HOSTONLY "/busybox"));
	jadd(self->cfg, "hooks/createContainer", h);
	h = hook("readlink /proc/self/ns/mnt > " SHARED "/$1.ns;"
		 " echo $1 >> " SHARED "/order", "startContainer");
	jset(h, "path", json_object_new_string("/bin/only-in-container"));
	jadd(self->cfg, "hooks/startContainer", h);
	jset(self->cfg, "process/args", jstrings("sleep", "100", NULL));
	ASSERT_EQ(0, create_in(self->cfg, &self->r, "c1"))
	{
		TH_LOG("create: %s", self->r.err);
	}
	ASSERT_EQ(0, rl(&self->r, "start", "c1", NULL))
	{
		TH_LOG("start: %s", self->r.err);
	}
	slurp(SHARED "/order", order, sizeof(order));
	EXPECT_STREQ("createContainer\nstartContainer\n", order);
	snprintf(want, sizeof(want), "%d", init_pid("c1"));
	ns_link(want, "mnt", mnt, sizeof(mnt));
	snprintf(want, sizeof(want), "%s\n", mnt);
	slurp(SHARED "/createContainer.ns", order, sizeof(order));
	EXPECT_STREQ(want, order);
	slurp(SHARED "/startContainer.ns", order, sizeof(order));
	EXPECT_STREQ(want, order);
}

/*
 * annotations
 */

/* A profile that denies mkdir with EACCES. */
static const char deny_mkdir[] =
	"{'defaultAction': 'SCMP_ACT_ALLOW', 'syscalls': [{'names': ['mkdir',\n"
	" 'mkdirat'], 'action': 'SCMP_ACT_ERRNO', 'errnoRet': 13}]}";

TEST_F(config, annotation_policy_replaces_the_profile)
{
	struct json_object *policy = jtext(deny_mkdir);

	ASSERT_EQ(0, json_object_to_file(BUNDLE "/policy.json", policy));
	json_object_put(policy);
	/* linux.seccomp would deny uname: the policy file replaces it. */
	jset(self->cfg, "linux/seccomp",
	     jtext("{'defaultAction': 'SCMP_ACT_ALLOW', 'syscalls':\n"
		   " [{'names': ['uname'], 'action': 'SCMP_ACT_ERRNO'}]}"));
	jset(self->cfg, "annotations/ksentry.policy",
	     json_object_new_string("policy.json"));
	jset(self->cfg, "process/args",
	     jstrings("sh", "-c", "uname -s; mkdir /tmp/x", NULL));
	EXPECT_EQ(1, run_in(self->cfg, &self->r, "c1"));
	expect_has(_metadata, self->r.out, "Linux\n");
	expect_has(_metadata, self->r.err, "Permission denied");
}

/* exec's own options: --env, --cwd, --process, --detach, --pid-file. */
TEST_F(config, exec_options)
{
	char buf[64];
	FILE *f;
	pid_t pid = 0;

	jset(self->cfg, "process/args", jstrings("sleep", "100", NULL));
	ASSERT_EQ(0, run_detached(self->cfg, &self->r, "c1"))
	{
		TH_LOG("run: %s", self->r.err);
	}
	EXPECT_EQ(0, rl(&self->r, "exec", "--env", "FOO=bar", "--cwd", "/tmp",
			"c1", "sh", "-c", "echo $FOO; pwd", NULL));
	EXPECT_STREQ("bar\n/tmp\n", self->r.out);
	/* A whole process description, another user included. */
	f = fopen("/tmp/rc-process.json", "w");
	ASSERT_NE(NULL, f);
	fputs("{\"args\": [\"sh\", \"-c\", \"id -u; echo $X\"],\n"
	      " \"env\": [\"X=y\", \"PATH=/bin\"], \"cwd\": \"/\",\n"
	      " \"user\": {\"uid\": 1000, \"gid\": 1000}}\n", f);
	ASSERT_EQ(0, fclose(f));
	EXPECT_EQ(0, rl(&self->r, "exec", "--process", "/tmp/rc-process.json",
			"c1", NULL))
	{
		TH_LOG("exec --process: %s", self->r.err);
	}
	EXPECT_STREQ("1000\ny\n", self->r.out);
	/* Detached, with its pid written. */
	unlink("/tmp/rc-exec.pid");
	EXPECT_EQ(0, rl(&self->r, "exec", "--detach", "--pid-file",
			"/tmp/rc-exec.pid", "c1", "sleep", "30", NULL));
	f = fopen("/tmp/rc-exec.pid", "r");
	ASSERT_NE(NULL, f);
	if (fgets(buf, sizeof(buf), f))
		pid = atoi(buf);
	fclose(f);
	ASSERT_LT(0, pid);
	EXPECT_EQ(0, kill(pid, 0));
	/* An exec'd process is a member: the sandbox has one more task. */
	EXPECT_EQ(0, rl(&self->r, "ps", "--format", "json", "c1", NULL));
	snprintf(buf, sizeof(buf), "%d", pid);
	expect_has(_metadata, self->r.out, buf);
	EXPECT_EQ(0, rl(&self->r, "delete", "--force", "c1", NULL));
	unlink("/tmp/rc-process.json");
	unlink("/tmp/rc-exec.pid");
}

TEST_F_TIMEOUT(config, exec_tty_through_console_socket, 60)
{
	static const char *const args[] = {
		"exec", "--tty", "--console-socket", CONSOLE, "c1", "sh", "-c",
		"tty; echo done", NULL,
	};
	struct sockaddr_un addr = { .sun_family = AF_UNIX, .sun_path = CONSOLE };
	int lsock, sock, master;
	char tty[4096];
	pid_t pid;

	jadd(self->cfg, "mounts",
	     jtext("{'destination': '/dev/pts', 'type': 'devpts', 'source': 'devpts',\n"
		   " 'options': ['nosuid', 'noexec', 'newinstance',\n"
		   " 'ptmxmode=0666', 'mode=0620']}"));
	jset(self->cfg, "process/args", jstrings("sleep", "100", NULL));
	ASSERT_EQ(0, run_detached(self->cfg, &self->r, "c1"));
	lsock = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	ASSERT_LE(0, lsock);
	unlink(CONSOLE);
	ASSERT_EQ(0, bind(lsock, (struct sockaddr *)&addr, sizeof(addr)));
	ASSERT_EQ(0, listen(lsock, 1));
	pid = spawn_rl(args, OUT, ERR, NULL);
	ASSERT_LT(0, pid);
	sock = accept_within(lsock);
	ASSERT_LE(0, sock);
	master = recv_fd(sock);
	ASSERT_LE(0, master);
	read_until(master, tty, sizeof(tty), "done");
	EXPECT_EQ(0, wait_status(pid));
	expect_has(_metadata, tty, "/dev/pts/");
	expect_has(_metadata, tty, "done");
	close(master);
	close(sock);
	close(lsock);
	unlink(CONSOLE);
	EXPECT_EQ(0, rl(&self->r, "delete", "--force", "c1", NULL));
}

/*
 * ksentry.sandbox "none" is a request the operator must allow: a bundle's
 * annotations often come from whoever runs the container (podman run
 * --annotation, a pod's metadata), so on its own it is refused and
 * leaves nothing.  With the runtime's --unsandboxed, containers run
 * without a sandbox: with a warning, no sandbox, and sandboxId 0.
 */
TEST_F(config, annotation_sandbox_none_needs_the_operator)
{
	struct json_object *st, *v;

	jset(self->cfg, "linux/seccomp", jtext(deny_mkdir));
	jset(self->cfg, "annotations/ksentry.sandbox", json_object_new_string("none"));
	jset(self->cfg, "process/args", jstrings("sleep", "100", NULL));
	EXPECT_EQ(1, run_detached(self->cfg, &self->r, "c1"));
	expect_has(_metadata, self->r.err, "ksentry.sandbox");
	expect_has(_metadata, self->r.err, "--unsandboxed");
	EXPECT_EQ(0, sandboxes());
	EXPECT_EQ(NULL, state_file("c1"));
	/* The operator's --unsandboxed allows it. */
	EXPECT_EQ(0, rl(&self->r, "--unsandboxed", "run", "--detach", "--no-pivot",
			"--bundle", BUNDLE, "c1", NULL))
	{
		TH_LOG("run: %s", self->r.err);
	}
	expect_has(_metadata, self->r.err, "WITHOUT a ksentry sandbox");
	st = state_file("c1");
	ASSERT_NE(NULL, st);
	ASSERT_TRUE(json_object_object_get_ex(st, "sandboxId", &v));
	EXPECT_EQ(0, json_object_get_int64(v));
	json_object_put(st);
	EXPECT_EQ(0, sandboxes());
	/* Nothing enforces the profile. */
	EXPECT_EQ(0, rl(&self->r, "exec", "c1", "mkdir", "/tmp/x", NULL));
	EXPECT_EQ(1, rl(&self->r, "stats", "c1", NULL));
	expect_has(_metadata, self->r.err, "unsandboxed");
	/* "ksentry", the default, sandboxes. */
	jset(self->cfg, "annotations/ksentry.sandbox", json_object_new_string("ksentry"));
	jset(self->cfg, "process/args", jstrings("mkdir", "/tmp/x", NULL));
	EXPECT_EQ(1, run_in(self->cfg, &self->r, "c2"));
	expect_has(_metadata, self->r.err, "Permission denied");
}

/* The entry of syscall @name in "stats --format json @id", as JSON text. */
static void stats_entry(const char *const id, const char *const name,
			char *const buf, const size_t size)
{
	struct json_object *o, *calls, *e;
	struct result r;
	size_t i;

	buf[0] = '\0';
	if (rl(&r, "stats", "--format", "json", id, NULL))
		return;
	o = parse_clean(r.out);
	calls = jobj(o, "syscalls", false);
	for (i = 0; calls && i < json_object_array_length(calls); i++) {
		e = json_object_array_get_idx(calls, i);
		if (!strcmp(jstr(e, "name"), name))
			snprintf(buf, size, "%s", json_object_to_json_string(e));
	}
	json_object_put(o);
}

/*
 * ksentry.trace as the sandbox's counters show it: "deny" keeps the
 * profile's actions, "all" makes every ALLOW a LOG, "none" every LOG an
 * ALLOW.  The profile logs uname; execve is allowed.
 */
TEST_F(config, annotation_trace_levels)
{
	static const struct {
		const char *mode, *id, *uname, *execve, *not_execve;
	} cases[] = {
		{ "deny", "c1", "\"log\"", "\"allow\"", "\"log\"" },
		{ "all", "c2", "\"log\"", "\"log\"", "\"allow\"" },
		{ "none", "c3", "\"allow\"", "\"allow\"", "\"log\"" },
	};
	char entry[512];
	size_t i;
	int tries;

	jset(self->cfg, "linux/seccomp",
	     jtext("{'defaultAction': 'SCMP_ACT_ALLOW', 'syscalls':\n"
		   " [{'names': ['uname'], 'action': 'SCMP_ACT_LOG'}]}"));
	jset(self->cfg, "process/args",
	     jstrings("sh", "-c", "uname; exec sleep 100", NULL));
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		jset(self->cfg, "annotations/ksentry.trace",
		     json_object_new_string(cases[i].mode));
		ASSERT_EQ(0, run_detached(self->cfg, &self->r, cases[i].id))
		{
			TH_LOG("%s: %s", cases[i].mode, self->r.err);
		}
		/* Wait for the call, not for a time: guests can be slow. */
		for (tries = 0; tries < 600; tries++) {
			stats_entry(cases[i].id, "uname", entry, sizeof(entry));
			if (entry[0])
				break;
			usleep(100000);
		}
		expect_has(_metadata, entry, cases[i].uname);
		/* A stats read can come back empty now and then: read again. */
		for (tries = 0; tries < 600; tries++) {
			stats_entry(cases[i].id, "execve", entry, sizeof(entry));
			if (entry[0])
				break;
			usleep(100000);
		}
		expect_has(_metadata, entry, cases[i].execve);
		expect_lacks(_metadata, entry, cases[i].not_execve);
		EXPECT_EQ(0, rl(&self->r, "delete", "--force", cases[i].id, NULL));
	}
}

/*
 * The sandbox's view: default emulation, its CPUs from the limits
 */

/* The limits of the view tests: 256 MiB, two CPUs' worth of quota. */
#define VIEW_MEMORY_KIB 262144UL
#define VIEW_RESOURCES "{'memory': {'limit': 268435456},\n" \
	" 'cpu': {'quota': 200000, 'period': 100000}}"

/* What the view tests run: each command's output after "@@ name". */
#define VIEW_SCRIPT "echo @@ nproc; nproc; echo @@ free; free;" \
	" echo @@ meminfo; cat /proc/meminfo; echo @@ proc_uptime;" \
	" cat /proc/uptime; echo @@ uptime; uptime; echo @@ top; top -bn1;" \
	" echo @@ cpuinfo; cat /proc/cpuinfo; echo @@ end"

/* The output of @name in the output of VIEW_SCRIPT, into @buf. */
static void view_section(const char *const out, const char *const name,
			 char *const buf, const size_t size)
{
	char mark[64];
	const char *p, *end;

	buf[0] = '\0';
	snprintf(mark, sizeof(mark), "@@ %s\n", name);
	p = strstr(out, mark);
	if (!p)
		return;
	p += strlen(mark);
	end = strstr(p, "@@ ");
	snprintf(buf, size, "%.*s", (int)(end ? end - p : (long)strlen(p)), p);
}

/* The line of @text that starts with @prefix, or NULL. */
static const char *line_starting(const char *text, const char *const prefix)
{
	const size_t n = strlen(prefix);

	for (; *text; text += strcspn(text, "\n") + !!text[strcspn(text, "\n")])
		if (!strncmp(text, prefix, n))
			return text;
	return NULL;
}

/* MemTotal of a /proc/meminfo's text, in kB; 0 if it has none. */
static unsigned long mem_total(const char *const meminfo)
{
	const char *line = line_starting(meminfo, "MemTotal:");
	unsigned long kb;

	if (line && sscanf(line, "MemTotal: %lu kB", &kb) == 1)
		return kb;
	return 0;
}

/*
 * The total of free's "Mem:" line (KiB, free's default unit); 0 if none.
 * free right-aligns each number under its heading and, when a number
 * outgrows its column, runs it into the one before: the total is the
 * digits that end where the heading "total" ends.
 */
static unsigned long free_total(const char *const free_out)
{
	const char *line = line_starting(free_out, "Mem:");
	const char *head = strstr(free_out, "total");
	const char *bol, *end, *start;
	char digits[32];

	if (!line || !head || head > line)
		return 0;
	for (bol = head; bol > free_out && bol[-1] != '\n';)
		bol--;
	end = line + (head + strlen("total") - bol);
	if ((size_t)(end - line) > strcspn(line, "\n"))
		return 0;
	for (start = end; start > line && start[-1] >= '0' && start[-1] <= '9';)
		start--;
	if (start == end || end - start >= (long)sizeof(digits))
		return 0;
	snprintf(digits, sizeof(digits), "%.*s", (int)(end - start), start);
	return strtoul(digits, NULL, 10);
}

/*
 * The uptime busybox's uptime printed, in whole minutes: after " up ",
 * "N day(s), " maybe, then "H:MM" or "N min".  -1 if it is neither.
 */
static long uptime_minutes(const char *const text)
{
	const char *p = strstr(text, " up ");
	long days = 0, hours, minutes;
	int len = 0;

	if (!p)
		return -1;
	p += 4;
	if (sscanf(p, "%ld day%n", &days, &len) == 1 && len) {
		p = strchr(p, ',');
		if (!p)
			return -1;
		p++;
	} else {
		days = 0;
	}
	len = 0;
	if (sscanf(p, "%ld:%ld%n", &hours, &minutes, &len) == 2 && len)
		return (days * 24 + hours) * 60 + minutes;
	len = 0;
	if (sscanf(p, "%ld min%n", &minutes, &len) == 1 && len)
		return days * 24 * 60 + minutes;
	return -1;
}

/* How many CPUs this process may run on: what nproc prints here. */
static int allowed_cpus(void)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	if (sched_getaffinity(0, sizeof(set), &set))
		return -1;
	return CPU_COUNT(&set);
}

/*
 * No ksentry.emulate: the safe set and the view, its CPUs from the quota
 * (ceil(200000 / 100000) = 2), its memory from the memory cgroup.  nproc
 * (sched_getaffinity), free and uptime (sysinfo) are answered by the
 * emulated calls; /proc/meminfo, /proc/uptime and /proc/cpuinfo, which
 * top and cat open, are the virtual files.
 */
TEST_F(config, default_emulation_shows_the_limits)
{
	char sect[8192], cpuinfo[16384], host[256];
	unsigned long used = 0, mfree = 0;
	double inside = -1, outside = -1;
	int host_cpus, want_cpus, n;
	long minutes;
	const char *line;

	if (access("/sys/fs/cgroup/cgroup.controllers", F_OK))
		SKIP(return, "cgroup v2 is not mounted on /sys/fs/cgroup");
	host_cpus = allowed_cpus();
	ASSERT_LT(0, host_cpus);
	want_cpus = host_cpus < 2 ? host_cpus : 2;
	if (want_cpus < 2)
		TH_LOG("the guest has %d CPU (get_nprocs() %d): the view can only show 1",
		       host_cpus, get_nprocs());
	jset(self->cfg, "linux/resources", jtext(VIEW_RESOURCES));
	jset(self->cfg, "process/args", jstrings("sh", "-c", VIEW_SCRIPT, NULL));
	ASSERT_EQ(0, run_in(self->cfg, &self->r, "c1"))
	{
		TH_LOG("run: %s%s", self->r.out, self->r.err);
	}
	/* Read after the container ran: the host was up before it. */
	slurp("/proc/uptime", host, sizeof(host));
	n = sscanf(host, "%lf", &outside);
	ASSERT_EQ(1, n);

	view_section(self->r.out, "nproc", sect, sizeof(sect));
	EXPECT_EQ(want_cpus, atoi(sect))
	{
		TH_LOG("nproc printed \"%s\"; the guest has %d", sect, host_cpus);
	}
	view_section(self->r.out, "free", sect, sizeof(sect));
	EXPECT_EQ(VIEW_MEMORY_KIB, free_total(sect))
	{
		TH_LOG("free printed:\n%s", sect);
	}
	view_section(self->r.out, "meminfo", sect, sizeof(sect));
	EXPECT_EQ(VIEW_MEMORY_KIB, mem_total(sect))
	{
		TH_LOG("/proc/meminfo read:\n%s", sect);
	}
	/* Counted from the sandbox's start, so below the host's. */
	view_section(self->r.out, "proc_uptime", sect, sizeof(sect));
	n = sscanf(sect, "%lf", &inside);
	EXPECT_EQ(1, n)
	{
		TH_LOG("/proc/uptime read \"%s\"", sect);
	}
	EXPECT_LE(0, inside);
	EXPECT_GT(outside, inside)
	{
		TH_LOG("/proc/uptime: %.2f inside, %.2f on the host", inside,
		       outside);
	}
	/* uptime prints whole minutes: not above the host's. */
	view_section(self->r.out, "uptime", sect, sizeof(sect));
	minutes = uptime_minutes(sect);
	EXPECT_LE(0, minutes)
	{
		TH_LOG("uptime printed \"%s\"", sect);
	}
	EXPECT_GE((long)(outside / 60), minutes)
	{
		TH_LOG("uptime printed \"%s\"; the host is up %.2f s", sect,
		       outside);
	}
	/* busybox top: used = MemTotal - MemFree, so used + free = MemTotal. */
	view_section(self->r.out, "top", sect, sizeof(sect));
	line = line_starting(sect, "Mem: ");
	ASSERT_NE(NULL, line)
	{
		TH_LOG("top printed:\n%s", sect);
	}
	n = sscanf(line, "Mem: %luK used, %luK free", &used, &mfree);
	EXPECT_EQ(2, n)
	{
		TH_LOG("top printed:\n%s", sect);
	}
	EXPECT_EQ(VIEW_MEMORY_KIB, used + mfree)
	{
		TH_LOG("top printed:\n%s", sect);
	}
	EXPECT_NE(NULL, line_starting(sect, "CPU:"))
	{
		TH_LOG("top printed:\n%s", sect);
	}
	/* /proc/cpuinfo lists only the sandbox's CPUs. */
	view_section(self->r.out, "cpuinfo", cpuinfo, sizeof(cpuinfo));
	EXPECT_EQ(want_cpus, count_of(cpuinfo, "\nprocessor\t:") +
			     !strncmp(cpuinfo, "processor\t:", 11))
	{
		TH_LOG("/proc/cpuinfo read:\n%s", cpuinfo);
	}
}

/* ksentry.emulate "none": the host's view, whatever the limits. */
TEST_F(config, emulation_none_shows_the_host)
{
	char sect[8192], host_meminfo[8192];
	struct sysinfo si;
	unsigned long host_total;
	int host_cpus;

	if (access("/sys/fs/cgroup/cgroup.controllers", F_OK))
		SKIP(return, "cgroup v2 is not mounted on /sys/fs/cgroup");
	host_cpus = allowed_cpus();
	ASSERT_LT(0, host_cpus);
	ASSERT_EQ(0, sysinfo(&si));
	/* As busybox's free scales it. */
	host_total = (unsigned long)(((unsigned long long)si.totalram *
				      si.mem_unit) >> 10);
	slurp("/proc/meminfo", host_meminfo, sizeof(host_meminfo));
	jset(self->cfg, "linux/resources", jtext(VIEW_RESOURCES));
	jset(self->cfg, "annotations/ksentry.emulate",
	     json_object_new_string("none"));
	jset(self->cfg, "process/args", jstrings("sh", "-c", VIEW_SCRIPT, NULL));
	ASSERT_EQ(0, run_in(self->cfg, &self->r, "c1"))
	{
		TH_LOG("run: %s%s", self->r.out, self->r.err);
	}
	view_section(self->r.out, "nproc", sect, sizeof(sect));
	EXPECT_EQ(host_cpus, atoi(sect))
	{
		TH_LOG("nproc printed \"%s\"; the guest has %d", sect, host_cpus);
	}
	view_section(self->r.out, "free", sect, sizeof(sect));
	EXPECT_EQ(host_total, free_total(sect))
	{
		TH_LOG("free printed:\n%s", sect);
	}
	EXPECT_NE(VIEW_MEMORY_KIB, free_total(sect));
	view_section(self->r.out, "meminfo", sect, sizeof(sect));
	EXPECT_EQ(mem_total(host_meminfo), mem_total(sect))
	{
		TH_LOG("/proc/meminfo read:\n%s", sect);
	}
}

/*
 * Refusals that keep what exists, and clean output
 */

TEST_F(config, bad_signal_keeps_the_container)
{
	static const char *const bad[] = { "SIGNOPE", "NOPE", "0", "99", "-9", "9x" };
	size_t i;

	jset(self->cfg, "process/args", jstrings("sleep", "100", NULL));
	ASSERT_EQ(0, run_detached(self->cfg, &self->r, "c1"));
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		EXPECT_EQ(1, rl(&self->r, "kill", "c1", bad[i], NULL));
		expect_has(_metadata, self->r.err, bad[i]);
	}
	EXPECT_TRUE(wait_state("c1", "running"));
	ASSERT_EQ(0, rl(&self->r, "kill", "c1", "SIGKILL", NULL));
	EXPECT_TRUE(wait_state("c1", "stopped"));
	ASSERT_EQ(0, rl(&self->r, "delete", "c1", NULL));
	expect_nothing_left(_metadata, "c1");
}

TEST_F(config, duplicate_id_keeps_the_first)
{
	pid_t pid;

	jset(self->cfg, "process/args", jstrings("sleep", "100", NULL));
	ASSERT_EQ(0, create_in(self->cfg, &self->r, "c1"));
	pid = init_pid("c1");
	ASSERT_LT(0, pid);
	EXPECT_EQ(1, create_in(self->cfg, &self->r, "c1"));
	expect_has(_metadata, self->r.err, "already exists");
	EXPECT_EQ(pid, init_pid("c1"));
	EXPECT_EQ(0, rl(&self->r, "start", "c1", NULL))
	{
		TH_LOG("start: %s", self->r.err);
	}
	EXPECT_TRUE(wait_state("c1", "running"));
	ASSERT_EQ(0, rl(&self->r, "delete", "--force", "c1", NULL));
	expect_nothing_left(_metadata, "c1");
}

/* Run @args: its stdout must be one JSON value, its stderr empty. */
static struct json_object *clean_json(struct __test_metadata *const _metadata,
				      struct result *const r,
				      const char *const args[])
{
	struct json_object *o;

	EXPECT_EQ(0, rlv(r, args));
	EXPECT_STREQ("", r->err);
	o = parse_clean(r->out);
	EXPECT_NE(NULL, o)
	{
		TH_LOG("%s: not one JSON value: %s", args[0], r->out);
	}
	return o;
}

TEST_F(config, state_list_and_ps_print_clean_json)
{
	static const char *const state[] = { "state", "c1", NULL };
	static const char *const list[] = { "list", "--format", "json", NULL };
	static const char *const ps[] = { "ps", "--format", "json", "c1", NULL };
	static const char *const stats[] = { "stats", "--format", "json", "c1", NULL };
	struct json_object *o;
	pid_t pid;

	jset(self->cfg, "annotations/org.example.key", json_object_new_string("v1"));
	jset(self->cfg, "process/args", jstrings("sleep", "100", NULL));
	ASSERT_EQ(0, run_detached(self->cfg, &self->r, "c1"));
	ASSERT_EQ(0, run_detached(self->cfg, &self->r, "c2"));
	pid = init_pid("c1");
	o = clean_json(_metadata, &self->r, state);
	EXPECT_STREQ("c1", jstr(o, "id"));
	EXPECT_STREQ("running", jstr(o, "status"));
	EXPECT_STREQ(BUNDLE, jstr(o, "bundle"));
	EXPECT_STREQ("v1", jstr(o, "annotations/org.example.key"));
	EXPECT_EQ(pid, json_object_get_int(jobj(o, "pid", false)));
	json_object_put(o);
	o = clean_json(_metadata, &self->r, list);
	EXPECT_EQ(2, o ? json_object_array_length(o) : 0);
	json_object_put(o);
	o = clean_json(_metadata, &self->r, ps);
	EXPECT_EQ(1, o ? json_object_array_length(o) : 0);
	EXPECT_EQ(pid, o ? json_object_get_int(json_object_array_get_idx(o, 0)) : 0);
	json_object_put(o);
	o = clean_json(_metadata, &self->r, stats);
	EXPECT_STREQ("c1", jstr(o, "id"));
	json_object_put(o);
	ASSERT_EQ(0, rl(&self->r, "kill", "c1", "KILL", NULL));
	ASSERT_TRUE(wait_state("c1", "stopped"));
	o = clean_json(_metadata, &self->r, state);
	EXPECT_EQ(0, json_object_get_int(jobj(o, "pid", false)));
	json_object_put(o);
	o = clean_json(_metadata, &self->r, ps);
	EXPECT_EQ(0, o ? json_object_array_length(o) : 1);
	json_object_put(o);
	ASSERT_EQ(0, rl(&self->r, "delete", "c1", NULL));
	ASSERT_EQ(0, rl(&self->r, "delete", "--force", "c2", NULL));
	o = clean_json(_metadata, &self->r, list);
	EXPECT_EQ(0, o ? json_object_array_length(o) : 1);
	json_object_put(o);
	expect_nothing_left(_metadata, "c1");
}

/*
 * Run "trace c1" while "exec c1 mkdir /tmp/denied" runs; its output and
 * errors land in @r.  The container must be running.
 */
static void trace_an_exec(struct __test_metadata *const _metadata,
			  struct result *const r)
{
	static const char *const args[] = { "trace", "c1", NULL };
	char enable[512], path[256], buf[8];
	pid_t pid;
	int i;

	pid = spawn_rl(args, SHARED "/trace.out", SHARED "/trace.err", NULL);
	ASSERT_LT(0, pid);
	/* Wait until trace has its instance with the event enabled. */
	snprintf(path, sizeof(path), TRACEFS "/instances/runsc-lite-%d", pid);
	snprintf(enable, sizeof(enable),
		 "%s/events/ksentry/ksentry_decision/enable", path);
	for (i = 0, buf[0] = '\0'; i < 100 && buf[0] != '1'; i++) {
		usleep(100000);
		slurp(enable, buf, sizeof(buf));
	}
	ASSERT_EQ('1', buf[0]);
	EXPECT_EQ(1, rl(r, "exec", "c1", "mkdir", "/tmp/denied", NULL));
	usleep(500000);
	ASSERT_EQ(0, kill(pid, SIGTERM));
	EXPECT_EQ(0, wait_status(pid));
	/* trace removes its instance when it stops. */
	EXPECT_EQ(-1, access(path, F_OK));
	slurp(SHARED "/trace.out", r->out, sizeof(r->out));
	slurp(SHARED "/trace.err", r->err, sizeof(r->err));
}

TEST_F(config, trace_prints_a_denied_call)
{
	if (access(TRACEFS "/instances", F_OK))
		SKIP(return, "tracefs is not mounted on %s", TRACEFS);
	jset(self->cfg, "linux/seccomp", jtext(deny_mkdir));
	jset(self->cfg, "process/args", jstrings("sleep", "100", NULL));
	ASSERT_EQ(0, run_detached(self->cfg, &self->r, "c1"));
	trace_an_exec(_metadata, &self->r);
	expect_has(_metadata, self->r.out, "mkdir");
	expect_has(_metadata, self->r.out, "EACCES");
	/* The calls emulated by default (exec's opens) are left out... */
	expect_lacks(_metadata, self->r.out, "(emulated");
	EXPECT_STREQ("", self->r.err);
}

/* ...unless ksentry.trace is "all": then they are printed too. */
TEST_F(config, trace_all_prints_emulated_calls)
{
	if (access(TRACEFS "/instances", F_OK))
		SKIP(return, "tracefs is not mounted on %s", TRACEFS);
	jset(self->cfg, "linux/seccomp", jtext(deny_mkdir));
	jset(self->cfg, "annotations/ksentry.trace", json_object_new_string("all"));
	jset(self->cfg, "process/args", jstrings("sleep", "100", NULL));
	ASSERT_EQ(0, run_detached(self->cfg, &self->r, "c1"));
	trace_an_exec(_metadata, &self->r);
	expect_has(_metadata, self->r.out, "EACCES");
	expect_has(_metadata, self->r.out, "(logged, allowed)");
	expect_has(_metadata, self->r.out, "(emulated, handler ");
	EXPECT_STREQ("", self->r.err);
}

/*
 * SIGKILL of start and delete
 */

static pid_t __sentinel spawn_blocked(const char *const kind, ...)
{
	const char *args[16];
	char marker[128];
	size_t n = 0;
	va_list ap;
	pid_t pid;

	va_start(ap, kind);
	while (n < ARRAY_SIZE(args) - 1 && (args[n] = va_arg(ap, const char *)))
		n++;
	va_end(ap);
	args[n] = NULL;
	pid = spawn_rl(args, OUT, ERR, NULL);
	snprintf(marker, sizeof(marker), SHARED "/blocked-%s", kind);
	if (pid > 0 && !wait_file(marker, 20)) {
		kill(pid, SIGKILL);
		wait_status(pid);
		return -1;
	}
	return pid;
}

TEST_F_TIMEOUT(config, sigkill_in_start_then_start_again, 60)
{
	char order[256];
	pid_t pid;

	jadd(self->cfg, "hooks/startContainer", hook(BLOCK_HOOK, "startContainer"));
	jset(self->cfg, "process/args", jstrings("sleep", "100", NULL));
	ASSERT_EQ(0, create_in(self->cfg, &self->r, "c1"));
	pid = spawn_blocked("startContainer", "start", "c1", NULL);
	ASSERT_LT(0, pid);
	ASSERT_EQ(0, kill(pid, SIGKILL));
	EXPECT_EQ(128 + SIGKILL, wait_status(pid));
	/* The container is still created, and says so. */
	EXPECT_TRUE(wait_state("c1", "created"));
	ASSERT_EQ(0, rl(&self->r, "list", NULL));
	EXPECT_STREQ("", self->r.err);
	expect_has(_metadata, self->r.out, "created");
	ASSERT_EQ(0, write_text(SHARED "/release", ""));
	EXPECT_EQ(0, settle(hooks_alive));
	/* A second start finishes the job. */
	EXPECT_EQ(0, rl(&self->r, "start", "c1", NULL))
	{
		TH_LOG("start: %s", self->r.err);
	}
	EXPECT_TRUE(wait_state("c1", "running"));
	slurp(SHARED "/order", order, sizeof(order));
	EXPECT_STREQ("startContainer\nstartContainer\n", order);
	ASSERT_EQ(0, rl(&self->r, "delete", "--force", "c1", NULL));
	expect_nothing_left(_metadata, "c1");
}

TEST_F_TIMEOUT(config, sigkill_in_delete_then_delete_again, 60)
{
	pid_t pid;

	jadd(self->cfg, "hooks/poststop", hook(BLOCK_HOOK, "poststop"));
	jset(self->cfg, "process/args", jstrings("sleep", "100", NULL));
	ASSERT_EQ(0, run_detached(self->cfg, &self->r, "c1"));
	pid = spawn_blocked("poststop", "delete", "--force", "c1", NULL);
	ASSERT_LT(0, pid);
	ASSERT_EQ(0, kill(pid, SIGKILL));
	EXPECT_EQ(128 + SIGKILL, wait_status(pid));
	/* The process is gone, the container not yet: it is stopped. */
	EXPECT_TRUE(wait_state("c1", "stopped"));
	ASSERT_EQ(0, rl(&self->r, "list", NULL));
	EXPECT_STREQ("", self->r.err);
	expect_has(_metadata, self->r.out, "stopped");
	ASSERT_EQ(0, write_text(SHARED "/release", ""));
	EXPECT_EQ(0, settle(hooks_alive));
	EXPECT_EQ(0, rl(&self->r, "delete", "c1", NULL))
	{
		TH_LOG("delete: %s", self->r.err);
	}
	EXPECT_EQ(1, rl(&self->r, "state", "c1", NULL));
	expect_has(_metadata, self->r.err, "does not exist");
	expect_nothing_left(_metadata, "c1");
}

/*
 * Creates that fail: each leaves nothing, and the id can be used again
 */

FIXTURE(bad) {
	struct json_object *cfg;
	struct result r;
};

FIXTURE_VARIANT(bad) {
	/* Pairs: a path in the config, its new value in JSON (' for "). */
	const char *set[10];
	const char *mount;	/* one more mount, in JSON */
	const char *raw;	/* the whole config.json instead */
	const char *option;	/* one more option of create */
	const char *msg;	/* what the error says */
};

FIXTURE_SETUP(bad)
{
	common_setup(_metadata, &self->cfg);
}

FIXTURE_TEARDOWN(bad)
{
	common_teardown(self->cfg);
}

#define USERNS "[{'type': 'pid'}, {'type': 'mount'}, {'type': 'uts'}," \
	" {'type': 'ipc'}, {'type': 'user'}]"
#define MAP_1000 "[{'containerID': 0, 'hostID': 100000, 'size': 1000}]"

FIXTURE_VARIANT_ADD(bad, uid_without_a_mapping) {
	.set = { "linux/namespaces", USERNS, "linux/uidMappings", MAP_1000,
		 "linux/gidMappings", MAP_1000, "process/user/uid", "5000" },
	.msg = "5000 has no mapping",
};

FIXTURE_VARIANT_ADD(bad, unknown_namespace_type) {
	.set = { "linux/namespaces", "[{'type': 'pid'}, {'type': 'mount'},\n"
		 " {'type': 'bogus'}]" },
	.msg = "bogus",
};

FIXTURE_VARIANT_ADD(bad, missing_rootfs) {
	.set = { "root/path", "'nope'" },
	.msg = "nope",
};

FIXTURE_VARIANT_ADD(bad, truncated_json) {
	.raw = "{\"ociVersion\": \"1.2.0\", \"root\": {\"path\": ",
	.msg = "malformed JSON",
};

FIXTURE_VARIANT_ADD(bad, args_not_an_array) {
	.set = { "process/args", "'sh'" },
	.msg = "process.args",
};

FIXTURE_VARIANT_ADD(bad, uid_not_a_number) {
	.set = { "process/user/uid", "'0'" },
	.msg = "process.user.uid",
};

FIXTURE_VARIANT_ADD(bad, memory_limit_not_a_number) {
	.set = { "linux/resources", "{'memory': {'limit': 'big'}}" },
	.msg = "linux.resources.memory.limit",
};

FIXTURE_VARIANT_ADD(bad, mounts_not_an_array) {
	.set = { "mounts", "{}" },
	.msg = "mounts",
};

/* Docker's --pid=host, Kubernetes' hostPID: true; the error says so. */
FIXTURE_VARIANT_ADD(bad, no_pid_namespace) {
	.set = { "linux/namespaces", "[{'type': 'mount'}, {'type': 'uts'}]" },
	.msg = "pid namespace of its own, as with Docker's --pid=host or Kubernetes' hostPID: true",
};

FIXTURE_VARIANT_ADD(bad, host_pid_namespace_joined_by_path) {
	.set = { "linux/namespaces", "[{'type': 'pid', 'path': '/proc/1/ns/pid'},\n"
		 " {'type': 'mount'}, {'type': 'uts'}]" },
	.msg = "--host-pid=unsandboxed to run such containers WITHOUT a sandbox",
};

FIXTURE_VARIANT_ADD(bad, hostname_without_uts_namespace) {
	.set = { "linux/namespaces", "[{'type': 'pid'}, {'type': 'mount'}]" },
	.msg = "hostname",
};

FIXTURE_VARIANT_ADD(bad, terminal_without_console_socket) {
	.set = { "process/terminal", "true" },
	.msg = "--console-socket",
};

FIXTURE_VARIANT_ADD(bad, cgroups_path_with_dotdot) {
	.set = { "linux/cgroupsPath", "'/a/../b'" },
	.msg = "'..' is not allowed",
};

/* The kernel refuses a quota under 1 ms after the cgroup is made. */
FIXTURE_VARIANT_ADD(bad, cpu_quota_the_kernel_refuses) {
	.set = { "linux/resources", "{'cpu': {'quota': 500, 'period': 100000}}" },
	.msg = "cpu.max",
};

/* The view's CPUs are derived before anything is made. */
FIXTURE_VARIANT_ADD(bad, cpuset_list_unreadable) {
	.set = { "linux/resources", "{'cpu': {'cpus': 'zero-two'}}" },
	.msg = "CPUs: linux.resources.cpu.cpus: \"zero-two\" is not a cpuset list",
};

/* The failures below happen in the init, once the cgroup exists. */
FIXTURE_VARIANT_ADD(bad, bind_source_missing) {
	.mount = "{'destination': '/mnt', 'type': 'bind',\n"
		 " 'source': '/nonexistent', 'options': ['bind']}",
	.msg = "/nonexistent",
};

FIXTURE_VARIANT_ADD(bad, cwd_missing) {
	.set = { "process/cwd", "'/nonexistent'" },
	.msg = "working directory",
};

/* As crun: "create" refuses a program it could not run at "start". */
FIXTURE_VARIANT_ADD(bad, program_missing) {
	.set = { "process/args", "['/bin/nothere']" },
	.msg = "process.args[0] /bin/nothere: No such file or directory",
};

FIXTURE_VARIANT_ADD(bad, program_not_in_path) {
	.set = { "process/args", "['nothere', 'arg']" },
	.msg = "process.args[0] 'nothere' in its PATH /bin: No such file",
};

FIXTURE_VARIANT_ADD(bad, program_a_directory) {
	.set = { "process/args", "['/bin']" },
	.msg = "process.args[0] /bin: Permission denied",
};

FIXTURE_VARIANT_ADD(bad, program_not_a_regular_file) {
	.set = { "process/args", "['/dev/null']" },
	.msg = "process.args[0] /dev/null: Permission denied",
};

FIXTURE_VARIANT_ADD(bad, sysctl_not_namespaced) {
	.set = { "linux/sysctl", "{'kernel.panic': '1'}" },
	.msg = "not namespaced",
};

FIXTURE_VARIANT_ADD(bad, sysctl_without_its_namespace) {
	.set = { "linux/sysctl", "{'net.ipv4.ip_forward': '1'}" },
	.msg = "no net namespace",
};

FIXTURE_VARIANT_ADD(bad, apparmor_profile) {
	.set = { "process/apparmorProfile", "'docker-default'" },
	.msg = "apparmorProfile",
};

/* Fails after the sandbox is bound. */
FIXTURE_VARIANT_ADD(bad, pid_file_in_a_missing_directory) {
	.option = "--pid-file=/nonexistent/dir/pid",
	.msg = "pid file",
};

FIXTURE_VARIANT_ADD(bad, create_runtime_hook_fails) {
	.set = { "hooks", "{'createRuntime': [{'path': '/bin/busybox',\n"
		 " 'args': ['sh', '-c', 'exit 3']}]}" },
	.msg = "exited with status 3",
};

FIXTURE_VARIANT_ADD(bad, prestart_hook_times_out) {
	.set = { "hooks", "{'prestart': [{'path': '/bin/busybox',\n"
		 " 'args': ['sleep', '10'], 'timeout': 1}]}" },
	.msg = "timed out",
};

FIXTURE_VARIANT_ADD(bad, policy_file_missing) {
	.set = { "annotations/ksentry.policy", "'missing.json'" },
	.msg = "missing.json",
};

FIXTURE_VARIANT_ADD(bad, trace_mode_invalid) {
	.set = { "annotations/ksentry.trace", "'verbose'" },
	.msg = "unknown trace mode",
};

FIXTURE_VARIANT_ADD(bad, unknown_ksentry_annotation) {
	.set = { "annotations/ksentry.sandbx", "'none'" },
	.msg = "unknown ksentry annotation",
};

TEST_F(bad, create_fails_and_leaves_nothing)
{
	static const char *const plain[] = {
		"create", "--no-pivot", "--bundle", BUNDLE, "c1", NULL,
	};
	const char *const with_option[] = {
		"create", "--no-pivot", "--bundle", BUNDLE, variant->option, "c1",
		NULL,
	};
	size_t i;

	/* The variant's changes, or its whole config.json. */
	for (i = 0; i + 1 < ARRAY_SIZE(variant->set) && variant->set[i]; i += 2)
		jset(self->cfg, variant->set[i], jtext(variant->set[i + 1]));
	if (variant->mount)
		jadd(self->cfg, "mounts", jtext(variant->mount));
	ASSERT_EQ(0, variant->raw ? write_text(BUNDLE "/config.json", variant->raw) :
		     write_config(self->cfg));
	EXPECT_EQ(1, rlv(&self->r, variant->option ? with_option : plain));
	expect_has(_metadata, self->r.err, "Failed to");
	expect_has(_metadata, self->r.err, variant->msg);
	EXPECT_STREQ("", self->r.out);
	EXPECT_EQ(1, rl(&self->r, "state", "c1", NULL));
	ASSERT_EQ(0, rl(&self->r, "list", NULL));
	expect_lacks(_metadata, self->r.out, "c1");
	expect_nothing_left(_metadata, "c1");
	/* The id is free: the default config runs under it. */
	json_object_put(self->cfg);
	self->cfg = jtext(base_config);
	EXPECT_EQ(0, run_in(self->cfg, &self->r, "c1"))
	{
		TH_LOG("run: %s", self->r.err);
	}
}

/*
 * SIGKILL of create at each step: the next command collects what it left
 */

FIXTURE(killed) {
	struct json_object *cfg;
	struct result r;
};

FIXTURE_VARIANT(killed) {
	const char *hook;	/* the hook that blocks, or NULL: the pid file */
	bool bound;		/* whether the sandbox exists when killed */
};

FIXTURE_SETUP(killed)
{
	common_setup(_metadata, &self->cfg);
}

FIXTURE_TEARDOWN(killed)
{
	common_teardown(self->cfg);
}

FIXTURE_VARIANT_ADD(killed, in_prestart) {
	.hook = "prestart",
};

FIXTURE_VARIANT_ADD(killed, in_create_runtime) {
	.hook = "createRuntime",
};

/* The last step before the sandbox is made and bound. */
FIXTURE_VARIANT_ADD(killed, in_create_container) {
	.hook = "createContainer",
};

/* Writing the pid file: the sandbox is bound, the id not yet committed. */
FIXTURE_VARIANT_ADD(killed, after_the_bind) {
	.bound = true,
};

TEST_F_TIMEOUT(killed, create_leaves_nothing, 60)
{
	static const char *const args[] = {
		"create", "--no-pivot", "--bundle", BUNDLE, "--pid-file",
		SHARED "/pid", "c1", NULL,
	};
	char path[128];
	pid_t pid;

	if (variant->hook) {
		snprintf(path, sizeof(path), "hooks/%s", variant->hook);
		jadd(self->cfg, path, hook(BLOCK_HOOK, variant->hook));
		snprintf(path, sizeof(path), SHARED "/blocked-%s", variant->hook);
	} else {
		snprintf(path, sizeof(path), ROOT "/.c1.creating/state.json");
	}
	jset(self->cfg, "process/args", jstrings("sleep", "100", NULL));
	ASSERT_EQ(0, write_config(self->cfg));
	pid = spawn_rl(args, OUT, ERR, variant->hook ? NULL : SHARED "/pid");
	ASSERT_LT(0, pid);
	ASSERT_TRUE(wait_file(path, 20))
	{
		slurp(ERR, self->r.err, sizeof(self->r.err));
		TH_LOG("create did not get to the step: %s", self->r.err);
	}
	usleep(300000);
	/* What there is to collect: the init, its cgroup, the sandbox. */
	EXPECT_LT(0, strangers());
	EXPECT_EQ(0, access(CGROUP_OF("c1"), F_OK));
	EXPECT_EQ(variant->bound ? 1 : 0, sandboxes());
	ASSERT_EQ(0, kill(pid, SIGKILL));
	EXPECT_EQ(128 + SIGKILL, wait_status(pid));
	/* The init goes with the runtime, whatever a hook is doing. */
	EXPECT_EQ(0, settle(strangers));
	ASSERT_EQ(0, write_text(SHARED "/release", ""));
	EXPECT_EQ(0, settle(hooks_alive));
	ASSERT_EQ(0, rl(&self->r, "list", NULL));
	EXPECT_STREQ("", self->r.err);
	expect_lacks(_metadata, self->r.out, "c1");
	expect_nothing_left(_metadata, "c1");
	EXPECT_EQ(-1, access(SHARED "/pid", F_OK));
	EXPECT_EQ(0, rl(&self->r, "delete", "--force", "c1", NULL));
	EXPECT_EQ(1, rl(&self->r, "delete", "c1", NULL));
	expect_has(_metadata, self->r.err, "does not exist");
	/* The id is free again. */
	json_object_put(self->cfg);
	self->cfg = jtext(base_config);
	EXPECT_EQ(0, run_in(self->cfg, &self->r, "c1"))
	{
		TH_LOG("run: %s", self->r.err);
	}
}

TEST_HARNESS_MAIN
