#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every file under src/ and data/ with translatable strings must be listed in
po/POTFILES, and every file listed there must exist: otherwise its strings
silently never reach translators (or the .pot fails to build).

    check-potfiles.py SOURCE_ROOT
"""

import pathlib
import re
import sys

# _("..."), N_("..."), C_("ctx", "..."), NC_(...), ngettext (...), and
# translatable="yes" in GtkBuilder files.
MARKERS = re.compile(
    r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|g_dngettext|ngettext)\s*\(\s*"'
    r'|translatable\s*=\s*["\']yes["\']'
)
SOURCE_SUFFIXES = {'.c', '.h', '.ui', '.blp'}
# Files whose strings are translatable by their format.
TRANSLATABLE_BY_FORMAT = ('.desktop.in', '.metainfo.xml.in', '.gschema.xml')
SCANNED_DIRS = ('src', 'data')


def needs_translation(path):
    if path.name.endswith(TRANSLATABLE_BY_FORMAT):
        return True
    if path.suffix not in SOURCE_SUFFIXES:
        return False
    text = path.read_text(encoding='utf-8', errors='replace')
    return MARKERS.search(text) is not None


def main():
    root = pathlib.Path(sys.argv[1]).resolve()
    potfiles = root / 'po' / 'POTFILES'
    listed = set()
    problems = []

    for number, line in enumerate(potfiles.read_text(encoding='utf-8').splitlines(), 1):
        entry = line.strip()
        if not entry or entry.startswith('#'):
            continue
        listed.add(entry)
        if not (root / entry).is_file():
            problems.append(f'po/POTFILES:{number}: {entry} does not exist')

    for top in SCANNED_DIRS:
        for path in sorted((root / top).rglob('*')):
            if not path.is_file():
                continue
            relative = path.relative_to(root).as_posix()
            if needs_translation(path) and relative not in listed:
                problems.append(f'{relative}: has translatable strings but is not listed in po/POTFILES')

    for problem in problems:
        print(problem, file=sys.stderr)
    print(f'{len(listed)} files listed in po/POTFILES, {len(problems)} problem(s)')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
