// SPDX-License-Identifier: GPL-2.0
/*
 * runsc-lite - the policy compiler: seccomp profiles to ksentry tables
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * seccomp, as runc drives it through libseccomp, and ksentry decide in
 * different shapes.  libseccomp merges every rule of a syscall into one
 * decision tree; ksentry tries a number's argument rules in order, takes
 * the first that holds, else the number's entry, else the default action.
 * The translation below keeps the decisions runc makes for the profiles
 * Docker and podman ship, and says where it departs from them.
 *
 * 1. Groups.  A member of "syscalls" applies when its includes hold and
 *    none of its excludes does, as moby's profiles/seccomp decides it:
 *
 *    - includes.caps: the container holds every listed capability (all of
 *      them, not any); excludes.caps: it holds at least one.  Docker and
 *      podman test the bounding set; here the caller's @caps.  A name that
 *      is no capability is one the container does not hold.
 *    - includes.arches, excludes.arches: Docker's architecture names; the
 *      native one, the only one ksentry's table decides, is "amd64".
 *    - includes.minKernel: the running kernel (uname's release) is at
 *      least major.minor[.patch]; excludes.minKernel: likewise.
 *
 *    A group that does not apply is still checked: a malformed profile is
 *    refused whatever the container.  Features ksentry lacks (SCMP_ACT_NOTIFY)
 *    are refused only in groups that apply.
 *
 * 2. A group whose action equals the default action, errno included, is
 *    dropped, as runc drops it (libseccomp refuses such a rule).  So it does
 *    not shadow the other groups of its names.
 *
 * 3. A group without args gives each of its numbers an entry.  It overrides
 *    every conditional group of the same number, whatever their order:
 *    libseccomp keeps the shorter of two chains, and an unconditional rule
 *    has none.  Two unconditional groups of one number with different action
 *    types: the more restrictive wins, so that the order of the profile does
 *    not matter (libseccomp keeps the first).  Of two ERRNO entries, the
 *    first errno is kept.
 *
 * 4. A group with args gives one rule per name, its args ANDed, as a
 *    libseccomp rule ANDs its conditions.  Two args on the same index are
 *    ANDed too, which is what the profile says; runc instead splits such a
 *    group into one rule per arg (ORed).  A number's rules are ordered most
 *    restrictive action first, profile order within one action type: when
 *    two rules of different actions hold at once, the more restrictive
 *    decides, as when the kernel runs several seccomp filters.  Docker's and
 *    podman's overlapping rules (personality, socket) either share one
 *    action or cannot hold together, so for them no order changes a
 *    decision.  A rule identical to an earlier one is kept once.  A group
 *    with more than KSENTRY_MAX_CONDS args, or a profile that makes more
 *    than KSENTRY_MAX_RULES rules, is refused.
 *
 * 5. Names resolve with seccomp_syscall_resolve_name_arch(SCMP_ARCH_X86_64).
 *    A name without an x86-64 number (profiles list every architecture's
 *    calls), or with a number of KSENTRY_TABLE_SIZE or more (the table
 *    cannot hold it: the default action decides it), is collected in
 *    unknown_names.  That is not an error.
 *
 * 6. Calls newer than the profile.  runc makes every number above the
 *    largest one the profile names fail with ENOSYS, when the default action
 *    denies (and is not ERRNO(ENOSYS) already), so that a libc trying a
 *    call the profile predates falls back to an older one (glibc does for
 *    clone3, fchmodat2, ...) instead of failing with EPERM.  The compiler
 *    does the same with ERRNO(ENOSYS) entries up to the end of the table.
 *
 * 7. Actions: SCMP_ACT_ALLOW, _LOG and _TRAP map one to one;
 *    SCMP_ACT_ERRNO is ERRNO(errnoRet), EPERM without one (errnoRet is 1 to
 *    4095 but not the kernel's own 512 to 530; podman's "errno" may name it
 *    instead, and both must agree);
 *    SCMP_ACT_KILL and _KILL_THREAD are KILL_THREAD; _KILL_PROCESS is
 *    KILL_PROCESS.  ksentry has no tracer hand-off and no user notification:
 *    SCMP_ACT_TRACE becomes ERRNO(ENOSYS), what seccomp answers when no
 *    tracer is attached; SCMP_ACT_NOTIFY is refused.
 *
 * 8. Architectures.  ksentry decides every ia32 call with one action, and
 *    every x32 call with another: it cannot follow a profile's per-syscall
 *    choices for them.  When the profile admits the architecture
 *    (SCMP_ARCH_X86 or SCMP_ARCH_X32 in "architectures", or among the
 *    subArchitectures of archMap's SCMP_ARCH_X86_64), its calls all get the
 *    default action if that denies, else ERRNO(ENOSYS).  That is stricter
 *    than Docker, whose profile allows ia32 calls one by one.  When the
 *    profile does not admit it, they get KILL_THREAD, as libseccomp's
 *    bad-architecture action kills them under runc.
 *
 * 9. Flags (SECCOMP_FILTER_FLAG_*): the four the runtime spec lists are
 *    accepted and have nothing to do here.  TSYNC: every thread of a
 *    sandbox is a member anyway.  LOG: ksentry has its trace event.
 *    SPEC_ALLOW: ksentry does not force the speculative store bypass
 *    mitigation seccomp would.  WAIT_KILLABLE_RECV: only notify uses it.
 *    Any other flag is refused.
 *
 * JSON values of the wrong type are errors.  Numbers are read with json-c,
 * which keeps uint64 values exact; a negative or fractional value is an
 * error, and so, from a file, is an integer beyond 2^64 - 1 (json-c would
 * clamp it).
 *
 * This file holds the translation, and what a struct policy is made and
 * freed with.  Beside it: policy-file.c reads a profile file,
 * policy-default.c builds runsc-lite's own default policy with the same
 * compiler, policy-emulate.c applies the trace mode and the emulation set
 * over a compiled policy, and policy-command.c is "runsc-lite policy".
 */

