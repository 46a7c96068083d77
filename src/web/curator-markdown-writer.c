/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-markdown-writer"

#include "config.h"

#include "curator-markdown-writer.h"

#include "curator-html-document.h"

#include <string.h>

typedef struct
{
  GString  *out;      /* the finished blocks */
  GString  *line;     /* the block being written (inline text) */
  gboolean  tight;    /* the next block follows on the next line (list items) */
  char     *last_prefix;  /* of the block written last */
} Writer;

static void write_inline (Writer *writer, GumboNode *node);
static void write_blocks (Writer *writer, GumboNode *parent, const char *prefix);

/* Markdown reads these as markup anywhere in text. */
static void
append_escaped (GString    *out,
                const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (strchr ("\\`*_[]<>|", *p) != NULL)
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
}

static void
append_collapsed (Writer     *writer,
                  const char *text)
{
  GString *line = writer->line;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          if (line->len > 0 && line->str[line->len - 1] != ' ' && line->str[line->len - 1] != '\n')
            g_string_append_c (line, ' ');
          continue;
        }
      if (strchr ("\\`*_[]<>|", *p) != NULL)
        g_string_append_c (line, '\\');
      else if ((line->len == 0 || line->str[line->len - 1] == '\n') && strchr ("#+-=>", *p) != NULL)
        g_string_append_c (line, '\\');
      g_string_append_c (line, *p);
    }
}

static void
write_children_inline (Writer    *writer,
                       GumboNode *node)
{
  GumboVector *children = curator_html_get_children (node);

  for (guint i = 0; children != NULL && i < children->length; i++)
    write_inline (writer, children->data[i]);
}

static void
wrap_inline (Writer     *writer,
             GumboNode  *node,
             const char *mark)
{
  g_string_append (writer->line, mark);
  write_children_inline (writer, node);
  g_string_append (writer->line, mark);
}

static void
write_inline (Writer    *writer,
              GumboNode *node)
{
  if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE)
    {
      append_collapsed (writer, node->v.text.text);
      return;
    }
  if (node->type != GUMBO_NODE_ELEMENT)
    return;

  switch (node->v.element.tag)
    {
    case GUMBO_TAG_B:
    case GUMBO_TAG_STRONG:
      wrap_inline (writer, node, "**");
      break;
    case GUMBO_TAG_I:
    case GUMBO_TAG_EM:
    case GUMBO_TAG_CITE:
    case GUMBO_TAG_DFN:
      wrap_inline (writer, node, "*");
      break;
    case GUMBO_TAG_S:
    case GUMBO_TAG_DEL:
    case GUMBO_TAG_STRIKE:
      wrap_inline (writer, node, "~~");
      break;
    case GUMBO_TAG_CODE:
    case GUMBO_TAG_KBD:
    case GUMBO_TAG_SAMP:
    case GUMBO_TAG_TT:
      {
        g_autofree char *text = curator_html_dup_text (node);
        const char *fence = strchr (text, '`') != NULL ? "`` " : "`";

        g_string_append (writer->line, fence);
        g_string_append (writer->line, text);
        g_string_append (writer->line, strchr (text, '`') != NULL ? " ``" : "`");
      }
      break;
    case GUMBO_TAG_A:
      {
        const char *href = curator_html_get_attribute (node, "href");

        g_string_append_c (writer->line, '[');
        write_children_inline (writer, node);
        g_string_append (writer->line, "](");
        g_string_append (writer->line, href != NULL ? href : "");
        g_string_append_c (writer->line, ')');
      }
      break;
    case GUMBO_TAG_IMG:
      {
        const char *alt = curator_html_get_attribute (node, "alt");
        const char *src = curator_html_get_attribute (node, "src");

        g_string_append (writer->line, "![");
        if (alt != NULL)
          append_escaped (writer->line, alt);
        g_string_append (writer->line, "](");
        g_string_append (writer->line, src != NULL ? src : "");
        g_string_append_c (writer->line, ')');
      }
      break;
    case GUMBO_TAG_BR:
      /* A hard line break (CommonMark: a backslash before the newline). */
      g_string_append (writer->line, "\\\n");
      break;
    default:
      write_children_inline (writer, node);
      break;
    }
}

