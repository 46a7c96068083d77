/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-refused-view"

#include "config.h"

#include "curator-refused-view.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

/* Typing pauses this long before the text is read again. */
#define TEXT_CHANGED_DELAY_MS 400

struct _CuratorRefusedView
{
  GtkWidget        parent_instance;

  CuratorDocument *document;
  guint            changed_source;
  gulong           changed_handler;
  /* To scroll to the cursor (the error's line) once its lines are laid
   * out: GtkTextView scrolls by the heights it has measured so far. */
  gboolean         scroll_pending;
  guint            scroll_source;

  /* The editable text lies between these: after the opening delimiter
   * line, up to the closing one. */
  GtkTextMark     *start_mark;
  GtkTextMark     *end_mark;
  GtkTextTag      *delimiter_tag;
  GtkTextTag      *error_tag;
  GtkSourceBuffer *buffer;

  /* Template children */
  GtkLabel        *title_label;
  GtkLabel        *message_label;
  GtkLabel        *hint_label;
  GtkWidget       *add_front_matter_button;
  GtkWidget       *separator;
  GtkWidget       *scroller;
  GtkSourceView   *view;
};

G_DEFINE_FINAL_TYPE (CuratorRefusedView, curator_refused_view, GTK_TYPE_WIDGET)

enum {
  TEXT_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define ERROR_MARK_CATEGORY "curator-error"

static void
set_text (CuratorRefusedView *self,
          const char         *text)
{
  g_signal_handler_block (self->buffer, self->changed_handler);
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (self->buffer), text, -1);
  g_signal_handler_unblock (self->buffer, self->changed_handler);
}

static void
set_language (CuratorRefusedView *self,
              const char         *id)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();

  gtk_source_buffer_set_language (self->buffer, id != NULL ? gtk_source_language_manager_get_language (languages, id) : NULL);
}

static void
update_style_scheme (CuratorRefusedView *self)
{
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  const char *id = adw_style_manager_get_dark (adw_style_manager_get_default ()) ? "Adwaita-dark" : "Adwaita";

  gtk_source_buffer_set_style_scheme (self->buffer, gtk_source_style_scheme_manager_get_scheme (schemes, id));
}

static char *
dup_file_name (CuratorRefusedView *self)
{
  GFile *file = self->document != NULL ? curator_document_get_file (self->document) : NULL;

  return file != NULL ? g_file_get_basename (file) : NULL;
}

static gboolean
scroll_to_cursor_cb (gpointer user_data)
{
  CuratorRefusedView *self = user_data;

  self->scroll_source = 0;
  /* Not shown yet: on map. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self->view)))
    return G_SOURCE_REMOVE;
  /* Mapped but not given its size yet: GtkTextView would place the line
   * by the lines it has measured, counting the others as none high, and
   * land far above it. Again once it has its height (view_sized_cb). */
  if (gtk_widget_get_height (GTK_WIDGET (self->view)) == 0)
    return G_SOURCE_REMOVE;

  self->scroll_pending = FALSE;
  gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self->view),
                                gtk_text_buffer_get_insert (GTK_TEXT_BUFFER (self->buffer)),
                                0.1, TRUE, 0.0, 0.3);

  return G_SOURCE_REMOVE;
}

/* After the view has laid its lines out: its validation runs at a higher
 * priority than this. */
static void
queue_scroll_to_cursor (CuratorRefusedView *self)
{
  self->scroll_pending = TRUE;
  if (self->scroll_source == 0)
    self->scroll_source = g_idle_add_full (G_PRIORITY_LOW, scroll_to_cursor_cb, self, NULL);
}

static void
view_map_cb (CuratorRefusedView *self)
{
  if (self->scroll_pending)
    queue_scroll_to_cursor (self);
}

/* The view's height, as its scroller gives it. */
static void
view_sized_cb (CuratorRefusedView *self)
{
  if (self->scroll_pending)
    queue_scroll_to_cursor (self);
}

