/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* libadwaita 1.2 keeps an expander row's header to itself: the row a
 * keyboard focuses, which shows the title and the subtitle. */

/* The header, or NULL if the row is not built as in libadwaita 1.2. */
GtkWidget *curator_expander_row_get_header            (AdwExpanderRow *row);

/* Shows the subtitle on one line, ellipsized at its end. */
void       curator_expander_row_set_one_line_subtitle (AdwExpanderRow *row);

G_END_DECLS
