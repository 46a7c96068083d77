/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-folder-template"

#include "config.h"

#include "curator-folder-template.h"

#include "curator-html-document.h"
#include "curator-html-sanitizer.h"
#include "curator-markdown-writer.h"
#include "curator-web-error.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

/* At most this many siblings are read (evenly spread over the sorted
 * names): enough to see what is constant and what is built from what. */
#define MAX_SIBLINGS 400
/* A key is usual when at least this share of the siblings have it. */
#define USUAL_SHARE 0.5
/* A value is constant when at least this share of the siblings that have
 * the key agree (and at least two do). */
#define CONSTANT_SHARE 0.8
/* A value is built from others when this share of the siblings agree on
 * how. */
#define DERIVED_SHARE 0.6
/* A field whose values repeat this much is not a per-item fact. */
#define VARIETY_MIN_SIBLINGS 8
#define VARIETY_SHARE 0.25
/* Shorter values are not looked for inside others (too many chance hits). */
#define MIN_SOURCE_CHARS 3
/* The pseudo-field of the file's name without extension. */
#define STEM_SOURCE "@stem"
#define CONFIG_FILE_NAME "import.ini"

/* Rules */

struct _CuratorFieldRule
{
  GObject               parent_instance;

  char                 *key_path;
  CuratorFieldRuleKind  kind;
  int                   fact;
  char                 *template;
  gboolean              chosen;
};

G_DEFINE_FINAL_TYPE (CuratorFieldRule, curator_field_rule, G_TYPE_OBJECT)

static void
curator_field_rule_finalize (GObject *object)
{
  CuratorFieldRule *self = CURATOR_FIELD_RULE (object);

  g_free (self->key_path);
  g_free (self->template);

  G_OBJECT_CLASS (curator_field_rule_parent_class)->finalize (object);
}

static void
curator_field_rule_class_init (CuratorFieldRuleClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = curator_field_rule_finalize;
}

static void
curator_field_rule_init (CuratorFieldRule *self)
{
  self->fact = -1;
}

const char *
curator_field_rule_get_key_path (CuratorFieldRule *self)
{
  g_return_val_if_fail (CURATOR_IS_FIELD_RULE (self), NULL);

  return self->key_path;
}

CuratorFieldRuleKind
curator_field_rule_get_kind (CuratorFieldRule *self)
{
  g_return_val_if_fail (CURATOR_IS_FIELD_RULE (self), CURATOR_FIELD_RULE_EMPTY);

  return self->kind;
}

int
curator_field_rule_get_fact (CuratorFieldRule *self)
{
  g_return_val_if_fail (CURATOR_IS_FIELD_RULE (self), -1);

  return self->kind == CURATOR_FIELD_RULE_FACT ? self->fact : -1;
}

const char *
curator_field_rule_get_template (CuratorFieldRule *self)
{
  g_return_val_if_fail (CURATOR_IS_FIELD_RULE (self), NULL);

  return self->kind == CURATOR_FIELD_RULE_DERIVED ? self->template : NULL;
}

gboolean
curator_field_rule_get_chosen (CuratorFieldRule *self)
{
  g_return_val_if_fail (CURATOR_IS_FIELD_RULE (self), FALSE);

  return self->chosen;
}

/* Templates: how a value is built from others */

typedef enum
{
  TRANSFORM_IDENTITY,
  TRANSFORM_LOWER,
  TRANSFORM_SLUG,
  TRANSFORM_HOST,
  TRANSFORM_HOST_STEM,
  N_TRANSFORMS,
} Transform;

static const char * const transform_names[N_TRANSFORMS] = { "", "lower", "slug", "host", "hoststem" };

typedef struct
{
  char      *literal;    /* a literal piece, or NULL */
  Transform  transform;
  char      *source;     /* a key path or STEM_SOURCE */
} Piece;

static void
piece_free (Piece *piece)
{
  g_free (piece->literal);
  g_free (piece->source);
  g_free (piece);
}

/* "a-b c" -> "a-b-c": lower case ASCII letters and digits, runs of
 * anything else one '-', none at the ends. Letters with accents lose
 * them. */
static char *
slugify (const char *text)
{
  g_autofree char *ascii = g_str_to_ascii (text, "C");
  GString *out = g_string_new (NULL);
  gboolean dash = FALSE;

  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          if (dash && out->len > 0)
            g_string_append_c (out, '-');
          g_string_append_c (out, g_ascii_tolower (*p));
          dash = FALSE;
        }
      else if (*p != '\'')
        {
          /* Apostrophes vanish ("what's" -> "whats"), as slug tools do. */
          dash = TRUE;
        }
    }
  return g_string_free (out, FALSE);
}

/* The host of an address without "www.", or "" */
static char *
host_of (const char *text)
{
  g_autoptr(GUri) uri = NULL;
  const char *host;

  if (!g_str_has_prefix (text, "http://") && !g_str_has_prefix (text, "https://"))
    return g_strdup ("");
  uri = g_uri_parse (text, G_URI_FLAGS_PARSE_RELAXED | G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL || (host = g_uri_get_host (uri)) == NULL)
    return g_strdup ("");
  if (g_ascii_strncasecmp (host, "www.", 4) == 0)
    host += 4;
  return g_ascii_strdown (host, -1);
}

/* "patientping.com" -> "patientping", "journals.lww.com" -> "journals.lww"
 * (from a host or an address). */
static char *
host_stem_of (const char *text)
{
  g_autofree char *host = NULL;
  const char *dot;

  if (g_str_has_prefix (text, "http://") || g_str_has_prefix (text, "https://"))
    host = host_of (text);
  else if (strchr (text, '.') != NULL && strchr (text, ' ') == NULL && strchr (text, '/') == NULL)
    host = g_ascii_strdown (g_str_has_prefix (text, "www.") ? text + 4 : text, -1);
  else
    return g_strdup ("");
  dot = strrchr (host, '.');
  if (dot == NULL)
    return g_strdup ("");
  return g_strndup (host, dot - host);
}

static char *
apply_transform (Transform   transform,
                 const char *value)
{
  switch (transform)
    {
    case TRANSFORM_LOWER:
      return g_utf8_strdown (value, -1);
    case TRANSFORM_SLUG:
      return slugify (value);
    case TRANSFORM_HOST:
      return host_of (value);
    case TRANSFORM_HOST_STEM:
      return host_stem_of (value);
    case TRANSFORM_IDENTITY:
    case N_TRANSFORMS:
    default:
      return g_strdup (value);
    }
}

/* "{slug:title}", "/news/{slug:title}"; '{' and '\' in literals escaped. */
static char *
template_to_string (GPtrArray *pieces)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < pieces->len; i++)
    {
      Piece *piece = g_ptr_array_index (pieces, i);

      if (piece->literal != NULL)
        {
          for (const char *p = piece->literal; *p != '\0'; p++)
            {
              if (*p == '{' || *p == '\\')
                g_string_append_c (out, '\\');
              g_string_append_c (out, *p);
            }
        }
      else if (piece->transform == TRANSFORM_IDENTITY)
        g_string_append_printf (out, "{%s}", piece->source);
      else
        g_string_append_printf (out, "{%s:%s}", transform_names[piece->transform], piece->source);
    }
  return g_string_free (out, FALSE);
}

static gboolean
template_has_source (GPtrArray *pieces)
{
  for (guint i = 0; i < pieces->len; i++)
    if (((Piece *) g_ptr_array_index (pieces, i))->literal == NULL)
      return TRUE;
  return FALSE;
}

/* A value of a sibling that other values may be built from. */
typedef struct
{
  const char *path;
  guint       priority;   /* lower first: page facts, the file name, the rest */
  Transform   transform;
  char       *value;      /* transformed */
} Source;

static void
source_clear (Source *source)
{
  g_free (source->value);
}

static int
compare_sources (gconstpointer a,
                 gconstpointer b)
{
  const Source *x = a, *y = b;
  gsize lx = strlen (x->value), ly = strlen (y->value);

  /* Longest first, so that "title" wins over a word of it. */
  if (lx != ly)
    return lx > ly ? -1 : 1;
  if (x->priority != y->priority)
    return x->priority < y->priority ? -1 : 1;
  if (x->transform != y->transform)
    return x->transform < y->transform ? -1 : 1;
  return strcmp (x->path, y->path);
}

static gboolean
is_word_byte (char c)
{
  return g_ascii_isalnum (c) || (guchar) c >= 0x80;
}

/* The first occurrence of @needle in @haystack that is a whole word (or
 * words): "string" is not in "strings.Chomp", "Chomp" is. */
static const char *
find_word (const char *haystack,
           const char *needle)
{
  gsize length = strlen (needle);

  for (const char *found = strstr (haystack, needle); found != NULL; found = strstr (found + 1, needle))
    {
      gboolean start = found == haystack || !is_word_byte (found[-1]) || !is_word_byte (needle[0]);
      gboolean end = found[length] == '\0' || !is_word_byte (found[length]) || !is_word_byte (needle[length - 1]);

      if (start && end)
        return found;
    }
  return NULL;
}

/* How @target is built from @sources (sorted by compare_sources): each
 * source value found in it as whole words, longest first, becomes a
 * placeholder. */
static GPtrArray *
infer_pieces (const char *target,
              GArray     *sources)
{
  GPtrArray *pieces = g_ptr_array_new_with_free_func ((GDestroyNotify) piece_free);
  Piece *first = g_new0 (Piece, 1);

  first->literal = g_strdup (target);
  g_ptr_array_add (pieces, first);

  for (guint s = 0; s < sources->len; s++)
    {
      const Source *source = &g_array_index (sources, Source, s);
      gsize length = strlen (source->value);

      for (guint i = 0; i < pieces->len; i++)
        {
          Piece *piece = g_ptr_array_index (pieces, i);
          const char *found;
          Piece *placeholder;

          if (piece->literal == NULL || (found = find_word (piece->literal, source->value)) == NULL)
            continue;

          placeholder = g_new0 (Piece, 1);
          placeholder->transform = source->transform;
          placeholder->source = g_strdup (source->path);
          if (found[length] != '\0')
            {
              Piece *after = g_new0 (Piece, 1);

              after->literal = g_strdup (found + length);
              g_ptr_array_insert (pieces, i + 1, after);
            }
          g_ptr_array_insert (pieces, i + 1, placeholder);
          if (found == piece->literal)
            {
              g_ptr_array_remove_index (pieces, i);
            }
          else
            {
              piece->literal[found - piece->literal] = '\0';
              i++;
            }
          /* One placeholder per source. */
          break;
        }
    }

  return pieces;
}

/* The template's value, or NULL when a source it needs has none. */
static char *
evaluate_template (GPtrArray  *pieces,
                   GHashTable *values)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < pieces->len; i++)
    {
      Piece *piece = g_ptr_array_index (pieces, i);
      const char *value;
      g_autofree char *transformed = NULL;

      if (piece->literal != NULL)
        {
          g_string_append (out, piece->literal);
          continue;
        }
      value = g_hash_table_lookup (values, piece->source);
      if (value == NULL || value[0] == '\0')
        {
          g_string_free (out, TRUE);
          return NULL;
        }
      transformed = apply_transform (piece->transform, value);
      g_string_append (out, transformed);
    }
  return g_string_free (out, FALSE);
}

/* Siblings */

typedef struct
{
  CuratorNodeKind   kind;
  char             *text;    /* scalars: decoded text ("" for null); collections: compact JSON */
  CuratorScalarType type;
  CuratorNodeStyle  style;
  guint             n_items;
  gboolean          scalar_items;
} Leaf;

static void
leaf_free (Leaf *leaf)
{
  g_free (leaf->text);
  g_free (leaf);
}

typedef struct
{
  char            *name;       /* relative to the folder: "x.md" or "x/index.md" */
  char            *stem;
  GBytes          *bytes;
  CuratorDocument *document;
  GHashTable      *leaves;     /* key path -> Leaf */
  GPtrArray       *paths;      /* the key paths in file order */
  GArray          *sources;    /* Source, once the constants are known */
} Sibling;

static void
sibling_free (Sibling *sibling)
{
  g_free (sibling->name);
  g_free (sibling->stem);
  g_clear_pointer (&sibling->bytes, g_bytes_unref);
  g_clear_object (&sibling->document);
  g_clear_pointer (&sibling->leaves, g_hash_table_unref);
  g_clear_pointer (&sibling->paths, g_ptr_array_unref);
  g_clear_pointer (&sibling->sources, g_array_unref);
  g_free (sibling);
}

static void
flatten (Sibling           *sibling,
         const CuratorNode *node,
         const char        *path)
{
  Leaf *leaf = g_new0 (Leaf, 1);
  guint n = curator_node_get_n_children (node);

  leaf->kind = curator_node_get_kind (node);
  leaf->style = curator_node_get_style (node);
  if (leaf->kind == CURATOR_NODE_SCALAR)
    {
      const char *value = curator_node_get_value (node);

      leaf->type = curator_node_get_scalar_type (node);
      leaf->text = g_strdup (leaf->type == CURATOR_SCALAR_NULL ? "" : value != NULL ? value : "");
    }
  else
    {
      leaf->text = curator_node_to_json (node, FALSE);
      leaf->n_items = n;
    }

  if (path[0] != '\0')
    {
      g_hash_table_insert (sibling->leaves, g_strdup (path), leaf);
      g_ptr_array_add (sibling->paths, g_strdup (path));
    }
  else
    {
      leaf_free (leaf);
      leaf = NULL;
    }

  if (curator_node_get_kind (node) == CURATOR_NODE_MAPPING)
    {
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GString) child = g_string_new (path);

          curator_key_path_append_key (child, curator_node_get_key (node, i));
          flatten (sibling, curator_node_get_child (node, i), child->str);
        }
    }
  else if (curator_node_get_kind (node) == CURATOR_NODE_SEQUENCE && leaf != NULL)
    {
      leaf->scalar_items = TRUE;
      for (guint i = 0; i < n; i++)
        if (curator_node_get_kind (curator_node_get_child (node, i)) != CURATOR_NODE_SCALAR)
          leaf->scalar_items = FALSE;
      if (leaf->scalar_items)
        {
          for (guint i = 0; i < n; i++)
            {
              g_autoptr(GString) child = g_string_new (path);

              curator_key_path_append_index (child, i);
              flatten (sibling, curator_node_get_child (node, i), child->str);
            }
        }
    }
}

