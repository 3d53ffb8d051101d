/* SPDX-License-Identifier: GPL-2.0 */
/*
 * runsc-lite - the OCI runtime spec's config.json, parsed and validated
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * spec_load() reads BUNDLE/config.json with json-c and fills a struct spec.
 * Every field the runtime honours has a member here; a field the runtime
 * must refuse (an unknown namespace type, a uid without a mapping, a value
 * of the wrong JSON type) makes spec_load() fail with a message that names
 * the field by its JSON path ("process.user.uid: ...").  Unknown fields are
 * ignored, as the runtime spec requires, unless their JSON type is wrong
 * where the spec defines them.
 *
 * All strings and arrays are owned by the struct spec and freed by
 * spec_free().  Arrays of strings are NULL-terminated.
 */

#ifndef _RUNSC_LITE_SPEC_H
#define _RUNSC_LITE_SPEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct json_object;

/* The capability sets of process.capabilities, as bit masks of CAP_*. */
struct spec_caps {
	uint64_t bounding;
	uint64_t effective;
	uint64_t inheritable;
	uint64_t permitted;
	uint64_t ambient;
};

/* One of process.rlimits. */
struct spec_rlimit {
	int resource;		/* RLIMIT_* */
	uint64_t soft;
	uint64_t hard;
};

/* One of process.user.additionalGids is in @gids. */
struct spec_user {
	uid_t uid;
	gid_t gid;
	gid_t *gids;
	size_t nr_gids;
	bool has_umask;
	mode_t umask;
};

/* The console's size, process.consoleSize. */
struct spec_console {
	unsigned int height;
	unsigned int width;
};

/* The process to run: config.json's "process", or an exec's process.json. */
struct spec_process {
	char **args;		/* at least one */
	char **env;
	char *cwd;		/* absolute */
	struct spec_user user;
	bool terminal;
	struct spec_console console;
	struct spec_rlimit *rlimits;
	size_t nr_rlimits;
	bool no_new_privileges;
	bool has_caps;		/* process.capabilities was given */
	struct spec_caps caps;
	bool has_oom_score_adj;
	int oom_score_adj;
	char *apparmor_profile;	/* refused when set: see spec.c */
	char *selinux_label;	/* refused when set */
};

/*
 * One of "mounts".  @flags and @clear are MS_* bits made from @options;
 * @propagation is MS_SHARED, MS_SLAVE, MS_PRIVATE or MS_UNBINDABLE (with
 * MS_REC for the r* forms), or 0; @data holds the options that are not
 * flags, comma-separated, for mount(2)'s data argument.
 */
struct spec_mount {
	char *destination;	/* absolute, inside the container */
	char *type;		/* may be NULL for a bind mount */
	char *source;
	char **options;
	unsigned long flags;
	unsigned long clear;
	unsigned long propagation;
	bool bind;		/* "bind" or "rbind" in options, or type "bind" */
	bool recursive;		/* "rbind" */
	char *data;
};

/* One of linux.namespaces: @type is a CLONE_NEW* flag. */
struct spec_namespace {
	int type;
	char *path;		/* NULL: a new namespace */
};

/* One of linux.uidMappings or linux.gidMappings. */
struct spec_idmap {
	uint32_t container_id;
	uint32_t host_id;
	uint32_t size;
};

/* One of linux.devices. */
struct spec_device {
	char *path;
	char type;		/* 'c', 'b', 'u' or 'p' */
	unsigned int major;
	unsigned int minor;
	mode_t mode;		/* permission bits; 0666 when not given */
	uid_t uid;
	gid_t gid;
};

/* One of linux.sysctl. */
struct spec_sysctl {
	char *key;
	char *value;
};

/* One hook of "hooks". */
struct spec_hook {
	char *path;		/* absolute */
	char **args;
	char **env;
	int timeout;		/* seconds; 0: none */
};

enum spec_hook_kind {
	HOOK_PRESTART,
	HOOK_CREATE_RUNTIME,
	HOOK_CREATE_CONTAINER,
	HOOK_START_CONTAINER,
	HOOK_POSTSTART,
	HOOK_POSTSTOP,
	HOOK_KINDS
};

/*
 * linux.resources, for cgroup v2.  A has_* flag says whether the field
 * was given; unset fields are left to the kernel's defaults.
 */
