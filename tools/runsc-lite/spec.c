// SPDX-License-Identifier: GPL-2.0
/*
 * runsc-lite - the OCI runtime spec's config.json, parsed and validated
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * The document is parsed with json-c and walked once, section by section.
 * Each parser gets the JSON path of the object it reads ("linux.devices[3]")
 * so that an error names the field it is about; the first error stops the
 * walk.  Every allocation is stored in the struct spec as soon as it is
 * made, and arrays are counted before their elements are parsed, so one
 * spec_free() undoes a walk that stopped half-way.
 *
 * What is refused, beyond values of the wrong JSON type:
 * - what the runtime cannot honour and must not silently drop: unknown
 *   namespace types, capabilities, rlimits and ksentry.* annotations; mount
 *   options that need a kernel interface runsc-lite does not drive
 *   (tmpcopyup, idmapped mounts, recursive mount attributes);
 * - what cannot work: a uid or gid with no mapping in the user namespace,
 *   mappings without one, a hostname without a UTS namespace.
 * apparmorProfile and selinuxLabel are stored here and refused by the
 * runtime, which has neither LSM to hand them to.
 *
 * This file holds the walk and the top-level members (ociVersion, root,
 * hostname, hooks, annotations), the checks across sections, and the
 * entry points.  The process section is in spec-process.c, mounts and
 * linux in spec-linux.c, the typed access they share in spec-json.c, and
 * the documents runsc-lite writes in spec-output.c.
 */

#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <json-c/json.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "spec-internal.h"

const char *const hook_names[HOOK_KINDS] = {
	[HOOK_PRESTART] = "prestart",
	[HOOK_CREATE_RUNTIME] = "createRuntime",
	[HOOK_CREATE_CONTAINER] = "createContainer",
	[HOOK_START_CONTAINER] = "startContainer",
	[HOOK_POSTSTART] = "poststart",
	[HOOK_POSTSTOP] = "poststop",
};

/*
 * ociVersion, root, hostname
 */

/* "MAJOR.MINOR.PATCH", then optionally "-prerelease" or "+build". */
static int parse_semver(const char *s, unsigned long v[3])
{
	char *end;
	int i;

	for (i = 0; i < 3; i++) {
		if (!isdigit((unsigned char)*s))
			return -1;
		v[i] = strtoul(s, &end, 10);
		s = end;
		if (i < 2 && *s++ != '.')
			return -1;
	}
	return *s && *s != '-' && *s != '+' ? -1 : 0;
}

static int parse_version(struct ctx *c, struct json_object *doc,
			 struct spec *spec)
{
	unsigned long v[3];

	if (get_string(c, doc, "", "ociVersion", REQUIRED,
		       &spec->oci_version) < 0)
		return -1;
	if (parse_semver(spec->oci_version, v))
		return fail(c, "", "ociVersion",
			    "'%s' is not a version (MAJOR.MINOR.PATCH)",
			    spec->oci_version);
	/*
	 * A newer version is read as ours: engines write the version of the
	 * spec they were built with, and later 1.x versions only add fields.
	 */
	if (v[0] < 1)
		return fail(c, "", "ociVersion", "%s is older than %s",
			    spec->oci_version, SPEC_VERSION_MIN);
	return 0;
}

static int parse_root(struct ctx *c, struct json_object *doc,
		      struct spec *spec)
{
	struct json_object *root;
	const char *path;
	struct stat st;

	if (member(c, doc, "", "root", json_type_object, REQUIRED, &root) < 0 ||
	    get_cstr(c, root, "root", "path", REQUIRED, &path) < 0 ||
	    get_bool(c, root, "root", "readonly", &spec->root_readonly) < 0)
		return -1;
	if (!*path)
		return fail(c, "root", "path", "empty");
	spec->root_path = path_join(c->bundle, path);
	if (!spec->root_path)
		return fail_nomem(c, "root", "path");
	if (stat(spec->root_path, &st))
		return fail(c, "root", "path", "%s: %s", spec->root_path,
			    strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return fail(c, "root", "path", "%s: %s", spec->root_path,
			    strerror(ENOTDIR));
	return 0;
}

static int parse_names(struct ctx *c, struct json_object *doc,
		       struct spec *spec)
{
	if (get_string(c, doc, "", "hostname", OPTIONAL, &spec->hostname) < 0 ||
	    get_string(c, doc, "", "domainname", OPTIONAL,
		       &spec->domainname) < 0)
		return -1;
	return 0;
}

/*
 * hooks
 */

static int parse_hook(struct ctx *c, struct json_object *obj,
		      const char *path, void *elem, void *arg)
{
	struct spec_hook *hook = elem;
	int64_t timeout = 0;

	(void)arg;
	if (get_string(c, obj, path, "path", REQUIRED, &hook->path) < 0 ||
	    get_strings(c, obj, path, "args", OPTIONAL, &hook->args) < 0 ||
	    get_strings(c, obj, path, "env", OPTIONAL, &hook->env) < 0 ||
	    get_int(c, obj, path, "timeout", OPTIONAL, 1, INT_MAX,
		    &timeout) < 0)
		return -1;
	if (hook->path[0] != '/')
		return fail(c, path, "path", "'%s' is not an absolute path",
			    hook->path);
	hook->timeout = (int)timeout;
	return 0;
}

static int parse_hooks(struct ctx *c, struct json_object *doc,
		       struct spec *spec)
{
	char apath[JPATH_MAX];
	struct json_object *hooks, *arr;
	int kind, ret;

