/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-map-row"

#include "config.h"

#include "curator-map-row.h"

#include "curator-accessible.h"
#include "curator-field-catalog.h"
#include "curator-field-editor.h"
#include "curator-row-factory.h"

#include <glib/gi18n.h>

/* Rows created at once when a long list of maps is expanded. */
#define FIRST_ITEMS_SHOWN 50

struct _CuratorMapRow
{
  AdwExpanderRow   parent_instance;

  CuratorDocument *document;
  char            *key_path;
  char            *label;

  GPtrArray       *child_rows;
  gboolean         populated;
  gboolean         show_all;
};

static void field_editor_iface_init (CuratorFieldEditorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CuratorMapRow, curator_map_row, ADW_TYPE_EXPANDER_ROW,
                               G_IMPLEMENT_INTERFACE (CURATOR_TYPE_FIELD_EDITOR, field_editor_iface_init))

static void curator_map_row_populate (CuratorMapRow *self);

/* A list item's subtitle: its first short text value (a name, a title). */
static const char *
summarize_map (const CuratorNode *node)
{
  static const char *preferred[] = { "title", "name", "label", "measureName", "id", NULL };

  if (curator_node_get_kind (node) != CURATOR_NODE_MAPPING)
    return curator_node_get_value (node);

  for (guint i = 0; preferred[i] != NULL; i++)
    {
      const CuratorNode *child = curator_node_lookup_key (node, preferred[i]);

      if (child != NULL && curator_node_get_kind (child) == CURATOR_NODE_SCALAR &&
          curator_node_get_value (child) != NULL && curator_node_get_value (child)[0] != '\0')
        return curator_node_get_value (child);
    }

  for (guint i = 0; i < curator_node_get_n_children (node); i++)
    {
      const CuratorNode *child = curator_node_get_child (node, i);
      const char *value = curator_node_get_value (child);

      if (curator_node_get_kind (child) == CURATOR_NODE_SCALAR && value != NULL &&
          value[0] != '\0' && g_utf8_strlen (value, -1) <= 60)
        return value;
    }

  return NULL;
}

static void
curator_map_row_update_subtitle (CuratorMapRow *self)
{
  const CuratorNode *node = curator_field_editor_lookup (self->document, self->key_path);
  const char *help = g_object_get_data (G_OBJECT (self), "curator-help");
  g_autofree char *subtitle = NULL;
  guint n;

  if (node == NULL)
    return;

  n = curator_node_get_n_children (node);
  if (help != NULL)
    subtitle = g_strdup (help);
  else if (g_object_get_data (G_OBJECT (self), "curator-summary") != NULL)
    subtitle = g_strdup (g_object_get_data (G_OBJECT (self), "curator-summary"));
  else if (curator_node_get_kind (node) == CURATOR_NODE_SEQUENCE)
    subtitle = g_strdup_printf (ngettext ("%u item", "%u items", n), n);
  else
    subtitle = g_strdup_printf (ngettext ("%u field", "%u fields", n), n);

  {
    g_autofree char *escaped = g_markup_escape_text (subtitle, -1);

    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), escaped);
  }
}

/* A list whose items are all maps: a new item takes the last one's keys. */
static gboolean
is_list_of_maps (const CuratorNode *node)
{
  guint n = curator_node_get_n_children (node);

  if (curator_node_get_kind (node) != CURATOR_NODE_SEQUENCE || n == 0)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (curator_node_get_kind (curator_node_get_child (node, i)) != CURATOR_NODE_MAPPING)
      return FALSE;
  return TRUE;
}

typedef struct
{
  const char *list_path;
  guint       index;
  const char *json;
} AddItemEdit;

static gboolean
add_item_edit (CuratorDocument  *document,
               gpointer          data,
               GError          **error)
{
  AddItemEdit *edit = data;
  g_autoptr(GString) path = g_string_new (edit->list_path);

  curator_key_path_append_index (path, edit->index);
  return curator_document_set_json (document, path->str, edit->json, error);
}

