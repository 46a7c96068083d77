#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Model benchmark, one command: bench/run-model-bench.sh [DIR] [RUNS]
#
# Builds a release build in build-bench/ (model + curator-cli only), then
# over the content files of DIR (default: ../shared/corpus next to the
# repository) prints: files, MB, a bare libyaml event scan of the front
# matter, the full model load (CuratorDocument from bytes; I/O excluded from
# both), their ratio, and the wall time of `curator-cli index DIR` with its
# thread count and its ratio to the single-threaded bare scan. Medians of
# RUNS runs (default 7).
set -eu

repo=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-$repo/../shared/corpus}
runs=${2:-7}
build=$repo/build-bench

if [ ! -d "$dir" ]; then
  echo "run-model-bench: $dir is not a folder" >&2
  exit 2
fi

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" "$repo" --buildtype=release -Dui=false >/dev/null
fi
ninja -C "$build" -j2 bench/curator-bench-load src/cli/curator-cli >/dev/null

load=$("$build/bench/curator-bench-load" --runs "$runs" "$dir")
value() { printf '%s\n' "$load" | awk -v k="$1" '$1 == k { print $2 }'; }

# curator-cli index: wall time of the whole process (start-up, walk, reads,
# parse, output), median of RUNS; one warm-up run fills the page cache.
"$build/src/cli/curator-cli" index "$dir" >/dev/null 2>&1
index_times=""
threads=""
for _ in $(seq "$runs"); do
  start=$(date +%s%N)
  summary=$("$build/src/cli/curator-cli" index "$dir" 2>&1 >/dev/null | tail -n 1)
  end=$(date +%s%N)
  index_times="$index_times $(( (end - start) / 1000 ))"
  threads=$(printf '%s\n' "$summary" | sed -n 's/.* \([0-9][0-9]*\) threads$/\1/p')
done
index_ms=$(printf '%s\n' $index_times | sort -n | awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.1f", m / 1000 }')

scan_ms=$(value scan_ms)
load_ms=$(value load_ms)

echo "folder            $dir"
echo "files             $(value files)"
echo "MB (files)        $(value file_mb)"
echo "MB (front matter) $(value front_matter_mb)"
echo "runs (median of)  $runs"
echo "bare libyaml scan $scan_ms ms"
echo "model load        $load_ms ms"
echo "load / scan       $(awk -v a="$load_ms" -v b="$scan_ms" 'BEGIN { printf "%.2f", a / b }')  (target <= 1.30)"
echo "index fast path   $(value index_fast_path_ms) ms  (in process, 1 thread, I/O excluded)"
echo "curator-cli index $index_ms ms  ($threads threads, whole process: walk, reads, output)"
echo "index / scan      $(awk -v a="$index_ms" -v b="$scan_ms" 'BEGIN { printf "%.2f", a / b }')  (target <= 0.75)"
