/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtksourceview/gtksource.h>

#include "curator-document.h"

G_BEGIN_DECLS

#define CURATOR_TYPE_BODY_EDITOR (curator_body_editor_get_type ())

G_DECLARE_FINAL_TYPE (CuratorBodyEditor, curator_body_editor, CURATOR, BODY_EDITOR, GtkWidget)

/* The source of a document's body, highlighted as HTML or, for a
 * Markdown file, as Markdown. Edits go to the document (its
 * undo stack, grouped by typing bursts); an untouched body is never
 * written back, so it saves byte for byte as loaded. It is read-only
 * while the document's front matter is refused (such a file is not
 * saved).
 *
 * Actions: body-editor.find (Ctrl+F), body-editor.undo (Ctrl+Z),
 * body-editor.redo (Shift+Ctrl+Z). */

GtkWidget       *curator_body_editor_new          (void);
CuratorDocument *curator_body_editor_get_document (CuratorBodyEditor *self);
void             curator_body_editor_set_document (CuratorBodyEditor *self,
                                                   CuratorDocument   *document);
GtkSourceView   *curator_body_editor_get_view     (CuratorBodyEditor *self);

G_END_DECLS
