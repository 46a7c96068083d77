/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "curator-model.h"

static void
test_parse (void)
{
  g_autoptr(GPtrArray) segments = NULL;
  g_autoptr(GPtrArray) escaped = NULL;
  g_autoptr(GPtrArray) empty = NULL;
  g_autoptr(GPtrArray) root_index = NULL;
  CuratorKeyPathSegment *s;
  g_autoptr(GError) error = NULL;

  segments = curator_key_path_parse ("featuredImage.size[0]", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (segments->len, ==, 3);
  s = g_ptr_array_index (segments, 0);
  g_assert_cmpstr (s->key, ==, "featuredImage");
  s = g_ptr_array_index (segments, 1);
  g_assert_cmpstr (s->key, ==, "size");
  s = g_ptr_array_index (segments, 2);
  g_assert_null (s->key);
  g_assert_cmpuint (s->index, ==, 0);

  escaped = curator_key_path_parse ("a\\.b.c\\[1\\].d\\\\e[12][3].f g", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (escaped->len, ==, 6);
  g_assert_cmpstr (((CuratorKeyPathSegment *) escaped->pdata[0])->key, ==, "a.b");
  g_assert_cmpstr (((CuratorKeyPathSegment *) escaped->pdata[1])->key, ==, "c[1]");
  g_assert_cmpstr (((CuratorKeyPathSegment *) escaped->pdata[2])->key, ==, "d\\e");
  g_assert_cmpuint (((CuratorKeyPathSegment *) escaped->pdata[3])->index, ==, 12);
  g_assert_cmpuint (((CuratorKeyPathSegment *) escaped->pdata[4])->index, ==, 3);
  g_assert_cmpstr (((CuratorKeyPathSegment *) escaped->pdata[5])->key, ==, "f g");

  empty = curator_key_path_parse ("", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (empty->len, ==, 0);

  root_index = curator_key_path_parse ("[2].name", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (root_index->len, ==, 2);
}

static void
test_parse_errors (void)
{
  static const struct
  {
    const char *path;
    const char *where;
  } bad[] = {
    { ".a", "at character 1" },
    { "a..b", "at character 3" },
    { "a.", "at character 3" },
    { "a[", "at character 3" },
    { "a[x]", "at character 3" },
    { "a[1", "at character 4" },
    { "a[-1]", "at character 3" },
    { "a[1]b", "at character 5" },
    { "a[99999999999]", "at character 3" },
    { "a\\", "at character 2" },
    { "é..x", "at character 3" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) segments = curator_key_path_parse (bad[i].path, &error);

      g_assert_null (segments);
      g_assert_error (error, CURATOR_ERROR, CURATOR_ERROR_INVALID_KEY_PATH);
      g_test_message ("%s: %s", bad[i].path, error->message);
      g_assert_nonnull (strstr (error->message, bad[i].where));
    }
}

static void
test_format (void)
{
  g_autoptr(GString) path = g_string_new (NULL);
  g_autoptr(GPtrArray) back = NULL;

  curator_key_path_append_key (path, "featuredImage");
  curator_key_path_append_key (path, "size");
  curator_key_path_append_index (path, 1);
  g_assert_cmpstr (path->str, ==, "featuredImage.size[1]");

  g_string_truncate (path, 0);
  curator_key_path_append_index (path, 0);
  curator_key_path_append_key (path, "a.b[c]\\d");
  g_assert_cmpstr (path->str, ==, "[0].a\\.b\\[c]\\\\d");

  back = curator_key_path_parse (path->str, NULL);
  g_assert_nonnull (back);
  g_assert_cmpuint (back->len, ==, 2);
  g_assert_cmpstr (((CuratorKeyPathSegment *) back->pdata[1])->key, ==, "a.b[c]\\d");
}

static CuratorYamlTree *
parse (const char *yaml)
{
  g_autoptr(GBytes) bytes = g_bytes_new (yaml, strlen (yaml));
  g_autoptr(GError) error = NULL;
  CuratorYamlTree *tree = curator_yaml_tree_parse (bytes, 0, strlen (yaml), &error);

  g_assert_no_error (error);
  return tree;
}

static void
test_lookup (void)
{
  g_autoptr(CuratorYamlTree) tree = parse ("title: T\n"
                                           "featuredImage:\n"
                                           "  size:\n"
                                           "  - 750\n"
                                           "  - 562\n"
                                           "a.b:\n"
                                           "  'c[0]': deep\n"
                                           "tags: [x, y]\n"
                                           "anchor: &a {k: v}\n"
                                           "alias: *a\n");
  const CuratorNode *node;
  g_autoptr(GError) error = NULL;
  g_autofree char *path1 = NULL, *path2 = NULL, *path3 = NULL;

  node = curator_yaml_tree_lookup (tree, "", &error);
  g_assert_no_error (error);
  g_assert_true (node == curator_yaml_tree_get_root (tree));

  node = curator_yaml_tree_lookup (tree, "featuredImage.size[1]", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (curator_node_get_value (node), ==, "562");
  path1 = curator_node_dup_key_path (node);
  g_assert_cmpstr (path1, ==, "featuredImage.size[1]");

  node = curator_yaml_tree_lookup (tree, "a\\.b.c\\[0]", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (curator_node_get_value (node), ==, "deep");
  path2 = curator_node_dup_key_path (node);
  g_assert_cmpstr (path2, ==, "a\\.b.c\\[0]");

  /* A key node names its pair. */
  path3 = curator_node_dup_key_path (curator_node_get_key_node (curator_yaml_tree_get_root (tree), 2));
  g_assert_cmpstr (path3, ==, "a\\.b");

  node = curator_yaml_tree_lookup (tree, "featuredImage.width", &error);
  g_assert_null (node);
  g_assert_error (error, CURATOR_ERROR, CURATOR_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "no key “width” in featuredImage");
  g_clear_error (&error);

  node = curator_yaml_tree_lookup (tree, "missing.deeper", &error);
  g_assert_error (error, CURATOR_ERROR, CURATOR_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "no key “missing” in the front matter");
  g_clear_error (&error);

  node = curator_yaml_tree_lookup (tree, "tags[2]", &error);
  g_assert_error (error, CURATOR_ERROR, CURATOR_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "no item [2] in tags: the list has 2 items");
  g_clear_error (&error);

  node = curator_yaml_tree_lookup (tree, "featuredImage[0]", &error);
  g_assert_error (error, CURATOR_ERROR, CURATOR_ERROR_TYPE_MISMATCH);
  g_assert_true (g_str_has_prefix (error->message, "line 3, column 3: “featuredImage” is a mapping, not a list"));
  g_clear_error (&error);

  node = curator_yaml_tree_lookup (tree, "tags.x", &error);
  g_assert_error (error, CURATOR_ERROR, CURATOR_ERROR_TYPE_MISMATCH);
  g_assert_true (g_str_has_prefix (error->message, "line 8, column 7: “tags” is a list, not a mapping"));
  g_clear_error (&error);

  node = curator_yaml_tree_lookup (tree, "title.x", &error);
  g_assert_error (error, CURATOR_ERROR, CURATOR_ERROR_TYPE_MISMATCH);
  g_clear_error (&error);

  node = curator_yaml_tree_lookup (tree, "alias.k", &error);
  g_assert_error (error, CURATOR_ERROR, CURATOR_ERROR_ALIAS);
  g_clear_error (&error);

  node = curator_yaml_tree_lookup (tree, "alias", &error);
  g_assert_no_error (error);
  g_assert_cmpint (curator_node_get_kind (node), ==, CURATOR_NODE_ALIAS);

  node = curator_yaml_tree_lookup (tree, "tags[", &error);
  g_assert_error (error, CURATOR_ERROR, CURATOR_ERROR_INVALID_KEY_PATH);
  g_clear_error (&error);
}

static void
test_root_sequence (void)
{
  g_autoptr(CuratorYamlTree) tree = parse ("- a\n- b: c\n");
  g_autoptr(GError) error = NULL;
  const CuratorNode *node;
  g_autofree char *path = NULL;

  node = curator_yaml_tree_lookup (tree, "[1].b", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (curator_node_get_value (node), ==, "c");
  path = curator_node_dup_key_path (node);
  g_assert_cmpstr (path, ==, "[1].b");

  node = curator_yaml_tree_lookup (tree, "b", &error);
  g_assert_error (error, CURATOR_ERROR, CURATOR_ERROR_TYPE_MISMATCH);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/key-path/parse", test_parse);
  g_test_add_func ("/key-path/parse-errors", test_parse_errors);
  g_test_add_func ("/key-path/format", test_format);
  g_test_add_func ("/key-path/lookup", test_lookup);
  g_test_add_func ("/key-path/root-sequence", test_root_sequence);

  return g_test_run ();
}
