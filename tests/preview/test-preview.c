/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-preview"

#include "config.h"

#include <time.h>
#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>
#include <X11/extensions/XTest.h>

#include "curator-preview.h"
#include "curator-preview-filter.h"
#include "curator-render.h"
#include "curator-test-utils.h"
#include "test-page.h"
#include "test-server.h"

/* A negative network check (no request reached a server) waits for the
 * page to be loaded and idle (see wait_until_quiet()), then this much
 * longer for a request that something would start late (a timer, a retry,
 * a connection opened for a click), ending early if one shows up. The
 * unprotected control view shows it is long enough for adversarial.html:
 * none of its requests comes later than that after its page is idle. */
#define LATE_REQUEST_MARGIN_MS 1000

/* Host names in adversarial.html are NAME.@D@.curator-test.invalid, with
 * @D@ "control" in the control view and "preview" elsewhere, so that a
 * late lookup by the control is never taken for the preview's. */
#define DNS_DOMAIN "curator-test.invalid"

/* With CURATOR_TEST_BODY=markdown (test preview-markdown) the vectors come
 * in a Markdown body (adversarial.md: the same HTML, and Markdown's own
 * images and links), rendered as the preview renders it. */
static gboolean markdown_body;
static guint adversarial_links = 7;
static char *dns_log_path;
/* The servers of the preview's adversarial bodies; the controls have one
 * of their own, so that a request they make late is never counted
 * against the preview. */
static TestServer *http_server;
static TestServer *https_server;
static TestServer *control_server;
static char *tmp_dir;
static GtkWindow *window;

/* Main loop helpers ------------------------------------------------------ */

typedef struct
{
  guint http;
  guint https;
} Connections;

static void
count_connections (Connections *connections)
{
  connections->http = test_server_get_connections (http_server);
  connections->https = https_server ? test_server_get_connections (https_server) : 0;
}

static gboolean
connections_changed (gpointer data)
{
  Connections now;

  count_connections (&now);
  return memcmp (&now, data, sizeof now) != 0;
}

/* The page's own "loaded and idle": its load event (every resource of the
 * page fetched or refused), its fonts, every image settled (loaded,
 * refused or deferred), then two frames. Bounded, so that a page that
 * never settles says which images it still waits for. */
static const char idle_script[] =
  "await new Promise ((done) => document.readyState === 'complete'\n"
  "                             ? done () : addEventListener ('load', done, { once: true }));\n"
  "await document.fonts.ready;\n"
  "const deadline = Date.now () + 20000;\n"
  "const pending = () => Array.from (document.images).filter ((image) => !image.complete);\n"
  "while (pending ().length > 0 && Date.now () < deadline)\n"
  "  await new Promise ((done) => setTimeout (done, 10));\n"
  "if (pending ().length > 0)\n"
  "  return 'images still loading: ' + pending ().map ((image) => image.src).join (' ');\n"
  "await new Promise ((done) => requestAnimationFrame (() => requestAnimationFrame (done)));\n"
  "return 'idle';\n";

/* Before a negative network check: the page is loaded and idle, then
 * LATE_REQUEST_MARGIN_MS pass, or less if a server sees a new connection
 * meanwhile. */
static void
wait_until_quiet (WebKitWebView *web_view)
{
  g_autofree char *idle = test_page_call_js (web_view, idle_script, NULL);
  Connections idle_connections;

  g_assert_cmpstr (idle, ==, "idle");
  count_connections (&idle_connections);
  curator_test_wait_until (connections_changed, &idle_connections, LATE_REQUEST_MARGIN_MS);
}

/* adversarial.html with its URLs on @http and @https (NULL: a port where
 * nothing listens) and its host names tagged @dns_tag. */
static char *
load_adversarial_body (TestServer *http,
                       TestServer *https,
                       const char *dns_tag)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "preview", "adversarial.html", NULL);
  g_autofree char *template = NULL;
  g_autofree char *ws_origin = g_strdup_printf ("ws://127.0.0.1:%u", test_server_get_port (http));
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) body = NULL;

  g_file_get_contents (path, &template, NULL, &error);
  g_assert_no_error (error);

  if (markdown_body)
    {
      g_autofree char *markdown_path = g_test_build_filename (G_TEST_DIST, "preview", "adversarial.md", NULL);
      g_autofree char *markdown = NULL;

      g_file_get_contents (markdown_path, &markdown, NULL, &error);
      g_assert_no_error (error);
      body = g_string_new (markdown);
      g_string_replace (body, "@ADVERSARIAL_HTML@", template, 1);
    }
  else
    body = g_string_new (template);
  g_string_replace (body, "@H@", test_server_get_origin (http), 0);
  g_string_replace (body, "@W@", ws_origin, 0);
  g_string_replace (body, "@D@", dns_tag, 0);
  g_string_replace (body, "@S@", https ? test_server_get_origin (https) : "https://127.0.0.1:9", 0);

  if (markdown_body)
    {
      g_autoptr(CuratorBodyRenderer) renderer = curator_body_renderer_new (CURATOR_BODY_FORMAT_MARKDOWN, TRUE);
      char *html = curator_body_renderer_render (renderer, body->str, body->len);

      adversarial_links = 0;
      for (const char *at = html; (at = strstr (at, "<a ")) != NULL; at++)
        adversarial_links++;
      return html;
    }

  return g_string_free (g_steal_pointer (&body), FALSE);
}

static void
reset_servers (void)
{
  test_server_reset (http_server);
  if (https_server != NULL)
    test_server_reset (https_server);
}

static void
assert_servers_untouched (const char *what)
{
  g_autofree char *http_paths = test_server_dup_paths (http_server);
  g_autofree char *https_paths = https_server ? test_server_dup_paths (https_server) : g_strdup ("");

  if (https_server == NULL)
    curator_test_skip_missing ("openssl", "no https server to count the https requests of %s", what);
  g_test_message ("%s: http server %u connections, requests:\n%s",
                  what, test_server_get_connections (http_server), http_paths);
  g_assert_cmpuint (test_server_get_connections (http_server), ==, 0);
  g_assert_cmpuint (test_server_get_requests (http_server), ==, 0);
  if (https_server != NULL)
    {
      g_test_message ("%s: https server %u connections, requests:\n%s",
                      what, test_server_get_connections (https_server), https_paths);
      g_assert_cmpuint (test_server_get_connections (https_server), ==, 0);
    }
}

/* No page script ran: every script and handler of adversarial.html sets
 * document.title or window.curatorPwned. */
static void
assert_no_script_ran (WebKitWebView *web_view)
{
  g_autofree char *title = test_page_run_js (web_view, "document.title");
  g_autofree char *marker = test_page_run_js (web_view, "String(window.curatorPwned)");

  g_assert_false (g_str_has_prefix (title, "PWNED"));
  g_assert_cmpstr (marker, ==, "undefined");
}

static void
assert_rendered (WebKitWebView *web_view)
{
  g_autofree char *text = test_page_run_js (web_view, "document.body.innerText");
  g_autofree char *links = test_page_run_js (web_view, "document.querySelectorAll('#curator-body a').length");
  g_autofree char *expected_links = g_strdup_printf ("%u", adversarial_links);

  g_assert_nonnull (strstr (text, "ADVERSARIAL-RENDERED"));
  g_assert_nonnull (strstr (text, "ADVERSARIAL-END"));
  g_assert_cmpstr (links, ==, expected_links);
}

