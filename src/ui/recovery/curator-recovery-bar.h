/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "curator-model.h"

G_BEGIN_DECLS

#define CURATOR_TYPE_RECOVERY_BAR (curator_recovery_bar_get_type ())

G_DECLARE_FINAL_TYPE (CuratorRecoveryBar, curator_recovery_bar, CURATOR, RECOVERY_BAR, GtkWidget)

/* Keeps the window's document safe and says so: it keeps the document's
 * draft in the draft store, restores the draft a crash left when the
 * document is shown, and tells when the file changes on disk, with the
 * choices that go with each (Discard, Compare, Keep Mine, Reload).
 *
 * Actions: recovery.compare, recovery.keep-mine, recovery.reload,
 * recovery.discard. Property "message": what the bar says, NULL when it
 * is hidden. */

GtkWidget       *curator_recovery_bar_new           (void);
/* The store drafts go to; NULL keeps none. */
void             curator_recovery_bar_set_store     (CuratorRecoveryBar *self,
                                                     CuratorDraftStore  *store);
CuratorDraftStore *curator_recovery_bar_get_store   (CuratorRecoveryBar *self);
/* A document just loaded: its draft, if the store has one, is laid over
 * it (one undo step), and its file is watched from now on. */
void             curator_recovery_bar_set_document  (CuratorRecoveryBar *self,
                                                     CuratorDocument    *document);
/* Whether the store holds a draft of @document (for a file that cannot
 * be read, say). */
gboolean         curator_recovery_bar_has_draft_of  (CuratorRecoveryBar *self,
                                                     CuratorDocument    *document);
const char      *curator_recovery_bar_get_message   (CuratorRecoveryBar *self);
/* The line under the message: why, and what each choice does. */
const char      *curator_recovery_bar_get_detail    (CuratorRecoveryBar *self);
/* The curator threw the edits away: no draft is kept any more. */
void             curator_recovery_bar_discard_draft (CuratorRecoveryBar *self);
/* The document's file is not written yet (a new curation): its draft is
 * kept from now on, edits or not, until this is set back once it is. */
void             curator_recovery_bar_set_new_file  (CuratorRecoveryBar *self,
                                                     gboolean            new_file);

G_END_DECLS
