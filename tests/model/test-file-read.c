/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "curator-model.h"

typedef struct
{
  GAsyncResult *result;
} Wait;

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
}

/* Reads @file as the app does, waiting on the main loop. */
static GBytes *
read_file (GFile         *file,
           gsize          max_size,
           GCancellable  *cancellable,
           GError       **error)
{
  Wait wait = { NULL };
  GBytes *bytes;

  curator_file_read_async (file, max_size, cancellable, store_result, &wait);
  if (cancellable != NULL)
    g_cancellable_cancel (cancellable);
  while (wait.result == NULL)
    g_main_context_iteration (NULL, TRUE);
  bytes = curator_file_read_finish (file, wait.result, error);
  g_object_unref (wait.result);
  return bytes;
}

static GFile *
write_file (const char *dir,
            const char *name,
            const char *data,
            gsize       length)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, data, (gssize) length, &error));
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static void
test_read (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("curator-test-file-read-XXXXXX", &error);
  g_autofree char *large = g_malloc (3 * 1024 * 1024 + 7);
  g_autoptr(GFile) small = NULL;
  g_autoptr(GFile) empty = NULL;
  g_autoptr(GFile) big = NULL;
  g_autoptr(GFile) missing = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  g_assert_no_error (error);
  for (gsize i = 0; i < 3 * 1024 * 1024 + 7; i++)
    large[i] = (char) (i * 2654435761u >> 13);
  small = write_file (dir, "small.md", "---\ntitle: A\n---\n\0body", 22);
  empty = write_file (dir, "empty.md", "", 0);
  big = write_file (dir, "big.jpg", large, 3 * 1024 * 1024 + 7);
  missing = g_file_new_build_filename (dir, "missing.md", NULL);
  folder = g_file_new_for_path (dir);

  /* Every byte, NULs too. */
  bytes = read_file (small, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "---\ntitle: A\n---\n\0body", 22);
  g_clear_pointer (&bytes, g_bytes_unref);

  bytes = read_file (empty, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, 0);
  g_clear_pointer (&bytes, g_bytes_unref);

  /* Larger than a read block, and exactly at the limit. */
  bytes = read_file (big, 3 * 1024 * 1024 + 7, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), large, 3 * 1024 * 1024 + 7);
  g_clear_pointer (&bytes, g_bytes_unref);

  /* Over the limit by one byte: refused, with the file's name. */
  bytes = read_file (big, 3 * 1024 * 1024 + 6, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, CURATOR_ERROR, CURATOR_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "big.jpg"));
  g_clear_error (&error);

  bytes = read_file (missing, 0, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  bytes = read_file (folder, 0, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_clear_error (&error);

  bytes = read_file (big, 0, cancellable, &error);
  g_assert_null (bytes);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  g_assert_true (g_file_delete (small, NULL, NULL));
  g_assert_true (g_file_delete (empty, NULL, NULL));
  g_assert_true (g_file_delete (big, NULL, NULL));
  g_assert_true (g_file_delete (folder, NULL, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/file-read/read", test_read);

  return g_test_run ();
}
