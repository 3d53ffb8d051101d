// SPDX-License-Identifier: GPL-2.0
/*
 * ksentry - emulation: the virtual files, recognised and opened
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * The open family's handlers hand a member a virtual file instead of one
 * of the host's files of &enum ksentry_vfile.  The file is recognised by
 * what the path resolved to: a regular file of that name at the root of a
 * procfs (or at devices/system/cpu/online of a sysfs), so a relative
 * path, "..", a symlink, /proc/self/root, a bind mount of /proc or a new
 * procfs mount all lead to it.
 *
 * The content is made once, at open, from the sandbox's view and the
 * figures of that moment, and kept with the file: reads, seeks and
 * partial reads of one open file see one snapshot, as a seq_file read
 * from its start does.  The file is a regular, read-only file of an
 * internal filesystem owned by root; fstat() shows it as such, with a
 * size of 0 as procfs shows.
 *
 * Each open gets an inode and a dentry of its own, and the content hangs
 * on the open file: nothing is shared between two opens, two members or
 * two sandboxes (locks, inotify watches, attributes).  Nothing but
 * ksentry_vfile_open() makes an open file of such an inode: its i_fop are
 * the kernel's no_open_fops, so opening it again by a path
 * (/proc/PID/fd/N, from inside or outside the sandbox) fails with ENXIO,
 * as for an anonymous inode, and it is immutable.
 *
 * An O_PATH descriptor of /proc/PID/fd/N keeps the dentry, the mount and
 * the superblock, but no reference on the module: they may outlive it.
 * So none of them is the module's: the inodes are made on the kernel's
 * anonymous-inode mount and keep the kernel's operations; only the open
 * files have vfile_fops, and each holds the module.
 */

#include "../common.h"

#include <linux/anon_inodes.h>
#include <linux/bug.h>
#include <linux/cpumask.h>
#include <linux/cred.h>
#include <linux/dcache.h>
#include <linux/err.h>
#include <linux/fcntl.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/magic.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/module.h>
#include <linux/mount.h>
#include <linux/pid_namespace.h>
#include <linux/sched/loadavg.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/swap.h>
#include <linux/timekeeping.h>
#include <linux/vmalloc.h>
#include <linux/vmstat.h>
#include <uapi/linux/ksentry.h>

#include "../emulate.h"
#include "../policy.h"
#include "../sandbox.h"
#include "../vfile.h"

/* Most of a host file read for filtering (/proc/cpuinfo of many CPUs). */
#define HOST_FILE_MAX (4UL << 20)

/* Longest CPU number in decimal: 4294967295. */
#define U32_DIGITS 10

/*
 * The mount the virtual files live on: the kernel's own anonymous-inode
 * mount, with a reference; constant while loaded.
 */
static struct vfsmount *vfile_mnt;

/**
 * struct vfile_content - What a virtual file reads
 * @len: Length of @text.
 * @text: The content; constant after the open.
 */
struct vfile_content {
	size_t len;
	char text[];
};

static const char *const proc_names[] = {
	[KSENTRY_VFILE_MEMINFO] = "meminfo",
	[KSENTRY_VFILE_CPUINFO] = "cpuinfo",
	[KSENTRY_VFILE_STAT] = "stat",
	[KSENTRY_VFILE_UPTIME] = "uptime",
	[KSENTRY_VFILE_LOADAVG] = "loadavg",
};

/* sysfs's devices/system/cpu/online, from the file up. */
static const char *const online_names[] = { "online", "cpu", "system", "devices" };

/* The name of @vfile's dentry, as /proc/PID/fd shows it. */
static const char *vfile_name(const u32 vfile)
{
	return vfile == KSENTRY_VFILE_CPU_ONLINE ? "online" : proc_names[vfile];
}

static bool name_is(const struct dentry *const d, const char *const name)
{
	return !strcmp((const char *)d->d_name.name, name);
}

static u32 proc_vfile(const struct dentry *const d)
{
	u32 v;

	if (d->d_parent != d->d_sb->s_root)
		return 0;
	for (v = KSENTRY_VFILE_MEMINFO; v <= KSENTRY_VFILE_LOADAVG; v++)
		if (name_is(d, proc_names[v]))
			return v;
	return 0;
}

static u32 sysfs_vfile(const struct dentry *d)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(online_names); i++) {
		if (IS_ROOT(d) || !name_is(d, online_names[i]))
			return 0;
		d = d->d_parent;
	}
	return d == d->d_sb->s_root ? KSENTRY_VFILE_CPU_ONLINE : 0;
}

