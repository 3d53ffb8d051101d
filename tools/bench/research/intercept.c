// SPDX-License-Identifier: GPL-2.0
/*
 * ksentry - the research benchmark's interceptions: the seccomp filters
 * and the ksentry tables that micro.c and under.c install (intercept.h)
 *
 * Copyright (C) 2026 The ksentry authors
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/ksentry.h>
#include <seccomp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "../../../selftests/common.h"
#include "intercept.h"

/* One rule of Docker's profile, as docker-profile.py writes them. */
struct docker_arg {
	unsigned int index;
	enum scmp_compare op;
	uint64_t value;
	uint64_t value_two;
};

struct docker_group {
	const char *name;
	uint32_t action;
	const char *min_kernel;
	unsigned int nr_args;
	struct docker_arg args[6];
};

#include "docker-profile.h"

/* Whether the running kernel's release is at least @min ("4.8"). */
static bool kernel_at_least(const char *const min)
{
	unsigned int have[3] = { 0 }, want[3] = { 0 };
	struct utsname u;
	int i;

	if (uname(&u))
		return false;
	/* "6.12.117+deb12-amd64" and "4.8": missing parts stay 0. */
	if (sscanf(u.release, "%u.%u.%u", &have[0], &have[1], &have[2]) < 2 ||
	    sscanf(min, "%u.%u.%u", &want[0], &want[1], &want[2]) < 2)
		return false;
	for (i = 0; i < 3; i++) {
		if (have[i] != want[i])
			return have[i] > want[i];
	}
	return true;
}

/*
 * SECCOMP_FILTER_FLAG_SPEC_ALLOW, as runc and crun load their filters,
 * unless MICRO_NO_SPEC_ALLOW=1: then seccomp forces the speculation
 * mitigations where the kernel is told to (spec_store_bypass_disable=
 * seccomp) and the CPU has them.
 */
bool intercept_spec_allow(void)
{
	const char *v = getenv("MICRO_NO_SPEC_ALLOW");

	return !v || strcmp(v, "1");
}

int intercept_load_filter(struct sock_filter *const insns, const size_t len,
			  const unsigned int flags)
{
	struct sock_fprog prog = { .len = len, .filter = insns };

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return -1;
	return syscall(__NR_seccomp, SECCOMP_SET_MODE_FILTER,
		       (intercept_spec_allow() ? SECCOMP_FILTER_FLAG_SPEC_ALLOW : 0) | flags,
		       &prog);
}

int intercept_seccomp_allow(void)
{
	struct sock_filter insns[] = { RET(SECCOMP_RET_ALLOW) };

	return intercept_load_filter(insns, ARRAY_SIZE(insns), 0);
}

/* Loads arg0 for every call: the bitmap cache covers no number. */
int intercept_seccomp_arg(const bool deny)
{
	struct sock_filter insns[] = {
		LD_ARCH,
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
		RET(SECCOMP_RET_KILL_PROCESS),
		LD_NR,
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
			 deny ? NR_DENIED : 0xffffffffU, 0, 1),
		RET(SECCOMP_RET_ERRNO | EPERM),
		LD_ARG0(1),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ARG_MAGIC >> 32, 0, 3),
		LD_ARG0(0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (__u32)ARG_MAGIC, 0, 1),
		RET(SECCOMP_RET_ERRNO | EDOM),
		RET(SECCOMP_RET_ALLOW),
	};

	return intercept_load_filter(insns, ARRAY_SIZE(insns), 0);
}

/* libseccomp's rules for one group of Docker's profile, as runc adds them. */
static int docker_rule(scmp_filter_ctx ctx, const struct docker_group *g)
{
	struct scmp_arg_cmp conds[6];
	unsigned int i, j, count;
	bool split = false;
	int nr, err;

	nr = seccomp_syscall_resolve_name(g->name);
	if (nr == __NR_SCMP_ERROR)
		return 0;
	if (g->action == DOCKER_DEFAULT_ACTION)
		return 0;
	if (!g->nr_args)
		return seccomp_rule_add(ctx, g->action, nr, 0);
	for (i = 0; i < g->nr_args; i++) {
		conds[i] = (struct scmp_arg_cmp){
			.arg = g->args[i].index, .op = g->args[i].op,
			.datum_a = g->args[i].value,
			.datum_b = g->args[i].value_two,
		};
		for (count = 0, j = 0; j < g->nr_args; j++)
			count += g->args[j].index == g->args[i].index;
		split |= count > 1;
	}
	if (!split)
		return seccomp_rule_add_array(ctx, g->action, nr, g->nr_args,
					      conds);
	for (i = 0; i < g->nr_args; i++) {
		err = seccomp_rule_add_array(ctx, g->action, nr, 1, &conds[i]);
		if (err)
			return err;
	}
	return 0;
}

/* Docker's default profile; with @deny, getppid left to the default. */
int intercept_seccomp_docker(const bool deny, char *const why, size_t len)
{
	scmp_filter_ctx ctx;
	unsigned int i;
	int err = 0;

	ctx = seccomp_init(DOCKER_DEFAULT_ACTION);
	if (!ctx) {
		snprintf(why, len, "seccomp_init failed");
		return -1;
	}
	for (i = 0; i < ARRAY_SIZE(docker_arches) && !err; i++) {
		err = seccomp_arch_add(ctx, docker_arches[i]);
		if (err == -EEXIST)
			err = 0;
	}
	if (!err)
		err = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, 0);
	if (!err)
		err = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_SSB, intercept_spec_allow());
	for (i = 0; i < ARRAY_SIZE(docker_groups) && !err; i++) {
		const struct docker_group *g = &docker_groups[i];

		if (g->min_kernel && !kernel_at_least(g->min_kernel))
			continue;
		if (deny && !strcmp(g->name, "getppid"))
			continue;
		err = docker_rule(ctx, g);
		if (err)
			snprintf(why, len, "libseccomp refused %s: %s",
				 g->name, strerror(-err));
	}
	if (!err && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		err = -errno;
	if (!err) {
		err = seccomp_load(ctx);
		if (err)
			snprintf(why, len, "seccomp_load: %s", strerror(-err));
	}
	seccomp_release(ctx);
	return err ? -1 : 0;
}

