/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-library"

#include "config.h"

#include "curator-library.h"

#include "curator-bulk-edit-dialog.h"
#include "curator-library-filter.h"
#include "curator-library-row.h"
#include "curator-library-sorter.h"

#include <glib/gi18n.h>
#include <string.h>

struct _CuratorLibrary
{
  GtkWidget             parent_instance;

  GFile                *folder;
  CuratorFolderModel   *model;
  GSignalGroup         *model_signals;
  /* model → sorted → filtered → selection → list view */
  GtkSortListModel     *sorted;
  GtkFilterListModel   *filtered;
  GtkMultiSelection    *selection;
  CuratorLibrarySorter *sorter;
  CuratorLibraryFilter *filter;

  GFile                *current_file;
  GFile                *unsaved_file;
  /* The last bulk edit written, for its undo. */
  CuratorBulkEdit      *bulk_edit;
  GCancellable         *cancellable;

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  GtkSearchEntry       *search_entry;
  GtkPopover           *view_popover;
  GtkDropDown          *tag_dropdown;
  GtkDropDown          *section_dropdown;
  GtkStack             *stack;
  GtkListView          *list_view;
  AdwStatusPage        *empty_page;
  AdwStatusPage        *error_page;
  GtkSpinner           *spinner;
  GtkLabel             *status_label;
  GtkButton            *bulk_edit_button;

  /* The selection is being set to the current file, not by the user. */
  /* What the section menu lists after "All Sections". */
  char                **section_values;

  guint                 syncing_selection : 1;
  guint                 filling_dropdowns : 1;
};

G_DEFINE_FINAL_TYPE (CuratorLibrary, curator_library, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_FOLDER,
  PROP_CURRENT_FILE,
  PROP_SORT,
  PROP_PROBLEMS_ONLY,
  PROP_DRAFTS_ONLY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  OPEN_FILE,
  FILES_WRITTEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
curator_library_toast (CuratorLibrary *self,
                       AdwToast       *toast)
{
  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static CuratorFolderItem *
current_item (CuratorLibrary *self)
{
  if (self->model == NULL || self->current_file == NULL)
    return NULL;
  return curator_folder_model_find_file (self->model, self->current_file, NULL);
}

/* Where @item is in the list as shown, or GTK_INVALID_LIST_POSITION. */
static guint
shown_position (CuratorLibrary    *self,
                CuratorFolderItem *item)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));

  if (item == NULL || !gtk_filter_match (GTK_FILTER (self->filter), item))
    return GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CuratorFolderItem) shown = g_list_model_get_item (G_LIST_MODEL (self->filtered), i);

      if (shown == item)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static void
scroll_to (CuratorLibrary *self,
           guint           position)
{
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

/* Selects the current file's row, when it is shown and nothing else is
 * selected. */
static void
sync_selection (CuratorLibrary *self,
                gboolean        force)
{
  GtkSelectionModel *selection = GTK_SELECTION_MODEL (self->selection);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (selection);
  guint position;

  if (!force && !gtk_bitset_is_empty (selected))
    return;

  position = shown_position (self, current_item (self));
  self->syncing_selection = TRUE;
  if (position != GTK_INVALID_LIST_POSITION)
    {
      gtk_selection_model_select_item (selection, position, TRUE);
      /* GTK 4.8's list view loses its rows when scrolled while batches
       * stream in: the scroll waits for the whole list. */
      if (!curator_folder_model_get_loading (self->model))
        scroll_to (self, position);
    }
  else if (force)
    gtk_selection_model_unselect_all (selection);
  self->syncing_selection = FALSE;
}

static guint
n_selected (CuratorLibrary *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

  return (guint) gtk_bitset_get_size (selected);
}

static void
update_status (CuratorLibrary *self)
{
  guint n_all = self->model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  gboolean loading = self->model != NULL && curator_folder_model_get_loading (self->model);
  gboolean checking = self->model != NULL && curator_folder_model_get_checking (self->model);
  const GError *error = self->model != NULL ? curator_folder_model_get_error (self->model) : NULL;
  guint selected = n_selected (self);
  g_autofree char *status = NULL;

  if (loading)
    status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Reading… %u file", "Reading… %u files", n_all), n_all);
  else if (n_shown != n_all)
    /* Translators: how many files the search and filters show, of all. */
    status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u file", "%u of %u files", n_all), n_shown, n_all);
  else
    status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file", "%u files", n_all), n_all);
  gtk_label_set_text (self->status_label, status);

  gtk_spinner_set_spinning (self->spinner, loading || checking);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading || checking);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->spinner),
                               loading ? _("Reading the files") : checking ? _("Checking every file") : NULL);

  if (error != NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
    }
  else if (n_shown == 0 && !loading)
    {
      adw_status_page_set_title (self->empty_page, n_all == 0 ? _("No Content Files") : _("No Matching Files"));
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
  else
    gtk_stack_set_visible_child_name (self->stack, "list");

  gtk_widget_set_visible (GTK_WIDGET (self->bulk_edit_button), selected > 1);
  if (selected > 1)
    {
      g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Edit %u File…", "_Edit %u Files…", selected),
                                                selected);

      gtk_button_set_label (self->bulk_edit_button, label);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.bulk-edit", selected > 0 && self->model != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.undo-bulk-edit",
                                 self->bulk_edit != NULL && curator_bulk_edit_get_can_undo (self->bulk_edit));
}

