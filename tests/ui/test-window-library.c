/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-window-library"

#include "config.h"

#include "curator-application.h"
#include "curator-bulk-edit-dialog.h"
#include "curator-drop-data.h"
#include "curator-window-import.h"
#include "curator-field-editor.h"
#include "curator-form.h"
#include "curator-import-dialog.h"
#include "curator-library-filter.h"
#include "curator-text-row.h"
#include "curator-window-private.h"
#include "curator-test-corpus.h"
#include "curator-test-utils.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

/* The library in the real window: a folder opened the ways a user opens
 * one, files chosen in the list opening in the editor beside it, the
 * keys, the unsaved-changes question, the disk changing underneath, a
 * bulk edit of the file shown, a narrow window, and the next start. */

static CuratorWindow *
new_window (GApplication *app,
            int           width)
{
  CuratorWindow *window = curator_window_new (GTK_APPLICATION (app));

  gtk_window_set_default_size (GTK_WINDOW (window), width, 760);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
destroy_window (CuratorWindow *window)
{
  CuratorLibrary *library = curator_window_get_library (window);
  CuratorFolderModel *model = curator_library_get_model (library);

  /* Library and model go with the window: nothing keeps them alive. */
  if (model != NULL)
    g_object_add_weak_pointer (G_OBJECT (model), (gpointer *) &model);
  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  g_assert_null (model);
}

static gboolean
library_listed (gpointer data)
{
  CuratorFolderModel *model = curator_library_get_model (curator_window_get_library (data));

  return model != NULL && !curator_folder_model_get_loading (model) && !curator_folder_model_get_checking (model);
}

typedef struct
{
  CuratorWindow *window;
  GFile         *file;
} Shows;

/* The window shows @file, loaded and in the form, and the library's
 * row for it is the current one. */
static gboolean
window_shows (gpointer data)
{
  Shows *shows = data;
  CuratorDocument *document = curator_window_get_document (shows->window);

  return document != NULL && !curator_window_get_loading (shows->window) &&
         g_file_equal (curator_document_get_file (document), shows->file) &&
         !curator_form_get_building (CURATOR_FORM (curator_window_get_form (shows->window)));
}

static void
wait_shows (CuratorWindow *window,
            GFile         *file)
{
  Shows shows = { window, file };
  GFile *current;

  curator_test_wait_for (window_shows, &shows, "the chosen file in the editor");
  current = curator_library_get_current_file (curator_window_get_library (window));
  g_assert_nonnull (current);
  g_assert_true (g_file_equal (current, file));
}

static guint
n_shown (CuratorWindow *window)
{
  return g_list_model_get_n_items (curator_library_get_shown (curator_window_get_library (window)));
}

static GFile *
shown_file (CuratorWindow *window,
            guint          position)
{
  CuratorLibrary *library = curator_window_get_library (window);
  g_autoptr(CuratorFolderItem) item = g_list_model_get_item (curator_library_get_shown (library), position);

  g_assert_nonnull (item);
  return curator_folder_model_get_file (curator_library_get_model (library), item);
}

static void
select_row (CuratorWindow *window,
            guint          position)
{
  GtkSelectionModel *selection = curator_library_get_selection (curator_window_get_library (window));

  g_assert_true (gtk_selection_model_select_item (selection, position, TRUE));
}

/* The one selected row. */
static guint
selected_row (CuratorWindow *window)
{
  GtkSelectionModel *selection = curator_library_get_selection (curator_window_get_library (window));
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (selection);

  g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 1);
  return gtk_bitset_get_nth (selected, 0);
}

/* Presses the window's key binding for @trigger_text (the one a focused
 * widget that does not use the key lets through). */
static void
press (CuratorWindow *window,
       const char    *trigger_text)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  g_autoptr(GtkShortcutTrigger) wanted = gtk_shortcut_trigger_parse_string (trigger_text);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            {
              g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                           GTK_WIDGET (window), gtk_shortcut_get_arguments (shortcut)));
              return;
            }
        }
    }
  g_error ("The window has no shortcut %s", trigger_text);
}

