/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-markdown-preview"

#include "config.h"

#include <adwaita.h>

#include "curator-body-pane.h"
#include "curator-model.h"
#include "curator-render.h"
#include "curator-test-corpus.h"
#include "curator-test-utils.h"

/* Markdown bodies in the body pane: every Hugo docs page previews (as
 * curator-cli render renders it, without a warning), the site's rule for
 * raw HTML shows in the page and in a bar, and the source view
 * highlights Markdown. */

static char *tmp_dir;

typedef struct
{
  JSCValue *value;
  GError   *error;
} JsResult;

static void
js_done_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  JsResult *js = user_data;

  js->value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), result, &js->error);
}

static gboolean
js_is_done (gpointer data)
{
  JsResult *js = data;

  return js->value != NULL || js->error != NULL;
}

static gboolean
preview_is_painted (gpointer data)
{
  CuratorPreview *preview = data;

  return curator_preview_get_painted_serial (preview) >= curator_preview_get_serial (preview);
}

static char *
run_js (CuratorPreview *preview,
        const char     *script)
{
  JsResult js = { 0 };
  char *text;

  curator_test_wait_for (preview_is_painted, preview, "the preview painted");
  webkit_web_view_evaluate_javascript (curator_preview_get_web_view (preview),
                                       script, -1, NULL, NULL, NULL, js_done_cb, &js);
  curator_test_wait_for (js_is_done, &js, "a script's result");
  g_assert_no_error (js.error);
  text = jsc_value_to_string (js.value);
  g_object_unref (js.value);

  return text;
}

static CuratorDocument *
load_document (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  CuratorDocument *document = curator_document_new (file);

  curator_document_load (document, NULL, &error);
  g_assert_no_error (error);
  return document;
}

static char *
write_file (const char *relative,
            const char *contents)
{
  char *path = g_build_filename (tmp_dir, relative, NULL);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* What the page shows of the body, against @html parsed whole. */
typedef struct
{
  CuratorPreview *preview;
  const char     *html;
} BodyCheck;

static gboolean
body_is_shown (gpointer data)
{
  static const char script[] =
    "(() => {\n"
    "  const parser = document.implementation.createHTMLDocument ('');\n"
    "  parser.body.innerHTML = %s;\n"
    "  const shown = document.getElementById ('curator-body');\n"
    "  const nodes = Array.from (shown.childNodes).flatMap ((node) =>\n"
    "    node.nodeType === 1 && node.classList.contains ('curator-piece') ? Array.from (node.childNodes) : [node]);\n"
    "  const describe = (list) => Array.from (list, (node) =>\n"
    "    node.nodeType + ':' + (node.nodeType === 1 ? node.outerHTML : node.nodeValue)).join ('\\u0001');\n"
    "  return describe (nodes) === describe (parser.body.childNodes) ? 'same' : 'differs';\n"
    "})()";
  BodyCheck *check = data;
  g_autoptr(GString) literal = g_string_new (NULL);
  g_autofree char *code = NULL;
  g_autofree char *same = NULL;

  curator_test_append_json_string (literal, check->html);
  code = g_strdup_printf (script, literal->str);
  same = run_js (check->preview, code);
  return g_str_equal (same, "same");
}

/* The pane reads the site's rules before it renders a Markdown body:
 * wait for the page to show @html. */
static void
wait_for_body (CuratorPreview *preview,
               const char     *html,
               const char     *what)
{
  BodyCheck check = { preview, html };

  curator_test_wait_for (body_is_shown, &check, what);
}

typedef struct
{
  GtkWindow       *window;
  CuratorBodyPane *pane;
  CuratorPreview  *preview;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->window = GTK_WINDOW (gtk_window_new ());
  fixture->pane = CURATOR_BODY_PANE (curator_body_pane_new ());
  fixture->preview = curator_body_pane_get_preview (fixture->pane);
  gtk_window_set_default_size (fixture->window, 1200, 800);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->pane));
  gtk_window_present (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
}

/* Shows @path in the pane and waits for the page to show its body as
 * curator-cli render renders it (@raw_html: under a site that allows
 * raw HTML, or none). Returns the page's text. */
static char *
show_file (Fixture    *fixture,
           const char *path,
           gboolean    raw_html)
{
  g_autoptr(CuratorDocument) document = load_document (path);
  g_autofree char *body = curator_document_dup_body (document);
  CuratorBodyFormat format = curator_body_format_for_path (path);
  g_autoptr(CuratorBodyRenderer) renderer = curator_body_renderer_new (format, raw_html);
  g_autofree char *html = curator_body_renderer_render (renderer, body, -1);

  curator_body_pane_set_document (fixture->pane, document);
  wait_for_body (fixture->preview, html, path);
  return run_js (fixture->preview, "document.getElementById('curator-body').innerText");
}

