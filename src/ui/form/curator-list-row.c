/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-list-row"

#include "config.h"

#include "curator-list-row.h"

#include "curator-accessible.h"
#include "curator-expander-header.h"
#include "curator-field-catalog.h"
#include "curator-field-editor.h"

#include <glib/gi18n.h>

/* Rows created at once when a list is expanded; the rest on request. */
#define FIRST_ITEMS_SHOWN 100

struct _CuratorListRow
{
  AdwExpanderRow   parent_instance;

  CuratorDocument *document;
  char            *key_path;
  char            *label;
  gboolean         is_json;

  /* The rows under the expander, created when it first opens and then
   * kept: item rows are positional (row N shows item N), so a change
   * updates their text in place and the focus stays where it is. */
  GPtrArray       *item_rows;
  GtkWidget       *more_row;
  GtkWidget       *more_button;
  GtkWidget       *add_row;
  gboolean         populated;
  gboolean         show_all;
  int              dragged_index;

  /* The items as last shown, and what the last change touched: the item
   * to focus (-1: the add row) and the end of its changed text. */
  GPtrArray       *items;
  int              change_index;
  int              change_end;
};

static void field_editor_iface_init (CuratorFieldEditorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CuratorListRow, curator_list_row, ADW_TYPE_EXPANDER_ROW,
                               G_IMPLEMENT_INTERFACE (CURATOR_TYPE_FIELD_EDITOR, field_editor_iface_init))

static void curator_list_row_populate (CuratorListRow *self);

/* The items as strings, read from the document now. */
static GPtrArray *
curator_list_row_dup_items (CuratorListRow *self)
{
  const CuratorNode *node = curator_field_editor_lookup (self->document, self->key_path);
  GPtrArray *items = NULL;

  if (node == NULL)
    return g_ptr_array_new_with_free_func (g_free);

  if (self->is_json)
    {
      const char *value = curator_node_get_value (node);

      if (value != NULL && value[0] != '\0' && (items = curator_json_parse_string_list (value, NULL)) != NULL)
        return items;
      return g_ptr_array_new_with_free_func (g_free);
    }

  items = g_ptr_array_new_with_free_func (g_free);
  if (curator_node_get_kind (node) == CURATOR_NODE_SEQUENCE)
    for (guint i = 0; i < curator_node_get_n_children (node); i++)
      {
        const char *value = curator_node_get_value (curator_node_get_child (node, i));

        g_ptr_array_add (items, g_strdup (value != NULL ? value : ""));
      }

  return items;
}

static char *
item_path (CuratorListRow *self,
           guint           index)
{
  GString *path = g_string_new (self->key_path);

  curator_key_path_append_index (path, index);

  return g_string_free (path, FALSE);
}

static void
curator_list_row_update_subtitle (CuratorListRow *self)
{
  g_autoptr(GPtrArray) items = curator_list_row_dup_items (self);
  g_autoptr(GString) summary = g_string_new (NULL);

  if (items->len == 0)
    {
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), _("Empty"));
      return;
    }

  for (guint i = 0; i < items->len && summary->len < 80; i++)
    {
      if (i > 0)
        g_string_append (summary, ", ");
      g_string_append (summary, g_ptr_array_index (items, i));
    }
  if (summary->len >= 80)
    {
      g_autofree char *cut = g_utf8_substring (summary->str, 0, 77);

      g_string_assign (summary, cut);
      g_string_append (summary, "…");
    }

  {
    g_autofree char *escaped = g_markup_escape_text (summary->str, -1);

    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), escaped);
  }
}

typedef struct
{
  CuratorListRow *self;
  guint           index;
  guint           to_index;
  const char     *text;
} ListEdit;

static gboolean
write_json_items (CuratorListRow  *self,
                  GPtrArray       *items,
                  GError         **error)
{
  g_autofree char *json = curator_json_format_string_list (items);

  return curator_document_set_value (self->document, self->key_path, json,
                                     CURATOR_SCALAR_STRING, error);
}

