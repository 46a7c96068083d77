/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "curator-model.h"

G_BEGIN_DECLS

#define CURATOR_TYPE_LIBRARY_SORTER (curator_library_sorter_get_type ())

G_DECLARE_FINAL_TYPE (CuratorLibrarySorter, curator_library_sorter, CURATOR, LIBRARY_SORTER, GtkSorter)

/* Orders CuratorFolderItems by "sort" (a CuratorFolderSort): title, date
 * or modification time (newest first), or section. A total order: items
 * that tie are ordered by path. */

CuratorLibrarySorter *curator_library_sorter_new      (CuratorFolderSort     sort);
CuratorFolderSort     curator_library_sorter_get_sort (CuratorLibrarySorter *self);
void                  curator_library_sorter_set_sort (CuratorLibrarySorter *self,
                                                       CuratorFolderSort     sort);

G_END_DECLS
