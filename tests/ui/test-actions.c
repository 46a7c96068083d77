/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-actions"

#include "config.h"

#include "curator-add-field-dialog.h"
#include "curator-body-editor.h"
#include "curator-body-pane.h"
#include "curator-application.h"
#include "curator-diff-window.h"
#include "curator-field-editor.h"
#include "curator-form.h"
#include "curator-import-dialog.h"
#include "curator-list-row.h"
#include "curator-test-utils.h"
#include "curator-ui-test-utils.h"
#include "curator-window-private.h"

#include <glib/gstdio.h>
#include <string.h>

/* Every action of the window, as a user reaches it: each entry of the
 * main menu and of the shortcuts window, each dialog's every response
 * (Escape and closing its window included), and the empty window. The
 * windows belong to a real CuratorApplication, for its actions (new
 * window, about, quit), its shortcuts and its shortcuts window. */

static CuratorApplication *app;

static gboolean
window_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
window_closed (gpointer data)
{
  return !gtk_widget_get_visible (data);
}

static guint
count_windows (void)
{
  return g_list_length (gtk_application_get_windows (GTK_APPLICATION (app)));
}

/* The newest visible toplevel of @type other than @not_this, if any. */
static GtkWindow *
find_toplevel (GType      type,
               GtkWindow *not_this)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWindow *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) && toplevel != not_this &&
          gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        found = toplevel;
    }

  return found;
}

typedef struct
{
  GType      type;
  GtkWindow *not_this;
} ToplevelSearch;

static gboolean
toplevel_shown (gpointer data)
{
  ToplevelSearch *search = data;
  GtkWindow *window = find_toplevel (search->type, search->not_this);

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window));
}

static GtkWindow *
wait_for_toplevel (GType       type,
                   GtkWindow  *not_this,
                   const char *what)
{
  ToplevelSearch search = { type, not_this };

  curator_test_wait_for (toplevel_shown, &search, what);
  return find_toplevel (type, not_this);
}

static gboolean
no_toplevel (gpointer data)
{
  ToplevelSearch *search = data;

  return find_toplevel (search->type, search->not_this) == NULL;
}

static void
wait_for_no_toplevel (GType       type,
                      const char *what)
{
  ToplevelSearch search = { type, NULL };

  curator_test_wait_for (no_toplevel, &search, what);
}

/* Each test leaves no window behind (an error dialog GTK showed on its
 * own, a chooser left open). */
static void
assert_no_window_left (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        g_error ("A %s was left open", G_OBJECT_TYPE_NAME (toplevel));
    }
}

static void
destroy_window (GtkWindow *window)
{
  g_object_ref (window);
  gtk_window_destroy (window);
  g_assert_finalize_object (window);
}

/* The empty window --------------------------------------------------- */

static gboolean
recent_list_filled (gpointer data)
{
  CuratorWindow *window = data;
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (window->recent_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    n++;

  return n == 2 && gtk_widget_get_visible (window->recent_box);
}

/* A window with no file offers the recent ones, opened from the
 * keyboard, and no Save button until there is something to save. */
static void
test_empty_window (void)
{
  g_autofree char *dir = g_dir_make_tmp ("curator-recent-XXXXXX", NULL);
  const char *names[] = { "first.md", "second.md" };
  CuratorWindow *window;
  GtkWidget *row;
  const char *uri;
  g_autoptr(GFile) opened = NULL;

  if (!curator_ui_keyboard_available ())
    return;

  window = curator_window_new (GTK_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (window));
  curator_test_wait_for (window_mapped, window, "the empty window");
  g_assert_null (curator_window_get_document (window));
  g_assert_false (gtk_widget_get_visible (window->save_button));
  g_assert_false (gtk_widget_is_sensitive (window->save_button) && gtk_widget_get_visible (window->save_button));

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_autofree char *file_uri = g_filename_to_uri (path, NULL, NULL);
      g_autofree char *contents = g_strdup_printf ("---\ntitle: %s\n---\n", names[i]);

      g_assert_true (g_file_set_contents (path, contents, -1, NULL));
      g_assert_true (gtk_recent_manager_add_item (gtk_recent_manager_get_default (), file_uri));
    }
  curator_test_wait_for (recent_list_filled, window, "the recent files on the empty page");

  /* Each row names the file and its folder, and opens it. */
  row = gtk_widget_get_first_child (GTK_WIDGET (window->recent_list));
  g_assert_true (ADW_IS_ACTION_ROW (row));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, dir);
  uri = g_variant_get_string (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (row)), NULL);
  opened = g_file_new_for_uri (uri);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, g_file_peek_path (opened) + strlen (dir) + 1);

  gtk_widget_grab_focus (row);
  curator_ui_press (GTK_WINDOW (window), "Return");
  curator_test_wait_for (curator_ui_window_loaded, window, "the recent file to open");
  g_assert_true (g_file_equal (curator_document_get_file (curator_window_get_document (window)), opened));
  g_assert_true (gtk_widget_get_visible (window->save_button));

  destroy_window (GTK_WINDOW (window));
  gtk_recent_manager_purge_items (gtk_recent_manager_get_default (), NULL);
  curator_test_remove_tree (dir);

  assert_no_window_left ();
}

/* The narrow header --------------------------------------------------- */

static gboolean
narrow_layout (gpointer data)
{
  CuratorWindow *window = data;

  return adw_leaflet_get_folded (window->leaflet) && window->update_panes_source == 0 &&
         gtk_widget_get_mapped (GTK_WIDGET (window->body_button));
}

static gboolean
narrow_body_shown (gpointer data)
{
  CuratorWindow *window = data;

  return adw_leaflet_get_folded (window->leaflet) && window->update_panes_source == 0 &&
         gtk_widget_get_mapped (GTK_WIDGET (window->body_button)) &&
         gtk_widget_get_mapped (window->preview_button);
}