static gboolean
insert_edit (CuratorDocument  *document,
             gpointer          data,
             GError          **error)
{
  ListEdit *edit = data;

  if (edit->self->is_json)
    {
      g_autoptr(GPtrArray) items = curator_list_row_dup_items (edit->self);

      g_ptr_array_insert (items, edit->index, g_strdup (edit->text));
      return write_json_items (edit->self, items, error);
    }

  return curator_document_insert_item (document, edit->self->key_path, edit->index,
                                       edit->text, CURATOR_SCALAR_AUTO, error);
}

static gboolean
remove_edit (CuratorDocument  *document,
             gpointer          data,
             GError          **error)
{
  ListEdit *edit = data;
  g_autofree char *path = NULL;

  if (edit->self->is_json)
    {
      g_autoptr(GPtrArray) items = curator_list_row_dup_items (edit->self);

      if (edit->index >= items->len)
        return TRUE;
      g_ptr_array_remove_index (items, edit->index);
      return write_json_items (edit->self, items, error);
    }

  path = item_path (edit->self, edit->index);
  return curator_document_unset (document, path, error);
}

static gboolean
move_edit (CuratorDocument  *document,
           gpointer          data,
           GError          **error)
{
  ListEdit *edit = data;

  if (edit->self->is_json)
    {
      g_autoptr(GPtrArray) items = curator_list_row_dup_items (edit->self);
      char *item;

      if (edit->index >= items->len || edit->to_index >= items->len)
        return TRUE;
      item = g_ptr_array_steal_index (items, edit->index);
      g_ptr_array_insert (items, edit->to_index, item);
      return write_json_items (edit->self, items, error);
    }

  return curator_document_move_item (document, edit->self->key_path,
                                     edit->index, edit->to_index, error);
}

/* Focuses item @index (the add row when there is no such item row), the
 * cursor at @position (-1: where it is in a focused item, else at the
 * end), nothing selected. */
static void
focus_item (CuratorListRow *self,
            int             index,
            int             position)
{
  GtkWidget *row;

  if (index >= 0 && (guint)index < self->item_rows->len)
    row = g_ptr_array_index (self->item_rows, index);
  else if (self->add_row != NULL)
    row = self->add_row;
  else
    return;

  if (position < 0 && !curator_field_editor_has_focus (row))
    position = g_utf8_strlen (gtk_editable_get_text (GTK_EDITABLE (row)), -1);
  curator_field_editor_focus_text (row, position);
}

static void
curator_list_row_move (CuratorListRow *self,
                       guint           from,
                       guint           to)
{
  int position = -1;

  /* The moved item keeps the focus, and the cursor its place in it. */
  if (from < self->item_rows->len &&
      curator_field_editor_has_focus (g_ptr_array_index (self->item_rows, from)))
    position = gtk_editable_get_position (GTK_EDITABLE (g_ptr_array_index (self->item_rows, from)));

  if (curator_list_row_move_item (self, from, to))
    focus_item (self, to, position);
}

static void
item_changed_cb (AdwEntryRow    *entry,
                 CuratorListRow *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (entry), "curator-item-index")) - 1;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  if (self->is_json)
    {
      g_autoptr(GPtrArray) items = curator_list_row_dup_items (self);
      g_autofree char *json = NULL;

      if (index >= items->len)
        return;
      g_free (g_ptr_array_index (items, index));
      g_ptr_array_index (items, index) = g_strdup (text);
      json = curator_json_format_string_list (items);
      curator_field_editor_type_value (GTK_WIDGET (entry), self->document, self->key_path,
                                       json, CURATOR_SCALAR_STRING);
    }
  else
    {
      g_autofree char *path = item_path (self, index);

      curator_field_editor_type_value (GTK_WIDGET (entry), self->document, path,
                                       text, CURATOR_SCALAR_AUTO);
    }

  /* The rows show what was typed: so do the items they are compared with. */
  if (index < self->items->len)
    {
      g_free (g_ptr_array_index (self->items, index));
      g_ptr_array_index (self->items, index) = g_strdup (text);
    }

  curator_list_row_update_subtitle (self);
}

static void
remove_clicked_cb (GtkButton      *button,
                   CuratorListRow *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "curator-item-index")) - 1;
  ListEdit edit = { self, index, 0, NULL };

  /* The item that takes its place gets the focus (the add row after the
   * last one). */
  if (curator_field_editor_apply (GTK_WIDGET (self), self->document, remove_edit, &edit))
    {
      curator_list_row_populate (self);
      focus_item (self, self->change_index, -1);
    }
}

