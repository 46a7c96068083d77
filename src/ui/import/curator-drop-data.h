/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CURATOR_TYPE_DROP_DATA (curator_drop_data_get_type ())

/* What a drop or the clipboard carried, read from the formats browsers
 * really offer (GTK's GType targets miss most of them):
 *
 * - text/uri-list: local files, or a web address;
 * - text/x-moz-url (Firefox) and _NETSCAPE_URL: an address and the link's
 *   text on the next line, in UTF-8 or UTF-16, with or without a BOM;
 * - text/html, in UTF-8 or UTF-16;
 * - text/plain;charset=utf-8, UTF8_STRING and text/plain: text, or an
 *   address when it is nothing else;
 * - image/png, jpeg, webp, ..., and application/octet-stream when it
 *   holds an image. */
typedef struct
{
  GPtrArray *files;   /* GFile: local files dropped */
  char      *url;     /* a web address (http or https) */
  char      *title;   /* the link's text */
  char      *html;    /* a selection's HTML, UTF-8 */
  char      *text;    /* plain text, UTF-8 */
  GBytes    *image;   /* an image's bytes (a browser image, a screenshot) */
} CuratorDropData;

GType            curator_drop_data_get_type   (void) G_GNUC_CONST;
CuratorDropData *curator_drop_data_new        (void);
CuratorDropData *curator_drop_data_copy       (const CuratorDropData *data);
void             curator_drop_data_free       (CuratorDropData       *data);
gboolean         curator_drop_data_is_empty   (const CuratorDropData *data);

/* The formats read, best first (for a drop target's GdkContentFormats). */
const char * const *curator_drop_data_get_mime_types (void);
GdkContentFormats  *curator_drop_data_new_formats    (void);

/* Takes in one format's bytes as offered under @mime_type. Returns FALSE
 * when they hold nothing usable. */
gboolean         curator_drop_data_add        (CuratorDropData       *data,
                                               const char            *mime_type,
                                               GBytes                *bytes);

/* Text as a drop carries it: UTF-8, or UTF-16 (a BOM says which order;
 * without one, where the NUL bytes are), one trailing NUL dropped. Never
 * NULL: invalid sequences become U+FFFD. */
char            *curator_drop_decode_text     (const guint8          *data,
                                               gsize                  length);

/* Reads every format of @source (a GdkDrop or a GdkClipboard) that the
 * list above has, one after the other. */
void             curator_drop_data_read_async  (GObject              *source,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
CuratorDropData *curator_drop_data_read_finish (GObject              *source,
                                                GAsyncResult         *result,
                                                GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CuratorDropData, curator_drop_data_free)

G_END_DECLS
