/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "library-bench"

#include "config.h"

#include "bench-ui.h"

#include "curator-form.h"
#include "curator-library.h"
#include "curator-library-row.h"
#include "curator-window.h"

#include <adwaita.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* The library's figures, headless (bench/library-bench.sh runs them):
 *
 *   library-bench open DIR      folder open → first rows painted, and →
 *                               every row listed (median of runs)
 *   library-bench index DIR     every row listed, the folder model alone
 *                               and in the library (wall and CPU time)
 *   library-bench search DIR    keystroke in the search entry → list
 *                               painted (median over a typed query,
 *                               keys --pace ms apart and a part of a
 *                               refresh interval more)
 *   library-bench next DIR A B  in the window, DIR's files A and B (file
 *                               names) in turn by Alt+Down and Alt+Up →
 *                               form and preview painted, per file (wall
 *                               and process CPU time)
 *   library-bench memory FILE [DIR]
 *                               the memory (PSS) of the app, its web
 *                               processes included, showing FILE, with
 *                               DIR's library beside it once indexed
 *
 * The library indexes on one thread per processor; --threads N sets the
 * model's for index. Each prints "name value" lines. */

static guint n_threads;
static int runs = 7;
static int pace_ms = 100;

static gint64
cpu_time_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static gboolean
rows_shown (GtkWidget *widget)
{
  if (CURATOR_IS_LIBRARY_ROW (widget))
    return curator_library_row_get_item (CURATOR_LIBRARY_ROW (widget)) != NULL && gtk_widget_get_mapped (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (rows_shown (child))
      return TRUE;
  return FALSE;
}

typedef struct
{
  CuratorLibrary *library;
  gboolean        painted;
  gint64          painted_at;
  gint64          painted_cpu;
  gint64          serial_wanted;
  gint64          serial_painted;
} Paint;

static void
after_paint_cb (GdkFrameClock *clock,
                Paint         *paint)
{
  if (!paint->painted && rows_shown (curator_library_get_list_view (paint->library)))
    {
      paint->painted = TRUE;
      paint->painted_at = g_get_monotonic_time ();
      paint->painted_cpu = cpu_time_us ();
    }
  paint->serial_painted = gdk_frame_clock_get_frame_counter (clock);
}

static GtkWindow *
library_window (CuratorLibrary **library)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  *library = CURATOR_LIBRARY (curator_library_new ());
  gtk_window_set_child (window, GTK_WIDGET (*library));
  gtk_window_set_default_size (window, 360, 760);
  gtk_window_present (window);
  /* The window is up before the clock starts. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return window;
}

static gboolean
model_busy (CuratorFolderModel *model)
{
  return curator_folder_model_get_loading (model) || curator_folder_model_get_checking (model);
}

static void
destroy_window (GtkWindow *window)
{
  gtk_window_destroy (window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* open: the folder set on a library on screen → first rows painted, and
 * → every file listed (the listing entries of each; the check goes on). */
static int
bench_open (GFile *folder)
{
  g_autofree double *first = g_new0 (double, runs);
  g_autofree double *first_cpu = g_new0 (double, runs);
  g_autofree double *listed = g_new0 (double, runs);
  g_autofree double *listed_cpu = g_new0 (double, runs);
  guint n_items = 0;

  for (int r = -1; r < runs; r++)
    {
      CuratorLibrary *library;
      GtkWindow *window = library_window (&library);
      GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
      Paint paint = { library };
      gulong handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &paint);
      gint64 start = g_get_monotonic_time ();
      gint64 start_cpu = cpu_time_us ();
      CuratorFolderModel *model;
      gint64 listed_at = 0, listed_cpu_at = 0;

      curator_library_set_folder (library, folder);
      model = curator_library_get_model (library);
      while (!paint.painted || curator_folder_model_get_loading (model))
        {
          g_main_context_iteration (NULL, TRUE);
          if (listed_at == 0 && !curator_folder_model_get_loading (model))
            {
              listed_at = g_get_monotonic_time ();
              listed_cpu_at = cpu_time_us ();
            }
          gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
        }
      if (r >= 0)
        {
          first[r] = (paint.painted_at - start) / 1000.0;
          first_cpu[r] = (paint.painted_cpu - start_cpu) / 1000.0;
          listed[r] = (listed_at - start) / 1000.0;
          listed_cpu[r] = (listed_cpu_at - start_cpu) / 1000.0;
        }
      n_items = g_list_model_get_n_items (G_LIST_MODEL (model));
      /* Let the check finish: the next run starts on a quiet process. */
      while (model_busy (model))
        g_main_context_iteration (NULL, TRUE);
      g_signal_handler_disconnect (clock, handler);
      destroy_window (window);
    }

  printf ("files %u\n", n_items);
  printf ("first_rows_ms %.1f\n", median (first, runs));
  printf ("first_rows_cpu_ms %.1f\n", median (first_cpu, runs));
  printf ("listed_ms %.1f\n", median (listed, runs));
  printf ("listed_cpu_ms %.1f\n", median (listed_cpu, runs));
  return 0;
}

