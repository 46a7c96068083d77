/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "bench-ui.h"
#include "curator-application.h"

/* GTK and libadwaita set up as in the app, which the benches build their
 * windows without: AdwApplication also loads the app's stylesheet, and
 * what it styles costs time to draw; CuratorApplication also sets the
 * allocator up. */
void
bench_ui_init (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  gtk_init ();
  adw_init ();
  curator_application_tune_memory ();
  gtk_css_provider_load_from_resource (provider, RESOURCE_PREFIX "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}
