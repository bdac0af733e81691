/* sitmap-kmz-writer.c: a document out as a KMZ archive: its KML as doc.kml, then the files it came with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-kmz"

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n.h>
#include <string.h>

#include "sitmap-atomic-write.h"
#include "sitmap-kml-writer.h"
#include "sitmap-kmz.h"

typedef struct
{
  SitmapAtomicFile *file;
  GError           *error; /* why the output stopped */
} Output;

static la_ssize_t
write_cb (struct archive *archive, void *data, const void *buffer, size_t length)
{
  Output *out = data;

  if (out->error != NULL || !sitmap_atomic_file_write (out->file, buffer, length, &out->error))
    return -1;
  return length;
}

static gboolean
fail_archive (struct archive *archive, Output *out, GError **error)
{
  if (out->error != NULL)
    g_propagate_error (error, g_steal_pointer (&out->error));
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The document could not be written as KMZ (%s)"),
                 archive_error_string (archive) ? archive_error_string (archive) : "");
  return FALSE;
}

static gboolean
add_entry (struct archive *archive, Output *out, const char *name, GBytes *bytes, time_t now, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  struct archive_entry *entry = archive_entry_new ();
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  gboolean ok;

  archive_entry_set_pathname_utf8 (entry, name);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_size (entry, size);
  archive_entry_set_mtime (entry, now, 0);
  ok = archive_write_header (archive, entry) == ARCHIVE_OK &&
       (size == 0 || archive_write_data (archive, data, size) == (la_ssize_t) size) &&
       archive_write_finish_entry (archive) == ARCHIVE_OK;
  archive_entry_free (entry);
  return ok || fail_archive (archive, out, error);
}

/* Whether a resource would be taken for the document, or stand for it, in another program. */
static gboolean
is_main_name (const char *name)
{
  return g_ascii_strcasecmp (name, "doc.kml") == 0;
}

static gboolean
write_archive (SitmapDocument *document, GBytes *kml, Output *out, GCancellable *cancellable, GError **error)
{
  struct archive *archive = archive_write_new ();
  time_t now = (time_t) (g_get_real_time () / G_USEC_PER_SEC);
  gboolean ok;

  ok = archive_write_set_format_zip (archive) == ARCHIVE_OK &&
       archive_write_zip_set_compression_deflate (archive) == ARCHIVE_OK &&
       /* A zip archive is not padded to blocks as a tape archive is */
       archive_write_set_bytes_in_last_block (archive, 1) == ARCHIVE_OK &&
       archive_write_open (archive, out, NULL, write_cb, NULL) == ARCHIVE_OK;
  if (!ok)
    fail_archive (archive, out, error);
  /* doc.kml first: Google Earth reads the first KML file of an archive */
  ok = ok && add_entry (archive, out, "doc.kml", kml, now, error);
  for (guint i = 0; ok && i < sitmap_document_get_n_resources (document); i++)
    {
      const char *name;
      GBytes *bytes = sitmap_document_get_resource (document, i, &name);

      ok = !g_cancellable_set_error_if_cancelled (cancellable, error);
      if (ok && !is_main_name (name))
        ok = add_entry (archive, out, name, bytes, now, error);
    }
  if (ok && archive_write_close (archive) != ARCHIVE_OK)
    ok = fail_archive (archive, out, error);
  archive_write_free (archive);
  return ok;
}

gboolean
sitmap_kmz_write_events_file (SitmapDocument *document,
                              GArray         *positions,
                              GFile          *file,
                              GCancellable   *cancellable,
                              GError        **error)
{
  g_autoptr (SitmapAtomicFile) atomic = NULL;
  g_autoptr (GBytes) kml = NULL;
  Output out = { 0 };

  g_return_val_if_fail (SITMAP_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  kml = sitmap_kml_write_events_bytes (document, positions, cancellable, error);
  if (kml == NULL)
    return FALSE;
  atomic = sitmap_atomic_file_new (file, cancellable, error);
  if (atomic == NULL)
    return FALSE;
  out.file = atomic;
  /* Freeing an uncommitted file removes what was written: a failed write leaves the old file as it was. */
  return write_archive (document, kml, &out, cancellable, error) && sitmap_atomic_file_commit (atomic, error);
}