struct spec_resources {
	bool has_memory_limit;
	int64_t memory_limit;		/* bytes; -1: unlimited */
	bool has_memory_reservation;
	int64_t memory_reservation;
	bool has_memory_swap;
	int64_t memory_swap;		/* memory + swap, as runc reads it */
	bool has_cpu_shares;
	uint64_t cpu_shares;
	bool has_cpu_quota;
	int64_t cpu_quota;		/* microseconds; -1: unlimited */
	bool has_cpu_period;
	uint64_t cpu_period;
	char *cpu_cpus;
	char *cpu_mems;
	bool has_pids_limit;
	int64_t pids_limit;		/* -1 or 0: unlimited */
};

/*
 * The ksentry.* annotations: what the runtime adds beyond the OCI spec.
 * See Documentation/admin-guide/runsc-lite.rst for their meaning.
 */
struct spec_ksentry {
	char *policy_file;	/* ksentry.policy: a profile to use instead */
	char *emulate;		/* ksentry.emulate: the emulation set; NULL: "safe" */
	char *trace;		/* ksentry.trace: "none", "deny" (default) or "all" */
	bool unsandboxed;	/* ksentry.sandbox == "none": needs --unsandboxed */
};

struct spec {
	char *oci_version;
	char *root_path;	/* absolute: the bundle joined with root.path */
	bool root_readonly;
	char *hostname;
	char *domainname;
	struct spec_process process;
	struct spec_mount *mounts;
	size_t nr_mounts;
	struct spec_namespace *namespaces;
	size_t nr_namespaces;
	struct spec_idmap *uid_mappings;
	size_t nr_uid_mappings;
	struct spec_idmap *gid_mappings;
	size_t nr_gid_mappings;
	struct spec_device *devices;
	size_t nr_devices;
	struct spec_sysctl *sysctls;
	size_t nr_sysctls;
	char **masked_paths;
	char **readonly_paths;
	char *cgroups_path;	/* linux.cgroupsPath, or NULL */
	char *rootfs_propagation; /* linux.rootfsPropagation, or NULL */
	struct spec_resources resources;
	struct spec_hook *hooks[HOOK_KINDS];
	size_t nr_hooks[HOOK_KINDS];
	/* linux.seccomp, kept as JSON for the policy compiler; or NULL. */
	struct json_object *seccomp;
	struct spec_ksentry ksentry;
	char **annotation_keys;	/* every annotation, for the state */
	char **annotation_values;
	/* The whole document, which owns @seccomp. */
	struct json_object *doc;
};

/**
 * spec_load - Read and validate BUNDLE/config.json
 * @bundle: The bundle directory, absolute.
 * @err: Receives the reason on failure, e.g. "process.user.uid: not a
 *       number".
 * @errlen: Size of @err.
 *
 * Return: The spec, or NULL with @err set.
 */
struct spec *spec_load(const char *bundle, char *err, size_t errlen);

/**
 * spec_load_process - Read an exec's process.json
 * @path: The file.
 * @proc: Filled on success; free with spec_process_free().
 * @err: Receives the reason on failure.
 * @errlen: Size of @err.
 *
 * Return: 0, or -1 with @err set.
 */
int spec_load_process(const char *path, struct spec_process *proc, char *err,
		      size_t errlen);

void spec_process_free(struct spec_process *proc);
void spec_free(struct spec *spec);

/*
 * Whether @spec asks for a namespace of @type (CLONE_NEW*): its entry, a
 * new namespace when the entry's path is NULL and one to join otherwise;
 * or NULL.
 */
const struct spec_namespace *spec_namespace(const struct spec *spec, int type);

/**
 * spec_write_default - Write the default config.json of "runsc-lite spec"
 * @path: Where to write it.
 * @rootless: Whether to write runc's rootless variant (user namespace).
 *
 * Return: 0, or -1 with errno set.
 */
int spec_write_default(const char *path, bool rootless);

/*
 * The "features" document, as runc prints it, with what becomes of a
 * container in the host's pid namespace (--host-pid=unsandboxed or not).
 */
int spec_print_features(bool host_pid_unsandboxed);

#endif /* _RUNSC_LITE_SPEC_H */