	ret = member(c, doc, "", "hooks", json_type_object, OPTIONAL, &hooks);
	if (ret <= 0)
		return ret;
	for (kind = 0; kind < HOOK_KINDS; kind++) {
		ret = member(c, hooks, "hooks", hook_names[kind],
			     json_type_array, OPTIONAL, &arr);
		if (ret < 0)
			return -1;
		if (!ret)
			continue;
		spec->hooks[kind] = alloc_array(c, arr, "hooks",
						hook_names[kind],
						sizeof(struct spec_hook),
						&spec->nr_hooks[kind]);
		if (!spec->hooks[kind] ||
		    each_object(c, arr, jkey(apath, "hooks", hook_names[kind]),
				spec->hooks[kind], sizeof(struct spec_hook),
				parse_hook, NULL))
			return -1;
	}
	return 0;
}

/*
 * annotations, and the ksentry.* ones
 */

static int set_policy(struct ctx *c, const char *path, const char *value,
		      struct spec_ksentry *k)
{
	if (!*value)
		return fail(c, path, NULL, "empty: name a profile file");
	/* Relative to the bundle, like root.path. */
	k->policy_file = path_join(c->bundle, value);
	return k->policy_file ? 0 : fail_nomem(c, path, NULL);
}

static int set_emulate(struct ctx *c, const char *path, const char *value,
		       struct spec_ksentry *k)
{
	k->emulate = strdup(value);
	return k->emulate ? 0 : fail_nomem(c, path, NULL);
}

static int set_trace(struct ctx *c, const char *path, const char *value,
		     struct spec_ksentry *k)
{
	if (strcmp(value, "none") && strcmp(value, "deny") &&
	    strcmp(value, "all"))
		return fail(c, path, NULL,
			    "unknown trace mode '%s' (none, deny or all)",
			    value);
	free(k->trace);
	k->trace = strdup(value);
	return k->trace ? 0 : fail_nomem(c, path, NULL);
}

static int set_sandbox(struct ctx *c, const char *path, const char *value,
		       struct spec_ksentry *k)
{
	if (strcmp(value, "none") && strcmp(value, "ksentry"))
		return fail(c, path, NULL,
			    "unknown sandbox '%s' (ksentry or none)", value);
	k->unsandboxed = !strcmp(value, "none");
	return 0;
}

/*
 * The annotations runsc-lite reads.  Any other "ksentry." key is refused:
 * a misspelt "ksentry.sandbx": "none" or "ksentry.polcy" must not go
 * unnoticed and leave the container under a policy it was not meant for.
 */
static const struct {
	const char *key;
	int (*set)(struct ctx *c, const char *path, const char *value,
		   struct spec_ksentry *k);
} ksentry_keys[] = {
	{ "ksentry.policy", set_policy },
	{ "ksentry.emulate", set_emulate },
	{ "ksentry.trace", set_trace },
	{ "ksentry.sandbox", set_sandbox },
};

static int ksentry_annotation(struct ctx *c, const char *path,
			      const char *key, const char *value,
			      struct spec_ksentry *k)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ksentry_keys); i++)
		if (!strcmp(ksentry_keys[i].key, key))
			return ksentry_keys[i].set(c, path, value, k);
	return fail(c, path, NULL, "unknown ksentry annotation");
}

/* Keep annotation @key for the state, and read it if it is ours. */
static int add_annotation(struct ctx *c, const char *path, const char *key,
			  const char *value, void *arg)
{
	struct spec *spec = arg;
	size_t i;

	/* Both arrays were zeroed: the first NULL is the next free slot. */
	for (i = 0; spec->annotation_keys[i]; i++)
		;
	spec->annotation_keys[i] = strdup(key);
	spec->annotation_values[i] = strdup(value);
	if (!spec->annotation_keys[i] || !spec->annotation_values[i])
		return fail_nomem(c, path, NULL);
	if (strncmp(key, "ksentry.", 8))
		return 0;
	return ksentry_annotation(c, path, key, value, &spec->ksentry);
}