/* The template */

typedef enum
{
  STEM_SLUG,         /* slug of the title */
  STEM_UUID,
  STEM_DATE_SLUG,    /* 2024-03-05-slug */
  STEM_TEMPLATE,     /* built from the page facts' fields */
  STEM_REVERSE,      /* a field is built from it: "strings.{@stem}" */
} StemKind;

typedef struct
{
  GPtrArray *pieces;
  guint      count;
} TemplateCount;

static void
template_count_free (TemplateCount *count)
{
  g_ptr_array_unref (count->pieces);
  g_free (count);
}

/* What the rules need beyond the public fields. */
typedef struct
{
  CuratorFieldRule *rule;
  GPtrArray        *pieces;        /* DERIVED */
  char             *value;         /* KEEP: the constant (text or JSON) */
  gboolean          keep_is_json;
  CuratorNodeKind   kind;          /* of the representative's node */
  CuratorScalarType value_type;    /* to write values as (STRING or AUTO) */
  char             *empty_form;    /* "''", "\"\"", "null" (key:) or "[]" */
  gboolean          image_managed; /* set when an image is attached, else empty */
  char             *date_example;  /* dates: a sibling's value, for the format */
  gboolean          fact_fallback_now;
  GPtrArray        *items;         /* lists rebuilt item by item: ItemRule */
} RuleData;

typedef struct
{
  char      *constant;    /* or */
  GPtrArray *pieces;
} ItemRule;

static void
item_rule_free (ItemRule *item)
{
  g_free (item->constant);
  g_clear_pointer (&item->pieces, g_ptr_array_unref);
  g_free (item);
}

static void
rule_data_free (RuleData *data)
{
  g_clear_object (&data->rule);
  g_clear_pointer (&data->pieces, g_ptr_array_unref);
  g_free (data->value);
  g_free (data->empty_form);
  g_free (data->date_example);
  g_clear_pointer (&data->items, g_ptr_array_unref);
  g_free (data);
}

struct _CuratorFolderTemplate
{
  GObject                parent_instance;

  GFile                 *folder;
  CuratorTemplateSource  source;
  GFile                 *model_file;
  GBytes                *model_bytes;
  guint                  n_siblings;
  GListStore            *rules;
  GPtrArray             *rule_data;   /* RuleData, in the order of "rules" */
  GPtrArray             *remove;      /* key paths of the model to remove */
  GStrvBuilder          *warnings_builder;
  char                 **warnings;

  /* File names */
  StemKind               stem_kind;
  guint                  uuid_version;
  GPtrArray             *stem_pieces;
  char                  *reverse_source;
  char                  *reverse_prefix;
  char                  *reverse_suffix;
  gboolean               bundle;
  char                  *extension;

  /* The body */
  char                  *body_prefix;
  gboolean               body_final_newline;
  gboolean               body_is_html;
  gboolean               blocks_on_lines;

  char                  *image_key;
  gboolean               image_holds_url;   /* a plain field of web addresses */
  GHashTable            *image_extensions;  /* FORMAT -> ext, as the siblings write them */

  /* What a template prepared ahead was read from (folder_fingerprint). */
  char                  *fingerprint;
};

G_DEFINE_FINAL_TYPE (CuratorFolderTemplate, curator_folder_template, G_TYPE_OBJECT)

static void
curator_folder_template_finalize (GObject *object)
{
  CuratorFolderTemplate *self = CURATOR_FOLDER_TEMPLATE (object);

  g_clear_object (&self->folder);
  g_clear_object (&self->model_file);
  g_clear_pointer (&self->model_bytes, g_bytes_unref);
  g_clear_object (&self->rules);
  g_clear_pointer (&self->rule_data, g_ptr_array_unref);
  g_clear_pointer (&self->remove, g_ptr_array_unref);
  g_clear_pointer (&self->warnings_builder, g_strv_builder_unref);
  g_strfreev (self->warnings);
  g_clear_pointer (&self->stem_pieces, g_ptr_array_unref);
  g_free (self->reverse_source);
  g_free (self->reverse_prefix);
  g_free (self->reverse_suffix);
  g_free (self->extension);
  g_free (self->body_prefix);
  g_free (self->image_key);
  g_clear_pointer (&self->image_extensions, g_hash_table_unref);
  g_free (self->fingerprint);

  G_OBJECT_CLASS (curator_folder_template_parent_class)->finalize (object);
}

static void
curator_folder_template_class_init (CuratorFolderTemplateClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = curator_folder_template_finalize;
}

static void
curator_folder_template_init (CuratorFolderTemplate *self)
{
  self->rules = g_list_store_new (CURATOR_TYPE_FIELD_RULE);
  self->rule_data = g_ptr_array_new_with_free_func ((GDestroyNotify) rule_data_free);
  self->remove = g_ptr_array_new_with_free_func (g_free);
  self->warnings_builder = g_strv_builder_new ();
  self->image_extensions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->extension = g_strdup (".md");
  self->body_prefix = g_strdup ("\n");
  self->body_final_newline = TRUE;
  self->body_is_html = TRUE;
}

static void
add_warning (CuratorFolderTemplate *self,
             const char            *format,
             ...) G_GNUC_PRINTF (2, 3);

static void
add_warning (CuratorFolderTemplate *self,
             const char            *format,
             ...)
{
  va_list args;
  g_autofree char *text = NULL;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  g_strv_builder_add (self->warnings_builder, text);
}

static RuleData *
add_rule (CuratorFolderTemplate *self,
          const char            *key_path,
          CuratorFieldRuleKind   kind)
{
  RuleData *data = g_new0 (RuleData, 1);

  data->rule = g_object_new (CURATOR_TYPE_FIELD_RULE, NULL);
  data->rule->key_path = g_strdup (key_path);
  data->rule->kind = kind;
  data->value_type = CURATOR_SCALAR_AUTO;
  g_ptr_array_add (self->rule_data, data);
  g_list_store_append (self->rules, data->rule);
  return data;
}

/* Field names -> facts */

typedef struct
{
  CuratorPageFact  fact;
  const char      *names;   /* lower case, ' '-separated, with ' ' at both ends */
} FactNames;

static const FactNames fact_names[] = {
  { CURATOR_PAGE_FACT_URL, " url link href original source sourceurl source_url permalink cleanurl externalurl external_url externallink external_link originalurl original_url articleurl article_url website weblink " },
  { CURATOR_PAGE_FACT_CANONICAL, " canonical canonicalurl canonical_url " },
  { CURATOR_PAGE_FACT_TITLE, " title headline " },
  { CURATOR_PAGE_FACT_DESCRIPTION, " description summary excerpt abstract teaser lead lede synopsis " },
  { CURATOR_PAGE_FACT_AUTHOR, " author authors byline creator writer " },
  { CURATOR_PAGE_FACT_PUBLISHED, " date publishdate publish_date published pubdate datepublished published_at publishedat publicationdate publication_date articledate " },
  { CURATOR_PAGE_FACT_SITE, " site sitename site_name publisher publication sourcename source_name outlet " },
  { CURATOR_PAGE_FACT_IMAGE, " image featuredimage featured_image thumbnail cover coverimage cover_image og_image ogimage heroimage hero_image banner picture img " },
  { CURATOR_PAGE_FACT_LANGUAGE, " lang language locale languagecode " },
};

/* Dates that say when the file was made or changed. */
static const char stamp_names[] = " lastmod last_mod lastmodified last_modified modified updated updated_at updatedat created createdat created_at ";

/* The last key of a key path, lower case, list indices dropped. */
static char *
leaf_name (const char *key_path)
{
  g_autoptr(GPtrArray) segments = curator_key_path_parse (key_path, NULL);

  if (segments == NULL)
    return g_strdup ("");
  for (guint i = segments->len; i > 0; i--)
    {
      CuratorKeyPathSegment *segment = g_ptr_array_index (segments, i - 1);

      if (segment->key != NULL)
        return g_ascii_strdown (segment->key, -1);
    }
  return g_strdup ("");
}

static gboolean
name_in (const char *list,
         const char *name)
{
  g_autofree char *needle = g_strdup_printf (" %s ", name);

  return name[0] != '\0' && strstr (list, needle) != NULL;
}

static int
fact_for_name (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (fact_names); i++)
    if (name_in (fact_names[i].names, name))
      return fact_names[i].fact;
  return -1;
}

/* Dates as the siblings write them */

typedef struct
{
  gboolean valid;
  gboolean has_time;
  char     separator;       /* 'T' or ' ' */
  gboolean has_seconds;
  guint    fraction_digits;
  gboolean fraction_nonzero;
  gboolean midnight;
  int      zone;            /* 0 none, 1 "Z", 2 "+hh:mm", 3 "+hhmm" */
  gboolean zone_space;      /* a space before the zone */
  int      offset_minutes;
} DateShape;

static DateShape
date_shape (const char *text)
{
  DateShape shape = { 0 };
  const char *p = text;
  int hour = 0, minute = 0, second = 0;

  for (guint i = 0; i < 10; i++)
    {
      if ((i == 4 || i == 7) ? p[i] != '-' : !g_ascii_isdigit (p[i]))
        return shape;
    }
  p += 10;
  shape.valid = TRUE;
  shape.midnight = TRUE;
  if (*p == '\0')
    return shape;
  if (*p != 'T' && *p != 't' && *p != ' ')
    {
      shape.valid = FALSE;
      return shape;
    }
  shape.separator = *p == 't' ? 'T' : *p;
  p++;
  if (!g_ascii_isdigit (p[0]) || !g_ascii_isdigit (p[1]) || p[2] != ':' ||
      !g_ascii_isdigit (p[3]) || !g_ascii_isdigit (p[4]))
    {
      shape.valid = FALSE;
      return shape;
    }
  shape.has_time = TRUE;
  hour = (p[0] - '0') * 10 + p[1] - '0';
  minute = (p[3] - '0') * 10 + p[4] - '0';
  p += 5;
  if (p[0] == ':' && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]))
    {
      shape.has_seconds = TRUE;
      second = (p[1] - '0') * 10 + p[2] - '0';
      p += 3;
      if (*p == '.')
        {
          p++;
          while (g_ascii_isdigit (*p))
            {
              if (*p != '0')
                shape.fraction_nonzero = TRUE;
              shape.fraction_digits++;
              p++;
            }
        }
    }
  shape.midnight = hour == 0 && minute == 0 && second == 0 && !shape.fraction_nonzero;
  shape.zone_space = *p == ' ';
  while (*p == ' ')
    p++;
  if (*p == 'Z' || *p == 'z')
    {
      shape.zone = 1;
      p++;
    }
  else if ((*p == '+' || *p == '-') && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]))
    {
      int sign = *p == '-' ? -1 : 1;
      int hours = (p[1] - '0') * 10 + p[2] - '0';
      int minutes = 0;

      p += 3;
      shape.zone = 3;
      if (*p == ':')
        {
          shape.zone = 2;
          p++;
        }
      if (g_ascii_isdigit (p[0]) && g_ascii_isdigit (p[1]))
        {
          minutes = (p[0] - '0') * 10 + p[1] - '0';
          p += 2;
        }
      shape.offset_minutes = sign * (hours * 60 + minutes);
    }
  if (*p != '\0')
    shape.valid = FALSE;
  return shape;
}

/* @time written as @example is. */
static char *
format_date_like (GDateTime  *time,
                  const char *example)
{
  DateShape shape = date_shape (example);
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  GString *out;

  if (!shape.valid)
    return g_date_time_format_iso8601 (time);

  if (shape.zone == 1)
    zone = g_time_zone_new_utc ();
  else if (shape.zone >= 2)
    {
      g_autofree char *identifier = g_strdup_printf ("%c%02d:%02d",
                                                     shape.offset_minutes < 0 ? '-' : '+',
                                                     ABS (shape.offset_minutes) / 60,
                                                     ABS (shape.offset_minutes) % 60);

      zone = g_time_zone_new_identifier (identifier);
    }
  if (zone == NULL)
    zone = g_time_zone_new_local ();
  local = g_date_time_to_timezone (time, zone);

  out = g_string_new (NULL);
  g_string_append_printf (out, "%04d-%02d-%02d", g_date_time_get_year (local),
                          g_date_time_get_month (local), g_date_time_get_day_of_month (local));
  if (!shape.has_time)
    return g_string_free (out, FALSE);

  g_string_append_printf (out, "%c%02d:%02d", shape.separator,
                          g_date_time_get_hour (local), g_date_time_get_minute (local));
  if (shape.has_seconds)
    {
      g_string_append_printf (out, ":%02d", g_date_time_get_second (local));
      if (shape.fraction_digits > 0)
        {
          g_autofree char *micro = g_strdup_printf ("%06d", g_date_time_get_microsecond (local));
          guint digits = MIN (shape.fraction_digits, 9);

          g_string_append_c (out, '.');
          for (guint i = 0; i < digits; i++)
            g_string_append_c (out, i < 6 ? micro[i] : '0');
        }
    }
  if (shape.zone != 0 && shape.zone_space)
    g_string_append_c (out, ' ');
  if (shape.zone == 1)
    g_string_append_c (out, 'Z');
  else if (shape.zone >= 2)
    {
      int offset = (int) (g_date_time_get_utc_offset (local) / G_TIME_SPAN_MINUTE);

      g_string_append_printf (out, shape.zone == 2 ? "%c%02d:%02d" : "%c%02d%02d",
                              offset < 0 ? '-' : '+', ABS (offset) / 60, ABS (offset) % 60);
    }
  return g_string_free (out, FALSE);
}

/* A published fact (ISO 8601, maybe a date alone) as a time. */
static GDateTime *
parse_fact_date (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  DateShape shape = date_shape (text);

  if (!shape.valid)
    return NULL;
  if (!shape.has_time)
    {
      int year, month, day;

      if (sscanf (text, "%4d-%2d-%2d", &year, &month, &day) != 3)
        return NULL;
      return g_date_time_new (utc, year, month, day, 0, 0, 0);
    }
  return g_date_time_new_from_iso8601 (text, utc);
}

/* Loading siblings */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
is_content_name (const char *name)
{
  return curator_folder_index_is_content_file (name) && name[0] != '_' && name[0] != '.';
}

