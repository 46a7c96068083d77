/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Every case of the yaml-test-suite (corpus/yaml-test-suite/NAME/in.yaml,
 * an `error` file marking the invalid ones):
 *  - the tree never crashes, and refuses whatever libyaml refuses;
 *  - valid cases that libyaml accepts, as front matter, serialize to the
 *    same bytes and stay valid after setting each scalar leaf (or the edit
 *    is refused with an error and the bytes are unchanged);
 *  - error cases give errors wherever libyaml detects them. */
#include "config.h"

#include <string.h>
#include <yaml.h>

#include "curator-model.h"

#include "curator-test-corpus.h"

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
libyaml_accepts (const char *data,
                 gsize       length)
{
  yaml_parser_t parser;
  yaml_event_t event;
  gboolean ok = TRUE, done = FALSE;

  yaml_parser_initialize (&parser);
  yaml_parser_set_input_string (&parser, (const unsigned char *) data, length);
  while (!done)
    {
      if (!yaml_parser_parse (&parser, &event))
        {
          ok = FALSE;
          break;
        }
      done = event.type == YAML_STREAM_END_EVENT;
      yaml_event_delete (&event);
    }
  yaml_parser_delete (&parser);

  return ok;
}

/* A case can be front matter when no line of it could end the front
 * matter or is a directive. */
static gboolean
can_wrap (const char *data,
          gsize       length)
{
  gsize line_start = 0;

  for (gsize i = 0; i <= length; i++)
    {
      if (i == length || data[i] == '\n' || data[i] == '\r')
        {
          const char *line = data + line_start;
          gsize n = i - line_start;

          if ((n >= 3 && (memcmp (line, "---", 3) == 0 || memcmp (line, "...", 3) == 0)) ||
              (n >= 1 && line[0] == '%'))
            return FALSE;
          line_start = i + 1;
        }
    }

  return TRUE;
}

static void
collect_leaves (const CuratorNode *node,
                gboolean           in_anchor,
                GPtrArray         *paths)
{
  guint n;

  in_anchor = in_anchor || curator_node_get_anchor (node) != NULL ||
              curator_node_get_kind (node) == CURATOR_NODE_ALIAS;
  if (in_anchor)
    return;

  switch (curator_node_get_kind (node))
    {
    case CURATOR_NODE_SCALAR:
      if (curator_node_get_parent (node) != NULL)
        g_ptr_array_add (paths, curator_node_dup_key_path (node));
      break;
    case CURATOR_NODE_MAPPING:
    case CURATOR_NODE_SEQUENCE:
      n = curator_node_get_n_children (node);
      for (guint i = 0; i < n; i++)
        collect_leaves (curator_node_get_child (node, i), FALSE, paths);
      break;
    case CURATOR_NODE_ALIAS:
    default:
      break;
    }
}

