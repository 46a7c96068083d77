#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Validate every data/ui/*.ui with gtk4-builder-tool, found when the test runs
# so that new files are covered without editing the build.
#   validate-ui.sh SOURCE_ROOT PRELOAD_MODULE
# Needs a display: build-aux/run-tests.sh runs the suite under Xvfb.
set -eu

source_root=$1
preload=$2

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "no display: run the tests under xvfb-run (build-aux/run-tests.sh does)" >&2
  exit 77
fi

set -- "$source_root"/data/ui/*.ui
if [ ! -e "$1" ]; then
  echo "no .ui files under $source_root/data/ui" >&2
  exit 77
fi

failed=0
for ui in "$@"; do
  # The template's class and parent and every object class in the file: the
  # preload module registers them so the tool resolves them by name, and a
  # template of one of our classes is built by the real class. Criticals
  # (such as a template the real class cannot build) fail the file.
  types=$(grep -oE '<(template|object) [^>]*>' "$ui" \
            | grep -oE '(class|parent)="[^"]*"' | cut -d '"' -f 2 | sort -u | tr '\n' ' ')
  if CURATOR_UI_VALIDATE_TYPES="$types" LD_PRELOAD="$preload" G_DEBUG=fatal-criticals \
       gtk4-builder-tool validate "$ui"; then
    echo "ok: $ui"
  else
    echo "INVALID: $ui" >&2
    failed=1
  fi
done
exit $failed