static void
collect_tooltips (GtkWidget  *widget,
                  GHashTable *seen,
                  GtkWidget  *exclude)
{
  if (!gtk_widget_get_mapped (widget))
    return;

  if (widget != exclude && gtk_widget_get_tooltip_text (widget) != NULL)
    g_hash_table_add (seen, g_strdup (gtk_widget_get_tooltip_text (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_tooltips (child, seen, exclude);
}

/* Narrow, showing the body: the two icon-only toggles of the header
 * (fields or body, and the preview pane) have icons of their own and say
 * what they do in words no other control uses (the body's own Preview
 * toggle said "Show the Preview" too). */
static void
test_narrow_header_toggles (void)
{
  CuratorUiFixture fixture = { 0 };
  CuratorWindow *window;
  GtkWidget *toggles[2];

  curator_ui_fixture_open_in_app (&fixture, GTK_APPLICATION (app), "curated-content.md", NULL);
  window = fixture.window;
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  curator_test_wait_for (narrow_layout, window, "the window to fold");
  gtk_toggle_button_set_active (window->body_button, TRUE);
  curator_test_wait_for (narrow_body_shown, window, "the narrow window showing the body");

  toggles[0] = GTK_WIDGET (window->body_button);
  toggles[1] = window->preview_button;
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (toggles[0])), !=,
                   gtk_button_get_icon_name (GTK_BUTTON (toggles[1])));

  for (guint i = 0; i < G_N_ELEMENTS (toggles); i++)
    {
      g_autoptr(GHashTable) others = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      const char *tooltip = gtk_widget_get_tooltip_text (toggles[i]);

      g_assert_nonnull (tooltip);
      collect_tooltips (GTK_WIDGET (window), others, toggles[i]);
      /* Not the same words as another control, even without the shortcut. */
      {
        g_autofree char *words = g_strdup (tooltip);
        char *paren = strstr (words, " (");

        if (paren != NULL)
          *paren = '\0';
        g_test_message ("header toggle: “%s”", tooltip);
        g_assert_false (g_hash_table_contains (others, tooltip));
        g_assert_false (g_hash_table_contains (others, words));
      }
    }

  curator_ui_fixture_close (&fixture);

  assert_no_window_left ();
}

/* Dialogs ------------------------------------------------------------- */

/* The ways a user leaves a dialog without choosing. */
typedef enum
{
  DISMISS_ESCAPE,
  DISMISS_CLOSE,
  DISMISS_CANCEL,
} Dismiss;

static const char * const dismiss_names[] = { "Escape", "closing its window", "Cancel" };

static void
dismiss (GtkWindow *dialog,
         Dismiss    how)
{
  g_test_message ("leaving %s by %s", G_OBJECT_TYPE_NAME (dialog), dismiss_names[how]);
  switch (how)
    {
    case DISMISS_ESCAPE:
      curator_ui_press (dialog, "Escape");
      break;
    case DISMISS_CLOSE:
      gtk_window_close (dialog);
      break;
    case DISMISS_CANCEL:
      {
        GtkWidget *cancel = curator_ui_find_button (GTK_WIDGET (dialog), "_Cancel");

        g_assert_nonnull (cancel);
        g_signal_emit_by_name (cancel, "clicked");
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

static gboolean
chooser_gone (gpointer data)
{
  CuratorWindow *window = data;

  return window->file_chooser == NULL &&
         curator_ui_find_dialog (GTK_WINDOW (window), GTK_TYPE_FILE_CHOOSER_DIALOG) == NULL;
}

/* The chooser has set itself up (it shows the document's folder, and
 * for saving its name): what is typed now stays. */
static gboolean
chooser_ready (gpointer data)
{
  GtkFileChooser *chooser = data;
  g_autoptr(GFile) folder = gtk_file_chooser_get_current_folder (chooser);
  g_autofree char *name = NULL;

  if (gtk_file_chooser_get_action (chooser) == GTK_FILE_CHOOSER_ACTION_SAVE)
    name = gtk_file_chooser_get_current_name (chooser);

  return folder != NULL && (gtk_file_chooser_get_action (chooser) != GTK_FILE_CHOOSER_ACTION_SAVE ||
                            (name != NULL && name[0] != '\0'));
}

/* The chooser, once it has loaded its folder (as a user sees it: closed
 * before that, GTK 4.8's chooser reports the cancelled load in a dialog
 * of its own). */
static GtkWindow *
wait_for_chooser (CuratorWindow *window)
{
  ToplevelSearch search = { GTK_TYPE_FILE_CHOOSER_DIALOG, NULL };
  GtkWindow *dialog;

  curator_test_wait_for (toplevel_shown, &search, "the file chooser");
  g_assert_nonnull (window->file_chooser);
  dialog = curator_ui_find_dialog (GTK_WINDOW (window), GTK_TYPE_FILE_CHOOSER_DIALOG);
  curator_test_wait_for (chooser_ready, dialog, "the chooser to set itself up");
  return dialog;
}

typedef struct
{
  GtkFileChooser *chooser;
  GFile          *file;
} ChooserFile;

static gboolean
chooser_has_file (gpointer data)
{
  ChooserFile *wanted = data;
  g_autoptr(GFile) chosen = gtk_file_chooser_get_file (wanted->chooser);

  return chosen != NULL && g_file_equal (chosen, wanted->file);
}

/* Chooses @file (in the folder the chooser shows) and presses its accept
 * button. (Typing into a GTK 4.8 chooser through XTest does not reach its
 * entry: its completion popup takes the keyboard.) */
static void
choose_file (GtkWindow *dialog,
             GFile     *file)
{
  ChooserFile wanted = { GTK_FILE_CHOOSER (dialog), file };
  g_autoptr(GError) error = NULL;

  if (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (dialog)) == GTK_FILE_CHOOSER_ACTION_SAVE)
    {
      g_autofree char *name = g_file_get_basename (file);

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
    }
  else
    {
      gtk_file_chooser_set_file (GTK_FILE_CHOOSER (dialog), file, &error);
      g_assert_no_error (error);
    }
  curator_test_wait_for (chooser_has_file, &wanted, "the file in the chooser");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
}

/* Save As…: a file chooser; saving writes the copy and the window follows
 * it; every other way out saves nothing. */
static void
check_save_as (CuratorUiFixture *fixture,
               gboolean          by_shortcut)
{
  CuratorWindow *window = fixture->window;
  CuratorDocument *document = curator_window_get_document (window);
  g_autofree char *copy_path = g_build_filename (fixture->dir, by_shortcut ? "copy-by-key.md" : "copy.md", NULL);
  g_autoptr(GFile) copy = g_file_new_for_path (copy_path);
  g_autoptr(GBytes) before = curator_ui_fixture_read_file (fixture);
  GtkWindow *dialog;

  gtk_editable_set_text (GTK_EDITABLE (curator_form_find_row (CURATOR_FORM (curator_window_get_form (window)), "title")),
                         "Saved as a copy");

  for (Dismiss how = DISMISS_ESCAPE; how <= DISMISS_CANCEL; how++)
    {
      if (by_shortcut)
        curator_ui_press (GTK_WINDOW (window), "<Control><Shift>s");
      else
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save-as", NULL));
      dialog = wait_for_chooser (window);
      g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (dialog)), ==, GTK_FILE_CHOOSER_ACTION_SAVE);
      dismiss (dialog, how);
      curator_test_wait_for (chooser_gone, window, "the chooser to close");
      g_assert_true (curator_document_get_modified (document));
      g_assert_false (g_file_query_exists (copy, NULL));
    }

  if (by_shortcut)
    curator_ui_press (GTK_WINDOW (window), "<Control><Shift>s");
  else
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save-as", NULL));
  dialog = wait_for_chooser (window);
  choose_file (dialog, copy);
  curator_test_wait_for (curator_ui_document_saved, window, "the save as");
  curator_test_wait_for (chooser_gone, window, "the chooser to close");
  g_assert_true (g_file_equal (curator_document_get_file (document), copy));
  {
    g_autoptr(GBytes) after = curator_ui_fixture_read_file (fixture);

    g_assert_true (g_bytes_equal (after, before));
  }

  /* Back to the fixture's file for what follows. */
  curator_document_set_file (document, fixture->file);
}

/* Loaded, or saying why not (its file's type is asked first). */
static gboolean
window_settled (gpointer data)
{
  return !curator_window_get_loading (data) &&
         (curator_window_get_document (data) != NULL ||
          curator_ui_find_label (GTK_WIDGET (data), "Could Not Open", FALSE) != NULL);
}

static gboolean
more_windows_than (gpointer data)
{
  return count_windows () > *(guint *) data;
}

static gboolean
library_has_folder (gpointer data)
{
  return curator_library_get_folder (curator_window_get_library (data)) != NULL;
}

/* Open: a chooser; the file chosen opens in a new window (this one shows
 * a document); every other way out opens nothing. */
static void
check_open (CuratorUiFixture *fixture)
{
  CuratorWindow *window = fixture->window;
  g_autofree char *other_path = g_build_filename (fixture->dir, "other.md", NULL);
  g_autoptr(GFile) other = g_file_new_for_path (other_path);
  guint n_windows = count_windows ();
  GtkWindow *dialog;
  CuratorWindow *opened;

  g_assert_true (g_file_set_contents (other_path, "---\ntitle: Other\n---\n", -1, NULL));

  for (Dismiss how = DISMISS_ESCAPE; how <= DISMISS_CANCEL; how++)
    {
      curator_ui_press (GTK_WINDOW (window), "<Control>o");
      dialog = wait_for_chooser (window);
      g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (dialog)), ==, GTK_FILE_CHOOSER_ACTION_OPEN);
      dismiss (dialog, how);
      curator_test_wait_for (chooser_gone, window, "the chooser to close");
      g_assert_cmpuint (count_windows (), ==, n_windows);
    }

  curator_ui_press (GTK_WINDOW (window), "<Control>o");
  dialog = wait_for_chooser (window);
  choose_file (dialog, other);
  curator_test_wait_for (chooser_gone, window, "the chooser to close");
  /* The file's type is asked first: the window comes after. */
  curator_test_wait_for (more_windows_than, &n_windows, "the chosen file's window");
  g_assert_cmpuint (count_windows (), ==, n_windows + 1);
  opened = CURATOR_WINDOW (gtk_application_get_windows (GTK_APPLICATION (app))->data);
  g_assert_true (opened != window);
  curator_test_wait_for (curator_ui_window_loaded, opened, "the chosen file");
  g_assert_true (g_file_equal (curator_document_get_file (curator_window_get_document (opened)), other));
  destroy_window (GTK_WINDOW (opened));
}

