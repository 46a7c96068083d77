/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-drop-data"

#include "config.h"

#include "curator-drop-data.h"

#include "curator-charset.h"
#include "curator-image-info.h"
#include "curator-page-fetcher.h"

#include <string.h>

G_DEFINE_BOXED_TYPE (CuratorDropData, curator_drop_data, curator_drop_data_copy, curator_drop_data_free)

/* Each group is read once, in the first of its formats the source has. */
static const char * const format_groups[][8] = {
  { "text/uri-list", NULL },
  { "text/x-moz-url", "_NETSCAPE_URL", NULL },
  { "text/html", NULL },
  { "text/plain;charset=utf-8", "UTF8_STRING", "text/plain", NULL },
  { "image/png", "image/jpeg", "image/webp", "image/gif", "image/bmp", "image/tiff", NULL },
  { "application/octet-stream", NULL },
};

static const char * const mime_types[] = {
  "text/uri-list", "text/x-moz-url", "_NETSCAPE_URL", "text/html",
  "text/plain;charset=utf-8", "UTF8_STRING", "text/plain",
  "image/png", "image/jpeg", "image/webp", "image/gif", "image/bmp", "image/tiff",
  "application/octet-stream", NULL,
};

const char * const *
curator_drop_data_get_mime_types (void)
{
  return mime_types;
}

GdkContentFormats *
curator_drop_data_new_formats (void)
{
  return gdk_content_formats_new ((const char **) mime_types, g_strv_length ((char **) mime_types));
}

CuratorDropData *
curator_drop_data_new (void)
{
  CuratorDropData *data = g_new0 (CuratorDropData, 1);

  data->files = g_ptr_array_new_with_free_func (g_object_unref);
  return data;
}

CuratorDropData *
curator_drop_data_copy (const CuratorDropData *data)
{
  CuratorDropData *copy = curator_drop_data_new ();

  for (guint i = 0; i < data->files->len; i++)
    g_ptr_array_add (copy->files, g_object_ref (g_ptr_array_index (data->files, i)));
  copy->url = g_strdup (data->url);
  copy->title = g_strdup (data->title);
  copy->html = g_strdup (data->html);
  copy->text = g_strdup (data->text);
  copy->image = data->image != NULL ? g_bytes_ref (data->image) : NULL;
  return copy;
}

void
curator_drop_data_free (CuratorDropData *data)
{
  if (data == NULL)
    return;
  g_ptr_array_unref (data->files);
  g_free (data->url);
  g_free (data->title);
  g_free (data->html);
  g_free (data->text);
  g_clear_pointer (&data->image, g_bytes_unref);
  g_free (data);
}

gboolean
curator_drop_data_is_empty (const CuratorDropData *data)
{
  g_return_val_if_fail (data != NULL, TRUE);

  return data->files->len == 0 && data->url == NULL && data->html == NULL &&
         data->text == NULL && data->image == NULL;
}

char *
curator_drop_decode_text (const guint8 *data,
                          gsize         length)
{
  const char *charset = "UTF-8";
  gsize odd_nuls = 0, even_nuls = 0;

  if (length >= 2 && data[0] == 0xFF && data[1] == 0xFE)
    charset = "UTF-16LE";
  else if (length >= 2 && data[0] == 0xFE && data[1] == 0xFF)
    charset = "UTF-16BE";
  else if (length >= 2)
    {
      /* Without a BOM, UTF-16 text of Latin letters has a NUL in every
       * other byte: odd places for little-endian, even for big-endian. */
      for (gsize i = 0; i + 1 < length; i += 2)
        {
          even_nuls += data[i] == 0;
          odd_nuls += data[i + 1] == 0;
        }
      if (odd_nuls > length / 8 && odd_nuls > even_nuls)
        charset = "UTF-16LE";
      else if (even_nuls > length / 8 && even_nuls > odd_nuls)
        charset = "UTF-16BE";
    }

  /* Firefox ends some of its strings with a NUL character. */
  if (g_str_has_prefix (charset, "UTF-16"))
    {
      length &= ~(gsize) 1;
      if (length >= 2 && data[length - 1] == 0 && data[length - 2] == 0)
        length -= 2;
    }
  else
    {
      while (length > 0 && data[length - 1] == 0)
        length--;
    }

  return curator_charset_to_utf8 ((const char *) data, length, charset, NULL);
}

