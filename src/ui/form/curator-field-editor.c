/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-field-editor"

#include "config.h"

#include "curator-field-editor.h"
#include "curator-paint-wait.h"

#include <glib/gi18n.h>
#include <string.h>

#define TYPING_PAUSE_MS 1000

G_DEFINE_INTERFACE (CuratorFieldEditor, curator_field_editor, GTK_TYPE_WIDGET)

/* The undo group a row opened while the user types, kept on the document. */
typedef struct
{
  CuratorDocument *document;
  GtkWidget       *row;  /* weak: only compared, never dereferenced */
  guint            pause_source;
} TypingGroup;

static guint applying;

static void
curator_field_editor_default_init (CuratorFieldEditorInterface *iface)
{
}

const char *
curator_field_editor_get_key_path (CuratorFieldEditor *self)
{
  g_return_val_if_fail (CURATOR_IS_FIELD_EDITOR (self), NULL);

  return CURATOR_FIELD_EDITOR_GET_IFACE (self)->get_key_path (self);
}

const char *
curator_field_editor_get_label (CuratorFieldEditor *self)
{
  g_return_val_if_fail (CURATOR_IS_FIELD_EDITOR (self), NULL);

  return CURATOR_FIELD_EDITOR_GET_IFACE (self)->get_label (self);
}

void
curator_field_editor_refresh (CuratorFieldEditor *self)
{
  g_return_if_fail (CURATOR_IS_FIELD_EDITOR (self));

  if (CURATOR_FIELD_EDITOR_GET_IFACE (self)->refresh != NULL)
    CURATOR_FIELD_EDITOR_GET_IFACE (self)->refresh (self);
}