/* The content files of @folder: its own (not _index.md) and its bundles'
 * index files. */
static GPtrArray *
list_siblings (GFile         *folder,
               gboolean      *mostly_bundles,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  guint n_bundles = 0;
  GFileInfo *info;

  enumerator = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable, error);
  if (enumerator == NULL)
    return NULL;

  while ((info = g_file_enumerator_next_file (enumerator, cancellable, error)) != NULL)
    {
      const char *name = g_file_info_get_name (info);

      if (name[0] == '.' || name[0] == '_')
        {
          g_object_unref (info);
          continue;
        }
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR && is_content_name (name))
        {
          g_ptr_array_add (names, g_strdup (name));
        }
      else if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        {
          static const char * const index_names[] = { "index.md", "index.markdown", "index.html" };

          for (guint i = 0; i < G_N_ELEMENTS (index_names); i++)
            {
              g_autoptr(GFile) child = g_file_get_child (folder, name);
              g_autoptr(GFile) index = g_file_get_child (child, index_names[i]);

              if (g_file_query_file_type (index, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL) == G_FILE_TYPE_REGULAR)
                {
                  g_ptr_array_add (names, g_build_filename (name, index_names[i], NULL));
                  n_bundles++;
                  break;
                }
            }
        }
      g_object_unref (info);
    }
  if (error != NULL && *error != NULL)
    return NULL;

  g_ptr_array_sort (names, compare_strings);
  *mostly_bundles = names->len > 0 && n_bundles * 2 > names->len;
  return g_steal_pointer (&names);
}

static Sibling *
load_sibling (GFile      *folder,
              const char *name)
{
  g_autoptr(GFile) file = g_file_resolve_relative_path (folder, name);
  g_autofree char *contents = NULL;
  g_autofree char *base = NULL;
  Sibling *sibling;
  gsize length;
  char *dot;

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, NULL))
    return NULL;

  sibling = g_new0 (Sibling, 1);
  sibling->name = g_strdup (name);
  sibling->bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  sibling->document = curator_document_new (NULL);
  if (!curator_document_load_from_bytes (sibling->document, sibling->bytes, NULL) ||
      curator_document_get_load_error (sibling->document) != NULL ||
      curator_document_get_root (sibling->document) == NULL ||
      curator_node_get_kind (curator_document_get_root (sibling->document)) != CURATOR_NODE_MAPPING)
    {
      sibling_free (sibling);
      return NULL;
    }

  /* "x.md" -> "x"; "x/index.md" -> "x" */
  if (strchr (name, '/') != NULL)
    base = g_path_get_dirname (name);
  else
    base = g_strdup (name);
  dot = strrchr (base, '.');
  if (strchr (name, '/') == NULL && dot != NULL)
    *dot = '\0';
  sibling->stem = g_steal_pointer (&base);

  sibling->leaves = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) leaf_free);
  sibling->paths = g_ptr_array_new_with_free_func (g_free);
  flatten (sibling, curator_document_get_root (sibling->document), "");
  return sibling;
}

/* Analysis */

typedef struct
{
  GPtrArray  *siblings;    /* Sibling */
  GHashTable *present;     /* key path -> count (GUINT_TO_POINTER) */
  GHashTable *constants;   /* key path -> the constant text */
  GHashTable *seeds;       /* key path -> fact (GINT_TO_POINTER (fact + 1)) */
} Analysis;

static guint
count_present (Analysis   *analysis,
               const char *path)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (analysis->present, path));
}

/* The most common text of @path among the siblings, and how many have it. */
static const char *
mode_of (Analysis   *analysis,
         const char *path,
         guint      *count,
         guint      *n_distinct)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  const char *best = NULL;
  guint best_count = 0;

  for (guint i = 0; i < analysis->siblings->len; i++)
    {
      Sibling *sibling = g_ptr_array_index (analysis->siblings, i);
      Leaf *leaf = g_hash_table_lookup (sibling->leaves, path);
      guint n;

      if (leaf == NULL)
        continue;
      n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, leaf->text)) + 1;
      g_hash_table_insert (counts, leaf->text, GUINT_TO_POINTER (n));
      if (n > best_count)
        {
          best_count = n;
          best = leaf->text;
        }
    }
  if (count != NULL)
    *count = best_count;
  if (n_distinct != NULL)
    *n_distinct = g_hash_table_size (counts);
  return best;
}

static gboolean
is_constant (Analysis   *analysis,
             const char *path)
{
  guint present = count_present (analysis, path);
  guint count;

  if (present < 2)
    return FALSE;
  mode_of (analysis, path, &count, NULL);
  return count >= CONSTANT_SHARE * present;
}

/* The share of the siblings' non-empty values of @path that satisfy @test. */
static double
share_of (Analysis    *analysis,
          const char  *path,
          gboolean   (*test) (const char *text))
{
  guint n = 0, yes = 0;

  for (guint i = 0; i < analysis->siblings->len; i++)
    {
      Sibling *sibling = g_ptr_array_index (analysis->siblings, i);
      Leaf *leaf = g_hash_table_lookup (sibling->leaves, path);

      if (leaf == NULL || leaf->kind != CURATOR_NODE_SCALAR || leaf->text[0] == '\0')
        continue;
      n++;
      if (test (leaf->text))
        yes++;
    }
  return n > 0 ? (double) yes / n : 0;
}

static gboolean
is_web_address (const char *text)
{
  return g_str_has_prefix (text, "http://") || g_str_has_prefix (text, "https://");
}

static gboolean
is_date_text (const char *text)
{
  return date_shape (text).valid;
}

static gboolean
has_fraction (const char *text)
{
  return date_shape (text).fraction_nonzero;
}

static gboolean
is_midnight (const char *text)
{
  return date_shape (text).midnight;
}

/* The siblings' common scalar type of @path: strings are written as
 * strings even where the representative has an empty value. */
static CuratorScalarType
value_type_of (Analysis   *analysis,
               const char *path)
{
  guint strings = 0, others = 0;

  for (guint i = 0; i < analysis->siblings->len; i++)
    {
      Sibling *sibling = g_ptr_array_index (analysis->siblings, i);
      Leaf *leaf = g_hash_table_lookup (sibling->leaves, path);

      if (leaf == NULL || leaf->kind != CURATOR_NODE_SCALAR || leaf->type == CURATOR_SCALAR_NULL)
        continue;
      if (leaf->type == CURATOR_SCALAR_STRING)
        strings++;
      else
        others++;
    }
  return strings >= others ? CURATOR_SCALAR_STRING : CURATOR_SCALAR_AUTO;
}

/* How the siblings write @path when it is empty: "''", "\"\"", "null"
 * (nothing after the colon) or "[]". */
static char *
empty_form_of (Analysis          *analysis,
               const char        *path,
               const CuratorNode *model_node)
{
  guint single = 0, dbl = 0, null = 0, list = 0;

  for (guint i = 0; i < analysis->siblings->len; i++)
    {
      Sibling *sibling = g_ptr_array_index (analysis->siblings, i);
      Leaf *leaf = g_hash_table_lookup (sibling->leaves, path);

      if (leaf == NULL)
        continue;
      if (leaf->kind == CURATOR_NODE_SEQUENCE && leaf->n_items == 0)
        list++;
      else if (leaf->kind == CURATOR_NODE_SCALAR && leaf->text[0] == '\0')
        {
          if (leaf->style == CURATOR_NODE_STYLE_SINGLE_QUOTED)
            single++;
          else if (leaf->style == CURATOR_NODE_STYLE_DOUBLE_QUOTED)
            dbl++;
          else
            null++;
        }
    }

  if (curator_node_get_kind (model_node) == CURATOR_NODE_SEQUENCE)
    return g_strdup (null > list ? "null" : "[]");
  if (list > 0 && list >= single + dbl + null)
    return g_strdup ("[]");
  if (single + dbl + null > 0)
    {
      if (single >= dbl && single >= null)
        return g_strdup ("''");
      return g_strdup (dbl >= null ? "\"\"" : "null");
    }
  if (curator_node_get_kind (model_node) == CURATOR_NODE_MAPPING)
    return g_strdup ("null");
  return g_strdup (value_type_of (analysis, path) == CURATOR_SCALAR_STRING ? "''" : "null");
}

/* Builds each sibling's sources: its non-constant text values (and their
 * transforms), and its file name. */
static void
collect_sources (Analysis *analysis)
{
  for (guint i = 0; i < analysis->siblings->len; i++)
    {
      Sibling *sibling = g_ptr_array_index (analysis->siblings, i);

      sibling->sources = g_array_new (FALSE, TRUE, sizeof (Source));
      g_array_set_clear_func (sibling->sources, (GDestroyNotify) source_clear);

      for (guint p = 0; p <= sibling->paths->len; p++)
        {
          const char *path = p < sibling->paths->len ? g_ptr_array_index (sibling->paths, p) : STEM_SOURCE;
          const char *text;
          guint priority;

          if (p < sibling->paths->len)
            {
              Leaf *leaf = g_hash_table_lookup (sibling->leaves, path);

              if (leaf->kind != CURATOR_NODE_SCALAR || leaf->type != CURATOR_SCALAR_STRING ||
                  g_hash_table_contains (analysis->constants, path))
                continue;
              text = leaf->text;
              priority = g_hash_table_contains (analysis->seeds, path) ? 0 : 2;
            }
          else
            {
              text = sibling->stem;
              priority = 1;
            }

          for (Transform t = 0; t < N_TRANSFORMS; t++)
            {
              Source source = { path, priority, t, apply_transform (t, text) };

              if (g_utf8_strlen (source.value, -1) < MIN_SOURCE_CHARS ||
                  (t != TRANSFORM_IDENTITY && strcmp (source.value, text) == 0))
                {
                  g_free (source.value);
                  continue;
                }
              g_array_append_val (sibling->sources, source);
            }
        }
      g_array_sort (sibling->sources, compare_sources);
    }
}

/* The sources of @sibling without @path itself and what is inside it or
 * holds it; @only_seeds keeps the page facts' fields alone. */
static GArray *
sources_for (Analysis   *analysis,
             Sibling    *sibling,
             const char *path,
             gboolean    only_seeds,
             gboolean    with_stem)
{
  GArray *sources = g_array_new (FALSE, FALSE, sizeof (Source));
  gsize length = path != NULL ? strlen (path) : 0;

  for (guint i = 0; i < sibling->sources->len; i++)
    {
      Source *source = &g_array_index (sibling->sources, Source, i);
      gboolean stem = strcmp (source->path, STEM_SOURCE) == 0;

      if (stem ? !with_stem : (only_seeds && source->priority != 0))
        continue;
      if (path != NULL &&
          (strcmp (source->path, path) == 0 ||
           (g_str_has_prefix (source->path, path) && source->path[length] == '[') ||
           (g_str_has_prefix (path, source->path) && path[strlen (source->path)] == '[')))
        continue;
      g_array_append_val (sources, *source);
    }
  return sources;
}

/* The way most siblings build @target_of (a function reading the value a
 * sibling has), if DERIVED_SHARE of them agree. */
static GPtrArray *
infer_template (Analysis    *analysis,
                const char  *path,
                const char *(*target_of) (Sibling *sibling, const char *path),
                gboolean     only_seeds,
                gboolean     with_stem)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) template_count_free);
  TemplateCount *best = NULL;
  guint n = 0;
  GHashTableIter iter;
  gpointer value;

  for (guint i = 0; i < analysis->siblings->len; i++)
    {
      Sibling *sibling = g_ptr_array_index (analysis->siblings, i);
      const char *target = target_of (sibling, path);
      g_autoptr(GArray) sources = NULL;
      g_autoptr(GPtrArray) pieces = NULL;
      g_autofree char *key = NULL;
      TemplateCount *count;

      if (target == NULL || target[0] == '\0')
        continue;
      n++;
      sources = sources_for (analysis, sibling, path, only_seeds, with_stem);
      pieces = infer_pieces (target, sources);
      if (!template_has_source (pieces))
        continue;
      key = template_to_string (pieces);
      count = g_hash_table_lookup (counts, key);
      if (count == NULL)
        {
          count = g_new0 (TemplateCount, 1);
          count->pieces = g_steal_pointer (&pieces);
          g_hash_table_insert (counts, g_steal_pointer (&key), count);
        }
      count->count++;
    }

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      TemplateCount *count = value;

      if (best == NULL || count->count > best->count)
        best = count;
    }
  /* One sibling can show a rule; with more, two must agree. */
  if (best == NULL || best->count < MIN (n, 2) || best->count < DERIVED_SHARE * n)
    return NULL;
  return g_ptr_array_ref (best->pieces);
}

static const char *
leaf_text_of (Sibling    *sibling,
              const char *path)
{
  Leaf *leaf = g_hash_table_lookup (sibling->leaves, path);

  if (leaf == NULL || leaf->kind != CURATOR_NODE_SCALAR)
    return NULL;
  return leaf->text;
}

static const char *
stem_of (Sibling    *sibling,
         const char *path)
{
  return sibling->stem;
}

static gboolean
is_uuid (const char *text)
{
  return g_uuid_string_is_valid (text);
}

static gboolean
has_date_prefix (const char *text)
{
  for (guint i = 0; i < 10; i++)
    if ((i == 4 || i == 7) ? text[i] != '-' : !g_ascii_isdigit (text[i]))
      return FALSE;
  return text[10] == '-' || text[10] == '_';
}

static const char *
stem_after_date (Sibling    *sibling,
                 const char *path)
{
  return has_date_prefix (sibling->stem) ? sibling->stem + 11 : NULL;
}

