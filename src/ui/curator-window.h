/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "curator-model.h"
#include "curator-body-pane.h"
#include "curator-library.h"
#include "curator-recovery-bar.h"

G_BEGIN_DECLS

#define CURATOR_TYPE_WINDOW (curator_window_get_type ())

G_DECLARE_FINAL_TYPE (CuratorWindow, curator_window, CURATOR, WINDOW, AdwApplicationWindow)

CuratorWindow   *curator_window_new          (GtkApplication *application);
/* Loads @file asynchronously into a new document shown in the window. */
void             curator_window_open         (CuratorWindow  *self,
                                              GFile          *file);
/* Opens @file as a folder in the library, or as a file, by its type. */
void             curator_window_open_location (CuratorWindow *self,
                                               GFile         *file);
/* Lists @folder in the library beside the editor, and remembers it. */
void             curator_window_open_folder  (CuratorWindow  *self,
                                              GFile          *folder);
/* Opens the folder and file of the last session. FALSE when there is
 * none (or it is gone). */
gboolean         curator_window_restore_folder (CuratorWindow *self);
CuratorLibrary  *curator_window_get_library  (CuratorWindow  *self);
CuratorDocument *curator_window_get_document (CuratorWindow  *self);
/* TRUE while a file is being read ("loading" property). */
gboolean         curator_window_get_loading  (CuratorWindow  *self);
/* The CuratorForm showing the front matter. */
GtkWidget       *curator_window_get_form     (CuratorWindow  *self);
/* Where the body editor and preview go (hidden while empty: show it when
 * adding a child). */
GtkBox          *curator_window_get_body_pane_slot (CuratorWindow *self);
/* The body editor and preview in that slot. */
CuratorBodyPane *curator_window_get_body_pane (CuratorWindow  *self);
/* Where drafts of the window's documents are kept (NULL: none). Windows
 * of a CuratorApplication use the application's store. */
void             curator_window_set_draft_store (CuratorWindow     *self,
                                                 CuratorDraftStore *store);
CuratorRecoveryBar *curator_window_get_recovery_bar (CuratorWindow *self);

G_END_DECLS
