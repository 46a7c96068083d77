/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-body-editor"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "curator-body-editor.h"
#include "curator-paint-wait.h"
#include "curator-render.h"

/* Keystrokes closer together than this are one undo step. */
#define TYPING_GROUP_TIMEOUT_MS 1000

/* GtkSourceView highlights a line as a whole, again after each keystroke
 * in it, in time that grows with the square of its length: 7-9 ms for
 * 2,000 characters, 20 ms for 3,000, 0.3 s for 10,000 (docs/preview.md).
 * Past 100,000 the window freezes until GtkSourceView gives up with a
 * critical warning. Bodies written on one line, as Medigy's are, can be
 * that long (an imported article, two files of the corpus): a body with
 * a longer line is not highlighted. */
#define HIGHLIGHT_MAX_LINE_CHARS 2000

/* A new body's lines laid out at once (lay_out_first_lines()): at most a
 * screenful, and only those long enough to cost something. */
#define FIRST_LINES_MAX 40
#define FIRST_LINES_MAX_CHARS 20000
#define FIRST_LINE_MIN_CHARS 256

/* How much of a new body's long line is laid out for the first frame
 * (hide_past_first_screen()): twice the rows the view shows, as a row
 * can hold more characters than cells (combining marks, a fallback
 * font's narrower glyphs); the rest of the line, if that is this long. */
#define FIRST_SCREEN_ROWS_FACTOR 2
#define HIDDEN_REST_MIN_CHARS 1024

struct _CuratorBodyEditor
{
  GtkWidget                parent_instance;

  CuratorDocument         *document;
  GSignalGroup            *document_signals;

  GtkSearchBar            *search_bar;
  GtkSearchEntry          *search_entry;
  GtkLabel                *occurrences_label;
  GtkButton               *previous_button;
  GtkButton               *next_button;
  GtkButton               *close_search_button;
  GtkSourceView           *view;
  GtkSourceBuffer         *buffer;
  GtkSourceSearchContext  *search_context;
  /* Never shown: holds the language the buffer gave up for a long line,
   * so that its compiled definitions stay for the next body. */
  GtkSourceBuffer         *language_keeper;
  /* Hides the rest of a new body's long line until its first screen is
   * on screen (hide_past_first_screen()). */
  GtkTextTag              *rest_tag;
  CuratorPaintWait         rest_wait;
  guint                    rest_source;

  guint                    typing_group_source;
  guint                    language_source;
  /* Characters in the document's body. While the buffer has as many,
   * they are the same text and edits go over one by one; a buffer with
   * more (a child anchor is no text) hands over its whole text. */
  int                      body_chars;
  /* Text moving between buffer and document: do not echo it back. */
  guint                    loading : 1;
  guint                    storing : 1;
  /* A line too long to highlight: the body is shown plain, without a
   * language. */
  guint                    long_line : 1;
  guint                    in_typing_group : 1;
  guint                    rest_hidden : 1;
};

G_DEFINE_FINAL_TYPE (CuratorBodyEditor, curator_body_editor, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
end_typing_group (CuratorBodyEditor *self)
{
  g_clear_handle_id (&self->typing_group_source, g_source_remove);
  if (self->in_typing_group)
    {
      self->in_typing_group = FALSE;
      if (self->document != NULL)
        curator_document_end_user_action (self->document);
    }
}

static gboolean
typing_group_timeout_cb (gpointer user_data)
{
  CuratorBodyEditor *self = user_data;

  self->typing_group_source = 0;
  end_typing_group (self);

  return G_SOURCE_REMOVE;
}

/* Replaces only the span that differs, so that the cursor and the scroll
 * position stay where they were (undo, redo, edits from elsewhere). */
static void
replace_changed_span (CuratorBodyEditor *self,
                      const char        *text)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  g_autofree char *current = NULL;
  GtkTextIter start, end;
  gsize current_len, text_len, prefix = 0, suffix = 0;
  glong prefix_chars, current_chars, suffix_chars;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  current = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
  if (g_str_equal (current, text))
    return;

  current_len = strlen (current);
  text_len = strlen (text);
  while (prefix < current_len && prefix < text_len && current[prefix] == text[prefix])
    prefix++;
  /* Back to the start of a character. */
  while (prefix > 0 && (current[prefix] & 0xC0) == 0x80)
    prefix--;
  while (suffix < current_len - prefix && suffix < text_len - prefix &&
         current[current_len - 1 - suffix] == text[text_len - 1 - suffix])
    suffix++;
  while (suffix > 0 && (current[current_len - suffix] & 0xC0) == 0x80)
    suffix--;

  prefix_chars = g_utf8_strlen (current, prefix);
  current_chars = g_utf8_strlen (current, current_len);
  suffix_chars = g_utf8_strlen (current + current_len - suffix, suffix);

  gtk_text_buffer_get_iter_at_offset (buffer, &start, prefix_chars);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, current_chars - suffix_chars);
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_insert (buffer, &start, text + prefix, text_len - prefix - suffix);
}

