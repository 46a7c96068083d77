/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Timing of the model and the folder index against bare libyaml floors.
 *
 *   curator-bench-load [--runs N] DIR…
 * All content files under the folders are read into memory first (I/O is
 * excluded from every figure). Then, in each of --runs rounds, single-
 * threaded, CPU time of the process:
 *  - scan:       a bare libyaml event scan of each file's whole front
 *                matter (split beforehand, outside the timing): the floor
 *                of anything that reads all of it;
 *  - light scan: the same over only the top-level title, date and tags
 *                entries of each front matter (found beforehand, outside
 *                the timing): the floor of a listing that reads those;
 *  - load:       curator_document_load_from_bytes (what opening a file
 *                costs), against the scan;
 *  - index:      curator_folder_index_entry_new_from_data (split + libyaml
 *                scan of all of the front matter, no tree), against the scan;
 *  - light index: _new_from_data_fast (the title, date and tags entries
 *                only), against the light scan.
 * Each ratio is taken within a round; the median and the best of those
 * ratios are printed, with the median times (and wall times).
 *
 *   curator-bench-load --floor full|light [--threads N] DIR
 * The floor of `curator-cli index [--validate] DIR` as a whole process, for
 * bench/run-model-bench.sh to time the same way: the same walk, reads and
 * split on the same threads, then the bare libyaml scan of the whole front
 * matter (full, as --validate reads) or of its title, date and tags entries
 * (light, as the default index reads). No output per file.
 *
 * Prints one "name value" line per figure, for bench/run-model-bench.sh. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <yaml.h>

#include "curator-model.h"

typedef struct
{
  GBytes  *bytes;
  gsize    front_matter_start;
  gsize    front_matter_end;
  gboolean yaml;
  /* The top-level title, date and tags entries, for the light scan. */
  GString *light;
} BenchFile;

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Sorts @values. */
static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
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

/* CPU time of this (single-threaded) process: other processes competing
 * for the cores do not count against us, unlike wall time. */
static gint64
cpu_time_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static guint
scan_yaml (const char *text,
           gsize       length)
{
  yaml_parser_t parser;
  yaml_event_t event;
  gboolean done = FALSE;
  guint n_events = 0;

  yaml_parser_initialize (&parser);
  yaml_parser_set_input_string (&parser, (const unsigned char *) text, length);
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
  return n_events;
}

