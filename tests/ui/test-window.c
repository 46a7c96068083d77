/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include "curator-field-editor.h"
#include "curator-form.h"
#include "curator-list-row.h"
#include "curator-map-row.h"
#include "curator-window-private.h"
#include "curator-window-import.h"
#include "curator-test-corpus.h"
#include "curator-test-utils.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <gtksourceview/gtksource.h>
#include <stdio.h>
#include <string.h>

/* UI tests on real Medigy items: the real window and rows, driven through
 * the inputs a screen reader finds by their accessible names. */

typedef struct
{
  char          *dir;
  GFile         *file;
  GBytes        *original;
  CuratorWindow *window;
} Fixture;

static gboolean
window_loaded (gpointer data)
{
  return !curator_window_get_loading (data) && curator_window_get_document (data) != NULL &&
         !curator_form_get_building (CURATOR_FORM (curator_window_get_form (data)));
}

static gboolean
document_saved (gpointer data)
{
  return !curator_document_get_modified (curator_window_get_document (data));
}

static void
fixture_open (Fixture    *fixture,
              const char *data_name,
              const char *contents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *bytes = NULL;
  gsize length;

  fixture->dir = g_dir_make_tmp ("curator-ui-XXXXXX", &error);
  g_assert_no_error (error);

  if (contents != NULL)
    {
      bytes = g_strdup (contents);
      length = strlen (contents);
    }
  else
    {
      g_autofree char *source = g_test_build_filename (G_TEST_DIST, "ui", "data", data_name, NULL);

      g_file_get_contents (source, &bytes, &length, &error);
      g_assert_no_error (error);
    }

  path = g_build_filename (fixture->dir, data_name, NULL);
  g_file_set_contents (path, bytes, length, &error);
  g_assert_no_error (error);
  fixture->file = g_file_new_for_path (path);
  fixture->original = g_bytes_new_take (g_steal_pointer (&bytes), length);

  fixture->window = curator_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 700);
  gtk_window_present (GTK_WINDOW (fixture->window));
  curator_window_open (fixture->window, fixture->file);
  curator_test_wait_for (window_loaded, fixture->window, "the document to load");
}

static void
fixture_close (Fixture *fixture)
{
  CuratorDocument *document = curator_window_get_document (fixture->window);

  /* The document goes with the window: nothing keeps either alive. */
  if (document != NULL)
    g_object_add_weak_pointer (G_OBJECT (document), (gpointer *)&document);
  g_object_ref (fixture->window);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_assert_finalize_object (fixture->window);
  g_assert_null (document);

  g_file_delete (fixture->file, NULL, NULL);
  g_rmdir (fixture->dir);
  g_clear_object (&fixture->file);
  g_clear_pointer (&fixture->original, g_bytes_unref);
  g_clear_pointer (&fixture->dir, g_free);
}

static char *
accessible_label (GtkWidget *widget)
{
  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return NULL;

  /* The check returns the actual value when it differs from the one
   * asked for: ask for one no label has. */
  return gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                             GTK_ACCESSIBLE_PROPERTY_LABEL,
                                             "\x01");
}

static GtkWidget *
find_by_label (GtkWidget  *widget,
               const char *label)
{
  /* Labels name themselves; we look for the inputs they name. */
  if (!GTK_IS_LABEL (widget) &&
      gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    {
      g_autofree char *message = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                                     GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                                     label);
      if (message == NULL)
        return widget;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_label (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The first label showing @text, or only containing it if not @whole. */
static GtkWidget *
find_label_with (GtkWidget  *widget,
                 const char *text,
                 gboolean    whole)
{
  if (GTK_IS_LABEL (widget))
    {
      const char *shown = gtk_label_get_text (GTK_LABEL (widget));

      if (whole ? g_strcmp0 (shown, text) == 0 : strstr (shown, text) != NULL)
        return widget;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_with (child, text, whole);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  return find_label_with (widget, text, TRUE);
}

static GtkWidget *
require_input (Fixture    *fixture,
               const char *label)
{
  GtkWidget *input = find_by_label (GTK_WIDGET (fixture->window), label);

  if (input == NULL)
    g_error ("No input is named “%s”", label);

  return input;
}

static void
expand_row (Fixture    *fixture,
            const char *key_path)
{
  GtkWidget *row = curator_form_find_row (CURATOR_FORM (curator_window_get_form (fixture->window)), key_path);

  g_assert_nonnull (row);
  g_assert_true (ADW_IS_EXPANDER_ROW (row));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
}

static void
save_and_wait (Fixture *fixture)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL));
  curator_test_wait_for (document_saved, fixture->window, "the save");
}

static GBytes *
read_saved (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = g_file_load_bytes (fixture->file, NULL, NULL, &error);

  g_assert_no_error (error);
  return bytes;
}

/* Asserts that @saved is @original with exactly lines
 * [@first, @first + @n_old) replaced by @new_lines. */
static void
assert_lines_replaced (GBytes             *original,
                       GBytes             *saved,
                       guint               first,
                       guint               n_old,
                       const char * const *new_lines)
{
  g_autofree char *a = g_strndup (g_bytes_get_data (original, NULL), g_bytes_get_size (original));
  g_autofree char *b = g_strndup (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved));
  g_auto(GStrv) old_lines = g_strsplit (a, "\n", -1);
  g_auto(GStrv) saved_lines = g_strsplit (b, "\n", -1);
  guint n_new = g_strv_length ((GStrv)new_lines);

  g_assert_cmpuint (g_strv_length (saved_lines), ==, g_strv_length (old_lines) - n_old + n_new);

  for (guint i = 0; i < first; i++)
    g_assert_cmpstr (saved_lines[i], ==, old_lines[i]);
  for (guint i = 0; i < n_new; i++)
    g_assert_cmpstr (saved_lines[first + i], ==, new_lines[i]);
  for (guint i = first + n_old; old_lines[i] != NULL; i++)
    g_assert_cmpstr (saved_lines[i - n_old + n_new], ==, old_lines[i]);
}

static guint
line_of (GBytes     *bytes,
         const char *line)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_strcmp0 (lines[i], line) == 0)
      return i;

  g_error ("No line “%s”", line);
  return 0;
}

static void
type_text (GtkWidget  *input,
           const char *text)
{
  /* One keystroke at a time, as a user types. */
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      int position = -1;

      gtk_editable_set_position (GTK_EDITABLE (input), -1);
      position = gtk_editable_get_position (GTK_EDITABLE (input));
      gtk_editable_insert_text (GTK_EDITABLE (input), p, g_utf8_next_char (p) - p, &position);
    }
}

static void
test_edit_title (void)
{
  Fixture fixture = { 0 };
  GtkWidget *title;
  g_autoptr(GBytes) saved = NULL;
  const char *expected[] = { "title: Top Interoperability Challenges for Care Teams", NULL };
  guint line;

  fixture_open (&fixture, "curated-content.md", NULL);
  line = line_of (fixture.original, "title: Top Interoperability Challenges Facing Care Organizations");

  title = require_input (&fixture, "Title");
  g_test_message ("Title input: %s", G_OBJECT_TYPE_NAME (title));
  g_assert_true (GTK_IS_TEXT (title));
  gtk_editable_set_text (GTK_EDITABLE (title), "Top Interoperability Challenges for Care Teams");
  g_assert_true (curator_document_get_modified (curator_window_get_document (fixture.window)));

  save_and_wait (&fixture);
  saved = read_saved (&fixture);
  assert_lines_replaced (fixture.original, saved, line, 1, expected);

  fixture_close (&fixture);
}

static void
test_toggle_switch (void)
{
  Fixture fixture = { 0 };
  GtkWidget *toggle;
  g_autoptr(GBytes) saved = NULL;
  const char *expected[] = { "  valid: false", NULL };
  guint line;

  fixture_open (&fixture, "curated-content.md", NULL);
  line = line_of (fixture.original, "  valid: true");

  expand_row (&fixture, "featuredImage");
  toggle = require_input (&fixture, "Image is valid");
  g_assert_true (GTK_IS_SWITCH (toggle));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));
  gtk_switch_set_active (GTK_SWITCH (toggle), FALSE);

  save_and_wait (&fixture);
  saved = read_saved (&fixture);
  assert_lines_replaced (fixture.original, saved, line, 1, expected);

  fixture_close (&fixture);
}