static void
write_file (const char *root,
            const char *relative,
            const char *contents)
{
  g_autofree char *path = g_build_filename (root, relative, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static char *
read_file (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

/* A small folder of titled files, sorted by title as A, B, C, D. */
static char *
make_folder (void)
{
  char *root = curator_test_make_private_dir ("curator-window-library-XXXXXX");

  write_file (root, "a.md", "---\ntitle: A\n---\n<p>A</p>\n");
  write_file (root, "news/b.md", "---\ntitle: B\ntags: [x]\n---\n<p>B</p>\n");
  write_file (root, "news/c.md", "---\ntitle: C\n---\n<p>C</p>\n");
  write_file (root, "d.md", "---\ntitle: D\n---\n<p>D</p>\n");
  return root;
}

static CuratorWindow *
open_folder (GApplication *app,
             const char   *path,
             int           width)
{
  g_autoptr(GFile) folder = g_file_new_for_path (path);
  CuratorWindow *window = new_window (app, width);

  curator_window_open_folder (window, folder);
  curator_test_wait_for (library_listed, window, "the folder to be listed");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (curator_window_get_library (window)),
                                             "library.sort", "s", "title"));
  return window;
}

static GtkWidget *
focus_widget (CuratorWindow *window)
{
  return gtk_root_get_focus (GTK_ROOT (window));
}

/* The vendored sample tree, opened as `curator DIR` does: every content
 * file listed beside the editor; search, sort and filter; a row chosen
 * opens in the same window; Alt+Down and Alt+Up move through the list as
 * it is shown, in the same preview; Ctrl+F goes to the search. */
static void
test_sample_tree (void)
{
  const char *dir = curator_test_corpus_dir ();
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GFile) first = NULL;
  g_autoptr(GFile) second = NULL;
  CuratorWindow *window;
  CuratorLibrary *library;
  WebKitWebView *web_view;
  guint n_all;

  if (dir == NULL)
    return;
  folder = g_file_new_for_path (dir);
  window = new_window (NULL, 1280);
  library = curator_window_get_library (window);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (library)));
  g_assert_false (gtk_widget_get_visible (window->library_button));

  /* Opened by its type, as the command line, a drop and Open Recent do. */
  curator_window_open_location (window, folder);
  curator_test_wait_for (library_listed, window, "the sample tree to be listed");
  g_assert_true (g_file_equal (curator_library_get_folder (library), folder));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (library)));
  g_assert_true (gtk_widget_get_visible (window->library_button));
  g_assert_true (adw_flap_get_reveal_flap (window->flap));
  g_assert_false (adw_flap_get_folded (window->flap));
  g_assert_null (curator_window_get_document (window));

  listed = curator_folder_index_list_files (dir, NULL);
  n_all = n_shown (window);
  g_assert_cmpuint (n_all, ==, listed->len);
  g_assert_cmpuint (n_all, >, 200);

  /* Search: accents and case ignored. */
  gtk_editable_set_text (GTK_EDITABLE (curator_library_get_search_entry (library)), "CAFE");
  g_assert_cmpuint (n_shown (window), >=, 1);
  g_assert_cmpuint (n_shown (window), <, n_all);
  select_row (window, 0);
  first = shown_file (window, 0);
  wait_shows (window, first);
  g_assert_cmpstr (curator_document_get_title (curator_window_get_document (window)), ==, "Café é");
  gtk_editable_set_text (GTK_EDITABLE (curator_library_get_search_entry (library)), "");
  g_assert_cmpuint (n_shown (window), ==, n_all);
  /* The file shown keeps its row selected as the list comes back. */
  g_assert_true (g_file_equal (shown_file (window, selected_row (window)), first));

  /* Sort by title; the first row, then the next and back by the keys. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (library), "library.sort", "s", "title"));
  g_clear_object (&first);
  first = shown_file (window, 0);
  second = shown_file (window, 1);
  select_row (window, 0);
  wait_shows (window, first);
  web_view = curator_preview_get_web_view (curator_body_pane_get_preview (curator_window_get_body_pane (window)));
  g_assert_nonnull (web_view);

  press (window, "<Alt>Down");
  wait_shows (window, second);
  g_assert_cmpuint (selected_row (window), ==, 1);
  /* The same web view shows the next file's body. */
  g_assert_true (curator_preview_get_web_view (curator_body_pane_get_preview (curator_window_get_body_pane (window))) == web_view);
  press (window, "<Alt>Up");
  wait_shows (window, first);
  /* Pressed twice before the next file has loaded: two files on. */
  {
    g_autoptr(GFile) third = shown_file (window, 2);

    press (window, "<Alt>Down");
    press (window, "<Alt>Down");
    wait_shows (window, third);
    g_assert_cmpuint (selected_row (window), ==, 2);
    press (window, "<Alt>Up");
    press (window, "<Alt>Up");
    wait_shows (window, first);
  }
  /* At the top, Alt+Up stays. */
  press (window, "<Alt>Up");
  g_assert_false (curator_window_get_loading (window));
  g_assert_true (g_file_equal (curator_document_get_file (curator_window_get_document (window)), first));

  /* Filter: files with problems only; one of them opens too (refused,
   * shown as text). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (library), "library.problems", NULL));
  g_assert_cmpuint (n_shown (window), >=, 1);
  g_assert_cmpuint (n_shown (window), <, n_all);
  for (guint i = 0; i < n_shown (window); i++)
    {
      g_autoptr(CuratorFolderItem) item = g_list_model_get_item (curator_library_get_shown (library), i);

      g_assert_nonnull (curator_folder_item_get_problem (item));
    }
  {
    g_autoptr(GFile) problem = shown_file (window, 0);

    select_row (window, 0);
    wait_shows (window, problem);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (library), "library.problems", NULL));
  g_assert_cmpuint (n_shown (window), ==, n_all);

  /* Ctrl+F: the search entry, named for screen readers, has the focus. */
  gtk_widget_grab_focus (GTK_WIDGET (window->save_button));
  press (window, "<Control>f");
  g_assert_true (gtk_widget_is_ancestor (focus_widget (window), curator_library_get_search_entry (library)) ||
                 focus_widget (window) == curator_library_get_search_entry (library));
  {
    g_autofree char *message = gtk_test_accessible_check_property (GTK_ACCESSIBLE (curator_library_get_search_entry (library)),
                                                                   GTK_ACCESSIBLE_PROPERTY_LABEL, "Search Files");

    g_assert_null (message);
  }

  destroy_window (window);
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static AdwMessageDialog *
find_question (CuratorWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_window_get_transient_for (toplevel) == GTK_WINDOW (window) &&
          gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Clicks the dialog's button, which answers and closes it. */
static void
answer (AdwMessageDialog *dialog,
        const char       *label)
{
  GtkWidget *button = find_button (GTK_WIDGET (dialog), label);

  g_assert_nonnull (button);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_signal_emit_by_name (button, "clicked");
  curator_test_wait_for (is_null, &dialog, "the question to close");
}

static void
edit_title (CuratorWindow *window,
            const char    *title)
{
  g_autoptr(GError) error = NULL;

  curator_document_set_value (curator_window_get_document (window), "title", title, CURATOR_SCALAR_AUTO, &error);
  g_assert_no_error (error);
  g_assert_true (curator_document_get_modified (curator_window_get_document (window)));
}

static gboolean
document_saved (gpointer data)
{
  return !curator_document_get_modified (curator_window_get_document (data));
}

typedef struct
{
  CuratorWindow *window;
  guint          n;
} Count;

static gboolean
n_shown_is (gpointer data)
{
  Count *count = data;

  return n_shown (count->window) == count->n;
}

typedef struct
{
  CuratorDraftStore *store;
  char              *id;
} DraftOf;

static gboolean
draft_exists (gpointer data)
{
  DraftOf *draft_of = data;
  g_autoptr(CuratorDraft) draft = curator_draft_store_load (draft_of->store, draft_of->id, NULL);

  return draft != NULL;
}

static gboolean
not_loading (gpointer data)
{
  return !curator_window_get_loading (data);
}

/* Unsaved changes, then another row chosen: Cancel keeps the file and its
 * row; Discard opens the other and writes nothing; Save writes, then
 * opens the next. A file that cannot be opened leaves the one shown. */
static void
test_unsaved_changes (void)
{
  g_autofree char *root = make_folder ();
  g_autofree char *drafts_path = curator_test_make_private_dir ("curator-window-library-drafts-XXXXXX");
  g_autoptr(GFile) drafts = g_file_new_for_path (drafts_path);
  g_autoptr(CuratorDraftStore) store = curator_draft_store_new (drafts);
  CuratorWindow *window = open_folder (NULL, root, 1280);
  g_autoptr(GFile) a = shown_file (window, 0);
  g_autoptr(GFile) b = shown_file (window, 1);
  g_autoptr(GFile) c = shown_file (window, 2);
  AdwMessageDialog *dialog;
  DraftOf draft_of_a = { store, NULL };

  curator_window_set_draft_store (window, store);
  select_row (window, 0);
  wait_shows (window, a);
  draft_of_a.id = curator_draft_store_id_for (curator_window_get_document (window));
  edit_title (window, "A changed");
  /* The edits are kept as a draft meanwhile. */
  curator_test_wait_for (draft_exists, &draft_of_a, "the draft of the edits");

  /* Cancel. */
  select_row (window, 1);
  dialog = find_question (window);
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, "save"));
  g_assert_true (adw_message_dialog_has_response (dialog, "discard"));
  answer (dialog, "_Cancel");
  g_assert_false (curator_window_get_loading (window));
  g_assert_true (g_file_equal (curator_document_get_file (curator_window_get_document (window)), a));
  g_assert_true (curator_document_get_modified (curator_window_get_document (window)));
  g_assert_cmpuint (selected_row (window), ==, 0);

  /* Discard. */
  select_row (window, 1);
  dialog = find_question (window);
  g_assert_nonnull (dialog);
  answer (dialog, "_Discard");
  wait_shows (window, b);
  /* Discarded: no draft of them is kept either. */
  g_assert_false (draft_exists (&draft_of_a));
  {
    g_autofree char *on_disk = read_file (a);

    g_assert_cmpstr (on_disk, ==, "---\ntitle: A\n---\n<p>A</p>\n");
  }

  /* Save, by Alt+Down this time. */
  edit_title (window, "B changed");
  press (window, "<Alt>Down");
  dialog = find_question (window);
  g_assert_nonnull (dialog);
  answer (dialog, "_Save");
  wait_shows (window, c);
  {
    g_autofree char *on_disk = read_file (b);

    g_assert_cmpstr (on_disk, ==, "---\ntitle: B changed\ntags: [x]\n---\n<p>B</p>\n");
  }
  g_assert_cmpuint (selected_row (window), ==, 2);
  /* Nothing left to ask. */
  g_assert_true (document_saved (window));
  g_assert_null (find_question (window));

  /* A file that cannot be read (binary): the one shown stays, with its
   * row selected, and a toast says why. */
  write_file (root, "0-binary.md", "\x01\x02");
  {
    g_autofree char *path = g_build_filename (root, "0-binary.md", NULL);
    g_autoptr(GBytes) bytes = g_bytes_new_static ("---\0\1\2", 6);
    g_autoptr(GError) error = NULL;
    Count count = { window, 5 };

    g_file_set_contents (path, g_bytes_get_data (bytes, NULL), 6, &error);
    g_assert_no_error (error);
    curator_test_wait_for (n_shown_is, &count, "the binary file's row");
    g_assert_true (g_file_equal (shown_file (window, selected_row (window)), c));
  }
  {
    g_autoptr(GFile) binary = NULL;
    guint position = G_MAXUINT;

    for (guint i = 0; i < n_shown (window); i++)
      {
        g_autoptr(GFile) file = shown_file (window, i);
        g_autofree char *name = g_file_get_basename (file);

        if (g_str_equal (name, "0-binary.md"))
          position = i;
      }
    g_assert_cmpuint (position, !=, G_MAXUINT);
    select_row (window, position);
    curator_test_wait_for (not_loading, window, "the binary file to be refused");
    g_assert_true (g_file_equal (curator_document_get_file (curator_window_get_document (window)), c));
    g_assert_true (g_file_equal (shown_file (window, selected_row (window)), c));
  }

  destroy_window (window);
  curator_test_remove_tree (root);
  curator_test_remove_tree (drafts_path);
  g_free (draft_of_a.id);
}