/* Ends the block being written: it goes out with @prefix before each
 * line, and a blank line before it. */
static void
flush (Writer     *writer,
       const char *prefix)
{
  g_auto(GStrv) lines = NULL;

  g_strstrip (writer->line->str);
  g_string_set_size (writer->line, strlen (writer->line->str));
  if (writer->line->len == 0)
    return;

  if (writer->out->len > 0)
    {
      /* The blank line between two blocks belongs to what holds both. */
      gsize common = 0;
      g_autofree char *blank = NULL;

      while (prefix[common] != '\0' && writer->last_prefix[common] == prefix[common])
        common++;
      blank = g_strchomp (g_strndup (prefix, common));
      g_string_append_c (writer->out, '\n');
      if (!writer->tight)
        {
          g_string_append (writer->out, blank);
          g_string_append_c (writer->out, '\n');
        }
    }
  writer->tight = FALSE;
  g_free (writer->last_prefix);
  writer->last_prefix = g_strdup (prefix);
  lines = g_strsplit (writer->line->str, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_string_append (writer->out, prefix);
      g_string_append (writer->out, lines[i]);
      if (lines[i + 1] != NULL)
        g_string_append_c (writer->out, '\n');
    }
  g_string_truncate (writer->line, 0);
}

static gboolean
is_block (const GumboNode *node)
{
  if (node->type != GUMBO_NODE_ELEMENT)
    return FALSE;
  switch (node->v.element.tag)
    {
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_HGROUP:
      return TRUE;
    default:
      return FALSE;
    }
}

/* A cell's text for a pipe table: one line, pipes escaped. */
static char *
cell_text (Writer    *writer,
           GumboNode *cell)
{
  Writer inner = { g_string_new (NULL), g_string_new (NULL), FALSE, g_strdup ("") };
  char *text;

  write_children_inline (&inner, cell);
  g_strdelimit (inner.line->str, "\n", ' ');
  text = g_strdup (g_strstrip (inner.line->str));
  g_string_free (inner.out, TRUE);
  g_string_free (inner.line, TRUE);
  g_free (inner.last_prefix);
  return text;
}

static void
write_table (Writer     *writer,
             GumboNode  *table,
             const char *prefix)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  guint columns = 0;

  for (GumboNode *node = table; node != NULL; node = curator_html_next (node, table, FALSE))
    {
      GPtrArray *row;
      GumboVector *cells;

      if (!curator_html_is_element (node, GUMBO_TAG_TR))
        continue;
      row = g_ptr_array_new_with_free_func (g_free);
      cells = curator_html_get_children (node);
      for (guint i = 0; i < cells->length; i++)
        if (curator_html_is_element (cells->data[i], GUMBO_TAG_TD) ||
            curator_html_is_element (cells->data[i], GUMBO_TAG_TH))
          g_ptr_array_add (row, cell_text (writer, cells->data[i]));
      columns = MAX (columns, row->len);
      g_ptr_array_add (rows, row);
    }
  if (rows->len == 0 || columns == 0)
    return;

  for (guint r = 0; r < rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (rows, r);

      g_string_append (writer->line, "|");
      for (guint c = 0; c < columns; c++)
        {
          g_string_append_c (writer->line, ' ');
          if (c < row->len)
            g_string_append (writer->line, g_ptr_array_index (row, c));
          g_string_append (writer->line, " |");
        }
      g_string_append_c (writer->line, '\n');
      if (r == 0)
        {
          g_string_append (writer->line, "|");
          for (guint c = 0; c < columns; c++)
            g_string_append (writer->line, " --- |");
          g_string_append_c (writer->line, '\n');
        }
    }
  flush (writer, prefix);
}

