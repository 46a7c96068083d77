/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "curator-model.h"
#include "curator-scalar-private.h"

typedef struct
{
  const char        *text;
  CuratorScalarType  type;
  gboolean           ambiguous;
} Case;

static const Case cases[] = {
  /* null */
  { "", CURATOR_SCALAR_NULL, FALSE },
  { "~", CURATOR_SCALAR_NULL, FALSE },
  { "null", CURATOR_SCALAR_NULL, FALSE },
  { "Null", CURATOR_SCALAR_NULL, FALSE },
  { "NULL", CURATOR_SCALAR_NULL, FALSE },
  { "nULL", CURATOR_SCALAR_STRING, FALSE },
  { "nul", CURATOR_SCALAR_STRING, FALSE },
  /* bool */
  { "true", CURATOR_SCALAR_BOOL, FALSE },
  { "True", CURATOR_SCALAR_BOOL, FALSE },
  { "TRUE", CURATOR_SCALAR_BOOL, FALSE },
  { "false", CURATOR_SCALAR_BOOL, FALSE },
  { "False", CURATOR_SCALAR_BOOL, FALSE },
  { "FALSE", CURATOR_SCALAR_BOOL, FALSE },
  { "tRUE", CURATOR_SCALAR_STRING, FALSE },
  { "truth", CURATOR_SCALAR_STRING, FALSE },
  /* YAML 1.1 bools: strings in 1.2 */
  { "yes", CURATOR_SCALAR_STRING, TRUE },
  { "Yes", CURATOR_SCALAR_STRING, TRUE },
  { "YES", CURATOR_SCALAR_STRING, TRUE },
  { "no", CURATOR_SCALAR_STRING, TRUE },
  { "No", CURATOR_SCALAR_STRING, TRUE },
  { "NO", CURATOR_SCALAR_STRING, TRUE },
  { "on", CURATOR_SCALAR_STRING, TRUE },
  { "On", CURATOR_SCALAR_STRING, TRUE },
  { "ON", CURATOR_SCALAR_STRING, TRUE },
  { "off", CURATOR_SCALAR_STRING, TRUE },
  { "Off", CURATOR_SCALAR_STRING, TRUE },
  { "OFF", CURATOR_SCALAR_STRING, TRUE },
  { "y", CURATOR_SCALAR_STRING, TRUE },
  { "Y", CURATOR_SCALAR_STRING, TRUE },
  { "n", CURATOR_SCALAR_STRING, TRUE },
  { "N", CURATOR_SCALAR_STRING, TRUE },
  { "yEs", CURATOR_SCALAR_STRING, FALSE },
  { "oN", CURATOR_SCALAR_STRING, FALSE },
  { "onion", CURATOR_SCALAR_STRING, FALSE },
  { "none", CURATOR_SCALAR_STRING, FALSE },
  /* int */
  { "0", CURATOR_SCALAR_INT, FALSE },
  { "12", CURATOR_SCALAR_INT, FALSE },
  { "-12", CURATOR_SCALAR_INT, FALSE },
  { "+12", CURATOR_SCALAR_INT, FALSE },
  { "3389", CURATOR_SCALAR_INT, FALSE },
  { "0o17", CURATOR_SCALAR_INT, TRUE },
  { "0x1F", CURATOR_SCALAR_INT, FALSE },
  { "0xff", CURATOR_SCALAR_INT, FALSE },
  { "0x", CURATOR_SCALAR_STRING, FALSE },
  { "0o8", CURATOR_SCALAR_STRING, FALSE },
  { "-0x1F", CURATOR_SCALAR_STRING, TRUE },
  /* leading zeros: octal in YAML 1.1, or a string there */
  { "010079", CURATOR_SCALAR_INT, TRUE },
  { "0755", CURATOR_SCALAR_INT, TRUE },
  { "00", CURATOR_SCALAR_INT, TRUE },
  { "-012", CURATOR_SCALAR_INT, TRUE },
  /* YAML 1.1 only numbers */
  { "1_000", CURATOR_SCALAR_STRING, TRUE },
  { "0b1010", CURATOR_SCALAR_STRING, TRUE },
  { "60:30", CURATOR_SCALAR_STRING, TRUE },
  { "190:20:30", CURATOR_SCALAR_STRING, TRUE },
  { "1:20:30.5", CURATOR_SCALAR_STRING, TRUE },
  { "1_000.5", CURATOR_SCALAR_STRING, TRUE },
  { "0x1_F", CURATOR_SCALAR_STRING, TRUE },
  { "60:70", CURATOR_SCALAR_STRING, FALSE },
  { "12:30 pm", CURATOR_SCALAR_STRING, FALSE },
  /* float */
  { "1.5", CURATOR_SCALAR_FLOAT, FALSE },
  { "-1.5", CURATOR_SCALAR_FLOAT, FALSE },
  { "0.278", CURATOR_SCALAR_FLOAT, FALSE },
  { ".5", CURATOR_SCALAR_FLOAT, FALSE },
  { "1.", CURATOR_SCALAR_FLOAT, FALSE },
  { "1.0e+5", CURATOR_SCALAR_FLOAT, FALSE },
  { "1e5", CURATOR_SCALAR_FLOAT, TRUE },
  { "1.0e5", CURATOR_SCALAR_FLOAT, TRUE },
  { ".inf", CURATOR_SCALAR_FLOAT, FALSE },
  { "-.inf", CURATOR_SCALAR_FLOAT, FALSE },
  { "+.Inf", CURATOR_SCALAR_FLOAT, FALSE },
  { ".INF", CURATOR_SCALAR_FLOAT, FALSE },
  { ".nan", CURATOR_SCALAR_FLOAT, FALSE },
  { ".NaN", CURATOR_SCALAR_FLOAT, FALSE },
  { ".NAN", CURATOR_SCALAR_FLOAT, FALSE },
  { ".Nan", CURATOR_SCALAR_STRING, FALSE },
  { "-.nan", CURATOR_SCALAR_STRING, FALSE },
  { ".", CURATOR_SCALAR_STRING, FALSE },
  { "-", CURATOR_SCALAR_STRING, FALSE },
  { "1.2.3", CURATOR_SCALAR_STRING, FALSE },
  { "1e", CURATOR_SCALAR_STRING, FALSE },
  { "e5", CURATOR_SCALAR_STRING, FALSE },
  /* timestamps */
  { "2001-12-14", CURATOR_SCALAR_TIMESTAMP, FALSE },
  { "2001-12-14t21:59:43.10-05:00", CURATOR_SCALAR_TIMESTAMP, FALSE },
  { "2001-12-14T21:59:43Z", CURATOR_SCALAR_TIMESTAMP, FALSE },
  { "2001-12-14 21:59:43.10 -5", CURATOR_SCALAR_TIMESTAMP, FALSE },
  { "2001-12-15 2:59:43.10", CURATOR_SCALAR_TIMESTAMP, FALSE },
  { "2020-09-14T09:59:06.492674Z", CURATOR_SCALAR_TIMESTAMP, FALSE },
  { "2002-1-1T1:00:00", CURATOR_SCALAR_TIMESTAMP, FALSE },
  { "2002-1-1", CURATOR_SCALAR_STRING, FALSE },
  { "2001-12-14 is a date", CURATOR_SCALAR_STRING, FALSE },
  { "2001-12-14T21:59", CURATOR_SCALAR_STRING, FALSE },
  { "2001-12-14T21:59:43+", CURATOR_SCALAR_STRING, FALSE },
  /* strings */
  { "Top Interoperability Challenges", CURATOR_SCALAR_STRING, FALSE },
  { "https://example.com", CURATOR_SCALAR_STRING, FALSE },
  { "1 2", CURATOR_SCALAR_STRING, FALSE },
  { "12abc", CURATOR_SCALAR_STRING, FALSE },
};

