/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-markdown"

#include "config.h"

#include <string.h>

#include "curator-model.h"
#include "curator-render.h"
#include "curator-markdown-private.h"
#include "curator-test-corpus.h"
#include "curator-test-utils.h"

/* Markdown bodies rendered as Hugo 0.111 renders them: against Hugo's
 * own output for the same bodies (golden/, see make-golden.py), in runs
 * exactly as in one piece (the corpus, random edits), shortcodes as
 * chips, alerts as callouts, raw HTML shown or left out. */

static char *
read_test_file (const char *relative)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, relative, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

/* The body of a content file, as the editor has it. */
static char *
load_body (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CuratorDocument) document = curator_document_new (file);
  g_autoptr(GError) error = NULL;

  curator_document_load (document, NULL, &error);
  g_assert_no_error (error);
  return curator_document_dup_body (document);
}

static char *
render (const char *markdown,
        gboolean    raw_html)
{
  g_autoptr(CuratorBodyRenderer) renderer = curator_body_renderer_new (CURATOR_BODY_FORMAT_MARKDOWN, raw_html);

  return curator_body_renderer_render (renderer, markdown, -1);
}

/* The body rendered as one run: what the runs must add up to. */
static char *
render_whole (const char *markdown,
              gboolean    raw_html)
{
  g_autoptr(CuratorBodyRenderer) renderer = curator_body_renderer_new (CURATOR_BODY_FORMAT_MARKDOWN, raw_html);

  return curator_body_renderer_render_whole (renderer, markdown);
}

/* White space runs as one space, none between tags. */
static char *
normalise (const char *html)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *at = html; *at != '\0'; at++)
    {
      if (g_ascii_isspace (*at))
        {
          space = TRUE;
          continue;
        }
      if (space && out->len > 0 && out->str[out->len - 1] != '>' && *at != '<')
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *at);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Some text around @at, as valid UTF-8 for the log. */
static char *
dup_excerpt (const char *text,
             gsize       at)
{
  gsize start = at > 60 ? at - 60 : 0;
  g_autofree char *bytes = g_strndup (text + start, 160);

  return g_utf8_make_valid (bytes, -1);
}

static void
assert_same_html (const char *what,
                  const char *expected,
                  const char *actual)
{
  g_autofree char *excerpt_expected = NULL;
  g_autofree char *excerpt_actual = NULL;
  gsize at = 0;

  if (g_str_equal (expected, actual))
    return;

  while (expected[at] != '\0' && expected[at] == actual[at])
    at++;
  excerpt_expected = dup_excerpt (expected, at);
  excerpt_actual = dup_excerpt (actual, at);
  g_test_message ("%s differs at byte %" G_GSIZE_FORMAT ":\n  expected: %s\n  actual:   %s",
                  what, at, excerpt_expected, excerpt_actual);
  g_test_fail ();
}

/* Golden: what Hugo 0.111 published ---------------------------------------- */

static void
test_golden (void)
{
  g_autofree char *listing = read_test_file ("render/golden.txt");
  g_auto(GStrv) lines = g_strsplit (listing, "\n", -1);
  guint compared = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      g_autofree char *source = NULL;
      g_autofree char *body = NULL;
      char *comment = strchr (lines[i], '#');

      if (comment != NULL)
        *comment = '\0';
      fields = g_strsplit_set (g_strstrip (lines[i]), " \t", -1);
      if (fields[0] == NULL || fields[0][0] == '\0')
        continue;

      source = g_test_build_filename (G_TEST_DIST, fields[0], NULL);
      body = load_body (source);
      for (guint v = 1; fields[v] != NULL; v++)
        {
          g_autofree char *name = NULL;
          g_autofree char *golden = NULL;
          g_autofree char *html = NULL;
          g_autofree char *expected = NULL;
          g_autofree char *actual = NULL;
          g_autofree char *what = NULL;
          g_auto(GStrv) parts = g_strsplit (fields[0], "/", -1);
          g_autofree char *joined = g_strjoinv ("__", parts);

          g_assert_true (g_str_equal (fields[v], "raw") || g_str_equal (fields[v], "safe"));
          name = g_strdup_printf ("render/golden/%s.%s.html", joined, fields[v]);
          golden = read_test_file (name);
          html = render (body, g_str_equal (fields[v], "raw"));
          expected = normalise (golden);
          actual = normalise (html);
          what = g_strdup_printf ("%s (%s)", fields[0], fields[v]);
          assert_same_html (what, expected, actual);
          compared++;
        }
    }

  g_test_message ("%u renderings compared with Hugo's", compared);
  g_assert_cmpuint (compared, >=, 150);
}

/* Runs: rendering in runs gives the body rendered whole -------------------- */

static void
check_runs (const char *path,
            gboolean    raw_html)
{
  g_autofree char *body = load_body (path);
  g_autofree char *html = render (body, raw_html);
  g_autofree char *whole = render_whole (body, raw_html);

  assert_same_html (path, whole, html);
}

static void
test_runs_corpus (void)
{
  static const char * const folders[] = { "hugodocs", "medigy" };
  guint n_files = 0;

  if (curator_test_corpus_dir () == NULL)
    return;

  for (guint f = 0; f < G_N_ELEMENTS (folders); f++)
    {
      g_autoptr(GPtrArray) files = curator_test_corpus_files (folders[f]);

      for (guint i = 0; i < files->len; i++)
        {
          check_runs (files->pdata[i], TRUE);
          /* The other rule on some, for the comments in place of HTML. */
          if (i % 7 == 0)
            check_runs (files->pdata[i], FALSE);
          n_files++;
        }
    }

  g_test_message ("%u corpus bodies rendered in runs as whole", n_files);
  g_assert_cmpuint (n_files, >=, curator_test_corpus_facts ()->hugodocs_files);
}

/* Random edits on a long body: after each, the renderer that rendered the
 * body before it gives what a fresh rendering of the whole body gives. */
