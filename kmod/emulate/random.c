// SPDX-License-Identifier: GPL-2.0
/*
 * ksentry - emulation: getrandom()
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * Bytes from the kernel's CSPRNG (get_random_bytes()), with the flags'
 * meaning and errors as drivers/char/random.c gives them: unknown flags
 * and GRND_INSECURE with GRND_RANDOM are EINVAL; before the CSPRNG is
 * ready, GRND_NONBLOCK is EAGAIN and otherwise the call waits, unless
 * GRND_INSECURE.  A long request stops early at a pending signal, on a
 * page boundary, and returns what it copied.
 */

#include "../common.h"

#include <linux/fs.h>
#include <linux/minmax.h>
#include <linux/random.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <uapi/linux/random.h>

#include "../emulate.h"

#define CHUNK 256

/* Copy @len random bytes to @ubuf; the count copied, or -EFAULT. */
static long fill_user(char __user *const ubuf, const size_t len)
{
	u8 buf[CHUNK];
	size_t done = 0, n, left;

	while (done < len) {
		n = min_t(size_t, len - done, CHUNK);
		get_random_bytes(buf, n);
		left = copy_to_user(ubuf + done, buf, n);
		done += n - left;
		if (left)
			break;
		if (done < len && !(done % PAGE_SIZE)) {
			if (signal_pending(current))
				break;
			cond_resched();
		}
	}
	memzero_explicit(buf, sizeof(buf));
	return done || !len ? (long)done : -EFAULT;
}

bool ksentry_emu_getrandom(const struct ksentry_emu_call *const call,
			   long *const ret)
{
	/* getrandom(char *buf, size_t len, unsigned int flags) */
	char __user *const ubuf = (void __user *)call->args[0];
	const size_t len = min_t(size_t, call->args[1], MAX_RW_COUNT);
	const unsigned int flags = (unsigned int)call->args[2];
	int err;

	if ((flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE)) ||
	    (flags & (GRND_INSECURE | GRND_RANDOM)) == (GRND_INSECURE | GRND_RANDOM)) {
		*ret = -EINVAL;
		return true;
	}
	if (!rng_is_initialized() && !(flags & GRND_INSECURE)) {
		if (flags & GRND_NONBLOCK) {
			*ret = -EAGAIN;
			return true;
		}
		err = wait_for_random_bytes();
		if (err) {
			*ret = err;
			return true;
		}
	}
	if (!access_ok(ubuf, len)) {
		*ret = -EFAULT;
		return true;
	}
	*ret = fill_user(ubuf, len);
	return true;
}
