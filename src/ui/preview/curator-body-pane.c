/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-body-pane"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "curator-body-pane.h"
#include "curator-preview-filter.h"
#include "curator-render.h"

/* "Load Remote Images" is a choice per document, kept on the document
 * for as long as it is open (never saved). */
#define REMOTE_IMAGES_KEY "curator-preview-remote-images"

struct _CuratorBodyPane
{
  GtkWidget          parent_instance;

  CuratorDocument   *document;
  GSignalGroup      *document_signals;

  GtkWidget         *toolbar;
  GtkWidget         *view_switch;
  GtkToggleButton   *source_button;
  GtkToggleButton   *preview_button;
  GtkToggleButton   *remote_images_button;
  AdwLeaflet        *leaflet;
  CuratorBodyEditor *editor;
  GtkWidget         *separator;
  GtkWidget         *preview_box;
  GtkInfoBar        *remote_images_bar;
  GtkWidget         *block_button;
  GtkInfoBar        *raw_html_bar;
  GtkLabel          *raw_html_label;
  AdwBin            *editor_bin;
  CuratorPreview    *preview;

  /* The body as the site publishes it, under the site's rules. */
  CuratorBodyRenderer *renderer;
  CuratorSiteConfig *site;
  GCancellable      *site_cancellable;
  /* The folders of the site's configuration, watched. */
  GPtrArray         *site_monitors;

  guint              layout_source;
  guint              show_preview : 1;
  /* The document changed while the preview was hidden. */
  guint              preview_stale : 1;
  /* The site's rules are being read: the body waits for them. */
  guint              site_pending : 1;
};

