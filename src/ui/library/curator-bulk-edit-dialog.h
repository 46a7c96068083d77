/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "curator-model.h"

G_BEGIN_DECLS

#define CURATOR_TYPE_BULK_EDIT_DIALOG (curator_bulk_edit_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CuratorBulkEditDialog, curator_bulk_edit_dialog, CURATOR, BULK_EDIT_DIALOG, AdwWindow)

/* The bulk edit of several files: what to change (set a field, add to a
 * list field, remove a field), then a review page with every file's
 * unified diff, or why it is left alone, before anything is written.
 * @unsaved_file (may be NULL) has unsaved edits in the editor: it is left
 * alone. Actions: bulk-edit.review, bulk-edit.back, bulk-edit.apply.
 * Signal "applied" (CuratorBulkEdit *): files were written; the edit can
 * undo them. */

GtkWidget       *curator_bulk_edit_dialog_new      (GtkWindow              *parent,
                                                    GFile                  *folder,
                                                    GFile                 **files,
                                                    guint                   n_files,
                                                    GFile                  *unsaved_file);
/* The edit under review (NULL on the first page). */
CuratorBulkEdit *curator_bulk_edit_dialog_get_edit (CuratorBulkEditDialog  *self);

G_END_DECLS
