/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-html-pieces"

#include "config.h"

#include <string.h>
#include <adwaita.h>
#include <webkit/webkit.h>

#include "curator-html-pieces.h"
#include "curator-model.h"
#include "curator-test-corpus.h"
#include "curator-test-utils.h"
#include "test-page.h"

/* The preview re-parses only the pieces of the body an edit touched:
 * parsing the pieces one by one must give exactly the nodes the whole
 * body gives. The cut positions are checked on known markup, and the
 * promise itself in WebKit's own parser, on the corpus, on tricky
 * markup and on random damage done to real bodies. */

#define BATCH 200

static WebKitWebView *web_view;

static char *
describe_pieces (const char *html)
{
  g_autoptr(GArray) pieces = curator_html_split_pieces (html, strlen (html), 1);
  g_autoptr(GString) described = g_string_new (NULL);

  for (guint i = 0; i < pieces->len; i++)
    {
      const CuratorHtmlPiece *piece = &g_array_index (pieces, CuratorHtmlPiece, i);

      if (i > 0)
        g_string_append_c (described, '|');
      g_string_append_len (described, html + piece->offset, piece->length);
    }

  return g_string_free (g_steal_pointer (&described), FALSE);
}

static void
test_cuts (void)
{
  static const struct {
    const char *html;
    const char *pieces;
  } cases[] = {
    { "", "" },
    { "just text", "just text" },
    { "<p>a</p><p>b</p>", "<p>a</p>|<p>b</p>" },
    { "<p>a</p>\n\n<p>b</p>\n", "<p>a</p>|\n\n<p>b</p>\n" },
    /* Implied end tags. */
    { "<p>a<p>b<div>c</div>d", "<p>a<p>b<div>c</div>|d" },
    { "<ul><li>a<li>b</ul><hr>x", "<ul><li>a<li>b</ul>|<hr>|x" },
    { "<div><p>a</div><h2>t</h2>", "<div><p>a</div>|<h2>t</h2>" },
    { "<h1>a<h2>b</h2>c", "<h1>a<h2>b</h2>|c" },
    { "<p>a</p></p>b", "<p>a</p>|</p>|b" },
    { "text</span>more<br>", "text</span>more<br>" },
    /* Attributes: quotes open a value only after '='. */
    { "<div title=\"x>y\">l</div><i>i</i>", "<div title=\"x>y\">l</div>|<i>i</i>" },
    { "<p alt='a>b'>x</p><hr title=x/>y", "<p alt='a>b'>x</p>|<hr title=x/>|y" },
    { "<p \"a>b</p>c", "<p \"a>b</p>|c" },
    /* Raw text and comments. */
    { "<style>p{}</p></style><p>x</p>y", "<style>p{}</p></style><p>x</p>|y" },
    { "<textarea></p></textarea ><p>b</p>c", "<textarea></p></textarea ><p>b</p>|c" },
    { "<!-- <p> --><p>x</p><!-->y", "<!-- <p> --><p>x</p>|<!-->y" },
    /* Only after a block: inline content is never split between pieces. */
    { "<a>x</a> and <b>y</b><img src=z><br>w", "<a>x</a> and <b>y</b><img src=z><br>w" },
    { "<!DOCTYPE html><p>a</p>", "<!DOCTYPE html><p>a</p>" },
    /* Tables: cut only after the outermost one. */
    { "<table><tr><td><table><td>x</table></td></tr></table><p>y</p>",
      "<table><tr><td><table><td>x</table></td></tr></table>|<p>y</p>" },
    /* Foreign content: self-closing tags and CDATA. */
    { "<svg><rect/><![CDATA[</svg>]]></svg><p>x</p>y", "<svg><rect/><![CDATA[</svg>]]></svg><p>x</p>|y" },
    /* Formatting closed implicitly is reconstructed later: no more cuts. */
    { "<p><b>x</p><p>y</p><p>z</p>", "<p><b>x</p><p>y</p><p>z</p>" },
    { "<b><i>x</b>y</i><p>z</p>", "<b><i>x</b>y</i><p>z</p>" },
    { "<p>a</p><table><b><tr><td>x</td></tr></table><p>y</p>", "<p>a</p>|<table><b><tr><td>x</td></tr></table><p>y</p>" },
    { "<p>a</p><select><option>x</select><p>y</p>", "<p>a</p>|<select><option>x</select><p>y</p>" },
    { "<p>a</p><template><p>x</p></template><p>y</p>", "<p>a</p>|<template><p>x</p></template><p>y</p>" },
    { "<p>a</p><script><!--<script></script>--></script><p>y</p>",
      "<p>a</p>|<script><!--<script></script>--></script><p>y</p>" },
    { "<p>a</p><noscript><img src=x></noscript><p>y</p>", "<p>a</p>|<noscript><img src=x></noscript><p>y</p>" },
    { "<p>a</p><svg><p>x</p></svg><p>y</p>", "<p>a</p>|<svg><p>x</p></svg><p>y</p>" },
    /* Unterminated markup. */
    { "<p>a</p><!-- open", "<p>a</p>|<!-- open" },
    { "<p>a</p><img src=\"x", "<p>a</p>|<img src=\"x" },
    { "<p>a</p><style>p{", "<p>a</p>|<style>p{" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *pieces = describe_pieces (cases[i].html);

      g_test_message ("%s", cases[i].html);
      g_assert_cmpstr (pieces, ==, cases[i].pieces);
    }
}

/* With a spacing, about one possible cut in that many is made, and an
 * edit moves no cut but those next to it: the others stay where they
 * were (shifted by the edit). */
static void
test_spacing (void)
{
  g_autoptr(GString) html = g_string_new (NULL);
  g_autoptr(GArray) every = NULL;
  g_autoptr(GArray) pieces = NULL;
  g_autoptr(GArray) edited_pieces = NULL;
  g_autoptr(GHashTable) cuts = g_hash_table_new (NULL, NULL);
  gsize covered = 0;
  guint moved = 0;

  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (html, "<p>Paragraph %u, of %u words.</p>\n", i, i * 7 % 13);

  every = curator_html_split_pieces (html->str, html->len, 1);
  pieces = curator_html_split_pieces (html->str, html->len, 8);
  g_assert_cmpuint (every->len, ==, 2000);
  g_test_message ("2000 paragraphs, spacing 8: %u pieces", pieces->len);
  g_assert_cmpuint (pieces->len, >, 2000 / 16);
  g_assert_cmpuint (pieces->len, <, 2000 / 4);
  for (guint i = 0; i < pieces->len; i++)
    {
      const CuratorHtmlPiece *piece = &g_array_index (pieces, CuratorHtmlPiece, i);

      g_assert_cmpuint (piece->offset, ==, covered);
      covered += piece->length;
      g_hash_table_add (cuts, GSIZE_TO_POINTER (piece->offset));
    }
  g_assert_cmpuint (covered, ==, html->len);

  /* A word typed in the first paragraph. */
  g_string_insert (html, 5, "typed ");
  edited_pieces = curator_html_split_pieces (html->str, html->len, 8);
  for (guint i = 0; i < edited_pieces->len; i++)
    {
      gsize offset = g_array_index (edited_pieces, CuratorHtmlPiece, i).offset;

      if (offset > 64 && !g_hash_table_contains (cuts, GSIZE_TO_POINTER (offset - 6)))
        moved++;
    }
  g_assert_cmpuint (moved, ==, 0);
  g_assert_cmpuint (edited_pieces->len, ==, pieces->len);

  /* Text that repeats itself has no chosen cut, or the same ones over
   * and over: pieces still come at least every 16 blocks. */
  g_string_truncate (html, 0);
  for (guint i = 0; i < 2000; i++)
    g_string_append (html, "<p>The same paragraph again.</p>");
  g_clear_pointer (&pieces, g_array_unref);
  pieces = curator_html_split_pieces (html->str, html->len, 8);
  g_assert_cmpuint (pieces->len, >=, 2000 / 16);

  /* Nothing, even without a pointer (found by the fuzzer). */
  g_clear_pointer (&pieces, g_array_unref);
  pieces = curator_html_split_pieces (NULL, 0, 8);
  g_assert_cmpuint (pieces->len, ==, 0);
}

/* WebKit's parser ---------------------------------------------------------- */

static const char compare_script[] =
  "const doc = document.implementation.createHTMLDocument ('');\n"
  "const describe = (nodes) => Array.from (nodes, (node) =>\n"
  "  node.nodeType + ':' + (node.nodeType === 1 ? node.outerHTML : node.nodeValue));\n"
  "const differ = [];\n"
  "for (const [key, item] of Object.entries (bodies)) {\n"
  "  doc.body.innerHTML = item.whole;\n"
  "  const whole = describe (doc.body.childNodes);\n"
  "  const joined = [];\n"
  "  for (const piece of Object.values (item.pieces)) {\n"
  "    doc.body.innerHTML = piece;\n"
  "    joined.push (...describe (doc.body.childNodes));\n"
  "  }\n"
  "  if (whole.join ('\\u0001') !== joined.join ('\\u0001'))\n"
  "    differ.push (key);\n"
  "}\n"
  "return differ.join (',');\n";

static void
load_changed_cb (WebKitWebView   *view,
                 WebKitLoadEvent  event,
                 gboolean        *loaded)
{
  if (event == WEBKIT_LOAD_FINISHED)
    *loaded = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *)data;
}