static CuratorBulkEditDialog *
find_bulk_edit_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (CURATOR_IS_BULK_EDIT_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return CURATOR_BULK_EDIT_DIALOG (toplevel);
    }
  return NULL;
}

static void
find_widgets (GtkWidget *widget,
              GType      type,
              GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    find_widgets (child, type, found);
}

static GtkWidget *
entry_row (GtkWidget  *dialog,
           const char *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  find_widgets (dialog, ADW_TYPE_ENTRY_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      return g_ptr_array_index (rows, i);
  g_error ("No entry row “%s”", title);
  return NULL;
}

static gboolean
reviewed (gpointer data)
{
  CuratorBulkEdit *edit = curator_bulk_edit_dialog_get_edit (data);

  return edit != NULL && curator_bulk_edit_count (edit, CURATOR_BULK_EDIT_FILE_CHANGE) +
         curator_bulk_edit_count (edit, CURATOR_BULK_EDIT_FILE_UNCHANGED) +
         curator_bulk_edit_count (edit, CURATOR_BULK_EDIT_FILE_REFUSED) ==
         g_list_model_get_n_items (curator_bulk_edit_get_files (edit));
}

typedef struct
{
  CuratorWindow *window;
  const char    *text;
} Holds;

/* The document shown reads @text (the file was read again). */
static gboolean
document_holds (gpointer data)
{
  Holds *holds = data;
  CuratorDocument *document = curator_window_get_document (holds->window);
  g_autoptr(GBytes) bytes = NULL;

  if (document == NULL || curator_window_get_loading (holds->window))
    return FALSE;
  bytes = curator_document_serialize (document);
  return g_bytes_get_size (bytes) == strlen (holds->text) &&
         memcmp (g_bytes_get_data (bytes, NULL), holds->text, strlen (holds->text)) == 0;
}

/* The disk changes under the list: a file created and one removed show
 * within the wait, the row of the file shown stays selected. A bulk edit
 * that writes the file shown reads it again into the editor, and so does
 * its undo. */
static void
test_live_and_bulk_edit (void)
{
  g_autofree char *root = make_folder ();
  g_autofree char *created = g_build_filename (root, "news", "b2.md", NULL);
  g_autofree char *removed = g_build_filename (root, "d.md", NULL);
  CuratorWindow *window = open_folder (NULL, root, 1280);
  g_autoptr(GFile) b = shown_file (window, 1);
  Count count = { window, 5 };
  CuratorBulkEditDialog *dialog;
  Holds holds = { window, NULL };

  select_row (window, 1);
  wait_shows (window, b);

  write_file (root, "news/b2.md", "---\ntitle: B2\n---\n");
  curator_test_wait_for (n_shown_is, &count, "the created file's row");
  g_assert_true (g_file_equal (shown_file (window, selected_row (window)), b));
  g_assert_cmpint (g_unlink (removed), ==, 0);
  count.n = 4;
  curator_test_wait_for (n_shown_is, &count, "the removed file's row to go");
  g_assert_true (g_file_equal (shown_file (window, selected_row (window)), b));

  /* Every file selected (Ctrl+A in the list), one field set. */
  g_assert_true (gtk_widget_activate_action (curator_library_get_list_view (curator_window_get_library (window)),
                                             "list.select-all", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (curator_window_get_library (window)), "library.bulk-edit", NULL));
  dialog = find_bulk_edit_dialog ();
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (dialog), "Field")), "curator");
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (dialog), "Value")), "Jane");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "bulk-edit.review", NULL));
  curator_test_wait_for (reviewed, dialog, "the review of every file");
  g_assert_cmpuint (curator_bulk_edit_count (curator_bulk_edit_dialog_get_edit (dialog), CURATOR_BULK_EDIT_FILE_CHANGE), ==, 4);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "bulk-edit.apply", NULL));
  curator_test_wait_for (is_null, &dialog, "the bulk edit to be written");

  holds.text = "---\ntitle: B\ntags: [x]\ncurator: Jane\n---\n<p>B</p>\n";
  curator_test_wait_for (document_holds, &holds, "the file shown to be read again");
  {
    g_autofree char *on_disk = read_file (b);

    g_assert_cmpstr (on_disk, ==, holds.text);
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (curator_window_get_library (window)), "library.undo-bulk-edit", NULL));
  holds.text = "---\ntitle: B\ntags: [x]\n---\n<p>B</p>\n";
  curator_test_wait_for (document_holds, &holds, "the file shown to be read again after the undo");
  g_assert_false (curator_document_get_modified (curator_window_get_document (window)));

  destroy_window (window);
  curator_test_remove_tree (root);
}

typedef struct
{
  CuratorWindow *window;
  const char    *titles;   /* the rows' titles in order, joined by spaces */
} Titles;

static gboolean
titles_are (gpointer data)
{
  Titles *titles = data;
  CuratorLibrary *library = curator_window_get_library (titles->window);
  GListModel *shown = curator_library_get_shown (library);
  g_autoptr(GString) joined = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(CuratorFolderItem) item = g_list_model_get_item (shown, i);

      if (i > 0)
        g_string_append_c (joined, ' ');
      g_string_append (joined, curator_folder_item_get_title (item));
    }
  return g_str_equal (joined->str, titles->titles);
}

static gboolean
bar_says (gpointer data)
{
  Holds *holds = data;

  return g_strcmp0 (curator_recovery_bar_get_message (curator_window_get_recovery_bar (holds->window)),
                    holds->text) == 0;
}

static gboolean
c_renamed_listed (gpointer data)
{
  CuratorWindow *window = data;
  g_autoptr(GFile) c = n_shown (window) == 4 ? shown_file (window, 2) : NULL;
  g_autofree char *name = c != NULL ? g_file_get_basename (c) : NULL;

  return g_strcmp0 (name, "c-renamed.md") == 0;
}

/* The disk changes as a git checkout changes it: files renamed, replaced
 * (written beside and renamed over, as git does), created and removed at
 * once. The list follows, the row of the file shown stays selected, and
 * the file shown tells when it changed or went, its edits kept. */
