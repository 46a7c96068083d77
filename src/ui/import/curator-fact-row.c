/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-fact-row"

#include "config.h"

#include "curator-fact-row.h"

#include <glib/gi18n.h>

struct _CuratorFactRow
{
  AdwActionRow   parent_instance;

  char          *key_path;
  int            fact;
  GtkMenuButton *button;
};

G_DEFINE_FINAL_TYPE (CuratorFactRow, curator_fact_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_KEY_PATH,
  PROP_FACT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

const char *
curator_fact_row_fact_label (int fact)
{
  switch (fact)
    {
    case CURATOR_PAGE_FACT_URL: return _("Address");
    case CURATOR_PAGE_FACT_CANONICAL: return _("Canonical address");
    case CURATOR_PAGE_FACT_TITLE: return _("Title");
    case CURATOR_PAGE_FACT_DESCRIPTION: return _("Description");
    case CURATOR_PAGE_FACT_AUTHOR: return _("Author");
    case CURATOR_PAGE_FACT_PUBLISHED: return _("Publication date");
    case CURATOR_PAGE_FACT_SITE: return _("Site name");
    case CURATOR_PAGE_FACT_IMAGE: return _("Featured image");
    case CURATOR_PAGE_FACT_LANGUAGE: return _("Language");
    default:
      return _("Nothing");
    }
}

static void
create_menu_cb (GtkMenuButton *button,
                gpointer       user_data)
{
  g_autoptr(GMenu) menu = g_menu_new ();

  for (int fact = -1; fact < CURATOR_N_PAGE_FACTS; fact++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (curator_fact_row_fact_label (fact), NULL);

      g_menu_item_set_action_and_target_value (item, "row.fact", g_variant_new_int32 (fact));
      g_menu_append_item (menu, item);
    }
  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
}

static void
update_button (CuratorFactRow *self)
{
  const char *label = curator_fact_row_fact_label (self->fact);
  g_autofree char *description = g_strdup_printf (_("Filled from: %s"), label);

  gtk_menu_button_set_label (self->button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
curator_fact_row_constructed (GObject *object)
{
  CuratorFactRow *self = CURATOR_FACT_ROW (object);

  G_OBJECT_CLASS (curator_fact_row_parent_class)->constructed (object);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), self->key_path);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self), FALSE);
  /* The button's own text is the fact; the field it is for names it. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->key_path,
                                  -1);
  update_button (self);
}

static void
curator_fact_row_finalize (GObject *object)
{
  CuratorFactRow *self = CURATOR_FACT_ROW (object);

  g_free (self->key_path);

  G_OBJECT_CLASS (curator_fact_row_parent_class)->finalize (object);
}

static void
curator_fact_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CuratorFactRow *self = CURATOR_FACT_ROW (object);

  switch (prop_id)
    {
    case PROP_KEY_PATH:
      g_value_set_string (value, self->key_path);
      break;
    case PROP_FACT:
      g_value_set_int (value, self->fact);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
curator_fact_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CuratorFactRow *self = CURATOR_FACT_ROW (object);

  switch (prop_id)
    {
    case PROP_KEY_PATH:
      self->key_path = g_value_dup_string (value);
      break;
    case PROP_FACT:
      curator_fact_row_set_fact (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
curator_fact_row_class_init (CuratorFactRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = curator_fact_row_constructed;
  object_class->finalize = curator_fact_row_finalize;
  object_class->get_property = curator_fact_row_get_property;
  object_class->set_property = curator_fact_row_set_property;

  properties[PROP_KEY_PATH] =
    g_param_spec_string ("key-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FACT] =
    g_param_spec_int ("fact", NULL, NULL, -1, CURATOR_N_PAGE_FACTS - 1, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_property_action (widget_class, "row.fact", "fact");
}

static void
curator_fact_row_init (CuratorFactRow *self)
{
  self->fact = -1;
  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->button), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->button), "flat");
  gtk_menu_button_set_create_popup_func (self->button, create_menu_cb, NULL, NULL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), GTK_WIDGET (self->button));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self), GTK_WIDGET (self->button));
}

CuratorFactRow *
curator_fact_row_new (const char *key_path,
                      int         fact)
{
  g_return_val_if_fail (key_path != NULL, NULL);

  return g_object_new (CURATOR_TYPE_FACT_ROW,
                       "key-path", key_path,
                       "fact", fact,
                       NULL);
}

const char *
curator_fact_row_get_key_path (CuratorFactRow *self)
{
  g_return_val_if_fail (CURATOR_IS_FACT_ROW (self), NULL);

  return self->key_path;
}

int
curator_fact_row_get_fact (CuratorFactRow *self)
{
  g_return_val_if_fail (CURATOR_IS_FACT_ROW (self), -1);

  return self->fact;
}

void
curator_fact_row_set_fact (CuratorFactRow *self,
                           int             fact)
{
  g_return_if_fail (CURATOR_IS_FACT_ROW (self));
  g_return_if_fail (fact >= -1 && fact < CURATOR_N_PAGE_FACTS);

  if (self->fact == fact)
    return;
  self->fact = fact;
  update_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FACT]);
}
