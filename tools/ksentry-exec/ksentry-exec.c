// SPDX-License-Identifier: GPL-2.0
/*
 * ksentry-exec - run a command in a new pid namespace bound to a sandbox
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * A small sample of the /dev/ksentry ABI, in the spirit of Landlock's
 * sandboxer: build a policy from the command line, start a new pid and
 * mount namespace with its own /proc and a small init as its pid 1, bind
 * the sandbox to that namespace before the command runs, run the command
 * as the init's child, wait for it, and print the sandbox's counters.
 *
 * The init is a member like the command: after the bind, the table decides
 * its calls too.  It makes only four: rt_sigtimedwait (to wait for a
 * signal), wait4 (to reap), kill (to forward a signal to the command) and
 * exit_group; a rule that takes one of them away is refused unless
 * --no-init says to do without the init.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/ksentry.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static const char usage[] =
	"usage: ksentry-exec [OPTION|RULE]... -- COMMAND [ARG]...\n"
	"\n"
	"Runs COMMAND in a new pid namespace bound to a ksentry sandbox, as\n"
	"pid 2 under a small init (pid 1) that forwards signals to it, reaps\n"
	"orphans and exits with its status (128+N when signal N killed it),\n"
	"in a new mount namespace whose /proc lists only the sandbox, its\n"
	"host-wide files (/proc/sys...) read-only.  It dies with the launcher.\n"
	"Calls not named in a rule are allowed, except the three io_uring\n"
	"calls, which fail with EPERM: io_uring would reach files and\n"
	"sockets without a system call the table could decide.\n"
	"OPTION is one of:\n"
	"  --no-init    run COMMAND itself as pid 1, without the init\n"
	"  --host-proc  no new mount namespace: the host's mounts and /proc\n"
	"The init needs rt_sigtimedwait, wait4, kill and exit_group: a rule\n"
	"that takes one away is refused unless --no-init is given.\n"
	"RULE is one of:\n"
	"  --allow SYSCALL         pass the call to the host\n"
	"  --deny SYSCALL[:ERRNO]  fail the call (errno EPERM by default)\n"
	"  --trap SYSCALL          send SIGSYS\n"
	"  --kill SYSCALL          kill the process\n"
	"  --log SYSCALL           allow, and emit the ksentry_decision event\n"
	"SYSCALL is an x86-64 number or one of: uname getuid getpid mkdir\n"
	"unlink socket ptrace mount reboot kill wait4 io_uring_setup\n"
	"io_uring_enter io_uring_register.  Needs root and ksentry.ko.\n";

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static const struct {
	const char *name;
	__u32 nr;
} names[] = {
	{ "uname", __NR_uname },	{ "getuid", __NR_getuid },
	{ "getpid", __NR_getpid },	{ "mkdir", __NR_mkdir },
	{ "unlink", __NR_unlink },	{ "socket", __NR_socket },
	{ "ptrace", __NR_ptrace },	{ "mount", __NR_mount },
	{ "reboot", __NR_reboot },	{ "kill", __NR_kill },
	{ "wait4", __NR_wait4 },	{ "io_uring_setup", __NR_io_uring_setup },
	{ "io_uring_enter", __NR_io_uring_enter },
	{ "io_uring_register", __NR_io_uring_register },
};

/* The calls the init makes once the sandbox is bound. */
static const struct {
	const char *name;
	__u32 nr;
} init_calls[] = {
	{ "rt_sigtimedwait", __NR_rt_sigtimedwait },
	{ "wait4", __NR_wait4 },
	{ "kill", __NR_kill },
	{ "exit_group", __NR_exit_group },
};

/*
 * What the init leaves for the launcher, in memory they share: the
 * command's wait status, or the init's call that failed and its errno.
 * The command could write here (it is root beside the init), so the
 * launcher checks what it reads; nothing here is worth more to the
 * command than its own exit status.  A root member may also ptrace the
 * init: forge this report at the init's exit, or hold the dying init
 * stopped, and the launcher with it.  The status, and the init's being
 * alive, are advisory against a root member; the sandbox's counters,
 * which the kernel keeps, are what to trust.
 */
struct init_report {
	int reported;
	int status;
	int failed_call;
	int error;
};

/*
 * The options, and the process the launcher forwards signals to: set
 * before the handlers are, cleared once the process is a zombie, before
 * it is reaped and its pid can be reused.
 */
static bool no_init, host_proc;
static pid_t forward_to;

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

/*
 * The signals the launcher and the init pass on to the command: those a
 * process sends to ask something of another, not those about a fault,
 * the terminal's job control, a child, or the receiver's own resources.
 */
