/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-preview-filter"

#include "config.h"

#include "curator-preview-filter.h"

/* One rule per scheme: WebKit's content blocker regex engine refuses
 * alternation such as ^(https?|wss?):. Every scheme that reaches the
 * network or the local file system is blocked. */
#define BLOCK_RULE(scheme) \
  "{\"trigger\":{\"url-filter\":\"^" scheme ":\"},\"action\":{\"type\":\"block\"}}"

#define BLOCK_ALL_RULES \
  BLOCK_RULE ("http") "," \
  BLOCK_RULE ("https") "," \
  BLOCK_RULE ("ws") "," \
  BLOCK_RULE ("wss") "," \
  BLOCK_RULE ("ftp") "," \
  BLOCK_RULE ("file")

/* Later rules win: this lets https images (and nothing else) through. */
#define ALLOW_HTTPS_IMAGES_RULE \
  "{\"trigger\":{\"url-filter\":\"^https:\",\"resource-type\":[\"image\"]}," \
  "\"action\":{\"type\":\"ignore-previous-rules\"}}"

static const char * const policy_rules[CURATOR_N_PREVIEW_FILTER_POLICIES] = {
  [CURATOR_PREVIEW_FILTER_BLOCK_ALL] = "[" BLOCK_ALL_RULES "]",
  [CURATOR_PREVIEW_FILTER_ALLOW_HTTPS_IMAGES] = "[" BLOCK_ALL_RULES "," ALLOW_HTTPS_IMAGES_RULE "]",
};

static const char * const policy_names[CURATOR_N_PREVIEW_FILTER_POLICIES] = {
  [CURATOR_PREVIEW_FILTER_BLOCK_ALL] = "block-all",
  [CURATOR_PREVIEW_FILTER_ALLOW_HTTPS_IMAGES] = "allow-https-images",
};

typedef struct
{
  WebKitUserContentFilter *filter;
  /* GTasks waiting for the filter while it loads or compiles. */
  GPtrArray               *waiting;
  gboolean                 busy;
} PolicyState;

struct _CuratorPreviewFilter
{
  GObject                       parent_instance;

  WebKitUserContentFilterStore *store;
  PolicyState                   policies[CURATOR_N_PREVIEW_FILTER_POLICIES];
};

G_DEFINE_FINAL_TYPE (CuratorPreviewFilter, curator_preview_filter, G_TYPE_OBJECT)

typedef struct
{
  CuratorPreviewFilter       *self;
  CuratorPreviewFilterPolicy  policy;
} LoadData;

static void
curator_preview_filter_finalize (GObject *object)
{
  CuratorPreviewFilter *self = (CuratorPreviewFilter *)object;

  for (guint i = 0; i < CURATOR_N_PREVIEW_FILTER_POLICIES; i++)
    {
      g_clear_pointer (&self->policies[i].filter, webkit_user_content_filter_unref);
      g_clear_pointer (&self->policies[i].waiting, g_ptr_array_unref);
    }
  g_clear_object (&self->store);

  G_OBJECT_CLASS (curator_preview_filter_parent_class)->finalize (object);
}

static void
curator_preview_filter_class_init (CuratorPreviewFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = curator_preview_filter_finalize;
}

static void
curator_preview_filter_init (CuratorPreviewFilter *self)
{
  for (guint i = 0; i < CURATOR_N_PREVIEW_FILTER_POLICIES; i++)
    self->policies[i].waiting = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * curator_preview_filter_new:
 * @path: the directory of the compiled store
 *
 * Returns: (transfer full): filters compiled into, or loaded from, @path
 */
CuratorPreviewFilter *
curator_preview_filter_new (const char *path)
{
  CuratorPreviewFilter *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (CURATOR_TYPE_PREVIEW_FILTER, NULL);
  self->store = webkit_user_content_filter_store_new (path);

  return self;
}

/* The identifier carries a checksum of the rules: changed rules are
 * compiled again instead of loading a stale list. */
static char *
dup_identifier (CuratorPreviewFilterPolicy policy)
{
  g_autofree char *checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                                             policy_rules[policy],
                                                             -1);

  checksum[16] = '\0';
  return g_strdup_printf ("curator-%s-%s", policy_names[policy], checksum);
}

