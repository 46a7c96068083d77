/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-row-factory"

#include "config.h"

#include "curator-row-factory.h"

#include "curator-date-row.h"
#include "curator-field-editor.h"
#include "curator-field-catalog.h"
#include "curator-list-row.h"
#include "curator-long-text-row.h"
#include "curator-map-row.h"
#include "curator-number-row.h"
#include "curator-switch-row.h"
#include "curator-text-row.h"

#include <glib/gi18n.h>

#define EXPANDED_LIST_MAX 8
#define EXPANDED_MAP_MAX 8

static char *
last_key_of (const char *key_path)
{
  g_autoptr(GPtrArray) segments = curator_key_path_parse (key_path, NULL);

  for (guint i = segments != NULL ? segments->len : 0; i > 0; i--)
    {
      CuratorKeyPathSegment *segment = g_ptr_array_index (segments, i - 1);

      if (segment->key != NULL)
        return g_strdup (segment->key);
    }

  return g_strdup (key_path);
}

/* The text inputs of @widget that edit the field of @row itself (not
 * those of a nested row or of a list's items) offer the field's menu in
 * their own context menu: Shift+F10 in the text reaches it. */
static void
add_field_menu (GtkWidget  *widget,
                GtkWidget  *row,
                GMenuModel *menu)
{
  if (widget != row && CURATOR_IS_FIELD_EDITOR (widget))
    return;

  if (GTK_IS_TEXT (widget))
    gtk_text_set_extra_menu (GTK_TEXT (widget), menu);
  else if (GTK_IS_TEXT_VIEW (widget))
    gtk_text_view_set_extra_menu (GTK_TEXT_VIEW (widget), menu);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    add_field_menu (child, row, menu);
}

typedef struct
{
  CuratorDocument *document;  /* unowned: this is its data */
  GHashTable      *labels;
  guint            forget_source;
} DocumentLabels;

#define DOCUMENT_LABELS_KEY "curator-row-factory-labels"

static void
document_labels_free (gpointer data)
{
  DocumentLabels *cache = data;

  g_clear_handle_id (&cache->forget_source, g_source_remove);
  g_hash_table_unref (cache->labels);
  g_free (cache);
}

static gboolean
forget_labels_cb (gpointer data)
{
  DocumentLabels *cache = data;

  cache->forget_source = 0;
  g_object_set_data (G_OBJECT (cache->document), DOCUMENT_LABELS_KEY, NULL);

  return G_SOURCE_REMOVE;
}

/* A field's label says where the field is when another has the same
 * (curator_field_catalog_dup_labels()), which takes the whole document:
 * the rows built together share one reading, forgotten before the next
 * edit can come. */
static char *
dup_label (CuratorDocument *document,
           const char      *key_path)
{
  DocumentLabels *cache = g_object_get_data (G_OBJECT (document), DOCUMENT_LABELS_KEY);
  g_autofree char *generic = curator_field_catalog_generic_path (key_path);
  const char *label;

  if (cache == NULL)
    {
      cache = g_new0 (DocumentLabels, 1);
      cache->document = document;
      cache->labels = curator_field_catalog_dup_labels (curator_document_get_root (document));
      cache->forget_source = g_idle_add_full (G_PRIORITY_HIGH, forget_labels_cb, cache, NULL);
      g_object_set_data_full (G_OBJECT (document), DOCUMENT_LABELS_KEY, cache, document_labels_free);
    }

  label = g_hash_table_lookup (cache->labels, generic);
  if (label == NULL)
    {
      g_autofree char *key = last_key_of (key_path);

      return curator_field_catalog_dup_label (key_path, key);
    }

  return g_strdup (label);
}

/* Whether the row of a list or a map starts open. */
static gboolean
starts_expanded (const char        *key_path,
                 const CuratorNode *node,
                 CuratorFieldKind   kind,
                 gboolean           top_level)
{
  switch (kind)
    {
    case CURATOR_FIELD_KIND_STRING_LIST:
    case CURATOR_FIELD_KIND_JSON_LIST:
      {
        gboolean is_json = kind == CURATOR_FIELD_KIND_JSON_LIST;
        guint n = is_json ? 1 : curator_node_get_n_children (node);

        /* Taxonomy lists (tags, categories, topics) and JSON topics are
         * what curators edit most: those start open when short. The
         * breadcrumbs are generated from the site's tree and stay closed. */
        return ((top_level && curator_field_catalog_get_group (key_path) == CURATOR_FIELD_GROUP_TAXONOMY &&
                 !g_str_has_prefix (key_path, "breadcrumb")) || is_json) &&
               n > 0 && n <= EXPANDED_LIST_MAX;
      }

    case CURATOR_FIELD_KIND_MAP:
      /* The source link and the image are edited on every item. */
      return top_level && curator_field_catalog_lookup (key_path) != NULL &&
             curator_node_get_n_children (node) <= EXPANDED_MAP_MAX;

    default:
      return FALSE;
    }
}

