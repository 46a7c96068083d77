/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target over the preview's HTML scanner
 * (curator_html_split_pieces). Invariants (abort on violation):
 *  - nothing crashes or reads out of bounds (ASan/UBSan);
 *  - the pieces cover the input in order, none empty;
 *  - every piece but the last ends right after a '>' (cuts are made only
 *    after markup), and with a spacing of 1 there are at least as many
 *    pieces as with a larger one;
 *  - the same input splits the same way twice;
 *  - splitting again after an edit (a span of the input replaced by
 *    another) gives what splitting the new text from scratch gives.
 * That the pieces parse like the whole is tested in WebKit's parser by
 * tests/preview/test-html-pieces.c. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "curator-html-pieces.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static guint
check (const char *html,
       gsize       length,
       guint       spacing)
{
  g_autoptr(GArray) pieces = curator_html_split_pieces (html, length, spacing);
  g_autoptr(GArray) again = curator_html_split_pieces (html, length, spacing);
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
      if (i + 1 < pieces->len && html[covered - 1] != '>')
        abort ();
    }

  if (covered != length)
    abort ();
  return pieces->len;
}

static void
check_resplit (const char *old_html,
               gsize       old_length,
               const char *html,
               gsize       length,
               guint       spacing)
{
  g_autoptr(GArray) old_pieces = curator_html_split_pieces (old_html, old_length, spacing);
  g_autoptr(GArray) expected = curator_html_split_pieces (html, length, spacing);
  g_autoptr(GArray) pieces = NULL;
  guint first, last;

  pieces = curator_html_resplit_pieces (old_html, old_length, old_pieces, html, length,
                                        spacing, &first, &last);
  if (pieces->len != expected->len ||
      (pieces->len > 0 && memcmp (pieces->data, expected->data, pieces->len * sizeof (CuratorHtmlPiece)) != 0) ||
      first + last > MIN (old_pieces->len, pieces->len))
    abort ();
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* A copy of exactly the input's size: reading past it is caught. */
  g_autofree char *html = g_memdup2 (data, size);

  if (check (html, size, 1) < check (html, size, 8))
    abort ();

  /* An edit: the second quarter of the input replaced by its last byte. */
  if (size >= 4)
    {
      g_autoptr(GString) edited = g_string_new_len (html, size);

      g_string_erase (edited, size / 4, size / 4);
      g_string_insert_len (edited, size / 4, html + size - 1, 1);
      check_resplit (html, size, edited->str, edited->len, 1);
      check_resplit (edited->str, edited->len, html, size, 4);
    }

  /* An edit the input chooses with its first bytes: where, how much to
   * cut, and what to type there (some of its own bytes, or white space,
   * which no cut may be left before). */
  if (size >= 6)
    {
      static const char blank[] = " \n\t\r\n  ";
      g_autoptr(GString) edited = g_string_new_len (html, size);
      gsize at = ((gsize)data[0] | (gsize)data[1] << 8) % (size + 1);
      gsize cut = MIN ((gsize)data[2] * 4, size - at);
      gsize typed = data[3] % 17;
      const char *from = (data[4] & 1) != 0 ? blank : html + data[5] % size;

      typed = MIN (typed, (data[4] & 1) != 0 ? sizeof blank - 1 : size - data[5] % size);
      g_string_erase (edited, at, cut);
      g_string_insert_len (edited, at, from, typed);
      check_resplit (html, size, edited->str, edited->len, 1 + data[4] % 8);
      check_resplit (edited->str, edited->len, html, size, 1 + data[4] % 8);
    }
  return 0;
}
