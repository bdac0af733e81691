/* sitmap-load-bytes.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-load-bytes"

#include "config.h"

#include <glib/gi18n.h>

#include "sitmap-error.h"
#include "sitmap-load-bytes.h"

/* Bytes read between looks at the cancellable */
#define CHUNK_SIZE (1024 * 1024)

static char *
dup_display_name (GFile *file, GFileInfo *info)
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
  *display_name = dup_display_name (file, info);
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
  return read_capped (G_INPUT_STREAM (stream), g_file_info_get_size (info), cancellable, error);
}
