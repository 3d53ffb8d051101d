// SPDX-License-Identifier: GPL-2.0
/*
 * runsc-lite - exec: a new process in a running container
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * A helper enters the init's namespaces (user first) and its cgroup, then
 * forks the new process with CLONE_PARENT, so that it is created in the
 * container's pid namespace and is this command's child.  Being created
 * in a bound pid namespace makes it a member of the container's sandbox
 * before it runs its first instruction: ksentry decides every system
 * call of it, the setup below included.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cgroup.h"
#include "log.h"
#include "ns.h"
#include "process.h"
#include "runtime.h"
#include "spec.h"
#include "state.h"
#include "terminal.h"

struct exec_opts {
	const char *process_file;
	const char *pid_file;
	const char *console_socket;
	const char *cwd;
	char **env;
	size_t nr_env;
	bool tty;
	bool detach;
};

/* The new process, in the container; reports errors on @report. */
static void __attribute__((noreturn)) exec_child(struct spec_process *const proc,
						 const int console, const int report)
{
	char err[1024];

	if (proc->terminal &&
	    terminal_setup(console, &proc->console, err, sizeof(err)))
		goto fail;
	if (process_prepare(proc, err, sizeof(err)))
		goto fail;
	process_exec(proc, err, sizeof(err));
fail:
	if (write(report, err, strlen(err)) < 0)
		_exit(126);
	_exit(errno == ENOENT ? 127 : 126);
}

/* Start the process; returns its pid, with an error message on failure. */
static pid_t spawn(const struct state *const st, struct spec_process *const proc,
		   const int console, char *const err, const size_t errlen)
{
	int report[2], pidp[2], status;
	pid_t helper, pid = -1;
	ssize_t n;

	if (pipe2(report, O_CLOEXEC))
		return -1;
	if (pipe2(pidp, O_CLOEXEC)) {
		close(report[0]);
		close(report[1]);
		return -1;
	}
	helper = fork();
	if (helper == 0) {
		close(report[0]);
		close(pidp[0]);
		if (cgroup_add(st->cgroup, getpid()) ||
		    ns_enter(st->pid, err, errlen)) {
			if (!err[0])
				snprintf(err, errlen, "join cgroup %s: %s",
					 st->cgroup, strerror(errno));
			if (write(report[1], err, strlen(err)) < 0)
				_exit(1);
			_exit(1);
		}
		pid = syscall(SYS_clone, CLONE_PARENT, 0, 0, 0, 0);
		if (pid == 0)
			exec_child(proc, console, report[1]);
		if (write(pidp[1], &pid, sizeof(pid)) != sizeof(pid))
			_exit(1);
		_exit(pid < 0 ? 1 : 0);
	}
	close(report[1]);
	close(pidp[1]);
	if (helper > 0) {
		waitpid(helper, &status, 0);
		if (read(pidp[0], &pid, sizeof(pid)) != sizeof(pid))
			pid = -1;
	}
	close(pidp[0]);
	/* The report pipe is close-on-exec: end of file means exec worked. */
	n = read(report[0], err, errlen - 1);
	close(report[0]);
	if (n > 0) {
		err[n] = '\0';
		if (pid > 0)
			waitpid(pid, &status, 0);
		return -1;
	}
	if (pid <= 0 && !err[0])
		snprintf(err, errlen, "start the process in the container");
	return pid;
}

static const char exec_usage[] =
	"usage: runsc-lite exec [--process FILE] [--tty] [--detach] [--pid-file F]\n"
	"                       [--console-socket S] [--env K=V]... [--cwd DIR]\n"
	"                       ID [COMMAND [ARG]...]\n";

