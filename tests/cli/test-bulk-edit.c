/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The bulk edit engine against curator-cli: a field set (or removed) on
 * many Medigy files gives each file exactly the bytes `curator-cli set`
 * (or `unset`) gives a copy of it; refused files are listed and never
 * touched; undo restores every written file byte for byte; a file that
 * changed on disk in between is left alone. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "curator-model.h"

#include "curator-test-corpus.h"
#include "curator-test-utils.h"

typedef struct
{
  char      *dir;
  GFile     *edited;     /* the copies the bulk edit works on */
  GFile     *reference;  /* the copies curator-cli works on */
  GPtrArray *names;      /* relative paths, in both */
} Fixture;

static void
copy_file (const char *from,
           GFile      *to)
{
  g_autofree char *contents = NULL;
  g_autoptr(GFile) parent = g_file_get_parent (to);
  g_autoptr(GError) error = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (from, &contents, &length, &error));
  g_file_make_directory_with_parents (parent, NULL, NULL);
  g_file_replace_contents (to, contents, length, NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error);
  g_assert_no_error (error);
}

/* The curated items of one Medigy section: real files, as a curator
 * selects them in the library. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *section = curator_test_corpus_path ("medigy", "communities-of-practice",
                                                       "chronic-care-management", "content-auto",
                                                       "curated-content", NULL);
  g_autoptr(GPtrArray) files = curator_folder_index_list_files (section, NULL);

  fixture->dir = curator_test_make_private_dir ("curator-bulk-XXXXXX");
  fixture->edited = g_file_new_build_filename (fixture->dir, "edited", NULL);
  fixture->reference = g_file_new_build_filename (fixture->dir, "reference", NULL);
  fixture->names = g_ptr_array_new_with_free_func (g_free);

  g_assert_nonnull (files);
  g_assert_cmpuint (files->len, >=, 40);
  for (guint i = 0; i < files->len && fixture->names->len < 50; i++)
    {
      const char *name = g_ptr_array_index (files, i);
      g_autofree char *from = g_build_filename (section, name, NULL);
      g_autoptr(GFile) to_edited = g_file_resolve_relative_path (fixture->edited, name);
      g_autoptr(GFile) to_reference = g_file_resolve_relative_path (fixture->reference, name);

      copy_file (from, to_edited);
      copy_file (from, to_reference);
      g_ptr_array_add (fixture->names, g_strdup (name));
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  curator_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_object (&fixture->edited);
  g_clear_object (&fixture->reference);
  g_clear_pointer (&fixture->names, g_ptr_array_unref);
}

static GBytes *
read_bytes (GFile *file)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = g_file_load_bytes (file, NULL, NULL, &error);

  g_assert_no_error (error);
  return bytes;
}

static GFile *
child (GFile      *folder,
       const char *name)
{
  return g_file_resolve_relative_path (folder, name);
}

static void
run_cli (const char *first_arg,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;
  int status = 0;

  g_ptr_array_add (argv, (char *) CURATOR_CLI_PATH);
  va_start (args, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static CuratorBulkEdit *
bulk_edit_new (Fixture                  *fixture,
               CuratorBulkEditOperation  operation,
               const char               *key_path,
               const char               *value)
{
  CuratorBulkEdit *edit = curator_bulk_edit_new (fixture->edited, operation, key_path, value, FALSE);

  for (guint i = 0; i < fixture->names->len; i++)
    {
      g_autoptr(GFile) file = child (fixture->edited, g_ptr_array_index (fixture->names, i));

      curator_bulk_edit_add_file (edit, file);
    }
  return edit;
}

static void
assert_same_as_reference (Fixture *fixture)
{
  for (guint i = 0; i < fixture->names->len; i++)
    {
      const char *name = g_ptr_array_index (fixture->names, i);
      g_autoptr(GFile) edited = child (fixture->edited, name);
      g_autoptr(GFile) reference = child (fixture->reference, name);
      g_autoptr(GBytes) edited_bytes = read_bytes (edited);
      g_autoptr(GBytes) reference_bytes = read_bytes (reference);

      if (!g_bytes_equal (edited_bytes, reference_bytes))
        g_error ("%s differs from curator-cli's", name);
    }
}

/* Set a new field and change an existing one, as curator-cli set does;
 * then one undo puts every file back. */
