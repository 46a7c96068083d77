/* SPDX-License-Identifier: GPL-3.0-or-later */
/* New files inferred from real folders of the corpus (Medigy curated
 * content, news and events; Hugo docs sections): each new file parses,
 * passes curator-cli check, keeps the siblings' key order, keeps their
 * constants, and every relation the template inferred holds in it. The
 * Medigy relations the issue names are checked one by one. Then written
 * folders: bundles, date-slug names, Hugo archetypes, the minimal file,
 * the remembered choice of facts, and never overwriting. */
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "curator-web.h"

#include "curator-test-corpus.h"
#include "curator-test-utils.h"

static char *workdir;

static CuratorPageFacts *
page_facts (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "web", "pages", "wordpress.html", NULL);
  g_autofree char *html = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &html, &length, NULL));
  return curator_page_facts_new_from_html (html, length, "https://healthtech.example/2023/05/rpm-grows-up/");
}

static char *
page_body (guint flags)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "web", "pages", "wordpress.html", NULL);
  g_autofree char *html = NULL;

  g_assert_true (g_file_get_contents (path, &html, NULL, NULL));
  return curator_html_sanitize (html, -1, "https://healthtech.example/2023/05/rpm-grows-up/",
                                flags | CURATOR_SANITIZE_MAIN_CONTENT);
}

static CuratorImageInfo *
image (void)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 64, 36);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  gsize size;

  gdk_pixbuf_fill (pixbuf, 0x3366ccff);
  gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", &error, NULL);
  g_assert_no_error (error);
  bytes = g_bytes_new_take (buffer, size);
  return curator_image_info_new_from_bytes (bytes, &error);
}

static GDateTime *
fixed_now (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  return g_date_time_new (utc, 2026, 12, 6, 10, 11, 12.345678);
}

/* The document's bytes as a string. */
static char *
document_text (CuratorDocument *document)
{
  g_autoptr(GBytes) bytes = curator_document_serialize (document);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static const char *
value_at (CuratorDocument *document,
          const char      *key_path)
{
  const CuratorNode *node = curator_document_lookup (document, key_path, NULL);

  if (node == NULL || curator_node_get_kind (node) != CURATOR_NODE_SCALAR)
    return NULL;
  if (curator_node_get_scalar_type (node) == CURATOR_SCALAR_NULL)
    return "";
  return curator_node_get_value (node);
}

/* Runs curator-cli check on @bytes written to a file; returns its output. */
static void
assert_check_passes (GBytes     *bytes,
                     const char *name)
{
  g_autofree char *path = g_build_filename (workdir, name, NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { CURATOR_CLI_PATH, "check", path, NULL };
  int status;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL) || strstr (out, "error:") != NULL)
    g_error ("curator-cli check %s: %s%s", path, out, err);
}

/* A template's "{slug:title}" evaluated against @document. */
static char *
evaluate (const char      *template,
          CuratorDocument *document,
          const char      *stem)
{
  GString *out = g_string_new (NULL);

  for (const char *p = template; *p != '\0'; p++)
    {
      const char *close, *colon;
      g_autofree char *transform = NULL;
      g_autofree char *source = NULL;
      const char *value;

      if (*p == '\\' && p[1] != '\0')
        {
          g_string_append_c (out, *++p);
          continue;
        }
      if (*p != '{')
        {
          g_string_append_c (out, *p);
          continue;
        }
      close = strchr (p, '}');
      g_assert_nonnull (close);
      colon = memchr (p, ':', close - p);
      transform = colon != NULL ? g_strndup (p + 1, colon - p - 1) : g_strdup ("");
      source = colon != NULL ? g_strndup (colon + 1, close - colon - 1) : g_strndup (p + 1, close - p - 1);
      value = strcmp (source, "@stem") == 0 ? stem : value_at (document, source);
      if (value == NULL || value[0] == '\0')
        {
          g_string_free (out, TRUE);
          return NULL;
        }
      if (strcmp (transform, "") == 0)
        g_string_append (out, value);
      else if (strcmp (transform, "lower") == 0)
        {
          g_autofree char *lower = g_utf8_strdown (value, -1);

          g_string_append (out, lower);
        }
      else if (strcmp (transform, "slug") == 0)
        {
          g_autofree char *ascii = g_str_to_ascii (value, "C");
          gboolean dash = FALSE;
          gsize start = out->len;

          for (const char *c = ascii; *c != '\0'; c++)
            {
              if (g_ascii_isalnum (*c))
                {
                  if (dash && out->len > start)
                    g_string_append_c (out, '-');
                  g_string_append_c (out, g_ascii_tolower (*c));
                  dash = FALSE;
                }
              else if (*c != '\'')
                dash = TRUE;
            }
        }
      else if (strcmp (transform, "host") == 0 || strcmp (transform, "hoststem") == 0)
        {
          g_autoptr(GUri) uri = g_uri_parse (value, G_URI_FLAGS_NONE, NULL);
          const char *host = uri != NULL ? g_uri_get_host (uri) : value;

          if (g_str_has_prefix (host, "www."))
            host += 4;
          if (strcmp (transform, "host") == 0)
            g_string_append (out, host);
          else
            g_string_append_len (out, host, strrchr (host, '.') - host);
        }
      else
        g_error ("unknown transform %s", transform);
      p = close;
    }
  return g_string_free (out, FALSE);
}