static void
test_add_list_item (void)
{
  Fixture fixture = { 0 };
  GtkWidget *add;
  GtkWidget *add_row;
  g_autoptr(GBytes) saved = NULL;
  const char *expected[] = { "- news", "- interoperability", NULL };
  guint line;

  fixture_open (&fixture, "curated-content.md", NULL);
  line = line_of (fixture.original, "- news");

  add = require_input (&fixture, "Add to Tags");
  add_row = gtk_widget_get_ancestor (add, ADW_TYPE_ENTRY_ROW);
  gtk_editable_set_text (GTK_EDITABLE (add), "interoperability");
  g_signal_emit_by_name (add_row, "apply");

  /* The new item is a row of its own, named like the others. */
  g_assert_nonnull (require_input (&fixture, "Tag 2"));

  save_and_wait (&fixture);
  saved = read_saved (&fixture);
  assert_lines_replaced (fixture.original, saved, line, 1, expected);

  fixture_close (&fixture);
}

static void
test_reorder_list (void)
{
  Fixture fixture = { 0 };
  GtkWidget *row;
  g_autoptr(GBytes) saved = NULL;
  const char *expected[] = {
    "- 'Medigy: Barriers & Guidelines'",
    "- 'HIMSS: Interoperability'",
    NULL
  };
  guint line;

  fixture_open (&fixture, "curated-content.md", NULL);
  line = line_of (fixture.original, "- 'HIMSS: Interoperability'");

  row = curator_form_find_row (CURATOR_FORM (curator_window_get_form (fixture.window)), "communityTopics");
  g_assert_true (CURATOR_IS_LIST_ROW (row));
  g_assert_cmpuint (curator_list_row_get_n_items (CURATOR_LIST_ROW (row)), ==, 2);
  g_assert_false (curator_list_row_move_item (CURATOR_LIST_ROW (row), 0, 2));
  g_assert_true (curator_list_row_move_item (CURATOR_LIST_ROW (row), 1, 0));

  /* The rows follow: item 1 is now the moved one. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (require_input (&fixture, "Community topic 1"))),
                   ==, "Medigy: Barriers & Guidelines");

  save_and_wait (&fixture);
  saved = read_saved (&fixture);
  assert_lines_replaced (fixture.original, saved, line, 2, expected);

  fixture_close (&fixture);
}

static void
test_json_list (void)
{
  Fixture fixture = { 0 };
  GtkWidget *topic;
  g_autoptr(GBytes) saved = NULL;
  const char *expected[] = { "  medigyTopics: '[\"HIMSS: Interoperability\",\"Medigy: Care \\\"Gaps\\\"\"]'", NULL };
  guint line;

  fixture_open (&fixture, "curated-content.md", NULL);
  line = line_of (fixture.original, "  medigyTopics: '[\"HIMSS: Interoperability\",\"Medigy: Barriers & Guidelines\"]'");

  expand_row (&fixture, "openProjectCustomFields");
  topic = require_input (&fixture, "Medigy topic 2");
  gtk_editable_set_text (GTK_EDITABLE (topic), "Medigy: Care \"Gaps\"");

  save_and_wait (&fixture);
  saved = read_saved (&fixture);
  assert_lines_replaced (fixture.original, saved, line, 1, expected);

  fixture_close (&fixture);
}

static void
test_undo_redo (void)
{
  Fixture fixture = { 0 };
  CuratorDocument *document;
  GtkWidget *brand;
  const CuratorNode *node;

  fixture_open (&fixture, "curated-content.md", NULL);
  document = curator_window_get_document (fixture.window);
  expand_row (&fixture, "link");
  brand = require_input (&fixture, "Brand");

  /* Two words typed: two undo steps, each word with the space before it. */
  gtk_editable_set_text (GTK_EDITABLE (brand), "");
  curator_field_editor_end_typing (document);
  type_text (brand, "care team");

  node = curator_document_lookup (document, "link.brand", NULL);
  g_assert_cmpstr (curator_node_get_value (node), ==, "care team");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.undo", NULL));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (brand)), ==, "care");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.undo", NULL));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (brand)), ==, "");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.undo", NULL));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (brand)), ==, "patientping.com");
  g_assert_false (curator_document_get_modified (document));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.redo", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.redo", NULL));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (brand)), ==, "care");
  node = curator_document_lookup (document, "link.brand", NULL);
  g_assert_cmpstr (curator_node_get_value (node), ==, "care");

  /* Undo back to the file: saving writes the original bytes. */
  curator_document_undo (document);
  curator_document_undo (document);
  {
    g_autoptr(GBytes) now = curator_document_serialize (document);

    g_assert_true (g_bytes_equal (now, fixture.original));
  }

  fixture_close (&fixture);
}

static gboolean
form_visible (gpointer data)
{
  CuratorDocument *document = curator_window_get_document (data);

  return curator_document_get_editable (document) &&
         gtk_widget_get_mapped (curator_window_get_form (data));
}

static void
count_cb (gpointer  instance,
          guint    *count)
{
  (*count)++;
}

static gboolean
counted (gpointer data)
{
  return *(guint *)data > 0;
}

/* Waits until the text typed in the refused view has been read again
 * (its "text-changed" comes after a pause; the window's handler runs
 * first). */
static void
wait_raw_text_read (Fixture *fixture)
{
  guint count = 0;
  gulong handler = g_signal_connect_after (fixture->window->refused_view, "text-changed",
                                           G_CALLBACK (count_cb), &count);

  curator_test_wait_for (counted, &count, "the raw text to be read again");
  g_signal_handler_disconnect (fixture->window->refused_view, handler);
}

/* A repaired file differs from the disk until it is saved. */
static gboolean
repair_saved (gpointer data)
{
  return !CURATOR_WINDOW (data)->repaired;
}

static gboolean
widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

/* Replaces the front matter shown between its delimiter lines, as a user
 * would: selecting it and typing, interactively. */
static void
type_front_matter (GtkTextBuffer *buffer,
                   const char    *text)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_line (buffer, &start, 1);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_iter_backward_line (&end);
  if (!gtk_text_iter_starts_line (&end))
    gtk_text_iter_set_line_offset (&end, 0);
  g_assert_true (gtk_text_buffer_delete_interactive (buffer, &start, &end, TRUE));
  gtk_text_buffer_get_iter_at_line (buffer, &start, 1);
  g_assert_true (gtk_text_buffer_insert_interactive (buffer, &start, text, -1, TRUE));
}

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static guint
error_line_of (const GError *error)
{
  guint line = 0;

  g_assert_nonnull (error);
  g_assert_true (curator_position_message_parse (error->message, &line, NULL, NULL));
  return line;
}

static gboolean
line_marked (GtkTextBuffer *buffer,
             guint          file_line)
{
  g_autoptr(GSList) marks = gtk_source_buffer_get_source_marks_at_line (GTK_SOURCE_BUFFER (buffer),
                                                                         (int) file_line - 1, "curator-error");

  return marks != NULL;
}