/* How new files are named. */
static void
infer_file_names (CuratorFolderTemplate *self,
                  Analysis              *analysis)
{
  guint n = analysis->siblings->len, n_uuid = 0, n_dated = 0;
  g_autoptr(GHashTable) versions = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) extensions = g_hash_table_new (g_str_hash, g_str_equal);
  guint best_extension = 0;

  for (guint i = 0; i < n; i++)
    {
      Sibling *sibling = g_ptr_array_index (analysis->siblings, i);
      const char *dot = strrchr (sibling->name, '.');
      guint count;

      if (is_uuid (sibling->stem))
        {
          guint version = g_ascii_xdigit_value (sibling->stem[14]);

          n_uuid++;
          g_hash_table_insert (versions, GUINT_TO_POINTER (version),
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (versions, GUINT_TO_POINTER (version))) + 1));
        }
      if (has_date_prefix (sibling->stem))
        n_dated++;
      if (dot != NULL)
        {
          count = GPOINTER_TO_UINT (g_hash_table_lookup (extensions, dot)) + 1;
          g_hash_table_insert (extensions, (gpointer) dot, GUINT_TO_POINTER (count));
          if (count > best_extension)
            {
              best_extension = count;
              g_free (self->extension);
              self->extension = g_strdup (dot);
            }
        }
    }

  if (n_uuid >= CONSTANT_SHARE * n)
    {
      guint best = 0;
      GHashTableIter iter;
      gpointer key, value;

      self->stem_kind = STEM_UUID;
      g_hash_table_iter_init (&iter, versions);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (GPOINTER_TO_UINT (value) > best)
          {
            best = GPOINTER_TO_UINT (value);
            self->uuid_version = GPOINTER_TO_UINT (key);
          }
      return;
    }

  if (n_dated >= CONSTANT_SHARE * n)
    {
      self->stem_kind = STEM_DATE_SLUG;
      self->stem_pieces = infer_template (analysis, NULL, stem_after_date, TRUE, FALSE);
      return;
    }

  /* The file name built from the page facts' fields ("{slug:title}")... */
  self->stem_pieces = infer_template (analysis, NULL, stem_of, TRUE, FALSE);
  if (self->stem_pieces != NULL)
    {
      self->stem_kind = STEM_TEMPLATE;
      return;
    }

  /* ... or one of those fields built from the file name ("strings.{@stem}"). */
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, analysis->seeds);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      {
        g_autoptr(GPtrArray) pieces = infer_template (analysis, key, leaf_text_of, FALSE, TRUE);
        guint n_sources = 0;
        Piece *stem_piece = NULL;
        guint stem_index = 0;

        if (pieces == NULL)
          continue;
        for (guint i = 0; i < pieces->len; i++)
          {
            Piece *piece = g_ptr_array_index (pieces, i);

            if (piece->literal == NULL)
              {
                n_sources++;
                stem_piece = piece;
                stem_index = i;
              }
          }
        if (n_sources != 1 || strcmp (stem_piece->source, STEM_SOURCE) != 0 ||
            stem_piece->transform != TRANSFORM_IDENTITY)
          continue;

        self->stem_kind = STEM_REVERSE;
        self->reverse_source = g_strdup (key);
        self->reverse_prefix = g_strdup (stem_index > 0 ? ((Piece *) g_ptr_array_index (pieces, 0))->literal : "");
        self->reverse_suffix = g_strdup (stem_index + 1 < pieces->len
                                         ? ((Piece *) g_ptr_array_index (pieces, stem_index + 1))->literal : "");
        return;
      }
  }

  self->stem_kind = STEM_SLUG;
}

/* How the bodies are written. */
static void
infer_body_style (CuratorFolderTemplate *self,
                  Analysis              *analysis,
                  Sibling               *model)
{
  g_autofree char *body = curator_document_dup_body (model->document);
  const char *p = body;
  guint html = 0, text = 0;

  while (*p == '\n' || *p == '\r' || *p == ' ' || *p == '\t')
    p++;
  g_free (self->body_prefix);
  self->body_prefix = g_strndup (body, p - body);
  if (self->body_prefix[0] == '\0' && *p == '\0')
    self->body_prefix = (g_free (self->body_prefix), g_strdup ("\n"));
  self->body_final_newline = *p == '\0' || g_str_has_suffix (body, "\n");

  for (guint i = 0; i < analysis->siblings->len; i++)
    {
      Sibling *sibling = g_ptr_array_index (analysis->siblings, i);
      g_autofree char *sibling_body = curator_document_dup_body (sibling->document);

      /* An HTML body starts with a tag; Markdown with text, a heading or
       * a shortcode, whatever HTML it holds further on. */
      g_strstrip (sibling_body);
      if (sibling_body[0] == '\0')
        continue;
      if (sibling_body[0] == '<' && g_ascii_isalpha (sibling_body[1]))
        html++;
      else
        text++;
    }
  self->body_is_html = html >= text;
  self->blocks_on_lines = strstr (body, ">\n<") != NULL || strstr (body, ">\r\n<") != NULL;
}

/* Which field holds the featured image, and how images are named. */
static void
infer_image (CuratorFolderTemplate *self,
             Analysis              *analysis,
             Sibling               *model)
{
  for (guint i = 0; i < model->paths->len; i++)
    {
      const char *path = g_ptr_array_index (model->paths, i);
      g_autofree char *name = leaf_name (path);
      g_autofree char *href = NULL;
      g_autofree char *format = NULL;

      if (strchr (path, '.') != NULL || strchr (path, '[') != NULL ||
          fact_for_name (name) != CURATOR_PAGE_FACT_IMAGE)
        continue;
      self->image_key = g_strdup (path);
      self->image_holds_url = share_of (analysis, path, is_web_address) >= CONSTANT_SHARE;

      href = g_strconcat (path, ".href", NULL);
      format = g_strconcat (path, ".format", NULL);
      for (guint s = 0; s < analysis->siblings->len; s++)
        {
          Sibling *sibling = g_ptr_array_index (analysis->siblings, s);
          const char *href_text = leaf_text_of (sibling, href);
          const char *format_text = leaf_text_of (sibling, format);
          const char *dot;

          if (href_text == NULL || format_text == NULL || format_text[0] == '\0' ||
              (dot = strrchr (href_text, '.')) == NULL || strchr (dot, '/') != NULL)
            continue;
          if (!g_hash_table_contains (self->image_extensions, format_text))
            g_hash_table_insert (self->image_extensions, g_ascii_strup (format_text, -1),
                                 g_strdup (dot + 1));
        }
      return;
    }
}

/* The fields an attached image sets (its file name, size, type): empty
 * until an image is attached, whatever the siblings hold. */
static void
mark_image_managed (CuratorFolderTemplate *self,
                    RuleData              *data)
{
  static const char image_fields[] = " href src url path file filename size width height mime_type mimetype mime ";
  const char *path = data->rule->key_path;
  g_autofree char *name = leaf_name (path);
  gsize length;

  if (self->image_key == NULL || data->rule->kind == CURATOR_FIELD_RULE_KEEP)
    return;
  length = strlen (self->image_key);
  if (strcmp (path, self->image_key) == 0)
    data->image_managed = !self->image_holds_url;
  else if (g_str_has_prefix (path, self->image_key) && path[length] == '.' &&
           strchr (path + length + 1, '.') == NULL && name_in (image_fields, name))
    data->image_managed = TRUE;
}

/* The key paths of @sibling in file order, as one string. */
static char *
key_order (Sibling *sibling)
{
  GString *order = g_string_new (NULL);

  for (guint p = 0; p < sibling->paths->len; p++)
    {
      g_string_append (order, g_ptr_array_index (sibling->paths, p));
      g_string_append_c (order, '\n');
    }
  return g_string_free (order, FALSE);
}

/* The siblings' usual keys, and the sibling whose bytes start the new
 * file: it has all of them (else most), few others, the usual order. */
static Sibling *
choose_model (Analysis *analysis)
{
  g_autoptr(GHashTable) orders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Sibling *best = NULL;
  guint best_score = G_MAXUINT;
  guint n = analysis->siblings->len;

  for (guint i = 0; i < n; i++)
    {
      char *order = key_order (g_ptr_array_index (analysis->siblings, i));

      g_hash_table_insert (orders, order, GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (orders, order)) + 1));
    }

  for (guint i = 0; i < n; i++)
    {
      Sibling *sibling = g_ptr_array_index (analysis->siblings, i);
      g_autofree char *order = key_order (sibling);
      guint missing = 0, extra = 0, score;
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, analysis->present);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (GPOINTER_TO_UINT (value) >= USUAL_SHARE * n && strchr (key, '[') == NULL &&
            !g_hash_table_contains (sibling->leaves, key))
          missing++;
      for (guint p = 0; p < sibling->paths->len; p++)
        if (count_present (analysis, g_ptr_array_index (sibling->paths, p)) < USUAL_SHARE * n &&
            strchr (g_ptr_array_index (sibling->paths, p), '[') == NULL)
          extra++;

      /* Missing keys cost most (they would be appended out of order),
       * then keys to remove, then an unusual key order. */
      score = missing * 10000 + extra * 100 +
              (n - GPOINTER_TO_UINT (g_hash_table_lookup (orders, order))) * 100 / n;
      if (score < best_score)
        {
          best_score = score;
          best = sibling;
        }
    }
  return best;
}

static gboolean
parent_removed (GPtrArray  *removed,
                const char *path)
{
  for (guint i = 0; i < removed->len; i++)
    {
      const char *parent = g_ptr_array_index (removed, i);
      gsize length = strlen (parent);

      if (g_str_has_prefix (path, parent) && (path[length] == '.' || path[length] == '['))
        return TRUE;
    }
  return FALSE;
}

/* The rule of one value of the model (not a mapping: their fields have
 * rules of their own). */
static void
infer_rule (CuratorFolderTemplate *self,
            Analysis              *analysis,
            Sibling               *model,
            const char            *path)
{
  const CuratorNode *node = curator_document_lookup (model->document, path, NULL);
  Leaf *model_leaf = g_hash_table_lookup (model->leaves, path);
  g_autofree char *name = leaf_name (path);
  gpointer seed = g_hash_table_lookup (analysis->seeds, path);
  RuleData *data;

  if (g_hash_table_contains (analysis->constants, path))
    {
      data = add_rule (self, path, CURATOR_FIELD_RULE_KEEP);
      data->value = g_strdup (g_hash_table_lookup (analysis->constants, path));
      data->keep_is_json = model_leaf->kind != CURATOR_NODE_SCALAR;
      data->kind = model_leaf->kind;
      return;
    }

  /* Dates that say when the file was made, in the siblings' format. */
  if (model_leaf->kind == CURATOR_NODE_SCALAR && share_of (analysis, path, is_date_text) >= CONSTANT_SHARE)
    {
      gboolean stamp = name_in (stamp_names, name) ||
                       (seed != NULL && GPOINTER_TO_INT (seed) - 1 == CURATOR_PAGE_FACT_PUBLISHED &&
                        share_of (analysis, path, has_fraction) >= 0.5);

      if (stamp)
        {
          data = add_rule (self, path, CURATOR_FIELD_RULE_NOW);
          data->date_example = g_strdup (model_leaf->text);
          data->kind = CURATOR_NODE_SCALAR;
          return;
        }
      if (seed != NULL)
        {
          data = add_rule (self, path, CURATOR_FIELD_RULE_FACT);
          data->rule->fact = GPOINTER_TO_INT (seed) - 1;
          data->date_example = g_strdup (model_leaf->text);
          data->kind = CURATOR_NODE_SCALAR;
          data->empty_form = empty_form_of (analysis, path, node);
          /* A post's date is needed; a calendar date is not guessed. */
          data->fact_fallback_now = strcmp (name, "date") == 0 &&
                                    share_of (analysis, path, is_midnight) < CONSTANT_SHARE;
          return;
        }
    }

  if (seed != NULL)
    {
      data = add_rule (self, path, CURATOR_FIELD_RULE_FACT);
      data->rule->fact = GPOINTER_TO_INT (seed) - 1;
      data->kind = model_leaf->kind;
      data->value_type = value_type_of (analysis, path);
      data->empty_form = empty_form_of (analysis, path, node);
      return;
    }

  if (model_leaf->kind == CURATOR_NODE_SCALAR)
    {
      g_autoptr(GPtrArray) pieces = infer_template (analysis, path, leaf_text_of, FALSE, TRUE);

      if (pieces != NULL)
        {
          data = add_rule (self, path, CURATOR_FIELD_RULE_DERIVED);
          data->pieces = g_steal_pointer (&pieces);
          data->rule->template = template_to_string (data->pieces);
          data->kind = CURATOR_NODE_SCALAR;
          data->value_type = value_type_of (analysis, path);
          data->empty_form = empty_form_of (analysis, path, node);
          return;
        }
    }
  else if (model_leaf->kind == CURATOR_NODE_SEQUENCE && model_leaf->scalar_items && model_leaf->n_items > 0)
    {
      /* A list of the same length in (nearly) all siblings, each item
       * constant or built from fields: rebuilt item by item. */
      guint same_length = 0;
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_rule_free);
      gboolean rebuilt = TRUE, any_built = FALSE;

      for (guint i = 0; i < analysis->siblings->len; i++)
        {
          Leaf *leaf = g_hash_table_lookup (((Sibling *) g_ptr_array_index (analysis->siblings, i))->leaves, path);

          if (leaf != NULL && leaf->n_items == model_leaf->n_items)
            same_length++;
        }

      for (guint i = 0; rebuilt && same_length >= CONSTANT_SHARE * count_present (analysis, path) &&
                        i < model_leaf->n_items; i++)
        {
          g_autoptr(GString) item_path = g_string_new (path);
          ItemRule *item = g_new0 (ItemRule, 1);

          curator_key_path_append_index (item_path, i);
          if (g_hash_table_contains (analysis->constants, item_path->str))
            item->constant = g_strdup (g_hash_table_lookup (analysis->constants, item_path->str));
          else if ((item->pieces = infer_template (analysis, item_path->str, leaf_text_of, FALSE, TRUE)) != NULL)
            any_built = TRUE;
          else
            rebuilt = FALSE;
          g_ptr_array_add (items, item);
        }

      if (rebuilt && any_built && items->len == model_leaf->n_items)
        {
          g_autoptr(GString) description = g_string_new ("[");

          data = add_rule (self, path, CURATOR_FIELD_RULE_DERIVED);
          data->kind = CURATOR_NODE_SEQUENCE;
          for (guint i = 0; i < items->len; i++)
            {
              ItemRule *item = g_ptr_array_index (items, i);

              if (i > 0)
                g_string_append (description, ", ");
              if (item->constant != NULL)
                g_string_append (description, item->constant);
              else
                {
                  g_autofree char *text = template_to_string (item->pieces);

                  g_string_append (description, text);
                }
            }
          g_string_append_c (description, ']');
          data->rule->template = g_string_free (g_steal_pointer (&description), FALSE);
          data->items = g_steal_pointer (&items);
          data->empty_form = g_strdup ("[]");
          return;
        }
    }

  data = add_rule (self, path, CURATOR_FIELD_RULE_EMPTY);
  data->kind = model_leaf->kind;
  data->value_type = value_type_of (analysis, path);
  data->empty_form = empty_form_of (analysis, path, node);
}