static gboolean
move_up_cb (GtkWidget *widget,
            GVariant  *args,
            gpointer   user_data)
{
  CuratorListRow *self = user_data;
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "curator-item-index")) - 1;

  if (index > 0)
    curator_list_row_move (self, index, index - 1);

  return TRUE;
}

static gboolean
move_down_cb (GtkWidget *widget,
              GVariant  *args,
              gpointer   user_data)
{
  CuratorListRow *self = user_data;
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "curator-item-index")) - 1;

  if (index + 1 < curator_list_row_get_n_items (self))
    curator_list_row_move (self, index, index + 1);

  return TRUE;
}

static GdkContentProvider *
drag_prepare_cb (GtkDragSource  *source,
                 double          x,
                 double          y,
                 CuratorListRow *self)
{
  GtkWidget *handle = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (handle), "curator-item-index")) - 1;

  self->dragged_index = (int)index;

  return gdk_content_provider_new_typed (G_TYPE_UINT, index);
}

static void
drag_begin_cb (GtkDragSource  *source,
               GdkDrag        *drag,
               CuratorListRow *self)
{
  GtkWidget *handle = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  GtkWidget *row = gtk_widget_get_ancestor (handle, ADW_TYPE_ENTRY_ROW);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (row);

  gtk_drag_source_set_icon (source, paintable, 0, 0);
}

static void
drag_end_cb (GtkDragSource  *source,
             GdkDrag        *drag,
             gboolean        delete_data,
             CuratorListRow *self)
{
  self->dragged_index = -1;
}

static gboolean
drop_cb (GtkDropTarget  *target,
         const GValue   *value,
         double          x,
         double          y,
         CuratorListRow *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  guint to = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "curator-item-index")) - 1;

  /* Only drags that started in this list: the value is its own index. */
  if (self->dragged_index < 0 || (guint)self->dragged_index != g_value_get_uint (value))
    return FALSE;

  curator_list_row_move (self, g_value_get_uint (value), to);

  return TRUE;
}

static GtkWidget *
curator_list_row_create_item (CuratorListRow *self,
                              guint           index,
                              const char     *text)
{
  g_autofree char *title = curator_field_catalog_dup_item_label (self->key_path, index);
  g_autofree char *remove_label = g_strdup_printf (_("Remove %s"), title);
  GtkWidget *entry = adw_entry_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  GtkWidget *handle = gtk_image_new_from_icon_name ("list-drag-handle-symbolic");
  GtkShortcutController *shortcuts;
  GtkDragSource *drag_source;
  GtkDropTarget *drop_target;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), title);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  curator_field_editor_label_input (GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (entry))), title);
  g_object_set_data (G_OBJECT (entry), "curator-item-index", GUINT_TO_POINTER (index + 1));
  g_signal_connect_object (entry, "changed", G_CALLBACK (item_changed_cb), self, 0);

  curator_field_editor_set_tooltip (handle, _("Drag to reorder, or press Alt+Up and Alt+Down"));
  gtk_widget_set_cursor_from_name (handle, "grab");
  g_object_set_data (G_OBJECT (handle), "curator-item-index", GUINT_TO_POINTER (index + 1));
  adw_entry_row_add_prefix (ADW_ENTRY_ROW (entry), handle);

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  curator_field_editor_set_tooltip (remove, remove_label);
  curator_field_editor_label_input (remove, remove_label);
  g_object_set_data (G_OBJECT (remove), "curator-item-index", GUINT_TO_POINTER (index + 1));
  g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_clicked_cb), self, 0);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (entry), remove);

  shortcuts = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
  gtk_shortcut_controller_set_scope (shortcuts, GTK_SHORTCUT_SCOPE_LOCAL);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (shortcuts), GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (shortcuts,
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Up, GDK_ALT_MASK),
                                                          gtk_callback_action_new (move_up_cb, self, NULL)));
  gtk_shortcut_controller_add_shortcut (shortcuts,
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Down, GDK_ALT_MASK),
                                                          gtk_callback_action_new (move_down_cb, self, NULL)));
  gtk_widget_add_controller (entry, GTK_EVENT_CONTROLLER (shortcuts));

  drag_source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (drag_source, GDK_ACTION_MOVE);
  g_signal_connect_object (drag_source, "prepare", G_CALLBACK (drag_prepare_cb), self, 0);
  g_signal_connect_object (drag_source, "drag-begin", G_CALLBACK (drag_begin_cb), self, 0);
  g_signal_connect_object (drag_source, "drag-end", G_CALLBACK (drag_end_cb), self, 0);
  gtk_widget_add_controller (handle, GTK_EVENT_CONTROLLER (drag_source));

  drop_target = gtk_drop_target_new (G_TYPE_UINT, GDK_ACTION_MOVE);
  g_signal_connect_object (drop_target, "drop", G_CALLBACK (drop_cb), self, 0);
  gtk_widget_add_controller (entry, GTK_EVENT_CONTROLLER (drop_target));

  return entry;
}

