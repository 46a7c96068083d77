/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-recovery"

#include "config.h"

#include "curator-diff-window.h"
#include "curator-form.h"
#include "curator-import-dialog.h"
#include "curator-window-private.h"
#include "curator-test-utils.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <string.h>

/* Drafts, changes on disk and Review Changes in the real window: a
 * draft written while editing is laid over the file when it opens again,
 * a change on disk shows the bar with its choices, and each choice leaves
 * the document and the file as the curator expects. */

static const char original[] =
  "---\n"
  "title: Old title\n"
  "description: Old description\n"
  "tags:\n"
  "- news\n"
  "---\n"
  "<p>Body</p>\n";

typedef struct
{
  char              *dir;
  char              *path;
  GFile             *file;
  CuratorDraftStore *store;
  CuratorWindow     *window;
} Fixture;

static gboolean
window_loaded (gpointer data)
{
  CuratorWindow *window = data;

  return !curator_window_get_loading (window) && curator_window_get_document (window) != NULL &&
         !curator_form_get_building (CURATOR_FORM (curator_window_get_form (window)));
}

static void
open_window (Fixture *fixture)
{
  fixture->window = curator_window_new (NULL);
  curator_window_set_draft_store (fixture->window, fixture->store);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 700);
  gtk_window_present (GTK_WINDOW (fixture->window));
  curator_window_open (fixture->window, fixture->file);
  curator_test_wait_for (window_loaded, fixture->window, "the document to load");
}

/* Closes the window without deciding about its edits, as a crash does:
 * the draft stays. */
static void
destroy_window (Fixture *fixture)
{
  g_object_ref (fixture->window);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_assert_finalize_object (fixture->window);
  fixture->window = NULL;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *drafts = NULL;
  g_autoptr(GFile) folder = NULL;

  fixture->dir = g_dir_make_tmp ("curator-recovery-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "item.md", NULL);
  g_file_set_contents (fixture->path, original, -1, &error);
  g_assert_no_error (error);
  fixture->file = g_file_new_for_path (fixture->path);
  drafts = g_build_filename (fixture->dir, "drafts", NULL);
  folder = g_file_new_for_path (drafts);
  fixture->store = curator_draft_store_new (folder);
  open_window (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    {
      /* Thrown away, not kept as a draft. */
      curator_recovery_bar_discard_draft (curator_window_get_recovery_bar (fixture->window));
      destroy_window (fixture);
    }
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->file);
  curator_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static CuratorDocument *
document_of (Fixture *fixture)
{
  return curator_window_get_document (fixture->window);
}

static const char *
bar_message (Fixture *fixture)
{
  return curator_recovery_bar_get_message (curator_window_get_recovery_bar (fixture->window));
}

static char *
read_file (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (fixture->path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

/* Another program writes the file. */
static void
write_file (Fixture    *fixture,
            const char *contents)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (fixture->path, contents, -1, &error);
  g_assert_no_error (error);
}

static char *
document_text (Fixture *fixture)
{
  g_autoptr(GBytes) bytes = curator_document_serialize (document_of (fixture));

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
set_title (Fixture    *fixture,
           const char *title)
{
  g_autoptr(GError) error = NULL;

  curator_document_set_value (document_of (fixture), "title", title, CURATOR_SCALAR_AUTO, &error);
  g_assert_no_error (error);
}

static gboolean
draft_exists (gpointer data)
{
  Fixture *fixture = data;
  g_autofree char *id = curator_draft_store_id_for (document_of (fixture));
  g_autoptr(CuratorDraft) draft = curator_draft_store_load (fixture->store, id, NULL);

  return draft != NULL;
}

/* Nothing next to the content: no draft, no temporary file. */
static void
assert_folder_holds_only_the_file (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, &error);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_strcmp0 (name, "drafts") != 0)
      g_assert_cmpstr (name, ==, "item.md");
}

static gboolean
draft_gone (gpointer data)
{
  return !draft_exists (data);
}

static gboolean
saved (gpointer data)
{
  Fixture *fixture = data;

  return !curator_document_get_modified (document_of (fixture));
}

static gboolean
bar_says_changed (gpointer data)
{
  return g_strcmp0 (bar_message (data), "The file changed on disk") == 0;
}

static void
activate (Fixture    *fixture,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (curator_window_get_recovery_bar (fixture->window)),
                                             action, NULL));
}

