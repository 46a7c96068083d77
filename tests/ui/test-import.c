/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-import"

#include "config.h"

#include "curator-drop-data.h"
#include "curator-fact-row.h"
#include "curator-folder-model.h"
#include "curator-form.h"
#include "curator-library.h"
#include "curator-import-dialog.h"
#include "curator-test-corpus.h"
#include "curator-test-utils.h"
#include "curator-ui-test-utils.h"
#include "curator-window-import.h"
#include "curator-window-private.h"
#include "curator-recovery-bar.h"
#include "test-server.h"

#include <adwaita.h>
#include <dlfcn.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <string.h>

/* Import from the web in the real window, in process: what Firefox and
 * Chromium put in a drop or on the clipboard (the same formats, read by
 * the same reader), against a local HTTP server serving the web suite's
 * fixture pages. No test reaches the open internet. */

#define MEDIGY_FOLDER "medigy/communities-of-practice/chronic-care-management/content-auto/curated-content"
#define WORDPRESS_TITLE "Remote Patient Monitoring Grows Up"

static TestServer *server;
static GMutex slow_mutex;
static GCond slow_cond;
static gboolean slow_released;

static GBytes *
make_png (int width,
          int height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  gsize size = 0;

  gdk_pixbuf_fill (pixbuf, 0x3366ccff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", &error, NULL));
  g_assert_no_error (error);
  return g_bytes_new_take (buffer, size);
}

/* A fixture page with every absolute address moved to the local server,
 * so that nothing an import fetches next (its featured image) leaves
 * 127.0.0.1. */
static char *
dup_local_page (const char *name,
                gsize      *length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "web", "pages", name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GRegex) regex = g_regex_new ("https?://[A-Za-z0-9.-]+", 0, 0, NULL);
  char *local;

  if (strstr (name, "..") != NULL || !g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  local = g_regex_replace_literal (regex, contents, -1, 0, test_server_get_origin (server), 0, NULL);
  *length = strlen (local);
  return local;
}

static gboolean
path_is_image (const char *path)
{
  return g_str_has_suffix (path, ".png") || g_str_has_suffix (path, ".jpg") ||
         g_str_has_suffix (path, ".jpeg") || g_str_has_suffix (path, ".webp");
}

static void
handler (TestServer              *test_server,
         const TestServerRequest *request,
         GOutputStream           *output,
         gpointer                 user_data)
{
  if (g_str_has_prefix (request->path, "/pages/"))
    {
      gsize length = 0;
      g_autofree char *contents = dup_local_page (request->path + strlen ("/pages/"), &length);

      if (contents != NULL)
        {
          test_server_respond (output, 200, "text/html; charset=utf-8", NULL, contents, length);
          return;
        }
    }
  else if (g_str_equal (request->path, "/slow"))
    {
      gint64 deadline = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;

      /* Held until the test ends (the import is cancelled long before). */
      g_mutex_lock (&slow_mutex);
      while (!slow_released && g_cond_wait_until (&slow_cond, &slow_mutex, deadline))
        ;
      g_mutex_unlock (&slow_mutex);
      test_server_respond (output, 200, "text/html", NULL, "<title>late</title>", 19);
      return;
    }
  else if (path_is_image (request->path) || g_str_has_prefix (request->path, "/img/"))
    {
      g_autoptr(GBytes) png = make_png (40, 30);

      test_server_respond (output, 200, "image/png", NULL, g_bytes_get_data (png, NULL), g_bytes_get_size (png));
      return;
    }
  test_server_respond (output, 404, "text/html", NULL, "<title>Not here</title>", 23);
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets file monitors report what they would (nothing signals their
 * silence). */
static void
spin_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static char *
server_url (const char *path)
{
  return g_strconcat (test_server_get_origin (server), path, NULL);
}

/* Formats as the browsers send them */

static GBytes *
utf16 (const char *text,
       gboolean    big_endian,
       gboolean    bom,
       gboolean    trailing_nul)
{
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  g_autofree char *converted = g_convert (text, -1, big_endian ? "UTF-16BE" : "UTF-16LE", "UTF-8", NULL, &length, &error);
  GByteArray *array = g_byte_array_new ();

  g_assert_no_error (error);
  if (bom)
    g_byte_array_append (array, (const guint8 *) (big_endian ? "\xFE\xFF" : "\xFF\xFE"), 2);
  g_byte_array_append (array, (const guint8 *) converted, length);
  if (trailing_nul)
    g_byte_array_append (array, (const guint8 *) "\0\0", 2);
  return g_byte_array_free_to_bytes (array);
}

static GBytes *
utf8 (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

/* A provider offering each (mime type, bytes) pair, as a browser's drag
 * or copy does; takes the bytes. */
static GdkContentProvider *
provider_new (const char *first_mime_type,
              ...)
{
  g_autoptr(GPtrArray) providers = g_ptr_array_new ();
  const char *mime_type = first_mime_type;
  va_list args;

  va_start (args, first_mime_type);
  while (mime_type != NULL)
    {
      g_autoptr(GBytes) bytes = va_arg (args, GBytes *);

      g_ptr_array_add (providers, gdk_content_provider_new_for_bytes (mime_type, bytes));
      mime_type = va_arg (args, const char *);
    }
  va_end (args);

  return gdk_content_provider_new_union ((GdkContentProvider **) providers->pdata, providers->len);
}

static void
set_clipboard (GdkContentProvider *provider)
{
  GdkClipboard *clipboard = gdk_display_get_clipboard (gdk_display_get_default ());

  g_assert_true (gdk_clipboard_set_content (clipboard, provider));
  g_object_unref (provider);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  CuratorDropData **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = curator_drop_data_read_finish (object, result, &error);
  g_assert_no_error (error);
}

static gboolean
pointer_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

/* What the reader gets from the clipboard holding @provider. */
static CuratorDropData *
read_provider (GdkContentProvider *provider)
{
  CuratorDropData *data = NULL;

  set_clipboard (provider);
  curator_drop_data_read_async (G_OBJECT (gdk_display_get_clipboard (gdk_display_get_default ())),
                                NULL, read_cb, &data);
  curator_test_wait_for (pointer_set, &data, "the clipboard to be read");
  return data;
}

static void
test_decode_text (void)
{
  struct {
    GBytes *bytes;
    const char *expected;
  } cases[] = {
    { utf8 ("https://example.org/a\nTitle é"), "https://example.org/a\nTitle é" },
    { utf8 ("\xEF\xBB\xBFhttps://example.org/a"), "https://example.org/a" },
    { utf16 ("https://example.org/a\nTitle é", FALSE, TRUE, FALSE), "https://example.org/a\nTitle é" },
    { utf16 ("https://example.org/a\nTitle é", FALSE, FALSE, TRUE), "https://example.org/a\nTitle é" },
    { utf16 ("https://example.org/a\nTitle é", TRUE, TRUE, FALSE), "https://example.org/a\nTitle é" },
    { utf16 ("https://example.org/a\nTitle é", TRUE, FALSE, FALSE), "https://example.org/a\nTitle é" },
    { utf16 ("日本語のページ", FALSE, TRUE, TRUE), "日本語のページ" },
    { utf8 ("trailing NUL\0"), "trailing NUL" },
    { utf8 (""), "" },
    /* Invalid UTF-8 becomes U+FFFD, never NULL. */
    { g_bytes_new ("a\xFF" "b", 3), "a\xEF\xBF\xBD" "b" },
  };

  /* utf8() stops at the NUL: give that case its bytes by hand. */
  g_bytes_unref (cases[7].bytes);
  cases[7].bytes = g_bytes_new ("trailing NUL\0", 13);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = curator_drop_decode_text (g_bytes_get_data (cases[i].bytes, NULL),
                                                        g_bytes_get_size (cases[i].bytes));

      g_assert_cmpstr (text, ==, cases[i].expected);
      g_bytes_unref (cases[i].bytes);
    }
}

static void
test_parse_formats (void)
{
  g_autoptr(CuratorDropData) data = curator_drop_data_new ();
  g_autoptr(GBytes) moz = utf16 ("https://news.example/a?b=1\nThe Story", FALSE, FALSE, TRUE);
  g_autoptr(GBytes) netscape = utf8 ("https://other.example/\nOther");
  g_autoptr(GBytes) uri_list = utf8 ("# a comment\r\nfile:///tmp/a%20b.md\r\nfile:///tmp/page.html\r\nhttps://x.example/\r\n");
  g_autoptr(GBytes) script = utf8 ("javascript:alert(1)\nEvil");
  g_autoptr(GBytes) text = utf8 ("Just some words\nand more");
  g_autoptr(GBytes) png = make_png (4, 3);
  g_autoptr(GBytes) not_image = utf8 ("PK\x03\x04 not an image");
  g_autofree char *first_path = NULL;

  /* An address that is not http(s) is not taken. */
  g_assert_false (curator_drop_data_add (data, "text/x-moz-url", script));
  g_assert_null (data->url);

  g_assert_true (curator_drop_data_add (data, "text/x-moz-url", moz));
  g_assert_cmpstr (data->url, ==, "https://news.example/a?b=1");
  g_assert_cmpstr (data->title, ==, "The Story");
  /* A second address (another format of the same drop) does not win. */
  g_assert_false (curator_drop_data_add (data, "_NETSCAPE_URL", netscape));
  g_assert_cmpstr (data->url, ==, "https://news.example/a?b=1");

  g_assert_true (curator_drop_data_add (data, "text/uri-list", uri_list));
  g_assert_cmpuint (data->files->len, ==, 2);
  first_path = g_file_get_path (g_ptr_array_index (data->files, 0));
  g_assert_cmpstr (first_path, ==, "/tmp/a b.md");

  g_assert_true (curator_drop_data_add (data, "UTF8_STRING", text));
  g_assert_cmpstr (data->text, ==, "Just some words\nand more");

  g_assert_false (curator_drop_data_add (data, "application/octet-stream", not_image));
  g_assert_null (data->image);
  g_assert_true (curator_drop_data_add (data, "application/octet-stream", png));
  g_assert_nonnull (data->image);

  g_clear_pointer (&data, curator_drop_data_free);
  data = curator_drop_data_new ();
  g_assert_true (curator_drop_data_is_empty (data));
  /* Netscape's format alone; plain text that is an address. */
  g_assert_true (curator_drop_data_add (data, "_NETSCAPE_URL", netscape));
  g_assert_cmpstr (data->title, ==, "Other");
  g_clear_pointer (&data, curator_drop_data_free);
  data = curator_drop_data_new ();
  /* Text with an address on its first line is text, not an address. */
  g_assert_true (curator_drop_data_add (data, "text/plain;charset=utf-8", netscape));
  g_assert_cmpstr (data->text, ==, "https://other.example/\nOther");
  g_assert_null (data->url);
}

/* Firefox on X11: text/x-moz-url in UTF-16 without a BOM, text/html in
 * UTF-16 with one, _NETSCAPE_URL and text/plain in UTF-8. */
static void
test_read_firefox (void)
{
  g_autoptr(CuratorDropData) data =
    read_provider (provider_new ("text/x-moz-url", utf16 ("https://news.example/story\nA Story", FALSE, FALSE, FALSE),
                                 "_NETSCAPE_URL", utf8 ("https://news.example/story\nA Story"),
                                 "text/html", utf16 ("<a href=\"https://news.example/story\">A Story</a>", FALSE, TRUE, FALSE),
                                 "text/plain;charset=utf-8", utf8 ("https://news.example/story"),
                                 NULL));

  g_assert_cmpstr (data->url, ==, "https://news.example/story");
  g_assert_cmpstr (data->title, ==, "A Story");
  g_assert_cmpstr (data->html, ==, "<a href=\"https://news.example/story\">A Story</a>");
  g_assert_null (data->text);
  g_assert_null (data->image);
  g_assert_cmpuint (data->files->len, ==, 0);
}

/* Chromium: text/uri-list, text/html in UTF-8, UTF8_STRING; an image. */
static void
test_read_chromium (void)
{
  g_autoptr(GBytes) png = make_png (8, 6);
  g_autoptr(CuratorDropData) data =
    read_provider (provider_new ("text/uri-list", utf8 ("https://blog.example/post\r\n"),
                                 "text/html", utf8 ("<meta charset=\"utf-8\"><p>Sel<b>ec</b>ted</p>"),
                                 "UTF8_STRING", utf8 ("Selected"),
                                 "image/png", g_bytes_ref (png),
                                 NULL));

  g_assert_cmpstr (data->url, ==, "https://blog.example/post");
  g_assert_null (data->title);
  g_assert_cmpstr (data->html, ==, "<meta charset=\"utf-8\"><p>Sel<b>ec</b>ted</p>");
  g_assert_cmpstr (data->text, ==, "Selected");
  g_assert_true (g_bytes_equal (data->image, png));
}

/* The window */

typedef struct
{
  char          *dir;
  GFile         *folder;
  CuratorWindow *window;
} Fixture;

static gboolean
window_loaded (gpointer data)
{
  return !curator_window_get_loading (data) && curator_window_get_document (data) != NULL &&
         !curator_form_get_building (CURATOR_FORM (curator_window_get_form (data)));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* A folder of Medigy curated items (copies of the corpus's), with one of
 * them open in the window. */
static void
fixture_open (Fixture *fixture)
{
  g_autofree char *source = curator_test_corpus_path (MEDIGY_FOLDER, NULL);
  g_autoptr(GDir) dir = g_dir_open (source, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *first = NULL;
  g_autoptr(GFile) file = NULL;
  const char *name;

  g_assert_nonnull (dir);
  fixture->dir = curator_test_make_private_dir ("curator-import-XXXXXX");
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".md"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len && i < 8; i++)
    {
      g_autofree char *from = g_build_filename (source, g_ptr_array_index (names, i), NULL);
      g_autofree char *to = g_build_filename (fixture->dir, g_ptr_array_index (names, i), NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
      g_assert_true (g_file_set_contents (to, contents, length, NULL));
    }
  fixture->folder = g_file_new_for_path (fixture->dir);
  first = g_build_filename (fixture->dir, g_ptr_array_index (names, 0), NULL);
  file = g_file_new_for_path (first);

  fixture->window = curator_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 700);
  gtk_window_present (GTK_WINDOW (fixture->window));
  curator_window_open (fixture->window, file);
  curator_test_wait_for (window_loaded, fixture->window, "the sibling to load");
}

static void
destroy_other_windows (CuratorWindow *keep)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (l->data != keep && (CURATOR_IS_WINDOW (l->data) || CURATOR_IS_IMPORT_DIALOG (l->data)))
      {
        CuratorDocument *document = CURATOR_IS_WINDOW (l->data) ? curator_window_get_document (l->data) : NULL;

        /* Unsaved new curations: closed without asking. */
        if (document != NULL)
          CURATOR_WINDOW (l->data)->discard_changes = TRUE;
        gtk_window_destroy (l->data);
      }
}

static void
fixture_close (Fixture *fixture)
{
  destroy_other_windows (fixture->window);
  g_object_ref (fixture->window);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_assert_finalize_object (fixture->window);
  curator_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_object (&fixture->folder);
}

static CuratorImportDialog *
find_dialog (void)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (CURATOR_IS_IMPORT_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static gboolean
pointer_is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_dialog () != NULL;
}

static gboolean
dialog_ready (gpointer data)
{
  CuratorImportDialog *dialog = find_dialog ();

  return dialog != NULL && curator_import_dialog_get_ready (dialog);
}

/* The window showing a new curation (another than @except). */
static CuratorWindow *
find_new_curation (CuratorWindow *except)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (CURATOR_IS_WINDOW (l->data) && l->data != except && CURATOR_WINDOW (l->data)->new_import != NULL)
      return l->data;
  return NULL;
}

static gboolean
new_curation_shown (gpointer data)
{
  CuratorWindow *window = find_new_curation (data);

  return window != NULL && window_loaded (window);
}

static char *
dup_value (CuratorDocument *document,
           const char      *key_path)
{
  const CuratorNode *node = curator_document_lookup (document, key_path, NULL);

  return node != NULL && curator_node_get_kind (node) == CURATOR_NODE_SCALAR
         ? g_strdup (curator_node_get_value (node)) : NULL;
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_get_visible (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Presses @trigger_text as the window's shortcut controllers see it (the
 * capture-phase ones first); TRUE when one took it. */
static gboolean
press_shortcut (GtkWidget  *widget,
                const char *trigger_text)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GtkShortcutTrigger) wanted = gtk_shortcut_trigger_parse_string (trigger_text);

  const GtkPropagationPhase phases[] = { GTK_PHASE_CAPTURE, GTK_PHASE_BUBBLE };

  for (guint p = 0; p < G_N_ELEMENTS (phases); p++)
    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

        if (!GTK_IS_SHORTCUT_CONTROLLER (controller) ||
            gtk_event_controller_get_propagation_phase (GTK_EVENT_CONTROLLER (controller)) != phases[p])
          continue;

        for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
          {
            g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

            if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted) &&
                gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget, NULL))
              return TRUE;
          }
      }
  return FALSE;
}

