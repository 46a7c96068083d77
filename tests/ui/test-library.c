/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-library"

#include "config.h"

#include "curator-bulk-edit-dialog.h"
#include "curator-library.h"
#include "curator-library-filter.h"
#include "curator-library-row.h"
#include "curator-test-corpus.h"
#include "curator-test-utils.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

/* The library on its own, in a window of its own: the real widgets on the
 * corpus, driven as a user drives them (the search entry, the actions its
 * buttons and keys run, rows selected in the list). */

typedef struct
{
  GtkWindow      *window;
  CuratorLibrary *library;
  GPtrArray      *opened;   /* GFile: what "open-file" asked for */
} Fixture;

static void
open_file_cb (CuratorLibrary *library,
              GFile          *file,
              Fixture        *fixture)
{
  g_ptr_array_add (fixture->opened, g_object_ref (file));
}

static gboolean
library_loaded (gpointer data)
{
  CuratorFolderModel *model = curator_library_get_model (data);

  return model != NULL && !curator_folder_model_get_loading (model) && !curator_folder_model_get_checking (model);
}

static void
fixture_open (Fixture    *fixture,
              const char *folder_path)
{
  g_autoptr(GFile) folder = g_file_new_for_path (folder_path);

  fixture->opened = g_ptr_array_new_with_free_func (g_object_unref);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  fixture->library = CURATOR_LIBRARY (curator_library_new ());
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->library));
  gtk_window_set_default_size (fixture->window, 360, 700);
  gtk_window_present (fixture->window);
  g_signal_connect (fixture->library, "open-file", G_CALLBACK (open_file_cb), fixture);

  curator_library_set_folder (fixture->library, folder);
  curator_test_wait_for (library_loaded, fixture->library, "the folder to be listed and checked");
}

static void
fixture_close (Fixture *fixture)
{
  CuratorFolderModel *model = curator_library_get_model (fixture->library);

  /* The model goes with the library: nothing keeps either alive. */
  g_object_add_weak_pointer (G_OBJECT (model), (gpointer *) &model);
  g_object_ref (fixture->window);
  gtk_window_destroy (fixture->window);
  g_assert_finalize_object (fixture->window);
  g_assert_null (model);
  g_clear_pointer (&fixture->opened, g_ptr_array_unref);
}

static guint
n_shown (Fixture *fixture)
{
  return g_list_model_get_n_items (curator_library_get_shown (fixture->library));
}

static CuratorFolderItem *
shown_item (Fixture *fixture,
            guint    position)
{
  CuratorFolderItem *item = g_list_model_get_item (curator_library_get_shown (fixture->library), position);

  g_object_unref (item);   /* the model keeps it */
  return item;
}

static void
search (Fixture    *fixture,
        const char *text)
{
  GtkWidget *entry = curator_library_get_search_entry (fixture->library);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

static char *
accessible_label (GtkWidget *widget)
{
  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return NULL;
  /* The check returns the actual value when it differs from the one asked
   * for: ask for one no label has. */
  return gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, "\x01");
}

static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  if (CURATOR_IS_LIBRARY_ROW (widget))
    {
      g_ptr_array_add (rows, widget);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

/* The rows the list view has built (the visible ones and a few more). */
static GPtrArray *
built_rows (Fixture *fixture)
{
  GPtrArray *rows = g_ptr_array_new ();

  collect_rows (curator_library_get_list_view (fixture->library), rows);
  return rows;
}

static gboolean
rows_built (gpointer data)
{
  Fixture *fixture = data;
  g_autoptr(GPtrArray) rows = built_rows (fixture);

  for (guint i = 0; i < rows->len; i++)
    if (curator_library_row_get_item (g_ptr_array_index (rows, i)) != NULL && gtk_widget_get_mapped (g_ptr_array_index (rows, i)))
      return TRUE;
  return FALSE;
}

static void
assert_rows_named_by_title (Fixture *fixture)
{
  g_autoptr(GPtrArray) rows = NULL;
  guint n_checked = 0;

  curator_test_wait_for (rows_built, fixture, "rows on screen");
  rows = built_rows (fixture);
  for (guint i = 0; i < rows->len; i++)
    {
      CuratorFolderItem *item = curator_library_row_get_item (g_ptr_array_index (rows, i));
      g_autofree char *label = NULL;

      if (item == NULL)
        continue;
      label = accessible_label (g_ptr_array_index (rows, i));
      g_assert_nonnull (label);
      g_assert_true (g_str_has_prefix (label, curator_folder_item_get_title (item)));
      n_checked++;
    }
  g_assert_cmpuint (n_checked, >, 3);
}

static void
set_sort (Fixture    *fixture,
          const char *sort)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->library), "library.sort", "s", sort));
}

