/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-file-watch"

#include "config.h"

#include "curator-file-watch.h"
#include "curator-file-read.h"

/* Events come in bursts (a write is CHANGED then CHANGES_DONE; a rename
 * over the file, DELETED then CREATED): the file is read once they pause. */
#define SETTLE_MS 100

struct _CuratorFileWatch
{
  GObject          parent_instance;

  CuratorDocument *document;
  GFileMonitor    *monitor;
  GCancellable    *cancellable;
  guint            settle;
  /* The checksum of the state last reported ("" for a missing file), so
   * that one change is reported once. */
  char            *reported;
};

G_DEFINE_FINAL_TYPE (CuratorFileWatch, curator_file_watch, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

enum {
  CHANGED_ON_DISK,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
report (CuratorFileWatch *self,
        GBytes           *disk_bytes)
{
  g_autofree char *checksum = disk_bytes != NULL ? g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, disk_bytes)
                                                 : g_strdup ("");

  /* What the document holds as the file's content: its own save, or a
   * change it already took in. */
  if (disk_bytes != NULL && g_bytes_equal (disk_bytes, curator_document_get_saved_bytes (self->document)))
    {
      g_clear_pointer (&self->reported, g_free);
      return;
    }
  if (g_strcmp0 (checksum, self->reported) == 0)
    return;

  g_free (self->reported);
  self->reported = g_steal_pointer (&checksum);
  g_signal_emit (self, signals[CHANGED_ON_DISK], 0, disk_bytes);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(CuratorFileWatch) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = curator_file_read_finish (G_FILE (object), result, &error);

  if (bytes == NULL || self->document == NULL)
    {
      /* A folder in its place: the file is gone as well. */
      if ((g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY)) && self->document != NULL)
        report (self, NULL);
      /* Anything else (cancelled, unreadable for a moment): the next event reads it again. */
      return;
    }

  report (self, bytes);
}

static gboolean
settle_cb (gpointer user_data)
{
  CuratorFileWatch *self = user_data;
  GFile *file = self->document != NULL ? curator_document_get_file (self->document) : NULL;

  self->settle = 0;
  if (file != NULL)
    curator_file_read_async (file, 0, self->cancellable, read_cb, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static void
monitor_changed_cb (CuratorFileWatch  *self,
                    GFile             *file,
                    GFile             *other_file,
                    GFileMonitorEvent  event)
{
  if (event == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED)
    return;
  g_clear_handle_id (&self->settle, g_source_remove);
  self->settle = g_timeout_add (SETTLE_MS, settle_cb, self);
}

static void
watch_file (CuratorFileWatch *self)
{
  GFile *file = curator_document_get_file (self->document);
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->settle, g_source_remove);
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  g_clear_pointer (&self->reported, g_free);

  if (file == NULL || !g_file_is_native (file))
    return;
  self->monitor = g_file_monitor_file (file, G_FILE_MONITOR_NONE, NULL, &error);
  if (self->monitor == NULL)
    {
      g_debug ("Cannot watch %s: %s", g_file_peek_path (file), error->message);
      return;
    }
  /* A file written piece by piece is read once it pauses (SETTLE_MS). */
  g_file_monitor_set_rate_limit (self->monitor, 0);
  g_signal_connect_object (self->monitor, "changed", G_CALLBACK (monitor_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
curator_file_watch_dispose (GObject *object)
{
  CuratorFileWatch *self = (CuratorFileWatch *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->settle, g_source_remove);
  if (self->monitor != NULL)
    {
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_weak_pointer (&self->document);

  G_OBJECT_CLASS (curator_file_watch_parent_class)->dispose (object);
}

static void
curator_file_watch_finalize (GObject *object)
{
  CuratorFileWatch *self = (CuratorFileWatch *)object;

  g_clear_object (&self->cancellable);
  g_free (self->reported);

  G_OBJECT_CLASS (curator_file_watch_parent_class)->finalize (object);
}

static void
curator_file_watch_constructed (GObject *object)
{
  CuratorFileWatch *self = (CuratorFileWatch *)object;

  G_OBJECT_CLASS (curator_file_watch_parent_class)->constructed (object);

  /* Save As moves the document to another file. */
  g_signal_connect_object (self->document, "notify::file", G_CALLBACK (watch_file), self, G_CONNECT_SWAPPED);
  watch_file (self);
}

static void
curator_file_watch_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CuratorFileWatch *self = CURATOR_FILE_WATCH (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
curator_file_watch_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  CuratorFileWatch *self = CURATOR_FILE_WATCH (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      /* Weak: a read in flight keeps the watch, never the document, alive
       * after its window is gone. */
      g_set_weak_pointer (&self->document, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
curator_file_watch_class_init (CuratorFileWatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = curator_file_watch_constructed;
  object_class->dispose = curator_file_watch_dispose;
  object_class->finalize = curator_file_watch_finalize;
  object_class->get_property = curator_file_watch_get_property;
  object_class->set_property = curator_file_watch_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, CURATOR_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED_ON_DISK] =
    g_signal_new ("changed-on-disk", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BYTES);
}

static void
curator_file_watch_init (CuratorFileWatch *self)
{
  self->cancellable = g_cancellable_new ();
}

CuratorFileWatch *
curator_file_watch_new (CuratorDocument *document)
{
  g_return_val_if_fail (CURATOR_IS_DOCUMENT (document), NULL);

  return g_object_new (CURATOR_TYPE_FILE_WATCH, "document", document, NULL);
}

CuratorDocument *
curator_file_watch_get_document (CuratorFileWatch *self)
{
  g_return_val_if_fail (CURATOR_IS_FILE_WATCH (self), NULL);

  return self->document;
}