static void
test_yaml_test_suite (void)
{
  g_autofree char *suite = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint n_cases = 0, n_error_cases = 0, n_error_cases_libyaml_accepts = 0;
  guint n_valid_libyaml_refuses = 0, n_tree_refuses_valid = 0, n_wrapped = 0;
  guint n_edits = 0, n_edits_refused = 0;

  if (curator_test_corpus_dir () == NULL)
    return;

  suite = curator_test_corpus_path ("yaml-test-suite", NULL);
  dir = g_dir_open (suite, 0, NULL);
  g_assert_nonnull (dir);
  /* NAME/in.yaml, or NAME/NN/in.yaml for a case with variants. */
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *case_dir = g_build_filename (suite, name, NULL);
      g_autofree char *direct = g_build_filename (case_dir, "in.yaml", NULL);
      g_autoptr(GDir) variants = NULL;
      const char *variant;

      if (g_file_test (direct, G_FILE_TEST_EXISTS))
        {
          g_ptr_array_add (names, g_strdup (name));
          continue;
        }
      variants = g_dir_open (case_dir, 0, NULL);
      while (variants != NULL && (variant = g_dir_read_name (variants)) != NULL)
        g_ptr_array_add (names, g_build_filename (name, variant, NULL));
    }
  g_ptr_array_sort (names, compare_names);

  for (guint c = 0; c < names->len; c++)
    {
      const char *case_name = g_ptr_array_index (names, c);
      g_autofree char *in_path = g_build_filename (suite, case_name, "in.yaml", NULL);
      g_autofree char *error_path = g_build_filename (suite, case_name, "error", NULL);
      g_autofree char *contents = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(CuratorYamlTree) tree = NULL;
      g_autoptr(GError) tree_error = NULL;
      gboolean is_error, accepted;
      gsize length;

      if (!g_file_get_contents (in_path, &contents, &length, NULL))
        continue;
      n_cases++;
      is_error = g_file_test (error_path, G_FILE_TEST_EXISTS);
      accepted = libyaml_accepts (contents, length);
      bytes = g_bytes_new (contents, length);

      tree = curator_yaml_tree_parse (bytes, 0, length, &tree_error);
      g_assert_true ((tree == NULL) == (tree_error != NULL));

      if (is_error)
        {
          n_error_cases++;
          if (accepted)
            n_error_cases_libyaml_accepts++;
          else if (tree != NULL)
            g_error ("%s: libyaml refuses this error case but the tree accepts it", case_name);
        }
      else if (!accepted)
        {
          n_valid_libyaml_refuses++;
          g_assert_null (tree);
        }
      else if (tree == NULL)
        {
          /* Refusals by design: aliases are fine, but duplicate and complex
           * keys, several documents and the caps are refused. */
          g_test_message ("%s: refused: %s", case_name, tree_error->message);
          n_tree_refuses_valid++;
        }

      if (can_wrap (contents, length))
        {
          g_autoptr(GString) wrapped = g_string_new ("---\n");
          g_autoptr(GBytes) file = NULL;
          g_autoptr(GBytes) saved = NULL;
          g_autoptr(CuratorDocument) document = curator_document_new (NULL);
          g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

          g_string_append_len (wrapped, contents, length);
          if (length > 0 && contents[length - 1] != '\n')
            g_string_append_c (wrapped, '\n');
          g_string_append (wrapped, "---\nbody\n");
          file = g_string_free_to_bytes (g_steal_pointer (&wrapped));
          n_wrapped++;

          g_assert_true (curator_document_load_from_bytes (document, file, NULL));
          saved = curator_document_serialize (document);
          g_assert_true (g_bytes_equal (saved, file));

          if (!accepted)
            {
              g_assert_false (curator_document_get_editable (document));
              continue;
            }
          if (!curator_document_get_editable (document))
            continue;

          collect_leaves (curator_document_get_root (document), FALSE, paths);
          for (guint i = 0; i < paths->len; i++)
            {
              const char *path = g_ptr_array_index (paths, i);
              g_autoptr(CuratorDocument) edit = curator_document_new (NULL);
              g_autoptr(GBytes) edited = NULL;
              g_autoptr(GError) error = NULL;

              g_assert_true (curator_document_load_from_bytes (edit, file, NULL));
              n_edits++;
              if (!curator_document_set_value (edit, path, "plain text", CURATOR_SCALAR_AUTO, &error))
                {
                  g_autoptr(GBytes) unchanged = curator_document_serialize (edit);

                  g_assert_nonnull (error);
                  g_assert_true (g_bytes_equal (unchanged, file));
                  g_test_message ("%s: setting %s refused: %s", case_name, path, error->message);
                  n_edits_refused++;
                  continue;
                }

              edited = curator_document_serialize (edit);
              {
                g_autoptr(CuratorDocument) reloaded = curator_document_new (NULL);
                const CuratorNode *node;

                g_assert_true (curator_document_load_from_bytes (reloaded, edited, NULL));
                if (!curator_document_get_editable (reloaded))
                  g_error ("%s: setting %s made the front matter invalid: %s",
                           case_name, path, curator_document_get_load_error (reloaded)->message);
                node = curator_document_lookup (reloaded, path, &error);
                g_assert_no_error (error);
                g_assert_cmpstr (curator_node_get_value (node), ==, "plain text");
              }
            }
        }
    }

  g_test_message ("%u cases: %u error cases (%u accepted by libyaml 0.2.5, so by us too), "
                  "%u valid cases libyaml refuses, %u valid cases refused by design; "
                  "%u cases as front matter, %u scalar edits (%u refused)",
                  n_cases, n_error_cases, n_error_cases_libyaml_accepts,
                  n_valid_libyaml_refuses, n_tree_refuses_valid,
                  n_wrapped, n_edits, n_edits_refused);
  g_assert_cmpuint (n_cases, >=, 402);
  g_assert_cmpuint (n_edits, >, 100);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/yaml-test-suite", test_yaml_test_suite);

  return g_test_run ();
}
