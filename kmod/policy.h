/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksentry - policies: the syscall table, argument rules and their checks
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * A policy is immutable once built.  It is a pure data structure: building,
 * checking, comparing and querying it touch neither user memory nor any
 * task, which is what lets KUnit test it at its edges.
 */

#ifndef _KSENTRY_POLICY_H
#define _KSENTRY_POLICY_H

#include <linux/err.h>
#include <linux/errno.h>
#include <linux/nospec.h>
#include <linux/rcupdate.h>
#include <linux/types.h>
#include <uapi/linux/ksentry.h>

struct ksentry_paths;

/**
 * enum ksentry_abi - The three syscall ABIs that share x86-64's entry
 * @KSENTRY_ABI_X86_64: Native 64-bit calls, decided by the table.
 * @KSENTRY_ABI_IA32: int 0x80 and 32-bit compat calls.
 * @KSENTRY_ABI_X32: Calls with __X32_SYSCALL_BIT set.
 */
enum ksentry_abi {
	KSENTRY_ABI_X86_64,
	KSENTRY_ABI_IA32,
	KSENTRY_ABI_X32,
};

/**
 * struct ksentry_prule - A validated argument rule
 * @action: The action when every condition holds.
 * @nr_conds: Number of valid entries in @conds, at least 1.
 * @conds: The conditions, in the caller's order.
 */
struct ksentry_prule {
	u32 action;
	u32 nr_conds;
	struct ksentry_cond conds[KSENTRY_MAX_CONDS];
};

/**
 * struct ksentry_emu_view - The sandbox's view, as the handlers read it
 * @nr_cpus: CPUs the sandbox sees; 0 for all of the caller's.
 * @vfiles: The virtual files served, a KSENTRY_VFILE_BIT() mask.
 * @sysname: uname()'s sysname, or "" for the host's.
 * @nodename: uname()'s nodename, or "" for the UTS namespace's.
 * @release: uname()'s release, or "" for the host's.
 * @version: uname()'s version, or "" for the host's.
 * @machine: uname()'s machine, or "" for the host's.
 */
struct ksentry_emu_view {
	u32 nr_cpus;
	u32 vfiles;
	char sysname[KSENTRY_UTS_LEN];
	char nodename[KSENTRY_UTS_LEN];
	char release[KSENTRY_UTS_LEN];
	char version[KSENTRY_UTS_LEN];
	char machine[KSENTRY_UTS_LEN];
};

/**
 * struct ksentry_policy - A validated, immutable policy
 * @rcu: Frees the policy after the readers that may still see it.
 * @default_action: Action of numbers without an entry, and of numbers at
 *                  or above %KSENTRY_TABLE_SIZE.
 * @ia32_action: Action of every ia32 call.
 * @x32_action: Action of every x32 call.
 * @nr_rules: Number of entries in @rules.
 * @table: The action of each x86-64 number, the default filled in.
 * @rule_first: For each number, the index in @rules of its first rule.
 * @rule_count: For each number, how many rules it has (0 for most).
 * @fast: For each number, its action if it has no rules and is not one of
 *        the numbers the dispatcher always inspects (prctl, ptrace), else
 *        0 (no action): the syscall path's one-load answer, see
 *        ksentry_policy_decide_fast().
 * @emu: The sandbox's view for the emulation handlers, all zero for the
 *       host's.
 * @paths: The path rules, or NULL; owned by the policy, freed with it.
 * @rules: All rules, grouped by number, each group in the caller's order.
 *
 * A policy is built once by ksentry_policy_build() and never changed, so
 * readers need no lock: the sandbox publishes it through an RCU pointer
 * and frees the old one with ksentry_policy_free_rcu() after a grace period.
 */
struct ksentry_policy {
	struct rcu_head rcu;
	u32 default_action;
	u32 ia32_action;
	u32 x32_action;
	u32 nr_rules;
	u32 table[KSENTRY_TABLE_SIZE];
	u16 rule_first[KSENTRY_TABLE_SIZE];
	u16 rule_count[KSENTRY_TABLE_SIZE];
	u32 fast[KSENTRY_TABLE_SIZE];
	struct ksentry_emu_view emu;
	struct ksentry_paths *paths;
	struct ksentry_prule rules[] __counted_by(nr_rules);
};

/*
 * The x86-64 numbers whose arguments the dispatcher reads on every call,
 * whatever the policy: prctl and ptrace, which can switch the dispatch off
 * or stop a member where a tracer could rewrite its call.
 */
#define KSENTRY_NR_PRCTL 157
#define KSENTRY_NR_PTRACE 101

/* The type of an action: smaller is more restrictive. */
static inline u32 ksentry_action_type(const u32 action)
{
	return action & KSENTRY_ACT_TYPE_MASK;
}

static inline u32 ksentry_action_data(const u32 action)
{
	return action & KSENTRY_ACT_DATA_MASK;
}

/**
 * ksentry_errno_is_valid - Whether an ERRNO action may carry an error
 * @err: The error, positive.
 *
 * 1 to MAX_ERRNO, except the kernel's own codes of <linux/errno.h>
 * (ERESTARTSYS, 512, to ERECALLCONFLICT, 530): user space must never see
 * them, and the restart codes would make the kernel run the refused call
 * again.
 *
 * Return: True if @err may be returned by a refused call.
 */
static inline bool ksentry_errno_is_valid(const u32 err)
{
	return err >= 1 && err <= MAX_ERRNO &&
	       !(err >= ERESTARTSYS && err <= ERECALLCONFLICT);
}

/**
 * ksentry_policy_decide_fast - The action of an x86-64 call, if it is simple
 * @policy: The policy.
 * @nr: The call's number, any value.
 *
 * The syscall path's first try: one load for a number below
 * %KSENTRY_TABLE_SIZE that has no argument rules and is neither prctl nor
 * ptrace.
 *
 * Return: The action, or 0 when ksentry_policy_decide() must decide.
 */
static __always_inline u32
ksentry_policy_decide_fast(const struct ksentry_policy *const policy,
			   const unsigned long nr)
{
	if (unlikely(nr >= KSENTRY_TABLE_SIZE))
		return 0;
	return policy->fast[array_index_nospec(nr, KSENTRY_TABLE_SIZE)];
}

struct ksentry_policy *
ksentry_policy_build(const struct ksentry_policy_attr *attr,
		     const struct ksentry_entry *entries,
		     const struct ksentry_rule *rules);
struct ksentry_policy *
ksentry_policy_build_emu(const struct ksentry_policy_attr *attr,
			 const struct ksentry_entry *entries,
			 const struct ksentry_rule *rules,
			 const struct ksentry_emu_attr *emu);

int ksentry_policy_attach_paths(struct ksentry_policy *policy,
				struct ksentry_paths *paths);

void ksentry_policy_free(struct ksentry_policy *policy);
void ksentry_policy_free_rcu(struct ksentry_policy *policy);

bool ksentry_policy_is_tighter(const struct ksentry_policy *old,
			       const struct ksentry_policy *new);

u32 ksentry_policy_decide(const struct ksentry_policy *policy,
			  enum ksentry_abi abi, unsigned long nr,
			  const unsigned long args[6]);

#endif /* _KSENTRY_POLICY_H */