/* The lines of the DNS log (see dns-log-preload.c) that contain @needle. */
static char *
dup_dns_log_lines (const char *needle)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) found = g_string_new (NULL);

  if (!g_file_get_contents (dns_log_path, &contents, NULL, NULL))
    return g_string_free (g_steal_pointer (&found), FALSE);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0' && strstr (lines[i], needle) != NULL)
      g_string_append_printf (found, "%s\n", lines[i]);

  return g_string_free (g_steal_pointer (&found), FALSE);
}

static gboolean
dns_log_has (gpointer needle)
{
  g_autofree char *lines = dup_dns_log_lines (needle);

  return lines[0] != '\0';
}

/* Not one host name of the body was looked up for the preview. */
static void
assert_no_dns_lookup (const char *what)
{
  g_autofree char *loaded = dup_dns_log_lines ("#loaded WebKitNetwork");
  g_autofree char *names = dup_dns_log_lines ("." DNS_DOMAIN);
  g_autofree char *preview_names = dup_dns_log_lines ("preview." DNS_DOMAIN);

  /* The log is only worth something if WebKit's network process writes
   * to it: the control shows it looks names up. */
  g_assert_cmpstr (loaded, !=, "");
  g_test_message ("%s: host names looked up so far (the control's included):\n%s", what, names);
  g_assert_cmpstr (preview_names, ==, "");
}

static CuratorPreview *
create_preview (void)
{
  CuratorPreview *preview = CURATOR_PREVIEW (curator_preview_new ());

  gtk_window_set_child (window, GTK_WIDGET (preview));
  return preview;
}

static gboolean
is_finalized (gpointer data)
{
  return *(gpointer *)data == NULL;
}

static void
destroy_preview (CuratorPreview *preview)
{
  g_object_add_weak_pointer (G_OBJECT (preview), (gpointer *)&preview);
  gtk_window_set_child (window, NULL);
  /* Pending WebKit callbacks hold a reference until they complete. */
  curator_test_wait_for (is_finalized, &preview, "the preview to be finalized");
}

typedef struct
{
  GPtrArray *uris;
  guint      expected;
} LinkLog;

static gboolean
activate_link_cb (CuratorPreview *preview,
                  const char     *uri,
                  LinkLog        *log)
{
  g_ptr_array_add (log->uris, g_strdup (uri));
  /* Handled: no browser is started from a test. */
  return TRUE;
}

static gboolean
has_n_links (gpointer data)
{
  LinkLog *log = data;

  return log->uris->len >= log->expected;
}

/* Clicks (from C) and form submissions go nowhere; a link click asks for
 * the browser through "activate-link" only. */
static void
check_clicks (CuratorPreview *preview)
{
  WebKitWebView *web_view = curator_preview_get_web_view (preview);
  LinkLog log = { g_ptr_array_new_with_free_func (g_free) };
  const char *h = test_server_get_origin (http_server);
  g_autofree char *expected = g_strdup_printf ("%s/link-click\n%s/ping-target\n%s/blank-target\n", h, h, h);
  g_autofree char *free_uri = NULL;
  g_autoptr(GString) links = g_string_new (NULL);
  gulong handler;

  handler = g_signal_connect (preview, "activate-link", G_CALLBACK (activate_link_cb), &log);

  /* A link's message reaches the UI process before the result of the
   * script that clicked it: none of these gave one. */
  g_free (test_page_run_js (web_view, "document.getElementById('submit-button').click(); 'ok'"));
  g_free (test_page_run_js (web_view, "document.getElementById('click-form').submit(); 'ok'"));
  g_free (test_page_run_js (web_view, "document.getElementById('js-link').click(); 'ok'"));
  g_free (test_page_run_js (web_view, "document.getElementById('file-link').click(); 'ok'"));
  g_assert_cmpuint (log.uris->len, ==, 0);

  g_free (test_page_run_js (web_view, "document.getElementById('plain-link').click(); 'ok'"));
  g_free (test_page_run_js (web_view, "document.getElementById('ping-link').click(); 'ok'"));
  g_free (test_page_run_js (web_view, "document.getElementById('blank-link').click(); 'ok'"));
  log.expected = 3;
  curator_test_wait_for (has_n_links, &log, "three links handed to the browser");
  /* Then nothing more: no late navigation (a form submitted from a
   * timer) turned into a link. */
  wait_until_quiet (web_view);

  for (guint i = 0; i < log.uris->len; i++)
    g_string_append_printf (links, "%s\n", (char *)g_ptr_array_index (log.uris, i));
  g_test_message ("links handed to the browser:\n%s", links->str);
  g_assert_cmpstr (links->str, ==, expected);

  /* The page is still ours: nothing navigated. */
  g_assert_cmpstr (webkit_web_view_get_uri (web_view), ==, "about:blank");
  g_assert_true (test_page_is_painted (preview));
  free_uri = test_page_run_js (web_view, "document.getElementById('rendered-marker').textContent");
  g_assert_cmpstr (free_uri, ==, "ADVERSARIAL-RENDERED");

  g_signal_handler_disconnect (preview, handler);
  g_ptr_array_unref (log.uris);
}

/* Tests ------------------------------------------------------------------ */

static gboolean
filters_are_ready (gpointer data)
{
  CuratorPreviewFilter *filters = data;

  for (guint i = 0; i < CURATOR_N_PREVIEW_FILTER_POLICIES; i++)
    if (curator_preview_filter_peek (filters, i) == NULL)
      return FALSE;
  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

/* Each file of the store at @path with its inode and modification time:
 * a filter compiled again is written again. */
static char *
dup_store_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);
      GStatBuf buf;

      g_assert_cmpint (g_stat (file, &buf), ==, 0);
      g_ptr_array_add (lines, g_strdup_printf ("%s inode %lu modified %ld.%09ld", name,
                                               (unsigned long)buf.st_ino,
                                               (long)buf.st_mtim.tv_sec, (long)buf.st_mtim.tv_nsec));
    }
  g_ptr_array_sort (lines, compare_strings);
  g_ptr_array_add (lines, NULL);

  return g_strjoinv ("\n", (char **)lines->pdata);
}

/* The content filters are compiled on the first run only: compiled into
 * the store, kept in memory, and loaded from the store (not compiled
 * again) by the next run. */
