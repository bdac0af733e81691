/* sitmap-atomic-write.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-atomic-write"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sitmap-atomic-write.h"

/* Bytes written between looks at the cancellable */
#define CHUNK_SIZE (1024 * 1024)

static gboolean
set_errno_error (GError **error, int saved_errno, const char *path)
{
  g_autofree char *name = g_filename_display_basename (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), _("Could not write “%s”: %s"), name,
               g_strerror (saved_errno));
  return FALSE;
}

/* The file a symbolic link points to is the one to replace, not the link. */
static char *
resolve_target (const char *path)
{
  GStatBuf info;
  char *resolved;

  if (g_lstat (path, &info) == 0 && S_ISLNK (info.st_mode) && (resolved = realpath (path, NULL)) != NULL)
    {
      char *copy = g_strdup (resolved);

      free (resolved);
      return copy;
    }
  return g_strdup (path);
}

static gboolean
write_all (int fd, const guint8 *data, gsize size, GCancellable *cancellable, const char *path, GError **error)
{
  gsize done = 0;

  while (done < size)
    {
      gssize written;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      written = write (fd, data + done, MIN (size - done, CHUNK_SIZE));
      if (written < 0 && errno == EINTR)
        continue;
      if (written < 0)
        return set_errno_error (error, errno, path);
      done += written;
    }
  return TRUE;
}

/* Makes the rename itself survive a power cut; a failure here loses nothing, so it is not reported. */
static void
sync_directory (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

static gboolean
write_local (const char *requested, GBytes *bytes, GCancellable *cancellable, GError **error)
{
  g_autofree char *path = resolve_target (requested);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *template = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  GStatBuf old;
  int fd, saved_errno;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  fd = g_mkstemp_full (template, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    return set_errno_error (error, errno, path);
  /* A saved file keeps the permissions it had. */
  if (g_stat (path, &old) == 0 && S_ISREG (old.st_mode))
    fchmod (fd, old.st_mode & 07777);

  if (!write_all (fd, data, size, cancellable, path, error))
    goto failed;
  /* On the disk before it takes the old file's name: a crash must not leave an empty file there. */
  if (fsync (fd) != 0 || close (fd) != 0)
    {
      fd = -1;
      set_errno_error (error, errno, path);
      goto failed;
    }
  fd = -1;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto failed;
  if (g_rename (template, path) != 0)
    {
      set_errno_error (error, errno, path);
      goto failed;
    }
  sync_directory (path);
  return TRUE;

failed:
  saved_errno = errno;
  if (fd >= 0)
    close (fd);
  g_unlink (template);
  errno = saved_errno;
  return FALSE;
}

/* Other locations (a remote share through GVfs): GIO's replace, aborted rather than closed on failure,
 * since closing a replace stream moves what was written into place. */
static gboolean
write_with_gio (GFile *file, GBytes *bytes, GCancellable *cancellable, GError **error)
{
  g_autoptr (GFileOutputStream) stream = NULL;
  g_autoptr (GCancellable) abort = g_cancellable_new ();
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, cancellable, error);
  if (stream == NULL)
    return FALSE;
  if (!g_output_stream_write_all (G_OUTPUT_STREAM (stream), data, size, NULL, cancellable, error))
    {
      g_cancellable_cancel (abort);
      g_output_stream_close (G_OUTPUT_STREAM (stream), abort, NULL);
      return FALSE;
    }
  return g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, error);
}

gboolean
sitmap_atomic_write (GFile *file, GBytes *bytes, GCancellable *cancellable, GError **error)
{
  const char *path;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  path = g_file_peek_path (file);
  if (path != NULL)
    return write_local (path, bytes, cancellable, error);
  return write_with_gio (file, bytes, cancellable, error);
}
