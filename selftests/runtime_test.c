// SPDX-License-Identifier: GPL-2.0
/*
 * ksentry - selftests of runsc-lite, the OCI runtime, in the guest
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * Each test writes a bundle (a busybox rootfs and a config.json) under
 * /tmp and drives /bin/runsc-lite through its runc-compatible command
 * line, as an engine would, then checks what a user sees: exit statuses,
 * the state JSON, errors, and that a failure leaves nothing behind.
 *
 * The guest's root is an initramfs, which pivot_root(2) refuses (EINVAL),
 * so every container here is created with --no-pivot, as runc needs too.
 */

#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "kselftest_harness.h"

#include "common.h"

#ifndef __printf
#define __printf(a, b) __attribute__((format(printf, a, b)))
#endif

#define RUNTIME "/bin/runsc-lite"
#define ROOT "/tmp/rl-root"
#define BUNDLE "/tmp/rl-bundle"

/* The default config: a shell with /proc and a tmpfs /dev, in a pid ns. */
static const char config_head[] =
	"{\"ociVersion\": \"1.2.0\",\n"
	" \"root\": {\"path\": \"rootfs\"},\n"
	" \"hostname\": \"rl\",\n"
	" \"mounts\": [\n"
	"  {\"destination\": \"/proc\", \"type\": \"proc\", \"source\": \"proc\"},\n"
	"  {\"destination\": \"/dev\", \"type\": \"tmpfs\", \"source\": \"tmpfs\",\n"
	"   \"options\": [\"nosuid\", \"mode=755\"]},\n"
	"  {\"destination\": \"/tmp\", \"type\": \"tmpfs\", \"source\": \"tmpfs\"}],\n"
	" \"linux\": {\"namespaces\": [{\"type\": \"pid\"}, {\"type\": \"mount\"},\n"
	"   {\"type\": \"uts\"}, {\"type\": \"ipc\"}]";

static int write_text(const char *const path, const char *const text)
{
	FILE *f = fopen(path, "w");

	if (!f)
		return -1;
	fputs(text, f);
	return fclose(f);
}

/* A bundle whose process runs @args (a JSON array) with @linux_extra. */
static int make_bundle(const char *const args, const char *const linux_extra)
{
	static const char *const links[] = {
		"sh", "true", "sleep", "mkdir", "cat", "id", "echo", "ls",
	};
	char path[256], *config;
	size_t i;

	if (system("rm -rf " BUNDLE " && mkdir -p " BUNDLE "/rootfs/bin &&\n"
		   "cp /bin/busybox " BUNDLE "/rootfs/bin/busybox"))
		return -1;
	for (i = 0; i < ARRAY_SIZE(links); i++) {
		snprintf(path, sizeof(path), BUNDLE "/rootfs/bin/%s", links[i]);
		if (symlink("busybox", path))
			return -1;
	}
	if (asprintf(&config,
		     "%s%s},\n \"process\": {\"args\": %s, \"cwd\": \"/\",\n"
		     "  \"env\": [\"PATH=/bin\"], \"user\": {\"uid\": 0, \"gid\": 0}}}\n",
		     config_head, linux_extra ? linux_extra : "", args) < 0)
		return -1;
	i = write_text(BUNDLE "/config.json", config);
	free(config);
	return (int)i;
}

/*
 * Run runsc-lite with the arguments of @fmt; its stdout and stderr go to
 * @out.  Returns its exit status, or -1.
 */
