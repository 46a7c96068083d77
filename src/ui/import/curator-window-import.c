/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-window-import"

#include "config.h"

#include "curator-window-import.h"

#include "curator-charset.h"
#include "curator-html-sanitizer.h"
#include "curator-import-dialog.h"
#include "curator-web-error.h"
#include "curator-web-import.h"
#include "curator-window-private.h"

#include <glib/gi18n.h>
#include <string.h>

static gboolean
file_is_bundled (GFile *file)
{
  return file != NULL && g_file_has_uri_scheme (file, "resource");
}

static gboolean
has_suffix_ci (const char *name,
               const char *suffix)
{
  gsize name_len = strlen (name), suffix_len = strlen (suffix);

  return name_len > suffix_len && g_ascii_strcasecmp (name + name_len - suffix_len, suffix) == 0;
}

static gboolean
name_is_html (const char *name)
{
  return has_suffix_ci (name, ".html") || has_suffix_ci (name, ".htm");
}

static gboolean
name_is_image (const char *name)
{
  static const char * const suffixes[] = {
    ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".bmp", ".tif", ".tiff", NULL,
  };

  for (guint i = 0; suffixes[i] != NULL; i++)
    if (has_suffix_ci (name, suffixes[i]))
      return TRUE;
  return FALSE;
}

/* An address that names an image (what a browser drags for an <img>). */
static gboolean
url_is_image (const char *url)
{
  g_autoptr(GUri) uri = url != NULL ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;

  return uri != NULL && name_is_image (g_uri_get_path (uri));
}

/* The address of the image a browser drags for an <img>: its address when
 * it names an image, else the image its HTML is made of alone (image CDNs
 * give addresses without an extension). NULL when the drop is more. */
static char *
dup_dragged_image_url (const CuratorDropData *data)
{
  g_autofree char *html = NULL;
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;

  if (data->html == NULL)
    return url_is_image (data->url) ? g_strdup (data->url) : NULL;

  html = curator_html_sanitize (data->html, -1, data->url, CURATOR_SANITIZE_NONE);
  if (!g_str_has_prefix (html, "<img ") || strchr (html + 1, '<') != NULL)
    return NULL;
  regex = g_regex_new (" src=\"([^\"]+)\"", 0, 0, NULL);
  if (!g_regex_match (regex, html, 0, &match))
    return NULL;
  {
    g_autofree char *escaped = g_match_info_fetch (match, 1);
    /* The sanitizer writes & as &amp; in attributes. */
    g_auto(GStrv) parts = g_strsplit (escaped, "&amp;", -1);

    return g_strjoinv ("&", parts);
  }
}

/* The folder of the open file, where a new curation goes; NULL when the
 * window shows none (or the bundled sample). */
static GFile *
dup_document_folder (CuratorWindow *self)
{
  GFile *file = self->document != NULL ? curator_document_get_file (self->document) : NULL;

  if (file == NULL || file_is_bundled (file))
    return NULL;
  return g_file_get_parent (file);
}

static char *
text_to_html (const char *text)
{
  g_auto(GStrv) paragraphs = g_regex_split_simple ("\\n\\s*\\n", text, 0, 0);
  g_autoptr(GString) html = g_string_new (NULL);

  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (paragraphs[i]));
      g_autofree char *escaped = NULL;

      if (stripped[0] == '\0')
        continue;
      escaped = g_markup_escape_text (stripped, -1);
      g_string_append_printf (html, "<p>%s</p>", escaped);
    }
  return g_string_free (g_steal_pointer (&html), FALSE);
}

/* A new curation shown */

