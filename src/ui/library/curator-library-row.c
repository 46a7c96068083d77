/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-library-row"

#include "config.h"

#include "curator-library-row.h"

#include <glib/gi18n.h>

/* The row is built in code, with no box: GTK 4.8's list view makes about
 * 200 rows at once (when a folder opens, and again as a search changes
 * the list), and a row from a template, with boxes and labels measured
 * to their whole text, cost most of the first frame. The inscriptions
 * ask for room by characters, not by their text, and lay the text out
 * once, as drawn. */
struct _CuratorLibraryRow
{
  GtkWidget          parent_instance;

  CuratorFolderItem *item;
  GSignalGroup      *item_signals;

  /* Title and problem badge on the first line; section and date on the
   * second. The badge is made for the first problem shown. */
  GtkWidget         *title;
  GtkWidget         *problem_icon;
  GtkWidget         *section;
  GtkWidget         *date;

  /* What the accessible name and description were last set to. */
  char              *accessible_name;
  char              *accessible_description;
};

#define COLUMN_SPACING 6
#define LINE_SPACING   2

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
  const char *title = curator_folder_item_get_title (self->item);
  const char *section = curator_folder_item_get_section (self->item);
  g_autofree char *date = short_date (curator_folder_item_get_date (self->item));
  const GError *problem = curator_folder_item_get_problem (self->item);
  g_autoptr(GString) name = NULL;

  gtk_inscription_set_text (GTK_INSCRIPTION (self->title), title);
  gtk_inscription_set_text (GTK_INSCRIPTION (self->section), section);
  gtk_label_set_text (GTK_LABEL (self->date), date != NULL ? date : "");
  gtk_widget_set_visible (self->date, date != NULL);

  if (problem != NULL && self->problem_icon == NULL)
    {
      self->problem_icon = gtk_image_new ();
      gtk_widget_insert_after (self->problem_icon, GTK_WIDGET (self), self->title);
    }
  if (self->problem_icon != NULL)
    gtk_widget_set_visible (self->problem_icon, problem != NULL);
  if (problem != NULL)
    {
      gboolean refused = curator_folder_item_get_refused (self->item);

      gtk_image_set_from_icon_name (GTK_IMAGE (self->problem_icon), refused ? "dialog-error-symbolic" : "dialog-warning-symbolic");
      if (refused)
        {
          gtk_widget_add_css_class (self->problem_icon, "error");
          gtk_widget_remove_css_class (self->problem_icon, "warning");
        }
      else
        {
          gtk_widget_add_css_class (self->problem_icon, "warning");
          gtk_widget_remove_css_class (self->problem_icon, "error");
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
  /* A row bound again to what it showed (GTK 4.8's list view unbinds and
   * binds again every row in the span a search changes) costs nothing:
   * the texts set are the same, and so is this. */
  if (g_strcmp0 (name->str, self->accessible_name) != 0 ||
      g_strcmp0 (problem != NULL ? problem->message : "", self->accessible_description) != 0)
    {
      g_free (self->accessible_name);
      self->accessible_name = g_strdup (name->str);
      g_free (self->accessible_description);
      self->accessible_description = g_strdup (problem != NULL ? problem->message : "");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, self->accessible_name,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->accessible_description,
                                      -1);
    }
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

static gboolean
shown (GtkWidget *widget)
{
  return widget != NULL && gtk_widget_get_visible (widget);
}

/* The width of a line of @start (which takes what is left) and @end. */
static void
measure_line (GtkWidget *start,
              GtkWidget *end,
              int       *minimum,
              int       *natural)
{
  int start_min, start_nat, end_min = 0, end_nat = 0;

  gtk_widget_measure (start, GTK_ORIENTATION_HORIZONTAL, -1, &start_min, &start_nat, NULL, NULL);
  if (shown (end))
    {
      gtk_widget_measure (end, GTK_ORIENTATION_HORIZONTAL, -1, &end_min, &end_nat, NULL, NULL);
      end_min += COLUMN_SPACING;
      end_nat += COLUMN_SPACING;
    }
  *minimum = start_min + end_min;
  *natural = start_nat + end_nat;
}

static int
line_height (GtkWidget *start,
             GtkWidget *end)
{
  int height, end_height = 0;

  gtk_widget_measure (start, GTK_ORIENTATION_VERTICAL, -1, NULL, &height, NULL, NULL);
  if (shown (end))
    gtk_widget_measure (end, GTK_ORIENTATION_VERTICAL, -1, NULL, &end_height, NULL, NULL);
  return MAX (height, end_height);
}

static void
curator_library_row_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  CuratorLibraryRow *self = CURATOR_LIBRARY_ROW (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int min1, nat1, min2, nat2;

      measure_line (self->title, self->problem_icon, &min1, &nat1);
      measure_line (self->section, self->date, &min2, &nat2);
      *minimum = MAX (min1, min2);
      *natural = MAX (nat1, nat2);
    }
  else
    /* One line of text each: the height does not depend on the width. */
    *minimum = *natural = line_height (self->title, self->problem_icon) + LINE_SPACING +
                          line_height (self->section, self->date);
}

