#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Take data/screenshots/window.png (README, AppStream metainfo) from the real
# app: build it, run it on the bundled sample on a private Xvfb screen with a
# private D-Bus session and XDG directories, wait for its window to be mapped
# and drawn, and capture that window only.
#   build-aux/take-screenshot.sh [OUTPUT.png] [FILE]
set -euo pipefail
source "$(dirname "$(readlink -f "$0")")/common.sh"

if [ "${1:-}" = --inside-session ]; then
  # Runs under xvfb-run + dbus-run-session (see below).
  app=$2 output=$3
  shift 3
  GSK_RENDERER=cairo "$app" "$@" &
  app_pid=$!
  trap 'kill "$app_pid" 2>/dev/null || true' EXIT

  # A top-level window of class "curator" that is viewable.
  window=
  for _ in $(seq 1 100); do
    kill -0 "$app_pid" 2>/dev/null || die "curator exited before showing a window"
    window=$(xwininfo -root -children 2>/dev/null \
               | sed -n 's/^ *\(0x[0-9a-f]*\) .*("curator" ".*").*/\1/p' | head -n 1)
    if [ -n "$window" ] && xwininfo -id "$window" | grep -q 'Map State: IsViewable'; then
      break
    fi
    window=
    sleep 0.1
  done
  [ -n "$window" ] || die "no curator window appeared within 10 s"

  # Let the first frames settle (fonts, icons, the preview).
  sleep "${CURATOR_SCREENSHOT_DELAY:-3}"
  import -window "$window" "$output"
  exit 0
fi

output=$(readlink -f "${1:-$CURATOR_ROOT/data/screenshots/window.png}")
shift || true

install_missing_packages

build_dir="$CURATOR_ROOT/_build-test"
log "Building in $build_dir"
configure_build "$build_dir" -Dui=true -Ddevelopment=false
compile_build "$build_dir"

make_private_session
trap 'rm -rf "$CURATOR_SESSION_DIR"' EXIT
export GSETTINGS_BACKEND=memory
export GSETTINGS_SCHEMA_DIR="$build_dir/data"
# The screenshot is the untranslated (English) interface.
export LC_ALL=C.UTF-8
unset LANGUAGE
mkdir -p "$(dirname "$output")"

log "Running curator headless"
capture="$CURATOR_SESSION_DIR/window.png"
xvfb-run -a -s '-screen 0 1600x1000x24' dbus-run-session -- \
  "$0" --inside-session "$build_dir/src/ui/curator" "$capture" "$@"

# An all-one-colour capture means the window had not drawn anything.
colours=$(identify -format '%k' "$capture")
[ "$colours" -gt 16 ] || die "the capture has only $colours colours: the window was not drawn"

# Without a compositor GTK draws its "solid-csd" frame: a 4 px resize border
# around the window that a desktop session would show as a shadow. Shave it
# (the window's own 1 px border stays), and strip metadata (dates) so an
# unchanged window gives identical bytes.
convert "$capture" -shave 4x4 +repage -strip "$output"
log "Wrote $output ($(identify -format '%wx%h' "$output"), $colours colours)"
