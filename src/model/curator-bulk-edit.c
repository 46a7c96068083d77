/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-bulk-edit"

#include "config.h"

#include "curator-bulk-edit.h"
#include "curator-bulk-edit-private.h"

#include "curator-document.h"
#include "curator-error.h"
#include "curator-json.h"
#include "curator-safe-file.h"
#include "curator-unified-diff.h"

#include <glib/gi18n.h>

/* The lines of context around each change, as `curator-cli set --diff`. */
#define DIFF_CONTEXT_LINES 3

struct _CuratorBulkEdit
{
  GObject                   parent_instance;

  GFile                    *folder;
  CuratorBulkEditOperation  operation;
  char                     *key_path;
  char                     *value;
  gboolean                  json;

  GListStore               *files;
  gboolean                  busy;
};

G_DEFINE_FINAL_TYPE (CuratorBulkEdit, curator_bulk_edit, G_TYPE_OBJECT)

typedef enum
{
  STEP_PREPARE,
  STEP_APPLY,
  STEP_UNDO,
} Step;

/* One file's part in a step: read in a thread, set on the file after. */
typedef struct
{
  CuratorBulkEditFile      *file;
  GFile                    *gfile;
  char                     *label;
  CuratorBulkEditFileState  state;
  GBytes                   *original;
  GBytes                   *edited;
  char                     *diff;
  GError                   *error;
} Outcome;

typedef struct
{
  CuratorBulkEdit *self;   /* the step reads only its immutable fields */
  Step             step;
  GArray          *outcomes;
  guint            n_failed;
  gboolean         applied;
} StepData;

static void
outcome_clear (gpointer data)
{
  Outcome *outcome = data;

  g_clear_object (&outcome->file);
  g_clear_object (&outcome->gfile);
  g_clear_pointer (&outcome->label, g_free);
  g_clear_pointer (&outcome->original, g_bytes_unref);
  g_clear_pointer (&outcome->edited, g_bytes_unref);
  g_clear_pointer (&outcome->diff, g_free);
  g_clear_error (&outcome->error);
}

static void
step_data_free (StepData *data)
{
  g_clear_object (&data->self);
  g_clear_pointer (&data->outcomes, g_array_unref);
  g_free (data);
}

static gboolean
node_is_null (const CuratorNode *node)
{
  return curator_node_get_kind (node) == CURATOR_NODE_SCALAR &&
         curator_node_get_scalar_type (node) == CURATOR_SCALAR_NULL;
}

/* Adds the value to the list at the key path: the list is made when the
 * key is missing or null; a value already in it is not added again. */
static gboolean
add_to_list (CuratorBulkEdit  *self,
             CuratorDocument  *document,
             GError          **error)
{
  g_autoptr(GError) lookup_error = NULL;
  const CuratorNode *node = curator_document_lookup (document, self->key_path, &lookup_error);

  if (node == NULL || node_is_null (node))
    {
      g_autoptr(GString) list = g_string_new ("[");

      if (node == NULL && !g_error_matches (lookup_error, CURATOR_ERROR, CURATOR_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&lookup_error));
          return FALSE;
        }
      if (self->json)
        g_string_append (list, self->value);
      else
        curator_json_append_string (list, self->value);
      g_string_append_c (list, ']');
      return curator_document_set_json (document, self->key_path, list->str, error);
    }

  if (curator_node_get_kind (node) != CURATOR_NODE_SEQUENCE)
    {
      g_set_error (error, CURATOR_ERROR, CURATOR_ERROR_TYPE_MISMATCH,
                   _("“%s” is not a list"), self->key_path);
      return FALSE;
    }

  if (!self->json)
    for (guint i = 0; i < curator_node_get_n_children (node); i++)
      {
        const CuratorNode *item = curator_node_get_child (node, i);

        if (curator_node_get_kind (item) == CURATOR_NODE_SCALAR &&
            g_strcmp0 (curator_node_get_value (item), self->value) == 0)
          return TRUE;
      }

  if (self->json)
    {
      g_autofree char *item_path = g_strdup_printf ("%s[%u]", self->key_path, curator_node_get_n_children (node));

      return curator_document_set_json (document, item_path, self->value, error);
    }
  return curator_document_insert_item (document, self->key_path, curator_node_get_n_children (node),
                                       self->value, CURATOR_SCALAR_AUTO, error);
}

