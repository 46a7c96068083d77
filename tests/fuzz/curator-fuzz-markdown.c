/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target over the Markdown rendering (src/render). Invariants
 * (abort on violation):
 *  - nothing crashes or reads out of bounds (ASan/UBSan), whatever the
 *    text: broken shortcodes, definitions, fences, HTML;
 *  - rendering in runs gives what rendering the body whole gives;
 *  - after an edit (a span replaced by some of the input's own bytes), a
 *    renderer that rendered the text before gives the same again.
 * That the whole rendering is Hugo's is tests/render/test-markdown.c's. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "curator-render.h"
#include "curator-markdown-private.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
check (CuratorBodyRenderer *renderer,
       const char          *text)
{
  g_autofree char *html = curator_body_renderer_render (renderer, text, -1);
  g_autofree char *whole = curator_body_renderer_render_whole (renderer, text);

  if (strcmp (html, whole) != 0)
    abort ();
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* The editor's text is valid UTF-8, without NUL. */
  g_autofree char *valid = g_utf8_make_valid ((const char *)data, size);
  g_autoptr(CuratorBodyRenderer) renderer = NULL;
  g_autoptr(GString) edited = NULL;
  gsize length, at, cut;

  length = strlen (valid);
  renderer = curator_body_renderer_new (CURATOR_BODY_FORMAT_MARKDOWN, size > 0 && (data[0] & 1));
  check (renderer, valid);

  /* An edit the input chooses with its first bytes: where, how much to
   * cut, and what to type there (a piece of itself). */
  if (size < 4 || length == 0)
    return 0;
  edited = g_string_new (valid);
  at = ((gsize)data[1] | (gsize)data[2] << 8) % (length + 1);
  cut = MIN ((gsize)data[3] * 2, length - at);
  g_string_erase (edited, at, cut);
  g_string_insert_len (edited, at, valid + length / 2, MIN (length - length / 2, (gsize)data[0] % 64));
  if (!g_utf8_validate (edited->str, edited->len, NULL))
    return 0;
  check (renderer, edited->str);
  return 0;
}