static void
open_position (CuratorLibrary *self,
               guint           position)
{
  g_autoptr(CuratorFolderItem) item = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);
  g_autoptr(GFile) file = NULL;

  if (item == NULL)
    return;
  file = curator_folder_model_get_file (self->model, item);
  if (self->current_file != NULL && g_file_equal (file, self->current_file))
    return;
  g_signal_emit (self, signals[OPEN_FILE], 0, file);
}

static void
selection_changed_cb (CuratorLibrary *self)
{
  g_autoptr(GtkBitset) selected = NULL;

  update_status (self);
  if (self->syncing_selection)
    return;

  /* One row chosen by the user: open it. Several: a bulk edit to come. */
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  if (gtk_bitset_get_size (selected) == 1)
    open_position (self, gtk_bitset_get_nth (selected, 0));
}

static void
activate_cb (CuratorLibrary *self,
             guint           position)
{
  open_position (self, position);
}

static void
shown_changed_cb (CuratorLibrary *self)
{
  sync_selection (self, FALSE);
  update_status (self);
}

static void
model_state_cb (CuratorLibrary *self)
{
  update_status (self);
  if (self->model != NULL && !curator_folder_model_get_loading (self->model))
    {
      guint position = shown_position (self, current_item (self));

      sync_selection (self, FALSE);
      /* Listed: the current file's row, selected meanwhile, comes into view. */
      if (position != GTK_INVALID_LIST_POSITION && gtk_selection_model_is_selected (GTK_SELECTION_MODEL (self->selection), position))
        scroll_to (self, position);
    }
}

/* Search */

