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
step "the command is pid 2 under ksentry-exec's init, and /proc shows only the sandbox"
ksentry-exec -- sh -c 'echo "pid $$, parent $PPID"; ps; true'
step "an OCI bundle: a busybox rootfs and a config.json with a seccomp profile"
mkdir -p /tmp/bundle/rootfs/bin
cp /bin/busybox /tmp/bundle/rootfs/bin/
for c in sh echo mkdir sleep cat id; do ln -s busybox /tmp/bundle/rootfs/bin/$c; done
cat > /tmp/bundle/config.json <<'JSON'
{
  "ociVersion": "1.2.0",
  "root": {"path": "rootfs", "readonly": true},
  "hostname": "sandboxed",
  "process": {
    "args": ["sh", "-c", "echo hello from $(cat /proc/sys/kernel/hostname), pid $$; mkdir /tmp/x; sleep 30"],
    "cwd": "/", "env": ["PATH=/bin"], "user": {"uid": 0, "gid": 0}
  },
  "mounts": [
    {"destination": "/proc", "type": "proc", "source": "proc"},
    {"destination": "/tmp", "type": "tmpfs", "source": "tmpfs"}
  ],
  "linux": {
    "namespaces": [{"type": "pid"}, {"type": "mount"}, {"type": "uts"}, {"type": "ipc"}],
    "seccomp": {
      "defaultAction": "SCMP_ACT_ALLOW",
      "syscalls": [{"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_ERRNO", "errnoRet": 1}]
    }
  }
}
JSON
sed 's/^/  /' /tmp/bundle/config.json
step "runsc-lite policy compile: the profile as a ksentry table"
cat > /tmp/profile.json <<'JSON'
{"defaultAction": "SCMP_ACT_ALLOW",
 "syscalls": [{"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_ERRNO", "errnoRet": 1}]}
JSON
runsc-lite policy compile /tmp/profile.json
step "runsc-lite run --detach: the container runs in a ksentry sandboxed pid namespace"
# The demo's root is an initramfs, which pivot_root refuses: --no-pivot.
runsc-lite run --detach --no-pivot --bundle /tmp/bundle demo > /tmp/demo.out 2>&1
echo "exit status: $?"
sleep 1
cat /tmp/demo.out
runsc-lite list
step "runsc-lite exec: a new process joins the same sandbox"
runsc-lite exec demo mkdir /tmp/y
echo "exit status: $?"
step "runsc-lite stats: the sandbox's live counters (non-zero rows)"
runsc-lite stats demo
step "runsc-lite delete --force"
runsc-lite delete --force demo && echo "deleted"; runsc-lite list
step "the module as the kernel sees it"
grep -w ksentry /proc/modules
printf 'taint flags of the module: %s (O: out of tree, E: unsigned)\n' \
	"$(cat /sys/module/ksentry/taint)"
step "rmmod ksentry: the device goes away"
rmmod ksentry && echo "rmmod: ok"
if [ -e /dev/ksentry ]; then echo "/dev/ksentry: still there"; else echo "/dev/ksentry: gone"; fi
runsc-lite --version | grep ksentry-module
