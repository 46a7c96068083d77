/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-window"

#include "config.h"

#include "curator-application.h"
#include "curator-field-editor.h"
#include "curator-window-private.h"
#include "curator-window-import.h"

#include <glib/gi18n.h>
#include <string.h>

G_DEFINE_FINAL_TYPE (CuratorWindow, curator_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_LOADING,
  PROP_SHOW_PREVIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
file_is_bundled (GFile *file)
{
  return file != NULL && g_file_has_uri_scheme (file, "resource");
}

void
_curator_window_toast (CuratorWindow *self,
                       const char    *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static char *
dup_folder_display (GFile *file)
{
  g_autoptr(GFile) parent = NULL;
  g_autofree char *path = NULL;
  const char *home = g_get_home_dir ();

  if (file == NULL)
    return NULL;
  if (file_is_bundled (file))
    return g_strdup (_("Bundled sample"));

  parent = g_file_get_parent (file);
  if (parent == NULL)
    return NULL;

  path = g_file_get_path (parent);
  if (path == NULL)
    return g_file_get_parse_name (parent);

  if (home != NULL && g_str_has_prefix (path, home) &&
      (path[strlen (home)] == '/' || path[strlen (home)] == '\0'))
    return g_strconcat ("~", path + strlen (home), NULL);

  return g_steal_pointer (&path);
}

/* Which file is open: its name (files are often named by a UUID, so the
 * title alone does not tell) and its folder. */
static char *
dup_location_display (GFile      *file,
                      const char *title)
{
  g_autofree char *name = NULL;
  g_autofree char *folder = NULL;

  if (file == NULL)
    return NULL;

  name = g_file_get_basename (file);
  folder = dup_folder_display (file);

  /* A file without a title is already called by its name. */
  if (name == NULL || g_strcmp0 (name, title) == 0)
    return g_steal_pointer (&folder);
  if (folder == NULL)
    return g_steal_pointer (&name);

  /* Translators: the window's subtitle: a file's name, then the folder it
   * is in, "4a1c….md — ~/site/content/news". */
  return g_strdup_printf (_("%s — %s"), name, folder);
}

static void
curator_window_update_title (CuratorWindow *self)
{
  const char *title = NULL;
  g_autofree char *location = NULL;
  g_autofree char *path = NULL;
  gboolean modified;

  if (self->document != NULL)
    {
      GFile *file = curator_document_get_file (self->document);

      title = curator_document_get_title (self->document);
      location = dup_location_display (file, title);
      if (file != NULL && !file_is_bundled (file))
        path = g_file_get_parse_name (file);
    }

  if (title == NULL || title[0] == '\0')
    title = _("Curator");

  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, location);
  /* Only when they change: this runs for every key typed in the title.
   * GTK 4.8 sets both again whatever they were, a tooltip with two
   * round trips to the X server (where the pointer is), a window title
   * with a message to screen readers. */
  if (g_strcmp0 (gtk_widget_get_tooltip_text (GTK_WIDGET (self->window_title)), path) != 0)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->window_title), path);
  if (g_strcmp0 (gtk_window_get_title (GTK_WINDOW (self)), title) != 0)
    gtk_window_set_title (GTK_WINDOW (self), title);
  /* A new curation is unsaved until its file exists. */
  modified = _curator_window_is_unsaved (self);
  gtk_widget_set_visible (self->modified_indicator, modified);
  gtk_widget_set_visible (self->review_button, modified);
  /* Save stands out only when there is something to save. */
  if (modified)
    gtk_widget_add_css_class (self->save_button, "suggested-action");
  else
    gtk_widget_remove_css_class (self->save_button, "suggested-action");
}

