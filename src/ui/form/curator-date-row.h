/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "curator-model.h"

G_BEGIN_DECLS

#define CURATOR_TYPE_DATE_ROW (curator_date_row_get_type ())

G_DECLARE_FINAL_TYPE (CuratorDateRow, curator_date_row, CURATOR, DATE_ROW, AdwEntryRow)

/* A date or date-time as text plus a calendar. Picking a day replaces only
 * the date part, so the original format (2024-03-18T14:05:00Z, 03/31/2018,
 * 2020-09-14) and the quoting stay. */
GtkWidget *curator_date_row_new (CuratorDocument *document,
                                 const char      *key_path,
                                 const char      *label);

/* @text with its date part replaced by @date; NULL if @text has no date. */
char      *curator_date_row_replace_date (const char *text,
                                          GDateTime  *date);

G_END_DECLS
