#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The library's figures, one command, headless:
#   bench/library-bench.sh [BUILDDIR] [RUNS]
# On the shared corpus (../shared/corpus, about 5,000 files; else the
# sample in tests/corpus), and on trees of 12,000 and 50,000 files made
# of copies of its Medigy and Hugo docs folders:
#  - folder open → first rows painted, and → every file listed;
#  - every file listed by the folder model on 2 threads (wall and CPU);
#  - keystroke in the search entry → list painted, on 12,000 files, keys
#    typed 100 ms apart (and, beside it, each key as soon as the last is
#    painted, which also waits for the frame clock's next frame);
#  - in the window, Alt+Down / Alt+Up between the sample item and the
#    200 KB hospital profile → form and preview painted; and between the
#    sample item and another curated item of the same fields (the form
#    keeps its rows);
#  - the app's memory (PSS, web processes included) with 50,000 files in
#    the library, against the same window with one file open.
# Wall times count the other jobs of a busy machine too: the load average
# is printed, and CPU times beside them.
set -eu

srcdir=$(cd "$(dirname "$0")/.." && pwd)
builddir=${1:-$srcdir/_build}
runs=${2:-7}
corpus=${CURATOR_CORPUS_DIR:-$srcdir/../shared/corpus}
[ -d "$corpus/medigy" ] || corpus=$srcdir/tests/corpus
bench=$builddir/bench/library-bench

if [ ! -x "$bench" ]; then
  echo "library-bench: build $bench first (meson compile -C $builddir)" >&2
  exit 2
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -m 700 "$tmp/runtime"

# make_tree DEST N: N content files, copies of the corpus's Medigy and
# Hugo docs folders side by side (hard links when the file system allows).
make_tree () {
  dest=$1 want=$2 copy=0
  mkdir -p "$dest"
  while [ "$(find "$dest" -name '*.md' -o -name '*.html' -o -name '*.markdown' | wc -l)" -lt "$want" ]; do
    copy=$((copy + 1))
    mkdir "$dest/copy-$copy"
    for part in medigy hugodocs; do
      cp -al "$corpus/$part" "$dest/copy-$copy/$part" 2>/dev/null || cp -r "$corpus/$part" "$dest/copy-$copy/$part"
    done
  done
  extra=$(( $(find "$dest" -name '*.md' -o -name '*.html' -o -name '*.markdown' | wc -l) - want ))
  if [ "$extra" -gt 0 ]; then
    find "$dest/copy-$copy" -name '*.md' | sort | tail -n "$extra" | xargs rm -f
  fi
}

make_tree "$tmp/tree-12000" 12000
make_tree "$tmp/tree-50000" 50000
mkdir "$tmp/next"
cp "$srcdir/tests/ui/data/curated-content.md" "$tmp/next/a-sample.md"
cp "$srcdir/tests/ui/data/hospital-profile.md" "$tmp/next/b-profile.md"
mkdir "$tmp/same"
cp "$srcdir/tests/ui/data/curated-content.md" "$tmp/same/a-sample.md"
cp "$srcdir/tests/corpus/medigy/communities-of-practice/chronic-care-management/content-auto/curated-content/0057b12c-2c7f-564c-b205-0a6e4b1fe2b8.md" \
   "$tmp/same/b-sibling.md"

# Hermetic: nothing written to the home directory.
run () {
  env XDG_RUNTIME_DIR="$tmp/runtime" XDG_CACHE_HOME="$tmp/cache" XDG_CONFIG_HOME="$tmp/config" \
      XDG_DATA_HOME="$tmp/data" TMPDIR="$tmp" GSETTINGS_BACKEND=memory \
      GSK_RENDERER=${GSK_RENDERER:-cairo} \
    xvfb-run -a -s '-screen 0 1920x1080x24' dbus-run-session -- \
    "$bench" --runs "$runs" "$@" 2>/dev/null
}
value () { printf '%s\n' "$1" | awk -v k="$2" '$1 == k { print $2 }'; }

