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
 */

#define _GNU_SOURCE
#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <limits.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "caps.h"
#include "log.h"		/* __printf */
#include "runtime.h"
#include "spec.h"

/* The runtime-spec versions read, and the one written. */
#define SPEC_VERSION_MIN "1.0.0"
#define SPEC_VERSION "1.2.0"

/* Larger than any real config.json: Docker's seccomp profile is 20 KiB. */
#define SPEC_MAX_SIZE (16 << 20)
/* Room for a JSON path in error messages; longer ones are cut short. */
#define JPATH_MAX 256

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* The parse's state: where errors go, and what relative paths start at. */
struct ctx {
	char *err;
	size_t errlen;
	const char *bundle;	/* absolute; NULL for an exec's process.json */
};

enum need {
	OPTIONAL,
	REQUIRED,
};

struct name_value {
	const char *name;
	unsigned long value;
};

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

static const struct name_value namespace_types[] = {
	{ "pid", CLONE_NEWPID },
	{ "network", CLONE_NEWNET },
	{ "mount", CLONE_NEWNS },
	{ "ipc", CLONE_NEWIPC },
	{ "uts", CLONE_NEWUTS },
	{ "user", CLONE_NEWUSER },
	{ "cgroup", CLONE_NEWCGROUP },
};

/* Mount propagation, for mount options and linux.rootfsPropagation. */
static const struct name_value propagations[] = {
	{ "private", MS_PRIVATE },
	{ "rprivate", MS_PRIVATE | MS_REC },
	{ "shared", MS_SHARED },
	{ "rshared", MS_SHARED | MS_REC },
	{ "slave", MS_SLAVE },
	{ "rslave", MS_SLAVE | MS_REC },
	{ "unbindable", MS_UNBINDABLE },
	{ "runbindable", MS_UNBINDABLE | MS_REC },
};

/*
 * The mount options that are MS_* flags, as mount(8) and runc read them:
 * an option either sets its flag or, with @clear, clears it ("rw" clears
 * MS_RDONLY).  A later option overrides an earlier one.
 */
struct mount_flag {
	const char *name;
	unsigned long flag;
	bool clear;
};

static const struct mount_flag mount_flags[] = {
	{ "defaults", 0, false },
	{ "ro", MS_RDONLY, false },
	{ "rw", MS_RDONLY, true },
	{ "nosuid", MS_NOSUID, false },
	{ "suid", MS_NOSUID, true },
	{ "nodev", MS_NODEV, false },
	{ "dev", MS_NODEV, true },
	{ "noexec", MS_NOEXEC, false },
	{ "exec", MS_NOEXEC, true },
	{ "sync", MS_SYNCHRONOUS, false },
	{ "async", MS_SYNCHRONOUS, true },
	{ "dirsync", MS_DIRSYNC, false },
	{ "remount", MS_REMOUNT, false },
	{ "mand", MS_MANDLOCK, false },
	{ "nomand", MS_MANDLOCK, true },
	{ "noatime", MS_NOATIME, false },
	{ "atime", MS_NOATIME, true },
	{ "nodiratime", MS_NODIRATIME, false },
	{ "diratime", MS_NODIRATIME, true },
	{ "relatime", MS_RELATIME, false },
	{ "norelatime", MS_RELATIME, true },
	{ "strictatime", MS_STRICTATIME, false },
	{ "nostrictatime", MS_STRICTATIME, true },
	{ "acl", MS_POSIXACL, false },
	{ "noacl", MS_POSIXACL, true },
	{ "iversion", MS_I_VERSION, false },
	{ "noiversion", MS_I_VERSION, true },
	{ "lazytime", MS_LAZYTIME, false },
	{ "nolazytime", MS_LAZYTIME, true },
	{ "silent", MS_SILENT, false },
	{ "loud", MS_SILENT, true },
	{ "nosymfollow", MS_NOSYMFOLLOW, false },
	{ "symfollow", MS_NOSYMFOLLOW, true },
};

/*
 * Mount options runc understands and runsc-lite refuses, besides the
 * recursive attributes ("rro", "rnosuid": "r" and a flag's name), which
 * need mount_setattr().  Passed on as data they would be dropped without
 * a word for a bind mount (the kernel ignores a bind's data), so an "rro"
 * bind would end up writable.
 */
static const struct {
	const char *name;
	const char *why;
} refused_options[] = {
	{ "tmpcopyup", "copying a directory up into a tmpfs" },
	{ "idmap", "idmapped mounts" },
	{ "ridmap", "idmapped mounts" },
};

static const char *const hook_names[HOOK_KINDS] = {
	[HOOK_PRESTART] = "prestart",
	[HOOK_CREATE_RUNTIME] = "createRuntime",
	[HOOK_CREATE_CONTAINER] = "createContainer",
	[HOOK_START_CONTAINER] = "startContainer",
	[HOOK_POSTSTART] = "poststart",
	[HOOK_POSTSTOP] = "poststop",
};

static const char *const type_names[] = {
	[json_type_null] = "null",
	[json_type_boolean] = "a boolean",
	[json_type_double] = "a number",
	[json_type_int] = "a number",
	[json_type_object] = "an object",
	[json_type_array] = "an array",
	[json_type_string] = "a string",
};

/*
 * Errors and JSON paths
 */

/* Set the error "@path.@key: <message>"; either may be empty. */
static __printf(4, 5) int fail(struct ctx *c, const char *path,
			       const char *key, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!c->errlen)
		return -1;
	n = snprintf(c->err, c->errlen, "%s%s%s: ", path,
		     *path && key ? "." : "", key ? key : "");
	if (n >= 0 && (size_t)n < c->errlen) {
		va_start(ap, fmt);
		vsnprintf(c->err + n, c->errlen - n, fmt, ap);
		va_end(ap);
	}
	return -1;
}

static int fail_nomem(struct ctx *c, const char *path, const char *key)
{
	return fail(c, path, key, "%s", strerror(ENOMEM));
}

/* A path cut short ends in "...", so that no message passes it as whole. */
static const char *jpath_end(char *buf, int n)
{
	if (n >= JPATH_MAX)
		memcpy(buf + JPATH_MAX - 4, "...", 4);
	return buf;
}

/* The path of member @key of the object at @path. */
static const char *jkey(char *buf, const char *path, const char *key)
{
	return jpath_end(buf, snprintf(buf, JPATH_MAX, "%s%s%s", path,
				       *path ? "." : "", key));
}

/* The path of element @i of the array at @path. */
static const char *jidx(char *buf, const char *path, size_t i)
{
	return jpath_end(buf, snprintf(buf, JPATH_MAX, "%s[%zu]", path, i));
}

static bool lookup(const struct name_value *table, size_t n,
		   const char *name, unsigned long *value)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (!strcmp(table[i].name, name)) {
			*value = table[i].value;
			return true;
		}
	}
	return false;
}

