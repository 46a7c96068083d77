/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-yaml-parser"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "curator-yaml-parser-private.h"

/* Each thread keeps the parser of its last front matter for the next one.
 * A new libyaml parser allocates 64 KB of input buffers and six queues and
 * stacks; freeing them merges chunks of over 64 KB, and glibc then
 * consolidates every small block libyaml freed meanwhile. On front matters
 * of a few hundred bytes (Hugo docs pages) that was 3,100 instructions a
 * file, a quarter of what opening one cost beyond the bare scan.
 *
 * Reusing one rests on yaml_parser_t's fields (public in yaml.h): a parser
 * is kept only after a parse that left nothing allocated in its queues (no
 * error, no token waiting, no tag directive open), and is emptied as
 * yaml_parser_initialize() leaves a new one, its buffers kept. A libyaml
 * other than 0.2 (whose fields these are) gets a new parser each time. */

static void spare_parser_free (gpointer data);
static GPrivate spare_parser = G_PRIVATE_INIT (spare_parser_free);

static void
spare_parser_free (gpointer data)
{
  yaml_parser_t *parser = data;

  yaml_parser_delete (parser);
  g_free (parser);
}

/* The size of a new parser's input buffer. */
static gsize fresh_buffer_size;

/* Whether this libyaml's yaml_parser_t fields are the ones this file
 * knows (0.2's). */
gboolean
curator_yaml_parser_knows_fields (void)
{
  static gsize known;
  static gboolean reuse;

  if (g_once_init_enter (&known))
    {
      int major = 0, minor = 0, patch = 0;
      yaml_parser_t parser;

      yaml_get_version (&major, &minor, &patch);
      reuse = major == 0 && minor == 2;
      if (reuse && yaml_parser_initialize (&parser))
        {
          fresh_buffer_size = (gsize) (parser.buffer.end - parser.buffer.start);
          yaml_parser_delete (&parser);
        }
      g_once_init_leave (&known, 1);
    }
  return reuse;
}

gboolean
curator_yaml_parser_take (yaml_parser_t *parser)
{
  yaml_parser_t *spare = g_private_get (&spare_parser);
  yaml_parser_t kept;

  if (spare == NULL || spare->raw_buffer.start == NULL)
    return yaml_parser_initialize (parser) != 0;

  /* The spare is empty again until this one comes back. */
  kept = *spare;
  memset (spare, 0, sizeof *spare);
  memset (parser, 0, sizeof *parser);

  parser->raw_buffer.start = parser->raw_buffer.pointer = parser->raw_buffer.last = kept.raw_buffer.start;
  parser->raw_buffer.end = kept.raw_buffer.end;
  parser->buffer.start = parser->buffer.pointer = parser->buffer.last = kept.buffer.start;
  parser->buffer.end = kept.buffer.end;
  parser->tokens.start = parser->tokens.head = parser->tokens.tail = kept.tokens.start;
  parser->tokens.end = kept.tokens.end;
  parser->indents.start = parser->indents.top = kept.indents.start;
  parser->indents.end = kept.indents.end;
  parser->simple_keys.start = parser->simple_keys.top = kept.simple_keys.start;
  parser->simple_keys.end = kept.simple_keys.end;
  parser->states.start = parser->states.top = kept.states.start;
  parser->states.end = kept.states.end;
  parser->marks.start = parser->marks.top = kept.marks.start;
  parser->marks.end = kept.marks.end;
  parser->tag_directives.start = parser->tag_directives.top = kept.tag_directives.start;
  parser->tag_directives.end = kept.tag_directives.end;
  return TRUE;
}

void
curator_yaml_parser_give_back (yaml_parser_t *parser)
{
  yaml_parser_t *spare;

  /* Only the queue of tokens and the tag directives hold allocations of
   * their own; the other stacks hold plain values. */
  /* A buffer grown for a long front matter is not kept. */
  if (!curator_yaml_parser_knows_fields () || parser->error != YAML_NO_ERROR ||
      (gsize) (parser->buffer.end - parser->buffer.start) != fresh_buffer_size ||
      parser->tokens.head != parser->tokens.tail ||
      parser->tag_directives.top != parser->tag_directives.start)
    {
      yaml_parser_delete (parser);
      return;
    }

  spare = g_private_get (&spare_parser);
  if (spare == NULL)
    {
      spare = g_new0 (yaml_parser_t, 1);
      g_private_set (&spare_parser, spare);
    }
  if (spare->raw_buffer.start != NULL)
    {
      /* Two parsers at once on this thread: keep one. */
      yaml_parser_delete (parser);
      return;
    }
  *spare = *parser;
  memset (parser, 0, sizeof *parser);
}

