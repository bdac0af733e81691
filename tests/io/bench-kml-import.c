/* bench-kml-import.c: importing 100,000 placemarks, beside libxml2's own reader walking the same file
 *
 * Two files of the same 100,000 events: plain placemarks (name, description, TimeStamp, Point), as most
 * programs write them, and the same made into KML by GDAL (ogr2ogr -f KML: a Schema, a Folder, SchemaData
 * in every Placemark, tabs and new lines between elements). For each, the whole import (the file read from
 * the page cache to a finished, time-indexed document) is timed beside `xmllint --stream --noout` on the
 * same file, in turns, and the medians compared: libxml2's reader walking the file is the floor Sitmap is
 * held to.
 *
 * Usage: bench-kml-import XMLLINT OGR2OGR. Prints "name: value unit" lines.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "sitmap-bench.h"
#include "sitmap-import.h"
#include "sitmap-kml-reader.h"
#include "sitmap-load-bytes.h"

#define N_EVENTS 100000
#define N_RUNS   7

/* Events over Syria and over two years, as a monitoring export would place them. */
static void
write_plain_kml (const char *path)
{
  g_autoptr (GString) kml = g_string_sized_new (N_EVENTS * 320);
  g_autoptr (GRand) rand = g_rand_new_with_seed (42);
  g_autoptr (GError) error = NULL;

  g_string_append (kml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<kml xmlns=\"http://www.opengis.net/kml/2.2\">\n<Document>\n<name>Benchmark</name>\n");
  for (guint i = 0; i < N_EVENTS; i++)
    {
      GDate date;
      char when[16];

      g_date_set_dmy (&date, 1, G_DATE_JANUARY, 2023);
      g_date_add_days (&date, g_rand_int_range (rand, 0, 730));
      g_date_strftime (when, sizeof when, "%Y-%m-%d", &date);
      g_string_append_printf (kml,
                              "<Placemark id=\"ev-%u\">\n"
                              "  <name>Event %u reported near a town</name>\n"
                              "  <description>A summary of event %u in one or two plain sentences, as an "
                              "analyst writes it.</description>\n"
                              "  <TimeStamp><when>%s</when></TimeStamp>\n"
                              "  <Point><coordinates>%.4f,%.4f</coordinates></Point>\n"
                              "</Placemark>\n",
                              i, i, i, when, g_rand_double_range (rand, 35.7, 42.0),
                              g_rand_double_range (rand, 32.3, 37.3));
    }
  g_string_append (kml, "</Document>\n</kml>\n");
  if (!g_file_set_contents (path, kml->str, kml->len, &error))
    g_error ("%s", error->message);
}

static void
run (const char *const *argv)
{
  g_autoptr (GError) error = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                     NULL, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("%s: %s", argv[0], error->message);
}

/* The whole import, as the window does it: the file's bytes, its format's reader, the finished document. */
static double
time_import (const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (SitmapImport) import = sitmap_import_new ();
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;
  double start = sitmap_bench_now_ms ();

  bytes = sitmap_load_bytes (file, NULL, &name, &error);
  if (bytes != NULL)
    {
      sitmap_import_begin (import, name, NULL);
      document = sitmap_kml_read (bytes, import, &error);
    }
  if (document == NULL || sitmap_document_get_n_events (document) != N_EVENTS)
    g_error ("importing %s failed: %s", path, error ? error->message : "wrong number of events");
  /* Freeing the document is not part of the import */
  return sitmap_bench_now_ms () - start;
}

static double
time_xmllint (const char *xmllint, const char *path)
{
  const char *argv[] = { xmllint, "--stream", "--noout", path, NULL };
  double start = sitmap_bench_now_ms ();

  run (argv);
  return sitmap_bench_now_ms () - start;
}

/* Sitmap and xmllint in turns, so that a busy moment of the machine falls on both. */
static void
measure (const char *label, const char *xmllint, const char *path)
{
  double sitmap_ms[N_RUNS], xmllint_ms[N_RUNS], sitmap, floor;

  time_import (path); /* the file into the page cache */
  for (guint i = 0; i < N_RUNS; i++)
    {
      xmllint_ms[i] = time_xmllint (xmllint, path);
      sitmap_ms[i] = time_import (path);
    }
  sitmap = sitmap_bench_median (sitmap_ms, N_RUNS);
  floor = sitmap_bench_median (xmllint_ms, N_RUNS);
  g_print ("import_kml%s_100k_s: %.3f s\n", label, sitmap / 1000);
  g_print ("xmllint_stream%s_100k_s: %.3f s\n", label, floor / 1000);
  g_print ("import_kml%s_vs_xmllint_ratio: %.2f\n", label, sitmap / floor);
}

int
main (int argc, char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *gdal = NULL;

  if (argc != 3)
    g_error ("usage: %s XMLLINT OGR2OGR", argv[0]);
  dir = g_dir_make_tmp ("sitmap-bench-XXXXXX", NULL);
  plain = g_build_filename (dir, "plain.kml", NULL);
  gdal = g_build_filename (dir, "gdal.kml", NULL);
  write_plain_kml (plain);
  {
    const char *convert[] = { argv[2], "-f", "KML", gdal, plain, NULL };

    run (convert);
  }
  measure ("", argv[1], plain);
  measure ("_gdal", argv[1], gdal);
  g_unlink (plain);
  g_unlink (gdal);
  g_rmdir (dir);
  return 0;
}
