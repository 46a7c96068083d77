/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-draft-store"

#include "config.h"

#include "curator-draft-store.h"

#include <glib/gi18n.h>
#include <string.h>

#include "curator-safe-file.h"

/* A draft is one file, ID.draft, written crash-safe like a save:
 *
 *   Curator draft 1
 *   file: file:///path/to/item.md        (empty for a document with no file)
 *   base: SHA-256 of the bytes the edits started from (a new document
 *         starts from none: empty bytes, as a missing file reads)
 *
 *   …the whole file as Save would write it…
 *
 * The header is ASCII lines; everything after the blank line is the
 * document's bytes, verbatim. */

#define DRAFT_MAGIC     "Curator draft 1\n"
#define DRAFT_EXTENSION ".draft"

struct _CuratorDraft
{
  gatomicrefcount  ref_count;
  char            *id;
  GFile           *file;
  char            *base_checksum;
  GBytes          *bytes;
  GDateTime       *written;
};

G_DEFINE_BOXED_TYPE (CuratorDraft, curator_draft, curator_draft_ref, curator_draft_unref)

CuratorDraft *
curator_draft_ref (CuratorDraft *draft)
{
  g_return_val_if_fail (draft != NULL, NULL);

  g_atomic_ref_count_inc (&draft->ref_count);
  return draft;
}

void
curator_draft_unref (CuratorDraft *draft)
{
  g_return_if_fail (draft != NULL);

  if (!g_atomic_ref_count_dec (&draft->ref_count))
    return;
  g_free (draft->id);
  g_clear_object (&draft->file);
  g_free (draft->base_checksum);
  g_bytes_unref (draft->bytes);
  g_date_time_unref (draft->written);
  g_free (draft);
}

const char *
curator_draft_get_id (CuratorDraft *draft)
{
  g_return_val_if_fail (draft != NULL, NULL);

  return draft->id;
}

GFile *
curator_draft_get_file (CuratorDraft *draft)
{
  g_return_val_if_fail (draft != NULL, NULL);

  return draft->file;
}

GBytes *
curator_draft_get_bytes (CuratorDraft *draft)
{
  g_return_val_if_fail (draft != NULL, NULL);

  return draft->bytes;
}

GDateTime *
curator_draft_get_written (CuratorDraft *draft)
{
  g_return_val_if_fail (draft != NULL, NULL);

  return draft->written;
}