static void
test_resolve_plain (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Case *c = &cases[i];
      gboolean ambiguous = !c->ambiguous;
      CuratorScalarType type;

      type = curator_scalar_resolve_plain (c->text, strlen (c->text), &ambiguous);
      if (type != c->type || ambiguous != c->ambiguous)
        g_test_message ("“%s”: type %d (expected %d), ambiguous %d (expected %d)",
                        c->text, type, c->type, ambiguous, c->ambiguous);
      g_assert_cmpint (type, ==, c->type);
      g_assert_cmpint (ambiguous, ==, c->ambiguous);

      /* The flag is optional. */
      g_assert_cmpint (curator_scalar_resolve_plain (c->text, strlen (c->text), NULL), ==, c->type);
    }
}

static void
test_length_bound (void)
{
  /* Only @length bytes are read: "12" of "123". */
  g_assert_cmpint (curator_scalar_resolve_plain ("trueish", 4, NULL), ==, CURATOR_SCALAR_BOOL);
  g_assert_cmpint (curator_scalar_resolve_plain ("1.5x", 3, NULL), ==, CURATOR_SCALAR_FLOAT);
  g_assert_cmpint (curator_scalar_resolve_plain ("2001-12-14xyz", 10, NULL), ==, CURATOR_SCALAR_TIMESTAMP);
}

