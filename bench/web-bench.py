#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The web layer's figures, for bench/web-bench.sh (which builds and calls
this): time per page of `curator-cli page`, and the accuracy of its facts
on real article pages with ground truth, beside its peers run on the same
pages in the same run.

    web-bench.py CLI FIXTURES_DIR [--readability DIR] [--peers NODE_DIR]
                 [--runs N]

Time, per page, the median of N runs, averaged over the pages:
  - a whole `curator-cli page FILE` process (start, read, charset, parse,
    facts, JSON out): wall time, and CPU time (user + sys), which a loaded
    machine disturbs less;
  - the same work in one process (bench/curator-bench-page): CPU time;
  - a whole import in one process, the page in memory and the folder's
    template inferred beforehand: facts, the sanitized main content and
    the new document for Medigy's curated content: CPU time (what a drop
    costs the window before the form shows, the server's answer excluded);
  - the peers in process (Node's start and module loads excluded), on the
    page already in memory: wall and CPU time.

Accuracy, against mozilla/readability's test/test-pages/*/expected-metadata.json
(the pages with a non-empty expected value count, for each fact):
  title:       the same text once white space, quotes, dashes and case
               are normalized, or the expected title without a site name
               after (or before) a separator (" | eHow"): the issue asks
               for that name removed;
  site:        the same normalized text;
  author:      the same, or one holds the other ("By " dropped);
  published:   the same instant to the minute when both have a time, else
               the same day;
  description: the same, or one starts with the other (excerpts end in
               "…") over at least 40 characters.
"""

import argparse
import datetime
import glob
import json
import os
import re
import statistics
import subprocess
import sys
import time
import unicodedata

# A whole import: into Medigy's curated content (the vendored sample).
IMPORT_FOLDER = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tests', 'corpus', 'medigy',
                             'communities-of-practice', 'chronic-care-management', 'content-auto', 'curated-content')

FACTS = [('title', 'title'), ('author', 'byline'), ('published', 'publishedTime'),
         ('site', 'siteName'), ('description', 'excerpt')]


def normalize(text):
    text = unicodedata.normalize('NFKC', text or '')
    for a, b in (('’', "'"), ('‘', "'"), ('“', '"'), ('”', '"'), ('–', '-'), ('—', '-'), ('\u00a0', ' ')):
        text = text.replace(a, b)
    text = re.sub(r'\s+', ' ', text).strip().casefold()
    text = re.sub(r'(…|\.\.\.)$', '', text).strip()
    return text


def parse_date(text):
    text = (text or '').strip()
    if not text:
        return None
    text = text.replace('Z', '+00:00')
    try:
        value = datetime.datetime.fromisoformat(text)
        return value, len(text) > 10
    except ValueError:
        pass
    for layout in ('%a, %d %b %Y %H:%M:%S %z', '%Y-%m-%d'):
        try:
            value = datetime.datetime.strptime(text, layout)
            return value, layout != '%Y-%m-%d'
        except ValueError:
            pass
    return None


def matches(fact, ours, expected):
    if not ours:
        return False
    if fact == 'published':
        a, b = parse_date(ours), parse_date(expected)
        if a is None or b is None:
            return False
        (x, x_time), (y, y_time) = a, b
        if x_time and y_time and x.tzinfo and y.tzinfo:
            return abs((x - y).total_seconds()) < 60
        return x.date() == y.date()
    a, b = normalize(ours), normalize(expected)
    if fact == 'author':
        a, b = re.sub(r'^by ', '', a), re.sub(r'^by ', '', b)
        return a == b or (min(len(a), len(b)) >= 3 and (a in b or b in a))
    if fact == 'description':
        return a == b or (min(len(a), len(b)) >= 40 and (a.startswith(b) or b.startswith(a)))
    if fact == 'title' and a != b and a:
        separators = (' | ', ' - ', ' · ', ' :: ', ' » ', ' / ', ' • ', ' ~ ', '｜', ' ')
        if b.startswith(a) and b[len(a):].lstrip().startswith(tuple(s.strip() for s in separators if s.strip())):
            return True
        if b.endswith(a) and b[:-len(a)].rstrip().endswith(tuple(s.strip() for s in separators if s.strip())):
            return True
    return a == b


def curator_page(cli, path, runs):
    """Median wall and CPU (user + sys) ms of whole `curator-cli page`
    processes, and the facts."""
    walls, cpus = [], []
    output = b''
    for _ in range(runs):
        start = time.perf_counter()
        process = subprocess.Popen([cli, 'page', path], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        output = process.stdout.read()
        _, _, usage = os.wait4(process.pid, 0)
        walls.append((time.perf_counter() - start) * 1000)
        cpus.append((usage.ru_utime + usage.ru_stime) * 1000)
    facts = json.loads(output) if output else {}
    return statistics.median(walls), statistics.median(cpus), facts


def in_process(bench, pages, runs, folder=None):
    """CPU ms per page of the same work in one process (curator-bench-page);
    with @folder, of a whole import into it (facts, body, new document)."""
    extra = ['--folder', folder] if folder else []
    result = subprocess.run([bench] + extra + [str(runs)] + pages, capture_output=True, text=True, check=True)
    return {line.split(' ', 1)[1]: float(line.split(' ', 1)[0]) for line in result.stdout.splitlines()}


def score(results, expected):
    """results: page -> facts; expected: page -> metadata. Prints per fact."""
    line = []
    for fact, key in FACTS:
        pages = [p for p in expected if expected[p].get(key)]
        good = sum(1 for p in pages if matches(fact, (results.get(p) or {}).get(fact), expected[p][key]))
        line.append((fact, good, len(pages)))
    return line


def print_scores(name, line):
    cells = ['%s %5.1f%% (%d/%d)' % (fact, 100.0 * good / total if total else 0, good, total)
             for fact, good, total in line]
    print('  %-12s %s' % (name, '  '.join(cells)))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('cli')
    parser.add_argument('bench')
    parser.add_argument('fixtures')
    parser.add_argument('--readability')
    parser.add_argument('--peers')
    parser.add_argument('--runs', type=int, default=5)
    args = parser.parse_args()

    fixtures = sorted(glob.glob(os.path.join(args.fixtures, '*.html')))
    sets = [('fixtures (tests/web/pages)', fixtures)]
    expected = {}
    if args.readability:
        pages = sorted(glob.glob(os.path.join(args.readability, 'test', 'test-pages', '*', 'source.html')))
        for page in pages:
            with open(os.path.join(os.path.dirname(page), 'expected-metadata.json')) as f:
                expected[page] = json.load(f)
        sets.append(('readability test pages', pages))

    peer_results = {}
    if args.peers:
        all_pages = [p for _, pages in sets for p in pages]
        node = subprocess.run(['node', os.path.join(os.path.dirname(__file__), 'web-peers.mjs'), args.peers] + all_pages,
                              capture_output=True, text=True)
        if node.returncode != 0:
            print('peers: node failed: %s' % node.stderr.strip()[-500:], file=sys.stderr)
        for line in node.stdout.splitlines():
            try:
                row = json.loads(line)
            except ValueError:
                continue
            peer_results.setdefault(row['tool'], {})[row['page']] = row

    print('time per page: mean over the pages of the median of %d runs each, in ms' % args.runs)
    ours = {}
    for name, pages in sets:
        if not pages:
            continue
        walls, cpus = [], []
        size = sum(os.path.getsize(page) for page in pages)
        for page in pages:
            wall, cpu, facts = curator_page(args.cli, page, args.runs)
            walls.append(wall)
            cpus.append(cpu)
            ours[page] = facts
        inside = in_process(args.bench, pages, args.runs)
        inside_times = [inside[p] for p in pages]
        print('  %s: %d pages, %.0f KB on average' % (name, len(pages), size / len(pages) / 1024))
        print('    curator-cli page, whole process: wall %6.2f (median %.2f), CPU %6.2f (median %.2f)'
              % (statistics.mean(walls), statistics.median(walls), statistics.mean(cpus), statistics.median(cpus)))
        print('    curator, in process (CPU):              %6.2f (median %.2f, max %.2f)'
              % (statistics.mean(inside_times), statistics.median(inside_times), max(inside_times)))
        imports = in_process(args.bench, pages, args.runs, IMPORT_FOLDER)
        import_times = [imports[p] for p in pages]
        print('    curator, a whole import in process (CPU): %6.2f (median %.2f, max %.2f)'
              % (statistics.mean(import_times), statistics.median(import_times), max(import_times)))
        for tool, rows in sorted(peer_results.items()):
            peer_walls = [rows[p]['ms'] for p in pages if p in rows]
            peer_cpus = [rows[p]['cpu_ms'] for p in pages if p in rows]
            if peer_walls:
                print('    %-11s in process: wall %6.2f (median %.2f), CPU %6.2f: %.0f x curator in process, '
                      '%.1f x a whole curator-cli process (CPU)'
                      % (tool, statistics.mean(peer_walls), statistics.median(peer_walls), statistics.mean(peer_cpus),
                         statistics.mean(peer_cpus) / statistics.mean(inside_times),
                         statistics.mean(peer_cpus) / statistics.mean(cpus)))

    if expected:
        print('facts accuracy on %d readability test pages (pages with the fact expected)' % len(expected))
        print_scores('curator', score(ours, expected))
        for tool, rows in sorted(peer_results.items()):
            print_scores(tool, score(rows, expected))


if __name__ == '__main__':
    main()
