/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "curator-model.h"

G_BEGIN_DECLS

#define CURATOR_TYPE_FIELD_EDITOR (curator_field_editor_get_type ())

G_DECLARE_INTERFACE (CuratorFieldEditor, curator_field_editor, CURATOR, FIELD_EDITOR, GtkWidget)

/* A form row editing the value at one key path of a document. Rows hold
 * the key path, never a node: nodes die with every edit. */
struct _CuratorFieldEditorInterface
{
  GTypeInterface parent_iface;

  const char *(*get_key_path) (CuratorFieldEditor *self);
  const char *(*get_label)    (CuratorFieldEditor *self);
  /* Re-read the value from the document (after undo, redo, ...). */
  void        (*refresh)      (CuratorFieldEditor *self);
};

const char *curator_field_editor_get_key_path (CuratorFieldEditor *self);
const char *curator_field_editor_get_label    (CuratorFieldEditor *self);
void        curator_field_editor_refresh      (CuratorFieldEditor *self);

/* TRUE while a row is writing its own edit into the document: the form
 * then ignores the document's "changed" signal (the row is up to date). */
gboolean    curator_field_editor_is_applying  (void);

/* Writes a scalar typed by the user. Keystrokes in one row are grouped
 * into one undo step per word: the group ends at a space, after a pause,
 * when the row loses focus, or with curator_field_editor_end_typing(). */
gboolean    curator_field_editor_type_value   (GtkWidget          *row,
                                               CuratorDocument    *document,
                                               const char         *key_path,
                                               const char         *value,
                                               CuratorScalarType   type);
void        curator_field_editor_end_typing   (CuratorDocument    *document);
/* Runs @func (a structural edit) as one undo step with the form quiet;
 * reports a refusal on @row. */
gboolean    curator_field_editor_apply        (GtkWidget          *row,
                                               CuratorDocument    *document,
                                               gboolean          (*func) (CuratorDocument *document,
                                                                          gpointer         data,
                                                                          GError         **error),
                                               gpointer            data);

/* Shows @message (NULL clears) on @row: error style, tooltip and the
 * accessible description of @input. */
void        curator_field_editor_show_problem (GtkWidget          *row,
                                               GtkWidget          *input,
                                               const char         *message);
/* The accessible name of @input is @label (what the row shows), and
 * only that. */
void        curator_field_editor_label_input  (GtkWidget          *input,
                                               const char         *label);
/* Says whether an empty input holds an empty text ('') or no value at all
 * (null, ~, nothing): on @state_label, shown while @is_empty, and as
 * @input's placeholder for screen readers. */
void        curator_field_editor_show_emptiness (GtkWidget         *state_label,
                                                 GtkWidget         *input,
                                                 const CuratorNode *node,
                                                 gboolean           is_empty);
/* The value's node now, or NULL. */
const CuratorNode *curator_field_editor_lookup (CuratorDocument   *document,
                                                const char        *key_path);

G_END_DECLS
