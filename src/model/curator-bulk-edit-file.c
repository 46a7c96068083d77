/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-bulk-edit-file"

#include "config.h"

#include "curator-bulk-edit-file.h"
#include "curator-bulk-edit-private.h"

struct _CuratorBulkEditFile
{
  GObject                   parent_instance;

  GFile                    *file;
  char                     *label;
  CuratorBulkEditFileState  state;
  char                     *diff;
  GError                   *error;
  /* What prepare read, and what the edit makes of it. */
  GBytes                   *original;
  GBytes                   *edited;
};

G_DEFINE_FINAL_TYPE (CuratorBulkEditFile, curator_bulk_edit_file, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FILE,
  PROP_LABEL,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
curator_bulk_edit_file_finalize (GObject *object)
{
  CuratorBulkEditFile *self = (CuratorBulkEditFile *)object;

  g_clear_object (&self->file);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->diff, g_free);
  g_clear_error (&self->error);
  g_clear_pointer (&self->original, g_bytes_unref);
  g_clear_pointer (&self->edited, g_bytes_unref);

  G_OBJECT_CLASS (curator_bulk_edit_file_parent_class)->finalize (object);
}

static void
curator_bulk_edit_file_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  CuratorBulkEditFile *self = CURATOR_BULK_EDIT_FILE (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
curator_bulk_edit_file_class_init (CuratorBulkEditFileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = curator_bulk_edit_file_finalize;
  object_class->get_property = curator_bulk_edit_file_get_property;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL,
                      CURATOR_BULK_EDIT_FILE_PENDING, CURATOR_BULK_EDIT_FILE_RESTORED,
                      CURATOR_BULK_EDIT_FILE_PENDING,
                      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
curator_bulk_edit_file_init (CuratorBulkEditFile *self)
{
}

CuratorBulkEditFile *
_curator_bulk_edit_file_new (GFile      *file,
                             const char *label)
{
  CuratorBulkEditFile *self = g_object_new (CURATOR_TYPE_BULK_EDIT_FILE, NULL);

  self->file = g_object_ref (file);
  self->label = g_strdup (label);
  return self;
}

void
_curator_bulk_edit_file_set_outcome (CuratorBulkEditFile      *self,
                                     CuratorBulkEditFileState  state,
                                     GBytes                   *original,
                                     GBytes                   *edited,
                                     const char               *diff,
                                     const GError             *error)
{
  if (original != NULL && original != self->original)
    {
      g_clear_pointer (&self->original, g_bytes_unref);
      self->original = g_bytes_ref (original);
    }
  if (edited != NULL && edited != self->edited)
    {
      g_clear_pointer (&self->edited, g_bytes_unref);
      self->edited = g_bytes_ref (edited);
    }
  if (diff != NULL)
    {
      g_free (self->diff);
      self->diff = g_strdup (diff);
    }
  g_clear_error (&self->error);
  if (error != NULL)
    self->error = g_error_copy (error);

  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
}

GBytes *
_curator_bulk_edit_file_get_original (CuratorBulkEditFile *self)
{
  return self->original;
}

GBytes *
_curator_bulk_edit_file_get_edited (CuratorBulkEditFile *self)
{
  return self->edited;
}

GFile *
curator_bulk_edit_file_get_file (CuratorBulkEditFile *self)
{
  g_return_val_if_fail (CURATOR_IS_BULK_EDIT_FILE (self), NULL);

  return self->file;
}

const char *
curator_bulk_edit_file_get_label (CuratorBulkEditFile *self)
{
  g_return_val_if_fail (CURATOR_IS_BULK_EDIT_FILE (self), NULL);

  return self->label;
}

CuratorBulkEditFileState
curator_bulk_edit_file_get_state (CuratorBulkEditFile *self)
{
  g_return_val_if_fail (CURATOR_IS_BULK_EDIT_FILE (self), CURATOR_BULK_EDIT_FILE_PENDING);

  return self->state;
}

const char *
curator_bulk_edit_file_get_diff (CuratorBulkEditFile *self)
{
  g_return_val_if_fail (CURATOR_IS_BULK_EDIT_FILE (self), NULL);

  return self->diff;
}

const GError *
curator_bulk_edit_file_get_error (CuratorBulkEditFile *self)
{
  g_return_val_if_fail (CURATOR_IS_BULK_EDIT_FILE (self), NULL);

  return self->error;
}
