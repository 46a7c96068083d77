#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# On Debian 12: install the missing packages, then build and run every test
# in a private headless session (Xvfb, D-Bus session bus, private XDG
# directories), in three builds:
#   _build-test   the whole project, every suite;
#   _build-asan   model + curator-cli only, under AddressSanitizer and
#                 UndefinedBehaviorSanitizer, their suites (model, cli)
#                 except the whole-corpus runs;
#   _build-fuzz   with clang, when installed: the short fuzz suite.
# The last line is "N passed, N failed, N skipped", counting every subtest
# of every build (build-aux/test-summary.py); skips are listed with their
# reasons, and a skip for lack of something this script installs fails.
# The exit status is non-zero if any test or any build failed.
#   build-aux/run-tests.sh
set -euo pipefail
source "$(dirname "$(readlink -f "$0")")/common.sh"

install_missing_packages

make_private_session
trap 'rm -rf "$CURATOR_SESSION_DIR"' EXIT
# The same locale on every machine: a fresh Debian image has none set, and
# GLib then prints anything beyond ASCII as '?'.
export LC_ALL=C.UTF-8
unset LANGUAGE
# Settings live in memory only; each build's tests read the schema compiled
# in its build tree (GSETTINGS_SCHEMA_DIR, set below and by meson).
export GSETTINGS_BACKEND=memory
# Sanitizer reports must fail the test, not scroll past.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$CURATOR_ROOT/build-aux/lsan.supp:print_suppressions=0}

logs=()          # testlog.json of every test run
build_failures=()

# run_build NAME DIR MESON_TEST_ARGS... -- MESON_SETUP_OPTIONS...
run_build ()
{
  local name=$1 dir=$2 test_args=() setup_args=()
  shift 2
  while [ $# -gt 0 ] && [ "$1" != -- ]; do test_args+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  setup_args=("$@")

  log "[$name] configure and build in $dir"
  rm -f "$dir/meson-logs/testlog.json"
  if ! configure_build "$dir" "${setup_args[@]}" || ! compile_build "$dir"; then
    build_failures+=("$name: the build failed, its tests did not run")
    log "[$name] BUILD FAILED"
    return 0
  fi

  log "[$name] meson test ${test_args[*]}"
  # Failing tests are counted from the log below; a non-zero exit with no
  # failing test in the log means the run itself broke (Xvfb, D-Bus, meson).
  local status=0
  GSETTINGS_SCHEMA_DIR="$dir/data" \
    headless meson test -C "$dir" --print-errorlogs "${test_args[@]}" || status=$?
  if [ -f "$dir/meson-logs/testlog.json" ]; then
    logs+=("$dir/meson-logs/testlog.json")
  else
    log "[$name] no tests ran"
  fi
  if [ $status -ne 0 ] && ! grep -qE '"result": "(FAIL|ERROR|TIMEOUT|UNEXPECTEDPASS)"' \
                              "$dir/meson-logs/testlog.json" 2>/dev/null; then
    build_failures+=("$name: meson test exited with $status and recorded no failing test")
  fi
}

run_build main "$CURATOR_ROOT/_build-test" \
  -- -Dui=true -Ddevelopment=false
# The translation template must build from po/POTFILES (xgettext fails on a
# listed file that is missing or unreadable).
if [ -f "$CURATOR_ROOT/_build-test/build.ninja" ]; then
  log "[main] translation template"
  meson compile -C "$CURATOR_ROOT/_build-test" curator-pot >/dev/null \
    || build_failures+=("translation template (curator-pot)")
fi

# The whole-corpus runs (suite 'corpus') take about ten times longer under
# ASan; the main build runs them, this one runs every other model/cli test.
run_build sanitizers "$CURATOR_ROOT/_build-asan" \
  --suite model --suite render --suite cli --no-suite corpus --timeout-multiplier 4 \
  -- -Dui=false -Db_sanitize=address,undefined -Db_lundef=false

# Debian's GLib has no frame pointers, so a leak's allocation stack stops at
# g_malloc. The slow unwinder sees through it but makes ASan about 18 times
# slower: rerun only the tests that failed with it, for the report (its log,
# diagnose.json, is not counted).
asan_dir="$CURATOR_ROOT/_build-asan"
mapfile -t asan_failed < <(python3 - "$asan_dir/meson-logs/testlog.json" <<'PY' 2>/dev/null
import json, sys
for line in open(sys.argv[1], encoding='utf-8'):
    test = json.loads(line)
    if test['result'] not in ('OK', 'EXPECTEDFAIL', 'SKIP'):
        print(test['name'].split(' / ', 1)[-1])
PY
)
if [ ${#asan_failed[@]} -gt 0 ]; then
  log "[sanitizers] rerunning ${asan_failed[*]} with full stacks (not counted)"
  ASAN_OPTIONS="$ASAN_OPTIONS:fast_unwind_on_malloc=0" \
  LSAN_OPTIONS="$LSAN_OPTIONS:fast_unwind_on_malloc=0" \
    headless meson test -C "$asan_dir" --no-rebuild --logbase diagnose \
      --timeout-multiplier 40 --print-errorlogs "${asan_failed[@]}" || true
fi

if command -v clang >/dev/null; then
  CC=clang run_build fuzz "$CURATOR_ROOT/_build-fuzz" \
    --suite fuzz --timeout-multiplier 4 \
    -- -Dui=false -Dfuzzing=true -Db_lundef=false
else
  build_failures+=("fuzz: clang is not installed (build-aux/debian-packages.txt), so the fuzz suite did not run")
fi

# Every subtest counted, skips listed with their reasons, each build that
# failed counted as a failure; the last line is "N passed, N failed, N skipped".
summary_args=()
for failure in "${build_failures[@]}"; do
  summary_args+=(--failed "$failure")
done
exec python3 "$CURATOR_ROOT/build-aux/test-summary.py" "${summary_args[@]}" "${logs[@]}"
