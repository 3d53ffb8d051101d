// SPDX-License-Identifier: GPL-2.0
/*
 * ksentry - emulation: the sandbox's machine: sysinfo(), its CPUs
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * sysinfo() answers for the sandbox, not the host:
 *
 * - uptime counts from the binding of the sandbox, plus the boottime
 *   offset of the caller's time namespace as the host adds it to its own,
 *   rounded up to the second as the host rounds its own;
 * - totalram is the smallest memory.max on the way from the caller's
 *   memory cgroup to the root, when that is below the host's RAM, and
 *   freeram that limit less the cgroup's usage (never below 0); without
 *   a limit both are the host's;
 * - procs is the number of member threads;
 * - loads are the host's: the kernel keeps no per-sandbox load;
 * - swap is reported as none (si_swapinfo() is not exported).
 *
 * The CPUs a sandbox sees are the caller's allowed CPUs, of which only the
 * first nr_cpus of the view when it is set: a module cannot read cpu.max,
 * so the runtime turns it into a CPU count.  They keep their host numbers,
 * here as in the virtual files: sched_setaffinity() is the host's and
 * takes host numbers, so any other numbering would have a member pin
 * itself to CPUs that are not the ones it read about.
 */

#include "../common.h"

#include <linux/bitmap.h>
#include <linux/bitops.h>
#include <linux/cpumask.h>
#include <linux/memcontrol.h>
#include <linux/limits.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/page_counter.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/loadavg.h>
#include <linux/slab.h>
#include <linux/sysinfo.h>
#include <linux/time_namespace.h>
#include <linux/timekeeping.h>
#include <linux/topology.h>
#include <linux/uaccess.h>

#include "../emulate.h"
#include "../policy.h"
#include "../sandbox.h"

/**
 * ksentry_emu_memcg_limit - The caller's memory limit and usage, in pages
 * @limit: Receives the smallest memory.max from the caller's cgroup up.
 * @usage: Receives the caller's cgroup's usage.
 *
 * Return: False if no limit is set.
 */
bool ksentry_emu_memcg_limit(unsigned long *const limit, unsigned long *const usage)
{
	struct mem_cgroup *memcg, *pos;
	unsigned long max = PAGE_COUNTER_MAX;

	rcu_read_lock();
	memcg = mem_cgroup_from_task(current);
	for (pos = memcg; pos; pos = parent_mem_cgroup(pos))
		max = min(max, READ_ONCE(pos->memory.max));
	*usage = memcg ? page_counter_read(&memcg->memory) : 0;
	rcu_read_unlock();
	*limit = max;
	return max != PAGE_COUNTER_MAX;
}

static void fill_memory(struct sysinfo *const info)
{
	unsigned long limit, usage;

	si_meminfo(info);
	if (!ksentry_emu_memcg_limit(&limit, &usage) || limit >= info->totalram)
		return;
	info->totalram = limit;
	info->freeram = limit > usage ? limit - usage : 0;
	info->sharedram = min(info->sharedram, info->totalram);
	info->bufferram = min(info->bufferram, info->totalram);
}

/* As the host does: byte units when the total fits in an unsigned long. */
static void scale_units(struct sysinfo *const info)
{
	unsigned long total = info->totalram + info->totalswap, saved;
	unsigned int unit = info->mem_unit, shift = 0;

	if (total < info->totalram)
		return;
	for (; unit > 1; unit >>= 1, shift++) {
		saved = total;
		total <<= 1;
		if (total < saved)
			return;
	}
	info->mem_unit = 1;
	info->totalram <<= shift;
	info->freeram <<= shift;
	info->sharedram <<= shift;
	info->bufferram <<= shift;
	info->totalhigh <<= shift;
	info->freehigh <<= shift;
}

/*
 * @up shifted by @offset, as a time namespace shifts CLOCK_BOOTTIME: never
 * below 0 (a namespace's offset may take the host's clock back further
 * than the sandbox has been up), never past U64_MAX.  Pure, for KUnit.
 */
static u64 shift_uptime(const u64 up, const s64 offset)
{
	if (offset < 0)
		return up > -(u64)offset ? up + offset : 0;
	return up > U64_MAX - offset ? U64_MAX : up + offset;
}

/**
 * ksentry_emu_uptime_ns - The sandbox's uptime, as the caller sees it
 * @sandbox: The caller's sandbox.
 * @up: Receives the sandbox's own uptime, from its binding; may be NULL.
 *
 * The sandbox's CLOCK_BOOTTIME starts at its binding; the caller's time
 * namespace shifts it by its boottime offset, as it shifts the host's in
 * sysinfo() and /proc/uptime.
 *
 * Return: @up, shifted by the caller's time namespace.
 */
u64 ksentry_emu_uptime_ns(const struct ksentry_sandbox *const sandbox,
			  u64 *const up)
{
	const u64 own = ktime_get_boottime_ns() - sandbox->bound_at;
	/* The offset alone: what the namespace adds to 0 (0 without TIME_NS). */
	const s64 offset = (s64)timens_add_boottime_ns(0);

	if (up)
		*up = own;
	return shift_uptime(own, offset);
}

