// SPDX-License-Identifier: GPL-2.0
/*
 * runsc-lite - config.json's process section
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * process: args, env, cwd, user, console size, rlimits, capabilities and
 * the flags beside them.  An exec's process.json is the same object, read
 * by the same parse_process().
 */

#define _GNU_SOURCE
#include <assert.h>
#include <json-c/json.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "caps.h"
#include "spec-internal.h"

static const char *const rlimit_names[] = {
	[RLIMIT_CPU] = "RLIMIT_CPU",
	[RLIMIT_FSIZE] = "RLIMIT_FSIZE",
	[RLIMIT_DATA] = "RLIMIT_DATA",
	[RLIMIT_STACK] = "RLIMIT_STACK",
	[RLIMIT_CORE] = "RLIMIT_CORE",
	[RLIMIT_RSS] = "RLIMIT_RSS",
	[RLIMIT_NPROC] = "RLIMIT_NPROC",
	[RLIMIT_NOFILE] = "RLIMIT_NOFILE",
	[RLIMIT_MEMLOCK] = "RLIMIT_MEMLOCK",
	[RLIMIT_AS] = "RLIMIT_AS",
	[RLIMIT_LOCKS] = "RLIMIT_LOCKS",
	[RLIMIT_SIGPENDING] = "RLIMIT_SIGPENDING",
	[RLIMIT_MSGQUEUE] = "RLIMIT_MSGQUEUE",
	[RLIMIT_NICE] = "RLIMIT_NICE",
	[RLIMIT_RTPRIO] = "RLIMIT_RTPRIO",
	[RLIMIT_RTTIME] = "RLIMIT_RTTIME",
};

static_assert(ARRAY_SIZE(rlimit_names) == RLIMIT_NLIMITS,
	      "rlimit_names must list every RLIMIT_* of the C library");

/*
 * process
 */

static int parse_args(struct ctx *c, struct json_object *obj,
		      const char *path, struct spec_process *p)
{
	if (get_strings(c, obj, path, "args", REQUIRED, &p->args) < 0)
		return -1;
	if (!p->args[0])
		return fail(c, path, "args", "empty: the process needs a program");
	return 0;
}

static int parse_env(struct ctx *c, struct json_object *obj,
		     const char *path, struct spec_process *p)
{
	char apath[JPATH_MAX], epath[JPATH_MAX];
	size_t i;
	int ret;

	ret = get_strings(c, obj, path, "env", OPTIONAL, &p->env);
	if (ret <= 0)
		return ret;
	jkey(apath, path, "env");
	for (i = 0; p->env[i]; i++) {
		const char *eq = strchr(p->env[i], '=');

		if (!eq || eq == p->env[i])
			return fail(c, jidx(epath, apath, i), NULL,
				    "'%s' is not KEY=VALUE", p->env[i]);
	}
	return 0;
}

static int parse_cwd(struct ctx *c, struct json_object *obj,
		     const char *path, struct spec_process *p)
{
	if (get_string(c, obj, path, "cwd", REQUIRED, &p->cwd) < 0)
		return -1;
	if (p->cwd[0] != '/')
		return fail(c, path, "cwd", "'%s' is not an absolute path",
			    p->cwd);
	return 0;
}

static int parse_gids(struct ctx *c, struct json_object *obj,
		      const char *path, struct spec_user *u)
{
	char apath[JPATH_MAX], epath[JPATH_MAX];
	struct json_object *arr, *v;
	uint64_t gid;
	size_t i, n;
	int ret;

	ret = member(c, obj, path, "additionalGids", json_type_array,
		     OPTIONAL, &arr);
	if (ret <= 0)
		return ret;
	n = json_object_array_length(arr);
	u->gids = calloc(n + 1, sizeof(*u->gids));
	if (!u->gids)
		return fail_nomem(c, path, "additionalGids");
	jkey(apath, path, "additionalGids");
	for (i = 0; i < n; i++) {
		v = json_object_array_get_idx(arr, i);
		jidx(epath, apath, i);
		if (want(c, v, epath, NULL, json_type_int) ||
		    uint_value(c, v, epath, NULL, UINT32_MAX, &gid) < 0)
			return -1;
		u->gids[u->nr_gids++] = (gid_t)gid;
	}
	return 0;
}