int intercept_notify_one(const int fd, const bool deny,
			 struct seccomp_notif *const req, const char **const what)
{
	struct seccomp_notif_resp resp;

	memset(req, 0, sizeof(*req));
	if (ioctl(fd, SECCOMP_IOCTL_NOTIF_RECV, req)) {
		if (errno == EINTR || errno == ENOENT)
			return 0;
		*what = "receiving";
		return -1;
	}
	memset(&resp, 0, sizeof(resp));
	resp.id = req->id;
	if (deny && req->data.nr == NR_DENIED)
		resp.error = -EPERM;
	else
		resp.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
	/* ENOENT: the task went (killed) while we answered. */
	if (ioctl(fd, SECCOMP_IOCTL_NOTIF_SEND, &resp)) {
		if (errno == ENOENT)
			return 1;
		*what = "answering";
		return -1;
	}
	return 1;
}

/* ksentry's table @table, in a new sandbox. */
int intercept_sandbox(const enum intercept_table table, char *const why,
		      const size_t len)
{
	const __u32 emu = KSENTRY_ACT_EMULATE;
	const struct ksentry_entry errno_entries[] = {
		{ NR_DENIED, KSENTRY_ACT_ERRNO_OF(EPERM) },
	};
	const struct ksentry_entry emulate_entries[] = {
		{ __NR_getpid, emu | KSENTRY_EMU_GETPID },
		{ __NR_getppid, emu | KSENTRY_EMU_GETPPID },
		{ __NR_uname, emu | KSENTRY_EMU_UNAME },
		{ __NR_open, emu | KSENTRY_EMU_OPEN },
		{ __NR_openat, emu | KSENTRY_EMU_OPENAT },
		{ __NR_openat2, emu | KSENTRY_EMU_OPENAT2 },
		{ __NR_creat, emu | KSENTRY_EMU_CREAT },
	};
	struct ksentry_emu_attr view = {
		.size = sizeof(view), .vfiles = KSENTRY_VFILES_ALL,
	};
	struct ksentry_policy_attr attr = {
		.size = sizeof(attr),
		.default_action = KSENTRY_ACT_ALLOW,
		.ia32_action = KSENTRY_ACT_ALLOW,
		.x32_action = KSENTRY_ACT_ALLOW,
	};
	int fd, err;

	if (table == TABLE_ERRNO) {
		attr.nr_entries = ARRAY_SIZE(errno_entries);
		attr.entries = (__u64)(uintptr_t)errno_entries;
	} else if (table == TABLE_EMULATE) {
		attr.nr_entries = ARRAY_SIZE(emulate_entries);
		attr.entries = (__u64)(uintptr_t)emulate_entries;
		attr.emu = (__u64)(uintptr_t)&view;
	}
	fd = sandbox_create();
	if (fd < 0) {
		err = errno;
		snprintf(why, len, "creating a sandbox: %s%s", strerror(err),
			 module_loaded() ? "" :
			 " (the ksentry module is not loaded)");
		errno = err;
		return -1;
	}
	if (ioctl(fd, KSENTRY_SANDBOX_SET_POLICY, &attr)) {
		err = errno;
		snprintf(why, len, "setting the policy: %s", strerror(err));
		close(fd);
		errno = err;
		return -1;
	}
	return fd;
}

int intercept_sandbox_stats(const int fd, __u64 *const counts)
{
	struct ksentry_stats_attr attr = {
		.size = sizeof(attr),
		.counts = (__u64)(uintptr_t)counts,
		.counts_size = KSENTRY_STATS_SLOTS * KSENTRY_STATS_ACTIONS *
			       sizeof(__u64),
	};

	return ioctl(fd, KSENTRY_SANDBOX_GET_STATS, &attr);
}

/* Whether @pid's pid namespace has no sandbox (ksentry-loaded). */
int intercept_unsandboxed(const pid_t pid, char *const why, const size_t len)
{
	struct ksentry_open_attr attr = { .size = sizeof(attr) };
	int dev, ns, fd, ret = -1;
	char path[64];

	if (!module_loaded()) {
		snprintf(why, len, "the ksentry module is not loaded");
		return -1;
	}
	snprintf(path, sizeof(path), "/proc/%d/ns/pid", pid);
	ns = open(path, O_RDONLY | O_CLOEXEC);
	dev = open(KSENTRY_DEV, O_RDWR | O_CLOEXEC);
	if (ns < 0 || dev < 0) {
		snprintf(why, len, "%s: %s", ns < 0 ? path : KSENTRY_DEV,
			 strerror(errno));
		goto out;
	}
	attr.pidns_fd = ns;
	fd = ioctl(dev, KSENTRY_IOCTL_OPEN_SANDBOX, &attr);
	if (fd >= 0 || errno != ENOENT) {
		snprintf(why, len, "the task is in a sandbox (%s)",
			 fd >= 0 ? "one is bound" : strerror(errno));
		if (fd >= 0)
			close(fd);
		goto out;
	}
	ret = 0;
out:
	if (ns >= 0)
		close(ns);
	if (dev >= 0)
		close(dev);
	return ret;
}
