/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The HTML sanitizer, adversarially: the preview's vectors
 * (tests/preview/adversarial.html, design/preview-security.md) and the
 * mutation-XSS classes (nested forms, noscript, template, svg and math
 * namespace confusion, comment and CDATA tricks, raw-text elements,
 * obfuscated javascript: addresses). Every output is checked by parsing it
 * again with the HTML5 parser: only allowed elements and attributes, only
 * allowed address schemes; and sanitizing it again gives it back (the
 * idempotence property), on the vectors, the fixture pages and about 200
 * bodies of the Medigy corpus. Then exact outputs for the compact
 * writing, lazy images and the main content of real sites' shapes. */
#include "config.h"

#include <string.h>

#include "curator-web.h"

#include "curator-test-corpus.h"
#include "curator-test-utils.h"
#include "web-test-html.h"

/* Fails the test unless @html, read by a browser's parser, holds only what
 * the allowlist allows. */
static void
assert_clean (const char *html,
              const char *context)
{
  g_autofree char *why = NULL;

  if (!web_test_html_is_clean (html, &why))
    g_error ("%s: %s, in: %s", context, why, html);
}

/* The idempotence property: the output, parsed and sanitized again, is
 * itself. */
static void
assert_stable (const char           *output,
               const char           *base,
               CuratorSanitizeFlags  flags,
               const char           *context)
{
  g_autofree char *again = curator_html_sanitize (output, -1, base, flags & ~CURATOR_SANITIZE_MAIN_CONTENT);

  if (strcmp (again, output) != 0)
    g_error ("%s: not stable:\n%s\nbecame\n%s", context, output, again);
}

static char *
sanitize_checked (const char           *html,
                  const char           *base,
                  CuratorSanitizeFlags  flags,
                  const char           *context)
{
  char *output = curator_html_sanitize (html, -1, base, flags);

  assert_clean (output, context);
  assert_stable (output, base, flags, context);
  return output;
}

