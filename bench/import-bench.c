/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "import-bench"

#include "config.h"

#include "bench-ui.h"

#include "curator-drop-data.h"
#include "curator-form.h"
#include "curator-import-dialog.h"
#include "curator-window-import.h"
#include "curator-window-private.h"
#include "test-server.h"

#include <adwaita.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* URL drop -> new document shown: from a drop carrying a web address to
 * the new curation's form painted, the import dialog's Create pressed as
 * soon as it can be. The page comes from an in-process server on
 * 127.0.0.1 that answers from memory, so the server's own time is next
 * to nothing. It is the WordPress fixture grown to a real page's shape:
 * its article to BENCH_ARTICLE_KB (20: about the 90th percentile of the
 * bodies imported from the 130 pages of Mozilla Readability's test set,
 * which average 193 KB), then the page around it, with what real pages
 * carry besides the article (inline scripts and data, menus, comments),
 * to BENCH_PAGE_KB (200). BENCH_ARTICLE_KB=200 makes the article the
 * whole page: a body of 190 KB, the worst case.
 *
 *   import-bench FOLDER PAGE.html    (BENCH_RUNS, BENCH_PAGE_KB, BENCH_ARTICLE_KB)
 *
 * FOLDER is copied and opened in the library, and its first file shown.
 * Three lines: the drop made on that saved file (the new curation takes
 * its place in the window), then on it with unsaved edits (the new
 * curation gets a window of its own), each after the window has shown
 * the file for a second, as a curator's drop comes (the folder's
 * template is made ahead meanwhile); then on the saved file at once,
 * the template made after the drop. Each gives the medians of drop ->
 * dialog ready (fetch, facts, template, new document) and drop -> new
 * document painted, in wall-clock and process CPU time (threads
 * included: on a busy machine the wall clock counts other processes'
 * time), and every run's wall time; then where the time after Create
 * goes, and the main thread's own CPU time before and after ready. */

#define DEFAULT_RUNS 11
/* A curator's drop comes after the window has shown the file for a
 * while; the folder's template is made ahead then. The last line drops
 * at once, without that. */
#define IDLE_MS 1000
#define DEFAULT_PAGE_KB 200
#define DEFAULT_ARTICLE_KB 20

static GBytes *page;
/* The new curation's body, as the last drop made it. */
static gsize body_size;

static void
handler (TestServer              *server,
         const TestServerRequest *request,
         GOutputStream           *output,
         gpointer                 user_data)
{
  test_server_respond (output, 200, "text/html; charset=utf-8", NULL,
                       g_bytes_get_data (page, NULL), g_bytes_get_size (page));
}

static int
env_int (const char *name,
         int         fallback)
{
  const char *value = g_getenv (name);

  return value != NULL && atoi (value) > 0 ? atoi (value) : fallback;
}

/* The fixture page, its article grown to @article_size bytes, then the
 * rest of the page to @page_size. */
static GBytes *
make_page (const char *path,
           gsize       article_size,
           gsize       page_size)
{
  g_autofree char *html = NULL;
  g_autoptr(GString) out = NULL;
  const char *article_end, *body_end;
  guint n = 0;

  if (!g_file_get_contents (path, &html, NULL, NULL))
    g_error ("cannot read %s", path);
  article_end = strstr (html, "</article>");
  body_end = strstr (html, "</body>");
  if (article_end == NULL || body_end == NULL)
    g_error ("%s has no <article> or no <body>", path);
  out = g_string_new_len (html, article_end - html);
  while (out->len < article_size)
    g_string_append (out, "<p>Remote patient monitoring programs grew in 2023, and practices found "
                          "that <a href=\"/more\">billing codes</a> and staffing decide whether they last. "
                          "<img src=\"/wp-content/uploads/chart.png\" alt=\"A chart\" width=\"600\" height=\"300\"></p>\n");
  g_string_append_len (out, article_end, body_end - article_end);
  while (out->len < page_size)
    {
      switch (n++ % 3)
        {
        case 0:
          g_string_append_printf (out, "<script>window.__DATA__ = window.__DATA__ || [];"
                                       "__DATA__.push({\"id\":%u,\"slot\":\"sidebar-%u\",\"sizes\":[[300,250],[728,90]],"
                                       "\"targeting\":{\"section\":\"rpm\",\"tags\":[\"ccm\",\"billing\"]}});</script>\n", n, n);
          break;
        case 1:
          g_string_append_printf (out, "<nav class=\"menu\"><ul><li><a href=\"/category/rpm/page/%u/\">Remote monitoring</a></li>"
                                       "<li><a href=\"/category/ccm/page/%u/\">Chronic care</a></li></ul></nav>\n", n, n);
          break;
        default:
          g_string_append_printf (out, "<div class=\"comment\"><b class=\"fn\">Reader %u</b>"
                                       "<p>We saw the same thing in our clinic last spring.</p></div>\n", n);
        }
    }
  g_string_append (out, body_end);
  return g_string_free_to_bytes (g_steal_pointer (&out));
}

