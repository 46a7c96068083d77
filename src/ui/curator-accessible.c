/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-accessible"

#include "config.h"

#include "curator-accessible.h"
#include "curator-expander-header.h"

#include <glib/gi18n.h>

/* GTK 4.8 has no getter for an accessible property: its test API is the
 * only way to ask whether a node is named already. */
static gboolean
has_name (GtkAccessible *accessible)
{
  return gtk_test_accessible_has_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL) ||
         gtk_test_accessible_has_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

/* Roles a node plays without being named: a screen reader says nothing
 * for them rather than the type name GTK 4.8 falls back to. */
static gboolean
is_unnamed_role (GtkAccessibleRole role)
{
  switch (role)
    {
    case GTK_ACCESSIBLE_ROLE_WIDGET:
    case GTK_ACCESSIBLE_ROLE_LABEL:
    case GTK_ACCESSIBLE_ROLE_LIST:
    case GTK_ACCESSIBLE_ROLE_GRID:
    case GTK_ACCESSIBLE_ROLE_ROW:
    case GTK_ACCESSIBLE_ROLE_SCROLLBAR:
    case GTK_ACCESSIBLE_ROLE_TOOLBAR:
    case GTK_ACCESSIBLE_ROLE_STATUS:
    case GTK_ACCESSIBLE_ROLE_PROGRESS_BAR:
    case GTK_ACCESSIBLE_ROLE_MENU:
    case GTK_ACCESSIBLE_ROLE_TAB_PANEL:
      return TRUE;

    default:
      return FALSE;
    }
}

static void
leave_unnamed (GtkAccessible *accessible)
{
  GtkAccessibleRole role = gtk_accessible_get_accessible_role (accessible);

  /* A text view no one can type into is text to read, not an input. */
  if (GTK_IS_TEXT_VIEW (accessible) && !gtk_text_view_get_editable (GTK_TEXT_VIEW (accessible)))
    role = GTK_ACCESSIBLE_ROLE_LABEL;

  if (!has_name (accessible) && is_unnamed_role (role))
    gtk_accessible_update_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
}

static gboolean
is_interactive_role (GtkAccessibleRole role)
{
  switch (role)
    {
    case GTK_ACCESSIBLE_ROLE_BUTTON:
    case GTK_ACCESSIBLE_ROLE_CHECKBOX:
    case GTK_ACCESSIBLE_ROLE_RADIO:
    case GTK_ACCESSIBLE_ROLE_SWITCH:
    case GTK_ACCESSIBLE_ROLE_LINK:
    case GTK_ACCESSIBLE_ROLE_MENU_ITEM:
    case GTK_ACCESSIBLE_ROLE_MENU_ITEM_CHECKBOX:
    case GTK_ACCESSIBLE_ROLE_MENU_ITEM_RADIO:
    case GTK_ACCESSIBLE_ROLE_TEXT_BOX:
    case GTK_ACCESSIBLE_ROLE_SEARCH_BOX:
    case GTK_ACCESSIBLE_ROLE_SPIN_BUTTON:
    case GTK_ACCESSIBLE_ROLE_COMBO_BOX:
    case GTK_ACCESSIBLE_ROLE_SLIDER:
    case GTK_ACCESSIBLE_ROLE_TAB:
      return TRUE;

    default:
      return FALSE;
    }
}

static void
append_label_texts (GtkWidget *widget,
                    GString   *text)
{
  if (!gtk_widget_get_visible (widget))
    return;

  if (GTK_IS_LABEL (widget) && gtk_label_get_text (GTK_LABEL (widget))[0] != '\0')
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, gtk_label_get_text (GTK_LABEL (widget)));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    append_label_texts (child, text);
}

/* The icons GTK's and libadwaita's own buttons show without a label or a
 * tooltip (the shortcuts window, the calendar, the file chooser's path),
 * and what they do. */
static const struct {
  const char *icon_name;
  const char *name;
} icon_names[] = {
  { "edit-find-symbolic", N_("Search") },
  { "go-previous-symbolic", N_("Back") },
  { "window-close-symbolic", N_("Close") },
  { "pan-start-symbolic", N_("Previous") },
  { "pan-end-symbolic", N_("Next") },
  { "drive-harddisk-symbolic", N_("File System") },
  { "user-home-symbolic", N_("Home") },
};

/* The icon a button shows alone, if it does. */
static const char *
get_icon_name (GtkWidget *widget)
{
  GtkWidget *child = GTK_IS_BUTTON (widget) ? gtk_button_get_child (GTK_BUTTON (widget)) : NULL;
  GIcon *gicon;

  if (GTK_IS_MENU_BUTTON (widget))
    return gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget));

  if (!GTK_IS_IMAGE (child))
    return NULL;
  if (gtk_image_get_icon_name (GTK_IMAGE (child)) != NULL)
    return gtk_image_get_icon_name (GTK_IMAGE (child));
  gicon = gtk_image_get_gicon (GTK_IMAGE (child));
  if (G_IS_THEMED_ICON (gicon))
    return g_themed_icon_get_names (G_THEMED_ICON (gicon))[0];

  return NULL;
}

/* An input GTK 4.8 cannot name but would call by its type: named the way
 * WAI-ARIA names it when nothing labels it, by its tooltip, its
 * placeholder or the text it shows. */