/* The diff window open over the test's window, or NULL. */
static CuratorDiffWindow *
find_diff_window (Fixture *fixture)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (CURATOR_IS_DIFF_WINDOW (toplevel) &&
          gtk_window_get_transient_for (toplevel) == GTK_WINDOW (fixture->window))
        return CURATOR_DIFF_WINDOW (toplevel);
    }
  return NULL;
}

static void
respond (CuratorDiffWindow *window,
         const char        *response)
{
  g_object_ref (window);
  g_signal_emit_by_name (window, "response", response);
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
}

static void
test_draft_restored (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autofree char *on_disk = NULL;

  g_assert_null (bar_message (fixture));
  set_title (fixture, "Edited title");
  /* Written a few seconds after the edit, not next to the content. */
  g_assert_false (draft_exists (fixture));
  curator_test_wait_for (draft_exists, fixture, "the draft to be written");
  assert_folder_holds_only_the_file (fixture);

  destroy_window (fixture);
  on_disk = read_file (fixture);
  g_assert_cmpstr (on_disk, ==, original);

  /* Next start: the edit is back, unsaved, and the bar says so. */
  open_window (fixture);
  g_assert_cmpstr (bar_message (fixture), ==, "Unsaved changes restored");
  g_assert_true (curator_document_get_modified (document_of (fixture)));
  text = document_text (fixture);
  g_assert_nonnull (strstr (text, "title: Edited title\n"));
  g_assert_true (gtk_widget_get_visible (fixture->window->review_button));

  /* Discard: the file's own text again, and the draft goes. */
  activate (fixture, "recovery.discard");
  g_assert_null (bar_message (fixture));
  g_assert_false (curator_document_get_modified (document_of (fixture)));
  g_clear_pointer (&text, g_free);
  text = document_text (fixture);
  g_assert_cmpstr (text, ==, original);
  curator_test_wait_for (draft_gone, fixture, "the discarded draft to be deleted");
}

static void
test_draft_saved_goes (Fixture       *fixture,
                       gconstpointer  data)
{
  set_title (fixture, "Saved title");
  curator_test_wait_for (draft_exists, fixture, "the draft to be written");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL));
  curator_test_wait_for (draft_gone, fixture, "the draft of a saved document to be deleted");
  g_assert_false (curator_document_get_modified (document_of (fixture)));
}

/* A new curation never saved has a draft of a file that is not there:
 * the edits come back, and Save creates the file. */
static void
test_draft_of_new_file (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autofree char *on_disk = NULL;

  set_title (fixture, "Edited title");
  curator_test_wait_for (draft_exists, fixture, "the draft to be written");
  destroy_window (fixture);
  g_assert_cmpint (g_unlink (fixture->path), ==, 0);

  open_window (fixture);
  g_assert_cmpstr (bar_message (fixture), ==, "Unsaved changes restored");
  g_assert_nonnull (strstr (curator_recovery_bar_get_detail (curator_window_get_recovery_bar (fixture->window)),
                            "before the file was first saved"));
  g_assert_true (curator_document_get_editable (document_of (fixture)));
  g_assert_true (curator_document_get_modified (document_of (fixture)));
  text = document_text (fixture);
  g_assert_nonnull (strstr (text, "title: Edited title\n"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL));
  curator_test_wait_for (saved, fixture, "the save");
  on_disk = read_file (fixture);
  g_assert_cmpstr (on_disk, ==, text);
  curator_test_wait_for (draft_gone, fixture, "the draft of a saved document to be deleted");
  g_assert_null (bar_message (fixture));
}

