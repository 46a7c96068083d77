/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "curator-model.h"

#include "curator-test-utils.h"

/* A document's file changed behind its back is reported once per new
 * state, within a second; the document's own saves are not reported. */

typedef struct
{
  char             *dir;
  char             *path;
  CuratorDocument  *document;
  CuratorFileWatch *watch;
  GPtrArray        *reports;   /* GBytes, or NULL for "gone" */
} Fixture;

static void
changed_on_disk_cb (CuratorFileWatch *watch,
                    GBytes           *bytes,
                    Fixture          *fixture)
{
  g_ptr_array_add (fixture->reports, bytes != NULL ? g_bytes_ref (bytes) : NULL);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;

  fixture->dir = g_dir_make_tmp ("curator-watch-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "item.md", NULL);
  g_file_set_contents (fixture->path, "---\ntitle: One\n---\n", -1, &error);
  g_assert_no_error (error);

  file = g_file_new_for_path (fixture->path);
  fixture->document = curator_document_new (file);
  g_assert_true (curator_document_load (fixture->document, NULL, &error));
  fixture->watch = curator_file_watch_new (fixture->document);
  fixture->reports = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_signal_connect (fixture->watch, "changed-on-disk", G_CALLBACK (changed_on_disk_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->watch);
  g_assert_finalize_object (fixture->document);
  g_ptr_array_unref (fixture->reports);
  curator_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

typedef struct
{
  Fixture *fixture;
  guint    count;
} Reports;

static gboolean
has_reports (gpointer data)
{
  Reports *reports = data;

  return reports->fixture->reports->len >= reports->count;
}

static void
wait_for_report (Fixture    *fixture,
                 guint       count,
                 const char *expected)
{
  Reports reports = { fixture, count };
  GBytes *bytes;

  curator_test_wait_for (has_reports, &reports, "a change on disk to be reported");
  g_assert_cmpuint (fixture->reports->len, ==, count);
  bytes = g_ptr_array_index (fixture->reports, count - 1);
  if (expected == NULL)
    g_assert_null (bytes);
  else
    g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), expected, strlen (expected));
}

static void
write_file (Fixture    *fixture,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (fixture->path, text, -1, &error);
  g_assert_no_error (error);
}

static void
test_outside_changes (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* Another program writes the file (a rename over it, as editors do). */
  write_file (fixture, "---\ntitle: Two\n---\n");
  wait_for_report (fixture, 1, "---\ntitle: Two\n---\n");

  /* The same bytes again are not a new change; the next change is. */
  write_file (fixture, "---\ntitle: Two\n---\n");
  write_file (fixture, "---\ntitle: Three\n---\n");
  wait_for_report (fixture, 2, "---\ntitle: Three\n---\n");

  /* Removed. */
  g_assert_cmpint (g_unlink (fixture->path), ==, 0);
  wait_for_report (fixture, 3, NULL);

  /* Written in place, as `echo >` does. */
  {
    FILE *f = fopen (fixture->path, "w");

    g_assert_nonnull (f);
    fputs ("---\ntitle: Four\n---\n", f);
    fclose (f);
  }
  wait_for_report (fixture, 4, "---\ntitle: Four\n---\n");

  /* A folder in its place: gone too. */
  g_assert_cmpint (g_unlink (fixture->path), ==, 0);
  g_assert_cmpint (g_mkdir (fixture->path, 0755), ==, 0);
  wait_for_report (fixture, 5, NULL);
  g_assert_cmpint (g_rmdir (fixture->path), ==, 0);
  (void) error;
}

/* The document's own saves are not changes on disk: the next report is
 * the outside change that follows them. */
static void
test_own_saves (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *title = g_strdup_printf ("Saved %u", i);

      g_assert_true (curator_document_set_value (fixture->document, "title", title, CURATOR_SCALAR_AUTO, &error));
      g_assert_true (curator_document_save (fixture->document, NULL, CURATOR_SAVE_FLAGS_NONE, NULL, &error));
      g_assert_no_error (error);
    }
  write_file (fixture, "---\ntitle: Outside\n---\n");
  wait_for_report (fixture, 1, "---\ntitle: Outside\n---\n");
}

/* A change taken in (the disk state set) is no longer a change, and the
 * next save writes over it without refusing. */
static void
test_taken_in (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GBytes) disk = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (fixture->path);
  gsize length;

  g_assert_true (curator_document_set_value (fixture->document, "title", "Mine", CURATOR_SCALAR_AUTO, &error));
  write_file (fixture, "---\ntitle: Theirs\n---\n");
  wait_for_report (fixture, 1, "---\ntitle: Theirs\n---\n");

  /* Before it is taken in, saving refuses to overwrite it. */
  g_assert_false (curator_document_save (fixture->document, NULL, CURATOR_SAVE_FLAGS_NONE, NULL, &error));
  g_assert_error (error, CURATOR_ERROR, CURATOR_ERROR_MODIFIED_ON_DISK);
  g_clear_error (&error);

  g_assert_true (g_file_load_contents (file, NULL, &contents, &length, NULL, &error));
  disk = g_bytes_new_take (g_steal_pointer (&contents), length);
  curator_document_set_disk_state (fixture->document, disk);
  g_assert_true (curator_document_get_modified (fixture->document));
  g_assert_true (curator_document_save (fixture->document, NULL, CURATOR_SAVE_FLAGS_NONE, NULL, &error));
  g_assert_no_error (error);

  write_file (fixture, "---\ntitle: Later\n---\n");
  wait_for_report (fixture, 2, "---\ntitle: Later\n---\n");
}

/* Save As: the new file is watched. */
static void
test_save_as (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *other = g_build_filename (fixture->dir, "other.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (other);
  g_autoptr(GError) error = NULL;

  g_assert_true (curator_document_save (fixture->document, file, CURATOR_SAVE_FLAGS_NONE, NULL, &error));
  g_assert_no_error (error);
  write_file (fixture, "---\ntitle: Old file\n---\n");
  g_file_set_contents (other, "---\ntitle: New file\n---\n", -1, &error);
  g_assert_no_error (error);
  wait_for_report (fixture, 1, "---\ntitle: New file\n---\n");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/file-watch/outside-changes", test_outside_changes);
  ADD ("/file-watch/own-saves", test_own_saves);
  ADD ("/file-watch/taken-in", test_taken_in);
  ADD ("/file-watch/save-as", test_save_as);
#undef ADD

  return g_test_run ();
}
