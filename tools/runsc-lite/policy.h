/* SPDX-License-Identifier: GPL-2.0 */
/*
 * runsc-lite - the policy compiler: seccomp profiles to ksentry tables
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * Two input formats are understood:
 *
 * - the OCI runtime spec's linux.seccomp object (what podman and
 *   containerd write into config.json): defaultAction, defaultErrnoRet,
 *   architectures, flags, syscalls[] with names, action, errnoRet and
 *   args[] of {index, value, valueTwo, op};
 * - Docker's profile files (Docker's default.json, podman's
 *   /usr/share/containers/seccomp.json): the same plus archMap and,
 *   per syscall group, includes/excludes of capabilities, arches and
 *   minKernel, resolved against the container's capabilities.
 *
 * The result is a struct policy ready for KSENTRY_SANDBOX_SET_POLICY.
 */

#ifndef _RUNSC_LITE_POLICY_H
#define _RUNSC_LITE_POLICY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/capability.h>
#include <linux/ksentry.h>

struct json_object;

/* A capability as a bit of the masks below. */
#define POLICY_CAP(cap) (1ULL << (cap))

/*
 * The capabilities Docker (and podman) grant a container by default: the
 * set "runsc-lite policy" assumes without --caps.
 */
#define POLICY_CAPS_DOCKER                                                    \
	(POLICY_CAP(CAP_CHOWN) | POLICY_CAP(CAP_DAC_OVERRIDE) |               \
	 POLICY_CAP(CAP_FSETID) | POLICY_CAP(CAP_FOWNER) |                    \
	 POLICY_CAP(CAP_MKNOD) | POLICY_CAP(CAP_NET_RAW) |                    \
	 POLICY_CAP(CAP_SETGID) | POLICY_CAP(CAP_SETUID) |                    \
	 POLICY_CAP(CAP_SETFCAP) | POLICY_CAP(CAP_SETPCAP) |                  \
	 POLICY_CAP(CAP_NET_BIND_SERVICE) | POLICY_CAP(CAP_SYS_CHROOT) |      \
	 POLICY_CAP(CAP_KILL) | POLICY_CAP(CAP_AUDIT_WRITE))

/* Every capability, known today or not ("--caps all", --privileged). */
#define POLICY_CAPS_ALL (~0ULL)

/*
 * A compiled policy.  policy_attr() points the attr's entries and rules at
 * @entries and @rules, and its emu at @view when @has_view is set.
 */
struct policy {
	__u32 default_action;
	__u32 ia32_action;
	__u32 x32_action;
	struct ksentry_entry *entries;
	__u32 nr_entries;
	struct ksentry_rule *rules;
	__u32 nr_rules;
	/*
	 * Names the profile listed that have no x86-64 number below
	 * KSENTRY_TABLE_SIZE (libseccomp does not resolve them for x86-64, or
	 * the table cannot hold them): the default action decides them.
	 */
	char **unknown_names;
	size_t nr_unknown_names;
	/*
	 * The sandbox's view (CPUs, virtual files), set by
	 * policy_set_emulation(); without @has_view, the host's.
	 */
	bool has_view;
	struct ksentry_emu_attr view;
};

/*
 * Where a compile error is: @path is the JSON path of the offending value
 * ("syscalls[3].args[0].op"), @msg the reason.
 */
struct policy_error {
	char path[256];
	char msg[256];
};

/**
 * policy_compile - Compile a seccomp profile into a ksentry policy
 * @profile: The profile (either format above).
 * @caps: The container's effective capabilities, as a CAP_* bit mask, for
 *        Docker's includes/excludes.
 * @out: Filled on success; free with policy_free().
 * @err: Filled on failure.
 *
 * Return: 0, or -1 with @err filled.  Unknown actions, operators, argument
 * indexes above 5, impossible errnos and values of the wrong JSON type are
 * errors; syscall names unknown to x86-64 are not (profiles list names of
 * every architecture) and are collected in @out->unknown_names.
 */
int policy_compile(struct json_object *profile, uint64_t caps,
		   struct policy *out, struct policy_error *err);

/**
 * policy_compile_file - Read a profile from @path and compile it
 * @path: A JSON file.
 * @caps: As for policy_compile().
 * @out: As for policy_compile().
 * @err: As for policy_compile(); a JSON syntax error reports its line and
 *       column in @err->path.
 *
 * Return: 0, or -1 with @err filled.
 */