#define _GNU_SOURCE
#include <errno.h>
#include <json-c/json.h>
#include <limits.h>
#include <linux/ksentry.h>
#include <seccomp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include "caps.h"
#include "policy-internal.h"

#define PATH_LEN sizeof(((struct policy_error *)0)->path)

/* The errnos an ERRNO action can carry. */
#define ERRNO_MAX 4095
/* ERESTARTSYS to ERECALLCONFLICT, which the kernel refuses as an errno. */
#define ERRNO_KERNEL_FIRST 512
#define ERRNO_KERNEL_LAST 530

/* Argument indexes 0 to 5. */
#define ARG_MAX 5

/* Docker's name of the one architecture ksentry's table decides. */
#define NATIVE_ARCH "amd64"

/* The runtime spec's "architectures" names, and archMap's. */
#define ARCH_PREFIX "SCMP_ARCH_"
#define ARCH_X86_64 "SCMP_ARCH_X86_64"
#define ARCH_X86 "SCMP_ARCH_X86"
#define ARCH_X32 "SCMP_ARCH_X32"

static __u32 act_type(const __u32 action)
{
	return action & KSENTRY_ACT_TYPE_MASK;
}

/* Whether @action refuses the call: KILL_*, TRAP or ERRNO. */
static bool act_denies(const __u32 action)
{
	return act_type(action) <= KSENTRY_ACT_ERRNO;
}

/* Errors */

/*
 * policy_fail - Fill @err and return -1.  The top of the document has the
 * empty path, shown as "(top level)".
 */
int policy_fail(struct policy_error *err, const char *path,
		const char *fmt, ...)
{
	va_list ap;

	if (snprintf(err->path, sizeof(err->path), "%s",
		     *path ? path : "(top level)") >= (int)sizeof(err->path))
		memcpy(err->path + sizeof(err->path) - 4, "...", 4);
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return -1;
}

/* join - "@path.@key" into @buf, or "@key" at the top.  Returns @buf. */
static const char *join(char *buf, const char *path, const char *key)
{
	if (snprintf(buf, PATH_LEN, "%s%s%s", path, *path ? "." : "", key) >=
	    (int)PATH_LEN)
		memcpy(buf + PATH_LEN - 4, "...", 4);
	return buf;
}

/* nth - "@path[@i]" into @buf.  Returns @buf. */
static const char *nth(char *buf, const char *path, const size_t i)
{
	if (snprintf(buf, PATH_LEN, "%s[%zu]", path, i) >= (int)PATH_LEN)
		memcpy(buf + PATH_LEN - 4, "...", 4);
	return buf;
}

/* JSON access */

static const char *type_name(const enum json_type type)
{
	switch (type) {
	case json_type_null:
		return "null";
	case json_type_boolean:
		return "a boolean";
	case json_type_double:
		return "a fraction";
	case json_type_int:
		return "an integer";
	case json_type_object:
		return "an object";
	case json_type_array:
		return "an array";
	case json_type_string:
		return "a string";
	}
	return "unknown";
}

/*
 * member - @obj's member @key, or NULL when it is missing or null: an
 * optional member may be given as null (Docker writes "args": null).
 */
static struct json_object *member(struct json_object *obj, const char *key)
{
	struct json_object *v;

	if (!json_object_object_get_ex(obj, key, &v))
		return NULL;
	return v;
}

/* want - Check that @v, at @path, is of @type. */
static int want(struct compiler *c, struct json_object *v, const char *path,
		const enum json_type type)
{
	if (json_object_is_type(v, type))
		return 0;
	return policy_fail(c->err, path, "must be %s, not %s", type_name(type),
			   type_name(json_object_get_type(v)));
}

/* get_u64 - Read @v, at @path, as an unsigned 64-bit integer. */
static int get_u64(struct compiler *c, struct json_object *v,
		   const char *path, uint64_t *out)
{
	if (!json_object_is_type(v, json_type_int))
		return policy_fail(c->err, path, "must be an unsigned integer, not %s",
				   type_name(json_object_get_type(v)));
	if (json_object_get_int64(v) < 0)
		return policy_fail(c->err, path, "must not be negative (%lld)",
				   (long long)json_object_get_int64(v));
	*out = json_object_get_uint64(v);
	return 0;
}

