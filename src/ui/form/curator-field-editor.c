/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-field-editor"

#include "config.h"

#include "curator-field-editor.h"

#include <glib/gi18n.h>
#include <string.h>

#define TYPING_PAUSE_MS 1000

G_DEFINE_INTERFACE (CuratorFieldEditor, curator_field_editor, GTK_TYPE_WIDGET)

/* The undo group a row opened while the user types, kept on the document. */
typedef struct
{
  CuratorDocument *document;
  GtkWidget       *row;  /* weak: only compared, never dereferenced */
  guint            pause_source;
} TypingGroup;

static guint applying;

static void
curator_field_editor_default_init (CuratorFieldEditorInterface *iface)
{
}

const char *
curator_field_editor_get_key_path (CuratorFieldEditor *self)
{
  g_return_val_if_fail (CURATOR_IS_FIELD_EDITOR (self), NULL);

  return CURATOR_FIELD_EDITOR_GET_IFACE (self)->get_key_path (self);
}

const char *
curator_field_editor_get_label (CuratorFieldEditor *self)
{
  g_return_val_if_fail (CURATOR_IS_FIELD_EDITOR (self), NULL);

  return CURATOR_FIELD_EDITOR_GET_IFACE (self)->get_label (self);
}

void
curator_field_editor_refresh (CuratorFieldEditor *self)
{
  g_return_if_fail (CURATOR_IS_FIELD_EDITOR (self));

  if (CURATOR_FIELD_EDITOR_GET_IFACE (self)->refresh != NULL)
    CURATOR_FIELD_EDITOR_GET_IFACE (self)->refresh (self);
}

gboolean
curator_field_editor_is_applying (void)
{
  return applying > 0;
}

static void
typing_group_free (gpointer data)
{
  TypingGroup *group = data;

  g_clear_handle_id (&group->pause_source, g_source_remove);
  g_free (group);
}

void
curator_field_editor_end_typing (CuratorDocument *document)
{
  TypingGroup *group;

  g_return_if_fail (CURATOR_IS_DOCUMENT (document));

  group = g_object_get_data (G_OBJECT (document), "curator-typing-group");
  if (group == NULL)
    return;

  /* Steal first: ending the action may emit signals that re-enter. */
  g_object_steal_data (G_OBJECT (document), "curator-typing-group");
  curator_document_end_user_action (document);
  typing_group_free (group);
}

static gboolean
typing_pause_cb (gpointer user_data)
{
  TypingGroup *group = user_data;

  group->pause_source = 0;
  curator_field_editor_end_typing (group->document);

  return G_SOURCE_REMOVE;
}

static void
focus_leave_cb (GtkEventControllerFocus *controller,
                CuratorDocument         *document)
{
  TypingGroup *group = g_object_get_data (G_OBJECT (document), "curator-typing-group");
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  if (group != NULL && group->row == row)
    curator_field_editor_end_typing (document);
}

static void
ensure_focus_watch (GtkWidget       *row,
                    CuratorDocument *document)
{
  GtkEventController *focus;

  if (g_object_get_data (G_OBJECT (row), "curator-focus-watch") != NULL)
    return;

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (focus_leave_cb), document, 0);
  gtk_widget_add_controller (row, focus);
  g_object_set_data (G_OBJECT (row), "curator-focus-watch", focus);
}

