/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-server"

#include "config.h"

#include "test-server.h"

#include <string.h>

struct _TestServer
{
  /* Connections are accepted on a thread of the server's own, with its
   * own main context: a client whose main loop is busy or blocked is
   * still answered. */
  GThread         *thread;
  GMainContext    *context;
  GMainLoop       *loop;
  gboolean         started;

  GSocketService  *service;
  GTlsCertificate *certificate;
  guint16          port;
  char            *origin;

  GMutex             lock;
  guint              connections;
  gint64             last_connection_at;
  GPtrArray         *paths;

  TestServerHandler  handler;
  gpointer           handler_data;
  /* Handlers still running: freeing the server waits for them. */
  guint              active;
  GCond              idle;
};

/* A 1x1 transparent PNG. */
static const guint8 png_pixel[] = {
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d,
  0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
  0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00,
  0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
  0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49,
  0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
};

void
test_server_respond (GOutputStream *output,
                     guint          status,
                     const char    *content_type,
                     const char    *extra_headers,
                     const void    *body,
                     gsize          length)
{
  g_autoptr(GString) header = g_string_new (NULL);

  g_string_append_printf (header, "HTTP/1.1 %u %s\r\n", status, status < 300 ? "OK" : status < 400 ? "Moved" : "Error");
  if (content_type != NULL)
    g_string_append_printf (header, "Content-Type: %s\r\n", content_type);
  g_string_append_printf (header, "Content-Length: %" G_GSIZE_FORMAT "\r\n", length);
  if (extra_headers != NULL)
    g_string_append (header, extra_headers);
  g_string_append (header, "Connection: close\r\n\r\n");
  g_output_stream_write_all (output, header->str, header->len, NULL, NULL, NULL);
  if (length > 0)
    g_output_stream_write_all (output, body, length, NULL, NULL, NULL);
}

static void
default_handler (TestServer              *server,
                 const TestServerRequest *request,
                 GOutputStream           *output,
                 gpointer                 user_data)
{
  if (g_str_has_prefix (request->path, "/img"))
    test_server_respond (output, 200, "image/png", NULL, png_pixel, sizeof png_pixel);
  else
    test_server_respond (output, 200, "text/plain", NULL, "x", 1);
}

static gboolean
run_cb (GThreadedSocketService *service,
        GSocketConnection      *connection,
        GObject                *source_object,
        gpointer                user_data)
{
  TestServer *server = user_data;
  g_autoptr(GIOStream) tls = NULL;
  g_autoptr(GDataInputStream) input = NULL;
  g_autofree char *request_line = NULL;
  g_autofree char *method = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GHashTable) headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GIOStream *stream = G_IO_STREAM (connection);
  TestServerRequest request;

  g_mutex_lock (&server->lock);
  server->connections++;
  server->last_connection_at = g_get_monotonic_time ();
  g_mutex_unlock (&server->lock);

  if (server->certificate != NULL)
    {
      tls = g_tls_server_connection_new (stream, server->certificate, NULL);
      if (tls == NULL || !g_tls_connection_handshake (G_TLS_CONNECTION (tls), NULL, NULL))
        return TRUE;
      stream = tls;
    }

  input = g_data_input_stream_new (g_io_stream_get_input_stream (stream));
  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (input), FALSE);
  request_line = g_data_input_stream_read_line (input, NULL, NULL, NULL);
  if (request_line == NULL)
    return TRUE;

  /* "GET /path HTTP/1.1" */
  {
    g_auto(GStrv) parts = g_strsplit (g_strchomp (request_line), " ", 3);

    path = g_strdup (parts[0] && parts[1] ? parts[1] : parts[0] ? parts[0] : "");
    method = g_strdup (parts[0] ? parts[0] : "");
  }

  g_mutex_lock (&server->lock);
  g_ptr_array_add (server->paths, g_strdup (path));
  g_mutex_unlock (&server->lock);

  /* The rest of the headers. */
  for (;;)
    {
      g_autofree char *line = g_data_input_stream_read_line (input, NULL, NULL, NULL);
      char *colon;

      if (line == NULL || *g_strchomp (line) == '\0')
        break;
      if ((colon = strchr (line, ':')) != NULL)
        {
          *colon = '\0';
          g_hash_table_insert (headers, g_ascii_strdown (line, -1), g_strdup (g_strstrip (colon + 1)));
        }
    }

  request.method = method;
  request.path = path;
  request.headers = headers;
  g_mutex_lock (&server->lock);
  server->active++;
  g_mutex_unlock (&server->lock);
  server->handler (server, &request, g_io_stream_get_output_stream (stream), server->handler_data);
  g_io_stream_close (stream, NULL, NULL);
  g_mutex_lock (&server->lock);
  server->active--;
  g_cond_broadcast (&server->idle);
  g_mutex_unlock (&server->lock);

  return TRUE;
}

TestServer *
test_server_new (GTlsCertificate *certificate)
{
  return test_server_new_with_handler (certificate, default_handler, NULL);
}

