/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "curator-types.h"
#include "curator-front-matter.h"
#include "curator-value-private.h"

G_BEGIN_DECLS

/* The outcome of one verified edit: the new file bytes, their split and
 * tree, and the byte patch that turns the old bytes into the new ones
 * (the undo stack keeps the patch). An edit that changes nothing leaves
 * @bytes NULL. */
typedef struct
{
  GBytes                  *bytes;
  CuratorFrontMatterSplit  split;
  CuratorYamlTree         *tree;
  gsize                    offset;
  GBytes                  *old_text;
  GBytes                  *new_text;
} CuratorYamlEditResult;

void     curator_yaml_edit_result_clear (CuratorYamlEditResult        *result);

/* Sets the node at @key_path to @value, adding it (and intermediate maps
 * and lists) when missing. A scalar @value may have type AUTO: the
 * node's current type when the text fits it, else a string.
 * @style_tree (may be NULL) is the tree as the file was loaded: the
 * style and fold width of the node at the same path there are kept, so
 * setting a value back restores the bytes. */
gboolean curator_yaml_edit_set          (CuratorYamlTree               *tree,
                                         const CuratorFrontMatterSplit *split,
                                         const char                    *key_path,
                                         const CuratorValue            *value,
                                         CuratorYamlTree               *style_tree,
                                         CuratorYamlEditResult         *result,
                                         GError                       **error);
gboolean curator_yaml_edit_unset        (CuratorYamlTree               *tree,
                                         const CuratorFrontMatterSplit *split,
                                         const char                    *key_path,
                                         CuratorYamlEditResult         *result,
                                         GError                       **error);
gboolean curator_yaml_edit_insert_item  (CuratorYamlTree               *tree,
                                         const CuratorFrontMatterSplit *split,
                                         const char                    *list_path,
                                         guint                          index,
                                         const CuratorValue            *value,
                                         CuratorYamlEditResult         *result,
                                         GError                       **error);
gboolean curator_yaml_edit_move_item    (CuratorYamlTree               *tree,
                                         const CuratorFrontMatterSplit *split,
                                         const char                    *list_path,
                                         guint                          from_index,
                                         guint                          to_index,
                                         CuratorYamlEditResult         *result,
                                         GError                       **error);

/* The node at @key_path in @tree without an error, or NULL. */
const CuratorNode *curator_yaml_edit_find_node (CuratorYamlTree *tree,
                                                const char      *key_path);

G_END_DECLS
