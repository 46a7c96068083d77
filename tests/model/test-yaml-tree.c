/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#ifdef HAVE_JSON_GLIB
#include <json-glib/json-glib.h>
#endif

#include "curator-model.h"
#include "curator-node-private.h"
#include "curator-yaml-parser-private.h"

#include "curator-test-corpus.h"
#include "curator-test-utils.h"

/* Helpers */

/* A file the test names from the corpus (it must be there); NULL only
 * when the whole shared corpus is asked for and missing, the skip then
 * recorded. */
static GBytes *
load_corpus_file (const char *subdir,
                  const char *name)
{
  g_autofree char *path = curator_test_corpus_path (subdir, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents;
  gsize length;

  if (path == NULL)
    return NULL;
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static CuratorYamlTree *
parse_edge (const char *name)
{
  g_autoptr(GBytes) bytes = load_corpus_file ("edge", name);
  g_autoptr(GError) error = NULL;
  CuratorYamlTree *tree;

  if (bytes == NULL)
    return NULL;
  tree = curator_yaml_tree_parse (bytes, 0, g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  g_assert_nonnull (tree);
  return tree;
}

#define RETURN_WITHOUT_CORPUS(tree) \
  G_STMT_START { \
    if ((tree) == NULL) \
      return; \
  } G_STMT_END

static char *
span_text (CuratorYamlTree   *tree,
           const CuratorNode *node)
{
  const char *data = g_bytes_get_data (tree->bytes, NULL);

  g_assert_cmpuint (node->start, <=, node->end);
  return g_strndup (data + node->start, node->end - node->start);
}

static const CuratorNode *
lookup (CuratorYamlTree *tree,
        const char      *path)
{
  g_autoptr(GError) error = NULL;
  const CuratorNode *node = curator_yaml_tree_lookup (tree, path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

/* The node at @path spans exactly @span and decodes to @value (when
 * not NULL). */
static const CuratorNode *
assert_node (CuratorYamlTree *tree,
             const char      *path,
             const char      *span,
             const char      *value)
{
  const CuratorNode *node = lookup (tree, path);
  g_autofree char *text = span_text (tree, node);

  g_assert_cmpstr (text, ==, span);
  if (value != NULL)
    g_assert_cmpstr (node->value, ==, value);
  return node;
}

static char *
line_end_text (CuratorYamlTree   *tree,
               const CuratorNode *node)
{
  const char *data = g_bytes_get_data (tree->bytes, NULL);

  return g_strndup (data + node->end, node->line_end - node->end);
}

static void
assert_refused (const char   *yaml,
                CuratorError  code,
                const char   *message_prefix)
{
  g_autoptr(GBytes) bytes = g_bytes_new (yaml, strlen (yaml));
  g_autoptr(GError) error = NULL;
  CuratorYamlTree *tree = curator_yaml_tree_parse (bytes, 0, strlen (yaml), &error);

  g_assert_null (tree);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_error (error, CURATOR_ERROR, (gint) code);
  if (!g_str_has_prefix (error->message, message_prefix))
    g_error ("“%s” does not start with “%s”", error->message, message_prefix);
}

static void
assert_edge_refused (const char   *name,
                     CuratorError  code,
                     const char   *message_prefix)
{
  g_autoptr(GBytes) bytes = load_corpus_file ("edge", name);
  g_autoptr(GError) error = NULL;

  if (bytes == NULL)
    return;
  g_assert_null (curator_yaml_tree_parse (bytes, 0, g_bytes_get_size (bytes), &error));
  g_assert_nonnull (error);
  g_test_message ("%s: %s", name, error->message);
  g_assert_error (error, CURATOR_ERROR, (gint) code);
  if (!g_str_has_prefix (error->message, message_prefix))
    g_error ("“%s” does not start with “%s”", error->message, message_prefix);
}

static CuratorYamlTree *
parse_string (const char *yaml)
{
  g_autoptr(GBytes) bytes = g_bytes_new (yaml, strlen (yaml));
  g_autoptr(GError) error = NULL;
  CuratorYamlTree *tree = curator_yaml_tree_parse (bytes, 0, strlen (yaml), &error);

  g_assert_no_error (error);
  return tree;
}

/* The edge cases, one by one */

static void
test_plain_multiline (void)
{
  g_autoptr(CuratorYamlTree) tree = parse_edge ("01_plain_multiline.yaml");
  const CuratorNode *node;
  g_autofree char *tail1 = NULL, *tail2 = NULL;

  RETURN_WITHOUT_CORPUS (tree);
  node = assert_node (tree, "description",
                      "In partnering with   \n  acute, post\n\n  community based",
                      "In partnering with acute, post\ncommunity based");
  g_assert_cmpint (node->style, ==, CURATOR_NODE_STYLE_PLAIN);
  g_assert_cmpuint (node->line, ==, 1);
  g_assert_cmpuint (node->column, ==, 14);
  g_assert_cmpuint (node->indent, ==, 13);
  /* The trailing spaces of the last line are not part of the value. */
  tail1 = line_end_text (tree, node);
  g_assert_cmpstr (tail1, ==, "   ");

  node = assert_node (tree, "next", "x", "x");
  tail2 = line_end_text (tree, node);
  g_assert_cmpstr (tail2, ==, "   # trailing comment");
  assert_node (tree, "k2", "a", "a");
}

static void
test_block_scalars (void)
{
  g_autoptr(CuratorYamlTree) tree = parse_edge ("02_block_scalars.yaml");
  const CuratorNode *node;

  RETURN_WITHOUT_CORPUS (tree);
  node = assert_node (tree, "lit_keep", "|+\n  line1\n  line2", "line1\nline2\n\n\n");
  g_assert_cmpint (node->style, ==, CURATOR_NODE_STYLE_LITERAL);
  g_assert_cmpint (node->scalar_type, ==, CURATOR_SCALAR_STRING);
  g_assert_cmpuint (node->line_end, ==, node->end);
  assert_node (tree, "lit_strip", "|-\n  a\n\n  b", "a\n\nb");
  assert_node (tree, "lit_clip", "|\n  x", "x\n");
  node = assert_node (tree, "fold", ">\n  folded\n  text\n\n  para", "folded text\npara\n");
  g_assert_cmpint (node->style, ==, CURATOR_NODE_STYLE_FOLDED);
  assert_node (tree, "fold_keep", ">+\n  t", "t\n\n");
  assert_node (tree, "ind", "|2\n    four spaces kept two", "  four spaces kept two\n");
  node = assert_node (tree, "z", "1", "1");
  g_assert_cmpint (node->scalar_type, ==, CURATOR_SCALAR_INT);
}

static void
test_block_nested_eof (void)
{
  g_autoptr(CuratorYamlTree) tree = parse_edge ("03_block_nested_eof.yaml");
  const CuratorNode *m;

  RETURN_WITHOUT_CORPUS (tree);
  assert_node (tree, "m.k", "|\n    text\n      more", "text\n  more\n");
  assert_node (tree, "m.j", ">-\n    folded", "folded");
  assert_node (tree, "m.last", "|\n    eof no newline", "eof no newline");
  m = lookup (tree, "m");
  /* A block collection ends with its last child: here at the end of the file. */
  g_assert_cmpuint (m->end, ==, g_bytes_get_size (tree->bytes));
  g_assert_cmpuint (m->indent, ==, 2);
  g_assert_cmpuint (tree->root->end, ==, m->end);
}

static void
test_quoted (void)
{
  g_autoptr(CuratorYamlTree) tree = parse_edge ("04_quoted.yaml");
  const CuratorNode *node;
  g_autofree char *tail = NULL;

  RETURN_WITHOUT_CORPUS (tree);
  node = assert_node (tree, "s", "'it''s ok'", "it's ok");
  g_assert_cmpint (node->style, ==, CURATOR_NODE_STYLE_SINGLE_QUOTED);
  node = assert_node (tree, "d", "\"tab\\tq\\\" back\\\\ \\u00e9 \\x41\"",
                      "tab\tq\" back\\ \xc3\xa9 A");
  g_assert_cmpint (node->style, ==, CURATOR_NODE_STYLE_DOUBLE_QUOTED);
  assert_node (tree, "ml", "\"line one\n  line two \\\n  cont\"", "line one line two cont");
  assert_node (tree, "sml", "'a\n\n  b'", "a\nb");
  node = assert_node (tree, "k", "\"x\"", "x");
  tail = line_end_text (tree, node);
  g_assert_cmpstr (tail, ==, " # c");
}

static void
test_flow (void)
{
  g_autoptr(CuratorYamlTree) tree = parse_edge ("05_flow.yaml");
  const CuratorNode *node;

  RETURN_WITHOUT_CORPUS (tree);
  node = assert_node (tree, "f", "[a, 'b', {c: d}, [e]]", NULL);
  g_assert_cmpint (node->kind, ==, CURATOR_NODE_SEQUENCE);
  g_assert_cmpint (node->style, ==, CURATOR_NODE_STYLE_FLOW);
  g_assert_cmpuint (curator_node_get_n_children (node), ==, 4);
  assert_node (tree, "f[1]", "'b'", "b");
  node = assert_node (tree, "f[2]", "{c: d}", NULL);
  g_assert_cmpint (node->style, ==, CURATOR_NODE_STYLE_FLOW);
  assert_node (tree, "f[2].c", "d", "d");
  assert_node (tree, "f[3]", "[e]", NULL);
  assert_node (tree, "f[3][0]", "e", "e");
  assert_node (tree, "fm", "{x: 1,\n  y: [2, 3] }", NULL);
  assert_node (tree, "fm.y", "[2, 3]", NULL);
  node = assert_node (tree, "fm.y[1]", "3", "3");
  g_assert_cmpuint (node->line, ==, 3);
  g_assert_cmpuint (node->column, ==, 10);
  node = assert_node (tree, "fe", "[ ]", NULL);
  g_assert_cmpuint (curator_node_get_n_children (node), ==, 0);
}

static void
test_comments (void)
{
  g_autoptr(CuratorYamlTree) tree = parse_edge ("06_comments.yaml");
  const CuratorNode *node;
  g_autofree char *tail = NULL;

  RETURN_WITHOUT_CORPUS (tree);
  node = assert_node (tree, "a", "1", "1");
  tail = line_end_text (tree, node);
  g_assert_cmpstr (tail, ==, " # trailing");
  /* The comment lines around it are not the list's. */
  node = assert_node (tree, "b", "- x", NULL);
  g_assert_cmpuint (node->line, ==, 6);
  g_assert_cmpuint (node->indent, ==, 2);
  g_assert_false (node->indentless);
  assert_node (tree, "b[0]", "x", "x");
  node = assert_node (tree, "c", "2", "2");
  g_assert_cmpuint (node->line, ==, 9);
}

static void
test_crlf (void)
{
  g_autoptr(CuratorYamlTree) tree = parse_edge ("07_crlf.yaml");
  const CuratorNode *node;
  const char *data;

  RETURN_WITHOUT_CORPUS (tree);
  data = g_bytes_get_data (tree->bytes, NULL);
  node = assert_node (tree, "a", "1", "1");
  g_assert_cmpint (data[node->line_end], ==, '\r');
  node = assert_node (tree, "b", "two\r\n  words", "two words");
  g_assert_cmpuint (node->line, ==, 2);
  assert_node (tree, "c", "|\r\n  lit\r\n  more", "lit\nmore\n");
  assert_node (tree, "d", "\"q\r\n  r\"", "q r");
  node = assert_node (tree, "e", "x", "x");
  g_assert_cmpuint (node->line, ==, 9);
  g_assert_cmpuint (node->column, ==, 4);
}

static void
test_bom (void)
{
  g_autoptr(CuratorYamlTree) tree = parse_edge ("08_bom.yaml");
  const CuratorNode *node;

  RETURN_WITHOUT_CORPUS (tree);
  /* Offsets count the BOM's 3 bytes; columns do not. */
  g_assert_cmpuint (tree->root->start, ==, 3);
  node = assert_node (tree, "a", "1", "1");
  g_assert_cmpuint (node->start, ==, 6);
  g_assert_cmpuint (node->column, ==, 4);
  node = assert_node (tree, "b", "x", "x");
  g_assert_cmpuint (node->start, ==, 11);
  g_assert_cmpuint (node->line, ==, 2);
}

static void
test_tabs (void)
{
  g_autoptr(CuratorYamlTree) tree = parse_edge ("09_tabs.yaml");

  RETURN_WITHOUT_CORPUS (tree);
  assert_node (tree, "a", "value", "value");
  assert_node (tree, "b", "x\ty", "x\ty");
  assert_node (tree, "c", "\"a\tb\"", "a\tb");
  assert_node (tree, "d", "x", "x");
}

static void
test_utf8 (void)
{
  g_autoptr(CuratorYamlTree) tree = parse_edge ("10_utf8.yaml");
  const CuratorNode *node;

  RETURN_WITHOUT_CORPUS (tree);
  node = assert_node (tree, "t", "caf\xc3\xa9", "caf\xc3\xa9");
  g_assert_cmpuint (node->start, ==, 3);
  g_assert_cmpuint (node->end, ==, 8);
  node = assert_node (tree, "u", "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e text", NULL);
  g_assert_cmpuint (node->start, ==, 12);
  g_assert_cmpuint (node->column, ==, 4);
  node = assert_node (tree, "v", "x", "x");
  g_assert_cmpuint (node->start, ==, 30);
  node = assert_node (tree, "w", "\"\xf0\x9f\x98\x80\"", "\xf0\x9f\x98\x80");
  g_assert_cmpuint (node->line, ==, 4);
}

static void
test_anchor_tag (void)
{
  g_autoptr(CuratorYamlTree) tree = parse_edge ("11_anchor_tag.yaml");
  const CuratorNode *node;
  g_autofree char *json = NULL;

  RETURN_WITHOUT_CORPUS (tree);
  node = assert_node (tree, "a", "&x foo", "foo");
  g_assert_cmpstr (node->anchor, ==, "x");
  g_assert_cmpuint (node->value_start, ==, node->start + 3);
  node = assert_node (tree, "b", "*x", NULL);
  g_assert_cmpint (node->kind, ==, CURATOR_NODE_ALIAS);
  g_assert_cmpstr (node->anchor, ==, "x");
  g_assert_true (node->alias_target == lookup (tree, "a"));
  node = assert_node (tree, "c", "!!str 12", "12");
  g_assert_cmpstr (node->tag, ==, "!!str");
  g_assert_cmpint (node->scalar_type, ==, CURATOR_SCALAR_STRING);
  node = assert_node (tree, "d", "!custom\n  k: v", NULL);
  g_assert_cmpstr (curator_node_get_tag (node), ==, "!custom");
  g_assert_cmpint (node->kind, ==, CURATOR_NODE_MAPPING);
  g_assert_cmpuint (node->indent, ==, 2);
  node = assert_node (tree, "e", "&y\n  - 1", NULL);
  g_assert_cmpstr (curator_node_get_anchor (node), ==, "y");
  g_assert_cmpuint (node->indent, ==, 2);
  node = assert_node (tree, "f", "!!null", "");
  g_assert_cmpint (node->scalar_type, ==, CURATOR_SCALAR_NULL);
  g_assert_cmpuint (node->value_start, ==, node->end);

  json = curator_node_to_json (tree->root, FALSE);
  g_assert_cmpstr (json, ==,
                   "{\"a\":\"foo\",\"b\":\"foo\",\"c\":\"12\",\"d\":{\"k\":\"v\"},\"e\":[1],\"f\":null}");
}

static void
test_empty_values (void)
{
  g_autoptr(CuratorYamlTree) tree = parse_edge ("12_empty.yaml");
  const CuratorNode *node;
  const char *data;

  RETURN_WITHOUT_CORPUS (tree);
  data = g_bytes_get_data (tree->bytes, NULL);
  /* Zero-width right after the ':' (or the '-'). */
  node = assert_node (tree, "a", "", "");
  g_assert_cmpint (data[node->start - 1], ==, ':');
  g_assert_cmpint (node->scalar_type, ==, CURATOR_SCALAR_NULL);
  node = assert_node (tree, "b", "~", "~");
  g_assert_cmpint (node->scalar_type, ==, CURATOR_SCALAR_NULL);
  node = assert_node (tree, "c", "''", "");
  g_assert_cmpint (node->scalar_type, ==, CURATOR_SCALAR_STRING);
  node = assert_node (tree, "d[0]", "", "");
  g_assert_cmpint (data[node->start - 1], ==, '-');
  node = assert_node (tree, "d[1]", "", "");
  g_assert_cmpint (data[node->start - 1], ==, '-');
  assert_node (tree, "d", "-\n  -", NULL);
  assert_node (tree, "e", "1", "1");
}

static void
test_sequence_indent (void)
{
  g_autoptr(CuratorYamlTree) tree = parse_edge ("13_seq_indent.yaml");
  const CuratorNode *node;

  RETURN_WITHOUT_CORPUS (tree);
  node = assert_node (tree, "a", "- 1\n- 2", NULL);
  g_assert_true (node->indentless);
  g_assert_cmpuint (node->indent, ==, 0);
  node = assert_node (tree, "b", "- 3\n  - [4]", NULL);
  g_assert_false (node->indentless);
  g_assert_cmpuint (node->indent, ==, 2);
  assert_node (tree, "b[1]", "[4]", NULL);
  node = assert_node (tree, "c", "4", "4");
  g_assert_cmpuint (node->line, ==, 7);
}

static void
test_misc (void)
{
  g_autoptr(CuratorYamlTree) tree = parse_edge ("18_misc.yaml");
  const CuratorNode *node;

  RETURN_WITHOUT_CORPUS (tree);
  assert_node (tree, "k", "| # header comment\n  text\n  # not a comment, content",
               "text\n# not a comment, content\n");
  node = assert_node (tree, "n", "value on next line", "value on next line");
  g_assert_cmpuint (node->line, ==, 5);
  g_assert_cmpuint (node->column, ==, 3);
  node = assert_node (tree, "m", "spaced", "spaced");
  g_assert_cmpuint (node->column, ==, 7);
  assert_node (tree, "x", ">2-\n   sp", " sp");
  /* The key "n" is a YAML 1.1 bool. */
  g_assert_true (curator_node_get_key_node (tree->root, 1)->yaml11_ambiguous);
}

static void
test_cr_only (void)
{
  g_autoptr(CuratorYamlTree) tree = parse_edge ("19_cr_only.yaml");
  const CuratorNode *node;

  RETURN_WITHOUT_CORPUS (tree);
  node = assert_node (tree, "a", "b", "b");
  g_assert_cmpuint (node->line, ==, 2);
  g_assert_cmpuint (node->column, ==, 3);
  node = assert_node (tree, "c", "1", "1");
  g_assert_cmpuint (node->line, ==, 3);
  g_assert_cmpuint (node->line_end, ==, node->end);
}

static void
test_document_end (void)
{
  g_autoptr(CuratorYamlTree) tree = parse_edge ("21_docend.yaml");
  g_autofree char *root = NULL;

  RETURN_WITHOUT_CORPUS (tree);
  assert_node (tree, "a", "1", "1");
  root = span_text (tree, tree->root);
  g_assert_cmpstr (root, ==, "a: 1");
}

static void
test_long_key (void)
{
  /* A simple key is at most 1024 characters in YAML: libyaml refuses. */
  assert_edge_refused ("15_longkey.yaml", CURATOR_ERROR_PARSE,
                       "line 1, column 1101: mapping values are not allowed in this context: "
                       "a key can be at most 1024 characters long");
}

static void
test_nel (void)
{
  /* libyaml reads NEL as a line break ("y" becomes a key without ':');
   * the position is the file's own line and column. */
  assert_edge_refused ("16_nel.yaml", CURATOR_ERROR_PARSE,
                       "line 2, column 1: could not find expected ':' (while scanning a simple key at line 1, column 6)");
}

static void
test_edge_refusals (void)
{
  assert_edge_refused ("09b_tab_indent.yaml", CURATOR_ERROR_PARSE, "line 2, column 1: ");
  assert_edge_refused ("14_dupkey.yaml", CURATOR_ERROR_DUPLICATE_KEY,
                       "line 2, column 1: duplicate key “a” (first defined at line 1, column 1)");
  assert_edge_refused ("17_keys.yaml", CURATOR_ERROR_COMPLEX_KEY, "line 1, column 3: complex key");
  assert_edge_refused ("20_tab_after_dash.yaml", CURATOR_ERROR_PARSE, "line 1, column 2: ");
}

static void
test_front_matter_in_file (void)
{
  g_autoptr(GBytes) bytes = load_corpus_file ("edge", "fm_crlf_utf8.md");
  g_autoptr(CuratorYamlTree) tree = NULL;
  g_autoptr(GError) error = NULL;
  CuratorFrontMatterSplit split;
  const CuratorNode *node;
  g_autofree char *tail = NULL;

  if (bytes == NULL)
    return;
  g_assert_true (curator_front_matter_split (g_bytes_get_data (bytes, NULL),
                                             g_bytes_get_size (bytes), &split, &error));
  tree = curator_yaml_tree_parse (bytes, split.front_matter_start, split.front_matter_end, &error);
  g_assert_no_error (error);

  /* File lines: the front matter starts on line 2. */
  node = assert_node (tree, "author", "Zo\xc3\xab \xc3\x85ngstr\xc3\xb6m", "Zo\xc3\xab \xc3\x85ngstr\xc3\xb6m");
  g_assert_cmpuint (node->line, ==, 3);
  g_assert_cmpuint (node->column, ==, 9);
  tail = line_end_text (tree, node);
  g_assert_cmpstr (tail, ==, "   # trailing");
  node = assert_node (tree, "tags", "[a, b]", NULL);
  g_assert_cmpuint (node->column, ==, 7);
  assert_node (tree, "title", "\"Caf\xc3\xa9 \\u00e9\"", "Caf\xc3\xa9 \xc3\xa9");
  node = assert_node (tree, "body", "|\r\n  keep", "keep\n");
  g_assert_cmpuint (node->line, ==, 6);
  g_assert_cmpuint (tree->root->line, ==, 3);
}

/* Refusals and limits */

static void
test_refusals (void)
{
  GString *deep = g_string_new (NULL);
  g_autofree char *big = NULL;

  assert_refused ("a: 1\n---\nb: 2\n", CURATOR_ERROR_PARSE,
                  "line 2, column 1: a second YAML document starts here");
  assert_refused ("&a x: 1\n*a : 2\n", CURATOR_ERROR_COMPLEX_KEY,
                  "line 2, column 1: complex key: a key must be plain text, this one is an alias");
  assert_refused ("{[a]: b}", CURATOR_ERROR_COMPLEX_KEY,
                  "line 1, column 2: complex key: a key must be plain text, this one is a list");
  assert_refused ("? [a]\n: b\n", CURATOR_ERROR_COMPLEX_KEY, "line 1, column 3: complex key");
  assert_refused ("{ ? a : b }", CURATOR_ERROR_COMPLEX_KEY, "line 1, column 5: complex key");
  assert_refused ("a: 1\n? b\n: 2\n", CURATOR_ERROR_COMPLEX_KEY, "line 2, column 3: complex key");
  assert_refused ("x:\n  a: 1\n  b: 2\n  a: 3\n", CURATOR_ERROR_DUPLICATE_KEY,
                  "line 4, column 3: duplicate key “a” (first defined at line 2, column 3)");
  assert_refused ("{a: 1, 'a': 2}", CURATOR_ERROR_DUPLICATE_KEY, "line 1, column 8: duplicate key “a”");
  assert_refused ("a: [1, 2\nb: 3\n", CURATOR_ERROR_PARSE,
                  "line 2, column 2: did not find expected ',' or ']' (while parsing a flow sequence at line 1, column 4)");
  assert_refused ("a: \x01\n", CURATOR_ERROR_PARSE, "line 1, column 4: control characters are not allowed");
  assert_refused ("a: 1\nb: \"x\\0y\"\n", CURATOR_ERROR_PARSE,
                  "line 2, column 4: a NUL character (\\0) in a value is not supported");
  assert_refused ("a: b: c\n", CURATOR_ERROR_PARSE,
                  "line 1, column 5: mapping values are not allowed in this context");

  /* Depth: 64 nested collections are fine, 65 are refused. */
  for (guint i = 0; i < 64; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 64; i++)
    g_string_append_c (deep, ']');
  {
    g_autoptr(CuratorYamlTree) tree = parse_string (deep->str);
    g_assert_nonnull (tree);
  }
  g_string_prepend_c (deep, '[');
  g_string_append_c (deep, ']');
  assert_refused (deep->str, CURATOR_ERROR_TOO_DEEP, "line 1, column 65: nested deeper than 64 levels");
  g_string_free (deep, TRUE);

  /* Size. */
  big = g_malloc (CURATOR_YAML_MAX_SIZE + 2);
  memset (big, '#', CURATOR_YAML_MAX_SIZE + 1);
  big[CURATOR_YAML_MAX_SIZE + 1] = '\0';
  assert_refused (big, CURATOR_ERROR_TOO_LARGE, "line 1, column 1: the front matter is 1048577 bytes");
  big[CURATOR_YAML_MAX_SIZE] = '\0';
  {
    g_autoptr(CuratorYamlTree) tree = parse_string (big);
    g_assert_cmpuint (curator_node_get_n_children (tree->root), ==, 0);
  }
}

static void
test_positions_in_file (void)
{
  const char *file = "---\n# c\na: 1\nb: [\n---\nbody\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (file, strlen (file));
  g_autoptr(GError) error = NULL;
  const char *dup = "---\r\na: 1\r\nb:\r\n  - x\r\na: 2\r\n---\r\n";
  g_autoptr(GBytes) dup_bytes = g_bytes_new_static (dup, strlen (dup));

  /* Lines count from the top of the file. */
  g_assert_null (curator_yaml_tree_parse (bytes, 4, 19, &error));
  g_assert_error (error, CURATOR_ERROR, CURATOR_ERROR_PARSE);
  g_test_message ("%s", error->message);
  g_assert_cmpstr (error->message, ==,
                   "line 5, column 1: did not find expected node content (while parsing a flow node at line 5, column 1)");
  g_clear_error (&error);

  g_assert_null (curator_yaml_tree_parse (dup_bytes, 5, strlen (dup) - 5, &error));
  g_assert_error (error, CURATOR_ERROR, CURATOR_ERROR_DUPLICATE_KEY);
  g_assert_cmpstr (error->message, ==, "line 5, column 1: duplicate key “a” (first defined at line 2, column 1)");
}

static void
test_empty_and_odd_roots (void)
{
  g_autoptr(CuratorYamlTree) empty = parse_string ("");
  g_autoptr(CuratorYamlTree) comments = parse_string ("# just a comment\n\n");
  g_autoptr(CuratorYamlTree) list = parse_string ("- a\n- b\n");
  g_autoptr(CuratorYamlTree) scalar = parse_string ("just text\n");
  g_autofree char *json1 = NULL, *json2 = NULL, *json3 = NULL;

  g_assert_cmpint (curator_yaml_tree_get_root (empty)->kind, ==, CURATOR_NODE_MAPPING);
  g_assert_cmpuint (curator_node_get_n_children (curator_yaml_tree_get_root (empty)), ==, 0);
  json1 = curator_node_to_json (curator_yaml_tree_get_root (comments), TRUE);
  g_assert_cmpstr (json1, ==, "{}");
  g_assert_cmpint (curator_yaml_tree_get_root (list)->kind, ==, CURATOR_NODE_SEQUENCE);
  json2 = curator_node_to_json (curator_yaml_tree_get_root (list), TRUE);
  g_assert_cmpstr (json2, ==, "[\n  \"a\",\n  \"b\"\n]");
  g_assert_cmpint (curator_yaml_tree_get_root (scalar)->kind, ==, CURATOR_NODE_SCALAR);
  json3 = curator_node_to_json (curator_yaml_tree_get_root (scalar), FALSE);
  g_assert_cmpstr (json3, ==, "\"just text\"");
}

static void
test_aliases (void)
{
  GString *bomb = g_string_new ("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
  g_autoptr(CuratorYamlTree) recursive = parse_string ("a: &a [1, *a]\nb: &b x\nc: &b y\nd: *b\ne: *nothing\n");
  g_autoptr(CuratorYamlTree) tree = NULL;
  g_autofree char *json = NULL, *pretty = NULL, *bomb_json = NULL;

  json = curator_node_to_json (curator_yaml_tree_get_root (recursive), FALSE);
  /* An alias inside its own anchor and an unknown one stay names; the
   * latest anchor of a name wins. */
  g_assert_cmpstr (json, ==, "{\"a\":[1,\"*a\"],\"b\":\"x\",\"c\":\"y\",\"d\":\"y\",\"e\":\"*nothing\"}");

  for (guint i = 1; i < 12; i++)
    g_string_append_printf (bomb, "a%u: &a%u [*a%u, *a%u, *a%u, *a%u, *a%u, *a%u, *a%u, *a%u, *a%u, *a%u]\n",
                            i, i, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
  tree = parse_string (bomb->str);
  g_string_free (bomb, TRUE);
  bomb_json = curator_node_to_json (curator_yaml_tree_get_root (tree), FALSE);
  g_test_message ("alias bomb as JSON: %" G_GSIZE_FORMAT " bytes", strlen (bomb_json));
  g_assert_cmpuint (strlen (bomb_json), <, 4 * 1024 * 1024);
  g_assert_nonnull (strstr (bomb_json, "\"*a"));

  pretty = curator_node_to_json (lookup (tree, "a1"), TRUE);
  g_assert_true (g_str_has_prefix (pretty, "[\n  [\n    \"x\",\n"));
}

static void
test_long_values (void)
{
  /* Strings longer than a node chunk, between short ones. */
  GString *yaml = g_string_new (NULL);
  g_autofree char *long_value = g_strnfill (40000, 'x');
  g_autofree char *medium_value = g_strnfill (10000, 'y');
  g_autoptr(CuratorYamlTree) tree = NULL;

  for (guint i = 0; i < 300; i++)
    g_string_append_printf (yaml, "k%u: v%u\n", i, i);
  g_string_append_printf (yaml, "long: %s\nmedium: '%s'\nafter: [1, 2]\n", long_value, medium_value);
  tree = parse_string (yaml->str);
  g_string_free (yaml, TRUE);

  assert_node (tree, "long", long_value, long_value);
  g_assert_cmpstr (lookup (tree, "medium")->value, ==, medium_value);
  assert_node (tree, "k299", "v299", "v299");
  assert_node (tree, "after[1]", "2", "2");
  g_assert_cmpuint (curator_node_get_n_children (tree->root), ==, 303);
}

static void
test_flow_pair (void)
{
  g_autoptr(CuratorYamlTree) tree = parse_string ("s: [a: b, c]\n");
  const CuratorNode *node = assert_node (tree, "s[0]", "a: b", NULL);

  g_assert_cmpint (node->kind, ==, CURATOR_NODE_MAPPING);
  assert_node (tree, "s[0].a", "b", "b");
  assert_node (tree, "s[1]", "c", "c");
}

/* Parsing copies text that libyaml's reader would accept straight into
 * its buffer (curator_yaml_parser_set_input()): the events, their marks
 * and values, and any error must be what libyaml's own reader gives. */

static void
append_mark (GString           *out,
             const yaml_mark_t *mark)
{
  g_string_append_printf (out, " %" G_GSIZE_FORMAT ":%" G_GSIZE_FORMAT ":%" G_GSIZE_FORMAT,
                          mark->index, mark->line, mark->column);
}

static void
append_text (GString             *out,
             const unsigned char *text,
             gsize                length)
{
  g_autofree char *escaped = NULL;

  if (text == NULL)
    {
      g_string_append (out, " -");
      return;
    }
  /* Escaped, with its length: a value may hold a NUL. */
  escaped = g_strescape ((const char *) text, NULL);
  g_string_append_printf (out, " [%" G_GSIZE_FORMAT "]%s", length, escaped);
}

/* The whole event stream of @data as text, through libyaml's reader or
 * through curator_yaml_parser_set_input(); @copied says whether that
 * copied the text into libyaml's buffer. */
static char *
event_stream_digest (const char *data,
                     gsize       length,
                     gboolean    curator_input,
                     gboolean   *copied)
{
  GString *out = g_string_new (NULL);
  yaml_parser_t parser;
  gboolean done = FALSE;

  if (curator_input)
    {
      g_assert_true (curator_yaml_parser_take (&parser));
      curator_yaml_parser_set_input (&parser, data, length);
      /* libyaml's reader has not read anything before the first event. */
      *copied = parser.eof && parser.unread > 0;
    }
  else
    {
      g_assert_true (yaml_parser_initialize (&parser));
      yaml_parser_set_input_string (&parser, (const unsigned char *) data, length);
      yaml_parser_set_encoding (&parser, YAML_UTF8_ENCODING);
    }

  while (!done)
    {
      yaml_event_t event;

      if (!yaml_parser_parse (&parser, &event))
        {
          g_string_append_printf (out, "error %d %s %" G_GSIZE_FORMAT " %d",
                                  parser.error, parser.problem ? parser.problem : "-",
                                  parser.problem_offset, parser.problem_value);
          append_mark (out, &parser.problem_mark);
          g_string_append_printf (out, " %s", parser.context ? parser.context : "-");
          append_mark (out, &parser.context_mark);
          break;
        }

      g_string_append_printf (out, "%d", event.type);
      append_mark (out, &event.start_mark);
      append_mark (out, &event.end_mark);
      switch (event.type)
        {
        case YAML_SCALAR_EVENT:
          append_text (out, event.data.scalar.anchor, event.data.scalar.anchor ? strlen ((char *) event.data.scalar.anchor) : 0);
          append_text (out, event.data.scalar.tag, event.data.scalar.tag ? strlen ((char *) event.data.scalar.tag) : 0);
          append_text (out, event.data.scalar.value, event.data.scalar.length);
          g_string_append_printf (out, " %d %d %d", event.data.scalar.style,
                                  event.data.scalar.plain_implicit, event.data.scalar.quoted_implicit);
          break;
        case YAML_ALIAS_EVENT:
          append_text (out, event.data.alias.anchor, strlen ((char *) event.data.alias.anchor));
          break;
        case YAML_SEQUENCE_START_EVENT:
          append_text (out, event.data.sequence_start.anchor, 0);
          append_text (out, event.data.sequence_start.tag, 0);
          g_string_append_printf (out, " %d", event.data.sequence_start.style);
          break;
        case YAML_MAPPING_START_EVENT:
          append_text (out, event.data.mapping_start.anchor, 0);
          append_text (out, event.data.mapping_start.tag, 0);
          g_string_append_printf (out, " %d", event.data.mapping_start.style);
          break;
        case YAML_DOCUMENT_START_EVENT:
          g_string_append_printf (out, " %d", event.data.document_start.implicit);
          break;
        case YAML_DOCUMENT_END_EVENT:
          g_string_append_printf (out, " %d", event.data.document_end.implicit);
          break;
        case YAML_STREAM_END_EVENT:
          done = TRUE;
          break;
        default:
          break;
        }
      g_string_append_c (out, '\n');
      yaml_event_delete (&event);
    }

  if (curator_input)
    curator_yaml_parser_give_back (&parser);
  else
    yaml_parser_delete (&parser);
  return g_string_free (out, FALSE);
}

/* Asserts that @data parses the same both ways; returns whether it was
 * copied. */
static gboolean
assert_same_events_as_libyaml (const char *data,
                               gsize       length)
{
  gboolean copied = FALSE;
  g_autofree char *expected = event_stream_digest (data, length, FALSE, NULL);
  g_autofree char *actual = event_stream_digest (data, length, TRUE, &copied);

  g_assert_cmpstr (actual, ==, expected);
  return copied;
}

/* The whole corpus */

typedef struct
{
  const char *data;
  gsize       fm_start;
  gsize       fm_end;
  guint       scalars_checked;
} CheckContext;

static gboolean
span_has_break (const char *data,
                gsize       start,
                gsize       end)
{
  for (gsize i = start; i < end; i++)
    if (data[i] == '\n' || data[i] == '\r' || (guchar) data[i] == 0xC2 || (guchar) data[i] == 0xE2)
      return TRUE;
  return FALSE;
}

/* The text of a single-line quoted scalar, decoded (NULL when it uses an
 * escape this little decoder does not know). */
static char *
decode_quoted (const char       *text,
               gsize             length,
               CuratorNodeStyle  style)
{
  GString *out = g_string_new (NULL);

  for (gsize i = 1; i + 1 < length; i++)
    {
      if (style == CURATOR_NODE_STYLE_SINGLE_QUOTED && text[i] == '\'')
        {
          g_string_append_c (out, '\'');
          i++;
        }
      else if (style == CURATOR_NODE_STYLE_DOUBLE_QUOTED && text[i] == '\\')
        {
          char c = text[++i];

          if (c == 't' || c == '\t')
            g_string_append_c (out, '\t');
          else if (c == 'n')
            g_string_append_c (out, '\n');
          else if (c == 'r')
            g_string_append_c (out, '\r');
          else if (c == '"' || c == '\\' || c == '/' || c == ' ')
            g_string_append_c (out, c);
          else if (c == 'x' || c == 'u' || c == 'U')
            {
              guint digits = c == 'x' ? 2 : c == 'u' ? 4 : 8;
              g_autofree char *hex = g_strndup (text + i + 1, digits);
              gunichar ch = (gunichar) g_ascii_strtoull (hex, NULL, 16);

              g_string_append_unichar (out, ch);
              i += digits;
            }
          else
            {
              g_string_free (out, TRUE);
              return NULL;
            }
        }
      else
        g_string_append_c (out, text[i]);
    }
  return g_string_free (out, FALSE);
}

static gboolean
is_break_or_end (const CheckContext *ctx,
                 gsize               pos)
{
  guchar c;

  if (pos == ctx->fm_end)
    return TRUE;
  c = (guchar) ctx->data[pos];
  return c == '\n' || c == '\r' || c == 0xC2 || c == 0xE2;
}

static void
check_node (CheckContext      *ctx,
            const CuratorNode *node,
            const CuratorNode *parent)
{
  const char *data = ctx->data;

  g_assert_cmpuint (ctx->fm_start, <=, node->start);
  g_assert_cmpuint (node->start, <=, node->value_start);
  g_assert_cmpuint (node->value_start, <=, MAX (node->end, node->value_start));
  g_assert_cmpuint (node->start, <=, node->end);
  g_assert_cmpuint (node->end, <=, node->line_end);
  g_assert_cmpuint (node->line_end, <=, ctx->fm_end);
  g_assert_true (is_break_or_end (ctx, node->line_end));
  g_assert_cmpuint (node->line, >=, 1);
  g_assert_cmpuint (node->column, >=, 1);
  g_assert_true (node->parent == parent);
  if (parent != NULL)
    {
      g_assert_cmpuint (parent->start, <=, node->start);
      g_assert_cmpuint (node->end, <=, parent->end);
      g_assert_cmpuint (node->depth, ==, parent->depth + 1);
    }

  switch (node->kind)
    {
    case CURATOR_NODE_SCALAR:
      g_assert_nonnull (node->value);
      g_assert_null (node->children);
      if (!span_has_break (data, node->value_start, node->end))
        {
          const char *text = data + node->value_start;
          gsize length = node->end - node->value_start;

          if (node->style == CURATOR_NODE_STYLE_PLAIN)
            {
              g_assert_cmpmem (text, length, node->value, strlen (node->value));
              ctx->scalars_checked++;
            }
          else if (node->style == CURATOR_NODE_STYLE_SINGLE_QUOTED ||
                   node->style == CURATOR_NODE_STYLE_DOUBLE_QUOTED)
            {
              g_autofree char *decoded = NULL;

              g_assert_cmpint (text[0], ==, node->style == CURATOR_NODE_STYLE_SINGLE_QUOTED ? '\'' : '"');
              g_assert_cmpint (text[length - 1], ==, text[0]);
              decoded = decode_quoted (text, length, node->style);
              if (decoded != NULL && strlen (node->value) == strlen (decoded))
                {
                  g_assert_cmpstr (decoded, ==, node->value);
                  ctx->scalars_checked++;
                }
            }
        }
      if (node->style == CURATOR_NODE_STYLE_LITERAL || node->style == CURATOR_NODE_STYLE_FOLDED)
        {
          g_assert_true (data[node->value_start] == '|' || data[node->value_start] == '>');
          /* Ends with its last content line: no trailing blank line. */
          g_assert_true (is_break_or_end (ctx, node->end));
        }
      break;

    case CURATOR_NODE_ALIAS:
      g_assert_cmpint (data[node->start], ==, '*');
      g_assert_nonnull (node->anchor);
      break;

    case CURATOR_NODE_MAPPING:
    case CURATOR_NODE_SEQUENCE:
    default:
      {
        gsize previous_end = node->value_start;

        g_assert_nonnull (node->children);
        if (node->kind == CURATOR_NODE_MAPPING)
          g_assert_cmpuint (node->keys->len, ==, node->children->len);
        if (node->style == CURATOR_NODE_STYLE_FLOW && node->value_start < node->end &&
            (data[node->value_start] == '[' || data[node->value_start] == '{'))
          g_assert_cmpint (data[node->end - 1], ==, data[node->value_start] == '[' ? ']' : '}');

        for (guint i = 0; i < node->children->len; i++)
          {
            const CuratorNode *child = g_ptr_array_index (node->children, i);

            if (node->kind == CURATOR_NODE_MAPPING)
              {
                const CuratorNode *key = g_ptr_array_index (node->keys, i);

                check_node (ctx, key, node);
                g_assert_cmpuint (previous_end, <=, key->start);
                g_assert_cmpuint (key->end, <=, child->start);
                g_assert_true (child->key == key);
                g_assert_cmpuint (key->index, ==, i);
              }
            else
              g_assert_cmpuint (previous_end, <=, child->start);
            g_assert_cmpuint (child->index, ==, i);
            check_node (ctx, child, node);
            previous_end = child->end;
          }
        if (node->style == CURATOR_NODE_STYLE_BLOCK && node->children->len > 0)
          g_assert_cmpuint (node->end, ==, previous_end);
      }
      break;
    }
}

static void
test_hostile_inputs (void)
{
  /* Each parses or is refused with a position; none reads out of bounds
   * (the first one did, found by a fuzzer: a tag ending in NEL). */
  static const char * const inputs[] = {
    "!kkkkkkkkkkkkk+++++++++++++++++++++++++++/k+++++++++++++++++\xc2\x85" "1++++++++3: !!boolp...l1e\n",
    "!t\xc2\x85- 1", "&a", "*a", "!", "&a !t", "- !t\xe2\x80\xa8x", "{", "[", "? ", ":", "a: &",
    "\xef\xbb\xbf", "\xef\xbb\xbf- x", "a:\xc2\x85" "b", "--- |\n", "- - - -", "{a: [}", "'", "\"\\",
    "a: |\n  \xc3\xa9\n\n\n", "&a [*a, &a {}, *a]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (inputs[i], strlen (inputs[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(CuratorYamlTree) tree = curator_yaml_tree_parse (bytes, 0, strlen (inputs[i]), &error);

      if (tree != NULL)
        {
          CheckContext ctx = { g_bytes_get_data (bytes, NULL), 0, strlen (inputs[i]), 0 };
          g_autofree char *json = curator_node_to_json (tree->root, TRUE);

          check_node (&ctx, tree->root, NULL);
          g_test_message ("%u: %s", i, json);
        }
      else
        {
          g_test_message ("%u: %s", i, error->message);
          g_assert_true (g_str_has_prefix (error->message, "line "));
        }
    }
}

#ifdef HAVE_JSON_GLIB
static gboolean
json_equal (JsonNode *a,
            JsonNode *b)
{
  if (JSON_NODE_TYPE (a) != JSON_NODE_TYPE (b))
    return FALSE;

  switch (JSON_NODE_TYPE (a))
    {
    case JSON_NODE_NULL:
      return TRUE;
    case JSON_NODE_VALUE:
      {
        GType ta = json_node_get_value_type (a), tb = json_node_get_value_type (b);

        if ((ta == G_TYPE_INT64 || ta == G_TYPE_DOUBLE) && (tb == G_TYPE_INT64 || tb == G_TYPE_DOUBLE))
          return json_node_get_double (a) == json_node_get_double (b);
        if (ta != tb)
          return FALSE;
        if (ta == G_TYPE_STRING)
          return g_strcmp0 (json_node_get_string (a), json_node_get_string (b)) == 0;
        if (ta == G_TYPE_BOOLEAN)
          return json_node_get_boolean (a) == json_node_get_boolean (b);
        return FALSE;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *x = json_node_get_array (a), *y = json_node_get_array (b);

        if (json_array_get_length (x) != json_array_get_length (y))
          return FALSE;
        for (guint i = 0; i < json_array_get_length (x); i++)
          if (!json_equal (json_array_get_element (x, i), json_array_get_element (y, i)))
            return FALSE;
        return TRUE;
      }
    case JSON_NODE_OBJECT:
    default:
      {
        JsonObject *x = json_node_get_object (a), *y = json_node_get_object (b);
        g_autoptr(GList) members = json_object_get_members (x);

        if (json_object_get_size (x) != json_object_get_size (y))
          return FALSE;
        for (GList *l = members; l != NULL; l = l->next)
          if (!json_object_has_member (y, l->data) ||
              !json_equal (json_object_get_member (x, l->data), json_object_get_member (y, l->data)))
            return FALSE;
        return TRUE;
      }
    }
}
#endif

typedef struct
{
  guint files;
  guint parsed;
  guint refused;
  guint scalars_checked;
  guint json_compared;
  guint json_skipped;
  guint json_differs;
  /* Front matters whose text was copied into libyaml's buffer. */
  guint copied;
  GString *refusals;
  /* Also check our JSON with json-glib: that it is JSON, and equal to
   * the yaml-test-suite's in.json where there is one. */
  gboolean check_json;
} CorpusStats;

static void
check_tree (CorpusStats *stats,
            const char  *path,
            GBytes      *bytes,
            gsize        start,
            gsize        end,
            const char  *expected_json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CuratorYamlTree) tree = NULL;
  CheckContext ctx = { 0 };
  g_autofree char *json = NULL;

  stats->files++;
  if (assert_same_events_as_libyaml ((const char *) g_bytes_get_data (bytes, NULL) + start, end - start))
    stats->copied++;
  tree = curator_yaml_tree_parse (bytes, start, end, &error);
  if (tree == NULL)
    {
      /* Every refusal says where. */
      g_assert_nonnull (error);
      g_assert_true (g_str_has_prefix (error->message, "line ") || error->code == CURATOR_ERROR_TOO_LARGE);
      stats->refused++;
      if (stats->refusals != NULL)
        g_string_append_printf (stats->refusals, "%s: %s\n", path, error->message);
      return;
    }

  stats->parsed++;
  ctx.data = g_bytes_get_data (bytes, NULL);
  ctx.fm_start = start;
  ctx.fm_end = end;
  check_node (&ctx, tree->root, NULL);
  stats->scalars_checked += ctx.scalars_checked;

  json = curator_node_to_json (tree->root, FALSE);
  g_assert_nonnull (json);
  if (!stats->check_json)
    return;

#ifdef HAVE_JSON_GLIB
  {
    g_autoptr(JsonParser) ours = json_parser_new ();

    if (!json_parser_load_from_data (ours, json, -1, &error))
      g_error ("%s: invalid JSON output: %s\n%s", path, error->message, json);

    if (expected_json != NULL)
      {
        g_autoptr(JsonParser) theirs = json_parser_new ();

        if (json_parser_load_from_data (theirs, expected_json, -1, NULL) &&
            json_parser_get_root (theirs) != NULL)
          {
            if (!json_equal (json_parser_get_root (ours), json_parser_get_root (theirs)))
              {
                g_test_message ("%s: JSON differs\nours:   %s\nsuite:  %s", path, json, expected_json);
                stats->json_differs++;
              }
            stats->json_compared++;
          }
        else
          stats->json_skipped++;
      }
  }
#else
  g_assert_not_reached ();
#endif
}

static void
walk_markdown (CorpusStats *stats,
               const char  *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      char *contents;
      gsize length;
      g_autoptr(GBytes) bytes = NULL;
      CuratorFrontMatterSplit split;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          walk_markdown (stats, path);
          continue;
        }
      if (!g_str_has_suffix (name, ".md") || !g_file_get_contents (path, &contents, &length, NULL))
        continue;
      bytes = g_bytes_new_take (contents, length);
      if (!curator_front_matter_split (contents, length, &split, NULL) ||
          split.kind != CURATOR_FRONT_MATTER_YAML)
        continue;
      check_tree (stats, path, bytes, split.front_matter_start, split.front_matter_end, NULL);
    }
}

static void
test_corpus_sites (void)
{
  const char *sites[] = { "medigy", "hugodocs" };

  if (curator_test_corpus_dir () == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (sites); i++)
    {
      g_autofree char *dir = curator_test_corpus_path (sites[i], NULL);
      CorpusStats stats = { 0 };

      stats.refusals = g_string_new (NULL);
      walk_markdown (&stats, dir);
      g_test_message ("%s: %u front matters, %u parsed, %u refused, %u scalars re-decoded, "
                      "%u copied into libyaml's buffer\n%s",
                      sites[i], stats.files, stats.parsed, stats.refused, stats.scalars_checked,
                      stats.copied, stats.refusals->str);
      g_string_free (stats.refusals, TRUE);
      g_assert_cmpuint (stats.files, >, 0);
      /* Real sites: everything parses. */
      g_assert_cmpuint (stats.refused, ==, 0);
      g_assert_cmpuint (stats.scalars_checked, >, stats.files);
      /* Real sites hold nothing libyaml's reader refuses. */
      if (curator_yaml_parser_knows_fields ())
        g_assert_cmpuint (stats.copied, ==, stats.files);
    }
}

/* yaml-test-suite cases where the JSON comparison does not apply: libyaml
 * 0.2.5 reads them differently from the spec, or the expected JSON uses a
 * typing Curator deliberately does not (noted per case). */
static const char * const json_skip[] = {
  "Y2GN",     /* "&an:chor": libyaml ends anchor names at ':' */
  "JEF9/02",  /* "|+" keeping a whitespace-only last line at EOF: libyaml drops it */
  "L24T/01",  /* "|+" with a trailing "  " line at EOF: libyaml drops the last break */
  NULL
};

static void
walk_test_suite (CorpusStats *stats,
                 const char  *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autofree char *in_yaml = g_build_filename (dir, "in.yaml", NULL);
  const char *name;

  if (d == NULL)
    return;

  if (g_file_test (in_yaml, G_FILE_TEST_EXISTS))
    {
      g_autofree char *in_json = g_build_filename (dir, "in.json", NULL);
      g_autofree char *error_file = g_build_filename (dir, "error", NULL);
      g_autofree char *expected = NULL;
      g_autofree char *base = g_path_get_basename (dir);
      g_autofree char *case_id = NULL;
      char *contents;
      gsize length;
      g_autoptr(GBytes) bytes = NULL;
      gboolean skip_json = FALSE;

      if (g_file_get_contents (in_yaml, &contents, &length, NULL))
        {
          bytes = g_bytes_new_take (contents, length);
          case_id = g_strstr_len (dir, -1, "yaml-test-suite/") != NULL
            ? g_strdup (strstr (dir, "yaml-test-suite/") + strlen ("yaml-test-suite/"))
            : g_strdup (base);
          for (guint i = 0; json_skip[i] != NULL; i++)
            if (g_str_equal (json_skip[i], case_id))
              skip_json = TRUE;
          if (!skip_json && !g_file_test (error_file, G_FILE_TEST_EXISTS))
            g_file_get_contents (in_json, &expected, NULL, NULL);
          check_tree (stats, case_id, bytes, 0, length, expected);
        }
    }

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        walk_test_suite (stats, path);
    }
}

static void
test_corpus_yaml_test_suite (void)
{
  g_autofree char *dir = NULL;
  CorpusStats stats = { 0 };

  if (curator_test_corpus_dir () == NULL)
    return;
  dir = curator_test_corpus_path ("yaml-test-suite", NULL);

  stats.refusals = g_string_new (NULL);
  walk_test_suite (&stats, dir);
  g_test_message ("yaml-test-suite: %u cases, %u parsed, %u refused, %u scalars re-decoded, "
                  "%u copied into libyaml's buffer\n%s",
                  stats.files, stats.parsed, stats.refused, stats.scalars_checked,
                  stats.copied, stats.refusals->str);
  g_string_free (stats.refusals, TRUE);
  g_assert_cmpuint (stats.files, >=, 350);
  g_assert_cmpuint (stats.parsed, >, stats.files / 2);
  if (curator_yaml_parser_knows_fields ())
    g_assert_cmpuint (stats.copied, >, stats.files / 2);
}

/* Our JSON, read by json-glib: JSON on every front matter of the sites,
 * and equal to the yaml-test-suite's in.json. */
static void
test_corpus_json (void)
{
#ifdef HAVE_JSON_GLIB
  const char *sites[] = { "medigy", "hugodocs" };
  g_autofree char *suite = NULL;
  CorpusStats stats = { .check_json = TRUE };

  if (curator_test_corpus_dir () == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (sites); i++)
    {
      g_autofree char *dir = curator_test_corpus_path (sites[i], NULL);

      walk_markdown (&stats, dir);
    }
  g_test_message ("%u front matters of the sites, all valid JSON", stats.parsed);
  g_assert_cmpuint (stats.parsed, >, 100);

  memset (&stats, 0, sizeof stats);
  stats.check_json = TRUE;
  suite = curator_test_corpus_path ("yaml-test-suite", NULL);
  walk_test_suite (&stats, suite);
  g_test_message ("yaml-test-suite: %u JSON compared (%u differ), %u not comparable (several documents)",
                  stats.json_compared, stats.json_differs, stats.json_skipped);
  g_assert_cmpuint (stats.json_compared, >, 100);
  g_assert_cmpuint (stats.json_differs, ==, 0);
#else
  curator_test_skip_missing ("json-glib", "our JSON is not compared with the yaml-test-suite's "
                             "(libjson-glib-dev was not found when the tests were built)");
#endif
}

/* Parsing reuses each thread's last libyaml parser: a parse must come out
 * the same after any other, whatever state that one left the parser in
 * (an error, a builder refusal in the middle of the stream, tag
 * directives, a long scalar that grew libyaml's queues). */

static void
append_node_digest (GString           *out,
                    const CuratorNode *node)
{
  g_string_append_printf (out, "(%d %u:%u %" G_GSIZE_FORMAT "-%" G_GSIZE_FORMAT " %s %s %s",
                          node->kind, node->line, node->column, node->start, node->end,
                          node->value ? node->value : "-", node->tag ? node->tag : "-",
                          node->anchor ? node->anchor : "-");
  for (guint i = 0; node->children != NULL && i < node->children->len; i++)
    {
      if (node->keys != NULL)
        append_node_digest (out, g_ptr_array_index (node->keys, i));
      append_node_digest (out, g_ptr_array_index (node->children, i));
    }
  g_string_append_c (out, ')');
}

static char *
parse_digest (const char *yaml)
{
  g_autoptr(GBytes) bytes = g_bytes_new (yaml, strlen (yaml));
  g_autoptr(GError) error = NULL;
  g_autoptr(CuratorYamlTree) tree = curator_yaml_tree_parse (bytes, 0, strlen (yaml), &error);
  g_autoptr(CuratorFolderIndexEntry) entry = NULL;
  g_autofree char *file = g_strconcat ("---\n", yaml, "\n---\nbody\n", NULL);
  GString *out = g_string_new (NULL);

  if (tree != NULL)
    append_node_digest (out, tree->root);
  else
    g_string_append (out, error->message);

  /* The folder index parses with the same spare parser. */
  entry = curator_folder_index_entry_new_from_data ("x.md", file, strlen (file));
  g_string_append_printf (out, " | %s %s", entry->title ? entry->title : "-",
                          entry->error ? entry->error->message : "-");
  return g_string_free (out, FALSE);
}

static gpointer
parse_digest_thread (gpointer data)
{
  return parse_digest (data);
}

static void
test_parser_reuse (void)
{
  GString *deep = g_string_new ("a: ");
  GString *long_flow = g_string_new ("a: [");
  g_autoptr(GPtrArray) inputs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) fresh = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < 70; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (long_flow, "{k%u: v}, ", i);
  g_string_append (long_flow, "z]\ntitle: after");

  g_ptr_array_add (inputs, g_strdup ("title: One\ntags: [a, b]\n"));
  g_ptr_array_add (inputs, g_strdup ("title: Two\na: [1, 2\nb: 3\n"));
  g_ptr_array_add (inputs, g_strdup ("%TAG !e! tag:example.com,2000:\n---\ntitle: !e!x Three\n"));
  g_ptr_array_add (inputs, g_strdup ("%TAG !e! tag:example.com,2000:\n---\ntitle: [unclosed\n"));
  g_ptr_array_add (inputs, g_strdup ("title: Four\nx:\n  a: 1\n  a: 2\n  b: [3, 4, 5]\n"));
  g_ptr_array_add (inputs, g_string_free (g_steal_pointer (&deep), FALSE));
  g_ptr_array_add (inputs, g_string_free (g_steal_pointer (&long_flow), FALSE));
  g_ptr_array_add (inputs, g_strdup ("title: &t Five\ncopy: *t\nlist:\n- 'q'\n- \"d\"\n- |\n  block\n"));
  g_ptr_array_add (inputs, g_strdup ("title: Six\n---\nsecond: document\n"));
  g_ptr_array_add (inputs, g_strdup ("\xef\xbb\xbftitle: Seven\r\nnext: line\r\n"));
  g_ptr_array_add (inputs, g_strdup ("title: Eight\nbad: \x01\n"));
  g_ptr_array_add (inputs, g_strdup (""));

  /* Each on a thread of its own: a new parser. */
  for (guint i = 0; i < inputs->len; i++)
    g_ptr_array_add (fresh, g_thread_join (g_thread_new ("parse", parse_digest_thread,
                                                          g_ptr_array_index (inputs, i))));

  /* Then all on this thread, each after every other. */
  for (guint round = 0; round < 3; round++)
    for (guint i = 0; i < inputs->len; i++)
      for (guint j = 0; j < inputs->len; j++)
        {
          g_autofree char *before = parse_digest (g_ptr_array_index (inputs, i));
          g_autofree char *after = parse_digest (g_ptr_array_index (inputs, j));

          g_assert_cmpstr (before, ==, g_ptr_array_index (fresh, i));
          g_assert_cmpstr (after, ==, g_ptr_array_index (fresh, j));
        }
}

static void
test_parser_input (void)
{
  static const struct
  {
    const char *text;
    gsize       length; /* 0: strlen() */
    gboolean    copied;
  } inputs[] = {
    { "title: Plain\ntags: [a, b]\n", 0, TRUE },
    { "", 0, TRUE },
    { "a:\tb\r\nc: 'd'\r\n", 0, TRUE },
    { "a: b\rc: d\r", 0, TRUE },
    /* NEL, LS and PS: line breaks to libyaml. */
    { "a: b\xc2\x85" "c: d\xe2\x80\xa8" "e: f\xe2\x80\xa9" "g: h", 0, TRUE },
    /* The edges of the ranges YAML allows. */
    { "a: \xc2\xa0\xed\x9f\xbf\xee\x80\x80\xef\xbf\xbd\xf0\x90\x80\x80\xf4\x8f\xbf\xbf\n", 0, TRUE },
    { "\xef\xbb\xbf" "a: b\n", 0, TRUE },
    { "a: \xef\xbb\xbf" "b\n", 0, TRUE },
    { "a: \"\xc3\xa9t\xc3\xa9\"\nb: \xe2\x9c\x93\n", 0, TRUE },
    { "a: [1, 2\nb: 3\n", 0, TRUE },
    { "%TAG !e! tag:example.com,2000:\n---\na: !e!x &n b\nc: *n\n", 0, TRUE },
    { "a: b\n---\nc: d\n...\n", 0, TRUE },
    /* What libyaml's reader refuses, with its own message and place. */
    { "a: \xc2\x80\n", 0, FALSE },
    { "a: \xc2\x9f\n", 0, FALSE },
    { "a: b\x7f\n", 0, FALSE },
    { "a: \x01\n", 0, FALSE },
    { "a: b\x0b\n", 0, FALSE },
    { "a: \xef\xbf\xbe\n", 0, FALSE },
    { "a: \xef\xbf\xbf\n", 0, FALSE },
    { "a: \xed\xa0\x80\n", 0, FALSE },
    { "a: \xc0\xaf\n", 0, FALSE },
    { "a: \xf4\x90\x80\x80\n", 0, FALSE },
    { "a: \xe2\x80", 0, FALSE },
    { "a: \x80\n", 0, FALSE },
    { "a: b\0c\n", 7, FALSE },
  };
  static const gsize lengths[] = { 16383, 16384, 16385, 49150, 49151, 49152, 49153, 300000 };

  if (!curator_yaml_parser_knows_fields ())
    {
      g_test_skip ("this libyaml is not 0.2: its input is always read by its own reader");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      gsize length = inputs[i].length ? inputs[i].length : strlen (inputs[i].text);

      g_test_message ("input %u", i);
      g_assert_cmpint (assert_same_events_as_libyaml (inputs[i].text, length), ==, inputs[i].copied);
    }

  /* A character of each kind at each place in and around a block of 16
   * bytes, as the text is checked. */
  for (guint at = 3; at < 40; at++)
    {
      static const char *odd[] = { "\xc3\xa9", "\xf0\x9f\x98\x80", "\t", "\r\n", "\x1f", "\xc2\x85", "\xef\xbf\xbe" };

      for (guint k = 0; k < G_N_ELEMENTS (odd); k++)
        {
          g_autoptr(GString) text = g_string_new ("a: ");

          while (text->len < at)
            g_string_append_c (text, 'x');
          g_string_append (text, odd[k]);
          g_string_append (text, "yz\nb: [c, d]\n");
          g_assert_cmpint (assert_same_events_as_libyaml (text->str, text->len), ==,
                           odd[k][0] != '\x1f' && odd[k][0] != '\xef');
        }
    }

  /* Long text, around the sizes of libyaml's reader (blocks of 16 KB
   * decoded into a buffer of 48 KB) and beyond, with multi-byte characters
   * (more bytes than characters) or without. A buffer grown for it is not
   * kept: the next parse copies into a new parser's. */
  for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
    for (guint wide = 0; wide < 2; wide++)
      {
        gsize length = lengths[i];
        g_autoptr(GString) text = g_string_new ("a: \"");

        while (text->len < length - 2)
          g_string_append (text, wide && text->len + 2 < length - 2 ? "\xc3\xa9" : "x");
        g_string_append (text, "\"\n");
        g_assert_cmpuint (text->len, ==, length);
        g_assert_true (assert_same_events_as_libyaml (text->str, text->len));
        g_assert_true (assert_same_events_as_libyaml (inputs[0].text, strlen (inputs[0].text)));
      }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/yaml-tree/edge/plain-multiline", test_plain_multiline);
  g_test_add_func ("/yaml-tree/edge/block-scalars", test_block_scalars);
  g_test_add_func ("/yaml-tree/edge/block-nested-eof", test_block_nested_eof);
  g_test_add_func ("/yaml-tree/edge/quoted", test_quoted);
  g_test_add_func ("/yaml-tree/edge/flow", test_flow);
  g_test_add_func ("/yaml-tree/edge/comments", test_comments);
  g_test_add_func ("/yaml-tree/edge/crlf", test_crlf);
  g_test_add_func ("/yaml-tree/edge/bom", test_bom);
  g_test_add_func ("/yaml-tree/edge/tabs", test_tabs);
  g_test_add_func ("/yaml-tree/edge/utf8", test_utf8);
  g_test_add_func ("/yaml-tree/edge/anchor-tag", test_anchor_tag);
  g_test_add_func ("/yaml-tree/edge/empty-values", test_empty_values);
  g_test_add_func ("/yaml-tree/edge/sequence-indent", test_sequence_indent);
  g_test_add_func ("/yaml-tree/edge/misc", test_misc);
  g_test_add_func ("/yaml-tree/edge/cr-only", test_cr_only);
  g_test_add_func ("/yaml-tree/edge/document-end", test_document_end);
  g_test_add_func ("/yaml-tree/edge/long-key", test_long_key);
  g_test_add_func ("/yaml-tree/edge/nel", test_nel);
  g_test_add_func ("/yaml-tree/edge/refusals", test_edge_refusals);
  g_test_add_func ("/yaml-tree/edge/front-matter-in-file", test_front_matter_in_file);
  g_test_add_func ("/yaml-tree/refusals", test_refusals);
  g_test_add_func ("/yaml-tree/positions-in-file", test_positions_in_file);
  g_test_add_func ("/yaml-tree/empty-and-odd-roots", test_empty_and_odd_roots);
  g_test_add_func ("/yaml-tree/aliases", test_aliases);
  g_test_add_func ("/yaml-tree/flow-pair", test_flow_pair);
  g_test_add_func ("/yaml-tree/long-values", test_long_values);
  g_test_add_func ("/yaml-tree/hostile-inputs", test_hostile_inputs);
  g_test_add_func ("/yaml-tree/parser-reuse", test_parser_reuse);
  g_test_add_func ("/yaml-tree/parser-input", test_parser_input);
  g_test_add_func ("/yaml-tree/corpus/sites", test_corpus_sites);
  g_test_add_func ("/yaml-tree/corpus/yaml-test-suite", test_corpus_yaml_test_suite);
  g_test_add_func ("/yaml-tree/corpus/json", test_corpus_json);

  return g_test_run ();
}
