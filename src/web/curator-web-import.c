/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-web-import"

#include "config.h"

#include "curator-web-import.h"

#include "curator-charset.h"
#include "curator-html-sanitizer.h"
#include "curator-web-error.h"

#include <glib/gi18n.h>
#include <string.h>

/* Steps that run side by side; the last to end goes on, or the run
 * fails with the first error. */
typedef struct
{
  guint   pending;
  GError *error;
} Join;

struct _CuratorWebImport
{
  GObject                parent_instance;

  /* Compared only: the import is finalized in the thread it was made in. */
  GThread               *owner;
  GFile                 *folder;
  char                  *url;
  char                  *title;
  char                  *page_html;
  /* page_html parsed, from the facts until the body is made of it. */
  CuratorHtmlDocument   *page_document;
  char                  *selection_html;
  GBytes                *image_bytes;
  char                  *image_url;
  gboolean               fetch_page_image;
  GDateTime             *now;
  CuratorPageFetcher    *fetcher;

  double                 progress;
  char                  *status;
  CuratorPageFacts      *facts;
  CuratorFolderTemplate *template;
  CuratorDocument       *document;
  CuratorImageInfo      *image;
  GFile                 *image_file;
  gboolean               image_written;
  char                  *page_error;
  char                  *content_language;
  GStrvBuilder          *warnings_builder;
  char                 **warnings;
  char                  *body;
  gboolean               running;
  /* The folder and the page (fetched, parsed, its facts) are read at
   * the same time. */
  Join                   reading;
  /* Then the body is made while the featured image is fetched. */
  Join                   finishing;
};

/* A step of @join ended, with @error if it failed: TRUE for the last. */
static gboolean
join_step_done (Join   *join,
                GError *error)
{
  if (error != NULL && join->error == NULL)
    join->error = error;
  else if (error != NULL)
    g_error_free (error);

  g_assert (join->pending > 0);
  return --join->pending == 0;
}

