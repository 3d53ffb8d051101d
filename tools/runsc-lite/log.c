// SPDX-License-Identifier: GPL-2.0
/*
 * runsc-lite - logging and error messages
 *
 * Copyright (C) 2026 The ksentry authors
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

/* Set once by log_init(), before any container work starts. */
static int log_file = -1;
static enum log_format log_fmt = LOG_FORMAT_TEXT;
static bool log_debug_on;
static bool log_stderr_quiet;

int log_init(const char *const path, const enum log_format format,
	     const bool debug)
{
	log_fmt = format;
	log_debug_on = debug;
	if (!path)
		return 0;
	log_file = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	return log_file < 0 ? -1 : 0;
}

void log_quiet_stderr(const bool quiet)
{
	log_stderr_quiet = quiet;
}

int log_fd(void)
{
	return log_file;
}

/* Append @msg to @out as a JSON string body, escaped. */
static size_t json_escape(char *const out, const size_t size,
			  const char *msg)
{
	size_t n = 0;

	for (; *msg && n + 7 < size; msg++) {
		const unsigned char c = *msg;

		if (c == '"' || c == '\\') {
			out[n++] = '\\';
			out[n++] = c;
		} else if (c < 0x20) {
			n += snprintf(out + n, size - n, "\\u%04x", c);
		} else {
			out[n++] = c;
		}
	}
	out[n] = '\0';
	return n;
}

static void write_log(const char *const level, const char *const msg)
{
	char line[8192], esc[6144], stamp[64];
	struct timespec ts;
	struct tm tm;
	int n;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S", &tm);
	if (log_fmt == LOG_FORMAT_JSON) {
		json_escape(esc, sizeof(esc), msg);
		n = snprintf(line, sizeof(line),
			     "{\"level\":\"%s\",\"msg\":\"%s\",\"time\":\"%s.%09ldZ\"}\n",
			     level, esc, stamp, ts.tv_nsec);
	} else {
		n = snprintf(line, sizeof(line), "%s.%09ldZ %s: %s\n", stamp,
			     ts.tv_nsec, level, msg);
	}
	if (n > 0 && write(log_file, line, (size_t)n) < 0)
		return;
}

static void emit(const char *const level, const bool to_stderr,
		 const char *const fmt, va_list ap)
{
	const int saved = errno;
	char msg[4096];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (log_file >= 0)
		write_log(level, msg);
	if (to_stderr && !log_stderr_quiet)
		fprintf(stderr, "%s\n", msg);
	errno = saved;
}

void log_error(const char *const fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	emit("error", true, fmt, ap);
	va_end(ap);
}

void log_warn(const char *const fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	emit("warning", true, fmt, ap);
	va_end(ap);
}

void log_info(const char *const fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	emit("info", false, fmt, ap);
	va_end(ap);
}

void log_debug(const char *const fmt, ...)
{
	va_list ap;

	if (!log_debug_on)
		return;
	va_start(ap, fmt);
	emit("debug", true, fmt, ap);
	va_end(ap);
}