GtkWidget *
curator_row_factory_create (CuratorDocument   *document,
                            const char        *key_path,
                            const CuratorNode *node,
                            const char        *label,
                            gboolean           top_level)
{
  g_autofree char *own_label = NULL;
  const char *help;
  CuratorFieldKind kind;
  GtkWidget *row = NULL;

  g_return_val_if_fail (CURATOR_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (key_path != NULL, NULL);
  g_return_val_if_fail (node != NULL, NULL);

  if (label == NULL)
    {
      own_label = dup_label (document, key_path);
      label = own_label;
    }
  help = curator_field_catalog_get_help (key_path);
  kind = curator_field_catalog_kind_for_node (key_path, node);

  switch (kind)
    {
    case CURATOR_FIELD_KIND_LONG_TEXT:
      row = curator_long_text_row_new (document, key_path, label, help);
      break;

    case CURATOR_FIELD_KIND_INT:
    case CURATOR_FIELD_KIND_FLOAT:
      row = curator_number_row_new (document, key_path, label, kind == CURATOR_FIELD_KIND_FLOAT);
      break;

    case CURATOR_FIELD_KIND_BOOL:
      row = curator_switch_row_new (document, key_path, label);
      break;

    case CURATOR_FIELD_KIND_DATE:
      row = curator_date_row_new (document, key_path, label);
      break;

    case CURATOR_FIELD_KIND_URL:
      row = curator_text_row_new (document, key_path, label, CURATOR_FIELD_CHECK_URL);
      break;

    case CURATOR_FIELD_KIND_STRING_LIST:
    case CURATOR_FIELD_KIND_JSON_LIST:
      row = curator_list_row_new (document, key_path, label, help, kind == CURATOR_FIELD_KIND_JSON_LIST,
                                  starts_expanded (key_path, node, kind, top_level));
      break;

    case CURATOR_FIELD_KIND_MAP:
    case CURATOR_FIELD_KIND_MAP_LIST:
      row = curator_map_row_new (document, key_path, label, help);
      if (starts_expanded (key_path, node, kind, top_level))
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
      break;

    case CURATOR_FIELD_KIND_READ_ONLY:
      row = curator_text_row_new (document, key_path, label, CURATOR_FIELD_CHECK_NONE);
      gtk_editable_set_editable (GTK_EDITABLE (row), FALSE);
      help = _("Shared with other fields through a YAML anchor: edit it in the file");
      break;

    case CURATOR_FIELD_KIND_TEXT:
    default:
      row = curator_text_row_new (document, key_path, label, curator_field_catalog_get_check (key_path));
      break;
    }

  g_object_set_data (G_OBJECT (row), "curator-field-kind", GINT_TO_POINTER (kind + 1));

  if (!CURATOR_IS_LIST_ROW (row) && !CURATOR_IS_MAP_ROW (row))
    {
      g_autoptr(GMenuModel) menu = curator_field_editor_dup_menu (CURATOR_FIELD_EDITOR (row));

      add_field_menu (row, row, menu);
    }

  if (help != NULL && g_object_get_data (G_OBJECT (row), "curator-help") == NULL)
    {
      g_object_set_data_full (G_OBJECT (row), "curator-help", g_strdup (help), g_free);
      if (gtk_widget_get_tooltip_text (row) == NULL)
        curator_field_editor_set_tooltip (row, help);
    }

  return row;
}

gboolean
curator_row_factory_rebind (GtkWidget         *row,
                            CuratorDocument   *document,
                            const char        *key_path,
                            const CuratorNode *node,
                            const char        *label,
                            gboolean           top_level)
{
  CuratorFieldKind kind;
  g_autofree char *own_label = NULL;

  g_return_val_if_fail (CURATOR_IS_FIELD_EDITOR (row), FALSE);
  g_return_val_if_fail (CURATOR_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (key_path != NULL, FALSE);
  g_return_val_if_fail (node != NULL, FALSE);

  kind = curator_field_catalog_kind_for_node (key_path, node);
  if (g_strcmp0 (curator_field_editor_get_key_path (CURATOR_FIELD_EDITOR (row)), key_path) != 0 ||
      GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "curator-field-kind")) != (int)kind + 1)
    return FALSE;

  /* The label tells apart fields of the same name: it can differ. */
  if (label == NULL)
    {
      own_label = dup_label (document, key_path);
      label = own_label;
    }
  if (g_strcmp0 (curator_field_editor_get_label (CURATOR_FIELD_EDITOR (row)), label) != 0)
    return FALSE;

  curator_field_editor_set_document (CURATOR_FIELD_EDITOR (row), document);
  if (ADW_IS_EXPANDER_ROW (row))
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), starts_expanded (key_path, node, kind, top_level));

  return TRUE;
}