static void
test_filter_compiled_once (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "content-filters-once", NULL);
  g_autoptr(CuratorPreviewFilter) first_run = curator_preview_filter_new (path);
  g_autoptr(CuratorPreviewFilter) next_run = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *compiled = NULL;
  g_autofree char *loaded = NULL;
  g_auto(GStrv) files = NULL;
  WebKitUserContentFilter *block_all;
  const char *default_path = curator_preview_filter_get_path (curator_preview_filter_get_default ());
  gint64 start;

  /* The application's store is in the user cache (here the test's). */
  g_assert_true (g_str_has_prefix (default_path, g_get_user_cache_dir ()));
  g_assert_true (g_str_has_prefix (default_path, tmp_dir));

  empty = dup_store_files (path);
  g_assert_cmpstr (empty, ==, "");
  start = g_get_monotonic_time ();
  curator_preview_filter_prepare (first_run);
  curator_test_wait_for (filters_are_ready, first_run, "the content filters to be compiled");
  g_test_message ("content filters compiled in %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  compiled = dup_store_files (path);
  g_test_message ("the store after compiling:\n%s", compiled);
  files = g_strsplit (compiled, "\n", -1);
  g_assert_cmpuint (g_strv_length (files), >=, CURATOR_N_PREVIEW_FILTER_POLICIES);

  /* Kept in memory. */
  block_all = curator_preview_filter_peek (first_run, CURATOR_PREVIEW_FILTER_BLOCK_ALL);
  curator_preview_filter_prepare (first_run);
  g_assert_true (curator_preview_filter_peek (first_run, CURATOR_PREVIEW_FILTER_BLOCK_ALL) == block_all);

  /* The next run loads them: the store is left as it was. */
  next_run = curator_preview_filter_new (path);
  start = g_get_monotonic_time ();
  curator_preview_filter_prepare (next_run);
  curator_test_wait_for (filters_are_ready, next_run, "the compiled content filters to be loaded");
  g_test_message ("content filters loaded in %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  loaded = dup_store_files (path);
  g_assert_cmpstr (loaded, ==, compiled);

  /* One rule per scheme (the engine refuses alternation). */
  g_assert_null (strstr (curator_preview_filter_get_rules (CURATOR_PREVIEW_FILTER_BLOCK_ALL), "|"));
  g_assert_nonnull (strstr (curator_preview_filter_get_rules (CURATOR_PREVIEW_FILTER_ALLOW_HTTPS_IMAGES),
                            "ignore-previous-rules"));
}

static gboolean
control_decide_policy_cb (WebKitWebView            *web_view,
                          WebKitPolicyDecision     *decision,
                          WebKitPolicyDecisionType  type,
                          guint                    *navigations)
{
  /* Keep the control page in place (meta refresh, form submission) so
   * that its title can be read; count the attempts. */
  if (type != WEBKIT_POLICY_DECISION_TYPE_RESPONSE && (*navigations)++ > 0)
    {
      webkit_policy_decision_ignore (decision);
      return TRUE;
    }
  return FALSE;
}

/* Real pointer clicks (XTest on the Xvfb display) ------------------------ */

/* Where the centre of the element @id of the page is, in root window
 * coordinates of the X screen. */
static void
get_element_root_point (WebKitWebView *web_view,
                        const char    *id,
                        int           *root_x,
                        int           *root_y)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (web_view));
  GdkSurface *surface = gtk_native_get_surface (native);
  Display *xdisplay = gdk_x11_display_get_xdisplay (gtk_widget_get_display (GTK_WIDGET (web_view)));
  g_autofree char *script = NULL;
  g_autofree char *rect = NULL;
  graphene_point_t in_view;
  graphene_point_t in_native;
  double surface_x, surface_y;
  double left, top, width, height;
  int window_x, window_y;
  Window child;

  script = g_strdup_printf ("(() => { const r = document.getElementById('%s').getBoundingClientRect();"
                            "return `${r.left} ${r.top} ${r.width} ${r.height}`; })()", id);
  rect = test_page_run_js (web_view, script);
  g_assert_cmpint (sscanf (rect, "%lf %lf %lf %lf", &left, &top, &width, &height), ==, 4);
  g_assert_cmpfloat (width, >, 4);
  g_assert_cmpfloat (height, >, 4);

  /* Page (CSS pixels, scale 1 under Xvfb) -> widget -> native surface
   * (which may have a margin for the client-side shadow) -> X root. */
  in_view = GRAPHENE_POINT_INIT (left + width / 2, top + height / 2);
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (web_view), GTK_WIDGET (native), &in_view, &in_native));
  gtk_native_get_surface_transform (native, &surface_x, &surface_y);
  XTranslateCoordinates (xdisplay, gdk_x11_surface_get_xid (surface),
                         DefaultRootWindow (xdisplay), 0, 0, &window_x, &window_y, &child);

  *root_x = window_x + (int)(surface_x + in_native.x);
  *root_y = window_y + (int)(surface_y + in_native.y);
  g_test_message ("#%s: page %.0f,%.0f %.0fx%.0f; X window at %d,%d; pointer to %d,%d",
                  id, left, top, width, height, window_x, window_y, *root_x, *root_y);
}

/* Moves the real pointer onto the element @id and presses and releases
 * @button there, as a user would. */
static void
pointer_click (WebKitWebView *web_view,
               const char    *id,
               unsigned int   button)
{
  Display *xdisplay = gdk_x11_display_get_xdisplay (gtk_widget_get_display (GTK_WIDGET (web_view)));
  int x, y;

  get_element_root_point (web_view, id, &x, &y);
  XTestFakeMotionEvent (xdisplay, DefaultScreen (xdisplay), x, y, CurrentTime);
  XTestFakeButtonEvent (xdisplay, button, True, CurrentTime);
  XTestFakeButtonEvent (xdisplay, button, False, CurrentTime);
  XFlush (xdisplay);
}

/* One distinct path per media vector of adversarial.html, so that the
 * server's log shows which vector asked. The poster is an image and is
 * listed but not counted: only the media player asks for the others. */
static const char *media_paths[] = {
  "/video.mp4", "/video-source.webm", "/track.vtt", "/audio.mp3", "/img-poster.png",
};
#define N_MEDIA_ONLY_PATHS 4

static gboolean
saw_media_request (gpointer data)
{
  for (guint i = 0; i < N_MEDIA_ONLY_PATHS; i++)
    if (test_server_saw_path_prefix (data, media_paths[i]))
      return TRUE;
  return FALSE;
}

/* A plain WebKitWebView showing adversarial.html, as a browser would:
 * scripts on, no content filter, no CSP, no policy. */
typedef struct
{
  WebKitWebView *web_view;
  guint          navigations;
  /* The reason its web process ended, -1 while it runs. */
  int            ended;
} Control;

static void
control_terminated_cb (WebKitWebView                     *web_view,
                       WebKitWebProcessTerminationReason  reason,
                       Control                           *control)
{
  g_test_message ("the control's web process ended (reason %d)", reason);
  control->ended = reason;
}

static Control *
control_new (gboolean media)
{
  g_autoptr(WebKitNetworkSession) session = webkit_network_session_new_ephemeral ();
  g_autofree char *body = NULL;
  Control *control = g_new0 (Control, 1);
  WebKitSettings *settings;

  /* Its host names are the control's: a late lookup is never taken for
   * the preview's. */
  body = load_adversarial_body (control_server, NULL, "control");
  test_server_reset (control_server);

  control->ended = -1;
  control->web_view = g_object_new (WEBKIT_TYPE_WEB_VIEW, "network-session", session, NULL);
  settings = webkit_web_view_get_settings (control->web_view);
  /* Painted as the preview paints, without compositing: what the control
   * proves is its requests. Compositing goes through GL, which under Xvfb
   * is Mesa's software driver, and a web process crashed in it
   * (swrast_dri.so, docs/preview.md). */
  webkit_settings_set_hardware_acceleration_policy (settings, WEBKIT_HARDWARE_ACCELERATION_POLICY_NEVER);
  webkit_settings_set_enable_media (settings, media);
  if (media)
    {
      /* The player fetches its URLs at once, as in a browser that plays
       * media unasked. No scripts: nothing but the media is looked at. */
      webkit_settings_set_media_playback_requires_user_gesture (settings, FALSE);
      webkit_settings_set_enable_javascript_markup (settings, FALSE);
    }
  g_signal_connect (control->web_view, "web-process-terminated", G_CALLBACK (control_terminated_cb), control);
  g_signal_connect (control->web_view, "decide-policy", G_CALLBACK (control_decide_policy_cb), &control->navigations);
  gtk_window_set_child (window, GTK_WIDGET (control->web_view));
  webkit_web_view_load_html (control->web_view, body, test_server_get_origin (control_server));

  return control;
}

