/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "curator-field-catalog.h"
#include "curator-model.h"

G_BEGIN_DECLS

#define CURATOR_TYPE_TEXT_ROW (curator_text_row_get_type ())

G_DECLARE_FINAL_TYPE (CuratorTextRow, curator_text_row, CURATOR, TEXT_ROW, AdwEntryRow)

/* A single-line scalar. With CURATOR_FIELD_CHECK_URL it validates the
 * address and offers to open it in the browser. */
GtkWidget *curator_text_row_new (CuratorDocument   *document,
                                 const char        *key_path,
                                 const char        *label,
                                 CuratorFieldCheck  check);

G_END_DECLS
