/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "curator-model.h"

G_BEGIN_DECLS

#define CURATOR_TYPE_APPLICATION (curator_application_get_type ())

G_DECLARE_FINAL_TYPE (CuratorApplication, curator_application, CURATOR, APPLICATION, AdwApplication)

#define CURATOR_SAMPLE_URI "resource:///io/github/curator_editor/Curator/sample/curated-item.md"

CuratorApplication *curator_application_new         (void);
/* The application's settings, or NULL when the schema is not installed
 * (running from the build tree): callers then keep their defaults. */
GSettings          *curator_application_get_settings (CuratorApplication *self);
void                curator_application_open_file    (CuratorApplication *self,
                                                      GFile              *file);
/* Where unsaved edits are kept ($XDG_DATA_HOME/curator/drafts). */
CuratorDraftStore  *curator_application_get_draft_store (CuratorApplication *self);
/* The process's memory allocator set up for frames: done at startup (and
 * by the benchmarks, which build the app's windows without it). */
void                curator_application_tune_memory     (void);

G_END_DECLS