static int __printf(3, 4)
runsc(char *const out, const size_t size, const char *const fmt, ...)
{
	char cmd[2048], *args;
	size_t n = 0;
	va_list ap;
	FILE *p;
	int status;

	va_start(ap, fmt);
	if (vasprintf(&args, fmt, ap) < 0)
		args = NULL;
	va_end(ap);
	if (!args)
		return -1;
	/*
	 * A file, not a pipe: the container's process inherits create's
	 * stdio and would keep a pipe open for as long as it runs.
	 */
	snprintf(cmd, sizeof(cmd),
		 RUNTIME " --root " ROOT " %s >/tmp/rl.out 2>&1 </dev/null", args);
	free(args);
	status = system(cmd);
	p = fopen("/tmp/rl.out", "r");
	if (out && p) {
		n = fread(out, 1, size - 1, p);
		out[n] = '\0';
	} else if (out) {
		out[0] = '\0';
	}
	if (p)
		fclose(p);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Entries of ROOT other than its lock: what a failure may not leave. */
static int leftovers(void)
{
	struct dirent *de;
	int n = 0;
	DIR *d = opendir(ROOT);

	while (d && (de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..") &&
		    strcmp(de->d_name, ".lock"))
			n++;
	if (d)
		closedir(d);
	return n;
}

FIXTURE(runtime) {
	char out[8192];
};

FIXTURE_SETUP(runtime)
{
	if (access(RUNTIME, X_OK))
		SKIP(return, "%s is not in this guest", RUNTIME);
	ASSERT_EQ(0, system("rm -rf " ROOT));
}

FIXTURE_TEARDOWN(runtime)
{
	runsc(NULL, 0, "delete --force c1");
	runsc(NULL, 0, "delete --force c2");
}

TEST_F(runtime, version_reports_the_module)
{
	ASSERT_EQ(0, runsc(self->out, sizeof(self->out), "--version"));
	EXPECT_NE(NULL, strstr(self->out, "ksentry-module: "))
	{
		TH_LOG("%s", self->out);
	}
	EXPECT_EQ(NULL, strstr(self->out, "unavailable"));
}

TEST_F(runtime, lifecycle)
{
	struct stat st;

	ASSERT_EQ(0, make_bundle("[\"sleep\", \"100\"]", NULL));
	ASSERT_EQ(0, runsc(self->out, sizeof(self->out),
			   "create --no-pivot --bundle " BUNDLE " --pid-file /tmp/rl.pid c1"))
	{
		TH_LOG("create: %s", self->out);
	}
	/* The pid file exists when create returns. */
	EXPECT_EQ(0, stat("/tmp/rl.pid", &st));
	ASSERT_EQ(0, runsc(self->out, sizeof(self->out), "state c1"));
	EXPECT_NE(NULL, strstr(self->out, "\"status\": \"created\""))
	{
		TH_LOG("state: %s", self->out);
	}
	ASSERT_EQ(0, runsc(self->out, sizeof(self->out), "start c1"))
	{
		TH_LOG("start: %s", self->out);
	}
	ASSERT_EQ(0, runsc(self->out, sizeof(self->out), "state c1"));
	EXPECT_NE(NULL, strstr(self->out, "\"status\": \"running\""))
	{
		TH_LOG("state: %s", self->out);
	}
	/* A second start is refused. */
	EXPECT_EQ(1, runsc(self->out, sizeof(self->out), "start c1"));
	EXPECT_NE(NULL, strstr(self->out, "Failed to start container c1"));
	/* A running container is not deleted without --force. */
	EXPECT_EQ(1, runsc(NULL, 0, "delete c1"));
	ASSERT_EQ(0, runsc(self->out, sizeof(self->out), "kill c1 9"));
	usleep(200000);
	ASSERT_EQ(0, runsc(self->out, sizeof(self->out), "state c1"));
	EXPECT_NE(NULL, strstr(self->out, "\"status\": \"stopped\""))
	{
		TH_LOG("state: %s", self->out);
	}
	ASSERT_EQ(0, runsc(NULL, 0, "delete c1"));
	EXPECT_EQ(1, runsc(self->out, sizeof(self->out), "state c1"));
	EXPECT_NE(NULL, strstr(self->out, "does not exist"));
	/* containerd deletes twice: the second, forced, succeeds quietly. */
	EXPECT_EQ(0, runsc(self->out, sizeof(self->out), "delete --force c1"));
	EXPECT_EQ(0, leftovers());
	unlink("/tmp/rl.pid");
}

TEST_F(runtime, run_returns_the_exit_status)
{
	ASSERT_EQ(0, make_bundle("[\"sh\", \"-c\", \"exit 7\"]", NULL));
	EXPECT_EQ(7, runsc(self->out, sizeof(self->out), "run --no-pivot --bundle " BUNDLE " c1"))
	{
		TH_LOG("run: %s", self->out);
	}
	EXPECT_EQ(0, leftovers());
}

TEST_F(runtime, seccomp_profile_is_enforced_by_ksentry)
{
	static const char seccomp[] =
		",\n \"seccomp\": {\"defaultAction\": \"SCMP_ACT_ALLOW\",\n"
		"  \"syscalls\": [{\"names\": [\"mkdir\", \"mkdirat\"],\n"
		"   \"action\": \"SCMP_ACT_ERRNO\", \"errnoRet\": 13}]}";

	ASSERT_EQ(0, make_bundle("[\"mkdir\", \"/tmp/x\"]", seccomp));
	EXPECT_EQ(1, runsc(self->out, sizeof(self->out), "run --no-pivot --bundle " BUNDLE " c1"));
	EXPECT_NE(NULL, strstr(self->out, "Permission denied"))
	{
		TH_LOG("run: %s", self->out);
	}
	ASSERT_EQ(0, make_bundle("[\"mkdir\", \"/tmp/x\"]", NULL));
	EXPECT_EQ(0, runsc(self->out, sizeof(self->out), "run --no-pivot --bundle " BUNDLE " c2"))
	{
		TH_LOG("run without a profile: %s", self->out);
	}
}

TEST_F(runtime, stats_count_the_containers_calls)
{
	ASSERT_EQ(0, make_bundle("[\"sleep\", \"100\"]", NULL));
	ASSERT_EQ(0, runsc(self->out, sizeof(self->out),
			   "run --detach --no-pivot --bundle " BUNDLE " c1"))
	{
		TH_LOG("run: %s", self->out);
	}
	ASSERT_EQ(0, runsc(self->out, sizeof(self->out), "stats --format json c1"))
	{
		TH_LOG("stats: %s", self->out);
	}
	/* The init's own calls after binding, execve among them. */
	EXPECT_NE(NULL, strstr(self->out, "\"name\":\"execve\""))
	{
		TH_LOG("stats: %s", self->out);
	}
	EXPECT_EQ(0, runsc(NULL, 0, "delete --force c1"));
}

TEST_F(runtime, exec_joins_the_sandbox)
{
	static const char seccomp[] =
		",\n \"seccomp\": {\"defaultAction\": \"SCMP_ACT_ALLOW\",\n"
		"  \"syscalls\": [{\"names\": [\"mkdir\", \"mkdirat\"],\n"
		"   \"action\": \"SCMP_ACT_ERRNO\", \"errnoRet\": 13}]}";

	ASSERT_EQ(0, make_bundle("[\"sleep\", \"100\"]", seccomp));
	ASSERT_EQ(0, runsc(self->out, sizeof(self->out),
			   "run --detach --no-pivot --bundle " BUNDLE " c1"));
	EXPECT_EQ(1, runsc(self->out, sizeof(self->out), "exec c1 mkdir /tmp/y"));
	EXPECT_NE(NULL, strstr(self->out, "Permission denied"))
	{
		TH_LOG("exec: %s", self->out);
	}
	EXPECT_EQ(0, runsc(self->out, sizeof(self->out), "exec c1 echo hello"));
	EXPECT_NE(NULL, strstr(self->out, "hello"));
	EXPECT_EQ(0, runsc(NULL, 0, "delete --force c1"));
}

/* containerd's --root is /run/containerd/runc/NS: its parents may not exist. */
TEST_F(runtime, root_is_created_with_its_parents)
{
	ASSERT_EQ(0, system("rm -rf /tmp/rl-deep"));
	ASSERT_EQ(0, make_bundle("[\"true\"]", NULL));
	EXPECT_EQ(0, runsc(self->out, sizeof(self->out),
			   "--root /tmp/rl-deep/runc/default run --no-pivot --bundle "
			   BUNDLE " c1"))
	{
		TH_LOG("run: %s", self->out);
	}
	EXPECT_EQ(0, access("/tmp/rl-deep/runc/default/.lock", F_OK));
	system("rm -rf /tmp/rl-deep");
}

/* The ksentry commands on a container that is not there: an error, no crash. */
TEST_F(runtime, stats_and_trace_of_a_missing_container)
{
	static const char *const cmds[] = { "stats --format json", "trace" };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cmds); i++) {
		EXPECT_EQ(1, runsc(self->out, sizeof(self->out), "%s nosuch",
				   cmds[i]))
		{
			TH_LOG("%s: %s", cmds[i], self->out);
		}
		EXPECT_NE(NULL, strstr(self->out, "does not exist"))
		{
			TH_LOG("%s: %s", cmds[i], self->out);
		}
	}
}

