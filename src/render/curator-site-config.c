/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-site-config"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <yaml.h>

#include "curator-site-config.h"

/* Reading a Hugo configuration for one key. Each reader walks a whole
 * file (so that a syntax error is reported, as Hugo would refuse it) and
 * notes the value of the key path asked for: keys match whatever their
 * case, as Hugo lowercases them. */

struct _CuratorSiteConfig
{
  GObject   parent_instance;

  GFile    *root;
  GFile    *file;
  gboolean  raw_html;
};

G_DEFINE_FINAL_TYPE (CuratorSiteConfig, curator_site_config, G_TYPE_OBJECT)

static const char * const unsafe_path[] = { "markup", "goldmark", "renderer", "unsafe", NULL };

/* What a reader found at the key path. */
typedef enum
{
  VALUE_UNSET = -1,
  VALUE_FALSE = 0,
  VALUE_TRUE = 1,
} Value;

static gboolean
path_matches (GPtrArray          *path,
              const char * const *wanted)
{
  guint i;

  for (i = 0; i < path->len && wanted[i] != NULL; i++)
    if (path->pdata[i] == NULL || g_ascii_strcasecmp (path->pdata[i], wanted[i]) != 0)
      return FALSE;
  return i == path->len && wanted[i] == NULL;
}

/* Hugo decodes a quoted "true" into a boolean setting too. */
static Value
value_from_text (const char *text,
                 gboolean    yaml)
{
  static const char * const yes[] = { "true", "yes", "on", NULL };
  static const char * const no[] = { "false", "no", "off", NULL };

  for (guint i = 0; yes[i] != NULL && (yaml || i == 0); i++)
    if (g_ascii_strcasecmp (text, yes[i]) == 0)
      return VALUE_TRUE;
  for (guint i = 0; no[i] != NULL && (yaml || i == 0); i++)
    if (g_ascii_strcasecmp (text, no[i]) == 0)
      return VALUE_FALSE;
  return VALUE_UNSET;
}

/* TOML ---------------------------------------------------------------------- */

typedef struct
{
  const char         *text;
  gsize               length;
  gsize               at;
  const char * const *wanted;
  Value               value;
  GError             *error;
} Reader;

static int
line_of (const Reader *reader)
{
  int line = 1;

  for (gsize i = 0; i < reader->at && i < reader->length; i++)
    line += reader->text[i] == '\n';
  return line;
}

static gboolean
fail (Reader     *reader,
      const char *what)
{
  if (reader->error == NULL)
    /* Translators: a problem in a site's configuration file */
    reader->error = g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                 _("line %d: %s"), line_of (reader), what);
  return FALSE;
}

static char
peek (const Reader *reader)
{
  return reader->at < reader->length ? reader->text[reader->at] : '\0';
}

static gboolean
has (const Reader *reader,
     const char   *what)
{
  gsize length = strlen (what);

  return reader->length - reader->at >= length && memcmp (reader->text + reader->at, what, length) == 0;
}

/* Spaces and tabs; with @lines, newlines and comments too. */
static void
skip_blank (Reader   *reader,
            gboolean  lines)
{
  while (reader->at < reader->length)
    {
      char c = reader->text[reader->at];

      if (c == ' ' || c == '\t')
        reader->at++;
      else if (lines && (c == '\n' || c == '\r'))
        reader->at++;
      else if (lines && c == '#')
        {
          while (reader->at < reader->length && reader->text[reader->at] != '\n')
            reader->at++;
        }
      else
        break;
    }
}

/* A TOML string at the reader ("...", '...', """...""" or '''...'''). */
static char *
toml_string (Reader *reader)
{
  char quote = peek (reader);
  gboolean multi = has (reader, quote == '"' ? "\"\"\"" : "'''");
  GString *text = g_string_new (NULL);

  reader->at += multi ? 3 : 1;
  while (TRUE)
    {
      char c = peek (reader);

      if (reader->at >= reader->length || (!multi && (c == '\n' || c == '\r')))
        {
          fail (reader, _("unterminated string"));
          return g_string_free (text, TRUE);
        }
      if (multi ? has (reader, quote == '"' ? "\"\"\"" : "'''") : c == quote)
        {
          reader->at += multi ? 3 : 1;
          /* Up to two more quotes belong to the string. */
          while (multi && peek (reader) == quote)
            {
              g_string_append_c (text, quote);
              reader->at++;
            }
          return g_string_free (text, FALSE);
        }
      if (c == '\\' && quote == '"')
        {
          reader->at++;
          if (reader->at < reader->length)
            g_string_append_c (text, reader->text[reader->at]);
          reader->at++;
          continue;
        }
      g_string_append_c (text, c);
      reader->at++;
    }
}

