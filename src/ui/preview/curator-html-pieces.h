/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  gsize offset;
  gsize length;
} CuratorHtmlPiece;

GArray *curator_html_split_pieces   (const char *html,
                                     gsize       length,
                                     guint       spacing);
GArray *curator_html_resplit_pieces (const char *old_html,
                                     gsize       old_length,
                                     GArray     *old_pieces,
                                     const char *html,
                                     gsize       length,
                                     guint       spacing,
                                     guint      *first,
                                     guint      *last);

G_END_DECLS
