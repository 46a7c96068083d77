/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-key-path"

#include "config.h"

#include <glib/gi18n.h>

#include "curator-key-path.h"
#include "curator-error.h"
#include "curator-position-private.h"
#include "curator-node-private.h"

static void
segment_free (gpointer data)
{
  CuratorKeyPathSegment *segment = data;

  g_free (segment->key);
  g_free (segment);
}

static void
set_path_error (GError     **error,
                const char  *key_path,
                gsize        position,
                const char  *what)
{
  /* Positions are 1-based characters, as the user typed them. */
  g_set_error (error, CURATOR_ERROR, CURATOR_ERROR_INVALID_KEY_PATH,
               _("invalid key path “%s”: %s at character %ld"),
               key_path, what,
               g_utf8_pointer_to_offset (key_path, key_path + position) + 1);
}

GPtrArray *
curator_key_path_parse (const char  *key_path,
                        GError     **error)
{
  g_autoptr(GPtrArray) segments = NULL;
  gsize i = 0;

  g_return_val_if_fail (key_path != NULL, NULL);

  segments = g_ptr_array_new_with_free_func (segment_free);

  if (!g_utf8_validate (key_path, -1, NULL))
    {
      g_set_error_literal (error, CURATOR_ERROR, CURATOR_ERROR_INVALID_KEY_PATH,
                           _("invalid key path: not valid UTF-8"));
      return NULL;
    }

  while (key_path[i] != '\0')
    {
      CuratorKeyPathSegment *segment;

      if (key_path[i] == '[')
        {
          guint64 index = 0;
          gsize digits_start = ++i;

          while (g_ascii_isdigit (key_path[i]))
            {
              index = index * 10 + (guint64) (key_path[i] - '0');
              if (index > G_MAXUINT)
                {
                  set_path_error (error, key_path, digits_start, _("list index too large"));
                  return NULL;
                }
              i++;
            }
          if (i == digits_start)
            {
              set_path_error (error, key_path, i, _("expected a list index (digits)"));
              return NULL;
            }
          if (key_path[i] != ']')
            {
              set_path_error (error, key_path, i, _("expected “]”"));
              return NULL;
            }
          i++;

          segment = g_new0 (CuratorKeyPathSegment, 1);
          segment->index = (guint) index;
          g_ptr_array_add (segments, segment);
        }
      else
        {
          GString *key;

          if (key_path[i] == '.')
            {
              if (i == 0)
                {
                  set_path_error (error, key_path, i, _("empty key"));
                  return NULL;
                }
              i++;
            }
          else if (i > 0)
            {
              set_path_error (error, key_path, i, _("expected “.” or “[” after “]”"));
              return NULL;
            }

          key = g_string_new (NULL);
          while (key_path[i] != '\0' && key_path[i] != '.' && key_path[i] != '[')
            {
              if (key_path[i] == '\\')
                {
                  if (key_path[i + 1] == '\0')
                    {
                      g_string_free (key, TRUE);
                      set_path_error (error, key_path, i, _("a backslash at the end"));
                      return NULL;
                    }
                  i++;
                }
              g_string_append_c (key, key_path[i]);
              i++;
            }

          if (key->len == 0)
            {
              g_string_free (key, TRUE);
              set_path_error (error, key_path, i, _("empty key"));
              return NULL;
            }

          segment = g_new0 (CuratorKeyPathSegment, 1);
          segment->key = g_string_free (key, FALSE);
          g_ptr_array_add (segments, segment);
        }
    }

  return g_steal_pointer (&segments);
}

void
curator_key_path_append_key (GString    *path,
                             const char *key)
{
  g_return_if_fail (path != NULL);
  g_return_if_fail (key != NULL);

  if (path->len > 0)
    g_string_append_c (path, '.');
  for (const char *p = key; *p != '\0'; p++)
    {
      if (*p == '.' || *p == '[' || *p == '\\')
        g_string_append_c (path, '\\');
      g_string_append_c (path, *p);
    }
}

void
curator_key_path_append_index (GString *path,
                               guint    index)
{
  g_return_if_fail (path != NULL);

  g_string_append_printf (path, "[%u]", index);
}

static const char *
describe_kind (const CuratorNode *node)
{
  switch (node->kind)
    {
    case CURATOR_NODE_MAPPING:
      return _("a mapping");
    case CURATOR_NODE_SEQUENCE:
      return _("a list");
    case CURATOR_NODE_ALIAS:
      return _("an alias");
    case CURATOR_NODE_SCALAR:
    default:
      return _("a scalar");
    }
}

const CuratorNode *
curator_yaml_tree_lookup (CuratorYamlTree  *tree,
                          const char       *key_path,
                          GError          **error)
{
  g_autoptr(GPtrArray) segments = NULL;
  g_autoptr(GString) walked = NULL;
  const CuratorNode *node;

  g_return_val_if_fail (tree != NULL, NULL);
  g_return_val_if_fail (key_path != NULL, NULL);

  segments = curator_key_path_parse (key_path, error);
  if (segments == NULL)
    return NULL;

  node = tree->root;
  walked = g_string_new (NULL);

  for (guint i = 0; i < segments->len; i++)
    {
      const CuratorKeyPathSegment *segment = g_ptr_array_index (segments, i);
      /* What has been walked so far, for messages ("the front matter" at the root). */
      const char *where = walked->len > 0 ? walked->str : _("the front matter");

      if (node->kind == CURATOR_NODE_ALIAS)
        {
          curator_set_position_error (error, CURATOR_ERROR, CURATOR_ERROR_ALIAS, node->line, node->column,
                                      _("“%s” is an alias (*%s): looking inside it is not supported"),
                                      where, node->anchor);
          return NULL;
        }

      if (segment->key != NULL)
        {
          const CuratorNode *child;

          if (node->kind != CURATOR_NODE_MAPPING)
            {
              curator_set_position_error (error, CURATOR_ERROR, CURATOR_ERROR_TYPE_MISMATCH,
                                          node->line, node->column,
                                          _("“%s” is %s, not a mapping: it has no key “%s”"),
                                          where, describe_kind (node), segment->key);
              return NULL;
            }
          child = curator_node_lookup_key (node, segment->key);
          if (child == NULL)
            {
              g_set_error (error, CURATOR_ERROR, CURATOR_ERROR_NOT_FOUND,
                           _("no key “%s” in %s"), segment->key, where);
              return NULL;
            }
          node = child;
          curator_key_path_append_key (walked, segment->key);
        }
      else
        {
          if (node->kind != CURATOR_NODE_SEQUENCE)
            {
              curator_set_position_error (error, CURATOR_ERROR, CURATOR_ERROR_TYPE_MISMATCH,
                                          node->line, node->column,
                                          _("“%s” is %s, not a list: it has no item [%u]"),
                                          where, describe_kind (node), segment->index);
              return NULL;
            }
          if (segment->index >= node->children->len)
            {
              g_set_error (error, CURATOR_ERROR, CURATOR_ERROR_NOT_FOUND,
                           g_dngettext (GETTEXT_PACKAGE,
                                        "no item [%u] in %s: the list has %u item",
                                        "no item [%u] in %s: the list has %u items",
                                        node->children->len),
                           segment->index, where, node->children->len);
              return NULL;
            }
          node = g_ptr_array_index (node->children, segment->index);
          curator_key_path_append_index (walked, segment->index);
        }
    }

  return node;
}
