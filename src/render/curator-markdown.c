/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-markdown"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <cmark-gfm-core-extensions.h>

#include "curator-markdown-private.h"
#include "curator-shortcode.h"

/* Markdown to HTML as Hugo 0.111 publishes it with its default settings:
 * goldmark 1.5.4 with the table, strikethrough, linkify, task list,
 * definition list, footnote and typographer extensions, automatic
 * heading ids ("github" style) and {#id .class} after a heading.
 *
 * cmark-gfm parses (CommonMark with GitHub's tables, strikethrough,
 * autolinks, task lists and footnotes, plus curator-deflist.c) and the
 * HTML is written here the way goldmark writes it, so that it compares
 * with what Hugo makes of the same body (tests/render/). On top of Hugo:
 * GitHub's alerts (> [!NOTE]) become callouts, as the Hugo docs site's
 * render hook shows them, and shortcodes become chips (see
 * curator-shortcode.c), since their templates are the site's own.
 *
 * Raw HTML is written as is, or, when the site does not allow it
 * (markup.goldmark.renderer.unsafe off), as goldmark replaces it. */

/* Shortcodes stand in the Markdown as a placeholder of private-use
 * characters, which Markdown takes for word characters, as Hugo's own
 * placeholders are: U+E000, the number in U+E010..U+E01F, U+E001.
 *
 * So do quotes written as entities (&quot; &#39; ...): goldmark leaves
 * them out of its typographer and Hugo writes them as they are in an
 * image's alt text, where cmark-gfm would give a quote like any other.
 * And a U+E000 already in the text gets a placeholder, for itself; so
 * does a BOM (U+FEFF), which cmark-gfm leaves out on the first line it
 * reads, where a run may start with one that is text in the body. */
#define DL_START "<dl>\n"
#define DL_END "</dl>\n"

#define PLACEHOLDER_START "\xee\x80\x80"
#define PLACEHOLDER_END "\xee\x80\x81"
#define PLACEHOLDER_DIGIT_LEAD "\xee\x80"
#define PLACEHOLDER_DIGIT_BASE 0x90

typedef struct
{
  /* A shortcode (its index in shortcodes), or -1. */
  int         shortcode;
  /* What it was in the chunk's text, and what it means in text. */
  gsize       offset;
  gsize       length;
  const char *character;
} Placeholder;

/* Where a placeholder goes decides what it becomes. */
typedef enum
{
  CONTEXT_TEXT,       /* HTML text: a chip, or the character */
  CONTEXT_CODE,       /* in code: a chip, or the text as written */
  CONTEXT_HTML,       /* raw HTML: a chip (the shortcode's text in a tag), or as written */
  CONTEXT_URL,        /* unescaped: the shortcode's text, or the character */
  CONTEXT_ATTRIBUTE,  /* an attribute value: as in a URL, escaped */
  CONTEXT_ALT,        /* unescaped, as written (Hugo's alt text) */
} Context;

typedef struct
{
  GString                   *html;
  gboolean                   raw_html;
  guint                      n_raw_html;
  GArray                    *headings;

  /* The chunk as written, and as parsed (placeholders in). */
  const char                *text;
  GArray                    *shortcodes;
  GArray                    *placeholders;
  const char                *source;
  gsize                      source_length;
  GArray                    *line_starts;

  const CuratorDeflistTypes *deflist;
  cmark_syntax_extension    *tasklist;

  /* The block whose inlines are being written: its inline source (see
   * curator-typographer.c), how far into it the writing is, and the
   * quotes it has left open. */
  cmark_node                *leaf;
  GString                   *flat;
  gsize                      flat_at;
  CuratorTypographerState    quotes;
  int                        in_autolink;

  /* The alert being written: its first paragraph, and the marker's
   * line, which is not shown. */
  cmark_node                *alert_paragraph;

  /* Footnotes: the definitions' ids by cmark-gfm's numbers, and where
   * their references are; the definition being written, if any (its
   * HTML is apart, the body's HTML is kept here meanwhile). */
  GArray                    *footnote_ids;
  GArray                    *references;
  GPtrArray                 *footnotes;
  CuratorFootnote           *footnote;
  GString                   *body_html;
  CuratorTypographerState    body_quotes;
} Renderer;

/* Preparing the text --------------------------------------------------- */

static void
append_placeholder (GString    *source,
                    GArray     *placeholders,
                    int         shortcode,
                    gsize       offset,
                    gsize       length,
                    const char *character)
{
  Placeholder placeholder = { shortcode, offset, length, character };
  char digits[16];

  g_string_append (source, PLACEHOLDER_START);
  g_snprintf (digits, sizeof digits, "%x", placeholders->len);
  for (const char *d = digits; *d != '\0'; d++)
    {
      int value = g_ascii_xdigit_value (*d);

      g_string_append (source, PLACEHOLDER_DIGIT_LEAD);
      g_string_append_c (source, (char)(PLACEHOLDER_DIGIT_BASE + value));
    }
  g_string_append (source, PLACEHOLDER_END);
  g_array_append_val (placeholders, placeholder);
}

/* The quote an entity at @text stands for, and the entity's length. */
static const char *
read_quote_entity (const char *text,
                   gsize       available,
                   gsize      *length)
{
  static const struct { const char *entity; const char *character; } named[] = {
    { "&quot;", "\"" }, { "&QUOT;", "\"" }, { "&apos;", "'" },
  };
  gsize at = 2;
  guint64 value = 0;
  gboolean hex;

  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    if (available >= strlen (named[i].entity) && memcmp (text, named[i].entity, strlen (named[i].entity)) == 0)
      {
        *length = strlen (named[i].entity);
        return named[i].character;
      }

  if (available < 4 || text[1] != '#')
    return NULL;
  hex = text[2] == 'x' || text[2] == 'X';
  if (hex)
    at++;
  while (at < available && at < 12 && (hex ? g_ascii_isxdigit (text[at]) : g_ascii_isdigit (text[at])))
    value = value * (hex ? 16 : 10) + (guint64)g_ascii_xdigit_value (text[at++]);
  if (at == (hex ? 3u : 2u) || at >= available || text[at] != ';' || (value != '"' && value != '\''))
    return NULL;
  *length = at + 1;
  return value == '"' ? "\"" : "'";
}

/* @text, at @offset in the chunk, with placeholders for quote entities,
 * U+E000 and U+FEFF. */
static void
append_text (GString    *source,
             GArray     *placeholders,
             const char *chunk,
             gsize       offset,
             gsize       length)
{
  const char *text = chunk + offset;
  const char *end = text + length;
  const char *run = text;

  for (const char *at = text; at < end; at++)
    {
      const char *character = NULL;
      gsize entity_length = 0;

      if (*at == '&')
        character = read_quote_entity (at, end - at, &entity_length);
      else if ((guchar)*at == 0xee && end - at >= 3 && memcmp (at, PLACEHOLDER_START, 3) == 0)
        {
          character = PLACEHOLDER_START;
          entity_length = 3;
        }
      else if ((guchar)*at == 0xef && end - at >= 3 && memcmp (at, UTF8_BOM, 3) == 0)
        {
          character = UTF8_BOM;
          entity_length = 3;
        }
      if (character == NULL)
        continue;

      g_string_append_len (source, run, at - run);
      append_placeholder (source, placeholders, -1, at - chunk, entity_length, character);
      at += entity_length - 1;
      run = at + 1;
    }
  g_string_append_len (source, run, end - run);
}

static char *
prepare_source (const char *text,
                gsize       length,
                GArray     *shortcodes,
                GArray     *placeholders,
                gsize      *source_length)
{
  GString *source = g_string_sized_new (length + 64);
  gsize at = 0;

  for (guint i = 0; i < shortcodes->len; i++)
    {
      const CuratorShortcode *shortcode = &g_array_index (shortcodes, CuratorShortcode, i);

      append_text (source, placeholders, text, at, shortcode->offset - at);
      if (shortcode->kind == CURATOR_SHORTCODE_COMMENT)
        {
          /* Hugo shows a commented-out shortcode, {{</ * x * />}}
           * without the spaces, as {{< x >}}. */
          g_string_append (source, shortcode->markup ? "{{%" : "{{<");
          append_text (source, placeholders, text, shortcode->args_offset, shortcode->args_length);
          g_string_append (source, shortcode->markup ? "%}}" : ">}}");
        }
      else
        append_placeholder (source, placeholders, i, shortcode->offset, shortcode->length, NULL);
      at = shortcode->offset + shortcode->length;
    }
  append_text (source, placeholders, text, at, length - at);

  *source_length = source->len;
  return g_string_free (source, FALSE);
}

/* If @text starts with a placeholder, its index, and its length in
 * @length; else -1. */
static int
read_placeholder (const char *text,
                  gsize       available,
                  gsize      *length)
{
  gsize start_length = strlen (PLACEHOLDER_START);
  gsize at = start_length;
  int index = 0;

  if (available < start_length || memcmp (text, PLACEHOLDER_START, start_length) != 0)
    return -1;

  while (at + 3 <= available && memcmp (text + at, PLACEHOLDER_DIGIT_LEAD, 2) == 0 &&
         (guchar)text[at + 2] >= PLACEHOLDER_DIGIT_BASE && (guchar)text[at + 2] < PLACEHOLDER_DIGIT_BASE + 16)
    {
      index = index * 16 + ((guchar)text[at + 2] - PLACEHOLDER_DIGIT_BASE);
      at += 3;
    }
  if (at == start_length || at + 3 > available || memcmp (text + at, PLACEHOLDER_END, 3) != 0)
    return -1;

  *length = at + 3;
  return index;
}

/* Shortcodes ------------------------------------------------------------ */

static const Placeholder *
get_placeholder (Renderer *self,
                 int       index)
{
  if (index < 0 || (guint)index >= self->placeholders->len)
    return NULL;
  return &g_array_index (self->placeholders, Placeholder, index);
}

static const CuratorShortcode *
get_shortcode (Renderer *self,
               int       index)
{
  const Placeholder *placeholder = get_placeholder (self, index);

  if (placeholder == NULL || placeholder->shortcode < 0)
    return NULL;
  return &g_array_index (self->shortcodes, CuratorShortcode, placeholder->shortcode);
}

/* The arguments as one line. */
static char *
dup_arguments (Renderer               *self,
               const CuratorShortcode *shortcode)
{
  g_autofree char *args = g_strndup (self->text + shortcode->args_offset, shortcode->args_length);
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) line = g_string_new (NULL);

  g_strdelimit (args, "\t\r\n", ' ');
  words = g_strsplit (g_strstrip (args), " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0')
        continue;
      if (line->len > 0)
        g_string_append_c (line, ' ');
      g_string_append (line, words[i]);
    }

  return g_string_free (g_steal_pointer (&line), FALSE);
}

/* A shortcode as a chip: read-only, with its name and arguments. */
static void
append_chip (Renderer               *self,
             GString                *html,
             const CuratorShortcode *shortcode,
             const char             *element)
{
  static const char * const kinds[] = {
    [CURATOR_SHORTCODE_OPEN] = "open",
    [CURATOR_SHORTCODE_CLOSE] = "close",
    [CURATOR_SHORTCODE_SELF] = "self",
    [CURATOR_SHORTCODE_COMMENT] = "comment",
  };
  g_autofree char *args = dup_arguments (self, shortcode);
  const char *name = self->text + shortcode->name_offset;

  g_string_append_printf (html, "<%s class=\"shortcode\" data-name=\"", element);
  curator_markdown_append_escaped (html, name, shortcode->name_length);
  g_string_append_printf (html, "\" data-kind=\"%s\"><span class=\"shortcode-name\">%s",
                          kinds[shortcode->kind],
                          shortcode->kind == CURATOR_SHORTCODE_CLOSE ? "/" : "");
  curator_markdown_append_escaped (html, name, shortcode->name_length);
  g_string_append (html, "</span>");
  if (args[0] != '\0')
    {
      g_string_append (html, " <span class=\"shortcode-args\">");
      curator_markdown_append_escaped (html, args, strlen (args));
      g_string_append (html, "</span>");
    }
  g_string_append_printf (html, "</%s>", element);
}

/* Whether @at, in the raw HTML from @html, is inside a tag. */
static gboolean
is_in_tag (const char *html,
           const char *at)
{
  for (const char *back = at; back > html; back--)
    if (back[-1] == '<' || back[-1] == '>')
      return back[-1] == '<';
  return FALSE;
}