static int index_of(const char *const *names, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (names[i] && !strcmp(names[i], name))
			return (int)i;
	return -1;
}

/*
 * Typed access to members.  The get_*() helpers return 1 when the member
 * is there, 0 when it is absent (they then leave *out alone) and -1 with
 * the error set.  A member that is null counts as absent: Go's
 * encoding/json, which runc and the engines use, reads null that way.
 */

/* Check that @v, found at @path.@key, is of JSON type @type. */
static int want(struct ctx *c, struct json_object *v, const char *path,
		const char *key, enum json_type type)
{
	if (json_object_is_type(v, type))
		return 0;
	/* 1.5 or 1e3 where an integer belongs: say so, not "not a number". */
	if (type == json_type_int && json_object_is_type(v, json_type_double))
		return fail(c, path, key, "not an integer");
	return fail(c, path, key, "not %s", type_names[type]);
}

static int member(struct ctx *c, struct json_object *obj, const char *path,
		  const char *key, enum json_type type, enum need need,
		  struct json_object **out)
{
	struct json_object *v = NULL;

	json_object_object_get_ex(obj, key, &v);
	*out = v;
	if (!v)
		return need == REQUIRED ? fail(c, path, key, "missing") : 0;
	return want(c, v, path, key, type) ? -1 : 1;
}

/* The string of @v, which is a JSON string; borrowed from the document. */
static int cstr(struct ctx *c, struct json_object *v, const char *path,
		const char *key, const char **out)
{
	const char *s = json_object_get_string(v);

	*out = s;
	/* An embedded NUL would cut the string short where C reads it. */
	if (strlen(s) != (size_t)json_object_get_string_len(v))
		return fail(c, path, key, "contains a NUL byte");
	return 1;
}

static int get_cstr(struct ctx *c, struct json_object *obj, const char *path,
		    const char *key, enum need need, const char **out)
{
	struct json_object *v;
	int ret;

	ret = member(c, obj, path, key, json_type_string, need, &v);
	if (ret <= 0)
		return ret;
	return cstr(c, v, path, key, out);
}

static int dup_string(struct ctx *c, struct json_object *v, const char *path,
		      const char *key, char **out)
{
	const char *s;

	if (cstr(c, v, path, key, &s) < 0)
		return -1;
	*out = strdup(s);
	return *out ? 1 : fail_nomem(c, path, key);
}

static int get_string(struct ctx *c, struct json_object *obj,
		      const char *path, const char *key, enum need need,
		      char **out)
{
	struct json_object *v;
	int ret;

	ret = member(c, obj, path, key, json_type_string, need, &v);
	if (ret <= 0)
		return ret;
	return dup_string(c, v, path, key, out);
}

static int get_bool(struct ctx *c, struct json_object *obj, const char *path,
		    const char *key, bool *out)
{
	struct json_object *v;
	int ret;

	ret = member(c, obj, path, key, json_type_boolean, OPTIONAL, &v);
	if (ret > 0)
		*out = json_object_get_boolean(v);
	return ret;
}

/*
 * json-c keeps an integer as int64_t or, above INT64_MAX, as uint64_t,
 * and each getter clamps what the other type holds: read both to get the
 * exact value.  (Integers beyond 64 bits saturate inside json-c already.)
 */
static int uint_value(struct ctx *c, struct json_object *v,
		      const char *path, const char *key, uint64_t max,
		      uint64_t *out)
{
	const int64_t s = json_object_get_int64(v);
	uint64_t u;

	if (s < 0)
		return fail(c, path, key, "%lld is out of range (0 to %llu)",
			    (long long)s, (unsigned long long)max);
	u = s == INT64_MAX ? json_object_get_uint64(v) : (uint64_t)s;
	if (u > max)
		return fail(c, path, key, "%llu is out of range (0 to %llu)",
			    (unsigned long long)u, (unsigned long long)max);
	*out = u;
	return 1;
}

static int int_value(struct ctx *c, struct json_object *v, const char *path,
		     const char *key, int64_t min, int64_t max, int64_t *out)
{
	const int64_t s = json_object_get_int64(v);
	const uint64_t u = json_object_get_uint64(v);

	if (s == INT64_MAX && u > INT64_MAX)
		return fail(c, path, key, "%llu is out of range (%lld to %lld)",
			    (unsigned long long)u, (long long)min,
			    (long long)max);
	if (s < min || s > max)
		return fail(c, path, key, "%lld is out of range (%lld to %lld)",
			    (long long)s, (long long)min, (long long)max);
	*out = s;
	return 1;
}

static int get_uint(struct ctx *c, struct json_object *obj, const char *path,
		    const char *key, enum need need, uint64_t max,
		    uint64_t *out)
{
	struct json_object *v;
	int ret;

	ret = member(c, obj, path, key, json_type_int, need, &v);
	if (ret <= 0)
		return ret;
	return uint_value(c, v, path, key, max, out);
}

static int get_int(struct ctx *c, struct json_object *obj, const char *path,
		   const char *key, enum need need, int64_t min, int64_t max,
		   int64_t *out)
{
	struct json_object *v;
	int ret;

	ret = member(c, obj, path, key, json_type_int, need, &v);
	if (ret <= 0)
		return ret;
	return int_value(c, v, path, key, min, max, out);
}

static int get_u32(struct ctx *c, struct json_object *obj, const char *path,
		   const char *key, enum need need, uint32_t *out)
{
	uint64_t v;
	int ret;

	ret = get_uint(c, obj, path, key, need, UINT32_MAX, &v);
	if (ret > 0)
		*out = (uint32_t)v;
	return ret;
}

/* A NULL-terminated copy of the array of strings @key. */
static int get_strings(struct ctx *c, struct json_object *obj,
		       const char *path, const char *key, enum need need,
		       char ***out)
{
	char apath[JPATH_MAX], epath[JPATH_MAX];
	struct json_object *arr, *v;
	size_t i, n;
	int ret;

	ret = member(c, obj, path, key, json_type_array, need, &arr);
	if (ret <= 0)
		return ret;
	n = json_object_array_length(arr);
	*out = calloc(n + 1, sizeof(**out));
	if (!*out)
		return fail_nomem(c, path, key);
	jkey(apath, path, key);
	for (i = 0; i < n; i++) {
		v = json_object_array_get_idx(arr, i);
		jidx(epath, apath, i);
		if (want(c, v, epath, NULL, json_type_string) ||
		    dup_string(c, v, epath, NULL, &(*out)[i]) < 0)
			return -1;
	}
	return 1;
}

