/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-form"

#include "config.h"

#include "curator-add-field-dialog.h"
#include "curator-field-editor.h"
#include "curator-form.h"
#include "curator-list-row.h"
#include "curator-map-row.h"
#include "curator-test-utils.h"
#include "curator-ui-test-utils.h"
#include "curator-window-private.h"

#include <string.h>

/* The form under a keyboard user's hands: real keystrokes (XTest) into
 * the real window, and where the focus is after each operation. */

/* The text input of an entry row (its GtkText). */
static GtkWidget *
text_of (GtkWidget *row)
{
  GtkWidget *text = GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (row)));

  g_assert_true (GTK_IS_TEXT (text));
  return text;
}

static void
collect_entry_rows (GtkWidget *widget,
                    GPtrArray *rows)
{
  if (ADW_IS_ENTRY_ROW (widget))
    g_ptr_array_add (rows, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_entry_rows (child, rows);
}

/* A list row's item rows, then its add row, in order. */
static GPtrArray *
list_entry_rows (CuratorUiFixture *fixture,
                 const char       *key_path)
{
  GtkWidget *list = curator_form_find_row (CURATOR_FORM (curator_window_get_form (fixture->window)), key_path);
  GPtrArray *rows = g_ptr_array_new ();

  g_assert_true (CURATOR_IS_LIST_ROW (list));
  collect_entry_rows (list, rows);
  return rows;
}

static GtkWidget *
list_add_row (CuratorUiFixture *fixture,
              const char       *key_path)
{
  g_autoptr(GPtrArray) rows = list_entry_rows (fixture, key_path);

  g_assert_cmpuint (rows->len, >, 0);
  return g_ptr_array_index (rows, rows->len - 1);
}

static GtkWidget *
list_item_row (CuratorUiFixture *fixture,
               const char       *key_path,
               guint             index)
{
  g_autoptr(GPtrArray) rows = list_entry_rows (fixture, key_path);

  g_assert_cmpuint (index + 1, <, rows->len);
  return g_ptr_array_index (rows, index);
}

/* The keyboard focus is in @row's text, the cursor at @position (-1:
 * at the end), nothing selected: the next key goes there. */
static void
assert_cursor (GtkWidget *row,
               int        position)
{
  GtkWidget *text = text_of (row);
  GtkWidget *focus = curator_ui_get_focus (GTK_WINDOW (gtk_widget_get_root (row)));
  int start, end;

  if (focus != text)
    g_error ("The focus is on %s “%s”, not in “%s”",
             focus != NULL ? G_OBJECT_TYPE_NAME (focus) : "nothing",
             focus != NULL && GTK_IS_EDITABLE (focus) ? gtk_editable_get_text (GTK_EDITABLE (focus)) : "",
             adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  if (position < 0)
    position = g_utf8_strlen (gtk_editable_get_text (GTK_EDITABLE (text)), -1);
  g_assert_false (gtk_editable_get_selection_bounds (GTK_EDITABLE (text), &start, &end));
  g_assert_cmpint (gtk_editable_get_position (GTK_EDITABLE (text)), ==, position);
}

static GtkWidget *
find_icon_button (GtkWidget  *widget,
                  const char *icon_name)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), icon_name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_icon_button (child, icon_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
click_remove_item (CuratorUiFixture *fixture,
                   guint             index)
{
  GtkWidget *button = find_icon_button (list_item_row (fixture, "tags", index), "list-remove-symbolic");

  g_assert_nonnull (button);
  /* A click gives the button the focus first. */
  gtk_widget_grab_focus (button);
  g_signal_emit_by_name (button, "clicked");
}

static const char *
value_at (CuratorUiFixture *fixture,
          const char       *key_path)
{
  const CuratorNode *node = curator_document_lookup (curator_window_get_document (fixture->window), key_path, NULL);

  return node != NULL ? curator_node_get_value (node) : NULL;
}

static guint
n_items_at (CuratorUiFixture *fixture,
            const char       *key_path)
{
  const CuratorNode *node = curator_document_lookup (curator_window_get_document (fixture->window), key_path, NULL);

  g_assert_nonnull (node);
  return curator_node_get_n_children (node);
}

static gboolean
dialog_gone (gpointer data)
{
  return curator_ui_find_dialog (data, CURATOR_TYPE_ADD_FIELD_DIALOG) == NULL;
}

static GtkWindow *
open_add_field_dialog (CuratorUiFixture *fixture)
{
  GtkWindow *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.add-field", NULL));
  dialog = curator_ui_find_dialog (GTK_WINDOW (fixture->window), CURATOR_TYPE_ADD_FIELD_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_modal (dialog));

  /* The name is typed at once: the focus starts in its entry. */
  curator_ui_flush_events ();
  g_assert_true (curator_ui_has_focus_within (curator_ui_require_input (GTK_WIDGET (dialog), "Field name")));

  return dialog;
}

static void
assert_document_unchanged (CuratorUiFixture *fixture)
{
  CuratorDocument *document = curator_window_get_document (fixture->window);
  g_autoptr(GBytes) now = curator_document_serialize (document);

  g_assert_false (curator_document_get_modified (document));
  g_assert_true (g_bytes_equal (now, fixture->original));
}

/* Add Field…: every way out of the dialog (Add, Enter, Cancel, Escape,
 * closing it), and the name checks that keep Add off. */
static void
test_add_field_dialog (void)
{
  CuratorUiFixture fixture = { 0 };
  CuratorForm *form;
  CuratorDocument *document;
  GtkWindow *dialog;
  GtkWidget *row;

  if (!curator_ui_keyboard_available ())
    return;

  curator_ui_fixture_open (&fixture, "curated-content.md", NULL);
  form = CURATOR_FORM (curator_window_get_form (fixture.window));
  document = curator_window_get_document (fixture.window);

  /* Escape: nothing added, the window keeps its document. */
  dialog = open_add_field_dialog (&fixture);
  curator_ui_type (dialog, "escaped");
  curator_ui_press (dialog, "Escape");
  g_assert_true (dialog_gone (fixture.window));
  g_assert_null (curator_form_find_row (form, "escaped"));
  assert_document_unchanged (&fixture);

  /* Cancel. */
  dialog = open_add_field_dialog (&fixture);
  curator_ui_type (dialog, "cancelled");
  g_signal_emit_by_name (curator_ui_find_button (GTK_WIDGET (dialog), "_Cancel"), "clicked");
  curator_test_wait_for (dialog_gone, fixture.window, "the dialog to close");
  g_assert_null (curator_form_find_row (form, "cancelled"));
  assert_document_unchanged (&fixture);

  /* Closing the dialog's window. */
  dialog = open_add_field_dialog (&fixture);
  curator_ui_type (dialog, "closed");
  gtk_window_close (dialog);
  curator_test_wait_for (dialog_gone, fixture.window, "the dialog to close");
  g_assert_null (curator_form_find_row (form, "closed"));
  assert_document_unchanged (&fixture);

  /* A name that exists, or that YAML would read otherwise, keeps Add off
   * and says why; Enter then does nothing. */
  dialog = open_add_field_dialog (&fixture);
  curator_ui_type (dialog, "title");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"));
  g_assert_nonnull (curator_ui_find_label (GTK_WIDGET (dialog), "This field already exists", TRUE));
  curator_ui_press (dialog, "Return");
  g_assert_false (dialog_gone (fixture.window));
  curator_ui_press (dialog, "<Control>a");
  curator_ui_type (dialog, "a: b");
  g_assert_nonnull (curator_ui_find_label (GTK_WIDGET (dialog), "cannot start with a space or contain", FALSE));
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"));
  assert_document_unchanged (&fixture);

  /* Add by the button: the field is there, and the focus is in it. */
  curator_ui_press (dialog, "<Control>a");
  curator_ui_type (dialog, "reviewerName");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"));
  g_signal_emit_by_name (curator_ui_find_button (GTK_WIDGET (dialog), "_Add"), "clicked");
  curator_test_wait_for (dialog_gone, fixture.window, "the dialog to close");
  row = curator_form_find_row (form, "reviewerName");
  g_assert_nonnull (row);
  g_assert_true (curator_ui_has_focus_within (row));
  g_assert_true (curator_document_get_modified (document));

  /* Add by Enter; then type into the new field. */
  dialog = open_add_field_dialog (&fixture);
  curator_ui_type (dialog, "editor");
  curator_ui_press (dialog, "Return");
  curator_test_wait_for (dialog_gone, fixture.window, "the dialog to close");
  row = curator_form_find_row (form, "editor");
  g_assert_nonnull (row);
  g_assert_true (curator_ui_has_focus_within (row));
  curator_ui_type (GTK_WINDOW (fixture.window), "Ann");
  g_assert_cmpstr (curator_node_get_value (curator_document_lookup (document, "editor", NULL)), ==, "Ann");

  curator_ui_fixture_close (&fixture);
}

/* Enter in "Add to Tags" adds the tag and leaves the focus in the add
 * entry, empty: the next tag typed is added after it, never over the
 * first one. */
static void
test_add_several_tags (void)
{
  CuratorUiFixture fixture = { 0 };
  GtkWidget *add;

  if (!curator_ui_keyboard_available ())
    return;

  curator_ui_fixture_open (&fixture, "curated-content.md", NULL);
  add = list_add_row (&fixture, "tags");
  gtk_widget_grab_focus (text_of (add));

  curator_ui_type (GTK_WINDOW (fixture.window), "interoperability");
  curator_ui_press (GTK_WINDOW (fixture.window), "Return");
  g_assert_cmpuint (n_items_at (&fixture, "tags"), ==, 2);
  g_assert_true (list_add_row (&fixture, "tags") == add);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (add)), ==, "");
  assert_cursor (add, 0);

  curator_ui_type (GTK_WINDOW (fixture.window), "care gaps");
  curator_ui_press (GTK_WINDOW (fixture.window), "Return");
  curator_ui_type (GTK_WINDOW (fixture.window), "ccm");
  curator_ui_press (GTK_WINDOW (fixture.window), "Return");
  assert_cursor (add, 0);

  g_assert_cmpuint (n_items_at (&fixture, "tags"), ==, 4);
  g_assert_cmpstr (value_at (&fixture, "tags[0]"), ==, "news");
  g_assert_cmpstr (value_at (&fixture, "tags[1]"), ==, "interoperability");
  g_assert_cmpstr (value_at (&fixture, "tags[2]"), ==, "care gaps");
  g_assert_cmpstr (value_at (&fixture, "tags[3]"), ==, "ccm");
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *path = g_strdup_printf ("tags[%u]", i);

      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (list_item_row (&fixture, "tags", i))), ==,
                       value_at (&fixture, path));
    }

  curator_ui_fixture_close (&fixture);
}

