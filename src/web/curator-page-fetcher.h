/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CURATOR_TYPE_PAGE_FETCHER (curator_page_fetcher_get_type ())
#define CURATOR_TYPE_FETCH_RESULT (curator_fetch_result_get_type ())

G_DECLARE_FINAL_TYPE (CuratorPageFetcher, curator_page_fetcher, CURATOR, PAGE_FETCHER, GObject)
G_DECLARE_FINAL_TYPE (CuratorFetchResult, curator_fetch_result, CURATOR, FETCH_RESULT, GObject)

/* Caps on what one fetch reads (after gzip or brotli decoding). */
#define CURATOR_FETCH_MAX_PAGE_SIZE  (10 * 1024 * 1024)
#define CURATOR_FETCH_MAX_IMAGE_SIZE (20 * 1024 * 1024)
#define CURATOR_FETCH_MAX_REDIRECTS  5
#define CURATOR_FETCH_DEFAULT_TIMEOUT 30

typedef enum
{
  CURATOR_FETCH_PAGE,   /* an HTML page */
  CURATOR_FETCH_IMAGE,  /* an image */
} CuratorFetchKind;

/* Fetches web pages and images with libsoup 3, only when asked: http and
 * https only, at most CURATOR_FETCH_MAX_REDIRECTS redirects (each checked
 * the same way), gzip and brotli, no cookies, a User-Agent that names
 * Curator, a cap on the size, and a time-out on the whole fetch
 * ("timeout", in seconds). Failures are CURATOR_WEB_ERROR with a message
 * for the curator; cancelling gives G_IO_ERROR_CANCELLED.
 *
 * @progress is called in the caller's main context as bytes arrive, with
 * the total when the server gave one (else -1). */

CuratorPageFetcher *curator_page_fetcher_new              (void);
guint               curator_page_fetcher_get_timeout      (CuratorPageFetcher    *self);
void                curator_page_fetcher_set_timeout      (CuratorPageFetcher    *self,
                                                           guint                  seconds);
/* The certificate authorities to trust instead of the system's (NULL: the
 * system's). */
void                curator_page_fetcher_set_tls_database (CuratorPageFetcher    *self,
                                                           GTlsDatabase          *database);
const char         *curator_page_fetcher_get_user_agent   (CuratorPageFetcher    *self);

void                curator_page_fetcher_fetch_async      (CuratorPageFetcher    *self,
                                                           const char            *url,
                                                           CuratorFetchKind       kind,
                                                           GCancellable          *cancellable,
                                                           GFileProgressCallback  progress,
                                                           gpointer               progress_data,
                                                           GAsyncReadyCallback    callback,
                                                           gpointer               user_data);
CuratorFetchResult *curator_page_fetcher_fetch_finish     (CuratorPageFetcher    *self,
                                                           GAsyncResult          *result,
                                                           GError               **error);
/* Waits for the fetch in the calling thread, any thread (curator-cli, or
 * an import's worker), running a main context of its own: @progress is
 * called there. Not at the same time as another call on the same
 * fetcher from another thread. */
CuratorFetchResult *curator_page_fetcher_fetch            (CuratorPageFetcher    *self,
                                                           const char            *url,
                                                           CuratorFetchKind       kind,
                                                           GCancellable          *cancellable,
                                                           GFileProgressCallback  progress,
                                                           gpointer               progress_data,
                                                           GError               **error);

/* What a fetch brought back. */
/* The address the content came from, after redirects. */
const char         *curator_fetch_result_get_url              (CuratorFetchResult *self);
/* The Content-Type header as sent, or NULL. */
const char         *curator_fetch_result_get_content_type     (CuratorFetchResult *self);
const char         *curator_fetch_result_get_content_language (CuratorFetchResult *self);
GBytes             *curator_fetch_result_get_bytes            (CuratorFetchResult *self);

G_END_DECLS
