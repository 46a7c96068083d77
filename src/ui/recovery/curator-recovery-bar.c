/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-recovery"

#include "config.h"

#include "curator-recovery-bar.h"

#include "curator-diff-window.h"
#include "curator-field-catalog.h"

#include <glib/gi18n.h>
#include <string.h>

typedef enum
{
  STATE_NONE,
  /* A draft was laid over the file, which is as the edits began. */
  STATE_RESTORED,
  /* A draft was laid over the file, which changed since the edits began. */
  STATE_RESTORED_STALE,
  /* The file changed on disk (disk_bytes). */
  STATE_CHANGED,
  /* Reload found the edits and the change on disk in the same fields. */
  STATE_CONFLICT,
  /* The file is gone from disk. */
  STATE_REMOVED,
  /* The draft could not be written. */
  STATE_DRAFT_FAILED,
} State;

struct _CuratorRecoveryBar
{
  GtkWidget           parent_instance;

  CuratorDocument    *document;
  CuratorDraftStore  *store;
  CuratorDraftKeeper *keeper;
  CuratorFileWatch   *watch;
  GCancellable       *cancellable;
  /* The file as it is on disk now, after a change (STATE_CHANGED,
   * STATE_CONFLICT); NULL when it is gone. */
  GBytes             *disk_bytes;
  State               state;
  char               *message;

  /* Template children */
  GtkInfoBar         *info_bar;
  GtkLabel           *title_label;
  GtkLabel           *detail_label;
  GtkButton          *discard_button;
  GtkWidget          *compare_button;
  GtkButton          *keep_button;
  GtkWidget          *reload_button;
};

G_DEFINE_FINAL_TYPE (CuratorRecoveryBar, curator_recovery_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_state (CuratorRecoveryBar *self,
           State               state,
           const char         *detail)
{
  const char *title = NULL;
  gboolean compare = FALSE, keep = FALSE, reload = FALSE, discard = FALSE;
  const char *discard_label = _("_Discard");

  self->state = state;
  switch (state)
    {
    case STATE_NONE:
      break;
    case STATE_RESTORED:
      title = _("Unsaved changes restored");
      discard = keep = TRUE;
      break;
    case STATE_RESTORED_STALE:
      title = _("Unsaved changes restored");
      compare = discard = keep = TRUE;
      break;
    case STATE_CHANGED:
      title = _("The file changed on disk");
      compare = keep = reload = TRUE;
      break;
    case STATE_CONFLICT:
      title = _("Your edits and the change on disk overlap");
      compare = keep = discard = TRUE;
      discard_label = _("_Discard Mine");
      break;
    case STATE_REMOVED:
      title = _("The file was deleted or moved on disk");
      keep = TRUE;
      break;
    case STATE_DRAFT_FAILED:
      title = _("Unsaved changes cannot be kept as a draft");
      keep = TRUE;
      break;
    default:
      g_assert_not_reached ();
    }

  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->detail_label, detail);
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), detail != NULL);
  gtk_button_set_label (self->discard_button, discard_label);
  gtk_button_set_label (self->keep_button, state == STATE_DRAFT_FAILED ? _("_Close") : _("_Keep Mine"));
  gtk_widget_set_visible (self->compare_button, compare);
  gtk_widget_set_visible (GTK_WIDGET (self->keep_button), keep);
  gtk_widget_set_visible (self->reload_button, reload);
  gtk_widget_set_visible (GTK_WIDGET (self->discard_button), discard);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "recovery.compare", compare);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "recovery.keep-mine", keep);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "recovery.reload", reload);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "recovery.discard", discard);
  gtk_info_bar_set_message_type (self->info_bar,
                                 state == STATE_RESTORED ? GTK_MESSAGE_INFO : GTK_MESSAGE_WARNING);
  gtk_info_bar_set_revealed (self->info_bar, state != STATE_NONE);
  gtk_widget_set_visible (GTK_WIDGET (self), state != STATE_NONE);

  g_free (self->message);
  self->message = title != NULL ? g_strdup (title) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
}