/* Open Folder…: a folder chooser, starting where the file shown is; every
 * way out opens nothing. (A folder chosen is listed by the library:
 * test-window-library opens folders the other ways.) */
static void
check_open_folder (CuratorUiFixture *fixture,
                   gboolean          by_shortcut)
{
  CuratorWindow *window = fixture->window;
  CuratorLibrary *library = curator_window_get_library (window);
  g_autoptr(GFile) folder = g_file_new_for_path (fixture->dir);
  CuratorDocument *document = curator_window_get_document (window);
  guint n_windows = count_windows ();

  for (Dismiss how = DISMISS_ESCAPE; how <= DISMISS_CANCEL; how++)
    {
      GtkWindow *dialog;
      g_autoptr(GFile) shown = NULL;

      if (by_shortcut)
        curator_ui_press (GTK_WINDOW (window), "<Control><Shift>o");
      else
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-folder", NULL));
      dialog = wait_for_chooser (window);
      g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (dialog)), ==, GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
      shown = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (dialog));
      g_assert_true (g_file_equal (shown, folder));
      dismiss (dialog, how);
      curator_test_wait_for (chooser_gone, window, "the chooser to close");
      g_assert_null (curator_library_get_folder (library));
      g_assert_cmpuint (count_windows (), ==, n_windows);
      g_assert_true (curator_window_get_document (window) == document);
    }
}

/* The window's unsaved changes: closing asks. Cancel, Escape and closing
 * the question keep the window; Discard closes it and writes nothing;
 * Save writes and closes. */