static void
search_changed_cb (CuratorLibrary *self)
{
  curator_library_filter_set_search (self->filter, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
stop_search_cb (CuratorLibrary *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CuratorLibrary *self = CURATOR_LIBRARY (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* The tag and section menus: the first entry means "any". */

static void
fill_dropdown (GtkDropDown  *dropdown,
               const char   *any,
               char        **values,
               const char   *selected)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  guint position = 0;

  gtk_string_list_append (list, any);
  for (guint i = 0; values[i] != NULL; i++)
    {
      gtk_string_list_append (list, values[i]);
      if (g_strcmp0 (values[i], selected) == 0)
        position = i + 1;
    }
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (dropdown, position);
}

static void
popover_show_cb (CuratorLibrary *self)
{
  g_auto(GStrv) tags = NULL;
  g_auto(GStrv) labels = NULL;

  if (self->model == NULL)
    return;

  tags = curator_folder_model_dup_tags (self->model);
  g_strfreev (self->section_values);
  self->section_values = curator_folder_model_dup_sections (self->model);
  /* The folder's top is the "" section: shown by the folder's name. */
  labels = g_strdupv (self->section_values);
  if (labels[0] != NULL && labels[0][0] == '\0')
    {
      g_free (labels[0]);
      labels[0] = g_file_get_basename (self->folder);
    }

  self->filling_dropdowns = TRUE;
  fill_dropdown (self->tag_dropdown, _("Any Tag"), tags, curator_library_filter_get_tag (self->filter));
  fill_dropdown (self->section_dropdown, _("All Sections"), labels, NULL);
  for (guint i = 0; self->section_values[i] != NULL; i++)
    if (g_strcmp0 (self->section_values[i], curator_library_filter_get_section (self->filter)) == 0)
      gtk_drop_down_set_selected (self->section_dropdown, i + 1);
  self->filling_dropdowns = FALSE;
}

static void
tag_selected_cb (CuratorLibrary *self)
{
  guint position = gtk_drop_down_get_selected (self->tag_dropdown);
  gpointer item = gtk_drop_down_get_selected_item (self->tag_dropdown);

  if (self->filling_dropdowns)
    return;
  curator_library_filter_set_tag (self->filter, position > 0 && item != NULL ?
                                  gtk_string_object_get_string (item) : NULL);
}

static void
section_selected_cb (CuratorLibrary *self)
{
  guint position = gtk_drop_down_get_selected (self->section_dropdown);

  if (self->filling_dropdowns || self->section_values == NULL)
    return;
  curator_library_filter_set_section (self->filter,
                                      position > 0 && position <= g_strv_length (self->section_values) ?
                                      self->section_values[position - 1] : NULL);
}

/* Moving through the files */

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  curator_library_move (CURATOR_LIBRARY (widget), g_str_equal (action_name, "library.next") ? 1 : -1);
}

/* Bulk edit */

static void
undo_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  CuratorBulkEdit *edit = CURATOR_BULK_EDIT (source);
  g_autoptr(CuratorLibrary) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *files = curator_bulk_edit_get_files (edit);
  g_autofree char *message = NULL;
  guint restored;

  curator_bulk_edit_undo_finish (edit, result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(CuratorBulkEditFile) file = g_list_model_get_item (files, i);

      if (curator_bulk_edit_file_get_state (file) == CURATOR_BULK_EDIT_FILE_RESTORED)
        g_ptr_array_add (written, g_object_ref (curator_bulk_edit_file_get_file (file)));
    }
  restored = written->len;
  if (error != NULL)
    /* Translators: the first %s says how many files could not be restored. */
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Restored %u file; %s", "Restored %u files; %s", restored),
                               restored, error->message);
  else
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Restored %u file", "Restored %u files", restored), restored);
  curator_library_toast (self, adw_toast_new (message));

  update_status (self);
  if (written->len > 0)
    g_signal_emit (self, signals[FILES_WRITTEN], 0, written);
}

static void
undo_bulk_edit_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CuratorLibrary *self = CURATOR_LIBRARY (widget);

  if (self->bulk_edit == NULL || !curator_bulk_edit_get_can_undo (self->bulk_edit))
    return;

  curator_bulk_edit_undo_async (self->bulk_edit, self->cancellable, undo_done_cb, g_object_ref (self));
  gtk_widget_action_set_enabled (widget, "library.undo-bulk-edit", FALSE);
}

static void
undo_toast_cb (CuratorLibrary *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "library.undo-bulk-edit", NULL);
}

static void
bulk_edit_applied_cb (CuratorLibrary  *self,
                      CuratorBulkEdit *edit)
{
  g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *files = curator_bulk_edit_get_files (edit);
  g_autofree char *message = NULL;
  AdwToast *toast;

  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(CuratorBulkEditFile) file = g_list_model_get_item (files, i);

      if (curator_bulk_edit_file_get_state (file) == CURATOR_BULK_EDIT_FILE_WRITTEN)
        g_ptr_array_add (written, g_object_ref (curator_bulk_edit_file_get_file (file)));
    }

  g_set_object (&self->bulk_edit, edit);
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Changed %u file", "Changed %u files", written->len),
                             written->len);
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_toast_cb), self, G_CONNECT_SWAPPED);
  curator_library_toast (self, toast);

  update_status (self);
  if (written->len > 0)
    g_signal_emit (self, signals[FILES_WRITTEN], 0, written);
}

