/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "curator-model.h"

#include "curator-test-corpus.h"
#include "curator-test-utils.h"

/* The file changed on disk under unsaved edits: on real Medigy items,
 * edits to other fields merge onto the new bytes, edits to the same
 * field are conflicts, and a merge is what making both edits one after
 * the other gives. */

static GBytes *
read_data (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "model", "data", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static CuratorDocument *
load (GBytes *bytes)
{
  CuratorDocument *document = curator_document_new (NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (curator_document_load_from_bytes (document, bytes, &error));
  g_assert_no_error (error);
  return document;
}

static void
set_ok (CuratorDocument *document,
        const char      *path,
        const char      *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (curator_document_set_value (document, path, value, CURATOR_SCALAR_AUTO, &error));
  g_assert_no_error (error);
}

/* Their edit of @base, as the bytes on disk. */
typedef void (*Edit) (CuratorDocument *document);

static GBytes *
edited (GBytes *base,
        Edit    edit)
{
  g_autoptr(CuratorDocument) document = load (base);

  edit (document);
  return curator_document_serialize (document);
}

static GBytes *
merge_ok (CuratorDocument *ours,
          GBytes          *disk)
{
  g_auto(GStrv) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  GBytes *merged = curator_document_merge_onto (ours, disk, &conflicts, &error);

  g_assert_no_error (error);
  g_assert_null (conflicts);
  g_assert_nonnull (merged);
  return merged;
}

static void
assert_conflicts (CuratorDocument    *ours,
                  GBytes             *disk,
                  const char * const *expected)
{
  g_auto(GStrv) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) merged = curator_document_merge_onto (ours, disk, &conflicts, &error);

  g_assert_no_error (error);
  g_assert_null (merged);
  g_assert_cmpstrv (conflicts, expected);
}

static void
their_description (CuratorDocument *document)
{
  set_ok (document, "description", "Rewritten on another machine.");
}

static void
their_title (CuratorDocument *document)
{
  set_ok (document, "title", "Their title");
}

static void
their_image_href (CuratorDocument *document)
{
  set_ok (document, "featuredImage.href", "other-image.png");
}

static void
their_tags (CuratorDocument *document)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (curator_document_insert_item (document, "communityTopics", 0, "Theirs", CURATOR_SCALAR_AUTO, &error));
  g_assert_no_error (error);
}

static void
their_body (CuratorDocument *document)
{
  curator_document_set_body (document, "<p>Their body</p>\n");
}

/* Different fields: ours onto theirs, the same as both edits in turn. */
static void
test_other_fields (void)
{
  g_autoptr(GBytes) base = read_data ("medigy-curated-content.md");
  g_autoptr(CuratorDocument) ours = load (base);
  g_autoptr(GBytes) disk = edited (base, their_description);
  g_autoptr(GBytes) merged = NULL;
  g_autoptr(CuratorDocument) both = load (disk);
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GError) error = NULL;

  set_ok (ours, "title", "Our better title");
  g_assert_true (curator_document_unset (ours, "categories", &error));
  curator_document_set_body (ours, "<p>Our body</p>\n");
  merged = merge_ok (ours, disk);

  set_ok (both, "title", "Our better title");
  g_assert_true (curator_document_unset (both, "categories", &error));
  curator_document_set_body (both, "<p>Our body</p>\n");
  expected = curator_document_serialize (both);
  g_assert_cmpmem (g_bytes_get_data (merged, NULL), g_bytes_get_size (merged),
                   g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
}

/* Leaves of one map are fields of their own. */
static void
test_nested_fields (void)
{
  g_autoptr(GBytes) base = read_data ("medigy-curated-content.md");
  g_autoptr(CuratorDocument) ours = load (base);
  g_autoptr(GBytes) disk = edited (base, their_image_href);
  g_autoptr(GBytes) merged = NULL;
  g_autoptr(CuratorDocument) result = NULL;

  set_ok (ours, "featuredImage.alt", "Our alternative text");
  merged = merge_ok (ours, disk);
  result = load (merged);
  g_assert_cmpstr (curator_node_get_value (curator_document_lookup (result, "featuredImage.alt", NULL)),
                   ==, "Our alternative text");
  g_assert_cmpstr (curator_node_get_value (curator_document_lookup (result, "featuredImage.href", NULL)),
                   ==, "other-image.png");
}