static void
import_created_cb (CuratorImportDialog *dialog,
                   CuratorWebImport    *import,
                   CuratorWindow       *self)
{
  CuratorWindow *target = self;
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  CuratorFolderTemplate *template = curator_web_import_get_template (import);

  /* The next import into the folder has the same fields, mostly. */
  if (template != NULL)
    g_set_object (&self->last_import_rules, curator_folder_template_get_rules (template));

  /* A window that shows a file keeps it, with its edits: the new one
   * gets its own. A saved file of the library makes way, as when
   * another row is chosen: its row brings it back. */
  if (_curator_window_library_can_replace (self))
    {
      if (adw_flap_get_folded (self->flap))
        adw_flap_set_reveal_flap (self->flap, FALSE);
    }
  else if (self->document != NULL || self->loading)
    {
      target = curator_window_new (app);
      curator_window_set_draft_store (target, curator_recovery_bar_get_store (self->recovery_bar));
      gtk_window_present (GTK_WINDOW (target));
    }
  _curator_window_show_new (target, import);
}

static void
start_import (CuratorWindow    *self,
              CuratorWebImport *import)
{
  CuratorImportDialog *dialog = g_steal_pointer (&self->spare_import_dialog);

  if (dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->spare_import_dialog);
  else
    dialog = curator_import_dialog_new (GTK_WINDOW (self));
  curator_import_dialog_run (dialog, import);

  self->imported = TRUE;
  g_signal_connect_object (dialog, "created", G_CALLBACK (import_created_cb), self, 0);
  /* The template was used: the next drop's is made while this one ends. */
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (_curator_window_prepare_import), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef void (*FolderCallback) (CuratorWindow *self,
                                GFile         *folder,
                                gpointer       user_data);

typedef struct
{
  CuratorWindow  *self;
  FolderCallback  callback;
  gpointer        user_data;
  GDestroyNotify  destroy;
} FolderRequest;

static void
folder_request_free (FolderRequest *request)
{
  if (request->destroy != NULL)
    request->destroy (request->user_data);
  g_clear_object (&request->self);
  g_free (request);
}

static void
folder_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    FolderRequest   *request)
{
  CuratorWindow *self = request->self;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      request->callback (self, folder, request->user_data);
    }
  gtk_native_dialog_destroy (dialog);
  if (self->file_chooser == dialog)
    g_clear_object (&self->file_chooser);
  folder_request_free (request);
}

/* Calls @callback with the folder a new curation goes to: the section
 * chosen in the library (its section filter, else the folder of the rows
 * selected), else the open file's folder, else one the curator chooses. */
static void
with_folder (CuratorWindow  *self,
             FolderCallback  callback,
             gpointer        user_data,
             GDestroyNotify  destroy)
{
  g_autoptr(GFile) folder = curator_library_dup_selected_section (self->library);
  GtkFileChooserNative *chooser;
  FolderRequest *request;

  if (folder == NULL)
    folder = dup_document_folder (self);
  if (folder != NULL)
    {
      callback (self, folder, user_data);
      if (destroy != NULL)
        destroy (user_data);
      return;
    }

  request = g_new0 (FolderRequest, 1);
  request->self = g_object_ref (self);
  request->callback = callback;
  request->user_data = user_data;
  request->destroy = destroy;

  chooser = gtk_file_chooser_native_new (_("Choose the Folder of the New Curation"),
                                         GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Choose"),
                                         _("_Cancel"));
  g_signal_connect (chooser, "response", G_CALLBACK (folder_response_cb), request);
  g_clear_object (&self->file_chooser);
  self->file_chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->file_chooser);
}

static gboolean
prepare_import_cb (gpointer data)
{
  CuratorWindow *self = data;
  g_autoptr(GFile) folder = curator_library_dup_selected_section (self->library);

  self->prepare_import_source = 0;
  if (folder == NULL)
    folder = dup_document_folder (self);
  if (folder != NULL)
    curator_folder_template_prepare_async (folder, NULL, NULL, NULL);

  /* Making the dialog's widgets took the main thread while the page was
   * on its way (7-10 ms). It stays hidden, and goes with the window. */
  if (self->spare_import_dialog == NULL)
    {
      self->spare_import_dialog = curator_import_dialog_new (GTK_WINDOW (self));
      g_object_add_weak_pointer (G_OBJECT (self->spare_import_dialog), (gpointer *) &self->spare_import_dialog);
      if (self->last_import_rules != NULL)
        curator_import_dialog_prepare_rows (self->spare_import_dialog, self->last_import_rules);
    }
  return G_SOURCE_REMOVE;
}

