/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-field-catalog"

#include "config.h"

#include "curator-field-catalog.h"

#include <glib/gi18n.h>
#include <string.h>

/* The fields of a Medigy-style curated item (and common Hugo ones). The
 * group of a nested field is its top-level key's group. */
static const CuratorFieldInfo known_fields[] = {
  /* Content */
  { "title", N_("Title"), N_("The headline shown on the site and in search results"), CURATOR_FIELD_GROUP_CONTENT, CURATOR_FIELD_CHECK_REQUIRED },
  { "description", N_("Description"), N_("One or two sentences summarising the item"), CURATOR_FIELD_GROUP_CONTENT, CURATOR_FIELD_CHECK_NONE },
  { "summary", N_("Summary"), N_("A short summary used in lists"), CURATOR_FIELD_GROUP_CONTENT, CURATOR_FIELD_CHECK_NONE },
  { "author", N_("Authors"), N_("Who curated or wrote the item"), CURATOR_FIELD_GROUP_CONTENT, CURATOR_FIELD_CHECK_NONE, N_("Author") },
  { "mastHead", N_("Masthead"), N_("The banner title of the section"), CURATOR_FIELD_GROUP_CONTENT, CURATOR_FIELD_CHECK_NONE },
  { "identifier", N_("Identifier"), NULL, CURATOR_FIELD_GROUP_CONTENT, CURATOR_FIELD_CHECK_NONE },
  { "metaTitle", N_("Meta title"), N_("Title for search engines"), CURATOR_FIELD_GROUP_CONTENT, CURATOR_FIELD_CHECK_NONE },
  { "metaDesc", N_("Meta description"), N_("Description for search engines"), CURATOR_FIELD_GROUP_CONTENT, CURATOR_FIELD_CHECK_NONE },
  /* Source link */
  { "link", N_("Source link"), N_("Where the curated item comes from"), CURATOR_FIELD_GROUP_SOURCE_LINK, CURATOR_FIELD_CHECK_NONE },
  { "link.href", N_("Link"), N_("The address of the original article"), CURATOR_FIELD_GROUP_SOURCE_LINK, CURATOR_FIELD_CHECK_URL },
  { "link.brand", N_("Brand"), N_("The publisher's domain, for example example.org"), CURATOR_FIELD_GROUP_SOURCE_LINK, CURATOR_FIELD_CHECK_NONE },
  { "link.original", N_("Original link"), N_("The address as it was submitted, with tracking parameters"), CURATOR_FIELD_GROUP_SOURCE_LINK, CURATOR_FIELD_CHECK_URL },
  { "source", N_("Source"), N_("The feed or process the item came from"), CURATOR_FIELD_GROUP_SOURCE_LINK, CURATOR_FIELD_CHECK_NONE },
  { "url", N_("Page address"), N_("The page's path on the site"), CURATOR_FIELD_GROUP_SOURCE_LINK, CURATOR_FIELD_CHECK_NONE },
  { "ogUrl", N_("Open Graph link"), NULL, CURATOR_FIELD_GROUP_SOURCE_LINK, CURATOR_FIELD_CHECK_URL },
  { "openProjectCustomFields", N_("OpenProject fields"), N_("Fields kept in sync with the OpenProject work package"), CURATOR_FIELD_GROUP_SOURCE_LINK, CURATOR_FIELD_CHECK_NONE },
  { "openProjectCustomFields.cleanUrl", N_("Clean link"), N_("The source address without tracking parameters"), CURATOR_FIELD_GROUP_SOURCE_LINK, CURATOR_FIELD_CHECK_URL },
  { "openProjectCustomFields.sourceUrl", N_("Source link"), NULL, CURATOR_FIELD_GROUP_SOURCE_LINK, CURATOR_FIELD_CHECK_URL },
  { "openProjectCustomFields.medigyTopics", N_("Medigy topics"), N_("Stored as JSON text in the file"), CURATOR_FIELD_GROUP_SOURCE_LINK, CURATOR_FIELD_CHECK_NONE, N_("Medigy topic") },
  /* Taxonomy */
  { "tags", N_("Tags"), N_("Keywords that group related items"), CURATOR_FIELD_GROUP_TAXONOMY, CURATOR_FIELD_CHECK_NONE, N_("Tag") },
  { "categories", N_("Categories"), NULL, CURATOR_FIELD_GROUP_TAXONOMY, CURATOR_FIELD_CHECK_NONE, N_("Category") },
  { "communityTopics", N_("Community topics"), N_("The community topics the item is filed under"), CURATOR_FIELD_GROUP_TAXONOMY, CURATOR_FIELD_CHECK_NONE, N_("Community topic") },
  { "contentCategories", N_("Content category"), NULL, CURATOR_FIELD_GROUP_TAXONOMY, CURATOR_FIELD_CHECK_NONE },
  { "breadcrumbs", N_("Breadcrumbs"), N_("The trail of page names above this item"), CURATOR_FIELD_GROUP_TAXONOMY, CURATOR_FIELD_CHECK_NONE, N_("Breadcrumb") },
  { "breadcrumbLinks", N_("Breadcrumb links"), N_("One path per breadcrumb, in the same order"), CURATOR_FIELD_GROUP_TAXONOMY, CURATOR_FIELD_CHECK_NONE, N_("Breadcrumb link") },
  { "searchCategory", N_("Search category"), NULL, CURATOR_FIELD_GROUP_TAXONOMY, CURATOR_FIELD_CHECK_NONE },
  { "topics", N_("Topics"), NULL, CURATOR_FIELD_GROUP_TAXONOMY, CURATOR_FIELD_CHECK_NONE, N_("Topic") },
  /* Media */
  { "featuredImage", N_("Featured image"), N_("The picture shown with the item"), CURATOR_FIELD_GROUP_MEDIA, CURATOR_FIELD_CHECK_NONE },
  { "featuredImage.href", N_("Image file"), NULL, CURATOR_FIELD_GROUP_MEDIA, CURATOR_FIELD_CHECK_NONE },
  { "featuredImage.alt", N_("Alternative text"), N_("Describes the image for people who cannot see it"), CURATOR_FIELD_GROUP_MEDIA, CURATOR_FIELD_CHECK_NONE },
  { "featuredImage.format", N_("Format"), NULL, CURATOR_FIELD_GROUP_MEDIA, CURATOR_FIELD_CHECK_NONE },
  { "featuredImage.size", N_("Size"), N_("Width and height in pixels"), CURATOR_FIELD_GROUP_MEDIA, CURATOR_FIELD_CHECK_NONE },
  { "featuredImage.valid", N_("Image is valid"), NULL, CURATOR_FIELD_GROUP_MEDIA, CURATOR_FIELD_CHECK_NONE },
  { "featuredImage.workPackage", N_("Work package"), N_("The OpenProject work package the image belongs to"), CURATOR_FIELD_GROUP_MEDIA, CURATOR_FIELD_CHECK_NONE },
  { "featuredImage.wpAttachment", N_("Attachment"), N_("The work package attachment the image was taken from"), CURATOR_FIELD_GROUP_MEDIA, CURATOR_FIELD_CHECK_NONE },
  { "featuredImage.wpAttachment.fileName", N_("File name"), NULL, CURATOR_FIELD_GROUP_MEDIA, CURATOR_FIELD_CHECK_NONE },
  { "featuredImage.wpAttachment.link", N_("Link"), N_("Where OpenProject serves the attachment"), CURATOR_FIELD_GROUP_MEDIA, CURATOR_FIELD_CHECK_NONE },
  { "featuredImg", N_("Featured image"), NULL, CURATOR_FIELD_GROUP_MEDIA, CURATOR_FIELD_CHECK_NONE },
  { "ogImage", N_("Open Graph image"), NULL, CURATOR_FIELD_GROUP_MEDIA, CURATOR_FIELD_CHECK_NONE },
  { "images", N_("Images"), NULL, CURATOR_FIELD_GROUP_MEDIA, CURATOR_FIELD_CHECK_NONE, N_("Image") },
  /* Publishing */
  { "date", N_("Date"), N_("When the item was published"), CURATOR_FIELD_GROUP_PUBLISHING, CURATOR_FIELD_CHECK_DATE },
  { "lastMod", N_("Last modified"), N_("When the item was last changed"), CURATOR_FIELD_GROUP_PUBLISHING, CURATOR_FIELD_CHECK_DATE },
  { "publishDate", N_("Publish date"), NULL, CURATOR_FIELD_GROUP_PUBLISHING, CURATOR_FIELD_CHECK_DATE },
  { "expiryDate", N_("Expiry date"), NULL, CURATOR_FIELD_GROUP_PUBLISHING, CURATOR_FIELD_CHECK_DATE },
  { "draft", N_("Draft"), N_("Drafts are not published"), CURATOR_FIELD_GROUP_PUBLISHING, CURATOR_FIELD_CHECK_NONE },
  { "slug", N_("Slug"), N_("The last part of the address: lower-case letters, digits and hyphens"), CURATOR_FIELD_GROUP_PUBLISHING, CURATOR_FIELD_CHECK_SLUG },
  { "status", N_("Status"), NULL, CURATOR_FIELD_GROUP_PUBLISHING, CURATOR_FIELD_CHECK_NONE },
  { "archetype", N_("Archetype"), N_("The Hugo archetype the item was created from"), CURATOR_FIELD_GROUP_PUBLISHING, CURATOR_FIELD_CHECK_NONE },
  { "archeType", N_("Archetype"), NULL, CURATOR_FIELD_GROUP_PUBLISHING, CURATOR_FIELD_CHECK_NONE },
  { "basePath", N_("Base path"), NULL, CURATOR_FIELD_GROUP_PUBLISHING, CURATOR_FIELD_CHECK_NONE },
  { "aliases", N_("Aliases"), N_("Old addresses that redirect here"), CURATOR_FIELD_GROUP_PUBLISHING, CURATOR_FIELD_CHECK_NONE, N_("Alias") },
  { "type", N_("Content type"), NULL, CURATOR_FIELD_GROUP_PUBLISHING, CURATOR_FIELD_CHECK_NONE },
  { "layout", N_("Layout"), NULL, CURATOR_FIELD_GROUP_PUBLISHING, CURATOR_FIELD_CHECK_NONE },
  { "id", N_("ID"), NULL, CURATOR_FIELD_GROUP_PUBLISHING, CURATOR_FIELD_CHECK_NONE },
  { "weight", N_("Weight"), N_("Lower weights sort first"), CURATOR_FIELD_GROUP_PUBLISHING, CURATOR_FIELD_CHECK_NONE },
  { "sub", N_("Sub-type"), NULL, CURATOR_FIELD_GROUP_PUBLISHING, CURATOR_FIELD_CHECK_NONE },
  { "openProjectWorkPackageType", N_("OpenProject work package type"), NULL, CURATOR_FIELD_GROUP_OTHER, CURATOR_FIELD_CHECK_NONE },
  { "usDhhsCmsHospitalCompareModel", N_("CMS Hospital Compare data"), N_("The hospital's figures from the US CMS Hospital Compare data set"), CURATOR_FIELD_GROUP_OTHER, CURATOR_FIELD_CHECK_NONE },
};