static void
append_placeholder_in (Renderer          *self,
                       GString           *out,
                       const Placeholder *placeholder,
                       Context            context,
                       gboolean           in_tag)
{
  const char *written = self->text + placeholder->offset;
  const CuratorShortcode *shortcode = placeholder->shortcode >= 0
    ? &g_array_index (self->shortcodes, CuratorShortcode, placeholder->shortcode) : NULL;

  switch (context)
    {
    case CONTEXT_TEXT:
    case CONTEXT_CODE:
      if (shortcode != NULL)
        append_chip (self, out, shortcode, "span");
      else if (context == CONTEXT_TEXT)
        curator_markdown_append_escaped (out, placeholder->character, strlen (placeholder->character));
      else
        curator_markdown_append_escaped (out, written, placeholder->length);
      break;

    case CONTEXT_HTML:
      if (shortcode == NULL)
        g_string_append_len (out, written, placeholder->length);
      else if (in_tag)
        curator_markdown_append_escaped (out, written, placeholder->length);
      else
        append_chip (self, out, shortcode, "span");
      break;

    case CONTEXT_URL:
    case CONTEXT_ALT:
      if (shortcode != NULL || context == CONTEXT_ALT)
        g_string_append_len (out, written, placeholder->length);
      else
        g_string_append (out, placeholder->character);
      break;

    case CONTEXT_ATTRIBUTE:
      if (shortcode != NULL)
        curator_markdown_append_escaped (out, written, placeholder->length);
      else
        curator_markdown_append_escaped (out, placeholder->character, strlen (placeholder->character));
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Writes @text to @out as @context wants it: placeholders replaced, the
 * rest escaped unless the context is unescaped (a URL, alt text before
 * its escaping) or raw HTML. */
static void
write_in (Renderer   *self,
          GString    *out,
          const char *text,
          gsize       length,
          Context     context)
{
  const char *end = text + length;
  const char *run = text;
  const char *at = text;
  gboolean verbatim = context == CONTEXT_HTML || context == CONTEXT_URL || context == CONTEXT_ALT;

  while (at < end)
    {
      const char *start = curator_markdown_find (at, end - at, PLACEHOLDER_START);
      gsize placeholder_length;
      int index;

      if (start == NULL)
        break;
      index = read_placeholder (start, end - start, &placeholder_length);
      if (index < 0 || get_placeholder (self, index) == NULL)
        {
          at = start + 1;
          continue;
        }

      if (verbatim)
        g_string_append_len (out, run, start - run);
      else
        curator_markdown_append_escaped (out, run, start - run);
      append_placeholder_in (self, out, get_placeholder (self, index), context,
                             context == CONTEXT_HTML && is_in_tag (text, start));
      at = run = start + placeholder_length;
    }

  if (verbatim)
    g_string_append_len (out, run, end - run);
  else
    curator_markdown_append_escaped (out, run, end - run);
}

/* goldmark's util.URLEscape: percent-encodes what may not stand in a URL
 * (but keeps %XX), then the HTML escaping. */
static void
write_url (Renderer   *self,
           const char *url)
{
  static const char safe[] = "!#$&'()*+,-./:;=?@_~";
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) escaped = g_string_new (NULL);

  write_in (self, text, url, strlen (url), CONTEXT_URL);
  for (gsize i = 0; i < text->len; i++)
    {
      guchar c = text->str[i];

      if (g_ascii_isalnum (c) || (c != '\0' && strchr (safe, c) != NULL))
        g_string_append_c (escaped, c);
      else if (c == '%' && i + 2 < text->len && g_ascii_isxdigit (text->str[i + 1]))
        g_string_append_c (escaped, c);
      else if (c == ' ')
        g_string_append (escaped, "%20");
      else
        g_string_append_printf (escaped, "%%%02X", c);
    }
  curator_markdown_append_escaped (self->html, escaped->str, escaped->len);
}

/* goldmark's html.IsDangerousURL. */
static gboolean
is_dangerous_url (const char *url)
{
  if (g_str_has_prefix (url, "data:image/"))
    {
      const char *type = url + strlen ("data:image/");

      return !(g_str_has_prefix (type, "png;") || g_str_has_prefix (type, "gif;") ||
               g_str_has_prefix (type, "jpeg;") || g_str_has_prefix (type, "webp;") ||
               g_str_has_prefix (type, "svg+xml;"));
    }
  return g_str_has_prefix (url, "javascript:") || g_str_has_prefix (url, "vbscript:") ||
         g_str_has_prefix (url, "file:") || g_str_has_prefix (url, "data:");
}

/* Source lines ------------------------------------------------------------ */

/* Line @number (from 1) of the parsed text, without its end. */
static const char *
get_line (Renderer *self,
          int       number,
          gsize    *length)
{
  gsize start, end;

  if (self->line_starts == NULL)
    {
      self->line_starts = g_array_new (FALSE, FALSE, sizeof (gsize));
      start = 0;
      g_array_append_val (self->line_starts, start);
      for (gsize i = 0; i < self->source_length; i++)
        {
          if (self->source[i] == '\r' && i + 1 < self->source_length && self->source[i + 1] == '\n')
            i++;
          if (self->source[i] == '\n' || self->source[i] == '\r')
            {
              start = i + 1;
              g_array_append_val (self->line_starts, start);
            }
        }
    }

  if (number < 1 || (guint)number > self->line_starts->len)
    {
      *length = 0;
      return "";
    }
  start = g_array_index (self->line_starts, gsize, number - 1);
  end = start;
  while (end < self->source_length && self->source[end] != '\n' && self->source[end] != '\r')
    end++;
  *length = end - start;
  return self->source + start;
}

/* Headings ---------------------------------------------------------------- */

typedef struct
{
  char *name;
  char *value;
} Attribute;

static void
attribute_clear (Attribute *attribute)
{
  g_free (attribute->name);
  g_free (attribute->value);
}

static gboolean
is_id_char (char c)
{
  /* goldmark: no space, and no punctuation but _ - : . */
  return c != '\0' && !g_ascii_isspace (c) &&
         (g_ascii_isalnum (c) || (guchar)c >= 0x80 || strchr ("_-:.", c) != NULL);
}

/* goldmark's parser.ParseAttributes at text[*at] == '{', for a heading. */
static gboolean
parse_attributes (const char *text,
                  gsize       length,
                  gsize      *at,
                  GArray     *attributes)
{
  gsize i = *at + 1;

  while (TRUE)
    {
      Attribute attribute = { NULL, NULL };

      while (i < length && (text[i] == ' ' || text[i] == '\t'))
        i++;
      if (i >= length)
        return FALSE;
      if (text[i] == '}')
        {
          *at = i + 1;
          return TRUE;
        }

      if (text[i] == '#' || text[i] == '.')
        {
          gsize start = ++i;

          while (i < length && is_id_char (text[i]))
            i++;
          attribute.name = g_strdup (text[start - 1] == '#' ? "id" : "class");
          attribute.value = g_strndup (text + start, i - start);
        }
      else if (g_ascii_isalpha (text[i]) || text[i] == '_' || text[i] == ':')
        {
          gsize start = i;

          while (i < length && (g_ascii_isalnum (text[i]) || strchr ("_:.-", text[i]) != NULL))
            i++;
          attribute.name = g_strndup (text + start, i - start);
          while (i < length && text[i] == ' ')
            i++;
          if (i >= length || text[i] != '=')
            {
              attribute_clear (&attribute);
              return FALSE;
            }
          for (i++; i < length && text[i] == ' '; i++)
            ;
          if (i < length && text[i] == '"')
            {
              g_autoptr(GString) value = g_string_new (NULL);

              for (i++; i < length && text[i] != '"'; i++)
                {
                  if (text[i] == '\\' && i + 1 < length)
                    i++;
                  g_string_append_c (value, text[i]);
                }
              if (i >= length)
                {
                  attribute_clear (&attribute);
                  return FALSE;
                }
              i++;
              attribute.value = g_string_free (g_steal_pointer (&value), FALSE);
            }
          else
            {
              gsize value_start = i;

              while (i < length && text[i] != ' ' && text[i] != '}' && text[i] != ',')
                i++;
              if (i == value_start)
                {
                  attribute_clear (&attribute);
                  return FALSE;
                }
              attribute.value = g_strndup (text + value_start, i - value_start);
            }
        }
      else
        return FALSE;

      /* Classes add up into one attribute. */
      if (g_str_equal (attribute.name, "class"))
        {
          guint j;

          for (j = 0; j < attributes->len; j++)
            {
              Attribute *class = &g_array_index (attributes, Attribute, j);

              if (g_str_equal (class->name, "class"))
                {
                  char *joined = g_strconcat (class->value, " ", attribute.value, NULL);

                  g_free (class->value);
                  class->value = joined;
                  attribute_clear (&attribute);
                  break;
                }
            }
          if (j == attributes->len)
            g_array_append_val (attributes, attribute);
        }
      else
        g_array_append_val (attributes, attribute);

      while (i < length && (text[i] == ' ' || text[i] == '\t'))
        i++;
      if (i < length && text[i] == ',')
        i++;
    }
}

/* The attributes at the end of @line (goldmark's parseLastLineAttributes):
 * the last "{...}" that parses, with only white space after it. Returns
 * where it starts, or -1. */
static gssize
find_attributes (const char *line,
                 gsize       length,
                 GArray     *attributes)
{
  gssize found = -1;

  for (gsize i = 0; i < length; i++)
    {
      g_autoptr(GArray) parsed = NULL;
      gsize end = i;

      if (line[i] == '\\')
        {
          i++;
          continue;
        }
      if (line[i] != '{')
        continue;

      parsed = g_array_new (FALSE, FALSE, sizeof (Attribute));
      g_array_set_clear_func (parsed, (GDestroyNotify)attribute_clear);
      if (!parse_attributes (line, length, &end, parsed))
        {
          /* goldmark keeps the last attempt's outcome. */
          found = -1;
          continue;
        }
      while (end < length && g_ascii_isspace (line[end]))
        end++;
      found = end == length ? (gssize)i : -1;
      if (found >= 0)
        {
          g_array_set_size (attributes, 0);
          for (guint j = 0; j < parsed->len; j++)
            {
              Attribute *attribute = &g_array_index (parsed, Attribute, j);
              Attribute copy = { g_strdup (attribute->name), g_strdup (attribute->value) };

              g_array_append_val (attributes, copy);
            }
        }
    }

  if (found < 0)
    g_array_set_size (attributes, 0);
  return found;
}

/* The heading's text as written (goldmark takes its id from it), without
 * the marks around it and with its attributes in @attributes. */
static char *
dup_heading_source (Renderer   *self,
                    cmark_node *heading,
                    GArray     *attributes)
{
  int line_number = cmark_node_get_start_line (heading);
  int column = cmark_node_get_start_column (heading);
  gsize length, start, end;
  const char *line = get_line (self, line_number, &length);
  gboolean atx;
  gssize braces;

  start = column > 0 ? MIN ((gsize)column - 1, length) : 0;
  while (start < length && (line[start] == ' ' || line[start] == '\t'))
    start++;
  atx = start < length && line[start] == '#';
  if (atx)
    {
      while (start < length && line[start] == '#')
        start++;
    }
  else
    {
      /* A setext heading: its last line, the one before the underline,
       * taken from the column of its containers. The heading's first
       * line may be indented up to three spaces inside them, its other
       * lines and its underline by other amounts: back up over that
       * indentation rather than start every line at the text's column. */
      int last = line_number;
      gsize base = column > 0 ? MIN ((gsize)column - 1, length) : 0;

      for (guint indent = 0; base > 0 && line[base - 1] == ' ' && indent < 3; indent++)
        base--;
      for (int number = line_number + 1; number <= cmark_node_get_end_line (heading) + 1; number++)
        {
          gsize underline_length;
          const char *underline = get_line (self, number, &underline_length);
          gsize at = MIN (base, underline_length);
          char mark;

          while (at < underline_length && underline[at] == ' ')
            at++;
          mark = at < underline_length ? underline[at] : '\0';
          while (at < underline_length && underline[at] == mark)
            at++;
          while (at < underline_length && (underline[at] == ' ' || underline[at] == '\t'))
            at++;
          if ((mark == '=' || mark == '-') && at == underline_length)
            break;
          last = number;
        }
      line = get_line (self, last, &length);
      start = MIN (base, length);
    }
  while (start < length && (line[start] == ' ' || line[start] == '\t'))
    start++;
  end = length;
  while (end > start && (line[end - 1] == ' ' || line[end - 1] == '\t'))
    end--;

  if (atx)
    {
      /* The closing sequence: #s after a space, or nothing but #s. */
      gsize hashes = end;

      while (hashes > start && line[hashes - 1] == '#')
        hashes--;
      if (hashes < end && (hashes == start || line[hashes - 1] == ' ' || line[hashes - 1] == '\t'))
        {
          end = hashes;
          while (end > start && (line[end - 1] == ' ' || line[end - 1] == '\t'))
            end--;
        }
    }

  braces = find_attributes (line + start, end - start, attributes);
  if (braces >= 0)
    end = start + braces;

  return g_strndup (line + start, end - start);
}

/* Hugo's github-style anchor (markup/goldmark/autoid.go). */
static char *
make_anchor (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  GString *anchor = g_string_new (NULL);

  g_strstrip (valid);
  for (const char *at = valid; *at != '\0'; at = g_utf8_next_char (at))
    {
      gunichar c = g_utf8_get_char (at);

      if (c == '-' || c == ' ')
        g_string_append_c (anchor, '-');
      else if (c == '_' || g_unichar_isalpha (c) || g_unichar_isdigit (c))
        g_string_append_unichar (anchor, g_unichar_tolower (c));
    }

  return g_string_free (anchor, FALSE);
}

/* Takes the attributes text off the end of the heading's last text. */
static gboolean
strip_attributes_text (cmark_node *heading)
{
  cmark_node *last = cmark_node_last_child (heading);
  const char *literal;
  const char *brace;
  g_autofree char *kept = NULL;

  if (last == NULL || cmark_node_get_type (last) != CMARK_NODE_TEXT)
    return FALSE;
  literal = cmark_node_get_literal (last);
  brace = strrchr (literal, '{');
  if (brace == NULL)
    return FALSE;

  kept = g_strndup (literal, brace - literal);
  g_strchomp (kept);
  if (kept[0] == '\0')
    cmark_node_free (last);
  else
    cmark_node_set_literal (last, kept);
  return TRUE;
}

static void
open_heading (Renderer   *self,
              cmark_node *heading)
{
  g_autoptr(GArray) attributes = g_array_new (FALSE, FALSE, sizeof (Attribute));
  g_autofree char *source = NULL;
  CuratorHeadingSlot slot = { G_MAXSIZE, NULL };
  int level = cmark_node_get_heading_level (heading);

  g_array_set_clear_func (attributes, (GDestroyNotify)attribute_clear);
  source = dup_heading_source (self, heading, attributes);
  if (attributes->len > 0 && !strip_attributes_text (heading))
    g_array_set_size (attributes, 0);

  g_string_append_printf (self->html, "<h%d", level);
  for (guint i = 0; i < attributes->len; i++)
    {
      Attribute *attribute = &g_array_index (attributes, Attribute, i);

      g_string_append_printf (self->html, " %s=\"", attribute->name);
      write_in (self, self->html, attribute->value, strlen (attribute->value), CONTEXT_ATTRIBUTE);
      g_string_append_c (self->html, '"');
      if (g_str_equal (attribute->name, "id") && slot.id == NULL)
        slot.id = g_strdup (attribute->value);
    }
  if (slot.id == NULL)
    {
      slot.offset = self->html->len;
      slot.id = make_anchor (source);
    }
  g_array_append_val (self->headings, slot);
  g_string_append_c (self->html, '>');
}

/* Linkify ------------------------------------------------------------------ */

/* goldmark's linkify (extension/linkify.go), which Hugo enables: bare
 * URLs, www. addresses (linked with https, Hugo's linkifyProtocol) and
 * e-mail addresses. Not cmark-gfm's autolink extension, whose rules
 * differ (which characters end a URL, where an address may start).
 * Links made here are marked, to be written as goldmark writes them. */

#define AUTOLINK_MARK GINT_TO_POINTER (1)

typedef struct
{
  GRegex *url;
  GRegex *www;
  GRegex *domain;
} LinkifyRegexes;

static gpointer
compile_linkify_regexes (gpointer data)
{
  LinkifyRegexes *regexes = g_new0 (LinkifyRegexes, 1);
  GRegexCompileFlags flags = G_REGEX_ANCHORED | G_REGEX_OPTIMIZE | G_REGEX_RAW;

  regexes->url = g_regex_new ("(?:http|https|ftp)://[-a-zA-Z0-9@:%._\\+~#=]{1,256}\\.[a-z]+(?::\\d+)?"
                              "(?:[/#?][-a-zA-Z0-9@:%_+.~#$!?&/=\\(\\);,'\">\\^{}\\[\\]`]*)?",
                              flags, 0, NULL);
  regexes->www = g_regex_new ("www\\.[-a-zA-Z0-9@:%._\\+~#=]{1,256}\\.[a-z]+"
                              "(?:[/#?][-a-zA-Z0-9@:%_\\+.~#!?&/=\\(\\);,'\">\\^{}\\[\\]`]*)?",
                              flags, 0, NULL);
  regexes->domain = g_regex_new ("[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
                                 "(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*",
                                 flags, 0, NULL);
  g_assert (regexes->url != NULL && regexes->www != NULL && regexes->domain != NULL);

  return regexes;
}

static gsize
match_at (GRegex     *regex,
          const char *text,
          gsize       length,
          gsize       at)
{
  g_autoptr(GMatchInfo) match = NULL;
  int start, end;

  if (!g_regex_match_full (regex, text, length, at, G_REGEX_MATCH_ANCHORED, &match, NULL) ||
      !g_match_info_fetch_pos (match, 0, &start, &end))
    return 0;
  return end - start;
}

typedef enum
{
  LINK_URL,
  LINK_WWW,
  LINK_EMAIL,
} LinkKind;

/* goldmark's linkifyParser.Parse on the line @text + @at (after the
 * character that started it): the length of the link there, or 0. */
static gsize
match_link (const char *text,
            gsize       length,
            gsize       at,
            LinkKind   *kind)
{
  static GOnce once = G_ONCE_INIT;
  static const char email_chars[] = "!#$%&'*+-./=?^_`{|}~";
  LinkifyRegexes *regexes = g_once (&once, compile_linkify_regexes, NULL);
  const char *line = text + at;
  gsize n = length - at;
  gsize end = 0;
  gsize i;

  if (g_str_has_prefix (line, "http:") || g_str_has_prefix (line, "https:") || g_str_has_prefix (line, "ftp:"))
    {
      end = match_at (regexes->url, text, length, at);
      *kind = LINK_URL;
    }
  if (end == 0 && n >= 4 && memcmp (line, "www.", 4) == 0)
    {
      end = match_at (regexes->www, text, length, at);
      *kind = LINK_WWW;
    }

  if (end > 0)
    {
      char last = line[end - 1];

      if (last == '.')
        end--;
      else if (last == ')')
        {
          int closing = 0;

          for (gssize j = end - 1; j >= 0; j--)
            closing += line[j] == ')' ? 1 : line[j] == '(' ? -1 : 0;
          if (closing > 0)
            end -= closing;
        }
      else if (last == ';')
        {
          gssize j = end - 2;

          while (j >= 0 && g_ascii_isalnum (line[j]))
            j--;
          if (j != (gssize)end - 2 && j >= 0 && line[j] == '&')
            end = j;
        }
    }
  else
    {
      gsize at_sign, stop;

      if (n == 0 || g_ascii_ispunct (line[0]))
        return 0;
      /* util.FindEmailIndex */
      for (at_sign = 0; at_sign < n && (g_ascii_isalnum (line[at_sign]) || strchr (email_chars, line[at_sign]) != NULL) &&
           line[at_sign] != '\0'; at_sign++)
        ;
      if (at_sign == 0 || at_sign + 1 >= n || line[at_sign] != '@')
        return 0;
      stop = match_at (regexes->domain, text, length, at + at_sign + 1);
      if (stop == 0)
        return 0;
      stop += at_sign + 1;
      if (memchr (line + at_sign, '.', stop - 1 - at_sign) == NULL)
        return 0;
      end = stop;
      if (line[end - 1] == '.')
        end--;
      if (end < n && (line[end] == '-' || line[end] == '_'))
        return 0;
      *kind = LINK_EMAIL;
    }

  /* Trailing punctuation is not part of the link. */
  for (i = end - 1; i > 0 && strchr ("?!.,:*_~", line[i]) != NULL; i--)
    ;
  return end > 0 ? i + 1 : 0;
}

/* Whether goldmark would look for a link at the start of @text: at the
 * start of a line, or right after another inline (goldmark goes on from
 * there as from a line's start). */
static gboolean
linkify_starts_at_node (cmark_node *text)
{
  cmark_node *previous = cmark_node_previous (text);

  if (previous == NULL)
    return TRUE;
  return cmark_node_get_type (previous) != CMARK_NODE_TEXT;
}

/* Links what goldmark would in @node: the first link only; returns the
 * text after it (to be looked at in turn), or NULL. */
static cmark_node *
linkify_text (cmark_node *node)
{
  const char *literal = cmark_node_get_literal (node);
  gsize length = strlen (literal);

  for (gsize at = 0; at < length; at++)
    {
      cmark_node *link, *label, *rest = NULL;
      g_autofree char *text = NULL;
      g_autofree char *url = NULL;
      LinkKind kind;
      gsize start = at, link_length;

      /* After a space, (, *, _, ~ (the characters that start goldmark's
       * parser, taken as part of the text) or a quote it replaced. */
      if (at == 0 ? !linkify_starts_at_node (node)
                  : strchr (" (*_~\"'", literal[at - 1]) == NULL)
        continue;

      link_length = match_link (literal, length, start, &kind);
      if (link_length == 0)
        continue;

      text = g_strndup (literal + start, link_length);
      url = kind == LINK_WWW ? g_strconcat ("https://", text, NULL)
          : kind == LINK_EMAIL ? g_strconcat ("mailto:", text, NULL)
          : g_strdup (text);

      link = cmark_node_new (CMARK_NODE_LINK);
      cmark_node_set_url (link, url);
      cmark_node_set_title (link, "");
      cmark_node_set_user_data (link, AUTOLINK_MARK);
      label = cmark_node_new (CMARK_NODE_TEXT);
      cmark_node_set_literal (label, text);
      cmark_node_append_child (link, label);
      cmark_node_insert_after (node, link);
      if (start + link_length < length)
        {
          rest = cmark_node_new (CMARK_NODE_TEXT);
          cmark_node_set_literal (rest, literal + start + link_length);
          cmark_node_insert_after (link, rest);
        }

      if (start == 0)
        cmark_node_free (node);
      else
        {
          g_autofree char *before = g_strndup (literal, start);

          cmark_node_set_literal (node, before);
        }
      return rest;
    }

  return NULL;
}

/* A link goldmark writes as an AutoLink (its text as it is, no title):
 * one made by linkify, or a CommonMark autolink (<http://...>). */
static gboolean
is_autolink (cmark_node *link)
{
  cmark_node *child = cmark_node_first_child (link);
  const char *url = cmark_node_get_url (link);

  if (cmark_node_get_type (link) != CMARK_NODE_LINK)
    return FALSE;
  if (cmark_node_get_user_data (link) == AUTOLINK_MARK)
    return TRUE;
  if (child == NULL || cmark_node_next (child) != NULL || cmark_node_get_type (child) != CMARK_NODE_TEXT ||
      url == NULL)
    return FALSE;

  if (g_str_has_prefix (url, "mailto:"))
    url += strlen ("mailto:");
  return g_str_equal (url, cmark_node_get_literal (child));
}

/* What stands for @node in the block's inline source at @event: up to
 * three strings, to append in order. */
static void
get_flat_pieces (cmark_node       *node,
                 cmark_event_type  event,
                 const char       *pieces[3])
{
  cmark_node_type type = cmark_node_get_type (node);
  gboolean enter = event == CMARK_EVENT_ENTER;

  pieces[0] = pieces[1] = pieces[2] = NULL;
  switch (type)
    {
    case CMARK_NODE_TEXT:
    case CMARK_NODE_HTML_INLINE:
      pieces[0] = cmark_node_get_literal (node);
      break;

    case CMARK_NODE_CODE:
      pieces[0] = "`";
      pieces[1] = cmark_node_get_literal (node);
      pieces[2] = "`";
      break;

    case CMARK_NODE_SOFTBREAK:
    case CMARK_NODE_LINEBREAK:
      pieces[0] = "\n";
      break;

    case CMARK_NODE_EMPH:
      pieces[0] = "*";
      break;

    case CMARK_NODE_STRONG:
      pieces[0] = "**";
      break;

    case CMARK_NODE_LINK:
    case CMARK_NODE_IMAGE:
      if (!is_autolink (node))
        pieces[0] = !enter ? "]" : type == CMARK_NODE_IMAGE ? "![" : "[";
      break;

    case CMARK_NODE_FOOTNOTE_REFERENCE:
      if (enter)
        {
          pieces[0] = "[^";
          pieces[1] = cmark_node_get_literal (node);
          pieces[2] = "]";
        }
      break;

    default:
      /* Strikethrough, the one inline extension. */
      if (!CURATOR_CMARK_IS_BLOCK (type))
        pieces[0] = "~~";
      break;
    }
}

static void
append_flat (GString          *flat,
             cmark_node       *node,
             cmark_event_type  event)
{
  const char *pieces[3];

  get_flat_pieces (node, event, pieces);
  for (guint i = 0; i < 3 && pieces[i] != NULL; i++)
    g_string_append (flat, pieces[i]);
}

static void
begin_leaf (Renderer   *self,
            cmark_node *leaf)
{
  cmark_iter *iter = cmark_iter_new (leaf);
  cmark_event_type event;

  self->leaf = leaf;
  g_string_truncate (self->flat, 0);
  self->flat_at = 0;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);

      if (node != leaf)
        append_flat (self->flat, node, event);
    }
  cmark_iter_free (iter);
}