typedef struct
{
  GPtrArray *orders;  /* GStrv: each sibling's top-level keys */
  guint      n;
} Siblings;

static void
siblings_clear (Siblings *siblings)
{
  g_clear_pointer (&siblings->orders, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Siblings, siblings_clear)

static void
read_siblings (const char *dir,
               Siblings   *siblings)
{
  g_autoptr(GPtrArray) names = curator_folder_index_list_files (dir, NULL);

  siblings->orders = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      g_autoptr(GBytes) bytes = curator_test_corpus_read (path);
      g_autoptr(CuratorDocument) document = curator_document_new (NULL);
      const CuratorNode *root;
      GStrvBuilder *builder;

      if (strchr (g_ptr_array_index (names, i), '/') != NULL ||
          g_str_has_prefix (g_ptr_array_index (names, i), "_") ||
          !curator_document_load_from_bytes (document, bytes, NULL) ||
          curator_document_get_load_error (document) != NULL)
        continue;
      root = curator_document_get_root (document);
      builder = g_strv_builder_new ();
      for (guint k = 0; k < curator_node_get_n_children (root); k++)
        g_strv_builder_add (builder, curator_node_get_key (root, k));
      g_ptr_array_add (siblings->orders, g_strv_builder_end (builder));
      g_strv_builder_unref (builder);
    }
  siblings->n = siblings->orders->len;
}

static int
position_of (char       **keys,
             const char  *key)
{
  for (int i = 0; keys[i] != NULL; i++)
    if (strcmp (keys[i], key) == 0)
      return i;
  return -1;
}

/* Every two keys of the new file are in the order most siblings that
 * have both put them in. */
static void
assert_key_order (CuratorDocument *document,
                  Siblings        *siblings)
{
  const CuratorNode *root = curator_document_get_root (document);
  guint n = curator_node_get_n_children (root);

  for (guint a = 0; a < n; a++)
    for (guint b = a + 1; b < n; b++)
      {
        const char *first = curator_node_get_key (root, a);
        const char *second = curator_node_get_key (root, b);
        guint agree = 0, disagree = 0;

        for (guint s = 0; s < siblings->orders->len; s++)
          {
            char **keys = g_ptr_array_index (siblings->orders, s);
            int x = position_of (keys, first), y = position_of (keys, second);

            if (x >= 0 && y >= 0)
              {
                if (x < y)
                  agree++;
                else
                  disagree++;
              }
          }
        if (disagree > agree)
          g_error ("%s before %s: %u siblings agree, %u put them the other way", first, second, agree, disagree);
      }
}

