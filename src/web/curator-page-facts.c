/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-page-facts"

#include "config.h"

#include "curator-page-facts.h"

#include "curator-main-content.h"

#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

/* Longer values are cut: a fact is a line in a form, not an article. */
#define MAX_FACT_CHARS 2000
/* A byline longer than this is a paragraph, not names. */
#define MAX_BYLINE_CHARS 100

struct _CuratorPageFacts
{
  GObject  parent_instance;

  char    *facts[CURATOR_N_PAGE_FACTS];
  char    *base;
};

G_DEFINE_FINAL_TYPE (CuratorPageFacts, curator_page_facts, G_TYPE_OBJECT)

static GParamSpec *properties[CURATOR_N_PAGE_FACTS + 1];

static const char * const fact_names[CURATOR_N_PAGE_FACTS] = {
  "url", "canonical", "title", "description", "author", "published", "site", "image", "language",
};

static void
curator_page_facts_finalize (GObject *object)
{
  CuratorPageFacts *self = CURATOR_PAGE_FACTS (object);

  for (guint i = 0; i < CURATOR_N_PAGE_FACTS; i++)
    g_free (self->facts[i]);
  g_free (self->base);

  G_OBJECT_CLASS (curator_page_facts_parent_class)->finalize (object);
}

static void
curator_page_facts_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CuratorPageFacts *self = CURATOR_PAGE_FACTS (object);

  if (prop_id >= 1 && prop_id <= CURATOR_N_PAGE_FACTS)
    g_value_set_string (value, self->facts[prop_id - 1]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
curator_page_facts_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  CuratorPageFacts *self = CURATOR_PAGE_FACTS (object);

  if (prop_id >= 1 && prop_id <= CURATOR_N_PAGE_FACTS)
    curator_page_facts_set (self, prop_id - 1, g_value_get_string (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
curator_page_facts_class_init (CuratorPageFactsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = curator_page_facts_finalize;
  object_class->get_property = curator_page_facts_get_property;
  object_class->set_property = curator_page_facts_set_property;

  for (guint i = 0; i < CURATOR_N_PAGE_FACTS; i++)
    properties[i + 1] = g_param_spec_string (fact_names[i], NULL, NULL, NULL,
                                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                             G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, CURATOR_N_PAGE_FACTS + 1, properties);
}

static void
curator_page_facts_init (CuratorPageFacts *self)
{
}

CuratorPageFacts *
curator_page_facts_new (void)
{
  return g_object_new (CURATOR_TYPE_PAGE_FACTS, NULL);
}

const char *
curator_page_fact_get_name (CuratorPageFact fact)
{
  g_return_val_if_fail (fact < CURATOR_N_PAGE_FACTS, NULL);

  return fact_names[fact];
}

int
curator_page_fact_from_name (const char *name)
{
  g_return_val_if_fail (name != NULL, -1);

  for (guint i = 0; i < CURATOR_N_PAGE_FACTS; i++)
    if (strcmp (name, fact_names[i]) == 0)
      return i;
  return -1;
}

const char *
curator_page_facts_get (CuratorPageFacts *self,
                        CuratorPageFact   fact)
{
  g_return_val_if_fail (CURATOR_IS_PAGE_FACTS (self), NULL);
  g_return_val_if_fail (fact < CURATOR_N_PAGE_FACTS, NULL);

  return self->facts[fact];
}

void
curator_page_facts_set (CuratorPageFacts *self,
                        CuratorPageFact   fact,
                        const char       *value)
{
  g_return_if_fail (CURATOR_IS_PAGE_FACTS (self));
  g_return_if_fail (fact < CURATOR_N_PAGE_FACTS);

  if (value != NULL && value[0] == '\0')
    value = NULL;
  if (g_strcmp0 (self->facts[fact], value) == 0)
    return;
  g_free (self->facts[fact]);
  self->facts[fact] = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[fact + 1]);
}

void
curator_page_facts_merge (CuratorPageFacts *self,
                          CuratorPageFacts *other)
{
  g_return_if_fail (CURATOR_IS_PAGE_FACTS (self));
  g_return_if_fail (CURATOR_IS_PAGE_FACTS (other));

  for (guint i = 0; i < CURATOR_N_PAGE_FACTS; i++)
    if (self->facts[i] == NULL && other->facts[i] != NULL)
      curator_page_facts_set (self, i, other->facts[i]);
}

const char *
curator_page_facts_get_base (CuratorPageFacts *self)
{
  g_return_val_if_fail (CURATOR_IS_PAGE_FACTS (self), NULL);

  if (self->base != NULL)
    return self->base;
  if (self->facts[CURATOR_PAGE_FACT_URL] != NULL)
    return self->facts[CURATOR_PAGE_FACT_URL];
  return self->facts[CURATOR_PAGE_FACT_CANONICAL];
}

char *
curator_page_facts_to_json (CuratorPageFacts *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (CURATOR_IS_PAGE_FACTS (self), NULL);

  json_builder_begin_object (builder);
  for (guint i = 0; i < CURATOR_N_PAGE_FACTS; i++)
    {
      json_builder_set_member_name (builder, fact_names[i]);
      if (self->facts[i] != NULL)
        json_builder_add_string_value (builder, self->facts[i]);
      else
        json_builder_add_null_value (builder);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

/* URLs */

char *
curator_page_facts_resolve_url (const char *base,
                                const char *href)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GString) clean = NULL;
  const char *scheme;

  if (href == NULL)
    return NULL;

  /* As browsers read an address: ASCII tabs and newlines anywhere are
   * dropped, spaces and controls at the ends trimmed. */
  clean = g_string_new (NULL);
  for (const char *p = href; *p != '\0'; p++)
    if (*p != '\t' && *p != '\n' && *p != '\r')
      g_string_append_c (clean, *p);
  while (clean->len > 0 && (guchar) clean->str[clean->len - 1] <= ' ')
    g_string_truncate (clean, clean->len - 1);
  while (clean->len > 0 && (guchar) clean->str[0] <= ' ')
    g_string_erase (clean, 0, 1);
  if (clean->len == 0)
    return NULL;

  if (base != NULL)
    {
      g_autoptr(GUri) base_uri = g_uri_parse (base, G_URI_FLAGS_PARSE_RELAXED | G_URI_FLAGS_ENCODED, NULL);

      if (base_uri != NULL)
        uri = g_uri_parse_relative (base_uri, clean->str,
                                    G_URI_FLAGS_PARSE_RELAXED | G_URI_FLAGS_ENCODED, NULL);
    }
  if (uri == NULL)
    uri = g_uri_parse (clean->str, G_URI_FLAGS_PARSE_RELAXED | G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL)
    return NULL;

  scheme = g_uri_get_scheme (uri);
  if (scheme == NULL ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0) ||
      g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    return NULL;

  return g_uri_to_string (uri);
}

/* Dates */

static gboolean
read_digits (const char **p,
             guint        count,
             int         *value)
{
  int result = 0;

  for (guint i = 0; i < count; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      result = result * 10 + ((*p)[i] - '0');
    }
  *p += count;
  *value = result;
  return TRUE;
}

static int
month_from_name (const char *p,
                 const char **end)
{
  static const char * const months[] = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
  };

  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    {
      if (g_ascii_strncasecmp (p, months[i], 3) == 0)
        {
          const char *q = p + 3;

          while (g_ascii_isalpha (*q))
            q++;
          if (*q == '.')
            q++;
          *end = q;
          return i + 1;
        }
    }
  return 0;
}

static gboolean
valid_date (int year,
            int month,
            int day)
{
  return year >= 1000 && year <= 9999 && g_date_valid_dmy (day, month, year);
}

/* "T09:30", ":00", ".123", then "Z", "+01:00", "+0100", " GMT", " UTC". */
static gboolean
read_time (const char *p,
           GString    *out)
{
  int hour, minute, second = 0;
  int offset_hours, offset_minutes = 0;

  if (!read_digits (&p, 2, &hour) || *p != ':')
    return FALSE;
  p++;
  if (!read_digits (&p, 2, &minute))
    return FALSE;
  if (*p == ':')
    {
      p++;
      if (!read_digits (&p, 2, &second))
        return FALSE;
      if (*p == '.' || *p == ',')
        {
          p++;
          while (g_ascii_isdigit (*p))
            p++;
        }
    }
  if (hour > 23 || minute > 59 || second > 60)
    return FALSE;

  g_string_append_printf (out, "T%02d:%02d:%02d", hour, minute, second);

  while (*p == ' ')
    p++;
  if (*p == 'Z' || *p == 'z' || g_ascii_strncasecmp (p, "GMT", 3) == 0 ||
      g_ascii_strncasecmp (p, "UTC", 3) == 0)
    {
      const char *after = *p == 'Z' || *p == 'z' ? p + 1 : p + 3;

      /* "GMT+0100" */
      if (*after == '+' || *after == '-')
        p = after;
      else
        {
          g_string_append_c (out, 'Z');
          return TRUE;
        }
    }
  if (*p == '+' || *p == '-')
    {
      char sign = *p++;

      if (!read_digits (&p, 2, &offset_hours))
        return TRUE;
      if (*p == ':')
        p++;
      read_digits (&p, 2, &offset_minutes);
      if (offset_hours > 14 || offset_minutes > 59)
        return TRUE;
      if (offset_hours == 0 && offset_minutes == 0)
        g_string_append_c (out, 'Z');
      else
        g_string_append_printf (out, "%c%02d:%02d", sign, offset_hours, offset_minutes);
    }
  return TRUE;
}

char *
curator_page_facts_normalize_date (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p;
  int year = 0, month = 0, day = 0;

  if (text == NULL)
    return NULL;

  p = text;
  while (g_ascii_isspace (*p))
    p++;

  if (read_digits (&p, 4, &year) && (*p == '-' || *p == '/' || *p == '.'))
    {
      /* 2024-03-05, 2024/03/05, 2024-3-5 */
      char separator = *p++;

      if (!g_ascii_isdigit (*p))
        return NULL;
      month = *p++ - '0';
      if (g_ascii_isdigit (*p))
        month = month * 10 + (*p++ - '0');
      if (*p++ != separator || !g_ascii_isdigit (*p))
        return NULL;
      day = *p++ - '0';
      if (g_ascii_isdigit (*p))
        day = day * 10 + (*p++ - '0');
    }
  else if (year > 0 && g_ascii_isdigit (*p) && strlen (text) >= 8)
    {
      /* 20240305 (and 20240305T0930...) */
      if (!read_digits (&p, 2, &month) || !read_digits (&p, 2, &day))
        return NULL;
    }
  else
    {
      /* Tue, 05 Mar 2024 10:00:00 GMT; 5 March 2024; March 5, 2024 */
      const char *q = text;
      const char *after;
      int first = 0;

      year = month = day = 0;
      while (g_ascii_isspace (*q))
        q++;
      /* A leading day name. */
      while (g_ascii_isalpha (*q) && month_from_name (q, &after) == 0)
        q++;
      while (*q == ',' || g_ascii_isspace (*q))
        q++;
      if (g_ascii_isdigit (*q))
        {
          while (g_ascii_isdigit (*q))
            first = first * 10 + (*q++ - '0');
          while (*q == ' ' || *q == '-' || *q == '.')
            q++;
          month = month_from_name (q, &after);
          day = first;
        }
      else
        {
          month = month_from_name (q, &after);
          if (month > 0)
            {
              q = after;
              while (*q == ' ')
                q++;
              while (g_ascii_isdigit (*q))
                day = day * 10 + (*q++ - '0');
              while (g_ascii_isalpha (*q))
                q++; /* 5th */
              after = q;
            }
        }
      if (month == 0)
        return NULL;
      q = after;
      while (*q == ',' || *q == ' ' || *q == '-' || *q == '.')
        q++;
      if (!read_digits (&q, 4, &year))
        return NULL;
      p = q;
    }

  if (!valid_date (year, month, day))
    return NULL;
  g_string_append_printf (out, "%04d-%02d-%02d", year, month, day);

  /* The time, if any. */
  while (*p == ' ' || *p == ',')
    p++;
  if (*p == 'T' || *p == 't')
    p++;
  if (g_ascii_isdigit (*p))
    read_time (p, out);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Collected from one walk of the page. */
typedef struct
{
  GHashTable *meta;           /* property, name or itemprop (lower case) -> first content */
  char       *title;          /* <title> */
  char       *language;       /* <html lang> */
  char       *base_href;
  char       *canonical_href;
  char       *image_src_href;
  char       *h1;
  char       *time_published; /* <time pubdate> or itemprop=datePublished */
  char       *time_first;     /* the first <time datetime> outside furniture */
  char       *item_author;    /* itemprop=author */
  char       *byline;         /* rel=author, .byline, .author */
  GPtrArray  *json_ld;        /* the text of each application/ld+json script */
} Collected;

static void
collected_clear (Collected *collected)
{
  g_clear_pointer (&collected->meta, g_hash_table_unref);
  g_clear_pointer (&collected->title, g_free);
  g_clear_pointer (&collected->language, g_free);
  g_clear_pointer (&collected->base_href, g_free);
  g_clear_pointer (&collected->canonical_href, g_free);
  g_clear_pointer (&collected->image_src_href, g_free);
  g_clear_pointer (&collected->h1, g_free);
  g_clear_pointer (&collected->time_published, g_free);
  g_clear_pointer (&collected->time_first, g_free);
  g_clear_pointer (&collected->item_author, g_free);
  g_clear_pointer (&collected->byline, g_free);
  g_clear_pointer (&collected->json_ld, g_ptr_array_unref);
}

static gboolean
has_word (const char *list,
          const char *word)
{
  g_auto(GStrv) words = NULL;

  if (list == NULL)
    return FALSE;
  words = g_strsplit_set (list, " \t\n\r\f", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (g_ascii_strcasecmp (words[i], word) == 0)
      return TRUE;
  return FALSE;
}

static void
add_meta (Collected  *collected,
          const char *keys,
          const char *content)
{
  g_auto(GStrv) names = NULL;

  if (keys == NULL || content == NULL)
    return;

  /* property="og:title twitter:title" names both. */
  names = g_strsplit_set (keys, " \t\n\r\f", -1);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;

      if (names[i][0] == '\0')
        continue;
      value = curator_html_collapse_whitespace (content);
      if (value[0] == '\0')
        continue;
      key = g_ascii_strdown (names[i], -1);
      if (!g_hash_table_contains (collected->meta, key))
        g_hash_table_insert (collected->meta, g_steal_pointer (&key), g_steal_pointer (&value));
    }
}

static gboolean
inside_furniture (const GumboNode *node)
{
  for (const GumboNode *up = node->parent; up != NULL; up = up->parent)
    if (curator_main_content_is_furniture (up))
      return TRUE;
  return FALSE;
}

static gboolean
is_byline_element (const GumboNode *node)
{
  const char *class_name = curator_html_get_attribute (node, "class");
  const char *id = curator_html_get_attribute (node, "id");
  g_autofree char *names = g_strjoin (" ", class_name ? class_name : "", id ? id : "", NULL);
  g_autofree char *lower = g_ascii_strdown (names, -1);

  if (has_word (curator_html_get_attribute (node, "rel"), "author"))
    return TRUE;
  /* byline, post-author, author-name, but not author-bio or authors-list. */
  return strstr (lower, "byline") != NULL ||
         (strstr (lower, "author") != NULL && strstr (lower, "bio") == NULL &&
          strstr (lower, "avatar") == NULL && strstr (lower, "description") == NULL &&
          strstr (lower, "box") == NULL);
}

static char *
itemprop_value (const GumboNode *node)
{
  const char *value = curator_html_get_attribute (node, "content");

  if (value == NULL)
    value = curator_html_get_attribute (node, "datetime");
  if (value != NULL)
    return curator_html_collapse_whitespace (value);
  return curator_html_dup_text (node);
}

/* The name inside an itemprop=author element: a nested itemprop=name, else
 * its own text. */
static char *
item_author_name (GumboNode *node)
{
  GumboNode *current = node;

  while (current != NULL)
    {
      if (current != node && has_word (curator_html_get_attribute (current, "itemprop"), "name"))
        return itemprop_value (current);
      current = curator_html_next (current, node, FALSE);
    }
  return itemprop_value (node);
}

static void
collect (Collected           *collected,
         CuratorHtmlDocument *document)
{
  GumboNode *root = curator_html_document_get_document (document);
  GumboNode *node = root;
  GumboNode *html = curator_html_document_get_root (document);
  const char *lang = curator_html_get_attribute (html, "lang");

  if (lang == NULL)
    lang = curator_html_get_attribute (html, "xml:lang");
  if (lang != NULL)
    collected->language = g_strdup (lang);

  while (node != NULL)
    {
      gboolean skip = FALSE;

      if (node->type == GUMBO_NODE_ELEMENT && node->v.element.tag_namespace == GUMBO_NAMESPACE_HTML)
        {
          const char *itemprop = curator_html_get_attribute (node, "itemprop");

          switch (node->v.element.tag)
            {
            case GUMBO_TAG_META:
              {
                const char *content = curator_html_get_attribute (node, "content");

                add_meta (collected, curator_html_get_attribute (node, "property"), content);
                add_meta (collected, curator_html_get_attribute (node, "name"), content);
                add_meta (collected, itemprop, content);
                add_meta (collected, curator_html_get_attribute (node, "http-equiv"), content);
                itemprop = NULL;
              }
              break;

            case GUMBO_TAG_LINK:
              {
                const char *rel = curator_html_get_attribute (node, "rel");
                const char *href = curator_html_get_attribute (node, "href");

                if (href != NULL && has_word (rel, "canonical") && collected->canonical_href == NULL)
                  collected->canonical_href = g_strdup (href);
                if (href != NULL && has_word (rel, "image_src") && collected->image_src_href == NULL)
                  collected->image_src_href = g_strdup (href);
                itemprop = NULL;
              }
              break;

            case GUMBO_TAG_BASE:
              if (collected->base_href == NULL && curator_html_get_attribute (node, "href") != NULL)
                collected->base_href = g_strdup (curator_html_get_attribute (node, "href"));
              break;

            case GUMBO_TAG_TITLE:
              if (collected->title == NULL)
                collected->title = curator_html_dup_text (node);
              skip = TRUE;
              break;

            case GUMBO_TAG_SCRIPT:
              {
                const char *type = curator_html_get_attribute (node, "type");
                GumboVector *children = &node->v.element.children;

                if (type != NULL && g_ascii_strncasecmp (type, "application/ld+json", 19) == 0 &&
                    children->length > 0 &&
                    ((GumboNode *) children->data[0])->type == GUMBO_NODE_TEXT)
                  g_ptr_array_add (collected->json_ld,
                                   g_strdup (((GumboNode *) children->data[0])->v.text.text));
                skip = TRUE;
              }
              break;

            case GUMBO_TAG_STYLE:
            case GUMBO_TAG_TEMPLATE:
              skip = TRUE;
              break;

            case GUMBO_TAG_H1:
              if (collected->h1 == NULL)
                collected->h1 = curator_html_dup_text (node);
              break;

            case GUMBO_TAG_TIME:
              {
                const char *datetime = curator_html_get_attribute (node, "datetime");

                if (datetime == NULL)
                  break;
                if (collected->time_published == NULL &&
                    (curator_html_get_attribute (node, "pubdate") != NULL ||
                     has_word (itemprop, "datePublished")))
                  collected->time_published = g_strdup (datetime);
                else if (collected->time_first == NULL && !inside_furniture (node))
                  collected->time_first = g_strdup (datetime);
                itemprop = NULL;
              }
              break;

            default:
              break;
            }

          if (itemprop != NULL)
            {
              if (has_word (itemprop, "datePublished") && collected->time_published == NULL)
                collected->time_published = itemprop_value (node);
              if (has_word (itemprop, "author") && collected->item_author == NULL)
                collected->item_author = item_author_name (node);
            }

          if (collected->byline == NULL && node->v.element.tag != GUMBO_TAG_META &&
              node->v.element.tag != GUMBO_TAG_LINK && node->v.element.tag != GUMBO_TAG_BODY &&
              node->v.element.tag != GUMBO_TAG_HTML && is_byline_element (node) &&
              !inside_furniture (node))
            {
              g_autofree char *text = curator_html_dup_text (node);

              if (text[0] != '\0' && g_utf8_strlen (text, -1) <= MAX_BYLINE_CHARS)
                collected->byline = g_steal_pointer (&text);
            }
        }
      else if (node->type == GUMBO_NODE_ELEMENT)
        {
          /* svg and math: their <title> is not the page's. */
          skip = TRUE;
        }

      node = curator_html_next (node, root, skip);
    }
}

/* JSON-LD */

typedef struct
{
  GPtrArray  *parsers;  /* JsonParser: they own the nodes below */
  GPtrArray  *objects;  /* JsonObject, every object of every block and @graph */
  GHashTable *ids;      /* "@id" -> JsonObject */
} JsonLd;

static void
json_ld_clear (JsonLd *json_ld)
{
  g_clear_pointer (&json_ld->objects, g_ptr_array_unref);
  g_clear_pointer (&json_ld->ids, g_hash_table_unref);
  g_clear_pointer (&json_ld->parsers, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (JsonLd, json_ld_clear)

static void
json_ld_add (JsonLd   *json_ld,
             JsonNode *node,
             guint     depth)
{
  if (node == NULL || depth > 8)
    return;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        json_ld_add (json_ld, json_array_get_element (array, i), depth + 1);
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      JsonNode *id = json_object_get_member (object, "@id");

      g_ptr_array_add (json_ld->objects, object);
      if (id != NULL && JSON_NODE_HOLDS_VALUE (id) && json_node_get_value_type (id) == G_TYPE_STRING &&
          json_object_get_size (object) > 1 &&
          !g_hash_table_contains (json_ld->ids, json_node_get_string (id)))
        g_hash_table_insert (json_ld->ids, (gpointer) json_node_get_string (id), object);

      json_ld_add (json_ld, json_object_get_member (object, "@graph"), depth + 1);
      /* A WebPage whose mainEntity is the article. */
      json_ld_add (json_ld, json_object_get_member (object, "mainEntity"), depth + 1);
    }
}

static void
json_ld_parse (JsonLd    *json_ld,
               GPtrArray *blocks)
{
  json_ld->parsers = g_ptr_array_new_with_free_func (g_object_unref);
  json_ld->objects = g_ptr_array_new ();
  json_ld->ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < blocks->len; i++)
    {
      g_autoptr(GString) text = g_string_new (g_ptr_array_index (blocks, i));
      JsonParser *parser = json_parser_new_immutable ();
      char *start;

      /* Some pages wrap the block in a CDATA section or a comment. */
      g_strstrip (text->str);
      g_string_set_size (text, strlen (text->str));
      for (const char * const *wrapper = (const char * const[]) { "//<![CDATA[", "<![CDATA[", "<!--", NULL };
           *wrapper != NULL; wrapper++)
        if (g_str_has_prefix (text->str, *wrapper))
          g_string_erase (text, 0, strlen (*wrapper));
      for (const char * const *wrapper = (const char * const[]) { "//]]>", "]]>", "-->", NULL };
           *wrapper != NULL; wrapper++)
        if (g_str_has_suffix (text->str, *wrapper))
          g_string_truncate (text, text->len - strlen (*wrapper));
      start = text->str;

      if (!json_parser_load_from_data (parser, start, -1, NULL))
        {
          g_object_unref (parser);
          continue;
        }
      g_ptr_array_add (json_ld->parsers, parser);
      json_ld_add (json_ld, json_parser_get_root (parser), 0);
    }
}

/* The object a reference ({"@id": "..."}) points to, or @object itself. */
static JsonObject *
json_ld_resolve (JsonLd     *json_ld,
                 JsonObject *object)
{
  JsonNode *id = json_object_get_member (object, "@id");

  if (id != NULL && json_object_get_size (object) == 1 && JSON_NODE_HOLDS_VALUE (id) &&
      json_node_get_value_type (id) == G_TYPE_STRING)
    {
      JsonObject *target = g_hash_table_lookup (json_ld->ids, json_node_get_string (id));

      if (target != NULL)
        return target;
    }
  return object;
}

static gboolean
type_matches (JsonObject         *object,
              const char * const *types)
{
  JsonNode *type = json_object_get_member (object, "@type");
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  if (type == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_VALUE (type) && json_node_get_value_type (type) == G_TYPE_STRING)
    g_ptr_array_add (names, (gpointer) json_node_get_string (type));
  else if (JSON_NODE_HOLDS_ARRAY (type))
    {
      JsonArray *array = json_node_get_array (type);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
            g_ptr_array_add (names, (gpointer) json_node_get_string (element));
        }
    }

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);

      /* "schema:NewsArticle", "http://schema.org/Article" */
      if (strrchr (name, '/') != NULL)
        name = strrchr (name, '/') + 1;
      if (strchr (name, ':') != NULL)
        name = strchr (name, ':') + 1;
      for (guint t = 0; types[t] != NULL; t++)
        if (g_ascii_strcasecmp (name, types[t]) == 0)
          return TRUE;
    }
  return FALSE;
}

