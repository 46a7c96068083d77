/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "curator-types.h"

G_BEGIN_DECLS

#define CURATOR_TYPE_YAML_TREE (curator_yaml_tree_get_type ())

/* Caps: anything over them is refused, never guessed at. */
#define CURATOR_YAML_MAX_SIZE  (1024 * 1024)
#define CURATOR_YAML_MAX_DEPTH 64

GType            curator_yaml_tree_get_type (void) G_GNUC_CONST;

/* Parses the front matter @bytes[@start..@end) of a file with libyaml into
 * a lossless tree with byte spans into @bytes (referenced by the tree). Refuses (with file line and
 * column) parse errors, duplicate and complex keys, and documents over the
 * caps. Aliases and anchors are kept (an edit through them is refused). */
CuratorYamlTree *curator_yaml_tree_parse    (GBytes           *bytes,
                                             gsize             start,
                                             gsize             end,
                                             GError          **error);
CuratorYamlTree *curator_yaml_tree_ref      (CuratorYamlTree  *tree);
void             curator_yaml_tree_unref    (CuratorYamlTree  *tree);
/* The root node; an empty front matter gives an empty mapping. */
const CuratorNode *curator_yaml_tree_get_root (CuratorYamlTree *tree);
const CuratorNode *curator_yaml_tree_lookup   (CuratorYamlTree *tree,
                                               const char      *key_path,
                                               GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CuratorYamlTree, curator_yaml_tree_unref)

G_END_DECLS