static void
test_set_and_undo (Fixture       *fixture,
                   gconstpointer  data)
{
  const struct { const char *key_path, *value; } edits[] = {
    { "curator", "Jane Doé" },
    { "title", "A new title: with a colon" },
  };

  for (guint e = 0; e < G_N_ELEMENTS (edits); e++)
    {
      g_autoptr(CuratorBulkEdit) edit = bulk_edit_new (fixture, CURATOR_BULK_EDIT_SET, edits[e].key_path, edits[e].value);
      g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
      g_autoptr(GError) error = NULL;
      guint n = fixture->names->len;

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GFile) file = child (fixture->edited, g_ptr_array_index (fixture->names, i));

          g_ptr_array_add (before, read_bytes (file));
        }

      /* The review: diffs, and nothing written yet. */
      g_assert_true (curator_bulk_edit_prepare (edit, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (curator_bulk_edit_count (edit, CURATOR_BULK_EDIT_FILE_CHANGE), ==, n);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(CuratorBulkEditFile) file = g_list_model_get_item (curator_bulk_edit_get_files (edit), i);
          g_autoptr(GBytes) now = read_bytes (curator_bulk_edit_file_get_file (file));
          g_autofree char *header = g_strdup_printf ("--- %s\n+++ %s\n", (char *) g_ptr_array_index (fixture->names, i),
                                                     (char *) g_ptr_array_index (fixture->names, i));

          g_assert_true (g_str_has_prefix (curator_bulk_edit_file_get_diff (file), header));
          g_assert_nonnull (strstr (curator_bulk_edit_file_get_diff (file), edits[e].value));
          g_assert_true (g_bytes_equal (now, g_ptr_array_index (before, i)));
        }
      g_assert_false (curator_bulk_edit_get_can_undo (edit));

      g_assert_true (curator_bulk_edit_apply (edit, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (curator_bulk_edit_count (edit, CURATOR_BULK_EDIT_FILE_WRITTEN), ==, n);
      g_assert_true (curator_bulk_edit_get_can_undo (edit));

      for (guint i = 0; i < n; i++)
        {
          g_autofree char *path = g_build_filename (g_file_peek_path (fixture->reference),
                                                    (char *) g_ptr_array_index (fixture->names, i), NULL);

          run_cli ("set", path, edits[e].key_path, edits[e].value, NULL);
        }
      assert_same_as_reference (fixture);

      /* Undo: byte for byte what each file held. */
      g_assert_true (curator_bulk_edit_undo (edit, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (curator_bulk_edit_count (edit, CURATOR_BULK_EDIT_FILE_RESTORED), ==, n);
      g_assert_false (curator_bulk_edit_get_can_undo (edit));
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GFile) file = child (fixture->edited, g_ptr_array_index (fixture->names, i));
          g_autoptr(GBytes) now = read_bytes (file);

          g_assert_true (g_bytes_equal (now, g_ptr_array_index (before, i)));
        }

      /* The reference goes back too, for the next edit. */
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GFile) file = child (fixture->reference, g_ptr_array_index (fixture->names, i));
          GBytes *bytes = g_ptr_array_index (before, i);

          g_assert_true (g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                                  NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, NULL));
        }
    }
}