static const char * const article_types[] = {
  "Article", "AdvertiserContentArticle", "NewsArticle", "AnalysisNewsArticle",
  "AskPublicExpertArticle", "BackgroundNewsArticle", "BlogPosting", "DiscussionForumPosting",
  "LiveBlogPosting", "OpinionNewsArticle", "ReportageNewsArticle", "ReviewNewsArticle",
  "Report", "SatiricalArticle", "ScholarlyArticle", "MedicalScholarlyArticle",
  "SocialMediaPosting", "TechArticle", NULL,
};

/* Pages that are not articles, when no article is described. */
static const char * const other_item_types[] = { "Recipe", "VideoObject", "Review", "HowTo", NULL };

static const char * const site_types[] = { "WebSite", NULL };

static JsonObject *
json_ld_find (JsonLd             *json_ld,
              const char * const *types)
{
  for (guint i = 0; i < json_ld->objects->len; i++)
    {
      JsonObject *object = g_ptr_array_index (json_ld->objects, i);

      if (type_matches (object, types))
        return object;
    }
  return NULL;
}

/* A text value: a string, a number, the first of a list, or the name (or
 * @value) of an object. */
static const char *
json_ld_text (JsonLd     *json_ld,
              JsonNode   *node,
              const char *object_key)
{
  if (node == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node))
    return json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *text = json_ld_text (json_ld, json_array_get_element (array, i), object_key);

          if (text != NULL && text[0] != '\0')
            return text;
        }
      return NULL;
    }
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_ld_resolve (json_ld, json_node_get_object (node));
      const char *keys[] = { object_key, "@value", NULL };

      for (guint i = 0; keys[i] != NULL; i++)
        {
          JsonNode *member = json_object_get_member (object, keys[i]);

          if (member != NULL && JSON_NODE_HOLDS_VALUE (member) &&
              json_node_get_value_type (member) == G_TYPE_STRING)
            return json_node_get_string (member);
        }
    }
  return NULL;
}

