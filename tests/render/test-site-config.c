/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-site-config"

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "curator-render.h"
#include "curator-test-utils.h"

/* The site's rule for raw HTML (markup.goldmark.renderer.unsafe), read
 * from its configuration in each format Hugo reads, found by walking up
 * from the content file. */

static char *tmp_dir;

/* Writes @files (path, contents, path, contents, ..., NULL) into a new
 * folder, and returns it. */
static char *
make_site (const char *first_path,
           ...)
{
  static guint count;
  g_autofree char *name = g_strdup_printf ("site%u", count++);
  char *root = g_build_filename (tmp_dir, name, NULL);
  const char *path = first_path;
  va_list args;

  va_start (args, first_path);
  while (path != NULL)
    {
      const char *contents = va_arg (args, const char *);
      g_autofree char *file = g_build_filename (root, path, NULL);
      g_autofree char *folder = g_path_get_dirname (file);
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
      /* A path ending in '/' is a folder. */
      if (!g_str_has_suffix (path, "/"))
        {
          g_file_set_contents (file, contents, -1, &error);
          g_assert_no_error (error);
        }
      path = va_arg (args, const char *);
    }
  va_end (args);

  return root;
}

static CuratorSiteConfig *
load (const char *root,
      const char *content,
      GError    **error)
{
  g_autofree char *path = g_build_filename (root, content, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return curator_site_config_load (file, NULL, error);
}

/* The rule for content/a/b.md of @root, and the file that set it
 * (relative to @root, "" for Hugo's default, NULL for no site). */
static void
assert_rule (const char *root,
             gboolean    raw_html,
             const char *set_by)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CuratorSiteConfig) config = load (root, "content/a/b.md", &error);
  GFile *file;

  g_assert_no_error (error);
  g_assert_nonnull (config);
  g_assert_cmpint (curator_site_config_get_raw_html (config), ==, raw_html);

  file = curator_site_config_get_file (config);
  if (set_by == NULL)
    {
      g_assert_null (curator_site_config_get_root (config));
      g_assert_null (file);
    }
  else if (set_by[0] == '\0')
    {
      g_assert_nonnull (curator_site_config_get_root (config));
      g_assert_null (file);
    }
  else
    {
      g_autofree char *expected = g_build_filename (root, set_by, NULL);

      g_assert_nonnull (file);
      g_assert_cmpstr (g_file_peek_path (file), ==, expected);
      g_assert_cmpstr (g_file_peek_path (curator_site_config_get_root (config)), ==, root);
    }
}

