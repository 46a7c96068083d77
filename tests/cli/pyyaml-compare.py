#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Independent check of curator edits with PyYAML (Debian's python3-yaml).

Reads a manifest of JSON lines {source, original, edited, keys, value}:
loads the front matter of the original and of the edited file with PyYAML,
sets keys to value in the original's data and requires it to equal the
edited file's data. An original that PyYAML itself cannot load (YAML 1.1
differences, constructs PyYAML refuses) is skipped and counted.
"""
import json
import re
import sys

import yaml

try:
    Loader = yaml.CSafeLoader
except AttributeError:
    Loader = yaml.SafeLoader

LINE = re.compile(r'[^\r\n]*(?:\r\n|\r|\n|$)')


def front_matter(path):
    with open(path, 'rb') as f:
        text = f.read().decode('utf-8')
    if text.startswith('\ufeff'):
        text = text[1:]
    lines = [m.group(0) for m in LINE.finditer(text) if m.group(0)]
    if not lines or lines[0].rstrip('\r\n').rstrip(' \t') != '---':
        raise ValueError('no front matter')
    for i in range(1, len(lines)):
        if lines[i].rstrip('\r\n').rstrip(' \t') in ('---', '...'):
            return ''.join(lines[1:i])
    raise ValueError('unterminated front matter')


def main():
    cases = skipped = 0
    failures = []
    with open(sys.argv[1], encoding='utf-8') as manifest:
        for line in manifest:
            case = json.loads(line)
            try:
                expected = yaml.load(front_matter(case['original']), Loader=Loader)
            except Exception as e:  # PyYAML refuses what the model accepts
                skipped += 1
                continue
            cases += 1
            try:
                edited = yaml.load(front_matter(case['edited']), Loader=Loader)
            except Exception as e:
                failures.append('%s %s: edited file does not load: %s'
                                % (case['source'], case['keys'], e))
                continue
            try:
                node = expected
                for key in case['keys'][:-1]:
                    node = node[key]
                node[case['keys'][-1]]
            except (KeyError, IndexError, TypeError):
                # PyYAML types the key differently (on, 2020, ...): the
                # path does not name the same node there.
                skipped += 1
                cases -= 1
                continue
            node[case['keys'][-1]] = case['value']
            if expected != edited:
                failures.append('%s %s = %r: data differs'
                                % (case['source'], case['keys'], case['value']))
    print('%d cases agree with PyYAML %s, %d skipped (PyYAML cannot load the original or types a key differently), %d failures'
          % (cases - len(failures), yaml.__version__, skipped, len(failures)))
    for failure in failures[:50]:
        print(failure)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
