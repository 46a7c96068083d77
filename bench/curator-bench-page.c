/* SPDX-License-Identifier: GPL-3.0-or-later */
/* In-process time of what `curator-cli page FILE` does to a page (charset,
 * HTML5 parse, facts, JSON), for bench/web-bench.py: every page is read
 * into memory first, then each is done RUNS times; prints one line per
 * page, "CPU_MS PATH", with the median CPU time (CLOCK_PROCESS_CPUTIME_ID)
 * of its runs.
 *
 * With --folder DIR, the time of a whole import once the page is in
 * memory: facts, the sanitized main content, and the new document made
 * from DIR's template (inferred once, before the clock starts).
 *
 *   curator-bench-page [--folder DIR] RUNS FILE... */
#include "config.h"

#include <stdlib.h>
#include <time.h>

#include "curator-web.h"

static double
cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &now);
  return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(CuratorFolderTemplate) template = NULL;
  int runs, first = 2;

  if (argc > 3 && g_str_equal (argv[1], "--folder"))
    {
      g_autoptr(GFile) folder = g_file_new_for_commandline_arg (argv[2]);
      g_autoptr(GError) error = NULL;

      template = curator_folder_template_new (folder, NULL, &error);
      if (template == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      argc -= 2;
      argv += 2;
    }
  if (argc < 3)
    {
      g_printerr ("usage: curator-bench-page [--folder DIR] RUNS FILE...\n");
      return 2;
    }
  runs = MAX (1, atoi (argv[1]));

  for (int i = first; i < argc; i++)
    {
      g_autofree char *contents = NULL;
      g_autofree double *times = g_new (double, runs);
      gsize length;

      if (!g_file_get_contents (argv[i], &contents, &length, NULL))
        return 1;
      for (int r = 0; r < runs; r++)
        {
          double start = cpu_ms ();
          g_autofree char *html = NULL;
          g_autofree char *json = NULL;
          g_autoptr(CuratorPageFacts) facts = NULL;
          gsize html_length;

          html = curator_charset_decode_html (contents, length, NULL, NULL, &html_length);
          facts = curator_page_facts_new_from_html (html, html_length, "https://example.com/article");
          json = curator_page_facts_to_json (facts);
          if (template != NULL)
            {
              g_autofree char *body = curator_html_sanitize (html, html_length, curator_page_facts_get_base (facts),
                                                             curator_folder_template_get_body_flags (template) |
                                                             CURATOR_SANITIZE_MAIN_CONTENT);
              g_autoptr(CuratorDocument) document = curator_folder_template_create (template, facts, body, NULL, NULL,
                                                                                     NULL, NULL, NULL);

              g_assert (document != NULL);
            }
          times[r] = cpu_ms () - start;
        }
      qsort (times, runs, sizeof (double), compare_doubles);
      g_print ("%.3f %s\n", times[runs / 2], argv[i]);
    }
  return 0;
}