/* Moves over @node in the inline source, as append_flat() wrote it. */
static gsize
advance_flat (Renderer         *self,
              cmark_node       *node,
              cmark_event_type  event)
{
  const char *pieces[3];
  gsize at = self->flat_at;

  if (self->leaf == NULL)
    return 0;
  get_flat_pieces (node, event, pieces);
  for (guint i = 0; i < 3 && pieces[i] != NULL; i++)
    self->flat_at += strlen (pieces[i]);
  return at;
}

typedef struct
{
  gsize    offset;
  gboolean typographer;
  /* The string to write to unescaped (alt text), or NULL: the HTML. */
  GString *raw;
} TextRun;

/* A run of a text node, which is in the block's inline source at
 * run->offset. */
static void
append_text_run (Renderer   *self,
                 const char *text,
                 gsize       length,
                 TextRun    *run)
{
  if (run->typographer && self->leaf != NULL && run->offset + length <= self->flat->len &&
      memcmp (self->flat->str + run->offset, text, length) == 0)
    curator_typographer_append (run->raw ? run->raw : self->html, self->flat->str, self->flat->len,
                                run->offset, length, run->raw == NULL, &self->quotes);
  else if (run->raw != NULL)
    g_string_append_len (run->raw, text, length);
  else
    curator_markdown_append_escaped (self->html, text, length);
}

