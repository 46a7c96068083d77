/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "curator-types.h"

G_BEGIN_DECLS

/* How to write one scalar where another one was (or where a new one
 * goes): the original's style, and the geometry to refold it with. */
typedef struct
{
  CuratorNodeStyle style;        /* the style to keep when the value allows it */
  gboolean         flow;         /* inside a flow collection: single line, no , [ ] { } */
  gboolean         allow_empty;  /* a null may be written as nothing (the original was `key:`) */
  guint            start_column; /* 0-based column (characters) where the text starts */
  guint            width;        /* refold at this width; 0 keeps the value on one line */
  guint            continuation_indent; /* columns before a folded continuation line */
  /* Block scalars: columns before each content line, and the number of
   * blank lines that already follow the scalar in the file (a keep `+`
   * chomping counts them as part of the value). */
  guint            block_indent;
  guint            trailing_blank_lines;
  const char      *eol;
} CuratorScalarEmit;

/* The text to put in place of the scalar, per lossless-yaml.md: plain
 * only when safe, else single-, else double-quoted; block scalars keep
 * their indicator and choose chomping; typed values are written plain.
 * Returns NULL when @value does not resolve to @type as a plain scalar
 * (the caller reports CURATOR_ERROR_INVALID_VALUE). */
char     *curator_scalar_emit              (const char              *value,
                                            CuratorScalarType        type,
                                            const CuratorScalarEmit *emit);
/* Whether @text can be written as a plain scalar that reads back as the
 * string @text under YAML 1.2 and 1.1 (keys use this too). */
gboolean  curator_scalar_is_plain_safe     (const char              *text,
                                            gboolean                 flow);
/* Infers the width a multi-line plain or quoted scalar was folded at
 * (PyYAML folds at the first single space past the width) from its
 * source text, which starts at @start_column. 0 when it is one line. */
guint     curator_scalar_infer_fold_width  (const char              *source,
                                            gsize                    length,
                                            guint                    start_column,
                                            guint                   *continuation_indent);
/* The same for a folded block scalar (`>`) from its header at @header
 * to its last content line's end @end; 80 when nothing was folded yet,
 * 0 when its lines are longer than that (it is not folded at all). */
guint     curator_scalar_infer_block_width (const char              *data,
                                            gsize                    header,
                                            gsize                    end);

G_END_DECLS