static void
assert_sorted (Fixture           *fixture,
               CuratorFolderSort  sort)
{
  for (guint i = 1; i < n_shown (fixture); i++)
    g_assert_cmpint (curator_folder_item_compare (shown_item (fixture, i - 1), shown_item (fixture, i), sort), <, 0);
}

/* The corpus: every file listed, rows named by their titles; search,
 * sort and filter, as the entry and the menu set them. */
static void
test_corpus (void)
{
  g_autoptr(CuratorFolderIndex) index = NULL;
  g_autoptr(GFile) folder = NULL;
  Fixture fixture = { 0 };
  guint n_all, n_problems = 0;
  const char *words[] = { "chronic", "care", NULL };

  if (curator_test_corpus_dir () == NULL)
    return;

  folder = g_file_new_for_path (curator_test_corpus_dir ());
  index = curator_folder_index_new (folder);
  g_assert_true (curator_folder_index_build (index, NULL, NULL));

  fixture_open (&fixture, curator_test_corpus_dir ());
  n_all = n_shown (&fixture);
  g_assert_cmpuint (n_all, ==, curator_folder_index_get_n_entries (index));
  assert_rows_named_by_title (&fixture);
  assert_sorted (&fixture, CURATOR_FOLDER_SORT_SECTION);

  /* Search as you type: every word, anywhere in the listing text. */
  search (&fixture, "Chronic");
  search (&fixture, "Chronic Care");
  g_assert_cmpuint (n_shown (&fixture), >, 0);
  g_assert_cmpuint (n_shown (&fixture), <, n_all);
  for (guint i = 0; i < n_shown (&fixture); i++)
    g_assert_true (curator_folder_item_matches (shown_item (&fixture, i), words));
  assert_rows_named_by_title (&fixture);
  search (&fixture, "");
  g_assert_cmpuint (n_shown (&fixture), ==, n_all);

  set_sort (&fixture, "title");
  assert_sorted (&fixture, CURATOR_FOLDER_SORT_TITLE);
  set_sort (&fixture, "date");
  assert_sorted (&fixture, CURATOR_FOLDER_SORT_DATE);
  set_sort (&fixture, "modified");
  assert_sorted (&fixture, CURATOR_FOLDER_SORT_MODIFIED);
  set_sort (&fixture, "section");
  assert_sorted (&fixture, CURATOR_FOLDER_SORT_SECTION);

  /* Files with problems: what the model refuses or check warns of. */
  for (guint i = 0; i < curator_folder_index_get_n_entries (index); i++)
    if (curator_folder_index_get_entry (index, i)->error != NULL || curator_folder_index_get_entry (index, i)->warning != NULL)
      n_problems++;
  g_assert_cmpuint (n_problems, >, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.library), "library.problems", NULL));
  g_assert_cmpuint (n_shown (&fixture), ==, n_problems);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.library), "library.problems", NULL));
  g_assert_cmpuint (n_shown (&fixture), ==, n_all);

  /* A tag and a section, as the menu lists them. */
  {
    g_auto(GStrv) tags = curator_folder_model_dup_tags (curator_library_get_model (fixture.library));
    g_auto(GStrv) sections = curator_folder_model_dup_sections (curator_library_get_model (fixture.library));
    CuratorLibraryFilter *filter = CURATOR_LIBRARY_FILTER (curator_library_get_filter (fixture.library));
    const char *section = sections[g_strv_length (sections) / 2];

    curator_library_filter_set_tag (filter, tags[0]);
    g_assert_cmpuint (n_shown (&fixture), >, 0);
    for (guint i = 0; i < n_shown (&fixture); i++)
      g_assert_true (curator_folder_item_has_tag (shown_item (&fixture, i), tags[0]));
    curator_library_filter_set_tag (filter, NULL);

    curator_library_filter_set_section (filter, section);
    g_assert_cmpuint (n_shown (&fixture), >, 0);
    for (guint i = 0; i < n_shown (&fixture); i++)
      g_assert_cmpstr (curator_folder_item_get_section (shown_item (&fixture, i)), ==, section);
    /* New files go to the section chosen. */
    {
      g_autoptr(GFile) chosen = curator_library_dup_selected_section (fixture.library);
      g_autoptr(GFile) expected = g_file_resolve_relative_path (folder, section);

      g_assert_true (g_file_equal (chosen, expected));
    }
    curator_library_filter_set_section (filter, NULL);
    g_assert_cmpuint (n_shown (&fixture), ==, n_all);
  }

  fixture_close (&fixture);
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

