/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CURATOR_ERROR (curator_error_quark ())

/* Every refusal of the model. Messages name the line and column (1-based)
 * where the problem is, and say what is wrong. */
typedef enum
{
  CURATOR_ERROR_BINARY,               /* NUL bytes: not a text file */
  CURATOR_ERROR_INVALID_UTF8,
  CURATOR_ERROR_NO_FRONT_MATTER,
  CURATOR_ERROR_UNTERMINATED,         /* opening --- without a closing --- or ... */
  CURATOR_ERROR_UNSUPPORTED_FORMAT,   /* TOML or JSON front matter: kept, not editable */
  CURATOR_ERROR_PARSE,                /* what libyaml said */
  CURATOR_ERROR_TOO_LARGE,            /* over the size cap */
  CURATOR_ERROR_TOO_DEEP,             /* over the depth cap */
  CURATOR_ERROR_DUPLICATE_KEY,
  CURATOR_ERROR_COMPLEX_KEY,
  CURATOR_ERROR_ALIAS,                /* an edit through an alias or anchor */
  CURATOR_ERROR_NOT_FOUND,            /* no node at that key path */
  CURATOR_ERROR_INVALID_KEY_PATH,
  CURATOR_ERROR_INVALID_VALUE,        /* the value does not fit the forced type, bad JSON, ... */
  CURATOR_ERROR_TYPE_MISMATCH,        /* e.g. an index into a mapping */
  CURATOR_ERROR_VERIFY_FAILED,        /* the patch did not re-parse to the intended data: rolled back */
  CURATOR_ERROR_NOT_EDITABLE,         /* the document has no editable front matter */
  CURATOR_ERROR_MODIFIED_ON_DISK,     /* save refused: the file changed since it was loaded */
} CuratorError;

GQuark curator_error_quark (void);

G_END_DECLS