static void
loading_done_cb (CuratorFolderModel *model,
                 GParamSpec         *pspec,
                 gint64             *done)
{
  if (!curator_folder_model_get_loading (model) && done[0] == 0)
    {
      done[0] = g_get_monotonic_time ();
      done[1] = cpu_time_us ();
    }
}

/* index: the folder model alone, listed by its threads, appended on the
 * main loop, nothing on screen. */
static int
bench_index (GFile *folder)
{
  g_autofree double *wall = g_new0 (double, runs);
  g_autofree double *cpu = g_new0 (double, runs);
  g_autofree double *checked = g_new0 (double, runs);
  guint n_items = 0;

  for (int r = -1; r < runs; r++)
    {
      g_autoptr(CuratorFolderModel) model = curator_folder_model_new (folder);
      gint64 done[2] = { 0, 0 };
      gint64 start = g_get_monotonic_time ();
      gint64 start_cpu = cpu_time_us ();

      curator_folder_model_set_n_threads (model, n_threads);
      g_signal_connect (model, "notify::loading", G_CALLBACK (loading_done_cb), done);
      curator_folder_model_load (model);
      while (model_busy (model))
        g_main_context_iteration (NULL, TRUE);
      if (r >= 0)
        {
          wall[r] = (done[0] - start) / 1000.0;
          cpu[r] = (done[1] - start_cpu) / 1000.0;
          checked[r] = (g_get_monotonic_time () - start) / 1000.0;
        }
      n_items = g_list_model_get_n_items (G_LIST_MODEL (model));
    }

  printf ("files %u\n", n_items);
  printf ("model_listed_ms %.1f\n", median (wall, runs));
  printf ("model_listed_cpu_ms %.1f\n", median (cpu, runs));
  printf ("model_checked_ms %.1f\n", median (checked, runs));
  return 0;
}

static gboolean
pause_done_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* search: a query typed a character at a time, then erased, into the
 * search entry of a library listing DIR; each keystroke → the next frame
 * painted after the list changed. Keys come --pace ms apart, as a fast
 * typist's do: a key sent as soon as a frame is painted would wait for
 * the frame clock's next frame (one refresh interval after the last),
 * which no typing does. While the entry's cursor blinks, frames come on a
 * 60 Hz grid, and 100 ms is six of its intervals: every key would come
 * at the same point of it, just after a frame, the worst. Typing is not
 * in step with the screen: each pause is 0-16 ms longer, the keys spread
 * evenly over the interval (the same way in every run). */
