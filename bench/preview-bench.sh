#!/bin/sh
# The body editor -> preview latency and the start time, headless:
#   bench/preview-bench.sh [BUILDDIR]
# keystroke -> preview painted (200 edits): on the sample item's HTML body
# (as an .html file) and on a 200 KB HTML body; on Markdown bodies, which
# the preview renders as Hugo does (src/render): the sample item as the
# .md file it is (HTML in Markdown, as Medigy's), the largest Markdown page
# of the Hugo docs (../shared/corpus/hugodocs) and a 200 KB body made of
# Hugo docs pages. Then start -> window with the preview painted, with
# GNOME Text Editor showing the same file for comparison when it is
# installed. The GSK renderer is the same for everything in a run
# (GSK_RENDERER, cairo unless set).
set -e
srcdir=$(cd "$(dirname "$0")/.." && pwd)
builddir=${1:-$srcdir/build}
sample=$srcdir/data/sample/curated-item.md
hugodocs=$srcdir/../shared/corpus/hugodocs

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -m 700 "$tmp/runtime"
cp "$sample" "$tmp/curated-item.md"
cp "$sample" "$tmp/curated-item.html"

# The body of a content file: after the front matter's closing line.
body_of ()
{
  awk 'NR == 1 && $0 == "---" { front = 1; next } front && $0 == "---" { front = 0; next } !front' "$1"
}

markdown=
if [ -d "$hugodocs" ]; then
  largest=$(find "$hugodocs" -name '*.md' -printf '%s %p\n' | sort -rn | head -n 1 | cut -d' ' -f2-)
  cp "$largest" "$tmp/largest-$(basename "$largest")"
  {
    printf -- '---\ntitle: Hugo docs pages, 200 KB\n---\n'
    find "$hugodocs" -name '*.md' | sort | while read -r page; do
      body_of "$page"
      printf '\n'
    done
  } | head -c 204800 > "$tmp/hugodocs-200k.md"
  markdown="'$builddir/bench/preview-bench' keystroke '$tmp/largest-$(basename "$largest")' 2>/dev/null
    '$builddir/bench/preview-bench' keystroke '$tmp/hugodocs-200k.md' 2>/dev/null"
else
  echo "No shared corpus at $hugodocs: the Markdown pages are left out" >&2
fi

other=
if command -v gnome-text-editor >/dev/null 2>&1; then
  other="-- gnome-text-editor --standalone"
fi

# Hermetic: nothing written to the home directory.
env XDG_RUNTIME_DIR="$tmp/runtime" XDG_CACHE_HOME="$tmp/cache" XDG_CONFIG_HOME="$tmp/config" \
    XDG_DATA_HOME="$tmp/data" TMPDIR="$tmp" GSETTINGS_BACKEND=memory \
    GSK_RENDERER=${GSK_RENDERER:-cairo} \
  xvfb-run -a -s '-screen 0 1280x800x24' dbus-run-session -- sh -c "
    echo \"GSK_RENDERER=\$GSK_RENDERER\"
    '$builddir/bench/preview-bench' keystroke '$tmp/curated-item.html' 2>/dev/null
    '$builddir/bench/preview-bench' keystroke '$tmp/curated-item.html' 200 2>/dev/null
    '$builddir/bench/preview-bench' keystroke '$tmp/curated-item.md' 2>/dev/null
    $markdown
    '$builddir/bench/preview-bench' start '$tmp/curated-item.md' 7 $other 2>/dev/null
  "
