/* SPDX-License-Identifier: GPL-2.0 */
/*
 * runsc-lite - OCI hooks
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * Each hook gets the container's state JSON on its stdin, as the runtime
 * spec requires.  prestart, createRuntime, poststart and poststop run in
 * the runtime's namespaces; createContainer and startContainer run in the
 * container's namespaces (mount, uts, ipc, net, cgroup and pid entered
 * through /proc/PID/ns before the hook is executed).
 */

#ifndef _RUNSC_LITE_HOOKS_H
#define _RUNSC_LITE_HOOKS_H

#include <stddef.h>
#include <sys/types.h>

#include "spec.h"

/**
 * hooks_run - Run every hook of one kind, in order
 * @hooks: The hooks.
 * @nr: How many.
 * @state_json: The state document for their stdin.
 * @ns_pid: 0 for the runtime's namespaces, else the pid whose namespaces
 *          the hooks enter.
 * @err: Receives the reason when a hook fails ("hook /x exited 3").
 * @errlen: Size of @err.
 *
 * Return: 0, or -1 with @err set at the first hook that failed.
 */
int hooks_run(const struct spec_hook *hooks, size_t nr, const char *state_json,
	      pid_t ns_pid, char *err, size_t errlen);

/*
 * hooks_run() for createContainer hooks, which run in the namespaces of
 * @ns_pid but whose path, as the runtime spec says, resolves in the
 * runtime's: the container's root has been switched already.
 */
int hooks_run_create_container(const struct spec_hook *hooks, size_t nr,
			       const char *state_json, pid_t ns_pid, char *err,
			       size_t errlen);

/**
 * hooks_run_warn - Run every hook of one kind, each failure only a warning
 * @hooks: The hooks, which run in the runtime's namespaces.
 * @nr: How many.
 * @state_json: The state document for their stdin.
 *
 * For poststop hooks, whose failures the runtime spec says are logged
 * while the remaining hooks and the lifecycle go on.
 */
void hooks_run_warn(const struct spec_hook *hooks, size_t nr,
		    const char *state_json);

/*
 * hooks_save_kept - Keep the hooks that run after create in @dir
 *
 * startContainer, poststart and poststop run from what create read: the
 * runtime spec says that changes to config.json after create must not
 * affect the container.
 *
 * Return: 0, or -1 with errno.
 */
int hooks_save_kept(const struct spec *spec, const char *dir);

/*
 * hooks_run_kept - Run the hooks of @kind kept by hooks_save_kept()
 *
 * startContainer hooks stop at the first that fails (-1, @err set); a
 * failing poststart or poststop hook is logged as a warning and the others
 * still run (0), as the runtime spec says.
 */
int hooks_run_kept(const char *dir, enum spec_hook_kind kind,
		   const char *state_json, pid_t ns_pid, char *err,
		   size_t errlen);

/* Run @dir/poststop.json's hooks; failures are logged, not returned. */
void hooks_run_poststop(const char *dir, const char *state_json);

#endif /* _RUNSC_LITE_HOOKS_H */