static char *
make_fixture_folder (void)
{
  char *root = curator_test_make_private_dir ("curator-library-XXXXXX");

  write_file (root, "news/eclair.md", "---\ntitle: Un Éclair à Paris\ndate: 2021-03-04\ntags: [Pâtisserie]\n---\n");
  write_file (root, "news/draft.md", "---\ntitle: Not Yet\ndraft: true\ndescription: Coming soon to the hospital\n---\n");
  write_file (root, "events/no-title.md", "---\ndate: 2020-01-01\n---\n");
  write_file (root, "events/broken.md", "---\ntitle: Broken\nx: [\n---\n");
  write_file (root, "top.md", "---\ntitle: Top\n---\n");
  return root;
}

static void
assert_search (Fixture    *fixture,
               const char *text,
               const char *expected_title)
{
  search (fixture, text);
  g_assert_cmpuint (n_shown (fixture), ==, 1);
  g_assert_cmpstr (curator_folder_item_get_title (shown_item (fixture, 0)), ==, expected_title);
}

/* Search ignores case and accents, and reads the file name, the tags and
 * the description; filters for drafts and problems; Ctrl+F. */
static void
test_search_and_filter (void)
{
  g_autofree char *root = make_fixture_folder ();
  Fixture fixture = { 0 };

  fixture_open (&fixture, root);
  g_assert_cmpuint (n_shown (&fixture), ==, 5);

  assert_search (&fixture, "ECLAIR", "Un Éclair à Paris");
  assert_search (&fixture, "à pâris", "Un Éclair à Paris");
  assert_search (&fixture, "patisserie", "Un Éclair à Paris");
  assert_search (&fixture, "hospital", "Not Yet");
  assert_search (&fixture, "no-title", "no-title.md");
  search (&fixture, "éclair nowhere");
  g_assert_cmpuint (n_shown (&fixture), ==, 0);
  search (&fixture, "");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.library), "library.drafts", NULL));
  g_assert_cmpuint (n_shown (&fixture), ==, 1);
  g_assert_cmpstr (curator_folder_item_get_title (shown_item (&fixture, 0)), ==, "Not Yet");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.library), "library.drafts", NULL));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.library), "library.problems", NULL));
  g_assert_cmpuint (n_shown (&fixture), ==, 1);
  g_assert_cmpstr (curator_folder_item_get_title (shown_item (&fixture, 0)), ==, "Broken");
  g_assert_true (curator_folder_item_get_refused (shown_item (&fixture, 0)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.library), "library.problems", NULL));

  /* Ctrl+F: the search entry takes the focus. */
  gtk_widget_grab_focus (curator_library_get_list_view (fixture.library));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.library), "library.search", NULL));
  g_assert_true (gtk_widget_is_focus (gtk_root_get_focus (GTK_ROOT (fixture.window))) &&
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture.window)),
                                         curator_library_get_search_entry (fixture.library)));
  {
    g_autofree char *label = accessible_label (curator_library_get_search_entry (fixture.library));

    g_assert_cmpstr (label, ==, "Search Files");
  }

  fixture_close (&fixture);
  curator_test_remove_tree (root);
}