static void
test_renamed_checkout_removed (void)
{
  g_autofree char *root = make_folder ();
  g_autofree char *c_path = g_build_filename (root, "news", "c.md", NULL);
  g_autofree char *c_renamed = g_build_filename (root, "news", "c-renamed.md", NULL);
  g_autofree char *d_path = g_build_filename (root, "d.md", NULL);
  CuratorWindow *window = open_folder (NULL, root, 1280);
  g_autoptr(GFile) b = shown_file (window, 1);
  g_autofree char *b_path = g_file_get_path (b);
  Titles titles = { window, NULL };
  Holds holds = { window, NULL };

  select_row (window, 1);
  wait_shows (window, b);

  /* Renamed: one row, under its new name. */
  g_assert_cmpint (g_rename (c_path, c_renamed), ==, 0);
  curator_test_wait_for (c_renamed_listed, window, "the renamed file's row");
  titles.titles = "A B C D";
  g_assert_true (titles_are (&titles));
  g_assert_true (g_file_equal (shown_file (window, selected_row (window)), b));

  /* Another branch checked out: a title changed, a file gone, one new,
   * and the file shown changed too. */
  write_file (root, "a.md", "---\ntitle: A2\n---\n<p>A</p>\n");
  g_assert_cmpint (g_unlink (d_path), ==, 0);
  write_file (root, "news/e.md", "---\ntitle: E\n---\n<p>E</p>\n");
  write_file (root, "news/b.md", "---\ntitle: B\ntags: [x, y]\n---\n<p>B</p>\n");
  titles.titles = "A2 B C E";
  curator_test_wait_for (titles_are, &titles, "the rows of the other branch");
  g_assert_true (g_file_equal (shown_file (window, selected_row (window)), b));
  holds.text = "The file changed on disk";
  curator_test_wait_for (bar_says, &holds, "the bar to say the file shown changed");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (curator_window_get_recovery_bar (window)),
                                             "recovery.reload", NULL));
  holds.text = "---\ntitle: B\ntags: [x, y]\n---\n<p>B</p>\n";
  curator_test_wait_for (document_holds, &holds, "the file shown to be read again");

  /* The file shown removed, with edits: its row goes, the editor keeps
   * the edits and says Save writes it again. */
  edit_title (window, "B edited");
  g_assert_cmpint (g_unlink (b_path), ==, 0);
  titles.titles = "A2 C E";
  curator_test_wait_for (titles_are, &titles, "the removed file's row to go");
  holds.text = "The file was deleted or moved on disk";
  curator_test_wait_for (bar_says, &holds, "the bar to say the file shown went");
  g_assert_true (g_file_equal (curator_document_get_file (curator_window_get_document (window)), b));
  g_assert_true (curator_document_get_modified (curator_window_get_document (window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  curator_test_wait_for (document_saved, window, "the save");
  titles.titles = "A2 B edited C E";
  curator_test_wait_for (titles_are, &titles, "the saved file's row to come back");

  curator_recovery_bar_discard_draft (curator_window_get_recovery_bar (window));
  destroy_window (window);
  curator_test_remove_tree (root);
}

static gboolean
form_on_screen (gpointer data)
{
  CuratorWindow *window = data;
  GtkWidget *form = curator_window_get_form (window);
  graphene_rect_t bounds;

  if (!gtk_widget_get_mapped (form) || !gtk_widget_compute_bounds (form, GTK_WIDGET (window), &bounds))
    return FALSE;
  return bounds.size.width > 100 && gtk_widget_get_width (GTK_WIDGET (window->stack)) > 500;
}

/* The form, beside the body, is at least 360 px wide. */
static gboolean
form_is_wide (gpointer data)
{
  CuratorWindow *window = data;

  return gtk_widget_get_width (GTK_WIDGET (window->form_stack)) >= 360;
}

typedef struct
{
  CuratorWindow *window;
  gboolean       library_folded;
  gboolean       editor_folded;
} Layout;

static gboolean
window_has_layout (gpointer data)
{
  Layout *layout = data;
  CuratorWindow *window = layout->window;

  return adw_flap_get_folded (window->flap) == layout->library_folded &&
         adw_leaflet_get_folded (window->leaflet) == layout->editor_folded;
}

/* The window @width wide folds the library and the editor as @layout
 * says; beside the body, the form keeps its 360 px. */
static void
check_layout (CuratorWindow *window,
              int            width,
              gboolean       library_folded,
              gboolean       editor_folded)
{
  Layout layout = { window, library_folded, editor_folded };
  g_autofree char *what = g_strdup_printf ("the layout at %d px: library %s, editor %s", width,
                                           library_folded ? "folded" : "open",
                                           editor_folded ? "in one pane" : "in two panes");

  gtk_window_set_default_size (GTK_WINDOW (window), width, 760);
  curator_test_wait_for (window_has_layout, &layout, what);
  if (!editor_folded)
    curator_test_wait_for (form_is_wide, window, "the form beside the body at its width");
}

/* Between the widths where everything fits and where one pane does, the
 * library folds away first: the editor never shows its panes one at a
 * time beside an open library. */
static void
test_widths (void)
{
  g_autofree char *root = make_folder ();
  g_autofree char *d_path = g_build_filename (root, "d.md", NULL);
  g_autoptr(GFile) d = g_file_new_for_path (d_path);
  CuratorWindow *window = open_folder (NULL, root, 1280);

  curator_window_open (window, d);
  wait_shows (window, d);
  check_layout (window, 1280, FALSE, FALSE);
  check_layout (window, 1000, FALSE, FALSE);
  /* Too narrow for the library beside the form and the body. */
  check_layout (window, 800, TRUE, FALSE);
  check_layout (window, 700, TRUE, FALSE);
  /* Too narrow for the form beside the body. */
  check_layout (window, 640, TRUE, TRUE);
  /* And back. */
  check_layout (window, 900, TRUE, FALSE);
  check_layout (window, 1280, FALSE, FALSE);
  g_assert_true (adw_flap_get_reveal_flap (window->flap));

  destroy_window (window);
  curator_test_remove_tree (root);
}

/* A narrow window: the library folds away over the editor; choosing a
 * file makes way for it, Ctrl+F brings the library back. */
static void
test_narrow_window (void)
{
  g_autofree char *root = make_folder ();
  g_autofree char *d_path = g_build_filename (root, "d.md", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (root);
  g_autoptr(GFile) d = g_file_new_for_path (d_path);
  CuratorWindow *window = new_window (NULL, 560);
  g_autoptr(GFile) a = NULL;

  /* Folder and file at once, as the next start opens them. */
  curator_window_open_folder (window, folder);
  curator_window_open (window, d);
  wait_shows (window, d);
  curator_test_wait_for (library_listed, window, "the folder to be listed");
  curator_test_wait_for ((CuratorTestCondition) adw_flap_get_folded, window->flap, "the library to fold");
  curator_test_wait_for (form_on_screen, window, "the form to be drawn");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (curator_window_get_library (window)), "library.sort", "s", "title"));
  a = shown_file (window, 0);
  adw_flap_set_reveal_flap (window->flap, TRUE);
  select_row (window, 0);
  wait_shows (window, a);
  g_assert_false (adw_flap_get_reveal_flap (window->flap));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (window->library_button)) == FALSE);
  /* The editor has the window's width. */
  curator_test_wait_for (form_on_screen, window, "the form to be drawn");

  press (window, "<Control>f");
  g_assert_true (adw_flap_get_reveal_flap (window->flap));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (window->library_button)));

  destroy_window (window);
  curator_test_remove_tree (root);
}

static gboolean
recent_has (gpointer data)
{
  return gtk_recent_manager_has_item (gtk_recent_manager_get_default (), data);
}

static gboolean
library_has_folder (gpointer data)
{
  return curator_library_get_folder (curator_window_get_library (data)) != NULL;
}

static CuratorWindow *
newest_window (GApplication *app)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  /* Newest first. */
  return windows != NULL ? CURATOR_WINDOW (windows->data) : NULL;
}

/* The application: `curator DIR` opens the folder; the next start brings
 * back the folder and the file; Open Recent and a drop open a folder in
 * the library of the window. */