void
curator_field_editor_focus (CuratorFieldEditor *self)
{
  g_return_if_fail (CURATOR_IS_FIELD_EDITOR (self));

  if (CURATOR_FIELD_EDITOR_GET_IFACE (self)->focus != NULL)
    CURATOR_FIELD_EDITOR_GET_IFACE (self)->focus (self);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

void
curator_field_editor_set_document (CuratorFieldEditor *self,
                                   CuratorDocument    *document)
{
  g_return_if_fail (CURATOR_IS_FIELD_EDITOR (self));
  g_return_if_fail (CURATOR_IS_DOCUMENT (document));
  g_return_if_fail (CURATOR_FIELD_EDITOR_GET_IFACE (self)->set_document != NULL);

  /* A refused edit of the last document said so on the row. */
  curator_field_editor_show_problem (GTK_WIDGET (self), NULL, NULL);
  CURATOR_FIELD_EDITOR_GET_IFACE (self)->set_document (self, document);
}

GMenuModel *
curator_field_editor_dup_menu (CuratorFieldEditor *self)
{
  GMenu *menu;
  g_autoptr(GMenuItem) item = NULL;
  g_autofree char *remove_label = NULL;

  g_return_val_if_fail (CURATOR_IS_FIELD_EDITOR (self), NULL);

  menu = g_menu_new ();
  remove_label = g_strdup_printf (_("_Remove “%s”"), curator_field_editor_get_label (self));
  item = g_menu_item_new (remove_label, NULL);
  g_menu_item_set_action_and_target_value (item, "form.remove-field",
                                           g_variant_new_string (curator_field_editor_get_key_path (self)));
  g_menu_append_item (menu, item);

  return G_MENU_MODEL (menu);
}

gboolean
curator_field_editor_is_applying (void)
{
  return applying > 0;
}

static void
typing_group_free (gpointer data)
{
  TypingGroup *group = data;

  g_clear_handle_id (&group->pause_source, g_source_remove);
  g_free (group);
}

void
curator_field_editor_end_typing (CuratorDocument *document)
{
  TypingGroup *group;

  g_return_if_fail (CURATOR_IS_DOCUMENT (document));

  group = g_object_get_data (G_OBJECT (document), "curator-typing-group");
  if (group == NULL)
    return;

  /* Steal first: ending the action may emit signals that re-enter. */
  g_object_steal_data (G_OBJECT (document), "curator-typing-group");
  curator_document_end_user_action (document);
  typing_group_free (group);
}

static gboolean
typing_pause_cb (gpointer user_data)
{
  TypingGroup *group = user_data;

  group->pause_source = 0;
  curator_field_editor_end_typing (group->document);

  return G_SOURCE_REMOVE;
}

static void
focus_leave_cb (GtkEventControllerFocus *controller,
                CuratorDocument         *document)
{
  TypingGroup *group = g_object_get_data (G_OBJECT (document), "curator-typing-group");
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  if (group != NULL && group->row == row)
    curator_field_editor_end_typing (document);
}

/* Leaving @row ends the typing in @document, the row's document now: a
 * row reused for another file ends that file's typing, not the last's. */
static void
ensure_focus_watch (GtkWidget       *row,
                    CuratorDocument *document)
{
  GtkEventController *focus = g_object_get_data (G_OBJECT (row), "curator-focus-watch");

  if (focus == NULL)
    {
      focus = gtk_event_controller_focus_new ();
      gtk_widget_add_controller (row, focus);
      g_object_set_data (G_OBJECT (row), "curator-focus-watch", focus);
    }
  else if (g_signal_handler_find (focus, G_SIGNAL_MATCH_FUNC | G_SIGNAL_MATCH_DATA, 0, 0, NULL,
                                  focus_leave_cb, document) != 0)
    return;
  else
    g_signal_handlers_disconnect_matched (focus, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, focus_leave_cb, NULL);

  g_signal_connect_object (focus, "leave", G_CALLBACK (focus_leave_cb), document, 0);
}

/* Where @a and @b differ: after @prefix shared characters, @a_changed
 * characters of @a became @b_changed characters of @b, the bytes from
 * @b_start to @b_end; the rest is shared. FALSE when they are equal. */
static gboolean
find_difference (const char  *a,
                 const char  *b,
                 glong       *prefix,
                 glong       *a_changed,
                 glong       *b_changed,
                 const char **b_start,
                 const char **b_end)
{
  const char *pa = a, *pb = b;
  const char *ea = a + strlen (a), *eb = b + strlen (b);
  glong shared = 0;

  while (*pa != '\0' && *pb != '\0' && g_utf8_get_char (pa) == g_utf8_get_char (pb))
    {
      pa = g_utf8_next_char (pa);
      pb = g_utf8_next_char (pb);
      shared++;
    }
  if (*pa == '\0' && *pb == '\0')
    return FALSE;

  while (ea > pa && eb > pb)
    {
      const char *qa = g_utf8_prev_char (ea);
      const char *qb = g_utf8_prev_char (eb);

      if (g_utf8_get_char (qa) != g_utf8_get_char (qb))
        break;
      ea = qa;
      eb = qb;
    }

  /* Text only added or only removed can often be placed in more than one
   * way ("a b" + " c" or "a b " + "c"): take the leftmost, where a word
   * starts with the space before it. */
  if (pa == ea || pb == eb)
    {
      const char **start = pa == ea ? &pb : &pa;
      const char **end = pa == ea ? &eb : &ea;

      while (shared > 0 &&
             g_utf8_get_char (g_utf8_prev_char (*start)) == g_utf8_get_char (g_utf8_prev_char (*end)))
        {
          pa = g_utf8_prev_char (pa);
          pb = g_utf8_prev_char (pb);
          ea = g_utf8_prev_char (ea);
          eb = g_utf8_prev_char (eb);
          shared--;
        }
    }

  *prefix = shared;
  *a_changed = g_utf8_strlen (pa, ea - pa);
  *b_changed = g_utf8_strlen (pb, eb - pb);
  *b_start = pb;
  *b_end = eb;
  return TRUE;
}

/* Whether going from @before to @after typed white space after a word:
 * the next undo step starts there, so that undoing a word takes the
 * space before it too and leaves the text as it was. */
static gboolean
starts_word (const char *before,
             const char *after)
{
  const char *start, *end;
  glong prefix, removed, inserted;
  gunichar previous;

  if (!find_difference (before, after, &prefix, &removed, &inserted, &start, &end) ||
      removed > 0 || inserted == 0 || prefix == 0)
    return FALSE;

  previous = g_utf8_get_char (g_utf8_prev_char (start));
  return g_unichar_isspace (g_utf8_get_char (start)) && !g_unichar_isspace (previous);
}

gboolean
curator_field_editor_type_value (GtkWidget         *row,
                                 CuratorDocument   *document,
                                 const char        *key_path,
                                 const char        *value,
                                 CuratorScalarType  type)
{
  g_autoptr(GError) error = NULL;
  TypingGroup *group;
  gboolean ok;

  g_return_val_if_fail (GTK_IS_WIDGET (row), FALSE);
  g_return_val_if_fail (CURATOR_IS_DOCUMENT (document), FALSE);

  group = g_object_get_data (G_OBJECT (document), "curator-typing-group");
  if (group != NULL && group->row != row)
    {
      curator_field_editor_end_typing (document);
      group = NULL;
    }
  if (group != NULL && value != NULL)
    {
      const CuratorNode *node = curator_document_lookup (document, key_path, NULL);
      const char *before = node != NULL ? curator_node_get_value (node) : NULL;

      if (starts_word (before != NULL ? before : "", value))
        {
          curator_field_editor_end_typing (document);
          group = NULL;
        }
    }
  if (group == NULL)
    {
      group = g_new0 (TypingGroup, 1);
      group->document = document;
      group->row = row;
      curator_document_begin_user_action (document);
      g_object_set_data_full (G_OBJECT (document), "curator-typing-group", group, typing_group_free);
      ensure_focus_watch (row, document);
    }

  applying++;
  ok = curator_document_set_value (document, key_path, value, type, &error);
  applying--;

  curator_field_editor_show_problem (row, NULL, ok ? NULL : error->message);

  g_clear_handle_id (&group->pause_source, g_source_remove);
  group->pause_source = g_timeout_add (TYPING_PAUSE_MS, typing_pause_cb, group);

  return ok;
}

gboolean
curator_field_editor_apply (GtkWidget        *row,
                            CuratorDocument  *document,
                            gboolean        (*func) (CuratorDocument *document,
                                                     gpointer         data,
                                                     GError         **error),
                            gpointer          data)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_return_val_if_fail (CURATOR_IS_DOCUMENT (document), FALSE);

  curator_field_editor_end_typing (document);

  applying++;
  curator_document_begin_user_action (document);
  ok = func (document, data, &error);
  curator_document_end_user_action (document);
  applying--;

  if (row != NULL)
    curator_field_editor_show_problem (row, NULL, ok ? NULL : error->message);

  return ok;
}