static gboolean
is_bare_key_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '-';
}

/* A dotted key, appended to @path. */
static gboolean
toml_key (Reader    *reader,
          GPtrArray *path)
{
  while (TRUE)
    {
      skip_blank (reader, FALSE);
      if (peek (reader) == '"' || peek (reader) == '\'')
        {
          char *key = toml_string (reader);

          if (key == NULL || reader->error != NULL)
            {
              g_free (key);
              return FALSE;
            }
          g_ptr_array_add (path, key);
        }
      else
        {
          gsize start = reader->at;

          while (reader->at < reader->length && is_bare_key_char (reader->text[reader->at]))
            reader->at++;
          if (reader->at == start)
            return fail (reader, _("a key was expected"));
          g_ptr_array_add (path, g_strndup (reader->text + start, reader->at - start));
        }
      skip_blank (reader, FALSE);
      if (peek (reader) != '.')
        return TRUE;
      reader->at++;
    }
}

static gboolean toml_value (Reader    *reader,
                            GPtrArray *path);

/* key = value pairs of an inline table, up to its '}'. */
static gboolean
toml_inline_table (Reader    *reader,
                   GPtrArray *path)
{
  reader->at++;
  skip_blank (reader, FALSE);
  if (peek (reader) == '}')
    {
      reader->at++;
      return TRUE;
    }

  while (TRUE)
    {
      guint depth = path->len;
      gboolean ok;

      if (!toml_key (reader, path))
        return FALSE;
      skip_blank (reader, FALSE);
      if (peek (reader) != '=')
        return fail (reader, _("'=' was expected"));
      reader->at++;
      ok = toml_value (reader, path);
      g_ptr_array_set_size (path, depth);
      if (!ok)
        return FALSE;
      skip_blank (reader, FALSE);
      if (peek (reader) == '}')
        {
          reader->at++;
          return TRUE;
        }
      if (peek (reader) != ',')
        return fail (reader, _("',' or '}' was expected"));
      reader->at++;
    }
}

static gboolean
toml_array (Reader *reader)
{
  g_autoptr(GPtrArray) nowhere = g_ptr_array_new_with_free_func (g_free);

  reader->at++;
  while (TRUE)
    {
      skip_blank (reader, TRUE);
      if (peek (reader) == ']')
        {
          reader->at++;
          return TRUE;
        }
      /* Nothing in an array is the key looked for: a NULL component. */
      g_ptr_array_set_size (nowhere, 0);
      g_ptr_array_add (nowhere, NULL);
      if (!toml_value (reader, nowhere))
        return FALSE;
      skip_blank (reader, TRUE);
      if (peek (reader) == ',')
        reader->at++;
      else if (peek (reader) != ']')
        return fail (reader, _("',' or ']' was expected"));
    }
}