/* The page facts' fields: names that say which fact, values that look
 * like it, and enough variety to be per item. */
static void
infer_seeds (Analysis *analysis,
             Sibling  *model)
{
  guint n = analysis->siblings->len;

  for (guint i = 0; i < model->paths->len; i++)
    {
      const char *path = g_ptr_array_index (model->paths, i);
      Leaf *leaf = g_hash_table_lookup (model->leaves, path);
      g_autofree char *name = leaf_name (path);
      int fact = fact_for_name (name);
      guint present, distinct;

      if (fact < 0 || strchr (path, '[') != NULL || g_hash_table_contains (analysis->constants, path))
        continue;
      if (leaf->kind == CURATOR_NODE_MAPPING)
        continue;
      if (leaf->kind == CURATOR_NODE_SEQUENCE && fact != CURATOR_PAGE_FACT_AUTHOR)
        continue;
      if ((fact == CURATOR_PAGE_FACT_URL || fact == CURATOR_PAGE_FACT_CANONICAL) &&
          share_of (analysis, path, is_web_address) < CONSTANT_SHARE)
        continue;
      /* An image field takes the page's image address only when the
       * siblings' hold addresses (else it names a stored file). */
      if (fact == CURATOR_PAGE_FACT_IMAGE &&
          (leaf->kind != CURATOR_NODE_SCALAR || share_of (analysis, path, is_web_address) < CONSTANT_SHARE))
        continue;

      present = count_present (analysis, path);
      mode_of (analysis, path, NULL, &distinct);
      if (n >= VARIETY_MIN_SIBLINGS && present >= VARIETY_MIN_SIBLINGS && distinct <= VARIETY_SHARE * present)
        continue;

      g_hash_table_insert (analysis->seeds, g_strdup (path), GINT_TO_POINTER (fact + 1));
    }
}

/* The curator's remembered choices */

static char *
config_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "curator", CONFIG_FILE_NAME, NULL);
}

static char *
folder_group (CuratorFolderTemplate *self)
{
  g_autofree char *path = g_file_get_path (self->folder);

  return g_strdup_printf ("folder %s", path != NULL ? path : "");
}

static RuleData *
find_rule (CuratorFolderTemplate *self,
           const char            *key_path)
{
  for (guint i = 0; i < self->rule_data->len; i++)
    {
      RuleData *data = g_ptr_array_index (self->rule_data, i);

      if (strcmp (data->rule->key_path, key_path) == 0)
        return data;
    }
  return NULL;
}

static void
choose_fact (RuleData *data,
             int       fact)
{
  data->rule->chosen = TRUE;
  data->rule->kind = fact >= 0 ? CURATOR_FIELD_RULE_FACT : CURATOR_FIELD_RULE_EMPTY;
  data->rule->fact = fact;
  if (data->empty_form == NULL)
    data->empty_form = g_strdup (data->kind == CURATOR_NODE_SEQUENCE ? "[]" : "''");
}

static void
apply_remembered (CuratorFolderTemplate *self)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autofree char *path = config_path ();
  g_autofree char *group = folder_group (self);

  if (!g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, NULL) ||
      !g_key_file_has_group (key_file, group))
    return;

  for (int fact = -1; fact < CURATOR_N_PAGE_FACTS; fact++)
    {
      const char *name = fact >= 0 ? curator_page_fact_get_name (fact) : "none";
      g_auto(GStrv) key_paths = g_key_file_get_string_list (key_file, group, name, NULL, NULL);

      for (guint i = 0; key_paths != NULL && key_paths[i] != NULL; i++)
        {
          RuleData *data = find_rule (self, key_paths[i]);

          if (data != NULL)
            choose_fact (data, fact);
        }
    }
}

/* Templates made from siblings */

static gboolean
analyze_siblings (CuratorFolderTemplate *self,
                  GPtrArray             *siblings)
{
  Analysis analysis = { 0 };
  Sibling *model;
  g_autoptr(GPtrArray) removed = g_ptr_array_new_with_free_func (g_free);
  guint n = siblings->len;
  GHashTableIter iter;
  gpointer key;

  analysis.siblings = siblings;
  analysis.present = g_hash_table_new (g_str_hash, g_str_equal);
  analysis.constants = g_hash_table_new (g_str_hash, g_str_equal);
  analysis.seeds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < n; i++)
    {
      Sibling *sibling = g_ptr_array_index (siblings, i);

      for (guint p = 0; p < sibling->paths->len; p++)
        {
          const char *path = g_ptr_array_index (sibling->paths, p);

          g_hash_table_insert (analysis.present, (gpointer) path,
                               GUINT_TO_POINTER (count_present (&analysis, path) + 1));
        }
    }

  g_hash_table_iter_init (&iter, analysis.present);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (is_constant (&analysis, key))
      g_hash_table_insert (analysis.constants, key, (gpointer) mode_of (&analysis, key, NULL, NULL));

  model = choose_model (&analysis);
  self->model_file = g_file_resolve_relative_path (self->folder, model->name);
  self->model_bytes = g_bytes_ref (model->bytes);

  infer_seeds (&analysis, model);
  collect_sources (&analysis);
  infer_file_names (self, &analysis);
  infer_body_style (self, &analysis, model);
  infer_image (self, &analysis, model);

  for (guint i = 0; i < model->paths->len; i++)
    {
      const char *path = g_ptr_array_index (model->paths, i);
      Leaf *leaf = g_hash_table_lookup (model->leaves, path);

      if (parent_removed (removed, path))
        continue;
      /* Keys most siblings lack are not copied (nor list items, which
       * belong to their list's rule). */
      if (count_present (&analysis, path) < USUAL_SHARE * n && strchr (path, '[') == NULL)
        {
          g_ptr_array_add (self->remove, g_strdup (path));
          g_ptr_array_add (removed, g_strdup (path));
          continue;
        }
      if (strchr (path, '[') != NULL || leaf->kind == CURATOR_NODE_MAPPING)
        continue;
      infer_rule (self, &analysis, model, path);
      mark_image_managed (self, g_ptr_array_index (self->rule_data, self->rule_data->len - 1));
    }

  g_hash_table_unref (analysis.present);
  g_hash_table_unref (analysis.constants);
  g_hash_table_unref (analysis.seeds);
  return TRUE;
}

/* Archetypes */

static const char * const config_names[] = {
  "hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.yaml", "config.yml", "config.json",
};