/* Like get_strings(), for strings that must be absolute paths. */
static int get_paths(struct ctx *c, struct json_object *obj, const char *path,
		     const char *key, char ***out)
{
	char apath[JPATH_MAX], epath[JPATH_MAX];
	size_t i;
	int ret;

	ret = get_strings(c, obj, path, key, OPTIONAL, out);
	if (ret <= 0)
		return ret;
	jkey(apath, path, key);
	for (i = 0; (*out)[i]; i++)
		if ((*out)[i][0] != '/')
			return fail(c, jidx(epath, apath, i), NULL,
				    "'%s' is not an absolute path", (*out)[i]);
	return 1;
}

/*
 * Arrays of objects: each element is parsed by a callback into a zeroed
 * struct of an array the caller stores in the spec before parsing starts.
 */
typedef int (*parse_fn)(struct ctx *c, struct json_object *obj,
			const char *path, void *elem, void *arg);

static void *alloc_array(struct ctx *c, struct json_object *arr,
			 const char *path, const char *key, size_t size,
			 size_t *nr)
{
	size_t n = json_object_array_length(arr);
	void *base;

	/* One more, so that an empty array is not mistaken for ENOMEM. */
	base = calloc(n + 1, size);
	if (!base) {
		fail_nomem(c, path, key);
		return NULL;
	}
	*nr = n;
	return base;
}

static int each_object(struct ctx *c, struct json_object *arr,
		       const char *path, void *base, size_t size, parse_fn fn,
		       void *arg)
{
	char epath[JPATH_MAX];
	struct json_object *v;
	size_t i, n = json_object_array_length(arr);

	for (i = 0; i < n; i++) {
		v = json_object_array_get_idx(arr, i);
		jidx(epath, path, i);
		if (want(c, v, epath, NULL, json_type_object) ||
		    fn(c, v, epath, (char *)base + i * size, arg))
			return -1;
	}
	return 0;
}

/*
 * Paths
 */

/*
 * @rel made absolute against @base, without "." components or repeated
 * slashes.  ".." is kept: resolving it without the filesystem would be
 * wrong where a component is a symbolic link.
 */
static char *path_join(const char *base, const char *rel)
{
	const char *parts[2] = { rel[0] == '/' ? "" : base, rel };
	const char *s, *end;
	char *out, *o;
	size_t i, len;

	out = malloc(strlen(base) + strlen(rel) + 3);
	if (!out)
		return NULL;
	o = out;
	for (i = 0; i < ARRAY_SIZE(parts); i++) {
		for (s = parts[i]; *s; s = end) {
			while (*s == '/')
				s++;
			end = strchrnul(s, '/');
			len = end - s;
			if (!len || (len == 1 && *s == '.'))
				continue;
			*o++ = '/';
			memcpy(o, s, len);
			o += len;
		}
	}
	if (o == out)
		*o++ = '/';
	*o = '\0';
	return out;
}

/* @path, made absolute against the working directory. */
static char *absolute(const char *path)
{
	char cwd[PATH_MAX];

	if (path[0] == '/')
		return path_join("/", path);
	if (!getcwd(cwd, sizeof(cwd)))
		return NULL;
	return path_join(cwd, path);
}

/*
 * Reading the document
 */

/* The whole of @file, NUL-terminated; errors name it @name. */
static char *read_all(struct ctx *c, const char *file, const char *name,
		      size_t *len)
{
	size_t size = 64 << 10, n = 0;
	char *buf, *bigger;
	ssize_t got = 0;
	int fd;

	fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fail(c, name, NULL, "%s", strerror(errno));
		return NULL;
	}
	buf = malloc(size);
	while (buf) {
		got = read(fd, buf + n, size - n - 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		n += got;
		if (n + 1 < size)
			continue;
		/* Full: grow, or give up on a file no config.json comes near. */
		errno = EFBIG;
		bigger = size < SPEC_MAX_SIZE ? realloc(buf, size * 2) : NULL;
		if (!bigger)
			break;
		buf = bigger;
		size *= 2;
	}
	if (!buf || got) {
		fail(c, name, NULL, "%s", strerror(errno));
		free(buf);
		buf = NULL;
	} else {
		buf[n] = '\0';
		*len = n;
	}
	close(fd);
	return buf;
}

/* Where offset @off of @buf is, as a line and a column, both from 1. */
static void line_column(const char *buf, size_t off, unsigned int *line,
			unsigned int *column)
{
	size_t i, start = 0;

	*line = 1;
	for (i = 0; i < off; i++) {
		if (buf[i] == '\n') {
			++*line;
			start = i + 1;
		}
	}
	*column = off - start + 1;
}

/*
 * Parse @buf strictly (no trailing commas, no single quotes, valid UTF-8,
 * nothing after the document) and report where it goes wrong.
 */
static struct json_object *parse_json(struct ctx *c, const char *name,
				      const char *buf, size_t len)
{
	enum json_tokener_error jerr;
	struct json_tokener *tok;
	struct json_object *doc;
	unsigned int line, column;
	const char *why;
	size_t end;

	tok = json_tokener_new();
	if (!tok) {
		fail_nomem(c, name, NULL);
		return NULL;
	}
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT |
			       JSON_TOKENER_VALIDATE_UTF8);
	doc = json_tokener_parse_ex(tok, buf, (int)len);
	jerr = json_tokener_get_error(tok);
	end = json_tokener_get_parse_end(tok);
	json_tokener_free(tok);
	if (jerr == json_tokener_success && end == len) {
		if (json_object_is_type(doc, json_type_object))
			return doc;
		json_object_put(doc);
		fail(c, name, NULL, "not a JSON object");
		return NULL;
	}
	json_object_put(doc);
	/* "continue": the tokener wants more, the file ended too soon. */
	why = jerr == json_tokener_continue ? "unexpected end of data" :
	      jerr == json_tokener_success ? "data after the document" :
					     json_tokener_error_desc(jerr);
	line_column(buf, jerr == json_tokener_continue ? len : end, &line,
		    &column);
	fail(c, name, NULL, "malformed JSON at line %u, column %u: %s", line,
	     column, why);
	return NULL;
}

static struct json_object *read_json(struct ctx *c, const char *file,
				     const char *name)
{
	struct json_object *doc;
	size_t len;
	char *buf;

	buf = read_all(c, file, name, &len);
	if (!buf)
		return NULL;
	doc = parse_json(c, name, buf, len);
	free(buf);
	return doc;
}

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
static int parse_process(struct ctx *c, struct json_object *obj,
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
 * mounts
 */

static const struct mount_flag *find_mount_flag(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(mount_flags); i++)
		if (!strcmp(mount_flags[i].name, name))
			return &mount_flags[i];
	return NULL;
}

static const char *refused_option(const char *name)
{
	size_t i;

	if (name[0] == 'r' && find_mount_flag(name + 1))
		return "recursive mount attributes";
	for (i = 0; i < ARRAY_SIZE(refused_options); i++)
		if (!strcmp(refused_options[i].name, name))
			return refused_options[i].why;
	return NULL;
}

