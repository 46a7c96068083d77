/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-folder-index"

#include "config.h"

#include "curator-folder-index.h"

#include "curator-error.h"
#include "curator-front-matter.h"
#include "curator-yaml-tree.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <yaml.h>

struct _CuratorFolderIndex
{
  GObject    parent_instance;

  GFile     *folder;
  guint      n_threads;
  guint      n_threads_used;
  /* CuratorFolderIndexEntry, sorted by path */
  GPtrArray *entries;
};

G_DEFINE_FINAL_TYPE (CuratorFolderIndex, curator_folder_index, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (CuratorFolderIndexEntry, curator_folder_index_entry,
                     curator_folder_index_entry_copy, curator_folder_index_entry_free)

enum {
  PROP_0,
  PROP_FOLDER,
  PROP_N_THREADS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* One build: the shared work list the workers pull from. */
typedef struct
{
  char                     *folder_path;
  GPtrArray                *paths;     /* relative paths, sorted */
  CuratorFolderIndexEntry **results;   /* results[i] for paths[i] */
  gint                      next;      /* atomic: next path to take */
  GCancellable             *cancellable;
} IndexJob;

CuratorFolderIndexEntry *
curator_folder_index_entry_copy (const CuratorFolderIndexEntry *entry)
{
  CuratorFolderIndexEntry *copy = g_new0 (CuratorFolderIndexEntry, 1);

  copy->path = g_strdup (entry->path);
  copy->title = g_strdup (entry->title);
  copy->date = g_strdup (entry->date);
  copy->tags = g_strdupv (entry->tags);
  copy->kind = entry->kind;
  copy->error = entry->error ? g_error_copy (entry->error) : NULL;

  return copy;
}

void
curator_folder_index_entry_free (CuratorFolderIndexEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->path);
  g_free (entry->title);
  g_free (entry->date);
  g_strfreev (entry->tags);
  g_clear_error (&entry->error);
  g_free (entry);
}

/* The 1-based line on which byte @offset lies (any of LF, CRLF, CR). */
static guint
line_at_offset (const char *data,
                gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    {
      if (data[i] == '\n')
        line++;
      else if (data[i] == '\r' && (i + 1 >= offset || data[i + 1] != '\n'))
        line++;
    }

  return line;
}

static void
replace_string (char       **slot,
                const char  *value)
{
  g_free (*slot);
  *slot = g_strdup (value);
}

typedef enum
{
  WANT_NONE,
  WANT_TITLE,
  WANT_DATE,
  WANT_TAGS,
} WantedField;

/* Scans the YAML front matter with libyaml events, keeping the top-level
 * title, date and tags. Refuses what CuratorDocument refuses at the top
 * level (parse errors, depth and size caps, duplicate and complex keys). */
static void
scan_yaml (CuratorFolderIndexEntry *entry,
           const char              *data,
           gsize                    start,
           gsize                    end)
{
  yaml_parser_t parser;
  yaml_event_t event;
  g_autoptr(GHashTable) keys = NULL;
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  guint first_line = line_at_offset (data, start);
  guint depth = 0;
  guint n_documents = 0;
  gboolean root_is_mapping = FALSE;
  gboolean expect_key = TRUE;
  WantedField wanted = WANT_NONE;
  gboolean done = FALSE;

  if (end - start > CURATOR_YAML_MAX_SIZE)
    {
      g_set_error (&entry->error, CURATOR_ERROR, CURATOR_ERROR_TOO_LARGE,
                   _("line %u, column 1: the front matter is %" G_GSIZE_FORMAT " bytes, over the limit of %d bytes"),
                   first_line, end - start, CURATOR_YAML_MAX_SIZE);
      return;
    }

  keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  yaml_parser_initialize (&parser);
  yaml_parser_set_input_string (&parser, (const unsigned char *) data + start, end - start);
  yaml_parser_set_encoding (&parser, YAML_UTF8_ENCODING);

  while (!done)
    {
      if (!yaml_parser_parse (&parser, &event))
        {
          if (parser.context != NULL)
            g_set_error (&entry->error, CURATOR_ERROR, CURATOR_ERROR_PARSE,
                         _("line %u, column %u: %s (%s at line %u, column %u)"),
                         first_line + (guint) parser.problem_mark.line,
                         (guint) parser.problem_mark.column + 1,
                         parser.problem, parser.context,
                         first_line + (guint) parser.context_mark.line,
                         (guint) parser.context_mark.column + 1);
          else
            g_set_error (&entry->error, CURATOR_ERROR, CURATOR_ERROR_PARSE,
                         _("line %u, column %u: %s"),
                         first_line + (guint) parser.problem_mark.line,
                         (guint) parser.problem_mark.column + 1,
                         parser.problem ? parser.problem : _("invalid YAML"));
          break;
        }

      switch (event.type)
        {
        case YAML_STREAM_END_EVENT:
          done = TRUE;
          break;

        case YAML_MAPPING_START_EVENT:
        case YAML_SEQUENCE_START_EVENT:
          if (depth == 0)
            root_is_mapping = event.type == YAML_MAPPING_START_EVENT;
          else if (depth == 1 && root_is_mapping && expect_key)
            {
              g_set_error (&entry->error, CURATOR_ERROR, CURATOR_ERROR_COMPLEX_KEY,
                           _("line %u, column %u: complex key: a key must be plain text, this one is %s"),
                           first_line + (guint) event.start_mark.line,
                           (guint) event.start_mark.column + 1,
                           event.type == YAML_MAPPING_START_EVENT ? _("a mapping") : _("a list"));
              done = TRUE;
              break;
            }
          depth++;
          if (depth > CURATOR_YAML_MAX_DEPTH)
            {
              g_set_error (&entry->error, CURATOR_ERROR, CURATOR_ERROR_TOO_DEEP,
                           _("line %u, column %u: nested deeper than %d levels: refusing to parse"),
                           first_line + (guint) event.start_mark.line,
                           (guint) event.start_mark.column + 1,
                           CURATOR_YAML_MAX_DEPTH);
              done = TRUE;
            }
          break;

        case YAML_MAPPING_END_EVENT:
        case YAML_SEQUENCE_END_EVENT:
          depth--;
          if (depth == 1 && root_is_mapping)
            {
              if (wanted == WANT_TAGS)
                {
                  g_ptr_array_add (tags, NULL);
                  g_strfreev (entry->tags);
                  entry->tags = (char **) g_ptr_array_free (g_steal_pointer (&tags), FALSE);
                  tags = g_ptr_array_new_with_free_func (g_free);
                }
              wanted = WANT_NONE;
              expect_key = TRUE;
            }
          break;

        case YAML_SCALAR_EVENT:
        case YAML_ALIAS_EVENT:
          if (depth == 1 && root_is_mapping)
            {
              if (expect_key)
                {
                  const char *key = event.type == YAML_SCALAR_EVENT ?
                                    (const char *) event.data.scalar.value : "";

                  guint line = first_line + (guint) event.start_mark.line;
                  guint column = (guint) event.start_mark.column + 1;
                  const guint *first = g_hash_table_lookup (keys, key);

                  if (event.type == YAML_SCALAR_EVENT && first != NULL)
                    {
                      g_set_error (&entry->error, CURATOR_ERROR, CURATOR_ERROR_DUPLICATE_KEY,
                                   _("line %u, column %u: duplicate key “%s” (first defined at line %u, column %u)"),
                                   line, column, key, first[0], first[1]);
                      done = TRUE;
                      break;
                    }
                  if (event.type == YAML_SCALAR_EVENT)
                    {
                      guint *position = g_new (guint, 2);

                      position[0] = line;
                      position[1] = column;
                      g_hash_table_insert (keys, g_strdup (key), position);
                    }
                  if (strcmp (key, "title") == 0)
                    wanted = WANT_TITLE;
                  else if (strcmp (key, "date") == 0)
                    wanted = WANT_DATE;
                  else if (strcmp (key, "tags") == 0)
                    wanted = WANT_TAGS;
                  else
                    wanted = WANT_NONE;
                  expect_key = FALSE;
                }
              else
                {
                  if (event.type == YAML_SCALAR_EVENT)
                    {
                      const char *value = (const char *) event.data.scalar.value;
                      gboolean is_null = event.data.scalar.plain_implicit &&
                                         (value[0] == '\0' || strcmp (value, "~") == 0 ||
                                          strcmp (value, "null") == 0);

                      if (wanted == WANT_TITLE && !is_null)
                        replace_string (&entry->title, value);
                      else if (wanted == WANT_DATE && !is_null)
                        replace_string (&entry->date, value);
                      else if (wanted == WANT_TAGS && !is_null)
                        {
                          /* tags: one-tag */
                          g_strfreev (entry->tags);
                          entry->tags = g_new0 (char *, 2);
                          entry->tags[0] = g_strdup (value);
                        }
                    }
                  wanted = WANT_NONE;
                  expect_key = TRUE;
                }
            }
          else if (depth == 2 && wanted == WANT_TAGS && event.type == YAML_SCALAR_EVENT)
            {
              g_ptr_array_add (tags, g_strdup ((const char *) event.data.scalar.value));
            }
          break;

        case YAML_DOCUMENT_START_EVENT:
          if (++n_documents > 1)
            {
              g_set_error (&entry->error, CURATOR_ERROR, CURATOR_ERROR_PARSE,
                           _("line %u, column %u: a second YAML document starts here: the front matter must be one document"),
                           first_line + (guint) event.start_mark.line,
                           (guint) event.start_mark.column + 1);
              done = TRUE;
            }
          break;

        case YAML_NO_EVENT:
        case YAML_STREAM_START_EVENT:
        case YAML_DOCUMENT_END_EVENT:
        default:
          break;
        }

      yaml_event_delete (&event);
    }

  yaml_parser_delete (&parser);
}

CuratorFolderIndexEntry *
curator_folder_index_entry_new_from_data (const char *path,
                                          const char *data,
                                          gsize       length)
{
  g_autoptr(CuratorFolderIndexEntry) entry = g_new0 (CuratorFolderIndexEntry, 1);
  CuratorFrontMatterSplit split;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  entry->path = g_strdup (path);
  entry->tags = g_new0 (char *, 1);

  if (!curator_front_matter_split (data, length, &split, &entry->error))
    {
      entry->kind = CURATOR_FRONT_MATTER_NONE;
      return g_steal_pointer (&entry);
    }

  entry->kind = split.kind;
  switch (split.kind)
    {
    case CURATOR_FRONT_MATTER_YAML:
      scan_yaml (entry, data, split.front_matter_start, split.front_matter_end);
      break;

    case CURATOR_FRONT_MATTER_TOML:
    case CURATOR_FRONT_MATTER_JSON:
      /* The same words as CuratorDocument's load error. */
      g_set_error_literal (&entry->error, CURATOR_ERROR, CURATOR_ERROR_UNSUPPORTED_FORMAT,
                           split.kind == CURATOR_FRONT_MATTER_TOML ?
                           _("line 1, column 1: TOML front matter (+++) is kept as it is but cannot be edited in forms") :
                           _("line 1, column 1: JSON front matter is kept as it is but cannot be edited in forms"));
      break;

    case CURATOR_FRONT_MATTER_NONE:
    default:
      g_set_error_literal (&entry->error, CURATOR_ERROR, CURATOR_ERROR_NO_FRONT_MATTER,
                           _("line 1, column 1: no front matter (the file does not start with a --- line)"));
      break;
    }

  return g_steal_pointer (&entry);
}

gboolean
curator_folder_index_is_content_file (const char *name)
{
  g_return_val_if_fail (name != NULL, FALSE);

  return g_str_has_suffix (name, ".md") ||
         g_str_has_suffix (name, ".markdown") ||
         g_str_has_suffix (name, ".html");
}

static gboolean
collect_files (const char  *root,
               const char  *relative,
               GPtrArray   *paths,
               GError     **error)
{
  g_autofree char *dir_path = relative ? g_build_filename (root, relative, NULL) : g_strdup (root);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  dir = g_dir_open (dir_path, 0, error);
  if (dir == NULL)
    return FALSE;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child_relative = NULL;
      g_autofree char *child_path = NULL;
      GStatBuf buf;

      if (name[0] == '.')
        continue;

      child_relative = relative ? g_strconcat (relative, "/", name, NULL) : g_strdup (name);
      child_path = g_build_filename (dir_path, name, NULL);
      /* lstat: a link to a folder is not followed (no cycles), a link to
       * a file is listed. */
      if (g_lstat (child_path, &buf) != 0)
        continue;

      if (S_ISDIR (buf.st_mode))
        {
          if (!collect_files (root, child_relative, paths, error))
            return FALSE;
        }
      else if (curator_folder_index_is_content_file (name) &&
               (S_ISREG (buf.st_mode) || S_ISLNK (buf.st_mode)))
        {
          g_ptr_array_add (paths, g_steal_pointer (&child_relative));
        }
    }

  return TRUE;
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GPtrArray *
curator_folder_index_list_files (const char  *folder,
                                 GError     **error)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (folder != NULL, NULL);

  if (!collect_files (folder, NULL, paths, error))
    return NULL;

  g_ptr_array_sort (paths, compare_paths);

  return g_steal_pointer (&paths);
}

