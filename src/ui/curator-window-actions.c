/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-window-actions"

#include "config.h"

#include "curator-add-field-dialog.h"
#include "curator-application.h"
#include "curator-diff-window.h"
#include "curator-field-editor.h"
#include "curator-window-private.h"
#include "curator-window-import.h"

#include <glib/gi18n.h>

static gboolean
file_is_bundled (GFile *file)
{
  return file != NULL && g_file_has_uri_scheme (file, "resource");
}

typedef struct
{
  CuratorWindow *self;
  GFile         *file;
  /* Into this window whatever it shows; else only when it is empty (a
   * folder: when it is the first thing opened). */
  gboolean       here;
  gboolean       first;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->file);
  g_free (data);
}

static void
open_elsewhere (CuratorWindow *self,
                GFile         *file)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  CuratorWindow *window;

  if (CURATOR_IS_APPLICATION (app))
    {
      curator_application_open_file (CURATOR_APPLICATION (app), file);
      return;
    }
  window = curator_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  curator_window_open_location (window, file);
}

static void
query_type_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  OpenData *data = user_data;
  CuratorWindow *self = data->self;
  g_autoptr(GFileInfo) info = g_file_query_info_finish (G_FILE (source), result, NULL);
  gboolean is_folder = info != NULL && g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY;

  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    ;
  /* A folder goes into the library of this window. */
  else if (is_folder && (data->here || data->first))
    curator_window_open_folder (self, data->file);
  /* A file goes into this window when it shows nothing yet. A file that
   * cannot be read opens too: the window says why. */
  else if (!is_folder && (data->here || (data->first && self->document == NULL && !self->loading)))
    curator_window_open (self, data->file);
  else
    open_elsewhere (self, data->file);

  open_data_free (data);
}

static void
open_by_type (CuratorWindow *self,
              GFile         *file,
              gboolean       here,
              gboolean       first)
{
  OpenData *data = g_new0 (OpenData, 1);

  data->self = g_object_ref (self);
  data->file = g_object_ref (file);
  data->here = here;
  data->first = first;
  g_file_query_info_async (file, G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NONE,
                           G_PRIORITY_DEFAULT, NULL, query_type_cb, data);
}

void
curator_window_open_location (CuratorWindow *self,
                              GFile         *file)
{
  g_return_if_fail (CURATOR_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  open_by_type (self, file, TRUE, TRUE);
}

void
_curator_window_open_files (CuratorWindow  *self,
                            GFile         **files,
                            guint           n_files)
{
  for (guint i = 0; i < n_files; i++)
    open_by_type (self, files[i], FALSE, i == 0);
}

static GtkFileFilter *
content_file_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Content Files"));
  gtk_file_filter_add_suffix (filter, "md");
  gtk_file_filter_add_suffix (filter, "markdown");
  gtk_file_filter_add_suffix (filter, "html");
  gtk_file_filter_add_suffix (filter, "htm");
  gtk_file_filter_add_mime_type (filter, "text/markdown");
  gtk_file_filter_add_mime_type (filter, "text/html");

  return filter;
}

static void
open_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  CuratorWindow   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        g_ptr_array_add (array, g_list_model_get_item (files, i));
      _curator_window_open_files (self, (GFile **)array->pdata, array->len);
    }

  gtk_native_dialog_destroy (dialog);
  if (self->file_chooser == dialog)
    g_clear_object (&self->file_chooser);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CuratorWindow *self = CURATOR_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) content_filter = content_file_filter ();
  g_autoptr(GtkFileFilter) all_filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Open Content Files"),
                                         GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"),
                                         _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_filter_set_name (all_filter, _("All Files"));
  gtk_file_filter_add_pattern (all_filter, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), content_filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all_filter);

  if (self->document != NULL && !file_is_bundled (curator_document_get_file (self->document)))
    {
      g_autoptr(GFile) folder = g_file_get_parent (curator_document_get_file (self->document));

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }

  g_signal_connect_object (chooser, "response", G_CALLBACK (open_response_cb), self, 0);
  g_clear_object (&self->file_chooser);
  self->file_chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->file_chooser);
}

typedef struct
{
  CuratorWindow *self;
  GFile         *file;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->file);
  g_free (data);
}

static void save_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data);

