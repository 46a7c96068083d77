/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "curator-page-facts.h"

G_BEGIN_DECLS

#define CURATOR_TYPE_FACT_ROW (curator_fact_row_get_type ())

G_DECLARE_FINAL_TYPE (CuratorFactRow, curator_fact_row, CURATOR, FACT_ROW, AdwActionRow)

/* The import dialog's row of one field: its key path as the title, and a
 * menu button that says which of the page's facts fills it ("fact", -1
 * for none) and offers the others. The menu is made when first opened:
 * a dialog has a row per field, and an AdwComboRow's list and popover
 * cost a millisecond or more each before anything is shown.
 *
 * Action row.fact (int32): sets "fact". */
CuratorFactRow *curator_fact_row_new          (const char     *key_path,
                                               int             fact);
const char     *curator_fact_row_get_key_path (CuratorFactRow *self);
int             curator_fact_row_get_fact     (CuratorFactRow *self);
void            curator_fact_row_set_fact     (CuratorFactRow *self,
                                               int             fact);
/* What the menu calls @fact (-1: "Nothing"). */
const char     *curator_fact_row_fact_label   (int             fact);

G_END_DECLS
