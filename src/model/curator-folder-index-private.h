/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "curator-folder-index.h"
#include "curator-folder-item.h"

G_BEGIN_DECLS

/* What tells whether a file changed on disk without reading it. */
typedef struct
{
  gint64  mtime;   /* µs since the epoch */
  gint64  ctime;   /* µs since the epoch */
  goffset size;
  guint64 ino;
} CuratorFileStamp;

/* Reads the entry of the file @relative under @root: its bytes go into
 * @buffer (reused from call to call), its time stamps into @stamp (may be
 * NULL). A file that cannot be read gives an entry whose error says why.
 * Thread-safe. */
CuratorFolderIndexEntry *_curator_folder_index_read_entry (const char       *root,
                                                           const char       *relative,
                                                           gboolean          fast,
                                                           GByteArray       *buffer,
                                                           CuratorFileStamp *stamp);

/* Walks @root as curator_folder_index_list_files() does: the content
 * files into @paths and, when @folders is not NULL, every folder walked
 * ("" for @root itself) into @folders, both as sorted relative paths. */
gboolean _curator_folder_index_walk (const char  *root,
                                     GPtrArray   *paths,
                                     GPtrArray   *folders,
                                     GError     **error);

/* The time stamps of the bytes an item's entry was read from. Main
 * thread only. */
const CuratorFileStamp *_curator_folder_item_get_stamp (CuratorFolderItem      *self);
void                    _curator_folder_item_set_stamp (CuratorFolderItem      *self,
                                                        const CuratorFileStamp *stamp);

G_END_DECLS