static void
test_save_changes_dialog (void)
{
  for (guint response = 0; response < 5; response++)
    {
      CuratorUiFixture fixture = { 0 };
      CuratorWindow *window;
      GtkWindow *dialog;
      g_autoptr(GBytes) on_disk = NULL;

      curator_ui_fixture_open_in_app (&fixture, GTK_APPLICATION (app), "curated-content.md", NULL);
      window = fixture.window;
      gtk_editable_set_text (GTK_EDITABLE (curator_form_find_row (CURATOR_FORM (curator_window_get_form (window)), "title")),
                             "Changed");

      /* Ctrl+W asks like the window's close button. */
      if (response % 2 == 0)
        curator_ui_press (GTK_WINDOW (window), "<Control>w");
      else
        gtk_window_close (GTK_WINDOW (window));
      dialog = curator_ui_find_dialog (GTK_WINDOW (window), ADW_TYPE_MESSAGE_DIALOG);
      g_assert_nonnull (dialog);
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));

      if (response < 3)
        {
          dismiss (dialog, (Dismiss)response);
          g_assert_null (curator_ui_find_dialog (GTK_WINDOW (window), ADW_TYPE_MESSAGE_DIALOG));
          g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
          g_assert_true (curator_document_get_modified (curator_window_get_document (window)));
          on_disk = curator_ui_fixture_read_file (&fixture);
          g_assert_true (g_bytes_equal (on_disk, fixture.original));
          curator_ui_fixture_close (&fixture);
          continue;
        }

      g_object_ref (window);
      if (response == 3)
        {
          g_test_message ("leaving the question by Discard");
          g_signal_emit_by_name (curator_ui_find_button (GTK_WIDGET (dialog), "_Discard"), "clicked");
          curator_test_wait_for (window_closed, window, "the window to close");
          on_disk = curator_ui_fixture_read_file (&fixture);
          g_assert_true (g_bytes_equal (on_disk, fixture.original));
        }
      else
        {
          g_test_message ("leaving the question by Save");
          g_signal_emit_by_name (curator_ui_find_button (GTK_WIDGET (dialog), "_Save"), "clicked");
          curator_test_wait_for (window_closed, window, "the window to save and close");
          on_disk = curator_ui_fixture_read_file (&fixture);
          g_assert_nonnull (g_strstr_len (g_bytes_get_data (on_disk, NULL), g_bytes_get_size (on_disk), "\ntitle: Changed\n"));
        }
      g_assert_finalize_object (window);
      fixture.window = NULL;
      curator_test_remove_tree (fixture.dir);
      g_clear_object (&fixture.file);
      g_clear_pointer (&fixture.original, g_bytes_unref);
      g_clear_pointer (&fixture.dir, g_free);
    }

  assert_no_window_left ();
}

/* Saving over a file another program changed asks first: every way out
 * but Save Anyway keeps the other program's change. */
static void
test_changed_on_disk_dialog (void)
{
  CuratorUiFixture fixture = { 0 };
  CuratorWindow *window;
  const char *theirs = "---\ntitle: Theirs\n---\n";

  curator_ui_fixture_open_in_app (&fixture, GTK_APPLICATION (app), "curated-content.md", NULL);
  window = fixture.window;
  gtk_editable_set_text (GTK_EDITABLE (curator_form_find_row (CURATOR_FORM (curator_window_get_form (window)), "title")),
                         "Mine");
  g_assert_true (g_file_set_contents (g_file_peek_path (fixture.file), theirs, -1, NULL));

  for (guint response = 0; response < 4; response++)
    {
      GtkWindow *dialog;
      ToplevelSearch search = { ADW_TYPE_MESSAGE_DIALOG, NULL };
      g_autoptr(GBytes) on_disk = NULL;

      curator_ui_press (GTK_WINDOW (window), "<Control>s");
      curator_test_wait_for (toplevel_shown, &search, "the question about the changed file");
      dialog = curator_ui_find_dialog (GTK_WINDOW (window), ADW_TYPE_MESSAGE_DIALOG);
      g_assert_nonnull (dialog);

      if (response < 3)
        {
          dismiss (dialog, (Dismiss)response);
          wait_for_no_toplevel (ADW_TYPE_MESSAGE_DIALOG, "the question to close");
          on_disk = curator_ui_fixture_read_file (&fixture);
          g_assert_cmpmem (g_bytes_get_data (on_disk, NULL), g_bytes_get_size (on_disk), theirs, strlen (theirs));
          g_assert_true (curator_document_get_modified (curator_window_get_document (window)));
          continue;
        }

      g_test_message ("leaving the question by Save Anyway");
      g_signal_emit_by_name (curator_ui_find_button (GTK_WIDGET (dialog), "_Save Anyway"), "clicked");
      curator_test_wait_for (curator_ui_document_saved, window, "the save");
      on_disk = curator_ui_fixture_read_file (&fixture);
      g_assert_nonnull (g_strstr_len (g_bytes_get_data (on_disk, NULL), g_bytes_get_size (on_disk), "\ntitle: Mine\n"));
    }

  curator_ui_fixture_close (&fixture);

  assert_no_window_left ();
}

/* A window of its own (About, the shortcuts): Escape and closing it. */
static void
check_window_dismissed (const char *action,
                        GtkWindow  *parent,
                        GType       type,
                        const char *accelerator)
{
  for (Dismiss how = DISMISS_ESCAPE; how <= DISMISS_CLOSE; how++)
    {
      GtkWindow *shown;

      if (accelerator != NULL)
        curator_ui_press (parent, accelerator);
      else
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (parent), action, NULL));
      shown = wait_for_toplevel (type, NULL, g_type_name (type));
      dismiss (shown, how);
      /* Closed means destroyed (About) or hidden (the shortcuts). */
      wait_for_no_toplevel (type, "the window to close");
    }
}

/* The main menu --------------------------------------------------------- */