static gboolean
toml_value (Reader    *reader,
            GPtrArray *path)
{
  gboolean wanted;
  char c;

  skip_blank (reader, FALSE);
  c = peek (reader);
  wanted = path_matches (path, reader->wanted);

  if (c == '"' || c == '\'')
    {
      g_autofree char *text = toml_string (reader);

      if (reader->error != NULL)
        return FALSE;
      if (wanted)
        reader->value = value_from_text (text, FALSE);
      return TRUE;
    }
  if (c == '{')
    return toml_inline_table (reader, path);
  if (c == '[')
    return toml_array (reader);

  {
    /* true, false, a number or a date (whose time may follow a space):
     * up to what ends a value. */
    gsize start = reader->at;
    g_autofree char *word = NULL;

    while (reader->at < reader->length && strchr (",]}#\r\n \t", reader->text[reader->at]) == NULL)
      reader->at++;
    if (reader->at - start == 10 && reader->text[start + 4] == '-' && peek (reader) == ' ' &&
        reader->at + 1 < reader->length && g_ascii_isdigit (reader->text[reader->at + 1]))
      for (reader->at++; reader->at < reader->length && strchr (",]}#\r\n \t", reader->text[reader->at]) == NULL;)
        reader->at++;
    word = g_strndup (reader->text + start, reader->at - start);
    if (word[0] == '\0')
      return fail (reader, _("a value was expected"));
    if (wanted)
      reader->value = value_from_text (word, FALSE);
    return TRUE;
  }
}

static Value
read_toml (const char          *text,
           gsize                length,
           const char * const  *wanted,
           GError             **error)
{
  Reader reader = { text, length, 0, wanted, VALUE_UNSET, NULL };
  g_autoptr(GPtrArray) table = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) path = g_ptr_array_new_with_free_func (g_free);

  while (TRUE)
    {
      skip_blank (&reader, TRUE);
      if (reader.at >= reader.length)
        break;

      if (peek (&reader) == '[')
        {
          gboolean array = has (&reader, "[[");

          reader.at += array ? 2 : 1;
          g_ptr_array_set_size (table, 0);
          if (!toml_key (&reader, table))
            break;
          if (!has (&reader, array ? "]]" : "]"))
            {
              fail (&reader, _("']' was expected"));
              break;
            }
          reader.at += array ? 2 : 1;
          /* A table in an array of tables is never the key looked for. */
          if (array)
            g_ptr_array_add (table, NULL);
        }
      else
        {
          g_ptr_array_set_size (path, 0);
          for (guint i = 0; i < table->len; i++)
            g_ptr_array_add (path, g_strdup (table->pdata[i]));
          if (!toml_key (&reader, path))
            break;
          skip_blank (&reader, FALSE);
          if (peek (&reader) != '=')
            {
              fail (&reader, _("'=' was expected"));
              break;
            }
          reader.at++;
          if (!toml_value (&reader, path))
            break;
        }

      /* Only a comment may follow on the line. */
      skip_blank (&reader, FALSE);
      if (peek (&reader) == '#')
        skip_blank (&reader, TRUE);
      else if (reader.at < reader.length && peek (&reader) != '\n' && peek (&reader) != '\r')
        {
          fail (&reader, _("the line goes on after its value"));
          break;
        }
    }

  if (reader.error != NULL)
    {
      g_propagate_error (error, reader.error);
      return VALUE_UNSET;
    }
  return reader.value;
}

/* JSON ---------------------------------------------------------------------- */

static gboolean json_value (Reader    *reader,
                            GPtrArray *path);

static char *
json_string (Reader *reader)
{
  GString *text = g_string_new (NULL);

  reader->at++;
  while (reader->at < reader->length && peek (reader) != '"')
    {
      if (peek (reader) == '\\')
        {
          reader->at++;
          if (peek (reader) == 'u')
            {
              /* Keys and the values looked for are ASCII words. */
              g_string_append_c (text, '?');
              reader->at += 4;
            }
          else if (reader->at < reader->length)
            g_string_append_c (text, peek (reader));
          reader->at++;
          continue;
        }
      g_string_append_c (text, peek (reader));
      reader->at++;
    }
  if (reader->at >= reader->length)
    {
      fail (reader, _("unterminated string"));
      return g_string_free (text, TRUE);
    }
  reader->at++;
  return g_string_free (text, FALSE);
}

