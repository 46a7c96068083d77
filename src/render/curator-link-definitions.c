/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-link-definitions"

#include "config.h"

#include <string.h>

#include "curator-link-definitions.h"

/* The definitions come as paragraphs (curator_markdown_outline() writes
 * each run of link definitions as one, each footnote's definition as
 * one, a blank line between two). They are kept or left out by pieces:
 * each definition of a paragraph whose lines are all definitions of one
 * line, else the whole paragraph. A piece is kept for a run when the
 * first word of one of its labels may start a label in the run, or in a
 * footnote kept for it.
 *
 * Labels match when they are the same after Unicode case folding and
 * with their white space collapsed (CommonMark 0.30, 4.7), so a
 * reference starts with the first word of the label it refers to, in
 * another case. The words are compared in ASCII lowercase, which is
 * that folding for ASCII; the only characters that fold into ASCII
 * letters are the few that refers_beyond_ascii() looks for. A piece
 * whose label's first word is not plain ASCII is kept for every run.
 *
 * A piece left out leaves blank lines: the others stay on the lines
 * they have in all of them, where cmark-gfm numbers footnotes
 * (curator_markdown_render_chunk() knows a footnote by its line), the
 * same for every run. A definition of a paragraph goes without the
 * indentation the paragraph gave it: after a blank line, it would be
 * code. */

typedef struct
{
  gsize                 offset;
  gsize                 length;  /* its last line's '\n' included */
  guint                 line;    /* where it starts, from 0 */
  guint                 n_lines;
  guint                 hash;
  /* A footnote's: what its text refers to. */
  gboolean              footnote;
  CuratorLinkReferences references;
} Piece;

struct _CuratorLinkDefinitions
{
  char       *text;
  GArray     *pieces;    /* of Piece */
  GHashTable *words;     /* first word of a label -> GArray of piece indices */
  GArray     *always;    /* of piece indices, the pieces kept for every run */
  /* What curator_link_definitions_select() chose last: the pieces
   * stamped with its count, in @chosen (in their order), or all. */
  guint      *stamps;
  guint       count;
  GArray     *chosen;
  gboolean    all;
};

typedef enum
{
  WORD_NONE,
  WORD_PLAIN,   /* ASCII, no escape nor entity */
  WORD_OTHER,
} WordKind;

static gboolean
is_line_end (char c)
{
  return c == '\n' || c == '\r';
}

static gsize
skip_blanks (const char *text,
             gsize       length,
             gsize       at)
{
  while (at < length && (text[at] == ' ' || text[at] == '\t'))
    at++;
  return at;
}

/* Past the white space that a label's first word may come after
 * (cmark-gfm's, which has vertical tabs and form feeds). */
static gsize
skip_label_space (const char *text,
                  gsize       length,
                  gsize       at)
{
  while (at < length && (text[at] == ' ' || text[at] == '\t' || text[at] == '\v' || text[at] == '\f'))
    at++;
  return at;
}

/* The word at @at, up to white space or ']' (in @end). */
static WordKind
read_word (const char *text,
           gsize       length,
           gsize       at,
           gsize      *end)
{
  gboolean plain = TRUE;
  gsize i;

  for (i = at; i < length; i++)
    {
      guchar c = text[i];

      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == ']')
        break;
      if (c >= 0x80 || c == '\\' || c == '&')
        plain = FALSE;
    }
  *end = i;
  if (i == at)
    return WORD_NONE;
  return plain ? WORD_PLAIN : WORD_OTHER;
}

/* Whether a word of a run that is not plain ASCII may still be the
 * first word of a plain ASCII label: it holds a character that case
 * folds into ASCII letters (ß ſ ẞ K and the Latin ligatures ﬀ to ﬆ), or
 * an escape (in a table's cell, "\|" is read as "|" before the cell's
 * text is parsed). */