static const char *
json_ld_member_text (JsonLd     *json_ld,
                     JsonObject *object,
                     const char *member,
                     const char *object_key)
{
  if (object == NULL)
    return NULL;
  return json_ld_text (json_ld, json_object_get_member (object, member), object_key);
}

static gboolean
looks_like_url (const char *text)
{
  return g_str_has_prefix (text, "http://") || g_str_has_prefix (text, "https://") ||
         g_str_has_prefix (text, "//") || g_str_has_prefix (text, "/");
}

/* Every author's name, joined with ", ". */
static char *
json_ld_authors (JsonLd   *json_ld,
                 JsonNode *node)
{
  g_autoptr(GString) names = g_string_new (NULL);
  JsonArray *array;

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      const char *name = json_ld_text (json_ld, node, "name");

      return name != NULL && !looks_like_url (name) ? g_strdup (name) : NULL;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *name = json_ld_text (json_ld, json_array_get_element (array, i), "name");
      g_autofree char *clean = NULL;

      if (name == NULL || looks_like_url (name))
        continue;
      clean = curator_html_strip_tags (name);
      if (clean[0] == '\0' || strstr (names->str, clean) != NULL)
        continue;
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, clean);
    }
  return names->len > 0 ? g_string_free (g_steal_pointer (&names), FALSE) : NULL;
}

