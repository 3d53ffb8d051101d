// SPDX-License-Identifier: GPL-2.0
/*
 * runsc-lite - container state: the state directory, its lock, state.json
 *
 * Copyright (C) 2026 The ksentry authors
 */

#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cgroup.h"
#include "runtime.h"
#include "state.h"

#define OCI_VERSION "1.2.0"

int state_check_id(const char *const id, char *const err, const size_t errlen)
{
	size_t i, len = strlen(id);

	if (!len || len >= STATE_MAX_ID - 16) {
		snprintf(err, errlen, "container id '%s': must be 1 to %d characters",
			 id, STATE_MAX_ID - 17);
		return -1;
	}
	for (i = 0; i < len; i++) {
		const unsigned char c = id[i];

		if (isalnum(c) || (i && strchr("_.+-", c)))
			continue;
		snprintf(err, errlen,
			 "container id '%s': only letters, digits and _.+- (not first) are allowed",
			 id);
		return -1;
	}
	return 0;
}

/* The state directory and its missing parents, as runc makes them. */
int state_root_init(const char *const root)
{
	char path[4096], *slash;

	if (snprintf(path, sizeof(path), "%s", root) >= (int)sizeof(path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	for (slash = path[0] ? strchr(path + 1, '/') : NULL; slash;
	     slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (mkdir(path, 0711) && errno != EEXIST)
			return -1;
		*slash = '/';
	}
	if (mkdir(path, 0700) && errno != EEXIST)
		return -1;
	return 0;
}

int state_path(char *const buf, const size_t size, const char *const root,
	       const char *const id, const char *const file)
{
	int n;

	if (file)
		n = snprintf(buf, size, "%s/%s/%s", root, id, file);
	else
		n = snprintf(buf, size, "%s/%s", root, id);
	if (n < 0 || (size_t)n >= size) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

int state_lock(const char *const root, const char *const id)
{
	char path[4096];
	int fd;

	if (state_path(path, sizeof(path), root, id, "lock"))
		return -1;
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (flock(fd, LOCK_EX)) {
		close(fd);
		return -1;
	}
	/* A delete may have removed the directory while this waited. */
	if (access(path, F_OK)) {
		close(fd);
		errno = ENOENT;
		return -1;
	}
	return fd;
}

void state_unlock(const int fd)
{
	if (fd >= 0)
		close(fd);
}

unsigned long long state_pid_start_time(const pid_t pid)
{
	char path[64], buf[4096], *p;
	unsigned long long start = 0;
	ssize_t n;
	int fd, field;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	/* The command name may hold spaces: count fields after its ')'. */
	p = strrchr(buf, ')');
	if (!p)
		return 0;
	for (field = 2; p && field < 22; field++)
		p = strchr(p + 1, ' ');
	if (p)
		start = strtoull(p + 1, NULL, 10);
	return start;
}

bool state_pid_alive(const pid_t pid, const unsigned long long start_time)
{
	char path[64], buf[512], *p;
	int fd;
	ssize_t n;

	if (pid <= 0 || state_pid_start_time(pid) != start_time)
		return false;
	/* A zombie has exited: the container is stopped. */
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	p = strrchr(buf, ')');
	return p && p[1] == ' ' && p[2] != 'Z' && p[2] != 'X';
}

static const char *const status_names[] = {
	[STATUS_CREATING] = "creating",
	[STATUS_CREATED] = "created",
	[STATUS_RUNNING] = "running",
	[STATUS_STOPPED] = "stopped",
};

const char *state_status_name(const enum container_status status)
{
	return status_names[status];
}

enum container_status state_status(const struct state *const st)
{
	if (!state_pid_alive(st->pid, st->start_time))
		return STATUS_STOPPED;
	return st->status;
}

static struct json_object *state_object(const struct state *const st,
					const bool full)
{
	struct json_object *o = json_object_new_object();

	json_object_object_add(o, "ociVersion", json_object_new_string(OCI_VERSION));
	json_object_object_add(o, "id", json_object_new_string(st->id));
	json_object_object_add(o, "status",
			       json_object_new_string(state_status_name(full ?
				       st->status : state_status(st))));
	if (full || state_status(st) != STATUS_STOPPED)
		json_object_object_add(o, "pid", json_object_new_int(st->pid));
	else
		json_object_object_add(o, "pid", json_object_new_int(0));
	json_object_object_add(o, "bundle", json_object_new_string(st->bundle));
	json_object_object_add(o, "annotations", st->annotations ?
			       json_object_get(st->annotations) :
			       json_object_new_object());
	json_object_object_add(o, "created", json_object_new_string(st->created));
	if (!full)
		return o;
	json_object_object_add(o, "startTime",
			       json_object_new_uint64(st->start_time));
	json_object_object_add(o, "sandboxId",
			       json_object_new_uint64(st->sandbox_id));
	json_object_object_add(o, "cgroup", json_object_new_string(st->cgroup));
	json_object_object_add(o, "hasPoststop",
			       json_object_new_boolean(st->has_poststop));
	return o;
}

char *state_json(const struct state *const st)
{
	struct json_object *o = state_object(st, false);
	const int flags = JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
			  JSON_C_TO_STRING_NOSLASHESCAPE;
	char *s = strdup(json_object_to_json_string_ext(o, flags));

	json_object_put(o);
	return s;
}

int state_write(const char *const dir, const struct state *const st)
{
	char tmp[4200], path[4200];
	struct json_object *o = state_object(st, true);
	const char *text = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
							  JSON_C_TO_STRING_NOSLASHESCAPE);
	size_t len = strlen(text);
	int fd, ret = -1;

	snprintf(tmp, sizeof(tmp), "%s/state.json.tmp", dir);
	snprintf(path, sizeof(path), "%s/state.json", dir);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		goto out;
	if (write(fd, text, len) != (ssize_t)len || fsync(fd)) {
		close(fd);
		goto out_unlink;
	}
	close(fd);
	if (rename(tmp, path))
		goto out_unlink;
	ret = 0;
	goto out;
out_unlink:
	unlink(tmp);
out:
	json_object_put(o);
	return ret;
}

static const char *get_str(struct json_object *const o, const char *const key)
{
	struct json_object *v;

	if (!json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_string))
		return "";
	return json_object_get_string(v);
}

static uint64_t get_u64(struct json_object *const o, const char *const key)
{
	struct json_object *v;

	if (!json_object_object_get_ex(o, key, &v))
		return 0;
	return json_object_get_uint64(v);
}

static enum container_status parse_status(const char *const name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(status_names); i++)
		if (!strcmp(name, status_names[i]))
			return i;
	return STATUS_STOPPED;
}

