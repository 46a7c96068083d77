/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "curator-model.h"

G_BEGIN_DECLS

#define CURATOR_TYPE_NUMBER_ROW (curator_number_row_get_type ())

G_DECLARE_FINAL_TYPE (CuratorNumberRow, curator_number_row, CURATOR, NUMBER_ROW, AdwActionRow)

/* An integer or a number with a spin button. A float keeps as many
 * decimals as it was written with. */
GtkWidget *curator_number_row_new (CuratorDocument *document,
                                   const char      *key_path,
                                   const char      *label,
                                   gboolean         is_float);

G_END_DECLS