/* Composing the facts */

static const char *
first_meta (Collected          *collected,
            const char * const *keys)
{
  for (guint i = 0; keys[i] != NULL; i++)
    {
      const char *value = g_hash_table_lookup (collected->meta, keys[i]);

      if (value != NULL && value[0] != '\0')
        return value;
    }
  return NULL;
}

/* A fact's text: entities decoded once more (pages double-encode them in
 * attributes and JSON), tags stripped, white space collapsed, cut. */
static char *
clean_text (const char *value)
{
  g_autofree char *text = NULL;

  if (value == NULL)
    return NULL;
  text = curator_html_strip_tags (value);
  if (g_utf8_strlen (text, -1) > MAX_FACT_CHARS)
    {
      char *cut = g_utf8_offset_to_pointer (text, MAX_FACT_CHARS);

      *cut = '\0';
    }
  if (text[0] == '\0')
    return NULL;
  return g_steal_pointer (&text);
}

static char *
normalize_for_compare (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *folded = g_utf8_casefold (text, -1);

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* TRUE when @part names the site: its name, or its host name. */
static gboolean
names_site (const char *part,
            const char *site,
            const char *host)
{
  g_autofree char *a = normalize_for_compare (part);

  if (a[0] == '\0')
    return FALSE;
  if (site != NULL)
    {
      g_autofree char *b = normalize_for_compare (site);

      /* The name, a shorter form of it, or it with a little more ("The
       * Site Blog"); not a whole title that mentions it. */
      if (b[0] != '\0' &&
          (strcmp (a, b) == 0 || strstr (b, a) != NULL ||
           (strstr (a, b) != NULL && strlen (a) <= strlen (b) * 3 / 2 + 4)))
        return TRUE;
    }
  if (host != NULL)
    {
      g_autofree char *h = normalize_for_compare (host);
      g_autofree char *domain = NULL;
      g_autofree char *stem = NULL;
      const char *dot;

      /* "nytimes" in "www.nytimes.com" */
      if (g_str_has_prefix (host, "www."))
        host += 4;
      dot = strrchr (host, '.');
      domain = dot != NULL ? g_strndup (host, dot - host) : g_strdup (host);
      stem = normalize_for_compare (domain);
      if (strcmp (a, h) == 0 || (stem[0] != '\0' && strcmp (a, stem) == 0))
        return TRUE;
    }
  return FALSE;
}

static guint
count_words (const char *text)
{
  guint words = 0;
  gboolean in_word = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        in_word = FALSE;
      else if (!in_word)
        {
          in_word = TRUE;
          words++;
        }
    }
  return words;
}