static GHashTable *
get_known_fields (void)
{
  static GHashTable *table;

  /* Only used from the main thread. */
  if (table == NULL)
    {
      table = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < G_N_ELEMENTS (known_fields); i++)
        g_hash_table_insert (table, (gpointer)known_fields[i].key_path, (gpointer)&known_fields[i]);
    }

  return table;
}

char *
curator_field_catalog_generic_path (const char *key_path)
{
  GString *out = g_string_new (NULL);

  for (const char *p = key_path; *p; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        {
          g_string_append_c (out, *p++);
          g_string_append_c (out, *p);
        }
      else if (*p == '[')
        {
          while (*p && *p != ']')
            p++;
          if (*p == '\0')
            break;
        }
      else
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

const CuratorFieldInfo *
curator_field_catalog_lookup (const char *key_path)
{
  g_autofree char *generic = NULL;

  g_return_val_if_fail (key_path != NULL, NULL);

  generic = curator_field_catalog_generic_path (key_path);

  return g_hash_table_lookup (get_known_fields (), generic);
}

/* Words that are said letter by letter, as they are written in labels. */
static const char *acronyms[] = {
  "AI", "API", "CMS", "CSS", "CTA", "DHHS", "EHR", "EMR", "FAQ", "FDA", "FHIR", "GPS",
  "HCAHPS", "HDO", "HIPAA", "HL7", "HTML", "ID", "IDs", "IP", "JSON", "KPI", "MD", "NPI", "OG",
  "OWL", "PDF", "ROI", "RSS", "SEO", "SKU", "SMS", "UI", "URI", "URL", "URLs", "US", "UTC",
  "UUID", "UX", "WP", "XML", "ZIP",
};

static const char *
lookup_acronym (const char *word)
{
  for (guint i = 0; i < G_N_ELEMENTS (acronyms); i++)
    if (g_ascii_strcasecmp (word, acronyms[i]) == 0)
      return acronyms[i];

  return NULL;
}

/* "Us dhhs cms model" → "US DHHS CMS model". */
static char *
capitalize_acronyms (const char *label)
{
  g_auto(GStrv) words = g_strsplit (label, " ", -1);

  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *acronym = lookup_acronym (words[i]);

      if (acronym != NULL)
        {
          g_free (words[i]);
          words[i] = g_strdup (acronym);
        }
    }

  return g_strjoinv (" ", words);
}

static char *
label_words_from_key (const char *key)
{
  GString *out = g_string_new (NULL);
  gboolean first = TRUE;

  for (const char *p = key; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gunichar prev = p > key ? g_utf8_get_char (g_utf8_prev_char (p)) : 0;
      gunichar next = g_utf8_get_char (g_utf8_next_char (p));
      gboolean word_start = FALSE;

      if (c == '_' || c == '-' || c == ' ')
        {
          if (out->len > 0 && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
          continue;
        }

      /* A word starts at lower→Upper ("camelCase") and at the last
       * capital of an acronym followed by lower case ("HTMLTitle"). */
      if (g_unichar_isupper (c) && out->len > 0 && out->str[out->len - 1] != ' ' &&
          (g_unichar_islower (prev) || g_unichar_isdigit (prev) ||
           (g_unichar_isupper (prev) && g_unichar_islower (next))))
        {
          g_string_append_c (out, ' ');
          word_start = TRUE;
        }
      else if (out->len > 0 && out->str[out->len - 1] == ' ')
        word_start = TRUE;

      /* Sentence case: the first letter up, later words down unless they
       * are acronyms ("HTML"). */
      if (first)
        g_string_append_unichar (out, g_unichar_toupper (c));
      else if (word_start && !g_unichar_isupper (next))
        g_string_append_unichar (out, g_unichar_tolower (c));
      else
        g_string_append_unichar (out, c);
      first = FALSE;
    }

  if (out->len == 0)
    g_string_append (out, key);

  return g_string_free (out, FALSE);
}

char *
curator_label_from_key (const char *key)
{
  g_autofree char *words = NULL;

  g_return_val_if_fail (key != NULL, NULL);

  words = label_words_from_key (key);

  return capitalize_acronyms (words);
}

char *
curator_field_catalog_dup_label (const char *key_path,
                                 const char *key)
{
  const CuratorFieldInfo *info = curator_field_catalog_lookup (key_path);

  if (info != NULL)
    return g_strdup (_(info->label));

  return curator_label_from_key (key);
}

/* The singular of an English label derived from a key, on its last word:
 * "HDO types" → "HDO type", "Geography categories" → "Geography
 * category", "Aliases" → "Alias". */
static char *
dup_singular (const char *label)
{
  const char *last = strrchr (label, ' ');
  gsize len = strlen (label);
  gsize word_len;

  static const struct { const char *plural; const char *singular; } irregular[] = {
    { "people", "person" },
    { "children", "child" },
    { "criteria", "criterion" },
  };

  last = last != NULL ? last + 1 : label;
  word_len = len - (last - label);

  for (guint i = 0; i < G_N_ELEMENTS (irregular); i++)
    if (g_ascii_strcasecmp (last, irregular[i].plural) == 0)
      {
        g_autofree char *stem = g_strndup (label, last - label);
        g_autofree char *singular = g_strdup (irregular[i].singular);

        /* Keep the capital of a first word ("People" → "Person"). */
        if (g_ascii_isupper (last[0]))
          singular[0] = g_ascii_toupper (singular[0]);
        return g_strconcat (stem, singular, NULL);
      }

  /* An acronym: "IDs" has a singular, "US" does not. */
  if (lookup_acronym (last) != NULL)
    return g_strndup (label, g_str_has_suffix (last, "s") ? len - 1 : len);
  if (word_len < 3)
    return g_strdup (label);
  if (g_str_has_suffix (last, "ies") && word_len > 4)
    {
      g_autofree char *stem = g_strndup (label, len - 3);

      return g_strconcat (stem, "y", NULL);
    }
  if (g_str_has_suffix (last, "sses") || g_str_has_suffix (last, "shes") || g_str_has_suffix (last, "ches") ||
      g_str_has_suffix (last, "xes") || g_str_has_suffix (last, "uses") || g_str_has_suffix (last, "ases"))
    return g_strndup (label, len - 2);
  if (g_str_has_suffix (last, "s") && !g_str_has_suffix (last, "ss") &&
      !g_str_has_suffix (last, "us") && !g_str_has_suffix (last, "is"))
    return g_strndup (label, len - 1);

  return g_strdup (label);
}

char *
curator_field_catalog_dup_item_label (const char *list_path,
                                      guint       index)
{
  const CuratorFieldInfo *info;
  g_autofree char *item = NULL;

  g_return_val_if_fail (list_path != NULL, NULL);

  info = curator_field_catalog_lookup (list_path);
  if (info != NULL && info->item_label != NULL)
    item = g_strdup (_(info->item_label));
  else if (info != NULL)
    /* A translated label is not English: no guessing its singular. */
    item = g_strdup (_(info->label));
  else
    {
      g_autoptr(GPtrArray) segments = curator_key_path_parse (list_path, NULL);
      const char *key = list_path;
      g_autofree char *label = NULL;

      for (guint i = segments != NULL ? segments->len : 0; i > 0; i--)
        {
          CuratorKeyPathSegment *segment = g_ptr_array_index (segments, i - 1);

          if (segment->key != NULL)
            {
              key = segment->key;
              break;
            }
        }
      label = curator_label_from_key (key);
      item = dup_singular (label);
    }

  /* Translators: one item of a list: what an item is and its number,
   * "Tag 2". It is also the item's accessible name. */
  return g_strdup_printf (_("%s %u"), item, index + 1);
}

const char *
curator_field_catalog_get_item_title (const CuratorNode *item)
{
  static const char *titles[] = { "title", "name", "label", NULL };

  g_return_val_if_fail (item != NULL, NULL);

  if (curator_node_get_kind (item) != CURATOR_NODE_MAPPING)
    return NULL;

  for (guint i = 0; titles[i] != NULL; i++)
    {
      const CuratorNode *child = curator_node_lookup_key (item, titles[i]);
      const char *value = child != NULL && curator_node_get_kind (child) == CURATOR_NODE_SCALAR
                          ? curator_node_get_value (child) : NULL;

      if (value != NULL && value[0] != '\0')
        return value;
    }

  /* A field that says it is one: "measureName", "displayTitle". */
  for (guint i = 0; i < curator_node_get_n_children (item); i++)
    {
      const char *key = curator_node_get_key (item, i);
      const CuratorNode *child = curator_node_get_child (item, i);
      const char *value = curator_node_get_kind (child) == CURATOR_NODE_SCALAR
                          ? curator_node_get_value (child) : NULL;

      if ((g_str_has_suffix (key, "Name") || g_str_has_suffix (key, "Title") ||
           g_str_has_suffix (key, "_name") || g_str_has_suffix (key, "_title")) &&
          value != NULL && value[0] != '\0' && strchr (value, '\n') == NULL)
        return value;
    }

  return NULL;
}

typedef struct
{
  char *label;
  char *parent;  /* generic key path of the parent field, NULL at the top */
  char *key;
} FieldLabel;

static void
field_label_free (gpointer data)
{
  FieldLabel *field = data;

  g_free (field->label);
  g_free (field->parent);
  g_free (field->key);
  g_free (field);
}

/* Every field under @node, whose generic key path is @path, once per
 * generic key path (the items of a list share their fields' paths).
 * @path is left as it was given. */
static void
collect_fields (const CuratorNode *node,
                GString           *path,
                GHashTable        *fields)
{
  CuratorNodeKind kind = curator_node_get_kind (node);
  gsize length = path->len;

  if (kind == CURATOR_NODE_SEQUENCE)
    {
      for (guint i = 0; i < curator_node_get_n_children (node); i++)
        collect_fields (curator_node_get_child (node, i), path, fields);
      return;
    }

  if (kind != CURATOR_NODE_MAPPING)
    return;

  for (guint i = 0; i < curator_node_get_n_children (node); i++)
    {
      const char *key = curator_node_get_key (node, i);

      curator_key_path_append_key (path, key);
      if (!g_hash_table_contains (fields, path->str))
        {
          FieldLabel *field = g_new0 (FieldLabel, 1);

          field->label = curator_field_catalog_dup_label (path->str, key);
          field->parent = length > 0 ? g_strndup (path->str, length) : NULL;
          field->key = g_strdup (key);
          g_hash_table_insert (fields, g_strdup (path->str), field);
        }

      collect_fields (curator_node_get_child (node, i), path, fields);
      g_string_truncate (path, length);
    }
}

GHashTable *
curator_field_catalog_dup_labels (const CuratorNode *root)
{
  g_autoptr(GHashTable) fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, field_label_free);
  g_autoptr(GHashTable) uses = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTable *labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer path, value;

  if (root != NULL)
    {
      g_autoptr(GString) root_path = g_string_new (NULL);

      collect_fields (root, root_path, fields);
    }

  g_hash_table_iter_init (&iter, fields);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      FieldLabel *field = value;

      g_hash_table_insert (uses, field->label,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (uses, field->label)) + 1));
    }

  g_hash_table_iter_init (&iter, fields);
  while (g_hash_table_iter_next (&iter, &path, &value))
    {
      FieldLabel *field = value;
      g_autoptr(GString) context = NULL;

      if (GPOINTER_TO_UINT (g_hash_table_lookup (uses, field->label)) < 2)
        {
          g_hash_table_insert (labels, g_strdup (path), g_strdup (field->label));
          continue;
        }

      /* Said twice: a nested field says where it is ("Featured image ›
       * Attachment"); of two top-level fields, each says its key. */
      context = g_string_new (NULL);
      for (const char *parent = field->parent; parent != NULL;)
        {
          FieldLabel *above = g_hash_table_lookup (fields, parent);

          if (above == NULL)
            break;
          if (context->len > 0)
            /* Translators: between the names of a field and of the group
             * it is in, "Featured image › Attachment". */
            g_string_prepend (context, _(" › "));
          g_string_prepend (context, above->label);
          parent = above->parent;
        }

      if (context->len == 0 && field->parent == NULL)
        {
          gboolean shared_at_top = FALSE;
          GHashTableIter other;
          gpointer other_value;

          g_hash_table_iter_init (&other, fields);
          while (!shared_at_top && g_hash_table_iter_next (&other, NULL, &other_value))
            {
              FieldLabel *o = other_value;

              shared_at_top = o != field && o->parent == NULL && g_strcmp0 (o->label, field->label) == 0;
            }
          /* The top-level one of a pair is the field the label names. */
          if (!shared_at_top)
            {
              g_hash_table_insert (labels, g_strdup (path), g_strdup (field->label));
              continue;
            }
          g_string_append (context, field->key);
        }

      /* Translators: a field's label and, in brackets, where it is:
       * "Link (Source link)". */
      g_hash_table_insert (labels, g_strdup (path), g_strdup_printf (_("%s (%s)"), field->label, context->str));
    }

  return labels;
}