G_DEFINE_FINAL_TYPE (CuratorBodyPane, curator_body_pane, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_SHOW_PREVIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_card (CuratorBodyPane *self)
{
  g_autoptr(CuratorPreviewCard) card = NULL;

  /* A hidden preview is brought up to date when it is shown again. */
  if (!self->show_preview)
    {
      self->preview_stale = TRUE;
      return;
    }

  if (self->document != NULL)
    card = curator_preview_card_new_for_document (self->document);
  curator_preview_set_card (self->preview, card);
}

/* Tells the curator when the site will leave the body's raw HTML out
 * (the preview shows it left out, as comments). */
static void
update_raw_html_notice (CuratorBodyPane *self)
{
  gboolean omitted = self->site != NULL &&
                     curator_body_renderer_get_format (self->renderer) == CURATOR_BODY_FORMAT_MARKDOWN &&
                     !curator_body_renderer_get_raw_html (self->renderer) &&
                     curator_body_renderer_get_n_raw_html (self->renderer) > 0;

  if (omitted)
    {
      GFile *config = curator_site_config_get_file (self->site);
      g_autofree char *name = config ? g_file_get_basename (config) : NULL;
      g_autofree char *text = NULL;

      if (name != NULL)
        /* Translators: %s is a Hugo configuration file, like hugo.toml */
        text = g_strdup_printf (_("The site does not publish raw HTML in Markdown (%s): "
                                  "Hugo will leave this body’s HTML out, as the preview shows."), name);
      else
        text = g_strdup (_("The site does not publish raw HTML in Markdown (Hugo’s default): "
                           "Hugo will leave this body’s HTML out, as the preview shows."));
      gtk_label_set_label (self->raw_html_label, text);
    }
  gtk_info_bar_set_revealed (self->raw_html_bar, omitted);
}

static void
update_body (CuratorBodyPane *self)
{
  g_autofree char *body = NULL;
  g_autofree char *html = NULL;

  if (!self->show_preview || self->site_pending)
    {
      self->preview_stale = TRUE;
      return;
    }

  if (self->document != NULL)
    {
      body = curator_document_dup_body (self->document);
      html = curator_body_renderer_render (self->renderer, body, -1);
    }
  curator_preview_set_body (self->preview, html);
  update_raw_html_notice (self);
}

static void load_site (CuratorBodyPane *self,
                       GFile           *file);

/* A change to the site's configuration (its root file, or a file of
 * config/_default or config/production): read its rules again. */
static void
site_folder_changed_cb (CuratorBodyPane   *self,
                        GFile             *child,
                        GFile             *other,
                        GFileMonitorEvent  event,
                        GFileMonitor      *monitor)
{
  GFile *file = self->document ? curator_document_get_file (self->document) : NULL;
  g_autofree char *name = g_file_get_basename (child);
  GFile *root = self->site ? curator_site_config_get_root (self->site) : NULL;
  g_autoptr(GFile) parent = g_file_get_parent (child);

  /* A file being written says when it is done. */
  if (event == G_FILE_MONITOR_EVENT_CHANGED || event == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED ||
      file == NULL)
    return;
  /* At the root, only the configuration's names count (not content/). */
  if (root != NULL && parent != NULL && g_file_equal (parent, root) &&
      !g_str_has_prefix (name, "hugo.") && !g_str_has_prefix (name, "config."))
    return;

  g_debug ("The site's configuration changed (%s): reading its rules again", name);
  load_site (self, file);
}

static void
add_site_monitor (CuratorBodyPane *self,
                  GFile           *folder)
{
  g_autoptr(GError) error = NULL;
  GFileMonitor *monitor = g_file_monitor_directory (folder, G_FILE_MONITOR_NONE, NULL, &error);

  if (monitor == NULL)
    {
      g_debug ("Cannot watch the site's configuration: %s", error->message);
      return;
    }
  g_signal_connect_object (monitor, "changed", G_CALLBACK (site_folder_changed_cb), self, G_CONNECT_SWAPPED);
  g_ptr_array_add (self->site_monitors, monitor);
}

static void
clear_site_monitors (CuratorBodyPane *self)
{
  for (guint i = 0; i < self->site_monitors->len; i++)
    g_file_monitor_cancel (self->site_monitors->pdata[i]);
  g_ptr_array_set_size (self->site_monitors, 0);
}

/* Watches where the site's rules come from: the root's configuration
 * file (written anew or replaced), config/_default and
 * config/production. A file in no site is not watched. */
static void
watch_site (CuratorBodyPane *self)
{
  static const char * const folders[] = { "config/_default", "config/production" };
  GFile *root = self->site ? curator_site_config_get_root (self->site) : NULL;

  clear_site_monitors (self);
  if (root == NULL)
    return;

  add_site_monitor (self, root);
  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      g_autoptr(GFile) folder = g_file_resolve_relative_path (root, folders[i]);

      if (g_file_query_file_type (folder, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
        add_site_monitor (self, folder);
    }
}

static void
site_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  CuratorBodyPane *self = user_data;
  g_autoptr(CuratorSiteConfig) site = NULL;
  g_autoptr(GError) error = NULL;

  /* Cancelled when the pane goes (dispose), which the task reports
   * whatever the thread found: @self is only used when it is alive. */
  site = curator_site_config_load_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* A configuration Hugo could not read either: its rule is unknown. */
  if (site == NULL)
    g_debug ("The site's rules are unknown: %s", error->message);

  g_set_object (&self->site, site);
  curator_body_renderer_set_raw_html (self->renderer, site == NULL || curator_site_config_get_raw_html (site));
  self->site_pending = FALSE;
  /* An unreadable configuration (being written?) is still watched. */
  if (site != NULL)
    watch_site (self);
  update_body (self);
}

/* Reads the rules of @file's site in the background; the preview keeps
 * what it shows until they come. */
static void
load_site (CuratorBodyPane *self,
           GFile           *file)
{
  g_cancellable_cancel (self->site_cancellable);
  g_clear_object (&self->site_cancellable);
  self->site_cancellable = g_cancellable_new ();
  /* No reference: the pane (and its document) must go with its window
   * while a slow file system is still being read. */
  curator_site_config_load_async (file, self->site_cancellable, site_loaded_cb, self);
}

/* What the body is written in follows the file's name; the rules of a
 * Markdown body, its site's configuration. */
static void
update_site (CuratorBodyPane *self)
{
  GFile *file = self->document ? curator_document_get_file (self->document) : NULL;
  g_autofree char *path = file ? g_file_get_path (file) : NULL;
  CuratorBodyFormat format = curator_body_format_for_path (path);

  g_cancellable_cancel (self->site_cancellable);
  g_clear_object (&self->site_cancellable);
  g_clear_object (&self->site);
  clear_site_monitors (self);
  self->site_pending = FALSE;
  curator_body_renderer_set_format (self->renderer, format);
  curator_body_renderer_set_raw_html (self->renderer, TRUE);

  if (format == CURATOR_BODY_FORMAT_MARKDOWN && file != NULL)
    {
      self->site_pending = TRUE;
      load_site (self, file);
    }
}

static void
file_changed_cb (CuratorBodyPane *self)
{
  update_site (self);
  update_card (self);
  update_body (self);
}

static void
document_changed_cb (CuratorBodyPane *self,
                     const char      *key_path,
                     CuratorDocument *document)
{
  gboolean whole = key_path == NULL || *key_path == '\0';

  gboolean body = !whole && g_str_equal (key_path, CURATOR_DOCUMENT_BODY_PATH);

  if (whole || body)
    update_body (self);
  if (!body)
    update_card (self);
  /* A keystroke in the body goes to the page at once: the page renders
   * while GTK handles the rest of the key (about 1.5 ms on a 200 KB
   * body). A field changed in the same turn of the main loop goes in
   * the update after. */
  if (body)
    curator_preview_flush (self->preview);
}

static void
update_layout (CuratorBodyPane *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);
  const char *visible = adw_leaflet_get_visible_child_name (self->leaflet);
  gboolean preview_shown = self->show_preview && (!folded || g_strcmp0 (visible, "preview") == 0);

  gtk_widget_set_visible (self->preview_box, self->show_preview);
  gtk_widget_set_visible (self->separator, self->show_preview);
  gtk_widget_set_visible (self->view_switch, self->show_preview && folded);
  gtk_widget_set_visible (GTK_WIDGET (self->remote_images_button), preview_shown);
  gtk_widget_set_visible (self->toolbar, self->show_preview);

  if (!self->show_preview && g_strcmp0 (visible, "source") != 0)
    adw_leaflet_set_visible_child_name (self->leaflet, "source");

  gtk_toggle_button_set_active (g_strcmp0 (visible, "preview") == 0 ? self->preview_button
                                                                    : self->source_button,
                                TRUE);
}

