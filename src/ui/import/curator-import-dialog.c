/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-import-dialog"

#include "config.h"

#include "curator-import-dialog.h"

#include "curator-fact-row.h"

#include <glib/gi18n.h>

struct _CuratorImportDialog
{
  AdwWindow         parent_instance;

  CuratorWebImport *import;
  GCancellable     *cancellable;
  gboolean          ready;
  /* The curator changed which fact fills a field. */
  gboolean          mapping_changed;
  /* One row per field a page's fact can fill (CuratorFactRow), made
   * once the folder's files are read: the page may still be on its way. */
  GPtrArray        *field_rows;
  /* The rows were made ahead (curator_import_dialog_prepare_rows()),
   * before the import's template was known. */
  gboolean          rows_prepared;

  /* Template children */
  GtkStack         *stack;
  GtkLabel         *address_label;
  GtkProgressBar   *progress_bar;
  GtkLabel         *status_label;
  AdwStatusPage    *failed_page;
  AdwPreferencesGroup *notice_group;
  GtkLabel         *notice_label;
  AdwPreferencesGroup *fields_group;
  AdwActionRow     *file_row;
  AdwActionRow     *source_row;
  GtkWidget        *create_button;
};

G_DEFINE_FINAL_TYPE (CuratorImportDialog, curator_import_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_READY,
  N_PROPS
};

enum {
  CREATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* What the field will hold, as the row's subtitle. */
static void
update_row_subtitle (CuratorImportDialog *self,
                     CuratorFactRow      *row)
{
  CuratorPageFacts *facts = self->import != NULL ? curator_web_import_get_facts (self->import) : NULL;
  int fact = curator_fact_row_get_fact (row);
  const char *value = NULL;

  if (facts == NULL)
    return;
  if (fact >= 0)
    value = curator_page_facts_get (facts, fact);
  if (fact < 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Left empty"));
  else if (value == NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("The page does not give it: left empty"));
  else
    {
      g_autofree char *escaped = g_markup_escape_text (value, -1);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
    }
}

static void
row_fact_cb (CuratorFactRow      *row,
             GParamSpec          *pspec,
             CuratorImportDialog *self)
{
  const char *key_path = curator_fact_row_get_key_path (row);
  int fact = curator_fact_row_get_fact (row);
  g_autoptr(GError) error = NULL;

  if (!curator_folder_template_set_fact (curator_web_import_get_template (self->import), key_path, fact, &error))
    {
      gtk_label_set_text (self->notice_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->notice_group), TRUE);
      return;
    }
  self->mapping_changed = TRUE;
  update_row_subtitle (self, row);
}

/* Whether a page's fact can fill @rule's field: fields copied, built
 * from others or dated now are not the page's. */
static gboolean
rule_has_row (CuratorFieldRule *rule)
{
  CuratorFieldRuleKind kind = curator_field_rule_get_kind (rule);

  return kind == CURATOR_FIELD_RULE_FACT || kind == CURATOR_FIELD_RULE_EMPTY;
}

static void
add_field_rows (CuratorImportDialog *self,
                GListModel          *rules)
{
  guint n = g_list_model_get_n_items (rules);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CuratorFieldRule) rule = g_list_model_get_item (rules, i);
      CuratorFactRow *row;

      if (!rule_has_row (rule))
        continue;
      row = curator_fact_row_new (curator_field_rule_get_key_path (rule), curator_field_rule_get_fact (rule));
      update_row_subtitle (self, row);
      g_signal_connect_object (row, "notify::fact", G_CALLBACK (row_fact_cb), self, 0);
      adw_preferences_group_add (self->fields_group, GTK_WIDGET (row));
      g_ptr_array_add (self->field_rows, row);
    }
}

/* Rows made ahead fit @rules when they are for the same fields, in the
 * same order; they then take the rules' facts. */
static gboolean
take_prepared_rows (CuratorImportDialog *self,
                    GListModel          *rules)
{
  guint n = g_list_model_get_n_items (rules);
  guint at = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CuratorFieldRule) rule = g_list_model_get_item (rules, i);

      if (!rule_has_row (rule))
        continue;
      if (at >= self->field_rows->len ||
          g_strcmp0 (curator_fact_row_get_key_path (g_ptr_array_index (self->field_rows, at)),
                     curator_field_rule_get_key_path (rule)) != 0)
        return FALSE;
      at++;
    }
  if (at != self->field_rows->len)
    return FALSE;

  at = 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CuratorFieldRule) rule = g_list_model_get_item (rules, i);
      CuratorFactRow *row;

      if (!rule_has_row (rule))
        continue;
      /* The rule's fact, not the curator's choice: nothing to remember. */
      row = g_ptr_array_index (self->field_rows, at++);
      g_signal_handlers_block_by_func (row, row_fact_cb, self);
      curator_fact_row_set_fact (row, curator_field_rule_get_fact (rule));
      g_signal_handlers_unblock_by_func (row, row_fact_cb, self);
    }
  return TRUE;
}