/* Appends an item with the keys of the last one, their values empty (the
 * curator fills them in): another meta tag, tab or person like the
 * others, written in the list's own style. */
static void
add_item_cb (GtkButton     *button,
             CuratorMapRow *self)
{
  const CuratorNode *node = curator_field_editor_lookup (self->document, self->key_path);
  g_autoptr(GString) json = g_string_new ("{");
  const CuratorNode *last;
  AddItemEdit edit;

  if (node == NULL || !is_list_of_maps (node))
    return;

  edit.list_path = self->key_path;
  edit.index = curator_node_get_n_children (node);
  last = curator_node_get_child (node, edit.index - 1);
  for (guint i = 0; i < curator_node_get_n_children (last); i++)
    {
      if (i > 0)
        g_string_append (json, ", ");
      curator_json_append_string (json, curator_node_get_key (last, i));
      g_string_append (json, ": \"\"");
    }
  g_string_append_c (json, '}');
  edit.json = json->str;

  if (!curator_field_editor_apply (GTK_WIDGET (self), self->document, add_item_edit, &edit))
    return;

  /* The new item opens, its first field focused to be filled in. */
  self->show_all = TRUE;
  curator_map_row_populate (self);
  for (guint i = 0; i < self->child_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->child_rows, i);
      g_autoptr(GString) item_path = g_string_new (self->key_path);

      curator_key_path_append_index (item_path, edit.index);
      if (CURATOR_IS_MAP_ROW (row) && g_strcmp0 (CURATOR_MAP_ROW (row)->key_path, item_path->str) == 0)
        {
          CuratorMapRow *item = CURATOR_MAP_ROW (row);

          adw_expander_row_set_expanded (ADW_EXPANDER_ROW (item), TRUE);
          if (item->child_rows->len > 0 && CURATOR_IS_FIELD_EDITOR (g_ptr_array_index (item->child_rows, 0)))
            curator_field_editor_focus (g_ptr_array_index (item->child_rows, 0));
        }
    }
}

static void
show_all_cb (GtkButton     *button,
             CuratorMapRow *self)
{
  self->show_all = TRUE;
  curator_map_row_populate (self);
}

static void
curator_map_row_clear (CuratorMapRow *self)
{
  for (guint i = 0; i < self->child_rows->len; i++)
    curator_field_editor_remove_nested_row (ADW_EXPANDER_ROW (self), g_ptr_array_index (self->child_rows, i));
  g_ptr_array_set_size (self->child_rows, 0);
}

static void
curator_map_row_populate (CuratorMapRow *self)
{
  const CuratorNode *node = curator_field_editor_lookup (self->document, self->key_path);
  gboolean is_list;
  guint n, shown;

  curator_map_row_clear (self);
  self->populated = TRUE;

  if (node == NULL)
    return;

  is_list = curator_node_get_kind (node) == CURATOR_NODE_SEQUENCE;
  n = curator_node_get_n_children (node);
  shown = self->show_all ? n : MIN (n, FIRST_ITEMS_SHOWN);

  for (guint i = 0; i < shown; i++)
    {
      const CuratorNode *child = curator_node_get_child (node, i);
      g_autoptr(GString) path = g_string_new (self->key_path);
      g_autofree char *numbered = NULL;
      const char *item_label = NULL;
      GtkWidget *row;

      if (is_list)
        {
          curator_key_path_append_index (path, i);
          numbered = curator_field_catalog_dup_item_label (self->key_path, i);
          /* An item with a title of its own is called by it. */
          item_label = curator_field_catalog_get_item_title (child);
          if (item_label == NULL)
            item_label = numbered;
        }
      else
        curator_key_path_append_key (path, curator_node_get_key (node, i));

      row = curator_row_factory_create (self->document, path->str, child, item_label, FALSE);
      if (is_list && CURATOR_IS_MAP_ROW (row))
        {
          /* The subtitle says the other: where it is, or what it holds. */
          const char *summary = item_label != numbered ? numbered : summarize_map (child);

          if (summary != NULL)
            {
              g_object_set_data_full (G_OBJECT (row), "curator-summary", g_strdup (summary), g_free);
              curator_map_row_update_subtitle (CURATOR_MAP_ROW (row));
            }
        }
      adw_expander_row_add_row (ADW_EXPANDER_ROW (self), row);
      g_ptr_array_add (self->child_rows, row);
    }

  if (shown < n)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("Show %u More", "Show %u More", n - shown), n - shown);
      GtkWidget *button = gtk_button_new_with_label (more);
      GtkWidget *row = gtk_list_box_row_new ();

      gtk_widget_add_css_class (button, "flat");
      g_signal_connect_object (button, "clicked", G_CALLBACK (show_all_cb), self, 0);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), button);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (self), row);
      g_ptr_array_add (self->child_rows, row);
    }

  if (is_list_of_maps (node))
    {
      g_autofree char *add_label = g_strdup_printf (_("Add to %s"), self->label);
      GtkWidget *button = gtk_button_new ();
      GtkWidget *content = adw_button_content_new ();
      GtkWidget *row = gtk_list_box_row_new ();

      adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
      adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("Add Item"));
      gtk_button_set_child (GTK_BUTTON (button), content);
      gtk_widget_add_css_class (button, "flat");
      curator_field_editor_label_input (button, add_label);
      g_signal_connect_object (button, "clicked", G_CALLBACK (add_item_cb), self, 0);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), button);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (self), row);
      g_ptr_array_add (self->child_rows, row);
    }

  curator_map_row_update_subtitle (self);
}

