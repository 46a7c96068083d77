/* SPDX-License-Identifier: GPL-3.0-or-later */
/* In-process timing of the model against bare libyaml.
 *
 * All content files under the folders are read into memory first (I/O is
 * excluded from every figure). Then, over all files, medians of --runs:
 *  - scan:  a bare libyaml event scan of each file's front matter (split
 *           with the model's splitter beforehand, outside the timing);
 *  - load:  curator_document_load_from_bytes on each file's bytes (split,
 *           tree, span index: what opening a file costs);
 *  - index: curator_folder_index_entry_new_from_data on each file (the
 *           folder index's path: split + libyaml scan of the front matter,
 *           no tree), and _new_from_data_fast (only the title, date and
 *           tags entries parsed), single-threaded.
 * Times are CPU time of the process (robust on a shared machine), with the
 * wall time medians printed as well.
 * Prints one "name value" line per figure, for bench/run-model-bench.sh. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <yaml.h>

#include "curator-model.h"

typedef struct
{
  GBytes *bytes;
  gsize   front_matter_start;
  gsize   front_matter_end;
  gboolean yaml;
} BenchFile;

static int
compare_doubles (const void *a,
                 const void *b)
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

/* CPU time of this (single-threaded) process: other processes competing
 * for the cores do not count against us, unlike wall time. */
static gint64
cpu_time_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static double
minimum (const double *values,
         guint         n)
{
  double m = values[0];

  for (guint i = 1; i < n; i++)
    m = MIN (m, values[i]);
  return m;
}

static guint
bare_scan (GArray *files)
{
  guint n_events = 0;

  for (guint i = 0; i < files->len; i++)
    {
      BenchFile *file = &g_array_index (files, BenchFile, i);
      const char *data;
      yaml_parser_t parser;
      yaml_event_t event;
      gboolean done = FALSE;

      if (!file->yaml)
        continue;

      data = g_bytes_get_data (file->bytes, NULL);
      yaml_parser_initialize (&parser);
      yaml_parser_set_input_string (&parser,
                                    (const unsigned char *) data + file->front_matter_start,
                                    file->front_matter_end - file->front_matter_start);
      yaml_parser_set_encoding (&parser, YAML_UTF8_ENCODING);
      while (!done)
        {
          if (!yaml_parser_parse (&parser, &event))
            break;
          done = event.type == YAML_STREAM_END_EVENT;
          n_events++;
          yaml_event_delete (&event);
        }
      yaml_parser_delete (&parser);
    }

  return n_events;
}

static guint
model_load (GArray *files)
{
  guint n_editable = 0;

  for (guint i = 0; i < files->len; i++)
    {
      BenchFile *file = &g_array_index (files, BenchFile, i);
      g_autoptr(CuratorDocument) document = curator_document_new (NULL);

      if (curator_document_load_from_bytes (document, file->bytes, NULL) &&
          curator_document_get_editable (document))
        n_editable++;
    }

  return n_editable;
}

static guint
index_fast_path (GArray *files)
{
  guint n_errors = 0;

  for (guint i = 0; i < files->len; i++)
    {
      BenchFile *file = &g_array_index (files, BenchFile, i);
      gsize length;
      const char *data = g_bytes_get_data (file->bytes, &length);
      g_autoptr(CuratorFolderIndexEntry) entry = curator_folder_index_entry_new_from_data ("", data, length);

      if (entry->error != NULL)
        n_errors++;
    }

  return n_errors;
}

static guint
index_light_path (GArray *files)
{
  guint n_errors = 0;

  for (guint i = 0; i < files->len; i++)
    {
      BenchFile *file = &g_array_index (files, BenchFile, i);
      gsize length;
      const char *data = g_bytes_get_data (file->bytes, &length);
      g_autoptr(CuratorFolderIndexEntry) entry = curator_folder_index_entry_new_from_data_fast ("", data, length);

      if (entry->error != NULL)
        n_errors++;
    }

  return n_errors;
}

