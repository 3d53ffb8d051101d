// SPDX-License-Identifier: GPL-2.0
/*
 * ksentry - emulation: the open family, decided on the object opened
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * The host's open reads the path from user memory when it resolves it,
 * after any check made on an earlier read: a second thread may rewrite
 * the buffer in between.  These handlers read it once, into the kernel,
 * and everything after works on that copy:
 *
 * 1. resolve: the copy is looked up as the call would walk it (the
 *    directory descriptor, "..", symlinks, mounts), which has no side
 *    effect: no truncation, no device open, no creation;
 * 2. decide: on the object found, with the path rules, then the virtual
 *    files (see pathrule.c and vfile.c);
 * 3. open: that very object is reopened with the caller's flags through
 *    file_open_root() and an empty name, which runs the host's permission
 *    checks on it and walks nothing again.
 *
 * Without path rules on opens nothing is refused, so the copy is opened in
 * one walk with the caller's flags, as the call would, and only then
 * looked at: a virtual file may take its place.
 *
 * A name that does not exist yet with O_CREAT is decided on its parent
 * directory, resolved the same way, and created in that directory with
 * O_EXCL: a file someone else puts there meanwhile makes the call fail
 * with EEXIST rather than open an object nobody decided on.
 *
 * The host's open resolves a name relative to a directory descriptor with
 * that directory as the caller's working directory; no exported function
 * takes a descriptor and a kernel string, so the handler runs the lookup
 * with a private fs_struct whose working directory is that directory.
 * Only the calling thread sees it, for the length of the lookup.
 */

#include "../common.h"

#include <linux/dcache.h>
#include <linux/err.h>
#include <linux/fcntl.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/cred.h>
#include <linux/fs_struct.h>
#include <linux/namei.h>
#include <linux/openat2.h>
#include <linux/path.h>
#include <linux/preempt.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <uapi/linux/ksentry.h>

#include "../compat.h"
#include "../emulate.h"
#include "../kcall.h"
#include "../pathrule.h"
#include "../policy.h"
#include "../sandbox.h"
#include "../vfile.h"

/* The flags O_PATH keeps, as fs/open.c has them. */
#define PATH_FLAGS (O_DIRECTORY | O_NOFOLLOW | O_PATH | O_CLOEXEC)

/* Whether this kernel refuses O_CREAT | O_DIRECTORY (Linux 6.4 on). */
static bool creat_dir_refused;

/**
 * ksentry_emu_open_init - Learn what this kernel's open refuses
 *
 * Opening "/" with O_CREAT | O_DIRECTORY has no side effect: a kernel that
 * refuses the pair says EINVAL, another EISDIR.
 */
void ksentry_emu_open_init(void)
{
	struct file *const f = filp_open("/", O_CREAT | O_DIRECTORY | O_RDONLY, 0);

	if (IS_ERR(f))
		creat_dir_refused = PTR_ERR(f) == -EINVAL;
	else
		fput(f);
}

/* The path, copied once; the caller kfree()s it. */
static char *copy_path(const char __user *const upath)
{
	char *const name = kmalloc(PATH_MAX, GFP_KERNEL);
	long len;

	if (!name)
		return ERR_PTR(-ENOMEM);
	len = strncpy_from_user(name, upath, PATH_MAX);
	if (len < 0 || len == PATH_MAX || !len) {
		kfree(name);
		return ERR_PTR(len < 0 ? -EFAULT : len ? -ENAMETOOLONG : -ENOENT);
	}
	return name;
}

/**
 * struct walk - One walk of the caller's path copy
 * @name: The path.
 * @lookup: For a lookup, its LOOKUP_* flags.
 * @flags: For an open, its O_* flags.
 * @mode: For an open, its mode.
 * @path: For a lookup, receives the object (set @file to NULL).
 * @file: For an open, receives the file.
 */
struct walk {
	const char *name;
	unsigned int lookup;
	int flags;
	umode_t mode;
	struct path *path;
	struct file *file;
};

static int walk_cwd(struct walk *const w)
{
	if (w->path)
		return kern_path(w->name, w->lookup, w->path);
	w->file = filp_open(w->name, w->flags, w->mode);
	return PTR_ERR_OR_ZERO(w->file);
}

/*
 * Walk @w->name as openat(@dfd, ...) would: a lookup into @w->path, or an
 * open into @w->file.  For a relative name and a directory descriptor,
 * the walk runs with a private fs_struct: the caller's root and umask,
 * the directory as working directory.  Writers of task->fs hold
 * task_lock(), as here.
 */