static void
index_job_run (IndexJob *job)
{
  for (;;)
    {
      guint i = (guint) g_atomic_int_add (&job->next, 1);
      const char *relative;
      g_autofree char *full_path = NULL;
      g_autofree char *contents = NULL;
      gsize length = 0;
      GError *read_error = NULL;

      if (i >= job->paths->len || g_cancellable_is_cancelled (job->cancellable))
        return;

      relative = g_ptr_array_index (job->paths, i);
      full_path = g_build_filename (job->folder_path, relative, NULL);
      if (!g_file_get_contents (full_path, &contents, &length, &read_error))
        {
          CuratorFolderIndexEntry *entry = g_new0 (CuratorFolderIndexEntry, 1);

          entry->path = g_strdup (relative);
          entry->tags = g_new0 (char *, 1);
          entry->kind = CURATOR_FRONT_MATTER_NONE;
          entry->error = read_error;
          job->results[i] = entry;
          continue;
        }

      job->results[i] = curator_folder_index_entry_new_from_data (relative, contents, length);
    }
}

static void
index_job_worker (gpointer data,
                  gpointer user_data)
{
  index_job_run (user_data);
}

static void
curator_folder_index_finalize (GObject *object)
{
  CuratorFolderIndex *self = (CuratorFolderIndex *)object;

  g_clear_object (&self->folder);
  g_clear_pointer (&self->entries, g_ptr_array_unref);

  G_OBJECT_CLASS (curator_folder_index_parent_class)->finalize (object);
}