static void
copy_folder (const char *from,
             const char *to)
{
  g_autoptr(GDir) dir = g_dir_open (from, 0, NULL);
  const char *name;

  if (dir == NULL)
    g_error ("cannot read %s", from);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *source = g_build_filename (from, name, NULL);
      g_autofree char *target = g_build_filename (to, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_test (source, G_FILE_TEST_IS_REGULAR) && g_file_get_contents (source, &contents, &length, NULL))
        g_file_set_contents (target, contents, length, NULL);
    }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static CuratorImportDialog *
find_dialog (void)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (CURATOR_IS_IMPORT_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

/* The window showing a new curation: @window itself, or a new one. */
static CuratorWindow *
find_new_curation (void)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (CURATOR_IS_WINDOW (l->data) && CURATOR_WINDOW (l->data)->new_import != NULL)
      return l->data;
  return NULL;
}

static void
wait_loaded (CuratorWindow *window)
{
  while (curator_window_get_loading (window) || curator_window_get_document (window) == NULL ||
         curator_form_get_building (CURATOR_FORM (curator_window_get_form (window))))
    g_main_context_iteration (NULL, TRUE);
}

/* This thread's CPU time: the main thread's, whose work the window
 * waits for, and which other processes inflate less than wall time. */
static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gint64
cpu_time_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

typedef struct
{
  CuratorWindow *window;
  gint64         frame_at;     /* this frame's start */
  gint64         layout_at;    /* its layout done */
  gint64         painted_at;
  gint64         painted_cpu;
  gint64         painted_main_cpu;
  gint64         painted_frame_at;
  gint64         painted_layout_at;
} Paint;

/* Connected after GTK's own handlers: each time is the end of GTK's work
 * in that phase. */
static void
before_paint_cb (GdkFrameClock *clock,
                 Paint         *paint)
{
  paint->frame_at = g_get_monotonic_time ();
}

static void
layout_cb (GdkFrameClock *clock,
           Paint         *paint)
{
  paint->layout_at = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                Paint         *paint)
{
  GtkWidget *form = curator_window_get_form (paint->window);

  if (paint->painted_at == 0 && gtk_widget_get_mapped (form) && gtk_widget_get_first_child (form) != NULL)
    {
      paint->painted_at = g_get_monotonic_time ();
      paint->painted_cpu = cpu_time_us ();
      paint->painted_main_cpu = thread_cpu_us ();
      paint->painted_frame_at = paint->frame_at;
      paint->painted_layout_at = paint->layout_at;
    }
}

/* Where the time after Create goes, per run (ms): Create's own handler
 * (the new document shown, the form built), then until the frame that
 * paints it starts, that frame's layout, and its snapshot and drawing. */
typedef struct
{
  double create, before_frame, layout, draw;
  double main_cpu_ready, main_cpu_after;  /* the main thread's CPU time up to ready, and after */
} Breakdown;

/* Drops @url on @window, which shows @first (with an unsaved edit when
 * @edited), and measures until the new curation is painted; then shows
 * @first again. */
static gboolean
idle_over_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for @ms milliseconds: the window idle, as it is
 * while a curator finds the next article. */
static void
stay_idle (guint ms)
{
  gboolean over = FALSE;

  if (ms == 0)
    return;
  g_timeout_add (ms, idle_over_cb, &over);
  while (!over)
    g_main_context_iteration (NULL, TRUE);
}

