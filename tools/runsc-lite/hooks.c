// SPDX-License-Identifier: GPL-2.0
/*
 * runsc-lite - OCI hooks
 *
 * Copyright (C) 2026 The ksentry authors
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/close_range.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "hooks.h"
#include "log.h"
#include "ns.h"
#include "runtime.h"

/*
 * The hook's process: stdin from @in, namespaces, exec.  With @path_here,
 * the path is opened before the namespaces are entered: it resolves in
 * the runtime's.
 */
static void hook_child(const struct spec_hook *const hook, const int in,
		       const pid_t ns_pid, const bool path_here)
{
	static char *const empty_env[] = { NULL };
	char why[128];
	char *const *argv = hook->args && hook->args[0] ? hook->args :
			    (char *[]){ hook->path, NULL };
	int status, exe = -1;
	pid_t pid;

	/*
	 * Only stdio goes on: the process waiting below outlives a runtime
	 * killed during the hook, and must not hold its container lock or
	 * its socket to the init.
	 */
	if (dup2(in, STDIN_FILENO) < 0 ||
	    syscall(SYS_close_range, 3, ~0U, 0))
		_exit(126);
	/* Not close-on-exec, which execveat() refuses for a script. */
	if (path_here) {
		exe = open(hook->path, O_PATH);
		if (exe < 0)
			_exit(127);
	}
	if (ns_pid) {
		if (ns_enter(ns_pid, why, sizeof(why)))
			_exit(126);
		/* A new pid namespace takes effect for children only. */
		pid = fork();
		if (pid < 0)
			_exit(126);
		if (pid > 0) {
			if (waitpid(pid, &status, 0) != pid)
				_exit(126);
			_exit(WIFEXITED(status) ? WEXITSTATUS(status) : 128 +
			      WTERMSIG(status));
		}
	}
	if (exe >= 0)
		syscall(SYS_execveat, exe, "", argv,
			hook->env ? hook->env : empty_env, AT_EMPTY_PATH);
	else
		execve(hook->path, argv, hook->env ? hook->env : empty_env);
	_exit(127);
}

/* Wait for @pid, killing it after @timeout seconds (0: no limit). */
static int wait_hook(const pid_t pid, const int timeout, int *const status)
{
	const struct timespec step = { .tv_nsec = 10 * 1000 * 1000 };
	long waited = 0;
	pid_t r;

	for (;;) {
		r = waitpid(pid, status, timeout ? WNOHANG : 0);
		if (r == pid)
			return 0;
		if (r < 0 && errno != EINTR)
			return -1;
		if (timeout && waited >= timeout * 100L) {
			kill(pid, SIGKILL);
			waitpid(pid, status, 0);
			errno = ETIMEDOUT;
			return -1;
		}
		if (timeout) {
			nanosleep(&step, NULL);
			waited++;
		}
	}
}

static int run_one(const struct spec_hook *const hook,
		   const char *const state_json, const pid_t ns_pid,
		   const bool path_here, char *const err, const size_t errlen)
{
	size_t len = strlen(state_json);
	int in[2], status;
	pid_t pid;

	if (pipe2(in, O_CLOEXEC)) {
		snprintf(err, errlen, "run hook %s: %s", hook->path, strerror(errno));
		return -1;
	}
	pid = fork();
	if (pid == 0) {
		close(in[1]);
		hook_child(hook, in[0], ns_pid, path_here);
	}
	close(in[0]);
	if (pid < 0) {
		close(in[1]);
		snprintf(err, errlen, "run hook %s: %s", hook->path, strerror(errno));
		return -1;
	}
	/* The state is small; a hook that does not read it gets EPIPE. */
	signal(SIGPIPE, SIG_IGN);
	if (write(in[1], state_json, len) < 0 && errno != EPIPE)
		log_debug("hook %s: writing the state: %s", hook->path,
			  strerror(errno));
	close(in[1]);
	if (wait_hook(pid, hook->timeout, &status)) {
		snprintf(err, errlen, "run hook %s: %s", hook->path,
			 errno == ETIMEDOUT ? "timed out" : strerror(errno));
		return -1;
	}
	if (WIFEXITED(status) && !WEXITSTATUS(status))
		return 0;
	if (WIFEXITED(status))
		snprintf(err, errlen, "run hook %s: exited with status %d%s",
			 hook->path, WEXITSTATUS(status),
			 WEXITSTATUS(status) == 127 ? " (cannot be executed)" : "");
	else
		snprintf(err, errlen, "run hook %s: killed by signal %d",
			 hook->path, WTERMSIG(status));
	return -1;
}

static int run_all(const struct spec_hook *const hooks, const size_t nr,
		   const char *const state_json, const pid_t ns_pid,
		   const bool path_here, char *const err, const size_t errlen)
{
	size_t i;

	for (i = 0; i < nr; i++)
		if (run_one(&hooks[i], state_json, ns_pid, path_here, err, errlen))
			return -1;
	return 0;
}