void
_curator_window_import_dispose (CuratorWindow *self)
{
  g_return_if_fail (CURATOR_IS_WINDOW (self));

  curator_paint_wait_stop (&self->prepare_import_wait);
  g_clear_object (&self->last_import_rules);
  if (self->spare_import_dialog != NULL)
    {
      CuratorImportDialog *dialog = g_steal_pointer (&self->spare_import_dialog);

      g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->spare_import_dialog);
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
}

static void
painted_before_prepare_cb (GdkFrameClock *clock,
                           CuratorWindow *self)
{
  curator_paint_wait_stop (&self->prepare_import_wait);
  if (self->prepare_import_source == 0)
    self->prepare_import_source = g_idle_add_full (G_PRIORITY_LOW, prepare_import_cb, self, NULL);
}

void
_curator_window_prepare_import (CuratorWindow *self)
{
  g_return_if_fail (CURATOR_IS_WINDOW (self));

  /* Not for a window being destroyed, or destroyed (its dialog goes
   * with it, or after it): its dispose removed the source and cancelled,
   * then dropped, its cancellable. */
  if (!self->imported || self->prepare_import_source != 0 || curator_paint_wait_pending (&self->prepare_import_wait) ||
      self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;

  /* After the frame that shows the import: a low-priority idle would run
   * in front of it, while the frame clock waits for its time (the dialog
   * and its rows take 10-15 ms). */
  if (!curator_paint_wait_start (&self->prepare_import_wait, GTK_WIDGET (self),
                                 G_CALLBACK (painted_before_prepare_cb), self))
    self->prepare_import_source = g_idle_add_full (G_PRIORITY_LOW, prepare_import_cb, self, NULL);
}

static void
import_drop_in_folder (CuratorWindow *self,
                       GFile         *folder,
                       gpointer       user_data)
{
  CuratorDropData *data = user_data;
  g_autoptr(CuratorWebImport) import = curator_web_import_new (folder);

  if (data->url != NULL && !url_is_image (data->url))
    curator_web_import_set_url (import, data->url);
  else if (data->url != NULL)
    curator_web_import_set_image_url (import, data->url);
  if (data->title != NULL)
    curator_web_import_set_title (import, data->title);
  if (data->html != NULL)
    curator_web_import_set_selection_html (import, data->html);
  else if (data->text != NULL)
    {
      g_autofree char *html = text_to_html (data->text);

      curator_web_import_set_selection_html (import, html);
    }
  if (data->image != NULL)
    curator_web_import_set_image_bytes (import, data->image);

  start_import (self, import);
}

static void
new_curation_in_folder (CuratorWindow *self,
                        GFile         *folder,
                        gpointer       user_data)
{
  g_autoptr(CuratorWebImport) import = curator_web_import_new (folder);

  start_import (self, import);
}

/* An .html file: imported as a page that was fetched already. */
static void
import_html_file (CuratorWindow *self,
                  GFile         *folder,
                  gpointer       user_data)
{
  GFile *file = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *html = NULL;
  g_autoptr(CuratorWebImport) import = NULL;
  gsize length = 0;

  /* A page saved from a browser is small; read it here. */
  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &error))
    {
      _curator_window_toast (self, error->message);
      return;
    }
  html = curator_charset_decode_html (contents, length, NULL, NULL, NULL);
  import = curator_web_import_new (folder);
  curator_web_import_set_page_html (import, html);
  start_import (self, import);
}

/* Images written for unsaved edits.
 *
 * A dropped image is written beside the file at once (the preview shows
 * it, and the folder names it as its siblings' are), before the file is
 * saved with it. Until then it follows the document: undoing the drop
 * removes it, Redo writes it again, and leaving the document without
 * saving removes it, unless the edits are kept as a draft. Once a save
 * uses it, it is the folder's. */

