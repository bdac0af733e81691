/* sitmap-load-bytes.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-load-bytes"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "sitmap-error.h"
#include "sitmap-load-bytes.h"

/* Bytes read between looks at the cancellable */
#define CHUNK_SIZE (1024 * 1024)

char *
sitmap_file_dup_display_name (GFile *file, GFileInfo *info)
{
  g_autofree char *basename = NULL;

  if (info != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME))
    return g_strdup (g_file_info_get_display_name (info));
  basename = g_file_get_basename (file);
  return basename ? g_filename_display_name (basename) : g_file_get_parse_name (file);
}

/* Whether info describes a file Sitmap may read whole; sets error otherwise. */
static gboolean
check_file (GFileInfo *info, GError **error)
{
  GFileType type = g_file_info_get_file_type (info);

  if (type == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, _("it is a folder, not a file"));
      return FALSE;
    }
  if (type != G_FILE_TYPE_REGULAR)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                           _("it is not a file but a device, a pipe or a socket, which Sitmap does not open"));
      return FALSE;
    }
  if (g_file_info_get_size (info) > SITMAP_DOCUMENT_MAX_SIZE)
    {
      g_set_error_literal (error, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_TOO_LARGE,
                           _("the file is larger than 2 GB, more than Sitmap can open"));
      return FALSE;
    }
  return TRUE;
}

/* Reads to the end, but never more than SITMAP_DOCUMENT_MAX_SIZE: the file may grow while it is read. */
static GBytes *
read_capped (GInputStream *stream, goffset expected, GCancellable *cancellable, GError **error)
{
  gsize capacity = (gsize) CLAMP (expected, 0, SITMAP_DOCUMENT_MAX_SIZE) + 1;
  g_autoptr (GByteArray) data = g_byte_array_sized_new ((guint) capacity);

  for (;;)
    {
      guint len = data->len;
      /* Within the size announced while there is room (one read past it finds the end), so that the array is
       * never reallocated for a file that does not grow. */
      gsize room = MIN (len < capacity ? capacity - len : CHUNK_SIZE, CHUNK_SIZE);
      gssize n;

      room = MIN (room, (gsize) SITMAP_DOCUMENT_MAX_SIZE + 1 - len);
      g_byte_array_set_size (data, len + room);
      n = g_input_stream_read (stream, data->data + len, room, cancellable, error);
      if (n < 0)
        return NULL;
      g_byte_array_set_size (data, len + n);
      if (n == 0)
        return g_byte_array_free_to_bytes (g_steal_pointer (&data));
      if (data->len > SITMAP_DOCUMENT_MAX_SIZE)
        {
          g_set_error_literal (error, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_TOO_LARGE,
                               _("the file is larger than 2 GB, more than Sitmap can open"));
          return NULL;
        }
    }
}

/*
 * Mapped files
 *
 * A mapped file costs no copy and no memory of its own: its pages are the system's cache of the file. The
 * price is that a file cut short while mapped faults (SIGBUS) instead of failing a read, and so does a
 * device that fails a read: only files on local disk filesystems are mapped, and only large ones, where the
 * copy would matter (a 480 MB ACLED export). The bytes Sitmap maps are recorded, so that
 * sitmap_bytes_release() knows which memory it may give back (on memory of its own, madvise() would lose it).
 */

static GMutex mapped_lock;
static GHashTable *mapped; /* data → GMappedFile */

static void
unmap_cb (gpointer data)
{
  GMappedFile *file = data;

  g_mutex_lock (&mapped_lock);
  g_hash_table_remove (mapped, g_mapped_file_get_contents (file));
  g_mutex_unlock (&mapped_lock);
  g_mapped_file_unref (file);
}

static gboolean
is_local_disk (GFile *file, GCancellable *cancellable)
{
  static const char *const types[] = { "ext3/ext4", "ext2", "ext3", "ext4", "btrfs", "xfs", "f2fs", "tmpfs",
                                       "zfs", "bcachefs", "jfs", "reiserfs", "apfs", "hfs", NULL };
  g_autoptr (GFileInfo) info = g_file_query_filesystem_info (file, G_FILE_ATTRIBUTE_FILESYSTEM_TYPE, cancellable,
                                                             NULL);
  const char *type = info ? g_file_info_get_attribute_string (info, G_FILE_ATTRIBUTE_FILESYSTEM_TYPE) : NULL;

  return type != NULL && g_strv_contains (types, type);
}

