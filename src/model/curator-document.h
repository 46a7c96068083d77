/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "curator-types.h"
#include "curator-node.h"
#include "curator-front-matter.h"

G_BEGIN_DECLS

#define CURATOR_TYPE_DOCUMENT (curator_document_get_type ())

G_DECLARE_FINAL_TYPE (CuratorDocument, curator_document, CURATOR, DOCUMENT, GObject)

/* A content file: its bytes kept verbatim, a span index over the YAML
 * front matter, and edits applied as verified byte patches. A save with
 * no edits writes the bytes that were loaded.
 *
 * Properties: "file" (GFile), "modified", "can-undo", "can-redo",
 * "title" (the title field, else the file's name), "editable" (the front
 * matter parsed and can be edited through key paths).
 *
 * Signal "changed" (const char *key_path): emitted after every edit, undo
 * and redo, with the key path of the node that changed ("" when the whole
 * front matter was replaced, "@body" for the body). The detail is the
 * top-level key, so "changed::title" follows one field. */

#define CURATOR_DOCUMENT_BODY_PATH "@body"

CuratorDocument   *curator_document_new                 (GFile                *file);

GFile             *curator_document_get_file            (CuratorDocument      *self);
void               curator_document_set_file            (CuratorDocument      *self,
                                                         GFile                *file);
const char        *curator_document_get_title           (CuratorDocument      *self);
gboolean           curator_document_get_modified        (CuratorDocument      *self);
gboolean           curator_document_get_editable        (CuratorDocument      *self);
CuratorFrontMatterKind curator_document_get_front_matter_kind (CuratorDocument *self);
/* Why the front matter cannot be edited (NULL when it can). The message
 * names line and column. The document still holds the bytes and its
 * body and raw front matter text can be edited. */
const GError      *curator_document_get_load_error      (CuratorDocument      *self);

/* Loading. A document that loads with a refusal in the front matter (parse
 * error, duplicate key, TOML, ...) still loads: it is not editable and
 * get_load_error() says why. Only I/O errors, binary files and invalid
 * UTF-8 fail the load itself. */
gboolean           curator_document_load_from_bytes     (CuratorDocument      *self,
                                                         GBytes               *bytes,
                                                         GError              **error);
gboolean           curator_document_load                (CuratorDocument      *self,
                                                         GCancellable         *cancellable,
                                                         GError              **error);
void               curator_document_load_async          (CuratorDocument      *self,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean           curator_document_load_finish         (CuratorDocument      *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

/* Saving is atomic (a temporary file in the same folder, then a rename;
 * permissions kept) and refuses to overwrite a file that changed on disk
 * since it was loaded unless CURATOR_SAVE_FLAGS_IGNORE_MODIFIED_ON_DISK.
 * @file NULL saves to the document's file; another file is "Save As". */
gboolean           curator_document_save                (CuratorDocument      *self,
                                                         GFile                *file,
                                                         CuratorSaveFlags      flags,
                                                         GCancellable         *cancellable,
                                                         GError              **error);
void               curator_document_save_async          (CuratorDocument      *self,
                                                         GFile                *file,
                                                         CuratorSaveFlags      flags,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean           curator_document_save_finish         (CuratorDocument      *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

/* The whole file as it would be saved now. */
GBytes            *curator_document_serialize           (CuratorDocument      *self);
/* The bytes last loaded or saved: what "modified" compares to, and what
 * the file held then (empty for a document never loaded). */
GBytes            *curator_document_get_saved_bytes     (CuratorDocument      *self);
/* The file now holds @disk_bytes: a change on disk taken in without
 * reloading, for example under a merge of the edits. "modified" and the
 * next save's check compare to them from now on. */
void               curator_document_set_disk_state      (CuratorDocument      *self,
                                                         GBytes               *disk_bytes);
/* The whole file replaced by @bytes (a restored draft, a merge) as one
 * edit that undo takes back; the document stays tied to its file and to
 * the bytes it was loaded from. Refused if @bytes are not text. */
gboolean           curator_document_replace_all         (CuratorDocument      *self,
                                                         GBytes               *bytes,
                                                         GError              **error);

/* Reading the front matter. Nodes are valid until the next edit. */
const CuratorNode *curator_document_get_root            (CuratorDocument      *self);
const CuratorNode *curator_document_lookup              (CuratorDocument      *self,
                                                         const char           *key_path,
                                                         GError              **error);

/* Edits. Each is a byte patch verified by re-parsing; on any refusal
 * the document is unchanged and @error says why.
 *
 * set_value: a scalar. CURATOR_SCALAR_AUTO keeps the node's type when
 * @value fits it, else makes it a string. A missing key is added after
 * its last sibling (intermediate maps are created); an index equal to
 * the list's length appends. The value keeps its style (quoting only
 * when needed, a folded value refolded at its width). */
gboolean           curator_document_set_value           (CuratorDocument      *self,
                                                         const char           *key_path,
                                                         const char           *value,
                                                         CuratorScalarType     type,
                                                         GError              **error);
/* set_json: any value given as JSON (lists and maps written in the
 * file's block style, or flow into an existing flow collection). */
gboolean           curator_document_set_json            (CuratorDocument      *self,
                                                         const char           *key_path,
                                                         const char           *json,
                                                         GError              **error);
/* unset: remove a key (with its lines) or a list item. */
gboolean           curator_document_unset               (CuratorDocument      *self,
                                                         const char           *key_path,
                                                         GError              **error);
/* List items: @list_path names a sequence; @index == length appends. */
gboolean           curator_document_insert_item         (CuratorDocument      *self,
                                                         const char           *list_path,
                                                         guint                 index,
                                                         const char           *value,
                                                         CuratorScalarType     type,
                                                         GError              **error);
gboolean           curator_document_move_item           (CuratorDocument      *self,
                                                         const char           *list_path,
                                                         guint                 from_index,
                                                         guint                 to_index,
                                                         GError              **error);

/* The body (everything after the closing delimiter), verbatim. */
char              *curator_document_dup_body            (CuratorDocument      *self);
void               curator_document_set_body            (CuratorDocument      *self,
                                                         const char           *body);
/* Replaces @length bytes of the body at byte @offset (both on character
 * boundaries) with @text: an edit without handing over the whole body. */
void               curator_document_replace_body        (CuratorDocument      *self,
                                                         gsize                 offset,
                                                         gsize                 length,
                                                         const char           *text,
                                                         gssize                text_length);
/* The raw front matter text between the delimiters, for fixing a file by
 * hand; setting it re-parses (editable again once it parses). */
char              *curator_document_dup_front_matter_text (CuratorDocument    *self);
void               curator_document_set_front_matter_text (CuratorDocument    *self,
                                                           const char         *text);

/* A file without front matter gets an empty YAML one in front of its
 * body, "---" and "---" in the file's line ending: an edit (undoable).
 * Refused when the file has a front matter, even a broken one. */
gboolean           curator_document_add_front_matter    (CuratorDocument      *self,
                                                         GError              **error);
gboolean           curator_document_get_can_undo        (CuratorDocument      *self);
gboolean           curator_document_get_can_redo        (CuratorDocument      *self);
gboolean           curator_document_undo                (CuratorDocument      *self);
gboolean           curator_document_redo                (CuratorDocument      *self);
/* Groups the following edits into one undo step until end_user_action
 * (for example a text row committing several keystrokes). */
void               curator_document_begin_user_action   (CuratorDocument      *self);
void               curator_document_end_user_action     (CuratorDocument      *self);

G_END_DECLS