/* A text node, to @out in @context (text or alt text): its runs between
 * placeholders go through the typographer (not in an autolink). */
static void
write_text (Renderer   *self,
            cmark_node *node,
            GString    *out,
            Context     context)
{
  const char *literal = cmark_node_get_literal (node);
  gsize length = strlen (literal);
  gsize offset = advance_flat (self, node, CMARK_EVENT_ENTER);
  const char *end = literal + length;
  const char *run = literal;
  const char *at = literal;
  TextRun text_run = { offset, self->in_autolink == 0, context == CONTEXT_ALT ? out : NULL };

  while (at < end)
    {
      const char *start = curator_markdown_find (at, end - at, PLACEHOLDER_START);
      gsize placeholder_length;
      int index;

      if (start == NULL)
        break;
      index = read_placeholder (start, end - start, &placeholder_length);
      if (index < 0 || get_placeholder (self, index) == NULL)
        {
          at = start + 1;
          continue;
        }

      text_run.offset = offset + (run - literal);
      append_text_run (self, run, start - run, &text_run);
      append_placeholder_in (self, out, get_placeholder (self, index), context, FALSE);
      at = run = start + placeholder_length;
    }
  text_run.offset = offset + (run - literal);
  append_text_run (self, run, end - run, &text_run);
}

/* An image's alt text, as Hugo's image renderer writes it: the text of
 * what is in it as written (the typographer's entities included, soft
 * line breaks left out), escaped once more. */
static void
write_alt (Renderer   *self,
           cmark_node *image)
{
  cmark_iter *iter = cmark_iter_new (image);
  g_autoptr(GString) text = g_string_new (NULL);
  cmark_event_type event;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);
      const char *literal;

      if (node == image)
        continue;
      switch (cmark_node_get_type (node))
        {
        case CMARK_NODE_TEXT:
          write_text (self, node, text, CONTEXT_ALT);
          break;

        case CMARK_NODE_CODE:
        case CMARK_NODE_HTML_INLINE:
          advance_flat (self, node, event);
          literal = cmark_node_get_literal (node);
          write_in (self, text, literal, strlen (literal), CONTEXT_ALT);
          break;

        default:
          advance_flat (self, node, event);
          break;
        }
    }
  cmark_iter_free (iter);

  curator_markdown_append_escaped (self->html, text->str, text->len);
}

/* Blocks ------------------------------------------------------------------- */

/* A paragraph goldmark writes without <p> (a TextBlock): in a tight list
 * item, and the first paragraph of a tight definition description (its
 * conversion loop stops after one). */
static gboolean
is_text_block (Renderer   *self,
               cmark_node *paragraph)
{
  cmark_node *parent = cmark_node_parent (paragraph);
  cmark_node_type type = parent ? cmark_node_get_type (parent) : CMARK_NODE_NONE;

  if (type == CMARK_NODE_ITEM)
    return cmark_node_get_list_tight (cmark_node_parent (parent));
  if (type == self->deflist->dd && curator_deflist_dd_is_tight (parent))
    {
      for (cmark_node *before = cmark_node_previous (paragraph); before != NULL; before = cmark_node_previous (before))
        if (cmark_node_get_type (before) == CMARK_NODE_PARAGRAPH)
          return FALSE;
      return TRUE;
    }
  return FALSE;
}

/* GitHub's alert types, and their titles. */
static const struct
{
  const char *marker;
  const char *title;
  const char *class;
} alerts[] = {
  { "[!NOTE]", N_("Note"), "note" },
  { "[!TIP]", N_("Tip"), "tip" },
  { "[!IMPORTANT]", N_("Important"), "important" },
  { "[!WARNING]", N_("Warning"), "warning" },
  { "[!CAUTION]", N_("Caution"), "caution" },
};

/* The alert a block quote is (its first line "[!NOTE]" and nothing
 * else), or -1. */
static int
get_alert (cmark_node *quote)
{
  cmark_node *paragraph = cmark_node_first_child (quote);
  cmark_node *text = paragraph ? cmark_node_first_child (paragraph) : NULL;
  cmark_node *next = text ? cmark_node_next (text) : NULL;
  g_autofree char *marker = NULL;

  if (text == NULL || cmark_node_get_type (paragraph) != CMARK_NODE_PARAGRAPH ||
      cmark_node_get_type (text) != CMARK_NODE_TEXT ||
      (next != NULL && cmark_node_get_type (next) != CMARK_NODE_SOFTBREAK &&
       cmark_node_get_type (next) != CMARK_NODE_LINEBREAK))
    return -1;

  marker = g_strstrip (g_strdup (cmark_node_get_literal (text)));
  for (guint i = 0; i < G_N_ELEMENTS (alerts); i++)
    if (g_ascii_strcasecmp (marker, alerts[i].marker) == 0)
      return i;
  return -1;
}

/* HTML block types 1 to 5 (CommonMark) end at a marker, not at a blank
 * line: the marker of @html's type, or NULL. */
static const char *
get_html_block_end (const char *html)
{
  static const char * const raw_text[] = { "script", "pre", "style", "textarea" };

  while (*html == ' ')
    html++;
  if (g_str_has_prefix (html, "<!--"))
    return "-->";
  if (g_str_has_prefix (html, "<?"))
    return "?>";
  if (g_str_has_prefix (html, "<![CDATA["))
    return "]]>";
  if (html[0] == '<' && html[1] == '!' && g_ascii_isalpha (html[2]))
    return ">";
  for (guint i = 0; i < G_N_ELEMENTS (raw_text); i++)
    {
      gsize length = strlen (raw_text[i]);
      char after;

      if (html[0] != '<' || g_ascii_strncasecmp (html + 1, raw_text[i], length) != 0)
        continue;
      after = html[1 + length];
      if (after == '\0' || after == '>' || g_ascii_isspace (after))
        return raw_text[i];
    }
  return NULL;
}

/* Whether @html (one HTML block) ends at its type's marker; @closure:
 * whether the marker is on a line after the first (goldmark writes that
 * line apart). */
static gboolean
html_block_is_closed (const char *html,
                      gboolean   *closure)
{
  const char *end = get_html_block_end (html);
  g_auto(GStrv) lines = NULL;
  guint n_lines;
  const char *last;

  *closure = FALSE;
  if (end == NULL)
    return TRUE;

  lines = g_strsplit_set (html, "\r\n", -1);
  n_lines = g_strv_length (lines);
  while (n_lines > 1 && lines[n_lines - 1][0] == '\0')
    n_lines--;
  last = lines[n_lines - 1];

  if (g_str_equal (end, "-->") || g_str_equal (end, "?>") || g_str_equal (end, "]]>") || g_str_equal (end, ">"))
    {
      if (strstr (last, end) == NULL)
        return FALSE;
    }
  else
    {
      g_autofree char *lower = g_ascii_strdown (last, -1);
      g_autofree char *tag = g_strdup_printf ("</%s>", end);

      if (strstr (lower, tag) == NULL)
        return FALSE;
    }

  *closure = n_lines > 1;
  return TRUE;
}

/* A fenced code block is closed when its last line is a closing fence. */
static gboolean
code_block_is_closed (Renderer   *self,
                      cmark_node *code)
{
  int fence_length, fence_offset;
  char fence_char;
  gsize length, at = 0, run = 0;
  const char *line;

  if (!cmark_node_get_fenced (code, &fence_length, &fence_offset, &fence_char))
    return TRUE;
  if (cmark_node_get_end_line (code) <= cmark_node_get_start_line (code))
    return FALSE;

  line = get_line (self, cmark_node_get_end_line (code), &length);
  while (at < length && line[at] == ' ')
    at++;
  while (at + run < length && line[at + run] == fence_char)
    run++;
  if (run < (gsize)fence_length)
    return FALSE;
  for (at += run; at < length; at++)
    if (line[at] != ' ' && line[at] != '\t')
      return FALSE;
  return TRUE;
}

/* Raw HTML the site could leave out, comments aside (they show nothing
 * either way). */
static void
count_raw_html (Renderer   *self,
                const char *html)
{
  while (*html == ' ')
    html++;
  if (!g_str_has_prefix (html, "<!--"))
    self->n_raw_html++;
}

static void
footnote_free (CuratorFootnote *footnote)
{
  g_array_unref (footnote->references);
  g_free (footnote->html);
  g_free (footnote);
}

/* cmark-gfm numbers footnotes by their first reference in the chunk
 * and puts their definitions last, in that order: the ids of those. */
static void
find_footnote_ids (Renderer   *self,
                   cmark_node *root)
{
  guint zero = 0;

  g_array_append_val (self->footnote_ids, zero);
  for (cmark_node *node = cmark_node_first_child (root); node != NULL; node = cmark_node_next (node))
    if (cmark_node_get_type (node) == CMARK_NODE_FOOTNOTE_DEFINITION)
      {
        guint id = cmark_node_get_start_line (node);

        g_array_append_val (self->footnote_ids, id);
      }
}

/* Text nodes to linkify: not in a link's text. */
static GPtrArray *
collect_texts (cmark_node *root)
{
  cmark_iter *iter = cmark_iter_new (root);
  GPtrArray *texts = g_ptr_array_new ();
  cmark_event_type event;
  int in_link = 0;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);
      cmark_node_type type = cmark_node_get_type (node);

      if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE)
        in_link += event == CMARK_EVENT_ENTER ? 1 : -1;
      else if (type == CMARK_NODE_TEXT && in_link == 0)
        g_ptr_array_add (texts, node);
    }
  cmark_iter_free (iter);

  return texts;
}

/* goldmark reads "<<" as an angle quote before it looks for a tag, so
 * "<<word>>" is «word» there, where cmark-gfm finds the tag <word>: such
 * a tag goes back to the text around it. */
static void
untag_angle_quote (cmark_node *tag)
{
  cmark_node *previous = cmark_node_previous (tag);
  cmark_node *next = cmark_node_next (tag);
  g_autoptr(GString) text = g_string_new (cmark_node_get_literal (previous));

  g_string_append (text, cmark_node_get_literal (tag));
  if (next != NULL && cmark_node_get_type (next) == CMARK_NODE_TEXT)
    {
      g_string_append (text, cmark_node_get_literal (next));
      cmark_node_free (next);
    }
  cmark_node_set_literal (previous, text->str);
  cmark_node_free (tag);
}

/* Before writing, one walk over the tree finds what to change as
 * goldmark would have it: angle quotes, definition lists to join, text
 * to linkify. */
static void
prepare_tree (Renderer   *self,
              cmark_node *root)
{
  cmark_iter *iter = cmark_iter_new (root);
  g_autoptr(GPtrArray) tags = g_ptr_array_new ();
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  cmark_event_type event;
  guint n_lists = 0;
  int in_link = 0;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);
      cmark_node_type type = cmark_node_get_type (node);
      cmark_node *previous;

      if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE)
        in_link += event == CMARK_EVENT_ENTER ? 1 : -1;
      else if (type == CMARK_NODE_TEXT && in_link == 0)
        g_ptr_array_add (texts, node);
      else if (type == CMARK_NODE_HTML_INLINE && (previous = cmark_node_previous (node)) != NULL &&
               cmark_node_get_type (previous) == CMARK_NODE_TEXT &&
               g_str_has_suffix (cmark_node_get_literal (previous), "<"))
        g_ptr_array_add (tags, node);
      else if (event == CMARK_EVENT_ENTER && type == self->deflist->dl)
        n_lists++;
    }
  cmark_iter_free (iter);

  if (n_lists > 1)
    curator_deflist_merge (root);

  /* Untagging frees text nodes: find the texts again then. */
  for (guint i = 0; i < tags->len; i++)
    untag_angle_quote (tags->pdata[i]);
  if (tags->len > 0)
    {
      g_ptr_array_unref (texts);
      texts = collect_texts (root);
    }

  for (guint i = 0; i < texts->len; i++)
    for (cmark_node *node = texts->pdata[i]; node != NULL;)
      node = linkify_text (node);
}