/* Reorder, remove, undo and redo in a list, from the keyboard: the focus
 * follows the item, or goes to the one that takes its place. */
static void
test_list_focus (void)
{
  CuratorUiFixture fixture = { 0 };
  GtkWindow *window;
  GtkWidget *item;

  if (!curator_ui_keyboard_available ())
    return;

  curator_ui_fixture_open (&fixture, "tags.md", "---\ntitle: Tags\ntags:\n- news\n- interop\n- care\n---\n");
  window = GTK_WINDOW (fixture.window);

  /* Alt+Up: the item moves, the cursor stays where it was in it. */
  item = list_item_row (&fixture, "tags", 1);
  gtk_widget_grab_focus (text_of (item));
  gtk_editable_set_position (GTK_EDITABLE (text_of (item)), 3);
  curator_ui_press (window, "<Alt>Up");
  g_assert_cmpstr (value_at (&fixture, "tags[0]"), ==, "interop");
  assert_cursor (list_item_row (&fixture, "tags", 0), 3);
  curator_ui_press (window, "<Alt>Down");
  curator_ui_press (window, "<Alt>Down");
  g_assert_cmpstr (value_at (&fixture, "tags[2]"), ==, "interop");
  assert_cursor (list_item_row (&fixture, "tags", 2), 3);
  /* Nowhere further to go: nothing moves. */
  curator_ui_press (window, "<Alt>Down");
  assert_cursor (list_item_row (&fixture, "tags", 2), 3);

  /* Undo moves it back, and the focus with it. */
  curator_ui_press (window, "<Control>z");
  g_assert_cmpstr (value_at (&fixture, "tags[1]"), ==, "interop");
  assert_cursor (list_item_row (&fixture, "tags", 1), -1);

  /* Removing an item: the next one takes its place and the focus. */
  click_remove_item (&fixture, 0);
  g_assert_cmpuint (n_items_at (&fixture, "tags"), ==, 2);
  assert_cursor (list_item_row (&fixture, "tags", 0), -1);
  g_assert_cmpstr (value_at (&fixture, "tags[0]"), ==, "interop");

  /* The last one: the add row is next. */
  click_remove_item (&fixture, 1);
  g_assert_cmpuint (n_items_at (&fixture, "tags"), ==, 1);
  assert_cursor (list_add_row (&fixture, "tags"), 0);

  /* Undo brings it back with the focus, redo removes it again. */
  curator_ui_press (window, "<Control>z");
  g_assert_cmpuint (n_items_at (&fixture, "tags"), ==, 2);
  assert_cursor (list_item_row (&fixture, "tags", 1), -1);
  curator_ui_press (window, "<Control><Shift>z");
  g_assert_cmpuint (n_items_at (&fixture, "tags"), ==, 1);
  assert_cursor (list_add_row (&fixture, "tags"), 0);

  curator_ui_fixture_close (&fixture);
}