static GtkWidget *
find_primary_menu_button (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget)))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_primary_menu_button (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

typedef struct
{
  char     *label;
  char     *action;
  GVariant *target;
} MenuEntry;

static void
menu_entry_free (gpointer data)
{
  MenuEntry *entry = data;

  g_free (entry->label);
  g_free (entry->action);
  g_clear_pointer (&entry->target, g_variant_unref);
  g_free (entry);
}

static void
collect_menu_entries (GMenuModel *model,
                      GPtrArray  *entries)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);
      g_autoptr(GMenuModel) submenu = g_menu_model_get_item_link (model, i, G_MENU_LINK_SUBMENU);
      MenuEntry *entry = g_new0 (MenuEntry, 1);

      g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &entry->label);
      g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &entry->action);
      entry->target = g_menu_model_get_item_attribute_value (model, i, G_MENU_ATTRIBUTE_TARGET, NULL);
      if (entry->action != NULL)
        g_ptr_array_add (entries, entry);
      else
        menu_entry_free (entry);

      if (section != NULL)
        collect_menu_entries (section, entries);
      if (submenu != NULL)
        collect_menu_entries (submenu, entries);
    }
}

typedef struct
{
  CuratorWindow *window;
  GFile         *file;
} RecentSearch;

/* Open Recent offers @file. */
static gboolean
recent_menu_has (gpointer data)
{
  RecentSearch *search = data;
  GMenuModel *menu = G_MENU_MODEL (search->window->recent_menu);

  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GVariant) target = g_menu_model_get_item_attribute_value (menu, i, G_MENU_ATTRIBUTE_TARGET,
                                                                          G_VARIANT_TYPE_STRING);
      g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (target, NULL));

      if (g_file_equal (file, search->file))
        return TRUE;
    }

  return FALSE;
}

static gboolean
import_dialog_ready (gpointer data)
{
  GtkWindow *dialog = curator_ui_find_dialog (data, CURATOR_TYPE_IMPORT_DIALOG);

  return dialog != NULL && curator_import_dialog_get_ready (CURATOR_IMPORT_DIALOG (dialog));
}

static gboolean
import_dialog_gone (gpointer data)
{
  return curator_ui_find_dialog (data, CURATOR_TYPE_IMPORT_DIALOG) == NULL;
}

/* New Curation and an import from the clipboard (words, not an address:
 * nothing is fetched), by @action or by the key @accelerator outside text
 * entries: the import dialog gets ready, and each way of leaving it
 * closes it with no new window. */
static void
check_import_dialog (CuratorWindow *window,
                     const char    *action,
                     const char    *accelerator)
{
  guint n = count_windows ();

  for (Dismiss how = DISMISS_ESCAPE; how <= DISMISS_CANCEL; how++)
    {
      gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (window)), "Words copied from a page");
      if (accelerator != NULL)
        {
          gtk_window_set_focus (GTK_WINDOW (window), NULL);
          curator_ui_press (GTK_WINDOW (window), accelerator);
        }
      else
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
      curator_test_wait_for (import_dialog_ready, window, "the import dialog");
      dismiss (curator_ui_find_dialog (GTK_WINDOW (window), CURATOR_TYPE_IMPORT_DIALOG), how);
      curator_test_wait_for (import_dialog_gone, window, "the import dialog to close");
      g_assert_cmpuint (count_windows (), ==, n);
    }
}

/* Every entry of the main menu, activated as the menu does, each with
 * what it must do. An entry without a check here fails the test. */
