/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "curator-model.h"

G_BEGIN_DECLS

#define CURATOR_TYPE_LIBRARY_FILTER (curator_library_filter_get_type ())

G_DECLARE_FINAL_TYPE (CuratorLibraryFilter, curator_library_filter, CURATOR, LIBRARY_FILTER, GtkFilter)

/* Which CuratorFolderItems the library shows: those matching every word
 * of "search" (title, file name, tags, description; case and accents
 * ignored) and each of "problems" (refused or warned of), "drafts", "tag"
 * and "section" that is set. Tells the list model whether a change makes
 * it stricter or looser, so that typing a letter only looks again at the
 * rows still shown. */

CuratorLibraryFilter *curator_library_filter_new          (void);
const char           *curator_library_filter_get_search   (CuratorLibraryFilter *self);
void                  curator_library_filter_set_search   (CuratorLibraryFilter *self,
                                                           const char           *search);
gboolean              curator_library_filter_get_problems (CuratorLibraryFilter *self);
void                  curator_library_filter_set_problems (CuratorLibraryFilter *self,
                                                           gboolean              problems);
gboolean              curator_library_filter_get_drafts   (CuratorLibraryFilter *self);
void                  curator_library_filter_set_drafts   (CuratorLibraryFilter *self,
                                                           gboolean              drafts);
/* NULL: any tag. */
const char           *curator_library_filter_get_tag      (CuratorLibraryFilter *self);
void                  curator_library_filter_set_tag      (CuratorLibraryFilter *self,
                                                           const char           *tag);
/* NULL: every section; "" the folder's top. */
const char           *curator_library_filter_get_section  (CuratorLibraryFilter *self);
void                  curator_library_filter_set_section  (CuratorLibraryFilter *self,
                                                           const char           *section);

G_END_DECLS
