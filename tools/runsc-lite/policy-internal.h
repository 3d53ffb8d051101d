/* SPDX-License-Identifier: GPL-2.0 */
/*
 * runsc-lite - what the parts of the policy compiler share
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * policy.c translates a seccomp profile with a struct compiler;
 * policy-default.c builds runsc-lite's own default policy with the same
 * one, and policy-file.c reports a file's errors as the compiler does.
 * None of this is for the rest of the runtime, which sees policy.h only.
 */

#ifndef _RUNSC_LITE_POLICY_INTERNAL_H
#define _RUNSC_LITE_POLICY_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/ksentry.h>

#include "log.h"		/* __printf */
#include "policy.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

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

__printf(3, 4) int policy_fail(struct policy_error *err, const char *path,
			       const char *fmt, ...);

int compiler_add_name(struct compiler *c, const char *name, const __u32 action,
		      const struct ksentry_rule *tmpl);

int compiler_finish(struct compiler *c, struct policy *out);

struct compiler *compiler_new(const uint64_t caps,
			      struct policy_error *err);

void compiler_free(struct compiler *c);

#endif /* _RUNSC_LITE_POLICY_INTERNAL_H */