static WebKitWebView *
get_web_view (void)
{
  if (web_view == NULL)
    {
      g_autoptr(WebKitNetworkSession) session = webkit_network_session_new_ephemeral ();
      gboolean loaded = FALSE;

      /* Ephemeral: nothing of this view's is written to disk. */
      web_view = g_object_ref_sink (g_object_new (WEBKIT_TYPE_WEB_VIEW,
                                                  "network-session", session,
                                                  NULL));
      g_signal_connect (web_view, "load-changed", G_CALLBACK (load_changed_cb), &loaded);
      webkit_web_view_load_html (web_view, "<!DOCTYPE html><html><body></body></html>", NULL);
      curator_test_wait_for (is_true, &loaded, "the empty page to load");
      g_signal_handlers_disconnect_by_data (web_view, &loaded);
    }

  return web_view;
}

static GVariant *
body_and_pieces (const char *html)
{
  g_autoptr(GArray) pieces = curator_html_split_pieces (html, strlen (html), 1);
  GVariantDict item;
  GVariantDict parts;

  g_variant_dict_init (&parts, NULL);
  for (guint i = 0; i < pieces->len; i++)
    {
      const CuratorHtmlPiece *piece = &g_array_index (pieces, CuratorHtmlPiece, i);
      g_autofree char *key = g_strdup_printf ("%u", i);
      g_autofree char *text = g_strndup (html + piece->offset, piece->length);

      g_variant_dict_insert (&parts, key, "s", text);
    }

  g_variant_dict_init (&item, NULL);
  g_variant_dict_insert (&item, "whole", "s", html);
  g_variant_dict_insert_value (&item, "pieces", g_variant_dict_end (&parts));
  return g_variant_dict_end (&item);
}