static void
mark_error (CuratorRefusedView *self,
            const GError       *error,
            gboolean            move_there)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  g_autofree char *name = dup_file_name (self);
  g_autofree char *message = NULL;
  GtkTextIter start, end;
  guint error_line;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->error_tag, &start, &end);
  gtk_source_buffer_remove_source_marks (self->buffer, &start, &end, ERROR_MARK_CATEGORY);

  if (error != NULL)
    /* Translators: a file name, then why its front matter is refused. */
    message = name != NULL ? g_strdup_printf (_("%s: %s"), name, error->message) : g_strdup (error->message);
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);

  /* Said with the text's name, where a screen reader is. */
  if (message != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->view), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->view), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);

  /* The view shows the file from its first line: the lines the message
   * counts are the view's. */
  if (error == NULL || !curator_position_message_parse (error->message, &error_line, NULL, NULL) ||
      error_line == 0 || error_line > (guint) gtk_text_buffer_get_line_count (buffer))
    return;

  gtk_text_buffer_get_iter_at_line (buffer, &start, (int) error_line - 1);
  end = start;
  if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_to_line_end (&end);
  gtk_text_buffer_apply_tag (buffer, self->error_tag, &start, &end);
  gtk_source_buffer_create_source_mark (self->buffer, NULL, ERROR_MARK_CATEGORY, &start);

  if (move_there)
    {
      gtk_text_buffer_place_cursor (buffer, &start);
      queue_scroll_to_cursor (self);
    }
}

static void
show_texts (CuratorRefusedView *self,
            const char         *title,
            const char         *hint,
            gboolean            show_text,
            gboolean            can_add)
{
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->hint_label, hint);
  gtk_widget_set_visible (self->separator, show_text);
  gtk_widget_set_visible (self->scroller, show_text);
  gtk_widget_set_visible (self->add_front_matter_button, can_add);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "refused.add-front-matter", can_add);
}

static void
clear_marks (CuratorRefusedView *self)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);

  if (self->start_mark != NULL)
    gtk_text_buffer_delete_mark (buffer, self->start_mark);
  if (self->end_mark != NULL)
    gtk_text_buffer_delete_mark (buffer, self->end_mark);
  self->start_mark = NULL;
  self->end_mark = NULL;
}

static gboolean
text_changed_cb (gpointer user_data)
{
  CuratorRefusedView *self = user_data;

  self->changed_source = 0;
  g_signal_emit (self, signals[TEXT_CHANGED], 0);

  return G_SOURCE_REMOVE;
}

static void
buffer_changed_cb (CuratorRefusedView *self)
{
  g_clear_handle_id (&self->changed_source, g_source_remove);
  self->changed_source = g_timeout_add (TEXT_CHANGED_DELAY_MS, text_changed_cb, self);
}

/* Nothing goes after the closing delimiter: what is read is the text
 * between the delimiters. (Within them the tag keeps them as they are;
 * the end of the buffer is open to typing whatever its tags.) */
static void
buffer_insert_text_cb (CuratorRefusedView *self,
                       GtkTextIter        *location)
{
  GtkTextIter end;

  if (self->end_mark == NULL)
    return;

  gtk_text_buffer_get_iter_at_mark (GTK_TEXT_BUFFER (self->buffer), &end, self->end_mark);
  if (gtk_text_iter_compare (location, &end) > 0)
    g_signal_stop_emission_by_name (self->buffer, "insert-text");
}

static void
add_front_matter_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CuratorRefusedView *self = CURATOR_REFUSED_VIEW (widget);
  g_autoptr(GError) error = NULL;

  if (self->document != NULL && !curator_document_add_front_matter (self->document, &error))
    g_warning ("Could not add a front matter: %s", error->message);
}

static gboolean
curator_refused_view_grab_focus (GtkWidget *widget)
{
  CuratorRefusedView *self = CURATOR_REFUSED_VIEW (widget);

  /* Where the fix starts. */
  if (gtk_widget_get_visible (self->add_front_matter_button))
    return gtk_widget_grab_focus (self->add_front_matter_button);
  if (gtk_widget_get_visible (self->scroller))
    return gtk_widget_grab_focus (GTK_WIDGET (self->view));

  return FALSE;
}

