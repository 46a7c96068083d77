/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-page-fetcher"

#include "config.h"

#include "curator-page-fetcher.h"

#include "curator-web-error.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#define READ_CHUNK (64 * 1024)

/* libsoup's I/O runs on a thread of the fetcher's own, with a main
 * context of its own: a busy main loop (a dialog being built and drawn)
 * would otherwise hold every chunk of the page back. Shared by the
 * fetcher and its thread, whichever lets go last frees it. */
typedef struct
{
  GMainContext *context;
  GMainLoop    *loop;
  char         *user_agent;
  SoupSession  *session;       /* the worker thread's only */
  GTlsDatabase *tls_database;  /* what the session has, in the worker */
  gboolean      tls_database_set;
} Worker;

struct _CuratorPageFetcher
{
  GObject       parent_instance;

  guint         timeout;
  char         *user_agent;
  GTlsDatabase *tls_database;
  gboolean      tls_database_set;

  Worker       *worker;
  GThread      *thread;
};

struct _CuratorFetchResult
{
  GObject  parent_instance;

  char    *url;
  char    *content_type;
  char    *content_language;
  GBytes  *bytes;
};

G_DEFINE_FINAL_TYPE (CuratorPageFetcher, curator_page_fetcher, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (CuratorFetchResult, curator_fetch_result, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TIMEOUT,
  PROP_USER_AGENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
curator_fetch_result_finalize (GObject *object)
{
  CuratorFetchResult *self = CURATOR_FETCH_RESULT (object);

  g_free (self->url);
  g_free (self->content_type);
  g_free (self->content_language);
  g_clear_pointer (&self->bytes, g_bytes_unref);

  G_OBJECT_CLASS (curator_fetch_result_parent_class)->finalize (object);
}

static void
curator_fetch_result_class_init (CuratorFetchResultClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = curator_fetch_result_finalize;
}

static void
curator_fetch_result_init (CuratorFetchResult *self)
{
}

const char *
curator_fetch_result_get_url (CuratorFetchResult *self)
{
  g_return_val_if_fail (CURATOR_IS_FETCH_RESULT (self), NULL);

  return self->url;
}

const char *
curator_fetch_result_get_content_type (CuratorFetchResult *self)
{
  g_return_val_if_fail (CURATOR_IS_FETCH_RESULT (self), NULL);

  return self->content_type;
}

const char *
curator_fetch_result_get_content_language (CuratorFetchResult *self)
{
  g_return_val_if_fail (CURATOR_IS_FETCH_RESULT (self), NULL);

  return self->content_language;
}

GBytes *
curator_fetch_result_get_bytes (CuratorFetchResult *self)
{
  g_return_val_if_fail (CURATOR_IS_FETCH_RESULT (self), NULL);

  return self->bytes;
}

/* The worker */

static void
worker_clear (Worker *worker)
{
  g_main_loop_unref (worker->loop);
  g_main_context_unref (worker->context);
  g_free (worker->user_agent);
}

static void
worker_unref (Worker *worker)
{
  g_atomic_rc_box_release_full (worker, (GDestroyNotify) worker_clear);
}

static gpointer
worker_main (gpointer data)
{
  Worker *worker = data;

  g_main_context_push_thread_default (worker->context);
  g_main_loop_run (worker->loop);
  /* The session goes in its own thread, and what its end schedules
   * (connections closed) runs before the thread ends. */
  g_clear_object (&worker->session);
  g_clear_object (&worker->tls_database);
  while (g_main_context_iteration (worker->context, FALSE))
    ;
  g_main_context_pop_thread_default (worker->context);
  worker_unref (worker);
  return NULL;
}

/* The worker, its thread started on first use. */
static Worker *
ensure_worker (CuratorPageFetcher *self)
{
  if (self->thread == NULL)
    {
      self->worker = g_atomic_rc_box_new0 (Worker);
      self->worker->context = g_main_context_new ();
      self->worker->loop = g_main_loop_new (self->worker->context, FALSE);
      self->worker->user_agent = g_strdup (self->user_agent);
      self->thread = g_thread_new ("curator-fetch", worker_main, g_atomic_rc_box_acquire (self->worker));
    }
  return self->worker;
}

/* Runs @func (@data) in @worker's thread. Not g_main_context_invoke(),
 * which would run it in this thread while the worker has not yet taken
 * its context. */
static void
worker_invoke (Worker      *worker,
               GSourceFunc  func,
               gpointer     data)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, NULL);
  g_source_set_static_name (source, "[curator] fetch");
  g_source_attach (source, worker->context);
}

