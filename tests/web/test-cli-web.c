/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The curator-cli contract of page, new and sanitize: exact output on the
 * fixture pages, a local HTTP server on 127.0.0.1 for addresses, and the
 * bad inputs: a clear line on standard error, a non-zero exit, nothing
 * written. */
#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "curator-web.h"

#include "curator-test-utils.h"
#include "test-server.h"

static char *workdir;
static TestServer *server;

static char *
page_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "web", "pages", name, NULL);
}

static void
handler (TestServer              *test_server,
         const TestServerRequest *request,
         GOutputStream           *output,
         gpointer                 user_data)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  if (g_str_has_prefix (request->path, "/page/"))
    {
      path = page_path (request->path + 6);
      if (g_file_get_contents (path, &contents, &length, NULL))
        {
          test_server_respond (output, 200, "text/html", NULL, contents, length);
          return;
        }
    }
  test_server_respond (output, 404, "text/html", NULL, "missing", 7);
}

typedef struct
{
  char     *out;
  char     *err;
  gboolean  done;
  GError   *error;
} Communication;

static void
communicate_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Communication *communication = user_data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &communication->out,
                                        &communication->err, &communication->error);
  communication->done = TRUE;
}

static gboolean
communication_done (gpointer data)
{
  return ((Communication *) data)->done;
}

/* Runs curator-cli with stdin from @input (may be NULL); returns the exit
 * status. The main context runs meanwhile: it accepts the local server's
 * connections. */
static int
run_cli (const char  *input,
         char       **out,
         char       **err,
         const char  *first_arg,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  Communication communication = { NULL, NULL, FALSE, NULL };
  va_list args;

  g_ptr_array_add (argv, (char *) CURATOR_CLI_PATH);
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  g_subprocess_launcher_unsetenv (launcher, "http_proxy");
  g_subprocess_launcher_set_cwd (launcher, workdir);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, input, NULL, communicate_cb, &communication);
  curator_test_wait_for (communication_done, &communication, "curator-cli");
  g_assert_no_error (communication.error);
  *out = communication.out;
  *err = communication.err;
  g_subprocess_wait (process, NULL, NULL);
  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

static char *
read_file (const char *path)
{
  g_autofree char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return g_steal_pointer (&contents);
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (handle != NULL && g_dir_read_name (handle) != NULL)
    n++;
  return n;
}

