/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-scalar-emit"

#include "config.h"

#include "curator-scalar-emit-private.h"
#include "curator-scalar-private.h"

#include <string.h>

/* YAML's c-printable, minus what libyaml reads as a line break (NEL,
 * LS, PS) and the BOM, which we never write inside a scalar. */
static gboolean
is_printable (gunichar c,
              gboolean allow_newline,
              gboolean allow_tab)
{
  if (c == '\n')
    return allow_newline;
  if (c == '\t')
    return allow_tab;
  if (c < 0x20 || c == 0x7f)
    return FALSE;
  if (c >= 0x80 && c < 0xa0)
    return FALSE;
  if (c == 0x2028 || c == 0x2029 || c == 0xfeff)
    return FALSE;
  if (c >= 0xd800 && c <= 0xdfff)
    return FALSE;
  if (c == 0xfffe || c == 0xffff)
    return FALSE;
  return TRUE;
}

static gboolean
all_printable (const char *text,
               gboolean    allow_newline,
               gboolean    allow_tab)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!is_printable (g_utf8_get_char (p), allow_newline, allow_tab))
      return FALSE;
  return TRUE;
}

gboolean
curator_scalar_is_plain_safe (const char *text,
                              gboolean    flow)
{
  gsize length = strlen (text);
  gboolean yaml11_ambiguous = FALSE;
  char first;

  if (length == 0)
    return FALSE;
  first = text[0];
  if (strchr ("[]{},#&*!|>'\"%@`", first) != NULL)
    return FALSE;
  if (strchr ("-?:", first) != NULL
      && (flow || text[1] == '\0' || text[1] == ' ' || text[1] == '\t'))
    return FALSE;
  if (g_str_has_prefix (text, "---") || g_str_has_prefix (text, "..."))
    return FALSE;
  if (text[0] == ' ' || text[length - 1] == ' ')
    return FALSE;
  if (text[length - 1] == ':')
    return FALSE;
  if (!all_printable (text, FALSE, FALSE))
    return FALSE;
  if (strstr (text, ": ") != NULL || strstr (text, " #") != NULL)
    return FALSE;
  if (flow && strpbrk (text, ",[]{}:#") != NULL)
    return FALSE;

  if (curator_scalar_resolve_plain (text, length, &yaml11_ambiguous) != CURATOR_SCALAR_STRING
      || yaml11_ambiguous)
    return FALSE;
  return TRUE;
}

static gboolean
is_single_quote_safe (const char *text)
{
  return all_printable (text, FALSE, FALSE);
}

static void
append_single_quoted (GString    *out,
                      const char *text)
{
  g_string_append_c (out, '\'');
  for (const char *p = text; *p; p++)
    {
      if (*p == '\'')
        g_string_append_c (out, '\'');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\'');
}

static void
append_double_quoted (GString    *out,
                      const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case 0x1b: g_string_append (out, "\\e"); break;
        case 0x85: g_string_append (out, "\\N"); break;
        case 0x2028: g_string_append (out, "\\L"); break;
        case 0x2029: g_string_append (out, "\\P"); break;
        default:
          if (is_printable (c, FALSE, FALSE))
            g_string_append_unichar (out, c);
          else if (c <= 0xff)
            g_string_append_printf (out, "\\x%02X", c);
          else if (c <= 0xffff)
            g_string_append_printf (out, "\\u%04X", c);
          else
            g_string_append_printf (out, "\\U%08X", c);
          break;
        }
    }
  g_string_append_c (out, '"');
}

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t';
}

/* Breaks @text (a one-line plain or quoted scalar as written) at single
 * spaces once the column passes @width, as PyYAML does: the break
 * replaces the space, and line folding reads it back as that space. */
