#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Model benchmark, one command: bench/run-model-bench.sh [DIR] [RUNS]
#
# Builds a release build in build-bench/ (model + curator-cli only), then
# over the content files of DIR (default: ../shared/corpus next to the
# repository) prints: files, MB, a bare libyaml event scan of the front
# matter, the full model load (CuratorDocument from bytes; I/O excluded from
# both), their ratio, and the wall and CPU time of `curator-cli index DIR`
# with its thread count and its ratio to the single-threaded bare scan.
# Medians of RUNS runs (default 7). In-process figures are CPU time, so
# other load on the machine disturbs them little; wall time is shown too.
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
# parse, output) and its CPU time (user + sys, all threads), median of RUNS;
# one warm-up run fills the page cache.
cli=$build/src/cli/curator-cli
"$cli" index "$dir" >/dev/null 2>&1
timing=$(mktemp)
# time_index [OPTION]: sets index_ms, index_cpu_ms and threads (medians).
time_index() {
  walls=""
  cpus=""
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e %U %S' -o "$timing" "$cli" index "$@" "$dir" >/dev/null 2>"$timing.err"
    walls="$walls $(awk '{ print $1 * 1000 }' "$timing")"
    cpus="$cpus $(awk '{ print ($2 + $3) * 1000 }' "$timing")"
    threads=$(sed -n 's/.* \([0-9][0-9]*\) threads$/\1/p' "$timing.err")
  done
  index_ms=$(median $walls)
  index_cpu_ms=$(median $cpus)
}
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.0f", m }'; }

time_index --validate
full_ms=$index_ms
full_cpu_ms=$index_cpu_ms
time_index
fast_ms=$index_ms
fast_cpu_ms=$index_cpu_ms
rm -f "$timing" "$timing.err"

scan_ms=$(value scan_ms)
load_ms=$(value load_ms)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo "folder            $dir"
echo "files             $(value files)"
echo "MB (files)        $(value file_mb)"
echo "MB (front matter) $(value front_matter_mb)"
echo "runs (median of)  $runs"
echo "load average      $(cut -d' ' -f1-3 /proc/loadavg)  (2 idle cores give the fair figures)"
echo "-- in process, CPU time (wall time in brackets), I/O excluded"
echo "bare libyaml scan $scan_ms ms  ($(value scan_wall_ms) ms)"
echo "model load        $load_ms ms  ($(value load_wall_ms) ms)"
echo "load / scan       $(ratio "$load_ms" "$scan_ms")  (target <= 1.30; best runs: $(ratio "$(value load_min_ms)" "$(value scan_min_ms)"))"
echo "index full scan   $(value index_fast_path_ms) ms  ($(value index_fast_path_wall_ms) ms), 1 thread (split + libyaml scan, no tree)"
echo "index light path  $(value index_light_path_ms) ms, 1 thread (title, date and tags entries only)"
echo "-- curator-cli index, whole process (walk, reads, parse, output), $threads threads"
echo "index             $fast_ms ms wall, $fast_cpu_ms ms CPU (user + sys)"
echo "index / scan      $(ratio "$fast_ms" "$scan_ms") wall, $(ratio "$fast_cpu_ms" "$scan_ms") CPU  (target <= 0.75)"
echo "index --validate  $full_ms ms wall, $full_cpu_ms ms CPU"
echo "index --validate / scan $(ratio "$full_ms" "$scan_ms") wall, $(ratio "$full_cpu_ms" "$scan_ms") CPU"
echo "(wall time needs $threads idle cores: with other load, CPU / $threads is the better guide)"