static void
test_runs_edits (void)
{
  static const char * const fragments[] = {
    "x", " ", "\n", "\n\n", "\n\n```\n", "```", "~~~\n", "<!--", "-->", "<div>\n", "</div>",
    "<pre>", "</pre>", "- ", "1. ", ": ", "\n: def\n", "Term\n: description\n", "# ", "\n===\n",
    "> ", "> [!NOTE]\n> note\n", "[^1]", "\n[^1]: note\n", "[ref]", "\n[ref]: https://example.org\n",
    "|a|b|\n|-|-|\n", "{{< chip arg >}}", "{{< /chip >}}", "{{% mark %}}", "\"", "'", "--", "...",
    "    ", "*", "_", "`", "https://example.org/x ", "## Same heading\n", "<!--more-->",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (15);
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(CuratorBodyRenderer) renderer = curator_body_renderer_new (CURATOR_BODY_FORMAT_MARKDOWN, TRUE);
  g_autoptr(GPtrArray) pages = NULL;

  if (curator_test_corpus_dir () == NULL)
    return;
  pages = curator_test_corpus_files ("hugodocs");
  /* Bodies with no reference definitions: they split into runs. */
  for (guint i = 0; i < pages->len && body->len < 48 * 1024; i++)
    {
      g_autofree char *page = load_body (pages->pdata[i]);

      if (strstr (page, "]:") != NULL)
        continue;
      g_string_append (body, page);
      g_string_append (body, "\n\n");
    }
  g_assert_cmpuint (body->len, >=, 16 * 1024);

  for (guint i = 0; i < 300; i++)
    {
      guint kind = g_rand_int_range (rand, 0, 10);
      gsize at = g_rand_int_range (rand, 0, body->len + 1);
      g_autofree char *html = NULL;
      g_autofree char *whole = NULL;
      g_autofree char *what = NULL;

      while (at > 0 && at < body->len && (body->str[at] & 0xC0) == 0x80)
        at--;

      if (kind < 6)
        g_string_insert (body, at, fragments[g_rand_int_range (rand, 0, G_N_ELEMENTS (fragments))]);
      else if (kind < 9)
        {
          gsize cut = g_rand_int_range (rand, 0, 300);

          cut = MIN (cut, body->len - at);
          while (at + cut < body->len && (body->str[at + cut] & 0xC0) == 0x80)
            cut++;
          g_string_erase (body, at, cut);
        }
      else
        {
          /* A paste of a long run, from elsewhere in the body. */
          gsize from = g_rand_int_range (rand, 0, body->len + 1);
          gsize length = MIN (body->len - from, 4000);
          g_autofree char *copy = NULL;

          while (from > 0 && (body->str[from] & 0xC0) == 0x80)
            from--;
          while (from + length < body->len && (body->str[from + length] & 0xC0) == 0x80)
            length++;
          copy = g_strndup (body->str + from, length);
          g_string_insert (body, at, copy);
        }

      html = curator_body_renderer_render (renderer, body->str, body->len);
      whole = render_whole (body->str, TRUE);
      what = g_strdup_printf ("edit %u", i);
      assert_same_html (what, whole, html);
      if (g_test_failed ())
        return;
    }
}

/* Runs are made: after an edit in a long body, only its run is parsed
 * again (footnotes and reference definitions included: a run goes with
 * the body's definitions it may refer to). */
static void
test_runs_split (void)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(CuratorBodyRenderer) renderer = curator_body_renderer_new (CURATOR_BODY_FORMAT_MARKDOWN, TRUE);
  g_autofree char *first = NULL;
  gint64 start, first_us, edit_us = G_MAXINT64;

  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (body, "Paragraph %u with *some* text, a [link][%u] and \"quotes\"%s.\n\n",
                            i, i % 10, i % 100 == 0 ? "[^note]" : "");
  for (guint i = 0; i < 10; i++)
    g_string_append_printf (body, "[%u]: https://example.org/%u\n", i, i);
  g_string_append (body, "\n[^note]: A footnote.\n");

  start = g_get_monotonic_time ();
  first = curator_body_renderer_render (renderer, body->str, body->len);
  first_us = g_get_monotonic_time () - start;

  /* The fastest of a few edits: the machine may be busy with others. */
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *paragraph = g_strdup_printf ("Paragraph %u ", 500 * i + 7);
      g_autofree char *expected = g_strdup_printf ("<p>An edit %s", paragraph);
      g_autofree char *html = NULL;

      g_string_insert (body, strstr (body->str, paragraph) - body->str, "An edit ");
      start = g_get_monotonic_time ();
      html = curator_body_renderer_render (renderer, body->str, body->len);
      edit_us = MIN (edit_us, g_get_monotonic_time () - start);
      g_assert_nonnull (strstr (html, expected));
    }

  g_test_message ("%zu bytes: first rendering %.2f ms, after an edit %.2f ms",
                  body->len, first_us / 1000.0, edit_us / 1000.0);
  g_assert_nonnull (strstr (first, "<a href=\"https://example.org/3\">link</a>"));
  g_assert_nonnull (strstr (first, "<sup id=\"fnref29:1\">"));
  /* Far less than the whole body parsed again: ~40 times less here. */
  g_assert_cmpint (edit_us * 4, <, first_us);
}

/* Runs are rendered after the body's definitions: a body that starts
 * with indented code must not go on with a footnote's definition there
 * (the fuzzer's regressions-markdown/runs-differ-indented-start-footnote.md). */
static void
test_runs_indented_start (void)
{
  g_autoptr(GString) body = g_string_new ("    indented code\n\nA note[^1].\n\n");
  g_autofree char *html = NULL;
  g_autofree char *whole = NULL;

  for (guint i = 0; i < 60; i++)
    g_string_append_printf (body, "Paragraph %u.\n\n", i);
  g_string_append (body, "[^1]: The note.\n");

  html = render (body->str, TRUE);
  whole = render_whole (body->str, TRUE);
  g_assert_cmpstr (html, ==, whole);
  g_assert_true (g_str_has_prefix (html, "<pre><code>indented code\n</code></pre>\n"));
}

/* Link reference definitions the outline must find for the runs, as the
 * whole body has them: cmark-gfm takes those a paragraph or a heading
 * starts with out of its text, but the block's lines still start with
 * them; a label, a destination or a title may go on over lines, in
 * quotes and lists too. The fuzzer found a label over lines at the
 * start of a paragraph lost in runs
 * (regressions-markdown/runs-differ-label-over-lines.md). Each body is
 * rendered within a long one, whose last run refers to the definition:
 * the runs must give the whole rendering, and stay runs (the body is
 * rendered whole only where the outline cannot tell). */
