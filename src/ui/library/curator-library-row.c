/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-library-row"

#include "config.h"

#include "curator-library-row.h"

#include <glib/gi18n.h>

struct _CuratorLibraryRow
{
  GtkWidget          parent_instance;

  CuratorFolderItem *item;
  GSignalGroup      *item_signals;

  /* Template children */
  GtkLabel          *title_label;
  GtkImage          *problem_icon;
  GtkLabel          *section_label;
  GtkLabel          *date_label;
};

G_DEFINE_FINAL_TYPE (CuratorLibraryRow, curator_library_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* 2020-09-14T09:59:06Z shows as 2020-09-14: the list has little room. */
static char *
short_date (const char *date)
{
  if (date == NULL)
    return NULL;
  if (strlen (date) > 10 && g_ascii_isdigit (date[0]) && date[4] == '-' && date[7] == '-' &&
      (date[10] == 'T' || date[10] == ' '))
    return g_strndup (date, 10);
  return g_strdup (date);
}

static void
curator_library_row_update (CuratorLibraryRow *self)
{
  const GError *problem = NULL;
  g_autofree char *date = NULL;
  g_autoptr(GString) name = NULL;
  const char *title = "";
  const char *section = "";

  if (self->item != NULL)
    {
      title = curator_folder_item_get_title (self->item);
      section = curator_folder_item_get_section (self->item);
      date = short_date (curator_folder_item_get_date (self->item));
      problem = curator_folder_item_get_problem (self->item);
    }

  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->section_label, section);
  gtk_label_set_text (self->date_label, date != NULL ? date : "");
  gtk_widget_set_visible (GTK_WIDGET (self->date_label), date != NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->problem_icon), problem != NULL);
  if (problem != NULL)
    {
      gboolean refused = curator_folder_item_get_refused (self->item);

      gtk_image_set_from_icon_name (self->problem_icon, refused ? "dialog-error-symbolic" : "dialog-warning-symbolic");
      if (refused)
        {
          gtk_widget_add_css_class (GTK_WIDGET (self->problem_icon), "error");
          gtk_widget_remove_css_class (GTK_WIDGET (self->problem_icon), "warning");
        }
      else
        {
          gtk_widget_add_css_class (GTK_WIDGET (self->problem_icon), "warning");
          gtk_widget_remove_css_class (GTK_WIDGET (self->problem_icon), "error");
        }
    }

  /* What a screen reader says of the row: the title first. */
  name = g_string_new (title);
  if (section[0] != '\0')
    g_string_append_printf (name, ", %s", section);
  if (date != NULL)
    g_string_append_printf (name, ", %s", date);
  if (problem != NULL)
    /* Translators: read by screen readers after a file's title, section and date. */
    g_string_append_printf (name, ", %s", curator_folder_item_get_refused (self->item) ?
                            _("cannot be opened as a form") : _("has a warning"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name->str,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, problem != NULL ? problem->message : "",
                                  -1);
}

/* The tooltip is made when asked for: setting one on every row as it is
 * bound costs a round trip to the display server each (GTK looks for the
 * pointer), which scrolling through thousands of rows feels. */
static gboolean
query_tooltip_cb (CuratorLibraryRow *self,
                  int                x,
                  int                y,
                  gboolean           keyboard,
                  GtkTooltip        *tooltip)
{
  const GError *problem;
  g_autoptr(GString) text = NULL;

  if (self->item == NULL)
    return FALSE;

  /* The whole path (the row ellipsizes it), and the problem in words. */
  problem = curator_folder_item_get_problem (self->item);
  text = g_string_new (curator_folder_item_get_path (self->item));
  if (problem != NULL)
    g_string_append_printf (text, "\n%s", problem->message);
  gtk_tooltip_set_text (tooltip, text->str);
  return TRUE;
}

static void
curator_library_row_dispose (GObject *object)
{
  CuratorLibraryRow *self = (CuratorLibraryRow *)object;

  g_signal_group_set_target (self->item_signals, NULL);
  g_clear_object (&self->item);
  gtk_widget_dispose_template (GTK_WIDGET (self), CURATOR_TYPE_LIBRARY_ROW);
  /* The children the template does not name. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (curator_library_row_parent_class)->dispose (object);
}

static void
curator_library_row_finalize (GObject *object)
{
  CuratorLibraryRow *self = (CuratorLibraryRow *)object;

  g_clear_object (&self->item_signals);

  G_OBJECT_CLASS (curator_library_row_parent_class)->finalize (object);
}

static void
curator_library_row_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CuratorLibraryRow *self = CURATOR_LIBRARY_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
curator_library_row_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CuratorLibraryRow *self = CURATOR_LIBRARY_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      curator_library_row_set_item (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
curator_library_row_class_init (CuratorLibraryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = curator_library_row_dispose;
  object_class->finalize = curator_library_row_finalize;
  object_class->get_property = curator_library_row_get_property;
  object_class->set_property = curator_library_row_set_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL,
                         CURATOR_TYPE_FOLDER_ITEM,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/curator-library-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CuratorLibraryRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, CuratorLibraryRow, problem_icon);
  gtk_widget_class_bind_template_child (widget_class, CuratorLibraryRow, section_label);
  gtk_widget_class_bind_template_child (widget_class, CuratorLibraryRow, date_label);
  gtk_widget_class_set_css_name (widget_class, "curatorlibraryrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
curator_library_row_init (CuratorLibraryRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);

  self->item_signals = g_signal_group_new (CURATOR_TYPE_FOLDER_ITEM);
  g_signal_group_connect_object (self->item_signals, "changed",
                                 G_CALLBACK (curator_library_row_update), self, G_CONNECT_SWAPPED);
}

GtkWidget *
curator_library_row_new (void)
{
  return g_object_new (CURATOR_TYPE_LIBRARY_ROW, NULL);
}

CuratorFolderItem *
curator_library_row_get_item (CuratorLibraryRow *self)
{
  g_return_val_if_fail (CURATOR_IS_LIBRARY_ROW (self), NULL);

  return self->item;
}

void
curator_library_row_set_item (CuratorLibraryRow *self,
                              CuratorFolderItem *item)
{
  g_return_if_fail (CURATOR_IS_LIBRARY_ROW (self));
  g_return_if_fail (!item || CURATOR_IS_FOLDER_ITEM (item));

  if (self->item == item)
    return;

  g_set_object (&self->item, item);
  g_signal_group_set_target (self->item_signals, item);
  curator_library_row_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}
