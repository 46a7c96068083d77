/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "curator-types.h"

G_BEGIN_DECLS

/* A plain value tree, detached from any file: what a JSON argument
 * parses to, what a new key or list is emitted from, and the logical
 * model the editor checks a re-parsed tree against. */
typedef struct _CuratorValue CuratorValue;

struct _CuratorValue
{
  CuratorNodeKind    kind;
  CuratorScalarType  scalar_type;  /* scalars */
  char              *text;         /* scalar text, or the alias name */
  char              *tag;
  char              *anchor;
  GPtrArray         *keys;         /* mappings: char * */
  GPtrArray         *items;        /* mappings and sequences: CuratorValue * */
};

CuratorValue *curator_value_new_scalar   (const char          *text,
                                          CuratorScalarType    type);
CuratorValue *curator_value_new_mapping  (void);
CuratorValue *curator_value_new_sequence (void);
CuratorValue *curator_value_copy         (const CuratorValue  *value);
void          curator_value_free         (CuratorValue        *value);
void          curator_value_add_pair     (CuratorValue        *mapping,
                                          const char          *key,
                                          CuratorValue        *value);
/* Index of @key in a mapping, or -1. */
int           curator_value_find_key     (const CuratorValue  *mapping,
                                          const char          *key);
/* A deep copy of a node of a tree. */
CuratorValue *curator_value_new_from_node (const CuratorNode  *node);
/* Parses a JSON text (RFC 8259) into a value; the error names line and
 * column. Numbers become INT or FLOAT, the text kept as written. */
CuratorValue *curator_value_new_from_json (const char         *json,
                                           GError            **error);
/* Whether @node holds exactly the data of @value (kinds, scalar types
 * and texts, keys in order, tags and anchors). */
gboolean      curator_value_equal_node    (const CuratorValue *value,
                                           const CuratorNode  *node);
/* A canonical text of the value: equal texts mean equal data. */
char         *curator_value_dup_canonical (const CuratorValue *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CuratorValue, curator_value_free)

G_END_DECLS
