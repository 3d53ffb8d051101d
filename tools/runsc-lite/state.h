/* SPDX-License-Identifier: GPL-2.0 */
/*
 * runsc-lite - container state: the state directory, its lock, state.json
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * Each container has a directory ROOT/ID holding:
 *
 * - lock: flock()ed by every command that touches the container, so that
 *   concurrent commands on one container run one after the other;
 * - state.json: written atomically (a temporary file, then rename);
 * - exec.fifo: present from create to start; the container's init blocks
 *   opening it until "start" opens it for reading.
 *
 * While "create" runs, the directory is ROOT/.ID.creating, holding a file
 * "owner" with the pid of the create process.  It is renamed to ROOT/ID
 * only once the container exists, so a create killed half-way leaves no
 * container behind; the next command that scans ROOT removes the partial
 * directory of a dead creator (and its cgroup).
 */

#ifndef _RUNSC_LITE_STATE_H
#define _RUNSC_LITE_STATE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#define STATE_MAX_ID 1024

enum container_status {
	STATUS_CREATING,
	STATUS_CREATED,
	STATUS_RUNNING,
	STATUS_STOPPED,
};

/* What state.json holds: the OCI state plus runsc-lite's own fields. */
struct state {
	char id[STATE_MAX_ID];
	char bundle[4096];
	pid_t pid;			/* the init, in the runtime's pid ns */
	unsigned long long start_time;	/* its start time, /proc/PID/stat */
	enum container_status status;	/* as last written */
	uint64_t sandbox_id;		/* 0: unsandboxed */
	char cgroup[4096];		/* absolute cgroup directory, or "" */
	char created[64];		/* RFC 3339 */
	bool has_poststop;		/* config.json has poststop hooks */
	struct json_object *annotations; /* owned */
};

/* Validate a container id: [A-Za-z0-9][A-Za-z0-9_.+-]*. */
int state_check_id(const char *id, char *err, size_t errlen);

/* ROOT, created if missing (mode 0700). */
int state_root_init(const char *root);

/* Paths inside the container's directory. */
int state_path(char *buf, size_t size, const char *root, const char *id,
	       const char *file);

/*
 * Take the container's lock; returns the lock fd, or -1 with errno
 * ENOENT when the container does not exist.
 */
int state_lock(const char *root, const char *id);
void state_unlock(int fd);

/* Read ROOT/ID/state.json; -1 with errno ENOENT if there is none. */
int state_read(const char *root, const char *id, struct state *st);
/* Write it atomically into @dir (ROOT/ID or the creating directory). */
int state_write(const char *dir, const struct state *st);
void state_release(struct state *st);

/* The status now: the recorded one, corrected by whether the init lives. */
enum container_status state_status(const struct state *st);
const char *state_status_name(enum container_status status);

/* Whether @pid is still the process started at @start_time. */
bool state_pid_alive(pid_t pid, unsigned long long start_time);
/* The start time of @pid from /proc/PID/stat, or 0. */
unsigned long long state_pid_start_time(pid_t pid);

/* The OCI state document as JSON text; free() it. */
char *state_json(const struct state *st);

/* Remove the partial directories of creates that died (see above). */
void state_collect_garbage(const char *root);

/* Remove a directory tree (state directories hold no subdirectory). */
int state_remove_dir(const char *dir);

#endif /* _RUNSC_LITE_STATE_H */
