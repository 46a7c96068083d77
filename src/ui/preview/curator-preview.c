/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-preview"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "curator-preview.h"
#include "curator-file-read.h"
#include "curator-html-pieces.h"
#include "curator-preview-filter.h"

/* Local featured images larger than this are not shown. */
#define MAX_IMAGE_SIZE (16 * 1024 * 1024)

/* The page reports its frames to it (data/preview/preview.js). */
#define PAINTED_HANDLER "curatorPainted"

/* Consecutive failed updates before the preview stops trying. */
#define MAX_RETRIES 3

/* The page may load nothing but what is inlined, and never navigates or
 * submits a form. Remote images add https: to img-src (and the content
 * filter lets https images through). */
#define CSP_BLOCK_ALL \
  "default-src 'none'; script-src 'none'; style-src 'unsafe-inline'; " \
  "img-src data:; font-src data:; media-src 'none'; object-src 'none'; " \
  "frame-src 'none'; child-src 'none'; worker-src 'none'; " \
  "connect-src 'none'; manifest-src 'none'; form-action 'none'; base-uri 'none'"
#define CSP_HTTPS_IMAGES \
  "default-src 'none'; script-src 'none'; style-src 'unsafe-inline'; " \
  "img-src data: https:; font-src data:; media-src 'none'; object-src 'none'; " \
  "frame-src 'none'; child-src 'none'; worker-src 'none'; " \
  "connect-src 'none'; manifest-src 'none'; form-action 'none'; base-uri 'none'"

/* How long a frame of the window may wait for the page's frame of an
 * update already on its way, so that a keystroke shows in the editor and
 * the preview together rather than the preview a frame later. Pages
 * slower than this are not waited for. */
#define FRAME_WAIT_US (8 * 1000)
/* The update's trip to the page and the report's back, beyond the
 * page's own time. The report comes after the page's frame itself, which
 * the window takes in first: after a new body (the whole view painted
 * again) that took 2-4 ms of the wait, and with 4 ms allowed, the next
 * file's preview missed the form's frame half the time. */
#define REPORT_GRACE_US (8 * 1000)

/* Blocks per piece of the body, about (see data/preview/preview.js): an
 * edit re-parses that much, and the page has that many times fewer boxes
 * to place than the body has blocks. */
#define PIECE_SPACING 4

/* Injected in an isolated world before the page's content: a click on a
 * link goes to C and never starts a navigation (WebKit would open a
 * speculative connection to the link's host before asking the policy).
 * Form submissions are stopped the same way. */
#define LINK_HANDLER "curatorLink"
#define LINK_WORLD "curator"
static const char link_script[] =
  "(() => {\n"
  "  const follow = (event) => {\n"
  "    const target = event.target instanceof Element ? event.target : event.target.parentElement;\n"
  "    const link = target ? target.closest('a[href], area[href]') : null;\n"
  "    if (!link)\n"
  "      return;\n"
  "    event.preventDefault();\n"
  "    event.stopImmediatePropagation();\n"
  "    const href = typeof link.href === 'string' ? link.href : link.href.baseVal;\n"
  "    window.webkit.messageHandlers." LINK_HANDLER ".postMessage(String(href));\n"
  "  };\n"
  "  document.addEventListener('click', follow, true);\n"
  "  document.addEventListener('auxclick', follow, true);\n"
  "  document.addEventListener('submit', (event) => event.preventDefault(), true);\n"
  "})();\n";

struct _CuratorPreview
{
  GtkWidget                  parent_instance;

  WebKitWebView             *web_view;
  WebKitUserContentManager  *content_manager;
  GCancellable              *cancellable;

  char                      *body;
  /* The body as the page has it, and its pieces. */
  char                      *page_body;
  GArray                    *page_pieces;
  CuratorPreviewCard        *card;
  char                      *card_html;
  /* The featured image file and, once read, its data: URI. */
  GFile                     *image_file;
  char                      *image_data_uri;
  GCancellable              *image_cancellable;

  /* The filter in the content manager, -1 before the first is there:
   * nothing is shown until the page is under a filter. */
  int                        applied_policy;
  guint                      filter_loading : 1;
  guint                      remote_images : 1;
  guint                      dark : 1;

  /* Rendering: the page shell holds the CSP; after it is loaded, changes
   * are applied in place through JavaScript from C. */
  guint                      shell_loaded : 1;
  /* The policy changed since the page was loaded: load it again. */
  guint                      reload_needed : 1;
  guint                      expecting_shell : 1;
  guint                      in_flight : 1;
  /* The empty page that starts the web process is loading. */
  guint                      warming_up : 1;
  guint                      body_dirty : 1;
  guint                      card_dirty : 1;
  guint                      update_source;
  guint                      failures;
  guint                      serial;
  guint                      sent_serial;
  guint                      painted_serial;

  /* The window's frame clock while mapped, and the update sent in place
   * whose frame it may wait for: when it was sent, and how long the page
   * itself took for the last one (0: not known). */
  GdkFrameClock             *frame_clock;
  gulong                     before_paint_handler;
  gulong                     layout_done_handler;
  guint                      awaited_serial;
  guint                      waited_serial;
  gint64                     awaited_sent_at;
  gint64                     page_frame_us;
};

G_DEFINE_FINAL_TYPE (CuratorPreview, curator_preview, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_REMOTE_IMAGES,
  N_PROPS
};

