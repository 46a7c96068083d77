/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-application"

#include "config.h"

#include "curator-application.h"

#include "curator-accessible.h"
#include "curator-window.h"

#include <glib/gi18n.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

struct _CuratorApplication
{
  AdwApplication  parent_instance;

  GSettings         *settings;
  CuratorDraftStore *draft_store;
  /* The drafts left by the last run were opened. */
  gboolean           drafts_restored;
};

G_DEFINE_FINAL_TYPE (CuratorApplication, curator_application, ADW_TYPE_APPLICATION)

static void
curator_application_dispose (GObject *object)
{
  CuratorApplication *self = (CuratorApplication *)object;

  g_clear_object (&self->settings);
  g_clear_object (&self->draft_store);

  G_OBJECT_CLASS (curator_application_parent_class)->dispose (object);
}

static CuratorWindow *
curator_application_new_window (CuratorApplication *self)
{
  CuratorWindow *window = curator_window_new (GTK_APPLICATION (self));

  gtk_window_present (GTK_WINDOW (window));

  return window;
}

static gboolean
file_in (GFile  *file,
         GFile **files,
         int     n_files)
{
  for (int i = 0; i < n_files; i++)
    if (g_file_equal (file, files[i]))
      return TRUE;
  return FALSE;
}

/* The first time the application shows windows, a window for each file
 * with the unsaved edits a crash, a kill or a power cut left (their
 * windows lay the drafts over the files), but @except. */
static guint
restore_drafts (CuratorApplication  *self,
                GFile              **except,
                int                  n_except)
{
  g_autoptr(GPtrArray) drafts = NULL;
  guint n_restored = 0;

  if (self->drafts_restored)
    return 0;
  self->drafts_restored = TRUE;

  drafts = curator_draft_store_list (self->draft_store);
  for (guint i = 0; i < drafts->len; i++)
    {
      GFile *file = curator_draft_get_file (g_ptr_array_index (drafts, i));

      if (file == NULL || file_in (file, except, n_except))
        continue;
      curator_application_open_file (self, file);
      n_restored++;
    }
  return n_restored;
}

static void
curator_application_activate (GApplication *application)
{
  CuratorApplication *self = (CuratorApplication *)application;
  g_autoptr(GFile) sample = NULL;
  CuratorWindow *window;

  if (restore_drafts (self, NULL, 0) > 0)
    return;

  /* The folder and file of the last session, else the bundled sample. */
  window = curator_application_new_window (self);
  if (curator_window_restore_folder (window))
    return;
  sample = g_file_new_for_uri (CURATOR_SAMPLE_URI);
  curator_window_open (window, sample);
}

static void
curator_application_open (GApplication  *application,
                          GFile        **files,
                          int            n_files,
                          const char    *hint)
{
  CuratorApplication *self = (CuratorApplication *)application;

  restore_drafts (self, files, n_files);
  for (int i = 0; i < n_files; i++)
    curator_application_open_file (self, files[i]);
}

/* Without a GPU renderer (GSK's cairo renderer: no GL, a remote or
 * virtual display), GTK 4.8 paints each frame into a new image of the
 * damaged area, 3-4 MB for a keystroke's frame beside the preview, and
 * frees it after the frame. glibc gave much of that memory back to the
 * system between frames, so every frame faulted it in again, zeroed:
 * about 480 page faults per keystroke, 1-2 ms of its frame (bench/
 * preview-bench.sh). Blocks under 32 MB now come from the heap, and its
 * free top is given back once it passes 64 MB. */
void
curator_application_tune_memory (void)
{
#ifdef __GLIBC__
  if (!mallopt (M_MMAP_THRESHOLD, 32 * 1024 * 1024) ||
      !mallopt (M_TRIM_THRESHOLD, 64 * 1024 * 1024))
    g_debug ("The allocator kept its own thresholds");
#endif
}

static void
curator_application_startup (GApplication *application)
{
  CuratorApplication *self = (CuratorApplication *)application;
  static const char *new_window_accels[] = { "<Control><Shift>n", NULL };
  static const char *quit_accels[] = { "<Control>q", NULL };
  GSettingsSchemaSource *source;
  g_autoptr(GSettingsSchema) schema = NULL;

  G_APPLICATION_CLASS (curator_application_parent_class)->startup (application);

  curator_application_tune_memory ();
  curator_accessible_init ();

  /* Follow the system's dark style preference. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);

  /* Run from the build tree the schema may not be installed: GSettings
   * would abort, so look it up first and keep defaults without it. */
  source = g_settings_schema_source_get_default ();
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, "io.github.curator_editor.Curator", TRUE);
  if (schema != NULL)
    self->settings = g_settings_new_full (schema, NULL, NULL);

  self->draft_store = curator_draft_store_new (NULL);

  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.new-window", new_window_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
}

static void
new_window_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  curator_application_new_window (CURATOR_APPLICATION (user_data));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (app));

  /* Each window asks about its own unsaved changes; the application
   * quits when the last one has closed. */
  for (const GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "The Curator developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-name", _("Curator"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "comments", _("Edit the front matter and body of Hugo content files"),
                        "developer-name", _("The Curator developers"),
                        "developers", developers,
                        "website", "https://github.com/curator-editor/curator",
                        "issue-url", "https://github.com/curator-editor/curator/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "new-window", new_window_action },
  { "quit", quit_action },
  { "about", about_action },
};

static void
curator_application_class_init (CuratorApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = curator_application_dispose;

  app_class->activate = curator_application_activate;
  app_class->open = curator_application_open;
  app_class->startup = curator_application_startup;
}

static void
curator_application_init (CuratorApplication *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions,
                                   G_N_ELEMENTS (app_actions),
                                   self);
}

CuratorApplication *
curator_application_new (void)
{
  return g_object_new (CURATOR_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       /* The same resources for the stable and .Devel ids:
                        * help overlay and style sheet are found here. */
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

GSettings *
curator_application_get_settings (CuratorApplication *self)
{
  g_return_val_if_fail (CURATOR_IS_APPLICATION (self), NULL);

  return self->settings;
}

void
curator_application_open_file (CuratorApplication *self,
                               GFile              *file)
{
  CuratorWindow *window;

  g_return_if_fail (CURATOR_IS_APPLICATION (self));
  g_return_if_fail (G_IS_FILE (file));

  window = curator_application_new_window (self);
  curator_window_open_location (window, file);
}

CuratorDraftStore *
curator_application_get_draft_store (CuratorApplication *self)
{
  g_return_val_if_fail (CURATOR_IS_APPLICATION (self), NULL);

  return self->draft_store;
}