/* Whether @text (of @length bytes, or NUL-terminated when -1) has a line
 * of more than HIGHLIGHT_MAX_LINE_CHARS characters, counting @before
 * characters already on its first line. */
static gboolean
has_long_line (const char *text,
               gssize      length,
               glong       before)
{
  const char *end = text + (length < 0 ? strlen (text) : (gsize) length);
  glong chars = before;

  for (const char *at = text; at < end; at++)
    {
      if (*at == '\n' || *at == '\r')
        chars = 0;
      /* Continuation bytes are no new character. */
      else if ((*at & 0xC0) != 0x80 && ++chars > HIGHLIGHT_MAX_LINE_CHARS)
        return TRUE;
    }
  return FALSE;
}

/* Whether inserting @text at @location makes a line too long: its first
 * line goes on from the text before @location, its last one into the
 * rest of the line. */
static gboolean
inserts_long_line (const GtkTextIter *location,
                   const char        *text,
                   int                length)
{
  GtkTextIter line_end = *location;
  glong before = gtk_text_iter_get_line_offset (location);
  glong after;
  const char *last_line = text + length;

  if (!gtk_text_iter_ends_line (&line_end))
    gtk_text_iter_forward_to_line_end (&line_end);
  after = gtk_text_iter_get_line_offset (&line_end) - before;

  while (last_line > text && last_line[-1] != '\n' && last_line[-1] != '\r')
    last_line--;
  if (has_long_line (text, length, before))
    return TRUE;
  return (last_line == text ? before : 0) + g_utf8_strlen (last_line, text + length - last_line) + after >
         HIGHLIGHT_MAX_LINE_CHARS;
}

static void update_language (CuratorBodyEditor *self);

/* Before the text goes in: GtkSourceView's engine would analyse it at
 * once (even with highlight-syntax off), so the language goes. The last
 * buffer with a language frees its compiled definitions (10 ms), and the
 * next compiles them again (200-300 ms): the keeper keeps them. */
static void
set_long_line (CuratorBodyEditor *self,
               gboolean           long_line)
{
  self->long_line = long_line;
  if (long_line)
    {
      GtkSourceLanguage *language = gtk_source_buffer_get_language (self->buffer);

      g_clear_handle_id (&self->language_source, g_source_remove);
      if (language != NULL)
        {
          if (self->language_keeper == NULL)
            self->language_keeper = gtk_source_buffer_new (NULL);
          gtk_source_buffer_set_language (self->language_keeper, language);
        }
      gtk_source_buffer_set_language (self->buffer, NULL);
    }
  else
    update_language (self);
}

/* GTK 4.8 lays a line out twice before its first frame: once for its
 * size (validation, which does not keep it) and again to draw it. Asking
 * for a line's full layout first keeps it, and both find it: a new
 * body's long lines near the top are shaped once (a 10 KB line, as
 * Medigy writes bodies, costs 10-15 ms each time). Lines further down
 * are validated later, in idle time. Only while the view is shown with
 * its width (a layout made for another would be dropped) and the body
 * is not highlighted (its tags would make the lines be laid out again). */
