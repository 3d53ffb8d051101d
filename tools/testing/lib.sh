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