static int parse_user(struct ctx *c, struct json_object *proc,
		      const char *path, struct spec_user *u)
{
	char upath[JPATH_MAX];
	struct json_object *obj;
	uint32_t uid = 0, gid = 0, umask = 0;
	int ret;

	/* uid and gid are REQUIRED, but runc reads a missing one as 0. */
	ret = member(c, proc, path, "user", json_type_object, OPTIONAL, &obj);
	if (ret <= 0)
		return ret;
	jkey(upath, path, "user");
	if (get_u32(c, obj, upath, "uid", OPTIONAL, &uid) < 0 ||
	    get_u32(c, obj, upath, "gid", OPTIONAL, &gid) < 0)
		return -1;
	ret = get_u32(c, obj, upath, "umask", OPTIONAL, &umask);
	if (ret < 0)
		return -1;
	/* umask(2) drops higher bits without a word: refuse them here. */
	if (umask > 0777)
		return fail(c, upath, "umask", "%#o is not a permission mask",
			    umask);
	u->uid = uid;
	u->gid = gid;
	u->has_umask = ret > 0;
	u->umask = umask;
	return parse_gids(c, obj, upath, u);
}

static int parse_console(struct ctx *c, struct json_object *proc,
			 const char *path, struct spec_console *con)
{
	char cpath[JPATH_MAX];
	struct json_object *obj;
	uint64_t height = 0, width = 0;
	int ret;

	/* struct winsize holds each as an unsigned short. */
	ret = member(c, proc, path, "consoleSize", json_type_object, OPTIONAL,
		     &obj);
	if (ret <= 0)
		return ret;
	jkey(cpath, path, "consoleSize");
	if (get_uint(c, obj, cpath, "height", REQUIRED, USHRT_MAX, &height) < 0 ||
	    get_uint(c, obj, cpath, "width", REQUIRED, USHRT_MAX, &width) < 0)
		return -1;
	con->height = height;
	con->width = width;
	return 0;
}

static int parse_rlimit(struct ctx *c, struct json_object *obj,
			const char *path, void *elem, void *arg)
{
	const struct spec_process *p = arg;
	struct spec_rlimit *rl = elem;
	const struct spec_rlimit *prev;
	const char *type;
	int resource;

	if (get_cstr(c, obj, path, "type", REQUIRED, &type) < 0)
		return -1;
	resource = index_of(rlimit_names, ARRAY_SIZE(rlimit_names), type);
	if (resource < 0)
		return fail(c, path, "type", "unknown rlimit '%s'", type);
	/* The spec asks for an error on a second entry of a type. */
	for (prev = p->rlimits; prev < rl; prev++)
		if (prev->resource == resource)
			return fail(c, path, "type", "duplicate rlimit '%s'",
				    type);
	rl->resource = resource;
	if (get_uint(c, obj, path, "soft", REQUIRED, UINT64_MAX, &rl->soft) < 0 ||
	    get_uint(c, obj, path, "hard", REQUIRED, UINT64_MAX, &rl->hard) < 0)
		return -1;
	if (rl->soft > rl->hard)
		return fail(c, path, "soft", "%llu is above the hard limit %llu",
			    (unsigned long long)rl->soft,
			    (unsigned long long)rl->hard);
	return 0;
}

