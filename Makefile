# SPDX-License-Identifier: GPL-2.0
#
# ksentry - top-level targets
#
#   make                 ksentry.ko for Debian's 6.1 and 6.12 LTS kernels
#                        (build/6.1/, build/6.12/), runsc-lite and
#                        ksentry-exec
#   make KDIR=DIR        ksentry.ko for the kernel build tree DIR only
#                        (build/kdir/)
#   make demo            boot a guest, load the module, show what it does
#   make check           every test, ending with "N passed, N failed"
#   make setup           install and fetch what the lab needs (demo and
#                        check run it first)
#   make style           checkpatch --strict, kernel-doc, sparse, W=1, c90
#   make guest K=6.12    the selftests on one kernel: 6.1, 6.12 or debug;
#                        TESTS="dev_test" runs only those test files
#   make kunit           the KUnit suites on the KUnit/debug kernel
#   make bench-dispatch  the dispatcher's cost against seccomp, in guest
#                        instructions (QEMU icount), on both Debian kernels
#   make bench-runtime   runsc-lite against crun and runc: a container's
#                        create, start, wait and delete in the Debian guest,
#                        in wall clock and guest instructions
#   make bench           the research benchmark: ksentry against native,
#                        seccomp, user notification, ptrace and syscall user
#                        dispatch, both kernels, icount and wall clock, with
#                        report and plots in build/bench/research/
#                        (BENCH_QUICK=1: a smoke run; BENCH_SSBD=1: seccomp
#                        without SPEC_ALLOW)
#   make clean           remove build/ (the cache in ~/.cache/ksentry stays)
#
# Kbuild itself reads ./Kbuild; this Makefile only drives it.

TOP := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
BUILD ?= $(TOP)/build
T := $(TOP)/tools/testing
K ?= 6.12

export KSENTRY_BUILD := $(BUILD)

all: modules runsc-lite ksentry-exec

$(BUILD)/kernels.env:
	$(T)/setup

setup:
	$(T)/setup

ifeq ($(KDIR),)
modules: $(BUILD)/kernels.env
	@. $(BUILD)/kernels.env && \
	$(T)/build-module $(BUILD)/6.1 $$KDIR_61 && \
	$(T)/build-module $(BUILD)/6.12 $$KDIR_612
else
modules:
	$(T)/build-module $(BUILD)/kdir $(KDIR)
endif

runsc-lite:
	$(MAKE) -C $(TOP)/tools/runsc-lite OUTPUT=$(BUILD)/runsc-lite

ksentry-exec:
	$(MAKE) -C $(TOP)/tools/ksentry-exec OUTPUT=$(BUILD)/ksentry-exec

selftests: $(BUILD)/kernels.env
	@. $(BUILD)/kernels.env && \
	$(MAKE) -C $(TOP)/selftests OUTPUT=$(BUILD)/selftests \
		KSFT_DIR=$$LINUX_SRC/tools/testing/selftests

demo: setup
	$(T)/demo

check: setup
	$(T)/check

style: setup
	$(T)/check style

guest: setup
	$(T)/check $(K)

kunit: setup
	$(T)/check kunit

engines: setup
	$(T)/check engines

bench-dispatch: setup
	$(TOP)/tools/bench/run-dispatch-cost

bench-runtime: setup
	$(TOP)/tools/bench/run-runtime-bench

bench: setup
	BENCH_COMMAND="make bench" $(TOP)/tools/bench/research/run-research-bench

clean:
	rm -rf $(BUILD)

.PHONY: all setup modules runsc-lite ksentry-exec selftests demo check style guest kunit \
	engines bench-dispatch bench-runtime bench clean