enum {
  ACTIVATE_LINK,
  PAINTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void queue_update (CuratorPreview *self);

static WebKitNetworkSession *
get_network_session (void)
{
  static WebKitNetworkSession *session;

  /* Ephemeral: nothing (cache, cookies, credentials) is written to disk. */
  if (session == NULL)
    {
      session = webkit_network_session_new_ephemeral ();
      webkit_network_session_set_itp_enabled (session, FALSE);
      webkit_network_session_set_persistent_credential_storage_enabled (session, FALSE);
    }

  return session;
}

/**
 * curator_preview_get_web_context:
 *
 * Returns: (transfer none): the web context of every preview (for tests,
 *   before the first preview: what its sandbox shows)
 */
WebKitWebContext *
curator_preview_get_web_context (void)
{
  static WebKitWebContext *context;

  if (context == NULL)
    {
      context = webkit_web_context_new ();
      webkit_web_context_set_cache_model (context, WEBKIT_CACHE_MODEL_DOCUMENT_VIEWER);
      webkit_web_context_set_spell_checking_enabled (context, FALSE);
    }

  return context;
}

/* A file of the preview's page from the resources, kept for the process.
 * They are built in: one missing is a broken build, and the page then
 * goes without it rather than the application ending. */
static const char *
get_page_file (GBytes     **cache,
               const char  *name)
{
  if (*cache == NULL)
    {
      g_autofree char *path = g_strconcat (RESOURCE_PREFIX "/preview/", name, NULL);
      g_autoptr(GError) error = NULL;

      *cache = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      if (*cache == NULL)
        {
          g_critical ("The preview's %s is missing: %s", name, error->message);
          *cache = g_bytes_new_static ("", 1);
        }
    }

  return g_bytes_get_data (*cache, NULL);
}

static const char *
get_stylesheet (void)
{
  static GBytes *css;

  return get_page_file (&css, "preview.css");
}

static const char *
get_page_script (void)
{
  static GBytes *script;

  return get_page_file (&script, "preview.js");
}

static WebKitSettings *
create_settings (void)
{
  WebKitSettings *settings = webkit_settings_new ();

  /* Page scripts (<script>, on* attributes, javascript: URLs) never run;
   * the app still drives the page with evaluate/call JavaScript. */
  webkit_settings_set_enable_javascript (settings, TRUE);
  webkit_settings_set_enable_javascript_markup (settings, FALSE);
  webkit_settings_set_javascript_can_open_windows_automatically (settings, FALSE);
  webkit_settings_set_javascript_can_access_clipboard (settings, FALSE);

  webkit_settings_set_enable_html5_local_storage (settings, FALSE);
  webkit_settings_set_enable_html5_database (settings, FALSE);
  webkit_settings_set_enable_page_cache (settings, FALSE);
  webkit_settings_set_enable_back_forward_navigation_gestures (settings, FALSE);
  webkit_settings_set_allow_file_access_from_file_urls (settings, FALSE);
  webkit_settings_set_allow_universal_access_from_file_urls (settings, FALSE);
  webkit_settings_set_allow_top_navigation_to_data_urls (settings, FALSE);

  /* DNS prefetching, hyperlink auditing (ping) and the application
   * cache are gone from WebKit (their settings only warn); a prefetch or
   * ping is a request like any other for the content filter. */

  webkit_settings_set_enable_media (settings, FALSE);
  webkit_settings_set_enable_mediasource (settings, FALSE);
  webkit_settings_set_enable_media_stream (settings, FALSE);
  webkit_settings_set_enable_encrypted_media (settings, FALSE);
  webkit_settings_set_media_playback_requires_user_gesture (settings, TRUE);
  webkit_settings_set_enable_webaudio (settings, FALSE);
  webkit_settings_set_enable_webgl (settings, FALSE);
  webkit_settings_set_enable_webrtc (settings, FALSE);

  /* A document needs no compositing: painting without it shows an edit
   * within a few ms (measured: 3.6 ms vs 21 ms median to the page's next
   * frame, bench/preview-bench.sh) and needs no GL in the web process.
   * It also paints in the task that runs the animation frame callbacks,
   * which the page's frame reports count on (data/preview/preview.js). */
  webkit_settings_set_hardware_acceleration_policy (settings, WEBKIT_HARDWARE_ACCELERATION_POLICY_NEVER);
  webkit_settings_set_default_charset (settings, "utf-8");
  webkit_settings_set_enable_developer_extras (settings, g_str_equal (PROFILE, "development"));

  return settings;
}

static gboolean
is_external_scheme (const char *uri)
{
  g_autofree char *scheme = g_uri_parse_scheme (uri);

  return scheme != NULL &&
         (g_ascii_strcasecmp (scheme, "http") == 0 ||
          g_ascii_strcasecmp (scheme, "https") == 0 ||
          g_ascii_strcasecmp (scheme, "mailto") == 0);
}

static char *
dup_host (const char *uri)
{
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);

  if (parsed == NULL || g_uri_get_host (parsed) == NULL)
    return NULL;
  return g_strdup (g_uri_get_host (parsed));
}

static char *
format_date (const char *text)
{
  g_autoptr(GDateTime) date_time = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  date_time = g_date_time_new_from_iso8601 (text, utc);
  if (date_time == NULL && strlen (text) == 10)
    {
      g_autofree char *midnight = g_strconcat (text, "T00:00:00Z", NULL);

      date_time = g_date_time_new_from_iso8601 (midnight, utc);
    }
  if (date_time == NULL)
    return g_strdup (text);

  /* Translators: the date of a curated item in the preview, see
   * g_date_time_format() */
  return g_date_time_format (date_time, _("%-d %B %Y"));
}

static void
append_escaped (GString    *html,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (html, escaped);
}

static char *
build_card_html (CuratorPreview *self)
{
  const CuratorPreviewCard *card = self->card;
  g_autoptr(GString) html = g_string_new (NULL);
  g_autofree char *brand = NULL;
  gboolean has_link;

  if (card == NULL)
    return g_strdup ("");

  if (self->image_data_uri != NULL ||
      (card->image_uri != NULL && g_str_has_prefix (card->image_uri, "https:")))
    {
      const char *src = self->image_data_uri;

      if (src == NULL && self->remote_images)
        src = card->image_uri;

      if (src != NULL)
        {
          g_string_append (html, "<img class=\"featured\" src=\"");
          append_escaped (html, src);
          g_string_append (html, "\" alt=\"");
          append_escaped (html, card->image_alt ? card->image_alt : "");
          g_string_append (html, "\">");
        }
      else
        {
          g_string_append (html, "<div class=\"featured-blocked\">");
          append_escaped (html, _("Remote featured image not loaded"));
          g_string_append (html, "</div>");
        }
    }

  has_link = card->link != NULL && is_external_scheme (card->link);
  brand = g_strdup (card->brand);
  if ((brand == NULL || *brand == '\0') && has_link)
    {
      g_free (brand);
      brand = dup_host (card->link);
    }

  if ((brand != NULL && *brand != '\0') || (card->date != NULL && *card->date != '\0'))
    {
      g_string_append (html, "<div class=\"source\">");
      if (brand != NULL && *brand != '\0')
        {
          if (has_link)
            {
              g_string_append (html, "<a href=\"");
              append_escaped (html, card->link);
              g_string_append (html, "\">");
              append_escaped (html, brand);
              g_string_append (html, "</a>");
            }
          else
            append_escaped (html, brand);
        }
      if (card->date != NULL && *card->date != '\0')
        {
          g_autofree char *date = format_date (card->date);

          if (brand != NULL && *brand != '\0')
            g_string_append (html, " · ");
          g_string_append (html, "<time>");
          append_escaped (html, date);
          g_string_append (html, "</time>");
        }
      g_string_append (html, "</div>");
    }

  if (card->title != NULL && *card->title != '\0')
    {
      g_string_append (html, "<h1>");
      append_escaped (html, card->title);
      g_string_append (html, "</h1>");
    }

  if (card->description != NULL && *card->description != '\0')
    {
      g_string_append (html, "<p class=\"description\">");
      append_escaped (html, card->description);
      g_string_append (html, "</p>");
    }

  if (card->tags != NULL && card->tags[0] != NULL)
    {
      g_string_append (html, "<ul class=\"tags\">");
      for (guint i = 0; card->tags[i] != NULL; i++)
        {
          g_string_append (html, "<li>");
          append_escaped (html, card->tags[i]);
          g_string_append (html, "</li>");
        }
      g_string_append (html, "</ul>");
    }

  return g_string_free (g_steal_pointer (&html), FALSE);
}

