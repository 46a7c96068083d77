/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-position"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "curator-position-private.h"

/* The untranslated format, for messages made while no catalogue applied. */
#define ENGLISH_FORMAT "line %u, column %u: %s"

char *
curator_position_message (guint       line,
                          guint       column,
                          const char *text)
{
  /* Translators: a place in the file, then what is wrong there, e.g.
   * "line 3, column 5: duplicate key “title”". The command line tool and
   * the window read the line and column back from this exact format:
   * both numbers must stay. They may be reordered as %1$u (line),
   * %2$u (column) and %3$s (the text), e.g. "%3$s (line %1$u, column %2$u)". */
  return g_strdup_printf (_("line %u, column %u: %s"), line, column, text);
}

void
curator_set_position_error (GError     **error,
                            GQuark       domain,
                            gint         code,
                            guint        line,
                            guint        column,
                            const char  *format,
                            ...)
{
  g_autofree char *text = NULL;
  g_autofree char *message = NULL;
  va_list args;

  if (error == NULL)
    return;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  message = curator_position_message (line, column, text);
  g_set_error_literal (error, domain, code, message);
}

/* The format, split on its directives into what a message must hold. */
typedef enum
{
  PIECE_LITERAL,
  PIECE_NUMBER,   /* %u: ASCII digits */
  PIECE_TEXT,     /* %s: anything */
} PieceKind;

enum
{
  ARG_LINE,
  ARG_COLUMN,
  ARG_TEXT,
  N_ARGS
};

typedef struct
{
  PieceKind   kind;
  const char *literal;   /* PIECE_LITERAL: in the format */
  gsize       length;
  guint       arg;       /* PIECE_NUMBER, PIECE_TEXT: ARG_* */
} Piece;

/* Three directives, the text around them and a few %%: more is no sane
 * translation. */
#define MAX_PIECES 32

typedef struct
{
  Piece pieces[MAX_PIECES];
  guint n_pieces;
} Pattern;

typedef struct
{
  guint       numbers[2];   /* ARG_LINE, ARG_COLUMN */
  const char *text;
  gsize       text_length;
} Match;

static gboolean
pattern_add (Pattern    *pattern,
             PieceKind   kind,
             const char *literal,
             gsize       length,
             guint       arg)
{
  Piece *piece;

  if (pattern->n_pieces == MAX_PIECES)
    return FALSE;
  piece = &pattern->pieces[pattern->n_pieces++];
  piece->kind = kind;
  piece->literal = literal;
  piece->length = length;
  piece->arg = arg;
  return TRUE;
}

/* Accepts %u, %s, %1$u, %2$u, %3$s and %%, each argument exactly once,
 * numbered all or none, as printf does. */
static gboolean
pattern_init (Pattern    *pattern,
              const char *format)
{
  gboolean seen[N_ARGS] = { FALSE, FALSE, FALSE };
  gboolean numbered = FALSE;
  gboolean unnumbered = FALSE;
  guint next_arg = 0;
  const char *literal = format;
  const char *p = format;

  pattern->n_pieces = 0;

  while (*p != '\0')
    {
      guint arg;

      if (*p != '%')
        {
          p++;
          continue;
        }

      if (p > literal && !pattern_add (pattern, PIECE_LITERAL, literal, p - literal, 0))
        return FALSE;
      p++;

      if (*p == '%')
        {
          if (!pattern_add (pattern, PIECE_LITERAL, p, 1, 0))
            return FALSE;
          literal = ++p;
          continue;
        }

      if (*p >= '1' && *p <= '0' + N_ARGS && p[1] == '$')
        {
          arg = *p - '1';
          numbered = TRUE;
          p += 2;
        }
      else
        {
          arg = next_arg++;
          unnumbered = TRUE;
        }
      if ((numbered && unnumbered) || arg >= N_ARGS || seen[arg])
        return FALSE;
      seen[arg] = TRUE;

      if (*p == 'u' && arg != ARG_TEXT)
        {
          if (!pattern_add (pattern, PIECE_NUMBER, NULL, 0, arg))
            return FALSE;
        }
      else if (*p == 's' && arg == ARG_TEXT)
        {
          if (!pattern_add (pattern, PIECE_TEXT, NULL, 0, arg))
            return FALSE;
        }
      else
        return FALSE;
      literal = ++p;
    }

  if (p > literal && !pattern_add (pattern, PIECE_LITERAL, literal, p - literal, 0))
    return FALSE;

  return seen[ARG_LINE] && seen[ARG_COLUMN] && seen[ARG_TEXT];
}

/* Whether @pieces match all of @p, to its end. */
static gboolean
match_pieces (const Piece *pieces,
              guint        n_pieces,
              const char  *p,
              Match       *match)
{
  if (n_pieces == 0)
    return *p == '\0';

  switch (pieces[0].kind)
    {
    case PIECE_LITERAL:
      return strncmp (p, pieces[0].literal, pieces[0].length) == 0 &&
             match_pieces (pieces + 1, n_pieces - 1, p + pieces[0].length, match);

    case PIECE_NUMBER:
      {
        guint value = 0;

        if (!g_ascii_isdigit (*p))
          return FALSE;
        for (; g_ascii_isdigit (*p); p++)
          {
            guint digit = *p - '0';

            if (value > (G_MAXUINT - digit) / 10)
              return FALSE;
            value = value * 10 + digit;
          }
        match->numbers[pieces[0].arg] = value;
        return match_pieces (pieces + 1, n_pieces - 1, p, match);
      }

    case PIECE_TEXT:
    default:
      {
        /* The longest text the rest of the pattern allows. */
        for (gsize length = strlen (p) + 1; length-- > 0;)
          if (match_pieces (pieces + 1, n_pieces - 1, p + length, match))
            {
              match->text = p;
              match->text_length = length;
              return TRUE;
            }
        return FALSE;
      }
    }
}

/* At the start of @message, else after the first "PREFIX: " that works. */
static gboolean
pattern_find (const Pattern *pattern,
              const char    *message,
              Match         *match)
{
  const char *start = message;

  while (start != NULL)
    {
      if (match_pieces (pattern->pieces, pattern->n_pieces, start, match))
        return TRUE;
      start = strstr (start, ": ");
      if (start != NULL)
        start += 2;
    }
  return FALSE;
}

gboolean
curator_position_message_parse_format (const char  *format,
                                       const char  *message,
                                       guint       *line,
                                       guint       *column,
                                       char       **text)
{
  Pattern pattern;
  Match match;

  g_return_val_if_fail (format != NULL, FALSE);

  if (message == NULL || !pattern_init (&pattern, format) ||
      !pattern_find (&pattern, message, &match))
    return FALSE;

  if (line != NULL)
    *line = match.numbers[ARG_LINE];
  if (column != NULL)
    *column = match.numbers[ARG_COLUMN];
  if (text != NULL)
    *text = g_strndup (match.text, match.text_length);
  return TRUE;
}

/* The format is curator_position_message()'s, translated. */
gboolean
curator_position_message_parse (const char  *message,
                                guint       *line,
                                guint       *column,
                                char       **text)
{
  const char *translated = _("line %u, column %u: %s");

  if (curator_position_message_parse_format (translated, message, line, column, text))
    return TRUE;
  /* A message made before the catalogue applied, or by a tool without it. */
  return strcmp (translated, ENGLISH_FORMAT) != 0 &&
         curator_position_message_parse_format (ENGLISH_FORMAT, message, line, column, text);
}
