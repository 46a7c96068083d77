/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "curator-window.h"
#include "curator-drop-data.h"
#include "curator-web-import.h"

G_BEGIN_DECLS

/* Import from the web, wired into the window: a drop target that reads
 * what browsers and file managers send (see CuratorDropData), paste
 * (Ctrl+V outside text entries, win.import-clipboard) and New Curation
 * (win.new-curation, Ctrl+N).
 *
 * What arrives:
 * - local files: .md and other content files open as before, .html is
 *   imported, an image becomes the open file's featured image;
 * - on the body editor: sanitized HTML at the pointer (the selection's
 *   HTML, else a link, else the text);
 * - an image (its bytes, or an address ending like one) on an open file:
 *   its featured image, named and placed as the folder's are;
 * - anything else: a new curation in the open file's folder (else a folder
 *   the curator chooses), through CuratorImportDialog, shown unsaved. */

void _curator_window_import_class_init (CuratorWindowClass *klass);
void _curator_window_import_init       (CuratorWindow      *self);
/* The window leaves its document (another is shown, or it closes): an
 * image a drop wrote for it goes unless the saved file uses it, or the
 * edits were not @discarded (they are kept as a draft, which uses it).
 * A new curation never saved keeps its images unless @discarded. */
void _curator_window_import_leave_document (CuratorWindow *self,
                                            gboolean       discarded);
/* The window shows @import's new curation: its image is written now,
 * beside its draft, and goes if the curation is thrown away. */
void _curator_window_import_write_image (CuratorWindow    *self,
                                         CuratorWebImport *import);
/* Once the window is idle, makes ahead, in the background, the template
 * of the folder a drop would go to now (the library's section, else the
 * shown file's folder): see curator_folder_template_prepare_async(); and
 * the next import's dialog, hidden. Only in a window that has imported:
 * one that never does reads nothing. */
void _curator_window_prepare_import    (CuratorWindow      *self);
/* Destroys what the window keeps for its next import. */
void _curator_window_import_dispose    (CuratorWindow      *self);
/* Saves the new curation the window shows: never over an existing file. */
void _curator_window_import_save       (CuratorWindow      *self);

/* What a drop or a paste carried, arriving at (@x, @y) in the window's
 * coordinates, or at the focus when @at_point is FALSE (a paste). */
void curator_window_import_data        (CuratorWindow         *self,
                                        const CuratorDropData *data,
                                        gboolean               at_point,
                                        double                 x,
                                        double                 y);

G_END_DECLS