static void
overwrite_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       SaveData         *data)
{
  if (g_strcmp0 (response, "overwrite") == 0)
    curator_document_save_async (data->self->document, data->file,
                                 CURATOR_SAVE_FLAGS_IGNORE_MODIFIED_ON_DISK,
                                 data->self->cancellable, save_cb, data);
  else
    {
      data->self->close_after_save = FALSE;
      _curator_window_library_save_finished (data->self, FALSE);
      save_data_free (data);
    }
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  SaveData *data = user_data;
  CuratorWindow *self = data->self;
  CuratorDocument *document = CURATOR_DOCUMENT (object);
  g_autoptr(GError) error = NULL;

  if (!curator_document_save_finish (document, result, &error))
    {
      if (g_error_matches (error, CURATOR_ERROR, CURATOR_ERROR_MODIFIED_ON_DISK))
        {
          GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                                      _("The File Changed on Disk"),
                                                      _("Another program changed this file since it was opened. Saving replaces its changes with yours."));

          adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                            "cancel", _("_Cancel"),
                                            "overwrite", _("_Save Anyway"),
                                            NULL);
          adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "overwrite",
                                                      ADW_RESPONSE_DESTRUCTIVE);
          adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
          g_signal_connect (dialog, "response", G_CALLBACK (overwrite_response_cb), data);
          gtk_window_present (GTK_WINDOW (dialog));
          return;
        }

      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = NULL;

          /* The model's own I/O failures already say "FILE: cannot save: …". */
          if (error->domain == G_IO_ERROR)
            message = g_strdup (error->message);
          else
            message = g_strdup_printf (_("Could not save: %s"), error->message);
          _curator_window_toast (self, message);
        }
      self->close_after_save = FALSE;
      _curator_window_library_save_finished (self, FALSE);
      save_data_free (data);
      return;
    }

  /* Saved elsewhere: the document now belongs to that file. */
  if (data->file != NULL && !g_file_equal (data->file, curator_document_get_file (document)))
    curator_document_set_file (document, data->file);

  if (data->file != NULL)
    {
      g_autofree char *uri = g_file_get_uri (data->file);

      gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
    }

  self->repaired = FALSE;
  /* A new curation saved elsewhere is a file like any other now. */
  g_clear_object (&self->new_import);
  _curator_window_sync_state (self);
  _curator_window_library_save_finished (self, TRUE);

  if (self->close_after_save)
    {
      self->close_after_save = FALSE;
      gtk_window_close (GTK_WINDOW (self));
    }

  save_data_free (data);
}

static void save_as_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter);

static void
review_response_cb (CuratorWindow *self,
                    const char    *response)
{
  if (g_strcmp0 (response, "save") == 0)
    _curator_window_save (self, NULL);
}

/* What Save would write against the file as it is on disk: what a Git
 * user checks before committing. */
void
_curator_window_review_changes (CuratorWindow *self)
{
  g_autoptr(GBytes) mine = NULL;
  g_autofree char *name = NULL;
  GFile *file;
  CuratorDiffWindow *window;

  g_return_if_fail (CURATOR_IS_WINDOW (self));

  if (self->document == NULL)
    return;

  curator_field_editor_end_typing (self->document);
  file = curator_document_get_file (self->document);
  name = file != NULL ? g_file_get_basename (file) : g_strdup (_("Untitled"));
  mine = curator_document_serialize (self->document);
  window = curator_diff_window_new (GTK_WINDOW (self), _("Review Changes"), name);
  curator_diff_window_set_versions (window, curator_document_get_saved_bytes (self->document),
                                    _("on disk"), mine, _("after saving"));
  curator_diff_window_add_response (window, "save", _("_Save"),
                                    gtk_widget_is_sensitive (self->save_button));
  g_signal_connect_object (window, "response", G_CALLBACK (review_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (window));
}

static void
review_changes_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  _curator_window_review_changes (CURATOR_WINDOW (widget));
}

void
_curator_window_save (CuratorWindow *self,
                      GFile         *file)
{
  SaveData *data;

  g_return_if_fail (CURATOR_IS_WINDOW (self));

  if (self->document == NULL || !curator_document_get_editable (self->document))
    return;

  curator_field_editor_end_typing (self->document);

  if (file == NULL && self->new_import != NULL)
    {
      _curator_window_import_save (self);
      return;
    }

  /* The bundled sample is read-only: saving it means choosing a file. */
  if (file == NULL && file_is_bundled (curator_document_get_file (self->document)))
    {
      save_as_action (GTK_WIDGET (self), "win.save-as", NULL);
      return;
    }

  data = g_new0 (SaveData, 1);
  data->self = g_object_ref (self);
  data->file = file != NULL ? g_object_ref (file) : NULL;
  curator_document_save_async (self->document, file, CURATOR_SAVE_FLAGS_NONE,
                               self->cancellable, save_cb, data);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  _curator_window_save (CURATOR_WINDOW (widget), NULL);
}

static void
save_as_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     CuratorWindow   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      _curator_window_save (self, file);
    }
  else
    {
      self->close_after_save = FALSE;
      _curator_window_library_save_finished (self, FALSE);
    }

  gtk_native_dialog_destroy (dialog);
  if (self->file_chooser == dialog)
    g_clear_object (&self->file_chooser);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CuratorWindow *self = CURATOR_WINDOW (widget);
  GtkFileChooserNative *chooser;
  GFile *current;

  if (self->document == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Save As"),
                                         GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"),
                                         _("_Cancel"));
  current = curator_document_get_file (self->document);
  if (current != NULL && !file_is_bundled (current))
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), current, NULL);
  else if (current != NULL)
    {
      g_autofree char *name = g_file_get_basename (current);

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
    }

  g_signal_connect_object (chooser, "response", G_CALLBACK (save_as_response_cb), self, 0);
  g_clear_object (&self->file_chooser);
  self->file_chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->file_chooser);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CuratorWindow *self = CURATOR_WINDOW (widget);

  if (self->document == NULL)
    return;

  curator_form_undo (self->form);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CuratorWindow *self = CURATOR_WINDOW (widget);

  if (self->document == NULL)
    return;

  curator_form_redo (self->form);
}