static int parse_rlimits(struct ctx *c, struct json_object *obj,
			 const char *path, struct spec_process *p)
{
	char apath[JPATH_MAX];
	struct json_object *arr;
	int ret;

	ret = member(c, obj, path, "rlimits", json_type_array, OPTIONAL, &arr);
	if (ret <= 0)
		return ret;
	p->rlimits = alloc_array(c, arr, path, "rlimits", sizeof(*p->rlimits),
				 &p->nr_rlimits);
	if (!p->rlimits)
		return -1;
	return each_object(c, arr, jkey(apath, path, "rlimits"), p->rlimits,
			   sizeof(*p->rlimits), parse_rlimit, p);
}

/* The capability set @key as a mask of CAP_* bits. */
static int parse_cap_set(struct ctx *c, struct json_object *obj,
			 const char *path, const char *key, uint64_t *mask)
{
	char apath[JPATH_MAX], epath[JPATH_MAX];
	struct json_object *arr, *v;
	const char *name;
	size_t i;
	int cap, ret;

	ret = member(c, obj, path, key, json_type_array, OPTIONAL, &arr);
	if (ret <= 0)
		return ret;
	jkey(apath, path, key);
	for (i = 0; i < json_object_array_length(arr); i++) {
		v = json_object_array_get_idx(arr, i);
		jidx(epath, apath, i);
		if (want(c, v, epath, NULL, json_type_string) ||
		    cstr(c, v, epath, NULL, &name) < 0)
			return -1;
		cap = cap_by_name(name);
		if (cap < 0)
			return fail(c, epath, NULL, "unknown capability '%s'",
				    name);
		*mask |= 1ULL << cap;
	}
	return 0;
}

static int parse_caps(struct ctx *c, struct json_object *proc,
		      const char *path, struct spec_process *p)
{
	char cpath[JPATH_MAX];
	struct json_object *obj;
	struct spec_caps *caps = &p->caps;
	int ret;

	ret = member(c, proc, path, "capabilities", json_type_object,
		     OPTIONAL, &obj);
	if (ret <= 0)
		return ret;
	p->has_caps = true;
	jkey(cpath, path, "capabilities");
	if (parse_cap_set(c, obj, cpath, "bounding", &caps->bounding) ||
	    parse_cap_set(c, obj, cpath, "effective", &caps->effective) ||
	    parse_cap_set(c, obj, cpath, "inheritable", &caps->inheritable) ||
	    parse_cap_set(c, obj, cpath, "permitted", &caps->permitted) ||
	    parse_cap_set(c, obj, cpath, "ambient", &caps->ambient))
		return -1;
	return 0;
}

static int parse_process_misc(struct ctx *c, struct json_object *obj,
			      const char *path, struct spec_process *p)
{
	int64_t adj = 0;
	int ret;

	ret = get_int(c, obj, path, "oomScoreAdj", OPTIONAL, -1000, 1000, &adj);
	if (ret < 0)
		return -1;
	p->has_oom_score_adj = ret > 0;
	p->oom_score_adj = (int)adj;
	if (get_bool(c, obj, path, "terminal", &p->terminal) < 0 ||
	    get_bool(c, obj, path, "noNewPrivileges",
		     &p->no_new_privileges) < 0 ||
	    get_string(c, obj, path, "apparmorProfile", OPTIONAL,
		       &p->apparmor_profile) < 0 ||
	    get_string(c, obj, path, "selinuxLabel", OPTIONAL,
		       &p->selinux_label) < 0)
		return -1;
	return 0;
}

/* The process object @obj at @path ("process", or "" for process.json). */
int parse_process(struct ctx *c, struct json_object *obj,
		  const char *path, struct spec_process *p)
{
	if (parse_args(c, obj, path, p) || parse_env(c, obj, path, p) ||
	    parse_cwd(c, obj, path, p) || parse_user(c, obj, path, &p->user) ||
	    parse_console(c, obj, path, &p->console) ||
	    parse_rlimits(c, obj, path, p) || parse_caps(c, obj, path, p) ||
	    parse_process_misc(c, obj, path, p))
		return -1;
	return 0;
}
