/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <utime.h>

#include "curator-model.h"

#include "curator-test-utils.h"

/* Drafts: the whole file as the edits left it, kept outside the content
 * folder, restored into a document as one undoable edit, and told apart
 * when the file changed on disk since. */

typedef struct
{
  char              *dir;
  char              *path;
  GFile             *file;
  CuratorDraftStore *store;
  CuratorDocument   *document;
} Fixture;

static const char original[] = "---\ntitle: Old title\ntags:\n- a\n---\n<p>Body</p>\n";

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *drafts = NULL;
  g_autofree char *content = NULL;
  g_autoptr(GFile) folder = NULL;

  fixture->dir = g_dir_make_tmp ("curator-drafts-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "content", "item.md", NULL);
  content = g_path_get_dirname (fixture->path);
  g_assert_cmpint (g_mkdir (content, 0755), ==, 0);
  g_file_set_contents (fixture->path, original, -1, &error);
  g_assert_no_error (error);
  fixture->file = g_file_new_for_path (fixture->path);

  drafts = g_build_filename (fixture->dir, "data", "curator", "drafts", NULL);
  folder = g_file_new_for_path (drafts);
  fixture->store = curator_draft_store_new (folder);
  fixture->document = curator_document_new (fixture->file);
  g_assert_true (curator_document_load (fixture->document, NULL, &error));
  g_assert_no_error (error);
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->document);
  /* A draft written in a thread: the thread's task lets go of the store
   * a moment after its callback ran. */
  g_object_add_weak_pointer (G_OBJECT (fixture->store), (gpointer *) &fixture->store);
  g_object_unref (fixture->store);
  curator_test_wait_for (is_null, &fixture->store, "the draft store to be finalized");
  g_object_unref (fixture->file);
  curator_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static void
set_ok (CuratorDocument *document,
        const char      *key_path,
        const char      *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (curator_document_set_value (document, key_path, value, CURATOR_SCALAR_AUTO, &error));
  g_assert_no_error (error);
}

