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
  { "author", N_("Authors"), N_("Who curated or wrote the item"), CURATOR_FIELD_GROUP_CONTENT, CURATOR_FIELD_CHECK_NONE },
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
  { "openProjectCustomFields.medigyTopics", N_("Medigy topics"), N_("Stored as JSON text in the file"), CURATOR_FIELD_GROUP_SOURCE_LINK, CURATOR_FIELD_CHECK_NONE },
  /* Taxonomy */
  { "tags", N_("Tags"), N_("Keywords that group related items"), CURATOR_FIELD_GROUP_TAXONOMY, CURATOR_FIELD_CHECK_NONE },
  { "categories", N_("Categories"), NULL, CURATOR_FIELD_GROUP_TAXONOMY, CURATOR_FIELD_CHECK_NONE },
  { "communityTopics", N_("Community topics"), N_("The community topics the item is filed under"), CURATOR_FIELD_GROUP_TAXONOMY, CURATOR_FIELD_CHECK_NONE },
  { "contentCategories", N_("Content category"), NULL, CURATOR_FIELD_GROUP_TAXONOMY, CURATOR_FIELD_CHECK_NONE },
  { "breadcrumbs", N_("Breadcrumbs"), N_("The trail of page names above this item"), CURATOR_FIELD_GROUP_TAXONOMY, CURATOR_FIELD_CHECK_NONE },
  { "breadcrumbLinks", N_("Breadcrumb links"), N_("One path per breadcrumb, in the same order"), CURATOR_FIELD_GROUP_TAXONOMY, CURATOR_FIELD_CHECK_NONE },
  { "searchCategory", N_("Search category"), NULL, CURATOR_FIELD_GROUP_TAXONOMY, CURATOR_FIELD_CHECK_NONE },
  { "topics", N_("Topics"), NULL, CURATOR_FIELD_GROUP_TAXONOMY, CURATOR_FIELD_CHECK_NONE },
  /* Media */
  { "featuredImage", N_("Featured image"), N_("The picture shown with the item"), CURATOR_FIELD_GROUP_MEDIA, CURATOR_FIELD_CHECK_NONE },
  { "featuredImage.href", N_("Image file"), NULL, CURATOR_FIELD_GROUP_MEDIA, CURATOR_FIELD_CHECK_NONE },
  { "featuredImage.alt", N_("Alternative text"), N_("Describes the image for people who cannot see it"), CURATOR_FIELD_GROUP_MEDIA, CURATOR_FIELD_CHECK_NONE },
  { "featuredImage.format", N_("Format"), NULL, CURATOR_FIELD_GROUP_MEDIA, CURATOR_FIELD_CHECK_NONE },
  { "featuredImage.size", N_("Size"), N_("Width and height in pixels"), CURATOR_FIELD_GROUP_MEDIA, CURATOR_FIELD_CHECK_NONE },
  { "featuredImage.valid", N_("Image is valid"), NULL, CURATOR_FIELD_GROUP_MEDIA, CURATOR_FIELD_CHECK_NONE },
  { "featuredImg", N_("Featured image"), NULL, CURATOR_FIELD_GROUP_MEDIA, CURATOR_FIELD_CHECK_NONE },
  { "ogImage", N_("Open Graph image"), NULL, CURATOR_FIELD_GROUP_MEDIA, CURATOR_FIELD_CHECK_NONE },
  { "images", N_("Images"), NULL, CURATOR_FIELD_GROUP_MEDIA, CURATOR_FIELD_CHECK_NONE },
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
  { "aliases", N_("Aliases"), N_("Old addresses that redirect here"), CURATOR_FIELD_GROUP_PUBLISHING, CURATOR_FIELD_CHECK_NONE },
  { "type", N_("Content type"), NULL, CURATOR_FIELD_GROUP_PUBLISHING, CURATOR_FIELD_CHECK_NONE },
  { "layout", N_("Layout"), NULL, CURATOR_FIELD_GROUP_PUBLISHING, CURATOR_FIELD_CHECK_NONE },
  { "id", N_("ID"), NULL, CURATOR_FIELD_GROUP_PUBLISHING, CURATOR_FIELD_CHECK_NONE },
  { "weight", N_("Weight"), N_("Lower weights sort first"), CURATOR_FIELD_GROUP_PUBLISHING, CURATOR_FIELD_CHECK_NONE },
  { "sub", N_("Sub-type"), NULL, CURATOR_FIELD_GROUP_PUBLISHING, CURATOR_FIELD_CHECK_NONE },
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

char *
curator_label_from_key (const char *key)
{
  GString *out;
  gboolean first = TRUE;

  g_return_val_if_fail (key != NULL, NULL);

  out = g_string_new (NULL);

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
curator_field_catalog_dup_label (const char *key_path,
                                 const char *key)
{
  const CuratorFieldInfo *info = curator_field_catalog_lookup (key_path);

  if (info != NULL)
    return g_strdup (_(info->label));

  return curator_label_from_key (key);
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

