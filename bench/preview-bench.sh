#!/bin/sh
# The body editor -> preview latency and the start time, headless:
#   bench/preview-bench.sh [BUILDDIR]
# keystroke -> preview painted (200 edits) on the sample item and on a
# 200 KB body; start -> window with the preview painted, with GNOME Text
# Editor showing the same file for comparison when it is installed. The
# GSK renderer is the same for everything in a run (GSK_RENDERER, cairo
# unless set).
set -e
srcdir=$(cd "$(dirname "$0")/.." && pwd)
builddir=${1:-$srcdir/build}
sample=$srcdir/data/sample/curated-item.md

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -m 700 "$tmp/runtime"
cp "$sample" "$tmp/curated-item.md"

other=
if command -v gnome-text-editor >/dev/null 2>&1; then
  other="-- gnome-text-editor --standalone"
fi

# Hermetic: nothing written to the home directory.
env XDG_RUNTIME_DIR="$tmp/runtime" XDG_CACHE_HOME="$tmp/cache" XDG_CONFIG_HOME="$tmp/config" \
    XDG_DATA_HOME="$tmp/data" TMPDIR="$tmp" GSETTINGS_BACKEND=memory \
    GSK_RENDERER=${GSK_RENDERER:-cairo} \
  xvfb-run -a -s '-screen 0 1280x800x24' dbus-run-session -- sh -c "
    echo \"GSK_RENDERER=\$GSK_RENDERER\"
    '$builddir/bench/preview-bench' keystroke '$tmp/curated-item.md' 2>/dev/null
    '$builddir/bench/preview-bench' keystroke '$tmp/curated-item.md' 200 2>/dev/null
    '$builddir/bench/preview-bench' start '$tmp/curated-item.md' 7 $other 2>/dev/null
  "
