#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# On Debian 12: install the missing packages, build Curator in _build/ and
# open it (on the bundled sample, or on the files given as arguments).
#   build-aux/setup-and-run.sh [FILE...]
set -euo pipefail
source "$(dirname "$(readlink -f "$0")")/common.sh"

install_missing_packages

build_dir="$CURATOR_ROOT/_build"
log "Building in $build_dir"
configure_build "$build_dir" -Ddevelopment=true
compile_build "$build_dir"

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  die "no display to open the window on (DISPLAY and WAYLAND_DISPLAY are unset); the app is built: $build_dir/src/ui/curator"
fi

# Uninstalled run: the settings schema compiled in the build tree.
export GSETTINGS_SCHEMA_DIR="$build_dir/data"
log "Running curator ${*:-(the bundled sample)}"
exec "$build_dir/src/ui/curator" "$@"
