/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The iconv name of a charset label as the WHATWG Encoding standard maps
 * it ("latin1" and "iso-8859-1" are windows-1252, "shift_jis" is
 * windows-31j, ...), or NULL for a label it does not know. */
const char *curator_charset_from_label        (const char  *label);

/* The charset label in a Content-Type value ("text/html; charset=EUC-JP"),
 * newly allocated, or NULL. */
char       *curator_charset_from_content_type (const char  *content_type);

/* The charset an HTML page's bytes declare, in the HTML standard's order:
 * a byte order mark, then @content_type's charset (the HTTP header; may be
 * NULL), then a <meta charset> or <meta http-equiv=Content-Type> near the
 * start, unless the bytes beyond ASCII are valid UTF-8 (a page saved as
 * UTF-8 that kept its old <meta>). Without any of these: UTF-8 when the
 * bytes are valid UTF-8, else windows-1252. Returns an iconv name. */
const char *curator_charset_detect_html       (const char  *data,
                                               gsize        length,
                                               const char  *content_type);

/* @data converted from @charset (an iconv name) to UTF-8, a byte order
 * mark dropped. Bytes that are invalid in @charset become U+FFFD, as a
 * browser shows them; NUL bytes too. Never fails for a charset that
 * curator_charset_from_label() returns. */
char       *curator_charset_to_utf8           (const char  *data,
                                               gsize        length,
                                               const char  *charset,
                                               gsize       *out_length);

/* Detects and converts in one step. @charset_out (may be NULL) gets the
 * iconv name that was used. */
char       *curator_charset_decode_html       (const char  *data,
                                               gsize        length,
                                               const char  *content_type,
                                               const char **charset_out,
                                               gsize       *out_length);

G_END_DECLS