/* Ctrl+V with Firefox's drop formats on the clipboard: the page is
 * fetched, its facts mapped, and the new file opens unsaved beside its
 * siblings; saving writes it. */
static void
test_paste_url (void)
{
  Fixture fixture = { 0 };
  g_autofree char *url = server_url ("/pages/wordpress.html");
  g_autofree char *moz = g_strconcat (url, "\nthe link's text", NULL);
  g_autofree char *link = NULL;
  g_autofree char *path = NULL;
  CuratorImportDialog *dialog;
  CuratorWindow *window;
  CuratorDocument *document;
  GFile *file;

  fixture_open (&fixture);
  test_server_reset (server);
  set_clipboard (provider_new ("text/x-moz-url", utf16 (moz, FALSE, FALSE, TRUE),
                               "text/plain;charset=utf-8", utf8 (url),
                               NULL));

  /* In a text entry (the form's first field), Ctrl+V is the entry's. */
  g_assert_true (gtk_widget_grab_focus (find_descendant (curator_window_get_form (fixture.window), GTK_TYPE_TEXT)));
  g_assert_true (GTK_IS_EDITABLE (gtk_root_get_focus (GTK_ROOT (fixture.window))));
  g_assert_false (press_shortcut (GTK_WIDGET (fixture.window), "<Control>v"));

  /* With the focus on no text entry, it imports. */
  gtk_window_set_focus (GTK_WINDOW (fixture.window), NULL);
  g_assert_true (press_shortcut (GTK_WIDGET (fixture.window), "<Control>v"));
  curator_test_wait_for (dialog_ready, NULL, "the import dialog to be ready");
  dialog = find_dialog ();
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (fixture.window));
  g_assert_true (test_server_saw_path_prefix (server, "/pages/wordpress.html"));
  /* The page's featured image, from where the page says (here too). */
  g_assert_true (test_server_saw_path_prefix (server, "/wp-content/uploads/2023/05/rpm-1200x630.jpg"));
  g_assert_null (curator_web_import_get_warnings (curator_import_dialog_get_import (dialog))[0]);
  g_assert_null (curator_web_import_get_page_error (curator_import_dialog_get_import (dialog)));

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.create", NULL);
  /* The dialog goes at once; it is destroyed once the window has painted
   * the new curation. */
  g_assert_nonnull (dialog);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  curator_test_wait_for (new_curation_shown, fixture.window, "the new curation's window");
  curator_test_wait_for (pointer_is_null, &dialog, "the import dialog to be destroyed");
  window = find_new_curation (fixture.window);
  document = curator_window_get_document (window);

  /* The page's title, not the link's text; the address where the
   * siblings keep it; an unsaved file in the folder, named like its
   * siblings, not there yet. */
  g_assert_cmpstr (curator_document_get_title (document), ==, WORDPRESS_TITLE);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, WORDPRESS_TITLE);
  link = dup_value (document, "link.original");
  g_assert_cmpstr (link, ==, url);
  g_assert_true (gtk_widget_get_visible (window->modified_indicator));
  file = curator_document_get_file (document);
  g_assert_true (g_file_has_parent (file, fixture.folder));
  g_assert_false (g_file_query_exists (file, NULL));
  /* A file not there yet is no file removed on disk. */
  spin_for (300);
  g_assert_null (curator_recovery_bar_get_message (curator_window_get_recovery_bar (window)));

  /* Save writes it; it is then a file like the others. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  g_assert_true (g_file_query_exists (file, NULL));
  g_assert_false (curator_document_get_modified (document));
  g_assert_null (window->new_import);
  g_assert_false (gtk_widget_get_visible (window->modified_indicator));
  /* Its own save is no change on disk. */
  spin_for (1500);
  g_assert_null (curator_recovery_bar_get_message (curator_window_get_recovery_bar (window)));
  path = g_file_get_path (file);
  g_test_message ("saved %s", path);

  fixture_close (&fixture);
}