static GFile *
file_of (Fixture    *fixture,
         const char *relative)
{
  return g_file_resolve_relative_path (curator_library_get_folder (fixture->library), relative);
}

static void
assert_opened (Fixture    *fixture,
               const char *relative)
{
  g_autoptr(GFile) expected = file_of (fixture, relative);

  g_autofree char *opened = NULL;

  g_assert_cmpuint (fixture->opened->len, >, 0);
  opened = g_file_get_relative_path (curator_library_get_folder (fixture->library),
                                     g_ptr_array_index (fixture->opened, fixture->opened->len - 1));
  g_assert_cmpstr (opened, ==, relative);
  g_assert_true (g_file_equal (g_ptr_array_index (fixture->opened, fixture->opened->len - 1), expected));
}

static guint
selected_position (Fixture *fixture)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (curator_library_get_selection (fixture->library));

  g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 1);
  return gtk_bitset_get_nth (selected, 0);
}

/* Selecting a row asks to open it; the window says which file it shows;
 * next and previous move through the list as sorted and filtered. */
static void
test_select_and_move (void)
{
  g_autofree char *root = make_fixture_folder ();
  g_autoptr(GFile) top = NULL;
  Fixture fixture = { 0 };

  fixture_open (&fixture, root);
  set_sort (&fixture, "title");
  /* Broken, no-title.md, Not Yet, Top, Un Éclair à Paris */
  g_assert_cmpstr (curator_folder_item_get_title (shown_item (&fixture, 0)), ==, "Broken");

  gtk_selection_model_select_item (curator_library_get_selection (fixture.library), 2, TRUE);
  assert_opened (&fixture, "news/draft.md");
  g_assert_cmpuint (fixture.opened->len, ==, 1);

  /* The editor shows another file (say the user cancelled): its row is
   * selected, and nothing more is asked to open. */
  top = file_of (&fixture, "top.md");
  curator_library_set_current_file (fixture.library, top);
  g_assert_cmpuint (selected_position (&fixture), ==, 3);
  g_assert_cmpuint (fixture.opened->len, ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.library), "library.next", NULL));
  assert_opened (&fixture, "news/eclair.md");
  {
    g_autoptr(GFile) eclair = file_of (&fixture, "news/eclair.md");

    curator_library_set_current_file (fixture.library, eclair);
  }
  /* The last one: no next. */
  g_assert_false (curator_library_move (fixture.library, 1));
  g_assert_cmpuint (fixture.opened->len, ==, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.library), "library.previous", NULL));
  assert_opened (&fixture, "top.md");

  /* Filtered: the previous row shown ("Un Éclair" has no "o"). */
  curator_library_set_current_file (fixture.library, top);
  search (&fixture, "o");
  g_assert_cmpuint (n_shown (&fixture), ==, 4);
  g_assert_true (curator_library_move (fixture.library, -1));
  assert_opened (&fixture, "news/draft.md");

  fixture_close (&fixture);
  curator_test_remove_tree (root);
}

static GtkAdjustment *
list_adjustment (Fixture *fixture)
{
  return gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (curator_library_get_list_view (fixture->library)));
}

typedef struct
{
  CuratorFolderItem *item;
  const char        *title;
} TitleCheck;

static gboolean
title_is (gpointer data)
{
  TitleCheck *check = data;

  return g_strcmp0 (curator_folder_item_get_title (check->item), check->title) == 0;
}

