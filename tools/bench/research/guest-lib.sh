# SPDX-License-Identifier: GPL-2.0
# ksentry - what the research benchmark's guest scripts share (sourced):
# the generated micro script of run-research-bench has it pasted in, the
# macro payload (macro.sh) sources it from /ksentry/bin.
#
# Needs KO, the module file.  Prints "meta", "error" and "check" lines on
# stdout.

# record_meta: the guest's kernel, command line, CPUs and their
# vulnerabilities, as "meta KEY VALUE" lines.
record_meta() {
	local f

	echo "meta uname $(uname -a)"
	echo "meta cmdline $(cat /proc/cmdline)"
	echo "meta cpus $(nproc)"
	echo "meta cpu $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)"
	for f in /sys/devices/system/cpu/vulnerabilities/*; do
		echo "meta vulnerability ${f##*/} $(cat "$f")"
	done
}

# module_for CONFIG: ksentry.ko loaded for the ksentry configurations
# (ksentry-*) and for runsc-lite, unloaded for the others.  After a load
# or an unload the guest idles for a second, so that the work either
# leaves behind (RCU callbacks, freed memory, kworkers) does not run
# inside the next sample, and warm=1 asks for the next sample to be taken
# twice, the first not kept.
module_for() {
	local tries=0

	case "$1" in
	ksentry-* | runsc-lite)
		[ -d /sys/module/ksentry ] && return 0
		insmod "$KO" || { echo "error 0 $1 - 1 insmod failed"; return 1; }
		;;
	*)
		[ -d /sys/module/ksentry ] || return 0
		# A sandbox goes shortly after its last task: retry.
		while ! rmmod ksentry 2>/dev/null; do
			tries=$((tries + 1))
			[ $tries -ge 100 ] && { echo "error 0 $1 - 1 rmmod failed"; return 1; }
			sleep 0.1
		done
		;;
	esac
	transitions=$((transitions + 1)) warm=1
	sleep 1
	return 0
}
transitions=0 warm=0 warmups=0

# rotated REP LIST...: LIST rotated by (REP - 1) * stride places, stride
# the list's length over REPS (at least 1): each repetition starts with
# another configuration.
rotated() {
	local rep=$1 n stride by i c order=

	shift
	n=$#
	stride=$((n / REPS))
	[ $stride -ge 1 ] || stride=1
	by=$(((rep - 1) * stride % (n + (n == 0))))
	i=0
	for c in "$@"; do
		[ $i -ge $by ] && order="$order $c"
		i=$((i + 1))
	done
	i=0
	for c in "$@"; do
		[ $i -lt $by ] && order="$order $c"
		i=$((i + 1))
	done
	echo "$order"
}

# check_default RUNTIME PROBE [RUN-OPTION...]: ksentry-default's check.  A
# container of the default policy (the caller's "bundle ARGS-JSON" and $B;
# RUNTIME is runsc-lite, RUN-OPTION given to its run) runs PROBE, which
# makes 1000 getpid calls, then hostname (sethostname, which the default
# policy refuses without CAP_SYS_ADMIN); runsc-lite's stats must count the
# getpid calls and the refusal as the sandbox's (ERRNO, decided before the
# capability check could refuse it).
check_default() {
	local rt=$1 probe=$2 stats saw denied i

	shift 2
	module_for ksentry-default > /dev/null || { echo "check ksentry-default fail module not loaded"; return; }
	bundle "[\"/bin/sh\", \"-c\", \"$probe; hostname denied 2> /dev/null; exec sleep 600\"]"
	"$rt" delete --force ksentry-check > /dev/null 2>&1
	if ! "$rt" run --detach "$@" --bundle "$B" ksentry-check > /tmp/rc.out 2>&1; then
		echo "check ksentry-default fail runsc-lite run: $(head -c 200 /tmp/rc.out | tr '\n' ' ')"
		return
	fi
	denied=
	for i in $(seq 100); do
		stats=$("$rt" stats ksentry-check 2>&1)
		denied=$(echo "$stats" | awk '$2 == "sethostname" { for (i = 3; i <= NF; i++) if ($i ~ /^errno=/) { sub(/^errno=/, "", $i); print $i } }')
		[ -n "$denied" ] && break
		sleep 0.1
	done
	saw=$(echo "$stats" | awk '$2 == "getpid" { for (i = 3; i <= NF; i++) { split($i, kv, "="); n += kv[2] } } END { print n + 0 }')
	"$rt" delete --force ksentry-check > /dev/null 2>&1
	if [ "${denied:-0}" -lt 1 ]; then
		echo "check ksentry-default fail sethostname not refused by the sandbox: $(echo "$stats" | tr '\n' ' ' | head -c 300)"
	elif [ "$saw" -lt 1000 ]; then
		echo "check ksentry-default fail the sandbox counted $saw getpid calls, not 1000"
	else
		echo "check ksentry-default ok denied=sethostname saw=$saw"
	fi
}
