/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Page facts, charsets and the HTML5 tree, offline: the fixture pages in
 * tests/web/pages (shapes of real sites: WordPress with Yoast's JSON-LD
 * graph, a news site's @graph, a Medium page, a bare <title>, a relative
 * og:image under a <base>, lazy images, Latin-1 and Shift_JIS) give the
 * facts in their .json twins exactly; then the sources one by one, the
 * date forms, the charset rules and the depth cap. */
#include "config.h"

#include <string.h>

#include "curator-web.h"


static char *
read_page_bytes (const char *name,
                 gsize      *length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "web", "pages", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

static CuratorPageFacts *
facts_from (const char *html,
            const char *url)
{
  return curator_page_facts_new_from_html (html, strlen (html), url);
}

static void
test_fixtures (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "web", "pages", NULL);
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *stem = NULL;
      g_autofree char *json_name = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *bytes = NULL;
      g_autofree char *html = NULL;
      g_autofree char *actual = NULL;
      g_autoptr(CuratorPageFacts) facts = NULL;
      g_autoptr(GRegex) url_regex = g_regex_new ("\"url\" : \"([^\"]+)\"", 0, 0, NULL);
      g_autoptr(GMatchInfo) match = NULL;
      g_autofree char *url = NULL;
      gsize length, html_length;

      if (!g_str_has_suffix (name, ".html"))
        continue;
      stem = g_strndup (name, strlen (name) - 5);
      json_name = g_strconcat (stem, ".json", NULL);
      expected = read_page_bytes (json_name, &length);
      g_assert_true (g_regex_match (url_regex, expected, 0, &match));
      url = g_match_info_fetch (match, 1);

      bytes = read_page_bytes (name, &length);
      html = curator_charset_decode_html (bytes, length, NULL, NULL, &html_length);
      facts = curator_page_facts_new_from_html (html, html_length, url);
      actual = curator_page_facts_to_json (facts);
      g_strchomp (expected);
      g_test_message ("%s", name);
      g_assert_cmpstr (actual, ==, expected);
      n++;
    }
  g_assert_cmpuint (n, >=, 8);
}

static void
test_entities (void)
{
  g_autoptr(CuratorPageFacts) facts = facts_from (
    "<html><head><title>x</title>"
    "<meta property=\"og:title\" content=\"Tom &amp;amp; Jerry &amp;#8217;s Day\">"
    "<meta name=\"description\" content=\"&lt;b&gt;Bold&lt;/b&gt; claims &amp;hellip;\">"
    "<script type=\"application/ld+json\">{\"@type\":\"Article\",\"author\":{\"name\":\"Zo&euml; Smith\"}}</script>"
    "</head><body></body></html>", "https://e.example/");

  g_assert_cmpstr (curator_page_facts_get (facts, CURATOR_PAGE_FACT_TITLE), ==, "Tom & Jerry ’s Day");
  g_assert_cmpstr (curator_page_facts_get (facts, CURATOR_PAGE_FACT_DESCRIPTION), ==, "Bold claims …");
  g_assert_cmpstr (curator_page_facts_get (facts, CURATOR_PAGE_FACT_AUTHOR), ==, "Zoë Smith");
}

