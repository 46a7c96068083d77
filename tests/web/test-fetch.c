/* SPDX-License-Identifier: GPL-3.0-or-later */
/* CuratorPageFetcher and CuratorWebImport against local HTTP and HTTPS
 * servers on 127.0.0.1 started here: pages in real sites' shapes, charsets
 * from the header, gzip, redirect chains (and one too many), 404, 500, a
 * page that never finishes (the time-out), oversized pages and images,
 * something that is not HTML, a certificate that is not trusted, a name
 * that does not resolve and a network that is down (a resolver installed
 * by the test: no query leaves the machine), cancellation and progress. */
#include "config.h"

#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "curator-web.h"

#include "curator-test-utils.h"
#include "test-server.h"

static TestServer *server;
static TestServer *tls_server;
static char *certificate_dir;
static char *workdir;
static GBytes *png_bytes;
static GBytes *gzip_page;
static GMutex user_agent_lock;
static char *last_user_agent;

/* A resolver that knows no name: ".test" names fail as if the name did not
 * exist, "offline.test" as if the network were down. */
typedef struct
{
  GResolver parent_instance;
} TestResolver;

typedef struct
{
  GResolverClass parent_class;
} TestResolverClass;

static GType test_resolver_get_type (void);
G_DEFINE_TYPE (TestResolver, test_resolver, G_TYPE_RESOLVER)

static GError *
resolver_error (const char *hostname)
{
  if (g_str_has_prefix (hostname, "offline."))
    return g_error_new (G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE, "Network is unreachable");
  return g_error_new (G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND, "Name %s not found", hostname);
}

static GList *
lookup_by_name (GResolver     *resolver,
                const char    *hostname,
                GCancellable  *cancellable,
                GError       **error)
{
  g_propagate_error (error, resolver_error (hostname));
  return NULL;
}

static void
lookup_by_name_async (GResolver           *resolver,
                      const char          *hostname,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (resolver, cancellable, callback, user_data);

  g_task_return_error (task, resolver_error (hostname));
}

static GList *
lookup_by_name_finish (GResolver     *resolver,
                       GAsyncResult  *result,
                       GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static GList *
lookup_by_name_with_flags (GResolver                 *resolver,
                           const char                *hostname,
                           GResolverNameLookupFlags   flags,
                           GCancellable              *cancellable,
                           GError                   **error)
{
  return lookup_by_name (resolver, hostname, cancellable, error);
}

static void
lookup_by_name_with_flags_async (GResolver                *resolver,
                                 const char               *hostname,
                                 GResolverNameLookupFlags  flags,
                                 GCancellable             *cancellable,
                                 GAsyncReadyCallback       callback,
                                 gpointer                  user_data)
{
  lookup_by_name_async (resolver, hostname, cancellable, callback, user_data);
}

static void
test_resolver_class_init (TestResolverClass *klass)
{
  GResolverClass *resolver_class = G_RESOLVER_CLASS (klass);

  resolver_class->lookup_by_name = lookup_by_name;
  resolver_class->lookup_by_name_async = lookup_by_name_async;
  resolver_class->lookup_by_name_finish = lookup_by_name_finish;
  resolver_class->lookup_by_name_with_flags = lookup_by_name_with_flags;
  resolver_class->lookup_by_name_with_flags_async = lookup_by_name_with_flags_async;
  resolver_class->lookup_by_name_with_flags_finish = lookup_by_name_finish;
}

static void
test_resolver_init (TestResolver *resolver)
{
}

/* The server */

static GBytes *
read_page (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "web", "pages", name, NULL);
  char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return NULL;
  return g_bytes_new_take (contents, length);
}

