/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-bulk-edit-dialog"

#include "config.h"

#include "curator-bulk-edit-dialog.h"

#include <glib/gi18n.h>
#include <string.h>

struct _CuratorBulkEditDialog
{
  AdwWindow        parent_instance;

  GFile           *folder;
  GPtrArray       *files;         /* GFile */
  GFile           *unsaved_file;
  CuratorBulkEdit *edit;
  GCancellable    *cancellable;
  gboolean         applying;

  /* Template children */
  GtkWidget       *cancel_button;
  GtkWidget       *back_button;
  AdwWindowTitle  *window_title;
  GtkWidget       *review_button;
  GtkButton       *apply_button;
  GtkStack        *stack;
  AdwComboRow     *operation_row;
  AdwEntryRow     *key_row;
  AdwEntryRow     *value_row;
  GtkWidget       *json_row;
  GtkSwitch       *json_switch;
  GtkSpinner      *spinner;
  GtkLabel        *summary_label;
  GtkListView     *review_list;
};

G_DEFINE_FINAL_TYPE (CuratorBulkEditDialog, curator_bulk_edit_dialog, ADW_TYPE_WINDOW)

enum {
  APPLIED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static CuratorBulkEditOperation
selected_operation (CuratorBulkEditDialog *self)
{
  switch (adw_combo_row_get_selected (self->operation_row))
    {
    case 1:
      return CURATOR_BULK_EDIT_ADD;
    case 2:
      return CURATOR_BULK_EDIT_REMOVE;
    case 0:
    default:
      return CURATOR_BULK_EDIT_SET;
    }
}

static void
update_edit_page (CuratorBulkEditDialog *self)
{
  gboolean has_value = selected_operation (self) != CURATOR_BULK_EDIT_REMOVE;
  const char *key = gtk_editable_get_text (GTK_EDITABLE (self->key_row));

  gtk_widget_set_visible (GTK_WIDGET (self->value_row), has_value);
  gtk_widget_set_visible (self->json_row, has_value);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "bulk-edit.review", key[0] != '\0');
}

static void
show_page (CuratorBulkEditDialog *self,
           const char            *page)
{
  gboolean review = g_str_equal (page, "review");
  gboolean edit = g_str_equal (page, "edit");
  gboolean written = self->edit != NULL &&
                     curator_bulk_edit_count (self->edit, CURATOR_BULK_EDIT_FILE_CHANGE) == 0 &&
                     (curator_bulk_edit_count (self->edit, CURATOR_BULK_EDIT_FILE_WRITTEN) > 0 ||
                      curator_bulk_edit_count (self->edit, CURATOR_BULK_EDIT_FILE_FAILED) > 0);

  gtk_stack_set_visible_child_name (self->stack, page);
  gtk_spinner_set_spinning (self->spinner, g_str_equal (page, "working"));
  gtk_widget_set_visible (self->review_button, edit);
  gtk_widget_set_visible (GTK_WIDGET (self->apply_button), review && !written);
  gtk_widget_set_visible (self->back_button, review && !written);
  gtk_widget_set_sensitive (self->cancel_button, !g_str_equal (page, "working"));
  gtk_button_set_label (GTK_BUTTON (self->cancel_button), written ? _("_Close") : _("_Cancel"));
}

/* The review: one row per file, its diff or why it is left alone. */

static char *
diff_markup (const char *diff)
{
  g_auto(GStrv) lines = g_strsplit (diff, "\n", -1);
  GString *markup = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *escaped = g_markup_escape_text (lines[i], -1);
      const char *line = lines[i];

      if (lines[i + 1] == NULL && line[0] == '\0')
        break;
      if (i > 0)
        g_string_append_c (markup, '\n');
      /* The headers name the file, shown above already. */
      if (g_str_has_prefix (line, "--- ") || g_str_has_prefix (line, "+++ "))
        g_string_append_printf (markup, "<span alpha=\"60%%\">%s</span>", escaped);
      else if (line[0] == '+')
        g_string_append_printf (markup, "<span foreground=\"#26a269\">%s</span>", escaped);
      else if (line[0] == '-')
        g_string_append_printf (markup, "<span foreground=\"#e01b24\">%s</span>", escaped);
      else if (line[0] == '@')
        g_string_append_printf (markup, "<span alpha=\"60%%\">%s</span>", escaped);
      else
        g_string_append (markup, escaped);
    }
  return g_string_free (markup, FALSE);
}

