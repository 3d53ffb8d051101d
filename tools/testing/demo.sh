# SPDX-License-Identifier: GPL-2.0
# ksentry - what "make demo" shows, run by the guest's init after insmod.

step() { printf '\n== %s\n' "$*"; }

step "the guest runs Debian's kernel $(uname -r)"
step "insmod ksentry.ko registered a misc device"
ls -l /dev/ksentry
grep -w ksentry /proc/misc | sed 's/^/\/proc\/misc: /'
step "runsc-lite --version asks the module for its ABI (KSENTRY_IOCTL_GET_ABI_VERSION)"
runsc-lite --version
step "ERRNO: ksentry-exec --deny mkdir -- mkdir /tmp/in-sandbox"
mkdir /tmp/outside && echo "outside the sandbox: mkdir /tmp/outside worked"
ksentry-exec --deny mkdir -- mkdir /tmp/in-sandbox
echo "exit status: $?"
step "TRAP: getuid sends SIGSYS to 'id' in the sandbox"
ksentry-exec --trap getuid -- id
step "KILL_PROCESS, and the trace event of every non-ALLOW decision"
echo 1 > /sys/kernel/tracing/events/ksentry/ksentry_decision/enable
ksentry-exec --kill mkdir -- mkdir /tmp/demo-dir
[ -d /tmp/demo-dir ] && echo "/tmp/demo-dir: created" || echo "/tmp/demo-dir: not created"
echo 0 > /sys/kernel/tracing/events/ksentry/ksentry_decision/enable
grep -o 'ksentry_decision: .*' /sys/kernel/tracing/trace
step "children and exec'd programs stay in the sandbox (EACCES this time)"
ksentry-exec --deny mkdir:13 -- sh -c 'mkdir /tmp/a; sh -c "mkdir /tmp/b"; true'
step "the module as the kernel sees it"
grep -w ksentry /proc/modules
printf 'taint flags of the module: %s (O: out of tree, E: unsigned)\n' \
	"$(cat /sys/module/ksentry/taint)"
step "rmmod ksentry: the device goes away"
rmmod ksentry && echo "rmmod: ok"
if [ -e /dev/ksentry ]; then echo "/dev/ksentry: still there"; else echo "/dev/ksentry: gone"; fi
runsc-lite --version | grep ksentry-module