/* The Hugo site the folder is in, or NULL. */
static GFile *
find_site_root (GFile *folder)
{
  g_autoptr(GFile) dir = g_object_ref (folder);

  for (guint level = 0; dir != NULL && level < 32; level++)
    {
      g_autoptr(GFile) archetypes = g_file_get_child (dir, "archetypes");
      GFile *parent;

      if (g_file_query_file_type (archetypes, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
        return g_steal_pointer (&dir);
      for (guint i = 0; i < G_N_ELEMENTS (config_names); i++)
        {
          g_autoptr(GFile) config = g_file_get_child (dir, config_names[i]);

          if (g_file_query_exists (config, NULL))
            return g_steal_pointer (&dir);
        }
      parent = g_file_get_parent (dir);
      g_object_unref (dir);
      dir = parent;
    }
  return NULL;
}

static GFile *
find_archetype (CuratorFolderTemplate *self)
{
  g_autoptr(GFile) root = find_site_root (self->folder);
  g_autoptr(GFile) content = NULL;
  g_autofree char *relative = NULL;
  g_autofree char *section = NULL;

  if (root == NULL)
    return NULL;

  content = g_file_get_child (root, "content");
  relative = g_file_get_relative_path (content, self->folder);
  if (relative != NULL)
    {
      char *slash = strchr (relative, '/');

      section = slash != NULL ? g_strndup (relative, slash - relative) : g_strdup (relative);
    }

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *name = g_strconcat (i == 0 ? (section != NULL ? section : "") : "default",
                                           self->extension, NULL);
      g_autoptr(GFile) archetypes = g_file_get_child (root, "archetypes");
      g_autoptr(GFile) archetype = NULL;

      if (i == 0 && section == NULL)
        continue;
      archetype = g_file_get_child (archetypes, name);
      if (g_file_query_file_type (archetype, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_REGULAR)
        return g_steal_pointer (&archetype);
    }
  return NULL;
}

/* new */

/* With neither siblings nor an archetype: Hugo's own default. */
static const char minimal_file[] = "---\ntitle: Untitled\ndate: 2000-01-01T00:00:00Z\ndraft: true\n---\n";

static char *fill_archetype (CuratorFolderTemplate *self,
                             const char            *text,
                             const char            *stem,
                             const char            *title,
                             GDateTime             *now,
                             gboolean               warn);

/* The files of @folder a template is made from, and whether most are
 * bundles (x/index.md); NULL with @error if it is not a readable folder. */
static GPtrArray *
list_folder (GFile         *folder,
             gboolean      *bundles,
             GCancellable  *cancellable,
             GError       **error)
{
  if (g_file_query_file_type (folder, G_FILE_QUERY_INFO_NONE, cancellable) != G_FILE_TYPE_DIRECTORY)
    {
      g_autofree char *name = g_file_get_parse_name (folder);

      g_set_error (error, CURATOR_WEB_ERROR, CURATOR_WEB_ERROR_NO_TEMPLATE,
                   _("%s is not a folder"), name);
      return NULL;
    }
  return list_siblings (folder, bundles, cancellable, error);
}

/* What a template made from @names in @folder depends on: each file's
 * name, size and modification time, and those of the file of remembered
 * choices. NULL for a folder that is not local. */
static char *
folder_fingerprint (GFile     *folder,
                    GPtrArray *names)
{
  g_autofree char *folder_path = g_file_get_path (folder);
  g_autofree char *config = config_path ();
  g_autoptr(GString) print = NULL;
  GStatBuf st;

  if (folder_path == NULL)
    return NULL;
  print = g_string_new (NULL);
  for (guint i = 0; i <= names->len; i++)
    {
      g_autofree char *path = i < names->len ? g_build_filename (folder_path, g_ptr_array_index (names, i), NULL)
                                             : g_strdup (config);

      g_string_append (print, path);
      if (g_stat (path, &st) == 0)
        g_string_append_printf (print, "\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT ".%09ld\n",
                                (gint64) st.st_size, (gint64) st.st_mtim.tv_sec, (long) st.st_mtim.tv_nsec);
      else
        g_string_append (print, "\t-\n");
    }
  return g_string_free (g_steal_pointer (&print), FALSE);
}

static gboolean
load_names (CuratorFolderTemplate  *self,
            GPtrArray              *names,
            gboolean                bundles,
            GCancellable           *cancellable,
            GError                **error)
{
  g_autoptr(GPtrArray) siblings = g_ptr_array_new_with_free_func ((GDestroyNotify) sibling_free);
  g_autoptr(GFile) archetype = NULL;
  guint step;

  self->bundle = bundles;

  step = MAX (1, (names->len + MAX_SIBLINGS - 1) / MAX_SIBLINGS);
  for (guint i = 0; i < names->len; i += step)
    {
      Sibling *sibling;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      sibling = load_sibling (self->folder, g_ptr_array_index (names, i));
      if (sibling != NULL)
        g_ptr_array_add (siblings, sibling);
    }

  self->n_siblings = siblings->len;
  if (siblings->len > 0)
    {
      self->source = CURATOR_TEMPLATE_SIBLINGS;
      analyze_siblings (self, siblings);
      apply_remembered (self);
      return TRUE;
    }

  archetype = find_archetype (self);
  if (archetype != NULL)
    {
      g_autofree char *contents = NULL;
      gsize length;

      if (!g_file_load_contents (archetype, cancellable, &contents, &length, NULL, error))
        return FALSE;
      self->source = CURATOR_TEMPLATE_ARCHETYPE;
      self->model_file = g_steal_pointer (&archetype);
      self->stem_kind = STEM_SLUG;
      /* What will be left as written is known now, before any file is
       * made: the panel shows it. */
      {
        g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

        g_free (fill_archetype (self, contents, "name", "Title", now, TRUE));
      }
      self->model_bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
      return TRUE;
    }

  self->source = CURATOR_TEMPLATE_MINIMAL;
  self->stem_kind = STEM_SLUG;
  self->model_bytes = g_bytes_new_static (minimal_file, strlen (minimal_file));
  return TRUE;
}

static gboolean
load (CuratorFolderTemplate  *self,
      GCancellable           *cancellable,
      GError                **error)
{
  g_autoptr(GPtrArray) names = NULL;
  gboolean bundles = FALSE;

  names = list_folder (self->folder, &bundles, cancellable, error);
  return names != NULL && load_names (self, names, bundles, cancellable, error);
}

static CuratorFolderTemplate *
template_new (GFile *folder)
{
  CuratorFolderTemplate *self = g_object_new (CURATOR_TYPE_FOLDER_TEMPLATE, NULL);

  self->folder = g_object_ref (folder);
  return self;
}

static void
finish_load (CuratorFolderTemplate *self)
{
  self->warnings = g_strv_builder_end (self->warnings_builder);
}

CuratorFolderTemplate *
curator_folder_template_new (GFile         *folder,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(CuratorFolderTemplate) self = NULL;

  g_return_val_if_fail (G_IS_FILE (folder), NULL);

  self = template_new (folder);
  if (!load (self, cancellable, error))
    return NULL;
  finish_load (self);
  return g_steal_pointer (&self);
}

/* Templates prepared ahead. A curator drops article after article into
 * the folder shown: its template is made in the background before the
 * drop, kept here, and taken by the next new_async() on that folder if
 * the files it was made from are as they were (folder_fingerprint).
 * Preparing again a folder whose files did not change costs a listing. */

#define MAX_PREPARED 4
/* How long new_async() waits for a template being prepared for its
 * folder, rather than making it a second time beside it. */
#define PREPARED_WAIT_US (5 * G_USEC_PER_SEC)

typedef struct
{
  char                  *folder_path;
  CuratorFolderTemplate *template;   /* NULL until one is made */
  gboolean               busy;       /* being checked or made */
} Prepared;

static GMutex prepared_lock;
static GCond prepared_done;
static GPtrArray *prepared;  /* Prepared, oldest first */

static void
prepared_free (Prepared *entry)
{
  g_free (entry->folder_path);
  g_clear_object (&entry->template);
  g_free (entry);
}

/* With prepared_lock held. */
static Prepared *
find_prepared (const char *folder_path)
{
  for (guint i = 0; prepared != NULL && i < prepared->len; i++)
    {
      Prepared *entry = g_ptr_array_index (prepared, i);

      if (strcmp (entry->folder_path, folder_path) == 0)
        return entry;
    }
  return NULL;
}

/* The template prepared for @folder_path if it was made from the files
 * @fingerprint describes, taken out; else NULL. Waits for one being
 * checked or made. */
static CuratorFolderTemplate *
take_prepared (const char *folder_path,
               const char *fingerprint)
{
  gint64 deadline = g_get_monotonic_time () + PREPARED_WAIT_US;
  CuratorFolderTemplate *template = NULL;
  Prepared *entry;

  g_mutex_lock (&prepared_lock);
  while ((entry = find_prepared (folder_path)) != NULL && entry->busy)
    if (!g_cond_wait_until (&prepared_done, &prepared_lock, deadline))
      break;
  if (entry != NULL && !entry->busy)
    {
      if (entry->template != NULL && g_strcmp0 (entry->template->fingerprint, fingerprint) == 0)
        template = g_steal_pointer (&entry->template);
      g_ptr_array_remove (prepared, entry);
    }
  g_mutex_unlock (&prepared_lock);
  return template;
}

/* Ends the work on @folder_path's entry, keeping @template (if not NULL)
 * or, with @drop, the entry no more. */
static void
prepared_finish (const char            *folder_path,
                 CuratorFolderTemplate *template,
                 gboolean               drop)
{
  Prepared *entry;

  g_mutex_lock (&prepared_lock);
  entry = find_prepared (folder_path);
  if (entry != NULL)
    {
      entry->busy = FALSE;
      if (template != NULL)
        g_set_object (&entry->template, template);
      else if (drop)
        g_ptr_array_remove (prepared, entry);
    }
  g_cond_broadcast (&prepared_done);
  g_mutex_unlock (&prepared_lock);
}

static void
prepare_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  CuratorFolderTemplate *self = task_data;
  g_autofree char *folder_path = g_file_get_path (self->folder);
  g_autoptr(GPtrArray) names = NULL;
  g_autofree char *fingerprint = NULL;
  gboolean bundles = FALSE;
  gboolean current;
  Prepared *entry;

  names = list_folder (self->folder, &bundles, cancellable, NULL);
  if (names == NULL)
    {
      prepared_finish (folder_path, NULL, TRUE);
      g_task_return_boolean (task, FALSE);
      return;
    }

  /* The one kept is still right: nothing to make. */
  fingerprint = folder_fingerprint (self->folder, names);
  g_mutex_lock (&prepared_lock);
  entry = find_prepared (folder_path);
  current = entry != NULL && entry->template != NULL &&
            g_strcmp0 (entry->template->fingerprint, fingerprint) == 0;
  if (entry != NULL && !current)
    g_clear_object (&entry->template);
  g_mutex_unlock (&prepared_lock);
  if (current)
    {
      prepared_finish (folder_path, NULL, FALSE);
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* Only a template made from siblings depends on the files listed. */
  if (load_names (self, names, bundles, cancellable, NULL) && self->source == CURATOR_TEMPLATE_SIBLINGS)
    {
      self->fingerprint = g_steal_pointer (&fingerprint);
      finish_load (self);
      prepared_finish (folder_path, self, FALSE);
      g_task_return_boolean (task, TRUE);
      return;
    }
  prepared_finish (folder_path, NULL, TRUE);
  g_task_return_boolean (task, FALSE);
}

void
curator_folder_template_prepare_async (GFile               *folder,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autofree char *folder_path = NULL;
  g_autoptr(GTask) task = NULL;
  Prepared *entry;

  g_return_if_fail (G_IS_FILE (folder));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, curator_folder_template_prepare_async);
  folder_path = g_file_get_path (folder);
  if (folder_path == NULL)
    {
      g_task_return_boolean (task, FALSE);
      return;
    }

  g_mutex_lock (&prepared_lock);
  if (prepared == NULL)
    prepared = g_ptr_array_new_with_free_func ((GDestroyNotify) prepared_free);
  entry = find_prepared (folder_path);
  if (entry != NULL && entry->busy)
    {
      g_mutex_unlock (&prepared_lock);
      g_task_return_boolean (task, FALSE);
      return;
    }
  if (entry == NULL)
    {
      /* The oldest that no thread works on make room. */
      for (guint i = 0; prepared->len >= MAX_PREPARED && i < prepared->len;)
        if (!((Prepared *) g_ptr_array_index (prepared, i))->busy)
          g_ptr_array_remove_index (prepared, i);
        else
          i++;
      entry = g_new0 (Prepared, 1);
      entry->folder_path = g_strdup (folder_path);
      g_ptr_array_add (prepared, entry);
    }
  entry->busy = TRUE;
  g_mutex_unlock (&prepared_lock);

  g_task_set_task_data (task, template_new (folder), g_object_unref);
  g_task_run_in_thread (task, prepare_thread);
}

gboolean
curator_folder_template_prepare_finish (GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
new_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  CuratorFolderTemplate *self = task_data;
  g_autoptr(GPtrArray) names = NULL;
  g_autofree char *folder_path = g_file_get_path (self->folder);
  gboolean bundles = FALSE;
  GError *error = NULL;

  names = list_folder (self->folder, &bundles, cancellable, &error);
  if (names == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (folder_path != NULL)
    {
      g_autofree char *fingerprint = folder_fingerprint (self->folder, names);
      CuratorFolderTemplate *ready = take_prepared (folder_path, fingerprint);

      if (ready != NULL)
        {
          g_task_return_pointer (task, ready, g_object_unref);
          return;
        }
    }

  if (!load_names (self, names, bundles, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  finish_load (self);
  g_task_return_pointer (task, g_object_ref (self), g_object_unref);
}

void
curator_folder_template_new_async (GFile               *folder,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (folder));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, curator_folder_template_new_async);
  g_task_set_task_data (task, template_new (folder), g_object_unref);
  g_task_run_in_thread (task, new_thread);
}

CuratorFolderTemplate *
curator_folder_template_new_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

GFile *
curator_folder_template_get_folder (CuratorFolderTemplate *self)
{
  g_return_val_if_fail (CURATOR_IS_FOLDER_TEMPLATE (self), NULL);

  return self->folder;
}

CuratorTemplateSource
curator_folder_template_get_source (CuratorFolderTemplate *self)
{
  g_return_val_if_fail (CURATOR_IS_FOLDER_TEMPLATE (self), CURATOR_TEMPLATE_MINIMAL);

  return self->source;
}

GFile *
curator_folder_template_get_model_file (CuratorFolderTemplate *self)
{
  g_return_val_if_fail (CURATOR_IS_FOLDER_TEMPLATE (self), NULL);

  return self->model_file;
}

guint
curator_folder_template_get_n_siblings (CuratorFolderTemplate *self)
{
  g_return_val_if_fail (CURATOR_IS_FOLDER_TEMPLATE (self), 0);

  return self->n_siblings;
}

GListModel *
curator_folder_template_get_rules (CuratorFolderTemplate *self)
{
  g_return_val_if_fail (CURATOR_IS_FOLDER_TEMPLATE (self), NULL);

  return G_LIST_MODEL (self->rules);
}

const char * const *
curator_folder_template_get_warnings (CuratorFolderTemplate *self)
{
  g_return_val_if_fail (CURATOR_IS_FOLDER_TEMPLATE (self), NULL);

  return (const char * const *) self->warnings;
}

guint
curator_folder_template_get_body_flags (CuratorFolderTemplate *self)
{
  g_return_val_if_fail (CURATOR_IS_FOLDER_TEMPLATE (self), 0);

  return self->blocks_on_lines ? CURATOR_SANITIZE_BLOCKS_ON_LINES : CURATOR_SANITIZE_NONE;
}

gboolean
curator_folder_template_get_body_is_html (CuratorFolderTemplate *self)
{
  g_return_val_if_fail (CURATOR_IS_FOLDER_TEMPLATE (self), TRUE);

  return self->body_is_html;
}

const char *
curator_folder_template_get_image_key (CuratorFolderTemplate *self)
{
  g_return_val_if_fail (CURATOR_IS_FOLDER_TEMPLATE (self), NULL);

  return self->image_key;
}

gboolean
curator_folder_template_set_fact (CuratorFolderTemplate  *self,
                                  const char             *key_path,
                                  int                     fact,
                                  GError                **error)
{
  RuleData *data;
  guint position;

  g_return_val_if_fail (CURATOR_IS_FOLDER_TEMPLATE (self), FALSE);
  g_return_val_if_fail (key_path != NULL, FALSE);
  g_return_val_if_fail (fact >= -1 && fact < CURATOR_N_PAGE_FACTS, FALSE);

  data = find_rule (self, key_path);
  if (data == NULL)
    {
      g_set_error (error, CURATOR_ERROR, CURATOR_ERROR_NOT_FOUND,
                   _("The new file has no field “%s”"), key_path);
      return FALSE;
    }
  choose_fact (data, fact);
  /* Tell the list's views the rule changed. */
  if (g_list_store_find (self->rules, data->rule, &position))
    {
      g_list_store_remove (self->rules, position);
      g_list_store_insert (self->rules, position, data->rule);
    }
  return TRUE;
}

gboolean
curator_folder_template_remember (CuratorFolderTemplate  *self,
                                  GError                **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autofree char *path = config_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *group = folder_group (self);

  g_return_val_if_fail (CURATOR_IS_FOLDER_TEMPLATE (self), FALSE);

  g_key_file_load_from_file (key_file, path, G_KEY_FILE_KEEP_COMMENTS, NULL);
  g_key_file_remove_group (key_file, group, NULL);

  for (int fact = -1; fact < CURATOR_N_PAGE_FACTS; fact++)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) key_paths = NULL;

      for (guint i = 0; i < self->rule_data->len; i++)
        {
          RuleData *data = g_ptr_array_index (self->rule_data, i);

          if (data->rule->chosen && data->rule->fact == fact &&
              (fact >= 0 || data->rule->kind == CURATOR_FIELD_RULE_EMPTY))
            g_strv_builder_add (builder, data->rule->key_path);
        }
      key_paths = g_strv_builder_end (builder);
      if (key_paths[0] != NULL)
        g_key_file_set_string_list (key_file, group, fact >= 0 ? curator_page_fact_get_name (fact) : "none",
                                    (const char * const *) key_paths, g_strv_length (key_paths));
    }

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot make the folder %s: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }
  return g_key_file_save_to_file (key_file, path, error);
}

/* Making the new file */

/* The value of a fact as a field wants it. */
static char *
fact_value (CuratorPageFacts *facts,
            int               fact)
{
  const char *value;

  if (facts == NULL || fact < 0)
    return NULL;
  value = curator_page_facts_get (facts, fact);
  /* The address the curator dropped, else the one the page names. */
  if (value == NULL && fact == CURATOR_PAGE_FACT_URL)
    value = curator_page_facts_get (facts, CURATOR_PAGE_FACT_CANONICAL);
  return g_strdup (value);
}

/* A list fact ("A, B") as a JSON array of strings. */
static char *
json_list (const char *value)
{
  g_auto(GStrv) items = g_strsplit (value, ", ", -1);
  GString *json = g_string_new ("[");

  for (guint i = 0; items[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (json, ',');
      curator_json_append_string (json, items[i]);
    }
  g_string_append_c (json, ']');
  return g_string_free (json, FALSE);
}

static char *
format_now (GDateTime  *now,
            const char *example)
{
  if (example == NULL || example[0] == '\0')
    {
      /* Hugo's own: RFC 3339 in local time. */
      g_autoptr(GDateTime) local = g_date_time_to_local (now);

      return g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z");
    }
  return format_date_like (now, example);
}

/* A file name without what file systems or Hugo trip on. */
static char *
clean_stem (const char *stem)
{
  GString *out = g_string_new (NULL);

  for (const char *p = stem; *p != '\0' && out->len < 120; p++)
    {
      if (*p == '/' || *p == '\\' || (guchar) *p < 0x20)
        g_string_append_c (out, '-');
      else
        g_string_append_c (out, *p);
    }
  while (out->len > 0 && (out->str[0] == '.' || out->str[0] == ' ' || out->str[0] == '-'))
    g_string_erase (out, 0, 1);
  /* Do not end inside a UTF-8 sequence after the cut. */
  while (out->len > 0 && !g_utf8_validate (out->str, out->len, NULL))
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

/* A version 5 UUID (RFC 4122: SHA-1 of a namespace and a name). */
static char *
uuid_v5 (const char *name)
{
  /* The URL namespace, 6ba7b811-9dad-11d1-80b4-00c04fd430c8. */
  static const guint8 url_namespace[16] = {
    0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8,
  };
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA1);
  guint8 digest[20];
  gsize digest_length = sizeof digest;

  g_checksum_update (checksum, url_namespace, sizeof url_namespace);
  g_checksum_update (checksum, (const guchar *) name, strlen (name));
  g_checksum_get_digest (checksum, digest, &digest_length);
  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;

  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          digest[0], digest[1], digest[2], digest[3], digest[4], digest[5],
                          digest[6], digest[7], digest[8], digest[9], digest[10], digest[11],
                          digest[12], digest[13], digest[14], digest[15]);
}

