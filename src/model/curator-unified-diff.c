/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-unified-diff"

#include "config.h"

#include "curator-unified-diff.h"

#include <string.h>

/* Beyond this many cells the middle part (after stripping the common head
 * and tail) is shown as one replacement instead of computing a minimal
 * edit script: edits made through the model are small and local. */
#define MAX_LCS_CELLS (16u * 1024u * 1024u)

typedef struct
{
  const char *text;
  gsize       length;    /* including the line break, if any */
} Line;

typedef enum
{
  OP_KEEP,
  OP_DELETE,
  OP_INSERT,
} OpKind;

typedef struct
{
  OpKind kind;
  guint  old_index;      /* line in the old text (KEEP, DELETE) */
  guint  new_index;      /* line in the new text (KEEP, INSERT) */
} Op;

static GArray *
split_lines (const char *text,
             gsize       length)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (Line));
  gsize start = 0;

  for (gsize i = 0; i < length; i++)
    {
      if (text[i] == '\n')
        {
          Line line = { text + start, i + 1 - start };
          g_array_append_val (lines, line);
          start = i + 1;
        }
    }
  if (start < length)
    {
      Line line = { text + start, length - start };
      g_array_append_val (lines, line);
    }

  return lines;
}

static gboolean
lines_equal (const Line *a,
             const Line *b)
{
  return a->length == b->length && memcmp (a->text, b->text, a->length) == 0;
}

static void
append_op (GArray *ops,
           OpKind  kind,
           guint   old_index,
           guint   new_index)
{
  Op op = { kind, old_index, new_index };
  g_array_append_val (ops, op);
}

/* Longest common subsequence over old[o0..o1) and new[n0..n1), appended to
 * @ops as an edit script (deletions before insertions in each change). */
static void
diff_middle (GArray *old_lines,
             GArray *new_lines,
             guint   o0,
             guint   o1,
             guint   n0,
             guint   n1,
             GArray *ops)
{
  guint rows = o1 - o0;
  guint cols = n1 - n0;
  g_autofree guint32 *table = NULL;
  guint i = 0, j = 0;

  if ((guint64) (rows + 1) * (cols + 1) > MAX_LCS_CELLS)
    {
      for (guint k = o0; k < o1; k++)
        append_op (ops, OP_DELETE, k, n0);
      for (guint k = n0; k < n1; k++)
        append_op (ops, OP_INSERT, o1, k);
      return;
    }

  /* table[i][j]: LCS length of old[o0+i..o1) and new[n0+j..n1). */
  table = g_new0 (guint32, (gsize) (rows + 1) * (cols + 1));
#define CELL(r, c) table[(gsize) (r) * (cols + 1) + (c)]
  for (guint r = rows; r-- > 0;)
    for (guint c = cols; c-- > 0;)
      {
        const Line *a = &g_array_index (old_lines, Line, o0 + r);
        const Line *b = &g_array_index (new_lines, Line, n0 + c);

        if (lines_equal (a, b))
          CELL (r, c) = CELL (r + 1, c + 1) + 1;
        else
          CELL (r, c) = MAX (CELL (r + 1, c), CELL (r, c + 1));
      }

  while (i < rows || j < cols)
    {
      if (i < rows && j < cols &&
          lines_equal (&g_array_index (old_lines, Line, o0 + i),
                       &g_array_index (new_lines, Line, n0 + j)))
        {
          append_op (ops, OP_KEEP, o0 + i, n0 + j);
          i++, j++;
        }
      else if (j == cols || (i < rows && CELL (i + 1, j) >= CELL (i, j + 1)))
        {
          append_op (ops, OP_DELETE, o0 + i, n0 + j);
          i++;
        }
      else
        {
          append_op (ops, OP_INSERT, o0 + i, n0 + j);
          j++;
        }
    }
#undef CELL
}

static void
append_line (GString    *out,
             char        prefix,
             const Line *line)
{
  g_string_append_c (out, prefix);
  g_string_append_len (out, line->text, line->length);
  if (line->length == 0 || line->text[line->length - 1] != '\n')
    g_string_append (out, "\n\\ No newline at end of file\n");
}

