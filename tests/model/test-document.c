/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "curator-model.h"

#define SAMPLE_URI "resource:///io/github/curator_editor/Curator/sample/curated-item.md"

/* Helpers */

typedef struct
{
  char  *dir;
  GFile *file;
  char  *text;   /* what the file holds at the start */
} Fixture;

static char *
test_data_text (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "model", "data", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  return contents;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("curator-test-document-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->text = test_data_text ("medigy-curated-content.md");
  path = g_build_filename (fixture->dir, "item.md", NULL);
  g_assert_true (g_file_set_contents (path, fixture->text, -1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);
  fixture->file = g_file_new_for_path (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_clear_object (&fixture->file);
  g_free (fixture->dir);
  g_free (fixture->text);
}

static char *
file_text (GFile *file)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_load_contents (file, NULL, &contents, NULL, NULL, &error));
  g_assert_no_error (error);
  return contents;
}

static char *
document_text (CuratorDocument *document)
{
  g_autoptr(GBytes) bytes = curator_document_serialize (document);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static CuratorDocument *
document_from_text (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  CuratorDocument *document = curator_document_new (NULL);
  gboolean ok = curator_document_load_from_bytes (document, bytes, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
  return document;
}

static void
set_ok (CuratorDocument *document,
        const char      *key_path,
        const char      *value)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = curator_document_set_value (document, key_path, value, CURATOR_SCALAR_AUTO, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
}

static void
store_result (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static guint
file_mode (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  GStatBuf buf;

  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  return buf.st_mode & 07777;
}

static guint
count_files (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* Loading and saving */

static void
test_load_save_async (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(CuratorDocument) doc = curator_document_new (fixture->file);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *on_disk = NULL;
  gboolean ok;

  curator_document_load_async (doc, NULL, store_result, &result);
  ok = curator_document_load_finish (doc, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_clear_object (&result);

  g_assert_true (curator_document_get_editable (doc));
  g_assert_null (curator_document_get_load_error (doc));
  g_assert_false (curator_document_get_modified (doc));
  g_assert_cmpstr (curator_document_get_title (doc), ==, "Top Interoperability Challenges Facing Care Organizations");
  g_assert_cmpint (curator_document_get_front_matter_kind (doc), ==, CURATOR_FRONT_MATTER_YAML);

  set_ok (doc, "title", "Interoperability Challenges");
  g_assert_true (curator_document_get_modified (doc));
  g_assert_cmpstr (curator_document_get_title (doc), ==, "Interoperability Challenges");

  curator_document_save_async (doc, NULL, CURATOR_SAVE_FLAGS_NONE, NULL, store_result, &result);
  ok = curator_document_save_finish (doc, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_true (ok);

  /* Only the title line changed on disk; the mode and the folder too
   * (no temporary or backup file left behind). */
  on_disk = file_text (fixture->file);
  expected = g_strdup (fixture->text);
  {
    const char *old_line = "title: Top Interoperability Challenges Facing Care Organizations\n";
    const char *at = strstr (expected, old_line);
    g_autofree char *rebuilt = NULL;

    g_assert_nonnull (at);
    rebuilt = g_strdup_printf ("%.*stitle: Interoperability Challenges\n%s",
                               (int) (at - expected), expected, at + strlen (old_line));
    g_assert_cmpstr (on_disk, ==, rebuilt);
  }
  g_assert_cmpuint (file_mode (fixture->file), ==, 0640);
  g_assert_cmpuint (count_files (fixture->dir), ==, 1);
  g_assert_false (curator_document_get_modified (doc));

  /* A no-op save writes the same bytes. */
  g_assert_true (curator_document_save (doc, NULL, CURATOR_SAVE_FLAGS_NONE, NULL, &error));
  g_assert_no_error (error);
  g_free (expected);
  expected = file_text (fixture->file);
  g_assert_cmpstr (expected, ==, on_disk);
}

static void
test_load_cancelled (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(CuratorDocument) doc = curator_document_new (fixture->file);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  curator_document_load_async (doc, cancellable, store_result, &result);
  g_assert_false (curator_document_load_finish (doc, wait_for (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (curator_document_get_editable (doc));
}

static void
test_modified_on_disk (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(CuratorDocument) doc = curator_document_new (fixture->file);
  g_autoptr(GError) error = NULL;
  g_autofree char *on_disk = NULL;
  const char *other = "---\ntitle: Changed by someone else\n---\n";

  g_assert_true (curator_document_load (doc, NULL, &error));
  g_assert_no_error (error);
  set_ok (doc, "id", "1");

  /* Another program rewrites the file at once: within the same tick of
   * the file system's clock, so only the bytes tell. */
  g_assert_true (g_file_replace_contents (fixture->file, other, strlen (other), NULL, FALSE,
                                          G_FILE_CREATE_NONE, NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_false (curator_document_save (doc, NULL, CURATOR_SAVE_FLAGS_NONE, NULL, &error));
  g_assert_error (error, CURATOR_ERROR, CURATOR_ERROR_MODIFIED_ON_DISK);
  g_clear_error (&error);
  on_disk = file_text (fixture->file);
  g_assert_cmpstr (on_disk, ==, other);
  g_assert_true (curator_document_get_modified (doc));

  /* The user said to overwrite. */
  g_assert_true (curator_document_save (doc, NULL, CURATOR_SAVE_FLAGS_IGNORE_MODIFIED_ON_DISK, NULL, &error));
  g_assert_no_error (error);
  g_free (on_disk);
  on_disk = file_text (fixture->file);
  g_assert_nonnull (strstr (on_disk, "\nid: 1\n"));
  g_assert_false (curator_document_get_modified (doc));
}

static void
test_save_as (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(CuratorDocument) doc = curator_document_new (fixture->file);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "copy.md", NULL);
  g_autoptr(GFile) copy = g_file_new_for_path (path);
  g_autofree char *original = NULL;
  g_autofree char *copied = NULL;
  g_autofree char *expected = NULL;

  g_assert_true (curator_document_load (doc, NULL, &error));
  g_assert_no_error (error);
  set_ok (doc, "status", "draft");
  g_assert_true (curator_document_save (doc, copy, CURATOR_SAVE_FLAGS_NONE, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_equal (curator_document_get_file (doc), copy));
  g_assert_false (curator_document_get_modified (doc));
  original = file_text (fixture->file);
  g_assert_cmpstr (original, ==, fixture->text);
  copied = file_text (copy);
  expected = document_text (doc);
  g_assert_cmpstr (copied, ==, expected);
}

static void
test_resource (void)
{
  g_autoptr(GFile) file = g_file_new_for_uri (SAMPLE_URI);
  g_autoptr(CuratorDocument) doc = curator_document_new (file);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) copy = NULL;
  g_autofree char *copied = NULL;
  g_autofree char *expected = NULL;

  g_assert_true (curator_document_load (doc, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (curator_document_get_editable (doc));
  g_assert_cmpstr (curator_document_get_title (doc), ==,
                   "How Remote Patient Monitoring Cuts Readmissions for Heart Failure Patients");

  set_ok (doc, "title", "Remote Monitoring");
  /* A resource cannot be written: a clean error, the edit kept. */
  g_assert_false (curator_document_save (doc, NULL, CURATOR_SAVE_FLAGS_NONE, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("saving to a resource: %s", error->message);
  g_clear_error (&error);
  g_assert_true (curator_document_get_modified (doc));

  /* Save As works. */
  dir = g_dir_make_tmp ("curator-test-resource-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "sample.md", NULL);
  copy = g_file_new_for_path (path);
  g_assert_true (curator_document_save (doc, copy, CURATOR_SAVE_FLAGS_NONE, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (curator_document_get_modified (doc));
  copied = file_text (copy);
  expected = document_text (doc);
  g_assert_cmpstr (copied, ==, expected);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_load_refused (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(CuratorDocument) doc = curator_document_new (fixture->file);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) binary = g_bytes_new ("---\na: \0\n---\n", 13);
  g_autoptr(GBytes) invalid = g_bytes_new ("---\na: \xff\n---\n", 13);
  g_autofree char *text = NULL;

  g_assert_true (curator_document_load (doc, NULL, &error));
  g_assert_no_error (error);

  /* Binary and invalid UTF-8 fail with line and column; nothing is kept. */
  g_assert_false (curator_document_load_from_bytes (doc, binary, &error));
  g_assert_error (error, CURATOR_ERROR, CURATOR_ERROR_BINARY);
  g_assert_nonnull (strstr (error->message, "line 2, column 4"));
  g_clear_error (&error);
  g_assert_false (curator_document_load_from_bytes (doc, invalid, &error));
  g_assert_error (error, CURATOR_ERROR, CURATOR_ERROR_INVALID_UTF8);
  g_assert_nonnull (strstr (error->message, "line 2, column 4"));
  g_clear_error (&error);
  text = document_text (doc);
  g_assert_cmpstr (text, ==, fixture->text);
  g_assert_true (curator_document_get_editable (doc));

  /* Through a file, the message names it. */
  g_assert_true (g_file_replace_contents (fixture->file, "---\na: \0\n---\n", 13, NULL, FALSE,
                                          G_FILE_CREATE_NONE, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (curator_document_load (doc, NULL, &error));
  g_assert_error (error, CURATOR_ERROR, CURATOR_ERROR_BINARY);
  g_assert_nonnull (strstr (error->message, "item.md"));
}

/* The async load refuses as the sync one does, and keeps what the
 * document held. */
static void
test_load_async_refused (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(CuratorDocument) doc = curator_document_new (fixture->file);
  g_autoptr(GFile) folder = g_file_get_parent (fixture->file);
  g_autoptr(GFile) missing = g_file_get_child (folder, "missing.md");
  g_autoptr(CuratorDocument) nowhere = curator_document_new (missing);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  curator_document_load_async (nowhere, NULL, store_result, &result);
  g_assert_false (curator_document_load_finish (nowhere, wait_for (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "missing.md"));
  g_assert_false (curator_document_get_editable (nowhere));
  g_clear_error (&error);
  g_clear_object (&result);

  curator_document_load_async (doc, NULL, store_result, &result);
  g_assert_true (curator_document_load_finish (doc, wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  g_assert_true (g_file_replace_contents (fixture->file, "---\na: \xff\n---\n", 13, NULL, FALSE,
                                          G_FILE_CREATE_NONE, NULL, NULL, &error));
  g_assert_no_error (error);
  curator_document_load_async (doc, NULL, store_result, &result);
  g_assert_false (curator_document_load_finish (doc, wait_for (&result), &error));
  g_assert_error (error, CURATOR_ERROR, CURATOR_ERROR_INVALID_UTF8);
  g_assert_nonnull (strstr (error->message, "item.md: line 2, column 4"));
  g_clear_error (&error);
  g_clear_object (&result);

  /* Cancelled while the file is read: nothing changes either. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    curator_document_load_async (doc, cancellable, store_result, &result);
    g_cancellable_cancel (cancellable);
    g_assert_false (curator_document_load_finish (doc, wait_for (&result), &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
  }

  text = document_text (doc);
  g_assert_cmpstr (text, ==, fixture->text);
  g_assert_true (curator_document_get_editable (doc));
  g_assert_false (curator_document_get_modified (doc));
}

/* Undo, redo, signals */

typedef struct
{
  GPtrArray *paths;
  guint      n_title;
  guint      n_modified;
} Recorder;

static void
on_changed (CuratorDocument *doc,
            const char      *key_path,
            Recorder        *recorder)
{
  g_ptr_array_add (recorder->paths, g_strdup (key_path));
}

static void
on_title_changed (CuratorDocument *doc,
                  const char      *key_path,
                  Recorder        *recorder)
{
  recorder->n_title++;
}

static void
on_notify_modified (CuratorDocument *doc,
                    GParamSpec      *pspec,
                    Recorder        *recorder)
{
  recorder->n_modified++;
}

static void
test_undo_redo (void)
{
  g_autofree char *text = test_data_text ("medigy-curated-offering.md");
  g_autoptr(CuratorDocument) doc = document_from_text (text);
  g_autofree char *edited = NULL;
  g_autofree char *now = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (curator_document_get_can_undo (doc));
  set_ok (doc, "title", "A: new title");
  g_assert_true (curator_document_unset (doc, "breadcrumbs[2]", &error));
  g_assert_true (curator_document_insert_item (doc, "author", 1, "bob", CURATOR_SCALAR_AUTO, &error));
  g_assert_true (curator_document_set_json (doc, "featuredImage.size", "[1, 2]", &error));
  g_assert_no_error (error);
  edited = document_text (doc);
  g_assert_true (curator_document_get_can_undo (doc));
  g_assert_true (curator_document_get_modified (doc));

  while (curator_document_undo (doc))
    ;
  now = document_text (doc);
  g_assert_cmpstr (now, ==, text);
  g_assert_false (curator_document_get_modified (doc));
  g_assert_false (curator_document_get_can_undo (doc));
  g_assert_true (curator_document_get_can_redo (doc));

  while (curator_document_redo (doc))
    ;
  g_free (now);
  now = document_text (doc);
  g_assert_cmpstr (now, ==, edited);
  g_assert_true (curator_document_get_modified (doc));
  g_assert_false (curator_document_get_can_redo (doc));

  /* A new edit drops the redo stack. */
  g_assert_true (curator_document_undo (doc));
  set_ok (doc, "id", "7");
  g_assert_false (curator_document_get_can_redo (doc));

  /* Editing a value back by hand is not a modification either. */
  {
    g_autoptr(CuratorDocument) other = document_from_text (text);

    set_ok (other, "id", "1");
    set_ok (other, "id", "2760");
    g_assert_false (curator_document_get_modified (other));
    g_assert_true (curator_document_get_can_undo (other));
  }
}

static void
test_user_action (void)
{
  g_autoptr(CuratorDocument) doc = document_from_text ("---\na: 1\nb: 2\n---\n");
  g_autofree char *now = NULL;

  curator_document_begin_user_action (doc);
  set_ok (doc, "a", "10");
  curator_document_begin_user_action (doc);
  set_ok (doc, "a", "100");
  curator_document_end_user_action (doc);
  set_ok (doc, "b", "20");
  curator_document_end_user_action (doc);
  set_ok (doc, "b", "200");

  g_assert_true (curator_document_undo (doc));
  now = document_text (doc);
  g_assert_cmpstr (now, ==, "---\na: 100\nb: 20\n---\n");
  g_assert_true (curator_document_undo (doc));
  g_free (now);
  now = document_text (doc);
  g_assert_cmpstr (now, ==, "---\na: 1\nb: 2\n---\n");
  g_assert_false (curator_document_undo (doc));
  g_assert_true (curator_document_redo (doc));
  g_free (now);
  now = document_text (doc);
  g_assert_cmpstr (now, ==, "---\na: 100\nb: 20\n---\n");
}

typedef struct
{
  GPtrArray *told;   /* the key paths "changed" gave, in order */
  gboolean   edited;
} EditWhenTold;

/* A view that writes when told of a change (a row committing what was
 * typed in it), here on the first one. */
static void
edit_when_told_cb (CuratorDocument *document,
                   const char      *key_path,
                   EditWhenTold    *edit)
{
  g_ptr_array_add (edit->told, g_strdup (key_path));
  if (!edit->edited)
    {
      edit->edited = TRUE;
      set_ok (document, "b", "30");
    }
}

/* An edit made while an undo tells of its changes empties the redo stack
 * that holds them: every change is still told, and the edit stands. */
static void
test_edit_while_undo_told (void)
{
  g_autoptr(CuratorDocument) doc = document_from_text ("---\na: 1\nb: 2\n---\n");
  g_autoptr(GPtrArray) told = g_ptr_array_new_with_free_func (g_free);
  EditWhenTold edit = { told, FALSE };
  g_autofree char *now = NULL;

  curator_document_begin_user_action (doc);
  set_ok (doc, "a", "10");
  set_ok (doc, "b", "20");
  curator_document_end_user_action (doc);

  g_signal_connect (doc, "changed", G_CALLBACK (edit_when_told_cb), &edit);
  g_assert_true (curator_document_undo (doc));

  /* The undone group's two changes, last first, the edit's in between. */
  g_assert_cmpuint (told->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (told, 0), ==, "b");
  g_assert_cmpstr (g_ptr_array_index (told, 1), ==, "b");
  g_assert_cmpstr (g_ptr_array_index (told, 2), ==, "a");
  now = document_text (doc);
  g_assert_cmpstr (now, ==, "---\na: 1\nb: 30\n---\n");
  g_assert_false (curator_document_get_can_redo (doc));
  g_assert_true (curator_document_get_can_undo (doc));
}

static void
test_signals (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(CuratorDocument) doc = curator_document_new (fixture->file);
  g_autoptr(GError) error = NULL;
  Recorder recorder = { g_ptr_array_new_with_free_func (g_free), 0, 0 };

  g_assert_true (curator_document_load (doc, NULL, &error));
  g_assert_no_error (error);
  g_signal_connect (doc, "changed", G_CALLBACK (on_changed), &recorder);
  g_signal_connect (doc, "changed::title", G_CALLBACK (on_title_changed), &recorder);
  g_signal_connect (doc, "notify::modified", G_CALLBACK (on_notify_modified), &recorder);

  set_ok (doc, "featuredImage.size[0]", "800");
  g_assert_cmpuint (recorder.n_title, ==, 0);
  g_assert_cmpuint (recorder.n_modified, ==, 1);
  set_ok (doc, "title", "T");
  g_assert_cmpuint (recorder.n_title, ==, 1);
  curator_document_set_body (doc, "<p>new body</p>\n");
  g_assert_true (curator_document_undo (doc));
  g_assert_true (curator_document_undo (doc));
  g_assert_cmpuint (recorder.n_title, ==, 2);
  /* Setting a value a node already has changes nothing and says nothing. */
  set_ok (doc, "id", "3389");

  g_assert_cmpuint (recorder.paths->len, ==, 5);
  g_assert_cmpstr (g_ptr_array_index (recorder.paths, 0), ==, "featuredImage.size[0]");
  g_assert_cmpstr (g_ptr_array_index (recorder.paths, 1), ==, "title");
  g_assert_cmpstr (g_ptr_array_index (recorder.paths, 2), ==, CURATOR_DOCUMENT_BODY_PATH);
  g_assert_cmpstr (g_ptr_array_index (recorder.paths, 3), ==, CURATOR_DOCUMENT_BODY_PATH);
  g_assert_cmpstr (g_ptr_array_index (recorder.paths, 4), ==, "title");

  /* Saving clears "modified". */
  g_assert_true (curator_document_save (doc, NULL, CURATOR_SAVE_FLAGS_NONE, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (curator_document_get_modified (doc));
  g_assert_cmpuint (recorder.n_modified, ==, 2);

  /* Undo past the save point is a modification again. */
  g_assert_true (curator_document_undo (doc));
  g_assert_true (curator_document_get_modified (doc));
  g_assert_true (curator_document_redo (doc));
  g_assert_false (curator_document_get_modified (doc));

  g_signal_handlers_disconnect_by_data (doc, &recorder);
  g_ptr_array_unref (recorder.paths);
}

/* Front matter that cannot be edited */

static void
test_not_editable (void)
{
  struct {
    const char             *text;
    CuratorFrontMatterKind  kind;
    CuratorError            code;
  } cases[] = {
    { "+++\ntitle = 'x'\n+++\nbody\n", CURATOR_FRONT_MATTER_TOML, CURATOR_ERROR_UNSUPPORTED_FORMAT },
    { "{\n  \"title\": \"x\"\n}\nbody\n", CURATOR_FRONT_MATTER_JSON, CURATOR_ERROR_UNSUPPORTED_FORMAT },
    { "---\ntitle: [x\n---\nbody\n", CURATOR_FRONT_MATTER_YAML, CURATOR_ERROR_PARSE },
    { "---\ntitle: a\ntitle: b\n---\nbody\n", CURATOR_FRONT_MATTER_YAML, CURATOR_ERROR_DUPLICATE_KEY },
    { "---\n- a\n---\nbody\n", CURATOR_FRONT_MATTER_YAML, CURATOR_ERROR_NOT_EDITABLE },
    { "<p>no front matter</p>\n", CURATOR_FRONT_MATTER_NONE, CURATOR_ERROR_NO_FRONT_MATTER },
    { "---\ntitle: x\n", CURATOR_FRONT_MATTER_NONE, CURATOR_ERROR_UNTERMINATED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CuratorDocument) doc = document_from_text (cases[i].text);
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      const GError *load_error = curator_document_get_load_error (doc);

      g_test_message ("case %u: %s", i, load_error ? load_error->message : "(none)");
      g_assert_false (curator_document_get_editable (doc));
      g_assert_cmpint (curator_document_get_front_matter_kind (doc), ==, cases[i].kind);
      g_assert_error ((GError *) load_error, CURATOR_ERROR, (int) cases[i].code);
      g_assert_nonnull (strstr (load_error->message, "line "));
      g_assert_false (curator_document_set_value (doc, "title", "y", CURATOR_SCALAR_AUTO, &error));
      g_assert_error (error, CURATOR_ERROR, CURATOR_ERROR_NOT_EDITABLE);
      text = document_text (doc);
      g_assert_cmpstr (text, ==, cases[i].text);
      g_assert_false (curator_document_get_modified (doc));
    }
}

static void
test_fix_front_matter (void)
{
  g_autoptr(CuratorDocument) doc = document_from_text ("---\ntitle: [x\n---\nbody\n");
  g_autofree char *front_matter = curator_document_dup_front_matter_text (doc);
  g_autofree char *text = NULL;
  Recorder recorder = { g_ptr_array_new_with_free_func (g_free), 0, 0 };

  g_assert_cmpstr (front_matter, ==, "title: [x\n");
  g_signal_connect (doc, "changed", G_CALLBACK (on_changed), &recorder);

  curator_document_set_front_matter_text (doc, "title: x\n");
  g_assert_true (curator_document_get_editable (doc));
  g_assert_null (curator_document_get_load_error (doc));
  g_assert_cmpstr (curator_document_get_title (doc), ==, "x");
  g_assert_cmpuint (recorder.paths->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (recorder.paths, 0), ==, "");
  set_ok (doc, "title", "fixed");
  text = document_text (doc);
  g_assert_cmpstr (text, ==, "---\ntitle: fixed\n---\nbody\n");

  g_assert_true (curator_document_undo (doc));
  g_assert_true (curator_document_undo (doc));
  g_assert_false (curator_document_get_editable (doc));
  g_assert_false (curator_document_get_modified (doc));

  g_signal_handlers_disconnect_by_data (doc, &recorder);
  g_ptr_array_unref (recorder.paths);
}

static void
test_add_front_matter (void)
{
  g_autoptr(CuratorDocument) doc = document_from_text ("<p>body</p>\r\n");
  g_autofree char *body = curator_document_dup_body (doc);
  g_autofree char *text = NULL;

  g_assert_false (curator_document_get_editable (doc));
  g_assert_cmpstr (body, ==, "<p>body</p>\r\n");
  g_assert_cmpstr (curator_document_get_title (doc), ==, "Untitled");

  curator_document_set_front_matter_text (doc, "title: New");
  g_assert_true (curator_document_get_editable (doc));
  text = document_text (doc);
  g_assert_cmpstr (text, ==, "---\r\ntitle: New\r\n---\r\n<p>body</p>\r\n");
  g_assert_cmpstr (curator_document_get_title (doc), ==, "New");

  /* An unterminated front matter is all body; a fixed one goes in front. */
  {
    g_autoptr(CuratorDocument) broken = document_from_text ("---\ntitle: x\n");
    g_autofree char *fixed = NULL;

    g_assert_false (curator_document_get_editable (broken));
    curator_document_set_front_matter_text (broken, "title: y\n");
    g_assert_true (curator_document_get_editable (broken));
    fixed = document_text (broken);
    g_assert_cmpstr (fixed, ==, "---\ntitle: y\n---\n---\ntitle: x\n");
    g_assert_true (curator_document_undo (broken));
    g_assert_false (curator_document_get_editable (broken));
  }
}

static void
test_add_empty_front_matter (void)
{
  g_autoptr(CuratorDocument) doc = document_from_text ("\xef\xbb\xbf<p>body</p>\r\n");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *undone = NULL;
  Recorder recorder = { g_ptr_array_new_with_free_func (g_free), 0, 0 };

  g_signal_connect (doc, "changed", G_CALLBACK (on_changed), &recorder);
  g_assert_true (curator_document_add_front_matter (doc, &error));
  g_assert_no_error (error);

  /* After the byte order mark, in the file's line ending; editable, and
   * the whole front matter changed. */
  text = document_text (doc);
  g_assert_cmpstr (text, ==, "\xef\xbb\xbf---\r\n---\r\n<p>body</p>\r\n");
  g_assert_true (curator_document_get_editable (doc));
  g_assert_cmpint (curator_document_get_front_matter_kind (doc), ==, CURATOR_FRONT_MATTER_YAML);
  g_assert_cmpuint (recorder.paths->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (recorder.paths, 0), ==, "");
  set_ok (doc, "title", "New");
  g_free (text);
  text = document_text (doc);
  g_assert_cmpstr (text, ==, "\xef\xbb\xbf---\r\ntitle: New\r\n---\r\n<p>body</p>\r\n");

  /* Once is enough. */
  g_assert_false (curator_document_add_front_matter (doc, &error));
  g_assert_error (error, CURATOR_ERROR, CURATOR_ERROR_NOT_EDITABLE);
  g_clear_error (&error);

  /* An undoable edit. */
  g_assert_true (curator_document_undo (doc));
  g_assert_true (curator_document_undo (doc));
  undone = document_text (doc);
  g_assert_cmpstr (undone, ==, "\xef\xbb\xbf<p>body</p>\r\n");
  g_assert_false (curator_document_get_editable (doc));
  g_assert_false (curator_document_get_modified (doc));

  /* Not over a front matter, broken or not. */
  {
    static const char *refused[] = { "---\ntitle: x\n", "---\ntitle: [x\n---\n", "+++\ntitle = 1\n+++\n", "---\na: 1\n---\n" };

    for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
      {
        g_autoptr(CuratorDocument) other = document_from_text (refused[i]);
        g_autofree char *unchanged = NULL;

        g_assert_false (curator_document_add_front_matter (other, &error));
        g_assert_error (error, CURATOR_ERROR, CURATOR_ERROR_NOT_EDITABLE);
        g_clear_error (&error);
        unchanged = document_text (other);
        g_assert_cmpstr (unchanged, ==, refused[i]);
      }
  }

  g_signal_handlers_disconnect_by_data (doc, &recorder);
  g_ptr_array_unref (recorder.paths);
}

static void
test_body (void)
{
  g_autoptr(CuratorDocument) doc = document_from_text ("---\ntitle: T\n---\n<p>old</p>\n");
  g_autofree char *body = curator_document_dup_body (doc);
  g_autofree char *text = NULL;

  g_assert_cmpstr (body, ==, "<p>old</p>\n");
  curator_document_set_body (doc, "<p>new</p>");
  text = document_text (doc);
  g_assert_cmpstr (text, ==, "---\ntitle: T\n---\n<p>new</p>");
  g_assert_true (curator_document_get_modified (doc));
  /* Front matter edits still work after a body edit. */
  set_ok (doc, "title", "U");
  g_free (text);
  text = document_text (doc);
  g_assert_cmpstr (text, ==, "---\ntitle: U\n---\n<p>new</p>");
  g_assert_true (curator_document_undo (doc));
  g_assert_true (curator_document_undo (doc));
  g_free (text);
  text = document_text (doc);
  g_assert_cmpstr (text, ==, "---\ntitle: T\n---\n<p>old</p>\n");
  g_assert_false (curator_document_get_modified (doc));
}

/* A file that ends with its closing delimiter and no line ending: a body
 * typed or set after it starts on a line of its own (found by the model
 * fuzzer), the front matter stays closed, and one undo takes both back. */
static void
test_body_after_last_line (void)
{
  const char *files[] = { "---\ntitle: T\n---", "---\r\ntitle: T\r\n---\t", "+++\ntitle = \"T\"\n+++" };
  const char *expected[] = { "---\ntitle: T\n---\n<p>b</p>", "---\r\ntitle: T\r\n---\t\r\n<p>b</p>",
                             "+++\ntitle = \"T\"\n+++\n<p>b</p>" };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    for (guint splice = 0; splice < 2; splice++)
      {
        g_autoptr(CuratorDocument) doc = document_from_text (files[i]);
        g_autofree char *text = NULL;
        g_autofree char *body = NULL;
        gboolean editable = curator_document_get_editable (doc);

        if (splice)
          curator_document_replace_body (doc, 0, 0, "<p>b</p>", -1);
        else
          curator_document_set_body (doc, "<p>b</p>");
        text = document_text (doc);
        g_assert_cmpstr (text, ==, expected[i]);
        body = curator_document_dup_body (doc);
        g_assert_cmpstr (body, ==, "<p>b</p>");
        g_assert_cmpint (curator_document_get_editable (doc), ==, editable);

        g_assert_true (curator_document_undo (doc));
        g_free (text);
        text = document_text (doc);
        g_assert_cmpstr (text, ==, files[i]);
        g_assert_false (curator_document_get_modified (doc));
        g_assert_false (curator_document_undo (doc));
      }
}

/* Typing in the body: each keystroke is its own change, undo and redo walk
 * them back and forth, and front matter edits in between see the body as
 * it is at that moment. */
static void
test_body_keystrokes (void)
{
  g_autoptr(CuratorDocument) doc = document_from_text ("---\ntitle: T\n---\n<p></p>\n");
  const char *typed[] = { "<p>a</p>\n", "<p>ab</p>\n", "<p>abc</p>\n", "<p>bc</p>\n" };
  g_autofree char *text = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      g_autofree char *body = NULL;

      curator_document_begin_user_action (doc);
      curator_document_set_body (doc, typed[i]);
      curator_document_end_user_action (doc);
      body = curator_document_dup_body (doc);
      g_assert_cmpstr (body, ==, typed[i]);
    }

  g_assert_true (curator_document_undo (doc));
  g_assert_true (curator_document_undo (doc));
  text = document_text (doc);
  g_assert_cmpstr (text, ==, "---\ntitle: T\n---\n<p>ab</p>\n");

  g_assert_true (curator_document_redo (doc));
  set_ok (doc, "title", "Longer title");
  g_free (text);
  text = document_text (doc);
  g_assert_cmpstr (text, ==, "---\ntitle: Longer title\n---\n<p>abc</p>\n");

  curator_document_set_body (doc, "<p>abcd</p>\n");
  g_assert_cmpstr (curator_node_get_value (curator_document_lookup (doc, "title", NULL)), ==, "Longer title");
  g_assert_true (curator_document_undo (doc));
  g_assert_true (curator_document_undo (doc));
  g_free (text);
  text = document_text (doc);
  g_assert_cmpstr (text, ==, "---\ntitle: T\n---\n<p>abc</p>\n");
  while (curator_document_undo (doc))
    ;
  g_free (text);
  text = document_text (doc);
  g_assert_cmpstr (text, ==, "---\ntitle: T\n---\n<p></p>\n");
  g_assert_false (curator_document_get_modified (doc));
}

/* An edit at one place of the body: only those bytes change, it undoes
 * like any other, and an edit that would cut a character is refused. */
static void
test_replace_body (void)
{
  g_autoptr(CuratorDocument) doc = document_from_text ("---\ntitle: T\n---\r\n<p>caf\xc3\xa9 ol\xc3\xa9</p>\r\n");
  g_autofree char *text = NULL;
  g_autofree char *body = NULL;

  /* After the first "é": insert, then replace the second word. */
  curator_document_replace_body (doc, 8, 0, " au lait", -1);
  curator_document_replace_body (doc, 17, 4, "\xe2\x80\x94 ole!", 7);
  text = document_text (doc);
  g_assert_cmpstr (text, ==, "---\ntitle: T\n---\r\n<p>caf\xc3\xa9 au lait \xe2\x80\x94 ole</p>\r\n");
  curator_document_replace_body (doc, 0, 0, "", 0);
  g_assert_true (curator_document_undo (doc));
  g_free (text);
  text = document_text (doc);
  g_assert_cmpstr (text, ==, "---\ntitle: T\n---\r\n<p>caf\xc3\xa9 au lait ol\xc3\xa9</p>\r\n");

  /* Inside "é", and past the end: refused, nothing changes. */
  g_test_expect_message ("curator-document", G_LOG_LEVEL_CRITICAL, "*0xC0*");
  g_test_expect_message ("curator-document", G_LOG_LEVEL_CRITICAL, "*offset <= body_length*");
  curator_document_replace_body (doc, 7, 0, "x", -1);
  curator_document_replace_body (doc, 200, 0, "x", -1);
  g_test_assert_expected_messages ();
  body = curator_document_dup_body (doc);
  g_assert_cmpstr (body, ==, "<p>caf\xc3\xa9 au lait ol\xc3\xa9</p>\r\n");

  while (curator_document_undo (doc))
    ;
  g_assert_false (curator_document_get_modified (doc));
}

static void
test_title (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(CuratorDocument) doc = document_from_text ("---\nid: 1\n---\n");

  g_assert_cmpstr (curator_document_get_title (doc), ==, "Untitled");
  curator_document_set_file (doc, fixture->file);
  g_assert_cmpstr (curator_document_get_title (doc), ==, "item.md");
  set_ok (doc, "title", "Named");
  g_assert_cmpstr (curator_document_get_title (doc), ==, "Named");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/document/load-save-async", Fixture, NULL, fixture_set_up, test_load_save_async, fixture_tear_down);
  g_test_add ("/document/load-cancelled", Fixture, NULL, fixture_set_up, test_load_cancelled, fixture_tear_down);
  g_test_add ("/document/modified-on-disk", Fixture, NULL, fixture_set_up, test_modified_on_disk, fixture_tear_down);
  g_test_add ("/document/save-as", Fixture, NULL, fixture_set_up, test_save_as, fixture_tear_down);
  g_test_add ("/document/load-refused", Fixture, NULL, fixture_set_up, test_load_refused, fixture_tear_down);
  g_test_add ("/document/load-async-refused", Fixture, NULL, fixture_set_up, test_load_async_refused, fixture_tear_down);
  g_test_add ("/document/signals", Fixture, NULL, fixture_set_up, test_signals, fixture_tear_down);
  g_test_add ("/document/title", Fixture, NULL, fixture_set_up, test_title, fixture_tear_down);
  g_test_add_func ("/document/resource", test_resource);
  g_test_add_func ("/document/undo-redo", test_undo_redo);
  g_test_add_func ("/document/user-action", test_user_action);
  g_test_add_func ("/document/edit-while-undo-told", test_edit_while_undo_told);
  g_test_add_func ("/document/not-editable", test_not_editable);
  g_test_add_func ("/document/fix-front-matter", test_fix_front_matter);
  g_test_add_func ("/document/add-front-matter", test_add_front_matter);
  g_test_add_func ("/document/add-empty-front-matter", test_add_empty_front_matter);
  g_test_add_func ("/document/body", test_body);
  g_test_add_func ("/document/body-after-last-line", test_body_after_last_line);
  g_test_add_func ("/document/body-keystrokes", test_body_keystrokes);
  g_test_add_func ("/document/replace-body", test_replace_body);

  return g_test_run ();
}
