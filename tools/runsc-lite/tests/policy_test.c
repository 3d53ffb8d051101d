// SPDX-License-Identifier: GPL-2.0
/*
 * runsc-lite - tests of the policy compiler, run on the host
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * Profiles are written inline with single quotes, which profile() turns
 * into double quotes.  Decisions are checked with decide(), which applies a
 * compiled policy to one call the way the module's dispatcher does (the
 * number's rules in order, then its entry, then the default action), so a
 * test states what a call gets rather than how the table spells it.
 *
 * The real profiles of Docker and podman are read from the files named by
 * DOCKER_PROFILE and PODMAN_PROFILE (eval "$(tools/testing/fetch-profiles)"
 * sets both); their tests are skipped without them.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <linux/capability.h>
#include <linux/ksentry.h>
#include <sched.h>
#include <seccomp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/socket.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kselftest_harness.h"

#include "../policy.h"

#define EPERM_ACT KSENTRY_ACT_ERRNO_OF(EPERM)
#define ENOSYS_ACT KSENTRY_ACT_ERRNO_OF(ENOSYS)
#define ALLOW KSENTRY_ACT_ALLOW

/* Linux's NETLINK_AUDIT, which podman's profile tests for. */
#define NETLINK_AUDIT_PROTO 9

/* profile - @text with every ' made a ", parsed; NULL if it is not JSON. */
static struct json_object *profile(const char *text)
{
	struct json_object *doc;
	char *s = strdup(text), *p;

	if (!s)
		return NULL;
	for (p = s; *p; p++)
		if (*p == '\'')
			*p = '"';
	doc = json_tokener_parse(s);
	free(s);
	return doc;
}

/*
 * compile - Compile the profile @text for @caps; the policy_compile()
 * result, or -2 when @text is no JSON (a broken test).
 */
static int compile(const char *text, const uint64_t caps, struct policy *p,
		   struct policy_error *err)
{
	struct json_object *doc = profile(text);
	int ret;

	if (!doc)
		return -2;
	ret = policy_compile(doc, caps, p, err);
	json_object_put(doc);
	return ret;
}

static int nr_of(const char *name)
{
	return seccomp_syscall_resolve_name_arch(SCMP_ARCH_X86_64, name);
}

static bool cond_holds(const struct ksentry_cond *c, const __u64 *args)
{
	const __u64 a = args[c->arg] & c->mask;

	switch (c->op) {
	case KSENTRY_CMP_EQ:
	case KSENTRY_CMP_MASKED_EQ:
		return a == c->value;
	case KSENTRY_CMP_NE:
		return a != c->value;
	case KSENTRY_CMP_LT:
		return a < c->value;
	case KSENTRY_CMP_LE:
		return a <= c->value;
	case KSENTRY_CMP_GT:
		return a > c->value;
	case KSENTRY_CMP_GE:
		return a >= c->value;
	}
	return false;
}

/* decide_nr - What the module decides for x86-64 call @nr with @args. */
static __u32 decide_nr(const struct policy *p, const int nr,
		       const __u64 *args)
{
	__u32 i, j;

	for (i = 0; i < p->nr_rules; i++) {
		const struct ksentry_rule *r = &p->rules[i];

		if (r->nr != (__u32)nr)
			continue;
		for (j = 0; j < r->nr_conds && cond_holds(&r->conds[j], args);
		     j++)
			;
		if (j == r->nr_conds)
			return r->action;
	}
	for (i = 0; i < p->nr_entries; i++)
		if (p->entries[i].nr == (__u32)nr)
			return p->entries[i].action;
	return p->default_action;
}

/* No arguments, or all zero. */
static const __u64 no_args[6];

/* decide_args - decide_nr() by name, with the first three arguments. */
static __u32 decide_args(const struct policy *p, const char *name,
			 const __u64 a0, const __u64 a1, const __u64 a2, ...)
{
	const __u64 args[6] = { a0, a1, a2 };

	return decide_nr(p, nr_of(name), args);
}

/* decide - What the module decides for the call @name(...). */
#define decide(p, name, ...) decide_args(p, name, __VA_ARGS__, 0, 0)

/* entry_of - The entry of @name's number, 0 for none. */
static __u32 entry_of(const struct policy *p, const char *name)
{
	const int nr = nr_of(name);
	__u32 i;

	for (i = 0; i < p->nr_entries; i++)
		if (p->entries[i].nr == (__u32)nr)
			return p->entries[i].action;
	return 0;
}

/* rules_of - How many rules @name's number has; *@first gets the first. */
static int rules_of(const struct policy *p, const char *name,
		    const struct ksentry_rule **first)
{
	const int nr = nr_of(name);
	__u32 i;
	int n = 0;

	for (i = 0; i < p->nr_rules; i++) {
		if (p->rules[i].nr != (__u32)nr)
			continue;
		if (!n++ && first)
			*first = &p->rules[i];
	}
	return n;
}

static bool has_unknown(const struct policy *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->nr_unknown_names; i++)
		if (!strcmp(p->unknown_names[i], name))
			return true;
	return false;
}

static bool action_valid(const __u32 a)
{
	const __u32 type = a & KSENTRY_ACT_TYPE_MASK;
	const __u32 data = a & KSENTRY_ACT_DATA_MASK;

	if (type == KSENTRY_ACT_ERRNO)
		return data >= 1 && data <= 4095 && !(data >= 512 && data <= 530);
	return type >= KSENTRY_ACT_KILL_PROCESS && type <= KSENTRY_ACT_ALLOW &&
	       type != KSENTRY_ACT_EMULATE;
}

/*
 * within_limits - Whether @p is a policy the module accepts: numbers below
 * the table, once each, rules and conditions within the limits, unused
 * fields zero, actions known.
 */
static bool within_limits(const struct policy *p)
{
	static const struct ksentry_cond zero;
	bool seen[KSENTRY_TABLE_SIZE] = { false };
	__u32 i, j;

	if (p->nr_entries > KSENTRY_TABLE_SIZE ||
	    p->nr_rules > KSENTRY_MAX_RULES || !action_valid(p->default_action) ||
	    !action_valid(p->ia32_action) || !action_valid(p->x32_action))
		return false;
	for (i = 0; i < p->nr_entries; i++) {
		if (p->entries[i].nr >= KSENTRY_TABLE_SIZE ||
		    seen[p->entries[i].nr] || !action_valid(p->entries[i].action))
			return false;
		seen[p->entries[i].nr] = true;
	}
	for (i = 0; i < p->nr_rules; i++) {
		const struct ksentry_rule *r = &p->rules[i];

		if (r->nr >= KSENTRY_TABLE_SIZE || !action_valid(r->action) ||
		    r->nr_conds < 1 || r->nr_conds > KSENTRY_MAX_CONDS ||
		    r->reserved)
			return false;
		for (j = 0; j < KSENTRY_MAX_CONDS; j++) {
			const struct ksentry_cond *c = &r->conds[j];

			if (j >= r->nr_conds ?
				    memcmp(c, &zero, sizeof(*c)) != 0 :
				    c->arg > 5 || c->op < KSENTRY_CMP_EQ ||
					    c->op > KSENTRY_CMP_MASKED_EQ)
				return false;
		}
	}
	return true;
}

/* Actions */

TEST(actions_map_one_to_one)
{
	static const struct {
		const char *name;
		__u32 action;
	} cases[] = {
		{ "SCMP_ACT_ALLOW", KSENTRY_ACT_ALLOW },
		{ "SCMP_ACT_LOG", KSENTRY_ACT_LOG },
		{ "SCMP_ACT_ERRNO", EPERM_ACT },
		{ "SCMP_ACT_TRAP", KSENTRY_ACT_TRAP },
		{ "SCMP_ACT_KILL", KSENTRY_ACT_KILL_THREAD },
		{ "SCMP_ACT_KILL_THREAD", KSENTRY_ACT_KILL_THREAD },
		{ "SCMP_ACT_KILL_PROCESS", KSENTRY_ACT_KILL_PROCESS },
		/* seccomp's answer when no tracer is attached. */
		{ "SCMP_ACT_TRACE", ENOSYS_ACT },
	};
	struct policy_error err;
	struct policy p;
	char text[256];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		/* A default other than the action, so the group stays. */
		const bool kill = cases[i].action == KSENTRY_ACT_KILL_PROCESS;
		const char *def = kill ? "SCMP_ACT_ALLOW" : "SCMP_ACT_KILL_PROCESS";

		snprintf(text, sizeof(text),
			 "{'defaultAction':'%s','syscalls':[{'names':['getpid'],'action':'%s'}]}",
			 def, cases[i].name);
		ASSERT_EQ(0, compile(text, 0, &p, &err))
			TH_LOG("%s: %s: %s", cases[i].name, err.path, err.msg);
		EXPECT_EQ(cases[i].action, entry_of(&p, "getpid"))
			TH_LOG("%s", cases[i].name);
		policy_free(&p);

		/* The same name as the default action. */
		snprintf(text, sizeof(text), "{'defaultAction':'%s'}",
			 cases[i].name);
		ASSERT_EQ(0, compile(text, 0, &p, &err));
		EXPECT_EQ(cases[i].action, p.default_action);
		EXPECT_EQ(0, p.nr_entries);
		policy_free(&p);
	}
}

TEST(notify_is_refused_where_used)
{
	struct policy_error err;
	struct policy p;

	ASSERT_EQ(-1, compile("{'defaultAction':'SCMP_ACT_ERRNO',\n"
			      "'syscalls':[{'names':['getpid'],'action':'SCMP_ACT_NOTIFY'}]}",
			      0, &p, &err));
	EXPECT_STREQ("syscalls[0].action", err.path);
	EXPECT_NE(NULL, strstr(err.msg, "SCMP_ACT_NOTIFY"));
	ASSERT_EQ(-1, compile("{'defaultAction':'SCMP_ACT_NOTIFY'}", 0, &p, &err));
	EXPECT_STREQ("defaultAction", err.path);

	/* A group that does not apply may name it. */
	ASSERT_EQ(0, compile("{'defaultAction':'SCMP_ACT_ERRNO',\n"
			     "'syscalls':[{'names':['getpid'],'action':'SCMP_ACT_NOTIFY',\n"
			     "'includes':{'arches':['s390x']}}]}",
			     0, &p, &err));
	EXPECT_EQ(0, p.nr_entries);
	policy_free(&p);
}

TEST(unknown_action_names_its_path)
{
	struct policy_error err;
	struct policy p;

	ASSERT_EQ(-1, compile("{'defaultAction':'SCMP_ACT_ERRNO','syscalls':[{'names':['read'],\n"
			      "'action':'SCMP_ACT_ALLOW'},{'names':['getpid'],\n"
			      "'action':'SCMP_ACT_MAYBE'}]}",
			      0, &p, &err));
	EXPECT_STREQ("syscalls[1].action", err.path);
	EXPECT_NE(NULL, strstr(err.msg, "SCMP_ACT_MAYBE"));
	ASSERT_EQ(-1, compile("{'defaultAction':'ALLOW'}", 0, &p, &err));
	EXPECT_STREQ("defaultAction", err.path);
	ASSERT_EQ(-1, compile("{'syscalls':[]}", 0, &p, &err));
	EXPECT_STREQ("defaultAction", err.path);
	EXPECT_STREQ("missing", err.msg);
}

