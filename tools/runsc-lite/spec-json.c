// SPDX-License-Identifier: GPL-2.0
/*
 * runsc-lite - config.json access: errors, JSON paths and typed members
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * What every section parser of config.json reads through: the error
 * "<json path>: <why>", the typed getters of members (a null member is an
 * absent one), arrays of objects parsed element by element into a zeroed
 * array, paths made absolute, and the strict reading of the document.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "spec-internal.h"

/* Larger than any real config.json: Docker's seccomp profile is 20 KiB. */
#define SPEC_MAX_SIZE (16 << 20)

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
__printf(4, 5) int fail(struct ctx *c, const char *path,
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

int fail_nomem(struct ctx *c, const char *path, const char *key)
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
const char *jkey(char *buf, const char *path, const char *key)
{
	return jpath_end(buf, snprintf(buf, JPATH_MAX, "%s%s%s", path,
				       *path ? "." : "", key));
}

/* The path of element @i of the array at @path. */
const char *jidx(char *buf, const char *path, size_t i)
{
	return jpath_end(buf, snprintf(buf, JPATH_MAX, "%s[%zu]", path, i));
}

bool lookup(const struct name_value *table, size_t n,
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

int index_of(const char *const *names, size_t n, const char *name)
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
int want(struct ctx *c, struct json_object *v, const char *path,
	 const char *key, enum json_type type)
{
	if (json_object_is_type(v, type))
		return 0;
	/* 1.5 or 1e3 where an integer belongs: say so, not "not a number". */
	if (type == json_type_int && json_object_is_type(v, json_type_double))
		return fail(c, path, key, "not an integer");
	return fail(c, path, key, "not %s", type_names[type]);
}

int member(struct ctx *c, struct json_object *obj, const char *path,
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
int cstr(struct ctx *c, struct json_object *v, const char *path,
	 const char *key, const char **out)
{
	const char *s = json_object_get_string(v);

	*out = s;
	/* An embedded NUL would cut the string short where C reads it. */
	if (strlen(s) != (size_t)json_object_get_string_len(v))
		return fail(c, path, key, "contains a NUL byte");
	return 1;
}

int get_cstr(struct ctx *c, struct json_object *obj, const char *path,
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

int get_string(struct ctx *c, struct json_object *obj,
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

int get_bool(struct ctx *c, struct json_object *obj, const char *path,
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
int uint_value(struct ctx *c, struct json_object *v,
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

int get_uint(struct ctx *c, struct json_object *obj, const char *path,
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

int get_int(struct ctx *c, struct json_object *obj, const char *path,
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

int get_u32(struct ctx *c, struct json_object *obj, const char *path,
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
int get_strings(struct ctx *c, struct json_object *obj,
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
int get_paths(struct ctx *c, struct json_object *obj, const char *path,
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
void *alloc_array(struct ctx *c, struct json_object *arr,
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

int each_object(struct ctx *c, struct json_object *arr,
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
char *path_join(const char *base, const char *rel)
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
char *absolute(const char *path)
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

struct json_object *read_json(struct ctx *c, const char *file,
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
 * Objects of strings (linux.sysctl, annotations): @fn gets each member's
 * key and value, and its path.
 */
int each_string(struct ctx *c, struct json_object *obj,
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
