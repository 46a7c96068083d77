/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* What GTK 4.8 and libadwaita 1.2 tell screen readers, made sayable.
 *
 * GTK 4.8 joins every source of a name: a button whose label has a
 * mnemonic is "_Cancel Cancel" (its raw label, then the label widget
 * that names it), and a node with no name at all is named after its
 * type ("GtkImage", "AdwGizmo"). curator_accessible_init() mends both
 * for every widget the process realizes, including the widgets inside
 * GTK's and libadwaita's own: a mnemonic button is named by its label
 * alone, a decorative image is left out, and a container with no name
 * has none. Interactive widgets are never named here: one with no name
 * stays without, for the tests to find. */
void curator_accessible_init            (void);

/* libadwaita 1.2 does not tell whether an expander row is open: say so on
 * its header (the row a keyboard focuses), and keep it up to date. */
void curator_accessible_expose_expanded (AdwExpanderRow *row);

G_END_DECLS
