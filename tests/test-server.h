/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A local HTTP (or HTTPS, with a certificate) server on 127.0.0.1 and an
 * ephemeral port that counts every connection and every request line.
 * Connections are accepted and answered on threads of the server's own:
 * the client's main loop need not run. */
typedef struct _TestServer TestServer;

/* A request as the handler sees it: header names are lower case. */
typedef struct
{
  const char *method;
  const char *path;
  GHashTable *headers;
} TestServerRequest;

/* Writes the whole response to @output (see test_server_respond). Runs in
 * a worker thread. */
typedef void (*TestServerHandler) (TestServer              *server,
                                   const TestServerRequest *request,
                                   GOutputStream           *output,
                                   gpointer                 user_data);

/* Answers /img... with a 1x1 PNG and anything else with "x". */
TestServer *test_server_new              (GTlsCertificate *certificate);
/* Answers every request with @handler. */
TestServer *test_server_new_with_handler (GTlsCertificate   *certificate,
                                          TestServerHandler  handler,
                                          gpointer           user_data);
/* Writes "HTTP/1.1 @status", Content-Type (unless NULL), Content-Length,
 * @extra_headers (complete "Name: value\r\n" lines, may be NULL) and
 * @body. */
void        test_server_respond          (GOutputStream   *output,
                                          guint            status,
                                          const char      *content_type,
                                          const char      *extra_headers,
                                          const void      *body,
                                          gsize            length);
void        test_server_free             (TestServer      *server);
guint16     test_server_get_port         (TestServer      *server);
/* "http://127.0.0.1:PORT" or "https://..." */
const char *test_server_get_origin       (TestServer      *server);
guint       test_server_get_connections  (TestServer      *server);
/* When the last connection came (g_get_monotonic_time), 0 if none. */
gint64      test_server_get_last_connection_time (TestServer *server);
guint       test_server_get_requests     (TestServer      *server);
/* The request paths seen so far, in order, one per line. */
char       *test_server_dup_paths        (TestServer      *server);
gboolean    test_server_saw_path_prefix  (TestServer      *server,
                                          const char      *prefix);
/* TRUE if every path seen starts with @prefix. */
gboolean    test_server_all_paths_match  (TestServer      *server,
                                          const char      *prefix);
void        test_server_reset            (TestServer      *server);

/* A self-signed certificate for 127.0.0.1 made with the openssl command
 * in @dir, or NULL (with the reason in @error). */
GTlsCertificate *test_server_create_certificate (const char  *dir,
                                                 GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestServer, test_server_free)

G_END_DECLS