/*
 * get_str - Read member @key of @obj as a string into *@out.  A missing
 * member leaves *@out NULL, and is an error when @required.
 */
static int get_str(struct compiler *c, struct json_object *obj,
		   const char *path, const char *key, const bool required,
		   const char **out)
{
	struct json_object *v = member(obj, key);
	char p[PATH_LEN];

	*out = NULL;
	if (!v) {
		if (required)
			return policy_fail(c->err, join(p, path, key), "missing");
		return 0;
	}
	if (want(c, v, join(p, path, key), json_type_string))
		return -1;
	*out = json_object_get_string(v);
	return 0;
}

/*
 * get_array - Read member @key of @obj as an array into *@out; NULL when
 * missing.
 */
static int get_array(struct compiler *c, struct json_object *obj,
		     const char *path, const char *key,
		     struct json_object **out)
{
	char p[PATH_LEN];

	*out = member(obj, key);
	if (*out && want(c, *out, join(p, path, key), json_type_array))
		return -1;
	return 0;
}

/* get_strings - Check that member @key of @obj is an array of strings. */
static int get_strings(struct compiler *c, struct json_object *obj,
		       const char *path, const char *key,
		       struct json_object **out)
{
	char p[PATH_LEN], q[PATH_LEN];
	size_t i;

	if (get_array(c, obj, path, key, out))
		return -1;
	for (i = 0; *out && i < json_object_array_length(*out); i++) {
		struct json_object *v = json_object_array_get_idx(*out, i);

		if (!v || want(c, v, nth(q, join(p, path, key), i),
			       json_type_string))
			return v ? -1 :
				   policy_fail(c->err, nth(q, join(p, path, key), i),
					       "must be a string, not null");
	}
	return 0;
}

/* str_at - The string at @i of the array of strings @list. */
static const char *str_at(struct json_object *list, const size_t i)
{
	return json_object_get_string(json_object_array_get_idx(list, i));
}

/* in_strings - Whether the array of strings @list holds @s. */
static bool in_strings(struct json_object *list, const char *s)
{
	size_t i;

	for (i = 0; list && i < json_object_array_length(list); i++)
		if (!strcmp(str_at(list, i), s))
			return true;
	return false;
}

/* Names: errnos, actions, operators (capabilities: caps.c) */

static bool has_cap(const struct compiler *c, const char *name)
{
	const int cap = cap_by_name(name);

	return cap >= 0 && (c->caps & POLICY_CAP(cap));
}

/*
 * errno_by_name - The errno called @name ("ENOSYS", or a number as text),
 * or -1.  glibc names each value once; its aliases are added here.
 */
static int errno_by_name(const char *name)
{
	static const struct {
		const char *name;
		int e;
	} aliases[] = {
		{ "EWOULDBLOCK", EWOULDBLOCK },
		{ "EDEADLOCK", EDEADLOCK },
		{ "ENOTSUP", ENOTSUP },
	};
	unsigned long n;
	char *end;
	size_t i;
	int e;

	if (*name >= '0' && *name <= '9') {
		errno = 0;
		n = strtoul(name, &end, 10);
		return *end || errno || n > INT_MAX ? -1 : (int)n;
	}
	for (e = 1; e <= ERRNO_MAX; e++) {
		const char *s = strerrorname_np(e);

		if (s && !strcmp(s, name))
			return e;
	}
	for (i = 0; i < ARRAY_SIZE(aliases); i++)
		if (!strcmp(aliases[i].name, name))
			return aliases[i].e;
	return -1;
}

/* The action SCMP_ACT_NOTIFY translates to: none, it is refused. */
#define ACT_NOTIFY 0U

static const struct {
	const char *name;
	__u32 action;
} actions[] = {
	{ "SCMP_ACT_KILL", KSENTRY_ACT_KILL_THREAD },
	{ "SCMP_ACT_KILL_THREAD", KSENTRY_ACT_KILL_THREAD },
	{ "SCMP_ACT_KILL_PROCESS", KSENTRY_ACT_KILL_PROCESS },
	{ "SCMP_ACT_TRAP", KSENTRY_ACT_TRAP },
	/* The errno is added by parse_action(). */
	{ "SCMP_ACT_ERRNO", KSENTRY_ACT_ERRNO },
	/* No tracer can be attached: seccomp's answer without one. */
	{ "SCMP_ACT_TRACE", KSENTRY_ACT_ERRNO_OF(ENOSYS) },
	{ "SCMP_ACT_LOG", KSENTRY_ACT_LOG },
	{ "SCMP_ACT_ALLOW", KSENTRY_ACT_ALLOW },
	{ "SCMP_ACT_NOTIFY", ACT_NOTIFY },
};