/*
 * runc spec's default asks for ambient capabilities without inheritable
 * ones, which the kernel cannot raise: runc and crun run the container
 * with an empty ambient set, and so must runsc-lite.  Listed as
 * inheritable too, the capability is raised.
 */
TEST_F(runtime, ambient_capabilities_need_inheritable)
{
	static const char no_inh[] =
		"[\"cat\", \"/proc/self/status\"],\n"
		"  \"capabilities\": {\"bounding\": [\"CAP_KILL\"], \"effective\": [\"CAP_KILL\"],\n"
		"   \"permitted\": [\"CAP_KILL\"], \"ambient\": [\"CAP_KILL\"]}";
	static const char inh[] =
		"[\"cat\", \"/proc/self/status\"],\n"
		"  \"capabilities\": {\"bounding\": [\"CAP_KILL\"], \"effective\": [\"CAP_KILL\"],\n"
		"   \"permitted\": [\"CAP_KILL\"], \"inheritable\": [\"CAP_KILL\"],\n"
		"   \"ambient\": [\"CAP_KILL\"]}";

	ASSERT_EQ(0, make_bundle(no_inh, NULL));
	EXPECT_EQ(0, runsc(self->out, sizeof(self->out),
			   "run --no-pivot --bundle " BUNDLE " c1"))
	{
		TH_LOG("run: %s", self->out);
	}
	EXPECT_NE(NULL, strstr(self->out, "CapAmb:\t0000000000000000"))
	{
		TH_LOG("run: %s", self->out);
	}
	ASSERT_EQ(0, make_bundle(inh, NULL));
	EXPECT_EQ(0, runsc(self->out, sizeof(self->out),
			   "run --no-pivot --bundle " BUNDLE " c2"))
	{
		TH_LOG("run: %s", self->out);
	}
	/* CAP_KILL is capability 5. */
	EXPECT_NE(NULL, strstr(self->out, "CapAmb:\t0000000000000020"))
	{
		TH_LOG("run: %s", self->out);
	}
}

