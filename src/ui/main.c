/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator"

#include "config.h"

#include "curator-application.h"

#include <glib/gi18n.h>
#include <locale.h>

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CuratorApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* The name recent files are filed under, and shown by the shell. */
  g_set_application_name (_("Curator"));

  app = curator_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