static void
write_table_node (Renderer         *self,
                  cmark_node       *node,
                  cmark_event_type  event,
                  const char       *name)
{
  gboolean enter = event == CMARK_EVENT_ENTER;
  GString *html = self->html;

  if (g_str_equal (name, "table"))
    g_string_append (html, enter ? "<table>\n" : "</table>\n");
  else if (g_str_equal (name, "table_header"))
    {
      if (enter)
        g_string_append (html, "<thead>\n<tr>\n");
      else
        {
          g_string_append (html, "</tr>\n</thead>\n");
          if (cmark_node_next (node) != NULL)
            g_string_append (html, "<tbody>\n");
        }
    }
  else if (g_str_equal (name, "table_row"))
    {
      if (enter)
        g_string_append (html, "<tr>\n");
      else
        {
          g_string_append (html, "</tr>\n");
          if (cmark_node_next (node) == NULL)
            g_string_append (html, "</tbody>\n");
        }
    }
  else if (g_str_equal (name, "table_cell"))
    {
      cmark_node *row = cmark_node_parent (node);
      const char *tag = cmark_gfm_extensions_get_table_row_is_header (row) ? "th" : "td";

      if (enter)
        {
          cmark_node *table = cmark_node_parent (row);
          guint8 *alignments = cmark_gfm_extensions_get_table_alignments (table);
          guint columns = cmark_gfm_extensions_get_table_columns (table);
          guint column = 0;

          for (cmark_node *cell = cmark_node_previous (node); cell != NULL; cell = cmark_node_previous (cell))
            column++;
          g_string_append_c (html, '<');
          g_string_append (html, tag);
          if (alignments != NULL && column < columns && alignments[column] != 0)
            g_string_append (html, alignments[column] == 'l' ? " style=\"text-align:left\"" :
                                   alignments[column] == 'r' ? " style=\"text-align:right\"" :
                                                               " style=\"text-align:center\"");
          g_string_append_c (html, '>');
        }
      else
        {
          g_string_append (html, "</");
          g_string_append (html, tag);
          g_string_append (html, ">\n");
        }
    }
}

static void
render_node (Renderer         *self,
             cmark_iter       *iter,
             cmark_node       *node,
             cmark_event_type  event)
{
  gboolean enter = event == CMARK_EVENT_ENTER;
  GString *html = self->html;
  cmark_node_type type = cmark_node_get_type (node);
  cmark_node *parent = cmark_node_parent (node);

  switch (type)
    {
    case CMARK_NODE_DOCUMENT:
      break;

    case CMARK_NODE_BLOCK_QUOTE:
      {
        int alert = get_alert (node);

        if (alert < 0)
          g_string_append (html, enter ? "<blockquote>\n" : "</blockquote>\n");
        else if (enter)
          {
            g_string_append_printf (html, "<div class=\"markdown-alert markdown-alert-%s\" role=\"note\">\n"
                                    "<p class=\"markdown-alert-title\">",
                                    alerts[alert].class);
            curator_markdown_append_escaped (html, _(alerts[alert].title), strlen (_(alerts[alert].title)));
            g_string_append (html, "</p>\n");
            self->alert_paragraph = cmark_node_first_child (node);
          }
        else
          g_string_append (html, "</div>\n");
      }
      break;

    case CMARK_NODE_LIST:
      {
        const char *tag = cmark_node_get_list_type (node) == CMARK_ORDERED_LIST ? "ol" : "ul";

        if (!enter)
          g_string_append_printf (html, "</%s>\n", tag);
        else if (g_str_equal (tag, "ol") && cmark_node_get_list_start (node) != 1)
          g_string_append_printf (html, "<ol start=\"%d\">\n", cmark_node_get_list_start (node));
        else
          g_string_append_printf (html, "<%s>\n", tag);
      }
      break;

    case CMARK_NODE_ITEM:
      if (enter)
        {
          cmark_node *first = cmark_node_first_child (node);

          g_string_append (html, "<li>");
          if (first != NULL && !(cmark_node_get_type (first) == CMARK_NODE_PARAGRAPH && is_text_block (self, first)))
            g_string_append_c (html, '\n');
          /* A task item without text has no paragraph for its box. */
          if (first == NULL && cmark_node_get_syntax_extension (node) == self->tasklist)
            g_string_append_printf (html, "<input %sdisabled=\"\" type=\"checkbox\"> ",
                                    cmark_gfm_extensions_get_tasklist_item_checked (node) ? "checked=\"\" " : "");
        }
      else
        g_string_append (html, "</li>\n");
      break;

    case CMARK_NODE_PARAGRAPH:
      {
        gboolean text_block = is_text_block (self, node);
        cmark_node *only = cmark_node_first_child (node);
        gsize placeholder_length;
        const char *literal;

        /* A shortcode alone in its paragraph is a block of its own. */
        if (enter && only != NULL && cmark_node_next (only) == NULL &&
            cmark_node_get_type (only) == CMARK_NODE_TEXT &&
            (literal = cmark_node_get_literal (only)) != NULL &&
            get_shortcode (self, read_placeholder (literal, strlen (literal), &placeholder_length)) != NULL &&
            placeholder_length == strlen (literal))
          {
            append_chip (self, html, get_shortcode (self, read_placeholder (literal, strlen (literal), &placeholder_length)), "div");
            g_string_append_c (html, '\n');
            cmark_iter_reset (iter, node, CMARK_EVENT_EXIT);
            break;
          }

        if (enter && node == self->alert_paragraph)
          {
            /* The marker line is the alert's title: skip it, and the
             * paragraph if nothing else is in it. */
            cmark_node *marker_break = cmark_node_next (cmark_node_first_child (node));

            if (marker_break == NULL || cmark_node_next (marker_break) == NULL)
              {
                cmark_iter_reset (iter, node, CMARK_EVENT_EXIT);
                self->alert_paragraph = NULL;
                break;
              }
            g_string_append (html, "<p>");
            begin_leaf (self, node);
            /* Past the marker and its line break in the inline source. */
            advance_flat (self, cmark_node_first_child (node), CMARK_EVENT_ENTER);
            advance_flat (self, marker_break, CMARK_EVENT_ENTER);
            cmark_iter_reset (iter, marker_break, CMARK_EVENT_ENTER);
            break;
          }

        if (enter)
          {
            if (!text_block)
              g_string_append (html, "<p>");
            begin_leaf (self, node);
            if (parent != NULL && cmark_node_first_child (parent) == node &&
                cmark_node_get_type (parent) == CMARK_NODE_ITEM &&
                cmark_node_get_syntax_extension (parent) == self->tasklist)
              g_string_append_printf (html, "<input %sdisabled=\"\" type=\"checkbox\"> ",
                                      cmark_gfm_extensions_get_tasklist_item_checked (parent) ? "checked=\"\" " : "");
          }
        else
          {
            if (node == self->alert_paragraph)
              {
                self->alert_paragraph = NULL;
                text_block = FALSE;
              }
            if (self->footnote != NULL && parent != NULL &&
                cmark_node_get_type (parent) == CMARK_NODE_FOOTNOTE_DEFINITION &&
                cmark_node_last_child (parent) == node)
              self->footnote->backlinks = html->len;
            if (!text_block)
              g_string_append (html, "</p>\n");
            else if (cmark_node_next (node) != NULL && cmark_node_first_child (node) != NULL)
              g_string_append_c (html, '\n');
            self->leaf = NULL;
          }
      }
      break;

    case CMARK_NODE_HEADING:
      if (enter)
        {
          open_heading (self, node);
          begin_leaf (self, node);
        }
      else
        {
          g_string_append_printf (html, "</h%d>\n", cmark_node_get_heading_level (node));
          self->leaf = NULL;
        }
      break;

    case CMARK_NODE_CODE_BLOCK:
      {
        const char *info = cmark_node_get_fence_info (node);
        gsize language = info ? strcspn (info, " ") : 0;

        g_string_append (html, "<pre><code");
        if (language > 0)
          {
            g_autofree char *name = g_strndup (info, language);

            g_string_append (html, " class=\"language-");
            write_in (self, html, name, strlen (name), CONTEXT_ATTRIBUTE);
            g_string_append_c (html, '"');
          }
        g_string_append_c (html, '>');
        write_in (self, html, cmark_node_get_literal (node), strlen (cmark_node_get_literal (node)), CONTEXT_CODE);
        g_string_append (html, "</code></pre>\n");
      }
      break;

    case CMARK_NODE_HTML_BLOCK:
      {
        const char *literal = cmark_node_get_literal (node);
        gboolean closure;

        count_raw_html (self, literal);
        if (self->raw_html)
          write_in (self, html, literal, strlen (literal), CONTEXT_HTML);
        else
          {
            html_block_is_closed (literal, &closure);
            g_string_append (html, "<!-- raw HTML omitted -->\n");
            if (closure)
              g_string_append (html, "<!-- raw HTML omitted -->\n");
          }
      }
      break;

    case CMARK_NODE_THEMATIC_BREAK:
      g_string_append (html, "<hr>\n");
      break;

    case CMARK_NODE_FOOTNOTE_DEFINITION:
      /* Written apart: the list is the page's (curator_markdown_assemble()).
       * Its text counts quotes of its own, from none. */
      if (enter)
        {
          self->footnote = g_new0 (CuratorFootnote, 1);
          self->footnote->id = cmark_node_get_start_line (node);
          self->footnote->references = g_array_new (FALSE, FALSE, sizeof (CuratorFootnoteSlot));
          self->body_html = self->html;
          self->html = g_string_new (NULL);
          self->body_quotes = self->quotes;
          self->quotes = (CuratorTypographerState) { 0 };
        }
      else
        {
          cmark_node *last = cmark_node_last_child (node);

          if (last == NULL || cmark_node_get_type (last) != CMARK_NODE_PARAGRAPH)
            self->footnote->backlinks = html->len;
          self->footnote->html = g_string_free (self->html, FALSE);
          g_ptr_array_add (self->footnotes, g_steal_pointer (&self->footnote));
          self->html = g_steal_pointer (&self->body_html);
          self->quotes = self->body_quotes;
        }
      break;

    case CMARK_NODE_TEXT:
      write_text (self, node, html, CONTEXT_TEXT);
      break;

    case CMARK_NODE_SOFTBREAK:
      advance_flat (self, node, event);
      g_string_append_c (html, '\n');
      break;

    case CMARK_NODE_LINEBREAK:
      advance_flat (self, node, event);
      g_string_append (html, "<br>\n");
      break;

    case CMARK_NODE_CODE:
      advance_flat (self, node, event);
      g_string_append (html, "<code>");
      write_in (self, html, cmark_node_get_literal (node), strlen (cmark_node_get_literal (node)), CONTEXT_CODE);
      g_string_append (html, "</code>");
      break;

    case CMARK_NODE_HTML_INLINE:
      advance_flat (self, node, event);
      count_raw_html (self, cmark_node_get_literal (node));
      if (self->raw_html)
        write_in (self, html, cmark_node_get_literal (node), strlen (cmark_node_get_literal (node)), CONTEXT_HTML);
      else
        g_string_append (html, "<!-- raw HTML omitted -->");
      break;

    case CMARK_NODE_EMPH:
      advance_flat (self, node, event);
      g_string_append (html, enter ? "<em>" : "</em>");
      break;

    case CMARK_NODE_STRONG:
      advance_flat (self, node, event);
      g_string_append (html, enter ? "<strong>" : "</strong>");
      break;

    case CMARK_NODE_LINK:
      {
        gboolean autolink = is_autolink (node);
        const char *url = cmark_node_get_url (node);
        const char *title = cmark_node_get_title (node);

        advance_flat (self, node, event);
        if (!enter)
          {
            g_string_append (html, "</a>");
            if (autolink)
              self->in_autolink--;
            break;
          }

        g_string_append (html, "<a href=\"");
        if (autolink)
          {
            write_url (self, url);
            self->in_autolink++;
          }
        else if (self->raw_html || !is_dangerous_url (url))
          write_url (self, url);
        g_string_append_c (html, '"');
        if (!autolink && title != NULL && title[0] != '\0')
          {
            g_string_append (html, " title=\"");
            write_in (self, html, title, strlen (title), CONTEXT_ATTRIBUTE);
            g_string_append_c (html, '"');
          }
        g_string_append_c (html, '>');
      }
      break;

    case CMARK_NODE_IMAGE:
      {
        const char *url = cmark_node_get_url (node);
        const char *title = cmark_node_get_title (node);

        advance_flat (self, node, CMARK_EVENT_ENTER);
        g_string_append (html, "<img src=\"");
        if (self->raw_html || !is_dangerous_url (url))
          write_url (self, url);
        g_string_append (html, "\" alt=\"");
        write_alt (self, node);
        g_string_append_c (html, '"');
        if (title != NULL && title[0] != '\0')
          {
            g_string_append (html, " title=\"");
            write_in (self, html, title, strlen (title), CONTEXT_ATTRIBUTE);
            g_string_append_c (html, '"');
          }
        g_string_append_c (html, '>');
        advance_flat (self, node, CMARK_EVENT_EXIT);
        cmark_iter_reset (iter, node, CMARK_EVENT_EXIT);
      }
      break;

    case CMARK_NODE_FOOTNOTE_REFERENCE:
      if (enter)
        {
          guint index = (guint)g_ascii_strtoull (cmark_node_get_literal (node), NULL, 10);
          CuratorFootnoteSlot slot = { html->len, 0 };

          advance_flat (self, node, event);
          if (index < self->footnote_ids->len)
            slot.footnote = g_array_index (self->footnote_ids, guint, index);
          g_array_append_val (self->footnote ? self->footnote->references : self->references, slot);
        }
      break;

    default:
      if (type == self->deflist->dl)
        g_string_append (html, enter ? DL_START : DL_END);
      else if (type == self->deflist->dt)
        {
          if (enter)
            {
              g_string_append (html, "<dt>");
              begin_leaf (self, node);
            }
          else
            {
              g_string_append (html, "</dt>\n");
              self->leaf = NULL;
            }
        }
      else if (type == self->deflist->dd)
        {
          if (enter)
            g_string_append (html, curator_deflist_dd_is_tight (node) ? "<dd>" : "<dd>\n");
          else
            g_string_append (html, "</dd>\n");
        }
      else if (!CURATOR_CMARK_IS_BLOCK (type))
        {
          /* Strikethrough. */
          advance_flat (self, node, event);
          g_string_append (html, enter ? "<del>" : "</del>");
        }
      else
        {
          const char *name = cmark_node_get_type_string (node);

          write_table_node (self, node, event, name);
          if (g_str_equal (name, "table_cell"))
            {
              if (enter)
                begin_leaf (self, node);
              else
                self->leaf = NULL;
            }
        }
      break;
    }
}

