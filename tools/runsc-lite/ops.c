// SPDX-License-Identifier: GPL-2.0
/*
 * runsc-lite - state, kill, delete, list and ps
 *
 * Copyright (C) 2026 The ksentry authors
 */

#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cgroup.h"
#include "hooks.h"
#include "log.h"
#include "runtime.h"
#include "state.h"

static const struct {
	const char *name;
	int sig;
} signals[] = {
	{ "HUP", SIGHUP }, { "INT", SIGINT }, { "QUIT", SIGQUIT },
	{ "ILL", SIGILL }, { "TRAP", SIGTRAP }, { "ABRT", SIGABRT },
	{ "IOT", SIGIOT }, { "BUS", SIGBUS }, { "FPE", SIGFPE },
	{ "KILL", SIGKILL }, { "USR1", SIGUSR1 }, { "SEGV", SIGSEGV },
	{ "USR2", SIGUSR2 }, { "PIPE", SIGPIPE }, { "ALRM", SIGALRM },
	{ "TERM", SIGTERM }, { "STKFLT", SIGSTKFLT }, { "CHLD", SIGCHLD },
	{ "CONT", SIGCONT }, { "STOP", SIGSTOP }, { "TSTP", SIGTSTP },
	{ "TTIN", SIGTTIN }, { "TTOU", SIGTTOU }, { "URG", SIGURG },
	{ "XCPU", SIGXCPU }, { "XFSZ", SIGXFSZ }, { "VTALRM", SIGVTALRM },
	{ "PROF", SIGPROF }, { "WINCH", SIGWINCH }, { "IO", SIGIO },
	{ "POLL", SIGPOLL }, { "PWR", SIGPWR }, { "SYS", SIGSYS },
};

int parse_signal(const char *name)
{
	char *end;
	long n;
	size_t i;

	if (isdigit((unsigned char)name[0])) {
		n = strtol(name, &end, 10);
		return *end || n < 1 || n > SIGRTMAX ? -1 : (int)n;
	}
	if (!strncasecmp(name, "SIG", 3))
		name += 3;
	for (i = 0; i < ARRAY_SIZE(signals); i++)
		if (!strcasecmp(name, signals[i].name))
			return signals[i].sig;
	if (!strncasecmp(name, "RTMIN", 5) || !strncasecmp(name, "RTMAX", 5)) {
		const bool min = !strncasecmp(name, "RTMIN", 5);

		n = name[5] ? strtol(name + 5, &end, 10) : 0;
		if (name[5] && *end)
			return -1;
		n = min ? SIGRTMIN + n : SIGRTMAX + n;
		return n < SIGRTMIN || n > SIGRTMAX ? -1 : (int)n;
	}
	return -1;
}

/* Lock and read @id; logs "Failed to <verb> container ID: ..." on error. */
static int open_container(const struct global_opts *const g, const char *const id,
			  const char *const verb, struct state *const st,
			  int *const lock)
{
	*lock = state_lock(g->root, id);
	if (*lock < 0 || state_read(g->root, id, st)) {
		log_error("Failed to %s container %s: %s", verb, id,
			  errno == ENOENT ? "it does not exist" : strerror(errno));
		state_unlock(*lock);
		return -1;
	}
	return 0;
}

int cmd_state(const struct global_opts *const g, int argc, char *argv[])
{
	struct state st;
	char *json;
	int lock;

	if (argc != 2) {
		log_error("Failed to parse the command line of state");
		fputs("usage: runsc-lite state ID\n", stderr);
		return 1;
	}
	if (open_container(g, argv[1], "read the state of", &st, &lock))
		return 1;
	json = state_json(&st);
	puts(json);
	free(json);
	state_release(&st);
	state_unlock(lock);
	return 0;
}

int cmd_kill(const struct global_opts *const g, int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "all", no_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 },
	};
	enum container_status status;
	bool all = false;
	struct state st;
	int opt, sig = SIGTERM, lock, ret = 1;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "a", longopts, NULL)) != -1) {
		if (opt != 'a')
			goto usage;
		all = true;
	}
	if (argc - optind < 1 || argc - optind > 2)
		goto usage;
	if (argc - optind == 2) {
		sig = parse_signal(argv[optind + 1]);
		if (sig < 0) {
			log_error("Failed to parse signal '%s': unknown signal name or number",
				  argv[optind + 1]);
			return 1;
		}
	}
	if (open_container(g, argv[optind], "kill", &st, &lock))
		return 1;
	status = state_status(&st);
	if (status != STATUS_CREATED && status != STATUS_RUNNING && !all) {
		log_error("Failed to kill container %s: it is %s", st.id,
			  state_status_name(status));
		goto out;
	}
	if (all && st.cgroup[0]) {
		if (cgroup_signal_all(st.cgroup, sig)) {
			log_error("Failed to kill the processes of container %s: %s",
				  st.id, strerror(errno));
			goto out;
		}
	} else if (status != STATUS_STOPPED && kill(st.pid, sig)) {
		log_error("Failed to kill container %s: %s", st.id, strerror(errno));
		goto out;
	}
	ret = 0;
out:
	state_release(&st);
	state_unlock(lock);
	return ret;
