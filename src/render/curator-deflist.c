/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-deflist"

#include "config.h"

#include <string.h>

#include "curator-markdown-private.h"

/* Definition lists as a cmark-gfm block extension, following goldmark's
 * (extension/definition_list.go in goldmark 1.5.4, Hugo 0.111):
 *
 *   Term 1           a paragraph: each of its lines is a term
 *   Term 2
 *   : Description    ':' at the container's margin, then white space;
 *       more         lines indented to the description's text continue it
 *   : Another        a description of the same terms
 *
 * A description is tight (no <p>) unless a blank line comes before it.
 * A paragraph that follows a list and is followed by ':' adds its terms
 * to that list: here it makes a list of its own, and
 * curator_deflist_merge() joins lists that end up side by side. */

static CuratorDeflistTypes types;

/* The user data of a list: its descriptions' indent, and whether the
 * last line it saw was blank. Of a description: whether it is tight. */
#define LIST_DATA(indent, blank) GINT_TO_POINTER (((indent) << 1) | ((blank) ? 1 : 0))
#define LIST_INDENT(node) (GPOINTER_TO_INT (cmark_node_get_user_data (node)) >> 1)
#define LIST_BLANK(node) (GPOINTER_TO_INT (cmark_node_get_user_data (node)) & 1)
#define DESCRIPTION_TIGHT GINT_TO_POINTER (1)
#define DESCRIPTION_LOOSE GINT_TO_POINTER (2)

/* The paragraph's lines, right-trimmed, as terms of @list. */
static void
add_terms (cmark_syntax_extension *extension,
           cmark_node             *list,
           const char             *content)
{
  g_auto(GStrv) lines = g_strsplit (content, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      cmark_node *term;

      g_strchomp (lines[i]);
      if (lines[i][0] == '\0')
        continue;
      term = cmark_node_new_with_ext (types.dt, extension);
      cmark_node_set_string_content (term, lines[i]);
      cmark_node_append_child (list, term);
    }
}

static cmark_node *
new_list (cmark_syntax_extension *extension,
          cmark_parser           *parser,
          cmark_node             *parent)
{
  cmark_node *list = cmark_parser_add_child (parser, parent, types.dl,
                                             cmark_parser_get_first_nonspace_column (parser) + 1);

  cmark_node_set_syntax_extension (list, extension);
  return list;
}

/* How many bytes of @content (a paragraph's text so far) its leading
 * link reference definitions take: what goldmark's paragraph
 * transformer takes out before a ':' line makes the paragraph terms.
 * cmark-gfm keeps its definition parser to itself: the text is parsed
 * alone, and what is left of its paragraph is the rest. */
static gsize
measure_definitions (const char *content)
{
  gsize length = strlen (content);
  cmark_node *root;
  cmark_node *first;
  gsize rest = 0;

  if (content[0] != '[')
    return 0;
  root = cmark_parse_document (content, length, CMARK_OPT_DEFAULT);
  first = cmark_node_first_child (root);
  if (first != NULL && cmark_node_get_type (first) == CMARK_NODE_PARAGRAPH)
    rest = strlen (cmark_node_get_string_content (first));
  else if (first != NULL)
    rest = length;
  cmark_node_free (root);

  return length - MIN (rest, length);
}

static cmark_node *
try_opening_block (cmark_syntax_extension *extension,
                   int                     indented,
                   cmark_parser           *parser,
                   cmark_node             *parent,
                   unsigned char          *input,
                   int                     length)
{
  int first = cmark_parser_get_first_nonspace (parser);
  int column = cmark_parser_get_first_nonspace_column (parser) + 1;
  int width = 0;
  gboolean tight;
  cmark_node *list;
  cmark_node *last;
  cmark_node *description;
  cmark_node *left_behind = NULL;
  gsize definitions = 0;

  if (indented || cmark_parser_get_indent (parser) != 0 ||
      first >= length || input[first] != ':' ||
      cmark_node_get_type (parent) == types.dl)
    return NULL;

  /* One column of white space at least after ':'. */
  for (int at = first + 1; at < length && (input[at] == ' ' || input[at] == '\t'); at++)
    {
      if (input[at] == '\t')
        width += 4 - (column + width) % 4;
      else
        width++;
    }
  if (width < 1)
    return NULL;
  /* The text starts at once; more would be an indented code block. */
  if (width >= 8)
    width = 5;

  last = cmark_node_last_child (parent);
  if (cmark_node_get_type (parent) == CMARK_NODE_PARAGRAPH &&
      !(cmark_node_previous (parent) != NULL && cmark_node_get_type (cmark_node_previous (parent)) == types.dl) &&
      (definitions = measure_definitions (cmark_node_get_string_content (parent))) > 0)
    {
      /* The paragraph being read starts with link reference
       * definitions, and no list is before it: goldmark takes them out
       * first (they define their links), and only the lines after them
       * are terms. Adding a block to the paragraph closes it, which
       * makes cmark-gfm take the definitions out; when nothing is left,
       * the ':' line starts a paragraph. */
      if (definitions == strlen (cmark_node_get_string_content (parent)))
        return cmark_parser_add_child (parser, parent, CMARK_NODE_PARAGRAPH,
                                       cmark_parser_get_first_nonspace_column (parser) + 1);

      list = new_list (extension, parser, parent);
      add_terms (extension, list, cmark_node_get_string_content (parent));
      left_behind = parent;
      tight = TRUE;
    }
  else if (cmark_node_get_type (parent) == CMARK_NODE_PARAGRAPH)
    {
      /* The paragraph being read: it becomes the list, its lines terms. */
      g_autofree char *content = g_strdup (cmark_node_get_string_content (parent));

      if (!cmark_node_set_type (parent, types.dl))
        return NULL;
      list = parent;
      cmark_node_set_syntax_extension (list, extension);
      cmark_node_set_string_content (list, "");
      add_terms (extension, list, content);
      tight = TRUE;
    }
  else if (last != NULL && cmark_node_get_type (last) == CMARK_NODE_PARAGRAPH)
    {
      /* A paragraph and a blank line before the ':'. */
      g_autofree char *content = g_strdup (cmark_node_get_string_content (last));

      list = new_list (extension, parser, parent);
      add_terms (extension, list, content);
      cmark_node_free (last);
      tight = FALSE;
    }
  else if (last != NULL && cmark_node_get_type (last) == types.dl)
    {
      /* Another description of the same terms. */
      tight = !LIST_BLANK (last);
      list = new_list (extension, parser, parent);
    }
  else
    return NULL;

  cmark_node_set_user_data (list, LIST_DATA (width + 1, FALSE));
  description = cmark_parser_add_child (parser, list, types.dd, column);
  cmark_node_set_syntax_extension (description, extension);
  cmark_node_set_user_data (description, tight ? DESCRIPTION_TIGHT : DESCRIPTION_LOOSE);

  cmark_parser_advance_offset (parser, (const char *)input, first + 1 - cmark_parser_get_offset (parser), FALSE);
  cmark_parser_advance_offset (parser, (const char *)input, width, TRUE);
  /* Closed, what is left of it now terms. */
  g_clear_pointer (&left_behind, cmark_node_free);

  return description;
}