/* "start,count" as diff -u writes it: a count of 1 is left out and an
 * empty range names the line before it. */
static void
append_range (GString *out,
              guint    first,
              guint    count)
{
  if (count == 1)
    g_string_append_printf (out, "%u", first + 1);
  else if (count == 0)
    g_string_append_printf (out, "%u,0", first);
  else
    g_string_append_printf (out, "%u,%u", first + 1, count);
}

char *
curator_unified_diff (const char *old_text,
                      gsize       old_length,
                      const char *new_text,
                      gsize       new_length,
                      const char *old_label,
                      const char *new_label,
                      guint       context)
{
  g_autoptr(GArray) old_lines = split_lines (old_text, old_length);
  g_autoptr(GArray) new_lines = split_lines (new_text, new_length);
  g_autoptr(GArray) ops = g_array_new (FALSE, FALSE, sizeof (Op));
  GString *out = g_string_new (NULL);
  guint n_old = old_lines->len;
  guint n_new = new_lines->len;
  guint head = 0, tail = 0;
  guint k;

  while (head < n_old && head < n_new &&
         lines_equal (&g_array_index (old_lines, Line, head),
                      &g_array_index (new_lines, Line, head)))
    head++;
  while (tail < n_old - head && tail < n_new - head &&
         lines_equal (&g_array_index (old_lines, Line, n_old - 1 - tail),
                      &g_array_index (new_lines, Line, n_new - 1 - tail)))
    tail++;

  if (head == n_old && head == n_new)
    return g_string_free (out, FALSE);

  for (k = 0; k < head; k++)
    append_op (ops, OP_KEEP, k, k);
  diff_middle (old_lines, new_lines, head, n_old - tail, head, n_new - tail, ops);
  for (k = 0; k < tail; k++)
    append_op (ops, OP_KEEP, n_old - tail + k, n_new - tail + k);

  g_string_append_printf (out, "--- %s\n+++ %s\n", old_label, new_label);

  k = 0;
  while (k < ops->len)
    {
      guint first_change, hunk_start, hunk_end, last_change;
      guint old_first, new_first, old_count = 0, new_count = 0;

      while (k < ops->len && g_array_index (ops, Op, k).kind == OP_KEEP)
        k++;
      if (k == ops->len)
        break;

      first_change = k;
      last_change = k;
      /* Extend the hunk while the next change is close enough that the
       * contexts would touch. */
      for (guint m = k + 1; m < ops->len; m++)
        {
          if (g_array_index (ops, Op, m).kind == OP_KEEP)
            continue;
          if (m - last_change - 1 > 2 * context)
            break;
          last_change = m;
        }

      hunk_start = first_change > context ? first_change - context : 0;
      hunk_end = MIN (last_change + 1 + context, ops->len);

      for (guint m = hunk_start; m < hunk_end; m++)
        {
          OpKind kind = g_array_index (ops, Op, m).kind;

          if (kind != OP_INSERT)
            old_count++;
          if (kind != OP_DELETE)
            new_count++;
        }
      old_first = g_array_index (ops, Op, hunk_start).old_index;
      new_first = g_array_index (ops, Op, hunk_start).new_index;

      g_string_append (out, "@@ -");
      append_range (out, old_first, old_count);
      g_string_append (out, " +");
      append_range (out, new_first, new_count);
      g_string_append (out, " @@\n");

      for (guint m = hunk_start; m < hunk_end; m++)
        {
          const Op *op = &g_array_index (ops, Op, m);

          switch (op->kind)
            {
            case OP_KEEP:
              append_line (out, ' ', &g_array_index (old_lines, Line, op->old_index));
              break;
            case OP_DELETE:
              append_line (out, '-', &g_array_index (old_lines, Line, op->old_index));
              break;
            case OP_INSERT:
              append_line (out, '+', &g_array_index (new_lines, Line, op->new_index));
              break;
            default:
              g_assert_not_reached ();
            }
        }

      k = hunk_end;
    }

  return g_string_free (out, FALSE);
}
