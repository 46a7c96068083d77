/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "curator-document.h"

G_BEGIN_DECLS

#define CURATOR_TYPE_FILE_WATCH (curator_file_watch_get_type ())

G_DECLARE_FINAL_TYPE (CuratorFileWatch, curator_file_watch, CURATOR, FILE_WATCH, GObject)

/* Tells when a document's file changes on disk behind its back: another
 * program wrote it, a git checkout replaced it, it was removed. Its own
 * saves do not count (the disk then holds what the document saved).
 *
 * Signal "changed-on-disk" (GBytes *disk_bytes): the file now holds
 * @disk_bytes, which differ from what the document last loaded or saved;
 * @disk_bytes is NULL when the file is gone (or a folder took its place).
 * Emitted once for each new state of the file, within a second of the
 * change. The watch does not keep the document alive; it stops when the
 * document goes. */

CuratorFileWatch *curator_file_watch_new          (CuratorDocument  *document);
CuratorDocument  *curator_file_watch_get_document (CuratorFileWatch *self);

G_END_DECLS
