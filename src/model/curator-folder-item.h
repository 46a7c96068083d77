/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "curator-folder-index.h"

G_BEGIN_DECLS

#define CURATOR_TYPE_FOLDER_ITEM (curator_folder_item_get_type ())

G_DECLARE_FINAL_TYPE (CuratorFolderItem, curator_folder_item, CURATOR, FOLDER_ITEM, GObject)

/* One content file of a folder as the library lists it: its index entry,
 * with what searching and sorting need worked out once (a folded search
 * text, the date as a number). The folder model keeps one item per path
 * and updates it in place when the file changes: signal "changed". */

typedef enum
{
  CURATOR_FOLDER_SORT_TITLE,     /* A to Z */
  CURATOR_FOLDER_SORT_DATE,      /* newest first, undated last */
  CURATOR_FOLDER_SORT_MODIFIED,  /* newest first */
  CURATOR_FOLDER_SORT_SECTION,   /* folder A to Z, then title */
} CuratorFolderSort;

#define CURATOR_TYPE_FOLDER_SORT (curator_folder_sort_get_type ())
/* Nicks: "title", "date", "modified", "section". */
GType curator_folder_sort_get_type (void) G_GNUC_CONST;

/* Takes @entry. */
CuratorFolderItem             *curator_folder_item_new         (CuratorFolderIndexEntry *entry);
const CuratorFolderIndexEntry *curator_folder_item_get_entry   (CuratorFolderItem       *self);
/* Relative to the folder, '/'-separated. */
const char                    *curator_folder_item_get_path    (CuratorFolderItem       *self);
const char                    *curator_folder_item_get_name    (CuratorFolderItem       *self);
/* The title, else the file's name. */
const char                    *curator_folder_item_get_title   (CuratorFolderItem       *self);
/* The folder the file is in, relative ("" at the top). */
const char                    *curator_folder_item_get_section (CuratorFolderItem       *self);
const char                    *curator_folder_item_get_date    (CuratorFolderItem       *self);
gint64                         curator_folder_item_get_mtime   (CuratorFolderItem       *self);
gboolean                       curator_folder_item_get_draft   (CuratorFolderItem       *self);
gboolean                       curator_folder_item_has_tag     (CuratorFolderItem       *self,
                                                                const char              *tag);
/* Why the model refuses the file, else what `check` warns of, else NULL. */
const GError                  *curator_folder_item_get_problem (CuratorFolderItem       *self);
/* The model refuses it (not only a warning). */
gboolean                       curator_folder_item_get_refused (CuratorFolderItem       *self);

/* Whether every one of @words (folded by curator_fold_text()) is in the
 * title, the file name, a tag or the description. */
gboolean                       curator_folder_item_matches     (CuratorFolderItem       *self,
                                                                const char * const      *words);
/* Changes each time the item takes an entry (the file changed on disk),
 * and differs between items: what was learnt of an item at one revision
 * holds while it keeps it. */
guint                          curator_folder_item_get_revision (CuratorFolderItem      *self);
int                            curator_folder_item_compare     (CuratorFolderItem       *a,
                                                                CuratorFolderItem       *b,
                                                                CuratorFolderSort        sort);
/* Replaces the entry (takes it). When anything listed differs, emits
 * "changed" and returns TRUE. */
gboolean                       curator_folder_item_set_entry   (CuratorFolderItem       *self,
                                                                CuratorFolderIndexEntry *entry);

/* @text with case and accents folded away ("Éléphant" → "elephant"), as
 * search compares it. */
char                          *curator_fold_text               (const char              *text);

G_END_DECLS
