/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "curator-model.h"

G_BEGIN_DECLS

#define CURATOR_TYPE_REFUSED_VIEW (curator_refused_view_get_type ())

G_DECLARE_FINAL_TYPE (CuratorRefusedView, curator_refused_view, CURATOR, REFUSED_VIEW, GtkWidget)

/* A file whose front matter the form cannot show, as it is, to be fixed
 * by hand: why (the line it names marked, the view scrolled to it), and
 * the text with line numbers that count as the file's lines.
 *
 * - A YAML front matter that is refused: its text, between its
 *   delimiter lines (which cannot be edited).
 * - TOML or JSON: the front matter whole, to read (Curator edits YAML).
 * - No front matter: "Add Front Matter" (the action
 *   refused.add-front-matter), an undoable edit of the document.
 * - A whole file (not UTF-8, a front matter never closed): all its text.
 *
 * Signal "text-changed": the text was edited and the typing paused; read
 * it with curator_refused_view_dup_text(). */

GtkWidget       *curator_refused_view_new            (void);
/* Shows @document's front matter and why it is refused. */
void             curator_refused_view_set_document   (CuratorRefusedView *self,
                                                      CuratorDocument    *document);
/* Shows the whole text of @document's file, made readable, and @error. */
void             curator_refused_view_set_whole_text (CuratorRefusedView *self,
                                                      CuratorDocument    *document,
                                                      const char         *text,
                                                      const GError       *error);
/* Marks the line @error names and says why (after an edit that still
 * does not read); the cursor stays where it is. */
void             curator_refused_view_show_error     (CuratorRefusedView *self,
                                                      const GError       *error);
/* The text to read: the front matter between its delimiters, or the
 * whole file. */
char            *curator_refused_view_dup_text       (CuratorRefusedView *self);

G_END_DECLS
