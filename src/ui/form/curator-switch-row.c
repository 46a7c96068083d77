/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-switch-row"

#include "config.h"

#include "curator-switch-row.h"

#include "curator-field-editor.h"

#include <glib/gi18n.h>

struct _CuratorSwitchRow
{
  AdwActionRow     parent_instance;

  CuratorDocument *document;
  char            *key_path;
  char            *label;
  GtkSwitch       *toggle;
  gulong           active_handler;
};

static void field_editor_iface_init (CuratorFieldEditorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CuratorSwitchRow, curator_switch_row, ADW_TYPE_ACTION_ROW,
                               G_IMPLEMENT_INTERFACE (CURATOR_TYPE_FIELD_EDITOR, field_editor_iface_init))

static void
curator_switch_row_refresh (CuratorFieldEditor *editor)
{
  CuratorSwitchRow *self = CURATOR_SWITCH_ROW (editor);
  const CuratorNode *node = curator_field_editor_lookup (self->document, self->key_path);
  const char *value = node != NULL ? curator_node_get_value (node) : NULL;
  gboolean active = value != NULL && g_ascii_strcasecmp (value, "true") == 0;

  if (gtk_switch_get_active (self->toggle) != active)
    {
      g_signal_handler_block (self->toggle, self->active_handler);
      gtk_switch_set_active (self->toggle, active);
      g_signal_handler_unblock (self->toggle, self->active_handler);
    }
}

static void
curator_switch_row_focus (CuratorFieldEditor *editor)
{
  gtk_widget_grab_focus (GTK_WIDGET (CURATOR_SWITCH_ROW (editor)->toggle));
}

static const char *
curator_switch_row_get_key_path (CuratorFieldEditor *editor)
{
  return CURATOR_SWITCH_ROW (editor)->key_path;
}

static const char *
curator_switch_row_get_label (CuratorFieldEditor *editor)
{
  return CURATOR_SWITCH_ROW (editor)->label;
}

static void
curator_switch_row_set_document (CuratorFieldEditor *editor,
                                 CuratorDocument    *document)
{
  CuratorSwitchRow *self = CURATOR_SWITCH_ROW (editor);

  g_set_object (&self->document, document);
  curator_switch_row_refresh (editor);
}

static void
field_editor_iface_init (CuratorFieldEditorInterface *iface)
{
  iface->get_key_path = curator_switch_row_get_key_path;
  iface->get_label = curator_switch_row_get_label;
  iface->refresh = curator_switch_row_refresh;
  iface->focus = curator_switch_row_focus;
  iface->set_document = curator_switch_row_set_document;
}

static void
active_changed_cb (CuratorSwitchRow *self)
{
  const CuratorNode *node = curator_field_editor_lookup (self->document, self->key_path);
  const char *old = node != NULL ? curator_node_get_value (node) : NULL;
  gboolean active = gtk_switch_get_active (self->toggle);
  const char *text;

  /* Keep the file's spelling: True/False, TRUE/FALSE, true/false. */
  if (old != NULL && g_ascii_isupper (old[0]) && old[1] != '\0' && g_ascii_isupper (old[1]))
    text = active ? "TRUE" : "FALSE";
  else if (old != NULL && g_ascii_isupper (old[0]))
    text = active ? "True" : "False";
  else
    text = active ? "true" : "false";

  curator_field_editor_type_value (GTK_WIDGET (self), self->document, self->key_path, text,
                                   CURATOR_SCALAR_BOOL);
  /* A toggle is a whole edit on its own. */
  curator_field_editor_end_typing (self->document);
}

static void
curator_switch_row_dispose (GObject *object)
{
  CuratorSwitchRow *self = (CuratorSwitchRow *)object;

  g_clear_object (&self->document);

  G_OBJECT_CLASS (curator_switch_row_parent_class)->dispose (object);
}

static void
curator_switch_row_finalize (GObject *object)
{
  CuratorSwitchRow *self = (CuratorSwitchRow *)object;

  g_clear_pointer (&self->key_path, g_free);
  g_clear_pointer (&self->label, g_free);

  G_OBJECT_CLASS (curator_switch_row_parent_class)->finalize (object);
}

static void
curator_switch_row_class_init (CuratorSwitchRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = curator_switch_row_dispose;
  object_class->finalize = curator_switch_row_finalize;
}

static void
curator_switch_row_init (CuratorSwitchRow *self)
{
  self->toggle = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->toggle), GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), GTK_WIDGET (self->toggle));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self), GTK_WIDGET (self->toggle));
  self->active_handler = g_signal_connect_swapped (self->toggle, "notify::active",
                                                   G_CALLBACK (active_changed_cb), self);
}

GtkWidget *
curator_switch_row_new (CuratorDocument *document,
                        const char      *key_path,
                        const char      *label)
{
  CuratorSwitchRow *self;

  g_return_val_if_fail (CURATOR_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (key_path != NULL, NULL);

  self = g_object_new (CURATOR_TYPE_SWITCH_ROW,
                       "title", label,
                       NULL);
  self->document = g_object_ref (document);
  self->key_path = g_strdup (key_path);
  self->label = g_strdup (label);

  curator_field_editor_label_input (GTK_WIDGET (self->toggle), label);
  curator_switch_row_refresh (CURATOR_FIELD_EDITOR (self));

  return GTK_WIDGET (self);
}