static const char *
state_text (CuratorBulkEditFileState state)
{
  switch (state)
    {
    case CURATOR_BULK_EDIT_FILE_CHANGE:
      return _("Changes");
    case CURATOR_BULK_EDIT_FILE_UNCHANGED:
      return _("Unchanged");
    case CURATOR_BULK_EDIT_FILE_REFUSED:
      return _("Left alone");
    case CURATOR_BULK_EDIT_FILE_WRITTEN:
      return _("Written");
    case CURATOR_BULK_EDIT_FILE_FAILED:
      return _("Not written");
    case CURATOR_BULK_EDIT_FILE_RESTORED:
      return _("Restored");
    case CURATOR_BULK_EDIT_FILE_PENDING:
    default:
      return "";
    }
}

static void
update_review_row (GtkWidget           *row,
                   CuratorBulkEditFile *file)
{
  GtkLabel *name = g_object_get_data (G_OBJECT (row), "name");
  GtkLabel *state = g_object_get_data (G_OBJECT (row), "state");
  GtkLabel *detail = g_object_get_data (G_OBJECT (row), "detail");
  CuratorBulkEditFileState file_state = curator_bulk_edit_file_get_state (file);
  const GError *error = curator_bulk_edit_file_get_error (file);
  const char *diff = curator_bulk_edit_file_get_diff (file);
  g_autofree char *accessible = NULL;

  gtk_label_set_text (name, curator_bulk_edit_file_get_label (file));
  gtk_label_set_text (state, state_text (file_state));
  if (error != NULL)
    {
      gtk_label_set_text (detail, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (detail), "error");
    }
  else if (diff != NULL && file_state != CURATOR_BULK_EDIT_FILE_RESTORED)
    {
      g_autofree char *markup = diff_markup (diff);

      gtk_label_set_markup (detail, markup);
      gtk_widget_remove_css_class (GTK_WIDGET (detail), "error");
    }
  else
    gtk_label_set_text (detail, "");
  gtk_widget_set_visible (GTK_WIDGET (detail), gtk_label_get_text (detail)[0] != '\0');

  /* Translators: a file's path, then what happens to it in a bulk edit. */
  accessible = g_strdup_printf (_("%s: %s"), curator_bulk_edit_file_get_label (file), state_text (file_state));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
file_state_cb (CuratorBulkEditFile *file,
               GParamSpec          *pspec,
               GtkWidget           *row)
{
  update_review_row (row, file);
}

static void
setup_review_row_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *state = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);

  gtk_widget_set_margin_top (row, 12);
  gtk_widget_set_margin_bottom (row, 12);
  gtk_widget_set_margin_start (row, 12);
  gtk_widget_set_margin_end (row, 12);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_START);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (name, "heading");
  gtk_widget_add_css_class (state, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_selectable (GTK_LABEL (detail), TRUE);
  gtk_label_set_wrap (GTK_LABEL (detail), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (detail), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (detail, "monospace");
  gtk_box_append (GTK_BOX (header), name);
  gtk_box_append (GTK_BOX (header), state);
  gtk_box_append (GTK_BOX (row), header);
  gtk_box_append (GTK_BOX (row), detail);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);

  g_object_set_data (G_OBJECT (row), "name", name);
  g_object_set_data (G_OBJECT (row), "state", state);
  g_object_set_data (G_OBJECT (row), "detail", detail);
  gtk_list_item_set_child (list_item, row);
  gtk_list_item_set_activatable (list_item, FALSE);
}

static void
bind_review_row_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item)
{
  CuratorBulkEditFile *file = gtk_list_item_get_item (list_item);
  GtkWidget *row = gtk_list_item_get_child (list_item);

  update_review_row (row, file);
  g_signal_connect_object (file, "notify::state", G_CALLBACK (file_state_cb), row, 0);
}

static void
unbind_review_row_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *list_item)
{
  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (list_item), file_state_cb,
                                        gtk_list_item_get_child (list_item));
}