static gboolean
adjustment_settled (gpointer data)
{
  return gtk_adjustment_get_value (data) > 0;
}

static gboolean
has_201 (gpointer data)
{
  return n_shown (data) == 201;
}

/* A file changed on disk while listed: its row says so at once, and the
 * selection and the scroll stay where they were. */
static void
test_changed_on_disk (void)
{
  g_autofree char *root = curator_test_make_private_dir ("curator-library-live-XXXXXX");
  g_autoptr(GFile) current = NULL;
  CuratorFolderItem *item;
  Fixture fixture = { 0 };
  double scrolled;
  guint position;

  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *name = g_strdup_printf ("items/item-%03u.md", i);
      g_autofree char *text = g_strdup_printf ("---\ntitle: Item %03u\n---\n", i);

      write_file (root, name, text);
    }
  fixture_open (&fixture, root);
  set_sort (&fixture, "title");

  current = file_of (&fixture, "items/item-120.md");
  curator_library_set_current_file (fixture.library, current);
  position = selected_position (&fixture);
  g_assert_cmpuint (position, ==, 120);
  curator_test_wait_for (adjustment_settled, list_adjustment (&fixture), "the list to scroll to the current file");
  scrolled = gtk_adjustment_get_value (list_adjustment (&fixture));

  /* The file above it, and the current file itself, change on disk. */
  write_file (root, "items/item-010.md", "---\ntitle: Item 010, edited\n---\n");
  write_file (root, "items/item-120.md", "---\ntitle: Item 120, edited elsewhere\n---\n");
  item = curator_folder_model_find (curator_library_get_model (fixture.library), "items/item-120.md", NULL);
  curator_test_wait_for (title_is, &(TitleCheck) { item, "Item 120, edited elsewhere" }, "the row to change");
  item = curator_folder_model_find (curator_library_get_model (fixture.library), "items/item-010.md", NULL);
  curator_test_wait_for (title_is, &(TitleCheck) { item, "Item 010, edited" }, "the other row to change");

  g_assert_cmpuint (selected_position (&fixture), ==, 120);
  g_assert_cmpfloat (gtk_adjustment_get_value (list_adjustment (&fixture)), ==, scrolled);
  /* Nothing was asked to open: the user did not choose anything. */
  g_assert_cmpuint (fixture.opened->len, ==, 0);

  /* A new file sorted above the view moves the selection down one row;
   * the selected file stays selected. */
  write_file (root, "items/a-new.md", "---\ntitle: A New One\n---\n");
  curator_test_wait_for (has_201, &fixture, "the new file");
  g_assert_cmpuint (selected_position (&fixture), ==, 121);
  g_assert_cmpuint (fixture.opened->len, ==, 0);

  fixture_close (&fixture);
  curator_test_remove_tree (root);
}

/* How many items of the folder a search for @text shows, drafts only
 * when @drafts: every item looked at again. */
static guint
count_matching (Fixture    *fixture,
                const char *text,
                gboolean    drafts)
{
  GListModel *all = G_LIST_MODEL (curator_library_get_model (fixture->library));
  g_autofree char *folded = curator_fold_text (text);
  g_auto(GStrv) split = g_strsplit_set (folded, " ", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) words = NULL;
  guint n = 0;

  for (guint i = 0; split[i] != NULL; i++)
    if (split[i][0] != '\0')
      g_strv_builder_add (builder, split[i]);
  words = g_strv_builder_end (builder);
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(CuratorFolderItem) item = g_list_model_get_item (all, i);

      n += curator_folder_item_matches (item, (const char * const *) words) &&
           (!drafts || curator_folder_item_get_draft (item));
    }
  return n;
}

static void
assert_search_shows (Fixture    *fixture,
                     const char *text,
                     gboolean    drafts)
{
  search (fixture, text);
  g_assert_cmpuint (n_shown (fixture), ==, count_matching (fixture, text, drafts));
}

