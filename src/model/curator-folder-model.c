/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-folder-model"

#include "config.h"

#include "curator-folder-model.h"
#include "curator-folder-index-private.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

/* While loading, the items read so far are appended this often. */
#define PUBLISH_INTERVAL_MS 16
/* Until the first ones are out: they are ready a millisecond or two after
 * the walk, and waiting for a 16 ms tick let hundreds pile up. */
#define FIRST_PUBLISH_INTERVAL_MS 2
/* At most a screenful first: GTK 4.8's list view makes a row for each
 * item up to 200, and the first frame with rows waited for all of them
 * (20-50 ms after the first items, on the shared corpus). */
#define FIRST_BATCH 64
/* Events on disk are taken together: a refresh starts once none came for
 * REFRESH_QUIET_MS, and at the latest REFRESH_MAX_DELAY_MS after the
 * first (a git checkout sends thousands within a few hundred ms). */
#define REFRESH_QUIET_MS     100
#define REFRESH_MAX_DELAY_MS 400
/* What the check pass finds is applied this often. */
#define CHECK_APPLY_INTERVAL_MS 100
/* Folder monitors are created this many per main loop turn. */
#define MONITORS_PER_TURN 200

struct _CuratorFolderModel
{
  GObject        parent_instance;

  GFile         *folder;
  char          *root;
  guint          n_threads;

  /* CuratorFolderItem, sorted by path (bytewise) */
  GPtrArray     *items;
  GError        *error;
  /* Cancels all the work under way for this model. */
  GCancellable  *cancellable;

  GTask         *load_task;
  guint          publish_source;

  GTask         *check_task;
  guint          check_apply_source;

  /* relative folder → GFileMonitor */
  GHashTable    *monitors;
  GPtrArray     *monitors_to_add;
  guint          monitors_source;
  /* relative folders with events since the last refresh began */
  GHashTable    *dirty;
  gint64         first_dirty_time;
  guint          refresh_source;
  GTask         *refresh_task;

  guint          started : 1;
  guint          loading : 1;
  guint          checking : 1;
};

static void curator_folder_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CuratorFolderModel, curator_folder_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, curator_folder_model_list_model_init))

enum {
  PROP_0,
  PROP_FOLDER,
  PROP_N_THREADS,
  PROP_LOADING,
  PROP_CHECKING,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void start_check    (CuratorFolderModel *self);
static void watch_folders  (CuratorFolderModel *self,
                            GPtrArray          *folders);
static void mark_dirty     (CuratorFolderModel *self,
                            const char         *relative);

/* GListModel */

static GType
curator_folder_model_get_item_type (GListModel *model)
{
  return CURATOR_TYPE_FOLDER_ITEM;
}

static guint
curator_folder_model_get_n_items (GListModel *model)
{
  return CURATOR_FOLDER_MODEL (model)->items->len;
}

static gpointer
curator_folder_model_get_item (GListModel *model,
                               guint       position)
{
  CuratorFolderModel *self = CURATOR_FOLDER_MODEL (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
curator_folder_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = curator_folder_model_get_item_type;
  iface->get_n_items = curator_folder_model_get_n_items;
  iface->get_item = curator_folder_model_get_item;
}

/* Threads. A task holds what its threads share and reports to the model
 * through a weak reference: a model that goes away cancels its work and
 * is not kept alive by it. */

static GWeakRef *
weak_ref_new (gpointer object)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, object);
  return ref;
}

/* The model a finished task reports to, or NULL once it is gone. Frees
 * @ref. */
static CuratorFolderModel *
task_model (GWeakRef *ref)
{
  CuratorFolderModel *self = g_weak_ref_get (ref);

  g_weak_ref_clear (ref);
  g_free (ref);
  return self;
}

/* The workers yield to the main thread: with one worker per processor,
 * a main thread at the same priority gets a third of a core on two, and
 * the first rows of a folder wait for it to lay them out. Niceness is
 * per thread on Linux, and cannot be lowered again: only threads of
 * their own take it, never GLib's pooled ones. */
#define WORKER_NICENESS 10

typedef struct
{
  GThreadFunc func;
  gpointer    data;
} Worker;

static gpointer
worker_thread (gpointer data)
{
  const Worker *worker = data;

#ifdef __linux__
  setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), WORKER_NICENESS);
#endif
  return worker->func (worker->data);
}

/* Runs @func (@data) on @n_threads threads and returns when each has
 * returned (on this one when no thread can be made). */
