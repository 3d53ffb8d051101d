// SPDX-License-Identifier: GPL-2.0
/*
 * runsc-lite - cgroup v2: the container's cgroup and its limits
 *
 * Copyright (C) 2026 The ksentry authors
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <time.h>
#include <unistd.h>

#include "cgroup.h"
#include "spec.h"

#ifndef CGROUP2_SUPER_MAGIC
#define CGROUP2_SUPER_MAGIC 0x63677270
#endif

static bool unified_mounted(void)
{
	struct statfs sfs;

	return !statfs(CGROUP_ROOT, &sfs) && sfs.f_type == CGROUP2_SUPER_MAGIC;
}

static int write_file(const char *const dir, const char *const file,
		      const char *const value)
{
	char path[4200];
	ssize_t len = strlen(value);
	int fd, ret = 0;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (write(fd, value, len) != len)
		ret = -1;
	close(fd);
	return ret;
}

static bool wants_limits(const struct spec_resources *const r)
{
	return r->has_memory_limit || r->has_memory_reservation ||
	       r->has_memory_swap || r->has_cpu_shares || r->has_cpu_quota ||
	       r->has_cpu_period || r->cpu_cpus || r->cpu_mems ||
	       r->has_pids_limit;
}

/* Enable @controllers in every cgroup from the root down to @dir's parent. */
static int enable_controllers(const char *const dir, const char *const controllers)
{
	char path[4096], *slash;
	size_t base = strlen(CGROUP_ROOT);

	snprintf(path, sizeof(path), "%s", dir);
	slash = path + base;
	while ((slash = strchr(slash + 1, '/'))) {
		*slash = '\0';
		if (mkdir(path, 0755) && errno != EEXIST)
			return -1;
		*slash = '/';
	}
	/* Now walk again, writing subtree_control above each level. */
	snprintf(path, sizeof(path), "%s", CGROUP_ROOT);
	for (slash = (char *)dir + base; slash && *slash;
	     slash = strchr(slash + 1, '/')) {
		char tok[64], *save = NULL, *c, list[128];

		snprintf(list, sizeof(list), "%s", controllers);
		for (c = strtok_r(list, " ", &save); c; c = strtok_r(NULL, " ", &save)) {
			snprintf(tok, sizeof(tok), "+%s", c);
			/* Best effort: a controller may be missing or in use. */
			write_file(path, "cgroup.subtree_control", tok);
		}
		snprintf(path, sizeof(path), "%.*s", (int)(strchr(slash + 1, '/') ?
			 strchr(slash + 1, '/') - dir : (long)strlen(dir)), dir);
	}
	return 0;
}

/* Resolve linux.cgroupsPath to a directory under CGROUP_ROOT. */
static int cgroup_dir(const struct spec *const spec, const char *const id,
		      char *const path, const size_t size, char *const err,
		      const size_t errlen)
{
	const char *p = spec->cgroups_path;
	int n;

	if (p && strchr(p, ':')) {
		snprintf(err, errlen,
			 "linux.cgroupsPath '%s': the systemd form is not supported (runsc-lite drives cgroupfs only)",
			 p);
		return -1;
	}
	if (p && strstr(p, "..")) {
		snprintf(err, errlen, "linux.cgroupsPath '%s': '..' is not allowed", p);
		return -1;
	}
	if (!p || !*p) {
		n = snprintf(path, size, "%s/runsc-lite/%s", CGROUP_ROOT, id);
	} else {
		while (*p == '/')
			p++;
		n = snprintf(path, size, "%s/%s", CGROUP_ROOT, p);
	}
	if (n < 0 || (size_t)n >= size) {
		snprintf(err, errlen, "linux.cgroupsPath: too long");
		return -1;
	}
	return 0;
}

/* cpu.weight from the cgroup v1 shares, as runc and crun convert them. */
static uint64_t shares_to_weight(const uint64_t shares)
{
	if (shares < 2)
		return 1;
	if (shares > 262144)
		return 10000;
	return 1 + ((shares - 2) * 9999) / 262142;
}

/* Write one limit; names the file and value in @err on failure. */
static int limit(const char *const dir, const char *const file,
		 const char *const value, char *const err, const size_t errlen)
{
	if (!write_file(dir, file, value))
		return 0;
	snprintf(err, errlen, "write %s to %s/%s: %s", value, dir, file,
		 strerror(errno));
	return -1;
}

static void fmt_max(char *const buf, const size_t size, const int64_t v)
{
	if (v < 0)
		snprintf(buf, size, "max");
	else
		snprintf(buf, size, "%lld", (long long)v);
}

