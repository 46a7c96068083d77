/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utime.h>

#include "curator-model.h"

#include "curator-test-utils.h"

/* Crash-safe replacement of a file, and each way a save can fail: the
 * file must be exactly as it was, no temporary file left, and the message
 * must say what is wrong. tests/model/meson.build runs this in a private
 * user and mount namespace, where it may mount a small tmpfs. */

typedef struct
{
  char  *dir;
  char  *path;
  GFile *file;
} Fixture;

static const char old_text[] = "---\ntitle: Old\n---\nbody\n";
static const char new_text[] = "---\ntitle: New and longer\n---\nbody\n";

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("curator-safe-file-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "item.md", NULL);
  g_file_set_contents (fixture->path, old_text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (fixture->path, 0640), ==, 0);
  fixture->file = g_file_new_for_path (fixture->path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_chmod (fixture->dir, 0700);
  curator_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_object_unref (fixture->file);
}

static void
assert_contents (const char *path,
                 const char *expected)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, expected);
}

/* Nothing but @expected_names in @dir: no temporary file left. */
static void
assert_only (const char *dir,
             guint       n_expected,
             ...)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  va_list args;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, g_strdup (name));

  va_start (args, n_expected);
  for (guint i = 0; i < n_expected; i++)
    {
      const char *expected = va_arg (args, const char *);
      guint index;

      if (!g_ptr_array_find_with_equal_func (names, expected, g_str_equal, &index))
        g_error ("%s is missing from %s", expected, dir);
      g_ptr_array_remove_index (names, index);
    }
  va_end (args);

  if (names->len > 0)
    g_error ("%s is left in %s", (const char *)g_ptr_array_index (names, 0), dir);
}

static gboolean
replace (GFile       *file,
         const char  *text,
         GBytes      *expected,
         GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));

  return curator_safe_file_replace (file, bytes, expected, NULL, error);
}

static void
test_replace (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GBytes) old_bytes = g_bytes_new_static (old_text, strlen (old_text));
  g_autoptr(GError) error = NULL;
  GStatBuf buf;

  g_assert_true (replace (fixture->file, new_text, old_bytes, &error));
  g_assert_no_error (error);
  assert_contents (fixture->path, new_text);
  assert_only (fixture->dir, 1, "item.md");

  /* Its permissions are kept. */
  g_assert_cmpint (g_stat (fixture->path, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 07777, ==, 0640);

  /* The file no longer holds the old bytes: it is not replaced, even
   * when it changed within the same tick of the file system's clock. */
  g_assert_false (replace (fixture->file, old_text, old_bytes, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG);
  assert_contents (fixture->path, new_text);
  assert_only (fixture->dir, 1, "item.md");
}

static void
test_new_file (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "new.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GStatBuf buf;
  mode_t mask = umask (022);

  umask (mask);
  g_assert_true (replace (file, new_text, NULL, &error));
  g_assert_no_error (error);
  assert_contents (path, new_text);
  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0666 & ~mask);
  assert_only (fixture->dir, 2, "item.md", "new.md");
}

/* A link stays a link: the file it names is replaced. */
static void
test_symlink (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *link = g_build_filename (fixture->dir, "link.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (link);
  g_autoptr(GError) error = NULL;
  GStatBuf buf;

  g_assert_cmpint (symlink ("item.md", link), ==, 0);
  g_assert_true (replace (file, new_text, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_lstat (link, &buf), ==, 0);
  g_assert_true (S_ISLNK (buf.st_mode));
  assert_contents (fixture->path, new_text);
  assert_only (fixture->dir, 2, "item.md", "link.md");
}

static void
assert_refused (Fixture    *fixture,
                GIOErrorEnum code,
                const char *message)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (replace (fixture->file, new_text, NULL, &error));
  g_test_message ("%s", error->message);
  g_assert_error (error, G_IO_ERROR, (gint) code);
  if (strstr (error->message, message) == NULL)
    g_error ("“%s” does not say “%s”", error->message, message);
}

static void
test_read_only_file (Fixture       *fixture,
                     gconstpointer  data)
{
  g_assert_cmpint (g_chmod (fixture->path, 0444), ==, 0);
  assert_refused (fixture, G_IO_ERROR_PERMISSION_DENIED, "the file is read-only");
  assert_contents (fixture->path, old_text);
  assert_only (fixture->dir, 1, "item.md");
}

static void
test_read_only_folder (Fixture       *fixture,
                       gconstpointer  data)
{
  g_assert_cmpint (g_chmod (fixture->dir, 0555), ==, 0);
  assert_refused (fixture, G_IO_ERROR_PERMISSION_DENIED, "is read-only");
  g_assert_cmpint (g_chmod (fixture->dir, 0700), ==, 0);
  assert_contents (fixture->path, old_text);
  assert_only (fixture->dir, 1, "item.md");
}

static void
test_folder_removed (Fixture       *fixture,
                     gconstpointer  data)
{
  curator_test_remove_tree (fixture->dir);
  assert_refused (fixture, G_IO_ERROR_NOT_FOUND, "no longer exists");
  g_assert_cmpint (g_mkdir (fixture->dir, 0700), ==, 0);
}

static void
test_replaced_by_folder (Fixture       *fixture,
                         gconstpointer  data)
{
  g_assert_cmpint (g_unlink (fixture->path), ==, 0);
  g_assert_cmpint (g_mkdir (fixture->path, 0755), ==, 0);
  assert_refused (fixture, G_IO_ERROR_IS_DIRECTORY, "is a folder now");
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_IS_DIR));
}

