/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-date-row"

#include "config.h"

#include "curator-date-row.h"

#include "curator-field-catalog.h"
#include "curator-field-editor.h"

#include <glib/gi18n.h>
#include <string.h>

struct _CuratorDateRow
{
  AdwEntryRow      parent_instance;

  CuratorDocument *document;
  char            *key_path;
  char            *label;
  GtkCalendar     *calendar;
  GtkWidget       *menu_button;
  gulong           changed_handler;
  gulong           day_selected_handler;
  int              change_end;
};

static void field_editor_iface_init (CuratorFieldEditorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CuratorDateRow, curator_date_row, ADW_TYPE_ENTRY_ROW,
                               G_IMPLEMENT_INTERFACE (CURATOR_TYPE_FIELD_EDITOR, field_editor_iface_init))

/* Reads the date part: YYYY-MM-DD at the start, or MM/DD/YYYY. */
static gboolean
parse_date_part (const char *text,
                 int        *year,
                 int        *month,
                 int        *day,
                 gboolean   *us_format)
{
  if (text == NULL)
    return FALSE;

  if (strlen (text) >= 10 && text[4] == '-' && text[7] == '-' &&
      sscanf (text, "%4d-%2d-%2d", year, month, day) == 3)
    {
      *us_format = FALSE;
      return g_date_valid_dmy (*day, *month, *year);
    }

  if (strlen (text) >= 10 && text[2] == '/' && text[5] == '/' &&
      sscanf (text, "%2d/%2d/%4d", month, day, year) == 3)
    {
      *us_format = TRUE;
      return g_date_valid_dmy (*day, *month, *year);
    }

  return FALSE;
}

char *
curator_date_row_replace_date (const char *text,
                               GDateTime  *date)
{
  int year, month, day;
  gboolean us_format;
  char replacement[16];

  g_return_val_if_fail (date != NULL, NULL);

  if (text == NULL || text[0] == '\0')
    {
      g_snprintf (replacement, sizeof replacement, "%04d-%02d-%02d",
                  g_date_time_get_year (date), g_date_time_get_month (date),
                  g_date_time_get_day_of_month (date));
      return g_strdup (replacement);
    }

  if (!parse_date_part (text, &year, &month, &day, &us_format))
    return NULL;

  if (us_format)
    g_snprintf (replacement, sizeof replacement, "%02d/%02d/%04d",
                g_date_time_get_month (date), g_date_time_get_day_of_month (date),
                g_date_time_get_year (date));
  else
    g_snprintf (replacement, sizeof replacement, "%04d-%02d-%02d",
                g_date_time_get_year (date), g_date_time_get_month (date),
                g_date_time_get_day_of_month (date));

  return g_strconcat (replacement, text + 10, NULL);
}

static void
curator_date_row_sync_calendar (CuratorDateRow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self));
  int year, month, day;
  gboolean us_format;

  if (parse_date_part (text, &year, &month, &day, &us_format))
    {
      g_autoptr(GDateTime) date = g_date_time_new_utc (year, month, day, 0, 0, 0);

      g_signal_handler_block (self->calendar, self->day_selected_handler);
      gtk_calendar_select_day (self->calendar, date);
      g_signal_handler_unblock (self->calendar, self->day_selected_handler);
    }
}

static void
curator_date_row_check (CuratorDateRow *self)
{
  g_autofree char *problem = curator_field_check_value (CURATOR_FIELD_CHECK_DATE,
                                                        gtk_editable_get_text (GTK_EDITABLE (self)));

  curator_field_editor_show_problem (GTK_WIDGET (self),
                                     GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (self))),
                                     problem);
}

static void
curator_date_row_refresh (CuratorFieldEditor *editor)
{
  CuratorDateRow *self = CURATOR_DATE_ROW (editor);
  const CuratorNode *node = curator_field_editor_lookup (self->document, self->key_path);
  const char *value = node != NULL ? curator_node_get_value (node) : NULL;

  if (value == NULL)
    value = "";

  g_signal_handler_block (self, self->changed_handler);
  self->change_end = curator_field_editor_show_text (GTK_EDITABLE (self), value);
  g_signal_handler_unblock (self, self->changed_handler);

  curator_date_row_sync_calendar (self);
  curator_date_row_check (self);
}