static void
add_field_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CuratorWindow *self = CURATOR_WINDOW (widget);
  GtkWidget *dialog;

  if (self->document == NULL || !curator_document_get_editable (self->document))
    return;

  dialog = curator_add_field_dialog_new (GTK_WINDOW (self), self->form);
  gtk_window_present (GTK_WINDOW (dialog));
}

#define RECENT_MENU_ITEMS 8

static int
compare_recent_by_visit (gconstpointer a,
                         gconstpointer b)
{
  GtkRecentInfo *x = *(GtkRecentInfo **)a;
  GtkRecentInfo *y = *(GtkRecentInfo **)b;
  g_autoptr(GDateTime) tx = g_date_time_ref (gtk_recent_info_get_visited (x));
  g_autoptr(GDateTime) ty = g_date_time_ref (gtk_recent_info_get_visited (y));

  return g_date_time_compare (ty, tx);
}

/* A recent file on the empty window's page: its name, its folder. */
static GtkWidget *
create_recent_row (GtkRecentInfo *info)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *arrow;
  g_autoptr(GFile) file = g_file_new_for_uri (gtk_recent_info_get_uri (info));
  g_autoptr(GFile) folder = g_file_get_parent (file);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), gtk_recent_info_get_display_name (info));
  if (folder != NULL)
    {
      g_autofree char *folder_name = g_file_get_parse_name (folder);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), folder_name);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
    }
  arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
  /* Decorative; the rows come after the page was realized (and mended
   * by curator_accessible_init()), so hide it from screen readers here,
   * or they hear "GtkImage". */
  gtk_accessible_update_state (GTK_ACCESSIBLE (arrow), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-recent");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), g_variant_new_string (gtk_recent_info_get_uri (info)));

  return row;
}

/* The files this application opened or saved last, newest first: in
 * Open Recent, and on the page of an empty window. */
void
_curator_window_update_recent_menu (CuratorWindow *self)
{
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  g_autoptr(GPtrArray) ours = g_ptr_array_new ();
  const char *app_name = g_get_application_name ();
  const char *prgname = g_get_prgname ();
  GtkWidget *child;

  g_menu_remove_all (self->recent_menu);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);

  for (GList *l = items; l != NULL; l = l->next)
    {
      GtkRecentInfo *info = l->data;

      if ((app_name != NULL && gtk_recent_info_has_application (info, app_name)) ||
          (prgname != NULL && gtk_recent_info_has_application (info, prgname)))
        g_ptr_array_add (ours, info);
    }
  g_ptr_array_sort (ours, compare_recent_by_visit);

  for (guint i = 0; i < ours->len && i < RECENT_MENU_ITEMS; i++)
    {
      GtkRecentInfo *info = g_ptr_array_index (ours, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (gtk_recent_info_get_display_name (info), NULL);

      g_menu_item_set_action_and_target_value (item, "win.open-recent",
                                               g_variant_new_string (gtk_recent_info_get_uri (info)));
      g_menu_append_item (self->recent_menu, item);
      gtk_list_box_append (self->recent_list, create_recent_row (info));
    }

  gtk_widget_set_visible (self->recent_box, ours->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-recent", ours->len > 0);
  g_list_free_full (items, (GDestroyNotify)gtk_recent_info_unref);
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CuratorWindow *self = CURATOR_WINDOW (widget);
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  _curator_window_open_files (self, &file, 1);
}

void
_curator_window_class_actions_init (CuratorWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.review-changes", NULL, review_changes_action);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.add-field", NULL, add_field_action);
  gtk_widget_class_install_property_action (widget_class, "win.toggle-preview", "show-preview");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK | GDK_ALT_MASK, "win.review-changes", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "win.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK | GDK_ALT_MASK, "win.toggle-preview", NULL);
}

void
_curator_window_actions_init (CuratorWindow *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  /* Undo and redo act on the document even when a text field has focus:
   * capture them before GtkText's own per-entry undo sees them. */
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_z, GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("win.undo")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                                                          gtk_named_action_new ("win.redo")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                                                          gtk_named_action_new ("win.redo")));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

void
_curator_window_actions_update (CuratorWindow *self)
{
  gboolean has_document = self->document != NULL && !self->loading;
  gboolean editable = has_document && curator_document_get_editable (self->document) && !self->raw_is_whole_file;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", editable);
  /* An empty window has nothing to save: no button for it. */
  gtk_widget_set_visible (self->save_button, self->document != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.review-changes",
                                 editable && (curator_document_get_modified (self->document) || self->repaired));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-field", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 has_document && curator_document_get_can_undo (self->document));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                 has_document && curator_document_get_can_redo (self->document));
}