static void
complete_waiting (CuratorPreviewFilter       *self,
                  CuratorPreviewFilterPolicy  policy,
                  const GError               *error)
{
  PolicyState *state = &self->policies[policy];
  g_autoptr(GPtrArray) waiting = g_steal_pointer (&state->waiting);

  state->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  state->busy = FALSE;

  for (guint i = 0; i < waiting->len; i++)
    {
      GTask *task = g_ptr_array_index (waiting, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_pointer (task,
                               webkit_user_content_filter_ref (state->filter),
                               (GDestroyNotify)webkit_user_content_filter_unref);
    }
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  WebKitUserContentFilterStore *store = WEBKIT_USER_CONTENT_FILTER_STORE (object);
  LoadData *data = user_data;
  g_autoptr(CuratorPreviewFilter) self = data->self;
  CuratorPreviewFilterPolicy policy = data->policy;
  g_autoptr(GError) error = NULL;
  WebKitUserContentFilter *filter;

  g_free (data);

  filter = webkit_user_content_filter_store_save_finish (store, result, &error);
  if (filter == NULL)
    {
      g_warning ("Could not compile the preview's content filter %s: %s",
                 policy_names[policy], error->message);
      complete_waiting (self, policy, error);
      return;
    }

  g_debug ("Compiled the content filter %s", policy_names[policy]);
  self->policies[policy].filter = filter;
  complete_waiting (self, policy, NULL);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  WebKitUserContentFilterStore *store = WEBKIT_USER_CONTENT_FILTER_STORE (object);
  LoadData *data = user_data;
  CuratorPreviewFilter *self = data->self;
  CuratorPreviewFilterPolicy policy = data->policy;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) rules = NULL;
  g_autofree char *identifier = NULL;
  WebKitUserContentFilter *filter;

  filter = webkit_user_content_filter_store_load_finish (store, result, &error);
  if (filter != NULL)
    {
      g_debug ("Loaded the compiled content filter %s", policy_names[policy]);
      self->policies[policy].filter = filter;
      complete_waiting (self, policy, NULL);
      g_object_unref (data->self);
      g_free (data);
      return;
    }

  /* Not compiled yet (first run, or the rules or WebKit changed). */
  identifier = dup_identifier (policy);
  rules = g_bytes_new_static (policy_rules[policy], strlen (policy_rules[policy]));
  webkit_user_content_filter_store_save (store, identifier, rules, NULL, save_cb, data);
}

static void
start_loading (CuratorPreviewFilter       *self,
               CuratorPreviewFilterPolicy  policy)
{
  PolicyState *state = &self->policies[policy];
  g_autofree char *identifier = NULL;
  LoadData *data;

  if (state->filter != NULL || state->busy)
    return;

  state->busy = TRUE;
  data = g_new0 (LoadData, 1);
  data->self = g_object_ref (self);
  data->policy = policy;
  identifier = dup_identifier (policy);
  webkit_user_content_filter_store_load (self->store, identifier, NULL, load_cb, data);
}

/**
 * curator_preview_filter_get_default:
 *
 * Returns: (transfer none): the filter shared by every preview
 */
CuratorPreviewFilter *
curator_preview_filter_get_default (void)
{
  static CuratorPreviewFilter *instance;

  /* Kept for the life of the process, like the compiled rules. */
  if (instance == NULL)
    {
      g_autofree char *path = g_build_filename (g_get_user_cache_dir (),
                                                PACKAGE_NAME,
                                                "content-filters",
                                                NULL);

      instance = curator_preview_filter_new (path);
    }

  return instance;
}

void
curator_preview_filter_prepare (CuratorPreviewFilter *self)
{
  g_return_if_fail (CURATOR_IS_PREVIEW_FILTER (self));

  for (guint i = 0; i < CURATOR_N_PREVIEW_FILTER_POLICIES; i++)
    start_loading (self, i);
}

WebKitUserContentFilter *
curator_preview_filter_peek (CuratorPreviewFilter       *self,
                             CuratorPreviewFilterPolicy  policy)
{
  g_return_val_if_fail (CURATOR_IS_PREVIEW_FILTER (self), NULL);
  g_return_val_if_fail (policy < CURATOR_N_PREVIEW_FILTER_POLICIES, NULL);

  return self->policies[policy].filter;
}

void
curator_preview_filter_load_async (CuratorPreviewFilter       *self,
                                   CuratorPreviewFilterPolicy  policy,
                                   GCancellable               *cancellable,
                                   GAsyncReadyCallback         callback,
                                   gpointer                    user_data)
{
  g_autoptr(GTask) task = NULL;
  PolicyState *state;

  g_return_if_fail (CURATOR_IS_PREVIEW_FILTER (self));
  g_return_if_fail (policy < CURATOR_N_PREVIEW_FILTER_POLICIES);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, curator_preview_filter_load_async);
  state = &self->policies[policy];

  if (state->filter != NULL)
    {
      g_task_return_pointer (task,
                             webkit_user_content_filter_ref (state->filter),
                             (GDestroyNotify)webkit_user_content_filter_unref);
      return;
    }

  g_ptr_array_add (state->waiting, g_steal_pointer (&task));
  start_loading (self, policy);
}

WebKitUserContentFilter *
curator_preview_filter_load_finish (CuratorPreviewFilter  *self,
                                    GAsyncResult          *result,
                                    GError               **error)
{
  g_return_val_if_fail (CURATOR_IS_PREVIEW_FILTER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
curator_preview_filter_get_rules (CuratorPreviewFilterPolicy policy)
{
  g_return_val_if_fail (policy < CURATOR_N_PREVIEW_FILTER_POLICIES, NULL);

  return policy_rules[policy];
}

const char *
curator_preview_filter_get_path (CuratorPreviewFilter *self)
{
  g_return_val_if_fail (CURATOR_IS_PREVIEW_FILTER (self), NULL);

  return webkit_user_content_filter_store_get_path (self->store);
}