/* The rows depend on the folder's files only: they are made as soon as
 * those are read, while the page is still fetched and read; or before,
 * and then kept if they fit. */
static void
make_field_rows (CuratorImportDialog *self)
{
  CuratorFolderTemplate *template = curator_web_import_get_template (self->import);
  GListModel *rules;

  if (template == NULL || (self->field_rows->len > 0 && !self->rows_prepared))
    return;
  rules = curator_folder_template_get_rules (template);
  if (self->rows_prepared)
    {
      self->rows_prepared = FALSE;
      if (take_prepared_rows (self, rules))
        return;
      for (guint i = 0; i < self->field_rows->len; i++)
        adw_preferences_group_remove (self->fields_group, g_ptr_array_index (self->field_rows, i));
      g_ptr_array_set_size (self->field_rows, 0);
    }
  add_field_rows (self, rules);
}

static void
update_file_rows (CuratorImportDialog *self)
{
  CuratorFolderTemplate *template = curator_web_import_get_template (self->import);
  GFile *file = curator_document_get_file (curator_web_import_get_document (self->import));
  GFile *model = curator_folder_template_get_model_file (template);
  g_autofree char *path = g_file_get_parse_name (file);
  g_autofree char *model_name = model != NULL ? g_file_get_basename (model) : NULL;
  g_autofree char *shape = NULL;

  switch (curator_folder_template_get_source (template))
    {
    case CURATOR_TEMPLATE_SIBLINGS:
      shape = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Like the folder’s %u file (%s)",
                                            "Like the folder’s %u files (from %s)",
                                            curator_folder_template_get_n_siblings (template)),
                               curator_folder_template_get_n_siblings (template), model_name);
      break;
    case CURATOR_TEMPLATE_ARCHETYPE:
      shape = g_strdup_printf (_("From the archetype %s"), model_name);
      break;
    case CURATOR_TEMPLATE_MINIMAL:
    default:
      shape = g_strdup (_("Minimal: a title, a date and draft"));
      break;
    }
  adw_action_row_set_subtitle (self->file_row, path);
  adw_action_row_set_subtitle (self->source_row, shape);
}

static void
show_notices (CuratorImportDialog *self)
{
  const char *page_error = curator_web_import_get_page_error (self->import);
  const char * const *warnings = curator_web_import_get_warnings (self->import);
  g_autoptr(GString) text = g_string_new (NULL);

  if (page_error != NULL)
    {
      /* Translators: %s says why the page could not be fetched. */
      g_string_append_printf (text, _("The page could not be read: %s"), page_error);
      g_string_append_c (text, '\n');
      g_string_append (text, _("The new file has what the drop carried: the address, and the title if it had one."));
    }
  for (guint i = 0; warnings != NULL && warnings[i] != NULL; i++)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, warnings[i]);
    }

  gtk_label_set_text (self->notice_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->notice_group), text->len > 0);
  if (page_error != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->notice_label), "error");
}

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(CuratorImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!curator_web_import_run_finish (CURATOR_WEB_IMPORT (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      adw_status_page_set_description (self->failed_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "failed");
      return;
    }

  make_field_rows (self);
  for (guint i = 0; i < self->field_rows->len; i++)
    update_row_subtitle (self, g_ptr_array_index (self->field_rows, i));
  gtk_widget_set_visible (GTK_WIDGET (self->fields_group), self->field_rows->len > 0);
  update_file_rows (self);
  show_notices (self);
  gtk_stack_set_visible_child_name (self->stack, "ready");
  self->ready = TRUE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.create", TRUE);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->create_button);
  gtk_widget_grab_focus (self->create_button);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
}

static gboolean
destroy_cb (gpointer data)
{
  g_autoptr(GtkWindow) self = g_weak_ref_get (data);

  if (self != NULL)
    gtk_window_destroy (self);
  return G_SOURCE_REMOVE;
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

static void
parent_painted_cb (GdkFrameClock       *clock,
                   CuratorImportDialog *self)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, self);
  g_idle_add_full (G_PRIORITY_LOW, destroy_cb, ref, weak_ref_free);
  g_signal_handlers_disconnect_by_func (clock, parent_painted_cb, self);
}

/* GTK keeps the hidden dialog until it is destroyed: after the parent's
 * next frame, or with the parent should that go first. */