static void
lay_out_first_lines (CuratorBodyEditor *self)
{
  GtkTextIter line;
  guint chars = 0;

  if (!self->long_line || !gtk_widget_get_mapped (GTK_WIDGET (self->view)) ||
      gtk_widget_get_width (GTK_WIDGET (self->view)) == 0)
    return;

  gtk_text_buffer_get_start_iter (GTK_TEXT_BUFFER (self->buffer), &line);
  for (guint i = 0; i < FIRST_LINES_MAX && chars < FIRST_LINES_MAX_CHARS; i++)
    {
      int line_chars = gtk_text_iter_get_chars_in_line (&line);

      if (line_chars >= FIRST_LINE_MIN_CHARS)
        {
          GdkRectangle location;

          gtk_text_view_get_iter_location (GTK_TEXT_VIEW (self->view), &line, &location);
        }
      chars += line_chars;
      if (!gtk_text_iter_forward_line (&line))
        break;
    }
}

/* Shows the hidden rest of the long line again. Only flips the tag: this
 * runs inside the buffer's insert-text and delete-range handlers too,
 * where a tag removed would end the iterators they hold. */
static void
show_rest (CuratorBodyEditor *self)
{
  if (!self->rest_hidden)
    return;

  self->rest_hidden = FALSE;
  curator_paint_wait_stop (&self->rest_wait);
  g_object_set (self->rest_tag, "invisible", FALSE, NULL);
}

static gboolean
show_rest_cb (gpointer user_data)
{
  CuratorBodyEditor *self = user_data;
  GtkTextIter start, end;

  self->rest_source = 0;
  show_rest (self);
  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
  gtk_text_buffer_remove_tag (GTK_TEXT_BUFFER (self->buffer), self->rest_tag, &start, &end);
  lay_out_first_lines (self);

  return G_SOURCE_REMOVE;
}

static void
first_screen_painted_cb (GdkFrameClock     *clock,
                         CuratorBodyEditor *self)
{
  curator_paint_wait_stop (&self->rest_wait);
  if (self->rest_source == 0)
    self->rest_source = g_idle_add (show_rest_cb, self);
}

/* A new body's first frame needs its first screen only, but GTK lays a
 * line out as a whole, and Medigy writes a body on one line: 10 ms for
 * 10 KB in a narrow view, where the first screen holds 2 KB. The rest of
 * that line is hidden until the first frame is painted (an edit before
 * then shows it at once), then laid out; the next frame shows it. */
static void
hide_past_first_screen (CuratorBodyEditor *self)
{
  GtkWidget *view = GTK_WIDGET (self->view);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  PangoFontMetrics *metrics;
  GtkTextIter line, end;
  int char_width, row_height, row_chars, rows;

  if (!self->long_line || !gtk_widget_get_mapped (view) || gtk_widget_get_width (view) == 0)
    return;

  /* The body is shown in a monospace font: a row holds as many cells. */
  metrics = pango_context_get_metrics (gtk_widget_get_pango_context (view), NULL, NULL);
  char_width = MAX (1, PANGO_PIXELS (pango_font_metrics_get_approximate_char_width (metrics)));
  row_height = MAX (1, PANGO_PIXELS (pango_font_metrics_get_height (metrics)));
  pango_font_metrics_unref (metrics);
  row_chars = MAX (1, gtk_widget_get_width (view) / char_width);
  rows = FIRST_SCREEN_ROWS_FACTOR * (gtk_widget_get_height (view) / row_height + 1);

  gtk_text_buffer_get_start_iter (buffer, &line);
  for (;;)
    {
      int line_chars = gtk_text_iter_get_chars_in_line (&line);
      int line_rows = line_chars / row_chars + 1;

      if (line_rows > rows)
        break;
      rows -= line_rows;
      if (!gtk_text_iter_forward_line (&line))
        return;
    }

  gtk_text_iter_set_line_offset (&line, rows * row_chars);
  end = line;
  gtk_text_iter_forward_to_line_end (&end);
  if (gtk_text_iter_get_offset (&end) - gtk_text_iter_get_offset (&line) < HIDDEN_REST_MIN_CHARS)
    return;

  g_object_set (self->rest_tag, "invisible", TRUE, NULL);
  gtk_text_buffer_apply_tag (buffer, self->rest_tag, &line, &end);
  self->rest_hidden = TRUE;
  if (!curator_paint_wait_start (&self->rest_wait, view, G_CALLBACK (first_screen_painted_cb), self))
    show_rest_cb (self);
}