static void
control_free (Control *control)
{
  g_signal_handlers_disconnect_by_data (control->web_view, control);
  g_signal_handlers_disconnect_by_data (control->web_view, &control->navigations);
  gtk_window_set_child (window, NULL);
  g_free (control);
}

/* Its web process ended before @what: the warnings above (stderr) say
 * why, as WebKit's processes share the test's stderr. */
static void
assert_control_running (Control    *control,
                        const char *what)
{
  if (control->ended >= 0)
    g_error ("the control's web process ended (reason %d) before %s", control->ended, what);
}

static gboolean
control_ended (gpointer data)
{
  return ((Control *)data)->ended >= 0;
}

static gboolean
control_sent_requests (gpointer data)
{
  Control *control = data;

  return control->ended >= 0 ||
         (test_server_get_requests (control_server) > 5 &&
          test_server_saw_path_prefix (control_server, "/img-plain.png") &&
          test_server_saw_path_prefix (control_server, "/style.css"));
}

static gboolean
control_looked_up_names (gpointer data)
{
  Control *control = data;

  return control->ended >= 0 || dns_log_has ("control." DNS_DOMAIN);
}

typedef struct
{
  Control *control;
  guint    connections;
} ControlClick;

static gboolean
control_click_connected (gpointer data)
{
  ControlClick *click = data;

  return click->control->ended >= 0 ||
         test_server_get_connections (control_server) > click->connections;
}

/* The control: the same body in a plain WebKitWebView does run scripts,
 * hit the server and look host names up. This proves the checks below
 * can fail. */
