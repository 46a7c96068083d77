/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "curator-document.h"
#include "curator-body-editor.h"
#include "curator-preview.h"

G_BEGIN_DECLS

#define CURATOR_TYPE_BODY_PANE (curator_body_pane_get_type ())

G_DECLARE_FINAL_TYPE (CuratorBodyPane, curator_body_pane, CURATOR, BODY_PANE, GtkWidget)

/* The body of a document: its source and the safe preview, side by side
 * when there is room, one at a time (with a switch) when narrow. The
 * preview follows the document's front matter and body as they change,
 * a Markdown body rendered as its Hugo site publishes it (a bar says
 * when the site leaves its raw HTML out). "Load Remote Images" is
 * remembered per document.
 *
 * Properties: "document", "show-preview" (the window's toggle). */

GtkWidget         *curator_body_pane_new              (void);
CuratorDocument   *curator_body_pane_get_document     (CuratorBodyPane *self);
void               curator_body_pane_set_document     (CuratorBodyPane *self,
                                                       CuratorDocument *document);
gboolean           curator_body_pane_get_show_preview (CuratorBodyPane *self);
void               curator_body_pane_set_show_preview (CuratorBodyPane *self,
                                                       gboolean         show_preview);
CuratorBodyEditor *curator_body_pane_get_editor       (CuratorBodyPane *self);
CuratorPreview    *curator_body_pane_get_preview      (CuratorBodyPane *self);

G_END_DECLS
