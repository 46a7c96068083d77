/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "curator-document.h"

G_BEGIN_DECLS

/* Unsaved edits kept on disk, so that a crash, a kill or a power cut
 * loses nothing: one draft per document, the whole file as Save would
 * write it, with the file it belongs to and a checksum of the bytes the
 * edits started from (to tell whether the file changed on disk since). */

typedef struct _CuratorDraft CuratorDraft;

#define CURATOR_TYPE_DRAFT (curator_draft_get_type ())

GType         curator_draft_get_type          (void) G_GNUC_CONST;
CuratorDraft *curator_draft_ref               (CuratorDraft *draft);
void          curator_draft_unref             (CuratorDraft *draft);
const char   *curator_draft_get_id            (CuratorDraft *draft);
/* The file the draft belongs to, or NULL for a document never saved
 * anywhere. */
GFile        *curator_draft_get_file          (CuratorDraft *draft);
/* The whole file as the edits left it. */
GBytes       *curator_draft_get_bytes         (CuratorDraft *draft);
/* When the draft was written. */
GDateTime    *curator_draft_get_written       (CuratorDraft *draft);
/* Whether @disk_bytes (the file as it is now; NULL if it does not
 * exist) differ from the bytes the edits started from. */
gboolean      curator_draft_base_differs      (CuratorDraft *draft,
                                               GBytes       *disk_bytes);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CuratorDraft, curator_draft_unref)

#define CURATOR_TYPE_DRAFT_STORE (curator_draft_store_get_type ())

G_DECLARE_FINAL_TYPE (CuratorDraftStore, curator_draft_store, CURATOR, DRAFT_STORE, GObject)

/* @folder NULL: $XDG_DATA_HOME/curator/drafts, never next to the content. */
CuratorDraftStore *curator_draft_store_new         (GFile              *folder);
GFile             *curator_draft_store_get_folder  (CuratorDraftStore  *self);
/* The id of @document's draft: from its file, else a new random one the
 * caller keeps for that document. */
char              *curator_draft_store_id_for      (CuratorDocument    *document);
gboolean           curator_draft_store_save        (CuratorDraftStore  *self,
                                                    const char         *id,
                                                    CuratorDocument    *document,
                                                    GError            **error);
void               curator_draft_store_save_async  (CuratorDraftStore  *self,
                                                    const char         *id,
                                                    CuratorDocument    *document,
                                                    GCancellable       *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer            user_data);
gboolean           curator_draft_store_save_finish (CuratorDraftStore  *self,
                                                    GAsyncResult       *result,
                                                    GError            **error);
/* Deletes the draft; TRUE if there was none. */
gboolean           curator_draft_store_discard     (CuratorDraftStore  *self,
                                                    const char         *id,
                                                    GError            **error);
CuratorDraft      *curator_draft_store_load        (CuratorDraftStore  *self,
                                                    const char         *id,
                                                    GError            **error);
/* Every draft in the store, oldest first. Drafts that cannot be read
 * are skipped with a warning. */
GPtrArray         *curator_draft_store_list        (CuratorDraftStore  *self);

G_END_DECLS