/**
 * ksentry_vfile_of - Which virtual file an object is
 * @path: The object a path resolved to.
 * @vfiles: The virtual files served, a KSENTRY_VFILE_BIT() mask.
 *
 * procfs and sysfs never rename these entries, so their names and
 * parents are stable while the caller holds @path.
 *
 * Return: The virtual file, or 0 when @path is none served.
 */
u32 ksentry_vfile_of(const struct path *const path, const u32 vfiles)
{
	const struct dentry *const d = path->dentry;
	u32 v = 0;

	if (!vfiles || !d_is_reg(d))
		return 0;
	if (d->d_sb->s_magic == PROC_SUPER_MAGIC)
		v = proc_vfile(d);
	else if (d->d_sb->s_magic == SYSFS_MAGIC)
		v = sysfs_vfile(d);
	return v && (vfiles & KSENTRY_VFILE_BIT(v)) ? v : 0;
}

static ssize_t vfile_read(struct file *const file, char __user *const buf,
			  const size_t count, loff_t *const pos)
{
	const struct vfile_content *const c = file->private_data;

	return simple_read_from_buffer(buf, count, pos, c->text, c->len);
}

static int vfile_release(struct inode *const inode, struct file *const file)
{
	kvfree(file->private_data);
	return 0;
}

static const struct file_operations vfile_fops = {
	.owner = THIS_MODULE,
	.read = vfile_read,
	/* As seq_lseek(): from the start or the position, not the end. */
	.llseek = no_seek_end_llseek,
	.release = vfile_release,
};

static struct vfile_content *content_alloc(const size_t size)
{
	return kvmalloc(struct_size_t(struct vfile_content, text, size),
			GFP_KERNEL_ACCOUNT);
}

#define PAGES_KB(p) ((u64)(p) << (PAGE_SHIFT - 10))

static void collect_meminfo(struct ksentry_meminfo *const m)
{
	unsigned long limit, usage, file_pages, lru[NR_LRU_LISTS];
	struct sysinfo i;
	int l;

	si_meminfo(&i);
	for (l = LRU_BASE; l < NR_LRU_LISTS; l++)
		lru[l] = global_node_page_state(NR_LRU_BASE + l);
	file_pages = global_node_page_state(NR_FILE_PAGES);
	memset(m, 0, sizeof(*m));
	m->host_total = PAGES_KB(i.totalram);
	m->host_free = PAGES_KB(i.freeram);
	m->host_available = PAGES_KB(si_mem_available());
	m->buffers = PAGES_KB(i.bufferram);
	m->cached = PAGES_KB(file_pages > i.bufferram ? file_pages - i.bufferram : 0);
	m->active = PAGES_KB(lru[LRU_ACTIVE_ANON] + lru[LRU_ACTIVE_FILE]);
	m->inactive = PAGES_KB(lru[LRU_INACTIVE_ANON] + lru[LRU_INACTIVE_FILE]);
	m->active_anon = PAGES_KB(lru[LRU_ACTIVE_ANON]);
	m->inactive_anon = PAGES_KB(lru[LRU_INACTIVE_ANON]);
	m->active_file = PAGES_KB(lru[LRU_ACTIVE_FILE]);
	m->inactive_file = PAGES_KB(lru[LRU_INACTIVE_FILE]);
	m->unevictable = PAGES_KB(lru[LRU_UNEVICTABLE]);
	m->mlocked = PAGES_KB(global_zone_page_state(NR_MLOCK));
	m->dirty = PAGES_KB(global_node_page_state(NR_FILE_DIRTY));
	m->writeback = PAGES_KB(global_node_page_state(NR_WRITEBACK));
	m->anon_pages = PAGES_KB(global_node_page_state(NR_ANON_MAPPED));
	m->mapped = PAGES_KB(global_node_page_state(NR_FILE_MAPPED));
	m->shmem = PAGES_KB(i.sharedram);
	m->slab_reclaimable = PAGES_KB(global_node_page_state_pages(NR_SLAB_RECLAIMABLE_B));
	m->slab_unreclaimable = PAGES_KB(global_node_page_state_pages(NR_SLAB_UNRECLAIMABLE_B));
	m->kreclaimable = m->slab_reclaimable +
		PAGES_KB(global_node_page_state(NR_KERNEL_MISC_RECLAIMABLE));
	m->kernel_stack = global_node_page_state(NR_KERNEL_STACK_KB);
	m->page_tables = PAGES_KB(global_node_page_state(NR_PAGETABLE));
	m->committed_as = PAGES_KB(vm_memory_committed());
	m->vmalloc_total = (u64)VMALLOC_TOTAL >> 10;
	if (ksentry_emu_memcg_limit(&limit, &usage)) {
		m->limit = PAGES_KB(limit);
		m->usage = PAGES_KB(usage);
	}
}