/* Shows why @self's document is not a form, and its text to fix. */
static void
curator_window_show_refused (CuratorWindow *self)
{
  const GError *error = curator_document_get_load_error (self->document);

  /* A front matter that never closes holds the whole file: fixed there. */
  if (g_error_matches (error, CURATOR_ERROR, CURATOR_ERROR_UNTERMINATED))
    {
      g_autoptr(GBytes) bytes = curator_document_serialize (self->document);
      g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

      self->raw_is_whole_file = TRUE;
      curator_refused_view_set_whole_text (self->refused_view, self->document, text, error);
    }
  else
    curator_refused_view_set_document (self->refused_view, self->document);
}

/* The file shown stays on screen while the next one loads (no flash of
 * the spinner), but takes no input meanwhile: an edit made then would go
 * with it. The focus leaves the leaflet and cannot enter it, and its
 * clicks are held back (held_press_cb ()). Making it insensitive did the
 * same, but restyled, redrew and announced to assistive technologies
 * every widget of the form and the body, twice per file. */
static void
curator_window_hold_input (CuratorWindow *self,
                           gboolean       hold)
{
  GtkWidget *leaflet = GTK_WIDGET (self->leaflet);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (hold && focus != NULL && gtk_widget_is_ancestor (focus, leaflet))
    gtk_root_set_focus (GTK_ROOT (self), NULL);
  gtk_widget_set_can_focus (leaflet, !hold);
}

static void
held_press_cb (GtkGestureClick *gesture,
               int              n_press,
               double           x,
               double           y,
               CuratorWindow   *self)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture),
                         self->loading ? GTK_EVENT_SEQUENCE_CLAIMED : GTK_EVENT_SEQUENCE_DENIED);
}

static void
curator_window_update_view (CuratorWindow *self)
{
  const char *page;
  gboolean refused;

  /* The next file of the library loads behind the one shown (no flash of
   * the spinner); that one is not edited meanwhile. */
  if (self->loading && self->document == NULL)
    page = "loading";
  else if (self->document == NULL)
    page = "empty";
  else
    page = "document";

  refused = self->document != NULL &&
            (!curator_document_get_editable (self->document) || self->raw_is_whole_file);
  /* The body is shown beside the refused front matter, to read, unless
   * the refused view holds the whole file. */
  gtk_widget_set_visible (GTK_WIDGET (self->body_pane_slot), self->document != NULL && !self->raw_is_whole_file);

  gtk_spinner_set_spinning (self->loading_spinner, self->loading);
  curator_window_hold_input (self, self->loading);
  gtk_stack_set_visible_child_name (self->form_stack, refused ? "refused" : "form");
  gtk_stack_set_visible_child_name (self->stack, page);
  _curator_window_actions_update (self);
}

void
_curator_window_sync_state (CuratorWindow *self)
{
  curator_window_update_title (self);
  _curator_window_actions_update (self);
}

static void
document_notify_cb (CuratorWindow *self)
{
  _curator_window_sync_state (self);
  _curator_window_library_sync (self, FALSE);
}

static void
document_editable_cb (CuratorWindow *self)
{
  /* Refused again (an undo): the text as it is now. */
  if (!curator_document_get_editable (self->document))
    curator_window_show_refused (self);
  curator_window_update_view (self);
}

/* An undo or a redo changed a front matter that is still refused: the
 * refused view shows it as it is now. */
static void
document_changed_cb (CuratorWindow *self,
                     const char    *key_path)
{
  if (!self->applying_raw_text && !self->raw_is_whole_file &&
      g_strcmp0 (key_path, CURATOR_DOCUMENT_BODY_PATH) != 0 &&
      !curator_document_get_editable (self->document))
    curator_window_show_refused (self);
}

