/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "preview-bench"

#include "config.h"

#include "bench-ui.h"

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>
#include <string.h>
#include <X11/Xlib.h>
#include <X11/keysym.h>
#include <X11/extensions/XTest.h>
#include <X11/extensions/Xdamage.h>
#include <gdk/x11/gdkx.h>

#include "curator-body-pane.h"
#include "curator-window.h"
#include "curator-model.h"

/* Measures the body editor and the preview (see bench/preview-bench.sh):
 *
 *   preview-bench keystroke FILE [BODY_KB]
 *     one key pressed in the body editor -> the preview painted it:
 *     200 keys, typed as real X key events (XTest) 60-76 ms apart, so
 *     that they fall anywhere between two of GTK's frames, as a
 *     curator's do; median, p95 and max in ms. With BODY_KB, the body
 *     is grown to that size first (the sample's paragraphs). The body
 *     is what FILE's name says: a Markdown file's is rendered as Hugo
 *     renders it (in no site: raw HTML shown) before the preview.
 *
 *   preview-bench start FILE [RUNS] [-- COMMAND...]
 *     a fresh process of this program showing FILE in the application's
 *     window (form, body editor and preview), then a bare WebKitWebView
 *     in a window showing FILE's body (the floor of any WebKit preview
 *     here), then COMMAND FILE (GNOME Text Editor), under the same display
 *     and GSK renderer. For each, from spawn: the window mapped, and the
 *     window drawn all (the last drawing larger than a text cursor before
 *     half a second without, seen through X damage: for an editor, the
 *     file shown); for the first two, the preview painted as the process
 *     reports it. Medians of RUNS (7).
 *
 * "Painted": the page reports back (script message) once the frame that
 * shows the update has been rendered and handed to the UI process, then
 * GTK paints the window's next frame. */

#define EDITS 200
#define EDIT_GAP_MS 60
#define TIMEOUT_US (10 * G_USEC_PER_SEC)

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *values,
            double  p)
{
  guint index;

  g_array_sort (values, compare_doubles);
  index = (guint)(p * (values->len - 1) + 0.5);
  return g_array_index (values, double, index);
}

static CuratorDocument *
load_document (const char *path,
               guint       body_kb)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CuratorDocument) document = curator_document_new (file);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &error))
    g_error ("%s", error->message);

  if (body_kb > 0)
    {
      g_autoptr(CuratorDocument) original = curator_document_new (file);
      g_autoptr(GString) grown = NULL;
      g_autofree char *body = NULL;
      gsize body_start;

      bytes = g_bytes_new (contents, length);
      if (!curator_document_load_from_bytes (original, bytes, &error))
        g_error ("%s", error->message);
      body = curator_document_dup_body (original);
      body_start = length - strlen (body);
      grown = g_string_new_len (contents, body_start);
      while (grown->len < body_start + body_kb * 1024)
        g_string_append (grown, body);
      g_clear_pointer (&bytes, g_bytes_unref);
      length = grown->len;
      bytes = g_string_free_to_bytes (g_steal_pointer (&grown));
    }
  else
    bytes = g_bytes_new_take (g_steal_pointer (&contents), length);

  if (!curator_document_load_from_bytes (document, bytes, &error))
    g_error ("%s", error->message);

  return g_steal_pointer (&document);
}

/* The web view's snapshot runs only in frames where its content changed
 * (GTK keeps the last render node otherwise): counting the calls tells
 * which frame first showed what the web process rendered. */
static void (*web_view_snapshot) (GtkWidget   *widget,
                                  GtkSnapshot *snapshot);
static guint web_view_draws;

static void
count_web_view_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  web_view_draws++;
  web_view_snapshot (widget, snapshot);
}

static void
watch_web_view_draws (void)
{
  GtkWidgetClass *klass = g_type_class_ref (WEBKIT_TYPE_WEB_VIEW);

  if (web_view_snapshot == NULL)
    {
      web_view_snapshot = klass->snapshot;
      klass->snapshot = count_web_view_snapshot;
    }
  g_type_class_unref (klass);
}