static gboolean
import_dialog_ready (gpointer data)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (CURATOR_IS_IMPORT_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
        curator_import_dialog_get_ready (l->data))
      {
        *(CuratorImportDialog **) data = l->data;
        return TRUE;
      }
  return FALSE;
}

static gboolean
new_curation_shown (gpointer data)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (CURATOR_IS_WINDOW (l->data) && CURATOR_WINDOW (l->data)->new_import != NULL && window_loaded (l->data))
      {
        *(CuratorWindow **) data = l->data;
        return TRUE;
      }
  return FALSE;
}

typedef struct
{
  CuratorDraftStore *store;
  CuratorDocument   *document;
} DraftOf;

static gboolean
draft_of_exists (gpointer data)
{
  DraftOf *draft_of = data;
  g_autofree char *id = curator_draft_store_id_for (draft_of->document);
  g_autoptr(CuratorDraft) draft = curator_draft_store_load (draft_of->store, id, NULL);

  return draft != NULL;
}

static gboolean
draft_gone_of (gpointer data)
{
  return !draft_of_exists (data);
}

/* A new curation is kept as a draft as soon as it is shown, edits or
 * not: nothing of it is on disk. After a crash its file opens with it,
 * and Save creates the file. */
static void
test_draft_of_new_curation (Fixture       *fixture,
                            gconstpointer  data)
{
  CuratorImportDialog *dialog = NULL;
  CuratorWindow *created = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;
  g_autofree char *on_disk = NULL;
  DraftOf draft_of = { fixture->store, NULL };

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-curation", NULL));
  curator_test_wait_for (import_dialog_ready, &dialog, "the new curation's dialog");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.create", NULL);
  curator_test_wait_for (new_curation_shown, &created, "the new curation");
  g_assert_true (created != fixture->window);
  draft_of.document = curator_window_get_document (created);
  g_assert_false (curator_document_get_modified (draft_of.document));
  curator_test_wait_for (draft_of_exists, &draft_of, "the new curation's draft, without an edit");

  file = g_object_ref (curator_document_get_file (draft_of.document));
  path = g_file_get_path (file);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  {
    g_autoptr(GBytes) bytes = curator_document_serialize (draft_of.document);

    text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  }

  /* The crash: both windows go without a word about their edits. */
  g_object_ref (created);
  gtk_window_destroy (GTK_WINDOW (created));
  g_assert_finalize_object (created);
  destroy_window (fixture);

  g_clear_object (&fixture->file);
  fixture->file = g_object_ref (file);
  g_free (fixture->path);
  fixture->path = g_strdup (path);
  open_window (fixture);
  g_assert_cmpstr (bar_message (fixture), ==, "Unsaved changes restored");
  g_assert_nonnull (strstr (curator_recovery_bar_get_detail (curator_window_get_recovery_bar (fixture->window)),
                            "before the file was first saved"));
  g_assert_cmpstr (document_text (fixture), ==, text);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL));
  curator_test_wait_for (saved, fixture, "the save");
  on_disk = read_file (fixture);
  g_assert_cmpstr (on_disk, ==, text);
  curator_test_wait_for (draft_gone, fixture, "the draft of a saved document to be deleted");
}

/* Saved as a new curation: its draft goes, though it was never edited. */
static void
test_new_curation_saved (Fixture       *fixture,
                         gconstpointer  data)
{
  CuratorImportDialog *dialog = NULL;
  CuratorWindow *created = NULL;
  DraftOf draft_of = { fixture->store, NULL };
  g_autofree char *path = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-curation", NULL));
  curator_test_wait_for (import_dialog_ready, &dialog, "the new curation's dialog");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.create", NULL);
  curator_test_wait_for (new_curation_shown, &created, "the new curation");
  draft_of.document = curator_window_get_document (created);
  curator_test_wait_for (draft_of_exists, &draft_of, "the new curation's draft");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (created), "win.save", NULL));
  g_assert_null (created->new_import);
  path = g_file_get_path (curator_document_get_file (draft_of.document));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  curator_test_wait_for (draft_gone_of, &draft_of, "the saved curation's draft to go");

  g_object_ref (created);
  gtk_window_destroy (GTK_WINDOW (created));
  g_assert_finalize_object (created);
}

