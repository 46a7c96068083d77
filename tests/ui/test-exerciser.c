/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-exerciser"

#include "config.h"

#include "curator-add-field-dialog.h"
#include "curator-application.h"
#include "curator-field-editor.h"
#include "curator-form.h"
#include "curator-list-row.h"
#include "curator-map-row.h"
#include "curator-test-corpus.h"
#include "curator-test-utils.h"
#include "curator-ui-test-utils.h"
#include "curator-window-private.h"

#include <string.h>

/* A randomized exerciser: a window on real corpus files driven through a
 * few thousand random actions and their keystrokes (add and remove fields
 * and list items, type, undo and redo, switch layouts, open and close
 * dialogs, save), with warnings fatal. After every save the file must
 * be what the document serializes to, parse again, and pass
 * `curator-cli roundtrip`; after each file, undoing everything must give
 * back the bytes it was opened with.
 *
 * The seed changes every day (CURATOR_EXERCISER_SEED=N replays its
 * files and actions, CURATOR_EXERCISER_ACTIONS=N changes their number);
 * it is in the test's name, in the log and in every failure, and each
 * action is logged, so a failure says how to make it again. */

/* About 2 minutes alone on a 2-core machine, 4 minutes at a load of 10:
 * twenty files, 4,000 keys or so. */
#define DEFAULT_ACTIONS 2000
#define ACTIONS_PER_FILE 100
#define NARROW_WIDTH 360
#define WIDE_WIDTH 1000

static CuratorApplication *app;

typedef struct
{
  GRand            *rand;
  guint             seed;
  guint             step;
  CuratorUiFixture  fixture;
  GPtrArray        *files;      /* corpus paths, in the order opened */
  guint             n_saves;
  guint             n_keys;
  guint             n_dialogs;
  gboolean          narrow;
} Exerciser;

/* Typed text: letters, digits and the characters YAML cares about. */
static const char typed_chars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789 :#-'\"[]{},&*!|>%@`?/\\";

#define FAIL(ex, ...) \
  g_error ("seed %u, step %u: %s", (ex)->seed, (ex)->step, g_strdup_printf (__VA_ARGS__))

static guint
pick (Exerciser *ex,
      guint      n)
{
  return n > 0 ? (guint)g_rand_int_range (ex->rand, 0, (gint32)n) : 0;
}

static gboolean
chance (Exerciser *ex,
        guint      percent)
{
  return pick (ex, 100) < percent;
}

static CuratorForm *
form_of (Exerciser *ex)
{
  return CURATOR_FORM (curator_window_get_form (ex->fixture.window));
}

static CuratorDocument *
document_of (Exerciser *ex)
{
  return curator_window_get_document (ex->fixture.window);
}

static gboolean
editable (Exerciser *ex)
{
  return document_of (ex) != NULL && curator_document_get_editable (document_of (ex));
}

/* Widgets to act on ----------------------------------------------------- */

typedef struct
{
  GPtrArray *texts;        /* GtkText and GtkTextView inputs of the form */
  GPtrArray *editors;      /* field rows */
  GPtrArray *expanders;
  GPtrArray *lists;        /* CuratorListRow, expanded */
  GPtrArray *remove_items; /* list items' remove buttons */
  GPtrArray *add_items;    /* lists of groups' Add Item buttons */
  GPtrArray *switches;
} Targets;

static void
targets_clear (Targets *targets)
{
  g_clear_pointer (&targets->texts, g_ptr_array_unref);
  g_clear_pointer (&targets->editors, g_ptr_array_unref);
  g_clear_pointer (&targets->expanders, g_ptr_array_unref);
  g_clear_pointer (&targets->lists, g_ptr_array_unref);
  g_clear_pointer (&targets->remove_items, g_ptr_array_unref);
  g_clear_pointer (&targets->add_items, g_ptr_array_unref);
  g_clear_pointer (&targets->switches, g_ptr_array_unref);
}

/* Shown on the form: visible, and not in a closed group. (Not "mapped":
 * a group's rows are unmapped only once its closing animation ends, and
 * a replay must not depend on timing.) */