static void
test_refused_document (void)
{
  Fixture fixture = { 0 };
  CuratorDocument *document;
  GtkWidget *raw;
  GtkWidget *body;
  GtkTextBuffer *buffer;
  GtkTextIter cursor, start, end;
  g_autoptr(GBytes) on_disk = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autofree char *text = NULL;
  g_autofree char *still = NULL;
  const char *expected[] = { "tags:", "- b", NULL };
  guint line;

  fixture_open (&fixture, "duplicate.md",
                "---\ntitle: Twice\ntags:\n- a\ntags:\n- b\n---\n<p>Body</p>\n");
  document = curator_window_get_document (fixture.window);

  g_assert_false (curator_document_get_editable (document));
  g_assert_true (g_error_matches (curator_document_get_load_error (document), CURATOR_ERROR, CURATOR_ERROR_DUPLICATE_KEY));
  line = error_line_of (curator_document_get_load_error (document));
  g_assert_cmpuint (line, ==, 5);

  /* The front matter from the file's first line, numbered as the file
   * is; the line the error names is marked, and the cursor is on it. */
  raw = require_input (&fixture, "Front matter text");
  g_assert_true (gtk_widget_get_mapped (raw));
  g_assert_true (gtk_source_view_get_show_line_numbers (GTK_SOURCE_VIEW (raw)));
  /* Save is off: the action exists but is disabled, so activating it
   * (below) starts nothing. */
  g_assert_false (gtk_widget_is_sensitive (fixture.window->save_button));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (raw));
  text = buffer_text (buffer);
  g_assert_cmpstr (text, ==, "---\ntitle: Twice\ntags:\n- a\ntags:\n- b\n---\n");
  g_assert_true (line_marked (buffer, line));
  g_assert_false (line_marked (buffer, 3));
  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  g_assert_cmpint (gtk_text_iter_get_line (&cursor), ==, line - 1);
  g_assert_true (gtk_widget_is_focus (raw));
  gtk_test_accessible_assert_property (raw, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "duplicate.md: line 5, column 1: duplicate key “tags” (first defined at line 3, column 1)");

  /* The body beside it, to read, not to edit: nothing here is saved. */
  body = GTK_WIDGET (curator_body_editor_get_view (curator_body_pane_get_editor (curator_window_get_body_pane (fixture.window))));
  curator_test_wait_for (widget_mapped, body, "the body beside the refused front matter");
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (body)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.save", NULL));

  /* The delimiters stay as they are. */
  gtk_text_buffer_get_iter_at_line (buffer, &start, 0);
  end = start;
  gtk_text_iter_forward_to_line_end (&end);
  g_assert_false (gtk_text_buffer_delete_interactive (buffer, &start, &end, TRUE));
  gtk_text_buffer_get_iter_at_line (buffer, &start, 6);
  gtk_text_buffer_get_end_iter (buffer, &end);
  g_assert_false (gtk_text_buffer_delete_interactive (buffer, &start, &end, TRUE));
  gtk_text_buffer_insert_interactive (buffer, &end, "x", -1, TRUE);
  still = buffer_text (buffer);
  g_assert_cmpstr (still, ==, text);

  /* Still broken: still refused, the new line marked, and the file is
   * untouched. */
  type_front_matter (buffer, "title: Twice\ntags: [\n");
  wait_raw_text_read (&fixture);
  g_assert_false (curator_document_get_editable (document));
  line = error_line_of (curator_document_get_load_error (document));
  g_assert_true (line_marked (buffer, line));
  g_assert_false (line_marked (buffer, 5));
  g_assert_false (gtk_widget_is_sensitive (fixture.window->save_button));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.save", NULL));
  on_disk = read_saved (&fixture);
  g_assert_true (g_bytes_equal (on_disk, fixture.original));

  /* Undone: the text as it was, its error marked again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.undo", NULL));
  {
    g_autofree char *undone = buffer_text (buffer);

    g_assert_cmpstr (undone, ==, text);
    g_assert_true (line_marked (buffer, 5));
  }

  /* Fixed: the form comes back, the body can be edited, and saving
   * writes the fix. */
  type_front_matter (buffer, "title: Twice\ntags:\n- b\n");
  curator_test_wait_for (form_visible, fixture.window, "the form after the fix");
  g_assert_nonnull (require_input (&fixture, "Title"));
  g_assert_true (gtk_text_view_get_editable (GTK_TEXT_VIEW (body)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.save", NULL));
  curator_test_wait_for (document_saved, fixture.window, "the save");
  saved = read_saved (&fixture);
  assert_lines_replaced (fixture.original, saved, 2, 4, expected);

  fixture_close (&fixture);
}

typedef struct
{
  GtkTextView *view;
  int          line;
} LineShown;

static gboolean
line_shown (gpointer data)
{
  LineShown *shown = data;
  GdkRectangle visible, location;
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_line (gtk_text_view_get_buffer (shown->view), &iter, shown->line);
  gtk_text_view_get_visible_rect (shown->view, &visible);
  gtk_text_view_get_iter_location (shown->view, &iter, &location);

  return visible.height > 0 && location.y >= visible.y && location.y + location.height <= visible.y + visible.height;
}

/* A long front matter opens where its error is. */
static void
test_refused_scrolls_to_error (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GString) text = g_string_new ("---\n");
  LineShown shown;

  for (guint i = 0; i < 200; i++)
    g_string_append_printf (text, "field%u: value %u\n", i, i);
  g_string_append (text, "broken: [\nafter: x\n---\n<p>Body</p>\n");
  fixture_open (&fixture, "long.md", text->str);

  shown.view = GTK_TEXT_VIEW (require_input (&fixture, "Front matter text"));
  shown.line = (int) error_line_of (curator_document_get_load_error (curator_window_get_document (fixture.window))) - 1;
  g_assert_cmpint (shown.line, >, 150);
  g_assert_true (line_marked (gtk_text_view_get_buffer (shown.view), shown.line + 1));
  curator_test_wait_for (line_shown, &shown, "the error's line to be scrolled to");

  fixture_close (&fixture);
}

/* No front matter: one can be added, and the body stays in view. */
static void
test_no_front_matter (void)
{
  Fixture fixture = { 0 };
  CuratorDocument *document;
  GtkWidget *add;

  fixture_open (&fixture, "plain.md", "<h1>Plain</h1>\n<p>Body</p>\n");
  document = curator_window_get_document (fixture.window);
  g_assert_false (curator_document_get_editable (document));

  add = gtk_widget_get_parent (find_label (GTK_WIDGET (fixture.window), "Add Front Matter"));
  g_assert_true (GTK_IS_BUTTON (add));
  g_assert_true (gtk_widget_get_mapped (add));
  g_assert_true (gtk_widget_is_focus (add));
  /* No empty box to fix anything in. */
  g_assert_false (gtk_widget_get_mapped (find_by_label (GTK_WIDGET (fixture.window), "Front matter text")));
  curator_test_wait_for (widget_mapped, curator_body_pane_get_editor (curator_window_get_body_pane (fixture.window)), "the body");

  /* Added: an edit like any other, and the form to fill in. */
  g_signal_emit_by_name (add, "clicked");
  curator_test_wait_for (form_visible, fixture.window, "the form after adding a front matter");
  {
    g_autoptr(GBytes) bytes = curator_document_serialize (document);

    g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                     "---\n---\n<h1>Plain</h1>\n<p>Body</p>\n", strlen ("---\n---\n<h1>Plain</h1>\n<p>Body</p>\n"));
  }
  g_assert_true (curator_document_get_modified (document));
  curator_test_wait_for (widget_mapped, find_label (curator_window_get_form (fixture.window), "Add Field…"), "the form's Add Field button");

  /* Undone: back as it was, and offered again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.undo", NULL));
  g_assert_false (curator_document_get_editable (document));
  g_assert_false (curator_document_get_modified (document));
  curator_test_wait_for (widget_mapped, add, "Add Front Matter, offered again");

  fixture_close (&fixture);
}

/* TOML (and JSON) front matter: shown whole, to read, and said why. */
static void
test_toml_front_matter (void)
{
  Fixture fixture = { 0 };
  GtkWidget *raw;
  g_autofree char *text = NULL;

  fixture_open (&fixture, "hugo.md", "+++\ntitle = \"Hugo\"\ndraft = false\n+++\n<p>Body</p>\n");

  raw = require_input (&fixture, "Front matter text");
  g_assert_true (gtk_widget_get_mapped (raw));
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (raw)));
  text = buffer_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (raw)));
  g_assert_cmpstr (text, ==, "+++\ntitle = \"Hugo\"\ndraft = false\n+++\n");
  g_assert_nonnull (find_label (GTK_WIDGET (fixture.window), "TOML Front Matter"));
  g_assert_nonnull (find_label_with (GTK_WIDGET (fixture.window), "Curator edits YAML front matter only", FALSE));
  g_assert_null (find_label_with (GTK_WIDGET (fixture.window), "Fix it", FALSE));
  curator_test_wait_for (widget_mapped, curator_body_pane_get_editor (curator_window_get_body_pane (fixture.window)), "the body");

  fixture_close (&fixture);
}