bool ksentry_emu_sysinfo(const struct ksentry_emu_call *const call,
			 long *const ret)
{
	struct sysinfo __user *const uinfo = (void __user *)call->args[0];
	const u64 up = ksentry_emu_uptime_ns(call->sandbox, NULL);
	struct sysinfo info;
	u32 rem;
	int i;

	memset(&info, 0, sizeof(info));
	/* Rounded up, without the sum wrapping at a saturated @up. */
	info.uptime = div_u64_rem(up, NSEC_PER_SEC, &rem) + !!rem;
	for (i = 0; i < 3; i++)
		info.loads[i] = avenrun[i] << (SI_LOAD_SHIFT - FSHIFT);
	info.procs = min_t(int, atomic_read(&call->sandbox->members), U16_MAX);
	fill_memory(&info);
	info.totalswap = 0;
	info.freeswap = 0;
	scale_units(&info);
	*ret = copy_to_user(uinfo, &info, sizeof(info)) ? -EFAULT : 0;
	return true;
}

/**
 * ksentry_emu_sandbox_cpus - The CPUs the caller sees
 * @nr_cpus: The view's CPU count, 0 for all.
 * @mask: Receives the caller's allowed, active CPUs, cut to @nr_cpus.
 */
void ksentry_emu_sandbox_cpus(const u32 nr_cpus, struct cpumask *const mask)
{
	unsigned int cpu, n = 0;
	unsigned long flags;

	raw_spin_lock_irqsave(&current->pi_lock, flags);
	cpumask_and(mask, current->cpus_ptr, cpu_active_mask);
	raw_spin_unlock_irqrestore(&current->pi_lock, flags);
	if (!nr_cpus)
		return;
	for_each_cpu(cpu, mask)
		if (++n > nr_cpus)
			cpumask_clear_cpu(cpu, mask);
}

bool ksentry_emu_sched_getaffinity(const struct ksentry_emu_call *const call,
				   long *const ret)
{
	/* sched_getaffinity(pid_t pid, unsigned int len, unsigned long *mask) */
	const pid_t pid = (pid_t)call->args[0];
	const unsigned int len = (unsigned int)call->args[1];
	void __user *const umask = (void __user *)call->args[2];
	const unsigned int retlen = min_t(unsigned int, len, cpumask_size());
	cpumask_var_t mask;

	/* Another task's affinity is the host's business. */
	if (pid && pid != task_pid_vnr(current))
		return false;
	if ((u64)len * BITS_PER_BYTE < nr_cpu_ids ||
	    (len & (sizeof(unsigned long) - 1))) {
		*ret = -EINVAL;
		return true;
	}
	if (!zalloc_cpumask_var(&mask, GFP_KERNEL)) {
		*ret = -ENOMEM;
		return true;
	}
	ksentry_emu_sandbox_cpus(ksentry_emu_nr_cpus(call), mask);
	*ret = copy_to_user(umask, cpumask_bits(mask), retlen) ? -EFAULT : (long)retlen;
	free_cpumask_var(mask);
	return true;
}

/**
 * fold_cpu - The CPU getcpu() answers for a host CPU
 * @cpu: The host CPU the caller runs on.
 * @view: The view's CPUs, a bitmap of @nbits bits.
 * @nbits: The bits of @view.
 *
 * A CPU of the view is answered by its own, host number.  A view cut to
 * nr_cpus leaves out CPUs the caller may still run on: such a CPU is
 * folded onto the view, to its (@cpu modulo the view's weight)-th CPU, so
 * that the answer is always one sched_getaffinity() shows.  Pure, for
 * KUnit.
 *
 * Return: A CPU of @view; @cpu itself when @view is empty (all of the
 * caller's CPUs went inactive meanwhile), having nothing to fold onto.
 */
static unsigned int fold_cpu(const unsigned int cpu,
			     const unsigned long *const view,
			     const unsigned int nbits)
{
	const unsigned int weight = bitmap_weight(view, nbits);
	unsigned long folded;

	if (!weight || (cpu < nbits && test_bit(cpu, view)))
		return cpu;
	folded = find_nth_bit(view, nbits, cpu % weight);
	return folded < nbits ? folded : cpu;
}

bool ksentry_emu_getcpu(const struct ksentry_emu_call *const call,
			long *const ret)
{
	/* getcpu(unsigned int *cpu, unsigned int *node, void *cache) */
	unsigned int __user *const ucpu = (void __user *)call->args[0];
	unsigned int __user *const unode = (void __user *)call->args[1];
	unsigned int cpu, node;
	cpumask_var_t mask;

	if (!zalloc_cpumask_var(&mask, GFP_KERNEL)) {
		*ret = -ENOMEM;
		return true;
	}
	ksentry_emu_sandbox_cpus(ksentry_emu_nr_cpus(call), mask);
	/* The host's number, as the vDSO's getcpu() gives it, when in view. */
	cpu = fold_cpu(raw_smp_processor_id(), cpumask_bits(mask), nr_cpu_ids);
	node = cpu_to_node(cpu);
	free_cpumask_var(mask);
	*ret = 0;
	if ((ucpu && put_user(cpu, ucpu)) || (unode && put_user(node, unode)))
		*ret = -EFAULT;
	return true;
}

#ifdef KSENTRY_KUNIT_TEST
#include "../tests/sysinfo_kunit.c"
#endif /* KSENTRY_KUNIT_TEST */