/*
 * Apply option @opt, at @path, to @m.  @flags also gets MS_BIND (and
 * MS_REC for "rbind"), as runc's do; @m->data has room for every option.
 */
static int mount_option(struct ctx *c, const char *path, struct spec_mount *m,
			const char *opt)
{
	const struct mount_flag *f = find_mount_flag(opt);
	const char *why = refused_option(opt);
	unsigned long prop;

	if (f) {
		m->flags = f->clear ? m->flags & ~f->flag : m->flags | f->flag;
		m->clear = f->clear ? m->clear | f->flag : m->clear & ~f->flag;
	} else if (!strcmp(opt, "bind") || !strcmp(opt, "rbind")) {
		m->bind = true;
		m->recursive |= opt[0] == 'r';
		m->flags |= MS_BIND | (m->recursive ? MS_REC : 0);
	} else if (lookup(propagations, ARRAY_SIZE(propagations), opt,
			  &prop)) {
		/* One mount(2) call sets one propagation type. */
		if (m->propagation && m->propagation != prop)
			return fail(c, path, NULL,
				    "'%s' conflicts with an earlier propagation option",
				    opt);
		m->propagation = prop;
	} else if (why) {
		return fail(c, path, NULL, "'%s' is not supported (%s)", opt,
			    why);
	} else {
		if (*m->data)
			strcat(m->data, ",");
		strcat(m->data, opt);
	}
	return 0;
}

static int mount_options(struct ctx *c, const char *path, struct spec_mount *m)
{
	char apath[JPATH_MAX], epath[JPATH_MAX];
	size_t i, len = 1;

	if (!m->options)
		return 0;
	for (i = 0; m->options[i]; i++)
		len += strlen(m->options[i]) + 1;
	m->data = calloc(1, len);
	if (!m->data)
		return fail_nomem(c, path, "options");
	jkey(apath, path, "options");
	for (i = 0; m->options[i]; i++)
		if (mount_option(c, jidx(epath, apath, i), m, m->options[i]))
			return -1;
	/* No data at all is NULL, which every filesystem takes. */
	if (!*m->data) {
		free(m->data);
		m->data = NULL;
	}
	return 0;
}

/* Idmapped mounts (runtime-spec 1.2) need mount_setattr(): refuse them. */
static int refuse_idmapped(struct ctx *c, struct json_object *obj,
			   const char *path)
{
	static const char *const keys[] = { "uidMappings", "gidMappings" };
	struct json_object *arr;
	size_t i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(keys); i++) {
		ret = member(c, obj, path, keys[i], json_type_array, OPTIONAL,
			     &arr);
		if (ret < 0)
			return -1;
		if (ret > 0 && json_object_array_length(arr))
			return fail(c, path, keys[i],
				    "not supported (idmapped mounts)");
	}
	return 0;
}

static int parse_mount(struct ctx *c, struct json_object *obj,
		       const char *path, void *elem, void *arg)
{
	struct spec_mount *m = elem;

	(void)arg;
	if (get_string(c, obj, path, "destination", REQUIRED,
		       &m->destination) < 0 ||
	    get_string(c, obj, path, "type", OPTIONAL, &m->type) < 0 ||
	    get_string(c, obj, path, "source", OPTIONAL, &m->source) < 0 ||
	    get_strings(c, obj, path, "options", OPTIONAL, &m->options) < 0 ||
	    refuse_idmapped(c, obj, path))
		return -1;
	if (m->destination[0] != '/')
		return fail(c, path, "destination",
			    "'%s' is not an absolute path", m->destination);
	if (m->type && !strcmp(m->type, "bind")) {
		m->bind = true;
		m->flags |= MS_BIND;
	}
	return mount_options(c, path, m);
}

static int parse_mounts(struct ctx *c, struct json_object *doc,
			struct spec *spec)
{
	struct json_object *arr;
	int ret;

	ret = member(c, doc, "", "mounts", json_type_array, OPTIONAL, &arr);
	if (ret <= 0)
		return ret;
	spec->mounts = alloc_array(c, arr, "", "mounts", sizeof(*spec->mounts),
				   &spec->nr_mounts);
	if (!spec->mounts)
		return -1;
	return each_object(c, arr, "mounts", spec->mounts,
			   sizeof(*spec->mounts), parse_mount, NULL);
}

/*
 * linux: namespaces and id mappings
 */

static int parse_namespace(struct ctx *c, struct json_object *obj,
			   const char *path, void *elem, void *arg)
{
	const struct spec *spec = arg;
	struct spec_namespace *ns = elem;
	const struct spec_namespace *prev;
	unsigned long type;
	const char *name;

	if (get_cstr(c, obj, path, "type", REQUIRED, &name) < 0)
		return -1;
	/*
	 * A new time namespace applies to the children of the task that
	 * makes it, and the container's init is the task that would; it is
	 * refused rather than silently not made.
	 */
	if (!strcmp(name, "time"))
		return fail(c, path, "type",
			    "time namespaces are not supported by runsc-lite");
	if (!lookup(namespace_types, ARRAY_SIZE(namespace_types), name, &type))
		return fail(c, path, "type", "unknown namespace type '%s'",
			    name);
	for (prev = spec->namespaces; prev < ns; prev++)
		if (prev->type == (int)type)
			return fail(c, path, "type",
				    "duplicate namespace type '%s'", name);
	ns->type = (int)type;
	if (get_string(c, obj, path, "path", OPTIONAL, &ns->path) < 0)
		return -1;
	if (ns->path && ns->path[0] != '/')
		return fail(c, path, "path", "'%s' is not an absolute path",
			    ns->path);
	return 0;
}

static int parse_namespaces(struct ctx *c, struct json_object *lnx,
			    struct spec *spec)
{
	struct json_object *arr;
	int ret;

	ret = member(c, lnx, "linux", "namespaces", json_type_array, OPTIONAL,
		     &arr);
	if (ret <= 0)
		return ret;
	spec->namespaces = alloc_array(c, arr, "linux", "namespaces",
				       sizeof(*spec->namespaces),
				       &spec->nr_namespaces);
	if (!spec->namespaces)
		return -1;
	return each_object(c, arr, "linux.namespaces", spec->namespaces,
			   sizeof(*spec->namespaces), parse_namespace, spec);
}

static int parse_idmap(struct ctx *c, struct json_object *obj,
		       const char *path, void *elem, void *arg)
{
	struct spec_idmap *map = elem;

	(void)arg;
	if (get_u32(c, obj, path, "containerID", REQUIRED,
		    &map->container_id) < 0 ||
	    get_u32(c, obj, path, "hostID", REQUIRED, &map->host_id) < 0 ||
	    get_u32(c, obj, path, "size", REQUIRED, &map->size) < 0)
		return -1;
	if (!map->size)
		return fail(c, path, "size", "0: a mapping maps at least one id");
	/* The kernel refuses a range that wraps around; say which one. */
	if ((uint64_t)map->container_id + map->size - 1 > UINT32_MAX ||
	    (uint64_t)map->host_id + map->size - 1 > UINT32_MAX)
		return fail(c, path, "size", "%u runs past the last id",
			    map->size);
	return 0;
}

