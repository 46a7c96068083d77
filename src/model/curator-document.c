/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-document"

#include "config.h"

#include "curator-document.h"
#include "curator-safe-file.h"
#include "curator-file-read.h"
#include "curator-error.h"
#include "curator-position-private.h"
#include "curator-key-path.h"
#include "curator-node-private.h"
#include "curator-value-private.h"
#include "curator-yaml-edit-private.h"
#include "curator-yaml-tree.h"

#include <glib/gi18n.h>
#include <string.h>

/* One byte patch of the file: @old_text at @offset became @new_text. */
typedef struct
{
  gsize   offset;
  GBytes *old_text;
  GBytes *new_text;
  char   *key_path;
} Change;

struct _CuratorDocument
{
  GObject                  parent_instance;

  GFile                   *file;
  /* saved_bytes are what the file held when last loaded or saved (not
   * after set_file() to another file): a save checks it still does. */
  gboolean                 disk_known;

  /* The file as it would be saved now, and how it splits. */
  GBytes                  *bytes;
  CuratorFrontMatterSplit  split;
  /* The front matter tree; NULL when it did not parse. */
  CuratorYamlTree         *tree;
  GError                  *load_error;

  /* The bytes as last loaded or saved ("modified" compares to them) and
   * their tree, whose scalar styles edits keep. */
  GBytes                  *saved_bytes;
  CuratorYamlTree         *saved_tree;

  /* Undo and redo: stacks of groups (GPtrArray of Change). */
  GPtrArray               *undo_stack;
  GPtrArray               *redo_stack;
  guint                    user_action_depth;
  gboolean                 group_open;

  /* Last notified values. */
  char                    *title;
  gboolean                 modified;
  gboolean                 can_undo;
  gboolean                 can_redo;
  gboolean                 editable;
  /* No bytes were ever given: get_load_error() says so. */
  gboolean                 nothing_loaded;
};

G_DEFINE_FINAL_TYPE (CuratorDocument, curator_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FILE,
  PROP_TITLE,
  PROP_MODIFIED,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_EDITABLE,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
change_free (Change *change)
{
  g_clear_pointer (&change->old_text, g_bytes_unref);
  g_clear_pointer (&change->new_text, g_bytes_unref);
  g_free (change->key_path);
  g_free (change);
}

static GPtrArray *
group_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);
}

static void
curator_document_finalize (GObject *object)
{
  CuratorDocument *self = (CuratorDocument *)object;

  g_clear_object (&self->file);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->tree, curator_yaml_tree_unref);
  g_clear_error (&self->load_error);
  g_clear_pointer (&self->saved_bytes, g_bytes_unref);
  g_clear_pointer (&self->saved_tree, curator_yaml_tree_unref);
  g_clear_pointer (&self->undo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->redo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (curator_document_parent_class)->finalize (object);
}

static void
curator_document_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CuratorDocument *self = CURATOR_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_TITLE:
      g_value_set_string (value, curator_document_get_title (self));
      break;

    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;

    case PROP_CAN_UNDO:
      g_value_set_boolean (value, self->can_undo);
      break;

    case PROP_CAN_REDO:
      g_value_set_boolean (value, self->can_redo);
      break;

    case PROP_EDITABLE:
      g_value_set_boolean (value, self->editable);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
