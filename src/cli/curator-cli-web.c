/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-cli"

#include "config.h"

#include "curator-cli-private.h"

#include "curator-model.h"
#include "curator-web.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

static gboolean
is_web_address (const char *argument)
{
  return g_ascii_strncasecmp (argument, "http://", 7) == 0 ||
         g_ascii_strncasecmp (argument, "https://", 8) == 0;
}

/* A page's bytes from a web address (fetched) or a file, as UTF-8. On
 * failure the problem is printed and NULL returned. @url gets the page's
 * address after redirects (NULL for a file). */
static char *
read_page (const char  *argument,
           gsize       *length,
           char       **url,
           char       **content_language)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *content_type = NULL;
  g_autoptr(CuratorFetchResult) result = NULL;

  *url = NULL;
  *content_language = NULL;

  if (is_web_address (argument))
    {
      g_autoptr(CuratorPageFetcher) fetcher = curator_page_fetcher_new ();

      result = curator_page_fetcher_fetch (fetcher, argument, CURATOR_FETCH_PAGE, NULL, NULL, NULL, &error);
      if (result == NULL)
        {
          curator_cli_print_problem (argument, "error", error);
          return NULL;
        }
      bytes = g_bytes_ref (curator_fetch_result_get_bytes (result));
      content_type = curator_fetch_result_get_content_type (result);
      *url = g_strdup (curator_fetch_result_get_url (result));
      *content_language = g_strdup (curator_fetch_result_get_content_language (result));
    }
  else
    {
      g_autofree char *contents = NULL;
      gsize size;

      if (!g_file_get_contents (argument, &contents, &size, &error))
        {
          curator_cli_print_problem (argument, "error", error);
          return NULL;
        }
      if (memchr (contents, '\0', size) != NULL && !g_str_has_prefix (contents, "\xFF\xFE") &&
          !g_str_has_prefix (contents, "\xFE\xFF"))
        {
          curator_cli_printerr (_("%s: error: binary data, not an HTML page\n"), argument);
          return NULL;
        }
      bytes = g_bytes_new_take (g_steal_pointer (&contents), size);
    }

  return curator_charset_decode_html (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                      content_type, NULL, length);
}

/* page */

int
curator_cli_page (int    argc,
                  char **argv)
{
  g_autofree char *base = NULL;
  const GOptionEntry entries[] = {
    { "base", 0, 0, G_OPTION_ARG_STRING, &base, N_("The page’s address, for a FILE (relative addresses resolve against it)"), N_("URL") },
    { NULL }
  };
  g_autoptr(CuratorPageFacts) facts = NULL;
  g_autofree char *html = NULL;
  g_autofree char *url = NULL;
  g_autofree char *content_language = NULL;
  g_autofree char *json = NULL;
  gsize length;

  if (!curator_cli_parse_command_line ("page", entries,
                                       _("Reads a web page (fetched from URL, or read from FILE) with an HTML5 "
                                         "parser and prints what it says about itself as one JSON object: "
                                         "url, canonical, title, description, author, published (ISO 8601), "
                                         "site, image and language, null when the page does not say. "
                                         "docs/import.md lists where each comes from.\n\n"
                                         "Exit status: 0 on success, 1 if the page cannot be fetched or read, "
                                         "2 on a usage error."),
                                       &argc, &argv, 1, 1))
    return CURATOR_CLI_EXIT_USAGE;

  if (base != NULL && !is_web_address (base))
    {
      curator_cli_printerr (_("curator-cli page: --base must be an http or https address\n"));
      return CURATOR_CLI_EXIT_USAGE;
    }
  if (!is_web_address (argv[1]) && !g_file_test (argv[1], G_FILE_TEST_EXISTS))
    {
      curator_cli_printerr (_("%s: error: no such file\n"), argv[1]);
      return CURATOR_CLI_EXIT_USAGE;
    }

  html = read_page (argv[1], &length, &url, &content_language);
  if (html == NULL)
    return CURATOR_CLI_EXIT_FAILURE;

  facts = curator_page_facts_new_from_html (html, length, url != NULL ? url : base);
  if (curator_page_facts_get (facts, CURATOR_PAGE_FACT_LANGUAGE) == NULL && content_language != NULL)
    curator_page_facts_set (facts, CURATOR_PAGE_FACT_LANGUAGE, content_language);

  json = curator_page_facts_to_json (facts);
  curator_cli_print (json);
  curator_cli_print ("\n");

  return CURATOR_CLI_EXIT_OK;
}

/* sanitize */

