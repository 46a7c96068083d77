#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Web layer benchmark, one command: bench/web-bench.sh [READABILITY] [RUNS]
#
# Builds a release build in build-bench/ (no GTK), then prints (see
# bench/web-bench.py for how each figure is taken):
#  - `curator-cli page` time per page over the fixtures in tests/web/pages,
#    and over READABILITY/test/test-pages/*/source.html when READABILITY is
#    a checkout of mozilla/readability (never copied into this tree);
#  - with READABILITY, the accuracy of title, author, published, site and
#    description against the pages' expected-metadata.json;
#  - the same figures for defuddle and metascraper (Node), on the same
#    pages in the same run, when node and npm work: they are installed once
#    into $CURATOR_BENCH_NODE (default ~/.cache/curator-bench/node), outside
#    the repository (the first run takes minutes: metascraper builds re2).
# RUNS: runs of curator-cli per page (default 5); the median is kept.
set -eu

repo=$(cd "$(dirname "$0")/.." && pwd)
readability=${1:-}
runs=${2:-5}
build=$repo/build-bench
node_dir=${CURATOR_BENCH_NODE:-${XDG_CACHE_HOME:-$HOME/.cache}/curator-bench/node}

if [ -n "$readability" ] && [ ! -d "$readability/test/test-pages" ]; then
  echo "web-bench: $readability is not a checkout of mozilla/readability" >&2
  exit 2
fi

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" "$repo" --buildtype=release -Dui=false >/dev/null
fi
ninja -C "$build" -j2 src/cli/curator-cli bench/curator-bench-page >/dev/null

peers=
if command -v node >/dev/null && command -v npm >/dev/null; then
  if [ ! -d "$node_dir/node_modules/metascraper-url" ]; then
    echo "web-bench: installing defuddle and metascraper into $node_dir" >&2
    mkdir -p "$node_dir"
    (cd "$node_dir" && npm install --silent --no-audit --no-fund defuddle jsdom metascraper \
       metascraper-title metascraper-author metascraper-date metascraper-description \
       metascraper-publisher metascraper-image metascraper-url >/dev/null) ||
      echo "web-bench: npm install failed: no peers" >&2
  fi
  [ -d "$node_dir/node_modules/metascraper-url" ] && peers=$node_dir
fi

set -- "$build/src/cli/curator-cli" "$build/bench/curator-bench-page" "$repo/tests/web/pages" --runs "$runs"
[ -n "$readability" ] && set -- "$@" --readability "$readability"
[ -n "$peers" ] && set -- "$@" --peers "$peers"
uptime
exec python3 "$repo/bench/web-bench.py" "$@"
