#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ksentry - the Debian guest's smoke payload: both engines import the busybox
# image and run a container with a stock runtime, podman with crun and
# containerd (ctr) with runc.  Each test prints the time it took.

. "${KSENTRY_DIR:-/ksentry}/lib.sh"

# expect_status WANT CMD...: CMD exits with status WANT.
expect_status() {
	local want=$1 rc=0

	shift
	"$@" || rc=$?
	echo "exit status $rc (want $want)"
	[ "$rc" = "$want" ]
}

# ctr_import: import the docker-archive; containerd must then list it.
ctr_import() {
	ctr images import "$KSENTRY_ARCHIVE_TAR" &&
	ctr images ls -q | grep -qxF "$KSENTRY_IMAGE"
}

# podman_import: import the rootfs tarball as the image.
podman_import() {
	podman import "$KSENTRY_ROOTFS_TAR" "$KSENTRY_IMAGE" &&
	podman image exists "$KSENTRY_IMAGE"
}

tap_plan 7
echo "# $(podman --version), $(crun --version | head -n1), $(runc --version | head -n1)"
echo "# $(containerd --version)"

tap_check podman-import podman_import
tap_check podman-run-crun \
	podman run --rm --network none --runtime crun "$KSENTRY_IMAGE" /bin/true
tap_check podman-run-exit-status \
	expect_status 3 podman run --rm --network none --runtime crun \
	"$KSENTRY_IMAGE" /bin/sh -c 'exit 3'

tap_check containerd-start start_containerd
tap_check ctr-import ctr_import
tap_check ctr-run-runc ctr run --rm "$KSENTRY_IMAGE" smoke-runc /bin/true
tap_check ctr-run-exit-status \
	expect_status 3 ctr run --rm "$KSENTRY_IMAGE" smoke-status /bin/sh -c 'exit 3'
stop_containerd

tap_done
