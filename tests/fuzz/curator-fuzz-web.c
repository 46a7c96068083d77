/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The web layer's fuzz target: arbitrary bytes as a page. Aborts when an
 * invariant breaks:
 * - the bytes decode to valid UTF-8 (whatever charset they claim);
 * - the page facts are valid UTF-8, their JSON parses, and the addresses
 *   among them are absolute http(s);
 * - the sanitizer's output holds only what its allowlist allows, and
 *   sanitizing it again gives it back (fragment and main-content modes);
 * - the Markdown written from it is valid UTF-8. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "curator-web.h"

#include "curator-fuzz.h"
#include "web-test-html.h"

static void
check_sanitized (const char           *html,
                 gsize                 length,
                 CuratorSanitizeFlags  flags)
{
  g_autofree char *output = curator_html_sanitize (html, length, "https://fuzz.example/dir/page", flags);
  g_autofree char *again = NULL;
  g_autofree char *why = NULL;
  g_autofree char *markdown = NULL;

  if (!g_utf8_validate (output, -1, NULL))
    g_error ("sanitized output is not UTF-8");
  if (!web_test_html_is_clean (output, &why))
    g_error ("sanitized output is not clean (%s): %s", why, output);
  again = curator_html_sanitize (output, -1, "https://fuzz.example/dir/page", flags & ~CURATOR_SANITIZE_MAIN_CONTENT);
  if (strcmp (again, output) != 0)
    g_error ("not idempotent:\n%s\n!=\n%s", output, again);
  markdown = curator_markdown_from_html (output);
  if (!g_utf8_validate (markdown, -1, NULL))
    g_error ("Markdown is not UTF-8");
}

void
curator_fuzz_one_input (const guint8 *data,
                        gsize         size)
{
  /* The first byte picks a declared charset, as a server would send it. */
  static const char * const content_types[] = {
    NULL, "text/html; charset=utf-8", "text/html; charset=shift_jis", "text/html; charset=iso-8859-1",
    "text/html; charset=utf-16", "text/html; charset=euc-kr",
  };
  const char *content_type = size > 0 ? content_types[data[0] % G_N_ELEMENTS (content_types)] : NULL;
  g_autoptr(CuratorPageFacts) facts = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *html = NULL;
  g_autofree char *json = NULL;
  gsize length;

  html = curator_charset_decode_html ((const char *) data, size, content_type, NULL, &length);
  if (!g_utf8_validate (html, length, NULL) || strlen (html) != length)
    g_error ("decoded page is not UTF-8 without NUL");

  facts = curator_page_facts_new_from_html (html, length, "https://fuzz.example/dir/page");
  for (guint i = 0; i < CURATOR_N_PAGE_FACTS; i++)
    {
      const char *value = curator_page_facts_get (facts, i);

      if (value == NULL)
        continue;
      if (!g_utf8_validate (value, -1, NULL))
        g_error ("fact %s is not UTF-8", curator_page_fact_get_name (i));
      if ((i == CURATOR_PAGE_FACT_URL || i == CURATOR_PAGE_FACT_CANONICAL || i == CURATOR_PAGE_FACT_IMAGE) &&
          !g_str_has_prefix (value, "http://") && !g_str_has_prefix (value, "https://"))
        g_error ("fact %s is not an http(s) address: %s", curator_page_fact_get_name (i), value);
    }
  json = curator_page_facts_to_json (facts);
  if (!json_parser_load_from_data (parser, json, -1, NULL))
    g_error ("facts JSON does not parse: %s", json);

  check_sanitized (html, length, CURATOR_SANITIZE_NONE);
  check_sanitized (html, length, CURATOR_SANITIZE_MAIN_CONTENT | CURATOR_SANITIZE_BLOCKS_ON_LINES);
}