static bool forwarded(const int sig)
{
	switch (sig) {
	case SIGHUP: case SIGINT: case SIGQUIT: case SIGUSR1: case SIGUSR2:
	case SIGALRM: case SIGTERM: case SIGCONT: case SIGURG: case SIGWINCH:
	case SIGVTALRM: case SIGPROF: case SIGPWR:
		return true;
	}
	return sig >= SIGRTMIN && sig <= SIGRTMAX;
}

/*
 * A signal the kernel sent for the terminal (SI_KERNEL: ^C, a hangup, a
 * resize) went to the whole foreground process group, the command's too:
 * pass on only what a process sent.
 */
static void forward(const int sig, siginfo_t *const info, void *const uc)
{
	const int err = errno;

	(void)uc;
	if (info->si_code != SI_KERNEL && forward_to > 0)
		kill(forward_to, sig);
	errno = err;
}

static void forward_signals(const pid_t pid)
{
	struct sigaction sa = {
		.sa_sigaction = forward,
		.sa_flags = SA_SIGINFO | SA_RESTART,
	};
	int sig;

	forward_to = pid;
	sigemptyset(&sa.sa_mask);
	for (sig = 1; sig <= SIGRTMAX; sig++)
		if (forwarded(sig))
			sigaction(sig, &sa, NULL);
}

/*
 * The files of the new /proc that act on the whole host, not on the pid
 * namespace: made read-only, as Docker and bubblewrap do.
 */
static const char *const proc_read_only[] = {
	"/proc/sys", "/proc/sysrq-trigger", "/proc/irq", "/proc/bus",
};

