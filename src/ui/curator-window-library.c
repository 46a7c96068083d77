/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-window-library"

#include "config.h"

#include "curator-application.h"
#include "curator-field-editor.h"
#include "curator-window-import.h"
#include "curator-window-private.h"

#include <glib/gi18n.h>

/* The window's side of the library (src/ui/library/): a folder opened in
 * the sidebar, the file chosen there opened in the editor, unsaved
 * changes asked about first, and the last folder and file remembered. */

static GSettings *
window_settings (CuratorWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return CURATOR_IS_APPLICATION (app) ? curator_application_get_settings (CURATOR_APPLICATION (app)) : NULL;
}

/* @file is in the library's folder, at any depth. */
static gboolean
file_in_library (CuratorWindow *self,
                 GFile         *file)
{
  GFile *folder = curator_library_get_folder (self->library);

  return folder != NULL && file != NULL && g_file_has_prefix (file, folder);
}

static void
remember_file (CuratorWindow *self,
               GFile         *file)
{
  GSettings *settings = window_settings (self);
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

  if (settings != NULL)
    g_settings_set_string (settings, "recent-file", path != NULL ? path : "");
}

void
curator_window_open_folder (CuratorWindow *self,
                            GFile         *folder)
{
  GSettings *settings;
  g_autofree char *path = NULL;
  g_autofree char *uri = NULL;

  g_return_if_fail (CURATOR_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (folder));

  curator_library_set_folder (self->library, folder);
  gtk_widget_set_visible (GTK_WIDGET (self->library), TRUE);
  gtk_widget_set_visible (self->library_button, TRUE);
  adw_flap_set_reveal_flap (self->flap, TRUE);
  adw_status_page_set_title (self->empty_page, _("Choose a File"));
  adw_status_page_set_description (self->empty_page, _("Choose a file in the library, or search it with Ctrl+F"));
  _curator_window_library_sync (self, FALSE);

  uri = g_file_get_uri (folder);
  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);

  path = g_file_get_path (folder);
  settings = window_settings (self);
  if (settings != NULL && path != NULL)
    {
      g_settings_set_string (settings, "recent-folder", path);
      remember_file (self, self->document != NULL && file_in_library (self, curator_document_get_file (self->document))
                           ? curator_document_get_file (self->document) : NULL);
    }
}

CuratorLibrary *
curator_window_get_library (CuratorWindow *self)
{
  g_return_val_if_fail (CURATOR_IS_WINDOW (self), NULL);

  return self->library;
}

gboolean
_curator_window_library_can_replace (CuratorWindow *self)
{
  return self->document != NULL && !self->loading && !_curator_window_is_unsaved (self) &&
         file_in_library (self, curator_document_get_file (self->document));
}

void
_curator_window_library_reselect (CuratorWindow *self)
{
  curator_library_set_current_file (self->library, self->document != NULL ? curator_document_get_file (self->document) : NULL);
}

void
_curator_window_library_sync (CuratorWindow *self,
                              gboolean       new_document)
{
  GFile *file = self->document != NULL ? curator_document_get_file (self->document) : NULL;
  GFile *current = curator_library_get_current_file (self->library);

  /* Only a new file moves the selection (not each edit of this one). */
  if (file != current && (file == NULL || current == NULL || !g_file_equal (file, current)))
    {
      curator_library_set_current_file (self->library, file);
      new_document = TRUE;
    }
  if (new_document && file_in_library (self, file))
    remember_file (self, file);
  curator_library_set_unsaved_file (self->library, _curator_window_is_unsaved (self) ? file : NULL);
}

/* The chosen file replaces the one shown. */
static void
open_in_place (CuratorWindow *self,
               GFile         *file)
{
  g_clear_object (&self->open_after_save);
  /* On a narrow window the library covers the editor: make way. */
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
  /* The next Alt+Down goes on from this file, even before it has loaded. */
  curator_library_set_current_file (self->library, file);
  curator_window_open (self, file);
}

void
_curator_window_library_save_finished (CuratorWindow *self,
                                       gboolean       saved)
{
  g_autoptr(GFile) file = g_steal_pointer (&self->open_after_save);

  if (file == NULL)
    return;
  if (saved)
    open_in_place (self, file);
  else
    _curator_window_library_reselect (self);
}

