/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "curator-model.h"

G_BEGIN_DECLS

#define CURATOR_TYPE_SWITCH_ROW (curator_switch_row_get_type ())

G_DECLARE_FINAL_TYPE (CuratorSwitchRow, curator_switch_row, CURATOR, SWITCH_ROW, AdwActionRow)

/* A boolean. Writes true/false in the spelling the file used (True, TRUE). */
GtkWidget *curator_switch_row_new (CuratorDocument *document,
                                   const char      *key_path,
                                   const char      *label);

G_END_DECLS