static void
respond_bytes (GOutputStream *output,
               guint          status,
               const char    *content_type,
               const char    *extra,
               GBytes        *bytes)
{
  test_server_respond (output, status, content_type, extra,
                       g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* Writes @total bytes of @fill without a Content-Length, stopping when
 * the client goes away. */
static void
stream_without_length (GOutputStream *output,
                       const char    *content_type,
                       gsize          total,
                       guint          delay_ms)
{
  g_autofree char *header = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: %s\r\nConnection: close\r\n\r\n",
                                             content_type);
  g_autofree char *chunk = g_malloc0 (64 * 1024);
  gsize sent = 0;

  memset (chunk, 'a', 64 * 1024);
  memcpy (chunk, "<!doctype html><p>", 18);
  if (!g_output_stream_write_all (output, header, strlen (header), NULL, NULL, NULL))
    return;
  while (sent < total)
    {
      gsize n = MIN (total - sent, delay_ms > 0 ? 1 : 64 * 1024);

      if (!g_output_stream_write_all (output, chunk, n, NULL, NULL, NULL) ||
          !g_output_stream_flush (output, NULL, NULL))
        return;
      sent += n;
      if (delay_ms > 0)
        g_usleep (delay_ms * 1000);
    }
}

static void
handler (TestServer              *test_server,
         const TestServerRequest *request,
         GOutputStream           *output,
         gpointer                 user_data)
{
  const char *path = request->path;
  g_autoptr(GBytes) page = NULL;

  g_mutex_lock (&user_agent_lock);
  g_free (last_user_agent);
  last_user_agent = g_strdup (g_hash_table_lookup (request->headers, "user-agent"));
  g_mutex_unlock (&user_agent_lock);

  if (g_str_has_prefix (path, "/page/") && (page = read_page (path + 6)) != NULL)
    {
      const char *type = "text/html";

      /* The charset from the header alone (the page's <meta> agrees). */
      if (g_str_has_suffix (path, "shift-jis.html"))
        type = "text/html; charset=Shift_JIS";
      else if (g_str_has_suffix (path, "latin1.html"))
        type = "text/html; charset=iso-8859-1";
      respond_bytes (output, 200, type, "Content-Language: en\r\n", page);
    }
  else if (strcmp (path, "/gzip/wordpress.html") == 0)
    respond_bytes (output, 200, "text/html; charset=utf-8", "Content-Encoding: gzip\r\n", gzip_page);
  else if (g_str_has_prefix (path, "/redirect/"))
    {
      int n = atoi (path + 10);
      g_autofree char *location = n > 0 ? g_strdup_printf ("Location: /redirect/%d\r\n", n - 1)
                                        : g_strdup ("Location: ../page/medium.html\r\n");

      test_server_respond (output, 302, "text/html", location, "", 0);
    }
  else if (strcmp (path, "/redirect-ftp") == 0)
    test_server_respond (output, 301, NULL, "Location: ftp://files.example/x\r\n", "", 0);
  else if (strcmp (path, "/gone") == 0)
    test_server_respond (output, 410, "text/html", NULL, "gone", 4);
  else if (strcmp (path, "/error") == 0)
    test_server_respond (output, 500, "text/html", NULL, "oops", 4);
  else if (strcmp (path, "/slow") == 0)
    stream_without_length (output, "text/html", 1000, 100);
  else if (strcmp (path, "/oversized-declared") == 0)
    {
      const char *header = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 11534336\r\nConnection: close\r\n\r\n<html>";

      g_output_stream_write_all (output, header, strlen (header), NULL, NULL, NULL);
    }
  else if (strcmp (path, "/oversized-stream") == 0)
    stream_without_length (output, "text/html", 11 * 1024 * 1024, 0);
  else if (strcmp (path, "/image-big") == 0)
    stream_without_length (output, "image/jpeg", 21 * 1024 * 1024, 0);
  else if (strcmp (path, "/pdf") == 0)
    test_server_respond (output, 200, "application/pdf", NULL, "%PDF-1.4\n", 9);
  else if (strcmp (path, "/octet-png") == 0)
    respond_bytes (output, 200, "application/octet-stream", NULL, png_bytes);
  else if (strcmp (path, "/octet-html") == 0)
    test_server_respond (output, 200, "application/octet-stream", NULL,
                         "<!DOCTYPE html><title>Sniffed</title>", 37);
  else if (strcmp (path, "/image.png") == 0 || strcmp (path, "/image-untyped") == 0)
    respond_bytes (output, 200, strcmp (path, "/image.png") == 0 ? "image/png" : NULL, NULL, png_bytes);
  else if (strcmp (path, "/image-html") == 0)
    test_server_respond (output, 200, "text/html", NULL, "<html>", 6);
  else if (strcmp (path, "/article-with-image") == 0 || strcmp (path, "/article-with-slow-image") == 0)
    {
      g_autofree char *html = g_strdup_printf ("<!doctype html><html lang=en><head><title>Local Story | Local Site</title>"
                                               "<meta property=og:site_name content=\"Local Site\">"
                                               "<meta property=og:image content=\"%s\">"
                                               "<meta name=description content=\"A story served by the test.\">"
                                               "</head><body><article><p>A story served by the test, "
                                               "long enough to be a paragraph of its own.</p></article></body></html>",
                                               strcmp (path, "/article-with-image") == 0 ? "/image.png" : "/slow-image");

      test_server_respond (output, 200, "text/html", NULL, html, strlen (html));
    }
  else if (strcmp (path, "/slow-image") == 0)
    stream_without_length (output, "image/png", 1000, 100);
  else
    test_server_respond (output, 404, "text/html", NULL, "not found", 9);
}

/* Fetching */

typedef struct
{
  CuratorFetchResult *result;
  GError             *error;
  gboolean            done;
  GArray             *progress;   /* goffset pairs */
  GCancellable       *cancel_on_progress;
} Fetch;

static void
fetch_progress_cb (goffset  current,
                   goffset  total,
                   gpointer user_data)
{
  Fetch *fetch = user_data;

  g_array_append_val (fetch->progress, current);
  g_array_append_val (fetch->progress, total);
  if (fetch->cancel_on_progress != NULL && current > 0)
    g_cancellable_cancel (fetch->cancel_on_progress);
}

static void
fetch_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Fetch *fetch = user_data;

  fetch->result = curator_page_fetcher_fetch_finish (CURATOR_PAGE_FETCHER (object), result, &fetch->error);
  fetch->done = TRUE;
}