static void
test_title_sources (void)
{
  struct {
    const char *head;
    const char *title;
  } cases[] = {
    /* JSON-LD before og:title before <title>. */
    { "<title>T | S</title><meta property=og:title content=OG><script type=application/ld+json>{\"@type\":\"BlogPosting\",\"headline\":\"LD\"}</script>", "LD" },
    { "<title>Some Page Title | Site</title><meta property=og:title content=\"Open Graph Title\">", "Open Graph Title" },
    /* og:title that is only the brand: the <title> says more. */
    { "<title>Real Story Title - Brand</title><meta property=og:title content=Brand><meta property=og:site_name content=Brand>", "Real Story Title" },
    /* The site's name first, then the title. */
    { "<title>Brand Name — Real Story Title Here</title><meta property=og:site_name content=\"Brand Name\">", "Real Story Title Here" },
    /* No site name: the part before the last separator when long enough. */
    { "<title>How We Built It: A Long Story | Engineering | Example Corp</title>", "How We Built It: A Long Story | Engineering" },
    /* A host name as the suffix. */
    { "<title>Quarterly numbers are out - example.com</title>", "Quarterly numbers are out" },
    /* twitter:title when nothing else. */
    { "<meta name=twitter:title content=\"Tweet Title\">", "Tweet Title" },
    /* A one-word <title>: the page's heading. */
    { "<title>Blog</title></head><body><h1>The Real Heading Of This Post</h1>", "The Real Heading Of This Post" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *html = g_strdup_printf ("<html><head>%s</head><body></body></html>", cases[i].head);
      g_autoptr(CuratorPageFacts) facts = facts_from (html, "https://www.example.com/a");

      g_test_message ("case %u", i);
      g_assert_cmpstr (curator_page_facts_get (facts, CURATOR_PAGE_FACT_TITLE), ==, cases[i].title);
    }
}

static void
test_author_and_date_sources (void)
{
  struct {
    const char *html;
    const char *author;
    const char *published;
  } cases[] = {
    { "<meta name=author content=\"Ann Lee\"><meta property=article:published_time content=2021-06-01T10:00:00+02:00>", "Ann Lee", "2021-06-01T10:00:00+02:00" },
    /* article:author as a URL is not a name. */
    { "<meta property=article:author content=https://facebook.com/x><meta name=dc.creator content=\"Bo Chen\">", "Bo Chen", NULL },
    /* itemprop in the page. */
    { "</head><body><span itemprop=author itemscope><span itemprop=name>Cy Diaz</span></span><meta itemprop=datePublished content=2020-02-02>", "Cy Diaz", "2020-02-02" },
    /* A byline and a <time> in the article; a comment's date is not the page's. */
    { "</head><body><article><p class=byline>By Dee Eve</p><time datetime=\"2019-09-09T09:09:09Z\">Sept. 9</time></article>", "Dee Eve", "2019-09-09T09:09:09Z" },
    { "</head><body><div class=comments><time datetime=2018-01-01>x</time></div>", NULL, NULL },
    /* The published date, not the modified one. */
    { "<meta property=article:modified_time content=2022-01-02><meta property=article:published_time content=2021-01-02>", NULL, "2021-01-02" },
    /* JSON-LD authors by reference, and a list. */
    { "<script type=application/ld+json>[{\"@type\":\"Person\",\"@id\":\"#p1\",\"name\":\"Eli F\"},{\"@type\":\"NewsArticle\",\"author\":[{\"@id\":\"#p1\"},\"Gil H\"],\"datePublished\":\"2017-07-07\"}]</script>", "Eli F, Gil H", "2017-07-07" },
    /* Broken JSON-LD is skipped; a CDATA-wrapped block is read. */
    { "<script type=application/ld+json>{\"@type\": \"Article\", broken</script><script type=application/ld+json>//<![CDATA[\n{\"@type\":\"Article\",\"author\":\"Ivy J\"}\n//]]></script>", "Ivy J", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *html = g_strdup_printf ("<html><head><title>t</title>%s</body></html>", cases[i].html);
      g_autoptr(CuratorPageFacts) facts = facts_from (html, "https://example.com/");

      g_test_message ("case %u", i);
      g_assert_cmpstr (curator_page_facts_get (facts, CURATOR_PAGE_FACT_AUTHOR), ==, cases[i].author);
      g_assert_cmpstr (curator_page_facts_get (facts, CURATOR_PAGE_FACT_PUBLISHED), ==, cases[i].published);
    }
}

static void
test_dates (void)
{
  struct {
    const char *text;
    const char *iso;
  } cases[] = {
    { "2024-03-05", "2024-03-05" },
    { "2024-03-05T09:30:00Z", "2024-03-05T09:30:00Z" },
    { "2024-03-05T09:30:00.123456+00:00", "2024-03-05T09:30:00Z" },
    { "2024-03-05 09:30", "2024-03-05T09:30:00" },
    { "2024-03-05T09:30:00-0500", "2024-03-05T09:30:00-05:00" },
    { "2024/3/5", "2024-03-05" },
    { "20240305", "2024-03-05" },
    { "Tue, 05 Mar 2024 10:00:00 GMT", "2024-03-05T10:00:00Z" },
    { "Tue, 05 Mar 2024 10:00:00 +0100", "2024-03-05T10:00:00+01:00" },
    { "5 March 2024", "2024-03-05" },
    { "March 5, 2024", "2024-03-05" },
    { "Mar. 5th, 2024", "2024-03-05" },
    { "2024-02-30", NULL },
    { "yesterday", NULL },
    { "", NULL },
    { "2024-13-01", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *iso = curator_page_facts_normalize_date (cases[i].text);

      g_assert_cmpstr (iso, ==, cases[i].iso);
    }
}

static void
test_resolve_url (void)
{
  struct {
    const char *base;
    const char *href;
    const char *url;
  } cases[] = {
    { "https://a.example/b/c.html", "d.jpg", "https://a.example/b/d.jpg" },
    { "https://a.example/b/c.html", "/d.jpg", "https://a.example/d.jpg" },
    { "https://a.example/b/c.html", "//cdn.example/d.jpg", "https://cdn.example/d.jpg" },
    { "https://a.example/b/c.html", " \thttp://x.example/\n ", "http://x.example/" },
    { "https://a.example/", "javascript:alert(1)", NULL },
    { "https://a.example/", "java\tscript:alert(1)", NULL },
    { "https://a.example/", "data:image/png;base64,AAAA", NULL },
    { "https://a.example/", "ftp://files.example/x", NULL },
    { NULL, "relative.jpg", NULL },
    { NULL, "https://ok.example/", "https://ok.example/" },
    { NULL, "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = curator_page_facts_resolve_url (cases[i].base, cases[i].href);

      g_assert_cmpstr (url, ==, cases[i].url);
    }
}

static void
test_first_paragraph (void)
{
  g_autoptr(CuratorPageFacts) facts = facts_from (
    "<html><head><title>A Story</title></head><body>"
    "<nav><p>Home About Contact Subscribe to the newsletter today for more</p></nav>"
    "<article><p>By Someone Important</p><p>Short.</p>"
    "<figure><p>A caption that is rather long but belongs to a photograph, not the text</p></figure>"
    "<p>The first real paragraph of the story says what happened, where and why it matters.</p>"
    "<p>The second paragraph.</p></article></body></html>", NULL);

  g_assert_cmpstr (curator_page_facts_get (facts, CURATOR_PAGE_FACT_DESCRIPTION), ==,
                   "The first real paragraph of the story says what happened, where and why it matters.");
}

static void
test_no_facts (void)
{
  g_autoptr(CuratorPageFacts) facts = facts_from ("", NULL);
  g_autofree char *json = curator_page_facts_to_json (facts);

  for (guint i = 0; i < CURATOR_N_PAGE_FACTS; i++)
    g_assert_null (curator_page_facts_get (facts, i));
  g_assert_nonnull (strstr (json, "\"title\" : null"));
}

static void
test_merge_and_names (void)
{
  g_autoptr(CuratorPageFacts) facts = curator_page_facts_new ();
  g_autoptr(CuratorPageFacts) dropped = curator_page_facts_new ();
  g_autofree char *title = NULL;

  curator_page_facts_set (facts, CURATOR_PAGE_FACT_TITLE, "From the page");
  curator_page_facts_set (dropped, CURATOR_PAGE_FACT_TITLE, "From the drop");
  curator_page_facts_set (dropped, CURATOR_PAGE_FACT_URL, "https://drop.example/");
  curator_page_facts_merge (facts, dropped);
  g_assert_cmpstr (curator_page_facts_get (facts, CURATOR_PAGE_FACT_TITLE), ==, "From the page");
  g_assert_cmpstr (curator_page_facts_get (facts, CURATOR_PAGE_FACT_URL), ==, "https://drop.example/");

  /* The facts are properties the import panel binds to. */
  g_object_get (facts, "title", &title, NULL);
  g_assert_cmpstr (title, ==, "From the page");
  g_object_set (facts, "title", "", NULL);
  g_assert_null (curator_page_facts_get (facts, CURATOR_PAGE_FACT_TITLE));

  for (guint i = 0; i < CURATOR_N_PAGE_FACTS; i++)
    g_assert_cmpint (curator_page_fact_from_name (curator_page_fact_get_name (i)), ==, i);
  g_assert_cmpint (curator_page_fact_from_name ("nope"), ==, -1);
}

/* Charsets */

static void
test_charset_detect (void)
{
  struct {
    const char *bytes;
    const char *content_type;
    const char *charset;
  } cases[] = {
    { "\xEF\xBB\xBF<meta charset=latin1>", "text/html; charset=shift_jis", "UTF-8" },
    { "\xFF\xFE<\0h\0", NULL, "UTF-16LE" },
    { "<meta charset=latin1>", "text/html; charset=\"Shift_JIS\"", "CP932" },
    { "<meta charset=latin1>", "text/html", "WINDOWS-1252" },
    { "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=euc-jp\">", NULL, "EUC-JP" },
    { "<!-- <meta charset=koi8-r> --><meta charset='iso-8859-2'>", NULL, "ISO-8859-2" },
    { "<meta charset=utf-16>", NULL, "UTF-8" },
    { "<meta charset=bogus><p>caf\xC3\xA9", NULL, "UTF-8" },
    { "<p>caf\xE9", NULL, "WINDOWS-1252" },
    { "<body><meta charset=koi8-r>", NULL, "UTF-8" },
    { "<meta name=x content=y><meta charset=\" GBK \">", NULL, "GBK" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize length = i == 1 ? 6 : strlen (cases[i].bytes);

      g_test_message ("case %u", i);
      g_assert_cmpstr (curator_charset_detect_html (cases[i].bytes, length, cases[i].content_type), ==,
                       cases[i].charset);
    }

  g_assert_cmpstr (curator_charset_from_label ("866"), ==, "IBM866");
  g_assert_cmpstr (curator_charset_from_label ("X-X-BIG5"), ==, "BIG5-HKSCS");
  g_assert_cmpstr (curator_charset_from_label ("windows-1250"), ==, "WINDOWS-1250");
  g_assert_null (curator_charset_from_label ("ebcdic"));
}

static void
test_charset_decode (void)
{
  /* "日本" in Shift_JIS, then an invalid lead byte. */
  g_autofree char *sjis = curator_charset_to_utf8 ("\x93\xfa\x96\x7b\x81", 5, "CP932", NULL);
  g_autofree char *latin = curator_charset_to_utf8 ("\xC4rzte \x80", 7, "WINDOWS-1252", NULL);
  g_autofree char *bad_utf8 = curator_charset_to_utf8 ("a\xFF" "b\0c", 5, "UTF-8", NULL);
  g_autofree char *utf16 = curator_charset_to_utf8 ("\xFF\xFE" "a\0\xE9\0", 6, "UTF-16LE", NULL);
  g_autofree char *bom = curator_charset_to_utf8 ("\xEF\xBB\xBFok", 5, "UTF-8", NULL);

  g_assert_cmpstr (sjis, ==, "日本\xEF\xBF\xBD");
  g_assert_cmpstr (latin, ==, "Ärzte €");
  g_assert_cmpstr (bad_utf8, ==, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c");
  g_assert_cmpstr (utf16, ==, "aé");
  g_assert_cmpstr (bom, ==, "ok");
}

/* The HTML5 tree */

static void
test_fragment_and_text (void)
{
  const char *html = "<p>a<b> b </b>  c<script>x</script>";
  g_autoptr(CuratorHtmlDocument) fragment = curator_html_document_parse_fragment (html, strlen (html));
  g_autofree char *text = curator_html_dup_text (curator_html_document_get_body (fragment));
  g_autofree char *decoded = curator_html_decode_entities ("&lt;b&gt; &eacute; &#x1F600; &NotEqualTilde; &bogus; </textarea>");
  g_autofree char *stripped = curator_html_strip_tags ("<p>One <b>two</b></p>\n<p>three&nbsp;four</p>");

  g_assert_null (curator_html_document_get_head (fragment));
  g_assert_cmpstr (text, ==, "a b c");
  g_assert_cmpstr (decoded, ==, "<b> é 😀 ≂̸ &bogus; </textarea>");
  g_assert_cmpstr (stripped, ==, "One two three four");
}

static guint
tree_depth (CuratorHtmlDocument *document)
{
  GumboNode *root = curator_html_document_get_document (document);
  guint deepest = 0;

  for (GumboNode *node = root; node != NULL; node = curator_html_next (node, root, FALSE))
    {
      guint depth = 0;

      for (GumboNode *up = node; up != NULL; up = up->parent)
        depth++;
      deepest = MAX (deepest, depth);
    }
  return deepest;
}

/* Pages nested thousands deep are cut at the cap: Gumbo's tree building
 * takes time in proportion to the depth for every tag. */
static void
test_depth_cap (void)
{
  const char *units[] = {
    "<div>",                /* plain nesting */
    "<div></span>",         /* end tags of elements never opened */
    "<div/>",               /* the slash does not close an HTML element */
    "<b><div></b>",         /* the adoption agency keeps the div open */
    "<i x=%u><p>",          /* formatting elements that come back in each block */
    "<table><td>",
    "<x-custom>",
  };

  for (guint u = 0; u < G_N_ELEMENTS (units); u++)
    {
      g_autoptr(GString) html = g_string_new (NULL);
      g_autoptr(CuratorHtmlDocument) document = NULL;
      gint64 start;
      double seconds;

      for (guint i = 0; i < 50000; i++)
        {
          /* Formatting elements that differ, so that none is dropped as
           * a copy of another. */
          if (strstr (units[u], "%u") != NULL)
            g_string_append_printf (html, "<i x=%u><p>", i);
          else
            g_string_append (html, units[u]);
        }
      start = g_get_monotonic_time ();
      document = curator_html_document_parse (html->str, html->len);
      seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
      g_test_message ("%s x 50000: %.2f s", units[u], seconds);
      g_assert_true (curator_html_document_was_truncated (document));
      g_assert_cmpfloat (seconds, <, 5);
      g_assert_cmpuint (tree_depth (document), <=, CURATOR_HTML_MAX_DEPTH + 8);
    }

  /* A few hundred formatting elements left open, then paragraphs: each
   * paragraph would hold them all again. */
  {
    g_autoptr(GString) html = g_string_new (NULL);
    g_autoptr(CuratorHtmlDocument) document = NULL;
    guint n = 0;

    for (guint i = 0; i < 200; i++)
      g_string_append_printf (html, "<i x=%u>", i);
    for (guint i = 0; i < 20000; i++)
      g_string_append (html, "<p>x");
    document = curator_html_document_parse (html->str, html->len);
    g_assert_true (curator_html_document_was_truncated (document));
    for (GumboNode *node = curator_html_document_get_document (document); node != NULL;
         node = curator_html_next (node, curator_html_document_get_document (document), FALSE))
      n++;
    g_assert_cmpuint (n, <=, 2 * CURATOR_HTML_MAX_ELEMENTS);
  }

  /* Real pages are not cut: unclosed <p> and <li> do not nest, nor do
   * many formatting elements that close. */
  {
    g_autoptr(GString) html = g_string_new ("<ul>");
    g_autoptr(CuratorHtmlDocument) document = NULL;

    for (guint i = 0; i < 5000; i++)
      g_string_append (html, "<li><p>item <b>bold</b> <font color=red>red</font>");
    g_string_append (html, "</ul><svg><path d=x/><path d=y/><g><circle r=1/></g></svg>");
    for (guint i = 0; i < 100; i++)
      g_string_append (html, "<div><section><p>x</section></div>");
    document = curator_html_document_parse (html->str, html->len);
    g_assert_false (curator_html_document_was_truncated (document));
  }
}

/* A tree of pieces of every size (the document's allocations come from
 * blocks of its own, large ones apart): each reads back whole, in order,
 * from two documents alive at once. */
static void
test_pieces_of_every_size (void)
{
  const gsize sizes[] = { 1, 15, 16, 17, 4000, 16383, 16385, 70000, 300000, 2100000 };
  g_autoptr(GString) html = g_string_new ("<!doctype html><title>Pieces</title><body>");
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CuratorHtmlDocument) document = NULL;
  g_autoptr(CuratorHtmlDocument) second = NULL;
  guint found = 0;

  for (guint round = 0; round < 3; round++)
    for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
      {
        char *text = g_malloc (sizes[i] + 1);

        for (gsize j = 0; j < sizes[i]; j++)
          text[j] = 'a' + (j * 7 + i + round) % 26;
        text[sizes[i]] = '\0';
        g_string_append_printf (html, "<div id=p%u title=\"%s\"><p>%s</p>", texts->len, text, text);
        for (guint k = 0; k < 50; k++)
          g_string_append (html, "<span class=small>x</span>");
        g_string_append (html, "</div>");
        g_ptr_array_add (texts, text);
      }

  document = curator_html_document_parse (html->str, html->len);
  second = curator_html_document_parse (html->str, html->len);
  g_assert_false (curator_html_document_was_truncated (document));

  for (GumboNode *node = curator_html_document_get_body (document); node != NULL;
       node = curator_html_next (node, curator_html_document_get_body (document), FALSE))
    {
      const char *id = curator_html_get_attribute (node, "id");
      GumboVector *children;
      g_autofree char *text = NULL;
      const char *expected;

      if (id == NULL)
        continue;
      expected = g_ptr_array_index (texts, atoi (id + 1));
      g_assert_cmpstr (curator_html_get_attribute (node, "title"), ==, expected);
      children = curator_html_get_children (node);
      g_assert_cmpuint (children->length, ==, 51);
      text = curator_html_dup_text (children->data[0]);
      g_assert_cmpstr (text, ==, expected);
      g_assert_true (curator_html_is_element (children->data[50], GUMBO_TAG_SPAN));
      g_assert_cmpuint (atoi (id + 1), ==, found);
      found++;
    }
  g_assert_cmpuint (found, ==, texts->len);
  g_clear_pointer (&document, curator_html_document_free);

  /* The other tree is its own. */
  {
    GumboNode *body = curator_html_document_get_body (second);
    g_autofree char *last = curator_html_dup_text (((GumboNode *) curator_html_get_children (body)->data[texts->len - 1]));

    g_assert_true (g_str_has_prefix (last, g_ptr_array_index (texts, texts->len - 1)));
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/web/facts/fixtures", test_fixtures);
  g_test_add_func ("/web/facts/entities", test_entities);
  g_test_add_func ("/web/facts/title-sources", test_title_sources);
  g_test_add_func ("/web/facts/author-and-date-sources", test_author_and_date_sources);
  g_test_add_func ("/web/facts/dates", test_dates);
  g_test_add_func ("/web/facts/resolve-url", test_resolve_url);
  g_test_add_func ("/web/facts/first-paragraph", test_first_paragraph);
  g_test_add_func ("/web/facts/no-facts", test_no_facts);
  g_test_add_func ("/web/facts/merge-and-names", test_merge_and_names);
  g_test_add_func ("/web/charset/detect", test_charset_detect);
  g_test_add_func ("/web/charset/decode", test_charset_decode);
  g_test_add_func ("/web/html/fragment-and-text", test_fragment_and_text);
  g_test_add_func ("/web/html/depth-cap", test_depth_cap);
  g_test_add_func ("/web/html/pieces-of-every-size", test_pieces_of_every_size);

  return g_test_run ();
}