static const char *
get_theme_class (CuratorPreview *self)
{
  return self->dark ? "dark" : "light";
}

static void
update_background (CuratorPreview *self)
{
  /* The page's background, so that a (re)load never flashes white. */
  GdkRGBA background;

  gdk_rgba_parse (&background, self->dark ? "#1e1e1e" : "#ffffff");
  webkit_web_view_set_background_color (self->web_view, &background);
}

/* @text as the content of a <textarea>, which gives it back verbatim. */
static void
append_as_text (GString    *page,
                const char *text,
                gsize       length)
{
  for (const char *at = text; at < text + length; at++)
    {
      switch (*at)
        {
        case '&':
          g_string_append (page, "&amp;");
          break;

        case '<':
          g_string_append (page, "&lt;");
          break;

        /* The parser would read a CR LF as LF. */
        case '\r':
          g_string_append (page, "&#13;");
          break;

        default:
          g_string_append_c (page, *at);
        }
    }
}

/* The page, with the card and the body's @pieces of @body (none: an
 * empty page).
 * The pieces come as text, which data/preview/preview.js parses into the
 * page before its first frame: parsed with the page, a stray end tag in
 * the body could close what holds it. */
static char *
build_page (CuratorPreview *self,
            const char     *body,
            GArray         *pieces)
{
  g_autoptr(GString) page = g_string_new (NULL);

  g_string_append_printf (page,
                          "<!DOCTYPE html>\n"
                          "<html class=\"%s\"><head><meta charset=\"utf-8\">"
                          "<meta http-equiv=\"Content-Security-Policy\" content=\"%s\">"
                          "<meta name=\"referrer\" content=\"no-referrer\">"
                          "<style>%s</style></head>\n"
                          "<body><header id=\"curator-card\">%s</header>"
                          "<main id=\"curator-body\"></main>",
                          get_theme_class (self),
                          self->remote_images ? CSP_HTTPS_IMAGES : CSP_BLOCK_ALL,
                          get_stylesheet (),
                          pieces != NULL && self->card_html ? self->card_html : "");
  for (guint i = 0; pieces != NULL && i < pieces->len; i++)
    {
      /* The parser drops a newline right after <textarea>. */
      const CuratorHtmlPiece *piece = &g_array_index (pieces, CuratorHtmlPiece, i);

      g_string_append (page, "<textarea class=\"curator-piece-source\" hidden>\n");
      append_as_text (page, body + piece->offset, piece->length);
      g_string_append (page, "</textarea>");
    }
  g_string_append (page, "</body></html>\n");

  return g_string_free (g_steal_pointer (&page), FALSE);
}

/* No frame waits for an update whose report will not come (a new page,
 * a failed update, a hidden or restarted page); how fast the page reports
 * is unknown again, so the next update is waited for and measured. */
static void
forget_awaited_frame (CuratorPreview *self)
{
  self->awaited_serial = 0;
  self->page_frame_us = 0;
}

static void
finish_update (CuratorPreview *self,
               gboolean        failed)
{
  self->in_flight = FALSE;
  self->failures = failed ? self->failures + 1 : 0;

  /* A failed update is tried again from a fresh page, a few times. */
  if (self->serial != self->sent_serial ||
      (failed && self->failures <= MAX_RETRIES))
    queue_update (self);
}

static void
report_painted_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CuratorPreview) self = user_data;
  g_autoptr(JSCValue) value = NULL;
  g_autoptr(GError) error = NULL;

  value = webkit_web_view_call_async_javascript_function_finish (WEBKIT_WEB_VIEW (object),
                                                                  result,
                                                                  &error);
  if (value == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Could not watch the preview's next frame: %s", error->message);
}

