#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ksentry - the Debian guest's runsc-lite payload: podman (through conmon)
# and containerd (ctr, through the runc v2 shim) drive runsc-lite, given by
# path as their runtime, with ksentry.ko loaded.  Each engine runs a
# container to completion, passes its exit status on, gives it a terminal,
# runs one detached, execs into it, signals it, and removes it.  While a
# detached container runs, "runsc-lite stats" must show the calls its
# sandbox decided, and a call its policy denies must fail with EPERM and be
# counted as an ERRNO decision.
#
# run-debian-guest --extra build/runsc-lite/runsc-lite puts the runtime in
# /ksentry/bin.  podman passes it no --root, so its containers' state is in
# runsc-lite's default /run/runsc-lite; containerd's shim passes
# --root /run/containerd/runc/default.

. "${KSENTRY_DIR:-/ksentry}/lib.sh"

RL=${KSENTRY_DIR:-/ksentry}/bin/runsc-lite
PODMAN_ROOT=/run/runsc-lite
CTR_ROOT=/run/containerd/runc/default
IMG=$KSENTRY_IMAGE
# A process that ends with status 42 at SIGTERM: the signal must reach it.
TERM42='trap "exit 42" TERM; sleep 1000 & wait'

prun() { podman run --network none --runtime "$RL" "$@"; }
crun_rl() { ctr run --runc-binary "$RL" "$@"; }

# expect_status WANT CMD...: CMD exits with status WANT.
expect_status() {
	local want=$1 rc=0

	shift
	"$@" || rc=$?
	echo "exit status $rc (want $want)"
	[ "$rc" = "$want" ]
}

# expect_output WANT CMD...: CMD succeeds and prints WANT (a grep -E
# pattern) on some line; carriage returns (a terminal's) are dropped.
expect_output() {
	local want=$1 out rc=0

	shift
	out=$("$@" 2>&1) || rc=$?
	printf '%s\n' "$out"
	echo "exit status $rc, want output matching '$want'"
	[ "$rc" = 0 ] && printf '%s\n' "$out" | tr -d '\r' | grep -qE -- "$want"
}

# expect_denied CMD...: CMD fails, saying "Operation not permitted".
expect_denied() {
	local out rc=0

	out=$("$@" 2>&1) || rc=$?
	printf '%s\n' "$out"
	echo "exit status $rc, want a failure with EPERM"
	[ "$rc" != 0 ] && printf '%s\n' "$out" | grep -q 'Operation not permitted'
}

# wait_for SECONDS CMD...: poll CMD (quietly) until it succeeds.
wait_for() {
	local i tries=$(($1 * 10))

	shift
	for ((i = 0; i < tries; i++)); do
		"$@" > /dev/null 2>&1 && return 0
		sleep 0.1
	done
	echo "timed out after $((tries / 10)) s waiting for: $*"
	return 1
}

# stats_show ROOT ID PATTERN...: runsc-lite's JSON counters of ID match
# every PATTERN (grep -E).
stats_show() {
	local root=$1 id=$2 json p

	shift 2
	json=$("$RL" --root "$root" stats --format json "$id") || return 1
	echo "$json"
	for p in "$@"; do
		grep -qE -- "$p" <<< "$json" || { echo "no match for '$p'"; return 1; }
	done
}

# in_list ROOT ID STATUS: "runsc-lite list" shows ID with STATUS.
in_list() {
	"$RL" --root "$1" list | tee /dev/stderr | awk -v id="$2" -v s="$3" \
		'$1 == id && $3 == s { found = 1 } END { exit !found }'
}

# not_in_list ROOT ID: runsc-lite no longer knows ID.
not_in_list() {
	! "$RL" --root "$1" list | tee /dev/stderr | awk '{ print $1 }' | grep -qxF "$2"
}

# no_state_left: both state directories hold nothing but their lock.
no_state_left() {
	local left

	left=$(find $PODMAN_ROOT $CTR_ROOT -mindepth 1 -maxdepth 1 ! -name .lock)
	[ -z "$left" ] || { echo "left: $left"; return 1; }
}