static void
curator_date_row_focus (CuratorFieldEditor *editor)
{
  CuratorDateRow *self = CURATOR_DATE_ROW (editor);

  curator_field_editor_focus_text (GTK_WIDGET (self), self->change_end);
  self->change_end = -1;
}

static const char *
curator_date_row_get_key_path (CuratorFieldEditor *editor)
{
  return CURATOR_DATE_ROW (editor)->key_path;
}

static const char *
curator_date_row_get_label (CuratorFieldEditor *editor)
{
  return CURATOR_DATE_ROW (editor)->label;
}

static void
curator_date_row_set_document (CuratorFieldEditor *editor,
                               CuratorDocument    *document)
{
  CuratorDateRow *self = CURATOR_DATE_ROW (editor);

  g_set_object (&self->document, document);
  self->change_end = -1;
  curator_date_row_refresh (editor);
}

static void
field_editor_iface_init (CuratorFieldEditorInterface *iface)
{
  iface->get_key_path = curator_date_row_get_key_path;
  iface->get_label = curator_date_row_get_label;
  iface->refresh = curator_date_row_refresh;
  iface->focus = curator_date_row_focus;
  iface->set_document = curator_date_row_set_document;
}

static void
curator_date_row_changed_cb (CuratorDateRow *self)
{
  curator_field_editor_type_value (GTK_WIDGET (self),
                                   self->document,
                                   self->key_path,
                                   gtk_editable_get_text (GTK_EDITABLE (self)),
                                   CURATOR_SCALAR_AUTO);
  curator_date_row_sync_calendar (self);
  curator_date_row_check (self);
}

static void
day_selected_cb (CuratorDateRow *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);
  g_autofree char *text = curator_date_row_replace_date (gtk_editable_get_text (GTK_EDITABLE (self)), date);

  if (text == NULL)
    return;

  /* One undo step per picked day. */
  curator_field_editor_end_typing (self->document);
  gtk_editable_set_text (GTK_EDITABLE (self), text);
  curator_field_editor_end_typing (self->document);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->menu_button));
}

static void
curator_date_row_dispose (GObject *object)
{
  CuratorDateRow *self = (CuratorDateRow *)object;

  g_clear_object (&self->document);

  G_OBJECT_CLASS (curator_date_row_parent_class)->dispose (object);
}

static void
curator_date_row_finalize (GObject *object)
{
  CuratorDateRow *self = (CuratorDateRow *)object;

  g_clear_pointer (&self->key_path, g_free);
  g_clear_pointer (&self->label, g_free);

  G_OBJECT_CLASS (curator_date_row_parent_class)->finalize (object);
}

static void
curator_date_row_class_init (CuratorDateRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = curator_date_row_dispose;
  object_class->finalize = curator_date_row_finalize;
}

static void
curator_date_row_init (CuratorDateRow *self)
{
  GtkWidget *popover;

  self->calendar = GTK_CALENDAR (gtk_calendar_new ());
  self->day_selected_handler = g_signal_connect_swapped (self->calendar, "day-selected",
                                                         G_CALLBACK (day_selected_cb), self);
  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), GTK_WIDGET (self->calendar));

  self->menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->menu_button), "x-office-calendar-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->menu_button), popover);
  gtk_widget_set_valign (self->menu_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->menu_button, "flat");
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self), self->menu_button);

  self->changed_handler = g_signal_connect (self, "changed", G_CALLBACK (curator_date_row_changed_cb), NULL);
}

GtkWidget *
curator_date_row_new (CuratorDocument *document,
                      const char      *key_path,
                      const char      *label)
{
  CuratorDateRow *self;
  g_autofree char *pick_label = NULL;

  g_return_val_if_fail (CURATOR_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (key_path != NULL, NULL);

  self = g_object_new (CURATOR_TYPE_DATE_ROW,
                       "title", label,
                       NULL);
  self->document = g_object_ref (document);
  self->key_path = g_strdup (key_path);
  self->label = g_strdup (label);

  pick_label = g_strdup_printf (_("Pick %s"), label);
  curator_field_editor_set_tooltip (self->menu_button, pick_label);
  curator_field_editor_label_input (self->menu_button, pick_label);
  curator_field_editor_label_input (GTK_WIDGET (self->calendar), label);
  curator_field_editor_label_input (GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (self))), label);

  curator_date_row_refresh (CURATOR_FIELD_EDITOR (self));

  return GTK_WIDGET (self);
}
