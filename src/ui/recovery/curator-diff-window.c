/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-diff-window"

#include "config.h"

#include "curator-diff-window.h"

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "curator-model.h"

/* Lines of context around each change, as `diff -u` gives. */
#define CONTEXT_LINES 3

struct _CuratorDiffWindow
{
  AdwWindow       parent_instance;

  AdwWindowTitle *window_title;
  GtkBox         *response_box;
  GtkStack       *stack;
  GtkSourceView  *view;

  char           *diff;
  /* A response was given: closing the window gives no "cancel". */
  guint           responded : 1;
};

G_DEFINE_FINAL_TYPE (CuratorDiffWindow, curator_diff_window, ADW_TYPE_WINDOW)

enum {
  RESPONSE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
respond (CuratorDiffWindow *self,
         const char        *id)
{
  if (self->responded)
    return;
  self->responded = TRUE;
  g_object_ref (self);
  g_signal_emit (self, signals[RESPONSE], 0, id);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  respond (CURATOR_DIFF_WINDOW (widget), "cancel");
}

static gboolean
curator_diff_window_close_request (GtkWindow *window)
{
  CuratorDiffWindow *self = CURATOR_DIFF_WINDOW (window);

  if (!self->responded)
    {
      self->responded = TRUE;
      g_signal_emit (self, signals[RESPONSE], 0, "cancel");
    }
  return GTK_WINDOW_CLASS (curator_diff_window_parent_class)->close_request (window);
}

static void
update_style_scheme (CuratorDiffWindow *self)
{
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  const char *id = adw_style_manager_get_dark (adw_style_manager_get_default ()) ? "Adwaita-dark" : "Adwaita";
  GtkSourceBuffer *buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view)));

  gtk_source_buffer_set_style_scheme (buffer, gtk_source_style_scheme_manager_get_scheme (schemes, id));
}

static void
curator_diff_window_finalize (GObject *object)
{
  CuratorDiffWindow *self = (CuratorDiffWindow *)object;

  g_free (self->diff);

  G_OBJECT_CLASS (curator_diff_window_parent_class)->finalize (object);
}

static void
curator_diff_window_class_init (CuratorDiffWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->finalize = curator_diff_window_finalize;
  window_class->close_request = curator_diff_window_close_request;

  signals[RESPONSE] =
    g_signal_new ("response", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/curator-diff-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CuratorDiffWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, CuratorDiffWindow, response_box);
  gtk_widget_class_bind_template_child (widget_class, CuratorDiffWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CuratorDiffWindow, view);

  gtk_widget_class_install_action (widget_class, "diff.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "diff.cancel", NULL);
}

static void
curator_diff_window_init (CuratorDiffWindow *self)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
  GtkSourceBuffer *buffer;

  gtk_widget_init_template (GTK_WIDGET (self));

  buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view)));
  gtk_source_buffer_set_language (buffer, gtk_source_language_manager_get_language (languages, "diff"));
  gtk_source_buffer_set_highlight_matching_brackets (buffer, FALSE);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_style_scheme), self, G_CONNECT_SWAPPED);
  update_style_scheme (self);
}

CuratorDiffWindow *
curator_diff_window_new (GtkWindow  *parent,
                         const char *title,
                         const char *subtitle)
{
  CuratorDiffWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (title != NULL, NULL);

  self = g_object_new (CURATOR_TYPE_DIFF_WINDOW,
                       "transient-for", parent,
                       "title", title,
                       NULL);
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  return self;
}

void
curator_diff_window_set_versions (CuratorDiffWindow *self,
                                  GBytes            *old_bytes,
                                  const char        *old_label,
                                  GBytes            *new_bytes,
                                  const char        *new_label)
{
  gsize old_length, new_length;
  const char *old_text, *new_text;

  g_return_if_fail (CURATOR_IS_DIFF_WINDOW (self));
  g_return_if_fail (old_bytes != NULL && new_bytes != NULL);

  old_text = g_bytes_get_data (old_bytes, &old_length);
  new_text = g_bytes_get_data (new_bytes, &new_length);
  g_free (self->diff);
  self->diff = curator_unified_diff (old_text ? old_text : "", old_length, new_text ? new_text : "", new_length,
                                     old_label, new_label, CONTEXT_LINES);
  /* A diff of valid UTF-8 files is valid UTF-8; anything else is shown
   * made readable. */
  if (!g_utf8_validate (self->diff, -1, NULL))
    {
      char *valid = g_utf8_make_valid (self->diff, -1);

      g_free (self->diff);
      self->diff = valid;
    }

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view)), self->diff, -1);
  gtk_stack_set_visible_child_name (self->stack, self->diff[0] != '\0' ? "diff" : "none");
}

const char *
curator_diff_window_get_diff (CuratorDiffWindow *self)
{
  g_return_val_if_fail (CURATOR_IS_DIFF_WINDOW (self), NULL);

  return self->diff;
}

static void
response_clicked_cb (GtkButton         *button,
                     CuratorDiffWindow *self)
{
  respond (self, g_object_get_data (G_OBJECT (button), "curator-response"));
}

void
curator_diff_window_add_response (CuratorDiffWindow *self,
                                  const char        *id,
                                  const char        *label,
                                  gboolean           suggested)
{
  GtkWidget *button;

  g_return_if_fail (CURATOR_IS_DIFF_WINDOW (self));
  g_return_if_fail (id != NULL && label != NULL);

  button = gtk_button_new_with_mnemonic (label);
  g_object_set_data_full (G_OBJECT (button), "curator-response", g_strdup (id), g_free);
  if (suggested)
    gtk_widget_add_css_class (button, "suggested-action");
  g_signal_connect_object (button, "clicked", G_CALLBACK (response_clicked_cb), self, 0);
  gtk_box_append (self->response_box, button);
}