static const char * const vectors[] = {
  /* Scripts, handlers, addresses */
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "<img src=x:alert(alt) onerror=eval(src) alt=0>",
  "<body onload=alert(1)>",
  "<p onmouseover=alert(1) onclick='x'>hover</p>",
  "<a href=\"javascript:alert(1)\">x</a>",
  "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
  "<a href=\" javascript:alert(1)\">x</a>",
  "<a href=\"java&#x09;script:alert(1)\">x</a>",
  "<a href=\"java\nscript:alert(1)\">x</a>",
  "<a href=\"&#106;avascript:alert(1)\">x</a>",
  "<a href=\"javascript&colon;alert(1)\">x</a>",
  "<a href=\"java&#0;script:alert(1)\">x</a>",
  "<a href=\"&#1;javascript:alert(1)\">x</a>",
  "<a href=\"vbscript:msgbox(1)\">x</a>",
  "<a href=\"data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;\">x</a>",
  "<a href=\"file:///etc/passwd\">x</a>",
  "<img src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">",
  "<img src=\"javascript:alert(1)\">",
  "<img src=\"mailto:a@b.c\">",
  "<a href=\"https://ok.example/\" title=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\">ok</a>",
  "\"><script>alert(1)</script>",
  "<scr<script>ipt>alert(1)</script>",
  "<img src=\"x",
  /* Styles and embedded documents */
  "<div style=\"background:url(javascript:alert(1))\">x</div>",
  "<p style=\"x:expression(alert(1))\">x</p>",
  "<style>@import 'javascript:alert(1)';</style>",
  "<link rel=stylesheet href=\"javascript:alert(1)\">",
  "<iframe src=\"javascript:alert(1)\"></iframe>",
  "<iframe srcdoc=\"&lt;script&gt;alert(1)&lt;/script&gt;\"></iframe>",
  "<object data=\"javascript:alert(1)\"><p>fallback</p></object>",
  "<embed src=\"javascript:alert(1)\">",
  "<applet code=x>",
  "<frameset onload=alert(1)><frame src=x>",
  "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
  "<base href=\"javascript:alert(1)//\"><a href=\"x\">x</a>",
  "<isindex action=javascript:alert(1) type=image>",
  "<video poster=javascript:alert(1)><source src=x onerror=alert(1)></video>",
  "<audio src=x onerror=alert(1)>",
  "<input type=image src=x onerror=alert(1)>",
  "<button formaction=javascript:alert(1)>x</button>",
  "<details open ontoggle=alert(1)><summary>s</summary>x</details>",
  "<marquee onstart=alert(1)>x</marquee>",
  /* Forms, nested */
  "<form action=\"https://evil.example/\"><input name=q></form>",
  "<form id=a><form id=b><input></form></form>",
  "<form><div></form><form><input>",
  "<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>",
  /* noscript and template */
  "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
  "<noscript><style></noscript><img src=x onerror=alert(1)>",
  "<template><script>alert(1)</script></template>",
  "<template><img src=x onerror=alert(1)></template>",
  "<select><template><img src=x onerror=alert(1)></template></select>",
  /* svg and math: namespace confusion */
  "<svg onload=alert(1)>",
  "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
  "<svg></p><style><a id=\"</style><img src=1 onerror=alert(1)>\">",
  "<svg><style>&lt;img src=x onerror=alert(1)&gt;</style></svg>",
  "<svg><p><style><img src=x onerror=alert(1)></style></p></svg>",
  "<math><mtext><table><mglyph><style><!--</style><img title=\"--&gt;&lt;img src=1 onerror=alert(1)&gt;\">",
  "<math><mi><mglyph><svg><mtext><textarea><path id=\"</textarea><img onerror=alert(1) src=1>\">",
  "<math href=\"javascript:alert(1)\">x</math>",
  "<math><annotation-xml encoding=\"text/html\"><img src=x onerror=alert(1)></annotation-xml></math>",
  "<svg><foreignObject><img src=x onerror=alert(1)></foreignObject></svg>",
  /* Comments and CDATA */
  "<!--><img src=x onerror=alert(1)>-->",
  "<!-- --!><img src=x onerror=alert(1)> -->",
  "<!--<img src=x onerror=alert(1)>-->",
  "<![CDATA[><img src=x onerror=alert(1)>]]>",
  "<svg><![CDATA[><img src=x onerror=alert(1)>]]></svg>",
  "<?xml version=\"1.0\"?><img src=x onerror=alert(1)>",
  /* Raw text elements */
  "<xmp><img src=x onerror=alert(1)></xmp>",
  "<plaintext><img src=x onerror=alert(1)>",
  "<listing>&lt;img src=x onerror=alert(1)&gt;</listing>",
  "<textarea><img src=x onerror=alert(1)></textarea>",
  "<title><img src=x onerror=alert(1)></title>",
  "<noembed><img src=x onerror=alert(1)></noembed>",
  "<noframes><img src=x onerror=alert(1)></noframes>",
  "<style><img src=x onerror=alert(1)></style>",
  /* Tables and misnesting */
  "<table><tr><td><a href=\"javascript:alert(1)\">x</td></tr><style>x</style></table>",
  "<table><form><tr><td><input></td></tr></form></table>",
  "<p><table><tr><td>cell</td></tr></table></p>",
  "<a href=\"https://a.example/\"><div><a href=\"https://b.example/\">inner</a></div></a>",
  "<b><p>bold<i>both</b>italic</i></p>",
  "<p><object><p>inner</p></object></p>",
  "<h1><h2>x</h2></h1>",
  "<li>orphan<dd>orphan too",
  "<tr><td>outside a table</td></tr>",
  /* Tracking */
  "<img src=\"https://pixel.example/pixel.gif\" width=1 height=1>",
  "<img src=\"https://www.facebook.com/tr?id=1\">",
  /* Attributes */
  "<div id=x class=y data-x=z aria-label=l lang=en-US title=t dir=rtl>x</div>",
  "<td colspan=2 rowspan=\"3x\">cell</td>",
  "<img src=https://ok.example/a.png width=\"100%\" height=80 alt=\"a\nb\">",
  "<ol start=\"3\" reversed><li>x</li></ol>",
  "<bdo dir=\"evil\">x</bdo>",
};

static void
test_vectors (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      g_autofree char *context = g_strdup_printf ("vector %u: %s", i, vectors[i]);
      g_autofree char *with_base = sanitize_checked (vectors[i], "https://base.example/dir/page.html",
                                                     CURATOR_SANITIZE_NONE, context);
      g_autofree char *without_base = sanitize_checked (vectors[i], NULL, CURATOR_SANITIZE_BLOCKS_ON_LINES, context);
      g_autofree char *as_page = sanitize_checked (vectors[i], "https://base.example/", CURATOR_SANITIZE_MAIN_CONTENT, context);

      g_test_message ("%s -> %s", vectors[i], with_base);
    }
}

