/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "curator-model.h"
#include "curator-folder-index-private.h"

#include "curator-test-corpus.h"
#include "curator-test-utils.h"

static CuratorFolderIndex *
build_index (const char *path,
             guint       n_threads)
{
  g_autoptr(GFile) folder = g_file_new_for_path (path);
  g_autoptr(CuratorFolderIndex) index = curator_folder_index_new (folder);
  g_autoptr(GError) error = NULL;

  curator_folder_index_set_n_threads (index, n_threads);
  g_assert_true (curator_folder_index_build (index, NULL, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&index);
}

static gboolean
entries_equal (const CuratorFolderIndexEntry *a,
               const CuratorFolderIndexEntry *b)
{
  return g_strcmp0 (a->path, b->path) == 0 &&
         g_strcmp0 (a->title, b->title) == 0 &&
         g_strcmp0 (a->date, b->date) == 0 &&
         g_strv_equal ((const char * const *) a->tags, (const char * const *) b->tags) &&
         g_strcmp0 (a->description, b->description) == 0 &&
         a->draft == b->draft &&
         a->kind == b->kind &&
         (a->error == NULL) == (b->error == NULL) &&
         (a->error == NULL || g_strcmp0 (a->error->message, b->error->message) == 0);
}

static void
assert_tags (const CuratorFolderIndexEntry *entry,
             const char * const            *expected)
{
  g_assert_cmpstrv (entry->tags, expected);
}

static void
test_fixture_folder (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "cli", "data", "folder", NULL);
  g_autoptr(CuratorFolderIndex) index = build_index (path, 2);
  const CuratorFolderIndexEntry *entry;
  const char * const index_tags[] = { "one", "two", NULL };
  const char * const landing_tags[] = { "a", "b c", NULL };
  const char * const page_tags[] = { "dates", NULL };

  /* .hidden/ and notes.txt are not listed; paths are sorted. */
  g_assert_cmpuint (curator_folder_index_get_n_entries (index), ==, 3);

  entry = curator_folder_index_get_entry (index, 0);
  g_assert_cmpstr (entry->path, ==, "index.md");
  g_assert_cmpstr (entry->title, ==, "Folder index");
  g_assert_cmpstr (entry->date, ==, "2023-07-08T09:10:11Z");
  assert_tags (entry, index_tags);
  g_assert_cmpint (entry->kind, ==, CURATOR_FRONT_MATTER_YAML);
  g_assert_no_error (entry->error);

  entry = curator_folder_index_get_entry (index, 1);
  g_assert_cmpstr (entry->path, ==, "section/landing.html");
  g_assert_cmpstr (entry->title, ==, "Landing");
  g_assert_null (entry->date);
  assert_tags (entry, landing_tags);

  entry = curator_folder_index_get_entry (index, 2);
  g_assert_cmpstr (entry->path, ==, "section/page.markdown");
  g_assert_cmpstr (entry->title, ==, "Page in a \"section\"");
  g_assert_cmpstr (entry->date, ==, "2022-05-04");
  assert_tags (entry, page_tags);
}

