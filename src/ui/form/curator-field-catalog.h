/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "curator-model.h"

G_BEGIN_DECLS

/* What the editor knows about curation fields: labels, help, grouping,
 * checks, and which input fits a node. GLib only, no widgets. */

typedef enum
{
  CURATOR_FIELD_GROUP_CONTENT,
  CURATOR_FIELD_GROUP_SOURCE_LINK,
  CURATOR_FIELD_GROUP_TAXONOMY,
  CURATOR_FIELD_GROUP_MEDIA,
  CURATOR_FIELD_GROUP_PUBLISHING,
  CURATOR_FIELD_GROUP_OTHER,
  CURATOR_N_FIELD_GROUPS,
} CuratorFieldGroup;

typedef enum
{
  CURATOR_FIELD_CHECK_NONE,
  CURATOR_FIELD_CHECK_REQUIRED,
  CURATOR_FIELD_CHECK_URL,
  CURATOR_FIELD_CHECK_DATE,
  CURATOR_FIELD_CHECK_SLUG,
} CuratorFieldCheck;

/* The input a value is edited with. */
typedef enum
{
  CURATOR_FIELD_KIND_TEXT,
  CURATOR_FIELD_KIND_LONG_TEXT,
  CURATOR_FIELD_KIND_INT,
  CURATOR_FIELD_KIND_FLOAT,
  CURATOR_FIELD_KIND_BOOL,
  CURATOR_FIELD_KIND_DATE,
  CURATOR_FIELD_KIND_URL,
  CURATOR_FIELD_KIND_STRING_LIST,
  CURATOR_FIELD_KIND_JSON_LIST,
  CURATOR_FIELD_KIND_MAP,
  CURATOR_FIELD_KIND_MAP_LIST,
  CURATOR_FIELD_KIND_READ_ONLY,
} CuratorFieldKind;

typedef struct
{
  const char        *key_path;  /* generic: list indices dropped ("featuredImage.size") */
  const char        *label;     /* untranslated; use curator_field_catalog_dup_label() */
  const char        *help;
  CuratorFieldGroup  group;
  CuratorFieldCheck  check;
  const char        *item_label; /* a list's: what one of its items is ("Tag") */
} CuratorFieldInfo;

const CuratorFieldInfo *curator_field_catalog_lookup          (const char        *key_path);
/* "featuredImage.size[1]" → "featuredImage.size". */
char                   *curator_field_catalog_generic_path    (const char        *key_path);
/* The visible label: the catalog's (translated) or one derived from the
 * key: "communityTopics" → "Community topics", "geography_states" →
 * "Geography states". */
char                   *curator_field_catalog_dup_label       (const char        *key_path,
                                                               const char        *key);
const char             *curator_field_catalog_get_help        (const char        *key_path);
CuratorFieldGroup       curator_field_catalog_get_group       (const char        *key);
/* Where a known top-level field sorts within its group; -1 if unknown. */
int                     curator_field_catalog_get_order       (const char        *key);
const char             *curator_field_group_get_title         (CuratorFieldGroup  group);
CuratorFieldCheck       curator_field_catalog_get_check       (const char        *key_path);
CuratorFieldKind        curator_field_catalog_kind_for_node   (const char        *key_path,
                                                               const CuratorNode *node);
/* NULL when @value passes @check, else a translated message. Empty values
 * pass every check but REQUIRED. */
char                   *curator_field_check_value             (CuratorFieldCheck  check,
                                                               const char        *value);
/* "usDhhsCmsHospitalCompareModel" → "US DHHS CMS hospital compare
 * model": words in sentence case, known acronyms in capitals. */
char                   *curator_label_from_key                (const char        *key);
/* What one item of the list at @list_path is called, numbered from 1:
 * "Tag 3" for "tags", "HDO type 1" for "hdoTypes". */
char                   *curator_field_catalog_dup_item_label  (const char        *list_path,
                                                               guint              index);
/* The value that names a list item that is a map: its title, name or
 * label field, or a field called so ("measureName"); NULL if none. */
const char             *curator_field_catalog_get_item_title  (const CuratorNode *item);

/* The labels of every field in a document, by generic key path. A label
 * that two fields share gets its parent's as context: "Link (Source
 * link)" and "Link (Featured image › Attachment)". Free with
 * g_hash_table_unref(). */
GHashTable             *curator_field_catalog_dup_labels      (const CuratorNode *root);

gboolean                curator_text_looks_like_date          (const char        *text);

G_END_DECLS