static void
update_summary (CuratorBulkEditDialog *self)
{
  guint change = curator_bulk_edit_count (self->edit, CURATOR_BULK_EDIT_FILE_CHANGE);
  guint unchanged = curator_bulk_edit_count (self->edit, CURATOR_BULK_EDIT_FILE_UNCHANGED);
  guint refused = curator_bulk_edit_count (self->edit, CURATOR_BULK_EDIT_FILE_REFUSED);
  guint written = curator_bulk_edit_count (self->edit, CURATOR_BULK_EDIT_FILE_WRITTEN);
  guint failed = curator_bulk_edit_count (self->edit, CURATOR_BULK_EDIT_FILE_FAILED);
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autofree char *apply = NULL;

  if (written > 0 || failed > 0)
    {
      g_string_append_printf (summary, g_dngettext (GETTEXT_PACKAGE, "%u file written.", "%u files written.", written), written);
      if (failed > 0)
        {
          g_string_append_c (summary, ' ');
          g_string_append_printf (summary, g_dngettext (GETTEXT_PACKAGE, "%u file could not be written: it is left as it was.",
                                                        "%u files could not be written: they are left as they were.", failed),
                                  failed);
        }
    }
  else
    g_string_append_printf (summary, g_dngettext (GETTEXT_PACKAGE, "%u file changes.", "%u files change.", change), change);
  if (unchanged > 0)
    {
      g_string_append_c (summary, ' ');
      g_string_append_printf (summary, g_dngettext (GETTEXT_PACKAGE, "%u is unchanged.", "%u are unchanged.", unchanged), unchanged);
    }
  if (refused > 0)
    {
      g_string_append_c (summary, ' ');
      g_string_append_printf (summary, g_dngettext (GETTEXT_PACKAGE, "%u is left alone: see why below.",
                                                    "%u are left alone: see why below.", refused), refused);
    }
  gtk_label_set_text (self->summary_label, summary->str);

  apply = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Write %u File", "_Write %u Files", change), change);
  gtk_button_set_label (self->apply_button, apply);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "bulk-edit.apply", change > 0);
}

static void
prepared_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CuratorBulkEditDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkNoSelection) selection = NULL;

  if (!curator_bulk_edit_prepare_finish (CURATOR_BULK_EDIT (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not review the bulk edit: %s", error->message);
      return;
    }
  if (CURATOR_BULK_EDIT (source) != self->edit)
    return;

  selection = gtk_no_selection_new (g_object_ref (curator_bulk_edit_get_files (self->edit)));
  gtk_list_view_set_model (self->review_list, GTK_SELECTION_MODEL (selection));
  update_summary (self);
  show_page (self, "review");
}

static void
review_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CuratorBulkEditDialog *self = CURATOR_BULK_EDIT_DIALOG (widget);
  CuratorBulkEditOperation operation = selected_operation (self);
  const char *key = gtk_editable_get_text (GTK_EDITABLE (self->key_row));
  const char *value = gtk_editable_get_text (GTK_EDITABLE (self->value_row));

  if (key[0] == '\0')
    return;

  g_clear_object (&self->edit);
  self->edit = curator_bulk_edit_new (self->folder, operation, key, value, gtk_switch_get_active (self->json_switch));
  for (guint i = 0; i < self->files->len; i++)
    {
      GFile *file = g_ptr_array_index (self->files, i);

      if (self->unsaved_file != NULL && g_file_equal (file, self->unsaved_file))
        curator_bulk_edit_refuse_file (self->edit, file,
                                       _("It has unsaved changes in the editor: save or discard them first"));
      else
        curator_bulk_edit_add_file (self->edit, file);
    }

  show_page (self, "working");
  curator_bulk_edit_prepare_async (self->edit, self->cancellable, prepared_cb, g_object_ref (self));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CuratorBulkEditDialog *self = CURATOR_BULK_EDIT_DIALOG (widget);

  gtk_list_view_set_model (self->review_list, NULL);
  g_clear_object (&self->edit);
  show_page (self, "edit");
}

static void
applied_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CuratorBulkEditDialog) self = user_data;
  CuratorBulkEdit *edit = CURATOR_BULK_EDIT (source);
  g_autoptr(GError) error = NULL;

  self->applying = FALSE;
  curator_bulk_edit_apply_finish (edit, result, &error);

  g_signal_emit (self, signals[APPLIED], 0, edit);
  /* All written: nothing more to see. Else the review says which not. */
  if (error == NULL)
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  update_summary (self);
  show_page (self, "review");
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CuratorBulkEditDialog *self = CURATOR_BULK_EDIT_DIALOG (widget);

  if (self->edit == NULL || curator_bulk_edit_count (self->edit, CURATOR_BULK_EDIT_FILE_CHANGE) == 0)
    return;

  show_page (self, "working");
  self->applying = TRUE;
  /* Not cancellable: a file is written in milliseconds, and the review
   * must not end half written without saying which files were. */
  curator_bulk_edit_apply_async (self->edit, NULL, applied_cb, g_object_ref (self));
}