typedef struct
{
  CuratorPreview *preview;
  GdkFrameClock  *clock;
  guint           wanted_serial;
  /* Frames that drew the web view before this do not count. */
  gint64          since;
  gboolean        content_painted;
  gint64          painted_at;
  /* The last frame that drew the web view: when it ended (-1: none yet),
   * and the draws then. */
  gint64          last_draw_at;
  guint           last_draws;
  gint64          frame_at;
} Wait;

static void
painted_cb (CuratorPreview *preview,
            guint           serial,
            Wait           *wait)
{
  if (serial >= wait->wanted_serial && !wait->content_painted)
    {
      wait->content_painted = TRUE;
      wait->painted_at = g_get_monotonic_time ();
    }
}

static void
after_paint_cb (GdkFrameClock *clock,
                Wait          *wait)
{
  gint64 now = g_get_monotonic_time ();
  gboolean drew = web_view_draws != wait->last_draws;

  if (drew)
    {
      wait->last_draws = web_view_draws;
      wait->last_draw_at = now;
    }

  /* The page reports a frame once it has handed it over, so by then the
   * web view has it: either this frame drew it, or an earlier one did
   * (after the report's frame there is nothing left to draw). */
  if (wait->content_painted && wait->frame_at == 0)
    {
      if (drew || wait->last_draw_at < wait->since)
        wait->frame_at = now;
      else
        wait->frame_at = wait->last_draw_at;
    }
}

static gboolean
wake_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until the page reported the frame of @serial and
 * GTK painted a frame that drew it; returns when that frame ended
 * (monotonic µs), or 0 on timeout. Frames that drew the web view before
 * @since do not count. */
static gint64
wait_painted (Wait   *wait,
              guint   serial,
              gint64  since)
{
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_US;
  guint wake = g_timeout_add (20, wake_cb, NULL);

  wait->wanted_serial = serial;
  wait->since = since;
  wait->content_painted = curator_preview_get_painted_serial (wait->preview) >= serial;
  wait->painted_at = g_get_monotonic_time ();
  wait->frame_at = 0;

  while (wait->frame_at == 0 && g_get_monotonic_time () < deadline)
    {
      /* A frame after the report settles it, whatever it draws. */
      if (wait->content_painted)
        gdk_frame_clock_request_phase (wait->clock, GDK_FRAME_CLOCK_PHASE_PAINT);
      g_main_context_iteration (NULL, TRUE);
    }

  g_source_remove (wake);
  return wait->frame_at;
}

static void
idle_for (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
}

static GtkWindow *
create_window (CuratorDocument  *document,
               CuratorBodyPane **pane_out)
{
  GtkWindow *window = GTK_WINDOW (adw_window_new ());
  CuratorBodyPane *pane = CURATOR_BODY_PANE (curator_body_pane_new ());

  gtk_window_set_default_size (window, 1280, 800);
  adw_window_set_content (ADW_WINDOW (window), GTK_WIDGET (pane));
  curator_body_pane_set_document (pane, document);
  gtk_window_present (window);

  *pane_out = pane;
  return window;
}

typedef struct
{
  Display       *xdisplay;
  KeyCode        keys[2];
  guint          key_index;
  gint64         pressed_at;
  gint64         changed_at;
  gint64         editor_frame_at;
  gboolean       sent;
} Typist;

static gboolean
press_key_cb (gpointer user_data)
{
  Typist *typist = user_data;
  KeyCode key = typist->keys[typist->key_index % 6 == 5];

  typist->changed_at = 0;
  typist->editor_frame_at = 0;
  typist->pressed_at = g_get_monotonic_time ();
  XTestFakeKeyEvent (typist->xdisplay, key, True, CurrentTime);
  XTestFakeKeyEvent (typist->xdisplay, key, False, CurrentTime);
  XFlush (typist->xdisplay);
  typist->sent = TRUE;

  return G_SOURCE_REMOVE;
}