static void
test_main_menu (void)
{
  CuratorUiFixture fixture = { 0 };
  CuratorWindow *window;
  GtkWidget *menu_button;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (menu_entry_free);
  gboolean quit_seen = FALSE;

  if (!curator_ui_keyboard_available ())
    return;

  curator_ui_fixture_open_in_app (&fixture, GTK_APPLICATION (app), "curated-content.md", NULL);
  window = fixture.window;
  /* Opening a file makes it a recent one: Open Recent has an entry. */
  {
    RecentSearch search = { window, fixture.file };

    curator_test_wait_for (recent_menu_has, &search, "the file in Open Recent");
  }

  menu_button = find_primary_menu_button (GTK_WIDGET (window));
  g_assert_nonnull (menu_button);
  collect_menu_entries (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button)), entries);
  g_assert_cmpuint (entries->len, >=, 7);

  for (guint i = 0; i < entries->len; i++)
    {
      MenuEntry *entry = g_ptr_array_index (entries, i);

      g_test_message ("main menu: %s (%s)", entry->label, entry->action);
      g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (window)));

      if (g_str_equal (entry->action, "app.new-window"))
        {
          guint n = count_windows ();
          CuratorWindow *created;

          g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), entry->action, NULL));
          g_assert_cmpuint (count_windows (), ==, n + 1);
          created = CURATOR_WINDOW (gtk_application_get_windows (GTK_APPLICATION (app))->data);
          curator_test_wait_for (window_mapped, created, "the new window");
          g_assert_null (curator_window_get_document (created));
          destroy_window (GTK_WINDOW (created));
        }
      else if (g_str_equal (entry->action, "win.open-recent"))
        {
          g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (entry->target, NULL));
          guint n = count_windows ();
          CuratorWindow *opened;

          /* A folder (Open Folder's, above) goes into this window's library. */
          if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
            {
              curator_library_set_folder (curator_window_get_library (window), NULL);
              g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window), entry->action, entry->target));
              curator_test_wait_for (library_has_folder, window, "the recent folder in the library");
              g_assert_true (g_file_equal (curator_library_get_folder (curator_window_get_library (window)), file));
              g_assert_cmpuint (count_windows (), ==, n);
              curator_library_set_folder (curator_window_get_library (window), NULL);
              continue;
            }
          /* The file's type is asked first: the window comes after. */
          g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window), entry->action, entry->target));
          curator_test_wait_for (more_windows_than, &n, "the recent file's window");
          g_assert_cmpuint (count_windows (), ==, n + 1);
          opened = CURATOR_WINDOW (gtk_application_get_windows (GTK_APPLICATION (app))->data);
          curator_test_wait_for (window_settled, opened, "the recent file");
          /* A file that is gone (an earlier test's) says so in its window. */
          if (g_file_query_exists (file, NULL))
            g_assert_true (g_file_equal (curator_document_get_file (curator_window_get_document (opened)), file));
          else
            {
              g_assert_null (curator_window_get_document (opened));
              g_assert_nonnull (curator_ui_find_label (GTK_WIDGET (opened), "Could Not Open", FALSE));
            }
          destroy_window (GTK_WINDOW (opened));
        }
      else if (g_str_equal (entry->action, "win.save-as"))
        check_save_as (&fixture, FALSE);
      else if (g_str_equal (entry->action, "win.new-curation") ||
               g_str_equal (entry->action, "win.import-clipboard"))
        check_import_dialog (window, entry->action, NULL);
      else if (g_str_equal (entry->action, "win.open-folder"))
        check_open_folder (&fixture, FALSE);
      else if (g_str_equal (entry->action, "win.add-field"))
        {
          /* Its every response: test-form's add-field-dialog test. */
          for (Dismiss how = DISMISS_ESCAPE; how <= DISMISS_CANCEL; how++)
            {
              GtkWindow *dialog;

              g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), entry->action, NULL));
              dialog = curator_ui_find_dialog (GTK_WINDOW (window), CURATOR_TYPE_ADD_FIELD_DIALOG);
              g_assert_nonnull (dialog);
              dismiss (dialog, how);
              g_assert_null (curator_ui_find_dialog (GTK_WINDOW (window), CURATOR_TYPE_ADD_FIELD_DIALOG));
            }
        }
      else if (g_str_equal (entry->action, "win.show-help-overlay"))
        check_window_dismissed (entry->action, GTK_WINDOW (window), GTK_TYPE_SHORTCUTS_WINDOW, NULL);
      else if (g_str_equal (entry->action, "app.about"))
        check_window_dismissed (entry->action, GTK_WINDOW (window), ADW_TYPE_ABOUT_WINDOW, NULL);
      else if (g_str_equal (entry->action, "app.quit"))
        quit_seen = TRUE;
      else
        g_error ("The main menu entry “%s” (%s) has no test", entry->label, entry->action);
    }

  /* Quit last: it closes every window, this one asking first about its
   * unsaved changes. */
  g_assert_true (quit_seen);
  gtk_editable_set_text (GTK_EDITABLE (curator_form_find_row (CURATOR_FORM (curator_window_get_form (window)), "title")),
                         "Unsaved");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "app.quit", NULL));
  g_assert_nonnull (curator_ui_find_dialog (GTK_WINDOW (window), ADW_TYPE_MESSAGE_DIALOG));
  dismiss (curator_ui_find_dialog (GTK_WINDOW (window), ADW_TYPE_MESSAGE_DIALOG), DISMISS_ESCAPE);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_object_ref (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "app.quit", NULL));
  g_signal_emit_by_name (curator_ui_find_button (GTK_WIDGET (curator_ui_find_dialog (GTK_WINDOW (window), ADW_TYPE_MESSAGE_DIALOG)),
                                                 "_Discard"), "clicked");
  curator_test_wait_for (window_closed, window, "quit to close the window");
  g_assert_cmpuint (count_windows (), ==, 0);
  g_assert_finalize_object (window);
  fixture.window = NULL;
  curator_test_remove_tree (fixture.dir);
  g_clear_object (&fixture.file);
  g_clear_pointer (&fixture.original, g_bytes_unref);
  g_clear_pointer (&fixture.dir, g_free);

  assert_no_window_left ();
}

/* The shortcuts window ------------------------------------------------- */

static void
collect_shortcuts (GtkWidget *widget,
                   GPtrArray *shortcuts)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    g_ptr_array_add (shortcuts, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_shortcuts (child, shortcuts);
}

static GtkWidget *
row_of (CuratorUiFixture *fixture,
        const char       *key_path)
{
  GtkWidget *row = curator_form_find_row (CURATOR_FORM (curator_window_get_form (fixture->window)), key_path);

  g_assert_nonnull (row);
  return row;
}

static void
focus_text_of (GtkWidget *row)
{
  gtk_widget_grab_focus (GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (row))));
}

static const char *
value_at (CuratorUiFixture *fixture,
          const char       *key_path)
{
  const CuratorNode *node = curator_document_lookup (curator_window_get_document (fixture->window), key_path, NULL);

  return node != NULL ? curator_node_get_value (node) : NULL;
}

static GtkWidget *
find_visible_popover (GtkWidget *widget)
{
  if (GTK_IS_POPOVER (widget) && gtk_widget_get_visible (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_visible_popover (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkTextBuffer *
body_buffer (CuratorUiFixture *fixture)
{
  CuratorBodyEditor *editor = curator_body_pane_get_editor (curator_window_get_body_pane (fixture->window));

  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (curator_body_editor_get_view (editor)));
}

static int
selection_start (CuratorUiFixture *fixture)
{
  GtkTextIter start, end;

  if (!gtk_text_buffer_get_selection_bounds (body_buffer (fixture), &start, &end))
    return -1;
  return gtk_text_iter_get_offset (&start);
}

static gboolean
body_match_selected (gpointer data)
{
  return selection_start (data) >= 0;
}

/* F10 opens the main menu and Escape closes it. Checked in a window of
 * its own, closed right after: once a popup menu has been shown, GDK may
 * send the next keys to it, which nothing here would catch. */
static void
check_main_menu_key (void)
{
  CuratorUiFixture fixture = { 0 };
  GtkWindow *window;
  GtkWidget *menu_button;
  GtkPopover *popover;

  curator_ui_fixture_open_in_app (&fixture, GTK_APPLICATION (app), "menu.md", "---\ntitle: Menu\n---\n");
  window = GTK_WINDOW (fixture.window);
  menu_button = find_primary_menu_button (GTK_WIDGET (window));
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button));

  focus_text_of (row_of (&fixture, "title"));
  curator_ui_press (window, "F10");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  curator_ui_press (window, "Escape");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));

  curator_ui_fixture_close (&fixture);
}