/* Checks @bodies (valid UTF-8), cut at every possible point, in WebKit. */
static void
assert_same_parse (GPtrArray  *bodies,
                   GPtrArray  *names)
{
  for (guint start = 0; start < bodies->len; start += BATCH)
    {
      g_autofree char *differ = NULL;
      GVariantDict batch;
      GVariantDict arguments;

      g_variant_dict_init (&batch, NULL);
      for (guint i = start; i < MIN (start + BATCH, bodies->len); i++)
        {
          const char *html = g_ptr_array_index (bodies, i);
          g_autofree char *key = g_strdup_printf ("%u", i);

          g_variant_dict_insert_value (&batch, key, body_and_pieces (html));
        }
      g_variant_dict_init (&arguments, NULL);
      g_variant_dict_insert_value (&arguments, "bodies", g_variant_dict_end (&batch));

      differ = test_page_call_js (get_web_view (), compare_script, g_variant_dict_end (&arguments));
      if (*differ != '\0')
        {
          guint index = (guint)g_ascii_strtoull (differ, NULL, 10);
          g_autofree char *pieces = describe_pieces (g_ptr_array_index (bodies, index));

          g_test_message ("Parsed differently in pieces: %s (of %s)\n%s",
                          (const char *)g_ptr_array_index (names, index), differ, pieces);
          g_test_fail ();
          return;
        }
    }
}