/* A front matter that never closes: the whole file, to close it in. */
static void
test_unterminated_front_matter (void)
{
  Fixture fixture = { 0 };
  GtkWidget *raw;
  GtkTextBuffer *buffer;
  GtkTextIter iter;
  g_autofree char *text = NULL;
  g_autoptr(GBytes) saved = NULL;

  fixture_open (&fixture, "open.md", "---\ntitle: Open\n<p>Body</p>\n");

  raw = require_input (&fixture, "Front matter text");
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (raw));
  text = buffer_text (buffer);
  g_assert_cmpstr (text, ==, "---\ntitle: Open\n<p>Body</p>\n");
  g_assert_true (line_marked (buffer, 1));

  gtk_text_buffer_get_iter_at_line (buffer, &iter, 2);
  g_assert_true (gtk_text_buffer_insert_interactive (buffer, &iter, "---\n", -1, TRUE));
  curator_test_wait_for (form_visible, fixture.window, "the form once the front matter is closed");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (require_input (&fixture, "Title"))), ==, "Open");

  /* Fixed by hand, the file is repaired (not "modified"). */
  g_assert_true (CURATOR_WINDOW (fixture.window)->repaired);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.save", NULL));
  curator_test_wait_for (repair_saved, fixture.window, "the save");
  saved = read_saved (&fixture);
  g_assert_cmpmem (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved),
                   "---\ntitle: Open\n---\n<p>Body</p>\n", strlen ("---\ntitle: Open\n---\n<p>Body</p>\n"));

  fixture_close (&fixture);
}

static gboolean
recent_menu_has_copy (gpointer data)
{
  Fixture *fixture = data;
  GMenuModel *menu = G_MENU_MODEL (fixture->window->recent_menu);
  g_autofree char *uri = NULL;

  {
    g_autofree char *path = g_build_filename (fixture->dir, "copy.md", NULL);

    uri = g_filename_to_uri (path, NULL, NULL);
  }

  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GVariant) target = g_menu_model_get_item_attribute_value (menu, i, G_MENU_ATTRIBUTE_TARGET,
                                                                          G_VARIANT_TYPE_STRING);

      if (target != NULL && g_strcmp0 (g_variant_get_string (target, NULL), uri) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
test_save_as (void)
{
  Fixture fixture = { 0 };
  CuratorDocument *document;
  g_autoptr(GFile) copy = NULL;
  g_autoptr(GBytes) on_disk = NULL;
  g_autoptr(GBytes) copied = NULL;
  g_autofree char *copy_path = NULL;
  const char *expected[] = { "slug: top-interoperability-challenges", NULL };
  guint line;

  fixture_open (&fixture, "curated-content.md", NULL);
  document = curator_window_get_document (fixture.window);
  line = line_of (fixture.original, "slug: patientping-top-interoperability-challenges-facing-care-organizations");

  gtk_editable_set_text (GTK_EDITABLE (require_input (&fixture, "Slug")), "top-interoperability-challenges");

  /* What the Save As dialog does once a file is chosen. */
  copy_path = g_build_filename (fixture.dir, "copy.md", NULL);
  copy = g_file_new_for_path (copy_path);
  _curator_window_save (fixture.window, copy);
  curator_test_wait_for (document_saved, fixture.window, "the save as");

  g_assert_true (g_file_equal (curator_document_get_file (document), copy));

  /* The copy is a recent file, offered in the main menu. */
  curator_test_wait_for (recent_menu_has_copy, &fixture, "the copy in Open Recent");
  on_disk = read_saved (&fixture);
  g_assert_true (g_bytes_equal (on_disk, fixture.original));
  copied = g_file_load_bytes (copy, NULL, NULL, NULL);
  assert_lines_replaced (fixture.original, copied, line, 1, expected);

  g_file_delete (copy, NULL, NULL);
  fixture_close (&fixture);
}

typedef struct
{
  GtkWidget  *root;
  const char *needle;
} LabelSearch;

static gboolean
label_shown (gpointer data)
{
  LabelSearch *search = data;

  return find_label_with (search->root, search->needle, FALSE) != NULL;
}

/* A save that fails says so once, naming the file, and changes nothing. */
static void
test_save_fails (void)
{
  Fixture fixture = { 0 };
  g_autofree char *missing_dir = NULL;
  g_autofree char *target_path = NULL;
  g_autoptr(GFile) target = NULL;
  g_autoptr(GBytes) on_disk = NULL;
  LabelSearch search = { 0 };
  const char *text;

  fixture_open (&fixture, "curated-content.md", NULL);
  gtk_editable_set_text (GTK_EDITABLE (require_input (&fixture, "Slug")), "elsewhere");

  /* A folder that is not there (permissions would not stop root). */
  missing_dir = g_build_filename (fixture.dir, "gone", NULL);
  target_path = g_build_filename (missing_dir, "copy.md", NULL);
  target = g_file_new_for_path (target_path);
  _curator_window_save (fixture.window, target);

  search.root = GTK_WIDGET (fixture.window);
  search.needle = target_path;
  curator_test_wait_for (label_shown, &search, "the failed save's toast");
  text = gtk_label_get_text (GTK_LABEL (find_label_with (search.root, search.needle, FALSE)));
  g_test_message ("toast: %s", text);
  g_assert_nonnull (strstr (text, "cannot save"));
  g_assert_null (strstr (strstr (text, "cannot save") + 1, "cannot save"));
  g_assert_null (strstr (text, "Could not save"));

  g_assert_true (curator_document_get_modified (curator_window_get_document (fixture.window)));
  g_assert_false (g_file_test (missing_dir, G_FILE_TEST_EXISTS));
  on_disk = read_saved (&fixture);
  g_assert_true (g_bytes_equal (on_disk, fixture.original));

  fixture_close (&fixture);
}

static void
test_invalid_utf8 (void)
{
  Fixture fixture = { 0 };
  CuratorDocument *document;
  GtkWidget *raw;
  GtkTextBuffer *buffer;
  g_autoptr(GBytes) saved = NULL;
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  fixture_open (&fixture, "latin1.md", "---\ntitle: Caf\xe9 culture\n---\n<p>Body</p>\n");
  document = curator_window_get_document (fixture.window);

  /* Not UTF-8: the text, made readable, in the raw view; no form. */
  g_assert_nonnull (document);
  raw = require_input (&fixture, "Front matter text");
  g_assert_true (gtk_widget_get_mapped (raw));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (raw));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (text, ==, "---\ntitle: Caf\xef\xbf\xbd culture\n---\n<p>Body</p>\n");

  /* Fixed by hand: the form appears and saving writes the fix. */
  gtk_text_buffer_set_text (buffer, "---\ntitle: Caf\xc3\xa9 culture\n---\n<p>Body</p>\n", -1);
  curator_test_wait_for (form_visible, fixture.window, "the form after the fix");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (require_input (&fixture, "Title"))), ==, "Caf\xc3\xa9 culture");

  g_assert_true (fixture.window->repaired);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.save", NULL));
  curator_test_wait_for (repair_saved, fixture.window, "the save of the repaired file");
  saved = read_saved (&fixture);
  {
    g_autofree char *saved_text = g_strndup (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved));

    g_assert_cmpstr (saved_text, ==, "---\ntitle: Caf\xc3\xa9 culture\n---\n<p>Body</p>\n");
  }

  fixture_close (&fixture);
}

static void
expand_all (GtkWidget *widget,
            guint      depth)
{
  if (ADW_IS_EXPANDER_ROW (widget) && depth < 3)
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (widget), TRUE);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    expand_all (child, depth + (ADW_IS_EXPANDER_ROW (widget) ? 1 : 0));
}

static void
check_inputs_named (GtkWidget *widget,
                    guint     *n_checked)
{
  if (!gtk_widget_get_visible (widget))
    return;

  if (GTK_IS_TEXT (widget) || GTK_IS_TEXT_VIEW (widget) || GTK_IS_SPIN_BUTTON (widget) || GTK_IS_SWITCH (widget))
    {
      GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_ROW);
      g_autofree char *label = accessible_label (widget);

      if (row != NULL)
        {
          const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));

          if (label == NULL)
            g_error ("The input of row “%s” has no accessible name", title);
          g_assert_cmpstr (label, ==, title);
          (*n_checked)++;
        }
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    check_inputs_named (child, n_checked);
}

static void
check_accessible_names (const char *data_name)
{
  Fixture fixture = { 0 };
  GtkWidget *form;
  GtkWidget *save;
  guint n_checked = 0;

  fixture_open (&fixture, data_name, NULL);
  form = curator_window_get_form (fixture.window);

  expand_all (form, 0);
  check_inputs_named (form, &n_checked);
  g_test_message ("%s: %u inputs named after their labels", data_name, n_checked);
  g_assert_cmpuint (n_checked, >, 20);

  /* The Save button is named by its own visible label (an extra label
   * property would make screen readers say "Save Save"). */
  save = gtk_widget_get_parent (find_label (GTK_WIDGET (fixture.window), "Save"));
  g_assert_true (GTK_IS_BUTTON (save));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (save)), ==, "win.save");
  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (save), GTK_ACCESSIBLE_PROPERTY_LABEL))
    gtk_test_accessible_assert_property (save, GTK_ACCESSIBLE_PROPERTY_LABEL, "Save");
  g_assert_nonnull (require_input (&fixture, "Title"));

  fixture_close (&fixture);
}