static void
curator_refused_view_dispose (GObject *object)
{
  CuratorRefusedView *self = (CuratorRefusedView *)object;
  GtkWidget *child;

  g_clear_handle_id (&self->changed_source, g_source_remove);
  g_clear_handle_id (&self->scroll_source, g_source_remove);
  g_clear_object (&self->document);
  gtk_widget_dispose_template (GTK_WIDGET (self), CURATOR_TYPE_REFUSED_VIEW);
  /* The template's unnamed top box. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (curator_refused_view_parent_class)->dispose (object);
}

static void
curator_refused_view_class_init (CuratorRefusedViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = curator_refused_view_dispose;
  widget_class->grab_focus = curator_refused_view_grab_focus;

  signals[TEXT_CHANGED] =
    g_signal_new ("text-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/curator-refused-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CuratorRefusedView, title_label);
  gtk_widget_class_bind_template_child (widget_class, CuratorRefusedView, message_label);
  gtk_widget_class_bind_template_child (widget_class, CuratorRefusedView, hint_label);
  gtk_widget_class_bind_template_child (widget_class, CuratorRefusedView, add_front_matter_button);
  gtk_widget_class_bind_template_child (widget_class, CuratorRefusedView, separator);
  gtk_widget_class_bind_template_child (widget_class, CuratorRefusedView, scroller);
  gtk_widget_class_bind_template_child (widget_class, CuratorRefusedView, view);

  gtk_widget_class_install_action (widget_class, "refused.add-front-matter", NULL, add_front_matter_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
curator_refused_view_init (CuratorRefusedView *self)
{
  g_autoptr(GtkSourceMarkAttributes) error_attributes = gtk_source_mark_attributes_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view)));
  /* What is typed here is read again as a whole: the document keeps
   * the undo steps. */
  gtk_text_buffer_set_enable_undo (GTK_TEXT_BUFFER (self->buffer), FALSE);
  self->delimiter_tag = gtk_text_buffer_create_tag (GTK_TEXT_BUFFER (self->buffer), NULL,
                                                    "editable", FALSE,
                                                    NULL);
  self->error_tag = gtk_text_buffer_create_tag (GTK_TEXT_BUFFER (self->buffer), NULL,
                                                "paragraph-background", "rgba(224,27,36,0.18)",
                                                "underline", PANGO_UNDERLINE_ERROR,
                                                NULL);
  gtk_source_mark_attributes_set_icon_name (error_attributes, "dialog-error-symbolic");
  gtk_source_view_set_mark_attributes (self->view, ERROR_MARK_CATEGORY, error_attributes, 0);

  g_signal_connect_object (self->view, "map", G_CALLBACK (view_map_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->view)), "notify::page-size",
                           G_CALLBACK (view_sized_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->buffer, "insert-text",
                           G_CALLBACK (buffer_insert_text_cb), self, G_CONNECT_SWAPPED);
  self->changed_handler = g_signal_connect_object (self->buffer, "changed",
                                                   G_CALLBACK (buffer_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_style_scheme), self, G_CONNECT_SWAPPED);
  update_style_scheme (self);
  show_texts (self, "", "", FALSE, FALSE);
}

GtkWidget *
curator_refused_view_new (void)
{
  return g_object_new (CURATOR_TYPE_REFUSED_VIEW, NULL);
}

