/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-folder-index"

#include "config.h"

#include "curator-folder-index.h"
#include "curator-folder-index-private.h"

#include "curator-error.h"
#include "curator-position-private.h"
#include "curator-front-matter.h"
#include "curator-yaml-parser-private.h"
#include "curator-scalar-private.h"
#include "curator-yaml-tree.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

struct _CuratorFolderIndex
{
  GObject    parent_instance;

  GFile     *folder;
  guint      n_threads;
  guint      n_threads_used;
  gboolean   fast;
  /* CuratorFolderIndexEntry, sorted by path */
  GPtrArray *entries;
};

G_DEFINE_FINAL_TYPE (CuratorFolderIndex, curator_folder_index, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (CuratorFolderIndexEntry, curator_folder_index_entry,
                     curator_folder_index_entry_copy, curator_folder_index_entry_free)

enum {
  PROP_0,
  PROP_FOLDER,
  PROP_N_THREADS,
  PROP_FAST,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* One build: the shared work list the workers pull from. */
typedef struct
{
  char                     *folder_path;
  GPtrArray                *paths;     /* relative paths, sorted */
  CuratorFolderIndexEntry **results;   /* results[i] for paths[i] */
  gint                      next;      /* atomic: next path to take */
  gboolean                  fast;
  GCancellable             *cancellable;
} IndexJob;

CuratorFolderIndexEntry *
curator_folder_index_entry_copy (const CuratorFolderIndexEntry *entry)
{
  CuratorFolderIndexEntry *copy = g_new0 (CuratorFolderIndexEntry, 1);

  copy->path = g_strdup (entry->path);
  copy->title = g_strdup (entry->title);
  copy->date = g_strdup (entry->date);
  copy->tags = g_strdupv (entry->tags);
  copy->description = g_strdup (entry->description);
  copy->draft = entry->draft;
  copy->kind = entry->kind;
  copy->error = entry->error ? g_error_copy (entry->error) : NULL;
  copy->warning = entry->warning ? g_error_copy (entry->warning) : NULL;
  copy->mtime = entry->mtime;

  return copy;
}

void
curator_folder_index_entry_free (CuratorFolderIndexEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->path);
  g_free (entry->title);
  g_free (entry->date);
  g_strfreev (entry->tags);
  g_free (entry->description);
  g_clear_error (&entry->error);
  g_clear_error (&entry->warning);
  g_free (entry);
}

/* The 1-based line on which byte @offset lies (any of LF, CRLF, CR). */
static guint
line_at_offset (const char *data,
                gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    {
      if (data[i] == '\n')
        line++;
      else if (data[i] == '\r' && (i + 1 >= offset || data[i + 1] != '\n'))
        line++;
    }

  return line;
}

/* Where a libyaml mark is, as an editor shows it: libyaml counts
 * characters and also breaks lines at NEL, LS and PS, an editor breaks
 * only at LF, CRLF and CR. Only used to word errors. */
static void
mark_position (const char        *data,
               gsize              start,
               gsize              end,
               guint              first_line,
               const yaml_mark_t *mark,
               guint             *line,
               guint             *column)
{
  gsize pos = start;
  gsize n_chars = 0;

  *line = first_line;
  *column = 1;
  while (pos < end && n_chars < mark->index)
    {
      guchar c = (guchar) data[pos];
      gsize width = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;

      if (c == '\n' || (c == '\r' && (pos + 1 >= end || data[pos + 1] != '\n')))
        {
          (*line)++;
          *column = 1;
        }
      else if (c != '\r')
        (*column)++;
      pos += MIN (width, end - pos);
      n_chars++;
    }
}

static guint
event_line (const char         *data,
            gsize               start,
            gsize               end,
            guint               first_line,
            const yaml_event_t *event)
{
  guint line, column;

  mark_position (data, start, end, first_line, &event->start_mark, &line, &column);
  return line;
}

static guint
event_column (const char         *data,
              gsize               start,
              gsize               end,
              guint               first_line,
              const yaml_event_t *event)
{
  guint line, column;

  mark_position (data, start, end, first_line, &event->start_mark, &line, &column);
  return column;
}

static void
replace_string (char       **slot,
                const char  *value)
{
  g_free (*slot);
  *slot = g_strdup (value);
}

typedef enum
{
  WANT_NONE,
  WANT_TITLE,
  WANT_DATE,
  WANT_TAGS,
  WANT_DESCRIPTION,
  WANT_DRAFT,
} WantedField;

static WantedField
wanted_field (const char *key)
{
  switch (key[0])
    {
    case 't':
      return strcmp (key, "title") == 0 ? WANT_TITLE : strcmp (key, "tags") == 0 ? WANT_TAGS : WANT_NONE;
    case 'd':
      return strcmp (key, "date") == 0 ? WANT_DATE :
             strcmp (key, "description") == 0 ? WANT_DESCRIPTION :
             strcmp (key, "draft") == 0 ? WANT_DRAFT : WANT_NONE;
    default:
      return WANT_NONE;
    }
}

/* Hugo's "draft: true": a plain YAML 1.2 boolean that reads true. */
static gboolean
is_plain_true (const yaml_event_t *event)
{
  const char *value = (const char *) event->data.scalar.value;

  return event->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
         (strcmp (value, "true") == 0 || strcmp (value, "True") == 0 || strcmp (value, "TRUE") == 0);
}

/* The first plain scalar that YAML 1.1 reads as another type: the warning
 * `curator-cli check` gives, in its words. */
static void
check_plain_scalar (CuratorFolderIndexEntry *entry,
                    const char              *data,
                    gsize                    start,
                    gsize                    end,
                    guint                    first_line,
                    const yaml_event_t      *event)
{
  gboolean ambiguous = FALSE;
  guint line, column;

  if (entry->warning != NULL || event->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
    return;

  curator_scalar_resolve_plain ((const char *) event->data.scalar.value, event->data.scalar.length, &ambiguous);
  if (!ambiguous)
    return;

  mark_position (data, start, end, first_line, &event->start_mark, &line, &column);
  curator_set_position_error (&entry->warning, CURATOR_ERROR, CURATOR_ERROR_PARSE, line, column,
                              _("“%s” is text here (YAML 1.2) but YAML 1.1 parsers read it as "
                                "another type; quote it to keep every reader in agreement"),
                              (const char *) event->data.scalar.value);
}

/* Scans the YAML front matter with libyaml events, keeping the top-level
 * title, date and tags. Refuses what CuratorDocument refuses at the top
 * level (parse errors, depth and size caps, duplicate and complex keys). */
/* A top-level key seen so far: its text (taken over from libyaml's event)
 * and where it is, for the duplicate-key message. */
typedef struct
{
  char        *text;
  guint        hash;
  yaml_mark_t  mark;
} SeenKey;

/* Mappings with more keys than this find duplicates with a hash table. */
#define SEEN_KEYS_LINEAR_MAX 48

static void
seen_key_clear (gpointer data)
{
  SeenKey *seen = data;

  free (seen->text);    /* allocated by libyaml (yaml_malloc is malloc) */
}

/* The first key of @seen equal to @text, or NULL. */
static const SeenKey *
seen_keys_find (GArray     *seen,
                GHashTable *index,
                const char *text,
                guint       hash)
{
  if (index != NULL)
    {
      guint i = GPOINTER_TO_UINT (g_hash_table_lookup (index, text));

      return i > 0 ? &g_array_index (seen, SeenKey, i - 1) : NULL;
    }
  for (guint i = 0; i < seen->len; i++)
    {
      const SeenKey *key = &g_array_index (seen, SeenKey, i);

      if (key->hash == hash && strcmp (key->text, text) == 0)
        return key;
    }
  return NULL;
}

static void
scan_yaml (CuratorFolderIndexEntry *entry,
           const char              *data,
           gsize                    start,
           gsize                    end,
           guint                    first_line,
           gboolean                 check)
{
  yaml_parser_t parser;
  yaml_event_t event;
  g_autoptr(GArray) seen = NULL;
  g_autoptr(GHashTable) seen_index = NULL;
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  guint depth = 0;
  guint n_documents = 0;
  gboolean root_is_mapping = FALSE;
  gboolean expect_key = TRUE;
  WantedField wanted = WANT_NONE;
  gboolean done = FALSE;

  if (end - start > CURATOR_YAML_MAX_SIZE)
    {
      curator_set_position_error (&entry->error, CURATOR_ERROR, CURATOR_ERROR_TOO_LARGE, first_line, 1,
                                  /* Not G_GSIZE_FORMAT: xgettext cuts a message at a macro. */
                                  _("the front matter is %lu bytes, over the limit of %d bytes"),
                                  (gulong) (end - start), CURATOR_YAML_MAX_SIZE);
      return;
    }

  seen = g_array_sized_new (FALSE, FALSE, sizeof (SeenKey), 32);
  g_array_set_clear_func (seen, seen_key_clear);
  curator_yaml_parser_take (&parser);
  curator_yaml_parser_set_input (&parser, data + start, end - start);

  while (!done)
    {
      if (!yaml_parser_parse (&parser, &event))
        {
          guint line, column, context_line, context_column;

          mark_position (data, start, end, first_line, &parser.problem_mark, &line, &column);
          if (parser.context != NULL)
            {
              mark_position (data, start, end, first_line, &parser.context_mark,
                             &context_line, &context_column);
              curator_set_position_error (&entry->error, CURATOR_ERROR, CURATOR_ERROR_PARSE, line, column,
                                          _("%s (%s at line %u, column %u)"),
                                          parser.problem, parser.context,
                                          context_line, context_column);
            }
          else if (parser.problem_mark.column >= 1024 && parser.problem != NULL &&
                   strcmp (parser.problem, "mapping values are not allowed in this context") == 0)
            /* The same hint as the tree gives: libyaml's words do not say it. */
            curator_set_position_error (&entry->error, CURATOR_ERROR, CURATOR_ERROR_PARSE, line, column,
                                        _("%s: a key can be at most 1024 characters long"),
                                        parser.problem);
          else
            curator_set_position_error (&entry->error, CURATOR_ERROR, CURATOR_ERROR_PARSE, line, column,
                                        "%s", parser.problem ? parser.problem : _("invalid YAML"));
          break;
        }

      switch (event.type)
        {
        case YAML_STREAM_END_EVENT:
          done = TRUE;
          break;

        case YAML_MAPPING_START_EVENT:
        case YAML_SEQUENCE_START_EVENT:
          if (depth == 0)
            root_is_mapping = event.type == YAML_MAPPING_START_EVENT;
          else if (depth == 1 && root_is_mapping && expect_key)
            {
              curator_set_position_error (&entry->error, CURATOR_ERROR, CURATOR_ERROR_COMPLEX_KEY,
                                          event_line (data, start, end, first_line, &event),
                                          event_column (data, start, end, first_line, &event),
                                          _("complex key: a key must be plain text, this one is %s"),
                                          event.type == YAML_MAPPING_START_EVENT ? _("a mapping") : _("a list"));
              done = TRUE;
              break;
            }
          depth++;
          if (depth > CURATOR_YAML_MAX_DEPTH)
            {
              curator_set_position_error (&entry->error, CURATOR_ERROR, CURATOR_ERROR_TOO_DEEP,
                                          event_line (data, start, end, first_line, &event),
                                          event_column (data, start, end, first_line, &event),
                                          _("nested deeper than %d levels: refusing to parse"),
                                          CURATOR_YAML_MAX_DEPTH);
              done = TRUE;
            }
          break;

        case YAML_MAPPING_END_EVENT:
        case YAML_SEQUENCE_END_EVENT:
          depth--;
          if (depth == 1 && root_is_mapping)
            {
              if (wanted == WANT_TAGS)
                {
                  g_ptr_array_add (tags, NULL);
                  g_strfreev (entry->tags);
                  entry->tags = (char **) g_ptr_array_free (g_steal_pointer (&tags), FALSE);
                  tags = g_ptr_array_new_with_free_func (g_free);
                }
              wanted = WANT_NONE;
              expect_key = TRUE;
            }
          break;

        case YAML_SCALAR_EVENT:
        case YAML_ALIAS_EVENT:
          if (check && event.type == YAML_SCALAR_EVENT)
            check_plain_scalar (entry, data, start, end, first_line, &event);
          if (depth == 1 && root_is_mapping)
            {
              if (expect_key)
                {
                  const char *key = event.type == YAML_SCALAR_EVENT ?
                                    (const char *) event.data.scalar.value : "";

                  guint hash = g_str_hash (key);
                  const SeenKey *first_key = event.type == YAML_SCALAR_EVENT ?
                                             seen_keys_find (seen, seen_index, key, hash) : NULL;
                  const yaml_mark_t *first = first_key != NULL ? &first_key->mark : NULL;

                  if (first != NULL)
                    {
                      guint line, column, first_line_number, first_column;

                      /* Positions are worked out only for the message. */
                      mark_position (data, start, end, first_line, &event.start_mark, &line, &column);
                      mark_position (data, start, end, first_line, first, &first_line_number, &first_column);
                      curator_set_position_error (&entry->error, CURATOR_ERROR, CURATOR_ERROR_DUPLICATE_KEY,
                                                  line, column,
                                                  _("duplicate key “%s” (first defined at line %u, column %u)"),
                                                  key, first_line_number, first_column);
                      done = TRUE;
                      break;
                    }
                  if (event.type == YAML_SCALAR_EVENT)
                    {
                      /* The key's text is taken from the event, not copied. */
                      SeenKey added = { (char *) event.data.scalar.value, hash, event.start_mark };

                      event.data.scalar.value = NULL;
                      g_array_append_val (seen, added);
                      if (seen_index == NULL && seen->len > SEEN_KEYS_LINEAR_MAX)
                        {
                          seen_index = g_hash_table_new (g_str_hash, g_str_equal);
                          for (guint i = 0; i < seen->len; i++)
                            g_hash_table_insert (seen_index, g_array_index (seen, SeenKey, i).text,
                                                 GUINT_TO_POINTER (i + 1));
                        }
                      else if (seen_index != NULL)
                        g_hash_table_insert (seen_index, added.text, GUINT_TO_POINTER (seen->len));
                    }
                  wanted = wanted_field (key);
                  expect_key = FALSE;
                }
              else
                {
                  if (event.type == YAML_SCALAR_EVENT)
                    {
                      const char *value = (const char *) event.data.scalar.value;
                      gboolean is_null = event.data.scalar.plain_implicit &&
                                         (value[0] == '\0' || strcmp (value, "~") == 0 ||
                                          strcmp (value, "null") == 0);

                      if (wanted == WANT_TITLE && !is_null)
                        replace_string (&entry->title, value);
                      else if (wanted == WANT_DATE && !is_null)
                        replace_string (&entry->date, value);
                      else if (wanted == WANT_DESCRIPTION && !is_null)
                        replace_string (&entry->description, value);
                      else if (wanted == WANT_DRAFT)
                        entry->draft = is_plain_true (&event);
                      else if (wanted == WANT_TAGS && !is_null)
                        {
                          /* tags: one-tag */
                          g_strfreev (entry->tags);
                          entry->tags = g_new0 (char *, 2);
                          entry->tags[0] = g_strdup (value);
                        }
                    }
                  wanted = WANT_NONE;
                  expect_key = TRUE;
                }
            }
          else if (depth == 2 && wanted == WANT_TAGS && event.type == YAML_SCALAR_EVENT)
            {
              g_ptr_array_add (tags, g_strdup ((const char *) event.data.scalar.value));
            }
          break;

        case YAML_DOCUMENT_START_EVENT:
          if (++n_documents > 1)
            {
              curator_set_position_error (&entry->error, CURATOR_ERROR, CURATOR_ERROR_PARSE,
                                          event_line (data, start, end, first_line, &event),
                                          event_column (data, start, end, first_line, &event),
                                          "%s", _("a second YAML document starts here: the front matter must be one document"));
              done = TRUE;
            }
          break;

        case YAML_NO_EVENT:
        case YAML_STREAM_START_EVENT:
        case YAML_DOCUMENT_END_EVENT:
        default:
          break;
        }

      yaml_event_delete (&event);
    }

  curator_yaml_parser_give_back (&parser);
}

static gboolean
is_wanted_key_line (const char *data,
                    gsize       pos,
                    gsize       line_end,
                    const char *key)
{
  gsize n = strlen (key);

  return line_end - pos > n && memcmp (data + pos, key, n) == 0 && data[pos + n] == ':' &&
         (pos + n + 1 == line_end || data[pos + n + 1] == ' ' || data[pos + n + 1] == '\t');
}

/* The light path: only the top-level title, date, tags, description and
 * draft entries are given to libyaml. An entry runs from its key line (at column 1) to the
 * next line at column 1 that is not a comment or a "- " item of an
 * indentless list. What lies outside those entries is not parsed, so its
 * errors are not seen (a value continued at column 1 inside quotes would
 * also end an entry early; opening the file checks everything). */
static void
scan_yaml_entries (CuratorFolderIndexEntry *entry,
                   const char              *data,
                   gsize                    start,
                   gsize                    end)
{
  static const char * const keys[] = { "title", "date", "tags", "description", "draft" };
  guint key_lines[G_N_ELEMENTS (keys)] = { 0, };
  gsize slice_start = G_MAXSIZE;
  guint slice_line = 0;
  guint line = line_at_offset (data, start);
  gsize root_indent = G_MAXSIZE;
  gsize pos = start;

  while (pos < end && entry->error == NULL)
    {
      gsize line_start = pos;
      gsize line_end = pos;
      gsize next;
      char c;
      gboolean at_entry;

      while (line_end < end && data[line_end] != '\n' && data[line_end] != '\r')
        line_end++;
      /* After LF, CRLF or CR. */
      next = line_end;
      if (next < end && data[next] == '\r')
        next++;
      if (next < end && data[next] == '\n')
        next++;
      if (next == line_end)
        next = end;

      /* The root mapping's column: that of the first line with content. */
      if (root_indent == G_MAXSIZE)
        {
          gsize first = pos;

          while (first < line_end && data[first] == ' ')
            first++;
          if (first < line_end && data[first] != '#')
            root_indent = first - pos;
        }

      if (root_indent != G_MAXSIZE && line_end - pos > root_indent)
        {
          gboolean indented = TRUE;

          for (gsize i = pos; i < pos + root_indent; i++)
            indented = indented && data[i] == ' ';
          pos += root_indent;
          c = data[pos];
          at_entry = indented && c != ' ' && c != '\t' && c != '#' &&
                     !(c == '-' && (line_end == pos + 1 || data[pos + 1] == ' ' || data[pos + 1] == '\t'));
        }
      else
        at_entry = FALSE;

      if (at_entry)
        {
          if (slice_start != G_MAXSIZE)
            {
              scan_yaml (entry, data, slice_start, line_start, slice_line, FALSE);
              slice_start = G_MAXSIZE;
            }
          for (guint k = 0; k < G_N_ELEMENTS (keys) && entry->error == NULL; k++)
            {
              if (!is_wanted_key_line (data, pos, line_end, keys[k]))
                continue;
              if (key_lines[k] != 0)
                {
                  curator_set_position_error (&entry->error, CURATOR_ERROR, CURATOR_ERROR_DUPLICATE_KEY,
                                              line, (guint) root_indent + 1,
                                              _("duplicate key “%s” (first defined at line %u, column %u)"),
                                              keys[k], key_lines[k], (guint) root_indent + 1);
                  break;
                }
              key_lines[k] = line;
              slice_start = line_start;
              slice_line = line;
            }
        }

      line++;
      pos = next;
    }

  if (slice_start != G_MAXSIZE && entry->error == NULL)
    scan_yaml (entry, data, slice_start, end, slice_line, FALSE);
}

/* TOML front matter is not editable, but the library still wants its
 * title, date, tags, description and draft: read the top-level `key =
 * value` lines (before the first [table]) whose value is a one-line
 * string, a bare date, a one-line array of strings or true. Anything else
 * is left unread. */
static char *
toml_read_string (const char  *p,
                  const char  *end,
                  const char **after)
{
  GString *out;
  char quote = *p;

  if (p >= end || (quote != '"' && quote != '\''))
    return NULL;
  if (end - p >= 3 && p[1] == quote && p[2] == quote)
    return NULL;   /* multi-line strings are left unread */

  out = g_string_new (NULL);
  for (p++; p < end && *p != quote; p++)
    {
      if (quote == '"' && *p == '\\' && p + 1 < end)
        {
          p++;
          switch (*p)
            {
            case 'n': g_string_append_c (out, '\n'); break;
            case 't': g_string_append_c (out, '\t'); break;
            case 'r': g_string_append_c (out, '\r'); break;
            case 'b': g_string_append_c (out, '\b'); break;
            case 'f': g_string_append_c (out, '\f'); break;
            case 'u':
            case 'U':
              {
                int digits = *p == 'u' ? 4 : 8;
                gunichar c = 0;

                if (end - p <= digits)
                  goto invalid;
                for (int i = 1; i <= digits; i++)
                  {
                    if (!g_ascii_isxdigit (p[i]))
                      goto invalid;
                    c = c * 16 + g_ascii_xdigit_value (p[i]);
                  }
                if (!g_unichar_validate (c))
                  goto invalid;
                g_string_append_unichar (out, c);
                p += digits;
              }
              break;
            default:
              g_string_append_c (out, *p);
            }
        }
      else
        g_string_append_c (out, *p);
    }
  if (p >= end)
    goto invalid;

  *after = p + 1;
  return g_string_free (out, FALSE);

invalid:
  g_string_free (out, TRUE);
  return NULL;
}

static void
scan_toml (CuratorFolderIndexEntry *entry,
           const char              *data,
           gsize                    start,
           gsize                    end)
{
  const char *p = data + start;
  const char *stop = data + end;

  while (p < stop)
    {
      const char *line_end = memchr (p, '\n', stop - p);
      const char *q = p;
      const char *key;
      gsize key_length;

      if (line_end == NULL)
        line_end = stop;

      while (q < line_end && (*q == ' ' || *q == '\t'))
        q++;
      if (q < line_end && *q == '[')
        break;

      key = q;
      while (q < line_end && (g_ascii_isalnum (*q) || *q == '_' || *q == '-'))
        q++;
      key_length = q - key;
      while (q < line_end && (*q == ' ' || *q == '\t'))
        q++;

      if (key_length > 0 && q < line_end && *q == '=')
        {
          const char *after = NULL;

          for (q++; q < line_end && (*q == ' ' || *q == '\t'); q++)
            ;
          if (key_length == 5 && memcmp (key, "title", 5) == 0)
            {
              g_free (entry->title);
              entry->title = toml_read_string (q, line_end, &after);
            }
          else if (key_length == 11 && memcmp (key, "description", 11) == 0)
            {
              g_free (entry->description);
              entry->description = toml_read_string (q, line_end, &after);
            }
          else if (key_length == 5 && memcmp (key, "draft", 5) == 0)
            {
              entry->draft = line_end - q >= 4 && memcmp (q, "true", 4) == 0 &&
                             (line_end - q == 4 || !g_ascii_isalnum (q[4]));
            }
          else if (key_length == 4 && memcmp (key, "date", 4) == 0)
            {
              const char *value_end = q;

              g_free (entry->date);
              entry->date = toml_read_string (q, line_end, &after);
              if (entry->date == NULL)
                {
                  while (value_end < line_end && *value_end != '#' && *value_end != '\r')
                    value_end++;
                  while (value_end > q && (value_end[-1] == ' ' || value_end[-1] == '\t'))
                    value_end--;
                  if (value_end > q)
                    entry->date = g_strndup (q, value_end - q);
                }
            }
          else if (key_length == 4 && memcmp (key, "tags", 4) == 0 && q < line_end && *q == '[')
            {
              g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
              gboolean closed = FALSE;

              for (q++; q < line_end;)
                {
                  char *tag;

                  while (q < line_end && (*q == ' ' || *q == '\t' || *q == ','))
                    q++;
                  if (q < line_end && *q == ']')
                    {
                      closed = TRUE;
                      break;
                    }
                  tag = toml_read_string (q, line_end, &after);
                  if (tag == NULL)
                    break;
                  g_ptr_array_add (tags, tag);
                  q = after;
                }
              if (closed)
                {
                  g_ptr_array_add (tags, NULL);
                  g_strfreev (entry->tags);
                  entry->tags = (char **) g_ptr_array_free (g_steal_pointer (&tags), FALSE);
                }
            }
        }

      p = line_end + 1;
    }
}

static CuratorFolderIndexEntry *
entry_new_from_data (const char *path,
                     const char *data,
                     gsize       length,
                     gboolean    fast)
{
  g_autoptr(CuratorFolderIndexEntry) entry = g_new0 (CuratorFolderIndexEntry, 1);
  CuratorFrontMatterSplit split;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  entry->path = g_strdup (path);
  entry->tags = g_new0 (char *, 1);

  if (!curator_front_matter_split (data, length, &split, &entry->error))
    {
      entry->kind = CURATOR_FRONT_MATTER_NONE;
      return g_steal_pointer (&entry);
    }

  entry->kind = split.kind;
  switch (split.kind)
    {
    case CURATOR_FRONT_MATTER_YAML:
      if (fast)
        scan_yaml_entries (entry, data, split.front_matter_start, split.front_matter_end);
      else
        scan_yaml (entry, data, split.front_matter_start, split.front_matter_end,
                   line_at_offset (data, split.front_matter_start), TRUE);
      break;

    case CURATOR_FRONT_MATTER_TOML:
      scan_toml (entry, data, split.front_matter_start, split.front_matter_end);
      G_GNUC_FALLTHROUGH;
    case CURATOR_FRONT_MATTER_JSON:
      /* The same words as CuratorDocument's load error. */
      curator_set_position_error (&entry->error, CURATOR_ERROR, CURATOR_ERROR_UNSUPPORTED_FORMAT, 1, 1, "%s",
                                  split.kind == CURATOR_FRONT_MATTER_TOML ?
                                  _("TOML front matter (+++) is kept as it is but cannot be edited in forms") :
                                  _("JSON front matter is kept as it is but cannot be edited in forms"));
      break;

    case CURATOR_FRONT_MATTER_NONE:
    default:
      curator_set_position_error (&entry->error, CURATOR_ERROR, CURATOR_ERROR_NO_FRONT_MATTER, 1, 1,
                                  "%s", _("no front matter (the file does not start with a --- line)"));
      break;
    }

  return g_steal_pointer (&entry);
}

CuratorFolderIndexEntry *
curator_folder_index_entry_new_from_data (const char *path,
                                          const char *data,
                                          gsize       length)
{
  return entry_new_from_data (path, data, length, FALSE);
}

CuratorFolderIndexEntry *
curator_folder_index_entry_new_from_data_fast (const char *path,
                                               const char *data,
                                               gsize       length)
{
  return entry_new_from_data (path, data, length, TRUE);
}

gboolean
curator_folder_index_is_content_file (const char *name)
{
  g_return_val_if_fail (name != NULL, FALSE);

  return g_str_has_suffix (name, ".md") ||
         g_str_has_suffix (name, ".markdown") ||
         g_str_has_suffix (name, ".html");
}

/* A folder by what it is on disk, whatever path reached it. */
typedef struct
{
  dev_t dev;
  ino_t ino;
} FolderId;

static guint
folder_id_hash (gconstpointer key)
{
  const FolderId *id = key;

  return (guint) id->ino ^ (guint) (id->ino >> 32) ^ (guint) id->dev;
}

static gboolean
folder_id_equal (gconstpointer a,
                 gconstpointer b)
{
  const FolderId *x = a, *y = b;

  return x->dev == y->dev && x->ino == y->ino;
}

typedef struct
{
  const char *root;
  GPtrArray  *paths;     /* content files, relative */
  GPtrArray  *folders;   /* folders walked, relative ("" for the root); may be NULL */
  GHashTable *visited;   /* FolderId of each folder walked */
  GPtrArray  *links;     /* links to folders found, relative: followed after the tree */
} Walk;

typedef struct
{
  char          *name;
  unsigned char  type;
} DirEntry;

static void
dir_entry_clear (gpointer data)
{
  g_free (((DirEntry *) data)->name);
}

static const char * const site_config_files[] = {
  "hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json",
  "config.toml", "config.yaml", "config.yml", "config.json",
};

/* Whether a folder holding @entries is a Hugo site's root: it has a
 * content/ folder or a configuration file. Its public/ and resources/
 * are what Hugo writes, not content. */
static gboolean
is_site_root (GArray *entries)
{
  for (guint i = 0; i < entries->len; i++)
    {
      const DirEntry *entry = &g_array_index (entries, DirEntry, i);

      if (strcmp (entry->name, "content") == 0 && entry->type != DT_REG)
        return TRUE;
      for (guint j = 0; j < G_N_ELEMENTS (site_config_files); j++)
        if (strcmp (entry->name, site_config_files[j]) == 0)
          return TRUE;
    }
  return FALSE;
}

static gboolean
is_skipped_folder (const char *name,
                   gboolean    in_site_root)
{
  return strcmp (name, "node_modules") == 0 ||
         (in_site_root && (strcmp (name, "public") == 0 || strcmp (name, "resources") == 0));
}

static char *
child_path (const char *relative,
            const char *name)
{
  return relative[0] != '\0' ? g_strconcat (relative, "/", name, NULL) : g_strdup (name);
}

/* readdir() rather than GDir: the entry type comes with the name, which
 * saves a stat() per file on the walk over thousands of files. */
static gboolean
walk_folder (Walk        *walk,
             const char  *relative,
             GError     **error)
{
  g_autofree char *dir_path = relative[0] != '\0' ? g_build_filename (walk->root, relative, NULL) : g_strdup (walk->root);
  g_autoptr(GArray) entries = NULL;
  struct dirent *dirent;
  struct stat dir_stat;
  FolderId *id;
  gboolean site_root;
  DIR *dir;

  dir = opendir (dir_path);
  if (dir == NULL)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (dir_path);

      /* An unreadable sub-folder is skipped; the folder itself must open. */
      if (relative[0] != '\0')
        return TRUE;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot open the folder %s: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }

  /* A folder reached again (through a link) is not walked twice: that
   * ends loops, and lists each file once. */
  if (fstat (dirfd (dir), &dir_stat) == 0)
    {
      FolderId key = { dir_stat.st_dev, dir_stat.st_ino };

      if (g_hash_table_contains (walk->visited, &key))
        {
          closedir (dir);
          return TRUE;
        }
      id = g_new (FolderId, 1);
      *id = key;
      g_hash_table_add (walk->visited, id);
    }
  if (walk->folders != NULL)
    g_ptr_array_add (walk->folders, g_strdup (relative));

  entries = g_array_new (FALSE, FALSE, sizeof (DirEntry));
  g_array_set_clear_func (entries, dir_entry_clear);
  while ((dirent = readdir (dir)) != NULL)
    {
      DirEntry entry;

      if (dirent->d_name[0] == '.')
        continue;
      entry.name = g_strdup (dirent->d_name);
      entry.type = dirent->d_type;
      g_array_append_val (entries, entry);
    }
  closedir (dir);

  site_root = is_site_root (entries);
  for (guint i = 0; i < entries->len; i++)
    {
      const DirEntry *entry = &g_array_index (entries, DirEntry, i);
      unsigned char type = entry->type;

      if (type == DT_UNKNOWN)
        {
          g_autofree char *path = g_build_filename (dir_path, entry->name, NULL);
          GStatBuf buf;

          if (g_lstat (path, &buf) != 0)
            continue;
          type = S_ISDIR (buf.st_mode) ? DT_DIR : S_ISREG (buf.st_mode) ? DT_REG :
                 S_ISLNK (buf.st_mode) ? DT_LNK : DT_UNKNOWN;
        }

      if (type == DT_LNK)
        {
          g_autofree char *path = g_build_filename (dir_path, entry->name, NULL);
          GStatBuf buf;

          /* What the link points to; a dangling link is left out. */
          if (g_stat (path, &buf) != 0)
            continue;
          if (S_ISDIR (buf.st_mode))
            {
              if (!is_skipped_folder (entry->name, site_root))
                g_ptr_array_add (walk->links, child_path (relative, entry->name));
              continue;
            }
          type = S_ISREG (buf.st_mode) ? DT_REG : DT_UNKNOWN;
        }

      if (type == DT_DIR)
        {
          g_autofree char *child = NULL;

          if (is_skipped_folder (entry->name, site_root))
            continue;
          child = child_path (relative, entry->name);
          walk_folder (walk, child, NULL);
        }
      else if (type == DT_REG && curator_folder_index_is_content_file (entry->name))
        {
          g_ptr_array_add (walk->paths, child_path (relative, entry->name));
        }
    }

  return TRUE;
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Walks the real folders first, then the links to folders, in sorted
 * order round by round: which path lists a folder reached twice does not
 * depend on the order readdir() gives. */
static gboolean
walk_tree (const char  *root,
           GPtrArray   *paths,
           GPtrArray   *folders,
           GError     **error)
{
  g_autoptr(GHashTable) visited = g_hash_table_new_full (folder_id_hash, folder_id_equal, g_free, NULL);
  g_autoptr(GPtrArray) links = g_ptr_array_new_with_free_func (g_free);
  Walk walk = { root, paths, folders, visited, links };

  if (!walk_folder (&walk, "", error))
    return FALSE;

  while (links->len > 0)
    {
      g_autoptr(GPtrArray) round = g_steal_pointer (&links);

      links = g_ptr_array_new_with_free_func (g_free);
      walk.links = links;
      g_ptr_array_sort (round, compare_paths);
      for (guint i = 0; i < round->len; i++)
        walk_folder (&walk, g_ptr_array_index (round, i), NULL);
    }

  g_ptr_array_sort (paths, compare_paths);
  if (folders != NULL)
    g_ptr_array_sort (folders, compare_paths);
  return TRUE;
}

gboolean
_curator_folder_index_walk (const char  *root,
                            GPtrArray   *paths,
                            GPtrArray   *folders,
                            GError     **error)
{
  return walk_tree (root, paths, folders, error);
}

GPtrArray *
curator_folder_index_list_files (const char  *folder,
                                 GError     **error)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (folder != NULL, NULL);

  if (!walk_tree (folder, paths, NULL, error))
    return NULL;

  return g_steal_pointer (&paths);
}

static CuratorFolderIndexEntry *
entry_new_unreadable (const char *relative,
                      const char *full_path,
                      int         saved_errno)
{
  CuratorFolderIndexEntry *entry = g_new0 (CuratorFolderIndexEntry, 1);
  g_autofree char *display = g_filename_display_name (full_path);

  entry->path = g_strdup (relative);
  entry->tags = g_new0 (char *, 1);
  entry->kind = CURATOR_FRONT_MATTER_NONE;
  g_set_error (&entry->error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               _("Cannot read %s: %s"), display, g_strerror (saved_errno));
  return entry;
}

CuratorFolderIndexEntry *
_curator_folder_index_read_entry (const char       *root,
                                  const char       *relative,
                                  gboolean          fast,
                                  GByteArray       *buffer,
                                  CuratorFileStamp *stamp)
{
  g_autofree char *full_path = g_build_filename (root, relative, NULL);
  CuratorFolderIndexEntry *entry;
  struct stat buf;
  gsize length = 0;
  int fd;

  if (stamp != NULL)
    memset (stamp, 0, sizeof *stamp);

  /* open, fstat, read, close: what g_file_get_contents() does, with the
   * time stamps kept and one buffer reused for every file. */
  fd = g_open (full_path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    return entry_new_unreadable (relative, full_path, errno);
  if (fstat (fd, &buf) != 0 || !S_ISREG (buf.st_mode))
    {
      int saved_errno = S_ISREG (buf.st_mode) ? errno : EISDIR;

      close (fd);
      return entry_new_unreadable (relative, full_path, saved_errno);
    }

  g_byte_array_set_size (buffer, (guint) MIN ((gsize) buf.st_size + 1, G_MAXUINT));
  for (;;)
    {
      gssize n;

      if (length == buffer->len)
        g_byte_array_set_size (buffer, buffer->len * 2);
      n = read (fd, buffer->data + length, buffer->len - length);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          close (fd);
          return entry_new_unreadable (relative, full_path, saved_errno);
        }
      if (n == 0)
        break;
      length += n;
    }
  close (fd);

  entry = entry_new_from_data (relative, (const char *) buffer->data, length, fast);
  entry->mtime = (gint64) buf.st_mtim.tv_sec * G_USEC_PER_SEC + buf.st_mtim.tv_nsec / 1000;
  if (stamp != NULL)
    {
      stamp->mtime = entry->mtime;
      stamp->ctime = (gint64) buf.st_ctim.tv_sec * G_USEC_PER_SEC + buf.st_ctim.tv_nsec / 1000;
      stamp->size = buf.st_size;
      stamp->ino = buf.st_ino;
    }
  return entry;
}

static void
index_job_run (IndexJob *job)
{
  g_autoptr(GByteArray) buffer = g_byte_array_new ();

  for (;;)
    {
      guint i = (guint) g_atomic_int_add (&job->next, 1);

      if (i >= job->paths->len || g_cancellable_is_cancelled (job->cancellable))
        return;

      job->results[i] = _curator_folder_index_read_entry (job->folder_path, g_ptr_array_index (job->paths, i),
                                                          job->fast, buffer, NULL);
      /* A huge file's buffer is not kept for the small ones after it. */
      if (buffer->len > 1024 * 1024)
        g_byte_array_set_size (buffer, 0);
    }
}

static void
index_job_worker (gpointer data,
                  gpointer user_data)
{
  index_job_run (user_data);
}

static void
curator_folder_index_finalize (GObject *object)
{
  CuratorFolderIndex *self = (CuratorFolderIndex *)object;

  g_clear_object (&self->folder);
  g_clear_pointer (&self->entries, g_ptr_array_unref);

  G_OBJECT_CLASS (curator_folder_index_parent_class)->finalize (object);
}

static void
curator_folder_index_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CuratorFolderIndex *self = CURATOR_FOLDER_INDEX (object);

  switch (prop_id)
    {
    case PROP_FOLDER:
      g_value_set_object (value, self->folder);
      break;

    case PROP_N_THREADS:
      g_value_set_uint (value, self->n_threads);
      break;

    case PROP_FAST:
      g_value_set_boolean (value, self->fast);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
curator_folder_index_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CuratorFolderIndex *self = CURATOR_FOLDER_INDEX (object);

  switch (prop_id)
    {
    case PROP_FOLDER:
      self->folder = g_value_dup_object (value);
      break;

    case PROP_N_THREADS:
      curator_folder_index_set_n_threads (self, g_value_get_uint (value));
      break;

    case PROP_FAST:
      curator_folder_index_set_fast (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
curator_folder_index_class_init (CuratorFolderIndexClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = curator_folder_index_finalize;
  object_class->get_property = curator_folder_index_get_property;
  object_class->set_property = curator_folder_index_set_property;

  properties[PROP_FOLDER] =
    g_param_spec_object ("folder", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_THREADS] =
    g_param_spec_uint ("n-threads", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_FAST] =
    g_param_spec_boolean ("fast", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
curator_folder_index_init (CuratorFolderIndex *self)
{
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) curator_folder_index_entry_free);
}

CuratorFolderIndex *
curator_folder_index_new (GFile *folder)
{
  g_return_val_if_fail (G_IS_FILE (folder), NULL);

  return g_object_new (CURATOR_TYPE_FOLDER_INDEX,
                       "folder", folder,
                       NULL);
}

GFile *
curator_folder_index_get_folder (CuratorFolderIndex *self)
{
  g_return_val_if_fail (CURATOR_IS_FOLDER_INDEX (self), NULL);

  return self->folder;
}

guint
curator_folder_index_get_n_threads (CuratorFolderIndex *self)
{
  g_return_val_if_fail (CURATOR_IS_FOLDER_INDEX (self), 0);

  return self->n_threads;
}

void
curator_folder_index_set_n_threads (CuratorFolderIndex *self,
                                    guint               n_threads)
{
  g_return_if_fail (CURATOR_IS_FOLDER_INDEX (self));

  if (self->n_threads != n_threads)
    {
      self->n_threads = n_threads;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_THREADS]);
    }
}

gboolean
curator_folder_index_get_fast (CuratorFolderIndex *self)
{
  g_return_val_if_fail (CURATOR_IS_FOLDER_INDEX (self), FALSE);

  return self->fast;
}

void
curator_folder_index_set_fast (CuratorFolderIndex *self,
                               gboolean            fast)
{
  g_return_if_fail (CURATOR_IS_FOLDER_INDEX (self));

  fast = !!fast;
  if (self->fast != fast)
    {
      self->fast = fast;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAST]);
    }
}

