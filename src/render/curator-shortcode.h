/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  CURATOR_SHORTCODE_OPEN,     /* {{< name args >}}, maybe closed later */
  CURATOR_SHORTCODE_CLOSE,    /* {{< /name >}} */
  CURATOR_SHORTCODE_SELF,     /* {{< name args />}} */
  CURATOR_SHORTCODE_COMMENT,  /* {{</ * text * />}} without the spaces: Hugo
                               * prints {{< text >}} */
} CuratorShortcodeKind;

/* One shortcode tag of a body, as offsets into the text it was found in. */
typedef struct
{
  gsize                offset;
  gsize                length;
  CuratorShortcodeKind kind;
  /* {{% %}} rather than {{< >}} */
  gboolean             markup;
  /* The name (for a comment: empty). */
  gsize                name_offset;
  gsize                name_length;
  /* Arguments as written (for a comment: the text between its marks). */
  gsize                args_offset;
  gsize                args_length;
} CuratorShortcode;

GArray *curator_shortcode_scan (const char *text,
                                gsize       length);

G_END_DECLS