static void
load_body (CuratorBodyEditor *self,
           gboolean           new_document)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  g_autofree char *body = NULL;
  GtkTextIter start;

  body = self->document != NULL ? curator_document_dup_body (self->document) : NULL;

  /* A new body is highlighted again unless it has a long line; an
   * edit from elsewhere (undo) may bring one back. */
  if (new_document || !self->long_line)
    set_long_line (self, body != NULL && has_long_line (body, -1, 0));

  self->loading = TRUE;
  if (new_document)
    {
      show_rest (self);
      g_clear_handle_id (&self->rest_source, g_source_remove);
      gtk_text_buffer_set_text (buffer, body ? body : "", -1);
      gtk_text_buffer_get_start_iter (buffer, &start);
      gtk_text_buffer_place_cursor (buffer, &start);
      hide_past_first_screen (self);
      lay_out_first_lines (self);
    }
  else
    replace_changed_span (self, body ? body : "");
  self->loading = FALSE;
  self->body_chars = body ? g_utf8_strlen (body, -1) : 0;
}

static void
document_changed_cb (CuratorBodyEditor *self,
                     const char        *key_path,
                     CuratorDocument   *document)
{
  if (self->storing)
    return;

  /* An edit from elsewhere (the form, undo from the window) ends the
   * typing burst: what is typed next is a new undo step. */
  end_typing_group (self);

  if (key_path == NULL || *key_path == '\0' || g_str_equal (key_path, CURATOR_DOCUMENT_BODY_PATH))
    load_body (self, FALSE);
}

static void
begin_typing (CuratorBodyEditor *self)
{
  if (!self->in_typing_group)
    {
      curator_document_begin_user_action (self->document);
      self->in_typing_group = TRUE;
    }
  g_clear_handle_id (&self->typing_group_source, g_source_remove);
  self->typing_group_source = g_timeout_add (TYPING_GROUP_TIMEOUT_MS, typing_group_timeout_cb, self);
}

/* Where @iter is in the document's body, in bytes. */
static gsize
body_offset (const char        *body,
             const GtkTextIter *iter)
{
  return g_utf8_offset_to_pointer (body, gtk_text_iter_get_offset (iter)) - body;
}

/* Edits reach the document one by one, before the buffer applies them
 * (their positions are still those of the document's body): a keystroke
 * in a long body does not copy the buffer's text. */
static void
buffer_insert_text_cb (CuratorBodyEditor *self,
                       GtkTextIter       *location,
                       const char        *text,
                       int                length,
                       GtkTextBuffer     *buffer)
{
  g_autofree char *body = NULL;

  show_rest (self);
  if (!self->long_line && inserts_long_line (location, text, length))
    set_long_line (self, TRUE);

  if (self->loading || self->document == NULL || memchr (text, '\0', length) != NULL ||
      gtk_text_buffer_get_char_count (buffer) != self->body_chars)
    return;

  begin_typing (self);
  body = curator_document_dup_body (self->document);
  self->storing = TRUE;
  curator_document_replace_body (self->document, body_offset (body, location), 0, text, length);
  self->storing = FALSE;
  self->body_chars += g_utf8_strlen (text, length);
}

static void
buffer_delete_range_cb (CuratorBodyEditor *self,
                        GtkTextIter       *start,
                        GtkTextIter       *end,
                        GtkTextBuffer     *buffer)
{
  g_autofree char *body = NULL;
  gsize from, to;

  show_rest (self);
  if (self->loading || self->document == NULL ||
      gtk_text_buffer_get_char_count (buffer) != self->body_chars)
    return;

  begin_typing (self);
  body = curator_document_dup_body (self->document);
  from = body_offset (body, start);
  to = body_offset (body, end);
  self->storing = TRUE;
  curator_document_replace_body (self->document, MIN (from, to), MAX (from, to) - MIN (from, to), "", 0);
  self->storing = FALSE;
  self->body_chars -= ABS (gtk_text_iter_get_offset (end) - gtk_text_iter_get_offset (start));
}

