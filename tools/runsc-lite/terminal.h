/* SPDX-License-Identifier: GPL-2.0 */
/*
 * runsc-lite - the container's terminal and --console-socket
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * With process.terminal, the container's process gets a new pseudo
 * terminal from the container's own devpts as its controlling terminal
 * and stdio.  The master end is sent over the --console-socket (a
 * connected AF_UNIX stream socket) with SCM_RIGHTS, as runc does, so the
 * engine (conmon, containerd's shim) owns it.
 */

#ifndef _RUNSC_LITE_TERMINAL_H
#define _RUNSC_LITE_TERMINAL_H

#include <stddef.h>

struct spec_console;

/**
 * terminal_connect - Connect to the --console-socket
 * @path: The socket's path.
 * @err: Receives the reason on failure.
 * @errlen: Size of @err.
 *
 * Return: The connected socket, close-on-exec, or -1 with errno (e.g.
 * ENAMETOOLONG for a path that does not fit a socket address) and @err set.
 */
int terminal_connect(const char *path, char *err, size_t errlen);

/**
 * terminal_setup - Make a new pty the caller's terminal, send its master
 * @console: The connected console socket.
 * @size: The console size to set, or all zero.
 * @err: Receives the reason on failure.
 * @errlen: Size of @err.
 *
 * Runs in the process that will exec the container's process, after the
 * root switch, so /dev/ptmx is the container's.
 *
 * Return: 0, or -1 with @err set.
 */
int terminal_setup(int console, const struct spec_console *size, char *err,
		   size_t errlen);

#endif /* _RUNSC_LITE_TERMINAL_H */