static void
run_workers (guint       n_threads,
             GThreadFunc func,
             gpointer    data)
{
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  Worker worker = { func, data };

  for (guint i = 0; i < n_threads; i++)
    {
      GThread *thread = g_thread_try_new ("curator-folder", worker_thread, &worker, NULL);

      if (thread != NULL)
        g_ptr_array_add (threads, thread);
    }
  if (threads->len == 0)
    func (data);
  for (guint i = 0; i < threads->len; i++)
    g_thread_join (g_ptr_array_index (threads, i));
}

static guint
threads_for (guint n_threads,
             guint n_jobs)
{
  if (n_threads == 0)
    n_threads = g_get_num_processors ();
  return CLAMP (n_threads, 1, MAX (n_jobs, 1));
}

static gboolean
stamps_equal (const CuratorFileStamp *a,
              const CuratorFileStamp *b)
{
  return a->mtime == b->mtime && a->ctime == b->ctime && a->size == b->size && a->ino == b->ino;
}

static CuratorFolderItem *
item_new (CuratorFolderIndexEntry *entry,
          const CuratorFileStamp  *stamp)
{
  CuratorFolderItem *item = curator_folder_item_new (entry);

  _curator_folder_item_set_stamp (item, stamp);
  return item;
}

/* Loading: the walk, then the listing entries of the files in parallel. */

typedef struct
{
  char               *root;
  guint               n_threads;
  GCancellable       *cancellable;
  /* Written by the walk before "walked" is set: */
  GPtrArray          *paths;
  GPtrArray          *folders;
  CuratorFolderItem **slots;     /* one per path, set once read */
  gint                walked;    /* atomic */
  gint                next;      /* atomic: the next path to read */
  /* Main thread: how many slots the list has taken. */
  guint               published;
} Load;

static void
load_free (Load *load)
{
  if (load->slots != NULL)
    for (guint i = 0; i < load->paths->len; i++)
      g_clear_object (&load->slots[i]);
  g_free (load->slots);
  g_clear_pointer (&load->paths, g_ptr_array_unref);
  g_clear_pointer (&load->folders, g_ptr_array_unref);
  g_clear_object (&load->cancellable);
  g_free (load->root);
  g_free (load);
}