/* Bind @path on itself and make that read-only; skip what is not there. */
static int bind_read_only(const char *const path)
{
	const unsigned long flags = MS_BIND | MS_REMOUNT | MS_RDONLY |
				    MS_NOSUID | MS_NODEV | MS_NOEXEC;

	if (mount(path, path, NULL, MS_BIND | MS_REC, NULL)) {
		if (errno == ENOENT)
			return 0;
		fprintf(stderr, "Failed to bind %s: %s\n", path,
			strerror(errno));
		return -1;
	}
	if (mount(NULL, path, NULL, flags, NULL)) {
		fprintf(stderr, "Failed to make %s read-only: %s\n", path,
			strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * umount2() fails with EINVAL both when /proc is no longer a mount point
 * and when its mount is locked (a mount namespace owned by another user
 * namespace, as in a rootless container): the latter must not stay below
 * the new /proc, where a member's umount would reveal it.
 */
static int host_proc_gone(void)
{
	struct statx stx;

	if (statx(AT_FDCWD, "/proc", AT_SYMLINK_NOFOLLOW, 0, &stx)) {
		fprintf(stderr, "Failed to unmount the host's /proc: %s\n",
			strerror(errno));
		return 0;
	}
	if (!(stx.stx_attributes_mask & STATX_ATTR_MOUNT_ROOT)) {
		fprintf(stderr,
			"Failed to unmount the host's /proc: the kernel does not say whether it is gone\n");
		return 0;
	}
	if (stx.stx_attributes & STATX_ATTR_MOUNT_ROOT) {
		fprintf(stderr,
			"Failed to unmount the host's /proc: still mounted (locked by a user namespace?)\n");
		return 0;
	}
	return 1;
}

/*
 * In the new mount namespace: stop propagation both ways, then replace
 * the host's /proc (every mount stacked there) with one of the new pid
 * namespace, so that a member cannot unmount its way back to the host's,
 * and make its global files read-only.  A working directory in the host's
 * /proc would stay on it once detached: look it up again by its path, and
 * fail if the new /proc does not have it.
 */
static int mount_proc(void)
{
	char cwd[PATH_MAX];
	size_t i;

	if (!getcwd(cwd, sizeof(cwd))) {
		fprintf(stderr, "Failed to get the working directory: %s\n",
			strerror(errno));
		return -1;
	}
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL)) {
		fprintf(stderr, "Failed to make the mounts private: %s\n",
			strerror(errno));
		return -1;
	}
	while (!umount2("/proc", MNT_DETACH))
		;
	if (errno != EINVAL) {
		fprintf(stderr, "Failed to unmount the host's /proc: %s\n",
			strerror(errno));
		return -1;
	}
	if (!host_proc_gone())
		return -1;
	if (mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC,
		  NULL)) {
		fprintf(stderr, "Failed to mount /proc: %s\n", strerror(errno));
		return -1;
	}
	for (i = 0; i < ARRAY_SIZE(proc_read_only); i++)
		if (bind_read_only(proc_read_only[i]))
			return -1;
	/* After the binds: a cwd in /proc/sys is the read-only one. */
	if (chdir(cwd)) {
		fprintf(stderr,
			"Failed to enter the working directory %s again in the sandbox's mounts: %s\n",
			cwd, strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * The command's side: restore the signal mask, say it is ready on @ready,
 * wait on @go until the sandbox is bound, then become COMMAND.
 */
static int command(char *const argv[], const int ready, const int go,
		   const sigset_t *const mask)
{
	char c;

	if (mask && sigprocmask(SIG_SETMASK, mask, NULL))
		return 127;
	if (write(ready, "c", 1) != 1)
		return 127;
	/* EOF: the launcher gave up, nothing was bound. */
	if (read(go, &c, 1) != 1)
		return 127;
	execvp(argv[0], argv);
	fprintf(stderr, "Failed to execute %s: %s\n", argv[0], strerror(errno));
	return 127;
}

/* The init's loop, from the bind on: only its four calls. */
static int init_loop(const pid_t cmd, const sigset_t *const all,
		     struct init_report *const report)
{
	siginfo_t info;
	int sig, status, call;
	pid_t pid;

	for (;;) {
		sig = sigwaitinfo(all, &info);
		if (sig < 0) {
			if (errno == EINTR)
				continue;
			call = 0;
			break;
		}
		if (sig != SIGCHLD) {
			if (forwarded(sig) && info.si_code != SI_KERNEL &&
			    kill(cmd, sig) && errno != ESRCH) {
				call = 2;
				break;
			}
			continue;
		}
		/* Reap every child that exited: the command, and orphans. */
		while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
			if (pid != cmd)
				continue;
			report->status = status;
			report->reported = 1;
			if (WIFSIGNALED(status))
				return 128 + WTERMSIG(status);
			return WEXITSTATUS(status);
		}
		if (pid < 0 && errno != ECHILD) {
			call = 1;
			break;
		}
	}
	report->error = errno;
	report->failed_call = call + 1;
	return 1;
}

/*
 * pid 1 of the new namespace: start the command as pid 2, say ready on
 * @ready once nothing is left to do before the bind, then forward
 * signals and reap until the command exits.  When the init exits, the
 * kernel kills what is left in the namespace.
 */
static int init(char *const argv[], const int ready, const int go,
		struct init_report *const report)
{
	sigset_t all, old;
	pid_t cmd;

	sigfillset(&all);
	if (sigprocmask(SIG_SETMASK, &all, &old)) {
		fprintf(stderr, "Failed to block signals: %s\n",
			strerror(errno));
		return 1;
	}
	cmd = fork();
	if (cmd == 0)
		_exit(command(argv, ready, go, &old));
	if (cmd < 0) {
		fprintf(stderr, "Failed to start %s: %s\n", argv[0],
			strerror(errno));
		return 1;
	}
	close(go);
	/* @ready stays open until the init exits: no call after the bind. */
	if (write(ready, "i", 1) != 1)
		return 1;
	return init_loop(cmd, &all, report);
}

/* The exit status of ksentry-exec for a command that ended with @status. */
static int command_status(const int status)
{
	if (WIFSIGNALED(status)) {
		fprintf(stderr, "ksentry-exec: killed by signal %d\n",
			WTERMSIG(status));
		return 128 + WTERMSIG(status);
	}
	return WEXITSTATUS(status);
}

/* What the init's end says: the command's status, or why the init failed. */
static int init_status(const int status, const struct init_report *report)
{
	const int call = report->failed_call - 1;

	if (report->reported)
		return command_status(report->status);
	if (WIFSIGNALED(status)) {
		fprintf(stderr, "ksentry-exec: the init was killed by signal %d\n",
			WTERMSIG(status));
		return 128 + WTERMSIG(status);
	}
	if (call >= 0 && (size_t)call < ARRAY_SIZE(init_calls))
		fprintf(stderr, "ksentry-exec: the init's %s failed: %s\n",
			init_calls[call].name, strerror(report->error));
	else
		fprintf(stderr, "ksentry-exec: the init exited with %d\n",
			WEXITSTATUS(status));
	return -1;
}

static int run(const int sandbox, char *const argv[])
{
	unsigned long flags = CLONE_NEWPID | SIGCHLD;
	const int needed = no_init ? 1 : 2;
	struct init_report *report;
	int ready[2], go[2], status, got = 0;
	sigset_t pipe_mask;
	siginfo_t info;
	pid_t pid;
	char c[2];

	if (!host_proc)
		flags |= CLONE_NEWNS;
	report = mmap(NULL, sizeof(*report), PROT_READ | PROT_WRITE,
		      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (report == MAP_FAILED || pipe2(ready, O_CLOEXEC))
		return -1;
	if (pipe2(go, O_CLOEXEC))
		return -1;
	pid = syscall(__NR_clone, flags, 0, 0, 0, 0);
	if (pid == 0) {
		close(sandbox);
		close(ready[0]);
		close(go[1]);
		/*
		 * Die with the launcher, whose SIGKILL would otherwise leave
		 * the sandbox running unsupervised; before this, the launcher's
		 * end leaves the command to read EOF instead of "go".  With
		 * --no-init this is the command, which may clear it.
		 */
		if (prctl(PR_SET_PDEATHSIG, SIGKILL))
			_exit(1);
		if (!host_proc && mount_proc())
			_exit(1);
		if (no_init)
			_exit(command(argv, ready[1], go[0], NULL));
		_exit(init(argv, ready[1], go[0], report));
	}
	if (pid < 0) {
		fprintf(stderr, "Failed to create the namespaces: %s\n",
			strerror(errno));
		return -1;
	}
	close(ready[1]);
	close(go[0]);
	/* Only the launcher: its children keep their signal mask. */
	sigemptyset(&pipe_mask);
	sigaddset(&pipe_mask, SIGPIPE);
	sigprocmask(SIG_BLOCK, &pipe_mask, NULL);
	/* Bind only once nothing but the command's own start is left. */
	while (got < needed) {
		ssize_t n = read(ready[0], c, needed - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += n;
	}
	close(ready[0]);
	/*
	 * From here on, the init has its signals blocked: none is lost.  A
	 * signal that kills the launcher before this leaves the command to
	 * read EOF instead of "go", and the namespace to end.
	 */
	if (got == needed)
		forward_signals(pid);
	if (got < needed || bind_child(sandbox, pid)) {
		if (got < needed)
			fprintf(stderr, "Failed to start the sandbox's namespaces\n");
		else
			fprintf(stderr, "Failed to bind the sandbox: %s\n",
				strerror(errno));
		forward_to = 0;
		kill(pid, SIGKILL);
		close(go[1]);
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		return -1;
	}
	/*
	 * A command already gone (a forwarded signal) leaves no reader: the
	 * write fails with EPIPE, and the init reports what ended it.  A
	 * command that did not get "go" reads EOF once go[1] is closed.
	 */
	if (write(go[1], "g", 1) != 1 && errno != EPIPE)
		fprintf(stderr, "Failed to start %s: %s\n", argv[0],
			strerror(errno));
	close(go[1]);
	while (waitid(P_PID, pid, &info, WEXITED | WNOWAIT))
		if (errno != EINTR)
			return -1;
	forward_to = 0;
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	print_stats(sandbox);
	if (no_init)
		return command_status(status);
	return init_status(status, report);
}

/* Refuse a rule that would take away a call the init needs. */
static int check_init_calls(const struct ksentry_entry *const entries,
			    const __u32 nr_entries)
{
	size_t c;
	__u32 i;

	if (no_init)
		return 0;
	for (i = 0; i < nr_entries; i++) {
		if (entries[i].action == KSENTRY_ACT_ALLOW ||
		    entries[i].action == KSENTRY_ACT_LOG)
			continue;
		for (c = 0; c < ARRAY_SIZE(init_calls); c++) {
			if (entries[i].nr != init_calls[c].nr)
				continue;
			fprintf(stderr,
				"ksentry-exec: the init needs %s, which a rule takes away; use --no-init to run COMMAND as pid 1 without it\n",
				init_calls[c].name);
			return -1;
		}
	}
	return 0;
}

int main(int argc, char *argv[])
{
	struct ksentry_entry entries[KSENTRY_TABLE_SIZE];
	__u32 nr_entries = 0;
	int i, sandbox, ret;

	i = 1;
	while (i < argc && strcmp(argv[i], "--")) {
		if (!strcmp(argv[i], "--no-init")) {
			no_init = true;
			i++;
			continue;
		}
		if (!strcmp(argv[i], "--host-proc")) {
			host_proc = true;
			i++;
			continue;
		}
		if (i + 1 >= argc ||
		    nr_entries >= KSENTRY_TABLE_SIZE - ARRAY_SIZE(denied_by_default) ||
		    parse_rule(argv[i], argv[i + 1], &entries[nr_entries])) {
			fprintf(stderr, "Failed to parse rule '%s'\n%s",
				argv[i], usage);
			return 1;
		}
		nr_entries++;
		i += 2;
	}
	if (i + 1 >= argc) {
		fputs(usage, stderr);
		return 1;
	}
	if (check_init_calls(entries, nr_entries))
		return 1;
	nr_entries = add_defaults(entries, nr_entries);
	/* The init and the launcher must see their children exit. */
	signal(SIGCHLD, SIG_DFL);
	sandbox = make_sandbox(entries, nr_entries);
	if (sandbox < 0)
		return 1;
	ret = run(sandbox, &argv[i + 1]);
	close(sandbox);
	return ret < 0 ? 1 : ret;
}