static void
test_remove (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(CuratorBulkEdit) edit = bulk_edit_new (fixture, CURATOR_BULK_EDIT_REMOVE, "description", NULL);
  g_autoptr(GError) error = NULL;
  guint n_changed = 0;

  g_assert_true (curator_bulk_edit_prepare (edit, NULL, &error));
  g_assert_true (curator_bulk_edit_apply (edit, NULL, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < fixture->names->len; i++)
    {
      g_autoptr(CuratorBulkEditFile) file = g_list_model_get_item (curator_bulk_edit_get_files (edit), i);
      g_autofree char *path = g_build_filename (g_file_peek_path (fixture->reference),
                                                (char *) g_ptr_array_index (fixture->names, i), NULL);

      /* A file without the field is left as it is (unset would fail). */
      if (curator_bulk_edit_file_get_state (file) == CURATOR_BULK_EDIT_FILE_UNCHANGED)
        continue;
      g_assert_cmpint (curator_bulk_edit_file_get_state (file), ==, CURATOR_BULK_EDIT_FILE_WRITTEN);
      run_cli ("unset", path, "description", NULL);
      n_changed++;
    }
  g_assert_cmpuint (n_changed, >, 0);
  assert_same_as_reference (fixture);
}

static void
write_text (GFile      *file,
            const char *text)
{
  g_assert_true (g_file_replace_contents (file, text, strlen (text), NULL, FALSE, G_FILE_CREATE_NONE,
                                          NULL, NULL, NULL));
}

static char *
read_text (GFile *file)
{
  g_autoptr(GBytes) bytes = read_bytes (file);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* Add to a list: made when missing or null, kept once, refused when the
 * field is not a list. Refused and unreadable files are never written. */
static void
test_add_and_refusals (Fixture       *fixture,
                       gconstpointer  data)
{
  const struct { const char *name, *before, *after; CuratorBulkEditFileState state; } cases[] = {
    { "has.md", "---\ntags:\n  - a\n  - care\n---\nbody\n", NULL, CURATOR_BULK_EDIT_FILE_UNCHANGED },
    { "append.md", "---\ntags:\n  - a\n---\n", "---\ntags:\n  - a\n  - care\n---\n", CURATOR_BULK_EDIT_FILE_WRITTEN },
    { "flow.md", "---\ntags: [a, b]\n---\n", "---\ntags: [a, b, care]\n---\n", CURATOR_BULK_EDIT_FILE_WRITTEN },
    /* A new list in the style the model writes for a file without one. */
    { "missing.md", "---\ntitle: T\n---\n", "---\ntitle: T\ntags:\n- care\n---\n", CURATOR_BULK_EDIT_FILE_WRITTEN },
    { "null.md", "---\ntags:\ntitle: T\n---\n", NULL, CURATOR_BULK_EDIT_FILE_WRITTEN },
    { "scalar.md", "---\ntags: care\n---\n", NULL, CURATOR_BULK_EDIT_FILE_REFUSED },
    { "toml.md", "+++\ntitle = 'T'\n+++\n", NULL, CURATOR_BULK_EDIT_FILE_REFUSED },
    { "broken.md", "---\ntitle: [\n---\n", NULL, CURATOR_BULK_EDIT_FILE_REFUSED },
    { "binary.md", "---\ntitle: \x01\x00\n---\n", NULL, CURATOR_BULK_EDIT_FILE_REFUSED },
    { "gone.md", NULL, NULL, CURATOR_BULK_EDIT_FILE_REFUSED },
    { "open.md", "---\ntitle: Open\n---\n", NULL, CURATOR_BULK_EDIT_FILE_REFUSED },
  };
  g_autoptr(GFile) folder = g_file_new_build_filename (fixture->dir, "add", NULL);
  g_autoptr(CuratorBulkEdit) edit = curator_bulk_edit_new (folder, CURATOR_BULK_EDIT_ADD, "tags", "care", FALSE);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_make_directory (folder, NULL, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GFile) file = child (folder, cases[i].name);

      if (cases[i].before != NULL)
        g_assert_true (g_file_replace_contents (file, cases[i].before,
                                                g_str_equal (cases[i].name, "binary.md") ? 18 : strlen (cases[i].before),
                                                NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, NULL));
      if (g_str_equal (cases[i].name, "open.md"))
        curator_bulk_edit_refuse_file (edit, file, "has unsaved changes");
      else
        curator_bulk_edit_add_file (edit, file);
    }

  g_assert_true (curator_bulk_edit_prepare (edit, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (curator_bulk_edit_count (edit, CURATOR_BULK_EDIT_FILE_CHANGE), ==, 4);
  g_assert_cmpuint (curator_bulk_edit_count (edit, CURATOR_BULK_EDIT_FILE_REFUSED), ==, 6);
  g_assert_true (curator_bulk_edit_apply (edit, NULL, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CuratorBulkEditFile) item = g_list_model_get_item (curator_bulk_edit_get_files (edit), i);
      g_autoptr(GFile) file = child (folder, cases[i].name);

      g_test_message ("%s: %s", cases[i].name,
                      curator_bulk_edit_file_get_error (item) ? curator_bulk_edit_file_get_error (item)->message : "ok");
      g_assert_cmpstr (curator_bulk_edit_file_get_label (item), ==, cases[i].name);
      g_assert_cmpint (curator_bulk_edit_file_get_state (item), ==, cases[i].state);
      if (cases[i].state == CURATOR_BULK_EDIT_FILE_REFUSED)
        {
          g_assert_nonnull (curator_bulk_edit_file_get_error (item));
          g_assert_null (curator_bulk_edit_file_get_diff (item));
        }
      if (cases[i].after != NULL)
        {
          g_autofree char *text = read_text (file);

          g_assert_cmpstr (text, ==, cases[i].after);
        }
      else if (cases[i].before != NULL && cases[i].state != CURATOR_BULK_EDIT_FILE_WRITTEN &&
               !g_str_equal (cases[i].name, "binary.md"))
        {
          g_autofree char *text = read_text (file);

          /* Refused or unchanged: the bytes it had. */
          g_assert_cmpstr (text, ==, cases[i].before);
        }
    }
  {
    g_autoptr(CuratorBulkEditFile) scalar = g_list_model_get_item (curator_bulk_edit_get_files (edit), 5);
    g_autoptr(CuratorBulkEditFile) open = g_list_model_get_item (curator_bulk_edit_get_files (edit), 10);

    g_assert_cmpstr (curator_bulk_edit_file_get_error (scalar)->message, ==, "“tags” is not a list");
    g_assert_cmpstr (curator_bulk_edit_file_get_error (open)->message, ==, "has unsaved changes");
  }
}

/* A file changed on disk between the review and the write is not
 * overwritten; one changed after the write is not undone. The others are. */
static void
test_changed_on_disk (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(CuratorBulkEdit) edit = bulk_edit_new (fixture, CURATOR_BULK_EDIT_SET, "curator", "Jane");
  g_autoptr(GFile) first = child (fixture->edited, g_ptr_array_index (fixture->names, 0));
  g_autoptr(GFile) second = child (fixture->edited, g_ptr_array_index (fixture->names, 1));
  g_autoptr(GError) error = NULL;
  g_autofree char *first_text = NULL;
  g_autofree char *second_text = NULL;
  guint n = fixture->names->len;

  g_assert_true (curator_bulk_edit_prepare (edit, NULL, &error));
  write_text (first, "---\ntitle: Someone else's\n---\n");

  g_assert_false (curator_bulk_edit_apply (edit, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==, "1 file could not be written");
  g_clear_error (&error);
  g_assert_cmpuint (curator_bulk_edit_count (edit, CURATOR_BULK_EDIT_FILE_FAILED), ==, 1);
  g_assert_cmpuint (curator_bulk_edit_count (edit, CURATOR_BULK_EDIT_FILE_WRITTEN), ==, n - 1);
  first_text = read_text (first);
  g_assert_cmpstr (first_text, ==, "---\ntitle: Someone else's\n---\n");

  second_text = g_strdup ("---\ntitle: Edited after\n---\n");
  write_text (second, second_text);
  g_assert_false (curator_bulk_edit_undo (edit, NULL, &error));
  g_assert_cmpstr (error->message, ==, "1 file could not be restored");
  g_assert_cmpuint (curator_bulk_edit_count (edit, CURATOR_BULK_EDIT_FILE_RESTORED), ==, n - 2);
  {
    g_autofree char *text = read_text (second);

    g_assert_cmpstr (text, ==, second_text);
  }
}

static void
prepared_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (curator_bulk_edit_prepare_finish (CURATOR_BULK_EDIT (source), result, &error));
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
  g_autoptr(CuratorBulkEdit) edit = bulk_edit_new (fixture, CURATOR_BULK_EDIT_SET, "curator", "Jane");
  gboolean done = FALSE;

  curator_bulk_edit_prepare_async (edit, NULL, prepared_cb, &done);
  /* Nothing changes before the step is done. */
  g_assert_cmpuint (curator_bulk_edit_count (edit, CURATOR_BULK_EDIT_FILE_PENDING), ==, fixture->names->len);
  curator_test_wait_for (is_true, &done, "the review");
  g_assert_cmpuint (curator_bulk_edit_count (edit, CURATOR_BULK_EDIT_FILE_CHANGE), ==, fixture->names->len);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/bulk-edit/set-and-undo", Fixture, NULL, fixture_set_up, test_set_and_undo, fixture_tear_down);
  g_test_add ("/bulk-edit/remove", Fixture, NULL, fixture_set_up, test_remove, fixture_tear_down);
  g_test_add ("/bulk-edit/add-and-refusals", Fixture, NULL, fixture_set_up, test_add_and_refusals, fixture_tear_down);
  g_test_add ("/bulk-edit/changed-on-disk", Fixture, NULL, fixture_set_up, test_changed_on_disk, fixture_tear_down);
  g_test_add ("/bulk-edit/async", Fixture, NULL, fixture_set_up, test_async, fixture_tear_down);

  return g_test_run ();
}
