/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksentry - per-sandbox counters of decisions
 *
 * Copyright (C) 2026 The ksentry authors
 */

#ifndef _KSENTRY_STATS_H
#define _KSENTRY_STATS_H

#include <linux/atomic.h>
#include <linux/percpu.h>
#include <linux/types.h>
#include <uapi/linux/ksentry.h>

#include "policy.h"

/**
 * struct ksentry_stats - How often each call got each action
 * @allowed: Per CPU, the ALLOW decisions of each slot: the common case,
 *           counted without a shared cache line.
 * @other: The other decisions, per slot and action type (index: type - 1,
 *         ALLOW's column unused).  Rarer, and slower anyway: atomics.
 *
 * A slot is an x86-64 number below %KSENTRY_TABLE_SIZE, or one of
 * %KSENTRY_STATS_SLOT_IA32, %KSENTRY_STATS_SLOT_X32 and
 * %KSENTRY_STATS_SLOT_OTHER.  Counters only grow, and are read without a
 * lock: a reader sees each counter's value at some moment of its read.
 */
struct ksentry_stats {
	u64 __percpu *allowed;
	atomic64_t other[KSENTRY_STATS_SLOTS][KSENTRY_STATS_ACTIONS];
};

/* The slot of a call. */
static __always_inline unsigned int
ksentry_stats_slot(const enum ksentry_abi abi, const unsigned long nr)
{
	if (abi == KSENTRY_ABI_IA32)
		return KSENTRY_STATS_SLOT_IA32;
	if (abi == KSENTRY_ABI_X32)
		return KSENTRY_STATS_SLOT_X32;
	return nr < KSENTRY_TABLE_SIZE ? nr : KSENTRY_STATS_SLOT_OTHER;
}

/**
 * ksentry_stats_count - Count one decision
 * @stats: The sandbox's counters.
 * @slot: The call's slot, from ksentry_stats_slot().
 * @action: The action decided.
 */
static __always_inline void ksentry_stats_count(struct ksentry_stats *const stats,
						const unsigned int slot,
						const u32 action)
{
	const u32 type = ksentry_action_type(action) >> 16;

	if (likely(type == KSENTRY_ACT_ALLOW >> 16))
		this_cpu_inc(stats->allowed[slot]);
	else if (type >= 1 && type <= KSENTRY_STATS_ACTIONS)
		atomic64_inc(&stats->other[slot][type - 1]);
}

struct ksentry_stats *ksentry_stats_alloc(void);
void ksentry_stats_free(struct ksentry_stats *stats);
u64 ksentry_stats_read(const struct ksentry_stats *stats, unsigned int slot,
		       unsigned int action_index);
int ksentry_stats_debugfs_init(void);
void ksentry_stats_debugfs_exit(void);
struct dentry *ksentry_stats_debugfs_add(u64 id, struct ksentry_stats *stats);
void ksentry_stats_debugfs_remove(struct dentry *dentry);

#endif /* _KSENTRY_STATS_H */