int
curator_cli_sanitize (int    argc,
                      char **argv)
{
  g_autofree char *base = NULL;
  gboolean main_content = FALSE;
  gboolean lines = FALSE;
  const GOptionEntry entries[] = {
    { "base", 0, 0, G_OPTION_ARG_STRING, &base, N_("Resolve relative addresses against URL"), N_("URL") },
    { "main-content", 0, 0, G_OPTION_ARG_NONE, &main_content, N_("The input is a whole page: keep only its article"), NULL },
    { "lines", 0, 0, G_OPTION_ARG_NONE, &lines, N_("Put each top-level block on a line of its own"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *html = NULL;
  g_autofree char *clean = NULL;
  const char *path = "-";
  CuratorSanitizeFlags flags = CURATOR_SANITIZE_NONE;
  gsize size, length;

  if (!curator_cli_parse_command_line ("sanitize", entries,
                                       _("Reads HTML from FILE (or standard input when FILE is “-” or "
                                         "missing) and prints it made safe for a content file’s body: only "
                                         "the elements and attributes of an allowlist, no scripts, styles, "
                                         "frames, forms, event handlers, javascript: addresses or tracking "
                                         "pixels, relative addresses resolved against --base, written "
                                         "compactly. Sanitizing the output again gives it back unchanged. "
                                         "docs/import.md lists the allowlist.\n\n"
                                         "Exit status: 0 on success, 1 if the input cannot be read, 2 on a "
                                         "usage error."),
                                       &argc, &argv, 0, 1))
    return CURATOR_CLI_EXIT_USAGE;

  if (base != NULL && !is_web_address (base))
    {
      curator_cli_printerr (_("curator-cli sanitize: --base must be an http or https address\n"));
      return CURATOR_CLI_EXIT_USAGE;
    }
  if (argc > 1)
    path = argv[1];

  if (strcmp (path, "-") == 0)
    {
      GString *input = g_string_new (NULL);
      char buffer[65536];
      gsize n;

      while ((n = fread (buffer, 1, sizeof buffer, stdin)) > 0)
        g_string_append_len (input, buffer, n);
      if (ferror (stdin))
        {
          curator_cli_printerr (_("%s: error: cannot read standard input\n"), "-");
          g_string_free (input, TRUE);
          return CURATOR_CLI_EXIT_FAILURE;
        }
      size = input->len;
      contents = g_string_free (input, FALSE);
    }
  else
    {
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          curator_cli_printerr (_("%s: error: no such file\n"), path);
          return CURATOR_CLI_EXIT_USAGE;
        }
      if (!g_file_get_contents (path, &contents, &size, &error))
        {
          curator_cli_print_problem (path, "error", error);
          return CURATOR_CLI_EXIT_FAILURE;
        }
    }

  if (contents != NULL && memchr (contents, '\0', size) != NULL &&
      !(size >= 2 && (memcmp (contents, "\xFF\xFE", 2) == 0 || memcmp (contents, "\xFE\xFF", 2) == 0)))
    {
      curator_cli_printerr (_("%s: error: binary data, not HTML\n"), path);
      return CURATOR_CLI_EXIT_FAILURE;
    }

  html = curator_charset_decode_html (contents != NULL ? contents : "", contents != NULL ? size : 0,
                                      NULL, NULL, &length);
  if (main_content)
    flags |= CURATOR_SANITIZE_MAIN_CONTENT;
  if (lines)
    flags |= CURATOR_SANITIZE_BLOCKS_ON_LINES;
  clean = curator_html_sanitize (html, length, base, flags);
  curator_cli_print (clean);
  if (clean[0] != '\0')
    curator_cli_print ("\n");

  return CURATOR_CLI_EXIT_OK;
}

/* new */

int
curator_cli_new (int    argc,
                 char **argv)
{
  g_autofree char *url = NULL;
  g_autofree char *html_path = NULL;
  g_autofree char *image = NULL;
  gboolean dry_run = FALSE;
  const GOptionEntry entries[] = {
    { "url", 0, 0, G_OPTION_ARG_STRING, &url, N_("The page to import (fetched unless --html gives it)"), N_("URL") },
    { "html", 0, 0, G_OPTION_ARG_FILENAME, &html_path, N_("The page’s HTML, read from FILE instead of fetched"), N_("FILE") },
    { "image", 0, 0, G_OPTION_ARG_STRING, &image, N_("The featured image: a file or an address"), N_("FILE|URL") },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run, N_("Print the new file instead of writing it"), NULL },
    { NULL }
  };
  g_autoptr(CuratorWebImport) import = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GError) error = NULL;
  CuratorDocument *document;
  const char *dir;

  if (!curator_cli_parse_command_line ("new", entries,
                                       _("Makes a new content file in DIR shaped like the files already there "
                                         "(key order, constant values, values built from others, dates, file "
                                         "names, quoting and list style), else like the Hugo archetype of its "
                                         "section, else with a title, a date and draft: true. The page facts "
                                         "(see “curator-cli page”) fill the fields their names ask for, the "
                                         "page’s article becomes the body, sanitized, and the featured image "
                                         "is stored beside the siblings’ images, named as theirs are.\n\n"
                                         "The page is fetched from --url unless --html gives its HTML (then "
                                         "--url is its address, and nothing is fetched but an --image address). "
                                         "Without either, the file is made empty in the folder’s shape. No file "
                                         "is ever overwritten.\n\n"
                                         "Output: the new file’s path, then the image’s when one was written; "
                                         "with --dry-run, the new file itself. Warnings (a page that could not "
                                         "be fetched, archetype code left as written) go to standard error.\n\n"
                                         "Exit status: 0 on success, 1 if the file cannot be made, 2 on a "
                                         "usage error."),
                                       &argc, &argv, 1, 1))
    return CURATOR_CLI_EXIT_USAGE;

  dir = argv[1];
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      curator_cli_printerr (_("%s: error: not a folder\n"), dir);
      return CURATOR_CLI_EXIT_USAGE;
    }
  if (url != NULL && !is_web_address (url))
    {
      curator_cli_printerr (_("curator-cli new: --url must be an http or https address\n"));
      return CURATOR_CLI_EXIT_USAGE;
    }
  if (html_path != NULL && !g_file_test (html_path, G_FILE_TEST_EXISTS))
    {
      curator_cli_printerr (_("%s: error: no such file\n"), html_path);
      return CURATOR_CLI_EXIT_USAGE;
    }
  if (image != NULL && !is_web_address (image) && !g_file_test (image, G_FILE_TEST_EXISTS))
    {
      curator_cli_printerr (_("%s: error: no such file\n"), image);
      return CURATOR_CLI_EXIT_USAGE;
    }

  folder = g_file_new_for_commandline_arg (dir);
  import = curator_web_import_new (folder);
  curator_web_import_set_url (import, url);

  if (html_path != NULL)
    {
      g_autofree char *page_url = NULL;
      g_autofree char *content_language = NULL;
      g_autofree char *html = NULL;
      gsize length;

      html = read_page (html_path, &length, &page_url, &content_language);
      if (html == NULL)
        return CURATOR_CLI_EXIT_FAILURE;
      curator_web_import_set_page_html (import, html);
      curator_web_import_set_fetch_page_image (import, FALSE);
    }

  if (image != NULL && is_web_address (image))
    {
      curator_web_import_set_image_url (import, image);
    }
  else if (image != NULL)
    {
      g_autofree char *contents = NULL;
      gsize size;

      if (!g_file_get_contents (image, &contents, &size, &error))
        {
          curator_cli_print_problem (image, "error", error);
          return CURATOR_CLI_EXIT_FAILURE;
        }
      curator_web_import_set_image_bytes (import, g_bytes_new_take (g_steal_pointer (&contents), size));
    }

  if (!curator_web_import_run (import, NULL, &error))
    {
      curator_cli_print_problem (dir, "error", error);
      return CURATOR_CLI_EXIT_FAILURE;
    }

  if (curator_web_import_get_page_error (import) != NULL)
    curator_cli_printerr ("%s: warning: %s\n", url, curator_web_import_get_page_error (import));
  for (const char * const *w = curator_web_import_get_warnings (import); w != NULL && *w != NULL; w++)
    curator_cli_printerr ("%s: warning: %s\n", dir, *w);

  document = curator_web_import_get_document (import);
  if (dry_run)
    {
      g_autoptr(GBytes) bytes = curator_document_serialize (document);

      fwrite (g_bytes_get_data (bytes, NULL), 1, g_bytes_get_size (bytes), stdout);
      return CURATOR_CLI_EXIT_OK;
    }

  if (!curator_web_import_save (import, NULL, &error))
    {
      curator_cli_print_problem (dir, "error", error);
      return CURATOR_CLI_EXIT_FAILURE;
    }

  {
    g_autofree char *path = g_file_get_path (curator_document_get_file (document));

    curator_cli_print (path);
    curator_cli_print ("\n");
    if (curator_web_import_get_image_file (import) != NULL)
      {
        g_autofree char *image_path = g_file_get_path (curator_web_import_get_image_file (import));

        curator_cli_print (image_path);
        curator_cli_print ("\n");
      }
  }
  return CURATOR_CLI_EXIT_OK;
}
