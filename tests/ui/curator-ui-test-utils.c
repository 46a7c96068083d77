/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-ui-test"

#include "config.h"

#include "curator-ui-test-utils.h"

#include "curator-form.h"
#include "curator-test-utils.h"

#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>
#include <X11/XKBlib.h>
#include <X11/extensions/XTest.h>
#include <string.h>

static char *data_home;

void
curator_ui_test_init (int    *argc,
                      char ***argv)
{
  g_autoptr(GtkCssProvider) provider = NULL;

  /* Software rendering is faster here; the test accessibility backend
   * keeps the properties the tests read. */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  /* Recent files go to a private directory, not the user's. */
  data_home = g_dir_make_tmp ("curator-ui-data-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_set_application_name ("Curator");
  g_setenv ("GTK_A11Y", "test", FALSE);
  gtk_test_init (argc, argv, NULL);
  curator_test_log_init ();
  /* A web process ending on WebKit's a11y bus warning (docs/preview.md). */
  curator_test_tolerate_web_process_ends (1);
  adw_init ();

  /* The application's style sheet, as AdwApplication loads it for the
   * app (the tests' windows have no application). */
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, RESOURCE_PREFIX "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

void
curator_ui_test_cleanup (void)
{
  if (data_home == NULL)
    return;
  curator_test_remove_tree (data_home);
  g_clear_pointer (&data_home, g_free);
}

gboolean
curator_ui_window_loaded (gpointer window)
{
  return !curator_window_get_loading (window) && curator_window_get_document (window) != NULL &&
         !curator_form_get_building (CURATOR_FORM (curator_window_get_form (window)));
}

gboolean
curator_ui_document_saved (gpointer window)
{
  return !curator_document_get_modified (curator_window_get_document (window));
}

void
curator_ui_fixture_open (CuratorUiFixture *fixture,
                         const char       *data_name,
                         const char       *contents)
{
  curator_ui_fixture_open_in_app (fixture, NULL, data_name, contents);
}

void
curator_ui_fixture_open_in_app (CuratorUiFixture *fixture,
                                GtkApplication   *application,
                                const char       *data_name,
                                const char       *contents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *bytes = NULL;
  gsize length;

  fixture->dir = g_dir_make_tmp ("curator-ui-XXXXXX", &error);
  g_assert_no_error (error);

  if (contents != NULL)
    {
      bytes = g_strdup (contents);
      length = strlen (contents);
    }
  else
    {
      g_autofree char *source = g_test_build_filename (G_TEST_DIST, "ui", "data", data_name, NULL);

      g_file_get_contents (source, &bytes, &length, &error);
      g_assert_no_error (error);
    }

  path = g_build_filename (fixture->dir, data_name, NULL);
  g_file_set_contents (path, bytes, length, &error);
  g_assert_no_error (error);
  fixture->file = g_file_new_for_path (path);
  fixture->original = g_bytes_new_take (g_steal_pointer (&bytes), length);

  fixture->window = curator_window_new (application);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 700);
  gtk_window_present (GTK_WINDOW (fixture->window));
  curator_window_open (fixture->window, fixture->file);
  curator_test_wait_for (curator_ui_window_loaded, fixture->window, "the document to load");
}

static gboolean
objects_finalized (gpointer data)
{
  GObject **objects = data;

  return objects[0] == NULL && objects[1] == NULL;
}

void
curator_ui_fixture_close (CuratorUiFixture *fixture)
{
  GObject *objects[2] = { G_OBJECT (fixture->window), G_OBJECT (curator_window_get_document (fixture->window)) };

  /* The document goes with the window: nothing keeps either alive (a save
   * still running holds both until it ends). */
  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    if (objects[i] != NULL)
      g_object_add_weak_pointer (objects[i], (gpointer *)&objects[i]);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  curator_test_wait_for (objects_finalized, objects, "the window and its document to be finalized");
  fixture->window = NULL;

  curator_test_remove_tree (fixture->dir);
  g_clear_object (&fixture->file);
  g_clear_pointer (&fixture->original, g_bytes_unref);
  g_clear_pointer (&fixture->dir, g_free);
}

GBytes *
curator_ui_fixture_read_file (CuratorUiFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = g_file_load_bytes (fixture->file, NULL, NULL, &error);

  g_assert_no_error (error);
  return bytes;
}

GtkWidget *
curator_ui_find_by_label (GtkWidget  *root,
                          const char *label)
{
  /* Labels name themselves; we look for the inputs they name: a label
   * with a mnemonic names its widget (as a screen reader hears it). */
  if (GTK_IS_LABEL (root) && gtk_label_get_mnemonic_widget (GTK_LABEL (root)) != NULL &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), label) == 0)
    return gtk_label_get_mnemonic_widget (GTK_LABEL (root));
  if (!GTK_IS_LABEL (root) &&
      gtk_test_accessible_has_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL))
    {
      g_autofree char *message = gtk_test_accessible_check_property (GTK_ACCESSIBLE (root),
                                                                     GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                                     label);
      if (message == NULL)
        return root;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = curator_ui_find_by_label (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
curator_ui_require_input (GtkWidget  *root,
                          const char *label)
{
  GtkWidget *input = curator_ui_find_by_label (root, label);

  if (input == NULL)
    g_error ("No input is named “%s”", label);

  return input;
}

GtkWidget *
curator_ui_find_type (GtkWidget *root,
                      GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = curator_ui_find_type (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
curator_ui_find_label (GtkWidget  *root,
                       const char *text,
                       gboolean    whole)
{
  if (GTK_IS_LABEL (root))
    {
      const char *shown = gtk_label_get_text (GTK_LABEL (root));

      if (whole ? g_strcmp0 (shown, text) == 0 : strstr (shown, text) != NULL)
        return root;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = curator_ui_find_label (child, text, whole);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
curator_ui_find_button (GtkWidget  *root,
                        const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = curator_ui_find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWindow *
curator_ui_find_dialog (GtkWindow *parent,
                        GType      type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) &&
          gtk_window_get_transient_for (toplevel) == parent &&
          gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return toplevel;
    }

  return NULL;
}

GtkWidget *
curator_ui_get_focus (GtkWindow *window)
{
  return gtk_root_get_focus (GTK_ROOT (window));
}

gboolean
curator_ui_has_focus_within (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* Real keys ----------------------------------------------------------- */

static Display *
get_xdisplay (void)
{
  GdkDisplay *display = gdk_display_get_default ();

  if (display == NULL || !GDK_IS_X11_DISPLAY (display))
    return NULL;

  return gdk_x11_display_get_xdisplay (display);
}

gboolean
curator_ui_keyboard_available (void)
{
  Display *xdisplay = get_xdisplay ();
  int event, error, major, minor;

  if (xdisplay == NULL || !XTestQueryExtension (xdisplay, &event, &error, &major, &minor))
    {
      curator_test_skip_missing ("x11", "real keystrokes are typed through the X server's XTEST extension");
      return FALSE;
    }

  return TRUE;
}

void
curator_ui_flush_events (void)
{
  /* Bounded: a source that is always ready must not hang the test. */
  for (guint i = 0; i < 10000 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

typedef struct
{
  Display   *xdisplay;
  GtkWindow *window;
} FocusRequest;

/* Asks the X server to give @window the keyboard focus: TRUE once it has
 * it (a window the server has not mapped yet cannot take it). */
static gboolean
x_focus_taken (gpointer data)
{
  FocusRequest *request = data;
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (request->window));
  GdkSurface *surface;
  Window xid, focus;
  int revert;

  if (!gtk_widget_get_mapped (GTK_WIDGET (request->window)))
    return FALSE;

  surface = gtk_native_get_surface (GTK_NATIVE (request->window));
  xid = gdk_x11_surface_get_xid (surface);
  gdk_x11_display_error_trap_push (display);
  XSetInputFocus (request->xdisplay, xid, RevertToParent, CurrentTime);
  XSync (request->xdisplay, False);
  gdk_x11_display_error_trap_pop_ignored (display);
  XGetInputFocus (request->xdisplay, &focus, &revert);

  return focus == xid;
}

/* The X server sends keys to the window that has its input focus (there
 * is no window manager to give it). */
static void
focus_window (Display   *xdisplay,
              GtkWindow *window)
{
  FocusRequest request = { xdisplay, window };

  curator_test_wait_for (x_focus_taken, &request, "the window to take the keyboard focus");
  /* After a popup (a menu) closed, GDK goes on sending keys to it until
   * it sees another event from the server: a pointer move is one. */
  XTestFakeRelativeMotionEvent (xdisplay, 1, 1, CurrentTime);
  XTestFakeRelativeMotionEvent (xdisplay, -1, -1, CurrentTime);
  XSync (xdisplay, False);
  curator_ui_flush_events ();
}

/* The key that makes @keyval, and whether it needs Shift. */
static KeyCode
lookup_key (Display  *xdisplay,
            guint     keyval,
            gboolean *shift)
{
  KeyCode code = XKeysymToKeycode (xdisplay, keyval);

  if (code == 0)
    g_error ("No key types %s", gdk_keyval_name (keyval));

  *shift = XkbKeycodeToKeysym (xdisplay, code, 0, 0) != keyval &&
           XkbKeycodeToKeysym (xdisplay, code, 0, 1) == keyval;
  return code;
}

static void
send_key (Display         *xdisplay,
          guint            keyval,
          GdkModifierType  mods)
{
  static const struct {
    GdkModifierType mask;
    KeySym          keysym;
  } modifiers[] = {
    { GDK_CONTROL_MASK, XK_Control_L },
    { GDK_SHIFT_MASK, XK_Shift_L },
    { GDK_ALT_MASK, XK_Alt_L },
  };
  gboolean shift;
  KeyCode code = lookup_key (xdisplay, keyval, &shift);

  if (shift)
    mods |= GDK_SHIFT_MASK;

  for (guint i = 0; i < G_N_ELEMENTS (modifiers); i++)
    if (mods & modifiers[i].mask)
      XTestFakeKeyEvent (xdisplay, XKeysymToKeycode (xdisplay, modifiers[i].keysym), True, CurrentTime);
  XTestFakeKeyEvent (xdisplay, code, True, CurrentTime);
  XTestFakeKeyEvent (xdisplay, code, False, CurrentTime);
  for (guint i = G_N_ELEMENTS (modifiers); i > 0; i--)
    if (mods & modifiers[i - 1].mask)
      XTestFakeKeyEvent (xdisplay, XKeysymToKeycode (xdisplay, modifiers[i - 1].keysym), False, CurrentTime);
}

typedef struct
{
  GtkWidget *window;  /* weak */
  guint      frames;
} FrameWait;

static gboolean
count_frame_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       data)
{
  FrameWait *wait = data;

  wait->frames++;
  return wait->frames < 2 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static gboolean
events_handled (gpointer data)
{
  FrameWait *wait = data;

  /* A window the keys closed has no frames to wait for. */
  return wait->frames >= 2 || wait->window == NULL || !gtk_widget_get_mapped (wait->window);
}

/* The events reach this process before XSync() returns; GTK hands them to
 * the widgets at the start of the window's next frame: wait for two
 * frames (the first may have started before they came). */
static void
handle_sent_events (Display   *xdisplay,
                    GtkWindow *window)
{
  FrameWait wait = { GTK_WIDGET (window), 0 };
  guint tick;

  XSync (xdisplay, False);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *)&wait.window);
  tick = gtk_widget_add_tick_callback (GTK_WIDGET (window), count_frame_cb, &wait, NULL);
  curator_test_wait_for (events_handled, &wait, "the keys to be handled");
  if (wait.window != NULL)
    {
      if (wait.frames < 2)
        gtk_widget_remove_tick_callback (wait.window, tick);
      g_object_remove_weak_pointer (G_OBJECT (window), (gpointer *)&wait.window);
    }
  curator_ui_flush_events ();
}

void
curator_ui_press (GtkWindow  *window,
                  const char *accelerator)
{
  Display *xdisplay = get_xdisplay ();
  GdkModifierType mods;
  guint keyval;

  g_assert_nonnull (xdisplay);
  if (!gtk_accelerator_parse (accelerator, &keyval, &mods))
    g_error ("Not an accelerator: %s", accelerator);

  focus_window (xdisplay, window);
  send_key (xdisplay, keyval, mods);
  handle_sent_events (xdisplay, window);
}

void
curator_ui_type (GtkWindow  *window,
                 const char *text)
{
  Display *xdisplay = get_xdisplay ();

  g_assert_nonnull (xdisplay);
  focus_window (xdisplay, window);

  /* Keys are handled in the order they come, as from a fast typist. */
  for (const char *p = text; *p != '\0'; p++)
    {
      g_assert_true (g_ascii_isprint (*p));
      send_key (xdisplay, gdk_unicode_to_keyval ((guchar)*p), 0);
    }
  handle_sent_events (xdisplay, window);
}
