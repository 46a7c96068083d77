/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The edit invariants of lossless-yaml.md on every file of a corpus folder,
 * in process through the model API:
 *  - a no-op serialize is byte-identical;
 *  - setting a scalar leaf to plain text, text with ": ", " #" and quotes,
 *    non-ASCII text and a 120-character sentence changes only that value's
 *    lines, and the result re-parses (our tree) to the old data with only
 *    that value changed;
 *  - setting the old single-line value back restores the original bytes;
 *  - two edits (the first and the last leaf) give the same bytes in either
 *    order;
 *  - for a deterministic sample, an independent parser (PyYAML, Debian's
 *    python3-yaml) agrees that only that value changed.
 *
 * Usage: test-corpus-edits FOLDER [SHARD N_SHARDS] (files i with i % N_SHARDS == SHARD). */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "curator-model.h"

#include "curator-test-corpus.h"
#include "curator-test-utils.h"

#define LARGE_FRONT_MATTER (10 * 1024)
#define LARGE_SAMPLE       50
/* One file in PYYAML_EVERY (and one leaf of it) goes to the PyYAML check. */
#define PYYAML_EVERY       5
#define PYYAML_MAX_SIZE    (64 * 1024)

static const char *folder;
static guint shard;
static guint n_shards = 1;

static const char *edit_values[4];

typedef struct
{
  char              *key_path;
  char              *value;
  CuratorScalarType  type;
  gsize              start;
  gsize              end;
  CuratorNodeStyle   style;
  gboolean           single_line;
  gboolean           restorable;
  gboolean           anchored;
} Leaf;

static void
leaf_free (Leaf *leaf)
{
  g_free (leaf->key_path);
  g_free (leaf->value);
  g_free (leaf);
}

static gboolean
span_is_single_line (const char *data,
                     gsize       start,
                     gsize       end)
{
  for (gsize i = start; i < end; i++)
    if (data[i] == '\n' || data[i] == '\r')
      return FALSE;
  return TRUE;
}

static void
collect_leaves (const CuratorNode *node,
                const char        *data,
                gboolean           in_anchor,
                GPtrArray         *leaves)
{
  guint n;

  in_anchor = in_anchor || curator_node_get_anchor (node) != NULL;

  switch (curator_node_get_kind (node))
    {
    case CURATOR_NODE_SCALAR:
      {
        Leaf *leaf = g_new0 (Leaf, 1);

        leaf->key_path = curator_node_dup_key_path (node);
        leaf->value = g_strdup (curator_node_get_value (node));
        leaf->type = curator_node_get_scalar_type (node);
        leaf->start = curator_node_get_start (node);
        leaf->end = curator_node_get_end (node);
        leaf->style = curator_node_get_style (node);
        leaf->single_line = span_is_single_line (data, leaf->start, leaf->end);
        /* The model writes a value set back to its loaded one with its
         * loaded spelling (escapes, tabs, tags, an empty null). */
        leaf->restorable = leaf->single_line;
        leaf->anchored = in_anchor;
        g_ptr_array_add (leaves, leaf);
      }
      break;

    case CURATOR_NODE_MAPPING:
    case CURATOR_NODE_SEQUENCE:
      n = curator_node_get_n_children (node);
      for (guint i = 0; i < n; i++)
        collect_leaves (curator_node_get_child (node, i), data, in_anchor, leaves);
      break;

    case CURATOR_NODE_ALIAS:
    default:
      break;
    }
}

static gsize
line_start_of (const char *data,
               gsize       offset)
{
  while (offset > 0 && data[offset - 1] != '\n' && data[offset - 1] != '\r')
    offset--;
  return offset;
}

static gsize
line_end_of (const char *data,
             gsize       length,
             gsize       offset)
{
  while (offset < length && data[offset] != '\n' && data[offset] != '\r')
    offset++;
  return offset;
}

/* The bytes after the leaf's last line: for a block scalar the blank lines
 * that follow belong to it (libyaml's span covers them). */
