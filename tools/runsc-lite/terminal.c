// SPDX-License-Identifier: GPL-2.0
/*
 * runsc-lite - the container's terminal and --console-socket
 *
 * Copyright (C) 2026 The ksentry authors
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <termios.h>
#include <unistd.h>

#include "spec.h"
#include "terminal.h"

int terminal_connect(const char *const path, char *const err,
		     const size_t errlen)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	const size_t len = strlen(path);
	int fd, e;

	if (len >= sizeof(addr.sun_path)) {
		snprintf(err, errlen, "connect to the console socket %s: path too long",
			 path);
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(addr.sun_path, path, len + 1);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof(addr))) {
		e = errno;
		snprintf(err, errlen, "connect to the console socket %s: %s",
			 path, strerror(e));
		if (fd >= 0)
			close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

/* Send @fd over @sock with SCM_RIGHTS, named by @name as runc does. */
static int send_fd(const int sock, const int fd, const char *const name)
{
	char buf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = {
		.iov_base = (void *)name, .iov_len = strlen(name),
	};
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = buf, .msg_controllen = sizeof(buf),
	};
	struct cmsghdr *cmsg;

	memset(buf, 0, sizeof(buf));
	cmsg = CMSG_FIRSTHDR(&msg);
	cmsg->cmsg_level = SOL_SOCKET;
	cmsg->cmsg_type = SCM_RIGHTS;
	cmsg->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cmsg), &fd, sizeof(int));
	return sendmsg(sock, &msg, MSG_NOSIGNAL) < 0 ? -1 : 0;
}

int terminal_setup(const int console, const struct spec_console *const size,
		   char *const err, const size_t errlen)
{
	const char *what = "open /dev/ptmx";
	char slave_name[128];
	int master, slave = -1, fd;

	master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (master < 0)
		goto fail;
	what = "unlock the pty";
	if (unlockpt(master) || ptsname_r(master, slave_name, sizeof(slave_name)))
		goto fail;
	what = "open the pty's slave";
	slave = open(slave_name, O_RDWR | O_NOCTTY);
	if (slave < 0)
		goto fail;
	if (size && size->height && size->width) {
		struct winsize ws = {
			.ws_row = size->height, .ws_col = size->width,
		};

		ioctl(slave, TIOCSWINSZ, &ws);
	}
	what = "send the pty to the console socket";
	if (send_fd(console, master, slave_name))
		goto fail;
	close(master);
	master = -1;
	what = "make the pty the controlling terminal";
	if (setsid() < 0 || ioctl(slave, TIOCSCTTY, 0))
		goto fail;
	for (fd = 0; fd < 3; fd++)
		if (dup2(slave, fd) < 0)
			goto fail;
	if (slave > 2)
		close(slave);
	close(console);
	return 0;
fail:
	snprintf(err, errlen, "%s: %s", what, strerror(errno));
	if (master >= 0)
		close(master);
	if (slave >= 0)
		close(slave);
	return -1;
}