static int walk_at(const int dfd, struct walk *const w)
{
	struct fs_struct fs, *saved;
	struct file *dir;
	int err;

	if (w->name[0] == '/' || dfd == AT_FDCWD)
		return walk_cwd(w);
	dir = fget_raw(dfd);
	if (!dir)
		return -EBADF;
	if (!d_can_lookup(dir->f_path.dentry)) {
		fput(dir);
		return -ENOTDIR;
	}
	memset(&fs, 0, sizeof(fs));
	fs.users = 1;
	spin_lock_init(&fs.lock);
	seqcount_spinlock_init(&fs.seq, &fs.lock);
	fs.umask = current_umask();
	get_fs_root(current->fs, &fs.root);
	fs.pwd = dir->f_path;
	path_get(&fs.pwd);

	task_lock(current);
	saved = current->fs;
	current->fs = &fs;
	task_unlock(current);

	err = walk_cwd(w);

	task_lock(current);
	current->fs = saved;
	task_unlock(current);

	path_put(&fs.pwd);
	path_put(&fs.root);
	fput(dir);
	return err;
}

/* Look @name up as openat(@dfd, @name, ...) would, into @path. */
static int lookup_at(const int dfd, const char *const name,
		     const unsigned int lookup, struct path *const path)
{
	struct walk w = { .name = name, .lookup = lookup, .path = path };

	return walk_at(dfd, &w);
}

/* What the caller does with the object, as KSENTRY_ACCESS_* bits. */
static u32 access_of(const int flags)
{
	u32 access = 0;

	if (flags & O_PATH)
		return KSENTRY_ACCESS_READ;
	if ((flags & O_ACCMODE) != O_WRONLY)
		access |= KSENTRY_ACCESS_READ;
	if ((flags & O_ACCMODE) != O_RDONLY || (flags & (O_TRUNC | __O_TMPFILE)))
		access |= KSENTRY_ACCESS_WRITE;
	return access;
}

/* Give @file a descriptor; consumes @file. */
static long install(struct file *const file, const int flags)
{
	const int fd = get_unused_fd_flags(flags);

	if (fd < 0) {
		fput(file);
		return fd;
	}
	fd_install(fd, file);
	return fd;
}

/* Whether path rules apply to opens, and the virtual files served. */
static bool open_rules(const struct ksentry_emu_call *const call,
		       u32 *const vfiles)
{
	const struct ksentry_policy *policy;
	bool rules;

	preempt_disable();
	policy = rcu_dereference_sched(call->sandbox->policy);
	rules = policy->paths && policy->paths->has_open;
	*vfiles = policy->emu.vfiles;
	preempt_enable();
	return rules;
}

/*
 * Without path rules, nothing is refused: the copy is opened as the call
 * would open it, in one walk, and only a virtual file takes its place.
 */
static long open_direct(const struct ksentry_emu_call *const call,
			const int dfd, const char *const name, const int flags,
			const umode_t mode, const u32 vfiles)
{
	struct walk w = { .name = name, .flags = flags, .mode = mode };
	struct file *vf;
	u32 vfile;
	int err;

	err = walk_at(dfd, &w);
	if (err)
		return err;
	vfile = flags & O_PATH ? 0 : ksentry_vfile_of(&w.file->f_path, vfiles);
	if (vfile) {
		vf = ksentry_vfile_open(call, vfile, flags);
		fput(w.file);
		if (IS_ERR(vf))
			return PTR_ERR(vf);
		w.file = vf;
	}
	return install(w.file, flags);
}

/* The decision on @obj and the virtual files served, read under RCU. */
static u32 decide(const struct ksentry_emu_call *const call,
		  const struct path *const obj, const u32 access,
		  u32 *const vfiles)
{
	struct dentry *const real = ksentry_path_real(obj);
	const struct ksentry_policy *policy;
	u32 action;

	preempt_disable();
	policy = rcu_dereference_sched(call->sandbox->policy);
	action = ksentry_paths_decide(policy->paths, obj, real, access);
	*vfiles = policy->emu.vfiles;
	preempt_enable();
	return action;
}

/* Carry out a denial; true when @action is one. */
static bool denied(const u32 action, long *const ret)
{
	switch (ksentry_action_type(action)) {
	case KSENTRY_ACT_ERRNO:
		*ret = -(long)ksentry_action_data(action);
		return true;
	case KSENTRY_ACT_KILL_PROCESS:
		force_sig(SIGKILL);
		*ret = -EPERM;
		return true;
	default:
		return false;
	}
}

/*
 * The name does not exist and O_CREAT asks for it: decide on the parent
 * directory, then create the last component there, O_EXCL.
 */