TEST(errno_ret_defaults_and_bounds)
{
	static const struct {
		const char *group;
		__u32 action;
	} ok[] = {
		{ "'action':'SCMP_ACT_ERRNO'", EPERM_ACT },
		{ "'action':'SCMP_ACT_ERRNO','errnoRet':38", ENOSYS_ACT },
		{ "'action':'SCMP_ACT_ERRNO','errnoRet':1",
		  KSENTRY_ACT_ERRNO_OF(1) },
		{ "'action':'SCMP_ACT_ERRNO','errnoRet':4095",
		  KSENTRY_ACT_ERRNO_OF(4095) },
		/* Around the kernel's own codes, 512 to 530. */
		{ "'action':'SCMP_ACT_ERRNO','errnoRet':511",
		  KSENTRY_ACT_ERRNO_OF(511) },
		{ "'action':'SCMP_ACT_ERRNO','errnoRet':531",
		  KSENTRY_ACT_ERRNO_OF(531) },
		/* podman's names, alone or agreeing with the number. */
		{ "'action':'SCMP_ACT_ERRNO','errno':'ENOSYS'", ENOSYS_ACT },
		{ "'action':'SCMP_ACT_ERRNO','errno':'EWOULDBLOCK'",
		  KSENTRY_ACT_ERRNO_OF(EAGAIN) },
		{ "'action':'SCMP_ACT_ERRNO','errno':'22'",
		  KSENTRY_ACT_ERRNO_OF(EINVAL) },
		{ "'action':'SCMP_ACT_ERRNO','errnoRet':22,'errno':'EINVAL'",
		  KSENTRY_ACT_ERRNO_OF(EINVAL) },
		/* Other actions ignore it. */
		{ "'action':'SCMP_ACT_ALLOW','errnoRet':0", ALLOW },
		{ "'action':'SCMP_ACT_TRACE','errnoRet':10000", ENOSYS_ACT },
	};
	static const struct {
		const char *group;
		const char *path;
	} bad[] = {
		{ "'action':'SCMP_ACT_ERRNO','errnoRet':0", "syscalls[0].errnoRet" },
		{ "'action':'SCMP_ACT_ERRNO','errnoRet':4096",
		  "syscalls[0].errnoRet" },
		{ "'action':'SCMP_ACT_ERRNO','errnoRet':-1", "syscalls[0].errnoRet" },
		/* ERESTARTSYS, ERESTART_RESTARTBLOCK, ERECALLCONFLICT */
		{ "'action':'SCMP_ACT_ERRNO','errnoRet':512", "syscalls[0].errnoRet" },
		{ "'action':'SCMP_ACT_ERRNO','errnoRet':516", "syscalls[0].errnoRet" },
		{ "'action':'SCMP_ACT_ERRNO','errnoRet':530", "syscalls[0].errnoRet" },
		{ "'action':'SCMP_ACT_ERRNO','errno':'516'", "syscalls[0].errno" },
		{ "'action':'SCMP_ACT_ERRNO','errnoRet':'1'",
		  "syscalls[0].errnoRet" },
		{ "'action':'SCMP_ACT_ERRNO','errnoRet':1.5",
		  "syscalls[0].errnoRet" },
		{ "'action':'SCMP_ACT_ERRNO','errno':'EBOGUS'", "syscalls[0].errno" },
		{ "'action':'SCMP_ACT_ERRNO','errno':'0'", "syscalls[0].errno" },
		{ "'action':'SCMP_ACT_ERRNO','errnoRet':1,'errno':'ENOSYS'",
		  "syscalls[0].errno" },
	};
	struct policy_error err;
	struct policy p;
	char text[256];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ok); i++) {
		snprintf(text, sizeof(text),
			 "{'defaultAction':'SCMP_ACT_KILL_PROCESS',\n"
			 "'syscalls':[{'names':['getpid'],%s}]}",
			 ok[i].group);
		ASSERT_EQ(0, compile(text, 0, &p, &err))
			TH_LOG("%s: %s: %s", ok[i].group, err.path, err.msg);
		EXPECT_EQ(ok[i].action, entry_of(&p, "getpid"))
			TH_LOG("%s", ok[i].group);
		policy_free(&p);
	}
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		snprintf(text, sizeof(text),
			 "{'defaultAction':'SCMP_ACT_KILL_PROCESS',\n"
			 "'syscalls':[{'names':['getpid'],%s}]}",
			 bad[i].group);
		ASSERT_EQ(-1, compile(text, 0, &p, &err)) TH_LOG("%s", bad[i].group);
		EXPECT_STREQ(bad[i].path, err.path) TH_LOG("%s", err.msg);
	}

	/* The default action's own errno. */
	ASSERT_EQ(0, compile("{'defaultAction':'SCMP_ACT_ERRNO','defaultErrnoRet':38}",
			     0, &p, &err));
	EXPECT_EQ(ENOSYS_ACT, p.default_action);
	policy_free(&p);
	ASSERT_EQ(0, compile("{'defaultAction':'SCMP_ACT_ERRNO','defaultErrno':'EACCES'}",
			     0, &p, &err));
	EXPECT_EQ(KSENTRY_ACT_ERRNO_OF(EACCES), p.default_action);
	policy_free(&p);
	ASSERT_EQ(-1, compile("{'defaultAction':'SCMP_ACT_ERRNO','defaultErrnoRet':0}",
			      0, &p, &err));
	EXPECT_STREQ("defaultErrnoRet", err.path);
}

/* Arguments */

TEST(each_operator_maps_with_full_mask)
{
	static const struct {
		const char *op;
		__u32 cmp;
	} cases[] = {
		{ "SCMP_CMP_EQ", KSENTRY_CMP_EQ }, { "SCMP_CMP_NE", KSENTRY_CMP_NE },
		{ "SCMP_CMP_LT", KSENTRY_CMP_LT }, { "SCMP_CMP_LE", KSENTRY_CMP_LE },
		{ "SCMP_CMP_GT", KSENTRY_CMP_GT }, { "SCMP_CMP_GE", KSENTRY_CMP_GE },
	};
	const struct ksentry_rule *r = NULL;
	struct policy_error err;
	struct policy p;
	char text[256];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		snprintf(text, sizeof(text),
			 "{'defaultAction':'SCMP_ACT_ERRNO','syscalls':[{'names':['kill'],\n"
			 "'action':'SCMP_ACT_ALLOW','args':[{'index':1,'value':9,'valueTwo':77,\n"
			 "'op':'%s'}]}]}",
			 cases[i].op);
		ASSERT_EQ(0, compile(text, 0, &p, &err)) TH_LOG("%s", err.msg);
		ASSERT_EQ(1, rules_of(&p, "kill", &r));
		EXPECT_EQ(1, r->nr_conds);
		EXPECT_EQ(1, r->conds[0].arg);
		EXPECT_EQ(cases[i].cmp, r->conds[0].op);
		EXPECT_EQ(~0ULL, r->conds[0].mask);
		/* valueTwo is for SCMP_CMP_MASKED_EQ only. */
		EXPECT_EQ(9, r->conds[0].value);
		EXPECT_EQ(ALLOW, r->action);
		EXPECT_EQ(0, entry_of(&p, "kill"));
		policy_free(&p);
	}
}

TEST(masked_eq_takes_value_as_mask)
{
	const struct ksentry_rule *r = NULL;
	struct policy_error err;
	struct policy p;

	ASSERT_EQ(0, compile("{'defaultAction':'SCMP_ACT_ERRNO','syscalls':[{'names':['clone'],\n"
			     "'action':'SCMP_ACT_ALLOW','args':[{'index':0,'value':2114060288,\n"
			     "'valueTwo':131072,'op':'SCMP_CMP_MASKED_EQ'}]}]}",
			     0, &p, &err));
	ASSERT_EQ(1, rules_of(&p, "clone", &r));
	EXPECT_EQ(KSENTRY_CMP_MASKED_EQ, r->conds[0].op);
	EXPECT_EQ(2114060288ULL, r->conds[0].mask);
	EXPECT_EQ(CLONE_NEWNS, r->conds[0].value);
	/* (arg & value) == valueTwo: exactly CLONE_NEWNS of the mask. */
	EXPECT_EQ(ALLOW, decide(&p, "clone", CLONE_NEWNS | CLONE_VM | SIGCHLD));
	EXPECT_EQ(EPERM_ACT, decide(&p, "clone", SIGCHLD));
	EXPECT_EQ(EPERM_ACT, decide(&p, "clone", CLONE_NEWNS | CLONE_NEWPID));
	policy_free(&p);

	/* Without valueTwo: (arg & value) == 0, Docker's clone rule. */
	ASSERT_EQ(0, compile("{'defaultAction':'SCMP_ACT_ERRNO','syscalls':[{'names':['clone'],\n"
			     "'action':'SCMP_ACT_ALLOW','args':[{'index':0,'value':2114060288,\n"
			     "'op':'SCMP_CMP_MASKED_EQ'}]}]}",
			     0, &p, &err));
	ASSERT_EQ(1, rules_of(&p, "clone", &r));
	EXPECT_EQ(0, r->conds[0].value);
	EXPECT_EQ(ALLOW, decide(&p, "clone", SIGCHLD));
	EXPECT_EQ(EPERM_ACT, decide(&p, "clone", CLONE_NEWUSER | SIGCHLD));
	policy_free(&p);
}

TEST(values_are_exact_uint64)
{
	const struct ksentry_rule *r = NULL;
	struct policy_error err;
	struct policy p;

	ASSERT_EQ(0, compile("{'defaultAction':'SCMP_ACT_ERRNO','syscalls':[{'names':['ioctl'],\n"
			     "'action':'SCMP_ACT_ALLOW','args':[{'index':1,\n"
			     "'value':18446744073709551615,'op':'SCMP_CMP_EQ'},{'index':2,\n"
			     "'value':9223372036854775809,'op':'SCMP_CMP_LE'}]}]}",
			     0, &p, &err));
	ASSERT_EQ(1, rules_of(&p, "ioctl", &r));
	EXPECT_EQ(2, r->nr_conds);
	EXPECT_EQ(18446744073709551615ULL, r->conds[0].value);
	EXPECT_EQ(9223372036854775809ULL, r->conds[1].value);
	policy_free(&p);

	ASSERT_EQ(-1, compile("{'defaultAction':'SCMP_ACT_ERRNO',\n"
			      "'syscalls':[{'names':['ioctl'],'action':'SCMP_ACT_ALLOW',\n"
			      "'args':[{'index':1,'value':-1,'op':'SCMP_CMP_EQ'}]}]}",
			      0, &p, &err));
	EXPECT_STREQ("syscalls[0].args[0].value", err.path);
	EXPECT_NE(NULL, strstr(err.msg, "negative"));
	ASSERT_EQ(-1, compile("{'defaultAction':'SCMP_ACT_ERRNO',\n"
			      "'syscalls':[{'names':['ioctl'],'action':'SCMP_ACT_ALLOW',\n"
			      "'args':[{'index':1,'value':1,'valueTwo':0.5,\n"
			      "'op':'SCMP_CMP_EQ'}]}]}",
			      0, &p, &err));
	EXPECT_STREQ("syscalls[0].args[0].valueTwo", err.path);
}

TEST(argument_index_above_5_is_refused)
{
	struct policy_error err;
	struct policy p;

	ASSERT_EQ(0, compile("{'defaultAction':'SCMP_ACT_ERRNO','syscalls':[{'names':['mmap'],\n"
			     "'action':'SCMP_ACT_ALLOW','args':[{'index':5,'value':0,\n"
			     "'op':'SCMP_CMP_EQ'}]}]}",
			     0, &p, &err));
	policy_free(&p);
	ASSERT_EQ(-1, compile("{'defaultAction':'SCMP_ACT_ERRNO','syscalls':[{'names':['mmap'],\n"
			      "'action':'SCMP_ACT_ALLOW','args':[{'index':0,'value':0,\n"
			      "'op':'SCMP_CMP_EQ'},{'index':6,'value':0,'op':'SCMP_CMP_EQ'}]}]}",
			      0, &p, &err));
	EXPECT_STREQ("syscalls[0].args[1].index", err.path);
	EXPECT_NE(NULL, strstr(err.msg, "out of range")) TH_LOG("%s", err.msg);
}

TEST(unknown_operator_names_its_path)
{
	struct policy_error err;
	struct policy p;

	ASSERT_EQ(-1, compile("{'defaultAction':'SCMP_ACT_ERRNO',\n"
			      "'syscalls':[{'names':['read']},{'names':['mmap'],\n"
			      "'action':'SCMP_ACT_ALLOW','args':[{'index':0,'value':0,\n"
			      "'op':'SCMP_CMP_EQ'}]}]}",
			      0, &p, &err));
	EXPECT_STREQ("syscalls[0].action", err.path);
	ASSERT_EQ(-1, compile("{'defaultAction':'SCMP_ACT_ERRNO','syscalls':[{'names':['mmap'],\n"
			      "'action':'SCMP_ACT_ALLOW','args':[{'index':0,'value':0,\n"
			      "'op':'SCMP_CMP_EQ'}]},{'names':['mmap'],\n"
			      "'action':'SCMP_ACT_ALLOW','args':[{'index':0,'value':0,\n"
			      "'op':'SCMP_CMP_ROUGHLY'}]}]}",
			      0, &p, &err));
	EXPECT_STREQ("syscalls[1].args[0].op", err.path);
	EXPECT_NE(NULL, strstr(err.msg, "SCMP_CMP_ROUGHLY"));
}

TEST(conditions_on_one_index_are_anded)
{
	const struct ksentry_rule *r = NULL;
	struct policy_error err;
	struct policy p;

	ASSERT_EQ(0, compile("{'defaultAction':'SCMP_ACT_ERRNO','syscalls':[{'names':['kill'],\n"
			     "'action':'SCMP_ACT_ALLOW','args':[{'index':1,'value':9,\n"
			     "'op':'SCMP_CMP_NE'},{'index':1,'value':19,'op':'SCMP_CMP_NE'}]}]}",
			     0, &p, &err));
	ASSERT_EQ(1, rules_of(&p, "kill", &r));
	EXPECT_EQ(2, r->nr_conds);
	EXPECT_EQ(ALLOW, decide(&p, "kill", 1, SIGTERM));
	EXPECT_EQ(EPERM_ACT, decide(&p, "kill", 1, SIGKILL));
	EXPECT_EQ(EPERM_ACT, decide(&p, "kill", 1, SIGSTOP));
	policy_free(&p);
}

TEST(more_than_6_conditions_are_refused)
{
	struct policy_error err;
	struct policy p;

	ASSERT_EQ(-1, compile("{'defaultAction':'SCMP_ACT_ERRNO','syscalls':[{'names':['kill'],\n"
			      "'action':'SCMP_ACT_ALLOW','args':[\n"
			      "{'index':0,'value':0,'op':'SCMP_CMP_NE'},\n"
			      "{'index':1,'value':0,'op':'SCMP_CMP_NE'},\n"
			      "{'index':2,'value':0,'op':'SCMP_CMP_NE'},\n"
			      "{'index':3,'value':0,'op':'SCMP_CMP_NE'},\n"
			      "{'index':4,'value':0,'op':'SCMP_CMP_NE'},\n"
			      "{'index':5,'value':0,'op':'SCMP_CMP_NE'},\n"
			      "{'index':0,'value':1,'op':'SCMP_CMP_NE'}]}]}",
			      0, &p, &err));
	EXPECT_STREQ("syscalls[0].args", err.path);
}

/* JSON shapes */