static void
buffer_changed_cb (CuratorBodyEditor *self,
                   GtkTextBuffer     *buffer)
{
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  if (self->loading || self->document == NULL ||
      gtk_text_buffer_get_char_count (buffer) == self->body_chars)
    return;

  /* A change the handlers above did not pass on (a child anchor, text
   * with a NUL, any edit while the buffer has more than text): the
   * document takes the whole text. */
  begin_typing (self);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);

  self->storing = TRUE;
  curator_document_set_body (self->document, text);
  self->storing = FALSE;
  self->body_chars = g_utf8_strlen (text, -1);
}

/* The highlighting of what the body is written in, as Hugo decides it
 * from the file's name. */
static const char *
get_language_id (CuratorBodyEditor *self)
{
  GFile *file = self->document ? curator_document_get_file (self->document) : NULL;
  g_autofree char *path = file ? g_file_get_path (file) : NULL;

  return curator_body_format_for_path (path) == CURATOR_BODY_FORMAT_MARKDOWN ? "markdown" : "html";
}

static gboolean
set_language_cb (gpointer user_data)
{
  CuratorBodyEditor *self = user_data;
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();

  self->language_source = 0;
  gtk_source_buffer_set_language (self->buffer,
                                  gtk_source_language_manager_get_language (languages, get_language_id (self)));

  return G_SOURCE_REMOVE;
}

/* Compiling the HTML highlighting (with its CSS and JavaScript) takes
 * 200-300 ms here: done once the window is on screen, not before its
 * first frame. */
static void
update_language (CuratorBodyEditor *self)
{
  GtkSourceLanguage *language = gtk_source_buffer_get_language (self->buffer);

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) || self->language_source != 0 || self->long_line)
    return;
  if (language == NULL || !g_str_equal (gtk_source_language_get_id (language), get_language_id (self)))
    self->language_source = g_idle_add_full (G_PRIORITY_LOW, set_language_cb, self, NULL);
}

static void
curator_body_editor_map (GtkWidget *widget)
{
  CuratorBodyEditor *self = CURATOR_BODY_EDITOR (widget);

  GTK_WIDGET_CLASS (curator_body_editor_parent_class)->map (widget);

  update_language (self);
}

/* A file whose front matter is refused is not saved: its body is shown
 * to read, until the front matter reads again. */
static void
update_editable (CuratorBodyEditor *self)
{
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->view),
                              self->document != NULL && curator_document_get_editable (self->document));
}

static void
update_style_scheme (CuratorBodyEditor *self)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  const char *id = adw_style_manager_get_dark (style_manager) ? "Adwaita-dark" : "Adwaita";

  gtk_source_buffer_set_style_scheme (self->buffer,
                                      gtk_source_style_scheme_manager_get_scheme (schemes, id));
}

static void
update_occurrences (CuratorBodyEditor *self)
{
  GtkTextIter start, end;
  int count = gtk_source_search_context_get_occurrences_count (self->search_context);
  int position = -1;
  g_autofree char *text = NULL;

  if (gtk_text_buffer_get_selection_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end))
    position = gtk_source_search_context_get_occurrence_position (self->search_context, &start, &end);

  if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) == '\0' || count < 0)
    text = g_strdup ("");
  else if (count == 0)
    text = g_strdup (_("No results"));
  else if (position > 0)
    /* Translators: the match the cursor is on, out of all matches */
    text = g_strdup_printf (_("%d of %d"), position, count);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d match", "%d matches", count), count);

  gtk_label_set_text (self->occurrences_label, text);
}

static void
select_match (CuratorBodyEditor *self,
              GtkTextIter       *start,
              GtkTextIter       *end)
{
  gtk_text_buffer_select_range (GTK_TEXT_BUFFER (self->buffer), start, end);
  gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (self->view), start, 0.25, FALSE, 0, 0);
  update_occurrences (self);
}