static int parse_exec(int argc, char *argv[], struct exec_opts *const o)
{
	static const struct option longopts[] = {
		{ "process", required_argument, NULL, 'p' },
		{ "tty", no_argument, NULL, 't' },
		{ "detach", no_argument, NULL, 'd' },
		{ "pid-file", required_argument, NULL, 'P' },
		{ "console-socket", required_argument, NULL, 'c' },
		{ "env", required_argument, NULL, 'e' },
		{ "cwd", required_argument, NULL, 'w' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;

	o->env = calloc(argc + 1, sizeof(*o->env));
	if (!o->env)
		return -1;
	optind = 1;
	while ((opt = getopt_long(argc, argv, "+p:tde:", longopts, NULL)) != -1) {
		switch (opt) {
		case 'p':
			o->process_file = optarg;
			break;
		case 't':
			o->tty = true;
			break;
		case 'd':
			o->detach = true;
			break;
		case 'P':
			o->pid_file = optarg;
			break;
		case 'c':
			o->console_socket = optarg;
			break;
		case 'e':
			o->env[o->nr_env++] = optarg;
			break;
		case 'w':
			o->cwd = optarg;
			break;
		default:
			return -1;
		}
	}
	return optind < argc ? 0 : -1;
}

/* The process: --process FILE, or the init's process with new args. */
static int build_process(const struct exec_opts *const o, const struct state *const st,
			 int argc, char *argv[], struct spec_process *const proc,
			 struct spec **const spec, char *const err, const size_t errlen)
{
	size_t i, n = 0;

	if (o->process_file)
		return spec_load_process(o->process_file, proc, err, errlen);
	*spec = spec_load(st->bundle, err, errlen);
	if (!*spec)
		return -1;
	*proc = (*spec)->process;
	if (argc - optind < 2) {
		snprintf(err, errlen, "exec: no command given (and no --process)");
		return -1;
	}
	proc->args = &argv[optind + 1];
	proc->terminal = o->tty;
	if (o->cwd)
		proc->cwd = (char *)o->cwd;
	if (o->nr_env) {
		while (proc->env && proc->env[n])
			n++;
		char **env = calloc(n + o->nr_env + 1, sizeof(*env));

		if (!env)
			return -1;
		for (i = 0; i < n; i++)
			env[i] = proc->env[i];
		for (i = 0; i < o->nr_env; i++)
			env[n + i] = o->env[i];
		proc->env = env;
	}
	return 0;
}

int cmd_exec(const struct global_opts *const g, int argc, char *argv[])
{
	struct exec_opts o = { 0 };
	struct spec_process proc = { 0 };
	struct spec *spec = NULL;
	char err[2048] = "";
	struct state st;
	int lock, console = -1, ret = 1, status;
	pid_t pid;

	if (parse_exec(argc, argv, &o)) {
		log_error("Failed to parse the command line of exec");
		fputs(exec_usage, stderr);
		return 1;
	}
	lock = state_lock(g->root, argv[optind]);
	if (lock < 0 || state_read(g->root, argv[optind], &st)) {
		log_error("Failed to exec in container %s: %s", argv[optind],
			  errno == ENOENT ? "it does not exist" : strerror(errno));
		state_unlock(lock);
		return 1;
	}
	state_unlock(lock);
	if (state_status(&st) != STATUS_RUNNING && state_status(&st) != STATUS_CREATED) {
		log_error("Failed to exec in container %s: it is %s", st.id,
			  state_status_name(state_status(&st)));
		goto out;
	}
	if (build_process(&o, &st, argc, argv, &proc, &spec, err, sizeof(err))) {
		log_error("Failed to exec in container %s: %s", st.id, err);
		goto out;
	}
	if (proc.terminal) {
		if (!o.console_socket) {
			log_error("Failed to exec in container %s: --tty needs --console-socket",
				  st.id);
			goto out;
		}
		console = terminal_connect(o.console_socket, err, sizeof(err));
		if (console < 0) {
			log_error("Failed to connect to the console socket %s: %s",
				  o.console_socket, strerror(errno));
			goto out;
		}
	}
	pid = spawn(&st, &proc, console, err, sizeof(err));
	if (pid <= 0) {
		log_error("Failed to exec in container %s: %s", st.id,
			  err[0] ? err : strerror(errno));
		goto out;
	}
	if (o.pid_file) {
		FILE *f = fopen(o.pid_file, "we");

		if (!f || fprintf(f, "%d", pid) < 0 || fclose(f))
			log_warn("Failed to write the pid file %s: %s", o.pid_file,
				 strerror(errno));
	}
	if (o.detach) {
		ret = 0;
		goto out;
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	ret = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
out:
	if (console >= 0)
		close(console);
	if (o.process_file)
		spec_process_free(&proc);
	spec_free(spec);
	free(o.env);
	state_release(&st);
	return ret;
}