void
curator_field_editor_show_problem (GtkWidget  *row,
                                   GtkWidget  *input,
                                   const char *message)
{
  g_return_if_fail (GTK_IS_WIDGET (row));

  if (message != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_add_css_class (row, "field-invalid");
      curator_field_editor_set_tooltip (row, message);
    }
  else
    {
      gtk_widget_remove_css_class (row, "error");
      gtk_widget_remove_css_class (row, "field-invalid");
      curator_field_editor_set_tooltip (row, g_object_get_data (G_OBJECT (row), "curator-help"));
    }

  if (input != NULL)
    {
      if (message != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (input),
                                        GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                        -1);
      else
        gtk_accessible_reset_property (GTK_ACCESSIBLE (input),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_update_state (GTK_ACCESSIBLE (input),
                                   GTK_ACCESSIBLE_STATE_INVALID,
                                   message != NULL ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                                   -1);
    }
}

/* GTK 4.8 asks the display server where the pointer is (a round trip
 * on X11) each time the tooltip of a visible widget is set, changed or
 * not: a form built dozens of rows and buttons, each with its tooltip,
 * and waited that many times. An unchanged tooltip is left alone; a
 * widget not yet in a window can show no tooltip, so it is hidden while
 * its tooltip changes, which skips the question. */
void
curator_field_editor_set_tooltip (GtkWidget  *widget,
                                  const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  /* GTK keeps an empty tooltip as none. */
  if (text != NULL && text[0] == '\0')
    text = NULL;
  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) == 0)
    return;

  if (gtk_widget_get_root (widget) == NULL && gtk_widget_get_visible (widget))
    {
      gtk_widget_set_visible (widget, FALSE);
      gtk_widget_set_tooltip_text (widget, text);
      gtk_widget_set_visible (widget, TRUE);
    }
  else
    gtk_widget_set_tooltip_text (widget, text);
}