static void
bulk_edit_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CuratorLibrary *self = CURATOR_LIBRARY (widget);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  GtkBitsetIter iter;
  guint position;
  GtkWidget *dialog;

  if (self->model == NULL)
    return;

  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position); more;
       more = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(CuratorFolderItem) item = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);

      g_ptr_array_add (files, curator_folder_model_get_file (self->model, item));
    }
  if (files->len == 0)
    return;

  dialog = curator_bulk_edit_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->folder,
                                         (GFile **) files->pdata, files->len, self->unsaved_file);
  g_signal_connect_object (dialog, "applied", G_CALLBACK (bulk_edit_applied_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* List rows */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item)
{
  gtk_list_item_set_child (list_item, curator_library_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item)
{
  curator_library_row_set_item (CURATOR_LIBRARY_ROW (gtk_list_item_get_child (list_item)),
                                gtk_list_item_get_item (list_item));
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item)
{
  curator_library_row_set_item (CURATOR_LIBRARY_ROW (gtk_list_item_get_child (list_item)), NULL);
}

static void
sort_changed_cb (CuratorLibrary *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT]);
}

static void
filter_changed_cb (CuratorLibrary *self,
                   GParamSpec     *pspec)
{
  g_object_notify_by_pspec (G_OBJECT (self),
                            properties[g_str_equal (pspec->name, "problems") ? PROP_PROBLEMS_ONLY : PROP_DRAFTS_ONLY]);
}

/* GObject */