/* The checks every inferred folder passes. Returns the new document. */
static CuratorDocument *
create_and_check (const char             *relative,
                  guint                   min_derived,
                  gboolean                with_image,
                  CuratorFolderTemplate **template_out,
                  GFile                 **image_file)
{
  g_autofree char *dir = curator_test_corpus_path (relative, NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(CuratorFolderTemplate) template = NULL;
  g_autoptr(CuratorPageFacts) facts = page_facts ();
  g_autoptr(CuratorImageInfo) picture = image ();
  g_autoptr(GDateTime) now = fixed_now ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *body = NULL;
  g_autofree char *name = NULL;
  g_autofree char *stem = NULL;
  g_auto(Siblings) siblings = { 0 };
  CuratorDocument *document;
  GListModel *rules;
  guint n_derived = 0;

  template = curator_folder_template_new (folder, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (curator_folder_template_get_source (template), ==, CURATOR_TEMPLATE_SIBLINGS);
  body = page_body (curator_folder_template_get_body_flags (template));

  document = curator_folder_template_create (template, facts, body, with_image ? picture : NULL,
                                             NULL, now, with_image ? image_file : NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);
  g_assert_null (curator_document_get_load_error (document));
  g_assert_false (g_file_query_exists (curator_document_get_file (document), NULL));

  name = g_file_get_basename (curator_document_get_file (document));
  stem = g_strndup (name, strrchr (name, '.') - name);
  bytes = curator_document_serialize (document);
  g_test_message ("%s: %s\n%.*s", relative, name, (int) g_bytes_get_size (bytes), (const char *) g_bytes_get_data (bytes, NULL));
  assert_check_passes (bytes, name);

  read_siblings (dir, &siblings);
  g_assert_cmpuint (siblings.n, >=, 5);
  assert_key_order (document, &siblings);

  /* Every relation inferred holds in the new file. */
  rules = curator_folder_template_get_rules (template);
  for (guint i = 0; i < g_list_model_get_n_items (rules); i++)
    {
      g_autoptr(CuratorFieldRule) rule = g_list_model_get_item (rules, i);
      const char *path = curator_field_rule_get_key_path (rule);
      const char *value = value_at (document, path);

      g_assert_nonnull (curator_document_lookup (document, path, NULL));
      if (curator_field_rule_get_kind (rule) == CURATOR_FIELD_RULE_DERIVED && value != NULL && value[0] != '\0')
        {
          g_autofree char *expected = evaluate (curator_field_rule_get_template (rule), document, stem);
          g_autofree char *with_extension = NULL;

          /* An image's name takes the image's own extension. */
          if (expected != NULL && g_str_has_suffix (path, ".href") && strrchr (value, '.') != NULL)
            with_extension = g_strdup_printf ("%.*s%s", (int) (strrchr (expected, '.') - expected), expected, strrchr (value, '.'));
          g_test_message ("%s = %s", path, curator_field_rule_get_template (rule));
          g_assert_cmpstr (value, ==, with_extension != NULL ? with_extension : expected);
          n_derived++;
        }
    }
  g_assert_cmpuint (n_derived, >=, min_derived);

  if (template_out != NULL)
    *template_out = g_steal_pointer (&template);
  return document;
}

static void
assert_rule (CuratorFolderTemplate *template,
             const char            *key_path,
             CuratorFieldRuleKind   kind,
             const char            *template_text)
{
  GListModel *rules = curator_folder_template_get_rules (template);

  for (guint i = 0; i < g_list_model_get_n_items (rules); i++)
    {
      g_autoptr(CuratorFieldRule) rule = g_list_model_get_item (rules, i);

      if (strcmp (curator_field_rule_get_key_path (rule), key_path) != 0)
        continue;
      g_assert_cmpint (curator_field_rule_get_kind (rule), ==, kind);
      if (template_text != NULL)
        g_assert_cmpstr (curator_field_rule_get_template (rule), ==, template_text);
      return;
    }
  g_error ("no rule for %s", key_path);
}

static const char *
rule_template (CuratorFolderTemplate *template,
               const char            *key_path)
{
  GListModel *rules = curator_folder_template_get_rules (template);

  for (guint i = 0; i < g_list_model_get_n_items (rules); i++)
    {
      CuratorFieldRule *rule = g_list_model_get_item (rules, i);
      const char *text = curator_field_rule_get_template (rule);

      /* The template holds the rule. */
      g_object_unref (rule);
      if (strcmp (curator_field_rule_get_key_path (rule), key_path) == 0)
        return text;
    }
  return NULL;
}

static void
test_medigy_curated_content (void)
{
  g_autoptr(CuratorFolderTemplate) template = NULL;
  g_autoptr(GFile) image_file = NULL;
  g_autoptr(CuratorDocument) document = NULL;
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;
  g_autofree char *image_name = NULL;
  const char *url = "https://healthtech.example/2023/05/rpm-grows-up/";
  const char *title = "Remote Patient Monitoring Grows Up";
  g_autofree char *stem = NULL;

  if (curator_test_corpus_dir () == NULL)
    return;
  document = create_and_check ("medigy/communities-of-practice/chronic-care-management/content-auto/curated-content",
                               6, TRUE, &template, &image_file);
  text = document_text (document);
  name = g_file_get_basename (curator_document_get_file (document));
  stem = g_strndup (name, strlen (name) - 3);

  /* The file name is a UUID version 5, as the siblings'. */
  g_assert_true (g_uuid_string_is_valid (stem));
  g_assert_cmpint (stem[14], ==, '5');

  /* The URL, as the siblings keep it in four places. */
  g_assert_cmpstr (value_at (document, "link.original"), ==, url);
  g_assert_cmpstr (value_at (document, "link.href"), ==, url);
  g_assert_cmpstr (value_at (document, "openProjectCustomFields.cleanUrl"), ==, url);
  g_assert_cmpstr (value_at (document, "openProjectCustomFields.sourceUrl"), ==, url);
  g_assert_cmpstr (value_at (document, "link.brand"), ==, "healthtech.example");
  assert_rule (template, "link.brand", CURATOR_FIELD_RULE_DERIVED, "{host:link.href}");

  /* The title and what is built from it. */
  g_assert_cmpstr (value_at (document, "title"), ==, title);
  g_assert_cmpstr (value_at (document, "featuredImage.alt"), ==, title);
  g_assert_cmpstr (value_at (document, "breadcrumbs[4]"), ==, title);
  g_assert_cmpstr (value_at (document, "breadcrumbs[0]"), ==, "Home");
  g_assert_cmpstr (value_at (document, "slug"), ==, "healthtech-remote-patient-monitoring-grows-up");
  /* The brand is the link's host: either names it. */
  assert_rule (template, "slug", CURATOR_FIELD_RULE_DERIVED, NULL);
  g_assert_true (g_str_has_prefix (rule_template (template, "slug"), "{hoststem:link."));
  g_assert_true (g_str_has_suffix (rule_template (template, "slug"), "}-{slug:title}"));
  g_assert_cmpstr (value_at (document, "aliases"), ==, "/news/remote-patient-monitoring-grows-up");
  assert_rule (template, "aliases", CURATOR_FIELD_RULE_DERIVED, "/news/{slug:title}");
  g_assert_cmpstr (value_at (document, "mdName"), ==, stem);
  assert_rule (template, "mdName", CURATOR_FIELD_RULE_DERIVED, "{@stem}");

  /* Constants copied. */
  g_assert_cmpstr (value_at (document, "archetype"), ==, "curate-content");
  g_assert_cmpstr (value_at (document, "contentCategories"), ==, "medigy-chronic-care-management-curated-content");
  g_assert_cmpstr (value_at (document, "tags[0]"), ==, "news");
  assert_rule (template, "archetype", CURATOR_FIELD_RULE_KEEP, NULL);

  /* "Now" in the siblings' format and quoting; the id from another
   * system left empty; the curator's list emptied. */
  g_assert_nonnull (strstr (text, "\ndate: '2026-12-06T10:11:12.345678Z'\n"));
  g_assert_nonnull (strstr (text, "\nlastMod: '2026-12-06T10:11:12.345678Z'\n"));
  assert_rule (template, "date", CURATOR_FIELD_RULE_NOW, NULL);
  g_assert_nonnull (strstr (text, "\nid:\n"));
  g_assert_nonnull (strstr (text, "\nauthor: []\n"));
  g_assert_nonnull (strstr (text, "\ncommunityTopics: []\n"));
  g_assert_cmpstr (value_at (document, "description"), ==,
                   "Remote patient monitoring moved from pilots to programs in 2023. Here is what changed for practices and payers.");
  /* Folded at the siblings' width, as the model refolds. */
  g_assert_nonnull (strstr (text, "\ndescription: Remote patient monitoring moved from pilots to programs in 2023. Here\n  is what"));

  /* The image: named as theirs, beside them, its type and size. */
  image_name = g_file_get_basename (image_file);
  g_assert_cmpstr (value_at (document, "featuredImage.href"), ==, image_name);
  g_assert_true (g_str_has_prefix (image_name, stem));
  g_assert_true (g_str_has_suffix (image_name, "-featuredImage.png"));
  g_assert_cmpstr (value_at (document, "featuredImage.format"), ==, "PNG");
  g_assert_cmpstr (value_at (document, "featuredImage.size[0]"), ==, "64");
  g_assert_cmpstr (value_at (document, "featuredImage.size[1]"), ==, "36");
  g_assert_nonnull (strstr (text, "\n  size:\n  - 64\n  - 36\n"));
  {
    g_autoptr(GFile) image_folder = g_file_get_parent (image_file);
    g_autoptr(GFile) folder = g_file_get_parent (curator_document_get_file (document));

    g_assert_true (g_file_equal (image_folder, folder));
  }

  /* The body: the article's HTML, on one line after a blank one, as the
   * siblings'. */
  g_assert_nonnull (strstr (text, "\n---\n\n<p>Remote patient monitoring, or RPM"));
}

static void
test_medigy_curated_news (void)
{
  g_autoptr(CuratorDocument) document = NULL;

  if (curator_test_corpus_dir () == NULL)
    return;
  document = create_and_check ("medigy/communities-of-practice/chronic-care-management/content-auto/curated-news",
                               5, FALSE, NULL, NULL);
  g_assert_cmpstr (value_at (document, "archetype"), ==, "news");
  g_assert_cmpstr (value_at (document, "breadcrumbs[3]"), ==, "Curated News");
  g_assert_cmpstr (value_at (document, "breadcrumbs[4]"), ==, "Remote Patient Monitoring Grows Up");
  /* No image: its name and size are empty, not a name of a missing file. */
  g_assert_cmpstr (value_at (document, "featuredImage.href"), ==, "");
  g_assert_cmpstr (value_at (document, "featuredImage.alt"), ==, "Remote Patient Monitoring Grows Up");
}

static void
test_medigy_events (void)
{
  g_autoptr(CuratorFolderTemplate) template = NULL;
  g_autoptr(CuratorDocument) document = NULL;
  g_autofree char *text = NULL;

  if (curator_test_corpus_dir () == NULL)
    return;
  document = create_and_check ("medigy/events/openproject-events/content-auto/past", 5, FALSE, &template, NULL);
  text = document_text (document);
  /* The event's date is a calendar date: the page's, as the siblings
   * write dates; the file's own stamp is now, in its own format. */
  g_assert_nonnull (strstr (text, "\ndate: '2023-05-04T13:15:00.000Z'\n"));
  g_assert_nonnull (strstr (text, "\npublishDate: 2026-12-06 10:11:12.345678\n"));
  g_assert_nonnull (strstr (text, "\neventEndDate:\n"));
  g_assert_cmpstr (value_at (document, "aliases"), ==, "/events/remote-patient-monitoring-grows-up");
}

static void
test_hugo_functions (void)
{
  g_autoptr(CuratorDocument) document = NULL;
  g_autofree char *text = NULL;

  if (curator_test_corpus_dir () == NULL)
    return;
  document = create_and_check ("hugodocs/en/functions/strings", 0, FALSE, NULL, NULL);
  text = document_text (document);
  g_assert_true (g_str_has_prefix (text, "---\ntitle: Remote Patient Monitoring Grows Up\ndescription: "));
  g_assert_nonnull (strstr (text, "\ncategories: []\nkeywords: []\n"));
  /* A Markdown folder gets a Markdown body. */
  g_assert_nonnull (strstr (text, "\n## What practices changed\n"));
  g_assert_nonnull (strstr (text, "\n- Enrollment scripts for the front desk\n- A daily alert review\n"));
  g_assert_null (strstr (text, "<p>"));

  /* The siblings' titles are "strings." and their file's name: a page
   * titled so is named after it. */
  {
    g_autofree char *dir = curator_test_corpus_path ("hugodocs", "en", "functions", "strings", NULL);
    g_autoptr(GFile) folder = g_file_new_for_path (dir);
    g_autoptr(CuratorFolderTemplate) template = curator_folder_template_new (folder, NULL, NULL);
    g_autoptr(CuratorPageFacts) facts = curator_page_facts_new ();
    g_autoptr(CuratorDocument) named = NULL;
    g_autofree char *name = NULL;

    curator_page_facts_set (facts, CURATOR_PAGE_FACT_TITLE, "strings.TrimExample");
    named = curator_folder_template_create (template, facts, NULL, NULL, NULL, NULL, NULL, NULL);
    name = g_file_get_basename (curator_document_get_file (named));
    g_assert_cmpstr (name, ==, "TrimExample.md");
  }
}

static void
test_hugo_menu_entry (void)
{
  g_autoptr(CuratorDocument) document = NULL;

  if (curator_test_corpus_dir () == NULL)
    return;
  document = create_and_check ("hugodocs/en/methods/menu-entry", 0, FALSE, NULL, NULL);
  /* The siblings' signature is built from their title. */
  g_assert_cmpstr (value_at (document, "params.functions_and_methods.signatures[0]"), ==,
                   "MENUENTRY.Remote Patient Monitoring Grows Up");
}

/* Written folders */

static char *
write_folder (const char         *name,
              const char * const *files)
{
  g_autofree char *dir = g_build_filename (workdir, name, NULL);

  for (guint i = 0; files[i] != NULL; i += 2)
    {
      g_autofree char *path = g_build_filename (dir, files[i], NULL);
      g_autofree char *parent = g_path_get_dirname (path);

      g_mkdir_with_parents (parent, 0755);
      g_assert_true (g_file_set_contents (path, files[i + 1], -1, NULL));
    }
  g_mkdir_with_parents (dir, 0755);
  return g_steal_pointer (&dir);
}

static CuratorDocument *
create_in (const char            *dir,
           CuratorFolderTemplate **template_out)
{
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(CuratorFolderTemplate) template = NULL;
  g_autoptr(CuratorPageFacts) facts = page_facts ();
  g_autoptr(GDateTime) now = fixed_now ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  CuratorDocument *document;

  template = curator_folder_template_new (folder, NULL, &error);
  g_assert_no_error (error);
  document = curator_folder_template_create (template, facts, "<p>Body.</p>", NULL, NULL, now, NULL, &error);
  g_assert_no_error (error);
  bytes = curator_document_serialize (document);
  assert_check_passes (bytes, "created.md");
  if (template_out != NULL)
    *template_out = g_steal_pointer (&template);
  return document;
}

static char *
relative_name (CuratorDocument *document,
               const char      *dir)
{
  g_autoptr(GFile) folder = g_file_new_for_path (dir);

  return g_file_get_relative_path (folder, curator_document_get_file (document));
}

static void
test_bundles_and_dates (void)
{
  const char *bundles[] = {
    "first-post/index.md", "---\ntitle: First Post\ndate: 2023-01-01\n---\nOne.\n",
    "second-post/index.md", "---\ntitle: Second Post\ndate: 2023-02-01\n---\nTwo.\n",
    "third/index.md", "---\ntitle: Third\ndate: 2023-03-01\n---\nThree.\n",
    NULL,
  };
  const char *dated[] = {
    "2023-01-01-first-post.md", "---\ntitle: \"First Post\"\ndate: 2023-01-01 10:00:00 +0100\n---\nOne.\n",
    "2023-02-01-second-post.md", "---\ntitle: \"Second Post\"\ndate: 2023-02-01 10:00:00 +0100\n---\nTwo.\n",
    NULL,
  };
  g_autofree char *bundle_dir = write_folder ("bundles", bundles);
  g_autofree char *dated_dir = write_folder ("dated", dated);
  g_autoptr(CuratorDocument) bundle = create_in (bundle_dir, NULL);
  g_autoptr(CuratorDocument) post = create_in (dated_dir, NULL);
  g_autofree char *bundle_name = relative_name (bundle, bundle_dir);
  g_autofree char *post_name = relative_name (post, dated_dir);
  g_autofree char *post_text = document_text (post);

  g_assert_cmpstr (bundle_name, ==, "remote-patient-monitoring-grows-up/index.md");
  /* A post's date is the page's, in the siblings' format and zone. */
  g_assert_cmpstr (post_name, ==, "2023-05-04-remote-patient-monitoring-grows-up.md");
  g_assert_true (g_str_has_prefix (post_text,
                                   "---\ntitle: \"Remote Patient Monitoring Grows Up\"\ndate: 2023-05-04 14:15:00 +0100\n---\n"));
}

static void
test_archetype (void)
{
  const char *site[] = {
    "hugo.toml", "baseURL = 'https://example.org/'\n",
    "archetypes/posts.md", "---\ntitle: \"{{ replace .File.ContentBaseName \"-\" \" \" | title }}\"\ndate: {{ .Date }}\nslug: {{ .Name }}\ndescription: ''\ntags: []\nseries: \"{{ .Site.Params.series }}\"\ndraft: true\n---\n",
    "archetypes/default.md", "---\ntitle: x\n---\n",
    "content/posts/.keep", "",
    "content/notes/.keep", "",
    NULL,
  };
  g_autofree char *root = write_folder ("site", site);
  g_autofree char *posts = g_build_filename (root, "content", "posts", NULL);
  g_autofree char *notes = g_build_filename (root, "content", "notes", NULL);
  g_autoptr(CuratorFolderTemplate) template = NULL;
  g_autoptr(CuratorDocument) post = create_in (posts, &template);
  g_autoptr(CuratorDocument) note = create_in (notes, NULL);
  g_autofree char *text = document_text (post);
  g_autofree char *note_text = document_text (note);
  const char * const *warnings = curator_folder_template_get_warnings (template);
  g_autoptr(GFile) model = curator_folder_template_get_model_file (template) != NULL
                           ? g_object_ref (curator_folder_template_get_model_file (template)) : NULL;
  g_autofree char *model_name = g_file_get_basename (model);

  g_assert_cmpint (curator_folder_template_get_source (template), ==, CURATOR_TEMPLATE_ARCHETYPE);
  g_assert_cmpstr (model_name, ==, "posts.md");
  /* The plain placeholders filled, the page's description set by name,
   * the rest left as written with a warning. */
  g_assert_cmpstr (text, ==,
                   "---\ntitle: \"Remote Patient Monitoring Grows Up\"\ndate: 2026-12-06T10:11:12+00:00\n"
                   "slug: remote-patient-monitoring-grows-up\n"
                   "description: 'Remote patient monitoring moved from pilots to programs in 2023. Here is what changed for practices and payers.'\n"
                   "tags: []\nseries: \"{{ .Site.Params.series }}\"\ndraft: true\n---\n\n<p>Body.</p>\n");
  g_assert_nonnull (warnings[0]);
  g_assert_nonnull (strstr (warnings[0], "line 7"));
  g_assert_nonnull (strstr (warnings[0], ".Site.Params.series"));
  g_assert_null (warnings[1]);

  /* No archetype for the section: default.md. */
  g_assert_cmpstr (note_text, ==, "---\ntitle: Remote Patient Monitoring Grows Up\n---\n\n<p>Body.</p>\n");
}

static void
test_minimal (void)
{
  const char *nothing[] = { NULL };
  g_autofree char *dir = write_folder ("empty", nothing);
  g_autoptr(CuratorFolderTemplate) template = NULL;
  g_autoptr(CuratorDocument) document = create_in (dir, &template);
  g_autofree char *text = document_text (document);
  g_autofree char *name = relative_name (document, dir);

  g_assert_cmpint (curator_folder_template_get_source (template), ==, CURATOR_TEMPLATE_MINIMAL);
  g_assert_cmpstr (name, ==, "remote-patient-monitoring-grows-up.md");
  g_assert_cmpstr (text, ==,
                   "---\ntitle: Remote Patient Monitoring Grows Up\ndate: 2026-12-06T10:11:12+00:00\ndraft: true\n---\n\n<p>Body.</p>\n");
}

static void
test_remembered_facts (void)
{
  const char *files[] = {
    "a.md", "---\ntitle: Alpha story\nsummary: First summary here\nsource: https://a.example/1\n---\n",
    "b.md", "---\ntitle: Beta story\nsummary: Second summary here\nsource: https://a.example/2\n---\n",
    NULL,
  };
  g_autofree char *dir = write_folder ("remembered", files);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(CuratorFolderTemplate) first = curator_folder_template_new (folder, NULL, NULL);
  g_autoptr(CuratorFolderTemplate) second = NULL;
  g_autoptr(CuratorDocument) document = NULL;
  g_autoptr(CuratorPageFacts) facts = page_facts ();
  g_autoptr(GError) error = NULL;

  assert_rule (first, "summary", CURATOR_FIELD_RULE_FACT, NULL);
  /* The curator wants the site's name in "summary", and nothing in
   * "source"; Curator remembers it for the folder. */
  g_assert_true (curator_folder_template_set_fact (first, "summary", CURATOR_PAGE_FACT_SITE, &error));
  g_assert_true (curator_folder_template_set_fact (first, "source", -1, &error));
  g_assert_false (curator_folder_template_set_fact (first, "nope", -1, &error));
  g_assert_error (error, CURATOR_ERROR, CURATOR_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (curator_folder_template_remember (first, &error));
  g_assert_no_error (error);

  second = curator_folder_template_new (folder, NULL, &error);
  g_assert_no_error (error);
  document = curator_folder_template_create (second, facts, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value_at (document, "summary"), ==, "Health Tech Weekly");
  g_assert_cmpstr (value_at (document, "source"), ==, "");
  {
    GListModel *rules = curator_folder_template_get_rules (second);
    g_autoptr(CuratorFieldRule) rule = g_list_model_get_item (rules, 1);

    g_assert_cmpstr (curator_field_rule_get_key_path (rule), ==, "summary");
    g_assert_true (curator_field_rule_get_chosen (rule));
    g_assert_cmpint (curator_field_rule_get_fact (rule), ==, CURATOR_PAGE_FACT_SITE);
  }
}

static void
test_never_overwrite (void)
{
  const char *files[] = {
    "0a1e8b8e-0c6a-5a55-9f3b-000000000001.md", "---\ntitle: One\nlink: https://a.example/1\n---\n",
    "0a1e8b8e-0c6a-5a55-9f3b-000000000002.md", "---\ntitle: Two\nlink: https://a.example/2\n---\n",
    NULL,
  };
  g_autofree char *dir = write_folder ("uuids", files);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(CuratorFolderTemplate) template = curator_folder_template_new (folder, NULL, NULL);
  g_autoptr(CuratorPageFacts) facts = page_facts ();
  g_autoptr(CuratorDocument) document = NULL;
  g_autoptr(CuratorDocument) again = NULL;
  g_autoptr(GError) error = NULL;

  document = curator_folder_template_create (template, facts, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (curator_web_save_new_document (document, curator_document_get_file (document), NULL, &error));
  g_assert_no_error (error);

  /* The same page again: the same name, which is taken. */
  again = curator_folder_template_create (template, facts, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_null (again);
  g_assert_error (error, CURATOR_WEB_ERROR, CURATOR_WEB_ERROR_EXISTS);
  g_clear_error (&error);

  /* And a save over an existing file is refused, the file untouched. */
  g_assert_false (curator_web_save_new_document (document, curator_document_get_file (document), NULL, &error));
  g_assert_error (error, CURATOR_WEB_ERROR, CURATOR_WEB_ERROR_EXISTS);
}

static gboolean
result_ready (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static void
new_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
test_async_and_errors (void)
{
  g_autofree char *missing = g_build_filename (workdir, "no-such-folder", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (missing);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CuratorFolderTemplate) template = NULL;

  curator_folder_template_new_async (folder, NULL, new_cb, &result);
  curator_test_wait_for (result_ready, &result, "the folder's template");
  template = curator_folder_template_new_finish (result, &error);
  g_assert_null (template);
  g_assert_error (error, CURATOR_WEB_ERROR, CURATOR_WEB_ERROR_NO_TEMPLATE);
}

static void
prepare_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Prepares @folder's template and waits until it is kept. */
static void
prepare (GFile *folder)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  curator_folder_template_prepare_async (folder, NULL, prepare_cb, &result);
  curator_test_wait_for (result_ready, &result, "the folder's template to be prepared");
  g_assert_true (curator_folder_template_prepare_finish (result, &error));
  g_assert_no_error (error);
}

/* The new file new_async() gives for @folder, as text. */
static char *
new_file_text (GFile *folder)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CuratorFolderTemplate) template = NULL;
  g_autoptr(CuratorDocument) document = NULL;
  g_autoptr(CuratorPageFacts) facts = page_facts ();
  g_autoptr(GDateTime) now = fixed_now ();
  g_autoptr(GError) error = NULL;

  curator_folder_template_new_async (folder, NULL, new_cb, &result);
  curator_test_wait_for (result_ready, &result, "the folder's template");
  template = curator_folder_template_new_finish (result, &error);
  g_assert_no_error (error);
  document = curator_folder_template_create (template, facts, "<p>Body.</p>", NULL, NULL, now, NULL, &error);
  g_assert_no_error (error);
  return document_text (document);
}

/* Writes @contents over each of @names in @dir; with @keep_times, each
 * file keeps its modification time, to the nanosecond. */
static void
rewrite_files (const char         *dir,
               const char * const *names,
               const char         *contents,
               gboolean            keep_times)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      struct stat before;

      g_assert_cmpint (stat (path, &before), ==, 0);
      g_assert_true (g_file_set_contents (path, contents, -1, NULL));
      if (keep_times)
        {
          struct timespec times[2] = { before.st_atim, before.st_mtim };

          g_assert_cmpint (utimensat (AT_FDCWD, path, times, 0), ==, 0);
        }
      else
        {
          /* Later than before, whatever the file system's granularity. */
          struct timespec times[2] = { before.st_atim, before.st_mtim };

          times[1].tv_sec += 2;
          g_assert_cmpint (utimensat (AT_FDCWD, path, times, 0), ==, 0);
        }
    }
}

/* A template prepared ahead is taken by the next new_async() on its
 * folder, once, while the files it was made from are as they were (the
 * same names, sizes and times); a file changed since makes new_async()
 * read the folder again. */
static void
test_prepared (void)
{
  const char *files[] = {
    "a.md", "---\ntitle: Alpha story\ntype: alpha\n---\n",
    "b.md", "---\ntitle: Beta story\ntype: alpha\n---\n",
    "c.md", "---\ntitle: Gamma story\ntype: alpha\n---\n",
    NULL,
  };
  const char *names[] = { "a.md", "b.md", "c.md", NULL };
  g_autofree char *dir = write_folder ("prepared", files);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  char *text;

  text = new_file_text (folder);
  g_assert_nonnull (strstr (text, "\ntype: alpha\n"));
  g_free (text);

  /* Changed behind the folder's back, sizes and times kept: the
   * prepared template, made before, is the one used... */
  rewrite_files (dir, names, "---\ntitle: Story\ntype: gamma\n---\n", FALSE);
  prepare (folder);
  rewrite_files (dir, names, "---\ntitle: Story\ntype: omega\n---\n", TRUE);
  text = new_file_text (folder);
  g_assert_nonnull (strstr (text, "\ntype: gamma\n"));
  g_free (text);
  /* ...once: the next is made from the files. */
  text = new_file_text (folder);
  g_assert_nonnull (strstr (text, "\ntype: omega\n"));
  g_free (text);

  /* A file changed (a later time) after the template was prepared. */
  prepare (folder);
  rewrite_files (dir, names, "---\ntitle: Story\ntype: delta\n---\n", FALSE);
  text = new_file_text (folder);
  g_assert_nonnull (strstr (text, "\ntype: delta\n"));
  g_free (text);

  /* A file added after the template was prepared. */
  prepare (folder);
  {
    g_autofree char *path = g_build_filename (dir, "d.md", NULL);

    g_assert_true (g_file_set_contents (path, "---\ntitle: Story\ntype: delta\n---\n", -1, NULL));
  }
  rewrite_files (dir, names, "---\ntitle: Story\ntype: sigma\n---\n", TRUE);
  text = new_file_text (folder);
  /* Read as it is now: the files disagree on "type", left empty (made
   * ahead, it would say "delta"). */
  g_assert_nonnull (strstr (text, "\ntype: ''\n"));
  g_free (text);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *config = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  workdir = curator_test_make_private_dir ("curator-test-template-XXXXXX");
  /* Remembered choices go to a private configuration folder. */
  config = g_build_filename (workdir, "config", NULL);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);

  g_test_add_func ("/web/template/medigy-curated-content", test_medigy_curated_content);
  g_test_add_func ("/web/template/medigy-curated-news", test_medigy_curated_news);
  g_test_add_func ("/web/template/medigy-events", test_medigy_events);
  g_test_add_func ("/web/template/hugo-functions", test_hugo_functions);
  g_test_add_func ("/web/template/hugo-menu-entry", test_hugo_menu_entry);
  g_test_add_func ("/web/template/bundles-and-dates", test_bundles_and_dates);
  g_test_add_func ("/web/template/archetype", test_archetype);
  g_test_add_func ("/web/template/minimal", test_minimal);
  g_test_add_func ("/web/template/remembered-facts", test_remembered_facts);
  g_test_add_func ("/web/template/never-overwrite", test_never_overwrite);
  g_test_add_func ("/web/template/async-and-errors", test_async_and_errors);
  g_test_add_func ("/web/template/prepared", test_prepared);

  status = g_test_run ();
  curator_test_remove_tree (workdir);
  g_free (workdir);
  return status;
}