#define CG_TRACE "/sys/kernel/tracing/instances/rl-cgroup"

/*
 * The init is created in its cgroup (clone3's CLONE_INTO_CGROUP), not
 * moved there: a move through cgroup.procs takes the cgroup rwsem for
 * writing, which waits for an RCU grace period, and cost create some ten
 * million guest instructions of its twenty.  A move is a cgroup_attach_task
 * event; a birth in the cgroup is not.
 */
TEST_F(runtime, init_is_born_in_its_cgroup)
{
	FILE *f;
	char line[512];
	int moves = 0;

	if (access("/sys/fs/cgroup/cgroup.procs", F_OK))
		SKIP(return, "no cgroup v2 in this guest");
	rmdir(CG_TRACE);
	if (mkdir(CG_TRACE, 0700))
		SKIP(return, "no tracefs instance: %s", strerror(errno));
	if (write_text(CG_TRACE "/events/cgroup/cgroup_attach_task/enable", "1")) {
		rmdir(CG_TRACE);
		SKIP(return, "no cgroup:cgroup_attach_task event");
	}
	ASSERT_EQ(0, make_bundle("[\"true\"]", NULL));
	EXPECT_EQ(0, runsc(self->out, sizeof(self->out),
			   "run --no-pivot --bundle " BUNDLE " c1"))
	{
		TH_LOG("run: %s", self->out);
	}
	write_text(CG_TRACE "/events/cgroup/cgroup_attach_task/enable", "0");
	f = fopen(CG_TRACE "/trace", "r");
	ASSERT_NE(NULL, f);
	while (fgets(line, sizeof(line), f)) {
		if (!strstr(line, "dst_path=/runsc-lite/c1 "))
			continue;
		TH_LOG("moved into the cgroup: %s", line);
		moves++;
	}
	fclose(f);
	rmdir(CG_TRACE);
	EXPECT_EQ(0, moves);
}

/*
 * The policy create checks is the policy it installs: compiled once,
 * before the hooks run.  Here a prestart hook removes the ksentry.policy
 * file, and the container still runs under it.
 */