/* The file mapped, or NULL to read it instead (for any reason: reading will say what is wrong). */
static GBytes *
map_file (GFile *file, goffset size, GCancellable *cancellable)
{
  g_autofree char *path = g_file_get_path (file);
  GMappedFile *mapping;
  GBytes *bytes;
  char *contents;

  if (path == NULL || size < SITMAP_LOAD_MAP_MIN_SIZE || size > SITMAP_DOCUMENT_MAX_SIZE ||
      !is_local_disk (file, cancellable))
    return NULL;
  mapping = g_mapped_file_new (path, FALSE, NULL);
  if (mapping == NULL)
    return NULL;
  contents = g_mapped_file_get_contents (mapping);
  if (contents == NULL || g_mapped_file_get_length (mapping) != (gsize) size)
    {
      g_mapped_file_unref (mapping);
      return NULL;
    }
  /* Read once from the start: the kernel may read ahead more */
  madvise (contents, g_mapped_file_get_length (mapping), MADV_SEQUENTIAL);
  g_mutex_lock (&mapped_lock);
  if (mapped == NULL)
    mapped = g_hash_table_new (NULL, NULL);
  g_hash_table_insert (mapped, contents, mapping);
  g_mutex_unlock (&mapped_lock);
  bytes = g_bytes_new_with_free_func (contents, g_mapped_file_get_length (mapping), unmap_cb, mapping);
  return bytes;
}

gboolean
sitmap_bytes_is_mapped (GBytes *bytes)
{
  gboolean found;

  g_return_val_if_fail (bytes != NULL, FALSE);

  g_mutex_lock (&mapped_lock);
  found = mapped != NULL && g_hash_table_contains (mapped, g_bytes_get_data (bytes, NULL));
  g_mutex_unlock (&mapped_lock);
  return found;
}

void
sitmap_bytes_release (GBytes *bytes, gsize offset, gsize length)
{
  gsize size, page = (gsize) sysconf (_SC_PAGESIZE);
  const guint8 *data = g_bytes_get_data (bytes, &size);
  guintptr start, end;

  g_return_if_fail (offset <= size && length <= size - offset);

  if (length == 0 || !sitmap_bytes_is_mapped (bytes))
    return;
  /* Whole pages only: the first partly read one stays */
  start = ((guintptr) (data + offset) + page - 1) & ~(guintptr) (page - 1);
  end = (guintptr) (data + offset + length) & ~(guintptr) (page - 1);
  if (end > start)
    madvise ((void *) start, end - start, MADV_DONTNEED);
}

GBytes *
sitmap_load_bytes (GFile *file, GCancellable *cancellable, char **display_name, GError **error)
{
  g_autoptr (GFileInfo) info = NULL;
  g_autoptr (GFileInfo) opened = NULL;
  g_autoptr (GFileInputStream) stream = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME "," G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  *display_name = sitmap_file_dup_display_name (file, info);
  /* Checked before opening: opening a pipe waits until something writes into it. */
  if (info == NULL || !check_file (info, error))
    return NULL;
  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;
  /* And again on what was opened, in case the name now leads elsewhere */
  opened = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                           cancellable, NULL);
  if (opened != NULL && g_file_info_has_attribute (opened, G_FILE_ATTRIBUTE_STANDARD_TYPE) &&
      !check_file (opened, error))
    return NULL;
  if (opened != NULL && g_file_info_has_attribute (opened, G_FILE_ATTRIBUTE_STANDARD_SIZE))
    {
      GBytes *bytes = map_file (file, g_file_info_get_size (opened), cancellable);

      if (bytes != NULL)
        return bytes;
    }
  return read_capped (G_INPUT_STREAM (stream), g_file_info_get_size (info), cancellable, error);
}