static char *
dup_file_name (CuratorRecoveryBar *self)
{
  GFile *file = self->document != NULL ? curator_document_get_file (self->document) : NULL;

  return file != NULL ? g_file_get_basename (file) : g_strdup (_("Untitled"));
}

/* Lays @bytes over the document as one undo step, and takes @disk_bytes
 * (when not NULL) as what the file holds now. */
static gboolean
take_bytes (CuratorRecoveryBar *self,
            GBytes             *bytes,
            GBytes             *disk_bytes)
{
  g_autoptr(GError) error = NULL;

  if (!curator_document_replace_all (self->document, bytes, &error))
    {
      g_autofree char *detail = g_strdup_printf (_("The other version cannot be opened: %s"), error->message);

      set_state (self, self->state, detail);
      return FALSE;
    }
  if (disk_bytes != NULL)
    curator_document_set_disk_state (self->document, disk_bytes);
  return TRUE;
}

/* "Both changed Title and Tags." */
static char *
describe_conflicts (GStrv conflicts)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;

  for (guint i = 0; conflicts != NULL && conflicts[i] != NULL; i++)
    {
      const char *path = conflicts[i];
      const char *key = strrchr (path, '.');

      if (g_strcmp0 (path, CURATOR_DOCUMENT_BODY_PATH) == 0)
        g_ptr_array_add (labels, g_strdup (_("the body")));
      else
        g_ptr_array_add (labels, curator_field_catalog_dup_label (path, key != NULL ? key + 1 : path));
    }
  g_ptr_array_add (labels, NULL);
  /* Translators: a list of the fields, as "Title, Tags". */
  joined = g_strjoinv (_(", "), (char **) labels->pdata);
  /* Translators: %s is a list of fields, as "Title, Tags". */
  return g_strdup_printf (_("Both changed: %s. Nothing was merged; compare them, or keep one."), joined);
}

/* Reload: the file as it is on disk now, with the curator's edits merged
 * onto it field by field when they do not overlap. */
static void
reload (CuratorRecoveryBar *self)
{
  g_autoptr(GBytes) merged = NULL;
  g_auto(GStrv) conflicts = NULL;
  g_autoptr(GError) error = NULL;

  if (self->disk_bytes == NULL)
    return;

  if (!curator_document_get_modified (self->document))
    {
      if (take_bytes (self, self->disk_bytes, self->disk_bytes))
        set_state (self, STATE_NONE, NULL);
      return;
    }

  merged = curator_document_merge_onto (self->document, self->disk_bytes, &conflicts, &error);
  if (merged == NULL)
    {
      g_autofree char *detail = NULL;

      if (conflicts != NULL)
        detail = describe_conflicts (conflicts);
      else
        detail = g_strdup_printf (_("Your edits cannot be merged: %s"), error->message);
      set_state (self, STATE_CONFLICT, detail);
      return;
    }

  if (take_bytes (self, merged, self->disk_bytes))
    set_state (self, STATE_NONE, NULL);
}

static void
discard (CuratorRecoveryBar *self)
{
  switch (self->state)
    {
    case STATE_RESTORED:
    case STATE_RESTORED_STALE:
      /* Back to the file as loaded; the keeper then forgets the draft. */
      if (take_bytes (self, curator_document_get_saved_bytes (self->document), NULL))
        set_state (self, STATE_NONE, NULL);
      break;
    case STATE_CONFLICT:
      if (take_bytes (self, self->disk_bytes, self->disk_bytes))
        set_state (self, STATE_NONE, NULL);
      break;
    default:
      break;
    }
}

static void
keep_mine (CuratorRecoveryBar *self)
{
  /* The file on disk is what Save now replaces, without asking. */
  if ((self->state == STATE_CHANGED || self->state == STATE_CONFLICT) && self->disk_bytes != NULL)
    curator_document_set_disk_state (self->document, self->disk_bytes);
  set_state (self, STATE_NONE, NULL);
}