static gboolean
update_layout_cb (gpointer user_data)
{
  CuratorBodyPane *self = user_data;

  self->layout_source = 0;
  update_layout (self);

  return G_SOURCE_REMOVE;
}

static void
layout_changed_cb (CuratorBodyPane *self)
{
  /* The leaflet folds while it is being allocated: change what is
   * shown after that, not in the middle of it. */
  if (self->layout_source == 0)
    self->layout_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_layout_cb, self, NULL);
}

static void
view_switch_toggled_cb (CuratorBodyPane *self,
                        GtkToggleButton *button)
{
  if (!gtk_toggle_button_get_active (button))
    return;

  adw_leaflet_set_visible_child_name (self->leaflet,
                                      button == self->preview_button ? "preview" : "source");
}

static void
remote_images_toggled_cb (CuratorBodyPane *self)
{
  gboolean remote_images = gtk_toggle_button_get_active (self->remote_images_button);

  curator_preview_set_remote_images (self->preview, remote_images);
  gtk_info_bar_set_revealed (self->remote_images_bar, remote_images);
  if (remote_images)
    gtk_widget_add_css_class (GTK_WIDGET (self->remote_images_button), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->remote_images_button), "warning");

  if (self->document != NULL)
    g_object_set_data (G_OBJECT (self->document), REMOTE_IMAGES_KEY, GINT_TO_POINTER (remote_images));
}

static void
block_remote_images_cb (CuratorBodyPane *self)
{
  gtk_toggle_button_set_active (self->remote_images_button, FALSE);
}

static int
minimum_width (gpointer widget)
{
  int width = 0;

  if (gtk_widget_get_visible (widget))
    gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &width, NULL, NULL, NULL);
  return width;
}

