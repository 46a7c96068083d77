/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-preview-card"

#include "config.h"

#include "curator-preview-card.h"

G_DEFINE_BOXED_TYPE (CuratorPreviewCard,
                     curator_preview_card,
                     curator_preview_card_copy,
                     curator_preview_card_free)

CuratorPreviewCard *
curator_preview_card_new (void)
{
  return g_new0 (CuratorPreviewCard, 1);
}

CuratorPreviewCard *
curator_preview_card_copy (const CuratorPreviewCard *card)
{
  CuratorPreviewCard *copy;

  g_return_val_if_fail (card != NULL, NULL);

  copy = curator_preview_card_new ();
  copy->title = g_strdup (card->title);
  copy->description = g_strdup (card->description);
  copy->link = g_strdup (card->link);
  copy->brand = g_strdup (card->brand);
  copy->date = g_strdup (card->date);
  copy->tags = g_strdupv (card->tags);
  copy->image_file = card->image_file ? g_object_ref (card->image_file) : NULL;
  copy->image_uri = g_strdup (card->image_uri);
  copy->image_alt = g_strdup (card->image_alt);

  return copy;
}

void
curator_preview_card_free (CuratorPreviewCard *card)
{
  if (card == NULL)
    return;

  g_free (card->title);
  g_free (card->description);
  g_free (card->link);
  g_free (card->brand);
  g_free (card->date);
  g_strfreev (card->tags);
  g_clear_object (&card->image_file);
  g_free (card->image_uri);
  g_free (card->image_alt);
  g_free (card);
}

static gboolean
strv_equal (char **a,
            char **b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_strv_equal ((const char * const *)a, (const char * const *)b);
}

gboolean
curator_preview_card_equal (const CuratorPreviewCard *a,
                            const CuratorPreviewCard *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return g_strcmp0 (a->title, b->title) == 0 &&
         g_strcmp0 (a->description, b->description) == 0 &&
         g_strcmp0 (a->link, b->link) == 0 &&
         g_strcmp0 (a->brand, b->brand) == 0 &&
         g_strcmp0 (a->date, b->date) == 0 &&
         strv_equal (a->tags, b->tags) &&
         ((a->image_file == NULL && b->image_file == NULL) ||
          (a->image_file != NULL && b->image_file != NULL &&
           g_file_equal (a->image_file, b->image_file))) &&
         g_strcmp0 (a->image_uri, b->image_uri) == 0 &&
         g_strcmp0 (a->image_alt, b->image_alt) == 0;
}
