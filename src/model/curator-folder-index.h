/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "curator-types.h"

G_BEGIN_DECLS

#define CURATOR_TYPE_FOLDER_INDEX (curator_folder_index_get_type ())
#define CURATOR_TYPE_FOLDER_INDEX_ENTRY (curator_folder_index_entry_get_type ())

G_DECLARE_FINAL_TYPE (CuratorFolderIndex, curator_folder_index, CURATOR, FOLDER_INDEX, GObject)

/* What the library needs to list one content file, read from its front
 * matter only (the body is never parsed). */
typedef struct
{
  char                    *path;   /* relative to the folder, '/'-separated */
  char                    *title;  /* decoded title, or NULL */
  char                    *date;   /* decoded date text as written, or NULL */
  char                   **tags;   /* decoded tags; never NULL, may be empty */
  char                    *description; /* decoded description, or NULL */
  gboolean                 draft;  /* "draft: true" (Hugo leaves the page out) */
  CuratorFrontMatterKind   kind;
  GError                  *error;  /* why the front matter cannot be read, or NULL */
  /* What `curator-cli check` warns of (a plain value YAML 1.1 reads as
   * another type), or NULL. Only the whole scan looks for it. */
  GError                  *warning;
  gint64                   mtime;  /* modification time, µs since the epoch; 0 if not read from a file */
} CuratorFolderIndexEntry;

GType                    curator_folder_index_entry_get_type (void) G_GNUC_CONST;
CuratorFolderIndexEntry *curator_folder_index_entry_copy     (const CuratorFolderIndexEntry *entry);
void                     curator_folder_index_entry_free     (CuratorFolderIndexEntry       *entry);
/* Reads the entry of one file from its bytes: the front matter is split
 * as CuratorDocument does and all of it is scanned with libyaml (no tree is
 * built, the body is never parsed), so "error" is set when the document
 * would refuse it. @path is stored in the entry as is. */
CuratorFolderIndexEntry *curator_folder_index_entry_new_from_data (const char *path,
                                                                   const char *data,
                                                                   gsize       length);

/* The light path: only the top-level title, date, tags, description and
 * draft entries are parsed (with libyaml); errors elsewhere in the front
 * matter are not seen. */
CuratorFolderIndexEntry *curator_folder_index_entry_new_from_data_fast (const char *path,
                                                                        const char *data,
                                                                        gsize       length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CuratorFolderIndexEntry, curator_folder_index_entry_free)

/* TRUE for the names of content files: *.md, *.markdown, *.html. */
gboolean            curator_folder_index_is_content_file (const char   *name);
/* The content files under @folder, as paths relative to @folder, sorted
 * bytewise. Skipped: hidden files and folders (.git among them),
 * node_modules, and the public/ and resources/ folders Hugo writes beside
 * a site's content/ folder or configuration file. A link to a folder is
 * followed, once: a folder reached a second time (a loop, or a link into
 * the tree) is not walked again. */
GPtrArray          *curator_folder_index_list_files      (const char   *folder,
                                                          GError      **error);

/* Indexes every content file under "folder" with "n-threads" workers
 * (0, the default, means one per processor). Entries are sorted by path
 * whatever the number of threads. By default the whole front matter of
 * each file is scanned, so "error" says whether it would open; with
 * "fast" only the title, date and tags entries are parsed. */
CuratorFolderIndex *curator_folder_index_new           (GFile               *folder);
GFile              *curator_folder_index_get_folder    (CuratorFolderIndex  *self);
guint               curator_folder_index_get_n_threads (CuratorFolderIndex  *self);
void                curator_folder_index_set_n_threads (CuratorFolderIndex  *self,
                                                        guint                n_threads);
gboolean            curator_folder_index_get_fast      (CuratorFolderIndex  *self);
void                curator_folder_index_set_fast      (CuratorFolderIndex  *self,
                                                        gboolean             fast);
/* The number of workers the last build used. */
guint               curator_folder_index_get_n_threads_used (CuratorFolderIndex *self);

gboolean            curator_folder_index_build         (CuratorFolderIndex  *self,
                                                        GCancellable        *cancellable,
                                                        GError             **error);
void                curator_folder_index_build_async   (CuratorFolderIndex  *self,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean            curator_folder_index_build_finish  (CuratorFolderIndex  *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

guint                          curator_folder_index_get_n_entries (CuratorFolderIndex *self);
const CuratorFolderIndexEntry *curator_folder_index_get_entry     (CuratorFolderIndex *self,
                                                                   guint               index);

G_END_DECLS