static int parse_annotations(struct ctx *c, struct json_object *doc,
			     struct spec *spec)
{
	struct json_object *obj;
	size_t n;
	int ret;

	ret = member(c, doc, "", "annotations", json_type_object, OPTIONAL,
		     &obj);
	if (ret < 0)
		return -1;
	n = ret ? json_object_object_length(obj) : 0;
	spec->annotation_keys = calloc(n + 1, sizeof(char *));
	spec->annotation_values = calloc(n + 1, sizeof(char *));
	spec->ksentry.trace = strdup("deny");
	if (!spec->annotation_keys || !spec->annotation_values ||
	    !spec->ksentry.trace)
		return fail_nomem(c, "", "annotations");
	return ret ? each_string(c, obj, "annotations", add_annotation, spec) :
		     0;
}

/*
 * Checks across sections
 */

static bool id_mapped(const struct spec_idmap *maps, size_t nr, uint32_t id)
{
	size_t i;

	for (i = 0; i < nr; i++)
		if (id >= maps[i].container_id &&
		    id - maps[i].container_id < maps[i].size)
			return true;
	return false;
}

/*
 * In a new user namespace every id the process runs as must be mapped:
 * setuid() to an unmapped one fails only once the container is half made.
 */
static int check_ids(struct ctx *c, const struct spec *spec)
{
	const struct spec_namespace *userns;
	const struct spec_user *u = &spec->process.user;
	char path[JPATH_MAX];
	size_t i;

	userns = spec_namespace(spec, CLONE_NEWUSER);
	if (!userns && (spec->nr_uid_mappings || spec->nr_gid_mappings))
		return fail(c, "linux", spec->nr_uid_mappings ? "uidMappings" :
			    "gidMappings", "needs a user namespace");
	/* Joining a namespace: its mappings are already set, and unknown. */
	if (!userns || userns->path)
		return 0;
	if (!spec->nr_uid_mappings || !spec->nr_gid_mappings)
		return fail(c, "linux", spec->nr_uid_mappings ? "gidMappings" :
			    "uidMappings",
			    "missing: a new user namespace needs one");
	if (!id_mapped(spec->uid_mappings, spec->nr_uid_mappings, u->uid))
		return fail(c, "process.user", "uid",
			    "%u has no mapping in linux.uidMappings", u->uid);
	if (!id_mapped(spec->gid_mappings, spec->nr_gid_mappings, u->gid))
		return fail(c, "process.user", "gid",
			    "%u has no mapping in linux.gidMappings", u->gid);
	for (i = 0; i < u->nr_gids; i++)
		if (!id_mapped(spec->gid_mappings, spec->nr_gid_mappings,
			       u->gids[i]))
			return fail(c, jidx(path, "process.user.additionalGids",
					    i), NULL,
				    "%u has no mapping in linux.gidMappings",
				    u->gids[i]);
	return 0;
}

/* sethostname() would change the host's name, or that of another. */
static int check_uts(struct ctx *c, const struct spec *spec)
{
	if (spec_namespace(spec, CLONE_NEWUTS))
		return 0;
	if (spec->hostname)
		return fail(c, "", "hostname", "needs a UTS namespace");
	if (spec->domainname)
		return fail(c, "", "domainname", "needs a UTS namespace");
	return 0;
}

static int parse_spec(struct ctx *c, struct json_object *doc,
		      struct spec *spec)
{
	struct json_object *proc;

	if (parse_version(c, doc, spec) || parse_root(c, doc, spec) ||
	    member(c, doc, "", "process", json_type_object, REQUIRED,
		   &proc) < 0 ||
	    parse_process(c, proc, "process", &spec->process) ||
	    parse_names(c, doc, spec) || parse_mounts(c, doc, spec) ||
	    parse_linux(c, doc, spec) || parse_hooks(c, doc, spec) ||
	    parse_annotations(c, doc, spec) || check_ids(c, spec) ||
	    check_uts(c, spec))
		return -1;
	return 0;
}

/*
 * Entry points
 */

/**
 * spec_load - Read and validate BUNDLE/config.json
 * @bundle: The bundle directory; a relative one is taken from the working
 *          directory.
 * @err: Receives the reason on failure.
 * @errlen: Size of @err.
 *
 * Errors: the file cannot be read ("config.json: <strerror>"), is not
 * JSON ("config.json: malformed JSON at line L, column C: <why>"), or a
 * field is missing, of the wrong type or refused ("<json path>: <why>").
 *
 * Return: The spec, or NULL with @err set.
 */
struct spec *spec_load(const char *bundle, char *err, size_t errlen)
{
	struct ctx c = { .err = err, .errlen = errlen };
	char *dir, *file = NULL;
	struct spec *spec;
	bool ok = false;

