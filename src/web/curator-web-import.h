/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "curator-model.h"
#include "curator-folder-template.h"
#include "curator-image-info.h"
#include "curator-page-facts.h"
#include "curator-page-fetcher.h"

G_BEGIN_DECLS

#define CURATOR_TYPE_WEB_IMPORT (curator_web_import_get_type ())

G_DECLARE_FINAL_TYPE (CuratorWebImport, curator_web_import, CURATOR, WEB_IMPORT, GObject)

/* One import: what a drop or a paste carried (an address, a title, a
 * selection of HTML, an image) becomes a new file in @folder, in the
 * shape of the folder's files.
 *
 * run: the page is fetched (unless its HTML was given), its facts read
 * and merged with what the drop carried, the folder's template inferred,
 * the new document made (unsaved, with its proposed file) and the image
 * (the one dropped, else the page's) fetched and attached. A failure to
 * fetch the page is not fatal: the file is made from what the drop
 * carried and "page-error" says why the page could not be read; an image
 * that cannot be had is a warning.
 *
 * Properties to bind to: "progress" (0 to 1), "status" (a sentence for
 * the curator), "facts", "template", "document", "image-file",
 * "page-error" (a message or NULL), "warnings" (GStrv).
 *
 * save: writes the image and the document, never over an existing file. */

CuratorWebImport   *curator_web_import_new               (GFile               *folder);

void                curator_web_import_set_url           (CuratorWebImport    *self,
                                                          const char          *url);
/* The page's address (after redirects, once fetched), or NULL. */
const char         *curator_web_import_get_url           (CuratorWebImport    *self);
/* The title the drop carried (the link's text). */
void                curator_web_import_set_title         (CuratorWebImport    *self,
                                                          const char          *title);
/* The page's HTML, already at hand (it is then not fetched); UTF-8. */
void                curator_web_import_set_page_html     (CuratorWebImport    *self,
                                                          const char          *html);
/* A fragment the curator selected: it becomes the body (sanitized)
 * instead of the page's main content. */
void                curator_web_import_set_selection_html (CuratorWebImport   *self,
                                                           const char         *html);
/* The featured image: its bytes (a dropped image) or its address. */
void                curator_web_import_set_image_bytes   (CuratorWebImport    *self,
                                                          GBytes              *bytes);
void                curator_web_import_set_image_url     (CuratorWebImport    *self,
                                                          const char          *url);
/* Whether the page's own image is fetched when none was given (default
 * TRUE). */
void                curator_web_import_set_fetch_page_image (CuratorWebImport *self,
                                                             gboolean          fetch);
/* The time the new file is dated (default: when run starts). */
void                curator_web_import_set_now           (CuratorWebImport    *self,
                                                          GDateTime           *now);
/* The fetcher to use (default: a new one). */
void                curator_web_import_set_fetcher       (CuratorWebImport    *self,
                                                          CuratorPageFetcher  *fetcher);

void                curator_web_import_run_async         (CuratorWebImport    *self,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gboolean            curator_web_import_run_finish        (CuratorWebImport    *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);
/* Runs the calling thread's main context until the import is made. */
gboolean            curator_web_import_run               (CuratorWebImport    *self,
                                                          GCancellable        *cancellable,
                                                          GError             **error);

/* Makes the document again, after the curator changed which fact fills
 * which field (curator_folder_template_set_fact on the template). */
gboolean            curator_web_import_remake            (CuratorWebImport    *self,
                                                          GError             **error);

double              curator_web_import_get_progress      (CuratorWebImport    *self);
const char         *curator_web_import_get_status        (CuratorWebImport    *self);
CuratorPageFacts   *curator_web_import_get_facts         (CuratorWebImport    *self);
CuratorFolderTemplate *curator_web_import_get_template   (CuratorWebImport    *self);
CuratorDocument    *curator_web_import_get_document      (CuratorWebImport    *self);
/* Where the image goes when saved (NULL: no image to write). */
GFile              *curator_web_import_get_image_file    (CuratorWebImport    *self);
const CuratorImageInfo *curator_web_import_get_image     (CuratorWebImport    *self);
const char         *curator_web_import_get_page_error    (CuratorWebImport    *self);
const char * const *curator_web_import_get_warnings      (CuratorWebImport    *self);

/* Writes the image now, only if no file is there yet: a window keeps a
 * new curation's image on disk from the start, with its draft. TRUE when
 * there is no image to write, or it was written already. */
gboolean            curator_web_import_write_image       (CuratorWebImport    *self,
                                                          GCancellable        *cancellable,
                                                          GError             **error);
/* Writes the image (unless written already), then the document
 * (atomically), each only if no file is there yet
 * (CURATOR_WEB_ERROR_EXISTS otherwise); if the document cannot be
 * written the image this wrote for it is removed. */
gboolean            curator_web_import_save              (CuratorWebImport    *self,
                                                          GCancellable        *cancellable,
                                                          GError             **error);

/* Saves @document to @file only if no file is there yet: the file is
 * created exclusively, then the document written over it atomically. */
gboolean            curator_web_save_new_document        (CuratorDocument     *document,
                                                          GFile               *file,
                                                          GCancellable        *cancellable,
                                                          GError             **error);

/* Writes @contents (may be NULL: an empty file) to @file only if no file
 * is there yet (CURATOR_WEB_ERROR_EXISTS otherwise), making its folder. */
gboolean            curator_web_create_new_file          (GFile               *file,
                                                          GBytes              *contents,
                                                          GCancellable        *cancellable,
                                                          GError             **error);

G_END_DECLS
