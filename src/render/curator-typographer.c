/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-typographer"

#include "config.h"

#include <string.h>

#include "curator-markdown-private.h"

/* Smart punctuation the way Hugo 0.111 gives it: goldmark 1.5.4's
 * typographer extension (extension/typographer.go), which Hugo enables
 * by default, rule for rule.
 *
 * goldmark decides at each character of a block's inline source, looking
 * at the character before it and the rest of its line. Here the block is
 * already parsed: @flat stands for its inline source, the text of its
 * text nodes with what the other inlines would have around them (a
 * punctuation mark for an emphasis or link delimiter, a newline for a
 * line break; see curator-markdown.c). Quotes next to an inline element
 * are thus judged as goldmark judges them. One difference: a quote
 * written \" or &quot; is text like any other here, where goldmark leaves
 * it straight. */

typedef enum
{
  NONE,
  APOSTROPHE,
  LEFT_SINGLE,
  RIGHT_SINGLE,
  LEFT_DOUBLE,
  RIGHT_DOUBLE,
  EN_DASH,
  EM_DASH,
  ELLIPSIS,
  LEFT_ANGLE,
  RIGHT_ANGLE,
} Substitution;

static const char * const entities[] = {
  [APOSTROPHE] = "&rsquo;",
  [LEFT_SINGLE] = "&lsquo;",
  [RIGHT_SINGLE] = "&rsquo;",
  [LEFT_DOUBLE] = "&ldquo;",
  [RIGHT_DOUBLE] = "&rdquo;",
  [EN_DASH] = "&ndash;",
  [EM_DASH] = "&mdash;",
  [ELLIPSIS] = "&hellip;",
  [LEFT_ANGLE] = "&laquo;",
  [RIGHT_ANGLE] = "&raquo;",
};

