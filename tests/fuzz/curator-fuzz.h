/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Runs one fuzz input through split, parse, an edit and serialize; aborts
 * when an invariant breaks. */
void curator_fuzz_one_input (const guint8 *data,
                             gsize         size);

G_END_DECLS
