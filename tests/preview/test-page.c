/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-page"

#include "config.h"

#include "test-page.h"
#include "curator-test-utils.h"

typedef struct
{
  JSCValue *value;
  GError   *error;
  gboolean  done;
} JsResult;

static void
evaluate_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  JsResult *js = user_data;

  js->value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), result, &js->error);
  js->done = TRUE;
}

static void
call_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  JsResult *js = user_data;

  js->value = webkit_web_view_call_async_javascript_function_finish (WEBKIT_WEB_VIEW (object), result, &js->error);
  js->done = TRUE;
}

static gboolean
js_is_done (gpointer data)
{
  return ((JsResult *)data)->done;
}

static char *
finish_js (JsResult *js)
{
  char *text;

  curator_test_wait_for (js_is_done, js, "the result of a script");
  g_assert_no_error (js->error);
  text = jsc_value_to_string (js->value);
  g_object_unref (js->value);

  return text;
}

char *
test_page_run_js (WebKitWebView *web_view,
                  const char    *script)
{
  JsResult js = { 0 };

  webkit_web_view_evaluate_javascript (web_view, script, -1, NULL, NULL, NULL, evaluate_done_cb, &js);
  return finish_js (&js);
}

char *
test_page_call_js (WebKitWebView *web_view,
                   const char    *body,
                   GVariant      *arguments)
{
  JsResult js = { 0 };

  webkit_web_view_call_async_javascript_function (web_view, body, -1, arguments,
                                                  NULL, NULL, NULL, call_done_cb, &js);
  return finish_js (&js);
}

typedef struct
{
  WebKitWebView *web_view;
  const char    *script;
  const char    *expected;
  JsResult       js;
  gboolean       running;
  char          *last;
  guint          web_process_ends;
  gboolean       reloading;
} PageWait;

static gboolean
page_gives_expected (gpointer data)
{
  PageWait *wait = data;

  if (wait->running)
    {
      if (!wait->js.done)
        return FALSE;
      /* The page's process ended (a tolerated end) while it was asked,
       * and the preview reloads it: ask the new page, until it answers. */
      if (curator_test_get_web_process_ends () > wait->web_process_ends)
        {
          wait->web_process_ends = curator_test_get_web_process_ends ();
          wait->reloading = TRUE;
        }
      if (wait->js.error != NULL && wait->reloading)
        {
          g_test_message ("Asked the page again after its process ended: %s", wait->js.error->message);
          g_clear_error (&wait->js.error);
          wait->running = FALSE;
          return FALSE;
        }
      g_assert_no_error (wait->js.error);
      wait->reloading = FALSE;
      g_free (wait->last);
      wait->last = jsc_value_to_string (wait->js.value);
      g_clear_object (&wait->js.value);
      wait->running = FALSE;
      if (g_strcmp0 (wait->last, wait->expected) == 0)
        return TRUE;
    }

  wait->js.done = FALSE;
  wait->running = TRUE;
  webkit_web_view_evaluate_javascript (wait->web_view, wait->script, -1, NULL, NULL, NULL,
                                       evaluate_done_cb, &wait->js);
  return FALSE;
}

void
test_page_wait_for_js (WebKitWebView *web_view,
                       const char    *script,
                       const char    *expected,
                       const char    *what)
{
  PageWait wait = { web_view, script, expected };

  wait.web_process_ends = curator_test_get_web_process_ends ();

  if (!curator_test_wait_until (page_gives_expected, &wait, CURATOR_TEST_DEADLINE_MS))
    g_error ("Timed out after %u ms waiting for %s: the page gives \"%s\", not \"%s\"",
             CURATOR_TEST_DEADLINE_MS, what, wait.last ? wait.last : "(nothing yet)", expected);
  g_free (wait.last);
}

void
test_page_preload (const char *library)
{
  WebKitWebContext *contexts[] = {
    curator_preview_get_web_context (),
    webkit_web_context_get_default (),
  };
  const char *libraries[] = { CRASH_TRACE_PRELOAD, library };
  g_autoptr(GString) preload = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (libraries) && libraries[i] != NULL; i++)
    {
      g_autofree char *folder = g_path_get_dirname (libraries[i]);

      for (guint j = 0; j < G_N_ELEMENTS (contexts); j++)
        webkit_web_context_add_path_to_sandbox (contexts[j], folder, TRUE);
      g_string_append_printf (preload, "%s%s", i > 0 ? " " : "", libraries[i]);
    }
  /* Read when a process starts: this one has its libraries already. */
  g_setenv ("LD_PRELOAD", preload->str, TRUE);
}

gboolean
test_page_is_painted (gpointer preview)
{
  return curator_preview_get_painted_serial (preview) >= curator_preview_get_serial (preview);
}

void
test_page_wait_painted (CuratorPreview *preview)
{
  WebKitWebView *web_view = curator_preview_get_web_view (preview);

  /* A page that never reports its frame is a bug or a machine too busy:
   * say what the preview and its web process were doing. */
  if (!curator_test_wait_until (test_page_is_painted, preview, CURATOR_TEST_DEADLINE_MS))
    g_error ("Timed out after %u ms waiting for the preview to report its frame: serial %u, "
             "painted %u; page %s, %s (%.0f %%), web process %s, preview %s",
             CURATOR_TEST_DEADLINE_MS, curator_preview_get_serial (preview),
             curator_preview_get_painted_serial (preview),
             webkit_web_view_get_uri (web_view) ? webkit_web_view_get_uri (web_view) : "(none)",
             webkit_web_view_is_loading (web_view) ? "loading" : "loaded",
             100 * webkit_web_view_get_estimated_load_progress (web_view),
             webkit_web_view_get_is_web_process_responsive (web_view) ? "responsive" : "not responding",
             gtk_widget_get_mapped (GTK_WIDGET (preview)) ? "mapped" : "not mapped");
}