static gboolean
fetch_done (gpointer data)
{
  return ((Fetch *) data)->done;
}

static void
fetch_clear (Fetch *fetch)
{
  g_clear_object (&fetch->result);
  g_clear_error (&fetch->error);
  g_clear_pointer (&fetch->progress, g_array_unref);
}

static void
run_fetch (CuratorPageFetcher *fetcher,
           const char         *url,
           CuratorFetchKind    kind,
           GCancellable       *cancellable,
           Fetch              *fetch)
{
  memset (fetch, 0, sizeof *fetch);
  fetch->progress = g_array_new (FALSE, FALSE, sizeof (goffset));
  fetch->cancel_on_progress = cancellable;
  curator_page_fetcher_fetch_async (fetcher, url, kind, cancellable, fetch_progress_cb, fetch, fetch_cb, fetch);
  curator_test_wait_for (fetch_done, fetch, url);
}

static char *
local_url (const char *path)
{
  return g_strconcat (test_server_get_origin (server), path, NULL);
}

static void
assert_fetch_error (const char       *path,
                    CuratorFetchKind  kind,
                    int               code,
                    const char       *words)
{
  g_autoptr(CuratorPageFetcher) fetcher = curator_page_fetcher_new ();
  g_autofree char *url = g_str_has_prefix (path, "/") ? local_url (path) : g_strdup (path);
  Fetch fetch;

  /* Generous: these fail fast, unless the machine is slow (the sanitizer
   * build's slow unwinding). */
  curator_page_fetcher_set_timeout (fetcher, 30);
  run_fetch (fetcher, url, kind, NULL, &fetch);
  g_test_message ("%s: %s", url, fetch.error != NULL ? fetch.error->message : "no error");
  g_assert_null (fetch.result);
  g_assert_error (fetch.error, CURATOR_WEB_ERROR, code);
  g_assert_nonnull (strstr (fetch.error->message, words));
  fetch_clear (&fetch);
}

static void
test_page_and_headers (void)
{
  g_autoptr(CuratorPageFetcher) fetcher = curator_page_fetcher_new ();
  g_autofree char *url = local_url ("/page/wordpress.html");
  g_autoptr(GBytes) expected = read_page ("wordpress.html");
  Fetch fetch;
  goffset last = -1;

  run_fetch (fetcher, url, CURATOR_FETCH_PAGE, NULL, &fetch);
  g_assert_no_error (fetch.error);
  g_assert_true (g_bytes_equal (curator_fetch_result_get_bytes (fetch.result), expected));
  g_assert_cmpstr (curator_fetch_result_get_url (fetch.result), ==, url);
  g_assert_cmpstr (curator_fetch_result_get_content_type (fetch.result), ==, "text/html");
  g_assert_cmpstr (curator_fetch_result_get_content_language (fetch.result), ==, "en");

  /* The User-Agent names Curator. */
  g_mutex_lock (&user_agent_lock);
  g_assert_nonnull (strstr (last_user_agent, "Curator/"));
  g_mutex_unlock (&user_agent_lock);

  /* Progress rises to the whole size, which the server gave. */
  g_assert_cmpuint (fetch.progress->len, >=, 4);
  for (guint i = 0; i < fetch.progress->len; i += 2)
    {
      goffset current = g_array_index (fetch.progress, goffset, i);

      g_assert_cmpint (current, >=, last);
      g_assert_cmpint (g_array_index (fetch.progress, goffset, i + 1), ==, g_bytes_get_size (expected));
      last = current;
    }
  g_assert_cmpint (last, ==, g_bytes_get_size (expected));
  fetch_clear (&fetch);
}

static void
test_charsets_from_header (void)
{
  const char *pages[] = { "shift-jis", "latin1" };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autoptr(CuratorPageFetcher) fetcher = curator_page_fetcher_new ();
      g_autofree char *path = g_strdup_printf ("/page/%s.html", pages[i]);
      g_autofree char *url = local_url (path);
      g_autofree char *json_name = g_strdup_printf ("%s.json", pages[i]);
      g_autoptr(GBytes) json = read_page (json_name);
      g_autoptr(CuratorPageFacts) facts = NULL;
      g_autofree char *html = NULL;
      const char *charset;
      GBytes *bytes;
      Fetch fetch;
      gsize length;

      run_fetch (fetcher, url, CURATOR_FETCH_PAGE, NULL, &fetch);
      g_assert_no_error (fetch.error);
      bytes = curator_fetch_result_get_bytes (fetch.result);
      html = curator_charset_decode_html (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                          curator_fetch_result_get_content_type (fetch.result),
                                          &charset, &length);
      g_assert_cmpstr (charset, ==, i == 0 ? "CP932" : "WINDOWS-1252");
      facts = curator_page_facts_new_from_html (html, length, url);
      /* The same title and site as read from the file. */
      g_assert_nonnull (strstr (g_bytes_get_data (json, NULL), curator_page_facts_get (facts, CURATOR_PAGE_FACT_TITLE)));
      g_assert_nonnull (strstr (g_bytes_get_data (json, NULL), curator_page_facts_get (facts, CURATOR_PAGE_FACT_SITE)));
      fetch_clear (&fetch);
    }
}