/* Typed a letter at a time, erased, typed again differently: the list
 * always shows what a search from scratch would, also for a file changed
 * on disk meanwhile and with another filter set and unset on the way
 * (the filter answers from what it learnt of the earlier searches). */
static void
test_search_typed_and_erased (void)
{
  g_autofree char *root = curator_test_make_private_dir ("curator-library-search-XXXXXX");
  static const char typed[] = "chronic care";
  Fixture fixture = { 0 };
  CuratorLibraryFilter *filter;
  CuratorFolderItem *item;
  char text[sizeof typed];

  write_file (root, "a.md", "---\ntitle: Chronic Care at Home\n---\n");
  write_file (root, "b.md", "---\ntitle: Chronic Pain\n---\n");
  write_file (root, "c.md", "---\ntitle: Care Homes\ndescription: chronic conditions\n---\n");
  write_file (root, "d.md", "---\ntitle: Chronic Care, a Draft\ndraft: true\n---\n");
  write_file (root, "e.md", "---\ntitle: Chrome\ntags: [care]\n---\n");
  fixture_open (&fixture, root);
  filter = CURATOR_LIBRARY_FILTER (curator_library_get_filter (fixture.library));

  for (gsize n = 1; n <= strlen (typed); n++)
    {
      g_strlcpy (text, typed, n + 1);
      assert_search_shows (&fixture, text, FALSE);
    }
  g_assert_cmpuint (n_shown (&fixture), ==, 3);

  /* Drafts only, then erased down to "chronic ca" and all files again. */
  curator_library_filter_set_drafts (filter, TRUE);
  g_assert_cmpuint (n_shown (&fixture), ==, count_matching (&fixture, typed, TRUE));
  assert_search_shows (&fixture, "chronic car", TRUE);
  assert_search_shows (&fixture, "chronic ca", TRUE);
  curator_library_filter_set_drafts (filter, FALSE);
  g_assert_cmpuint (n_shown (&fixture), ==, count_matching (&fixture, "chronic ca", FALSE));

  /* "Chronic Pain" becomes a care file on disk while the search that
   * left it out is shown. */
  assert_search_shows (&fixture, "chronic care", FALSE);
  write_file (root, "b.md", "---\ntitle: Chronic Care Too\n---\n");
  item = curator_folder_model_find (curator_library_get_model (fixture.library), "b.md", NULL);
  curator_test_wait_for (title_is, &(TitleCheck) { item, "Chronic Care Too" }, "the file to change");
  g_assert_cmpuint (n_shown (&fixture), ==, 4);

  /* Erased to the start, then another word typed on "chron". */
  for (gsize n = strlen (typed); n-- > 0;)
    {
      g_strlcpy (text, typed, n + 1);
      assert_search_shows (&fixture, text, FALSE);
      if (n == 5)
        {
          assert_search_shows (&fixture, "chrome", FALSE);
          g_assert_cmpuint (n_shown (&fixture), ==, 1);
          assert_search_shows (&fixture, "chrom", FALSE);
          assert_search_shows (&fixture, "chro", FALSE);
          assert_search_shows (&fixture, "chron", FALSE);
        }
    }
  g_assert_cmpuint (n_shown (&fixture), ==, 5);

  /* Set at once: a search that is not the last one extended or cut. */
  assert_search_shows (&fixture, "pain", FALSE);
  assert_search_shows (&fixture, "home", FALSE);
  assert_search_shows (&fixture, "hom", FALSE);

  fixture_close (&fixture);
  curator_test_remove_tree (root);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  g_autofree char *parent = g_path_get_dirname (to);
  gsize length;

  g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
  g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
  g_assert_true (g_file_set_contents (to, contents, length, NULL));
}

static void
find_widgets (GtkWidget *widget,
              GType      type,
              GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    find_widgets (child, type, found);
}

static GtkWidget *
entry_row (GtkWidget  *dialog,
           const char *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  find_widgets (dialog, ADW_TYPE_ENTRY_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      return g_ptr_array_index (rows, i);
  g_error ("No entry row “%s”", title);
  return NULL;
}

static CuratorBulkEditDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (CURATOR_IS_BULK_EDIT_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return CURATOR_BULK_EDIT_DIALOG (window);
    }
  return NULL;
}