static const char * const title_separators[] = {
  " | ", " - ", " – ", " — ", " · ", " :: ", " » ", " / ", " • ", " ~ ", " « ", "｜", NULL,
};

/* @title without a " | Site" suffix or a "Site - " prefix. Without a site
 * name, a short part at either end that looks like a name is kept: only
 * a known site name is removed. */
static char *
remove_site_name (const char *title,
                  const char *site,
                  const char *host)
{
  for (guint s = 0; title_separators[s] != NULL; s++)
    {
      const char *separator = title_separators[s];
      const char *first = strstr (title, separator);
      const char *last = g_strrstr (title, separator);

      if (first == NULL)
        continue;

      /* "Title | Section | Site": the suffix after the last separator. */
      if (names_site (last + strlen (separator), site, host))
        {
          g_autofree char *left = g_strndup (title, last - title);

          g_strstrip (left);
          if (left[0] != '\0')
            return remove_site_name (left, site, host);
        }
      /* "Site - Title" */
      {
        g_autofree char *prefix = g_strndup (title, first - title);

        if (names_site (prefix, site, host))
          {
            const char *rest = first + strlen (separator);

            if (rest[0] != '\0')
              return g_strdup (rest);
          }
      }
    }
  return g_strdup (title);
}

/* The <title>'s article title, as Readability reads it when the site is
 * unknown: the part before the last separator, unless that is too short. */