static void
collect_fact_rows (GtkWidget *widget,
                   GPtrArray *rows)
{
  if (CURATOR_IS_FACT_ROW (widget))
    g_ptr_array_add (rows, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_fact_rows (child, rows);
}

/* The dialog's row for the field that @fact fills. */
static CuratorFactRow *
find_row_of_fact (CuratorImportDialog *dialog,
                  CuratorPageFact      fact,
                  char               **key_path)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_fact_rows (GTK_WIDGET (dialog), rows);
  g_assert_cmpuint (rows->len, >, 0);
  for (guint i = 0; i < rows->len; i++)
    if (curator_fact_row_get_fact (g_ptr_array_index (rows, i)) == (int) fact)
      {
        *key_path = g_strdup (adw_preferences_row_get_title (g_ptr_array_index (rows, i)));
        return g_ptr_array_index (rows, i);
      }
  return NULL;
}

static void
import_url (Fixture              *fixture,
            const char           *url,
            CuratorImportDialog **dialog_out)
{
  g_autoptr(CuratorDropData) data = curator_drop_data_new ();

  data->url = g_strdup (url);
  curator_window_import_data (fixture->window, data, FALSE, 0, 0);
  curator_test_wait_for (dialog_ready, NULL, "the import dialog to be ready");
  *dialog_out = find_dialog ();
}

/* import_url(), then Create pressed as soon as it can be: the window
 * that shows the new curation. */
static CuratorWindow *
import_url_and_create (Fixture    *fixture,
                       const char *url)
{
  CuratorImportDialog *dialog;

  import_url (fixture, url, &dialog);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.create", NULL);
  curator_test_wait_for (new_curation_shown, fixture->window, "the new curation's window");
  return find_new_curation (fixture->window);
}

static CuratorFactRow *
find_row_of_key (CuratorImportDialog *dialog,
                 const char          *key_path)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_fact_rows (GTK_WIDGET (dialog), rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), key_path) == 0)
      return g_ptr_array_index (rows, i);
  return NULL;
}