static void
test_gzip (void)
{
  g_autoptr(CuratorPageFetcher) fetcher = curator_page_fetcher_new ();
  g_autofree char *url = local_url ("/gzip/wordpress.html");
  g_autoptr(GBytes) expected = read_page ("wordpress.html");
  Fetch fetch;

  g_assert_cmpuint (g_bytes_get_size (gzip_page), <, g_bytes_get_size (expected) / 2);
  run_fetch (fetcher, url, CURATOR_FETCH_PAGE, NULL, &fetch);
  g_assert_no_error (fetch.error);
  g_assert_true (g_bytes_equal (curator_fetch_result_get_bytes (fetch.result), expected));
  fetch_clear (&fetch);
}

static void
test_redirects (void)
{
  g_autoptr(CuratorPageFetcher) fetcher = curator_page_fetcher_new ();
  g_autofree char *url = local_url ("/redirect/4");
  g_autofree char *final = local_url ("/page/medium.html");
  Fetch fetch;

  /* Five redirects, the last one relative: followed. */
  test_server_reset (server);
  run_fetch (fetcher, url, CURATOR_FETCH_PAGE, NULL, &fetch);
  g_assert_no_error (fetch.error);
  g_assert_cmpstr (curator_fetch_result_get_url (fetch.result), ==, final);
  g_assert_cmpuint (test_server_get_requests (server), ==, 6);
  fetch_clear (&fetch);

  /* Six: refused, and nothing more is asked for. */
  test_server_reset (server);
  assert_fetch_error ("/redirect/5", CURATOR_FETCH_PAGE, CURATOR_WEB_ERROR_TOO_MANY_REDIRECTS, "redirects more than 5");
  g_assert_cmpuint (test_server_get_requests (server), ==, 6);

  assert_fetch_error ("/redirect-ftp", CURATOR_FETCH_PAGE, CURATOR_WEB_ERROR_INVALID_URL, "not a web address");
}

/* The fetch runs on the fetcher's own thread: a caller whose main loop is
 * busy (the import dialog being built) does not hold the page back. Its
 * progress and result come in the caller's context, in order. */
static void
test_busy_caller (void)
{
  g_autoptr(CuratorPageFetcher) fetcher = curator_page_fetcher_new ();
  g_autofree char *url = local_url ("/redirect/4");
  g_autoptr(GBytes) expected = read_page ("medium.html");
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  Fetch fetch = { 0 };

  test_server_reset (server);
  fetch.progress = g_array_new (FALSE, FALSE, sizeof (goffset));
  curator_page_fetcher_fetch_async (fetcher, url, CURATOR_FETCH_PAGE, NULL, fetch_progress_cb, &fetch, fetch_cb, &fetch);

  /* The whole redirect chain is followed while this thread never
   * returns to its main loop. */
  while (test_server_get_requests (server) < 6 && g_get_monotonic_time () < deadline)
    g_usleep (1000);
  g_assert_cmpuint (test_server_get_requests (server), ==, 6);
  g_assert_false (fetch.done);
  g_assert_cmpuint (fetch.progress->len, ==, 0);

  curator_test_wait_for (fetch_done, &fetch, url);
  g_assert_no_error (fetch.error);
  g_assert_true (g_bytes_equal (curator_fetch_result_get_bytes (fetch.result), expected));
  /* Every progress report came before the result, the last one whole. */
  g_assert_cmpuint (fetch.progress->len, >=, 4);
  g_assert_cmpint (g_array_index (fetch.progress, goffset, fetch.progress->len - 2), ==, g_bytes_get_size (expected));
  fetch_clear (&fetch);
}

typedef struct
{
  CuratorPageFetcher *fetcher;
  const char         *url;
  GThread            *thread;   /* the one that fetches */
  gboolean            progress_elsewhere;
  goffset             last_progress;
  GError             *error;
} ThreadFetch;

static void
thread_progress_cb (goffset  current,
                    goffset  total,
                    gpointer user_data)
{
  ThreadFetch *fetch = user_data;

  if (g_thread_self () != fetch->thread)
    fetch->progress_elsewhere = TRUE;
  fetch->last_progress = current;
}

