#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Make the vendored corpus sample (tests/corpus/) from the shared corpus.

    tests/corpus/make-sample.py [SHARED_CORPUS]     (default: ../shared/corpus)

The selection is deterministic: the same shared corpus gives the same
sample. It keeps the shared corpus's layout (medigy/, hugodocs/, edge/,
yaml-test-suite/) so that every test runs on either, and it covers every
YAML and body feature the corpus has (see README.md). Prints the counts
that tests/curator-test-corpus.c states for the sample.
"""
import os
import re
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.abspath(sys.argv[1] if len(sys.argv) > 1
                         else os.path.join(HERE, '..', '..', '..', 'shared', 'corpus'))

# Whole folders of siblings (a new file is inferred from its siblings):
# (folder, how many files, first by name).
SIBLINGS = {
    'medigy': [
        ('communities-of-practice/chronic-care-management/content-auto/curated-content', 40),
        ('communities-of-practice/chronic-care-management/content-auto/curated-news', 12),
        ('events/openproject-events/content-auto/past', 10),
        ('offerings/curated-offerings/content-auto', 8),
    ],
    'hugodocs': [
        ('en/functions/strings', 31),
        ('en/methods/menu-entry', 16),
    ],
}

# Files the tests name.
NAMED = {
    'medigy': [
        'communities-of-practice/chronic-care-management/content-auto/curated-content/bba8b954-ca7f-5568-9975-c2ecc10bcdc8.md',
        'profiles/institutional-profiles/healthcare-delivery-organizations/content-auto/profile/regulated/institution/us-dhhs-cms/hospital/alabama-choctaw-general-hospital-11304.md',
        'profiles/institutional-profiles/healthcare-delivery-organizations/content-auto/profile/regulated/institution/us-dhhs-cms/hospital/alabama-bibb-medical-center-10058.md',
        'profiles/institutional-profiles/healthcare-delivery-organizations/content/profile/regulated/institution/us-dhhs-cms/hospital/_index.md',
    ],
    'hugodocs': [],
}

# And every Nth file of the site, for a spread over all of it.
SPREAD = {'medigy': 53, 'hugodocs': 29}

BLOCK = re.compile(r':[ \t]*[|>][-+0-9]*[ \t]*(#.*)?$', re.M)
FEATURES = [
    # (name, how many, test on (front matter, body, whole text))
    ('toml-front-matter', 3, lambda fm, body, text: text.startswith('+++')),
    ('folded-or-literal-block', 5, lambda fm, body, text: BLOCK.search(fm)),
    ('anchor-alias', 7, lambda fm, body, text: re.search(r'&id\d+', fm)),
    ('comment', 5, lambda fm, body, text: re.search(r'^[ \t]*#', fm, re.M)),
    ('flow-map', 3, lambda fm, body, text: re.search(r':[ \t]*\{.+\}[ \t]*$', fm, re.M)),
    ('flow-list', 5, lambda fm, body, text: re.search(r':[ \t]*\[.+\][ \t]*$', fm, re.M)),
    ('json-in-a-string', 5, lambda fm, body, text: re.search(r""":[ \t]*'[\[{]""", fm, re.M)),
    ('multi-line-plain', 5, lambda fm, body, text: re.search(r'^[ \t]+[^-#\s][^:\n]*$', fm, re.M)),
    ('indented-sequence', 3, lambda fm, body, text: re.search(r'^[ \t]+- ', fm, re.M)),
    ('markdown-body', 6, lambda fm, body, text: re.search(r'^(#{1,6} |```|\* |\d+\. )', body, re.M)),
    ('shortcode', 6, lambda fm, body, text: re.search(r'\{\{[<%]', body)),
    ('table', 3, lambda fm, body, text: re.search(r'^\|.*\|[ \t]*$', body, re.M)),
    ('alert', 3, lambda fm, body, text: re.search(r'^> \[!', body, re.M)),
    ('html-body', 5, lambda fm, body, text: re.search(r'<(p|div|h[1-6])[ >]', body)),
    ('no-final-newline', 3, lambda fm, body, text: not text.endswith('\n')),
    ('non-ascii', 3, lambda fm, body, text: re.search(r'[^\x00-\x7f]', fm)),
    ('empty-value', 3, lambda fm, body, text: re.search(r":[ \t]*(''|\"\")?[ \t]*$", fm, re.M)),
]


def content_files(site):
    root = os.path.join(SOURCE, site)
    found = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith('.'))
        for name in sorted(names):
            if name.endswith('.md'):
                found.append(os.path.relpath(os.path.join(folder, name), root))
    return found


def split(text):
    if text.startswith('---'):
        end = text.find('\n---', 3)
        if end >= 0:
            return text[:end], text[end + 4:]
    if text.startswith('+++'):
        end = text.find('\n+++', 3)
        if end >= 0:
            return text[:end], text[end + 4:]
    return '', text


def pick(site):
    files = content_files(site)
    chosen = []
    for name in NAMED[site]:
        chosen.append(name)
    for folder, count in SIBLINGS[site]:
        chosen += [f for f in files if os.path.dirname(f) == folder][:count]
    # Features: the smallest files that have each, by name among equals.
    by_size = sorted(files, key=lambda f: (os.path.getsize(os.path.join(SOURCE, site, f)), f))
    texts = {}
    for name, count, test in FEATURES:
        have = [f for f in chosen if test(*texts.setdefault(f, read(site, f)))]
        for f in by_size:
            if len(have) >= count:
                break
            if f not in chosen and test(*texts.setdefault(f, read(site, f))):
                chosen.append(f)
                have.append(f)
    # A spread over the whole site.
    chosen += files[::SPREAD[site]]
    return sorted(set(chosen))


def read(site, name):
    with open(os.path.join(SOURCE, site, name), 'rb') as f:
        text = f.read().decode('utf-8', 'replace')
    fm, body = split(text)
    return fm, body, text


def copy(relative):
    source = os.path.join(SOURCE, relative)
    target = os.path.join(HERE, relative)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    shutil.copyfile(source, target)


def main():
    if not os.path.isdir(SOURCE):
        sys.exit(f'no shared corpus at {SOURCE}')
    for site in ('medigy', 'hugodocs', 'edge', 'yaml-test-suite'):
        shutil.rmtree(os.path.join(HERE, site), ignore_errors=True)

    counts = {}
    for site in ('medigy', 'hugodocs'):
        chosen = pick(site)
        for name in chosen:
            copy(os.path.join(site, name))
        counts[site] = chosen
    for site in ('edge', 'yaml-test-suite'):
        for folder, dirs, names in os.walk(os.path.join(SOURCE, site)):
            for name in names:
                copy(os.path.relpath(os.path.join(folder, name), SOURCE))

    toml = sum(1 for f in counts['medigy'] if read('medigy', f)[2].startswith('+++'))
    size = sum(os.path.getsize(os.path.join(folder, n))
               for site in ('medigy', 'hugodocs', 'edge', 'yaml-test-suite')
               for folder, _, names in os.walk(os.path.join(HERE, site)) for n in names)
    print(f'medigy: {len(counts["medigy"])} files, {len(counts["medigy"]) - toml} YAML, {toml} TOML')
    print(f'hugodocs: {len(counts["hugodocs"])} files')
    print(f'{size} bytes in all')


if __name__ == '__main__':
    main()