typedef struct
{
  GFile  *file;
  GBytes *bytes;
  char   *name;   /* how the front matter refers to it */
} WrittenImage;

static void
written_image_free (gpointer data)
{
  WrittenImage *image = data;

  g_object_unref (image->file);
  g_bytes_unref (image->bytes);
  g_free (image->name);
  g_free (image);
}

static gboolean
bytes_mention (GBytes     *bytes,
               const char *name)
{
  gsize length = 0;
  const char *data = bytes != NULL ? g_bytes_get_data (bytes, &length) : NULL;

  return data != NULL && g_strstr_len (data, length, name) != NULL;
}

static gboolean
front_matter_mentions (CuratorDocument *document,
                       const char      *name)
{
  g_autofree char *text = curator_document_dup_front_matter_text (document);

  return text != NULL && strstr (text, name) != NULL;
}

/* Removes the image unless something else was put in its place. */
static void
remove_written_image (WrittenImage *image)
{
  g_autoptr(GBytes) on_disk = g_file_load_bytes (image->file, NULL, NULL, NULL);
  g_autoptr(GError) error = NULL;

  if (on_disk == NULL || !g_bytes_equal (on_disk, image->bytes))
    return;
  if (!g_file_delete (image->file, NULL, &error))
    g_message ("%s", error->message);
}

/* Undo and Redo: the images on disk follow the front matter. The files
 * are small and local, and this runs only between a drop and the next
 * save. */
static void
written_images_changed_cb (CuratorWindow   *self,
                           const char      *key_path,
                           CuratorDocument *document)
{
  if (g_strcmp0 (key_path, CURATOR_DOCUMENT_BODY_PATH) == 0)
    return;

  for (guint i = 0; i < self->written_images->len; i++)
    {
      WrittenImage *image = g_ptr_array_index (self->written_images, i);
      gboolean used = front_matter_mentions (document, image->name);
      gboolean exists = g_file_query_exists (image->file, NULL);
      g_autoptr(GError) error = NULL;

      if (!used && exists)
        remove_written_image (image);
      else if (used && !exists &&
               !curator_web_create_new_file (image->file, image->bytes, NULL, &error))
        _curator_window_toast (self, error->message);
    }
}

/* Saved: an image the file now uses is the folder's. */
static void
release_saved_images (CuratorWindow   *self,
                      CuratorDocument *document)
{
  for (guint i = self->written_images->len; i > 0; i--)
    {
      WrittenImage *image = g_ptr_array_index (self->written_images, i - 1);

      if (bytes_mention (curator_document_get_saved_bytes (document), image->name))
        g_ptr_array_remove_index (self->written_images, i - 1);
    }
}

static void
written_images_saved_cb (CuratorWindow   *self,
                         GParamSpec      *pspec,
                         CuratorDocument *document)
{
  /* A new curation is never modified before its first save, which is
   * not this (_curator_window_import_save() sees to it). */
  if (!curator_document_get_modified (document) && self->new_import == NULL)
    release_saved_images (self, document);
}