static gboolean
spare_dialog_ready (gpointer data)
{
  return CURATOR_WINDOW (data)->spare_import_dialog != NULL;
}

/* The fact rows of @dialog, each with the fact of its field's rule in
 * @import's template, and the page's value (or why there is none) under
 * it. */
static GPtrArray *
checked_fact_rows (CuratorImportDialog *dialog,
                   CuratorWebImport    *import)
{
  GListModel *rules = curator_folder_template_get_rules (curator_web_import_get_template (import));
  GPtrArray *rows = g_ptr_array_new ();

  collect_fact_rows (GTK_WIDGET (dialog), rows);
  g_assert_cmpuint (rows->len, >, 0);
  for (guint i = 0; i < rows->len; i++)
    {
      CuratorFactRow *row = g_ptr_array_index (rows, i);
      gboolean found = FALSE;

      for (guint r = 0; r < g_list_model_get_n_items (rules); r++)
        {
          g_autoptr(CuratorFieldRule) rule = g_list_model_get_item (rules, r);

          if (g_strcmp0 (curator_field_rule_get_key_path (rule), curator_fact_row_get_key_path (row)) == 0)
            {
              g_assert_cmpint (curator_fact_row_get_fact (row), ==, curator_field_rule_get_fact (rule));
              found = TRUE;
            }
        }
      g_assert_true (found);
      g_assert_nonnull (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
    }
  return rows;
}

/* A window that imported makes the next dialog's fact rows ahead, from
 * the fields of its last import: the next import into the folder keeps
 * them, with its own template's facts; one whose fields differ makes
 * its own. */
static void
test_rows_made_ahead (void)
{
  Fixture fixture = { 0 };
  g_autofree char *url = server_url ("/pages/wordpress.html");
  g_autoptr(GPtrArray) first_rows = NULL;
  g_autoptr(GPtrArray) made_ahead = g_ptr_array_new ();
  g_autoptr(GPtrArray) kept_rows = NULL;
  g_autoptr(GPtrArray) own_rows = NULL;
  g_autoptr(GListStore) fewer = g_list_store_new (CURATOR_TYPE_FIELD_RULE);
  CuratorImportDialog *dialog;
  CuratorImportDialog *spare;
  GListModel *rules;
  guint n;

  fixture_open (&fixture);
  import_url (&fixture, url, &dialog);
  first_rows = checked_fact_rows (dialog, curator_import_dialog_get_import (dialog));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.create", NULL);
  curator_test_wait_for (new_curation_shown, fixture.window, "the new curation's window");
  destroy_other_windows (fixture.window);

  curator_test_wait_for (spare_dialog_ready, fixture.window, "the next import's dialog");
  spare = fixture.window->spare_import_dialog;
  collect_fact_rows (GTK_WIDGET (spare), made_ahead);
  g_assert_cmpuint (made_ahead->len, ==, first_rows->len);
  import_url (&fixture, url, &dialog);
  g_assert_true (dialog == spare);
  kept_rows = checked_fact_rows (dialog, curator_import_dialog_get_import (dialog));
  g_assert_cmpuint (kept_rows->len, ==, made_ahead->len);
  for (guint i = 0; i < kept_rows->len; i++)
    g_assert_true (g_ptr_array_index (kept_rows, i) == g_ptr_array_index (made_ahead, i));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.create", NULL);
  curator_test_wait_for (new_curation_shown, fixture.window, "the second new curation's window");
  destroy_other_windows (fixture.window);

  /* Rows made for fields that differ (the first fact rule's missing)
   * are not kept. */
  curator_test_wait_for (spare_dialog_ready, fixture.window, "the third import's dialog");
  rules = fixture.window->last_import_rules;
  n = g_list_model_get_n_items (rules);
  for (guint i = 0, skipped = 0; i < n; i++)
    {
      g_autoptr(CuratorFieldRule) rule = g_list_model_get_item (rules, i);
      CuratorFieldRuleKind kind = curator_field_rule_get_kind (rule);

      if (!skipped && (kind == CURATOR_FIELD_RULE_FACT || kind == CURATOR_FIELD_RULE_EMPTY))
        skipped = 1;
      else
        g_list_store_append (fewer, rule);
    }
  gtk_window_destroy (GTK_WINDOW (fixture.window->spare_import_dialog));
  g_assert_null (fixture.window->spare_import_dialog);
  g_set_object (&fixture.window->last_import_rules, G_LIST_MODEL (fewer));
  _curator_window_prepare_import (fixture.window);
  curator_test_wait_for (spare_dialog_ready, fixture.window, "the dialog made from other fields");
  spare = fixture.window->spare_import_dialog;
  g_ptr_array_set_size (made_ahead, 0);
  /* Held, so that no new row takes the address of one that went. */
  g_ptr_array_set_free_func (made_ahead, g_object_unref);
  collect_fact_rows (GTK_WIDGET (spare), made_ahead);
  for (guint i = 0; i < made_ahead->len; i++)
    g_object_ref (g_ptr_array_index (made_ahead, i));
  g_assert_cmpuint (made_ahead->len, ==, first_rows->len - 1);
  import_url (&fixture, url, &dialog);
  g_assert_true (dialog == spare);
  own_rows = checked_fact_rows (dialog, curator_import_dialog_get_import (dialog));
  g_assert_cmpuint (own_rows->len, ==, first_rows->len);
  for (guint i = 0; i < own_rows->len; i++)
    g_assert_false (g_ptr_array_find (made_ahead, g_ptr_array_index (own_rows, i), NULL));

  fixture_close (&fixture);
}

/* The curator changes which fact fills a field before the file is made:
 * the new file has it, and the next import in the folder too. */
static void
test_change_mapping (void)
{
  Fixture fixture = { 0 };
  g_autofree char *url = server_url ("/pages/wordpress.html");
  g_autofree char *key_path = NULL;
  g_autofree char *value = NULL;
  g_autofree char *label = NULL;
  g_autoptr(GVariant) target = NULL;
  CuratorImportDialog *dialog;
  CuratorFactRow *row;
  CuratorWindow *window;
  GtkMenuButton *button;
  GMenuModel *menu;

  fixture_open (&fixture);
  import_url (&fixture, url, &dialog);
  row = find_row_of_fact (dialog, CURATOR_PAGE_FACT_DESCRIPTION, &key_path);
  g_assert_nonnull (row);
  g_test_message ("%s: description, changed to author", key_path);
  /* Through the row's menu, made when it opens, as a click on its item
   * does: "Nothing", then every fact. */
  button = GTK_MENU_BUTTON (curator_ui_find_type (GTK_WIDGET (row), GTK_TYPE_MENU_BUTTON));
  g_assert_cmpstr (gtk_menu_button_get_label (button), ==, "Description");
  g_assert_null (gtk_menu_button_get_menu_model (button));
  gtk_menu_button_popup (button);
  menu = gtk_menu_button_get_menu_model (button);
  g_assert_nonnull (menu);
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, CURATOR_N_PAGE_FACTS + 1);
  g_assert_true (g_menu_model_get_item_attribute (menu, 0, G_MENU_ATTRIBUTE_LABEL, "s", &label));
  g_assert_cmpstr (label, ==, "Nothing");
  g_clear_pointer (&label, g_free);
  g_assert_true (g_menu_model_get_item_attribute (menu, CURATOR_PAGE_FACT_AUTHOR + 1, G_MENU_ATTRIBUTE_LABEL, "s", &label));
  g_assert_cmpstr (label, ==, "Author");
  target = g_menu_model_get_item_attribute_value (menu, CURATOR_PAGE_FACT_AUTHOR + 1, G_MENU_ATTRIBUTE_TARGET, G_VARIANT_TYPE_INT32);
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (row), "row.fact", target));
  gtk_menu_button_popdown (button);
  g_assert_cmpint (curator_fact_row_get_fact (row), ==, CURATOR_PAGE_FACT_AUTHOR);
  g_assert_cmpstr (gtk_menu_button_get_label (button), ==, "Author");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Jane Doe");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.create", NULL);
  curator_test_wait_for (new_curation_shown, fixture.window, "the new curation's window");
  window = find_new_curation (fixture.window);
  value = dup_value (curator_window_get_document (window), key_path);
  g_assert_cmpstr (value, ==, "Jane Doe");
  destroy_other_windows (fixture.window);

  /* Remembered for the folder. */
  import_url (&fixture, url, &dialog);
  row = find_row_of_key (dialog, key_path);
  g_assert_nonnull (row);
  g_assert_cmpint (curator_fact_row_get_fact (row), ==, CURATOR_PAGE_FACT_AUTHOR);

  fixture_close (&fixture);
}


