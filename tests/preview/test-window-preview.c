/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-window-preview"

#include "config.h"

#include <adwaita.h>

#include "curator-window.h"
#include "curator-test-utils.h"
#include "test-page.h"

static gboolean
document_shown (gpointer data)
{
  CuratorWindow *window = data;
  CuratorPreview *preview = curator_body_pane_get_preview (curator_window_get_body_pane (window));

  return curator_window_get_document (window) != NULL &&
         curator_preview_get_serial (preview) > 0 && test_page_is_painted (preview);
}

/* The window shows the body pane for the open document, and its header
 * bar toggle (win.toggle-preview) shows and hides the preview. */
static void
test_window_body_pane (void)
{
  g_autoptr(GFile) file = g_file_new_for_uri ("resource://" RESOURCE_PREFIX "/sample/curated-item.md");
  CuratorWindow *window = curator_window_new (NULL);
  CuratorBodyPane *pane = curator_window_get_body_pane (window);
  GtkWidget *preview = GTK_WIDGET (curator_body_pane_get_preview (pane));
  g_autoptr(GVariant) state = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 800);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (curator_window_get_body_pane_slot (window))));

  curator_window_open (window, file);
  curator_test_wait_for (document_shown, window, "the document shown in the window's preview");
  g_assert_true (curator_body_pane_get_document (pane) == curator_window_get_document (window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (curator_window_get_body_pane_slot (window))));
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (preview)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-preview", NULL));
  g_assert_false (curator_body_pane_get_show_preview (pane));
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (preview)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-preview", NULL));
  g_assert_true (curator_body_pane_get_show_preview (pane));
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (preview)));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp_dir = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  curator_test_log_init ();
  /* One end of a web process on WebKit's a11y-bus warning (docs/preview.md). */
  curator_test_tolerate_web_process_ends (1);
  tmp_dir = curator_test_make_private_dir ("curator-window-preview-XXXXXX");

  adw_init ();
  gtk_source_init ();
  test_page_preload (NULL);

  g_test_add_func ("/window-preview/body-pane", test_window_body_pane);

  status = g_test_run ();
  curator_test_remove_tree (tmp_dir);

  return status;
}