/* Whether the 16 bytes at @d are all characters YAML allows, one byte
 * each: printable ASCII, tab, LF or CR. */
static inline gboolean
is_plain_yaml_block (const guchar *d)
{
#ifdef __SSE2__
  __m128i v = _mm_loadu_si128 ((const __m128i *) d);
  /* A signed compare: bytes of 0x80 and over count as below 0x20 too. */
  __m128i low = _mm_cmplt_epi8 (v, _mm_set1_epi8 (0x20));
  __m128i allowed = _mm_or_si128 (_mm_or_si128 (_mm_cmpeq_epi8 (v, _mm_set1_epi8 ('\t')),
                                                _mm_cmpeq_epi8 (v, _mm_set1_epi8 ('\n'))),
                                  _mm_cmpeq_epi8 (v, _mm_set1_epi8 ('\r')));
  __m128i bad = _mm_or_si128 (_mm_andnot_si128 (allowed, low),
                              _mm_cmpeq_epi8 (v, _mm_set1_epi8 (0x7F)));

  return _mm_movemask_epi8 (bad) == 0;
#else
  for (guint k = 0; k < 16; k++)
    if (d[k] >= 0x7F || (d[k] < 0x20 && d[k] != '\t' && d[k] != '\n' && d[k] != '\r'))
      return FALSE;
  return TRUE;
#endif
}

/* Counts the characters of @data into @n_chars when every one is valid
 * UTF-8 that YAML allows (what libyaml's reader checks: tab, LF, CR,
 * printable ASCII, NEL, and U+00A0 on but for surrogates, U+FFFE and
 * U+FFFF). */
static gboolean
count_yaml_characters (const char *data,
                       gsize       length,
                       gsize      *n_chars)
{
  const guchar *d = (const guchar *) data;
  gsize i = 0, n = 0;

  while (i < length)
    {
      gunichar c;

      if (i + 16 <= length && is_plain_yaml_block (d + i))
        {
          i += 16;
          n += 16;
          continue;
        }

      if (d[i] < 0x80)
        {
          if (d[i] >= 0x7F || (d[i] < 0x20 && d[i] != '\t' && d[i] != '\n' && d[i] != '\r'))
            return FALSE;
          i++;
          n++;
          continue;
        }

      /* Overlong forms, surrogates and incomplete sequences are refused. */
      c = g_utf8_get_char_validated (data + i, length - i);
      if (c == (gunichar) -1 || c == (gunichar) -2 ||
          !(c == 0x85 || (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
            (c >= 0x10000 && c <= 0x10FFFF)))
        return FALSE;
      i += (gsize) g_utf8_skip[d[i]];
      n++;
    }

  *n_chars = n;
  return TRUE;
}

/* NULs after the one that ends the text. libyaml stops at that one when
 * it looks ahead (up to four characters); these are there in case. */
#define BUFFER_PADDING 4

void
curator_yaml_parser_set_input (yaml_parser_t *parser,
                               const char    *data,
                               gsize          length)
{
  gsize n_chars;
  gsize needed = length + 1 + BUFFER_PADDING;

  yaml_parser_set_input_string (parser, (const unsigned char *) data, length);
  yaml_parser_set_encoding (parser, YAML_UTF8_ENCODING);

  /* libyaml decodes its input one character at a time into its buffer,
   * checking each: a fifth of the time a small front matter takes. Text
   * that passes the same checks here is copied there at once, as libyaml's
   * reader leaves it at the end of its input: the characters then a NUL,
   * all read. Anything else is left to libyaml's reader, and its errors. */
  if (!curator_yaml_parser_knows_fields () || !count_yaml_characters (data, length, &n_chars))
    return;

  if (needed > (gsize) (parser->buffer.end - parser->buffer.start))
    {
      /* libyaml 0.2 allocates its buffers with malloc() and frees them
       * with free(). */
      yaml_char_t *grown = realloc (parser->buffer.start, needed);

      if (grown == NULL)
        return;
      parser->buffer.start = grown;
      parser->buffer.end = grown + needed;
    }

  memcpy (parser->buffer.start, data, length);
  memset (parser->buffer.start + length, 0, 1 + BUFFER_PADDING);
  parser->buffer.pointer = parser->buffer.start;
  parser->buffer.last = parser->buffer.start + length + 1;
  parser->unread = n_chars + 1;
  parser->offset = length;
  parser->eof = 1;
  parser->input.string.current = parser->input.string.end;
}