static void
collect_targets (GtkWidget *widget,
                 Targets   *targets)
{
  if (!gtk_widget_get_visible (widget) ||
      (GTK_IS_REVEALER (widget) && !gtk_revealer_get_reveal_child (GTK_REVEALER (widget))))
    return;

  if (CURATOR_IS_FIELD_EDITOR (widget))
    g_ptr_array_add (targets->editors, widget);
  if (ADW_IS_EXPANDER_ROW (widget))
    g_ptr_array_add (targets->expanders, widget);
  if (CURATOR_IS_LIST_ROW (widget) && adw_expander_row_get_expanded (ADW_EXPANDER_ROW (widget)))
    g_ptr_array_add (targets->lists, widget);
  if (GTK_IS_SWITCH (widget))
    g_ptr_array_add (targets->switches, widget);
  if ((GTK_IS_TEXT (widget) && gtk_editable_get_editable (GTK_EDITABLE (widget))) ||
      (GTK_IS_TEXT_VIEW (widget) && gtk_text_view_get_editable (GTK_TEXT_VIEW (widget))))
    g_ptr_array_add (targets->texts, widget);
  if (GTK_IS_BUTTON (widget))
    {
      const char *icon = gtk_button_get_icon_name (GTK_BUTTON (widget));
      GtkWidget *content = gtk_button_get_child (GTK_BUTTON (widget));

      if (g_strcmp0 (icon, "list-remove-symbolic") == 0)
        g_ptr_array_add (targets->remove_items, widget);
      else if (ADW_IS_BUTTON_CONTENT (content) &&
               g_strcmp0 (adw_button_content_get_icon_name (ADW_BUTTON_CONTENT (content)), "list-add-symbolic") == 0)
        g_ptr_array_add (targets->add_items, widget);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_targets (child, targets);
}

static void
targets_init (Exerciser *ex,
              Targets   *targets)
{
  targets->texts = g_ptr_array_new ();
  targets->editors = g_ptr_array_new ();
  targets->expanders = g_ptr_array_new ();
  targets->lists = g_ptr_array_new ();
  targets->remove_items = g_ptr_array_new ();
  targets->add_items = g_ptr_array_new ();
  targets->switches = g_ptr_array_new ();
  if (editable (ex))
    collect_targets (GTK_WIDGET (form_of (ex)), targets);
}

static gpointer
pick_from (Exerciser *ex,
           GPtrArray *array)
{
  return array->len > 0 ? g_ptr_array_index (array, pick (ex, array->len)) : NULL;
}

/* Checks ------------------------------------------------------------------ */

static void
check_saved_file (Exerciser *ex)
{
  g_autoptr(GBytes) on_disk = curator_ui_fixture_read_file (&ex->fixture);
  g_autoptr(GBytes) serialized = curator_document_serialize (document_of (ex));
  g_autoptr(CuratorDocument) reread = curator_document_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { CURATOR_CLI_PATH, "roundtrip", g_file_peek_path (ex->fixture.file), NULL };
  int status = 0;

  if (!g_bytes_equal (on_disk, serialized))
    FAIL (ex, "the saved file is not what the document serializes to");

  if (!curator_document_load_from_bytes (reread, on_disk, &error))
    FAIL (ex, "the saved file does not load: %s", error->message);
  if (curator_document_get_editable (document_of (ex)) && curator_document_get_load_error (reread) != NULL)
    FAIL (ex, "the saved file does not parse: %s", curator_document_get_load_error (reread)->message);

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL) || !g_str_has_suffix (out, "1 files, 1 identical, 0 differ, 0 errors\n"))
    FAIL (ex, "curator-cli roundtrip fails on the saved file: %s%s", out, err);
}