static gpointer
accept_thread (gpointer data)
{
  TestServer *server = data;
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) error = NULL;

  /* The service listens in the context that is this thread's default
   * when it is made and started. */
  g_main_context_push_thread_default (server->context);
  server->service = g_threaded_socket_service_new (8);
  g_signal_connect (server->service, "run", G_CALLBACK (run_cb), server);
  g_socket_listener_add_address (G_SOCKET_LISTENER (server->service), address,
                                 G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                 NULL, &effective, &error);
  g_assert_no_error (error);
  g_socket_service_start (server->service);

  g_mutex_lock (&server->lock);
  server->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  server->started = TRUE;
  g_cond_broadcast (&server->idle);
  g_mutex_unlock (&server->lock);

  g_main_loop_run (server->loop);

  g_socket_service_stop (server->service);
  g_socket_listener_close (G_SOCKET_LISTENER (server->service));
  g_clear_object (&server->service);
  while (g_main_context_iteration (server->context, FALSE))
    ;
  g_main_context_pop_thread_default (server->context);
  return NULL;
}

TestServer *
test_server_new_with_handler (GTlsCertificate   *certificate,
                              TestServerHandler  handler,
                              gpointer           user_data)
{
  TestServer *server = g_new0 (TestServer, 1);

  g_mutex_init (&server->lock);
  g_cond_init (&server->idle);
  server->paths = g_ptr_array_new_with_free_func (g_free);
  server->certificate = certificate ? g_object_ref (certificate) : NULL;
  server->handler = handler;
  server->handler_data = user_data;
  server->context = g_main_context_new ();
  server->loop = g_main_loop_new (server->context, FALSE);
  server->thread = g_thread_new ("test-server", accept_thread, server);

  g_mutex_lock (&server->lock);
  while (!server->started)
    g_cond_wait (&server->idle, &server->lock);
  g_mutex_unlock (&server->lock);
  server->origin = g_strdup_printf ("%s://127.0.0.1:%u",
                                    certificate ? "https" : "http", server->port);

  return server;
}

void
test_server_free (TestServer *server)
{
  g_mutex_lock (&server->lock);
  while (server->active > 0)
    g_cond_wait (&server->idle, &server->lock);
  g_mutex_unlock (&server->lock);
  g_main_loop_quit (server->loop);
  g_thread_join (server->thread);
  g_main_loop_unref (server->loop);
  g_main_context_unref (server->context);
  g_clear_object (&server->certificate);
  g_ptr_array_unref (server->paths);
  g_free (server->origin);
  g_mutex_clear (&server->lock);
  g_cond_clear (&server->idle);
  g_free (server);
}

guint16
test_server_get_port (TestServer *server)
{
  return server->port;
}

const char *
test_server_get_origin (TestServer *server)
{
  return server->origin;
}

guint
test_server_get_connections (TestServer *server)
{
  guint connections;

  g_mutex_lock (&server->lock);
  connections = server->connections;
  g_mutex_unlock (&server->lock);

  return connections;
}

gint64
test_server_get_last_connection_time (TestServer *server)
{
  gint64 at;

  g_mutex_lock (&server->lock);
  at = server->last_connection_at;
  g_mutex_unlock (&server->lock);

  return at;
}

guint
test_server_get_requests (TestServer *server)
{
  guint requests;

  g_mutex_lock (&server->lock);
  requests = server->paths->len;
  g_mutex_unlock (&server->lock);

  return requests;
}

char *
test_server_dup_paths (TestServer *server)
{
  GString *paths = g_string_new (NULL);

  g_mutex_lock (&server->lock);
  for (guint i = 0; i < server->paths->len; i++)
    g_string_append_printf (paths, "%s\n", (const char *)g_ptr_array_index (server->paths, i));
  g_mutex_unlock (&server->lock);

  return g_string_free (paths, FALSE);
}

gboolean
test_server_saw_path_prefix (TestServer *server,
                             const char *prefix)
{
  gboolean seen = FALSE;

  g_mutex_lock (&server->lock);
  for (guint i = 0; i < server->paths->len && !seen; i++)
    seen = g_str_has_prefix (g_ptr_array_index (server->paths, i), prefix);
  g_mutex_unlock (&server->lock);

  return seen;
}

gboolean
test_server_all_paths_match (TestServer *server,
                             const char *prefix)
{
  gboolean all = TRUE;

  g_mutex_lock (&server->lock);
  for (guint i = 0; i < server->paths->len && all; i++)
    all = g_str_has_prefix (g_ptr_array_index (server->paths, i), prefix);
  g_mutex_unlock (&server->lock);

  return all;
}

void
test_server_reset (TestServer *server)
{
  g_mutex_lock (&server->lock);
  server->connections = 0;
  server->last_connection_at = 0;
  g_ptr_array_set_size (server->paths, 0);
  g_mutex_unlock (&server->lock);
}

GTlsCertificate *
test_server_create_certificate (const char  *dir,
                                GError     **error)
{
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  g_autofree char *cert = g_build_filename (dir, "cert.pem", NULL);
  g_autofree char *key = g_build_filename (dir, "key.pem", NULL);
  g_autofree char *err_output = NULL;
  int status = 0;
  const char *argv[] = {
    NULL, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
    "-keyout", key, "-out", cert, NULL,
  };

  if (openssl == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "The openssl command is not installed");
      return NULL;
    }
  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "GIO has no TLS backend (glib-networking)");
      return NULL;
    }

  argv[0] = openssl;
  if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                     NULL, NULL, NULL, &err_output, &status, error) ||
      !g_spawn_check_wait_status (status, error))
    return NULL;

  return g_tls_certificate_new_from_files (cert, key, error);
}