static int write_limits(const char *const dir, const struct spec_resources *const r,
			char *const err, const size_t errlen)
{
	char v[64];

	if (r->has_memory_limit) {
		fmt_max(v, sizeof(v), r->memory_limit);
		if (limit(dir, "memory.max", v, err, errlen))
			return -1;
	}
	if (r->has_memory_reservation) {
		fmt_max(v, sizeof(v), r->memory_reservation);
		if (limit(dir, "memory.low", v, err, errlen))
			return -1;
	}
	if (r->has_memory_swap) {
		/* OCI's swap is memory + swap; cgroup v2 wants swap alone. */
		if (r->has_memory_limit && r->memory_limit >= 0 &&
		    r->memory_swap >= 0 && r->memory_swap < r->memory_limit) {
			snprintf(err, errlen,
				 "linux.resources.memory.swap %lld is below memory.limit %lld",
				 (long long)r->memory_swap, (long long)r->memory_limit);
			return -1;
		}
		if (r->memory_swap < 0 || !r->has_memory_limit || r->memory_limit < 0)
			snprintf(v, sizeof(v), "max");
		else
			snprintf(v, sizeof(v), "%lld",
				 (long long)(r->memory_swap - r->memory_limit));
		if (limit(dir, "memory.swap.max", v, err, errlen))
			return -1;
	}
	if (r->has_cpu_shares) {
		snprintf(v, sizeof(v), "%llu",
			 (unsigned long long)shares_to_weight(r->cpu_shares));
		if (limit(dir, "cpu.weight", v, err, errlen))
			return -1;
	}
	if (r->has_cpu_quota || r->has_cpu_period) {
		char quota[32];

		if (r->has_cpu_quota && r->cpu_quota > 0)
			snprintf(quota, sizeof(quota), "%lld", (long long)r->cpu_quota);
		else
			snprintf(quota, sizeof(quota), "max");
		snprintf(v, sizeof(v), "%s %llu", quota,
			 (unsigned long long)(r->has_cpu_period && r->cpu_period ?
					      r->cpu_period : 100000));
		if (limit(dir, "cpu.max", v, err, errlen))
			return -1;
	}
	if (r->cpu_cpus && *r->cpu_cpus &&
	    limit(dir, "cpuset.cpus", r->cpu_cpus, err, errlen))
		return -1;
	if (r->cpu_mems && *r->cpu_mems &&
	    limit(dir, "cpuset.mems", r->cpu_mems, err, errlen))
		return -1;
	if (r->has_pids_limit) {
		fmt_max(v, sizeof(v), r->pids_limit > 0 ? r->pids_limit : -1);
		if (limit(dir, "pids.max", v, err, errlen))
			return -1;
	}
	return 0;
}

int cgroup_create(const struct spec *const spec, const char *const id,
		  char *const path, const size_t size, char *const err,
		  const size_t errlen)
{
	const struct spec_resources *const r = &spec->resources;

	path[0] = '\0';
	if (!unified_mounted()) {
		if (!wants_limits(r))
			return 0;
		snprintf(err, errlen,
			 "linux.resources: cgroup v2 is not mounted on %s",
			 CGROUP_ROOT);
		return -1;
	}
	if (cgroup_dir(spec, id, path, size, err, errlen))
		return -1;
	if (enable_controllers(path, "cpu cpuset memory pids")) {
		snprintf(err, errlen, "create the parents of cgroup %s: %s",
			 path, strerror(errno));
		path[0] = '\0';
		return -1;
	}
	if (mkdir(path, 0755) && errno != EEXIST) {
		snprintf(err, errlen, "create cgroup %s: %s", path, strerror(errno));
		path[0] = '\0';
		return -1;
	}
	if (write_limits(path, r, err, errlen)) {
		rmdir(path);
		path[0] = '\0';
		return -1;
	}
	return 0;
}

int cgroup_add(const char *const path, const pid_t pid)
{
	char v[32];

	if (!path[0])
		return 0;
	snprintf(v, sizeof(v), "%d", pid);
	return write_file(path, "cgroup.procs", v);
}

int cgroup_pids(const char *const path, pid_t **const pids, size_t *const nr)
{
	char file[4200];
	size_t cap = 16;
	long long pid;
	FILE *f;

	*nr = 0;
	*pids = malloc(cap * sizeof(**pids));
	if (!*pids)
		return -1;
	snprintf(file, sizeof(file), "%s/cgroup.procs", path);
	f = fopen(file, "re");
	if (!f)
		return -1;
	while (fscanf(f, "%lld", &pid) == 1) {
		if (*nr == cap) {
			pid_t *more = realloc(*pids, 2 * cap * sizeof(**pids));

			if (!more)
				break;
			*pids = more;
			cap *= 2;
		}
		(*pids)[(*nr)++] = (pid_t)pid;
	}
	fclose(f);
	return 0;
}

int cgroup_signal_all(const char *const path, const int sig)
{
	size_t i, nr;
	pid_t *pids;

	if (!path[0])
		return 0;
	if (sig == SIGKILL && !write_file(path, "cgroup.kill", "1"))
		return 0;
	if (cgroup_pids(path, &pids, &nr)) {
		free(pids);
		return -1;
	}
	for (i = 0; i < nr; i++)
		kill(pids[i], sig);
	free(pids);
	return 0;
}

int cgroup_destroy(const char *const path)
{
	const struct timespec pause = { .tv_nsec = 10 * 1000 * 1000 };
	int tries;

	if (!path[0])
		return 0;
	for (tries = 0; tries < 500; tries++) {
		if (!rmdir(path) || errno == ENOENT)
			return 0;
		if (errno != EBUSY)
			return -1;
		/* Processes are left, or are still exiting. */
		cgroup_signal_all(path, SIGKILL);
		nanosleep(&pause, NULL);
	}
	return -1;
}
