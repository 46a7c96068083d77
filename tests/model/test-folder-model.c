/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "curator-model.h"

#include "curator-test-corpus.h"
#include "curator-test-utils.h"

/* The library's list: items that search and sort, and the folder model
 * that streams them in, checks them, and follows the disk. */

static CuratorFolderItem *
item_from_text (const char *path,
                const char *text)
{
  return curator_folder_item_new (curator_folder_index_entry_new_from_data (path, text, strlen (text)));
}

static void
test_fold (void)
{
  const struct { const char *text, *folded; } cases[] = {
    { "Éléphant Café", "elephant cafe" },
    { "NAÏVE façade", "naive facade" },
    { "Ünïcödé — “quotes”", "unicode — “quotes”" },
    { "ﬁ", "fi" },
    { "", "" },
    /* Invalid UTF-8 is skipped, not a crash. */
    { "a\xff" "b", "ab" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folded = curator_fold_text (cases[i].text);

      g_assert_cmpstr (folded, ==, cases[i].folded);
    }
}

static void
test_item (void)
{
  g_autoptr(CuratorFolderItem) item = item_from_text ("news/2023/Crème-brûlée.md",
                                                      "---\ntitle: Hôpital de Paris\ndate: 2020-09-14T09:59:06Z\n"
                                                      "tags: [Chronic Care, Télésanté]\n"
                                                      "description: A visit to the Urgences\ndraft: true\n---\nbody\n");
  g_autoptr(CuratorFolderItem) untitled = item_from_text ("a.md", "---\nx: 1\n---\n");
  g_autoptr(CuratorFolderItem) broken = item_from_text ("b.md", "---\ntitle: [\n---\n");
  const char *one[] = { "hopital", NULL };
  const char *two[] = { "paris", "telesante", NULL };
  const char *by_name[] = { "creme-brulee", NULL };
  const char *by_description[] = { "urgences", NULL };
  const char *missing[] = { "paris", "nowhere", NULL };
  const char *body[] = { "body", NULL };
  const char *none[] = { NULL };

  g_assert_cmpstr (curator_folder_item_get_path (item), ==, "news/2023/Crème-brûlée.md");
  g_assert_cmpstr (curator_folder_item_get_name (item), ==, "Crème-brûlée.md");
  g_assert_cmpstr (curator_folder_item_get_section (item), ==, "news/2023");
  g_assert_cmpstr (curator_folder_item_get_title (item), ==, "Hôpital de Paris");
  g_assert_cmpstr (curator_folder_item_get_date (item), ==, "2020-09-14T09:59:06Z");
  g_assert_true (curator_folder_item_get_draft (item));
  g_assert_true (curator_folder_item_has_tag (item, "Télésanté"));
  g_assert_false (curator_folder_item_has_tag (item, "telesante"));
  g_assert_null (curator_folder_item_get_problem (item));

  g_assert_true (curator_folder_item_matches (item, one));
  g_assert_true (curator_folder_item_matches (item, two));
  g_assert_true (curator_folder_item_matches (item, by_name));
  g_assert_true (curator_folder_item_matches (item, by_description));
  g_assert_true (curator_folder_item_matches (item, none));
  g_assert_false (curator_folder_item_matches (item, missing));
  g_assert_false (curator_folder_item_matches (item, body));

  /* No title: the file's name stands in, in the list and in search. */
  g_assert_cmpstr (curator_folder_item_get_title (untitled), ==, "a.md");
  g_assert_cmpstr (curator_folder_item_get_section (untitled), ==, "");
  g_assert_false (curator_folder_item_get_draft (untitled));

  g_assert_true (curator_folder_item_get_refused (broken));
  g_assert_error (curator_folder_item_get_problem (broken), CURATOR_ERROR, CURATOR_ERROR_PARSE);
}

static void
test_compare (void)
{
  CuratorFolderItem *items[] = {
    item_from_text ("z/old.md", "---\ntitle: banana\ndate: 2019-01-01\n---\n"),
    item_from_text ("a/new.md", "---\ntitle: Apple\ndate: 2021-06-01T10:00:00+02:00\n---\n"),
    item_from_text ("m/undated.md", "---\ntitle: cherry\n---\n"),
    item_from_text ("a/b/same-day.md", "---\ntitle: Éclair\ndate: '2021-06-01 09:00:00'\n---\n"),
  };
  const struct { CuratorFolderSort sort; const char *order; } cases[] = {
    { CURATOR_FOLDER_SORT_TITLE, "a/new.md z/old.md m/undated.md a/b/same-day.md" },
    /* Newest first: 09:00 UTC is after 08:00 UTC (10:00 at +02:00). */
    { CURATOR_FOLDER_SORT_DATE, "a/b/same-day.md a/new.md z/old.md m/undated.md" },
    { CURATOR_FOLDER_SORT_SECTION, "a/new.md a/b/same-day.md m/undated.md z/old.md" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
      g_autoptr(GString) order = g_string_new (NULL);

      for (guint i = 0; i < G_N_ELEMENTS (items); i++)
        g_ptr_array_add (sorted, items[i]);
      for (guint i = 0; i < sorted->len; i++)
        for (guint j = i + 1; j < sorted->len; j++)
          if (curator_folder_item_compare (sorted->pdata[i], sorted->pdata[j], cases[c].sort) > 0)
            {
              gpointer swap = sorted->pdata[i];

              sorted->pdata[i] = sorted->pdata[j];
              sorted->pdata[j] = swap;
            }
      for (guint i = 0; i < sorted->len; i++)
        g_string_append_printf (order, "%s%s", i > 0 ? " " : "", curator_folder_item_get_path (sorted->pdata[i]));
      g_assert_cmpstr (order->str, ==, cases[c].order);
      /* A total order: an item equals only itself. */
      for (guint i = 0; i < sorted->len; i++)
        g_assert_cmpint (curator_folder_item_compare (sorted->pdata[i], sorted->pdata[i], cases[c].sort), ==, 0);
    }

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    g_object_unref (items[i]);
}

static void
count_cb (gpointer  object,
          guint    *count)
{
  (*count)++;
}

static void
test_set_entry (void)
{
  g_autoptr(CuratorFolderItem) item = item_from_text ("p.md", "---\ntitle: One\n---\n");
  g_autoptr(CuratorFolderItem) other = item_from_text ("q.md", "---\ntitle: One\n---\n");
  const char *path = curator_folder_item_get_path (item);
  guint changed = 0;
  const char *two[] = { "two", NULL };
  guint revision = curator_folder_item_get_revision (item);

  g_signal_connect (item, "changed", G_CALLBACK (count_cb), &changed);
  /* What is learnt of an item holds for its revision alone. */
  g_assert_cmpuint (curator_folder_item_get_revision (other), !=, revision);

  /* The same listing: nothing to tell. */
  g_assert_false (curator_folder_item_set_entry (item, curator_folder_index_entry_new_from_data ("p.md", "---\ntitle: One\n---\nnew body\n", 27)));
  g_assert_cmpuint (changed, ==, 0);

  g_assert_true (curator_folder_item_set_entry (item, curator_folder_index_entry_new_from_data ("p.md", "---\ntitle: Two\n---\n", 19)));
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (curator_folder_item_get_revision (item), !=, revision);
  g_assert_cmpstr (curator_folder_item_get_title (item), ==, "Two");
  g_assert_true (curator_folder_item_matches (item, two));
  /* The path string outlives entries: the model's threads read it. */
  g_assert_true (curator_folder_item_get_path (item) == path);
}

/* The folder model */

typedef struct
{
  CuratorFolderModel *model;
  GPtrArray          *changes;   /* "position removed added" */
  guint               n_items;
} Watch;

static void
items_changed_cb (GListModel *list,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Watch      *watch)
{
  g_ptr_array_add (watch->changes, g_strdup_printf ("%u %u %u", position, removed, added));
  /* Each change is consistent with the count before it. */
  g_assert_cmpuint (position + removed, <=, watch->n_items);
  watch->n_items = watch->n_items - removed + added;
  g_assert_cmpuint (watch->n_items, ==, g_list_model_get_n_items (list));
}

static void
watch_init (Watch      *watch,
            const char *folder_path,
            guint       n_threads)
{
  g_autoptr(GFile) folder = g_file_new_for_path (folder_path);

  watch->model = curator_folder_model_new (folder);
  watch->changes = g_ptr_array_new_with_free_func (g_free);
  watch->n_items = 0;
  curator_folder_model_set_n_threads (watch->model, n_threads);
  g_signal_connect (watch->model, "items-changed", G_CALLBACK (items_changed_cb), watch);
}

static void
watch_clear (Watch *watch)
{
  g_assert_finalize_object (watch->model);
  g_clear_pointer (&watch->changes, g_ptr_array_unref);
}

static gboolean
model_idle (gpointer data)
{
  Watch *watch = data;

  return !curator_folder_model_get_loading (watch->model) && !curator_folder_model_get_checking (watch->model);
}

static gboolean
model_loaded (gpointer data)
{
  return !curator_folder_model_get_loading (((Watch *) data)->model);
}

static char *
list_paths (CuratorFolderModel *model)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr(CuratorFolderItem) item = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_string_append_printf (out, "%s%s", i > 0 ? " " : "", curator_folder_item_get_path (item));
    }
  return g_string_free (out, FALSE);
}