static gpointer
load_worker (gpointer data)
{
  Load *load = data;
  g_autoptr(GByteArray) buffer = g_byte_array_new ();

  for (;;)
    {
      guint i = (guint) g_atomic_int_add (&load->next, 1);
      CuratorFolderIndexEntry *entry;
      CuratorFileStamp stamp;

      if (i >= load->paths->len || g_cancellable_is_cancelled (load->cancellable))
        return NULL;

      entry = _curator_folder_index_read_entry (load->root, g_ptr_array_index (load->paths, i),
                                                TRUE, buffer, &stamp);
      g_atomic_pointer_set (&load->slots[i], item_new (entry, &stamp));
      /* A huge file's buffer is not kept for the small ones after it. */
      if (buffer->len > 1024 * 1024)
        g_byte_array_set_size (buffer, 0);
    }
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Load *load = task_data;
  GError *error = NULL;

  load->paths = g_ptr_array_new_with_free_func (g_free);
  load->folders = g_ptr_array_new_with_free_func (g_free);
  if (!_curator_folder_index_walk (load->root, load->paths, load->folders, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  load->slots = g_new0 (CuratorFolderItem *, MAX (load->paths->len, 1));
  g_atomic_int_set (&load->walked, 1);

  run_workers (threads_for (load->n_threads, load->paths->len), load_worker, load);
  if (!g_task_return_error_if_cancelled (task))
    g_task_return_boolean (task, TRUE);
}

/* Appends the items read so far, in path order, up to the first unread;
 * unless @all, the first time at most FIRST_BATCH. */
static void
publish (CuratorFolderModel *self,
         gboolean            all)
{
  Load *load = self->load_task != NULL ? g_task_get_task_data (self->load_task) : NULL;
  guint first = self->items->len;
  guint n = 0;

  if (load == NULL || !g_atomic_int_get (&load->walked))
    return;

  while (load->published < load->paths->len && (all || first > 0 || n < FIRST_BATCH))
    {
      CuratorFolderItem *item = g_atomic_pointer_get (&load->slots[load->published]);

      if (item == NULL)
        break;
      g_ptr_array_add (self->items, item);
      load->slots[load->published] = NULL;
      load->published++;
      n++;
    }

  if (n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), first, 0, n);
}

static gboolean
publish_cb (gpointer data)
{
  CuratorFolderModel *self = data;
  gboolean first = self->items->len == 0;

  publish (self, FALSE);
  if (first && self->items->len > 0)
    {
      /* The first rows are out: from now on, what came in a frame. */
      self->publish_source = g_timeout_add_full (G_PRIORITY_DEFAULT_IDLE, PUBLISH_INTERVAL_MS, publish_cb, self, NULL);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
set_loading (CuratorFolderModel *self,
             gboolean            loading)
{
  if (self->loading == !!loading)
    return;
  self->loading = !!loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_checking (CuratorFolderModel *self,
              gboolean            checking)
{
  if (self->checking == !!checking)
    return;
  self->checking = !!checking;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKING]);
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = G_TASK (result);
  g_autoptr(CuratorFolderModel) self = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) kept = g_object_ref (task);
  Load *load = g_task_get_task_data (task);

  self = task_model (user_data);
  if (self == NULL || self->load_task != task)
    return;

  if (!g_task_propagate_boolean (task, &error))
    {
      g_clear_handle_id (&self->publish_source, g_source_remove);
      g_clear_object (&self->load_task);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      self->error = g_steal_pointer (&error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
      set_loading (self, FALSE);
      return;
    }

  publish (self, TRUE);
  g_clear_handle_id (&self->publish_source, g_source_remove);
  watch_folders (self, load->folders);
  g_clear_object (&self->load_task);
  set_loading (self, FALSE);

  start_check (self);
}

/* Checking: the whole front matter of each file, after the listing. */

typedef struct
{
  CuratorFolderItem       *item;
  const char              *path;       /* the item's: it lives as long as the item */
  CuratorFileStamp         stamp;      /* the item's when the check began */
  CuratorFolderIndexEntry *entry;      /* the result, when it differs */
  CuratorFileStamp         new_stamp;
} CheckJob;

typedef struct
{
  char         *root;
  guint         n_threads;
  GCancellable *cancellable;
  GArray       *jobs;       /* CheckJob */
  gint          next;       /* atomic */
  GMutex        mutex;
  GPtrArray    *results;    /* CheckJob *, under the mutex */
} Check;

static void
check_job_clear (gpointer data)
{
  CheckJob *job = data;

  g_clear_object (&job->item);
  g_clear_pointer (&job->entry, curator_folder_index_entry_free);
}

static void
check_free (Check *check)
{
  g_clear_pointer (&check->results, g_ptr_array_unref);
  g_clear_pointer (&check->jobs, g_array_unref);
  g_mutex_clear (&check->mutex);
  g_clear_object (&check->cancellable);
  g_free (check->root);
  g_free (check);
}

static gpointer
check_worker (gpointer data)
{
  Check *check = data;
  g_autoptr(GByteArray) buffer = g_byte_array_new ();

  for (;;)
    {
      guint i = (guint) g_atomic_int_add (&check->next, 1);
      CheckJob *job;

      if (i >= check->jobs->len || g_cancellable_is_cancelled (check->cancellable))
        return NULL;

      job = &g_array_index (check->jobs, CheckJob, i);
      job->entry = _curator_folder_index_read_entry (check->root, job->path, FALSE, buffer, &job->new_stamp);
      /* Most files read as their listing did: only a problem, or a file
       * that changed since, is handed back. */
      if (stamps_equal (&job->stamp, &job->new_stamp) &&
          job->entry->error == NULL && job->entry->warning == NULL)
        g_clear_pointer (&job->entry, curator_folder_index_entry_free);
      else
        {
          g_mutex_lock (&check->mutex);
          g_ptr_array_add (check->results, job);
          g_mutex_unlock (&check->mutex);
        }
      if (buffer->len > 1024 * 1024)
        g_byte_array_set_size (buffer, 0);
    }
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Check *check = task_data;

  run_workers (threads_for (check->n_threads, check->jobs->len), check_worker, check);
  if (!g_task_return_error_if_cancelled (task))
    g_task_return_boolean (task, TRUE);
}

/* Tells the list that @item changed, if it is still listed. */
static void
emit_item_changed (CuratorFolderModel *self,
                   CuratorFolderItem  *item)
{
  guint position;

  if (curator_folder_model_find (self, curator_folder_item_get_path (item), &position) == item)
    g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
}

static void
apply_check_results (CuratorFolderModel *self)
{
  g_autoptr(GPtrArray) results = NULL;
  Check *check = self->check_task != NULL ? g_task_get_task_data (self->check_task) : NULL;

  if (check == NULL)
    return;

  g_mutex_lock (&check->mutex);
  results = g_steal_pointer (&check->results);
  check->results = g_ptr_array_new ();
  g_mutex_unlock (&check->mutex);

  for (guint i = 0; i < results->len; i++)
    {
      CheckJob *job = g_ptr_array_index (results, i);

      /* A refresh read the file since the check began: its entry is newer. */
      if (!stamps_equal (_curator_folder_item_get_stamp (job->item), &job->stamp))
        continue;

      _curator_folder_item_set_stamp (job->item, &job->new_stamp);
      if (curator_folder_item_set_entry (job->item, g_steal_pointer (&job->entry)))
        emit_item_changed (self, job->item);
    }
}

static gboolean
check_apply_cb (gpointer data)
{
  apply_check_results (data);
  return G_SOURCE_CONTINUE;
}

static void
check_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = G_TASK (result);
  g_autoptr(GTask) kept = g_object_ref (task);
  g_autoptr(CuratorFolderModel) self = task_model (user_data);

  if (self == NULL || self->check_task != task)
    return;

  apply_check_results (self);
  g_clear_handle_id (&self->check_apply_source, g_source_remove);
  g_clear_object (&self->check_task);
  set_checking (self, FALSE);
}

static void
start_check (CuratorFolderModel *self)
{
  Check *check = g_new0 (Check, 1);

  check->root = g_strdup (self->root);
  check->n_threads = self->n_threads;
  check->cancellable = g_object_ref (self->cancellable);
  check->jobs = g_array_sized_new (FALSE, TRUE, sizeof (CheckJob), self->items->len);
  g_array_set_clear_func (check->jobs, check_job_clear);
  g_mutex_init (&check->mutex);
  check->results = g_ptr_array_new ();
  for (guint i = 0; i < self->items->len; i++)
    {
      CuratorFolderItem *item = g_ptr_array_index (self->items, i);
      CheckJob job = { g_object_ref (item), curator_folder_item_get_path (item),
                       *_curator_folder_item_get_stamp (item), NULL, { 0 } };

      g_array_append_val (check->jobs, job);
    }

  self->check_task = g_task_new (NULL, self->cancellable, check_done_cb, weak_ref_new (self));
  g_task_set_source_tag (self->check_task, start_check);
  g_task_set_task_data (self->check_task, check, (GDestroyNotify) check_free);
  g_task_set_priority (self->check_task, G_PRIORITY_LOW);
  self->check_apply_source = g_timeout_add (CHECK_APPLY_INTERVAL_MS, check_apply_cb, self);
  set_checking (self, TRUE);
  g_task_run_in_thread (self->check_task, check_thread);
}

/* Live: a refresh walks the folder again (a walk reads folders, not
 * files: tens of milliseconds for thousands of files, in a thread), lists
 * what appeared and what went, and compares the time stamps of the files
 * in the folders that had events. */

typedef struct
{
  CuratorFolderItem *item;
  const char        *path;    /* the item's */
  CuratorFileStamp   stamp;
  gboolean           dirty;   /* in a folder that had events */
} KnownFile;

typedef struct
{
  CuratorFolderItem       *item;
  CuratorFolderIndexEntry *entry;
  CuratorFileStamp         stamp;
} Change;

typedef struct
{
  char      *root;
  GArray    *known;     /* KnownFile, sorted by path */
  GPtrArray *folders;   /* the folders walked */
  GPtrArray *next;      /* CuratorFolderItem: the new list */
  GArray    *changes;   /* Change: items whose file changed */
} Refresh;

static void
known_file_clear (gpointer data)
{
  g_clear_object (&((KnownFile *) data)->item);
}

static void
change_clear (gpointer data)
{
  Change *change = data;

  g_clear_object (&change->item);
  g_clear_pointer (&change->entry, curator_folder_index_entry_free);
}

static void
refresh_free (Refresh *refresh)
{
  g_clear_pointer (&refresh->known, g_array_unref);
  g_clear_pointer (&refresh->folders, g_ptr_array_unref);
  g_clear_pointer (&refresh->next, g_ptr_array_unref);
  g_clear_pointer (&refresh->changes, g_array_unref);
  g_free (refresh->root);
  g_free (refresh);
}

static gboolean
read_stamp (const char       *root,
            const char       *relative,
            CuratorFileStamp *stamp)
{
  g_autofree char *path = g_build_filename (root, relative, NULL);
  GStatBuf buf;

  if (g_stat (path, &buf) != 0)
    return FALSE;
  stamp->mtime = (gint64) buf.st_mtim.tv_sec * G_USEC_PER_SEC + buf.st_mtim.tv_nsec / 1000;
  stamp->ctime = (gint64) buf.st_ctim.tv_sec * G_USEC_PER_SEC + buf.st_ctim.tv_nsec / 1000;
  stamp->size = buf.st_size;
  stamp->ino = buf.st_ino;
  return TRUE;
}

static void
refresh_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Refresh *refresh = task_data;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  guint i = 0, j = 0;

  refresh->folders = g_ptr_array_new_with_free_func (g_free);
  /* A folder that went away lists nothing. */
  if (!_curator_folder_index_walk (refresh->root, paths, refresh->folders, NULL))
    g_ptr_array_set_size (paths, 0);

  refresh->next = g_ptr_array_new_full (paths->len, g_object_unref);
  refresh->changes = g_array_new (FALSE, TRUE, sizeof (Change));
  g_array_set_clear_func (refresh->changes, change_clear);

  while (i < refresh->known->len || j < paths->len)
    {
      const KnownFile *known = i < refresh->known->len ? &g_array_index (refresh->known, KnownFile, i) : NULL;
      const char *path = j < paths->len ? g_ptr_array_index (paths, j) : NULL;
      int order = known == NULL ? 1 : path == NULL ? -1 : strcmp (known->path, path);

      if (g_task_return_error_if_cancelled (task))
        return;

      if (order < 0)
        {
          /* Gone. */
          i++;
        }
      else if (order > 0)
        {
          CuratorFileStamp stamp;
          CuratorFolderIndexEntry *entry = _curator_folder_index_read_entry (refresh->root, path, FALSE, buffer, &stamp);

          g_ptr_array_add (refresh->next, item_new (entry, &stamp));
          j++;
        }
      else
        {
          CuratorFileStamp stamp;

          g_ptr_array_add (refresh->next, g_object_ref (known->item));
          if (known->dirty && (!read_stamp (refresh->root, path, &stamp) || !stamps_equal (&stamp, &known->stamp)))
            {
              Change change = { g_object_ref (known->item), NULL, { 0 } };

              change.entry = _curator_folder_index_read_entry (refresh->root, path, FALSE, buffer, &change.stamp);
              g_array_append_val (refresh->changes, change);
            }
          i++;
          j++;
        }
      if (buffer->len > 1024 * 1024)
        g_byte_array_set_size (buffer, 0);
    }

  g_task_return_boolean (task, TRUE);
}