static int parse_idmaps(struct ctx *c, struct json_object *lnx,
			const char *key, struct spec_idmap **maps, size_t *nr)
{
	char apath[JPATH_MAX];
	struct json_object *arr;
	int ret;

	ret = member(c, lnx, "linux", key, json_type_array, OPTIONAL, &arr);
	if (ret <= 0)
		return ret;
	*maps = alloc_array(c, arr, "linux", key, sizeof(**maps), nr);
	if (!*maps)
		return -1;
	return each_object(c, arr, jkey(apath, "linux", key), *maps,
			   sizeof(**maps), parse_idmap, NULL);
}

/*
 * linux: devices, sysctl, paths
 */

static int parse_device_numbers(struct ctx *c, struct json_object *obj,
				const char *path, struct spec_device *dev)
{
	/* A FIFO has no device numbers; the others must have both. */
	const enum need need = dev->type == 'p' ? OPTIONAL : REQUIRED;
	int64_t major = 0, minor = 0;

	if (get_int(c, obj, path, "major", need, 0, UINT32_MAX, &major) < 0 ||
	    get_int(c, obj, path, "minor", need, 0, UINT32_MAX, &minor) < 0)
		return -1;
	dev->major = (unsigned int)major;
	dev->minor = (unsigned int)minor;
	return 0;
}

static int parse_device(struct ctx *c, struct json_object *obj,
			const char *path, void *elem, void *arg)
{
	struct spec_device *dev = elem;
	uint32_t mode = 0666, uid = 0, gid = 0;
	const char *type;

	(void)arg;
	if (get_string(c, obj, path, "path", REQUIRED, &dev->path) < 0 ||
	    get_cstr(c, obj, path, "type", REQUIRED, &type) < 0)
		return -1;
	if (dev->path[0] != '/')
		return fail(c, path, "path", "'%s' is not an absolute path",
			    dev->path);
	if (strlen(type) != 1 || !strchr("cbup", type[0]))
		return fail(c, path, "type",
			    "unknown device type '%s' (c, b, u or p)", type);
	dev->type = type[0];
	if (parse_device_numbers(c, obj, path, dev) ||
	    get_u32(c, obj, path, "fileMode", OPTIONAL, &mode) < 0 ||
	    get_u32(c, obj, path, "uid", OPTIONAL, &uid) < 0 ||
	    get_u32(c, obj, path, "gid", OPTIONAL, &gid) < 0)
		return -1;
	/* Some engines add the S_IFCHR bits; the type already says so. */
	if (mode & ~(S_IFMT | 07777))
		return fail(c, path, "fileMode", "%#o is not a file mode",
			    mode);
	dev->mode = mode & 07777;
	dev->uid = uid;
	dev->gid = gid;
	return 0;
}

static int parse_devices(struct ctx *c, struct json_object *lnx,
			 struct spec *spec)
{
	struct json_object *arr;
	int ret;

	ret = member(c, lnx, "linux", "devices", json_type_array, OPTIONAL,
		     &arr);
	if (ret <= 0)
		return ret;
	spec->devices = alloc_array(c, arr, "linux", "devices",
				    sizeof(*spec->devices), &spec->nr_devices);
	if (!spec->devices)
		return -1;
	return each_object(c, arr, "linux.devices", spec->devices,
			   sizeof(*spec->devices), parse_device, NULL);
}

/*
 * Objects of strings (linux.sysctl, annotations): @fn gets each member's
 * key and value, and its path.
 */
typedef int (*member_fn)(struct ctx *c, const char *path, const char *key,
			 const char *value, void *arg);

static int each_string(struct ctx *c, struct json_object *obj,
		       const char *path, member_fn fn, void *arg)
{
	struct json_object_iterator it, end;
	struct json_object *v;
	char kpath[JPATH_MAX];
	const char *key, *value;

	it = json_object_iter_begin(obj);
	end = json_object_iter_end(obj);
	for (; !json_object_iter_equal(&it, &end); json_object_iter_next(&it)) {
		key = json_object_iter_peek_name(&it);
		v = json_object_iter_peek_value(&it);
		jkey(kpath, path, key);
		if (want(c, v, kpath, NULL, json_type_string) ||
		    cstr(c, v, kpath, NULL, &value) < 0 ||
		    fn(c, kpath, key, value, arg))
			return -1;
	}
	return 0;
}

static int add_sysctl(struct ctx *c, const char *path, const char *key,
		      const char *value, void *arg)
{
	struct spec *spec = arg;
	struct spec_sysctl *sysctl = &spec->sysctls[spec->nr_sysctls++];

	sysctl->key = strdup(key);
	sysctl->value = strdup(value);
	return sysctl->key && sysctl->value ? 0 : fail_nomem(c, path, NULL);
}

static int parse_sysctls(struct ctx *c, struct json_object *lnx,
			 struct spec *spec)
{
	struct json_object *obj;
	int ret;

	ret = member(c, lnx, "linux", "sysctl", json_type_object, OPTIONAL,
		     &obj);
	if (ret <= 0)
		return ret;
	spec->sysctls = calloc(json_object_object_length(obj) + 1,
			       sizeof(*spec->sysctls));
	if (!spec->sysctls)
		return fail_nomem(c, "linux", "sysctl");
	return each_string(c, obj, "linux.sysctl", add_sysctl, spec);
}

static int parse_rootfs_propagation(struct ctx *c, struct json_object *lnx,
				    struct spec *spec)
{
	unsigned long prop;

	if (get_string(c, lnx, "linux", "rootfsPropagation", OPTIONAL,
		       &spec->rootfs_propagation) < 0)
		return -1;
	if (spec->rootfs_propagation &&
	    !lookup(propagations, ARRAY_SIZE(propagations),
		    spec->rootfs_propagation, &prop))
		return fail(c, "linux", "rootfsPropagation",
			    "unknown propagation '%s'",
			    spec->rootfs_propagation);
	return 0;
}

/*
 * linux.resources
 */

static int parse_memory(struct ctx *c, struct json_object *res,
			struct spec_resources *r)
{
	const char *path = "linux.resources.memory";
	struct json_object *obj;
	int ret;