/* Streams the corpus in, in path order, with the same entries as the
 * folder index, then checks each file's whole front matter. */
static void
test_model_corpus (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(CuratorFolderIndex) index = NULL;
  Watch watch;
  guint n, n_problems = 0;

  if (curator_test_corpus_dir () == NULL)
    return;

  path = curator_test_corpus_path ("medigy", NULL);
  folder = g_file_new_for_path (path);
  index = curator_folder_index_new (folder);
  g_assert_true (curator_folder_index_build (index, NULL, NULL));

  watch_init (&watch, path, 2);
  g_assert_false (curator_folder_model_get_loading (watch.model));
  curator_folder_model_load (watch.model);
  g_assert_true (curator_folder_model_get_loading (watch.model));
  curator_test_wait_for (model_idle, &watch, "the corpus to load and be checked");
  g_assert_no_error (curator_folder_model_get_error (watch.model));

  n = g_list_model_get_n_items (G_LIST_MODEL (watch.model));
  g_assert_cmpuint (n, ==, curator_folder_index_get_n_entries (index));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CuratorFolderItem) item = g_list_model_get_item (G_LIST_MODEL (watch.model), i);
      const CuratorFolderIndexEntry *expected = curator_folder_index_get_entry (index, i);
      const CuratorFolderIndexEntry *entry = curator_folder_item_get_entry (item);
      g_autoptr(GFile) file = curator_folder_model_get_file (watch.model, item);
      guint position;

      g_assert_cmpstr (entry->path, ==, expected->path);
      g_assert_cmpstr (entry->title, ==, expected->title);
      g_assert_cmpstr (entry->date, ==, expected->date);
      g_assert_cmpstrv (entry->tags, expected->tags);
      g_assert_cmpstr (entry->description, ==, expected->description);
      /* After the check, the problem is the one the whole scan finds. */
      g_assert_true ((entry->error == NULL) == (expected->error == NULL));
      g_assert_true ((entry->warning == NULL) == (expected->warning == NULL));
      g_assert_cmpint (entry->mtime, >, 0);
      g_assert_true (curator_folder_model_find_file (watch.model, file, &position) == item);
      g_assert_cmpuint (position, ==, i);
      if (curator_folder_item_get_problem (item) != NULL)
        n_problems++;
    }
  g_test_message ("%u files, %u with problems, %u changes", n, n_problems, watch.changes->len);
  g_assert_cmpuint (n_problems, >, 0);

  /* Streamed: appended at the end each time, no change in between. */
  {
    guint appended = 0;

    for (guint i = 0; i < watch.changes->len; i++)
      {
        guint position, removed, added;

        g_assert_cmpint (sscanf (g_ptr_array_index (watch.changes, i), "%u %u %u", &position, &removed, &added), ==, 3);
        if (removed == 0)
          {
            g_assert_cmpuint (position, ==, appended);
            appended += added;
          }
        else
          /* The check: an item replaced by itself. */
          g_assert_true (removed == 1 && added == 1);
        /* A screenful first, unless the load was over before its tick. */
        if (i == 0)
          g_assert_true (added <= 64 || added == n);
      }
    g_assert_cmpuint (appended, ==, n);
  }

  {
    g_auto(GStrv) sections = curator_folder_model_dup_sections (watch.model);
    g_auto(GStrv) tags = curator_folder_model_dup_tags (watch.model);

    g_assert_cmpuint (g_strv_length (sections), >, 1);
    g_assert_true (g_strv_contains ((const char * const *) sections,
                                    "communities-of-practice/chronic-care-management/content-auto/curated-content"));
    for (guint i = 1; sections[i] != NULL; i++)
      g_assert_cmpint (strcmp (sections[i - 1], sections[i]), <, 0);
    g_assert_cmpuint (g_strv_length (tags), >, 1);
  }

  watch_clear (&watch);
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
remove_file (const char *root,
             const char *relative)
{
  g_autofree char *path = g_build_filename (root, relative, NULL);

  g_assert_cmpint (g_remove (path), ==, 0);
}