static void
test_conflicts (void)
{
  g_autoptr(GBytes) base = read_data ("medigy-curated-content.md");
  g_autoptr(GError) error = NULL;

  /* The same scalar. */
  {
    g_autoptr(CuratorDocument) ours = load (base);
    g_autoptr(GBytes) disk = edited (base, their_title);
    const char * const expected[] = { "title", NULL };

    set_ok (ours, "title", "Our title");
    assert_conflicts (ours, disk, expected);
  }
  /* A list both changed is one field. */
  {
    g_autoptr(CuratorDocument) ours = load (base);
    g_autoptr(GBytes) disk = edited (base, their_tags);
    const char * const expected[] = { "communityTopics", NULL };

    set_ok (ours, "communityTopics[1]", "Ours");
    assert_conflicts (ours, disk, expected);
  }
  /* The body. */
  {
    g_autoptr(CuratorDocument) ours = load (base);
    g_autoptr(GBytes) disk = edited (base, their_body);
    const char * const expected[] = { CURATOR_DOCUMENT_BODY_PATH, NULL };

    curator_document_set_body (ours, "<p>Our body</p>\n");
    assert_conflicts (ours, disk, expected);
  }
  /* The same change on both sides is no conflict. */
  {
    g_autoptr(CuratorDocument) ours = load (base);
    g_autoptr(GBytes) disk = edited (base, their_title);
    g_autoptr(GBytes) merged = NULL;

    set_ok (ours, "title", "Their title");
    merged = merge_ok (ours, disk);
    g_assert_true (g_bytes_equal (merged, disk));
  }
  /* A file that no longer parses cannot be merged into. */
  {
    g_autoptr(CuratorDocument) ours = load (base);
    static const char broken[] = "---\ntitle: [broken\n---\n";
    g_autoptr(GBytes) disk = g_bytes_new_static (broken, strlen (broken));
    g_auto(GStrv) conflicts = NULL;

    set_ok (ours, "title", "Our title");
    g_assert_null (curator_document_merge_onto (ours, disk, &conflicts, &error));
    g_assert_error (error, CURATOR_ERROR, CURATOR_ERROR_NOT_EDITABLE);
    g_assert_null (conflicts);
  }
}

/* One side changed only the body, or only the front matter: its part is
 * taken whole, byte for byte, also where the fields could not be set
 * one by one (an anchor) or at all (TOML front matter). */
