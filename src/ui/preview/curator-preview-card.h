/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "curator-document.h"

G_BEGIN_DECLS

#define CURATOR_TYPE_PREVIEW_CARD (curator_preview_card_get_type ())

/* What the preview shows above the body: the item as a reader sees it.
 * Every field may be NULL. */
typedef struct _CuratorPreviewCard
{
  char   *title;
  char   *description;
  /* The source article (only http and https links are shown as links). */
  char   *link;
  /* The source's name; the link's host when NULL. */
  char   *brand;
  /* As written in the front matter (ISO 8601 or a date). */
  char   *date;
  char  **tags;
  /* The featured image: a local file (shown from memory as a data: URI)
   * or a remote https URI (shown only when remote images are allowed). */
  GFile  *image_file;
  char   *image_uri;
  char   *image_alt;
} CuratorPreviewCard;

GType               curator_preview_card_get_type (void) G_GNUC_CONST;
CuratorPreviewCard *curator_preview_card_new      (void);
/* The card of @document's front matter: title, description, link (href
 * and brand), date, tags and featured image (a relative path that stays
 * in the document's folder, or an https URL). */
CuratorPreviewCard *curator_preview_card_new_for_document (CuratorDocument *document);
CuratorPreviewCard *curator_preview_card_copy     (const CuratorPreviewCard *card);
void                curator_preview_card_free     (CuratorPreviewCard       *card);
gboolean            curator_preview_card_equal    (const CuratorPreviewCard *a,
                                                   const CuratorPreviewCard *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CuratorPreviewCard, curator_preview_card_free)

G_END_DECLS
