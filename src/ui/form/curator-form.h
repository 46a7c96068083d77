/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "curator-field-catalog.h"
#include "curator-model.h"

G_BEGIN_DECLS

#define CURATOR_TYPE_FORM (curator_form_get_type ())

G_DECLARE_FINAL_TYPE (CuratorForm, curator_form, CURATOR, FORM, GtkBox)

/* The front matter as grouped rows, one per top-level field, built from
 * the document and kept in step with it (undo, redo, added and removed
 * fields). Right-click, Shift+F10 or the Menu key on a row (in its text
 * too, whose own menu holds it) offers to remove the field. */
GtkWidget       *curator_form_new             (void);
CuratorDocument *curator_form_get_document    (CuratorForm      *self);
void             curator_form_set_document    (CuratorForm      *self,
                                               CuratorDocument  *document);
void             curator_form_rebuild         (CuratorForm      *self);
/* TRUE while rows below the first screen are still being created (in
 * idle batches after the first frame); notifies "building". */
gboolean         curator_form_get_building    (CuratorForm      *self);
/* The row editing exactly @key_path, if it exists now. */
GtkWidget       *curator_form_find_row        (CuratorForm      *self,
                                               const char       *key_path);
/* Adds a top-level field with an empty value of @kind (TEXT, LONG_TEXT,
 * INT, FLOAT, BOOL, DATE, URL, STRING_LIST, MAP). */
gboolean         curator_form_add_field       (CuratorForm      *self,
                                               const char       *key,
                                               CuratorFieldKind  kind,
                                               GError          **error);
/* Removes the field or list item at @key_path; the row shown next
 * takes the focus. */
gboolean         curator_form_remove_field    (CuratorForm      *self,
                                               const char       *key_path,
                                               GError          **error);
/* Undo or redo one step of the document (typing in progress ends
 * first). The focus goes to what the step changed: its field, the
 * cursor at the end of the changed text, or the list item it touched;
 * for a field the step removed, the row shown next. */
gboolean         curator_form_undo            (CuratorForm      *self);
gboolean         curator_form_redo            (CuratorForm      *self);

G_END_DECLS