G_DEFINE_FINAL_TYPE (CuratorWebImport, curator_web_import, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FOLDER,
  PROP_PROGRESS,
  PROP_STATUS,
  PROP_FACTS,
  PROP_TEMPLATE,
  PROP_DOCUMENT,
  PROP_IMAGE_FILE,
  PROP_PAGE_ERROR,
  PROP_WARNINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
curator_web_import_dispose (GObject *object)
{
  CuratorWebImport *self = CURATOR_WEB_IMPORT (object);

  g_clear_object (&self->fetcher);
  g_clear_object (&self->facts);
  g_clear_object (&self->template);
  g_clear_object (&self->document);
  g_clear_object (&self->image_file);

  G_OBJECT_CLASS (curator_web_import_parent_class)->dispose (object);
}

static void
curator_web_import_finalize (GObject *object)
{
  CuratorWebImport *self = CURATOR_WEB_IMPORT (object);

  /* Widgets bind to the import and connect to it: finalized in another
   * thread, it would tear those down beside the main loop. */
  g_warn_if_fail (g_thread_self () == self->owner);

  g_clear_error (&self->reading.error);
  g_clear_error (&self->finishing.error);
  g_clear_object (&self->folder);
  g_free (self->url);
  g_free (self->title);
  g_free (self->page_html);
  g_clear_pointer (&self->page_document, curator_html_document_free);
  g_free (self->selection_html);
  g_clear_pointer (&self->image_bytes, g_bytes_unref);
  g_free (self->image_url);
  g_clear_pointer (&self->now, g_date_time_unref);
  g_free (self->status);
  g_clear_pointer (&self->image, curator_image_info_free);
  g_free (self->page_error);
  g_free (self->content_language);
  g_clear_pointer (&self->warnings_builder, g_strv_builder_unref);
  g_strfreev (self->warnings);
  g_free (self->body);

  G_OBJECT_CLASS (curator_web_import_parent_class)->finalize (object);
}

static void
curator_web_import_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CuratorWebImport *self = CURATOR_WEB_IMPORT (object);

  switch (prop_id)
    {
    case PROP_FOLDER:
      g_value_set_object (value, self->folder);
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    case PROP_FACTS:
      g_value_set_object (value, self->facts);
      break;
    case PROP_TEMPLATE:
      g_value_set_object (value, self->template);
      break;
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_IMAGE_FILE:
      g_value_set_object (value, self->image_file);
      break;
    case PROP_PAGE_ERROR:
      g_value_set_string (value, self->page_error);
      break;
    case PROP_WARNINGS:
      g_value_set_boxed (value, self->warnings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
curator_web_import_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  CuratorWebImport *self = CURATOR_WEB_IMPORT (object);

  switch (prop_id)
    {
    case PROP_FOLDER:
      self->folder = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
curator_web_import_class_init (CuratorWebImportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = curator_web_import_dispose;
  object_class->finalize = curator_web_import_finalize;
  object_class->get_property = curator_web_import_get_property;
  object_class->set_property = curator_web_import_set_property;

  properties[PROP_FOLDER] =
    g_param_spec_object ("folder", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, 0, 1, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FACTS] =
    g_param_spec_object ("facts", NULL, NULL, CURATOR_TYPE_PAGE_FACTS,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEMPLATE] =
    g_param_spec_object ("template", NULL, NULL, CURATOR_TYPE_FOLDER_TEMPLATE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, CURATOR_TYPE_DOCUMENT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IMAGE_FILE] =
    g_param_spec_object ("image-file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAGE_ERROR] =
    g_param_spec_string ("page-error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WARNINGS] =
    g_param_spec_boxed ("warnings", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
curator_web_import_init (CuratorWebImport *self)
{
  self->owner = g_thread_self ();
  self->fetch_page_image = TRUE;
  self->warnings_builder = g_strv_builder_new ();
}

CuratorWebImport *
curator_web_import_new (GFile *folder)
{
  g_return_val_if_fail (G_IS_FILE (folder), NULL);

  return g_object_new (CURATOR_TYPE_WEB_IMPORT, "folder", folder, NULL);
}

#define SETTER_PRECONDITIONS(self) \
  g_return_if_fail (CURATOR_IS_WEB_IMPORT (self)); \
  g_return_if_fail (!(self)->running && (self)->document == NULL)

void
curator_web_import_set_url (CuratorWebImport *self,
                            const char       *url)
{
  SETTER_PRECONDITIONS (self);

  g_free (self->url);
  self->url = g_strdup (url);
}

void
curator_web_import_set_title (CuratorWebImport *self,
                              const char       *title)
{
  SETTER_PRECONDITIONS (self);

  g_free (self->title);
  self->title = g_strdup (title);
}

void
curator_web_import_set_page_html (CuratorWebImport *self,
                                  const char       *html)
{
  SETTER_PRECONDITIONS (self);

  g_free (self->page_html);
  self->page_html = g_strdup (html);
}

void
curator_web_import_set_selection_html (CuratorWebImport *self,
                                       const char       *html)
{
  SETTER_PRECONDITIONS (self);

  g_free (self->selection_html);
  self->selection_html = g_strdup (html);
}

void
curator_web_import_set_image_bytes (CuratorWebImport *self,
                                    GBytes           *bytes)
{
  SETTER_PRECONDITIONS (self);

  g_clear_pointer (&self->image_bytes, g_bytes_unref);
  self->image_bytes = bytes != NULL ? g_bytes_ref (bytes) : NULL;
}

void
curator_web_import_set_image_url (CuratorWebImport *self,
                                  const char       *url)
{
  SETTER_PRECONDITIONS (self);

  g_free (self->image_url);
  self->image_url = g_strdup (url);
}

void
curator_web_import_set_fetch_page_image (CuratorWebImport *self,
                                         gboolean          fetch)
{
  SETTER_PRECONDITIONS (self);

  self->fetch_page_image = fetch;
}

void
curator_web_import_set_now (CuratorWebImport *self,
                            GDateTime        *now)
{
  SETTER_PRECONDITIONS (self);

  g_clear_pointer (&self->now, g_date_time_unref);
  self->now = now != NULL ? g_date_time_ref (now) : NULL;
}

void
curator_web_import_set_fetcher (CuratorWebImport   *self,
                                CuratorPageFetcher *fetcher)
{
  SETTER_PRECONDITIONS (self);

  g_set_object (&self->fetcher, fetcher);
}

static void
set_progress (CuratorWebImport *self,
              double            progress,
              const char       *status)
{
  self->progress = CLAMP (progress, 0, 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
  if (status != NULL && g_strcmp0 (status, self->status) != 0)
    {
      g_free (self->status);
      self->status = g_strdup (status);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }
}

/* The steps of run */


static void
finish_run (GTask *task)
{
  CuratorWebImport *self = g_task_get_source_object (task);

  const char * const *template_warnings = curator_folder_template_get_warnings (self->template);

  if (template_warnings != NULL)
    g_strv_builder_addv (self->warnings_builder, (const char **) template_warnings);
  g_strfreev (self->warnings);
  self->warnings = g_strv_builder_end (self->warnings_builder);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WARNINGS]);
  self->running = FALSE;
  set_progress (self, 1, _("Ready"));
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
fail_run (GTask  *task,
          GError *error)
{
  CuratorWebImport *self = g_task_get_source_object (task);

  /* No step runs any more: the parsed page is of no further use. */
  g_clear_pointer (&self->page_document, curator_html_document_free);
  self->running = FALSE;
  g_task_return_error (task, error);
  g_object_unref (task);
}

static gboolean
make_document (CuratorWebImport  *self,
               GError           **error)
{
  const char *url = self->image_url != NULL ? self->image_url
                    : curator_page_facts_get (self->facts, CURATOR_PAGE_FACT_IMAGE);
  g_autoptr(CuratorDocument) document = NULL;
  g_autoptr(GFile) image_file = NULL;

  document = curator_folder_template_create (self->template, self->facts, self->body,
                                             self->image, url, self->now, &image_file, error);
  if (document == NULL)
    return FALSE;
  g_set_object (&self->document, document);
  g_set_object (&self->image_file, image_file);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMAGE_FILE]);
  return TRUE;
}

static void
create_document (GTask *task)
{
  CuratorWebImport *self = g_task_get_source_object (task);
  GError *error = NULL;

  set_progress (self, 0.95, _("Making the new file…"));
  if (!make_document (self, &error))
    {
      fail_run (task, error);
      return;
    }
  finish_run (task);
}

/* One of the two last steps (the body, the image) ended, with @error if
 * the run cannot go on. When both have, the new file is made. */
static void
finishing_done (GTask  *task,
                GError *error)
{
  CuratorWebImport *self = g_task_get_source_object (task);

  if (!join_step_done (&self->finishing, error))
    return;
  if (self->finishing.error != NULL)
    fail_run (task, g_steal_pointer (&self->finishing.error));
  else
    create_document (task);
}

static void
image_progress_cb (goffset  current,
                   goffset  total,
                   gpointer user_data)
{
  CuratorWebImport *self = user_data;

  if (total > 0)
    set_progress (self, 0.7 + 0.25 * current / total, NULL);
}

static void
fetch_image_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  CuratorWebImport *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(CuratorFetchResult) fetched = curator_page_fetcher_fetch_finish (CURATOR_PAGE_FETCHER (object), result, &error);

  if (fetched != NULL)
    self->image = curator_image_info_new_from_bytes (curator_fetch_result_get_bytes (fetched), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      finishing_done (task, g_steal_pointer (&error));
      return;
    }
  if (self->image == NULL)
    {
      g_autofree char *warning = g_strdup_printf (_("The featured image could not be had: %s"), error->message);

      g_strv_builder_add (self->warnings_builder, warning);
    }
  finishing_done (task, NULL);
}

static void
fetch_image (GTask *task)
{
  CuratorWebImport *self = g_task_get_source_object (task);
  const char *url = self->image_url;
  g_autoptr(GError) error = NULL;

  if (curator_folder_template_get_image_key (self->template) == NULL &&
      (self->image_bytes != NULL || self->image_url != NULL))
    g_strv_builder_add (self->warnings_builder, _("The folder’s files have no featured image field: the image is not kept"));
  if (curator_folder_template_get_image_key (self->template) == NULL)
    {
      finishing_done (task, NULL);
      return;
    }

  if (self->image_bytes != NULL)
    {
      self->image = curator_image_info_new_from_bytes (self->image_bytes, &error);
      if (self->image == NULL)
        {
          g_autofree char *warning = g_strdup_printf (_("The featured image could not be had: %s"), error->message);

          g_strv_builder_add (self->warnings_builder, warning);
        }
      finishing_done (task, NULL);
      return;
    }

  if (url == NULL && self->fetch_page_image)
    url = curator_page_facts_get (self->facts, CURATOR_PAGE_FACT_IMAGE);
  if (url == NULL)
    {
      finishing_done (task, NULL);
      return;
    }

  set_progress (self, 0.7, _("Fetching the image…"));
  curator_page_fetcher_fetch_async (self->fetcher, url, CURATOR_FETCH_IMAGE, g_task_get_cancellable (task),
                                    image_progress_cb, self, fetch_image_cb, task);
}

/* A step of @task run on a worker thread. The step's own task holds no
 * reference to the import: GLib's worker drops its reference to the
 * step's task after the result is on its way to this thread, so that
 * drop can be the last one, and the import (with the bindings and
 * handlers the dialog's widgets have on it) must never be finalized
 * off the main thread. The import stays alive through @task, which the
 * step's callback receives and which is only released here. */
static GTask *
new_thread_task (GTask               *task,
                 GAsyncReadyCallback  callback)
{
  GTask *thread_task = g_task_new (NULL, g_task_get_cancellable (task), callback, task);

  g_task_set_task_data (thread_task, task, NULL);
  return thread_task;
}

/* The body, once the folder says how its bodies are written: the
 * selection dropped, or the page's main content. */
static void
make_body_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  CuratorWebImport *self = g_task_get_source_object (task_data);
  guint flags = curator_folder_template_get_body_flags (self->template);
  const char *base = curator_page_facts_get_base (self->facts);
  /* No step reads the page after this one. */
  CuratorHtmlDocument *page = g_steal_pointer (&self->page_document);

  if (self->selection_html != NULL)
    self->body = curator_html_sanitize (self->selection_html, -1, base, flags);
  else if (page != NULL)
    self->body = curator_html_sanitize_page (page, base, flags | CURATOR_SANITIZE_MAIN_CONTENT);
  g_task_return_boolean (task, TRUE);

  /* Freeing a large page's tree takes milliseconds: here, not on the
   * main thread, and once the new file can be made without it. */
  g_clear_pointer (&page, curator_html_document_free);
}

static void
make_body_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  /* Only a cancelled run fails here. */
  g_task_propagate_boolean (G_TASK (result), &error);
  finishing_done (task, error);
}

static void
make_body (GTask *task)
{
  CuratorWebImport *self = g_task_get_source_object (task);
  g_autoptr(GTask) thread_task = new_thread_task (task, make_body_cb);

  set_progress (self, 0.65, NULL);
  g_task_run_in_thread (thread_task, make_body_thread);
}

/* What the page's worker found, for the main thread to keep. */
typedef struct
{
  char                *url;               /* where the page was had (redirects followed) */
  char                *html;
  char                *content_language;
  char                *error;             /* why it could not be had */
  CuratorHtmlDocument *document;
  CuratorPageFacts    *facts;
} PageRead;

static void
page_read_free (PageRead *read)
{
  g_free (read->url);
  g_free (read->html);
  g_free (read->content_language);
  g_free (read->error);
  g_clear_pointer (&read->document, curator_html_document_free);
  g_clear_object (&read->facts);
  g_free (read);
}

typedef struct
{
  GTask      *task;      /* the run's, which holds the import */
  double      progress;
  const char *status;    /* translated, static; or NULL */
} ProgressUpdate;

static gboolean
apply_progress_cb (gpointer data)
{
  ProgressUpdate *update = data;

  set_progress (g_task_get_source_object (update->task), update->progress, update->status);
  return G_SOURCE_REMOVE;
}

static void
progress_update_free (gpointer data)
{
  ProgressUpdate *update = data;

  g_object_unref (update->task);
  g_free (update);
}

/* From the page's worker: progress is shown from the main thread. The
 * update holds the run's task, and so the import, until it is applied
 * there (before the step's own result, which is queued after it). */
static void
post_progress (GTask      *task,
               double      progress,
               const char *status)
{
  ProgressUpdate *update = g_new (ProgressUpdate, 1);

  update->task = g_object_ref (task);
  update->progress = progress;
  update->status = status;
  g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT,
                              apply_progress_cb, update, progress_update_free);
}

static void
page_progress_cb (goffset  current,
                  goffset  total,
                  gpointer user_data)
{
  GTask *task = user_data;

  if (total > 0)
    post_progress (task, 0.1 + 0.5 * current / total, NULL);
}

/* The page fetched, decoded and parsed, and its facts read, on a worker
 * thread, each step straight after the other: a page that came back to
 * the main thread between them waited there for the window's own work
 * (the dialog made and drawn), 10-20 ms. The parsed page stays for the
 * body. */
static void
read_page_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GTask *run = task_data;
  CuratorWebImport *self = g_task_get_source_object (run);
  PageRead *read = g_new0 (PageRead, 1);
  const char *html = self->page_html;
  const char *url = self->url;
  const char *content_language = NULL;

  if (url != NULL && html == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CuratorFetchResult) fetched =
        curator_page_fetcher_fetch (self->fetcher, url, CURATOR_FETCH_PAGE, cancellable, page_progress_cb, run, &error);

      if (fetched == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          page_read_free (read);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      if (fetched == NULL)
        {
          /* What the drop carried still makes a file. */
          read->error = g_strdup (error->message);
        }
      else
        {
          GBytes *bytes = curator_fetch_result_get_bytes (fetched);

          read->html = curator_charset_decode_html (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                                    curator_fetch_result_get_content_type (fetched), NULL, NULL);
          read->url = g_strdup (curator_fetch_result_get_url (fetched));
          read->content_language = g_strdup (curator_fetch_result_get_content_language (fetched));
          html = read->html;
          url = read->url;
          content_language = read->content_language;
        }
    }

  post_progress (run, 0.6, _("Reading the page…"));
  if (html != NULL)
    {
      read->document = curator_html_document_parse (html, strlen (html));
      read->facts = curator_page_facts_new_from_document (read->document, url);
    }
  else
    read->facts = curator_page_facts_new ();
  if (curator_page_facts_get (read->facts, CURATOR_PAGE_FACT_URL) == NULL)
    curator_page_facts_set (read->facts, CURATOR_PAGE_FACT_URL, url);
  if (curator_page_facts_get (read->facts, CURATOR_PAGE_FACT_TITLE) == NULL && self->title != NULL)
    {
      g_autofree char *title = curator_html_collapse_whitespace (self->title);

      curator_page_facts_set (read->facts, CURATOR_PAGE_FACT_TITLE, title);
    }
  if (curator_page_facts_get (read->facts, CURATOR_PAGE_FACT_LANGUAGE) == NULL && content_language != NULL)
    curator_page_facts_set (read->facts, CURATOR_PAGE_FACT_LANGUAGE, content_language);

  g_task_return_pointer (task, read, (GDestroyNotify) page_read_free);
}

static void reading_done (GTask  *task,
                          GError *error);

static void
read_page_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  CuratorWebImport *self = g_task_get_source_object (task);
  GError *error = NULL;
  PageRead *read = g_task_propagate_pointer (G_TASK (result), &error);

  if (read == NULL)
    {
      reading_done (task, error);
      return;
    }

  if (read->error != NULL)
    {
      g_free (self->page_error);
      self->page_error = g_steal_pointer (&read->error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE_ERROR]);
    }
  if (read->html != NULL)
    {
      g_free (self->page_html);
      self->page_html = g_steal_pointer (&read->html);
      g_free (self->url);
      self->url = g_steal_pointer (&read->url);
      g_free (self->content_language);
      self->content_language = g_steal_pointer (&read->content_language);
    }
  self->page_document = g_steal_pointer (&read->document);
  self->facts = g_steal_pointer (&read->facts);
  page_read_free (read);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FACTS]);
  reading_done (task, NULL);
}