static cmark_parser *
new_parser (void)
{
  /* Not "autolink": goldmark's linkify is done here (linkify()). */
  static const char * const extensions[] = { "table", "strikethrough", "tasklist" };
  cmark_parser *parser;

  cmark_gfm_core_extensions_ensure_registered ();
  /* goldmark's strikethrough wants two tildes. */
  parser = cmark_parser_new (CMARK_OPT_FOOTNOTES | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE);
  /* Before the tables: their extension claims every line that follows
   * a paragraph, table or not. */
  cmark_parser_attach_syntax_extension (parser, curator_deflist_extension_get (NULL));
  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    cmark_parser_attach_syntax_extension (parser, cmark_find_syntax_extension (extensions[i]));

  return parser;
}

/* The first block of @root past the @skipped_lines put before the
 * text (definitions, references). */
static cmark_node *
first_block (cmark_node *root,
             int         skipped_lines)
{
  cmark_node *first = cmark_node_first_child (root);

  while (first != NULL && cmark_node_get_start_line (first) <= skipped_lines)
    first = cmark_node_next (first);
  return first;
}

/* What the end and the start of a chunk's tree say about its
 * neighbours (see CuratorMarkdownChunk). */
static void
get_edges (Renderer   *self,
           cmark_node *root,
           int         skipped_lines,
           gboolean   *ends_open,
           gboolean   *starts_with_dl,
           gboolean   *ends_with_dl)
{
  cmark_node *first = first_block (root, skipped_lines);
  cmark_node *last = cmark_node_last_child (root);

  /* Footnotes come last in the tree: the edge is the text's. */
  while (last != NULL && cmark_node_get_type (last) == CMARK_NODE_FOOTNOTE_DEFINITION)
    last = cmark_node_previous (last);

  *starts_with_dl = first != NULL && cmark_node_get_type (first) == self->deflist->dl;
  *ends_with_dl = last != NULL && cmark_node_get_type (last) == self->deflist->dl;
  *ends_open = FALSE;
  if (last != NULL && cmark_node_get_type (last) == CMARK_NODE_CODE_BLOCK)
    *ends_open = !code_block_is_closed (self, last);
  else if (last != NULL && cmark_node_get_type (last) == CMARK_NODE_HTML_BLOCK)
    {
      gboolean closure;

      *ends_open = !html_block_is_closed (cmark_node_get_literal (last), &closure);
    }
}

static cmark_node *
parse (Renderer   *self,
       const char *text,
       gsize       length)
{
  cmark_parser *parser = new_parser ();
  cmark_node *root;

  self->text = text;
  self->shortcodes = curator_shortcode_scan (text, length);
  self->placeholders = g_array_new (FALSE, FALSE, sizeof (Placeholder));
  self->source = prepare_source (text, length, self->shortcodes, self->placeholders, &self->source_length);
  self->tasklist = cmark_find_syntax_extension ("tasklist");
  curator_deflist_extension_get (&self->deflist);

  cmark_parser_feed (parser, self->source, self->source_length);
  root = cmark_parser_finish (parser);
  cmark_parser_free (parser);

  return root;
}

static void
renderer_clear (Renderer *self)
{
  g_clear_pointer (&self->shortcodes, g_array_unref);
  g_clear_pointer (&self->placeholders, g_array_unref);
  g_clear_pointer ((char **)&self->source, g_free);
  g_clear_pointer (&self->line_starts, g_array_unref);
}

/**
 * curator_markdown_render_chunk:
 * @text: Markdown
 * @length: its length in bytes
 * @raw_html: whether raw HTML is written (else replaced as Hugo does
 *   when its site does not allow it)
 * @quotes: the typographer's open quotes before @text
 * @definitions: (nullable): the link reference definitions of the whole
 *   body (see curator_markdown_outline()), for @text's references
 *
 * Returns: (transfer full): @text rendered alone
 */
CuratorMarkdownChunk *
curator_markdown_render_chunk (const char                    *text,
                               gsize                          length,
                               gboolean                       raw_html,
                               const CuratorTypographerState *quotes,
                               const char                    *definitions)
{
  CuratorMarkdownChunk *chunk = g_new0 (CuratorMarkdownChunk, 1);
  Renderer self = { 0 };
  g_autoptr(GString) full = NULL;
  cmark_node *root;
  cmark_iter *iter;
  cmark_event_type event;
  gboolean ends_open, starts_with_dl, ends_with_dl;
  int definition_lines = 0;

  /* The definitions come first, then a blank line: they make no block,
   * and nothing of the chunk goes on from them. */
  if (definitions != NULL)
    {
      full = g_string_new (definitions);
      g_string_append (full, "\n\n");
      for (const char *at = full->str; *at != '\0'; at++)
        definition_lines += *at == '\n';
      g_string_append_len (full, text, length);
      text = full->str;
      length = full->len;
    }

  cmark_gfm_core_extensions_ensure_registered ();
  self.html = g_string_sized_new (length + length / 4 + 64);
  self.raw_html = raw_html;
  self.quotes = *quotes;
  self.headings = g_array_new (FALSE, FALSE, sizeof (CuratorHeadingSlot));
  self.flat = g_string_new (NULL);
  self.footnote_ids = g_array_new (FALSE, FALSE, sizeof (guint));
  self.references = g_array_new (FALSE, FALSE, sizeof (CuratorFootnoteSlot));
  self.footnotes = g_ptr_array_new_with_free_func ((GDestroyNotify)footnote_free);

  root = parse (&self, text, length);
  prepare_tree (&self, root);
  find_footnote_ids (&self, root);

  iter = cmark_iter_new (root);
  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    render_node (&self, iter, cmark_iter_get_node (iter), event);
  cmark_iter_free (iter);

  get_edges (&self, root, definition_lines, &ends_open, &starts_with_dl, &ends_with_dl);
  chunk->ends_open = ends_open;
  chunk->starts_with_dl = starts_with_dl;
  chunk->ends_with_dl = ends_with_dl;
  chunk->definitions_shown = cmark_node_first_child (root) != NULL &&
                             cmark_node_get_start_line (cmark_node_first_child (root)) <= definition_lines;

  cmark_node_free (root);

  chunk->html = g_string_free (self.html, FALSE);
  chunk->headings = self.headings;
  chunk->references = self.references;
  chunk->footnotes = self.footnotes;
  chunk->n_raw_html = self.n_raw_html;
  chunk->quotes = self.quotes;

  renderer_clear (&self);
  g_string_free (self.flat, TRUE);
  g_array_unref (self.footnote_ids);

  return chunk;
}

/* What holds a line of the text, for its outline. */
enum
{
  NONE,
  BLOCK,
  DEFINITION,
  /* Link reference definitions a block starts with: cmark-gfm takes
   * them out of its text but leaves the block's lines where they were. */
  LINK_DEFINITION_START,
  LINK_DEFINITION,
};

/* Past the white space and the marks of quotes and list items that
 * start @line. */
static gsize
skip_container_marks (const char *line,
                      gsize       length)
{
  gsize at = 0;

  while (at < length)
    {
      if (line[at] == ' ' || line[at] == '\t' || line[at] == '>' ||
          ((line[at] == '-' || line[at] == '*' || line[at] == '+') && (at + 1 == length || line[at + 1] == ' ')))
        at++;
      else if (g_ascii_isdigit (line[at]))
        {
          gsize digits = at;

          while (digits < length && g_ascii_isdigit (line[digits]))
            digits++;
          if (digits < length && (line[digits] == '.' || line[digits] == ')') &&
              (digits + 1 == length || line[digits + 1] == ' '))
            at = digits + 1;
          else
            break;
        }
      else
        break;
    }
  return at;
}

/* Whether @line (of the parsed text) could hold a definition: past
 * the container marks, "[label]:". A collapsed reference followed by a
 * colon ("[text][]:") could not. */
static gboolean
has_definition_mark (const char *line,
                     gsize       length)
{
  gsize at = skip_container_marks (line, length);

  if (at >= length || line[at] != '[')
    return FALSE;
  for (at++; at < length && line[at] != ']' && line[at] != '['; at++)
    if (line[at] == '\\')
      at++;
  return at + 1 < length && line[at] == ']' && line[at + 1] == ':';
}

/* Past the marks of the block quotes that start @line, a line that goes
 * on with a paragraph, and the white space after them: where the text
 * of the paragraph's line starts. A quote's mark comes after three
 * spaces at most; list items have no marks on such a line, only their
 * indentation. FALSE when the text could start with '>' itself (after
 * more indentation, a tab), which the marks do not tell apart. */
static gboolean
skip_continuation_marks (const char *line,
                         gsize       length,
                         gsize      *text)
{
  gsize at = 0;

  while (TRUE)
    {
      gsize mark = at;

      while (mark < length && mark - at < 3 && line[mark] == ' ')
        mark++;
      if (mark == length || line[mark] != '>')
        break;
      at = mark + 1;
      if (at < length && (line[at] == ' ' || line[at] == '\t'))
        at++;
    }
  while (at < length && (line[at] == ' ' || line[at] == '\t'))
    at++;
  *text = at;
  return at == length || line[at] != '>';
}

/* Whether @line is a setext heading's underline, past its containers'
 * marks. */
static gboolean
is_setext_underline (const char *line,
                     gsize       length)
{
  gsize at = 0;
  char mark;

  while (at < length && (line[at] == ' ' || line[at] == '\t' || line[at] == '>'))
    at++;
  if (at == length || (line[at] != '=' && line[at] != '-'))
    return FALSE;
  mark = line[at];
  while (at < length && line[at] == mark)
    at++;
  while (at < length && (line[at] == ' ' || line[at] == '\t'))
    at++;
  return at == length;
}

/* The lines of @content, the text of a block as cmark-gfm keeps it. */
static int
count_content_lines (const char *content)
{
  int lines = 0;
  const char *at;

  if (content == NULL || content[0] == '\0')
    return 0;
  for (at = content; *at != '\0'; at++)
    lines += *at == '\n' || (*at == '\r' && at[1] != '\n');
  return lines + (at[-1] != '\n' && at[-1] != '\r');
}

/* How many of the first lines of @node, a paragraph or a heading, were
 * link reference definitions, which cmark-gfm took out of its text; its
 * last line in @last. -1 when the lines do not add up. @starts: the
 * lines where blocks start. */
static int
count_leading_definitions (Renderer     *self,
                           cmark_node   *node,
                           const guint8 *starts,
                           int          *last)
{
  int start = cmark_node_get_start_line (node);
  int end = cmark_node_get_end_line (node);
  int lines;

  *last = end;
  /* An ATX heading: its text, not terminated when empty, is no use. */
  if (cmark_node_get_type (node) == CMARK_NODE_HEADING && end == start)
    return 0;
  lines = count_content_lines (cmark_node_get_string_content (node));
  if (cmark_node_get_type (node) != CMARK_NODE_HEADING)
    return end - start + 1 - lines;

  /* A setext heading: cmark-gfm ends it on the line after its
   * underline, if one follows. */
  {
    gsize length;
    const char *line = get_line (self, end, &length);

    if (starts[end] || !is_setext_underline (line, length))
      *last = --end;
  }
  return end - start - lines;
}

/* Whether @content, what is left of a block after its link definitions,
 * starts as a title would. cmark-gfm 0.29 keeps a title it read on the
 * lines after a definition even when text follows it on its last line,
 * which makes it the block's text instead: the definition has that
 * title only with the block's lines after it. */
static gboolean
starts_with_title (const char *content)
{
  return content != NULL && content[0] != '\0' && strchr ("\"'(", content[0]) != NULL;
}

/* Marks the lines of the terms of @list, a definition list: no block's,
 * yet not definitions. FALSE when they are not where they should be, or
 * follow definitions as a title (see starts_with_title()). */
