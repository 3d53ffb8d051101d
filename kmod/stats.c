// SPDX-License-Identifier: GPL-2.0
/*
 * ksentry - per-sandbox counters of decisions, and their debugfs view
 *
 * Copyright (C) 2026 The ksentry authors
 */

#include "common.h"

#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/percpu.h>
#include <linux/seq_file.h>
#include <linux/slab.h>

#include "compat.h"
#include "stats.h"

/* The debugfs directory, ksentry/, with one file per sandbox. */
static struct dentry *debugfs_dir;

static const char *const action_names[KSENTRY_STATS_ACTIONS] = {
	"kill_process", "kill_thread", "trap", "errno", "emulate", "log",
	"allow",
};

/**
 * ksentry_stats_alloc - Allocate zeroed counters
 *
 * Return: The counters, or NULL.
 */
struct ksentry_stats *ksentry_stats_alloc(void)
{
	struct ksentry_stats *stats;

	stats = kvzalloc(sizeof(*stats), GFP_KERNEL_ACCOUNT);
	if (!stats)
		return NULL;
	stats->allowed = __alloc_percpu_gfp(sizeof(u64) * KSENTRY_STATS_SLOTS,
					    sizeof(u64), GFP_KERNEL_ACCOUNT);
	if (!stats->allowed) {
		kvfree(stats);
		return NULL;
	}
	return stats;
}

/**
 * ksentry_stats_free - Free counters
 * @stats: The counters, or NULL.
 */
void ksentry_stats_free(struct ksentry_stats *const stats)
{
	if (!stats)
		return;
	free_percpu(stats->allowed);
	kvfree(stats);
}

/**
 * ksentry_stats_read - Read one counter
 * @stats: The counters.
 * @slot: The slot, below %KSENTRY_STATS_SLOTS.
 * @action_index: The action type's column, (type >> 16) - 1.
 *
 * Return: The count.
 */
u64 ksentry_stats_read(const struct ksentry_stats *const stats,
		       const unsigned int slot, const unsigned int action_index)
{
	u64 sum = 0;
	int cpu;

	if (action_index != (KSENTRY_ACT_ALLOW >> 16) - 1)
		return atomic64_read(&stats->other[slot][action_index]);
	for_each_possible_cpu(cpu)
		sum += per_cpu_ptr(stats->allowed, cpu)[slot];
	return sum;
}

static void show_slot_name(struct seq_file *const m, const unsigned int slot)
{
	switch (slot) {
	case KSENTRY_STATS_SLOT_IA32:
		seq_puts(m, "ia32");
		break;
	case KSENTRY_STATS_SLOT_X32:
		seq_puts(m, "x32");
		break;
	case KSENTRY_STATS_SLOT_OTHER:
		seq_puts(m, "other");
		break;
	default:
		seq_printf(m, "%u", slot);
	}
}

/* One line per non-zero counter: "<slot> <action> <count>". */
static int stats_show(struct seq_file *const m, void *const v)
{
	const struct ksentry_stats *const stats = m->private;
	unsigned int slot, action;
	u64 count;

	seq_puts(m, "# slot action count\n");
	for (slot = 0; slot < KSENTRY_STATS_SLOTS; slot++) {
		for (action = 0; action < KSENTRY_STATS_ACTIONS; action++) {
			count = ksentry_stats_read(stats, slot, action);
			if (!count)
				continue;
			show_slot_name(m, slot);
			seq_printf(m, " %s %llu\n", action_names[action], count);
		}
	}
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(stats);

/**
 * ksentry_stats_debugfs_add - Show a sandbox's counters in debugfs
 * @id: The sandbox's id, which names the file.
 * @stats: Its counters; they must outlive the file.
 *
 * Return: The file, to pass to ksentry_stats_debugfs_remove(); an error
 * pointer when debugfs is missing, which that function accepts.
 */
struct dentry *ksentry_stats_debugfs_add(const u64 id,
					 struct ksentry_stats *const stats)
{
	char name[32];

	snprintf(name, sizeof(name), "sandbox-%llu", id);
	return debugfs_create_file(name, 0400, debugfs_dir, stats,
				   &stats_fops);
}

/**
 * ksentry_stats_debugfs_remove - Remove a sandbox's file
 * @dentry: The file, or an error pointer or NULL.
 *
 * Waits until no reader is inside the file's operations.
 */
void ksentry_stats_debugfs_remove(struct dentry *const dentry)
{
	debugfs_remove(dentry);
}

/**
 * ksentry_stats_debugfs_init - Create the ksentry directory in debugfs
 *
 * Return: 0; a kernel without debugfs only loses the view.
 */
int __init ksentry_stats_debugfs_init(void)
{
	debugfs_dir = debugfs_create_dir(KSENTRY_NAME, NULL);
	return 0;
}

/**
 * ksentry_stats_debugfs_exit - Remove the ksentry directory
 */
void ksentry_stats_debugfs_exit(void)
{
	debugfs_remove(debugfs_dir);
}