static void
test_fixture_folder_fast (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "cli", "data", "folder", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (path);
  g_autoptr(CuratorFolderIndex) full = build_index (path, 1);
  g_autoptr(CuratorFolderIndex) fast = curator_folder_index_new (folder);

  curator_folder_index_set_fast (fast, TRUE);
  g_assert_true (curator_folder_index_build (fast, NULL, NULL));
  g_assert_cmpuint (curator_folder_index_get_n_entries (fast), ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_true (entries_equal (curator_folder_index_get_entry (fast, i),
                                  curator_folder_index_get_entry (full, i)));
}

/* The light path on tricky layouts: indentless lists, comments, CRLF,
 * a key that only starts like a wanted one, nested keys of the same name. */
static void
test_fast_path (void)
{
  const char *text =
    "---\r\n"
    "# title: not this\r\n"
    "titles: no\r\n"
    "meta:\r\n"
    "  title: nested\r\n"
    "tags:\r\n"
    "- one\r\n"
    "# between\r\n"
    "-   two\r\n"
    "date: 2020-01-02\r\n"
    "title: >-\r\n"
    "  folded\r\n"
    "  title\r\n"
    "---\r\n"
    "body\r\n";
  const char * const tags[] = { "one", "two", NULL };
  g_autoptr(CuratorFolderIndexEntry) fast = curator_folder_index_entry_new_from_data_fast ("x.md", text, strlen (text));
  g_autoptr(CuratorFolderIndexEntry) full = curator_folder_index_entry_new_from_data ("x.md", text, strlen (text));
  g_autoptr(CuratorFolderIndexEntry) dup = NULL;
  g_autoptr(CuratorFolderIndexEntry) broken = NULL;
  const char *dup_text = "---\ntitle: a\nx: 1\ntitle: b\n---\n";
  const char *broken_text = "---\nx: 1\ntitle: [a\n---\n";

  g_assert_no_error (fast->error);
  g_assert_cmpstr (fast->title, ==, "folded title");
  g_assert_cmpstr (fast->date, ==, "2020-01-02");
  g_assert_cmpstrv (fast->tags, tags);
  g_assert_true (entries_equal (fast, full));

  dup = curator_folder_index_entry_new_from_data_fast ("d.md", dup_text, strlen (dup_text));
  g_assert_error (dup->error, CURATOR_ERROR, CURATOR_ERROR_DUPLICATE_KEY);
  g_assert_cmpstr (dup->error->message, ==, "line 4, column 1: duplicate key “title” (first defined at line 2, column 1)");

  broken = curator_folder_index_entry_new_from_data_fast ("b.md", broken_text, strlen (broken_text));
  g_assert_error (broken->error, CURATOR_ERROR, CURATOR_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (broken->error->message, "line 4, column 1: "));
}

/* Many top-level keys: the duplicate check changes method past a few
 * dozen keys, and must find a repeat on either side of that point. */
static void
test_many_keys (void)
{
  for (guint repeat_at = 10; repeat_at <= 200; repeat_at += 190)
    {
      g_autoptr(GString) text = g_string_new ("---\n");
      g_autoptr(CuratorFolderIndexEntry) unique = NULL;
      g_autoptr(CuratorFolderIndexEntry) dup = NULL;
      g_autofree char *expected = NULL;

      for (guint i = 0; i < repeat_at; i++)
        g_string_append_printf (text, "key%u: %u\n", i, i);
      {
        g_autofree char *closed = g_strconcat (text->str, "---\n", NULL);

        unique = curator_folder_index_entry_new_from_data ("u.md", closed, strlen (closed));
        g_assert_no_error (unique->error);
      }

      /* key3 again, on line repeat_at + 2 */
      g_string_append (text, "key3: again\n---\n");
      dup = curator_folder_index_entry_new_from_data ("d.md", text->str, text->len);
      g_assert_error (dup->error, CURATOR_ERROR, CURATOR_ERROR_DUPLICATE_KEY);
      expected = g_strdup_printf ("line %u, column 1: duplicate key “key3” (first defined at line 5, column 1)",
                                  repeat_at + 2);
      g_assert_cmpstr (dup->error->message, ==, expected);
    }
}

static void
test_fixture_errors (void)
{
  struct {
    const char *name;
    CuratorFrontMatterKind kind;
    int code;   /* -1: no error */
    const char *message;
  } cases[] = {
    { "curated-item.md", CURATOR_FRONT_MATTER_YAML, -1, NULL },
    { "toml-page.md", CURATOR_FRONT_MATTER_TOML, CURATOR_ERROR_UNSUPPORTED_FORMAT,
      "line 1, column 1: TOML front matter (+++) is kept as it is but cannot be edited in forms" },
    { "dup-key.md", CURATOR_FRONT_MATTER_YAML, CURATOR_ERROR_DUPLICATE_KEY,
      "line 4, column 1: duplicate key “title” (first defined at line 2, column 1)" },
    { "parse-error.md", CURATOR_FRONT_MATTER_YAML, CURATOR_ERROR_PARSE, NULL },
    { "unterminated.md", CURATOR_FRONT_MATTER_NONE, CURATOR_ERROR_UNTERMINATED, NULL },
    { "no-front-matter.md", CURATOR_FRONT_MATTER_NONE, CURATOR_ERROR_NO_FRONT_MATTER, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "cli", "data", cases[i].name, NULL);
      g_autofree char *contents = NULL;
      g_autoptr(CuratorFolderIndexEntry) entry = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      entry = curator_folder_index_entry_new_from_data (cases[i].name, contents, length);
      g_test_message ("%s: %s", cases[i].name, entry->error ? entry->error->message : "ok");
      g_assert_cmpint (entry->kind, ==, cases[i].kind);
      if (cases[i].code < 0)
        g_assert_no_error (entry->error);
      else
        g_assert_error (entry->error, CURATOR_ERROR, cases[i].code);
      if (cases[i].message != NULL)
        g_assert_cmpstr (entry->error->message, ==, cases[i].message);
    }

  /* TOML cannot be edited, but its title, date and tags are listed. */
  {
    const char *toml = "+++\r\n# comment\r\ntitle = \"Caf\\u00e9 \\\"TOML\\\"\"  # note\r\n"
                       "date = 2019-01-01T10:00:00Z # when\r\ntags = [\"a\", 'b c' ]\r\n"
                       "[params]\r\ntitle = \"not this\"\r\n+++\r\n";
    const char * const tags[] = { "a", "b c", NULL };
    g_autoptr(CuratorFolderIndexEntry) entry = curator_folder_index_entry_new_from_data ("t.md", toml, strlen (toml));

    g_assert_cmpint (entry->kind, ==, CURATOR_FRONT_MATTER_TOML);
    g_assert_error (entry->error, CURATOR_ERROR, CURATOR_ERROR_UNSUPPORTED_FORMAT);
    g_assert_cmpstr (entry->title, ==, "Café \"TOML\"");
    g_assert_cmpstr (entry->date, ==, "2019-01-01T10:00:00Z");
    g_assert_cmpstrv (entry->tags, tags);
  }
}

/* The first scalar, keys included, in document order, that YAML 1.1 reads
 * as another type: what `curator-cli check` warns of first. */
static const CuratorNode *
first_ambiguous (const CuratorNode *node)
{
  guint n_children = curator_node_get_n_children (node);

  switch (curator_node_get_kind (node))
    {
    case CURATOR_NODE_SCALAR:
      return curator_node_is_yaml11_ambiguous (node) ? node : NULL;
    case CURATOR_NODE_MAPPING:
    case CURATOR_NODE_SEQUENCE:
      for (guint i = 0; i < n_children; i++)
        {
          const CuratorNode *found = NULL;

          if (curator_node_get_kind (node) == CURATOR_NODE_MAPPING)
            found = first_ambiguous (curator_node_get_key_node (node, i));
          if (found == NULL)
            found = first_ambiguous (curator_node_get_child (node, i));
          if (found != NULL)
            return found;
        }
      return NULL;
    case CURATOR_NODE_ALIAS:
    default:
      return NULL;
    }
}

/* The same entries whatever the number of threads, and the same title,
 * refusals and warnings as the model's tree. */
static void
test_corpus (gconstpointer data)
{
  const char *folder = data;
  g_autofree char *path = NULL;
  g_autoptr(CuratorFolderIndex) single = NULL;
  g_autoptr(CuratorFolderIndex) threaded = NULL;
  g_autoptr(GPtrArray) files = NULL;
  guint n, n_errors = 0, n_warnings = 0;

  if (curator_test_corpus_dir () == NULL)
    return;

  path = curator_test_corpus_path (folder, NULL);
  single = build_index (path, 1);
  threaded = build_index (path, 3);
  files = curator_test_corpus_files (folder);

  n = curator_folder_index_get_n_entries (single);
  g_assert_cmpuint (n, ==, files->len);
  g_assert_cmpuint (curator_folder_index_get_n_entries (threaded), ==, n);
  g_assert_cmpuint (curator_folder_index_get_n_threads_used (threaded), ==, 3);

  for (guint i = 0; i < n; i++)
    {
      const CuratorFolderIndexEntry *entry = curator_folder_index_get_entry (single, i);
      g_autoptr(GBytes) bytes = curator_test_corpus_read (g_ptr_array_index (files, i));
      g_autoptr(CuratorYamlTree) tree = NULL;
      g_autoptr(GError) tree_error = NULL;
      CuratorFrontMatterSplit split;
      gsize length;
      const char *contents = g_bytes_get_data (bytes, &length);

      g_assert_true (entries_equal (entry, curator_folder_index_get_entry (threaded, i)));

      /* The light path reads the same title, date and tags wherever the
       * front matter is valid (errors elsewhere are not its business). */
      {
        g_autoptr(CuratorFolderIndexEntry) fast = NULL;
        gsize fast_length;
        const char *fast_data = g_bytes_get_data (bytes, &fast_length);

        fast = curator_folder_index_entry_new_from_data_fast (entry->path, fast_data, fast_length);
        g_assert_cmpint (fast->kind, ==, entry->kind);
        if (entry->error == NULL)
          {
            g_assert_no_error (fast->error);
            g_assert_cmpstr (fast->title, ==, entry->title);
            g_assert_cmpstr (fast->date, ==, entry->date);
            g_assert_cmpstrv (fast->tags, entry->tags);
            g_assert_cmpstr (fast->description, ==, entry->description);
            g_assert_cmpint (fast->draft, ==, entry->draft);
          }
      }
      g_assert_true (g_str_has_suffix (g_ptr_array_index (files, i), entry->path));

      if (entry->error != NULL)
        n_errors++;
      if (!curator_front_matter_split (contents, length, &split, NULL) ||
          split.kind != CURATOR_FRONT_MATTER_YAML)
        {
          g_assert_nonnull (entry->error);
          continue;
        }

      tree = curator_yaml_tree_parse (bytes, split.front_matter_start, split.front_matter_end, &tree_error);
      if (tree == NULL)
        {
          /* The index refuses the top level only: a nested duplicate key
           * is the model's business when the file is opened. */
          if (entry->error == NULL)
            g_test_message ("%s: the index reads it, the model refuses it: %s",
                            entry->path, tree_error->message);
          continue;
        }

      g_assert_no_error (entry->error);
      {
        const CuratorNode *ambiguous = first_ambiguous (curator_yaml_tree_get_root (tree));

        if (ambiguous != NULL)
          {
            g_autofree char *where = g_strdup_printf ("line %u, column %u: ",
                                                      curator_node_get_line (ambiguous),
                                                      curator_node_get_column (ambiguous));

            g_assert_nonnull (entry->warning);
            g_assert_true (g_str_has_prefix (entry->warning->message, where));
            n_warnings++;
          }
        else
          g_assert_null (entry->warning);
      }
      {
        const CuratorNode *root = curator_yaml_tree_get_root (tree);
        const CuratorNode *title = curator_node_get_kind (root) == CURATOR_NODE_MAPPING ?
                                   curator_node_lookup_key (root, "title") : NULL;

        if (title != NULL && curator_node_get_kind (title) == CURATOR_NODE_SCALAR &&
            curator_node_get_scalar_type (title) != CURATOR_SCALAR_NULL)
          g_assert_cmpstr (entry->title, ==, curator_node_get_value (title));
        else
          g_assert_null (entry->title);
      }
      {
        const CuratorNode *root = curator_yaml_tree_get_root (tree);
        const CuratorNode *description = curator_node_get_kind (root) == CURATOR_NODE_MAPPING ?
                                         curator_node_lookup_key (root, "description") : NULL;

        if (description != NULL && curator_node_get_kind (description) == CURATOR_NODE_SCALAR &&
            curator_node_get_scalar_type (description) != CURATOR_SCALAR_NULL)
          g_assert_cmpstr (entry->description, ==, curator_node_get_value (description));
        else
          g_assert_null (entry->description);
      }
    }

  g_test_message ("%s: %u files, %u with errors, %u with warnings", folder, n, n_errors, n_warnings);
}

/* The edge cases as front matter: the index refuses what the document
 * refuses, in the same words (duplicate keys, parse errors, long keys). */
static void
test_edge_messages (void)
{
  g_autoptr(GPtrArray) files = NULL;
  guint n_refused = 0;

  if (curator_test_corpus_dir () == NULL)
    return;

  files = curator_test_corpus_files ("edge");
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autoptr(GBytes) bytes = curator_test_corpus_read (path);
      g_autoptr(CuratorDocument) document = curator_document_new (NULL);
      g_autoptr(CuratorFolderIndexEntry) entry = NULL;
      const GError *load_error;
      gsize length;
      const char *data = g_bytes_get_data (bytes, &length);

      g_assert_true (curator_document_load_from_bytes (document, bytes, NULL));
      load_error = curator_document_get_load_error (document);
      entry = curator_folder_index_entry_new_from_data (path, data, length);

      /* The document also refuses complex keys below the top level, which
       * the index does not look at; everything else must match. */
      if (load_error == NULL || g_error_matches (load_error, CURATOR_ERROR, CURATOR_ERROR_COMPLEX_KEY))
        continue;
      g_test_message ("%s: %s", path, load_error->message);
      g_assert_nonnull (entry->error);
      g_assert_cmpstr (entry->error->message, ==, load_error->message);
      n_refused++;
    }

  g_assert_cmpuint (n_refused, >=, 4);
}