static long create(const struct ksentry_emu_call *const call, const int dfd,
		   char *const name, const int flags, const umode_t mode)
{
	char *const slash = strrchr(name, '/');
	const char *base = name, *dirname = ".";
	struct path parent;
	struct file *file;
	long ret;
	u32 vfiles;
	int err;

	if (slash) {
		base = slash + 1;
		*slash = '\0';
		dirname = slash == name ? "/" : name;
	}
	if (!*base)
		return -EISDIR;
	err = lookup_at(dfd, dirname, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &parent);
	if (err)
		return err;
	if (denied(decide(call, &parent, KSENTRY_ACCESS_WRITE, &vfiles), &ret)) {
		path_put(&parent);
		return ret;
	}
	file = file_open_root(&parent, base, flags | O_EXCL, mode);
	path_put(&parent);
	if (IS_ERR(file))
		return PTR_ERR(file);
	return install(file, flags);
}

/*
 * The host's check of an O_CREAT open of the existing @obj, which the
 * open through an empty name below does not make: with fs.protected_regular
 * (regular files) or fs.protected_fifos (FIFOs) set, in a sticky directory
 * anyone (or, at 2, the group) may write, a file neither the caller nor the
 * directory's owner owns is not opened (may_create_in_sticky()).  The
 * directory is the one the name was found in: the parent of the object's
 * dentry, across the mounts it is the root of.
 */
static int sticky_check(const struct path *const obj)
{
	struct inode *const inode = d_backing_inode(obj->dentry);
	struct path at = *obj;
	struct dentry *parent;
	vfsuid_t dir_uid, uid;
	umode_t dir_mode;
	int level;

	if (S_ISREG(inode->i_mode))
		level = ksentry_kcall_protected_regular();
	else if (S_ISFIFO(inode->i_mode))
		level = ksentry_kcall_protected_fifos();
	else
		return 0;
	if (!level)
		return 0;
	path_get(&at);
	while (at.dentry == at.mnt->mnt_root && follow_up(&at))
		;
	parent = dget_parent(at.dentry);
	dir_mode = d_inode(parent)->i_mode;
	dir_uid = ksentry_i_vfsuid(at.mnt, d_inode(parent));
	dput(parent);
	path_put(&at);
	if (!(dir_mode & S_ISVTX))
		return 0;
	uid = ksentry_i_vfsuid(obj->mnt, inode);
	if (vfsuid_eq(uid, dir_uid) || vfsuid_eq_kuid(uid, current_fsuid()))
		return 0;
	if (dir_mode & 0002)
		return -EACCES;
	if ((dir_mode & 0020) && level >= 2)
		return -EACCES;
	return 0;
}

/*
 * openat(@dfd, @upath, @flags, @mode), with @flags already checked as the
 * call checks them.
 */
static long open_decided(const struct ksentry_emu_call *const call,
			 const int dfd, const char __user *const upath,
			 const int flags, const umode_t mode)
{
	unsigned int lookup = 0;
	enum ksentry_vfile vfile;
	u32 action, vfiles;
	struct path obj;
	struct file *file;
	char *name;
	long ret;
	int err;

	name = copy_path(upath);
	if (IS_ERR(name))
		return PTR_ERR(name);
	if (!open_rules(call, &vfiles)) {
		ret = open_direct(call, dfd, name, flags, mode, vfiles);
		kfree(name);
		return ret;
	}
	/* As build_open_flags() turns the flags into the walk's. */
	if (!(flags & O_NOFOLLOW) &&
	    (flags & (O_CREAT | O_EXCL)) != (O_CREAT | O_EXCL))
		lookup |= LOOKUP_FOLLOW;
	if (flags & (O_DIRECTORY | __O_TMPFILE))
		lookup |= LOOKUP_DIRECTORY;
	err = lookup_at(dfd, name, lookup, &obj);
	if (err) {
		ret = err;
		if (ret == -ENOENT && (flags & O_CREAT))
			ret = create(call, dfd, name, flags, mode);
		kfree(name);
		return ret;
	}
	kfree(name);
	action = decide(call, &obj, access_of(flags), &vfiles);
	if (denied(action, &ret)) {
		path_put(&obj);
		return ret;
	}
	/* The name exists, whatever it is (a symlink is not followed). */
	if ((flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL)) {
		path_put(&obj);
		return -EEXIST;
	}
	err = flags & O_CREAT ? sticky_check(&obj) : 0;
	if (err) {
		path_put(&obj);
		return err;
	}
	/* An O_PATH descriptor reads nothing: it is the real object's. */
	if (flags & O_PATH)
		vfile = 0;
	else if (ksentry_action_type(action) == KSENTRY_ACT_EMULATE)
		vfile = ksentry_action_data(action);
	else
		vfile = ksentry_vfile_of(&obj, vfiles);
	/* The virtual file, or the very object decided on, host-checked. */
	if (vfile)
		file = ksentry_vfile_open(call, vfile, flags);
	else
		file = file_open_root(&obj, "", flags, mode);
	path_put(&obj);
	if (IS_ERR(file))
		return PTR_ERR(file);
	return install(file, flags);
}