int hooks_run(const struct spec_hook *const hooks, const size_t nr,
	      const char *const state_json, const pid_t ns_pid,
	      char *const err, const size_t errlen)
{
	return run_all(hooks, nr, state_json, ns_pid, false, err, errlen);
}

void hooks_run_warn(const struct spec_hook *const hooks, const size_t nr,
		    const char *const state_json)
{
	char err[1024];
	size_t i;

	for (i = 0; i < nr; i++)
		if (run_one(&hooks[i], state_json, 0, false, err, sizeof(err)))
			log_warn("Failed to %s", err);
}

int hooks_run_create_container(const struct spec_hook *const hooks,
			       const size_t nr, const char *const state_json,
			       const pid_t ns_pid, char *const err,
			       const size_t errlen)
{
	return run_all(hooks, nr, state_json, ns_pid, true, err, errlen);
}

static struct json_object *strings(char **const v)
{
	struct json_object *a = json_object_new_array();

	for (size_t i = 0; v && v[i]; i++)
		json_object_array_add(a, json_object_new_string(v[i]));
	return a;
}

/* The hooks that run after create, kept in the state directory by name. */
static const struct {
	enum spec_hook_kind kind;
	const char *file;
} kept[] = {
	{ HOOK_START_CONTAINER, "startContainer.json" },
	{ HOOK_POSTSTART, "poststart.json" },
	{ HOOK_POSTSTOP, "poststop.json" },
};

static const char *kept_file(const enum spec_hook_kind kind)
{
	for (size_t i = 0; i < ARRAY_SIZE(kept); i++)
		if (kept[i].kind == kind)
			return kept[i].file;
	return NULL;
}

static int save_kind(const struct spec *const spec,
		     const enum spec_hook_kind kind, const char *const dir)
{
	const size_t nr = spec->nr_hooks[kind];
	struct json_object *a;
	char path[4200];
	size_t i;
	int ret;

	if (!nr)
		return 0;
	a = json_object_new_array();
	for (i = 0; i < nr; i++) {
		const struct spec_hook *const h = &spec->hooks[kind][i];
		struct json_object *o = json_object_new_object();

		json_object_object_add(o, "path", json_object_new_string(h->path));
		json_object_object_add(o, "args", strings(h->args));
		json_object_object_add(o, "env", strings(h->env));
		json_object_object_add(o, "timeout", json_object_new_int(h->timeout));
		json_object_array_add(a, o);
	}
	snprintf(path, sizeof(path), "%s/%s", dir, kept_file(kind));
	ret = json_object_to_file(path, a);
	json_object_put(a);
	return ret ? -1 : 0;
}

int hooks_save_kept(const struct spec *const spec, const char *const dir)
{
	for (size_t i = 0; i < ARRAY_SIZE(kept); i++)
		if (save_kind(spec, kept[i].kind, dir))
			return -1;
	return 0;
}

static char **strv(struct json_object *const a)
{
	size_t i, n = a ? json_object_array_length(a) : 0;
	char **v = calloc(n + 1, sizeof(*v));

	for (i = 0; v && i < n; i++)
		v[i] = strdup(json_object_get_string(json_object_array_get_idx(a, i)));
	return v;
}

static void free_strv(char **const v)
{
	for (size_t i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}

int hooks_run_kept(const char *const dir, const enum spec_hook_kind kind,
		   const char *const state_json, const pid_t ns_pid,
		   char *const err, const size_t errlen)
{
	/* The runtime spec: a failing poststart or poststop hook is logged. */
	const bool warn_only = kind != HOOK_START_CONTAINER;
	struct json_object *a, *o, *v;
	struct spec_hook hook;
	char path[4200];
	size_t i;
	int ret = 0;

	snprintf(path, sizeof(path), "%s/%s", dir, kept_file(kind));
	if (access(path, F_OK))
		return 0;
	a = json_object_from_file(path);
	if (!a) {
		snprintf(err, errlen, "read the hooks kept in %s", path);
		if (warn_only)
			log_warn("Failed to %s", err);
		return warn_only ? 0 : -1;
	}
	for (i = 0; !ret && i < json_object_array_length(a); i++) {
		o = json_object_array_get_idx(a, i);
		memset(&hook, 0, sizeof(hook));
		if (!json_object_object_get_ex(o, "path", &v))
			continue;
		hook.path = (char *)json_object_get_string(v);
		json_object_object_get_ex(o, "args", &v);
		hook.args = strv(v);
		json_object_object_get_ex(o, "env", &v);
		hook.env = strv(v);
		if (json_object_object_get_ex(o, "timeout", &v))
			hook.timeout = json_object_get_int(v);
		if (run_one(&hook, state_json, ns_pid, false, err, errlen)) {
			if (warn_only)
				log_warn("Failed to %s", err);
			else
				ret = -1;
		}
		free_strv(hook.args);
		free_strv(hook.env);
	}
	json_object_put(a);
	return ret;
}

void hooks_run_poststop(const char *const dir, const char *const state_json)
{
	char err[1024];

	hooks_run_kept(dir, HOOK_POSTSTOP, state_json, 0, err, sizeof(err));
}