static gboolean
reviewed (gpointer data)
{
  CuratorBulkEdit *edit = curator_bulk_edit_dialog_get_edit (data);

  return edit != NULL && curator_bulk_edit_count (edit, CURATOR_BULK_EDIT_FILE_CHANGE) +
         curator_bulk_edit_count (edit, CURATOR_BULK_EDIT_FILE_UNCHANGED) +
         curator_bulk_edit_count (edit, CURATOR_BULK_EDIT_FILE_REFUSED) ==
         g_list_model_get_n_items (curator_bulk_edit_get_files (edit));
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static CuratorBulkEditDialog *
open_bulk_edit (Fixture    *fixture,
                guint       operation,
                const char *key_path,
                const char *value)
{
  CuratorBulkEditDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->library), "library.bulk-edit", NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));

  {
    g_autoptr(GPtrArray) combos = g_ptr_array_new ();

    find_widgets (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, combos);
    g_assert_cmpuint (combos->len, ==, 1);
    adw_combo_row_set_selected (g_ptr_array_index (combos, 0), operation);
  }
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (dialog), "Field")), key_path);
  if (value != NULL)
    gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (dialog), "Value")), value);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "bulk-edit.review", NULL));
  curator_test_wait_for (reviewed, dialog, "the review of every file");
  return dialog;
}

static GBytes *
read_bytes (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_bytes_new_take (g_steal_pointer (&contents), length);
}

typedef struct
{
  GPtrArray *paths;
  GPtrArray *expected;   /* GBytes */
} FilesCheck;

static gboolean
files_hold (gpointer data)
{
  FilesCheck *check = data;

  for (guint i = 0; i < check->paths->len; i++)
    {
      g_autoptr(GBytes) bytes = read_bytes (g_ptr_array_index (check->paths, i));

      if (!g_bytes_equal (bytes, g_ptr_array_index (check->expected, i)))
        return FALSE;
    }
  return TRUE;
}

/* Bulk edit from the list: 50 Medigy files selected with Ctrl+A, a field
 * set on all of them through the dialog and its review page; each file
 * then holds what `curator-cli set` makes of a copy, and one Undo puts
 * every file back byte for byte. */