TEST(wrong_json_types_name_their_path)
{
	static const struct {
		const char *text;
		const char *path;
	} cases[] = {
		{ "[]", "(top level)" },
		{ "{'defaultAction':1}", "defaultAction" },
		{ "{'defaultAction':'SCMP_ACT_ERRNO','syscalls':{}}", "syscalls" },
		{ "{'defaultAction':'SCMP_ACT_ERRNO','syscalls':[7]}", "syscalls[0]" },
		{ "{'defaultAction':'SCMP_ACT_ERRNO','syscalls':[{'names':'read',\n"
		  "'action':'SCMP_ACT_ALLOW'}]}",
		  "syscalls[0].names" },
		{ "{'defaultAction':'SCMP_ACT_ERRNO','syscalls':[{'names':['read',3],\n"
		  "'action':'SCMP_ACT_ALLOW'}]}",
		  "syscalls[0].names[1]" },
		{ "{'defaultAction':'SCMP_ACT_ERRNO','syscalls':[{'names':['read'],\n"
		  "'action':true}]}",
		  "syscalls[0].action" },
		{ "{'defaultAction':'SCMP_ACT_ERRNO','syscalls':[{'names':['read'],\n"
		  "'action':'SCMP_ACT_ALLOW','args':{}}]}",
		  "syscalls[0].args" },
		{ "{'defaultAction':'SCMP_ACT_ERRNO','syscalls':[{'names':['read'],\n"
		  "'action':'SCMP_ACT_ALLOW','args':[[]]}]}",
		  "syscalls[0].args[0]" },
		{ "{'defaultAction':'SCMP_ACT_ERRNO','syscalls':[{'names':['read'],\n"
		  "'action':'SCMP_ACT_ALLOW','args':[{'index':'0','value':0,\n"
		  "'op':'SCMP_CMP_EQ'}]}]}",
		  "syscalls[0].args[0].index" },
		{ "{'defaultAction':'SCMP_ACT_ERRNO','syscalls':[{'names':['read'],\n"
		  "'action':'SCMP_ACT_ALLOW','args':[{'index':0,'value':'0',\n"
		  "'op':'SCMP_CMP_EQ'}]}]}",
		  "syscalls[0].args[0].value" },
		{ "{'defaultAction':'SCMP_ACT_ERRNO','syscalls':[{'names':['read'],\n"
		  "'action':'SCMP_ACT_ALLOW','args':[{'index':0,'value':0,'op':1}]}]}",
		  "syscalls[0].args[0].op" },
		{ "{'defaultAction':'SCMP_ACT_ERRNO','syscalls':[{'names':['read'],\n"
		  "'action':'SCMP_ACT_ALLOW','includes':[]}]}",
		  "syscalls[0].includes" },
		{ "{'defaultAction':'SCMP_ACT_ERRNO','syscalls':[{'names':['read'],\n"
		  "'action':'SCMP_ACT_ALLOW','includes':{'caps':'CAP_SYS_ADMIN'}}]}",
		  "syscalls[0].includes.caps" },
		{ "{'defaultAction':'SCMP_ACT_ERRNO','syscalls':[{'names':['read'],\n"
		  "'action':'SCMP_ACT_ALLOW','excludes':{'arches':[1]}}]}",
		  "syscalls[0].excludes.arches[0]" },
		{ "{'defaultAction':'SCMP_ACT_ERRNO','syscalls':[{'names':['read'],\n"
		  "'action':'SCMP_ACT_ALLOW','includes':{'minKernel':4.8}}]}",
		  "syscalls[0].includes.minKernel" },
		{ "{'defaultAction':'SCMP_ACT_ERRNO','architectures':'SCMP_ARCH_X86'}",
		  "architectures" },
		{ "{'defaultAction':'SCMP_ACT_ERRNO',\n"
		  "'archMap':[{'architecture':'SCMP_ARCH_X86_64',\n"
		  "'subArchitectures':'SCMP_ARCH_X86'}]}",
		  "archMap[0].subArchitectures" },
		{ "{'defaultAction':'SCMP_ACT_ERRNO','flags':[1]}", "flags[0]" },
		{ "{'defaultAction':'SCMP_ACT_ERRNO','listenerPath':5}", "listenerPath" },
	};
	struct policy_error err;
	struct policy p;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		ASSERT_EQ(-1, compile(cases[i].text, 0, &p, &err))
			TH_LOG("%s", cases[i].text);
		EXPECT_STREQ(cases[i].path, err.path)
			TH_LOG("%s: %s", cases[i].text, err.msg);
		EXPECT_NE(0, err.msg[0]);
	}
}

TEST(missing_members_name_their_path)
{
	static const struct {
		const char *text;
		const char *path;
	} cases[] = {
		{ "{'defaultAction':'SCMP_ACT_ERRNO','syscalls':[{'action':'SCMP_ACT_ALLOW'}]}",
		  "syscalls[0].names" },
		{ "{'defaultAction':'SCMP_ACT_ERRNO','syscalls':[{'names':[],\n"
		  "'action':'SCMP_ACT_ALLOW'}]}",
		  "syscalls[0].names" },
		{ "{'defaultAction':'SCMP_ACT_ERRNO','syscalls':[{'names':['read']}]}",
		  "syscalls[0].action" },
		{ "{'defaultAction':'SCMP_ACT_ERRNO','syscalls':[{'names':['read'],\n"
		  "'action':'SCMP_ACT_ALLOW','args':[{'value':0,'op':'SCMP_CMP_EQ'}]}]}",
		  "syscalls[0].args[0].index" },
		{ "{'defaultAction':'SCMP_ACT_ERRNO','syscalls':[{'names':['read'],\n"
		  "'action':'SCMP_ACT_ALLOW','args':[{'index':0,'op':'SCMP_CMP_EQ'}]}]}",
		  "syscalls[0].args[0].value" },
		{ "{'defaultAction':'SCMP_ACT_ERRNO','syscalls':[{'names':['read'],\n"
		  "'action':'SCMP_ACT_ALLOW','args':[{'index':0,'value':0}]}]}",
		  "syscalls[0].args[0].op" },
		{ "{'defaultAction':'SCMP_ACT_ERRNO','syscalls':[{'names':[''],\n"
		  "'action':'SCMP_ACT_ALLOW'}]}",
		  "syscalls[0].names[0]" },
	};
	struct policy_error err;
	struct policy p;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		ASSERT_EQ(-1, compile(cases[i].text, 0, &p, &err))
			TH_LOG("%s", cases[i].text);
		EXPECT_STREQ(cases[i].path, err.path)
			TH_LOG("%s: %s", cases[i].text, err.msg);
	}
}

TEST(old_name_member_is_accepted)
{
	struct policy_error err;
	struct policy p;

	ASSERT_EQ(0, compile("{'defaultAction':'SCMP_ACT_ERRNO','syscalls':[{'name':'getpid',\n"
			     "'action':'SCMP_ACT_ALLOW','args':null}]}",
			     0, &p, &err));
	EXPECT_EQ(ALLOW, decide(&p, "getpid", 0));
	policy_free(&p);
	/* Docker refuses both at once. */
	ASSERT_EQ(-1, compile("{'defaultAction':'SCMP_ACT_ERRNO','syscalls':[{'name':'getpid',\n"
			      "'names':['read'],'action':'SCMP_ACT_ALLOW'}]}",
			      0, &p, &err));
	EXPECT_STREQ("syscalls[0]", err.path);
	/* An empty name beside names is no name. */
	ASSERT_EQ(0, compile("{'defaultAction':'SCMP_ACT_ERRNO','syscalls':[{'name':'',\n"
			     "'names':['read'],'action':'SCMP_ACT_ALLOW'}]}",
			     0, &p, &err));
	EXPECT_EQ(ALLOW, decide(&p, "read", 0));
	policy_free(&p);
}

/* Combining groups */

TEST(two_unconditional_groups_take_the_more_restrictive)
{
	struct policy_error err;
	struct policy p;

	ASSERT_EQ(0, compile("{'defaultAction':'SCMP_ACT_ERRNO','syscalls':[{'names':['getpid',\n"
			     "'getpid'],'action':'SCMP_ACT_ALLOW'},{'names':['getpid'],\n"
			     "'action':'SCMP_ACT_KILL_PROCESS'}]}",
			     0, &p, &err));
	EXPECT_EQ(KSENTRY_ACT_KILL_PROCESS, entry_of(&p, "getpid"));
	policy_free(&p);
	ASSERT_EQ(0, compile("{'defaultAction':'SCMP_ACT_ERRNO',\n"
			     "'syscalls':[{'names':['getpid'],'action':'SCMP_ACT_TRAP'},\n"
			     "{'names':['getpid'],'action':'SCMP_ACT_LOG'}]}",
			     0, &p, &err));
	EXPECT_EQ(KSENTRY_ACT_TRAP, entry_of(&p, "getpid"));
	policy_free(&p);
	/* Of two errnos, the first, as libseccomp keeps it. */
	ASSERT_EQ(0, compile("{'defaultAction':'SCMP_ACT_ALLOW',\n"
			     "'syscalls':[{'names':['getpid'],'action':'SCMP_ACT_ERRNO',\n"
			     "'errnoRet':5},{'names':['getpid'],'action':'SCMP_ACT_ERRNO',\n"
			     "'errnoRet':6}]}",
			     0, &p, &err));
	EXPECT_EQ(KSENTRY_ACT_ERRNO_OF(5), entry_of(&p, "getpid"));
	/* A name twice in one group is one entry. */
	EXPECT_EQ(1, p.nr_entries);
	policy_free(&p);
}

TEST(unconditional_group_overrides_rules_in_either_order)
{
	static const char *const texts[] = {
		"{'defaultAction':'SCMP_ACT_ERRNO','syscalls':[{'names':['kill'],\n"
		"'action':'SCMP_ACT_ALLOW','args':[{'index':1,'value':0,'op':'SCMP_CMP_EQ'}]},\n"
		"{'names':['kill'],'action':'SCMP_ACT_ERRNO','errnoRet':5}]}",
		"{'defaultAction':'SCMP_ACT_ERRNO','syscalls':[{'names':['kill'],\n"
		"'action':'SCMP_ACT_ERRNO','errnoRet':5},{'names':['kill'],\n"
		"'action':'SCMP_ACT_ALLOW','args':[{'index':1,'value':0,'op':'SCMP_CMP_EQ'}]}]}",
	};
	struct policy_error err;
	struct policy p;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(texts); i++) {
		ASSERT_EQ(0, compile(texts[i], 0, &p, &err));
		EXPECT_EQ(KSENTRY_ACT_ERRNO_OF(5), entry_of(&p, "kill"));
		EXPECT_EQ(0, rules_of(&p, "kill", NULL));
		EXPECT_EQ(KSENTRY_ACT_ERRNO_OF(5), decide(&p, "kill", 1, 0));
		policy_free(&p);
	}
}

TEST(groups_with_the_default_action_are_dropped)
{
	struct policy_error err;
	struct policy p;

	/*
	 * The ERRNO(EPERM) group is the default: runc drops it, so it does
	 * not hide the conditional ALLOW.  An ERRNO with another errno stays.
	 */
	ASSERT_EQ(0, compile("{'defaultAction':'SCMP_ACT_ERRNO','syscalls':[{'names':['kill',\n"
			     "'getpid'],'action':'SCMP_ACT_ERRNO'},{'names':['kill'],\n"
			     "'action':'SCMP_ACT_ALLOW','args':[{'index':1,'value':0,\n"
			     "'op':'SCMP_CMP_EQ'}]},{'names':['tkill'],\n"
			     "'action':'SCMP_ACT_ERRNO','errnoRet':38}]}",
			     0, &p, &err));
	EXPECT_EQ(0, entry_of(&p, "kill"));
	EXPECT_EQ(0, entry_of(&p, "getpid"));
	EXPECT_EQ(ENOSYS_ACT, entry_of(&p, "tkill"));
	EXPECT_EQ(1, rules_of(&p, "kill", NULL));
	EXPECT_EQ(ALLOW, decide(&p, "kill", 1, 0));
	EXPECT_EQ(EPERM_ACT, decide(&p, "kill", 1, 9));
	policy_free(&p);
}

TEST(rules_go_most_restrictive_first_then_profile_order)
{
	const struct ksentry_rule *r = NULL;
	struct policy_error err;
	struct policy p;

	ASSERT_EQ(0, compile("{'defaultAction':'SCMP_ACT_ERRNO','syscalls':[\n"
			     "{'names':['kill'],'action':'SCMP_ACT_ALLOW',\n"
			     " 'args':[{'index':0,'value':1,'op':'SCMP_CMP_EQ'}]},\n"
			     "{'names':['kill'],'action':'SCMP_ACT_ERRNO','errnoRet':5,\n"
			     " 'args':[{'index':1,'value':2,'op':'SCMP_CMP_EQ'}]},\n"
			     "{'names':['kill'],'action':'SCMP_ACT_ALLOW',\n"
			     " 'args':[{'index':0,'value':3,'op':'SCMP_CMP_EQ'}]},\n"
			     "{'names':['kill'],'action':'SCMP_ACT_KILL_PROCESS',\n"
			     " 'args':[{'index':2,'value':3,'op':'SCMP_CMP_EQ'}]},\n"
			     "{'names':['kill'],'action':'SCMP_ACT_ALLOW',\n"
			     " 'args':[{'index':0,'value':1,'op':'SCMP_CMP_EQ'}]}]}",
			     0, &p, &err));
	/* The repeated ALLOW is kept once. */
	ASSERT_EQ(4, rules_of(&p, "kill", &r));
	EXPECT_EQ(KSENTRY_ACT_KILL_PROCESS, r[0].action);
	EXPECT_EQ(KSENTRY_ACT_ERRNO_OF(5), r[1].action);
	EXPECT_EQ(ALLOW, r[2].action);
	EXPECT_EQ(1, r[2].conds[0].value);
	EXPECT_EQ(ALLOW, r[3].action);
	EXPECT_EQ(3, r[3].conds[0].value);
	/* Where an ALLOW and a deny both hold, the deny decides. */
	EXPECT_EQ(KSENTRY_ACT_ERRNO_OF(5), decide(&p, "kill", 1, 2));
	EXPECT_EQ(ALLOW, decide(&p, "kill", 1, 9));
	EXPECT_EQ(EPERM_ACT, decide(&p, "kill", 2, 9));
	policy_free(&p);
}