static void
expanded_changed_cb (CuratorMapRow *self)
{
  if (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (self)) && !self->populated)
    curator_map_row_populate (self);
}

static void
curator_map_row_refresh (CuratorFieldEditor *editor)
{
  CuratorMapRow *self = CURATOR_MAP_ROW (editor);

  if (self->populated)
    curator_map_row_populate (self);
  else
    curator_map_row_update_subtitle (self);
}

static GtkWidget *
find_action_row (GtkWidget *widget)
{
  if (ADW_IS_ACTION_ROW (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_row (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The header row (the expander's first action row, before the nested
 * rows) takes the focus: Enter then opens or closes the group. */
static void
curator_map_row_focus (CuratorFieldEditor *editor)
{
  GtkWidget *header = find_action_row (GTK_WIDGET (editor));

  gtk_widget_grab_focus (header != NULL ? header : GTK_WIDGET (editor));
}

static const char *
curator_map_row_get_key_path (CuratorFieldEditor *editor)
{
  return CURATOR_MAP_ROW (editor)->key_path;
}

static const char *
curator_map_row_get_label (CuratorFieldEditor *editor)
{
  return CURATOR_MAP_ROW (editor)->label;
}

/* Puts @row in place of the nested row at @index. AdwExpanderRow only
 * appends: its nested rows are children of one GtkListBox, which can
 * insert. FALSE if they are not (the rows are then made again). */
static gboolean
replace_child_row (CuratorMapRow *self,
                   guint          index,
                   GtkWidget     *row)
{
  GtkWidget *old = g_ptr_array_index (self->child_rows, index);
  GtkWidget *list = gtk_widget_get_parent (old);

  if (!GTK_IS_LIST_BOX (list) || gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (old)) != (int) index)
    return FALSE;
  gtk_list_box_insert (GTK_LIST_BOX (list), row, index);
  curator_field_editor_remove_nested_row (ADW_EXPANDER_ROW (self), old);
  g_ptr_array_index (self->child_rows, index) = row;
  return TRUE;
}

/* The nested rows of a map show @document's values: those of the same
 * key and kind are kept and bound to it, the others made in their
 * place (a list that became empty, a number that became null). Moving
 * from one file to the next of its folder changes a field or two of a
 * map, not all of them. FALSE when that could not be done (the rows
 * are then made again). */
static gboolean
curator_map_row_rebind_fields (CuratorMapRow *self)
{
  const CuratorNode *node = curator_field_editor_lookup (self->document, self->key_path);
  guint n;

  if (node == NULL || curator_node_get_kind (node) != CURATOR_NODE_MAPPING)
    return FALSE;

  n = curator_node_get_n_children (node);
  /* A long map shows its first fields and a button for the rest. */
  if (n > FIRST_ITEMS_SHOWN)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      const CuratorNode *child = curator_node_get_child (node, i);
      g_autoptr(GString) path = g_string_new (self->key_path);
      GtkWidget *row;

      curator_key_path_append_key (path, curator_node_get_key (node, i));
      if (i < self->child_rows->len)
        {
          row = g_ptr_array_index (self->child_rows, i);
          if (CURATOR_IS_FIELD_EDITOR (row) &&
              curator_row_factory_rebind (row, self->document, path->str, child, NULL, FALSE))
            continue;
          row = curator_row_factory_create (self->document, path->str, child, NULL, FALSE);
          if (!replace_child_row (self, i, row))
            {
              g_object_ref_sink (row);
              g_object_unref (row);
              return FALSE;
            }
        }
      else
        {
          row = curator_row_factory_create (self->document, path->str, child, NULL, FALSE);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (self), row);
          g_ptr_array_add (self->child_rows, row);
        }
    }
  while (self->child_rows->len > n)
    {
      curator_field_editor_remove_nested_row (ADW_EXPANDER_ROW (self), g_ptr_array_index (self->child_rows, self->child_rows->len - 1));
      g_ptr_array_set_size (self->child_rows, self->child_rows->len - 1);
    }

  curator_map_row_update_subtitle (self);
  return TRUE;
}

static void
curator_map_row_set_document (CuratorFieldEditor *editor,
                              CuratorDocument    *document)
{
  CuratorMapRow *self = CURATOR_MAP_ROW (editor);

  g_set_object (&self->document, document);
  self->show_all = FALSE;
  if (!self->populated || !curator_map_row_rebind_fields (self))
    curator_map_row_refresh (editor);
}

static void
field_editor_iface_init (CuratorFieldEditorInterface *iface)
{
  iface->get_key_path = curator_map_row_get_key_path;
  iface->get_label = curator_map_row_get_label;
  iface->refresh = curator_map_row_refresh;
  iface->focus = curator_map_row_focus;
  iface->set_document = curator_map_row_set_document;
}

static void
curator_map_row_dispose (GObject *object)
{
  CuratorMapRow *self = (CuratorMapRow *)object;

  g_clear_object (&self->document);
  g_clear_pointer (&self->child_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (curator_map_row_parent_class)->dispose (object);
}

static void
curator_map_row_finalize (GObject *object)
{
  CuratorMapRow *self = (CuratorMapRow *)object;

  g_clear_pointer (&self->key_path, g_free);
  g_clear_pointer (&self->label, g_free);

  G_OBJECT_CLASS (curator_map_row_parent_class)->finalize (object);
}

static void
curator_map_row_class_init (CuratorMapRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = curator_map_row_dispose;
  object_class->finalize = curator_map_row_finalize;
}

static void
curator_map_row_init (CuratorMapRow *self)
{
  self->child_rows = g_ptr_array_new ();
  g_signal_connect (self, "notify::expanded", G_CALLBACK (expanded_changed_cb), NULL);
  curator_accessible_expose_expanded (ADW_EXPANDER_ROW (self));
}

GtkWidget *
curator_map_row_new (CuratorDocument *document,
                     const char      *key_path,
                     const char      *label,
                     const char      *help)
{
  CuratorMapRow *self;

  g_return_val_if_fail (CURATOR_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (key_path != NULL, NULL);

  self = g_object_new (CURATOR_TYPE_MAP_ROW,
                       "title", label,
                       NULL);
  self->document = g_object_ref (document);
  self->key_path = g_strdup (key_path);
  self->label = g_strdup (label);
  g_object_set_data_full (G_OBJECT (self), "curator-help", g_strdup (help), g_free);

  curator_map_row_update_subtitle (self);

  return GTK_WIDGET (self);
}
