/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-value"

#include "config.h"

#include "curator-value-private.h"
#include "curator-error.h"
#include "curator-node-private.h"

#include <glib/gi18n.h>
#include <string.h>

/* Nesting cap for JSON arguments, as for the front matter itself. */
#define JSON_MAX_DEPTH CURATOR_YAML_MAX_DEPTH

CuratorValue *
curator_value_new_scalar (const char        *text,
                          CuratorScalarType  type)
{
  CuratorValue *value = g_new0 (CuratorValue, 1);

  value->kind = CURATOR_NODE_SCALAR;
  value->scalar_type = type;
  value->text = g_strdup (text ? text : "");
  return value;
}

CuratorValue *
curator_value_new_mapping (void)
{
  CuratorValue *value = g_new0 (CuratorValue, 1);

  value->kind = CURATOR_NODE_MAPPING;
  value->keys = g_ptr_array_new_with_free_func (g_free);
  value->items = g_ptr_array_new_with_free_func ((GDestroyNotify) curator_value_free);
  return value;
}

CuratorValue *
curator_value_new_sequence (void)
{
  CuratorValue *value = g_new0 (CuratorValue, 1);

  value->kind = CURATOR_NODE_SEQUENCE;
  value->items = g_ptr_array_new_with_free_func ((GDestroyNotify) curator_value_free);
  return value;
}

void
curator_value_free (CuratorValue *value)
{
  if (value == NULL)
    return;
  g_free (value->text);
  g_free (value->tag);
  g_free (value->anchor);
  g_clear_pointer (&value->keys, g_ptr_array_unref);
  g_clear_pointer (&value->items, g_ptr_array_unref);
  g_free (value);
}

CuratorValue *
curator_value_copy (const CuratorValue *value)
{
  CuratorValue *copy = g_new0 (CuratorValue, 1);

  copy->kind = value->kind;
  copy->scalar_type = value->scalar_type;
  copy->text = g_strdup (value->text);
  copy->tag = g_strdup (value->tag);
  copy->anchor = g_strdup (value->anchor);
  if (value->keys != NULL)
    {
      copy->keys = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < value->keys->len; i++)
        g_ptr_array_add (copy->keys, g_strdup (g_ptr_array_index (value->keys, i)));
    }
  if (value->items != NULL)
    {
      copy->items = g_ptr_array_new_with_free_func ((GDestroyNotify) curator_value_free);
      for (guint i = 0; i < value->items->len; i++)
        g_ptr_array_add (copy->items, curator_value_copy (g_ptr_array_index (value->items, i)));
    }
  return copy;
}

void
curator_value_add_pair (CuratorValue *mapping,
                        const char   *key,
                        CuratorValue *value)
{
  g_return_if_fail (mapping->kind == CURATOR_NODE_MAPPING);

  g_ptr_array_add (mapping->keys, g_strdup (key));
  g_ptr_array_add (mapping->items, value);
}

int
curator_value_find_key (const CuratorValue *mapping,
                        const char         *key)
{
  if (mapping->kind != CURATOR_NODE_MAPPING)
    return -1;
  for (guint i = 0; i < mapping->keys->len; i++)
    if (g_strcmp0 (g_ptr_array_index (mapping->keys, i), key) == 0)
      return (int) i;
  return -1;
}

CuratorValue *
curator_value_new_from_node (const CuratorNode *node)
{
  CuratorValue *value;

  switch (node->kind)
    {
    case CURATOR_NODE_MAPPING:
      value = curator_value_new_mapping ();
      for (guint i = 0; node->children != NULL && i < node->children->len; i++)
        {
          const CuratorNode *key = g_ptr_array_index (node->keys, i);

          curator_value_add_pair (value, key->value ? key->value : "",
                                  curator_value_new_from_node (g_ptr_array_index (node->children, i)));
        }
      break;

    case CURATOR_NODE_SEQUENCE:
      value = curator_value_new_sequence ();
      for (guint i = 0; node->children != NULL && i < node->children->len; i++)
        g_ptr_array_add (value->items, curator_value_new_from_node (g_ptr_array_index (node->children, i)));
      break;

    case CURATOR_NODE_ALIAS:
    case CURATOR_NODE_SCALAR:
    default:
      value = curator_value_new_scalar (node->value, node->scalar_type);
      value->kind = node->kind;
      break;
    }

  value->tag = g_strdup (node->tag);
  value->anchor = g_strdup (node->anchor);
  return value;
}