/* One of the two reads (the folder's files, the page) ended, with
 * @error if it failed. When both have, the page is read, or the run
 * fails with the first error. */
static void
reading_done (GTask  *task,
              GError *error)
{
  CuratorWebImport *self = g_task_get_source_object (task);

  if (!join_step_done (&self->reading, error))
    return;
  if (self->reading.error != NULL)
    {
      fail_run (task, g_steal_pointer (&self->reading.error));
      return;
    }
  self->finishing.pending = 2;
  make_body (task);
  fetch_image (task);
}

static void
read_page (GTask *task)
{
  CuratorWebImport *self = g_task_get_source_object (task);
  g_autoptr(GTask) thread_task = new_thread_task (task, read_page_cb);

  if (self->url != NULL && self->page_html == NULL)
    set_progress (self, 0.1, _("Fetching the page…"));
  g_task_run_in_thread (thread_task, read_page_thread);
}

static void
template_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  CuratorWebImport *self = g_task_get_source_object (task);
  GError *error = NULL;

  self->template = curator_folder_template_new_finish (result, &error);
  if (self->template != NULL)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEMPLATE]);
  reading_done (task, error);
}

void
curator_web_import_run_async (CuratorWebImport    *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CURATOR_IS_WEB_IMPORT (self));
  g_return_if_fail (!self->running && self->document == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, curator_web_import_run_async);
  self->running = TRUE;
  if (self->now == NULL)
    self->now = g_date_time_new_now_utc ();
  if (self->fetcher == NULL)
    self->fetcher = curator_page_fetcher_new ();

  /* The folder's files are read while the page is fetched and its facts
   * read: the answer and the parse are most of the wait. */
  self->reading.pending = 2;
  set_progress (self, 0, _("Looking at the folder’s files…"));
  curator_folder_template_new_async (self->folder, cancellable, template_cb, task);
  read_page (task);
}

