/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <webkit/webkit.h>

#include "curator-preview-card.h"

G_BEGIN_DECLS

#define CURATOR_TYPE_PREVIEW (curator_preview_get_type ())

G_DECLARE_FINAL_TYPE (CuratorPreview, curator_preview, CURATOR, PREVIEW, GtkWidget)

/* A safe rendering of untrusted HTML: the body of a curated item under a
 * card made from its front matter. Page scripts never run, nothing is
 * fetched from the network (unless remote images are allowed: then https
 * images only), and the page never navigates: a link click emits
 * "activate-link", whose default handler opens the user's browser.
 *
 * Updates are coalesced: at most one is in flight, and the edits that
 * arrive meanwhile are rendered together once it is done. The body is
 * replaced in place, which keeps the scroll position.
 *
 * Signals: "activate-link" (const char *uri) -> gboolean, TRUE when
 * handled; "painted" (guint serial): the page painted a frame showing
 * the content of @serial (see curator_preview_get_serial()). */

GtkWidget     *curator_preview_new               (void);

void           curator_preview_set_body          (CuratorPreview           *self,
                                                  const char               *html);
void           curator_preview_set_card          (CuratorPreview           *self,
                                                  const CuratorPreviewCard *card);
gboolean       curator_preview_get_remote_images (CuratorPreview           *self);
void           curator_preview_set_remote_images (CuratorPreview           *self,
                                                  gboolean                  remote_images);
/* The serial of the newest content given; "painted" reports it once shown. */
guint          curator_preview_get_serial        (CuratorPreview           *self);
guint          curator_preview_get_painted_serial (CuratorPreview          *self);
/* The serial of the newest content sent to the page. */
guint          curator_preview_get_sent_serial   (CuratorPreview           *self);
void           curator_preview_flush             (CuratorPreview           *self);
WebKitWebView *curator_preview_get_web_view      (CuratorPreview           *self);
WebKitWebContext *curator_preview_get_web_context (void);

G_END_DECLS
