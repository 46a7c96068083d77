#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# msgfmt --check every translation in po/ (none yet is a pass: nothing to
# check); a broken .po would otherwise only fail at install time.
#   check-po.sh SOURCE_ROOT
set -eu

checked=0
failed=0
for po in "$1"/po/*.po; do
  [ -e "$po" ] || continue
  checked=$((checked + 1))
  if msgfmt --check --statistics --output-file=/dev/null "$po"; then
    echo "ok: $po"
  else
    echo "INVALID: $po" >&2
    failed=1
  fi
done
echo "$checked translation(s) checked"
exit $failed
