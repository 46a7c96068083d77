/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "curator-preview.h"

G_BEGIN_DECLS

/* Helpers of the preview tests: what a page shows, asked through the
 * main loop (tests/curator-test-utils.h), never after a fixed time. */

/* Runs @script (API JavaScript, not a page script) and returns its value
 * as a string. */
char     *test_page_run_js          (WebKitWebView  *web_view,
                                     const char     *script);
/* Runs @body as an async function (it may await) with @arguments (a
 * floating or full a{sv}, or NULL) and returns its value as a string. */
char     *test_page_call_js         (WebKitWebView  *web_view,
                                     const char     *body,
                                     GVariant       *arguments);
/* Runs @script again and again, each time its last run has answered,
 * until it gives @expected; fails the test naming @what if that does not
 * happen within CURATOR_TEST_DEADLINE_MS. */
void      test_page_wait_for_js     (WebKitWebView  *web_view,
                                     const char     *script,
                                     const char     *expected,
                                     const char     *what);

/* Before any web process starts: WebKit's processes (of the preview's web
 * context and of the default one) load crash-trace-preload.c, so that one
 * that dies says where on the test's stderr, and @library too if not
 * NULL. Their sandbox is told to show them the libraries' folders. */
void      test_page_preload         (const char     *library);

/* The page has reported the frame of the preview's last update. */
gboolean  test_page_is_painted      (gpointer        preview);
void      test_page_wait_painted    (CuratorPreview *preview);

G_END_DECLS
