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
 * A compiled policy.  @attr's entries and rules point to @entries and
 * @rules once policy_attr() has been called.
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

/**
 * policy_set_emulation - Apply the ksentry.emulate annotation to @p
 * @p: A compiled policy.
 * @set: "none" (or NULL): unchanged; "safe": the calls the module answers
 *       as the host would (the identity calls, uname, sysinfo,
 *       sched_getaffinity, getcpu, getrlimit, prlimit64, getrandom) are
 *       emulated wherever @p allows them outright.  A call @p denies stays
 *       denied, and one with argument rules stays with its rules.
 *
 * Return: 0, or -1 with errno EINVAL for an unknown @set, ENOMEM.
 */
int policy_set_emulation(struct policy *p, const char *set);

/* Fill @attr from @p for KSENTRY_SANDBOX_SET_POLICY. */
void policy_attr(const struct policy *p, struct ksentry_policy_attr *attr);

void policy_free(struct policy *p);

/* "runsc-lite policy check|compile FILE": returns the exit status. */
int policy_command(int argc, char *argv[]);

#endif /* _RUNSC_LITE_POLICY_H */