static const char * const tricky[] = {
  "<p>one<p>two</p><div>three<p>four</div><p>five",
  "<b>bold<p>para</b>after</p><p>next</p>",
  "<a href=x>link<div>block</a>after</div><p>next</p>",
  "<table><tr><td>1<td>2</tr><tr><td>3</table>text<p>after</p>",
  "<table>stray<tr><td>x</table><p>after</p>",
  "<ul><li>1<ul><li>1.1</ul><li>2</ul><ol><li>x</li></ol>",
  "<dl><dt>a<dd>b<dt>c</dl><p>x</p>",
  "<h1>a<h2>b</h1>c</h2><p>d</p>",
  "<form><input></form><form>x</form><p>y</p>",
  "<button>a<button>b</button></button><p>c</p>",
  "<ruby>a<rt>b<rp>c</ruby><p>d</p>",
  "<select><option>a<option>b</select><p>c</p>",
  "<svg><circle r=1/><foreignObject><p>x</p></foreignObject></svg><p>y</p>",
  "<math><mi>x</mi></math><p>y</p>",
  "<pre>\nline</pre><pre>\n\nline</pre><listing>\nx</listing>",
  "<textarea>\n<p></textarea><title><b></title><p>x</p>",
  "<script>if (a < b) {}</script><style>a > b {}</style><p>x</p>",
  "<xmp><p></xmp><iframe><p></iframe><noembed><p></noembed><noframes><p></noframes>",
  "<p>a</p></div></span></b><p>b</p>",
  "<nobr>a<nobr>b</nobr><p>c</p>",
  "<p>a</p><plaintext><p>b",
  "<p>a</p><frameset><frame></frameset><p>b</p>",
  "<html lang=x><body class=y><p>a</p><head><p>b</p>",
  "<!doctype html><p>a</p><!-- c --><?php x ?><!x><p>b</p></ x>",
  "<p>a</p><image src=x><isindex><p>b</p>",
  "<p title='a\"b' data-x=\"c'd\" e=f/ g>x</p><p>y</p>",
  "<div/><p>inside the div</p></div><p>after</p>",
  "<p>&lt;p&gt; &amp; <</p><p>x<y</p><p>z</p>",
  "<p>a<table><td>x</table>b</p><p>c</p>",
  "<center><p>x</center><marquee>m</marquee><p>y</p>",
  "<object><param name=x><p>x</object><applet>y</applet><p>z</p>",
  "<p>a</p><template><td>x</template><p>b</p>",
  "<my-element>x</my-element><my-element><p>y</my-element><p>z</p>",
  "<lite-youtube-embed-with-a-really-very-long-custom-element-name-here>x</lite-youtube-embed-with-a-really-very-long-custom-element-name-here><p>z</p>",
  "<em>a</em><strong>b<em>c</strong></em><p>d</p>",
  "<p><font color=red>a</p><p>b</font></p><p>c</p>",
  "<table><caption>c<p>x</caption><colgroup><col></colgroup><tbody><tr><th>h</table><p>y</p>",
  "<table><form><tr><td>x</table><p>y</p>",
  "<address>a<p>b</address><article><p>c</article><p>d</p>",
  "<details><summary>s<p>x</details><dialog>d</dialog><p>y</p>",
  "<li>a<li>b<p>c</p>",
  "<dd>a<dt>b<p>c</p>",
  "<option>a<optgroup>b<option>c<p>d</p>",
  "<p>a</p>\r\n<p>b</p>\r\n\t<hr/>\f<p>c</p>",
  "<p>a</p><svg><desc><p>x</p></desc></svg><p>y</p>",
  "<p>a</p><svg><b>x</b></svg><p>y</p>",
  "<p>a</p><math><mtext><p>x</p></mtext></math><p>y</p>",
  "<noscript><p>x</p></noscript><p>y</p><noscript>text</noscript><p>z</p>",
};