static void
test_application (void)
{
  g_autofree char *root = make_folder ();
  g_autoptr(GFile) folder = g_file_new_for_path (root);
  g_autofree char *uri = g_file_get_uri (folder);
  g_autoptr(GApplication) app = G_APPLICATION (curator_application_new ());
  g_autoptr(GFile) b = NULL;
  CuratorWindow *window;
  GFile *files[1] = { folder };

  g_application_set_flags (app, G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (app, NULL, NULL));
  if (curator_application_get_settings (CURATOR_APPLICATION (app)) == NULL)
    {
      curator_test_skip_missing ("gsettings-schema", "the application's schema is not compiled in GSETTINGS_SCHEMA_DIR");
      curator_test_remove_tree (root);
      return;
    }
  g_application_hold (app);

  /* curator DIR */
  g_application_open (app, files, 1, "");
  window = newest_window (app);
  g_assert_nonnull (window);
  curator_test_wait_for (library_listed, window, "the folder given on the command line");
  g_assert_true (g_file_equal (curator_library_get_folder (curator_window_get_library (window)), folder));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (curator_window_get_library (window)), "library.sort", "s", "title"));
  b = shown_file (window, 1);
  select_row (window, 1);
  wait_shows (window, b);
  destroy_window (window);

  /* The next start. */
  window = new_window (app, 1280);
  g_assert_true (curator_window_restore_folder (window));
  wait_shows (window, b);
  g_assert_true (g_file_equal (curator_library_get_folder (curator_window_get_library (window)), folder));
  destroy_window (window);

  /* A folder gone since: nothing to restore. */
  {
    GSettings *settings = curator_application_get_settings (CURATOR_APPLICATION (app));
    g_autofree char *gone = g_build_filename (root, "gone", NULL);

    g_settings_set_string (settings, "recent-folder", gone);
    window = new_window (app, 1280);
    g_assert_false (curator_window_restore_folder (window));
    g_assert_null (curator_library_get_folder (curator_window_get_library (window)));
    destroy_window (window);
  }

  /* Open Recent lists the folder and opens it. */
  curator_test_wait_for (recent_has, uri, "the folder in the recent files");
  window = new_window (app, 1280);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-recent", "s", uri));
  curator_test_wait_for (library_has_folder, window, "the recent folder");
  g_assert_true (g_file_equal (curator_library_get_folder (curator_window_get_library (window)), folder));
  destroy_window (window);

  /* Dropped on a window that shows a file, as a file manager offers it
   * (text/uri-list, read by the window's drop target): the folder goes
   * into its library, the file stays. */
  {
    g_autofree char *folder_uri = g_file_get_uri (folder);
    g_autofree char *uri_list = g_strconcat (folder_uri, "\r\n", NULL);
    g_autoptr(GBytes) bytes = g_bytes_new (uri_list, strlen (uri_list));
    CuratorDropData *data = curator_drop_data_new ();

    window = new_window (app, 1280);
    curator_window_open (window, b);
    wait_shows (window, b);
    g_assert_true (curator_drop_data_add (data, "text/uri-list", bytes));
    curator_window_import_data (window, data, TRUE, 10.0, 10.0);
    curator_drop_data_free (data);
    curator_test_wait_for (library_has_folder, window, "the dropped folder");
    g_assert_true (g_file_equal (curator_library_get_folder (curator_window_get_library (window)), folder));
    g_assert_true (g_file_equal (curator_document_get_file (curator_window_get_document (window)), b));
    g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);
    destroy_window (window);
  }

  g_application_release (app);
  curator_test_remove_tree (root);
}

