/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-expander-header"

#include "config.h"

#include "curator-expander-header.h"

GtkWidget *
curator_expander_row_get_header (AdwExpanderRow *row)
{
  GtkWidget *box;
  GtkWidget *list;
  GtkWidget *header;

  g_return_val_if_fail (ADW_IS_EXPANDER_ROW (row), NULL);

  /* The row holds a box, whose first child is a list with the header
   * row in it. */
  box = gtk_widget_get_first_child (GTK_WIDGET (row));
  list = box != NULL ? gtk_widget_get_first_child (box) : NULL;
  header = list != NULL ? gtk_widget_get_first_child (list) : NULL;

  return ADW_IS_ACTION_ROW (header) ? header : NULL;
}

static GtkLabel *
find_label (GtkWidget  *widget,
            const char *css_class)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found;

      if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, css_class))
        return GTK_LABEL (child);
      if ((found = find_label (child, css_class)) != NULL)
        return found;
    }
  return NULL;
}

/* The header wraps its subtitle, and libadwaita 1.2 has no way not to
 * (1.3's subtitle-lines ellipsizes, but still wraps). GTK measures a
 * wrapping label again for every size the window tries while it finds
 * its own, laying the text out 6 to 10 times each time a file is shown;
 * a label that does not wrap is measured once, whatever the size. */
void
curator_expander_row_set_one_line_subtitle (AdwExpanderRow *row)
{
  GtkWidget *header;
  GtkLabel *subtitle;

  g_return_if_fail (ADW_IS_EXPANDER_ROW (row));

  header = curator_expander_row_get_header (row);
  subtitle = header != NULL ? find_label (header, "subtitle") : NULL;
  if (subtitle == NULL)
    return;

  gtk_label_set_wrap (subtitle, FALSE);
  gtk_label_set_ellipsize (subtitle, PANGO_ELLIPSIZE_END);
}
