/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "curator-node.h"
#include "curator-yaml-tree.h"

G_BEGIN_DECLS

/* The span index of one node, shared by the tree builder and the editor.
 * All offsets are bytes into the whole file (not the front matter). */
struct _CuratorNode
{
  CuratorNodeKind    kind;
  CuratorNodeStyle   style;
  CuratorScalarType  scalar_type;
  guint              yaml11_ambiguous : 1;
  /* Block sequence whose "- " entries sit at the column of the parent
   * mapping's keys (the Medigy style) rather than indented under it. */
  guint              indentless : 1;

  char              *value;        /* decoded scalar text; NULL for collections */
  char              *tag;          /* as written, or NULL */
  char              *anchor;       /* or NULL */

  CuratorNode       *parent;
  /* For the value of a mapping pair: the key node (a scalar). */
  CuratorNode       *key;
  /* Mappings: keys[i] / children[i] are pair i. Sequences: children only.
   * NULL for scalars and aliases. Read-only views allocated with the tree:
   * use ->pdata, ->len and g_ptr_array_index() only, never another
   * g_ptr_array_*() function (no ref, unref, add or remove). */
  GPtrArray         *keys;
  GPtrArray         *children;

  gsize              start;        /* span start: includes &anchor / !tag */
  gsize              value_start;  /* first byte of the value itself (after anchor/tag) */
  /* Span end. Scalars and flow collections: exact. Block scalars: end of
   * the last content line (before its line break). Block collections: the
   * last child's end (libyaml's END marks are unusable). An empty value
   * (`key:`) is zero-width right after the ':'. */
  gsize              end;
  /* End of the physical line holding `end`, after a trailing comment,
   * before the line break. */
  gsize              line_end;
  guint              line;         /* 1-based line in the file of `start` */
  guint              column;       /* 1-based column (characters) of `start` */
  /* Block collections: the column (0-based, characters) of their entries
   * ("- " or keys). Scalars: the column of the first value character. */
  guint              indent;
  guint              depth;
  /* Added by the tree builder: the position of this node in its parent's
   * children (for a key node: its pair's index); 0 for the root. */
  guint              index;
  /* Added by the tree builder. Aliases: `anchor` holds the name the alias
   * refers to (without '*'), `value` is NULL, and `alias_target` is the
   * anchored node when it precedes the alias and is complete (NULL for an
   * unknown anchor or one that contains its own alias). NULL otherwise. */
  CuratorNode       *alias_target;
};

struct _CuratorYamlTree
{
  gatomicrefcount  ref_count;
  /* The file bytes the spans point into; the tree keeps a reference. */
  GBytes          *bytes;
  gsize            start;          /* front matter start/end in the file */
  gsize            end;
  CuratorNode     *root;
  /* Nodes, their strings and their keys/children arrays are allocated
   * from these chunks (a list private to the tree builder), freed
   * together. */
  gpointer         chunks;
  guint            first_line;     /* 1-based file line of `start` */
};

/* Points @tree at @bytes, whose front matter bytes are those of the tree's
 * bytes (only the body differs): the spans stay valid. */
void curator_yaml_tree_rebase (CuratorYamlTree *tree,
                               GBytes          *bytes);

G_END_DECLS