static void schedule_refresh (CuratorFolderModel *self);

/* Takes the list to @next in one change: the span from the first item
 * that differs (or changed) to the last. Items kept are the same objects,
 * so selections that follow items keep them. */
static void
replace_items (CuratorFolderModel *self,
               GPtrArray          *next,
               GHashTable         *changed)
{
  g_autoptr(GPtrArray) old = self->items;
  guint prefix = 0, suffix = 0;

  while (prefix < old->len && prefix < next->len &&
         old->pdata[prefix] == next->pdata[prefix] && !g_hash_table_contains (changed, old->pdata[prefix]))
    prefix++;
  while (suffix < old->len - prefix && suffix < next->len - prefix &&
         old->pdata[old->len - 1 - suffix] == next->pdata[next->len - 1 - suffix] &&
         !g_hash_table_contains (changed, old->pdata[old->len - 1 - suffix]))
    suffix++;

  self->items = g_ptr_array_ref (next);
  if (old->len != next->len || prefix + suffix < old->len)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix, old->len - prefix - suffix, next->len - prefix - suffix);
}

static void
refresh_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = G_TASK (result);
  g_autoptr(GTask) kept = g_object_ref (task);
  g_autoptr(CuratorFolderModel) self = task_model (user_data);
  g_autoptr(GHashTable) changed = g_hash_table_new (NULL, NULL);
  Refresh *refresh = g_task_get_task_data (task);

  if (self == NULL || self->refresh_task != task)
    return;
  g_clear_object (&self->refresh_task);
  if (!g_task_propagate_boolean (task, NULL))
    return;

  for (guint i = 0; i < refresh->changes->len; i++)
    {
      Change *change = &g_array_index (refresh->changes, Change, i);

      _curator_folder_item_set_stamp (change->item, &change->stamp);
      if (curator_folder_item_set_entry (change->item, g_steal_pointer (&change->entry)))
        g_hash_table_add (changed, change->item);
    }
  replace_items (self, refresh->next, changed);
  watch_folders (self, refresh->folders);

  /* Events that came during this refresh. */
  if (g_hash_table_size (self->dirty) > 0)
    schedule_refresh (self);
}