static gboolean
refers_beyond_ascii (const char *word,
                     gsize       length)
{
  for (gsize i = 0; i < length; i++)
    {
      const guchar *c = (const guchar *)word + i;
      gsize left = length - i;

      if (c[0] == '\\')
        return TRUE;
      if (left >= 2 && ((c[0] == 0xc3 && c[1] == 0x9f) || (c[0] == 0xc5 && c[1] == 0xbf)))
        return TRUE;
      if (left >= 3 && ((c[0] == 0xe1 && c[1] == 0xba && c[2] == 0x9e) ||
                        (c[0] == 0xe2 && c[1] == 0x84 && c[2] == 0xaa) ||
                        (c[0] == 0xef && c[1] == 0xac && c[2] >= 0x80 && c[2] <= 0x86)))
        return TRUE;
    }
  return FALSE;
}

static guint
hash_bytes (const char *text,
            gsize       length)
{
  guint32 hash = 2166136261u;

  for (gsize i = 0; i < length; i++)
    hash = (hash ^ (guchar)text[i]) * 16777619u;
  return hash;
}

static void
add_word (GHashTable *words,
          const char *text,
          gsize       length,
          guint       piece)
{
  g_autofree char *word = g_ascii_strdown (text, length);
  GArray *pieces = g_hash_table_lookup (words, word);

  if (pieces == NULL)
    {
      pieces = g_array_new (FALSE, FALSE, sizeof (guint));
      g_hash_table_insert (words, g_steal_pointer (&word), pieces);
    }
  if (pieces->len == 0 || g_array_index (pieces, guint, pieces->len - 1) != piece)
    g_array_append_val (pieces, piece);
}

static gboolean
is_blank (const char *line,
          gsize       length)
{
  return skip_blanks (line, length, 0) == length;
}

/* Whether @line is indented by four columns or more. */
static gboolean
is_indented (const char *line,
             gsize       length)
{
  guint column = 0;

  for (gsize i = 0; i < length && column < 4; i++)
    {
      if (line[i] == ' ')
        column++;
      else if (line[i] == '\t')
        column += 4 - column % 4;
      else
        break;
    }
  return column >= 4;
}

/* The length of the line of @text at @at, without its '\n'; where the
 * next starts in @next. */
static gsize
line_length (const char *text,
             gsize       length,
             gsize       at,
             gsize      *next)
{
  const char *newline = memchr (text + at, '\n', length - at);
  gsize end = newline != NULL ? (gsize)(newline - text) : length;

  *next = newline != NULL ? end + 1 : length;
  return end - at;
}

/* Whether @line (its indentation skipped) is a whole link definition
 * of the plainest kind, which no line after it can go on with:
 * [label]: destination, maybe a title, all on the line, no escape. */
static gboolean
is_one_line_definition (const char *line,
                        gsize       length)
{
  gsize at = skip_blanks (line, length, 0);
  gsize label;
  int depth = 0;
  char close;

  if (at >= length || line[at] != '[')
    return FALSE;
  for (label = ++at; at < length && line[at] != ']'; at++)
    if (line[at] == '[' || line[at] == '\\')
      return FALSE;
  if (at >= length || skip_blanks (line, at, label) == at || at + 1 >= length || line[at + 1] != ':')
    return FALSE;

  /* The destination, on this line. */
  at = skip_blanks (line, length, at + 2);
  if (at >= length)
    return FALSE;
  if (line[at] == '<')
    {
      for (at++; at < length && line[at] != '>'; at++)
        if (line[at] == '<' || line[at] == '\\')
          return FALSE;
      if (at++ >= length)
        return FALSE;
    }
  else
    for (; at < length && line[at] != ' ' && line[at] != '\t'; at++)
      {
        if ((guchar)line[at] < 0x20 || line[at] == '\\')
          return FALSE;
        depth += line[at] == '(' ? 1 : line[at] == ')' ? -1 : 0;
        if (depth < 0)
          return FALSE;
      }
  if (depth != 0)
    return FALSE;

  /* A title, whole, or nothing. */
  if (at < length && line[at] != ' ' && line[at] != '\t')
    return FALSE;
  at = skip_blanks (line, length, at);
  if (at == length)
    return TRUE;
  close = line[at] == '(' ? ')' : line[at];
  if (close != '"' && close != '\'' && close != ')')
    return FALSE;
  for (at++; at < length && line[at] != close; at++)
    if (line[at] == '\\' || (close == ')' && line[at] == '('))
      return FALSE;
  if (at >= length)
    return FALSE;
  return skip_blanks (line, length, at + 1) == length;
}

