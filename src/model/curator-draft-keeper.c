/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-draft-keeper"

#include "config.h"

#include "curator-draft-keeper.h"

#define DEFAULT_DELAY_MS 3000

struct _CuratorDraftKeeper
{
  GObject            parent_instance;

  CuratorDraftStore *store;
  CuratorDocument   *document;
  char              *id;
  guint              delay_ms;

  guint              timeout;
  GCancellable      *cancellable;
  /* A write is in flight; another edit came while it was. */
  guint              writing : 1;
  guint              write_again : 1;
  guint              discarded : 1;
  /* The document's file is not written yet: its draft is kept even
   * without edits. */
  guint              new_file : 1;
};

G_DEFINE_FINAL_TYPE (CuratorDraftKeeper, curator_draft_keeper, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_DOCUMENT,
  PROP_ID,
  PROP_DELAY,
  PROP_PENDING,
  N_PROPS
};

enum {
  FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void write_draft (CuratorDraftKeeper *self);

/* A draft holds what the disk does not have. */
static gboolean
wants_draft (CuratorDraftKeeper *self)
{
  return self->new_file || curator_document_get_modified (self->document);
}

static void
set_timeout (CuratorDraftKeeper *self,
             guint               timeout)
{
  gboolean was_pending = self->timeout != 0;

  g_clear_handle_id (&self->timeout, g_source_remove);
  self->timeout = timeout;
  if (was_pending != (timeout != 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
}

/* No draft wanted: the document is as on disk, or its edits were thrown
 * away. A write in flight deletes its draft again when it lands. */
static void
forget_draft (CuratorDraftKeeper *self)
{
  g_autoptr(GError) error = NULL;

  set_timeout (self, 0);
  self->write_again = FALSE;
  if (!curator_draft_store_discard (self->store, self->id, &error))
    g_signal_emit (self, signals[FAILED], 0, error);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(CuratorDraftKeeper) self = user_data;
  g_autoptr(GError) error = NULL;

  self->writing = FALSE;
  if (!curator_draft_store_save_finish (CURATOR_DRAFT_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_signal_emit (self, signals[FAILED], 0, error);
      return;
    }

  /* After dispose there is no document, and the draft stays. */
  if (self->discarded || (self->document != NULL && !wants_draft (self)))
    forget_draft (self);
  else if (self->write_again && self->document != NULL)
    write_draft (self);
}

static void
write_draft (CuratorDraftKeeper *self)
{
  self->write_again = FALSE;
  if (self->writing)
    {
      self->write_again = TRUE;
      return;
    }
  self->writing = TRUE;
  curator_draft_store_save_async (self->store, self->id, self->document, self->cancellable,
                                  saved_cb, g_object_ref (self));
}

static gboolean
timeout_cb (gpointer user_data)
{
  CuratorDraftKeeper *self = user_data;

  self->timeout = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
  write_draft (self);
  return G_SOURCE_REMOVE;
}

static void
document_changed_cb (CuratorDraftKeeper *self)
{
  if (self->discarded)
    return;
  if (!wants_draft (self))
    {
      forget_draft (self);
      return;
    }
  set_timeout (self, g_timeout_add (self->delay_ms, timeout_cb, self));
}

static void
curator_draft_keeper_dispose (GObject *object)
{
  CuratorDraftKeeper *self = (CuratorDraftKeeper *)object;

  /* Edits not yet written are written now: the document goes on to
   * another window, or the window to another file. */
  if (self->document != NULL)
    curator_draft_keeper_flush (self);
  set_timeout (self, 0);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (curator_draft_keeper_parent_class)->dispose (object);
}

static void
curator_draft_keeper_finalize (GObject *object)
{
  CuratorDraftKeeper *self = (CuratorDraftKeeper *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_free (self->id);

  G_OBJECT_CLASS (curator_draft_keeper_parent_class)->finalize (object);
}

static void
curator_draft_keeper_constructed (GObject *object)
{
  CuratorDraftKeeper *self = (CuratorDraftKeeper *)object;

  G_OBJECT_CLASS (curator_draft_keeper_parent_class)->constructed (object);

  g_signal_connect_object (self->document, "changed", G_CALLBACK (document_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::modified", G_CALLBACK (document_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
curator_draft_keeper_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CuratorDraftKeeper *self = CURATOR_DRAFT_KEEPER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_DELAY:
      g_value_set_uint (value, self->delay_ms);
      break;
    case PROP_PENDING:
      g_value_set_boolean (value, curator_draft_keeper_get_pending (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
curator_draft_keeper_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CuratorDraftKeeper *self = CURATOR_DRAFT_KEEPER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      break;
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;
    case PROP_DELAY:
      curator_draft_keeper_set_delay (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
curator_draft_keeper_class_init (CuratorDraftKeeperClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = curator_draft_keeper_constructed;
  object_class->dispose = curator_draft_keeper_dispose;
  object_class->finalize = curator_draft_keeper_finalize;
  object_class->get_property = curator_draft_keeper_get_property;
  object_class->set_property = curator_draft_keeper_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CURATOR_TYPE_DRAFT_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, CURATOR_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DELAY] =
    g_param_spec_uint ("delay", NULL, NULL, 0, G_MAXUINT, DEFAULT_DELAY_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PENDING] =
    g_param_spec_boolean ("pending", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
curator_draft_keeper_init (CuratorDraftKeeper *self)
{
  self->delay_ms = DEFAULT_DELAY_MS;
  self->cancellable = g_cancellable_new ();
}

CuratorDraftKeeper *
curator_draft_keeper_new (CuratorDraftStore *store,
                          CuratorDocument   *document,
                          const char        *id)
{
  g_return_val_if_fail (CURATOR_IS_DRAFT_STORE (store), NULL);
  g_return_val_if_fail (CURATOR_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_object_new (CURATOR_TYPE_DRAFT_KEEPER,
                       "store", store,
                       "document", document,
                       "id", id,
                       NULL);
}

const char *
curator_draft_keeper_get_id (CuratorDraftKeeper *self)
{
  g_return_val_if_fail (CURATOR_IS_DRAFT_KEEPER (self), NULL);

  return self->id;
}

guint
curator_draft_keeper_get_delay (CuratorDraftKeeper *self)
{
  g_return_val_if_fail (CURATOR_IS_DRAFT_KEEPER (self), 0);

  return self->delay_ms;
}

void
curator_draft_keeper_set_delay (CuratorDraftKeeper *self,
                                guint               delay_ms)
{
  g_return_if_fail (CURATOR_IS_DRAFT_KEEPER (self));

  if (self->delay_ms == delay_ms)
    return;
  self->delay_ms = delay_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELAY]);
}

gboolean
curator_draft_keeper_get_pending (CuratorDraftKeeper *self)
{
  g_return_val_if_fail (CURATOR_IS_DRAFT_KEEPER (self), FALSE);

  return self->timeout != 0 || self->writing || self->write_again;
}

void
curator_draft_keeper_flush (CuratorDraftKeeper *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CURATOR_IS_DRAFT_KEEPER (self));

  if (self->discarded || (self->timeout == 0 && !self->write_again))
    return;
  set_timeout (self, 0);
  self->write_again = FALSE;
  if (!curator_draft_store_save (self->store, self->id, self->document, &error))
    g_signal_emit (self, signals[FAILED], 0, error);
}

void
curator_draft_keeper_set_new_file (CuratorDraftKeeper *self,
                                   gboolean            new_file)
{
  g_return_if_fail (CURATOR_IS_DRAFT_KEEPER (self));

  new_file = !!new_file;
  if (self->discarded || self->new_file == new_file)
    return;
  self->new_file = new_file;
  if (new_file)
    {
      /* At once: nothing of it is anywhere else yet. */
      set_timeout (self, 0);
      write_draft (self);
    }
  else if (!wants_draft (self))
    forget_draft (self);
}

void
curator_draft_keeper_discard (CuratorDraftKeeper *self)
{
  g_return_if_fail (CURATOR_IS_DRAFT_KEEPER (self));

  self->discarded = TRUE;
  forget_draft (self);
}