/* Ctrl+Z while typing in a text row: the value typed goes, whole (the
 * space before the word too), the cursor stays at the end of the
 * restored text, and the next keys go there. */
static void
test_undo_in_text_row (void)
{
  CuratorUiFixture fixture = { 0 };
  CuratorDocument *document;
  GtkWindow *window;
  GtkWidget *title;
  const char *original = "Top Interoperability Challenges Facing Care Organizations";
  g_autofree char *again = g_strconcat (original, " AGAIN", NULL);

  if (!curator_ui_keyboard_available ())
    return;

  curator_ui_fixture_open (&fixture, "curated-content.md", NULL);
  window = GTK_WINDOW (fixture.window);
  document = curator_window_get_document (fixture.window);
  title = curator_form_find_row (CURATOR_FORM (curator_window_get_form (fixture.window)), "title");

  gtk_widget_grab_focus (text_of (title));
  curator_ui_press (window, "End");
  curator_ui_type (window, " AGAIN");
  g_assert_cmpstr (value_at (&fixture, "title"), ==, again);

  curator_ui_press (window, "<Control>z");
  g_assert_cmpstr (value_at (&fixture, "title"), ==, original);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==, original);
  g_assert_false (curator_document_get_modified (document));
  assert_cursor (title, -1);

  /* Redo puts it back, the cursor after it. */
  curator_ui_press (window, "<Control><Shift>z");
  g_assert_cmpstr (value_at (&fixture, "title"), ==, again);
  assert_cursor (title, -1);
  curator_ui_press (window, "<Control>z");
  curator_ui_type (window, "!");
  {
    g_autofree char *expected = g_strconcat (original, "!", NULL);

    g_assert_cmpstr (value_at (&fixture, "title"), ==, expected);
  }

  /* Two words: two steps, each taking its word and the space before it. */
  curator_ui_press (window, "<Control>z");
  curator_ui_type (window, " care team");
  curator_ui_press (window, "<Control>z");
  {
    g_autofree char *expected = g_strconcat (original, " care", NULL);

    g_assert_cmpstr (value_at (&fixture, "title"), ==, expected);
    assert_cursor (title, -1);
  }
  curator_ui_press (window, "<Control>z");
  g_assert_cmpstr (value_at (&fixture, "title"), ==, original);
  g_assert_false (curator_document_get_modified (document));

  /* In the middle of the text: the cursor stays where the change was. */
  gtk_editable_set_position (GTK_EDITABLE (text_of (title)), 3);
  curator_ui_type (window, " New");
  curator_ui_press (window, "<Control>z");
  g_assert_cmpstr (value_at (&fixture, "title"), ==, original);
  assert_cursor (title, 3);

  curator_ui_fixture_close (&fixture);
}

/* Ctrl+Z in a list item: the item shows its old text, the cursor at its
 * end and nothing selected, so the next keys add to it. */
static void
test_undo_in_list_item (void)
{
  CuratorUiFixture fixture = { 0 };
  GtkWindow *window;
  GtkWidget *item;

  if (!curator_ui_keyboard_available ())
    return;

  curator_ui_fixture_open (&fixture, "curated-content.md", NULL);
  window = GTK_WINDOW (fixture.window);
  item = list_item_row (&fixture, "tags", 0);

  gtk_widget_grab_focus (text_of (item));
  curator_ui_press (window, "End");
  curator_ui_type (window, "letter");
  g_assert_cmpstr (value_at (&fixture, "tags[0]"), ==, "newsletter");

  curator_ui_press (window, "<Control>z");
  g_assert_cmpstr (value_at (&fixture, "tags[0]"), ==, "news");
  g_assert_true (list_item_row (&fixture, "tags", 0) == item);
  assert_cursor (item, -1);
  g_assert_false (curator_document_get_modified (curator_window_get_document (fixture.window)));

  curator_ui_type (window, "room");
  g_assert_cmpstr (value_at (&fixture, "tags[0]"), ==, "newsroom");

  curator_ui_fixture_close (&fixture);
}

/* Undo from elsewhere goes to what it changed; removing a field moves
 * the focus to the row shown next; undo brings the field and the focus
 * back. */
static void
test_undo_moves_focus (void)
{
  CuratorUiFixture fixture = { 0 };
  CuratorForm *form;
  GtkWindow *window;
  GtkWidget *slug;
  GtkWidget *row;
  g_autoptr(GError) error = NULL;

  if (!curator_ui_keyboard_available ())
    return;

  curator_ui_fixture_open (&fixture, "fields.md",
                           "---\ntitle: Fields\nlede: Short\nnote: Kept\nlink:\n  href: https://example.com/\n  brand: example.com\n---\n");
  window = GTK_WINDOW (fixture.window);
  form = CURATOR_FORM (curator_window_get_form (fixture.window));

  /* Typed in the note, then moved to another field: undo goes back. */
  gtk_widget_grab_focus (text_of (curator_form_find_row (form, "note")));
  curator_ui_press (window, "End");
  curator_ui_type (window, " here");
  slug = curator_form_find_row (form, "lede");
  gtk_widget_grab_focus (text_of (slug));
  curator_ui_press (window, "<Control>z");
  g_assert_cmpstr (value_at (&fixture, "note"), ==, "Kept");
  assert_cursor (curator_form_find_row (form, "note"), -1);

  /* A nested field in a closed group: the group opens. */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (curator_form_find_row (form, "link")), TRUE);
  gtk_widget_grab_focus (text_of (curator_form_find_row (form, "link.brand")));
  curator_ui_press (window, "End");
  curator_ui_type (window, "x");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (curator_form_find_row (form, "link")), FALSE);
  gtk_widget_grab_focus (text_of (slug));
  curator_ui_press (window, "<Control>z");
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (curator_form_find_row (form, "link"))));
  assert_cursor (curator_form_find_row (form, "link.brand"), -1);

  /* Removing a field: the next one takes the focus, the last field's
   * the one before. */
  g_assert_true (curator_form_remove_field (form, "lede", &error));
  g_assert_no_error (error);
  row = curator_form_find_row (form, "note");
  g_assert_true (curator_ui_has_focus_within (row));
  g_assert_true (curator_form_remove_field (form, "link.brand", &error));
  g_assert_true (curator_ui_has_focus_within (curator_form_find_row (form, "link.href")));

  /* Undo: the field is back, focused. */
  curator_ui_press (window, "<Control>z");
  assert_cursor (curator_form_find_row (form, "link.brand"), -1);
  curator_ui_press (window, "<Control>z");
  assert_cursor (curator_form_find_row (form, "lede"), -1);
  /* Redo removes it again: the focus goes to the row after it. */
  curator_ui_press (window, "<Control><Shift>z");
  g_assert_null (curator_form_find_row (form, "lede"));
  g_assert_true (curator_ui_has_focus_within (curator_form_find_row (form, "note")));

  curator_ui_fixture_close (&fixture);
}

