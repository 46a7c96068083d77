/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "curator-model.h"

G_BEGIN_DECLS

#define CURATOR_TYPE_LIBRARY (curator_library_get_type ())

G_DECLARE_FINAL_TYPE (CuratorLibrary, curator_library, CURATOR, LIBRARY, GtkWidget)

/* The library: the content files of a folder beside the editor, searched
 * as you type, sorted and filtered, and edited several at a time.
 *
 * Properties: "folder" (GFile; setting it lists that folder), "current-file"
 * (the file the editor shows: its row is selected), "sort" (a
 * CuratorFolderSort), "problems-only", "drafts-only", "unsaved-file" (a
 * file with unsaved edits in the editor: a bulk edit leaves it alone).
 *
 * Signals: "open-file" (GFile *): the user chose a file (a row selected,
 * next or previous); the library does not change "current-file" itself.
 * "files-written" (GPtrArray * of GFile): a bulk edit or its undo wrote
 * these files.
 *
 * Actions: library.search (Ctrl+F: focuses the search entry),
 * library.next and library.previous (the next and previous file in the
 * list), library.sort, library.problems, library.drafts,
 * library.bulk-edit (the selected files), library.undo-bulk-edit. */

GtkWidget          *curator_library_new                  (void);
GFile              *curator_library_get_folder           (CuratorLibrary *self);
void                curator_library_set_folder           (CuratorLibrary *self,
                                                          GFile          *folder);
/* The folder's files, in path order (NULL without a folder). */
CuratorFolderModel *curator_library_get_model            (CuratorLibrary *self);
/* The files as the list shows them: sorted and filtered. */
GListModel         *curator_library_get_shown            (CuratorLibrary *self);
GtkSelectionModel  *curator_library_get_selection        (CuratorLibrary *self);
GFile              *curator_library_get_current_file     (CuratorLibrary *self);
void                curator_library_set_current_file     (CuratorLibrary *self,
                                                          GFile          *file);
void                curator_library_set_unsaved_file     (CuratorLibrary *self,
                                                          GFile          *file);
/* Where a new file goes: the folder of the section the list is filtered
 * to, else that of the rows selected when they are all in one. NULL
 * when neither says (no filter, no row or rows of several sections
 * selected) or without a folder. */
GFile              *curator_library_dup_selected_section (CuratorLibrary *self);
/* The filter the search entry and the sort and filter menu set. */
GtkFilter          *curator_library_get_filter           (CuratorLibrary *self);
GtkWidget          *curator_library_get_search_entry     (CuratorLibrary *self);
GtkWidget          *curator_library_get_list_view        (CuratorLibrary *self);
/* Opens the next (@step 1) or previous (-1) file in the list. FALSE at
 * either end. */
gboolean            curator_library_move                 (CuratorLibrary *self,
                                                          int             step);

G_END_DECLS
