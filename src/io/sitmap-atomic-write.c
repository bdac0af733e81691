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

/* Bytes gathered before they are written, and between looks at the cancellable */
#define CHUNK_SIZE (1024 * 1024)

struct _SitmapAtomicFile
{
  GCancellable *cancellable;
  GByteArray   *pending; /* written by the caller, not yet to the file */
  guint64       size;
  gboolean      committed;
  gboolean      backup; /* keep the old version as "<name>.bak" */
  GFile        *file;

  /* A local file: the temporary one beside it */
  char *path;
  char *template;
  int   fd;

  /* Elsewhere: GIO's replace stream */
  GFileOutputStream *stream;
};

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

/* A temporary name in the same folder, so that the rename stays on one file system. Short and fixed in
 * length: a long file name plus a suffix could exceed what the file system allows. */
static gboolean
open_local (SitmapAtomicFile *self, const char *requested, GError **error)
{
  g_autofree char *dir = NULL;
  GStatBuf old;

  self->path = resolve_target (requested);
  /* Renaming over a read-only file would succeed: it is refused as writing into it would be. */
  if (g_access (self->path, F_OK) == 0 && g_access (self->path, W_OK) != 0)
    return set_errno_error (error, errno, self->path);
  dir = g_path_get_dirname (self->path);
  self->template = g_build_filename (dir, ".sitmap-save-XXXXXX", NULL);
  self->fd = g_mkstemp_full (self->template, O_WRONLY | O_CLOEXEC, 0666);
  if (self->fd < 0)
    {
      g_clear_pointer (&self->template, g_free);
      return set_errno_error (error, errno, self->path);
    }
  /* A saved file keeps the permissions it had. */
  if (g_stat (self->path, &old) == 0 && S_ISREG (old.st_mode))
    fchmod (self->fd, old.st_mode & 07777);
  return TRUE;
}

SitmapAtomicFile *
sitmap_atomic_file_new (GFile *file, GCancellable *cancellable, GError **error)
{
  g_autoptr (SitmapAtomicFile) self = g_new0 (SitmapAtomicFile, 1);
  const char *path;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  self->fd = -1;
  self->file = g_object_ref (file);
  self->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  self->pending = g_byte_array_sized_new (CHUNK_SIZE);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  path = g_file_peek_path (file);
  if (path != NULL)
    return open_local (self, path, error) ? g_steal_pointer (&self) : NULL;
  self->stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, cancellable, error);
  return self->stream ? g_steal_pointer (&self) : NULL;
}

static gboolean
write_fd (SitmapAtomicFile *self, const guint8 *data, gsize size, GError **error)
{
  gsize done = 0;

  while (done < size)
    {
      gssize written = write (self->fd, data + done, size - done);

      if (written < 0 && errno == EINTR)
        continue;
      if (written < 0)
        return set_errno_error (error, errno, self->path);
      done += written;
    }
  return TRUE;
}

static gboolean
flush_pending (SitmapAtomicFile *self, GError **error)
{
  gboolean ok;

  if (g_cancellable_set_error_if_cancelled (self->cancellable, error))
    return FALSE;
  if (self->fd >= 0)
    ok = write_fd (self, self->pending->data, self->pending->len, error);
  else
    ok = g_output_stream_write_all (G_OUTPUT_STREAM (self->stream), self->pending->data, self->pending->len, NULL,
                                    self->cancellable, error);
  g_byte_array_set_size (self->pending, 0);
  return ok;
}

gboolean
sitmap_atomic_file_write (SitmapAtomicFile *self, const void *data, gsize size, GError **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->committed, FALSE);

  self->size += size;
  if (self->pending->len + size > CHUNK_SIZE && !flush_pending (self, error))
    return FALSE;
  if (size >= CHUNK_SIZE)
    {
      g_byte_array_append (self->pending, data, size);
      return flush_pending (self, error);
    }
  g_byte_array_append (self->pending, data, size);
  return TRUE;
}

guint64
sitmap_atomic_file_get_size (SitmapAtomicFile *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->size;
}

void
sitmap_atomic_file_set_backup (SitmapAtomicFile *self, gboolean backup)
{
  g_return_if_fail (self != NULL);
  self->backup = backup;
}

GFile *
sitmap_atomic_file_dup_backup_file (GFile *file)
{
  g_autofree char *name = NULL;
  g_autofree char *backup = NULL;
  g_autoptr (GFile) parent = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_basename (file);
  backup = g_strconcat (name, ".bak", NULL);
  parent = g_file_get_parent (file);
  return parent ? g_file_get_child (parent, backup) : g_file_new_for_path (backup);
}