/* Save never writes over a file: one that appeared at the proposed name
 * meanwhile is kept, and the curation stays unsaved. */
static void
test_save_never_overwrites (void)
{
  Fixture fixture = { 0 };
  g_autofree char *url = server_url ("/pages/medium.html");
  g_autofree char *contents = NULL;
  CuratorWindow *window;
  GFile *file;

  fixture_open (&fixture);
  window = import_url_and_create (&fixture, url);
  file = curator_document_get_file (curator_window_get_document (window));

  g_assert_true (g_file_replace_contents (file, "someone else's", 14, NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, NULL));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  g_assert_true (g_file_load_contents (file, NULL, &contents, NULL, NULL, NULL));
  g_assert_cmpstr (contents, ==, "someone else's");
  g_assert_nonnull (window->new_import);
  g_assert_true (gtk_widget_get_visible (window->modified_indicator));

  fixture_close (&fixture);
}

/* A page that cannot be had (404): its own message, and the file is made
 * from what the drop carried. */
static void
test_page_fails (void)
{
  Fixture fixture = { 0 };
  g_autofree char *url = server_url ("/gone");
  g_autoptr(CuratorDropData) data = NULL;
  CuratorImportDialog *dialog;
  CuratorWindow *window;
  CuratorDocument *document;
  const char *page_error;
  g_autofree char *link = NULL;

  fixture_open (&fixture);
  {
    g_autofree char *moz = g_strconcat (url, "\nWhat the Link Said", NULL);

    data = read_provider (provider_new ("text/x-moz-url", utf16 (moz, FALSE, TRUE, FALSE), NULL));
  }
  /* Dropped on the form, not the body. */
  curator_window_import_data (fixture.window, data, TRUE, 20, 120);
  curator_test_wait_for (dialog_ready, NULL, "the import dialog to be ready");
  dialog = find_dialog ();
  page_error = curator_web_import_get_page_error (curator_import_dialog_get_import (dialog));
  g_assert_nonnull (page_error);
  g_test_message ("page error: %s", page_error);
  g_assert_nonnull (strstr (page_error, "404"));

  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.create", NULL);
  curator_test_wait_for (new_curation_shown, fixture.window, "the new curation's window");
  window = find_new_curation (fixture.window);
  document = curator_window_get_document (window);
  g_assert_cmpstr (curator_document_get_title (document), ==, "What the Link Said");
  link = dup_value (document, "link.original");
  g_assert_cmpstr (link, ==, url);

  fixture_close (&fixture);
}

static gboolean
dialog_gone (gpointer data)
{
  return find_dialog () == NULL;
}

static gboolean
server_saw_slow (gpointer data)
{
  return test_server_saw_path_prefix (server, "/slow");
}

/* Cancel while the page is on its way: no new file, nothing left open. */
static void
test_cancel (void)
{
  Fixture fixture = { 0 };
  g_autofree char *url = server_url ("/slow");
  g_autoptr(CuratorDropData) data = curator_drop_data_new ();
  CuratorImportDialog *dialog;

  fixture_open (&fixture);
  data->url = g_strdup (url);
  curator_window_import_data (fixture.window, data, FALSE, 0, 0);
  curator_test_wait_for (dialog_shown, NULL, "the import dialog");
  dialog = find_dialog ();
  curator_test_wait_for (server_saw_slow, NULL, "the page to be asked for");
  g_assert_false (curator_import_dialog_get_ready (dialog));

  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.cancel", NULL);
  curator_test_wait_for (dialog_gone, NULL, "the dialog to close");
  g_assert_null (find_new_curation (fixture.window));

  g_mutex_lock (&slow_mutex);
  slow_released = TRUE;
  g_cond_broadcast (&slow_cond);
  g_mutex_unlock (&slow_mutex);
  fixture_close (&fixture);
}

static GtkTextView *
body_view (CuratorWindow *window)
{
  return GTK_TEXT_VIEW (curator_body_editor_get_view (curator_body_pane_get_editor (curator_window_get_body_pane (window))));
}

/* HTML dropped on the body goes in sanitized, where it was dropped; pasted
 * with the body focused, at the cursor. Neither makes a new curation. */
static void
test_drop_on_body (void)
{
  Fixture fixture = { 0 };
  g_autoptr(CuratorDropData) data = NULL;
  CuratorDocument *document;
  GtkTextView *view;
  GtkTextBuffer *buffer;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *pasted = NULL;
  graphene_point_t view_point = GRAPHENE_POINT_INIT (4, 4), window_point;
  GtkTextIter start;

  fixture_open (&fixture);
  document = curator_window_get_document (fixture.window);
  view = body_view (fixture.window);
  buffer = gtk_text_view_get_buffer (view);
  before = curator_document_dup_body (document);
  /* Let the body be laid out where the drop lands. */
  curator_test_wait_for ((CuratorTestCondition) gtk_widget_get_mapped, view, "the body editor");
  while (g_main_context_iteration (NULL, FALSE))
    ;

  data = read_provider (provider_new ("text/html",
                                      utf16 ("<p onclick=\"x()\">Dropped <a href=\"/rel\">link</a><script>alert(1)</script></p>",
                                             FALSE, TRUE, FALSE),
                                      "text/x-moz-url", utf16 ("https://site.example/page\nPage", FALSE, FALSE, FALSE),
                                      NULL));
  /* The top left corner of the body: its start. */
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (view), GTK_WIDGET (fixture.window), &view_point, &window_point));
  curator_window_import_data (fixture.window, data, TRUE, window_point.x, window_point.y);
  after = curator_document_dup_body (document);
  g_assert_true (g_str_has_prefix (after, "<p>Dropped <a href=\"https://site.example/rel\">link</a></p>"));
  g_assert_true (g_str_has_suffix (after, before));
  g_assert_null (strstr (after, "script"));
  g_assert_null (strstr (after, "onclick"));
  g_assert_null (find_dialog ());

  /* Pasted with the body focused: at the cursor (placed at the start). */
  set_clipboard (provider_new ("text/html", utf8 ("<b style=\"x\">Bold</b><iframe src=\"https://evil.example/\"></iframe>"),
                               "UTF8_STRING", utf8 ("Bold"),
                               NULL));
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);
  gtk_widget_grab_focus (GTK_WIDGET (view));
  g_assert_true (press_shortcut (GTK_WIDGET (fixture.window), "<Control>v"));
  curator_test_wait_for ((CuratorTestCondition) curator_document_get_can_undo, document, "the paste");
  {
    gboolean done = FALSE;

    while (!done)
      {
        g_free (pasted);
        pasted = curator_document_dup_body (document);
        done = g_str_has_prefix (pasted, "<b>Bold</b>");
        if (!done)
          g_main_context_iteration (NULL, TRUE);
      }
  }
  g_assert_null (strstr (pasted, "iframe"));
  g_assert_true (g_str_has_suffix (pasted, after));
  g_assert_null (find_dialog ());

  fixture_close (&fixture);
}

