#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ksentry - the research benchmark's macro workloads: the Debian guest's
# payload (tools/testing/run-debian-guest), not a test: its TAP only frames
# the samples.  run-research-bench puts in /ksentry/bin: under, runsc-lite,
# runtime-bench, pyloop.py, guest-lib.sh and macro.conf (MODE, REPS,
# CONFIGS, WORKLOADS and the sizes below).
#
# Workloads, each sample one line
# "sample REP SEQ CONFIG WORKLOAD LOOPS COST", COST per operation:
#   python     python3 pyloop.py PY_ITERS: ns per iteration of the loop;
#   memcached  memcached (one worker thread) under CONFIG, memcaslap
#              (one thread, 16 connections, 64-byte values, 9 gets to
#              1 set) natively: MC_OPS operations, ns per operation
#              (1e9 / memcaslap's TPS);
#   sysbench   mariadbd under CONFIG, sysbench oltp_read_only natively
#              (one thread, one table of SB_ROWS rows, over TCP):
#              SB_EVENTS transactions, ns per transaction (the latencies'
#              sum over the count);
#   start      runtime-bench: create, start, wait for and delete a
#              /bin/true container on a busybox bundle (runc spec's
#              config), crun, runc and runsc-lite taking turns,
#              START_CYCLES cycles per repetition: ns per cycle.
# The servers run under tools/bench/research/under for every configuration
# but two containers of the same bundle (the guest's / bound as their
# rootfs, /tmp/share shared): ksentry-default, a runsc-lite container of
# the default policy, and container-crun, a crun container with no seccomp
# filter, the cost of a container itself (cgroup, namespaces) with no
# interception.
# Only the server is intercepted; the load generator runs natively.
set -u

BIN=/ksentry/bin
# shellcheck disable=SC2034 # guest-lib.sh loads it
KO=/ksentry/ksentry.ko
SHARE=/tmp/share
# shellcheck source=/dev/null
. "$BIN/macro.conf"
# shellcheck source=/dev/null
. "$BIN/guest-lib.sh"
UNDER=$BIN/under
RUNSC=$BIN/runsc-lite
[ "${SSBD:-0}" = 1 ] && export MICRO_NO_SPEC_ALLOW=1
DB_SOCK=$SHARE/mysqld.sock
DB_ARGS="--user=mysql --datadir=/var/lib/mysql --socket=$DB_SOCK --port=3306
--bind-address=127.0.0.1 --skip-name-resolve --skip-log-bin
--innodb-use-native-aio=0 --innodb-buffer-pool-size=64M
--performance-schema=0 --pid-file=$SHARE/mysqld.pid"
MC_ARGS="-u root -l 127.0.0.1 -p 11211 -t 1 -m 64 -c 1024"
SB_ARGS="--db-driver=mysql --mysql-host=127.0.0.1 --mysql-port=3306
--mysql-user=sbtest --mysql-password=sbtest --mysql-db=sbtest --tables=1
--table-size=$SB_ROWS --threads=1"
B=/tmp/macro-bundle
SB=/tmp/start-bundle

echo "1..4"
record_meta
for p in python3 memcached libmemcached-tools mariadb-server sysbench crun runc; do
	echo "meta package $p $(dpkg-query -W -f='${Version}' "$p" 2>/dev/null)"
done
echo "meta runsc-lite $("$RUNSC" --version | head -n1)"
echo "ok 1 - environment recorded"

mkdir -p "$SHARE"
chmod 1777 "$SHARE"
cp "$BIN/pyloop.py" "$UNDER" "$SHARE/"