/* A file system too small for the new bytes: a tmpfs of 16 KiB. */
static void
test_disk_full (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *mount_point = g_build_filename (fixture->dir, "small", NULL);
  g_autofree char *path = g_build_filename (mount_point, "item.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GString) large = g_string_new ("---\ntitle: Large\n---\n");
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (mount_point, 0700), ==, 0);
  if (mount ("curator-test", mount_point, "tmpfs", 0, "size=16k") != 0)
    {
      curator_test_skip_missing ("user-namespaces", "cannot mount a small tmpfs (%s): run this test "
                                 "through meson, which runs it under unshare(1)", g_strerror (errno));
      return;
    }

  g_file_set_contents (path, old_text, -1, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 2000; i++)
    g_string_append (large, "A paragraph of a body that does not fit.\n");
  g_assert_false (replace (file, large->str, NULL, &error));
  g_test_message ("%s", error->message);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_nonnull (strstr (error->message, "the disk is full"));
  assert_contents (path, old_text);
  assert_only (mount_point, 1, "item.md");

  g_assert_cmpint (umount (mount_point), ==, 0);
}

static void
test_temporary_names (void)
{
  g_assert_true (curator_safe_file_is_temporary (".item.md.curator-a1B2c3~"));
  g_assert_false (curator_safe_file_is_temporary ("item.md"));
  g_assert_false (curator_safe_file_is_temporary (".item.md.curator-a1B2c3"));
  g_assert_false (curator_safe_file_is_temporary ("item.md.curator-a1B2c3~"));
  g_assert_false (curator_safe_file_is_temporary (".curator-a1B2c3~"));
  g_assert_false (curator_safe_file_is_temporary (".item.md~"));
}

/* Leftovers of a crash go once they are a minute old; a younger one may
 * be another save in progress, and other files stay. */
static void
test_clean_leftovers (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *names[] = { ".item.md.curator-OLD123~", ".item.md.curator-NEW123~", ".item.md~", "notes.curator-OLD123~" };
  g_autoptr(GFile) folder = g_file_new_for_path (fixture->dir);
  gint64 hour_ago = g_get_real_time () / G_USEC_PER_SEC - 3600;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (fixture->dir, names[i], NULL);
      struct utimbuf times = { hour_ago, hour_ago };

      g_assert_true (g_file_set_contents (path, "x", 1, NULL));
      if (strstr (names[i], "NEW") == NULL)
        g_assert_cmpint (g_utime (path, &times), ==, 0);
    }

  g_assert_cmpuint (curator_safe_file_clean_leftovers (folder, NULL), ==, 1);
  assert_only (fixture->dir, 4, "item.md", ".item.md.curator-NEW123~", ".item.md~", "notes.curator-OLD123~");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/safe-file/replace", test_replace);
  ADD ("/safe-file/new-file", test_new_file);
  ADD ("/safe-file/symlink", test_symlink);
  ADD ("/safe-file/fails/read-only-file", test_read_only_file);
  ADD ("/safe-file/fails/read-only-folder", test_read_only_folder);
  ADD ("/safe-file/fails/folder-removed", test_folder_removed);
  ADD ("/safe-file/fails/replaced-by-folder", test_replaced_by_folder);
  ADD ("/safe-file/fails/disk-full", test_disk_full);
  ADD ("/safe-file/clean-leftovers", test_clean_leftovers);
#undef ADD
  g_test_add_func ("/safe-file/temporary-names", test_temporary_names);

  return g_test_run ();
}