static void
test_runs_definitions (void)
{
  static const struct {
    const char *markdown;
    const char *reference;
    const char *link;       /* what the reference must give, in the whole body */
    gboolean    in_runs;
  } cases[] = {
    /* At the start of a paragraph, a label over lines. */
    { "[`\ncode`]: /one\nText after.\n", "[` code`]", "<a href=\"/one\"><code> code</code></a>", TRUE },
    { "[a\nb]: /one\n[c\nd]: /two\nText after.\n", "[a b] [c d]", "<a href=\"/two\">c d</a>", TRUE },
    /* In a quote, in a list, in both, lazily. */
    { "> [label\n> over lines]: /two\n> Quoted text.\n", "[label over lines]", "<a href=\"/two\">", TRUE },
    { "- [in a\n  list]: /three\n  Item text.\n", "[in a list]", "<a href=\"/three\">", TRUE },
    { "- > [in\n  > both]: /four\n  > Text.\n", "[in both]", "<a href=\"/four\">", TRUE },
    { "> > [lazy]: /five 'a\n> b'\n> > Text.\n", "[lazy]", "<a href=\"/five\" title=\"a\nb\">", TRUE },
    /* Before a setext heading. */
    { "[head\ning]: /six\nHeading\n=======\n", "[head ing]", "<a href=\"/six\">", TRUE },
    { "[a]: /six\nHeading\n---\n---\n", "[a]", "<a href=\"/six\">", TRUE },
    /* A title, a destination on the next lines. */
    { "[title]: /seven 'a\ntitle'\nText.\n", "[title]", "<a href=\"/seven\" title=\"a\ntitle\">", TRUE },
    { "[dest]:\n/eight\nText.\n", "[dest]", "<a href=\"/eight\">", TRUE },
    /* Lines of a title that would be blocks or list items elsewhere. */
    { "[item]: /nine 'one\n2) two\n*\n    # three'\n", "[item]",
      "<a href=\"/nine\" title=\"one\n2) two\n*\n# three\">", TRUE },
    /* Definitions alone, a label over lines. */
    { "[multi\nline]: /ten\n", "[multi line]", "<a href=\"/ten\">", TRUE },
    /* Terms are not definitions; definitions before them are. */
    { "[Hugo](https://gohugo.io)\n: A generator.\n", "[Hugo]", "[Hugo]", TRUE },
    { "[x]: /eleven\nTerm\n: Description.\n", "[x]", "<a href=\"/eleven\">", TRUE },
    /* An empty ATX heading before: cmark-gfm leaves its text
     * unterminated (the fuzzer's regressions-markdown/outline-empty-atx-heading.md,
     * read out of bounds under ASan). */
    { "#\n\n[a]: /fourteen\n", "[a]", "<a href=\"/fourteen\">", TRUE },
    /* A title after a definition, then text on its line: not the
     * definition's, but cmark-gfm keeps it (the fuzzer's
     * regressions-markdown/runs-differ-title-then-text.md); only the
     * whole body has it. */
    { "[q]: /thirteen\n\"t\" text\n", "[q]", "<a href=\"/thirteen\" title=\"t\">", FALSE },
    { "[q]: /thirteen\n(t) text\nHeading\n===\n", "[q]", "<a href=\"/thirteen\" title=\"t\">", FALSE },
    { "[q]: /thirteen\n't' text\n: Description.\n", "[q]", "<a href=\"/thirteen\" title=\"t\">", FALSE },
    /* "{{<" or "{{%" that is no shortcode (left open, commented out):
     * put before a run, it could make one with the run's text (the
     * fuzzer's regressions-markdown/runs-differ-shortcode-in-definition.md). */
    { "[src]: <{{% `open>\n", "[src]` and %}}", "<a href=\"%7B%7B%25%20%60open\">src</a>", FALSE },
    { "[{{</* x */>}}]: /fifteen\n", "[{{</* x */>}}]", "<a href=\"/fifteen\">{{&lt; x &gt;}}</a>", FALSE },
    { "A note[^n].\n\n[^n]: A note {{% `open\n", "[^n]` and %}}", "<p>A note {{% `open", FALSE },
    /* A quote's mark or text? The outline cannot tell: whole. */
    { "> [gt]: /twelve 'a\n>     > b'\n> Text.\n", "[gt]", "<a href=\"/twelve\" title=\"a\n&gt; b\">", FALSE },
    { "[gt]: /twelve 'a\n    > b'\n", "[gt]", "<a href=\"/twelve\" title=\"a\n&gt; b\">", FALSE },
  };
  g_autoptr(GString) padding = g_string_new (NULL);

  for (guint i = 0; i < 40; i++)
    g_string_append_printf (padding, "Paragraph %u of the padding.\n\n", i);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CuratorBodyRenderer) renderer = curator_body_renderer_new (CURATOR_BODY_FORMAT_MARKDOWN, TRUE);
      g_autofree char *body = g_strconcat (padding->str, cases[i].markdown, "\n", padding->str,
                                           "See ", cases[i].reference, ".\n", NULL);
      g_autofree char *html = curator_body_renderer_render (renderer, body, -1);
      g_autofree char *whole = render_whole (body, TRUE);

      g_test_message ("%s", cases[i].markdown);
      g_assert_cmpstr (html, ==, whole);
      g_assert_nonnull (strstr (whole, cases[i].link));
      g_assert_cmpint (curator_body_renderer_get_n_runs (renderer) > 1, ==, cases[i].in_runs);
    }
}

/* @markdown within a long body, after 0 to 39 paragraphs (so that the
 * cuts move around it until one falls at each of its lines), then a
 * reference to [x] and [y]: the runs give the whole rendering, which
 * holds @whole_has. */
static void
check_runs_around (const char *markdown,
                   const char *whole_has)
{
  for (guint padding = 0; padding < 40; padding++)
    {
      g_autoptr(GString) body = g_string_new (NULL);
      g_autoptr(CuratorBodyRenderer) renderer = curator_body_renderer_new (CURATOR_BODY_FORMAT_MARKDOWN, TRUE);
      g_autofree char *html = NULL;
      g_autofree char *whole = NULL;

      for (guint i = 0; i < padding; i++)
        g_string_append_printf (body, "Padding %u.\n\n", i);
      g_string_append (body, markdown);
      for (guint i = 0; i < 40; i++)
        g_string_append_printf (body, "\nPadding %u after.\n", i);
      g_string_append (body, "\nSee [x] and [y].\n");

      html = curator_body_renderer_render (renderer, body->str, body->len);
      whole = render_whole (body->str, TRUE);
      g_assert_cmpstr (html, ==, whole);
      g_assert_nonnull (strstr (whole, whole_has));
    }
}

/* A definition whose shortcode is written over lines (a blank line in
 * it): put before a run, it took the run's first paragraph for its own
 * lines. The fuzzer found it
 * (regressions-markdown/runs-differ-shortcode-over-lines-in-definition.md).
 * Where the cuts fall depends on the text, so the paragraph and what
 * comes before it vary. */
static void
test_runs_shortcode_over_lines_in_definition (void)
{
  static const char * const definitions[] = {
    "[source code]: <{{% code\n\nPara three %}}>\n",
    "[^1]: <{{% code\n\nPara three %}}>\n",
    /* On one line, it stays a definition given to the runs. */
    "[source code]: {{< relref \"page.md\" >}}\n",
  };
  guint in_runs = 0;

  for (guint d = 0; d < G_N_ELEMENTS (definitions); d++)
    for (guint i = 0; i < 60; i++)
      {
        g_autoptr(GString) body = g_string_new (NULL);
        g_autoptr(CuratorBodyRenderer) renderer = curator_body_renderer_new (CURATOR_BODY_FORMAT_MARKDOWN, TRUE);
        g_autofree char *paragraph = g_strdup_printf ("<p>Para %u.</p>", i);
        g_autofree char *html = NULL;
        g_autofree char *whole = NULL;

        for (guint p = 0; p < i % 10; p++)
          g_string_append_printf (body, "Padding %u.\n\n", p);
        g_string_append_printf (body, "Para %u.\n\n%s", i, definitions[d]);

        html = curator_body_renderer_render (renderer, body->str, body->len);
        whole = render_whole (body->str, TRUE);
        g_assert_cmpstr (html, ==, whole);
        g_assert_nonnull (strstr (whole, paragraph));
        in_runs += d == 2 && curator_body_renderer_get_n_runs (renderer) > 1;
      }
  g_assert_cmpuint (in_runs, >=, 20);
}

/* After a definition list, goldmark makes a paragraph followed by ':'
 * terms of that list, definitions and all; alone, a run that starts
 * with that paragraph takes the definitions out. The fuzzer found it
 * with a run starting there (regressions-markdown/runs-differ-definitions-after-list.md). */
static void
test_runs_definitions_after_list (void)
{
  check_runs_around ("Term\n: Description.\n\n[x]: /url\n: Another.\n", "<dt>[x]: /url</dt>");
  check_runs_around ("Term\n: Description.\n\n[x]: /url\nTerm 2\n: Another.\n", "<dt>[x]: /url</dt>");
}

