/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-safe-file"

#include "config.h"

#include "curator-safe-file.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A file is replaced the way a crash cannot tear it:
 *  1. the new bytes go to a temporary file in the same folder, created
 *     with the old file's permissions;
 *  2. fsync() puts them on the disk;
 *  3. rename() swaps it over the file in one step: readers, and a crash,
 *     see the old file or the new one, never a mix;
 *  4. fsync() of the folder makes the rename itself durable.
 * The temporary file is ".NAME.curator-XXXXXX~": Hugo skips names that
 * start with '.' or end with '~' (hidden files and editor backups), and
 * most .gitignore templates list "*~". One left by a crash is removed by
 * curator_safe_file_clean_leftovers() once it is a minute old. */

#define TEMPORARY_INFIX  ".curator-"
#define TEMPORARY_RANDOM 6
/* Older than this, a temporary file is a crash's leftover, not a save in
 * progress (a save takes milliseconds). */
#define LEFTOVER_AGE_S   60

static char *
temporary_name (const char *base)
{
  static const char letters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  /* NAME_MAX, with room for the dot, the infix, the random part and '~'. */
  gsize room = 255 - 1 - strlen (TEMPORARY_INFIX) - TEMPORARY_RANDOM - 1;
  g_autoptr(GString) name = g_string_new (".");

  g_string_append_len (name, base, MIN (strlen (base), room));
  g_string_append (name, TEMPORARY_INFIX);
  for (guint i = 0; i < TEMPORARY_RANDOM; i++)
    g_string_append_c (name, letters[g_random_int_range (0, sizeof letters - 1)]);
  g_string_append_c (name, '~');
  return g_string_free (g_steal_pointer (&name), FALSE);
}

gboolean
curator_safe_file_is_temporary (const char *name)
{
  const char *infix;
  gsize length;

  g_return_val_if_fail (name != NULL, FALSE);

  length = strlen (name);
  if (name[0] != '.' || length < strlen (TEMPORARY_INFIX) + TEMPORARY_RANDOM + 2 || name[length - 1] != '~')
    return FALSE;
  infix = name + length - 1 - TEMPORARY_RANDOM - strlen (TEMPORARY_INFIX);
  return infix > name && strncmp (infix, TEMPORARY_INFIX, strlen (TEMPORARY_INFIX)) == 0;
}

/* An error from @saved_errno in words a curator can act on. */
static void
set_io_error (GError     **error,
              int          saved_errno,
              const char  *path,
              const char  *folder)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *folder_display = g_filename_display_name (folder);
  GIOErrorEnum code = g_io_error_from_errno (saved_errno);

  switch (saved_errno)
    {
    case ENOSPC:
#ifdef EDQUOT
    case EDQUOT:
#endif
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                   _("the disk is full: there is no room for %s"), display);
      break;
    case EROFS:
      g_set_error (error, G_IO_ERROR, code, _("the file system of %s is read-only"), folder_display);
      break;
    case EACCES:
    case EPERM:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("the folder %s is read-only (no permission to write in it)"), folder_display);
      break;
    case ENOENT:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("the folder %s no longer exists"), folder_display);
      break;
    case ENOTDIR:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY,
                   _("%s is no longer a folder"), folder_display);
      break;
    default:
      g_set_error (error, G_IO_ERROR, code, "%s: %s", display, g_strerror (saved_errno));
      break;
    }
}

/* 0, or the errno of the failed write. */
static int
write_all (int         fd,
           const char *data,
           gsize       length)
{
  while (length > 0)
    {
      gssize written = write (fd, data, MIN (length, (gsize) SSIZE_MAX));

      if (written < 0)
        {
          if (errno == EINTR)
            continue;
          return errno;
        }
      data += written;
      length -= written;
    }
  return 0;
}

/* Read-only: not writable for us, or with no write permission for anyone
 * (which someone chose, and which root would otherwise override). */
static gboolean
is_read_only (const char     *path,
              const GStatBuf *buf)
{
  return (buf->st_mode & 0222) == 0 || (access (path, W_OK) != 0 && errno != EROFS);
}

/* Whether the file at @path holds exactly @expected. */
static gboolean
holds (const char *path,
       GBytes     *expected)
{
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  return length == g_bytes_get_size (expected) &&
         (length == 0 || memcmp (contents, g_bytes_get_data (expected, NULL), length) == 0);
}

/* The path to write: a link is followed to the file it names, so that
 * the link stays a link. */
static char *
resolve_target (GFile   *file,
                GError **error)
{
  g_autofree char *path = g_file_get_path (file);
  char resolved[PATH_MAX];

  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("%s is not a local file"), uri);
      return NULL;
    }
  if (realpath (path, resolved) != NULL)
    return g_strdup (resolved);
  return g_steal_pointer (&path);
}

