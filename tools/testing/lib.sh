# SPDX-License-Identifier: GPL-2.0
# ksentry - shell helpers shared by the lab scripts (sourced, not run).

set -euo pipefail

KSENTRY_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
KSENTRY_CACHE=${KSENTRY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ksentry}
KSENTRY_BUILD=${KSENTRY_BUILD:-$KSENTRY_TOP/build}
KSENTRY_KERNELS_ENV=$KSENTRY_BUILD/kernels.env
export KSENTRY_TOP KSENTRY_CACHE KSENTRY_BUILD

# Number of parallel jobs for kernel builds.
KSENTRY_JOBS=${KSENTRY_JOBS:-$(nproc)}

msg() { printf '%s: %s\n' "${0##*/}" "$*" >&2; }
die() { msg "error: $*"; exit 1; }

# as_root CMD...: run CMD as root, through sudo when we are not root.
as_root() {
	if [ "$(id -u)" -eq 0 ]; then
		"$@"
	elif command -v sudo >/dev/null; then
		sudo "$@"
	else
		die "need root to run: $*"
	fi
}

# load_kernels: read the versions pinned by setup into the environment.
load_kernels() {
	[ -r "$KSENTRY_KERNELS_ENV" ] ||
		die "$KSENTRY_KERNELS_ENV missing: run tools/testing/setup first"
	# shellcheck source=/dev/null
	. "$KSENTRY_KERNELS_ENV"
}

# safe_name STRING: a version string made safe for a directory name.
safe_name() { printf '%s' "$1" | tr -c 'A-Za-z0-9._+-' '_'; }

# kernel_release BZIMAGE: the release ("uname -r") a bzImage was built as,
# read from its setup header (boot protocol 2.00+: kernel_version at 0x20e).
kernel_release() {
	local off

	[ "$(dd if="$1" bs=1 skip=$((0x202)) count=4 status=none)" = HdrS ] || return 1
	off=$(od -An -tu2 -j $((0x20e)) -N2 "$1" | tr -d ' ')
	dd if="$1" bs=1 skip=$((off + 0x200)) count=256 status=none |
		tr '\0' '\n' | head -n1 | cut -d' ' -f1
}

# Judging a guest's results (run-guest, run-debian-guest).  The functions
# below read these variables of the script that calls them: name (the
# prefix of every result id), out (the run's directory, with results.log
# and console.log), summary (the file the verdicts go to) and allow_taint
# (the taint bits that do not fail a run).

# Taint bits (Documentation/admin-guide/tainted-kernels.rst).
TAINT_OOT_MODULE=$((1 << 12))
TAINT_UNSIGNED_MODULE=$((1 << 13))

SPLATS='------------\[ cut here \]|WARNING:|BUG:|Oops|KASAN:|UBSAN:|Kernel panic|general protection fault|Call Trace:|DEBUG_LOCKS_WARN_ON|possible recursive locking|possible circular locking|inconsistent lock state|turning off the locking correctness validator|INFO: task .* blocked|rcu_.*detected stall|Unable to handle kernel'

pass() { echo "PASS $name/$1" >> "$summary"; }
fail() { echo "FAIL $name/$1: $2" >> "$summary"; msg "FAIL $name/$1: $2"; }
skip() { echo "SKIP $name/$1" >> "$summary"; }

# judge_test TEST: the TAP results of one test binary.
judge_test() {
	local t=$1 tap=$out/$1.tap rc line id nok=0 nbad=0 plan

	sed -n "/^KSENTRY TEST $t BEGIN\$/,/^KSENTRY TEST $t END /p" \
		"$out/results.log" | sed '1d;$d' > "$tap"
	rc=$(sed -n "s/^KSENTRY TEST $t END //p" "$out/results.log")
	if [ -z "$rc" ]; then
		fail "$t" "did not finish"
		return
	fi
	while IFS= read -r line; do
		id=$(printf '%s\n' "$line" | sed -E 's/^(not )?ok [0-9]+ (- )?//; s/ #.*//')
		case "$line" in
		ok\ *\#\ SKIP*) skip "$t/$id" ;;
		ok\ *) pass "$t/$id"; nok=$((nok + 1)) ;;
		not\ ok\ *) fail "$t/$id" "assertion failed (see $tap)"; nbad=$((nbad + 1)) ;;
		esac
	done < <(grep -E '^(not )?ok [0-9]+ ' "$tap")
	plan=$(sed -n 's/^1\.\.\([0-9]*\)$/\1/p' "$tap" | head -n1)
	if [ -z "$plan" ]; then
		fail "$t" "no TAP plan (exit status $rc)"
	elif [ "$(grep -cE '^(not )?ok [0-9]+ ' "$tap")" != "$plan" ]; then
		fail "$t" "ran $((nok + nbad)) of $plan planned tests"
	elif [ "$rc" != 0 ] && [ "$nbad" = 0 ]; then
		fail "$t" "exit status $rc with no failed test"
	fi
}

judge_guest() {
	local v taint bad splat rc=0

	v=$(sed -n 's/^KSENTRY INSMOD //p' "$out/results.log")
	if [ "$v" = 0 ]; then pass insmod; else fail insmod "insmod status '${v:-none}'"; fi
	v=$(sed -n 's/^KSENTRY RMMOD //p' "$out/results.log")
	if [ -n "$v" ] && [ "$v" != 0 ]; then fail rmmod "rmmod status $v"; fi
	if grep -q '^KSENTRY DEVICE-LEFT' "$out/results.log"; then
		fail unload "/dev/ksentry still exists after unload"
	fi
	taint=$(sed -n 's/^KSENTRY TAINT //p' "$out/results.log")
	if [ -z "$taint" ]; then
		fail taint "the guest did not report its taint"
	else
		bad=$((taint & ~allow_taint))
		if [ "$bad" = 0 ]; then pass taint; else fail taint "tainted $taint (unexpected bits $bad)"; fi
	fi
	grep -E -e "$SPLATS" "$out/console.log" > "$out/splats.txt" || rc=$?
	splat=$(head -n 3 "$out/splats.txt" | tr '\n' '|')
	if [ "${rc:-0}" -gt 1 ]; then
		fail kernel-log "could not scan the console log"
	elif [ ! -s "$out/console.log" ]; then
		fail kernel-log "the console log is empty"
	elif [ -z "$splat" ]; then
		pass kernel-log
	else
		fail kernel-log "kernel splat: $splat"
	fi
}