TEST_F(runtime, policy_is_compiled_once)
{
	static const char extra[] =
		"},\n \"hooks\": {\"prestart\": [{\"path\": \"/bin/busybox\",\n"
		"  \"args\": [\"rm\", \"-f\", \"" BUNDLE "/policy.json\"]}]},\n"
		" \"annotations\": {\"ksentry.policy\": \"policy.json\"";

	ASSERT_EQ(0, make_bundle("[\"mkdir\", \"/tmp/x\"]", extra));
	ASSERT_EQ(0, write_text(BUNDLE "/policy.json",
				"{\"defaultAction\": \"SCMP_ACT_ALLOW\",\n"
				" \"syscalls\": [{\"names\": [\"mkdir\", \"mkdirat\"],\n"
				"  \"action\": \"SCMP_ACT_ERRNO\", \"errnoRet\": 13}]}\n"));
	EXPECT_EQ(1, runsc(self->out, sizeof(self->out),
			   "run --no-pivot --bundle " BUNDLE " c1"))
	{
		TH_LOG("run: %s", self->out);
	}
	EXPECT_NE(NULL, strstr(self->out, "Permission denied"))
	{
		TH_LOG("run: %s", self->out);
	}
	EXPECT_EQ(-1, access(BUNDLE "/policy.json", F_OK));
	EXPECT_EQ(0, leftovers());
}