static void
test_preview_vectors (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "preview", "adversarial.html", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *html = NULL;
  g_autofree char *output = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) pieces = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  pieces = g_strsplit (contents, "@H@", -1);
  html = g_strjoinv ("http://127.0.0.1:9", pieces);
  g_strfreev (pieces);
  pieces = g_strsplit (html, "@S@", -1);
  g_free (html);
  html = g_strjoinv ("https://127.0.0.1:9", pieces);
  g_strfreev (pieces);
  pieces = g_strsplit (html, "@W@", -1);
  g_free (html);
  html = g_strjoinv ("ws://127.0.0.1:9", pieces);

  output = sanitize_checked (html, "https://page.example/", CURATOR_SANITIZE_NONE, "adversarial.html");
  g_test_message ("%s", output);
  /* What a body may keep: text, links and images over http(s). */
  g_assert_nonnull (strstr (output, "ADVERSARIAL-RENDERED"));
  g_assert_nonnull (strstr (output, "ADVERSARIAL-END"));
  g_assert_nonnull (strstr (output, "<a href=\"http://127.0.0.1:9/link-click\">a link</a>"));
  g_assert_nonnull (strstr (output, "<img src=\"http://127.0.0.1:9/img-srcset-2x.png\" alt=\"srcset\">"));
  g_assert_null (strstr (output, "PWNED"));
  g_assert_null (strstr (output, " ping="));
  g_assert_null (strstr (output, "\"file:"));
  g_assert_null (strstr (output, " style="));
  g_assert_null (strstr (output, "<style"));
}