/* Link definitions alone between two blocks give nothing: in the whole
 * body a description after them has the paragraph before them for its
 * term, and definition lists on either side are one list. The fuzzer
 * found both with a cut before the definitions
 * (regressions-markdown/runs-differ-description-after-definitions.md,
 * runs-differ-definitions-between-lists.md). */
static void
test_runs_definitions_between_blocks (void)
{
  check_runs_around ("A term.\n\n[x]: /url\n\n: Description.\n", "<dt>A term.</dt>");
  /* Alone, that description and the next make a term and its
   * description (regressions-markdown/runs-differ-descriptions-after-definitions.md). */
  check_runs_around ("A term.\n\n[x]: /url\n\n: Description.\n: Another.\n", "<dt>A term.</dt>");
  /* Alone, that description and a line of dashes make a heading
   * (regressions-markdown/runs-differ-description-heading-after-definitions.md). */
  check_runs_around ("A term.\n\n[x]: /url\n\n: Description.\n---\n", "<dt>A term.</dt>");
  check_runs_around ("Term\n: Description.\n\n[x]: /url\n\nTerm 2\n: Another.\n", "</dd>\n<dt>Term 2</dt>");
  check_runs_around ("Term\n: Description.\n\n[x]: /url\n\n[y]: /url\n\nTerm 2\n: Another.\n", "</dd>\n<dt>Term 2</dt>");
}

/* A run is rendered with the definitions it may refer to: every label's
 * first word, in ASCII lowercase, against the words after the run's '['
 * (curator-link-definitions.c). Labels match as cmark-gfm folds their
 * case, which takes a few characters into ASCII letters, and a table's
 * cell reads "\|" as "|": such references, and labels that are not plain
 * ASCII, keep every definition. Each reference is in a run of its own,
 * far from its definition: the runs must give the whole rendering and
 * the link. */
static void
test_runs_definitions_selected (void)
{
  static const struct {
    const char *definition;
    const char *reference;
    const char *link;
  } cases[] = {
    { "[Label  Over]: /a\n", "See [label\nover] here.", "<a href=\"/a\">label\nover</a>" },
    { "[x]: /b\n", "See [text][X] and [x][].", "<a href=\"/b\">text</a>" },
    /* Not ASCII: kept for every run. */
    { "[Été]: /c\n", "See [ÉTÉ].", "<a href=\"/c\">ÉTÉ</a>" },
    { "[Straße]: /d\n", "See [STRASSE].", "<a href=\"/d\">STRASSE</a>" },
    /* Folded into ASCII: the run keeps every definition. */
    { "[STRASSE]: /e\n", "See [straße].", "<a href=\"/e\">straße</a>" },
    { "[file]: /f\n", "See [\xef\xac\x81le].", "<a href=\"/f\">\xef\xac\x81le</a>" },
    { "[kelvin]: /g\n", "See [\xe2\x84\xaa" "elvin].", "<a href=\"/g\">\xe2\x84\xaa" "elvin</a>" },
    { "[sun]: /h\n", "See [\xc5\xbfun].", "<a href=\"/h\">\xc5\xbfun</a>" },
    /* A label that starts on the next line, in a quote. */
    { "[quoted label]: /i\n", "> See [\n> quoted label].", "<a href=\"/i\">" },
    { "[lazy label]: /j\n", "> See [\nlazy label].", "<a href=\"/j\">" },
    /* In a table's cell. */
    { "[a|b]: /k\n", "| head |\n| --- |\n| [a\\|b] |", "<a href=\"/k\">" },
    /* An entity, an escape in the label. */
    { "[a&amp;b]: /l\n", "See [a&amp;b].", "<a href=\"/l\">" },
    { "[a\\!]: /m\n", "See [a\\!].", "<a href=\"/m\">" },
    /* An image. */
    { "[logo]: /n.png\n", "See ![the logo][LOGO].", "<img src=\"/n.png\" alt=\"the logo\"" },
    /* Form feeds and vertical tabs. */
    { "[Form\fFeed]: /o\n", "See [form\ffeed].", "<a href=\"/o\">" },
    { "[\vTab]: /p\n", "See [\vtab].", "<a href=\"/p\">" },
  };
  g_autoptr(GString) padding = g_string_new (NULL);

  for (guint i = 0; i < 40; i++)
    g_string_append_printf (padding, "Paragraph %u of the padding, [other %u].\n\n", i, i);
  for (guint i = 0; i < 40; i += 3)
    g_string_append_printf (padding, "[other %u]: /other/%u\n\n", i, i);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CuratorBodyRenderer) renderer = curator_body_renderer_new (CURATOR_BODY_FORMAT_MARKDOWN, TRUE);
      g_autofree char *body = g_strconcat (padding->str, cases[i].definition, "\n", padding->str,
                                           cases[i].reference, "\n\n", padding->str, NULL);
      g_autofree char *html = curator_body_renderer_render (renderer, body, -1);
      g_autofree char *whole = render_whole (body, TRUE);

      g_test_message ("%s", cases[i].reference);
      g_assert_cmpstr (html, ==, whole);
      g_assert_nonnull (strstr (whole, cases[i].link));
      g_assert_cmpuint (curator_body_renderer_get_n_runs (renderer), >, 1);
    }
}

/* The definitions of @definitions that @run is given, and their hash. */
static char *
select_for_run (CuratorLinkDefinitions *definitions,
                const char             *run,
                guint                  *hash)
{
  CuratorLinkReferences references;

  curator_link_definitions_scan_references (run, strlen (run), &references);
  *hash = curator_link_definitions_select (definitions, &references);
  curator_link_references_clear (&references);
  g_test_message ("%s", run);
  return curator_link_definitions_dup_selection (definitions);
}

/* Which definitions a run is given: those it may refer to, those its
 * footnotes may refer to, each on its own lines (cmark-gfm knows a
 * footnote by its line). A definition on a line of its own goes alone,
 * at the margin (indented after a blank line, it would be code); others
 * go with their paragraph. */
