/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "curator-model.h"

static void
test_append_string (void)
{
  g_autoptr(GString) out = g_string_new (NULL);

  curator_json_append_string (out, "a \"quoted\" \\ path\n\t\x01\x7f é");
  g_assert_cmpstr (out->str, ==, "\"a \\\"quoted\\\" \\\\ path\\n\\t\\u0001\\u007f é\"");
}

static void
test_string_list (void)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) empty = NULL;
  g_autofree char *compact = NULL;
  g_autofree char *empty_compact = NULL;

  items = curator_json_parse_string_list ("[\"HIMSS: Interoperability\", \"Medigy: \\\"Care\\\" \\u00e9\\ud83d\\ude00\"]", NULL);
  g_assert_nonnull (items);
  g_assert_cmpuint (items->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (items, 0), ==, "HIMSS: Interoperability");
  g_assert_cmpstr (g_ptr_array_index (items, 1), ==, "Medigy: \"Care\" é😀");

  compact = curator_json_format_string_list (items);
  g_assert_cmpstr (compact, ==, "[\"HIMSS: Interoperability\",\"Medigy: \\\"Care\\\" é😀\"]");

  empty = curator_json_parse_string_list (" [ ] ", NULL);
  g_assert_nonnull (empty);
  g_assert_cmpuint (empty->len, ==, 0);
  empty_compact = curator_json_format_string_list (empty);
  g_assert_cmpstr (empty_compact, ==, "[]");
}

static void
test_string_list_refused (void)
{
  const char *refused[] = {
    "[1, 2]",
    "[\"a\", null]",
    "[\"a\",]",
    "[\"a\"] x",
    "{\"a\": \"b\"}",
    "\"a\"",
    "[\"unterminated]",
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) items = curator_json_parse_string_list (refused[i], &error);

      g_test_message ("%s: %s", refused[i], error ? error->message : "(accepted)");
      g_assert_null (items);
      g_assert_error (error, CURATOR_ERROR, CURATOR_ERROR_INVALID_VALUE);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json/append-string", test_append_string);
  g_test_add_func ("/json/string-list", test_string_list);
  g_test_add_func ("/json/string-list-refused", test_string_list_refused);

  return g_test_run ();
}
