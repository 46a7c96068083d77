/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "curator-model.h"

G_BEGIN_DECLS

#define CURATOR_TYPE_MAP_ROW (curator_map_row_get_type ())

G_DECLARE_FINAL_TYPE (CuratorMapRow, curator_map_row, CURATOR, MAP_ROW, AdwExpanderRow)

/* A nested map, or a list of maps (each item a nested map row). Child rows
 * are created when the row is first expanded, so a 200 KB profile opens
 * with a handful of rows. */
GtkWidget *curator_map_row_new (CuratorDocument *document,
                                const char      *key_path,
                                const char      *label,
                                const char      *help);

G_END_DECLS