static void
update_in_place_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(CuratorPreview) self = user_data;
  g_autoptr(JSCValue) value = NULL;
  g_autoptr(GError) error = NULL;

  value = webkit_web_view_call_async_javascript_function_finish (WEBKIT_WEB_VIEW (object),
                                                                  result,
                                                                  &error);
  if (self->web_view == NULL)
    return;

  if (value == NULL)
    {
      /* The page is not what we think it is (the web process restarted,
       * for example): start again from a fresh page. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not update the preview in place: %s", error->message);
      forget_awaited_frame (self);
      self->shell_loaded = FALSE;
      self->body_dirty = TRUE;
      self->card_dirty = TRUE;
    }

  finish_update (self, value == NULL);
}

/* {"0": piece, "1": ...}: arrays cannot be passed to the page. */
static GVariant *
pieces_to_variant (const char *body,
                   GArray     *pieces,
                   guint       start,
                   guint       end)
{
  GVariantDict dict;

  g_variant_dict_init (&dict, NULL);
  for (guint i = start; i < end; i++)
    {
      const CuratorHtmlPiece *piece = &g_array_index (pieces, CuratorHtmlPiece, i);
      g_autofree char *text = g_strndup (body + piece->offset, piece->length);
      char key[16];

      g_snprintf (key, sizeof key, "%u", i - start);
      g_variant_dict_insert (&dict, key, "s", text);
    }

  return g_variant_dict_end (&dict);
}

static gboolean
same_piece (const char             *a_text,
            const CuratorHtmlPiece *a,
            const char             *b_text,
            const CuratorHtmlPiece *b)
{
  return a->length == b->length && memcmp (a_text + a->offset, b_text + b->offset, a->length) == 0;
}

static void
load_shell (CuratorPreview *self)
{
  g_autofree char *page = NULL;

  g_free (self->page_body);
  self->page_body = g_strdup (self->body ? self->body : "");
  g_clear_pointer (&self->page_pieces, g_array_unref);
  self->page_pieces = curator_html_split_pieces (self->page_body, strlen (self->page_body),
                                                 PIECE_SPACING);
  page = build_page (self, self->page_body, self->page_pieces);

  self->in_flight = TRUE;
  self->expecting_shell = TRUE;
  forget_awaited_frame (self);
  self->reload_needed = FALSE;
  self->sent_serial = self->serial;
  self->body_dirty = FALSE;
  self->card_dirty = FALSE;
  webkit_web_view_load_html (self->web_view, page, NULL);
}

static void
load_empty_shell (CuratorPreview *self)
{
  g_autofree char *page = build_page (self, NULL, NULL);

  self->in_flight = TRUE;
  self->warming_up = TRUE;
  self->expecting_shell = TRUE;
  forget_awaited_frame (self);
  webkit_web_view_load_html (self->web_view, page, NULL);
}

/* Adds what replaces the pieces of the body that changed to @update. */
static void
add_changed_pieces (CuratorPreview *self,
                    GVariantDict   *update)
{
  const char *body = self->body != NULL ? self->body : "";
  gsize length = strlen (body);
  GArray *old = self->page_pieces;
  g_autoptr(GArray) pieces = NULL;
  guint first, last;
  guint removed, added;

  pieces = curator_html_resplit_pieces (self->page_body, strlen (self->page_body), old,
                                        body, length, PIECE_SPACING, &first, &last);
  /* A piece scanned again may have come out the same. */
  while (first < old->len - last && first < pieces->len - last &&
         same_piece (self->page_body, &g_array_index (old, CuratorHtmlPiece, first),
                     body, &g_array_index (pieces, CuratorHtmlPiece, first)))
    first++;
  while (last < old->len - first && last < pieces->len - first &&
         same_piece (self->page_body, &g_array_index (old, CuratorHtmlPiece, old->len - 1 - last),
                     body, &g_array_index (pieces, CuratorHtmlPiece, pieces->len - 1 - last)))
    last++;

  removed = old->len - first - last;
  added = pieces->len - first - last;
  g_variant_dict_insert (update, "first", "u", first);
  g_variant_dict_insert (update, "removed", "u", removed);
  g_variant_dict_insert_value (update, "added", pieces_to_variant (body, pieces, first, first + added));
  g_variant_dict_insert (update, "addedCount", "u", added);

  g_free (self->page_body);
  self->page_body = g_strndup (body, length);
  g_array_unref (self->page_pieces);
  self->page_pieces = g_steal_pointer (&pieces);
}

static void
update_in_place (CuratorPreview *self)
{
  GVariantDict update;
  GVariantDict arguments;

  g_variant_dict_init (&update, NULL);
  if (self->card_dirty)
    g_variant_dict_insert (&update, "card", "s", self->card_html ? self->card_html : "");
  if (self->body_dirty)
    add_changed_pieces (self, &update);
  g_variant_dict_insert (&update, "theme", "s", get_theme_class (self));
  g_variant_dict_insert (&update, "serial", "u", self->serial);

  g_variant_dict_init (&arguments, NULL);
  g_variant_dict_insert_value (&arguments, "update", g_variant_dict_end (&update));

  self->in_flight = TRUE;
  self->sent_serial = self->serial;
  self->awaited_serial = self->serial;
  self->awaited_sent_at = g_get_monotonic_time ();
  /* The next frame flushes and pauses input first, so that none is
   * handled while it waits for the page, and has a layout phase, where
   * it waits (see layout_done_cb()). */
  if (self->frame_clock != NULL)
    gdk_frame_clock_request_phase (self->frame_clock,
                                   GDK_FRAME_CLOCK_PHASE_FLUSH_EVENTS | GDK_FRAME_CLOCK_PHASE_LAYOUT);
  self->body_dirty = FALSE;
  self->card_dirty = FALSE;
  webkit_web_view_call_async_javascript_function (self->web_view,
                                                  "return curatorUpdate (update);", -1,
                                                  g_variant_dict_end (&arguments),
                                                  NULL, NULL,
                                                  self->cancellable,
                                                  update_in_place_cb,
                                                  g_object_ref (self));
}

static void
filter_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CuratorPreview) self = user_data;
  g_autoptr(WebKitUserContentFilter) filter = NULL;
  g_autoptr(GError) error = NULL;

  filter = curator_preview_filter_load_finish (CURATOR_PREVIEW_FILTER (object), result, &error);
  self->filter_loading = FALSE;

  /* Without its filter the preview stays empty: never render unfiltered. */
  if (filter == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("The preview stays empty: %s", error->message);
      return;
    }

  if (self->web_view != NULL)
    queue_update (self);
}

/* Puts the content filter of the wanted policy in place. FALSE while it
 * is still being loaded or compiled. */
static gboolean
ensure_filter (CuratorPreview *self)
{
  CuratorPreviewFilterPolicy policy = self->remote_images
    ? CURATOR_PREVIEW_FILTER_ALLOW_HTTPS_IMAGES
    : CURATOR_PREVIEW_FILTER_BLOCK_ALL;
  CuratorPreviewFilter *filters = curator_preview_filter_get_default ();
  WebKitUserContentFilter *filter;

  if (self->applied_policy == (int)policy)
    return TRUE;

  filter = curator_preview_filter_peek (filters, policy);
  if (filter == NULL)
    {
      if (!self->filter_loading)
        {
          self->filter_loading = TRUE;
          curator_preview_filter_load_async (filters, policy, self->cancellable,
                                             filter_loaded_cb, g_object_ref (self));
        }
      return FALSE;
    }

  webkit_user_content_manager_remove_all_filters (self->content_manager);
  webkit_user_content_manager_add_filter (self->content_manager, filter);
  self->applied_policy = policy;
  /* The CSP changes with the policy: it lives in the page's head. */
  self->reload_needed = TRUE;

  return TRUE;
}

static gboolean
update_cb (gpointer user_data)
{
  CuratorPreview *self = user_data;

  self->update_source = 0;

  if (self->in_flight)
    return G_SOURCE_REMOVE;

  if (!ensure_filter (self))
    {
      /* Start the web process with an empty page while the filter loads
       * (both take a while on a cold start); the content only comes once
       * the filter is in place, in a fresh page. */
      if (!self->shell_loaded)
        load_empty_shell (self);
      return G_SOURCE_REMOVE;
    }

  if (self->card_dirty)
    {
      g_free (self->card_html);
      self->card_html = build_card_html (self);
    }

  if (!self->shell_loaded || self->reload_needed || self->page_pieces == NULL)
    load_shell (self);
  else
    update_in_place (self);

  return G_SOURCE_REMOVE;
}

