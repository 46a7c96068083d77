/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "import-bench"

#include "config.h"

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
 * the new curation's form painted in its window, the import dialog's
 * Create pressed as soon as it can be. The page (about 200 KB, a
 * WordPress article) comes from an in-process server on 127.0.0.1 that
 * answers from memory, so the server's own time is next to nothing.
 *
 *   import-bench FOLDER PAGE.html    (BENCH_RUNS, BENCH_PAGE_KB)
 *
 * FOLDER is copied, its first file opened, and the drop made on it. One
 * line: the medians of drop -> dialog ready (fetch, facts, template, new
 * document) and drop -> new document painted, in wall-clock and process
 * CPU time (threads included: on a busy machine the wall clock counts
 * other processes' time), and every run's wall time. */

#define DEFAULT_RUNS 11
#define DEFAULT_PAGE_KB 200

static GBytes *page;

static void
handler (TestServer              *server,
         const TestServerRequest *request,
         GOutputStream           *output,
         gpointer                 user_data)
{
  test_server_respond (output, 200, "text/html; charset=utf-8", NULL,
                       g_bytes_get_data (page, NULL), g_bytes_get_size (page));
}

/* The fixture page with its article repeated until it is @size bytes. */
static GBytes *
make_page (const char *path,
           gsize       size)
{
  g_autofree char *html = NULL;
  g_autoptr(GString) out = NULL;
  const char *article_end;

  if (!g_file_get_contents (path, &html, NULL, NULL))
    g_error ("cannot read %s", path);
  article_end = strstr (html, "</article>");
  if (article_end == NULL)
    g_error ("%s has no <article>", path);
  out = g_string_new_len (html, article_end - html);
  while (out->len < size)
    g_string_append (out, "<p>Remote patient monitoring programs grew in 2023, and practices found "
                          "that <a href=\"/more\">billing codes</a> and staffing decide whether they last. "
                          "<img src=\"/wp-content/uploads/chart.png\" alt=\"A chart\" width=\"600\" height=\"300\"></p>\n");
  g_string_append (out, article_end);
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

static CuratorWindow *
find_new_curation (CuratorWindow *except)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (CURATOR_IS_WINDOW (l->data) && l->data != except && CURATOR_WINDOW (l->data)->new_import != NULL)
      return l->data;
  return NULL;
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
  gint64         painted_at;
  gint64         painted_cpu;
} Paint;

static void
after_paint_cb (GdkFrameClock *clock,
                Paint         *paint)
{
  GtkWidget *form = curator_window_get_form (paint->window);

  if (paint->painted_at == 0 && gtk_widget_get_mapped (form) && gtk_widget_get_first_child (form) != NULL)
    {
      paint->painted_at = g_get_monotonic_time ();
      paint->painted_cpu = cpu_time_us ();
    }
}

static void
drop_once (CuratorWindow *window,
           const char    *url,
           double        *ready_ms,
           double        *shown_ms,
           double        *cpu_ms)
{
  g_autoptr(CuratorDropData) data = curator_drop_data_new ();
  CuratorImportDialog *dialog = NULL;
  CuratorWindow *shown = NULL;
  Paint paint = { 0 };
  GdkFrameClock *clock;
  gulong handler;
  gint64 start, start_cpu, ready_at;

  data->url = g_strdup (url);
  start = g_get_monotonic_time ();
  start_cpu = cpu_time_us ();
  curator_window_import_data (window, data, FALSE, 0, 0);
  while ((dialog = find_dialog ()) == NULL || !curator_import_dialog_get_ready (dialog))
    g_main_context_iteration (NULL, TRUE);
  ready_at = g_get_monotonic_time ();
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.create", NULL);
  while ((shown = find_new_curation (window)) == NULL)
    g_main_context_iteration (NULL, TRUE);

  paint.window = shown;
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (shown));
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &paint);
  while (paint.painted_at == 0)
    {
      g_main_context_iteration (NULL, TRUE);
      gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
    }
  g_signal_handler_disconnect (clock, handler);

  *ready_ms = (ready_at - start) / 1000.0;
  *shown_ms = (paint.painted_at - start) / 1000.0;
  *cpu_ms = (paint.painted_cpu - start_cpu) / 1000.0;

  shown->discard_changes = TRUE;
  gtk_window_destroy (GTK_WINDOW (shown));
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

int
main (int   argc,
      char *argv[])
{
  int runs = DEFAULT_RUNS;
  const char *env_runs = g_getenv ("BENCH_RUNS");
  g_autofree char *tmp = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GFile) first = NULL;
  g_autofree char *first_path = NULL;
  g_autofree char *url = NULL;
  g_autofree double *ready = NULL;
  g_autofree double *shown = NULL;
  g_autofree double *cpu = NULL;
  g_autoptr(GString) all = g_string_new (NULL);
  TestServer *server;
  CuratorWindow *window;
  const char *name;

  if (argc != 3)
    {
      fprintf (stderr, "usage: %s FOLDER PAGE.html\n", argv[0]);
      return 2;
    }
  if (env_runs != NULL && atoi (env_runs) > 0)
    runs = atoi (env_runs);

  gtk_init ();
  adw_init ();

  page = make_page (argv[2], (g_getenv ("BENCH_PAGE_KB") != NULL ? atoi (g_getenv ("BENCH_PAGE_KB")) : DEFAULT_PAGE_KB) * 1024);
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
  first_path = g_build_filename (tmp, g_ptr_array_index (names, 0), NULL);
  first = g_file_new_for_path (first_path);

  window = curator_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_window_present (GTK_WINDOW (window));
  curator_window_open (window, first);
  while (curator_window_get_loading (window) || curator_window_get_document (window) == NULL)
    g_main_context_iteration (NULL, TRUE);

  ready = g_new0 (double, runs);
  shown = g_new0 (double, runs);
  cpu = g_new0 (double, runs);
  {
    double warm_ready, warm_shown, warm_cpu;

    drop_once (window, url, &warm_ready, &warm_shown, &warm_cpu);
  }
  for (int i = 0; i < runs; i++)
    {
      drop_once (window, url, &ready[i], &shown[i], &cpu[i]);
      g_string_append_printf (all, "%s%.1f", i ? " " : "", shown[i]);
    }
  qsort (ready, runs, sizeof *ready, compare_doubles);
  qsort (shown, runs, sizeof *shown, compare_doubles);
  qsort (cpu, runs, sizeof *cpu, compare_doubles);

  printf ("URL drop -> new document shown (%" G_GSIZE_FORMAT " KB page, %u siblings): median %.1f ms wall, "
          "%.1f ms CPU (import ready %.1f ms wall); %d runs [wall: %s]\n",
          g_bytes_get_size (page) / 1024, names->len, shown[runs / 2], cpu[runs / 2], ready[runs / 2], runs, all->str);

  gtk_window_destroy (GTK_WINDOW (window));
  test_server_free (server);
  return 0;
}