static void
test_accessible_names (void)
{
  check_accessible_names ("curated-content.md");
  check_accessible_names ("curated-event.md");
}

static guint
count_field_rows (GtkWidget *widget)
{
  guint n = CURATOR_IS_FIELD_EDITOR (widget) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    n += count_field_rows (child);

  return n;
}

/* Whether the pointer at the middle of @widget reaches it. */
static gboolean
pointer_reaches (GtkWidget *window,
                 GtkWidget *widget)
{
  graphene_point_t point;
  GtkWidget *picked;

  g_assert_true (gtk_widget_compute_point (widget, window,
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.f,
                                                                 gtk_widget_get_height (widget) / 2.f),
                                           &point));
  picked = gtk_widget_pick (window, point.x, point.y, GTK_PICK_DEFAULT);

  return picked != NULL && (picked == widget || gtk_widget_is_ancestor (picked, widget) ||
                            gtk_widget_is_ancestor (widget, picked));
}

/* While the next file loads, the focus leaves the one shown and cannot
 * come back (keys would edit the file being left); once the new one is
 * there, its rows take the focus and the pointer. */
static void
test_loading_holds_input (void)
{
  Fixture fixture = { 0 };
  GtkWidget *window, *form, *title;
  GtkWidget *focus;

  fixture_open (&fixture, "curated-content.md", NULL);
  window = GTK_WIDGET (fixture.window);
  form = curator_window_get_form (fixture.window);
  title = require_input (&fixture, "Title");
  g_assert_true (gtk_widget_grab_focus (title));

  curator_window_open (fixture.window, fixture.file);
  g_assert_true (curator_window_get_loading (fixture.window));
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_false (focus != NULL && gtk_widget_is_ancestor (focus, form));
  /* Tab goes round the window without entering it. */
  for (guint i = 0; i < 40; i++)
    {
      gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD);
      focus = gtk_root_get_focus (GTK_ROOT (window));
      g_assert_false (focus != NULL && gtk_widget_is_ancestor (focus, form));
    }

  curator_test_wait_for (window_loaded, fixture.window, "the document to load again");
  title = require_input (&fixture, "Title");
  g_assert_true (gtk_widget_grab_focus (title));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), form));
  curator_test_wait_for (widget_mapped, title, "the new title row to be shown");
  g_assert_true (pointer_reaches (window, title));

  fixture_close (&fixture);
}

static void
test_large_profile_lazy (void)
{
  Fixture fixture = { 0 };
  GtkWidget *form;
  guint before;
  guint n_items;
  gint64 start;

  fixture_open (&fixture, "hospital-profile.md", NULL);
  form = curator_window_get_form (fixture.window);

  /* 6,000 lines of front matter, a few dozen rows until groups open. */
  before = count_field_rows (form);
  g_test_message ("hospital profile: %u rows at open", before);
  g_assert_cmpuint (before, <, 80);
  /* Nested fields exist only once their group is opened. */
  g_assert_null (find_by_label (GTK_WIDGET (fixture.window), "City"));
  g_assert_nonnull (require_input (&fixture, "Title"));

  expand_row (&fixture, "usDhhsCmsHospitalCompareModel");
  g_assert_cmpuint (count_field_rows (form), >, before);
  g_assert_nonnull (require_input (&fixture, "City"));

  /* A long list of maps opens with its first 50 items, collapsed, and a
   * button for the rest. */
  n_items = curator_node_get_n_children (curator_document_lookup (curator_window_get_document (fixture.window),
                                                                  "usDhhsCmsHospitalCompareModel.hcahpsHospital", NULL));
  g_assert_cmpuint (n_items, >, 50);
  before = count_field_rows (form);
  start = g_get_monotonic_time ();
  expand_row (&fixture, "usDhhsCmsHospitalCompareModel.hcahpsHospital");
  g_test_message ("%u measures expanded in %.1f ms", n_items, (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpuint (count_field_rows (form), ==, before + 50);
  g_assert_nonnull (curator_form_find_row (CURATOR_FORM (form), "usDhhsCmsHospitalCompareModel.hcahpsHospital[49]"));
  g_assert_null (curator_form_find_row (CURATOR_FORM (form), "usDhhsCmsHospitalCompareModel.hcahpsHospital[50]"));
  g_assert_null (curator_form_find_row (CURATOR_FORM (form), "usDhhsCmsHospitalCompareModel.hcahpsHospital[0].measureName"));

  fixture_close (&fixture);
}

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_empty_values (void)
{
  Fixture fixture = { 0 };
  CuratorDocument *document;
  GtkWidget *categories;
  g_autoptr(GBytes) unchanged = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autofree char *text = NULL;

  fixture_open (&fixture, "empty.md",
                "---\ntitle: Empty values\nstatus: ''\ncategories: []\nsummary:\nfootnote: null\n---\n");
  document = curator_window_get_document (fixture.window);

  /* All four show as empty... */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (require_input (&fixture, "Status"))), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (require_input (&fixture, "Footnote"))), ==, "");
  categories = curator_form_find_row (CURATOR_FORM (curator_window_get_form (fixture.window)), "categories");
  g_assert_cmpuint (curator_list_row_get_n_items (CURATOR_LIST_ROW (categories)), ==, 0);
  {
    GtkWidget *summary = curator_form_find_row (CURATOR_FORM (curator_window_get_form (fixture.window)), "summary");
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (require_input (&fixture, "Summary")));

    g_assert_nonnull (summary);
    g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), ==, 0);
  }

  /* ...and stay exactly as written while untouched. */
  g_assert_false (curator_document_get_modified (document));
  unchanged = curator_document_serialize (document);
  g_assert_true (g_bytes_equal (unchanged, fixture.original));

  /* Typing into an empty value writes just that value. */
  gtk_editable_set_text (GTK_EDITABLE (require_input (&fixture, "Footnote")), "See methods");
  save_and_wait (&fixture);
  saved = read_saved (&fixture);
  text = g_strndup (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved));
  g_assert_cmpstr (text, ==, "---\ntitle: Empty values\nstatus: ''\ncategories: []\nsummary:\nfootnote: See methods\n---\n");

  fixture_close (&fixture);
}

/* The labels a curator reads and a screen reader says: acronyms in
 * capitals, items called by what they are, and a label that two fields
 * share saying where each is. */
static void
test_field_labels (void)
{
  Fixture fixture = { 0 };
  CuratorForm *form;
  GtkWidget *item;

  fixture_open (&fixture, "labels.md",
                "---\n"
                "title: Labels\n"
                "link:\n"
                "  href: https://example.org/a\n"
                "featuredImage:\n"
                "  alt: An image\n"
                "  wpAttachment:\n"
                "    fileName: a.jpg\n"
                "    link: /api/v3/attachments/1/content\n"
                "openProjectCustomFields:\n"
                "  sourceUrl: https://example.org/a\n"
                "tags:\n"
                "- news\n"
                "- events\n"
                "facilityId: '010092'\n"
                "hdoTypes:\n"
                "- Short Term\n"
                "usDhhsCmsHospitalCompareModel:\n"
                "  hcahpsHospital:\n"
                "  - measureName: Communication with nurses\n"
                "    score: 87\n"
                "  - score: 91\n"
                "---\n");
  form = CURATOR_FORM (curator_window_get_form (fixture.window));

  g_assert_nonnull (require_input (&fixture, "Facility ID"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (curator_form_find_row (form, "hdoTypes"))),
                   ==, "HDO types");
  g_assert_nonnull (require_input (&fixture, "Tag 1"));
  g_assert_nonnull (require_input (&fixture, "Remove Tag 2"));
  expand_row (&fixture, "hdoTypes");
  g_assert_nonnull (require_input (&fixture, "HDO type 1"));

  /* Two fields named "Link", two named "Source link". */
  g_assert_nonnull (require_input (&fixture, "Link (Source link)"));
  expand_row (&fixture, "featuredImage.wpAttachment");
  g_assert_nonnull (require_input (&fixture, "Link (Featured image › Attachment)"));
  expand_row (&fixture, "openProjectCustomFields");
  g_assert_nonnull (require_input (&fixture, "Source link (OpenProject fields)"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (curator_form_find_row (form, "link"))),
                   ==, "Source link");

  /* A list of groups: each called by its own name, else by its place. */
  expand_row (&fixture, "usDhhsCmsHospitalCompareModel");
  expand_row (&fixture, "usDhhsCmsHospitalCompareModel.hcahpsHospital");
  item = curator_form_find_row (form, "usDhhsCmsHospitalCompareModel.hcahpsHospital[0]");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (item)), ==, "Communication with nurses");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (item)), ==, "HCAHPS hospital 1");
  item = curator_form_find_row (form, "usDhhsCmsHospitalCompareModel.hcahpsHospital[1]");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (item)), ==, "HCAHPS hospital 2");

  fixture_close (&fixture);
}