static void
test_control_unprotected_view (void)
{
  Control *control = control_new (FALSE);
  g_autofree char *title = NULL;
  g_autofree char *paths = NULL;
  g_autofree char *idle = NULL;
  g_autofree char *dns_names = NULL;
  g_autofree char *dns_loaded = NULL;
  gint64 idle_at;
  gint64 last_at;

  curator_test_wait_for (control_sent_requests, control, "the control's requests");
  assert_control_running (control, "its requests");

  /* What the body makes a browser ask for comes before the page is
   * loaded and idle, or within the negative checks' margin after it:
   * watched for twice the margin. */
  idle = test_page_call_js (control->web_view, idle_script, NULL);
  g_assert_cmpstr (idle, ==, "idle");
  idle_at = g_get_monotonic_time ();
  paths = test_server_dup_paths (control_server);
  g_test_message ("control view: %u requests:\n%s", test_server_get_requests (control_server), paths);
  curator_test_wait_until (control_ended, control, 2 * LATE_REQUEST_MARGIN_MS);
  last_at = test_server_get_last_connection_time (control_server);
  g_test_message ("control view: its last connection came %.0f ms %s it was idle",
                  ABS (last_at - idle_at) / 1000.0, last_at > idle_at ? "after" : "before");
  g_assert_cmpint (last_at, <=, idle_at + LATE_REQUEST_MARGIN_MS * 1000);

  /* DNS: the control looks the named hosts up (see dns-log-preload.c). */
  curator_test_wait_for (control_looked_up_names, control, "the control's host name lookups");
  assert_control_running (control, "its host name lookups");
  dns_names = dup_dns_log_lines ("control." DNS_DOMAIN);
  dns_loaded = dup_dns_log_lines ("#loaded");
  g_test_message ("DNS log loaded into:\n%s", dns_loaded);
  g_test_message ("control view: host names looked up:\n%s", dns_names);

  /* A real pointer click on a link in the control opens a connection to
   * its host: the zero connections of the preview's real clicks below
   * could fail. */
  if (GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    {
      ControlClick click = { control, 0 };

      g_free (test_page_run_js (control->web_view, "document.getElementById('plain-link').scrollIntoView(); 'ok'"));
      click.connections = test_server_get_connections (control_server);
      pointer_click (control->web_view, "plain-link", 1);
      curator_test_wait_for (control_click_connected, &click, "a connection from the control's real click");
      assert_control_running (control, "its real click");
      g_test_message ("control view: a real click on a link opened %u connection(s)",
                      test_server_get_connections (control_server) - click.connections);
    }
  else
    curator_test_skip_missing ("x11", "the control's real click (XTest) needs an X11 display");

  title = test_page_run_js (control->web_view, "document.title");
  g_test_message ("control view title: %s, %u navigations tried", title, control->navigations);
  g_assert_true (g_str_has_prefix (title, "PWNED"));

  control_free (control);
}

/* Every media URL the control is known to fetch: all but the track. */
static gboolean
control_sent_all_media (gpointer data)
{
  Control *control = data;

  for (guint i = 0; i < G_N_ELEMENTS (media_paths); i++)
    if (!g_str_equal (media_paths[i], "/track.vtt") &&
        !test_server_saw_path_prefix (control_server, media_paths[i]))
      return control->ended >= 0;
  return TRUE;
}

static gboolean
control_requested_media (gpointer data)
{
  Control *control = data;

  return control->ended >= 0 || saw_media_request (control_server);
}

/* The media vectors of adversarial.html in a plain WebKitWebView with
 * media on: the player fetches their URLs, so the preview's zero requests
 * for them (media off) could fail. This needs GStreamer's base, good and
 * GL plugins (build-aux/debian-packages.txt), and for WebKit's media
 * session (MPRIS) a D-Bus session bus that its sandboxed web process can
 * reach: without either, it warns, and the warning ends it under the
 * tests' G_DEBUG=fatal-warnings (inherited). */
static void
test_control_media (void)
{
  Control *control;
  guint n_media = 0;

  /* WebKit's sandbox passes the session bus on (through its D-Bus proxy)
   * only from this variable. */
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    g_error ("The media control needs a D-Bus session bus in DBUS_SESSION_BUS_ADDRESS "
             "(build-aux/common.sh's headless runs one)");

  control = control_new (TRUE);
  curator_test_wait_for (control_requested_media, control, "the control's media requests");
  assert_control_running (control, "its media requests (GStreamer's base, good and GL plugins "
                          "and the session bus are needed; its warning is above)");
  /* The others come with it; for the log. */
  curator_test_wait_until (control_sent_all_media, control, LATE_REQUEST_MARGIN_MS);
  for (guint i = 0; i < G_N_ELEMENTS (media_paths); i++)
    {
      gboolean seen = test_server_saw_path_prefix (control_server, media_paths[i]);

      g_test_message ("control view media vector %s: %s", media_paths[i], seen ? "requested" : "not requested");
      n_media += seen && i < N_MEDIA_ONLY_PATHS;
    }
  g_assert_cmpuint (n_media, >=, 1);

  control_free (control);
}

static void
test_adversarial_first_load (void)
{
  g_autofree char *body = load_adversarial_body (http_server, https_server, "preview");
  CuratorPreview *preview;

  reset_servers ();
  preview = create_preview ();
  /* The first content of a preview goes in with the page itself. */
  curator_preview_set_body (preview, body);
  test_page_wait_painted (preview);
  wait_until_quiet (curator_preview_get_web_view (preview));

  assert_rendered (curator_preview_get_web_view (preview));
  assert_no_script_ran (curator_preview_get_web_view (preview));
  assert_servers_untouched ("first load, before clicks");
  check_clicks (preview);
  assert_no_script_ran (curator_preview_get_web_view (preview));
  assert_servers_untouched ("first load");
  assert_no_dns_lookup ("first load");

  destroy_preview (preview);
}

static void
test_adversarial_update_in_place (void)
{
  g_autofree char *body = load_adversarial_body (http_server, https_server, "preview");
  g_autofree char *scroll = NULL;
  g_autoptr(GString) long_body = g_string_new (NULL);
  CuratorPreview *preview;
  WebKitWebView *web_view;

  reset_servers ();
  preview = create_preview ();
  web_view = curator_preview_get_web_view (preview);

  for (guint i = 0; i < 400; i++)
    g_string_append_printf (long_body, "<p>Paragraph %u of a long, harmless body.</p>\n", i);
  curator_preview_set_body (preview, long_body->str);
  test_page_wait_painted (preview);
  g_free (test_page_run_js (web_view, "window.scrollTo(0, 2000); 'ok'"));

  /* Then edits: the body is replaced in the live page. */
  g_string_append (long_body, body);
  curator_preview_set_body (preview, long_body->str);
  test_page_wait_painted (preview);
  wait_until_quiet (web_view);

  assert_rendered (web_view);
  assert_no_script_ran (web_view);
  scroll = test_page_run_js (web_view, "window.scrollY");
  g_test_message ("scroll position after the update: %s", scroll);
  g_assert_cmpstr (scroll, ==, "2000");
  check_clicks (preview);
  assert_servers_untouched ("update in place");
  assert_no_dns_lookup ("update in place");

  destroy_preview (preview);
}

/* Even JavaScript from C (as if a page script did run) reaches nothing:
 * the CSP and the content filter stop every request. */
static void
test_api_script_network (void)
{
  g_autofree char *script = NULL;
  CuratorPreview *preview;
  WebKitWebView *web_view;
  const char *h;

  reset_servers ();
  preview = create_preview ();
  web_view = curator_preview_get_web_view (preview);
  curator_preview_set_body (preview, "<p>api</p>");
  test_page_wait_painted (preview);

  h = test_server_get_origin (http_server);
  script = g_strdup_printf ("fetch('%s/api-fetch').catch(() => {});"
                            "try { new WebSocket('ws://127.0.0.1:%u/api-ws'); } catch (e) {}"
                            "const x = new XMLHttpRequest(); x.open('GET', '%s/api-xhr'); x.send();"
                            "new Image().src = '%s/img-api-image.png';"
                            "navigator.sendBeacon('%s/api-beacon');"
                            "const l = document.createElement('link'); l.rel = 'stylesheet';"
                            "l.href = '%s/api-style.css'; document.head.appendChild(l);"
                            "'ok'",
                            h, test_server_get_port (http_server), h, h, h, h);
  g_free (test_page_run_js (web_view, script));
  wait_until_quiet (web_view);
  g_free (test_page_run_js (web_view, "window.location.href = 'http://127.0.0.1:1/nav'; 'ok'"));
  g_free (script);
  script = g_strdup_printf ("window.open('%s/api-open'); 'ok'", h);
  g_free (test_page_run_js (web_view, script));
  wait_until_quiet (web_view);

  g_assert_cmpstr (webkit_web_view_get_uri (web_view), ==, "about:blank");
  assert_servers_untouched ("API scripts");

  destroy_preview (preview);
}

/* Clicks @id with @button and waits for the link number log->expected + 1
 * to reach "activate-link" as @uri exactly. Events reach the page in
 * order, so a click before this one that produced nothing has produced
 * nothing by now. */
static void
click_and_expect_link (WebKitWebView *web_view,
                       LinkLog       *log,
                       const char    *id,
                       unsigned int   button,
                       const char    *uri)
{
  log->expected++;
  pointer_click (web_view, id, button);
  curator_test_wait_for (has_n_links, log, "the link clicked to reach \"activate-link\"");
  g_assert_cmpuint (log->uris->len, ==, log->expected);
  g_assert_cmpstr (g_ptr_array_index (log->uris, log->expected - 1), ==, uri);
}

/* Clicks with the real X pointer: http, https, a new-window link, a middle
 * click and a link in SVG each go to "activate-link" with their exact URI
 * and nothing else; a javascript: link does nothing; no server sees a
 * connection (no speculative preconnect on press), no host name is looked
 * up, and the page stays. */
static void
test_real_pointer_clicks (void)
{
  const char *h = test_server_get_origin (http_server);
  const char *s = https_server ? test_server_get_origin (https_server) : "https://127.0.0.1:9";
  g_autofree char *body = NULL;
  g_autofree char *http_uri = g_strdup_printf ("%s/clicked", h);
  g_autofree char *https_uri = g_strdup_printf ("%s/clicked-https", s);
  g_autofree char *blank_uri = g_strdup_printf ("%s/clicked-blank", h);
  g_autofree char *middle_uri = g_strdup_printf ("%s/clicked-middle", h);
  g_autofree char *svg_uri = g_strdup_printf ("%s/clicked-svg", h);
  const char *named_uri = "http://pointer.preview." DNS_DOMAIN "/clicked";
  g_autofree char *marker = NULL;
  LinkLog log = { g_ptr_array_new_with_free_func (g_free) };
  CuratorPreview *preview;
  WebKitWebView *web_view;

  if (!GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    {
      curator_test_skip_missing ("x11", "real pointer clicks are made with XTest");
      g_ptr_array_unref (log.uris);
      return;
    }

  body = g_strdup_printf ("<style>a { display: block; margin: 6px; padding: 6px; font-size: 20px; }</style>"
                          "<p id=\"rendered-marker\">POINTER-PAGE</p>"
                          "<a id=\"js\" href=\"javascript:document.title='PWNED-javascript-url';void(0)\">javascript</a>"
                          "<a id=\"http\" href=\"%s\">http</a>"
                          "<a id=\"https\" href=\"%s\">https</a>"
                          "<a id=\"blank\" href=\"%s\" target=\"_blank\">new window</a>"
                          "<a id=\"middle\" href=\"%s\">middle click</a>"
                          "<svg width=\"200\" height=\"40\"><a href=\"%s\"><rect id=\"svg\" width=\"200\" height=\"40\" fill=\"blue\"/></a></svg>"
                          "<a id=\"named\" href=\"%s\">named host</a>",
                          http_uri, https_uri, blank_uri, middle_uri, svg_uri, named_uri);

  reset_servers ();
  preview = create_preview ();
  web_view = curator_preview_get_web_view (preview);
  g_signal_connect (preview, "activate-link", G_CALLBACK (activate_link_cb), &log);
  curator_preview_set_body (preview, body);
  test_page_wait_painted (preview);

  /* Nothing from the javascript: link: the http click after it is the
   * first link to arrive. */
  pointer_click (web_view, "js", 1);
  click_and_expect_link (web_view, &log, "http", 1, http_uri);
  click_and_expect_link (web_view, &log, "https", 1, https_uri);
  click_and_expect_link (web_view, &log, "blank", 1, blank_uri);
  click_and_expect_link (web_view, &log, "middle", 2, middle_uri);
  click_and_expect_link (web_view, &log, "svg", 1, svg_uri);
  click_and_expect_link (web_view, &log, "named", 1, named_uri);
  /* Late connections (a preconnect on press) get the time to show up. */
  wait_until_quiet (web_view);

  g_test_message ("links handed to the browser by real clicks: %u", log.uris->len);
  g_assert_cmpuint (log.uris->len, ==, 6);
  assert_no_script_ran (web_view);
  g_assert_cmpstr (webkit_web_view_get_uri (web_view), ==, "about:blank");
  marker = test_page_run_js (web_view, "document.getElementById('rendered-marker').textContent");
  g_assert_cmpstr (marker, ==, "POINTER-PAGE");
  assert_servers_untouched ("real pointer clicks");
  assert_no_dns_lookup ("real pointer clicks");

  destroy_preview (preview);
  g_ptr_array_unref (log.uris);
}

static gboolean
https_images_seen (gpointer data)
{
  return test_server_saw_path_prefix (https_server, "/img-https.png") &&
         test_server_saw_path_prefix (https_server, "/img-https-srcset.png");
}

/* "Load Remote Images": the https image (and only it) reaches the https
 * server; nothing reaches the http one. Then blocked again. */
static void
test_remote_images (void)
{
  g_autofree char *body = NULL;
  g_autofree char *paths = NULL;
  CuratorPreview *preview;
  WebKitWebView *web_view;

  if (https_server == NULL)
    {
      curator_test_skip_missing ("openssl", "remote images are fetched from the test's https server");
      return;
    }

  body = load_adversarial_body (http_server, https_server, "preview");
  reset_servers ();
  preview = create_preview ();
  web_view = curator_preview_get_web_view (preview);
  /* Trust the test's self-signed certificate, so that a refused request
   * can only come from the preview's own rules. */
  webkit_network_session_set_tls_errors_policy (webkit_web_view_get_network_session (web_view),
                                                WEBKIT_TLS_ERRORS_POLICY_IGNORE);

  curator_preview_set_remote_images (preview, TRUE);
  curator_preview_set_body (preview, body);
  test_page_wait_painted (preview);
  curator_test_wait_for (https_images_seen, NULL, "the https images");
  wait_until_quiet (web_view);

  paths = test_server_dup_paths (https_server);
  g_test_message ("remote images on: https server %u connections, requests:\n%s",
                  test_server_get_connections (https_server), paths);
  g_assert_true (test_server_all_paths_match (https_server, "/img-"));
  g_assert_cmpuint (test_server_get_connections (http_server), ==, 0);
  /* A click on an https link still only asks for the browser. */
  {
    LinkLog log = { g_ptr_array_new_with_free_func (g_free) };
    gulong handler = g_signal_connect (preview, "activate-link", G_CALLBACK (activate_link_cb), &log);

    g_free (test_page_run_js (web_view, "document.getElementById('https-ping-link').click(); 'ok'"));
    log.expected = 1;
    curator_test_wait_for (has_n_links, &log, "the https link handed to the browser");
    wait_until_quiet (web_view);
    g_assert_true (test_server_all_paths_match (https_server, "/img-"));
    g_signal_handler_disconnect (preview, handler);
    g_ptr_array_unref (log.uris);
  }
  assert_no_script_ran (web_view);

  /* Blocked again: a fresh page under the blocking rules. */
  curator_preview_set_remote_images (preview, FALSE);
  test_page_wait_painted (preview);
  reset_servers ();
  curator_preview_set_body (preview, "<p>again</p>");
  test_page_wait_painted (preview);
  curator_preview_set_body (preview, body);
  test_page_wait_painted (preview);
  wait_until_quiet (web_view);
  assert_servers_untouched ("remote images off again");

  webkit_network_session_set_tls_errors_policy (webkit_web_view_get_network_session (web_view),
                                                WEBKIT_TLS_ERRORS_POLICY_FAIL);
  destroy_preview (preview);
}

/* The CPU time of this thread (the main loop's), in microseconds: what
 * it spends between two ticks is the longest it kept the loop from
 * running, whatever else the machine does meanwhile. */
static gint64
get_thread_cpu_time (void)
{
  struct timespec now;

  g_assert_cmpint (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now), ==, 0);
  return (gint64)now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}

typedef struct
{
  gint64 last;
  gint64 max_gap;
} Ticker;

static gboolean
tick_cb (gpointer user_data)
{
  Ticker *ticker = user_data;
  gint64 now = get_thread_cpu_time ();

  ticker->max_gap = MAX (ticker->max_gap, now - ticker->last);
  ticker->last = now;

  return G_SOURCE_CONTINUE;
}

/* Huge, malformed, binary-ish and empty bodies: the preview shows what it
 * can and the main loop keeps running. */
static void
check_body_renders (CuratorPreview *preview,
                    const char     *what,
                    const char     *body,
                    const char     *expected_text)
{
  WebKitWebView *web_view = curator_preview_get_web_view (preview);
  Ticker ticker = { get_thread_cpu_time (), 0 };
  guint tick;
  gint64 start = g_get_monotonic_time ();
  g_autofree char *text = NULL;

  tick = g_timeout_add (10, tick_cb, &ticker);
  curator_preview_set_body (preview, body);
  test_page_wait_painted (preview);
  g_source_remove (tick);

  text = test_page_run_js (web_view, "document.getElementById('curator-body').innerText");
  g_test_message ("%s (%zu bytes): painted in %.1f ms, longest main loop stall %.1f ms of CPU",
                  what, strlen (body), (g_get_monotonic_time () - start) / 1000.0,
                  ticker.max_gap / 1000.0);
  g_assert_cmpint (ticker.max_gap, <, 250 * 1000);
  if (expected_text != NULL)
    g_assert_nonnull (strstr (text, expected_text));
  else
    g_assert_cmpstr (text, ==, "");
}

static void
test_hostile_bodies (void)
{
  CuratorPreview *preview = create_preview ();
  g_autoptr(GString) huge = g_string_new (NULL);
  g_autoptr(GString) binary = g_string_new (NULL);
  g_autofree char *binary_body = NULL;
  guint32 seed = 42;

  reset_servers ();
  /* Start the web process first: launching it (sandbox, D-Bus proxy)
   * blocks the UI process once, whatever the body. */
  curator_preview_set_body (preview, "<p>warm</p>");
  test_page_wait_painted (preview);

  while (huge->len < 1024 * 1024)
    g_string_append_printf (huge, "<p class=\"x\">A paragraph of the huge body, number %zu, "
                            "<b>bold</b> and <a href=\"#p\">a link</a>.</p>\n", huge->len);
  g_string_append (huge, "<p>HUGE-END</p>");

  for (guint i = 0; i < 64 * 1024; i++)
    {
      seed = seed * 1103515245 + 12345;
      g_string_append_c (binary, (char)(1 + (seed >> 16) % 255));
    }
  g_string_append (binary, "BINARY-END");
  /* The document only holds valid UTF-8; the preview repairs anything else. */
  binary_body = g_strdup (binary->str);

  check_body_renders (preview, "huge", huge->str, "HUGE-END");
  check_body_renders (preview, "malformed",
                      "<div><p>unclosed <b>bold <i>italic <table><tr><td>cell"
                      "</div></span></html><!-- unterminated comment? --> MALFORMED-END"
                      "<p <<>> &bogus; &#xD800; &#0; <",
                      "MALFORMED-END");
  check_body_renders (preview, "binary", binary_body, "BINARY-END");
  check_body_renders (preview, "empty", "", NULL);
  check_body_renders (preview, "huge again", huge->str, "HUGE-END");

  wait_until_quiet (curator_preview_get_web_view (preview));
  assert_servers_untouched ("hostile bodies");
  destroy_preview (preview);
}

/* Edits arriving faster than the page renders are coalesced: far fewer
 * renders than edits, and the last edit is what is shown. */
static void
count_painted_cb (CuratorPreview *preview,
                  guint           serial,
                  guint          *count)
{
  (*count)++;
}

static void
test_coalescing (void)
{
  CuratorPreview *preview = create_preview ();
  WebKitWebView *web_view = curator_preview_get_web_view (preview);
  g_autofree char *text = NULL;
  guint renders = 0;
  gulong handler;

  curator_preview_set_body (preview, "<p>start</p>");
  test_page_wait_painted (preview);

  handler = g_signal_connect (preview, "painted", G_CALLBACK (count_painted_cb), &renders);
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *body = g_strdup_printf ("<p>edit %u</p>", i);

      curator_preview_set_body (preview, body);
      /* Let the main loop run now and then, as between keystrokes. */
      if (i % 10 == 0)
        g_main_context_iteration (NULL, FALSE);
    }
  test_page_wait_painted (preview);
  g_signal_handler_disconnect (preview, handler);

  text = test_page_run_js (web_view, "document.getElementById('curator-body').innerText");
  g_assert_cmpstr (text, ==, "edit 199");
  g_test_message ("200 edits shown in %u renders", renders);
  g_assert_cmpuint (renders, >=, 1);
  g_assert_cmpuint (renders, <=, 25);

  destroy_preview (preview);
}

