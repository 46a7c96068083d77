/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _CuratorNode     CuratorNode;
typedef struct _CuratorYamlTree CuratorYamlTree;

/* What kind of front matter a file starts with. Only YAML is editable;
 * TOML and JSON are detected, reported and kept byte for byte. */
typedef enum
{
  CURATOR_FRONT_MATTER_NONE,
  CURATOR_FRONT_MATTER_YAML,
  CURATOR_FRONT_MATTER_TOML,
  CURATOR_FRONT_MATTER_JSON,
} CuratorFrontMatterKind;

typedef enum
{
  CURATOR_LINE_ENDING_LF,
  CURATOR_LINE_ENDING_CRLF,
  CURATOR_LINE_ENDING_CR,
} CuratorLineEnding;

typedef enum
{
  CURATOR_NODE_SCALAR,
  CURATOR_NODE_MAPPING,
  CURATOR_NODE_SEQUENCE,
  CURATOR_NODE_ALIAS,
} CuratorNodeKind;

typedef enum
{
  CURATOR_NODE_STYLE_PLAIN,
  CURATOR_NODE_STYLE_SINGLE_QUOTED,
  CURATOR_NODE_STYLE_DOUBLE_QUOTED,
  CURATOR_NODE_STYLE_LITERAL,
  CURATOR_NODE_STYLE_FOLDED,
  CURATOR_NODE_STYLE_BLOCK,
  CURATOR_NODE_STYLE_FLOW,
} CuratorNodeStyle;

/* The type a scalar resolves to: YAML 1.2 core schema plus timestamps.
 * AUTO is only an argument: "keep the node's current type if the new
 * text fits it, else a string". */
typedef enum
{
  CURATOR_SCALAR_AUTO = -1,
  CURATOR_SCALAR_NULL = 0,
  CURATOR_SCALAR_BOOL,
  CURATOR_SCALAR_INT,
  CURATOR_SCALAR_FLOAT,
  CURATOR_SCALAR_TIMESTAMP,
  CURATOR_SCALAR_STRING,
} CuratorScalarType;

typedef enum
{
  CURATOR_SAVE_FLAGS_NONE = 0,
  /* Overwrite even if the file changed on disk since it was loaded. */
  CURATOR_SAVE_FLAGS_IGNORE_MODIFIED_ON_DISK = 1 << 0,
} CuratorSaveFlags;

G_END_DECLS