podman_import() {
	podman import "$KSENTRY_ROOTFS_TAR" "$IMG" && podman image exists "$IMG"
}

podman_running() {
	[ "$(podman inspect -f '{{.State.Running}}' "$1")" = true ]
}

# podman_detached: a container left running, by runsc-lite, in the sandbox.
podman_detached() {
	local id

	prun -d --name rl-det "$IMG" sh -c "$TERM42" || return 1
	wait_for 30 podman_running rl-det || return 1
	podman inspect -f 'runtime {{.OCIRuntime}}, pid {{.State.Pid}}' rl-det
	case "$(podman inspect -f '{{.OCIRuntime}}' rl-det)" in
	"$RL" | runsc-lite) ;;
	*) return 1 ;;
	esac
	id=$(podman inspect -f '{{.Id}}' rl-det) && in_list $PODMAN_ROOT "$id" running
}

podman_id() { podman inspect -f '{{.Id}}' "$1"; }

# podman_stop: SIGTERM reaches the container, which exits with 42 at once
# (podman would send SIGKILL after 10 s).
podman_stop() {
	local t0=$SECONDS

	podman stop rl-det || return 1
	echo "stopped in $((SECONDS - t0)) s; exit code $(podman inspect -f '{{.State.ExitCode}}' rl-det)"
	[ "$(podman inspect -f '{{.State.ExitCode}}' rl-det)" = 42 ] &&
	[ $((SECONDS - t0)) -lt 10 ]
}

podman_rm() {
	local id

	id=$(podman_id rl-det) || return 1
	podman rm rl-det || return 1
	! podman container exists rl-det && not_in_list $PODMAN_ROOT "$id"
}

# podman_admin_denied: with CAP_SYS_ADMIN the kernel would refuse an empty
# file as swap with EINVAL, but podman's profile denies swapon(2) whatever
# the capabilities: the table answers EPERM first.  sethostname(2), which
# the profile allows with CAP_SYS_ADMIN, then works.
podman_admin_denied() {
	local id rc=0

	prun -d --name rl-admin --cap-add SYS_ADMIN "$IMG" sleep 1000 || return 1
	wait_for 30 podman_running rl-admin || return 1
	id=$(podman_id rl-admin) || return 1
	expect_denied podman exec rl-admin sh -c 'touch /tmp/swap && swapon /tmp/swap' ||
		rc=1
	expect_output '^rl-admin-host$' podman exec rl-admin \
		sh -c 'hostname rl-admin-host && hostname' || rc=1
	stats_show $PODMAN_ROOT "$id" '"name":"swapon","errno":[1-9]' \
		'"name":"sethostname","allow":[1-9]' || rc=1
	podman rm -f -t 0 rl-admin || rc=1
	return $rc
}

# podman_host_pid: --pid=host is refused, naming the cause and the way out;
# with --host-pid=unsandboxed (podman's --runtime-flag) the container runs,
# in the host's pid namespace and with a warning.
podman_host_pid() {
	local out rc=0

	out=$(prun --rm --pid=host "$IMG" true 2>&1) && rc=1
	printf '%s\n' "$out"
	grep -q "Docker's --pid=host or Kubernetes' hostPID: true" <<< "$out" || rc=1
	grep -q -- '--host-pid=unsandboxed' <<< "$out" || rc=1
	expect_output '^in-the-host-pid-ns$' prun --rm --pid=host \
		--runtime-flag host-pid=unsandboxed "$IMG" \
		sh -c '[ "$$" != 1 ] && [ -e /proc/1 ] && echo in-the-host-pid-ns' || rc=1
	return $rc
}

ctr_import() {
	ctr images import "$KSENTRY_ARCHIVE_TAR" &&
	ctr images ls -q | grep -qxF "$IMG"
}