static void
test_same_parse_tricky (void)
{
  g_autoptr(GPtrArray) bodies = g_ptr_array_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *adversarial = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (tricky); i++)
    {
      g_ptr_array_add (bodies, (char *)tricky[i]);
      g_ptr_array_add (names, g_strdup_printf ("tricky %u", i));
    }

  g_file_get_contents (g_test_get_filename (G_TEST_DIST, "preview", "adversarial.html", NULL),
                       &adversarial, NULL, &error);
  g_assert_no_error (error);
  g_ptr_array_add (bodies, adversarial);
  g_ptr_array_add (names, g_strdup ("adversarial.html"));

  assert_same_parse (bodies, names);
}

static char *
read_body (const char *path)
{
  g_autoptr(GBytes) bytes = curator_test_corpus_read (path);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CuratorDocument) document = curator_document_new (file);
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  if (curator_document_load_from_bytes (document, bytes, NULL))
    {
      g_autofree char *body = curator_document_dup_body (document);

      return g_utf8_make_valid (body, -1);
    }
  /* Anything is markup to the parser. */
  return g_utf8_make_valid (data, length);
}

static void
collect_corpus (GPtrArray *bodies,
                GPtrArray *names)
{
  static const char * const folders[] = { "medigy", "hugodocs", "edge" };

  for (guint f = 0; f < G_N_ELEMENTS (folders); f++)
    {
      g_autoptr(GPtrArray) files = curator_test_corpus_files (folders[f]);

      for (guint i = 0; i < files->len; i++)
        {
          const char *path = g_ptr_array_index (files, i);

          g_ptr_array_add (bodies, read_body (path));
          g_ptr_array_add (names, g_strdup (path));
        }
    }
}

static void
test_same_parse_corpus (void)
{
  g_autoptr(GPtrArray) bodies = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  guint paragraphs = 0;
  guint split = 0;

  if (curator_test_corpus_dir () == NULL)
    return;

  collect_corpus (bodies, names);
  assert_same_parse (bodies, names);

  /* Most bodies of several paragraphs are cut: the fast path is the
   * common one. */
  for (guint i = 0; i < bodies->len; i++)
    {
      const char *html = g_ptr_array_index (bodies, i);
      const char *second = strstr (html, "</p>");
      g_autoptr(GArray) pieces = NULL;

      if (second == NULL || strstr (second + 4, "</p>") == NULL)
        continue;
      paragraphs++;
      pieces = curator_html_split_pieces (html, strlen (html), 1);
      if (pieces->len > 1)
        split++;
      else if (g_test_verbose ())
        g_test_message ("Not cut: %s", (const char *)g_ptr_array_index (names, i));
    }
  g_test_message ("%u bodies; %u with paragraphs, %u of them cut in pieces",
                  bodies->len, paragraphs, split);
  g_assert_cmpuint (split, >=, paragraphs * 9 / 10);
}

/* Real bodies with random markup damage: the scanner must never cut
 * where WebKit would parse differently. */
