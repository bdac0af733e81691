/* bench-feeds.c: reading 100,000 GeoJSON features and GeoRSS entries, and writing 100,000 events as GeoJSON
 *
 * Prints "name: value unit" lines, the median of several runs. Beside the GeoJSON import, json-glib parsing the
 * same text into one tree, which is what the reader would cost without its checks and per-feature parsing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "sitmap-bench.h"
#include "sitmap-geojson-reader.h"
#include "sitmap-geojson-writer.h"
#include "sitmap-georss-reader.h"

#define N_EVENTS 100000
#define N_RUNS   5

/* Features shaped like USGS's: a point, epoch milliseconds, twenty-odd properties. */
static GBytes *
generate_geojson (void)
{
  g_autoptr (GString) json = g_string_sized_new (N_EVENTS * 600);
  g_autoptr (GRand) rand = g_rand_new_with_seed (42);

  g_string_append (json, "{\"type\":\"FeatureCollection\",\"metadata\":{\"title\":\"Benchmark\"},\"features\":[\n");
  for (guint i = 0; i < N_EVENTS; i++)
    g_string_append_printf (json,
                            "%s{\"type\":\"Feature\",\"id\":\"ev%u\",\"geometry\":{\"type\":\"Point\",\"coordinates\":"
                            "[%.4f,%.4f,%.2f]},\"properties\":{\"mag\":%.1f,\"place\":\"%u km SW of a town\","
                            "\"time\":%" G_GINT64_FORMAT ",\"updated\":%" G_GINT64_FORMAT ",\"tz\":180,"
                            "\"url\":\"https://example.org/event/%u\",\"felt\":null,\"cdi\":null,\"status\":\"reviewed\","
                            "\"tsunami\":0,\"sig\":%d,\"net\":\"us\",\"code\":\"c%u\",\"ids\":\",us%u,\","
                            "\"sources\":\",us,\",\"nst\":%d,\"dmin\":%.3f,\"rms\":%.2f,\"gap\":%d,\"magType\":\"mb\","
                            "\"type\":\"earthquake\"}}\n",
                            i ? "," : "", i, g_rand_double_range (rand, 35.7, 42.0), g_rand_double_range (rand, 32.3, 37.3),
                            g_rand_double_range (rand, 0, 100), g_rand_double_range (rand, 2.5, 7), i % 300,
                            (gint64) 1672531200000 + g_rand_int_range (rand, 0, 63072000) * (gint64) 1000,
                            (gint64) 1672531200000 + g_rand_int_range (rand, 0, 63072000) * (gint64) 1000, i,
                            g_rand_int_range (rand, 0, 1000), i, i, g_rand_int_range (rand, 0, 100),
                            g_rand_double_range (rand, 0, 10), g_rand_double_range (rand, 0, 2),
                            g_rand_int_range (rand, 0, 360));
  g_string_append (json, "]}\n");
  return g_string_free_to_bytes (g_steal_pointer (&json));
}

/* Entries shaped like INGV's Atom feed. */
static GBytes *
generate_georss (void)
{
  g_autoptr (GString) xml = g_string_sized_new (N_EVENTS * 800);
  g_autoptr (GRand) rand = g_rand_new_with_seed (42);

  g_string_append (xml, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" "
                        "xmlns:georss=\"http://www.georss.org/georss\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
                        "<title>Benchmark</title><author><name>Bench</name></author><id>urn:bench</id>\n");
  for (guint i = 0; i < N_EVENTS; i++)
    g_string_append_printf (xml,
                            "<entry><id>urn:bench:%u</id><title><![CDATA[Magnitude %.1f, %u km SW of a town]]></title>"
                            "<updated>2024-12-10T05:30:00+00:00</updated><link rel=\"alternate\" "
                            "href=\"https://example.org/event/%u\"/><summary><![CDATA[A magnitude %.1f earthquake "
                            "occurred %u km south-west of a town.]]></summary><dc:date>2024-%02u-%02uT%02u:%02u:00+00:00"
                            "</dc:date><georss:point>%.4f %.4f</georss:point></entry>\n",
                            i, g_rand_double_range (rand, 1, 6), i % 300, i, g_rand_double_range (rand, 1, 6), i % 300,
                            g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29), g_rand_int_range (rand, 0, 24),
                            g_rand_int_range (rand, 0, 60), g_rand_double_range (rand, 32.3, 37.3),
                            g_rand_double_range (rand, 35.7, 42.0));
  g_string_append (xml, "</feed>\n");
  return g_string_free_to_bytes (g_steal_pointer (&xml));
}

static SitmapDocument *
read_with (SitmapDocument *(*read) (GBytes *, SitmapImport *, GError **), GBytes *bytes, double *ms)
{
  g_autoptr (SitmapImport) import = sitmap_import_new ();
  g_autoptr (GError) error = NULL;
  double start = sitmap_bench_now_ms ();
  SitmapDocument *document = read (bytes, import, &error);

  *ms = sitmap_bench_now_ms () - start;
  g_assert_no_error (error);
  g_assert_cmpuint (sitmap_document_get_n_events (document), ==, N_EVENTS);
  return document;
}

int
main (int argc, char *argv[])
{
  g_autoptr (GBytes) geojson = generate_geojson ();
  g_autoptr (GBytes) georss = generate_georss ();
  g_autoptr (SitmapDocument) document = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sitmap-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "events.geojson", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  double read_geojson[N_RUNS], parse_geojson[N_RUNS], read_georss[N_RUNS], write_geojson[N_RUNS];

  for (guint run = 0; run < N_RUNS; run++)
    {
      g_autoptr (SitmapDocument) feed = NULL;
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autoptr (GError) error = NULL;
      gsize length;
      const char *data = g_bytes_get_data (geojson, &length);
      double start;

      g_clear_object (&document);
      document = read_with (sitmap_geojson_read, geojson, &read_geojson[run]);
      feed = read_with (sitmap_georss_read, georss, &read_georss[run]);
      start = sitmap_bench_now_ms ();
      g_assert_true (json_parser_load_from_data (parser, data, length, &error));
      parse_geojson[run] = sitmap_bench_now_ms () - start;
      start = sitmap_bench_now_ms ();
      g_assert_true (sitmap_geojson_write_events_file (document, NULL, file, NULL, &error));
      g_assert_no_error (error);
      write_geojson[run] = sitmap_bench_now_ms () - start;
    }
  g_print ("import_geojson_100k_s: %.3f s\n", sitmap_bench_median (read_geojson, N_RUNS) / 1000);
  g_print ("import_geojson_vs_json_glib_ratio: %.2f\n",
           sitmap_bench_median (read_geojson, N_RUNS) / sitmap_bench_median (parse_geojson, N_RUNS));
  g_print ("import_georss_100k_s: %.3f s\n", sitmap_bench_median (read_georss, N_RUNS) / 1000);
  g_print ("export_geojson_100k_s: %.3f s\n", sitmap_bench_median (write_geojson, N_RUNS) / 1000);
  g_unlink (path);
  g_rmdir (dir);
  return 0;
}