static void
track_written_image (CuratorWindow   *self,
                     CuratorDocument *document,
                     GFile           *file,
                     GBytes          *bytes)
{
  WrittenImage *image = g_new0 (WrittenImage, 1);

  image->file = g_object_ref (file);
  image->bytes = g_bytes_ref (bytes);
  image->name = g_file_get_basename (file);

  if (self->written_images == NULL)
    {
      self->written_images = g_ptr_array_new_with_free_func (written_image_free);
      g_signal_connect_object (document, "changed", G_CALLBACK (written_images_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "notify::modified", G_CALLBACK (written_images_saved_cb), self, G_CONNECT_SWAPPED);
    }
  g_ptr_array_add (self->written_images, image);
}

void
_curator_window_import_leave_document (CuratorWindow *self,
                                       gboolean       discarded)
{
  g_autoptr(GPtrArray) images = g_steal_pointer (&self->written_images);
  CuratorDocument *document = self->document;
  GBytes *saved;

  if (images == NULL || document == NULL)
    return;

  g_signal_handlers_disconnect_by_func (document, written_images_changed_cb, self);
  g_signal_handlers_disconnect_by_func (document, written_images_saved_cb, self);

  /* A new curation never saved: its draft keeps its images, unless it
   * is thrown away. Its "saved" text is the import's, on no disk. */
  if (self->new_import != NULL)
    {
      for (guint i = 0; discarded && i < images->len; i++)
        remove_written_image (g_ptr_array_index (images, i));
      return;
    }

  /* Edits left unsaved and not discarded are kept as a draft, which
   * needs its images. */
  if (curator_document_get_modified (document) && !discarded)
    return;

  saved = curator_document_get_saved_bytes (document);
  for (guint i = 0; i < images->len; i++)
    {
      WrittenImage *image = g_ptr_array_index (images, i);

      if (!bytes_mention (saved, image->name))
        remove_written_image (image);
    }
}

/* The featured image of the open file */

typedef struct
{
  CuratorWindow         *self;
  CuratorDocument       *document;
  CuratorFolderTemplate *template;
  CuratorPageFetcher    *fetcher;
  GBytes                *bytes;
  char                  *url;
} ImageData;

static void
image_data_free (ImageData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->document);
  g_clear_object (&data->template);
  g_clear_object (&data->fetcher);
  g_clear_pointer (&data->bytes, g_bytes_unref);
  g_free (data->url);
  g_free (data);
}

static void
image_failed (ImageData    *data,
              const GError *error)
{
  g_autofree char *message = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* Translators: %s says why. */
  message = g_strdup_printf (_("Could not set the featured image: %s"), error->message);
  _curator_window_toast (data->self, message);
}

static void
attach_image (ImageData *data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CuratorImageInfo) info = curator_image_info_new_from_bytes (data->bytes, &error);
  g_autoptr(GFile) image_file = NULL;

  /* The window moved on to another file meanwhile. */
  if (data->self->document != data->document)
    return;

  if (info == NULL ||
      !curator_folder_template_attach_image (data->template, data->document, info, data->url, &image_file, &error))
    {
      image_failed (data, error);
      return;
    }

  /* The folder keeps its images beside its files: the bytes go there now,
   * never over an image that is already there. */
  if (image_file != NULL &&
      !curator_web_create_new_file (image_file, info->bytes, data->self->cancellable, &error))
    {
      curator_document_undo (data->document);
      image_failed (data, error);
      return;
    }
  if (image_file != NULL)
    track_written_image (data->self, data->document, image_file, info->bytes);

  _curator_window_toast (data->self, _("Featured image set"));
}

static void
fetch_image_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ImageData *data = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CuratorFetchResult) fetched = curator_page_fetcher_fetch_finish (CURATOR_PAGE_FETCHER (object), result, &error);

  if (fetched == NULL)
    image_failed (data, error);
  else
    {
      data->bytes = g_bytes_ref (curator_fetch_result_get_bytes (fetched));
      attach_image (data);
    }
  image_data_free (data);
}

static void
image_template_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ImageData *data = user_data;
  g_autoptr(GError) error = NULL;

  data->template = curator_folder_template_new_finish (result, &error);
  if (data->template == NULL)
    {
      image_failed (data, error);
      image_data_free (data);
      return;
    }
  if (curator_folder_template_get_image_key (data->template) == NULL)
    {
      _curator_window_toast (data->self, _("This folder’s files have no featured image field"));
      image_data_free (data);
      return;
    }
  if (data->bytes != NULL)
    {
      attach_image (data);
      image_data_free (data);
      return;
    }

  _curator_window_toast (data->self, _("Fetching the image…"));
  data->fetcher = curator_page_fetcher_new ();
  curator_page_fetcher_fetch_async (data->fetcher, data->url, CURATOR_FETCH_IMAGE,
                                    data->self->cancellable, NULL, NULL, fetch_image_cb, data);
}