static char *
make_stem (CuratorFolderTemplate *self,
           GHashTable            *values,
           CuratorPageFacts      *facts,
           GDateTime             *now)
{
  const char *title = facts != NULL ? curator_page_facts_get (facts, CURATOR_PAGE_FACT_TITLE) : NULL;
  g_autofree char *title_slug = slugify (title != NULL ? title : "");
  g_autofree char *stem = NULL;

  switch (self->stem_kind)
    {
    case STEM_UUID:
      if (self->uuid_version == 5)
        {
          g_autofree char *url = fact_value (facts, CURATOR_PAGE_FACT_URL);
          g_autofree char *now_text = g_date_time_format_iso8601 (now);
          g_autofree char *name = url != NULL ? g_strdup (url)
                                  : g_strconcat (title != NULL ? title : "", " ", now_text, NULL);

          return uuid_v5 (name);
        }
      return g_uuid_string_random ();

    case STEM_DATE_SLUG:
      {
        g_autofree char *rest = self->stem_pieces != NULL ? evaluate_template (self->stem_pieces, values) : NULL;
        g_autoptr(GDateTime) published = NULL;
        g_autoptr(GDateTime) local = NULL;
        g_autofree char *date = NULL;

        if (facts != NULL && curator_page_facts_get (facts, CURATOR_PAGE_FACT_PUBLISHED) != NULL)
          published = parse_fact_date (curator_page_facts_get (facts, CURATOR_PAGE_FACT_PUBLISHED));
        local = g_date_time_to_local (published != NULL ? published : now);
        date = g_date_time_format (local, "%Y-%m-%d");
        stem = g_strconcat (date, "-", rest != NULL ? rest : title_slug, NULL);
        if (g_str_has_suffix (stem, "-"))
          stem[strlen (stem) - 1] = '\0';
      }
      break;

    case STEM_TEMPLATE:
      stem = evaluate_template (self->stem_pieces, values);
      break;

    case STEM_REVERSE:
      {
        const char *value = g_hash_table_lookup (values, self->reverse_source);

        if (value != NULL && g_str_has_prefix (value, self->reverse_prefix) &&
            g_str_has_suffix (value, self->reverse_suffix) &&
            strlen (value) > strlen (self->reverse_prefix) + strlen (self->reverse_suffix))
          stem = g_strndup (value + strlen (self->reverse_prefix),
                            strlen (value) - strlen (self->reverse_prefix) - strlen (self->reverse_suffix));
      }
      break;

    case STEM_SLUG:
    default:
      break;
    }

  if (stem == NULL || stem[0] == '\0')
    {
      g_free (stem);
      stem = g_strdup (title_slug);
    }
  if (stem[0] == '\0')
    {
      g_free (stem);
      stem = g_strdup ("untitled");
    }
  return clean_stem (stem);
}

static GFile *
file_for_stem (CuratorFolderTemplate *self,
               const char            *stem)
{
  g_autofree char *name = g_strconcat (self->bundle ? "index" : stem, self->extension, NULL);

  if (self->bundle)
    {
      g_autoptr(GFile) bundle = g_file_get_child (self->folder, stem);

      return g_file_get_child (bundle, name);
    }
  return g_file_get_child (self->folder, name);
}

static gboolean
stem_taken (CuratorFolderTemplate *self,
            const char            *stem)
{
  g_autoptr(GFile) file = file_for_stem (self, stem);
  g_autoptr(GFile) folder = g_file_get_child (self->folder, stem);

  return g_file_query_exists (file, NULL) || (self->bundle && g_file_query_exists (folder, NULL));
}

/* Applies the empty form of a rule. */
static gboolean
set_empty (CuratorDocument  *document,
           RuleData         *data,
           GError          **error)
{
  const char *form = data->empty_form != NULL ? data->empty_form : "''";
  const CuratorNode *node = curator_document_lookup (document, data->rule->key_path, NULL);

  if (strcmp (form, "[]") == 0)
    {
      if (node != NULL && curator_node_get_kind (node) == CURATOR_NODE_SEQUENCE &&
          curator_node_get_n_children (node) == 0)
        return TRUE;
      return curator_document_set_json (document, data->rule->key_path, "[]", error);
    }
  if (strcmp (form, "null") == 0)
    {
      if (node != NULL && curator_node_get_kind (node) == CURATOR_NODE_SCALAR &&
          curator_node_get_scalar_type (node) == CURATOR_SCALAR_NULL)
        return TRUE;
      return curator_document_set_value (document, data->rule->key_path, "", CURATOR_SCALAR_NULL, error);
    }
  if (node != NULL && curator_node_get_kind (node) == CURATOR_NODE_SCALAR &&
      curator_node_get_scalar_type (node) == CURATOR_SCALAR_STRING &&
      g_strcmp0 (curator_node_get_value (node), "") == 0)
    return TRUE;
  return curator_document_set_value (document, data->rule->key_path, "", CURATOR_SCALAR_STRING, error);
}

static gboolean
set_text (CuratorDocument    *document,
          RuleData           *data,
          const char         *value,
          GError            **error)
{
  const CuratorNode *node = curator_document_lookup (document, data->rule->key_path, NULL);

  if (node != NULL && curator_node_get_kind (node) == CURATOR_NODE_SCALAR &&
      curator_node_get_scalar_type (node) != CURATOR_SCALAR_NULL &&
      g_strcmp0 (curator_node_get_value (node), value) == 0)
    return TRUE;
  if (node != NULL && curator_node_get_kind (node) != CURATOR_NODE_SCALAR)
    {
      g_autofree char *json = json_list (value);

      return curator_document_set_json (document, data->rule->key_path, json, error);
    }
  return curator_document_set_value (document, data->rule->key_path, value, data->value_type, error);
}

/* Fills the plain placeholders of a Hugo archetype; the rest stays as
 * written, with a warning. */
