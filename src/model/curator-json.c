/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-json"

#include "config.h"

#include <glib/gi18n.h>

#include "curator-json.h"
#include "curator-error.h"
#include "curator-value-private.h"

void
curator_json_append_string (GString    *out,
                            const char *text)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (text != NULL);

  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        case '\b':
          g_string_append (out, "\\b");
          break;
        case '\f':
          g_string_append (out, "\\f");
          break;
        default:
          if (*p < 0x20 || *p == 0x7f)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, (char) *p);
          break;
        }
    }
  g_string_append_c (out, '"');
}

GPtrArray *
curator_json_parse_string_list (const char  *json,
                                GError     **error)
{
  g_autoptr(CuratorValue) value = NULL;
  g_autoptr(GPtrArray) items = NULL;

  g_return_val_if_fail (json != NULL, NULL);

  if (!(value = curator_value_new_from_json (json, error)))
    return NULL;

  if (value->kind != CURATOR_NODE_SEQUENCE)
    {
      g_set_error_literal (error, CURATOR_ERROR, CURATOR_ERROR_INVALID_VALUE,
                           _("The JSON value is not a list"));
      return NULL;
    }

  items = g_ptr_array_new_full (value->items->len, g_free);
  for (guint i = 0; i < value->items->len; i++)
    {
      const CuratorValue *item = g_ptr_array_index (value->items, i);

      if (item->kind != CURATOR_NODE_SCALAR || item->scalar_type != CURATOR_SCALAR_STRING)
        {
          g_set_error (error, CURATOR_ERROR, CURATOR_ERROR_INVALID_VALUE,
                       _("Item %u of the JSON list is not a string"), i + 1);
          return NULL;
        }
      g_ptr_array_add (items, g_strdup (item->text));
    }

  return g_steal_pointer (&items);
}

char *
curator_json_format_string_list (GPtrArray *items)
{
  GString *out;

  g_return_val_if_fail (items != NULL, NULL);

  out = g_string_new ("[");
  for (guint i = 0; i < items->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      curator_json_append_string (out, g_ptr_array_index (items, i));
    }
  g_string_append_c (out, ']');

  return g_string_free (out, FALSE);
}
