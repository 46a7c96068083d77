#!/bin/sh
# Open-to-form time of the editor window (median of 7 runs), headless:
#   bench/ui-open-bench.sh [BUILDDIR]
# on the sample-like curated item and the largest Medigy hospital profile.
set -e
srcdir=$(cd "$(dirname "$0")/.." && pwd)
builddir=${1:-$srcdir/build}
corpus=${CURATOR_CORPUS_DIR:-$srcdir/../shared/corpus}

sample=$srcdir/tests/ui/data/curated-content.md
largest=$srcdir/tests/ui/data/hospital-profile.md
if [ -d "$corpus/medigy" ]; then
  largest=$(find "$corpus/medigy" -name '*.md' -printf '%s %p\n' | sort -n | tail -n 1 | cut -d' ' -f2-)
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -m 700 "$tmp/runtime"
# Hermetic: nothing written to the home directory.
env XDG_RUNTIME_DIR="$tmp/runtime" XDG_CACHE_HOME="$tmp/cache" XDG_CONFIG_HOME="$tmp/config" \
    XDG_DATA_HOME="$tmp/data" TMPDIR="$tmp" GSETTINGS_BACKEND=memory \
    GSK_RENDERER=${GSK_RENDERER:-cairo} \
  xvfb-run -a -s '-screen 0 1280x800x24' dbus-run-session -- \
  "$builddir/bench/ui-open-bench" "$sample" "$largest" 2>/dev/null