gboolean
curator_value_equal_node (const CuratorValue *value,
                          const CuratorNode  *node)
{
  guint n = node->children != NULL ? node->children->len : 0;

  if (value->kind != node->kind
      || g_strcmp0 (value->tag, node->tag) != 0
      || g_strcmp0 (value->anchor, node->anchor) != 0)
    return FALSE;

  switch (value->kind)
    {
    case CURATOR_NODE_MAPPING:
    case CURATOR_NODE_SEQUENCE:
      if (value->items->len != n)
        return FALSE;
      for (guint i = 0; i < n; i++)
        {
          if (value->kind == CURATOR_NODE_MAPPING)
            {
              const CuratorNode *key = g_ptr_array_index (node->keys, i);

              if (g_strcmp0 (g_ptr_array_index (value->keys, i), key->value ? key->value : "") != 0)
                return FALSE;
            }
          if (!curator_value_equal_node (g_ptr_array_index (value->items, i),
                                         g_ptr_array_index (node->children, i)))
            return FALSE;
        }
      return TRUE;

    case CURATOR_NODE_ALIAS:
      /* The alias name is its anchor, compared above. */
      return g_strcmp0 (value->text, node->value ? node->value : "") == 0;

    case CURATOR_NODE_SCALAR:
    default:
      if (value->scalar_type != node->scalar_type)
        return FALSE;
      /* A null is a null however it is spelled (empty, ~, null). */
      return value->scalar_type == CURATOR_SCALAR_NULL
             || g_strcmp0 (value->text, node->value ? node->value : "") == 0;
    }
}