static GtkWidget *
find_arrow (GtkWidget *widget)
{
  if (GTK_IS_IMAGE (widget) && gtk_widget_has_css_class (widget, "expander-row-arrow"))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_arrow (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The pixels of the icon @image draws now, a square as wide as the
 * image at its middle (rows differ in height, and so do their arrows'
 * images), or NULL before it is laid out. */
static GBytes *
render_icon (GtkWidget *image)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (image);
  int width = gtk_widget_get_width (image);
  int height = gtk_widget_get_height (image);
  int top = (height - width) / 2;
  GtkSnapshot *snapshot;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  guchar *data;

  if (width == 0 || height < width || !gtk_widget_get_mapped (image))
    return NULL;

  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (image)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  data = g_malloc (width * height * 4);
  gdk_texture_download (texture, data, width * 4);
  memmove (data, data + (gsize)top * width * 4, (gsize)width * width * 4);

  return g_bytes_new_take (data, (gsize)width * width * 4);
}

typedef struct
{
  GtkWidget *arrow;
  GtkWidget *like;
} ArrowLook;

static gboolean
arrows_look_alike (gpointer data)
{
  ArrowLook *look = data;
  g_autoptr(GBytes) a = NULL;
  g_autoptr(GBytes) b = NULL;

  curator_ui_flush_events ();
  a = render_icon (look->arrow);
  b = render_icon (look->like);
  return a != NULL && b != NULL && g_bytes_equal (a, b);
}

/* The arrow of @expander comes to look like the arrow of @like (it turns
 * in an animation). */
static void
assert_arrow_like (GtkWidget  *expander,
                   GtkWidget  *like,
                   const char *what)
{
  ArrowLook look = { find_arrow (expander), find_arrow (like) };

  g_assert_nonnull (look.arrow);
  g_assert_nonnull (look.like);
  if (!curator_test_wait_until (arrows_look_alike, &look, 2000))
    g_error ("The arrow of “%s” does not look %s", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (expander)), what);
}

static double
x_of (GtkWidget *row)
{
  graphene_point_t point;

  g_assert_true (gtk_widget_compute_point (row, gtk_widget_get_ancestor (row, CURATOR_TYPE_FORM),
                                           &GRAPHENE_POINT_INIT (0, 0), &point));
  return point.x;
}

/* A group inside an open group: its arrow says whether it is open, and
 * each level is indented. */
static void
test_nested_groups (void)
{
  CuratorUiFixture fixture = { 0 };
  CuratorForm *form;
  GtkWidget *closed;
  GtkWidget *open;
  GtkWidget *attachment;
  GtkWidget *link;

  curator_ui_fixture_open (&fixture, "nested.md",
                           "---\ntitle: Nested\n"
                           "featuredImage:\n  alt: An image\n  size:\n  - 750\n  - 562\n"
                           "  wpAttachment:\n    fileName: image.jpg\n    link:\n      href: /api/v3/attachments/9302/content\n"
                           "people:\n- name: Ann\n  address:\n    city: Paris\n"
                           "extra:\n  note: a group that stays closed\n"
                           "---\n");
  form = CURATOR_FORM (curator_window_get_form (fixture.window));

  /* Top-level groups show what the arrows should: one closed, one open. */
  closed = curator_form_find_row (form, "extra");
  open = curator_form_find_row (form, "featuredImage");
  g_assert_false (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (closed)));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (open), TRUE);

  attachment = curator_form_find_row (form, "featuredImage.wpAttachment");
  g_assert_false (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (attachment)));
  assert_arrow_like (attachment, closed, "closed");
  assert_arrow_like (curator_form_find_row (form, "featuredImage.size"), closed, "closed");

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (attachment), TRUE);
  assert_arrow_like (attachment, open, "open");
  link = curator_form_find_row (form, "featuredImage.wpAttachment.link");
  assert_arrow_like (link, closed, "closed");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (link), TRUE);
  assert_arrow_like (link, open, "open");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (attachment), FALSE);
  assert_arrow_like (attachment, closed, "closed");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (attachment), TRUE);

  /* The items of a list of groups, and a group in an item. */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (curator_form_find_row (form, "people")), TRUE);
  assert_arrow_like (curator_form_find_row (form, "people[0]"), closed, "closed");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (curator_form_find_row (form, "people[0]")), TRUE);
  assert_arrow_like (curator_form_find_row (form, "people[0]"), open, "open");
  assert_arrow_like (curator_form_find_row (form, "people[0].address"), closed, "closed");

  /* Each level further in than the one around it (the first level is
   * set apart by its shade, as libadwaita draws it). */
  g_assert_cmpfloat (x_of (curator_form_find_row (form, "featuredImage.wpAttachment.fileName")), >=,
                     x_of (curator_form_find_row (form, "featuredImage.alt")) + 12);
  g_assert_cmpfloat (x_of (curator_form_find_row (form, "featuredImage.wpAttachment.link.href")), >=,
                     x_of (curator_form_find_row (form, "featuredImage.wpAttachment.fileName")) + 12);

  curator_ui_fixture_close (&fixture);
}

static GtkWidget *
find_open_popover (GtkWidget *widget)
{
  if (GTK_IS_POPOVER_MENU (widget) && gtk_widget_get_visible (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_open_popover (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static guint
count_open_popovers (GtkWidget *widget)
{
  guint n = GTK_IS_POPOVER_MENU (widget) && gtk_widget_get_visible (widget) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    n += count_open_popovers (child);

  return n;
}

static gboolean
menu_model_has_label (GMenuModel *model,
                      const char *label)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *item_label = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);

      /* As shown: without the mnemonic underscores. */
      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &item_label))
        {
          g_auto(GStrv) parts = g_strsplit (item_label, "_", -1);
          g_autofree char *shown = g_strjoinv ("", parts);

          if (g_strcmp0 (shown, label) == 0)
            return TRUE;
        }
      if (section != NULL && menu_model_has_label (section, label))
        return TRUE;
    }

  return FALSE;
}

static char *
focused_item_text (GtkWidget *popover)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (popover));
  char *text = NULL;

  if (focus != NULL && gtk_widget_is_ancestor (focus, popover) && g_object_class_find_property (G_OBJECT_GET_CLASS (focus), "text"))
    g_object_get (focus, "text", &text, NULL);

  return text;
}

/* Opens the field menu of the focused input with Shift+F10, goes to the
 * remove item (Up wraps to the last) and presses Enter. */
