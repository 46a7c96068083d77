/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What a body is written in, as Hugo decides it: by the file's extension. */
typedef enum
{
  CURATOR_BODY_FORMAT_HTML,
  CURATOR_BODY_FORMAT_MARKDOWN,
} CuratorBodyFormat;

CuratorBodyFormat curator_body_format_for_path (const char *path);

#define CURATOR_TYPE_BODY_RENDERER (curator_body_renderer_get_type ())

G_DECLARE_FINAL_TYPE (CuratorBodyRenderer, curator_body_renderer, CURATOR, BODY_RENDERER, GObject)

/* A body as the site publishes it, in HTML: a Markdown body rendered as
 * Hugo renders it (curator-markdown.c), an HTML body as it is. The same
 * for the preview and for `curator-cli render`.
 *
 * The renderer keeps what it made of each run of blocks of the last
 * body, so that rendering it again after an edit parses only the runs
 * the edit touched; the result is always what rendering the whole body
 * at once gives.
 *
 * Properties: "format", "raw-html" (whether raw HTML in Markdown is
 * published: the site's markup.goldmark.renderer.unsafe). */

CuratorBodyRenderer *curator_body_renderer_new          (CuratorBodyFormat    format,
                                                         gboolean             raw_html);
CuratorBodyFormat    curator_body_renderer_get_format   (CuratorBodyRenderer *self);
void                 curator_body_renderer_set_format   (CuratorBodyRenderer *self,
                                                         CuratorBodyFormat    format);
gboolean             curator_body_renderer_get_raw_html (CuratorBodyRenderer *self);
void                 curator_body_renderer_set_raw_html (CuratorBodyRenderer *self,
                                                         gboolean             raw_html);
char                *curator_body_renderer_render       (CuratorBodyRenderer *self,
                                                         const char          *body,
                                                         gssize               length);
/* Raw HTML tags and blocks (not comments) in the last Markdown body
 * rendered: what a site without raw HTML leaves out. */
guint                curator_body_renderer_get_n_raw_html (CuratorBodyRenderer *self);

G_END_DECLS
