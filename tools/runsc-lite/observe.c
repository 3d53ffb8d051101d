// SPDX-License-Identifier: GPL-2.0
/*
 * runsc-lite - stats and trace: what the sandbox decided
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * "stats" opens the container's sandbox again through its init's pid
 * namespace (KSENTRY_IOCTL_OPEN_SANDBOX) and prints the counters.
 * "trace" reads the ksentry:ksentry_decision event from a tracefs
 * instance of its own, filtered on the sandbox's id, and prints each
 * decision as strace would print the call.  Emulated calls fire the event
 * too; they are left out unless the container's ksentry.trace is "all".
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <json-c/json.h>
#include <seccomp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ksentry.h"
#include "log.h"
#include "runtime.h"
#include "state.h"

static const char *const action_names[KSENTRY_STATS_ACTIONS] = {
	"kill_process", "kill_thread", "trap", "errno", "emulate", "log",
	"allow",
};

/* The name of x86-64 syscall @nr, or NULL. */
static char *syscall_name(const unsigned int nr)
{
	return seccomp_syscall_resolve_num_arch(SCMP_ARCH_X86_64, (int)nr);
}

static void slot_name(const unsigned int slot, char *const buf,
		      const size_t size)
{
	char *name;

	if (slot == KSENTRY_STATS_SLOT_IA32) {
		snprintf(buf, size, "(ia32)");
	} else if (slot == KSENTRY_STATS_SLOT_X32) {
		snprintf(buf, size, "(x32)");
	} else if (slot == KSENTRY_STATS_SLOT_OTHER) {
		snprintf(buf, size, "(beyond the table)");
	} else {
		name = syscall_name(slot);
		snprintf(buf, size, "%s", name ? name : "?");
		free(name);
	}
}

static void print_stats(ksentry_counts_row *counts,
			const bool json, const struct state *const st)
{
	unsigned int slot, a;
	char name[64];
	bool first = true;

	if (json)
		printf("{\"id\":\"%s\",\"sandboxId\":%llu,\"syscalls\":[",
		       st->id, (unsigned long long)st->sandbox_id);
	else
		printf("%-6s %-24s %s\n", "NR", "SYSCALL", "DECISIONS");
	for (slot = 0; slot < KSENTRY_STATS_SLOTS; slot++) {
		uint64_t total = 0;

		for (a = 0; a < KSENTRY_STATS_ACTIONS; a++)
			total += counts[slot][a];
		if (!total)
			continue;
		slot_name(slot, name, sizeof(name));
		if (json) {
			printf("%s{\"nr\":%u,\"name\":\"%s\"", first ? "" : ",",
			       slot, name);
			for (a = 0; a < KSENTRY_STATS_ACTIONS; a++)
				if (counts[slot][a])
					printf(",\"%s\":%llu", action_names[a],
					       (unsigned long long)counts[slot][a]);
			putchar('}');
		} else {
			printf("%-6u %-24s", slot, name);
			for (a = 0; a < KSENTRY_STATS_ACTIONS; a++)
				if (counts[slot][a])
					printf(" %s=%llu", action_names[a],
					       (unsigned long long)counts[slot][a]);
			putchar('\n');
		}
		first = false;
	}
	if (json)
		puts("]}");
}

/* Read @id's state and open its sandbox; logs the reason on failure. */
static int open_sandbox_of(const struct global_opts *const g, const char *const id,
			   struct state *const st)
{
	int lock, fd;

	/* The callers release @st whatever happens. */
	memset(st, 0, sizeof(*st));
	lock = state_lock(g->root, id);
	if (lock < 0 || state_read(g->root, id, st)) {
		log_error("Failed to read container %s: %s", id,
			  errno == ENOENT ? "it does not exist" : strerror(errno));
		state_unlock(lock);
		return -1;
	}
	state_unlock(lock);
	if (!st->sandbox_id) {
		log_error("Failed to open the sandbox of %s: the container runs unsandboxed",
			  id);
		return -1;
	}
	if (state_status(st) == STATUS_STOPPED) {
		log_error("Failed to open the sandbox of %s: the container has stopped",
			  id);
		return -1;
	}
	fd = ksentry_open(st->pid);
	if (fd < 0)
		log_error("Failed to open the sandbox of %s: %s", id, strerror(errno));
	return fd;
}

int cmd_stats(const struct global_opts *const g, int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	ksentry_counts_row *counts;
	struct state st;
	bool json = false;
	int opt, fd, ret = 1;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "f:", longopts, NULL)) != -1) {
		if (opt != 'f' || (strcmp(optarg, "json") && strcmp(optarg, "text")))
			goto usage;
		json = !strcmp(optarg, "json");
	}
	if (optind != argc - 1)
		goto usage;
	fd = open_sandbox_of(g, argv[optind], &st);
	if (fd < 0) {
		state_release(&st);
		return 1;
	}
	counts = calloc(KSENTRY_STATS_SLOTS, sizeof(*counts));
	if (!counts || ksentry_stats(fd, counts)) {
		log_error("Failed to read the counters of %s: %s", st.id,
			  strerror(errno));
	} else {
		print_stats(counts, json, &st);
		ret = 0;
	}
	free(counts);
	close(fd);
	state_release(&st);
	return ret;
usage:
	log_error("Failed to parse the command line of stats");
	fputs("usage: runsc-lite stats [--format text|json] ID\n", stderr);
	return 1;
}

static const char *const tracefs_roots[] = {
	"/sys/kernel/tracing", "/sys/kernel/debug/tracing",
};

static int write_str(const char *const path, const char *const s)
{
	int fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	ssize_t len = strlen(s);
	int ret;

	if (fd < 0)
		return -1;
	ret = write(fd, s, len) == len ? 0 : -1;
	close(fd);
	return ret;
}