typedef struct
{
  Watch      *watch;
  const char *expected;
} ListCheck;

static gboolean
lists (gpointer data)
{
  ListCheck *check = data;
  g_autofree char *paths = list_paths (check->watch->model);

  return g_strcmp0 (paths, check->expected) == 0;
}

static void
wait_for_list (Watch      *watch,
               const char *expected)
{
  ListCheck check = { watch, expected };
  gint64 started = g_get_monotonic_time ();

  curator_test_wait_for (lists, &check, expected);
  g_test_message ("listed after %.0f ms: %s", (g_get_monotonic_time () - started) / 1000.0, expected);
}

static gboolean
title_is (gpointer data)
{
  gpointer *args = data;

  return g_strcmp0 (curator_folder_item_get_title (args[0]), args[1]) == 0;
}

static gboolean
has_problem (gpointer data)
{
  return curator_folder_item_get_problem (data) != NULL;
}

/* Created, changed, renamed, removed: the list follows within a second,
 * and a changed file keeps its item. */
static void
test_model_live (void)
{
  g_autofree char *root = curator_test_make_private_dir ("curator-live-XXXXXX");
  g_autoptr(CuratorFolderItem) item = NULL;
  const char *page = "---\ntitle: Page\n---\n";
  guint n_changed = 0;
  Watch watch;

  write_file (root, "a.md", page);
  write_file (root, "news/b.md", "---\ntitle: B\n---\n");
  write_file (root, "news/c.md", "---\ntitle: C\n---\n");

  watch_init (&watch, root, 1);
  curator_folder_model_load (watch.model);
  curator_test_wait_for (model_idle, &watch, "the folder to load");
  wait_for_list (&watch, "a.md news/b.md news/c.md");

  item = g_object_ref (curator_folder_model_find (watch.model, "news/b.md", NULL));
  g_signal_connect (item, "changed", G_CALLBACK (count_cb), &n_changed);

  write_file (root, "news/a0.md", page);
  wait_for_list (&watch, "a.md news/a0.md news/b.md news/c.md");

  /* Changed: the same item, updated in place. */
  write_file (root, "news/b.md", "---\ntitle: B, edited\n---\n");
  curator_test_wait_for (title_is, (gpointer[]) { item, "B, edited" }, "the title to change");
  g_assert_true (curator_folder_model_find (watch.model, "news/b.md", NULL) == item);
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (watch.changes, watch.changes->len - 1), ==, "2 1 1");

  /* A change that breaks the front matter shows as a problem. */
  write_file (root, "news/b.md", "---\ntitle: B\nbroken: [\n---\n");
  curator_test_wait_for (has_problem, item, "the problem to show");

  {
    g_autofree char *from = g_build_filename (root, "news", "c.md", NULL);
    g_autofree char *to = g_build_filename (root, "d.md", NULL);

    g_assert_cmpint (g_rename (from, to), ==, 0);
    wait_for_list (&watch, "a.md d.md news/a0.md news/b.md");
  }

  remove_file (root, "a.md");
  wait_for_list (&watch, "d.md news/a0.md news/b.md");

  /* New folders are walked and watched, gone ones dropped. */
  write_file (root, "new/deep/e.md", page);
  wait_for_list (&watch, "d.md new/deep/e.md news/a0.md news/b.md");
  write_file (root, "new/deep/f.md", page);
  wait_for_list (&watch, "d.md new/deep/e.md new/deep/f.md news/a0.md news/b.md");
  remove_file (root, "news/a0.md");
  remove_file (root, "news/b.md");
  {
    g_autofree char *news = g_build_filename (root, "news", NULL);

    g_assert_cmpint (g_rmdir (news), ==, 0);
  }
  wait_for_list (&watch, "d.md new/deep/e.md new/deep/f.md");

  /* A save's temporary file is never listed. */
  {
    g_autoptr(GFile) file = g_file_new_build_filename (root, "d.md", NULL);
    g_autoptr(GBytes) bytes = g_bytes_new_static ("---\ntitle: Saved\n---\n", 21);
    g_autoptr(GError) error = NULL;
    CuratorFolderItem *d = curator_folder_model_find (watch.model, "d.md", NULL);

    g_assert_true (curator_safe_file_replace (file, bytes, NULL, NULL, &error));
    g_assert_no_error (error);
    curator_test_wait_for (title_is, (gpointer[]) { d, "Saved" }, "the saved title");
    wait_for_list (&watch, "d.md new/deep/e.md new/deep/f.md");
  }

  g_clear_object (&item);
  watch_clear (&watch);
  curator_test_remove_tree (root);
}