/* An empty text ('') and no value (null, ~, nothing) look and sound
 * different. */
static void
test_empty_and_null (void)
{
  Fixture fixture = { 0 };
  GtkWidget *footnote;
  GtkWidget *status;

  fixture_open (&fixture, "empty.md",
                "---\ntitle: Empty values\nstatus: ''\nsummary:\nfootnote: null\nnote: ~\nother: x\n---\n");

  status = require_input (&fixture, "Status");
  footnote = require_input (&fixture, "Footnote");
  gtk_test_accessible_assert_property (status, GTK_ACCESSIBLE_PROPERTY_PLACEHOLDER, "Empty");
  gtk_test_accessible_assert_property (footnote, GTK_ACCESSIBLE_PROPERTY_PLACEHOLDER, "Not set");
  gtk_test_accessible_assert_property (require_input (&fixture, "Note"), GTK_ACCESSIBLE_PROPERTY_PLACEHOLDER, "Not set");
  gtk_test_accessible_assert_property (require_input (&fixture, "Summary"), GTK_ACCESSIBLE_PROPERTY_PLACEHOLDER, "Not set");
  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (require_input (&fixture, "Other")),
                                                    GTK_ACCESSIBLE_PROPERTY_PLACEHOLDER));

  /* Shown too, in the row. */
  g_assert_true (gtk_widget_get_visible (find_label (gtk_widget_get_ancestor (status, ADW_TYPE_ENTRY_ROW), "Empty")));
  g_assert_true (gtk_widget_get_visible (find_label (gtk_widget_get_ancestor (footnote, ADW_TYPE_ENTRY_ROW), "Not set")));
  g_assert_true (gtk_widget_get_visible (find_label (curator_form_find_row (CURATOR_FORM (curator_window_get_form (fixture.window)), "summary"),
                                                     "Not set")));

  /* A value: neither. */
  gtk_editable_set_text (GTK_EDITABLE (footnote), "See methods");
  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (footnote), GTK_ACCESSIBLE_PROPERTY_PLACEHOLDER));
  g_assert_null (find_label (gtk_widget_get_ancestor (footnote, ADW_TYPE_ENTRY_ROW), "Not set"));

  fixture_close (&fixture);
}

/* The window says which file is open, by its name. */
static void
test_window_subtitle (void)
{
  Fixture fixture = { 0 };
  Fixture untitled = { 0 };
  AdwWindowTitle *title;
  g_autofree char *expected = NULL;
  g_autofree char *path = NULL;

  fixture_open (&fixture, "bba8b954-ca7f-5568-9975-c2ecc10bcdc8.md", "---\ntitle: A Curated Item\n---\n");
  title = fixture.window->window_title;
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "A Curated Item");
  /* (A folder in the home folder is written from "~".) */
  if (g_str_has_prefix (fixture.dir, g_get_home_dir ()) && fixture.dir[strlen (g_get_home_dir ())] == '/')
    expected = g_strdup_printf ("bba8b954-ca7f-5568-9975-c2ecc10bcdc8.md — ~%s", fixture.dir + strlen (g_get_home_dir ()));
  else
    expected = g_strdup_printf ("bba8b954-ca7f-5568-9975-c2ecc10bcdc8.md — %s", fixture.dir);
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, expected);
  path = g_file_get_path (fixture.file);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (title)), ==, path);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture.window)), ==, "A Curated Item");

  /* A title typed: the window's follows it, key by key; the file's place
   * stays (both are set only when they change). */
  gtk_editable_set_text (GTK_EDITABLE (require_input (&fixture, "Title")), "A Renamed Item");
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "A Renamed Item");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture.window)), ==, "A Renamed Item");
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, expected);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (title)), ==, path);
  gtk_editable_set_text (GTK_EDITABLE (require_input (&fixture, "Title")), "");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture.window)), ==, "bba8b954-ca7f-5568-9975-c2ecc10bcdc8.md");
  fixture_close (&fixture);

  /* No title: the name is the title, said once. */
  fixture_open (&untitled, "untitled.md", "---\ndraft: true\n---\n");
  title = untitled.window->window_title;
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "untitled.md");
  g_assert_true (g_str_has_suffix (untitled.dir, strrchr (adw_window_title_get_subtitle (title), '/')));
  g_assert_null (strstr (adw_window_title_get_subtitle (title), "untitled.md"));
  fixture_close (&untitled);
}

static void
test_list_of_maps (void)
{
  Fixture fixture = { 0 };
  CuratorForm *form;
  CuratorDocument *document;
  GtkWidget *item;
  g_autoptr(GBytes) saved = NULL;
  g_autofree char *text = NULL;

  fixture_open (&fixture, "people.md",
                "---\ntitle: People\npeople:\n- name: Ann\n  role: editor\n- name: Bo\n  role: curator\n- name: Cy\n  role: reviewer\n---\n");
  form = CURATOR_FORM (curator_window_get_form (fixture.window));
  document = curator_window_get_document (fixture.window);

  /* Each item is a group of its own, titled by its name; the subtitle
   * says which item of the list it is. */
  expand_row (&fixture, "people");
  item = curator_form_find_row (form, "people[1]");
  g_assert_true (CURATOR_IS_MAP_ROW (item));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (item)), ==, "Bo");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (item)), ==, "Person 2");

  /* Removing the first item re-reads the list: the rows follow. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (form), "form.remove-field", "s", "people[0]"));
  g_assert_null (curator_form_find_row (form, "people[2]"));
  item = curator_form_find_row (form, "people[0]");
  g_assert_nonnull (item);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (item)), ==, "Bo");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (item)), ==, "Person 1");

  /* Undo brings it back, in place. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.undo", NULL));
  item = curator_form_find_row (form, "people[0]");
  g_assert_nonnull (item);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (item)), ==, "Ann");
  g_assert_nonnull (curator_form_find_row (form, "people[2]"));
  g_assert_false (curator_document_get_modified (document));

  /* Edit a nested field of an item. */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (curator_form_find_row (form, "people[2]")), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (curator_form_find_row (form, "people[2].role")), "lead reviewer");
  save_and_wait (&fixture);
  saved = read_saved (&fixture);
  text = g_strndup (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved));
  g_assert_cmpstr (text, ==, "---\ntitle: People\npeople:\n- name: Ann\n  role: editor\n- name: Bo\n  role: curator\n- name: Cy\n  role: lead reviewer\n---\n");

  /* A new item has the last one's keys, empty, in the list's style; it
   * opens to be filled in. */
  {
    const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (curator_form_find_row (form, "people")));
    g_autofree char *add_label = g_strdup_printf ("Add to %s", title);
    g_autoptr(GBytes) added = NULL;
    g_autoptr(GBytes) filled = NULL;
    g_autoptr(GBytes) undone = NULL;

    g_autofree char *expected = g_strdup_printf ("%.*s- name: ''\n  role: ''\n---\n",
                                                 (int)(strlen (text) - strlen ("---\n")), text);

    g_signal_emit_by_name (require_input (&fixture, add_label), "clicked");
    added = curator_document_serialize (document);
    g_assert_cmpmem (g_bytes_get_data (added, NULL), g_bytes_get_size (added), expected, strlen (expected));
    item = curator_form_find_row (form, "people[3]");
    g_assert_true (CURATOR_IS_MAP_ROW (item));
    /* Nameless yet: called by its place. */
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (item)), ==, "Person 4");
    g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (item)));

    /* (The value keeps the quotes it was written with.) */
    gtk_editable_set_text (GTK_EDITABLE (curator_form_find_row (form, "people[3].name")), "Di");
    curator_field_editor_end_typing (document);
    filled = curator_document_serialize (document);
    g_assert_nonnull (g_strstr_len (g_bytes_get_data (filled, NULL), g_bytes_get_size (filled),
                                    "- name: 'Di'\n  role: ''\n---\n"));

    /* One undo step for the name, one for the item. */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.undo", NULL));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.undo", NULL));
    undone = curator_document_serialize (document);
    g_assert_cmpmem (g_bytes_get_data (undone, NULL), g_bytes_get_size (undone), text, strlen (text));
    g_assert_null (curator_form_find_row (form, "people[3]"));
  }

  fixture_close (&fixture);
}