/* What the page shows of the body, against the body parsed whole. */
static void
assert_body_shown (CuratorPreview *preview,
                   const char     *body)
{
  static const char script[] =
    "const parser = document.implementation.createHTMLDocument ('');\n"
    "parser.body.innerHTML = body;\n"
    "const shown = document.getElementById ('curator-body');\n"
    "const describe = (nodes) => Array.from (nodes, (node) =>\n"
    "  node.nodeType + ':' + (node.nodeType === 1 ? node.outerHTML : node.nodeValue)).join ('\\u0001');\n"
    "const nodes = Array.from (shown.childNodes).flatMap ((node) =>\n"
    "  node.nodeType === 1 && node.classList.contains ('curator-piece') ? Array.from (node.childNodes) : [node]);\n"
    "if (describe (nodes) === describe (parser.body.childNodes))\n"
    "  return 'same';\n"
    "const a = shown.innerHTML, b = parser.body.innerHTML;\n"
    "let at = 0;\n"
    "while (at < a.length && a[at] === b[at])\n"
    "  at++;\n"
    "return 'differs at ' + at + ': shown \"' + a.slice (at - 80, at + 80) +\n"
    "       '\", whole \"' + b.slice (at - 80, at + 80) + '\"';\n";
  GVariantDict arguments;
  g_autofree char *shown = NULL;

  g_variant_dict_init (&arguments, NULL);
  g_variant_dict_insert (&arguments, "body", "s", body);
  shown = test_page_call_js (curator_preview_get_web_view (preview), script, g_variant_dict_end (&arguments));
  g_assert_cmpstr (shown, ==, "same");
}

