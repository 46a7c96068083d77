/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target over the whole model: split, parse, one edit chosen from
 * the input bytes, serialize. Invariants (abort on violation):
 *  - nothing crashes (ASan/UBSan catch the rest);
 *  - a serialize without edits gives back the input bytes;
 *  - an edit either is refused, with an error and the bytes unchanged, or
 *    gives bytes that load again with editable front matter (and, for a
 *    scalar set, read back the value that was set).
 * Built as a libFuzzer binary (clang, -Dfuzzing=true) and, with
 * curator-fuzz-replay.c, as a plain program that replays files. */
#include "config.h"

#include <string.h>

#include "curator-model.h"

#include "curator-fuzz.h"

static const char * const fuzz_values[] = {
  "plain text",
  "",
  "a: b # c",
  "'quoted' \"double\"",
  "- item",
  "line one\nline two",
  "Café ✓",
  "123",
  "true",
  "null",
  "  padded  ",
  "[x]",
};

static const char * const fuzz_json[] = {
  "[\"a\", \"b\"]",
  "{\"k\": 1, \"l\": [true, null]}",
  "[]",
  "{}",
  "\"text\"",
  "42",
};

typedef struct
{
  const guint8 *data;
  gsize         length;
  guint32       state;
} Choice;

/* Deterministic choices derived from the input bytes. */
static guint
choose (Choice *choice,
        guint   n)
{
  choice->state = choice->state * 1103515245u + 12345u;
  return n == 0 ? 0 : (choice->state >> 8) % n;
}

static void
collect_paths (const CuratorNode *node,
               GPtrArray         *paths)
{
  guint n;

  if (node == NULL)
    return;

  g_ptr_array_add (paths, curator_node_dup_key_path (node));
  if (curator_node_get_kind (node) == CURATOR_NODE_MAPPING ||
      curator_node_get_kind (node) == CURATOR_NODE_SEQUENCE)
    {
      n = curator_node_get_n_children (node);
      for (guint i = 0; i < n; i++)
        collect_paths (curator_node_get_child (node, i), paths);
    }
}

void
curator_fuzz_one_input (const guint8 *data,
                        gsize         size)
{
  g_autoptr(GBytes) input = g_bytes_new (data, size);
  g_autoptr(CuratorDocument) document = curator_document_new (NULL);
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(GError) error = NULL;
  CuratorFrontMatterSplit split;
  Choice choice = { data, size, 0x9e3779b9u };
  const char *path;
  const char *value = NULL;
  gboolean edited = FALSE;
  guint op;

  for (gsize i = 0; i < size; i++)
    choice.state = (choice.state ^ data[i]) * 16777619u;

  /* The splitter and the tree on their own, over the whole input too. */
  if (curator_front_matter_split ((const char *) data, size, &split, NULL))
    {
      g_assert_cmpuint (split.front_matter_start, <=, split.front_matter_end);
      g_assert_cmpuint (split.front_matter_end, <=, split.body_start);
      g_assert_cmpuint (split.body_start, <=, size);
    }
  {
    g_autoptr(CuratorYamlTree) tree = curator_yaml_tree_parse (input, 0, size, NULL);
  }

  if (!curator_document_load_from_bytes (document, input, &error))
    return;

  saved = curator_document_serialize (document);
  if (!g_bytes_equal (saved, input))
    g_error ("a no-op serialize changed the bytes");

  if (!curator_document_get_editable (document))
    return;

  paths = g_ptr_array_new_with_free_func (g_free);
  collect_paths (curator_document_get_root (document), paths);
  /* A key that does not exist yet: set adds it, unset refuses. */
  g_ptr_array_add (paths, g_strdup ("fuzzNewKey"));
  g_ptr_array_add (paths, g_strdup ("fuzz.new[0]"));
  path = g_ptr_array_index (paths, choose (&choice, paths->len));

  before = curator_document_serialize (document);
  op = choose (&choice, 4);
  switch (op)
    {
    case 0:
      value = fuzz_values[choose (&choice, G_N_ELEMENTS (fuzz_values))];
      edited = curator_document_set_value (document, path, value, CURATOR_SCALAR_AUTO, &error);
      break;
    case 1:
      value = fuzz_values[choose (&choice, G_N_ELEMENTS (fuzz_values))];
      edited = curator_document_set_value (document, path, value, CURATOR_SCALAR_STRING, &error);
      break;
    case 2:
      edited = curator_document_set_json (document, path,
                                          fuzz_json[choose (&choice, G_N_ELEMENTS (fuzz_json))],
                                          &error);
      value = NULL;
      break;
    case 3:
    default:
      edited = curator_document_unset (document, path, &error);
      break;
    }

  after = curator_document_serialize (document);
  if (!edited)
    {
      if (error == NULL)
        g_error ("an edit failed without an error");
      if (!g_bytes_equal (before, after))
        g_error ("a refused edit changed the bytes: %s", error->message);
      return;
    }

  g_assert_no_error (error);
  {
    g_autoptr(CuratorDocument) reloaded = curator_document_new (NULL);
    g_autoptr(GError) reload_error = NULL;
    const CuratorNode *node;

    if (!curator_document_load_from_bytes (reloaded, after, &reload_error))
      g_error ("edited bytes do not load: %s", reload_error->message);
    if (!curator_document_get_editable (reloaded))
      g_error ("edited bytes do not parse: %s",
               curator_document_get_load_error (reloaded)->message);
    if (value != NULL)
      {
        node = curator_document_lookup (reloaded, path, &reload_error);
        if (node == NULL)
          g_error ("%s is gone after setting it: %s", path, reload_error->message);
        if (curator_node_get_kind (node) == CURATOR_NODE_SCALAR &&
            g_strcmp0 (curator_node_get_value (node), value) != 0)
          g_error ("%s reads back “%s” after setting “%s”", path,
                   curator_node_get_value (node), value);
      }
  }
}