/* The host's file, read whole through the object the caller resolved. */
static char *read_host(const struct path *const real, size_t *const len)
{
	size_t size = PAGE_SIZE, used = 0;
	struct file *file;
	char *buf, *more;
	loff_t pos = 0;
	ssize_t n;

	file = file_open_root(real, "", O_RDONLY, 0);
	if (IS_ERR(file))
		return ERR_CAST(file);
	buf = kvmalloc(size, GFP_KERNEL_ACCOUNT);
	while (buf) {
		n = kernel_read(file, buf + used, size - used, &pos);
		if (n <= 0) {
			if (n < 0) {
				kvfree(buf);
				buf = ERR_PTR(n);
			}
			break;
		}
		used += n;
		if (used < size)
			continue;
		if (size >= HOST_FILE_MAX) {
			kvfree(buf);
			buf = ERR_PTR(-EFBIG);
			break;
		}
		more = kvmalloc(size * 2, GFP_KERNEL_ACCOUNT);
		if (more)
			memcpy(more, buf, used);
		kvfree(buf);
		buf = more;
		size *= 2;
	}
	fput(file);
	if (!buf)
		return ERR_PTR(-ENOMEM);
	*len = used;
	return buf;
}

/* The sandbox's CPUs as host numbers, ascending; kfree() the array. */
static unsigned int *sandbox_cpu_list(const struct ksentry_emu_call *const call,
				      unsigned int *const nr)
{
	unsigned int *cpus, cpu, n = 0;
	cpumask_var_t mask;

	*nr = 0;
	if (!zalloc_cpumask_var(&mask, GFP_KERNEL))
		return NULL;
	ksentry_emu_sandbox_cpus(ksentry_emu_nr_cpus(call), mask);
	cpus = kcalloc(max(cpumask_weight(mask), 1U), sizeof(*cpus), GFP_KERNEL);
	if (cpus)
		for_each_cpu(cpu, mask)
			cpus[n++] = cpu;
	free_cpumask_var(mask);
	*nr = n;
	return cpus;
}

/* /proc/cpuinfo and /proc/stat: the host's, cut to the sandbox's CPUs. */
static struct vfile_content *make_filtered(const struct ksentry_emu_call *const call,
					   const u32 vfile,
					   const struct path *const real)
{
	struct vfile_content *c = NULL;
	unsigned int *cpus, nr;
	size_t len;
	char *host;

	host = read_host(real, &len);
	if (IS_ERR(host))
		return ERR_CAST(host);
	cpus = sandbox_cpu_list(call, &nr);
	if (cpus)
		c = content_alloc(len + 256);
	if (c && vfile == KSENTRY_VFILE_CPUINFO)
		c->len = ksentry_vfile_cpuinfo(c->text, len + 256, host, len, cpus, nr);
	else if (c)
		c->len = ksentry_vfile_stat(c->text, len + 256, host, len, cpus, nr);
	kfree(cpus);
	kvfree(host);
	return c ?: ERR_PTR(-ENOMEM);
}

/*
 * sysfs's cpu/online: the sandbox's CPUs by their host numbers, the ones
 * sched_getaffinity() answers.  Room for every CPU as a number of its own
 * and a comma: the list is never cut.
 */
static struct vfile_content *make_online(const struct ksentry_emu_call *const call)
{
	struct vfile_content *c = NULL;
	unsigned int *cpus, nr;
	size_t size;

	cpus = sandbox_cpu_list(call, &nr);
	if (!cpus)
		return ERR_PTR(-ENOMEM);
	size = (size_t)nr * (U32_DIGITS + 1) + 2;
	c = content_alloc(size);
	if (c)
		c->len = ksentry_vfile_cpu_online(c->text, size, cpus, nr);
	kfree(cpus);
	return c ?: ERR_PTR(-ENOMEM);
}

