/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-text-row"

#include "config.h"

#include "curator-text-row.h"

#include "curator-field-editor.h"

#include <glib/gi18n.h>

struct _CuratorTextRow
{
  AdwEntryRow        parent_instance;

  CuratorDocument   *document;
  char              *key_path;
  char              *label;
  CuratorFieldCheck  check;
  GtkWidget         *open_button;
  GtkWidget         *state_label;
  gulong             changed_handler;
  int                change_end;
};

static void field_editor_iface_init (CuratorFieldEditorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CuratorTextRow, curator_text_row, ADW_TYPE_ENTRY_ROW,
                               G_IMPLEMENT_INTERFACE (CURATOR_TYPE_FIELD_EDITOR, field_editor_iface_init))

static void
curator_text_row_check (CuratorTextRow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self));
  g_autofree char *problem = curator_field_check_value (self->check, text);

  curator_field_editor_show_problem (GTK_WIDGET (self),
                                     GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (self))),
                                     problem);
  if (self->open_button != NULL)
    gtk_widget_set_sensitive (self->open_button, problem == NULL && text[0] != '\0');
}

static void
curator_text_row_update_state (CuratorTextRow *self)
{
  curator_field_editor_show_emptiness (self->state_label,
                                       GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (self))),
                                       curator_field_editor_lookup (self->document, self->key_path),
                                       gtk_editable_get_text (GTK_EDITABLE (self))[0] == '\0');
}

static void
curator_text_row_refresh (CuratorFieldEditor *editor)
{
  CuratorTextRow *self = CURATOR_TEXT_ROW (editor);
  const CuratorNode *node = curator_field_editor_lookup (self->document, self->key_path);
  const char *value = node != NULL ? curator_node_get_value (node) : NULL;

  /* null, ~ and an empty value all read as "nothing here": shown empty,
   * and left as written until the curator types something. */
  if (value == NULL || (node != NULL && curator_node_get_scalar_type (node) == CURATOR_SCALAR_NULL))
    value = "";

  g_signal_handler_block (self, self->changed_handler);
  self->change_end = curator_field_editor_show_text (GTK_EDITABLE (self), value);
  g_signal_handler_unblock (self, self->changed_handler);

  if (node != NULL && curator_node_is_yaml11_ambiguous (node))
    curator_field_editor_set_tooltip (GTK_WIDGET (self),
                                      _("Kept as text: older YAML tools read this value as a number or a switch"));

  curator_text_row_check (self);
  curator_text_row_update_state (self);
}

static void
curator_text_row_focus (CuratorFieldEditor *editor)
{
  CuratorTextRow *self = CURATOR_TEXT_ROW (editor);

  curator_field_editor_focus_text (GTK_WIDGET (self), self->change_end);
  self->change_end = -1;
}

static const char *
curator_text_row_get_key_path (CuratorFieldEditor *editor)
{
  return CURATOR_TEXT_ROW (editor)->key_path;
}

static const char *
curator_text_row_get_label (CuratorFieldEditor *editor)
{
  return CURATOR_TEXT_ROW (editor)->label;
}

static void
curator_text_row_set_document (CuratorFieldEditor *editor,
                               CuratorDocument    *document)
{
  CuratorTextRow *self = CURATOR_TEXT_ROW (editor);

  g_set_object (&self->document, document);
  self->change_end = -1;
  curator_text_row_refresh (editor);
}

static void
field_editor_iface_init (CuratorFieldEditorInterface *iface)
{
  iface->get_key_path = curator_text_row_get_key_path;
  iface->get_label = curator_text_row_get_label;
  iface->refresh = curator_text_row_refresh;
  iface->focus = curator_text_row_focus;
  iface->set_document = curator_text_row_set_document;
}

static void
curator_text_row_changed_cb (CuratorTextRow *self)
{
  curator_field_editor_type_value (GTK_WIDGET (self),
                                   self->document,
                                   self->key_path,
                                   gtk_editable_get_text (GTK_EDITABLE (self)),
                                   CURATOR_SCALAR_AUTO);
  curator_text_row_check (self);
  curator_text_row_update_state (self);
}

static void
open_button_clicked_cb (CuratorTextRow *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                gtk_editable_get_text (GTK_EDITABLE (self)),
                GDK_CURRENT_TIME);
}

static void
curator_text_row_dispose (GObject *object)
{
  CuratorTextRow *self = (CuratorTextRow *)object;

  g_clear_object (&self->document);

  G_OBJECT_CLASS (curator_text_row_parent_class)->dispose (object);
}

static void
curator_text_row_finalize (GObject *object)
{
  CuratorTextRow *self = (CuratorTextRow *)object;

  g_clear_pointer (&self->key_path, g_free);
  g_clear_pointer (&self->label, g_free);

  G_OBJECT_CLASS (curator_text_row_parent_class)->finalize (object);
}

static void
curator_text_row_class_init (CuratorTextRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = curator_text_row_dispose;
  object_class->finalize = curator_text_row_finalize;
}

static void
curator_text_row_init (CuratorTextRow *self)
{
  /* "Empty" or "Not set", while there is no text. */
  self->state_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->state_label, "dim-label");
  gtk_widget_add_css_class (self->state_label, "caption");
  gtk_widget_set_valign (self->state_label, GTK_ALIGN_CENTER);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self), self->state_label);

  self->changed_handler = g_signal_connect (self, "changed", G_CALLBACK (curator_text_row_changed_cb), NULL);
}

GtkWidget *
curator_text_row_new (CuratorDocument   *document,
                      const char        *key_path,
                      const char        *label,
                      CuratorFieldCheck  check)
{
  CuratorTextRow *self;

  g_return_val_if_fail (CURATOR_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (key_path != NULL, NULL);

  self = g_object_new (CURATOR_TYPE_TEXT_ROW,
                       "title", label,
                       NULL);
  self->document = g_object_ref (document);
  self->key_path = g_strdup (key_path);
  self->label = g_strdup (label);
  self->check = check;

  curator_field_editor_label_input (GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (self))), label);

  if (check == CURATOR_FIELD_CHECK_URL)
    {
      g_autofree char *open_label = g_strdup_printf (_("Open %s in the Browser"), label);

      self->open_button = gtk_button_new_from_icon_name ("web-browser-symbolic");
      gtk_widget_set_valign (self->open_button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (self->open_button, "flat");
      curator_field_editor_set_tooltip (self->open_button, open_label);
      curator_field_editor_label_input (self->open_button, open_label);
      g_signal_connect_swapped (self->open_button, "clicked", G_CALLBACK (open_button_clicked_cb), self);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (self), self->open_button);
      adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (self), GTK_INPUT_PURPOSE_URL);
    }

  curator_text_row_refresh (CURATOR_FIELD_EDITOR (self));

  return GTK_WIDGET (self);
}