static void
compare_response_cb (CuratorRecoveryBar *self,
                     const char         *response)
{
  if (g_strcmp0 (response, "reload") == 0)
    reload (self);
  else if (g_strcmp0 (response, "discard") == 0)
    discard (self);
  else if (g_strcmp0 (response, "keep") == 0)
    keep_mine (self);
}

static void
compare (CuratorRecoveryBar *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GBytes) mine = curator_document_serialize (self->document);
  g_autofree char *name = dup_file_name (self);
  GBytes *disk = self->state == STATE_RESTORED_STALE ? curator_document_get_saved_bytes (self->document)
                                                     : self->disk_bytes;
  CuratorDiffWindow *window;

  if (disk == NULL)
    return;

  window = curator_diff_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                    _("Compare Versions"), name);
  curator_diff_window_set_versions (window, disk, _("on disk"), mine, _("yours"));
  curator_diff_window_add_response (window, "keep", _("_Keep Mine"), FALSE);
  if (self->state == STATE_CHANGED)
    curator_diff_window_add_response (window, "reload", _("_Reload"), TRUE);
  else
    curator_diff_window_add_response (window, "discard",
                                      self->state == STATE_CONFLICT ? _("_Discard Mine") : _("_Discard"),
                                      FALSE);
  g_signal_connect_object (window, "response", G_CALLBACK (compare_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (window));
}

static void
action_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  CuratorRecoveryBar *self = CURATOR_RECOVERY_BAR (widget);

  if (self->document == NULL)
    return;

  if (g_str_equal (action_name, "recovery.compare"))
    compare (self);
  else if (g_str_equal (action_name, "recovery.keep-mine"))
    keep_mine (self);
  else if (g_str_equal (action_name, "recovery.reload"))
    reload (self);
  else if (g_str_equal (action_name, "recovery.discard"))
    discard (self);
}

static void
changed_on_disk_cb (CuratorRecoveryBar *self,
                    GBytes             *disk_bytes)
{
  g_autofree char *name = dup_file_name (self);
  g_autofree char *detail = NULL;

  g_clear_pointer (&self->disk_bytes, g_bytes_unref);
  if (disk_bytes == NULL)
    {
      detail = g_strdup_printf (_("Saving writes “%s” again."), name);
      set_state (self, STATE_REMOVED, detail);
      return;
    }

  self->disk_bytes = g_bytes_ref (disk_bytes);
  if (curator_document_get_modified (self->document))
    detail = g_strdup_printf (_("Another program changed “%s”. Reload takes its version and keeps your edits where they do not overlap."), name);
  else
    detail = g_strdup_printf (_("Another program changed “%s”. Reload shows its version."), name);
  set_state (self, STATE_CHANGED, detail);
}

static void
draft_failed_cb (CuratorRecoveryBar *self,
                 const GError       *error)
{
  g_autofree char *detail = g_strdup_printf (_("Save soon: a crash now would lose them. %s"), error->message);

  set_state (self, STATE_DRAFT_FAILED, detail);
}

static gboolean
file_is_local (GFile *file)
{
  return file != NULL && g_file_is_native (file);
}

static void
clean_leftovers_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  guint removed = curator_safe_file_clean_leftovers (G_FILE (task_data), cancellable);

  if (removed > 0)
    g_debug ("Removed %u temporary files left by an interrupted save", removed);
  g_task_return_boolean (task, TRUE);
}

/* Temporary files that a save cut short left in the folder. */
static void
clean_leftovers (CuratorRecoveryBar *self,
                 GFile              *file)
{
  g_autoptr(GFile) folder = g_file_get_parent (file);
  g_autoptr(GTask) task = NULL;

  if (folder == NULL)
    return;
  task = g_task_new (NULL, self->cancellable, NULL, NULL);
  g_task_set_source_tag (task, clean_leftovers);
  g_task_set_task_data (task, g_steal_pointer (&folder), g_object_unref);
  g_task_run_in_thread (task, clean_leftovers_thread);
}

