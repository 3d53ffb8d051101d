# SPDX-License-Identifier: GPL-2.0
# ksentry - what the research benchmark's guest scripts share (sourced):
# the generated micro script of run-research-bench has it pasted in, the
# macro payload (macro.sh) sources it from /ksentry/bin.
#
# Needs KO, the module file.  Prints "meta", "error" lines on stdout.

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
