/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-paint-wait"

#include "config.h"

#include "curator-paint-wait.h"

gboolean
curator_paint_wait_start (CuratorPaintWait *wait,
                          GtkWidget        *widget,
                          GCallback         callback,
                          gpointer          data)
{
  GdkFrameClock *clock;

  g_return_val_if_fail (wait != NULL, FALSE);
  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (callback != NULL, FALSE);

  curator_paint_wait_stop (wait);
  clock = gtk_widget_get_mapped (widget) ? gtk_widget_get_frame_clock (widget) : NULL;
  if (clock == NULL)
    return FALSE;

  wait->clock = g_object_ref (clock);
  wait->handler = g_signal_connect (clock, "after-paint", callback, data);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_AFTER_PAINT);
  return TRUE;
}

gboolean
curator_paint_wait_pending (const CuratorPaintWait *wait)
{
  g_return_val_if_fail (wait != NULL, FALSE);

  return wait->clock != NULL;
}

void
curator_paint_wait_stop (CuratorPaintWait *wait)
{
  g_return_if_fail (wait != NULL);

  if (wait->handler != 0 && g_signal_handler_is_connected (wait->clock, wait->handler))
    g_signal_handler_disconnect (wait->clock, wait->handler);
  wait->handler = 0;
  g_clear_object (&wait->clock);
}