const char *
curator_field_catalog_get_help (const char *key_path)
{
  const CuratorFieldInfo *info = curator_field_catalog_lookup (key_path);

  if (info != NULL && info->help != NULL)
    return _(info->help);

  return NULL;
}

CuratorFieldGroup
curator_field_catalog_get_group (const char *key)
{
  const CuratorFieldInfo *info = g_hash_table_lookup (get_known_fields (), key);

  return info != NULL ? info->group : CURATOR_FIELD_GROUP_OTHER;
}

int
curator_field_catalog_get_order (const char *key)
{
  const CuratorFieldInfo *info = g_hash_table_lookup (get_known_fields (), key);

  return info != NULL ? (int)(info - known_fields) : -1;
}

const char *
curator_field_group_get_title (CuratorFieldGroup group)
{
  switch (group)
    {
    case CURATOR_FIELD_GROUP_CONTENT:
      return _("Content");
    case CURATOR_FIELD_GROUP_SOURCE_LINK:
      return _("Source Link");
    case CURATOR_FIELD_GROUP_TAXONOMY:
      return _("Taxonomy");
    case CURATOR_FIELD_GROUP_MEDIA:
      return _("Media");
    case CURATOR_FIELD_GROUP_PUBLISHING:
      return _("Publishing");
    case CURATOR_FIELD_GROUP_OTHER:
    case CURATOR_N_FIELD_GROUPS:
    default:
      return _("Everything Else");
    }
}