static void
search_next_cb (CuratorBodyEditor *self)
{
  GtkTextIter from, start, end;
  gboolean wrapped;

  gtk_text_buffer_get_selection_bounds (GTK_TEXT_BUFFER (self->buffer), NULL, &from);
  if (gtk_source_search_context_forward (self->search_context, &from, &start, &end, &wrapped))
    select_match (self, &start, &end);
}

static void
search_previous_cb (CuratorBodyEditor *self)
{
  GtkTextIter from, start, end;
  gboolean wrapped;

  gtk_text_buffer_get_selection_bounds (GTK_TEXT_BUFFER (self->buffer), &from, NULL);
  if (gtk_source_search_context_backward (self->search_context, &from, &start, &end, &wrapped))
    select_match (self, &start, &end);
}

static void
search_changed_cb (CuratorBodyEditor *self)
{
  GtkSourceSearchSettings *settings = gtk_source_search_context_get_settings (self->search_context);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  GtkTextIter from, start, end;
  gboolean wrapped;

  show_rest (self);
  gtk_source_search_settings_set_search_text (settings, *text ? text : NULL);

  /* Search as you type from where the selection starts. */
  gtk_text_buffer_get_selection_bounds (GTK_TEXT_BUFFER (self->buffer), &from, NULL);
  if (*text && gtk_source_search_context_forward (self->search_context, &from, &start, &end, &wrapped))
    select_match (self, &start, &end);
  else
    update_occurrences (self);
}

static void
stop_search_cb (CuratorBodyEditor *self)
{
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CuratorBodyEditor *self = CURATOR_BODY_EDITOR (widget);
  GtkTextIter start, end;

  /* Start from the selected text, as text editors do. */
  if (gtk_text_buffer_get_selection_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end) &&
      gtk_text_iter_get_line (&start) == gtk_text_iter_get_line (&end))
    {
      g_autofree char *selected = gtk_text_iter_get_slice (&start, &end);

      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), selected);
    }

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CuratorBodyEditor *self = CURATOR_BODY_EDITOR (widget);

  end_typing_group (self);
  if (self->document != NULL)
    curator_document_undo (self->document);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CuratorBodyEditor *self = CURATOR_BODY_EDITOR (widget);

  end_typing_group (self);
  if (self->document != NULL)
    curator_document_redo (self->document);
}

static void
focus_leave_cb (CuratorBodyEditor *self)
{
  end_typing_group (self);
}