/* The source and the preview would take as much width as their longest
 * line: ask for no more than they need side by side, so that the window
 * gives this pane that much first, then shares the rest between the form
 * and this pane (both expand). */
static void
curator_body_pane_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  *minimum = *natural = 0;
  *minimum_baseline = *natural_baseline = -1;
  if (child == NULL)
    return;

  gtk_widget_measure (child, orientation, for_size, minimum, natural, NULL, NULL);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      CuratorBodyPane *self = CURATOR_BODY_PANE (widget);

      *natural = MAX (*minimum, minimum_width (self->editor_bin) + minimum_width (self->separator) +
                                minimum_width (self->preview_box));
    }
}

static void
curator_body_pane_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  if (child != NULL)
    gtk_widget_allocate (child, width, height, baseline, NULL);
}

static void
curator_body_pane_dispose (GObject *object)
{
  CuratorBodyPane *self = (CuratorBodyPane *)object;
  GtkWidget *child;

  g_clear_handle_id (&self->layout_source, g_source_remove);
  g_cancellable_cancel (self->site_cancellable);
  g_clear_object (&self->site_cancellable);
  g_clear_object (&self->site);
  if (self->site_monitors != NULL)
    clear_site_monitors (self);
  g_clear_pointer (&self->site_monitors, g_ptr_array_unref);
  g_clear_object (&self->renderer);
  g_signal_group_set_target (self->document_signals, NULL);
  g_clear_object (&self->document_signals);
  g_clear_object (&self->document);
  gtk_widget_dispose_template (GTK_WIDGET (self), CURATOR_TYPE_BODY_PANE);
  /* The template's unnamed top box. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (curator_body_pane_parent_class)->dispose (object);
}

static void
curator_body_pane_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CuratorBodyPane *self = CURATOR_BODY_PANE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_SHOW_PREVIEW:
      g_value_set_boolean (value, self->show_preview);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
curator_body_pane_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CuratorBodyPane *self = CURATOR_BODY_PANE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      curator_body_pane_set_document (self, g_value_get_object (value));
      break;

    case PROP_SHOW_PREVIEW:
      curator_body_pane_set_show_preview (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
curator_body_pane_class_init (CuratorBodyPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = curator_body_pane_dispose;
  object_class->get_property = curator_body_pane_get_property;
  object_class->set_property = curator_body_pane_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         CURATOR_TYPE_DOCUMENT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SHOW_PREVIEW] =
    g_param_spec_boolean ("show-preview", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/curator-body-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, CuratorBodyPane, toolbar);
  gtk_widget_class_bind_template_child (widget_class, CuratorBodyPane, view_switch);
  gtk_widget_class_bind_template_child (widget_class, CuratorBodyPane, source_button);
  gtk_widget_class_bind_template_child (widget_class, CuratorBodyPane, preview_button);
  gtk_widget_class_bind_template_child (widget_class, CuratorBodyPane, remote_images_button);
  gtk_widget_class_bind_template_child (widget_class, CuratorBodyPane, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CuratorBodyPane, editor_bin);
  gtk_widget_class_bind_template_child (widget_class, CuratorBodyPane, separator);
  gtk_widget_class_bind_template_child (widget_class, CuratorBodyPane, preview_box);
  gtk_widget_class_bind_template_child (widget_class, CuratorBodyPane, remote_images_bar);
  gtk_widget_class_bind_template_child (widget_class, CuratorBodyPane, block_button);
  gtk_widget_class_bind_template_child (widget_class, CuratorBodyPane, raw_html_bar);
  gtk_widget_class_bind_template_child (widget_class, CuratorBodyPane, raw_html_label);

  widget_class->measure = curator_body_pane_measure;
  widget_class->size_allocate = curator_body_pane_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "curatorbodypane");
}

static void
curator_body_pane_init (CuratorBodyPane *self)
{
  self->show_preview = TRUE;
  self->renderer = curator_body_renderer_new (CURATOR_BODY_FORMAT_HTML, TRUE);
  self->site_monitors = g_ptr_array_new_with_free_func (g_object_unref);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Our own widgets and the signals are set up here, not in the .ui: the
   * .ui files hold GTK and libadwaita types only, so that
   * gtk4-builder-tool validates them. */
  self->editor = CURATOR_BODY_EDITOR (curator_body_editor_new ());
  adw_bin_set_child (self->editor_bin, GTK_WIDGET (self->editor));
  self->preview = CURATOR_PREVIEW (curator_preview_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->preview), TRUE);
  gtk_box_append (GTK_BOX (self->preview_box), GTK_WIDGET (self->preview));

  g_signal_connect_object (self->leaflet, "notify::folded",
                           G_CALLBACK (layout_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->leaflet, "notify::visible-child-name",
                           G_CALLBACK (layout_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->source_button, "toggled",
                           G_CALLBACK (view_switch_toggled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->preview_button, "toggled",
                           G_CALLBACK (view_switch_toggled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->remote_images_button, "notify::active",
                           G_CALLBACK (remote_images_toggled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->block_button, "clicked",
                           G_CALLBACK (block_remote_images_cb), self, G_CONNECT_SWAPPED);

  self->document_signals = g_signal_group_new (CURATOR_TYPE_DOCUMENT);
  g_signal_group_connect_object (self->document_signals, "changed",
                                 G_CALLBACK (document_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "notify::file",
                                 G_CALLBACK (file_changed_cb), self, G_CONNECT_SWAPPED);

  /* The content filters compile once, in the background (a first run
   * costs ~200 ms), by the time the first document is shown. */
  curator_preview_filter_prepare (curator_preview_filter_get_default ());

  update_layout (self);
}

GtkWidget *
curator_body_pane_new (void)
{
  return g_object_new (CURATOR_TYPE_BODY_PANE, NULL);
}

/**
 * curator_body_pane_get_document:
 *
 * Returns: (transfer none) (nullable): the document
 */
CuratorDocument *
curator_body_pane_get_document (CuratorBodyPane *self)
{
  g_return_val_if_fail (CURATOR_IS_BODY_PANE (self), NULL);

  return self->document;
}

void
curator_body_pane_set_document (CuratorBodyPane *self,
                                CuratorDocument *document)
{
  gboolean remote_images = FALSE;

  g_return_if_fail (CURATOR_IS_BODY_PANE (self));
  g_return_if_fail (!document || CURATOR_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  g_set_object (&self->document, document);
  g_signal_group_set_target (self->document_signals, document);
  curator_body_editor_set_document (self->editor, document);

  if (document != NULL)
    remote_images = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (document), REMOTE_IMAGES_KEY));
  /* Set the preview's policy first: this document's body is never shown
   * under the previous document's choice. */
  curator_preview_set_remote_images (self->preview, remote_images);
  gtk_toggle_button_set_active (self->remote_images_button, remote_images);

  update_site (self);
  update_card (self);
  update_body (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

gboolean
curator_body_pane_get_show_preview (CuratorBodyPane *self)
{
  g_return_val_if_fail (CURATOR_IS_BODY_PANE (self), FALSE);

  return self->show_preview;
}

void
curator_body_pane_set_show_preview (CuratorBodyPane *self,
                                    gboolean         show_preview)
{
  g_return_if_fail (CURATOR_IS_BODY_PANE (self));

  show_preview = !!show_preview;
  if (self->show_preview == show_preview)
    return;

  self->show_preview = show_preview;
  if (show_preview && self->preview_stale)
    {
      self->preview_stale = FALSE;
      update_card (self);
      update_body (self);
    }
  update_layout (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_PREVIEW]);
}

/**
 * curator_body_pane_get_editor:
 *
 * Returns: (transfer none): the body editor
 */
CuratorBodyEditor *
curator_body_pane_get_editor (CuratorBodyPane *self)
{
  g_return_val_if_fail (CURATOR_IS_BODY_PANE (self), NULL);

  return self->editor;
}

/**
 * curator_body_pane_get_preview:
 *
 * Returns: (transfer none): the preview
 */
CuratorPreview *
curator_body_pane_get_preview (CuratorBodyPane *self)
{
  g_return_val_if_fail (CURATOR_IS_BODY_PANE (self), NULL);

  return self->preview;
}