static void
test_draft_over_changed_file (Fixture       *fixture,
                              gconstpointer  data)
{
  CuratorDiffWindow *diff;
  const char *shown;

  set_title (fixture, "Edited title");
  curator_test_wait_for (draft_exists, fixture, "the draft to be written");
  destroy_window (fixture);

  /* The file changed after the edits began: the draft is not laid over it
   * silently, the bar offers Compare. */
  write_file (fixture, "---\ntitle: Old title\ndescription: New on disk\ntags:\n- news\n---\n<p>Body</p>\n");
  open_window (fixture);
  g_assert_cmpstr (bar_message (fixture), ==, "Unsaved changes restored");

  activate (fixture, "recovery.compare");
  curator_test_wait_for ((CuratorTestCondition) find_diff_window, fixture, "the diff window");
  diff = find_diff_window (fixture);
  shown = curator_diff_window_get_diff (diff);
  g_assert_nonnull (strstr (shown, "-description: New on disk\n"));
  g_assert_nonnull (strstr (shown, "+title: Edited title\n"));
  respond (diff, "discard");
  g_assert_null (bar_message (fixture));
  g_assert_false (curator_document_get_modified (document_of (fixture)));
}

static void
test_changed_merged (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *on_disk = NULL;

  set_title (fixture, "Mine");
  write_file (fixture, "---\ntitle: Old title\ndescription: Theirs\ntags:\n- news\n---\n<p>Body</p>\n");
  curator_test_wait_for (bar_says_changed, fixture, "the bar to tell of the change on disk");

  /* Different keys: both changes kept, through the model. */
  activate (fixture, "recovery.reload");
  g_assert_null (bar_message (fixture));
  g_assert_true (curator_document_get_modified (document_of (fixture)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL));
  curator_test_wait_for (saved, fixture, "the save");
  on_disk = read_file (fixture);
  g_assert_cmpstr (on_disk, ==, "---\ntitle: Mine\ndescription: Theirs\ntags:\n- news\n---\n<p>Body</p>\n");
}

static void
test_changed_conflict (Fixture       *fixture,
                       gconstpointer  data)
{
  static const char theirs[] = "---\ntitle: Theirs\ndescription: Old description\ntags:\n- news\n---\n<p>Body</p>\n";
  CuratorRecoveryBar *bar = curator_window_get_recovery_bar (fixture->window);
  g_autofree char *text = NULL;

  set_title (fixture, "Mine");
  write_file (fixture, theirs);
  curator_test_wait_for (bar_says_changed, fixture, "the bar to tell of the change on disk");

  /* The same key: nothing merged, the bar names the field. */
  activate (fixture, "recovery.reload");
  g_assert_cmpstr (bar_message (fixture), ==, "Your edits and the change on disk overlap");
  g_assert_nonnull (strstr (curator_recovery_bar_get_detail (bar), "Title"));
  text = document_text (fixture);
  g_assert_nonnull (strstr (text, "title: Mine\n"));

  /* Discard Mine: the file on disk, and nothing left to save. */
  activate (fixture, "recovery.discard");
  g_clear_pointer (&text, g_free);
  text = document_text (fixture);
  g_assert_cmpstr (text, ==, theirs);
  g_assert_false (curator_document_get_modified (document_of (fixture)));
  g_assert_null (bar_message (fixture));
}

static void
test_changed_keep_mine (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *on_disk = NULL;

  set_title (fixture, "Mine");
  write_file (fixture, "---\ntitle: Theirs\n---\n");
  curator_test_wait_for (bar_says_changed, fixture, "the bar to tell of the change on disk");

  /* Keep Mine: Save then replaces their version without asking. */
  activate (fixture, "recovery.keep-mine");
  g_assert_null (bar_message (fixture));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL));
  curator_test_wait_for (saved, fixture, "the save");
  on_disk = read_file (fixture);
  g_assert_nonnull (strstr (on_disk, "title: Mine\n"));
  g_assert_nonnull (strstr (on_disk, "description: Old description\n"));
}