CuratorFieldCheck
curator_field_catalog_get_check (const char *key_path)
{
  const CuratorFieldInfo *info = curator_field_catalog_lookup (key_path);

  return info != NULL ? info->check : CURATOR_FIELD_CHECK_NONE;
}

gboolean
curator_text_looks_like_date (const char *text)
{
  static GRegex *date_regex;

  if (date_regex == NULL)
    date_regex = g_regex_new ("^(\\d{4}-\\d{2}-\\d{2}([Tt ]\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d+)?)?\\s*(Z|z|[+-]\\d{2}(:?\\d{2})?)?)?"
                                            "|\\d{2}/\\d{2}/\\d{4})$",
                              G_REGEX_OPTIMIZE, 0, NULL);

  return text != NULL && g_regex_match (date_regex, text, 0, NULL);
}

static gboolean
text_looks_like_url (const char *text)
{
  return g_str_has_prefix (text, "https://") || g_str_has_prefix (text, "http://");
}

CuratorFieldKind
curator_field_catalog_kind_for_node (const char        *key_path,
                                     const CuratorNode *node)
{
  CuratorFieldCheck check = curator_field_catalog_get_check (key_path);

  g_return_val_if_fail (node != NULL, CURATOR_FIELD_KIND_READ_ONLY);

  switch (curator_node_get_kind (node))
    {
    case CURATOR_NODE_ALIAS:
      return CURATOR_FIELD_KIND_READ_ONLY;

    case CURATOR_NODE_MAPPING:
      return CURATOR_FIELD_KIND_MAP;

    case CURATOR_NODE_SEQUENCE:
      for (guint i = 0; i < curator_node_get_n_children (node); i++)
        if (curator_node_get_kind (curator_node_get_child (node, i)) != CURATOR_NODE_SCALAR)
          return CURATOR_FIELD_KIND_MAP_LIST;
      return CURATOR_FIELD_KIND_STRING_LIST;

    case CURATOR_NODE_SCALAR:
    default:
      break;
    }

  if (curator_node_get_anchor (node) != NULL)
    return CURATOR_FIELD_KIND_READ_ONLY;

  if (curator_node_is_yaml11_ambiguous (node))
    return CURATOR_FIELD_KIND_TEXT;

  switch (curator_node_get_scalar_type (node))
    {
    case CURATOR_SCALAR_BOOL:
      return CURATOR_FIELD_KIND_BOOL;
    case CURATOR_SCALAR_INT:
      return CURATOR_FIELD_KIND_INT;
    case CURATOR_SCALAR_FLOAT:
      return CURATOR_FIELD_KIND_FLOAT;
    case CURATOR_SCALAR_TIMESTAMP:
      return CURATOR_FIELD_KIND_DATE;
    case CURATOR_SCALAR_NULL:
    case CURATOR_SCALAR_STRING:
    case CURATOR_SCALAR_AUTO:
    default:
      break;
    }

  {
    const char *value = curator_node_get_value (node);
    CuratorNodeStyle style = curator_node_get_style (node);
    g_autoptr(GPtrArray) items = NULL;

    if (value == NULL)
      value = "";

    if (check == CURATOR_FIELD_CHECK_URL || text_looks_like_url (value))
      return CURATOR_FIELD_KIND_URL;
    if (check == CURATOR_FIELD_CHECK_DATE || curator_text_looks_like_date (value))
      return CURATOR_FIELD_KIND_DATE;
    if (value[0] == '[' && (items = curator_json_parse_string_list (value, NULL)) != NULL)
      return CURATOR_FIELD_KIND_JSON_LIST;
    if (style == CURATOR_NODE_STYLE_LITERAL || style == CURATOR_NODE_STYLE_FOLDED ||
        strchr (value, '\n') != NULL || g_utf8_strlen (value, -1) > 90 ||
        g_strcmp0 (key_path, "description") == 0 || g_strcmp0 (key_path, "summary") == 0)
      return CURATOR_FIELD_KIND_LONG_TEXT;
  }

  return CURATOR_FIELD_KIND_TEXT;
}