static void
test_drop_file (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "ui", "data", "curated-event.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *uri_list = g_strconcat (uri, "\r\n", NULL);
  g_autoptr(GBytes) bytes = g_bytes_new (uri_list, strlen (uri_list));
  g_autoptr(GListModel) controllers = NULL;
  g_autoptr(CuratorDropData) data = curator_drop_data_new ();
  CuratorWindow *window = curator_window_new (NULL);

  gtk_window_present (GTK_WINDOW (window));
  g_assert_null (curator_window_get_document (window));

  /* A file manager's drop: text/uri-list (the drop target reads it; the
   * import tests cover the formats and the reading). */
  g_assert_true (curator_drop_data_add (data, "text/uri-list", bytes));
  g_assert_cmpuint (data->files->len, ==, 1);

  /* A file dropped on an empty window opens in it. */
  curator_window_import_data (window, data, TRUE, 10.0, 10.0);

  curator_test_wait_for (window_loaded, window, "the dropped file");
  g_assert_true (g_file_equal (curator_document_get_file (curator_window_get_document (window)), file));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==,
                   "WEBINAR - Menstrual Health - Facts, Stats and What\xe2\x80\x99s Next?");

  g_clear_object (&controllers);
  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* Ctrl+Z and Ctrl+Shift+Z reach the document even from inside a text
 * field: a capture-phase shortcut on the window maps them to undo/redo. */
static GtkShortcutAction *
find_capture_shortcut (GtkWidget  *widget,
                       const char *trigger_text)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GtkShortcutTrigger) wanted = gtk_shortcut_trigger_parse_string (trigger_text);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller) ||
          gtk_event_controller_get_propagation_phase (GTK_EVENT_CONTROLLER (controller)) != GTK_PHASE_CAPTURE)
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            return gtk_shortcut_get_action (shortcut);
        }
    }

  return NULL;
}

/* Ctrl+Z and Ctrl+Shift+Z reach the document even from inside a text
 * field: a capture-phase shortcut on the window maps them to undo/redo,
 * ahead of the text field's own undo. */
static void
test_undo_shortcuts (void)
{
  Fixture fixture = { 0 };
  GtkShortcutAction *undo;
  GtkShortcutAction *redo;
  GtkWidget *title;

  fixture_open (&fixture, "curated-content.md", NULL);
  title = require_input (&fixture, "Title");
  gtk_editable_set_text (GTK_EDITABLE (title), "Typed");
  gtk_widget_grab_focus (title);

  undo = find_capture_shortcut (GTK_WIDGET (fixture.window), "<Control>z");
  redo = find_capture_shortcut (GTK_WIDGET (fixture.window), "<Control><Shift>z");
  g_assert_nonnull (undo);
  g_assert_nonnull (redo);

  g_assert_true (gtk_shortcut_action_activate (undo, 0, GTK_WIDGET (fixture.window), NULL));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==,
                   "Top Interoperability Challenges Facing Care Organizations");
  g_assert_true (gtk_shortcut_action_activate (redo, 0, GTK_WIDGET (fixture.window), NULL));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==, "Typed");

  fixture_close (&fixture);
}

static gboolean
leaflet_folded (gpointer data)
{
  CuratorWindow *window = data;

  return adw_leaflet_get_folded (window->leaflet) &&
         gtk_widget_get_visible (GTK_WIDGET (window->body_button)) &&
         window->update_panes_source == 0;
}

/* A narrow window shows the form or the body, and a header button
 * switches between them. */
static void
test_narrow_window (void)
{
  Fixture fixture = { 0 };

  fixture_open (&fixture, "curated-content.md", NULL);
  gtk_window_set_default_size (GTK_WINDOW (fixture.window), 360, 640);
  curator_test_wait_for (leaflet_folded, fixture.window, "the window to fold");

  g_assert_cmpstr (adw_leaflet_get_visible_child_name (fixture.window->leaflet), ==, "form");
  g_assert_false (gtk_widget_get_visible (fixture.window->preview_button));
  g_assert_true (find_by_label (GTK_WIDGET (fixture.window), "Show the Body") == GTK_WIDGET (fixture.window->body_button));

  gtk_toggle_button_set_active (fixture.window->body_button, TRUE);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (fixture.window->leaflet), ==, "body");
  gtk_toggle_button_set_active (fixture.window->body_button, FALSE);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (fixture.window->leaflet), ==, "form");

  fixture_close (&fixture);
}

static void
test_pick_date (void)
{
  Fixture fixture = { 0 };
  GtkWidget *row;
  GtkWidget *calendar;
  g_autoptr(GDateTime) day = g_date_time_new_utc (2021, 2, 3, 0, 0, 0);
  g_autoptr(GBytes) saved = NULL;
  const char *expected[] = { "date: '2021-02-03T09:59:06.492674Z'", NULL };
  guint line;

  fixture_open (&fixture, "curated-content.md", NULL);
  line = line_of (fixture.original, "date: '2020-09-14T09:59:06.492674Z'");

  /* Picking a day changes the date only: time, fraction, zone and the
   * quotes stay as they were. */
  row = curator_form_find_row (CURATOR_FORM (curator_window_get_form (fixture.window)), "date");
  g_assert_nonnull (row);
  calendar = find_type (row, GTK_TYPE_CALENDAR);
  g_assert_nonnull (calendar);
  gtk_calendar_select_day (GTK_CALENDAR (calendar), day);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "2021-02-03T09:59:06.492674Z");

  save_and_wait (&fixture);
  saved = read_saved (&fixture);
  assert_lines_replaced (fixture.original, saved, line, 1, expected);

  fixture_close (&fixture);
}

static void
test_number (void)
{
  Fixture fixture = { 0 };
  GtkWidget *spin;
  g_autoptr(GBytes) saved = NULL;
  const char *expected[] = { "id: 3390", NULL };
  guint line;

  fixture_open (&fixture, "curated-content.md", NULL);
  line = line_of (fixture.original, "id: 3389");

  spin = require_input (&fixture, "ID");
  g_assert_true (GTK_IS_SPIN_BUTTON (spin));
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, 3389);
  gtk_spin_button_spin (GTK_SPIN_BUTTON (spin), GTK_SPIN_STEP_FORWARD, 1);

  save_and_wait (&fixture);
  saved = read_saved (&fixture);
  assert_lines_replaced (fixture.original, saved, line, 1, expected);

  fixture_close (&fixture);
}