static void
buffer_changed_cb (GtkTextBuffer *buffer,
                   Typist        *typist)
{
  if (typist->changed_at == 0)
    typist->changed_at = g_get_monotonic_time ();
}

static void
typist_after_paint_cb (GdkFrameClock *clock,
                       Typist        *typist)
{
  if (typist->changed_at != 0 && typist->editor_frame_at == 0)
    typist->editor_frame_at = g_get_monotonic_time ();
}


/* Where to type: 40 characters in, unless that is inside an HTML comment
 * (a Hugo docs page may start with one), where nothing typed shows; then
 * the middle of the first line of text after it. */
static int
typing_offset (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  const char *comment_end;
  const char *at;
  const char *line;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  at = g_utf8_offset_to_pointer (text, MIN (40, g_utf8_strlen (text, -1)));
  line = text;
  for (const char *open = strstr (text, "<!--"); open != NULL && open < at; open = strstr (comment_end, "<!--"))
    {
      comment_end = strstr (open, "-->");
      if (comment_end == NULL)
        return 40;
      comment_end += 3;
      if (at < comment_end)
        {
          line = comment_end;
          break;
        }
    }
  if (line == text)
    return 40;

  /* The first line after the comment that starts with a letter. */
  while ((line = strchr (line, '\n')) != NULL)
    {
      line++;
      if (g_ascii_isalpha (*line))
        {
          const char *line_end = strchr (line, '\n');

          if (line_end == NULL)
            line_end = line + strlen (line);

          return g_utf8_pointer_to_offset (text, line + (line_end - line) / 2);
        }
    }
  return 40;
}