/* Ctrl+N: an empty curation from the folder's shape; nothing fetched;
 * New Window moved to Ctrl+Shift+N. */
static void
test_new_curation (void)
{
  Fixture fixture = { 0 };
  CuratorWindow *window;
  CuratorDocument *document;
  GFile *file;

  fixture_open (&fixture);
  test_server_reset (server);
  g_assert_true (press_shortcut (GTK_WIDGET (fixture.window), "<Control>n"));
  curator_test_wait_for (dialog_ready, NULL, "the import dialog to be ready");
  gtk_widget_activate_action (GTK_WIDGET (find_dialog ()), "import.create", NULL);
  curator_test_wait_for (new_curation_shown, fixture.window, "the new curation's window");
  window = find_new_curation (fixture.window);
  document = curator_window_get_document (window);
  file = curator_document_get_file (document);
  g_assert_true (g_file_has_parent (file, fixture.folder));
  g_assert_false (g_file_query_exists (file, NULL));
  g_assert_true (curator_document_get_editable (document));
  /* Constant fields of the siblings are there. */
  g_assert_nonnull (curator_document_lookup (document, "contentCategories", NULL));
  g_assert_cmpuint (test_server_get_requests (server), ==, 0);

  fixture_close (&fixture);
}

static gboolean
library_listed (gpointer data)
{
  CuratorFolderModel *model = curator_library_get_model (curator_window_get_library (data));

  return model != NULL && !curator_folder_model_get_loading (model) && !curator_folder_model_get_checking (model);
}

static guint
count_windows (void)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();
  guint n = 0;

  for (GList *l = windows; l != NULL; l = l->next)
    n += CURATOR_IS_WINDOW (l->data);
  return n;
}

static gboolean
question_shown (gpointer data)
{
  return curator_ui_find_dialog (data, ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Clicks the question's button, which answers and closes it. */
static void
answer_question (CuratorWindow *window,
                 const char    *label)
{
  GtkWindow *question = curator_ui_find_dialog (GTK_WINDOW (window), ADW_TYPE_MESSAGE_DIALOG);
  GtkWidget *button;

  g_assert_nonnull (question);
  button = curator_ui_find_button (GTK_WIDGET (question), label);
  g_assert_nonnull (button);
  g_object_add_weak_pointer (G_OBJECT (question), (gpointer *) &question);
  g_signal_emit_by_name (button, "clicked");
  curator_test_wait_for (is_null, &question, "the question to close");
}

typedef struct
{
  CuratorWindow *window;
  GFile         *file;
} Shows;

static gboolean
window_shows (gpointer data)
{
  Shows *shows = data;
  CuratorDocument *document = curator_window_get_document (shows->window);

  return window_loaded (shows->window) && shows->window->new_import == NULL &&
         g_file_equal (curator_document_get_file (document), shows->file);
}

static gboolean
spare_dialog_made (gpointer data)
{
  return CURATOR_WINDOW (data)->spare_import_dialog != NULL;
}

static void
create_new_curation (CuratorWindow *window)
{
  g_assert_true (press_shortcut (GTK_WIDGET (window), "<Control>n"));
  curator_test_wait_for (dialog_ready, NULL, "the import dialog to be ready");
  gtk_widget_activate_action (GTK_WIDGET (find_dialog ()), "import.create", NULL);
}

/* With the folder in the library, a new curation takes the place of a
 * saved file in the same window (its row brings it back), and another
 * row chosen asks first, as for any unsaved file: Cancel keeps the new
 * curation, Save writes it and opens the row. A file with unsaved edits
 * keeps its window: the new curation gets another. The second import's
 * dialog was made ahead, hidden. */
static void
test_new_curation_in_library (void)
{
  Fixture fixture = { 0 };
  CuratorLibrary *library;
  GtkSelectionModel *selection;
  g_autoptr(GFile) first = NULL;
  g_autoptr(GFile) chosen = NULL;
  g_autoptr(GFile) created = NULL;
  g_autoptr(GError) error = NULL;
  CuratorWindow *other;
  CuratorImportDialog *spare;
  Shows shows = { 0 };
  guint chosen_row = 0;

  fixture_open (&fixture);
  first = g_object_ref (curator_document_get_file (curator_window_get_document (fixture.window)));
  curator_window_open_folder (fixture.window, fixture.folder);
  curator_test_wait_for (library_listed, fixture.window, "the folder to be listed");
  library = curator_window_get_library (fixture.window);
  selection = curator_library_get_selection (library);
  g_assert_cmpuint (g_list_model_get_n_items (curator_library_get_shown (library)), ==, 8);

  create_new_curation (fixture.window);
  curator_test_wait_for (new_curation_shown, NULL, "the new curation");
  g_assert_true (find_new_curation (NULL) == fixture.window);
  g_assert_cmpuint (count_windows (), ==, 1);
  created = g_object_ref (curator_document_get_file (curator_window_get_document (fixture.window)));
  g_assert_false (g_file_query_exists (created, NULL));
  /* The file it replaced is still listed; the new one is not yet. */
  g_assert_true (g_file_equal (curator_library_get_current_file (library), created));
  {
    g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (selection);

    g_assert_true (gtk_bitset_is_empty (selected));
  }
  g_assert_cmpuint (g_list_model_get_n_items (curator_library_get_shown (library)), ==, 8);

  /* Another row: the never-saved curation is not dropped unasked. */
  for (guint i = 0; i < 8; i++)
    {
      g_autoptr(CuratorFolderItem) item = g_list_model_get_item (curator_library_get_shown (library), i);
      GFile *file = curator_folder_model_get_file (curator_library_get_model (library), item);

      if (!g_file_equal (file, first))
        {
          chosen = g_object_ref (file);
          chosen_row = i;
          break;
        }
    }
  g_assert_nonnull (chosen);
  g_assert_true (gtk_selection_model_select_item (selection, chosen_row, TRUE));
  curator_test_wait_for (question_shown, fixture.window, "the unsaved-changes question");
  answer_question (fixture.window, "_Cancel");
  g_assert_true (fixture.window->new_import != NULL);
  g_assert_false (g_file_query_exists (created, NULL));

  g_assert_true (gtk_selection_model_select_item (selection, chosen_row, TRUE));
  curator_test_wait_for (question_shown, fixture.window, "the unsaved-changes question");
  answer_question (fixture.window, "_Save");
  shows.window = fixture.window;
  shows.file = chosen;
  curator_test_wait_for (window_shows, &shows, "the chosen row's file");
  g_assert_true (g_file_query_exists (created, NULL));
  g_assert_cmpuint (count_windows (), ==, 1);

  /* A window that imported makes the next import's dialog ahead, hidden:
   * no dialog is shown, and the next drop's is that one. */
  curator_test_wait_for (spare_dialog_made, fixture.window, "the next import's dialog");
  spare = fixture.window->spare_import_dialog;
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (spare)));
  g_assert_null (find_dialog ());
  g_object_add_weak_pointer (G_OBJECT (spare), (gpointer *) &spare);

  /* Edits left in the file shown: they keep their window. */
  curator_document_set_value (curator_window_get_document (fixture.window), "title", "Edited", CURATOR_SCALAR_AUTO,
                              &error);
  g_assert_no_error (error);
  g_assert_true (press_shortcut (GTK_WIDGET (fixture.window), "<Control>n"));
  g_assert_true (find_dialog () == spare);
  g_assert_null (fixture.window->spare_import_dialog);
  curator_test_wait_for (dialog_ready, NULL, "the import dialog to be ready");
  gtk_widget_activate_action (GTK_WIDGET (find_dialog ()), "import.create", NULL);
  curator_test_wait_for (new_curation_shown, fixture.window, "the new curation's window");
  /* Used, it goes after the new curation is shown. */
  curator_test_wait_for (pointer_is_null, &spare, "the used dialog to go");
  other = find_new_curation (fixture.window);
  g_assert_true (other != fixture.window);
  g_assert_true (g_file_equal (curator_document_get_file (curator_window_get_document (fixture.window)), chosen));
  g_assert_true (curator_document_get_modified (curator_window_get_document (fixture.window)));
  fixture.window->discard_changes = TRUE;

  fixture_close (&fixture);
}