static void
test_add_and_remove_field (void)
{
  Fixture fixture = { 0 };
  CuratorForm *form;
  GtkWidget *reviewer;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) old_lines = NULL;
  guint closing, masthead;

  fixture_open (&fixture, "curated-content.md", NULL);
  form = CURATOR_FORM (curator_window_get_form (fixture.window));
  masthead = line_of (fixture.original, "mastHead: Chronic Care Management (CCM) CoP");

  /* A new field gets a row named after its key, in "Everything else". */
  g_assert_true (curator_form_add_field (form, "reviewerName", CURATOR_FIELD_KIND_TEXT, &error));
  g_assert_no_error (error);
  reviewer = require_input (&fixture, "Reviewer name");
  gtk_editable_set_text (GTK_EDITABLE (reviewer), "Ann Lee");

  /* An existing key cannot be added twice. */
  g_assert_false (curator_form_add_field (form, "title", CURATOR_FIELD_KIND_TEXT, &error));
  g_assert_error (error, CURATOR_ERROR, CURATOR_ERROR_INVALID_VALUE);

  /* Remove a field the way its context menu does. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (form), "form.remove-field", "s", "mastHead"));
  g_assert_null (curator_form_find_row (form, "mastHead"));

  save_and_wait (&fixture);
  saved = read_saved (&fixture);
  text = g_strndup (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved));
  lines = g_strsplit (text, "\n", -1);
  {
    g_autofree char *old = g_strndup (g_bytes_get_data (fixture.original, NULL), g_bytes_get_size (fixture.original));

    old_lines = g_strsplit (old, "\n", -1);
  }

  /* Same lines but: mastHead gone, reviewerName added at the end. */
  closing = 1;
  while (g_strcmp0 (old_lines[closing], "---") != 0)
    closing++;
  g_assert_cmpuint (g_strv_length (lines), ==, g_strv_length (old_lines));
  for (guint i = 0; i < masthead; i++)
    g_assert_cmpstr (lines[i], ==, old_lines[i]);
  for (guint i = masthead + 1; i < closing; i++)
    g_assert_cmpstr (lines[i - 1], ==, old_lines[i]);
  g_assert_true (g_str_has_prefix (lines[closing - 1], "reviewerName: "));
  g_assert_nonnull (strstr (lines[closing - 1], "Ann Lee"));
  for (guint i = closing; old_lines[i] != NULL; i++)
    g_assert_cmpstr (lines[i], ==, old_lines[i]);

  fixture_close (&fixture);
}

static void
test_close_unsaved (void)
{
  Fixture fixture = { 0 };
  CuratorWindow *window;
  GtkWidget *dialog = NULL;
  GListModel *toplevels;
  g_autoptr(GBytes) on_disk = NULL;

  fixture_open (&fixture, "curated-content.md", NULL);
  window = fixture.window;
  gtk_editable_set_text (GTK_EDITABLE (require_input (&fixture, "Title")), "Changed");

  /* Closing asks first; the window stays. */
  gtk_window_close (GTK_WINDOW (window));
  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_window_get_transient_for (toplevel) == GTK_WINDOW (window))
        dialog = GTK_WIDGET (toplevel);
    }
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "save"));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "cancel"));

  /* Discard: the window closes and nothing is written. */
  g_object_ref (window);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "discard");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_finalize_object (window);

  on_disk = read_saved (&fixture);
  g_assert_true (g_bytes_equal (on_disk, fixture.original));

  g_file_delete (fixture.file, NULL, NULL);
  g_rmdir (fixture.dir);
  g_clear_object (&fixture.file);
  g_clear_pointer (&fixture.original, g_bytes_unref);
  g_clear_pointer (&fixture.dir, g_free);
}

/* A spread of real Medigy files: each opens, every input is named after
 * its label, and an untouched document serializes to its bytes. */
static void
test_corpus_sample (void)
{
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(GPtrArray) sample = g_ptr_array_new_with_free_func (g_free);
  guint step, n_forms = 0, n_refused = 0;

  if (curator_test_corpus_dir () == NULL)
    return;

  paths = curator_test_corpus_files ("medigy");
  g_assert_cmpuint (paths->len, >, 100);
  step = paths->len / 60;

  /* Every 60th file, and the TOML ones (refused, shown raw). */
  for (guint i = 0; i < paths->len; i++)
    {
      char head[4] = { 0 };
      FILE *f = fopen (g_ptr_array_index (paths, i), "rb");

      if (f != NULL)
        {
          if (fread (head, 1, 3, f) != 3)
            head[0] = '\0';
          fclose (f);
        }
      if (i % step == 0 || strcmp (head, "+++") == 0)
        g_ptr_array_add (sample, g_strdup (g_ptr_array_index (paths, i)));
    }

  for (guint i = 0; i < sample->len; i++)
    {
      const char *path = g_ptr_array_index (sample, i);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GBytes) original = g_file_load_bytes (file, NULL, NULL, NULL);
      CuratorWindow *window = curator_window_new (NULL);
      CuratorDocument *document;
      guint n_checked = 0;

      gtk_window_present (GTK_WINDOW (window));
      curator_window_open (window, file);
      curator_test_wait_for (window_loaded, window, path);
      document = curator_window_get_document (window);

      if (curator_document_get_editable (document))
        {
          g_autoptr(GBytes) serialized = curator_document_serialize (document);

          expand_all (curator_window_get_form (window), 1);
          check_inputs_named (curator_window_get_form (window), &n_checked);
          g_assert_cmpuint (n_checked, >, 0);
          g_assert_true (g_bytes_equal (serialized, original));
          n_forms++;
        }
      else
        {
          /* Refused (TOML front matter, ...): the raw text to fix. */
          GtkWidget *raw = find_by_label (GTK_WIDGET (window), "Front matter text");

          g_assert_nonnull (curator_document_get_load_error (document));
          g_assert_true (gtk_widget_get_mapped (raw));
          n_refused++;
        }

      g_object_ref (window);
      gtk_window_destroy (GTK_WINDOW (window));
      g_assert_finalize_object (window);
    }

  g_test_message ("%u Medigy files as forms, %u refused with the raw view", n_forms, n_refused);
  g_assert_cmpuint (n_forms, >=, 50);
  g_assert_cmpuint (n_refused, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp_dir = NULL;
  int status;

  /* Software rendering is faster here; the test accessibility backend
   * keeps the properties the tests read. */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  /* Recent files, drafts and what the preview's web processes keep go to
   * fresh folders: nothing is left from an earlier run, nothing lands in
   * the user's home. */
  tmp_dir = curator_test_make_private_dir ("curator-ui-window-XXXXXX");
  g_set_application_name ("Curator");
  g_setenv ("GTK_A11Y", "test", FALSE);
  gtk_test_init (&argc, &argv, NULL);
  curator_test_log_init ();
  /* A web process ending on WebKit's a11y bus warning (docs/preview.md). */
  curator_test_tolerate_web_process_ends (1);
  adw_init ();

  g_test_add_func ("/ui/window/edit-title", test_edit_title);
  g_test_add_func ("/ui/window/loading-holds-input", test_loading_holds_input);
  g_test_add_func ("/ui/window/toggle-switch", test_toggle_switch);
  g_test_add_func ("/ui/window/add-list-item", test_add_list_item);
  g_test_add_func ("/ui/window/reorder-list", test_reorder_list);
  g_test_add_func ("/ui/window/json-list", test_json_list);
  g_test_add_func ("/ui/window/list-of-maps", test_list_of_maps);
  g_test_add_func ("/ui/window/field-labels", test_field_labels);
  g_test_add_func ("/ui/window/empty-and-null", test_empty_and_null);
  g_test_add_func ("/ui/window/subtitle", test_window_subtitle);
  g_test_add_func ("/ui/window/undo-redo", test_undo_redo);
  g_test_add_func ("/ui/window/undo-shortcuts", test_undo_shortcuts);
  g_test_add_func ("/ui/window/empty-values", test_empty_values);
  g_test_add_func ("/ui/window/pick-date", test_pick_date);
  g_test_add_func ("/ui/window/number", test_number);
  g_test_add_func ("/ui/window/add-and-remove-field", test_add_and_remove_field);
  g_test_add_func ("/ui/window/close-unsaved", test_close_unsaved);
  g_test_add_func ("/ui/window/refused-document", test_refused_document);
  g_test_add_func ("/ui/window/refused-scrolls-to-error", test_refused_scrolls_to_error);
  g_test_add_func ("/ui/window/no-front-matter", test_no_front_matter);
  g_test_add_func ("/ui/window/toml-front-matter", test_toml_front_matter);
  g_test_add_func ("/ui/window/unterminated-front-matter", test_unterminated_front_matter);
  g_test_add_func ("/ui/window/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/ui/window/save-as", test_save_as);
  g_test_add_func ("/ui/window/save-fails", test_save_fails);
  g_test_add_func ("/ui/window/drop-file", test_drop_file);
  g_test_add_func ("/ui/window/narrow-window", test_narrow_window);
  g_test_add_func ("/ui/window/accessible-names", test_accessible_names);
  g_test_add_func ("/ui/window/large-profile-lazy", test_large_profile_lazy);
  g_test_add_func ("/ui/window/corpus-sample", test_corpus_sample);

  status = g_test_run ();
  curator_test_remove_tree (tmp_dir);

  return status;
}