static void
test_bulk_edit (void)
{
  g_autofree char *root = curator_test_make_private_dir ("curator-library-bulk-XXXXXX");
  g_autofree char *edited = g_build_filename (root, "edited", NULL);
  g_autofree char *reference = g_build_filename (root, "reference", NULL);
  g_autofree char *medigy = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GPtrArray) edited_paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) originals = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  CuratorBulkEditDialog *dialog;
  CuratorBulkEdit *edit;
  Fixture fixture = { 0 };

  if (curator_test_corpus_dir () == NULL)
    return;

  /* 50 YAML Medigy files, from every part of the site. */
  medigy = curator_test_corpus_path ("medigy", NULL);
  files = curator_folder_index_list_files (medigy, NULL);
  for (guint i = 0; i < files->len && edited_paths->len < 50; i++)
    {
      const char *name = g_ptr_array_index (files, i);
      g_autofree char *from = g_build_filename (medigy, name, NULL);
      g_autoptr(GBytes) bytes = read_bytes (from);
      g_autoptr(CuratorDocument) document = curator_document_new (NULL);
      g_autofree char *to = NULL;
      g_autofree char *copy = NULL;

      if (!curator_document_load_from_bytes (document, bytes, NULL) || !curator_document_get_editable (document))
        continue;
      to = g_build_filename (edited, name, NULL);
      copy = g_build_filename (reference, name, NULL);
      copy_file (from, to);
      copy_file (from, copy);
      g_ptr_array_add (edited_paths, g_steal_pointer (&to));
      g_ptr_array_add (originals, g_bytes_ref (bytes));
    }
  g_assert_cmpuint (edited_paths->len, ==, 50);

  fixture_open (&fixture, edited);
  g_assert_cmpuint (n_shown (&fixture), ==, 50);
  /* Ctrl+A in the list. */
  g_assert_true (gtk_widget_activate_action (curator_library_get_list_view (fixture.library), "list.select-all", NULL));
  {
    g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (curator_library_get_selection (fixture.library));

    g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 50);
  }
  g_assert_cmpuint (fixture.opened->len, ==, 0);

  dialog = open_bulk_edit (&fixture, 0, "curator", "Jane Doé");
  edit = curator_bulk_edit_dialog_get_edit (dialog);
  g_assert_cmpuint (curator_bulk_edit_count (edit, CURATOR_BULK_EDIT_FILE_CHANGE), ==, 50);
  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(CuratorBulkEditFile) file = g_list_model_get_item (curator_bulk_edit_get_files (edit), i);

      g_assert_nonnull (strstr (curator_bulk_edit_file_get_diff (file), "+curator: Jane Doé"));
    }
  /* Nothing is written before the review is accepted. */
  {
    FilesCheck check = { edited_paths, originals };

    g_assert_true (files_hold (&check));
  }

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "bulk-edit.apply", NULL));
  curator_test_wait_for (is_null, &dialog, "the dialog to close once every file is written");

  for (guint i = 0; i < 50; i++)
    {
      const char *name = (const char *) g_ptr_array_index (edited_paths, i) + strlen (edited) + 1;
      g_autofree char *copy = g_build_filename (reference, name, NULL);
      const char *argv[] = { CURATOR_CLI_PATH, "set", copy, "curator", "Jane Doé", NULL };
      int status;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, NULL));
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_ptr_array_add (expected, read_bytes (copy));
    }
  {
    FilesCheck check = { edited_paths, expected };

    g_assert_true (files_hold (&check));
  }

  /* One Undo, byte for byte. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.library), "library.undo-bulk-edit", NULL));
  {
    FilesCheck check = { edited_paths, originals };

    curator_test_wait_for (files_hold, &check, "every file to hold its old bytes");
  }

  /* A file with unsaved edits in the editor is left alone, with the reason. */
  {
    g_autoptr(GFile) unsaved = g_file_new_for_path (g_ptr_array_index (edited_paths, 0));
    FilesCheck check = { edited_paths, originals };

    curator_library_set_unsaved_file (fixture.library, unsaved);
    dialog = open_bulk_edit (&fixture, 2, "description", NULL);
    edit = curator_bulk_edit_dialog_get_edit (dialog);
    g_assert_cmpuint (curator_bulk_edit_count (edit, CURATOR_BULK_EDIT_FILE_REFUSED), ==, 1);
    {
      g_autoptr(CuratorBulkEditFile) file = g_list_model_get_item (curator_bulk_edit_get_files (edit), 0);

      g_assert_cmpint (curator_bulk_edit_file_get_state (file), ==, CURATOR_BULK_EDIT_FILE_REFUSED);
      g_assert_true (g_str_has_prefix (curator_bulk_edit_file_get_error (file)->message, "It has unsaved changes"));
    }
    /* Cancelled: nothing written. */
    g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
    gtk_window_close (GTK_WINDOW (dialog));
    curator_test_wait_for (is_null, &dialog, "the dialog to close");
    g_assert_true (files_hold (&check));
  }

  fixture_close (&fixture);
  curator_test_remove_tree (root);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/library/corpus", test_corpus);
  g_test_add_func ("/ui/library/search-and-filter", test_search_and_filter);
  g_test_add_func ("/ui/library/select-and-move", test_select_and_move);
  g_test_add_func ("/ui/library/changed-on-disk", test_changed_on_disk);
  g_test_add_func ("/ui/library/search-typed-and-erased", test_search_typed_and_erased);
  g_test_add_func ("/ui/library/bulk-edit", test_bulk_edit);

  return g_test_run ();
}