TEST(too_many_rules_are_refused)
{
	struct json_object *doc, *groups;
	struct policy_error err;
	struct policy p;
	char group[256];
	int i;

	doc = profile("{'defaultAction':'SCMP_ACT_ERRNO','syscalls':[]}");
	ASSERT_NE(NULL, doc);
	json_object_object_get_ex(doc, "syscalls", &groups);
	for (i = 0; i <= KSENTRY_MAX_RULES; i++) {
		/* The last one, on another call, is one too many. */
		snprintf(group, sizeof(group),
			 "{'names':['%s'],'action':'SCMP_ACT_ALLOW',\n"
			 "'args':[{'index':1,'value':%d,'op':'SCMP_CMP_EQ'}]}",
			 i < KSENTRY_MAX_RULES ? "kill" : "tkill", i);
		if (i == KSENTRY_MAX_RULES) {
			ASSERT_EQ(0, policy_compile(doc, 0, &p, &err));
			EXPECT_EQ(KSENTRY_MAX_RULES, p.nr_rules);
			EXPECT_TRUE(within_limits(&p));
			policy_free(&p);
		}
		json_object_array_add(groups, profile(group));
	}
	ASSERT_EQ(-1, policy_compile(doc, 0, &p, &err));
	EXPECT_STREQ("syscalls", err.path);
	EXPECT_NE(NULL, strstr(err.msg, "1025")) TH_LOG("%s", err.msg);
	json_object_put(doc);
}

/* Includes and excludes */

/* applies - Whether a group with @filter applies for @caps. */
static int applies(const char *filter, const uint64_t caps)
{
	struct policy_error err;
	struct policy p;
	char text[512];
	int ret;

	snprintf(text, sizeof(text),
		 "{'defaultAction':'SCMP_ACT_ERRNO','syscalls':[{'names':['getpid'],\n"
		 "'action':'SCMP_ACT_ALLOW',%s}]}",
		 filter);
	if (compile(text, caps, &p, &err))
		return -1;
	ret = entry_of(&p, "getpid") == ALLOW;
	policy_free(&p);
	return ret;
}

TEST(includes_caps_need_all_excludes_caps_any)
{
	const uint64_t admin = POLICY_CAP(CAP_SYS_ADMIN);
	const uint64_t nice = POLICY_CAP(CAP_SYS_NICE);
	const char *inc = "'includes':{'caps':['CAP_SYS_ADMIN','CAP_SYS_NICE']}";
	const char *exc = "'excludes':{'caps':['CAP_SYS_ADMIN','CAP_SYS_NICE']}";

	EXPECT_EQ(0, applies(inc, 0));
	EXPECT_EQ(0, applies(inc, admin));
	EXPECT_EQ(1, applies(inc, admin | nice));
	EXPECT_EQ(1, applies(inc, POLICY_CAPS_ALL));
	EXPECT_EQ(1, applies(exc, 0));
	EXPECT_EQ(0, applies(exc, nice));
	EXPECT_EQ(0, applies(exc, admin | nice));
	/* Empty lists test nothing. */
	EXPECT_EQ(1, applies("'includes':{'caps':[]},'excludes':{'caps':[]}", 0));
	/* A capability unknown to runsc-lite is never held. */
	EXPECT_EQ(0, applies("'includes':{'caps':['CAP_FLY']}", POLICY_CAPS_ALL));
	EXPECT_EQ(1, applies("'excludes':{'caps':['CAP_FLY']}", POLICY_CAPS_ALL));
}

TEST(arches_match_amd64)
{
	EXPECT_EQ(1, applies("'includes':{'arches':['amd64']}", 0));
	EXPECT_EQ(1, applies("'includes':{'arches':['x32','amd64','x86']}", 0));
	EXPECT_EQ(0, applies("'includes':{'arches':['arm64']}", 0));
	EXPECT_EQ(0, applies("'includes':{'arches':['x86_64']}", 0));
	EXPECT_EQ(0, applies("'excludes':{'arches':['s390x','amd64']}", 0));
	EXPECT_EQ(1, applies("'excludes':{'arches':['s390x','x86']}", 0));
	/* Docker's clone: both must hold. */
	EXPECT_EQ(0, applies("'includes':{'arches':['amd64']},\n"
			     "'excludes':{'caps':['CAP_SYS_ADMIN']}",
			     POLICY_CAP(CAP_SYS_ADMIN)));
}

TEST(min_kernel_compares_with_uname)
{
	struct policy_error err;
	struct policy p;
	struct utsname u;
	char filter[128];
	int major, minor;
	char *end;

	ASSERT_EQ(0, uname(&u));
	major = strtol(u.release, &end, 10);
	ASSERT_EQ('.', *end);
	minor = strtol(end + 1, NULL, 10);
	EXPECT_EQ(1, applies("'includes':{'minKernel':'1.0'}", 0));
	EXPECT_EQ(1, applies("'includes':{'minKernel':'4.8'}", 0));
	EXPECT_EQ(0, applies("'includes':{'minKernel':'999.0'}", 0));
	EXPECT_EQ(0, applies("'excludes':{'minKernel':'1.0'}", 0));
	EXPECT_EQ(1, applies("'excludes':{'minKernel':'999.0.1'}", 0));
	/* The running kernel's own major.minor is "at least". */
	snprintf(filter, sizeof(filter), "'includes':{'minKernel':'%d.%d'}",
		 major, minor);
	EXPECT_EQ(1, applies(filter, 0));
	snprintf(filter, sizeof(filter), "'includes':{'minKernel':'%d.%d'}",
		 major, minor + 1);
	EXPECT_EQ(0, applies(filter, 0));

	ASSERT_EQ(-1, compile("{'defaultAction':'SCMP_ACT_ERRNO',\n"
			      "'syscalls':[{'names':['getpid'],'action':'SCMP_ACT_ALLOW',\n"
			      "'includes':{'minKernel':'four'}}]}",
			      0, &p, &err));
	EXPECT_STREQ("syscalls[0].includes.minKernel", err.path);
	ASSERT_EQ(-1, compile("{'defaultAction':'SCMP_ACT_ERRNO',\n"
			      "'syscalls':[{'names':['getpid'],'action':'SCMP_ACT_ALLOW',\n"
			      "'excludes':{'minKernel':'5'}}]}",
			      0, &p, &err));
	EXPECT_STREQ("syscalls[0].excludes.minKernel", err.path);
}

/* Names and numbers */

TEST(unknown_names_are_collected_not_errors)
{
	struct policy_error err;
	struct policy p;

	ASSERT_EQ(0, compile("{'defaultAction':'SCMP_ACT_ERRNO',\n"
			     "'syscalls':[{'names':['_llseek','no_such_call','getpid'],\n"
			     "'action':'SCMP_ACT_ALLOW'},{'names':['no_such_call'],\n"
			     "'action':'SCMP_ACT_ALLOW','args':[{'index':0,'value':0,\n"
			     "'op':'SCMP_CMP_EQ'}]},{'names':['arm_fadvise64_64'],\n"
			     "'action':'SCMP_ACT_ALLOW','includes':{'arches':['arm']}}]}",
			     0, &p, &err));
	EXPECT_EQ(2, p.nr_unknown_names);
	EXPECT_TRUE(has_unknown(&p, "_llseek"));
	EXPECT_TRUE(has_unknown(&p, "no_such_call"));
	/* Groups that do not apply add nothing. */
	EXPECT_FALSE(has_unknown(&p, "arm_fadvise64_64"));
	EXPECT_EQ(ALLOW, entry_of(&p, "getpid"));
	EXPECT_EQ(0, p.nr_rules);
	policy_free(&p);
}

TEST(numbers_above_the_profile_get_enosys)
{
	struct policy_error err;
	struct policy p;
	__u32 i;

	ASSERT_EQ(0, compile("{'defaultAction':'SCMP_ACT_ERRNO','syscalls':[{'names':['getpid',\n"
			     "'read'],'action':'SCMP_ACT_ALLOW'}]}",
			     0, &p, &err));
	/* read (0), getpid (39), then ENOSYS from 40 to the end. */
	ASSERT_EQ(2 + KSENTRY_TABLE_SIZE - (nr_of("getpid") + 1), p.nr_entries);
	EXPECT_EQ(ALLOW, decide(&p, "getpid", 0));
	EXPECT_EQ(ALLOW, decide(&p, "read", 0));
	EXPECT_EQ(EPERM_ACT, decide(&p, "write", 0));
	EXPECT_EQ(ENOSYS_ACT, decide(&p, "kill", 0));
	EXPECT_EQ(ENOSYS_ACT, decide_nr(&p, KSENTRY_TABLE_SIZE - 1, no_args));
	for (i = 1; i < p.nr_entries; i++)
		EXPECT_GT(p.entries[i].nr, p.entries[i - 1].nr);
	policy_free(&p);

	/* Not when the default is ENOSYS already, or allows. */
	ASSERT_EQ(0, compile("{'defaultAction':'SCMP_ACT_ERRNO','defaultErrnoRet':38,\n"
			     "'syscalls':[{'names':['getpid'],'action':'SCMP_ACT_ALLOW'}]}",
			     0, &p, &err));
	EXPECT_EQ(1, p.nr_entries);
	policy_free(&p);
	ASSERT_EQ(0, compile("{'defaultAction':'SCMP_ACT_LOG','syscalls':[{'names':['getpid'],\n"
			     "'action':'SCMP_ACT_ERRNO'}]}",
			     0, &p, &err));
	EXPECT_EQ(1, p.nr_entries);
	policy_free(&p);
	/* A kill default gets the stub too. */
	ASSERT_EQ(0, compile("{'defaultAction':'SCMP_ACT_KILL','syscalls':[{'names':['getpid'],\n"
			     "'action':'SCMP_ACT_ALLOW'}]}",
			     0, &p, &err));
	EXPECT_EQ(ENOSYS_ACT, decide(&p, "kill", 0));
	policy_free(&p);
}

/* Architectures and flags */

TEST(ia32_and_x32_follow_the_architectures)
{
	struct policy_error err;
	struct policy p;

	/* Not admitted: libseccomp's bad-architecture kill. */
	ASSERT_EQ(0, compile("{'defaultAction':'SCMP_ACT_ERRNO'}", 0, &p, &err));
	EXPECT_EQ(KSENTRY_ACT_KILL_THREAD, p.ia32_action);
	EXPECT_EQ(KSENTRY_ACT_KILL_THREAD, p.x32_action);
	policy_free(&p);
	ASSERT_EQ(0, compile("{'defaultAction':'SCMP_ACT_ERRNO','defaultErrnoRet':13,\n"
			     "'architectures':['SCMP_ARCH_X86_64','SCMP_ARCH_X86']}",
			     0, &p, &err));
	EXPECT_EQ(KSENTRY_ACT_ERRNO_OF(EACCES), p.ia32_action);
	EXPECT_EQ(KSENTRY_ACT_KILL_THREAD, p.x32_action);
	policy_free(&p);
	/* Admitted with an allowing default: ENOSYS. */
	ASSERT_EQ(0, compile("{'defaultAction':'SCMP_ACT_ALLOW',\n"
			     "'architectures':['SCMP_ARCH_X32','SCMP_ARCH_X86']}",
			     0, &p, &err));
	EXPECT_EQ(ENOSYS_ACT, p.ia32_action);
	EXPECT_EQ(ENOSYS_ACT, p.x32_action);
	policy_free(&p);
	/* archMap: only x86_64's entry counts here. */
	ASSERT_EQ(0, compile("{'defaultAction':'SCMP_ACT_TRAP',\n"
			     "'archMap':[{'architecture':'SCMP_ARCH_AARCH64',\n"
			     "'subArchitectures':['SCMP_ARCH_X86']},\n"
			     "{'architecture':'SCMP_ARCH_X86_64',\n"
			     "'subArchitectures':['SCMP_ARCH_X32']}]}",
			     0, &p, &err));
	EXPECT_EQ(KSENTRY_ACT_KILL_THREAD, p.ia32_action);
	EXPECT_EQ(KSENTRY_ACT_TRAP, p.x32_action);
	policy_free(&p);

	ASSERT_EQ(-1, compile("{'defaultAction':'SCMP_ACT_ERRNO',\n"
			      "'architectures':['SCMP_ARCH_X86_64'],\n"
			      "'archMap':[{'architecture':'SCMP_ARCH_X86_64'}]}",
			      0, &p, &err));
	EXPECT_STREQ("archMap", err.path);
	ASSERT_EQ(-1, compile("{'defaultAction':'SCMP_ACT_ERRNO',\n"
			      "'architectures':['SCMP_ARCH_X86_64','SCMP_ARCH_Z80']}",
			      0, &p, &err));
	EXPECT_STREQ("architectures[1]", err.path);
	ASSERT_EQ(-1, compile("{'defaultAction':'SCMP_ACT_ERRNO',\n"
			      "'archMap':[{'architecture':'x86_64'}]}",
			      0, &p, &err));
	EXPECT_STREQ("archMap[0].architecture", err.path);
}