TEST_F(runtime, bad_bundles_fail_and_leave_nothing)
{
	static const struct {
		const char *config;
		const char *msg;
	} cases[] = {
		{ "{\"ociVersion\": \"1.2.0\", \"root\": ", "malformed" },
		{ "{\"ociVersion\": \"1.2.0\", \"root\": {\"path\": \"nope\"},\n"
		  " \"process\": {\"args\": [\"sh\"], \"cwd\": \"/\"}}", "nope" },
		{ "{\"ociVersion\": \"1.2.0\", \"root\": {\"path\": \"rootfs\"},\n"
		  " \"process\": {\"args\": [\"sh\"], \"cwd\": \"/\"},\n"
		  " \"linux\": {\"namespaces\": [{\"type\": \"bogus\"}]}}", "bogus" },
		{ "{\"ociVersion\": \"1.2.0\", \"root\": {\"path\": \"rootfs\"},\n"
		  " \"process\": {\"args\": \"sh\", \"cwd\": \"/\"}}", "process.args" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		ASSERT_EQ(0, make_bundle("[\"true\"]", NULL));
		ASSERT_EQ(0, write_text(BUNDLE "/config.json", cases[i].config));
		EXPECT_EQ(1, runsc(self->out, sizeof(self->out),
				   "create --no-pivot --bundle " BUNDLE " c1"));
		EXPECT_NE(NULL, strstr(self->out, "Failed to"))
		{
			TH_LOG("case %zu: %s", i, self->out);
		}
		EXPECT_NE(NULL, strstr(self->out, cases[i].msg))
		{
			TH_LOG("case %zu: %s", i, self->out);
		}
		EXPECT_EQ(0, leftovers());
	}
}

TEST_F(runtime, duplicate_id_and_bad_signal)
{
	ASSERT_EQ(0, make_bundle("[\"sleep\", \"100\"]", NULL));
	ASSERT_EQ(0, runsc(NULL, 0, "create --no-pivot --bundle " BUNDLE " c1"));
	EXPECT_EQ(1, runsc(self->out, sizeof(self->out),
			   "create --no-pivot --bundle " BUNDLE " c1"));
	EXPECT_NE(NULL, strstr(self->out, "already exists"))
	{
		TH_LOG("%s", self->out);
	}
	EXPECT_EQ(1, runsc(self->out, sizeof(self->out), "kill c1 SIGNOPE"));
	EXPECT_NE(NULL, strstr(self->out, "SIGNOPE"));
	/* Names with and without SIG, and numbers, all work. */
	EXPECT_EQ(0, runsc(NULL, 0, "kill c1 SIGCONT"));
	EXPECT_EQ(0, runsc(NULL, 0, "kill c1 CONT"));
	EXPECT_EQ(0, runsc(NULL, 0, "kill c1 18"));
	EXPECT_EQ(0, runsc(NULL, 0, "delete --force c1"));
	EXPECT_EQ(0, leftovers());
}

/* An emulation set runsc-lite does not know is refused, and leaves nothing. */
TEST_F(runtime, unknown_emulation_set_refused)
{
	static const char annotations[] =
		"},\n \"annotations\": {\"ksentry.emulate\": \"bogus\"";

	ASSERT_EQ(0, make_bundle("[\"true\"]", annotations));
	EXPECT_EQ(1, runsc(self->out, sizeof(self->out),
			   "create --no-pivot --bundle " BUNDLE " c1"));
	EXPECT_NE(NULL, strstr(self->out, "ksentry.emulate 'bogus'"))
	{
		TH_LOG("create: %s", self->out);
	}
	EXPECT_EQ(0, leftovers());
}

/* ksentry.emulate "safe": the module answers uname and the identity calls. */
TEST_F(runtime, emulation_safe_set)
{
	static const char annotations[] =
		"},\n \"annotations\": {\"ksentry.emulate\": \"safe\"";
	struct utsname host;
	int tries;

	ASSERT_EQ(0, uname(&host));
	/* The answers are the host's... */
	ASSERT_EQ(0, make_bundle("[\"sh\", \"-c\", \"uname -r; id -u\"]",
				 annotations));
	ASSERT_EQ(0, runsc(self->out, sizeof(self->out),
			   "run --no-pivot --bundle " BUNDLE " c1"));
	EXPECT_NE(NULL, strstr(self->out, host.release))
	{
		TH_LOG("run: %s", self->out);
	}
	EXPECT_NE(NULL, strstr(self->out, "\n0\n"));
	/* ...given by the module: wait for the calls, not for a time. */
	ASSERT_EQ(0, make_bundle("[\"sh\", \"-c\", \"uname; id; exec sleep 100\"]",
				 annotations));
	ASSERT_EQ(0, runsc(self->out, sizeof(self->out),
			   "run --detach --no-pivot --bundle " BUNDLE " c2"));
	for (tries = 0; tries < 600; tries++) {
		ASSERT_EQ(0, runsc(self->out, sizeof(self->out),
				   "stats --format json c2"));
		if (strstr(self->out, "\"name\":\"uname\""))
			break;
		usleep(100000);
	}
	EXPECT_NE(NULL, strstr(self->out, "\"name\":\"uname\",\"emulate\":"))
	{
		TH_LOG("stats: %s", self->out);
	}
	EXPECT_NE(NULL, strstr(self->out, "\"name\":\"getuid\",\"emulate\":"))
	{
		TH_LOG("stats: %s", self->out);
	}
	EXPECT_EQ(0, runsc(NULL, 0, "delete --force c2"));
}

/* Sysctls are written even though readonlyPaths covers /proc/sys. */
TEST_F(runtime, sysctl_with_readonly_proc_sys)
{
	static const char extra[] =
		",\n \"sysctl\": {\"kernel.shmmax\": \"123456789\"},\n"
		" \"readonlyPaths\": [\"/proc/sys\"]";

	ASSERT_EQ(0, make_bundle("[\"cat\", \"/proc/sys/kernel/shmmax\"]", extra));
	EXPECT_EQ(0, runsc(self->out, sizeof(self->out),
			   "run --no-pivot --bundle " BUNDLE " c1"))
	{
		TH_LOG("run: %s", self->out);
	}
	EXPECT_NE(NULL, strstr(self->out, "123456789"))
	{
		TH_LOG("run: %s", self->out);
	}
}

/* SIGKILL runsc-lite while create waits in a slow prestart hook. */
TEST_F(runtime, sigkill_during_create_leaves_nothing)
{
	static const char hooks[] =
		"},\n \"hooks\": {\"prestart\": [{\"path\": \"/bin/busybox\",\n"
		" \"args\": [\"sleep\", \"sleep\", \"30\"]}]";
	int status, i;
	pid_t pid;

	ASSERT_EQ(0, make_bundle("[\"sleep\", \"100\"]", hooks));
	pid = fork();
	if (pid == 0) {
		execl(RUNTIME, RUNTIME, "--root", ROOT, "create", "--no-pivot", "--bundle",
		      BUNDLE, "c1", NULL);
		_exit(127);
	}
	ASSERT_LT(0, pid);
	/* Wait for the hook to start: the creating directory exists. */
	for (i = 0; i < 100 && access(ROOT "/.c1.creating/exec.fifo", F_OK); i++)
		usleep(50000);
	usleep(300000);
	kill(pid, SIGKILL);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	/* The next command collects what the dead create left. */
	runsc(self->out, sizeof(self->out), "list");
	EXPECT_EQ(NULL, strstr(self->out, "c1"))
	{
		TH_LOG("list: %s", self->out);
	}
	EXPECT_EQ(0, leftovers());
	system("pkill -9 -f 'sleep 30' 2>/dev/null");
}

TEST_HARNESS_MAIN
