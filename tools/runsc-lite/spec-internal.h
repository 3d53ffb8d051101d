/* SPDX-License-Identifier: GPL-2.0 */
/*
 * runsc-lite - what the parts of the config.json parser share
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * spec.c walks the document section by section: it hands process to
 * spec-process.c, and mounts and linux to spec-linux.c.  Every section
 * reads its members through the typed access of spec-json.c, which also
 * sets the error.  spec-output.c writes the default config.json and the
 * features document from the tables the parsers accept.  None of this is
 * for the rest of the runtime, which sees spec.h only.
 */

#ifndef _RUNSC_LITE_SPEC_INTERNAL_H
#define _RUNSC_LITE_SPEC_INTERNAL_H

#include <json-c/json.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "log.h"		/* __printf */
#include "spec.h"

/* The runtime-spec versions read, and the one written. */
#define SPEC_VERSION_MIN "1.0.0"
#define SPEC_VERSION "1.2.0"

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

/*
 * spec-json.c: errors, JSON paths, typed access to members, arrays, paths
 * and reading the document
 */

__printf(4, 5) int fail(struct ctx *c, const char *path,
			const char *key, const char *fmt, ...);

int fail_nomem(struct ctx *c, const char *path, const char *key);

const char *jkey(char *buf, const char *path, const char *key);

const char *jidx(char *buf, const char *path, size_t i);

bool lookup(const struct name_value *table, size_t n,
	    const char *name, unsigned long *value);

int index_of(const char *const *names, size_t n, const char *name);

int want(struct ctx *c, struct json_object *v, const char *path,
	 const char *key, enum json_type type);

int member(struct ctx *c, struct json_object *obj, const char *path,
	   const char *key, enum json_type type, enum need need,
	   struct json_object **out);

int cstr(struct ctx *c, struct json_object *v, const char *path,
	 const char *key, const char **out);

int get_cstr(struct ctx *c, struct json_object *obj, const char *path,
	     const char *key, enum need need, const char **out);

int get_string(struct ctx *c, struct json_object *obj,
	       const char *path, const char *key, enum need need,
	       char **out);

int get_bool(struct ctx *c, struct json_object *obj, const char *path,
	     const char *key, bool *out);

int uint_value(struct ctx *c, struct json_object *v,
	       const char *path, const char *key, uint64_t max,
	       uint64_t *out);

int get_int(struct ctx *c, struct json_object *obj, const char *path,
	    const char *key, enum need need, int64_t min, int64_t max,
	    int64_t *out);

int get_uint(struct ctx *c, struct json_object *obj, const char *path,
	     const char *key, enum need need, uint64_t max,
	     uint64_t *out);

int get_u32(struct ctx *c, struct json_object *obj, const char *path,
	    const char *key, enum need need, uint32_t *out);

int get_strings(struct ctx *c, struct json_object *obj,
		const char *path, const char *key, enum need need,
		char ***out);

int get_paths(struct ctx *c, struct json_object *obj, const char *path,
	      const char *key, char ***out);

void *alloc_array(struct ctx *c, struct json_object *arr,
		  const char *path, const char *key, size_t size,
		  size_t *nr);

char *path_join(const char *base, const char *rel);

char *absolute(const char *path);

struct json_object *read_json(struct ctx *c, const char *file,
			      const char *name);

/* Arrays of objects: @fn parses one zeroed element at @elem. */
typedef int (*parse_fn)(struct ctx *c, struct json_object *obj,
			const char *path, void *elem, void *arg);

int each_object(struct ctx *c, struct json_object *arr,
		const char *path, void *base, size_t size, parse_fn fn,
		void *arg);

/* Objects of strings: @fn gets each member's key, value and path. */
typedef int (*member_fn)(struct ctx *c, const char *path, const char *key,
			 const char *value, void *arg);

int each_string(struct ctx *c, struct json_object *obj,
		const char *path, member_fn fn, void *arg);

/* spec-process.c: process, and an exec's process.json */
int parse_process(struct ctx *c, struct json_object *obj,
		  const char *path, struct spec_process *p);

/* spec-linux.c: mounts and linux, and the names they accept */
extern const struct name_value namespace_types[];
extern const size_t nr_namespace_types;
extern const struct name_value propagations[];
extern const size_t nr_propagations;
extern const struct mount_flag mount_flags[];
extern const size_t nr_mount_flags;

int parse_mounts(struct ctx *c, struct json_object *doc,
		 struct spec *spec);

int parse_linux(struct ctx *c, struct json_object *doc,
		struct spec *spec);

/* spec.c */
extern const char *const hook_names[HOOK_KINDS];

#endif /* _RUNSC_LITE_SPEC_INTERNAL_H */
