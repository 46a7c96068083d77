/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "curator-types.h"

G_BEGIN_DECLS

/* KEYPATH: dot-separated keys with [N] for list items, e.g.
 * "featuredImage.size[0]", "tags[2]". A key containing '.', '[' or '\'
 * is written with a backslash escape ("a\.b"). */

typedef struct
{
  char  *key;    /* NULL for a list index */
  guint  index;
} CuratorKeyPathSegment;

/* Returns a GPtrArray of CuratorKeyPathSegment (owned, freed with the array). */
GPtrArray *curator_key_path_parse        (const char  *key_path,
                                          GError     **error);
/* Appends one escaped key / index to @path (a GString holding a key path). */
void       curator_key_path_append_key   (GString     *path,
                                          const char  *key);
void       curator_key_path_append_index (GString     *path,
                                          guint        index);

G_END_DECLS