static gboolean
refresh_cb (gpointer data)
{
  CuratorFolderModel *self = data;
  g_autoptr(GHashTable) dirty = NULL;
  Refresh *refresh;

  self->refresh_source = 0;
  /* One at a time: the next starts when this one is done. */
  if (self->refresh_task != NULL)
    return G_SOURCE_REMOVE;

  dirty = g_steal_pointer (&self->dirty);
  self->dirty = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->first_dirty_time = 0;

  refresh = g_new0 (Refresh, 1);
  refresh->root = g_strdup (self->root);
  refresh->known = g_array_sized_new (FALSE, FALSE, sizeof (KnownFile), self->items->len);
  g_array_set_clear_func (refresh->known, known_file_clear);
  for (guint i = 0; i < self->items->len; i++)
    {
      CuratorFolderItem *item = g_ptr_array_index (self->items, i);
      KnownFile known = { g_object_ref (item), curator_folder_item_get_path (item),
                          *_curator_folder_item_get_stamp (item),
                          g_hash_table_contains (dirty, curator_folder_item_get_section (item)) };

      g_array_append_val (refresh->known, known);
    }

  self->refresh_task = g_task_new (NULL, self->cancellable, refresh_done_cb, weak_ref_new (self));
  g_task_set_source_tag (self->refresh_task, refresh_cb);
  g_task_set_task_data (self->refresh_task, refresh, (GDestroyNotify) refresh_free);
  g_task_run_in_thread (self->refresh_task, refresh_thread);

  return G_SOURCE_REMOVE;
}