# bundle ID ARGS: ksentry-default's container, running ARGS (JSON), with
# the guest's / as its rootfs (bound, not recursively), /tmp/share at
# /tmp/share, runc spec's capabilities, host network (the load generator
# reaches the server on 127.0.0.1).  No linux.seccomp, no annotation:
# runsc-lite's default policy and default emulation.
bundle() {
	mkdir -p "$B/rootfs"
	mountpoint -q "$B/rootfs" || mount --bind / "$B/rootfs"
	cat > "$B/config.json" <<JSON
{"ociVersion": "1.0.2",
 "root": {"path": "rootfs"},
 "hostname": "macro",
 "mounts": [
  {"destination": "/proc", "type": "proc", "source": "proc"},
  {"destination": "/dev", "type": "tmpfs", "source": "tmpfs", "options": ["nosuid", "mode=755"]},
  {"destination": "/dev/shm", "type": "tmpfs", "source": "shm", "options": ["nosuid", "nodev", "mode=1777"]},
  {"destination": "/run", "type": "tmpfs", "source": "tmpfs", "options": ["nosuid", "nodev", "mode=755"]},
  {"destination": "/tmp", "type": "tmpfs", "source": "tmpfs", "options": ["nosuid", "nodev", "mode=1777"]},
  {"destination": "$SHARE", "type": "bind", "source": "$SHARE", "options": ["rbind", "rw"]}],
 "process": {"args": $1, "cwd": "/", "env": ["PATH=/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/root"],
  "user": {"uid": 0, "gid": 0},
  "capabilities": {
   "bounding": $CAPS, "effective": $CAPS, "permitted": $CAPS},
  "rlimits": [{"type": "RLIMIT_NOFILE", "hard": 4096, "soft": 4096}],
  "noNewPrivileges": true},
 "linux": {"namespaces": [{"type": "pid"}, {"type": "mount"}, {"type": "uts"}, {"type": "ipc"}]}}
JSON
}
CAPS='["CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD",
 "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP",
 "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE"]'

# json_args WORD...: the words as a JSON array.
json_args() {
	local w s='[' sep=''

	for w in "$@"; do
		s="$s$sep\"$w\""
		sep=', '
	done
	echo "$s]"
}

# is_container CONFIG: whether CONFIG runs its program as a container.
is_container() { [ "$1" = ksentry-default ] || [ "$1" = container-crun ]; }

# runtime_of CONFIG: the runtime of a container configuration.
runtime_of() {
	if [ "$1" = ksentry-default ]; then echo "$RUNSC"; else command -v crun; fi
}

# container_saw ID: the calls the container's sandbox decided, summed.
container_saw() {
	"$RUNSC" stats "$1" 2>/dev/null | awk '
		{ for (i = 3; i <= NF; i++) if ($i ~ /=/) { split($i, kv, "="); n += kv[2] } }
		END { print n + 0 }'
}

# start_under CONFIG NAME PROG ARG...: PROG under CONFIG in the background
# (pid in $server); ksentry-default, container-crun: container NAME,
# detached.
start_under() {
	local c=$1 name=$2

	shift 2
	if is_container "$c"; then
		bundle "$(json_args "$@")"
		"$(runtime_of "$c")" delete --force "$name" > /dev/null 2>&1
		"$(runtime_of "$c")" run --detach --bundle "$B" "$name" \
			> "/tmp/$name.out" 2>&1 < /dev/null || return 1
		server=
		return 0
	fi
	"$UNDER" -o "/tmp/$name.saw" "$c" "$@" > "/tmp/$name.out" 2>&1 &
	server=$!
}

# stop_under CONFIG NAME: end what start_under started, print its count.
stop_under() {
	local c=$1 name=$2

	if is_container "$c"; then
		if [ "$c" = ksentry-default ]; then container_saw "$name"; else echo -1; fi
		"$(runtime_of "$c")" kill "$name" KILL > /dev/null 2>&1
		"$(runtime_of "$c")" delete --force "$name" > /dev/null 2>&1
		return 0
	fi
	[ -n "$server" ] && kill -TERM "$server" 2> /dev/null
	[ -n "$server" ] && wait "$server" 2> /dev/null
	sed -n 's/^.* saw=\(-\{0,1\}[0-9]*\)$/\1/p' "/tmp/$name.saw" 2> /dev/null
}

# wait_for WHAT SECONDS CMD...: CMD until it succeeds (0), or 1.
wait_for() {
	local i n=$(($2 * 10))

	shift 2
	for ((i = 0; i < n; i++)); do
		"$@" > /dev/null 2>&1 && return 0
		sleep 0.1
	done
	return 1
}

mc_up() { memcstat --servers=127.0.0.1:11211 | grep -q pid; }
db_up() { mariadb-admin --socket="$DB_SOCK" ping | grep -q alive; }
db_stop() {
	mariadb-admin --socket="$DB_SOCK" shutdown > /dev/null 2>&1
	wait_for mariadbd 120 sh -c '! pgrep -x mariadbd'
}