static gboolean
run_command (const char  *dir,
             const char  *command,
             GError     **error)
{
  g_auto(GStrv) argv = NULL;
  int status;

  if (!g_shell_parse_argv (command, NULL, &argv, error))
    return FALSE;
  if (!g_spawn_sync (dir, argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, error))
    return FALSE;
  return g_spawn_check_wait_status (status, error);
}

typedef struct
{
  Watch *watch;
  guint  n_items;
} CountCheck;

static gboolean
counts (gpointer data)
{
  CountCheck *check = data;

  return g_list_model_get_n_items (G_LIST_MODEL (check->watch->model)) == check->n_items;
}

/* A git checkout of another branch: hundreds of files change at once.
 * The events are taken together into a few changes of the list. */
static void
test_model_git_checkout (void)
{
  g_autofree char *root = curator_test_make_private_dir ("curator-git-XXXXXX");
  g_autofree char *git = g_find_program_in_path ("git");
  g_autoptr(GError) error = NULL;
  guint changes_before;
  gint64 started;
  Watch watch;

  if (git == NULL)
    {
      curator_test_skip_missing ("git", "a checkout is what this test makes");
      return;
    }

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *name = g_strdup_printf ("section-%u/item-%03u.md", i % 7, i);
      g_autofree char *text = g_strdup_printf ("---\ntitle: Item %u on main\n---\n", i);

      write_file (root, name, text);
    }
  g_assert_true (run_command (root, "git init -q -b main", &error));
  g_assert_true (run_command (root, "git -c user.name=t -c user.email=t@t add -A", &error));
  g_assert_true (run_command (root, "git -c user.name=t -c user.email=t@t commit -qm main", &error));
  g_assert_true (run_command (root, "git checkout -qb other", &error));
  g_assert_no_error (error);
  /* On "other": 200 changed, 100 removed, 150 new in a new folder. */
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *name = g_strdup_printf ("section-%u/item-%03u.md", i % 7, i);
      g_autofree char *text = g_strdup_printf ("---\ntitle: Item %u on other\n---\n", i);

      if (i < 200)
        write_file (root, name, text);
      else
        remove_file (root, name);
    }
  for (guint i = 0; i < 150; i++)
    {
      g_autofree char *name = g_strdup_printf ("added/new-%03u.md", i);

      write_file (root, name, "---\ntitle: New\n---\n");
    }
  g_assert_true (run_command (root, "git -c user.name=t -c user.email=t@t add -A", &error));
  g_assert_true (run_command (root, "git -c user.name=t -c user.email=t@t commit -qm other", &error));
  g_assert_true (run_command (root, "git checkout -q main", &error));
  g_assert_no_error (error);

  watch_init (&watch, root, 2);
  curator_folder_model_load (watch.model);
  curator_test_wait_for (model_idle, &watch, "the folder to load");
  {
    CountCheck check = { &watch, 300 };

    curator_test_wait_for (counts, &check, "300 items");
  }

  changes_before = watch.changes->len;
  started = g_get_monotonic_time ();
  g_assert_true (run_command (root, "git checkout -q other", &error));
  g_assert_no_error (error);
  {
    CountCheck check = { &watch, 350 };

    curator_test_wait_for (counts, &check, "350 items after the checkout");
  }
  {
    CuratorFolderItem *changed = curator_folder_model_find (watch.model, "section-3/item-010.md", NULL);

    curator_test_wait_for (title_is, (gpointer[]) { changed, "Item 10 on other" }, "a changed title");
  }
  g_test_message ("checkout listed after %.0f ms in %u changes",
                  (g_get_monotonic_time () - started) / 1000.0, watch.changes->len - changes_before);
  g_assert_null (curator_folder_model_find (watch.model, "section-5/item-250.md", NULL));
  g_assert_nonnull (curator_folder_model_find (watch.model, "added/new-149.md", NULL));
  /* Hundreds of events, a handful of list changes. */
  g_assert_cmpuint (watch.changes->len - changes_before, <=, 5);

  watch_clear (&watch);
  curator_test_remove_tree (root);
}