static CuratorImportDialog *
find_import_dialog (void)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (CURATOR_IS_IMPORT_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static gboolean
import_ready (gpointer data)
{
  CuratorImportDialog *dialog = find_import_dialog ();

  return dialog != NULL && curator_import_dialog_get_ready (dialog);
}

/* Starts a new curation with @trigger (Ctrl+N, or NULL: a dropped
 * selection of text) and checks the new file's folder is @relative
 * under @root; the dialog is then cancelled. */
static void
assert_new_in (CuratorWindow *window,
               const char    *trigger,
               const char    *root,
               const char    *relative)
{
  g_autofree char *path = g_build_filename (root, relative, NULL);
  g_autoptr(GFile) expected = g_file_new_for_path (path);
  CuratorImportDialog *dialog;
  GFile *file;

  if (trigger != NULL)
    press (window, trigger);
  else
    {
      g_autoptr(GBytes) text = g_bytes_new_static ("A paragraph to keep", strlen ("A paragraph to keep"));
      CuratorDropData *data = curator_drop_data_new ();

      g_assert_true (curator_drop_data_add (data, "text/plain;charset=utf-8", text));
      curator_window_import_data (window, data, FALSE, 0, 0);
      curator_drop_data_free (data);
    }
  curator_test_wait_for (import_ready, NULL, "the import dialog to be ready");
  dialog = find_import_dialog ();
  file = curator_document_get_file (curator_web_import_get_document (curator_import_dialog_get_import (dialog)));
  g_test_message ("new curation: %s", g_file_peek_path (file));
  g_assert_true (g_file_has_parent (file, expected));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_null (find_import_dialog ());
}

/* New Curation (Ctrl+N) and import with a folder open go to the section
 * chosen in the library: the section it is filtered to, else the folder
 * of the rows selected; rows of several sections, or none, leave it to
 * the open file's folder. */
static void
test_new_curation_in_section (void)
{
  g_autofree char *root = make_folder ();
  g_autoptr(GFile) a = NULL;
  g_autoptr(GFile) b = NULL;
  CuratorWindow *window;
  CuratorLibrary *library;
  CuratorLibraryFilter *filter;
  GtkSelectionModel *selection;

  write_file (root, "events/e.md", "---\ntitle: E\n---\n<p>E</p>\n");
  window = open_folder (NULL, root, 1280);
  library = curator_window_get_library (window);
  filter = CURATOR_LIBRARY_FILTER (curator_library_get_filter (library));
  selection = curator_library_get_selection (library);
  g_assert_cmpuint (n_shown (window), ==, 5);

  /* A, B, C, D, E: B (news) chosen, then Ctrl+N and a paste. */
  b = shown_file (window, 1);
  select_row (window, 1);
  wait_shows (window, b);
  assert_new_in (window, "<Control>n", root, "news");
  assert_new_in (window, NULL, root, "news");

  /* The list filtered to a section: that one, whatever file is open. */
  curator_library_filter_set_section (filter, "events");
  g_assert_cmpuint (n_shown (window), ==, 1);
  assert_new_in (window, "<Control>n", root, "events");
  curator_library_filter_set_section (filter, "");
  assert_new_in (window, "<Control>n", root, "");
  curator_library_filter_set_section (filter, NULL);

  /* A (top) chosen; then B selected beside it: two sections, so the open
   * file's folder (the top). */
  a = shown_file (window, 0);
  select_row (window, 0);
  wait_shows (window, a);
  assert_new_in (window, "<Control>n", root, "");
  g_assert_true (gtk_selection_model_select_item (selection, 1, FALSE));
  assert_new_in (window, "<Control>n", root, "");
  /* B and C: both news. */
  g_assert_true (gtk_selection_model_select_range (selection, 1, 2, TRUE));
  assert_new_in (window, "<Control>n", root, "news");

  destroy_window (window);
  curator_test_remove_tree (root);
}

/* The texts of the inputs under @widget (entries, list items, numbers,
 * text views), each followed by "|". */
static void
collect_texts (GtkWidget *widget,
               GString   *texts)
{
  if (GTK_IS_EDITABLE (widget) && !GTK_IS_TEXT (widget) && gtk_editable_get_delegate (GTK_EDITABLE (widget)) != NULL)
    {
      g_string_append_printf (texts, "%s|", gtk_editable_get_text (GTK_EDITABLE (widget)));
      return;
    }
  if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      GtkTextIter start, end;
      g_autofree char *text = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      g_string_append_printf (texts, "%s|", text);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_texts (child, texts);
}

static char *
row_texts (CuratorWindow *window,
           const char    *key_path)
{
  GtkWidget *row = curator_form_find_row (CURATOR_FORM (curator_window_get_form (window)), key_path);
  GString *texts = g_string_new (NULL);

  g_assert_nonnull (row);
  collect_texts (row, texts);
  return g_string_free (texts, FALSE);
}

static GtkSwitch *
find_switch (GtkWidget *widget)
{
  if (GTK_IS_SWITCH (widget))
    return GTK_SWITCH (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkSwitch *found = find_switch (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
last_entry_row (GtkWidget *widget)
{
  GtkWidget *last = ADW_IS_ENTRY_ROW (widget) ? widget : NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = last_entry_row (child);

      if (found != NULL)
        last = found;
    }
  return last;
}

#define SAME_SHAPE_A "---\ntitle: A\ndescription: About A\ntags: [x, y]\nlink:\n  href: https://a.example/\n  brand: a.example\ndraft: false\nweight: 1\n---\n<p>A</p>\n"
#define SAME_SHAPE_B "---\ntitle: B\ndescription: About B\ntags: [z]\nlink:\n  href: https://b.example/\n  brand: b.example\ndraft: true\nweight: 2\n---\n<p>B</p>\n"

/* A folder of two files, @a_text and @b_text, open in a window that
 * shows the first. */
static CuratorWindow *
open_pair (const char  *root,
           const char  *a_text,
           const char  *b_text,
           GFile      **a,
           GFile      **b)
{
  CuratorWindow *window;

  write_file (root, "a.md", a_text);
  write_file (root, "b.md", b_text);
  window = open_folder (NULL, root, 1280);
  *a = shown_file (window, 0);
  *b = shown_file (window, 1);
  select_row (window, 0);
  wait_shows (window, *a);
  return window;
}

/* The next file with the fields of the one shown keeps its rows: they
 * show the next file's values, what is typed in them goes to it alone,
 * and Undo there leaves the other file alone. */
static void
test_reused_rows (void)
{
  char *root = curator_test_make_private_dir ("curator-window-library-XXXXXX");
  CuratorWindow *window;
  GtkWidget *title_row, *href_row, *add_row;
  CuratorForm *form;
  g_autoptr(GFile) a = NULL;
  g_autoptr(GFile) b = NULL;
  char *texts;

  window = open_pair (root, SAME_SHAPE_A, SAME_SHAPE_B, &a, &b);
  form = CURATOR_FORM (curator_window_get_form (window));
  title_row = curator_form_find_row (form, "title");
  href_row = curator_form_find_row (form, "link.href");
  texts = row_texts (window, "tags");
  g_assert_cmpstr (texts, ==, "x|y||");
  g_free (texts);
  /* Text typed in the list's add row, not added: it stays with A. */
  add_row = last_entry_row (curator_form_find_row (form, "tags"));
  g_assert_nonnull (add_row);
  gtk_editable_set_text (GTK_EDITABLE (add_row), "not added");
  texts = row_texts (window, "tags");
  g_assert_cmpstr (texts, ==, "x|y|not added|");
  g_free (texts);
  g_assert_false (gtk_switch_get_active (find_switch (curator_form_find_row (form, "draft"))));

  press (window, "<Alt>Down");
  wait_shows (window, b);
  /* The same rows, B's values. */
  g_assert_true (curator_form_find_row (form, "title") == title_row);
  g_assert_true (curator_form_find_row (form, "link.href") == href_row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_row)), ==, "B");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (href_row)), ==, "https://b.example/");
  texts = row_texts (window, "description");
  g_assert_cmpstr (texts, ==, "About B|");
  g_free (texts);
  texts = row_texts (window, "tags");
  g_assert_cmpstr (texts, ==, "z||");
  g_free (texts);
  texts = row_texts (window, "weight");
  g_assert_cmpstr (texts, ==, "2|");
  g_free (texts);
  g_assert_true (gtk_switch_get_active (find_switch (curator_form_find_row (form, "draft"))));
  g_assert_cmpstr (curator_field_editor_get_key_path (CURATOR_FIELD_EDITOR (title_row)), ==, "title");

  /* Typed into the reused row: B changes, and only B is saved. */
  gtk_editable_set_text (GTK_EDITABLE (title_row), "B typed");
  gtk_editable_set_text (GTK_EDITABLE (href_row), "https://b.example/typed");
  g_assert_true (curator_document_get_modified (curator_window_get_document (window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  curator_test_wait_for (document_saved, window, "B to be saved");
  {
    g_autofree char *on_disk_a = read_file (a);
    g_autofree char *on_disk_b = read_file (b);

    g_assert_cmpstr (on_disk_a, ==, SAME_SHAPE_A);
    g_assert_nonnull (strstr (on_disk_b, "title: B typed\n"));
    g_assert_nonnull (strstr (on_disk_b, "href: https://b.example/typed\n"));
  }

  /* Undo in B: B's last edit, shown in the row; A is not touched. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (href_row)), ==, "https://b.example/");
  g_assert_cmpstr (curator_node_get_value (curator_document_lookup (curator_window_get_document (window), "link.href", NULL)),
                   ==, "https://b.example/");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_row)), ==, "B");
  g_assert_false (document_saved (window));
  {
    g_autofree char *on_disk_a = read_file (a);

    g_assert_cmpstr (on_disk_a, ==, SAME_SHAPE_A);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  curator_test_wait_for (document_saved, window, "B to be saved again");

  /* Back to A: A's values in the same rows again, nothing of B. */
  press (window, "<Alt>Up");
  wait_shows (window, a);
  g_assert_true (curator_form_find_row (form, "title") == title_row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_row)), ==, "A");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (href_row)), ==, "https://a.example/");
  texts = row_texts (window, "tags");
  g_assert_cmpstr (texts, ==, "x|y||");
  g_free (texts);
  g_assert_false (gtk_switch_get_active (find_switch (curator_form_find_row (form, "draft"))));
  g_assert_false (curator_document_get_can_undo (curator_window_get_document (window)));
  g_assert_true (document_saved (window));
  {
    g_autofree char *on_disk_b = read_file (b);

    g_assert_cmpstr (on_disk_b, ==, SAME_SHAPE_B);
  }

  destroy_window (window);
  curator_test_remove_tree (root);
  g_free (root);
}

#define MAP_SHAPE_A "---\ntitle: A\nlink:\n  href: https://a.example/\n  brand: a.example\n  size: 3\n---\n<p>A</p>\n"
#define MAP_SHAPE_B "---\ntitle: B\nlink:\n  href: https://b.example/\n  brand: [b, c]\n  size: 4\n  extra: more\n---\n<p>B</p>\n"

/* The key paths of @map_row's nested field rows, in the order shown. */
static void
collect_nested_paths (GtkWidget *widget,
                      GtkWidget *map_row,
                      GString   *paths)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (child != map_row && CURATOR_IS_FIELD_EDITOR (child))
        {
          g_string_append_printf (paths, "%s%s", paths->len > 0 ? "|" : "",
                                  curator_field_editor_get_key_path (CURATOR_FIELD_EDITOR (child)));
          continue;
        }
      collect_nested_paths (child, map_row, paths);
    }
}