static void
set_featured_image (CuratorWindow *self,
                    GBytes        *bytes,
                    const char    *url)
{
  g_autoptr(GFile) folder = dup_document_folder (self);
  ImageData *data;

  if (folder == NULL)
    {
      _curator_window_toast (self, _("Save the file first: its featured image goes beside it"));
      return;
    }

  data = g_new0 (ImageData, 1);
  data->self = g_object_ref (self);
  data->document = g_object_ref (self->document);
  data->bytes = bytes != NULL ? g_bytes_ref (bytes) : NULL;
  data->url = g_strdup (url);
  curator_folder_template_new_async (folder, self->cancellable, image_template_cb, data);
}

static void
set_featured_image_file (CuratorWindow *self,
                         GFile         *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_file_load_bytes (file, NULL, NULL, &error);

  if (bytes == NULL)
    {
      _curator_window_toast (self, error->message);
      return;
    }
  set_featured_image (self, bytes, NULL);
}

/* The body */

static GtkTextView *
get_body_view (CuratorWindow *self)
{
  return GTK_TEXT_VIEW (curator_body_editor_get_view (curator_body_pane_get_editor (self->body_pane)));
}

static gboolean
widget_is_in (GtkWidget *widget,
              GtkWidget *ancestor)
{
  return widget != NULL && (widget == ancestor || gtk_widget_is_ancestor (widget, ancestor));
}

static char *
dup_body_html (const CuratorDropData *data)
{
  if (data->html != NULL)
    return curator_html_sanitize (data->html, -1, data->url, CURATOR_SANITIZE_NONE);
  if (data->url != NULL)
    {
      g_autofree char *href = g_markup_escape_text (data->url, -1);
      g_autofree char *text = g_markup_escape_text (data->title != NULL ? data->title : data->url, -1);

      return g_strdup_printf ("<a href=\"%s\">%s</a>", href, text);
    }
  if (data->text != NULL)
    return g_markup_escape_text (data->text, -1);
  return NULL;
}

/* Inserts what @data carried into the body at (@x, @y), or at the cursor. */
static gboolean
insert_in_body (CuratorWindow         *self,
                const CuratorDropData *data,
                gboolean               at_point,
                double                 x,
                double                 y)
{
  GtkTextView *view = get_body_view (self);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  g_autofree char *html = dup_body_html (data);
  GtkTextIter iter;

  if (html == NULL || html[0] == '\0' || !gtk_text_view_get_editable (view))
    return FALSE;

  if (at_point)
    {
      graphene_point_t window_point = GRAPHENE_POINT_INIT (x, y), view_point;
      int buffer_x, buffer_y;

      if (!gtk_widget_compute_point (GTK_WIDGET (self), GTK_WIDGET (view), &window_point, &view_point))
        return FALSE;
      gtk_text_view_window_to_buffer_coords (view, GTK_TEXT_WINDOW_WIDGET,
                                             view_point.x, view_point.y, &buffer_x, &buffer_y);
      gtk_text_view_get_iter_at_location (view, &iter, buffer_x, buffer_y);
    }
  else
    gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));

  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_insert (buffer, &iter, html, -1);
  gtk_text_buffer_end_user_action (buffer);
  gtk_text_buffer_place_cursor (buffer, &iter);
  gtk_widget_grab_focus (GTK_WIDGET (view));
  return TRUE;
}