static void
test_same_parse_damaged (void)
{
  static const char * const fragments[] = {
    "<p>", "</p>", "<b>", "</b>", "<i>", "</div>", "<div>", "<li>", "<ul>", "</ul>",
    "<table>", "</table>", "<td>", "<tr>", "<a href=x>", "</a>", "<!--", "-->", "<svg>",
    "</svg>", "<script>", "</script>", "<style>", "<textarea>", "\"", "'", "=", "<", ">",
    "</", "/>", "<h2>", "</h3>", "<form>", "</form>", "<select>", "<option>", "<pre>\n",
    "<noscript>", "<![CDATA[", "]]>", "<math>", "<br/>", "</br>", "<hr>", "<em>", "</strong>",
  };
  g_autoptr(GPtrArray) originals = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) original_names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) bodies = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261126);

  if (curator_test_corpus_dir () == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (tricky); i++)
    {
      g_ptr_array_add (originals, g_strdup (tricky[i]));
      g_ptr_array_add (original_names, g_strdup_printf ("tricky %u", i));
    }
  collect_corpus (originals, original_names);

  for (guint n = 0; n < 3000; n++)
    {
      guint which = g_rand_int_range (rand, 0, originals->len);
      const char *original = g_ptr_array_index (originals, which);
      g_autoptr(GString) damaged = g_string_new (original);
      guint changes = g_rand_int_range (rand, 1, 6);

      for (guint c = 0; c < changes && damaged->len > 0; c++)
        {
          gsize at = g_rand_int_range (rand, 0, damaged->len);
          gsize cut = g_rand_int_range (rand, 0, 40);

          cut = MIN (cut, damaged->len - at);

          /* Whole characters only: keep it UTF-8. */
          while (at > 0 && (damaged->str[at] & 0xC0) == 0x80)
            at--;
          while (at + cut < damaged->len && (damaged->str[at + cut] & 0xC0) == 0x80)
            cut++;
          g_string_erase (damaged, at, cut);
          g_string_insert (damaged, at, fragments[g_rand_int_range (rand, 0, G_N_ELEMENTS (fragments))]);
        }

      g_ptr_array_add (bodies, g_string_free (g_steal_pointer (&damaged), FALSE));
      g_ptr_array_add (names, g_strdup_printf ("damaged %s (#%u)",
                                               (const char *)g_ptr_array_index (original_names, which), n));
    }

  assert_same_parse (bodies, names);
}

/* Splitting again after an edit gives what splitting from scratch gives,
 * and the pieces it says are the same are. */
static void
assert_resplit (const char *old_html,
                const char *html,
                guint       spacing)
{
  g_autoptr(GArray) old_pieces = curator_html_split_pieces (old_html, strlen (old_html), spacing);
  g_autoptr(GArray) expected = curator_html_split_pieces (html, strlen (html), spacing);
  g_autoptr(GArray) pieces = NULL;
  guint first, last;

  pieces = curator_html_resplit_pieces (old_html, strlen (old_html), old_pieces,
                                        html, strlen (html), spacing, &first, &last);
  if (pieces->len != expected->len ||
      (pieces->len > 0 && memcmp (pieces->data, expected->data, pieces->len * sizeof (CuratorHtmlPiece)) != 0))
    {
      g_test_message ("Split again differently:\n%s\n->\n%s", old_html, html);
      g_test_fail ();
      return;
    }

  g_assert_cmpuint (first + last, <=, MIN (old_pieces->len, pieces->len));
  for (guint i = 0; i < first; i++)
    {
      const CuratorHtmlPiece *a = &g_array_index (old_pieces, CuratorHtmlPiece, i);
      const CuratorHtmlPiece *b = &g_array_index (pieces, CuratorHtmlPiece, i);

      g_assert_cmpuint (a->length, ==, b->length);
      g_assert_true (memcmp (old_html + a->offset, html + b->offset, a->length) == 0);
    }
  for (guint i = 0; i < last; i++)
    {
      const CuratorHtmlPiece *a = &g_array_index (old_pieces, CuratorHtmlPiece, old_pieces->len - 1 - i);
      const CuratorHtmlPiece *b = &g_array_index (pieces, CuratorHtmlPiece, pieces->len - 1 - i);

      g_assert_cmpuint (a->length, ==, b->length);
      g_assert_true (memcmp (old_html + a->offset, html + b->offset, a->length) == 0);
    }
}