static SoupSession *
worker_session (Worker *worker)
{
  if (worker->session == NULL)
    worker->session = soup_session_new_with_options ("user-agent", worker->user_agent,
                                                     "max-conns-per-host", 2,
                                                     NULL);
  return worker->session;
}

static void
curator_page_fetcher_finalize (GObject *object)
{
  CuratorPageFetcher *self = CURATOR_PAGE_FETCHER (object);

  if (self->thread != NULL)
    {
      g_main_loop_quit (self->worker->loop);
      /* Each fetch holds the fetcher until its task is released in
       * the caller's thread (release_task()): this is never the
       * worker, but should it be, the thread ends on its own. */
      if (g_thread_self () != self->thread)
        g_thread_join (self->thread);
      else
        g_thread_unref (self->thread);
      worker_unref (self->worker);
    }
  g_clear_object (&self->tls_database);
  g_free (self->user_agent);

  G_OBJECT_CLASS (curator_page_fetcher_parent_class)->finalize (object);
}

static void
curator_page_fetcher_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CuratorPageFetcher *self = CURATOR_PAGE_FETCHER (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    case PROP_USER_AGENT:
      g_value_set_string (value, self->user_agent);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
curator_page_fetcher_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CuratorPageFetcher *self = CURATOR_PAGE_FETCHER (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT:
      curator_page_fetcher_set_timeout (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
curator_page_fetcher_class_init (CuratorPageFetcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = curator_page_fetcher_finalize;
  object_class->get_property = curator_page_fetcher_get_property;
  object_class->set_property = curator_page_fetcher_set_property;

  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 1, 3600, CURATOR_FETCH_DEFAULT_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_USER_AGENT] =
    g_param_spec_string ("user-agent", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
curator_page_fetcher_init (CuratorPageFetcher *self)
{
  self->timeout = CURATOR_FETCH_DEFAULT_TIMEOUT;
  /* Sites answer "Mozilla/5.0 (compatible; ...)" agents as they answer
   * crawlers that say who they are. */
  self->user_agent = g_strdup ("Mozilla/5.0 (compatible; Curator/" PACKAGE_VERSION
                               "; +https://github.com/curator-editor/curator)");
  /* Made here, in the caller's thread and main context, whose loop keeps
   * it up to date: made first in the worker, it would watch the network
   * from a context that ends with the fetcher. */
  g_network_monitor_get_default ();
}

CuratorPageFetcher *
curator_page_fetcher_new (void)
{
  return g_object_new (CURATOR_TYPE_PAGE_FETCHER, NULL);
}

guint
curator_page_fetcher_get_timeout (CuratorPageFetcher *self)
{
  g_return_val_if_fail (CURATOR_IS_PAGE_FETCHER (self), 0);

  return self->timeout;
}

void
curator_page_fetcher_set_timeout (CuratorPageFetcher *self,
                                  guint               seconds)
{
  g_return_if_fail (CURATOR_IS_PAGE_FETCHER (self));
  g_return_if_fail (seconds > 0);

  if (self->timeout == seconds)
    return;
  self->timeout = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

void
curator_page_fetcher_set_tls_database (CuratorPageFetcher *self,
                                       GTlsDatabase       *database)
{
  g_return_if_fail (CURATOR_IS_PAGE_FETCHER (self));
  g_return_if_fail (database == NULL || G_IS_TLS_DATABASE (database));

  g_set_object (&self->tls_database, database);
  self->tls_database_set = TRUE;
}

const char *
curator_page_fetcher_get_user_agent (CuratorPageFetcher *self)
{
  g_return_val_if_fail (CURATOR_IS_PAGE_FETCHER (self), NULL);

  return self->user_agent;
}

/* One fetch */

/* What one fetch needs, handed to the worker thread; the progress and
 * the result go back to the caller's context (the task's). */
typedef struct
{
  Worker                *worker;
  guint                  timeout;
  GTlsDatabase          *tls_database;
  gboolean               tls_database_set;

  CuratorFetchKind       kind;
  GUri                  *uri;
  char                  *host;
  guint                  redirects;
  SoupMessage           *message;
  GInputStream          *stream;
  GByteArray            *data;
  goffset                total;
  gsize                  max_size;

  /* Cancelled by the caller's cancellable or by the time-out. */
  GCancellable          *cancellable;
  GCancellable          *caller_cancellable;
  gulong                 caller_handler;
  GSource               *timeout_source;
  gboolean               timed_out;

  GFileProgressCallback  progress;
  gpointer               progress_data;
} Fetch;

/* What belongs to the worker's context goes in the worker, before the
 * result is returned. */
static void
fetch_end_io (Fetch *fetch)
{
  if (fetch == NULL)
    return;
  if (fetch->timeout_source != NULL)
    {
      g_source_destroy (fetch->timeout_source);
      g_clear_pointer (&fetch->timeout_source, g_source_unref);
    }
  g_clear_object (&fetch->message);
  g_clear_object (&fetch->stream);
}

static void
fetch_free (Fetch *fetch)
{
  fetch_end_io (fetch);
  if (fetch->caller_cancellable != NULL)
    {
      g_cancellable_disconnect (fetch->caller_cancellable, fetch->caller_handler);
      g_object_unref (fetch->caller_cancellable);
    }
  g_clear_object (&fetch->cancellable);
  g_clear_pointer (&fetch->uri, g_uri_unref);
  g_free (fetch->host);
  g_clear_pointer (&fetch->data, g_byte_array_unref);
  g_clear_object (&fetch->tls_database);
  g_clear_pointer (&fetch->worker, worker_unref);
  g_free (fetch);
}

typedef struct
{
  GTask   *task;
  goffset  current;
  goffset  total;
} Progress;

static void
progress_free (Progress *progress)
{
  g_object_unref (progress->task);
  g_free (progress);
}

static gboolean
progress_cb (gpointer data)
{
  Progress *progress = data;
  Fetch *fetch = g_task_get_task_data (progress->task);

  if (!g_task_get_completed (progress->task))
    fetch->progress (progress->current, progress->total, fetch->progress_data);
  return G_SOURCE_REMOVE;
}

/* Calls the caller's progress callback in its context, in order, each
 * before the result. */
static void
report_progress (GTask   *task,
                 goffset  current,
                 goffset  total)
{
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr(GSource) source = NULL;
  Progress *progress;

  if (fetch->progress == NULL)
    return;
  progress = g_new (Progress, 1);
  progress->task = g_object_ref (task);
  progress->current = current;
  progress->total = total;
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, progress_cb, progress, (GDestroyNotify) progress_free);
  g_source_set_static_name (source, "[curator] fetch progress");
  g_source_attach (source, g_task_get_context (task));
}

static void send_message (GTask *task);

static gboolean
timeout_cb (gpointer user_data)
{
  Fetch *fetch = user_data;

  fetch->timed_out = TRUE;
  g_cancellable_cancel (fetch->cancellable);
  return G_SOURCE_REMOVE;
}

static void
caller_cancelled_cb (GCancellable *caller,
                     GCancellable *cancellable)
{
  g_cancellable_cancel (cancellable);
}

static gboolean
is_web_uri (GUri *uri)
{
  const char *scheme = g_uri_get_scheme (uri);

  return scheme != NULL &&
         (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0) &&
         g_uri_get_host (uri) != NULL && g_uri_get_host (uri)[0] != '\0';
}

static gboolean
release_cb (gpointer data)
{
  return G_SOURCE_REMOVE;
}

/* Drops the fetch's own reference to @task, once its result is returned,
 * in the caller's context. Dropped in the worker, it could be the last
 * one (the caller may be done with the result already), and the task
 * would finalize there what it holds: the fetcher, the caller's
 * cancellable and whatever their last references keep. */
static void
release_task (GTask *task)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, release_cb, task, g_object_unref);
  g_source_set_static_name (source, "[curator] fetch release");
  g_source_attach (source, g_task_get_context (task));
}

static void
fail (GTask  *task,
      GError *error)
{
  fetch_end_io (g_task_get_task_data (task));
  g_task_return_error (task, error);
  release_task (task);
}

/* Words a transport error for the curator. */
static GError *
transport_error (Fetch        *fetch,
                 const GError *error)
{
  /* Made in the caller's thread (curator_page_fetcher_init). */
  GNetworkMonitor *monitor = g_network_monitor_get_default ();
  gboolean offline = !g_network_monitor_get_network_available (monitor);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (fetch->timed_out)
        return NULL;
      return g_error_copy (error);
    }

  if (error->domain == G_RESOLVER_ERROR ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE))
    {
      if (offline || error->domain != G_RESOLVER_ERROR)
        return g_error_new (CURATOR_WEB_ERROR, CURATOR_WEB_ERROR_OFFLINE,
                            _("Could not reach %s: the computer seems to be offline"),
                            fetch->host);
      return g_error_new (CURATOR_WEB_ERROR, CURATOR_WEB_ERROR_DNS,
                          _("The site %s could not be found: its name does not resolve. "
                            "Check the address."),
                          fetch->host);
    }

  if (error->domain == G_TLS_ERROR)
    return g_error_new (CURATOR_WEB_ERROR, CURATOR_WEB_ERROR_TLS,
                        _("The secure connection to %s could not be trusted: %s"),
                        fetch->host, error->message);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    return g_error_new (CURATOR_WEB_ERROR, CURATOR_WEB_ERROR_CONNECTION,
                        _("%s refused the connection"), fetch->host);

  return g_error_new (CURATOR_WEB_ERROR, CURATOR_WEB_ERROR_CONNECTION,
                      _("The connection to %s failed: %s"), fetch->host, error->message);
}

