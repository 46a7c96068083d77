/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Helpers shared by the test programs (GLib only). */

void  curator_test_log_init          (void);
/* A new private folder for this test program (from @name_template, as
 * g_dir_make_tmp takes it) with XDG_CACHE_HOME inside it, so that what
 * the code under test caches (the preview's compiled content filters)
 * stays there. */
char *curator_test_make_private_dir  (const char *name_template);
/* Deletes @path and, for a folder, everything in it (links not followed). */
void  curator_test_remove_tree       (const char *path);

G_END_DECLS