int policy_compile_file(const char *path, uint64_t caps, struct policy *out,
			struct policy_error *err);

/**
 * policy_default - The policy used when config.json has no linux.seccomp
 * @caps: The container's effective capabilities.
 * @out: Filled on success; free with policy_free().
 *
 * At least as strict as Docker's default seccomp profile.  Documented in
 * Documentation/admin-guide/runsc-lite.rst.
 *
 * Return: 0, or -1 with errno set.
 */
int policy_default(uint64_t caps, struct policy *out);

/* Room for any string policy_action_name() writes, NUL included. */
#define POLICY_ACTION_NAME_MAX 32

/**
 * policy_action_name - An action as text: "ALLOW", "ERRNO(1)", "TRAP", ...
 * @action: A ksentry action.
 * @buf: Receives the text; an unknown type reads "UNKNOWN(0x...)".
 * @size: Size of @buf, best %POLICY_ACTION_NAME_MAX or more.
 *
 * Return: @buf.
 */
const char *policy_action_name(__u32 action, char *buf, size_t size);

/**
 * policy_set_trace - Apply the ksentry.trace annotation to @p
 * @p: A compiled policy.
 * @mode: "deny" (or NULL): unchanged, every decision other than ALLOW
 *        fires the ksentry_decision event; "all": every ALLOW becomes LOG,
 *        so every call fires it (and leaves the fast path); "none": every
 *        LOG becomes ALLOW, so only refusals fire it.
 *
 * Return: 0, or -1 with errno EINVAL for an unknown @mode.
 */
int policy_set_trace(struct policy *p, const char *mode);

/*
 * The container's CPU limits, linux.resources.cpu: @quota and @period as
 * cpu.max takes them (a period of 0, or none, is the kernel's 100000),
 * @cpus a cpuset list ("0-2,5") or NULL.
 */
struct policy_cpu_limits {
	bool has_quota;
	int64_t quota;
	bool has_period;
	uint64_t period;
	const char *cpus;
};

/* The most CPUs a cpuset list may name: the kernel's largest NR_CPUS. */
#define POLICY_MAX_CPUS 8192

/**
 * policy_view_cpus - How many CPUs the sandbox sees under @limits
 * @limits: The container's CPU limits.
 * @nr_cpus: Receives the count, for &struct ksentry_emu_attr's nr_cpus:
 *           ceil(quota / period) for a quota above 0, the number of CPUs
 *           of the cpuset list, the smaller of both when both are given,
 *           and 0 (all the CPUs the container may run on) when neither
 *           limits it.  A list that names the last CPU with "N" or "all"
 *           limits nothing beyond the cpuset itself.
 * @err: Filled on failure: @err->path is "linux.resources.cpu.cpus".
 *
 * Return: 0, or -1 with @err filled for a list that is no cpuset list.
 */
int policy_view_cpus(const struct policy_cpu_limits *limits, __u32 *nr_cpus,
		     struct policy_error *err);

/**
 * policy_set_emulation - Apply the ksentry.emulate annotation to @p
 * @p: A compiled policy.
 * @set: "safe" (or NULL, the default): the calls the module answers for
 *       the sandbox (the identity calls, uname, sysinfo,
 *       sched_getaffinity, getcpu, getrlimit, prlimit64, getrandom, and
 *       the open family: open, openat, openat2, creat) are emulated
 *       wherever @p allows them outright, and @p gets a view: @nr_cpus
 *       CPUs and every virtual file.  A call @p denies stays denied, and
 *       one with argument rules stays with its rules.  "none": @p is left
 *       as it is, without a view (the host's, no virtual files).
 * @nr_cpus: The view's CPUs, from policy_view_cpus(); 0 for all.
 *
 * Return: 0, or -1 with errno EINVAL for an unknown @set, ENOMEM.
 */
int policy_set_emulation(struct policy *p, const char *set, __u32 nr_cpus);

/* Fill @attr from @p for KSENTRY_SANDBOX_SET_POLICY. */
void policy_attr(const struct policy *p, struct ksentry_policy_attr *attr);

void policy_free(struct policy *p);

/* "runsc-lite policy check|compile FILE": returns the exit status. */
int policy_command(int argc, char *argv[]);

#endif /* _RUNSC_LITE_POLICY_H */