TEST(known_flags_are_accepted_others_refused)
{
	struct policy_error err;
	struct policy p;

	ASSERT_EQ(0, compile("{'defaultAction':'SCMP_ACT_ERRNO',\n"
			     "'flags':['SECCOMP_FILTER_FLAG_TSYNC','SECCOMP_FILTER_FLAG_LOG',\n"
			     "'SECCOMP_FILTER_FLAG_SPEC_ALLOW',\n"
			     "'SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV']}",
			     0, &p, &err));
	policy_free(&p);
	ASSERT_EQ(-1, compile("{'defaultAction':'SCMP_ACT_ERRNO',\n"
			      "'flags':['SECCOMP_FILTER_FLAG_LOG',\n"
			      "'SECCOMP_FILTER_FLAG_NEW_LISTENER']}",
			      0, &p, &err));
	EXPECT_STREQ("flags[1]", err.path);
	ASSERT_EQ(-1, compile("{'defaultAction':'SCMP_ACT_ERRNO',\n"
			      "'flags':['SECCOMP_FILTER_FLAG_FAST']}",
			      0, &p, &err));
	EXPECT_STREQ("flags[0]", err.path);
}

/* Files */

/*
 * write_tmp - Write @text, every ' made a ", to a new temporary file; its
 * path in @path.
 */
static int write_tmp(const char *text, char *path, const size_t size)
{
	const size_t len = strlen(text);
	char *s = strdup(text), *p;
	int fd;

	snprintf(path, size, "/tmp/policy_test.XXXXXX");
	fd = s ? mkstemp(path) : -1;
	if (fd < 0) {
		free(s);
		return -1;
	}
	for (p = s; *p; p++)
		if (*p == '\'')
			*p = '"';
	if (write(fd, s, len) != (ssize_t)len) {
		free(s);
		close(fd);
		return -1;
	}
	free(s);
	return close(fd);
}

TEST(file_errors_give_line_and_column)
{
	static const struct {
		const char *text;
		const char *where;
	} cases[] = {
		{ "{\n  'defaultAction': 'SCMP_ACT_ERRNO',\n  'syscalls': [,]\n}\n",
		  ":3:16" },
		{ "{'defaultAction': 'SCMP_ACT_ERRNO'", ":1:35" },
		{ "{'defaultAction': 'SCMP_ACT_ERRNO'}\n}", ":2:1" },
		{ "{'defaultAction': 'SCMP_ACT_ERRNO', }", ":1:37" },
		/* json-c would clamp it to 2^64 - 1. */
		{ "{'defaultAction': 'SCMP_ACT_ERRNO',\n"
		  " 'syscalls': [{'names': ['kill'], 'action': 'SCMP_ACT_ALLOW',\n"
		  "  'args': [{'index': 0, 'value': 18446744073709551616, 'op': 'SCMP_CMP_EQ'}]}]}",
		  ":3:34" },
		{ "", ":1:1" },
	};
	char path[64], want[128];
	struct policy_error err;
	struct policy p;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		ASSERT_EQ(0, write_tmp(cases[i].text, path, sizeof(path)));
		EXPECT_EQ(-1, policy_compile_file(path, 0, &p, &err))
			TH_LOG("case %zu", i);
		snprintf(want, sizeof(want), "%s%s", path, cases[i].where);
		EXPECT_STREQ(want, err.path) TH_LOG("case %zu: %s", i, err.msg);
		EXPECT_NE(0, err.msg[0]);
		unlink(path);
	}

	EXPECT_EQ(-1, policy_compile_file("/nonexistent/profile.json", 0, &p,
					  &err));
	EXPECT_STREQ("/nonexistent/profile.json", err.path);
	EXPECT_STREQ(strerror(ENOENT), err.msg);

	/* A valid file compiles; a compile error keeps the JSON path. */
	ASSERT_EQ(0, write_tmp("{'defaultAction': 'SCMP_ACT_ERRNO',\n"
			       " 'syscalls': [{'names': ['getpid'], 'action': 'SCMP_ACT_ALLOW'}]}\n",
			       path, sizeof(path)));
	ASSERT_EQ(0, policy_compile_file(path, 0, &p, &err));
	EXPECT_EQ(ALLOW, decide(&p, "getpid", 0));
	policy_free(&p);
	unlink(path);
	ASSERT_EQ(0, write_tmp("{'defaultAction': 'SCMP_ACT_NONE'}", path,
			       sizeof(path)));
	ASSERT_EQ(-1, policy_compile_file(path, 0, &p, &err));
	EXPECT_STREQ("defaultAction", err.path);
	unlink(path);
}

/* Docker's and podman's profiles */

/* real_profile - The file named by $@var, or NULL. */
static const char *real_profile(const char *var)
{
	const char *path = getenv(var);

	return path && *path ? path : NULL;
}

/*
 * groups_with_args - Whether the profile at @path has a group for @name
 * with args (a conditional rule), whatever its includes.
 */
static bool groups_with_args(const char *path, const char *name)
{
	struct json_object *doc = json_object_from_file(path), *groups, *g, *v;
	bool found = false;
	size_t i, j;

	if (!doc || !json_object_object_get_ex(doc, "syscalls", &groups))
		goto out;
	for (i = 0; i < json_object_array_length(groups); i++) {
		g = json_object_array_get_idx(groups, i);
		if (!json_object_object_get_ex(g, "args", &v) || !v ||
		    !json_object_array_length(v) ||
		    !json_object_object_get_ex(g, "names", &v))
			continue;
		for (j = 0; j < json_object_array_length(v); j++) {
			g = json_object_array_get_idx(v, j);
			found |= !strcmp(name, json_object_get_string(g));
		}
	}
out:
	json_object_put(doc);
	return found;
}

TEST(docker_profile_with_default_caps)
{
	const char *path = real_profile("DOCKER_PROFILE");
	struct policy_error err;
	__u32 fchmodat2, vsock;
	struct policy p;

	if (!path)
		SKIP(return, "DOCKER_PROFILE is not set: see tools/testing/fetch-profiles");
	ASSERT_EQ(0, policy_compile_file(path, POLICY_CAPS_DOCKER, &p, &err))
		TH_LOG("%s: %s", err.path, err.msg);
	EXPECT_TRUE(within_limits(&p));
	EXPECT_EQ(EPERM_ACT, p.default_action);
	/* Docker's archMap admits ia32 and x32: denied whole. */
	EXPECT_EQ(EPERM_ACT, p.ia32_action);
	EXPECT_EQ(EPERM_ACT, p.x32_action);
	EXPECT_TRUE(has_unknown(&p, "_llseek"));

	EXPECT_EQ(ALLOW, decide(&p, "getpid", 0));
	EXPECT_EQ(ALLOW, decide(&p, "read", 0));
	EXPECT_EQ(ALLOW, decide(&p, "execve", 0));
	EXPECT_EQ(ALLOW, decide(&p, "arch_prctl", 0));
	EXPECT_EQ(ALLOW, decide(&p, "chroot", 0));
	/* From Linux 4.8 in Docker's profile. */
	EXPECT_EQ(ALLOW, decide(&p, "ptrace", 0));
	EXPECT_EQ(EPERM_ACT, decide(&p, "mount", 0));
	EXPECT_EQ(EPERM_ACT, decide(&p, "umount2", 0));
	EXPECT_EQ(EPERM_ACT, decide(&p, "unshare", 0));
	EXPECT_EQ(EPERM_ACT, decide(&p, "bpf", 0));
	EXPECT_EQ(EPERM_ACT, decide(&p, "reboot", 0));
	EXPECT_EQ(EPERM_ACT, decide(&p, "kexec_load", 0));
	EXPECT_EQ(EPERM_ACT, decide(&p, "open_by_handle_at", 0));
	EXPECT_EQ(EPERM_ACT, decide(&p, "init_module", 0));

	/* clone without namespace flags; clone3 ENOSYS for glibc. */
	EXPECT_EQ(1, rules_of(&p, "clone", NULL));
	EXPECT_EQ(ALLOW, decide(&p, "clone", SIGCHLD));
	EXPECT_EQ(ALLOW, decide(&p, "clone", CLONE_VM | CLONE_THREAD | CLONE_SIGHAND));
	EXPECT_EQ(EPERM_ACT, decide(&p, "clone", CLONE_NEWUSER | SIGCHLD));
	EXPECT_EQ(EPERM_ACT, decide(&p, "clone", CLONE_NEWNS));
	EXPECT_EQ(ENOSYS_ACT, decide(&p, "clone3", 0));

	/* personality(x) for x in Docker's set. */
	EXPECT_EQ(5, rules_of(&p, "personality", NULL));
	EXPECT_EQ(ALLOW, decide(&p, "personality", PER_LINUX));
	EXPECT_EQ(ALLOW, decide(&p, "personality", PER_LINUX32));
	EXPECT_EQ(ALLOW, decide(&p, "personality", 0xffffffff));
	EXPECT_EQ(EPERM_ACT, decide(&p, "personality", READ_IMPLIES_EXEC));

	/* Newer Docker denies AF_VSOCK with a rule; 20.10 had none. */
	EXPECT_EQ(ALLOW, decide(&p, "socket", AF_INET, SOCK_STREAM));
	EXPECT_EQ(ALLOW, decide(&p, "socket", AF_UNIX, SOCK_STREAM));
	vsock = groups_with_args(path, "socket") ? EPERM_ACT : ALLOW;
	EXPECT_EQ(vsock, decide(&p, "socket", AF_VSOCK, SOCK_STREAM));

	/* Newer than the profile or in it: never EPERM, which glibc keeps. */
	fchmodat2 = decide(&p, "fchmodat2", 0);
	EXPECT_TRUE(fchmodat2 == ALLOW || fchmodat2 == ENOSYS_ACT);
	policy_free(&p);
}

TEST(docker_profile_with_all_caps)
{
	const char *path = real_profile("DOCKER_PROFILE");
	struct policy_error err;
	struct policy p;

	if (!path)
		SKIP(return, "DOCKER_PROFILE is not set: see tools/testing/fetch-profiles");
	ASSERT_EQ(0, policy_compile_file(path, POLICY_CAPS_ALL, &p, &err))
		TH_LOG("%s: %s", err.path, err.msg);
	EXPECT_TRUE(within_limits(&p));
	EXPECT_EQ(ALLOW, decide(&p, "mount", 0));
	EXPECT_EQ(ALLOW, decide(&p, "unshare", 0));
	EXPECT_EQ(ALLOW, decide(&p, "setns", 0));
	EXPECT_EQ(ALLOW, decide(&p, "bpf", 0));
	EXPECT_EQ(ALLOW, decide(&p, "reboot", 0));
	EXPECT_EQ(ALLOW, decide(&p, "init_module", 0));
	EXPECT_EQ(ALLOW, decide(&p, "open_by_handle_at", 0));
	EXPECT_EQ(ALLOW, decide(&p, "clock_settime", 0));
	/* CAP_SYS_ADMIN's unconditional clone replaces the rule. */
	EXPECT_EQ(0, rules_of(&p, "clone", NULL));
	EXPECT_EQ(ALLOW, decide(&p, "clone", CLONE_NEWUSER | SIGCHLD));
	EXPECT_EQ(ALLOW, decide(&p, "clone3", 0));
	/* Never in Docker's profile. */
	EXPECT_EQ(EPERM_ACT, decide(&p, "kexec_load", 0));
	EXPECT_EQ(EPERM_ACT, decide(&p, "pivot_root", 0));
	policy_free(&p);

	/* CAP_SYS_ADMIN alone opens mount. */
	ASSERT_EQ(0, policy_compile_file(path, POLICY_CAPS_DOCKER |
						       POLICY_CAP(CAP_SYS_ADMIN),
					 &p, &err));
	EXPECT_EQ(ALLOW, decide(&p, "mount", 0));
	EXPECT_EQ(EPERM_ACT, decide(&p, "reboot", 0));
	policy_free(&p);
}

TEST(podman_profile)
{
	const char *path = real_profile("PODMAN_PROFILE");
	struct policy_error err;
	struct policy p;

	if (!path)
		SKIP(return, "PODMAN_PROFILE is not set: see tools/testing/fetch-profiles");
	ASSERT_EQ(0, policy_compile_file(path, POLICY_CAPS_DOCKER, &p, &err))
		TH_LOG("%s: %s", err.path, err.msg);
	EXPECT_TRUE(within_limits(&p));
	/* podman denies with ENOSYS: no stub is needed. */
	EXPECT_EQ(ENOSYS_ACT, p.default_action);
	EXPECT_EQ(ENOSYS_ACT, p.ia32_action);
	EXPECT_EQ(0, entry_of(&p, "fchmodat2") == ENOSYS_ACT);
	EXPECT_EQ(ALLOW, decide(&p, "getpid", 0));
	/* podman lets capabilities decide mount. */
	EXPECT_EQ(ALLOW, decide(&p, "mount", 0));
	EXPECT_EQ(ALLOW, decide(&p, "clone", CLONE_NEWUSER));
	EXPECT_EQ(EPERM_ACT, decide(&p, "kexec_load", 0));
	EXPECT_EQ(EPERM_ACT, decide(&p, "bpf", 0));
	EXPECT_EQ(EPERM_ACT, decide(&p, "open_by_handle_at", 0));
	EXPECT_EQ(5, rules_of(&p, "personality", NULL));
	/* With CAP_AUDIT_WRITE, socket is unconditional. */
	EXPECT_EQ(0, rules_of(&p, "socket", NULL));
	EXPECT_EQ(ALLOW, decide(&p, "socket", AF_NETLINK, SOCK_RAW,
				NETLINK_AUDIT_PROTO));
	policy_free(&p);

	ASSERT_EQ(0, policy_compile_file(path, 0, &p, &err));
	EXPECT_TRUE(within_limits(&p));
	EXPECT_EQ(KSENTRY_ACT_ERRNO_OF(EINVAL),
		  decide(&p, "socket", AF_NETLINK, SOCK_RAW, NETLINK_AUDIT_PROTO));
	EXPECT_EQ(ALLOW, decide(&p, "socket", AF_NETLINK, SOCK_RAW, 0));
	EXPECT_EQ(ALLOW, decide(&p, "socket", AF_INET, SOCK_RAW,
				NETLINK_AUDIT_PROTO));
	EXPECT_EQ(EPERM_ACT, decide(&p, "chroot", 0));
	policy_free(&p);

	ASSERT_EQ(0, policy_compile_file(path, POLICY_CAPS_ALL, &p, &err));
	EXPECT_TRUE(within_limits(&p));
	EXPECT_EQ(ALLOW, decide(&p, "bpf", 0));
	EXPECT_EQ(ALLOW, decide(&p, "open_by_handle_at", 0));
	policy_free(&p);
}