curator_document_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CuratorDocument *self = CURATOR_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_FILE:
      curator_document_set_file (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
curator_document_class_init (CuratorDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = curator_document_finalize;
  object_class->get_property = curator_document_get_property;
  object_class->set_property = curator_document_set_property;

  /* Not a construct property: without one, g_object_new() takes GLib's
   * quick path, which counts when thousands of files are loaded. */
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_EDITABLE] =
    g_param_spec_boolean ("editable", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CuratorDocument::changed:
   * @key_path: the node that changed; "" for the whole front matter,
   *   "@body" for the body
   *
   * Emitted after every edit, undo and redo. The detail is the top-level
   * key ("changed::title").
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

/* One empty GBytes for every new document, not one each. */
static GBytes *
empty_bytes (void)
{
  static GBytes *empty;

  if (g_once_init_enter (&empty))
    g_once_init_leave (&empty, g_bytes_new_static ("", 0));
  return g_bytes_ref (empty);
}

static void
curator_document_init (CuratorDocument *self)
{
  /* The undo and redo stacks are made with the first change: most
   * documents (a folder's files read for a listing or a bulk edit's
   * check) never get one. */
  self->bytes = empty_bytes ();
  self->saved_bytes = g_bytes_ref (self->bytes);
  self->split.kind = CURATOR_FRONT_MATTER_NONE;
  /* The "Nothing is loaded" error is made when asked for: a document is
   * usually loaded right after it is made. */
  self->nothing_loaded = TRUE;
}

/* State */

static char *
compute_title (CuratorDocument *self)
{
  if (self->tree != NULL && self->tree->root != NULL && self->tree->root->kind == CURATOR_NODE_MAPPING)
    {
      const CuratorNode *title = curator_node_lookup_key (self->tree->root, "title");

      if (title != NULL && title->kind == CURATOR_NODE_SCALAR
          && title->value != NULL && title->value[0] != '\0')
        return g_strdup (title->value);
    }
  if (self->file != NULL)
    {
      char *basename = g_file_get_basename (self->file);

      if (basename != NULL && basename[0] != '\0' && strcmp (basename, "/") != 0)
        return basename;
      g_free (basename);
    }
  return g_strdup (_("Untitled"));
}

/* Notifies whatever the last change affected. */
static void
update_state (CuratorDocument *self)
{
  g_autofree char *title = compute_title (self);
  /* Right after a load or a save both are one GBytes: no whole-file compare. */
  gboolean modified = self->bytes != self->saved_bytes &&
                      !g_bytes_equal (self->bytes, self->saved_bytes);
  gboolean can_undo = self->undo_stack != NULL && self->undo_stack->len > 0;
  gboolean can_redo = self->redo_stack != NULL && self->redo_stack->len > 0;
  gboolean editable = self->tree != NULL && self->load_error == NULL;
  GParamSpec *changed[N_PROPS];
  guint n_changed = 0;

  /* Every field first, then the notifications: a handler sees the whole
   * new state without g_object_freeze_notify(), which costs more than the
   * rest of this function on every load. */
  if (g_strcmp0 (title, self->title) != 0)
    {
      g_free (self->title);
      self->title = g_steal_pointer (&title);
      changed[n_changed++] = properties[PROP_TITLE];
    }
  if (modified != self->modified)
    {
      self->modified = modified;
      changed[n_changed++] = properties[PROP_MODIFIED];
    }
  if (can_undo != self->can_undo)
    {
      self->can_undo = can_undo;
      changed[n_changed++] = properties[PROP_CAN_UNDO];
    }
  if (can_redo != self->can_redo)
    {
      self->can_redo = can_redo;
      changed[n_changed++] = properties[PROP_CAN_REDO];
    }
  if (editable != self->editable)
    {
      self->editable = editable;
      changed[n_changed++] = properties[PROP_EDITABLE];
    }

  for (guint i = 0; i < n_changed; i++)
    g_object_notify_by_pspec (G_OBJECT (self), changed[i]);
}

/* Splits and parses the current bytes. Binary or invalid UTF-8 bytes
 * fail; every other refusal leaves the document loaded but not editable. */
static gboolean
reparse (CuratorDocument  *self,
         GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (self->bytes, &length);

  g_clear_pointer (&self->tree, curator_yaml_tree_unref);
  g_clear_error (&self->load_error);

  if (!curator_front_matter_split (data ? data : "", length, &self->split, &local_error))
    {
      if (g_error_matches (local_error, CURATOR_ERROR, CURATOR_ERROR_BINARY)
          || g_error_matches (local_error, CURATOR_ERROR, CURATOR_ERROR_INVALID_UTF8))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      self->nothing_loaded = FALSE;
      /* An unterminated front matter: the whole file is the body, to be
       * fixed by hand. */
      memset (&self->split, 0, sizeof self->split);
      self->split.kind = CURATOR_FRONT_MATTER_NONE;
      self->split.has_bom = length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0;
      self->split.front_matter_start = self->split.front_matter_end =
        self->split.body_start = self->split.has_bom ? 3 : 0;
      self->split.length = length;
      self->load_error = g_steal_pointer (&local_error);
      return TRUE;
    }

  self->nothing_loaded = FALSE;
  switch (self->split.kind)
    {
    case CURATOR_FRONT_MATTER_NONE:
      curator_set_position_error (&self->load_error, CURATOR_ERROR, CURATOR_ERROR_NO_FRONT_MATTER, 1, 1,
                                  "%s", _("no front matter (the file does not start with a --- line)"));
      break;

    case CURATOR_FRONT_MATTER_TOML:
      curator_set_position_error (&self->load_error, CURATOR_ERROR, CURATOR_ERROR_UNSUPPORTED_FORMAT, 1, 1,
                                  "%s", _("TOML front matter (+++) is kept as it is but cannot be edited in forms"));
      break;

    case CURATOR_FRONT_MATTER_JSON:
      curator_set_position_error (&self->load_error, CURATOR_ERROR, CURATOR_ERROR_UNSUPPORTED_FORMAT, 1, 1,
                                  "%s", _("JSON front matter is kept as it is but cannot be edited in forms"));
      break;

    case CURATOR_FRONT_MATTER_YAML:
    default:
      self->tree = curator_yaml_tree_parse (self->bytes, self->split.front_matter_start,
                                            self->split.front_matter_end, &self->load_error);
      if (self->tree != NULL && self->tree->root->kind != CURATOR_NODE_MAPPING)
        curator_set_position_error (&self->load_error, CURATOR_ERROR, CURATOR_ERROR_NOT_EDITABLE,
                                    self->tree->root->line, self->tree->root->column,
                                    "%s", _("the front matter is not a mapping of keys to values"));
      break;
    }
  return TRUE;
}

/* Applies a change to the bytes (forward or backward). */
static GBytes *
apply_change (GBytes       *bytes,
              const Change *change,
              gboolean      forward)
{
  GBytes *from = forward ? change->old_text : change->new_text;
  GBytes *to = forward ? change->new_text : change->old_text;
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);
  GByteArray *array;

  g_assert (change->offset + g_bytes_get_size (from) <= length);
  /* g_bytes_get_data() is NULL for empty bytes, which memcmp() must not see. */
  g_assert (g_bytes_get_size (from) == 0 ||
            memcmp (data + change->offset, g_bytes_get_data (from, NULL), g_bytes_get_size (from)) == 0);

  array = g_byte_array_sized_new (length - g_bytes_get_size (from) + g_bytes_get_size (to));
  g_byte_array_append (array, data, change->offset);
  g_byte_array_append (array, g_bytes_get_data (to, NULL), g_bytes_get_size (to));
  g_byte_array_append (array, data + change->offset + g_bytes_get_size (from),
                       length - change->offset - g_bytes_get_size (from));
  return g_byte_array_free_to_bytes (array);
}

static void
emit_changed (CuratorDocument *self,
              const char      *key_path)
{
  GQuark detail = 0;

  /* Only details someone connected to exist as quarks: looking them up
   * (not interning every edited key, which GLib never frees) is enough. */
  if (g_strcmp0 (key_path, CURATOR_DOCUMENT_BODY_PATH) == 0)
    detail = g_quark_try_string (CURATOR_DOCUMENT_BODY_PATH);
  else if (key_path != NULL && key_path[0] != '\0')
    {
      g_autoptr(GPtrArray) segments = curator_key_path_parse (key_path, NULL);

      if (segments != NULL && segments->len > 0)
        {
          const CuratorKeyPathSegment *first = g_ptr_array_index (segments, 0);

          if (first->key != NULL)
            detail = g_quark_try_string (first->key);
        }
    }

  g_signal_emit (self, signals[CHANGED], detail, key_path ? key_path : "");
}

/* Records a change on the undo stack (into the open user action, if any). */
static void
push_change (CuratorDocument *self,
             Change          *change)
{
  GPtrArray *group;

  if (self->undo_stack == NULL)
    {
      self->undo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
      self->redo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
    }
  g_ptr_array_set_size (self->redo_stack, 0);
  if (self->user_action_depth > 0 && self->group_open && self->undo_stack->len > 0)
    group = g_ptr_array_index (self->undo_stack, self->undo_stack->len - 1);
  else
    {
      group = group_new ();
      g_ptr_array_add (self->undo_stack, group);
      self->group_open = self->user_action_depth > 0;
    }
  g_ptr_array_add (group, change);
}

/* Takes the bytes, split and tree of a verified edit (nothing when it
 * changed nothing), then clears @result. */
static void
take_edit_result (CuratorDocument       *self,
                  CuratorYamlEditResult *result,
                  const char            *key_path)
{
  Change *change;

  if (result->bytes == NULL)
    {
      curator_yaml_edit_result_clear (result);
      return;
    }

  change = g_new0 (Change, 1);
  change->offset = result->offset;
  change->old_text = g_steal_pointer (&result->old_text);
  change->new_text = g_steal_pointer (&result->new_text);
  change->key_path = g_strdup (key_path);
  push_change (self, change);

  g_clear_pointer (&self->bytes, g_bytes_unref);
  self->bytes = g_steal_pointer (&result->bytes);
  self->split = result->split;
  g_clear_pointer (&self->tree, curator_yaml_tree_unref);
  self->tree = g_steal_pointer (&result->tree);
  g_clear_error (&self->load_error);
  curator_yaml_edit_result_clear (result);

  update_state (self);
  emit_changed (self, key_path);
}

/* After a change inside the body, the front matter bytes, their split
 * (but for the length) and their tree are what they were: point the tree
 * at the new bytes instead of parsing the front matter again on every
 * keystroke in the body. */
static void
follow_body_change (CuratorDocument *self)
{
  self->split.length = g_bytes_get_size (self->bytes);
  if (self->tree != NULL)
    curator_yaml_tree_rebase (self->tree, self->bytes);
}

/* A raw change of the bytes (body, front matter text): re-parsed, never
 * refused, since it does not go through the tree. Only the bytes that
 * differ are recorded, so a keystroke is a keystroke-sized undo step. */
static void
replace_bytes (CuratorDocument *self,
               gsize            offset,
               gsize            length,
               const char      *text,
               gsize            text_length,
               const char      *key_path)
{
  const char *data = g_bytes_get_data (self->bytes, NULL);
  gboolean in_body = g_strcmp0 (key_path, CURATOR_DOCUMENT_BODY_PATH) == 0;
  gsize prefix = 0;
  gsize suffix = 0;
  Change *change;
  GBytes *bytes;

  while (prefix < length && prefix < text_length && data[offset + prefix] == text[prefix])
    prefix++;
  while (suffix < length - prefix && suffix < text_length - prefix
         && data[offset + length - 1 - suffix] == text[text_length - 1 - suffix])
    suffix++;
  if (prefix == length && prefix == text_length)
    return;

  change = g_new0 (Change, 1);
  change->offset = offset + prefix;
  change->old_text = g_bytes_new (data + offset + prefix, length - prefix - suffix);
  change->new_text = g_bytes_new (text + prefix, text_length - prefix - suffix);
  change->key_path = g_strdup (key_path);

  bytes = apply_change (self->bytes, change, TRUE);
  g_bytes_unref (self->bytes);
  self->bytes = bytes;
  push_change (self, change);
  if (in_body)
    follow_body_change (self);
  else
    /* The text is valid UTF-8 without NUL (checked by the callers): this
     * cannot fail. */
    reparse (self, NULL);

  update_state (self);
  emit_changed (self, key_path);
}

static gboolean
check_editable (CuratorDocument  *self,
                GError          **error)
{
  if (self->tree != NULL && self->load_error == NULL)
    return TRUE;
  g_set_error (error, CURATOR_ERROR, CURATOR_ERROR_NOT_EDITABLE,
               _("The front matter cannot be edited: %s"),
               self->load_error ? self->load_error->message : _("it did not load"));
  return FALSE;
}

static gboolean
check_text (const char  *text,
            GError     **error)
{
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, CURATOR_ERROR, CURATOR_ERROR_INVALID_VALUE,
                           _("The value is not valid UTF-8 text"));
      return FALSE;
    }
  return TRUE;
}

