/* SPDX-License-Identifier: GPL-2.0 */
/*
 * runsc-lite - namespaces: their names, and entering a running container's
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * exec's helper and the hooks that run in the container (createContainer,
 * startContainer) join the namespaces of the container's init through
 * /proc/PID/ns, the user namespace first: once in it, the caller holds
 * the capabilities that joining the others takes.
 */

#ifndef _RUNSC_LITE_NS_H
#define _RUNSC_LITE_NS_H

#include <stddef.h>
#include <sys/types.h>

/**
 * ns_name - The name of a namespace type in /proc/PID/ns
 * @type: Its CLONE_NEW* flag.
 *
 * Return: "user", "mnt", "uts", "ipc", "net", "pid" or "cgroup"; "?" for
 * any other @type.
 */
const char *ns_name(int type);

/**
 * ns_enter - Enter a process's namespaces where they differ
 * @pid: The process.
 * @err: Receives the reason on failure.
 * @errlen: Size of @err.
 *
 * Enters @pid's user, ipc, uts, net, pid, cgroup and mount namespaces, in
 * that order, skipping each that the caller is in already.  A new pid
 * namespace takes effect for the caller's children only.
 *
 * Return: 0, or -1 with errno and @err set at the first namespace that
 * could not be entered (one of @pid's that could not be read included).
 */
int ns_enter(pid_t pid, char *err, size_t errlen);

#endif /* _RUNSC_LITE_NS_H */
