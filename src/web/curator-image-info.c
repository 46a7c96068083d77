/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-image-info"

#include "config.h"

#include "curator-image-info.h"

#include "curator-web-error.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n.h>

G_DEFINE_BOXED_TYPE (CuratorImageInfo, curator_image_info, curator_image_info_copy, curator_image_info_free)

/* Bytes are fed to the loader in pieces until it knows the size: the
 * pixels of a large photograph are never decoded. */
#define FEED_CHUNK (16 * 1024)

typedef struct
{
  int      width;
  int      height;
  gboolean sized;
} SizeData;

static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  SizeData        *data)
{
  data->width = width;
  data->height = height;
  data->sized = TRUE;
}

CuratorImageInfo *
curator_image_info_new_from_bytes (GBytes  *bytes,
                                   GError **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  CuratorImageInfo *info;
  GdkPixbufFormat *format;
  g_auto(GStrv) mime_types = NULL;
  g_auto(GStrv) extensions = NULL;
  SizeData size = { 0 };
  const guint8 *data;
  gsize length, offset = 0;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &length);
  loader = gdk_pixbuf_loader_new ();
  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), &size);

  while (offset < length && !size.sized)
    {
      gsize chunk = MIN (FEED_CHUNK, length - offset);

      if (!gdk_pixbuf_loader_write (loader, data + offset, chunk, NULL))
        break;
      offset += chunk;
    }
  /* Closing early reports the truncated image: the header was enough. */
  gdk_pixbuf_loader_close (loader, NULL);

  format = gdk_pixbuf_loader_get_format (loader);
  if (format == NULL || !size.sized || size.width <= 0 || size.height <= 0)
    {
      g_set_error_literal (error, CURATOR_WEB_ERROR, CURATOR_WEB_ERROR_NOT_IMAGE,
                           _("The data is not an image Curator can read"));
      return NULL;
    }

  mime_types = gdk_pixbuf_format_get_mime_types (format);
  extensions = gdk_pixbuf_format_get_extensions (format);

  info = g_new0 (CuratorImageInfo, 1);
  info->bytes = g_bytes_ref (bytes);
  info->format = gdk_pixbuf_format_get_name (format);
  info->mime_type = g_strdup (mime_types != NULL && mime_types[0] != NULL ? mime_types[0] : "application/octet-stream");
  info->extension = g_strdup (extensions != NULL && extensions[0] != NULL ? extensions[0] : info->format);
  info->width = size.width;
  info->height = size.height;
  return info;
}

CuratorImageInfo *
curator_image_info_copy (const CuratorImageInfo *info)
{
  CuratorImageInfo *copy;

  g_return_val_if_fail (info != NULL, NULL);

  copy = g_new0 (CuratorImageInfo, 1);
  copy->bytes = g_bytes_ref (info->bytes);
  copy->format = g_strdup (info->format);
  copy->mime_type = g_strdup (info->mime_type);
  copy->extension = g_strdup (info->extension);
  copy->width = info->width;
  copy->height = info->height;
  return copy;
}

void
curator_image_info_free (CuratorImageInfo *info)
{
  if (info == NULL)
    return;
  g_bytes_unref (info->bytes);
  g_free (info->format);
  g_free (info->mime_type);
  g_free (info->extension);
  g_free (info);
}