static void
test_page (void)
{
  g_autofree char *html = page_path ("wordpress.html");
  g_autofree char *json = page_path ("wordpress.json");
  g_autofree char *expected = read_file (json);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *url = g_strconcat (test_server_get_origin (server), "/page/medium.html", NULL);
  g_autofree char *missing_url = g_strconcat (test_server_get_origin (server), "/nothing", NULL);
  g_autofree char *png = g_build_filename (workdir, "picture.png", NULL);

  g_assert_cmpint (run_cli (NULL, &out, &err, "page", html, "--base", "https://healthtech.example/2023/05/rpm-grows-up/", NULL), ==, 0);
  g_assert_cmpstr (out, ==, expected);
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Fetched: the address after redirects is the url, the page's language
   * its own. */
  g_assert_cmpint (run_cli (NULL, &out, &err, "page", url, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\"title\" : \"The Open Journalism Project: Better Student Journalism\""));
  g_assert_nonnull (strstr (out, "\"site\" : \"Medium\""));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Bad input. */
  g_assert_cmpint (run_cli (NULL, &out, &err, "page", missing_url, NULL), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_str_has_prefix (err, missing_url));
  g_assert_nonnull (strstr (err, ": error: There is no page at"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (NULL, &out, &err, "page", "no-such.html", NULL), ==, 2);
  g_assert_cmpstr (err, ==, "no-such.html: error: no such file\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_true (g_file_set_contents (png, "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, NULL));
  g_assert_cmpint (run_cli (NULL, &out, &err, "page", png, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "error: binary data, not an HTML page"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (NULL, &out, &err, "page", html, "--base", "ftp://x/", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--base must be an http or https address"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (NULL, &out, &err, "page", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "expected URL|FILE"));
}

static void
test_sanitize (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *html = page_path ("wordpress.html");

  g_assert_cmpint (run_cli ("<p onclick=x>Hi <script>alert(1)</script><a href=/a>a</a></p>", &out, &err,
                            "sanitize", "--base", "https://s.example/", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "<p>Hi <a href=\"https://s.example/a\">a</a></p>\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ("<p>a</p><p>b</p>", &out, &err, "sanitize", "-", "--lines", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "<p>a</p>\n<p>b</p>\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (NULL, &out, &err, "sanitize", "--main-content", html, NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "<p>Remote patient monitoring, or RPM"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ("", &out, &err, "sanitize", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (NULL, &out, &err, "sanitize", "missing.html", NULL), ==, 2);
  g_assert_cmpstr (err, ==, "missing.html: error: no such file\n");
}

static char *
make_folder (const char *name)
{
  g_autofree char *dir = g_build_filename (workdir, name, NULL);
  const char *siblings[] = {
    "---\ntitle: First story\nlink: https://a.example/first\nimage:\n  href: first-cover.jpeg\n  format: JPEG\n  size:\n  - 800\n  - 600\ndate: 2023-01-01\n---\n\n<p>First.</p>\n",
    "---\ntitle: Second story\nlink: https://a.example/second\nimage:\n  href: second-cover.png\n  format: PNG\n  size:\n  - 640\n  - 480\ndate: 2023-02-01\n---\n\n<p>Second.</p>\n",
  };

  g_mkdir_with_parents (dir, 0755);
  for (guint i = 0; i < G_N_ELEMENTS (siblings); i++)
    {
      g_autofree char *path = g_build_filename (dir, i == 0 ? "first.md" : "second.md", NULL);

      g_assert_true (g_file_set_contents (path, siblings[i], -1, NULL));
    }
  return g_steal_pointer (&dir);
}

static void
test_new (void)
{
  g_autofree char *dir = make_folder ("new");
  g_autofree char *html = page_path ("wordpress.html");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *image = g_build_filename (workdir, "cover.png", NULL);
  g_autofree char *expected_path = g_build_filename (dir, "remote-patient-monitoring-grows-up.md", NULL);
  g_autofree char *expected_image = g_build_filename (dir, "remote-patient-monitoring-grows-up-cover.png", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *url = g_strconcat (test_server_get_origin (server), "/page/news-graph.html", NULL);
  g_autofree char *missing_url = g_strconcat (test_server_get_origin (server), "/nothing", NULL);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 20, 10);

  gdk_pixbuf_fill (pixbuf, 0xff0000ff);
  g_assert_true (gdk_pixbuf_save (pixbuf, image, "png", NULL, NULL));

  /* --dry-run prints the file and writes nothing. */
  g_assert_cmpint (run_cli (NULL, &out, &err, "new", dir, "--html", html,
                            "--url", "https://healthtech.example/2023/05/rpm-grows-up/", "--dry-run", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "---\ntitle: Remote Patient Monitoring Grows Up\n"
                                        "link: https://healthtech.example/2023/05/rpm-grows-up/\n"
                                        "image:\n  href: ''\n  format: ''\n  size: []\n"
                                        "date: 2023-05-04\n---\n\n<p>Remote patient monitoring"));
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpuint (count_files (dir), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Written, with the image: both paths printed. */
  g_assert_cmpint (run_cli (NULL, &out, &err, "new", dir, "--html", html,
                            "--url", "https://healthtech.example/2023/05/rpm-grows-up/", "--image", image, NULL), ==, 0);
  {
    g_autofree char *expected_out = g_strdup_printf ("%s\n%s\n", expected_path, expected_image);

    g_assert_cmpstr (out, ==, expected_out);
  }
  contents = read_file (expected_path);
  g_assert_nonnull (strstr (contents, "\nimage:\n  href: remote-patient-monitoring-grows-up-cover.png\n  format: PNG\n  size:\n  - 20\n  - 10\n"));
  g_assert_true (g_file_test (expected_image, G_FILE_TEST_IS_REGULAR));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Again: a new name, never the old file. */
  g_assert_cmpint (run_cli (NULL, &out, &err, "new", dir, "--html", html, NULL), ==, 0);
  g_assert_true (g_str_has_suffix (out, "/remote-patient-monitoring-grows-up-2.md\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Fetched from an address. */
  g_assert_cmpint (run_cli (NULL, &out, &err, "new", dir, "--url", url, NULL), ==, 0);
  g_assert_true (g_str_has_suffix (out, "/hospitals-cut-readmissions-with-home-visits.md\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A page that cannot be fetched: a warning, and the file from the
   * address alone. */
  g_assert_cmpint (run_cli (NULL, &out, &err, "new", dir, "--url", missing_url, "--dry-run", NULL), ==, 0);
  g_assert_nonnull (strstr (err, ": warning: There is no page at"));
  g_assert_nonnull (strstr (out, missing_url));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Bad input: nothing written. */
  g_assert_cmpint (run_cli (NULL, &out, &err, "new", "no-such-dir", NULL), ==, 2);
  g_assert_cmpstr (err, ==, "no-such-dir: error: not a folder\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (NULL, &out, &err, "new", dir, "--image", "no-such.png", NULL), ==, 2);
  g_assert_cmpstr (err, ==, "no-such.png: error: no such file\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (NULL, &out, &err, "new", dir, "--url", "file:///etc/passwd", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--url must be an http or https address"));
  g_assert_cmpuint (count_files (dir), ==, 6);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  workdir = curator_test_make_private_dir ("curator-test-cli-web-XXXXXX");
  server = test_server_new_with_handler (NULL, handler, NULL);

  g_test_add_func ("/web/cli/page", test_page);
  g_test_add_func ("/web/cli/sanitize", test_sanitize);
  g_test_add_func ("/web/cli/new", test_new);

  status = g_test_run ();
  test_server_free (server);
  curator_test_remove_tree (workdir);
  g_free (workdir);
  return status;
}