static void
test_formats (void)
{
  static const struct {
    const char *name;
    const char *contents;
    gboolean    raw_html;
  } cases[] = {
    { "hugo.toml", "[markup.goldmark.renderer]\nunsafe = true\n", TRUE },
    { "hugo.toml", "[markup.goldmark.renderer]\nunsafe = false\n", FALSE },
    { "hugo.yaml", "markup:\n  goldmark:\n    renderer:\n      unsafe: true\n", TRUE },
    { "hugo.yaml", "markup:\n  goldmark:\n    renderer:\n      unsafe: false\n", FALSE },
    { "hugo.yml", "markup: {goldmark: {renderer: {unsafe: yes}}}\n", TRUE },
    { "hugo.json", "{\"markup\": {\"goldmark\": {\"renderer\": {\"unsafe\": true}}}}", TRUE },
    { "hugo.json", "{\"markup\":{\"goldmark\":{\"renderer\":{\"unsafe\":false}}}}", FALSE },
    { "config.toml", "[markup.goldmark.renderer]\nunsafe = true\n", TRUE },
    { "config.yaml", "markup:\n  goldmark:\n    renderer:\n      unsafe: true\n", TRUE },
    { "config.json", "{\n\t\"markup\": {\n\t\t\"goldmark\": {\"renderer\": {\"unsafe\": true}}\n\t}\n}\n", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *root = make_site (cases[i].name, cases[i].contents, "content/a/", "", NULL);

      g_test_message ("%s: %s", cases[i].name, cases[i].contents);
      assert_rule (root, cases[i].raw_html, cases[i].name);
    }
}

/* TOML's ways to write the key, and what is not the key. */
static void
test_toml (void)
{
  static const struct {
    const char *contents;
    gboolean    raw_html;
    const char *set_by;
  } cases[] = {
    { "[markup]\ngoldmark.renderer.unsafe = true\n", TRUE, "hugo.toml" },
    { "markup.goldmark.renderer.unsafe = true\n", TRUE, "hugo.toml" },
    { "[markup.goldmark]\nrenderer = { unsafe = true, hardWraps = false }\n", TRUE, "hugo.toml" },
    { "[markup]\ngoldmark = { renderer = { unsafe = true } }\n", TRUE, "hugo.toml" },
    { "[\"markup\".'goldmark'.renderer]\n\"unsafe\" = true # comment\n", TRUE, "hugo.toml" },
    { "[Markup.Goldmark.Renderer]\nUnsafe = true\n", TRUE, "hugo.toml" },
    { "[ markup . goldmark . renderer ]\nunsafe=true\n", TRUE, "hugo.toml" },
    { "[markup.goldmark.renderer]\nunsafe = 'true'\n", TRUE, "hugo.toml" },
    { "date = 1979-05-27 07:32:00Z\n[markup.goldmark.renderer]\nunsafe = true\n", TRUE, "hugo.toml" },
    /* Hugo's default when the key is not there. */
    { "baseURL = 'https://example.org/'\n", FALSE, "" },
    { "[markup.goldmark.renderer]\nhardWraps = true\n", FALSE, "" },
    /* Not the key. */
    { "[params.markup.goldmark.renderer]\nunsafe = true\n", FALSE, "" },
    { "[markup.goldmark]\nunsafe = true\n", FALSE, "" },
    { "[[markup.goldmark.renderer]]\nunsafe = true\n", FALSE, "" },
    { "[markup]\nx = [ { goldmark = 1 }, \"[markup.goldmark.renderer]\" ]\n", FALSE, "" },
    { "description = \"\"\"\n[markup.goldmark.renderer]\nunsafe = true\n\"\"\"\n", FALSE, "" },
    { "text = '''\nunsafe = true\n'''\n[markup.goldmark.renderer]\nunsafe = false\n", FALSE, "hugo.toml" },
    /* The later value wins, as for Hugo. */
    { "[markup.goldmark.renderer]\nunsafe = true\n[markup]\ngoldmark.renderer.unsafe = false\n", FALSE, "hugo.toml" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *root = make_site ("hugo.toml", cases[i].contents, "content/a/", "", NULL);

      g_test_message ("%s", cases[i].contents);
      assert_rule (root, cases[i].raw_html, cases[i].set_by);
    }
}

/* The nearest site above the file, however deep it is. */
static void
test_walk_up (void)
{
  g_autofree char *root = make_site ("hugo.toml", "[markup.goldmark.renderer]\nunsafe = true\n",
                                     "content/x/y/z/", "", NULL);
  g_autofree char *inner = g_build_filename (root, "content", "x", NULL);
  g_autofree char *inner_config = g_build_filename (inner, "hugo.yaml", NULL);
  g_autoptr(CuratorSiteConfig) deep = NULL;
  g_autoptr(CuratorSiteConfig) nested = NULL;
  g_autoptr(GError) error = NULL;

  deep = load (root, "content/x/y/z/page.md", &error);
  g_assert_no_error (error);
  g_assert_true (curator_site_config_get_raw_html (deep));

  /* A site inside a site (a theme's exampleSite): the nearer one. */
  g_file_set_contents (inner_config, "title: inner\n", -1, &error);
  g_assert_no_error (error);
  nested = load (root, "content/x/y/z/page.md", &error);
  g_assert_no_error (error);
  g_assert_false (curator_site_config_get_raw_html (nested));
  g_assert_cmpstr (g_file_peek_path (curator_site_config_get_root (nested)), ==, inner);
}

/* Without a site, nothing is known: raw HTML is shown. A config.* file
 * alone (common outside Hugo) does not make a site. */
static void
test_no_site (void)
{
  g_autofree char *bare = make_site ("content/a/", "", NULL);
  g_autofree char *stray = make_site ("notes/config.yaml", "x: 1\n", "notes/content-like/", "", NULL);
  g_autofree char *stray_root = g_build_filename (stray, "notes", NULL);
  g_autofree char *with_layouts = make_site ("config.yaml", "x: 1\n", "layouts/", "", "content/a/", "", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CuratorSiteConfig) config = NULL;

  assert_rule (bare, TRUE, NULL);

  config = load (stray_root, "content-like/b.md", &error);
  g_assert_no_error (error);
  g_assert_null (curator_site_config_get_root (config));
  g_assert_true (curator_site_config_get_raw_html (config));

  /* With a site's folders, config.yaml counts: the key is missing. */
  assert_rule (with_layouts, FALSE, "");
}

/* The root file first, hugo.* over config.*, then config/_default/ and
 * config/production/ in order, a markup.* file holding "markup". */
static void
test_precedence (void)
{
  g_autofree char *both = make_site ("hugo.toml", "[markup.goldmark.renderer]\nunsafe = true\n",
                                     "config.toml", "[markup.goldmark.renderer]\nunsafe = false\n",
                                     "content/a/", "", NULL);
  g_autofree char *dir = make_site ("hugo.toml", "[markup.goldmark.renderer]\nunsafe = false\n",
                                    "config/_default/markup.toml", "[goldmark.renderer]\nunsafe = true\n",
                                    "content/a/", "", NULL);
  g_autofree char *production = make_site ("config/_default/hugo.yaml", "markup:\n  goldmark:\n    renderer:\n      unsafe: true\n",
                                           "config/production/markup.json", "{\"goldmark\": {\"renderer\": {\"unsafe\": false}}}",
                                           "config/development/markup.toml", "[goldmark.renderer]\nunsafe = true\n",
                                           "content/a/", "", NULL);
  g_autofree char *language = make_site ("config/_default/markup.en.toml", "[goldmark.renderer]\nunsafe = true\n",
                                         "config/_default/params.toml", "[markup.goldmark.renderer]\nunsafe = true\n",
                                         "content/a/", "", NULL);

  assert_rule (both, TRUE, "hugo.toml");
  assert_rule (dir, TRUE, "config/_default/markup.toml");
  assert_rule (production, FALSE, "config/production/markup.json");
  /* A language's markup and params are not the site's setting. */
  assert_rule (language, FALSE, "");
}

/* A configuration Hugo could not read is an error, with its line. */
static void
test_errors (void)
{
  static const struct {
    const char *name;
    const char *contents;
    const char *message;
  } cases[] = {
    { "hugo.toml", "[markup\nunsafe = true\n", "line 1" },
    { "hugo.toml", "title = \"open\n", "line 1" },
    { "hugo.toml", "\n\nkey value\n", "line 3" },
    { "hugo.toml", "a = 1 2\n", "line 1" },
    { "hugo.yaml", "markup:\n  - a\n  b: c\n", "line 3" },
    { "hugo.json", "{\"markup\": }", "line 1" },
    { "hugo.json", "{\"a\": 1} x", "line 1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *root = make_site (cases[i].name, cases[i].contents, "content/a/", "", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(CuratorSiteConfig) config = load (root, "content/a/b.md", &error);

      g_test_message ("%s: %s", cases[i].name, cases[i].contents);
      g_assert_null (config);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_assert_nonnull (strstr (error->message, cases[i].name));
      g_assert_nonnull (strstr (error->message, cases[i].message));
    }
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  CuratorSiteConfig **config = user_data;
  g_autoptr(GError) error = NULL;

  *config = curator_site_config_load_finish (result, &error);
  g_assert_no_error (error);
}

static gboolean
is_loaded (gpointer data)
{
  return *(CuratorSiteConfig **)data != NULL;
}

static void
test_async (void)
{
  g_autofree char *root = make_site ("hugo.yaml", "markup:\n  goldmark:\n    renderer:\n      unsafe: true\n",
                                     "content/a/", "", NULL);
  g_autofree char *path = g_build_filename (root, "content", "a", "b.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CuratorSiteConfig) config = NULL;

  curator_site_config_load_async (file, NULL, loaded_cb, &config);
  curator_test_wait_for (is_loaded, &config, "the site's configuration");
  g_assert_true (curator_site_config_get_raw_html (config));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = curator_test_make_private_dir ("curator-site-config-XXXXXX");

  g_test_add_func ("/site-config/formats", test_formats);
  g_test_add_func ("/site-config/toml", test_toml);
  g_test_add_func ("/site-config/walk-up", test_walk_up);
  g_test_add_func ("/site-config/no-site", test_no_site);
  g_test_add_func ("/site-config/precedence", test_precedence);
  g_test_add_func ("/site-config/errors", test_errors);
  g_test_add_func ("/site-config/async", test_async);

  status = g_test_run ();
  curator_test_remove_tree (tmp_dir);
  g_free (tmp_dir);

  return status;
}
