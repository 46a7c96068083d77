#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Model benchmark, one command: bench/run-model-bench.sh [DIR] [RUNS]
#
# Builds a release build in build-bench/ (model + curator-cli only), then
# over the content files of DIR (default: ../shared/corpus next to the
# repository, else the sample in tests/corpus) prints, each figure against
# the floor that does the same work with bare libyaml:
#  - in process, one thread, CPU time, I/O excluded (curator-bench-load):
#    model load and index (all of each front matter) against the scan of
#    whole front matters; the light index (title, date, tags) against the
#    scan of those entries alone;
#  - whole process, curator-cli index and index --validate against the
#    same walk, reads, split and threads with a bare scan of the same
#    entries (curator-bench-load --floor light|full): wall and CPU time.
# Each ratio is taken within one round; the median and the best of the
# rounds' ratios are printed. RUNS rounds (default 7).
set -eu

repo=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-$repo/../shared/corpus}
[ $# -ge 1 ] || [ -d "$dir" ] || dir=$repo/tests/corpus
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
bench=$build/bench/curator-bench-load
cli=$build/src/cli/curator-cli

load=$("$bench" --runs "$runs" "$dir")
value() { printf '%s\n' "$load" | awk -v k="$1" '$1 == k { print $2 }'; }

# Whole processes: wall time and CPU time (user + sys, all threads) of
# each, per round; one warm-up run fills the page cache.
rounds=$(mktemp)
trap 'rm -f "$rounds"' EXIT
"$cli" index "$dir" >/dev/null 2>&1
threads=$("$cli" index "$dir" 2>&1 >/dev/null | sed -n 's/.* \([0-9][0-9]*\) threads$/\1/p')
# measure COMMAND...: prints "wall_ms cpu_ms", to the millisecond (bash's
# time; /usr/bin/time's 10 ms steps are the whole run on small folders).
measure() {
  local TIMEFORMAT='%3R %3U %3S' times
  times=$({ time "$@" >/dev/null 2>&1; } 2>&1)
  awk '{ printf "%.0f %.0f\n", $1 * 1000, ($2 + $3) * 1000 }' <<<"$times"
}
for _ in $(seq "$runs"); do
  printf '%s %s %s %s\n' \
    "$(measure "$bench" --floor light --threads "$threads" "$dir")" \
    "$(measure "$cli" index "$dir")" \
    "$(measure "$bench" --floor full --threads "$threads" "$dir")" \
    "$(measure "$cli" index --validate "$dir")"
done >"$rounds"
# Columns: light floor wall cpu, index wall cpu, full floor wall cpu,
# --validate wall cpu. column_median N; ratio_stats A B: median and best of
# column A / column B within each round.
column_median() { awk -v c="$1" '{ print $c }' "$rounds" | sort -n | awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.0f", m }'; }
ratio_stats() {
  awk -v a="$1" -v b="$2" '$b > 0 { print $a / $b }' "$rounds" | sort -g |
    awk '{ r[NR] = $1 } END { if (NR == 0) { printf "n/a (under 1 ms)"; exit }
                               m = (NR % 2) ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2; printf "%.2f (best %.2f)", m, r[1] }'
}

echo "folder            $dir"
echo "files             $(value files)"
echo "MB (files)        $(value file_mb)"
echo "MB (front matter) $(value front_matter_mb); title, date and tags entries: $(value light_mb)"
echo "rounds            $runs (ratios within a round: median, and best)"
echo "load average      $(cut -d' ' -f1-3 /proc/loadavg)  (idle cores give the fair figures)"
echo "-- in process, one thread, CPU time (wall in brackets), I/O excluded"
echo "scan, whole front matters       $(value scan_ms) ms  ($(value scan_wall_ms) ms)"
echo "model load                      $(value load_ms) ms  ($(value load_wall_ms) ms)"
echo "  load / scan                   $(value load_ratio) (best $(value load_ratio_best))  target <= 1.30"
echo "index, all of each front matter $(value index_ms) ms  ($(value index_wall_ms) ms)"
echo "  index / scan                  $(value index_ratio) (best $(value index_ratio_best))"
echo "scan, title/date/tags entries   $(value light_scan_ms) ms  ($(value light_scan_wall_ms) ms)"
echo "light index                     $(value light_index_ms) ms  ($(value light_index_wall_ms) ms)"
echo "  light index / light scan      $(value light_index_ratio) (best $(value light_index_ratio_best))"
echo "-- whole process (walk, reads, split, parse; the index also writes JSON), $threads threads"
echo "floor, title/date/tags          $(column_median 1) ms wall, $(column_median 2) ms CPU"
echo "curator-cli index               $(column_median 3) ms wall, $(column_median 4) ms CPU"
echo "  index / floor                 $(ratio_stats 3 1) wall, $(ratio_stats 4 2) CPU"
echo "floor, whole front matters      $(column_median 5) ms wall, $(column_median 6) ms CPU"
echo "curator-cli index --validate    $(column_median 7) ms wall, $(column_median 8) ms CPU"
echo "  --validate / floor            $(ratio_stats 7 5) wall, $(ratio_stats 8 6) CPU"