static void
schedule_refresh (CuratorFolderModel *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 waited_ms;

  if (self->first_dirty_time == 0)
    self->first_dirty_time = now;
  waited_ms = (now - self->first_dirty_time) / 1000;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  self->refresh_source = g_timeout_add (CLAMP (REFRESH_MAX_DELAY_MS - waited_ms, 0, REFRESH_QUIET_MS),
                                        refresh_cb, self);
}

static void
mark_dirty (CuratorFolderModel *self,
            const char         *relative)
{
  g_hash_table_add (self->dirty, g_strdup (relative));
  schedule_refresh (self);
}

static gboolean
is_hidden (GFile *file)
{
  g_autofree char *name = file != NULL ? g_file_get_basename (file) : NULL;

  return name != NULL && name[0] == '.';
}

static void
monitor_changed_cb (GFileMonitor      *monitor,
                    GFile             *file,
                    GFile             *other_file,
                    GFileMonitorEvent  event,
                    CuratorFolderModel *self)
{
  const char *relative = g_object_get_data (G_OBJECT (monitor), "curator-relative");

  /* Hidden files are not listed: a save's temporary file among them. */
  if (is_hidden (file) && (other_file == NULL || is_hidden (other_file)))
    return;

  mark_dirty (self, relative);
  /* A file moved in from another listed folder changed that one too. */
  if (other_file != NULL)
    {
      g_autoptr(GFile) parent = g_file_get_parent (other_file);
      g_autofree char *other = parent != NULL ? g_file_get_relative_path (self->folder, parent) : NULL;

      if (other != NULL || (parent != NULL && g_file_equal (parent, self->folder)))
        mark_dirty (self, other != NULL ? other : "");
    }
}

static gboolean
add_monitors_cb (gpointer data)
{
  CuratorFolderModel *self = data;
  guint n = MIN (self->monitors_to_add->len, MONITORS_PER_TURN);

  for (guint i = 0; i < n; i++)
    {
      const char *relative = g_ptr_array_index (self->monitors_to_add, self->monitors_to_add->len - 1 - i);
      g_autoptr(GFile) folder = relative[0] != '\0' ? g_file_resolve_relative_path (self->folder, relative) :
                                                     g_object_ref (self->folder);
      g_autoptr(GFileMonitor) monitor = NULL;
      char *key;

      if (g_hash_table_contains (self->monitors, relative))
        continue;
      monitor = g_file_monitor_directory (folder, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
      if (monitor == NULL)
        continue;
      /* The key lives as long as its monitor: the table frees the
       * monitor, the monitor its key. */
      key = g_strdup (relative);
      g_object_set_data_full (G_OBJECT (monitor), "curator-relative", key, g_free);
      g_signal_connect_object (monitor, "changed", G_CALLBACK (monitor_changed_cb), self, 0);
      g_hash_table_insert (self->monitors, key, g_steal_pointer (&monitor));
      /* What the folder gained before it was watched is caught up on. */
      mark_dirty (self, key);
    }
  g_ptr_array_set_size (self->monitors_to_add, self->monitors_to_add->len - n);

  if (self->monitors_to_add->len > 0)
    return G_SOURCE_CONTINUE;
  self->monitors_source = 0;
  return G_SOURCE_REMOVE;
}

static void
monitor_free (gpointer data)
{
  g_file_monitor_cancel (data);
  g_object_unref (data);
}

/* Monitors exactly @folders (relative): new ones are created a few per
 * main loop turn, gone ones dropped. */
static void
watch_folders (CuratorFolderModel *self,
               GPtrArray          *folders)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key;

  for (guint i = 0; i < folders->len; i++)
    g_hash_table_add (wanted, g_ptr_array_index (folders, i));

  g_hash_table_iter_init (&iter, self->monitors);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (wanted, key))
      g_hash_table_iter_remove (&iter);

  g_ptr_array_set_size (self->monitors_to_add, 0);
  for (guint i = folders->len; i > 0; i--)
    {
      const char *relative = g_ptr_array_index (folders, i - 1);

      if (!g_hash_table_contains (self->monitors, relative))
        g_ptr_array_add (self->monitors_to_add, g_strdup (relative));
    }
  if (self->monitors_to_add->len > 0 && self->monitors_source == 0)
    self->monitors_source = g_idle_add (add_monitors_cb, self);
}