static gboolean
edit_document (CuratorBulkEdit  *self,
               CuratorDocument  *document,
               GError          **error)
{
  g_autoptr(GError) lookup_error = NULL;

  switch (self->operation)
    {
    case CURATOR_BULK_EDIT_SET:
      if (self->json)
        return curator_document_set_json (document, self->key_path, self->value, error);
      return curator_document_set_value (document, self->key_path, self->value, CURATOR_SCALAR_AUTO, error);

    case CURATOR_BULK_EDIT_ADD:
      return add_to_list (self, document, error);

    case CURATOR_BULK_EDIT_REMOVE:
    default:
      /* A file without the field is left as it is. */
      if (curator_document_lookup (document, self->key_path, &lookup_error) == NULL &&
          g_error_matches (lookup_error, CURATOR_ERROR, CURATOR_ERROR_NOT_FOUND))
        return TRUE;
      return curator_document_unset (document, self->key_path, error);
    }
}

static void
prepare_one (CuratorBulkEdit *self,
             Outcome         *outcome)
{
  g_autoptr(CuratorDocument) document = curator_document_new (NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;
  const GError *load_error;

  outcome->state = CURATOR_BULK_EDIT_FILE_REFUSED;
  if (!g_file_load_contents (outcome->gfile, NULL, &contents, &length, NULL, &outcome->error))
    return;
  outcome->original = g_bytes_new_take (g_steal_pointer (&contents), length);

  if (!curator_document_load_from_bytes (document, outcome->original, &outcome->error))
    return;
  load_error = curator_document_get_load_error (document);
  if (load_error != NULL)
    {
      outcome->error = g_error_copy (load_error);
      return;
    }
  if (!edit_document (self, document, &outcome->error))
    return;

  outcome->edited = curator_document_serialize (document);
  if (g_bytes_equal (outcome->original, outcome->edited))
    {
      outcome->state = CURATOR_BULK_EDIT_FILE_UNCHANGED;
      return;
    }
  outcome->state = CURATOR_BULK_EDIT_FILE_CHANGE;
  outcome->diff = curator_unified_diff (g_bytes_get_data (outcome->original, NULL),
                                        g_bytes_get_size (outcome->original),
                                        g_bytes_get_data (outcome->edited, NULL),
                                        g_bytes_get_size (outcome->edited),
                                        outcome->label, outcome->label, DIFF_CONTEXT_LINES);
}

/* Writes @bytes over the file if it still holds @expected. */
static void
write_one (Outcome                  *outcome,
           GBytes                   *bytes,
           GBytes                   *expected,
           CuratorBulkEditFileState  done)
{
  g_autoptr(GError) error = NULL;

  if (curator_safe_file_replace (outcome->gfile, bytes, expected, NULL, &error))
    {
      outcome->state = done;
      return;
    }
  outcome->state = CURATOR_BULK_EDIT_FILE_FAILED;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG))
    g_set_error (&outcome->error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG, "%s",
                 _("the file changed on disk since: left as it is"));
  else
    outcome->error = g_steal_pointer (&error);
}

/* The step's work, in whichever thread runs it. */
static void
run_step (StepData     *data,
          GCancellable *cancellable)
{
  for (guint i = 0; i < data->outcomes->len; i++)
    {
      Outcome *outcome = &g_array_index (data->outcomes, Outcome, i);

      if (g_cancellable_is_cancelled (cancellable))
        break;

      switch (data->step)
        {
        case STEP_PREPARE:
          prepare_one (data->self, outcome);
          break;
        case STEP_APPLY:
          write_one (outcome, outcome->edited, outcome->original, CURATOR_BULK_EDIT_FILE_WRITTEN);
          break;
        case STEP_UNDO:
        default:
          write_one (outcome, outcome->original, outcome->edited, CURATOR_BULK_EDIT_FILE_RESTORED);
          break;
        }
      if (outcome->state == CURATOR_BULK_EDIT_FILE_FAILED)
        data->n_failed++;
    }
}

/* The files a step works on, with what it needs of each. */
static StepData *
step_data_new (CuratorBulkEdit *self,
               Step             step)
{
  StepData *data = g_new0 (StepData, 1);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->files));

  data->self = g_object_ref (self);
  data->step = step;
  data->outcomes = g_array_new (FALSE, TRUE, sizeof (Outcome));
  g_array_set_clear_func (data->outcomes, outcome_clear);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CuratorBulkEditFile) file = g_list_model_get_item (G_LIST_MODEL (self->files), i);
      CuratorBulkEditFileState state = curator_bulk_edit_file_get_state (file);
      Outcome outcome = { 0 };

      if ((step == STEP_PREPARE && state != CURATOR_BULK_EDIT_FILE_PENDING) ||
          (step == STEP_APPLY && state != CURATOR_BULK_EDIT_FILE_CHANGE) ||
          (step == STEP_UNDO && state != CURATOR_BULK_EDIT_FILE_WRITTEN))
        continue;

      outcome.file = g_object_ref (file);
      outcome.gfile = g_object_ref (curator_bulk_edit_file_get_file (file));
      outcome.label = g_strdup (curator_bulk_edit_file_get_label (file));
      if (step != STEP_PREPARE)
        {
          outcome.original = g_bytes_ref (_curator_bulk_edit_file_get_original (file));
          outcome.edited = g_bytes_ref (_curator_bulk_edit_file_get_edited (file));
        }
      g_array_append_val (data->outcomes, outcome);
    }

  return data;
}