gboolean
curator_field_editor_type_value (GtkWidget         *row,
                                 CuratorDocument   *document,
                                 const char        *key_path,
                                 const char        *value,
                                 CuratorScalarType  type)
{
  g_autoptr(GError) error = NULL;
  TypingGroup *group;
  gboolean ok;
  gsize len;

  g_return_val_if_fail (GTK_IS_WIDGET (row), FALSE);
  g_return_val_if_fail (CURATOR_IS_DOCUMENT (document), FALSE);

  group = g_object_get_data (G_OBJECT (document), "curator-typing-group");
  if (group != NULL && group->row != row)
    {
      curator_field_editor_end_typing (document);
      group = NULL;
    }
  if (group == NULL)
    {
      group = g_new0 (TypingGroup, 1);
      group->document = document;
      group->row = row;
      curator_document_begin_user_action (document);
      g_object_set_data_full (G_OBJECT (document), "curator-typing-group", group, typing_group_free);
      ensure_focus_watch (row, document);
    }

  applying++;
  ok = curator_document_set_value (document, key_path, value, type, &error);
  applying--;

  curator_field_editor_show_problem (row, NULL, ok ? NULL : error->message);

  /* A word ends the group: the next keystroke starts a new undo step. */
  len = value != NULL ? strlen (value) : 0;
  if (len > 0 && g_ascii_isspace (value[len - 1]))
    {
      curator_field_editor_end_typing (document);
    }
  else
    {
      g_clear_handle_id (&group->pause_source, g_source_remove);
      group->pause_source = g_timeout_add (TYPING_PAUSE_MS, typing_pause_cb, group);
    }

  return ok;
}

gboolean
curator_field_editor_apply (GtkWidget        *row,
                            CuratorDocument  *document,
                            gboolean        (*func) (CuratorDocument *document,
                                                     gpointer         data,
                                                     GError         **error),
                            gpointer          data)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_return_val_if_fail (CURATOR_IS_DOCUMENT (document), FALSE);

  curator_field_editor_end_typing (document);

  applying++;
  curator_document_begin_user_action (document);
  ok = func (document, data, &error);
  curator_document_end_user_action (document);
  applying--;

  if (row != NULL)
    curator_field_editor_show_problem (row, NULL, ok ? NULL : error->message);

  return ok;
}

void
curator_field_editor_show_problem (GtkWidget  *row,
                                   GtkWidget  *input,
                                   const char *message)
{
  g_return_if_fail (GTK_IS_WIDGET (row));

  if (message != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_add_css_class (row, "field-invalid");
      gtk_widget_set_tooltip_text (row, message);
    }
  else
    {
      gtk_widget_remove_css_class (row, "error");
      gtk_widget_remove_css_class (row, "field-invalid");
      gtk_widget_set_tooltip_text (row, g_object_get_data (G_OBJECT (row), "curator-help"));
    }

  if (input != NULL)
    {
      if (message != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (input),
                                        GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                        -1);
      else
        gtk_accessible_reset_property (GTK_ACCESSIBLE (input),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_update_state (GTK_ACCESSIBLE (input),
                                   GTK_ACCESSIBLE_STATE_INVALID,
                                   message != NULL ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                                   -1);
    }
}

void
curator_field_editor_label_input (GtkWidget  *input,
                                  const char *label)
{
  g_return_if_fail (GTK_IS_WIDGET (input));

  gtk_accessible_update_property (GTK_ACCESSIBLE (input),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  /* GTK 4.8 says the label and every labelling widget: the title that
   * libadwaita links to a row's activatable widget would make "ID ID". */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (input), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

void
curator_field_editor_show_emptiness (GtkWidget         *state_label,
                                     GtkWidget         *input,
                                     const CuratorNode *node,
                                     gboolean           is_empty)
{
  const char *state = NULL;

  g_return_if_fail (GTK_IS_LABEL (state_label));
  g_return_if_fail (GTK_IS_WIDGET (input));

  if (is_empty)
    state = node == NULL || curator_node_get_value (node) == NULL ||
            curator_node_get_scalar_type (node) == CURATOR_SCALAR_NULL
            ? _("Not set") : _("Empty");

  gtk_label_set_text (GTK_LABEL (state_label), state != NULL ? state : "");
  gtk_widget_set_visible (state_label, state != NULL);
  if (state != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (input), GTK_ACCESSIBLE_PROPERTY_PLACEHOLDER, state, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (input), GTK_ACCESSIBLE_PROPERTY_PLACEHOLDER);
}

const CuratorNode *
curator_field_editor_lookup (CuratorDocument *document,
                             const char      *key_path)
{
  g_return_val_if_fail (CURATOR_IS_DOCUMENT (document), NULL);

  if (!curator_document_get_editable (document))
    return NULL;

  return curator_document_lookup (document, key_path, NULL);
}