/* Random edits (a span cut, a fragment typed) to @bodies, with @seed:
 * each splits again as from scratch. */
static void
check_resplit_edits (GPtrArray *bodies,
                     guint32    seed,
                     guint      n_edits)
{
  static const char * const inserts[] = {
    "x", "<p>", "</p>", "<div>", "</div>", "<b>", "</b>", "<!--", "-->", "<table>", "</table>",
    "<p>new</p>", "\n\n", "<", ">", "\"", "<hr>", "<svg>", "</svg>", "<script>", " ", "\t\n",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  for (guint n = 0; n < n_edits; n++)
    {
      const char *old_html = g_ptr_array_index (bodies, g_rand_int_range (rand, 0, bodies->len));
      g_autoptr(GString) html = g_string_new (old_html);
      gsize at = g_rand_int_range (rand, 0, html->len + 1);
      gsize cut = g_rand_int_range (rand, 0, 3) == 0 ? g_rand_int_range (rand, 0, 300) : 0;

      cut = MIN (cut, html->len - at);
      g_string_erase (html, at, cut);
      if (g_rand_int_range (rand, 0, 4) != 0)
        g_string_insert (html, at, inserts[g_rand_int_range (rand, 0, G_N_ELEMENTS (inserts))]);

      assert_resplit (old_html, html->str, n % 2 == 0 ? 1 : 4);
      if (g_test_failed ())
        {
          g_test_message ("Seed %u, edit %u", seed, n);
          return;
        }
    }
}

static const guint32 resplit_seeds[] = { 1126, 20261205, 7, 424242, 90001 };

static void
test_resplit_known (void)
{
  assert_resplit ("", "", 0);
  assert_resplit ("", "<p>a</p><p>b</p>", 0);
  assert_resplit ("<p>a</p><p>b</p>", "", 0);
  assert_resplit ("<p>a</p><p>b</p>", "<p>a</p><p>b</p>", 0);
  assert_resplit ("<p>a</p><p>b</p>", "<p>a</p><p>b</p><p>c</p>", 0);
  assert_resplit ("<p>a</p><p>b</p>", "<p>a</p>", 0);
  /* No cut where only white space follows, also when an edit leaves
   * only white space after a cut kept from before it. */
  assert_resplit ("<p>a</p></div></span></b><p>b</p>", "<p>a</p>\n\n", 1);
  assert_resplit ("<p>a</p>\n<p>b</p>\n\t<hr/><p>c</p>", "<p>a</p>\n<p>b</p>\n\t<hr/>", 1);
  assert_resplit ("<p>a</p>\n<p>b</p>\n\t<hr/><p>c</p>", "<p>a</p>\n", 1);
  assert_resplit ("<p>a</p><p>b</p><p>c</p>", "<p>a</p><p>b</p> \t", 4);
  assert_resplit ("<p>a</p><p>b</p>", "<p>a</p><p>b</p>\n", 1);
}

/* On the built-in tricky bodies: what a bare clone has. */
static void
test_resplit_tricky (void)
{
  g_autoptr(GPtrArray) bodies = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (tricky); i++)
    g_ptr_array_add (bodies, (char *)tricky[i]);
  for (guint i = 0; i < G_N_ELEMENTS (resplit_seeds) && !g_test_failed (); i++)
    check_resplit_edits (bodies, resplit_seeds[i], 20000);
}