/* Main thread: the files take their outcomes. */
static gboolean
step_data_apply (StepData  *data,
                 GError   **error)
{
  if (!data->applied)
    {
      data->applied = TRUE;
      data->self->busy = FALSE;
      for (guint i = 0; i < data->outcomes->len; i++)
        {
          Outcome *outcome = &g_array_index (data->outcomes, Outcome, i);

          /* Cancelled before it was reached. */
          if (outcome->state == CURATOR_BULK_EDIT_FILE_PENDING)
            continue;
          _curator_bulk_edit_file_set_outcome (outcome->file, outcome->state, outcome->original,
                                               outcome->edited, outcome->diff, outcome->error);
        }
    }

  if (data->n_failed > 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   data->step == STEP_UNDO ?
                   g_dngettext (GETTEXT_PACKAGE, "%u file could not be restored", "%u files could not be restored", data->n_failed) :
                   g_dngettext (GETTEXT_PACKAGE, "%u file could not be written", "%u files could not be written", data->n_failed),
                   data->n_failed);
      return FALSE;
    }
  return TRUE;
}

static gboolean
run_step_sync (CuratorBulkEdit  *self,
               Step              step,
               GCancellable     *cancellable,
               GError          **error)
{
  StepData *data;
  gboolean ok;

  g_return_val_if_fail (!self->busy, FALSE);

  data = step_data_new (self, step);
  self->busy = TRUE;
  run_step (data, cancellable);
  ok = step_data_apply (data, error);
  step_data_free (data);
  if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  return ok;
}

static void
step_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  run_step (task_data, cancellable);
  g_task_return_boolean (task, TRUE);
}

static void
run_step_async (CuratorBulkEdit     *self,
                Step                 step,
                gpointer             source_tag,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (!self->busy);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, step_data_new (self, step), (GDestroyNotify) step_data_free);
  self->busy = TRUE;
  g_task_run_in_thread (task, step_thread);
}

static gboolean
run_step_finish (CuratorBulkEdit  *self,
                 GAsyncResult     *result,
                 GError          **error)
{
  StepData *data = g_task_get_task_data (G_TASK (result));
  gboolean ok;

  /* What was done is kept even when the step was cancelled half way. */
  ok = step_data_apply (data, error);
  if (!g_task_propagate_boolean (G_TASK (result), ok ? error : NULL))
    return FALSE;
  return ok;
}

static void
curator_bulk_edit_finalize (GObject *object)
{
  CuratorBulkEdit *self = (CuratorBulkEdit *)object;

  g_clear_object (&self->folder);
  g_clear_pointer (&self->key_path, g_free);
  g_clear_pointer (&self->value, g_free);
  g_clear_object (&self->files);

  G_OBJECT_CLASS (curator_bulk_edit_parent_class)->finalize (object);
}

static void
curator_bulk_edit_class_init (CuratorBulkEditClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = curator_bulk_edit_finalize;
}

static void
curator_bulk_edit_init (CuratorBulkEdit *self)
{
  self->files = g_list_store_new (CURATOR_TYPE_BULK_EDIT_FILE);
}

CuratorBulkEdit *
curator_bulk_edit_new (GFile                    *folder,
                       CuratorBulkEditOperation  operation,
                       const char               *key_path,
                       const char               *value,
                       gboolean                  json)
{
  CuratorBulkEdit *self;

  g_return_val_if_fail (!folder || G_IS_FILE (folder), NULL);
  g_return_val_if_fail (key_path != NULL && key_path[0] != '\0', NULL);
  g_return_val_if_fail (operation == CURATOR_BULK_EDIT_REMOVE || value != NULL, NULL);

  self = g_object_new (CURATOR_TYPE_BULK_EDIT, NULL);
  self->folder = folder != NULL ? g_object_ref (folder) : NULL;
  self->operation = operation;
  self->key_path = g_strdup (key_path);
  self->value = g_strdup (value != NULL ? value : "");
  self->json = json;
  return self;
}

static char *
label_for (CuratorBulkEdit *self,
           GFile           *file)
{
  char *relative = self->folder != NULL ? g_file_get_relative_path (self->folder, file) : NULL;

  return relative != NULL ? relative : g_file_get_basename (file);
}