static gboolean
raw_html_bar_revealed (CuratorBodyPane *pane)
{
  GtkWidget *bar = NULL;

  /* The bar, the only GtkInfoBar of the pane that says "raw HTML". */
  for (GtkWidget *child = gtk_widget_get_first_child (gtk_widget_get_first_child (GTK_WIDGET (pane)));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_INFO_BAR (child))
      bar = child;
  g_assert_nonnull (bar);
  return gtk_info_bar_get_revealed (GTK_INFO_BAR (bar));
}

static char *
dup_raw_html_text (CuratorBodyPane *pane)
{
  for (GtkWidget *child = gtk_widget_get_first_child (gtk_widget_get_first_child (GTK_WIDGET (pane)));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_INFO_BAR (child))
      {
        GtkWidget *label = gtk_widget_get_first_child (gtk_widget_get_first_child (child));

        while (label != NULL && !GTK_IS_LABEL (label))
          label = gtk_widget_get_first_child (label);
        g_assert_nonnull (label);
        return g_strdup (gtk_label_get_label (GTK_LABEL (label)));
      }
  g_assert_not_reached ();
}

/* Every Hugo docs page of the corpus previews, and what the page holds
 * is what curator-cli render prints for it. */
static void
test_corpus (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) files = NULL;

  if (curator_test_corpus_dir () == NULL)
    return;
  files = curator_test_corpus_files ("hugodocs");

  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *text = show_file (fixture, files->pdata[i], TRUE);

      /* No site: the HTML is shown, nothing to say. */
      g_assert_false (raw_html_bar_revealed (fixture->pane));
    }

  g_test_message ("%u Hugo docs pages previewed", files->len);
  g_assert_cmpuint (files->len, ==, curator_test_corpus_facts ()->hugodocs_files);
}

/* The site's rule: its raw HTML left out (and the bar says so), shown,
 * or no rule at all; an HTML file stays HTML. */
static void
test_site_rules (Fixture       *fixture,
                 gconstpointer  data)
{
  static const char body[] =
    "---\ntitle: Raw\n---\n"
    "<div id=\"raw-block\">Raw block</div>\n\n"
    "Markdown *text* with <b id=\"raw-inline\">inline</b> HTML.\n\n"
    "{{< figure src=\"a.png\" >}}\n\n"
    "> [!TIP]\n> A tip.\n";
  g_autofree char *strict_config = write_file ("strict/hugo.toml", "[markup.goldmark.renderer]\nunsafe = false\n");
  g_autofree char *strict = write_file ("strict/content/page.md", body);
  g_autofree char *open_config = write_file ("open/config/_default/markup.yaml", "goldmark:\n  renderer:\n    unsafe: true\n");
  g_autofree char *open_content = write_file ("open/content/.keep", "");
  g_autofree char *open = write_file ("open/content/page.md", body);
  g_autofree char *default_config = write_file ("default/hugo.json", "{\"title\": \"No rule\"}");
  g_autofree char *by_default = write_file ("default/content/page.md", body);
  g_autofree char *html_file = write_file ("strict/content/page.html", "---\ntitle: HTML\n---\n<div id=\"raw-block\">*not Markdown*</div>\n");
  g_autofree char *text = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *notice = NULL;
  g_autofree char *chip = NULL;
  g_autofree char *alert = NULL;

  /* unsafe off: the HTML is gone from the page, the bar names the file. */
  text = show_file (fixture, strict, FALSE);
  raw = run_js (fixture->preview, "String(document.getElementById('raw-block')) + String(document.getElementById('raw-inline'))");
  g_assert_cmpstr (raw, ==, "nullnull");
  g_assert_nonnull (strstr (text, "Markdown text with inline HTML."));
  curator_test_wait_for ((CuratorTestCondition)raw_html_bar_revealed, fixture->pane, "the raw HTML bar");
  notice = dup_raw_html_text (fixture->pane);
  g_assert_nonnull (strstr (notice, "hugo.toml"));
  chip = run_js (fixture->preview, "document.querySelector('.shortcode[data-name=\"figure\"]').textContent");
  g_assert_cmpstr (chip, ==, "figure src=\"a.png\"");
  alert = run_js (fixture->preview, "document.querySelector('.markdown-alert-tip .markdown-alert-title').textContent");
  g_assert_cmpstr (alert, ==, "Tip");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&raw, g_free);
  g_clear_pointer (&notice, g_free);

  /* unsafe on (in config/_default/markup.yaml): shown, nothing to say. */
  text = show_file (fixture, open, TRUE);
  raw = run_js (fixture->preview, "document.getElementById('raw-block').textContent + document.getElementById('raw-inline').textContent");
  g_assert_cmpstr (raw, ==, "Raw blockinline");
  g_assert_false (raw_html_bar_revealed (fixture->pane));
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&raw, g_free);

  /* A site that says nothing: Hugo's default leaves the HTML out. */
  text = show_file (fixture, by_default, FALSE);
  raw = run_js (fixture->preview, "String(document.getElementById('raw-block'))");
  g_assert_cmpstr (raw, ==, "null");
  g_assert_true (raw_html_bar_revealed (fixture->pane));
  notice = dup_raw_html_text (fixture->pane);
  g_assert_nonnull (strstr (notice, "default"));
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&raw, g_free);

  /* An HTML file in that site: its body is HTML, not Markdown. */
  text = show_file (fixture, html_file, TRUE);
  raw = run_js (fixture->preview, "document.getElementById('raw-block').textContent");
  g_assert_cmpstr (raw, ==, "*not Markdown*");
  g_assert_false (raw_html_bar_revealed (fixture->pane));
}

