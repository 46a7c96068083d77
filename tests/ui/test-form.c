/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-form"

#include "config.h"

#include "curator-add-field-dialog.h"
#include "curator-form.h"
#include "curator-list-row.h"
#include "curator-map-row.h"
#include "curator-test-utils.h"
#include "curator-ui-test-utils.h"
#include "curator-window-private.h"

#include <string.h>

/* The form under a keyboard user's hands: real keystrokes (XTest) into
 * the real window, and where the focus is after each operation. */

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

int
main (int   argc,
      char *argv[])
{
  int status;

  curator_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/form/add-field-dialog", test_add_field_dialog);

  status = g_test_run ();
  curator_ui_test_cleanup ();

  return status;
}