void
curator_bulk_edit_add_file (CuratorBulkEdit *self,
                            GFile           *file)
{
  g_autoptr(CuratorBulkEditFile) item = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (CURATOR_IS_BULK_EDIT (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!self->busy);

  label = label_for (self, file);
  item = _curator_bulk_edit_file_new (file, label);
  g_list_store_append (self->files, item);
}

void
curator_bulk_edit_refuse_file (CuratorBulkEdit *self,
                               GFile           *file,
                               const char      *reason)
{
  g_autoptr(CuratorBulkEditFile) item = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (CURATOR_IS_BULK_EDIT (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (reason != NULL);
  g_return_if_fail (!self->busy);

  label = label_for (self, file);
  item = _curator_bulk_edit_file_new (file, label);
  g_set_error_literal (&error, CURATOR_ERROR, CURATOR_ERROR_NOT_EDITABLE, reason);
  _curator_bulk_edit_file_set_outcome (item, CURATOR_BULK_EDIT_FILE_REFUSED, NULL, NULL, NULL, error);
  g_list_store_append (self->files, item);
}

GListModel *
curator_bulk_edit_get_files (CuratorBulkEdit *self)
{
  g_return_val_if_fail (CURATOR_IS_BULK_EDIT (self), NULL);

  return G_LIST_MODEL (self->files);
}

CuratorBulkEditOperation
curator_bulk_edit_get_operation (CuratorBulkEdit *self)
{
  g_return_val_if_fail (CURATOR_IS_BULK_EDIT (self), CURATOR_BULK_EDIT_SET);

  return self->operation;
}

const char *
curator_bulk_edit_get_key_path (CuratorBulkEdit *self)
{
  g_return_val_if_fail (CURATOR_IS_BULK_EDIT (self), NULL);

  return self->key_path;
}

guint
curator_bulk_edit_count (CuratorBulkEdit          *self,
                         CuratorBulkEditFileState  state)
{
  guint n, count = 0;

  g_return_val_if_fail (CURATOR_IS_BULK_EDIT (self), 0);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->files));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CuratorBulkEditFile) file = g_list_model_get_item (G_LIST_MODEL (self->files), i);

      if (curator_bulk_edit_file_get_state (file) == state)
        count++;
    }
  return count;
}

gboolean
curator_bulk_edit_prepare (CuratorBulkEdit  *self,
                           GCancellable     *cancellable,
                           GError          **error)
{
  g_return_val_if_fail (CURATOR_IS_BULK_EDIT (self), FALSE);

  return run_step_sync (self, STEP_PREPARE, cancellable, error);
}

void
curator_bulk_edit_prepare_async (CuratorBulkEdit     *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (CURATOR_IS_BULK_EDIT (self));

  run_step_async (self, STEP_PREPARE, curator_bulk_edit_prepare_async, cancellable, callback, user_data);
}

gboolean
curator_bulk_edit_prepare_finish (CuratorBulkEdit  *self,
                                  GAsyncResult     *result,
                                  GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return run_step_finish (self, result, error);
}

gboolean
curator_bulk_edit_apply (CuratorBulkEdit  *self,
                         GCancellable     *cancellable,
                         GError          **error)
{
  g_return_val_if_fail (CURATOR_IS_BULK_EDIT (self), FALSE);

  return run_step_sync (self, STEP_APPLY, cancellable, error);
}

void
curator_bulk_edit_apply_async (CuratorBulkEdit     *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (CURATOR_IS_BULK_EDIT (self));

  run_step_async (self, STEP_APPLY, curator_bulk_edit_apply_async, cancellable, callback, user_data);
}

gboolean
curator_bulk_edit_apply_finish (CuratorBulkEdit  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return run_step_finish (self, result, error);
}

gboolean
curator_bulk_edit_get_can_undo (CuratorBulkEdit *self)
{
  g_return_val_if_fail (CURATOR_IS_BULK_EDIT (self), FALSE);

  return !self->busy && curator_bulk_edit_count (self, CURATOR_BULK_EDIT_FILE_WRITTEN) > 0;
}

gboolean
curator_bulk_edit_undo (CuratorBulkEdit  *self,
                        GCancellable     *cancellable,
                        GError          **error)
{
  g_return_val_if_fail (CURATOR_IS_BULK_EDIT (self), FALSE);

  return run_step_sync (self, STEP_UNDO, cancellable, error);
}

void
curator_bulk_edit_undo_async (CuratorBulkEdit     *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (CURATOR_IS_BULK_EDIT (self));

  run_step_async (self, STEP_UNDO, curator_bulk_edit_undo_async, cancellable, callback, user_data);
}

gboolean
curator_bulk_edit_undo_finish (CuratorBulkEdit  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return run_step_finish (self, result, error);
}
