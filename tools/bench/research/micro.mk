# SPDX-License-Identifier: GPL-2.0
#
# ksentry - build the research benchmark's programs: micro (micro.c, the
# micro workloads) and under (under.c, a program under a configuration)
#
#   make -f tools/bench/research/micro.mk OUTPUT=DIR DOCKER_PROFILE=JSON
#
# gives DIR/micro and DIR/under, static binaries linked with libseccomp (Debian's
# libseccomp-dev, in tools/testing/setup's package list) and libm.
# DOCKER_PROFILE is Docker's default.json, as tools/testing/fetch-profiles
# caches it; by default the one build/kernels.env names.  docker-profile.py
# turns it into DIR/docker-profile.h, the data micro.c includes.

HERE := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
TOP := $(abspath $(HERE)/../../..)
OUTPUT ?= $(TOP)/build/bench/research/bin
DOCKER_PROFILE ?= $(shell . $(TOP)/build/kernels.env 2>/dev/null && echo $$DOCKER_PROFILE)
ifeq ($(origin CC),default)
CC := gcc
endif
PYTHON ?= python3

CFLAGS := -O2 -Wall -Werror -static -I$(TOP)/uapi -I$(OUTPUT)
LDLIBS := -lseccomp -lm

all: $(OUTPUT)/micro $(OUTPUT)/under

$(OUTPUT)/micro: $(HERE)/micro.c $(HERE)/intercept.c $(HERE)/intercept.h $(OUTPUT)/docker-profile.h \
		 $(TOP)/uapi/linux/ksentry.h $(TOP)/selftests/common.h
	$(CC) $(CFLAGS) -o $@ $(HERE)/micro.c $(HERE)/intercept.c $(LDLIBS)

$(OUTPUT)/under: $(HERE)/under.c $(HERE)/intercept.c $(HERE)/intercept.h $(OUTPUT)/docker-profile.h \
		 $(TOP)/uapi/linux/ksentry.h $(TOP)/selftests/common.h
	$(CC) $(CFLAGS) -o $@ $(HERE)/under.c $(HERE)/intercept.c $(LDLIBS)

$(OUTPUT)/docker-profile.h: $(HERE)/docker-profile.py $(DOCKER_PROFILE) | $(OUTPUT)
	@test -n "$(DOCKER_PROFILE)" || \
		{ echo "micro.mk: DOCKER_PROFILE unset: run tools/testing/setup" >&2; exit 1; }
	$(PYTHON) $(HERE)/docker-profile.py $(DOCKER_PROFILE) > $@.tmp
	mv $@.tmp $@

$(OUTPUT):
	mkdir -p $@

.PHONY: all