/* The focused text row shows its field's value. */
static void
check_focused_row (Exerciser *ex)
{
  GtkWidget *focus = curator_ui_get_focus (GTK_WINDOW (ex->fixture.window));
  GtkWidget *row;
  const CuratorNode *node;
  const char *value;

  if (focus == NULL || !editable (ex))
    return;
  row = gtk_widget_get_ancestor (focus, ADW_TYPE_ENTRY_ROW);
  if (row == NULL || !CURATOR_IS_FIELD_EDITOR (row) ||
      GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "curator-field-kind")) - 1 != CURATOR_FIELD_KIND_TEXT)
    return;

  node = curator_document_lookup (document_of (ex), curator_field_editor_get_key_path (CURATOR_FIELD_EDITOR (row)), NULL);
  if (node == NULL || curator_node_get_kind (node) != CURATOR_NODE_SCALAR ||
      curator_node_get_scalar_type (node) == CURATOR_SCALAR_NULL)
    return;
  value = curator_node_get_value (node);
  if (g_strcmp0 (value, gtk_editable_get_text (GTK_EDITABLE (row))) != 0)
    FAIL (ex, "the row of %s shows “%s” but the document holds “%s”",
          curator_field_editor_get_key_path (CURATOR_FIELD_EDITOR (row)),
          gtk_editable_get_text (GTK_EDITABLE (row)), value);
}

/* Windows the actions may have opened by the way (a Return on a button,
 * a question): each closes with Escape. */
static void
close_stray_windows (Exerciser *ex)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i - 1);

      if (toplevel == GTK_WINDOW (ex->fixture.window) || !gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        continue;
      g_test_message ("[%u] closing a %s", ex->step, G_OBJECT_TYPE_NAME (toplevel));
      gtk_window_close (toplevel);
    }
}

static void
append_open_popovers (GString   *state,
                      GtkWidget *widget)
{
  if (GTK_IS_POPOVER (widget) && gtk_widget_get_visible (widget))
    g_string_append_printf (state, "; open popover on %s",
                            G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    append_open_popovers (state, child);
}

/* Where the keys go, said when one was not handled. */
static char *
dup_key_state (Exerciser *ex)
{
  GtkWindow *window = GTK_WINDOW (ex->fixture.window);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  GString *state = g_string_new (NULL);

  g_string_append_printf (state, "window %s, ", gtk_window_is_active (window) ? "active" : "not active");
  g_string_append_printf (state, "document %s%s, ",
                          curator_document_get_modified (document_of (ex)) ? "modified" : "unmodified",
                          curator_document_get_editable (document_of (ex)) ? "" : " not editable");
  g_string_append (state, "focus:");
  for (GtkWidget *w = focus; w != NULL; w = gtk_widget_get_parent (w))
    g_string_append_printf (state, " %s%s", G_OBJECT_TYPE_NAME (w), gtk_widget_get_mapped (w) ? "" : "(unmapped)");
  if (focus != NULL && gtk_widget_get_root (focus) != GTK_ROOT (window))
    g_string_append (state, " NOT IN THE WINDOW");
  append_open_popovers (state, GTK_WIDGET (window));

  return g_string_free (state, FALSE);
}

/* Actions ----------------------------------------------------------------- */

static void
press (Exerciser  *ex,
       const char *accelerator)
{
  ex->n_keys++;
  curator_ui_press (GTK_WINDOW (ex->fixture.window), accelerator);
}

static void
type_random (Exerciser *ex)
{
  char text[9];
  guint n = 1 + pick (ex, 8);

  for (guint i = 0; i < n; i++)
    text[i] = typed_chars[pick (ex, sizeof typed_chars - 1)];
  text[n] = '\0';
  g_test_message ("[%u] type “%s”", ex->step, text);
  ex->n_keys += n;
  curator_ui_type (GTK_WINDOW (ex->fixture.window), text);
}

static void
action_type (Exerciser *ex,
             Targets   *targets)
{
  GtkWidget *input = pick_from (ex, targets->texts);

  if (input == NULL)
    return;
  g_test_message ("[%u] focus a %s in %s", ex->step, G_OBJECT_TYPE_NAME (input),
                  CURATOR_IS_FIELD_EDITOR (gtk_widget_get_ancestor (input, ADW_TYPE_PREFERENCES_ROW))
                    ? curator_field_editor_get_key_path (CURATOR_FIELD_EDITOR (gtk_widget_get_ancestor (input, ADW_TYPE_PREFERENCES_ROW)))
                    : "a list");
  curator_field_editor_focus_text (input, -1);
  if (chance (ex, 50))
    press (ex, chance (ex, 50) ? "End" : "Home");
  type_random (ex);
}

static void
action_edit_key (Exerciser *ex)
{
  static const char * const keys[] = {
    "BackSpace", "BackSpace", "Delete", "Left", "Right", "Home", "End", "<Control>a", "<Shift>Left",
  };
  GtkWidget *focus = curator_ui_get_focus (GTK_WINDOW (ex->fixture.window));
  const char *key;

  /* Only where the key edits text: never on the header bar's buttons. */
  if (focus == NULL || !(GTK_IS_TEXT (focus) || GTK_IS_TEXT_VIEW (focus)) ||
      !gtk_widget_is_ancestor (focus, GTK_WIDGET (form_of (ex))))
    return;

  key = keys[pick (ex, G_N_ELEMENTS (keys))];
  g_test_message ("[%u] press %s", ex->step, key);
  press (ex, key);
}

static void
action_undo_redo (Exerciser *ex)
{
  const char *key = chance (ex, 65) ? "<Control>z" : "<Control><Shift>z";

  g_test_message ("[%u] press %s", ex->step, key);
  press (ex, key);
}

/* A list's add row: its last entry row. */
static GtkWidget *
find_last_entry_row (GtkWidget *widget)
{
  GtkWidget *last = ADW_IS_ENTRY_ROW (widget) ? widget : NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_last_entry_row (child);

      if (found != NULL)
        last = found;
    }

  return last;
}

