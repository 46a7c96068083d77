/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "curator-bulk-edit-file.h"

G_BEGIN_DECLS

#define CURATOR_TYPE_BULK_EDIT (curator_bulk_edit_get_type ())

G_DECLARE_FINAL_TYPE (CuratorBulkEdit, curator_bulk_edit, CURATOR, BULK_EDIT, GObject)

/* One edit of the front matter across many files, in three steps:
 *  - prepare: each file is read and edited in memory, as `curator-cli
 *    set` / `unset` would, and its unified diff made. Nothing is written.
 *    A file the model refuses (or the edit) is listed with the reason.
 *  - apply: each changed file is written atomically (CuratorSafeFile),
 *    only if it still holds the bytes prepare read.
 *  - undo: every file written gets its old bytes back, byte for byte,
 *    only if it still holds what apply wrote.
 * The files are a GListModel of CuratorBulkEditFile, in the order added. */

typedef enum
{
  CURATOR_BULK_EDIT_SET,     /* set the field to the value (its type kept when it fits) */
  CURATOR_BULK_EDIT_ADD,     /* add the value to the list field, made if missing; kept once */
  CURATOR_BULK_EDIT_REMOVE,  /* remove the field */
} CuratorBulkEditOperation;

/* @value is ignored by REMOVE; with @json it is JSON (a list or a map
 * written in each file's style). @folder (may be NULL) is what the files'
 * labels are relative to. */
CuratorBulkEdit *curator_bulk_edit_new           (GFile                     *folder,
                                                  CuratorBulkEditOperation   operation,
                                                  const char                *key_path,
                                                  const char                *value,
                                                  gboolean                   json);
void             curator_bulk_edit_add_file      (CuratorBulkEdit           *self,
                                                  GFile                     *file);
/* Lists @file as refused for @reason without reading it (a file with
 * unsaved edits open in the editor). */
void             curator_bulk_edit_refuse_file   (CuratorBulkEdit           *self,
                                                  GFile                     *file,
                                                  const char                *reason);
GListModel      *curator_bulk_edit_get_files     (CuratorBulkEdit           *self);
CuratorBulkEditOperation curator_bulk_edit_get_operation (CuratorBulkEdit   *self);
const char      *curator_bulk_edit_get_key_path  (CuratorBulkEdit           *self);
/* How many files are in @state. */
guint            curator_bulk_edit_count         (CuratorBulkEdit           *self,
                                                  CuratorBulkEditFileState   state);

/* Each step runs in a thread; the files' states change when it finishes.
 * The synchronous forms are for tests and curator-cli; they must not run
 * while an asynchronous step does. */
gboolean         curator_bulk_edit_prepare        (CuratorBulkEdit     *self,
                                                   GCancellable        *cancellable,
                                                   GError             **error);
void             curator_bulk_edit_prepare_async  (CuratorBulkEdit     *self,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean         curator_bulk_edit_prepare_finish (CuratorBulkEdit     *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
/* FALSE if any file could not be written (the others are). */
gboolean         curator_bulk_edit_apply          (CuratorBulkEdit     *self,
                                                   GCancellable        *cancellable,
                                                   GError             **error);
void             curator_bulk_edit_apply_async    (CuratorBulkEdit     *self,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean         curator_bulk_edit_apply_finish   (CuratorBulkEdit     *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
/* Whether undo has something to restore. */
gboolean         curator_bulk_edit_get_can_undo   (CuratorBulkEdit     *self);
/* FALSE if any file could not be restored (the others are). */
gboolean         curator_bulk_edit_undo           (CuratorBulkEdit     *self,
                                                   GCancellable        *cancellable,
                                                   GError             **error);
void             curator_bulk_edit_undo_async     (CuratorBulkEdit     *self,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean         curator_bulk_edit_undo_finish    (CuratorBulkEdit     *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

G_END_DECLS