static const struct {
	const char *name;
	__u32 op;
} ops[] = {
	{ "SCMP_CMP_EQ", KSENTRY_CMP_EQ },
	{ "SCMP_CMP_NE", KSENTRY_CMP_NE },
	{ "SCMP_CMP_LT", KSENTRY_CMP_LT },
	{ "SCMP_CMP_LE", KSENTRY_CMP_LE },
	{ "SCMP_CMP_GT", KSENTRY_CMP_GT },
	{ "SCMP_CMP_GE", KSENTRY_CMP_GE },
	{ "SCMP_CMP_MASKED_EQ", KSENTRY_CMP_MASKED_EQ },
};

/* The flags the runtime spec lists; see rule 9 above. */
static const char *const known_flags[] = {
	"SECCOMP_FILTER_FLAG_TSYNC",
	"SECCOMP_FILTER_FLAG_LOG",
	"SECCOMP_FILTER_FLAG_SPEC_ALLOW",
	"SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV",
};

/* The running kernel */

/*
 * parse_release - Read "major.minor[.patch]" at the start of @s into @v;
 * whatever follows ("-amd64", "+deb12") is ignored.
 */
static int parse_release(const char *s, unsigned long v[3])
{
	char *end;
	int i;

	for (i = 0; i < 3; i++) {
		v[i] = 0;
		if (i == 2 && *s != '.')
			return 0;
		if (i > 0) {
			if (*s != '.')
				return -1;
			s++;
		}
		if (*s < '0' || *s > '9')
			return -1;
		errno = 0;
		v[i] = strtoul(s, &end, 10);
		if (errno)
			return -1;
		s = end;
	}
	return 0;
}

/*
 * kernel_at_least - Whether the running kernel is @min or newer, in
 * *@result.  @path is that of the minKernel value, for errors.
 */
static int kernel_at_least(struct compiler *c, const char *min,
			   const char *path, bool *result)
{
	unsigned long want_v[3];
	struct utsname u;
	int i;

	if (parse_release(min, want_v))
		return policy_fail(c->err, path, "\"%s\" is not a kernel version", min);
	if (!c->kernel_read) {
		if (uname(&u) || parse_release(u.release, c->kernel))
			return policy_fail(c->err, path,
					   "cannot read the running kernel's version");
		c->kernel_read = true;
	}
	for (i = 0; i < 3 && c->kernel[i] == want_v[i]; i++)
		;
	*result = i == 3 || c->kernel[i] > want_v[i];
	return 0;
}

/* Building the policy */

/*
 * add_unknown - Remember @name in the unknown names, once.  Return 0, or -1
 * when out of memory.
 */
static int add_unknown(struct compiler *c, const char *name)
{
	char **grown;
	size_t i;

	for (i = 0; i < c->nr_unknown; i++)
		if (!strcmp(c->unknown[i], name))
			return 0;
	if (c->nr_unknown == c->unknown_size) {
		const size_t size = c->unknown_size ? 2 * c->unknown_size : 32;

		grown = realloc(c->unknown, size * sizeof(*grown));
		if (!grown)
			return -1;
		c->unknown = grown;
		c->unknown_size = size;
	}
	c->unknown[c->nr_unknown] = strdup(name);
	if (!c->unknown[c->nr_unknown])
		return -1;
	c->nr_unknown++;
	return 0;
}

/* add_rule - Queue a copy of @tmpl for number @nr with @action. */
static int add_rule(struct compiler *c, const int nr, const __u32 action,
		    const struct ksentry_rule *tmpl)
{
	struct pending *grown;

	if (c->nr_rules == c->rules_size) {
		const size_t size = c->rules_size ? 2 * c->rules_size : 64;

		grown = realloc(c->rules, size * sizeof(*grown));
		if (!grown)
			return -1;
		c->rules = grown;
		c->rules_size = size;
	}
	c->rules[c->nr_rules].rule = *tmpl;
	c->rules[c->nr_rules].rule.nr = nr;
	c->rules[c->nr_rules].rule.action = action;
	c->rules[c->nr_rules].seq = c->nr_rules;
	c->nr_rules++;
	return 0;
}

/*
 * compiler_add_name - Give the call @name @action: unconditionally when
 * @tmpl is NULL, else when @tmpl's conditions hold.  Rules 2, 3 and 5 above.
 *
 * Return: 0, or -1 when out of memory.
 */
int compiler_add_name(struct compiler *c, const char *name, const __u32 action,
		      const struct ksentry_rule *tmpl)
{
	const int nr = seccomp_syscall_resolve_name_arch(SCMP_ARCH_X86_64, name);

	if (nr < 0 || nr >= KSENTRY_TABLE_SIZE)
		return add_unknown(c, name);
	if (nr > c->max_nr)
		c->max_nr = nr;
	if (action == c->default_action)
		return 0;
	if (tmpl)
		return add_rule(c, nr, action, tmpl);
	if (!c->entry[nr] || act_type(action) < act_type(c->entry[nr]))
		c->entry[nr] = action;
	return 0;
}

/* Profiles: actions and conditions */

/*
 * parse_errno - Read the errno of @obj: the number @num_key ("errnoRet") or
 * podman's name @name_key ("errno"), which must agree when both are given.
 * *@given says whether either is; the range is for the caller to check.
 */
