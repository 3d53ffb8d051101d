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
 */

#define _GNU_SOURCE
#include <errno.h>
#include <sys/syscall.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <limits.h>
#include <linux/capability.h>
#include <linux/ksentry.h>
#include <sched.h>
#include <seccomp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/personality.h>
#include <sys/socket.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "caps.h"
#include "log.h"		/* __printf */
#include "policy.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define PATH_LEN sizeof(((struct policy_error *)0)->path)

/* The errnos an ERRNO action can carry. */
#define ERRNO_MAX 4095
/* ERESTARTSYS to ERECALLCONFLICT, which the kernel refuses as an errno. */
#define ERRNO_KERNEL_FIRST 512
#define ERRNO_KERNEL_LAST 530

/* Argument indexes 0 to 5. */
#define ARG_MAX 5

/* Largest profile read from a file. */
#define PROFILE_MAX (16 << 20)

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

/*
 * A rule on its way into the policy, with its place in the profile: rules
 * are sorted by action type, and profile order breaks ties.
 */
struct pending {
	struct ksentry_rule rule;
	size_t seq;
};

/*
 * The state of one compilation.  @entry holds each number's unconditional
 * action, 0 (no action) for none.  @max_nr is the largest number a group
 * that applies names, -1 for none, for the ENOSYS stub (rule 6 above).
 */
struct compiler {
	uint64_t caps;
	struct policy_error *err;
	__u32 default_action;
	bool ia32_listed;
	bool x32_listed;
	bool kernel_read;
	unsigned long kernel[3];
	int max_nr;
	__u32 entry[KSENTRY_TABLE_SIZE];
	struct pending *rules;
	size_t nr_rules;
	size_t rules_size;
	char **unknown;
	size_t nr_unknown;
	size_t unknown_size;
};

/* Errors */

static __printf(3, 4) int fail(struct policy_error *err, const char *path,
				const char *fmt, ...);

/*
 * fail - Fill @err and return -1.  The top of the document has the empty
 * path, shown as "(top level)".
 */
static int fail(struct policy_error *err, const char *path, const char *fmt,
		...)
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
	return fail(c->err, path, "must be %s, not %s", type_name(type),
		    type_name(json_object_get_type(v)));
}