static gboolean
cover_terms (Renderer   *self,
             cmark_node *list,
             guint8     *covered)
{
  cmark_node *child = cmark_node_first_child (list);
  gboolean title = child != NULL && cmark_node_get_type (child) == self->deflist->dt &&
                   starts_with_title (cmark_node_get_string_content (child));
  int terms = 0;
  int line;
  gsize length;

  for (; child != NULL && cmark_node_get_type (child) == self->deflist->dt; child = cmark_node_next (child))
    terms += count_content_lines (cmark_node_get_string_content (child));
  if (child == NULL)
    return terms == 0;

  /* The terms are the lines right before the first description, but for
   * blank ones. */
  for (line = cmark_node_get_start_line (child) - 1; terms > 0 && line > 0; line--)
    {
      const char *text = get_line (self, line, &length);

      if (skip_container_marks (text, length) == length)
        continue;
      if (covered[line] != DEFINITION)
        covered[line] = BLOCK;
      terms--;
    }
  if (terms > 0)
    return FALSE;

  /* The line before the terms, a definition's? */
  if (title && line > 0 && covered[line] == NONE)
    {
      const char *text = get_line (self, line, &length);

      return skip_container_marks (text, length) == length;
    }
  return TRUE;
}

/* Whether the text (past @skipped_lines) starts with link definitions
 * that the definition list extension took out of a paragraph before its
 * terms, or before a ':' line: with no blank line, the first block then
 * starts after them, as a list or at a ':'. */
static gboolean
starts_with_definitions_of_terms (Renderer     *self,
                                  cmark_node   *root,
                                  int           skipped_lines,
                                  const guint8 *covered)
{
  cmark_node *first = first_block (root, skipped_lines);
  int number = skipped_lines + 1;
  gsize length;
  const char *line;

  if (first == NULL || cmark_node_get_type (first) == CMARK_NODE_FOOTNOTE_DEFINITION)
    return FALSE;

  line = get_line (self, number, &length);
  while (number < cmark_node_get_start_line (first) && skip_container_marks (line, length) == length)
    line = get_line (self, ++number, &length);
  if (number == cmark_node_get_start_line (first) || covered[number] != NONE)
    return FALSE;
  for (; number < cmark_node_get_start_line (first); line = get_line (self, ++number, &length))
    if (skip_container_marks (line, length) == length)
      return FALSE;

  return cmark_node_get_type (first) == self->deflist->dl ||
         (cmark_node_get_type (first) == CMARK_NODE_PARAGRAPH && line[skip_container_marks (line, length)] == ':');
}

/* Whether the first block (past @skipped_lines) starts with a line
 * that starts as a description (": "), alone a paragraph, a term or a
 * setext heading's text: link definitions before it are taken out, and
 * in the whole body the block before them may be its term. */
static gboolean
starts_with_description (Renderer   *self,
                         cmark_node *root,
                         int         skipped_lines)
{
  cmark_node *first = first_block (root, skipped_lines);
  cmark_node_type type = first != NULL ? cmark_node_get_type (first) : CMARK_NODE_NONE;
  const char *line;
  gsize length, at;

  if (type != CMARK_NODE_PARAGRAPH && type != CMARK_NODE_HEADING && type != self->deflist->dl)
    return FALSE;

  line = get_line (self, cmark_node_get_start_line (first), &length);
  at = skip_container_marks (line, length);
  return at < length && line[at] == ':' &&
         (at + 1 == length || line[at + 1] == ' ' || line[at + 1] == '\t');
}

/* Whether @text, of the parsed text, holds "{{<" or "{{%" that are not a
 * shortcode (those are placeholders there): one left open, or one
 * commented out. In the definitions put before a run, such text would
 * be read again, and could become a shortcode with what follows. */
static gboolean
has_shortcode_start (const char *text,
                     gsize       length)
{
  for (gsize at = 0; at + 2 < length; at++)
    if (text[at] == '{' && text[at + 1] == '{' && (text[at + 2] == '<' || text[at + 2] == '%'))
      return TRUE;
  return FALSE;
}

/* Writes a line of definitions in @definitions as written; FALSE when
 * what is written holds more than that line: a shortcode written over
 * lines (a placeholder in the parsed text). Put before a run, its lines
 * would no longer be the definitions' own, and the run's first lines
 * would be taken for them. */
static gboolean
write_line_in (Renderer   *self,
               GString    *definitions,
               const char *line,
               gsize       length)
{
  gsize before = definitions->len;

  write_in (self, definitions, line, length, CONTEXT_ALT);
  for (gsize at = before; at < definitions->len; at++)
    if (definitions->str[at] == '\n' || definitions->str[at] == '\r')
      return FALSE;
  return TRUE;
}

/* The labels of the footnotes defined in @text, as references to them
 * all ("[^a] [^b]"), or NULL. */
static char *
dup_footnote_references (const char *text,
                         gsize       length)
{
  g_autoptr(GString) references = g_string_new (NULL);
  const char *end = text + length;

  for (const char *line = text; line < end;)
    {
      const char *line_end = line;
      gsize at;

      while (line_end < end && *line_end != '\n' && *line_end != '\r')
        line_end++;
      at = skip_container_marks (line, line_end - line);
      if (line_end - line > (gssize)at + 2 && line[at] == '[' && line[at + 1] == '^')
        {
          const char *close = memchr (line + at, ']', line_end - line - at);

          if (close != NULL && close + 1 < line_end && close[1] == ':')
            {
              g_string_append_len (references, line + at, close + 1 - (line + at));
              g_string_append_c (references, ' ');
            }
        }
      line = line_end < end ? line_end + 1 : end;
    }

  return references->len > 0 ? g_string_free (g_steal_pointer (&references), FALSE) : NULL;
}

/**
 * curator_markdown_outline:
 * @text: Markdown
 * @length: its length in bytes
 *
 * Parses @text alone for what ties it to the rest of a body: its edges
 * (as in CuratorMarkdownChunk) and its definitions, as written. A link's
 * definitions are the lines that no block holds (cmark-gfm drops a
 * paragraph of nothing else) or that a paragraph or heading starts with
 * beyond its text (cmark-gfm takes them out of it), container marks left
 * out; a footnote's, the lines of its definition (all referred to, for
 * the outline, so that cmark-gfm keeps them). When "[label]:" stands
 * inside a block (code, a paragraph's text), a footnote is defined
 * inside a container, or the marks of a definition's line do not tell
 * where its text starts, unknown_definitions is set: the body must be
 * rendered whole.
 *
 * Returns: (transfer full): the outline
 */
CuratorMarkdownOutline *
curator_markdown_outline (const char *text,
                          gsize       length)
{
  CuratorMarkdownOutline *outline = g_new0 (CuratorMarkdownOutline, 1);
  g_autoptr(GString) definitions = g_string_new (NULL);
  g_autoptr(GString) full = NULL;
  g_autofree char *references = dup_footnote_references (text, length);
  g_autofree guint8 *starts = NULL;
  g_autofree guint8 *covered = NULL;
  Renderer self = { 0 };
  cmark_iter *iter;
  cmark_event_type event;
  cmark_node *root;
  gboolean ends_open, starts_with_dl, ends_with_dl;
  gboolean in_footnote = FALSE;
  gboolean in_links = FALSE;
  int skipped_lines = 0;
  guint n_lines;

  curator_link_definitions_scan_references (text, length, &outline->references);

  /* The references go before the text, the same way. */
  outline->unknown_definitions = references != NULL && has_shortcode_start (references, strlen (references));
  if (references != NULL)
    {
      full = g_string_new (references);
      g_string_append (full, "\n\n");
      g_string_append_len (full, text, length);
      text = full->str;
      length = full->len;
      skipped_lines = 2;
    }

  cmark_gfm_core_extensions_ensure_registered ();
  root = parse (&self, text, length);
  get_edges (&self, root, skipped_lines, &ends_open, &starts_with_dl, &ends_with_dl);
  outline->ends_open = ends_open;
  outline->ends_with_dl = ends_with_dl;

  /* The lines where blocks start, the lines the leaf blocks hold, and
   * the footnotes' definitions. */
  get_line (&self, 1, &(gsize) { 0 });
  n_lines = self.line_starts->len;
  starts = g_new0 (guint8, n_lines + 2);
  covered = g_new0 (guint8, n_lines + 2);
  iter = cmark_iter_new (root);
  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);
      int start = cmark_node_get_start_line (node);

      if (event == CMARK_EVENT_ENTER && node != root && CURATOR_CMARK_IS_BLOCK (cmark_node_get_type (node)) &&
          start >= 1 && (guint)start <= n_lines)
        starts[start] = TRUE;
    }
  cmark_iter_free (iter);
  iter = cmark_iter_new (root);
  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);
      cmark_node_type type = cmark_node_get_type (node);
      int start = cmark_node_get_start_line (node);
      int end = cmark_node_get_end_line (node);
      guint8 kind = BLOCK;

      if (event != CMARK_EVENT_ENTER)
        continue;
      if (type == self.deflist->dt)
        {
          /* goldmark leaves "[label]: …" a term after a list or a line
           * of text. */
          const char *term = cmark_node_get_string_content (node);

          outline->unknown_definitions |= term != NULL && has_definition_mark (term, strlen (term));
          continue;
        }
      if (type == self.deflist->dl)
        {
          outline->unknown_definitions |= !cover_terms (&self, node, covered);
          continue;
        }
      if (type == CMARK_NODE_FOOTNOTE_DEFINITION)
        {
          gsize line_length, indent = 0;
          const char *line = get_line (&self, cmark_node_get_start_line (node), &line_length);

          /* At the margin, not in a quote or a list. */
          while (indent < line_length && line[indent] == ' ')
            indent++;
          outline->unknown_definitions |= indent > 3 || indent == line_length || line[indent] != '[';
          kind = DEFINITION;
        }
      else if (type == CMARK_NODE_HTML_BLOCK)
        {
          /* One that ends at its marker (-->) ends a line later than
           * cmark-gfm says: count its lines. */
          end = cmark_node_get_start_line (node) - 1;
          for (const char *at = cmark_node_get_literal (node); *at != '\0'; at++)
            end += *at == '\n';
        }
      else if ((type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING) && start >= 1)
        {
          int leading = count_leading_definitions (&self, node, starts, &end);

          outline->unknown_definitions |= leading < 0 ||
                                          (leading > 0 && starts_with_title (cmark_node_get_string_content (node)));
          for (int line = start; line < start + leading && (guint)line <= n_lines; line++)
            if (covered[line] != DEFINITION)
              covered[line] = line == start ? LINK_DEFINITION_START : LINK_DEFINITION;
          start += MAX (leading, 0);
        }
      else if (type != CMARK_NODE_CODE_BLOCK && type != CMARK_NODE_THEMATIC_BREAK &&
               !(CURATOR_CMARK_IS_BLOCK (type) && type > CMARK_NODE_FOOTNOTE_DEFINITION &&
                 g_str_equal (cmark_node_get_type_string (node), "table")))
        continue;

      for (int line = MAX (1, start); line <= end && (guint)line <= n_lines; line++)
        if (covered[line] != DEFINITION)
          covered[line] = kind;
    }
  cmark_iter_free (iter);

  outline->starts_with_definitions_of_terms = starts_with_definitions_of_terms (&self, root, skipped_lines, covered);
  outline->starts_with_description = starts_with_description (&self, root, skipped_lines);

  for (guint number = skipped_lines + 1; number <= n_lines; number++)
    {
      gsize line_length, at;
      const char *line = get_line (&self, number, &line_length);

      if (covered[number] == DEFINITION)
        {
          /* A footnote's definition, as it is, blank lines and all, in
           * a paragraph of its own. */
          if (!in_footnote && definitions->len > 0)
            g_string_append_c (definitions, '\n');
          outline->unknown_definitions |= has_shortcode_start (line, line_length);
          outline->unknown_definitions |= !write_line_in (&self, definitions, line, line_length);
          g_string_append_c (definitions, '\n');
          in_footnote = number + 1 <= n_lines && covered[number + 1] == DEFINITION;
          in_links = FALSE;
          continue;
        }

      at = skip_container_marks (line, line_length);
      if (covered[number] == BLOCK)
        {
          outline->unknown_definitions |= at < line_length && has_definition_mark (line, line_length);
          in_links = FALSE;
          continue;
        }

      /* The lines left are link definitions: those a block starts with,
       * and the blocks that were nothing else (cmark-gfm drops them).
       * Each run of them is written as a paragraph: its first line from
       * the label, the next ones as the paragraph had them (past the
       * marks of quotes, the indentation), indented so that none starts
       * a block. Side by side, paragraphs of definitions are one
       * paragraph of the same definitions. */
      if (in_links && covered[number] != LINK_DEFINITION_START)
        {
          gsize content;
          gboolean plain = skip_continuation_marks (line, line_length, &content);

          /* A blank line, maybe in a quote, ends them. */
          if (content == line_length)
            {
              in_links = FALSE;
              continue;
            }
          /* Past a list item's mark, a label: a block in a list starts.
           * Other lines go on with the paragraph ("*" is text there). */
          if (at < line_length && at != content && line[at] == '[')
            in_links = FALSE;
          else
            {
              outline->unknown_definitions |= !plain;
              g_string_append (definitions, "    ");
              at = content;
            }
        }
      if (!in_links)
        {
          if (at == line_length)
            continue;
          /* A label, maybe over lines ("[`" then "code`]: /url"). */
          outline->unknown_definitions |= line[at] != '[';
          if (definitions->len > 0)
            g_string_append_c (definitions, '\n');
          in_links = TRUE;
        }
      outline->unknown_definitions |= has_shortcode_start (line + at, line_length - at);
      outline->unknown_definitions |= !write_line_in (&self, definitions, line + at, line_length - at);
      g_string_append_c (definitions, '\n');
    }

  if (definitions->len > 0)
    outline->definitions = g_string_free (g_steal_pointer (&definitions), FALSE);

  cmark_node_free (root);
  renderer_clear (&self);

  return outline;
}