static void
curator_folder_index_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CuratorFolderIndex *self = CURATOR_FOLDER_INDEX (object);

  switch (prop_id)
    {
    case PROP_FOLDER:
      g_value_set_object (value, self->folder);
      break;

    case PROP_N_THREADS:
      g_value_set_uint (value, self->n_threads);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
curator_folder_index_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CuratorFolderIndex *self = CURATOR_FOLDER_INDEX (object);

  switch (prop_id)
    {
    case PROP_FOLDER:
      self->folder = g_value_dup_object (value);
      break;

    case PROP_N_THREADS:
      curator_folder_index_set_n_threads (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
curator_folder_index_class_init (CuratorFolderIndexClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = curator_folder_index_finalize;
  object_class->get_property = curator_folder_index_get_property;
  object_class->set_property = curator_folder_index_set_property;

  properties[PROP_FOLDER] =
    g_param_spec_object ("folder", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_THREADS] =
    g_param_spec_uint ("n-threads", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
curator_folder_index_init (CuratorFolderIndex *self)
{
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) curator_folder_index_entry_free);
}

CuratorFolderIndex *
curator_folder_index_new (GFile *folder)
{
  g_return_val_if_fail (G_IS_FILE (folder), NULL);

  return g_object_new (CURATOR_TYPE_FOLDER_INDEX,
                       "folder", folder,
                       NULL);
}

GFile *
curator_folder_index_get_folder (CuratorFolderIndex *self)
{
  g_return_val_if_fail (CURATOR_IS_FOLDER_INDEX (self), NULL);

  return self->folder;
}

guint
curator_folder_index_get_n_threads (CuratorFolderIndex *self)
{
  g_return_val_if_fail (CURATOR_IS_FOLDER_INDEX (self), 0);

  return self->n_threads;
}

void
curator_folder_index_set_n_threads (CuratorFolderIndex *self,
                                    guint               n_threads)
{
  g_return_if_fail (CURATOR_IS_FOLDER_INDEX (self));

  if (self->n_threads != n_threads)
    {
      self->n_threads = n_threads;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_THREADS]);
    }
}

guint
curator_folder_index_get_n_threads_used (CuratorFolderIndex *self)
{
  g_return_val_if_fail (CURATOR_IS_FOLDER_INDEX (self), 0);

  return self->n_threads_used;
}

/* Runs in the caller's thread (or a GTask thread): lists the files, then
 * spreads them over the workers. Returns the entries sorted by path. */
static GPtrArray *
build_entries (const char    *folder_path,
               guint          n_threads,
               guint         *n_threads_used,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  IndexJob job = { 0 };

  paths = curator_folder_index_list_files (folder_path, error);
  if (paths == NULL)
    return NULL;

  if (n_threads == 0)
    n_threads = g_get_num_processors ();
  n_threads = CLAMP (n_threads, 1, MAX (paths->len, 1));
  *n_threads_used = n_threads;

  job.folder_path = (char *) folder_path;
  job.paths = paths;
  job.results = g_new0 (CuratorFolderIndexEntry *, MAX (paths->len, 1));
  job.cancellable = cancellable;

  if (n_threads == 1)
    {
      index_job_run (&job);
    }
  else
    {
      GThreadPool *pool;

      /* Every worker pulls paths from the shared counter until none are
       * left, so results land in their sorted slot whatever the order. */
      pool = g_thread_pool_new (index_job_worker, &job, (int) n_threads, TRUE, error);
      if (pool == NULL)
        {
          g_free (job.results);
          return NULL;
        }
      for (guint i = 0; i < n_threads; i++)
        g_thread_pool_push (pool, GUINT_TO_POINTER (i + 1), NULL);
      g_thread_pool_free (pool, FALSE, TRUE);
    }

  entries = g_ptr_array_new_full (paths->len, (GDestroyNotify) curator_folder_index_entry_free);
  for (guint i = 0; i < paths->len; i++)
    if (job.results[i] != NULL)
      g_ptr_array_add (entries, job.results[i]);
  g_free (job.results);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  return g_steal_pointer (&entries);
}

gboolean
curator_folder_index_build (CuratorFolderIndex  *self,
                            GCancellable        *cancellable,
                            GError             **error)
{
  g_autofree char *folder_path = NULL;
  GPtrArray *entries;
  guint n_threads_used = 0;

  g_return_val_if_fail (CURATOR_IS_FOLDER_INDEX (self), FALSE);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), FALSE);

  folder_path = g_file_get_path (self->folder);
  if (folder_path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Only local folders can be indexed"));
      return FALSE;
    }

  entries = build_entries (folder_path, self->n_threads, &n_threads_used, cancellable, error);
  if (entries == NULL)
    return FALSE;

  g_clear_pointer (&self->entries, g_ptr_array_unref);
  self->entries = entries;
  self->n_threads_used = n_threads_used;

  return TRUE;
}