static gsize
after_leaf_lines (const char *data,
                  gsize       length,
                  const Leaf *leaf)
{
  gsize end = line_end_of (data, length, leaf->end);

  if (leaf->style == CURATOR_NODE_STYLE_LITERAL || leaf->style == CURATOR_NODE_STYLE_FOLDED)
    {
      for (;;)
        {
          gsize next = end;
          gsize line_end;
          gboolean blank = TRUE;

          if (next < length && data[next] == '\r')
            next++;
          if (next < length && data[next] == '\n')
            next++;
          if (next >= length)
            break;
          line_end = line_end_of (data, length, next);
          for (gsize i = next; i < line_end; i++)
            if (data[i] != ' ' && data[i] != '\t')
              blank = FALSE;
          if (!blank)
            break;
          end = line_end;
        }
    }

  return end;
}

/* Same data in both trees, except that @target (a node of @old_node's tree)
 * now holds @value as a string. */
static gboolean
same_data_except (const CuratorNode *old_node,
                  const CuratorNode *new_node,
                  const CuratorNode *target,
                  const char        *value,
                  GString           *why)
{
  CuratorNodeKind kind = curator_node_get_kind (old_node);
  guint n;

  if (old_node == target)
    {
      if (curator_node_get_kind (new_node) != CURATOR_NODE_SCALAR ||
          g_strcmp0 (curator_node_get_value (new_node), value) != 0 ||
          curator_node_get_scalar_type (new_node) != CURATOR_SCALAR_STRING)
        {
          g_string_printf (why, "edited value reads back as “%s” (type %d)",
                           curator_node_get_value (new_node),
                           curator_node_get_scalar_type (new_node));
          return FALSE;
        }
      return TRUE;
    }

  if (curator_node_get_kind (new_node) != kind)
    {
      g_string_printf (why, "kind changed at line %u", curator_node_get_line (new_node));
      return FALSE;
    }

  switch (kind)
    {
    case CURATOR_NODE_SCALAR:
      if (g_strcmp0 (curator_node_get_value (old_node), curator_node_get_value (new_node)) != 0 ||
          curator_node_get_scalar_type (old_node) != curator_node_get_scalar_type (new_node) ||
          g_strcmp0 (curator_node_get_tag (old_node), curator_node_get_tag (new_node)) != 0)
        {
          g_string_printf (why, "scalar at line %u changed from “%s” to “%s”",
                           curator_node_get_line (new_node),
                           curator_node_get_value (old_node), curator_node_get_value (new_node));
          return FALSE;
        }
      return TRUE;

    case CURATOR_NODE_MAPPING:
    case CURATOR_NODE_SEQUENCE:
      n = curator_node_get_n_children (old_node);
      if (curator_node_get_n_children (new_node) != n)
        {
          g_string_printf (why, "collection at line %u has %u children instead of %u",
                           curator_node_get_line (new_node),
                           curator_node_get_n_children (new_node), n);
          return FALSE;
        }
      for (guint i = 0; i < n; i++)
        {
          if (kind == CURATOR_NODE_MAPPING &&
              g_strcmp0 (curator_node_get_key (old_node, i), curator_node_get_key (new_node, i)) != 0)
            {
              g_string_printf (why, "key “%s” became “%s”",
                               curator_node_get_key (old_node, i), curator_node_get_key (new_node, i));
              return FALSE;
            }
          if (!same_data_except (curator_node_get_child (old_node, i),
                                 curator_node_get_child (new_node, i),
                                 target, value, why))
            return FALSE;
        }
      return TRUE;

    case CURATOR_NODE_ALIAS:
    default:
      return TRUE;
    }
}

static void
append_key_segments (GString    *manifest,
                     const char *key_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) segments = curator_key_path_parse (key_path, &error);

  g_assert_no_error (error);
  g_string_append_c (manifest, '[');
  for (guint i = 0; i < segments->len; i++)
    {
      CuratorKeyPathSegment *segment = g_ptr_array_index (segments, i);

      if (i > 0)
        g_string_append_c (manifest, ',');
      if (segment->key != NULL)
        curator_test_append_json_string (manifest, segment->key);
      else
        g_string_append_printf (manifest, "%u", segment->index);
    }
  g_string_append_c (manifest, ']');
}

typedef struct
{
  guint commutes;
  guint files;
  guint refused_files;
  guint edits;
  guint refused_edits;
  guint restores;
  guint pyyaml_cases;
} Counts;