static void
action_list (Exerciser *ex,
             Targets   *targets)
{
  guint what = pick (ex, 3);

  if (what == 0 && targets->lists->len > 0)
    {
      /* Type into the add row and press Enter. */
      CuratorListRow *list = pick_from (ex, targets->lists);
      GtkWidget *add = find_last_entry_row (GTK_WIDGET (list));

      if (add == NULL)
        return;
      g_test_message ("[%u] add to %s", ex->step, curator_field_editor_get_key_path (CURATOR_FIELD_EDITOR (list)));
      curator_field_editor_focus_text (add, -1);
      type_random (ex);
      press (ex, "Return");
    }
  else if (what == 1 && targets->remove_items->len > 0)
    {
      GtkWidget *button = pick_from (ex, targets->remove_items);

      g_test_message ("[%u] remove a list item", ex->step);
      gtk_widget_grab_focus (button);
      press (ex, "space");
    }
  else if (what == 2)
    {
      /* Alt+Up or Alt+Down in a focused list item. */
      GtkWidget *focus = curator_ui_get_focus (GTK_WINDOW (ex->fixture.window));

      if (focus != NULL && gtk_widget_get_ancestor (focus, CURATOR_TYPE_LIST_ROW) != NULL)
        {
          const char *key = chance (ex, 50) ? "<Alt>Up" : "<Alt>Down";

          g_test_message ("[%u] press %s", ex->step, key);
          press (ex, key);
        }
    }
}

static void
action_add_group_item (Exerciser *ex,
                       Targets   *targets)
{
  GtkWidget *button = pick_from (ex, targets->add_items);

  if (button == NULL)
    return;
  g_test_message ("[%u] add an item to a list of groups", ex->step);
  gtk_widget_grab_focus (button);
  press (ex, "Return");
}

static void
action_toggle (Exerciser *ex,
               Targets   *targets)
{
  if (chance (ex, 70) && targets->expanders->len > 0)
    {
      AdwExpanderRow *row = pick_from (ex, targets->expanders);

      gboolean expanded = adw_expander_row_get_expanded (row);

      g_test_message ("[%u] %s %s", ex->step, expanded ? "close" : "open",
                      CURATOR_IS_FIELD_EDITOR (row) ? curator_field_editor_get_key_path (CURATOR_FIELD_EDITOR (row)) : "a group");
      /* As a click or the keyboard does: the header takes the focus and
       * Enter opens or closes the group. */
      gtk_widget_grab_focus (curator_ui_find_type (GTK_WIDGET (row), ADW_TYPE_ACTION_ROW));
      press (ex, "Return");
      if (adw_expander_row_get_expanded (row) == expanded)
        FAIL (ex, "Enter on a group's header did not %s it", expanded ? "close" : "open");
    }
  else if (targets->switches->len > 0)
    {
      GtkWidget *toggle = pick_from (ex, targets->switches);

      g_test_message ("[%u] toggle a switch", ex->step);
      gtk_widget_grab_focus (toggle);
      press (ex, "space");
    }
}