int state_read(const char *const root, const char *const id,
	       struct state *const st)
{
	struct json_object *o, *v;
	char path[4096];

	memset(st, 0, sizeof(*st));
	if (state_path(path, sizeof(path), root, id, "state.json"))
		return -1;
	if (access(path, F_OK))
		return -1;
	o = json_object_from_file(path);
	if (!o) {
		errno = EIO;
		return -1;
	}
	snprintf(st->id, sizeof(st->id), "%s", get_str(o, "id"));
	snprintf(st->bundle, sizeof(st->bundle), "%s", get_str(o, "bundle"));
	snprintf(st->cgroup, sizeof(st->cgroup), "%s", get_str(o, "cgroup"));
	snprintf(st->created, sizeof(st->created), "%s", get_str(o, "created"));
	st->status = parse_status(get_str(o, "status"));
	st->pid = (pid_t)get_u64(o, "pid");
	st->start_time = get_u64(o, "startTime");
	st->sandbox_id = get_u64(o, "sandboxId");
	if (json_object_object_get_ex(o, "hasPoststop", &v))
		st->has_poststop = json_object_get_boolean(v);
	if (json_object_object_get_ex(o, "annotations", &v))
		st->annotations = json_object_get(v);
	json_object_put(o);
	return 0;
}

void state_release(struct state *const st)
{
	json_object_put(st->annotations);
	st->annotations = NULL;
}

int state_remove_dir(const char *const dir)
{
	struct dirent *de;
	char path[4400];
	DIR *d;

	d = opendir(dir);
	if (!d)
		return errno == ENOENT ? 0 : -1;
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		unlink(path);
	}
	closedir(d);
	return rmdir(dir);
}

/* The pid in DIR/owner, or 0. */
static pid_t read_owner(const char *const dir, unsigned long long *const start)
{
	char path[4400];
	long long pid = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/owner", dir);
	f = fopen(path, "re");
	if (!f)
		return 0;
	if (fscanf(f, "%lld %llu", &pid, start) != 2)
		pid = 0;
	fclose(f);
	return (pid_t)pid;
}

/* Remove the cgroup a dead create recorded in DIR/cgroup, if any. */
static void remove_partial_cgroup(const char *const dir)
{
	char path[4400], cg[4096] = "";
	FILE *f;

	snprintf(path, sizeof(path), "%s/cgroup", dir);
	f = fopen(path, "re");
	if (!f)
		return;
	if (!fgets(cg, sizeof(cg), f))
		cg[0] = '\0';
	fclose(f);
	cg[strcspn(cg, "\n")] = '\0';
	if (cg[0])
		cgroup_destroy(cg);
}

void state_collect_garbage(const char *const root)
{
	unsigned long long start = 0;
	struct dirent *de;
	char dir[4096];
	size_t len;
	pid_t owner;
	DIR *d;

	d = opendir(root);
	if (!d)
		return;
	while ((de = readdir(d))) {
		len = strlen(de->d_name);
		if (de->d_name[0] != '.' || len < 10 ||
		    strcmp(de->d_name + len - 9, ".creating"))
			continue;
		snprintf(dir, sizeof(dir), "%s/%s", root, de->d_name);
		owner = read_owner(dir, &start);
		if (owner && state_pid_alive(owner, start))
			continue;
		/* The init exits when its creator's socket closes; not its cgroup. */
		remove_partial_cgroup(dir);
		snprintf(dir, sizeof(dir), "%s/%s", root, de->d_name);
		state_remove_dir(dir);
	}
	closedir(d);
}
