/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "curator-model.h"

G_BEGIN_DECLS

#define CURATOR_TYPE_LIST_ROW (curator_list_row_get_type ())

G_DECLARE_FINAL_TYPE (CuratorListRow, curator_list_row, CURATOR, LIST_ROW, AdwExpanderRow)

/* A list of strings: add, remove, reorder (Alt+Up/Down or drag the
 * handle). With @is_json the list is a JSON array held in one string
 * (medigyTopics) and is written back as compact JSON. Item rows are
 * created when the row is first expanded. */
GtkWidget *curator_list_row_new          (CuratorDocument *document,
                                          const char      *key_path,
                                          const char      *label,
                                          const char      *help,
                                          gboolean         is_json,
                                          gboolean         expanded);
guint      curator_list_row_get_n_items  (CuratorListRow  *self);
/* Moves item @from to @to (what Alt+Up/Down and dragging do). */
gboolean   curator_list_row_move_item    (CuratorListRow  *self,
                                          guint            from,
                                          guint            to);
/* Appends @text as a new item (what the "Add" entry does). */
gboolean   curator_list_row_append       (CuratorListRow  *self,
                                          const char      *text);

G_END_DECLS