static void
remove_with_field_menu (CuratorUiFixture *fixture,
                        const char       *remove_label)
{
  GtkWindow *window = GTK_WINDOW (fixture->window);
  GtkWidget *popover;
  g_autofree char *focused = NULL;

  curator_ui_press (window, "<Shift>F10");
  popover = find_open_popover (GTK_WIDGET (fixture->window));
  g_assert_nonnull (popover);
  g_assert_cmpuint (count_open_popovers (GTK_WIDGET (fixture->window)), ==, 1);
  g_assert_true (menu_model_has_label (gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (popover)), remove_label));

  focused = focused_item_text (popover);
  if (g_strcmp0 (focused, remove_label) != 0)
    {
      curator_ui_press (window, "Up");
      g_free (focused);
      focused = focused_item_text (popover);
    }
  g_assert_cmpstr (focused, ==, remove_label);
  /* A text's own menu goes with the row it belongs to. */
  g_object_add_weak_pointer (G_OBJECT (popover), (gpointer *) &popover);
  curator_ui_press (window, "Return");
  g_assert_true (popover == NULL || !gtk_widget_get_visible (popover));
  if (popover != NULL)
    g_object_remove_weak_pointer (G_OBJECT (popover), (gpointer *) &popover);
}

/* Remove Field from the keyboard: Shift+F10 in a field (its text too)
 * opens the field's menu; the row shown next takes the focus. */
static void
test_remove_field_by_keyboard (void)
{
  CuratorUiFixture fixture = { 0 };
  CuratorForm *form;

  if (!curator_ui_keyboard_available ())
    return;

  curator_ui_fixture_open (&fixture, "fields.md",
                           "---\ntitle: Fields\nlede: Short\nnote: Kept\ndraft: true\nlink:\n  href: https://example.com/\n  brand: example.com\n---\n");
  form = CURATOR_FORM (curator_window_get_form (fixture.window));

  /* In a text: its own menu (cut, copy, paste) holds the field's. */
  gtk_widget_grab_focus (text_of (curator_form_find_row (form, "lede")));
  remove_with_field_menu (&fixture, "Remove “Lede”");
  g_assert_null (curator_form_find_row (form, "lede"));
  g_assert_true (curator_ui_has_focus_within (curator_form_find_row (form, "note")));

  /* On a switch. */
  curator_field_editor_focus (CURATOR_FIELD_EDITOR (curator_form_find_row (form, "draft")));
  remove_with_field_menu (&fixture, "Remove “Draft”");
  /* The form shows title, link, draft, note: the row after it. */
  g_assert_null (curator_form_find_row (form, "draft"));
  g_assert_true (curator_ui_has_focus_within (curator_form_find_row (form, "note")));

  /* On a group's header. */
  curator_field_editor_focus (CURATOR_FIELD_EDITOR (curator_form_find_row (form, "link")));
  remove_with_field_menu (&fixture, "Remove “Source link”");
  g_assert_null (curator_form_find_row (form, "link"));
  g_assert_true (curator_ui_has_focus_within (curator_form_find_row (form, "note")));

  /* The keys still reach the window: each Undo brings a field back,
   * focused. */
  curator_ui_press (GTK_WINDOW (fixture.window), "<Control>z");
  g_assert_nonnull (curator_form_find_row (form, "link"));
  g_assert_true (curator_ui_has_focus_within (curator_form_find_row (form, "link")));
  curator_ui_press (GTK_WINDOW (fixture.window), "<Control>z");
  g_assert_nonnull (curator_form_find_row (form, "draft"));
  g_assert_true (curator_ui_has_focus_within (curator_form_find_row (form, "draft")));

  curator_ui_fixture_close (&fixture);
}

/* Removing the last field leaves an empty front matter: the focus stays
 * in the form and the window's shortcuts still work. */
static void
test_remove_last_field (void)
{
  CuratorUiFixture fixture = { 0 };
  GtkWindow *window;
  CuratorForm *form;
  g_autoptr(GBytes) saved = NULL;

  if (!curator_ui_keyboard_available ())
    return;

  curator_ui_fixture_open (&fixture, "last.md", "---\ntitle: Only\n---\nBody\n");
  window = GTK_WINDOW (fixture.window);
  form = CURATOR_FORM (curator_window_get_form (fixture.window));

  gtk_widget_grab_focus (text_of (curator_form_find_row (form, "title")));
  curator_ui_type (window, "x");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (form), "form.remove-field", "s", "title"));
  g_assert_null (curator_form_find_row (form, "title"));
  /* Right away, not at the next frame: a key pressed now must reach the
   * window. */
  g_assert_true (curator_ui_has_focus_within (GTK_WIDGET (form)));
  g_assert_true (GTK_IS_BUTTON (curator_ui_get_focus (window)));

  curator_ui_press (window, "<Control>s");
  curator_test_wait_for (curator_ui_document_saved, fixture.window, "the save");
  saved = curator_ui_fixture_read_file (&fixture);
  g_assert_cmpmem (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved), "---\n---\nBody\n", 13);

  curator_ui_press (window, "<Control>z");
  g_assert_nonnull (curator_form_find_row (form, "title"));
  g_assert_true (curator_ui_has_focus_within (curator_form_find_row (form, "title")));

  curator_ui_fixture_close (&fixture);
}

/* A field the model will not remove (an alias: removing it is refused as
 * any edit of an anchor or alias is) stays, and its row says why; nothing
 * is written, and no warning is logged (found by the exerciser, seed
 * 20261301: the refusal went to g_warning()). */
static void
test_remove_refused (void)
{
  static const char text[] = "---\ntitle: Aliases\ndate: &when 2024-01-02\npublishDate: *when\n---\nBody\n";
  CuratorUiFixture fixture = { 0 };
  CuratorForm *form;
  GtkWidget *row;
  g_autoptr(GBytes) saved = NULL;

  curator_ui_fixture_open (&fixture, "aliases.md", text);
  form = CURATOR_FORM (curator_window_get_form (fixture.window));
  row = curator_form_find_row (form, "publishDate");
  g_assert_nonnull (row);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (form), "form.remove-field", "s", "publishDate"));
  g_assert_true (curator_form_find_row (form, "publishDate") == row);
  g_assert_true (gtk_widget_has_css_class (row, "field-invalid"));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (row), "anchor or alias"));
  g_assert_false (curator_document_get_modified (curator_window_get_document (fixture.window)));

  saved = curator_ui_fixture_read_file (&fixture);
  g_assert_cmpmem (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved), text, strlen (text));

  curator_ui_fixture_close (&fixture);
}