/* Enter in the add row: the item is added and the add row, which is
 * kept, stays focused and empty for the next one. */
static void
add_apply_cb (AdwEntryRow    *add_row,
              CuratorListRow *self)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (add_row)));

  g_strstrip (text);
  if (text[0] == '\0')
    return;

  if (curator_list_row_append (self, text))
    gtk_editable_set_text (GTK_EDITABLE (add_row), "");
}

static void
show_all_cb (GtkButton      *button,
             CuratorListRow *self)
{
  self->show_all = TRUE;
  curator_list_row_populate (self);
}

/* The first time the list opens: the "show more" and add rows, which
 * stay for the row's life. */
static void
curator_list_row_create_rows (CuratorListRow *self)
{
  g_autofree char *add_title = g_strdup_printf (_("Add to %s"), self->label);

  self->more_button = gtk_button_new ();
  gtk_widget_add_css_class (self->more_button, "flat");
  g_signal_connect_object (self->more_button, "clicked", G_CALLBACK (show_all_cb), self, 0);
  self->more_row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self->more_row), self->more_button);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self->more_row), FALSE);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self), self->more_row);

  self->add_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->add_row), add_title);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (self->add_row), TRUE);
  adw_entry_row_add_prefix (ADW_ENTRY_ROW (self->add_row), gtk_image_new_from_icon_name ("list-add-symbolic"));
  curator_field_editor_label_input (GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (self->add_row))), add_title);
  g_signal_connect_object (self->add_row, "apply", G_CALLBACK (add_apply_cb), self, 0);
  g_signal_connect_object (self->add_row, "entry-activated", G_CALLBACK (add_apply_cb), self, 0);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self), self->add_row);

  self->populated = TRUE;
}

/* Which item a change from @before to @after touched: the one added,
 * changed or moved (to where it went), else the one that took a removed
 * item's place; -1 for the add row (an item removed at the end), -2 when
 * nothing changed. */
static int
find_changed_item (GPtrArray *before,
                   GPtrArray *after)
{
  guint prefix = 0, suffix = 0;

  while (prefix < before->len && prefix < after->len &&
         g_strcmp0 (g_ptr_array_index (before, prefix), g_ptr_array_index (after, prefix)) == 0)
    prefix++;
  if (prefix == before->len && prefix == after->len)
    return -2;
  while (suffix < before->len - prefix && suffix < after->len - prefix &&
         g_strcmp0 (g_ptr_array_index (before, before->len - 1 - suffix),
                    g_ptr_array_index (after, after->len - 1 - suffix)) == 0)
    suffix++;

  if (after->len - suffix == prefix)
    return prefix < after->len ? (int)prefix : -1;

  /* An item moved down: the first one of the changed stretch went last. */
  if (before->len == after->len && after->len - suffix - 1 > prefix &&
      g_strcmp0 (g_ptr_array_index (before, prefix), g_ptr_array_index (after, after->len - suffix - 1)) == 0 &&
      g_strcmp0 (g_ptr_array_index (after, prefix), g_ptr_array_index (before, after->len - suffix - 1)) != 0)
    return after->len - suffix - 1;

  return prefix;
}

/* Brings the rows in step with the document: texts change in place, rows
 * are added or removed at the end, and the change is noted for focus(). */
