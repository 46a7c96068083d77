/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "curator-model.h"

G_BEGIN_DECLS

#define CURATOR_TYPE_LIBRARY_ROW (curator_library_row_get_type ())

G_DECLARE_FINAL_TYPE (CuratorLibraryRow, curator_library_row, CURATOR, LIBRARY_ROW, GtkWidget)

/* One file in the library: its title (the file name when it has none),
 * its section (folder), its date, and a badge when the model refuses the
 * file or `check` warns of it. Its accessible name starts with the title.
 * It follows its item's "changed". */

GtkWidget         *curator_library_row_new      (void);
CuratorFolderItem *curator_library_row_get_item (CuratorLibraryRow *self);
void               curator_library_row_set_item (CuratorLibraryRow *self,
                                                 CuratorFolderItem *item);

G_END_DECLS
