/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Replays a fuzz target on files, without libFuzzer, as a g_test: the
 * committed crash regressions in tests/fuzz/regressions/ (regressions-web/
 * for the web target), the edge cases of
 * the shared corpus and every 25th Medigy file (the seed corpus of the
 * libFuzzer run). Runs under gcc in the normal test suite. */
#include "config.h"

#include <string.h>

#include "curator-model.h"

#include "curator-test-corpus.h"

#include "curator-fuzz.h"

/* The folder of committed regressions, in tests/fuzz (one per target). */
#ifndef FUZZ_REGRESSIONS
#define FUZZ_REGRESSIONS "regressions"
#endif

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static guint
replay_file (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  curator_fuzz_one_input ((const guint8 *) contents, length);

  return 1;
}

static guint
replay_folder (const char *dir,
               guint       every)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  if (handle == NULL)
    return 0;
  while ((name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i += every)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        n += replay_file (path);
    }

  return n;
}

static void
test_regressions (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "fuzz", FUZZ_REGRESSIONS, NULL);
  guint n = replay_folder (dir, 1);

  g_test_message ("%u regression inputs", n);
  g_assert_cmpuint (n, >, 0);
}

static void
test_seed_corpus (void)
{
  g_autofree char *edge = curator_test_corpus_path ("edge", NULL);
  g_autofree char *medigy = curator_test_corpus_path ("medigy", NULL);
  g_autoptr(GPtrArray) files = NULL;
  guint n, step;

  if (edge == NULL)
    return;

  n = replay_folder (edge, 1);

  /* About 170 Medigy files: the whole sample, every 25th of the corpus. */
  files = curator_folder_index_list_files (medigy, NULL);
  g_assert_nonnull (files);
  step = MAX (1, files->len / 170);
  for (guint i = 0; i < files->len; i += step)
    {
      g_autofree char *path = g_build_filename (medigy, g_ptr_array_index (files, i), NULL);
      n += replay_file (path);
    }

  g_test_message ("%u seed inputs", n);
  g_assert_cmpuint (n, >, 150);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  /* Extra arguments: files to replay (a crash reproducer, say). */
  if (argc > 1)
    {
      for (int i = 1; i < argc; i++)
        replay_file (argv[i]);
      return 0;
    }

  g_test_add_func ("/fuzz/replay/regressions", test_regressions);
  g_test_add_func ("/fuzz/replay/seed-corpus", test_seed_corpus);

  return g_test_run ();
}