static void
write_list (Writer     *writer,
            GumboNode  *list,
            const char *prefix)
{
  GumboVector *items = curator_html_get_children (list);
  gboolean ordered = list->v.element.tag == GUMBO_TAG_OL;
  gboolean first = TRUE;
  guint number = 1;

  for (guint i = 0; i < items->length; i++)
    {
      GumboNode *item = items->data[i];
      g_autofree char *marker = NULL;
      g_autofree char *inner_prefix = NULL;
      GumboVector *children;

      if (!curator_html_is_element (item, GUMBO_TAG_LI))
        continue;
      marker = ordered ? g_strdup_printf ("%u. ", number++) : g_strdup ("- ");
      inner_prefix = g_strnfill (strlen (marker), ' ');
      /* Items of a list follow each other without a blank line. */
      writer->tight = !first;
      first = FALSE;

      /* The item's own text goes on the marker's line; nested blocks
       * follow, indented under it. */
      children = curator_html_get_children (item);
      g_string_append (writer->line, marker);
      for (guint c = 0; c < children->length; c++)
        {
          GumboNode *child = children->data[c];

          if (is_block (child))
            {
              g_autofree char *nested = g_strconcat (prefix, inner_prefix, NULL);

              flush (writer, prefix);
              if (curator_html_is_element (child, GUMBO_TAG_UL) || curator_html_is_element (child, GUMBO_TAG_OL))
                write_list (writer, child, nested);
              else
                write_blocks (writer, child, nested);
            }
          else
            write_inline (writer, child);
        }
      flush (writer, prefix);
    }
}

static void
write_block (Writer     *writer,
             GumboNode  *node,
             const char *prefix)
{
  GumboTag tag = node->v.element.tag;

  switch (tag)
    {
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
      flush (writer, prefix);
      g_string_append_printf (writer->line, "%.*s ", (int) (tag - GUMBO_TAG_H1 + 1), "######");
      write_children_inline (writer, node);
      g_strdelimit (writer->line->str, "\n", ' ');
      flush (writer, prefix);
      break;

    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
      flush (writer, prefix);
      write_list (writer, node, prefix);
      break;

    case GUMBO_TAG_BLOCKQUOTE:
      {
        g_autofree char *quoted = g_strconcat (prefix, "> ", NULL);

        flush (writer, prefix);
        write_blocks (writer, node, quoted);
      }
      break;

    case GUMBO_TAG_PRE:
      {
        g_autoptr(GString) text = g_string_new (NULL);

        flush (writer, prefix);
        curator_html_append_text (text, node);
        while (text->len > 0 && text->str[text->len - 1] == '\n')
          g_string_truncate (text, text->len - 1);
        g_string_append (writer->line, strstr (text->str, "```") != NULL ? "~~~\n" : "```\n");
        g_string_append (writer->line, text->str);
        g_string_append (writer->line, strstr (text->str, "```") != NULL ? "\n~~~" : "\n```");
        flush (writer, prefix);
      }
      break;

    case GUMBO_TAG_HR:
      flush (writer, prefix);
      g_string_append (writer->line, "---");
      flush (writer, prefix);
      break;

    case GUMBO_TAG_TABLE:
      flush (writer, prefix);
      write_table (writer, node, prefix);
      break;

    default:
      /* p, div, figure, li outside a list, ...: a paragraph each, or
       * their blocks. */
      flush (writer, prefix);
      write_blocks (writer, node, prefix);
      flush (writer, prefix);
      break;
    }
}

static void
write_blocks (Writer     *writer,
              GumboNode  *parent,
              const char *prefix)
{
  GumboVector *children = curator_html_get_children (parent);

  for (guint i = 0; children != NULL && i < children->length; i++)
    {
      GumboNode *child = children->data[i];

      if (is_block (child))
        write_block (writer, child, prefix);
      else
        write_inline (writer, child);
    }
  flush (writer, prefix);
}

char *
curator_markdown_from_html (const char *html)
{
  g_autoptr(CuratorHtmlDocument) fragment = NULL;
  Writer writer;

  g_return_val_if_fail (html != NULL, NULL);

  fragment = curator_html_document_parse_fragment (html, strlen (html));
  writer.out = g_string_new (NULL);
  writer.line = g_string_new (NULL);
  writer.tight = FALSE;
  writer.last_prefix = g_strdup ("");
  write_blocks (&writer, curator_html_document_get_body (fragment), "");
  g_string_free (writer.line, TRUE);
  g_free (writer.last_prefix);
  return g_string_free (writer.out, FALSE);
}