static void
curator_list_row_populate (CuratorListRow *self)
{
  g_autoptr(GPtrArray) items = curator_list_row_dup_items (self);
  guint shown = self->show_all ? items->len : MIN (items->len, FIRST_ITEMS_SHOWN);
  int changed = find_changed_item (self->items, items);

  self->change_index = changed == -2 ? self->change_index : changed;
  self->change_end = -1;

  if (!self->populated)
    curator_list_row_create_rows (self);

  for (guint i = 0; i < shown; i++)
    {
      const char *text = g_ptr_array_index (items, i);

      if (i < self->item_rows->len)
        {
          GtkWidget *row = g_ptr_array_index (self->item_rows, i);
          int end;

          g_signal_handlers_block_by_func (row, item_changed_cb, self);
          end = curator_field_editor_show_text (GTK_EDITABLE (row), text);
          g_signal_handlers_unblock_by_func (row, item_changed_cb, self);
          if ((int)i == self->change_index)
            self->change_end = end;
        }
      else
        {
          GtkWidget *row = curator_list_row_create_item (self, i, text);
          GtkWidget *list = gtk_widget_get_parent (self->more_row);

          /* Before the "show more" and add rows: the expander has no
           * insert, but its rows are children of a list box. */
          g_assert (GTK_IS_LIST_BOX (list));
          gtk_list_box_insert (GTK_LIST_BOX (list), row, i);
          g_ptr_array_add (self->item_rows, row);
        }
    }

  while (self->item_rows->len > shown)
    {
      GtkWidget *row = g_ptr_array_steal_index (self->item_rows, self->item_rows->len - 1);

      curator_field_editor_remove_nested_row (ADW_EXPANDER_ROW (self), row);
    }

  gtk_widget_set_visible (self->more_row, shown < items->len);
  if (shown < items->len)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("Show %u More Item", "Show %u More Items", items->len - shown),
                                               items->len - shown);

      gtk_button_set_label (GTK_BUTTON (self->more_button), more);
    }

  g_ptr_array_unref (self->items);
  self->items = g_steal_pointer (&items);
  curator_list_row_update_subtitle (self);
}

static void
expanded_changed_cb (CuratorListRow *self)
{
  if (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (self)) && !self->populated)
    curator_list_row_populate (self);
}

static void
curator_list_row_refresh (CuratorFieldEditor *editor)
{
  CuratorListRow *self = CURATOR_LIST_ROW (editor);

  if (self->populated)
    curator_list_row_populate (self);
  else
    {
      g_autoptr(GPtrArray) items = curator_list_row_dup_items (self);
      int changed = find_changed_item (self->items, items);

      self->change_index = changed == -2 ? self->change_index : changed;
      g_ptr_array_unref (self->items);
      self->items = g_steal_pointer (&items);
      curator_list_row_update_subtitle (self);
    }
}

/* Opens the list to show the item the last change touched, and focuses
 * it (the add row when it was removed at the end). */
static void
curator_list_row_focus (CuratorFieldEditor *editor)
{
  CuratorListRow *self = CURATOR_LIST_ROW (editor);

  if (self->change_index >= 0 && (guint)self->change_index >= FIRST_ITEMS_SHOWN)
    self->show_all = TRUE;
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self), TRUE);
  if (self->show_all && self->item_rows->len < self->items->len)
    curator_list_row_populate (self);

  focus_item (self, self->change_index, self->change_end);
  self->change_end = -1;
}

static const char *
curator_list_row_get_key_path (CuratorFieldEditor *editor)
{
  return CURATOR_LIST_ROW (editor)->key_path;
}

static const char *
curator_list_row_get_label (CuratorFieldEditor *editor)
{
  return CURATOR_LIST_ROW (editor)->label;
}

/* The rows stay (their texts change in place); what the curator left in
 * them for the last document goes: the text typed in the add row, the
 * items shown past the first ones, the last change, a refused edit. */
static void
curator_list_row_set_document (CuratorFieldEditor *editor,
                               CuratorDocument    *document)
{
  CuratorListRow *self = CURATOR_LIST_ROW (editor);

  g_set_object (&self->document, document);
  self->show_all = FALSE;
  self->dragged_index = -1;
  if (self->add_row != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->add_row), "");
  for (guint i = 0; i < self->item_rows->len; i++)
    curator_field_editor_show_problem (g_ptr_array_index (self->item_rows, i), NULL, NULL);
  curator_list_row_refresh (editor);
  self->change_index = -1;
  self->change_end = -1;
}