static GBytes *
disk_bytes (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return NULL;
  return g_bytes_new_take (g_steal_pointer (&contents), length);
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *id = curator_draft_store_id_for (fixture->document);
  g_autofree char *same_id = curator_draft_store_id_for (fixture->document);
  g_autoptr(CuratorDraft) draft = NULL;
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GBytes) disk = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CuratorDocument) restored = NULL;

  /* One id per file, and nothing written next to the content. */
  g_assert_cmpstr (id, ==, same_id);
  set_ok (fixture->document, "title", "New title");
  curator_document_set_body (fixture->document, "<p>Edited body</p>\n");
  g_assert_true (curator_draft_store_save (fixture->store, id, fixture->document, &error));
  g_assert_no_error (error);
  {
    g_autofree char *content = g_path_get_dirname (fixture->path);
    g_autoptr(GDir) dir = g_dir_open (content, 0, NULL);

    g_assert_cmpstr (g_dir_read_name (dir), ==, "item.md");
    g_assert_null (g_dir_read_name (dir));
  }

  draft = curator_draft_store_load (fixture->store, id, &error);
  g_assert_no_error (error);
  expected = curator_document_serialize (fixture->document);
  g_assert_true (g_bytes_equal (curator_draft_get_bytes (draft), expected));
  g_assert_true (g_file_equal (curator_draft_get_file (draft), fixture->file));
  g_assert_cmpstr (curator_draft_get_id (draft), ==, id);
  g_assert_nonnull (curator_draft_get_written (draft));

  /* The file has not changed since the edits started. */
  disk = disk_bytes (fixture->path);
  g_assert_false (curator_draft_base_differs (draft, disk));

  /* Restored into a fresh document: modified, one undo back to disk. */
  restored = curator_document_new (fixture->file);
  g_assert_true (curator_document_load (restored, NULL, &error));
  g_assert_true (curator_document_replace_all (restored, curator_draft_get_bytes (draft), &error));
  g_assert_no_error (error);
  g_assert_true (curator_document_get_modified (restored));
  g_assert_cmpstr (curator_document_get_title (restored), ==, "New title");
  g_assert_true (curator_document_undo (restored));
  g_assert_false (curator_document_get_modified (restored));
  g_assert_false (curator_document_undo (restored));

  /* Saved: the draft goes. */
  g_assert_true (curator_draft_store_discard (fixture->store, id, &error));
  g_assert_null (curator_draft_store_load (fixture->store, id, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (curator_draft_store_discard (fixture->store, id, &error));
  g_assert_no_error (error);
}

/* The file changed on disk after the edits started: the draft says so. */
static void
test_base_differs (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *id = curator_draft_store_id_for (fixture->document);
  g_autoptr(CuratorDraft) draft = NULL;
  g_autoptr(GBytes) disk = NULL;
  g_autoptr(GError) error = NULL;

  set_ok (fixture->document, "title", "Mine");
  g_assert_true (curator_draft_store_save (fixture->store, id, fixture->document, &error));
  g_file_set_contents (fixture->path, "---\ntitle: Theirs\n---\n", -1, &error);
  g_assert_no_error (error);

  draft = curator_draft_store_load (fixture->store, id, &error);
  g_assert_no_error (error);
  disk = disk_bytes (fixture->path);
  g_assert_true (curator_draft_base_differs (draft, disk));
  /* Removed counts as changed too. */
  g_assert_true (curator_draft_base_differs (draft, NULL));
}

/* A refused file (TOML front matter) edited as text, and a document with
 * no file: their drafts hold the whole text. */
static void
test_refused_and_new (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char toml_text[] = "+++\ntitle = \"x\"\n+++\nbody\n";
  g_autoptr(GBytes) toml = g_bytes_new_static (toml_text, strlen (toml_text));
  g_autoptr(CuratorDocument) refused = curator_document_new (fixture->file);
  g_autoptr(CuratorDocument) fresh = curator_document_new (NULL);
  g_autofree char *refused_id = NULL;
  g_autofree char *fresh_id = NULL;
  g_autofree char *other_id = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (curator_document_load_from_bytes (refused, toml, &error));
  g_assert_false (curator_document_get_editable (refused));
  curator_document_set_body (refused, "edited body\n");
  refused_id = curator_draft_store_id_for (refused);
  g_assert_true (curator_draft_store_save (fixture->store, refused_id, refused, &error));
  g_assert_no_error (error);

  curator_document_set_front_matter_text (fresh, "title: New\n");
  fresh_id = curator_draft_store_id_for (fresh);
  other_id = curator_draft_store_id_for (fresh);
  g_assert_cmpstr (fresh_id, !=, other_id);
  g_usleep (20 * 1000);
  g_assert_true (curator_draft_store_save (fixture->store, fresh_id, fresh, &error));
  g_assert_no_error (error);

  drafts = curator_draft_store_list (fixture->store);
  g_assert_cmpuint (drafts->len, ==, 2);
  {
    CuratorDraft *first = g_ptr_array_index (drafts, 0);
    CuratorDraft *second = g_ptr_array_index (drafts, 1);
    g_autoptr(GBytes) refused_bytes = curator_document_serialize (refused);
    g_autoptr(GBytes) fresh_bytes = curator_document_serialize (fresh);

    g_assert_cmpstr (curator_draft_get_id (first), ==, refused_id);
    g_assert_true (g_bytes_equal (curator_draft_get_bytes (first), refused_bytes));
    g_assert_cmpstr (curator_draft_get_id (second), ==, fresh_id);
    g_assert_null (curator_draft_get_file (second));
    g_assert_true (g_bytes_equal (curator_draft_get_bytes (second), fresh_bytes));
    g_assert_false (curator_draft_base_differs (second, NULL));
  }
}

/* A damaged draft and a write cut short are skipped, never restored. */
static void
test_damaged (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *folder = g_file_get_path (curator_draft_store_get_folder (fixture->store));
  g_autofree char *damaged = g_build_filename (folder, "0123abcd.draft", NULL);
  g_autofree char *leftover = g_build_filename (folder, ".0123abcd.draft.curator-AbCdEf~", NULL);
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GError) error = NULL;
  struct utimbuf old = { 1000000000, 1000000000 };

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_file_set_contents (damaged, "Curator draft 1\nfile: \n", -1, &error);
  g_file_set_contents (leftover, "Curator draft 1\nfile: \nbase: x\n\nhalf", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_utime (leftover, &old), ==, 0);

  g_test_expect_message ("curator-draft-store", G_LOG_LEVEL_MESSAGE, "*0123abcd is damaged*");
  drafts = curator_draft_store_list (fixture->store);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (drafts->len, ==, 0);
  g_assert_false (g_file_test (leftover, G_FILE_TEST_EXISTS));
  g_assert_null (curator_draft_store_load (fixture->store, "0123abcd", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

/* Written in a thread, as the window does a few seconds after an edit. */
static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (curator_draft_store_save_finish (CURATOR_DRAFT_STORE (object), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *id = curator_draft_store_id_for (fixture->document);
  g_autoptr(CuratorDraft) draft = NULL;
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;

  set_ok (fixture->document, "tags[0]", "b");
  curator_draft_store_save_async (fixture->store, id, fixture->document, NULL, saved_cb, &done);
  /* Edits after the call do not reach this draft. */
  expected = curator_document_serialize (fixture->document);
  set_ok (fixture->document, "tags[0]", "c");
  curator_test_wait_for (is_true, &done, "the draft to be written");

  draft = curator_draft_store_load (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (curator_draft_get_bytes (draft), expected));
}

static gboolean
draft_settled (gpointer data)
{
  return !curator_draft_keeper_get_pending (data);
}

static gboolean
has_draft (Fixture    *fixture,
           const char *id,
           GBytes     *expected)
{
  g_autoptr(CuratorDraft) draft = curator_draft_store_load (fixture->store, id, NULL);

  return draft != NULL && (expected == NULL || g_bytes_equal (curator_draft_get_bytes (draft), expected));
}

/* A few seconds after the last edit the draft is written; saving or
 * undoing every edit removes it. */
static void
test_keeper (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *id = curator_draft_store_id_for (fixture->document);
  g_autoptr(CuratorDraftKeeper) keeper = curator_draft_keeper_new (fixture->store, fixture->document, id);
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GError) error = NULL;

  curator_draft_keeper_set_delay (keeper, 50);
  g_assert_false (curator_draft_keeper_get_pending (keeper));

  /* A burst of edits: one draft, with the last of them. */
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *title = g_strdup_printf ("Title %u", i);

      set_ok (fixture->document, "title", title);
      g_assert_true (curator_draft_keeper_get_pending (keeper));
    }
  g_assert_false (has_draft (fixture, id, NULL));
  curator_test_wait_for (draft_settled, keeper, "the draft to be written");
  expected = curator_document_serialize (fixture->document);
  g_assert_true (has_draft (fixture, id, expected));

  /* Every edit undone: the document is as on disk, no draft. */
  while (curator_document_undo (fixture->document))
    ;
  g_assert_false (has_draft (fixture, id, NULL));

  /* Saved: no draft. */
  set_ok (fixture->document, "title", "Saved title");
  curator_test_wait_for (draft_settled, keeper, "the draft to be written");
  g_assert_true (has_draft (fixture, id, NULL));
  g_assert_true (curator_document_save (fixture->document, NULL, CURATOR_SAVE_FLAGS_NONE, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (has_draft (fixture, id, NULL));

  /* Thrown away: no draft, and none for later edits. */
  set_ok (fixture->document, "title", "Thrown away");
  curator_draft_keeper_flush (keeper);
  g_assert_true (has_draft (fixture, id, NULL));
  curator_draft_keeper_discard (keeper);
  g_assert_false (has_draft (fixture, id, NULL));
  set_ok (fixture->document, "title", "After discarding");
  g_assert_false (curator_draft_keeper_get_pending (keeper));
}

/* Edits not yet written when the keeper goes (the window moves to
 * another file) are written then. */
static void
test_keeper_dispose (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *id = curator_draft_store_id_for (fixture->document);
  CuratorDraftKeeper *keeper = curator_draft_keeper_new (fixture->store, fixture->document, id);
  g_autoptr(GBytes) expected = NULL;

  set_ok (fixture->document, "title", "Unwritten edit");
  g_assert_true (curator_draft_keeper_get_pending (keeper));
  g_assert_finalize_object (keeper);
  expected = curator_document_serialize (fixture->document);
  g_assert_true (has_draft (fixture, id, expected));
}

/* A document whose file is not written yet: its draft is written at once
 * and kept without edits, and with edits undone; it goes once the file
 * is written and the keeper told so. */
static void
test_keeper_new_file (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *id = curator_draft_store_id_for (fixture->document);
  g_autoptr(CuratorDraftKeeper) keeper = curator_draft_keeper_new (fixture->store, fixture->document, id);
  g_autoptr(GBytes) unedited = curator_document_serialize (fixture->document);

  curator_draft_keeper_set_delay (keeper, 50);
  curator_draft_keeper_set_new_file (keeper, TRUE);
  curator_test_wait_for (draft_settled, keeper, "the draft to be written");
  g_assert_true (has_draft (fixture, id, unedited));

  set_ok (fixture->document, "title", "Edited");
  curator_test_wait_for (draft_settled, keeper, "the draft to be written");
  while (curator_document_undo (fixture->document))
    ;
  curator_test_wait_for (draft_settled, keeper, "the draft to be written");
  g_assert_true (has_draft (fixture, id, unedited));

  curator_draft_keeper_set_new_file (keeper, FALSE);
  curator_test_wait_for (draft_settled, keeper, "the keeper to settle");
  g_assert_false (has_draft (fixture, id, NULL));
}

static void
test_default_folder (void)
{
  g_autoptr(CuratorDraftStore) store = curator_draft_store_new (NULL);
  g_autofree char *path = g_file_get_path (curator_draft_store_get_folder (store));
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "curator", "drafts", NULL);

  g_assert_cmpstr (path, ==, expected);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/draft-store/round-trip", test_round_trip);
  ADD ("/draft-store/base-differs", test_base_differs);
  ADD ("/draft-store/refused-and-new", test_refused_and_new);
  ADD ("/draft-store/damaged", test_damaged);
  ADD ("/draft-store/async", test_async);
  ADD ("/draft-store/keeper", test_keeper);
  ADD ("/draft-store/keeper-new-file", test_keeper_new_file);
  ADD ("/draft-store/keeper-dispose", test_keeper_dispose);
#undef ADD
  g_test_add_func ("/draft-store/default-folder", test_default_folder);

  return g_test_run ();
}