/* runsc-lite's default */

TEST(default_policy_is_valid)
{
	struct policy p;

	ASSERT_EQ(0, policy_default(POLICY_CAPS_DOCKER, &p));
	EXPECT_TRUE(within_limits(&p));
	EXPECT_EQ(EPERM_ACT, p.default_action);
	EXPECT_EQ(EPERM_ACT, p.ia32_action);
	EXPECT_EQ(EPERM_ACT, p.x32_action);
	/* Every name it lists is known to this libseccomp. */
	EXPECT_EQ(0, p.nr_unknown_names)
		TH_LOG("first unknown: %s", p.unknown_names[0]);
	policy_free(&p);
	ASSERT_EQ(0, policy_default(POLICY_CAPS_ALL, &p));
	EXPECT_TRUE(within_limits(&p));
	policy_free(&p);
	ASSERT_EQ(0, policy_default(0, &p));
	EXPECT_TRUE(within_limits(&p));
	policy_free(&p);
}

TEST(default_policy_allows_a_shell)
{
	static const char *const calls[] = {
		"read", "write", "openat", "close", "newfstatat", "fstat",
		"lseek", "mmap", "mprotect", "munmap", "brk", "rt_sigaction",
		"rt_sigprocmask", "rt_sigreturn", "ioctl", "pread64", "access",
		"pipe2", "dup2", "dup3", "fcntl", "getdents64", "getcwd",
		"chdir", "execve", "wait4", "exit_group", "kill", "uname",
		"getpid", "getppid", "getuid", "geteuid", "getgid", "getegid",
		"setpgid", "getpgrp", "setsid", "set_tid_address",
		"set_robust_list", "rseq", "prlimit64", "getrandom",
		"arch_prctl", "futex", "clock_gettime", "nanosleep", "poll",
		"select", "faccessat2", "statx", "readlink", "umask", "unlink",
		"mkdir", "rename", "chmod", "fchmodat", "chown",
		"utimensat", "vfork", "fork", "getrusage", "sysinfo", "ptrace",
		"connect", "sendto", "recvfrom", "bind", "listen", "accept4",
	};
	struct policy p;
	size_t i;

	ASSERT_EQ(0, policy_default(POLICY_CAPS_DOCKER, &p));
	for (i = 0; i < ARRAY_SIZE(calls); i++) {
		const char *call = calls[i];

		EXPECT_EQ(ALLOW, decide(&p, call, 0)) TH_LOG("%s", call);
	}
	/* fork(), posix_spawn() and threads as glibc makes them. */
	EXPECT_EQ(ALLOW, decide(&p, "clone", CLONE_CHILD_SETTID |
				CLONE_CHILD_CLEARTID | SIGCHLD));
	EXPECT_EQ(ALLOW, decide(&p, "clone", CLONE_VM | CLONE_VFORK | SIGCHLD));
	EXPECT_EQ(ALLOW, decide(&p, "clone", CLONE_VM | CLONE_FS | CLONE_FILES |
				CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM |
				CLONE_SETTLS | CLONE_PARENT_SETTID |
				CLONE_CHILD_CLEARTID));
	EXPECT_EQ(ENOSYS_ACT, decide(&p, "clone3", 0));
	/* Too new for Docker's profile: ENOSYS, so glibc falls back. */
	EXPECT_EQ(ENOSYS_ACT, decide(&p, "fchmodat2", 0));
	EXPECT_EQ(ENOSYS_ACT, decide(&p, "futex_wait", 0));
	EXPECT_EQ(ALLOW, decide(&p, "socket", AF_UNIX, SOCK_STREAM));
	EXPECT_EQ(ALLOW, decide(&p, "socket", AF_INET6, SOCK_DGRAM));
	EXPECT_EQ(ALLOW, decide(&p, "personality", 0xffffffff));
	EXPECT_EQ(ALLOW, decide(&p, "personality", PER_LINUX));
	EXPECT_EQ(ALLOW, decide(&p, "chroot", 0));
	policy_free(&p);
}

TEST(default_policy_denies_what_docker_denies)
{
	static const char *const calls[] = {
		"io_uring_setup", "io_uring_enter", "io_uring_register",
		"mount", "umount2", "unshare", "setns", "pivot_root",
		"kexec_load", "kexec_file_load", "bpf", "init_module",
		"finit_module", "delete_module", "reboot", "swapon", "swapoff",
		"acct", "add_key", "keyctl", "request_key", "userfaultfd",
		"perf_event_open", "open_by_handle_at", "name_to_handle_at",
		"iopl", "ioperm", "settimeofday", "clock_settime", "vhangup",
		"syslog", "process_vm_readv", "process_vm_writev", "kcmp",
		"pidfd_getfd", "uselib", "ustat", "sysfs", "lookup_dcookie",
		"quotactl", "sethostname", "setdomainname", "fsopen",
		"open_tree", "move_mount", "mbind", "set_mempolicy",
		"vmsplice", "nfsservctl",
	};
	struct policy p;
	size_t i;

	ASSERT_EQ(0, policy_default(POLICY_CAPS_DOCKER, &p));
	for (i = 0; i < ARRAY_SIZE(calls); i++) {
		const char *call = calls[i];

		EXPECT_EQ(EPERM_ACT, decide(&p, call, 0)) TH_LOG("%s", call);
	}
	EXPECT_EQ(EPERM_ACT, decide(&p, "socket", AF_VSOCK, SOCK_STREAM));
	EXPECT_EQ(EPERM_ACT, decide(&p, "clone", CLONE_NEWUSER | SIGCHLD));
	EXPECT_EQ(EPERM_ACT, decide(&p, "clone", CLONE_NEWNET));
	EXPECT_EQ(EPERM_ACT, decide(&p, "clone", CLONE_NEWCGROUP));
	EXPECT_EQ(EPERM_ACT, decide(&p, "personality", READ_IMPLIES_EXEC));
	policy_free(&p);
}

TEST(default_policy_follows_the_capabilities)
{
	static const struct {
		int cap;
		const char *call;
	} cases[] = {
		{ CAP_SYS_ADMIN, "mount" },	   { CAP_SYS_ADMIN, "umount2" },
		{ CAP_SYS_ADMIN, "unshare" },	   { CAP_SYS_ADMIN, "setns" },
		{ CAP_SYS_ADMIN, "clone3" },	   { CAP_SYS_ADMIN, "bpf" },
		{ CAP_SYS_ADMIN, "sethostname" }, { CAP_SYS_PTRACE, "kcmp" },
		{ CAP_SYS_PTRACE, "process_vm_readv" },
		{ CAP_SYS_MODULE, "finit_module" },
		{ CAP_SYS_BOOT, "reboot" },	   { CAP_SYS_TIME, "clock_settime" },
		{ CAP_SYS_TIME, "settimeofday" }, { CAP_SYS_RAWIO, "iopl" },
		{ CAP_SYS_PACCT, "acct" },	   { CAP_SYS_TTY_CONFIG, "vhangup" },
		{ CAP_SYS_NICE, "mbind" },	   { CAP_SYSLOG, "syslog" },
		{ CAP_DAC_READ_SEARCH, "open_by_handle_at" },
		{ CAP_SYS_CHROOT, "chroot" },	   { CAP_BPF, "bpf" },
		{ CAP_PERFMON, "perf_event_open" },
	};
	struct policy without, with;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		ASSERT_EQ(0, policy_default(0, &without));
		ASSERT_EQ(0, policy_default(POLICY_CAP(cases[i].cap), &with));
		EXPECT_NE(ALLOW, decide(&without, cases[i].call, 0))
			TH_LOG("%s", cases[i].call);
		EXPECT_EQ(ALLOW, decide(&with, cases[i].call, 0))
			TH_LOG("%s", cases[i].call);
		policy_free(&without);
		policy_free(&with);
	}
	ASSERT_EQ(0, policy_default(POLICY_CAP(CAP_SYS_ADMIN), &with));
	EXPECT_EQ(0, rules_of(&with, "clone", NULL));
	EXPECT_EQ(ALLOW, decide(&with, "clone", CLONE_NEWUSER | SIGCHLD));
	/* Docker never allows these, whatever the capabilities. */
	EXPECT_EQ(EPERM_ACT, decide(&with, "pivot_root", 0));
	EXPECT_EQ(EPERM_ACT, decide(&with, "io_uring_setup", 0));
	policy_free(&with);
}

/*
 * Within the numbers Docker's profile knows, whatever the default policy
 * allows, for a few argument vectors, Docker's profile allows as well.
 */
TEST(default_policy_is_as_strict_as_docker)
{
	static const __u64 argv_set[][6] = {
		{ 0 },
		{ SIGCHLD },
		{ AF_INET, SOCK_STREAM },
		{ AF_VSOCK, SOCK_STREAM },
		{ CLONE_NEWNS | SIGCHLD },
		{ 0xffffffff },
		{ 0x1234 },
	};
	static const uint64_t cap_sets[] = { POLICY_CAPS_DOCKER,
					     POLICY_CAPS_ALL };
	const char *path = real_profile("DOCKER_PROFILE");
	struct policy_error err;
	struct policy ours, docker;
	size_t c, a;
	int nr;

	if (!path)
		SKIP(return, "DOCKER_PROFILE is not set: see tools/testing/fetch-profiles");
	for (c = 0; c < ARRAY_SIZE(cap_sets); c++) {
		ASSERT_EQ(0, policy_default(cap_sets[c], &ours));
		ASSERT_EQ(0, policy_compile_file(path, cap_sets[c], &docker,
						 &err));
		/*
		 * Every number, those above Docker's list included: what
		 * Docker answers with ENOSYS, ours must not allow.
		 */
		for (nr = 0; nr < KSENTRY_TABLE_SIZE; nr++) {
			for (a = 0; a < ARRAY_SIZE(argv_set); a++) {
				if (decide_nr(&ours, nr, argv_set[a]) != ALLOW)
					continue;
				EXPECT_EQ(ALLOW,
					  decide_nr(&docker, nr, argv_set[a]))
					TH_LOG("nr %d, args set %zu, caps set %zu",
					       nr, a, c);
			}
		}
		policy_free(&ours);
		policy_free(&docker);
	}
}

/*
 * With the default emulation applied (as runsc-lite applies it when
 * ksentry.emulate is absent), whatever the default policy allows or
 * emulates, Docker's profile allows: an emulated call is answered for the
 * sandbox and never denied there.
 */
TEST(default_policy_with_emulation_is_as_strict_as_docker)
{
	static const __u64 argv_set[][6] = {
		{ 0 },
		{ SIGCHLD },
		{ AF_INET, SOCK_STREAM },
		{ AF_VSOCK, SOCK_STREAM },
		{ CLONE_NEWNS | SIGCHLD },
		{ 0xffffffff },
		{ 0x1234 },
	};
	static const uint64_t cap_sets[] = { POLICY_CAPS_DOCKER,
					     POLICY_CAPS_ALL };
	const char *path = real_profile("DOCKER_PROFILE");
	struct policy_error err;
	struct policy ours, docker;
	size_t c, a;
	__u32 type;
	int nr;

	if (!path)
		SKIP(return, "DOCKER_PROFILE is not set: see tools/testing/fetch-profiles");
	for (c = 0; c < ARRAY_SIZE(cap_sets); c++) {
		ASSERT_EQ(0, policy_default(cap_sets[c], &ours));
		ASSERT_EQ(0, policy_set_emulation(&ours, NULL, 0));
		ASSERT_EQ(0, policy_compile_file(path, cap_sets[c], &docker,
						 &err));
		for (nr = 0; nr < KSENTRY_TABLE_SIZE; nr++) {
			for (a = 0; a < ARRAY_SIZE(argv_set); a++) {
				type = decide_nr(&ours, nr, argv_set[a]) &
				       KSENTRY_ACT_TYPE_MASK;
				if (type != ALLOW && type != KSENTRY_ACT_EMULATE)
					continue;
				EXPECT_EQ(ALLOW,
					  decide_nr(&docker, nr, argv_set[a]))
					TH_LOG("nr %d, args set %zu, caps set %zu",
					       nr, a, c);
			}
		}
		policy_free(&ours);
		policy_free(&docker);
	}
}

/* Emulation and the view */