/* The first button whose content (icon and label) shows @label. */
static GtkWidget *
find_content_button (GtkWidget  *widget,
                     const char *label)
{
  if (GTK_IS_BUTTON (widget) && ADW_IS_BUTTON_CONTENT (gtk_button_get_child (GTK_BUTTON (widget))) &&
      g_strcmp0 (adw_button_content_get_label (ADW_BUTTON_CONTENT (gtk_button_get_child (GTK_BUTTON (widget)))), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_content_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Each addition from the keyboard, undone and redone: undo takes the
 * focus to the row shown where the added thing was, redo back into it. */
static void
test_add_undo_redo_focus (void)
{
  CuratorUiFixture fixture = { 0 };
  CuratorForm *form;
  GtkWindow *window;
  GtkWindow *dialog;
  GtkWidget *people;
  GtkWidget *button;

  if (!curator_ui_keyboard_available ())
    return;

  curator_ui_fixture_open (&fixture, "people.md",
                           "---\ntitle: People\ntags:\n- news\npeople:\n- name: Ann\n  role: Editor\nnote: Kept\n---\n");
  window = GTK_WINDOW (fixture.window);
  form = CURATOR_FORM (curator_window_get_form (fixture.window));

  /* A field: undo goes to the row before it (it was the last). */
  dialog = open_add_field_dialog (&fixture);
  curator_ui_type (dialog, "editor");
  curator_ui_press (dialog, "Return");
  curator_test_wait_for (dialog_gone, fixture.window, "the dialog to close");
  assert_cursor (curator_form_find_row (form, "editor"), 0);
  curator_ui_press (window, "<Control>z");
  g_assert_null (curator_form_find_row (form, "editor"));
  assert_cursor (curator_form_find_row (form, "note"), -1);
  curator_ui_press (window, "<Control><Shift>z");
  assert_cursor (curator_form_find_row (form, "editor"), 0);

  /* A list item: undo leaves the focus in the add row, redo goes to the
   * item. */
  gtk_widget_grab_focus (text_of (list_add_row (&fixture, "tags")));
  curator_ui_type (window, "ccm");
  curator_ui_press (window, "Return");
  g_assert_cmpuint (n_items_at (&fixture, "tags"), ==, 2);
  curator_ui_press (window, "<Control>z");
  g_assert_cmpuint (n_items_at (&fixture, "tags"), ==, 1);
  assert_cursor (list_add_row (&fixture, "tags"), 0);
  curator_ui_press (window, "<Control><Shift>z");
  g_assert_cmpuint (n_items_at (&fixture, "tags"), ==, 2);
  assert_cursor (list_item_row (&fixture, "tags", 1), -1);

  /* An item of a list of groups, by its Add Item button: the new item's
   * first field takes the focus; undo goes back to the list, redo to
   * the item again. */
  people = curator_form_find_row (form, "people");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (people), TRUE);
  button = find_content_button (people, "Add Item");
  g_assert_nonnull (button);
  /* Keys reach a widget once it is on screen: the group opens first. */
  curator_test_wait_for ((CuratorTestCondition) gtk_widget_get_mapped, button, "the Add Item button to be shown");
  gtk_widget_grab_focus (button);
  curator_ui_press (window, "Return");
  g_assert_cmpuint (n_items_at (&fixture, "people"), ==, 2);
  assert_cursor (curator_form_find_row (form, "people[1].name"), 0);
  curator_ui_press (window, "<Control>z");
  g_assert_cmpuint (n_items_at (&fixture, "people"), ==, 1);
  g_assert_true (curator_ui_has_focus_within (people));
  curator_ui_press (window, "<Control><Shift>z");
  g_assert_cmpuint (n_items_at (&fixture, "people"), ==, 2);
  g_assert_true (curator_ui_has_focus_within (curator_form_find_row (form, "people[1]")));

  curator_ui_fixture_close (&fixture);
}

static CuratorDocument *
document_from (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  CuratorDocument *document = curator_document_new (NULL);

  g_assert_true (curator_document_load_from_bytes (document, bytes, &error));
  g_assert_no_error (error);
  return document;
}

static gboolean
form_built (gpointer form)
{
  return !curator_form_get_building (form);
}

/* A form alone in a window of @width x @height, shown. */
static CuratorForm *
present_form (int         width,
              int         height,
              GtkWidget **window)
{
  CuratorForm *form = CURATOR_FORM (curator_form_new ());

  *window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (*window), GTK_WIDGET (form));
  gtk_window_set_default_size (GTK_WINDOW (*window), width, height);
  gtk_window_present (GTK_WINDOW (*window));
  return form;
}

/* A long front matter: the first screen's rows are built at once, the
 * rest once it is painted. The first screen is a dozen fields, fewer when
 * the open groups' rows fill it first. */
static void
test_first_screen (void)
{
  static const char flat[] =
    "---\nf01: a\nf02: a\nf03: a\nf04: a\nf05: a\nf06: a\nf07: a\nf08: a\n"
    "f09: a\nf10: a\nf11: a\nf12: a\nf13: a\nf14: a\n---\n";
  static const char open_groups[] =
    "---\ntitle: Open groups\n"
    "link:\n  brand: a.example\n  href: https://a.example/x\n  original: https://a.example/x\n"
    "tags:\n- one\n- two\n- three\n- four\n"
    "categories:\n- one\n- two\n- three\n- four\n"
    "f01: a\nf02: a\nf03: a\nf04: a\nf05: a\nf06: a\nf07: a\nf08: a\nf09: a\nf10: a\n---\n";
  g_autoptr(CuratorDocument) flat_document = document_from (flat);
  g_autoptr(CuratorDocument) open_document = document_from (open_groups);
  GtkWidget *window;
  CuratorForm *form = present_form (800, 1000, &window);

  /* The link's and the lists' open rows fill the screen before a dozen
   * fields. */
  curator_form_set_document (form, open_document);
  g_assert_nonnull (curator_form_find_row (form, "tags"));
  g_assert_null (curator_form_find_row (form, "f05"));
  g_assert_true (curator_form_get_building (form));
  curator_test_wait_for (form_built, form, "the rest of the rows");
  g_assert_nonnull (curator_form_find_row (form, "f10"));

  /* One row a field: twelve fields at once. */
  curator_form_set_document (form, flat_document);
  g_assert_nonnull (curator_form_find_row (form, "f12"));
  g_assert_null (curator_form_find_row (form, "f13"));
  g_assert_true (curator_form_get_building (form));
  curator_test_wait_for (form_built, form, "the rest of the rows");
  g_assert_nonnull (curator_form_find_row (form, "f14"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
form_drawn (gpointer form)
{
  return gtk_widget_get_mapped (form) && gtk_widget_get_height (form) > 0;
}

static gboolean
pointer_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* A map's nested row that another file replaces (its field is of another
 * kind there) leaves the form at once and is disposed of once the form
 * without it has been painted, out of the way of that frame. */
static void
test_replaced_nested_row_released (void)
{
  static const char a_text[] = "---\ntitle: A\nlink:\n  href: https://a.example/\n  size: 3\n---\n";
  static const char b_text[] = "---\ntitle: B\nlink:\n  href: https://b.example/\n  size: [1, 2]\n---\n";
  g_autoptr(CuratorDocument) a = document_from (a_text);
  g_autoptr(CuratorDocument) b = document_from (b_text);
  GtkWidget *window, *link_row, *size_row, *href_row;
  CuratorForm *form = present_form (800, 1000, &window);
  gpointer size_alive;

  curator_form_set_document (form, a);
  curator_test_wait_for (form_built, form, "the rows");
  curator_test_wait_for (form_drawn, form, "the form drawn");
  link_row = curator_form_find_row (form, "link");
  g_assert_true (CURATOR_IS_MAP_ROW (link_row));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (link_row), TRUE);
  href_row = curator_form_find_row (form, "link.href");
  size_row = curator_form_find_row (form, "link.size");
  g_assert_nonnull (href_row);
  g_assert_nonnull (size_row);
  size_alive = size_row;
  g_object_add_weak_pointer (G_OBJECT (size_row), &size_alive);

  curator_form_set_document (form, b);
  g_assert_true (curator_form_find_row (form, "link") == link_row);
  g_assert_true (curator_form_find_row (form, "link.href") == href_row);
  g_assert_true (CURATOR_IS_LIST_ROW (curator_form_find_row (form, "link.size")));
  g_assert_nonnull (size_alive);
  g_assert_null (gtk_widget_get_parent (size_row));
  curator_test_wait_for (pointer_cleared, &size_alive, "the replaced row to be disposed of");

  /* Out of a map not on screen, a row goes at once. */
  gtk_widget_set_visible (window, FALSE);
  size_row = curator_form_find_row (form, "link.size");
  size_alive = size_row;
  g_object_add_weak_pointer (G_OBJECT (size_row), &size_alive);
  curator_form_set_document (form, a);
  g_assert_null (size_alive);

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
group_of_row_shown (CuratorForm *form,
                    const char  *key_path)
{
  GtkWidget *row = curator_form_find_row (form, key_path);

  g_assert_nonnull (row);
  return gtk_widget_get_visible (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP));
}

/* A file of the fields of one shown before gets that one's rows back:
 * the groups of the first screen at once, those below it after the
 * first frame, their rows already showing the file's values. */
static void
test_later_groups (void)
{
#define LATER_GROUPS_SHAPE(v) \
  "---\ntitle: " v "\ndescription: d\nsummary: s\nauthor: [a]\nmastHead: m\nidentifier: i\n" \
  "metaTitle: t\nmetaDesc: d\nlink:\n  href: https://example.org/\nsource: s\nurl: /u\n" \
  "ogUrl: https://example.org/og\ntags: [" v "]\nfeaturedImg: " v ".png\nf01: " v "\n---\n"
  g_autoptr(CuratorDocument) a = document_from (LATER_GROUPS_SHAPE ("A"));
  g_autoptr(CuratorDocument) other = document_from ("---\nzz: other fields\n---\n");
  g_autoptr(CuratorDocument) b = document_from (LATER_GROUPS_SHAPE ("B"));
  GtkWidget *window, *title_row, *f01_row;
  CuratorForm *form = present_form (800, 1000, &window);

  curator_form_set_document (form, a);
  curator_test_wait_for (form_built, form, "A's rows");
  curator_test_wait_for (form_drawn, form, "the form drawn");
  title_row = curator_form_find_row (form, "title");
  f01_row = curator_form_find_row (form, "f01");
  curator_form_set_document (form, other);
  curator_test_wait_for (form_built, form, "the other file's rows");

  curator_form_set_document (form, b);
  g_assert_true (curator_form_find_row (form, "title") == title_row);
  g_assert_true (curator_form_find_row (form, "f01") == f01_row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (f01_row)), ==, "B");
  g_assert_true (group_of_row_shown (form, "title"));
  g_assert_true (group_of_row_shown (form, "ogUrl"));
  g_assert_false (group_of_row_shown (form, "tags"));
  g_assert_false (group_of_row_shown (form, "featuredImg"));
  g_assert_false (group_of_row_shown (form, "f01"));
  g_assert_true (curator_form_get_building (form));
  curator_test_wait_for (form_built, form, "B's groups below the first screen");
  g_assert_true (group_of_row_shown (form, "tags"));
  g_assert_true (group_of_row_shown (form, "featuredImg"));
  g_assert_true (group_of_row_shown (form, "f01"));

  /* A field removed before that frame: the row shown next takes the
   * focus, its group shown at once. */
  curator_form_set_document (form, other);
  curator_test_wait_for (form_built, form, "the other file's rows again");
  curator_form_set_document (form, a);
  g_assert_false (group_of_row_shown (form, "tags"));
  g_assert_true (curator_form_remove_field (form, "featuredImg", NULL));
  g_assert_true (group_of_row_shown (form, "tags"));
  g_assert_true (group_of_row_shown (form, "f01"));
  g_assert_true (curator_ui_has_focus_within (curator_form_find_row (form, "f01")));
  gtk_window_destroy (GTK_WINDOW (window));

  /* Scrolled down, the view keeps its place: every group at once. */
  {
    GtkWidget *scroller = gtk_scrolled_window_new ();
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

    form = CURATOR_FORM (curator_form_new ());
    window = gtk_window_new ();
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (form));
    gtk_window_set_child (GTK_WINDOW (window), scroller);
    gtk_window_set_default_size (GTK_WINDOW (window), 800, 300);
    gtk_window_present (GTK_WINDOW (window));
    curator_form_set_document (form, a);
    curator_test_wait_for (form_built, form, "A's rows, scrolled");
    curator_test_wait_for (form_drawn, form, "the scrolled form drawn");
    curator_form_set_document (form, other);
    curator_test_wait_for (form_built, form, "the other file's rows, scrolled");
    gtk_adjustment_set_value (adjustment, 0);
    curator_form_set_document (form, b);
    g_assert_false (group_of_row_shown (form, "f01"));
    curator_test_wait_for (form_built, form, "B's groups, scrolled");
    curator_test_wait_for (form_drawn, form, "B drawn, scrolled");
    gtk_adjustment_set_value (adjustment, 200);
    g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);
    curator_form_set_document (form, other);
    curator_test_wait_for (form_built, form, "the other file's rows, scrolled again");
    gtk_adjustment_set_value (adjustment, 20);
    curator_form_set_document (form, a);
    g_assert_true (group_of_row_shown (form, "f01"));
    g_assert_true (group_of_row_shown (form, "tags"));
    gtk_window_destroy (GTK_WINDOW (window));
  }
