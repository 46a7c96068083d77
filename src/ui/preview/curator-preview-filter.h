/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <webkit/webkit.h>

G_BEGIN_DECLS

/* What the preview may fetch from the network. */
typedef enum
{
  /* Nothing: every request to a network scheme is blocked. */
  CURATOR_PREVIEW_FILTER_BLOCK_ALL,
  /* Only images over https ("Load Remote Images"). */
  CURATOR_PREVIEW_FILTER_ALLOW_HTTPS_IMAGES,
} CuratorPreviewFilterPolicy;

#define CURATOR_N_PREVIEW_FILTER_POLICIES 2

#define CURATOR_TYPE_PREVIEW_FILTER (curator_preview_filter_get_type ())

G_DECLARE_FINAL_TYPE (CuratorPreviewFilter, curator_preview_filter, CURATOR, PREVIEW_FILTER, GObject)

/* The content blocker rules of the preview, compiled once into a
 * WebKitUserContentFilterStore in the user cache directory and kept in
 * memory: later runs load the compiled rules instead of compiling. */
CuratorPreviewFilter    *curator_preview_filter_get_default (void);
/* Filters of their own, in the store at @path (for tests). */
CuratorPreviewFilter    *curator_preview_filter_new         (const char                  *path);

/* Starts loading (or compiling) every policy in the background, so that
 * the first preview does not wait for it. */
void                     curator_preview_filter_prepare     (CuratorPreviewFilter        *self);

/* The compiled filter of @policy, or NULL while it is not ready. */
WebKitUserContentFilter *curator_preview_filter_peek        (CuratorPreviewFilter        *self,
                                                             CuratorPreviewFilterPolicy   policy);
void                     curator_preview_filter_load_async  (CuratorPreviewFilter        *self,
                                                             CuratorPreviewFilterPolicy   policy,
                                                             GCancellable                *cancellable,
                                                             GAsyncReadyCallback          callback,
                                                             gpointer                     user_data);
WebKitUserContentFilter *curator_preview_filter_load_finish (CuratorPreviewFilter        *self,
                                                             GAsyncResult                *result,
                                                             GError                     **error);

/* The rules of @policy as WebKit content blocker JSON (for tests). */
const char              *curator_preview_filter_get_rules   (CuratorPreviewFilterPolicy   policy);
/* The directory of the compiled store. */
const char              *curator_preview_filter_get_path    (CuratorPreviewFilter        *self);

G_END_DECLS