static void
queue_update (CuratorPreview *self)
{
  /* One update at a time; what changes meanwhile goes into the next. */
  if (self->update_source != 0 || self->in_flight || self->web_view == NULL)
    return;

  /* After the pending input (so a burst folds into one update) but before
   * GTK paints the keystroke's frame: the web process renders meanwhile. */
  self->update_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_cb, self, NULL);
}

static void
content_changed (CuratorPreview *self)
{
  self->serial++;
  queue_update (self);
}

static void
image_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GFile *file = G_FILE (object);
  g_autoptr(CuratorPreview) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = curator_file_read_finish (file, result, &error);
  g_autofree char *content_type = NULL;
  g_autofree char *mime_type = NULL;
  g_autofree char *base64 = NULL;
  const guchar *data;
  gsize length;

  if (bytes == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No featured image: %s", error->message);
      return;
    }

  if (self->image_file == NULL || !g_file_equal (file, self->image_file))
    return;

  data = g_bytes_get_data (bytes, &length);
  content_type = g_content_type_guess (NULL, data, length, NULL);
  mime_type = g_content_type_get_mime_type (content_type);
  if (mime_type == NULL || !g_str_has_prefix (mime_type, "image/"))
    {
      g_debug ("The featured image %s is not an image (%s)",
               g_file_peek_path (file), mime_type ? mime_type : content_type);
      return;
    }

  base64 = g_base64_encode (data, length);
  g_free (self->image_data_uri);
  self->image_data_uri = g_strdup_printf ("data:%s;base64,%s", mime_type, base64);
  self->card_dirty = TRUE;
  content_changed (self);
}

static void
update_image_file (CuratorPreview *self,
                   GFile          *file)
{
  if (file == self->image_file ||
      (file != NULL && self->image_file != NULL && g_file_equal (file, self->image_file)))
    return;

  g_cancellable_cancel (self->image_cancellable);
  g_clear_object (&self->image_cancellable);
  g_clear_pointer (&self->image_data_uri, g_free);
  g_set_object (&self->image_file, file);

  if (file == NULL)
    return;

  self->image_cancellable = g_cancellable_new ();
  /* Too large, it is not read: the card goes without it. */
  curator_file_read_async (file, MAX_IMAGE_SIZE, self->image_cancellable, image_loaded_cb, g_object_ref (self));
}

static gboolean
decide_policy_cb (CuratorPreview           *self,
                  WebKitPolicyDecision     *decision,
                  WebKitPolicyDecisionType  type,
                  WebKitWebView            *web_view)
{
  WebKitNavigationAction *action;
  WebKitURIRequest *request;
  const char *uri;

  if (type == WEBKIT_POLICY_DECISION_TYPE_RESPONSE)
    return FALSE;

  action = webkit_navigation_policy_decision_get_navigation_action (WEBKIT_NAVIGATION_POLICY_DECISION (decision));
  request = webkit_navigation_action_get_request (action);
  uri = webkit_uri_request_get_uri (request);

  /* The only navigation allowed: the page this widget loads itself. */
  if (type == WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION &&
      self->expecting_shell &&
      g_strcmp0 (uri, "about:blank") == 0)
    {
      self->expecting_shell = FALSE;
      webkit_policy_decision_use (decision);
      return TRUE;
    }

  webkit_policy_decision_ignore (decision);

  /* A link the user clicked opens in the browser; anything else (meta
   * refresh, forms, frames, scripts, drops) goes nowhere. */
  if (webkit_navigation_action_get_navigation_type (action) == WEBKIT_NAVIGATION_TYPE_LINK_CLICKED &&
      uri != NULL && is_external_scheme (uri))
    {
      gboolean handled = FALSE;

      g_signal_emit (self, signals[ACTIVATE_LINK], 0, uri, &handled);
    }
  else
    g_debug ("Refused navigation to %s", uri ? uri : "(null)");

  return TRUE;
}

static void
load_changed_cb (CuratorPreview  *self,
                 WebKitLoadEvent  load_event,
                 WebKitWebView   *web_view)
{
  GVariantDict arguments;

  if (load_event != WEBKIT_LOAD_FINISHED || !self->in_flight)
    return;

  self->shell_loaded = TRUE;

  if (self->warming_up)
    {
      self->warming_up = FALSE;
      self->in_flight = FALSE;
      queue_update (self);
      return;
    }

  g_variant_dict_init (&arguments, NULL);
  g_variant_dict_insert (&arguments, "serial", "u", self->sent_serial);
  webkit_web_view_call_async_javascript_function (self->web_view,
                                                  "curatorLoaded (serial);", -1,
                                                  g_variant_dict_end (&arguments),
                                                  NULL, NULL,
                                                  self->cancellable,
                                                  report_painted_cb,
                                                  g_object_ref (self));
  finish_update (self, FALSE);
}

static gboolean
load_failed_cb (CuratorPreview  *self,
                WebKitLoadEvent  load_event,
                const char      *failing_uri,
                GError          *error,
                WebKitWebView   *web_view)
{
  g_debug ("Loading the preview failed: %s", error->message);
  if (self->in_flight)
    {
      self->shell_loaded = FALSE;
      self->expecting_shell = FALSE;
      self->warming_up = FALSE;
      self->body_dirty = TRUE;
      self->card_dirty = TRUE;
      finish_update (self, TRUE);
    }

  return TRUE;
}

static void
web_process_terminated_cb (CuratorPreview                     *self,
                           WebKitWebProcessTerminationReason   reason,
                           WebKitWebView                      *web_view)
{
  /* Structured, so that a test's log writer can count it (tests/curator-test-utils.c). */
  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING,
                    "MESSAGE", "The preview's web process ended (reason %d), reloading it", reason);
  forget_awaited_frame (self);
  self->shell_loaded = FALSE;
  self->expecting_shell = FALSE;
  self->in_flight = FALSE;
  self->warming_up = FALSE;
  content_changed (self);
}

static gboolean
permission_request_cb (CuratorPreview          *self,
                       WebKitPermissionRequest *request,
                       WebKitWebView           *web_view)
{
  webkit_permission_request_deny (request);
  return TRUE;
}