/* The first items come out a screenful at a time while the folder is
 * read; once the load is over, whatever is left comes out at once. */
static void
test_model_first_batch (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *root = g_dir_make_tmp ("curator-test-folder-model-XXXXXX", &error);
  Watch watch;

  g_assert_no_error (error);
  for (guint i = 0; i < 150; i++)
    {
      g_autofree char *name = g_strdup_printf ("item-%03u.md", i);
      g_autofree char *text = g_strdup_printf ("---\ntitle: Item %u\n---\nbody\n", i);

      write_file (root, name, text);
    }

  /* Read while the main loop waits (150 small files take milliseconds;
   * it waits a second): the load's end is dispatched before the publishing
   * tick, at a higher priority, and publishes every item at once. */
  watch_init (&watch, root, 2);
  curator_folder_model_load (watch.model);
  g_usleep (G_USEC_PER_SEC);
  curator_test_wait_for (model_loaded, &watch, "the folder to load");
  g_assert_cmpuint (watch.changes->len, >=, 1);
  g_assert_cmpstr (g_ptr_array_index (watch.changes, 0), ==, "0 0 150");
  watch_clear (&watch);

  /* Read with the main loop running: the first append is at most a
   * screenful (or all, when the load was over before the first tick). */
  watch_init (&watch, root, 2);
  curator_folder_model_load (watch.model);
  curator_test_wait_for (model_loaded, &watch, "the folder to load");
  {
    guint position, removed, added;

    g_assert_cmpint (sscanf (g_ptr_array_index (watch.changes, 0), "%u %u %u", &position, &removed, &added), ==, 3);
    g_assert_true (added <= 64 || added == 150);
  }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (watch.model)), ==, 150);
  curator_test_wait_for (model_idle, &watch, "the folder's check");
  watch_clear (&watch);

  for (guint i = 0; i < 150; i++)
    {
      g_autofree char *name = g_strdup_printf ("item-%03u.md", i);

      remove_file (root, name);
    }
  g_assert_cmpint (g_rmdir (root), ==, 0);
}