/* @start takes what @end (at its natural width) leaves of @width; @end
 * goes at the line's end (the left in right-to-left text). */
static void
allocate_line (GtkWidget *start,
               GtkWidget *end,
               gboolean   rtl,
               int        width,
               int        y,
               int        height)
{
  int end_width = 0;

  if (shown (end))
    {
      gtk_widget_measure (end, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &end_width, NULL, NULL);
      end_width = MIN (end_width, width);
      gtk_widget_size_allocate (end, &(GtkAllocation) { rtl ? 0 : width - end_width, y, end_width, height }, -1);
      end_width += COLUMN_SPACING;
    }
  gtk_widget_size_allocate (start, &(GtkAllocation) { rtl ? end_width : 0, y, MAX (width - end_width, 0), height }, -1);
}

static void
curator_library_row_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  CuratorLibraryRow *self = CURATOR_LIBRARY_ROW (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int first = line_height (self->title, self->problem_icon);

  allocate_line (self->title, self->problem_icon, rtl, width, 0, first);
  allocate_line (self->section, self->date, rtl, width, first + LINE_SPACING,
                 MAX (height - first - LINE_SPACING, 0));
}

static void
curator_library_row_dispose (GObject *object)
{
  CuratorLibraryRow *self = (CuratorLibraryRow *)object;

  g_signal_group_set_target (self->item_signals, NULL);
  g_clear_object (&self->item);
  g_clear_pointer (&self->title, gtk_widget_unparent);
  g_clear_pointer (&self->problem_icon, gtk_widget_unparent);
  g_clear_pointer (&self->section, gtk_widget_unparent);
  g_clear_pointer (&self->date, gtk_widget_unparent);

  G_OBJECT_CLASS (curator_library_row_parent_class)->dispose (object);
}

static void
curator_library_row_finalize (GObject *object)
{
  CuratorLibraryRow *self = (CuratorLibraryRow *)object;

  g_clear_object (&self->item_signals);
  g_free (self->accessible_name);
  g_free (self->accessible_description);

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

  widget_class->measure = curator_library_row_measure;
  widget_class->size_allocate = curator_library_row_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "curatorlibraryrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
curator_library_row_init (CuratorLibraryRow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_set_margin_top (widget, 6);
  gtk_widget_set_margin_bottom (widget, 6);
  gtk_widget_set_margin_start (widget, 6);
  gtk_widget_set_margin_end (widget, 6);

  /* Room for about 28 and 20 characters: the list's natural width, not
   * that of its longest title. */
  self->title = g_object_new (GTK_TYPE_INSCRIPTION,
                              "min-chars", 8, "nat-chars", 28,
                              "text-overflow", GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END,
                              "css-classes", (const char *[]) { "heading", NULL },
                              NULL);
  gtk_widget_set_parent (self->title, widget);
  self->section = g_object_new (GTK_TYPE_INSCRIPTION,
                                "min-chars", 4, "nat-chars", 20,
                                "text-overflow", GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_START,
                                "css-classes", (const char *[]) { "caption", "dim-label", NULL },
                                NULL);
  gtk_widget_set_parent (self->section, widget);
  self->date = g_object_new (GTK_TYPE_LABEL,
                             "xalign", 1.0f, "single-line-mode", TRUE,
                             "css-classes", (const char *[]) { "caption", "dim-label", "numeric", NULL },
                             NULL);
  gtk_widget_set_parent (self->date, widget);

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
  /* Unbound, a row is not shown: what it showed stays until it is bound
   * again, often to the same item. */
  if (item != NULL)
    curator_library_row_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}
