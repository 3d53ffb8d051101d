// SPDX-License-Identifier: GPL-2.0
/*
 * runsc-lite - create, start and run: a container's birth
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * "create" (the runtime, R) and the container's init (I) talk over a
 * socket pair:
 *
 *   R: reserve ROOT/.ID.creating, create the cgroup, clone I into its new
 *      namespaces, write I's id maps, put I in the cgroup, send "s"
 *   I: enter joined namespaces, hostname, rootfs, sysctls, terminal,
 *      identity and limits, check that process.args[0] can be run, then
 *      send "r" (or "e" and a message)
 *   R: run the prestart, createRuntime and createContainer hooks, create
 *      the ksentry sandbox and bind it to I's pid namespace, write
 *      state.json and the pid file, rename the directory to ROOT/ID,
 *      send "g" and exit
 *   I: open exec.fifo for writing, which blocks until "start" opens it
 *      for reading, then execve the container's process.
 *
 * Until I has read "g" it exits at once if R goes away (the socket reads
 * end of file), so a create killed at any step leaves no container, no
 * process, no mount (they lived in I's mount namespace) and no sandbox;
 * the partial state directory and cgroup are collected by the next
 * command.  I only ever runs the container's process after R has bound
 * the sandbox: a failure before that kills I.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <json-c/json.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/close_range.h>
#include <linux/sched.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cgroup.h"
#include "hooks.h"
#include "ksentry.h"
#include "linux.h"
#include "log.h"
#include "ns.h"
#include "policy.h"
#include "process.h"
#include "runtime.h"
#include "spec.h"
#include "state.h"
#include "terminal.h"

/* What "create" was asked, on top of the spec. */
struct create_opts {
	const char *id;
	const char *bundle;
	const char *pid_file;
	const char *console_socket;
	int preserve_fds;
	bool no_pivot;
};

/* Everything one create holds, released by create_cleanup(). */
struct creation {
	const struct global_opts *g;
	struct create_opts o;
	struct spec *spec;
	char bundle[4096];
	char dir[4096];		/* ROOT/.ID.creating, then ROOT/ID */
	char cgroup[4096];
	int sock;		/* R's end of the socket pair */
	int fifo;		/* exec.fifo, O_PATH, for I */
	int console;		/* connected --console-socket, or -1 */
	pid_t init;
	bool init_in_cgroup;	/* I was born in c->cgroup */
	struct policy policy;	/* compiled once, by precheck() */
	struct state st;
	bool committed;
	bool hook_failed;	/* a create-time hook failed: run poststop */
};

/* Send one tagged message: a tag byte, then an optional text. */
static int send_msg(const int sock, const char tag, const char *const text)
{
	char buf[2048];
	size_t len;

	buf[0] = tag;
	len = text ? strnlen(text, sizeof(buf) - 2) : 0;
	memcpy(buf + 1, text ? text : "", len);
	buf[len + 1] = '\0';
	return send(sock, buf, len + 2, MSG_NOSIGNAL) < 0 ? -1 : 0;
}

/* Receive one message; returns the tag, or 0 at end of file. */
static char recv_msg(const int sock, char *const text, const size_t size)
{
	char buf[2048];
	ssize_t n;

	do {
		n = recv(sock, buf, sizeof(buf) - 1, 0);
	} while (n < 0 && errno == EINTR);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	if (text)
		snprintf(text, size, "%s", buf + 1);
	return buf[0];
}

/* In I: report a failure to R and die. */
static void __attribute__((noreturn)) init_fail(const int sock,
						const char *const what)
{
	send_msg(sock, 'e', what);
	_exit(1);
}

/* In I: enter the namespaces given by path, user first (done before). */
static void init_join_namespaces(const struct spec *const spec, const int sock)
{
	char err[1024];
	size_t i;
	int fd;

	for (i = 0; i < spec->nr_namespaces; i++) {
		const struct spec_namespace *const ns = &spec->namespaces[i];

		if (!ns->path || ns->type == CLONE_NEWUSER ||
		    ns->type == CLONE_NEWPID)
			continue;
		fd = open(ns->path, O_RDONLY | O_CLOEXEC);
		if (fd < 0 || setns(fd, ns->type)) {
			snprintf(err, sizeof(err), "join the %s namespace %s: %s",
				 ns_name(ns->type), ns->path, strerror(errno));
			init_fail(sock, err);
		}
		close(fd);
	}
}

