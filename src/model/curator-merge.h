/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "curator-document.h"

G_BEGIN_DECLS

/* The file changed on disk while it had unsaved edits: the edits are
 * taken field by field (each changed key, a list as a whole, the body)
 * and applied through the model onto @disk_bytes, so that every byte the
 * edits did not touch is the disk's.
 *
 * Returns: (transfer full): the merged file, or NULL when the edits and
 * the change on disk touched the same field (@conflicts then lists their
 * key paths, "@body" for the body) or the front matter cannot be edited
 * on either side (@error says why). */
GBytes *curator_document_merge_onto (CuratorDocument   *self,
                                     GBytes            *disk_bytes,
                                     GStrv             *conflicts,
                                     GError           **error);

G_END_DECLS