static void
test_runs_definitions_narrowed (void)
{
  static const struct {
    const char *run;
    const char *selected;   /* NULL: none */
  } cases[] = {
    { "No reference.", "\n\n\n\n\n[Straße]: /s\n" },
    { "See [A] here.", "[a]: /a\n\n\n\n\n[Straße]: /s\n" },
    { "See [ b ] and [C][].", "\n\n[b]: /b\n[c]: /c 'title'\n\n[Straße]: /s\n" },
    { "See [\n  c].", "\n\n\n[c]: /c 'title'\n\n[Straße]: /s\n" },
    { "See [café] and ![D].", "\n\n\n\n\n[Straße]: /s\n" },
    /* Might fold into a label: all of them. */
    { "See [straße].", "[a]: /a\n\n[b]: /b\n[c]: /c 'title'\n\n[Straße]: /s\n" },
    { "| [a\\|b] |", "[a]: /a\n\n[b]: /b\n[c]: /c 'title'\n\n[Straße]: /s\n" },
  };
  static const struct {
    const char *run;
    const char *selected;
  } footnote_cases[] = {
    { "Nothing.", NULL },
    { "A note[^1].", "\n\n[b]: /b\n\n[^1]: A note on [B].\n\n    More of it, [c].\n" },
    { "See [d].", "\n\n\n\n\n\n\n\n[d]: /d\n    [e]:\n    /e\n" },
  };
  const char *definitions = "[a]: /a\n\n[b]: /b\n    [c]: /c 'title'\n\n[Straße]: /s\n";
  g_autoptr(CuratorLinkDefinitions) sorted = curator_link_definitions_new (definitions);
  g_autoptr(CuratorLinkDefinitions) with_footnotes =
    curator_link_definitions_new ("[a]: /a\n\n[b]: /b\n\n[^1]: A note on [B].\n\n    More of it, [c].\n\n"
                                  "[d]: /d\n    [e]:\n    /e\n");
  g_autoptr(GHashTable) hashes = g_hash_table_new (g_direct_hash, g_direct_equal);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint hash;
      g_autofree char *selected = select_for_run (sorted, cases[i].run, &hash);

      g_assert_cmpstr (selected, ==, cases[i].selected);
      g_assert_cmpuint (hash, !=, 0);
      /* The same definitions, the same hash; others, another. */
      if (i != 4 && i != 6)
        g_assert_false (g_hash_table_contains (hashes, GUINT_TO_POINTER (hash)));
      g_hash_table_add (hashes, GUINT_TO_POINTER (hash));
    }
  g_assert_cmpuint (g_hash_table_size (hashes), ==, 5);

  /* A footnote's own references are followed ([c] is not a label's:
   * it is the footnote's text, which is no definition of it). */
  for (guint i = 0; i < G_N_ELEMENTS (footnote_cases); i++)
    {
      guint hash;
      g_autofree char *selected = select_for_run (with_footnotes, footnote_cases[i].run, &hash);

      g_assert_cmpstr (selected, ==, footnote_cases[i].selected);
      g_assert_cmpuint (hash != 0, ==, footnote_cases[i].selected != NULL);
    }
}

/* Edits @base at random @rounds times over, one to three edits each
 * (a fragment inserted, or up to @max_cut bytes cut), and checks after
 * each edit that the renderer that rendered the body before it gives
 * what a fresh rendering of the whole body gives. Returns how many
 * edits were rendered in runs. */
static guint
check_edits_from (const GString      *base,
                  const char * const *fragments,
                  guint               n_fragments,
                  guint32             seed,
                  guint               rounds,
                  guint               max_cut)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(CuratorBodyRenderer) renderer = curator_body_renderer_new (CURATOR_BODY_FORMAT_MARKDOWN, TRUE);
  guint in_runs = 0;

  for (guint i = 0; i < rounds; i++)
    {
      g_autoptr(GString) body = g_string_new_len (base->str, base->len);
      guint edits = g_rand_int_range (rand, 1, 4);

      for (guint e = 0; e < edits; e++)
        {
          gsize at = g_rand_int_range (rand, 0, body->len + 1);
          g_autofree char *html = NULL;
          g_autofree char *whole = NULL;
          g_autofree char *what = NULL;

          while (at > 0 && at < body->len && (body->str[at] & 0xC0) == 0x80)
            at--;
          if (g_rand_int_range (rand, 0, 4) > 0)
            g_string_insert (body, at, fragments[g_rand_int_range (rand, 0, n_fragments)]);
          else
            {
              gsize cut = g_rand_int_range (rand, 0, max_cut);

              cut = MIN (cut, body->len - at);
              while (at + cut < body->len && (body->str[at + cut] & 0xC0) == 0x80)
                cut++;
              g_string_erase (body, at, cut);
            }

          html = curator_body_renderer_render (renderer, body->str, body->len);
          whole = render_whole (body->str, TRUE);
          what = g_strdup_printf ("edit %u.%u", i, e);
          assert_same_html (what, whole, html);
          if (g_test_failed ())
            return in_runs;
          in_runs += curator_body_renderer_get_n_runs (renderer) > 1;
        }
    }
  return in_runs;
}

/* Random edits on a long body with definitions of its own, without the
 * corpus: references and definitions come and go, in other cases, in
 * quotes, with characters that fold into ASCII. A few edits at a time
 * from the same body (so that it keeps definitions the runs can take),
 * each rendered by the renderer that rendered the edit before: the runs
 * give the whole rendering. */
static void
test_runs_edits_definitions (void)
{
  static const char * const fragments[] = {
    "x", " ", "\n", "\n\n", "[Ref3]", "[ref4][]", "[text][REF5]", "\n\n[ref6]: /six\n\n",
    "\n\n[REF7]: /seven 'Seven'\n\n", "\n\n[ref8]:\n/eight\n\n", "ß", "[straße]", "\n\n[STRASSE]: /s\n\n",
    "\n\n> [\n> ref9]\n\n", "[^1]", "\n\n[^1]: A note.\n\n", "\n\n| a |\n| - |\n| [ref\\|2] |\n\n",
    "\n\n[ref|2]: /two\n\n", "\n\n```\n", "<!--", "-->", "]", "[", "[\xef\xac\x81", "\xe2\x84\xaa",
  };
  g_autoptr(GString) base = g_string_new (NULL);
  guint in_runs;

  for (guint i = 0; i < 80; i++)
    {
      g_string_append_printf (base, "Paragraph %u refers to [ref%u] and [Ref%u][].\n\n", i, i % 10, (i + 3) % 10);
      if (i % 8 == 7)
        g_string_append_printf (base, "[ref%u]: /%u\n[REF%u]: /%u 'title'\n\n", i % 10, i, (i + 1) % 10, i);
    }

  in_runs = check_edits_from (base, fragments, G_N_ELEMENTS (fragments), 151, 300, 60);
  g_test_message ("%u edits rendered in runs", in_runs);
  g_assert_cmpuint (in_runs, >=, 200);
}

/* Random edits among headings that ask for the same ids: after each,
 * the ids the renderer made unique for the last body are used only
 * where the headings still ask for the same (no corpus needed). */
static void
test_runs_edits_headings (void)
{
  static const char * const fragments[] = {
    "x", " ", "\n", "\n\n", "## Examples\n\n", "## Examples-1\n\n", "\n\n## \n\n", " {#examples}",
    " {#examples-2}", "#", "\n===\n", "Examples", "-", "## Setup\n\n", "\n\n```\n", "<!--", "-->",
  };
  g_autoptr(GString) base = g_string_new (NULL);
  guint in_runs;

  for (guint i = 0; i < 60; i++)
    g_string_append_printf (base, "## %s\n\nParagraph %u about the examples.\n\n",
                            i % 5 == 4 ? "Examples {#examples-1}" : i % 3 == 0 ? "Setup" : "Examples", i);

  in_runs = check_edits_from (base, fragments, G_N_ELEMENTS (fragments), 17, 200, 40);
  g_test_message ("%u edits rendered in runs", in_runs);
  g_assert_cmpuint (in_runs, >=, 200);
}

/* Lines that end in CR LF or in CR alone cut into runs as LF does (the
 * cuts look for a line's end with memchr() only in a text without CR). */