static gboolean
is_light_key (const char *line,
              const char *end)
{
  static const char * const keys[] = { "title:", "date:", "tags:" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      gsize length = strlen (keys[i]);

      if ((gsize) (end - line) >= length && memcmp (line, keys[i], length) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Appends the top-level title, date and tags entries of the front matter
 * [@start, @end) of @data to @out: each key's line and the lines after it
 * that are indented or list items. */
static void
append_light_entries (GString    *out,
                      const char *data,
                      gsize       start,
                      gsize       end)
{
  const char *line = data + start;
  const char *stop = data + end;
  gboolean in_entry = FALSE;

  while (line < stop)
    {
      const char *eol = memchr (line, '\n', stop - line);
      const char *next = eol != NULL ? eol + 1 : stop;

      if (*line != ' ' && *line != '\t' && *line != '-' && *line != '\n' && *line != '\r')
        in_entry = is_light_key (line, next);
      if (in_entry)
        g_string_append_len (out, line, next - line);
      line = next;
    }
}

G_GNUC_NO_INLINE static guint
bare_scan (GArray *files)
{
  guint n_events = 0;

  for (guint i = 0; i < files->len; i++)
    {
      BenchFile *file = &g_array_index (files, BenchFile, i);

      if (file->yaml)
        n_events += scan_yaml ((const char *) g_bytes_get_data (file->bytes, NULL) + file->front_matter_start,
                               file->front_matter_end - file->front_matter_start);
    }
  return n_events;
}

G_GNUC_NO_INLINE static guint
light_scan (GArray *files)
{
  guint n_events = 0;

  for (guint i = 0; i < files->len; i++)
    {
      BenchFile *file = &g_array_index (files, BenchFile, i);

      if (file->yaml)
        n_events += scan_yaml (file->light->str, file->light->len);
    }
  return n_events;
}

G_GNUC_NO_INLINE static guint
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

G_GNUC_NO_INLINE static guint
index_entries (GArray   *files,
               gboolean  light)
{
  guint n_errors = 0;

  for (guint i = 0; i < files->len; i++)
    {
      BenchFile *file = &g_array_index (files, BenchFile, i);
      gsize length;
      const char *data = g_bytes_get_data (file->bytes, &length);
      g_autoptr(CuratorFolderIndexEntry) entry =
        light ? curator_folder_index_entry_new_from_data_fast ("", data, length)
              : curator_folder_index_entry_new_from_data ("", data, length);

      if (entry->error != NULL)
        n_errors++;
    }
  return n_errors;
}

/* The whole-process floor of `curator-cli index` ------------------------- */

typedef struct
{
  const char *root;
  GPtrArray  *paths;
  guint       first;
  guint       step;
  gboolean    light;
  guint       n_events;
} FloorWork;

static gpointer
floor_thread (gpointer data)
{
  FloorWork *work = data;
  g_autoptr(GString) light = g_string_new (NULL);

  for (guint i = work->first; i < work->paths->len; i += work->step)
    {
      g_autofree char *path = g_build_filename (work->root, g_ptr_array_index (work->paths, i), NULL);
      g_autofree char *contents = NULL;
      CuratorFrontMatterSplit split;
      gsize length;

      if (!g_file_get_contents (path, &contents, &length, NULL) ||
          !curator_front_matter_split (contents, length, &split, NULL) ||
          split.kind != CURATOR_FRONT_MATTER_YAML)
        continue;
      if (work->light)
        {
          g_string_truncate (light, 0);
          append_light_entries (light, contents, split.front_matter_start, split.front_matter_end);
          work->n_events += scan_yaml (light->str, light->len);
        }
      else
        work->n_events += scan_yaml (contents + split.front_matter_start,
                                     split.front_matter_end - split.front_matter_start);
    }
  return NULL;
}

static int
run_floor (const char *root,
           gboolean    light,
           guint       n_threads)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) paths = curator_folder_index_list_files (root, &error);
  g_autofree FloorWork *work = NULL;
  g_autofree GThread **threads = NULL;
  guint n_events = 0;

  if (paths == NULL)
    {
      fprintf (stderr, "%s: %s\n", root, error->message);
      return 1;
    }

  n_threads = CLAMP (n_threads, 1, MAX (paths->len, 1));
  work = g_new0 (FloorWork, n_threads);
  threads = g_new0 (GThread *, n_threads);
  for (guint t = 0; t < n_threads; t++)
    {
      work[t] = (FloorWork) { root, paths, t, n_threads, light, 0 };
      threads[t] = n_threads == 1 ? NULL : g_thread_new ("floor", floor_thread, &work[t]);
    }
  if (n_threads == 1)
    floor_thread (&work[0]);
  for (guint t = 0; t < n_threads; t++)
    {
      if (threads[t] != NULL)
        g_thread_join (threads[t]);
      n_events += work[t].n_events;
    }

  printf ("files %u\nevents %u\nthreads %u\n", paths->len, n_events, n_threads);
  return 0;
}

/* In process ------------------------------------------------------------- */

enum { SCAN, LIGHT_SCAN, LOAD, INDEX, LIGHT_INDEX, N_FIGURES };

static const char * const figure_names[N_FIGURES] = {
  "scan", "light_scan", "load", "index", "light_index",
};

/* Each ratio, and the floor it is taken against. */
static const struct {
  guint       figure;
  guint       floor;
} ratios[] = {
  { LOAD, SCAN },
  { INDEX, SCAN },
  { LIGHT_INDEX, LIGHT_SCAN },
};

int
main (int    argc,
      char **argv)
{
  int runs = 5;
  int n_threads = 0;
  g_autofree char *floor_kind = NULL;
  const GOptionEntry entries[] = {
    { "runs", 'r', 0, G_OPTION_ARG_INT, &runs, "Timed rounds (medians reported)", "N" },
    { "floor", 0, 0, G_OPTION_ARG_STRING, &floor_kind, "Run the whole-process floor of curator-cli index", "full|light" },
    { "threads", 0, 0, G_OPTION_ARG_INT, &n_threads, "Threads for --floor (default: as curator-cli index)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("DIR…");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) files = g_array_new (FALSE, TRUE, sizeof (BenchFile));
  double *cpu_ms[N_FIGURES], *wall_ms[N_FIGURES];
  guint64 total_bytes = 0, front_matter_bytes = 0, light_bytes = 0;
  guint n_events = 0, n_light_events = 0, n_editable = 0, n_index_errors = 0;

  g_option_context_set_summary (context, "Time the model's document load and the folder index "
                                "against bare libyaml scans over all content files of DIRs.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc < 2 || runs < 1 ||
      (floor_kind != NULL && !g_str_equal (floor_kind, "full") && !g_str_equal (floor_kind, "light")))
    {
      fprintf (stderr, "%s\n", error ? error->message
                                     : "usage: curator-bench-load [--runs N] DIR… | --floor full|light [--threads N] DIR");
      return 2;
    }

  if (floor_kind != NULL)
    return run_floor (argv[1], g_str_equal (floor_kind, "light"),
                      n_threads > 0 ? (guint) n_threads : g_get_num_processors ());

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
          file.light = g_string_new (NULL);
          if (curator_front_matter_split (contents, length, &split, NULL) &&
              split.kind == CURATOR_FRONT_MATTER_YAML)
            {
              file.yaml = TRUE;
              file.front_matter_start = split.front_matter_start;
              file.front_matter_end = split.front_matter_end;
              front_matter_bytes += split.front_matter_end - split.front_matter_start;
              append_light_entries (file.light, contents, split.front_matter_start, split.front_matter_end);
              light_bytes += file.light->len;
            }
          total_bytes += length;
          g_array_append_val (files, file);
        }
    }

  for (guint f = 0; f < N_FIGURES; f++)
    {
      cpu_ms[f] = g_new0 (double, runs);
      wall_ms[f] = g_new0 (double, runs);
    }

  /* Interleaved so that machine noise hits every figure alike. */
  for (int r = 0; r < runs; r++)
    for (guint f = 0; f < N_FIGURES; f++)
      {
        gint64 wall = g_get_monotonic_time ();
        gint64 cpu = cpu_time_us ();

        switch (f)
          {
          case SCAN: n_events = bare_scan (files); break;
          case LIGHT_SCAN: n_light_events = light_scan (files); break;
          case LOAD: n_editable = model_load (files); break;
          case INDEX: n_index_errors = index_entries (files, FALSE); break;
          case LIGHT_INDEX: index_entries (files, TRUE); break;
          default: g_assert_not_reached ();
          }
        cpu_ms[f][r] = (cpu_time_us () - cpu) / 1000.0;
        wall_ms[f][r] = (g_get_monotonic_time () - wall) / 1000.0;
      }

  printf ("files %u\n", files->len);
  printf ("file_mb %.2f\n", total_bytes / 1e6);
  printf ("front_matter_mb %.2f\n", front_matter_bytes / 1e6);
  printf ("light_mb %.2f\n", light_bytes / 1e6);
  printf ("events %u\n", n_events);
  printf ("light_events %u\n", n_light_events);
  printf ("editable %u\n", n_editable);
  printf ("index_errors %u\n", n_index_errors);
  printf ("runs %d\n", runs);

  /* Ratios of CPU times within each round: median and best. */
  for (guint i = 0; i < G_N_ELEMENTS (ratios); i++)
    {
      g_autofree double *within = g_new0 (double, runs);

      for (int r = 0; r < runs; r++)
        within[r] = cpu_ms[ratios[i].figure][r] / cpu_ms[ratios[i].floor][r];
      printf ("%s_ratio_best %.2f\n", figure_names[ratios[i].figure], minimum (within, runs));
      printf ("%s_ratio %.2f\n", figure_names[ratios[i].figure], median (within, runs));
    }
  /* CPU time medians, then wall time medians. */
  for (guint f = 0; f < N_FIGURES; f++)
    {
      printf ("%s_ms %.1f\n", figure_names[f], median (cpu_ms[f], runs));
      printf ("%s_wall_ms %.1f\n", figure_names[f], median (wall_ms[f], runs));
      g_free (cpu_ms[f]);
      g_free (wall_ms[f]);
    }

  for (guint i = 0; i < files->len; i++)
    {
      g_bytes_unref (g_array_index (files, BenchFile, i).bytes);
      g_string_free (g_array_index (files, BenchFile, i).light, TRUE);
    }

  return 0;
}
