/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-number-row"

#include "config.h"

#include "curator-number-row.h"

#include "curator-field-editor.h"

#include <glib/gi18n.h>
#include <string.h>

struct _CuratorNumberRow
{
  AdwActionRow     parent_instance;

  CuratorDocument *document;
  char            *key_path;
  char            *label;
  GtkSpinButton   *spin;
  gboolean         is_float;
  gulong           value_changed_handler;
};

static void field_editor_iface_init (CuratorFieldEditorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CuratorNumberRow, curator_number_row, ADW_TYPE_ACTION_ROW,
                               G_IMPLEMENT_INTERFACE (CURATOR_TYPE_FIELD_EDITOR, field_editor_iface_init))

static guint
count_decimals (const char *text)
{
  const char *dot = strchr (text, '.');
  guint n = 0;

  if (dot == NULL)
    return 0;
  for (const char *p = dot + 1; g_ascii_isdigit (*p); p++)
    n++;

  return n;
}

static void
curator_number_row_refresh (CuratorFieldEditor *editor)
{
  CuratorNumberRow *self = CURATOR_NUMBER_ROW (editor);
  const CuratorNode *node = curator_field_editor_lookup (self->document, self->key_path);
  const char *value = node != NULL ? curator_node_get_value (node) : NULL;
  double number;

  if (value == NULL)
    return;

  number = g_ascii_strtod (value, NULL);
  if (self->is_float)
    gtk_spin_button_set_digits (self->spin, MAX (1, count_decimals (value)));

  if (gtk_spin_button_get_value (self->spin) != number)
    {
      g_signal_handler_block (self->spin, self->value_changed_handler);
      gtk_spin_button_set_value (self->spin, number);
      g_signal_handler_unblock (self->spin, self->value_changed_handler);
    }
}

static void
curator_number_row_focus (CuratorFieldEditor *editor)
{
  CuratorNumberRow *self = CURATOR_NUMBER_ROW (editor);

  curator_field_editor_focus_text (GTK_WIDGET (self->spin),
                                   g_utf8_strlen (gtk_editable_get_text (GTK_EDITABLE (self->spin)), -1));
}

static const char *
curator_number_row_get_key_path (CuratorFieldEditor *editor)
{
  return CURATOR_NUMBER_ROW (editor)->key_path;
}

static const char *
curator_number_row_get_label (CuratorFieldEditor *editor)
{
  return CURATOR_NUMBER_ROW (editor)->label;
}

static void
curator_number_row_set_document (CuratorFieldEditor *editor,
                                 CuratorDocument    *document)
{
  CuratorNumberRow *self = CURATOR_NUMBER_ROW (editor);

  g_set_object (&self->document, document);
  /* Text typed and not taken yet goes: the value shown is the new one. */
  g_signal_handler_block (self->spin, self->value_changed_handler);
  gtk_spin_button_set_value (self->spin, gtk_spin_button_get_value (self->spin));
  g_signal_handler_unblock (self->spin, self->value_changed_handler);
  curator_number_row_refresh (editor);
}

static void
field_editor_iface_init (CuratorFieldEditorInterface *iface)
{
  iface->get_key_path = curator_number_row_get_key_path;
  iface->get_label = curator_number_row_get_label;
  iface->refresh = curator_number_row_refresh;
  iface->focus = curator_number_row_focus;
  iface->set_document = curator_number_row_set_document;
}

static void
value_changed_cb (CuratorNumberRow *self)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  const char *text;

  if (self->is_float)
    {
      char format[16];

      g_snprintf (format, sizeof format, "%%.%uf", gtk_spin_button_get_digits (self->spin));
      text = g_ascii_formatd (buffer, sizeof buffer, format, gtk_spin_button_get_value (self->spin));
    }
  else
    {
      g_snprintf (buffer, sizeof buffer, "%" G_GINT64_FORMAT,
                  (gint64)gtk_spin_button_get_value (self->spin));
      text = buffer;
    }

  curator_field_editor_type_value (GTK_WIDGET (self), self->document, self->key_path, text,
                                   self->is_float ? CURATOR_SCALAR_FLOAT : CURATOR_SCALAR_INT);
}

static void
curator_number_row_dispose (GObject *object)
{
  CuratorNumberRow *self = (CuratorNumberRow *)object;

  g_clear_object (&self->document);

  G_OBJECT_CLASS (curator_number_row_parent_class)->dispose (object);
}

static void
curator_number_row_finalize (GObject *object)
{
  CuratorNumberRow *self = (CuratorNumberRow *)object;

  g_clear_pointer (&self->key_path, g_free);
  g_clear_pointer (&self->label, g_free);

  G_OBJECT_CLASS (curator_number_row_parent_class)->finalize (object);
}

static void
curator_number_row_class_init (CuratorNumberRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = curator_number_row_dispose;
  object_class->finalize = curator_number_row_finalize;
}

static void
curator_number_row_init (CuratorNumberRow *self)
{
  self->spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (-1e15, 1e15, 1));
  gtk_spin_button_set_numeric (self->spin, TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self->spin), GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), GTK_WIDGET (self->spin));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self), GTK_WIDGET (self->spin));
  self->value_changed_handler = g_signal_connect_swapped (self->spin, "value-changed",
                                                          G_CALLBACK (value_changed_cb), self);
}

GtkWidget *
curator_number_row_new (CuratorDocument *document,
                        const char      *key_path,
                        const char      *label,
                        gboolean         is_float)
{
  CuratorNumberRow *self;

  g_return_val_if_fail (CURATOR_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (key_path != NULL, NULL);

  self = g_object_new (CURATOR_TYPE_NUMBER_ROW,
                       "title", label,
                       NULL);
  self->document = g_object_ref (document);
  self->key_path = g_strdup (key_path);
  self->label = g_strdup (label);
  self->is_float = is_float;
  if (is_float)
    gtk_spin_button_set_increments (self->spin, 0.1, 1.0);

  curator_field_editor_label_input (GTK_WIDGET (self->spin), label);
  curator_number_row_refresh (CURATOR_FIELD_EDITOR (self));

  return GTK_WIDGET (self);
}