/* The draft a crash left for this document, laid over it. */
static void
restore_draft (CuratorRecoveryBar *self,
               const char         *id)
{
  g_autoptr(CuratorDraft) draft = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GBytes *draft_bytes;
  GBytes *disk;

  if (!(draft = curator_draft_store_load (self->store, id, &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_message ("Draft %s cannot be read: %s", id, error->message);
      return;
    }

  draft_bytes = curator_draft_get_bytes (draft);
  bytes = curator_document_serialize (self->document);
  if (g_bytes_equal (draft_bytes, bytes))
    return;
  if (!curator_document_replace_all (self->document, draft_bytes, &error))
    {
      g_message ("Draft %s cannot be restored: %s", id, error->message);
      return;
    }

  disk = curator_document_get_saved_bytes (self->document);
  if (!g_file_query_exists (curator_document_get_file (self->document), NULL))
    set_state (self, STATE_RESTORED,
               _("Curator kept these edits when it last stopped, before the file was first saved. Save creates it."));
  else if (curator_draft_base_differs (draft, disk))
    set_state (self, STATE_RESTORED_STALE,
               _("The file changed on disk after these edits were made. Compare them before saving."));
  else
    set_state (self, STATE_RESTORED,
               _("Curator kept these edits when it last stopped without saving them."));
}

/* Saved, or undone back to the file: the restored edits are no news. */
static void
modified_cb (CuratorRecoveryBar *self)
{
  if ((self->state == STATE_RESTORED || self->state == STATE_RESTORED_STALE) &&
      !curator_document_get_modified (self->document))
    set_state (self, STATE_NONE, NULL);
}

static void
stop_keeping (CuratorRecoveryBar *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_func (self->document, modified_cb, self);
  if (self->watch != NULL)
    g_signal_handlers_disconnect_by_data (self->watch, self);
  g_clear_object (&self->watch);
  if (self->keeper != NULL)
    g_signal_handlers_disconnect_by_data (self->keeper, self);
  /* A due draft is written now (the keeper's dispose). */
  g_clear_object (&self->keeper);
  g_clear_pointer (&self->disk_bytes, g_bytes_unref);
}

void
curator_recovery_bar_set_document (CuratorRecoveryBar *self,
                                   CuratorDocument    *document)
{
  GFile *file;

  g_return_if_fail (CURATOR_IS_RECOVERY_BAR (self));
  g_return_if_fail (document == NULL || CURATOR_IS_DOCUMENT (document));

  stop_keeping (self);
  g_set_object (&self->document, document);
  set_state (self, STATE_NONE, NULL);
  if (document == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  g_signal_connect_object (document, "notify::modified", G_CALLBACK (modified_cb), self, G_CONNECT_SWAPPED);
  file = curator_document_get_file (document);
  if (self->store != NULL && file != NULL && curator_document_get_saved_bytes (document) != NULL)
    {
      g_autofree char *id = curator_draft_store_id_for (document);

      restore_draft (self, id);
      self->keeper = curator_draft_keeper_new (self->store, document, id);
      g_signal_connect_object (self->keeper, "failed", G_CALLBACK (draft_failed_cb), self, G_CONNECT_SWAPPED);
    }

  if (file_is_local (file))
    {
      self->watch = curator_file_watch_new (document);
      g_signal_connect_object (self->watch, "changed-on-disk", G_CALLBACK (changed_on_disk_cb), self, G_CONNECT_SWAPPED);
      clean_leftovers (self, file);
    }
}

gboolean
curator_recovery_bar_has_draft_of (CuratorRecoveryBar *self,
                                   CuratorDocument    *document)
{
  g_autofree char *id = NULL;
  g_autoptr(CuratorDraft) draft = NULL;

  g_return_val_if_fail (CURATOR_IS_RECOVERY_BAR (self), FALSE);
  g_return_val_if_fail (CURATOR_IS_DOCUMENT (document), FALSE);

  if (self->store == NULL || curator_document_get_file (document) == NULL)
    return FALSE;
  id = curator_draft_store_id_for (document);
  draft = curator_draft_store_load (self->store, id, NULL);
  return draft != NULL;
}

void
curator_recovery_bar_discard_draft (CuratorRecoveryBar *self)
{
  g_return_if_fail (CURATOR_IS_RECOVERY_BAR (self));

  if (self->keeper != NULL)
    curator_draft_keeper_discard (self->keeper);
}

void
curator_recovery_bar_set_new_file (CuratorRecoveryBar *self,
                                   gboolean            new_file)
{
  g_return_if_fail (CURATOR_IS_RECOVERY_BAR (self));

  if (self->keeper != NULL)
    curator_draft_keeper_set_new_file (self->keeper, new_file);
}

void
curator_recovery_bar_set_store (CuratorRecoveryBar *self,
                                CuratorDraftStore  *store)
{
  g_return_if_fail (CURATOR_IS_RECOVERY_BAR (self));
  g_return_if_fail (store == NULL || CURATOR_IS_DRAFT_STORE (store));

  g_set_object (&self->store, store);
}

CuratorDraftStore *
curator_recovery_bar_get_store (CuratorRecoveryBar *self)
{
  g_return_val_if_fail (CURATOR_IS_RECOVERY_BAR (self), NULL);

  return self->store;
}

const char *
curator_recovery_bar_get_message (CuratorRecoveryBar *self)
{
  g_return_val_if_fail (CURATOR_IS_RECOVERY_BAR (self), NULL);

  return self->message;
}

const char *
curator_recovery_bar_get_detail (CuratorRecoveryBar *self)
{
  g_return_val_if_fail (CURATOR_IS_RECOVERY_BAR (self), NULL);

  return self->message != NULL ? gtk_label_get_label (self->detail_label) : NULL;
}

GtkWidget *
curator_recovery_bar_new (void)
{
  return g_object_new (CURATOR_TYPE_RECOVERY_BAR, NULL);
}

static void
curator_recovery_bar_dispose (GObject *object)
{
  CuratorRecoveryBar *self = (CuratorRecoveryBar *)object;

  stop_keeping (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CURATOR_TYPE_RECOVERY_BAR);
  g_clear_object (&self->document);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (curator_recovery_bar_parent_class)->dispose (object);
}

static void
curator_recovery_bar_finalize (GObject *object)
{
  CuratorRecoveryBar *self = (CuratorRecoveryBar *)object;

  g_free (self->message);

  G_OBJECT_CLASS (curator_recovery_bar_parent_class)->finalize (object);
}

static void
curator_recovery_bar_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CuratorRecoveryBar *self = CURATOR_RECOVERY_BAR (object);

  switch (prop_id)
    {
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
curator_recovery_bar_class_init (CuratorRecoveryBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = curator_recovery_bar_dispose;
  object_class->finalize = curator_recovery_bar_finalize;
  object_class->get_property = curator_recovery_bar_get_property;

  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/curator-recovery-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, CuratorRecoveryBar, info_bar);
  gtk_widget_class_bind_template_child (widget_class, CuratorRecoveryBar, title_label);
  gtk_widget_class_bind_template_child (widget_class, CuratorRecoveryBar, detail_label);
  gtk_widget_class_bind_template_child (widget_class, CuratorRecoveryBar, discard_button);
  gtk_widget_class_bind_template_child (widget_class, CuratorRecoveryBar, compare_button);
  gtk_widget_class_bind_template_child (widget_class, CuratorRecoveryBar, keep_button);
  gtk_widget_class_bind_template_child (widget_class, CuratorRecoveryBar, reload_button);

  gtk_widget_class_install_action (widget_class, "recovery.compare", NULL, action_cb);
  gtk_widget_class_install_action (widget_class, "recovery.keep-mine", NULL, action_cb);
  gtk_widget_class_install_action (widget_class, "recovery.reload", NULL, action_cb);
  gtk_widget_class_install_action (widget_class, "recovery.discard", NULL, action_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "recoverybar");
}

static void
curator_recovery_bar_init (CuratorRecoveryBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  set_state (self, STATE_NONE, NULL);
}
