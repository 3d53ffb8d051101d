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
#include <linux/module.h>
#include <linux/mount.h>
#include <linux/pid_namespace.h>
#include <linux/sched/loadavg.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <uapi/linux/ksentry.h>

#include "../emulate.h"
#include "../policy.h"
#include "../sandbox.h"
#include "../vfile.h"

/* Most of a host file read for filtering (/proc/cpuinfo of many CPUs). */
#define HOST_FILE_MAX (4UL << 20)

/* Longest CPU number in decimal: 4294967295. */
#define U32_DIGITS 10

/* Longest u64 in decimal: 18446744073709551615. */
#define U64_DIGITS 20

#define PAGES_KB(p) ((u64)(p) << (PAGE_SHIFT - 10))

/*
 * The mount the virtual files live on: the kernel's own anonymous-inode
 * mount, with a reference; constant while loaded.
 */
static struct vfsmount *vfile_mnt;

/*
 * A procfs of the module's own, the host's files read from it; constant
 * while loaded.  Its files of &enum ksentry_vfile are the same in every
 * procfs, and each is read in the caller's context (its time namespace
 * for /proc/stat's btime).
 */
static struct vfsmount *proc_mnt;

/*
 * The kernel's credentials, which the host's files are read with: the
 * caller's were checked on the file it opened, and an LSM that confines
 * it (Landlock, AppArmor) could not place the module's procfs, in no
 * mount namespace.  Constant while loaded.
 */
static const struct cred *host_cred;

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

/*
 * The host's file of @vfile, read whole, as the caller would read it, from
 * the module's own procfs: not through the object the caller resolved,
 * which for a path rule is any file, and which the caller could mount
 * something over.  Opened with host_cred; reads use the file's own
 * credentials.  A file larger than HOST_FILE_MAX fails with -EFBIG: never
 * a cut one.
 */
static char *read_host(const u32 vfile, size_t *const len)
{
	const struct path root = { .mnt = proc_mnt, .dentry = proc_mnt->mnt_root };
	size_t size = PAGE_SIZE, used = 0;
	struct file *file;
	char *buf, *more;
	loff_t pos = 0;
	ssize_t n;

	const struct cred *old = override_creds(host_cred);

	file = file_open_root(&root, proc_names[vfile], O_RDONLY, 0);
	revert_creds(old);
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
					   const u32 vfile)
{
	struct vfile_content *c = NULL;
	unsigned int *cpus, nr;
	size_t len, size;
	char *host;

	host = read_host(vfile, &len);
	if (IS_ERR(host))
		return ERR_CAST(host);
	/* Never longer than the host's: its lines, and sums of its numbers. */
	size = len + 256;
	cpus = sandbox_cpu_list(call, &nr);
	if (cpus)
		c = content_alloc(size);
	if (c && vfile == KSENTRY_VFILE_CPUINFO)
		c->len = ksentry_vfile_cpuinfo(c->text, size, host, len, cpus, nr);
	else if (c)
		c->len = ksentry_vfile_stat(c->text, size, host, len, cpus, nr);
	kfree(cpus);
	kvfree(host);
	if (!c)
		return ERR_PTR(-ENOMEM);
	/* Content that fills the buffer may have been cut: fail closed. */
	if (WARN_ON_ONCE(c->len + 1 >= size)) {
		kvfree(c);
		return ERR_PTR(-EFBIG);
	}
	return c;
}

/*
 * /proc/meminfo: the host's, its figures of the sandbox's memory replaced.
 * Each line the formatter rewrites grows by at most the digits of a u64
 * and a blank: room for 128 such lines, more than twice the lines 6.12
 * prints (under a limit every amount in kB is rewritten).  A longer host
 * file fails with -EFBIG, uncut.
 */
static struct vfile_content *make_meminfo(void)
{
	unsigned long limit = 0, usage = 0;
	struct vfile_content *c;
	size_t len, size;
	ssize_t n;
	char *host;

	host = read_host(KSENTRY_VFILE_MEMINFO, &len);
	if (IS_ERR(host))
		return ERR_CAST(host);
	size = len + 128 * (U64_DIGITS + 1);
	c = content_alloc(size);
	if (!c) {
		kvfree(host);
		return ERR_PTR(-ENOMEM);
	}
	/* A limit of 0 pages is one: only U64_MAX says there is none. */
	n = ksentry_vfile_meminfo(c->text, size, host, len,
				  ksentry_emu_memcg_limit(&limit, &usage) ?
				  PAGES_KB(limit) : U64_MAX, PAGES_KB(usage));
	kvfree(host);
	if (n < 0) {
		kvfree(c);
		return ERR_PTR(n);
	}
	c->len = n;
	return c;
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
					  const u32 vfile)
{
	const size_t size = 256;
	struct ksentry_sandbox *const sandbox = call->sandbox;
	struct vfile_content *c;
	unsigned long loads[3];
	unsigned int nr, i;
	u64 shown, up;
	int last;

	if (vfile == KSENTRY_VFILE_CPUINFO || vfile == KSENTRY_VFILE_STAT)
		return make_filtered(call, vfile);
	if (vfile == KSENTRY_VFILE_MEMINFO)
		return make_meminfo();
	if (vfile == KSENTRY_VFILE_CPU_ONLINE)
		return make_online(call);
	c = content_alloc(size);
	if (!c)
		return ERR_PTR(-ENOMEM);
	switch (vfile) {
	case KSENTRY_VFILE_UPTIME:
		kfree(sandbox_cpu_list(call, &nr));
		shown = ksentry_emu_uptime_ns(sandbox, &up);
		c->len = ksentry_vfile_uptime(c->text, size, shown, up, nr);
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
 * @flags: The caller's open flags.
 *
 * Return: The file, or ERR_PTR(-EACCES) for an open that would write,
 * -ENOMEM, -EFBIG for content that would not fit whole, -EIO for a host
 * /proc/meminfo the sandbox's figures cannot be put in, or the error
 * reading the host's file for one made from it.
 */
struct file *ksentry_vfile_open(const struct ksentry_emu_call *const call,
				const u32 vfile, const int flags)
{
	struct vfile_content *c;
	struct file *file;

	if ((flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC))
		return ERR_PTR(-EACCES);
	c = make_content(call, vfile);
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
	struct file_system_type *proc;
	int err;

	if (IS_ERR(probe))
		return PTR_ERR(probe);
	vfile_mnt = mntget(probe->f_path.mnt);
	fput(probe);
	/*
	 * put_filesystem() is not exported; it is module_put() of the
	 * owner, which procfs, built in, does not have.
	 */
	host_cred = prepare_kernel_cred(&init_task);
	if (!host_cred) {
		err = -ENOMEM;
		goto out_put_vfile_mnt;
	}
	proc = get_fs_type("proc");
	if (!proc) {
		err = -ENODEV;
		goto out_put_cred;
	}
	proc_mnt = kern_mount(proc);
	module_put(proc->owner);
	if (IS_ERR(proc_mnt)) {
		err = PTR_ERR(proc_mnt);
		goto out_put_cred;
	}
	return 0;

out_put_cred:
	put_cred(host_cred);
out_put_vfile_mnt:
	mntput(vfile_mnt);
	return err;
}

void ksentry_vfile_exit(void)
{
	kern_unmount(proc_mnt);
	put_cred(host_cred);
	mntput(vfile_mnt);
}
