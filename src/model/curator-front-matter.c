/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-front-matter"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "curator-front-matter.h"
#include "curator-error.h"
#include "curator-position-private.h"

#define UTF8_BOM "\xef\xbb\xbf"

/* Length of the line break at @pos (0 when there is none): LF, CRLF or CR. */
static inline gsize
line_break_length (const char *data,
                   gsize       length,
                   gsize       pos)
{
  if (pos >= length)
    return 0;
  if (data[pos] == '\n')
    return 1;
  if (data[pos] == '\r')
    return (pos + 1 < length && data[pos + 1] == '\n') ? 2 : 1;
  return 0;
}

/* The first byte of the line break ending the line that holds @pos, or
 * @length when the line runs to the end of the data. */
static gsize
find_line_end (const char *data,
               gsize       length,
               gsize       pos)
{
  const char *lf, *cr;

  if (pos >= length)
    return length;

  /* Two memchr beat a byte loop on lines of ordinary length. */
  lf = memchr (data + pos, '\n', length - pos);
  cr = memchr (data + pos, '\r', (lf != NULL ? (gsize) (lf - data) : length) - pos);
  if (cr != NULL)
    return cr - data;
  return lf != NULL ? (gsize) (lf - data) : length;
}

/* Plain text (ASCII without NUL) is checked this many bytes at a time. */
#define PLAIN_BLOCK 64

/* Whether the PLAIN_BLOCK bytes at @d are all ASCII and none is NUL: one
 * pass over the file instead of a memchr() for NUL and then a UTF-8 check.
 * With SSE2 (every x86-64), a few instructions a block. */
static inline gboolean
is_plain_block (const guchar *d)
{
#ifdef __SSE2__
  __m128i a = _mm_loadu_si128 ((const __m128i *) d);
  __m128i b = _mm_loadu_si128 ((const __m128i *) (d + 16));
  __m128i c = _mm_loadu_si128 ((const __m128i *) (d + 32));
  __m128i e = _mm_loadu_si128 ((const __m128i *) (d + 48));
  __m128i zero = _mm_setzero_si128 ();
  __m128i high = _mm_or_si128 (_mm_or_si128 (a, b), _mm_or_si128 (c, e));
  __m128i nul = _mm_or_si128 (_mm_or_si128 (_mm_cmpeq_epi8 (a, zero), _mm_cmpeq_epi8 (b, zero)),
                              _mm_or_si128 (_mm_cmpeq_epi8 (c, zero), _mm_cmpeq_epi8 (e, zero)));

  return _mm_movemask_epi8 (_mm_or_si128 (high, nul)) == 0;
#else
  guchar high = 0, lowest = 0xff;

  for (guint k = 0; k < PLAIN_BLOCK; k++)
    {
      high |= d[k];
      lowest = MIN (lowest, d[k]);
    }
  return high < 0x80 && lowest != 0;
#endif
}

/* The length of the well-formed UTF-8 character at @d, a byte from 0x80
 * on, with @available bytes there; 0 when it is not one (a stray
 * continuation byte, an overlong form, a surrogate, beyond U+10FFFF or
 * cut short): what g_utf8_validate() accepts, without a call a
 * character. */
static inline gsize
utf8_char_length (const guchar *d,
                  gsize         available)
{
  guchar lead = d[0];
  guchar low = 0x80, high = 0xbf;
  gsize n;

  if (lead >= 0xc2 && lead <= 0xdf)
    n = 2;
  else if (lead >= 0xe0 && lead <= 0xef)
    {
      n = 3;
      if (lead == 0xe0)
        low = 0xa0;
      else if (lead == 0xed)
        high = 0x9f;
    }
  else if (lead >= 0xf0 && lead <= 0xf4)
    {
      n = 4;
      if (lead == 0xf0)
        low = 0x90;
      else if (lead == 0xf4)
        high = 0x8f;
    }
  else
    return 0;

  if (n > available || d[1] < low || d[1] > high)
    return 0;
  for (gsize k = 2; k < n; k++)
    if (d[k] < 0x80 || d[k] > 0xbf)
      return 0;
  return n;
}

/* Checks that @data is text: no NUL byte, valid UTF-8. Returns the first
 * NUL byte if there is one, else the first byte of invalid UTF-8, else
 * NULL. */