static const CuratorNode *
parse_value (const char       *yaml,
             CuratorYamlTree **tree_out)
{
  g_autoptr(GBytes) bytes = g_bytes_new (yaml, strlen (yaml));
  g_autoptr(GError) error = NULL;
  CuratorYamlTree *tree;

  tree = curator_yaml_tree_parse (bytes, 0, strlen (yaml), &error);
  g_assert_no_error (error);
  *tree_out = tree;
  return curator_node_get_child (curator_yaml_tree_get_root (tree), 0);
}

static void
test_styles_and_tags (void)
{
  static const struct
  {
    const char        *yaml;
    CuratorScalarType  type;
    const char        *json;
  } typed[] = {
    { "v: 12", CURATOR_SCALAR_INT, "12" },
    { "v: '12'", CURATOR_SCALAR_STRING, "\"12\"" },
    { "v: \"true\"", CURATOR_SCALAR_STRING, "\"true\"" },
    { "v: |\n  12\n", CURATOR_SCALAR_STRING, "\"12\\n\"" },
    { "v: >-\n  null\n", CURATOR_SCALAR_STRING, "\"null\"" },
    { "v: !!str 12", CURATOR_SCALAR_STRING, "\"12\"" },
    { "v: !!int '12'", CURATOR_SCALAR_INT, "12" },
    { "v: !!float 1", CURATOR_SCALAR_FLOAT, "1" },
    { "v: !!bool \"true\"", CURATOR_SCALAR_BOOL, "true" },
    { "v: !!null ''", CURATOR_SCALAR_NULL, "null" },
    { "v: !!int abc", CURATOR_SCALAR_STRING, "\"abc\"" },
    { "v: !custom 12", CURATOR_SCALAR_STRING, "\"12\"" },
    { "v: ! 12", CURATOR_SCALAR_STRING, "\"12\"" },
    { "v: 0x1F", CURATOR_SCALAR_INT, "31" },
    { "v: 0o17", CURATOR_SCALAR_INT, "\"0o17\"" },
    { "v: +12", CURATOR_SCALAR_INT, "12" },
    { "v: 1.", CURATOR_SCALAR_FLOAT, "1" },
    { "v: -.5", CURATOR_SCALAR_FLOAT, "-0.5" },
    { "v: 1.e+3", CURATOR_SCALAR_FLOAT, "1e+3" },
    { "v: 1.e3", CURATOR_SCALAR_FLOAT, "\"1.e3\"" },
    { "v: .inf", CURATOR_SCALAR_FLOAT, "\".inf\"" },
    { "v: 2001-12-14", CURATOR_SCALAR_TIMESTAMP, "\"2001-12-14\"" },
    { "v: yes", CURATOR_SCALAR_STRING, "\"yes\"" },
    { "v: 010079", CURATOR_SCALAR_INT, "\"010079\"" },
    { "v: TRUE", CURATOR_SCALAR_BOOL, "true" },
    { "v: ~", CURATOR_SCALAR_NULL, "null" },
    { "v:", CURATOR_SCALAR_NULL, "null" },
    { "v: \"a\\tb\\u0001\\\"\"", CURATOR_SCALAR_STRING, "\"a\\tb\\u0001\\\"\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      g_autoptr(CuratorYamlTree) tree = NULL;
      const CuratorNode *node = parse_value (typed[i].yaml, &tree);
      g_autofree char *json = curator_node_to_json (node, FALSE);

      g_test_message ("%s -> %s", typed[i].yaml, json);
      g_assert_cmpint (curator_node_get_scalar_type (node), ==, typed[i].type);
      g_assert_cmpstr (json, ==, typed[i].json);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scalar/resolve-plain", test_resolve_plain);
  g_test_add_func ("/scalar/length-bound", test_length_bound);
  g_test_add_func ("/scalar/styles-and-tags", test_styles_and_tags);

  return g_test_run ();
}