static int
last_block_matches (cmark_syntax_extension *extension,
                    cmark_parser           *parser,
                    unsigned char          *input,
                    int                     length,
                    cmark_node             *container)
{
  cmark_node_type type = cmark_node_get_type (container);

  /* The list decides where its descriptions end. */
  if (type == types.dd)
    return 1;
  if (type != types.dl)
    return 0;

  if (cmark_parser_is_blank (parser))
    {
      cmark_node_set_user_data (container, LIST_DATA (LIST_INDENT (container), TRUE));
      return 1;
    }
  if (cmark_parser_get_indent (parser) < LIST_INDENT (container))
    return 0;

  cmark_parser_advance_offset (parser, (const char *)input, LIST_INDENT (container), TRUE);
  cmark_node_set_user_data (container, LIST_DATA (LIST_INDENT (container), FALSE));
  return 1;
}

static const char *
get_type_string (cmark_syntax_extension *extension,
                 cmark_node             *node)
{
  cmark_node_type type = cmark_node_get_type (node);

  if (type == types.dl)
    return "definition_list";
  if (type == types.dt)
    return "definition_term";
  if (type == types.dd)
    return "definition_description";
  return "<unknown>";
}

static int
can_contain (cmark_syntax_extension *extension,
             cmark_node             *node,
             cmark_node_type         child)
{
  cmark_node_type type = cmark_node_get_type (node);

  if (type == types.dl)
    return child == types.dt || child == types.dd;
  if (type == types.dd)
    return CURATOR_CMARK_IS_BLOCK (child) && child != CMARK_NODE_ITEM &&
           child != types.dt && child != types.dd;
  /* A term holds the inlines parsed from its text. */
  if (type == types.dt)
    return (child & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_INLINE;
  return 0;
}

static int
contains_inlines (cmark_syntax_extension *extension,
                  cmark_node             *node)
{
  return cmark_node_get_type (node) == types.dt;
}

static gpointer
create_extension (gpointer data)
{
  cmark_syntax_extension *extension = cmark_syntax_extension_new ("curator-definition-list");

  cmark_syntax_extension_set_open_block_func (extension, try_opening_block);
  cmark_syntax_extension_set_match_block_func (extension, last_block_matches);
  cmark_syntax_extension_set_get_type_string_func (extension, get_type_string);
  cmark_syntax_extension_set_can_contain_func (extension, can_contain);
  cmark_syntax_extension_set_contains_inlines_func (extension, contains_inlines);
  types.dl = cmark_syntax_extension_add_node (0);
  types.dt = cmark_syntax_extension_add_node (0);
  types.dd = cmark_syntax_extension_add_node (0);

  return extension;
}

/**
 * curator_deflist_extension_get:
 * @node_types: (out) (optional): the node types of the lists
 *
 * Returns: (transfer none): the extension, made once for the process
 */
cmark_syntax_extension *
curator_deflist_extension_get (const CuratorDeflistTypes **node_types)
{
  static GOnce once = G_ONCE_INIT;
  cmark_syntax_extension *extension = g_once (&once, create_extension, NULL);

  if (node_types != NULL)
    *node_types = &types;
  return extension;
}

/* Moves the children of each list into the list before it, when that is
 * its previous sibling. */
void
curator_deflist_merge (cmark_node *root)
{
  cmark_iter *iter = cmark_iter_new (root);
  cmark_event_type event;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);
      cmark_node *next;

      if (event != CMARK_EVENT_ENTER || cmark_node_get_type (node) != types.dl)
        continue;

      while ((next = cmark_node_next (node)) != NULL && cmark_node_get_type (next) == types.dl)
        {
          cmark_node *child;

          while ((child = cmark_node_first_child (next)) != NULL)
            cmark_node_append_child (node, child);
          cmark_node_free (next);
        }
    }
  cmark_iter_free (iter);
}

gboolean
curator_deflist_dd_is_tight (cmark_node *dd)
{
  return cmark_node_get_user_data (dd) == DESCRIPTION_TIGHT;
}