static char *
nested_paths (CuratorForm *form,
              const char  *key_path)
{
  GtkWidget *map_row = curator_form_find_row (form, key_path);
  GString *paths = g_string_new (NULL);

  g_assert_nonnull (map_row);
  collect_nested_paths (map_row, map_row, paths);
  return g_string_free (paths, FALSE);
}

/* A map whose fields differ in a field or two from the last file's keeps
 * the rest of its rows, in the file's order: a field of another kind
 * gets a row of its kind in its place, a new one is added, one gone is
 * removed. */
static void
test_reused_map_rows (void)
{
  char *root = curator_test_make_private_dir ("curator-window-library-XXXXXX");
  CuratorWindow *window;
  GtkWidget *href_row, *size_row, *brand_row;
  CuratorForm *form;
  g_autoptr(GFile) a = NULL;
  g_autoptr(GFile) b = NULL;
  char *texts;

  window = open_pair (root, MAP_SHAPE_A, MAP_SHAPE_B, &a, &b);
  form = CURATOR_FORM (curator_window_get_form (window));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (curator_form_find_row (form, "link")), TRUE);
  texts = nested_paths (form, "link");
  g_assert_cmpstr (texts, ==, "link.href|link.brand|link.size");
  g_free (texts);
  href_row = curator_form_find_row (form, "link.href");
  brand_row = curator_form_find_row (form, "link.brand");
  size_row = curator_form_find_row (form, "link.size");
  g_assert_nonnull (href_row);

  press (window, "<Alt>Down");
  wait_shows (window, b);
  texts = nested_paths (form, "link");
  g_assert_cmpstr (texts, ==, "link.href|link.brand|link.size|link.extra");
  g_free (texts);
  g_assert_true (curator_form_find_row (form, "link.href") == href_row);
  g_assert_true (curator_form_find_row (form, "link.size") == size_row);
  g_assert_true (curator_form_find_row (form, "link.brand") != brand_row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (href_row)), ==, "https://b.example/");
  g_assert_true (ADW_IS_EXPANDER_ROW (curator_form_find_row (form, "link.brand")));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (curator_form_find_row (form, "link.brand")), TRUE);
  texts = row_texts (window, "link.brand");
  g_assert_cmpstr (texts, ==, "b|c||");
  g_free (texts);
  texts = row_texts (window, "link.size");
  g_assert_cmpstr (texts, ==, "4|");
  g_free (texts);
  texts = row_texts (window, "link.extra");
  g_assert_cmpstr (texts, ==, "more|");
  g_free (texts);

  /* Typed into a kept row: B changes, A is left alone. */
  gtk_editable_set_text (GTK_EDITABLE (href_row), "https://b.example/typed");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  curator_test_wait_for (document_saved, window, "B to be saved");
  {
    g_autofree char *on_disk_a = read_file (a);
    g_autofree char *on_disk_b = read_file (b);

    g_assert_cmpstr (on_disk_a, ==, MAP_SHAPE_A);
    g_assert_nonnull (strstr (on_disk_b, "  href: https://b.example/typed\n"));
  }

  press (window, "<Alt>Up");
  wait_shows (window, a);
  texts = nested_paths (form, "link");
  g_assert_cmpstr (texts, ==, "link.href|link.brand|link.size");
  g_free (texts);
  g_assert_true (curator_form_find_row (form, "link.href") == href_row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (href_row)), ==, "https://a.example/");
  texts = row_texts (window, "link.brand");
  g_assert_cmpstr (texts, ==, "a.example|");
  g_free (texts);

  destroy_window (window);
  curator_test_remove_tree (root);
  g_free (root);
}

#define SHAPE_X(t) "---\ntitle: " t "\ndescription: About " t "\ntags: [x]\nlink:\n  href: https://" t ".example/\n---\n<p>" t "</p>\n"
#define SHAPE_Y(t) "---\ntitle: " t "\nfacilityId: '010092'\nclaimStatus: false\ngeographyStates: [Alabama]\n---\n<p>" t "</p>\n"
#define SHAPE_Z(t) "---\ntitle: " t "\nweight: 3\nlayout: single\nmastHead: Hospital\n---\n<p>" t "</p>\n"
#define SHAPE_W(t) "---\ntitle: " t "\nsub: brief\nsearchCategory: News\nowlType: Medigy\n---\n<p>" t "</p>\n"

static void
move_to (CuratorWindow *window,
         const char    *trigger,
         GFile         *file)
{
  press (window, trigger);
  wait_shows (window, file);
}

/* Whether @row is what the form shows for @key_path, on screen. */
static gboolean
shows_row (CuratorForm *form,
           const char  *key_path,
           GtkWidget   *row)
{
  return curator_form_find_row (form, key_path) == row && gtk_widget_is_visible (row);
}

/* Going back to a file of the fields of one shown before (files of other
 * fields between them) binds that file's rows again: they show its
 * values, and what is typed goes to it alone; the rows kept hidden meanwhile
 * are not found, and only the last two such sets are kept. */
static void
test_parked_rows (void)
{
  char *root = curator_test_make_private_dir ("curator-window-library-XXXXXX");
  CuratorWindow *window;
  CuratorForm *form;
  GtkWidget *x_title, *x_description, *y_title, *y_state;
  GFile *files[5];
  char *texts;

  write_file (root, "a.md", SHAPE_X ("A"));
  write_file (root, "b.md", SHAPE_Y ("B"));
  write_file (root, "c.md", SHAPE_X ("C"));
  write_file (root, "d.md", SHAPE_Z ("D"));
  write_file (root, "e.md", SHAPE_W ("E"));
  window = open_folder (NULL, root, 1280);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    files[i] = shown_file (window, i);
  select_row (window, 0);
  wait_shows (window, files[0]);
  form = CURATOR_FORM (curator_window_get_form (window));
  /* Held, so that rows made again are told apart from the same rows. */
  x_title = g_object_ref (curator_form_find_row (form, "title"));
  x_description = g_object_ref (curator_form_find_row (form, "description"));

  /* Other fields: new rows; A's are hidden and not found. */
  move_to (window, "<Alt>Down", files[1]);
  y_title = g_object_ref (curator_form_find_row (form, "title"));
  y_state = curator_form_find_row (form, "geographyStates");
  g_assert_true (y_title != x_title);
  g_assert_true (shows_row (form, "title", y_title));
  g_assert_null (curator_form_find_row (form, "description"));
  g_assert_false (gtk_widget_is_visible (x_description));
  /* Screen readers are told A's rows are hidden. */
  {
    GtkWidget *group = gtk_widget_get_ancestor (x_description, ADW_TYPE_PREFERENCES_GROUP);
    g_autofree char *message = gtk_test_accessible_check_state (GTK_ACCESSIBLE (group),
                                                                GTK_ACCESSIBLE_STATE_HIDDEN, TRUE);

    g_assert_cmpstr (message, ==, NULL);
  }
  g_object_add_weak_pointer (G_OBJECT (y_state), (gpointer *) &y_state);

  /* A's fields again: A's rows, C's values; typed in, C alone changes. */
  move_to (window, "<Alt>Down", files[2]);
  g_assert_true (shows_row (form, "title", x_title));
  g_assert_true (shows_row (form, "description", x_description));
  g_assert_false (gtk_widget_is_visible (y_title));
  g_assert_null (curator_form_find_row (form, "facilityId"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (x_title)), ==, "C");
  texts = row_texts (window, "description");
  g_assert_cmpstr (texts, ==, "About C|");
  g_free (texts);
  gtk_editable_set_text (GTK_EDITABLE (x_title), "C typed");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  curator_test_wait_for (document_saved, window, "C to be saved");
  {
    g_autofree char *on_disk_a = read_file (files[0]);
    g_autofree char *on_disk_c = read_file (files[2]);

    g_assert_cmpstr (on_disk_a, ==, SHAPE_X ("A"));
    g_assert_nonnull (strstr (on_disk_c, "---\ntitle: C typed\ndescription: About C\n"));
  }

  /* Two more kinds of files: B's rows, parked longest ago, are released. */
  move_to (window, "<Alt>Down", files[3]);
  move_to (window, "<Alt>Down", files[4]);
  curator_test_wait_for (is_null, &y_state, "the rows parked longest ago to be released");
  move_to (window, "<Alt>Up", files[3]);
  move_to (window, "<Alt>Up", files[2]);
  g_assert_true (shows_row (form, "title", x_title));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (x_title)), ==, "C typed");
  move_to (window, "<Alt>Up", files[1]);
  g_assert_true (curator_form_find_row (form, "title") != y_title);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (curator_form_find_row (form, "title"))), ==, "B");
  g_assert_nonnull (curator_form_find_row (form, "geographyStates"));

  destroy_window (window);
  g_object_unref (x_title);
  g_object_unref (x_description);
  g_object_unref (y_title);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    g_object_unref (files[i]);
  curator_test_remove_tree (root);
  g_free (root);
}

