/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-yaml-edit"

#include "config.h"

#include "curator-yaml-edit-private.h"
#include "curator-error.h"
#include "curator-key-path.h"
#include "curator-node-private.h"
#include "curator-scalar-emit-private.h"
#include "curator-scalar-private.h"
#include "curator-yaml-tree.h"

#include <glib/gi18n.h>
#include <string.h>

/* One edit in progress over the current bytes of a file. */
typedef struct
{
  CuratorYamlTree               *tree;
  const CuratorFrontMatterSplit *split;
  const char                    *data;
  gsize                          length;
  const char                    *eol;
  const char                    *key_path;
  GPtrArray                     *segments;
  /* The document's own block style for new lists and maps. */
  gboolean                       indentless;
  guint                          step;
} Editor;

/* A replacement of bytes [offset, offset + length) by text. */
typedef struct
{
  gsize    offset;
  gsize    length;
  GString *text;
} Patch;

void
curator_yaml_edit_result_clear (CuratorYamlEditResult *result)
{
  g_clear_pointer (&result->bytes, g_bytes_unref);
  g_clear_pointer (&result->tree, curator_yaml_tree_unref);
  g_clear_pointer (&result->old_text, g_bytes_unref);
  g_clear_pointer (&result->new_text, g_bytes_unref);
  memset (&result->split, 0, sizeof result->split);
  result->offset = 0;
}

/* Lines and columns */

static gboolean
is_break (char c)
{
  return c == '\n' || c == '\r';
}

static gsize
line_start_of (Editor *ed,
               gsize   offset)
{
  while (offset > 0 && !is_break (ed->data[offset - 1]))
    offset--;
  return offset;
}

static gsize
line_end_of (Editor *ed,
             gsize   offset)
{
  while (offset < ed->length && !is_break (ed->data[offset]))
    offset++;
  return offset;
}

/* The start of the line after the one holding @offset, or the end of the
 * data when that line has no break. */
static gsize
next_line_of (Editor *ed,
              gsize   offset)
{
  offset = line_end_of (ed, offset);
  if (offset + 1 < ed->length && ed->data[offset] == '\r' && ed->data[offset + 1] == '\n')
    return offset + 2;
  if (offset < ed->length)
    return offset + 1;
  return offset;
}

static gboolean
only_spaces_before (Editor *ed,
                    gsize   offset)
{
  for (gsize p = line_start_of (ed, offset); p < offset; p++)
    if (ed->data[p] != ' ')
      return FALSE;
  return TRUE;
}

static guint
column_of (Editor *ed,
           gsize   offset)
{
  gsize start = line_start_of (ed, offset);

  return (guint) g_utf8_strlen (ed->data + start, offset - start);
}

static void
append_spaces (GString *out,
               guint    count)
{
  for (guint i = 0; i < count; i++)
    g_string_append_c (out, ' ');
}

/* The ':' after a block or flow mapping key, or G_MAXSIZE. */
static gsize
colon_after (Editor            *ed,
             const CuratorNode *key)
{
  gsize p = key->end;

  while (p < ed->length && (ed->data[p] == ' ' || ed->data[p] == '\t'))
    p++;
  if (p < ed->length && ed->data[p] == ':')
    return p;
  return G_MAXSIZE;
}

/* The '-' of a block sequence item, or G_MAXSIZE. */
static gsize
dash_before (Editor            *ed,
             const CuratorNode *item)
{
  gsize p = item->start;

  while (p > 0 && (ed->data[p - 1] == ' ' || is_break (ed->data[p - 1])))
    p--;
  if (p > 0 && ed->data[p - 1] == '-')
    return p - 1;
  return G_MAXSIZE;
}

static gboolean
in_flow (const CuratorNode *node)
{
  for (const CuratorNode *p = node->parent; p != NULL; p = p->parent)
    if (p->style == CURATOR_NODE_STYLE_FLOW)
      return TRUE;
  return FALSE;
}

static gboolean
is_null_scalar (const CuratorNode *node)
{
  return node->kind == CURATOR_NODE_SCALAR && node->scalar_type == CURATOR_SCALAR_NULL;
}

static guint
n_children (const CuratorNode *node)
{
  return node->children != NULL ? node->children->len : 0;
}

static const CuratorNode *
child_at (const CuratorNode *node,
          guint              index)
{
  return g_ptr_array_index (node->children, index);
}

static const CuratorNode *
key_at (const CuratorNode *node,
        guint              index)
{
  return g_ptr_array_index (node->keys, index);
}

static int
find_key (const CuratorNode *mapping,
          const char        *key)
{
  for (guint i = 0; i < n_children (mapping); i++)
    if (g_strcmp0 (key_at (mapping, i)->value, key) == 0)
      return (int) i;
  return -1;
}

static gboolean
has_anchor_or_alias (const CuratorNode *node)
{
  if (node->anchor != NULL || node->kind == CURATOR_NODE_ALIAS)
    return TRUE;
  for (guint i = 0; i < n_children (node); i++)
    if (has_anchor_or_alias (child_at (node, i))
        || (node->keys != NULL && has_anchor_or_alias (key_at (node, i))))
      return TRUE;
  return FALSE;
}

/* The document's list style (indentless "- " under a key, as PyYAML and
 * the Medigy files write, or indented) and its mapping indentation. */
static void
detect_style (Editor            *ed,
              const CuratorNode *node,
              guint             *n_indentless,
              guint             *n_indented)
{
  if (node->kind != CURATOR_NODE_MAPPING)
    {
      for (guint i = 0; i < n_children (node); i++)
        detect_style (ed, child_at (node, i), n_indentless, n_indented);
      return;
    }

  for (guint i = 0; i < n_children (node); i++)
    {
      const CuratorNode *key = key_at (node, i);
      const CuratorNode *value = child_at (node, i);

      if (value->style != CURATOR_NODE_STYLE_FLOW && n_children (value) > 0)
        {
          guint key_column = column_of (ed, key->start);

          if (value->kind == CURATOR_NODE_SEQUENCE)
            {
              gsize dash = dash_before (ed, child_at (value, 0));

              if (dash != G_MAXSIZE && column_of (ed, dash) == key_column)
                (*n_indentless)++;
              else
                (*n_indented)++;
            }
          else if (value->kind == CURATOR_NODE_MAPPING && ed->step == 0)
            {
              guint child_column = column_of (ed, key_at (value, 0)->start);

              if (child_column > key_column)
                ed->step = child_column - key_column;
            }
        }
      detect_style (ed, value, n_indentless, n_indented);
    }
}

static gboolean
editor_init (Editor                        *ed,
             CuratorYamlTree               *tree,
             const CuratorFrontMatterSplit *split,
             const char                    *key_path,
             GError                       **error)
{
  guint n_indentless = 0;
  guint n_indented = 0;

  memset (ed, 0, sizeof *ed);
  ed->tree = tree;
  ed->split = split;
  ed->data = g_bytes_get_data (tree->bytes, &ed->length);
  ed->key_path = key_path;
  switch (split->line_ending)
    {
    case CURATOR_LINE_ENDING_CRLF: ed->eol = "\r\n"; break;
    case CURATOR_LINE_ENDING_CR: ed->eol = "\r"; break;
    case CURATOR_LINE_ENDING_LF:
    default: ed->eol = "\n"; break;
    }

  if (tree->root == NULL || tree->root->kind != CURATOR_NODE_MAPPING)
    {
      g_set_error (error, CURATOR_ERROR, CURATOR_ERROR_NOT_EDITABLE,
                   _("The front matter is not a mapping of keys to values (line %u, column %u)"),
                   tree->root ? tree->root->line : 1, tree->root ? tree->root->column : 1);
      return FALSE;
    }

  if (!(ed->segments = curator_key_path_parse (key_path, error)))
    return FALSE;

  detect_style (ed, tree->root, &n_indentless, &n_indented);
  ed->indentless = n_indentless >= n_indented;
  if (ed->step == 0)
    ed->step = 2;
  return TRUE;
}