void
curator_window_import_data (CuratorWindow         *self,
                            const CuratorDropData *data,
                            gboolean               at_point,
                            double                 x,
                            double                 y)
{
  g_autoptr(GPtrArray) content_files = g_ptr_array_new ();
  g_autofree char *image_url = NULL;
  GtkWidget *target;
  gboolean has_file;

  g_return_if_fail (CURATOR_IS_WINDOW (self));
  g_return_if_fail (data != NULL);

  has_file = self->document != NULL && !self->loading && curator_document_get_editable (self->document);

  if (data->files->len > 0)
    {
      for (guint i = 0; i < data->files->len; i++)
        {
          GFile *file = g_ptr_array_index (data->files, i);
          g_autofree char *name = g_file_get_basename (file);

          /* Into the open file's folder, else one the curator chooses
           * (a saved page usually sits in Downloads). */
          if (name != NULL && name_is_html (name))
            with_folder (self, import_html_file, g_object_ref (file), g_object_unref);
          else if (name != NULL && name_is_image (name) && has_file)
            set_featured_image_file (self, file);
          else
            g_ptr_array_add (content_files, file);
        }
      if (content_files->len > 0)
        _curator_window_open_files (self, (GFile **) content_files->pdata, content_files->len);
      return;
    }

  if (at_point)
    target = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);
  else
    target = gtk_root_get_focus (GTK_ROOT (self));

  if (has_file && widget_is_in (target, GTK_WIDGET (get_body_view (self))) &&
      (data->html != NULL || data->url != NULL || data->text != NULL) &&
      insert_in_body (self, data, at_point, x, y))
    return;

  image_url = dup_dragged_image_url (data);
  if (has_file && (data->image != NULL || image_url != NULL))
    {
      set_featured_image (self, data->image, data->image != NULL ? NULL : image_url);
      return;
    }

  if (curator_drop_data_is_empty (data))
    {
      _curator_window_toast (self, _("Nothing to import: no address, text or image"));
      return;
    }

  with_folder (self, import_drop_in_folder, curator_drop_data_copy (data),
               (GDestroyNotify) curator_drop_data_free);
}

/* Drops */

static gboolean
drop_accept_cb (GtkDropTargetAsync *target,
                GdkDrop            *drop,
                CuratorWindow      *self)
{
  g_autoptr(GdkContentFormats) ours = curator_drop_data_new_formats ();

  /* Drags inside the window (text moved in the body, list items) are
   * the widgets' own. */
  if (gdk_drop_get_drag (drop) != NULL)
    return FALSE;
  return gdk_content_formats_match (gdk_drop_get_formats (drop), ours);
}

static GdkDragAction
drop_motion_cb (GtkDropTargetAsync *target,
                GdkDrop            *drop,
                double              x,
                double              y,
                CuratorWindow      *self)
{
  return GDK_ACTION_COPY;
}

typedef struct
{
  CuratorWindow *self;
  double         x;
  double         y;
} DropData;

static void
drop_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  DropData *drop_data = user_data;
  g_autoptr(CuratorWindow) self = drop_data->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(CuratorDropData) data = curator_drop_data_read_finish (object, result, &error);

  gdk_drop_finish (GDK_DROP (object), data != NULL ? GDK_ACTION_COPY : 0);
  if (data == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _curator_window_toast (self, error->message);
    }
  else
    curator_window_import_data (self, data, TRUE, drop_data->x, drop_data->y);
  g_free (drop_data);
}

static gboolean
drop_cb (GtkDropTargetAsync *target,
         GdkDrop            *drop,
         double              x,
         double              y,
         CuratorWindow      *self)
{
  DropData *drop_data = g_new0 (DropData, 1);

  drop_data->self = g_object_ref (self);
  drop_data->x = x;
  drop_data->y = y;
  curator_drop_data_read_async (G_OBJECT (drop), self->cancellable, drop_read_cb, drop_data);
  return TRUE;
}

/* Paste */

static void
clipboard_read_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CuratorWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CuratorDropData) data = curator_drop_data_read_finish (object, result, &error);

  if (data == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _curator_window_toast (self, error->message);
      return;
    }
  curator_window_import_data (self, data, FALSE, 0, 0);
}

static void
import_clipboard_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CuratorWindow *self = CURATOR_WINDOW (widget);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);
  g_autoptr(GdkContentFormats) ours = curator_drop_data_new_formats ();

  if (!gdk_content_formats_match (gdk_clipboard_get_formats (clipboard), ours))
    {
      _curator_window_toast (self, _("The clipboard holds nothing to import"));
      return;
    }
  curator_drop_data_read_async (G_OBJECT (clipboard), self->cancellable, clipboard_read_cb, g_object_ref (self));
}