/* On bodies made of random markup fragments, several edits deep. */
static void
test_resplit_generated (void)
{
  static const char * const fragments[] = {
    "<p>", "</p>", "<b>", "</b>", "<i>", "</div>", "<div>", "<li>", "<ul>", "</ul>", "<table>",
    "</table>", "<td>", "<a href=x>", "</a>", "<!--", "-->", "<svg>", "</svg>", "<script>",
    "</script>", "<textarea>", "\"", "'", "=", "<", ">", "</", "/>", "<h2>", "</h3>", "<form>",
    "</form>", "<select>", "<pre>\n", "<![CDATA[", "]]>", "<br/>", "<hr>", " ", "\n", "\t",
    "text", "<p>para</p>", "<div>x</div>", "<h1>t</h1>",
  };
  static const guint spacings[] = { 1, 2, 4, 8 };

  for (guint i = 0; i < G_N_ELEMENTS (resplit_seeds); i++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (resplit_seeds[i]);

      for (guint n = 0; n < 4000; n++)
        {
          g_autoptr(GString) old_html = g_string_new (NULL);
          g_autoptr(GString) html = NULL;
          guint length = g_rand_int_range (rand, 1, 60);
          guint edits = g_rand_int_range (rand, 1, 3);

          for (guint k = 0; k < length; k++)
            g_string_append (old_html, fragments[g_rand_int_range (rand, 0, G_N_ELEMENTS (fragments))]);
          html = g_string_new (old_html->str);
          for (guint e = 0; e < edits; e++)
            {
              gsize at = g_rand_int_range (rand, 0, html->len + 1);
              gsize cut = g_rand_int_range (rand, 0, 3) == 0 ? g_rand_int_range (rand, 0, 50) : 0;

              g_string_erase (html, at, MIN (cut, html->len - at));
              if (g_rand_int_range (rand, 0, 4) != 0)
                g_string_insert (html, at, fragments[g_rand_int_range (rand, 0, G_N_ELEMENTS (fragments))]);
            }

          for (guint s = 0; s < G_N_ELEMENTS (spacings); s++)
            {
              assert_resplit (old_html->str, html->str, spacings[s]);
              if (g_test_failed ())
                {
                  g_test_message ("Seed %u, body %u, spacing %u", resplit_seeds[i], n, spacings[s]);
                  return;
                }
            }
        }
    }
}

/* On the corpus's real bodies (the sample, or the whole shared corpus). */
static void
test_resplit_corpus (void)
{
  g_autoptr(GPtrArray) bodies = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  if (curator_test_corpus_dir () == NULL)
    return;
  collect_corpus (bodies, names);
  for (guint i = 0; i < G_N_ELEMENTS (resplit_seeds) && !g_test_failed (); i++)
    check_resplit_edits (bodies, resplit_seeds[i], 20000);
  g_test_message ("%u bodies, %zu seeds of 20000 edits each", bodies->len, G_N_ELEMENTS (resplit_seeds));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp_dir = NULL;
  int status;

  curator_test_log_init ();
  g_test_init (&argc, &argv, NULL);
  /* WebKit's processes keep what they cache there, not in the home. */
  tmp_dir = curator_test_make_private_dir ("curator-html-pieces-XXXXXX");
  adw_init ();
  test_page_preload (NULL);

  g_test_add_func ("/html-pieces/cuts", test_cuts);
  g_test_add_func ("/html-pieces/spacing", test_spacing);
  g_test_add_func ("/html-pieces/resplit/known", test_resplit_known);
  g_test_add_func ("/html-pieces/resplit/tricky", test_resplit_tricky);
  g_test_add_func ("/html-pieces/resplit/generated", test_resplit_generated);
  g_test_add_func ("/html-pieces/corpus/resplit", test_resplit_corpus);
  g_test_add_func ("/html-pieces/same-parse/tricky", test_same_parse_tricky);
  g_test_add_func ("/html-pieces/corpus/same-parse", test_same_parse_corpus);
  g_test_add_func ("/html-pieces/corpus/same-parse-damaged", test_same_parse_damaged);

  status = g_test_run ();
  g_clear_object (&web_view);
  curator_test_remove_tree (tmp_dir);
  return status;
}
