/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

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
  /* Take the keyboard focus at what the last refresh changed (the end of
   * the changed text, the changed item), else where the input had it,
   * with nothing selected. NULL: the row itself takes it. */
  void        (*focus)        (CuratorFieldEditor *self);
  /* Edit the same key path of @document instead (the form reuses rows
   * across files of the same shape): keep nothing of the last document's
   * value, then read @document's, as a new row would. */
  void        (*set_document) (CuratorFieldEditor *self,
                               CuratorDocument    *document);
};

const char *curator_field_editor_get_key_path (CuratorFieldEditor *self);
const char *curator_field_editor_get_label    (CuratorFieldEditor *self);
void        curator_field_editor_refresh      (CuratorFieldEditor *self);
void        curator_field_editor_focus        (CuratorFieldEditor *self);
/* Binds the row to @document at the same key path: its problem and its
 * value are @document's. */
void        curator_field_editor_set_document (CuratorFieldEditor *self,
                                               CuratorDocument    *document);
/* The field's menu ("Remove “Label”", activating form.remove-field):
 * the form shows it on a right click, Shift+F10 or the Menu key, and text
 * inputs add it to their own context menu. */
GMenuModel *curator_field_editor_dup_menu     (CuratorFieldEditor *self);

/* TRUE while a row is writing its own edit into the document: the form
 * then ignores the document's "changed" signal (the row is up to date). */
gboolean    curator_field_editor_is_applying  (void);

/* Writes a scalar typed by the user. Keystrokes in one row are grouped
 * into one undo step per word: a new step starts with the space typed
 * after a word, after a pause, when the row loses focus, or after
 * curator_field_editor_end_typing(). */
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
/* Sets the tooltip (and so the accessible description) of @widget to
 * @text, without the cost GTK 4.8 adds to each change. */
void        curator_field_editor_set_tooltip  (GtkWidget          *widget,
                                               const char         *text);
/* The accessible name of @input is @label (what the row shows), and
 * only that. */
void        curator_field_editor_label_input  (GtkWidget          *input,
                                               const char         *label);
/* Shows @text in @editable by replacing only the part that differs, so
 * that the cursor keeps its place; with the focus inside, the cursor goes
 * to the end of the change and nothing stays selected. Returns that end
 * (in characters), or -1 when the text was already @text. The caller
 * blocks its own "changed" handlers. */
int         curator_field_editor_show_text    (GtkEditable        *editable,
                                               const char         *text);
/* The same for the text of a text view. */
int         curator_field_editor_show_buffer_text (GtkTextView    *view,
                                                   const char     *text);
/* TRUE when @widget is or contains its window's focus. */
gboolean    curator_field_editor_has_focus    (GtkWidget          *widget);
/* Puts the keyboard focus in @input (an editable or a text view) without
 * selecting its text, the cursor at @position (in characters; -1 leaves
 * it where it is). */
void        curator_field_editor_focus_text   (GtkWidget          *input,
                                               int                 position);
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
/* Takes @row out of @expander's nested rows. While @expander is on
 * screen, @row is disposed of once the next frame is painted. */
void        curator_field_editor_remove_nested_row (AdwExpanderRow *expander,
                                                    GtkWidget      *row);

G_END_DECLS
