#!/bin/sh
# URL drop -> new document shown (median of 11 runs), headless:
#   bench/import-bench.sh [BUILDDIR]
# on a copy of the Medigy curated-content sample folder, open in the
# library, and a 200 KB WordPress page served from memory on 127.0.0.1,
# each drop a second after the file is shown (and, last, at once)
# (BENCH_RUNS, BENCH_PAGE_KB, BENCH_ARTICLE_KB: see bench/import-bench.c).
# BENCH_WRAPPER runs the bench under a profiler ("perf record -g"), and
# BENCH_STDERR keeps its stderr in a file.
set -e
srcdir=$(cd "$(dirname "$0")/.." && pwd)
builddir=${1:-$srcdir/build}
folder=$srcdir/tests/corpus/medigy/communities-of-practice/chronic-care-management/content-auto/curated-content

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -m 700 "$tmp/runtime"
env XDG_RUNTIME_DIR="$tmp/runtime" XDG_CACHE_HOME="$tmp/cache" XDG_CONFIG_HOME="$tmp/config" \
    XDG_DATA_HOME="$tmp/data" TMPDIR="$tmp" GSETTINGS_BACKEND=memory \
    GSK_RENDERER=${GSK_RENDERER:-cairo} \
  xvfb-run -a -s '-screen 0 1280x800x24' dbus-run-session -- \
  ${BENCH_WRAPPER:-} "$builddir/bench/import-bench" "$folder" "$srcdir/tests/web/pages/wordpress.html" 2>${BENCH_STDERR:-/dev/null}
