/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Appends @text as a JSON string literal (quotes included). */
void       curator_json_append_string      (GString     *out,
                                            const char  *text);
/* Parses a JSON array of strings and nothing else (what fields such as
 * openProjectCustomFields.medigyTopics hold). Returns the strings, or NULL
 * with @error naming the line and column of what is wrong. */
GPtrArray *curator_json_parse_string_list  (const char  *json,
                                            GError     **error);
/* The compact JSON array of @items: ["a","b"]. */
char      *curator_json_format_string_list (GPtrArray   *items);

G_END_DECLS