static void
curator_library_dispose (GObject *object)
{
  CuratorLibrary *self = (CuratorLibrary *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->model_signals != NULL)
    g_signal_group_set_target (self->model_signals, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CURATOR_TYPE_LIBRARY);
  /* The children the template does not name. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);

  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filter);
  g_clear_object (&self->sorter);
  g_clear_object (&self->model);
  g_clear_object (&self->model_signals);
  g_clear_object (&self->folder);
  g_clear_object (&self->current_file);
  g_clear_object (&self->unsaved_file);
  g_clear_object (&self->bulk_edit);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->section_values, g_strfreev);

  G_OBJECT_CLASS (curator_library_parent_class)->dispose (object);
}

static void
curator_library_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CuratorLibrary *self = CURATOR_LIBRARY (object);

  switch (prop_id)
    {
    case PROP_FOLDER:
      g_value_set_object (value, self->folder);
      break;
    case PROP_CURRENT_FILE:
      g_value_set_object (value, self->current_file);
      break;
    case PROP_SORT:
      g_value_set_enum (value, curator_library_sorter_get_sort (self->sorter));
      break;
    case PROP_PROBLEMS_ONLY:
      g_value_set_boolean (value, curator_library_filter_get_problems (self->filter));
      break;
    case PROP_DRAFTS_ONLY:
      g_value_set_boolean (value, curator_library_filter_get_drafts (self->filter));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
curator_library_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CuratorLibrary *self = CURATOR_LIBRARY (object);

  switch (prop_id)
    {
    case PROP_FOLDER:
      curator_library_set_folder (self, g_value_get_object (value));
      break;
    case PROP_CURRENT_FILE:
      curator_library_set_current_file (self, g_value_get_object (value));
      break;
    case PROP_SORT:
      curator_library_sorter_set_sort (self->sorter, g_value_get_enum (value));
      break;
    case PROP_PROBLEMS_ONLY:
      curator_library_filter_set_problems (self->filter, g_value_get_boolean (value));
      break;
    case PROP_DRAFTS_ONLY:
      curator_library_filter_set_drafts (self->filter, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
curator_library_class_init (CuratorLibraryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = curator_library_dispose;
  object_class->get_property = curator_library_get_property;
  object_class->set_property = curator_library_set_property;

  properties[PROP_FOLDER] =
    g_param_spec_object ("folder", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CURRENT_FILE] =
    g_param_spec_object ("current-file", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SORT] =
    g_param_spec_enum ("sort", NULL, NULL,
                       CURATOR_TYPE_FOLDER_SORT, CURATOR_FOLDER_SORT_SECTION,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PROBLEMS_ONLY] =
    g_param_spec_boolean ("problems-only", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DRAFTS_ONLY] =
    g_param_spec_boolean ("drafts-only", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[OPEN_FILE] =
    g_signal_new ("open-file",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_FILE);
  signals[FILES_WRITTEN] =
    g_signal_new ("files-written",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/curator-library.ui");
  gtk_widget_class_bind_template_child (widget_class, CuratorLibrary, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CuratorLibrary, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CuratorLibrary, view_popover);
  gtk_widget_class_bind_template_child (widget_class, CuratorLibrary, tag_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CuratorLibrary, section_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CuratorLibrary, stack);
  gtk_widget_class_bind_template_child (widget_class, CuratorLibrary, list_view);
  gtk_widget_class_bind_template_child (widget_class, CuratorLibrary, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CuratorLibrary, error_page);
  gtk_widget_class_bind_template_child (widget_class, CuratorLibrary, spinner);
  gtk_widget_class_bind_template_child (widget_class, CuratorLibrary, status_label);
  gtk_widget_class_bind_template_child (widget_class, CuratorLibrary, bulk_edit_button);

  gtk_widget_class_install_action (widget_class, "library.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "library.next", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "library.previous", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "library.bulk-edit", NULL, bulk_edit_action);
  gtk_widget_class_install_action (widget_class, "library.undo-bulk-edit", NULL, undo_bulk_edit_action);
  gtk_widget_class_install_property_action (widget_class, "library.sort", "sort");
  gtk_widget_class_install_property_action (widget_class, "library.problems", "problems-only");
  gtk_widget_class_install_property_action (widget_class, "library.drafts", "drafts-only");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "library.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "library.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "library.previous", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "curatorlibrary");
}

static void
curator_library_init (CuratorLibrary *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkExpression) string = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->sorter = curator_library_sorter_new (CURATOR_FOLDER_SORT_SECTION);
  self->filter = curator_library_filter_new ();
  self->sorted = gtk_sort_list_model_new (NULL, g_object_ref (GTK_SORTER (self->sorter)));
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->sorted)),
                                              g_object_ref (GTK_FILTER (self->filter)));
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->selection, "selection-changed", G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filtered, "items-changed", G_CALLBACK (shown_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list_view, "activate", G_CALLBACK (activate_cb), self, G_CONNECT_SWAPPED);

  self->model_signals = g_signal_group_new (CURATOR_TYPE_FOLDER_MODEL);
  g_signal_group_connect_object (self->model_signals, "notify::loading", G_CALLBACK (model_state_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->model_signals, "notify::checking", G_CALLBACK (model_state_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->model_signals, "notify::error", G_CALLBACK (model_state_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->search_entry, "changed", G_CALLBACK (search_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "stop-search", G_CALLBACK (stop_search_cb), self, G_CONNECT_SWAPPED);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->list_view));

  gtk_drop_down_set_expression (self->tag_dropdown, string);
  gtk_drop_down_set_expression (self->section_dropdown, string);
  g_signal_connect_object (self->view_popover, "show", G_CALLBACK (popover_show_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tag_dropdown, "notify::selected", G_CALLBACK (tag_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->section_dropdown, "notify::selected", G_CALLBACK (section_selected_cb), self, G_CONNECT_SWAPPED);

  /* The property actions' states follow the filter and sorter. */
  g_signal_connect_object (self->sorter, "notify::sort", G_CALLBACK (sort_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter, "notify::problems", G_CALLBACK (filter_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter, "notify::drafts", G_CALLBACK (filter_changed_cb), self, G_CONNECT_SWAPPED);

  update_status (self);
}

GtkWidget *
curator_library_new (void)
{
  return g_object_new (CURATOR_TYPE_LIBRARY, NULL);
}

GFile *
curator_library_get_folder (CuratorLibrary *self)
{
  g_return_val_if_fail (CURATOR_IS_LIBRARY (self), NULL);

  return self->folder;
}

void
curator_library_set_folder (CuratorLibrary *self,
                            GFile          *folder)
{
  g_return_if_fail (CURATOR_IS_LIBRARY (self));
  g_return_if_fail (!folder || G_IS_FILE (folder));

  if (self->folder == folder || (self->folder != NULL && folder != NULL && g_file_equal (self->folder, folder)))
    return;

  g_set_object (&self->folder, folder);
  g_clear_object (&self->bulk_edit);
  g_signal_group_set_target (self->model_signals, NULL);
  g_clear_object (&self->model);
  if (folder != NULL)
    {
      self->model = curator_folder_model_new (folder);
      g_signal_group_set_target (self->model_signals, self->model);
    }
  gtk_sort_list_model_set_model (self->sorted, G_LIST_MODEL (self->model));
  curator_library_filter_set_section (self->filter, NULL);
  curator_library_filter_set_tag (self->filter, NULL);
  if (self->model != NULL)
    curator_folder_model_load (self->model);

  update_status (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDER]);
}

CuratorFolderModel *
curator_library_get_model (CuratorLibrary *self)
{
  g_return_val_if_fail (CURATOR_IS_LIBRARY (self), NULL);

  return self->model;
}

GListModel *
curator_library_get_shown (CuratorLibrary *self)
{
  g_return_val_if_fail (CURATOR_IS_LIBRARY (self), NULL);

  return G_LIST_MODEL (self->filtered);
}

GtkSelectionModel *
curator_library_get_selection (CuratorLibrary *self)
{
  g_return_val_if_fail (CURATOR_IS_LIBRARY (self), NULL);

  return GTK_SELECTION_MODEL (self->selection);
}

GFile *
curator_library_get_current_file (CuratorLibrary *self)
{
  g_return_val_if_fail (CURATOR_IS_LIBRARY (self), NULL);

  return self->current_file;
}

void
curator_library_set_current_file (CuratorLibrary *self,
                                  GFile          *file)
{
  g_return_if_fail (CURATOR_IS_LIBRARY (self));
  g_return_if_fail (!file || G_IS_FILE (file));

  g_set_object (&self->current_file, file);
  /* Also after a refused switch: the row goes back to the file shown. */
  sync_selection (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_FILE]);
}