static int parse_errno(struct compiler *c, struct json_object *obj,
		       const char *path, const char *num_key,
		       const char *name_key, uint64_t *e, bool *given)
{
	struct json_object *v = member(obj, num_key);
	char p[PATH_LEN];
	const char *name;
	int named;

	*e = 0;
	*given = v;
	if (v && get_u64(c, v, join(p, path, num_key), e))
		return -1;
	if (get_str(c, obj, path, name_key, false, &name))
		return -1;
	if (!name)
		return 0;
	named = errno_by_name(name);
	if (named < 0)
		return policy_fail(c->err, join(p, path, name_key),
				   "unknown errno \"%s\"", name);
	if (v && (uint64_t)named != *e)
		return policy_fail(c->err, join(p, path, name_key),
				   "%s is %d but %s is %llu", name, named, num_key,
				   (unsigned long long)*e);
	*e = named;
	*given = true;
	return 0;
}

/*
 * parse_action - Read @obj's action: the string @act_key, and for
 * SCMP_ACT_ERRNO the errno of @num_key or @name_key (EPERM when neither is
 * given).  @used says whether the action will be used; SCMP_ACT_NOTIFY is
 * refused only then.  Other actions ignore the errno (SCMP_ACT_TRACE's is
 * a message to the tracer there is not).
 */
static int parse_action(struct compiler *c, struct json_object *obj,
			const char *path, const char *act_key,
			const char *num_key, const char *name_key,
			const bool used, __u32 *out)
{
	const char *name;
	char p[PATH_LEN];
	bool given;
	uint64_t e;
	size_t i;

	if (get_str(c, obj, path, act_key, true, &name) ||
	    parse_errno(c, obj, path, num_key, name_key, &e, &given))
		return -1;
	for (i = 0; i < ARRAY_SIZE(actions); i++)
		if (!strcmp(actions[i].name, name))
			break;
	if (i == ARRAY_SIZE(actions))
		return policy_fail(c->err, join(p, path, act_key),
				   "unknown action \"%s\"", name);
	*out = actions[i].action;
	if (*out == ACT_NOTIFY && used)
		return policy_fail(c->err, join(p, path, act_key),
				   "%s is not supported: ksentry has no user-space notification",
				   name);
	if (*out != KSENTRY_ACT_ERRNO)
		return 0;
	if (!given)
		e = EPERM;
	if (e < 1 || e > ERRNO_MAX)
		return policy_fail(c->err,
				   join(p, path, member(obj, num_key) ? num_key :
									 name_key),
				   "%llu is out of range 1 to %d",
				   (unsigned long long)e, ERRNO_MAX);
	if (e >= ERRNO_KERNEL_FIRST && e <= ERRNO_KERNEL_LAST)
		return policy_fail(c->err,
				   join(p, path, member(obj, num_key) ? num_key :
									 name_key),
				   "%llu is one of the kernel's own codes (%d to %d), which user space never sees",
				   (unsigned long long)e, ERRNO_KERNEL_FIRST,
				   ERRNO_KERNEL_LAST);
	*out = KSENTRY_ACT_ERRNO_OF(e);
	return 0;
}

/* parse_cond - Read the arg @arg, at @path, into @cond. */
static int parse_cond(struct compiler *c, struct json_object *arg,
		      const char *path, struct ksentry_cond *cond)
{
	uint64_t index, value, value2 = 0;
	struct json_object *v;
	char p[PATH_LEN];
	const char *op;
	size_t i;

	if (want(c, arg, path, json_type_object))
		return -1;
	v = member(arg, "index");
	if (!v)
		return policy_fail(c->err, join(p, path, "index"), "missing");
	if (get_u64(c, v, join(p, path, "index"), &index))
		return -1;
	if (index > ARG_MAX)
		return policy_fail(c->err, p, "%llu is out of range 0 to %d",
				   (unsigned long long)index, ARG_MAX);
	v = member(arg, "value");
	if (!v)
		return policy_fail(c->err, join(p, path, "value"), "missing");
	if (get_u64(c, v, join(p, path, "value"), &value))
		return -1;
	v = member(arg, "valueTwo");
	if (v && get_u64(c, v, join(p, path, "valueTwo"), &value2))
		return -1;
	if (get_str(c, arg, path, "op", true, &op))
		return -1;
	for (i = 0; i < ARRAY_SIZE(ops); i++)
		if (!strcmp(ops[i].name, op))
			break;
	if (i == ARRAY_SIZE(ops))
		return policy_fail(c->err, join(p, path, "op"),
				   "unknown operator \"%s\"", op);

	cond->arg = index;
	cond->op = ops[i].op;
	cond->mask = ~0ULL;
	cond->value = value;
	/* libseccomp: (arg & value) == valueTwo. */
	if (cond->op == KSENTRY_CMP_MASKED_EQ) {
		cond->mask = value;
		cond->value = value2;
	}
	return 0;
}