static void
action_add_field (Exerciser *ex)
{
  static const char * const names[] = { "reviewer", "note", "extra", "tags", "title", "a b", "x:y", "#z", "Übersicht" };
  GtkWindow *dialog;
  GtkDropDown *kinds;

  g_test_message ("[%u] Add Field…", ex->step);
  ex->n_dialogs++;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ex->fixture.window), "win.add-field", NULL));
  dialog = curator_ui_find_dialog (GTK_WINDOW (ex->fixture.window), CURATOR_TYPE_ADD_FIELD_DIALOG);
  g_assert_nonnull (dialog);

  kinds = GTK_DROP_DOWN (curator_ui_find_type (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN));
  gtk_drop_down_set_selected (kinds, pick (ex, g_list_model_get_n_items (gtk_drop_down_get_model (kinds))));
  curator_ui_require_input (GTK_WIDGET (dialog), "Field name");
  {
    const char *name = names[pick (ex, G_N_ELEMENTS (names))];
    g_autofree char *unique = g_strdup_printf ("%s%u", name, ex->step);

    /* Non-ASCII names are set, not typed (XTest types ASCII). */
    if (!g_str_is_ascii (name))
      gtk_editable_set_text (GTK_EDITABLE (curator_ui_require_input (GTK_WIDGET (dialog), "Field name")), unique);
    else
      curator_ui_type (dialog, chance (ex, 30) ? name : unique);
  }

  switch (pick (ex, 4))
    {
    case 0:
      curator_ui_press (dialog, "Escape");
      break;
    case 1:
      gtk_window_close (dialog);
      break;
    default:
      curator_ui_press (dialog, "Return");
      break;
    }

  /* A name that cannot be added leaves the dialog open. */
  if ((dialog = curator_ui_find_dialog (GTK_WINDOW (ex->fixture.window), CURATOR_TYPE_ADD_FIELD_DIALOG)) != NULL)
    curator_ui_press (dialog, "Escape");
  g_assert_null (curator_ui_find_dialog (GTK_WINDOW (ex->fixture.window), CURATOR_TYPE_ADD_FIELD_DIALOG));
}

static void
action_remove_field (Exerciser *ex,
                     Targets   *targets)
{
  CuratorFieldEditor *editor = pick_from (ex, targets->editors);

  if (editor == NULL)
    return;
  g_test_message ("[%u] remove %s", ex->step, curator_field_editor_get_key_path (editor));
  /* What the field menu's item does. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (form_of (ex)), "form.remove-field", "s",
                                             curator_field_editor_get_key_path (editor)));
}

typedef struct
{
  CuratorWindow *window;
  int            old_width;
} Layout;

/* The window took its new size, the leaflet folded (or not) and the
 * header's buttons followed. */
static gboolean
layout_settled (gpointer data)
{
  Layout *layout = data;
  CuratorWindow *window = layout->window;

  return gtk_widget_get_width (GTK_WIDGET (window)) != layout->old_width &&
         window->update_panes_source == 0 &&
         gtk_widget_get_visible (GTK_WIDGET (window->body_button)) == adw_leaflet_get_folded (window->leaflet);
}

static void
action_layout (Exerciser *ex)
{
  CuratorWindow *window = ex->fixture.window;

  if (ex->narrow && chance (ex, 50))
    {
      gboolean body = !gtk_toggle_button_get_active (window->body_button);

      g_test_message ("[%u] narrow: show the %s", ex->step, body ? "body" : "form");
      gtk_toggle_button_set_active (window->body_button, body);
      return;
    }

  ex->narrow = !ex->narrow;
  g_test_message ("[%u] %s layout", ex->step, ex->narrow ? "narrow" : "wide");
  {
    Layout layout = { window, gtk_widget_get_width (GTK_WIDGET (window)) };

    gtk_window_set_default_size (GTK_WINDOW (window), ex->narrow ? NARROW_WIDTH : WIDE_WIDTH, ex->narrow ? 640 : 760);
    curator_test_wait_for (layout_settled, &layout, "the layout to settle");
  }
  if (!ex->narrow)
    gtk_toggle_button_set_active (window->body_button, FALSE);
}

static gboolean
toplevel_of_type_shown (gpointer data)
{
  GType type = GPOINTER_TO_SIZE (data);
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) && gtk_widget_get_mapped (GTK_WIDGET (toplevel)))
        return TRUE;
    }

  return FALSE;
}