static int
bench_search (GFile *folder)
{
  static const char query[] = "chronic care management";
  CuratorLibrary *library;
  GtkWindow *window = library_window (&library);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  GtkEditable *entry = GTK_EDITABLE (curator_library_get_search_entry (library));
  Paint paint = { library };
  gulong handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &paint);
  guint n_keys = 2 * (sizeof query - 1);
  g_autofree double *times = g_new0 (double, n_keys * runs);
  g_autofree double *filter_times = g_new0 (double, n_keys * runs);
  g_autofree double *cpu_times = g_new0 (double, n_keys * runs);
  guint n = 0;
  guint n_items;

  curator_library_set_folder (library, folder);
  while (model_busy (curator_library_get_model (library)))
    g_main_context_iteration (NULL, TRUE);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (curator_library_get_model (library)));

  for (int r = 0; r < runs; r++)
    for (guint k = 0; k < n_keys; k++)
      {
        gint64 frame = gdk_frame_clock_get_frame_counter (clock);
        gint64 start = g_get_monotonic_time ();
        gint64 start_cpu = cpu_time_us ();
        gint64 filtered;

        if (k < sizeof query - 1)
          {
            int position = (int) k;

            gtk_editable_insert_text (entry, query + k, 1, &position);
          }
        else
          gtk_editable_delete_text (entry, (int) (n_keys - k - 1), -1);
        filtered = g_get_monotonic_time ();
        gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
        while (paint.serial_painted <= frame)
          g_main_context_iteration (NULL, TRUE);
        times[n] = (g_get_monotonic_time () - start) / 1000.0;
        cpu_times[n] = (cpu_time_us () - start_cpu) / 1000.0;
        filter_times[n] = (filtered - start) / 1000.0;
        n++;

        if (pace_ms > 0)
          {
            gboolean paused = FALSE;

            g_timeout_add (pace_ms + (k * 10) % 17, pause_done_cb, &paused);
            while (!paused)
              g_main_context_iteration (NULL, TRUE);
          }
      }

  printf ("files %u\n", n_items);
  printf ("keystrokes %u\n", n);
  printf ("pace_ms %d\n", pace_ms);
  printf ("keystroke_ms %.1f\n", median (times, n));
  printf ("keystroke_filter_ms %.1f\n", median (filter_times, n));
  printf ("keystroke_cpu_ms %.1f\n", median (cpu_times, n));
  qsort (times, n, sizeof (double), compare_doubles);
  printf ("keystroke_p90_ms %.1f\n", times[n * 9 / 10]);

  g_signal_handler_disconnect (clock, handler);
  destroy_window (window);
  return 0;
}

typedef struct
{
  CuratorWindow *window;
  CuratorPreview *preview;
  GFile         *target;
  guint          serial;     /* the preview's, once the target is shown */
  gint64         form_at;    /* the form's first rows painted */
  gint64         done_at;
  gint64         done_cpu;
} Next;

static void
next_paint_cb (GdkFrameClock *clock,
               Next          *next)
{
  CuratorDocument *document = curator_window_get_document (next->window);
  GtkWidget *form = curator_window_get_form (next->window);

  if (next->done_at != 0 || curator_window_get_loading (next->window) || document == NULL ||
      !g_file_equal (curator_document_get_file (document), next->target) ||
      !gtk_widget_get_mapped (form) || gtk_widget_get_first_child (form) == NULL)
    return;
  if (next->serial == 0)
    {
      next->serial = curator_preview_get_serial (next->preview);
      next->form_at = g_get_monotonic_time ();
    }
  /* The frame after the preview reported the new body drawn. */
  if (curator_preview_get_painted_serial (next->preview) >= next->serial)
    {
      next->done_at = g_get_monotonic_time ();
      next->done_cpu = cpu_time_us ();
    }
}

static GFile *
move_to (CuratorWindow *window,
         Next          *next,
         GFile         *target)
{
  CuratorLibrary *library = curator_window_get_library (window);
  GListModel *shown = curator_library_get_shown (library);
  CuratorDocument *document = curator_window_get_document (window);
  int from = -1, to = -1;

  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(CuratorFolderItem) item = g_list_model_get_item (shown, i);
      g_autoptr(GFile) file = curator_folder_model_get_file (curator_library_get_model (library), item);

      if (g_file_equal (file, target))
        to = (int) i;
      if (document != NULL && g_file_equal (file, curator_document_get_file (document)))
        from = (int) i;
    }
  if (to < 0 || from < 0 || ABS (to - from) != 1)
    g_error ("The two files are not next to each other in the list");
  next->target = target;
  next->serial = 0;
  next->form_at = 0;
  next->done_at = 0;
  gtk_widget_activate_action (GTK_WIDGET (window), to > from ? "win.next-file" : "win.previous-file", NULL);
  return target;
}