/* A keystroke inside a list item or a table cell changes that element's
 * contents only: the list, the table and the other items stay the nodes
 * they were (preview.js), and the page still shows the whole body. Each
 * body is one block, so that the edit cannot move where pieces start. */
static void
test_edit_inside_element (void)
{
  static const struct {
    const char *before;
    const char *after;
    const char *kept;     /* selectors of nodes that must stay */
  } edits[] = {
    { "<ul class=\"tight\"><li>one</li><li>two <b>bold</b></li></ul>",
      "<ul class=\"tight\"><li>one</li><li>two <b>bolder</b></li></ul>",
      "ul, li:first-child, li:last-child" },
    { "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>",
      "<table><tr><td>a</td><td>bc</td></tr><tr><td>c</td></tr></table>",
      "table, tr:first-child, td:first-child, tr:last-child" },
    { "<blockquote><p>quote</p><ol><li>one</li></ol></blockquote>",
      "<blockquote><p>quote</p><ol><li>ones</li></ol></blockquote>",
      "blockquote, p, ol" },
  };
  static const char keep[] =
    "window.curatorTestKept = Array.from (document.getElementById ('curator-body').querySelectorAll (kept));\n"
    "return String (window.curatorTestKept.length);\n";
  static const char check[] =
    "const now = Array.from (document.getElementById ('curator-body').querySelectorAll (kept));\n"
    "return now.map ((node, i) => node === window.curatorTestKept[i] ? 'kept' : 'new').join (' ');\n";
  CuratorPreview *preview = create_preview ();
  WebKitWebView *web_view = curator_preview_get_web_view (preview);

  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_autofree char *count = NULL;
      g_autofree char *checked = NULL;
      g_autoptr(GString) expected = g_string_new (NULL);
      GVariantDict arguments;
      guint n;

      curator_preview_set_body (preview, edits[i].before);
      test_page_wait_painted (preview);
      g_variant_dict_init (&arguments, NULL);
      g_variant_dict_insert (&arguments, "kept", "s", edits[i].kept);
      count = test_page_call_js (web_view, keep, g_variant_dict_end (&arguments));
      n = (guint) g_ascii_strtoull (count, NULL, 10);
      g_assert_cmpuint (n, >=, 3);
      for (guint k = 0; k < n; k++)
        g_string_append (expected, k > 0 ? " kept" : "kept");

      curator_preview_set_body (preview, edits[i].after);
      test_page_wait_painted (preview);
      assert_body_shown (preview, edits[i].after);
      g_variant_dict_init (&arguments, NULL);
      g_variant_dict_insert (&arguments, "kept", "s", edits[i].kept);
      checked = test_page_call_js (web_view, check, g_variant_dict_end (&arguments));
      g_assert_cmpstr (checked, ==, expected->str);
    }

  destroy_preview (preview);
}

/* The page comes with the body as text: no markup in it closes what holds
 * it or reaches the page around it. */
static void
test_body_stays_in_place (void)
{
  static const char body[] =
    "<p>one</p></main></body></html><p>two</p>\r\n"
    "</textarea><textarea class=\"curator-piece-source\">three</textarea>"
    "<header id=\"curator-card\">four</header>&amp;&lt;&#13;";
  CuratorPreview *preview = create_preview ();
  g_autofree char *outside = NULL;

  curator_preview_set_body (preview, body);
  test_page_wait_painted (preview);
  assert_body_shown (preview, body);
  outside = test_page_run_js (curator_preview_get_web_view (preview),
                    "document.querySelectorAll ('#curator-body ~ *, body > :not(header):not(main)').length");
  g_assert_cmpstr (outside, ==, "0");

  destroy_preview (preview);
}

static void
count_loads_cb (WebKitWebView   *web_view,
                WebKitLoadEvent  event,
                guint           *loads)
{
  if (event == WEBKIT_LOAD_STARTED)
    (*loads)++;
}

/* Edits re-parse only the pieces of the body they touch (see
 * preview.js): after any run of edits the page shows exactly what the
 * whole body gives, piece boxes aside, and never by loading the page
 * again (the way out of a failed update). */