int
main (int    argc,
      char **argv)
{
  int runs = 5;
  const GOptionEntry entries[] = {
    { "runs", 'r', 0, G_OPTION_ARG_INT, &runs, "Timed runs per figure (median reported)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("DIR…");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) files = g_array_new (FALSE, TRUE, sizeof (BenchFile));
  g_autofree double *scan_ms = NULL;
  g_autofree double *load_ms = NULL;
  g_autofree double *index_ms = NULL;
  g_autofree double *light_ms = NULL;
  g_autofree double *scan_wall_ms = NULL;
  g_autofree double *load_wall_ms = NULL;
  g_autofree double *index_wall_ms = NULL;
  guint64 total_bytes = 0, front_matter_bytes = 0;
  guint n_events = 0, n_editable = 0, n_index_errors = 0;

  g_option_context_set_summary (context, "Time a bare libyaml scan, the model's document load and "
                                "the folder index's fast path over all content files of DIRs.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc < 2 || runs < 1)
    {
      fprintf (stderr, "%s\n", error ? error->message : "usage: curator-bench-load [--runs N] DIR…");
      return 2;
    }

  for (int a = 1; a < argc; a++)
    {
      g_autoptr(GPtrArray) paths = curator_folder_index_list_files (argv[a], &error);

      if (paths == NULL)
        {
          fprintf (stderr, "%s: %s\n", argv[a], error->message);
          return 1;
        }
      for (guint i = 0; i < paths->len; i++)
        {
          g_autofree char *path = g_build_filename (argv[a], g_ptr_array_index (paths, i), NULL);
          CuratorFrontMatterSplit split;
          BenchFile file = { 0 };
          char *contents;
          gsize length;

          if (!g_file_get_contents (path, &contents, &length, NULL))
            continue;
          file.bytes = g_bytes_new_take (contents, length);
          if (curator_front_matter_split (contents, length, &split, NULL) &&
              split.kind == CURATOR_FRONT_MATTER_YAML)
            {
              file.yaml = TRUE;
              file.front_matter_start = split.front_matter_start;
              file.front_matter_end = split.front_matter_end;
              front_matter_bytes += split.front_matter_end - split.front_matter_start;
            }
          total_bytes += length;
          g_array_append_val (files, file);
        }
    }

  scan_ms = g_new0 (double, runs);
  load_ms = g_new0 (double, runs);
  index_ms = g_new0 (double, runs);
  light_ms = g_new0 (double, runs);
  scan_wall_ms = g_new0 (double, runs);
  load_wall_ms = g_new0 (double, runs);
  index_wall_ms = g_new0 (double, runs);

  /* Interleaved so that machine noise hits every figure alike. */
  for (int r = 0; r < runs; r++)
    {
      gint64 t0, t1, t2, t3;
      gint64 w0, w1, w2, w3;

      w0 = g_get_monotonic_time ();
      t0 = cpu_time_us ();
      n_events = bare_scan (files);
      t1 = cpu_time_us ();
      w1 = g_get_monotonic_time ();
      n_editable = model_load (files);
      t2 = cpu_time_us ();
      w2 = g_get_monotonic_time ();
      n_index_errors = index_fast_path (files);
      t3 = cpu_time_us ();
      w3 = g_get_monotonic_time ();
      index_light_path (files);
      light_ms[r] = (cpu_time_us () - t3) / 1000.0;

      scan_ms[r] = (t1 - t0) / 1000.0;
      load_ms[r] = (t2 - t1) / 1000.0;
      index_ms[r] = (t3 - t2) / 1000.0;
      scan_wall_ms[r] = (w1 - w0) / 1000.0;
      load_wall_ms[r] = (w2 - w1) / 1000.0;
      index_wall_ms[r] = (w3 - w2) / 1000.0;
    }

  printf ("files %u\n", files->len);
  printf ("file_mb %.2f\n", total_bytes / 1e6);
  printf ("front_matter_mb %.2f\n", front_matter_bytes / 1e6);
  printf ("events %u\n", n_events);
  printf ("editable %u\n", n_editable);
  printf ("index_errors %u\n", n_index_errors);
  printf ("runs %d\n", runs);
  /* CPU time, median and minimum of the runs; then wall time medians. */
  printf ("scan_min_ms %.1f\n", minimum (scan_ms, runs));
  printf ("load_min_ms %.1f\n", minimum (load_ms, runs));
  printf ("index_fast_path_min_ms %.1f\n", minimum (index_ms, runs));
  printf ("scan_ms %.1f\n", median (scan_ms, runs));
  printf ("load_ms %.1f\n", median (load_ms, runs));
  printf ("index_fast_path_ms %.1f\n", median (index_ms, runs));
  printf ("index_light_path_ms %.1f\n", median (light_ms, runs));
  printf ("scan_wall_ms %.1f\n", median (scan_wall_ms, runs));
  printf ("load_wall_ms %.1f\n", median (load_wall_ms, runs));
  printf ("index_fast_path_wall_ms %.1f\n", median (index_wall_ms, runs));

  for (guint i = 0; i < files->len; i++)
    g_bytes_unref (g_array_index (files, BenchFile, i).bytes);

  return 0;
}
