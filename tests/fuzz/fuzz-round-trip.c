/* fuzz-round-trip.c: what Sitmap reads, it writes in every format it writes, and reads back: a writer
 * must never write what its own reader refuses, nor lose events on the way. The input is read as
 * fuzz-detect reads it (its first byte picks the file's name).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "fuzz-common.h"
#include "sitmap-event.h"

static const char *const names[] = { "fuzz", "fuzz.kml", "fuzz.geojson", "fuzz.csv", "fuzz.rss" };

static char *folder;

static void
remove_folder (void)
{
  g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);

      g_unlink (path);
    }
  g_rmdir (folder);
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init ();
  folder = g_dir_make_tmp ("sitmap-fuzz-XXXXXX", NULL);
  g_assert_nonnull (folder);
  atexit (remove_folder);
  return 0;
}

/* Events, those with the same id counted once. */
static guint
count_distinct (SitmapDocument *document)
{
  g_autoptr (GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = 0;

  for (guint i = 0; i < sitmap_document_get_n_events (document); i++)
    {
      g_autoptr (SitmapEvent) event = sitmap_document_get_event (document, i);
      const char *id = sitmap_event_get_id (event);

      if (id == NULL || *id == '\0')
        n++;
      else if (g_hash_table_add (ids, g_strdup (id)))
        n++;
    }
  return n;
}

static void
write_and_read_back (SitmapDocument *document, const SitmapFormat *format)
{
  g_autofree char *path = g_strdup_printf ("%s/round-trip.%s", folder, format->extensions[0]);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (SitmapDocument) back = NULL;

  if (!format->write (document, NULL, file, NULL, &error))
    g_error ("%s could not write what was read: %s", format->id, error->message);
  bytes = g_file_load_bytes (file, NULL, NULL, &error);
  g_assert_no_error (error);
  back = fuzz_read (format, path, bytes);
  if (back == NULL)
    {
      /* fuzz_read checked the message; say it. */
      g_autoptr (SitmapImport) import = sitmap_import_new ();

      sitmap_import_begin (import, path, NULL);
      g_clear_object (&back);
      back = format->read (bytes, import, &error);
      g_error ("%s refuses what its writer wrote: %s", format->id, error ? error->message : "?");
    }
  /* Events that share an id are kept by the KML and CSV readers, and the second left out (and said) by the
   * GeoJSON and GeoRSS readers: either count is right, no other. */
  if (sitmap_document_get_n_events (back) != sitmap_document_get_n_events (document) &&
      sitmap_document_get_n_events (back) != count_distinct (document))
    g_error ("%s: %u events written (%u distinct), %u read back", format->id, sitmap_document_get_n_events (document),
             count_distinct (document), sitmap_document_get_n_events (back));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (SitmapDocument) document = NULL;
  const SitmapFormat *format;
  const char         *name;

  if (size < 1)
    return 0;
  name = names[data[0] % G_N_ELEMENTS (names)];
  bytes = g_bytes_new (data + 1, size - 1);
  format = sitmap_format_detect (bytes, name, NULL);
  if (format == NULL)
    return 0;
  document = fuzz_read (format, name, bytes);
  if (document == NULL)
    return 0;
  for (const SitmapFormat *const *f = sitmap_formats (); *f != NULL; f++)
    if ((*f)->write != NULL && (*f)->read != NULL)
      write_and_read_back (document, *f);
  return 0;
}