/* What each shortcut of the shortcuts window must do, pressed as a real
 * key in the window of @fixture. */
static void
check_shortcut (CuratorUiFixture *fixture,
                const char       *accelerator)
{
  GtkWindow *window = GTK_WINDOW (fixture->window);
  CuratorDocument *document = curator_window_get_document (fixture->window);

  if (g_str_equal (accelerator, "<Control>o"))
    check_open (fixture);
  else if (g_str_equal (accelerator, "<Control>s"))
    {
      focus_text_of (row_of (fixture, "title"));
      curator_ui_press (window, "End");
      curator_ui_type (window, " saved");
      g_assert_true (curator_document_get_modified (document));
      curator_ui_press (window, accelerator);
      curator_test_wait_for (curator_ui_document_saved, fixture->window, "the save");
    }
  else if (g_str_equal (accelerator, "<Control><Shift>s"))
    check_save_as (fixture, TRUE);
  else if (g_str_equal (accelerator, "<Control><Shift>o"))
    check_open_folder (fixture, TRUE);
  else if (g_str_equal (accelerator, "<Control>n") || g_str_equal (accelerator, "<Control>v"))
    check_import_dialog (fixture->window, NULL, accelerator);
  else if (g_str_equal (accelerator, "<Control><Shift>n"))
    {
      guint n = count_windows ();
      CuratorWindow *created;

      curator_ui_press (window, accelerator);
      g_assert_cmpuint (count_windows (), ==, n + 1);
      created = CURATOR_WINDOW (gtk_application_get_windows (GTK_APPLICATION (app))->data);
      g_assert_null (curator_window_get_document (created));
      destroy_window (GTK_WINDOW (created));
    }
  else if (g_str_equal (accelerator, "<Control>w"))
    {
      guint n = count_windows ();
      CuratorWindow *other;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "app.new-window", NULL));
      other = CURATOR_WINDOW (gtk_application_get_windows (GTK_APPLICATION (app))->data);
      g_object_ref (other);
      curator_ui_press (GTK_WINDOW (other), accelerator);
      curator_test_wait_for (window_closed, other, "Ctrl+W to close the window");
      g_assert_finalize_object (other);
      g_assert_cmpuint (count_windows (), ==, n);
    }
  else if (g_str_equal (accelerator, "<Control>z") || g_str_equal (accelerator, "<Control><Shift>z"))
    {
      g_autofree char *before = g_strdup (value_at (fixture, "title"));
      g_autofree char *typed = g_strconcat (before, " x", NULL);

      focus_text_of (row_of (fixture, "title"));
      curator_ui_press (window, "End");
      curator_ui_type (window, " x");
      curator_ui_press (window, "<Control>z");
      g_assert_cmpstr (value_at (fixture, "title"), ==, before);
      curator_ui_press (window, "<Control><Shift>z");
      g_assert_cmpstr (value_at (fixture, "title"), ==, typed);
      curator_ui_press (window, "<Control>z");
    }
  else if (g_str_equal (accelerator, "<Shift>F10") || g_str_equal (accelerator, "Menu"))
    {
      GtkWidget *popover;

      focus_text_of (row_of (fixture, "title"));
      curator_ui_press (window, accelerator);
      popover = find_visible_popover (GTK_WIDGET (window));
      g_assert_nonnull (popover);
      g_assert_true (GTK_IS_POPOVER_MENU (popover));
      curator_ui_press (window, "Escape");
      g_assert_false (gtk_widget_get_visible (popover));
      g_assert_nonnull (row_of (fixture, "title"));
    }
  else if (g_str_equal (accelerator, "<Alt>Up") || g_str_equal (accelerator, "<Alt>Down"))
    {
      gboolean up = g_str_equal (accelerator, "<Alt>Up");
      GtkWidget *list = row_of (fixture, "tags");
      GtkWidget *item;

      /* The first entry row of the list is its first item. */
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (list), TRUE);
      item = curator_ui_find_type (list, ADW_TYPE_ENTRY_ROW);
      g_assert_nonnull (item);
      /* The first item moves down, the second up. */
      g_assert_cmpstr (value_at (fixture, "tags[0]"), ==, "news");
      focus_text_of (item);
      if (up)
        {
          curator_ui_press (window, "<Alt>Down");
          curator_ui_press (window, accelerator);
        }
      else
        curator_ui_press (window, accelerator);
      g_assert_cmpstr (value_at (fixture, "tags[0]"), ==, up ? "news" : "care");
      g_assert_cmpstr (value_at (fixture, "tags[1]"), ==, up ? "care" : "news");
      if (!up)
        curator_ui_press (window, "<Alt>Up");
      g_assert_cmpstr (value_at (fixture, "tags[0]"), ==, "news");
    }
  else if (g_str_equal (accelerator, "<Control><Alt>p"))
    {
      gboolean shown = curator_body_pane_get_show_preview (curator_window_get_body_pane (fixture->window));

      curator_ui_press (window, accelerator);
      g_assert_true (curator_body_pane_get_show_preview (curator_window_get_body_pane (fixture->window)) == !shown);
      curator_ui_press (window, accelerator);
      g_assert_true (curator_body_pane_get_show_preview (curator_window_get_body_pane (fixture->window)) == shown);
    }
  else if (g_str_equal (accelerator, "<Control>f"))
    {
      CuratorBodyEditor *editor = curator_body_pane_get_editor (curator_window_get_body_pane (fixture->window));
      GtkWidget *search_bar = curator_ui_find_type (GTK_WIDGET (editor), GTK_TYPE_SEARCH_BAR);

      gtk_widget_grab_focus (GTK_WIDGET (curator_body_editor_get_view (editor)));
      curator_ui_press (window, accelerator);
      g_assert_true (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (search_bar)));
      g_assert_true (curator_ui_has_focus_within (curator_ui_find_type (search_bar, GTK_TYPE_SEARCH_ENTRY)));
    }
  else if (g_str_equal (accelerator, "<Control>g") || g_str_equal (accelerator, "<Control><Shift>g"))
    {
      CuratorBodyEditor *editor = curator_body_pane_get_editor (curator_window_get_body_pane (fixture->window));
      gboolean next = g_str_equal (accelerator, "<Control>g");
      int first, second;

      {
        GtkTextIter start;

        gtk_text_buffer_get_start_iter (body_buffer (fixture), &start);
        gtk_text_buffer_place_cursor (body_buffer (fixture), &start);
      }
      gtk_widget_grab_focus (GTK_WIDGET (curator_body_editor_get_view (editor)));
      curator_ui_press (window, "<Control>f");
      /* (Keys typed through XTest into the find entry do not arrive, in
       * this window only: the text is set as the entry would hold it.) */
      gtk_editable_set_text (GTK_EDITABLE (gtk_root_get_focus (GTK_ROOT (window))), "</p>");
      curator_test_wait_for (body_match_selected, fixture, "the first match");
      curator_ui_press (window, "<Control>g");
      first = selection_start (fixture);
      curator_ui_press (window, next ? "<Control>g" : "<Control><Shift>g");
      second = selection_start (fixture);
      g_test_message ("%s: match at %d, then %d", accelerator, first, second);
      if (next)
        g_assert_cmpint (second, >, first);
      else
        g_assert_cmpint (second, <, first);
    }
  else if (g_str_equal (accelerator, "<Control>question"))
    check_window_dismissed (NULL, window, GTK_TYPE_SHORTCUTS_WINDOW, accelerator);
  else if (g_str_equal (accelerator, "<Control><Alt>d"))
    {
      g_autoptr(GError) error = NULL;

      /* Changes to review: the diff window, left every way. */
      g_assert_true (curator_document_set_value (document, "title", "Reviewed", CURATOR_SCALAR_AUTO, &error));
      g_assert_no_error (error);
      check_window_dismissed (NULL, window, CURATOR_TYPE_DIFF_WINDOW, accelerator);
      curator_document_undo (document);
    }
  else
    g_error ("The shortcut %s has no test", accelerator);
}

