/* fuzz-reader.c: one reader (FUZZ_FORMAT: kml, kmz, georss, csv or geojson) through its entry in the
 * format registry, as the window and the command line reach it, with a mapping of the columns when
 * the reader asks for one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fuzz-common.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const SitmapFormat *format = sitmap_format_find (FUZZ_FORMAT);
  g_autoptr (GBytes) bytes = g_bytes_new (data, size);
  g_autoptr (SitmapDocument) document = NULL;

  g_assert_nonnull (format);
  document = fuzz_read (format, "fuzz." FUZZ_FORMAT, bytes);
  if (document != NULL)
    fuzz_walk_document (document, 2000);
  return 0;
}
