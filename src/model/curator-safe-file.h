/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Crash-safe replacement of a local file: after a crash, a kill or a
 * power cut at any point, the file holds exactly its old bytes or exactly
 * the new ones. See curator-safe-file.c for how, and for the name of the
 * temporary file. */

/* With @expected (NULL: no check), the file must still hold exactly
 * those bytes, else G_IO_ERROR_WRONG_ETAG: it changed on disk. Bytes,
 * not a time stamp: two writes within one tick of the file system's
 * clock leave the same modification time. */
gboolean curator_safe_file_replace        (GFile         *file,
                                           GBytes        *bytes,
                                           GBytes        *expected,
                                           GCancellable  *cancellable,
                                           GError       **error);
void     curator_safe_file_replace_async  (GFile               *file,
                                           GBytes              *bytes,
                                           GBytes              *expected,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean curator_safe_file_replace_finish (GFile         *file,
                                           GAsyncResult  *result,
                                           GError       **error);

gboolean curator_safe_file_is_temporary   (const char    *name);
guint    curator_safe_file_clean_leftovers (GFile        *folder,
                                            GCancellable *cancellable);

G_END_DECLS