# ---------------------------------------------------------------------
# Set-up: the sysbench database, once, natively.
setup_db() {
	chown -R mysql:mysql /var/lib/mysql
	# shellcheck disable=SC2086
	mariadbd $DB_ARGS > /tmp/db-setup.log 2>&1 &
	wait_for mariadbd 300 db_up || { echo "# mariadbd did not start: $(tail -n 3 /tmp/db-setup.log)"; return 1; }
	mariadb --socket="$DB_SOCK" -e "CREATE DATABASE IF NOT EXISTS sbtest;
		CREATE USER IF NOT EXISTS 'sbtest'@'%' IDENTIFIED BY 'sbtest';
		CREATE USER IF NOT EXISTS 'sbtest'@'localhost' IDENTIFIED BY 'sbtest';
		GRANT ALL ON sbtest.* TO 'sbtest'@'%';
		GRANT ALL ON sbtest.* TO 'sbtest'@'localhost';" || return 1
	# shellcheck disable=SC2086
	sysbench oltp_read_only $SB_ARGS prepare > /tmp/sb-prepare.log 2>&1 ||
		{ echo "# sysbench prepare: $(tail -n 3 /tmp/sb-prepare.log)"; return 1; }
	db_stop
}

# The bundle of the start workload: busybox, /bin/true; runc spec's
# config with the process's args and no terminal.
setup_start() {
	local a

	mkdir -p "$SB/rootfs/bin"
	cp /bin/busybox "$SB/rootfs/bin/busybox"
	for a in sh true; do ln -sf busybox "$SB/rootfs/bin/$a"; done
	(cd "$SB" && rm -f config.json && runc spec) || return 1
	python3 - "$SB/config.json" <<'EOP'
import json
import sys
p = sys.argv[1]
with open(p, encoding="utf-8") as f:
    c = json.load(f)
c["process"]["args"] = ["/bin/true"]
c["process"]["terminal"] = False
with open(p, "w", encoding="utf-8") as f:
    json.dump(c, f, indent=1)
EOP
}

# ---------------------------------------------------------------------
# Checks.

# check_crun_container: the probe in a crun container of the bundle
# (it must find no seccomp filter: the container has none).
check_crun_container() {
	module_for container-crun > /dev/null
	bundle '["/tmp/share/under", "--probe", "none"]'
	crun delete --force macro-check > /dev/null 2>&1
	if crun run --bundle "$B" macro-check > /tmp/rc.out 2>&1 < /dev/null; then
		echo "check container-crun ok ran the probe in a container"
	else
		echo "check container-crun fail crun run: $(head -c 200 /tmp/rc.out | tr '\n' ' ')"
	fi
	crun delete --force macro-check > /dev/null 2>&1
}

# check_runtime NAME PATH: one cycle of the start workload.
check_runtime() {
	module_for "$1" > /dev/null
	if "$BIN/runtime-bench" "check-$1" 1 "$SB" "$1=$2" > /tmp/rt.out 2>&1; then
		echo "check $1 ok ran /bin/true"
	else
		echo "check $1 fail $(tail -c 200 "/tmp/runtime-bench-$1.log" 2> /dev/null | tr '\n' ' ')"
	fi
}

setup_ok=1
setup_db || setup_ok=0
setup_start || setup_ok=0
valid=
for c in $CONFIGS; do
	if [ "$c" = ksentry-default ]; then
		line=$(check_default "$RUNSC" "/tmp/share/under --probe none")
	elif [ "$c" = container-crun ]; then
		line=$(check_crun_container)
	else
		module_for "$c" > /dev/null
		line=$("$UNDER" --check "$c" 2> /tmp/check.err | grep '^check ' | head -n1)
		[ -n "$line" ] || line="check $c fail under --check printed no verdict: $(head -c 200 /tmp/check.err)"
	fi
	echo "$line"
	case "$line" in "check $c ok"*) valid="$valid $c" ;; esac
done
RUNTIMES="crun=$(command -v crun) runc=$(command -v runc) runsc-lite=$RUNSC"
valid_rt=
for rt in $RUNTIMES; do
	line=$(check_runtime "${rt%%=*}" "${rt#*=}")
	echo "$line"
	case "$line" in "check ${rt%%=*} ok"*) valid_rt="$valid_rt $rt" ;; esac
done
if [ $setup_ok = 1 ]; then
	echo "ok 2 - set-up and checks: valid:$valid /$valid_rt"
else
	echo "not ok 2 - set-up failed; checks: valid:$valid /$valid_rt"
fi

# ---------------------------------------------------------------------
# Samples.

# one_python CONFIG: the cost, or nothing.
one_python() {
	if is_container "$1"; then
		bundle "$(json_args python3 "$SHARE/pyloop.py" "$PY_ITERS")"
		"$(runtime_of "$1")" run --bundle "$B" macro-py > /tmp/py.out 2>&1 < /dev/null
		"$(runtime_of "$1")" delete --force macro-py > /dev/null 2>&1
	else
		"$UNDER" "$1" python3 "$SHARE/pyloop.py" "$PY_ITERS" > /tmp/py.out 2>&1
	fi
	awk '$1 == "pyloop" { print $2 }' /tmp/py.out
}

