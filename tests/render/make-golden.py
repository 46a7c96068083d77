#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Renders the bodies that tests/render/golden.txt lists with Hugo and
writes what Hugo published into tests/render/golden/, the fixtures that
test-markdown compares Curator's rendering with.

Run by hand, from anywhere, when the list or the renderer's target
changes; the test itself never runs Hugo. It needs Debian 12's hugo
(0.111.3, built with goldmark 1.5.4): apt-get install hugo.

Each body goes into a page of a site that publishes only its content
({{ .Content }}), once with raw HTML allowed (markup.goldmark.renderer.
unsafe, entries marked "raw") and once without ("safe"). Code blocks are
not highlighted (markup.highlight.codeFences = false): the preview does
not highlight them either.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TESTS = os.path.dirname(HERE)
GOLDEN = os.path.join(HERE, 'golden')

CONFIG = '''baseURL = "https://example.org/"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404", "home", "section"]
[markup.goldmark.renderer]
unsafe = {unsafe}
[markup.highlight]
codeFences = false
'''


def read_entries():
    entries = []
    with open(os.path.join(HERE, 'golden.txt'), encoding='utf-8') as listing:
        for line in listing:
            line = line.split('#', 1)[0].strip()
            if not line:
                continue
            source, *variants = line.split()
            entries.append((source, variants))
    return entries


def body_of(text):
    """The body as Curator splits it: after the front matter's closing line."""
    for mark in ('---', '+++'):
        if text.startswith(mark + '\n') or text.startswith(mark + '\r\n'):
            match = re.compile(r'^(?:%s|\.\.\.)[ \t]*(?:\r?\n|\Z)' % re.escape(mark), re.M).search(text, len(mark) + 1)
            if match:
                return text[match.end():]
    return text


def fixture_name(source, variant):
    return source.replace('/', '__') + '.' + variant + '.html'


def render(entries, variant):
    with tempfile.TemporaryDirectory() as site:
        os.makedirs(os.path.join(site, 'content'))
        os.makedirs(os.path.join(site, 'layouts', '_default'))
        with open(os.path.join(site, 'hugo.toml'), 'w') as config:
            config.write(CONFIG.format(unsafe='true' if variant == 'raw' else 'false'))
        with open(os.path.join(site, 'layouts', '_default', 'single.html'), 'w') as layout:
            layout.write('{{ .Content }}')

        pages = {}
        for number, (source, variants) in enumerate(entries):
            if variant not in variants:
                continue
            with open(os.path.join(TESTS, source), encoding='utf-8') as page:
                body = body_of(page.read())
            name = 'page%04d' % number
            with open(os.path.join(site, 'content', name + '.md'), 'w', encoding='utf-8') as content:
                content.write('---\ntitle: %s\n---\n' % name)
                content.write(body)
            pages[name] = source

        subprocess.run(['hugo', '--quiet', '--source', site], check=True)
        for name, source in pages.items():
            published = os.path.join(site, 'public', name, 'index.html')
            fixture = os.path.join(GOLDEN, fixture_name(source, variant))
            # Hugo writes no file for a page with nothing in it.
            if os.path.exists(published):
                shutil.copyfile(published, fixture)
            else:
                open(fixture, 'w').close()


def main():
    version = subprocess.run(['hugo', 'version'], capture_output=True, text=True, check=True).stdout
    if 'v0.111.' not in version:
        sys.exit('make-golden.py: the fixtures are Hugo 0.111\'s (Debian 12); this is ' + version.strip())

    entries = read_entries()
    shutil.rmtree(GOLDEN, ignore_errors=True)
    os.makedirs(GOLDEN)
    for variant in ('raw', 'safe'):
        render(entries, variant)
    print('%d fixtures in %s' % (len(os.listdir(GOLDEN)), GOLDEN))


if __name__ == '__main__':
    main()