static int
run_keystroke (const char *path,
               guint       body_kb)
{
  g_autoptr(CuratorDocument) document = load_document (path, body_kb);
  g_autoptr(GArray) latencies = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) page_latencies = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) sync_latencies = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) editor_latencies = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *body = curator_document_dup_body (document);
  g_autofree char *name = g_path_get_basename (path);
  CuratorBodyPane *pane;
  GtkWindow *window = create_window (document, &pane);
  GtkWidget *view;
  GtkTextBuffer *buffer;
  GtkTextIter iter;
  GdkSurface *surface;
  Wait wait = { .last_draw_at = -1 };
  Typist typist = { 0 };
  guint timeouts = 0;
  int event, error, major, minor;

  wait.preview = curator_body_pane_get_preview (pane);
  wait.clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (wait.preview, "painted", G_CALLBACK (painted_cb), &wait);
  g_signal_connect (wait.clock, "after-paint", G_CALLBACK (after_paint_cb), &wait);
  if (wait_painted (&wait, curator_preview_get_serial (wait.preview), 0) == 0)
    g_error ("The preview never painted");

  surface = gtk_native_get_surface (GTK_NATIVE (window));
  if (!GDK_IS_X11_SURFACE (surface))
    g_error ("The keystroke bench types through X (XTest)");
  typist.xdisplay = gdk_x11_display_get_xdisplay (gdk_surface_get_display (surface));
  if (!XTestQueryExtension (typist.xdisplay, &event, &error, &major, &minor))
    g_error ("The X server has no XTEST extension");
  typist.keys[0] = XKeysymToKeycode (typist.xdisplay, XK_a);
  typist.keys[1] = XKeysymToKeycode (typist.xdisplay, XK_space);
  XSetInputFocus (typist.xdisplay, gdk_x11_surface_get_xid (surface), RevertToParent, CurrentTime);

  /* Type inside the first paragraph, as a curator fixing a word. */
  view = GTK_WIDGET (curator_body_editor_get_view (curator_body_pane_get_editor (pane)));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, typing_offset (buffer));
  gtk_text_buffer_place_cursor (buffer, &iter);
  gtk_widget_grab_focus (view);
  g_signal_connect_after (buffer, "changed", G_CALLBACK (buffer_changed_cb), &typist);
  g_signal_connect (wait.clock, "after-paint", G_CALLBACK (typist_after_paint_cb), &typist);
  idle_for (300);

  for (guint i = 0; i < EDITS; i++)
    {
      gint64 deadline = g_get_monotonic_time () + TIMEOUT_US;
      guint serial = curator_preview_get_serial (wait.preview);
      gint64 done;

      /* The gap varies by up to a frame so that keys fall at every point
       * between two frames (GTK keeps a 60 Hz grid while the cursor
       * blinks). */
      typist.key_index = i;
      typist.sent = FALSE;
      g_timeout_add (EDIT_GAP_MS + (i * 7) % 17, press_key_cb, &typist);
      while ((!typist.sent || typist.changed_at == 0 ||
              curator_preview_get_serial (wait.preview) == serial) &&
             g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, TRUE);
      if (typist.changed_at == 0 || curator_preview_get_serial (wait.preview) == serial)
        g_error ("The key press did not reach the body editor");

      done = wait_painted (&wait, curator_preview_get_serial (wait.preview), typist.pressed_at);
      if (done == 0)
        timeouts++;
      else
        {
          double ms = (done - typist.pressed_at) / 1000.0;
          double page_ms = (wait.painted_at - typist.pressed_at) / 1000.0;
          double sync_ms = (typist.changed_at - typist.pressed_at) / 1000.0;
          double editor_ms = (typist.editor_frame_at - typist.pressed_at) / 1000.0;

          g_array_append_val (latencies, ms);
          g_array_append_val (page_latencies, page_ms);
          g_array_append_val (sync_latencies, sync_ms);
          g_array_append_val (editor_latencies, editor_ms);
        }
    }

  printf ("keystroke->preview painted  %-28s body %7zu B  keys %u  median %6.1f ms  p95 %6.1f ms  max %6.1f ms%s\n",
          name,
          strlen (body), latencies->len,
          percentile (latencies, 0.5), percentile (latencies, 0.95),
          percentile (latencies, 1.0),
          timeouts ? "  (timeouts!)" : "");
  printf ("  of which: X key event -> text in the editor and the document  median %6.1f ms  p95 %6.1f ms\n",
          percentile (sync_latencies, 0.5), percentile (sync_latencies, 0.95));
  printf ("  of which: the page's frame rendered and handed over         median %6.1f ms  p95 %6.1f ms\n",
          percentile (page_latencies, 0.5), percentile (page_latencies, 0.95));
  printf ("  for comparison: keystroke -> the editor's own frame         median %6.1f ms  p95 %6.1f ms\n",
          percentile (editor_latencies, 0.5), percentile (editor_latencies, 0.95));

  g_signal_handlers_disconnect_by_data (wait.clock, &typist);
  gtk_window_destroy (window);
  return timeouts ? 1 : 0;
}

/* start: the child -------------------------------------------------------- */

static gboolean
document_shown (CuratorWindow *window)
{
  CuratorPreview *preview = curator_body_pane_get_preview (curator_window_get_body_pane (window));

  return curator_window_get_document (window) != NULL && curator_preview_get_serial (preview) > 0;
}