/* In I, after R's "s": everything up to the exec, then wait for "g". */
static void __attribute__((noreturn)) init_main(struct creation *const c,
						const int sock)
{
	const struct spec *const spec = c->spec;
	const struct spec_namespace *cgns;
	char err[1024], fifo[64];
	int fd, fds;

	if (recv_msg(sock, NULL, 0) != 's')
		_exit(1);
	if (spec_namespace(spec, CLONE_NEWUSER) &&
	    (setresgid(0, 0, 0) || setresuid(0, 0, 0)))
		init_fail(sock, "become root in the new user namespace");
	init_join_namespaces(spec, sock);
	if (linux_setup_loopback(spec, err, sizeof(err)))
		init_fail(sock, err);
	/* After the move into the container's cgroup: its namespace root. */
	cgns = spec_namespace(spec, CLONE_NEWCGROUP);
	if (cgns && !cgns->path && unshare(CLONE_NEWCGROUP))
		init_fail(sock, "create the cgroup namespace");
	/*
	 * The runtime's /proc/self/fd, kept across the root switch: the
	 * container need not mount /proc for the init to reopen exec.fifo.
	 */
	fds = open("/proc/self/fd", O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (fds < 0)
		init_fail(sock, "open /proc/self/fd");
	/*
	 * Sysctls first: readonlyPaths usually covers /proc/sys.  The init
	 * is already in its new ipc, uts and net namespaces, which are what
	 * the accepted keys write to.
	 */
	if (linux_set_hostname(spec, err, sizeof(err)) ||
	    linux_write_sysctls(spec, err, sizeof(err)) ||
	    linux_setup_rootfs(spec, c->o.no_pivot, err, sizeof(err)))
		init_fail(sock, err);
	if (spec->process.terminal &&
	    terminal_setup(c->console, &spec->process.console, err, sizeof(err)))
		init_fail(sock, err);
	/* As crun does: a program the rootfs lacks fails "create". */
	if (process_prepare(&spec->process, err, sizeof(err)) ||
	    process_find(&spec->process, err, sizeof(err)))
		init_fail(sock, err);
	/* Only stdio and --preserve-fds reach the container's process. */
	if (syscall(SYS_close_range, 3 + c->o.preserve_fds, ~0U,
		    CLOSE_RANGE_CLOEXEC))
		init_fail(sock, "mark the runtime's files close-on-exec");
	send_msg(sock, 'r', NULL);
	/* From here on every system call goes through the sandbox. */
	if (recv_msg(sock, NULL, 0) != 'g')
		_exit(1);
	close(sock);
	snprintf(fifo, sizeof(fifo), "%d", c->fifo);
	fd = openat(fds, fifo, O_WRONLY | O_CLOEXEC);
	if (fd < 0 || write(fd, "0", 1) != 1)
		_exit(127);
	close(fd);
	close(fds);
	close(c->fifo);
	process_exec(&spec->process, err, sizeof(err));
	fprintf(stderr, "Failed to %s\n", err);
	_exit(errno == ENOENT ? 127 : 126);
}

/* The CLONE_NEW* flags of the namespaces the spec asks to create. */
static unsigned long new_ns_flags(const struct spec *const spec)
{
	unsigned long flags = 0;
	size_t i;

	for (i = 0; i < spec->nr_namespaces; i++)
		if (!spec->namespaces[i].path &&
		    spec->namespaces[i].type != CLONE_NEWCGROUP)
			flags |= spec->namespaces[i].type;
	return flags;
}

/* Join the user and pid namespaces given by path, before the clone. */
static int join_before_clone(const struct spec *const spec, char *const err,
			     const size_t errlen)
{
	static const int order[] = { CLONE_NEWUSER, CLONE_NEWPID };
	size_t i;
	int fd;

	for (i = 0; i < 2; i++) {
		const struct spec_namespace *ns = spec_namespace(spec, order[i]);

		if (!ns || !ns->path)
			continue;
		fd = open(ns->path, O_RDONLY | O_CLOEXEC);
		if (fd < 0 || setns(fd, order[i])) {
			snprintf(err, errlen, "join the %s namespace %s: %s",
				 ns_name(order[i]), ns->path, strerror(errno));
			if (fd >= 0)
				close(fd);
			return -1;
		}
		close(fd);
	}
	return 0;
}

static bool needs_helper(const struct spec *const spec)
{
	const struct spec_namespace *u = spec_namespace(spec, CLONE_NEWUSER);
	const struct spec_namespace *p = spec_namespace(spec, CLONE_NEWPID);

	return (u && u->path) || (p && p->path);
}

/*
 * clone(2) with @flags and SIGCHLD, the child born in the cgroup directory
 * open on @cgroup (clone3's CLONE_INTO_CGROUP, Linux 5.7), which *@in_cgroup
 * then says.  A move through cgroup.procs instead takes the cgroup rwsem
 * for writing, which waits for an RCU grace period: half of a create's
 * time.  Where clone3 cannot (an older kernel, no cgroup), plain clone(2).
 */
static pid_t clone_into(const unsigned long flags, const int cgroup,
			bool *const in_cgroup)
{
	struct clone_args args = {
		.flags = flags | CLONE_INTO_CGROUP,
		.exit_signal = SIGCHLD,
		.cgroup = (__u64)cgroup,
	};
	pid_t pid = -1;

	*in_cgroup = false;
	if (cgroup >= 0)
		pid = syscall(SYS_clone3, &args, CLONE_ARGS_SIZE_VER2);
	if (pid >= 0) {
		*in_cgroup = true;
		return pid;
	}
	return syscall(SYS_clone, flags | SIGCHLD, 0, 0, 0, 0);
}

/*
 * Start I.  When a user or pid namespace is joined by path, a helper
 * joins it first and clones I with CLONE_PARENT, so I is R's child in
 * every case.
 */
static int spawn_init(struct creation *const c, int sv[2], char *const err,
		      const size_t errlen)
{
	const unsigned long flags = new_ns_flags(c->spec);
	int status, pipefd[2];
	pid_t pid, helper;

	if (!needs_helper(c->spec)) {
		const int cgroup = c->cgroup[0] ?
			open(c->cgroup, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;

		pid = clone_into(flags, cgroup, &c->init_in_cgroup);
		if (cgroup >= 0)
			close(cgroup);
		if (pid == 0) {
			close(sv[0]);
			init_main(c, sv[1]);
		}
		if (pid < 0) {
			snprintf(err, errlen, "create the container's namespaces: %s",
				 strerror(errno));
			return -1;
		}
		c->init = pid;
		return 0;
	}
	if (pipe2(pipefd, O_CLOEXEC))
		return -1;
	helper = fork();
	if (helper == 0) {
		char why[1024] = "";

		close(pipefd[0]);
		if (join_before_clone(c->spec, why, sizeof(why)))
			pid = -1;
		else
			pid = syscall(SYS_clone, flags | CLONE_PARENT, 0, 0, 0, 0);
		if (pid == 0) {
			close(sv[0]);
			init_main(c, sv[1]);
		}
		if (write(pipefd[1], &pid, sizeof(pid)) != sizeof(pid) ||
		    write(pipefd[1], why, strlen(why)) < 0)
			_exit(1);
		_exit(0);
	}
	close(pipefd[1]);
	pid = -1;
	if (helper > 0 && read(pipefd[0], &pid, sizeof(pid)) == sizeof(pid) &&
	    pid < 0) {
		ssize_t n = read(pipefd[0], err, errlen - 1);

		err[n > 0 ? n : 0] = '\0';
	}
	close(pipefd[0]);
	if (helper > 0)
		waitpid(helper, &status, 0);
	if (pid <= 0) {
		if (!err[0])
			snprintf(err, errlen, "create the container's namespaces: %s",
				 strerror(errno));
		return -1;
	}
	c->init = pid;
	return 0;
}

static int write_map(const pid_t pid, const char *const file,
		     const struct spec_idmap *const maps, const size_t nr)
{
	char path[64], buf[4096];
	size_t i, len = 0;
	int fd, ret = 0;

	for (i = 0; i < nr && len < sizeof(buf) - 64; i++)
		len += snprintf(buf + len, sizeof(buf) - len, "%u %u %u\n",
				maps[i].container_id, maps[i].host_id,
				maps[i].size);
	snprintf(path, sizeof(path), "/proc/%d/%s", pid, file);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (write(fd, buf, len) != (ssize_t)len)
		ret = -1;
	close(fd);
	return ret;
}

static int write_id_maps(const struct creation *const c, char *const err,
			 const size_t errlen)
{
	const struct spec_namespace *u = spec_namespace(c->spec, CLONE_NEWUSER);

	if (!u || u->path)
		return 0;
	if (write_map(c->init, "uid_map", c->spec->uid_mappings,
		      c->spec->nr_uid_mappings) ||
	    write_map(c->init, "gid_map", c->spec->gid_mappings,
		      c->spec->nr_gid_mappings)) {
		snprintf(err, errlen, "write the user namespace's id maps: %s",
			 strerror(errno));
		return -1;
	}
	return 0;
}

/* Reserve the id: ROOT/.ID.creating, unless ID or a live creation exist. */
static int reserve(struct creation *const c, char *const err,
		   const size_t errlen)
{
	char path[4200], lockpath[4200];
	int lock, fd, ret = -1;

	snprintf(lockpath, sizeof(lockpath), "%s/.lock", c->g->root);
	lock = open(lockpath, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (lock < 0 || flock(lock, LOCK_EX)) {
		snprintf(err, errlen, "lock %s: %s", lockpath, strerror(errno));
		goto out;
	}
	state_collect_garbage(c->g->root);
	snprintf(path, sizeof(path), "%s/%s", c->g->root, c->o.id);
	snprintf(c->dir, sizeof(c->dir), "%s/.%s.creating", c->g->root, c->o.id);
	if (!access(path, F_OK) || mkdir(c->dir, 0700)) {
		snprintf(err, errlen, "create container %s: %s", c->o.id,
			 errno == EEXIST || !access(path, F_OK) ?
			 "a container with this id already exists" :
			 strerror(errno));
		c->dir[0] = '\0';
		goto out;
	}
	snprintf(path, sizeof(path), "%s/owner", c->dir);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 || dprintf(fd, "%d %llu\n", getpid(),
			      state_pid_start_time(getpid())) < 0) {
		snprintf(err, errlen, "write %s: %s", path, strerror(errno));
		goto out;
	}
	close(fd);
	snprintf(path, sizeof(path), "%s/lock", c->dir);
	fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
	if (fd >= 0)
		close(fd);
	ret = fd < 0 ? -1 : 0;
out:
	if (lock >= 0)
		close(lock);
	return ret;
}

/* Write @pid into @file atomically, as engines read it as soon as it exists. */
static int write_pid_file(const char *const file, const pid_t pid)
{
	char tmp[4200];
	int fd;

	snprintf(tmp, sizeof(tmp), "%s.tmp-%d", file, getpid());
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return -1;
	if (dprintf(fd, "%d", pid) < 0 || close(fd)) {
		unlink(tmp);
		return -1;
	}
	if (rename(tmp, file)) {
		unlink(tmp);
		return -1;
	}
	return 0;
}

static void now_rfc3339(char *const buf, const size_t size)
{
	struct timespec ts;
	struct tm tm;
	char base[32];

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(base, sizeof(base), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf, size, "%s.%09ldZ", base, ts.tv_nsec);
}

static void fill_state(struct creation *const c, const enum container_status s)
{
	struct state *const st = &c->st;
	struct json_object *ann;
	size_t i;

	snprintf(st->id, sizeof(st->id), "%s", c->o.id);
	snprintf(st->bundle, sizeof(st->bundle), "%s", c->bundle);
	snprintf(st->cgroup, sizeof(st->cgroup), "%s", c->cgroup);
	st->pid = c->init;
	st->start_time = state_pid_start_time(c->init);
	st->status = s;
	st->has_poststop = c->spec->nr_hooks[HOOK_POSTSTOP] > 0;
	if (!st->created[0])
		now_rfc3339(st->created, sizeof(st->created));
	if (st->annotations)
		return;
	ann = json_object_new_object();
	for (i = 0; c->spec->annotation_keys && c->spec->annotation_keys[i]; i++)
		json_object_object_add(ann, c->spec->annotation_keys[i],
				       json_object_new_string(c->spec->annotation_values[i]));
	st->annotations = ann;
}

/*
 * ksentry.emulate ("safe" when absent) and ksentry.trace, on the compiled
 * policy; the view's CPUs come from linux.resources.cpu.
 */
static int apply_trace(const struct spec *const spec, struct policy *const p,
		       char *const err, const size_t errlen)
{
	const char *const set = spec->ksentry.emulate ? spec->ksentry.emulate :
				"safe";
	const struct spec_resources *const r = &spec->resources;
	const struct policy_cpu_limits limits = {
		.has_quota = r->has_cpu_quota,
		.quota = r->cpu_quota,
		.has_period = r->has_cpu_period,
		.period = r->cpu_period,
		.cpus = r->cpu_cpus,
	};
	struct policy_error perr = { "", "" };
	__u32 nr_cpus = 0;

	if (strcmp(set, "none") && policy_view_cpus(&limits, &nr_cpus, &perr)) {
		snprintf(err, errlen, "derive the sandbox's CPUs: %s: %s",
			 perr.path, perr.msg);
		policy_free(p);
		return -1;
	}
	if (policy_set_emulation(p, set, nr_cpus)) {
		snprintf(err, errlen, "apply ksentry.emulate '%s': %s%s", set,
			 strerror(errno),
			 errno == EINVAL ? " (sets: none, safe)" : "");
		policy_free(p);
		return -1;
	}
	if (!policy_set_trace(p, spec->ksentry.trace))
		return 0;
	snprintf(err, errlen, "apply ksentry.trace '%s': %s", spec->ksentry.trace,
		 strerror(errno));
	policy_free(p);
	return -1;
}

static int compile_policy(const struct creation *const c, struct policy *const p,
			  char *const err, const size_t errlen)
{
	const struct spec *const spec = c->spec;
	struct policy_error perr = { "", "" };
	uint64_t caps = spec->process.has_caps ? spec->process.caps.bounding :
			process_all_caps();
	int ret;

	if (spec->ksentry.policy_file)
		ret = policy_compile_file(spec->ksentry.policy_file, caps, p, &perr);
	else if (spec->seccomp)
		ret = policy_compile(spec->seccomp, caps, p, &perr);
	else
		ret = policy_default(caps, p);
	if (ret) {
		snprintf(err, errlen, "compile the %s: %s: %s",
			 spec->ksentry.policy_file ? "ksentry.policy file" :
			 spec->seccomp ? "linux.seccomp profile" : "default policy",
			 perr.path, perr.path[0] ? perr.msg : strerror(errno));
		return ret;
	}
	return apply_trace(spec, p, err, errlen);
}

/*
 * Whether the container shares the runtime's pid namespace, to which no
 * sandbox can be bound: Docker's --pid=host, Kubernetes' hostPID: true.
 */
static bool in_host_pid_ns(const struct creation *const c)
{
	return !linux_private_namespace(c->spec, CLONE_NEWPID, "pid");
}

/*
 * Only the operator turns the sandbox off: --unsandboxed for every
 * container, --host-pid=unsandboxed for those in the host's pid namespace.
 */
static bool unsandboxed(const struct creation *const c)
{
	return c->g->unsandboxed ||
	       (c->g->host_pid_unsandboxed && in_host_pid_ns(c));
}

/* After I is ready: hooks, the sandbox, the state; then commit. */
static int finish(struct creation *const c, char *const err,
		  const size_t errlen)
{
	char path[4200];
	char *json;
	int ret;

	/* These run after step 2 of the spec's lifecycle: "created". */
	fill_state(c, STATUS_CREATED);
	json = state_json(&c->st);
	ret = hooks_run(c->spec->hooks[HOOK_PRESTART],
			c->spec->nr_hooks[HOOK_PRESTART], json, 0, err, errlen) ||
	      hooks_run(c->spec->hooks[HOOK_CREATE_RUNTIME],
			c->spec->nr_hooks[HOOK_CREATE_RUNTIME], json, 0, err, errlen) ||
	      hooks_run_create_container(c->spec->hooks[HOOK_CREATE_CONTAINER],
					 c->spec->nr_hooks[HOOK_CREATE_CONTAINER],
					 json, c->init, err, errlen);
	free(json);
	if (ret) {
		c->hook_failed = true;
		return -1;
	}
	if (!unsandboxed(c)) {
		ret = ksentry_attach(c->init, &c->policy, &c->st.sandbox_id, err,
				     errlen);
		policy_free(&c->policy);
		if (ret)
			return -1;
	}
	fill_state(c, STATUS_CREATED);
	if (hooks_save_kept(c->spec, c->dir) || state_write(c->dir, &c->st)) {
		snprintf(err, errlen, "write the state of %s: %s", c->o.id,
			 strerror(errno));
		return -1;
	}
	if (c->o.pid_file && write_pid_file(c->o.pid_file, c->init)) {
		snprintf(err, errlen, "write the pid file %s: %s", c->o.pid_file,
			 strerror(errno));
		return -1;
	}
	snprintf(path, sizeof(path), "%s/%s", c->g->root, c->o.id);
	if (rename(c->dir, path)) {
		snprintf(err, errlen, "commit container %s: %s", c->o.id,
			 strerror(errno));
		return -1;
	}
	snprintf(c->dir, sizeof(c->dir), "%s", path);
	c->committed = true;
	return 0;
}

/* The poststop hooks of a container that never reached "created". */
static void run_poststop(struct creation *const c)
{
	char *json;

	fill_state(c, STATUS_STOPPED);
	json = state_json(&c->st);
	hooks_run_warn(c->spec->hooks[HOOK_POSTSTOP],
		       c->spec->nr_hooks[HOOK_POSTSTOP], json);
	free(json);
}

/* Undo a failed create: I, the cgroup, the directory. */
static void create_cleanup(struct creation *const c)
{
	int status;

	if (c->sock >= 0)
		close(c->sock);
	if (c->fifo >= 0)
		close(c->fifo);
	if (c->console >= 0)
		close(c->console);
	if (c->committed)
		goto out;
	if (c->init > 0) {
		kill(c->init, SIGKILL);
		waitpid(c->init, &status, 0);
	}
	if (c->cgroup[0])
		cgroup_destroy(c->cgroup);
	/*
	 * The runtime spec: after a failed prestart, createRuntime or
	 * createContainer hook, the lifecycle goes on at the container's
	 * destruction, then its poststop hooks.
	 */
	if (c->hook_failed)
		run_poststop(c);
	if (c->dir[0])
		state_remove_dir(c->dir);
	if (c->o.pid_file)
		unlink(c->o.pid_file);
out:
	policy_free(&c->policy);
	state_release(&c->st);
	spec_free(c->spec);
}

/* Checks that need no process: refusals, the sandbox being there. */
static int precheck(struct creation *const c, char *const err,
		    const size_t errlen)
{
	if (in_host_pid_ns(c) && !unsandboxed(c)) {
		snprintf(err, errlen,
			 "sandbox the container: it shares the host's pid namespace (linux.namespaces has no pid namespace of its own, as with Docker's --pid=host or Kubernetes' hostPID: true), and a ksentry sandbox is bound to a pid namespace of its own (hint: add {\"type\": \"pid\"}, or start runsc-lite with --host-pid=unsandboxed to run such containers WITHOUT a sandbox)");
		return -1;
	}
	if (!spec_namespace(c->spec, CLONE_NEWNS)) {
		snprintf(err, errlen,
			 "set up the rootfs: linux.namespaces has no mount namespace");
		return -1;
	}
	if (c->spec->process.terminal && !c->o.console_socket) {
		snprintf(err, errlen,
			 "set up the terminal: process.terminal is true but no --console-socket was given");
		return -1;
	}
	/*
	 * Annotations often come from whoever starts the container (podman
	 * run --annotation, a pod's metadata): asking for no sandbox there
	 * takes the operator's --unsandboxed as well.
	 */
	if (c->spec->ksentry.unsandboxed && !unsandboxed(c)) {
		snprintf(err, errlen,
			 "use annotation ksentry.sandbox \"none\": running without a sandbox needs the runtime's --unsandboxed option too");
		return -1;
	}
	if (unsandboxed(c)) {
		log_warn("container %s runs WITHOUT a ksentry sandbox%s", c->o.id,
			 c->g->unsandboxed ? "" :
			 ": it shares the host's pid namespace (--host-pid=unsandboxed)");
		return 0;
	}
	if (ksentry_available(err, errlen))
		return -1;
	/* Before any process exists: finish() installs it. */
	return compile_policy(c, &c->policy, err, errlen);
}

static int prepare(struct creation *const c, char *const err,
		   const size_t errlen)
{
	char path[4200], why[1024];

	if (!realpath(c->o.bundle, c->bundle)) {
		snprintf(err, errlen, "open bundle %s: %s", c->o.bundle,
			 strerror(errno));
		return -1;
	}
	c->spec = spec_load(c->bundle, why, sizeof(why));
	if (!c->spec) {
		snprintf(err, errlen, "load %s/config.json: %s", c->bundle, why);
		return -1;
	}
	if (precheck(c, err, errlen) || reserve(c, err, errlen))
		return -1;
	if (cgroup_create(c->spec, c->o.id, c->cgroup, sizeof(c->cgroup), err,
			  errlen))
		return -1;
	if (c->cgroup[0]) {
		FILE *f;

		snprintf(path, sizeof(path), "%s/cgroup", c->dir);
		f = fopen(path, "we");
		if (!f || fprintf(f, "%s\n", c->cgroup) < 0 || fclose(f)) {
			snprintf(err, errlen, "write %s: %s", path, strerror(errno));
			return -1;
		}
	}
	/*
	 * Writable by all, as runc's is (its directory stays root's, 0700):
	 * I reopens it as the container's user, which may not be root, or be
	 * root of a user namespace, which has no rights on the host root's
	 * files.  chmod() because the umask narrows mkfifo()'s mode.
	 */
	snprintf(path, sizeof(path), "%s/exec.fifo", c->dir);
	if (mkfifo(path, 0622) || chmod(path, 0622)) {
		snprintf(err, errlen, "create %s: %s", path, strerror(errno));
		return -1;
	}
	c->fifo = open(path, O_PATH | O_CLOEXEC);
	if (c->fifo < 0) {
		snprintf(err, errlen, "open %s: %s", path, strerror(errno));
		return -1;
	}
	if (c->o.console_socket) {
		c->console = terminal_connect(c->o.console_socket, err, errlen);
		if (c->console < 0)
			return -1;
	}
	return 0;
}

/* The whole create; on success the container is "created". */
static int do_create(struct creation *const c)
{
	char err[2048] = "", msg[2048];
	int sv[2];

	if (prepare(c, err, sizeof(err)))
		goto fail;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv)) {
		snprintf(err, sizeof(err), "create a socket pair: %s", strerror(errno));
		goto fail;
	}
	c->sock = sv[0];
	if (spawn_init(c, sv, err, sizeof(err))) {
		close(sv[1]);
		goto fail;
	}
	close(sv[1]);
	if (write_id_maps(c, err, sizeof(err)))
		goto fail;
	if (!c->init_in_cgroup && cgroup_add(c->cgroup, c->init)) {
		snprintf(err, sizeof(err), "move the init into cgroup %s: %s",
			 c->cgroup, strerror(errno));
		goto fail;
	}
	if (send_msg(c->sock, 's', NULL))
		goto fail_io;
	switch (recv_msg(c->sock, msg, sizeof(msg))) {
	case 'r':
		break;
	case 'e':
		snprintf(err, sizeof(err), "%s", msg);
		goto fail;
	default:
		snprintf(err, sizeof(err), "set up the container: its init died");
		goto fail;
	}
	if (finish(c, err, sizeof(err)))
		goto fail;
	if (send_msg(c->sock, 'g', NULL))
		goto fail_io;
	return 0;
fail_io:
	snprintf(err, sizeof(err), "talk to the container's init: %s",
		 strerror(errno));
fail:
	log_error("Failed to %s", err);
	c->committed = false;
	return -1;
}