static gboolean
json_value (Reader    *reader,
            GPtrArray *path)
{
  gboolean wanted = path_matches (path, reader->wanted);
  char c;

  skip_blank (reader, TRUE);
  c = peek (reader);

  if (c == '{' || c == '[')
    {
      char end = c == '{' ? '}' : ']';

      reader->at++;
      skip_blank (reader, TRUE);
      if (peek (reader) == end)
        {
          reader->at++;
          return TRUE;
        }
      while (TRUE)
        {
          gboolean ok;

          if (c == '{')
            {
              skip_blank (reader, TRUE);
              if (peek (reader) != '"')
                return fail (reader, _("a key was expected"));
              g_ptr_array_add (path, json_string (reader));
              if (reader->error != NULL)
                return FALSE;
              skip_blank (reader, TRUE);
              if (peek (reader) != ':')
                return fail (reader, _("':' was expected"));
              reader->at++;
            }
          else
            g_ptr_array_add (path, NULL);
          ok = json_value (reader, path);
          g_ptr_array_set_size (path, path->len - 1);
          if (!ok)
            return FALSE;
          skip_blank (reader, TRUE);
          if (peek (reader) == end)
            {
              reader->at++;
              return TRUE;
            }
          if (peek (reader) != ',')
            return fail (reader, _("',' was expected"));
          reader->at++;
        }
    }

  if (c == '"')
    {
      g_autofree char *text = json_string (reader);

      if (reader->error != NULL)
        return FALSE;
      if (wanted)
        reader->value = value_from_text (text, FALSE);
      return TRUE;
    }

  {
    gsize start = reader->at;
    g_autofree char *word = NULL;

    while (reader->at < reader->length && (g_ascii_isalnum (peek (reader)) || strchr ("+-.", peek (reader))))
      reader->at++;
    if (reader->at == start)
      return fail (reader, _("a value was expected"));
    word = g_strndup (reader->text + start, reader->at - start);
    if (wanted)
      reader->value = value_from_text (word, FALSE);
    return TRUE;
  }
}

static Value
read_json (const char          *text,
           gsize                length,
           const char * const  *wanted,
           GError             **error)
{
  Reader reader = { text, length, 0, wanted, VALUE_UNSET, NULL };
  g_autoptr(GPtrArray) path = g_ptr_array_new_with_free_func (g_free);

  if (json_value (&reader, path))
    {
      skip_blank (&reader, TRUE);
      if (reader.at < reader.length)
        fail (&reader, _("text after the end of the JSON value"));
    }

  if (reader.error != NULL)
    {
      g_propagate_error (error, reader.error);
      return VALUE_UNSET;
    }
  return reader.value;
}

/* YAML ---------------------------------------------------------------------- */

static yaml_node_t *
yaml_child (yaml_document_t *document,
            yaml_node_t     *mapping,
            const char      *key)
{
  yaml_node_t *found = NULL;

  if (mapping == NULL || mapping->type != YAML_MAPPING_NODE)
    return NULL;

  for (yaml_node_pair_t *pair = mapping->data.mapping.pairs.start;
       pair < mapping->data.mapping.pairs.top; pair++)
    {
      yaml_node_t *name = yaml_document_get_node (document, pair->key);

      /* The last of duplicates wins, as later settings do. */
      if (name != NULL && name->type == YAML_SCALAR_NODE &&
          name->data.scalar.length == strlen (key) &&
          g_ascii_strncasecmp ((const char *)name->data.scalar.value, key, strlen (key)) == 0)
        found = yaml_document_get_node (document, pair->value);
    }

  return found;
}

static Value
read_yaml (const char          *text,
           gsize                length,
           const char * const  *wanted,
           GError             **error)
{
  yaml_parser_t parser;
  yaml_document_t document;
  yaml_node_t *node;
  Value value = VALUE_UNSET;

  yaml_parser_initialize (&parser);
  yaml_parser_set_input_string (&parser, (const unsigned char *)text, length);
  if (!yaml_parser_load (&parser, &document))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("line %d: %s"),
                   (int)parser.problem_mark.line + 1, parser.problem ? parser.problem : _("invalid YAML"));
      yaml_parser_delete (&parser);
      return VALUE_UNSET;
    }

  node = yaml_document_get_root_node (&document);
  for (guint i = 0; node != NULL && wanted[i] != NULL; i++)
    node = yaml_child (&document, node, wanted[i]);
  if (node != NULL && node->type == YAML_SCALAR_NODE)
    {
      g_autofree char *scalar = g_strndup ((const char *)node->data.scalar.value, node->data.scalar.length);

      value = value_from_text (scalar, TRUE);
    }

  yaml_document_delete (&document);
  yaml_parser_delete (&parser);
  return value;
}