guint
curator_folder_index_get_n_threads_used (CuratorFolderIndex *self)
{
  g_return_val_if_fail (CURATOR_IS_FOLDER_INDEX (self), 0);

  return self->n_threads_used;
}

/* Runs in the caller's thread (or a GTask thread): lists the files, then
 * spreads them over the workers. Returns the entries sorted by path. */
static GPtrArray *
build_entries (const char    *folder_path,
               gboolean       fast,
               guint          n_threads,
               guint         *n_threads_used,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  IndexJob job = { 0 };

  paths = curator_folder_index_list_files (folder_path, error);
  if (paths == NULL)
    return NULL;

  if (n_threads == 0)
    n_threads = g_get_num_processors ();
  n_threads = CLAMP (n_threads, 1, MAX (paths->len, 1));
  *n_threads_used = n_threads;

  job.folder_path = (char *) folder_path;
  job.paths = paths;
  job.results = g_new0 (CuratorFolderIndexEntry *, MAX (paths->len, 1));
  job.cancellable = cancellable;
  job.fast = fast;

  if (n_threads == 1)
    {
      index_job_run (&job);
    }
  else
    {
      GThreadPool *pool;

      /* Every worker pulls paths from the shared counter until none are
       * left, so results land in their sorted slot whatever the order. */
      pool = g_thread_pool_new (index_job_worker, &job, (int) n_threads, TRUE, error);
      if (pool == NULL)
        {
          g_free (job.results);
          return NULL;
        }
      for (guint i = 0; i < n_threads; i++)
        g_thread_pool_push (pool, GUINT_TO_POINTER (i + 1), NULL);
      g_thread_pool_free (pool, FALSE, TRUE);
    }

  entries = g_ptr_array_new_full (paths->len, (GDestroyNotify) curator_folder_index_entry_free);
  for (guint i = 0; i < paths->len; i++)
    if (job.results[i] != NULL)
      g_ptr_array_add (entries, job.results[i]);
  g_free (job.results);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  return g_steal_pointer (&entries);
}

