/* SPDX-License-Identifier: GPL-2.0 */
/*
 * runsc-lite - the container's Linux environment: rootfs, mounts, devices
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * Runs in the container's init, after it has entered its new namespaces
 * (mount, uts, ipc, net, cgroup, user as the spec asks) and before it
 * waits for "start".  Every function fills @err with one line naming the
 * object and the reason ("mount /proc on /x/rootfs/proc: Permission
 * denied") and returns -1 on failure.
 */

#ifndef _RUNSC_LITE_LINUX_H
#define _RUNSC_LITE_LINUX_H

#include <stdbool.h>
#include <stddef.h>

struct spec;

/**
 * linux_setup_rootfs - Build the container's file system view
 * @spec: The container's spec.
 * @no_pivot: Use MS_MOVE + chroot instead of pivot_root (--no-pivot).
 * @err: Receives the reason on failure.
 * @errlen: Size of @err.
 *
 * In the container's new mount namespace: makes / private (or
 * linux.rootfsPropagation), bind-mounts root.path on itself, performs
 * "mounts" in order (creating mount points; bind mounts of files get a
 * file as mount point; propagation applied after each mount; bind mounts
 * with ro/nosuid/... are remounted so the flags take effect), creates
 * linux.devices (unless /dev is a bind mount) and, when /dev is a fresh
 * mount, the default devices (null, zero, full, random, urandom, tty),
 * by mknod or, where mknod is refused as in a user namespace, by a bind
 * mount of the host's node, then the /dev symlinks (fd, stdin, stdout,
 * stderr, core if /proc/kcore exists, ptmx -> pts/ptmx) and, with
 * process.terminal, an empty /dev/console for linux_setup_console();
 * switches root (pivot_root, or move + chroot), then applies
 * maskedPaths, readonlyPaths, root.readonly and chdir("/").
 *
 * Mount destinations are resolved inside the rootfs: a symlink in the
 * image is followed relative to the rootfs, never onto the host.
 *
 * Return: 0, or -1 with @err set.
 */
int linux_setup_rootfs(const struct spec *spec, bool no_pivot, char *err,
		       size_t errlen);

/**
 * linux_setup_console - Make the container's pty its /dev/console
 * @pty_slave_path: The pty's slave as the container sees it, e.g.
 *                  "/dev/pts/0" from a /dev/ptmx opened in the container
 *                  (or "/proc/self/fd/N" for an open slave).
 * @err: Receives the reason on failure.
 * @errlen: Size of @err.
 *
 * Call it after linux_setup_rootfs(), in the container's root: the pty
 * must come from the container's devpts instance, which only exists once
 * the mounts are made.  It bind-mounts the slave on the /dev/console that
 * linux_setup_rootfs() created for process.terminal, so a read-only root
 * does not get in the way.
 *
 * Return: 0, or -1 with @err set.
 */
int linux_setup_console(const char *pty_slave_path, char *err, size_t errlen);

/**
 * linux_set_hostname - Set hostname and domainname, in a new uts namespace
 * @spec: The spec.
 * @err: Receives the reason on failure.
 * @errlen: Size of @err.
 *
 * Return: 0, or -1 with @err set.  A hostname without a new uts namespace
 * is refused, as runc does.
 */
int linux_set_hostname(const struct spec *spec, char *err, size_t errlen);

/**
 * linux_write_sysctls - Write linux.sysctl under /proc/sys
 * @spec: The spec.
 * @err: Receives the reason on failure.
 * @errlen: Size of @err.
 *
 * Only namespaced keys are accepted (kernel.msg*, kernel.sem, kernel.shm*,
 * fs.mqueue.*, net.* with a new network namespace, kernel.hostname and
 * kernel.domainname with a new uts namespace); any other key is refused
 * with a message naming it, as runc does.  The ipc keys need a new ipc
 * namespace, and a namespace joined by path counts as new unless it is
 * pid 1's.  Every key is checked before any is written.
 *
 * Call it before linux_setup_rootfs(): readonlyPaths usually holds
 * /proc/sys.  Writing through the runtime's /proc is right: each value
 * belongs to the writer's namespace, whichever proc mount it goes through.
 *
 * Return: 0, or -1 with @err set.
 */
int linux_write_sysctls(const struct spec *spec, char *err, size_t errlen);

/**
 * linux_setup_loopback - Bring up "lo" in a new network namespace
 * @spec: The spec.
 * @err: Receives the reason on failure.
 * @errlen: Size of @err.
 *
 * A network namespace starts with its loopback down; runc brings it up,
 * and programs expect 127.0.0.1 to answer.  A joined namespace is left as
 * it is.
 *
 * Return: 0, or -1 with @err set.
 */
int linux_setup_loopback(const struct spec *spec, char *err, size_t errlen);

/**
 * linux_private_namespace - Whether the container has a namespace of its own
 * @spec: The container's spec.
 * @type: The namespace's CLONE_NEW* flag.
 * @name: Its name under /proc/PID/ns ("pid").
 *
 * A namespace of its own is a new one, or one joined by path that is not
 * the runtime's host's (pid 1's, read through the runtime's /proc; when
 * that cannot be read, the answer is no).
 *
 * Return: true when the container has one.
 */
bool linux_private_namespace(const struct spec *spec, int type,
			     const char *name);

#endif /* _RUNSC_LITE_LINUX_H */