static struct vfile_content *make_content(const struct ksentry_emu_call *const call,
					  const u32 vfile,
					  const struct path *const real)
{
	const size_t size = 2048;
	struct ksentry_sandbox *const sandbox = call->sandbox;
	struct vfile_content *c;
	struct ksentry_meminfo m;
	unsigned long loads[3];
	unsigned int nr, i;
	int last;
	u64 up;

	if (vfile == KSENTRY_VFILE_CPUINFO || vfile == KSENTRY_VFILE_STAT)
		return make_filtered(call, vfile, real);
	if (vfile == KSENTRY_VFILE_CPU_ONLINE)
		return make_online(call);
	c = content_alloc(size);
	if (!c)
		return ERR_PTR(-ENOMEM);
	switch (vfile) {
	case KSENTRY_VFILE_MEMINFO:
		collect_meminfo(&m);
		c->len = ksentry_vfile_meminfo(c->text, size, &m);
		break;
	case KSENTRY_VFILE_UPTIME:
		kfree(sandbox_cpu_list(call, &nr));
		up = ktime_get_boottime_ns() - sandbox->bound_at;
		c->len = ksentry_vfile_uptime(c->text, size, up, nr);
		break;
	case KSENTRY_VFILE_LOADAVG:
		for (i = 0; i < ARRAY_SIZE(loads); i++)
			loads[i] = READ_ONCE(avenrun[i]);
		last = idr_get_cursor(&task_active_pid_ns(current)->idr) - 1;
		c->len = ksentry_vfile_loadavg(c->text, size, loads, 1,
					       atomic_read(&sandbox->members),
					       last);
		break;
	default:
		/* ksentry_vfile_of() gives no other: fail closed. */
		WARN_ON_ONCE(1);
		kvfree(c);
		return ERR_PTR(-EACCES);
	}
	return c;
}

/*
 * A new open file of a new inode: a regular, read-only file owned by root,
 * named after @vfile, with the modes dentry_open() gives a regular file
 * (seek, pread, atomic position).  Like an open of any of the module's
 * files, it holds a reference on the module until its release.
 */
static struct file *new_file(const u32 vfile, const int flags)
{
	struct inode *inode;
	struct file *file;

	if (!try_module_get(THIS_MODULE))
		return ERR_PTR(-ENOENT);
	inode = alloc_anon_inode(vfile_mnt->mnt_sb);
	if (IS_ERR(inode)) {
		module_put(THIS_MODULE);
		return ERR_CAST(inode);
	}
	inode->i_mode = S_IFREG | 0444;
	inode->i_uid = GLOBAL_ROOT_UID;
	inode->i_gid = GLOBAL_ROOT_GID;
	/* chmod, chown, utimes: EPERM, the file keeps its attributes. */
	inode->i_flags |= S_IMMUTABLE;
	/* i_fop stays no_open_fops: see above. */
	file = alloc_file_pseudo(inode, vfile_mnt, vfile_name(vfile), flags,
				 &vfile_fops);
	if (IS_ERR(file)) {
		iput(inode);
		module_put(THIS_MODULE);
		return file;
	}
	file->f_mode |= FMODE_LSEEK | FMODE_PREAD | FMODE_ATOMIC_POS;
	return file;
}

/**
 * ksentry_vfile_open - Open a virtual file in place of a host file
 * @call: The open call.
 * @vfile: The virtual file.
 * @real: The object the path resolved to.
 * @flags: The caller's open flags.
 *
 * Return: The file, or ERR_PTR(-EACCES) for an open that would write,
 * -ENOMEM, or the error reading the host's file for a filtered one.
 */
struct file *ksentry_vfile_open(const struct ksentry_emu_call *const call,
				const u32 vfile, const struct path *const real,
				const int flags)
{
	struct vfile_content *c;
	struct file *file;

	if ((flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC))
		return ERR_PTR(-EACCES);
	c = make_content(call, vfile, real);
	if (IS_ERR(c))
		return ERR_CAST(c);
	file = new_file(vfile, O_RDONLY | (flags & (O_NONBLOCK | O_LARGEFILE)));
	if (IS_ERR(file)) {
		kvfree(c);
		return file;
	}
	file->private_data = c;
	return file;
}

/*
 * Find the anonymous-inode mount through a file of it.  Its operations are
 * the kernel's, not the module's: the file's last fput() is deferred until
 * insmod returns, by when a failed load has freed the module.
 */
int ksentry_vfile_init(void)
{
	struct file *const probe = anon_inode_getfile("[ksentry-vfile]",
						      &generic_ro_fops, NULL,
						      O_RDONLY);

	if (IS_ERR(probe))
		return PTR_ERR(probe);
	vfile_mnt = mntget(probe->f_path.mnt);
	fput(probe);
	return 0;
}

void ksentry_vfile_exit(void)
{
	mntput(vfile_mnt);
}
