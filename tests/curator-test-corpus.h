/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The corpus a test runs on: the vendored sample (tests/corpus/), or the
 * whole shared corpus (../shared/corpus) for the tests of suite 'corpus'.
 * tests/meson.build says which in CURATOR_CORPUS_DIR and
 * CURATOR_CORPUS_KIND ("sample" or "shared"). */
typedef struct
{
  guint medigy_files;   /* content files under medigy/ */
  guint medigy_toml;    /* of them, with TOML front matter */
  guint hugodocs_files; /* content files under hugodocs/ */
} CuratorTestCorpusFacts;

/* The corpus folder. NULL only for the shared corpus when it is not
 * there: the current test then records a "missing shared-corpus" skip.
 * A missing sample fails the test: it is part of the source tree. */
const char *curator_test_corpus_dir      (void);
gboolean    curator_test_corpus_is_sample (void);
/* What the corpus's README says of it. */
const CuratorTestCorpusFacts *curator_test_corpus_facts (void);
/* A file or folder of the corpus that a test names: it must exist (a
 * missing one fails the test, it is never skipped). NULL only as
 * curator_test_corpus_dir() is. */
char       *curator_test_corpus_path     (const char *first_element,
                                          ...) G_GNUC_NULL_TERMINATED;
/* The files of a corpus folder to test, as absolute paths, sorted:
 * content files for medigy/ and hugodocs/, every file for edge/. */
GPtrArray  *curator_test_corpus_files    (const char *folder);
/* The bytes to load for a corpus file. A bare YAML file (edge/NN.yaml)
 * becomes front matter: "---" line, the YAML, "---" line, keeping its
 * BOM first and its line ending. Other files are returned as they are. */
GBytes     *curator_test_corpus_read     (const char *path);

/* Appends @text as a JSON string literal. */
void        curator_test_append_json_string (GString    *out,
                                             const char *text);

G_END_DECLS
