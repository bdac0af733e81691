/* bench-kml.c: reading and writing 100,000 events, as a large monitoring export would have
 *
 * Prints "name: value unit" lines, the median of several runs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
#include <malloc.h>
#define HAVE_MALLINFO2 1
#endif

#include "sitmap-bench.h"
#include "sitmap-kml-reader.h"
#include "sitmap-kml-writer.h"

#define N_EVENTS  100000
#define N_RUNS    5
#define N_SOURCES 40

static const char *const categories[] = {
  "battle", "remote-violence", "violence-against-civilians", "protest", "riot", "strategic", "statement",
};
static const char *const actors[] = {
  "Islamic State", "Syrian government forces", "Hayat Tahrir al-Sham", "Syrian Democratic Forces", "Civilians",
};

/* Events spread over Syria and over two years, each with a place, a figure, an actor and a citation. */
static GBytes *
generate_kml (void)
{
  g_autoptr (GString) kml = g_string_sized_new (N_EVENTS * 700);
  g_autoptr (GRand) rand = g_rand_new_with_seed (42);

  g_string_append (kml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<kml xmlns=\"http://www.opengis.net/kml/2.2\" "
                        "xmlns:sitmap=\"https://sitmap.github.io/kml/1.0\">\n<Document>\n<name>Benchmark</name>\n"
                        "<ExtendedData>\n");
  for (guint s = 0; s < N_SOURCES; s++)
    g_string_append_printf (kml, "<sitmap:source id=\"s%u\" kind=\"news-site\" reliability=\"C\">"
                                 "<sitmap:name>Source number %u</sitmap:name></sitmap:source>\n",
                            s, s);
  g_string_append (kml, "</ExtendedData>\n<Folder>\n");
  for (guint i = 0; i < N_EVENTS; i++)
    {
      guint day = g_rand_int_range (rand, 0, 730);
      GDate date;
      char when[16];

      g_date_set_dmy (&date, 1, G_DATE_JANUARY, 2023);
      g_date_add_days (&date, day);
      g_date_strftime (when, sizeof when, "%Y-%m-%d", &date);
      g_string_append_printf (kml,
                              "<Placemark id=\"ev-%u\">\n"
                              "  <name>Event %u reported near a town</name>\n"
                              "  <description>A summary of event %u in one or two plain sentences, as an "
                              "analyst writes it.</description>\n"
                              "  <TimeStamp><when>%s</when></TimeStamp>\n"
                              "  <ExtendedData><sitmap:event category=\"%s\">\n"
                              "    <sitmap:location precision=\"town\">a town</sitmap:location>\n"
                              "    <sitmap:figure kind=\"killed\" min=\"%d\" qualifier=\"at-least\"/>\n"
                              "    <sitmap:actor>%s</sitmap:actor>\n"
                              "    <sitmap:citation source=\"s%d\" credibility=\"3\"><sitmap:url>"
                              "https://example.org/report/%u</sitmap:url></sitmap:citation>\n"
                              "  </sitmap:event></ExtendedData>\n"
                              "  <Point><coordinates>%.4f,%.4f</coordinates></Point>\n"
                              "</Placemark>\n",
                              i, i, i, when, categories[i % G_N_ELEMENTS (categories)], g_rand_int_range (rand, 0, 60),
                              actors[i % G_N_ELEMENTS (actors)], g_rand_int_range (rand, 0, N_SOURCES), i,
                              g_rand_double_range (rand, 35.7, 42.0), g_rand_double_range (rand, 32.3, 37.3));
    }
  g_string_append (kml, "</Folder>\n</Document>\n</kml>\n");
  return g_string_free_to_bytes (g_steal_pointer (&kml));
}

/* Bytes the C library has handed out and not had back; 0 where it cannot say. */
static gsize
allocated_bytes (void)
{
#ifdef HAVE_MALLINFO2
  struct mallinfo2 info = mallinfo2 ();

  return info.uordblks + info.hblkhd;
#else
  return 0;
#endif
}

int
main (void)
{
  g_autoptr (GBytes) input = generate_kml ();
  g_autoptr (GBytes) output = NULL;
  SitmapDocument *document = NULL;
  double read_ms[N_RUNS], write_ms[N_RUNS];
  gsize before, after;

  for (guint run = 0; run < N_RUNS; run++)
    {
      g_autoptr (GError) error = NULL;
      gint64 start;

      g_clear_object (&document);
      before = allocated_bytes ();
      start = g_get_monotonic_time ();
      document = sitmap_kml_read_bytes (input, "bench.kml", NULL, &error);
      read_ms[run] = (g_get_monotonic_time () - start) / 1000.0;
      after = allocated_bytes ();
      if (document == NULL || sitmap_document_get_n_events (document) != N_EVENTS)
        g_error ("reading failed: %s", error ? error->message : "wrong number of events");
    }
  for (guint run = 0; run < N_RUNS; run++)
    {
      g_autoptr (GError) error = NULL;
      gint64 start = g_get_monotonic_time ();

      g_clear_pointer (&output, g_bytes_unref);
      output = sitmap_kml_write_bytes (document, &error);
      write_ms[run] = (g_get_monotonic_time () - start) / 1000.0;
      if (output == NULL)
        g_error ("writing failed: %s", error->message);
    }

  g_print ("kml_read_100k_ms: %.0f ms\n", sitmap_bench_median (read_ms, N_RUNS));
  g_print ("kml_write_100k_ms: %.0f ms\n", sitmap_bench_median (write_ms, N_RUNS));
  if (after > before)
    g_print ("kml_read_bytes_per_event: %" G_GSIZE_FORMAT " bytes\n", (after - before) / N_EVENTS);
  g_print ("kml_input_bytes_per_event: %" G_GSIZE_FORMAT " bytes\n", g_bytes_get_size (input) / N_EVENTS);
  g_print ("kml_output_bytes_per_event: %" G_GSIZE_FORMAT " bytes\n", g_bytes_get_size (output) / N_EVENTS);
  g_clear_object (&document);
  return 0;
}