/* The old file's content under a temporary name: a second name for the same file when the file system
 * has hard links (nothing copied, however large), else a copy. */
static gboolean
keep_old_version (const char *path, const char *kept)
{
  g_autoptr (GFile) from = NULL;
  g_autoptr (GFile) to = NULL;
  g_autoptr (GError) error = NULL;

  if (link (path, kept) == 0)
    return TRUE;
  from = g_file_new_for_path (path);
  to = g_file_new_for_path (kept);
  if (g_file_copy (from, to, G_FILE_COPY_OVERWRITE | G_FILE_COPY_NOFOLLOW_SYMLINKS, NULL, NULL, NULL, &error))
    return TRUE;
  g_debug ("No backup of %s: %s", path, error->message);
  g_unlink (kept);
  return FALSE;
}

/* "<name>.bak" becomes the file's old version in one rename, while the file keeps its name: a crash at
 * any moment leaves the file whole, old or new, and the backup the previous one or the one before. */
static void
make_local_backup (const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFile) backup = sitmap_atomic_file_dup_backup_file (file);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *name = g_strdup_printf (".sitmap-bak-%08x%08x", g_random_int (), g_random_int ());
  g_autofree char *kept = g_build_filename (dir, name, NULL);
  GStatBuf old;

  if (g_lstat (path, &old) != 0 || !S_ISREG (old.st_mode))
    return;
  if (!keep_old_version (path, kept))
    return;
  if (g_rename (kept, g_file_peek_path (backup)) != 0)
    {
      g_debug ("No backup of %s: %s", path, g_strerror (errno));
      g_unlink (kept);
    }
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
commit_local (SitmapAtomicFile *self, GError **error)
{
  int fd = self->fd;

  /* On the disk before it takes the old file's name: a crash must not leave an empty file there. */
  if (fsync (fd) != 0)
    return set_errno_error (error, errno, self->path);
  self->fd = -1;
  if (close (fd) != 0)
    return set_errno_error (error, errno, self->path);
  if (g_cancellable_set_error_if_cancelled (self->cancellable, error))
    return FALSE;
  if (self->backup)
    make_local_backup (self->path);
  if (g_rename (self->template, self->path) != 0)
    return set_errno_error (error, errno, self->path);
  g_clear_pointer (&self->template, g_free);
  sync_directory (self->path);
  return TRUE;
}

gboolean
sitmap_atomic_file_commit (SitmapAtomicFile *self, GError **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->committed, FALSE);

  if (!flush_pending (self, error))
    return FALSE;
  if (self->fd >= 0 && !commit_local (self, error))
    return FALSE;
  if (self->stream != NULL && self->backup)
    {
      g_autoptr (GFile) backup = sitmap_atomic_file_dup_backup_file (self->file);

      /* Through GIO the backup is a copy, made just before the new version replaces the old one. */
      if (!g_file_copy (self->file, backup, G_FILE_COPY_OVERWRITE, self->cancellable, NULL, NULL, NULL))
        g_debug ("No backup of the file");
    }
  if (self->stream != NULL &&
      !g_output_stream_close (G_OUTPUT_STREAM (self->stream), self->cancellable, error))
    return FALSE;
  self->committed = TRUE;
  return TRUE;
}

void
sitmap_atomic_file_free (SitmapAtomicFile *self)
{
  if (self == NULL)
    return;
  if (self->fd >= 0)
    close (self->fd);
  if (self->template != NULL)
    g_unlink (self->template);
  /* Closing a replace stream moves what was written into place: an unfinished one is aborted instead. */
  if (self->stream != NULL && !self->committed && !g_output_stream_is_closed (G_OUTPUT_STREAM (self->stream)))
    {
      g_autoptr (GCancellable) abort = g_cancellable_new ();

      g_cancellable_cancel (abort);
      g_output_stream_close (G_OUTPUT_STREAM (self->stream), abort, NULL);
    }
  g_clear_object (&self->stream);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->file);
  g_byte_array_unref (self->pending);
  g_free (self->path);
  g_free (self->template);
  g_free (self);
}

gboolean
sitmap_atomic_write (GFile        *file,
                     GBytes       *bytes,
                     GCancellable *cancellable,
                     GError      **error)
{
  g_autoptr (SitmapAtomicFile) output = NULL;
  gsize size;
  const void *data;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  output = sitmap_atomic_file_new (file, cancellable, error);
  if (output == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &size);
  return sitmap_atomic_file_write (output, data, size, error) && sitmap_atomic_file_commit (output, error);
}