/* Go's unicode.IsPunct: the P categories only. */
static gboolean
go_is_punct (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_CONNECT_PUNCTUATION:
    case G_UNICODE_DASH_PUNCTUATION:
    case G_UNICODE_CLOSE_PUNCTUATION:
    case G_UNICODE_FINAL_PUNCTUATION:
    case G_UNICODE_INITIAL_PUNCTUATION:
    case G_UNICODE_OTHER_PUNCTUATION:
    case G_UNICODE_OPEN_PUNCTUATION:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Go's unicode.IsSpace. */
static gboolean
go_is_space (gunichar c)
{
  if (c <= 0xFF)
    return c == ' ' || (c >= '\t' && c <= '\r') || c == 0x85 || c == 0xA0;

  switch (g_unichar_type (c))
    {
    case G_UNICODE_SPACE_SEPARATOR:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
      return TRUE;
    default:
      return FALSE;
    }
}

/* goldmark's util.IsPunct and util.IsSpace, on bytes. */
static gboolean
byte_is_punct (char c)
{
  return c != '\0' && strchr ("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) != NULL;
}

static gboolean
byte_is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* goldmark's util.IsPunctRune and util.IsSpaceRune. */
static gboolean
rune_is_punct (gunichar c)
{
  return (c < 0x80 && byte_is_punct ((char)c)) || go_is_punct (c);
}

static gboolean
rune_is_space (gunichar c)
{
  return (c < 0x80 && byte_is_space ((char)c)) || go_is_space (c);
}

typedef struct
{
  const char *text;
  gsize       length;   /* of the line from the character on */
} Line;

/* The rest of the line from @at, its newline included (goldmark's
 * PeekLine). Only the first few bytes are ever looked at. */
static Line
peek_line (const char *flat,
           gsize       flat_length,
           gsize       at)
{
  const char *newline = memchr (flat + at, '\n', MIN (flat_length - at, 8));
  Line line = { flat + at, flat_length - at };

  if (newline != NULL)
    line.length = newline - (flat + at) + 1;
  return line;
}

static gunichar
rune_at (const Line *line,
         gsize       index)
{
  gunichar c;

  if (index >= line->length)
    return ' ';
  c = g_utf8_get_char_validated (line->text + index, line->length - index);
  return c == (gunichar)-1 || c == (gunichar)-2 ? 0xFFFD : c;
}

static gunichar
rune_before (const char *flat,
             gsize       at)
{
  const char *previous;
  gunichar c;

  /* goldmark's PrecendingCharacter at the start of a block. */
  if (at == 0)
    return '\n';
  previous = g_utf8_find_prev_char (flat, flat + at);
  if (previous == NULL)
    return '\n';
  c = g_utf8_get_char_validated (previous, flat + at - previous);
  return c == (gunichar)-1 || c == (gunichar)-2 ? 0xFFFD : c;
}

/* goldmark's parser.ScanDelimiter for a run of quotes. */
static void
scan_delimiter (const Line *line,
                gunichar    before,
                gboolean   *can_open,
                gboolean   *can_close)
{
  gsize run = 1;
  gunichar after;
  gboolean before_punct, before_space, after_punct, after_space;

  while (run < line->length && line->text[run] == line->text[0])
    run++;
  after = run == line->length ? ' ' : rune_at (line, run);

  before_punct = rune_is_punct (before);
  before_space = rune_is_space (before);
  after_punct = rune_is_punct (after);
  after_space = rune_is_space (after);

  *can_open = !after_space && (!after_punct || before_space || before_punct);
  *can_close = !before_space && (!before_punct || after_space || after_punct);
}

/* goldmark's maybeClose: a quote that could open or close, before
 * punctuation. The line has at least two bytes. */
static gboolean
maybe_close (const Line *line,
             gboolean    can_open,
             gboolean    can_close)
{
  return can_close && can_open && go_is_punct (rune_at (line, 1)) &&
         (line->length == 2 || byte_is_punct (line->text[2]) || byte_is_space (line->text[2]));
}

/* What replaces the text at the start of @line, and how many bytes of it. */
static Substitution
substitute (const Line              *line,
            gunichar                 before,
            CuratorTypographerState *state,
            gsize                   *consumed)
{
  const char *l = line->text;
  gsize n = line->length;
  char c = l[0];
  gboolean can_open, can_close;

  *consumed = 1;

  if (n > 2)
    {
      if (c == '-' && l[1] == '-' && l[2] == '-')
        {
          *consumed = 3;
          return EM_DASH;
        }
      if (c == '.')
        {
          if (l[1] == '.' && l[2] == '.')
            {
              *consumed = 3;
              return ELLIPSIS;
            }
          return NONE;
        }
    }

  if (n > 1)
    {
      if (c == '<' || c == '>')
        {
          if (l[1] != c)
            return NONE;
          *consumed = 2;
          return c == '<' ? LEFT_ANGLE : RIGHT_ANGLE;
        }
      if (c == '-' && l[1] == '-')
        {
          *consumed = 2;
          return EN_DASH;
        }
    }

  if (c != '\'' && c != '"')
    return NONE;

  scan_delimiter (line, before, &can_open, &can_close);

  if (c == '\'')
    {
      /* Decades: '90s */
      if (can_open && !can_close && n > 3 && g_ascii_isdigit (l[1]) && g_ascii_isdigit (l[2]) && l[3] == 's')
        {
          gunichar after = n > 4 ? rune_at (line, 4) : ' ';

          if (rune_is_space (after) || rune_is_punct (after))
            return APOSTROPHE;
        }
      /* 'twas, 'em, 'net */
      if (n > 1 && (go_is_punct (before) || go_is_space (before)) &&
          (l[1] == 't' || l[1] == 'e' || l[1] == 'n' || l[1] == 'l'))
        return APOSTROPHE;
      /* Between a letter or digit and a letter. */
      if (n > 1 && (g_unichar_isdigit (before) || g_unichar_isalpha (before)) &&
          g_unichar_isalpha (rune_at (line, 1)))
        return APOSTROPHE;

      if (can_open && !can_close)
        {
          Substitution quote = LEFT_SINGLE;

          /* Alice's, I'm, Don't, You'd */
          if (n > 1 && (l[1] == 's' || l[1] == 'm' || l[1] == 't' || l[1] == 'd') &&
              (n < 3 || byte_is_punct (l[2]) || byte_is_space (l[2])))
            quote = RIGHT_SINGLE;
          /* I've, I'll, You're */
          if (n > 2 &&
              ((l[1] == 'v' && l[2] == 'e') || (l[1] == 'l' && l[2] == 'l') || (l[1] == 'r' && l[2] == 'e')) &&
              (n < 4 || byte_is_punct (l[3]) || byte_is_space (l[3])))
            quote = RIGHT_SINGLE;
          if (quote == LEFT_SINGLE)
            state->single_quotes++;
          return quote;
        }

      /* Smiths', doin' (goldmark's condition, whose first half never
       * holds: the quote is no space) */
      if (n > 2 && !g_unichar_isdigit (rune_at (line, 1)))
        return RIGHT_SINGLE;

      if (state->single_quotes > 0 &&
          ((can_close && !can_open) || (n > 1 && maybe_close (line, can_open, can_close))))
        {
          state->single_quotes--;
          return RIGHT_SINGLE;
        }
      return NONE;
    }

  if (can_open && !can_close)
    {
      state->double_quotes++;
      return LEFT_DOUBLE;
    }
  if (state->double_quotes > 0 &&
      ((can_close && !can_open) || (n > 1 && maybe_close (line, can_open, can_close))))
    {
      /* "Monitor 21"" */
      if (n > 1 && l[1] == '"' && g_unichar_isdigit (before))
        return NONE;
      state->double_quotes--;
      return RIGHT_DOUBLE;
    }

  return NONE;
}

void
curator_markdown_append_escaped (GString    *html,
                                 const char *text,
                                 gsize       length)
{
  const char *end = text + length;
  const char *run = text;

  for (const char *at = text; at < end; at++)
    {
      const char *entity;

      switch (*at)
        {
        case '&': entity = "&amp;"; break;
        case '<': entity = "&lt;"; break;
        case '>': entity = "&gt;"; break;
        case '"': entity = "&quot;"; break;
        default: continue;
        }
      g_string_append_len (html, run, at - run);
      g_string_append (html, entity);
      run = at + 1;
    }
  g_string_append_len (html, run, end - run);
}

static void
append_text (GString    *html,
             const char *text,
             gsize       length,
             gboolean    escape)
{
  if (escape)
    curator_markdown_append_escaped (html, text, length);
  else
    g_string_append_len (html, text, length);
}

/**
 * curator_typographer_append:
 * @html: where the HTML goes
 * @flat: the inline source of the block
 * @flat_length: its length
 * @text_offset: where the text to append starts in @flat
 * @text_length: its length
 * @escape: whether the text is escaped for HTML (the entities never are)
 * @state: the quotes left open so far
 *
 * Appends the text with goldmark's substitutions in it.
 */
void
curator_typographer_append (GString                 *html,
                            const char              *flat,
                            gsize                    flat_length,
                            gsize                    text_offset,
                            gsize                    text_length,
                            gboolean                 escape,
                            CuratorTypographerState *state)
{
  gsize end = text_offset + text_length;
  gsize run = text_offset;
  gsize at = text_offset;

  g_assert (end <= flat_length);

  while (at < end)
    {
      char c = flat[at];
      Substitution substitution;
      Line line;
      gsize consumed;

      if (c != '\'' && c != '"' && c != '-' && c != '.' && c != '<' && c != '>')
        {
          at++;
          continue;
        }

      /* What follows the text counts as context; only the text itself
       * is replaced. */
      line = peek_line (flat, flat_length, at);
      substitution = substitute (&line, rune_before (flat, at), state, &consumed);
      if (substitution == NONE || at + consumed > end)
        {
          at++;
          continue;
        }

      append_text (html, flat + run, at - run, escape);
      g_string_append (html, entities[substitution]);
      at += consumed;
      run = at;
    }

  append_text (html, flat + run, end - run, escape);
}
