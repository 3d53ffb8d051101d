# SPDX-License-Identifier: GPL-2.0
# ksentry - helpers for the Debian guest's payloads (sourced, not run).
#
# run-debian-guest installs this file as /ksentry/lib.sh; a payload starts
# with '. "$KSENTRY_DIR/lib.sh"'.  A payload prints TAP on its stdout
# ("1..N", then "ok I - name" or "not ok I - name" per test); everything
# else it prints should be a "# " comment.  The verdicts are judged on the
# host, one result per test, named NAME.

KSENTRY_DIR=${KSENTRY_DIR:-/ksentry}
KSENTRY_IMAGES=${KSENTRY_IMAGES:-/usr/local/share/ksentry/images}
# The busybox image: a rootfs tarball for "podman import", a docker-archive
# for "ctr images import" (or "podman load"), and the name both carry.
KSENTRY_IMAGE=$(cat "$KSENTRY_IMAGES/image-name")
KSENTRY_ROOTFS_TAR=$KSENTRY_IMAGES/busybox-rootfs.tar
KSENTRY_ARCHIVE_TAR=$KSENTRY_IMAGES/busybox-image.tar
KSENTRY_LOGS=${KSENTRY_LOGS:-/tmp/ksentry-logs}
mkdir -p "$KSENTRY_LOGS"

tap_n=0
tap_failed=0

# now_ms: a monotonic-enough wall clock, in milliseconds.
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# tap_plan N: announce N tests.
tap_plan() { echo "1..$1"; }

# tap_result STATUS NAME: one TAP line; STATUS 0 is ok.
tap_result() {
	tap_n=$((tap_n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $tap_n - $2"
	else
		echo "not ok $tap_n - $2"
		tap_failed=$((tap_failed + 1))
	fi
}

# tap_skip NAME WHY: a test that could not run.
tap_skip() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1 # SKIP $2"
}

# tap_check NAME CMD...: run CMD as test NAME, its output in
# $KSENTRY_LOGS/NAME.log, and print the time it took.  A failure shows the
# end of that log as TAP comments.
tap_check() {
	local name=$1 log=$KSENTRY_LOGS/$1.log t0 rc=0

	shift
	t0=$(now_ms)
	"$@" > "$log" 2>&1 || rc=$?
	tap_result $rc "$name"
	echo "# time $name: $(tap_seconds $(($(now_ms) - t0))) s"
	if [ $rc != 0 ]; then
		echo "# '$*' exited with status $rc; its last lines:"
		tail -n 15 "$log" | sed 's/^/#   /'
	fi
	return $rc
}

# tap_seconds MS: milliseconds as seconds with three decimals.
tap_seconds() { printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)); }

# tap_done: the payload's exit status, non-zero when a test failed.
tap_done() { [ "$tap_failed" = 0 ]; }

# start_containerd: start containerd and wait up to 60 s for it to answer.
start_containerd() {
	local i

	containerd > "$KSENTRY_LOGS/containerd.log" 2>&1 &
	containerd_pid=$!
	for ((i = 0; i < 600; i++)); do
		ctr version > /dev/null 2>&1 && return 0
		kill -0 "$containerd_pid" 2>/dev/null || break
		sleep 0.1
	done
	echo "containerd did not answer; its log:"
	tail -n 15 "$KSENTRY_LOGS/containerd.log"
	return 1
}

# stop_containerd: stop the containerd that start_containerd started.
stop_containerd() {
	[ -n "${containerd_pid:-}" ] || return 0
	kill "$containerd_pid" 2>/dev/null
	wait "$containerd_pid" 2>/dev/null
	containerd_pid=
}