static char *
checksum_of (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

gboolean
curator_draft_base_differs (CuratorDraft *draft,
                            GBytes       *disk_bytes)
{
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  g_autofree char *checksum = NULL;

  g_return_val_if_fail (draft != NULL, TRUE);

  /* A missing file reads as empty, as a new document starts. */
  checksum = checksum_of (disk_bytes != NULL ? disk_bytes : empty);
  return g_strcmp0 (checksum, draft->base_checksum) != 0;
}

/* The store */

struct _CuratorDraftStore
{
  GObject  parent_instance;

  GFile   *folder;
};

G_DEFINE_FINAL_TYPE (CuratorDraftStore, curator_draft_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FOLDER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
curator_draft_store_finalize (GObject *object)
{
  CuratorDraftStore *self = (CuratorDraftStore *)object;

  g_clear_object (&self->folder);

  G_OBJECT_CLASS (curator_draft_store_parent_class)->finalize (object);
}

static void
curator_draft_store_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CuratorDraftStore *self = CURATOR_DRAFT_STORE (object);

  switch (prop_id)
    {
    case PROP_FOLDER:
      g_value_set_object (value, self->folder);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
curator_draft_store_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CuratorDraftStore *self = CURATOR_DRAFT_STORE (object);

  switch (prop_id)
    {
    case PROP_FOLDER:
      self->folder = g_value_dup_object (value);
      if (self->folder == NULL)
        {
          g_autofree char *path = g_build_filename (g_get_user_data_dir (), "curator", "drafts", NULL);

          self->folder = g_file_new_for_path (path);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
curator_draft_store_class_init (CuratorDraftStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = curator_draft_store_finalize;
  object_class->get_property = curator_draft_store_get_property;
  object_class->set_property = curator_draft_store_set_property;

  properties[PROP_FOLDER] =
    g_param_spec_object ("folder", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
curator_draft_store_init (CuratorDraftStore *self)
{
}

CuratorDraftStore *
curator_draft_store_new (GFile *folder)
{
  g_return_val_if_fail (folder == NULL || G_IS_FILE (folder), NULL);

  return g_object_new (CURATOR_TYPE_DRAFT_STORE, "folder", folder, NULL);
}

GFile *
curator_draft_store_get_folder (CuratorDraftStore *self)
{
  g_return_val_if_fail (CURATOR_IS_DRAFT_STORE (self), NULL);

  return self->folder;
}

char *
curator_draft_store_id_for (CuratorDocument *document)
{
  GFile *file;

  g_return_val_if_fail (CURATOR_IS_DOCUMENT (document), NULL);

  file = curator_document_get_file (document);
  if (file != NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      return g_compute_checksum_for_string (G_CHECKSUM_SHA256, uri, -1);
    }
  return g_uuid_string_random ();
}

static gboolean
is_valid_id (const char *id)
{
  if (id == NULL || id[0] == '\0')
    return FALSE;
  for (const char *c = id; *c != '\0'; c++)
    if (!g_ascii_isalnum (*c) && *c != '-')
      return FALSE;
  return TRUE;
}

static GFile *
draft_file (CuratorDraftStore *self,
            const char        *id)
{
  g_autofree char *name = g_strconcat (id, DRAFT_EXTENSION, NULL);

  return g_file_get_child (self->folder, name);
}

/* The draft's bytes: the header, then the document's bytes. */
static GBytes *
encode (GFile  *file,
        GBytes *base,
        GBytes *bytes)
{
  g_autoptr(GString) out = g_string_new (DRAFT_MAGIC);
  g_autofree char *uri = file != NULL ? g_file_get_uri (file) : NULL;
  g_autofree char *checksum = checksum_of (base);
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  g_string_append_printf (out, "file: %s\nbase: %s\n\n", uri ? uri : "", checksum);
  g_string_append_len (out, data, length);
  return g_string_free_to_bytes (g_steal_pointer (&out));
}

typedef struct
{
  GFile  *target;
  GFile  *folder;
  GFile  *file;
  GBytes *base;
  GBytes *bytes;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->target);
  g_clear_object (&data->folder);
  g_clear_object (&data->file);
  g_clear_pointer (&data->base, g_bytes_unref);
  g_clear_pointer (&data->bytes, g_bytes_unref);
  g_free (data);
}

static SaveData *
save_data_new (CuratorDraftStore *self,
               const char        *id,
               CuratorDocument   *document)
{
  SaveData *data = g_new0 (SaveData, 1);
  GFile *file = curator_document_get_file (document);

  data->target = draft_file (self, id);
  data->folder = g_object_ref (self->folder);
  data->file = file != NULL ? g_object_ref (file) : NULL;
  data->base = g_bytes_ref (curator_document_get_saved_bytes (document));
  data->bytes = curator_document_serialize (document);
  return data;
}

static gboolean
save_data_write (SaveData      *data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(GBytes) encoded = encode (data->file, data->base, data->bytes);
  g_autoptr(GError) local_error = NULL;

  if (!g_file_make_directory_with_parents (data->folder, cancellable, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return curator_safe_file_replace (data->target, encoded, NULL, cancellable, error);
}

gboolean
curator_draft_store_save (CuratorDraftStore  *self,
                          const char         *id,
                          CuratorDocument    *document,
                          GError            **error)
{
  SaveData *data;
  gboolean saved;

  g_return_val_if_fail (CURATOR_IS_DRAFT_STORE (self), FALSE);
  g_return_val_if_fail (is_valid_id (id), FALSE);
  g_return_val_if_fail (CURATOR_IS_DOCUMENT (document), FALSE);

  data = save_data_new (self, id, document);
  saved = save_data_write (data, NULL, error);
  save_data_free (data);
  return saved;
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;

  if (save_data_write (task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
curator_draft_store_save_async (CuratorDraftStore   *self,
                                const char          *id,
                                CuratorDocument     *document,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CURATOR_IS_DRAFT_STORE (self));
  g_return_if_fail (is_valid_id (id));
  g_return_if_fail (CURATOR_IS_DOCUMENT (document));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, curator_draft_store_save_async);
  /* Drafts of one store are written one after the other. */
  g_task_set_task_data (task, save_data_new (self, id, document), (GDestroyNotify) save_data_free);
  g_task_run_in_thread (task, save_thread);
}

gboolean
curator_draft_store_save_finish (CuratorDraftStore  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_return_val_if_fail (CURATOR_IS_DRAFT_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
curator_draft_store_discard (CuratorDraftStore  *self,
                             const char         *id,
                             GError            **error)
{
  g_autoptr(GFile) target = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (CURATOR_IS_DRAFT_STORE (self), FALSE);
  g_return_val_if_fail (is_valid_id (id), FALSE);

  target = draft_file (self, id);
  if (g_file_delete (target, NULL, &local_error) ||
      g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* Reads "NAME: value\n" at @at; advances past it. */
static char *
read_header_line (const char **at,
                  const char  *end,
                  const char  *name)
{
  gsize name_length = strlen (name);
  const char *eol = memchr (*at, '\n', end - *at);

  if (eol == NULL || (gsize) (eol - *at) < name_length + 2 ||
      strncmp (*at, name, name_length) != 0 || (*at)[name_length] != ':' || (*at)[name_length + 1] != ' ')
    return NULL;
  {
    char *value = g_strndup (*at + name_length + 2, eol - *at - name_length - 2);

    *at = eol + 1;
    return value;
  }
}

static CuratorDraft *
decode (const char  *id,
        GBytes      *encoded,
        GDateTime   *written,
        GError     **error)
{
  gsize length;
  const char *data = g_bytes_get_data (encoded, &length);
  const char *end = data + length;
  const char *at = data;
  g_autofree char *uri = NULL;
  g_autofree char *base = NULL;
  CuratorDraft *draft;

  if (length < strlen (DRAFT_MAGIC) || memcmp (data, DRAFT_MAGIC, strlen (DRAFT_MAGIC)) != 0)
    goto invalid;
  at += strlen (DRAFT_MAGIC);
  if (!(uri = read_header_line (&at, end, "file")) || !(base = read_header_line (&at, end, "base")) ||
      at >= end || *at != '\n')
    goto invalid;
  at++;

  draft = g_new0 (CuratorDraft, 1);
  g_atomic_ref_count_init (&draft->ref_count);
  draft->id = g_strdup (id);
  draft->file = uri[0] != '\0' ? g_file_new_for_uri (uri) : NULL;
  draft->base_checksum = g_steal_pointer (&base);
  draft->bytes = g_bytes_new_from_bytes (encoded, at - data, end - at);
  draft->written = g_date_time_ref (written);
  return draft;

invalid:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The draft %s is damaged"), id);
  return NULL;
}

CuratorDraft *
curator_draft_store_load (CuratorDraftStore  *self,
                          const char         *id,
                          GError            **error)
{
  g_autoptr(GFile) target = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) encoded = NULL;
  g_autoptr(GDateTime) written = NULL;

  g_return_val_if_fail (CURATOR_IS_DRAFT_STORE (self), NULL);
  g_return_val_if_fail (is_valid_id (id), NULL);

  target = draft_file (self, id);
  if (!(info = g_file_query_info (target, G_FILE_ATTRIBUTE_TIME_MODIFIED "," G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC,
                                  G_FILE_QUERY_INFO_NONE, NULL, error)) ||
      !(encoded = g_file_load_bytes (target, NULL, NULL, error)))
    return NULL;
  written = g_file_info_get_modification_date_time (info);
  return decode (id, encoded, written, error);
}

static int
compare_written (gconstpointer a,
                 gconstpointer b)
{
  CuratorDraft *x = *(CuratorDraft * const *) a;
  CuratorDraft *y = *(CuratorDraft * const *) b;

  return g_date_time_compare (x->written, y->written);
}

GPtrArray *
curator_draft_store_list (CuratorDraftStore *self)
{
  GPtrArray *drafts = g_ptr_array_new_with_free_func ((GDestroyNotify) curator_draft_unref);
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;

  g_return_val_if_fail (CURATOR_IS_DRAFT_STORE (self), drafts);

  /* A draft write cut short by a crash leaves its temporary file. */
  curator_safe_file_clean_leftovers (self->folder, NULL);

  children = g_file_enumerate_children (self->folder, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autoptr(GFileInfo) owned = info;
      const char *name = g_file_info_get_name (info);
      g_autofree char *id = NULL;
      g_autoptr(GError) error = NULL;
      CuratorDraft *draft;

      if (!g_str_has_suffix (name, DRAFT_EXTENSION))
        continue;
      id = g_strndup (name, strlen (name) - strlen (DRAFT_EXTENSION));
      if (!is_valid_id (id))
        continue;
      if ((draft = curator_draft_store_load (self, id, &error)) != NULL)
        g_ptr_array_add (drafts, draft);
      else
        g_message ("Skipping a draft that cannot be read: %s", error->message);
    }

  g_ptr_array_sort (drafts, compare_written);
  return drafts;
}
