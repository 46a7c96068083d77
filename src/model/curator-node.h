/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "curator-types.h"

G_BEGIN_DECLS

/* A node of the lossless YAML tree. Nodes belong to their CuratorYamlTree
 * and are read-only; after an edit the document holds a new tree, so keep
 * key paths, not node pointers, across edits.
 *
 * Offsets are bytes into the whole file; lines and columns are 1-based
 * (columns count characters) as an editor shows them. */

CuratorNodeKind    curator_node_get_kind          (const CuratorNode *node);
CuratorNodeStyle   curator_node_get_style         (const CuratorNode *node);
/* Decoded text of a scalar (NULL for collections). */
const char        *curator_node_get_value         (const CuratorNode *node);
CuratorScalarType  curator_node_get_scalar_type   (const CuratorNode *node);
/* TRUE for a plain scalar that YAML 1.1 reads as another type than 1.2
 * does (yes, on, 010079, 1_000, ...): shown as text, never rewritten. */
gboolean           curator_node_is_yaml11_ambiguous (const CuratorNode *node);
const char        *curator_node_get_tag           (const CuratorNode *node);
const char        *curator_node_get_anchor        (const CuratorNode *node);

/* Mappings: n_children pairs; sequences: n_children items. */
guint              curator_node_get_n_children    (const CuratorNode *node);
/* The value node of pair @index (mappings) or item @index (sequences). */
const CuratorNode *curator_node_get_child         (const CuratorNode *node,
                                                   guint              index);
/* The key node / key text of pair @index (mappings only). */
const CuratorNode *curator_node_get_key_node      (const CuratorNode *node,
                                                   guint              index);
const char        *curator_node_get_key           (const CuratorNode *node,
                                                   guint              index);
/* The value of @key in a mapping, or NULL. */
const CuratorNode *curator_node_lookup_key        (const CuratorNode *node,
                                                   const char        *key);
const CuratorNode *curator_node_get_parent        (const CuratorNode *node);

gsize              curator_node_get_start         (const CuratorNode *node);
gsize              curator_node_get_end           (const CuratorNode *node);
guint              curator_node_get_line          (const CuratorNode *node);
guint              curator_node_get_column        (const CuratorNode *node);

/* The node's key path ("featuredImage.size[0]"); "" for the root. */
char              *curator_node_dup_key_path      (const CuratorNode *node);
/* The node as JSON, key order kept; scalars as their typed JSON value
 * (timestamps and YAML 1.1-ambiguous values as strings). */
char              *curator_node_to_json           (const CuratorNode *node,
                                                   gboolean           pretty);

G_END_DECLS
