#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Count the results of meson test runs:
    build-aux/test-summary.py [--failed WHAT]... TESTLOG.json...

Counts every TAP subtest (a program that is not TAP counts as one test) and
ends with one line, "N passed, N failed, N skipped". Before it: every
failure with the last lines of its output, and every skip with its reason.

A skip that says "missing REQUIREMENT: why" (tests/curator-test-utils.h,
and the same words in the Python tests) is a failure, because
build-aux/run-tests.sh installs every requirement but one: the shared
corpus beside the source tree, which a clone does not have. --failed WHAT
counts something else that failed (a build). Exit status 1 when anything
failed.
"""
import json
import re
import sys

# What a clone may lack and run-tests.sh cannot install.
MAY_BE_MISSING = {'shared-corpus'}

TAP_LINE = re.compile(r'^(not ok|ok)\b\s*(\d+)?\s*-?\s*([^#]*?)\s*(?:#\s*(SKIP|TODO)\b\s*(.*))?$',
                      re.IGNORECASE)
TAP_SKIP_ALL = re.compile(r'^1\.\.0\s*#\s*SKIP\b\s*(.*)$', re.IGNORECASE)
MISSING = re.compile(r'^missing ([\w.+-]+):')

PASSING = ('OK', 'EXPECTEDFAIL')


def subtests(test):
    """(result, name, reason) for each subtest of a TAP program, else None."""
    found = []
    for line in (test.get('stdout') or '').splitlines():
        skip_all = TAP_SKIP_ALL.match(line)
        if skip_all:
            found.append(('SKIP', test['name'], skip_all.group(1)))
            continue
        match = TAP_LINE.match(line)
        if not match:
            continue
        status, _, name, directive, reason = match.groups()
        name = f"{test['name']} {name}".rstrip()
        if directive and directive.upper() == 'SKIP':
            found.append(('SKIP', name, reason or ''))
        elif directive and directive.upper() == 'TODO':
            found.append(('PASS' if status == 'not ok' else 'FAIL', name, 'TODO passed'))
        else:
            found.append(('PASS' if status == 'ok' else 'FAIL', name, ''))
    return found or None


def main(arguments):
    passed = failed = skipped = 0
    failures = []   # (name, why, output)
    skips = []      # (name, reason)
    paths = []

    while arguments:
        argument = arguments.pop(0)
        if argument == '--failed':
            failures.append((arguments.pop(0), 'failed', ''))
        else:
            paths.append(argument)

    for path in paths:
        with open(path, encoding='utf-8') as log:
            tests = [json.loads(line) for line in log if line.strip()]
        for test in tests:
            result = test['result']
            output = test.get('stdout') or ''
            parts = subtests(test)
            if parts is None:
                if result in PASSING:
                    passed += 1
                elif result == 'SKIP':
                    skips.append((test['name'], 'exit status 77 (no reason given)'))
                else:
                    failures.append((test['name'], result, output))
                continue

            for status, name, reason in parts:
                if status == 'PASS':
                    passed += 1
                elif status == 'FAIL':
                    failures.append((name, 'not ok', output))
                else:
                    missing = MISSING.match(reason)
                    if missing and missing.group(1) not in MAY_BE_MISSING:
                        failures.append((name, f'skipped, but run-tests.sh installs what it lacks: {reason}', ''))
                    else:
                        skips.append((name, reason))
            # A crash, a time-out or a bad plan after the last "ok".
            if result not in PASSING + ('SKIP',) and not any(s == 'FAIL' for s, _, _ in parts):
                failures.append((test['name'], result, output))

    failed = len(failures)
    skipped = len(skips)
    out = sys.stderr
    by_reason = {}
    for name, reason in skips:
        by_reason.setdefault(reason, []).append(name)
    for reason, names in by_reason.items():
        print(f'Skipped ({len(names)}): {reason}', file=out)
        for name in names:
            print(f'  SKIP {name}', file=out)
    # Each failure again at the end with its last lines of output (an
    # assertion or a crash ends there), so that a log cut short still says why.
    for name, why, output in failures:
        print(f'  FAILED {name}: {why}', file=out)
        for line in output.splitlines()[-12:]:
            print(f'    {line[:300]}', file=out)
    out.flush()
    print(f'{passed} passed, {failed} failed, {skipped} skipped')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
