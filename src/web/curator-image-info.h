/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CURATOR_TYPE_IMAGE_INFO (curator_image_info_get_type ())

/* An image's bytes with what gdk-pixbuf reads from them: its type is
 * sniffed from the content (never from a name or a Content-Type) and its
 * size read from the header, without decoding the pixels. */
typedef struct
{
  GBytes *bytes;
  char   *format;     /* gdk-pixbuf's name: "jpeg", "png", "gif", "webp", ... */
  char   *mime_type;  /* "image/jpeg" */
  char   *extension;  /* the usual one: "jpeg", "png" */
  int     width;
  int     height;
} CuratorImageInfo;

GType             curator_image_info_get_type        (void) G_GNUC_CONST;
/* NULL with CURATOR_WEB_ERROR_NOT_IMAGE when no loader reads @bytes. */
CuratorImageInfo *curator_image_info_new_from_bytes  (GBytes                 *bytes,
                                                      GError                **error);
CuratorImageInfo *curator_image_info_copy            (const CuratorImageInfo *info);
void              curator_image_info_free            (CuratorImageInfo       *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CuratorImageInfo, curator_image_info_free)

G_END_DECLS