void
curator_refused_view_set_document (CuratorRefusedView *self,
                                   CuratorDocument    *document)
{
  g_autoptr(GBytes) bytes = NULL;
  const GError *error;
  CuratorFrontMatterSplit split;
  GtkTextBuffer *buffer;
  const char *data;
  gsize length;
  gsize block_start;

  g_return_if_fail (CURATOR_IS_REFUSED_VIEW (self));
  g_return_if_fail (CURATOR_IS_DOCUMENT (document));

  g_set_object (&self->document, document);
  g_clear_handle_id (&self->changed_source, g_source_remove);
  buffer = GTK_TEXT_BUFFER (self->buffer);
  clear_marks (self);

  error = curator_document_get_load_error (document);
  bytes = curator_document_serialize (document);
  data = g_bytes_get_data (bytes, &length);
  if (!curator_front_matter_split (data != NULL ? data : "", length, &split, NULL) ||
      split.kind == CURATOR_FRONT_MATTER_NONE)
    {
      set_text (self, "");
      show_texts (self, _("This File Has No Front Matter"),
                  _("Curator edits the YAML front matter at the top of a content file, between two “---” lines. "
                    "Add an empty one to fill in fields: the body stays as it is."),
                  FALSE, TRUE);
      mark_error (self, NULL, FALSE);
      return;
    }

  block_start = split.has_bom ? 3 : 0;

  if (split.kind != CURATOR_FRONT_MATTER_YAML)
    {
      /* Kept as it is: shown whole, to read. */
      g_autofree char *block = g_strndup (data + block_start, split.body_start - block_start);
      gboolean toml = split.kind == CURATOR_FRONT_MATTER_TOML;

      set_text (self, block);
      set_language (self, toml ? "toml" : "json");
      gtk_text_view_set_editable (GTK_TEXT_VIEW (self->view), FALSE);
      show_texts (self, toml ? _("TOML Front Matter") : _("JSON Front Matter"),
                  _("Curator edits YAML front matter only. This one is shown as it is, and the file stays as it is."),
                  TRUE, FALSE);
      /* Nothing is wrong with it: the title says all. */
      mark_error (self, NULL, FALSE);
      return;
    }

  {
    g_autofree char *opening = g_strndup (data + block_start, split.front_matter_start - block_start);
    g_autofree char *text = g_strndup (data + split.front_matter_start, split.front_matter_end - split.front_matter_start);
    g_autofree char *closing = g_strndup (data + split.front_matter_end, split.body_start - split.front_matter_end);
    g_autofree char *all = g_strconcat (opening, text, closing, NULL);
    GtkTextIter start, end;
    int opening_chars = (int) g_utf8_strlen (opening, -1);
    int text_chars = (int) g_utf8_strlen (text, -1);

    set_text (self, all);
    set_language (self, "yaml");
    gtk_text_view_set_editable (GTK_TEXT_VIEW (self->view), TRUE);

    /* The delimiter lines frame the text: shown, so that the lines count
     * as the file's, and kept as they are. The opening line's break is
     * left out, so that text can go in after it even when none is left. */
    gtk_text_buffer_get_start_iter (buffer, &start);
    end = start;
    gtk_text_iter_forward_to_line_end (&end);
    gtk_text_buffer_apply_tag (buffer, self->delimiter_tag, &start, &end);
    gtk_text_buffer_get_iter_at_offset (buffer, &end, opening_chars);
    self->start_mark = gtk_text_buffer_create_mark (buffer, NULL, &end, TRUE);
    gtk_text_buffer_get_iter_at_offset (buffer, &start, opening_chars + text_chars);
    gtk_text_buffer_get_end_iter (buffer, &end);
    gtk_text_buffer_apply_tag (buffer, self->delimiter_tag, &start, &end);
    self->end_mark = gtk_text_buffer_create_mark (buffer, NULL, &start, FALSE);

    show_texts (self, _("The Front Matter Cannot Be Edited as a Form"),
                _("Fix it in the text below: the form comes back as soon as it reads correctly. "
                  "Nothing is written until you save."),
                TRUE, FALSE);
    mark_error (self, error, TRUE);
  }
}

void
curator_refused_view_set_whole_text (CuratorRefusedView *self,
                                     CuratorDocument    *document,
                                     const char         *text,
                                     const GError       *error)
{
  g_return_if_fail (CURATOR_IS_REFUSED_VIEW (self));
  g_return_if_fail (CURATOR_IS_DOCUMENT (document));
  g_return_if_fail (text != NULL);

  g_set_object (&self->document, document);
  g_clear_handle_id (&self->changed_source, g_source_remove);
  clear_marks (self);

  set_text (self, text);
  set_language (self, NULL);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->view), TRUE);
  if (g_error_matches (error, CURATOR_ERROR, CURATOR_ERROR_UNTERMINATED))
    show_texts (self, _("The Front Matter Never Ends"),
                _("The whole file is below: close the front matter with a “---” line after its last field. "
                  "The form comes back as soon as it reads correctly. Nothing is written until you save."),
                TRUE, FALSE);
  else
    show_texts (self, _("The File Is Not Valid UTF-8"),
                _("The whole file is below, with what could not be read shown as “�”: fix it there. "
                  "The form comes back as soon as it reads correctly. Nothing is written until you save."),
                TRUE, FALSE);
  mark_error (self, error, TRUE);
}

void
curator_refused_view_show_error (CuratorRefusedView *self,
                                 const GError       *error)
{
  g_return_if_fail (CURATOR_IS_REFUSED_VIEW (self));

  mark_error (self, error, FALSE);
}

char *
curator_refused_view_dup_text (CuratorRefusedView *self)
{
  GtkTextIter start, end;

  g_return_val_if_fail (CURATOR_IS_REFUSED_VIEW (self), NULL);

  if (self->start_mark != NULL && self->end_mark != NULL)
    {
      gtk_text_buffer_get_iter_at_mark (GTK_TEXT_BUFFER (self->buffer), &start, self->start_mark);
      gtk_text_buffer_get_iter_at_mark (GTK_TEXT_BUFFER (self->buffer), &end, self->end_mark);
    }
  else
    gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);

  return gtk_text_buffer_get_text (GTK_TEXT_BUFFER (self->buffer), &start, &end, FALSE);
}