corpus_open=$(run open "$corpus")
open_12000=$(run open "$tmp/tree-12000")
index_12000=$(run --threads 2 index "$tmp/tree-12000")
index_50000=$(run --threads 2 index "$tmp/tree-50000")
search_12000=$(run search "$tmp/tree-12000")
search_burst=$(run --pace 0 search "$tmp/tree-12000")
next=$(run next "$tmp/next" a-sample.md b-profile.md)
same=$(run next "$tmp/same" a-sample.md b-sibling.md)
cp "$tmp/next/a-sample.md" "$tmp/tree-50000/a-sample.md"
memory_file=$(run memory "$tmp/tree-50000/a-sample.md")
memory_50000=$(run memory "$tmp/tree-50000/a-sample.md" "$tmp/tree-50000")

echo "load average      $(cut -d' ' -f1-3 /proc/loadavg)  (idle cores give the fair figures)"
echo "processors        $(nproc)"
echo "-- folder open, in the library (index on one thread per processor)"
echo "shared corpus     $(value "$corpus_open" files) files"
echo "  first rows painted              $(value "$corpus_open" first_rows_ms) ms ($(value "$corpus_open" first_rows_cpu_ms) ms CPU)  target <= 100"
echo "  every file listed               $(value "$corpus_open" listed_ms) ms ($(value "$corpus_open" listed_cpu_ms) ms CPU)"
echo "12,000 files"
echo "  first rows painted              $(value "$open_12000" first_rows_ms) ms ($(value "$open_12000" first_rows_cpu_ms) ms CPU)"
echo "  every file listed               $(value "$open_12000" listed_ms) ms ($(value "$open_12000" listed_cpu_ms) ms CPU)"
echo "-- the folder model alone, 2 threads (then every front matter checked)"
echo "12,000 files      listed $(value "$index_12000" model_listed_ms) ms ($(value "$index_12000" model_listed_cpu_ms) ms CPU)  target <= 250; checked $(value "$index_12000" model_checked_ms) ms"
echo "50,000 files      listed $(value "$index_50000" model_listed_ms) ms ($(value "$index_50000" model_listed_cpu_ms) ms CPU)  target <= 1000; checked $(value "$index_50000" model_checked_ms) ms"
echo "-- search, $(value "$search_12000" files) files, $(value "$search_12000" keystrokes) keystrokes"
echo "keystroke → list painted          median $(value "$search_12000" keystroke_ms) ms ($(value "$search_12000" keystroke_cpu_ms) ms CPU, filtering $(value "$search_12000" keystroke_filter_ms) ms), 90th percentile $(value "$search_12000" keystroke_p90_ms) ms  target <= 16"
echo "  keys $(value "$search_12000" pace_ms) ms apart; each key as soon as the last is painted: median $(value "$search_burst" keystroke_ms) ms ($(value "$search_burst" keystroke_cpu_ms) ms CPU), 90th percentile $(value "$search_burst" keystroke_p90_ms) ms"
echo "-- next file in the window (Alt+Down / Alt+Up), library beside the editor"
echo "sample item       form and preview painted $(value "$next" next_a_ms) ms ($(value "$next" next_a_cpu_ms) ms CPU; form $(value "$next" next_a_form_ms) ms)  target <= 50"
echo "200 KB profile    form and preview painted $(value "$next" next_b_ms) ms ($(value "$next" next_b_cpu_ms) ms CPU; form $(value "$next" next_b_form_ms) ms)  target <= 120"
echo "sample item, after an item of the same fields: $(value "$same" next_a_ms) ms ($(value "$same" next_a_cpu_ms) ms CPU; form $(value "$same" next_a_form_ms) ms); the other way $(value "$same" next_b_ms) ms ($(value "$same" next_b_cpu_ms) ms CPU)"
echo "-- memory (PSS, the app and its web processes), a file shown"
echo "one file open     $(value "$memory_file" pss_kb) kB"
echo "50,000 files      $(value "$memory_50000" pss_kb) kB beside it ($(value "$memory_50000" files) files), $(awk -v a="$(value "$memory_50000" pss_kb)" -v b="$(value "$memory_file" pss_kb)" 'BEGIN { printf "%.2f", a / b }')x  target <= 1.5x"