static void
fail_transport (GTask        *task,
                const GError *error)
{
  Fetch *fetch = g_task_get_task_data (task);
  GError *worded = transport_error (fetch, error);

  /* NULL: the time-out ended the fetch. */
  if (worded == NULL)
    worded = g_error_new (CURATOR_WEB_ERROR, CURATOR_WEB_ERROR_TIMED_OUT,
                          _("%s did not answer within %u seconds"), fetch->host, fetch->timeout);
  fail (task, worded);
}

/* Sniffs what the bytes are when the server did not say. */
static gboolean
looks_like_html (const guint8 *data,
                 gsize         length)
{
  static const char * const openings[] = {
    "<!doctype html", "<html", "<head", "<body", "<!--", "<meta", "<title", "<script", "<div",
    "<p", "<h1", "<br", "<table", "<a ", "<iframe", "<style", "<b>", "<font",
  };
  const guint8 *p = data;
  const guint8 *end = data + MIN (length, 1024);

  if (end - p >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  while (p < end && g_ascii_isspace (*p))
    p++;
  for (guint i = 0; i < G_N_ELEMENTS (openings); i++)
    {
      gsize n = strlen (openings[i]);

      if ((gsize) (end - p) >= n && g_ascii_strncasecmp ((const char *) p, openings[i], n) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_html_type (const char *mime_type)
{
  return g_ascii_strcasecmp (mime_type, "text/html") == 0 ||
         g_ascii_strcasecmp (mime_type, "application/xhtml+xml") == 0;
}

/* Types that may be anything: the bytes decide. */
static gboolean
is_vague_type (const char *mime_type)
{
  return mime_type == NULL ||
         g_ascii_strcasecmp (mime_type, "text/plain") == 0 ||
         g_ascii_strcasecmp (mime_type, "application/octet-stream") == 0 ||
         g_ascii_strcasecmp (mime_type, "binary/octet-stream") == 0 ||
         g_ascii_strcasecmp (mime_type, "application/unknown") == 0;
}

static GError *
not_html_error (Fetch      *fetch,
                const char *mime_type)
{
  g_autofree char *url = g_uri_to_string_partial (fetch->uri, G_URI_HIDE_PASSWORD);

  if (g_str_has_prefix (mime_type, "image/"))
    return g_error_new (CURATOR_WEB_ERROR, CURATOR_WEB_ERROR_NOT_HTML,
                        _("%s is an image (%s), not a web page"), url, mime_type);
  return g_error_new (CURATOR_WEB_ERROR, CURATOR_WEB_ERROR_NOT_HTML,
                      _("%s is not a web page: the server sends %s"), url, mime_type);
}

static GError *
too_large_error (Fetch *fetch)
{
  g_autofree char *size = g_format_size (fetch->max_size);
  g_autofree char *url = g_uri_to_string_partial (fetch->uri, G_URI_HIDE_PASSWORD);

  if (fetch->kind == CURATOR_FETCH_IMAGE)
    return g_error_new (CURATOR_WEB_ERROR, CURATOR_WEB_ERROR_TOO_LARGE,
                        _("The image at %s is larger than %s"), url, size);
  return g_error_new (CURATOR_WEB_ERROR, CURATOR_WEB_ERROR_TOO_LARGE,
                      _("The page at %s is larger than %s"), url, size);
}

static void
finish_fetch (GTask *task)
{
  Fetch *fetch = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (fetch->message);
  const char *mime_type = soup_message_headers_get_content_type (headers, NULL);
  g_autoptr(CuratorFetchResult) result = g_object_new (CURATOR_TYPE_FETCH_RESULT, NULL);

  if (fetch->kind == CURATOR_FETCH_PAGE && is_vague_type (mime_type) &&
      !looks_like_html (fetch->data->data, fetch->data->len))
    {
      fail (task, not_html_error (fetch, mime_type != NULL ? mime_type : "application/octet-stream"));
      return;
    }

  result->url = g_uri_to_string (fetch->uri);
  result->content_type = g_strdup (soup_message_headers_get_one (headers, "Content-Type"));
  result->content_language = g_strdup (soup_message_headers_get_one (headers, "Content-Language"));
  result->bytes = g_byte_array_free_to_bytes (g_steal_pointer (&fetch->data));

  fetch_end_io (fetch);
  g_task_return_pointer (task, g_steal_pointer (&result), g_object_unref);
  release_task (task);
}

static void
read_cb (GObject      *object,
         GAsyncResult *async_result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), async_result, &error);

  if (chunk == NULL)
    {
      fail_transport (task, error);
      return;
    }

  if (g_bytes_get_size (chunk) == 0)
    {
      finish_fetch (task);
      return;
    }

  if (fetch->data->len + g_bytes_get_size (chunk) > fetch->max_size)
    {
      fail (task, too_large_error (fetch));
      return;
    }
  g_byte_array_append (fetch->data, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  report_progress (task, fetch->data->len, fetch->total);

  g_input_stream_read_bytes_async (fetch->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   fetch->cancellable, read_cb, task);
}

static void
send_cb (GObject      *object,
         GAsyncResult *async_result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = soup_session_send_finish (SOUP_SESSION (object), async_result, &error);
  SoupMessageHeaders *headers;
  SoupStatus status;
  const char *mime_type;
  g_autofree char *url = NULL;

  if (stream == NULL)
    {
      fail_transport (task, error);
      return;
    }

  status = soup_message_get_status (fetch->message);
  headers = soup_message_get_response_headers (fetch->message);
  url = g_uri_to_string_partial (fetch->uri, G_URI_HIDE_PASSWORD);

  if (SOUP_STATUS_IS_REDIRECTION (status) && soup_message_headers_get_one (headers, "Location") != NULL)
    {
      const char *location = soup_message_headers_get_one (headers, "Location");
      g_autoptr(GUri) next = g_uri_parse_relative (fetch->uri, location, G_URI_FLAGS_ENCODED, NULL);

      if (++fetch->redirects > CURATOR_FETCH_MAX_REDIRECTS)
        {
          fail (task, g_error_new (CURATOR_WEB_ERROR, CURATOR_WEB_ERROR_TOO_MANY_REDIRECTS,
                                   _("%s redirects more than %d times"),
                                   url, CURATOR_FETCH_MAX_REDIRECTS));
          return;
        }
      if (next == NULL || !is_web_uri (next))
        {
          fail (task, g_error_new (CURATOR_WEB_ERROR, CURATOR_WEB_ERROR_INVALID_URL,
                                   _("%s redirects to “%s”, which is not a web address"),
                                   url, location));
          return;
        }
      g_input_stream_close (stream, NULL, NULL);
      g_uri_unref (fetch->uri);
      fetch->uri = g_steal_pointer (&next);
      g_free (fetch->host);
      fetch->host = g_strdup (g_uri_get_host (fetch->uri));
      send_message (task);
      return;
    }

  if (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_GONE)
    {
      fail (task, g_error_new (CURATOR_WEB_ERROR, CURATOR_WEB_ERROR_NOT_FOUND,
                               _("There is no page at %s (the server answered %u, not found)"),
                               url, status));
      return;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      const char *reason = soup_message_get_reason_phrase (fetch->message);

      fail (task, g_error_new (CURATOR_WEB_ERROR, CURATOR_WEB_ERROR_HTTP,
                               _("%s answered with an error: %u %s"),
                               url, status, reason != NULL ? reason : ""));
      return;
    }

  mime_type = soup_message_headers_get_content_type (headers, NULL);
  if (fetch->kind == CURATOR_FETCH_PAGE && !is_vague_type (mime_type) && !is_html_type (mime_type))
    {
      fail (task, not_html_error (fetch, mime_type));
      return;
    }
  if (fetch->kind == CURATOR_FETCH_IMAGE && mime_type != NULL &&
      (is_html_type (mime_type) || g_str_has_prefix (mime_type, "text/")))
    {
      fail (task, g_error_new (CURATOR_WEB_ERROR, CURATOR_WEB_ERROR_NOT_IMAGE,
                               _("%s is not an image but a web page"), url));
      return;
    }

  /* With gzip this is the compressed length: a bound, not the size. */
  fetch->total = soup_message_headers_get_content_length (headers);
  if (soup_message_headers_get_encoding (headers) != SOUP_ENCODING_CONTENT_LENGTH)
    fetch->total = -1;
  if (fetch->total > (goffset) fetch->max_size)
    {
      fail (task, too_large_error (fetch));
      return;
    }
  if (soup_message_headers_get_one (headers, "Content-Encoding") != NULL)
    fetch->total = -1;

  fetch->stream = g_steal_pointer (&stream);
  fetch->data = g_byte_array_new ();
  report_progress (task, 0, fetch->total);
  g_input_stream_read_bytes_async (fetch->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   fetch->cancellable, read_cb, task);
}

/* In the worker thread, as every step after it. */
static void
send_message (GTask *task)
{
  Fetch *fetch = g_task_get_task_data (task);
  SoupSession *session = worker_session (fetch->worker);
  SoupMessageHeaders *request_headers;

  if (soup_session_get_timeout (session) != fetch->timeout)
    soup_session_set_timeout (session, fetch->timeout);
  if (fetch->tls_database_set &&
      (!fetch->worker->tls_database_set || fetch->worker->tls_database != fetch->tls_database))
    {
      soup_session_set_tls_database (session, fetch->tls_database);
      g_set_object (&fetch->worker->tls_database, fetch->tls_database);
      fetch->worker->tls_database_set = TRUE;
    }

  g_clear_object (&fetch->message);
  fetch->message = soup_message_new_from_uri ("GET", fetch->uri);
  /* Redirects are followed here, so that each is counted and checked. */
  soup_message_add_flags (fetch->message, SOUP_MESSAGE_NO_REDIRECT);
  request_headers = soup_message_get_request_headers (fetch->message);
  soup_message_headers_replace (request_headers, "Accept",
                                fetch->kind == CURATOR_FETCH_IMAGE
                                ? "image/avif,image/webp,image/png,image/jpeg,image/*;q=0.8"
                                : "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5");

  soup_session_send_async (session, fetch->message, G_PRIORITY_DEFAULT,
                           fetch->cancellable, send_cb, task);
}

static gboolean
start_cb (gpointer data)
{
  GTask *task = data;
  Fetch *fetch = g_task_get_task_data (task);

  /* The whole fetch, redirects included, within the time-out. */
  fetch->timeout_source = g_timeout_source_new_seconds (fetch->timeout);
  g_source_set_callback (fetch->timeout_source, timeout_cb, fetch, NULL);
  g_source_set_static_name (fetch->timeout_source, "[curator] fetch time-out");
  g_source_attach (fetch->timeout_source, fetch->worker->context);

  send_message (task);
  return G_SOURCE_REMOVE;
}

void
curator_page_fetcher_fetch_async (CuratorPageFetcher    *self,
                                  const char            *url,
                                  CuratorFetchKind       kind,
                                  GCancellable          *cancellable,
                                  GFileProgressCallback  progress,
                                  gpointer               progress_data,
                                  GAsyncReadyCallback    callback,
                                  gpointer               user_data)
{
  GTask *task;
  Fetch *fetch;
  g_autoptr(GUri) uri = NULL;

  g_return_if_fail (CURATOR_IS_PAGE_FETCHER (self));
  g_return_if_fail (url != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, curator_page_fetcher_fetch_async);

  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED | G_URI_FLAGS_PARSE_RELAXED, NULL);
  if (uri == NULL || !is_web_uri (uri))
    {
      fail (task, g_error_new (CURATOR_WEB_ERROR, CURATOR_WEB_ERROR_INVALID_URL,
                               _("“%s” is not a web address (http or https)"), url));
      return;
    }

  fetch = g_new0 (Fetch, 1);
  fetch->timeout = self->timeout;
  fetch->tls_database = self->tls_database != NULL ? g_object_ref (self->tls_database) : NULL;
  fetch->tls_database_set = self->tls_database_set;
  fetch->kind = kind;
  fetch->uri = g_steal_pointer (&uri);
  fetch->host = g_strdup (g_uri_get_host (fetch->uri));
  fetch->max_size = kind == CURATOR_FETCH_IMAGE ? CURATOR_FETCH_MAX_IMAGE_SIZE : CURATOR_FETCH_MAX_PAGE_SIZE;
  fetch->total = -1;
  fetch->progress = progress;
  fetch->progress_data = progress_data;
  fetch->cancellable = g_cancellable_new ();
  g_task_set_task_data (task, fetch, (GDestroyNotify) fetch_free);

  if (cancellable != NULL)
    {
      fetch->caller_cancellable = g_object_ref (cancellable);
      fetch->caller_handler = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled_cb),
                                                     fetch->cancellable, NULL);
    }

  fetch->worker = g_atomic_rc_box_acquire (ensure_worker (self));
  worker_invoke (fetch->worker, start_cb, task);
}

