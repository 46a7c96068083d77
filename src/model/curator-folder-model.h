/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "curator-folder-item.h"

G_BEGIN_DECLS

#define CURATOR_TYPE_FOLDER_MODEL (curator_folder_model_get_type ())

G_DECLARE_FINAL_TYPE (CuratorFolderModel, curator_folder_model, CURATOR, FOLDER_MODEL, GObject)

/* The content files of a folder as a GListModel of CuratorFolderItem,
 * sorted by path, that never blocks the main loop:
 *  - loading: threads walk the folder and read each file's listing entries
 *    (the light path); items stream in, in path order, as they are read;
 *  - checking: then the whole front matter of every file is scanned, in
 *    the background, and items whose file the model refuses or `check`
 *    warns of are updated ("problem");
 *  - live: folder monitors; files created, changed, renamed or removed on
 *    disk (a git checkout too: bursts of events are taken together) update
 *    the list within a second. A changed file keeps its item: the item is
 *    updated in place ("changed") and the list signals it as replaced by
 *    itself, so selections that follow items keep it.
 *
 * Properties: "folder" (construct-only), "n-threads" (0: one per
 * processor), "loading", "checking", "error" (why the folder cannot be
 * read, or NULL). */

CuratorFolderModel *curator_folder_model_new          (GFile              *folder);
GFile              *curator_folder_model_get_folder   (CuratorFolderModel *self);
guint               curator_folder_model_get_n_threads (CuratorFolderModel *self);
void                curator_folder_model_set_n_threads (CuratorFolderModel *self,
                                                        guint               n_threads);
/* Starts loading (once); set "n-threads" before. */
void                curator_folder_model_load         (CuratorFolderModel *self);
gboolean            curator_folder_model_get_loading  (CuratorFolderModel *self);
gboolean            curator_folder_model_get_checking (CuratorFolderModel *self);
const GError       *curator_folder_model_get_error    (CuratorFolderModel *self);

/* The item of @relative_path (as the items spell it), or NULL; its
 * position in @position. */
CuratorFolderItem  *curator_folder_model_find         (CuratorFolderModel *self,
                                                       const char         *relative_path,
                                                       guint              *position);
/* The item of @file, or NULL when @file is not listed. */
CuratorFolderItem  *curator_folder_model_find_file    (CuratorFolderModel *self,
                                                       GFile              *file,
                                                       guint              *position);
/* The file of @item (a new reference). */
GFile              *curator_folder_model_get_file     (CuratorFolderModel *self,
                                                       CuratorFolderItem  *item);
/* Every folder (section) and every tag the items have, sorted, once each. */
char              **curator_folder_model_dup_sections (CuratorFolderModel *self);
char              **curator_folder_model_dup_tags     (CuratorFolderModel *self);

G_END_DECLS
