/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Preloaded into `gtk4-builder-tool validate` by validate-ui.sh.
 *
 * The tool looks a template's parent up with g_type_from_name(), which only
 * knows types that are already registered, and nothing registers libadwaita's
 * types in that process: validating `<template parent="AdwApplicationWindow">`
 * fails with "Failed to lookup template parent type". This module registers
 * every type named in CURATOR_UI_VALIDATE_TYPES (space separated) by calling
 * its get_type() function, found the way GtkBuilder finds it. The module is
 * linked with the application's widget library, so our own widgets (and a
 * template's own class) resolve to the real classes.
 */

#include <gmodule.h>
#include <glib-object.h>
#include <string.h>

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