gboolean
curator_folder_index_build (CuratorFolderIndex  *self,
                            GCancellable        *cancellable,
                            GError             **error)
{
  g_autofree char *folder_path = NULL;
  GPtrArray *entries;
  guint n_threads_used = 0;

  g_return_val_if_fail (CURATOR_IS_FOLDER_INDEX (self), FALSE);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), FALSE);

  folder_path = g_file_get_path (self->folder);
  if (folder_path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Only local folders can be indexed"));
      return FALSE;
    }

  entries = build_entries (folder_path, self->fast, self->n_threads, &n_threads_used, cancellable, error);
  if (entries == NULL)
    return FALSE;

  g_clear_pointer (&self->entries, g_ptr_array_unref);
  self->entries = entries;
  self->n_threads_used = n_threads_used;

  return TRUE;
}

typedef struct
{
  char  *folder_path;
  gboolean fast;
  guint  n_threads;
  guint  n_threads_used;
} BuildData;

static void
build_data_free (BuildData *data)
{
  g_free (data->folder_path);
  g_free (data);
}

static void
build_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  BuildData *data = task_data;
  GError *error = NULL;
  GPtrArray *entries;

  entries = build_entries (data->folder_path, data->fast, data->n_threads, &data->n_threads_used,
                           cancellable, &error);
  if (entries == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, entries, (GDestroyNotify) g_ptr_array_unref);
}