gboolean
curator_safe_file_replace (GFile         *file,
                           GBytes        *bytes,
                           GBytes        *expected,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autofree char *path = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *base = NULL;
  g_autofree char *temporary = NULL;
  GStatBuf old;
  gboolean exists;
  mode_t mode = 0666;
  gsize length;
  const char *data;
  int saved_errno = 0;
  int fd = -1;
  int folder_fd;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(path = resolve_target (file, error)))
    return FALSE;
  folder = g_path_get_dirname (path);
  base = g_path_get_basename (path);

  exists = g_stat (path, &old) == 0;
  if (exists)
    {
      g_autofree char *display = g_filename_display_name (path);

      if (S_ISDIR (old.st_mode))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                       _("%s is a folder now, not a file"), display);
          return FALSE;
        }
      if (is_read_only (path, &old))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                       _("the file is read-only"));
          return FALSE;
        }
      if (expected != NULL && !holds (path, expected))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG,
                       _("the file changed on disk since it was opened"));
          return FALSE;
        }
      mode = old.st_mode & 07777;
    }
  else if (errno != ENOENT)
    {
      set_io_error (error, errno, path, folder);
      return FALSE;
    }

  {
    GStatBuf folder_buf;

    if (g_stat (folder, &folder_buf) != 0)
      {
        set_io_error (error, errno, path, folder);
        return FALSE;
      }
    if (!S_ISDIR (folder_buf.st_mode))
      {
        set_io_error (error, ENOTDIR, path, folder);
        return FALSE;
      }
    if (is_read_only (folder, &folder_buf))
      {
        g_autofree char *folder_display = g_filename_display_name (folder);

        g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                     _("the folder %s is read-only"), folder_display);
        return FALSE;
      }
  }

  /* A fresh name in the same folder, so that the rename stays within one
   * file system. */
  for (guint attempt = 0; fd < 0 && attempt < 100; attempt++)
    {
      g_autofree char *name = temporary_name (base);

      g_free (temporary);
      temporary = g_build_filename (folder, name, NULL);
      fd = g_open (temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, exists ? 0600 : mode);
      if (fd < 0 && errno != EEXIST)
        {
          set_io_error (error, errno, path, folder);
          return FALSE;
        }
    }
  if (fd < 0)
    {
      set_io_error (error, EEXIST, temporary, folder);
      return FALSE;
    }

  if (exists)
    {
      /* The old file's permissions and, where allowed, its owner. */
      if (fchmod (fd, mode) != 0)
        saved_errno = errno;
      if (saved_errno == 0 && (old.st_uid != getuid () || old.st_gid != getgid ()) &&
          fchown (fd, old.st_uid, old.st_gid) != 0 && errno != EPERM)
        saved_errno = errno;
    }

  data = g_bytes_get_data (bytes, &length);
  if (saved_errno == 0)
    saved_errno = write_all (fd, data, length);
  if (saved_errno == 0 && fsync (fd) != 0)
    saved_errno = errno;
  if (close (fd) != 0 && saved_errno == 0)
    saved_errno = errno;

  if (saved_errno != 0)
    {
      g_unlink (temporary);
      set_io_error (error, saved_errno, path, folder);
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_unlink (temporary);
      return FALSE;
    }

  if (g_rename (temporary, path) != 0)
    {
      saved_errno = errno;
      g_unlink (temporary);
      set_io_error (error, saved_errno, path, folder);
      return FALSE;
    }

  /* The rename is on the disk once the folder is. Some file systems
   * cannot sync a folder (EINVAL): the file itself is synced already. */
  folder_fd = g_open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (folder_fd >= 0)
    {
      if (fsync (folder_fd) != 0 && errno != EINVAL)
        g_warning ("Could not sync the folder %s: %s", folder, g_strerror (errno));
      close (folder_fd);
    }

  return TRUE;
}

typedef struct
{
  GBytes *bytes;
  GBytes *expected;
} ReplaceData;

static void
replace_data_free (ReplaceData *data)
{
  g_bytes_unref (data->bytes);
  g_clear_pointer (&data->expected, g_bytes_unref);
  g_free (data);
}

static void
replace_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ReplaceData *data = task_data;
  GError *error = NULL;

  if (curator_safe_file_replace (G_FILE (source_object), data->bytes, data->expected,
                                 cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
curator_safe_file_replace_async (GFile               *file,
                                 GBytes              *bytes,
                                 GBytes              *expected,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ReplaceData *data;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (bytes != NULL);

  task = g_task_new (file, cancellable, callback, user_data);
  g_task_set_source_tag (task, curator_safe_file_replace_async);
  data = g_new0 (ReplaceData, 1);
  data->bytes = g_bytes_ref (bytes);
  data->expected = expected != NULL ? g_bytes_ref (expected) : NULL;
  g_task_set_task_data (task, data, (GDestroyNotify) replace_data_free);
  g_task_run_in_thread (task, replace_thread);
}

gboolean
curator_safe_file_replace_finish (GFile         *file,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, file), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * curator_safe_file_clean_leftovers:
 * @folder: a local folder
 * @cancellable: (nullable): a #GCancellable
 *
 * Removes the temporary files that saves interrupted by a crash left in
 * @folder (not in its sub-folders), once they are a minute old: a younger
 * one may be a save in progress.
 *
 * Returns: how many were removed
 */
guint
curator_safe_file_clean_leftovers (GFile        *folder,
                                   GCancellable *cancellable)
{
  g_autofree char *path = NULL;
  g_autoptr(GDir) dir = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;
  guint removed = 0;

  g_return_val_if_fail (G_IS_FILE (folder), 0);

  path = g_file_get_path (folder);
  if (path == NULL || (dir = g_dir_open (path, 0, NULL)) == NULL)
    return 0;

  while ((name = g_dir_read_name (dir)) != NULL && !g_cancellable_is_cancelled (cancellable))
    {
      g_autofree char *child = NULL;
      GStatBuf buf;

      if (!curator_safe_file_is_temporary (name))
        continue;
      child = g_build_filename (path, name, NULL);
      if (g_lstat (child, &buf) == 0 && S_ISREG (buf.st_mode) &&
          now - (gint64) buf.st_mtime >= LEFTOVER_AGE_S && g_unlink (child) == 0)
        removed++;
    }
  return removed;
}
