/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CURATOR_TYPE_DIFF_WINDOW (curator_diff_window_get_type ())

G_DECLARE_FINAL_TYPE (CuratorDiffWindow, curator_diff_window, CURATOR, DIFF_WINDOW, AdwWindow)

/* A read-only unified diff of two versions of a file, with syntax
 * colours, and the choices that go with it (Save, Keep Mine, Reload…).
 * Signal "response" (const char *id): a choice's id, or "cancel" for
 * Cancel, Escape and closing the window; the window then closes. */

CuratorDiffWindow *curator_diff_window_new          (GtkWindow         *parent,
                                                     const char        *title,
                                                     const char        *subtitle);
/* Shows the changes from @old_bytes (labelled @old_label) to @new_bytes. */
void               curator_diff_window_set_versions (CuratorDiffWindow *self,
                                                     GBytes            *old_bytes,
                                                     const char        *old_label,
                                                     GBytes            *new_bytes,
                                                     const char        *new_label);
/* The diff as shown. */
const char        *curator_diff_window_get_diff     (CuratorDiffWindow *self);
void               curator_diff_window_add_response (CuratorDiffWindow *self,
                                                     const char        *id,
                                                     const char        *label,
                                                     gboolean           suggested);

G_END_DECLS
