/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-shortcode"

#include "config.h"

#include <string.h>

#include "curator-shortcode.h"

/* Hugo's shortcode tags, found the way its page lexer finds them
 * (parser/pageparser/pagelexer_shortcode.go in Hugo 0.111): "{{<" or
 * "{{%", a name or "/name", arguments (quoted strings may not span lines,
 * `raw strings` may), and the matching ">}}" or "%}}". What Hugo refuses
 * (no name, no end, a quote left open) is not a shortcode here: it stays
 * text. The arguments are not checked further than that. */

/* No tag is longer: a candidate that has not ended by then is text. This
 * bounds the work on a body full of "{{<" that never close. */
#define MAX_TAG_LENGTH 4096

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static gboolean
is_name_char (char c,
              gboolean first)
{
  /* Letters and digits in any script, '_'; then also '-', '/' (a
   * shortcode in a folder) and '.' (inline shortcodes). */
  if (g_ascii_isalnum (c) || c == '_' || (guchar)c >= 0x80)
    return TRUE;
  return !first && (c == '-' || c == '/' || c == '.');
}

static gsize
skip_spaces (const char *text,
             gsize       at,
             gsize       end)
{
  while (at < end && is_space (text[at]))
    at++;
  return at;
}

static gboolean
has_at (const char *text,
        gsize       at,
        gsize       end,
        const char *what)
{
  gsize length = strlen (what);

  return end - at >= length && memcmp (text + at, what, length) == 0;
}

/* Reads the tag that starts at @start ("{{<" or "{{%"). */
static gboolean
scan_tag (const char       *text,
          gsize             start,
          gsize             length,
          CuratorShortcode *shortcode)
{
  gsize end = MIN (length, start + MAX_TAG_LENGTH);
  const char *close = text[start + 2] == '%' ? "%}}" : ">}}";
  gsize at = start + 3;

  memset (shortcode, 0, sizeof *shortcode);
  shortcode->offset = start;
  shortcode->markup = text[start + 2] == '%';

  /* {{</ * text * />}} (without the spaces): Hugo's way to write a
   * shortcode as text. */
  if (has_at (text, at, end, "/*"))
    {
      for (gsize search = at + 2; search + 2 + 3 <= end; search++)
        if (has_at (text, search, end, "*/") && has_at (text, search + 2, end, close))
          {
            shortcode->kind = CURATOR_SHORTCODE_COMMENT;
            shortcode->args_offset = at + 2;
            shortcode->args_length = search - (at + 2);
            shortcode->length = search + 2 + 3 - start;
            return TRUE;
          }
      return FALSE;
    }

  at = skip_spaces (text, at, end);
  shortcode->kind = CURATOR_SHORTCODE_OPEN;
  if (at < end && text[at] == '/')
    {
      shortcode->kind = CURATOR_SHORTCODE_CLOSE;
      at = skip_spaces (text, at + 1, end);
    }

  shortcode->name_offset = at;
  while (at < end && is_name_char (text[at], at == shortcode->name_offset))
    at++;
  shortcode->name_length = at - shortcode->name_offset;
  if (shortcode->name_length == 0)
    return FALSE;

  if (shortcode->kind == CURATOR_SHORTCODE_CLOSE)
    {
      at = skip_spaces (text, at, end);
      if (!has_at (text, at, end, close))
        return FALSE;
      shortcode->length = at + 3 - start;
      return TRUE;
    }

  shortcode->args_offset = at;
  while (at < end)
    {
      char c = text[at];

      if (has_at (text, at, end, close))
        {
          shortcode->args_length = at - shortcode->args_offset;
          shortcode->length = at + 3 - start;
          return TRUE;
        }

      if (c == '/' && has_at (text, skip_spaces (text, at + 1, end), end, close))
        {
          shortcode->kind = CURATOR_SHORTCODE_SELF;
          shortcode->args_length = at - shortcode->args_offset;
          shortcode->length = skip_spaces (text, at + 1, end) + 3 - start;
          return TRUE;
        }

      if (c == '"')
        {
          /* To the closing quote, \" escaped; never past the line. */
          for (at++; at < end && text[at] != '"'; at++)
            {
              if (text[at] == '\n' || text[at] == '\r')
                return FALSE;
              if (text[at] == '\\' && at + 1 < end && text[at + 1] == '"')
                at++;
            }
          if (at >= end)
            return FALSE;
        }
      else if (c == '`')
        {
          const char *quote = memchr (text + at + 1, '`', end - at - 1);

          if (quote == NULL)
            return FALSE;
          at = quote - text;
        }
      at++;
    }

  return FALSE;
}

/**
 * curator_shortcode_scan:
 * @text: a Markdown body
 * @length: its length in bytes
 *
 * Returns: (transfer full) (element-type CuratorShortcode): the shortcode
 *   tags of @text, in order, none overlapping
 */
GArray *
curator_shortcode_scan (const char *text,
                        gsize       length)
{
  GArray *shortcodes = g_array_new (FALSE, FALSE, sizeof (CuratorShortcode));
  gsize at = 0;

  g_return_val_if_fail (text != NULL || length == 0, shortcodes);

  while (at + 3 <= length)
    {
      const char *brace = memchr (text + at, '{', length - at);
      gsize start;
      CuratorShortcode shortcode;

      if (brace == NULL)
        break;
      start = brace - text;
      if (start + 5 > length)
        break;
      if (text[start + 1] != '{' || (text[start + 2] != '<' && text[start + 2] != '%'))
        {
          at = start + 1;
          continue;
        }

      if (scan_tag (text, start, length, &shortcode))
        {
          g_array_append_val (shortcodes, shortcode);
          at = start + shortcode.length;
        }
      else
        at = start + 1;
    }

  return shortcodes;
}