static void
test_runs_line_ends (void)
{
  static const char * const ends[] = { "\n", "\r\n", "\r" };

  for (guint e = 0; e < G_N_ELEMENTS (ends); e++)
    {
      g_autoptr(GString) body = g_string_new (NULL);
      g_autoptr(CuratorBodyRenderer) renderer = curator_body_renderer_new (CURATOR_BODY_FORMAT_MARKDOWN, TRUE);
      g_autofree char *html = NULL;
      g_autofree char *whole = NULL;

      for (guint i = 0; i < 60; i++)
        g_string_append_printf (body, "## Heading %u%s%sParagraph %u, [ref%u].%s- item%s- item%s%s"
                                "```%scode%s```%s%s",
                                i, ends[e], ends[e], i, i % 5, ends[e], ends[e], ends[e], ends[e],
                                ends[e], ends[e], ends[e], ends[e]);
      for (guint i = 0; i < 5; i++)
        g_string_append_printf (body, "[ref%u]: /%u%s", i, i, ends[e]);

      html = curator_body_renderer_render (renderer, body->str, body->len);
      whole = render_whole (body->str, TRUE);
      g_assert_cmpstr (html, ==, whole);
      g_assert_nonnull (strstr (whole, "<a href=\"/3\">ref3</a>"));
      g_assert_cmpuint (curator_body_renderer_get_n_runs (renderer), >, 1);
    }
}

/* A BOM that starts the body is not text; one that starts a run later
 * is (cmark-gfm leaves out one on the first line it reads). The fuzzer
 * found the first run keeping the body's BOM, once rendered after the
 * body's definitions (regressions-markdown/runs-differ-bom-definitions.md). */
static void
test_runs_bom (void)
{
  g_autoptr(GString) padding = g_string_new (NULL);
  g_autoptr(GString) with_boms = g_string_new ("Text.\n\n");
  g_autofree char *first = NULL;
  const char *later;

  for (guint i = 0; i < 40; i++)
    {
      g_string_append_printf (padding, "Paragraph %u of the padding.\n\n", i);
      g_string_append_printf (with_boms, UTF8_BOM "Paragraph %u, after a BOM.\n\n", i);
    }
  first = g_strconcat (UTF8_BOM "Text.\n\n", padding->str, "See [a].\n\n[a]: /url\n", NULL);
  later = with_boms->str;

  for (guint i = 0; i < 2; i++)
    {
      const char *body = i == 0 ? first : later;
      g_autoptr(CuratorBodyRenderer) renderer = curator_body_renderer_new (CURATOR_BODY_FORMAT_MARKDOWN, TRUE);
      g_autofree char *html = curator_body_renderer_render (renderer, body, -1);
      g_autofree char *whole = render_whole (body, TRUE);

      g_assert_cmpstr (html, ==, whole);
      g_assert_cmpuint (curator_body_renderer_get_n_runs (renderer), >, 1);
      /* Left out at the start, kept as text later. */
      g_assert_cmpint (strstr (html, UTF8_BOM) != NULL, ==, i == 1);
    }
}

/* Shortcodes ----------------------------------------------------------------- */

static char *
describe_shortcodes (const char *text)
{
  g_autoptr(GArray) shortcodes = curator_shortcode_scan (text, strlen (text));
  g_autoptr(GString) described = g_string_new (NULL);
  static const char * const kinds[] = { "open", "close", "self", "comment" };

  for (guint i = 0; i < shortcodes->len; i++)
    {
      const CuratorShortcode *shortcode = &g_array_index (shortcodes, CuratorShortcode, i);

      if (i > 0)
        g_string_append_c (described, '|');
      g_string_append_printf (described, "%s%s:%.*s(%.*s)@%zu+%zu",
                              kinds[shortcode->kind], shortcode->markup ? "%" : "",
                              (int)shortcode->name_length, text + shortcode->name_offset,
                              (int)shortcode->args_length, text + shortcode->args_offset,
                              shortcode->offset, shortcode->length);
    }

  return g_string_free (g_steal_pointer (&described), FALSE);
}