gboolean
curator_web_import_remake (CuratorWebImport  *self,
                           GError           **error)
{
  g_return_val_if_fail (CURATOR_IS_WEB_IMPORT (self), FALSE);
  g_return_val_if_fail (!self->running && self->document != NULL, FALSE);

  return make_document (self, error);
}

gboolean
curator_web_import_run_finish (CuratorWebImport  *self,
                               GAsyncResult      *result,
                               GError           **error)
{
  g_return_val_if_fail (CURATOR_IS_WEB_IMPORT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
run_sync_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

gboolean
curator_web_import_run (CuratorWebImport  *self,
                        GCancellable      *cancellable,
                        GError           **error)
{
  g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();
  g_autoptr(GAsyncResult) result = NULL;

  g_return_val_if_fail (CURATOR_IS_WEB_IMPORT (self), FALSE);

  curator_web_import_run_async (self, cancellable, run_sync_cb, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  return curator_web_import_run_finish (self, result, error);
}

const char *
curator_web_import_get_url (CuratorWebImport *self)
{
  g_return_val_if_fail (CURATOR_IS_WEB_IMPORT (self), NULL);

  return self->url;
}

double
curator_web_import_get_progress (CuratorWebImport *self)
{
  g_return_val_if_fail (CURATOR_IS_WEB_IMPORT (self), 0);

  return self->progress;
}

const char *
curator_web_import_get_status (CuratorWebImport *self)
{
  g_return_val_if_fail (CURATOR_IS_WEB_IMPORT (self), NULL);

  return self->status;
}

CuratorPageFacts *
curator_web_import_get_facts (CuratorWebImport *self)
{
  g_return_val_if_fail (CURATOR_IS_WEB_IMPORT (self), NULL);

  return self->facts;
}

CuratorFolderTemplate *
curator_web_import_get_template (CuratorWebImport *self)
{
  g_return_val_if_fail (CURATOR_IS_WEB_IMPORT (self), NULL);

  return self->template;
}

CuratorDocument *
curator_web_import_get_document (CuratorWebImport *self)
{
  g_return_val_if_fail (CURATOR_IS_WEB_IMPORT (self), NULL);

  return self->document;
}

GFile *
curator_web_import_get_image_file (CuratorWebImport *self)
{
  g_return_val_if_fail (CURATOR_IS_WEB_IMPORT (self), NULL);

  return self->image_file;
}

const CuratorImageInfo *
curator_web_import_get_image (CuratorWebImport *self)
{
  g_return_val_if_fail (CURATOR_IS_WEB_IMPORT (self), NULL);

  return self->image;
}

const char *
curator_web_import_get_page_error (CuratorWebImport *self)
{
  g_return_val_if_fail (CURATOR_IS_WEB_IMPORT (self), NULL);

  return self->page_error;
}

const char * const *
curator_web_import_get_warnings (CuratorWebImport *self)
{
  g_return_val_if_fail (CURATOR_IS_WEB_IMPORT (self), NULL);

  return (const char * const *) self->warnings;
}

/* Saving */

gboolean
curator_web_create_new_file (GFile         *file,
                    GBytes        *contents,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *name = g_file_get_parse_name (file);

  if (parent != NULL && !g_file_query_exists (parent, cancellable) &&
      !g_file_make_directory_with_parents (parent, cancellable, error))
    return FALSE;

  stream = g_file_create (file, G_FILE_CREATE_NONE, cancellable, &local_error);
  if (stream == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        g_set_error (error, CURATOR_WEB_ERROR, CURATOR_WEB_ERROR_EXISTS,
                     _("%s already exists; not overwritten"), name);
      else
        g_propagate_prefixed_error (error, g_steal_pointer (&local_error), _("%s: cannot save: "), name);
      return FALSE;
    }
  if (contents != NULL &&
      (!g_output_stream_write_all (G_OUTPUT_STREAM (stream), g_bytes_get_data (contents, NULL),
                                   g_bytes_get_size (contents), NULL, cancellable, &local_error) ||
       !g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, &local_error)))
    {
      g_file_delete (file, NULL, NULL);
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), _("%s: cannot save: "), name);
      return FALSE;
    }
  return TRUE;
}