static gboolean
is_web_address (const char *text)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (text == NULL || text[0] == '\0' || strpbrk (text, " \t\r\n") != NULL)
    return FALSE;
  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    return FALSE;
  scheme = g_uri_get_scheme (uri);
  return g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0;
}

static void
set_if_unset (char       **field,
              const char  *value)
{
  if (*field == NULL && value != NULL && value[0] != '\0')
    *field = g_strdup (value);
}

static gboolean
add_uri_list (CuratorDropData *data,
              const char      *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  gboolean used = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (line[0] == '\0' || line[0] == '#')
        continue;
      if (g_str_has_prefix (line, "file:"))
        {
          g_ptr_array_add (data->files, g_file_new_for_uri (line));
          used = TRUE;
        }
      else if (is_web_address (line) && data->url == NULL)
        {
          data->url = g_strdup (line);
          used = TRUE;
        }
    }
  return used;
}

/* text/x-moz-url and _NETSCAPE_URL: the address, then the link's text. */
static gboolean
add_url_and_title (CuratorDropData *data,
                   const char      *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", 3);
  char *url;

  if (lines[0] == NULL)
    return FALSE;
  url = g_strstrip (lines[0]);
  if (!is_web_address (url))
    return FALSE;
  if (data->url != NULL && g_strcmp0 (data->url, url) != 0)
    return FALSE;
  set_if_unset (&data->url, url);
  if (lines[1] != NULL)
    {
      char *title = g_strstrip (lines[1]);

      /* A link without text gets its address as its title: not a title. */
      if (g_strcmp0 (title, url) != 0)
        set_if_unset (&data->title, title);
    }
  return TRUE;
}

static gboolean
add_text (CuratorDropData *data,
          const char      *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (stripped[0] == '\0')
    return FALSE;
  if (is_web_address (stripped))
    {
      set_if_unset (&data->url, stripped);
      return TRUE;
    }
  set_if_unset (&data->text, text);
  return TRUE;
}

static gboolean
add_image (CuratorDropData *data,
           GBytes          *bytes)
{
  g_autoptr(CuratorImageInfo) info = NULL;

  if (data->image != NULL)
    return FALSE;
  /* Only bytes an image loader reads: application/octet-stream is
   * anything. */
  info = curator_image_info_new_from_bytes (bytes, NULL);
  if (info == NULL)
    return FALSE;
  data->image = g_bytes_ref (bytes);
  return TRUE;
}

gboolean
curator_drop_data_add (CuratorDropData *data,
                       const char      *mime_type,
                       GBytes          *bytes)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (mime_type != NULL, FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  if (g_str_has_prefix (mime_type, "image/") || g_str_equal (mime_type, "application/octet-stream"))
    return add_image (data, bytes);

  text = curator_drop_decode_text (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  if (g_str_equal (mime_type, "text/uri-list"))
    return add_uri_list (data, text);
  if (g_str_equal (mime_type, "text/x-moz-url") || g_str_equal (mime_type, "_NETSCAPE_URL"))
    return add_url_and_title (data, text);
  if (g_str_equal (mime_type, "text/html"))
    {
      if (text[0] == '\0' || data->html != NULL)
        return FALSE;
      data->html = g_steal_pointer (&text);
      return TRUE;
    }
  if (g_str_has_prefix (mime_type, "text/plain") || g_str_equal (mime_type, "UTF8_STRING"))
    return add_text (data, text);

  return FALSE;
}

/* Reading a source's formats */

typedef struct
{
  GdkContentFormats *formats;
  CuratorDropData   *data;
  guint              group;
  const char        *mime_type;
  GInputStream      *stream;
  GByteArray        *buffer;
  gsize              cap;
} ReadData;

static void
read_data_free (ReadData *read)
{
  g_clear_pointer (&read->formats, gdk_content_formats_unref);
  g_clear_pointer (&read->data, curator_drop_data_free);
  g_clear_object (&read->stream);
  g_clear_pointer (&read->buffer, g_byte_array_unref);
  g_free (read);
}

static void read_next_group (GTask *task);

static void
finish_format (GTask *task)
{
  ReadData *read = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = g_byte_array_free_to_bytes (g_steal_pointer (&read->buffer));

  curator_drop_data_add (read->data, read->mime_type, bytes);
  g_clear_object (&read->stream);
  read_next_group (task);
}

static void
read_bytes_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  ReadData *read = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);

  if (chunk == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          g_object_unref (task);
          return;
        }
      /* One format that cannot be read: the others may do. */
      g_debug ("Could not read %s: %s", read->mime_type, error->message);
      g_clear_pointer (&read->buffer, g_byte_array_unref);
      g_clear_object (&read->stream);
      read_next_group (task);
      return;
    }

  if (g_bytes_get_size (chunk) == 0)
    {
      finish_format (task);
      return;
    }

  if (read->buffer->len + g_bytes_get_size (chunk) > read->cap)
    {
      g_debug ("%s is over %" G_GSIZE_FORMAT " bytes: not read", read->mime_type, read->cap);
      g_clear_pointer (&read->buffer, g_byte_array_unref);
      g_clear_object (&read->stream);
      read_next_group (task);
      return;
    }

  g_byte_array_append (read->buffer, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  g_input_stream_read_bytes_async (read->stream, 64 * 1024, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), read_bytes_cb, task);
}