static void
test_outputs (void)
{
  struct {
    const char *html;
    const char *base;
    CuratorSanitizeFlags flags;
    const char *output;
  } cases[] = {
    /* Compact: white space collapsed, none at block edges. */
    { "\n<p>Hello   <b>world</b>\n</p>\n\n<p> x <i> y </i> </p>\n", NULL, 0, "<p>Hello <b>world</b></p><p>x <i>y</i></p>" },
    { "<p>a<br>\n b</p>", NULL, 0, "<p>a<br>b</p>" },
    { "<p>a <span></span> b</p><p></p><div><span> </span></div>", NULL, 0, "<p>a b</p>" },
    { "<p>&nbsp;</p><p>x&nbsp;y &amp; &lt;z&gt; \"q\"</p>", NULL, 0, "<p>&nbsp;</p><p>x&nbsp;y &amp; &lt;z&gt; \"q\"</p>" },
    /* <pre> is kept as written; its leading newline survives parsing. */
    { "<pre>\n\n  code\n    more\n</pre>", NULL, 0, "<pre>\n\n  code\n    more\n</pre>" },
    /* Table cells hold their place. */
    { "<table><tr><td></td><td>b</td></tr></table>", NULL, 0, "<table><tbody><tr><td></td><td>b</td></tr></tbody></table>" },
    /* Unknown and disallowed elements give way to their text. */
    { "<section><font color=red>red</font> <custom-el>custom</custom-el></section>", NULL, 0, "red custom" },
    /* Relative addresses made absolute; fragments and mail kept. */
    { "<a href=\"../x?a=1&amp;b=2\">x</a> <a href=\"#top\">t</a> <a href=\"mailto:a@b.example\">m</a>",
      "https://s.example/a/b/", 0,
      "<a href=\"https://s.example/a/x?a=1&amp;b=2\">x</a> <a href=\"https://s.example/a/b/#top\">t</a> <a href=\"mailto:a@b.example\">m</a>" },
    { "<a href=\"../x\">x</a>", NULL, 0, "<a href=\"../x\">x</a>" },
    { "<a href=\"javascript:alert(1)\">just text</a>", NULL, 0, "just text" },
    /* Lazy images get their real address; the noscript copy is the same
     * image; pixels and placeholders go. */
    { "<img src=\"data:image/gif;base64,R0l\" data-src=\"/real.jpg\" alt=\"r\"><noscript><img src=\"/real.jpg\"></noscript>"
      "<img srcset=\"/s.jpg 480w, /l.jpg 1200w\"><img src=\"/p.gif\" width=1 height=1>",
      "https://s.example/", 0,
      "<img src=\"https://s.example/real.jpg\" alt=\"r\"><img src=\"https://s.example/l.jpg\">" },
    /* Blocks on lines of their own, for folders written so. */
    { "<p>a</p> <ul><li>b</li></ul>text<h2>c</h2>", NULL, CURATOR_SANITIZE_BLOCKS_ON_LINES, "<p>a</p>\n<ul><li>b</li></ul>text\n<h2>c</h2>" },
    { "", NULL, 0, "" },
    { "   \n ", NULL, 0, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *context = g_strdup_printf ("case %u", i);
      g_autofree char *output = sanitize_checked (cases[i].html, cases[i].base, cases[i].flags, context);

      g_assert_cmpstr (output, ==, cases[i].output);
    }
}

static char *
read_page (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "web", "pages", name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return curator_charset_decode_html (contents, length, NULL, NULL, NULL);
}

static void
test_main_content (void)
{
  g_autofree char *wordpress = read_page ("wordpress.html");
  g_autofree char *news = read_page ("news-graph.html");
  g_autofree char *medium = read_page ("medium.html");
  g_autofree char *wordpress_body = sanitize_checked (wordpress, "https://healthtech.example/2023/05/rpm-grows-up/",
                                                      CURATOR_SANITIZE_MAIN_CONTENT, "wordpress.html");
  g_autofree char *news_body = sanitize_checked (news, "https://news.example/health/x", CURATOR_SANITIZE_MAIN_CONTENT, "news-graph.html");
  g_autofree char *medium_body = sanitize_checked (medium, "https://medium.com/@p/x", CURATOR_SANITIZE_MAIN_CONTENT, "medium.html");

  /* The article's text, its list, figure and quote; not the title, the
   * byline, the share bar, the pixel, the comments, the menus. */
  g_assert_true (g_str_has_prefix (wordpress_body, "<p>Remote patient monitoring, or RPM, spent years"));
  g_assert_true (g_str_has_suffix (wordpress_body, "not just the device.</p>"));
  g_assert_nonnull (strstr (wordpress_body, "<ul><li>Enrollment scripts for the front desk</li>"));
  g_assert_nonnull (strstr (wordpress_body, "<figure><img src=\"https://healthtech.example/wp-content/uploads/2023/05/dashboard.png\" alt=\"A monitoring dashboard\" width=\"800\" height=\"450\"><figcaption>"));
  g_assert_nonnull (strstr (wordpress_body, "<blockquote><p>“We stopped"));
  g_assert_null (strstr (wordpress_body, "Share this"));
  g_assert_null (strstr (wordpress_body, "pixel.wp.com"));
  g_assert_null (strstr (wordpress_body, "Great overview"));
  g_assert_null (strstr (wordpress_body, "Recent Posts"));
  g_assert_null (strstr (wordpress_body, "<h1>"));

  g_assert_true (g_str_has_prefix (news_body, "<p>A nurse who visits within three days"));
  g_assert_null (strstr (news_body, "Advertisement"));
  g_assert_null (strstr (news_body, "Related"));
  g_assert_null (strstr (news_body, "Maria Lopez"));

  g_assert_nonnull (strstr (medium_body, "<a href=\"http://theopenjournalism.org\">Open Journalism site</a>"));
  g_assert_null (strstr (medium_body, "Tweet"));
  g_assert_null (strstr (medium_body, "Sign in to respond"));
}

/* A page parsed once gives its facts and its body: the body from the
 * parsed page is the one its text gives, and the page is left as it was
 * (its facts the same after). */
static void
test_parsed_page (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "web", "pages", NULL);
  g_autoptr(GDir) pages = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (pages);
  while ((name = g_dir_read_name (pages)) != NULL)
    {
      g_autofree char *html = NULL;
      g_autoptr(CuratorHtmlDocument) page = NULL;
      g_autoptr(CuratorPageFacts) before = NULL;
      g_autoptr(CuratorPageFacts) after = NULL;
      g_autofree char *before_json = NULL;
      g_autofree char *after_json = NULL;

      if (!g_str_has_suffix (name, ".html"))
        continue;
      html = read_page (name);
      page = curator_html_document_parse (html, strlen (html));
      before = curator_page_facts_new_from_document (page, "https://example.org/a/b");
      for (guint f = 0; f < 2; f++)
        {
          CuratorSanitizeFlags flags = f == 0 ? CURATOR_SANITIZE_NONE : CURATOR_SANITIZE_BLOCKS_ON_LINES;
          g_autofree char *from_text = curator_html_sanitize (html, -1, "https://example.org/a/b",
                                                              flags | CURATOR_SANITIZE_MAIN_CONTENT);
          g_autofree char *from_page = curator_html_sanitize_page (page, "https://example.org/a/b", flags);

          g_assert_cmpstr (from_page, ==, from_text);
        }
      after = curator_page_facts_new_from_document (page, "https://example.org/a/b");
      before_json = curator_page_facts_to_json (before);
      after_json = curator_page_facts_to_json (after);
      g_assert_cmpstr (after_json, ==, before_json);
      n++;
    }
  g_assert_cmpuint (n, >=, 8);
}

