/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target over the preview's HTML scanner
 * (curator_html_split_pieces). Invariants (abort on violation):
 *  - nothing crashes or reads out of bounds (ASan/UBSan);
 *  - the pieces cover the input in order, none empty;
 *  - every piece but the last is at least the minimum length, and ends
 *    right after a '>' (cuts are made only after markup);
 *  - the same input splits the same way twice.
 * That the pieces parse like the whole is tested in WebKit's parser by
 * tests/preview/test-html-pieces.c. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "curator-html-pieces.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
check (const char *html,
       gsize       length,
       gsize       min_length)
{
  g_autoptr(GArray) pieces = curator_html_split_pieces (html, length, min_length);
  g_autoptr(GArray) again = curator_html_split_pieces (html, length, min_length);
  gsize covered = 0;

  if (pieces->len != again->len ||
      (pieces->len > 0 && memcmp (pieces->data, again->data, pieces->len * sizeof (CuratorHtmlPiece)) != 0))
    abort ();

  for (guint i = 0; i < pieces->len; i++)
    {
      const CuratorHtmlPiece *piece = &g_array_index (pieces, CuratorHtmlPiece, i);

      if (piece->offset != covered || piece->length == 0)
        abort ();
      covered += piece->length;
      if (i + 1 < pieces->len &&
          (piece->length < min_length || html[covered - 1] != '>'))
        abort ();
    }

  if (covered != length)
    abort ();
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* A copy of exactly the input's size: reading past it is caught. */
  g_autofree char *html = g_memdup2 (data, size);

  check (html, size, 0);
  check (html, size, 64);
  return 0;
}