static const char *
find_not_text (const char *data,
               gsize       length)
{
  const guchar *d = (const guchar *) data;
  gsize i = 0;

  while (i < length)
    {
      gsize n;

      if (length - i >= PLAIN_BLOCK && is_plain_block (d + i))
        {
          i += PLAIN_BLOCK;
          continue;
        }

#ifdef __SSE2__
      /* Among other characters (a few in most text): to the next one 16
       * bytes at a time. */
      if (length - i >= 16)
        {
          __m128i v = _mm_loadu_si128 ((const __m128i *) (d + i));
          /* The high bit of each byte from 0x80 on, and of each NUL. */
          int special = _mm_movemask_epi8 (_mm_or_si128 (v, _mm_cmpeq_epi8 (v, _mm_setzero_si128 ())));

          if (special == 0)
            {
              i += 16;
              continue;
            }
          i += (gsize) __builtin_ctz ((unsigned) special);
        }
#endif

      if (d[i] == 0)
        return data + i;
      if (d[i] < 0x80)
        {
          i++;
          continue;
        }
      n = utf8_char_length (d + i, length - i);
      if (n == 0)
        {
          /* A NUL anywhere makes it binary, whatever comes first. */
          const char *nul = memchr (data + i, '\0', length - i);

          return nul != NULL ? nul : data + i;
        }
      i += n;
    }
  return NULL;
}

/* 1-based line and column (in characters) of byte @pos. */
static void
position_of (const char *data,
             gsize       pos,
             guint      *line,
             guint      *column)
{
  guint l = 1;
  gsize line_start = 0;

  for (gsize i = 0; i < pos; i++)
    {
      if (data[i] == '\n' || (data[i] == '\r' && data[i + 1] != '\n'))
        {
          l++;
          line_start = i + 1;
        }
    }

  *line = l;
  *column = 1;
  for (gsize i = line_start; i < pos; i++)
    if (((guchar) data[i] & 0xC0) != 0x80)
      (*column)++;
}

/* Whether the line [start, line_end) is @delimiter followed only by
 * spaces or tabs. */
static gboolean
is_delimiter_line (const char *data,
                   gsize       start,
                   gsize       line_end,
                   const char *delimiter)
{
  gsize n = strlen (delimiter);

  if (line_end - start < n || data[start] != delimiter[0] ||
      memcmp (data + start, delimiter, n) != 0)
    return FALSE;
  for (gsize i = start + n; i < line_end; i++)
    if (data[i] != ' ' && data[i] != '\t')
      return FALSE;
  return TRUE;
}

static CuratorLineEnding
line_ending_at (const char *data,
                gsize       length,
                gsize       pos)
{
  if (pos < length && data[pos] == '\r')
    return (pos + 1 < length && data[pos + 1] == '\n') ? CURATOR_LINE_ENDING_CRLF
                                                          : CURATOR_LINE_ENDING_CR;
  return CURATOR_LINE_ENDING_LF;
}

/* Finds the closing delimiter line of a YAML (--- or ...) or TOML (+++)
 * front matter starting at @pos. */
static gboolean
find_closing_line (const char  *data,
                   gsize        length,
                   gsize        pos,
                   const char  *delimiter,
                   const char  *alternative,
                   gsize       *closing_start,
                   gsize       *after_closing)
{
  /* Without a CR after @pos, a line ends at the next LF: one memchr a
   * line, and only lines starting like a delimiter are compared. */
  gboolean lf_only = memchr (data + pos, '\r', length - pos) == NULL;

  while (pos < length)
    {
      gsize line_end;

      if (lf_only)
        {
          const char *lf = memchr (data + pos, '\n', length - pos);

          line_end = lf != NULL ? (gsize) (lf - data) : length;
        }
      else
        line_end = find_line_end (data, length, pos);

      if ((data[pos] == delimiter[0] || (alternative != NULL && data[pos] == alternative[0])) &&
          (is_delimiter_line (data, pos, line_end, delimiter) ||
           (alternative != NULL && is_delimiter_line (data, pos, line_end, alternative))))
        {
          *closing_start = pos;
          *after_closing = line_end + line_break_length (data, length, line_end);
          return TRUE;
        }
      pos = line_end + line_break_length (data, length, line_end);
    }

  return FALSE;
}