usage:
	log_error("Failed to parse the command line of kill");
	fputs("usage: runsc-lite kill [--all] ID [SIGNAL]\n", stderr);
	return 1;
}

/* Wait up to ten seconds for the init to be gone (reaped or not ours). */
static void wait_gone(const struct state *const st)
{
	const struct timespec step = { .tv_nsec = 10 * 1000 * 1000 };
	int i, status;

	for (i = 0; i < 1000 && state_pid_alive(st->pid, st->start_time); i++) {
		/* "run" is the init's parent: reap it, or it stays a zombie. */
		waitpid(st->pid, &status, WNOHANG);
		nanosleep(&step, NULL);
	}
}

void container_destroy(const struct global_opts *const g, struct state *const st)
{
	char dir[4200], *json;

	if (state_status(st) != STATUS_STOPPED) {
		kill(st->pid, SIGKILL);
		cgroup_signal_all(st->cgroup, SIGKILL);
		wait_gone(st);
	}
	if (cgroup_destroy(st->cgroup))
		log_warn("Failed to remove cgroup %s: %s", st->cgroup,
			 strerror(errno));
	state_path(dir, sizeof(dir), g->root, st->id, NULL);
	st->status = STATUS_STOPPED;
	json = state_json(st);
	hooks_run_poststop(dir, json);
	free(json);
	state_remove_dir(dir);
}

int cmd_delete(const struct global_opts *const g, int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "force", no_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	bool force = false;
	struct state st;
	int opt, lock;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "f", longopts, NULL)) != -1) {
		if (opt != 'f')
			goto usage;
		force = true;
	}
	if (argc - optind != 1)
		goto usage;
	lock = state_lock(g->root, argv[optind]);
	if (lock < 0 || state_read(g->root, argv[optind], &st)) {
		state_unlock(lock);
		/* containerd deletes twice: a forced delete of nothing is fine. */
		if (force && errno == ENOENT)
			return 0;
		log_error("Failed to delete container %s: %s", argv[optind],
			  errno == ENOENT ? "it does not exist" : strerror(errno));
		return 1;
	}
	if (state_status(&st) != STATUS_STOPPED && state_status(&st) != STATUS_CREATED &&
	    !force) {
		log_error("Failed to delete container %s: it is %s (hint: %s)",
			  st.id, state_status_name(state_status(&st)),
			  "kill it first, or use --force");
		state_release(&st);
		state_unlock(lock);
		return 1;
	}
	container_destroy(g, &st);
	state_release(&st);
	state_unlock(lock);
	return 0;
usage:
	log_error("Failed to parse the command line of delete");
	fputs("usage: runsc-lite delete [--force] ID\n", stderr);
	return 1;
}

static bool want_json(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "quiet", no_argument, NULL, 'q' },
		{ NULL, 0, NULL, 0 },
	};
	bool json = false;
	int opt;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "f:q", longopts, NULL)) != -1)
		if (opt == 'f')
			json = !strcmp(optarg, "json");
	return json;
}

int cmd_list(const struct global_opts *const g, int argc, char *argv[])
{
	const bool json = want_json(argc, argv);
	struct dirent *de;
	struct state st;
	bool first = true;
	DIR *d;

	state_collect_garbage(g->root);
	d = opendir(g->root);
	if (json)
		fputs("[", stdout);
	else
		printf("%-24s %-8s %-10s %-40s %s\n", "ID", "PID", "STATUS",
		       "BUNDLE", "CREATED");
	while (d && (de = readdir(d))) {
		if (de->d_name[0] == '.' || state_read(g->root, de->d_name, &st))
			continue;
		if (json) {
			char *s = state_json(&st);

			printf("%s%s", first ? "" : ",", s);
			free(s);
		} else {
			printf("%-24s %-8d %-10s %-40s %s\n", st.id,
			       state_status(&st) == STATUS_STOPPED ? 0 : st.pid,
			       state_status_name(state_status(&st)), st.bundle,
			       st.created);
		}
		first = false;
		state_release(&st);
	}
	if (json)
		puts("]");
	if (d)
		closedir(d);
	return 0;
}

int cmd_ps(const struct global_opts *const g, int argc, char *argv[])
{
	const bool json = want_json(argc, argv);
	struct state st;
	size_t i, nr = 0;
	pid_t *pids = NULL;
	int lock;

	if (optind != argc - 1) {
		log_error("Failed to parse the command line of ps");
		fputs("usage: runsc-lite ps [--format table|json] ID\n", stderr);
		return 1;
	}
	if (open_container(g, argv[optind], "list the processes of", &st, &lock))
		return 1;
	if (st.cgroup[0] && cgroup_pids(st.cgroup, &pids, &nr))
		nr = 0;
	if (!st.cgroup[0] && state_status(&st) != STATUS_STOPPED) {
		pids = malloc(sizeof(*pids));
		if (pids) {
			pids[0] = st.pid;
			nr = 1;
		}
	}
	if (json) {
		fputs("[", stdout);
		for (i = 0; i < nr; i++)
			printf("%s%d", i ? "," : "", pids[i]);
		puts("]");
	} else {
		puts("PID");
		for (i = 0; i < nr; i++)
			printf("%d\n", pids[i]);
	}
	free(pids);
	state_release(&st);
	state_unlock(lock);
	return 0;
}
