/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "curator-document.h"
#include "curator-draft-store.h"

G_BEGIN_DECLS

#define CURATOR_TYPE_DRAFT_KEEPER (curator_draft_keeper_get_type ())

G_DECLARE_FINAL_TYPE (CuratorDraftKeeper, curator_draft_keeper, CURATOR, DRAFT_KEEPER, GObject)

/* Keeps one document's draft up to date, the way GNOME Text Editor does:
 * a few seconds after the last edit the draft is written (in a thread);
 * once the document is saved, or its edits undone, the draft goes.
 *
 * Properties: "document", "store", "id" (construct-only), "delay" (ms
 * after the last edit; 3000 by default). Signal "failed" (GError *): a
 * draft could not be written. */

CuratorDraftKeeper *curator_draft_keeper_new       (CuratorDraftStore  *store,
                                                    CuratorDocument    *document,
                                                    const char         *id);
const char         *curator_draft_keeper_get_id    (CuratorDraftKeeper *self);
guint               curator_draft_keeper_get_delay (CuratorDraftKeeper *self);
void                curator_draft_keeper_set_delay (CuratorDraftKeeper *self,
                                                    guint               delay_ms);
/* Whether a draft is due (edits not yet written). */
gboolean            curator_draft_keeper_get_pending (CuratorDraftKeeper *self);
/* Writes a due draft now, synchronously (before quitting). */
void                curator_draft_keeper_flush     (CuratorDraftKeeper *self);
/* The document's file is not written yet (a new curation): its draft is
 * written now and kept even without edits, until this is set back to
 * FALSE once the file is written. */
void                curator_draft_keeper_set_new_file (CuratorDraftKeeper *self,
                                                       gboolean            new_file);
/* Deletes the draft and stops keeping one: the edits are thrown away. */
void                curator_draft_keeper_discard   (CuratorDraftKeeper *self);

G_END_DECLS
