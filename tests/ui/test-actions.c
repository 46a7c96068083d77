/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-actions"

#include "config.h"

#include "curator-add-field-dialog.h"
#include "curator-application.h"
#include "curator-field-editor.h"
#include "curator-form.h"
#include "curator-list-row.h"
#include "curator-test-utils.h"
#include "curator-ui-test-utils.h"
#include "curator-window-private.h"

#include <glib/gstdio.h>
#include <string.h>

/* Every action of the window, as a user reaches it: each entry of the
 * main menu and of the shortcuts window, each dialog's every response
 * (Escape and closing its window included), and the empty window. The
 * windows belong to a real CuratorApplication, for its actions (new
 * window, about, quit), its shortcuts and its shortcuts window. */

static CuratorApplication *app;

static gboolean
window_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static void
destroy_window (GtkWindow *window)
{
  g_object_ref (window);
  gtk_window_destroy (window);
  g_assert_finalize_object (window);
}

/* The empty window --------------------------------------------------- */

static gboolean
recent_list_filled (gpointer data)
{
  CuratorWindow *window = data;
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (window->recent_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    n++;

  return n == 2 && gtk_widget_get_visible (window->recent_box);
}

/* A window with no file offers the recent ones, opened from the
 * keyboard, and no Save button until there is something to save. */
static void
test_empty_window (void)
{
  g_autofree char *dir = g_dir_make_tmp ("curator-recent-XXXXXX", NULL);
  const char *names[] = { "first.md", "second.md" };
  CuratorWindow *window;
  GtkWidget *row;
  const char *uri;
  g_autoptr(GFile) opened = NULL;

  if (!curator_ui_keyboard_available ())
    return;

  window = curator_window_new (GTK_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (window));
  curator_test_wait_for (window_mapped, window, "the empty window");
  g_assert_null (curator_window_get_document (window));
  g_assert_false (gtk_widget_get_visible (window->save_button));
  g_assert_false (gtk_widget_is_sensitive (window->save_button) && gtk_widget_get_visible (window->save_button));

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_autofree char *file_uri = g_filename_to_uri (path, NULL, NULL);
      g_autofree char *contents = g_strdup_printf ("---\ntitle: %s\n---\n", names[i]);

      g_assert_true (g_file_set_contents (path, contents, -1, NULL));
      g_assert_true (gtk_recent_manager_add_item (gtk_recent_manager_get_default (), file_uri));
    }
  curator_test_wait_for (recent_list_filled, window, "the recent files on the empty page");

  /* Each row names the file and its folder, and opens it. */
  row = gtk_widget_get_first_child (GTK_WIDGET (window->recent_list));
  g_assert_true (ADW_IS_ACTION_ROW (row));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, dir);
  uri = g_variant_get_string (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (row)), NULL);
  opened = g_file_new_for_uri (uri);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, g_file_peek_path (opened) + strlen (dir) + 1);

  gtk_widget_grab_focus (row);
  curator_ui_press (GTK_WINDOW (window), "Return");
  curator_test_wait_for (curator_ui_window_loaded, window, "the recent file to open");
  g_assert_true (g_file_equal (curator_document_get_file (curator_window_get_document (window)), opened));
  g_assert_true (gtk_widget_get_visible (window->save_button));

  destroy_window (GTK_WINDOW (window));
  gtk_recent_manager_purge_items (gtk_recent_manager_get_default (), NULL);
  curator_test_remove_tree (dir);
}

/* The narrow header --------------------------------------------------- */

static gboolean
narrow_layout (gpointer data)
{
  CuratorWindow *window = data;

  return adw_leaflet_get_folded (window->leaflet) && window->update_panes_source == 0 &&
         gtk_widget_get_mapped (GTK_WIDGET (window->body_button));
}

static gboolean
narrow_body_shown (gpointer data)
{
  CuratorWindow *window = data;

  return adw_leaflet_get_folded (window->leaflet) && window->update_panes_source == 0 &&
         gtk_widget_get_mapped (GTK_WIDGET (window->body_button)) &&
         gtk_widget_get_mapped (window->preview_button);
}

static void
collect_tooltips (GtkWidget  *widget,
                  GHashTable *seen,
                  GtkWidget  *exclude)
{
  if (!gtk_widget_get_mapped (widget))
    return;

  if (widget != exclude && gtk_widget_get_tooltip_text (widget) != NULL)
    g_hash_table_add (seen, g_strdup (gtk_widget_get_tooltip_text (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_tooltips (child, seen, exclude);
}

/* Narrow, showing the body: the two icon-only toggles of the header
 * (fields or body, and the preview pane) have icons of their own and say
 * what they do in words no other control uses (the body's own Preview
 * toggle said "Show the Preview" too). */
static void
test_narrow_header_toggles (void)
{
  CuratorUiFixture fixture = { 0 };
  CuratorWindow *window;
  GtkWidget *toggles[2];

  curator_ui_fixture_open_in_app (&fixture, GTK_APPLICATION (app), "curated-content.md", NULL);
  window = fixture.window;
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  curator_test_wait_for (narrow_layout, window, "the window to fold");
  gtk_toggle_button_set_active (window->body_button, TRUE);
  curator_test_wait_for (narrow_body_shown, window, "the narrow window showing the body");

  toggles[0] = GTK_WIDGET (window->body_button);
  toggles[1] = window->preview_button;
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (toggles[0])), !=,
                   gtk_button_get_icon_name (GTK_BUTTON (toggles[1])));

  for (guint i = 0; i < G_N_ELEMENTS (toggles); i++)
    {
      g_autoptr(GHashTable) others = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      const char *tooltip = gtk_widget_get_tooltip_text (toggles[i]);

      g_assert_nonnull (tooltip);
      collect_tooltips (GTK_WIDGET (window), others, toggles[i]);
      /* Not the same words as another control, even without the shortcut. */
      {
        g_autofree char *words = g_strdup (tooltip);
        char *paren = strstr (words, " (");

        if (paren != NULL)
          *paren = '\0';
        g_test_message ("header toggle: “%s”", tooltip);
        g_assert_false (g_hash_table_contains (others, tooltip));
        g_assert_false (g_hash_table_contains (others, words));
      }
    }

  curator_ui_fixture_close (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  curator_ui_test_init (&argc, &argv);

  app = curator_application_new ();
  /* Several test programs may run at once: no unique name to own. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/ui/actions/empty-window", test_empty_window);
  g_test_add_func ("/ui/actions/narrow-header-toggles", test_narrow_header_toggles);

  status = g_test_run ();

  g_clear_object (&app);
  curator_ui_test_cleanup ();

  return status;
}