/* The application's window opening FILE, as `curator FILE` does. */
static int
run_start_child (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  CuratorWindow *window = curator_window_new (NULL);
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_US;
  Wait wait = { .last_draw_at = -1 };

  curator_window_open (window, file);
  gtk_window_present (GTK_WINDOW (window));

  wait.preview = curator_body_pane_get_preview (curator_window_get_body_pane (window));
  wait.clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (wait.preview, "painted", G_CALLBACK (painted_cb), &wait);
  g_signal_connect (wait.clock, "after-paint", G_CALLBACK (after_paint_cb), &wait);
  while (!document_shown (window) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  if (wait_painted (&wait, curator_preview_get_serial (wait.preview), 0) == 0)
    return 1;

  printf ("painted\n");
  fflush (stdout);
  /* Up until the driver has watched the window settle. */
  for (;;)
    g_main_context_iteration (NULL, TRUE);
}

/* The floor: a bare WebKitWebView in a window showing the same body, as
 * any WebKit-based preview must at least do. */
static void
bare_frame_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  gboolean *framed = user_data;
  g_autoptr(JSCValue) value = NULL;
  g_autoptr(GError) error = NULL;

  value = webkit_web_view_call_async_javascript_function_finish (WEBKIT_WEB_VIEW (object), result, &error);
  if (value == NULL)
    g_error ("%s", error->message);
  *framed = TRUE;
}

static void
bare_load_changed_cb (WebKitWebView   *web_view,
                      WebKitLoadEvent  event,
                      gboolean        *framed)
{
  if (event == WEBKIT_LOAD_FINISHED)
    webkit_web_view_call_async_javascript_function (web_view,
                                                    "return new Promise ((done) => requestAnimationFrame (() => done (1)));",
                                                    -1, NULL, NULL, NULL, NULL, bare_frame_cb, framed);
}

