# SPDX-License-Identifier: GPL-2.0
# ksentry - what "make demo" shows, run by the guest's init after insmod.

step() { printf '\n== %s\n' "$*"; }

step "the guest runs Debian's kernel $(uname -r)"
step "insmod ksentry.ko registered a misc device"
ls -l /dev/ksentry
grep -w ksentry /proc/misc | sed 's/^/\/proc\/misc: /'
step "runsc-lite --version asks the module for its ABI (KSENTRY_IOCTL_GET_ABI_VERSION)"
runsc-lite --version
step "the module as the kernel sees it"
grep -w ksentry /proc/modules
printf 'taint flags of the module: %s (O: out of tree, E: unsigned)\n' \
	"$(cat /sys/module/ksentry/taint)"
step "rmmod ksentry: the device goes away"
rmmod ksentry && echo "rmmod: ok"
if [ -e /dev/ksentry ]; then echo "/dev/ksentry: still there"; else echo "/dev/ksentry: gone"; fi
runsc-lite --version | grep ksentry-module