static void
test_file (const char *path,
           guint       file_index,
           const char *pyyaml_dir,
           GString    *manifest,
           Counts     *counts)
{
  g_autoptr(GBytes) original = curator_test_corpus_read (path);
  g_autoptr(CuratorDocument) document = curator_document_new (NULL);
  g_autoptr(CuratorDocument) before = NULL;
  g_autoptr(GPtrArray) leaves = g_ptr_array_new_with_free_func ((GDestroyNotify) leaf_free);
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *original_copy = NULL;
  CuratorFrontMatterSplit split;
  const char *data;
  gsize length;
  guint step = 1, n_tested = 0;
  gboolean pyyaml_file;

  data = g_bytes_get_data (original, &length);
  counts->files++;

  g_assert_true (curator_document_load_from_bytes (document, original, &error));
  g_assert_no_error (error);

  /* Invariant 1: a no-op save is byte-identical, refused files included. */
  saved = curator_document_serialize (document);
  if (!g_bytes_equal (saved, original))
    g_error ("%s: a no-op serialize changed the bytes", path);

  if (curator_document_get_load_error (document) != NULL)
    {
      g_test_message ("%s: refused: %s", path, curator_document_get_load_error (document)->message);
      counts->refused_files++;
      return;
    }

  /* The reference tree: a document of the original bytes, never edited. */
  before = curator_document_new (NULL);
  g_assert_true (curator_document_load_from_bytes (before, original, NULL));

  g_assert_true (curator_front_matter_split (data, length, &split, NULL));
  collect_leaves (curator_document_get_root (document), data, FALSE, leaves);
  if (split.front_matter_end - split.front_matter_start >= LARGE_FRONT_MATTER &&
      leaves->len > LARGE_SAMPLE)
    step = leaves->len / LARGE_SAMPLE;

  /* Invariant 5: two edits commute (the first and the last leaf). */
  if (leaves->len >= 2)
    {
      const Leaf *first = g_ptr_array_index (leaves, 0);
      const Leaf *last = g_ptr_array_index (leaves, leaves->len - 1);

      if (!first->anchored && !last->anchored)
        {
          g_autoptr(CuratorDocument) one_way = curator_document_new (NULL);
          g_autoptr(CuratorDocument) other_way = curator_document_new (NULL);
          g_autoptr(GBytes) one_bytes = NULL;
          g_autoptr(GBytes) other_bytes = NULL;

          g_assert_true (curator_document_load_from_bytes (one_way, original, NULL));
          g_assert_true (curator_document_load_from_bytes (other_way, original, NULL));
          g_assert_true (curator_document_set_value (one_way, first->key_path, edit_values[2], CURATOR_SCALAR_AUTO, NULL));
          g_assert_true (curator_document_set_value (one_way, last->key_path, edit_values[3], CURATOR_SCALAR_AUTO, NULL));
          g_assert_true (curator_document_set_value (other_way, last->key_path, edit_values[3], CURATOR_SCALAR_AUTO, NULL));
          g_assert_true (curator_document_set_value (other_way, first->key_path, edit_values[2], CURATOR_SCALAR_AUTO, NULL));
          one_bytes = curator_document_serialize (one_way);
          other_bytes = curator_document_serialize (other_way);
          if (!g_bytes_equal (one_bytes, other_bytes))
            g_error ("%s: setting %s and %s gives other bytes in the other order",
                     path, first->key_path, last->key_path);
          counts->commutes++;
        }
    }

  pyyaml_file = manifest != NULL && file_index % PYYAML_EVERY == 0 && length <= PYYAML_MAX_SIZE;
  if (pyyaml_file)
    {
      original_copy = g_strdup_printf ("%s/%u-original.md", pyyaml_dir, file_index);
      g_file_set_contents (original_copy, data, length, &error);
      g_assert_no_error (error);
    }

  for (guint l = 0; l < leaves->len && n_tested < (step > 1 ? LARGE_SAMPLE : G_MAXUINT); l += step, n_tested++)
    {
      const Leaf *leaf = g_ptr_array_index (leaves, l);
      gsize prefix = line_start_of (data, leaf->start);
      gsize suffix_start = after_leaf_lines (data, length, leaf);
      gsize suffix = length - suffix_start;

      for (guint v = 0; v < G_N_ELEMENTS (edit_values); v++)
        {
          const char *value = edit_values[v];
          g_autoptr(GBytes) edited = NULL;
          g_autoptr(GBytes) restored = NULL;
          g_autoptr(GString) why = g_string_new (NULL);
          const CuratorNode *old_target;
          const char *new_data;
          gsize new_length;

          g_clear_error (&error);
          counts->edits++;

          old_target = curator_document_lookup (before, leaf->key_path, &error);
          g_assert_no_error (error);

          if (!curator_document_set_value (document, leaf->key_path, value, CURATOR_SCALAR_AUTO, &error))
            {
              g_autoptr(GBytes) unchanged = curator_document_serialize (document);

              /* A refusal leaves the bytes alone, and only an edit through
               * an anchor may be refused. */
              g_assert_true (g_bytes_equal (unchanged, original));
              if (!leaf->anchored)
                g_error ("%s: setting %s to “%s” was refused: %s",
                         path, leaf->key_path, value, error->message);
              counts->refused_edits++;
              continue;
            }

          edited = curator_document_serialize (document);
          new_data = g_bytes_get_data (edited, &new_length);

          /* Invariant 2: only the value's lines changed. */
          if (new_length < prefix + suffix ||
              memcmp (new_data, data, prefix) != 0 ||
              memcmp (new_data + new_length - suffix, data + suffix_start, suffix) != 0)
            {
              g_autofree char *excerpt = g_strndup (new_data + prefix,
                                                    MIN (new_length - prefix, 300));
              g_error ("%s: setting %s (line %u) to “%s” changed bytes outside its lines:\n%s",
                       path, leaf->key_path, curator_node_get_line (old_target), value, excerpt);
            }

          /* Invariant 3: the new bytes parse to the old data with only
           * this value changed. */
          /* The document's tree after an edit is a parse of the patched
           * bytes; every 8th edit is also loaded afresh from the bytes. */
          {
            g_autoptr(CuratorDocument) reloaded = NULL;
            CuratorDocument *check = document;

            if (counts->edits % 8 == 0)
              {
                reloaded = curator_document_new (NULL);
                g_assert_true (curator_document_load_from_bytes (reloaded, edited, NULL));
                if (curator_document_get_load_error (reloaded) != NULL)
                  g_error ("%s: after setting %s to “%s” the file does not parse: %s",
                           path, leaf->key_path, value,
                           curator_document_get_load_error (reloaded)->message);
                check = reloaded;
              }
            if (!same_data_except (curator_document_get_root (before),
                                   curator_document_get_root (check),
                                   old_target, value, why))
              g_error ("%s: after setting %s to “%s”: %s", path, leaf->key_path, value, why->str);
          }

          if (pyyaml_file && l == (leaves->len / 2 / step) * step)
            {
              g_autofree char *edited_copy = g_strdup_printf ("%s/%u-%u.md", pyyaml_dir, file_index, v);

              g_file_set_contents (edited_copy, new_data, new_length, &error);
              g_assert_no_error (error);
              g_string_append (manifest, "{\"source\": ");
              curator_test_append_json_string (manifest, path);
              g_string_append (manifest, ", \"original\": ");
              curator_test_append_json_string (manifest, original_copy);
              g_string_append (manifest, ", \"edited\": ");
              curator_test_append_json_string (manifest, edited_copy);
              g_string_append (manifest, ", \"keys\": ");
              append_key_segments (manifest, leaf->key_path);
              g_string_append (manifest, ", \"value\": ");
              curator_test_append_json_string (manifest, value);
              g_string_append (manifest, "}\n");
              counts->pyyaml_cases++;
            }

          /* Invariant 4: setting the old single-line value back restores
           * the bytes. Otherwise start again from the original. */
          if (leaf->restorable)
            {
              if (!curator_document_set_value (document, leaf->key_path, leaf->value, leaf->type, &error))
                g_error ("%s: setting %s back to “%s” was refused: %s",
                         path, leaf->key_path, leaf->value, error->message);
              restored = curator_document_serialize (document);
              if (!g_bytes_equal (restored, original))
                {
                  gsize r_length;
                  const char *r_data = g_bytes_get_data (restored, &r_length);
                  g_autofree char *now = g_strndup (r_data + prefix, line_end_of (r_data, r_length, prefix) - prefix);
                  g_autofree char *was = g_strndup (data + prefix, line_end_of (data, length, prefix) - prefix);

                  g_error ("%s: setting %s to “%s” and back did not restore the bytes:\n"
                           "  was: %s\n  now: %s", path, leaf->key_path, value, was, now);
                }
              counts->restores++;
            }
          else
            {
              g_clear_object (&document);
              document = curator_document_new (NULL);
              g_assert_true (curator_document_load_from_bytes (document, original, NULL));
            }
        }
    }
}

