// SPDX-License-Identifier: GPL-2.0
/*
 * ksentry-exec - run a command in a new pid namespace bound to a sandbox
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * A small sample of the /dev/ksentry ABI, in the spirit of Landlock's
 * sandboxer: build a policy from the command line, start the command as
 * pid 1 of a new pid namespace, bind the sandbox to that namespace before
 * the command runs, wait for it, and print the sandbox's counters.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/ksentry.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static const char usage[] =
	"usage: ksentry-exec [RULE]... -- COMMAND [ARG]...\n"
	"\n"
	"Runs COMMAND as pid 1 of a new pid namespace bound to a ksentry\n"
	"sandbox.  Calls not named in a rule are allowed, except the three\n"
	"io_uring calls, which fail with EPERM: io_uring would reach files\n"
	"and sockets without a system call the table could decide.\n"
	"RULE is one of:\n"
	"  --allow SYSCALL         pass the call to the host\n"
	"  --deny SYSCALL[:ERRNO]  fail the call (errno EPERM by default)\n"
	"  --trap SYSCALL          send SIGSYS\n"
	"  --kill SYSCALL          kill the process\n"
	"  --log SYSCALL           allow, and emit the ksentry_decision event\n"
	"SYSCALL is an x86-64 number or one of: uname getuid getpid mkdir\n"
	"unlink socket ptrace mount reboot io_uring_setup io_uring_enter\n"
	"io_uring_register.  Needs root and ksentry.ko.\n";

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static const struct {
	const char *name;
	__u32 nr;
} names[] = {
	{ "uname", __NR_uname },	{ "getuid", __NR_getuid },
	{ "getpid", __NR_getpid },	{ "mkdir", __NR_mkdir },
	{ "unlink", __NR_unlink },	{ "socket", __NR_socket },
	{ "ptrace", __NR_ptrace },	{ "mount", __NR_mount },
	{ "reboot", __NR_reboot },	{ "io_uring_setup", __NR_io_uring_setup },
	{ "io_uring_enter", __NR_io_uring_enter },
	{ "io_uring_register", __NR_io_uring_register },
};

/* Denied unless a rule names them, as Docker's default profile does. */
static const __u32 denied_by_default[] = {
	__NR_io_uring_setup, __NR_io_uring_enter, __NR_io_uring_register,
};

static int parse_nr(const char *const arg, __u32 *const nr)
{
	char *end;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		if (!strcmp(arg, names[i].name)) {
			*nr = names[i].nr;
			return 0;
		}
	}
	errno = 0;
	*nr = strtoul(arg, &end, 0);
	return errno || *end || end == arg ? -1 : 0;
}

/* Parse "--deny uname:13" and friends into @entry. */
static int parse_rule(const char *const opt, char *const arg,
		      struct ksentry_entry *const entry)
{
	char *colon = strchr(arg, ':');
	unsigned long err = EPERM;

	if (colon) {
		*colon = '\0';
		if (strcmp(opt, "--deny"))
			return -1;
		err = strtoul(colon + 1, NULL, 0);
	}
	if (parse_nr(arg, &entry->nr))
		return -1;
	if (!strcmp(opt, "--allow"))
		entry->action = KSENTRY_ACT_ALLOW;
	else if (!strcmp(opt, "--deny"))
		entry->action = KSENTRY_ACT_ERRNO_OF(err);
	else if (!strcmp(opt, "--trap"))
		entry->action = KSENTRY_ACT_TRAP;
	else if (!strcmp(opt, "--kill"))
		entry->action = KSENTRY_ACT_KILL_PROCESS;
	else if (!strcmp(opt, "--log"))
		entry->action = KSENTRY_ACT_LOG;
	else
		return -1;
	return 0;
}

/* Add the default denials for the numbers no rule has named. */
static __u32 add_defaults(struct ksentry_entry *const entries, __u32 n)
{
	size_t d;
	__u32 i;

	for (d = 0; d < ARRAY_SIZE(denied_by_default); d++) {
		for (i = 0; i < n; i++)
			if (entries[i].nr == denied_by_default[d])
				break;
		if (i < n)
			continue;
		entries[n].nr = denied_by_default[d];
		entries[n].action = KSENTRY_ACT_ERRNO_OF(EPERM);
		n++;
	}
	return n;
}