void
curator_field_editor_label_input (GtkWidget  *input,
                                  const char *label)
{
  g_return_if_fail (GTK_IS_WIDGET (input));

  gtk_accessible_update_property (GTK_ACCESSIBLE (input),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  /* GTK 4.8 says the label and every labelling widget: the title that
   * libadwaita links to a row's activatable widget would make "ID ID". */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (input), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

void
curator_field_editor_show_emptiness (GtkWidget         *state_label,
                                     GtkWidget         *input,
                                     const CuratorNode *node,
                                     gboolean           is_empty)
{
  const char *state = NULL;

  g_return_if_fail (GTK_IS_LABEL (state_label));
  g_return_if_fail (GTK_IS_WIDGET (input));

  if (is_empty)
    state = node == NULL || curator_node_get_value (node) == NULL ||
            curator_node_get_scalar_type (node) == CURATOR_SCALAR_NULL
            ? _("Not set") : _("Empty");

  gtk_label_set_text (GTK_LABEL (state_label), state != NULL ? state : "");
  gtk_widget_set_visible (state_label, state != NULL);
  if (state != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (input), GTK_ACCESSIBLE_PROPERTY_PLACEHOLDER, state, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (input), GTK_ACCESSIBLE_PROPERTY_PLACEHOLDER);
}

static GtkWidget *
text_input_of (GtkWidget *input)
{
  /* An entry row or a spin button hands its text to a GtkText. */
  while (GTK_IS_EDITABLE (input) && !GTK_IS_TEXT (input) &&
         gtk_editable_get_delegate (GTK_EDITABLE (input)) != NULL)
    input = GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (input)));

  return input;
}

gboolean
curator_field_editor_has_focus (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

int
curator_field_editor_show_text (GtkEditable *editable,
                                const char  *text)
{
  g_autofree char *current = NULL;
  const char *start, *end;
  glong prefix, removed, inserted;
  int position;

  g_return_val_if_fail (GTK_IS_EDITABLE (editable), -1);
  g_return_val_if_fail (text != NULL, -1);

  current = g_strdup (gtk_editable_get_text (editable));
  if (!find_difference (current, text, &prefix, &removed, &inserted, &start, &end))
    return -1;

  gtk_editable_delete_text (editable, prefix, prefix + removed);
  position = prefix;
  gtk_editable_insert_text (editable, start, end - start, &position);

  if (curator_field_editor_has_focus (GTK_WIDGET (editable)))
    gtk_editable_set_position (editable, position);

  return position;
}

int
curator_field_editor_show_buffer_text (GtkTextView *view,
                                       const char  *text)
{
  GtkTextBuffer *buffer;
  GtkTextIter start_iter, end_iter;
  g_autofree char *current = NULL;
  const char *start, *end;
  glong prefix, removed, inserted;

  g_return_val_if_fail (GTK_IS_TEXT_VIEW (view), -1);
  g_return_val_if_fail (text != NULL, -1);

  buffer = gtk_text_view_get_buffer (view);
  gtk_text_buffer_get_bounds (buffer, &start_iter, &end_iter);
  current = gtk_text_buffer_get_text (buffer, &start_iter, &end_iter, FALSE);
  if (!find_difference (current, text, &prefix, &removed, &inserted, &start, &end))
    return -1;

  gtk_text_buffer_get_iter_at_offset (buffer, &start_iter, prefix);
  gtk_text_buffer_get_iter_at_offset (buffer, &end_iter, prefix + removed);
  gtk_text_buffer_delete (buffer, &start_iter, &end_iter);
  gtk_text_buffer_insert (buffer, &start_iter, start, end - start);

  if (curator_field_editor_has_focus (GTK_WIDGET (view)))
    gtk_text_buffer_place_cursor (buffer, &start_iter);

  return prefix + inserted;
}

void
curator_field_editor_focus_text (GtkWidget *input,
                                 int        position)
{
  g_return_if_fail (GTK_IS_WIDGET (input));

  input = text_input_of (input);

  if (GTK_IS_TEXT_VIEW (input))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (input));

      gtk_widget_grab_focus (input);
      if (position >= 0)
        {
          GtkTextIter iter;

          gtk_text_buffer_get_iter_at_offset (buffer, &iter, position);
          gtk_text_buffer_place_cursor (buffer, &iter);
        }
      return;
    }

  if (GTK_IS_TEXT (input))
    {
      /* A plain grab selects the whole text: the next key would replace it. */
      gtk_text_grab_focus_without_selecting (GTK_TEXT (input));
      if (position >= 0)
        gtk_editable_set_position (GTK_EDITABLE (input), position);
      return;
    }

  gtk_widget_grab_focus (input);
}