/* Adds the piece from @at to @end, which starts on @line, and the first
 * words of its labels. */
static void
add_piece (CuratorLinkDefinitions *self,
           gsize                   at,
           gsize                   end,
           guint                   line,
           guint                   n_lines,
           gboolean                footnote)
{
  Piece piece = { at, end - at, line, n_lines, hash_bytes (self->text + at, end - at), footnote, { 0 } };
  guint index = self->pieces->len;
  const char *text = self->text;
  gboolean always = FALSE;

  if (footnote)
    curator_link_definitions_scan_references (text + at, end - at, &piece.references);

  /* Every definition starts a line with its label (other lines
   * starting with '[', a destination, only add words). */
  for (gsize next; at < end; at = next)
    {
      gsize line_end = at + line_length (text, end, at, &next);
      gsize label = skip_blanks (text, line_end, at);

      if (label < line_end && text[label] == '[')
        {
          gsize word_end;
          gsize word = skip_label_space (text, line_end, label + 1);

          if (read_word (text, line_end, word, &word_end) == WORD_PLAIN)
            add_word (self->words, text + word, word_end - word, index);
          else
            always = TRUE;
        }
    }
  g_array_append_val (self->pieces, piece);
  if (always)
    g_array_append_val (self->always, index);
}

/* Adds the paragraph from @at to @end, which starts on @line: one piece
 * per line when each is a definition of its own. */
static void
add_paragraph (CuratorLinkDefinitions *self,
               gsize                   at,
               gsize                   end,
               guint                   line,
               guint                   n_lines,
               gboolean                footnote)
{
  gsize next;

  if (footnote)
    {
      add_piece (self, at, end, line, n_lines, TRUE);
      return;
    }
  for (gsize start = at; start < end; start = next)
    if (!is_one_line_definition (self->text + start, line_length (self->text, end, start, &next)))
      {
        add_piece (self, at, end, line, n_lines, FALSE);
        return;
      }

  for (gsize start = at; start < end; start = next, line++)
    {
      line_length (self->text, end, start, &next);
      add_piece (self, skip_blanks (self->text, next, start), next, line, 1, FALSE);
    }
}

/**
 * curator_link_definitions_new:
 * @definitions: the definitions of a body's runs, put together
 *
 * Returns: (transfer full): @definitions, sorted out by their labels
 */
CuratorLinkDefinitions *
curator_link_definitions_new (const char *definitions)
{
  CuratorLinkDefinitions *self = g_new0 (CuratorLinkDefinitions, 1);
  gsize length = strlen (definitions);
  gsize at = 0;
  guint line = 0;

  self->text = g_strdup (definitions);
  self->pieces = g_array_new (FALSE, FALSE, sizeof (Piece));
  self->words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_array_unref);
  self->always = g_array_new (FALSE, FALSE, sizeof (guint));

  while (at < length)
    {
      gsize next, end, start;
      gsize first = line_length (self->text, length, at, &next);
      guint n_lines = 1;
      gboolean footnote;

      if (is_blank (self->text + at, first))
        {
          at = next;
          line++;
          continue;
        }

      start = skip_blanks (self->text, at + first, at);
      footnote = start + 1 < at + first && self->text[start] == '[' && self->text[start + 1] == '^';

      /* To a blank line, or for a footnote, to a blank line that text
       * indented less than its own goes on from. */
      end = next;
      while (end < length)
        {
          gsize after, lookahead;
          gsize n = line_length (self->text, length, end, &after);
          guint blank_lines = 0;

          if (!is_blank (self->text + end, n))
            {
              end = after;
              n_lines++;
              continue;
            }
          if (!footnote)
            break;
          for (lookahead = end; lookahead < length; lookahead = after, blank_lines++)
            {
              n = line_length (self->text, length, lookahead, &after);
              if (!is_blank (self->text + lookahead, n))
                break;
            }
          if (lookahead >= length || !is_indented (self->text + lookahead, n))
            break;
          end = lookahead;
          n_lines += blank_lines;
        }

      add_paragraph (self, at, end, line, n_lines, footnote);
      at = end;
      line += n_lines;
    }

  self->stamps = g_new0 (guint, MAX (self->pieces->len, 1));
  self->chosen = g_array_new (FALSE, FALSE, sizeof (guint));
  return self;
}