	ret = member(c, res, "linux.resources", "memory", json_type_object,
		     OPTIONAL, &obj);
	if (ret <= 0)
		return ret;
	/* -1 is "unlimited" in all three. */
	ret = get_int(c, obj, path, "limit", OPTIONAL, -1, INT64_MAX,
		      &r->memory_limit);
	r->has_memory_limit = ret > 0;
	if (ret >= 0)
		ret = get_int(c, obj, path, "reservation", OPTIONAL, -1,
			      INT64_MAX, &r->memory_reservation);
	r->has_memory_reservation = ret > 0;
	if (ret >= 0)
		ret = get_int(c, obj, path, "swap", OPTIONAL, -1, INT64_MAX,
			      &r->memory_swap);
	r->has_memory_swap = ret > 0;
	if (ret < 0)
		return -1;
	/* swap is memory plus swap, so it cannot be below the limit. */
	if (r->has_memory_swap && r->memory_swap != -1 &&
	    r->has_memory_limit && r->memory_limit != -1 &&
	    r->memory_swap < r->memory_limit)
		return fail(c, path, "swap",
			    "%lld is below the memory limit %lld",
			    (long long)r->memory_swap,
			    (long long)r->memory_limit);
	return 0;
}

static int parse_cpu(struct ctx *c, struct json_object *res,
		     struct spec_resources *r)
{
	const char *path = "linux.resources.cpu";
	struct json_object *obj;
	int ret;

	ret = member(c, res, "linux.resources", "cpu", json_type_object,
		     OPTIONAL, &obj);
	if (ret <= 0)
		return ret;
	ret = get_uint(c, obj, path, "shares", OPTIONAL, UINT64_MAX,
		       &r->cpu_shares);
	r->has_cpu_shares = ret > 0;
	if (ret >= 0)
		ret = get_int(c, obj, path, "quota", OPTIONAL, -1, INT64_MAX,
			      &r->cpu_quota);
	r->has_cpu_quota = ret > 0;
	if (ret >= 0)
		ret = get_uint(c, obj, path, "period", OPTIONAL, UINT64_MAX,
			       &r->cpu_period);
	r->has_cpu_period = ret > 0;
	if (ret < 0 ||
	    get_string(c, obj, path, "cpus", OPTIONAL, &r->cpu_cpus) < 0 ||
	    get_string(c, obj, path, "mems", OPTIONAL, &r->cpu_mems) < 0)
		return -1;
	return 0;
}

static int parse_pids(struct ctx *c, struct json_object *res,
		      struct spec_resources *r)
{
	struct json_object *obj;
	int ret;

	ret = member(c, res, "linux.resources", "pids", json_type_object,
		     OPTIONAL, &obj);
	if (ret <= 0)
		return ret;
	ret = get_int(c, obj, "linux.resources.pids", "limit", OPTIONAL, -1,
		      INT64_MAX, &r->pids_limit);
	r->has_pids_limit = ret > 0;
	return ret < 0 ? -1 : 0;
}

/*
 * The linux.resources members that are read but not applied; their JSON
 * type is still checked.
 * - devices: cgroup v2 has no devices.allow file, the rules would need an
 *   eBPF program.  Like runc, accept the rules; what the container can
 *   open is bounded by the nodes the runtime creates (linux.devices and
 *   the default set) and by mknod needing CAP_MKNOD.
 * - blockIO, hugepageLimits, rdma: controllers runsc-lite does not set up.
 * - network: classID and priorities exist only in cgroup v1.
 * - unified: raw cgroup v2 files; only memory, cpu and pids are written.
 */
static const struct {
	const char *key;
	enum json_type type;
} ignored_resources[] = {
	{ "devices", json_type_array },
	{ "blockIO", json_type_object },
	{ "hugepageLimits", json_type_array },
	{ "rdma", json_type_object },
	{ "network", json_type_object },
	{ "unified", json_type_object },
};

static int parse_resources(struct ctx *c, struct json_object *lnx,
			   struct spec *spec)
{
	struct json_object *res, *v;
	size_t i;
	int ret;

	ret = member(c, lnx, "linux", "resources", json_type_object, OPTIONAL,
		     &res);
	if (ret <= 0)
		return ret;
	for (i = 0; i < ARRAY_SIZE(ignored_resources); i++)
		if (member(c, res, "linux.resources", ignored_resources[i].key,
			   ignored_resources[i].type, OPTIONAL, &v) < 0)
			return -1;
	if (parse_memory(c, res, &spec->resources) ||
	    parse_cpu(c, res, &spec->resources) ||
	    parse_pids(c, res, &spec->resources))
		return -1;
	return 0;
}

static int parse_linux(struct ctx *c, struct json_object *doc,
		       struct spec *spec)
{
	struct json_object *lnx;
	int ret;

	ret = member(c, doc, "", "linux", json_type_object, OPTIONAL, &lnx);
	if (ret <= 0)
		return ret;
	/* linux.seccomp stays JSON, owned by the document, for policy.c. */
	if (parse_namespaces(c, lnx, spec) ||
	    parse_idmaps(c, lnx, "uidMappings", &spec->uid_mappings,
			 &spec->nr_uid_mappings) ||
	    parse_idmaps(c, lnx, "gidMappings", &spec->gid_mappings,
			 &spec->nr_gid_mappings) ||
	    parse_devices(c, lnx, spec) || parse_sysctls(c, lnx, spec) ||
	    get_paths(c, lnx, "linux", "maskedPaths", &spec->masked_paths) < 0 ||
	    get_paths(c, lnx, "linux", "readonlyPaths",
		      &spec->readonly_paths) < 0 ||
	    get_string(c, lnx, "linux", "cgroupsPath", OPTIONAL,
		       &spec->cgroups_path) < 0 ||
	    parse_rootfs_propagation(c, lnx, spec) ||
	    parse_resources(c, lnx, spec) ||
	    member(c, lnx, "linux", "seccomp", json_type_object, OPTIONAL,
		   &spec->seccomp) < 0)
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

/*
 * Building documents: the helpers take what they are given and pass NULL
 * on once anything failed, so that a builder checks for ENOMEM only once,
 * at the end.
 */

/* @obj with @key set to @v, or NULL (both put) when either is NULL. */
static struct json_object *with(struct json_object *obj, const char *key,
				struct json_object *v)
{
	if (!obj || !v || json_object_object_add(obj, key, v)) {
		json_object_put(v);
		json_object_put(obj);
		return NULL;
	}
	return obj;
}

/* @arr with @v appended, or NULL (both put) when either is NULL. */
static struct json_object *append(struct json_object *arr,
				  struct json_object *v)
{
	if (!arr || !v || json_object_array_add(arr, v)) {
		json_object_put(v);
		json_object_put(arr);
		return NULL;
	}
	return arr;
}

static struct json_object *string(const char *s)
{
	return json_object_new_string(s);
}

/* A JSON array of the @n strings of table @names. */
static struct json_object *table_strings(const char *const *names, size_t n)
{
	struct json_object *arr = json_object_new_array();
	size_t i;