static void
name_from_fallbacks (GtkWidget *widget)
{
  g_autoptr(GString) content = g_string_new (NULL);
  g_autofree char *placeholder = NULL;
  const char *name = NULL;

  if (!is_interactive_role (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget))) ||
      gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return;
  /* A button showing only an icon is labelled by that icon, which says
   * nothing. */
  if (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY) &&
      !(GTK_IS_BUTTON (widget) && GTK_IS_IMAGE (gtk_button_get_child (GTK_BUTTON (widget)))))
    return;

  if (g_object_class_find_property (G_OBJECT_GET_CLASS (widget), "placeholder-text") != NULL)
    g_object_get (widget, "placeholder-text", &placeholder, NULL);
  append_label_texts (widget, content);

  if (gtk_widget_get_tooltip_text (widget) != NULL)
    name = gtk_widget_get_tooltip_text (widget);
  else if (placeholder != NULL && placeholder[0] != '\0')
    name = placeholder;
  else if (content->len > 0)
    name = content->str;
  else if (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)) == GTK_ACCESSIBLE_ROLE_SEARCH_BOX)
    name = _("Search");
  else
    {
      const char *icon_name = get_icon_name (widget);

      for (guint i = 0; icon_name != NULL && i < G_N_ELEMENTS (icon_names) && name == NULL; i++)
        if (g_strcmp0 (icon_name, icon_names[i].icon_name) == 0)
          name = _(icon_names[i].name);
      /* An arrow or an icon of its own: it opens a menu. */
      if (name == NULL && GTK_IS_MENU_BUTTON (widget))
        name = _("Menu");
    }

  if (name != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

/* "_1" → "1", "Save __as" → "Save _as". */
static char *
strip_mnemonic (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '_' && p[1] != '\0')
        p++;
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

/* GtkButton names itself with its raw label ("_Cancel") while the label
 * widget it holds names it too ("Cancel"): keep the label widget's. */
static void
name_by_mnemonic_label (GtkButton *button)
{
  if (gtk_button_get_use_underline (button) && GTK_IS_LABEL (gtk_button_get_child (button)))
    gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

static void
tidy_one (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && gtk_button_get_use_underline (GTK_BUTTON (widget)))
    {
      name_by_mnemonic_label (GTK_BUTTON (widget));
      /* The label can be set again (a dialog's response renamed). */
      g_signal_connect (widget, "notify::label", G_CALLBACK (name_by_mnemonic_label), NULL);
    }
  else if (GTK_IS_IMAGE (widget))
    {
      /* What an icon means is said by the button or row it is in. */
      if (!has_name (GTK_ACCESSIBLE (widget)))
        gtk_accessible_update_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
    }
  else if (GTK_IS_STACK (widget))
    {
      g_autoptr(GListModel) pages = G_LIST_MODEL (gtk_stack_get_pages (GTK_STACK (widget)));

      for (guint i = 0; i < g_list_model_get_n_items (pages); i++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (pages, i);
          GtkStackPage *page = GTK_STACK_PAGE (item);
          const char *title = gtk_stack_page_get_title (page);

          /* GTK names a page by its title, mnemonic included: the
           * shortcuts window numbers its pages "_1", "_2". */
          if (title != NULL)
            {
              g_autofree char *name = gtk_stack_page_get_use_underline (page) || title[0] == '_'
                ? strip_mnemonic (title) : g_strdup (title);

              gtk_accessible_update_property (GTK_ACCESSIBLE (page), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
            }
          leave_unnamed (GTK_ACCESSIBLE (page));
        }
    }

  name_from_fallbacks (widget);
  leave_unnamed (GTK_ACCESSIBLE (widget));
}

/* Mends @widget and what is under it, each widget once. A widget that is
 * never shown is never realized, yet screen readers find it (a collapsed
 * group, a stack's other pages, a hidden scroll bar): what @realizing
 * will not realize with it is mended now. */
static void
tidy_tree (GtkWidget *widget,
           gboolean   realizing)
{
  static GQuark tidied;

  if (tidied == 0)
    tidied = g_quark_from_static_string ("curator-accessible-tidied");

  if (g_object_get_qdata (G_OBJECT (widget), tidied) == NULL)
    {
      g_object_set_qdata (G_OBJECT (widget), tidied, GINT_TO_POINTER (TRUE));
      tidy_one (widget);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      /* Realized next, and mended then. */
      if (realizing && gtk_widget_get_visible (child) && gtk_widget_get_child_visible (child))
        continue;
      tidy_tree (child, FALSE);
    }
}

static gboolean
realize_hook (GSignalInvocationHint *hint,
              guint                  n_params,
              const GValue          *params,
              gpointer               user_data)
{
  tidy_tree (g_value_get_object (&params[0]), TRUE);

  return TRUE;
}

void
curator_accessible_init (void)
{
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      /* The signal exists once the class does. */
      g_type_class_unref (g_type_class_ref (GTK_TYPE_WIDGET));
      g_signal_add_emission_hook (g_signal_lookup ("realize", GTK_TYPE_WIDGET), 0,
                                  realize_hook, NULL, NULL);
      g_once_init_leave (&initialized, TRUE);
    }
}

static void
expanded_changed_cb (AdwExpanderRow *row,
                     GParamSpec     *pspec,
                     GtkWidget      *header)
{
  gtk_accessible_update_state (GTK_ACCESSIBLE (header),
                               GTK_ACCESSIBLE_STATE_EXPANDED, adw_expander_row_get_expanded (row),
                               -1);
}

void
curator_accessible_expose_expanded (AdwExpanderRow *row)
{
  GtkWidget *header;

  g_return_if_fail (ADW_IS_EXPANDER_ROW (row));

  header = curator_expander_row_get_header (row);
  if (header == NULL)
    return;

  g_signal_connect_object (row, "notify::expanded", G_CALLBACK (expanded_changed_cb), header, 0);
  expanded_changed_cb (row, NULL, header);
}