/* What the PyYAML check reads: the manifest the edits wrote, and the
 * folder of the copies it names. */
static char *pyyaml_dir;
static guint n_pyyaml_cases;

static void
test_corpus_edits (void)
{
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GString) manifest = g_string_new (NULL);
  g_autofree char *manifest_path = NULL;
  g_autoptr(GError) error = NULL;
  Counts counts = { 0 };
  gint64 started = g_get_monotonic_time ();

  if (curator_test_corpus_dir () == NULL)
    return;

  pyyaml_dir = g_dir_make_tmp ("curator-edits-XXXXXX", &error);
  g_assert_no_error (error);

  files = curator_test_corpus_files (folder);
  g_assert_cmpuint (files->len, >, 0);
  for (guint i = 0; i < files->len; i++)
    if (i % n_shards == shard)
      test_file (g_ptr_array_index (files, i), i, pyyaml_dir, manifest, &counts);

  g_test_message ("%s shard %u/%u: %u files (%u refused), %u edits (%u refused through anchors), "
                  "%u restores, %u pairs of edits commute, %.1f s",
                  folder, shard, n_shards, counts.files, counts.refused_files, counts.edits,
                  counts.refused_edits, counts.restores, counts.commutes,
                  (g_get_monotonic_time () - started) / 1e6);
  g_assert_cmpuint (counts.edits, >, 0);

  manifest_path = g_build_filename (pyyaml_dir, "manifest.jsonl", NULL);
  g_file_set_contents (manifest_path, manifest->str, manifest->len, &error);
  g_assert_no_error (error);
  n_pyyaml_cases = counts.pyyaml_cases;
}