static void
curator_window_set_document (CuratorWindow   *self,
                             CuratorDocument *document)
{
  if (self->document == document)
    return;

  if (self->document != NULL)
    {
      _curator_window_import_leave_document (self, FALSE);
      g_signal_handlers_disconnect_by_data (self->document, self);
    }

  g_set_object (&self->document, document);
  /* First: a draft it restores is what the form and the body show. */
  curator_recovery_bar_set_document (self->recovery_bar, document);

  if (document != NULL)
    {
      g_signal_connect_object (document, "notify::modified", G_CALLBACK (document_notify_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "notify::title", G_CALLBACK (document_notify_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "notify::file", G_CALLBACK (document_notify_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "notify::can-undo", G_CALLBACK (document_notify_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "notify::can-redo", G_CALLBACK (document_notify_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "notify::editable", G_CALLBACK (document_editable_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "changed", G_CALLBACK (document_changed_cb), self, G_CONNECT_SWAPPED);
    }

  curator_form_set_document (self->form, document);
  curator_body_pane_set_document (self->body_pane, document);
  _curator_window_library_sync (self, TRUE);
  if (document != NULL)
    _curator_window_prepare_import (self);

  if (document != NULL && !curator_document_get_editable (document) && !self->raw_is_whole_file)
    curator_window_show_refused (self);

  curator_window_update_title (self);
  curator_window_update_view (self);
  /* Where fixing starts: the marked line, or "Add Front Matter". */
  if (document != NULL && (!curator_document_get_editable (document) || self->raw_is_whole_file))
    gtk_widget_grab_focus (GTK_WIDGET (self->refused_view));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

static void
curator_window_set_loading (CuratorWindow *self,
                            gboolean       loading)
{
  if (self->loading == !!loading)
    return;

  self->loading = !!loading;
  curator_window_update_view (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* The refused view's text was edited: read it again. */
static void
refused_text_changed_cb (CuratorWindow *self)
{
  g_autofree char *text = curator_refused_view_dup_text (self->refused_view);

  if (self->document == NULL)
    return;

  if (self->raw_is_whole_file)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_take (g_strdup (text), strlen (text));
      g_autoptr(GError) error = NULL;

      if (!curator_document_load_from_bytes (self->document, bytes, &error))
        {
          curator_refused_view_show_error (self->refused_view, error);
          return;
        }

      /* Readable now: continue like any refused or editable document. */
      self->repaired = TRUE;
      if (curator_document_get_editable (self->document) ||
          !g_error_matches (curator_document_get_load_error (self->document), CURATOR_ERROR, CURATOR_ERROR_UNTERMINATED))
        {
          self->raw_is_whole_file = FALSE;
          if (!curator_document_get_editable (self->document))
            curator_window_show_refused (self);
        }
      else
        curator_refused_view_show_error (self->refused_view, curator_document_get_load_error (self->document));
    }
  else
    {
      self->applying_raw_text = TRUE;
      curator_document_set_front_matter_text (self->document, text);
      self->applying_raw_text = FALSE;
    }

  if (curator_document_get_editable (self->document))
    {
      curator_form_rebuild (self->form);
      _curator_window_toast (self, _("The front matter reads correctly again"));
    }
  else if (!self->raw_is_whole_file)
    curator_refused_view_show_error (self->refused_view, curator_document_get_load_error (self->document));

  curator_window_update_title (self);
  curator_window_update_view (self);
}

static void
curator_window_show_error (CuratorWindow *self,
                           GFile         *file,
                           const GError  *error)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *title = g_strdup_printf (_("Could Not Open “%s”"), name);

  /* The next file of the library failed: the one shown stays, with its row. */
  if (self->document != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not open “%s”: %s"), name, error->message);

      _curator_window_toast (self, message);
      _curator_window_library_reselect (self);
      return;
    }

  adw_status_page_set_icon_name (self->empty_page, "dialog-error-symbolic");
  adw_status_page_set_title (self->empty_page, title);
  adw_status_page_set_description (self->empty_page, error->message);
}

typedef struct
{
  CuratorWindow   *self;
  CuratorDocument *document;
  GError          *error;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_error (&data->error);
  g_clear_object (&data->self);
  g_clear_object (&data->document);
  g_free (data);
}

static void
repair_contents_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  LoadData *data = user_data;
  CuratorWindow *self = data->self;
  g_autoptr(GBytes) contents = curator_file_read_finish (G_FILE (object), result, NULL);
  g_autofree char *valid = NULL;

  if (contents != NULL)
    {
      gsize length;
      const char *text = g_bytes_get_data (contents, &length);

      valid = g_utf8_make_valid (text != NULL ? text : "", length);
      self->raw_is_whole_file = TRUE;
      curator_refused_view_set_whole_text (self->refused_view, data->document, valid, data->error);
      curator_window_set_document (self, data->document);
    }

  curator_window_set_loading (self, FALSE);
  load_data_free (data);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  LoadData *data = user_data;
  CuratorWindow *self = data->self;
  CuratorDocument *document = CURATOR_DOCUMENT (object);
  GFile *file = curator_document_get_file (document);
  g_autoptr(GError) error = NULL;

  if (!curator_document_load_finish (document, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          load_data_free (data);
          return;
        }

      /* Invalid UTF-8 still opens: the text, made readable, to fix by hand. */
      if (g_error_matches (error, CURATOR_ERROR, CURATOR_ERROR_INVALID_UTF8))
        {
          data->error = g_steal_pointer (&error);
          curator_file_read_async (file, 0, self->cancellable, repair_contents_cb, data);
          return;
        }

      /* The draft of a file not written yet (a new curation never saved):
       * the edits are laid over an empty file, and Save creates it. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) &&
          curator_recovery_bar_has_draft_of (self->recovery_bar, document))
        {
          g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);

          g_clear_error (&error);
          curator_document_load_from_bytes (document, empty, &error);
        }
      if (error != NULL)
        {
          curator_window_show_error (self, file, error);
          curator_window_set_loading (self, FALSE);
          load_data_free (data);
          return;
        }
    }

  if (!file_is_bundled (file))
    {
      g_autofree char *uri = g_file_get_uri (file);

      gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
    }

  self->loading = FALSE;
  curator_window_set_document (self, document);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  load_data_free (data);
}

static void
save_geometry (CuratorWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GSettings *settings = CURATOR_IS_APPLICATION (app) ? curator_application_get_settings (CURATOR_APPLICATION (app)) : NULL;
  int width, height;

  if (settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
    }
}

static void
close_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   CuratorWindow    *self)
{
  if (g_strcmp0 (response, "discard") == 0)
    {
      self->discard_changes = TRUE;
      curator_recovery_bar_discard_draft (self->recovery_bar);
      gtk_window_close (GTK_WINDOW (self));
    }
  else if (g_strcmp0 (response, "save") == 0)
    {
      self->close_after_save = TRUE;
      gtk_widget_activate_action (GTK_WIDGET (self), "win.save", NULL);
    }
}

static gboolean
curator_window_close_request (GtkWindow *window)
{
  CuratorWindow *self = CURATOR_WINDOW (window);

  if (!self->discard_changes && _curator_window_is_unsaved (self))
    {
      GtkWidget *dialog;
      g_autofree char *body = NULL;

      curator_field_editor_end_typing (self->document);
      body = g_strdup_printf (_("“%s” has unsaved changes. If you don’t save, they are lost."),
                              curator_document_get_title (self->document));
      dialog = adw_message_dialog_new (window, _("Save Changes?"), body);
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
                                               curator_document_get_editable (self->document));
      g_signal_connect_object (dialog, "response", G_CALLBACK (close_response_cb), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return TRUE;
    }

  save_geometry (self);

  return GTK_WINDOW_CLASS (curator_window_parent_class)->close_request (window);
}

static void
restore_geometry (CuratorWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GSettings *settings = CURATOR_IS_APPLICATION (app) ? curator_application_get_settings (CURATOR_APPLICATION (app)) : NULL;
  int width, height;

  if (settings == NULL)
    return;

  width = g_settings_get_int (settings, "window-width");
  height = g_settings_get_int (settings, "window-height");
  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
curator_window_constructed (GObject *object)
{
  CuratorWindow *self = (CuratorWindow *)object;

  G_OBJECT_CLASS (curator_window_parent_class)->constructed (object);

  if (g_strcmp0 (PROFILE, "development") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

static void
curator_window_dispose (GObject *object)
{
  CuratorWindow *self = (CuratorWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->update_panes_source, g_source_remove);
  g_clear_handle_id (&self->prepare_import_source, g_source_remove);
  if (self->document != NULL)
    {
      curator_field_editor_end_typing (self->document);
      _curator_window_import_leave_document (self, self->discard_changes);
      g_signal_handlers_disconnect_by_data (self->document, self);
    }
  _curator_window_library_dispose (self);
  _curator_window_import_dispose (self);
  if (self->file_chooser != NULL)
    gtk_native_dialog_destroy (self->file_chooser);
  g_clear_object (&self->file_chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), CURATOR_TYPE_WINDOW);

  g_clear_object (&self->document);
  g_clear_object (&self->new_import);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->body_pane);

  G_OBJECT_CLASS (curator_window_parent_class)->dispose (object);
}

static void
curator_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CuratorWindow *self = CURATOR_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_SHOW_PREVIEW:
      g_value_set_boolean (value, curator_body_pane_get_show_preview (self->body_pane));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
curator_window_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CuratorWindow *self = CURATOR_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SHOW_PREVIEW:
      curator_body_pane_set_show_preview (self->body_pane, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
show_preview_changed_cb (CuratorWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_PREVIEW]);
}

/* Wide: form and body side by side, with the preview toggle. Narrow (the
 * leaflet folded): one at a time, and a button switches between them. */
static void
curator_window_update_panes (CuratorWindow *self)
{
  gboolean has_body = gtk_widget_get_visible (GTK_WIDGET (self->body_pane_slot));
  gboolean folded = adw_leaflet_get_folded (self->leaflet);
  gboolean showing_body = g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "body") == 0;

  gtk_widget_set_visible (self->preview_button, has_body && (!folded || showing_body));
  gtk_widget_set_visible (GTK_WIDGET (self->body_button), has_body && folded);

  g_signal_handlers_block_matched (self->body_button, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_toggle_button_set_active (self->body_button, folded && showing_body);
  g_signal_handlers_unblock_matched (self->body_button, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
}

static gboolean
update_panes_cb (gpointer user_data)
{
  CuratorWindow *self = user_data;

  self->update_panes_source = 0;
  curator_window_update_panes (self);

  return G_SOURCE_REMOVE;
}

/* The leaflet folds while it is being allocated: change the header bar's
 * buttons after that frame, not in the middle of it. */
static void
curator_window_queue_update_panes (CuratorWindow *self)
{
  if (self->update_panes_source == 0)
    self->update_panes_source = g_idle_add (update_panes_cb, self);
}

static void
body_button_toggled_cb (CuratorWindow *self)
{
  adw_leaflet_set_visible_child_name (self->leaflet,
                                      gtk_toggle_button_get_active (self->body_button) ? "body" : "form");
}

static void
curator_window_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  /* Before the children are allocated, so the flap folds in this frame. */
  _curator_window_library_fold_for_width (CURATOR_WINDOW (widget), width);
  GTK_WIDGET_CLASS (curator_window_parent_class)->size_allocate (widget, width, height, baseline);
}

static void
curator_window_class_init (CuratorWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = curator_window_constructed;
  object_class->dispose = curator_window_dispose;
  object_class->get_property = curator_window_get_property;
  object_class->set_property = curator_window_set_property;
  window_class->close_request = curator_window_close_request;
  widget_class->size_allocate = curator_window_size_allocate;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         CURATOR_TYPE_DOCUMENT,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* The preview next to the body editor (win.toggle-preview). */
  properties[PROP_SHOW_PREVIEW] =
    g_param_spec_boolean ("show-preview", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/curator-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CuratorWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CuratorWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, CuratorWindow, modified_indicator);
  gtk_widget_class_bind_template_child (widget_class, CuratorWindow, save_button);
  gtk_widget_class_bind_template_child (widget_class, CuratorWindow, review_button);
  gtk_widget_class_bind_template_child (widget_class, CuratorWindow, preview_button);
  gtk_widget_class_bind_template_child (widget_class, CuratorWindow, body_button);
  gtk_widget_class_bind_template_child (widget_class, CuratorWindow, recent_menu);
  gtk_widget_class_bind_template_child (widget_class, CuratorWindow, recent_box);
  gtk_widget_class_bind_template_child (widget_class, CuratorWindow, recent_list);
  gtk_widget_class_bind_template_child (widget_class, CuratorWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CuratorWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CuratorWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, CuratorWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CuratorWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, CuratorWindow, library_button);
  gtk_widget_class_bind_template_child (widget_class, CuratorWindow, form_scroller);
  gtk_widget_class_bind_template_child (widget_class, CuratorWindow, form_box);
  gtk_widget_class_bind_template_child (widget_class, CuratorWindow, body_pane_slot);
  gtk_widget_class_bind_template_child (widget_class, CuratorWindow, body_pane_separator);
  gtk_widget_class_bind_template_child (widget_class, CuratorWindow, form_stack);

  _curator_window_class_actions_init (klass);
  _curator_window_import_class_init (klass);
  _curator_window_class_library_init (klass);
}

static void
curator_window_init (CuratorWindow *self)
{
  /* Before the template: its preview toggle reads "show-preview". */
  self->body_pane = g_object_ref_sink (CURATOR_BODY_PANE (curator_body_pane_new ()));

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Built here rather than in the template so that the .ui files hold
   * GTK and libadwaita types only (gtk4-builder-tool validates them). */
  self->form = CURATOR_FORM (curator_form_new ());
  gtk_box_append (self->form_box, GTK_WIDGET (self->form));
  self->refused_view = CURATOR_REFUSED_VIEW (curator_refused_view_new ());
  gtk_stack_page_set_title (gtk_stack_add_named (self->form_stack, GTK_WIDGET (self->refused_view), "refused"),
                            _("Front Matter Text"));
  g_signal_connect_object (self->refused_view, "text-changed",
                           G_CALLBACK (refused_text_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_set_vexpand (GTK_WIDGET (self->body_pane), TRUE);
  gtk_box_append (self->body_pane_slot, GTK_WIDGET (self->body_pane));
  /* Above the library, the form and the body, below the header bar. */
  self->recovery_bar = CURATOR_RECOVERY_BAR (curator_recovery_bar_new ());
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->flap))),
                              GTK_WIDGET (self->recovery_bar),
                              gtk_widget_get_prev_sibling (GTK_WIDGET (self->flap)));
  g_signal_connect_object (self->body_pane, "notify::show-preview",
                           G_CALLBACK (show_preview_changed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->leaflet, "notify::folded",
                           G_CALLBACK (curator_window_queue_update_panes), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->leaflet, "notify::visible-child-name",
                           G_CALLBACK (curator_window_queue_update_panes), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->body_pane_slot, "notify::visible",
                           G_CALLBACK (curator_window_queue_update_panes), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->body_button, "toggled",
                           G_CALLBACK (body_button_toggled_cb), self, G_CONNECT_SWAPPED);

  self->cancellable = g_cancellable_new ();

  {
    GtkGesture *hold = gtk_gesture_click_new ();

    gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (hold), 0);
    gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (hold), GTK_PHASE_CAPTURE);
    g_signal_connect_object (hold, "pressed", G_CALLBACK (held_press_cb), self, 0);
    gtk_widget_add_controller (GTK_WIDGET (self->leaflet), GTK_EVENT_CONTROLLER (hold));
  }

  _curator_window_import_init (self);
  _curator_window_actions_init (self);
  _curator_window_library_init (self);
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (_curator_window_update_recent_menu), self, G_CONNECT_SWAPPED);
  _curator_window_update_recent_menu (self);
  curator_window_update_view (self);
}

CuratorWindow *
curator_window_new (GtkApplication *application)
{
  CuratorWindow *self = g_object_new (CURATOR_TYPE_WINDOW,
                                      "application", application,
                                      NULL);

  /* "application" is set after construction: restore the size here. */
  restore_geometry (self);
  if (CURATOR_IS_APPLICATION (application))
    curator_window_set_draft_store (self, curator_application_get_draft_store (CURATOR_APPLICATION (application)));

  return self;
}

void
curator_window_open (CuratorWindow *self,
                     GFile         *file)
{
  LoadData *data;

  g_return_if_fail (CURATOR_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->raw_is_whole_file = FALSE;
  self->repaired = FALSE;
  self->discard_changes = FALSE;
  g_clear_object (&self->new_import);

  data = g_new0 (LoadData, 1);
  data->self = g_object_ref (self);
  data->document = curator_document_new (file);

  curator_window_set_loading (self, TRUE);
  curator_document_load_async (data->document, self->cancellable, load_cb, data);
}

void
_curator_window_show_new (CuratorWindow    *self,
                          CuratorWebImport *import)
{
  g_return_if_fail (CURATOR_IS_WINDOW (self));
  g_return_if_fail (CURATOR_IS_WEB_IMPORT (import));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->raw_is_whole_file = FALSE;
  self->repaired = FALSE;
  self->discard_changes = FALSE;
  g_set_object (&self->new_import, import);
  self->loading = FALSE;
  curator_window_set_document (self, curator_web_import_get_document (import));
  /* Nothing of it is on disk: a crash must not lose it, edits or not,
   * nor its image. */
  curator_recovery_bar_set_new_file (self->recovery_bar, TRUE);
  _curator_window_import_write_image (self, import);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

gboolean
_curator_window_is_unsaved (CuratorWindow *self)
{
  /* A repaired file differs from the disk; a new curation is unsaved
   * until its file exists. */
  return self->document != NULL &&
         (curator_document_get_modified (self->document) || self->repaired || self->new_import != NULL);
}

CuratorDocument *
curator_window_get_document (CuratorWindow *self)
{
  g_return_val_if_fail (CURATOR_IS_WINDOW (self), NULL);

  return self->document;
}

gboolean
curator_window_get_loading (CuratorWindow *self)
{
  g_return_val_if_fail (CURATOR_IS_WINDOW (self), FALSE);

  return self->loading;
}

GtkWidget *
curator_window_get_form (CuratorWindow *self)
{
  g_return_val_if_fail (CURATOR_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->form);
}

/**
 * curator_window_get_body_pane:
 *
 * Returns: (transfer none): the body editor and preview
 */
CuratorBodyPane *
curator_window_get_body_pane (CuratorWindow *self)
{
  g_return_val_if_fail (CURATOR_IS_WINDOW (self), NULL);

  return self->body_pane;
}

GtkBox *
curator_window_get_body_pane_slot (CuratorWindow *self)
{
  g_return_val_if_fail (CURATOR_IS_WINDOW (self), NULL);

  return self->body_pane_slot;
}

/**
 * curator_window_set_draft_store:
 * @store: (nullable): where drafts of the window's documents go; NULL
 *   keeps none
 *
 * Windows of a #CuratorApplication use its store.
 */
void
curator_window_set_draft_store (CuratorWindow     *self,
                                CuratorDraftStore *store)
{
  g_return_if_fail (CURATOR_IS_WINDOW (self));

  curator_recovery_bar_set_store (self->recovery_bar, store);
}

/**
 * curator_window_get_recovery_bar:
 *
 * Returns: (transfer none): the bar that restores drafts and tells of
 *   changes on disk
 */
CuratorRecoveryBar *
curator_window_get_recovery_bar (CuratorWindow *self)
{
  g_return_val_if_fail (CURATOR_IS_WINDOW (self), NULL);

  return self->recovery_bar;
}
