/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-long-text-row"

#include "config.h"

#include "curator-long-text-row.h"

#include "curator-field-editor.h"

#include <glib/gi18n.h>

struct _CuratorLongTextRow
{
  AdwPreferencesRow parent_instance;

  CuratorDocument *document;
  char            *key_path;
  char            *label;
  GtkLabel        *title_label;
  GtkLabel        *help_label;
  GtkTextView     *text_view;
  GtkWidget       *state_label;
  gulong           changed_handler;
  int              change_end;
};

static void field_editor_iface_init (CuratorFieldEditorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CuratorLongTextRow, curator_long_text_row, ADW_TYPE_PREFERENCES_ROW,
                               G_IMPLEMENT_INTERFACE (CURATOR_TYPE_FIELD_EDITOR, field_editor_iface_init))

static void
curator_long_text_row_update_state (CuratorLongTextRow *self)
{
  curator_field_editor_show_emptiness (self->state_label, GTK_WIDGET (self->text_view),
                                       curator_field_editor_lookup (self->document, self->key_path),
                                       gtk_text_buffer_get_char_count (gtk_text_view_get_buffer (self->text_view)) == 0);
}

static void
curator_long_text_row_refresh (CuratorFieldEditor *editor)
{
  CuratorLongTextRow *self = CURATOR_LONG_TEXT_ROW (editor);
  const CuratorNode *node = curator_field_editor_lookup (self->document, self->key_path);
  const char *value = node != NULL ? curator_node_get_value (node) : NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);

  /* null, ~ and an empty value all read as "nothing here": shown empty,
   * and left as written until the curator types something. */
  if (value == NULL || (node != NULL && curator_node_get_scalar_type (node) == CURATOR_SCALAR_NULL))
    value = "";

  g_signal_handler_block (buffer, self->changed_handler);
  self->change_end = curator_field_editor_show_buffer_text (self->text_view, value);
  g_signal_handler_unblock (buffer, self->changed_handler);
  curator_long_text_row_update_state (self);
}

static void
curator_long_text_row_focus (CuratorFieldEditor *editor)
{
  CuratorLongTextRow *self = CURATOR_LONG_TEXT_ROW (editor);

  curator_field_editor_focus_text (GTK_WIDGET (self->text_view), self->change_end);
  self->change_end = -1;
}

static const char *
curator_long_text_row_get_key_path (CuratorFieldEditor *editor)
{
  return CURATOR_LONG_TEXT_ROW (editor)->key_path;
}

static const char *
curator_long_text_row_get_label (CuratorFieldEditor *editor)
{
  return CURATOR_LONG_TEXT_ROW (editor)->label;
}

static void
curator_long_text_row_set_document (CuratorFieldEditor *editor,
                                    CuratorDocument    *document)
{
  CuratorLongTextRow *self = CURATOR_LONG_TEXT_ROW (editor);

  g_set_object (&self->document, document);
  self->change_end = -1;
  curator_long_text_row_refresh (editor);
}

static void
field_editor_iface_init (CuratorFieldEditorInterface *iface)
{
  iface->get_key_path = curator_long_text_row_get_key_path;
  iface->get_label = curator_long_text_row_get_label;
  iface->refresh = curator_long_text_row_refresh;
  iface->focus = curator_long_text_row_focus;
  iface->set_document = curator_long_text_row_set_document;
}

static void
buffer_changed_cb (CuratorLongTextRow *self,
                   GtkTextBuffer      *buffer)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  curator_field_editor_type_value (GTK_WIDGET (self), self->document, self->key_path, text,
                                   CURATOR_SCALAR_AUTO);
  curator_long_text_row_update_state (self);
}

static void
curator_long_text_row_dispose (GObject *object)
{
  CuratorLongTextRow *self = (CuratorLongTextRow *)object;

  g_clear_object (&self->document);

  G_OBJECT_CLASS (curator_long_text_row_parent_class)->dispose (object);
}

static void
curator_long_text_row_finalize (GObject *object)
{
  CuratorLongTextRow *self = (CuratorLongTextRow *)object;

  g_clear_pointer (&self->key_path, g_free);
  g_clear_pointer (&self->label, g_free);

  G_OBJECT_CLASS (curator_long_text_row_parent_class)->finalize (object);
}

static void
curator_long_text_row_class_init (CuratorLongTextRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = curator_long_text_row_dispose;
  object_class->finalize = curator_long_text_row_finalize;
}

static void
curator_long_text_row_init (CuratorLongTextRow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *scroller;
  GtkWidget *overlay;

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  self->title_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->title_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "dim-label");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->title_label));

  self->text_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (self->text_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (self->text_view, FALSE);
  gtk_widget_add_css_class (frame, "long-text-frame");
  gtk_text_view_set_top_margin (self->text_view, 6);
  gtk_text_view_set_bottom_margin (self->text_view, 6);
  gtk_text_view_set_left_margin (self->text_view, 6);
  gtk_text_view_set_right_margin (self->text_view, 6);
  /* Grows with the text up to a point, then scrolls. */
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 64);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 240);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->text_view));
  /* "Empty" or "Not set" where the text goes, while there is none. */
  overlay = gtk_overlay_new ();
  gtk_overlay_set_child (GTK_OVERLAY (overlay), scroller);
  self->state_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->state_label, "dim-label");
  gtk_widget_set_halign (self->state_label, GTK_ALIGN_START);
  gtk_widget_set_valign (self->state_label, GTK_ALIGN_START);
  gtk_widget_set_margin_start (self->state_label, 6);
  gtk_widget_set_margin_top (self->state_label, 6);
  gtk_widget_set_can_target (self->state_label, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), self->state_label);
  gtk_frame_set_child (GTK_FRAME (frame), overlay);
  gtk_box_append (GTK_BOX (box), frame);

  self->help_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->help_label, 0);
  gtk_label_set_wrap (self->help_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->help_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->help_label), "field-help");
  gtk_widget_set_visible (GTK_WIDGET (self->help_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->help_label));

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);

  self->changed_handler = g_signal_connect_swapped (gtk_text_view_get_buffer (self->text_view), "changed",
                                                    G_CALLBACK (buffer_changed_cb), self);
}

GtkWidget *
curator_long_text_row_new (CuratorDocument *document,
                           const char      *key_path,
                           const char      *label,
                           const char      *help)
{
  CuratorLongTextRow *self;

  g_return_val_if_fail (CURATOR_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (key_path != NULL, NULL);

  self = g_object_new (CURATOR_TYPE_LONG_TEXT_ROW,
                       "title", label,
                       NULL);
  self->document = g_object_ref (document);
  self->key_path = g_strdup (key_path);
  self->label = g_strdup (label);

  gtk_label_set_text (self->title_label, label);
  if (help != NULL)
    {
      gtk_label_set_text (self->help_label, help);
      gtk_widget_set_visible (GTK_WIDGET (self->help_label), TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, help,
                                      -1);
    }

  curator_field_editor_label_input (GTK_WIDGET (self->text_view), label);

  curator_long_text_row_refresh (CURATOR_FIELD_EDITOR (self));

  return GTK_WIDGET (self);
}