	for (i = 0; i < n && names[i]; i++)
		arr = append(arr, string(names[i]));
	return arr;
}

/* A JSON array of the NULL-terminated @names. */
static struct json_object *strings(const char *const *names)
{
	return table_strings(names, SIZE_MAX);
}

/* One element of an array: an object of one string member. */
static struct json_object *typed(const char *type)
{
	return with(json_object_new_object(), "type", string(type));
}

/*
 * The default config.json, what "runc spec" writes
 */

#define NAMES(...) ((const char *const[]){ __VA_ARGS__, NULL })

struct default_mount {
	const char *destination;
	const char *type;
	const char *source;
	const char *const *options;
};

static const struct default_mount default_mounts[] = {
	{ "/proc", "proc", "proc", NULL },
	{ "/dev", "tmpfs", "tmpfs",
	  NAMES("nosuid", "strictatime", "mode=755", "size=65536k") },
	{ "/dev/pts", "devpts", "devpts",
	  NAMES("nosuid", "noexec", "newinstance", "ptmxmode=0666",
		"mode=0620", "gid=5") },
	{ "/dev/shm", "tmpfs", "shm",
	  NAMES("nosuid", "noexec", "nodev", "mode=1777", "size=65536k") },
	{ "/dev/mqueue", "mqueue", "mqueue",
	  NAMES("nosuid", "noexec", "nodev") },
	{ "/sys", "sysfs", "sysfs", NAMES("nosuid", "noexec", "nodev", "ro") },
};

/* sysfs can only be mounted by the owner of the network namespace. */
static const struct default_mount rootless_sys = {
	"/sys", "none", "/sys",
	NAMES("rbind", "nosuid", "noexec", "nodev", "ro"),
};

static const char *const default_caps[] = {
	"CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE", NULL,
};

static const char *const default_env[] = {
	"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
	"TERM=xterm",
	NULL,
};

/* runc's, with powercap (RAPL energy counters leak what the host runs). */
static const char *const default_masked[] = {
	"/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys",
	"/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats",
	"/proc/sched_debug", "/sys/firmware", "/proc/scsi",
	"/sys/devices/virtual/powercap", NULL,
};

static const char *const default_readonly[] = {
	"/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys",
	"/proc/sysrq-trigger", NULL,
};

static struct json_object *number(int64_t n)
{
	return json_object_new_int64(n);
}

static struct json_object *default_process(void)
{
	struct json_object *proc, *caps, *user, *rlimit;

	caps = with(json_object_new_object(), "bounding",
		    strings(default_caps));
	caps = with(caps, "effective", strings(default_caps));
	caps = with(caps, "permitted", strings(default_caps));
	user = with(json_object_new_object(), "uid", number(0));
	user = with(user, "gid", number(0));
	rlimit = with(typed("RLIMIT_NOFILE"), "hard", number(1024));
	rlimit = with(rlimit, "soft", number(1024));
	proc = with(json_object_new_object(), "terminal",
		    json_object_new_boolean(1));
	proc = with(proc, "user", user);
	proc = with(proc, "args", strings(NAMES("sh")));
	proc = with(proc, "env", strings(default_env));
	proc = with(proc, "cwd", string("/"));
	proc = with(proc, "capabilities", caps);
	proc = with(proc, "rlimits", append(json_object_new_array(), rlimit));
	return with(proc, "noNewPrivileges", json_object_new_boolean(1));
}

static struct json_object *mount_doc(const struct default_mount *m,
				     bool rootless)
{
	struct json_object *obj, *opts;
	size_t i;

	obj = with(json_object_new_object(), "destination",
		   string(m->destination));
	obj = with(with(obj, "type", string(m->type)), "source",
		   string(m->source));
	if (!m->options)
		return obj;
	opts = json_object_new_array();
	/* gid 5 (tty) is not mapped in a rootless user namespace. */
	for (i = 0; m->options[i]; i++)
		if (!rootless || strcmp(m->options[i], "gid=5"))
			opts = append(opts, string(m->options[i]));
	return with(obj, "options", opts);
}

static struct json_object *default_mounts_doc(bool rootless)
{
	struct json_object *arr = json_object_new_array();
	const struct default_mount *m;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(default_mounts); i++) {
		m = &default_mounts[i];
		if (rootless && !strcmp(m->destination, "/sys"))
			m = &rootless_sys;
		arr = append(arr, mount_doc(m, rootless));
	}
	return arr;
}

/* The caller's id becomes root in the container, and only it is mapped. */
static struct json_object *rootless_map(unsigned int id)
{
	struct json_object *map;

	map = with(json_object_new_object(), "containerID", number(0));
	map = with(with(map, "hostID", number(id)), "size", number(1));
	return append(json_object_new_array(), map);
}

static struct json_object *default_linux(bool rootless)
{
	static const char *const namespaces[] = {
		"pid", "network", "ipc", "uts", "mount", "cgroup",
	};
	struct json_object *lnx = json_object_new_object(), *ns, *rule;
	size_t i;

	/* Deny every device: runc's rule, which rootless runc cannot set. */
	if (!rootless) {
		rule = with(json_object_new_object(), "allow",
			    json_object_new_boolean(0));
		rule = with(rule, "access", string("rwm"));
		lnx = with(lnx, "resources",
			   with(json_object_new_object(), "devices",
				append(json_object_new_array(), rule)));
	}
	ns = json_object_new_array();
	for (i = 0; i < ARRAY_SIZE(namespaces); i++)
		if (!rootless || strcmp(namespaces[i], "network"))
			ns = append(ns, typed(namespaces[i]));
	if (rootless) {
		ns = append(ns, typed("user"));
		lnx = with(lnx, "uidMappings", rootless_map(geteuid()));
		lnx = with(lnx, "gidMappings", rootless_map(getegid()));
	}
	lnx = with(lnx, "namespaces", ns);
	lnx = with(lnx, "maskedPaths", strings(default_masked));
	return with(lnx, "readonlyPaths", strings(default_readonly));
}

static struct json_object *default_doc(bool rootless)
{
	struct json_object *doc, *root;

	root = with(json_object_new_object(), "path", string("rootfs"));
	root = with(root, "readonly", json_object_new_boolean(1));
	doc = with(json_object_new_object(), "ociVersion",
		   string(SPEC_VERSION));
	doc = with(doc, "process", default_process());
	doc = with(with(doc, "root", root), "hostname", string("runsc-lite"));
	doc = with(doc, "mounts", default_mounts_doc(rootless));
	return with(doc, "linux", default_linux(rootless));
}

/* Write @text to @fd, all of it. */
static int write_all(int fd, const char *text, size_t len)
{
	ssize_t n;

	while (len) {
		n = write(fd, text, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		text += n;
		len -= n;
	}
	return 0;
}

/*
 * Put @tmp in place as @path unless @path exists.  RENAME_NOREPLACE does
 * it in one step; a filesystem without it gets link(), as atomic.
 */
static int rename_noreplace(const char *tmp, const char *path)
{
	if (!renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_NOREPLACE))
		return 0;
	if (errno != EINVAL && errno != ENOSYS)
		return -1;
	if (link(tmp, path))
		return -1;
	/* @path is in place; a left-over @tmp is not worth failing for. */
	unlink(tmp);
	return 0;
}