/* Ctrl+V: text entries and the front matter's text paste as always; the
 * body takes HTML sanitized (plain text as always); anywhere else is an
 * import. */
static gboolean
paste_shortcut_cb (GtkWidget *widget,
                   GVariant  *args,
                   gpointer   user_data)
{
  CuratorWindow *self = CURATOR_WINDOW (widget);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);

  if (focus != NULL && (GTK_IS_EDITABLE (focus) || GTK_IS_TEXT_VIEW (focus)))
    {
      if (focus != GTK_WIDGET (get_body_view (self)) ||
          !gdk_content_formats_contain_mime_type (gdk_clipboard_get_formats (clipboard), "text/html") ||
          !gtk_text_view_get_editable (GTK_TEXT_VIEW (focus)))
        return FALSE;
    }

  gtk_widget_activate_action (widget, "win.import-clipboard", NULL);
  return TRUE;
}

/* New Curation */

static void
new_curation_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  with_folder (CURATOR_WINDOW (widget), new_curation_in_folder, NULL, NULL);
}

/* A new curation shown */

void
_curator_window_import_write_image (CuratorWindow    *self,
                                    CuratorWebImport *import)
{
  g_autoptr(GError) error = NULL;
  GFile *image_file = curator_web_import_get_image_file (import);
  const CuratorImageInfo *image = curator_web_import_get_image (import);

  if (image_file == NULL || image == NULL)
    return;
  /* Not now: Save tries again, and says why if it fails too. */
  if (!curator_web_import_write_image (import, self->cancellable, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The featured image could not be written: %s"), error->message);

      _curator_window_toast (self, message);
      return;
    }
  track_written_image (self, self->document, image_file, image->bytes);
}

/* Saving a new curation */

void
_curator_window_import_save (CuratorWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CuratorWebImport) import = g_object_ref (self->new_import);
  g_autofree char *uri = NULL;

  /* A few kilobytes, and an image: written here, in one go, so that
   * nothing changes the document in between. */
  if (!curator_web_import_save (import, self->cancellable, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not save: %s"), error->message);

      _curator_window_toast (self, message);
      self->close_after_save = FALSE;
      _curator_window_library_save_finished (self, FALSE);
      return;
    }

  g_clear_object (&self->new_import);
  curator_recovery_bar_set_new_file (self->recovery_bar, FALSE);
  if (self->written_images != NULL)
    release_saved_images (self, self->document);
  uri = g_file_get_uri (curator_document_get_file (self->document));
  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
  _curator_window_sync_state (self);
  _curator_window_library_save_finished (self, TRUE);
  if (self->close_after_save)
    {
      self->close_after_save = FALSE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

void
_curator_window_import_class_init (CuratorWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.new-curation", NULL, new_curation_action);
  gtk_widget_class_install_action (widget_class, "win.import-clipboard", NULL, import_clipboard_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-curation", NULL);
}

void
_curator_window_import_init (CuratorWindow *self)
{
  g_autoptr(GdkContentFormats) formats = curator_drop_data_new_formats ();
  GtkDropTargetAsync *drop_target = gtk_drop_target_async_new (g_steal_pointer (&formats), GDK_ACTION_COPY);
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  /* Captured before the body's text view, whose own drop target would
   * take text and HTML as plain text. */
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (drop_target), GTK_PHASE_CAPTURE);
  g_signal_connect_object (drop_target, "accept", G_CALLBACK (drop_accept_cb), self, 0);
  g_signal_connect_object (drop_target, "drag-enter", G_CALLBACK (drop_motion_cb), self, 0);
  g_signal_connect_object (drop_target, "drag-motion", G_CALLBACK (drop_motion_cb), self, 0);
  g_signal_connect_object (drop_target, "drop", G_CALLBACK (drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop_target));

  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_v, GDK_CONTROL_MASK),
                                                          gtk_callback_action_new (paste_shortcut_cb, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}
