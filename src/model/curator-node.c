/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-node"

#include "config.h"

#include <string.h>

#include "curator-node.h"
#include "curator-json.h"
#include "curator-key-path.h"
#include "curator-node-private.h"

/* Aliases print as their anchored node; past this many nodes printed
 * through aliases (an alias bomb), they print as "*name". */
#define MAX_ALIAS_EXPANSION 100000

CuratorNodeKind
curator_node_get_kind (const CuratorNode *node)
{
  g_return_val_if_fail (node != NULL, CURATOR_NODE_SCALAR);

  return node->kind;
}

CuratorNodeStyle
curator_node_get_style (const CuratorNode *node)
{
  g_return_val_if_fail (node != NULL, CURATOR_NODE_STYLE_PLAIN);

  return node->style;
}

const char *
curator_node_get_value (const CuratorNode *node)
{
  g_return_val_if_fail (node != NULL, NULL);

  return node->value;
}

CuratorScalarType
curator_node_get_scalar_type (const CuratorNode *node)
{
  g_return_val_if_fail (node != NULL, CURATOR_SCALAR_STRING);

  return node->scalar_type;
}

gboolean
curator_node_is_yaml11_ambiguous (const CuratorNode *node)
{
  g_return_val_if_fail (node != NULL, FALSE);

  return node->yaml11_ambiguous;
}

const char *
curator_node_get_tag (const CuratorNode *node)
{
  g_return_val_if_fail (node != NULL, NULL);

  return node->tag;
}

const char *
curator_node_get_anchor (const CuratorNode *node)
{
  g_return_val_if_fail (node != NULL, NULL);

  return node->anchor;
}

guint
curator_node_get_n_children (const CuratorNode *node)
{
  g_return_val_if_fail (node != NULL, 0);

  return node->children != NULL ? node->children->len : 0;
}

const CuratorNode *
curator_node_get_child (const CuratorNode *node,
                        guint              index)
{
  g_return_val_if_fail (node != NULL, NULL);

  if (node->children == NULL || index >= node->children->len)
    return NULL;
  return g_ptr_array_index (node->children, index);
}

const CuratorNode *
curator_node_get_key_node (const CuratorNode *node,
                           guint              index)
{
  g_return_val_if_fail (node != NULL, NULL);

  if (node->keys == NULL || index >= node->keys->len)
    return NULL;
  return g_ptr_array_index (node->keys, index);
}

const char *
curator_node_get_key (const CuratorNode *node,
                      guint              index)
{
  const CuratorNode *key = curator_node_get_key_node (node, index);

  return key != NULL ? key->value : NULL;
}

const CuratorNode *
curator_node_lookup_key (const CuratorNode *node,
                         const char        *key)
{
  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (node->kind != CURATOR_NODE_MAPPING)
    return NULL;

  for (guint i = 0; i < node->keys->len; i++)
    {
      const CuratorNode *k = g_ptr_array_index (node->keys, i);

      if (strcmp (k->value, key) == 0)
        return g_ptr_array_index (node->children, i);
    }
  return NULL;
}

const CuratorNode *
curator_node_get_parent (const CuratorNode *node)
{
  g_return_val_if_fail (node != NULL, NULL);

  return node->parent;
}

gsize
curator_node_get_start (const CuratorNode *node)
{
  g_return_val_if_fail (node != NULL, 0);

  return node->start;
}

gsize
curator_node_get_end (const CuratorNode *node)
{
  g_return_val_if_fail (node != NULL, 0);

  return node->end;
}

guint
curator_node_get_line (const CuratorNode *node)
{
  g_return_val_if_fail (node != NULL, 0);

  return node->line;
}

guint
curator_node_get_column (const CuratorNode *node)
{
  g_return_val_if_fail (node != NULL, 0);

  return node->column;
}

static void
append_path (GString           *path,
             const CuratorNode *node)
{
  const CuratorNode *parent = node->parent;

  if (parent == NULL)
    return;

  append_path (path, parent);

  if (parent->kind == CURATOR_NODE_MAPPING)
    {
      /* A value, or a key node itself: both name the pair. */
      const CuratorNode *key = node->key != NULL ? node->key : node;

      curator_key_path_append_key (path, key->value);
    }
  else
    curator_key_path_append_index (path, node->index);
}

char *
curator_node_dup_key_path (const CuratorNode *node)
{
  GString *path;

  g_return_val_if_fail (node != NULL, NULL);

  path = g_string_new (NULL);
  append_path (path, node);
  return g_string_free (path, FALSE);
}

/* A YAML 1.2 int as a JSON number: no '+', no leading zeros, octal and
 * hexadecimal in decimal. FALSE when it does not fit 64 bits (hex/octal). */
static gboolean
append_json_int (GString    *out,
                 const char *text)
{
  const char *p = text;
  gboolean negative = FALSE;

  if (text[0] == '0' && (text[1] == 'x' || text[1] == 'o'))
    {
      guint64 number;

      if (!g_ascii_string_to_unsigned (text + 2, text[1] == 'x' ? 16 : 8,
                                       0, G_MAXUINT64, &number, NULL))
        return FALSE;
      g_string_append_printf (out, "%" G_GUINT64_FORMAT, number);
      return TRUE;
    }

  if (*p == '-' || *p == '+')
    negative = *p++ == '-';
  while (p[0] == '0' && p[1] != '\0')
    p++;
  if (negative && strcmp (p, "0") != 0)
    g_string_append_c (out, '-');
  g_string_append (out, p);
  return TRUE;
}

