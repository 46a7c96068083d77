/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A unified diff of two texts, compared line by line, in the format of
 * `diff -u`: "--- @old_label" / "+++ @new_label" headers, then hunks with
 * @context lines of context. Returns an empty string when the texts are
 * equal. */
char *curator_unified_diff (const char *old_text,
                            gsize       old_length,
                            const char *new_text,
                            gsize       new_length,
                            const char *old_label,
                            const char *new_label,
                            guint       context);

G_END_DECLS
