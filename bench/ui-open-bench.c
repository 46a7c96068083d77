/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ui-open-bench"

#include "config.h"

#include "bench-ui.h"

#include "curator-form.h"
#include "curator-window.h"

#include <adwaita.h>
#include <stdio.h>
#include <time.h>

/* Open-to-form time: from creating the window and starting the load to
 * the first frame painted with the form's first rows realized. One line
 * per file: the medians of wall-clock and process CPU time (the loader
 * runs in a GTask thread, counted too), of the time until every top-level
 * row is built (the rest come in idle batches), and every run's wall time
 * in ms. */

#define DEFAULT_RUNS 7

typedef struct
{
  CuratorWindow *window;
  gboolean       painted;
  gint64         painted_at;
  gint64         painted_cpu;
  gboolean       complete;
  gint64         complete_at;
} Run;

/* CPU time of the process: unlike the wall clock it does not count the
 * time other processes on a busy machine take. */
static gint64
cpu_time_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static void
after_paint_cb (GdkFrameClock *clock,
                Run           *run)
{
  GtkWidget *form = curator_window_get_form (run->window);

  if (curator_window_get_loading (run->window) ||
      curator_window_get_document (run->window) == NULL ||
      !gtk_widget_get_mapped (form) || gtk_widget_get_first_child (form) == NULL)
    return;

  if (!run->painted)
    {
      run->painted = TRUE;
      run->painted_at = g_get_monotonic_time ();
      run->painted_cpu = cpu_time_us ();
    }

  /* Every top-level row built (the rest of the form, below the fold). */
  if (!run->complete && !curator_form_get_building (CURATOR_FORM (form)))
    {
      run->complete = TRUE;
      run->complete_at = g_get_monotonic_time ();
    }
}

static double
open_once (GFile  *file,
           double *cpu_ms,
           double *complete_ms)
{
  Run run = { 0 };
  gint64 start = g_get_monotonic_time ();
  gint64 start_cpu = cpu_time_us ();
  GdkFrameClock *clock;
  gulong handler;

  run.window = curator_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (run.window), 1100, 760);
  curator_window_open (run.window, file);
  gtk_window_present (GTK_WINDOW (run.window));

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (run.window));
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &run);

  while (!run.painted || !run.complete)
    {
      g_main_context_iteration (NULL, TRUE);
      /* Keep frames coming until the form is there. */
      gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
    }

  g_signal_handler_disconnect (clock, handler);
  gtk_window_destroy (GTK_WINDOW (run.window));
  while (g_main_context_iteration (NULL, FALSE))
    ;

  if (cpu_ms != NULL)
    *cpu_ms = (run.painted_cpu - start_cpu) / 1000.0;
  if (complete_ms != NULL)
    *complete_ms = (run.complete_at - start) / 1000.0;

  return (run.painted_at - start) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

int
main (int   argc,
      char *argv[])
{
  int runs = DEFAULT_RUNS;
  const char *env_runs = g_getenv ("BENCH_RUNS");

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s FILE...\n", argv[0]);
      return 2;
    }
  if (env_runs != NULL && atoi (env_runs) > 0)
    runs = atoi (env_runs);

  bench_ui_init ();

  for (int f = 1; f < argc; f++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[f]);
      g_autofree double *times = g_new0 (double, runs);
      g_autofree double *cpu_times = g_new0 (double, runs);
      g_autofree double *complete_times = g_new0 (double, runs);
      g_autoptr(GString) all = g_string_new (NULL);
      g_autofree char *name = g_file_get_basename (file);
      g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, 0, NULL, NULL);

      /* One warm-up so every file is measured with the same warm caches. */
      open_once (file, NULL, NULL);
      for (int i = 0; i < runs; i++)
        {
          times[i] = open_once (file, &cpu_times[i], &complete_times[i]);
          g_string_append_printf (all, "%s%.1f", i ? " " : "", times[i]);
        }
      qsort (times, runs, sizeof *times, compare_doubles);
      qsort (cpu_times, runs, sizeof *cpu_times, compare_doubles);
      qsort (complete_times, runs, sizeof *complete_times, compare_doubles);

      printf ("%s (%" G_GOFFSET_FORMAT " bytes): open-to-form median %.1f ms wall, %.1f ms CPU;"
              " all rows built %.1f ms; %d runs [wall: %s]\n",
              name, info != NULL ? g_file_info_get_size (info) : 0,
              times[runs / 2], cpu_times[runs / 2], complete_times[runs / 2], runs, all->str);
    }

  return 0;
}
