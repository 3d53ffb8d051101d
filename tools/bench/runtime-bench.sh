#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ksentry - the Debian guest's runtime benchmark payload (not a test):
# runsc-lite, crun and runc create, start, wait for and delete a /bin/true
# container, taking turns, on the same busybox bundle (tools/bench/
# runtime-bench.c does the timing).  tools/bench/run-runtime-bench puts in
# /ksentry/bin the runtime-bench binary, runsc-lite, the bundle's configs
# (config-plain.json: runc spec's default, with no seccomp;
# config-seccomp.json: the same with podman's default profile) and
# runtime-bench.conf, which sets REPS and PROFILE.
#
# Prints the samples as TAP comments, one test per bundle; with PROFILE=1
# also "# profile NAME: ..." lines: strace -c -f of each runtime's four
# commands, and strace -f -tt -T of runsc-lite's.

. "${KSENTRY_DIR:-/ksentry}/lib.sh"

BIN=${KSENTRY_DIR:-/ksentry}/bin
REPS=20 PROFILE=0
# shellcheck source=/dev/null
. "$BIN/runtime-bench.conf"
BUNDLE=/tmp/runtime-bench-bundle
RUNTIMES=("runsc-lite=$BIN/runsc-lite" "crun=$(command -v crun)" "runc=$(command -v runc)")

# profile NAME RUNTIME STRACE-OPTION...: one container's life under strace.
# strace -f of create follows the container's init, so it ends only when
# the container does: it runs in the background while start runs.
profile() {
	local name=$1 rt=$2 root=/run/runtime-bench-profile/$1 id=profile-$1 i tracer

	shift 2
	mkdir -p "$root"
	strace "$@" -o /tmp/trace.create "$rt" --root "$root" create \
		--bundle "$BUNDLE" --pid-file /tmp/profile.pid "$id" > /dev/null 2>&1 &
	tracer=$!
	for ((i = 0; i < 300; i++)); do
		"$rt" --root "$root" state "$id" 2>/dev/null | grep -q '"created"' && break
		kill -0 "$tracer" 2>/dev/null || break
		sleep 0.1
	done
	strace "$@" -o /tmp/trace.start "$rt" --root "$root" start "$id" > /dev/null 2>&1 ||
		echo "# profile $name: start failed"
	wait "$tracer" || echo "# profile $name: create failed"
	strace "$@" -o /tmp/trace.delete "$rt" --root "$root" delete "$id" > /dev/null 2>&1 ||
		echo "# profile $name: delete failed"
	for phase in create start delete; do
		sed "s/^/# profile $name $phase: /" /tmp/trace.$phase
	done
}

n_bundles=2
tap_plan $n_bundles
echo "# $("$BIN/runsc-lite" --version | head -n1), $(crun --version | head -n1), $(runc --version | head -n1)"
echo "# reps $REPS, $(nproc) CPU(s), kernel $(uname -r), cmdline $(cat /proc/cmdline)"
mkdir -p "$BUNDLE/rootfs"
tar -xf "$KSENTRY_ROOTFS_TAR" -C "$BUNDLE/rootfs"
for variant in plain seccomp; do
	cp "$BIN/config-$variant.json" "$BUNDLE/config.json"
	# Warm the page cache and each runtime's first-run work, unmeasured.
	"$BIN/runtime-bench" "warm-$variant" 1 "$BUNDLE" "${RUNTIMES[@]}" > /dev/null
	rc=0
	"$BIN/runtime-bench" "$variant" "$REPS" "$BUNDLE" "${RUNTIMES[@]}" || rc=$?
	tap_result $rc "bench-$variant"
	if [ $rc != 0 ]; then
		for f in /tmp/runtime-bench-*.log; do
			tail -n 5 "$f" | sed "s|^|# ${f##*/}: |"
		done
	fi
	if [ "$PROFILE" = 1 ]; then
		for rt in "${RUNTIMES[@]}"; do
			profile "$variant-${rt%%=*}-summary" "${rt#*=}" -c -f
		done
		profile "$variant-runsc-lite-trace" "$BIN/runsc-lite" -f -tt -T
	fi
done

tap_done
