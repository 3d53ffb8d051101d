/* SPDX-License-Identifier: GPL-2.0 */
/*
 * runsc-lite - logging and error messages
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * Every error is one line, "Failed to <verb> <object>: <reason>", on
 * stderr and, when --log is given, in the log file.  With --log-format
 * json each log line is {"level":"error","msg":"...","time":"..."}, the
 * shape containerd reads back (it shows users the last error line).
 */

#ifndef _RUNSC_LITE_LOG_H
#define _RUNSC_LITE_LOG_H

#include <stdbool.h>

#ifndef __printf
#define __printf(a, b) __attribute__((format(printf, a, b)))
#endif

enum log_format {
	LOG_FORMAT_TEXT,
	LOG_FORMAT_JSON,
};

/**
 * log_init - Set where log lines go
 * @path: The --log file, appended to; NULL for none.
 * @format: The --log-format.
 * @debug: Whether debug lines are written (--debug).
 *
 * Return: 0, or -1 with errno set when @path cannot be opened.
 */
int log_init(const char *path, enum log_format format, bool debug);

/* Stop copying errors to stderr (for "state": its output is JSON only). */
void log_quiet_stderr(bool quiet);

/* An error: to stderr and the log. */
void log_error(const char *fmt, ...) __printf(1, 2);
/* A warning: to stderr and the log. */
void log_warn(const char *fmt, ...) __printf(1, 2);
/* Information: to the log only. */
void log_info(const char *fmt, ...) __printf(1, 2);
/* Debugging: to the log, and to stderr with --debug. */
void log_debug(const char *fmt, ...) __printf(1, 2);

/* The log file descriptor, for a child that must keep logging; or -1. */
int log_fd(void);

#endif /* _RUNSC_LITE_LOG_H */
