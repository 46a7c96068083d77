/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "curator-types.h"

G_BEGIN_DECLS

/* Where the parts of a content file are, as byte offsets into the file.
 *
 *   [BOM] "---" EOL  <front matter>  "---"|"..." [EOL]  <body>
 *
 * Everything is kept verbatim; serializing is concatenation. */
typedef struct
{
  CuratorFrontMatterKind kind;
  gboolean               has_bom;
  CuratorLineEnding      line_ending;      /* of the opening delimiter line */
  gsize                  front_matter_start; /* first byte after the opening delimiter line */
  gsize                  front_matter_end;   /* first byte of the closing delimiter line */
  gsize                  body_start;         /* first byte after the closing delimiter line */
  gsize                  length;             /* of the whole file */
} CuratorFrontMatterSplit;

gboolean curator_front_matter_split (const char               *data,
                                     gsize                     length,
                                     CuratorFrontMatterSplit  *split,
                                     GError                  **error);

G_END_DECLS