/* The handlers of the safe set, by name. */
static const struct {
	const char *name;
	__u32 handler;
} safe_handlers[] = {
	{ "getpid", KSENTRY_EMU_GETPID },
	{ "getppid", KSENTRY_EMU_GETPPID },
	{ "gettid", KSENTRY_EMU_GETTID },
	{ "getuid", KSENTRY_EMU_GETUID },
	{ "geteuid", KSENTRY_EMU_GETEUID },
	{ "getgid", KSENTRY_EMU_GETGID },
	{ "getegid", KSENTRY_EMU_GETEGID },
	{ "getresuid", KSENTRY_EMU_GETRESUID },
	{ "getresgid", KSENTRY_EMU_GETRESGID },
	{ "getgroups", KSENTRY_EMU_GETGROUPS },
	{ "getpgrp", KSENTRY_EMU_GETPGRP },
	{ "getsid", KSENTRY_EMU_GETSID },
	{ "uname", KSENTRY_EMU_UNAME },
	{ "sysinfo", KSENTRY_EMU_SYSINFO },
	{ "sched_getaffinity", KSENTRY_EMU_SCHED_GETAFFINITY },
	{ "getcpu", KSENTRY_EMU_GETCPU },
	{ "getrlimit", KSENTRY_EMU_GETRLIMIT },
	{ "prlimit64", KSENTRY_EMU_PRLIMIT64 },
	{ "getrandom", KSENTRY_EMU_GETRANDOM },
	{ "open", KSENTRY_EMU_OPEN },
	{ "openat", KSENTRY_EMU_OPENAT },
	{ "openat2", KSENTRY_EMU_OPENAT2 },
	{ "creat", KSENTRY_EMU_CREAT },
};

/* The numbers the ABI gives the open family, whatever libseccomp says. */
TEST(open_family_numbers)
{
	EXPECT_EQ(2, nr_of("open"));
	EXPECT_EQ(257, nr_of("openat"));
	EXPECT_EQ(437, nr_of("openat2"));
	EXPECT_EQ(85, nr_of("creat"));
}

/* Without ksentry.emulate, the default policy emulates the safe set. */
TEST(default_emulation_is_the_safe_set)
{
	static const char *const sets[] = { NULL, "safe" };
	struct ksentry_policy_attr attr;
	struct policy p;
	size_t s, i;

	for (s = 0; s < ARRAY_SIZE(sets); s++) {
		ASSERT_EQ(0, policy_default(POLICY_CAPS_DOCKER, &p));
		ASSERT_EQ(0, policy_set_emulation(&p, sets[s], 2));
		for (i = 0; i < ARRAY_SIZE(safe_handlers); i++) {
			const char *call = safe_handlers[i].name;

			EXPECT_EQ(KSENTRY_ACT_EMULATE_OF(safe_handlers[i].handler),
				  decide(&p, call, 0))
				TH_LOG("%s, set %zu", call, s);
		}
		/* The open family in particular, whatever the flags. */
		EXPECT_EQ(KSENTRY_ACT_EMULATE_OF(KSENTRY_EMU_OPENAT),
			  decide(&p, "openat", -100, 0, O_RDWR | O_CREAT));
		EXPECT_EQ(KSENTRY_ACT_EMULATE_OF(KSENTRY_EMU_OPEN),
			  decide(&p, "open", 0, O_WRONLY | O_TRUNC));
		/* What the policy denies stays denied. */
		EXPECT_EQ(EPERM_ACT, decide(&p, "mount", 0));
		/* The view: every virtual file, the CPUs given. */
		EXPECT_TRUE(p.has_view);
		EXPECT_EQ(sizeof(p.view), p.view.size);
		EXPECT_EQ(0, p.view.flags);
		EXPECT_EQ(2, p.view.nr_cpus);
		EXPECT_EQ(KSENTRY_VFILES_ALL, p.view.vfiles);
		EXPECT_STREQ("", p.view.sysname);
		EXPECT_STREQ("", p.view.nodename);
		EXPECT_STREQ("", p.view.release);
		EXPECT_STREQ("", p.view.version);
		EXPECT_STREQ("", p.view.machine);
		memset(&attr, 0xff, sizeof(attr));
		policy_attr(&p, &attr);
		EXPECT_EQ((__u64)(uintptr_t)&p.view, attr.emu);
		EXPECT_EQ(0, attr.nr_path_rules);
		EXPECT_EQ(0, attr.path_rules);
		EXPECT_EQ(0, attr.reserved2);
		policy_free(&p);
		EXPECT_FALSE(p.has_view);
	}
}

/*
 * Under a default ALLOW, the safe set adds one entry per handler and no
 * more: each of &enum ksentry_emu's handlers, 1 to the last, on its own
 * call, in the order of the enum.
 */
TEST(safe_set_is_every_handler_once)
{
	struct policy_error err;
	struct policy p;
	size_t i;

	ASSERT_EQ(0, compile("{'defaultAction': 'SCMP_ACT_ALLOW'}",
			     POLICY_CAPS_DOCKER, &p, &err));
	ASSERT_EQ(0, p.nr_entries);
	ASSERT_EQ(0, policy_set_emulation(&p, "safe", 0));
	ASSERT_EQ(ARRAY_SIZE(safe_handlers), p.nr_entries);
	for (i = 0; i < ARRAY_SIZE(safe_handlers); i++) {
		EXPECT_EQ(i + 1, safe_handlers[i].handler);
		EXPECT_EQ(nr_of(safe_handlers[i].name), p.entries[i].nr)
			TH_LOG("entry %zu", i);
		EXPECT_EQ(KSENTRY_ACT_EMULATE_OF(safe_handlers[i].handler),
			  p.entries[i].action)
			TH_LOG("%s", safe_handlers[i].name);
	}
	policy_free(&p);
}

/* ksentry.emulate "none": the policy as compiled, and the host's view. */
TEST(emulation_none_leaves_the_policy_untouched)
{
	struct ksentry_policy_attr attr;
	struct ksentry_entry *entries;
	struct ksentry_rule *rules;
	struct policy p;
	__u32 n_entries, n_rules, def;

	ASSERT_EQ(0, policy_default(POLICY_CAPS_DOCKER, &p));
	n_entries = p.nr_entries;
	n_rules = p.nr_rules;
	def = p.default_action;
	entries = malloc(n_entries * sizeof(*entries));
	rules = malloc(n_rules * sizeof(*rules));
	ASSERT_NE(NULL, entries);
	ASSERT_NE(NULL, rules);
	memcpy(entries, p.entries, n_entries * sizeof(*entries));
	memcpy(rules, p.rules, n_rules * sizeof(*rules));

	ASSERT_EQ(0, policy_set_emulation(&p, "none", 4));
	EXPECT_EQ(n_entries, p.nr_entries);
	EXPECT_EQ(n_rules, p.nr_rules);
	EXPECT_EQ(def, p.default_action);
	EXPECT_EQ(0, memcmp(entries, p.entries, n_entries * sizeof(*entries)));
	EXPECT_EQ(0, memcmp(rules, p.rules, n_rules * sizeof(*rules)));
	EXPECT_EQ(ALLOW, decide(&p, "openat", 0));
	EXPECT_EQ(ALLOW, decide(&p, "getpid", 0));
	EXPECT_FALSE(p.has_view);
	memset(&attr, 0xff, sizeof(attr));
	policy_attr(&p, &attr);
	EXPECT_EQ(0, attr.emu);
	free(entries);
	free(rules);
	policy_free(&p);

	/* An unknown set is refused. */
	ASSERT_EQ(0, policy_default(POLICY_CAPS_DOCKER, &p));
	errno = 0;
	EXPECT_EQ(-1, policy_set_emulation(&p, "bogus", 0));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_FALSE(p.has_view);
	EXPECT_EQ(ALLOW, decide(&p, "openat", 0));
	policy_free(&p);
}

/*
 * The open family follows the others: only a number the policy allows
 * outright is emulated; one with argument rules, or denied, is left alone,
 * and a default ALLOW gets entries.
 */
TEST(open_family_only_where_allowed_outright)
{
	struct policy_error err;
	const struct ksentry_rule *r = NULL;
	struct policy p;

	ASSERT_EQ(0, compile("{'defaultAction': 'SCMP_ACT_ERRNO', 'syscalls': [\n"
			     " {'names': ['open'], 'action': 'SCMP_ACT_ALLOW'},\n"
			     " {'names': ['openat'], 'action': 'SCMP_ACT_ALLOW',\n"
			     "  'args': [{'index': 2, 'value': 64, 'valueTwo': 0,\n"
			     "            'op': 'SCMP_CMP_MASKED_EQ'}]},\n"
			     " {'names': ['creat'], 'action': 'SCMP_ACT_LOG'},\n"
			     " {'names': ['read'], 'action': 'SCMP_ACT_ALLOW'}]}",
			     POLICY_CAPS_DOCKER, &p, &err));
	ASSERT_EQ(0, policy_set_emulation(&p, NULL, 0));
	EXPECT_EQ(KSENTRY_ACT_EMULATE_OF(KSENTRY_EMU_OPEN), entry_of(&p, "open"));
	/* openat keeps its rule, and no entry appears for it. */
	ASSERT_EQ(1, rules_of(&p, "openat", &r));
	EXPECT_EQ(ALLOW, r->action);
	EXPECT_EQ(0, entry_of(&p, "openat"));
	EXPECT_EQ(ALLOW, decide(&p, "openat", 0, 0, 0));
	EXPECT_EQ(EPERM_ACT, decide(&p, "openat", 0, 0, O_CREAT));
	/* LOG is not ALLOW; openat2, newer than the profile, gets ENOSYS. */
	EXPECT_EQ(KSENTRY_ACT_LOG, decide(&p, "creat", 0));
	EXPECT_EQ(ENOSYS_ACT, decide(&p, "openat2", 0));
	EXPECT_EQ(ALLOW, decide(&p, "read", 0));
	/* The view comes with it all the same. */
	EXPECT_TRUE(p.has_view);
	EXPECT_EQ(KSENTRY_VFILES_ALL, p.view.vfiles);
	policy_free(&p);

	ASSERT_EQ(0, compile("{'defaultAction': 'SCMP_ACT_ALLOW', 'syscalls': [\n"
			     " {'names': ['creat'], 'action': 'SCMP_ACT_ERRNO'}]}",
			     POLICY_CAPS_DOCKER, &p, &err));
	ASSERT_EQ(0, policy_set_emulation(&p, "safe", 0));
	EXPECT_EQ(KSENTRY_ACT_EMULATE_OF(KSENTRY_EMU_OPEN), decide(&p, "open", 0));
	EXPECT_EQ(KSENTRY_ACT_EMULATE_OF(KSENTRY_EMU_OPENAT),
		  decide(&p, "openat", 0));
	EXPECT_EQ(KSENTRY_ACT_EMULATE_OF(KSENTRY_EMU_OPENAT2),
		  decide(&p, "openat2", 0));
	EXPECT_EQ(EPERM_ACT, decide(&p, "creat", 0));
	policy_free(&p);
}

/* One case of policy_view_cpus(): the limits, then the count expected. */
struct cpus_case {
	const char *what;
	bool has_quota;
	int64_t quota;
	bool has_period;
	uint64_t period;
	const char *cpus;
	__u32 want;
};

TEST(view_cpus_from_the_limits)
{
	static const struct cpus_case cases[] = {
		{ "nothing", false, 0, false, 0, NULL, 0 },
		{ "quota unset, period set", false, 0, true, 100000, NULL, 0 },
		{ "quota -1 (unlimited)", true, -1, true, 100000, NULL, 0 },
		{ "quota 0", true, 0, true, 100000, NULL, 0 },
		{ "200000/100000", true, 200000, true, 100000, NULL, 2 },
		{ "150000/100000 rounds up", true, 150000, true, 100000, NULL, 2 },
		{ "100000/100000", true, 100000, true, 100000, NULL, 1 },
		{ "100001/100000", true, 100001, true, 100000, NULL, 2 },
		{ "1000/100000, under one CPU", true, 1000, true, 100000, NULL, 1 },
		{ "period unset: 100000", true, 300000, false, 0, NULL, 3 },
		{ "period 0: 100000", true, 250000, true, 0, NULL, 3 },
		{ "period 50000", true, 200000, true, 50000, NULL, 4 },
		{ "huge quota", true, INT64_MAX, true, 1, NULL, UINT32_MAX },
		{ "huge period", true, 1, true, UINT64_MAX, NULL, 1 },
		{ "cpus 0-3", false, 0, false, 0, "0-3", 4 },
		{ "cpus 1,3", false, 0, false, 0, "1,3", 2 },
		{ "cpus 0-2,5", false, 0, false, 0, "0-2,5", 4 },
		{ "cpus 7", false, 0, false, 0, "7", 1 },
		{ "cpus overlapping", false, 0, false, 0, "0-3,2-5,4", 6 },
		{ "cpus with spaces", false, 0, false, 0, " 0-1, 4\n", 3 },
		{ "cpus stride", false, 0, false, 0, "0-15:2/8", 4 },
		{ "cpus empty", false, 0, false, 0, "", 0 },
		{ "cpus 2-N: the cpuset limits", false, 0, false, 0, "2-N", 0 },
		{ "cpus all", false, 0, false, 0, "all", 0 },
		{ "cpus 8191", false, 0, false, 0, "8191", 1 },
		{ "both: quota smaller", true, 200000, true, 100000, "0-3", 2 },
		{ "both: cpus smaller", true, 400000, true, 100000, "1,3", 2 },
		{ "both: cpus smaller, odd", true, 350000, true, 100000, "5", 1 },
		{ "both: quota unlimited", true, -1, true, 100000, "0-2", 3 },
		{ "both: cpus all", true, 200000, true, 100000, "all", 2 },
	};
	struct policy_cpu_limits l;
	struct policy_error err;
	__u32 n;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		l.has_quota = cases[i].has_quota;
		l.quota = cases[i].quota;
		l.has_period = cases[i].has_period;
		l.period = cases[i].period;
		l.cpus = cases[i].cpus;
		n = 12345;
		EXPECT_EQ(0, policy_view_cpus(&l, &n, &err))
			TH_LOG("%s: %s: %s", cases[i].what, err.path, err.msg);
		EXPECT_EQ(cases[i].want, n) TH_LOG("%s", cases[i].what);
	}
}