static void
action_dialog (Exerciser *ex)
{
  ex->n_dialogs++;
  if (chance (ex, 50))
    {
      g_test_message ("[%u] keyboard shortcuts", ex->step);
      press (ex, "<Control>question");
      if (!curator_test_wait_until (toplevel_of_type_shown, GSIZE_TO_POINTER (GTK_TYPE_SHORTCUTS_WINDOW), 10000))
        FAIL (ex, "Ctrl+? did not show the shortcuts (%s)", dup_key_state (ex));
    }
  else
    {
      g_test_message ("[%u] about", ex->step);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ex->fixture.window), "app.about", NULL));
      curator_test_wait_for (toplevel_of_type_shown, GSIZE_TO_POINTER (ADW_TYPE_ABOUT_WINDOW), "the about window");
    }
  close_stray_windows (ex);
}

/* Saving what changed (a save of an unchanged document gives nothing to
 * wait for). */
static void
action_save (Exerciser *ex)
{
  curator_field_editor_end_typing (document_of (ex));
  if (!curator_document_get_modified (document_of (ex)))
    return;
  g_test_message ("[%u] save", ex->step);
  curator_field_editor_end_typing (document_of (ex));
  press (ex, "<Control>s");
  if (!curator_test_wait_until (curator_ui_document_saved, ex->fixture.window, 10000))
    {
      /* Whether the key or the save went wrong. */
      g_autofree char *state = dup_key_state (ex);
      gboolean saved_by_action;

      gtk_widget_activate_action (GTK_WIDGET (ex->fixture.window), "win.save", NULL);
      saved_by_action = curator_test_wait_until (curator_ui_document_saved, ex->fixture.window, 10000);
      FAIL (ex, "Ctrl+S did not save (%s); win.save then %s", state,
            saved_by_action ? "saved" : "did not save either");
    }
  ex->n_saves++;
  check_saved_file (ex);
}

static void
run_action (Exerciser *ex)
{
  Targets targets = { 0 };
  guint roll = pick (ex, 100);

  targets_init (ex, &targets);

  if (!editable (ex) || gtk_toggle_button_get_active (ex->fixture.window->body_button))
    {
      /* A refused file, or the body shown in a narrow window: the window,
       * its layouts and dialogs. */
      if (roll < 50)
        action_layout (ex);
      else
        action_dialog (ex);
    }
  else if (roll < 30)
    action_type (ex, &targets);
  else if (roll < 44)
    action_edit_key (ex);
  else if (roll < 58)
    action_undo_redo (ex);
  else if (roll < 68)
    action_list (ex, &targets);
  else if (roll < 72)
    action_add_group_item (ex, &targets);
  else if (roll < 80)
    action_toggle (ex, &targets);
  else if (roll < 84)
    action_add_field (ex);
  else if (roll < 88)
    action_remove_field (ex, &targets);
  else if (roll < 92)
    action_layout (ex);
  else if (roll < 94)
    action_dialog (ex);
  else
    action_save (ex);

  targets_clear (&targets);
  close_stray_windows (ex);
  check_focused_row (ex);

  /* Each action its own undo step: a replay does not depend on how long
   * the actions took (typing groups also end after a pause). */
  if (document_of (ex) != NULL)
    curator_field_editor_end_typing (document_of (ex));
}

/* Undoing everything gives back the file as it was opened. */
static void
check_undo_all (Exerciser *ex)
{
  g_autoptr(GBytes) undone = NULL;
  guint n = 0;

  curator_field_editor_end_typing (document_of (ex));
  while (curator_document_get_can_undo (document_of (ex)) && n < 100000)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ex->fixture.window), "win.undo", NULL));
      n++;
    }
  undone = curator_document_serialize (document_of (ex));
  if (!g_bytes_equal (undone, ex->fixture.original))
    FAIL (ex, "undoing all %u steps does not give back the file as it was opened", n);
  g_test_message ("undid %u steps back to the file as opened", n);
}

