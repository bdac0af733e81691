/* fuzz-detect.c: format detection by content, then the detected format's reader, as `sitmap FILE` and
 * a drop onto the window do. The first byte picks the name the file has (none, or one of each
 * format's extensions), since the extension breaks ties.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fuzz-common.h"

#include "sitmap-error.h"

static const char *const names[] = {
  "fuzz", "fuzz.kml", "fuzz.kmz", "fuzz.rss", "fuzz.atom", "fuzz.xml", "fuzz.geojson", "fuzz.json", "fuzz.csv", "fuzz.tsv", "FUZZ.KML",
};

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SitmapDocument) document = NULL;
  const SitmapFormat *format;
  const char         *name;

  if (size < 1)
    return 0;
  name = names[data[0] % G_N_ELEMENTS (names)];
  bytes = g_bytes_new (data + 1, size - 1);
  format = sitmap_format_detect (bytes, name, &error);
  g_assert_true ((format == NULL) != (error == NULL));
  if (format == NULL)
    {
      g_assert_true (g_error_matches (error, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_UNKNOWN_FORMAT));
      fuzz_check_message ("detect error", error->message);
      return 0;
    }
  g_assert_nonnull (format->read);
  document = fuzz_read (format, name, bytes);
  if (document != NULL)
    fuzz_walk_document (document, 200);
  return 0;
}
