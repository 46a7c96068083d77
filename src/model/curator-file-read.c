/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-file-read"

#include "config.h"

#include <glib/gi18n.h>

#include "curator-error.h"
#include "curator-file-read.h"

/* Reads of this size: few system calls on large files. */
#define READ_BLOCK (64 * 1024)

static GBytes *
read_file (GFile         *file,
           gsize          max_size,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GByteArray) buffer = NULL;
  gsize expected = 0;

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;

  /* Sized once for what the file holds now; it may still grow. */
  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable, NULL);
  if (info != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE))
    expected = (gsize) MAX (g_file_info_get_size (info), 0);
  if (max_size > 0)
    expected = MIN (expected, max_size + 1);
  buffer = g_byte_array_sized_new ((guint) MIN (expected + 1, G_MAXUINT));

  for (;;)
    {
      guint before = buffer->len;
      gssize n;

      g_byte_array_set_size (buffer, before + READ_BLOCK);
      n = g_input_stream_read (G_INPUT_STREAM (stream), buffer->data + before, READ_BLOCK, cancellable, error);
      if (n < 0)
        return NULL;
      g_byte_array_set_size (buffer, before + (guint) n);
      if (n == 0)
        break;
      if (max_size > 0 && buffer->len > max_size)
        {
          g_autofree char *name = g_file_get_parse_name (file);
          g_autofree char *limit = g_format_size (max_size);

          g_set_error (error, CURATOR_ERROR, CURATOR_ERROR_TOO_LARGE,
                       /* Translators: %s are a file's name, then a size such as "20.0 MB". */
                       _("%s: the file is larger than %s"), name, limit);
          return NULL;
        }
    }

  if (!g_input_stream_close (G_INPUT_STREAM (stream), cancellable, error))
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

static void
read_file_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GError *error = NULL;
  GBytes *bytes = read_file (G_FILE (source_object), GPOINTER_TO_SIZE (task_data), cancellable, &error);

  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

void
curator_file_read_async (GFile               *file,
                         gsize                max_size,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (file, cancellable, callback, user_data);
  g_task_set_source_tag (task, curator_file_read_async);
  g_task_set_task_data (task, GSIZE_TO_POINTER (max_size), NULL);
  g_task_run_in_thread (task, read_file_thread);
}

GBytes *
curator_file_read_finish (GFile         *file,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (g_task_is_valid (result, file), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