static char *
title_from_title_element (const char *title,
                          const char *site,
                          const char *host,
                          const char *h1)
{
  g_autofree char *without_site = remove_site_name (title, site, host);
  const char *separator = NULL;
  const char *last = NULL;

  if (strcmp (without_site, title) != 0)
    return g_steal_pointer (&without_site);

  for (guint s = 0; title_separators[s] != NULL && last == NULL; s++)
    {
      last = g_strrstr (title, title_separators[s]);
      separator = title_separators[s];
    }
  if (last != NULL)
    {
      g_autofree char *before = g_strndup (title, last - title);
      const char *after_first = strstr (title, separator) + strlen (separator);

      g_strstrip (before);
      if (count_words (before) >= 3)
        return g_steal_pointer (&before);
      if (count_words (after_first) >= 3)
        return g_strdup (after_first);
      return g_strdup (title);
    }

  /* A one-word title (the site's name, "Blog"): the page's heading says
   * more. */
  if (h1 != NULL && h1[0] != '\0' && (count_words (title) <= 1 || g_utf8_strlen (title, -1) > 150))
    return g_strdup (h1);
  return g_strdup (title);
}

static char *
normalize_language (const char *value)
{
  g_autoptr(GString) tag = NULL;
  g_auto(GStrv) parts = NULL;

  if (value == NULL)
    return NULL;

  /* "en_US", "en-us", "en, fr" */
  parts = g_strsplit_set (value, ",; ", 2);
  tag = g_string_new (NULL);
  for (const char *p = parts[0]; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (tag, *p);
      else if (*p == '_' || *p == '-')
        g_string_append_c (tag, '-');
      else
        return NULL;
    }
  if (tag->len < 2 || !g_ascii_isalpha (tag->str[0]) || !g_ascii_isalpha (tag->str[1]))
    return NULL;

  {
    g_auto(GStrv) subtags = g_strsplit (tag->str, "-", -1);
    g_autoptr(GString) out = g_string_new (NULL);

    for (guint i = 0; subtags[i] != NULL; i++)
      {
        g_autofree char *lower = g_ascii_strdown (subtags[i], -1);

        if (subtags[i][0] == '\0')
          continue;
        if (i > 0)
          g_string_append_c (out, '-');
        if (i > 0 && strlen (lower) == 2)
          {
            g_autofree char *upper = g_ascii_strup (lower, -1);

            g_string_append (out, upper);
          }
        else
          g_string_append (out, lower);
      }
    if (strlen (parts[0]) > 3 && strchr (tag->str, '-') == NULL && tag->len > 3)
      return NULL;
    return g_string_free (g_steal_pointer (&out), FALSE);
  }
}