/* Finding and reading the files -------------------------------------------- */

static const char * const config_names[] = { "hugo", "config" };
static const char * const config_extensions[] = { "toml", "yaml", "yml", "json" };

static Value
read_config_file (GFile               *file,
                  const char * const  *wanted,
                  GCancellable        *cancellable,
                  GError             **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(GError) local_error = NULL;
  const char *extension = strrchr (name, '.');
  gsize length;
  Value value;

  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, error))
    return VALUE_UNSET;

  extension = extension ? extension + 1 : "";
  if (g_ascii_strcasecmp (extension, "toml") == 0)
    value = read_toml (contents, length, wanted, &local_error);
  else if (g_ascii_strcasecmp (extension, "json") == 0)
    value = read_json (contents, length, wanted, &local_error);
  else
    value = read_yaml (contents, length, wanted, &local_error);

  if (local_error != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: %s",
                   g_file_peek_path (file), local_error->message);
      return VALUE_UNSET;
    }
  return value;
}

static gboolean
is_directory (GFile        *file,
              GCancellable *cancellable)
{
  return g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, cancellable) == G_FILE_TYPE_DIRECTORY;
}

static gboolean
is_regular (GFile        *file,
            GCancellable *cancellable)
{
  return g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, cancellable) == G_FILE_TYPE_REGULAR;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

/* The configuration files under @dir, in Hugo's order (a walk in
 * lexical order), each with the key path it holds the setting at. */
static void
list_config_dir (GFile        *dir,
                 GPtrArray    *files,
                 GCancellable *cancellable)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GFileInfo *info;

  children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME, G_FILE_QUERY_INFO_NONE,
                                        cancellable, NULL);
  if (children == NULL)
    return;
  while ((info = g_file_enumerator_next_file (children, cancellable, NULL)) != NULL)
    {
      g_ptr_array_add (names, g_strdup (g_file_info_get_name (info)));
      g_object_unref (info);
    }
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autoptr(GFile) child = g_file_get_child (dir, names->pdata[i]);

      if (is_directory (child, cancellable))
        list_config_dir (child, files, cancellable);
      else
        g_ptr_array_add (files, g_steal_pointer (&child));
    }
}

/* The key path of the setting in @file, NULL if it cannot hold it. */
static const char * const *
wanted_in (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  char *dot = strrchr (name, '.');
  gboolean known = FALSE;

  if (dot == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (config_extensions); i++)
    known |= g_ascii_strcasecmp (dot + 1, config_extensions[i]) == 0;
  if (!known)
    return NULL;
  *dot = '\0';

  if (g_str_equal (name, "hugo") || g_str_equal (name, "config"))
    return unsafe_path;
  /* markup.toml holds what is under "markup"; markup.en.toml is a
   * language's, not the site's. */
  if (g_ascii_strcasecmp (name, "markup") == 0)
    return unsafe_path + 1;
  return NULL;
}

static gboolean
looks_like_site (GFile        *dir,
                 GCancellable *cancellable)
{
  static const char * const folders[] = { "content", "layouts", "themes", "archetypes" };

  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      g_autoptr(GFile) folder = g_file_get_child (dir, folders[i]);

      if (is_directory (folder, cancellable))
        return TRUE;
    }
  return FALSE;
}

/* The configuration files of @dir if it is a site, in Hugo's order. */
static GPtrArray *
find_site_files (GFile        *dir,
                 GCancellable *cancellable)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GFile) config_dir = g_file_get_child (dir, "config");
  gboolean hugo_named = FALSE;

  for (guint n = 0; n < G_N_ELEMENTS (config_names) && files->len == 0; n++)
    for (guint e = 0; e < G_N_ELEMENTS (config_extensions); e++)
      {
        g_autofree char *name = g_strdup_printf ("%s.%s", config_names[n], config_extensions[e]);
        g_autoptr(GFile) file = g_file_get_child (dir, name);

        if (is_regular (file, cancellable))
          {
            g_ptr_array_add (files, g_steal_pointer (&file));
            hugo_named = n == 0;
            break;
          }
      }

  if (is_directory (config_dir, cancellable))
    {
      g_autoptr(GFile) defaults = g_file_get_child (config_dir, "_default");
      g_autoptr(GFile) production = g_file_get_child (config_dir, "production");

      if (is_directory (defaults, cancellable))
        list_config_dir (defaults, files, cancellable);
      if (is_directory (production, cancellable))
        list_config_dir (production, files, cancellable);
    }

  if (files->len == 0 || (!hugo_named && !looks_like_site (dir, cancellable)))
    return NULL;
  return g_steal_pointer (&files);
}