static void
unsaved_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     CuratorWindow    *self)
{
  /* Answered: a later choice asks again (the dialog closes itself). */
  g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->unsaved_dialog);
  self->unsaved_dialog = NULL;

  if (g_strcmp0 (response, "save") == 0)
    {
      _curator_window_save (self, NULL);
      return;
    }

  if (g_strcmp0 (response, "discard") == 0 && self->open_after_save != NULL)
    {
      g_autoptr(GFile) file = g_object_ref (self->open_after_save);

      /* Discarded as on closing: no draft of them is kept either. */
      curator_recovery_bar_discard_draft (self->recovery_bar);
      _curator_window_import_leave_document (self, TRUE);
      open_in_place (self, file);
      return;
    }

  /* Cancelled: the row of the file still shown is selected again. */
  g_clear_object (&self->open_after_save);
  _curator_window_library_reselect (self);
}

static void
library_open_file_cb (CuratorWindow *self,
                      GFile         *file)
{
  GtkWidget *dialog;
  g_autofree char *body = NULL;

  if (!_curator_window_is_unsaved (self))
    {
      open_in_place (self, file);
      return;
    }

  /* A second choice while the question is up replaces the first. */
  g_set_object (&self->open_after_save, file);
  if (self->unsaved_dialog != NULL)
    return;

  curator_field_editor_end_typing (self->document);
  body = g_strdup_printf (_("“%s” has unsaved changes. If you don’t save, they are lost."),
                          curator_document_get_title (self->document));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save Changes?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save",
                                           curator_document_get_editable (self->document) && !self->raw_is_whole_file);
  g_signal_connect_object (dialog, "response", G_CALLBACK (unsaved_response_cb), self, 0);
  self->unsaved_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->unsaved_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A bulk edit or its undo rewrote files: the one shown is read again,
 * unless it has unsaved edits (the bulk edit left it alone then). */
static void
library_files_written_cb (CuratorWindow *self,
                          GPtrArray     *files)
{
  GFile *shown = self->document != NULL ? curator_document_get_file (self->document) : NULL;

  if (shown == NULL || _curator_window_is_unsaved (self))
    return;
  for (guint i = 0; i < files->len; i++)
    if (g_file_equal (g_ptr_array_index (files, i), shown))
      {
        g_autoptr(GFile) file = g_object_ref (shown);

        curator_window_open (self, file);
        return;
      }
}

static void
open_folder_response_cb (GtkNativeDialog *dialog,
                         int              response,
                         CuratorWindow   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (folder != NULL)
        curator_window_open_folder (self, folder);
    }

  gtk_native_dialog_destroy (dialog);
  if (self->file_chooser == dialog)
    g_clear_object (&self->file_chooser);
}

static void
open_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CuratorWindow *self = CURATOR_WINDOW (widget);
  GtkFileChooserNative *chooser;
  GFile *folder = curator_library_get_folder (self->library);

  chooser = gtk_file_chooser_native_new (_("Open a Content Folder"),
                                         GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Open"),
                                         _("_Cancel"));
  /* Where the library is, else where the file shown is. */
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  else if (self->document != NULL && curator_document_get_file (self->document) != NULL &&
           g_file_is_native (curator_document_get_file (self->document)))
    {
      g_autoptr(GFile) parent = g_file_get_parent (curator_document_get_file (self->document));

      if (parent != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), parent, NULL);
    }

  g_signal_connect_object (chooser, "response", G_CALLBACK (open_folder_response_cb), self, 0);
  g_clear_object (&self->file_chooser);
  self->file_chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->file_chooser);
}

static void
find_file_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CuratorWindow *self = CURATOR_WINDOW (widget);

  if (curator_library_get_folder (self->library) == NULL)
    return;
  adw_flap_set_reveal_flap (self->flap, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (self->library), "library.search", NULL);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CuratorWindow *self = CURATOR_WINDOW (widget);

  curator_library_move (self->library, g_str_equal (action_name, "win.next-file") ? 1 : -1);
}

static void
library_folder_cb (CuratorWindow *self)
{
  gboolean has_folder = curator_library_get_folder (self->library) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.find-file", has_folder);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next-file", has_folder);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.previous-file", has_folder);
}