static char instance[4200];
/* The instance's open trace_pipe, which makes its rmdir() fail (EBUSY). */
static int pipe_fd = -1;

static void remove_instance(void)
{
	char path[4400];

	if (!instance[0])
		return;
	snprintf(path, sizeof(path), "%s/events/ksentry/ksentry_decision/enable",
		 instance);
	write_str(path, "0");
	rmdir(instance);
	instance[0] = '\0';
}

static void stop_trace(const int sig)
{
	(void)sig;
	if (pipe_fd >= 0)
		close(pipe_fd);
	remove_instance();
	_exit(0);
}

/*
 * Make a tracefs instance with the event enabled for @sandbox only, and
 * for its emulated calls only @with_emulated.
 */
static int make_instance(const uint64_t sandbox, const bool with_emulated)
{
	char path[4400], filter[128];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(tracefs_roots); i++) {
		snprintf(instance, sizeof(instance), "%s/instances/runsc-lite-%d",
			 tracefs_roots[i], getpid());
		if (!mkdir(instance, 0700))
			break;
		instance[0] = '\0';
	}
	if (!instance[0])
		return -1;
	if (with_emulated)
		snprintf(filter, sizeof(filter), "sandbox == %llu",
			 (unsigned long long)sandbox);
	else
		snprintf(filter, sizeof(filter),
			 "sandbox == %llu && (action < %#x || action > %#x)",
			 (unsigned long long)sandbox, KSENTRY_ACT_EMULATE,
			 KSENTRY_ACT_EMULATE | KSENTRY_ACT_DATA_MASK);
	snprintf(path, sizeof(path), "%s/events/ksentry/ksentry_decision/filter",
		 instance);
	if (write_str(path, filter))
		return -1;
	snprintf(path, sizeof(path), "%s/events/ksentry/ksentry_decision/enable",
		 instance);
	return write_str(path, "1");
}

/* "... sandbox=3 pid=77 arch=0xc000003e nr=102 action=0x4000d args=..." */
static void print_event(const char *const line)
{
	unsigned long long sb, nr, a[6];
	unsigned int arch, action;
	const char *p = strstr(line, "sandbox=");
	char *name;
	int pid;

	if (!p ||
	    sscanf(p,
		   "sandbox=%llu pid=%d arch=%x nr=%llu action=%x args=%llx,%llx,%llx,%llx,%llx,%llx",
		   &sb, &pid, &arch, &nr, &action, &a[0], &a[1], &a[2],
		   &a[3], &a[4], &a[5]) != 11)
		return;
	name = arch == 0xc000003e ? syscall_name((unsigned int)(nr & 0xffffffff)) : NULL;
	printf("[pid %d] %s%s(%#llx, %#llx, %#llx, %#llx, %#llx, %#llx) = ", pid,
	       arch == 0xc000003e ? "" : "ia32/x32:", name ? name : "?",
	       a[0], a[1], a[2], a[3], a[4], a[5]);
	switch (action & 0xffff0000U) {
	case KSENTRY_ACT_ERRNO:
		printf("-1 %s (%s)\n", strerrorname_np(action & 0xffff) ?
		       strerrorname_np(action & 0xffff) : "?",
		       strerror(action & 0xffff));
		break;
	case KSENTRY_ACT_TRAP:
		puts("? SIGSYS (trap)");
		break;
	case KSENTRY_ACT_KILL_THREAD:
		puts("? killed (thread)");
		break;
	case KSENTRY_ACT_KILL_PROCESS:
		puts("? killed (process)");
		break;
	case KSENTRY_ACT_LOG:
		puts("(logged, allowed)");
		break;
	case KSENTRY_ACT_EMULATE:
		printf("(emulated, handler %u)\n", action & 0xffff);
		break;
	default:
		printf("(action %#x)\n", action);
		break;
	}
	fflush(stdout);
	free(name);
}

/* Whether the container was created with ksentry.trace "all". */
static bool trace_all(const struct state *const st)
{
	struct json_object *v;
	const char *mode;

	if (!st->annotations ||
	    !json_object_object_get_ex(st->annotations, "ksentry.trace", &v))
		return false;
	mode = json_object_get_string(v);
	return mode && !strcmp(mode, "all");
}

int cmd_trace(const struct global_opts *const g, int argc, char *argv[])
{
	char path[4400], line[1024];
	struct state st;
	FILE *pipe;
	int fd;

	if (argc != 2) {
		log_error("Failed to parse the command line of trace");
		fputs("usage: runsc-lite trace ID\n", stderr);
		return 1;
	}
	fd = open_sandbox_of(g, argv[1], &st);
	if (fd < 0) {
		state_release(&st);
		return 1;
	}
	close(fd);
	if (make_instance(st.sandbox_id, trace_all(&st))) {
		log_error("Failed to enable the ksentry_decision event: %s (hint: %s)",
			  strerror(errno), "mount tracefs on /sys/kernel/tracing");
		remove_instance();
		state_release(&st);
		return 1;
	}
	signal(SIGINT, stop_trace);
	signal(SIGTERM, stop_trace);
	snprintf(path, sizeof(path), "%s/trace_pipe", instance);
	pipe = fopen(path, "re");
	pipe_fd = pipe ? fileno(pipe) : -1;
	while (pipe && fgets(line, sizeof(line), pipe)) {
		print_event(line);
		/* Stop with the container. */
		if (!state_pid_alive(st.pid, st.start_time))
			break;
	}
	pipe_fd = -1;
	if (pipe)
		fclose(pipe);
	remove_instance();
	state_release(&st);
	return 0;
}
