/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  gsize offset;
  gsize length;
} CuratorHtmlPiece;

GArray *curator_html_split_pieces (const char *html,
                                   gsize       length,
                                   gsize       min_length);

G_END_DECLS