TEST(view_cpus_refuses_a_bad_list)
{
	static const struct {
		const char *cpus, *msg;
	} cases[] = {
		{ "zero", "\"zero\" is not a cpuset list" },
		{ "0-", "ends early" },
		{ "-1", "not a cpuset list" },
		{ "1-x", "(at \"x\")" },
		{ "0-3 junk", "(at \"junk\")" },
		{ "1.5", "(at \".5\")" },
		{ "3-1", "empty or inverted" },
		{ "0-7:3/2", "empty or inverted" },
		{ "0-7:1/0", "empty or inverted" },
		{ "0-7:1", "not a cpuset list" },
		{ "8192", "beyond the 8192" },
		{ "0-99999999999999999999", "beyond" },
		{ "0;1", "not a cpuset list" },
	};
	struct policy_cpu_limits l = {
		.has_quota = true, .quota = 200000,
		.has_period = true, .period = 100000,
	};
	struct policy_error err;
	__u32 n;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		l.cpus = cases[i].cpus;
		memset(&err, 0, sizeof(err));
		EXPECT_EQ(-1, policy_view_cpus(&l, &n, &err))
			TH_LOG("\"%s\" was accepted: %u", cases[i].cpus, n);
		EXPECT_STREQ("linux.resources.cpu.cpus", err.path)
			TH_LOG("\"%s\"", cases[i].cpus);
		EXPECT_NE(NULL, strstr(err.msg, cases[i].msg))
			TH_LOG("\"%s\": %s", cases[i].cpus, err.msg);
	}
}

/* The rest of the API */

TEST(attr_points_at_the_policy)
{
	struct ksentry_policy_attr attr;
	struct policy p;

	ASSERT_EQ(0, policy_default(POLICY_CAPS_DOCKER, &p));
	memset(&attr, 0xff, sizeof(attr));
	policy_attr(&p, &attr);
	EXPECT_EQ(sizeof(attr), attr.size);
	EXPECT_EQ(0, attr.flags);
	EXPECT_EQ(0, attr.reserved);
	EXPECT_EQ(p.default_action, attr.default_action);
	EXPECT_EQ(p.ia32_action, attr.ia32_action);
	EXPECT_EQ(p.x32_action, attr.x32_action);
	EXPECT_EQ(p.nr_entries, attr.nr_entries);
	EXPECT_EQ(p.nr_rules, attr.nr_rules);
	EXPECT_EQ((__u64)(uintptr_t)p.entries, attr.entries);
	EXPECT_EQ((__u64)(uintptr_t)p.rules, attr.rules);
	/* No view until policy_set_emulation() gives one: the host's. */
	EXPECT_EQ(0, attr.emu);
	EXPECT_EQ(0, attr.nr_path_rules);
	EXPECT_EQ(0, attr.reserved2);
	EXPECT_EQ(0, attr.path_rules);
	policy_free(&p);
	EXPECT_EQ(NULL, p.entries);
	/* Free twice, or NULL: nothing happens. */
	policy_free(&p);
	policy_free(NULL);
}

TEST(action_names)
{
	char buf[POLICY_ACTION_NAME_MAX];

	EXPECT_STREQ("ALLOW", policy_action_name(ALLOW, buf, sizeof(buf)));
	EXPECT_STREQ("LOG", policy_action_name(KSENTRY_ACT_LOG, buf, sizeof(buf)));
	EXPECT_STREQ("ERRNO(1)", policy_action_name(EPERM_ACT, buf, sizeof(buf)));
	EXPECT_STREQ("ERRNO(4095)", policy_action_name(KSENTRY_ACT_ERRNO_OF(4095),
						       buf, sizeof(buf)));
	EXPECT_STREQ("TRAP", policy_action_name(KSENTRY_ACT_TRAP, buf,
						sizeof(buf)));
	EXPECT_STREQ("TRAP(7)", policy_action_name(KSENTRY_ACT_TRAP | 7, buf,
						   sizeof(buf)));
	EXPECT_STREQ("KILL_THREAD", policy_action_name(KSENTRY_ACT_KILL_THREAD,
						       buf, sizeof(buf)));
	EXPECT_STREQ("KILL_PROCESS", policy_action_name(KSENTRY_ACT_KILL_PROCESS,
							buf, sizeof(buf)));
	EXPECT_STREQ("EMULATE(2)", policy_action_name(KSENTRY_ACT_EMULATE | 2,
						      buf, sizeof(buf)));
	EXPECT_STREQ("UNKNOWN(0x00080000)", policy_action_name(0x00080000, buf,
							       sizeof(buf)));
	EXPECT_STREQ("UNKNOWN(0x00000000)", policy_action_name(0, buf,
							       sizeof(buf)));
}

/* Room for the output of one command. */
static char out[65536];

/*
 * run - Run policy_command() with the arguments that follow, up to a NULL,
 * in a child, its stdout and stderr into @out.  Returns its exit status,
 * or -1.
 */
static int run(const char *arg, ...)
{
	char path[] = "/tmp/policy_test_out.XXXXXX";
	int fd = mkstemp(path), argc = 0, status;
	char *argv[16];
	va_list ap;
	ssize_t n;
	pid_t pid;

	if (fd < 0)
		return -1;
	unlink(path);
	va_start(ap, arg);
	for (; arg && argc < 15; arg = va_arg(ap, const char *))
		argv[argc++] = (char *)arg;
	va_end(ap);
	argv[argc] = NULL;
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		dup2(fd, STDOUT_FILENO);
		dup2(fd, STDERR_FILENO);
		_exit(policy_command(argc, argv));
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid) {
		close(fd);
		return -1;
	}
	n = pread(fd, out, sizeof(out) - 1, 0);
	out[n > 0 ? n : 0] = '\0';
	close(fd);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* member_str - The string member @key of @obj. */
static const char *member_str(struct json_object *obj, const char *key)
{
	return json_object_get_string(json_object_object_get(obj, key));
}

TEST(policy_command_check_and_compile)
{
	static const char view_line[] =
		"view: nrCpus 0, vfiles meminfo cpuinfo stat uptime loadavg cpu_online\n";
	struct json_object *doc, *v;
	char path[64], want[256];

	ASSERT_EQ(0, write_tmp("{'defaultAction': 'SCMP_ACT_ERRNO', 'defaultErrnoRet': 38,\n"
			       " 'archMap': [{'architecture': 'SCMP_ARCH_X86_64',\n"
			       "              'subArchitectures': ['SCMP_ARCH_X86']}],\n"
			       " 'syscalls': [\n"
			       "  {'names': ['getpid', '_llseek'], 'action': 'SCMP_ACT_ALLOW'},\n"
			       "  {'names': ['mount'], 'action': 'SCMP_ACT_ALLOW',\n"
			       "   'includes': {'caps': ['CAP_SYS_ADMIN']}},\n"
			       "  {'names': ['kill'], 'action': 'SCMP_ACT_ALLOW',\n"
			       "   'args': [{'index': 1, 'value': 15, 'op': 'SCMP_CMP_EQ'}]}]}\n",
			       path, sizeof(path)));

	EXPECT_EQ(0, run("check", path, NULL));
	snprintf(want, sizeof(want),
		 "%s: ok: 1 entries, 1 rules, default ERRNO(38)\n", path);
	EXPECT_EQ(0, strncmp(want, out, strlen(want))) TH_LOG("%s", out);
	EXPECT_NE(NULL, strstr(out, "warning: 1 names")) TH_LOG("%s", out);
	EXPECT_NE(NULL, strstr(out, "_llseek"));
	EXPECT_EQ(0, run("check", path, "--caps", "sys_admin,CAP_KILL", NULL));
	EXPECT_NE(NULL, strstr(out, "ok: 2 entries")) TH_LOG("%s", out);

	EXPECT_EQ(0, run("compile", "--format=json", path, "--caps", "all", NULL));
	doc = json_tokener_parse(out);
	ASSERT_NE(NULL, doc) TH_LOG("%s", out);
	EXPECT_STREQ("ERRNO(38)", member_str(doc, "defaultAction"));
	EXPECT_STREQ("ERRNO(38)", member_str(doc, "ia32Action"));
	EXPECT_STREQ("KILL_THREAD", member_str(doc, "x32Action"));
	ASSERT_TRUE(json_object_object_get_ex(doc, "entries", &v));
	ASSERT_EQ(2, json_object_array_length(v));
	EXPECT_STREQ("mount", member_str(json_object_array_get_idx(v, 1), "name"));
	EXPECT_STREQ("ALLOW", member_str(json_object_array_get_idx(v, 1), "action"));
	ASSERT_TRUE(json_object_object_get_ex(doc, "rules", &v));
	ASSERT_EQ(1, json_object_array_length(v));
	v = json_object_array_get_idx(v, 0);
	EXPECT_STREQ("kill", member_str(v, "name"));
	v = json_object_array_get_idx(json_object_object_get(v, "conds"), 0);
	EXPECT_STREQ("EQ", member_str(v, "op"));
	EXPECT_EQ(~0ULL, json_object_get_uint64(json_object_object_get(v, "mask")));
	EXPECT_EQ(15, json_object_get_uint64(json_object_object_get(v, "value")));
	json_object_put(doc);

	EXPECT_EQ(0, run("compile", path, NULL));
	EXPECT_NE(NULL, strstr(out, "defaultAction: ERRNO(38)\n")) TH_LOG("%s", out);
	EXPECT_NE(NULL, strstr(out, "  39 getpid ALLOW\n"));
	EXPECT_NE(NULL, strstr(out, "  62 kill ALLOW if arg1 == 0xf\n"));

	/* --emulate safe shows the table runsc-lite installs by default. */
	EXPECT_EQ(0, run("compile", path, "--emulate", "safe", NULL));
	EXPECT_NE(NULL, strstr(out, "  39 getpid EMULATE(1)\n")) TH_LOG("%s", out);
	EXPECT_NE(NULL, strstr(out, "  62 kill ALLOW if arg1 == 0xf\n"));
	EXPECT_NE(NULL, strstr(out, view_line)) TH_LOG("%s", out);
	EXPECT_EQ(0, run("compile", "--emulate=none", path, NULL));
	EXPECT_NE(NULL, strstr(out, "  39 getpid ALLOW\n")) TH_LOG("%s", out);
	EXPECT_EQ(NULL, strstr(out, "view:")) TH_LOG("%s", out);
	EXPECT_EQ(0, run("check", path, "--emulate", "safe", NULL));
	snprintf(want, sizeof(want),
		 "%s: ok: 1 entries, 1 rules, default ERRNO(38), 1 emulated\n",
		 path);
	EXPECT_EQ(0, strncmp(want, out, strlen(want))) TH_LOG("%s", out);
	EXPECT_EQ(0, run("compile", "--format", "json", "--emulate", "safe",
			 path, NULL));
	doc = json_tokener_parse(out);
	ASSERT_NE(NULL, doc) TH_LOG("%s", out);
	ASSERT_TRUE(json_object_object_get_ex(doc, "entries", &v));
	EXPECT_STREQ("EMULATE(1)",
		     member_str(json_object_array_get_idx(v, 0), "action"));
	ASSERT_TRUE(json_object_object_get_ex(doc, "view", &v));
	EXPECT_EQ(0, json_object_get_int64(json_object_object_get(v, "nrCpus")));
	v = json_object_object_get(v, "vfiles");
	ASSERT_EQ(6, json_object_array_length(v));
	EXPECT_STREQ("meminfo", json_object_get_string(json_object_array_get_idx(v, 0)));
	json_object_put(doc);
	EXPECT_EQ(1, run("compile", path, "--emulate", "all", NULL));
	EXPECT_NE(NULL, strstr(out, "unknown --emulate set: all")) TH_LOG("%s", out);

	/* Usage errors exit 1, as runc's do. */
	EXPECT_EQ(1, run(NULL));
	EXPECT_EQ(1, run("verify", path, NULL));
	EXPECT_EQ(1, run("check", NULL));
	EXPECT_EQ(1, run("check", path, path, NULL));
	EXPECT_EQ(1, run("check", path, "--caps", NULL));
	EXPECT_EQ(1, run("check", path, "--caps", "CAP_FLY", NULL));
	EXPECT_EQ(1, run("check", path, "--format", "json", NULL));
	EXPECT_EQ(1, run("compile", path, "--format", "yaml", NULL));
	EXPECT_EQ(1, run("check", path, "--verbose", NULL));
	EXPECT_EQ(0, run("--help", NULL));
	EXPECT_EQ(0, strncmp("usage: runsc-lite policy", out, 24));
	unlink(path);

	ASSERT_EQ(0, write_tmp("{'defaultAction': 'SCMP_ACT_ERRNO',\n"
			       " 'syscalls': [{'names': ['getpid'], 'action': 'SCMP_ACT_SOMETIMES'}]}\n",
			       path, sizeof(path)));
	EXPECT_EQ(1, run("check", path, NULL));
	snprintf(want, sizeof(want), "Failed to compile %s: %s\n", path,
		 "syscalls[0].action: unknown action \"SCMP_ACT_SOMETIMES\"");
	EXPECT_STREQ(want, out);
	unlink(path);
}

TEST_HARNESS_MAIN