# ctr_status ID: the task's status in "ctr task ls".
ctr_status() { ctr task ls | awk -v id="$1" '$1 == id { print $3 }'; }
ctr_running() { [ "$(ctr_status "$1")" = RUNNING ]; }
ctr_stopped() { [ "$(ctr_status "$1")" = STOPPED ]; }

ctr_detached() {
	crun_rl -d "$IMG" rl-det sh -c "$TERM42" || return 1
	wait_for 30 ctr_running rl-det && ctr task ls &&
	in_list $CTR_ROOT rl-det running
}

# ctr_kill: ctr task kill sends SIGTERM; the task stops with status 42.
ctr_kill() {
	ctr task kill rl-det || return 1
	wait_for 10 ctr_stopped rl-det && ctr task ls
}

# ctr_delete: the task's exit status is 42, and nothing is left.
ctr_delete() {
	local out

	out=$(ctr task delete rl-det 2>&1) || { echo "$out"; return 1; }
	echo "$out"
	grep -q 'exit code 42' <<< "$out" || return 1
	ctr container rm rl-det || return 1
	! ctr container ls -q | grep -qxF rl-det && not_in_list $CTR_ROOT rl-det
}

tap_plan 26
echo "# $("$RL" --version | tr '\n' ' ')"
echo "# $(podman --version), $(conmon --version | head -n1), $(containerd --version)"

tap_check podman-import podman_import
tap_check podman-run-true prun --rm "$IMG" /bin/true
tap_check podman-run-exit-status expect_status 3 prun --rm "$IMG" sh -c 'exit 3'
tap_check podman-run-tty expect_output '^/dev/pts/[0-9]+$' prun --rm -t "$IMG" tty
tap_check podman-run-detached podman_detached
tap_check podman-stats stats_show $PODMAN_ROOT "$(podman_id rl-det 2>/dev/null)" \
	'"name":"execve","allow":[1-9]' '"name":"clock_nanosleep","allow":[1-9]'
tap_check podman-exec expect_output '^hello$' podman exec rl-det echo hello
tap_check podman-exec-denied expect_denied podman exec rl-det hostname rl-x
tap_check podman-stats-errno stats_show $PODMAN_ROOT "$(podman_id rl-det 2>/dev/null)" \
	'"name":"sethostname","errno":[1-9]'
tap_check podman-stop podman_stop
tap_check podman-rm podman_rm
tap_check podman-profile-denies-beyond-caps podman_admin_denied
tap_check podman-host-pid podman_host_pid

tap_check containerd-start start_containerd
tap_check ctr-import ctr_import
tap_check ctr-run-true crun_rl --rm "$IMG" rl-true /bin/true
tap_check ctr-run-exit-status expect_status 3 crun_rl --rm "$IMG" rl-status sh -c 'exit 3'
if command -v script > /dev/null; then
	# ctr -t wants a terminal of its own: script(1) gives it one.
	# The container's terminal echoes a "^@" before tty's answer, as it
	# does with runc: what ctr forwards of script's input.
	tap_check ctr-run-tty expect_output '/dev/pts/[0-9]+$' \
		script -qec "ctr run --runc-binary $RL --rm -t $IMG rl-tty tty" /dev/null
else
	tap_skip ctr-run-tty "no script(1) in the guest to give ctr a terminal"
fi
tap_check ctr-run-detached ctr_detached
tap_check ctr-stats stats_show $CTR_ROOT rl-det \
	'"name":"execve","allow":[1-9]' '"name":"clock_nanosleep","allow":[1-9]'
tap_check ctr-exec expect_output '^hello$' ctr task exec --exec-id e1 rl-det echo hello
tap_check ctr-exec-denied expect_denied ctr task exec --exec-id e2 rl-det hostname rl-x
tap_check ctr-stats-errno stats_show $CTR_ROOT rl-det '"name":"sethostname","errno":[1-9]'
tap_check ctr-task-kill ctr_kill
tap_check ctr-task-delete ctr_delete
stop_containerd
tap_check no-state-left no_state_left

tap_done