static gpointer
fetch_thread (gpointer data)
{
  ThreadFetch *fetch = data;

  /* Set here, before any progress can come: not racing the caller. */
  fetch->thread = g_thread_self ();
  return curator_page_fetcher_fetch (fetch->fetcher, fetch->url, CURATOR_FETCH_PAGE, NULL,
                                     thread_progress_cb, fetch, &fetch->error);
}

/* An import's worker waits for its page: the fetch runs to its end in
 * that thread, its progress reported there, and returns only once the
 * fetch has let go of everything (the caller holds the fetcher's last
 * reference again). */
static void
test_wait_in_thread (void)
{
  CuratorPageFetcher *fetcher = curator_page_fetcher_new ();
  g_autofree char *url = local_url ("/page/wordpress.html");
  g_autoptr(GBytes) expected = read_page ("wordpress.html");
  g_autoptr(CuratorFetchResult) result = NULL;
  ThreadFetch fetch = { fetcher, url, NULL, FALSE, -1, NULL };

  result = g_thread_join (g_thread_new ("test-fetch-wait", fetch_thread, &fetch));
  g_assert_no_error (fetch.error);
  g_assert_nonnull (result);
  g_assert_true (g_bytes_equal (curator_fetch_result_get_bytes (result), expected));
  g_assert_false (fetch.progress_elsewhere);
  g_assert_cmpint (fetch.last_progress, ==, g_bytes_get_size (expected));
  g_assert_finalize_object (fetcher);
}

static void
test_http_errors (void)
{
  assert_fetch_error ("/missing", CURATOR_FETCH_PAGE, CURATOR_WEB_ERROR_NOT_FOUND, "There is no page at");
  assert_fetch_error ("/gone", CURATOR_FETCH_PAGE, CURATOR_WEB_ERROR_NOT_FOUND, "410");
  assert_fetch_error ("/error", CURATOR_FETCH_PAGE, CURATOR_WEB_ERROR_HTTP, "500");
}

static void
test_time_out (void)
{
  g_autoptr(CuratorPageFetcher) fetcher = curator_page_fetcher_new ();
  g_autofree char *url = local_url ("/slow");
  gint64 start = g_get_monotonic_time ();
  Fetch fetch;

  curator_page_fetcher_set_timeout (fetcher, 1);
  run_fetch (fetcher, url, CURATOR_FETCH_PAGE, NULL, &fetch);
  g_assert_error (fetch.error, CURATOR_WEB_ERROR, CURATOR_WEB_ERROR_TIMED_OUT);
  g_assert_nonnull (strstr (fetch.error->message, "did not answer within 1 seconds"));
  /* The server kept sending bytes: the time-out is on the whole fetch. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
  fetch_clear (&fetch);
}

static void
test_cancel (void)
{
  g_autoptr(CuratorPageFetcher) fetcher = curator_page_fetcher_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *url = local_url ("/slow");
  Fetch fetch;

  run_fetch (fetcher, url, CURATOR_FETCH_PAGE, cancellable, &fetch);
  g_assert_error (fetch.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (fetch.progress->len, >, 0);
  fetch_clear (&fetch);
}

static void
test_too_large (void)
{
  assert_fetch_error ("/oversized-declared", CURATOR_FETCH_PAGE, CURATOR_WEB_ERROR_TOO_LARGE, "is larger than 10.5");
  assert_fetch_error ("/oversized-stream", CURATOR_FETCH_PAGE, CURATOR_WEB_ERROR_TOO_LARGE, "is larger than 10.5");
  assert_fetch_error ("/image-big", CURATOR_FETCH_IMAGE, CURATOR_WEB_ERROR_TOO_LARGE, "is larger than 21.0");
}

static void
test_not_html (void)
{
  g_autoptr(CuratorPageFetcher) fetcher = curator_page_fetcher_new ();
  g_autofree char *url = local_url ("/octet-html");
  Fetch fetch;

  assert_fetch_error ("/pdf", CURATOR_FETCH_PAGE, CURATOR_WEB_ERROR_NOT_HTML, "is not a web page: the server sends application/pdf");
  assert_fetch_error ("/image.png", CURATOR_FETCH_PAGE, CURATOR_WEB_ERROR_NOT_HTML, "is an image (image/png)");
  assert_fetch_error ("/octet-png", CURATOR_FETCH_PAGE, CURATOR_WEB_ERROR_NOT_HTML, "not a web page");
  assert_fetch_error ("/image-html", CURATOR_FETCH_IMAGE, CURATOR_WEB_ERROR_NOT_IMAGE, "not an image");

  /* A vague type with HTML inside is a page. */
  run_fetch (fetcher, url, CURATOR_FETCH_PAGE, NULL, &fetch);
  g_assert_no_error (fetch.error);
  fetch_clear (&fetch);
}