/* A content image worth featuring: not an icon, a pixel, a placeholder. */
static gboolean
is_featured_candidate (const GumboNode *img,
                       const char      *src)
{
  static const char * const placeholders[] = {
    "data:", "placeholder", "blank.", "spacer", "pixel", "1x1", "transparent", "loading", "lazy",
    "avatar", "logo", "icon", "sprite", "gravatar.com", "emoji",
  };
  const char *width = curator_html_get_attribute (img, "width");
  const char *height = curator_html_get_attribute (img, "height");
  g_autofree char *lower = g_ascii_strdown (src, -1);

  for (guint i = 0; i < G_N_ELEMENTS (placeholders); i++)
    if (strstr (lower, placeholders[i]) != NULL)
      return FALSE;
  if ((width != NULL && atoi (width) > 0 && atoi (width) < 100) ||
      (height != NULL && atoi (height) > 0 && atoi (height) < 100))
    return FALSE;
  return TRUE;
}

static char *
first_content_image (GPtrArray  *content,
                     const char *base)
{
  for (guint i = 0; i < content->len; i++)
    {
      GumboNode *root = g_ptr_array_index (content, i);
      GumboNode *node = root;

      while (node != NULL)
        {
          gboolean skip = node != root && curator_main_content_is_furniture (node);

          if (!skip && curator_html_is_element (node, GUMBO_TAG_IMG))
            {
              g_autofree char *allocated = NULL;
              const char *src = curator_html_image_source (node, &allocated);
              g_autofree char *url = NULL;

              if (src != NULL && is_featured_candidate (node, src) &&
                  (url = curator_page_facts_resolve_url (base, src)) != NULL)
                return g_steal_pointer (&url);
            }
          node = curator_html_next (node, root, skip);
        }
    }
  return NULL;
}

static char *
clean_author (const char *value)
{
  g_autofree char *text = clean_text (value);
  const char *start;

  if (text == NULL || looks_like_url (text))
    return NULL;
  start = text;
  if (g_ascii_strncasecmp (start, "by ", 3) == 0)
    start += 3;
  else if (g_ascii_strncasecmp (start, "by:", 3) == 0)
    start += 3;
  while (*start == ' ')
    start++;
  if (*start == '\0' || *start == '@')
    return NULL;
  return g_strdup (start);
}

static void
set_fact_take (CuratorPageFacts *self,
               CuratorPageFact   fact,
               char             *value)
{
  curator_page_facts_set (self, fact, value);
  g_free (value);
}