static void
test_whole_parts (void)
{
  static const char anchored[] = "---\nlinks:\n- &first /\n- /about/\nother: *first\n---\n<p>Body</p>\n";
  static const char toml[] = "+++\ntitle = \"T\"\n+++\n<p>Body</p>\n";

  /* Ours: an item of a list that holds an anchor (the list cannot be
   * set whole); theirs: the body. */
  {
    g_autoptr(GBytes) base = g_bytes_new_static (anchored, strlen (anchored));
    g_autoptr(CuratorDocument) ours = load (base);
    g_autoptr(GBytes) disk = edited (base, their_body);
    g_autoptr(GBytes) merged = NULL;
    g_autoptr(GBytes) expected = NULL;
    g_autoptr(CuratorDocument) both = NULL;

    set_ok (ours, "links[1]", "/contact/");
    merged = merge_ok (ours, disk);
    both = load (disk);
    set_ok (both, "links[1]", "/contact/");
    expected = curator_document_serialize (both);
    g_assert_true (g_bytes_equal (merged, expected));
  }
  /* A file ending with its closing delimiter: a body set on disk gives
   * the delimiter a line ending, which is no change of the front matter. */
  {
    static const char last[] = "---\ntitle: T\n---";
    g_autoptr(GBytes) base = g_bytes_new_static (last, strlen (last));
    g_autoptr(CuratorDocument) ours = load (base);
    g_autoptr(GBytes) disk = edited (base, their_body);
    g_autoptr(GBytes) merged = NULL;
    static const char expected[] = "---\ntitle: Mine\n---\n<p>Their body</p>\n";

    set_ok (ours, "title", "Mine");
    merged = merge_ok (ours, disk);
    g_assert_cmpmem (g_bytes_get_data (merged, NULL), g_bytes_get_size (merged), expected, strlen (expected));
  }
  /* TOML front matter, not editable: ours the body, theirs the front matter. */
  {
    g_autoptr(GBytes) base = g_bytes_new_static (toml, strlen (toml));
    g_autoptr(CuratorDocument) ours = load (base);
    static const char theirs_text[] = "+++\ntitle = \"Theirs\"\n+++\n<p>Body</p>\n";
    g_autoptr(GBytes) disk = g_bytes_new_static (theirs_text, strlen (theirs_text));
    g_autoptr(GBytes) merged = NULL;

    g_assert_false (curator_document_get_editable (ours));
    curator_document_set_body (ours, "<p>Our body</p>\n");
    merged = merge_ok (ours, disk);
    g_assert_cmpmem (g_bytes_get_data (merged, NULL), g_bytes_get_size (merged),
                     "+++\ntitle = \"Theirs\"\n+++\n<p>Our body</p>\n",
                     strlen ("+++\ntitle = \"Theirs\"\n+++\n<p>Our body</p>\n"));
  }
}

/* On the corpus's Medigy files: ours sets the first top-level scalar,
 * theirs the last; the merge is both edits in turn, byte for byte. */
static void
test_corpus (void)
{
  g_autoptr(GPtrArray) files = NULL;
  guint n_merged = 0;

  if (curator_test_corpus_dir () == NULL)
    return;

  files = curator_test_corpus_files ("medigy");
  for (guint i = 0; i < files->len; i++)
    {
      g_autoptr(GBytes) base = curator_test_corpus_read (g_ptr_array_index (files, i));
      g_autoptr(CuratorDocument) ours = load (base);
      g_autoptr(CuratorDocument) theirs = NULL;
      g_autoptr(CuratorDocument) both = NULL;
      g_autoptr(GBytes) disk = NULL;
      g_autoptr(GBytes) merged = NULL;
      g_autoptr(GBytes) expected = NULL;
      g_autofree char *first = NULL;
      g_autofree char *last = NULL;
      const CuratorNode *root;

      if (!curator_document_get_editable (ours))
        continue;
      root = curator_document_get_root (ours);
      for (guint k = 0; k < curator_node_get_n_children (root); k++)
        {
          const CuratorNode *child = curator_node_get_child (root, k);

          if (curator_node_get_kind (child) != CURATOR_NODE_SCALAR || curator_node_get_anchor (child) != NULL)
            continue;
          if (first == NULL)
            first = curator_node_dup_key_path (child);
          else
            {
              g_free (last);
              last = curator_node_dup_key_path (child);
            }
        }
      if (last == NULL)
        continue;

      theirs = load (base);
      set_ok (theirs, last, "Changed on disk");
      disk = curator_document_serialize (theirs);
      set_ok (ours, first, "Changed in Curator");
      merged = merge_ok (ours, disk);

      both = load (disk);
      set_ok (both, first, "Changed in Curator");
      expected = curator_document_serialize (both);
      if (!g_bytes_equal (merged, expected))
        g_error ("%s: merging %s onto %s differs from both edits in turn",
                 (const char *) g_ptr_array_index (files, i), first, last);
      n_merged++;
    }

  g_test_message ("%u Medigy files merged", n_merged);
  g_assert_cmpuint (n_merged, >, files->len / 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/merge/other-fields", test_other_fields);
  g_test_add_func ("/merge/nested-fields", test_nested_fields);
  g_test_add_func ("/merge/conflicts", test_conflicts);
  g_test_add_func ("/merge/whole-parts", test_whole_parts);
  g_test_add_func ("/merge/corpus", test_corpus);

  return g_test_run ();
}