/* Every shortcut the shortcuts window lists, pressed as a real key: each
 * does what the window says. A shortcut without a check here fails. */
static void
test_shortcuts_window (void)
{
  CuratorUiFixture fixture = { 0 };
  GtkShortcutsWindow *overlay;
  g_autoptr(GPtrArray) shortcuts = g_ptr_array_new ();
  g_autoptr(GHashTable) checked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean quit_seen = FALSE;
  gboolean main_menu_key_seen = FALSE;
  guint n_checked = 0;

  if (!curator_ui_keyboard_available ())
    return;

  curator_ui_fixture_open_in_app (&fixture, GTK_APPLICATION (app), "shortcuts.md",
                                  "---\ntitle: Shortcuts\ntags:\n- news\n- care\n---\n<p>One</p>\n<p>Two</p>\n<p>Three</p>\n");
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (fixture.window));
  g_assert_nonnull (overlay);
  collect_shortcuts (GTK_WIDGET (overlay), shortcuts);
  g_assert_cmpuint (shortcuts->len, >, 10);

  for (guint i = 0; i < shortcuts->len; i++)
    {
      g_autofree char *title = NULL;
      g_autofree char *accelerators = NULL;
      g_auto(GStrv) each = NULL;

      g_object_get (g_ptr_array_index (shortcuts, i), "title", &title, "accelerator", &accelerators, NULL);
      each = g_strsplit (accelerators, " ", -1);
      for (guint a = 0; each[a] != NULL; a++)
        {
          /* The window's search page holds a copy of every shortcut. */
          if (!g_hash_table_add (checked, g_strdup (each[a])))
            continue;
          g_test_message ("shortcut: %s (%s)", title, each[a]);
          if (g_str_equal (each[a], "<Control>q"))
            quit_seen = TRUE;
          else if (g_str_equal (each[a], "F10"))
            main_menu_key_seen = TRUE;

          else
            check_shortcut (&fixture, each[a]);
          n_checked++;
        }
    }

  /* Quit last: it closes every window, asking about unsaved changes. */
  g_assert_true (quit_seen);
  focus_text_of (row_of (&fixture, "title"));
  curator_ui_type (GTK_WINDOW (fixture.window), " unsaved");
  g_object_ref (fixture.window);
  curator_ui_press (GTK_WINDOW (fixture.window), "<Control>q");
  g_signal_emit_by_name (curator_ui_find_button (GTK_WIDGET (curator_ui_find_dialog (GTK_WINDOW (fixture.window), ADW_TYPE_MESSAGE_DIALOG)),
                                                 "_Discard"), "clicked");
  curator_test_wait_for (window_closed, fixture.window, "Ctrl+Q to close the window");
  g_assert_cmpuint (count_windows (), ==, 0);
  g_assert_finalize_object (fixture.window);
  fixture.window = NULL;

  g_assert_true (main_menu_key_seen);
  check_main_menu_key ();
  g_test_message ("%u shortcuts checked", n_checked);
  curator_test_remove_tree (fixture.dir);
  g_clear_object (&fixture.file);
  g_clear_pointer (&fixture.original, g_bytes_unref);
  g_clear_pointer (&fixture.dir, g_free);

  assert_no_window_left ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  curator_ui_test_init (&argc, &argv);

  app = curator_application_new ();
  /* Several test programs may run at once: no unique name to own. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/ui/actions/empty-window", test_empty_window);
  g_test_add_func ("/ui/actions/narrow-header-toggles", test_narrow_header_toggles);
  g_test_add_func ("/ui/actions/main-menu", test_main_menu);
  g_test_add_func ("/ui/actions/shortcuts-window", test_shortcuts_window);
  g_test_add_func ("/ui/actions/save-changes-dialog", test_save_changes_dialog);
  g_test_add_func ("/ui/actions/changed-on-disk-dialog", test_changed_on_disk_dialog);

  status = g_test_run ();

  g_clear_object (&app);
  curator_ui_test_cleanup ();

  return status;
}