static gboolean
context_menu_cb (CuratorPreview      *self,
                 WebKitContextMenu   *menu,
                 WebKitHitTestResult *hit_test_result,
                 WebKitWebView       *web_view)
{
  g_autoptr(GList) items = g_list_copy (webkit_context_menu_get_items (menu));

  /* Keep what cannot navigate, download or reload. */
  for (const GList *l = items; l != NULL; l = l->next)
    {
      WebKitContextMenuItem *item = l->data;

      switch (webkit_context_menu_item_get_stock_action (item))
        {
        case WEBKIT_CONTEXT_MENU_ACTION_COPY:
        case WEBKIT_CONTEXT_MENU_ACTION_COPY_LINK_TO_CLIPBOARD:
        case WEBKIT_CONTEXT_MENU_ACTION_SELECT_ALL:
        case WEBKIT_CONTEXT_MENU_ACTION_INSPECT_ELEMENT:
          break;

        default:
          webkit_context_menu_remove (menu, item);
          break;
        }
    }

  return webkit_context_menu_first (menu) == NULL;
}

/* The page reports a frame with its serial, or after an update with
 * [serial, ms the page took] (data/preview/preview.js). */
static void
painted_cb (CuratorPreview           *self,
            JSCValue                 *value,
            WebKitUserContentManager *content_manager)
{
  g_autoptr(JSCValue) serial_value = NULL;
  g_autoptr(JSCValue) took_value = NULL;
  gint64 took_us = -1;
  guint serial;

  if (jsc_value_is_array (value))
    {
      serial_value = jsc_value_object_get_property_at_index (value, 0);
      took_value = jsc_value_object_get_property_at_index (value, 1);
      if (!jsc_value_is_number (took_value))
        return;
      took_us = (gint64)(jsc_value_to_double (took_value) * 1000);
    }
  else
    serial_value = g_object_ref (value);
  if (!jsc_value_is_number (serial_value))
    return;

  serial = (guint)jsc_value_to_double (serial_value);
  if (serial <= self->painted_serial)
    return;

  if (self->awaited_serial != 0 && serial >= self->awaited_serial)
    {
      if (took_us >= 0)
        self->page_frame_us = took_us;
      self->awaited_serial = 0;
    }
  self->painted_serial = serial;
  g_signal_emit (self, signals[PAINTED], 0, serial);
}

static void
link_clicked_cb (CuratorPreview           *self,
                 JSCValue                 *value,
                 WebKitUserContentManager *content_manager)
{
  g_autofree char *uri = NULL;
  gboolean handled = FALSE;

  if (!jsc_value_is_string (value))
    return;

  uri = jsc_value_to_string (value);
  if (is_external_scheme (uri))
    g_signal_emit (self, signals[ACTIVATE_LINK], 0, uri, &handled);
  else
    g_debug ("Not following a link to %s", uri);
}

static void
dark_changed_cb (CuratorPreview  *self,
                 GParamSpec      *pspec,
                 AdwStyleManager *style_manager)
{
  gboolean dark = adw_style_manager_get_dark (style_manager);

  if (dark == self->dark)
    return;

  self->dark = dark;
  update_background (self);
  content_changed (self);
}

static gboolean
curator_preview_real_activate_link (CuratorPreview *self,
                                    const char     *uri)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
  return TRUE;
}

/* A source that is always ready in the main loop iteration that attached
 * it (not in loops nested in what it dispatches): while attached, nothing
 * of a lower priority than its own is dispatched there. */
typedef struct
{
  GSource source;
  int     depth;
} Barrier;

static gboolean
barrier_prepare (GSource *source,
                 int     *timeout)
{
  gboolean ready = g_main_depth () == ((Barrier *)source)->depth;

  *timeout = ready ? 0 : -1;
  return ready;
}

static gboolean
barrier_dispatch (GSource     *source,
                  GSourceFunc  callback,
                  gpointer     user_data)
{
  return G_SOURCE_CONTINUE;
}

static GSourceFuncs barrier_funcs = {
  .prepare = barrier_prepare,
  .dispatch = barrier_dispatch,
};

static gboolean
has_fd (GArray *fds,
        int     fd)
{
  for (guint i = 0; i < fds->len; i++)
    if (g_array_index (fds, int, i) == fd)
      return TRUE;
  return FALSE;
}

/* Runs the main context until the page reports the frame of @serial or
 * @deadline passes, dispatching only sources of G_PRIORITY_HIGH_IDLE and
 * above: WebKit's messages from the web process, and the application's
 * own default-priority sources (D-Bus, GTask callbacks, timeouts). GTK's
 * frame that called this goes on afterwards. */
static void
wait_for_page_frame (CuratorPreview *self,
                     guint           serial,
                     gint64          deadline)
{
  static gboolean waiting;
  GMainContext *context = g_main_context_default ();
  GPollFunc poll_func = g_main_context_get_poll_func (context);
  g_autoptr(GSource) barrier = NULL;
  g_autofree GPollFD *fds = NULL;
  g_autoptr(GArray) ready = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) muted = g_array_new (FALSE, FALSE, sizeof (int));
  int allocated = 16;

  /* Another window's frame may come up meanwhile: it does not wait. */
  if (waiting)
    return;
  waiting = TRUE;

  g_main_context_acquire (context);
  barrier = g_source_new (&barrier_funcs, sizeof (Barrier));
  ((Barrier *)barrier)->depth = g_main_depth ();
  g_source_set_priority (barrier, G_PRIORITY_HIGH_IDLE);
  g_source_set_static_name (barrier, "[curator] waiting for the preview's frame");
  g_source_attach (barrier, context);
  fds = g_new (GPollFD, allocated);

  /* Past the deadline, still one pass without waiting: a report already
   * in costs nothing to show in this frame. */
  for (gboolean first = TRUE;
       self->painted_serial < serial &&
       self->web_view != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)) &&
       (first || g_get_monotonic_time () < deadline);
       first = FALSE)
    {
      int priority, timeout, n_fds;

      g_main_context_prepare (context, &priority);
      while ((n_fds = g_main_context_query (context, G_PRIORITY_HIGH_IDLE, &timeout, fds, allocated)) > allocated)
        {
          allocated = n_fds;
          fds = g_renew (GPollFD, fds, allocated);
        }

      /* A descriptor ready twice in a row belongs to a source that is not
       * dispatched now (the display's, while GDK holds input back): poll
       * it no more, or the wait would spin. */
      for (int i = 0; i < n_fds; i++)
        if (has_fd (muted, fds[i].fd))
          fds[i].events = 0;

      /* The barrier makes the context's own timeout 0: wake up every
       * millisecond for WebKit's timers, and at once for its messages
       * (they wake the context up). */
      poll_func (fds, n_fds, g_get_monotonic_time () < deadline ? 1 : 0);

      for (int i = 0; i < n_fds; i++)
        if (fds[i].revents != 0 && has_fd (ready, fds[i].fd) && !has_fd (muted, fds[i].fd))
          g_array_append_val (muted, fds[i].fd);
      g_array_set_size (ready, 0);
      for (int i = 0; i < n_fds; i++)
        if (fds[i].revents != 0)
          g_array_append_val (ready, fds[i].fd);

      if (g_main_context_check (context, G_PRIORITY_HIGH_IDLE, fds, n_fds))
        g_main_context_dispatch (context);
    }

  g_source_destroy (barrier);
  g_main_context_release (context);
  waiting = FALSE;
}