/* GObject */

static void
curator_folder_model_dispose (GObject *object)
{
  CuratorFolderModel *self = (CuratorFolderModel *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->publish_source, g_source_remove);
  g_clear_handle_id (&self->check_apply_source, g_source_remove);
  g_clear_handle_id (&self->monitors_source, g_source_remove);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_object (&self->load_task);
  g_clear_object (&self->check_task);
  g_clear_object (&self->refresh_task);
  g_hash_table_remove_all (self->monitors);

  G_OBJECT_CLASS (curator_folder_model_parent_class)->dispose (object);
}

static void
curator_folder_model_finalize (GObject *object)
{
  CuratorFolderModel *self = (CuratorFolderModel *)object;

  g_clear_object (&self->folder);
  g_clear_pointer (&self->root, g_free);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_error (&self->error);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->monitors, g_hash_table_unref);
  g_clear_pointer (&self->monitors_to_add, g_ptr_array_unref);
  g_clear_pointer (&self->dirty, g_hash_table_unref);

  G_OBJECT_CLASS (curator_folder_model_parent_class)->finalize (object);
}

static void
curator_folder_model_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CuratorFolderModel *self = CURATOR_FOLDER_MODEL (object);

  switch (prop_id)
    {
    case PROP_FOLDER:
      g_value_set_object (value, self->folder);
      break;
    case PROP_N_THREADS:
      g_value_set_uint (value, self->n_threads);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_CHECKING:
      g_value_set_boolean (value, self->checking);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
curator_folder_model_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CuratorFolderModel *self = CURATOR_FOLDER_MODEL (object);

  switch (prop_id)
    {
    case PROP_FOLDER:
      self->folder = g_value_dup_object (value);
      self->root = g_file_get_path (self->folder);
      break;
    case PROP_N_THREADS:
      curator_folder_model_set_n_threads (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
curator_folder_model_class_init (CuratorFolderModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = curator_folder_model_dispose;
  object_class->finalize = curator_folder_model_finalize;
  object_class->get_property = curator_folder_model_get_property;
  object_class->set_property = curator_folder_model_set_property;

  properties[PROP_FOLDER] =
    g_param_spec_object ("folder", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_THREADS] =
    g_param_spec_uint ("n-threads", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CHECKING] =
    g_param_spec_boolean ("checking", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL,
                        G_TYPE_ERROR,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
curator_folder_model_init (CuratorFolderModel *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();
  self->monitors = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, monitor_free);
  self->monitors_to_add = g_ptr_array_new_with_free_func (g_free);
  self->dirty = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* Public API */

CuratorFolderModel *
curator_folder_model_new (GFile *folder)
{
  g_return_val_if_fail (G_IS_FILE (folder), NULL);

  return g_object_new (CURATOR_TYPE_FOLDER_MODEL,
                       "folder", folder,
                       NULL);
}

GFile *
curator_folder_model_get_folder (CuratorFolderModel *self)
{
  g_return_val_if_fail (CURATOR_IS_FOLDER_MODEL (self), NULL);

  return self->folder;
}

guint
curator_folder_model_get_n_threads (CuratorFolderModel *self)
{
  g_return_val_if_fail (CURATOR_IS_FOLDER_MODEL (self), 0);

  return self->n_threads;
}

void
curator_folder_model_set_n_threads (CuratorFolderModel *self,
                                    guint               n_threads)
{
  g_return_if_fail (CURATOR_IS_FOLDER_MODEL (self));

  if (self->n_threads != n_threads)
    {
      self->n_threads = n_threads;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_THREADS]);
    }
}

void
curator_folder_model_load (CuratorFolderModel *self)
{
  Load *load;

  g_return_if_fail (CURATOR_IS_FOLDER_MODEL (self));
  g_return_if_fail (!self->started);

  self->started = TRUE;
  set_loading (self, TRUE);

  if (self->root == NULL)
    {
      g_set_error (&self->error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "%s", _("Only local folders can be indexed"));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
      set_loading (self, FALSE);
      return;
    }

  load = g_new0 (Load, 1);
  load->root = g_strdup (self->root);
  load->n_threads = self->n_threads;
  load->cancellable = g_object_ref (self->cancellable);

  self->load_task = g_task_new (NULL, self->cancellable, load_done_cb, weak_ref_new (self));
  g_task_set_source_tag (self->load_task, curator_folder_model_load);
  g_task_set_task_data (self->load_task, load, (GDestroyNotify) load_free);
  /* Below GTK's redraw: a frame due paints the rows already published
   * before the next batch arrives, so the first rows show at once. */
  self->publish_source = g_timeout_add_full (G_PRIORITY_DEFAULT_IDLE, FIRST_PUBLISH_INTERVAL_MS, publish_cb, self, NULL);
  g_task_run_in_thread (self->load_task, load_thread);
}

gboolean
curator_folder_model_get_loading (CuratorFolderModel *self)
{
  g_return_val_if_fail (CURATOR_IS_FOLDER_MODEL (self), FALSE);

  return self->loading;
}

gboolean
curator_folder_model_get_checking (CuratorFolderModel *self)
{
  g_return_val_if_fail (CURATOR_IS_FOLDER_MODEL (self), FALSE);

  return self->checking;
}

const GError *
curator_folder_model_get_error (CuratorFolderModel *self)
{
  g_return_val_if_fail (CURATOR_IS_FOLDER_MODEL (self), NULL);

  return self->error;
}

CuratorFolderItem *
curator_folder_model_find (CuratorFolderModel *self,
                           const char         *relative_path,
                           guint              *position)
{
  guint low = 0, high;

  g_return_val_if_fail (CURATOR_IS_FOLDER_MODEL (self), NULL);
  g_return_val_if_fail (relative_path != NULL, NULL);

  high = self->items->len;
  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      int order = strcmp (curator_folder_item_get_path (g_ptr_array_index (self->items, middle)), relative_path);

      if (order == 0)
        {
          if (position != NULL)
            *position = middle;
          return g_ptr_array_index (self->items, middle);
        }
      if (order < 0)
        low = middle + 1;
      else
        high = middle;
    }
  return NULL;
}

CuratorFolderItem *
curator_folder_model_find_file (CuratorFolderModel *self,
                                GFile              *file,
                                guint              *position)
{
  g_autofree char *relative = NULL;

  g_return_val_if_fail (CURATOR_IS_FOLDER_MODEL (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  relative = g_file_get_relative_path (self->folder, file);
  return relative != NULL ? curator_folder_model_find (self, relative, position) : NULL;
}

GFile *
curator_folder_model_get_file (CuratorFolderModel *self,
                               CuratorFolderItem  *item)
{
  g_return_val_if_fail (CURATOR_IS_FOLDER_MODEL (self), NULL);
  g_return_val_if_fail (CURATOR_IS_FOLDER_ITEM (item), NULL);

  return g_file_resolve_relative_path (self->folder, curator_folder_item_get_path (item));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b,
                 gpointer      unused)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char **
sorted_strv (GHashTable *set)
{
  g_autofree gpointer *keys = g_hash_table_get_keys_as_array (set, NULL);
  guint n = g_hash_table_size (set);
  char **strv = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    strv[i] = g_strdup (keys[i]);
  g_qsort_with_data (strv, n, sizeof (char *), compare_strings, NULL);
  return strv;
}

char **
curator_folder_model_dup_sections (CuratorFolderModel *self)
{
  g_autoptr(GHashTable) set = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (CURATOR_IS_FOLDER_MODEL (self), NULL);

  for (guint i = 0; i < self->items->len; i++)
    g_hash_table_add (set, (gpointer) curator_folder_item_get_section (g_ptr_array_index (self->items, i)));
  return sorted_strv (set);
}

char **
curator_folder_model_dup_tags (CuratorFolderModel *self)
{
  g_autoptr(GHashTable) set = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (CURATOR_IS_FOLDER_MODEL (self), NULL);

  for (guint i = 0; i < self->items->len; i++)
    {
      const CuratorFolderIndexEntry *entry = curator_folder_item_get_entry (g_ptr_array_index (self->items, i));

      for (guint t = 0; entry->tags[t] != NULL; t++)
        g_hash_table_add (set, entry->tags[t]);
    }
  return sorted_strv (set);
}
