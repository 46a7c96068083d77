/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "curator-model.h"

#include "curator-test-corpus.h"

/* Exact before/after bytes of every edit: the diff a careful person
 * would make by hand, and nothing else. */

/* Helpers */

static CuratorDocument *
document_from_text (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  CuratorDocument *document = curator_document_new (NULL);

  gboolean ok = curator_document_load_from_bytes (document, bytes, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
  return document;
}

static char *
document_text (CuratorDocument *document)
{
  g_autoptr(GBytes) bytes = curator_document_serialize (document);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

#define assert_text(document, expected) \
  G_STMT_START { \
    g_autofree char *_text = document_text (document); \
    g_assert_cmpstr (_text, ==, (expected)); \
  } G_STMT_END

static char *
test_data_text (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "model", "data", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  return contents;
}

/* @after must be @before with exactly one occurrence of @old replaced by @new. */
static void
assert_replaced (const char *before,
                 const char *after,
                 const char *old,
                 const char *new)
{
  const char *at = strstr (before, old);
  g_autofree char *expected = NULL;

  g_assert_nonnull (at);
  g_assert_null (strstr (at + 1, old));
  expected = g_strdup_printf ("%.*s%s%s", (int) (at - before), before, new, at + strlen (old));
  g_assert_cmpstr (after, ==, expected);
}

static void
set_ok (CuratorDocument   *document,
        const char        *key_path,
        const char        *value,
        CuratorScalarType  type)
{
  g_autoptr(GError) error = NULL;

  gboolean ok = curator_document_set_value (document, key_path, value, type, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
}

static void
json_ok (CuratorDocument *document,
         const char      *key_path,
         const char      *json)
{
  g_autoptr(GError) error = NULL;

  gboolean ok = curator_document_set_json (document, key_path, json, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
}

static void
unset_ok (CuratorDocument *document,
          const char      *key_path)
{
  g_autoptr(GError) error = NULL;

  gboolean ok = curator_document_unset (document, key_path, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
}

static void
insert_ok (CuratorDocument *document,
           const char      *list_path,
           guint            index,
           const char      *value)
{
  g_autoptr(GError) error = NULL;

  gboolean ok = curator_document_insert_item (document, list_path, index, value,
                                               CURATOR_SCALAR_AUTO, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
}

static void
move_ok (CuratorDocument *document,
         const char      *list_path,
         guint            from_index,
         guint            to_index)
{
  g_autoptr(GError) error = NULL;

  gboolean ok = curator_document_move_item (document, list_path, from_index, to_index, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
}

/* Runs @check on a document of @text and expects @after. */
#define EDIT(text, edits, after) \
  G_STMT_START { \
    g_autoptr(CuratorDocument) doc = document_from_text (text); \
    edits; \
    assert_text (doc, after); \
  } G_STMT_END

/* Scalars */

static void
test_set_plain (void)
{
  EDIT ("---\ntitle: Old title\nid: 1\n---\nbody\n",
        set_ok (doc, "title", "New title", CURATOR_SCALAR_AUTO),
        "---\ntitle: New title\nid: 1\n---\nbody\n");
  /* Quoting only when plain is not safe. */
  EDIT ("---\ntitle: Old\n---\n",
        set_ok (doc, "title", "Vitals: what to track", CURATOR_SCALAR_STRING),
        "---\ntitle: 'Vitals: what to track'\n---\n");
  EDIT ("---\ntitle: Old\n---\n",
        set_ok (doc, "title", "it's: here", CURATOR_SCALAR_STRING),
        "---\ntitle: 'it''s: here'\n---\n");
  EDIT ("---\ntitle: Old\n---\n",
        set_ok (doc, "title", "C# and F# #tags", CURATOR_SCALAR_STRING),
        "---\ntitle: 'C# and F# #tags'\n---\n");
  EDIT ("---\ntitle: Old\n---\n",
        set_ok (doc, "title", "- not a list", CURATOR_SCALAR_STRING),
        "---\ntitle: '- not a list'\n---\n");
  EDIT ("---\ntitle: Old\n---\n",
        set_ok (doc, "title", " padded ", CURATOR_SCALAR_STRING),
        "---\ntitle: ' padded '\n---\n");
  EDIT ("---\ntitle: Old\n---\n",
        set_ok (doc, "title", "", CURATOR_SCALAR_STRING),
        "---\ntitle: ''\n---\n");
  /* Control characters and line breaks need double quotes. */
  EDIT ("---\ntitle: Old\n---\n",
        set_ok (doc, "title", "tab\there", CURATOR_SCALAR_STRING),
        "---\ntitle: \"tab\\there\"\n---\n");
  EDIT ("---\ntitle: Old\n---\n",
        set_ok (doc, "title", "two\nlines", CURATOR_SCALAR_STRING),
        "---\ntitle: \"two\\nlines\"\n---\n");
  /* Non-ASCII text stays as it is. */
  EDIT ("---\ntitle: Old\n---\n",
        set_ok (doc, "title", "Pédiatrie – ☂", CURATOR_SCALAR_STRING),
        "---\ntitle: Pédiatrie – ☂\n---\n");
}

static void
test_set_ambiguous (void)
{
  /* Text that YAML 1.2 or 1.1 reads as another type is quoted. */
  const char *texts[] = { "123", "1.5", "true", "null", "~", "yes", "on", "No", "010079", "2020-09-14", "1_000" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(CuratorDocument) doc = document_from_text ("---\ntitle: Old\n---\n");
      g_autofree char *expected = g_strdup_printf ("---\ntitle: '%s'\n---\n", texts[i]);
      const CuratorNode *node;

      set_ok (doc, "title", texts[i], CURATOR_SCALAR_AUTO);
      assert_text (doc, expected);
      node = curator_document_lookup (doc, "title", NULL);
      g_assert_cmpint (curator_node_get_scalar_type (node), ==, CURATOR_SCALAR_STRING);
      g_assert_cmpstr (curator_node_get_value (node), ==, texts[i]);
    }
}

static void
test_set_keeps_quoting (void)
{
  EDIT ("---\nstatus: ''\n---\n",
        set_ok (doc, "status", "draft", CURATOR_SCALAR_AUTO),
        "---\nstatus: 'draft'\n---\n");
  EDIT ("---\ndate: '2020-09-14T09:59:06.492674Z'\n---\n",
        set_ok (doc, "date", "2021-01-01T00:00:00Z", CURATOR_SCALAR_AUTO),
        "---\ndate: '2021-01-01T00:00:00Z'\n---\n");
  EDIT ("---\nk: \"a\"\n---\n",
        set_ok (doc, "k", "say \"hi\"", CURATOR_SCALAR_AUTO),
        "---\nk: \"say \\\"hi\\\"\"\n---\n");
  /* A single-quoted value that cannot stay single-quoted. */
  EDIT ("---\nk: 'a'\n---\n",
        set_ok (doc, "k", "a\tb", CURATOR_SCALAR_AUTO),
        "---\nk: \"a\\tb\"\n---\n");
}

static void
test_set_typed (void)
{
  g_autoptr(GError) error = NULL;

  /* AUTO keeps the node's type when the text fits it. */
  EDIT ("---\nid: 3389\nvalid: true\nratio: 0.5\nwhen: 2020-09-14\nnone: null\n---\n",
        set_ok (doc, "id", "42", CURATOR_SCALAR_AUTO);
        set_ok (doc, "valid", "false", CURATOR_SCALAR_AUTO);
        set_ok (doc, "ratio", "1.25", CURATOR_SCALAR_AUTO);
        set_ok (doc, "when", "2021-03-04", CURATOR_SCALAR_AUTO),
        "---\nid: 42\nvalid: false\nratio: 1.25\nwhen: 2021-03-04\nnone: null\n---\n");
  /* ... else the value becomes a string. */
  EDIT ("---\nid: 3389\n---\n",
        set_ok (doc, "id", "n/a", CURATOR_SCALAR_AUTO),
        "---\nid: n/a\n---\n");
  /* Forced types are written plain, even over a quoted string. */
  EDIT ("---\nsize: '750'\n---\n",
        set_ok (doc, "size", "750", CURATOR_SCALAR_INT),
        "---\nsize: 750\n---\n");
  EDIT ("---\na: x\nb: x\n---\n",
        set_ok (doc, "a", "", CURATOR_SCALAR_NULL);
        set_ok (doc, "b", "true", CURATOR_SCALAR_BOOL),
        "---\na:\nb: true\n---\n");
  /* An empty `key:` gets a value after a space, and back. */
  EDIT ("---\narchetype:\nnext: 1\n---\n",
        set_ok (doc, "archetype", "curate-content", CURATOR_SCALAR_AUTO),
        "---\narchetype: curate-content\nnext: 1\n---\n");
  EDIT ("---\narchetype: x\nlist: [a, b]\n---\n",
        set_ok (doc, "archetype", "", CURATOR_SCALAR_NULL);
        set_ok (doc, "list[0]", "", CURATOR_SCALAR_NULL),
        "---\narchetype:\nlist: [null, b]\n---\n");
  EDIT ("---\nshortUrl: null\n---\n",
        set_ok (doc, "shortUrl", "", CURATOR_SCALAR_AUTO),
        "---\nshortUrl:\n---\n");

  /* A value that does not fit the forced type is refused. */
  {
    g_autoptr(CuratorDocument) doc = document_from_text ("---\nid: 1\n---\n");

    g_assert_false (curator_document_set_value (doc, "id", "forty", CURATOR_SCALAR_INT, &error));
    g_assert_error (error, CURATOR_ERROR, CURATOR_ERROR_INVALID_VALUE);
    g_clear_error (&error);
    g_assert_false (curator_document_set_value (doc, "id", "1.5", CURATOR_SCALAR_BOOL, &error));
    g_assert_error (error, CURATOR_ERROR, CURATOR_ERROR_INVALID_VALUE);
    assert_text (doc, "---\nid: 1\n---\n");
    g_assert_false (curator_document_get_modified (doc));
  }
}

static void
test_set_refold (void)
{
  g_autofree char *before = test_data_text ("medigy-curated-content.md");
  g_autoptr(CuratorDocument) doc = document_from_text (before);
  g_autofree char *after = NULL;

  /* Medigy folds at 80 columns with a two-space continuation indent. */
  set_ok (doc, "description",
          "In partnering with providers across the full care continuum, including acute, "
          "post-acute, long-term care, and community-based providers, we have found there to be "
          "three consistent challenges relating to interoperability and to data sharing",
          CURATOR_SCALAR_AUTO);
  after = document_text (doc);
  assert_replaced (before, after,
                   "  there to be three consistent challenges relating\n",
                   "  there to be three consistent challenges relating to interoperability and to data\n"
                   "  sharing\n");

  /* A short value fits on one line. */
  set_ok (doc, "description", "Interoperability challenges", CURATOR_SCALAR_AUTO);
  g_clear_pointer (&after, g_free);
  after = document_text (doc);
  assert_replaced (before, after,
                   "description: In partnering with providers across the full care continuum, including\n"
                   "  acute, post-acute, long-term care, and community-based providers, we have found\n"
                   "  there to be three consistent challenges relating\n",
                   "description: Interoperability challenges\n");
}

static void
test_set_multiline_breaks (void)
{
  /* A multi-line single-quoted value holds line breaks as empty lines. */
  EDIT ("---\ntitle: 'Interventions to prevent hypothermia at birth\n\n  in preterm infants. '\nx: 1\n---\n",
        set_ok (doc, "title", "Interventions to prevent hypothermia\nin low birth weight infants. ", CURATOR_SCALAR_AUTO),
        "---\ntitle: 'Interventions to prevent hypothermia\n\n  in low birth weight infants. '\nx: 1\n---\n");
}

static void
test_set_block (void)
{
  /* Block scalars keep indicator and indentation; chomping follows the value. */
  EDIT ("---\nk: |\n  a\n  b\nz: 1\n---\n",
        set_ok (doc, "k", "x\ny\n", CURATOR_SCALAR_AUTO),
        "---\nk: |\n  x\n  y\nz: 1\n---\n");
  EDIT ("---\nk: |\n  a\nz: 1\n---\n",
        set_ok (doc, "k", "x\ny", CURATOR_SCALAR_AUTO),
        "---\nk: |-\n  x\n  y\nz: 1\n---\n");
  EDIT ("---\nk: |-\n    a\nz: 1\n---\n",
        set_ok (doc, "k", "x\n\n", CURATOR_SCALAR_AUTO),
        "---\nk: |+\n    x\n\nz: 1\n---\n");
  /* Folded: line breaks are empty lines; long lines fold at the width. */
  EDIT ("---\nshortDescription: >-\n  HEART Pathway is a clinically validated decision support tool that improves\n  health outcomes.\nz: 1\n---\n",
        set_ok (doc, "shortDescription",
                "HEART Pathway is a clinically validated decision support tool that improves care and health outcomes.\nSecond paragraph.",
                CURATOR_SCALAR_AUTO),
        "---\nshortDescription: >-\n  HEART Pathway is a clinically validated decision support tool that improves\n  care and health outcomes.\n\n  Second paragraph.\nz: 1\n---\n");
  /* A value that a block scalar cannot hold (leading space) goes double-quoted. */
  EDIT ("---\nk: |\n  a\nz: 1\n---\n",
        set_ok (doc, "k", " indented\n", CURATOR_SCALAR_AUTO),
        "---\nk: \" indented\\n\"\nz: 1\n---\n");
}

static void
test_set_back_restores (void)
{
  const char *text = "---\n"
                     "title: Plain title\n"
                     "status: ''\n"
                     "date: '2020-09-14T09:59:06.492674Z'\n"
                     "quoted: \"double\"\n"
                     "empty:\n"
                     "id: 3389\n"
                     "flow: [a, 'b']\n"
                     "block: |\n  line one\n  line two\n"
                     "---\nbody\n";
  const char *paths[] = { "title", "status", "date", "quoted", "empty", "id", "flow[0]", "flow[1]", "block" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(CuratorDocument) doc = document_from_text (text);
      const CuratorNode *node = curator_document_lookup (doc, paths[i], NULL);
      g_autofree char *old = g_strdup (curator_node_get_value (node));
      CuratorScalarType type = curator_node_get_scalar_type (node);
      g_autofree char *changed = NULL;

      /* Something that needs other quoting than the original. */
      set_ok (doc, paths[i], "it's: #changed", CURATOR_SCALAR_STRING);
      changed = document_text (doc);
      g_assert_cmpstr (changed, !=, text);
      set_ok (doc, paths[i], old, type);
      assert_text (doc, text);
    }
}

static void
test_set_back_medigy (void)
{
  const char *files[] = { "medigy-curated-content.md", "medigy-curated-offering.md", "medigy-offering-folded.md" };

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autofree char *text = test_data_text (files[f]);
      g_autoptr(CuratorDocument) doc = document_from_text (text);
      const CuratorNode *root = curator_document_get_root (doc);
      guint n = curator_node_get_n_children (root);

      for (guint i = 0; i < n; i++)
        {
          g_autofree char *path = curator_node_dup_key_path (curator_node_get_child (curator_document_get_root (doc), i));
          const CuratorNode *node = curator_document_lookup (doc, path, NULL);
          g_autofree char *old = NULL;
          CuratorScalarType type;

          if (curator_node_get_kind (node) != CURATOR_NODE_SCALAR)
            continue;
          old = g_strdup (curator_node_get_value (node));
          type = curator_node_get_scalar_type (node);
          set_ok (doc, path, "Changed: by a test", CURATOR_SCALAR_STRING);
          set_ok (doc, path, old, type);
          assert_text (doc, text);
        }
    }
}

/* Keys */

static void
test_add_key (void)
{
  /* After the last sibling's line (and its comment), at its column. */
  EDIT ("---\ntitle: A # the title\n# standalone\n---\nbody\n",
        set_ok (doc, "slug", "a-b", CURATOR_SCALAR_AUTO),
        "---\ntitle: A # the title\nslug: a-b\n# standalone\n---\nbody\n");
  EDIT ("---\nlink:\n  brand: x.com\n  href: https://x.com/\nmastHead: M\n---\n",
        set_ok (doc, "link.original", "https://x.com/a", CURATOR_SCALAR_AUTO),
        "---\nlink:\n  brand: x.com\n  href: https://x.com/\n  original: https://x.com/a\nmastHead: M\n---\n");
  /* Intermediate maps and lists are created, in the file's list style. */
  EDIT ("---\ntags:\n- a\nz: 1\n---\n",
        set_ok (doc, "featuredImage.size[0]", "750", CURATOR_SCALAR_INT),
        "---\ntags:\n- a\nz: 1\nfeaturedImage:\n  size:\n  - 750\n---\n");
  EDIT ("---\ntags:\n  - a\nz: 1\n---\n",
        set_ok (doc, "featuredImage.size[0]", "750", CURATOR_SCALAR_INT),
        "---\ntags:\n  - a\nz: 1\nfeaturedImage:\n  size:\n    - 750\n---\n");
  /* Keys that need quoting. */
  EDIT ("---\na: 1\n---\n",
        set_ok (doc, "yes", "x", CURATOR_SCALAR_AUTO);
        set_ok (doc, "b\\.c", "why", CURATOR_SCALAR_AUTO),
        "---\na: 1\n'yes': x\nb.c: why\n---\n");
  /* Into an empty front matter and under an empty key. */
  EDIT ("---\n---\nbody\n",
        set_ok (doc, "title", "T", CURATOR_SCALAR_AUTO),
        "---\ntitle: T\n---\nbody\n");
  EDIT ("---\nlink:\nz: 1\n---\n",
        set_ok (doc, "link.href", "h", CURATOR_SCALAR_AUTO),
        "---\nlink:\n  href: h\nz: 1\n---\n");
  /* Into a flow mapping. */
  EDIT ("---\nm: {a: 1}\ne: {}\n---\n",
        set_ok (doc, "m.b", "x", CURATOR_SCALAR_AUTO);
        set_ok (doc, "e.k", "v", CURATOR_SCALAR_AUTO),
        "---\nm: {a: 1, b: x}\ne: {k: v}\n---\n");
  /* After a nested block whose last line is deeper (the span-end trap). */
  EDIT ("---\na:\n  b:\n    c: 1\n  d:\n  - x\ne: 2\n---\n",
        set_ok (doc, "a.f", "3", CURATOR_SCALAR_INT),
        "---\na:\n  b:\n    c: 1\n  d:\n  - x\n  f: 3\ne: 2\n---\n");
}

static void
test_set_json (void)
{
  /* Block style in the file's list style (indentless here). */
  EDIT ("---\nauthor:\n- amina\nz: 1\n---\n",
        json_ok (doc, "tags", "[\"care\", \"HIMSS: Interoperability\", 3]"),
        "---\nauthor:\n- amina\nz: 1\ntags:\n- care\n- 'HIMSS: Interoperability'\n- 3\n---\n");
  /* Replacing a block list; maps nested in lists. */
  EDIT ("---\nsize:\n- 750\n- 562\nz: 1\n---\n",
        json_ok (doc, "size", "[{\"w\": 1, \"h\": null}, []]"),
        "---\nsize:\n- w: 1\n  h: null\n- []\nz: 1\n---\n");
  /* An empty key set to a list: a block list below it. */
  EDIT ("---\ntags:\nz: 1\n---\n",
        json_ok (doc, "tags", "[\"a\", \"b\"]"),
        "---\ntags:\n- a\n- b\nz: 1\n---\n");
  /* A comment after the old value stays on the key's line. */
  EDIT ("---\ntags: none # to do\nempty: # later\nz: 1\n---\n",
        json_ok (doc, "tags", "[\"a\"]");
        json_ok (doc, "empty", "{\"k\": \"v\"}"),
        "---\ntags: # to do\n- a\nempty: # later\n  k: v\nz: 1\n---\n");
  /* A flow collection stays flow. */
  EDIT ("---\ncategories: [x]\n---\n",
        json_ok (doc, "categories", "[\"a\", \"b c\"]"),
        "---\ncategories: [a, b c]\n---\n");
  /* Inside a flow collection everything is flow. */
  EDIT ("---\nf: [a, {c: d}]\n---\n",
        json_ok (doc, "f[1]", "{\"c\": [1, 2], \"e\": \"x, y\"}"),
        "---\nf: [a, {c: [1, 2], e: 'x, y'}]\n---\n");
  /* A map replacing a scalar, and a scalar replacing a map. */
  EDIT ("---\nlink: x\nimg:\n  a: 1\n  b: 2\nz: 1\n---\n",
        json_ok (doc, "link", "{\"href\": \"h\", \"brand\": \"b\"}");
        json_ok (doc, "img", "\"none\""),
        "---\nlink:\n  href: h\n  brand: b\nimg: none\nz: 1\n---\n");
  /* Bad JSON names where it is wrong and changes nothing. */
  {
    g_autoptr(CuratorDocument) doc = document_from_text ("---\na: 1\n---\n");
    g_autoptr(GError) error = NULL;

    g_assert_false (curator_document_set_json (doc, "a", "[1,\n 2", &error));
    g_assert_error (error, CURATOR_ERROR, CURATOR_ERROR_INVALID_VALUE);
    g_assert_nonnull (strstr (error->message, "line 2"));
    assert_text (doc, "---\na: 1\n---\n");
  }
}

static void
test_unset (void)
{
  /* The key's lines and its comment go; standalone comments stay. */
  EDIT ("---\n# head\na: 1 # about a\n# about b\nb:\n  c: 2\n  d: 3\ne: 4\n---\n",
        unset_ok (doc, "a"),
        "---\n# head\n# about b\nb:\n  c: 2\n  d: 3\ne: 4\n---\n");
  EDIT ("---\na: 1\nb:\n  c: 2\n  d:\n  - x\ne: 4\n---\n",
        unset_ok (doc, "b"),
        "---\na: 1\ne: 4\n---\n");
  EDIT ("---\na: 1\nb:\n  c: 2\n  d: 3\n---\n",
        unset_ok (doc, "b.c"),
        "---\na: 1\nb:\n  d: 3\n---\n");
  /* Multi-line values go with all their lines. */
  EDIT ("---\ndescription: one\n  two\n  three\nk: |\n  x\n\n  y\nz: 1\n---\n",
        unset_ok (doc, "description");
        unset_ok (doc, "k"),
        "---\nz: 1\n---\n");
  /* The last key of a nested map leaves {}; of the front matter, nothing. */
  EDIT ("---\nlink:\n  href: h # c\nz: 1\n---\n",
        unset_ok (doc, "link.href"),
        "---\nlink: {}\nz: 1\n---\n");
  EDIT ("---\nonly: 1\n---\nbody\n",
        unset_ok (doc, "only"),
        "---\n---\nbody\n");
  /* List items; the last one leaves [] (comment lines in between stay). */
  EDIT ("---\ntags:\n- a\n- b # bee\n- c\n---\n",
        unset_ok (doc, "tags[1]"),
        "---\ntags:\n- a\n- c\n---\n");
  EDIT ("---\nb:\n  # inside\n  - x # item\n  # after\nc: 2\n---\n",
        unset_ok (doc, "b[0]"),
        "---\nb: []\n  # inside\n  # after\nc: 2\n---\n");
  /* A map item of a list. */
  EDIT ("---\nm:\n- name: a\n  v: 1\n- name: b\n  v: 2\n---\n",
        unset_ok (doc, "m[0]");
        unset_ok (doc, "m[0].name"),
        "---\nm:\n- v: 2\n---\n");
  /* Flow collections: the item and one comma. */
  EDIT ("---\nf: [a, b, c]\ng: {x: 1, y: 2}\nh: [z]\n---\n",
        unset_ok (doc, "f[1]");
        unset_ok (doc, "f[1]");
        unset_ok (doc, "g.x");
        unset_ok (doc, "h[0]"),
        "---\nf: [a]\ng: {y: 2}\nh: []\n---\n");
}

/* Lists */

static void
test_list_indentless (void)
{
  EDIT ("---\nbreadcrumbs:\n- Home\n- Communities\nz: 1\n---\n",
        insert_ok (doc, "breadcrumbs", 2, "Curated Content");
        insert_ok (doc, "breadcrumbs", 0, "Start");
        insert_ok (doc, "breadcrumbs", 2, "Middle"),
        "---\nbreadcrumbs:\n- Start\n- Home\n- Middle\n- Communities\n- Curated Content\nz: 1\n---\n");
  EDIT ("---\nb:\n- one\n- two # 2\n- three\nz: 1\n---\n",
        move_ok (doc, "b", 0, 2),
        "---\nb:\n- two # 2\n- three\n- one\nz: 1\n---\n");
  EDIT ("---\nb:\n- one\n- two\n- three\nz: 1\n---\n",
        move_ok (doc, "b", 2, 0),
        "---\nb:\n- three\n- one\n- two\nz: 1\n---\n");
}

static void
test_list_indented (void)
{
  EDIT ("---\ncategories:\n  - 'Medigy: A'\n  - 'KLAS: B'\nz: 1\n---\n",
        insert_ok (doc, "categories", 2, "KLAS: C");
        move_ok (doc, "categories", 2, 0),
        "---\ncategories:\n  - 'KLAS: C'\n  - 'Medigy: A'\n  - 'KLAS: B'\nz: 1\n---\n");
  /* A list of maps: a new item goes after the whole last item. */
  EDIT ("---\nm:\n  - name: a\n    tags:\n      - t\nz: 1\n---\n",
        insert_ok (doc, "m", 1, "b"),
        "---\nm:\n  - name: a\n    tags:\n      - t\n  - b\nz: 1\n---\n");
}

static void
test_list_flow (void)
{
  EDIT ("---\ncategories: []\nf: [ ]\nt: [a, b]\n---\n",
        insert_ok (doc, "categories", 0, "x");
        insert_ok (doc, "f", 0, "y, z");
        insert_ok (doc, "t", 0, "first");
        insert_ok (doc, "t", 3, "last"),
        "---\ncategories: [x]\nf: ['y, z']\nt: [first, a, b, last]\n---\n");
  EDIT ("---\nt: [a, 'b', {c: d}]\n---\n",
        move_ok (doc, "t", 2, 0),
        "---\nt: [{c: d}, a, 'b']\n---\n");
  /* An empty key becomes a block list. */
  EDIT ("---\ntags:\nz: 1\n---\n",
        insert_ok (doc, "tags", 0, "a"),
        "---\ntags:\n- a\nz: 1\n---\n");
  /* Items keep the list's type when they fit it. */
  EDIT ("---\nsize:\n- 750\n---\n",
        insert_ok (doc, "size", 1, "562");
        insert_ok (doc, "size", 2, "big"),
        "---\nsize:\n- 750\n- 562\n- big\n---\n");
}

static void
test_nested_append (void)
{
  /* Invariant 8: appending to the last item of a nested block list that
   * is followed by an outdented sibling lands inside the list. */
  EDIT ("---\na:\n  b:\n  - x\n  - y\nc: 1\n---\n",
        insert_ok (doc, "a.b", 2, "z"),
        "---\na:\n  b:\n  - x\n  - y\n  - z\nc: 1\n---\n");
  EDIT ("---\nitems:\n- name: a\n  tags:\n  - t1\nother: 1\n---\n",
        insert_ok (doc, "items[0].tags", 1, "t2");
        set_ok (doc, "items[0].extra", "e", CURATOR_SCALAR_AUTO);
        insert_ok (doc, "items", 1, "next"),
        "---\nitems:\n- name: a\n  tags:\n  - t1\n  - t2\n  extra: e\n- next\nother: 1\n---\n");
  /* A trailing comment and a blank line after the last item. */
  EDIT ("---\na:\n  - x # c\n\n# note\nb: 1\n---\n",
        insert_ok (doc, "a", 1, "w"),
        "---\na:\n  - x # c\n  - w\n\n# note\nb: 1\n---\n");
}

/* Files */

static void
test_commute (void)
{
  const char *text = "---\ntitle: T\ntags:\n- a\nid: 1\nlink:\n  href: h\n---\n";
  g_autoptr(CuratorDocument) one = document_from_text (text);
  g_autoptr(CuratorDocument) two = document_from_text (text);
  g_autofree char *one_text = NULL;
  g_autofree char *two_text = NULL;

  set_ok (one, "title", "New: title", CURATOR_SCALAR_AUTO);
  insert_ok (one, "tags", 1, "b");
  unset_ok (one, "id");
  set_ok (one, "link.brand", "x", CURATOR_SCALAR_AUTO);

  set_ok (two, "link.brand", "x", CURATOR_SCALAR_AUTO);
  unset_ok (two, "id");
  insert_ok (two, "tags", 1, "b");
  set_ok (two, "title", "New: title", CURATOR_SCALAR_AUTO);

  one_text = document_text (one);
  two_text = document_text (two);
  g_assert_cmpstr (one_text, ==, two_text);
  g_assert_cmpstr (one_text, ==, "---\ntitle: 'New: title'\ntags:\n- a\n- b\nlink:\n  href: h\n  brand: x\n---\n");
}

static void
test_survives (void)
{
  /* BOM, CRLF, comments and a missing final newline. */
  EDIT ("\xef\xbb\xbf---\r\n# c\r\ntitle: A # t\r\ntags:\r\n- a\r\n---\r\nbody",
        set_ok (doc, "title", "B", CURATOR_SCALAR_AUTO);
        insert_ok (doc, "tags", 1, "b");
        set_ok (doc, "new", "nn", CURATOR_SCALAR_AUTO),
        "\xef\xbb\xbf---\r\n# c\r\ntitle: B # t\r\ntags:\r\n- a\r\n- b\r\nnew: nn\r\n---\r\nbody");
  EDIT ("---\r\nk: |\r\n  a\r\nz: 1\r\n---\r\n",
        set_ok (doc, "k", "x\ny", CURATOR_SCALAR_AUTO);
        unset_ok (doc, "z"),
        "---\r\nk: |-\r\n  x\r\n  y\r\n---\r\n");
  /* Non-ASCII keys and values before the edit (columns count characters). */
  EDIT ("---\nclé: été\ndescription: Ärzte und Pflege im Krankenhaus – ein Überblick über\n  die Lage\n---\n",
        set_ok (doc, "description", "Ärzte und Pflege im Krankenhaus – ein Überblick über die Lage heute", CURATOR_SCALAR_AUTO);
        set_ok (doc, "clé", "hiver", CURATOR_SCALAR_AUTO),
        "---\nclé: hiver\ndescription: Ärzte und Pflege im Krankenhaus – ein Überblick über\n  die Lage heute\n---\n");
}

static void
test_refusals (void)
{
  struct {
    const char *text;
    const char *path;
    CuratorError code;
  } cases[] = {
    { "---\na: &x foo\nb: *x\n---\n", "a", CURATOR_ERROR_ALIAS },
    { "---\na: &x foo\nb: *x\n---\n", "b", CURATOR_ERROR_ALIAS },
    { "---\nbase: &b\n  k: v\nother: *b\n---\n", "base.k", CURATOR_ERROR_ALIAS },
    { "---\nlist:\n- a\n---\n", "list.key", CURATOR_ERROR_TYPE_MISMATCH },
    { "---\nmap:\n  k: v\n---\n", "map[0]", CURATOR_ERROR_TYPE_MISMATCH },
    { "---\nlist:\n- a\n---\n", "list[5]", CURATOR_ERROR_NOT_FOUND },
    { "---\n- a\n- b\n---\n", "a", CURATOR_ERROR_NOT_EDITABLE },
    { "---\na: [1\n---\n", "a", CURATOR_ERROR_NOT_EDITABLE },
    { "---\na: 1\na: 2\n---\n", "a", CURATOR_ERROR_NOT_EDITABLE },
    { "+++\ntitle = 'x'\n+++\n", "title", CURATOR_ERROR_NOT_EDITABLE },
    { "no front matter\n", "title", CURATOR_ERROR_NOT_EDITABLE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CuratorDocument) doc = document_from_text (cases[i].text);
      g_autoptr(GError) error = NULL;

      g_test_message ("refusal %u: %s", i, cases[i].path);
      g_assert_false (curator_document_set_value (doc, cases[i].path, "v", CURATOR_SCALAR_AUTO, &error));
      g_assert_error (error, CURATOR_ERROR, (int) cases[i].code);
      g_clear_error (&error);
      g_assert_false (curator_document_unset (doc, cases[i].path, &error));
      g_assert_nonnull (error);
      assert_text (doc, cases[i].text);
      g_assert_false (curator_document_get_modified (doc));
      g_assert_false (curator_document_get_can_undo (doc));
    }
}

static void
test_alias_elsewhere (void)
{
  /* Anchors and aliases only block edits through them, not beside them. */
  EDIT ("---\na: &x foo\nb: *x\nc: 1\nd: [1]\n---\n",
        set_ok (doc, "c", "2", CURATOR_SCALAR_AUTO);
        unset_ok (doc, "d");
        set_ok (doc, "e", "new", CURATOR_SCALAR_AUTO),
        "---\na: &x foo\nb: *x\nc: 2\ne: new\n---\n");
}

/* The corpus: every top-level scalar of a sample of real files set to
 * another value and back, every list appended to and every key removed,
 * each undone: all verified, the bytes back to the original. */
static void
test_corpus (void)
{
  g_autofree char *root = curator_test_corpus_path ("medigy", "communities-of-practice", NULL);
  g_autoptr(GPtrArray) dirs = g_ptr_array_new_with_free_func (g_free);
  guint n_files = 0, n_edits = 0, n_scalars = 0, n_restored = 0;

  if (root == NULL)
    return;
  g_ptr_array_add (dirs, g_strdup (root));

  while (dirs->len > 0 && n_files < 150)
    {
      g_autofree char *dir_path = g_ptr_array_steal_index (dirs, dirs->len - 1);
      g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL && n_files < 150)
        {
          g_autofree char *path = g_build_filename (dir_path, name, NULL);
          g_autofree char *text = NULL;
          g_autoptr(CuratorDocument) doc = NULL;
          guint n;

          if (g_file_test (path, G_FILE_TEST_IS_DIR))
            {
              g_ptr_array_add (dirs, g_steal_pointer (&path));
              continue;
            }
          if (!g_str_has_suffix (name, ".md") || !g_file_get_contents (path, &text, NULL, NULL))
            continue;
          doc = document_from_text (text);
          if (!curator_document_get_editable (doc))
            continue;
          n_files++;

          n = curator_node_get_n_children (curator_document_get_root (doc));
          for (guint i = 0; i < n; i++)
            {
              g_autofree char *key_path = curator_node_dup_key_path (curator_node_get_child (curator_document_get_root (doc), i));
              const CuratorNode *node = curator_document_lookup (doc, key_path, NULL);
              g_autoptr(GError) error = NULL;

              if (curator_node_get_anchor (node) != NULL)
                continue;
              if (curator_node_get_kind (node) == CURATOR_NODE_SCALAR)
                {
                  g_autofree char *old = g_strdup (curator_node_get_value (node));
                  CuratorScalarType type = curator_node_get_scalar_type (node);
                  g_autofree char *now = NULL;

                  n_edits++;
                  n_scalars++;
                  if (!curator_document_set_value (doc, key_path, "Curator: a #test", CURATOR_SCALAR_STRING, &error)
                      || !curator_document_set_value (doc, key_path, old, type, &error))
                    g_error ("%s: %s: %s", path, key_path, error->message);
                  now = document_text (doc);
                  if (g_strcmp0 (now, text) == 0)
                    n_restored++;
                  else
                    g_test_message ("%s: %s set back differs", path, key_path);
                }
              else if (curator_node_get_kind (node) == CURATOR_NODE_SEQUENCE)
                {
                  n_edits++;
                  if (!curator_document_insert_item (doc, key_path, curator_node_get_n_children (node),
                                                     "appended", CURATOR_SCALAR_STRING, &error))
                    g_error ("%s: %s: %s", path, key_path, error->message);
                }
              if (!curator_document_unset (doc, key_path, &error))
                g_error ("%s: %s: %s", path, key_path, error->message);
              while (curator_document_undo (doc))
                ;
              assert_text (doc, text);
              g_assert_false (curator_document_get_modified (doc));
            }
        }
    }

  g_test_message ("%u files, %u edits, %u of %u scalar set-backs restored the bytes",
                  n_files, n_edits, n_restored, n_scalars);
  /* The sample has more than 60 files there, the whole corpus hundreds. */
  g_assert_cmpuint (n_files, >=, 60);
  g_assert_cmpuint (n_restored, ==, n_scalars);
}

/* The largest front matter of the corpus (a 200 KB hospital profile):
 * each edit re-parses and verifies the whole of it, changes nothing but
 * the title's line, and undo gives the file back. */
static void
test_corpus_large (void)
{
  g_autofree char *path = curator_test_corpus_path ("medigy", "profiles", "institutional-profiles",
                                                    "healthcare-delivery-organizations", "content-auto",
                                                    "profile", "regulated", "institution", "us-dhhs-cms",
                                                    "hospital", "alabama-choctaw-general-hospital-11304.md",
                                                    NULL);
  g_autofree char *text = NULL;
  g_autoptr(CuratorDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  const char *title_line;
  gsize title_end;
  gint64 start, elapsed;
  guint n_edits = 20;

  if (path == NULL)
    return;
  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (text), >, 150 * 1024);
  title_line = strstr (text, "\ntitle: ");
  g_assert_nonnull (title_line);
  title_line++;
  title_end = strchr (title_line, '\n') - text;

  doc = document_from_text (text);
  g_assert_true (curator_document_get_editable (doc));
  start = g_get_monotonic_time ();
  for (guint i = 0; i < n_edits; i++)
    {
      g_autofree char *title = g_strdup_printf ("Choctaw General Hospital (%u)", i);
      g_autofree char *line = g_strdup_printf ("title: %s", title);
      g_autofree char *now = NULL;
      gsize line_start = title_line - text;

      set_ok (doc, "title", title, CURATOR_SCALAR_AUTO);
      now = document_text (doc);
      /* Only the title's line differs. */
      g_assert_cmpmem (now, line_start, text, line_start);
      g_assert_true (g_str_has_prefix (now + line_start, line));
      g_assert_cmpstr (now + line_start + strlen (line), ==, text + title_end);
    }
  elapsed = g_get_monotonic_time () - start;
  g_test_message ("%zu bytes: %.2f ms per verified edit", strlen (text),
                  elapsed / 1000.0 / n_edits);
  for (guint i = 0; i < n_edits; i++)
    g_assert_true (curator_document_undo (doc));
  g_assert_false (curator_document_undo (doc));
  assert_text (doc, text);
  g_assert_false (curator_document_get_modified (doc));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/edit/set/plain", test_set_plain);
  g_test_add_func ("/edit/set/ambiguous", test_set_ambiguous);
  g_test_add_func ("/edit/set/keeps-quoting", test_set_keeps_quoting);
  g_test_add_func ("/edit/set/typed", test_set_typed);
  g_test_add_func ("/edit/set/refold", test_set_refold);
  g_test_add_func ("/edit/set/multiline-breaks", test_set_multiline_breaks);
  g_test_add_func ("/edit/set/block", test_set_block);
  g_test_add_func ("/edit/set/back-restores", test_set_back_restores);
  g_test_add_func ("/edit/set/back-medigy", test_set_back_medigy);
  g_test_add_func ("/edit/keys/add", test_add_key);
  g_test_add_func ("/edit/keys/json", test_set_json);
  g_test_add_func ("/edit/keys/unset", test_unset);
  g_test_add_func ("/edit/lists/indentless", test_list_indentless);
  g_test_add_func ("/edit/lists/indented", test_list_indented);
  g_test_add_func ("/edit/lists/flow", test_list_flow);
  g_test_add_func ("/edit/lists/nested-append", test_nested_append);
  g_test_add_func ("/edit/file/commute", test_commute);
  g_test_add_func ("/edit/file/survives", test_survives);
  g_test_add_func ("/edit/file/refusals", test_refusals);
  g_test_add_func ("/edit/file/alias-elsewhere", test_alias_elsewhere);
  g_test_add_func ("/edit/corpus/keys", test_corpus);
  g_test_add_func ("/edit/corpus/large", test_corpus_large);

  return g_test_run ();
}