/* @text into a new file @path, whole or not at all. */
static int write_new_file(const char *path, const char *text)
{
	const mode_t mask = umask(0);
	struct stat st;
	int fd, ret, err;
	char *tmp;

	umask(mask);
	/* Early, so that the common refusal leaves no temporary file. */
	if (!lstat(path, &st)) {
		errno = EEXIST;
		return -1;
	}
	if (asprintf(&tmp, "%s.XXXXXX", path) < 0)
		return -1;
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		err = errno;
		free(tmp);
		errno = err;
		return -1;
	}
	ret = write_all(fd, text, strlen(text)) || write_all(fd, "\n", 1) ||
	      fchmod(fd, 0666 & ~mask) || fsync(fd) ? -1 : 0;
	err = errno;
	if (close(fd) && !ret) {
		ret = -1;
		err = errno;
	}
	if (!ret && rename_noreplace(tmp, path)) {
		ret = -1;
		err = errno;
	}
	if (ret)
		unlink(tmp);
	free(tmp);
	errno = err;
	return ret;
}

/**
 * spec_write_default - Write the default config.json of "runsc-lite spec"
 * @path: Where to write it.
 * @rootless: Whether to write runc's rootless variant: a user namespace
 *            mapping the caller's uid and gid to 0, and no network
 *            namespace.
 *
 * Errors: EEXIST when @path exists (it is never overwritten), ENOMEM, and
 * those of creating, writing and renaming a file next to @path.
 *
 * Return: 0, or -1 with errno set.
 */
int spec_write_default(const char *path, bool rootless)
{
	struct json_object *doc;
	const char *text;
	int ret = -1, err;

	doc = default_doc(rootless);
	/* Tabs, and no "\/" in paths: what runc's output looks like. */
	text = doc ? json_object_to_json_string_ext(doc,
				JSON_C_TO_STRING_PRETTY |
				JSON_C_TO_STRING_PRETTY_TAB |
				JSON_C_TO_STRING_NOSLASHESCAPE) : NULL;
	if (!text)
		errno = ENOMEM;
	else
		ret = write_new_file(path, text);
	err = errno;
	json_object_put(doc);
	errno = err;
	return ret;
}

/*
 * The features document
 */

/* What the policy compiler understands of linux.seccomp. */
static const char *const seccomp_actions[] = {
	"SCMP_ACT_KILL", "SCMP_ACT_KILL_PROCESS", "SCMP_ACT_KILL_THREAD",
	"SCMP_ACT_TRAP", "SCMP_ACT_ERRNO", "SCMP_ACT_LOG", "SCMP_ACT_ALLOW",
	NULL,
};

static const char *const seccomp_operators[] = {
	"SCMP_CMP_NE", "SCMP_CMP_LT", "SCMP_CMP_LE", "SCMP_CMP_EQ",
	"SCMP_CMP_GE", "SCMP_CMP_GT", "SCMP_CMP_MASKED_EQ", NULL,
};

static const char *const seccomp_archs[] = {
	"SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32", NULL,
};

/* Every mount option mount_option() understands. */
static struct json_object *mount_option_names(void)
{
	struct json_object *arr = json_object_new_array();
	size_t i;

	for (i = 0; i < ARRAY_SIZE(mount_flags); i++)
		arr = append(arr, string(mount_flags[i].name));
	for (i = 0; i < ARRAY_SIZE(propagations); i++)
		arr = append(arr, string(propagations[i].name));
	return append(append(arr, string("bind")), string("rbind"));
}

static struct json_object *namespace_names(void)
{
	struct json_object *arr = json_object_new_array();
	size_t i;

	for (i = 0; i < ARRAY_SIZE(namespace_types); i++)
		arr = append(arr, string(namespace_types[i].name));
	return arr;
}

/* An object {"enabled": @enabled}. */
static struct json_object *enabled(bool enabled)
{
	return with(json_object_new_object(), "enabled",
		    json_object_new_boolean(enabled));
}

static struct json_object *features_linux(void)
{
	struct json_object *lnx, *cgroup, *seccomp;

	cgroup = with(json_object_new_object(), "v1",
		      json_object_new_boolean(0));
	cgroup = with(cgroup, "v2", json_object_new_boolean(1));
	cgroup = with(cgroup, "systemd", json_object_new_boolean(0));
	cgroup = with(cgroup, "systemdUser", json_object_new_boolean(0));
	seccomp = with(enabled(true), "actions",
		       strings(seccomp_actions));
	seccomp = with(seccomp, "operators",
		       strings(seccomp_operators));
	seccomp = with(seccomp, "archs", strings(seccomp_archs));
	lnx = with(json_object_new_object(), "namespaces", namespace_names());
	lnx = with(lnx, "capabilities",
		   table_strings(cap_names, ARRAY_SIZE(cap_names)));
	lnx = with(with(lnx, "cgroup", cgroup), "seccomp", seccomp);
	lnx = with(lnx, "apparmor", enabled(false));
	return with(lnx, "selinux", enabled(false));
}

static struct json_object *features_doc(void)
{
	struct json_object *doc;

	doc = with(json_object_new_object(), "ociVersionMin",
		   string(SPEC_VERSION_MIN));
	doc = with(doc, "ociVersionMax", string(SPEC_VERSION));
	doc = with(doc, "hooks", table_strings(hook_names, HOOK_KINDS));
	doc = with(doc, "mountOptions", mount_option_names());
	doc = with(doc, "linux", features_linux());
	return with(doc, "annotations",
		    with(json_object_new_object(),
			 "io.github.ksentry.runsc-lite.version",
			 string(RUNSC_LITE_VERSION)));
}

/**
 * spec_print_features - Print the "features" document on stdout
 *
 * The runtime-spec's features.md format: the versions read, the hooks,
 * mount options, namespaces and capabilities spec_load() accepts, and what
 * the policy compiler understands of linux.seccomp.
 *
 * Return: 0, or -1 with errno set (ENOMEM, or that of writing stdout).
 */
int spec_print_features(void)
{
	struct json_object *doc;
	const char *text;
	int ret = -1, err;

	doc = features_doc();
	text = doc ? json_object_to_json_string_ext(doc,
				JSON_C_TO_STRING_PRETTY |
				JSON_C_TO_STRING_NOSLASHESCAPE) : NULL;
	if (!text)
		errno = ENOMEM;
	else if (puts(text) >= 0 && !fflush(stdout))
		ret = 0;
	err = errno;
	json_object_put(doc);
	errno = err;
	return ret;
}