#undef LATER_GROUPS_SHAPE
}

/* The border nodes under @node (GTK 4.8's node types that hold others). */
static void
collect_borders (GskRenderNode *node,
                 GPtrArray     *borders)
{
  switch ((int)gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        collect_borders (gsk_container_node_get_child (node, i), borders);
      break;
    case GSK_BORDER_NODE:
      g_ptr_array_add (borders, node);
      break;
    case GSK_TRANSFORM_NODE:
      collect_borders (gsk_transform_node_get_child (node), borders);
      break;
    case GSK_OPACITY_NODE:
      collect_borders (gsk_opacity_node_get_child (node), borders);
      break;
    case GSK_CLIP_NODE:
      collect_borders (gsk_clip_node_get_child (node), borders);
      break;
    case GSK_ROUNDED_CLIP_NODE:
      collect_borders (gsk_rounded_clip_node_get_child (node), borders);
      break;
    case GSK_SHADOW_NODE:
      collect_borders (gsk_shadow_node_get_child (node), borders);
      break;
    case GSK_DEBUG_NODE:
      collect_borders (gsk_debug_node_get_child (node), borders);
      break;
    case GSK_COLOR_MATRIX_NODE:
      collect_borders (gsk_color_matrix_node_get_child (node), borders);
      break;
    case GSK_REPEAT_NODE:
      collect_borders (gsk_repeat_node_get_child (node), borders);
      break;
    case GSK_BLUR_NODE:
      collect_borders (gsk_blur_node_get_child (node), borders);
      break;
    case GSK_BLEND_NODE:
      collect_borders (gsk_blend_node_get_bottom_child (node), borders);
      collect_borders (gsk_blend_node_get_top_child (node), borders);
      break;
    case GSK_CROSS_FADE_NODE:
      collect_borders (gsk_cross_fade_node_get_start_child (node), borders);
      collect_borders (gsk_cross_fade_node_get_end_child (node), borders);
      break;
    default:
      break;
    }
}