/* Public API */

CuratorDocument *
curator_document_new (GFile *file)
{
  CuratorDocument *self;

  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);

  self = g_object_new (CURATOR_TYPE_DOCUMENT, NULL);
  /* No notification: nothing can listen yet. */
  self->file = file != NULL ? g_object_ref (file) : NULL;
  return self;
}

GFile *
curator_document_get_file (CuratorDocument *self)
{
  g_return_val_if_fail (CURATOR_IS_DOCUMENT (self), NULL);

  return self->file;
}

void
curator_document_set_file (CuratorDocument *self,
                           GFile           *file)
{
  g_return_if_fail (CURATOR_IS_DOCUMENT (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  if (self->file == file || (self->file && file && g_file_equal (self->file, file)))
    return;

  g_set_object (&self->file, file);
  /* A file we did not load from: what it holds is not known. */
  self->disk_known = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  update_state (self);
}

const char *
curator_document_get_title (CuratorDocument *self)
{
  g_return_val_if_fail (CURATOR_IS_DOCUMENT (self), NULL);

  if (self->title == NULL)
    self->title = compute_title (self);
  return self->title;
}

gboolean
curator_document_get_modified (CuratorDocument *self)
{
  g_return_val_if_fail (CURATOR_IS_DOCUMENT (self), FALSE);

  return self->modified;
}

gboolean
curator_document_get_editable (CuratorDocument *self)
{
  g_return_val_if_fail (CURATOR_IS_DOCUMENT (self), FALSE);

  return self->editable;
}

CuratorFrontMatterKind
curator_document_get_front_matter_kind (CuratorDocument *self)
{
  g_return_val_if_fail (CURATOR_IS_DOCUMENT (self), CURATOR_FRONT_MATTER_NONE);

  return self->split.kind;
}

const GError *
curator_document_get_load_error (CuratorDocument *self)
{
  g_return_val_if_fail (CURATOR_IS_DOCUMENT (self), NULL);

  if (self->nothing_loaded && self->load_error == NULL)
    g_set_error_literal (&self->load_error, CURATOR_ERROR, CURATOR_ERROR_NO_FRONT_MATTER,
                         _("Nothing is loaded"));
  return self->load_error;
}

gboolean
curator_document_load_from_bytes (CuratorDocument  *self,
                                  GBytes           *bytes,
                                  GError          **error)
{
  g_autoptr(GBytes) old_bytes = NULL;
  CuratorFrontMatterSplit old_split;
  CuratorYamlTree *old_tree;
  GError *old_error;

  g_return_val_if_fail (CURATOR_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  old_bytes = g_steal_pointer (&self->bytes);
  old_split = self->split;
  old_tree = g_steal_pointer (&self->tree);
  old_error = g_steal_pointer (&self->load_error);

  self->bytes = g_bytes_ref (bytes);
  if (!reparse (self, error))
    {
      /* Nothing is kept from a file that is not text. */
      g_bytes_unref (self->bytes);
      self->bytes = g_steal_pointer (&old_bytes);
      self->split = old_split;
      self->tree = old_tree;
      self->load_error = old_error;
      return FALSE;
    }
  g_clear_pointer (&old_tree, curator_yaml_tree_unref);
  g_clear_error (&old_error);

  g_clear_pointer (&self->saved_bytes, g_bytes_unref);
  self->saved_bytes = g_bytes_ref (self->bytes);
  g_clear_pointer (&self->saved_tree, curator_yaml_tree_unref);
  if (self->tree != NULL)
    self->saved_tree = curator_yaml_tree_ref (self->tree);
  /* Bytes from anywhere: not known to be the file's (load() says so). */
  self->disk_known = FALSE;
  if (self->undo_stack != NULL)
    {
      g_ptr_array_set_size (self->undo_stack, 0);
      g_ptr_array_set_size (self->redo_stack, 0);
    }
  self->group_open = FALSE;

  update_state (self);
  emit_changed (self, "");
  return TRUE;
}

/* Loads what was read from the document's file. */
static gboolean
load_file_bytes (CuratorDocument  *self,
                 GBytes           *bytes,
                 GError          **error)
{
  if (!curator_document_load_from_bytes (self, bytes, error))
    {
      g_autofree char *name = g_file_get_parse_name (self->file);

      g_prefix_error (error, "%s: ", name);
      return FALSE;
    }
  self->disk_known = TRUE;
  return TRUE;
}

gboolean
curator_document_load (CuratorDocument  *self,
                       GCancellable     *cancellable,
                       GError          **error)
{
  char *contents = NULL;
  gsize length = 0;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (CURATOR_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (self->file), FALSE);

  if (!g_file_load_contents (self->file, cancellable, &contents, &length, NULL, error))
    return FALSE;
  bytes = g_bytes_new_take (contents, length);
  return load_file_bytes (self, bytes, error);
}

static void
read_file_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CuratorDocument *self = g_task_get_source_object (task);
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;

  bytes = curator_file_read_finish (G_FILE (object), result, &error);
  if (bytes == NULL || !load_file_bytes (self, bytes, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
curator_document_load_async (CuratorDocument     *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CURATOR_IS_DOCUMENT (self));
  g_return_if_fail (G_IS_FILE (self->file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, curator_document_load_async);
  /* Read on a thread, parsed here, where the document lives. */
  curator_file_read_async (self->file, 0, cancellable, read_file_cb, task);
}

gboolean
curator_document_load_finish (CuratorDocument  *self,
                              GAsyncResult     *result,
                              GError          **error)
{
  g_return_val_if_fail (CURATOR_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Saving */

typedef struct
{
  GFile  *file;
  GBytes *bytes;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->file);
  g_clear_pointer (&data->bytes, g_bytes_unref);
  g_free (data);
}

static GFile *
save_target (CuratorDocument  *self,
             GFile            *file,
             GError          **error)
{
  if (file != NULL)
    return file;
  if (self->file == NULL)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                         _("The document has no file to save to"));
  return self->file;
}

/* The bytes the file must still hold, or NULL for no check. */
static GBytes *
save_expected (CuratorDocument  *self,
               GFile            *target,
               CuratorSaveFlags  flags)
{
  if ((flags & CURATOR_SAVE_FLAGS_IGNORE_MODIFIED_ON_DISK) != 0 || !self->disk_known)
    return NULL;
  if (self->file == NULL || !g_file_equal (target, self->file))
    return NULL;
  return self->saved_bytes;
}

static gboolean
save_failed (GFile   *target,
             GError  *local_error,
             GError **error)
{
  g_autofree char *name = g_file_get_parse_name (target);

  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG))
    {
      g_set_error (error, CURATOR_ERROR, CURATOR_ERROR_MODIFIED_ON_DISK,
                   _("%s: the file changed on disk since it was opened; not overwritten"), name);
      g_error_free (local_error);
    }
  else
    {
      g_propagate_prefixed_error (error, local_error, _("%s: cannot save: "), name);
    }
  return FALSE;
}

static void
saved (CuratorDocument *self,
       GFile           *target,
       GBytes          *bytes)
{
  if (self->file == NULL || !g_file_equal (target, self->file))
    curator_document_set_file (self, target);
  self->disk_known = TRUE;

  g_clear_pointer (&self->saved_bytes, g_bytes_unref);
  self->saved_bytes = g_bytes_ref (bytes);
  if (g_bytes_equal (bytes, self->bytes))
    {
      g_clear_pointer (&self->saved_tree, curator_yaml_tree_unref);
      if (self->tree != NULL)
        self->saved_tree = curator_yaml_tree_ref (self->tree);
    }
  update_state (self);
}

gboolean
curator_document_save (CuratorDocument   *self,
                       GFile             *file,
                       CuratorSaveFlags   flags,
                       GCancellable      *cancellable,
                       GError           **error)
{
  g_autoptr(GBytes) bytes = NULL;
  GError *local_error = NULL;
  GFile *target;

  g_return_val_if_fail (CURATOR_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), FALSE);

  if (!(target = save_target (self, file, error)))
    return FALSE;

  bytes = curator_document_serialize (self);
  /* Crash-safe (curator-safe-file.c), and it refuses a file that changed
   * on disk. */
  if (!curator_safe_file_replace (target, bytes, save_expected (self, target, flags),
                                  cancellable, &local_error))
    return save_failed (target, local_error, error);

  saved (self, target, bytes);
  return TRUE;
}

static void
replace_contents_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CuratorDocument *self = g_task_get_source_object (task);
  SaveData *data = g_task_get_task_data (task);
  GError *local_error = NULL;
  GError *error = NULL;

  if (!curator_safe_file_replace_finish (G_FILE (object), result, &local_error))
    {
      save_failed (data->file, local_error, &error);
      g_task_return_error (task, error);
      return;
    }

  saved (self, data->file, data->bytes);
  g_task_return_boolean (task, TRUE);
}

void
curator_document_save_async (CuratorDocument     *self,
                             GFile               *file,
                             CuratorSaveFlags     flags,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  SaveData *data;
  GFile *target;

  g_return_if_fail (CURATOR_IS_DOCUMENT (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, curator_document_save_async);

  if (!(target = save_target (self, file, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  data = g_new0 (SaveData, 1);
  data->file = g_object_ref (target);
  data->bytes = curator_document_serialize (self);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);

  curator_safe_file_replace_async (target, data->bytes, save_expected (self, target, flags),
                                   cancellable, replace_contents_cb, g_steal_pointer (&task));
}

gboolean
curator_document_save_finish (CuratorDocument  *self,
                              GAsyncResult     *result,
                              GError          **error)
{
  g_return_val_if_fail (CURATOR_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

GBytes *
curator_document_serialize (CuratorDocument *self)
{
  g_return_val_if_fail (CURATOR_IS_DOCUMENT (self), NULL);

  return g_bytes_ref (self->bytes);
}

GBytes *
curator_document_get_saved_bytes (CuratorDocument *self)
{
  g_return_val_if_fail (CURATOR_IS_DOCUMENT (self), NULL);

  return self->saved_bytes;
}

void
curator_document_set_disk_state (CuratorDocument *self,
                                 GBytes          *disk_bytes)
{
  CuratorFrontMatterSplit split;
  gsize length;
  const char *data;

  g_return_if_fail (CURATOR_IS_DOCUMENT (self));
  g_return_if_fail (disk_bytes != NULL);

  g_clear_pointer (&self->saved_bytes, g_bytes_unref);
  self->saved_bytes = g_bytes_ref (disk_bytes);
  g_clear_pointer (&self->saved_tree, curator_yaml_tree_unref);
  data = g_bytes_get_data (disk_bytes, &length);
  if (self->tree != NULL && g_bytes_equal (disk_bytes, self->bytes))
    self->saved_tree = curator_yaml_tree_ref (self->tree);
  else if (curator_front_matter_split (data ? data : "", length, &split, NULL) &&
           split.kind == CURATOR_FRONT_MATTER_YAML)
    self->saved_tree = curator_yaml_tree_parse (disk_bytes, split.front_matter_start,
                                                split.front_matter_end, NULL);
  self->disk_known = TRUE;
  update_state (self);
}

gboolean
curator_document_replace_all (CuratorDocument  *self,
                              GBytes           *bytes,
                              GError          **error)
{
  CuratorFrontMatterSplit split;
  g_autoptr(GError) local_error = NULL;
  gsize length;
  const char *data;

  g_return_val_if_fail (CURATOR_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  /* Only text: any other refusal of the split still loads (not editable). */
  data = g_bytes_get_data (bytes, &length);
  if (!curator_front_matter_split (data ? data : "", length, &split, &local_error) &&
      (g_error_matches (local_error, CURATOR_ERROR, CURATOR_ERROR_BINARY) ||
       g_error_matches (local_error, CURATOR_ERROR, CURATOR_ERROR_INVALID_UTF8)))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  replace_bytes (self, 0, g_bytes_get_size (self->bytes), data ? data : "", length, "");
  return TRUE;
}

/* Reading */

const CuratorNode *
curator_document_get_root (CuratorDocument *self)
{
  g_return_val_if_fail (CURATOR_IS_DOCUMENT (self), NULL);

  return self->tree != NULL ? self->tree->root : NULL;
}

const CuratorNode *
curator_document_lookup (CuratorDocument  *self,
                         const char       *key_path,
                         GError          **error)
{
  g_return_val_if_fail (CURATOR_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (key_path != NULL, NULL);

  if (self->tree == NULL)
    {
      check_editable (self, error);
      return NULL;
    }
  return curator_yaml_tree_lookup (self->tree, key_path, error);
}

/* Edits */

gboolean
curator_document_set_value (CuratorDocument    *self,
                            const char         *key_path,
                            const char         *value,
                            CuratorScalarType   type,
                            GError            **error)
{
  CuratorYamlEditResult result = { 0, };
  g_autoptr(CuratorValue) scalar = NULL;

  g_return_val_if_fail (CURATOR_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (key_path != NULL, FALSE);

  if (!check_editable (self, error) || !check_text (value, error))
    return FALSE;

  scalar = curator_value_new_scalar (value, type);
  if (!curator_yaml_edit_set (self->tree, &self->split, key_path, scalar,
                              self->saved_tree, &result, error))
    return FALSE;
  take_edit_result (self, &result, key_path);
  return TRUE;
}

gboolean
curator_document_set_json (CuratorDocument  *self,
                           const char       *key_path,
                           const char       *json,
                           GError          **error)
{
  CuratorYamlEditResult result = { 0, };
  g_autoptr(CuratorValue) value = NULL;

  g_return_val_if_fail (CURATOR_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (key_path != NULL, FALSE);

  if (!check_editable (self, error) || !check_text (json, error))
    return FALSE;
  if (!(value = curator_value_new_from_json (json, error)))
    return FALSE;

  if (!curator_yaml_edit_set (self->tree, &self->split, key_path, value,
                              self->saved_tree, &result, error))
    return FALSE;
  take_edit_result (self, &result, key_path);
  return TRUE;
}

gboolean
curator_document_unset (CuratorDocument  *self,
                        const char       *key_path,
                        GError          **error)
{
  CuratorYamlEditResult result = { 0, };

  g_return_val_if_fail (CURATOR_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (key_path != NULL, FALSE);

  if (!check_editable (self, error))
    return FALSE;
  if (!curator_yaml_edit_unset (self->tree, &self->split, key_path, &result, error))
    return FALSE;
  take_edit_result (self, &result, key_path);
  return TRUE;
}

gboolean
curator_document_insert_item (CuratorDocument    *self,
                              const char         *list_path,
                              guint               index,
                              const char         *value,
                              CuratorScalarType   type,
                              GError            **error)
{
  CuratorYamlEditResult result = { 0, };
  g_autoptr(CuratorValue) scalar = NULL;

  g_return_val_if_fail (CURATOR_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (list_path != NULL, FALSE);

  if (!check_editable (self, error) || !check_text (value, error))
    return FALSE;

  scalar = curator_value_new_scalar (value, type);
  if (!curator_yaml_edit_insert_item (self->tree, &self->split, list_path, index, scalar,
                                      &result, error))
    return FALSE;
  take_edit_result (self, &result, list_path);
  return TRUE;
}

gboolean
curator_document_move_item (CuratorDocument  *self,
                            const char       *list_path,
                            guint             from_index,
                            guint             to_index,
                            GError          **error)
{
  CuratorYamlEditResult result = { 0, };

  g_return_val_if_fail (CURATOR_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (list_path != NULL, FALSE);

  if (!check_editable (self, error))
    return FALSE;
  if (!curator_yaml_edit_move_item (self->tree, &self->split, list_path, from_index, to_index,
                                    &result, error))
    return FALSE;
  take_edit_result (self, &result, list_path);
  return TRUE;
}

char *
curator_document_dup_body (CuratorDocument *self)
{
  gsize length;
  const char *data;

  g_return_val_if_fail (CURATOR_IS_DOCUMENT (self), NULL);

  data = g_bytes_get_data (self->bytes, &length);
  return g_strndup (data ? data + self->split.body_start : "", length - self->split.body_start);
}

static const char *line_ending_of (CuratorDocument *self);

/* A closing delimiter at the very end of the file has no line ending:
 * a body typed after it would join its line, and the front matter would
 * no longer be closed. The line ending goes in first, in the same undo
 * step as the body. Returns whether it opened a user action to end. */
static gboolean
end_closing_line (CuratorDocument *self,
                  gsize            text_length)
{
  gsize length;
  const char *data = g_bytes_get_data (self->bytes, &length);
  const char *eol;

  if (text_length == 0 || self->split.kind == CURATOR_FRONT_MATTER_NONE ||
      length == 0 || self->split.body_start != length ||
      data[length - 1] == '\n' || data[length - 1] == '\r')
    return FALSE;

  curator_document_begin_user_action (self);
  eol = line_ending_of (self);
  replace_bytes (self, length, 0, eol, strlen (eol), "");
  return TRUE;
}

void
curator_document_set_body (CuratorDocument *self,
                           const char      *body)
{
  gboolean grouped;
  gsize length;

  g_return_if_fail (CURATOR_IS_DOCUMENT (self));
  g_return_if_fail (body != NULL && g_utf8_validate (body, -1, NULL));

  grouped = end_closing_line (self, strlen (body));
  length = g_bytes_get_size (self->bytes);
  replace_bytes (self, self->split.body_start, length - self->split.body_start,
                 body, strlen (body), CURATOR_DOCUMENT_BODY_PATH);
  if (grouped)
    curator_document_end_user_action (self);
}

/**
 * curator_document_replace_body:
 * @offset: where the replaced bytes start, counted from the body's start
 * @length: how many bytes are replaced
 * @text: what replaces them, UTF-8
 * @text_length: its length in bytes, or -1 if it ends with a NUL
 *
 * Like curator_document_set_body() with the body edited at one place,
 * for editors that know where the edit is: a keystroke in a long body
 * does not copy it whole.
 */
void
curator_document_replace_body (CuratorDocument *self,
                               gsize            offset,
                               gsize            length,
                               const char      *text,
                               gssize           text_length)
{
  const char *data;
  gsize body_length;
  gboolean grouped;

  g_return_if_fail (CURATOR_IS_DOCUMENT (self));
  g_return_if_fail (text != NULL || text_length == 0);

  if (text_length < 0)
    text_length = strlen (text);
  data = g_bytes_get_data (self->bytes, NULL);
  body_length = g_bytes_get_size (self->bytes) - self->split.body_start;

  g_return_if_fail (offset <= body_length && length <= body_length - offset);
  g_return_if_fail (text_length == 0 || g_utf8_validate (text, text_length, NULL));
  /* Whole characters only: the body stays valid UTF-8. */
  g_return_if_fail (offset == body_length ||
                    (data[self->split.body_start + offset] & 0xC0) != 0x80);
  g_return_if_fail (offset + length == body_length ||
                    (data[self->split.body_start + offset + length] & 0xC0) != 0x80);

  grouped = end_closing_line (self, text_length);
  replace_bytes (self, self->split.body_start + offset, length,
                 text, text_length, CURATOR_DOCUMENT_BODY_PATH);
  if (grouped)
    curator_document_end_user_action (self);
}

char *
curator_document_dup_front_matter_text (CuratorDocument *self)
{
  const char *data;

  g_return_val_if_fail (CURATOR_IS_DOCUMENT (self), NULL);

  data = g_bytes_get_data (self->bytes, NULL);
  return g_strndup (data ? data + self->split.front_matter_start : "",
                    self->split.front_matter_end - self->split.front_matter_start);
}

static const char *
line_ending_of (CuratorDocument *self)
{
  gsize length;
  const char *data = g_bytes_get_data (self->bytes, &length);
  const char *newline = data ? memchr (data, '\n', length) : NULL;

  if (self->split.kind != CURATOR_FRONT_MATTER_NONE)
    return self->split.line_ending == CURATOR_LINE_ENDING_CRLF ? "\r\n"
           : self->split.line_ending == CURATOR_LINE_ENDING_CR ? "\r" : "\n";
  if (newline != NULL && newline > data && newline[-1] == '\r')
    return "\r\n";
  return "\n";
}

void
curator_document_set_front_matter_text (CuratorDocument *self,
                                        const char      *text)
{
  g_autoptr(GString) replacement = NULL;
  const char *eol;
  gsize length;

  g_return_if_fail (CURATOR_IS_DOCUMENT (self));
  g_return_if_fail (text != NULL && g_utf8_validate (text, -1, NULL));

  eol = line_ending_of (self);
  length = strlen (text);
  replacement = g_string_new (NULL);

  if (self->split.kind == CURATOR_FRONT_MATTER_NONE)
    {
      /* A file without front matter (or with an unterminated one, which
       * is all body) gets one in front. */
      if (length == 0)
        return;
      g_string_append (replacement, "---");
      g_string_append (replacement, eol);
    }
  g_string_append (replacement, text);
  /* The closing delimiter must start a line. */
  if (length > 0 && text[length - 1] != '\n' && text[length - 1] != '\r')
    g_string_append (replacement, eol);
  if (self->split.kind == CURATOR_FRONT_MATTER_NONE)
    {
      g_string_append (replacement, "---");
      g_string_append (replacement, eol);
    }

  replace_bytes (self, self->split.front_matter_start,
                 self->split.front_matter_end - self->split.front_matter_start,
                 replacement->str, replacement->len, "");
}

gboolean
curator_document_add_front_matter (CuratorDocument  *self,
                                   GError          **error)
{
  g_autofree char *delimiters = NULL;
  const char *eol;

  g_return_val_if_fail (CURATOR_IS_DOCUMENT (self), FALSE);

  /* An unterminated front matter is "none" too, but it is there. */
  if (self->split.kind != CURATOR_FRONT_MATTER_NONE ||
      !g_error_matches (self->load_error, CURATOR_ERROR, CURATOR_ERROR_NO_FRONT_MATTER))
    {
      g_set_error_literal (error, CURATOR_ERROR, CURATOR_ERROR_NOT_EDITABLE,
                           _("The file already has a front matter"));
      return FALSE;
    }

  eol = line_ending_of (self);
  delimiters = g_strconcat ("---", eol, "---", eol, NULL);
  replace_bytes (self, self->split.front_matter_start, 0, delimiters, strlen (delimiters), "");

  return TRUE;
}

gboolean
curator_document_get_can_undo (CuratorDocument *self)
{
  g_return_val_if_fail (CURATOR_IS_DOCUMENT (self), FALSE);

  return self->can_undo;
}

gboolean
curator_document_get_can_redo (CuratorDocument *self)
{
  g_return_val_if_fail (CURATOR_IS_DOCUMENT (self), FALSE);

  return self->can_redo;
}

static gboolean
group_is_body_only (GPtrArray *group)
{
  for (guint i = 0; i < group->len; i++)
    {
      const Change *change = g_ptr_array_index (group, i);

      if (g_strcmp0 (change->key_path, CURATOR_DOCUMENT_BODY_PATH) != 0)
        return FALSE;
    }
  return TRUE;
}

/* Moves one group from @from to @to, applying it forward or backward. */
static gboolean
undo_redo (CuratorDocument *self,
           GPtrArray       *from,
           GPtrArray       *to,
           gboolean         forward)
{
  GPtrArray *group;

  /* Both stacks are made with the first change. */
  if (from == NULL || from->len == 0)
    return FALSE;

  group = g_ptr_array_steal_index (from, from->len - 1);
  self->group_open = FALSE;

  for (guint i = 0; i < group->len; i++)
    {
      const Change *change = g_ptr_array_index (group, forward ? i : group->len - 1 - i);
      GBytes *bytes = apply_change (self->bytes, change, forward);

      g_bytes_unref (self->bytes);
      self->bytes = bytes;
    }
  g_ptr_array_add (to, group);
  /* These bytes were a state of this document: they split and parse as
   * they did then. */
  if (group_is_body_only (group))
    follow_body_change (self);
  else
    reparse (self, NULL);
  update_state (self);

  /* A handler may edit the document: that empties the redo stack, which
   * owns @group once undone. The group lives until every change is told. */
  g_ptr_array_ref (group);
  for (guint i = 0; i < group->len; i++)
    emit_changed (self, ((const Change *) g_ptr_array_index (group, forward ? i : group->len - 1 - i))->key_path);
  g_ptr_array_unref (group);
  return TRUE;
}

gboolean
curator_document_undo (CuratorDocument *self)
{
  g_return_val_if_fail (CURATOR_IS_DOCUMENT (self), FALSE);

  return undo_redo (self, self->undo_stack, self->redo_stack, FALSE);
}

gboolean
curator_document_redo (CuratorDocument *self)
{
  g_return_val_if_fail (CURATOR_IS_DOCUMENT (self), FALSE);

  return undo_redo (self, self->redo_stack, self->undo_stack, TRUE);
}

void
curator_document_begin_user_action (CuratorDocument *self)
{
  g_return_if_fail (CURATOR_IS_DOCUMENT (self));

  if (self->user_action_depth++ == 0)
    self->group_open = FALSE;
}

void
curator_document_end_user_action (CuratorDocument *self)
{
  g_return_if_fail (CURATOR_IS_DOCUMENT (self));
  g_return_if_fail (self->user_action_depth > 0);

  if (--self->user_action_depth == 0)
    self->group_open = FALSE;
}
