/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "curator-web-import.h"

G_BEGIN_DECLS

#define CURATOR_TYPE_IMPORT_DIALOG (curator_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CuratorImportDialog, curator_import_dialog, CURATOR, IMPORT_DIALOG, AdwWindow)

/* A dialog that runs one import (curator_import_dialog_run()), with its
 * progress shown and Cancel at hand, then shows
 * why the page could not be read (the file is still made from what the
 * drop carried), the warnings, and which page fact fills which field:
 * the curator can change that before the file is made.
 *
 * Actions: import.create (the document is made again if the curator
 * changed a field's fact, the change remembered for the folder, then
 * "created" is emitted and the dialog closes), import.cancel.
 *
 * Signal "created" (CuratorWebImport *import). */
CuratorImportDialog *curator_import_dialog_new        (GtkWindow           *parent);
/* Once, before the dialog is shown; the dialog can be made ahead. */
void                 curator_import_dialog_run        (CuratorImportDialog *self,
                                                       CuratorWebImport    *import);
/* Makes, before the import runs, the rows of the fields @rules let a
 * page's fact fill (a CuratorFieldRule list: the last import's into
 * the same folder); the import keeps them if its template's fields are
 * the same. Creating them is most of the dialog's work once the page is
 * read. */
void                 curator_import_dialog_prepare_rows (CuratorImportDialog *self,
                                                         GListModel          *rules);
CuratorWebImport    *curator_import_dialog_get_import (CuratorImportDialog *self);
/* TRUE once the import ran and the new file can be created. */
gboolean             curator_import_dialog_get_ready  (CuratorImportDialog *self);

G_END_DECLS