void
curator_link_definitions_free (CuratorLinkDefinitions *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; i < self->pieces->len; i++)
    curator_link_references_clear (&g_array_index (self->pieces, Piece, i).references);
  g_free (self->text);
  g_array_unref (self->pieces);
  g_hash_table_unref (self->words);
  g_array_unref (self->always);
  g_free (self->stamps);
  g_array_unref (self->chosen);
  g_free (self);
}

const char *
curator_link_definitions_get_text (CuratorLinkDefinitions *self)
{
  return self->text;
}

static void
choose (CuratorLinkDefinitions *self,
        guint                   index)
{
  if (self->stamps[index] != self->count)
    {
      self->stamps[index] = self->count;
      g_array_append_val (self->chosen, index);
    }
}

/* Chooses what @references refer to; FALSE when that is everything. */
static gboolean
choose_references (CuratorLinkDefinitions      *self,
                   const CuratorLinkReferences *references)
{
  if (references->any)
    return FALSE;

  for (char **word = references->words; word != NULL && *word != NULL; word++)
    {
      GArray *pieces = g_hash_table_lookup (self->words, *word);

      for (guint i = 0; pieces != NULL && i < pieces->len; i++)
        choose (self, g_array_index (pieces, guint, i));
    }
  return TRUE;
}

static int
compare_indices (gconstpointer a,
                 gconstpointer b)
{
  guint x = *(const guint *)a, y = *(const guint *)b;

  return x < y ? -1 : x > y;
}

static guint32
add_to_hash (guint32      hash,
             const Piece *piece)
{
  hash = (hash ^ piece->hash) * 16777619u;
  return (hash ^ piece->line) * 16777619u;
}

/**
 * curator_link_definitions_select:
 * @references: what a run may refer to
 *
 * Selects the definitions that a run with @references is to be rendered
 * with (curator_link_definitions_dup_selection() gives them). It costs
 * what the run refers to, not what the body defines.
 *
 * Returns: a hash of the selected definitions' text and lines, 0 when
 *   there are none
 */
guint
curator_link_definitions_select (CuratorLinkDefinitions      *self,
                                 const CuratorLinkReferences *references)
{
  guint32 hash = 2166136261u;
  guint n = self->pieces->len;

  if (++self->count == 0)
    {
      memset (self->stamps, 0, MAX (n, 1) * sizeof (guint));
      self->count = 1;
    }
  g_array_set_size (self->chosen, 0);

  self->all = !choose_references (self, references);
  for (guint i = 0; !self->all && i < self->always->len; i++)
    choose (self, g_array_index (self->always, guint, i));
  /* What the footnotes chosen refer to, and so on. */
  for (guint i = 0; !self->all && i < self->chosen->len; i++)
    {
      const Piece *piece = &g_array_index (self->pieces, Piece, g_array_index (self->chosen, guint, i));

      if (piece->footnote)
        self->all = !choose_references (self, &piece->references);
    }

  if (self->all)
    {
      for (guint i = 0; i < n; i++)
        hash = add_to_hash (hash, &g_array_index (self->pieces, Piece, i));
      return n > 0 ? hash | 1 : 0;
    }

  if (self->chosen->len == 0)
    return 0;
  g_array_sort (self->chosen, compare_indices);
  for (guint i = 0; i < self->chosen->len; i++)
    hash = add_to_hash (hash, &g_array_index (self->pieces, Piece, g_array_index (self->chosen, guint, i)));
  return hash | 1;
}