	if (errlen)
		err[0] = '\0';
	dir = absolute(bundle);
	spec = calloc(1, sizeof(*spec));
	if (dir)
		file = path_join(dir, "config.json");
	if (!spec || !file) {
		fail(&c, "bundle", NULL, "%s", strerror(errno));
	} else {
		c.bundle = dir;
		spec->doc = read_json(&c, file, "config.json");
		ok = spec->doc && !parse_spec(&c, spec->doc, spec);
	}
	if (!ok) {
		spec_free(spec);
		spec = NULL;
	}
	free(file);
	free(dir);
	return spec;
}

/**
 * spec_load_process - Read an exec's process.json
 * @path: The file; errors name fields by their path in it ("user.uid").
 * @proc: Filled on success; free with spec_process_free().
 * @err: Receives the reason on failure.
 * @errlen: Size of @err.
 *
 * Return: 0, or -1 with @err set and @proc emptied.
 */
int spec_load_process(const char *path, struct spec_process *proc, char *err,
		      size_t errlen)
{
	struct ctx c = { .err = err, .errlen = errlen };
	struct json_object *doc;
	int ret = -1;

	if (errlen)
		err[0] = '\0';
	memset(proc, 0, sizeof(*proc));
	doc = read_json(&c, path, path);
	if (doc)
		ret = parse_process(&c, doc, "", proc);
	if (ret)
		spec_process_free(proc);
	json_object_put(doc);
	return ret;
}

static void free_strv(char **v)
{
	size_t i;

	for (i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}

void spec_process_free(struct spec_process *proc)
{
	if (!proc)
		return;
	free_strv(proc->args);
	free_strv(proc->env);
	free(proc->cwd);
	free(proc->user.gids);
	free(proc->rlimits);
	free(proc->apparmor_profile);
	free(proc->selinux_label);
	memset(proc, 0, sizeof(*proc));
}

static void free_mounts(struct spec *spec)
{
	size_t i;

	for (i = 0; i < spec->nr_mounts; i++) {
		free(spec->mounts[i].destination);
		free(spec->mounts[i].type);
		free(spec->mounts[i].source);
		free_strv(spec->mounts[i].options);
		free(spec->mounts[i].data);
	}
	free(spec->mounts);
}

static void free_linux(struct spec *spec)
{
	size_t i;

	for (i = 0; i < spec->nr_namespaces; i++)
		free(spec->namespaces[i].path);
	free(spec->namespaces);
	free(spec->uid_mappings);
	free(spec->gid_mappings);
	for (i = 0; i < spec->nr_devices; i++)
		free(spec->devices[i].path);
	free(spec->devices);
	for (i = 0; i < spec->nr_sysctls; i++) {
		free(spec->sysctls[i].key);
		free(spec->sysctls[i].value);
	}
	free(spec->sysctls);
	free_strv(spec->masked_paths);
	free_strv(spec->readonly_paths);
	free(spec->cgroups_path);
	free(spec->rootfs_propagation);
	free(spec->resources.cpu_cpus);
	free(spec->resources.cpu_mems);
}

static void free_hooks(struct spec *spec)
{
	struct spec_hook *hook;
	int kind;
	size_t i;

	for (kind = 0; kind < HOOK_KINDS; kind++) {
		for (i = 0; i < spec->nr_hooks[kind]; i++) {
			hook = &spec->hooks[kind][i];
			free(hook->path);
			free_strv(hook->args);
			free_strv(hook->env);
		}
		free(spec->hooks[kind]);
	}
}

void spec_free(struct spec *spec)
{
	if (!spec)
		return;
	free(spec->oci_version);
	free(spec->root_path);
	free(spec->hostname);
	free(spec->domainname);
	spec_process_free(&spec->process);
	free_mounts(spec);
	free_linux(spec);
	free_hooks(spec);
	free(spec->ksentry.policy_file);
	free(spec->ksentry.emulate);
	free(spec->ksentry.trace);
	free_strv(spec->annotation_keys);
	free_strv(spec->annotation_values);
	/* Last: @seccomp points into it. */
	json_object_put(spec->doc);
	free(spec);
}

/*
 * spec_namespace - The entry of linux.namespaces of @type (CLONE_NEW*)
 *
 * Return: The entry, whose path is NULL for a new namespace and names the
 * namespace to join otherwise; or NULL when @spec lists no such type.
 */
const struct spec_namespace *spec_namespace(const struct spec *spec, int type)
{
	size_t i;

	for (i = 0; i < spec->nr_namespaces; i++)
		if (spec->namespaces[i].type == type)
			return &spec->namespaces[i];
	return NULL;
}
