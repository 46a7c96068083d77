/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The shared corpus folder, or NULL (the test is then skipped). */
const char *curator_test_corpus_dir      (void);
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