/**
 * curator_link_definitions_dup_selection:
 *
 * Returns: (transfer full) (nullable): the definitions selected last,
 *   each on the line it has among all of them (blank lines in place of
 *   the others before it); NULL when none is
 */
char *
curator_link_definitions_dup_selection (CuratorLinkDefinitions *self)
{
  guint n = self->all ? self->pieces->len : self->chosen->len;
  GString *text;
  guint line = 0;

  if (n == 0)
    return NULL;

  text = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    {
      const Piece *piece = &g_array_index (self->pieces, Piece,
                                           self->all ? i : g_array_index (self->chosen, guint, i));

      for (; line < piece->line; line++)
        g_string_append_c (text, '\n');
      g_string_append_len (text, self->text + piece->offset, piece->length);
      line = piece->line + piece->n_lines;
    }
  return g_string_free (text, FALSE);
}

/* Adds the word of a label that starts at @at, or says that the run may
 * refer to anything. */
static void
add_reference (const char            *text,
               gsize                  length,
               gsize                  at,
               GHashTable            *words,
               CuratorLinkReferences *references)
{
  gsize end;

  switch (read_word (text, length, at, &end))
    {
    case WORD_PLAIN:
      g_hash_table_add (words, g_ascii_strdown (text + at, end - at));
      break;
    case WORD_OTHER:
      references->any |= refers_beyond_ascii (text + at, end - at);
      break;
    case WORD_NONE:
    default:
      break;
    }
}

/**
 * curator_link_definitions_scan_references:
 * @text: a run of a Markdown body
 * @length: its length
 * @references: (out caller-allocates): what @text may refer to
 *
 * Reads the first word after every '[' of @text (a superset of its
 * references' labels, with those of links, images, footnotes and code).
 * A label that starts on the next line is read from there as it is and
 * past the marks of quotes.
 */
void
curator_link_definitions_scan_references (const char            *text,
                                          gsize                  length,
                                          CuratorLinkReferences *references)
{
  g_autoptr(GHashTable) words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *open;
  gsize at = 0;

  references->words = NULL;
  references->any = FALSE;

  while (!references->any && at < length && (open = memchr (text + at, '[', length - at)) != NULL)
    {
      gsize word = skip_label_space (text, length, open - text + 1);

      at = open - text + 1;
      if (word < length && is_line_end (text[word]))
        {
          gsize next = word + 1;

          if (text[word] == '\r' && next < length && text[next] == '\n')
            next++;
          add_reference (text, length, skip_label_space (text, length, next), words, references);
          while (next < length && (text[next] == ' ' || text[next] == '\t' || text[next] == '\v' ||
                                   text[next] == '\f' || text[next] == '>'))
            next++;
          add_reference (text, length, next, words, references);
        }
      else
        add_reference (text, length, word, words, references);
    }

  if (!references->any)
    {
      GPtrArray *array = g_ptr_array_new ();
      GHashTableIter iter;
      gpointer word;

      g_hash_table_iter_init (&iter, words);
      while (g_hash_table_iter_next (&iter, &word, NULL))
        {
          g_ptr_array_add (array, word);
          g_hash_table_iter_steal (&iter);
        }
      g_ptr_array_add (array, NULL);
      references->words = (char **)g_ptr_array_free (array, FALSE);
    }
}

void
curator_link_references_clear (CuratorLinkReferences *references)
{
  g_clear_pointer (&references->words, g_strfreev);
  references->any = FALSE;
}
