// SPDX-License-Identifier: GPL-2.0
/*
 * runsc-lite - an OCI runtime that runs containers in ksentry sandboxes
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * This first version has the command-line skeleton: --version reports the
 * runtime's version, the OCI runtime-spec version it targets and the ABI of
 * the ksentry module it finds, and --help prints the usage.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/ksentry.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#define RUNSC_LITE_VERSION "0.1.0"
#define OCI_SPEC_VERSION "1.2.0"
#define KSENTRY_DEV "/dev/ksentry"

static const char usage[] =
	"usage: runsc-lite [--help | --version]\n"
	"\n"
	"An OCI runtime that runs containers in ksentry sandboxes.\n"
	"\n"
	"Options:\n"
	"  -h, --help     print this text and exit\n"
	"  -v, --version  print the versions of the runtime, of the OCI\n"
	"                 runtime spec it implements and of the ksentry ABI\n"
	"                 (built against, and of the loaded module)\n"
	"\n"
	"The container commands of runc's command line (create, start, state,\n"
	"kill, delete, ...) are not implemented in this version.\n";

/*
 * module_abi_version - Ask /dev/ksentry for the loaded module's ABI version.
 *
 * Returns the version, or -1 with errno set when the module cannot be asked.
 */
static long module_abi_version(void)
{
	__u32 version;
	int fd, err;

	fd = open(KSENTRY_DEV, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	err = ioctl(fd, KSENTRY_IOCTL_GET_ABI_VERSION, &version);
	close(fd);
	return err ? -1 : (long)version;
}

static int print_version(void)
{
	long abi;

	printf("runsc-lite version %s\n", RUNSC_LITE_VERSION);
	printf("spec: %s\n", OCI_SPEC_VERSION);
	printf("ksentry-abi: %d\n", KSENTRY_ABI_VERSION);
	abi = module_abi_version();
	if (abi < 0) {
		const int err = errno;

		printf("ksentry-module: unavailable (%s: %s)\n", KSENTRY_DEV,
		       strerror(err));
		if (err == ENOENT)
			printf("hint: load the module first: insmod ksentry.ko\n");
	} else {
		printf("ksentry-module: %ld%s\n", abi,
		       abi < KSENTRY_ABI_VERSION ? " (older than this runtime)" :
						   "");
	}
	return 0;
}

int main(int argc, char *argv[])
{
	if (argc == 2 && (!strcmp(argv[1], "--version") ||
			  !strcmp(argv[1], "-v") ||
			  !strcmp(argv[1], "version")))
		return print_version();
	if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
			  !strcmp(argv[1], "help"))) {
		fputs(usage, stdout);
		return 0;
	}
	if (argc >= 2)
		fprintf(stderr, "Failed to run '%s': unknown command or option\n",
			argv[1]);
	fputs(usage, stderr);
	return 1;
}
