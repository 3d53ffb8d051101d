/* SPDX-License-Identifier: GPL-2.0 */
/*
 * runsc-lite - the commands and what they share
 *
 * Copyright (C) 2026 The ksentry authors
 */

#ifndef _RUNSC_LITE_RUNTIME_H
#define _RUNSC_LITE_RUNTIME_H

#include <stdbool.h>

#define RUNSC_LITE_VERSION "0.2.0"
#define RUNSC_LITE_OCI_VERSION "1.2.0"
#define RUNSC_LITE_ROOT "/run/runsc-lite"

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

/* The global options, parsed before the command. */
struct global_opts {
	const char *root;
	bool debug;
	/* --unsandboxed: run every container without ksentry. */
	bool unsandboxed;
	/*
	 * --host-pid=unsandboxed: run a container in the host's pid
	 * namespace (Docker's --pid=host, Kubernetes' hostPID: true)
	 * without ksentry, which binds a pid namespace of its own; refused
	 * by default.
	 */
	bool host_pid_unsandboxed;
};

int cmd_create(const struct global_opts *g, int argc, char *argv[]);
int cmd_start(const struct global_opts *g, int argc, char *argv[]);
int cmd_run(const struct global_opts *g, int argc, char *argv[]);
int cmd_state(const struct global_opts *g, int argc, char *argv[]);
int cmd_kill(const struct global_opts *g, int argc, char *argv[]);
int cmd_delete(const struct global_opts *g, int argc, char *argv[]);
int cmd_list(const struct global_opts *g, int argc, char *argv[]);
int cmd_ps(const struct global_opts *g, int argc, char *argv[]);
int cmd_exec(const struct global_opts *g, int argc, char *argv[]);
int cmd_stats(const struct global_opts *g, int argc, char *argv[]);
int cmd_trace(const struct global_opts *g, int argc, char *argv[]);

struct state;

/*
 * container_destroy - Kill what is left of a container, remove its cgroup,
 * run its poststop hooks and remove its state; the container's lock is
 * held.  What delete does, and what a failed startContainer hook does.
 */
void container_destroy(const struct global_opts *g, struct state *st);

/* Parse a signal name ("TERM", "SIGTERM") or number; -1 if unknown. */
int parse_signal(const char *name);

#endif /* _RUNSC_LITE_RUNTIME_H */