static const char create_usage[] =
	"usage: runsc-lite create [--bundle DIR] [--pid-file FILE] [--console-socket PATH]\n"
	"                         [--preserve-fds N] [--no-pivot] [--no-new-keyring] ID\n";

static const struct option create_longopts[] = {
	{ "bundle", required_argument, NULL, 'b' },
	{ "pid-file", required_argument, NULL, 'p' },
	{ "console-socket", required_argument, NULL, 'c' },
	{ "preserve-fds", required_argument, NULL, 'f' },
	{ "no-pivot", no_argument, NULL, 'n' },
	{ "no-new-keyring", no_argument, NULL, 'k' },
	{ "detach", no_argument, NULL, 'd' },
	{ "keep", no_argument, NULL, 'K' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* Parse create's (and run's) options; @detach may be NULL for create. */
static int parse_create(int argc, char *argv[], struct create_opts *const o,
			bool *const detach, bool *const keep)
{
	char err[1100];
	int opt;

	o->bundle = ".";
	optind = 1;
	while ((opt = getopt_long(argc, argv, "b:h", create_longopts, NULL)) != -1) {
		switch (opt) {
		case 'b':
			o->bundle = optarg;
			break;
		case 'p':
			o->pid_file = optarg;
			break;
		case 'c':
			o->console_socket = optarg;
			break;
		case 'f':
			o->preserve_fds = atoi(optarg);
			break;
		case 'n':
			o->no_pivot = true;
			break;
		case 'k':
			/* session keyrings are not used */
			break;
		case 'd':
			if (!detach)
				goto usage;
			*detach = true;
			break;
		case 'K':
			if (!keep)
				goto usage;
			*keep = true;
			break;
		case 'h':
			fputs(create_usage, stdout);
			exit(0);
		default:
			goto usage;
		}
	}
	if (optind != argc - 1)
		goto usage;
	o->id = argv[optind];
	if (state_check_id(o->id, err, sizeof(err))) {
		log_error("Failed to create container: %s", err);
		return -1;
	}
	if (o->preserve_fds < 0) {
		log_error("Failed to parse --preserve-fds: must not be negative");
		return -1;
	}
	return 0;
usage:
	log_error("Failed to parse the command line of create");
	fputs(create_usage, stderr);
	return -1;
}

static void init_creation(struct creation *const c,
			  const struct global_opts *const g)
{
	memset(c, 0, sizeof(*c));
	c->g = g;
	c->sock = -1;
	c->fifo = -1;
	c->console = -1;
}

static int create_container(const struct global_opts *const g,
			    const struct create_opts *const o)
{
	struct creation c;
	int ret;

	if (state_root_init(g->root)) {
		log_error("Failed to create the state directory %s: %s", g->root,
			  strerror(errno));
		return 1;
	}
	init_creation(&c, g);
	c.o = *o;
	ret = do_create(&c);
	create_cleanup(&c);
	return ret ? 1 : 0;
}

int cmd_create(const struct global_opts *const g, int argc, char *argv[])
{
	struct create_opts o = { 0 };

	if (parse_create(argc, argv, &o, NULL, NULL))
		return 1;
	return create_container(g, &o);
}

/* Open exec.fifo and read it, unless the init died first. */
static int release_init(const struct state *const st, const char *const fifo)
{
	struct pollfd pfd;
	char c;
	int fd;

	fd = open(fifo, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -1;
	pfd.fd = fd;
	pfd.events = POLLIN;
	for (;;) {
		if (poll(&pfd, 1, 100) > 0 && (pfd.revents & POLLIN) &&
		    read(fd, &c, 1) == 1)
			break;
		if (!state_pid_alive(st->pid, st->start_time)) {
			close(fd);
			errno = ESRCH;
			return -1;
		}
	}
	close(fd);
	return 0;
}

/* Start a created container; @lock is held. */
static int start_locked(const struct global_opts *const g, struct state *const st)
{
	char fifo[4200], err[2048], dir[4200], *json;
	int ret;

	if (state_status(st) != STATUS_CREATED) {
		log_error("Failed to start container %s: it is %s, not created",
			  st->id, state_status_name(state_status(st)));
		return 1;
	}
	state_path(dir, sizeof(dir), g->root, st->id, NULL);
	/* What create read: config.json may have changed since. */
	json = state_json(st);
	ret = hooks_run_kept(dir, HOOK_START_CONTAINER, json, st->pid, err,
			     sizeof(err));
	free(json);
	/* The runtime spec: stop the container, go on at its destruction. */
	if (ret) {
		log_error("Failed to %s", err);
		container_destroy(g, st);
		return 1;
	}
	snprintf(fifo, sizeof(fifo), "%s/exec.fifo", dir);
	if (release_init(st, fifo)) {
		log_error("Failed to start container %s: %s", st->id,
			  errno == ESRCH ? "its init has exited" :
			  strerror(errno));
		return 1;
	}
	unlink(fifo);
	st->status = STATUS_RUNNING;
	if (state_write(dir, st))
		log_warn("Failed to record container %s as running: %s",
			 st->id, strerror(errno));
	json = state_json(st);
	hooks_run_kept(dir, HOOK_POSTSTART, json, 0, err, sizeof(err));
	free(json);
	return 0;
}

static int start_container(const struct global_opts *const g,
			   const char *const id)
{
	struct state st;
	int lock, ret;

	lock = state_lock(g->root, id);
	if (lock < 0 || state_read(g->root, id, &st)) {
		log_error("Failed to start container %s: %s", id,
			  errno == ENOENT ? "it does not exist" : strerror(errno));
		state_unlock(lock);
		return 1;
	}
	ret = start_locked(g, &st);
	state_release(&st);
	state_unlock(lock);
	return ret;
}

int cmd_start(const struct global_opts *const g, int argc, char *argv[])
{
	if (argc != 2) {
		log_error("Failed to parse the command line of start");
		fputs("usage: runsc-lite start ID\n", stderr);
		return 1;
	}
	return start_container(g, argv[1]);
}

/* Signals "run" passes on to the container while it waits. */
static pid_t run_target;

static void forward_signal(const int sig)
{
	if (run_target > 0)
		kill(run_target, sig);
}

static int wait_exit(const pid_t pid)
{
	static const int forwarded[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT,
					 SIGUSR1, SIGUSR2, SIGWINCH };
	struct sigaction sa = { .sa_handler = forward_signal };
	int status;
	size_t i;

	run_target = pid;
	for (i = 0; i < ARRAY_SIZE(forwarded); i++)
		sigaction(forwarded[i], &sa, NULL);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return 255;
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 128 + WTERMSIG(status);
}

int cmd_run(const struct global_opts *const g, int argc, char *argv[])
{
	struct create_opts o = { 0 };
	bool detach = false, keep = false;
	char *del[4];
	struct state st;
	int ret;

	if (parse_create(argc, argv, &o, &detach, &keep))
		return 1;
	/* The init is this process's child: reap it here when attached. */
	ret = create_container(g, &o);
	if (ret)
		return ret;
	ret = start_container(g, o.id);
	if (ret || detach)
		return ret;
	if (state_read(g->root, o.id, &st))
		return 1;
	ret = wait_exit(st.pid);
	state_release(&st);
	if (!keep) {
		del[0] = "delete";
		del[1] = "--force";
		del[2] = (char *)o.id;
		del[3] = NULL;
		cmd_delete(g, 3, del);
	}
	return ret;
}