/* An edit since the last frame that GTK starts from its event flush,
 * before the idle that would send it: send it now, so that the page
 * renders it while GTK lays this frame out. */
static void
before_paint_cb (GdkFrameClock  *frame_clock,
                 CuratorPreview *self)
{
  if (self->update_source != 0 && self->shell_loaded && !self->reload_needed &&
      self->page_pieces != NULL)
    {
      g_clear_handle_id (&self->update_source, g_source_remove);
      update_cb (self);
    }
}

/* The frame after an update waits for the page's frame of it, so that
 * the window and the preview show it together instead of the preview a
 * frame later (a keystroke in the editor, the next file's form). It waits
 * once GTK has laid the frame out, just before painting, so that the page
 * renders meanwhile: until the page's frame should be in (sent, plus the
 * time the page took for the last update, plus REPORT_GRACE_US for the
 * trips), and FRAME_WAIT_US at most. A page not expected within
 * FRAME_WAIT_US is not waited for, but a report already in is taken into
 * this frame. GDK holds input back for this frame (update_in_place() asked
 * for its event flush). A widget resized meanwhile is laid out again
 * before the paint (GdkFrameClock repeats its layout phase while one is
 * requested). */
static void
layout_done_cb (GdkFrameClock  *frame_clock,
                CuratorPreview *self)
{
  gint64 now, page_us, expected, deadline;
  guint serial;

  /* Once per update. */
  serial = self->awaited_serial;
  if (serial == 0 || serial == self->waited_serial)
    return;
  self->waited_serial = serial;

  now = g_get_monotonic_time ();
  page_us = self->page_frame_us > 0 ? self->page_frame_us : FRAME_WAIT_US;
  expected = self->awaited_sent_at + page_us;
  if (expected - now > FRAME_WAIT_US)
    deadline = 0;
  else
    deadline = MIN (MAX (expected, now) + REPORT_GRACE_US, now + FRAME_WAIT_US);

  g_object_ref (self);
  wait_for_page_frame (self, serial, deadline);
  g_object_unref (self);
}

static void
curator_preview_map (GtkWidget *widget)
{
  CuratorPreview *self = CURATOR_PREVIEW (widget);

  GTK_WIDGET_CLASS (curator_preview_parent_class)->map (widget);

  self->frame_clock = g_object_ref (gtk_widget_get_frame_clock (widget));
  self->before_paint_handler = g_signal_connect (self->frame_clock, "before-paint",
                                                 G_CALLBACK (before_paint_cb), self);
  /* After GTK's own layout handlers. */
  self->layout_done_handler = g_signal_connect_after (self->frame_clock, "layout",
                                                      G_CALLBACK (layout_done_cb), self);
}

static void
curator_preview_unmap (GtkWidget *widget)
{
  CuratorPreview *self = CURATOR_PREVIEW (widget);

  g_clear_signal_handler (&self->before_paint_handler, self->frame_clock);
  g_clear_signal_handler (&self->layout_done_handler, self->frame_clock);
  g_clear_object (&self->frame_clock);
  /* A hidden page does not report frames (WebKit holds them back). */
  forget_awaited_frame (self);

  GTK_WIDGET_CLASS (curator_preview_parent_class)->unmap (widget);
}

static void
curator_preview_dispose (GObject *object)
{
  CuratorPreview *self = (CuratorPreview *)object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->image_cancellable);
  g_clear_handle_id (&self->update_source, g_source_remove);

  if (self->content_manager != NULL)
    {
      webkit_user_content_manager_unregister_script_message_handler (self->content_manager,
                                                                     PAINTED_HANDLER, NULL);
      webkit_user_content_manager_unregister_script_message_handler (self->content_manager,
                                                                     LINK_HANDLER, LINK_WORLD);
    }
  g_clear_object (&self->content_manager);
  if (self->web_view != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->web_view));
      self->web_view = NULL;
    }

  G_OBJECT_CLASS (curator_preview_parent_class)->dispose (object);
}

static void
curator_preview_finalize (GObject *object)
{
  CuratorPreview *self = (CuratorPreview *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->image_cancellable);
  g_clear_object (&self->image_file);
  g_clear_pointer (&self->image_data_uri, g_free);
  g_clear_pointer (&self->body, g_free);
  g_clear_pointer (&self->page_body, g_free);
  g_clear_pointer (&self->page_pieces, g_array_unref);
  g_clear_pointer (&self->card, curator_preview_card_free);
  g_clear_pointer (&self->card_html, g_free);

  G_OBJECT_CLASS (curator_preview_parent_class)->finalize (object);
}

static void
curator_preview_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CuratorPreview *self = CURATOR_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_REMOTE_IMAGES:
      g_value_set_boolean (value, self->remote_images);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