void
curator_library_set_unsaved_file (CuratorLibrary *self,
                                  GFile          *file)
{
  g_return_if_fail (CURATOR_IS_LIBRARY (self));
  g_return_if_fail (!file || G_IS_FILE (file));

  g_set_object (&self->unsaved_file, file);
}

/* The section of the rows selected when they are all in one, else NULL. */
static const char *
selected_rows_section (CuratorLibrary *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  const char *section = NULL;
  GtkBitsetIter iter;
  guint position;

  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position); more;
       more = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(CuratorFolderItem) item = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);

      if (item == NULL)
        continue;
      if (section != NULL && strcmp (section, curator_folder_item_get_section (item)) != 0)
        return NULL;
      section = curator_folder_item_get_section (item);
    }
  return section;
}

GFile *
curator_library_dup_selected_section (CuratorLibrary *self)
{
  const char *section;

  g_return_val_if_fail (CURATOR_IS_LIBRARY (self), NULL);

  if (self->folder == NULL || self->model == NULL)
    return NULL;

  section = curator_library_filter_get_section (self->filter);
  if (section == NULL)
    section = selected_rows_section (self);
  if (section == NULL)
    return NULL;
  if (section[0] == '\0')
    return g_object_ref (self->folder);
  return g_file_resolve_relative_path (self->folder, section);
}

GtkFilter *
curator_library_get_filter (CuratorLibrary *self)
{
  g_return_val_if_fail (CURATOR_IS_LIBRARY (self), NULL);

  return GTK_FILTER (self->filter);
}

GtkWidget *
curator_library_get_search_entry (CuratorLibrary *self)
{
  g_return_val_if_fail (CURATOR_IS_LIBRARY (self), NULL);

  return GTK_WIDGET (self->search_entry);
}

GtkWidget *
curator_library_get_list_view (CuratorLibrary *self)
{
  g_return_val_if_fail (CURATOR_IS_LIBRARY (self), NULL);

  return GTK_WIDGET (self->list_view);
}

gboolean
curator_library_move (CuratorLibrary *self,
                      int             step)
{
  guint n, position, target;

  g_return_val_if_fail (CURATOR_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (step == 1 || step == -1, FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  if (n == 0)
    return FALSE;

  position = shown_position (self, current_item (self));
  if (position == GTK_INVALID_LIST_POSITION)
    target = step > 0 ? 0 : n - 1;
  else if ((step < 0 && position == 0) || (step > 0 && position + 1 >= n))
    return FALSE;
  else
    target = position + step;

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), target, TRUE);
  scroll_to (self, target);
  return TRUE;
}