/* A YAML 1.2 float (not .inf/.nan) as a JSON number: "1." "+.5" "1.e3"
 * are not JSON. */
static void
append_json_float (GString    *out,
                   const char *text)
{
  const char *p = text;
  gboolean digits = FALSE;

  if (*p == '+')
    p++;
  else if (*p == '-')
    g_string_append_c (out, *p++);

  while (p[0] == '0' && g_ascii_isdigit (p[1]))
    p++;
  if (*p == '.')
    g_string_append_c (out, '0');
  while (g_ascii_isdigit (*p))
    g_string_append_c (out, *p++);

  if (*p == '.')
    {
      p++;
      while (g_ascii_isdigit (*p))
        {
          if (!digits)
            g_string_append_c (out, '.');
          digits = TRUE;
          g_string_append_c (out, *p++);
        }
    }

  if (*p == 'e' || *p == 'E')
    g_string_append (out, p);
}

static void
append_scalar_json (GString           *out,
                    const CuratorNode *node)
{
  const char *value = node->value;

  if (node->yaml11_ambiguous)
    {
      curator_json_append_string (out, value);
      return;
    }

  switch (node->scalar_type)
    {
    case CURATOR_SCALAR_NULL:
      g_string_append (out, "null");
      break;
    case CURATOR_SCALAR_BOOL:
      g_string_append (out, g_ascii_tolower (value[0]) == 't' ? "true" : "false");
      break;
    case CURATOR_SCALAR_INT:
      if (!append_json_int (out, value))
        curator_json_append_string (out, value);
      break;
    case CURATOR_SCALAR_FLOAT:
      if (strchr (value, 'n') != NULL || strchr (value, 'N') != NULL)
        curator_json_append_string (out, value);    /* .inf, .nan */
      else
        append_json_float (out, value);
      break;
    case CURATOR_SCALAR_AUTO:
    case CURATOR_SCALAR_TIMESTAMP:
    case CURATOR_SCALAR_STRING:
    default:
      curator_json_append_string (out, value);
      break;
    }
}

static void
append_newline (GString  *out,
                gboolean  pretty,
                guint     level)
{
  if (!pretty)
    return;
  g_string_append_c (out, '\n');
  for (guint i = 0; i < level; i++)
    g_string_append (out, "  ");
}

/* Nodes printed for @node, counting aliases as what they expand to,
 * capped at @cap. */
static gsize
expanded_size (const CuratorNode *node,
               gsize              cap,
               guint              depth)
{
  gsize size = 1;

  if (node->kind == CURATOR_NODE_ALIAS)
    return node->alias_target != NULL && depth < 2 * CURATOR_YAML_MAX_DEPTH
      ? expanded_size (node->alias_target, cap, depth + 1) : 1;

  if (node->children == NULL)
    return 1;
  for (guint i = 0; i < node->children->len && size < cap; i++)
    size += expanded_size (g_ptr_array_index (node->children, i), cap - size, depth + 1);
  return size;
}

static void
append_json (GString           *out,
             const CuratorNode *node,
             gboolean           pretty,
             guint              level,
             gsize             *alias_budget)
{
  guint n;

  switch (node->kind)
    {
    case CURATOR_NODE_SCALAR:
      append_scalar_json (out, node);
      return;

    case CURATOR_NODE_ALIAS:
      if (node->alias_target != NULL)
        {
          gsize size = expanded_size (node->alias_target, *alias_budget + 1, 0);

          if (size <= *alias_budget)
            {
              *alias_budget -= size;
              append_json (out, node->alias_target, pretty, level, alias_budget);
              return;
            }
        }
      {
        g_autofree char *text = g_strconcat ("*", node->anchor, NULL);
        curator_json_append_string (out, text);
      }
      return;

    case CURATOR_NODE_MAPPING:
    case CURATOR_NODE_SEQUENCE:
    default:
      break;
    }

  n = node->children->len;
  g_string_append_c (out, node->kind == CURATOR_NODE_MAPPING ? '{' : '[');
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_newline (out, pretty, level + 1);
      if (node->kind == CURATOR_NODE_MAPPING)
        {
          const CuratorNode *key = g_ptr_array_index (node->keys, i);

          curator_json_append_string (out, key->value);
          g_string_append (out, pretty ? ": " : ":");
        }
      append_json (out, g_ptr_array_index (node->children, i), pretty, level + 1, alias_budget);
    }
  if (n > 0)
    append_newline (out, pretty, level);
  g_string_append_c (out, node->kind == CURATOR_NODE_MAPPING ? '}' : ']');
}

char *
curator_node_to_json (const CuratorNode *node,
                      gboolean           pretty)
{
  GString *out;
  gsize alias_budget = MAX_ALIAS_EXPANSION;

  g_return_val_if_fail (node != NULL, NULL);

  out = g_string_new (NULL);
  append_json (out, node, pretty, 0, &alias_budget);
  return g_string_free (out, FALSE);
}