/* get_u64 - Read @v, at @path, as an unsigned 64-bit integer. */
static int get_u64(struct compiler *c, struct json_object *v,
		   const char *path, uint64_t *out)
{
	if (!json_object_is_type(v, json_type_int))
		return fail(c->err, path, "must be an unsigned integer, not %s",
			    type_name(json_object_get_type(v)));
	if (json_object_get_int64(v) < 0)
		return fail(c->err, path, "must not be negative (%lld)",
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
			return fail(c->err, join(p, path, key), "missing");
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
				   fail(c->err, nth(q, join(p, path, key), i),
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

const char *policy_action_name(const __u32 action, char *buf,
			       const size_t size)
{
	static const char *const types[] = {
		[KSENTRY_ACT_KILL_PROCESS >> 16] = "KILL_PROCESS",
		[KSENTRY_ACT_KILL_THREAD >> 16] = "KILL_THREAD",
		[KSENTRY_ACT_TRAP >> 16] = "TRAP",
		[KSENTRY_ACT_ERRNO >> 16] = "ERRNO",
		[KSENTRY_ACT_EMULATE >> 16] = "EMULATE",
		[KSENTRY_ACT_LOG >> 16] = "LOG",
		[KSENTRY_ACT_ALLOW >> 16] = "ALLOW",
	};
	const __u32 type = action >> 16, data = action & KSENTRY_ACT_DATA_MASK;

	if (type >= ARRAY_SIZE(types) || !types[type])
		snprintf(buf, size, "UNKNOWN(0x%08x)", action);
	else if (data || type == KSENTRY_ACT_ERRNO >> 16 ||
		 type == KSENTRY_ACT_EMULATE >> 16)
		snprintf(buf, size, "%s(%u)", types[type], data);
	else
		snprintf(buf, size, "%s", types[type]);
	return buf;
}

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
		return fail(c->err, path, "\"%s\" is not a kernel version", min);
	if (!c->kernel_read) {
		if (uname(&u) || parse_release(u.release, c->kernel))
			return fail(c->err, path,
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
 * add_name - Give the call @name @action: unconditionally when @tmpl is
 * NULL, else when @tmpl's conditions hold.  Rules 2, 3 and 5 above.
 *
 * Return: 0, or -1 when out of memory.
 */
static int add_name(struct compiler *c, const char *name, const __u32 action,
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
		return fail(c->err, join(p, path, name_key),
			    "unknown errno \"%s\"", name);
	if (v && (uint64_t)named != *e)
		return fail(c->err, join(p, path, name_key),
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
		return fail(c->err, join(p, path, act_key),
			    "unknown action \"%s\"", name);
	*out = actions[i].action;
	if (*out == ACT_NOTIFY && used)
		return fail(c->err, join(p, path, act_key),
			    "%s is not supported: ksentry has no user-space notification",
			    name);
	if (*out != KSENTRY_ACT_ERRNO)
		return 0;
	if (!given)
		e = EPERM;
	if (e < 1 || e > ERRNO_MAX)
		return fail(c->err,
			    join(p, path, member(obj, num_key) ? num_key :
								  name_key),
			    "%llu is out of range 1 to %d",
			    (unsigned long long)e, ERRNO_MAX);
	if (e >= ERRNO_KERNEL_FIRST && e <= ERRNO_KERNEL_LAST)
		return fail(c->err,
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
		return fail(c->err, join(p, path, "index"), "missing");
	if (get_u64(c, v, join(p, path, "index"), &index))
		return -1;
	if (index > ARG_MAX)
		return fail(c->err, p, "%llu is out of range 0 to %d",
			    (unsigned long long)index, ARG_MAX);
	v = member(arg, "value");
	if (!v)
		return fail(c->err, join(p, path, "value"), "missing");
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
		return fail(c->err, join(p, path, "op"),
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
		return fail(c->err, path,
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
		return fail(c->err, path,
			    "both name and names are given: use one");
	if (!*single && !n)
		return fail(c->err, join(p, path, "names"), "missing or empty");
	for (i = 0; i < n; i++)
		if (!*str_at(*names, i))
			return fail(c->err, nth(q, join(p, path, "names"), i),
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

		if (add_name(c, name, action, rule.nr_conds ? &rule : NULL))
			return fail(c->err, path, "out of memory");
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
			return fail(c->err, nth(p, path, i),
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
		return fail(c->err, "archMap",
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
			return fail(c->err, join(q, p, "architecture"),
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
			return fail(c->err, nth(p, "flags", i),
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
		return fail(c->err, "syscalls",
			    "%zu argument rules, more than the %d ksentry takes",
			    n, KSENTRY_MAX_RULES);
	if (!n)
		return 0;
	out->rules = calloc(n, sizeof(*out->rules));
	if (!out->rules)
		return fail(c->err, "syscalls", "out of memory");
	for (i = 0; i < n; i++)
		out->rules[i] = c->rules[i].rule;
	out->nr_rules = n;
	return 0;
}

/*
 * finish - Fill @out from the compiler's state: the entries, the ENOSYS
 * stub (rule 6), the rules, the ia32 and x32 actions (rule 8) and the
 * unknown names.  @out is left for policy_free() on error.
 */
static int finish(struct compiler *c, struct policy *out)
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
		return fail(c->err, "syscalls", "out of memory");
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

static struct compiler *compiler_new(const uint64_t caps,
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

static void compiler_free(struct compiler *c)
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
		return fail(err, "", "out of memory");
	if (!json_object_is_type(profile, json_type_object)) {
		fail(err, "", "must be an object, not %s",
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
	ret = finish(c, out);
out_free:
	compiler_free(c);
	if (ret)
		policy_free(out);
	return ret;
}

/* Files */

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
		return fail(err, path, "%s", strerror(errno));
	do {
		if (*len + 1 >= size) {
			size = size ? 2 * size : 64 << 10;
			grown = size > PROFILE_MAX + 1 ? NULL :
							 realloc(*buf, size);
			if (!grown) {
				fail(err, path, size > PROFILE_MAX + 1 ?
					"larger than %d MiB" : "out of memory",
				     PROFILE_MAX >> 20);
				goto out_close;
			}
			*buf = grown;
		}
		n = read(fd, *buf + *len, size - *len - 1);
		if (n < 0 && errno != EINTR) {
			fail(err, path, "%s", strerror(errno));
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
		fail(err, path, "out of memory");
		return NULL;
	}
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
	/* The NUL ends a number at the very end of the file. */
	doc = json_tokener_parse_ex(tok, buf, len + 1);
	e = json_tokener_get_error(tok);
	if (!doc || e != json_tokener_success) {
		fail(err, path, "%s", e == json_tokener_continue ?
			"unexpected end of file" : json_tokener_error_desc(e));
		where(path, buf, json_tokener_get_parse_end(tok), err);
		json_object_put(doc);
		doc = NULL;
	} else if (json_tokener_get_parse_end(tok) < len) {
		fail(err, path, "a NUL byte in the file");
		where(path, buf, json_tokener_get_parse_end(tok), err);
		json_object_put(doc);
		doc = NULL;
	} else {
		off = find_overflow(buf);
		if (off >= 0) {
			fail(err, path,
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

/* The default policy */

/*
 * runsc-lite's own allowlist: the x86-64 calls an ordinary container makes,
 * with the decisions of Docker's default profile where that has one, and
 * stricter where noted.  What is not listed fails with EPERM, and calls
 * newer than the list with ENOSYS (rule 6).  Removed from what Docker
 * allows: io_uring_setup, io_uring_enter and io_uring_register (ksentry
 * cannot decide the operations behind them), vmsplice (podman denies it
 * too), socket(AF_VSOCK) (as newer Docker releases), and the obsolete
 * epoll_ctl_old and epoll_wait_old.
 */
static const char *const allow_always[] = {
	/* Reading and writing descriptors. */
	"read", "write", "readv", "writev", "pread64", "pwrite64", "preadv",
	"pwritev", "preadv2", "pwritev2", "lseek", "sendfile", "splice", "tee",
	"copy_file_range",
	/* Making and closing descriptors. */
	"open", "openat", "openat2", "creat", "close", "close_range", "dup",
	"dup2", "dup3", "pipe", "pipe2", "memfd_create", "memfd_secret",
	/* Controlling descriptors and what they reach. */
	"fcntl", "ioctl", "flock", "fsync", "fdatasync", "sync", "syncfs",
	"sync_file_range", "fallocate", "fadvise64", "readahead", "truncate",
	"ftruncate",
	/* Reading the file tree. */
	"stat", "fstat", "lstat", "newfstatat", "statx", "statfs", "fstatfs",
	"access", "faccessat", "faccessat2", "readlink", "readlinkat",
	"getdents", "getdents64", "getcwd", "chdir", "fchdir", "umask",
	/* Changing the file tree. */
	"mkdir", "mkdirat", "rmdir", "rename", "renameat", "renameat2", "link",
	"linkat", "symlink", "symlinkat", "unlink", "unlinkat", "mknod",
	"mknodat", "chmod", "fchmod", "fchmodat", "chown",
	"fchown", "lchown", "fchownat", "utime", "utimes", "utimensat",
	"futimesat",
	/* Extended attributes. */
	"getxattr", "lgetxattr", "fgetxattr", "setxattr", "lsetxattr",
	"fsetxattr", "listxattr", "llistxattr", "flistxattr", "removexattr",
	"lremovexattr", "fremovexattr",
	/* Watching files. */
	"inotify_init", "inotify_init1", "inotify_add_watch",
	"inotify_rm_watch", "fanotify_mark",
	/* Waiting on descriptors, and descriptors made for waiting. */
	"select", "pselect6", "poll", "ppoll", "epoll_create", "epoll_create1",
	"epoll_ctl", "epoll_wait", "epoll_pwait", "epoll_pwait2", "eventfd",
	"eventfd2", "signalfd", "signalfd4", "timerfd_create",
	"timerfd_settime", "timerfd_gettime",
	/* POSIX asynchronous I/O (not io_uring). */
	"io_setup", "io_destroy", "io_submit", "io_cancel", "io_getevents",
	"io_pgetevents",
	/* Memory. */
	"brk", "mmap", "munmap", "mremap", "mprotect", "madvise", "mincore",
	"msync", "mlock", "mlock2", "munlock", "mlockall", "munlockall",
	"remap_file_pages", "membarrier",
	/* Processes and threads. */
	"fork", "vfork", "execve", "execveat", "exit", "exit_group", "wait4",
	"waitid", "set_tid_address", "set_robust_list", "get_robust_list",
	"rseq", "futex", "futex_waitv", "arch_prctl", "prctl", "seccomp",
	"restart_syscall",
	"get_thread_area", "set_thread_area", "modify_ldt", "capget", "capset",
	"landlock_create_ruleset", "landlock_add_rule",
	"landlock_restrict_self",
	/* Process identity, groups and sessions. */
	"getpid", "getppid", "gettid", "getpgid", "setpgid", "getpgrp",
	"getsid", "setsid", "getuid", "geteuid", "getgid", "getegid",
	"getresuid", "getresgid", "getgroups", "setuid", "setgid", "setreuid",
	"setregid", "setresuid", "setresgid", "setgroups", "setfsuid",
	"setfsgid",
	/* Signals. */
	"kill", "tkill", "tgkill", "rt_sigaction", "rt_sigprocmask",
	"rt_sigreturn", "rt_sigpending", "rt_sigtimedwait", "rt_sigqueueinfo",
	"rt_tgsigqueueinfo", "rt_sigsuspend", "sigaltstack", "pause", "alarm",
	"pidfd_open", "pidfd_send_signal", "process_mrelease",
	/* Scheduling, limits and accounting. */
	"sched_yield", "sched_getaffinity", "sched_setaffinity",
	"sched_getparam", "sched_setparam", "sched_getscheduler",
	"sched_setscheduler", "sched_get_priority_max",
	"sched_get_priority_min", "sched_rr_get_interval", "sched_getattr",
	"sched_setattr", "getpriority", "setpriority", "ioprio_get",
	"ioprio_set", "getrusage", "getrlimit", "setrlimit", "prlimit64",
	"times", "sysinfo", "uname", "getcpu", "getrandom",
	/* Time: reading it, sleeping, timers.  Setting it needs CAP_SYS_TIME. */
	"nanosleep", "clock_nanosleep", "clock_gettime", "clock_getres",
	"gettimeofday", "time", "getitimer", "setitimer", "timer_create",
	"timer_settime", "timer_gettime", "timer_getoverrun", "timer_delete",
	"adjtimex", "clock_adjtime",
	/* Sockets; socket itself has a rule. */
	"socketpair", "bind", "connect", "listen", "accept", "accept4",
	"getsockname", "getpeername", "sendto", "recvfrom", "sendmsg",
	"recvmsg", "sendmmsg", "recvmmsg", "shutdown", "setsockopt",
	"getsockopt",
	/* System V and POSIX IPC, confined by the IPC namespace. */
	"msgget", "msgsnd", "msgrcv", "msgctl", "semget", "semop",
	"semtimedop", "semctl", "shmget", "shmat", "shmdt", "shmctl",
	"mq_open", "mq_unlink", "mq_timedsend", "mq_timedreceive",
	"mq_notify", "mq_getsetattr",
	/*
	 * Docker allows ptrace from Linux 4.8, where seccomp re-checks a call
	 * a tracer rewrote.  ksentry needs 6.1, and refuses members the
	 * syscall-entry stops that could rewrite a call.
	 */
	"ptrace",
};

/* The calls a capability opens, as in Docker's profile; NULL-terminated. */
static const char *const sys_admin[] = {
	"bpf", "clone", "clone3", "fanotify_init", "fsconfig", "fsmount",
	"fsopen", "fspick", "lookup_dcookie", "mount", "mount_setattr",
	"move_mount", "name_to_handle_at", "open_tree", "perf_event_open",
	"quotactl", "quotactl_fd", "setdomainname", "sethostname", "setns",
	"syslog", "umount2", "unshare", NULL
};

static const char *const sys_module[] = {
	"init_module", "finit_module", "delete_module", NULL
};

static const char *const sys_ptrace[] = {
	"kcmp", "pidfd_getfd", "process_madvise", "process_vm_readv",
	"process_vm_writev", NULL
};

static const char *const sys_nice[] = {
	"get_mempolicy", "set_mempolicy", "mbind",
	NULL
};

static const struct {
	int cap;
	const char *const *names;
} cap_groups[] = {
	{ CAP_SYS_ADMIN, sys_admin },
	{ CAP_DAC_READ_SEARCH, (const char *const[]){ "open_by_handle_at", NULL } },
	{ CAP_SYS_BOOT, (const char *const[]){ "reboot", NULL } },
	{ CAP_SYS_CHROOT, (const char *const[]){ "chroot", NULL } },
	{ CAP_SYS_MODULE, sys_module },
	{ CAP_SYS_PACCT, (const char *const[]){ "acct", NULL } },
	{ CAP_SYS_PTRACE, sys_ptrace },
	{ CAP_SYS_RAWIO, (const char *const[]){ "iopl", "ioperm", NULL } },
	{ CAP_SYS_TIME,
	  (const char *const[]){ "settimeofday", "clock_settime", NULL } },
	{ CAP_SYS_TTY_CONFIG, (const char *const[]){ "vhangup", NULL } },
	{ CAP_SYS_NICE, sys_nice },
	{ CAP_SYSLOG, (const char *const[]){ "syslog", NULL } },
	{ CAP_BPF, (const char *const[]){ "bpf", NULL } },
	{ CAP_PERFMON, (const char *const[]){ "perf_event_open", NULL } },
};

/* The clone flags that make namespaces, which only CAP_SYS_ADMIN may. */
#define CLONE_NS_FLAGS                                                      \
	(CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC |      \
	 CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET)

/* The personalities a container may take, and 0xffffffff, which asks. */
static const __u64 personalities[] = {
	PER_LINUX, PER_LINUX32, UNAME26, PER_LINUX32 | UNAME26, 0xffffffffULL,
};

/* add_cond_rule - @action for @name when arg @arg passes one test. */
static int add_cond_rule(struct compiler *c, const char *name,
			 const __u32 action, const __u32 arg, const __u32 op,
			 const __u64 mask, const __u64 value)
{
	const struct ksentry_rule rule = {
		.nr_conds = 1,
		.conds[0] = { .arg = arg, .op = op, .mask = mask, .value = value },
	};

	return add_name(c, name, action, &rule);
}

/* default_rules - The argument rules and capability groups of the default. */
static int default_rules(struct compiler *c, const uint64_t caps)
{
	const __u32 allow = KSENTRY_ACT_ALLOW;
	size_t i, j;
	int ret = 0;

	for (i = 0; i < ARRAY_SIZE(personalities); i++)
		ret |= add_cond_rule(c, "personality", allow, 0, KSENTRY_CMP_EQ,
				     ~0ULL, personalities[i]);
	ret |= add_cond_rule(c, "socket", allow, 0, KSENTRY_CMP_NE, ~0ULL,
			     AF_VSOCK);
	if (!(caps & POLICY_CAP(CAP_SYS_ADMIN))) {
		ret |= add_cond_rule(c, "clone", allow, 0,
				     KSENTRY_CMP_MASKED_EQ, CLONE_NS_FLAGS, 0);
		/* So that glibc falls back to clone, whose flags are seen. */
		ret |= add_name(c, "clone3", KSENTRY_ACT_ERRNO_OF(ENOSYS), NULL);
	}
	for (i = 0; i < ARRAY_SIZE(cap_groups); i++) {
		if (!(caps & POLICY_CAP(cap_groups[i].cap)))
			continue;
		for (j = 0; cap_groups[i].names[j]; j++)
			ret |= add_name(c, cap_groups[i].names[j], allow, NULL);
	}
	return ret;
}

int policy_default(const uint64_t caps, struct policy *out)
{
	struct policy_error err;
	struct compiler *c;
	size_t i;
	int ret = 0;

	memset(out, 0, sizeof(*out));
	c = compiler_new(caps, &err);
	if (!c) {
		errno = ENOMEM;
		return -1;
	}
	c->default_action = KSENTRY_ACT_ERRNO_OF(EPERM);
	/* As Docker's archMap: ia32 and x32 get the default's EPERM. */
	c->ia32_listed = true;
	c->x32_listed = true;
	for (i = 0; i < ARRAY_SIZE(allow_always); i++)
		ret |= add_name(c, allow_always[i], KSENTRY_ACT_ALLOW, NULL);
	ret |= default_rules(c, caps);
	if (ret || finish(c, out)) {
		compiler_free(c);
		policy_free(out);
		errno = ENOMEM;
		return -1;
	}
	compiler_free(c);
	return 0;
}

/* Turn every action of type @from into @to (both without data). */
static __u32 retype(const __u32 action, const __u32 from, const __u32 to)
{
	return (action & KSENTRY_ACT_TYPE_MASK) == from ? to : action;
}

int policy_set_trace(struct policy *const p, const char *const mode)
{
	__u32 from, to, i;

	if (!mode || !strcmp(mode, "deny"))
		return 0;
	if (!strcmp(mode, "all")) {
		from = KSENTRY_ACT_ALLOW;
		to = KSENTRY_ACT_LOG;
	} else if (!strcmp(mode, "none")) {
		from = KSENTRY_ACT_LOG;
		to = KSENTRY_ACT_ALLOW;
	} else {
		errno = EINVAL;
		return -1;
	}
	p->default_action = retype(p->default_action, from, to);
	p->ia32_action = retype(p->ia32_action, from, to);
	p->x32_action = retype(p->x32_action, from, to);
	for (i = 0; i < p->nr_entries; i++)
		p->entries[i].action = retype(p->entries[i].action, from, to);
	for (i = 0; i < p->nr_rules; i++)
		p->rules[i].action = retype(p->rules[i].action, from, to);
	return 0;
}

/* The "safe" emulation set: calls the module answers as the host would. */
static const struct {
	int nr;
	__u32 handler;
} safe_set[] = {
	{ __NR_getpid, KSENTRY_EMU_GETPID },
	{ __NR_getppid, KSENTRY_EMU_GETPPID },
	{ __NR_gettid, KSENTRY_EMU_GETTID },
	{ __NR_getuid, KSENTRY_EMU_GETUID },
	{ __NR_geteuid, KSENTRY_EMU_GETEUID },
	{ __NR_getgid, KSENTRY_EMU_GETGID },
	{ __NR_getegid, KSENTRY_EMU_GETEGID },
	{ __NR_getresuid, KSENTRY_EMU_GETRESUID },
	{ __NR_getresgid, KSENTRY_EMU_GETRESGID },
	{ __NR_getgroups, KSENTRY_EMU_GETGROUPS },
	{ __NR_getpgrp, KSENTRY_EMU_GETPGRP },
	{ __NR_getsid, KSENTRY_EMU_GETSID },
	{ __NR_uname, KSENTRY_EMU_UNAME },
	{ __NR_sysinfo, KSENTRY_EMU_SYSINFO },
	{ __NR_sched_getaffinity, KSENTRY_EMU_SCHED_GETAFFINITY },
	{ __NR_getcpu, KSENTRY_EMU_GETCPU },
	{ __NR_getrlimit, KSENTRY_EMU_GETRLIMIT },
	{ __NR_prlimit64, KSENTRY_EMU_PRLIMIT64 },
	{ __NR_getrandom, KSENTRY_EMU_GETRANDOM },
	{ __NR_open, KSENTRY_EMU_OPEN },
	{ __NR_openat, KSENTRY_EMU_OPENAT },
	{ __NR_openat2, KSENTRY_EMU_OPENAT2 },
	{ __NR_creat, KSENTRY_EMU_CREAT },
};

/* Whether @p has an argument rule for @nr: then the rules decide it. */
static bool has_rules(const struct policy *const p, const __u32 nr)
{
	__u32 i;

	for (i = 0; i < p->nr_rules; i++)
		if (p->rules[i].nr == nr)
			return true;
	return false;
}

/* Emulate @nr with @handler where @p allows it outright. */
static int emulate_nr(struct policy *const p, const __u32 nr, const __u32 handler)
{
	const __u32 action = KSENTRY_ACT_EMULATE_OF(handler);
	struct ksentry_entry *more;
	__u32 i;

	if (has_rules(p, nr))
		return 0;
	for (i = 0; i < p->nr_entries; i++) {
		if (p->entries[i].nr != nr)
			continue;
		if (p->entries[i].action == KSENTRY_ACT_ALLOW)
			p->entries[i].action = action;
		return 0;
	}
	if (p->default_action != KSENTRY_ACT_ALLOW)
		return 0;
	more = realloc(p->entries, (p->nr_entries + 1) * sizeof(*more));
	if (!more)
		return -1;
	p->entries = more;
	p->entries[p->nr_entries].nr = nr;
	p->entries[p->nr_entries].action = action;
	p->nr_entries++;
	return 0;
}

int policy_set_emulation(struct policy *const p, const char *const set,
			 const __u32 nr_cpus)
{
	size_t i;

	if (set && !strcmp(set, "none"))
		return 0;
	if (set && strcmp(set, "safe")) {
		errno = EINVAL;
		return -1;
	}
	for (i = 0; i < ARRAY_SIZE(safe_set); i++)
		if (emulate_nr(p, safe_set[i].nr, safe_set[i].handler))
			return -1;
	memset(&p->view, 0, sizeof(p->view));
	p->view.size = sizeof(p->view);
	p->view.nr_cpus = nr_cpus;
	p->view.vfiles = KSENTRY_VFILES_ALL;
	p->has_view = true;
	return 0;
}

/* The view's CPUs */

/* The kernel's default cpu.max period, in microseconds. */
#define CPU_PERIOD_DEFAULT 100000

/* cpus_error - Fill @err for linux.resources.cpu.cpus; returns -1. */
static __printf(2, 3) int cpus_error(struct policy_error *const err,
				     const char *const fmt, ...)
{
	va_list ap;

	snprintf(err->path, sizeof(err->path), "linux.resources.cpu.cpus");
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return -1;
}

/*
 * cpu_number - Read a CPU number at *@s, or "N" (*@last set), and move
 * past it.  Return: 0, or -1 when there is none.
 */
static int cpu_number(const char **const s, unsigned long *const v,
		      bool *const last)
{
	char *end;

	if (**s == 'N') {
		(*s)++;
		*last = true;
		*v = POLICY_MAX_CPUS - 1;
		return 0;
	}
	if (**s < '0' || **s > '9')
		return -1;
	errno = 0;
	*v = strtoul(*s, &end, 10);
	if (errno || *v >= POLICY_MAX_CPUS)
		*v = POLICY_MAX_CPUS;
	*s = end;
	return 0;
}

static bool list_space(const char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
	       c == '\r';
}

/*
 * cpuset_count - The CPUs the cpuset list @list names, as the kernel's
 * bitmap_parselist() reads it: regions "A", "A-B" or "A-B:USED/GROUP"
 * (the first USED of every GROUP CPUs from A to B), "all", "N" for the
 * last CPU, separated by commas and white space.  *@count gets 0 when the
 * list reaches the last CPU (the cpuset alone limits it) or is empty.
 */
static int cpuset_count(const char *const list, __u32 *const count,
			struct policy_error *const err)
{
	unsigned long a, b, used, group, cpu;
	unsigned char *seen;
	const char *s = list, *region;
	bool last = false;
	__u32 n = 0;

	seen = calloc(POLICY_MAX_CPUS, 1);
	if (!seen)
		return cpus_error(err, "%s", strerror(ENOMEM));
	for (;;) {
		while (list_space(*s) || *s == ',')
			s++;
		if (!*s)
			break;
		region = s;
		if (!strncasecmp(s, "all", 3)) {
			s += 3;
			a = 0;
			b = POLICY_MAX_CPUS - 1;
			last = true;
		} else {
			if (cpu_number(&s, &a, &last))
				goto bad;
			b = a;
			if (*s == '-') {
				s++;
				if (cpu_number(&s, &b, &last))
					goto bad;
			}
		}
		used = b + 1;
		group = b + 1;
		if (*s == ':') {
			s++;
			if (cpu_number(&s, &used, &last) || *s != '/')
				goto bad;
			s++;
			if (cpu_number(&s, &group, &last))
				goto bad;
		}
		if (*s && *s != ',' && !list_space(*s))
			goto bad;
		if (a >= POLICY_MAX_CPUS || b >= POLICY_MAX_CPUS) {
			free(seen);
			return cpus_error(err,
					  "\"%s\": CPU %.*s is beyond the %d a kernel can have",
					  list, (int)(s - region), region,
					  POLICY_MAX_CPUS);
		}
		if (a > b || !group || used > group) {
			free(seen);
			return cpus_error(err, "\"%s\": \"%.*s\" is an empty or inverted range",
					  list, (int)(s - region), region);
		}
		for (cpu = a; cpu <= b; cpu++) {
			if ((cpu - a) % group >= used || seen[cpu])
				continue;
			seen[cpu] = 1;
			n++;
		}
	}
	free(seen);
	*count = last ? 0 : n;
	return 0;
bad:
	free(seen);
	if (!*s)
		return cpus_error(err,
				  "\"%s\" is not a cpuset list such as \"0-2,5\" (it ends early)",
				  list);
	return cpus_error(err,
			  "\"%s\" is not a cpuset list such as \"0-2,5\" (at \"%s\")",
			  list, s);
}

int policy_view_cpus(const struct policy_cpu_limits *const l,
		     __u32 *const nr_cpus, struct policy_error *const err)
{
	__u32 from_cpus = 0, from_quota = 0;
	uint64_t period, n;

	if (l->cpus && cpuset_count(l->cpus, &from_cpus, err))
		return -1;
	if (l->has_quota && l->quota > 0) {
		period = l->has_period && l->period ? l->period :
						      CPU_PERIOD_DEFAULT;
		n = (uint64_t)l->quota / period +
		    ((uint64_t)l->quota % period != 0);
		from_quota = n > UINT32_MAX ? UINT32_MAX : (__u32)n;
	}
	if (from_cpus && from_quota)
		*nr_cpus = from_cpus < from_quota ? from_cpus : from_quota;
	else
		*nr_cpus = from_cpus ? from_cpus : from_quota;
	return 0;
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

/* The "policy" command */

static const char policy_usage[] =
	"usage: runsc-lite policy check FILE [--caps CAPS] [--emulate SET]\n"
	"       runsc-lite policy compile FILE [--caps CAPS] [--emulate SET]\n"
	"                                      [--format FORMAT]\n"
	"\n"
	"Compile a seccomp profile (the runtime spec's linux.seccomp, or a\n"
	"Docker or podman profile file) into a ksentry policy.\n"
	"\n"
	"Commands:\n"
	"  check    compile FILE and report the size of the result\n"
	"  compile  compile FILE and print the policy\n"
	"\n"
	"Options:\n"
	"  --caps CAPS      the container's capabilities, which the profile's\n"
	"                   includes and excludes test: names separated by\n"
	"                   commas (CAP_SYS_ADMIN or sys_admin), \"all\" or\n"
	"                   \"none\"; without it, Docker's default set\n"
	"  --emulate SET    apply the emulation set SET as the ksentry.emulate\n"
	"                   annotation does: \"safe\" (what runsc-lite applies\n"
	"                   when the annotation is absent) or \"none\" (the\n"
	"                   default here: the profile alone)\n"
	"  --format FORMAT  \"text\" (the default) or \"json\"\n";

/* parse_caps - Read --caps's @list into *@caps. */
static int parse_caps(const char *list, uint64_t *caps)
{
	char name[64];
	size_t n;
	int cap;

	*caps = 0;
	if (!strcasecmp(list, "all")) {
		*caps = POLICY_CAPS_ALL;
		return 0;
	}
	if (!strcasecmp(list, "none"))
		return 0;
	for (; *list; list += n + !!list[n]) {
		n = strcspn(list, ",");
		if (!strncasecmp(list, "CAP_", 4)) {
			list += 4;
			n -= 4;
		}
		if (!n || n + 4 >= sizeof(name))
			return -1;
		memcpy(name, "CAP_", 4);
		for (size_t i = 0; i < n; i++)
			name[4 + i] = list[i] >= 'a' && list[i] <= 'z' ?
					      list[i] - 'a' + 'A' : list[i];
		name[4 + n] = '\0';
		cap = cap_by_name(name);
		if (cap < 0)
			return -1;
		*caps |= POLICY_CAP(cap);
	}
	return 0;
}

/* The number's x86-64 name, or "?"; @buf receives libseccomp's copy. */
static const char *nr_name(const __u32 nr, char *buf, const size_t size)
{
	char *name = seccomp_syscall_resolve_num_arch(SCMP_ARCH_X86_64, nr);

	snprintf(buf, size, "%s", name ? name : "?");
	free(name);
	return buf;
}

static const char *const op_names[] = {
	[KSENTRY_CMP_EQ] = "EQ",
	[KSENTRY_CMP_NE] = "NE",
	[KSENTRY_CMP_LT] = "LT",
	[KSENTRY_CMP_LE] = "LE",
	[KSENTRY_CMP_GT] = "GT",
	[KSENTRY_CMP_GE] = "GE",
	[KSENTRY_CMP_MASKED_EQ] = "MASKED_EQ",
};

static const char *const op_symbols[] = {
	[KSENTRY_CMP_EQ] = "==",
	[KSENTRY_CMP_NE] = "!=",
	[KSENTRY_CMP_LT] = "<",
	[KSENTRY_CMP_LE] = "<=",
	[KSENTRY_CMP_GT] = ">",
	[KSENTRY_CMP_GE] = ">=",
	[KSENTRY_CMP_MASKED_EQ] = "==",
};

/* The virtual files, by &enum ksentry_vfile, as the output names them. */
static const char *const vfile_names[] = {
	[KSENTRY_VFILE_MEMINFO] = "meminfo",
	[KSENTRY_VFILE_CPUINFO] = "cpuinfo",
	[KSENTRY_VFILE_STAT] = "stat",
	[KSENTRY_VFILE_UPTIME] = "uptime",
	[KSENTRY_VFILE_LOADAVG] = "loadavg",
	[KSENTRY_VFILE_CPU_ONLINE] = "cpu_online",
};

/* print_text - The policy, one decision a line; then the view, if any. */
static void print_text(const struct policy *p)
{
	char act[POLICY_ACTION_NAME_MAX], name[64];
	__u32 i, j;
	size_t k;

	printf("defaultAction: %s\n",
	       policy_action_name(p->default_action, act, sizeof(act)));
	printf("ia32Action: %s\n",
	       policy_action_name(p->ia32_action, act, sizeof(act)));
	printf("x32Action: %s\n",
	       policy_action_name(p->x32_action, act, sizeof(act)));
	printf("entries: %u\n", p->nr_entries);
	for (i = 0; i < p->nr_entries; i++)
		printf("  %u %s %s\n", p->entries[i].nr,
		       nr_name(p->entries[i].nr, name, sizeof(name)),
		       policy_action_name(p->entries[i].action, act,
					  sizeof(act)));
	printf("rules: %u\n", p->nr_rules);
	for (i = 0; i < p->nr_rules; i++) {
		const struct ksentry_rule *r = &p->rules[i];

		printf("  %u %s %s if", r->nr, nr_name(r->nr, name, sizeof(name)),
		       policy_action_name(r->action, act, sizeof(act)));
		for (j = 0; j < r->nr_conds; j++) {
			const struct ksentry_cond *k = &r->conds[j];

			printf("%s arg%u", j ? " &&" : "", k->arg);
			if (k->mask != ~0ULL || k->op == KSENTRY_CMP_MASKED_EQ)
				printf(" & 0x%llx", (unsigned long long)k->mask);
			printf(" %s 0x%llx", op_symbols[k->op],
			       (unsigned long long)k->value);
		}
		printf("\n");
	}
	printf("unknownNames: %zu\n", p->nr_unknown_names);
	for (k = 0; k < p->nr_unknown_names; k++)
		printf("  %s\n", p->unknown_names[k]);
	if (!p->has_view)
		return;
	printf("view: nrCpus %u, vfiles", p->view.nr_cpus);
	for (k = 0; k < ARRAY_SIZE(vfile_names); k++)
		if (vfile_names[k] && p->view.vfiles & KSENTRY_VFILE_BIT(k))
			printf(" %s", vfile_names[k]);
	printf("\n");
}

/* json_action - An action as a JSON string. */
static struct json_object *json_action(const __u32 action)
{
	char act[POLICY_ACTION_NAME_MAX];

	return json_object_new_string(policy_action_name(action, act,
							 sizeof(act)));
}

/* json_call - {"nr":, "name":, "action":}, the start of a JSON decision. */
static struct json_object *json_call(const __u32 nr, const __u32 action)
{
	struct json_object *o = json_object_new_object();
	char *name = seccomp_syscall_resolve_num_arch(SCMP_ARCH_X86_64, nr);

	json_object_object_add(o, "nr", json_object_new_int64(nr));
	json_object_object_add(o, "name",
			       name ? json_object_new_string(name) : NULL);
	json_object_object_add(o, "action", json_action(action));
	free(name);
	return o;
}

/* print_json - The policy as one JSON document, names symbolic. */
static int print_json(const struct policy *p)
{
	struct json_object *doc = json_object_new_object();
	struct json_object *entries = json_object_new_array();
	struct json_object *rules = json_object_new_array();
	struct json_object *unknown = json_object_new_array();
	__u32 i, j;
	size_t k;

	json_object_object_add(doc, "defaultAction",
			       json_action(p->default_action));
	json_object_object_add(doc, "ia32Action", json_action(p->ia32_action));
	json_object_object_add(doc, "x32Action", json_action(p->x32_action));
	for (i = 0; i < p->nr_entries; i++)
		json_object_array_add(entries,
				      json_call(p->entries[i].nr,
						p->entries[i].action));
	for (i = 0; i < p->nr_rules; i++) {
		const struct ksentry_rule *r = &p->rules[i];
		struct json_object *rule = json_call(r->nr, r->action);
		struct json_object *conds = json_object_new_array();

		for (j = 0; j < r->nr_conds; j++) {
			struct json_object *cond = json_object_new_object();

			json_object_object_add(cond, "arg",
					       json_object_new_int64(r->conds[j].arg));
			json_object_object_add(cond, "op",
					       json_object_new_string(op_names[r->conds[j].op]));
			json_object_object_add(cond, "mask",
					       json_object_new_uint64(r->conds[j].mask));
			json_object_object_add(cond, "value",
					       json_object_new_uint64(r->conds[j].value));
			json_object_array_add(conds, cond);
		}
		json_object_object_add(rule, "conds", conds);
		json_object_array_add(rules, rule);
	}
	for (k = 0; k < p->nr_unknown_names; k++)
		json_object_array_add(unknown,
				      json_object_new_string(p->unknown_names[k]));
	json_object_object_add(doc, "entries", entries);
	json_object_object_add(doc, "rules", rules);
	json_object_object_add(doc, "unknownNames", unknown);
	if (p->has_view) {
		struct json_object *view = json_object_new_object();
		struct json_object *vfiles = json_object_new_array();

		json_object_object_add(view, "nrCpus",
				       json_object_new_int64(p->view.nr_cpus));
		for (k = 0; k < ARRAY_SIZE(vfile_names); k++)
			if (vfile_names[k] &&
			    p->view.vfiles & KSENTRY_VFILE_BIT(k))
				json_object_array_add(vfiles,
						      json_object_new_string(vfile_names[k]));
		json_object_object_add(view, "vfiles", vfiles);
		json_object_object_add(doc, "view", view);
	}
	printf("%s\n", json_object_to_json_string_ext(doc,
						      JSON_C_TO_STRING_PRETTY |
						      JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(doc);
	return 0;
}

/* print_check - "FILE: ok: ...", and the unknown names on stderr. */
static void print_check(const char *file, const struct policy *p)
{
	char act[POLICY_ACTION_NAME_MAX];
	__u32 i, emulated = 0;
	size_t k;

	printf("%s: ok: %u entries, %u rules, default %s", file,
	       p->nr_entries, p->nr_rules,
	       policy_action_name(p->default_action, act, sizeof(act)));
	for (i = 0; i < p->nr_entries; i++)
		emulated += (p->entries[i].action & KSENTRY_ACT_TYPE_MASK) ==
			    KSENTRY_ACT_EMULATE;
	if (p->has_view)
		printf(", %u emulated", emulated);
	printf("\n");
	if (!p->nr_unknown_names)
		return;
	fprintf(stderr,
		"%s: warning: %zu names unknown to x86-64 are left to the default action:",
		file, p->nr_unknown_names);
	for (k = 0; k < p->nr_unknown_names; k++)
		fprintf(stderr, "%s %s", k ? "," : "", p->unknown_names[k]);
	fprintf(stderr, "\n");
}

/* option - Whether argv[*i] is --@name; *@value gets its value. */
static int option(const int argc, char *argv[], int *i, const char *name,
		  const char **value)
{
	const size_t n = strlen(name);

	if (strncmp(argv[*i], "--", 2) || strncmp(argv[*i] + 2, name, n))
		return 0;
	if (argv[*i][2 + n] == '=') {
		*value = argv[*i] + 3 + n;
		return 1;
	}
	if (argv[*i][2 + n])
		return 0;
	if (*i + 1 >= argc)
		return -1;
	*value = argv[++*i];
	return 1;
}

/* usage_error - Report a usage error and return the exit status, 1. */
static int usage_error(const char *what, const char *arg)
{
	fprintf(stderr, "Failed to parse the command line: %s%s%s\n", what,
		arg ? ": " : "", arg ? arg : "");
	fputs(policy_usage, stderr);
	return 1;
}

int policy_command(const int argc, char *argv[])
{
	const char *file = NULL, *caps_arg = NULL, *format = "text";
	const char *emulate = "none";
	uint64_t caps = POLICY_CAPS_DOCKER;
	struct policy_error err;
	struct policy p;
	bool compile;
	int i, r;

	if (argc < 1)
		return usage_error("missing command", NULL);
	if (!strcmp(argv[0], "--help") || !strcmp(argv[0], "-h") ||
	    !strcmp(argv[0], "help")) {
		fputs(policy_usage, stdout);
		return 0;
	}
	compile = !strcmp(argv[0], "compile");
	if (!compile && strcmp(argv[0], "check"))
		return usage_error("unknown command", argv[0]);
	for (i = 1; i < argc; i++) {
		r = option(argc, argv, &i, "caps", &caps_arg);
		if (!r)
			r = option(argc, argv, &i, "emulate", &emulate);
		if (!r && compile)
			r = option(argc, argv, &i, "format", &format);
		if (r < 0)
			return usage_error("an option needs a value", argv[i]);
		if (r)
			continue;
		if (argv[i][0] == '-' && argv[i][1])
			return usage_error("unknown option", argv[i]);
		if (file)
			return usage_error("more than one FILE", argv[i]);
		file = argv[i];
	}
	if (!file)
		return usage_error("missing FILE", NULL);
	if (caps_arg && parse_caps(caps_arg, &caps))
		return usage_error("unknown capability in --caps", caps_arg);
	if (strcmp(format, "text") && strcmp(format, "json"))
		return usage_error("unknown --format", format);
	if (strcmp(emulate, "none") && strcmp(emulate, "safe"))
		return usage_error("unknown --emulate set", emulate);

	if (policy_compile_file(file, caps, &p, &err)) {
		fprintf(stderr, "Failed to compile %s: %s: %s\n", file, err.path,
			err.msg);
		return 1;
	}
	/* No config.json here: the view has all the CPUs. */
	if (policy_set_emulation(&p, emulate, 0)) {
		fprintf(stderr, "Failed to apply --emulate %s: %s\n", emulate,
			strerror(errno));
		policy_free(&p);
		return 1;
	}
	if (!compile)
		print_check(file, &p);
	else if (!strcmp(format, "json"))
		print_json(&p);
	else
		print_text(&p);
	policy_free(&p);
	return 0;
}