static void
test_shortcode_scan (void)
{
  static const struct {
    const char *text;
    const char *shortcodes;
  } cases[] = {
    { "", "" },
    { "{{< figure src=\"a.png\" >}}", "open:figure( src=\"a.png\" )@0+26" },
    { "a {{<x>}} b", "open:x()@2+7" },
    { "{{% notice tip %}}", "open%:notice( tip )@0+18" },
    { "{{< /tab >}}", "close:tab()@0+12" },
    { "{{</ tab>}}", "close:tab()@0+11" },
    { "{{< youtube id=\"x\" />}}", "self:youtube( id=\"x\" )@0+23" },
    { "{{< a/b.c-d_e >}}", "open:a/b.c-d_e( )@0+17" },
    /* Nested and paired. */
    { "{{< tabs >}}{{< tab \"A\" >}}a{{< /tab >}}{{< /tabs >}}",
      "open:tabs( )@0+12|open:tab( \"A\" )@12+15|close:tab()@28+12|close:tabs()@40+13" },
    /* Quoted arguments may hold the delimiters and escaped quotes. */
    { "{{< x \">}}\" >}}", "open:x( \">}}\" )@0+15" },
    { "{{< x \"a \\\" b\" >}}", "open:x( \"a \\\" b\" )@0+18" },
    { "{{< x `raw\n>}} string` >}}", "open:x( `raw\n>}} string` )@0+26" },
    /* Over several lines. */
    { "{{< x\n  a=1\n  b=2\n>}}", "open:x(\n  a=1\n  b=2\n)@0+21" },
    /* Written as text. */
    { "{{</* x y */>}}", "comment:( x y )@0+15" },
    { "{{%/* x */%}}", "comment%:( x )@0+13" },
    /* Malformed: text, not shortcodes. */
    { "{{< >}}", "" },
    { "{{< x", "" },
    { "{{< x %}}", "" },
    { "{{% x >}}", "" },
    { "{{< x \"open >}}", "" },
    { "{{< x \"line\nbreak\" >}}", "" },
    { "{{< /x y >}}", "" },
    { "{{</* unclosed comment >}}", "" },
    { "{{ .Title }} {< x >} {{<-x>}}", "" },
    { "{{< x >}} {{< y", "open:x( )@0+9" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *described = describe_shortcodes (cases[i].text);

      g_test_message ("%s", cases[i].text);
      g_assert_cmpstr (described, ==, cases[i].shortcodes);
    }
}

static void
test_shortcode_chips (void)
{
  static const struct {
    const char *markdown;
    const char *html;
  } cases[] = {
    /* Alone in a paragraph: a block. */
    { "{{< figure src=\"a.png\" alt=\"A\" >}}",
      "<div class=\"shortcode\" data-name=\"figure\" data-kind=\"open\"><span class=\"shortcode-name\">figure</span> "
      "<span class=\"shortcode-args\">src=&quot;a.png&quot; alt=&quot;A&quot;</span></div>\n" },
    /* In a line: inline. */
    { "See {{< ref \"page.md\" >}} now.",
      "<p>See <span class=\"shortcode\" data-name=\"ref\" data-kind=\"open\"><span class=\"shortcode-name\">ref</span> "
      "<span class=\"shortcode-args\">&quot;page.md&quot;</span></span> now.</p>\n" },
    /* Paired: the content between is rendered. */
    { "{{% notice %}}\n**Bold** text\n{{% /notice %}}",
      "<p><span class=\"shortcode\" data-name=\"notice\" data-kind=\"open\"><span class=\"shortcode-name\">notice</span></span>\n"
      "<strong>Bold</strong> text\n"
      "<span class=\"shortcode\" data-name=\"notice\" data-kind=\"close\"><span class=\"shortcode-name\">/notice</span></span></p>\n" },
    { "{{< tabs >}}\n\n## Tab *one*\n\n{{< /tabs >}}",
      "<div class=\"shortcode\" data-name=\"tabs\" data-kind=\"open\"><span class=\"shortcode-name\">tabs</span></div>\n"
      "<h2 id=\"tab-one\">Tab <em>one</em></h2>\n"
      "<div class=\"shortcode\" data-name=\"tabs\" data-kind=\"close\"><span class=\"shortcode-name\">/tabs</span></div>\n" },
    /* Nested. */
    { "{{< a >}}{{< b x >}}in{{< /b >}}{{< /a >}}",
      "<p><span class=\"shortcode\" data-name=\"a\" data-kind=\"open\"><span class=\"shortcode-name\">a</span></span>"
      "<span class=\"shortcode\" data-name=\"b\" data-kind=\"open\"><span class=\"shortcode-name\">b</span> "
      "<span class=\"shortcode-args\">x</span></span>in"
      "<span class=\"shortcode\" data-name=\"b\" data-kind=\"close\"><span class=\"shortcode-name\">/b</span></span>"
      "<span class=\"shortcode\" data-name=\"a\" data-kind=\"close\"><span class=\"shortcode-name\">/a</span></span></p>\n" },
    /* In code, Hugo still runs them. */
    { "`{{< x >}}`",
      "<p><code><span class=\"shortcode\" data-name=\"x\" data-kind=\"open\"><span class=\"shortcode-name\">x</span></span></code></p>\n" },
    /* Written as text. */
    { "```\n{{</* x */>}}\n```", "<pre><code>{{&lt; x &gt;}}\n</code></pre>\n" },
    /* In a URL or an attribute: the shortcode as written. */
    { "[a]({{< ref \"b\" >}})", "<p><a href=\"%7B%7B%3C%20ref%20%22b%22%20%3E%7D%7D\">a</a></p>\n" },
    { "<img src=\"{{< param img >}}\">", "<img src=\"{{&lt; param img &gt;}}\">\n" },
    /* Malformed: text. */
    { "{{< x", "<p>{{&lt; x</p>\n" },
    /* Private-use characters of the text stay what they are. */
    { "a \xee\x80\x80\xee\x80\x90\xee\x80\x81 b", "<p>a \xee\x80\x80\xee\x80\x90\xee\x80\x81 b</p>\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *html = render (cases[i].markdown, TRUE);

      g_test_message ("%s", cases[i].markdown);
      g_assert_cmpstr (html, ==, cases[i].html);
    }
}

/* Alerts, raw HTML, the divider ------------------------------------------- */

/* A setext heading's id comes from its last line, whatever the
 * indentation of its lines and underline (a fuzzer found "   text\n---"
 * taking its id from the paragraph after it, and differently in runs). */
static void
test_setext_ids (void)
{
  static const struct {
    const char *markdown;
    const char *html;
  } cases[] = {
    { "Before:\n\n   signatures: [x]\n---\n\nThe hue.\n",
      "<p>Before:</p>\n<h2 id=\"signatures-x\">signatures: [x]</h2>\n<p>The hue.</p>\n" },
    { "   abc\ndef\n---\n\nNext.\n",
      "<h2 id=\"def\">abc\ndef</h2>\n<p>Next.</p>\n" },
    { "> Quote\n>   abc\n> ===\n", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *html = render (cases[i].markdown, TRUE);
      g_autofree char *whole = render_whole (cases[i].markdown, TRUE);

      g_test_message ("%s", cases[i].markdown);
      g_assert_cmpstr (html, ==, whole);
      if (cases[i].html != NULL)
        g_assert_cmpstr (html, ==, cases[i].html);
      else
        g_assert_nonnull (strstr (html, "<h1 id=\"abc\">"));
    }
}

/* A ':' line after link reference definitions, as goldmark reads it:
 * the definitions at the start of the paragraph are taken out first
 * (they define their links), the lines left are the terms, and with
 * none left the ':' line is text. After a list, or after a line of
 * text, "[label]: …" is a term. The fuzzer found the body rendered whole
 * making the definitions terms and the runs making them definitions
 * (tests/fuzz/regressions-markdown/runs-differ-definition-list-reference.md);
 * here each case is also rendered in runs within a long body. */
static void
test_definition_list_references (void)
{
  static const struct {
    const char *markdown;
    const char *html;
  } cases[] = {
    /* What Hugo 0.111 published for each. */
    { "Intro.\n\n[x]: /url\n: desc\n\nSee [x].\n",
      "<p>Intro.</p>\n<p>: desc</p>\n<p>See <a href=\"/url\">x</a>.</p>\n" },
    { "Intro.\n\n[x]: /url\nTerm\n: desc\n\nSee [x].\n",
      "<p>Intro.</p>\n<dl>\n<dt>Term</dt>\n<dd>desc</dd>\n</dl>\n<p>See <a href=\"/url\">x</a>.</p>\n" },
    { "Intro.\n\n[x]: /url\n: desc\n: more\n\nSee [x].\n",
      "<p>Intro.</p>\n<dl>\n<dt>: desc</dt>\n<dd>more</dd>\n</dl>\n<p>See <a href=\"/url\">x</a>.</p>\n" },
    { "Intro.\n\n[x]: /url\n[y]: /y\nTerm\n[z]: /z\n: desc\n\nSee [x] [y] [z].\n",
      "<p>Intro.</p>\n<dl>\n<dt>Term</dt>\n<dt>[z]: /z</dt>\n<dd>desc</dd>\n</dl>\n"
      "<p>See <a href=\"/url\">x</a> <a href=\"/y\">y</a> [z].</p>\n" },
    /* After a list: a term, and no definition. */
    { "Term\n: desc\n\n[x]: /url\n: desc2\n\nSee [x].\n",
      "<dl>\n<dt>Term</dt>\n<dd>desc</dd>\n<dt>[x]: /url</dt>\n<dd>desc2</dd>\n</dl>\n<p>See [x].</p>\n" },
    /* Not a definition: no destination before the ':' line. */
    { "Intro.\n\n[x]:\n: desc\n\nSee [x].\n",
      "<p>Intro.</p>\n<dl>\n<dt>[x]:</dt>\n<dd>desc</dd>\n</dl>\n<p>See [x].</p>\n" },
    { "Term\n[x]: /u\n: d\n\nSee [x].\n",
      "<dl>\n<dt>Term</dt>\n<dt>[x]: /u</dt>\n<dd>d</dd>\n</dl>\n<p>See [x].</p>\n" },
  };
  g_autoptr(GString) padding = g_string_new (NULL);

  for (guint i = 0; i < 40; i++)
    g_string_append_printf (padding, "Paragraph %u of the padding.\n\n", i);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *html = render (cases[i].markdown, TRUE);
      g_autofree char *long_body = g_strconcat (padding->str, cases[i].markdown, "\n", padding->str, NULL);
      g_autofree char *in_runs = render (long_body, TRUE);
      g_autofree char *whole = render_whole (long_body, TRUE);

      g_test_message ("%s", cases[i].markdown);
      g_assert_cmpstr (html, ==, cases[i].html);
      g_assert_cmpstr (in_runs, ==, whole);
      g_assert_nonnull (strstr (whole, cases[i].html));
    }
}

static void
test_alerts (void)
{
  static const struct {
    const char *markdown;
    const char *html;
  } cases[] = {
    { "> [!NOTE]\n> Useful *information*.",
      "<div class=\"markdown-alert markdown-alert-note\" role=\"note\">\n"
      "<p class=\"markdown-alert-title\">Note</p>\n<p>Useful <em>information</em>.</p>\n</div>\n" },
    { "> [!tip]\n> A tip.", NULL },
    { "> [!IMPORTANT]\n>\n> - a list", NULL },
    { "> [!WARNING]", NULL },
    { "> [!CAUTION]\n> Careful.\n>\n> Twice.", NULL },
    /* Not alerts. */
    { "> [!NOTE] with text on its line", "<blockquote>\n<p>[!NOTE] with text on its line</p>\n</blockquote>\n" },
    { "> [!UNKNOWN]\n> x", "<blockquote>\n<p>[!UNKNOWN]\nx</p>\n</blockquote>\n" },
    { "[!NOTE]\nnot quoted", "<p>[!NOTE]\nnot quoted</p>\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *html = render (cases[i].markdown, TRUE);

      g_test_message ("%s", cases[i].markdown);
      if (cases[i].html != NULL)
        g_assert_cmpstr (html, ==, cases[i].html);
      else
        {
          g_assert_true (g_str_has_prefix (html, "<div class=\"markdown-alert markdown-alert-"));
          g_assert_null (strstr (html, "[!"));
          g_assert_null (strstr (html, "<blockquote>"));
        }
    }
}

static void
test_raw_html (void)
{
  static const char body[] =
    "<div>block</div>\n\n"
    "Text with <b>inline</b> HTML.\n\n"
    "<!-- a comment -->\n\n"
    "[link](javascript:alert(1))\n";
  g_autoptr(CuratorBodyRenderer) renderer = curator_body_renderer_new (CURATOR_BODY_FORMAT_MARKDOWN, TRUE);
  g_autofree char *shown = curator_body_renderer_render (renderer, body, -1);
  g_autofree char *omitted = NULL;
  g_autofree char *comments_only = NULL;

  g_assert_cmpstr (shown, ==,
                   "<div>block</div>\n"
                   "<p>Text with <b>inline</b> HTML.</p>\n"
                   "<!-- a comment -->\n"
                   "<p><a href=\"javascript:alert(1)\">link</a></p>\n");
  /* Two tags and a block: the comment is not counted. */
  g_assert_cmpuint (curator_body_renderer_get_n_raw_html (renderer), ==, 3);

  curator_body_renderer_set_raw_html (renderer, FALSE);
  omitted = curator_body_renderer_render (renderer, body, -1);
  g_assert_cmpstr (omitted, ==,
                   "<!-- raw HTML omitted -->\n"
                   "<p>Text with <!-- raw HTML omitted -->inline<!-- raw HTML omitted --> HTML.</p>\n"
                   "<!-- raw HTML omitted -->\n"
                   "<p><a href=\"\">link</a></p>\n");
  g_assert_cmpuint (curator_body_renderer_get_n_raw_html (renderer), ==, 3);

  comments_only = curator_body_renderer_render (renderer, "Text <!-- x -->\n\n<!--\ny\n-->\n", -1);
  g_assert_cmpstr (comments_only, ==,
                   "<p>Text <!-- raw HTML omitted --></p>\n<!-- raw HTML omitted -->\n<!-- raw HTML omitted -->\n");
  g_assert_cmpuint (curator_body_renderer_get_n_raw_html (renderer), ==, 0);
}

/* An HTML body stays HTML; the summary divider goes, as in Hugo. */
static void
test_formats (void)
{
  g_autoptr(CuratorBodyRenderer) renderer = curator_body_renderer_new (CURATOR_BODY_FORMAT_HTML, FALSE);
  g_autofree char *html = curator_body_renderer_render (renderer, "# not a heading <script>x</script>", -1);
  g_autofree char *divided = NULL;

  g_assert_cmpstr (html, ==, "# not a heading <script>x</script>");
  g_assert_cmpuint (curator_body_renderer_get_n_raw_html (renderer), ==, 0);

  g_assert_cmpint (curator_body_format_for_path ("a/b.md"), ==, CURATOR_BODY_FORMAT_MARKDOWN);
  g_assert_cmpint (curator_body_format_for_path ("a/b.MARKDOWN"), ==, CURATOR_BODY_FORMAT_MARKDOWN);
  g_assert_cmpint (curator_body_format_for_path ("b.mdown"), ==, CURATOR_BODY_FORMAT_MARKDOWN);
  g_assert_cmpint (curator_body_format_for_path ("b.html"), ==, CURATOR_BODY_FORMAT_HTML);
  g_assert_cmpint (curator_body_format_for_path ("b.htm"), ==, CURATOR_BODY_FORMAT_HTML);
  g_assert_cmpint (curator_body_format_for_path ("a.md/b"), ==, CURATOR_BODY_FORMAT_HTML);
  g_assert_cmpint (curator_body_format_for_path (NULL), ==, CURATOR_BODY_FORMAT_HTML);

  curator_body_renderer_set_format (renderer, CURATOR_BODY_FORMAT_MARKDOWN);
  divided = curator_body_renderer_render (renderer, "Summary.\n<!--more-->\n\nRest, <!--more--> kept.", -1);
  g_assert_cmpstr (divided, ==, "<p>Summary.</p>\n<p>Rest, <!-- raw HTML omitted --> kept.</p>");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/golden", test_golden);
  g_test_add_func ("/render/runs/corpus", test_runs_corpus);
  g_test_add_func ("/render/runs/edits", test_runs_edits);
  g_test_add_func ("/render/runs/split", test_runs_split);
  g_test_add_func ("/render/runs/indented-start", test_runs_indented_start);
  g_test_add_func ("/render/runs/definitions", test_runs_definitions);
  g_test_add_func ("/render/runs/definitions-after-list", test_runs_definitions_after_list);
  g_test_add_func ("/render/runs/definitions-between-blocks", test_runs_definitions_between_blocks);
  g_test_add_func ("/render/runs/definitions-selected", test_runs_definitions_selected);
  g_test_add_func ("/render/runs/definitions-narrowed", test_runs_definitions_narrowed);
  g_test_add_func ("/render/runs/edits-definitions", test_runs_edits_definitions);
  g_test_add_func ("/render/runs/edits-headings", test_runs_edits_headings);
  g_test_add_func ("/render/runs/shortcode-over-lines-in-definition", test_runs_shortcode_over_lines_in_definition);
  g_test_add_func ("/render/runs/line-ends", test_runs_line_ends);
  g_test_add_func ("/render/runs/bom", test_runs_bom);
  g_test_add_func ("/render/shortcodes/scan", test_shortcode_scan);
  g_test_add_func ("/render/shortcodes/chips", test_shortcode_chips);
  g_test_add_func ("/render/alerts", test_alerts);
  g_test_add_func ("/render/setext-ids", test_setext_ids);
  g_test_add_func ("/render/definition-list-references", test_definition_list_references);
  g_test_add_func ("/render/raw-html", test_raw_html);
  g_test_add_func ("/render/formats", test_formats);

  return g_test_run ();
}
