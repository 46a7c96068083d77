/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "curator-types.h"

G_BEGIN_DECLS

/* How a plain scalar's text resolves: YAML 1.2 core schema (null, bool,
 * int, float) plus timestamps, else a string. @yaml11_ambiguous (may be
 * NULL) is set when YAML 1.1 would read the text as another type (yes, on,
 * 010079, 1_000, 60:30, ...). Quoted and block scalars are always strings. */
CuratorScalarType curator_scalar_resolve_plain (const char *text,
                                                gsize       length,
                                                gboolean   *yaml11_ambiguous);

G_END_DECLS