static void
append_quoted (GString    *out,
               const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      if (*p == '\n')
        g_string_append (out, "\\n");
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_canonical (GString            *out,
                  const CuratorValue *value)
{
  if (value->anchor != NULL)
    g_string_append_printf (out, "&%s ", value->anchor);
  if (value->tag != NULL)
    g_string_append_printf (out, "!<%s> ", value->tag);

  switch (value->kind)
    {
    case CURATOR_NODE_MAPPING:
      g_string_append_c (out, '{');
      for (guint i = 0; i < value->items->len; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          append_quoted (out, g_ptr_array_index (value->keys, i));
          g_string_append_c (out, ':');
          append_canonical (out, g_ptr_array_index (value->items, i));
        }
      g_string_append_c (out, '}');
      break;

    case CURATOR_NODE_SEQUENCE:
      g_string_append_c (out, '[');
      for (guint i = 0; i < value->items->len; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          append_canonical (out, g_ptr_array_index (value->items, i));
        }
      g_string_append_c (out, ']');
      break;

    case CURATOR_NODE_ALIAS:
      g_string_append_printf (out, "*%s", value->text);
      break;

    case CURATOR_NODE_SCALAR:
    default:
      /* A null is a null however it is spelled (empty, ~, null). */
      g_string_append_printf (out, "%d:", value->scalar_type);
      if (value->scalar_type != CURATOR_SCALAR_NULL)
        append_quoted (out, value->text);
      break;
    }
}

char *
curator_value_dup_canonical (const CuratorValue *value)
{
  GString *out = g_string_new (NULL);

  append_canonical (out, value);
  return g_string_free (out, FALSE);
}

/* JSON */

typedef struct
{
  const char *text;
  const char *p;
  guint       depth;
} JsonParser;

static gboolean
json_error (JsonParser  *parser,
            GError     **error,
            const char  *what)
{
  guint line = 1;
  guint column = 1;

  for (const char *q = parser->text; q < parser->p && *q; q = g_utf8_next_char (q))
    {
      if (*q == '\n')
        {
          line++;
          column = 1;
        }
      else
        column++;
    }
  g_set_error (error, CURATOR_ERROR, CURATOR_ERROR_INVALID_VALUE,
               _("Invalid JSON at line %u, column %u: %s"), line, column, what);
  return FALSE;
}

static void
json_skip_space (JsonParser *parser)
{
  while (*parser->p == ' ' || *parser->p == '\t' || *parser->p == '\n' || *parser->p == '\r')
    parser->p++;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
json_read_hex4 (JsonParser *parser,
                gunichar   *out)
{
  gunichar c = 0;

  for (guint i = 0; i < 4; i++)
    {
      int h = hex_value (parser->p[i]);

      if (h < 0)
        return FALSE;
      c = c * 16 + (gunichar) h;
    }
  parser->p += 4;
  *out = c;
  return TRUE;
}

static char *
json_parse_string (JsonParser  *parser,
                   GError     **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  parser->p++;  /* the opening quote */
  for (;;)
    {
      guchar c = (guchar) *parser->p;

      if (c == '\0')
        {
          json_error (parser, error, _("unterminated string"));
          return NULL;
        }
      if (c == '"')
        {
          parser->p++;
          break;
        }
      if (c < 0x20)
        {
          json_error (parser, error, _("control character in a string"));
          return NULL;
        }
      if (c != '\\')
        {
          g_string_append_c (out, (char) c);
          parser->p++;
          continue;
        }

      parser->p++;
      switch (*parser->p)
        {
        case '"': g_string_append_c (out, '"'); break;
        case '\\': g_string_append_c (out, '\\'); break;
        case '/': g_string_append_c (out, '/'); break;
        case 'b': g_string_append_c (out, '\b'); break;
        case 'f': g_string_append_c (out, '\f'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'u':
          {
            gunichar unichar;

            parser->p++;
            if (!json_read_hex4 (parser, &unichar))
              {
                json_error (parser, error, _("bad \\u escape"));
                return NULL;
              }
            if (unichar >= 0xD800 && unichar < 0xDC00)
              {
                gunichar low;

                if (parser->p[0] != '\\' || parser->p[1] != 'u')
                  {
                    json_error (parser, error, _("unpaired surrogate"));
                    return NULL;
                  }
                parser->p += 2;
                if (!json_read_hex4 (parser, &low) || low < 0xDC00 || low > 0xDFFF)
                  {
                    json_error (parser, error, _("unpaired surrogate"));
                    return NULL;
                  }
                unichar = 0x10000 + ((unichar - 0xD800) << 10) + (low - 0xDC00);
              }
            else if (unichar >= 0xDC00 && unichar <= 0xDFFF)
              {
                json_error (parser, error, _("unpaired surrogate"));
                return NULL;
              }
            if (unichar == 0)
              {
                json_error (parser, error, _("NUL character in a string"));
                return NULL;
              }
            g_string_append_unichar (out, unichar);
            continue;
          }
        default:
          json_error (parser, error, _("bad escape"));
          return NULL;
        }
      parser->p++;
    }

  if (!g_utf8_validate (out->str, out->len, NULL))
    {
      json_error (parser, error, _("invalid UTF-8"));
      return NULL;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static CuratorValue *
json_parse_number (JsonParser  *parser,
                   GError     **error)
{
  const char *start = parser->p;
  gboolean is_float = FALSE;
  g_autofree char *text = NULL;

  if (*parser->p == '-')
    parser->p++;
  if (*parser->p == '0')
    parser->p++;
  else if (g_ascii_isdigit (*parser->p))
    while (g_ascii_isdigit (*parser->p))
      parser->p++;
  else
    {
      json_error (parser, error, _("bad number"));
      return NULL;
    }
  if (*parser->p == '.')
    {
      is_float = TRUE;
      parser->p++;
      if (!g_ascii_isdigit (*parser->p))
        {
          json_error (parser, error, _("bad number"));
          return NULL;
        }
      while (g_ascii_isdigit (*parser->p))
        parser->p++;
    }
  if (*parser->p == 'e' || *parser->p == 'E')
    {
      is_float = TRUE;
      parser->p++;
      if (*parser->p == '+' || *parser->p == '-')
        parser->p++;
      if (!g_ascii_isdigit (*parser->p))
        {
          json_error (parser, error, _("bad number"));
          return NULL;
        }
      while (g_ascii_isdigit (*parser->p))
        parser->p++;
    }

  text = g_strndup (start, parser->p - start);
  return curator_value_new_scalar (text, is_float ? CURATOR_SCALAR_FLOAT : CURATOR_SCALAR_INT);
}

static CuratorValue *json_parse_value (JsonParser  *parser,
                                       GError     **error);

static CuratorValue *
json_parse_container (JsonParser  *parser,
                      GError     **error)
{
  gboolean is_object = *parser->p == '{';
  char close = is_object ? '}' : ']';
  g_autoptr(CuratorValue) value = is_object ? curator_value_new_mapping () : curator_value_new_sequence ();

  if (++parser->depth > JSON_MAX_DEPTH)
    {
      json_error (parser, error, _("nested too deeply"));
      return NULL;
    }

  parser->p++;
  json_skip_space (parser);
  if (*parser->p == close)
    {
      parser->p++;
      parser->depth--;
      return g_steal_pointer (&value);
    }

  for (;;)
    {
      g_autofree char *key = NULL;
      CuratorValue *item;

      json_skip_space (parser);
      if (is_object)
        {
          if (*parser->p != '"')
            {
              json_error (parser, error, _("expected a string key"));
              return NULL;
            }
          if (!(key = json_parse_string (parser, error)))
            return NULL;
          json_skip_space (parser);
          if (*parser->p != ':')
            {
              json_error (parser, error, _("expected ':'"));
              return NULL;
            }
          parser->p++;
          if (curator_value_find_key (value, key) >= 0)
            {
              json_error (parser, error, _("duplicate key"));
              return NULL;
            }
        }

      if (!(item = json_parse_value (parser, error)))
        return NULL;
      if (is_object)
        curator_value_add_pair (value, key, item);
      else
        g_ptr_array_add (value->items, item);

      json_skip_space (parser);
      if (*parser->p == ',')
        {
          parser->p++;
          continue;
        }
      if (*parser->p == close)
        {
          parser->p++;
          break;
        }
      json_error (parser, error, is_object ? _("expected ',' or '}'") : _("expected ',' or ']'"));
      return NULL;
    }

  parser->depth--;
  return g_steal_pointer (&value);
}

static CuratorValue *
json_parse_value (JsonParser  *parser,
                  GError     **error)
{
  json_skip_space (parser);

  switch (*parser->p)
    {
    case '{':
    case '[':
      return json_parse_container (parser, error);

    case '"':
      {
        char *text = json_parse_string (parser, error);
        CuratorValue *value;

        if (text == NULL)
          return NULL;
        value = curator_value_new_scalar (NULL, CURATOR_SCALAR_STRING);
        g_free (value->text);
        value->text = text;
        return value;
      }

    case 't':
      if (strncmp (parser->p, "true", 4) == 0)
        {
          parser->p += 4;
          return curator_value_new_scalar ("true", CURATOR_SCALAR_BOOL);
        }
      break;

    case 'f':
      if (strncmp (parser->p, "false", 5) == 0)
        {
          parser->p += 5;
          return curator_value_new_scalar ("false", CURATOR_SCALAR_BOOL);
        }
      break;

    case 'n':
      if (strncmp (parser->p, "null", 4) == 0)
        {
          parser->p += 4;
          return curator_value_new_scalar ("null", CURATOR_SCALAR_NULL);
        }
      break;

    default:
      if (*parser->p == '-' || g_ascii_isdigit (*parser->p))
        return json_parse_number (parser, error);
      break;
    }

  json_error (parser, error, *parser->p ? _("unexpected character") : _("unexpected end"));
  return NULL;
}

CuratorValue *
curator_value_new_from_json (const char  *json,
                             GError     **error)
{
  JsonParser parser = { json, json, 0 };
  g_autoptr(CuratorValue) value = NULL;

  g_return_val_if_fail (json != NULL, NULL);

  if (!g_utf8_validate (json, -1, NULL))
    {
      g_set_error (error, CURATOR_ERROR, CURATOR_ERROR_INVALID_VALUE,
                   _("Invalid JSON: not UTF-8"));
      return NULL;
    }
  if (!(value = json_parse_value (&parser, error)))
    return NULL;
  json_skip_space (&parser);
  if (*parser.p != '\0')
    {
      json_error (&parser, error, _("trailing text after the value"));
      return NULL;
    }
  return g_steal_pointer (&value);
}