static void
write_file (const char *root,
            const char *relative,
            const char *contents)
{
  g_autofree char *path = g_build_filename (root, relative, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static void
make_link (const char *root,
           const char *relative,
           const char *target)
{
  g_autofree char *path = g_build_filename (root, relative, NULL);

  g_assert_cmpint (symlink (target, path), ==, 0);
}

static char *
join_paths (GPtrArray *paths)
{
  g_ptr_array_add (paths, NULL);
  return g_strjoinv (" ", (char **) paths->pdata);
}

/* What the walk lists and what it skips, and links to folders: followed
 * once, never round a loop, and a folder reached twice listed once. */
static void
test_walk (void)
{
  g_autofree char *tmp = curator_test_make_private_dir ("curator-walk-XXXXXX");
  g_autofree char *root = g_build_filename (tmp, "root", NULL);
  g_autofree char *outside = g_build_filename (tmp, "outside", NULL);
  g_autofree char *listed = NULL;
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(GError) error = NULL;
  const char *page = "---\ntitle: x\n---\n";

  write_file (root, "a.md", page);
  write_file (root, ".hidden.md", page);
  write_file (root, ".git/x.md", page);
  write_file (root, "notes.txt", page);
  write_file (root, "node_modules/pkg/readme.md", page);
  write_file (root, "section/node_modules/b.md", page);
  /* Not a site's root: public/ and resources/ here are content sections. */
  write_file (root, "public/p.md", page);
  write_file (root, "section/resources/r.md", page);
  /* A Hugo site: what it builds is skipped. */
  write_file (root, "site/hugo.toml", "title = 'x'\n");
  write_file (root, "site/content/post.md", page);
  write_file (root, "site/public/index.html", page);
  write_file (root, "site/resources/_gen/x.md", page);
  write_file (root, "old-site/content/c.md", page);
  write_file (root, "old-site/public/index.html", page);
  write_file (outside, "e.md", page);

  make_link (root, "loop", ".");                 /* the root again */
  make_link (root, "section/up", "../section");  /* its own folder */
  make_link (root, "again", "section");          /* a folder listed already */
  make_link (root, "z-outside", outside);        /* out of the tree, twice */
  make_link (root, "y-outside", outside);
  make_link (outside, "back", root);             /* and from there back in */
  make_link (root, "dangling", "nowhere");
  make_link (root, "dangling.md", "nowhere.md");
  make_link (root, "linked.md", "a.md");         /* a link to a file is listed */
  make_link (root, "public-link", "site/public");

  paths = curator_folder_index_list_files (root, &error);
  g_assert_no_error (error);
  listed = join_paths (paths);
  g_assert_cmpstr (listed, ==,
                   "a.md linked.md old-site/content/c.md public-link/index.html public/p.md "
                   "section/resources/r.md site/content/post.md y-outside/e.md");

  /* The folders walked, for the live watch: each once. */
  {
    g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GPtrArray) folders = g_ptr_array_new_with_free_func (g_free);
    g_autofree char *walked = NULL;

    g_assert_true (_curator_folder_index_walk (root, files, folders, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (files->len, ==, 8);
    walked = join_paths (folders);
    g_assert_cmpstr (walked, ==,
                     " old-site old-site/content public public-link section section/resources "
                     "site site/content y-outside");
  }

  /* A folder that cannot be listed is an error; a file name is not a folder. */
  {
    g_autofree char *missing = g_build_filename (tmp, "missing", NULL);
    g_autofree char *file = g_build_filename (root, "a.md", NULL);
    g_autoptr(GError) missing_error = NULL;
    g_autoptr(GError) file_error = NULL;

    g_assert_null (curator_folder_index_list_files (missing, &missing_error));
    g_assert_error (missing_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    g_assert_null (curator_folder_index_list_files (file, &file_error));
    g_assert_error (file_error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
  }

  curator_test_remove_tree (tmp);
}

/* Description and draft come with the listing; the whole scan also finds
 * what `check` warns of, and a file read from disk has its time. */
static void
test_description_draft_warning (void)
{
  const char *text =
    "---\n"
    "title: T\n"
    "description: >-\n"
    "  Two\n"
    "  lines\n"
    "draft: true\n"
    "meta:\n"
    "  answer: yes\n"
    "---\n";
  const char *quoted = "---\ndraft: 'true'\ndescription: ~\n---\n";
  const char *toml = "+++\ndescription = \"TOML café\"\ndraft = true\n+++\n";
  g_autoptr(CuratorFolderIndexEntry) full = curator_folder_index_entry_new_from_data ("x.md", text, strlen (text));
  g_autoptr(CuratorFolderIndexEntry) fast = curator_folder_index_entry_new_from_data_fast ("x.md", text, strlen (text));
  g_autoptr(CuratorFolderIndexEntry) not_draft = curator_folder_index_entry_new_from_data ("q.md", quoted, strlen (quoted));
  g_autoptr(CuratorFolderIndexEntry) toml_entry = curator_folder_index_entry_new_from_data ("t.md", toml, strlen (toml));

  g_assert_no_error (full->error);
  g_assert_cmpstr (full->description, ==, "Two lines");
  g_assert_true (full->draft);
  g_assert_error (full->warning, CURATOR_ERROR, CURATOR_ERROR_PARSE);
  g_assert_cmpstr (full->warning->message, ==,
                   "line 8, column 11: “yes” is text here (YAML 1.2) but YAML 1.1 parsers read it as "
                   "another type; quote it to keep every reader in agreement");
  g_assert_cmpint (full->mtime, ==, 0);

  g_assert_cmpstr (fast->description, ==, "Two lines");
  g_assert_true (fast->draft);
  g_assert_null (fast->warning);

  g_assert_false (not_draft->draft);
  g_assert_null (not_draft->description);
  g_assert_null (not_draft->warning);

  g_assert_cmpstr (toml_entry->description, ==, "TOML café");
  g_assert_true (toml_entry->draft);

  {
    g_autofree char *tmp = curator_test_make_private_dir ("curator-entry-XXXXXX");
    g_autofree char *path = g_build_filename (tmp, "page.md", NULL);
    g_autoptr(GByteArray) buffer = g_byte_array_new ();
    g_autoptr(CuratorFolderIndexEntry) read = NULL;
    g_autoptr(CuratorFolderIndexEntry) missing = NULL;
    CuratorFileStamp stamp;
    GStatBuf buf;

    g_assert_true (g_file_set_contents (path, text, -1, NULL));
    g_assert_cmpint (g_stat (path, &buf), ==, 0);
    read = _curator_folder_index_read_entry (tmp, "page.md", TRUE, buffer, &stamp);
    g_assert_no_error (read->error);
    g_assert_cmpstr (read->path, ==, "page.md");
    g_assert_cmpstr (read->title, ==, "T");
    g_assert_cmpint (read->mtime / G_USEC_PER_SEC, ==, buf.st_mtime);
    g_assert_cmpint (stamp.mtime, ==, read->mtime);
    g_assert_cmpint (stamp.size, ==, strlen (text));
    g_assert_cmpuint (stamp.ino, ==, buf.st_ino);

    missing = _curator_folder_index_read_entry (tmp, "gone.md", TRUE, buffer, &stamp);
    g_assert_error (missing->error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
    g_assert_cmpstr (missing->path, ==, "gone.md");
    g_assert_nonnull (missing->tags);
    g_assert_cmpint (stamp.mtime, ==, 0);
    curator_test_remove_tree (tmp);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/folder-index/fixture-folder", test_fixture_folder);
  g_test_add_func ("/cli/folder-index/fixture-errors", test_fixture_errors);
  g_test_add_func ("/cli/folder-index/fixture-folder-fast", test_fixture_folder_fast);
  g_test_add_func ("/cli/folder-index/fast-path", test_fast_path);
  g_test_add_func ("/cli/folder-index/edge-messages", test_edge_messages);
  g_test_add_func ("/cli/folder-index/many-keys", test_many_keys);
  g_test_add_func ("/cli/folder-index/walk", test_walk);
  g_test_add_func ("/cli/folder-index/description-draft-warning", test_description_draft_warning);
  g_test_add_data_func ("/cli/folder-index/corpus/medigy", "medigy", test_corpus);
  g_test_add_data_func ("/cli/folder-index/corpus/hugodocs", "hugodocs", test_corpus);

  return g_test_run ();
}
