#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs test suites many times back to back from one build, each run in a
# fresh private headless session (as run-tests.sh does), to find the tests
# that fail at random; optionally beside a busy loop on each core. Not part
# of run-tests.sh: a tool for when a test is suspected of depending on
# timing or on the machine.
#
#   build-aux/stress-tests.sh [-n RUNS] [--hog] [-C BUILDDIR] [MESON_TEST_ARGS...]
#
# Defaults: 20 runs of `--suite preview --suite ui` in _build-test (built
# first, once). Prints a line per run, then per test the runs that failed
# and the first line that says why, and per subtest the failures; exits
# non-zero if any run had a failure. The logs of every run stay in
# BUILDDIR/meson-logs/stress-N.txt.
set -euo pipefail
source "$(dirname "$(readlink -f "$0")")/common.sh"

runs=20
hog=0
build_dir="$CURATOR_ROOT/_build-test"
test_args=()
while [ $# -gt 0 ]; do
  case $1 in
    -n) runs=$2; shift 2 ;;
    --hog) hog=1; shift ;;
    -C) build_dir=$2; shift 2 ;;
    *) test_args+=("$1"); shift ;;
  esac
done
[ ${#test_args[@]} -gt 0 ] || test_args=(--suite preview --suite ui)
[ -f "$build_dir/build.ninja" ] || die "$build_dir is not a configured build (meson setup it first)"

export LC_ALL=C.UTF-8
unset LANGUAGE
export GSETTINGS_BACKEND=memory
export GSETTINGS_SCHEMA_DIR="$build_dir/data"

hogs=()
sessions=()
cleanup ()
{
  local pid dir
  for pid in "${hogs[@]}"; do kill "$pid" 2>/dev/null || true; done
  for dir in "${sessions[@]}"; do rm -rf "$dir"; done
}
trap cleanup EXIT

compile_build "$build_dir" >/dev/null

if [ $hog -eq 1 ]; then
  for _ in $(seq "$(nproc)"); do
    ( while :; do :; done ) &
    hogs+=($!)
  done
  log "busy loops beside the tests: pids ${hogs[*]}"
fi

logs=()
base_tmp=${TMPDIR:-/tmp}
for run in $(seq "$runs"); do
  # make_private_session points TMPDIR into the session it makes.
  export TMPDIR=$base_tmp
  make_private_session
  sessions+=("$CURATOR_SESSION_DIR")
  start=$(date +%s)
  status=0
  headless meson test -C "$build_dir" --no-rebuild --logbase "stress-$run" \
    "${test_args[@]}" >/dev/null 2>&1 || status=$?
  log="$build_dir/meson-logs/stress-$run.json"
  [ -f "$log" ] || die "run $run: meson wrote no log (exit status $status)"
  logs+=("$log")
  failed=$(grep -cE '"result": "(FAIL|ERROR|TIMEOUT|UNEXPECTEDPASS)"' "$log" || true)
  log "run $run of $runs: $failed failed, $(( $(date +%s) - start )) s"
  rm -rf "$CURATOR_SESSION_DIR"
done

python3 - "${logs[@]}" <<'PY'
import collections, json, re, sys

runs = len(sys.argv) - 1
tests = collections.defaultdict(lambda: {'failed': [], 'why': [], 'durations': []})
subtests = collections.Counter()
skips = collections.Counter()
for run, path in enumerate(sys.argv[1:], 1):
    with open(path, encoding='utf-8') as log:
        for line in log:
            if not line.strip():
                continue
            test = json.loads(line)
            entry = tests[test['name']]
            entry['durations'].append(test['duration'])
            output = test.get('stdout') or ''
            for match in re.finditer(r'^not ok \d+ (\S+)', output, re.M):
                subtests[match.group(1)] += 1
            for match in re.finditer(r'^ok \d+ (\S+) # SKIP (.*)$', output, re.M):
                skips[(match.group(1), match.group(2))] += 1
            if test['result'] in ('OK', 'EXPECTEDFAIL', 'SKIP'):
                continue
            entry['failed'].append(run)
            # The first line that says why, and the warnings before it
            # (WebKit's processes write theirs to the test's stderr).
            lines = [l for l in output.splitlines()
                     if re.search(r'Bail out|ERROR|FATAL|CRITICAL|WARNING \*\*|not ok', l)]
            entry['why'].append(f"run {run}: " + ' | '.join(l[:200] for l in lines[:4])
                                if lines else f"run {run}: {test['result']}")

print(f'{runs} runs')
print(f"{'test':40} {'failed':>8} {'median s':>9} {'max s':>7}")
total = 0
for name, entry in sorted(tests.items()):
    durations = sorted(entry['durations'])
    print(f"{name:40} {len(entry['failed']):>4}/{len(durations):<3} "
          f"{durations[len(durations) // 2]:>9.1f} {durations[-1]:>7.1f}")
    total += len(entry['failed'])
    for why in entry['why']:
        print(f"    {why}")
for name, count in sorted(subtests.items()):
    print(f'  subtest {name}: failed in {count} runs')
for (name, why), count in sorted(skips.items()):
    print(f'  subtest {name}: skipped in {count} runs ({why})')
print(f'{total} failures in {runs} runs')
sys.exit(1 if total else 0)
PY
