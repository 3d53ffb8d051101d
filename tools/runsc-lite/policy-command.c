// SPDX-License-Identifier: GPL-2.0
/*
 * runsc-lite - the "policy" command: compile a profile and print it
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * "runsc-lite policy check|compile FILE" compiles a profile file as the
 * runtime would for a container with the given capabilities and emulation
 * set, and reports its size or prints it as text or JSON, with
 * policy_action_name() naming each action.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <json-c/json.h>
#include <linux/ksentry.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "caps.h"
#include "policy-internal.h"

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