void
_curator_window_class_library_init (CuratorWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.open-folder", NULL, open_folder_action);
  gtk_widget_class_install_action (widget_class, "win.find-file", NULL, find_file_action);
  gtk_widget_class_install_action (widget_class, "win.next-file", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "win.previous-file", NULL, move_action);

  /* Bubbling: a focused widget's own use of the key comes first (Ctrl+F
   * finds in the body editor, Alt+Up and Down move a list item). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.open-folder", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_O, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.open-folder", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find-file", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "win.next-file", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "win.previous-file", NULL);
}

static int
minimum_width (gpointer widget)
{
  int width;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &width, NULL, NULL, NULL);
  return width;
}

/* AdwFlap in libadwaita 1.2 folds only when the minimum sizes do not fit,
 * and the editor's minimum is that of its leaflet folded into one pane:
 * left to itself, the flap kept the library open while the form and the
 * body took turns in what was left. So the window decides by its width,
 * as breakpoints do in later libadwaita: the library stays beside the
 * editor only while the form and the body fit side by side too. */
void
_curator_window_library_fold_for_width (CuratorWindow *self,
                                        int            width)
{
  int library_width, editor_width;

  if (!gtk_widget_get_visible (GTK_WIDGET (self->library)))
    return;

  gtk_widget_measure (GTK_WIDGET (self->library), GTK_ORIENTATION_HORIZONTAL, -1,
                      NULL, &library_width, NULL, NULL);
  editor_width = minimum_width (self->stack);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "document") == 0 &&
      gtk_widget_get_visible (GTK_WIDGET (self->body_pane_slot)))
    editor_width = MAX (editor_width, minimum_width (self->form_stack) + minimum_width (self->body_pane_separator) +
                                      minimum_width (self->body_pane_slot));

  adw_flap_set_fold_policy (self->flap, width < library_width + minimum_width (adw_flap_get_separator (self->flap)) + editor_width
                                          ? ADW_FLAP_FOLD_POLICY_ALWAYS : ADW_FLAP_FOLD_POLICY_NEVER);
}

void
_curator_window_library_init (CuratorWindow *self)
{
  self->library = CURATOR_LIBRARY (curator_library_new ());
  /* Hidden, and the flap with it, until a folder is open. */
  gtk_widget_set_visible (GTK_WIDGET (self->library), FALSE);
  gtk_widget_set_size_request (GTK_WIDGET (self->library), 300, -1);
  adw_flap_set_flap (self->flap, GTK_WIDGET (self->library));

  g_signal_connect_object (self->library, "open-file", G_CALLBACK (library_open_file_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->library, "files-written", G_CALLBACK (library_files_written_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->library, "notify::folder", G_CALLBACK (library_folder_cb), self, G_CONNECT_SWAPPED);
  library_folder_cb (self);
}

void
_curator_window_library_dispose (CuratorWindow *self)
{
  if (self->unsaved_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->unsaved_dialog));
  g_clear_object (&self->open_after_save);
}

gboolean
curator_window_restore_folder (CuratorWindow *self)
{
  GSettings *settings;
  g_autofree char *folder_path = NULL;
  g_autofree char *file_path = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GFile) file = NULL;

  g_return_val_if_fail (CURATOR_IS_WINDOW (self), FALSE);

  settings = window_settings (self);
  if (settings == NULL)
    return FALSE;
  folder_path = g_settings_get_string (settings, "recent-folder");
  file_path = g_settings_get_string (settings, "recent-file");
  if (folder_path[0] == '\0')
    return FALSE;

  /* Two local look-ups at start-up: a folder or file removed since then
   * is not offered again. */
  folder = g_file_new_for_path (folder_path);
  if (g_file_query_file_type (folder, G_FILE_QUERY_INFO_NONE, NULL) != G_FILE_TYPE_DIRECTORY)
    return FALSE;
  if (file_path[0] != '\0')
    file = g_file_new_for_path (file_path);
  if (file != NULL && (!g_file_has_prefix (file, folder) ||
                       g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL) != G_FILE_TYPE_REGULAR))
    g_clear_object (&file);

  curator_window_open_folder (self, folder);
  if (file != NULL)
    curator_window_open (self, file);
  return TRUE;
}