static void
open_stream_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  ReadData *read = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  const char *out_mime_type = NULL;

  if (GDK_IS_DROP (object))
    read->stream = gdk_drop_read_finish (GDK_DROP (object), result, &out_mime_type, &error);
  else
    read->stream = gdk_clipboard_read_finish (GDK_CLIPBOARD (object), result, &out_mime_type, &error);

  if (read->stream == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          g_object_unref (task);
          return;
        }
      g_debug ("Could not read %s: %s", read->mime_type, error->message);
      read_next_group (task);
      return;
    }

  read->buffer = g_byte_array_new ();
  read->cap = g_str_has_prefix (read->mime_type, "image/") || g_str_equal (read->mime_type, "application/octet-stream")
              ? CURATOR_FETCH_MAX_IMAGE_SIZE : CURATOR_FETCH_MAX_PAGE_SIZE;
  g_input_stream_read_bytes_async (read->stream, 64 * 1024, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), read_bytes_cb, task);
}

static void
read_next_group (GTask *task)
{
  ReadData *read = g_task_get_task_data (task);
  GObject *source = g_task_get_source_object (task);

  for (; read->group < G_N_ELEMENTS (format_groups); read->group++)
    {
      const char * const *group = format_groups[read->group];

      /* Any image will do: one is enough. */
      if (g_str_equal (group[0], "application/octet-stream") && read->data->image != NULL)
        continue;

      for (guint i = 0; group[i] != NULL; i++)
        {
          const char *types[] = { group[i], NULL };

          if (!gdk_content_formats_contain_mime_type (read->formats, group[i]))
            continue;

          read->mime_type = group[i];
          read->group++;
          if (GDK_IS_DROP (source))
            gdk_drop_read_async (GDK_DROP (source), types, G_PRIORITY_DEFAULT,
                                 g_task_get_cancellable (task), open_stream_cb, task);
          else
            gdk_clipboard_read_async (GDK_CLIPBOARD (source), types, G_PRIORITY_DEFAULT,
                                      g_task_get_cancellable (task), open_stream_cb, task);
          return;
        }
    }

  g_task_return_pointer (task, g_steal_pointer (&read->data), (GDestroyNotify) curator_drop_data_free);
  g_object_unref (task);
}

void
curator_drop_data_read_async (GObject             *source,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;
  ReadData *read;

  g_return_if_fail (GDK_IS_DROP (source) || GDK_IS_CLIPBOARD (source));

  task = g_task_new (source, cancellable, callback, user_data);
  g_task_set_source_tag (task, curator_drop_data_read_async);
  read = g_new0 (ReadData, 1);
  read->formats = gdk_content_formats_ref (GDK_IS_DROP (source) ? gdk_drop_get_formats (GDK_DROP (source))
                                                                 : gdk_clipboard_get_formats (GDK_CLIPBOARD (source)));
  read->data = curator_drop_data_new ();
  g_task_set_task_data (task, read, (GDestroyNotify) read_data_free);
  read_next_group (task);
}

CuratorDropData *
curator_drop_data_read_finish (GObject       *source,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