static void
field_editor_iface_init (CuratorFieldEditorInterface *iface)
{
  iface->get_key_path = curator_list_row_get_key_path;
  iface->get_label = curator_list_row_get_label;
  iface->refresh = curator_list_row_refresh;
  iface->focus = curator_list_row_focus;
  iface->set_document = curator_list_row_set_document;
}

static void
curator_list_row_dispose (GObject *object)
{
  CuratorListRow *self = (CuratorListRow *)object;

  g_clear_object (&self->document);
  g_clear_pointer (&self->item_rows, g_ptr_array_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (curator_list_row_parent_class)->dispose (object);
}

static void
curator_list_row_finalize (GObject *object)
{
  CuratorListRow *self = (CuratorListRow *)object;

  g_clear_pointer (&self->key_path, g_free);
  g_clear_pointer (&self->label, g_free);

  G_OBJECT_CLASS (curator_list_row_parent_class)->finalize (object);
}

static void
curator_list_row_class_init (CuratorListRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = curator_list_row_dispose;
  object_class->finalize = curator_list_row_finalize;
}

static void
curator_list_row_init (CuratorListRow *self)
{
  self->item_rows = g_ptr_array_new ();
  self->items = g_ptr_array_new_with_free_func (g_free);
  self->dragged_index = -1;
  self->change_index = -1;
  self->change_end = -1;
  g_signal_connect (self, "notify::expanded", G_CALLBACK (expanded_changed_cb), NULL);
  curator_accessible_expose_expanded (ADW_EXPANDER_ROW (self));
  /* The summary is one line: the items are below it, one click away. */
  curator_expander_row_set_one_line_subtitle (ADW_EXPANDER_ROW (self));
}

GtkWidget *
curator_list_row_new (CuratorDocument *document,
                      const char      *key_path,
                      const char      *label,
                      const char      *help,
                      gboolean         is_json,
                      gboolean         expanded)
{
  CuratorListRow *self;

  g_return_val_if_fail (CURATOR_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (key_path != NULL, NULL);

  self = g_object_new (CURATOR_TYPE_LIST_ROW,
                       "title", label,
                       NULL);
  self->document = g_object_ref (document);
  self->key_path = g_strdup (key_path);
  self->label = g_strdup (label);
  self->is_json = is_json;

  if (help != NULL)
    curator_field_editor_set_tooltip (GTK_WIDGET (self), help);
  g_object_set_data_full (G_OBJECT (self), "curator-help", g_strdup (help), g_free);

  g_ptr_array_unref (self->items);
  self->items = curator_list_row_dup_items (self);
  curator_list_row_update_subtitle (self);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self), expanded);

  return GTK_WIDGET (self);
}

guint
curator_list_row_get_n_items (CuratorListRow *self)
{
  g_autoptr(GPtrArray) items = NULL;

  g_return_val_if_fail (CURATOR_IS_LIST_ROW (self), 0);

  items = curator_list_row_dup_items (self);

  return items->len;
}

gboolean
curator_list_row_move_item (CuratorListRow *self,
                            guint           from,
                            guint           to)
{
  ListEdit edit = { self, from, to, NULL };
  guint n;

  g_return_val_if_fail (CURATOR_IS_LIST_ROW (self), FALSE);

  n = curator_list_row_get_n_items (self);
  if (from == to || from >= n || to >= n)
    return FALSE;

  if (!curator_field_editor_apply (GTK_WIDGET (self), self->document, move_edit, &edit))
    return FALSE;

  curator_list_row_refresh (CURATOR_FIELD_EDITOR (self));

  return TRUE;
}

gboolean
curator_list_row_append (CuratorListRow *self,
                         const char     *text)
{
  ListEdit edit = { self, 0, 0, text };

  g_return_val_if_fail (CURATOR_IS_LIST_ROW (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  edit.index = curator_list_row_get_n_items (self);
  if (!curator_field_editor_apply (GTK_WIDGET (self), self->document, insert_edit, &edit))
    return FALSE;

  curator_list_row_refresh (CURATOR_FIELD_EDITOR (self));

  return TRUE;
}
