/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "curator-model.h"

G_BEGIN_DECLS

#define CURATOR_TYPE_LONG_TEXT_ROW (curator_long_text_row_get_type ())

G_DECLARE_FINAL_TYPE (CuratorLongTextRow, curator_long_text_row, CURATOR, LONG_TEXT_ROW, AdwPreferencesRow)

/* Multi-line text (a description, a folded or literal block scalar). */
GtkWidget *curator_long_text_row_new (CuratorDocument *document,
                                      const char      *key_path,
                                      const char      *label,
                                      const char      *help);

G_END_DECLS