static void
editor_clear (Editor *ed)
{
  g_clear_pointer (&ed->segments, g_ptr_array_unref);
}

static const CuratorKeyPathSegment *
segment_at (Editor *ed,
            guint   index)
{
  return g_ptr_array_index (ed->segments, index);
}

/* Walks the key path as far as it exists: the deepest node found and how
 * many segments it took. Refuses walking through aliases and anchors. */
static gboolean
walk (Editor             *ed,
      const CuratorNode **out_node,
      guint              *out_found,
      GError            **error)
{
  const CuratorNode *node = ed->tree->root;
  guint i;

  for (i = 0; i < ed->segments->len; i++)
    {
      const CuratorKeyPathSegment *segment = segment_at (ed, i);

      if (node->kind == CURATOR_NODE_ALIAS || node->anchor != NULL)
        {
          g_set_error (error, CURATOR_ERROR, CURATOR_ERROR_ALIAS,
                       _("“%s” goes through an anchor or alias at line %u, column %u: editing it would change other values"),
                       ed->key_path, node->line, node->column);
          return FALSE;
        }

      if (segment->key != NULL)
        {
          int index;

          if (node->kind == CURATOR_NODE_SCALAR)
            break;
          if (node->kind != CURATOR_NODE_MAPPING)
            {
              g_set_error (error, CURATOR_ERROR, CURATOR_ERROR_TYPE_MISMATCH,
                           _("“%s”: key “%s” used on a list (line %u, column %u)"),
                           ed->key_path, segment->key, node->line, node->column);
              return FALSE;
            }
          if ((index = find_key (node, segment->key)) < 0)
            break;
          node = child_at (node, (guint) index);
        }
      else
        {
          if (node->kind == CURATOR_NODE_SCALAR)
            break;
          if (node->kind != CURATOR_NODE_SEQUENCE)
            {
              g_set_error (error, CURATOR_ERROR, CURATOR_ERROR_TYPE_MISMATCH,
                           _("“%s”: index [%u] used on a mapping (line %u, column %u)"),
                           ed->key_path, segment->index, node->line, node->column);
              return FALSE;
            }
          if (segment->index >= n_children (node))
            {
              if (segment->index > n_children (node))
                {
                  g_set_error (error, CURATOR_ERROR, CURATOR_ERROR_NOT_FOUND,
                               ngettext ("“%s”: index [%u] is past the end of a list of %u item (line %u, column %u)",
                                         "“%s”: index [%u] is past the end of a list of %u items (line %u, column %u)",
                                         n_children (node)),
                               ed->key_path, segment->index, n_children (node), node->line, node->column);
                  return FALSE;
                }
              break;
            }
          node = child_at (node, segment->index);
        }
    }

  if (i == ed->segments->len && has_anchor_or_alias (node))
    {
      g_set_error (error, CURATOR_ERROR, CURATOR_ERROR_ALIAS,
                   _("“%s” holds an anchor or alias (line %u, column %u): editing it would change other values"),
                   ed->key_path, node->line, node->column);
      return FALSE;
    }

  *out_node = node;
  *out_found = i;
  return TRUE;
}

const CuratorNode *
curator_yaml_edit_find_node (CuratorYamlTree *tree,
                             const char      *key_path)
{
  g_autoptr(GPtrArray) segments = NULL;
  const CuratorNode *node;

  if (tree == NULL || tree->root == NULL || !(segments = curator_key_path_parse (key_path, NULL)))
    return NULL;

  node = tree->root;
  for (guint i = 0; i < segments->len; i++)
    {
      const CuratorKeyPathSegment *segment = g_ptr_array_index (segments, i);

      if (segment->key != NULL)
        {
          int index;

          if (node->kind != CURATOR_NODE_MAPPING || (index = find_key (node, segment->key)) < 0)
            return NULL;
          node = child_at (node, (guint) index);
        }
      else
        {
          if (node->kind != CURATOR_NODE_SEQUENCE || segment->index >= n_children (node))
            return NULL;
          node = child_at (node, segment->index);
        }
    }
  return node;
}

/* Emitting new values */

static gboolean
invalid_value (Editor              *ed,
               const CuratorValue  *value,
               GError             **error)
{
  static const char *type_names[] = { "null", "boolean", "integer", "number", "date", "text" };
  const char *type_name = value->scalar_type >= 0 && value->scalar_type < (int) G_N_ELEMENTS (type_names)
                          ? type_names[value->scalar_type] : "?";

  g_set_error (error, CURATOR_ERROR, CURATOR_ERROR_INVALID_VALUE,
               _("“%s”: “%s” is not a valid %s"), ed->key_path, value->text, type_name);
  return FALSE;
}

static gboolean
append_new_scalar (Editor              *ed,
                   GString             *out,
                   const CuratorValue  *value,
                   gboolean             flow,
                   gboolean             allow_empty,
                   GError             **error)
{
  CuratorScalarEmit emit = { 0, };
  g_autofree char *text = NULL;

  emit.style = CURATOR_NODE_STYLE_PLAIN;
  emit.flow = flow;
  emit.allow_empty = allow_empty;
  emit.eol = ed->eol;
  if (!(text = curator_scalar_emit (value->text, value->scalar_type, &emit)))
    return invalid_value (ed, value, error);
  g_string_append (out, text);
  return TRUE;
}

static void
append_key (GString    *out,
            const char *key,
            gboolean    flow)
{
  CuratorScalarEmit emit = { 0, };
  g_autofree char *text = NULL;

  emit.style = CURATOR_NODE_STYLE_PLAIN;
  emit.flow = flow;
  emit.eol = "\n";
  text = curator_scalar_emit (key, CURATOR_SCALAR_STRING, &emit);
  g_string_append (out, text);
}

static gboolean
append_flow (Editor              *ed,
             GString             *out,
             const CuratorValue  *value,
             GError             **error)
{
  switch (value->kind)
    {
    case CURATOR_NODE_MAPPING:
      g_string_append_c (out, '{');
      for (guint i = 0; i < value->items->len; i++)
        {
          if (i > 0)
            g_string_append (out, ", ");
          append_key (out, g_ptr_array_index (value->keys, i), TRUE);
          g_string_append (out, ": ");
          if (!append_flow (ed, out, g_ptr_array_index (value->items, i), error))
            return FALSE;
        }
      g_string_append_c (out, '}');
      return TRUE;

    case CURATOR_NODE_SEQUENCE:
      g_string_append_c (out, '[');
      for (guint i = 0; i < value->items->len; i++)
        {
          if (i > 0)
            g_string_append (out, ", ");
          if (!append_flow (ed, out, g_ptr_array_index (value->items, i), error))
            return FALSE;
        }
      g_string_append_c (out, ']');
      return TRUE;

    case CURATOR_NODE_SCALAR:
    case CURATOR_NODE_ALIAS:
    default:
      return append_new_scalar (ed, out, value, TRUE, FALSE, error);
    }
}

