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

static char *
dup_scalar (CuratorDocument *document,
            const char      *key_path)
{
  const CuratorNode *node = curator_document_lookup (document, key_path, NULL);
  const char *value;

  if (node == NULL || curator_node_get_kind (node) != CURATOR_NODE_SCALAR)
    return NULL;

  value = curator_node_get_value (node);
  return value != NULL && *value != '\0' ? g_strdup (value) : NULL;
}

static char **
dup_string_list (CuratorDocument *document,
                 const char      *key_path)
{
  const CuratorNode *node = curator_document_lookup (document, key_path, NULL);
  g_autoptr(GStrvBuilder) builder = NULL;

  if (node == NULL || curator_node_get_kind (node) != CURATOR_NODE_SEQUENCE)
    return NULL;

  builder = g_strv_builder_new ();
  for (guint i = 0; i < curator_node_get_n_children (node); i++)
    {
      const CuratorNode *item = curator_node_get_child (node, i);
      const char *value = curator_node_get_value (item);

      if (curator_node_get_kind (item) == CURATOR_NODE_SCALAR && value != NULL && *value != '\0')
        g_strv_builder_add (builder, value);
    }

  return g_strv_builder_end (builder);
}

/* A local featured image must be a relative path that stays in the
 * document's folder: the front matter does not get to pick any file. */
static GFile *
resolve_local_image (CuratorDocument *document,
                     const char      *href)
{
  GFile *file = curator_document_get_file (document);
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GFile) image = NULL;

  if (file == NULL || g_path_is_absolute (href) || *href == '/' || *href == '\\')
    return NULL;

  folder = g_file_get_parent (file);
  if (folder == NULL)
    return NULL;

  image = g_file_resolve_relative_path (folder, href);
  if (!g_file_has_prefix (image, folder))
    return NULL;

  return g_steal_pointer (&image);
}

/**
 * curator_preview_card_new_for_document:
 *
 * Returns: (transfer full): the card of @document's front matter
 */
CuratorPreviewCard *
curator_preview_card_new_for_document (CuratorDocument *document)
{
  g_autoptr(CuratorPreviewCard) card = curator_preview_card_new ();
  g_autofree char *image = NULL;
  g_autofree char *scheme = NULL;

  g_return_val_if_fail (CURATOR_IS_DOCUMENT (document), NULL);

  card->title = dup_scalar (document, "title");
  card->description = dup_scalar (document, "description");
  card->date = dup_scalar (document, "date");
  card->tags = dup_string_list (document, "tags");

  /* link: {href, brand} as curated items have it, or a plain URL. */
  card->link = dup_scalar (document, "link.href");
  if (card->link == NULL)
    card->link = dup_scalar (document, "link");
  card->brand = dup_scalar (document, "link.brand");

  image = dup_scalar (document, "featuredImage.href");
  if (image == NULL)
    image = dup_scalar (document, "featuredImage");
  card->image_alt = dup_scalar (document, "featuredImage.alt");

  if (image != NULL)
    {
      scheme = g_uri_parse_scheme (image);
      if (scheme == NULL)
        card->image_file = resolve_local_image (document, image);
      else if (g_ascii_strcasecmp (scheme, "https") == 0)
        card->image_uri = g_strdup (image);
    }

  return g_steal_pointer (&card);
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