CuratorPageFacts *
curator_page_facts_new_from_document (CuratorHtmlDocument *document,
                                      const char          *url)
{
  g_autoptr(CuratorPageFacts) self = curator_page_facts_new ();
  g_auto(JsonLd) json_ld = { 0 };
  Collected collected = { 0 };
  JsonObject *article, *website;
  g_autoptr(GPtrArray) content = NULL;
  g_autofree char *page_url = NULL;
  g_autofree char *host = NULL;
  g_autofree char *site = NULL;
  g_autofree char *title = NULL;
  const char *value;
  const char *base;

  g_return_val_if_fail (document != NULL, NULL);

  collected.meta = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  collected.json_ld = g_ptr_array_new_with_free_func (g_free);
  collect (&collected, document);
  json_ld_parse (&json_ld, collected.json_ld);
  article = json_ld_find (&json_ld, article_types);
  if (article == NULL)
    article = json_ld_find (&json_ld, other_item_types);
  website = json_ld_find (&json_ld, site_types);

  /* Addresses first: the others resolve against them, and against the
   * page's <base> when it has one. */
  page_url = curator_page_facts_resolve_url (NULL, url);
  curator_page_facts_set (self, CURATOR_PAGE_FACT_URL, page_url);
  if (collected.base_href != NULL)
    self->base = curator_page_facts_resolve_url (page_url, collected.base_href);
  {
    const char *canonical = collected.canonical_href;
    const char *against = self->base != NULL ? self->base : page_url;
    g_autofree char *resolved = NULL;

    if (canonical == NULL)
      canonical = first_meta (&collected, (const char * const[]) { "og:url", NULL });
    resolved = curator_page_facts_resolve_url (against, canonical);
    curator_page_facts_set (self, CURATOR_PAGE_FACT_CANONICAL, resolved);
    /* A saved page's relative addresses resolve against the address it
     * names for itself. */
    if (self->base == NULL && page_url == NULL && collected.base_href != NULL)
      self->base = curator_page_facts_resolve_url (resolved, collected.base_href);
  }
  base = curator_page_facts_get_base (self);
  if (base != NULL)
    {
      g_autoptr(GUri) uri = g_uri_parse (base, G_URI_FLAGS_NONE, NULL);

      if (uri != NULL && g_uri_get_host (uri) != NULL)
        host = g_ascii_strdown (g_uri_get_host (uri), -1);
    }

  /* Site */
  site = clean_text (json_ld_member_text (&json_ld, article, "publisher", "name"));
  if (site == NULL)
    site = clean_text (first_meta (&collected, (const char * const[]) { "og:site_name", NULL }));
  if (site == NULL)
    site = clean_text (json_ld_member_text (&json_ld, website, "name", "name"));
  if (site == NULL)
    site = clean_text (first_meta (&collected, (const char * const[]) { "application-name", "al:ios:app_name", NULL }));
  curator_page_facts_set (self, CURATOR_PAGE_FACT_SITE, site);

  /* Title */
  {
    const char *headline = json_ld_member_text (&json_ld, article, "headline", "name");
    const char *name = json_ld_member_text (&json_ld, article, "name", "name");

    /* When both differ, the one the <title> repeats. */
    if (headline != NULL && name != NULL && collected.title != NULL &&
        strstr (collected.title, headline) == NULL && strstr (collected.title, name) != NULL)
      headline = name;
    if (headline == NULL)
      headline = name;
    value = headline;
  }
  if (value == NULL)
    value = first_meta (&collected, (const char * const[]) {
      "dc:title", "dcterm:title", "dc.title", "dcterms.title", "og:title", "title", "twitter:title",
      "headline", "parsely-title", "sailthru.title", NULL });
  if (value != NULL)
    {
      g_autofree char *text = clean_text (value);

      /* og:title is sometimes only the brand: the <title> says more. */
      if (text != NULL && site != NULL && collected.title != NULL)
        {
          g_autofree char *a = normalize_for_compare (text);
          g_autofree char *b = normalize_for_compare (site);
          g_autofree char *c = normalize_for_compare (collected.title);

          if (strcmp (a, b) == 0 && strcmp (c, b) != 0)
            g_clear_pointer (&text, g_free);
        }
      if (text != NULL)
        title = remove_site_name (text, site, host);
    }
  if (title == NULL && collected.title != NULL && collected.title[0] != '\0')
    {
      g_autofree char *text = clean_text (collected.title);

      if (text != NULL)
        title = title_from_title_element (text, site, host, collected.h1);
    }
  if (title == NULL && collected.h1 != NULL)
    title = clean_text (collected.h1);
  curator_page_facts_set (self, CURATOR_PAGE_FACT_TITLE, title);

  /* Author */
  {
    g_autofree char *author = json_ld_authors (&json_ld, article != NULL
                                                ? json_object_get_member (article, "author")
                                                : NULL);

    if (author == NULL)
      author = json_ld_authors (&json_ld, article != NULL
                                ? json_object_get_member (article, "creator")
                                : NULL);
    if (author == NULL)
      author = clean_author (first_meta (&collected, (const char * const[]) {
        "dc.creator", "dc:creator", "dcterm:creator", "dcterms.creator", "author",
        "article:author", "parsely-author", "sailthru.author", "byl", "citation_author", NULL }));
    if (author == NULL)
      author = clean_author (collected.item_author);
    if (author == NULL)
      author = clean_author (collected.byline);
    set_fact_take (self, CURATOR_PAGE_FACT_AUTHOR, clean_text (author));
  }

  /* Published */
  {
    const char *candidates[] = {
      json_ld_member_text (&json_ld, article, "datePublished", "@value"),
      first_meta (&collected, (const char * const[]) {
        "article:published_time", "og:published_time", "og:article:published_time",
        "datepublished", "date", "dc.date", "dc.date.issued", "dcterms.date", "dcterms.created",
        "dcterms.issued", "pubdate", "publishdate", "publish_date", "publish-date",
        "publication_date", "sailthru.date", "parsely-pub-date", "citation_publication_date",
        "citation_date", "article.published", "published_time", NULL }),
      collected.time_published,
      json_ld_member_text (&json_ld, article, "dateCreated", "@value"),
      collected.time_first,
    };

    for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
      {
        g_autofree char *date = curator_page_facts_normalize_date (candidates[i]);

        if (date != NULL)
          {
            curator_page_facts_set (self, CURATOR_PAGE_FACT_PUBLISHED, date);
            break;
          }
      }
  }

  /* Description */
  value = json_ld_member_text (&json_ld, article, "description", "@value");
  if (value == NULL)
    value = first_meta (&collected, (const char * const[]) {
      "dc.description", "dc:description", "dcterm:description", "dcterms.description",
      "og:description", "description", "twitter:description", "sailthru.description", NULL });
  set_fact_take (self, CURATOR_PAGE_FACT_DESCRIPTION, clean_text (value));

  /* Image */
  {
    const char *candidates[] = {
      first_meta (&collected, (const char * const[]) {
        "og:image:secure_url", "og:image:url", "og:image", "twitter:image", "twitter:image:src",
        NULL }),
      json_ld_member_text (&json_ld, article, "image", "url"),
      json_ld_member_text (&json_ld, article, "thumbnailUrl", "url"),
      collected.image_src_href,
      first_meta (&collected, (const char * const[]) { "image", "thumbnail", NULL }),
    };

    for (guint i = 0; i < G_N_ELEMENTS (candidates) && self->facts[CURATOR_PAGE_FACT_IMAGE] == NULL; i++)
      {
        g_autofree char *decoded = candidates[i] != NULL ? curator_html_decode_entities (candidates[i]) : NULL;

        if (decoded != NULL && !g_str_has_prefix (decoded, "data:"))
          set_fact_take (self, CURATOR_PAGE_FACT_IMAGE, curator_page_facts_resolve_url (base, decoded));
      }
  }

  /* Language */
  {
    const char *candidates[] = {
      collected.language,
      first_meta (&collected, (const char * const[]) {
        "content-language", "language", "dc.language", "dcterms.language", NULL }),
      first_meta (&collected, (const char * const[]) { "og:locale", NULL }),
      json_ld_member_text (&json_ld, article, "inLanguage", "name"),
    };

    for (guint i = 0; i < G_N_ELEMENTS (candidates) && self->facts[CURATOR_PAGE_FACT_LANGUAGE] == NULL; i++)
      set_fact_take (self, CURATOR_PAGE_FACT_LANGUAGE, normalize_language (candidates[i]));
  }

  /* What the article's own text gives when the head does not. */
  if (self->facts[CURATOR_PAGE_FACT_DESCRIPTION] == NULL || self->facts[CURATOR_PAGE_FACT_IMAGE] == NULL)
    {
      content = curator_main_content_find (document);
      if (self->facts[CURATOR_PAGE_FACT_DESCRIPTION] == NULL)
        {
          g_autofree char *paragraph = curator_main_content_first_paragraph (content);

          set_fact_take (self, CURATOR_PAGE_FACT_DESCRIPTION, clean_text (paragraph));
        }
      if (self->facts[CURATOR_PAGE_FACT_IMAGE] == NULL)
        set_fact_take (self, CURATOR_PAGE_FACT_IMAGE, first_content_image (content, base));
    }

  collected_clear (&collected);
  return g_steal_pointer (&self);
}

CuratorPageFacts *
curator_page_facts_new_from_html (const char *html,
                                  gsize       length,
                                  const char *url)
{
  g_autoptr(CuratorHtmlDocument) document = NULL;

  g_return_val_if_fail (html != NULL || length == 0, NULL);

  document = curator_html_document_parse (html, length);
  return curator_page_facts_new_from_document (document, url);
}