static void
curator_site_config_finalize (GObject *object)
{
  CuratorSiteConfig *self = (CuratorSiteConfig *)object;

  g_clear_object (&self->root);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (curator_site_config_parent_class)->finalize (object);
}

static void
curator_site_config_class_init (CuratorSiteConfigClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = curator_site_config_finalize;
}

static void
curator_site_config_init (CuratorSiteConfig *self)
{
  self->raw_html = TRUE;
}

/**
 * curator_site_config_load:
 * @content_file: a content file of the site
 *
 * Finds the file's site and reads its rules. Blocks on I/O.
 *
 * Returns: (transfer full): the site's configuration (with no root when
 *   the file is in no site), or NULL with @error set when a
 *   configuration file cannot be read or parsed
 */
CuratorSiteConfig *
curator_site_config_load (GFile         *content_file,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(CuratorSiteConfig) self = g_object_new (CURATOR_TYPE_SITE_CONFIG, NULL);
  g_autoptr(GFile) dir = NULL;

  g_return_val_if_fail (G_IS_FILE (content_file), NULL);

  for (dir = g_file_get_parent (content_file); dir != NULL;)
    {
      g_autoptr(GPtrArray) files = find_site_files (dir, cancellable);
      GFile *parent;

      if (files != NULL)
        {
          self->root = g_object_ref (dir);
          /* Hugo's default. */
          self->raw_html = FALSE;
          for (guint i = 0; i < files->len; i++)
            {
              const char * const *wanted = wanted_in (files->pdata[i]);
              g_autoptr(GError) local_error = NULL;
              Value value;

              if (wanted == NULL)
                continue;
              value = read_config_file (files->pdata[i], wanted, cancellable, &local_error);
              if (local_error != NULL)
                {
                  g_propagate_error (error, g_steal_pointer (&local_error));
                  return NULL;
                }
              if (value != VALUE_UNSET)
                {
                  self->raw_html = value == VALUE_TRUE;
                  g_set_object (&self->file, files->pdata[i]);
                }
            }
          break;
        }

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      parent = g_file_get_parent (dir);
      g_object_unref (dir);
      dir = parent;
    }

  return g_steal_pointer (&self);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  CuratorSiteConfig *self = curator_site_config_load (task_data, cancellable, &error);

  if (self == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, self, g_object_unref);
}

void
curator_site_config_load_async (GFile               *content_file,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (content_file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, curator_site_config_load_async);
  g_task_set_task_data (task, g_object_ref (content_file), g_object_unref);
  g_task_run_in_thread (task, load_thread);
}

CuratorSiteConfig *
curator_site_config_load_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * curator_site_config_get_root:
 *
 * Returns: (transfer none) (nullable): the site's folder
 */
GFile *
curator_site_config_get_root (CuratorSiteConfig *self)
{
  g_return_val_if_fail (CURATOR_IS_SITE_CONFIG (self), NULL);

  return self->root;
}

/**
 * curator_site_config_get_file:
 *
 * Returns: (transfer none) (nullable): the file that set the rule
 */
GFile *
curator_site_config_get_file (CuratorSiteConfig *self)
{
  g_return_val_if_fail (CURATOR_IS_SITE_CONFIG (self), NULL);

  return self->file;
}

gboolean
curator_site_config_get_raw_html (CuratorSiteConfig *self)
{
  g_return_val_if_fail (CURATOR_IS_SITE_CONFIG (self), TRUE);

  return self->raw_html;
}
