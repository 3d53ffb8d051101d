// SPDX-License-Identifier: GPL-2.0
/*
 * runsc-lite - over a compiled policy: the trace mode and the emulation set
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * The ksentry.trace annotation turns ALLOW into LOG or back; the
 * ksentry.emulate annotation makes the "safe" set of calls emulated where
 * the policy allows them outright, and gives the sandbox its view, whose
 * CPU count comes from linux.resources.cpu (policy_view_cpus()).
 */

#define _GNU_SOURCE
#include <errno.h>
#include <linux/ksentry.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/syscall.h>

#include "policy-internal.h"

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

/*
 * emu_call - The emulated calls, from the uapi's <linux/ksentry_emu.h>
 * @id: A handler of &enum ksentry_emu.
 * @safe: Set to whether the "safe" set holds @id: whether the module
 *        answers the call as the host would.
 *
 * The uapi numbers the handlers from 1 without a gap, and each answers
 * one x86-64 call only: the module refuses it on any other number.  This
 * is a switch without a default so that -Wswitch (in -Wall -Werror) stops
 * the build when &enum ksentry_emu gains a handler the list lacks; a name
 * the list has and the enum lacks does not compile.
 *
 * Return: The number of the call @id answers, or -1 past the last handler.
 */
static int emu_call(const enum ksentry_emu id, bool *const safe)
{
	int nr = -1;

	*safe = true;
	switch (id) {
#define KSENTRY_EMU_CALL(id, call) case KSENTRY_EMU_##id: { nr = __NR_##call; break; }
#include <linux/ksentry_emu.h>
#undef KSENTRY_EMU_CALL
	}
	return nr;
}

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
	bool safe;
	__u32 id;
	int nr;

	if (set && !strcmp(set, "none"))
		return 0;
	if (set && strcmp(set, "safe")) {
		errno = EINVAL;
		return -1;
	}
	for (id = 1; (nr = emu_call(id, &safe)) >= 0; id++)
		if (safe && emulate_nr(p, nr, id))
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