static void
test_network_failures (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autofree char *refused = NULL;

  assert_fetch_error ("https://unresolvable.test/page", CURATOR_FETCH_PAGE, CURATOR_WEB_ERROR_DNS, "could not be found");
  assert_fetch_error ("https://offline.test/page", CURATOR_FETCH_PAGE, CURATOR_WEB_ERROR_OFFLINE, "offline");

  /* A port nobody listens on: bound, then closed. */
  g_socket_listener_add_address (listener, address, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                 NULL, &effective, NULL);
  refused = g_strdup_printf ("http://127.0.0.1:%u/", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective)));
  g_socket_listener_close (listener);
  assert_fetch_error (refused, CURATOR_FETCH_PAGE, CURATOR_WEB_ERROR_CONNECTION, "refused");

  assert_fetch_error ("file:///etc/passwd", CURATOR_FETCH_PAGE, CURATOR_WEB_ERROR_INVALID_URL, "not a web address");
  assert_fetch_error ("ftp://files.example/x", CURATOR_FETCH_PAGE, CURATOR_WEB_ERROR_INVALID_URL, "not a web address");
  assert_fetch_error ("not an address", CURATOR_FETCH_PAGE, CURATOR_WEB_ERROR_INVALID_URL, "not a web address");
}

static void
test_tls (void)
{
  g_autofree char *url = NULL;
  g_autofree char *cert_path = NULL;
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(CuratorPageFetcher) fetcher = curator_page_fetcher_new ();
  g_autoptr(GError) error = NULL;
  Fetch fetch;

  if (tls_server == NULL)
    {
      curator_test_skip_missing ("openssl", "the HTTPS server needs a certificate made with openssl");
      return;
    }
  url = g_strconcat (test_server_get_origin (tls_server), "/page/medium.html", NULL);

  /* A self-signed certificate is not trusted. */
  assert_fetch_error (url, CURATOR_FETCH_PAGE, CURATOR_WEB_ERROR_TLS, "could not be trusted");

  /* Trusted, the page comes. */
  cert_path = g_build_filename (certificate_dir, "cert.pem", NULL);
  database = g_tls_file_database_new (cert_path, &error);
  g_assert_no_error (error);
  curator_page_fetcher_set_tls_database (fetcher, database);
  run_fetch (fetcher, url, CURATOR_FETCH_PAGE, NULL, &fetch);
  g_assert_no_error (fetch.error);
  g_assert_cmpuint (g_bytes_get_size (curator_fetch_result_get_bytes (fetch.result)), >, 1000);
  fetch_clear (&fetch);
}