/* JSON front matter is one object: find its closing brace, outside strings. */
static gboolean
find_json_end (const char *data,
               gsize       length,
               gsize       pos,
               gsize      *object_end)
{
  guint depth = 0;
  gboolean in_string = FALSE;

  for (; pos < length; pos++)
    {
      char c = data[pos];

      if (in_string)
        {
          if (c == '\\')
            pos++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        depth++;
      else if (c == '}' || c == ']')
        {
          if (depth == 0)
            return FALSE;
          if (--depth == 0)
            {
              *object_end = pos + 1;
              return TRUE;
            }
        }
    }

  return FALSE;
}

gboolean
curator_front_matter_split (const char               *data,
                            gsize                     length,
                            CuratorFrontMatterSplit  *split,
                            GError                  **error)
{
  const char *invalid;
  gsize pos = 0;
  gsize line_end;
  guint line, column;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (split != NULL, FALSE);

  memset (split, 0, sizeof *split);
  split->kind = CURATOR_FRONT_MATTER_NONE;
  split->line_ending = CURATOR_LINE_ENDING_LF;
  split->length = length;

  if (length == 0)
    return TRUE;

  invalid = find_not_text (data, length);
  if (invalid != NULL && *invalid == '\0')
    {
      position_of (data, invalid - data, &line, &column);
      curator_set_position_error (error, CURATOR_ERROR, CURATOR_ERROR_BINARY, line, column,
                                  "%s", _("a NUL byte: this is a binary file, not text"));
      return FALSE;
    }
  if (invalid != NULL)
    {
      position_of (data, invalid - data, &line, &column);
      curator_set_position_error (error, CURATOR_ERROR, CURATOR_ERROR_INVALID_UTF8, line, column,
                                  _("invalid UTF-8 (byte 0x%02X)"), (guchar) *invalid);
      return FALSE;
    }

  if (length >= 3 && memcmp (data, UTF8_BOM, 3) == 0)
    {
      split->has_bom = TRUE;
      pos = 3;
    }

  split->front_matter_start = pos;
  split->front_matter_end = pos;
  split->body_start = pos;

  line_end = find_line_end (data, length, pos);

  if (is_delimiter_line (data, pos, line_end, "---") ||
      is_delimiter_line (data, pos, line_end, "+++"))
    {
      gboolean toml = data[pos] == '+';
      gsize fm_start = line_end + line_break_length (data, length, line_end);
      gsize closing_start, after_closing;

      split->line_ending = line_ending_at (data, length, line_end);

      if (!find_closing_line (data, length, fm_start,
                              toml ? "+++" : "---", toml ? NULL : "...",
                              &closing_start, &after_closing))
        {
          /* The opening delimiter is always the first line. */
          curator_set_position_error (error, CURATOR_ERROR, CURATOR_ERROR_UNTERMINATED, 1, 1, "%s",
                                      toml ? _("the front matter opened here with +++ is never closed by a +++ line")
                                           : _("the front matter opened here with --- is never closed by a --- or ... line"));
          return FALSE;
        }

      split->kind = toml ? CURATOR_FRONT_MATTER_TOML : CURATOR_FRONT_MATTER_YAML;
      split->front_matter_start = fm_start;
      split->front_matter_end = closing_start;
      split->body_start = after_closing;
      return TRUE;
    }

  if (pos < length && data[pos] == '{')
    {
      gsize object_end, after;

      if (!find_json_end (data, length, pos, &object_end))
        {
          curator_set_position_error (error, CURATOR_ERROR, CURATOR_ERROR_UNTERMINATED, 1, 1,
                                      "%s", _("the JSON front matter opened here is never closed by a matching }"));
          return FALSE;
        }

      /* The rest of the closing brace's line belongs to the front matter. */
      after = find_line_end (data, length, object_end);
      split->kind = CURATOR_FRONT_MATTER_JSON;
      split->line_ending = line_ending_at (data, length, find_line_end (data, length, pos));
      split->front_matter_start = pos;
      split->front_matter_end = object_end;
      split->body_start = after + line_break_length (data, length, after);
      return TRUE;
    }

  return TRUE;
}