CuratorFetchResult *
curator_page_fetcher_fetch_finish (CuratorPageFetcher  *self,
                                   GAsyncResult        *result,
                                   GError             **error)
{
  g_return_val_if_fail (CURATOR_IS_PAGE_FETCHER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* A fetch run to its end in the calling thread. */
typedef struct
{
  CuratorFetchResult *fetched;
  GError             *error;
  gboolean            done;
  GTask              *task;   /* weak: until the fetch lets it go */
} SyncFetch;

static void
fetch_sync_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  SyncFetch *sync = user_data;

  sync->fetched = g_task_propagate_pointer (G_TASK (result), &sync->error);
  sync->done = TRUE;
  sync->task = G_TASK (result);
  g_object_add_weak_pointer (G_OBJECT (result), (gpointer *) &sync->task);
}

CuratorFetchResult *
curator_page_fetcher_fetch (CuratorPageFetcher     *self,
                            const char             *url,
                            CuratorFetchKind        kind,
                            GCancellable           *cancellable,
                            GFileProgressCallback   progress,
                            gpointer                progress_data,
                            GError                **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  SyncFetch sync = { 0 };

  g_return_val_if_fail (CURATOR_IS_PAGE_FETCHER (self), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  /* The progress, the result and the fetch's release of its task (which
   * frees what the task holds, the fetcher included) come back to a
   * context of this call's own, run until all have: so any thread can
   * wait here, and nothing is left queued where no one looks. */
  g_main_context_push_thread_default (context);
  curator_page_fetcher_fetch_async (self, url, kind, cancellable, progress, progress_data, fetch_sync_cb, &sync);
  while (!sync.done || sync.task != NULL)
    g_main_context_iteration (context, TRUE);
  g_main_context_pop_thread_default (context);

  if (sync.fetched == NULL)
    g_propagate_error (error, sync.error);
  return sync.fetched;
}