static char *
fill_archetype (CuratorFolderTemplate *self,
                const char            *text,
                const char            *stem,
                const char            *title,
                GDateTime             *now,
                gboolean               warn)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *date = format_now (now, NULL);
  g_autofree char *archetype_name = g_file_get_basename (self->model_file);
  const char *p = text;
  guint line = 1;

  while (*p != '\0')
    {
      const char *open = strstr (p, "{{");
      const char *close;
      g_autofree char *code = NULL;
      g_autofree char *compact = NULL;
      const char *replacement = NULL;

      if (open == NULL || (close = strstr (open + 2, "}}")) == NULL)
        {
          g_string_append (out, p);
          break;
        }
      for (const char *q = p; q < open; q++)
        if (*q == '\n')
          line++;
      g_string_append_len (out, p, open - p);

      code = g_strndup (open + 2, close - open - 2);
      /* "{{- x -}}" trims white space around; here only the code counts. */
      g_strstrip (code);
      if (code[0] == '-')
        memmove (code, code + 1, strlen (code));
      if (code[0] != '\0' && code[strlen (code) - 1] == '-')
        code[strlen (code) - 1] = '\0';
      g_strstrip (code);
      {
        g_autoptr(GString) squeezed = g_string_new (NULL);

        for (const char *c = code; *c != '\0'; c++)
          if (!g_ascii_isspace (*c) || (squeezed->len > 0 && squeezed->str[squeezed->len - 1] != ' '))
            g_string_append_c (squeezed, g_ascii_isspace (*c) ? ' ' : (*c == '`' ? '"' : *c));
        compact = g_strdup (g_strchomp (squeezed->str));
      }

      if (strcmp (compact, ".Name") == 0 || strcmp (compact, ".File.ContentBaseName") == 0 ||
          strcmp (compact, ".File.BaseFileName") == 0 || strcmp (compact, ".File.TranslationBaseName") == 0)
        replacement = stem;
      else if (strcmp (compact, ".Date") == 0 || strcmp (compact, "now") == 0 ||
               strcmp (compact, ".Date | time") == 0)
        replacement = date;
      else if (strcmp (compact, "replace .Name \"-\" \" \" | title") == 0 ||
               strcmp (compact, "replace .File.ContentBaseName \"-\" \" \" | title") == 0 ||
               strcmp (compact, "replace .File.BaseFileName \"-\" \" \" | title") == 0 ||
               strcmp (compact, ".Name | humanize | title") == 0 ||
               strcmp (compact, "title (replace .Name \"-\" \" \")") == 0 ||
               strcmp (compact, "title (replace .File.ContentBaseName \"-\" \" \")") == 0 ||
               strcmp (compact, ".Title") == 0)
        replacement = title;

      if (replacement != NULL)
        g_string_append (out, replacement);
      else
        {
          g_string_append_len (out, open, close + 2 - open);
          if (warn)
            add_warning (self, _("%s, line %u: “{{ %s }}” is left as written (Curator fills only "
                               ".Name, .Date, the title and now)"),
                       archetype_name, line, code);
        }
      for (const char *q = open; q < close; q++)
        if (*q == '\n')
          line++;
      p = close + 2;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The top-level fields of an archetype or of the minimal file: those a
 * fact fills by name, dates that are "now", the rest kept. */
static gboolean
fill_by_name (CuratorDocument   *document,
              CuratorPageFacts  *facts,
              GError           **error)
{
  const CuratorNode *root = curator_document_get_root (document);
  guint n = root != NULL && curator_node_get_kind (root) == CURATOR_NODE_MAPPING
            ? curator_node_get_n_children (root) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *key = g_strdup (curator_node_get_key (curator_document_get_root (document), i));
      g_autofree char *name = g_ascii_strdown (key, -1);
      g_autofree char *value = NULL;
      g_autoptr(GString) path = g_string_new (NULL);
      const CuratorNode *node = curator_node_get_child (curator_document_get_root (document), i);
      int fact = fact_for_name (name);

      /* In an archetype the date is the file's ({{ .Date }}). */
      if (fact < 0 || fact == CURATOR_PAGE_FACT_PUBLISHED ||
          curator_node_get_kind (node) == CURATOR_NODE_MAPPING ||
          (value = fact_value (facts, fact)) == NULL)
        continue;
      curator_key_path_append_key (path, key);
      if (curator_node_get_kind (node) == CURATOR_NODE_SEQUENCE)
        {
          g_autofree char *json = json_list (value);

          if (!curator_document_set_json (document, path->str, json, error))
            return FALSE;
        }
      else if (!curator_document_set_value (document, path->str, value, CURATOR_SCALAR_STRING, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean set_image_fields (CuratorFolderTemplate   *self,
                                  CuratorDocument         *document,
                                  const CuratorImageInfo  *image,
                                  const char              *image_url,
                                  GFile                  **image_file,
                                  GError                 **error);

static gboolean
apply_rules (CuratorFolderTemplate  *self,
             CuratorDocument        *document,
             CuratorPageFacts       *facts,
             GHashTable             *values,
             gboolean                with_image,
             GDateTime              *now,
             GError                **error)
{
  for (guint i = 0; i < self->rule_data->len; i++)
    {
      RuleData *data = g_ptr_array_index (self->rule_data, i);
      const char *path = data->rule->key_path;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *value = NULL;
      gboolean done = TRUE;

      /* The image's fields are set from the image (the model's values
       * keep their style then), or emptied. */
      if (data->image_managed && with_image)
        continue;
      if (data->image_managed)
        {
          if (!set_empty (document, data, &local_error))
            {
              g_set_error (error, CURATOR_WEB_ERROR, CURATOR_WEB_ERROR_NO_TEMPLATE,
                           _("Cannot fill the field %s of the new file: %s"), path, local_error->message);
              return FALSE;
            }
          continue;
        }

      switch (data->rule->kind)
        {
        case CURATOR_FIELD_RULE_KEEP:
          {
            const CuratorNode *node = curator_document_lookup (document, path, NULL);
            g_autofree char *current = NULL;

            if (node == NULL)
              break;
            current = curator_node_get_kind (node) == CURATOR_NODE_SCALAR
                      ? g_strdup (curator_node_get_scalar_type (node) == CURATOR_SCALAR_NULL ? "" : curator_node_get_value (node))
                      : curator_node_to_json (node, FALSE);
            if (g_strcmp0 (current, data->value) == 0)
              break;
            if (data->keep_is_json)
              done = curator_document_set_json (document, path, data->value, &local_error);
            else
              done = curator_document_set_value (document, path, data->value, CURATOR_SCALAR_AUTO, &local_error);
          }
          break;

        case CURATOR_FIELD_RULE_FACT:
          value = g_strdup (g_hash_table_lookup (values, path));
          if (value == NULL && data->fact_fallback_now)
            value = format_now (now, data->date_example);
          if (value != NULL)
            done = set_text (document, data, value, &local_error);
          else
            done = set_empty (document, data, &local_error);
          break;

        case CURATOR_FIELD_RULE_DERIVED:
          if (data->items != NULL)
            {
              GString *json = g_string_new ("[");
              gboolean complete = TRUE;

              for (guint j = 0; j < data->items->len && complete; j++)
                {
                  ItemRule *item = g_ptr_array_index (data->items, j);
                  g_autofree char *item_value = item->constant != NULL
                                                ? g_strdup (item->constant)
                                                : evaluate_template (item->pieces, values);

                  if (item_value == NULL)
                    complete = FALSE;
                  else
                    {
                      if (j > 0)
                        g_string_append_c (json, ',');
                      curator_json_append_string (json, item_value);
                    }
                }
              g_string_append_c (json, ']');
              if (complete)
                done = curator_document_set_json (document, path, json->str, &local_error);
              else
                done = set_empty (document, data, &local_error);
              g_string_free (json, TRUE);
              break;
            }
          value = g_strdup (g_hash_table_lookup (values, path));
          if (value != NULL)
            done = set_text (document, data, value, &local_error);
          else
            done = set_empty (document, data, &local_error);
          break;

        case CURATOR_FIELD_RULE_NOW:
          value = format_now (now, data->date_example);
          done = curator_document_set_value (document, path, value, CURATOR_SCALAR_AUTO, &local_error);
          break;

        case CURATOR_FIELD_RULE_EMPTY:
        default:
          done = set_empty (document, data, &local_error);
          break;
        }

      if (!done)
        {
          g_set_error (error, CURATOR_WEB_ERROR, CURATOR_WEB_ERROR_NO_TEMPLATE,
                       _("Cannot fill the field %s of the new file: %s"), path, local_error->message);
          return FALSE;
        }
    }
  return TRUE;
}

CuratorDocument *
curator_folder_template_create (CuratorFolderTemplate   *self,
                                CuratorPageFacts        *facts,
                                const char              *body_html,
                                const CuratorImageInfo  *image,
                                const char              *image_url,
                                GDateTime               *now,
                                GFile                  **image_file,
                                GError                 **error)
{
  g_autoptr(CuratorDocument) document = curator_document_new (NULL);
  g_autoptr(CuratorDocument) result = NULL;
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GDateTime) current = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *body = NULL;
  const char *title = facts != NULL ? curator_page_facts_get (facts, CURATOR_PAGE_FACT_TITLE) : NULL;
  gboolean progress = TRUE;

  g_return_val_if_fail (CURATOR_IS_FOLDER_TEMPLATE (self), NULL);
  g_return_val_if_fail (facts == NULL || CURATOR_IS_PAGE_FACTS (facts), NULL);
  g_return_val_if_fail (image_file == NULL || *image_file == NULL, NULL);

  if (image_file != NULL && (image == NULL || self->image_key == NULL || self->source != CURATOR_TEMPLATE_SIBLINGS))
    image = NULL;
  if (now == NULL)
    now = current = g_date_time_new_now_utc ();

  /* The page facts' fields first: the file name and the built fields
   * come from them. */
  for (guint i = 0; i < self->rule_data->len; i++)
    {
      RuleData *data = g_ptr_array_index (self->rule_data, i);
      g_autofree char *value = NULL;

      if (data->rule->kind != CURATOR_FIELD_RULE_FACT)
        continue;
      value = fact_value (facts, data->rule->fact);
      if (value != NULL && data->rule->fact == CURATOR_PAGE_FACT_PUBLISHED)
        {
          g_autoptr(GDateTime) published = parse_fact_date (value);

          g_clear_pointer (&value, g_free);
          if (published != NULL)
            value = format_now (published, data->date_example);
        }
      if (value != NULL)
        g_hash_table_insert (values, g_strdup (data->rule->key_path), g_steal_pointer (&value));
    }

  stem = make_stem (self, values, facts, now);
  if (stem_taken (self, stem))
    {
      g_autofree char *base = g_strdup (stem);

      if (self->stem_kind == STEM_UUID && self->uuid_version == 5)
        {
          g_autoptr(GFile) taken = file_for_stem (self, stem);
          g_autofree char *name = g_file_get_parse_name (taken);

          g_set_error (error, CURATOR_WEB_ERROR, CURATOR_WEB_ERROR_EXISTS,
                       _("%s already exists: this page was imported before"), name);
          return NULL;
        }
      for (guint n = 2; stem_taken (self, stem); n++)
        {
          g_free (stem);
          stem = g_strdup_printf ("%s-%u", base, n);
        }
    }
  g_hash_table_insert (values, g_strdup (STEM_SOURCE), g_strdup (stem));

  /* Built fields, each once what it is built from is known. */
  while (progress)
    {
      progress = FALSE;
      for (guint i = 0; i < self->rule_data->len; i++)
        {
          RuleData *data = g_ptr_array_index (self->rule_data, i);
          char *value;

          if (data->rule->kind != CURATOR_FIELD_RULE_DERIVED || data->pieces == NULL ||
              g_hash_table_contains (values, data->rule->key_path))
            continue;
          value = evaluate_template (data->pieces, values);
          if (value != NULL)
            {
              g_hash_table_insert (values, g_strdup (data->rule->key_path), value);
              progress = TRUE;
            }
        }
    }

  if (self->source == CURATOR_TEMPLATE_ARCHETYPE)
    {
      g_autofree char *humanized = g_strdelimit (g_strdup (stem), "-_", ' ');
      g_autofree char *archetype = g_strndup (g_bytes_get_data (self->model_bytes, NULL),
                                              g_bytes_get_size (self->model_bytes));
      char *text = fill_archetype (self, archetype, stem, title != NULL ? title : humanized, now, FALSE);

      bytes = g_bytes_new_take (text, strlen (text));
    }
  else
    {
      bytes = g_bytes_ref (self->model_bytes);
    }

  if (!curator_document_load_from_bytes (document, bytes, error))
    return NULL;

  if (curator_document_get_load_error (document) != NULL)
    {
      const GError *load_error = curator_document_get_load_error (document);
      g_autofree char *name = g_file_get_parse_name (self->model_file);

      /* TOML and JSON archetypes are kept as Hugo fills them. */
      if (!g_error_matches (load_error, CURATOR_ERROR, CURATOR_ERROR_UNSUPPORTED_FORMAT))
        {
          g_set_error (error, CURATOR_WEB_ERROR, CURATOR_WEB_ERROR_NO_TEMPLATE,
                       _("%s: once its placeholders are filled, its front matter cannot be read: %s"),
                       name, load_error->message);
          return NULL;
        }
    }
  else if (self->source == CURATOR_TEMPLATE_SIBLINGS)
    {
      gboolean with_image = image != NULL && image_file != NULL;

      for (guint i = 0; i < self->remove->len; i++)
        if (!curator_document_unset (document, g_ptr_array_index (self->remove, i), error))
          return NULL;
      if (!apply_rules (self, document, facts, values, with_image, now, error))
        return NULL;
      if (with_image)
        {
          g_autoptr(GFile) target = file_for_stem (self, stem);

          curator_document_set_file (document, target);
          if (!set_image_fields (self, document, image, image_url, image_file, error))
            return NULL;
        }
    }
  else if (self->source == CURATOR_TEMPLATE_MINIMAL)
    {
      g_autofree char *date = format_now (now, NULL);

      if (!curator_document_set_value (document, "title", title != NULL ? title : "",
                                       CURATOR_SCALAR_STRING, error) ||
          !curator_document_set_value (document, "date", date, CURATOR_SCALAR_AUTO, error))
        return NULL;
    }
  else if (!fill_by_name (document, facts, error))
    {
      return NULL;
    }

  if (body_html != NULL && body_html[0] != '\0')
    {
      g_autofree char *content = self->body_is_html ? g_strdup (body_html) : curator_markdown_from_html (body_html);

      body = g_strconcat (self->body_prefix, content, self->body_final_newline ? "\n" : "", NULL);
    }
  else
    {
      body = g_strdup (self->body_prefix);
    }
  curator_document_set_body (document, body);

  /* A fresh document: no undo back to the sibling it was made from. */
  file = file_for_stem (self, stem);
  result = curator_document_new (file);
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = curator_document_serialize (document);
  if (!curator_document_load_from_bytes (result, bytes, error))
    return NULL;
  return g_steal_pointer (&result);
}

/* Images */

/* Every scalar of @document by key path, and the file's name as @stem. */
static GHashTable *
document_values (CuratorDocument *document)
{
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  Sibling sibling = { 0 };
  GFile *file = curator_document_get_file (document);
  g_autofree char *name = file != NULL ? g_file_get_basename (file) : NULL;
  GHashTableIter iter;
  gpointer key, value;

  sibling.leaves = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) leaf_free);
  sibling.paths = g_ptr_array_new_with_free_func (g_free);
  if (curator_document_get_root (document) != NULL)
    flatten (&sibling, curator_document_get_root (document), "");

  g_hash_table_iter_init (&iter, sibling.leaves);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (((Leaf *) value)->kind == CURATOR_NODE_SCALAR)
      g_hash_table_insert (values, g_strdup (key), g_strdup (((Leaf *) value)->text));

  if (name != NULL)
    {
      g_autoptr(GFile) parent = g_file_get_parent (file);
      char *dot;

      /* index.md of a bundle: the bundle's name. */
      if (g_str_has_prefix (name, "index.") && parent != NULL)
        {
          g_free (name);
          name = g_file_get_basename (parent);
        }
      else if ((dot = strrchr (name, '.')) != NULL)
        *dot = '\0';
      g_hash_table_insert (values, g_strdup (STEM_SOURCE), g_strdup (name));
    }

  g_hash_table_unref (sibling.leaves);
  g_ptr_array_unref (sibling.paths);
  return values;
}

/* @name with its extension replaced by @extension. */
static char *
with_extension (const char *name,
                const char *extension)
{
  const char *dot = strrchr (name, '.');
  const char *slash = strrchr (name, '/');

  if (dot != NULL && (slash == NULL || dot > slash) && strlen (dot) <= 6)
    return g_strdup_printf ("%.*s.%s", (int) (dot - name), name, extension);
  return g_strdup_printf ("%s.%s", name, extension);
}

static const char *
child_key (const CuratorNode  *map,
           const char * const *candidates)
{
  for (guint i = 0; candidates[i] != NULL; i++)
    if (curator_node_lookup_key (map, candidates[i]) != NULL)
      return candidates[i];
  return NULL;
}

static gboolean
set_image_fields (CuratorFolderTemplate   *self,
                  CuratorDocument         *document,
                  const CuratorImageInfo  *image,
                  const char              *image_url,
                  GFile                  **image_file,
                  GError                 **error)
{
  const char *key = self->image_key;
  const CuratorNode *node = curator_document_lookup (document, key, NULL);
  g_autoptr(GHashTable) values = document_values (document);
  g_autofree char *upper = g_ascii_strup (image->format, -1);
  const char *extension = g_hash_table_lookup (self->image_extensions, upper);
  g_autofree char *href_path = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GFile) parent = NULL;
  const char *href_key = NULL;
  RuleData *href_rule;

  if (extension == NULL)
    extension = image->extension;

  if (node != NULL && curator_node_get_kind (node) == CURATOR_NODE_MAPPING)
    {
      const char *format_key = child_key (node, (const char * const[]) { "format", NULL });
      const char *mime_key = child_key (node, (const char * const[]) { "mime_type", "mimeType", "mime", NULL });
      const char *size_key = child_key (node, (const char * const[]) { "size", NULL });
      const char *alt_key = child_key (node, (const char * const[]) { "alt", "caption", NULL });
      const char *width_key = child_key (node, (const char * const[]) { "width", NULL });
      const char *height_key = child_key (node, (const char * const[]) { "height", NULL });

      href_key = child_key (node, (const char * const[]) { "href", "src", "url", "path", "file", "filename", NULL });

      if (format_key != NULL)
        {
          g_autofree char *path = g_strdup_printf ("%s.%s", key, format_key);

          if (!curator_document_set_value (document, path, upper, CURATOR_SCALAR_STRING, error))
            return FALSE;
          g_hash_table_insert (values, g_steal_pointer (&path), g_strdup (upper));
        }
      if (mime_key != NULL)
        {
          g_autofree char *path = g_strdup_printf ("%s.%s", key, mime_key);

          if (!curator_document_set_value (document, path, image->mime_type, CURATOR_SCALAR_STRING, error))
            return FALSE;
        }
      if (size_key != NULL)
        {
          g_autofree char *path = g_strdup_printf ("%s.%s", key, size_key);
          g_autofree char *json = g_strdup_printf ("[%d, %d]", image->width, image->height);

          if (!curator_document_set_json (document, path, json, error))
            return FALSE;
        }
      if (width_key != NULL && height_key != NULL)
        {
          g_autofree char *width_path = g_strdup_printf ("%s.%s", key, width_key);
          g_autofree char *height_path = g_strdup_printf ("%s.%s", key, height_key);
          g_autofree char *width = g_strdup_printf ("%d", image->width);
          g_autofree char *height = g_strdup_printf ("%d", image->height);

          if (!curator_document_set_value (document, width_path, width, CURATOR_SCALAR_INT, error) ||
              !curator_document_set_value (document, height_path, height, CURATOR_SCALAR_INT, error))
            return FALSE;
        }
      if (alt_key != NULL)
        {
          g_autofree char *path = g_strdup_printf ("%s.%s", key, alt_key);
          const char *alt = g_hash_table_lookup (values, path);
          const char *title = g_hash_table_lookup (values, "title");

          if ((alt == NULL || alt[0] == '\0') && title != NULL && title[0] != '\0' &&
              !curator_document_set_value (document, path, title, CURATOR_SCALAR_STRING, error))
            return FALSE;
        }
      if (href_key == NULL)
        return TRUE;
      href_path = g_strdup_printf ("%s.%s", key, href_key);
    }
  else
    {
      href_path = g_strdup (key);
      /* A field of web addresses takes the image's address. */
      if (image_url != NULL && self->image_holds_url)
        return curator_document_set_value (document, key, image_url, CURATOR_SCALAR_STRING, error);
    }

  /* The file name, built as the siblings' are, with the image's own
   * extension. */
  href_rule = find_rule (self, href_path);
  if (href_rule != NULL && href_rule->pieces != NULL)
    {
      g_autofree char *built = evaluate_template (href_rule->pieces, values);

      if (built != NULL)
        name = with_extension (built, extension);
    }
  if (name == NULL)
    name = g_strdup_printf ("%s.%s", (const char *) g_hash_table_lookup (values, STEM_SOURCE), extension);
  if (!curator_document_set_value (document, href_path, name, CURATOR_SCALAR_STRING, error))
    return FALSE;

  /* Stored where the siblings' are: their names are relative to the
   * content file (a site path is not followed). */
  parent = g_file_get_parent (curator_document_get_file (document));
  if (g_path_is_absolute (name) || strstr (name, "..") != NULL || strstr (name, "://") != NULL)
    {
      g_autofree char *base = g_path_get_basename (name);

      add_warning (self, _("The siblings’ images are not beside them (%s): the image is stored beside the new file"), name);
      *image_file = g_file_get_child (parent, base);
    }
  else
    *image_file = g_file_resolve_relative_path (parent, name);
  return TRUE;
}

gboolean
curator_folder_template_attach_image (CuratorFolderTemplate   *self,
                                      CuratorDocument         *document,
                                      const CuratorImageInfo  *image,
                                      const char              *image_url,
                                      GFile                  **image_file,
                                      GError                 **error)
{
  GError *local_error = NULL;
  gboolean done;

  g_return_val_if_fail (CURATOR_IS_FOLDER_TEMPLATE (self), FALSE);
  g_return_val_if_fail (CURATOR_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (curator_document_get_file (document) != NULL, FALSE);
  g_return_val_if_fail (image != NULL, FALSE);
  g_return_val_if_fail (image_file != NULL && *image_file == NULL, FALSE);

  if (self->image_key == NULL || curator_document_lookup (document, self->image_key, NULL) == NULL)
    {
      g_set_error_literal (error, CURATOR_WEB_ERROR, CURATOR_WEB_ERROR_NO_TEMPLATE,
                           _("The folder’s files have no featured image field"));
      return FALSE;
    }

  curator_document_begin_user_action (document);
  done = set_image_fields (self, document, image, image_url, image_file, &local_error);
  curator_document_end_user_action (document);
  if (!done)
    {
      /* The edits made before the failure go back as one step. */
      if (curator_document_get_can_undo (document))
        curator_document_undo (document);
      g_clear_object (image_file);
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}