char *
curator_field_check_value (CuratorFieldCheck  check,
                           const char        *value)
{
  static GRegex *slug_regex;

  if (value == NULL)
    value = "";

  if (check == CURATOR_FIELD_CHECK_REQUIRED)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (value));

      return stripped[0] == '\0' ? g_strdup (_("This field is required")) : NULL;
    }

  if (value[0] == '\0')
    return NULL;

  switch (check)
    {
    case CURATOR_FIELD_CHECK_URL:
      {
        g_autoptr(GUri) uri = g_uri_parse (value, G_URI_FLAGS_NONE, NULL);
        const char *scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;

        if (uri == NULL || g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0' ||
            (g_strcmp0 (scheme, "http") != 0 && g_strcmp0 (scheme, "https") != 0))
          return g_strdup (_("Not a web address: it should start with https://"));
        return NULL;
      }

    case CURATOR_FIELD_CHECK_DATE:
      return curator_text_looks_like_date (value)
        ? NULL : g_strdup (_("Not a date: use 2024-03-18 or 2024-03-18T14:05:00Z"));

    case CURATOR_FIELD_CHECK_SLUG:
      if (slug_regex == NULL)
        slug_regex = g_regex_new ("^[a-z0-9]+(-[a-z0-9]+)*$", G_REGEX_OPTIMIZE, 0, NULL);
      return g_regex_match (slug_regex, value, 0, NULL)
        ? NULL : g_strdup (_("Use lower-case letters, digits and single hyphens only"));

    case CURATOR_FIELD_CHECK_NONE:
    case CURATOR_FIELD_CHECK_REQUIRED:
    default:
      return NULL;
    }
}