static int make_sandbox(const struct ksentry_entry *const entries,
			const __u32 nr_entries)
{
	struct ksentry_create_attr create = { .size = sizeof(create) };
	struct ksentry_policy_attr policy = {
		.size = sizeof(policy),
		.default_action = KSENTRY_ACT_ALLOW,
		.nr_entries = nr_entries,
		.entries = (__u64)(uintptr_t)entries,
	};
	int dev, sandbox;

	dev = open("/dev/ksentry", O_RDWR | O_CLOEXEC);
	if (dev < 0) {
		fprintf(stderr, "Failed to open /dev/ksentry: %s\n",
			strerror(errno));
		if (errno == ENOENT)
			fprintf(stderr, "Hint: load the module: insmod ksentry.ko\n");
		return -1;
	}
	sandbox = ioctl(dev, KSENTRY_IOCTL_CREATE_SANDBOX, &create);
	close(dev);
	if (sandbox < 0) {
		fprintf(stderr, "Failed to create a sandbox: %s\n",
			strerror(errno));
		return -1;
	}
	if (ioctl(sandbox, KSENTRY_SANDBOX_SET_POLICY, &policy)) {
		fprintf(stderr, "Failed to install the policy: %s\n",
			strerror(errno));
		close(sandbox);
		return -1;
	}
	return sandbox;
}

static int bind_child(const int sandbox, const pid_t pid)
{
	struct ksentry_bind_attr bind = { .size = sizeof(bind) };
	char path[64];
	int ns, err;

	snprintf(path, sizeof(path), "/proc/%d/ns/pid", pid);
	ns = open(path, O_RDONLY | O_CLOEXEC);
	if (ns < 0)
		return -1;
	bind.pidns_fd = ns;
	err = ioctl(sandbox, KSENTRY_SANDBOX_BIND, &bind);
	close(ns);
	return err;
}

/* Print the non-zero counters of the sandbox, by number and action. */
static void print_stats(const int sandbox)
{
	static __u64 counts[KSENTRY_STATS_SLOTS][KSENTRY_STATS_ACTIONS];
	static const char *const actions[KSENTRY_STATS_ACTIONS] = {
		"kill_process", "kill_thread", "trap", "errno", "emulate",
		"log", "allow",
	};
	struct ksentry_stats_attr attr = {
		.size = sizeof(attr),
		.counts = (__u64)(uintptr_t)counts,
		.counts_size = sizeof(counts),
	};
	unsigned int slot, action;
	__u64 allowed = 0;

	if (ioctl(sandbox, KSENTRY_SANDBOX_GET_STATS, &attr))
		return;
	for (slot = 0; slot < KSENTRY_STATS_SLOTS; slot++) {
		allowed += counts[slot][KSENTRY_STATS_ACTIONS - 1];
		for (action = 0; action < KSENTRY_STATS_ACTIONS - 1; action++)
			if (counts[slot][action])
				fprintf(stderr, "ksentry-exec: syscall %u: %s x%llu\n",
					slot, actions[action],
					(unsigned long long)counts[slot][action]);
	}
	fprintf(stderr, "ksentry-exec: %llu calls allowed\n",
		(unsigned long long)allowed);
}

static int run(const int sandbox, char *const argv[])
{
	int go[2], status;
	pid_t pid;
	char c;

	if (pipe2(go, O_CLOEXEC))
		return -1;
	pid = syscall(__NR_clone, CLONE_NEWPID | SIGCHLD, 0, 0, 0, 0);
	if (pid == 0) {
		/* Wait until the sandbox is bound, then become COMMAND. */
		close(go[1]);
		if (read(go[0], &c, 1) != 1)
			_exit(127);
		execvp(argv[0], argv);
		fprintf(stderr, "Failed to execute %s: %s\n", argv[0],
			strerror(errno));
		_exit(127);
	}
	close(go[0]);
	if (pid < 0 || bind_child(sandbox, pid)) {
		fprintf(stderr, "Failed to bind the sandbox: %s\n",
			strerror(errno));
		if (pid > 0)
			kill(pid, SIGKILL);
		close(go[1]);
		return -1;
	}
	if (write(go[1], "g", 1) != 1)
		return -1;
	close(go[1]);
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	print_stats(sandbox);
	if (WIFSIGNALED(status)) {
		fprintf(stderr, "ksentry-exec: killed by signal %d\n",
			WTERMSIG(status));
		return 128 + WTERMSIG(status);
	}
	return WEXITSTATUS(status);
}

int main(int argc, char *argv[])
{
	struct ksentry_entry entries[KSENTRY_TABLE_SIZE];
	__u32 nr_entries = 0;
	int i, sandbox, ret;

	for (i = 1; i < argc && strcmp(argv[i], "--"); i += 2) {
		if (i + 1 >= argc ||
		    nr_entries >= KSENTRY_TABLE_SIZE - ARRAY_SIZE(denied_by_default) ||
		    parse_rule(argv[i], argv[i + 1], &entries[nr_entries])) {
			fprintf(stderr, "Failed to parse rule '%s'\n%s",
				argv[i], usage);
			return 1;
		}
		nr_entries++;
	}
	if (i + 1 >= argc) {
		fputs(usage, stderr);
		return 1;
	}
	nr_entries = add_defaults(entries, nr_entries);
	sandbox = make_sandbox(entries, nr_entries);
	if (sandbox < 0)
		return 1;
	ret = run(sandbox, &argv[i + 1]);
	close(sandbox);
	return ret < 0 ? 1 : ret;
}