/* A new curation's image is on disk from the moment it is shown, as its
 * draft is, so that a crash loses neither. Thrown away, it goes; saved,
 * it stays, the folder's. */
static void
test_new_curation_image (void)
{
  Fixture fixture = { 0 };
  g_autofree char *url = server_url ("/pages/wordpress.html");

  fixture_open (&fixture);
  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(GFile) image_file = NULL;
      g_autoptr(GFile) file = NULL;
      CuratorWindow *window = import_url_and_create (&fixture, url);

      file = g_object_ref (curator_document_get_file (curator_window_get_document (window)));
      g_assert_nonnull (curator_web_import_get_image_file (window->new_import));
      image_file = g_object_ref (curator_web_import_get_image_file (window->new_import));
      g_assert_true (g_file_query_exists (image_file, NULL));
      g_assert_false (g_file_query_exists (file, NULL));

      if (round == 0)
        {
          /* Closed, Discard. */
          window->discard_changes = TRUE;
          gtk_window_destroy (GTK_WINDOW (window));
          g_assert_false (g_file_query_exists (image_file, NULL));
        }
      else
        {
          gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
          g_assert_null (window->new_import);
          g_assert_true (g_file_query_exists (file, NULL));
          g_assert_true (g_file_query_exists (image_file, NULL));
          /* Closed after the save: the image is the folder's now. */
          gtk_window_destroy (GTK_WINDOW (window));
          g_assert_true (g_file_query_exists (image_file, NULL));
        }
    }

  fixture_close (&fixture);
}

static gboolean
image_set (gpointer data)
{
  g_autofree char *href = dup_value (data, "featuredImage.href");

  return href != NULL && g_str_has_suffix (href, ".png");
}

static gboolean
document_saved (gpointer data)
{
  return !curator_document_get_modified (data);
}

/* An image (a browser's bytes) dropped on an open file: its featured
 * image, stored beside it as the siblings' are, as one undo step. */
static void
test_drop_image (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GBytes) png = make_png (40, 30);
  g_autoptr(CuratorDropData) data = NULL;
  CuratorDocument *document;
  g_autofree char *href = NULL;
  g_autofree char *format = NULL;
  g_autoptr(GFile) image_file = NULL;
  g_autoptr(GBytes) written = NULL;

  fixture_open (&fixture);
  document = curator_window_get_document (fixture.window);
  g_assert_false (image_set (document));
  data = read_provider (provider_new ("image/png", g_bytes_ref (png), NULL));
  g_assert_nonnull (data->image);
  curator_window_import_data (fixture.window, data, TRUE, 20, 120);
  curator_test_wait_for (image_set, document, "the featured image");

  href = dup_value (document, "featuredImage.href");
  format = dup_value (document, "featuredImage.format");
  g_test_message ("featuredImage.href: %s, format %s", href, format);
  g_assert_true (g_str_has_suffix (href, "-featuredImage.png"));
  g_assert_cmpstr (format, ==, "PNG");
  {
    g_autofree char *width = dup_value (document, "featuredImage.size[0]");
    g_autofree char *height = dup_value (document, "featuredImage.size[1]");

    g_assert_cmpstr (width, ==, "40");
    g_assert_cmpstr (height, ==, "30");
  }
  image_file = g_file_get_child (fixture.folder, href);
  written = g_file_load_bytes (image_file, NULL, NULL, NULL);
  g_assert_nonnull (written);
  g_assert_true (g_bytes_equal (written, png));
  g_assert_null (find_dialog ());

  /* One undo takes back every field, and the image it wrote; Redo
   * brings both back. */
  g_assert_true (curator_document_undo (document));
  g_assert_false (image_set (document));
  g_assert_false (g_file_query_exists (image_file, NULL));
  g_assert_true (curator_document_redo (document));
  g_assert_true (image_set (document));
  g_clear_pointer (&written, g_bytes_unref);
  written = g_file_load_bytes (image_file, NULL, NULL, NULL);
  g_assert_nonnull (written);
  g_assert_true (g_bytes_equal (written, png));

  /* Saved with it, the image is the folder's: undoing the drop now
   * leaves it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.save", NULL));
  curator_test_wait_for (document_saved, document, "the save");
  g_assert_true (curator_document_undo (document));
  g_assert_true (g_file_query_exists (image_file, NULL));

  fixture_close (&fixture);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

/* An image dropped, then the file closed with Discard: the image goes
 * with the edits. */
static void
test_drop_image_discarded (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GBytes) png = make_png (20, 10);
  g_autoptr(CuratorDropData) data = NULL;
  CuratorDocument *document;
  g_autofree char *href = NULL;
  g_autoptr(GFile) image_file = NULL;

  fixture_open (&fixture);
  document = curator_window_get_document (fixture.window);
  data = read_provider (provider_new ("image/png", g_bytes_ref (png), NULL));
  curator_window_import_data (fixture.window, data, TRUE, 20, 120);
  curator_test_wait_for (image_set, document, "the featured image");
  href = dup_value (document, "featuredImage.href");
  image_file = g_file_get_child (fixture.folder, href);
  g_assert_true (g_file_query_exists (image_file, NULL));

  g_object_ref (fixture.window);
  gtk_window_close (GTK_WINDOW (fixture.window));
  curator_test_wait_for ((CuratorTestCondition) find_message_dialog, NULL, "the Save Changes? dialog");
  adw_message_dialog_response (find_message_dialog (), "discard");
  g_assert_finalize_object (fixture.window);
  g_assert_false (g_file_query_exists (image_file, NULL));

  fixture.window = NULL;
  curator_test_remove_tree (fixture.dir);
  g_clear_pointer (&fixture.dir, g_free);
  g_clear_object (&fixture.folder);
}

/* Files from a file manager: a saved page is imported (not fetched), an
 * image becomes the open file's featured image. */
