/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Work that should not hold up the next frame (rows below the fold,
 * widgets to dispose of, the next import's dialog) waits for it: a
 * wait for one "after-paint" of a widget's frame clock, kept in its
 * owner's struct (zeroed to start). */
typedef struct
{
  GdkFrameClock *clock;
  gulong         handler;
} CuratorPaintWait;

/* Calls @callback (a GdkFrameClock::after-paint handler) with @data once,
 * after the next frame of @widget's frame clock, and asks for that frame
 * (even with nothing to draw). FALSE, and no wait, when @widget is not
 * mapped: no frame of it is coming. The callback ends the wait first
 * (curator_paint_wait_stop()). */
gboolean curator_paint_wait_start   (CuratorPaintWait *wait,
                                     GtkWidget        *widget,
                                     GCallback         callback,
                                     gpointer          data);
gboolean curator_paint_wait_pending (const CuratorPaintWait *wait);
/* Stops waiting, also once the clock has dropped its handlers with its
 * window. */
void     curator_paint_wait_stop    (CuratorPaintWait *wait);

G_END_DECLS
