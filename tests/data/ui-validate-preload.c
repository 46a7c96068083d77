/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Preloaded into `gtk4-builder-tool validate` by validate-ui.sh, to make GTK
 * 4.8's validator usable on our templates:
 *
 * - It looks a template's parent up with g_type_from_name(), which only knows
 *   registered types, and nothing registers libadwaita's types in that
 *   process: `<template parent="AdwApplicationWindow">` fails with "Failed to
 *   lookup template parent type". The constructor below registers every type
 *   named in CURATOR_UI_VALIDATE_TYPES (space separated) by calling its
 *   get_type() function, found the way GtkBuilder finds it. The module is
 *   linked with the application's widget library, so our own widgets (and a
 *   template's own class) resolve to the real classes; instantiating a real
 *   class builds its template with the handlers it binds, and a failure there
 *   is a critical (fatal in validate-ui.sh).
 *
 * - Its builder resolves signal handlers with dlsym(), which cannot see the
 *   static callbacks a class binds with gtk_widget_class_bind_template_callback():
 *   every template with a <signal> failed with "No function named ...". This
 *   module interposes gtk_builder_new() to give the tool's builders a scope
 *   that falls back to a no-op closure for such a handler (GTK 4.10's
 *   validator does the same with its fake scope).
 */

#include <gmodule.h>
#include <gtk/gtk.h>
#include <string.h>

#define CURATOR_TYPE_LENIENT_SCOPE (curator_lenient_scope_get_type ())
G_DECLARE_FINAL_TYPE (CuratorLenientScope, curator_lenient_scope, CURATOR, LENIENT_SCOPE, GtkBuilderCScope)

struct _CuratorLenientScope
{
  GtkBuilderCScope parent_instance;
};

static void curator_lenient_scope_scope_init (GtkBuilderScopeInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CuratorLenientScope, curator_lenient_scope, GTK_TYPE_BUILDER_CSCOPE,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDER_SCOPE,
                                                      curator_lenient_scope_scope_init))

static GtkBuilderScopeInterface *parent_scope_iface;

static void
ignore_signal (void)
{
}

static GClosure *
curator_lenient_scope_create_closure (GtkBuilderScope        *scope,
                                      GtkBuilder             *builder,
                                      const char             *function_name,
                                      GtkBuilderClosureFlags  flags,
                                      GObject                *object,
                                      GError                **error)
{
  g_autoptr(GError) local_error = NULL;
  GClosure *closure;

  closure = parent_scope_iface->create_closure (scope, builder, function_name, flags, object, &local_error);
  if (closure != NULL)
    return closure;

  /* A handler we cannot see from here: the real class checks its own. */
  if (g_error_matches (local_error, GTK_BUILDER_ERROR, GTK_BUILDER_ERROR_INVALID_FUNCTION))
    return g_cclosure_new (G_CALLBACK (ignore_signal), NULL, NULL);

  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

static void
curator_lenient_scope_scope_init (GtkBuilderScopeInterface *iface)
{
  parent_scope_iface = g_type_interface_peek_parent (iface);
  iface->get_type_from_name = parent_scope_iface->get_type_from_name;
  iface->get_type_from_function = parent_scope_iface->get_type_from_function;
  iface->create_closure = curator_lenient_scope_create_closure;
}

static void
curator_lenient_scope_class_init (CuratorLenientScopeClass *klass)
{
}

static void
curator_lenient_scope_init (CuratorLenientScope *self)
{
}

/* Interposes GTK's own: only the tool's calls reach this one (libgtk binds
 * its internal calls to itself). */
GtkBuilder *
gtk_builder_new (void)
{
  g_autoptr(GtkBuilderScope) scope = g_object_new (CURATOR_TYPE_LENIENT_SCOPE, NULL);

  return g_object_new (GTK_TYPE_BUILDER, "scope", scope, NULL);
}

typedef GType (*GetTypeFunc) (void);

/* GtkBuilder's mangling: "AdwApplicationWindow" -> "adw_application_window_get_type". */
static char *
type_name_mangle (const char *type_name,
                  gboolean    split_first_cap)
{
  GString *symbol = g_string_new (NULL);

  for (gsize i = 0; type_name[i] != '\0'; i++)
    {
      gboolean upper = g_ascii_isupper (type_name[i]);

      if ((upper && ((i > 0 && !g_ascii_isupper (type_name[i - 1])) ||
                     (i == 1 && g_ascii_isupper (type_name[0]) && split_first_cap))) ||
          (i > 2 && upper && g_ascii_isupper (type_name[i - 1]) && g_ascii_isupper (type_name[i - 2])))
        g_string_append_c (symbol, '_');
      g_string_append_c (symbol, g_ascii_tolower (type_name[i]));
    }
  g_string_append (symbol, "_get_type");

  return g_string_free (symbol, FALSE);
}

static gboolean
ensure_type (GModule    *program,
             const char *type_name)
{
  g_autofree char *plain = type_name_mangle (type_name, FALSE);
  g_autofree char *split = type_name_mangle (type_name, TRUE);
  g_autofree char *webkit = NULL;
  const char      *candidates[4] = { plain, split, NULL, NULL };

  /* WebKit's prefix does not follow the CamelCase rule. */
  if (g_str_has_prefix (type_name, "WebKit"))
    candidates[2] = webkit = g_strconcat ("webkit_", plain + strlen ("web_kit_"), NULL);

  if (g_type_from_name (type_name) != G_TYPE_INVALID)
    return TRUE;

  for (guint i = 0; candidates[i] != NULL; i++)
    {
      gpointer get_type = NULL;

      if (g_module_symbol (program, candidates[i], &get_type))
        {
          ((GetTypeFunc) get_type) ();
          return TRUE;
        }
    }

  return FALSE;
}

__attribute__((constructor)) static void
curator_ui_validate_preload (void)
{
  const char    *names = g_getenv ("CURATOR_UI_VALIDATE_TYPES");
  g_auto(GStrv)  type_names = NULL;
  GModule       *program;

  if (names == NULL)
    return;

  program = g_module_open (NULL, 0);
  type_names = g_strsplit_set (names, " \n", -1);
  for (guint i = 0; type_names[i] != NULL; i++)
    {
      /* Unknown names are left for the tool to report with file and line. */
      if (type_names[i][0] != '\0')
        ensure_type (program, type_names[i]);
    }
  g_module_close (program);
}