/* next: Alt+Down / Alt+Up between two files of DIR, in the window with
 * the library beside it → the new file's form and preview painted. */
static int
bench_next (GFile      *folder,
            const char *name_a,
            const char *name_b)
{
  g_autoptr(GFile) a = g_file_get_child (folder, name_a);
  g_autoptr(GFile) b = g_file_get_child (folder, name_b);
  g_autofree double *to_a = g_new0 (double, runs);
  g_autofree double *to_b = g_new0 (double, runs);
  g_autofree double *form_a = g_new0 (double, runs);
  g_autofree double *form_b = g_new0 (double, runs);
  g_autofree double *cpu_a = g_new0 (double, runs);
  g_autofree double *cpu_b = g_new0 (double, runs);
  CuratorWindow *window = curator_window_new (NULL);
  GdkFrameClock *clock;
  Next next = { window };
  gulong handler;

  gtk_window_set_default_size (GTK_WINDOW (window), 1900, 1000);
  gtk_window_present (GTK_WINDOW (window));
  next.preview = curator_body_pane_get_preview (curator_window_get_body_pane (window));
  curator_window_open_folder (window, folder);
  curator_window_open (window, a);
  while (model_busy (curator_library_get_model (curator_window_get_library (window))) ||
         curator_window_get_loading (window) || curator_window_get_document (window) == NULL)
    g_main_context_iteration (NULL, TRUE);

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (next_paint_cb), &next);
  /* One warm-up round trip, then the runs. */
  for (int r = -1; r < runs; r++)
    for (int leg = 0; leg < 2; leg++)
      {
        GFile *target = leg == 0 ? b : a;
        gint64 start = g_get_monotonic_time ();
        gint64 start_cpu = cpu_time_us ();
        gint64 deadline = start + 10 * G_USEC_PER_SEC;

        move_to (window, &next, target);
        while (next.done_at == 0 && g_get_monotonic_time () < deadline)
          {
            gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
            g_main_context_iteration (NULL, TRUE);
          }
        if (next.done_at == 0)
          g_error ("The preview never painted %s", g_file_peek_path (target));
        /* Let the form finish its rows below the fold before the next. */
        while (curator_form_get_building (CURATOR_FORM (curator_window_get_form (window))))
          g_main_context_iteration (NULL, TRUE);
        if (r >= 0)
          {
            (leg == 0 ? to_b : to_a)[r] = (next.done_at - start) / 1000.0;
            (leg == 0 ? form_b : form_a)[r] = (next.form_at - start) / 1000.0;
            (leg == 0 ? cpu_b : cpu_a)[r] = (next.done_cpu - start_cpu) / 1000.0;
          }
      }
  g_signal_handler_disconnect (clock, handler);

  printf ("next_a_ms %.1f\n", median (to_a, runs));
  printf ("next_b_ms %.1f\n", median (to_b, runs));
  printf ("next_a_form_ms %.1f\n", median (form_a, runs));
  printf ("next_b_form_ms %.1f\n", median (form_b, runs));
  printf ("next_a_cpu_ms %.1f\n", median (cpu_a, runs));
  printf ("next_b_cpu_ms %.1f\n", median (cpu_b, runs));
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

/* The proportional set size of @pid and of every process below it (the
 * web and network processes of WebKit), in kilobytes. */