/* parse_args - Read the args of a group into @rule's conditions. */
static int parse_args(struct compiler *c, struct json_object *args,
		      const char *path, struct ksentry_rule *rule)
{
	const size_t n = args ? json_object_array_length(args) : 0;
	char p[PATH_LEN];
	size_t i;

	if (n > KSENTRY_MAX_CONDS)
		return policy_fail(c->err, path,
				   "%zu conditions, more than the %d of a ksentry rule",
				   n, KSENTRY_MAX_CONDS);
	for (i = 0; i < n; i++)
		if (parse_cond(c, json_object_array_get_idx(args, i),
			       nth(p, path, i), &rule->conds[i]))
			return -1;
	rule->nr_conds = n;
	return 0;
}

/* Profiles: groups */

/*
 * parse_filter - Read a group's includes (@include) or excludes at @path.
 * *@hit says whether all the includes hold, or any of the excludes.
 */
static int parse_filter(struct compiler *c, struct json_object *filter,
			const char *path, const bool include, bool *hit)
{
	struct json_object *caps, *arches;
	bool caps_hit, arch_hit, kernel_hit;
	char p[PATH_LEN];
	const char *min;
	size_t i, n;

	*hit = include;
	if (!filter)
		return 0;
	if (want(c, filter, path, json_type_object) ||
	    get_strings(c, filter, path, "caps", &caps) ||
	    get_strings(c, filter, path, "arches", &arches) ||
	    get_str(c, filter, path, "minKernel", false, &min))
		return -1;

	/* Includes need every capability; one is enough to exclude. */
	n = caps ? json_object_array_length(caps) : 0;
	caps_hit = include;
	for (i = 0; i < n; i++) {
		if (has_cap(c, str_at(caps, i)) != include) {
			caps_hit = !include;
			break;
		}
	}
	arch_hit = include;
	if (arches && json_object_array_length(arches))
		arch_hit = in_strings(arches, NATIVE_ARCH);
	kernel_hit = include;
	if (min && *min &&
	    kernel_at_least(c, min, join(p, path, "minKernel"), &kernel_hit))
		return -1;

	if (include)
		*hit = caps_hit && arch_hit && kernel_hit;
	else
		*hit = (n && caps_hit) ||
		       (arches && json_object_array_length(arches) &&
			arch_hit) ||
		       (min && *min && kernel_hit);
	return 0;
}

/*
 * parse_names - The names of a group, at @path: Docker's old "name", or
 * "names".  *@single is set for the former.
 */
static int parse_names(struct compiler *c, struct json_object *group,
		       const char *path, const char **single,
		       struct json_object **names)
{
	char p[PATH_LEN], q[PATH_LEN];
	size_t i, n;

	if (get_str(c, group, path, "name", false, single) ||
	    get_strings(c, group, path, "names", names))
		return -1;
	n = *names ? json_object_array_length(*names) : 0;
	if (*single && !**single)
		*single = NULL;
	if (*single && n)
		return policy_fail(c->err, path,
				   "both name and names are given: use one");
	if (!*single && !n)
		return policy_fail(c->err, join(p, path, "names"), "missing or empty");
	for (i = 0; i < n; i++)
		if (!*str_at(*names, i))
			return policy_fail(c->err, nth(q, join(p, path, "names"), i),
					   "empty syscall name");
	return 0;
}

/* parse_group - Read the group @group, at @path, into the policy. */
static int parse_group(struct compiler *c, struct json_object *group,
		       const char *path)
{
	struct ksentry_rule rule = { 0 };
	bool included, excluded;
	struct json_object *names, *args;
	const char *single;
	char p[PATH_LEN];
	__u32 action;
	size_t i, n;

	if (want(c, group, path, json_type_object) ||
	    parse_names(c, group, path, &single, &names) ||
	    get_array(c, group, path, "args", &args) ||
	    parse_args(c, args, join(p, path, "args"), &rule) ||
	    parse_filter(c, member(group, "includes"),
			 join(p, path, "includes"), true, &included) ||
	    parse_filter(c, member(group, "excludes"),
			 join(p, path, "excludes"), false, &excluded) ||
	    parse_action(c, group, path, "action", "errnoRet", "errno",
			 included && !excluded, &action))
		return -1;
	if (!included || excluded)
		return 0;

	n = single ? 1 : json_object_array_length(names);
	for (i = 0; i < n; i++) {
		const char *name = single ? single : str_at(names, i);

		if (compiler_add_name(c, name, action, rule.nr_conds ? &rule : NULL))
			return policy_fail(c->err, path, "out of memory");
	}
	return 0;
}

/* Profiles: the top level */