static gboolean
raw_html_bar_hidden (CuratorBodyPane *pane)
{
  return !raw_html_bar_revealed (pane);
}

/* An edit to the site's configuration while a file is open changes the
 * preview: the rule in the root's hugo.toml turned on, then off again in
 * config/_default/, which comes later. */
static void
test_site_config_edited (Fixture       *fixture,
                         gconstpointer  data)
{
  static const char body[] = "---\ntitle: Raw\n---\n<div id=\"raw-block\">Raw block</div>\n\nText.\n";
  g_autofree char *config = write_file ("edited/hugo.toml", "[markup.goldmark.renderer]\nunsafe = false\n");
  g_autofree char *defaults = write_file ("edited/config/_default/params.toml", "x = 1\n");
  g_autofree char *page = write_file ("edited/content/page.md", body);
  g_autofree char *text = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *omitted = NULL;
  g_autofree char *markup = NULL;
  g_autoptr(CuratorBodyRenderer) renderer = curator_body_renderer_new (CURATOR_BODY_FORMAT_MARKDOWN, TRUE);
  g_autoptr(GError) error = NULL;

  text = show_file (fixture, page, FALSE);
  curator_test_wait_for ((CuratorTestCondition)raw_html_bar_revealed, fixture->pane, "the raw HTML bar");

  /* Written anew, as editors save: the HTML is shown, the bar goes. */
  g_file_set_contents (config, "[markup.goldmark.renderer]\nunsafe = true\n", -1, &error);
  g_assert_no_error (error);
  shown = curator_body_renderer_render (renderer, "<div id=\"raw-block\">Raw block</div>\n\nText.\n", -1);
  wait_for_body (fixture->preview, shown, "the body with its HTML, after hugo.toml allowed it");
  curator_test_wait_for ((CuratorTestCondition)raw_html_bar_hidden, fixture->pane, "the raw HTML bar hidden");

  /* A later file of the configuration turns it off again. */
  markup = write_file ("edited/config/_default/markup.yaml", "goldmark:\n  renderer:\n    unsafe: false\n");
  curator_body_renderer_set_raw_html (renderer, FALSE);
  omitted = curator_body_renderer_render (renderer, "<div id=\"raw-block\">Raw block</div>\n\nText.\n", -1);
  wait_for_body (fixture->preview, omitted, "the body without its HTML, after config/_default/markup.yaml");
  curator_test_wait_for ((CuratorTestCondition)raw_html_bar_revealed, fixture->pane, "the raw HTML bar again");
}

static gboolean
has_language (gpointer data)
{
  gpointer *wanted = data;
  GtkSourceLanguage *language = gtk_source_buffer_get_language (GTK_SOURCE_BUFFER (wanted[0]));

  return language != NULL && g_str_equal (gtk_source_language_get_id (language), wanted[1]);
}

/* The source view highlights what the body is written in. */
static void
test_source_language (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *markdown = write_file ("language/page.md", "---\ntitle: x\n---\n# Heading\n");
  g_autofree char *html = write_file ("language/page.html", "---\ntitle: x\n---\n<h1>Heading</h1>\n");
  g_autoptr(CuratorDocument) markdown_document = load_document (markdown);
  g_autoptr(CuratorDocument) html_document = load_document (html);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (curator_body_editor_get_view (curator_body_pane_get_editor (fixture->pane))));
  gpointer wanted[2] = { buffer, "markdown" };

  curator_body_pane_set_document (fixture->pane, markdown_document);
  curator_test_wait_for (has_language, wanted, "Markdown highlighting");

  curator_body_pane_set_document (fixture->pane, html_document);
  wanted[1] = "html";
  curator_test_wait_for (has_language, wanted, "HTML highlighting");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  curator_test_log_init ();
  /* One end of a web process on WebKit's a11y-bus warning (docs/preview.md). */
  curator_test_tolerate_web_process_ends (1);
  tmp_dir = curator_test_make_private_dir ("curator-markdown-preview-XXXXXX");

  adw_init ();
  gtk_source_init ();

  g_test_add ("/markdown-preview/corpus", Fixture, NULL, fixture_set_up, test_corpus, fixture_tear_down);
  g_test_add ("/markdown-preview/site-rules", Fixture, NULL, fixture_set_up, test_site_rules, fixture_tear_down);
  g_test_add ("/markdown-preview/site-config-edited", Fixture, NULL, fixture_set_up, test_site_config_edited, fixture_tear_down);
  g_test_add ("/markdown-preview/source-language", Fixture, NULL, fixture_set_up, test_source_language, fixture_tear_down);

  status = g_test_run ();
  curator_test_remove_tree (tmp_dir);

  return status;
}