static void
test_drop_files (void)
{
  Fixture fixture = { 0 };
  gsize length = 0;
  g_autofree char *html = NULL;
  g_autofree char *page_path = NULL;
  g_autofree char *image_path = NULL;
  g_autofree char *uri_list = NULL;
  g_autofree char *page_uri = NULL;
  g_autofree char *image_uri = NULL;
  g_autofree char *outside = curator_test_make_private_dir ("curator-import-files-XXXXXX");
  g_autoptr(GBytes) png = make_png (40, 30);
  g_autoptr(CuratorDropData) data = NULL;
  CuratorImportDialog *dialog;
  CuratorWindow *window;
  CuratorDocument *document;

  fixture_open (&fixture);
  html = dup_local_page ("wordpress.html", &length);
  page_path = g_build_filename (outside, "Saved Page.html", NULL);
  image_path = g_build_filename (outside, "picture.png", NULL);
  g_assert_true (g_file_set_contents (page_path, html, length, NULL));
  g_assert_true (g_file_set_contents (image_path, g_bytes_get_data (png, NULL), g_bytes_get_size (png), NULL));
  page_uri = g_filename_to_uri (page_path, NULL, NULL);
  image_uri = g_filename_to_uri (image_path, NULL, NULL);

  /* The image, dropped on the form. */
  uri_list = g_strconcat (image_uri, "\r\n", NULL);
  data = read_provider (provider_new ("text/uri-list", utf8 (uri_list), NULL));
  document = curator_window_get_document (fixture.window);
  curator_window_import_data (fixture.window, data, TRUE, 20, 120);
  curator_test_wait_for (image_set, document, "the featured image");
  g_assert_null (find_dialog ());
  g_clear_pointer (&data, curator_drop_data_free);

  /* The page: into the open file's folder, read from the file. */
  test_server_reset (server);
  g_free (uri_list);
  uri_list = g_strconcat (page_uri, "\r\n", NULL);
  data = read_provider (provider_new ("text/uri-list", utf8 (uri_list), NULL));
  curator_window_import_data (fixture.window, data, TRUE, 20, 120);
  curator_test_wait_for (dialog_ready, NULL, "the import dialog to be ready");
  dialog = find_dialog ();
  g_assert_false (test_server_saw_path_prefix (server, "/pages/"));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.create", NULL);
  curator_test_wait_for (new_curation_shown, fixture.window, "the new curation's window");
  window = find_new_curation (fixture.window);
  g_assert_cmpstr (curator_document_get_title (curator_window_get_document (window)), ==, WORDPRESS_TITLE);
  g_assert_true (g_file_has_parent (curator_document_get_file (curator_window_get_document (window)), fixture.folder));

  fixture_close (&fixture);
  curator_test_remove_tree (outside);
}

static gboolean
image_from_server (gpointer data)
{
  g_autofree char *href = dup_value (data, "featuredImage.href");
  const CuratorNode *size = curator_document_lookup (data, "featuredImage.size[0]", NULL);

  return href != NULL && g_str_has_suffix (href, "-featuredImage.png") &&
         size != NULL && g_strcmp0 (curator_node_get_value (size), "40") == 0;
}

/* An image dragged from a page in Firefox: its address (an image CDN's,
 * without an extension) and HTML made of the <img> alone, no bytes. On an
 * open file it is fetched and becomes its featured image. */
static void
test_drag_browser_image (void)
{
  Fixture fixture = { 0 };
  g_autofree char *url = server_url ("/img/photo?w=800&h=600");
  g_autofree char *moz = g_strconcat (url, "\nA photo", NULL);
  g_autofree char *escaped = g_markup_escape_text (url, -1);
  g_autofree char *html = g_strdup_printf ("<img src=\"%s\" alt=\"A photo\">", escaped);
  g_autoptr(CuratorDropData) data = NULL;
  CuratorDocument *document;

  fixture_open (&fixture);
  document = curator_window_get_document (fixture.window);
  data = read_provider (provider_new ("text/x-moz-url", utf16 (moz, FALSE, FALSE, FALSE),
                                      "text/html", utf16 (html, FALSE, TRUE, FALSE),
                                      NULL));
  g_assert_null (data->image);
  test_server_reset (server);
  curator_window_import_data (fixture.window, data, TRUE, 20, 120);
  curator_test_wait_for (image_from_server, document, "the featured image");
  g_assert_true (test_server_saw_path_prefix (server, "/img/photo?w=800&h=600"));
  g_assert_null (find_dialog ());

  fixture_close (&fixture);
}

/* The window's drop target reads the browsers' formats itself. */
static void
test_drop_target (void)
{
  CuratorWindow *window = curator_window_new (NULL);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  GtkDropTargetAsync *target = NULL;
  GdkContentFormats *formats;
  const char * const expected[] = {
    "text/uri-list", "text/x-moz-url", "_NETSCAPE_URL", "text/html",
    "text/plain;charset=utf-8", "UTF8_STRING", "image/png", "image/jpeg",
    "application/octet-stream",
  };

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      g_assert_false (GTK_IS_DROP_TARGET (controller));
      /* GTK has one of its own, for application/x-rootwindow-drop. */
      if (GTK_IS_DROP_TARGET_ASYNC (controller) &&
          gdk_content_formats_contain_mime_type (gtk_drop_target_async_get_formats (GTK_DROP_TARGET_ASYNC (controller)),
                                                 "text/uri-list"))
        target = GTK_DROP_TARGET_ASYNC (controller);
    }
  g_assert_nonnull (target);
  formats = gtk_drop_target_async_get_formats (target);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_true (gdk_content_formats_contain_mime_type (formats, expected[i]));

  g_clear_object (&controllers);
  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* Under late-unref-preload.c (the test test-import-late-unref), after
 * the imports: the preload made GLib's workers drop their tasks late,
 * so every import was finalized where it should be whatever the order
 * (the import warns otherwise). This says the preload took effect. */
static void
test_late_unref_took_effect (void)
{
  unsigned (*count) (void) = (unsigned (*) (void)) dlsym (RTLD_DEFAULT, "curator_late_unref_count");

  g_assert_nonnull (count);
  g_test_message ("%u task references dropped late", count ());
  g_assert_cmpuint (count (), >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  g_autofree char *config_home = NULL;
  int status;

  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  data_home = g_dir_make_tmp ("curator-import-data-XXXXXX", NULL);
  config_home = g_dir_make_tmp ("curator-import-config-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config_home, TRUE);
  /* The local server only, whatever the environment says. */
  g_unsetenv ("http_proxy");
  g_unsetenv ("https_proxy");
  g_unsetenv ("HTTP_PROXY");
  g_unsetenv ("HTTPS_PROXY");
  g_set_application_name ("Curator");
  gtk_test_init (&argc, &argv, NULL);
  curator_test_log_init ();
  /* A web process ending on WebKit's a11y bus warning (docs/preview.md). */
  curator_test_tolerate_web_process_ends (1);
  adw_init ();

  server = test_server_new_with_handler (NULL, handler, NULL);

  g_test_add_func ("/ui/import/decode-text", test_decode_text);
  g_test_add_func ("/ui/import/parse-formats", test_parse_formats);
  g_test_add_func ("/ui/import/read-firefox", test_read_firefox);
  g_test_add_func ("/ui/import/read-chromium", test_read_chromium);
  g_test_add_func ("/ui/import/drop-target", test_drop_target);
  g_test_add_func ("/ui/import/paste-url", test_paste_url);
  g_test_add_func ("/ui/import/change-mapping", test_change_mapping);
  g_test_add_func ("/ui/import/rows-made-ahead", test_rows_made_ahead);
  g_test_add_func ("/ui/import/save-never-overwrites", test_save_never_overwrites);
  g_test_add_func ("/ui/import/page-fails", test_page_fails);
  g_test_add_func ("/ui/import/cancel", test_cancel);
  g_test_add_func ("/ui/import/drop-on-body", test_drop_on_body);
  g_test_add_func ("/ui/import/new-curation", test_new_curation);
  g_test_add_func ("/ui/import/new-curation-in-library", test_new_curation_in_library);
  g_test_add_func ("/ui/import/new-curation-image", test_new_curation_image);
  g_test_add_func ("/ui/import/drop-image", test_drop_image);
  g_test_add_func ("/ui/import/drop-image-discarded", test_drop_image_discarded);
  g_test_add_func ("/ui/import/drop-files", test_drop_files);
  g_test_add_func ("/ui/import/drag-browser-image", test_drag_browser_image);
  if (g_getenv ("CURATOR_LATE_UNREF_MS") != NULL)
    g_test_add_func ("/ui/import/late-unref-took-effect", test_late_unref_took_effect);

  status = g_test_run ();

  g_mutex_lock (&slow_mutex);
  slow_released = TRUE;
  g_cond_broadcast (&slow_cond);
  g_mutex_unlock (&slow_mutex);
  test_server_free (server);
  curator_test_remove_tree (data_home);
  curator_test_remove_tree (config_home);
  return status;
}