/* The checks of the call's flags, made before the path is read. */
static int check_flags(const int flags)
{
	const int tmpfile_mask = __O_TMPFILE | O_DIRECTORY | O_CREAT;

	if (creat_dir_refused &&
	    (flags & (O_DIRECTORY | O_CREAT)) == (O_DIRECTORY | O_CREAT))
		return -EINVAL;
	if (flags & __O_TMPFILE) {
		/* Either kernel's test: O_DIRECTORY set, O_CREAT not. */
		if ((flags & tmpfile_mask) != O_TMPFILE)
			return -EINVAL;
		if ((flags & O_ACCMODE) == O_RDONLY)
			return -EINVAL;
	}
	return 0;
}

/* open() and openat(): unknown flags are dropped, as the host drops them. */
static long open_legacy(const struct ksentry_emu_call *const call,
			const int dfd, const char __user *const upath,
			int flags, umode_t mode)
{
	int err;

	flags = (flags & VALID_OPEN_FLAGS) | O_LARGEFILE;
	if (flags & O_PATH)
		flags &= PATH_FLAGS;
	mode &= S_IALLUGO;
	if (!(flags & (O_CREAT | __O_TMPFILE)))
		mode = 0;
	err = check_flags(flags);
	if (err)
		return err;
	return open_decided(call, dfd, upath, flags, mode);
}

bool ksentry_emu_open(const struct ksentry_emu_call *const call,
		      long *const ret)
{
	*ret = open_legacy(call, AT_FDCWD, (const char __user *)call->args[0],
			   (int)call->args[1], (umode_t)call->args[2]);
	return true;
}

bool ksentry_emu_openat(const struct ksentry_emu_call *const call,
			long *const ret)
{
	*ret = open_legacy(call, (int)call->args[0],
			   (const char __user *)call->args[1],
			   (int)call->args[2], (umode_t)call->args[3]);
	return true;
}

bool ksentry_emu_creat(const struct ksentry_emu_call *const call,
		       long *const ret)
{
	*ret = open_legacy(call, AT_FDCWD, (const char __user *)call->args[0],
			   O_CREAT | O_WRONLY | O_TRUNC, (umode_t)call->args[1]);
	return true;
}

/*
 * openat2(): every field is checked, as the host checks them.  The
 * RESOLVE_* flags restrict the walk in ways no exported lookup can, so a
 * call that sets any gets ENOSYS, the answer of a kernel without
 * openat2(), which callers already handle by falling back to openat().
 */
bool ksentry_emu_openat2(const struct ksentry_emu_call *const call,
			 long *const ret)
{
	const struct open_how __user *const uhow = (void __user *)call->args[2];
	const size_t usize = call->args[3];
	struct open_how how;
	int err;

	*ret = -EINVAL;
	if (usize < OPEN_HOW_SIZE_VER0)
		return true;
	*ret = -E2BIG;
	if (usize > PAGE_SIZE)
		return true;
	err = copy_struct_from_user(&how, sizeof(how), uhow, usize);
	*ret = err;
	if (err)
		return true;
	if (!(how.flags & O_PATH))
		how.flags |= O_LARGEFILE;
	*ret = -EINVAL;
	if ((how.flags & ~(u64)(VALID_OPEN_FLAGS | O_CLOEXEC)) ||
	    (how.resolve & ~(u64)VALID_RESOLVE_FLAGS) ||
	    ((how.resolve & RESOLVE_BENEATH) && (how.resolve & RESOLVE_IN_ROOT)))
		return true;
	if (how.flags & (O_CREAT | __O_TMPFILE)) {
		if (how.mode & ~(u64)S_IALLUGO)
			return true;
	} else if (how.mode) {
		return true;
	}
	if ((how.flags & O_PATH) && (how.flags & ~(u64)PATH_FLAGS))
		return true;
	err = check_flags((int)how.flags);
	*ret = err;
	if (err)
		return true;
	if (how.resolve) {
		*ret = -ENOSYS;
		return true;
	}
	*ret = open_decided(call, (int)call->args[0],
			    (const char __user *)call->args[1], (int)how.flags,
			    (umode_t)how.mode);
	return true;
}