static void
test_image (void)
{
  g_autoptr(CuratorPageFetcher) fetcher = curator_page_fetcher_new ();
  g_autofree char *url = local_url ("/image-untyped");
  g_autoptr(CuratorImageInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) not_image = g_bytes_new_static ("<html>not an image</html>", 25);
  Fetch fetch;

  /* No Content-Type: the content says what it is. */
  run_fetch (fetcher, url, CURATOR_FETCH_IMAGE, NULL, &fetch);
  g_assert_no_error (fetch.error);
  info = curator_image_info_new_from_bytes (curator_fetch_result_get_bytes (fetch.result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->format, ==, "png");
  g_assert_cmpstr (info->mime_type, ==, "image/png");
  g_assert_cmpint (info->width, ==, 64);
  g_assert_cmpint (info->height, ==, 36);
  fetch_clear (&fetch);

  g_assert_null (curator_image_info_new_from_bytes (not_image, &error));
  g_assert_error (error, CURATOR_WEB_ERROR, CURATOR_WEB_ERROR_NOT_IMAGE);
}

/* The whole import */

static gboolean
import_done (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static void
import_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
progress_notify_cb (GObject    *object,
                    GParamSpec *pspec,
                    GArray     *values)
{
  double progress = curator_web_import_get_progress (CURATOR_WEB_IMPORT (object));

  g_array_append_val (values, progress);
}

/* A folder with two siblings that name their image after themselves. */
static char *
make_sibling_folder (const char *name)
{
  g_autofree char *dir = g_build_filename (workdir, name, NULL);
  const char *siblings[] = {
    "---\ntitle: First story\nlink: https://a.example/first\nimage:\n  href: first-cover.jpeg\n  format: JPEG\n  size:\n  - 800\n  - 600\ndraft: false\n---\n\n<p>First.</p>\n",
    "---\ntitle: Second story\nlink: https://a.example/second\nimage:\n  href: second-cover.png\n  format: PNG\n  size:\n  - 640\n  - 480\ndraft: false\n---\n\n<p>Second.</p>\n",
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
test_import (void)
{
  g_autofree char *dir = make_sibling_folder ("import");
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(CuratorWebImport) import = curator_web_import_new (folder);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GArray) progress = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  g_autofree char *url = local_url ("/article-with-image");
  g_autofree char *path = NULL;
  g_autofree char *image_path = NULL;
  g_autofree char *contents = NULL;
  CuratorDocument *document;

  curator_web_import_set_url (import, url);
  g_signal_connect (import, "notify::progress", G_CALLBACK (progress_notify_cb), progress);
  curator_web_import_run_async (import, NULL, import_cb, &result);
  curator_test_wait_for (import_done, &result, "the import");
  g_assert_true (curator_web_import_run_finish (import, result, &error));
  g_assert_no_error (error);

  g_assert_null (curator_web_import_get_page_error (import));
  g_assert_cmpstr (curator_page_facts_get (curator_web_import_get_facts (import), CURATOR_PAGE_FACT_TITLE), ==, "Local Story");
  g_assert_cmpfloat (g_array_index (progress, double, progress->len - 1), ==, 1.0);
  for (guint i = 1; i < progress->len; i++)
    g_assert_cmpfloat (g_array_index (progress, double, i), >=, g_array_index (progress, double, i - 1));

  document = curator_web_import_get_document (import);
  path = g_file_get_path (curator_document_get_file (document));
  g_assert_true (g_str_has_suffix (path, "/local-story.md"));
  image_path = g_file_get_path (curator_web_import_get_image_file (import));
  /* Named as the siblings' images: the file name, "-cover", its type. */
  g_assert_true (g_str_has_suffix (image_path, "/local-story-cover.png"));
  g_assert_cmpstr (curator_node_get_value (curator_document_lookup (document, "image.href", NULL)), ==, "local-story-cover.png");
  g_assert_cmpstr (curator_node_get_value (curator_document_lookup (document, "image.format", NULL)), ==, "PNG");
  g_assert_cmpstr (curator_node_get_value (curator_document_lookup (document, "image.size[0]", NULL)), ==, "64");
  g_assert_cmpstr (curator_node_get_value (curator_document_lookup (document, "link", NULL)), ==, url);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  g_assert_true (curator_web_import_save (import, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "---\ntitle: Local Story\nlink: "));
  g_assert_true (g_file_test (image_path, G_FILE_TEST_IS_REGULAR));

  /* Saving again never overwrites. */
  g_assert_false (curator_web_import_save (import, NULL, &error));
  g_assert_error (error, CURATOR_WEB_ERROR, CURATOR_WEB_ERROR_EXISTS);
}

/* A page that cannot be fetched still gives a file, from what the drop
 * carried. */
static void
test_import_unreachable (void)
{
  g_autofree char *dir = make_sibling_folder ("unreachable");
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(CuratorWebImport) import = curator_web_import_new (folder);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = local_url ("/missing");
  CuratorDocument *document;

  curator_web_import_set_url (import, url);
  curator_web_import_set_title (import, "  The Dropped   Title ");
  g_assert_true (curator_web_import_run (import, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (curator_web_import_get_page_error (import), "There is no page at"));
  document = curator_web_import_get_document (import);
  g_assert_cmpstr (curator_node_get_value (curator_document_lookup (document, "title", NULL)), ==, "The Dropped Title");
  g_assert_cmpstr (curator_node_get_value (curator_document_lookup (document, "link", NULL)), ==, url);
  g_assert_null (curator_web_import_get_image_file (import));
}

/* The folder's files are read while the page is fetched: a folder that
 * cannot be read fails the run once, after the page has come, and no
 * file is made. */
static void
test_import_folder_fails (void)
{
  g_autofree char *path = g_build_filename (workdir, "not-a-folder.md", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (path);
  g_autoptr(CuratorWebImport) import = curator_web_import_new (folder);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = local_url ("/article-with-image");

  g_assert_true (g_file_set_contents (path, "---\ntitle: A file\n---\n", -1, NULL));
  curator_web_import_set_url (import, url);
  g_assert_false (curator_web_import_run (import, NULL, &error));
  g_assert_nonnull (error);
  g_assert_false (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  g_assert_null (curator_web_import_get_document (import));
  g_assert_null (curator_web_import_get_image_file (import));
}

/* Runs an import of @path into a new folder @name, cancels it once
 * @cancel_now holds (at once when NULL), and checks that it ended once,
 * cancelled, with no document. Returns the import. */
static CuratorWebImport *
run_cancelled_import (const char           *name,
                      const char           *path,
                      CuratorTestCondition  cancel_now)
{
  g_autofree char *dir = make_sibling_folder (name);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(CuratorWebImport) import = curator_web_import_new (folder);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = local_url (path);

  curator_web_import_set_url (import, url);
  curator_web_import_run_async (import, cancellable, import_cb, &result);
  if (cancel_now != NULL)
    {
      curator_test_wait_for (cancel_now, import, "the moment to cancel");
      g_assert_null (result);
    }
  g_cancellable_cancel (cancellable);
  curator_test_wait_for (import_done, &result, "the cancelled import");
  g_assert_false (curator_web_import_run_finish (import, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (curator_web_import_get_document (import));
  return g_steal_pointer (&import);
}

/* Cancelled while the page is fetched. */
static void
test_import_cancel (void)
{
  g_autoptr(CuratorWebImport) import = run_cancelled_import ("cancel", "/slow", NULL);

  g_assert_null (curator_web_import_get_facts (import));
}

static gboolean
fetching_image (gpointer data)
{
  return curator_web_import_get_progress (data) >= 0.7;
}

/* Cancelled while its image is fetched (the body is made beside it, and
 * may be done): the run ends once, cancelled, with no document. */
static void
test_import_cancel_image (void)
{
  g_autoptr(CuratorWebImport) import = run_cancelled_import ("cancel-image", "/article-with-slow-image", fetching_image);

  g_assert_cmpstr (curator_page_facts_get (curator_web_import_get_facts (import), CURATOR_PAGE_FACT_TITLE), ==, "Local Story");
}

static GBytes *
make_png (void)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 64, 36);
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  gsize size;

  gdk_pixbuf_fill (pixbuf, 0x3366ccff);
  gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", &error, NULL);
  g_assert_no_error (error);
  return g_bytes_new_take (buffer, size);
}

static GBytes *
gzip (GBytes *bytes)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) stream = g_converter_output_stream_new (memory, G_CONVERTER (compressor));

  g_assert_true (g_output_stream_write_all (stream, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                            NULL, NULL, NULL));
  g_assert_true (g_output_stream_close (stream, NULL, NULL));
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GResolver) resolver = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) page = NULL;
  gboolean tls_only = FALSE;
  int status;

  /* --tls: the HTTPS test alone (tests/web/meson.build says why it runs
   * on its own). */
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--tls"))
      {
        tls_only = TRUE;
        memmove (&argv[i], &argv[i + 1], sizeof (char *) * (argc - i));
        argc--;
        break;
      }

  /* No proxy: the servers are local. */
  g_unsetenv ("http_proxy");
  g_unsetenv ("https_proxy");
  g_unsetenv ("HTTP_PROXY");
  g_unsetenv ("HTTPS_PROXY");
  g_unsetenv ("all_proxy");
  g_unsetenv ("no_proxy");
  g_test_init (&argc, &argv, NULL);
  curator_test_log_init ();

  workdir = curator_test_make_private_dir ("curator-test-fetch-XXXXXX");
  resolver = g_object_new (test_resolver_get_type (), NULL);
  g_resolver_set_default (G_RESOLVER (resolver));

  png_bytes = make_png ();
  page = read_page ("wordpress.html");
  gzip_page = gzip (page);
  server = test_server_new_with_handler (NULL, handler, NULL);

  certificate_dir = g_build_filename (workdir, "tls", NULL);
  g_mkdir_with_parents (certificate_dir, 0700);
  certificate = test_server_create_certificate (certificate_dir, &error);
  if (certificate != NULL)
    tls_server = test_server_new_with_handler (certificate, handler, NULL);
  else
    g_test_message ("No HTTPS server: %s", error->message);

  if (tls_only)
    {
      g_test_add_func ("/web/fetch/tls", test_tls);
    }
  else
    {
      g_test_add_func ("/web/fetch/page-and-headers", test_page_and_headers);
      g_test_add_func ("/web/fetch/charsets-from-header", test_charsets_from_header);
      g_test_add_func ("/web/fetch/gzip", test_gzip);
      g_test_add_func ("/web/fetch/redirects", test_redirects);
      g_test_add_func ("/web/fetch/busy-caller", test_busy_caller);
      g_test_add_func ("/web/fetch/wait-in-thread", test_wait_in_thread);
      g_test_add_func ("/web/fetch/http-errors", test_http_errors);
      g_test_add_func ("/web/fetch/time-out", test_time_out);
      g_test_add_func ("/web/fetch/cancel", test_cancel);
      g_test_add_func ("/web/fetch/too-large", test_too_large);
      g_test_add_func ("/web/fetch/not-html", test_not_html);
      g_test_add_func ("/web/fetch/network-failures", test_network_failures);
      g_test_add_func ("/web/fetch/image", test_image);
      g_test_add_func ("/web/import/page-and-image", test_import);
      g_test_add_func ("/web/import/unreachable-page", test_import_unreachable);
      g_test_add_func ("/web/import/cancel", test_import_cancel);
      g_test_add_func ("/web/import/cancel-image", test_import_cancel_image);
      g_test_add_func ("/web/import/folder-fails", test_import_folder_fails);
    }

  status = g_test_run ();

  g_clear_pointer (&tls_server, test_server_free);
  g_clear_pointer (&server, test_server_free);
  g_clear_pointer (&png_bytes, g_bytes_unref);
  g_clear_pointer (&gzip_page, g_bytes_unref);
  curator_test_remove_tree (workdir);
  g_free (workdir);
  g_free (certificate_dir);
  g_free (last_user_agent);
  return status;
}
