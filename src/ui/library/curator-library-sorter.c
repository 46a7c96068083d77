/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-library-sorter"

#include "config.h"

#include "curator-library-sorter.h"

struct _CuratorLibrarySorter
{
  GtkSorter          parent_instance;

  CuratorFolderSort  sort;
};

G_DEFINE_FINAL_TYPE (CuratorLibrarySorter, curator_library_sorter, GTK_TYPE_SORTER)

enum {
  PROP_0,
  PROP_SORT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkOrdering
curator_library_sorter_compare (GtkSorter *sorter,
                                gpointer   a,
                                gpointer   b)
{
  int order = curator_folder_item_compare (a, b, CURATOR_LIBRARY_SORTER (sorter)->sort);

  return order < 0 ? GTK_ORDERING_SMALLER : order > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static GtkSorterOrder
curator_library_sorter_get_order (GtkSorter *sorter)
{
  return GTK_SORTER_ORDER_TOTAL;
}

static void
curator_library_sorter_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  CuratorLibrarySorter *self = CURATOR_LIBRARY_SORTER (object);

  switch (prop_id)
    {
    case PROP_SORT:
      g_value_set_enum (value, self->sort);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
curator_library_sorter_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  CuratorLibrarySorter *self = CURATOR_LIBRARY_SORTER (object);

  switch (prop_id)
    {
    case PROP_SORT:
      curator_library_sorter_set_sort (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
curator_library_sorter_class_init (CuratorLibrarySorterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkSorterClass *sorter_class = GTK_SORTER_CLASS (klass);

  object_class->get_property = curator_library_sorter_get_property;
  object_class->set_property = curator_library_sorter_set_property;
  sorter_class->compare = curator_library_sorter_compare;
  sorter_class->get_order = curator_library_sorter_get_order;

  properties[PROP_SORT] =
    g_param_spec_enum ("sort", NULL, NULL,
                       CURATOR_TYPE_FOLDER_SORT, CURATOR_FOLDER_SORT_TITLE,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
curator_library_sorter_init (CuratorLibrarySorter *self)
{
}

CuratorLibrarySorter *
curator_library_sorter_new (CuratorFolderSort sort)
{
  return g_object_new (CURATOR_TYPE_LIBRARY_SORTER, "sort", sort, NULL);
}

CuratorFolderSort
curator_library_sorter_get_sort (CuratorLibrarySorter *self)
{
  g_return_val_if_fail (CURATOR_IS_LIBRARY_SORTER (self), CURATOR_FOLDER_SORT_TITLE);

  return self->sort;
}

void
curator_library_sorter_set_sort (CuratorLibrarySorter *self,
                                 CuratorFolderSort     sort)
{
  g_return_if_fail (CURATOR_IS_LIBRARY_SORTER (self));
  g_return_if_fail (sort >= CURATOR_FOLDER_SORT_TITLE && sort <= CURATOR_FOLDER_SORT_SECTION);

  if (self->sort == sort)
    return;
  self->sort = sort;
  gtk_sorter_changed (GTK_SORTER (self), GTK_SORTER_CHANGE_DIFFERENT);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT]);
}
