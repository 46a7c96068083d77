/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Reads a whole file on one worker thread. g_file_load_contents_async()
 * comes back to the main loop after each step (open, every 8 KB read,
 * close), and each step waits there behind the window's frames: a file of
 * 12 KB took 2-30 ms while the window drew. With @max_size (0: none), a
 * larger file fails with CURATOR_ERROR_TOO_LARGE before more of it is
 * read. */
void    curator_file_read_async  (GFile               *file,
                                  gsize                max_size,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);
GBytes *curator_file_read_finish (GFile               *file,
                                  GAsyncResult        *result,
                                  GError             **error);

G_END_DECLS