static void
exercise_file (Exerciser  *ex,
               const char *path,
               guint       n_actions)
{
  g_autoptr(GBytes) bytes = curator_test_corpus_read (path);
  g_autofree char *contents = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autofree char *name = g_path_get_basename (path);

  /* The corpus file's bytes may hold a NUL: skip such a file. */
  if (strlen (contents) != g_bytes_get_size (bytes))
    return;

  g_test_message ("file %s: %u actions", path, n_actions);
  g_ptr_array_add (ex->files, g_strdup (path));
  curator_ui_fixture_open_in_app (&ex->fixture, GTK_APPLICATION (app), name, contents);
  gtk_window_set_default_size (GTK_WINDOW (ex->fixture.window), WIDE_WIDTH, 760);
  ex->narrow = FALSE;

  for (guint i = 0; i < n_actions; i++, ex->step++)
    run_action (ex);

  if (editable (ex))
    check_undo_all (ex);
  curator_ui_fixture_close (&ex->fixture);
}

static guint
exerciser_seed (void)
{
  const char *env = g_getenv ("CURATOR_EXERCISER_SEED");
  g_autoptr(GDateTime) now = NULL;

  if (env != NULL && env[0] != '\0')
    return (guint)g_ascii_strtoull (env, NULL, 10);

  /* A new seed every day, the same all day. */
  now = g_date_time_new_now_utc ();
  return (guint)(g_date_time_get_year (now) * 10000 + g_date_time_get_month (now) * 100 +
                 g_date_time_get_day_of_month (now));
}

static void
test_exerciser (gconstpointer data)
{
  Exerciser ex = { 0 };
  const char *env = g_getenv ("CURATOR_EXERCISER_ACTIONS");
  guint n_actions = env != NULL ? (guint)g_ascii_strtoull (env, NULL, 10) : DEFAULT_ACTIONS;
  g_autoptr(GPtrArray) medigy = NULL;
  g_autoptr(GPtrArray) hugodocs = NULL;
  gint64 start = g_get_monotonic_time ();

  if (!curator_ui_keyboard_available () || curator_test_corpus_dir () == NULL)
    return;

  ex.seed = GPOINTER_TO_UINT (data);
  ex.rand = g_rand_new_with_seed (ex.seed);
  ex.files = g_ptr_array_new_with_free_func (g_free);
  g_test_message ("seed %u (CURATOR_EXERCISER_SEED=%u replays this run), %u actions", ex.seed, ex.seed, n_actions);

  medigy = curator_test_corpus_files ("medigy");
  hugodocs = curator_test_corpus_files ("hugodocs");
  g_assert_cmpuint (medigy->len, >, 0);
  g_assert_cmpuint (hugodocs->len, >, 0);

  /* Mostly curated items, now and then a Hugo docs page. */
  while (ex.step < n_actions)
    {
      GPtrArray *folder = chance (&ex, 80) ? medigy : hugodocs;

      exercise_file (&ex, pick_from (&ex, folder), MIN (ACTIONS_PER_FILE, n_actions - ex.step));
    }

  g_test_message ("%u actions (%u keys, %u saves checked, %u dialogs) on %u files in %.1f s",
                  ex.step, ex.n_keys, ex.n_saves, ex.n_dialogs, ex.files->len,
                  (g_get_monotonic_time () - start) / 1e6);
  g_assert_cmpuint (ex.n_saves, >, 0);

  g_ptr_array_unref (ex.files);
  g_rand_free (ex.rand);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  guint seed;
  int status;

  curator_ui_test_init (&argc, &argv);
  /* Transitions (groups opening, the layouts' leaflet) end at once: what
   * is shown does not depend on timing, so a seed replays a run. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  app = curator_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  seed = exerciser_seed ();
  path = g_strdup_printf ("/ui/exerciser/seed-%u", seed);
  g_test_add_data_func (path, GUINT_TO_POINTER (seed), test_exerciser);

  status = g_test_run ();

  g_clear_object (&app);
  curator_ui_test_cleanup ();

  return status;
}