static void
test_model_errors (void)
{
  g_autofree char *root = curator_test_make_private_dir ("curator-missing-XXXXXX");
  g_autofree char *missing = g_build_filename (root, "missing", NULL);
  Watch watch;

  watch_init (&watch, missing, 0);
  curator_folder_model_load (watch.model);
  curator_test_wait_for (model_loaded, &watch, "the load to fail");
  g_assert_error (curator_folder_model_get_error (watch.model), G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (watch.model)), ==, 0);
  watch_clear (&watch);

  /* Dropped while loading: the threads stop, nothing is kept alive. */
  if (curator_test_corpus_dir () != NULL)
    {
      g_autofree char *corpus = g_strdup (curator_test_corpus_dir ());

      watch_init (&watch, corpus, 2);
      curator_folder_model_load (watch.model);
      watch_clear (&watch);
    }
  curator_test_remove_tree (root);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/folder-model/fold", test_fold);
  g_test_add_func ("/folder-model/item", test_item);
  g_test_add_func ("/folder-model/compare", test_compare);
  g_test_add_func ("/folder-model/set-entry", test_set_entry);
  g_test_add_func ("/folder-model/errors", test_model_errors);
  g_test_add_func ("/folder-model/live", test_model_live);
  g_test_add_func ("/folder-model/first-batch", test_model_first_batch);
  g_test_add_func ("/folder-model/git-checkout", test_model_git_checkout);
  g_test_add_func ("/folder-model/corpus", test_model_corpus);

  return g_test_run ();
}