# one_memcached CONFIG
one_memcached() {
	local tps saw

	# shellcheck disable=SC2086
	start_under "$1" macro-mc memcached $MC_ARGS || return
	if wait_for memcached 120 mc_up; then
		memcaslap -s 127.0.0.1:11211 -T 1 -c 16 -X 64 -w 1k -x "$MC_OPS" \
			> /tmp/mc.out 2>&1
		tps=$(sed -n 's/^Run time: .* TPS: \([0-9]*\) .*/\1/p' /tmp/mc.out)
	fi
	saw=$(stop_under "$1" macro-mc)
	[ -n "${tps:-}" ] && [ "$tps" -gt 0 ] && [ "${saw:-0}" != 0 ] &&
		awk -v t="$tps" 'BEGIN { printf "%.3f\n", 1e9 / t }'
}

# one_sysbench CONFIG
one_sysbench() {
	local v=

	# shellcheck disable=SC2086
	start_under "$1" macro-db mariadbd $DB_ARGS || return
	if wait_for mariadbd 600 db_up; then
		# shellcheck disable=SC2086
		sysbench oltp_read_only $SB_ARGS --events="$SB_EVENTS" --time=0 \
			--histogram=off run > /tmp/sb.out 2>&1
		v=$(awk '/^ *transactions:/ { n = $2 } /^ *sum:/ { s = $2 }
			END { if (n > 0) printf "%.3f\n", s * 1e6 / n }' /tmp/sb.out)
	fi
	# Shut down cleanly first; stop_under then only reaps.
	db_stop
	stop_under "$1" macro-db > /dev/null
	echo "$v"
}

# sample REP CONFIG WORKLOAD LOOPS: a "sample", "na" or "error" line.
sample() {
	local rep=$1 c=$2 w=$3 n=$4 v

	module_for "$c" || { errors=$((errors + 1)); return; }
	if [ "$warm" = 1 ]; then
		"one_$w" "$c" > /dev/null 2>&1
		warm=0 warmups=$((warmups + 1))
	fi
	seq=$((seq + 1))
	v=$("one_$w" "$c" 2> /tmp/s.err)
	if [ -n "$v" ]; then
		echo "sample $rep $seq $c $w $n $v"
	else
		echo "error $rep $c $w 1 $(cat /tmp/s.err /tmp/*.out 2> /dev/null | head -c 300 | tr '\n' ' ')"
		errors=$((errors + 1))
	fi
}

# start_samples REP: START_CYCLES cycles of each runtime, their turns
# rotated by runtime-bench.
start_samples() {
	local rep=$1 name total

	module_for runsc-lite || return
	# shellcheck disable=SC2086
	"$BIN/runtime-bench" "start-$rep" "$START_CYCLES" "$SB" $valid_rt > /tmp/start.out 2>&1 ||
		echo "error $rep start start 1 $(tail -c 300 /tmp/start.out | tr '\n' ' ')"
	# No process substitution: the guest has no /dev/fd.
	grep '^# sample ' /tmp/start.out > /tmp/start.samples ||
		echo "error $rep start start 1 no sample: $(tail -c 300 /tmp/start.out | tr '\n' ' ')"
	while read -r _ _ _ name _ _ _ _ _ total; do
		seq=$((seq + 1))
		echo "sample $rep $seq $name start 1 $total"
	done < /tmp/start.samples
}

seq=0 errors=0
for rep in $(seq "$REPS"); do
	order=$(rotated "$rep" $valid)
	echo "order $rep$order"
	for w in $WORKLOADS; do
		echo "progress $rep $w $(cut -d' ' -f1 /proc/uptime)"
		case "$w" in
		start) start_samples "$rep"; continue ;;
		python) n=$PY_ITERS ;;
		memcached) n=$MC_OPS ;;
		sysbench) n=$SB_EVENTS ;;
		esac
		[ $setup_ok = 1 ] || [ "$w" = python ] || continue
		for c in $order; do
			sample "$rep" "$c" "$w" "$n"
		done
	done
done
echo "progress end - $(cut -d' ' -f1 /proc/uptime) transitions=$transitions warmups=$warmups"
if [ $errors = 0 ]; then
	echo "ok 3 - $seq samples"
else
	echo "not ok 3 - $seq samples, $errors errors"
fi
mountpoint -q "$B/rootfs" && umount "$B/rootfs"
module_for ksentry-loaded > /dev/null
echo "ok 4 - done"
exit 0
