/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-window"

#include "config.h"

#include "curator-window.h"

#include <glib/gi18n.h>

struct _CuratorWindow
{
  AdwApplicationWindow  parent_instance;

  GFile                *file;

  AdwWindowTitle       *window_title;
  GtkStack             *stack;
  GtkBox               *form_box;
  GtkBox               *body_pane_slot;
};

G_DEFINE_FINAL_TYPE (CuratorWindow, curator_window, ADW_TYPE_APPLICATION_WINDOW)

static void
curator_window_dispose (GObject *object)
{
  CuratorWindow *self = (CuratorWindow *)object;

  g_clear_object (&self->file);

  gtk_widget_dispose_template (GTK_WIDGET (self), CURATOR_TYPE_WINDOW);

  G_OBJECT_CLASS (curator_window_parent_class)->dispose (object);
}

static void
curator_window_class_init (CuratorWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = curator_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/curator-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CuratorWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, CuratorWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CuratorWindow, form_box);
  gtk_widget_class_bind_template_child (widget_class, CuratorWindow, body_pane_slot);
}

static void
curator_window_init (CuratorWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CuratorWindow *
curator_window_new (GtkApplication *application)
{
  return g_object_new (CURATOR_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

static void
load_contents_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CuratorWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, NULL, NULL, &error))
    {
      adw_window_title_set_subtitle (self->window_title, error->message);
      return;
    }

  name = g_file_get_basename (G_FILE (object));
  gtk_window_set_title (GTK_WINDOW (self), name);
  adw_window_title_set_title (self->window_title, name);
  gtk_stack_set_visible_child_name (self->stack, "document");
}

void
curator_window_open (CuratorWindow *self,
                     GFile         *file)
{
  g_return_if_fail (CURATOR_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  g_set_object (&self->file, file);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  g_file_load_contents_async (file, NULL, load_contents_cb, g_object_ref (self));
}

CuratorDocument *
curator_window_get_document (CuratorWindow *self)
{
  g_return_val_if_fail (CURATOR_IS_WINDOW (self), NULL);

  return NULL;
}