static void
destroy_after_paint (CuratorImportDialog *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  GdkFrameClock *clock = parent != NULL && gtk_widget_get_mapped (GTK_WIDGET (parent))
                           ? gtk_widget_get_frame_clock (GTK_WIDGET (parent)) : NULL;

  if (clock == NULL)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (parent_painted_cb), self, 0);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CuratorImportDialog *self = CURATOR_IMPORT_DIALOG (widget);
  g_autoptr(GError) error = NULL;

  if (!self->ready)
    return;

  if (self->mapping_changed)
    {
      if (!curator_web_import_remake (self->import, &error))
        {
          gtk_label_set_text (self->notice_label, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->notice_group), TRUE);
          return;
        }
      if (!curator_folder_template_remember (curator_web_import_get_template (self->import), &error))
        g_warning ("Could not remember the fields’ facts for this folder: %s", error->message);
    }

  /* Hidden at once, destroyed after the window has painted what was
   * created: tearing the dialog down takes longer than showing it, and
   * the new curation would wait for it. */
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_signal_emit (self, signals[CREATED], 0, self->import);
  destroy_after_paint (self);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static gboolean
curator_import_dialog_close_request (GtkWindow *window)
{
  CuratorImportDialog *self = CURATOR_IMPORT_DIALOG (window);

  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (curator_import_dialog_parent_class)->close_request (window);
}

static void
curator_import_dialog_dispose (GObject *object)
{
  CuratorImportDialog *self = CURATOR_IMPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CURATOR_TYPE_IMPORT_DIALOG);
  g_clear_object (&self->import);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->field_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (curator_import_dialog_parent_class)->dispose (object);
}

static void
curator_import_dialog_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CuratorImportDialog *self = CURATOR_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_READY:
      g_value_set_boolean (value, self->ready);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
curator_import_dialog_class_init (CuratorImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = curator_import_dialog_dispose;
  object_class->get_property = curator_import_dialog_get_property;
  window_class->close_request = curator_import_dialog_close_request;

  properties[PROP_READY] =
    g_param_spec_boolean ("ready", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CREATED] =
    g_signal_new ("created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CURATOR_TYPE_WEB_IMPORT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/curator-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CuratorImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CuratorImportDialog, address_label);
  gtk_widget_class_bind_template_child (widget_class, CuratorImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CuratorImportDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, CuratorImportDialog, failed_page);
  gtk_widget_class_bind_template_child (widget_class, CuratorImportDialog, notice_group);
  gtk_widget_class_bind_template_child (widget_class, CuratorImportDialog, notice_label);
  gtk_widget_class_bind_template_child (widget_class, CuratorImportDialog, fields_group);
  gtk_widget_class_bind_template_child (widget_class, CuratorImportDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, CuratorImportDialog, source_row);
  gtk_widget_class_bind_template_child (widget_class, CuratorImportDialog, create_button);

  gtk_widget_class_install_action (widget_class, "import.create", NULL, create_action);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "import.cancel", NULL);
}

static void
curator_import_dialog_init (CuratorImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->field_rows = g_ptr_array_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.create", FALSE);
}

CuratorImportDialog *
curator_import_dialog_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (CURATOR_TYPE_IMPORT_DIALOG,
                       "transient-for", parent,
                       NULL);
}

void
curator_import_dialog_run (CuratorImportDialog *self,
                           CuratorWebImport    *import)
{
  const char *url;

  g_return_if_fail (CURATOR_IS_IMPORT_DIALOG (self));
  g_return_if_fail (CURATOR_IS_WEB_IMPORT (import));
  g_return_if_fail (self->import == NULL);

  self->import = g_object_ref (import);
  url = curator_web_import_get_url (import);
  gtk_label_set_text (self->address_label, url);
  gtk_widget_set_visible (GTK_WIDGET (self->address_label), url != NULL);
  g_object_bind_property (import, "progress", self->progress_bar, "fraction", G_BINDING_SYNC_CREATE);
  g_object_bind_property (import, "status", self->status_label, "label", G_BINDING_SYNC_CREATE);

  /* The rows are made while the page is still read. */
  g_signal_connect_object (import, "notify::template", G_CALLBACK (make_field_rows), self, G_CONNECT_SWAPPED);
  curator_web_import_run_async (import, self->cancellable, run_cb, g_object_ref (self));
}

void
curator_import_dialog_prepare_rows (CuratorImportDialog *self,
                                    GListModel          *rules)
{
  g_return_if_fail (CURATOR_IS_IMPORT_DIALOG (self));
  g_return_if_fail (G_IS_LIST_MODEL (rules));
  g_return_if_fail (self->import == NULL && self->field_rows->len == 0);

  add_field_rows (self, rules);
  self->rows_prepared = self->field_rows->len > 0;
}

CuratorWebImport *
curator_import_dialog_get_import (CuratorImportDialog *self)
{
  g_return_val_if_fail (CURATOR_IS_IMPORT_DIALOG (self), NULL);

  return self->import;
}

gboolean
curator_import_dialog_get_ready (CuratorImportDialog *self)
{
  g_return_val_if_fail (CURATOR_IS_IMPORT_DIALOG (self), FALSE);

  return self->ready;
}