typedef struct
{
  char  *folder_path;
  guint  n_threads;
  guint  n_threads_used;
} BuildData;

static void
build_data_free (BuildData *data)
{
  g_free (data->folder_path);
  g_free (data);
}

static void
build_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  BuildData *data = task_data;
  GError *error = NULL;
  GPtrArray *entries;

  entries = build_entries (data->folder_path, data->n_threads, &data->n_threads_used,
                           cancellable, &error);
  if (entries == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, entries, (GDestroyNotify) g_ptr_array_unref);
}

void
curator_folder_index_build_async (CuratorFolderIndex  *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  BuildData *data;

  g_return_if_fail (CURATOR_IS_FOLDER_INDEX (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, curator_folder_index_build_async);

  data = g_new0 (BuildData, 1);
  data->folder_path = g_file_get_path (self->folder);
  data->n_threads = self->n_threads;
  g_task_set_task_data (task, data, (GDestroyNotify) build_data_free);

  if (data->folder_path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Only local folders can be indexed"));
      return;
    }

  g_task_run_in_thread (task, build_thread);
}

gboolean
curator_folder_index_build_finish (CuratorFolderIndex  *self,
                                   GAsyncResult        *result,
                                   GError             **error)
{
  GPtrArray *entries;

  g_return_val_if_fail (CURATOR_IS_FOLDER_INDEX (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  entries = g_task_propagate_pointer (G_TASK (result), error);
  if (entries == NULL)
    return FALSE;

  g_clear_pointer (&self->entries, g_ptr_array_unref);
  self->entries = entries;
  self->n_threads_used = ((BuildData *) g_task_get_task_data (G_TASK (result)))->n_threads_used;

  return TRUE;
}

guint
curator_folder_index_get_n_entries (CuratorFolderIndex *self)
{
  g_return_val_if_fail (CURATOR_IS_FOLDER_INDEX (self), 0);

  return self->entries->len;
}

const CuratorFolderIndexEntry *
curator_folder_index_get_entry (CuratorFolderIndex *self,
                                guint               index)
{
  g_return_val_if_fail (CURATOR_IS_FOLDER_INDEX (self), NULL);
  g_return_val_if_fail (index < self->entries->len, NULL);

  return g_ptr_array_index (self->entries, index);
}