static void
test_edits_in_pieces (void)
{
  static const char * const fragments[] = {
    "x", " ", "<p>new paragraph</p>", "</div>", "<div>", "<b>", "</b>", "<!--", "-->",
    "<li>", "<table><td>", "</table>", "\n\n", "<img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\">",
    "<h2>heading</h2>", "<svg><rect/></svg>", "<",  ">", "\"",
  };
  g_autofree char *sample_path = g_test_build_filename (G_TEST_DIST, "..", "data", "sample", "curated-item.md", NULL);
  g_autofree char *sample = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  g_autoptr(GError) error = NULL;
  CuratorPreview *preview = create_preview ();
  const char *paragraphs;
  guint loads = 0;

  g_file_get_contents (sample_path, &sample, NULL, &error);
  g_assert_no_error (error);
  paragraphs = strstr (sample, "<p>");
  g_assert_nonnull (paragraphs);
  while (body->len < 40 * 1024)
    {
      g_string_append (body, paragraphs);
      g_string_append (body, "<ul><li>one<li>two</ul><table><tr><td>cell</table>\n<!-- note -->\n");
    }

  curator_preview_set_body (preview, body->str);
  test_page_wait_painted (preview);
  assert_body_shown (preview, body->str);
  g_signal_connect (curator_preview_get_web_view (preview), "load-changed",
                    G_CALLBACK (count_loads_cb), &loads);

  for (guint i = 0; i < 120; i++)
    {
      guint kind = g_rand_int_range (rand, 0, 10);
      gsize at = g_rand_int_range (rand, 0, body->len + 1);

      /* Whole characters only. */
      while (at > 0 && at < body->len && (body->str[at] & 0xC0) == 0x80)
        at--;

      if (kind < 5)
        g_string_insert (body, at, fragments[g_rand_int_range (rand, 0, G_N_ELEMENTS (fragments))]);
      else if (kind < 8)
        {
          gsize cut = g_rand_int_range (rand, 0, 200);

          cut = MIN (cut, body->len - at);
          while (at + cut < body->len && (body->str[at + cut] & 0xC0) == 0x80)
            cut++;
          g_string_erase (body, at, cut);
        }
      else if (kind == 8)
        {
          /* A paste of a long run. */
          g_autofree char *copy = g_strndup (body->str, MIN (body->len, 6000));

          g_string_insert (body, at, copy);
        }
      else
        g_string_truncate (body, at);

      curator_preview_set_body (preview, body->str);
      /* Bursts: several edits go into one update now and then. */
      if (i % 4 != 3)
        {
          test_page_wait_painted (preview);
          assert_body_shown (preview, body->str);
        }
    }

  test_page_wait_painted (preview);
  assert_body_shown (preview, body->str);
  curator_preview_set_body (preview, "");
  test_page_wait_painted (preview);
  assert_body_shown (preview, "");
  g_assert_cmpuint (loads, ==, 0);
  g_signal_handlers_disconnect_by_data (curator_preview_get_web_view (preview), &loads);

  destroy_preview (preview);
}

static void
test_card (void)
{
  CuratorPreview *preview = create_preview ();
  WebKitWebView *web_view = curator_preview_get_web_view (preview);
  g_autoptr(CuratorPreviewCard) card = curator_preview_card_new ();
  g_autofree char *image_path = g_build_filename (tmp_dir, "featured.png", NULL);
  g_autofree char *title = NULL;
  g_autofree char *source = NULL;
  g_autofree char *tags = NULL;
  g_autofree char *remote = NULL;
  static const guint8 png[] = {
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d,
    0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
    0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00,
    0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49,
    0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
  };
  const char *tag_list[] = { "news", "<b>not bold</b>", NULL };

  g_assert_true (g_file_set_contents (image_path, (const char *)png, sizeof png, NULL));

  reset_servers ();
  card->title = g_strdup ("A title with <script>document.title='PWNED-card'</script> markup");
  card->description = g_strdup ("Described & \"quoted\"");
  card->link = g_strdup ("https://example-health.org/blog/item/");
  card->date = g_strdup ("2024-03-18T14:05:00Z");
  card->tags = g_strdupv ((char **)tag_list);
  card->image_file = g_file_new_for_path (image_path);
  card->image_alt = g_strdup ("alt text");
  curator_preview_set_card (preview, card);
  curator_preview_set_body (preview, "<p>body</p>");
  /* The image file is read asynchronously, then the card shown again. */
  test_page_wait_for_js (web_view, "String(document.querySelector('#curator-card img.featured')?.src).substring(0, 22)",
                         "data:image/png;base64,", "the featured image");

  title = test_page_run_js (web_view, "document.querySelector('#curator-card h1').textContent");
  g_assert_cmpstr (title, ==, card->title);
  source = test_page_run_js (web_view, "document.querySelector('#curator-card .source a').textContent");
  g_assert_cmpstr (source, ==, "example-health.org");
  tags = test_page_run_js (web_view, "Array.from(document.querySelectorAll('#curator-card .tags li')).map(e => e.textContent).join('|')");
  g_assert_cmpstr (tags, ==, "news|<b>not bold</b>");
  assert_no_script_ran (web_view);

  /* A remote featured image is not fetched while remote images are off. */
  g_clear_object (&card->image_file);
  card->image_uri = g_strdup_printf ("%s/img-featured.png", test_server_get_origin (http_server));
  curator_preview_set_card (preview, card);
  test_page_wait_painted (preview);
  remote = test_page_run_js (web_view, "String(document.querySelector('#curator-card img.featured'))");
  g_assert_cmpstr (remote, ==, "null");
  wait_until_quiet (web_view);
  assert_servers_untouched ("card");

  destroy_preview (preview);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autofree char *openssl = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  curator_test_log_init ();
  /* One end of a web process on WebKit's a11y-bus warning (docs/preview.md). */
  curator_test_tolerate_web_process_ends (1);
  markdown_body = g_strcmp0 (g_getenv ("CURATOR_TEST_BODY"), "markdown") == 0;

  /* A cache of our own, even outside the private session: the compiled
   * content filters go there, and the first test sees them compiled. */
  tmp_dir = curator_test_make_private_dir ("curator-preview-XXXXXX");

  /* WebKit's processes, started later, inherit these: each logs the host
   * names it looks up. */
  dns_log_path = g_build_filename (tmp_dir, "dns.log", NULL);
  g_setenv ("CURATOR_TEST_DNS_LOG", dns_log_path, TRUE);

  adw_init ();
  test_page_preload (DNS_LOG_PRELOAD);

  http_server = test_server_new (NULL);
  control_server = test_server_new (NULL);
  /* Without openssl the tests that use the https server record a skip
   * for it; any other failure to make its certificate is one. */
  openssl = g_find_program_in_path ("openssl");
  if (openssl != NULL)
    {
      certificate = test_server_create_certificate (tmp_dir, &error);
      g_assert_no_error (error);
      https_server = test_server_new (certificate);
    }

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 900, 700);
  gtk_window_present (window);

  g_test_add_func ("/preview/filter/compiled-once", test_filter_compiled_once);
  g_test_add_func ("/preview/security/control-unprotected-view", test_control_unprotected_view);
  g_test_add_func ("/preview/security/control-media", test_control_media);
  g_test_add_func ("/preview/security/adversarial-first-load", test_adversarial_first_load);
  g_test_add_func ("/preview/security/adversarial-update-in-place", test_adversarial_update_in_place);
  g_test_add_func ("/preview/security/api-script-network", test_api_script_network);
  g_test_add_func ("/preview/security/real-pointer-clicks", test_real_pointer_clicks);
  g_test_add_func ("/preview/security/remote-images", test_remote_images);
  g_test_add_func ("/preview/card", test_card);
  g_test_add_func ("/preview/coalescing", test_coalescing);
  g_test_add_func ("/preview/edits-in-pieces", test_edits_in_pieces);
  g_test_add_func ("/preview/body-stays-in-place", test_body_stays_in_place);
  g_test_add_func ("/preview/edit-inside-element", test_edit_inside_element);
  g_test_add_func ("/preview/hostile-bodies", test_hostile_bodies);

  status = g_test_run ();

  gtk_window_destroy (window);
  test_server_free (http_server);
  test_server_free (control_server);
  g_clear_pointer (&https_server, test_server_free);
  curator_test_remove_tree (tmp_dir);
  g_free (dns_log_path);

  return status;
}