const CuratorNode *
curator_field_editor_lookup (CuratorDocument *document,
                             const char      *key_path)
{
  g_return_val_if_fail (CURATOR_IS_DOCUMENT (document), NULL);

  if (!curator_document_get_editable (document))
    return NULL;

  return curator_document_lookup (document, key_path, NULL);
}

/* Nested rows taken out of an expander row, kept until its next frame is
 * painted. */
typedef struct
{
  GPtrArray        *rows;
  CuratorPaintWait  paint_wait;
  guint             release_source;
} RetiredRows;

static GQuark
retired_rows_quark (void)
{
  return g_quark_from_static_string ("curator-retired-rows");
}

static void
retired_rows_release (RetiredRows *retired)
{
  curator_paint_wait_stop (&retired->paint_wait);
  g_clear_handle_id (&retired->release_source, g_source_remove);
  g_ptr_array_set_size (retired->rows, 0);
}

static void
retired_rows_free (gpointer data)
{
  RetiredRows *retired = data;

  retired_rows_release (retired);
  g_ptr_array_unref (retired->rows);
  g_free (retired);
}

static gboolean
release_retired_rows_cb (gpointer data)
{
  RetiredRows *retired = data;

  retired->release_source = 0;
  retired_rows_release (retired);
  return G_SOURCE_REMOVE;
}

static void
retired_rows_painted_cb (GdkFrameClock *clock,
                         RetiredRows   *retired)
{
  curator_paint_wait_stop (&retired->paint_wait);
  if (retired->release_source == 0)
    retired->release_source = g_idle_add (release_retired_rows_cb, retired);
}

/* Disposing of a row and its widgets costs about what building it did
 * (the nested rows a new file replaces in a map: 4 ms of an import): not
 * in the way of the frame that shows the new rows. */
void
curator_field_editor_remove_nested_row (AdwExpanderRow *expander,
                                        GtkWidget      *row)
{
  RetiredRows *retired;

  g_return_if_fail (ADW_IS_EXPANDER_ROW (expander));
  g_return_if_fail (GTK_IS_WIDGET (row));

  if (!gtk_widget_get_mapped (GTK_WIDGET (expander)))
    {
      adw_expander_row_remove (expander, row);
      return;
    }

  retired = g_object_get_qdata (G_OBJECT (expander), retired_rows_quark ());
  if (retired == NULL)
    {
      retired = g_new0 (RetiredRows, 1);
      retired->rows = g_ptr_array_new_with_free_func (g_object_unref);
      g_object_set_qdata_full (G_OBJECT (expander), retired_rows_quark (), retired, retired_rows_free);
    }
  g_ptr_array_add (retired->rows, g_object_ref (row));
  adw_expander_row_remove (expander, row);

  if (!curator_paint_wait_pending (&retired->paint_wait) && retired->release_source == 0)
    curator_paint_wait_start (&retired->paint_wait, GTK_WIDGET (expander), G_CALLBACK (retired_rows_painted_cb), retired);
}