curator_preview_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CuratorPreview *self = CURATOR_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_REMOTE_IMAGES:
      curator_preview_set_remote_images (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
curator_preview_class_init (CuratorPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = curator_preview_dispose;
  object_class->finalize = curator_preview_finalize;
  object_class->get_property = curator_preview_get_property;
  object_class->set_property = curator_preview_set_property;

  widget_class->map = curator_preview_map;
  widget_class->unmap = curator_preview_unmap;

  properties[PROP_REMOTE_IMAGES] =
    g_param_spec_boolean ("remote-images", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ACTIVATE_LINK] =
    g_signal_new_class_handler ("activate-link",
                                G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_LAST,
                                G_CALLBACK (curator_preview_real_activate_link),
                                g_signal_accumulator_true_handled, NULL,
                                NULL,
                                G_TYPE_BOOLEAN, 1, G_TYPE_STRING);

  signals[PAINTED] =
    g_signal_new ("painted",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "curatorpreview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
curator_preview_init (CuratorPreview *self)
{
  g_autoptr(WebKitSettings) settings = create_settings ();
  g_autoptr(WebKitUserScript) link_user_script = NULL;
  g_autoptr(WebKitUserScript) page_user_script = NULL;
  AdwStyleManager *style_manager = adw_style_manager_get_default ();

  self->cancellable = g_cancellable_new ();
  self->applied_policy = -1;
  self->card_dirty = TRUE;
  self->body_dirty = TRUE;
  self->dark = adw_style_manager_get_dark (style_manager);

  self->content_manager = webkit_user_content_manager_new ();
  link_user_script = webkit_user_script_new_for_world (link_script,
                                                      WEBKIT_USER_CONTENT_INJECT_ALL_FRAMES,
                                                      WEBKIT_USER_SCRIPT_INJECT_AT_DOCUMENT_START,
                                                      LINK_WORLD, NULL, NULL);
  webkit_user_content_manager_add_script (self->content_manager, link_user_script);
  page_user_script = webkit_user_script_new (get_page_script (),
                                             WEBKIT_USER_CONTENT_INJECT_TOP_FRAME,
                                             WEBKIT_USER_SCRIPT_INJECT_AT_DOCUMENT_END,
                                             NULL, NULL);
  webkit_user_content_manager_add_script (self->content_manager, page_user_script);
  webkit_user_content_manager_register_script_message_handler (self->content_manager,
                                                               LINK_HANDLER, LINK_WORLD);
  g_signal_connect_object (self->content_manager,
                           "script-message-received::" LINK_HANDLER,
                           G_CALLBACK (link_clicked_cb), self, G_CONNECT_SWAPPED);
  webkit_user_content_manager_register_script_message_handler (self->content_manager,
                                                               PAINTED_HANDLER, NULL);
  g_signal_connect_object (self->content_manager,
                           "script-message-received::" PAINTED_HANDLER,
                           G_CALLBACK (painted_cb), self, G_CONNECT_SWAPPED);

  self->web_view = g_object_new (WEBKIT_TYPE_WEB_VIEW,
                                 "web-context", curator_preview_get_web_context (),
                                 "network-session", get_network_session (),
                                 "user-content-manager", self->content_manager,
                                 "settings", settings,
                                 "hexpand", TRUE,
                                 "vexpand", TRUE,
                                 NULL);
  gtk_widget_set_parent (GTK_WIDGET (self->web_view), GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Preview"),
                                  -1);
  update_background (self);

  g_signal_connect_object (self->web_view, "decide-policy",
                           G_CALLBACK (decide_policy_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "load-changed",
                           G_CALLBACK (load_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "load-failed",
                           G_CALLBACK (load_failed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "web-process-terminated",
                           G_CALLBACK (web_process_terminated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "permission-request",
                           G_CALLBACK (permission_request_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "context-menu",
                           G_CALLBACK (context_menu_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (style_manager, "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);

  queue_update (self);
}

GtkWidget *
curator_preview_new (void)
{
  return g_object_new (CURATOR_TYPE_PREVIEW, NULL);
}

/**
 * curator_preview_set_body:
 * @html: (nullable): the body, untrusted HTML
 */
void
curator_preview_set_body (CuratorPreview *self,
                          const char     *html)
{
  g_return_if_fail (CURATOR_IS_PREVIEW (self));

  if (html == NULL)
    html = "";
  if (g_strcmp0 (html, self->body) == 0)
    return;

  g_free (self->body);
  /* The page gets text through GVariant strings: keep it valid UTF-8. */
  self->body = g_utf8_validate (html, -1, NULL) ? g_strdup (html) : g_utf8_make_valid (html, -1);
  self->body_dirty = TRUE;
  content_changed (self);
}

/**
 * curator_preview_set_card:
 * @card: (nullable): what to show above the body
 */
void
curator_preview_set_card (CuratorPreview           *self,
                          const CuratorPreviewCard *card)
{
  g_return_if_fail (CURATOR_IS_PREVIEW (self));

  if (curator_preview_card_equal (card, self->card))
    return;

  g_clear_pointer (&self->card, curator_preview_card_free);
  if (card != NULL)
    self->card = curator_preview_card_copy (card);

  update_image_file (self, card ? card->image_file : NULL);
  self->card_dirty = TRUE;
  content_changed (self);
}

gboolean
curator_preview_get_remote_images (CuratorPreview *self)
{
  g_return_val_if_fail (CURATOR_IS_PREVIEW (self), FALSE);

  return self->remote_images;
}

void
curator_preview_set_remote_images (CuratorPreview *self,
                                   gboolean        remote_images)
{
  g_return_if_fail (CURATOR_IS_PREVIEW (self));

  remote_images = !!remote_images;
  if (self->remote_images == remote_images)
    return;

  self->remote_images = remote_images;
  /* A new filter and CSP: the page is loaded again under them. */
  self->reload_needed = TRUE;
  self->card_dirty = TRUE;
  content_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMOTE_IMAGES]);
}

guint
curator_preview_get_serial (CuratorPreview *self)
{
  g_return_val_if_fail (CURATOR_IS_PREVIEW (self), 0);

  return self->serial;
}

guint
curator_preview_get_painted_serial (CuratorPreview *self)
{
  g_return_val_if_fail (CURATOR_IS_PREVIEW (self), 0);

  return self->painted_serial;
}

guint
curator_preview_get_sent_serial (CuratorPreview *self)
{
  g_return_val_if_fail (CURATOR_IS_PREVIEW (self), 0);

  return self->sent_serial;
}

/**
 * curator_preview_flush:
 *
 * Sends what changed to the page now instead of once the pending input
 * is handled (see queue_update()): for a keystroke, the page renders
 * while GTK handles the rest of it. Nothing is sent while an update is
 * in flight: what changes meanwhile still goes into the next one.
 */
void
curator_preview_flush (CuratorPreview *self)
{
  g_return_if_fail (CURATOR_IS_PREVIEW (self));

  if (self->update_source == 0)
    return;

  g_clear_handle_id (&self->update_source, g_source_remove);
  update_cb (self);
}

/**
 * curator_preview_get_web_view:
 *
 * Returns: (transfer none): the web view (for tests and measurements)
 */
WebKitWebView *
curator_preview_get_web_view (CuratorPreview *self)
{
  g_return_val_if_fail (CURATOR_IS_PREVIEW (self), NULL);

  return self->web_view;
}