static gboolean
curator_bulk_edit_dialog_close_request (GtkWindow *window)
{
  CuratorBulkEditDialog *self = CURATOR_BULK_EDIT_DIALOG (window);

  if (self->applying)
    return TRUE;
  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (curator_bulk_edit_dialog_parent_class)->close_request (window);
}

static void
curator_bulk_edit_dialog_dispose (GObject *object)
{
  CuratorBulkEditDialog *self = (CuratorBulkEditDialog *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CURATOR_TYPE_BULK_EDIT_DIALOG);

  g_clear_object (&self->folder);
  g_clear_pointer (&self->files, g_ptr_array_unref);
  g_clear_object (&self->unsaved_file);
  g_clear_object (&self->edit);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (curator_bulk_edit_dialog_parent_class)->dispose (object);
}

static void
curator_bulk_edit_dialog_class_init (CuratorBulkEditDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = curator_bulk_edit_dialog_dispose;
  window_class->close_request = curator_bulk_edit_dialog_close_request;

  signals[APPLIED] =
    g_signal_new ("applied",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CURATOR_TYPE_BULK_EDIT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/curator-bulk-edit-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CuratorBulkEditDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CuratorBulkEditDialog, back_button);
  gtk_widget_class_bind_template_child (widget_class, CuratorBulkEditDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, CuratorBulkEditDialog, review_button);
  gtk_widget_class_bind_template_child (widget_class, CuratorBulkEditDialog, apply_button);
  gtk_widget_class_bind_template_child (widget_class, CuratorBulkEditDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CuratorBulkEditDialog, operation_row);
  gtk_widget_class_bind_template_child (widget_class, CuratorBulkEditDialog, key_row);
  gtk_widget_class_bind_template_child (widget_class, CuratorBulkEditDialog, value_row);
  gtk_widget_class_bind_template_child (widget_class, CuratorBulkEditDialog, json_row);
  gtk_widget_class_bind_template_child (widget_class, CuratorBulkEditDialog, json_switch);
  gtk_widget_class_bind_template_child (widget_class, CuratorBulkEditDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, CuratorBulkEditDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CuratorBulkEditDialog, review_list);

  gtk_widget_class_install_action (widget_class, "bulk-edit.review", NULL, review_action);
  gtk_widget_class_install_action (widget_class, "bulk-edit.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "bulk-edit.apply", NULL, apply_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
key_activated_cb (CuratorBulkEditDialog *self)
{
  if (gtk_widget_get_visible (GTK_WIDGET (self->value_row)))
    gtk_widget_grab_focus (GTK_WIDGET (self->value_row));
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "bulk-edit.review", NULL);
}

static void
curator_bulk_edit_dialog_init (CuratorBulkEditDialog *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->files = g_ptr_array_new_with_free_func (g_object_unref);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_review_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_review_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_review_row_cb), NULL);
  gtk_list_view_set_factory (self->review_list, factory);

  g_signal_connect_object (self->operation_row, "notify::selected", G_CALLBACK (update_edit_page), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->key_row, "changed", G_CALLBACK (update_edit_page), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->key_row, "entry-activated", G_CALLBACK (key_activated_cb), self, G_CONNECT_SWAPPED);

  update_edit_page (self);
  show_page (self, "edit");
}

GtkWidget *
curator_bulk_edit_dialog_new (GtkWindow  *parent,
                              GFile      *folder,
                              GFile     **files,
                              guint       n_files,
                              GFile      *unsaved_file)
{
  CuratorBulkEditDialog *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (!folder || G_IS_FILE (folder), NULL);
  g_return_val_if_fail (files != NULL || n_files == 0, NULL);

  self = g_object_new (CURATOR_TYPE_BULK_EDIT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->folder = folder != NULL ? g_object_ref (folder) : NULL;
  self->unsaved_file = unsaved_file != NULL ? g_object_ref (unsaved_file) : NULL;
  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (self->files, g_object_ref (files[i]));

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Edit %u File", "Edit %u Files", n_files), n_files);
  adw_window_title_set_title (self->window_title, title);
  gtk_window_set_title (GTK_WINDOW (self), title);

  return GTK_WIDGET (self);
}

CuratorBulkEdit *
curator_bulk_edit_dialog_get_edit (CuratorBulkEditDialog *self)
{
  g_return_val_if_fail (CURATOR_IS_BULK_EDIT_DIALOG (self), NULL);

  return self->edit;
}