/* An independent parser (PyYAML, Debian's python3-yaml) agrees that each
 * edit of the sample the edits above chose changed only its value. */
static void
test_pyyaml (void)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "cli", "pyyaml-compare.py", NULL);
  g_autofree char *manifest_path = NULL;
  const char *python = "/usr/bin/python3";
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  const char *check_argv[] = { python, "-c", "import yaml", NULL };

  if (curator_test_corpus_dir () == NULL)
    return;
  g_assert_nonnull (pyyaml_dir);
  g_assert_cmpuint (n_pyyaml_cases, >, 0);

  if (!g_spawn_sync (NULL, (char **) check_argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    {
      curator_test_skip_missing ("pyyaml", "%s cannot import yaml (Debian package python3-yaml): "
                                 "%u edits not checked by an independent parser", python, n_pyyaml_cases);
      return;
    }

  manifest_path = g_build_filename (pyyaml_dir, "manifest.jsonl", NULL);
  {
    const char *run_argv[] = { python, script, manifest_path, NULL };

    g_spawn_sync (NULL, (char **) run_argv, NULL, 0, NULL, NULL, &out, &err, &status, &error);
  }
  g_assert_no_error (error);
  g_test_message ("PyYAML: %s%s", out, err);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("PyYAML disagrees:\n%s%s", out, err);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *test_path = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  if (argc < 2)
    g_error ("usage: %s FOLDER [SHARD N_SHARDS]", argv[0]);
  folder = argv[1];
  if (argc >= 4)
    {
      shard = (guint) g_ascii_strtoull (argv[2], NULL, 10);
      n_shards = (guint) g_ascii_strtoull (argv[3], NULL, 10);
      g_assert_cmpuint (shard, <, n_shards);
    }

  edit_values[0] = "Curated by the editorial team";
  edit_values[1] = "Note: see \"A\" and 'B' #1 # not a comment";
  edit_values[2] = "Café Zoë — 東京 ✓ naïve façade";
  edit_values[3] = "This sentence is exactly one hundred and twenty characters long, written to test long values in front matter editing, ok";
  g_assert_cmpuint (g_utf8_strlen (edit_values[3], -1), ==, 120);

  test_path = g_strdup_printf ("/cli/corpus-edits/%s/%u", folder, shard);
  g_test_add_func (test_path, test_corpus_edits);
  g_free (test_path);
  test_path = g_strdup_printf ("/cli/corpus-edits/%s/%u/pyyaml", folder, shard);
  g_test_add_func (test_path, test_pyyaml);

  status = g_test_run ();
  if (pyyaml_dir != NULL)
    curator_test_remove_tree (pyyaml_dir);
  return status;
}
