/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "curator-model.h"
#include "curator-page-facts.h"
#include "curator-image-info.h"

G_BEGIN_DECLS

#define CURATOR_TYPE_FOLDER_TEMPLATE (curator_folder_template_get_type ())
#define CURATOR_TYPE_FIELD_RULE (curator_field_rule_get_type ())

G_DECLARE_FINAL_TYPE (CuratorFolderTemplate, curator_folder_template, CURATOR, FOLDER_TEMPLATE, GObject)
G_DECLARE_FINAL_TYPE (CuratorFieldRule, curator_field_rule, CURATOR, FIELD_RULE, GObject)

/* Where the shape of a new file comes from. */
typedef enum
{
  CURATOR_TEMPLATE_SIBLINGS,   /* the content files already in the folder */
  CURATOR_TEMPLATE_ARCHETYPE,  /* a Hugo archetype (archetypes/<section>.md, default.md) */
  CURATOR_TEMPLATE_MINIMAL,    /* title, date and draft */
} CuratorTemplateSource;

/* How one field of the new file gets its value. */
typedef enum
{
  CURATOR_FIELD_RULE_KEEP,     /* the same in (nearly) all siblings: copied */
  CURATOR_FIELD_RULE_FACT,     /* a page fact ("fact") */
  CURATOR_FIELD_RULE_DERIVED,  /* built from other fields as the siblings' are ("template") */
  CURATOR_FIELD_RULE_NOW,      /* the time of the import, in the siblings' format */
  CURATOR_FIELD_RULE_EMPTY,    /* left empty, in the siblings' style */
} CuratorFieldRuleKind;

/* How a folder's new files look, inferred from the files already there
 * (key order, constant values, values built from others, dates, file
 * names, the body's style), else from a Hugo archetype, else minimal.
 * The new document is made from a representative sibling's bytes through
 * the model's lossless edits, so its indentation, quoting and list style
 * are the siblings' by construction.
 *
 * "rules" is a GListModel of CuratorFieldRule, one per field in file
 * order: the import panel shows them and lets the curator pick which
 * page fact fills which field; curator_folder_template_remember() keeps
 * that choice for the folder (in $XDG_CONFIG_HOME/curator/import.ini). */

void                   curator_folder_template_new_async     (GFile                 *folder,
                                                              GCancellable          *cancellable,
                                                              GAsyncReadyCallback    callback,
                                                              gpointer               user_data);
CuratorFolderTemplate *curator_folder_template_new_finish    (GAsyncResult          *result,
                                                              GError               **error);
CuratorFolderTemplate *curator_folder_template_new           (GFile                 *folder,
                                                              GCancellable          *cancellable,
                                                              GError               **error);
/* Makes @folder's template in the background and keeps it for the next
 * curator_folder_template_new_async() on @folder, which takes it if the
 * files it was made from (names, sizes, modification times, and the
 * remembered choices' file) are as they were, and otherwise makes its
 * own. For the folder a drop would go to, before the drop. Finishes
 * with TRUE once a template is kept (FALSE: one was being made already,
 * or the folder's new files do not come from siblings). */
void                   curator_folder_template_prepare_async  (GFile                 *folder,
                                                               GCancellable          *cancellable,
                                                               GAsyncReadyCallback    callback,
                                                               gpointer               user_data);
gboolean               curator_folder_template_prepare_finish (GAsyncResult          *result,
                                                               GError               **error);

GFile                 *curator_folder_template_get_folder    (CuratorFolderTemplate *self);
CuratorTemplateSource  curator_folder_template_get_source    (CuratorFolderTemplate *self);
/* The sibling whose bytes the new file starts from, or the archetype. */
GFile                 *curator_folder_template_get_model_file (CuratorFolderTemplate *self);
guint                  curator_folder_template_get_n_siblings (CuratorFolderTemplate *self);
GListModel            *curator_folder_template_get_rules     (CuratorFolderTemplate *self);
/* What could not be followed (archetype code left as written, ...). */
const char * const    *curator_folder_template_get_warnings  (CuratorFolderTemplate *self);

/* Which fact fills @key_path (-1: none). Changes the rule at once; call
 * remember() to keep the choice for the folder. */
gboolean               curator_folder_template_set_fact      (CuratorFolderTemplate *self,
                                                              const char            *key_path,
                                                              int                    fact,
                                                              GError               **error);
gboolean               curator_folder_template_remember      (CuratorFolderTemplate *self,
                                                              GError               **error);

/* The new file: an unsaved document with its proposed file (a name in
 * the siblings' pattern that no file has yet), filled from @facts (may
 * be NULL) and @body_html (sanitized already, may be NULL), dated @now
 * (NULL: the current time). With @image and @image_file, the featured
 * image's fields are set for it (see attach_image) and @image_file gets
 * where its bytes go (NULL when the folder keeps no image files). */
CuratorDocument       *curator_folder_template_create        (CuratorFolderTemplate   *self,
                                                              CuratorPageFacts        *facts,
                                                              const char              *body_html,
                                                              const CuratorImageInfo  *image,
                                                              const char              *image_url,
                                                              GDateTime               *now,
                                                              GFile                  **image_file,
                                                              GError                 **error);
/* The sanitizer flags that write a body in this folder's style. */
guint                  curator_folder_template_get_body_flags (CuratorFolderTemplate *self);
/* TRUE when the siblings' bodies are HTML (else they are Markdown: the
 * body is then written as Markdown). */
gboolean               curator_folder_template_get_body_is_html (CuratorFolderTemplate *self);

/* The field that holds the featured image ("featuredImage", "image", ...),
 * or NULL when the siblings have none. */
const char            *curator_folder_template_get_image_key (CuratorFolderTemplate *self);

/* Sets @document's featured image fields for @image as the siblings'
 * are set (Medigy: featuredImage.href, format, size and alt), as one undo
 * step. @image_file gets the file the image's bytes go to: named as the
 * siblings' images are, where theirs are; or NULL when the field holds
 * web addresses (it then takes @image_url, and nothing is written). */
gboolean               curator_folder_template_attach_image  (CuratorFolderTemplate   *self,
                                                              CuratorDocument         *document,
                                                              const CuratorImageInfo  *image,
                                                              const char              *image_url,
                                                              GFile                  **image_file,
                                                              GError                 **error);

/* A rule */
const char            *curator_field_rule_get_key_path       (CuratorFieldRule      *self);
CuratorFieldRuleKind   curator_field_rule_get_kind           (CuratorFieldRule      *self);
/* The fact of a FACT rule, else -1. */
int                    curator_field_rule_get_fact           (CuratorFieldRule      *self);
/* How a DERIVED rule builds its value: "{slug:title}", "/news/{slug:title}";
 * NULL for the other kinds. */
const char            *curator_field_rule_get_template       (CuratorFieldRule      *self);
/* TRUE when the curator chose the fact (remembered for the folder). */
gboolean               curator_field_rule_get_chosen         (CuratorFieldRule      *self);

G_END_DECLS