static void
test_changed_unmodified_reload (Fixture       *fixture,
                                gconstpointer  data)
{
  static const char theirs[] = "---\ntitle: Theirs\n---\nNew body\n";
  g_autofree char *text = NULL;

  write_file (fixture, theirs);
  curator_test_wait_for (bar_says_changed, fixture, "the bar to tell of the change on disk");
  activate (fixture, "recovery.reload");
  g_assert_null (bar_message (fixture));
  text = document_text (fixture);
  g_assert_cmpstr (text, ==, theirs);
  g_assert_false (curator_document_get_modified (document_of (fixture)));
  g_assert_cmpstr (adw_window_title_get_title (fixture->window->window_title), ==, "Theirs");
  /* Undo brings back what was shown before, as an edit to save. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  g_clear_pointer (&text, g_free);
  text = document_text (fixture);
  g_assert_cmpstr (text, ==, original);
  g_assert_true (curator_document_get_modified (document_of (fixture)));
}

static gboolean
bar_says_removed (gpointer data)
{
  return g_strcmp0 (bar_message (data), "The file was deleted or moved on disk") == 0;
}

static void
test_removed (Fixture       *fixture,
              gconstpointer  data)
{
  set_title (fixture, "Mine");
  g_assert_cmpint (g_unlink (fixture->path), ==, 0);
  curator_test_wait_for (bar_says_removed, fixture, "the bar to tell the file is gone");
  /* The edits stay. */
  g_assert_true (curator_document_get_modified (document_of (fixture)));
  activate (fixture, "recovery.keep-mine");
  g_assert_null (bar_message (fixture));
}

static void
test_review_changes (Fixture       *fixture,
                     gconstpointer  data)
{
  CuratorDiffWindow *diff;
  g_autofree char *on_disk = NULL;
  const char *shown;

  /* Nothing to review in a file as it is on disk. */
  g_assert_false (gtk_widget_get_visible (fixture->window->review_button));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.review-changes", NULL) &&
                  find_diff_window (fixture) != NULL);

  set_title (fixture, "Reviewed");
  g_assert_true (gtk_widget_get_visible (fixture->window->review_button));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.review-changes", NULL));
  diff = find_diff_window (fixture);
  g_assert_nonnull (diff);
  shown = curator_diff_window_get_diff (diff);
  g_assert_nonnull (strstr (shown, "-title: Old title\n+title: Reviewed\n"));
  g_assert_null (strstr (shown, "-description"));
  g_assert_null (strstr (shown, "+description"));

  /* Cancel saves nothing; Save from there saves. */
  respond (diff, "cancel");
  g_assert_true (curator_document_get_modified (document_of (fixture)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.review-changes", NULL));
  respond (find_diff_window (fixture), "save");
  curator_test_wait_for (saved, fixture, "the save from Review Changes");
  on_disk = read_file (fixture);
  g_assert_nonnull (strstr (on_disk, "title: Reviewed\n"));
  g_assert_false (gtk_widget_get_visible (fixture->window->review_button));
}

static GtkWidget *
find_label_containing (GtkWidget  *widget,
                       const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_containing (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
overwrite_asked (gpointer data)
{
  Fixture *fixture = data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_window_get_transient_for (toplevel) == GTK_WINDOW (fixture->window))
        {
          adw_message_dialog_response (ADW_MESSAGE_DIALOG (toplevel), "overwrite");
          gtk_window_destroy (toplevel);
          return TRUE;
        }
    }
  return FALSE;
}

/* The message, saving anyway if Save asks first. */
static gboolean
failure_shown (gpointer data)
{
  Fixture *fixture = data;

  overwrite_asked (fixture);
  return find_label_containing (GTK_WIDGET (fixture->window), "is a folder now") != NULL;
}

static void
test_save_fails_keeps_edits (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *text = NULL;

  set_title (fixture, "Mine");
  curator_test_wait_for (draft_exists, fixture, "the draft to be written");
  /* The file replaced by a folder: Save fails with a message that says
   * why, and the edits stay, in the window and in the draft. The model's
   * tests check every other failure's message. */
  g_assert_cmpint (g_unlink (fixture->path), ==, 0);
  g_assert_cmpint (g_mkdir (fixture->path, 0755), ==, 0);
  curator_test_wait_for (bar_says_removed, fixture, "the bar to tell the file is gone");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL));
  curator_test_wait_for (failure_shown, fixture, "the save failure's message");
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_IS_DIR));
  g_assert_true (curator_document_get_modified (document_of (fixture)));
  g_assert_true (draft_exists (fixture));
  text = document_text (fixture);
  g_assert_nonnull (strstr (text, "title: Mine\n"));
  g_rmdir (fixture->path);
}

