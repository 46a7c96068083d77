/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "curator-model.h"

G_BEGIN_DECLS

/* The row that edits @node (the value at @key_path), by field kind.
 * @label NULL: the catalog's label or one derived from @key_path's last
 * key. @top_level: short lists start expanded. */
GtkWidget *curator_row_factory_create (CuratorDocument   *document,
                                       const char        *key_path,
                                       const CuratorNode *node,
                                       const char        *label,
                                       gboolean           top_level);
/* Binds @row, created by curator_row_factory_create() for the same
 * @key_path of another document, to @document and @node, and shows it as
 * a new row would be (value, problem, open or closed). FALSE, and @row
 * untouched, when @node needs another row: another kind of field, or
 * another label. */
gboolean   curator_row_factory_rebind (GtkWidget         *row,
                                       CuratorDocument   *document,
                                       const char        *key_path,
                                       const CuratorNode *node,
                                       const char        *label,
                                       gboolean           top_level);

G_END_DECLS
