/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-add-field-dialog"

#include "config.h"

#include "curator-add-field-dialog.h"

#include <glib/gi18n.h>

struct _CuratorAddFieldDialog
{
  AdwMessageDialog  parent_instance;

  CuratorForm      *form;
  GtkEntry         *name_entry;
  GtkDropDown      *kind_dropdown;
  GtkLabel         *problem_label;
};

G_DEFINE_FINAL_TYPE (CuratorAddFieldDialog, curator_add_field_dialog, ADW_TYPE_MESSAGE_DIALOG)

static const struct {
  CuratorFieldKind  kind;
  const char       *label;
} field_kinds[] = {
  { CURATOR_FIELD_KIND_TEXT, N_("Text") },
  { CURATOR_FIELD_KIND_LONG_TEXT, N_("Long text") },
  { CURATOR_FIELD_KIND_INT, N_("Whole number") },
  { CURATOR_FIELD_KIND_FLOAT, N_("Number") },
  { CURATOR_FIELD_KIND_BOOL, N_("Switch (true or false)") },
  { CURATOR_FIELD_KIND_DATE, N_("Date") },
  { CURATOR_FIELD_KIND_URL, N_("Web address") },
  { CURATOR_FIELD_KIND_STRING_LIST, N_("List of text") },
  { CURATOR_FIELD_KIND_MAP, N_("Group of fields") },
};

static void
name_changed_cb (CuratorAddFieldDialog *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_entry));
  CuratorDocument *document = curator_form_get_document (self->form);
  g_autoptr(GString) path = g_string_new (NULL);
  const char *problem = NULL;

  curator_key_path_append_key (path, name);
  if (name[0] == '\0')
    problem = "";
  else if (g_utf8_strchr (name, -1, ':') != NULL || g_utf8_strchr (name, -1, '#') != NULL ||
           g_ascii_isspace (name[0]))
    problem = _("A field name cannot start with a space or contain “:” or “#”");
  else if (document != NULL && curator_document_lookup (document, path->str, NULL) != NULL)
    problem = _("This field already exists");

  gtk_label_set_text (self->problem_label, problem != NULL ? problem : "");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "add", problem == NULL);
}

static void
curator_add_field_dialog_response (AdwMessageDialog *dialog,
                                   const char       *response)
{
  CuratorAddFieldDialog *self = CURATOR_ADD_FIELD_DIALOG (dialog);

  if (g_strcmp0 (response, "add") == 0)
    {
      g_autoptr(GError) error = NULL;
      guint selected = gtk_drop_down_get_selected (self->kind_dropdown);

      if (!curator_form_add_field (self->form,
                                   gtk_editable_get_text (GTK_EDITABLE (self->name_entry)),
                                   field_kinds[MIN (selected, G_N_ELEMENTS (field_kinds) - 1)].kind,
                                   &error))
        g_warning ("Could not add the field: %s", error->message);
    }

  /* "response" has no default handler in libadwaita 1.2: chaining up to
   * it unconditionally called NULL. */
  if (ADW_MESSAGE_DIALOG_CLASS (curator_add_field_dialog_parent_class)->response != NULL)
    ADW_MESSAGE_DIALOG_CLASS (curator_add_field_dialog_parent_class)->response (dialog, response);
}

static void
curator_add_field_dialog_dispose (GObject *object)
{
  CuratorAddFieldDialog *self = (CuratorAddFieldDialog *)object;

  g_clear_object (&self->form);

  G_OBJECT_CLASS (curator_add_field_dialog_parent_class)->dispose (object);
}

static void
curator_add_field_dialog_class_init (CuratorAddFieldDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->dispose = curator_add_field_dialog_dispose;
  dialog_class->response = curator_add_field_dialog_response;
}

static void
curator_add_field_dialog_init (CuratorAddFieldDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *name_label = gtk_label_new_with_mnemonic (_("Field _name"));
  GtkWidget *kind_label = gtk_label_new_with_mnemonic (_("_Kind"));
  /* The labels name their inputs (their mnemonic widget): a label
   * property as well would be said first, "Kind Kind". */
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (field_kinds); i++)
    gtk_string_list_append (kinds, _(field_kinds[i].label));

  self->name_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_activates_default (self->name_entry, TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (name_label), GTK_WIDGET (self->name_entry));
  gtk_label_set_xalign (GTK_LABEL (name_label), 0);

  self->kind_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&kinds)), NULL));
  gtk_label_set_mnemonic_widget (GTK_LABEL (kind_label), GTK_WIDGET (self->kind_dropdown));
  gtk_label_set_xalign (GTK_LABEL (kind_label), 0);

  self->problem_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->problem_label, TRUE);
  gtk_label_set_xalign (self->problem_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->problem_label), "error");

  gtk_box_append (GTK_BOX (box), name_label);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->name_entry));
  gtk_box_append (GTK_BOX (box), kind_label);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->kind_dropdown));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->problem_label));

  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), _("Add Field"));
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self),
                               _("The field is added at the end of the front matter with an empty value."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self),
                                    "cancel", _("_Cancel"),
                                    "add", _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "add", FALSE);

  g_signal_connect_swapped (self->name_entry, "changed", G_CALLBACK (name_changed_cb), self);
}

GtkWidget *
curator_add_field_dialog_new (GtkWindow   *parent,
                              CuratorForm *form)
{
  CuratorAddFieldDialog *self;

  g_return_val_if_fail (CURATOR_IS_FORM (form), NULL);

  self = g_object_new (CURATOR_TYPE_ADD_FIELD_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->form = g_object_ref (form);

  return GTK_WIDGET (self);
}