/* A window without a store keeps no drafts (the unit tests' windows). */
static void
test_no_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("curator-recovery-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "item.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  CuratorWindow *window;

  g_file_set_contents (path, original, -1, &error);
  g_assert_no_error (error);
  window = curator_window_new (NULL);
  g_assert_null (curator_recovery_bar_get_store (curator_window_get_recovery_bar (window)));
  gtk_window_present (GTK_WINDOW (window));
  curator_window_open (window, file);
  curator_test_wait_for (window_loaded, window, "the document to load");
  g_assert_null (curator_recovery_bar_get_message (curator_window_get_recovery_bar (window)));
  gtk_window_destroy (GTK_WINDOW (window));
  curator_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  curator_test_log_init ();
  /* A web process ending on WebKit's a11y bus warning (docs/preview.md). */
  curator_test_tolerate_web_process_ends (1);
  adw_init ();
  home = curator_test_make_private_dir ("curator-test-recovery-XXXXXX");

  g_test_add ("/recovery/draft/restored", Fixture, NULL, fixture_set_up, test_draft_restored, fixture_tear_down);
  g_test_add ("/recovery/draft/saved-goes", Fixture, NULL, fixture_set_up, test_draft_saved_goes, fixture_tear_down);
  g_test_add ("/recovery/draft/of-new-file", Fixture, NULL, fixture_set_up, test_draft_of_new_file, fixture_tear_down);
  g_test_add ("/recovery/draft/of-new-curation", Fixture, NULL, fixture_set_up, test_draft_of_new_curation, fixture_tear_down);
  g_test_add ("/recovery/draft/new-curation-saved", Fixture, NULL, fixture_set_up, test_new_curation_saved, fixture_tear_down);
  g_test_add ("/recovery/draft/over-changed-file", Fixture, NULL, fixture_set_up, test_draft_over_changed_file, fixture_tear_down);
  g_test_add ("/recovery/changed/merged", Fixture, NULL, fixture_set_up, test_changed_merged, fixture_tear_down);
  g_test_add ("/recovery/changed/conflict", Fixture, NULL, fixture_set_up, test_changed_conflict, fixture_tear_down);
  g_test_add ("/recovery/changed/keep-mine", Fixture, NULL, fixture_set_up, test_changed_keep_mine, fixture_tear_down);
  g_test_add ("/recovery/changed/unmodified-reload", Fixture, NULL, fixture_set_up, test_changed_unmodified_reload, fixture_tear_down);
  g_test_add ("/recovery/changed/removed", Fixture, NULL, fixture_set_up, test_removed, fixture_tear_down);
  g_test_add ("/recovery/save-fails-keeps-edits", Fixture, NULL, fixture_set_up, test_save_fails_keeps_edits, fixture_tear_down);
  g_test_add ("/recovery/review-changes", Fixture, NULL, fixture_set_up, test_review_changes, fixture_tear_down);
  g_test_add_func ("/recovery/no-store", test_no_store);

  return g_test_run ();
}