static guint64
tree_pss_kb (const char *pid)
{
  g_autofree char *rollup_path = g_strdup_printf ("/proc/%s/smaps_rollup", pid);
  g_autofree char *task_path = g_strdup_printf ("/proc/%s/task", pid);
  g_autofree char *rollup = NULL;
  g_autoptr(GDir) tasks = NULL;
  const char *line, *task;
  guint64 total = 0;

  if (g_file_get_contents (rollup_path, &rollup, NULL, NULL) &&
      (line = strstr (rollup, "\nPss:")) != NULL)
    total += g_ascii_strtoull (line + strlen ("\nPss:"), NULL, 10);

  tasks = g_dir_open (task_path, 0, NULL);
  while (tasks != NULL && (task = g_dir_read_name (tasks)) != NULL)
    {
      g_autofree char *children_path = g_strdup_printf ("%s/%s/children", task_path, task);
      g_autofree char *children = NULL;
      g_auto(GStrv) pids = NULL;

      if (!g_file_get_contents (children_path, &children, NULL, NULL))
        continue;
      pids = g_strsplit_set (g_strstrip (children), " ", -1);
      for (guint i = 0; pids[i] != NULL; i++)
        if (pids[i][0] != '\0')
          total += tree_pss_kb (pids[i]);
    }
  return total;
}

static gboolean
quiet_for_a_second (gpointer data)
{
  gboolean *done = data;

  *done = TRUE;
  return G_SOURCE_REMOVE;
}

/* memory: the window showing @file, with @folder's library beside it when
 * given, once everything is listed and checked and the preview painted,
 * then a second of quiet (the web process settles). */
static int
bench_memory (GFile *file,
              GFile *folder)
{
  CuratorWindow *window = curator_window_new (NULL);
  g_autofree char *pid = g_strdup_printf ("%d", (int) getpid ());
  gboolean quiet = FALSE;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  if (folder != NULL)
    curator_window_open_folder (window, folder);
  curator_window_open (window, file);
  while (curator_window_get_loading (window) || curator_window_get_document (window) == NULL ||
         curator_form_get_building (CURATOR_FORM (curator_window_get_form (window))) ||
         (folder != NULL && model_busy (curator_library_get_model (curator_window_get_library (window)))))
    g_main_context_iteration (NULL, TRUE);
  g_timeout_add_seconds (1, quiet_for_a_second, &quiet);
  while (!quiet)
    g_main_context_iteration (NULL, TRUE);

  if (folder != NULL)
    printf ("files %u\n", g_list_model_get_n_items (G_LIST_MODEL (curator_library_get_model (curator_window_get_library (window)))));
  printf ("pss_kb %" G_GUINT64_FORMAT "\n", tree_pss_kb (pid));
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

int
main (int    argc,
      char **argv)
{
  int threads = 0;
  const GOptionEntry entries[] = {
    { "threads", 't', 0, G_OPTION_ARG_INT, &threads, "Index threads (default: one per processor)", "N" },
    { "runs", 'r', 0, G_OPTION_ARG_INT, &runs, "Runs (medians reported)", "N" },
    { "pace", 'p', 0, G_OPTION_ARG_INT, &pace_ms, "search: milliseconds between keys (0: each as soon as the last is painted)", "MS" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("open|index|search DIR | next DIR A B | memory FILE [DIR]");
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) folder = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc < 3 || runs < 1 || threads < 0 || pace_ms < 0 ||
      (g_str_equal (argv[1], "next") ? argc != 5 : g_str_equal (argv[1], "memory") ? argc > 4 : argc != 3))
    {
      fprintf (stderr, "usage: library-bench [--threads N] [--runs N] [--pace MS] open|index|search DIR | next DIR A B | memory FILE [DIR]\n");
      return 2;
    }
  n_threads = (guint) threads;

  bench_ui_init ();
  folder = g_file_new_for_commandline_arg (argv[2]);

  if (g_str_equal (argv[1], "open"))
    return bench_open (folder);
  if (g_str_equal (argv[1], "index"))
    return bench_index (folder);
  if (g_str_equal (argv[1], "search"))
    return bench_search (folder);
  if (g_str_equal (argv[1], "next"))
    return bench_next (folder, argv[3], argv[4]);
  if (g_str_equal (argv[1], "memory"))
    {
      g_autoptr(GFile) library_folder = argc == 4 ? g_file_new_for_commandline_arg (argv[3]) : NULL;

      return bench_memory (folder, library_folder);
    }

  fprintf (stderr, "library-bench: unknown figure %s\n", argv[1]);
  return 2;
}
