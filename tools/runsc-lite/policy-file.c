// SPDX-License-Identifier: GPL-2.0
/*
 * runsc-lite - seccomp profile files, read and parsed strictly
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * "runsc-lite policy" and the ksentry.policy annotation name a profile
 * file: it is read whole (up to PROFILE_MAX), parsed strictly, an integer
 * json-c would clamp is refused, and an error names the file, line and
 * column.  The document then goes to policy_compile().
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "policy-internal.h"

/* Largest profile read from a file. */
#define PROFILE_MAX (16 << 20)

/* read_file - Read @path whole, NUL-terminated, into *@buf. */
static int read_file(const char *path, char **buf, size_t *len,
		     struct policy_error *err)
{
	size_t size = 0;
	char *grown;
	ssize_t n;
	int fd;

	*buf = NULL;
	*len = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return policy_fail(err, path, "%s", strerror(errno));
	do {
		if (*len + 1 >= size) {
			size = size ? 2 * size : 64 << 10;
			grown = size > PROFILE_MAX + 1 ? NULL :
							 realloc(*buf, size);
			if (!grown) {
				policy_fail(err, path, size > PROFILE_MAX + 1 ?
					       "larger than %d MiB" : "out of memory",
					    PROFILE_MAX >> 20);
				goto out_close;
			}
			*buf = grown;
		}
		n = read(fd, *buf + *len, size - *len - 1);
		if (n < 0 && errno != EINTR) {
			policy_fail(err, path, "%s", strerror(errno));
			goto out_close;
		}
		*len += n > 0 ? n : 0;
	} while (n != 0);
	(*buf)[*len] = '\0';
	close(fd);
	return 0;
out_close:
	close(fd);
	free(*buf);
	*buf = NULL;
	return -1;
}

/* where - Name @off of @buf as "@path:LINE:COLUMN" in @err->path. */
static void where(const char *path, const char *buf, const size_t off,
		  struct policy_error *err)
{
	size_t i, line = 1, col = 1;

	for (i = 0; i < off; i++, col++) {
		if (buf[i] == '\n') {
			line++;
			col = 0;
		}
	}
	if (snprintf(err->path, sizeof(err->path), "%s:%zu:%zu", path, line,
		     col) >= (int)sizeof(err->path))
		memcpy(err->path + sizeof(err->path) - 4, "...", 4);
}

/*
 * find_overflow - The offset of the first integer of the valid JSON text
 * @buf that does not fit in 64 bits unsigned, or -1.  json-c would clamp
 * it to 2^64 - 1 silently.
 */
static long find_overflow(const char *buf)
{
	static const char max[] = "18446744073709551615";
	const char *s = buf;

	while (*s) {
		const char *start = s;
		size_t n;

		if (*s == '"') {
			for (s++; *s && *s != '"'; s++)
				if (*s == '\\' && s[1])
					s++;
			s += !!*s;
			continue;
		}
		if (*s < '0' || *s > '9') {
			/* A '-' leads to a signed number, clamped negative. */
			s += *s == '-' ? strspn(s + 1, "0123456789.eE+-") + 1 :
					 1;
			continue;
		}
		n = strspn(s, "0123456789");
		s += n;
		if (*s == '.' || *s == 'e' || *s == 'E') {
			s += strspn(s, "0123456789.eE+-");
			continue;
		}
		if (n > strlen(max) ||
		    (n == strlen(max) && memcmp(start, max, n) > 0))
			return start - buf;
	}
	return -1;
}

/* parse_json - Parse the text @buf of @path, strictly. */
static struct json_object *parse_json(const char *path, const char *buf,
				      const size_t len,
				      struct policy_error *err)
{
	struct json_tokener *tok = json_tokener_new();
	enum json_tokener_error e;
	struct json_object *doc;
	long off;

	if (!tok) {
		policy_fail(err, path, "out of memory");
		return NULL;
	}
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
	/* The NUL ends a number at the very end of the file. */
	doc = json_tokener_parse_ex(tok, buf, len + 1);
	e = json_tokener_get_error(tok);
	if (!doc || e != json_tokener_success) {
		policy_fail(err, path, "%s", e == json_tokener_continue ?
			       "unexpected end of file" : json_tokener_error_desc(e));
		where(path, buf, json_tokener_get_parse_end(tok), err);
		json_object_put(doc);
		doc = NULL;
	} else if (json_tokener_get_parse_end(tok) < len) {
		policy_fail(err, path, "a NUL byte in the file");
		where(path, buf, json_tokener_get_parse_end(tok), err);
		json_object_put(doc);
		doc = NULL;
	} else {
		off = find_overflow(buf);
		if (off >= 0) {
			policy_fail(err, path,
				    "integer out of range: the largest is 2^64 - 1");
			where(path, buf, off, err);
			json_object_put(doc);
			doc = NULL;
		}
	}
	json_tokener_free(tok);
	return doc;
}

int policy_compile_file(const char *path, const uint64_t caps,
			struct policy *out, struct policy_error *err)
{
	struct json_object *doc;
	size_t len;
	char *buf;
	int ret;

	memset(out, 0, sizeof(*out));
	memset(err, 0, sizeof(*err));
	if (read_file(path, &buf, &len, err))
		return -1;
	doc = parse_json(path, buf, len, err);
	free(buf);
	if (!doc)
		return -1;
	ret = policy_compile(doc, caps, out, err);
	json_object_put(doc);
	return ret;
}