static int
run_start_bare_child (const char *path)
{
  g_autoptr(CuratorDocument) document = load_document (path, 0);
  g_autoptr(WebKitNetworkSession) session = webkit_network_session_new_ephemeral ();
  g_autofree char *body = curator_document_dup_body (document);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  WebKitWebView *web_view = g_object_new (WEBKIT_TYPE_WEB_VIEW, "network-session", session, NULL);
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_US;
  GdkFrameClock *clock;
  gboolean framed = FALSE;
  guint draws;

  /* Without compositing, as the preview paints: the cheaper way here. */
  webkit_settings_set_hardware_acceleration_policy (webkit_web_view_get_settings (web_view),
                                                    WEBKIT_HARDWARE_ACCELERATION_POLICY_NEVER);
  gtk_window_set_default_size (window, 1280, 800);
  gtk_window_set_child (window, GTK_WIDGET (web_view));
  g_signal_connect (web_view, "load-changed", G_CALLBACK (bare_load_changed_cb), &framed);
  webkit_web_view_load_html (web_view, body, NULL);
  gtk_window_present (window);

  while (!framed && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  /* Then the GTK frame that draws it. */
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  draws = web_view_draws;
  while (web_view_draws == draws && g_get_monotonic_time () < deadline)
    {
      gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
      g_main_context_iteration (NULL, TRUE);
    }
  if (!framed)
    return 1;

  printf ("painted\n");
  fflush (stdout);
  for (;;)
    g_main_context_iteration (NULL, TRUE);
}

/* start: the driver ------------------------------------------------------- */

/* The window has settled once nothing larger than a text cursor was
 * drawn into it for this long. */
#define QUIET_US (500 * 1000)
#define MIN_DAMAGE_AREA (64 * 64)
#define SETTLE_TIMEOUT_US (4 * G_USEC_PER_SEC)

static int damage_event_base;

static int
ignore_x_error (Display     *display,
                XErrorEvent *event)
{
  /* A window can go while it is watched (its process ended). */
  return 0;
}

/* Waits for a top-level window (at least 200 px wide) to be mapped on
 * the display; returns when, or 0 on timeout. */
static gint64
wait_for_map (Display *display,
              gint64   deadline,
              Window  *window)
{
  while (g_get_monotonic_time () < deadline)
    {
      struct pollfd fd = { ConnectionNumber (display), POLLIN, 0 };

      while (XPending (display) > 0)
        {
          XEvent event;
          XWindowAttributes attributes;

          XNextEvent (display, &event);
          if (event.type == MapNotify &&
              XGetWindowAttributes (display, event.xmap.window, &attributes) &&
              attributes.width >= 200)
            {
              *window = event.xmap.window;
              return g_get_monotonic_time ();
            }
        }
      poll (&fd, 1, 10);
    }

  return 0;
}

typedef struct
{
  double mapped;
  /* The last drawing into the window (X damage) larger than a text
   * cursor before it stayed otherwise unchanged for QUIET_US: when it
   * showed all it shows on opening the file. */
  double settled;
  double painted;
} StartTimes;

/* Watches @window's drawing, and the child's report on @out_fd (-1 if it
 * reports nothing), until the report came and the window settled. */
static void
watch_window (Display    *display,
              Window      window,
              int         out_fd,
              gint64      start,
              StartTimes *times)
{
  Damage damage = XDamageCreate (display, window, XDamageReportRawRectangles);
  gint64 deadline = g_get_monotonic_time () + SETTLE_TIMEOUT_US;
  gint64 last = g_get_monotonic_time (), now;
  GString *report = g_string_new (NULL);

  times->painted = -1;
  times->settled = -1;
  while ((now = g_get_monotonic_time ()) < deadline)
    {
      struct pollfd fds[2] = { { ConnectionNumber (display), POLLIN, 0 }, { out_fd, POLLIN, 0 } };

      if (now - last >= QUIET_US && (out_fd < 0 || times->painted >= 0))
        {
          times->settled = (last - start) / 1000.0;
          break;
        }

      poll (fds, out_fd >= 0 ? 2 : 1, 5);
      while (XPending (display) > 0)
        {
          XEvent event;

          XNextEvent (display, &event);
          if (event.type == damage_event_base + XDamageNotify)
            {
              XDamageNotifyEvent *notify = (XDamageNotifyEvent *)&event;

              if (notify->area.width * notify->area.height >= MIN_DAMAGE_AREA)
                last = g_get_monotonic_time ();
            }
        }
      if (out_fd >= 0 && (fds[1].revents & (POLLIN | POLLHUP)) != 0)
        {
          char buffer[64];
          ssize_t n = read (out_fd, buffer, sizeof buffer);

          if (n <= 0)
            out_fd = -1;
          else
            {
              g_string_append_len (report, buffer, n);
              if (times->painted < 0 && strstr (report->str, "painted\n") != NULL)
                times->painted = (g_get_monotonic_time () - start) / 1000.0;
            }
        }
    }

  XDamageDestroy (display, damage);
  XSync (display, False);
  g_string_free (report, TRUE);
}

static gboolean
start_once (Display     *display,
            char       **argv,
            gboolean     reports_painted,
            StartTimes  *times)
{
  g_autoptr(GError) error = NULL;
  gint64 start, mapped;
  Window window = None;
  GPid pid;
  int out_fd = -1;

  XSync (display, True);
  start = g_get_monotonic_time ();
  if (!g_spawn_async_with_pipes (NULL, argv, NULL,
                                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL |
                                 (reports_painted ? 0 : G_SPAWN_STDOUT_TO_DEV_NULL),
                                 NULL, NULL, &pid, NULL,
                                 reports_painted ? &out_fd : NULL, NULL, &error))
    g_error ("%s", error->message);

  mapped = wait_for_map (display, start + 2 * TIMEOUT_US, &window);
  times->mapped = mapped ? (mapped - start) / 1000.0 : -1;
  times->settled = times->painted = -1;
  if (mapped)
    watch_window (display, window, out_fd, start, times);

  if (out_fd >= 0)
    close (out_fd);
  kill (pid, SIGTERM);
  waitpid (pid, NULL, 0);
  g_spawn_close_pid (pid);
  /* Let the display settle (unmaps, the web processes ending). */
  g_usleep (300 * 1000);

  return mapped != 0;
}

typedef struct
{
  GArray *mapped;
  GArray *settled;
  GArray *painted;
} StartSeries;

static void
start_series_init (StartSeries *series)
{
  series->mapped = g_array_new (FALSE, FALSE, sizeof (double));
  series->settled = g_array_new (FALSE, FALSE, sizeof (double));
  series->painted = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
start_series_clear (StartSeries *series)
{
  g_array_unref (series->mapped);
  g_array_unref (series->settled);
  g_array_unref (series->painted);
}

static void
append_if_known (GArray *values,
                 double  value)
{
  if (value >= 0)
    g_array_append_val (values, value);
}

/* RUNS starts of @argv after one to warm up (page cache, fonts, the
 * compiled filters), reported as medians. */
static void
run_start_series (Display     *display,
                  const char  *what,
                  char       **argv,
                  gboolean     reports_painted,
                  guint        runs)
{
  StartSeries series;

  start_series_init (&series);
  for (guint i = 0; i <= runs; i++)
    {
      StartTimes times;

      if (start_once (display, argv, reports_painted, &times) && i > 0)
        {
          append_if_known (series.mapped, times.mapped);
          append_if_known (series.settled, times.settled);
          append_if_known (series.painted, times.painted);
        }
    }

  printf ("start %-24s runs %u  mapped %6.1f ms  drawn all %6.1f ms",
          what, series.mapped->len,
          series.mapped->len ? percentile (series.mapped, 0.5) : -1.0,
          series.settled->len ? percentile (series.settled, 0.5) : -1.0);
  if (series.painted->len > 0)
    printf ("  preview painted %6.1f ms (min %.1f, max %.1f)",
            percentile (series.painted, 0.5), percentile (series.painted, 0.0),
            percentile (series.painted, 1.0));
  printf ("  (medians)\n");
  fflush (stdout);
  start_series_clear (&series);
}

static int
run_start (const char  *self_path,
           const char  *path,
           guint        runs,
           char       **other_command)
{
  Display *display = XOpenDisplay (NULL);
  char *argv[] = { (char *)self_path, (char *)"start-child", (char *)path, NULL };
  char *bare_argv[] = { (char *)self_path, (char *)"start-bare-child", (char *)path, NULL };
  int damage_error_base;

  if (display == NULL)
    g_error ("No X display");
  if (!XDamageQueryExtension (display, &damage_event_base, &damage_error_base))
    g_error ("The X server has no DAMAGE extension");
  XSetErrorHandler (ignore_x_error);
  XSelectInput (display, DefaultRootWindow (display), SubstructureNotifyMask);

  run_start_series (display, "curator window", argv, TRUE, runs);
  run_start_series (display, "bare WebKitWebView (floor)", bare_argv, TRUE, runs);

  if (other_command != NULL && other_command[0] != NULL)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) other_argv = NULL;

      g_strv_builder_addv (builder, (const char **)other_command);
      g_strv_builder_add (builder, path);
      other_argv = g_strv_builder_end (builder);
      run_start_series (display, other_command[0], other_argv, FALSE, runs);
    }

  XCloseDisplay (display);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  if (argc < 3)
    {
      fprintf (stderr, "Usage: %s keystroke FILE [BODY_KB] | start FILE [RUNS] [-- COMMAND...]\n", argv[0]);
      return 2;
    }

  if (g_str_equal (argv[1], "start"))
    {
      guint runs = 7;
      char **other = NULL;

      for (int i = 3; i < argc; i++)
        {
          if (g_str_equal (argv[i], "--"))
            {
              other = &argv[i + 1];
              break;
            }
          runs = (guint)atoi (argv[i]);
        }
      return run_start (argv[0], argv[2], runs, other);
    }

  bench_ui_init ();
  watch_web_view_draws ();
  gtk_source_init ();

  if (g_str_equal (argv[1], "keystroke"))
    return run_keystroke (argv[2], argc > 3 ? (guint)atoi (argv[3]) : 0);
  if (g_str_equal (argv[1], "start-child"))
    return run_start_child (argv[2]);
  if (g_str_equal (argv[1], "start-bare-child"))
    return run_start_bare_child (argv[2]);

  fprintf (stderr, "Unknown command %s\n", argv[1]);
  return 2;
}