/* arch_known - Whether @name is an SCMP_ARCH_* libseccomp or the spec knows. */
static bool arch_known(const char *name)
{
	/* Newer than some libseccomp releases, but in the runtime spec. */
	static const char *const newer[] = { "LOONGARCH64", "M68K", "SH", "SHEB" };
	char lower[32];
	size_t i;

	if (strncmp(name, ARCH_PREFIX, strlen(ARCH_PREFIX)))
		return false;
	name += strlen(ARCH_PREFIX);
	for (i = 0; i < ARRAY_SIZE(newer); i++)
		if (!strcmp(name, newer[i]))
			return true;
	for (i = 0; name[i] && i < sizeof(lower) - 1; i++)
		lower[i] = name[i] >= 'A' && name[i] <= 'Z' ? name[i] - 'A' + 'a' :
							      name[i];
	lower[i] = '\0';
	return !name[i] && seccomp_arch_resolve_name(lower) != 0;
}

/*
 * parse_arch_list - Check the array of architecture names @list, at
 * @path, and note whether it admits ia32 and x32.
 */
static int parse_arch_list(struct compiler *c, struct json_object *list,
			   const char *path)
{
	char p[PATH_LEN];
	size_t i;

	for (i = 0; list && i < json_object_array_length(list); i++) {
		const char *name = str_at(list, i);

		if (!arch_known(name))
			return policy_fail(c->err, nth(p, path, i),
					   "unknown architecture \"%s\"", name);
		c->ia32_listed |= !strcmp(name, ARCH_X86);
		c->x32_listed |= !strcmp(name, ARCH_X32);
	}
	return 0;
}

/*
 * parse_arches - Read "architectures" or Docker's "archMap" (not both, as
 * Docker refuses).  Of archMap, only the entry of SCMP_ARCH_X86_64 admits
 * anything for this machine.
 */
static int parse_arches(struct compiler *c, struct json_object *profile)
{
	struct json_object *list, *map, *sub;
	char p[PATH_LEN], q[PATH_LEN];
	const char *arch;
	size_t i;

	if (get_strings(c, profile, "", "architectures", &list) ||
	    get_array(c, profile, "", "archMap", &map))
		return -1;
	if (list && json_object_array_length(list) && map &&
	    json_object_array_length(map))
		return policy_fail(c->err, "archMap",
				   "both architectures and archMap are given: use one");
	if (parse_arch_list(c, list, "architectures"))
		return -1;
	for (i = 0; map && i < json_object_array_length(map); i++) {
		struct json_object *e = json_object_array_get_idx(map, i);
		const bool ia32 = c->ia32_listed, x32 = c->x32_listed;

		nth(p, "archMap", i);
		if (want(c, e, p, json_type_object) ||
		    get_str(c, e, p, "architecture", true, &arch) ||
		    get_strings(c, e, p, "subArchitectures", &sub))
			return -1;
		if (!arch_known(arch))
			return policy_fail(c->err, join(q, p, "architecture"),
					   "unknown architecture \"%s\"", arch);
		if (parse_arch_list(c, sub, join(q, p, "subArchitectures")))
			return -1;
		if (strcmp(arch, ARCH_X86_64)) {
			c->ia32_listed = ia32;
			c->x32_listed = x32;
		}
	}
	return 0;
}

/* parse_flags - Check "flags"; see rule 9 above. */
static int parse_flags(struct compiler *c, struct json_object *profile)
{
	struct json_object *flags;
	char p[PATH_LEN];
	size_t i, j;

	if (get_strings(c, profile, "", "flags", &flags))
		return -1;
	for (i = 0; flags && i < json_object_array_length(flags); i++) {
		const char *flag = str_at(flags, i);

		for (j = 0; j < ARRAY_SIZE(known_flags); j++)
			if (!strcmp(flag, known_flags[j]))
				break;
		if (j == ARRAY_SIZE(known_flags))
			return policy_fail(c->err, nth(p, "flags", i),
					   "unknown flag \"%s\"", flag);
	}
	return 0;
}