/* The text rows on screen in @widget (not those kept hidden). */
static void
collect_shown_text_rows (GtkWidget *widget,
                         GPtrArray *rows)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (CURATOR_IS_TEXT_ROW (widget) && gtk_editable_get_editable (GTK_EDITABLE (widget)))
    g_ptr_array_add (rows, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_shown_text_rows (child, rows);
}

/* Each text row on screen shows the value of the shown file's field. */
static void
assert_rows_show_document (CuratorWindow *window,
                           GPtrArray     *rows)
{
  CuratorDocument *document = curator_window_get_document (window);

  for (guint i = 0; i < rows->len; i++)
    {
      CuratorFieldEditor *row = g_ptr_array_index (rows, i);
      const CuratorNode *node = curator_document_lookup (document, curator_field_editor_get_key_path (row), NULL);
      const char *value;

      g_assert_nonnull (node);
      value = curator_node_get_scalar_type (node) == CURATOR_SCALAR_NULL ? NULL : curator_node_get_value (node);
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, value != NULL ? value : "");
    }
}

/* Files of three kinds of fields in turn, moved through at random with
 * text typed into rows on the way (the rows kept, kept hidden and shown
 * again): each row on screen shows the shown file's value, what is
 * typed changes that file alone, and every other file stays as it was
 * last saved. */
static void
test_move_and_type (void)
{
  static const char *shapes[] = {
    "description: About it\nauthor: ''\nlink:\n  href: https://a.example/\n  brand: b\n",
    "facilityId: '0100'\nmastHead: Hospital\ngeographyStates: [Alabama]\n",
    "sub: brief\nsearchCategory: News\nowlType: Medigy\n",
  };
  char *root = curator_test_make_private_dir ("curator-window-library-XXXXXX");
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261207);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) saved = g_ptr_array_new_with_free_func (g_free);
  CuratorWindow *window;
  guint at = 0, n_typed = 0, n_moves = 0;

  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *name = g_strdup_printf ("f%u.md", i);
      g_autofree char *text = g_strdup_printf ("---\ntitle: T%u\n%s---\n<p>%u</p>\n", i, shapes[i % 3], i);

      write_file (root, name, text);
    }
  window = open_folder (NULL, root, 1280);
  for (guint i = 0; i < 6; i++)
    {
      g_ptr_array_add (files, shown_file (window, i));
      g_ptr_array_add (saved, read_file (g_ptr_array_index (files, i)));
    }
  select_row (window, 0);
  wait_shows (window, g_ptr_array_index (files, 0));

  for (guint step = 0; step < 60; step++)
    {
      g_autoptr(GPtrArray) rows = g_ptr_array_new ();

      collect_shown_text_rows (curator_window_get_form (window), rows);
      assert_rows_show_document (window, rows);

      if (g_rand_boolean (rand) && rows->len > 0)
        {
          GtkWidget *row = g_ptr_array_index (rows, g_rand_int_range (rand, 0, rows->len));
          g_autofree char *text = g_strconcat (gtk_editable_get_text (GTK_EDITABLE (row)), "x", NULL);
          const CuratorNode *node;

          gtk_editable_set_text (GTK_EDITABLE (row), text);
          node = curator_document_lookup (curator_window_get_document (window),
                                          curator_field_editor_get_key_path (CURATOR_FIELD_EDITOR (row)), NULL);
          g_assert_nonnull (node);
          g_assert_cmpstr (curator_node_get_value (node), ==, text);
          n_typed++;
          continue;
        }

      /* Saved before moving on (the unsaved-changes question is tested
       * above): the file shown has what was typed, the others are as
       * they were. */
      if (curator_document_get_modified (curator_window_get_document (window)))
        {
          g_autoptr(GBytes) serialized = NULL;
          const char *on_disk;

          g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
          curator_test_wait_for (document_saved, window, "the file to be saved");
          serialized = curator_document_serialize (curator_window_get_document (window));
          g_free (g_ptr_array_index (saved, at));
          g_ptr_array_index (saved, at) = read_file (g_ptr_array_index (files, at));
          on_disk = g_ptr_array_index (saved, at);
          g_assert_cmpmem (on_disk, strlen (on_disk), g_bytes_get_data (serialized, NULL), g_bytes_get_size (serialized));
        }
      for (guint i = 0; i < files->len; i++)
        {
          g_autofree char *on_disk = read_file (g_ptr_array_index (files, i));

          g_assert_cmpstr (on_disk, ==, g_ptr_array_index (saved, i));
        }

      if (at == 0 || (at + 1 < files->len && g_rand_boolean (rand)))
        {
          press (window, "<Alt>Down");
          at++;
        }
      else
        {
          press (window, "<Alt>Up");
          at--;
        }
      wait_shows (window, g_ptr_array_index (files, at));
      n_moves++;
    }
  g_assert_cmpuint (n_typed, >, 10);
  g_assert_cmpuint (n_moves, >, 10);

  destroy_window (window);
  curator_test_remove_tree (root);
  g_free (root);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int status;

  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  /* Recent files go to a private directory, not the user's. */
  data_home = g_dir_make_tmp ("curator-ui-data-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_set_application_name ("Curator");
  g_setenv ("GTK_A11Y", "test", FALSE);
  gtk_test_init (&argc, &argv, NULL);
  curator_test_log_init ();
  /* A web process ending on WebKit's a11y bus warning (docs/preview.md). */
  curator_test_tolerate_web_process_ends (1);
  adw_init ();

  g_test_add_func ("/ui/window-library/sample-tree", test_sample_tree);
  g_test_add_func ("/ui/window-library/unsaved-changes", test_unsaved_changes);
  g_test_add_func ("/ui/window-library/live-and-bulk-edit", test_live_and_bulk_edit);
  g_test_add_func ("/ui/window-library/renamed-checkout-removed", test_renamed_checkout_removed);
  g_test_add_func ("/ui/window-library/narrow-window", test_narrow_window);
  g_test_add_func ("/ui/window-library/widths", test_widths);
  g_test_add_func ("/ui/window-library/application", test_application);
  g_test_add_func ("/ui/window-library/new-curation-in-section", test_new_curation_in_section);
  g_test_add_func ("/ui/window-library/reused-rows", test_reused_rows);
  g_test_add_func ("/ui/window-library/reused-map-rows", test_reused_map_rows);
  g_test_add_func ("/ui/window-library/parked-rows", test_parked_rows);
  g_test_add_func ("/ui/window-library/move-and-type", test_move_and_type);

  status = g_test_run ();
  curator_test_remove_tree (data_home);
  return status;
}