static char *
fold_line (const char *text,
           guint       start_column,
           guint       width,
           guint       continuation_indent,
           const char *eol,
           gboolean    quoted)
{
  GString *out = g_string_new (NULL);
  gsize length = strlen (text);
  guint column = start_column;

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (c == ' ' && width > 0 && column > width
          && i > (quoted ? 1 : 0) && i + 1 < length - (quoted ? 1 : 0)
          && !is_space (text[i - 1]) && !is_space (text[i + 1])
          && (quoted || text[i + 1] != '#'))
        {
          g_string_append (out, eol);
          for (guint k = 0; k < continuation_indent; k++)
            g_string_append_c (out, ' ');
          column = continuation_indent;
          continue;
        }

      g_string_append_c (out, c);
      /* Columns count characters: skip UTF-8 continuation bytes. */
      if (((guchar) c & 0xc0) != 0x80)
        column++;
    }

  return g_string_free (out, FALSE);
}

static void
append_indent (GString *out,
               guint    columns)
{
  for (guint k = 0; k < columns; k++)
    g_string_append_c (out, ' ');
}

/* A literal or folded block scalar, or NULL when the value cannot be one
 * (non-printable characters, a leading space that would need an
 * indentation indicator, only line breaks). */
static char *
emit_block (const char              *value,
            const CuratorScalarEmit *emit)
{
  gsize length = strlen (value);
  guint trailing = 0;
  gboolean folded = emit->style == CURATOR_NODE_STYLE_FOLDED;
  g_autofree char *content = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  GString *out;

  if (!all_printable (value, TRUE, TRUE) || value[0] == ' ' || value[0] == '\t')
    return NULL;

  while (trailing < length && value[length - 1 - trailing] == '\n')
    trailing++;
  if (length > 0 && trailing == length)
    return NULL;
  /* keep (+) reads the blank lines already after the scalar as part of it. */
  if (trailing >= 2 && trailing - 1 < emit->trailing_blank_lines)
    return NULL;

  content = g_strndup (value, length - trailing);
  parts = g_strsplit (content, "\n", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] == ' ' || parts[i][0] == '\t')
      {
        if (parts[i][0] == '\t' || i == 0)
          return NULL;
        /* Folding does not apply to more-indented lines: keep them literal. */
        folded = FALSE;
      }

  lines = g_ptr_array_new ();
  for (guint i = 0; content[0] != '\0' && parts[i] != NULL; i++)
    {
      if (folded && i > 0)
        g_ptr_array_add (lines, "");
      if (!folded || parts[i][0] != '\0')
        g_ptr_array_add (lines, parts[i]);
    }

  out = g_string_new (folded ? ">" : "|");
  if (trailing == 0)
    g_string_append_c (out, '-');
  else if (trailing >= 2)
    g_string_append_c (out, '+');

  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);

      g_string_append (out, emit->eol);
      if (line[0] == '\0')
        continue;
      append_indent (out, emit->block_indent);
      if (folded && emit->width > 0)
        {
          g_autofree char *refolded = fold_line (line, emit->block_indent, emit->width,
                                                 emit->block_indent, emit->eol, FALSE);

          g_string_append (out, refolded);
        }
      else
        g_string_append (out, line);
    }
  for (guint i = 0; trailing >= 2 && i < trailing - 1 - emit->trailing_blank_lines; i++)
    g_string_append (out, emit->eol);

  return g_string_free (out, FALSE);
}

/* A value with line breaks as a multi-line plain or single-quoted
 * scalar, as PyYAML writes one: each break becomes a line break plus an
 * empty line, the text in between is folded as usual. NULL when the
 * value cannot be written so (spaces next to a break would be folded
 * away, leading or trailing breaks, parts that are not plain-safe). */