void
curator_folder_index_build_async (CuratorFolderIndex  *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  BuildData *data;

  g_return_if_fail (CURATOR_IS_FOLDER_INDEX (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, curator_folder_index_build_async);

  data = g_new0 (BuildData, 1);
  data->folder_path = g_file_get_path (self->folder);
  data->n_threads = self->n_threads;
  data->fast = self->fast;
  g_task_set_task_data (task, data, (GDestroyNotify) build_data_free);

  if (data->folder_path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Only local folders can be indexed"));
      return;
    }

  g_task_run_in_thread (task, build_thread);
}

gboolean
curator_folder_index_build_finish (CuratorFolderIndex  *self,
                                   GAsyncResult        *result,
                                   GError             **error)
{
  GPtrArray *entries;

  g_return_val_if_fail (CURATOR_IS_FOLDER_INDEX (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  entries = g_task_propagate_pointer (G_TASK (result), error);
  if (entries == NULL)
    return FALSE;

  g_clear_pointer (&self->entries, g_ptr_array_unref);
  self->entries = entries;
  self->n_threads_used = ((BuildData *) g_task_get_task_data (G_TASK (result)))->n_threads_used;

  return TRUE;
}

guint
curator_folder_index_get_n_entries (CuratorFolderIndex *self)
{
  g_return_val_if_fail (CURATOR_IS_FOLDER_INDEX (self), 0);

  return self->entries->len;
}

const CuratorFolderIndexEntry *
curator_folder_index_get_entry (CuratorFolderIndex *self,
                                guint               index)
{
  g_return_val_if_fail (CURATOR_IS_FOLDER_INDEX (self), NULL);
  g_return_val_if_fail (index < self->entries->len, NULL);

  return g_ptr_array_index (self->entries, index);
}