/* Writes what follows the ':' of a key at @column (or the '-' of an item
 * at @column when @after_dash): " scalar", or the lines of a block
 * collection, each starting with a line break. */
static gboolean
append_block (Editor              *ed,
              GString             *out,
              const CuratorValue  *value,
              guint                column,
              gboolean             after_dash,
              GError             **error)
{
  guint child_column;

  if (value->kind == CURATOR_NODE_SCALAR || value->kind == CURATOR_NODE_ALIAS)
    {
      gsize before = out->len;

      g_string_append_c (out, ' ');
      if (!append_new_scalar (ed, out, value, FALSE, TRUE, error))
        return FALSE;
      if (out->len == before + 1)
        g_string_truncate (out, before);
      return TRUE;
    }

  if (value->items->len == 0)
    {
      g_string_append (out, value->kind == CURATOR_NODE_MAPPING ? " {}" : " []");
      return TRUE;
    }

  if (value->kind == CURATOR_NODE_MAPPING)
    child_column = after_dash ? column + 2 : column + ed->step;
  else
    child_column = after_dash ? column + 2 : (ed->indentless ? column : column + ed->step);

  for (guint i = 0; i < value->items->len; i++)
    {
      if (i == 0 && after_dash)
        g_string_append_c (out, ' ');
      else
        {
          g_string_append (out, ed->eol);
          append_spaces (out, child_column);
        }

      if (value->kind == CURATOR_NODE_MAPPING)
        {
          append_key (out, g_ptr_array_index (value->keys, i), FALSE);
          g_string_append_c (out, ':');
          if (!append_block (ed, out, g_ptr_array_index (value->items, i), child_column, FALSE, error))
            return FALSE;
        }
      else
        {
          g_string_append_c (out, '-');
          if (!append_block (ed, out, g_ptr_array_index (value->items, i), child_column, TRUE, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* The logical model: the old data with the edit applied to it */

/* The slot of segments [@from, @to) of the key path below @root, the
 * value at segment depth @from; missing maps, lists and entries are
 * made on the way, as the edit makes them in the file. */
static CuratorValue **
logical_slot (CuratorValue **root,
              Editor        *ed,
              guint          from,
              guint          to)
{
  CuratorValue **slot = root;

  for (guint i = from; i < to; i++)
    {
      const CuratorKeyPathSegment *segment = segment_at (ed, i);
      CuratorValue *value = *slot;

      if (segment->key != NULL)
        {
          int index;

          if (value->kind != CURATOR_NODE_MAPPING)
            {
              curator_value_free (value);
              *slot = value = curator_value_new_mapping ();
            }
          if ((index = curator_value_find_key (value, segment->key)) < 0)
            {
              curator_value_add_pair (value, segment->key, curator_value_new_scalar ("", CURATOR_SCALAR_NULL));
              index = (int) value->items->len - 1;
            }
          slot = (CuratorValue **) &value->items->pdata[index];
        }
      else
        {
          if (value->kind != CURATOR_NODE_SEQUENCE)
            {
              curator_value_free (value);
              *slot = value = curator_value_new_sequence ();
            }
          if (segment->index >= value->items->len)
            g_ptr_array_add (value->items, curator_value_new_scalar ("", CURATOR_SCALAR_NULL));
          slot = (CuratorValue **) &value->items->pdata[MIN (segment->index, value->items->len - 1)];
        }
    }
  return slot;
}

/* Applying and verifying */

static gboolean
verify_failed (Editor      *ed,
               GError     **error,
               const char  *why)
{
  g_set_error (error, CURATOR_ERROR, CURATOR_ERROR_VERIFY_FAILED,
               _("The edit of “%s” did not read back as intended (%s); nothing was changed"),
               ed->key_path, why);
  return FALSE;
}

static gboolean
nodes_equal (const CuratorNode *a,
             const CuratorNode *b)
{
  if (a->kind != b->kind || n_children (a) != n_children (b)
      || g_strcmp0 (a->tag, b->tag) != 0 || g_strcmp0 (a->anchor, b->anchor) != 0)
    return FALSE;
  if (a->kind == CURATOR_NODE_SCALAR)
    return a->scalar_type == b->scalar_type
           && (a->scalar_type == CURATOR_SCALAR_NULL || g_strcmp0 (a->value, b->value) == 0);
  if (a->kind == CURATOR_NODE_ALIAS)
    return g_strcmp0 (a->value, b->value) == 0;
  for (guint i = 0; i < n_children (a); i++)
    {
      if (a->kind == CURATOR_NODE_MAPPING && g_strcmp0 (key_at (a, i)->value, key_at (b, i)->value) != 0)
        return FALSE;
      if (!nodes_equal (child_at (a, i), child_at (b, i)))
        return FALSE;
    }
  return TRUE;
}

/* Whether the re-parsed tree @new_node is the old tree @old_node with
 * the subtree at segment depth @op_depth of the key path replaced by
 * @expected: everything off the path must be equal. */
static gboolean
tree_matches (Editor             *ed,
              const CuratorNode  *old_node,
              const CuratorNode  *new_node,
              guint               depth,
              guint               op_depth,
              const CuratorValue *expected)
{
  const CuratorKeyPathSegment *segment;
  guint on_path;

  if (depth == op_depth)
    return curator_value_equal_node (expected, new_node);

  if (old_node->kind != new_node->kind || n_children (old_node) != n_children (new_node)
      || g_strcmp0 (old_node->tag, new_node->tag) != 0
      || g_strcmp0 (old_node->anchor, new_node->anchor) != 0)
    return FALSE;

  segment = segment_at (ed, depth);
  if (segment->key != NULL)
    {
      int index = old_node->kind == CURATOR_NODE_MAPPING ? find_key (old_node, segment->key) : -1;

      if (index < 0)
        return FALSE;
      on_path = (guint) index;
    }
  else
    on_path = segment->index;

  for (guint i = 0; i < n_children (old_node); i++)
    {
      if (old_node->kind == CURATOR_NODE_MAPPING
          && g_strcmp0 (key_at (old_node, i)->value, key_at (new_node, i)->value) != 0)
        return FALSE;
      if (i == on_path
          ? !tree_matches (ed, child_at (old_node, i), child_at (new_node, i), depth + 1, op_depth, expected)
          : !nodes_equal (child_at (old_node, i), child_at (new_node, i)))
        return FALSE;
    }
  return on_path < n_children (old_node);
}

static gboolean
commit (Editor                *ed,
        Patch                 *patch,
        guint                  op_depth,
        const CuratorValue    *expected,
        CuratorYamlEditResult *result,
        GError               **error)
{
  const char *old_text = ed->data + patch->offset;
  gsize old_length = patch->length;
  const char *new_text = patch->text->str;
  gsize new_length = patch->text->len;
  gsize offset = patch->offset;
  g_autoptr(GByteArray) array = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CuratorYamlTree) tree = NULL;
  g_autoptr(GError) local_error = NULL;
  CuratorFrontMatterSplit split;

  /* Keep the patch minimal: what both sides share at either end stays. */
  while (old_length > 0 && new_length > 0 && *old_text == *new_text)
    {
      old_text++, new_text++, offset++;
      old_length--, new_length--;
    }
  while (old_length > 0 && new_length > 0 && old_text[old_length - 1] == new_text[new_length - 1])
    old_length--, new_length--;

  memset (result, 0, sizeof *result);
  if (old_length == 0 && new_length == 0)
    return TRUE;

  if (offset < ed->split->front_matter_start || offset + old_length > ed->split->front_matter_end)
    return verify_failed (ed, error, _("the change reaches outside the front matter"));

  array = g_byte_array_sized_new (ed->length - old_length + new_length);
  g_byte_array_append (array, (const guint8 *) ed->data, offset);
  g_byte_array_append (array, (const guint8 *) new_text, new_length);
  g_byte_array_append (array, (const guint8 *) ed->data + offset + old_length,
                       ed->length - offset - old_length);
  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&array));

  if (!curator_front_matter_split (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                   &split, &local_error))
    return verify_failed (ed, error, local_error->message);
  if (split.kind != CURATOR_FRONT_MATTER_YAML
      || split.front_matter_start != ed->split->front_matter_start
      || split.length - split.body_start != ed->split->length - ed->split->body_start)
    return verify_failed (ed, error, _("the front matter delimiters moved"));

  if (!(tree = curator_yaml_tree_parse (bytes, split.front_matter_start, split.front_matter_end, &local_error)))
    return verify_failed (ed, error, local_error->message);

  if (!tree_matches (ed, ed->tree->root, tree->root, 0, op_depth, expected))
    {
      if (g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN) == FALSE)
        {
          g_autoptr(CuratorValue) actual = curator_value_new_from_node (tree->root);
          g_autofree char *expected_text = curator_value_dup_canonical (expected);
          g_autofree char *actual_text = curator_value_dup_canonical (actual);

          g_debug ("expected at depth %u %s\nactual   %s", op_depth, expected_text, actual_text);
        }
      return verify_failed (ed, error, _("other data would change"));
    }

  result->bytes = g_steal_pointer (&bytes);
  result->split = split;
  result->tree = g_steal_pointer (&tree);
  result->offset = offset;
  result->old_text = g_bytes_new (old_text, old_length);
  result->new_text = g_bytes_new (new_text, new_length);
  return TRUE;
}

static void
patch_init (Patch *patch,
            gsize  from,
            gsize  to)
{
  patch->offset = from;
  patch->length = to - from;
  patch->text = g_string_new (NULL);
}

static void
patch_clear (Patch *patch)
{
  if (patch->text != NULL)
    g_string_free (patch->text, TRUE);
  patch->text = NULL;
}

/* Where the value of @node sits for a replacement: from just after the
 * ':' or '-' that introduces it (block), or its own span (flow). */
static gboolean
value_range (Editor             *ed,
             const CuratorNode  *node,
             gsize              *from,
             gboolean           *flow,
             guint              *column,
             gboolean           *after_dash,
             GError            **error)
{
  const CuratorNode *parent = node->parent;

  *flow = FALSE;
  *after_dash = FALSE;
  if (parent == NULL)
    {
      g_set_error (error, CURATOR_ERROR, CURATOR_ERROR_TYPE_MISMATCH,
                   _("The whole front matter cannot be replaced by a value"));
      return FALSE;
    }
  if (parent->style == CURATOR_NODE_STYLE_FLOW)
    {
      *from = node->start;
      *flow = TRUE;
      *column = 0;
      return TRUE;
    }
  if (parent->kind == CURATOR_NODE_MAPPING)
    {
      gsize colon;

      g_assert (node->key != NULL);
      if ((colon = colon_after (ed, node->key)) == G_MAXSIZE)
        return verify_failed (ed, error, _("no ':' after the key"));
      *from = colon + 1;
      *column = column_of (ed, node->key->start);
      return TRUE;
    }
  else
    {
      gsize dash = dash_before (ed, node);

      if (dash == G_MAXSIZE)
        return verify_failed (ed, error, _("no '-' before the item"));
      *from = dash + 1;
      *column = column_of (ed, dash);
      *after_dash = TRUE;
      return TRUE;
    }
}

/* Replaces a whole node (any kind) by @value, block or flow as the place
 * requires. */
static gboolean
patch_replace_node (Editor              *ed,
                    const CuratorNode   *node,
                    const CuratorValue  *value,
                    Patch               *patch,
                    GError             **error)
{
  gsize from;
  gboolean flow, after_dash;
  guint column;

  if (!value_range (ed, node, &from, &flow, &column, &after_dash, error))
    return FALSE;

  patch_init (patch, from, node->end);
  if (flow)
    return append_flow (ed, patch->text, value, error);
  if (value->kind != CURATOR_NODE_SCALAR
      && node->kind == value->kind && node->style == CURATOR_NODE_STYLE_FLOW
      && value->items->len > 0)
    {
      /* A flow collection stays flow. */
      g_string_append_c (patch->text, ' ');
      return append_flow (ed, patch->text, value, error);
    }
  if (!append_block (ed, patch->text, value, column, after_dash, error))
    return FALSE;

  /* A comment after the old value stays on the key's line when the new
   * value is a block below it. */
  if (g_str_has_prefix (patch->text->str, ed->eol) && node->line_end > node->end)
    {
      gsize p = node->end;

      while (p < node->line_end && (ed->data[p] == ' ' || ed->data[p] == '\t'))
        p++;
      if (p > node->end && p < node->line_end && ed->data[p] == '#')
        {
          g_string_prepend_len (patch->text, ed->data + node->end, node->line_end - node->end);
          patch->length = node->line_end - patch->offset;
        }
    }
  return TRUE;
}

/* The content indentation of a block scalar: the spaces before its first
 * non-empty line. */
static guint
block_content_indent (const char *data,
                      gsize       length,
                      gsize       header,
                      gsize       end)
{
  gsize p = header;

  while (p < end && !is_break (data[p]))
    p++;
  while (p < end)
    {
      guint spaces = 0;

      while (p < end && is_break (data[p]))
        p++;
      while (p < end && data[p] == ' ')
        spaces++, p++;
      if (p < end && !is_break (data[p]))
        return spaces;
    }
  return 0;
}

static guint
count_blank_lines_after (Editor *ed,
                         gsize   end)
{
  gsize p = next_line_of (ed, end);
  guint count = 0;

  while (p < ed->split->front_matter_end)
    {
      gsize q = p;

      while (q < ed->length && (ed->data[q] == ' ' || ed->data[q] == '\t'))
        q++;
      if (q < ed->length && !is_break (ed->data[q]))
        break;
      if (q >= ed->length)
        break;
      count++;
      p = next_line_of (ed, q);
    }
  return count;
}

/* The column of the ':' key or '-' that introduces @node's value. */
static guint
parent_column_of (Editor            *ed,
                  const CuratorNode *node)
{
  gsize dash;

  if (node->key != NULL)
    return column_of (ed, node->key->start);
  if (node->parent != NULL && node->parent->kind == CURATOR_NODE_SEQUENCE
      && node->parent->style != CURATOR_NODE_STYLE_FLOW
      && (dash = dash_before (ed, node)) != G_MAXSIZE)
    return column_of (ed, dash);
  return 0;
}

static gboolean
is_core_tag (const char *tag)
{
  return g_str_has_prefix (tag, "!!") || g_str_has_prefix (tag, "tag:yaml.org,2002:");
}

static gboolean
is_str_tag (const char *tag)
{
  return g_str_equal (tag, "!!str") || g_str_equal (tag, "tag:yaml.org,2002:str");
}

/* Replaces a scalar's text, keeping its style; @drop_tag also replaces
 * its tag. */
static gboolean
patch_replace_scalar (Editor              *ed,
                      const CuratorNode   *node,
                      const CuratorValue  *value,
                      CuratorYamlTree     *style_tree,
                      gboolean             drop_tag,
                      gboolean            *verbatim,
                      Patch               *patch,
                      GError             **error)
{
  const CuratorNode *style_node = NULL;
  const char *style_data = ed->data;
  gsize style_length = ed->length;
  CuratorScalarEmit emit = { 0, };
  g_autofree char *text = NULL;
  gsize from = drop_tag ? node->start : node->value_start;

  if (style_tree != NULL)
    style_node = curator_yaml_edit_find_node (style_tree, ed->key_path);
  if (style_node != NULL && style_node->kind == CURATOR_NODE_SCALAR && style_node->start == style_node->end)
    emit.allow_empty = TRUE;
  if (style_node != NULL && style_node->kind == CURATOR_NODE_SCALAR && style_node->start < style_node->end)
    style_data = g_bytes_get_data (style_tree->bytes, &style_length);
  else
    style_node = node;

  emit.style = style_node->style;
  emit.flow = in_flow (node);
  /* A null set as "" is written as nothing (`key:`), as it reads back;
   * only an item of a flow sequence needs a word for it. */
  emit.allow_empty |= node->start == node->end
                      || node->parent == NULL
                      || node->parent->kind != CURATOR_NODE_SEQUENCE
                      || node->parent->style != CURATOR_NODE_STYLE_FLOW;
  emit.start_column = column_of (ed, node->value_start);
  emit.eol = ed->eol;
  emit.trailing_blank_lines = count_blank_lines_after (ed, node->end);

  if (emit.style == CURATOR_NODE_STYLE_LITERAL || emit.style == CURATOR_NODE_STYLE_FOLDED)
    {
      guint parent_column = parent_column_of (ed, node);

      emit.block_indent = block_content_indent (style_data, style_length,
                                                style_node->value_start, style_node->end);
      if (emit.block_indent <= parent_column && node->parent != NULL)
        emit.block_indent = parent_column + ed->step;
      if (emit.style == CURATOR_NODE_STYLE_FOLDED)
        emit.width = style_node->style == CURATOR_NODE_STYLE_FOLDED
                     ? curator_scalar_infer_block_width (style_data, style_node->value_start, style_node->end)
                     : 80;
    }
  else if (!emit.flow)
    {
      guint parent_column = parent_column_of (ed, node);

      emit.width = curator_scalar_infer_fold_width (style_data + style_node->value_start,
                                                    style_node->end - style_node->value_start,
                                                    emit.start_column,
                                                    &emit.continuation_indent);
      /* Continuation lines must be indented past the key. */
      if (emit.continuation_indent <= parent_column)
        emit.continuation_indent = parent_column + ed->step;
    }

  /* The value the file was loaded with: its own spelling (escapes,
   * quoting, folding) comes back, so setting a value back restores the
   * bytes. The caller retries without when that does not verify. */
  if (*verbatim)
    {
      *verbatim = style_node != node && style_node->kind == CURATOR_NODE_SCALAR
                  && style_node->anchor == NULL
                  && style_node->scalar_type == value->scalar_type
                  && (value->scalar_type == CURATOR_SCALAR_NULL
                      ? style_node->value_start == style_node->end
                      : g_strcmp0 (style_node->value, value->text) == 0)
                  && g_strcmp0 (style_node->tag, value->tag) == 0
                  && (value->tag == NULL || !drop_tag);
      if (*verbatim)
        {
          /* With the loaded tag when the node lost it. */
          gsize start = node->tag == NULL ? style_node->start : style_node->value_start;

          text = g_strndup (style_data + start, style_node->end - start);
        }
    }
  if (text == NULL && !(text = curator_scalar_emit (value->text, value->scalar_type, &emit)))
    return invalid_value (ed, value, error);

  /* An empty value sits right after the ':' or '-'. */
  if (text[0] == '\0' && (drop_tag || node->start == node->value_start))
    while (from > ed->split->front_matter_start && ed->data[from - 1] == ' ')
      from--;
  patch_init (patch, from, node->end);
  /* `key:` had no space before its (empty) value. */
  if (node->start == node->end && text[0] != '\0' && !emit.flow
      && from > 0 && (ed->data[from - 1] == ':' || ed->data[from - 1] == '-'))
    g_string_append_c (patch->text, ' ');
  g_string_append (patch->text, text);

  /* Lines of only spaces after a block scalar are its content to libyaml
   * (the span ends before them); they would join whatever replaces it,
   * so they become empty lines. */
  if (node->style == CURATOR_NODE_STYLE_LITERAL || node->style == CURATOR_NODE_STYLE_FOLDED)
    {
      guint indent = block_content_indent (ed->data, ed->length, node->value_start, node->end);
      g_autoptr(GString) tail = g_string_new (NULL);
      gsize p = node->end;
      gsize to = node->end;

      for (;;)
        {
          gsize line = next_line_of (ed, p);
          gsize q = line;

          if (line >= ed->split->front_matter_end || line == p)
            break;
          while (q < ed->length && (ed->data[q] == ' ' || ed->data[q] == '\t'))
            q++;
          if (q >= ed->length || !is_break (ed->data[q]))
            break;
          /* Up to the indentation, spaces are an empty line to libyaml too. */
          g_string_append_len (tail, ed->data + p, line - p);
          if (q - line > indent)
            to = q;
          else
            g_string_append_len (tail, ed->data + line, q - line);
          if (to == q)
            {
              g_string_append (patch->text, tail->str);
              g_string_truncate (tail, 0);
            }
          p = q;
        }
      patch->length = to - patch->offset;
    }
  return TRUE;
}

/* Where the text after an entry starts: the next line, past the blank
 * lines a block scalar at its end may own (keep chomping, or lines of
 * spaces deeper than its indentation). */
static gsize
entry_end (Editor            *ed,
           const CuratorNode *node)
{
  gsize end = next_line_of (ed, node->line_end);
  const CuratorNode *last = node;

  while (n_children (last) > 0)
    last = child_at (last, n_children (last) - 1);
  if (last->kind != CURATOR_NODE_SCALAR
      || (last->style != CURATOR_NODE_STYLE_LITERAL && last->style != CURATOR_NODE_STYLE_FOLDED))
    return end;

  while (end < ed->split->front_matter_end)
    {
      gsize q = end;

      while (q < ed->length && (ed->data[q] == ' ' || ed->data[q] == '\t'))
        q++;
      if (q >= ed->length || !is_break (ed->data[q]))
        break;
      end = next_line_of (ed, q);
    }
  return end;
}

static gboolean
patch_add_pair (Editor              *ed,
                const CuratorNode   *mapping,
                const char          *key,
                const CuratorValue  *value,
                Patch               *patch,
                GError             **error)
{
  guint n = n_children (mapping);

  if (mapping->style == CURATOR_NODE_STYLE_FLOW && mapping->end > mapping->start)
    {
      if (n > 0)
        {
          patch_init (patch, child_at (mapping, n - 1)->end, child_at (mapping, n - 1)->end);
          g_string_append (patch->text, ", ");
        }
      else
        patch_init (patch, mapping->value_start + 1, mapping->value_start + 1);
      append_key (patch->text, key, TRUE);
      g_string_append (patch->text, ": ");
      return append_flow (ed, patch->text, value, error);
    }

  if (n == 0)
    {
      /* An empty front matter (or only comments): the key goes last. */
      if (mapping->parent != NULL)
        return verify_failed (ed, error, _("an empty block mapping"));
      patch_init (patch, ed->split->front_matter_end, ed->split->front_matter_end);
      if (patch->offset > ed->split->front_matter_start && !is_break (ed->data[patch->offset - 1]))
        g_string_append (patch->text, ed->eol);
      append_key (patch->text, key, FALSE);
      g_string_append_c (patch->text, ':');
      if (!append_block (ed, patch->text, value, 0, FALSE, error))
        return FALSE;
      g_string_append (patch->text, ed->eol);
      return TRUE;
    }
  else
    {
      const CuratorNode *last = child_at (mapping, n - 1);
      guint column = column_of (ed, key_at (mapping, 0)->start);
      gsize at = entry_end (ed, last);

      patch_init (patch, at, at);
      if (at == ed->length || !is_break (ed->data[at - 1]))
        g_string_append (patch->text, ed->eol);
      append_spaces (patch->text, column);
      append_key (patch->text, key, FALSE);
      g_string_append_c (patch->text, ':');
      if (!append_block (ed, patch->text, value, column, FALSE, error))
        return FALSE;
      if (!(at == ed->length || !is_break (ed->data[at - 1])))
        g_string_append (patch->text, ed->eol);
      return TRUE;
    }
}

static gboolean
item_line (Editor             *ed,
           const CuratorNode  *item,
           gsize              *dash,
           GError            **error)
{
  *dash = dash_before (ed, item);
  if (*dash == G_MAXSIZE || !only_spaces_before (ed, *dash))
    {
      g_set_error (error, CURATOR_ERROR, CURATOR_ERROR_TYPE_MISMATCH,
                   _("“%s”: the list item at line %u, column %u shares its line with another item; edit the outer list"),
                   ed->key_path, item->line, item->column);
      return FALSE;
    }
  return TRUE;
}

static gboolean
patch_insert_item (Editor              *ed,
                   const CuratorNode   *list,
                   guint                index,
                   const CuratorValue  *value,
                   Patch               *patch,
                   GError             **error)
{
  guint n = n_children (list);
  gsize dash;
  gsize at;

  if (list->style == CURATOR_NODE_STYLE_FLOW)
    {
      if (n == 0)
        /* `[ ]` becomes `[x]`. */
        patch_init (patch, list->value_start + 1, MAX (list->value_start + 1, list->end - 1));
      else if (index < n)
        patch_init (patch, child_at (list, index)->start, child_at (list, index)->start);
      else
        {
          patch_init (patch, child_at (list, n - 1)->end, child_at (list, n - 1)->end);
          g_string_append (patch->text, ", ");
        }
      if (!append_flow (ed, patch->text, value, error))
        return FALSE;
      if (n > 0 && index < n)
        g_string_append (patch->text, ", ");
      return TRUE;
    }

  if (!item_line (ed, child_at (list, MIN (index, n - 1)), &dash, error))
    return FALSE;
  if (index < n)
    at = line_start_of (ed, dash);
  else
    at = entry_end (ed, child_at (list, n - 1));

  patch_init (patch, at, at);
  if (index >= n && (at == ed->length || !is_break (ed->data[at - 1])))
    g_string_append (patch->text, ed->eol);
  append_spaces (patch->text, column_of (ed, dash));
  g_string_append_c (patch->text, '-');
  if (!append_block (ed, patch->text, value, column_of (ed, dash), TRUE, error))
    return FALSE;
  if (!(index >= n && (at == ed->length || !is_break (ed->data[at - 1]))))
    g_string_append (patch->text, ed->eol);
  return TRUE;
}

/* Removes entry @index (a pair or an item) of a collection with its lines,
 * or its text and one comma in a flow collection. The last entry of a
 * block collection leaves `{}` / `[]`. */
static gboolean
patch_remove_entry (Editor             *ed,
                    const CuratorNode  *parent,
                    guint               index,
                    Patch              *patch,
                    GError            **error)
{
  guint n = n_children (parent);
  gboolean is_mapping = parent->kind == CURATOR_NODE_MAPPING;
  const CuratorNode *value = child_at (parent, index);
  const CuratorNode *first = is_mapping ? key_at (parent, index) : value;

  if (parent->style == CURATOR_NODE_STYLE_FLOW)
    {
      if (index + 1 < n)
        {
          const CuratorNode *next = is_mapping ? key_at (parent, index + 1) : child_at (parent, index + 1);

          patch_init (patch, first->start, next->start);
        }
      else if (index > 0)
        patch_init (patch, child_at (parent, index - 1)->end, value->end);
      else
        patch_init (patch, first->start, value->end);
      return TRUE;
    }

  if (n == 1 && parent->parent != NULL)
    {
      g_autoptr(CuratorValue) empty = is_mapping ? curator_value_new_mapping () : curator_value_new_sequence ();
      gsize entry_start = is_mapping ? first->start : dash_before (ed, value);
      gsize colon = parent->key != NULL ? colon_after (ed, parent->key) : G_MAXSIZE;

      /* After `key: !tag`, not between the ':' and the tag. */
      if (colon != G_MAXSIZE && parent->tag != NULL)
        colon = parent->start + strlen (parent->tag) - 1;

      /* `key:` over the entry's own lines: the entry's lines go, `key:`
       * gets `[]` or `{}`, comment lines in between stay. */
      if (parent->parent->kind == CURATOR_NODE_MAPPING && parent->parent->style != CURATOR_NODE_STYLE_FLOW
          && colon != G_MAXSIZE && entry_start != G_MAXSIZE
          && only_spaces_before (ed, entry_start) && line_start_of (ed, entry_start) > colon)
        {
          gsize entry_line = line_start_of (ed, entry_start);

          patch_init (patch, colon + 1, next_line_of (ed, value->line_end));
          g_string_append (patch->text, is_mapping ? " {}" : " []");
          g_string_append_len (patch->text, ed->data + colon + 1, entry_line - colon - 1);
          return TRUE;
        }
      return patch_replace_node (ed, parent, empty, patch, error);
    }

  if (is_mapping)
    {
      if (only_spaces_before (ed, first->start))
        patch_init (patch, line_start_of (ed, first->start), entry_end (ed, value));
      else if (index + 1 < n)
        patch_init (patch, first->start, key_at (parent, index + 1)->start);
      else
        return verify_failed (ed, error, _("a key that shares its line"));
      return TRUE;
    }
  else
    {
      gsize dash;

      if (!item_line (ed, value, &dash, error))
        return FALSE;
      patch_init (patch, line_start_of (ed, dash), entry_end (ed, value));
      return TRUE;
    }
}

static gboolean
patch_move_item (Editor             *ed,
                 const CuratorNode  *list,
                 guint               from_index,
                 guint               to_index,
                 Patch              *patch,
                 GError            **error)
{
  guint n = n_children (list);
  g_autofree gsize *starts = g_new0 (gsize, n);
  g_autofree gsize *ends = g_new0 (gsize, n);
  g_autofree guint *order = g_new0 (guint, n);
  guint k = 0;

  for (guint i = 0; i < n; i++)
    {
      const CuratorNode *item = child_at (list, i);

      if (list->style == CURATOR_NODE_STYLE_FLOW)
        {
          starts[i] = item->start;
          ends[i] = item->end;
        }
      else
        {
          gsize dash;

          if (!item_line (ed, item, &dash, error))
            return FALSE;
          starts[i] = line_start_of (ed, dash);
          ends[i] = entry_end (ed, item);
        }
    }

  /* The new order: @from_index taken out and put back at @to_index. */
  for (guint i = 0; i < n; i++)
    {
      if (i == from_index)
        continue;
      if (k == to_index)
        order[k++] = from_index;
      order[k++] = i;
    }
  if (k < n)
    order[k++] = from_index;

  patch_init (patch, starts[0], ends[n - 1]);
  for (guint i = 0; i < n; i++)
    {
      g_string_append_len (patch->text, ed->data + starts[order[i]], ends[order[i]] - starts[order[i]]);
      /* What lies between entries (commas, comment lines) stays in place. */
      if (i + 1 < n)
        g_string_append_len (patch->text, ed->data + ends[i], starts[i + 1] - ends[i]);
    }
  return TRUE;
}

/* Public operations */

static CuratorScalarType
resolve_auto (const CuratorNode *node,
              const char        *text)
{
  CuratorScalarType type;

  if (node == NULL || node->kind != CURATOR_NODE_SCALAR || node->scalar_type == CURATOR_SCALAR_STRING)
    return CURATOR_SCALAR_STRING;
  /* An empty item of a flow list can only be written '' (a string). */
  if (text[0] == '\0' && node->parent != NULL && node->parent->kind == CURATOR_NODE_SEQUENCE
      && node->parent->style == CURATOR_NODE_STYLE_FLOW)
    return CURATOR_SCALAR_STRING;
  type = curator_scalar_resolve_plain (text, strlen (text), NULL);
  return type == node->scalar_type ? type : CURATOR_SCALAR_STRING;
}

gboolean
curator_yaml_edit_set (CuratorYamlTree               *tree,
                       const CuratorFrontMatterSplit *split,
                       const char                    *key_path,
                       const CuratorValue            *value,
                       CuratorYamlTree               *style_tree,
                       CuratorYamlEditResult         *result,
                       GError                       **error)
{
  Editor ed;
  Patch patch = { 0, };
  const CuratorNode *node;
  guint found;
  g_autoptr(CuratorValue) new_value = NULL;
  g_autoptr(CuratorValue) expected = NULL;
  gboolean verbatim = FALSE;
  gboolean loaded_tag = FALSE;
  const CuratorNode *loaded;
  gboolean ok = FALSE;

  memset (result, 0, sizeof *result);
  if (!editor_init (&ed, tree, split, key_path, error))
    goto out;
  if (ed.segments->len == 0)
    {
      g_set_error (error, CURATOR_ERROR, CURATOR_ERROR_INVALID_KEY_PATH,
                   _("An empty key path names the whole front matter, which cannot be set"));
      goto out;
    }
  if (!walk (&ed, &node, &found, error))
    goto out;

  new_value = curator_value_copy (value);
  if (new_value->kind == CURATOR_NODE_SCALAR && new_value->scalar_type == CURATOR_SCALAR_AUTO)
    new_value->scalar_type = resolve_auto (found == ed.segments->len ? node : NULL, new_value->text);

  /* The logical edit applies below the deepest existing node. */
  expected = curator_value_new_from_node (node);

  if (found == ed.segments->len)
    {
      CuratorValue **slot = logical_slot (&expected, &ed, found, ed.segments->len);

      if (node->kind == CURATOR_NODE_SCALAR && new_value->kind == CURATOR_NODE_SCALAR)
        {
          /* Setting the value a node already has changes nothing. */
          if (node->scalar_type == new_value->scalar_type
              && g_strcmp0 (node->value ? node->value : "", new_value->text) == 0)
            {
              ok = TRUE;
              goto out;
            }
          /* A custom tag stays; a core schema tag (!!int, !!null...) would
           * retype the new value, so it goes unless it says what the value is. */
          if (node->tag != NULL && !is_core_tag (node->tag))
            new_value->tag = g_strdup (node->tag);
          else if (node->tag != NULL && new_value->scalar_type == CURATOR_SCALAR_STRING
                   && is_str_tag (node->tag))
            new_value->tag = g_strdup (node->tag);
          /* Set back to its loaded value, a scalar gets its loaded tag back. */
          loaded = style_tree != NULL ? curator_yaml_edit_find_node (style_tree, key_path) : NULL;
          if (loaded != NULL && loaded->kind == CURATOR_NODE_SCALAR && loaded->tag != NULL
              && loaded->anchor == NULL && new_value->tag == NULL && node->tag == NULL
              && loaded->scalar_type == new_value->scalar_type
              && (loaded->scalar_type == CURATOR_SCALAR_NULL || g_strcmp0 (loaded->value, new_value->text) == 0))
            {
              new_value->tag = g_strdup (loaded->tag);
              loaded_tag = TRUE;
            }
          verbatim = TRUE;
          if (!patch_replace_scalar (&ed, node, new_value, style_tree, new_value->tag == NULL,
                                     &verbatim, &patch, error))
            goto out;
        }
      else if (!patch_replace_node (&ed, node, new_value, &patch, error))
        goto out;

      curator_value_free (*slot);
      *slot = curator_value_copy (new_value);
    }
  else
    {
      /* Build what is missing below the deepest existing node, then add
       * it there as one pair or item. */
      g_autoptr(CuratorValue) missing = curator_value_copy (new_value);
      const CuratorKeyPathSegment *first = segment_at (&ed, found);
      CuratorValue **slot;

      for (guint i = ed.segments->len - 1; i > found; i--)
        {
          const CuratorKeyPathSegment *segment = segment_at (&ed, i);
          CuratorValue *wrapper;

          if (segment->key != NULL)
            {
              wrapper = curator_value_new_mapping ();
              curator_value_add_pair (wrapper, segment->key, g_steal_pointer (&missing));
            }
          else if (segment->index == 0)
            {
              wrapper = curator_value_new_sequence ();
              g_ptr_array_add (wrapper->items, g_steal_pointer (&missing));
            }
          else
            {
              g_set_error (error, CURATOR_ERROR, CURATOR_ERROR_NOT_FOUND,
                           _("“%s”: a new list starts at index [0], not [%u]"), key_path, segment->index);
              goto out;
            }
          missing = wrapper;
        }

      if (node->kind == CURATOR_NODE_MAPPING && first->key != NULL)
        {
          if (!patch_add_pair (&ed, node, first->key, missing, &patch, error))
            goto out;
        }
      else if (node->kind == CURATOR_NODE_SEQUENCE && first->key == NULL)
        {
          if (!patch_insert_item (&ed, node, first->index, missing, &patch, error))
            goto out;
        }
      else if (is_null_scalar (node) && (first->key != NULL || first->index == 0))
        {
          g_autoptr(CuratorValue) container = NULL;

          if (first->key != NULL)
            {
              container = curator_value_new_mapping ();
              curator_value_add_pair (container, first->key, g_steal_pointer (&missing));
            }
          else
            {
              container = curator_value_new_sequence ();
              g_ptr_array_add (container->items, g_steal_pointer (&missing));
            }
          if (!patch_replace_node (&ed, node, container, &patch, error))
            goto out;
        }
      else
        {
          g_set_error (error, CURATOR_ERROR, CURATOR_ERROR_TYPE_MISMATCH,
                       _("“%s”: the value at line %u, column %u is not a mapping or list"),
                       key_path, node->line, node->column);
          goto out;
        }

      slot = logical_slot (&expected, &ed, found, ed.segments->len);
      curator_value_free (*slot);
      *slot = curator_value_copy (new_value);
    }

  ok = commit (&ed, &patch, found, expected, result, verbatim || loaded_tag ? NULL : error);
  if (!ok && (verbatim || loaded_tag))
    {
      /* The loaded spelling did not fit where the value is now: emit it. */
      patch_clear (&patch);
      verbatim = FALSE;
      if (loaded_tag)
        {
          CuratorValue **slot = logical_slot (&expected, &ed, found, ed.segments->len);

          g_clear_pointer (&new_value->tag, g_free);
          g_clear_pointer (&(*slot)->tag, g_free);
        }
      ok = patch_replace_scalar (&ed, node, new_value, style_tree, new_value->tag == NULL,
                                 &verbatim, &patch, error)
           && commit (&ed, &patch, found, expected, result, error);
    }

out:
  patch_clear (&patch);
  editor_clear (&ed);
  return ok;
}

gboolean
curator_yaml_edit_unset (CuratorYamlTree               *tree,
                         const CuratorFrontMatterSplit *split,
                         const char                    *key_path,
                         CuratorYamlEditResult         *result,
                         GError                       **error)
{
  Editor ed;
  Patch patch = { 0, };
  const CuratorNode *node;
  const CuratorNode *parent;
  guint found;
  guint index = 0;
  g_autoptr(CuratorValue) expected = NULL;
  CuratorValue **slot;
  gboolean ok = FALSE;

  memset (result, 0, sizeof *result);
  if (!editor_init (&ed, tree, split, key_path, error))
    goto out;
  if (!walk (&ed, &node, &found, error))
    goto out;
  if (ed.segments->len == 0 || found < ed.segments->len)
    {
      g_set_error (error, CURATOR_ERROR, CURATOR_ERROR_NOT_FOUND,
                   _("“%s” is not in the front matter"), key_path);
      goto out;
    }

  parent = node->parent;
  while (index < n_children (parent) && child_at (parent, index) != node)
    index++;
  if (!patch_remove_entry (&ed, parent, index, &patch, error))
    goto out;

  expected = curator_value_new_from_node (parent);
  slot = &expected;
  if ((*slot)->keys != NULL)
    g_ptr_array_remove_index ((*slot)->keys, index);
  g_ptr_array_remove_index ((*slot)->items, index);

  ok = commit (&ed, &patch, ed.segments->len - 1, expected, result, error);

out:
  patch_clear (&patch);
  editor_clear (&ed);
  return ok;
}

/* The sequence named by @list_path (or NULL with an error); a null value
 * there (`tags:`) is returned too and becomes a list. */
static const CuratorNode *
find_list (Editor  *ed,
           GError **error)
{
  const CuratorNode *node;
  guint found;

  if (!walk (ed, &node, &found, error))
    return NULL;
  if (found < ed->segments->len)
    {
      g_set_error (error, CURATOR_ERROR, CURATOR_ERROR_NOT_FOUND,
                   _("“%s” is not in the front matter"), ed->key_path);
      return NULL;
    }
  if (node->kind != CURATOR_NODE_SEQUENCE && !is_null_scalar (node))
    {
      g_set_error (error, CURATOR_ERROR, CURATOR_ERROR_TYPE_MISMATCH,
                   _("“%s” (line %u, column %u) is not a list"), ed->key_path, node->line, node->column);
      return NULL;
    }
  return node;
}

gboolean
curator_yaml_edit_insert_item (CuratorYamlTree               *tree,
                               const CuratorFrontMatterSplit *split,
                               const char                    *list_path,
                               guint                          index,
                               const CuratorValue            *value,
                               CuratorYamlEditResult         *result,
                               GError                       **error)
{
  Editor ed;
  Patch patch = { 0, };
  const CuratorNode *list;
  g_autoptr(CuratorValue) item = NULL;
  g_autoptr(CuratorValue) expected = NULL;
  CuratorValue **slot;
  gboolean ok = FALSE;

  memset (result, 0, sizeof *result);
  if (!editor_init (&ed, tree, split, list_path, error))
    goto out;
  if (!(list = find_list (&ed, error)))
    goto out;
  if (index > n_children (list))
    {
      g_set_error (error, CURATOR_ERROR, CURATOR_ERROR_NOT_FOUND,
                   ngettext ("“%s”: index [%u] is past the end of a list of %u item",
                             "“%s”: index [%u] is past the end of a list of %u items",
                             n_children (list)),
                   list_path, index, n_children (list));
      goto out;
    }

  item = curator_value_copy (value);
  if (item->kind == CURATOR_NODE_SCALAR && item->scalar_type == CURATOR_SCALAR_AUTO)
    {
      /* An item takes the type its neighbours have when it fits. */
      const CuratorNode *neighbour = n_children (list) > 0 ? child_at (list, MIN (index, n_children (list) - 1)) : NULL;

      item->scalar_type = resolve_auto (neighbour, item->text);
    }

  if (list->kind == CURATOR_NODE_SEQUENCE)
    {
      if (!patch_insert_item (&ed, list, index, item, &patch, error))
        goto out;
    }
  else
    {
      g_autoptr(CuratorValue) new_list = curator_value_new_sequence ();

      g_ptr_array_add (new_list->items, curator_value_copy (item));
      if (!patch_replace_node (&ed, list, new_list, &patch, error))
        goto out;
    }

  expected = curator_value_new_from_node (list);
  slot = &expected;
  if ((*slot)->kind != CURATOR_NODE_SEQUENCE)
    {
      curator_value_free (*slot);
      *slot = curator_value_new_sequence ();
    }
  g_ptr_array_insert ((*slot)->items, (int) index, curator_value_copy (item));

  ok = commit (&ed, &patch, ed.segments->len, expected, result, error);

out:
  patch_clear (&patch);
  editor_clear (&ed);
  return ok;
}

gboolean
curator_yaml_edit_move_item (CuratorYamlTree               *tree,
                             const CuratorFrontMatterSplit *split,
                             const char                    *list_path,
                             guint                          from_index,
                             guint                          to_index,
                             CuratorYamlEditResult         *result,
                             GError                       **error)
{
  Editor ed;
  Patch patch = { 0, };
  const CuratorNode *list;
  g_autoptr(CuratorValue) expected = NULL;
  CuratorValue **slot;
  CuratorValue *item;
  gboolean ok = FALSE;

  memset (result, 0, sizeof *result);
  if (!editor_init (&ed, tree, split, list_path, error))
    goto out;
  if (!(list = find_list (&ed, error)))
    goto out;
  if (from_index >= n_children (list) || to_index >= n_children (list))
    {
      g_set_error (error, CURATOR_ERROR, CURATOR_ERROR_NOT_FOUND,
                   ngettext ("“%s”: cannot move item [%u] to [%u] in a list of %u item",
                             "“%s”: cannot move item [%u] to [%u] in a list of %u items",
                             n_children (list)),
                   list_path, from_index, to_index, n_children (list));
      goto out;
    }
  if (from_index == to_index)
    {
      ok = TRUE;
      goto out;
    }
  if (!patch_move_item (&ed, list, from_index, to_index, &patch, error))
    goto out;

  expected = curator_value_new_from_node (list);
  slot = &expected;
  item = g_ptr_array_steal_index ((*slot)->items, from_index);
  g_ptr_array_insert ((*slot)->items, (int) to_index, item);

  ok = commit (&ed, &patch, ed.segments->len, expected, result, error);

out:
  patch_clear (&patch);
  editor_clear (&ed);
  return ok;
}