void
curator_markdown_outline_free (CuratorMarkdownOutline *outline)
{
  if (outline == NULL)
    return;

  g_free (outline->definitions);
  curator_link_references_clear (&outline->references);
  g_free (outline);
}

void
curator_markdown_chunk_free (CuratorMarkdownChunk *chunk)
{
  if (chunk == NULL)
    return;

  for (guint i = 0; i < chunk->headings->len; i++)
    g_free (g_array_index (chunk->headings, CuratorHeadingSlot, i).id);
  g_array_unref (chunk->headings);
  g_array_unref (chunk->references);
  g_ptr_array_unref (chunk->footnotes);
  g_free (chunk->html);
  g_free (chunk);
}

/* One heading of the page, in page order: the id its slot asks for and
 * the one written. */
typedef struct
{
  char     *asked;
  gboolean  given;    /* written in the Markdown ({#id}): only taken */
  char     *unique;   /* NULL when given */
} HeadingId;

struct _CuratorHeadingIds
{
  GArray *headings;   /* HeadingId */
};

static void
heading_id_clear (gpointer data)
{
  HeadingId *heading = data;

  g_free (heading->asked);
  g_free (heading->unique);
}

CuratorHeadingIds *
curator_heading_ids_new (void)
{
  CuratorHeadingIds *self = g_new0 (CuratorHeadingIds, 1);

  self->headings = g_array_new (FALSE, FALSE, sizeof (HeadingId));
  g_array_set_clear_func (self->headings, heading_id_clear);
  return self;
}

void
curator_heading_ids_free (CuratorHeadingIds *self)
{
  if (self == NULL)
    return;

  g_array_unref (self->headings);
  g_free (self);
}

/* Hugo's id factory (markup/goldmark/autoid.go): an id already taken
 * gets -1, -2 ... @suffixes keeps, for each id, the last number found
 * taken after it: ids are never given back, so the search goes on from
 * there (a page of many "Examples" headings numbers each in one step). */
static char *
make_unique_id (GHashTable *taken,
                GHashTable *suffixes,
                const char *base)
{
  g_autofree char *id = g_strdup (base[0] != '\0' ? base : "heading");
  guint n;
  GString *numbered;

  if (!g_hash_table_contains (taken, id))
    return g_steal_pointer (&id);

  n = GPOINTER_TO_UINT (g_hash_table_lookup (suffixes, id));
  numbered = g_string_new (NULL);
  do
    {
      n++;
      g_string_printf (numbered, "%s-%u", id, n);
    }
  while (g_hash_table_contains (taken, numbered->str));
  g_hash_table_insert (suffixes, g_steal_pointer (&id), GUINT_TO_POINTER (n));
  return g_string_free (numbered, FALSE);
}

/* Makes the ids of the chunks' headings unique across the page, unless
 * they ask for what they asked for last time (a keystroke seldom
 * touches a heading): then the ids made then still hold. */
static void
update_heading_ids (CuratorHeadingIds            *self,
                    CuratorMarkdownChunk * const *chunks,
                    guint                         n_chunks)
{
  g_autoptr(GHashTable) taken = NULL;
  g_autoptr(GHashTable) suffixes = NULL;
  guint k = 0;

  for (guint i = 0; i < n_chunks; i++)
    for (guint j = 0; j < chunks[i]->headings->len; j++, k++)
      {
        const CuratorHeadingSlot *slot = &g_array_index (chunks[i]->headings, CuratorHeadingSlot, j);
        const HeadingId *heading;

        if (k >= self->headings->len)
          goto changed;
        heading = &g_array_index (self->headings, HeadingId, k);
        if (heading->given != (slot->offset == G_MAXSIZE) || strcmp (heading->asked, slot->id) != 0)
          goto changed;
      }
  if (k == self->headings->len)
    return;

changed:
  g_array_set_size (self->headings, 0);
  /* ids -> nothing, borrowed from self->headings */
  taken = g_hash_table_new (g_str_hash, g_str_equal);
  suffixes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < n_chunks; i++)
    for (guint j = 0; j < chunks[i]->headings->len; j++)
      {
        const CuratorHeadingSlot *slot = &g_array_index (chunks[i]->headings, CuratorHeadingSlot, j);
        HeadingId heading = { g_strdup (slot->id), slot->offset == G_MAXSIZE, NULL };

        /* An id given in the Markdown only counts as taken, in its turn. */
        if (!heading.given)
          heading.unique = make_unique_id (taken, suffixes, slot->id);
        g_hash_table_add (taken, heading.given ? heading.asked : heading.unique);
        g_array_append_val (self->headings, heading);
      }
}

/* Footnotes numbered in page order, as goldmark numbers them: by their
 * first reference, those in the page's text first, then those in the
 * footnotes, in the order of the list. */
typedef struct
{
  CuratorHeadingIds *heading_ids;
  guint       next_heading;  /* in heading_ids, the next to write */
  GHashTable *numbers;       /* footnote id -> number */
  GArray     *order;         /* footnote ids, by number - 1 */
  GHashTable *counts;        /* footnote id -> references (so far) */
  GHashTable *footnotes;     /* footnote id -> CuratorFootnote */
} Assembly;

static guint
number_footnote (Assembly *self,
                 guint     footnote)
{
  guint number = GPOINTER_TO_UINT (g_hash_table_lookup (self->numbers, GUINT_TO_POINTER (footnote)));

  if (number == 0)
    {
      g_array_append_val (self->order, footnote);
      number = self->order->len;
      g_hash_table_insert (self->numbers, GUINT_TO_POINTER (footnote), GUINT_TO_POINTER (number));
    }
  return number;
}

/* Counts a reference; returns how many came before it. */
static guint
count_reference (Assembly *self,
                 guint     footnote)
{
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, GUINT_TO_POINTER (footnote)));

  g_hash_table_insert (self->counts, GUINT_TO_POINTER (footnote), GUINT_TO_POINTER (count + 1));
  return count;
}

/* Copies @text from @start to @end, with the headings' ids and the
 * footnote references of @slots (nullable) in it. */
static void
write_with_slots (Assembly   *self,
                  GString    *html,
                  const char *text,
                  gsize       start,
                  gsize       end,
                  GArray     *headings,
                  GArray     *references)
{
  guint h = 0, r = 0;
  gsize at = start;

  while (TRUE)
    {
      const CuratorHeadingSlot *heading = NULL;
      const CuratorFootnoteSlot *reference = NULL;

      while (references != NULL && r < references->len &&
             g_array_index (references, CuratorFootnoteSlot, r).offset < start)
        r++;
      if (headings != NULL && h < headings->len)
        heading = &g_array_index (headings, CuratorHeadingSlot, h);
      if (references != NULL && r < references->len &&
          g_array_index (references, CuratorFootnoteSlot, r).offset < end)
        reference = &g_array_index (references, CuratorFootnoteSlot, r);

      /* An id given in the Markdown is written already. */
      if (heading != NULL && heading->offset == G_MAXSIZE)
        {
          self->next_heading++;
          h++;
          continue;
        }

      if (heading != NULL && (reference == NULL || heading->offset <= reference->offset))
        {
          const char *id = g_array_index (self->heading_ids->headings, HeadingId, self->next_heading).unique;

          g_string_append_len (html, text + at, heading->offset - at);
          g_string_append (html, " id=\"");
          curator_markdown_append_escaped (html, id, strlen (id));
          g_string_append_c (html, '"');
          self->next_heading++;
          at = heading->offset;
          h++;
        }
      else if (reference != NULL)
        {
          guint number = number_footnote (self, reference->footnote);
          guint before = count_reference (self, reference->footnote);

          g_string_append_len (html, text + at, reference->offset - at);
          g_string_append (html, "<sup id=\"fnref");
          if (before > 0)
            g_string_append_printf (html, "%u", before);
          g_string_append_printf (html, ":%u\"><a href=\"#fn:%u\" class=\"footnote-ref\" role=\"doc-noteref\">%u</a></sup>",
                                  number, number, number);
          at = reference->offset;
          r++;
        }
      else
        break;
    }

  g_string_append_len (html, text + at, end - at);
}

void
curator_markdown_assemble (GString                     *html,
                           CuratorMarkdownChunk * const *chunks,
                           guint                        n_chunks,
                           CuratorHeadingIds           *heading_ids)
{
  Assembly self = {
    .heading_ids = heading_ids,
    .numbers = g_hash_table_new (NULL, NULL),
    .order = g_array_new (FALSE, FALSE, sizeof (guint)),
    .counts = g_hash_table_new (NULL, NULL),
    .footnotes = g_hash_table_new (NULL, NULL),
  };

  update_heading_ids (self.heading_ids, chunks, n_chunks);

  for (guint i = 0; i < n_chunks; i++)
    for (guint j = 0; j < chunks[i]->footnotes->len; j++)
      {
        CuratorFootnote *footnote = chunks[i]->footnotes->pdata[j];

        if (!g_hash_table_contains (self.footnotes, GUINT_TO_POINTER (footnote->id)))
          g_hash_table_insert (self.footnotes, GUINT_TO_POINTER (footnote->id), footnote);
      }

  /* The numbers and the counts first: a footnote's back links are as
   * many as its references, wherever they are. */
  for (guint i = 0; i < n_chunks; i++)
    for (guint j = 0; j < chunks[i]->references->len; j++)
      {
        guint footnote = g_array_index (chunks[i]->references, CuratorFootnoteSlot, j).footnote;

        number_footnote (&self, footnote);
        count_reference (&self, footnote);
      }
  for (guint k = 0; k < self.order->len; k++)
    {
      CuratorFootnote *footnote = g_hash_table_lookup (self.footnotes, GUINT_TO_POINTER (g_array_index (self.order, guint, k)));

      for (guint j = 0; footnote != NULL && j < footnote->references->len; j++)
        {
          guint referred = g_array_index (footnote->references, CuratorFootnoteSlot, j).footnote;

          number_footnote (&self, referred);
          count_reference (&self, referred);
        }
    }
  {
    /* Then the writing, which counts them again, in the same order. */
    g_autoptr(GHashTable) totals = g_steal_pointer (&self.counts);

    self.counts = g_hash_table_new (NULL, NULL);

    for (guint i = 0; i < n_chunks; i++)
      {
        gsize start = 0, end = strlen (chunks[i]->html);

        /* Definition lists that end and start two chunks are one. */
        if (i > 0 && chunks[i - 1]->ends_with_dl && chunks[i]->starts_with_dl &&
            g_str_has_prefix (chunks[i]->html, DL_START))
          start = strlen (DL_START);
        if (i + 1 < n_chunks && chunks[i]->ends_with_dl && chunks[i + 1]->starts_with_dl &&
            g_str_has_suffix (chunks[i]->html, DL_END))
          end -= strlen (DL_END);
        write_with_slots (&self, html, chunks[i]->html, start, end,
                          chunks[i]->headings, chunks[i]->references);
      }

    if (self.order->len > 0)
      g_string_append (html, "<div class=\"footnotes\" role=\"doc-endnotes\">\n<hr>\n<ol>\n");
    for (guint k = 0; k < self.order->len; k++)
      {
        guint id = g_array_index (self.order, guint, k);
        CuratorFootnote *footnote = g_hash_table_lookup (self.footnotes, GUINT_TO_POINTER (id));
        guint total = GPOINTER_TO_UINT (g_hash_table_lookup (totals, GUINT_TO_POINTER (id)));
        gsize length;

        if (footnote == NULL)
          continue;
        length = strlen (footnote->html);
        g_string_append_printf (html, "<li id=\"fn:%u\">\n", k + 1);
        write_with_slots (&self, html, footnote->html, 0, footnote->backlinks, NULL, footnote->references);
        for (guint r = 0; r < total; r++)
          {
            g_string_append (html, "&#160;<a href=\"#fnref");
            if (r > 0)
              g_string_append_printf (html, "%u", r);
            g_string_append_printf (html, ":%u\" class=\"footnote-backref\" role=\"doc-backlink\">"
                                    "&#x21a9;&#xfe0e;</a>", k + 1);
          }
        write_with_slots (&self, html, footnote->html, footnote->backlinks, length, NULL, footnote->references);
        g_string_append (html, "</li>\n");
      }
    if (self.order->len > 0)
      g_string_append (html, "</ol>\n</div>\n");
  }

  g_hash_table_unref (self.numbers);
  g_array_unref (self.order);
  g_hash_table_unref (self.counts);
  g_hash_table_unref (self.footnotes);
}