/* Every row's border is drawn in one color: GTK 4.8 draws a border whose
 * sides differ in color (libadwaita's rows: a bottom line, the other
 * sides the text's color at no width) through a mesh pattern over the
 * whole row, a seventh of a frame's time with the cairo renderer
 * (data/ui/style.css). */
static void
test_row_borders (void)
{
  static const char text[] =
    "---\ntitle: Borders\ndescription: Rows in groups\n"
    "link:\n  brand: a.example\n  href: https://a.example/x\n"
    "tags:\n- one\n- two\n"
    "f01: a\nf02: a\nf03: a\n---\n";
  g_autoptr(CuratorDocument) document = document_from (text);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GPtrArray) borders = g_ptr_array_new ();
  guint lines = 0;
  GtkWidget *window;
  CuratorForm *form = present_form (800, 1000, &window);

  curator_form_set_document (form, document);
  curator_test_wait_for (form_built, form, "the rows");
  curator_test_wait_for (form_drawn, form, "the form drawn");

  paintable = gtk_widget_paintable_new (GTK_WIDGET (form));
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot),
                          gtk_widget_get_width (GTK_WIDGET (form)),
                          gtk_widget_get_height (GTK_WIDGET (form)));
  node = gtk_snapshot_to_node (snapshot);
  g_assert_nonnull (node);
  collect_borders (node, borders);

  for (guint i = 0; i < borders->len; i++)
    {
      GskRenderNode *border = g_ptr_array_index (borders, i);
      const GdkRGBA *colors = gsk_border_node_get_colors (border);
      const float *widths = gsk_border_node_get_widths (border);

      if (widths[0] == 0 && widths[1] == 0 && widths[2] > 0 && widths[3] == 0)
        lines++;
      for (guint side = 1; side < 4; side++)
        if (!gdk_rgba_equal (&colors[0], &colors[side]))
          {
            g_autofree char *first = gdk_rgba_to_string (&colors[0]);
            g_autofree char *other = gdk_rgba_to_string (&colors[side]);
            const graphene_rect_t *bounds = &gsk_border_node_get_outline (border)->bounds;

            g_error ("A border of %gx%g px has sides of different colors (%s and %s)",
                     bounds->size.width, bounds->size.height, first, other);
          }
    }
  /* A row's line under it, for most rows: the test looked at them. */
  g_assert_cmpuint (lines, >=, 5);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A list's summary (its first items, under its name) is one line,
 * ellipsized: a label that wraps is laid out again for every width the
 * window tries while it finds its size, each time a file is shown. The
 * label keeps the summary's text for screen readers; the items are one
 * click away. */
static void
test_list_summary_one_line (void)
{
  static const char text[] =
    "---\ntitle: Summary\n"
    "breadcrumbs:\n- Home\n- Communities\n- Chronic Care Management\n"
    "- Remote Patient Monitoring Programmes\n- Outcomes and Evidence\n---\n";
  g_autoptr(CuratorDocument) document = document_from (text);
  GtkWidget *window;
  CuratorForm *form = present_form (400, 600, &window);
  GtkWidget *list;
  GtkWidget *summary;
  PangoLayout *layout;
  int summary_width;
  int width;

  curator_form_set_document (form, document);
  curator_test_wait_for (form_built, form, "the rows");
  curator_test_wait_for (form_drawn, form, "the form drawn");

  list = curator_form_find_row (form, "breadcrumbs");
  g_assert_true (CURATOR_IS_LIST_ROW (list));
  summary = curator_ui_find_label (list, "Home, Communities, Chronic Care Management, Remote Pat", FALSE);
  g_assert_nonnull (summary);
  g_assert_true (gtk_widget_get_mapped (summary));

  /* The whole summary would not fit on one line at this width. */
  layout = gtk_label_get_layout (GTK_LABEL (summary));
  pango_layout_get_pixel_size (layout, &width, NULL);
  summary_width = gtk_widget_get_width (summary);
  g_assert_cmpint (summary_width, >, 0);
  g_assert_cmpint (summary_width, <, 400);
  g_assert_cmpint (pango_layout_get_line_count (layout), ==, 1);
  g_assert_true (pango_layout_is_ellipsized (layout));
  g_assert_cmpint (width, <=, summary_width);
  g_assert_true (g_str_has_suffix (gtk_label_get_text (GTK_LABEL (summary)), "…"));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  curator_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/form/add-field-dialog", test_add_field_dialog);
  g_test_add_func ("/ui/form/add-several-tags", test_add_several_tags);
  g_test_add_func ("/ui/form/list-focus", test_list_focus);
  g_test_add_func ("/ui/form/undo-in-text-row", test_undo_in_text_row);
  g_test_add_func ("/ui/form/undo-in-list-item", test_undo_in_list_item);
  g_test_add_func ("/ui/form/undo-moves-focus", test_undo_moves_focus);
  g_test_add_func ("/ui/form/nested-groups", test_nested_groups);
  g_test_add_func ("/ui/form/remove-field-by-keyboard", test_remove_field_by_keyboard);
  g_test_add_func ("/ui/form/remove-last-field", test_remove_last_field);
  g_test_add_func ("/ui/form/remove-refused", test_remove_refused);
  g_test_add_func ("/ui/form/add-undo-redo-focus", test_add_undo_redo_focus);
  g_test_add_func ("/ui/form/first-screen", test_first_screen);
  g_test_add_func ("/ui/form/row-borders", test_row_borders);
  g_test_add_func ("/ui/form/replaced-nested-row-released", test_replaced_nested_row_released);
  g_test_add_func ("/ui/form/later-groups", test_later_groups);
  g_test_add_func ("/ui/form/list-summary-one-line", test_list_summary_one_line);

  status = g_test_run ();
  curator_ui_test_cleanup ();

  return status;
}
