// SPDX-License-Identifier: GPL-2.0
/*
 * runsc-lite - an OCI runtime that runs containers in ksentry sandboxes
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * The command line is runc's: global options, then a command and its own
 * options.  This file only parses the global options and dispatches.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ksentry.h"
#include "log.h"
#include "policy.h"
#include "runtime.h"
#include "spec.h"

static const char usage[] =
	"usage: runsc-lite [GLOBAL OPTIONS] COMMAND [OPTIONS] [ARGS]\n"
	"\n"
	"An OCI runtime that runs containers in ksentry sandboxes.\n"
	"\n"
	"Global options:\n"
	"  --root DIR           state directory (default " RUNSC_LITE_ROOT ")\n"
	"  --log FILE           also write errors and events to FILE\n"
	"  --log-format FORMAT  text (default) or json\n"
	"  --debug              write debug messages\n"
	"  --systemd-cgroup     refused: only cgroupfs is supported\n"
	"  --unsandboxed        run containers WITHOUT ksentry (never implied)\n"
	"  --host-pid=MODE      a container in the host's pid namespace (Docker\n"
	"                       --pid=host, Kubernetes hostPID: true): refuse\n"
	"                       (default), or unsandboxed: run it WITHOUT ksentry\n"
	"  -h, --help           print this text\n"
	"  -v, --version        print the versions\n"
	"\n"
	"Commands:\n"
	"  create [--bundle DIR] [--pid-file F] [--console-socket S]\n"
	"         [--preserve-fds N] [--no-pivot] [--no-new-keyring] ID\n"
	"  start ID\n"
	"  run [--bundle DIR] [--detach] [--keep] [--pid-file F]\n"
	"      [--console-socket S] [--preserve-fds N] [--no-pivot] ID\n"
	"  state ID\n"
	"  kill [--all] ID [SIGNAL]\n"
	"  delete [--force] ID\n"
	"  exec [--process FILE] [--tty] [--detach] [--pid-file F]\n"
	"       [--console-socket S] [--env K=V] [--cwd DIR] ID [COMMAND [ARG]...]\n"
	"  ps [--format table|json] ID\n"
	"  list [--format table|json]\n"
	"  spec [--bundle DIR] [--rootless]\n"
	"  features\n"
	"ksentry commands:\n"
	"  stats [--format text|json] ID   per-syscall decision counters\n"
	"  trace ID                        live stream of non-ALLOW decisions\n"
	"  policy check|compile FILE       validate or show a seccomp profile\n";

static int print_version(void)
{
	long abi = ksentry_abi_version();

	printf("runsc-lite version %s\n", RUNSC_LITE_VERSION);
	printf("spec: %s\n", RUNSC_LITE_OCI_VERSION);
	printf("ksentry-abi: %d\n", KSENTRY_ABI_VERSION);
	if (abi < 0) {
		const int err = errno;

		printf("ksentry-module: unavailable (%s: %s)\n", KSENTRY_DEV,
		       strerror(err));
		if (err == ENOENT)
			printf("hint: load the module first: insmod ksentry.ko\n");
	} else {
		printf("ksentry-module: %ld%s\n", abi,
		       abi < KSENTRY_ABI_VERSION ? " (older than this runtime)" :
						   "");
	}
	return 0;
}

static int cmd_spec(const struct global_opts *const g, int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "bundle", required_argument, NULL, 'b' },
		{ "rootless", no_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 },
	};
	const char *bundle = ".";
	bool rootless = false;
	char path[4200];
	int opt;

	(void)g;
	optind = 1;
	while ((opt = getopt_long(argc, argv, "b:", longopts, NULL)) != -1) {
		if (opt == 'b')
			bundle = optarg;
		else if (opt == 'r')
			rootless = true;
		else
			goto usage;
	}
	if (optind != argc)
		goto usage;
	snprintf(path, sizeof(path), "%s/config.json", bundle);
	if (spec_write_default(path, rootless)) {
		log_error("Failed to write %s: %s", path, errno == EEXIST ?
			  "the file exists already" : strerror(errno));
		return 1;
	}
	return 0;
usage:
	log_error("Failed to parse the command line of spec");
	fputs("usage: runsc-lite spec [--bundle DIR] [--rootless]\n", stderr);
	return 1;
}

static int cmd_features(const struct global_opts *const g, int argc,
			char *argv[])
{
	(void)argv;
	if (argc != 1) {
		log_error("Failed to parse the command line of features");
		return 1;
	}
	return spec_print_features(g->host_pid_unsandboxed) ? 1 : 0;
}

static int cmd_policy(const struct global_opts *const g, int argc, char *argv[])
{
	(void)g;
	return policy_command(argc - 1, argv + 1);
}

static const struct {
	const char *name;
	int (*run)(const struct global_opts *g, int argc, char *argv[]);
} commands[] = {
	{ "create", cmd_create }, { "start", cmd_start }, { "run", cmd_run },
	{ "state", cmd_state }, { "kill", cmd_kill }, { "delete", cmd_delete },
	{ "exec", cmd_exec }, { "ps", cmd_ps }, { "list", cmd_list },
	{ "spec", cmd_spec }, { "features", cmd_features },
	{ "stats", cmd_stats }, { "trace", cmd_trace },
	{ "policy", cmd_policy },
};

/* Parse the global options; returns the index of the command word. */
static int parse_global(int argc, char *argv[], struct global_opts *const g,
			const char **const log, enum log_format *const format)
{
	static const struct option longopts[] = {
		{ "root", required_argument, NULL, 'r' },
		{ "log", required_argument, NULL, 'l' },
		{ "log-format", required_argument, NULL, 'f' },
		{ "debug", no_argument, NULL, 'd' },
		{ "systemd-cgroup", no_argument, NULL, 's' },
		{ "unsandboxed", no_argument, NULL, 'u' },
		{ "host-pid", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;

	while ((opt = getopt_long(argc, argv, "+hv", longopts, NULL)) != -1) {
		switch (opt) {
		case 'r':
			g->root = optarg;
			break;
		case 'l':
			*log = optarg;
			break;
		case 'f':
			if (!strcmp(optarg, "json")) {
				*format = LOG_FORMAT_JSON;
			} else if (strcmp(optarg, "text")) {
				fprintf(stderr,
					"Failed to parse --log-format '%s': use text or json\n",
					optarg);
				return -1;
			}
			break;
		case 'd':
			g->debug = true;
			break;
		case 's':
			fprintf(stderr,
				"Failed to use --systemd-cgroup: runsc-lite drives cgroupfs only\n");
			return -1;
		case 'u':
			g->unsandboxed = true;
			break;
		case 'p':
			if (!strcmp(optarg, "unsandboxed")) {
				g->host_pid_unsandboxed = true;
			} else if (strcmp(optarg, "refuse")) {
				fprintf(stderr,
					"Failed to parse --host-pid '%s': use refuse or unsandboxed\n",
					optarg);
				return -1;
			}
			break;
		case 'h':
			fputs(usage, stdout);
			exit(0);
		case 'v':
			exit(print_version());
		default:
			fputs(usage, stderr);
			return -1;
		}
	}
	return optind;
}

int main(int argc, char *argv[])
{
	struct global_opts g = { .root = RUNSC_LITE_ROOT };
	enum log_format format = LOG_FORMAT_TEXT;
	const char *log = NULL;
	size_t i;
	int cmd;

	cmd = parse_global(argc, argv, &g, &log, &format);
	if (cmd < 0)
		return 1;
	if (log_init(log, format, g.debug)) {
		fprintf(stderr, "Failed to open the log %s: %s\n", log,
			strerror(errno));
		return 1;
	}
	if (cmd >= argc) {
		log_error("Failed to run: no command given");
		fputs(usage, stderr);
		return 1;
	}
	if (!strcmp(argv[cmd], "version"))
		return print_version();
	if (!strcmp(argv[cmd], "help")) {
		fputs(usage, stdout);
		return 0;
	}
	for (i = 0; i < ARRAY_SIZE(commands); i++)
		if (!strcmp(argv[cmd], commands[i].name))
			return commands[i].run(&g, argc - cmd, argv + cmd);
	log_error("Failed to run '%s': unknown command (see runsc-lite --help)",
		  argv[cmd]);
	return 1;
}
