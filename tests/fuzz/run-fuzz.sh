#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# run-fuzz.sh FUZZER SECONDS [WORKDIR]
# Runs the libFuzzer binary for SECONDS on a seed corpus made of
# tests/fuzz/regressions (or the folder FUZZ_REGRESSIONS names there),
# the corpus's edge/ cases, about 170 of its Medigy files and up to 120 of
# its Hugo docs pages under 16 KiB (CURATOR_CORPUS_DIR: the sample or the
# whole shared corpus). New inputs go to WORKDIR/corpus (default: a
# folder next to the fuzzer), crashes to WORKDIR/crash-*. Exit status:
# 0 when no invariant broke, 1 when one did (libFuzzer's own 77 would read
# as a skip to meson, hiding the finding). An input that takes longer than
# FUZZ_TIMEOUT seconds of wall time (default 10) counts as a hang: raise it
# on a loaded machine, where a niced run can wait that long for a core.
#
# With FUZZ_RUNS set (the test suite's runs), the run is the same every
# time: FUZZ_RUNS executions from the seeds alone (no corpus kept from
# an earlier run), with libFuzzer's random seed fixed (FUZZ_SEED, 1 by
# default), however fast the machine; SECONDS is then ignored. A
# finding fails every run of the same code, never one run in ten.
set -eu

fuzzer=$1
seconds=$2
here=$(cd "$(dirname "$0")" && pwd)
workdir=${3:-$(dirname "$fuzzer")/fuzz-work}
corpus=${CURATOR_CORPUS_DIR:-$here/../corpus}

run=
if [ -n "${FUZZ_RUNS:-}" ]; then
  rm -rf "$workdir/corpus"
  limit="-runs=$FUZZ_RUNS -seed=${FUZZ_SEED:-1} -reload=0"
  # Addresses the same every time too: GLib hashes some pointers, and
  # their order steers the coverage that the fuzzer follows.
  if setarch "$(uname -m)" -R true 2>/dev/null; then
    run="setarch $(uname -m) -R"
  fi
else
  limit="-max_total_time=$seconds"
fi
mkdir -p "$workdir/corpus" "$workdir/seeds"
cp "$here"/"${FUZZ_REGRESSIONS:-regressions}"/* "$workdir/seeds/"
if [ -d "$corpus/edge" ]; then
  cp "$corpus"/edge/* "$workdir/seeds/"
fi
if [ -d "$corpus/medigy" ]; then
  count=$(find "$corpus/medigy" -name '*.md' -size -16k | wc -l)
  step=$(( count / 170 > 1 ? count / 170 : 1 ))
  find "$corpus/medigy" -name '*.md' -size -16k | LC_ALL=C sort | awk -v step="$step" 'NR % step == 1 || step == 1' |
  while read -r f; do
    cp "$f" "$workdir/seeds/medigy-$(printf '%s' "$f" | cksum | cut -d' ' -f1).md"
  done
fi
# Markdown for the Markdown rendering: the Hugo docs pages under 16 KiB.
if [ -d "$corpus/hugodocs" ]; then
  find "$corpus/hugodocs" -name '*.md' -size -16k | LC_ALL=C sort | head -n 120 |
  while read -r f; do
    cp "$f" "$workdir/seeds/hugodocs-$(printf '%s' "$f" | cksum | cut -d' ' -f1).md"
  done
fi

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
# shellcheck disable=SC2086 # $run and $limit are words
exec $run "$fuzzer" $limit -max_len=16384 -timeout="${FUZZ_TIMEOUT:-10}" -error_exitcode=1 -rss_limit_mb=2048 \
  -print_final_stats=1 -artifact_prefix="$workdir/" "$workdir/corpus" "$workdir/seeds"