static void
curator_body_editor_dispose (GObject *object)
{
  CuratorBodyEditor *self = (CuratorBodyEditor *)object;
  GtkWidget *child;

  end_typing_group (self);
  g_clear_handle_id (&self->language_source, g_source_remove);
  g_clear_handle_id (&self->rest_source, g_source_remove);
  curator_paint_wait_stop (&self->rest_wait);
  g_signal_group_set_target (self->document_signals, NULL);
  g_clear_object (&self->document_signals);
  g_clear_object (&self->document);
  g_clear_object (&self->search_context);
  g_clear_object (&self->language_keeper);
  gtk_widget_dispose_template (GTK_WIDGET (self), CURATOR_TYPE_BODY_EDITOR);
  /* The template's unnamed top box. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (curator_body_editor_parent_class)->dispose (object);
}

static void
curator_body_editor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CuratorBodyEditor *self = CURATOR_BODY_EDITOR (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
curator_body_editor_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CuratorBodyEditor *self = CURATOR_BODY_EDITOR (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      curator_body_editor_set_document (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
curator_body_editor_class_init (CuratorBodyEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = curator_body_editor_dispose;
  object_class->get_property = curator_body_editor_get_property;
  object_class->set_property = curator_body_editor_set_property;
  widget_class->map = curator_body_editor_map;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         CURATOR_TYPE_DOCUMENT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/curator-body-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CuratorBodyEditor, search_bar);
  gtk_widget_class_bind_template_child (widget_class, CuratorBodyEditor, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CuratorBodyEditor, occurrences_label);
  gtk_widget_class_bind_template_child (widget_class, CuratorBodyEditor, previous_button);
  gtk_widget_class_bind_template_child (widget_class, CuratorBodyEditor, next_button);
  gtk_widget_class_bind_template_child (widget_class, CuratorBodyEditor, close_search_button);
  gtk_widget_class_bind_template_child (widget_class, CuratorBodyEditor, view);

  gtk_widget_class_install_action (widget_class, "body-editor.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "body-editor.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "body-editor.redo", NULL, redo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "body-editor.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "body-editor.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "body-editor.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_y, GDK_CONTROL_MASK, "body-editor.redo", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "curatorbodyeditor");
}

static void
curator_body_editor_init (CuratorBodyEditor *self)
{
  g_autoptr(GtkSourceSearchSettings) search_settings = gtk_source_search_settings_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view)));
  gtk_source_buffer_set_highlight_matching_brackets (self->buffer, TRUE);
  /* The document holds the one undo stack (form and body edits alike). */
  gtk_text_buffer_set_enable_undo (GTK_TEXT_BUFFER (self->buffer), FALSE);
  self->rest_tag = gtk_text_buffer_create_tag (GTK_TEXT_BUFFER (self->buffer), NULL, NULL);
  g_signal_connect_object (self->buffer, "insert-text",
                           G_CALLBACK (buffer_insert_text_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->buffer, "delete-range",
                           G_CALLBACK (buffer_delete_range_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->buffer, "changed",
                           G_CALLBACK (buffer_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_source_search_settings_set_wrap_around (search_settings, TRUE);
  self->search_context = gtk_source_search_context_new (self->buffer, search_settings);
  gtk_source_search_context_set_highlight (self->search_context, TRUE);
  g_signal_connect_object (self->search_context, "notify::occurrences-count",
                           G_CALLBACK (update_occurrences), self, G_CONNECT_SWAPPED);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  /* Connected here, not in the .ui: the .ui files hold GTK types and no
   * callbacks, so that gtk4-builder-tool validates them. */
  g_signal_connect_object (self->search_entry, "search-changed",
                           G_CALLBACK (search_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "activate",
                           G_CALLBACK (search_next_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "next-match",
                           G_CALLBACK (search_next_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "previous-match",
                           G_CALLBACK (search_previous_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "stop-search",
                           G_CALLBACK (stop_search_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->next_button, "clicked",
                           G_CALLBACK (search_next_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->previous_button, "clicked",
                           G_CALLBACK (search_previous_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->close_search_button, "clicked",
                           G_CALLBACK (stop_search_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_style_scheme), self, G_CONNECT_SWAPPED);
  update_style_scheme (self);

  g_signal_connect_object (focus, "leave", G_CALLBACK (focus_leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->view), focus);

  self->document_signals = g_signal_group_new (CURATOR_TYPE_DOCUMENT);
  g_signal_group_connect_object (self->document_signals, "changed",
                                 G_CALLBACK (document_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "notify::file",
                                 G_CALLBACK (update_language), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "notify::editable",
                                 G_CALLBACK (update_editable), self, G_CONNECT_SWAPPED);
}

GtkWidget *
curator_body_editor_new (void)
{
  return g_object_new (CURATOR_TYPE_BODY_EDITOR, NULL);
}

/**
 * curator_body_editor_get_document:
 *
 * Returns: (transfer none) (nullable): the document
 */
CuratorDocument *
curator_body_editor_get_document (CuratorBodyEditor *self)
{
  g_return_val_if_fail (CURATOR_IS_BODY_EDITOR (self), NULL);

  return self->document;
}

void
curator_body_editor_set_document (CuratorBodyEditor *self,
                                  CuratorDocument   *document)
{
  g_return_if_fail (CURATOR_IS_BODY_EDITOR (self));
  g_return_if_fail (!document || CURATOR_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  end_typing_group (self);
  g_set_object (&self->document, document);
  g_signal_group_set_target (self->document_signals, document);
  load_body (self, TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->view), document != NULL);
  update_language (self);
  update_editable (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

/**
 * curator_body_editor_get_view:
 *
 * Returns: (transfer none): the source view
 */
GtkSourceView *
curator_body_editor_get_view (CuratorBodyEditor *self)
{
  g_return_val_if_fail (CURATOR_IS_BODY_EDITOR (self), NULL);

  return self->view;
}