/* cmp_pending - Order rules by number, action type, then the profile. */
static int cmp_pending(const void *a, const void *b)
{
	const struct pending *x = a, *y = b;

	if (x->rule.nr != y->rule.nr)
		return x->rule.nr < y->rule.nr ? -1 : 1;
	if (act_type(x->rule.action) != act_type(y->rule.action))
		return act_type(x->rule.action) < act_type(y->rule.action) ?
			       -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/*
 * finish_rules - Move the queued rules into @out: sorted, without those of
 * numbers that have an entry (rule 3), without duplicates (rule 4).
 */
static int finish_rules(struct compiler *c, struct policy *out)
{
	size_t i, j, n = 0;

	if (c->nr_rules)
		qsort(c->rules, c->nr_rules, sizeof(*c->rules), cmp_pending);
	for (i = 0; i < c->nr_rules; i++) {
		const struct ksentry_rule *r = &c->rules[i].rule;

		if (c->entry[r->nr])
			continue;
		for (j = n; j > 0 && c->rules[j - 1].rule.nr == r->nr; j--)
			if (!memcmp(&c->rules[j - 1].rule, r, sizeof(*r)))
				break;
		if (j > 0 && c->rules[j - 1].rule.nr == r->nr)
			continue;
		/* Compacted in place: n <= i. */
		c->rules[n++].rule = *r;
	}
	if (n > KSENTRY_MAX_RULES)
		return policy_fail(c->err, "syscalls",
				   "%zu argument rules, more than the %d ksentry takes",
				   n, KSENTRY_MAX_RULES);
	if (!n)
		return 0;
	out->rules = calloc(n, sizeof(*out->rules));
	if (!out->rules)
		return policy_fail(c->err, "syscalls", "out of memory");
	for (i = 0; i < n; i++)
		out->rules[i] = c->rules[i].rule;
	out->nr_rules = n;
	return 0;
}

/*
 * compiler_finish - Fill @out from the compiler's state: the entries, the
 * ENOSYS stub (rule 6), the rules, the ia32 and x32 actions (rule 8) and the
 * unknown names.  @out is left for policy_free() on error.
 */
int compiler_finish(struct compiler *c, struct policy *out)
{
	const __u32 enosys = KSENTRY_ACT_ERRNO_OF(ENOSYS);
	const __u32 def = c->default_action;
	size_t n = 0;
	int nr;

	out->default_action = def;
	out->ia32_action = !c->ia32_listed ? KSENTRY_ACT_KILL_THREAD :
			   act_denies(def) ? def : enosys;
	out->x32_action = !c->x32_listed ? KSENTRY_ACT_KILL_THREAD :
			  act_denies(def) ? def : enosys;

	if (finish_rules(c, out))
		return -1;
	/* No rule is above max_nr, so the stub never hides one. */
	if (act_denies(def) && def != enosys && c->max_nr >= 0)
		for (nr = c->max_nr + 1; nr < KSENTRY_TABLE_SIZE; nr++)
			c->entry[nr] = enosys;
	for (nr = 0; nr < KSENTRY_TABLE_SIZE; nr++)
		n += !!c->entry[nr];
	out->entries = calloc(n ? n : 1, sizeof(*out->entries));
	if (!out->entries)
		return policy_fail(c->err, "syscalls", "out of memory");
	for (nr = 0; nr < KSENTRY_TABLE_SIZE; nr++) {
		if (!c->entry[nr])
			continue;
		out->entries[out->nr_entries].nr = nr;
		out->entries[out->nr_entries++].action = c->entry[nr];
	}

	out->unknown_names = c->unknown;
	out->nr_unknown_names = c->nr_unknown;
	c->unknown = NULL;
	c->nr_unknown = 0;
	return 0;
}

struct compiler *compiler_new(const uint64_t caps,
			      struct policy_error *err)
{
	struct compiler *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->caps = caps;
	c->err = err;
	c->max_nr = -1;
	return c;
}

void compiler_free(struct compiler *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->nr_unknown; i++)
		free(c->unknown[i]);
	free(c->unknown);
	free(c->rules);
	free(c);
}

int policy_compile(struct json_object *profile, const uint64_t caps,
		   struct policy *out, struct policy_error *err)
{
	struct json_object *groups;
	const char *unused;
	struct compiler *c;
	char p[PATH_LEN];
	size_t i;
	int ret = -1;

	memset(out, 0, sizeof(*out));
	memset(err, 0, sizeof(*err));
	c = compiler_new(caps, err);
	if (!c)
		return policy_fail(err, "", "out of memory");
	if (!json_object_is_type(profile, json_type_object)) {
		policy_fail(err, "", "must be an object, not %s",
			    type_name(json_object_get_type(profile)));
		goto out_free;
	}
	if (parse_action(c, profile, "", "defaultAction", "defaultErrnoRet",
			 "defaultErrno", true, &c->default_action) ||
	    parse_arches(c, profile) || parse_flags(c, profile) ||
	    get_str(c, profile, "", "listenerPath", false, &unused) ||
	    get_str(c, profile, "", "listenerMetadata", false, &unused) ||
	    get_array(c, profile, "", "syscalls", &groups))
		goto out_free;
	for (i = 0; groups && i < json_object_array_length(groups); i++)
		if (parse_group(c, json_object_array_get_idx(groups, i),
				nth(p, "syscalls", i)))
			goto out_free;
	ret = compiler_finish(c, out);
out_free:
	compiler_free(c);
	if (ret)
		policy_free(out);
	return ret;
}

void policy_attr(const struct policy *p, struct ksentry_policy_attr *attr)
{
	memset(attr, 0, sizeof(*attr));
	attr->size = sizeof(*attr);
	attr->default_action = p->default_action;
	attr->ia32_action = p->ia32_action;
	attr->x32_action = p->x32_action;
	attr->nr_entries = p->nr_entries;
	attr->nr_rules = p->nr_rules;
	attr->entries = (__u64)(uintptr_t)p->entries;
	attr->rules = (__u64)(uintptr_t)p->rules;
	/* The module copies the view during the ioctl. */
	if (p->has_view)
		attr->emu = (__u64)(uintptr_t)&p->view;
}

void policy_free(struct policy *p)
{
	size_t i;

	if (!p)
		return;
	for (i = 0; i < p->nr_unknown_names; i++)
		free(p->unknown_names[i]);
	free(p->unknown_names);
	free(p->entries);
	free(p->rules);
	memset(p, 0, sizeof(*p));
}