/* Real bodies: about 200 Medigy files, spread over the corpus. */
static void
test_corpus_bodies (void)
{
  g_autoptr(GPtrArray) files = NULL;
  guint n = 0, step;

  if (curator_test_corpus_dir () == NULL)
    return;
  files = curator_test_corpus_files ("medigy");
  step = MAX (1, files->len / 200);
  for (guint i = 0; i < files->len; i += step)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autoptr(GBytes) bytes = curator_test_corpus_read (path);
      g_autoptr(CuratorDocument) document = curator_document_new (NULL);
      g_autofree char *body = NULL;
      g_autofree char *output = NULL;

      if (!curator_document_load_from_bytes (document, bytes, NULL))
        continue;
      body = curator_document_dup_body (document);
      output = sanitize_checked (body, "https://www.medigy.com/", CURATOR_SANITIZE_NONE, path);
      n++;
    }
  g_test_message ("%u bodies", n);
  g_assert_cmpuint (n, >, files->len / step / 2);
}

/* Pseudo-random tag soup: the properties hold for it too. */
static void
test_soup (void)
{
  static const char * const parts[] = {
    "<p>", "</p>", "<div>", "</div>", "<b>", "</b>", "<a href=x>", "</a>", "<table>", "<td>", "<tr>",
    "<form>", "</form>", "<svg>", "</svg>", "<math>", "<mi>", "<style>", "</style>", "<script>",
    "</script>", "<!--", "-->", "<![CDATA[", "]]>", "<noscript>", "</noscript>", "<template>",
    "</template>", "<select>", "<option>", "<textarea>", "</textarea>", "<pre>", "\n", " ", "text",
    "<img src=y onerror=z>", "<li>", "<ul>", "<h1>", "<h2>", "<object>", "<p title=\"</p><img>\">",
    "&amp;", "&nbsp;", "<br>", "<xmp>", "</xmp>", "<iframe>", "</iframe>", "<table><caption>",
  };
  GRand *rand = g_rand_new_with_seed (20240229);

  for (guint round = 0; round < 2000; round++)
    {
      g_autoptr(GString) html = g_string_new (NULL);
      g_autofree char *context = NULL;
      g_autofree char *output = NULL;
      guint n = g_rand_int_range (rand, 1, 40);

      for (guint i = 0; i < n; i++)
        g_string_append (html, parts[g_rand_int_range (rand, 0, G_N_ELEMENTS (parts))]);
      context = g_strdup_printf ("soup %u: %s", round, html->str);
      output = sanitize_checked (html->str, "https://s.example/", round % 3 == 0 ? CURATOR_SANITIZE_MAIN_CONTENT : 0, context);
    }
  g_rand_free (rand);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/web/sanitizer/vectors", test_vectors);
  g_test_add_func ("/web/sanitizer/preview-vectors", test_preview_vectors);
  g_test_add_func ("/web/sanitizer/outputs", test_outputs);
  g_test_add_func ("/web/sanitizer/main-content", test_main_content);
  g_test_add_func ("/web/sanitizer/parsed-page", test_parsed_page);
  g_test_add_func ("/web/sanitizer/corpus-bodies", test_corpus_bodies);
  g_test_add_func ("/web/sanitizer/soup", test_soup);

  return g_test_run ();
}
