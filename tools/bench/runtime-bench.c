// SPDX-License-Identifier: GPL-2.0
/*
 * ksentry - time OCI runtimes through a container's whole life
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * usage: runtime-bench LABEL REPS BUNDLE NAME=RUNTIME...
 *
 * Runs, REPS times for each RUNTIME, what an engine runs for one
 * container: "create --bundle BUNDLE --pid-file F ID", "start ID", a wait
 * for the container's process to exit, and "delete ID", each runtime with
 * a state directory of its own (--root /run/runtime-bench/NAME).  The
 * runtimes take turns within each repetition, in an order that rotates,
 * so that a drift of the machine falls on all of them alike.
 *
 * This process is a child subreaper: a runtime's create exits and leaves
 * the container's init behind, which the kernel then hands to this
 * process, and this process waits for it as an engine's shim does.
 *
 * Each cycle prints one TAP comment,
 *   "# sample LABEL NAME REP CREATE START WAIT DELETE TOTAL",
 * the phases' CLOCK_MONOTONIC nanoseconds (guest instructions under QEMU
 * -icount shift=0,sleep=off, where the clock advances one nanosecond per
 * instruction), for the payload's TAP stream.  The exit status is
 * non-zero if a runtime failed.  The runtimes' stderr goes to
 * /tmp/runtime-bench-NAME.log.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_RUNTIMES 8

struct runtime {
	const char *name;
	const char *path;
	char root[256];
	char log[256];
};

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/* Run @rt with the arguments that follow, up to NULL; its exit status, or -1. */
static int run(const struct runtime *const rt, ...)
{
	const char *argv[16], *arg;
	int status, fd, n = 0;
	va_list ap;
	pid_t pid;

	argv[n++] = rt->path;
	argv[n++] = "--root";
	argv[n++] = rt->root;
	va_start(ap, rt);
	while ((arg = va_arg(ap, const char *)) && n < 15)
		argv[n++] = arg;
	va_end(ap);
	argv[n] = NULL;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		fd = open("/dev/null", O_RDWR);
		dup2(fd, 0);
		dup2(fd, 1);
		fd = open(rt->log, O_WRONLY | O_CREAT | O_APPEND, 0644);
		if (fd >= 0)
			dup2(fd, 2);
		execv(rt->path, (char *const *)argv);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static pid_t read_pid(const char *const file)
{
	long pid = 0;
	FILE *f = fopen(file, "r");

	if (!f)
		return -1;
	if (fscanf(f, "%ld", &pid) != 1)
		pid = -1;
	fclose(f);
	return (pid_t)pid;
}

/* One container's life with @rt; prints its sample line.  0 on success. */
static int cycle(const struct runtime *const rt, const char *const label,
		 const char *const bundle, const int rep)
{
	char id[64], pidfile[128];
	uint64_t t[5];
	int status;
	pid_t pid;

	snprintf(id, sizeof(id), "bench-%s-%d", rt->name, rep);
	snprintf(pidfile, sizeof(pidfile), "/tmp/runtime-bench-%s.pid", rt->name);
	unlink(pidfile);
	t[0] = now_ns();
	if (run(rt, "create", "--bundle", bundle, "--pid-file", pidfile, id,
		NULL)) {
		printf("# %s: create %s failed (see %s)\n", rt->name, id, rt->log);
		return -1;
	}
	t[1] = now_ns();
	pid = read_pid(pidfile);
	if (pid <= 0 || run(rt, "start", id, NULL)) {
		printf("# %s: start %s failed (see %s)\n", rt->name, id, rt->log);
		run(rt, "delete", "--force", id, NULL);
		return -1;
	}
	t[2] = now_ns();
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			printf("# %s: wait for %d: %s\n", rt->name, pid,
			       strerror(errno));
			run(rt, "delete", "--force", id, NULL);
			return -1;
		}
	}
	t[3] = now_ns();
	if (run(rt, "delete", id, NULL)) {
		printf("# %s: delete %s failed (see %s)\n", rt->name, id, rt->log);
		return -1;
	}
	t[4] = now_ns();
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		printf("# %s: the container's process ended with status %#x\n",
		       rt->name, status);
		return -1;
	}
	printf("# sample %s %s %d %llu %llu %llu %llu %llu\n", label, rt->name,
	       rep, (unsigned long long)(t[1] - t[0]),
	       (unsigned long long)(t[2] - t[1]),
	       (unsigned long long)(t[3] - t[2]),
	       (unsigned long long)(t[4] - t[3]),
	       (unsigned long long)(t[4] - t[0]));
	fflush(stdout);
	return 0;
}

int main(int argc, char *argv[])
{
	struct runtime rts[MAX_RUNTIMES];
	int reps, nr = 0, rep, k, failed = 0;
	const char *label, *bundle;

	if (argc < 5 || argc - 4 > MAX_RUNTIMES) {
		fprintf(stderr, "usage: runtime-bench LABEL REPS BUNDLE NAME=RUNTIME...\n");
		return 2;
	}
	label = argv[1];
	reps = atoi(argv[2]);
	bundle = argv[3];
	for (k = 4; k < argc; k++) {
		char *eq = strchr(argv[k], '=');

		if (!eq || eq == argv[k]) {
			fprintf(stderr, "runtime-bench: %s: not NAME=RUNTIME\n", argv[k]);
			return 2;
		}
		*eq = '\0';
		rts[nr].name = argv[k];
		rts[nr].path = eq + 1;
		snprintf(rts[nr].root, sizeof(rts[nr].root), "/run/runtime-bench/%s",
			 argv[k]);
		snprintf(rts[nr].log, sizeof(rts[nr].log), "/tmp/runtime-bench-%s.log",
			 argv[k]);
		nr++;
	}
	if (prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)) {
		perror("runtime-bench: PR_SET_CHILD_SUBREAPER");
		return 1;
	}
	mkdir("/run/runtime-bench", 0700);
	for (rep = 0; rep < reps && !failed; rep++)
		for (k = 0; k < nr && !failed; k++)
			failed = cycle(&rts[(rep + k) % nr], label, bundle, rep);
	return failed ? 1 : 0;
}