gboolean
curator_web_save_new_document (CuratorDocument  *document,
                               GFile            *file,
                               GCancellable     *cancellable,
                               GError          **error)
{
  g_return_val_if_fail (CURATOR_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  /* Creating the file claims the name (it fails if anything is there);
   * the document's atomic save then writes over the empty file. */
  if (!curator_web_create_new_file (file, NULL, cancellable, error))
    return FALSE;
  if (!curator_document_save (document, file, CURATOR_SAVE_FLAGS_IGNORE_MODIFIED_ON_DISK, cancellable, error))
    {
      g_file_delete (file, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

gboolean
curator_web_import_save (CuratorWebImport  *self,
                         GCancellable      *cancellable,
                         GError           **error)
{
  GFile *file;
  gboolean writes_image;

  g_return_val_if_fail (CURATOR_IS_WEB_IMPORT (self), FALSE);
  g_return_val_if_fail (self->document != NULL, FALSE);

  file = curator_document_get_file (self->document);
  if (g_file_query_exists (file, cancellable))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, CURATOR_WEB_ERROR, CURATOR_WEB_ERROR_EXISTS,
                   _("%s already exists; not overwritten"), name);
      return FALSE;
    }

  writes_image = self->image_file != NULL && self->image != NULL && !self->image_written;
  if (writes_image && !curator_web_create_new_file (self->image_file, self->image->bytes, cancellable, error))
    return FALSE;

  if (!curator_web_save_new_document (self->document, file, cancellable, error))
    {
      if (writes_image)
        g_file_delete (self->image_file, NULL, NULL);
      return FALSE;
    }
  self->image_written = self->image_file != NULL && self->image != NULL;
  return TRUE;
}

gboolean
curator_web_import_write_image (CuratorWebImport  *self,
                                GCancellable      *cancellable,
                                GError           **error)
{
  g_return_val_if_fail (CURATOR_IS_WEB_IMPORT (self), FALSE);

  if (self->image_file == NULL || self->image == NULL || self->image_written)
    return TRUE;
  if (!curator_web_create_new_file (self->image_file, self->image->bytes, cancellable, error))
    return FALSE;
  self->image_written = TRUE;
  return TRUE;
}