static void
drop_once (CuratorWindow *window,
           GFile         *first,
           gboolean       edited,
           guint          idle_ms,
           const char    *url,
           double        *ready_ms,
           double        *shown_ms,
           double        *cpu_ms,
           Breakdown     *breakdown)
{
  g_autoptr(CuratorDropData) data = curator_drop_data_new ();
  CuratorImportDialog *dialog = NULL;
  CuratorWindow *shown = NULL;
  Paint paint = { 0 };
  GdkFrameClock *clock;
  gulong handler;
  gint64 start, start_cpu, ready_at, created_at;
  gint64 start_main_cpu, ready_main_cpu;
  gulong before_handler, layout_handler;

  if (edited)
    curator_document_set_value (curator_window_get_document (window), "title", "Edited", CURATOR_SCALAR_AUTO, NULL);
  stay_idle (idle_ms);

  data->url = g_strdup (url);
  start = g_get_monotonic_time ();
  start_cpu = cpu_time_us ();
  start_main_cpu = thread_cpu_us ();
  curator_window_import_data (window, data, FALSE, 0, 0);
  while ((dialog = find_dialog ()) == NULL || !curator_import_dialog_get_ready (dialog))
    g_main_context_iteration (NULL, TRUE);
  ready_at = g_get_monotonic_time ();
  ready_main_cpu = thread_cpu_us ();
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.create", NULL);
  created_at = g_get_monotonic_time ();
  while ((shown = find_new_curation ()) == NULL)
    g_main_context_iteration (NULL, TRUE);

  paint.window = shown;
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (shown));
  before_handler = g_signal_connect (clock, "update", G_CALLBACK (before_paint_cb), &paint);
  layout_handler = g_signal_connect (clock, "layout", G_CALLBACK (layout_cb), &paint);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &paint);
  while (paint.painted_at == 0)
    {
      g_main_context_iteration (NULL, TRUE);
      gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
    }
  g_signal_handler_disconnect (clock, handler);
  g_signal_handler_disconnect (clock, before_handler);
  g_signal_handler_disconnect (clock, layout_handler);
  breakdown->create = (created_at - ready_at) / 1000.0;
  breakdown->before_frame = (MAX (paint.painted_frame_at, created_at) - created_at) / 1000.0;
  breakdown->layout = (paint.painted_layout_at - MAX (paint.painted_frame_at, created_at)) / 1000.0;
  breakdown->draw = (paint.painted_at - paint.painted_layout_at) / 1000.0;
  breakdown->main_cpu_ready = (ready_main_cpu - start_main_cpu) / 1000.0;
  breakdown->main_cpu_after = (paint.painted_main_cpu - ready_main_cpu) / 1000.0;

  {
    g_autofree char *body = curator_document_dup_body (curator_window_get_document (shown));

    body_size = body != NULL ? strlen (body) : 0;
  }
  *ready_ms = (ready_at - start) / 1000.0;
  *shown_ms = (paint.painted_at - start) / 1000.0;
  *cpu_ms = (paint.painted_cpu - start_cpu) / 1000.0;

  shown->discard_changes = TRUE;
  if (shown != window)
    gtk_window_destroy (GTK_WINDOW (shown));
  else
    {
      g_clear_object (&shown->new_import);
      shown->discard_changes = FALSE;
    }
  /* Back to the file, as it is on disk. */
  curator_window_open (window, first);
  wait_loaded (window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* @runs drops on @window's file (edited first when @edited); one line. */
static void
measure (CuratorWindow *window,
         GFile         *first,
         gboolean       edited,
         guint          idle_ms,
         const char    *url,
         int            runs,
         guint          n_siblings)
{
  g_autofree double *ready = g_new0 (double, runs);
  g_autofree double *shown = g_new0 (double, runs);
  g_autofree double *cpu = g_new0 (double, runs);
  g_autofree double *create = g_new0 (double, runs);
  g_autofree double *before_frame = g_new0 (double, runs);
  g_autofree double *layout = g_new0 (double, runs);
  g_autofree double *draw = g_new0 (double, runs);
  g_autofree double *main_ready = g_new0 (double, runs);
  g_autofree double *main_after = g_new0 (double, runs);
  g_autoptr(GString) all = g_string_new (NULL);
  double warm_ready, warm_shown, warm_cpu;
  Breakdown breakdown;

  drop_once (window, first, edited, idle_ms, url, &warm_ready, &warm_shown, &warm_cpu, &breakdown);
  for (int i = 0; i < runs; i++)
    {
      drop_once (window, first, edited, idle_ms, url, &ready[i], &shown[i], &cpu[i], &breakdown);
      create[i] = breakdown.create;
      before_frame[i] = breakdown.before_frame;
      layout[i] = breakdown.layout;
      draw[i] = breakdown.draw;
      main_ready[i] = breakdown.main_cpu_ready;
      main_after[i] = breakdown.main_cpu_after;
      g_string_append_printf (all, "%s%.1f", i ? " " : "", shown[i]);
    }
  qsort (ready, runs, sizeof *ready, compare_doubles);
  qsort (shown, runs, sizeof *shown, compare_doubles);
  qsort (cpu, runs, sizeof *cpu, compare_doubles);
  qsort (create, runs, sizeof *create, compare_doubles);
  qsort (before_frame, runs, sizeof *before_frame, compare_doubles);
  qsort (layout, runs, sizeof *layout, compare_doubles);
  qsort (draw, runs, sizeof *draw, compare_doubles);
  qsort (main_ready, runs, sizeof *main_ready, compare_doubles);
  qsort (main_after, runs, sizeof *main_after, compare_doubles);

  printf ("URL drop -> new document shown (%" G_GSIZE_FORMAT " KB page, %" G_GSIZE_FORMAT " KB body, %u siblings), %s, %s: "
          "median %.1f ms wall, %.1f ms CPU (import ready %.1f ms wall); %d runs [wall: %s]\n",
          g_bytes_get_size (page) / 1024, body_size / 1024, n_siblings,
          edited ? "beside a file with unsaved edits (a new window)" : "on a saved file of the library (in its place)",
          idle_ms > 0 ? "the window idle 1 s before" : "at once (the folder's template not made ahead)",
          shown[runs / 2], cpu[runs / 2], ready[runs / 2], runs, all->str);
  printf ("  after Create, medians: its handler %.1f ms, then %.1f ms to the frame, layout %.1f ms, drawing %.1f ms\n",
          create[runs / 2], before_frame[runs / 2], layout[runs / 2], draw[runs / 2]);
  printf ("  main thread CPU, medians: %.1f ms up to ready, %.1f ms after\n", main_ready[runs / 2], main_after[runs / 2]);
}

int
main (int   argc,
      char *argv[])
{
  int runs = env_int ("BENCH_RUNS", DEFAULT_RUNS);
  g_autofree char *tmp = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GFile) first = NULL;
  g_autofree char *first_path = NULL;
  g_autofree char *url = NULL;
  TestServer *server;
  CuratorWindow *window;
  const char *name;

  if (argc != 3)
    {
      fprintf (stderr, "usage: %s FOLDER PAGE.html\n", argv[0]);
      return 2;
    }

  bench_ui_init ();

  page = make_page (argv[2], env_int ("BENCH_ARTICLE_KB", DEFAULT_ARTICLE_KB) * 1024,
                    env_int ("BENCH_PAGE_KB", DEFAULT_PAGE_KB) * 1024);
  server = test_server_new_with_handler (NULL, handler, NULL);
  url = g_strconcat (test_server_get_origin (server), "/2023/05/rpm-grows-up/", NULL);

  tmp = g_dir_make_tmp ("import-bench-XXXXXX", NULL);
  copy_folder (argv[1], tmp);
  dir = g_dir_open (tmp, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".md"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  if (names->len == 0)
    g_error ("no .md file in %s", argv[1]);
  folder = g_file_new_for_path (tmp);
  first_path = g_build_filename (tmp, g_ptr_array_index (names, 0), NULL);
  first = g_file_new_for_path (first_path);

  window = curator_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_window_present (GTK_WINDOW (window));
  curator_window_open_folder (window, folder);
  curator_window_open (window, first);
  wait_loaded (window);

  measure (window, first, FALSE, IDLE_MS, url, runs, names->len);
  measure (window, first, TRUE, IDLE_MS, url, runs, names->len);
  measure (window, first, FALSE, 0, url, runs, names->len);

  window->discard_changes = TRUE;
  gtk_window_destroy (GTK_WINDOW (window));
  test_server_free (server);
  return 0;
}