static char *
emit_multiline_flow (const char              *value,
                     CuratorNodeStyle         style,
                     const CuratorScalarEmit *emit)
{
  gboolean quoted = style == CURATOR_NODE_STYLE_SINGLE_QUOTED;
  gsize length = strlen (value);
  g_auto(GStrv) parts = NULL;
  g_autoptr(GString) out = NULL;
  guint n_parts;
  guint i = 0;

  if (length == 0 || value[0] == '\n' || (!quoted && value[length - 1] == '\n')
      || !all_printable (value, TRUE, FALSE)
      || strstr (value, " \n") != NULL || strstr (value, "\n ") != NULL)
    return NULL;

  parts = g_strsplit (value, "\n", -1);
  n_parts = g_strv_length (parts);
  out = g_string_new (NULL);

  while (i < n_parts)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *folded = NULL;
      guint breaks = 0;

      if (!quoted && !curator_scalar_is_plain_safe (parts[i], FALSE))
        return NULL;
      if (quoted)
        {
          if (i == 0)
            g_string_append_c (text, '\'');
          for (const char *p = parts[i]; *p; p++)
            {
              if (*p == '\'')
                g_string_append_c (text, '\'');
              g_string_append_c (text, *p);
            }
        }
      else
        g_string_append (text, parts[i]);

      /* Empty parts are further line breaks. */
      while (i + 1 < n_parts && parts[i + 1][0] == '\0')
        i++, breaks++;
      if (quoted && i + 1 == n_parts && breaks == 0)
        g_string_append_c (text, '\'');

      folded = fold_line (text->str, out->len == 0 ? emit->start_column : emit->continuation_indent,
                          emit->width, emit->continuation_indent, emit->eol, FALSE);
      g_string_append (out, folded);
      i++;
      if (i == n_parts && breaks > 0)
        {
          /* Trailing line breaks: empty lines, then the closing quote. */
          for (guint k = 0; k < breaks + 1; k++)
            g_string_append (out, emit->eol);
          append_indent (out, emit->continuation_indent);
          g_string_append_c (out, '\'');
        }
      if (i < n_parts)
        {
          for (guint k = 0; k < breaks + 2; k++)
            g_string_append (out, emit->eol);
          append_indent (out, emit->continuation_indent);
        }
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
curator_scalar_emit (const char              *value,
                     CuratorScalarType        type,
                     const CuratorScalarEmit *emit)
{
  g_autoptr(GString) out = NULL;
  CuratorNodeStyle style = emit->style;
  gboolean quoted;

  g_return_val_if_fail (value != NULL, NULL);

  if (type == CURATOR_SCALAR_NULL && value[0] == '\0')
    return g_strdup (emit->allow_empty ? "" : "null");

  if (type != CURATOR_SCALAR_STRING)
    {
      if (type < 0
          || curator_scalar_resolve_plain (value, strlen (value), NULL) != type
          || !all_printable (value, FALSE, FALSE)
          || (emit->flow && strpbrk (value, ",[]{}") != NULL))
        return NULL;
      return g_strdup (value);
    }

  if ((style == CURATOR_NODE_STYLE_LITERAL || style == CURATOR_NODE_STYLE_FOLDED) && !emit->flow)
    {
      char *block = emit_block (value, emit);

      if (block != NULL)
        return block;
      style = CURATOR_NODE_STYLE_DOUBLE_QUOTED;
    }

  if (style != CURATOR_NODE_STYLE_SINGLE_QUOTED && style != CURATOR_NODE_STYLE_DOUBLE_QUOTED)
    style = CURATOR_NODE_STYLE_PLAIN;

  /* A multi-line original can hold line breaks as empty lines. */
  if (emit->width > 0 && !emit->flow && strchr (value, '\n') != NULL
      && style != CURATOR_NODE_STYLE_DOUBLE_QUOTED)
    {
      char *text = NULL;

      if (style == CURATOR_NODE_STYLE_PLAIN)
        text = emit_multiline_flow (value, CURATOR_NODE_STYLE_PLAIN, emit);
      if (text == NULL)
        text = emit_multiline_flow (value, CURATOR_NODE_STYLE_SINGLE_QUOTED, emit);
      if (text != NULL)
        return text;
    }

  if (style == CURATOR_NODE_STYLE_PLAIN && !curator_scalar_is_plain_safe (value, emit->flow))
    style = CURATOR_NODE_STYLE_SINGLE_QUOTED;
  if (style == CURATOR_NODE_STYLE_SINGLE_QUOTED && !is_single_quote_safe (value))
    style = CURATOR_NODE_STYLE_DOUBLE_QUOTED;

  out = g_string_new (NULL);
  quoted = TRUE;
  if (style == CURATOR_NODE_STYLE_PLAIN)
    {
      g_string_append (out, value);
      quoted = FALSE;
    }
  else if (style == CURATOR_NODE_STYLE_SINGLE_QUOTED)
    append_single_quoted (out, value);
  else
    append_double_quoted (out, value);

  if (emit->width > 0 && !emit->flow)
    return fold_line (out->str, emit->start_column, emit->width,
                      emit->continuation_indent, emit->eol, quoted);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

guint
curator_scalar_infer_fold_width (const char *source,
                                 gsize       length,
                                 guint       start_column,
                                 guint      *continuation_indent)
{
  guint lower = 0;            /* every single space kept is at a column <= width */
  guint upper = G_MAXUINT;    /* every break is at a column > width */
  guint column = start_column;
  guint n_lines = 1;
  gboolean at_line_start = FALSE;
  gboolean seen_continuation = FALSE;

  if (continuation_indent != NULL)
    *continuation_indent = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = source[i];

      if (c == '\r' || c == '\n')
        {
          if (c == '\r' && i + 1 < length && source[i + 1] == '\n')
            i++;
          if (column > 0)
            upper = MIN (upper, column - 1);
          column = 0;
          n_lines++;
          at_line_start = TRUE;
          continue;
        }
      if (at_line_start)
        {
          if (c == ' ')
            {
              column++;
              continue;
            }
          if (!seen_continuation && continuation_indent != NULL)
            *continuation_indent = column;
          seen_continuation = TRUE;
          at_line_start = FALSE;
        }
      if (c == ' ' && i > 0 && i + 1 < length
          && !is_space (source[i - 1]) && !is_space (source[i + 1])
          && source[i + 1] != '\r' && source[i + 1] != '\n')
        lower = MAX (lower, column);
      if (((guchar) c & 0xc0) != 0x80)
        column++;
    }

  if (n_lines < 2)
    return 0;
  if (upper == G_MAXUINT || lower > upper)
    return MAX (lower, 1);
  return CLAMP (80, lower, upper);
}

guint
curator_scalar_infer_block_width (const char *data,
                                  gsize       header,
                                  gsize       end)
{
  guint lower = 0;
  guint upper = G_MAXUINT;
  guint longest = 0;
  gboolean any_fold = FALSE;
  gsize p = header;

  /* Skip the header line. */
  while (p < end && data[p] != '\n' && data[p] != '\r')
    p++;

  while (p < end)
    {
      gsize line_start, line_end, next;
      guint column = 0;
      guint indent = 0;

      while (p < end && (data[p] == '\n' || data[p] == '\r'))
        p++;
      line_start = p;
      while (p < end && data[p] == ' ')
        p++, indent++;
      line_end = p;
      while (line_end < end && data[line_end] != '\n' && data[line_end] != '\r')
        line_end++;
      if (line_end == p)
        {
          p = line_end;
          continue;
        }

      for (gsize i = line_start; i < line_end; i++)
        {
          if (data[i] == ' ' && i > p && i + 1 < line_end
              && data[i - 1] != ' ' && data[i + 1] != ' ')
            lower = MAX (lower, column);
          if (((guchar) data[i] & 0xc0) != 0x80)
            column++;
        }
      longest = MAX (longest, column);

      /* A break between two lines of text at the same indentation is a
       * fold; one before a blank line is a real line break. */
      next = line_end;
      if (next < end && data[next] == '\r')
        next++;
      if (next < end && data[next] == '\n')
        next++;
      if (next < end && data[next] != '\n' && data[next] != '\r')
        {
          guint next_indent = 0;

          while (next + next_indent < end && data[next + next_indent] == ' ')
            next_indent++;
          if (next_indent == indent && column > 0)
            {
              upper = MIN (upper, column - 1);
              any_fold = TRUE;
            }
        }
      p = line_end;
    }

  if (!any_fold)
    return longest > 80 ? 0 : 80;
  if (lower > upper)
    return MAX (lower, 1);
  return CLAMP (80, lower, upper);
}
