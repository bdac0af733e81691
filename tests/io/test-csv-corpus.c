/* test-csv-corpus.c: the real ACLED exports of the shared corpus (SITMAP_CORPUS_DIR), read as a user expects
 *
 * The expected numbers were counted with an independent reader, Python's csv module (3.11), not with Sitmap:
 *
 *   import csv
 *   rows = list (csv.reader (open (name, newline='', encoding='utf-8')))
 *   # events: len (rows) - 1; sources: the distinct ";"-separated, stripped parts of the source column;
 *   # a record's first line: reader.line_num after the record before it, plus one
 *
 * The files state no licence allowing a copy (ACLED's data, or no licence at all), so they are read only from
 * the corpus folder, never copied into tests/data.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "io-test-util.h"
#include "sitmap-csv-reader.h"
#include "sitmap-csv-writer.h"
#include "sitmap-format.h"
#include "sitmap-load-bytes.h"

typedef struct
{
  const char *name;
  guint       n_events;
  guint       n_sources;
  const char *first_id;     /* the first row's, its time, place and precision */
  const char *first_day;
  double      first_latitude;
  double      first_longitude;
  SitmapLocationPrecision first_precision;
  const char *last_id;      /* the last row's, and the line it begins on */
  guint       last_line;
  const char *after_multiline_id; /* the row after the first note over several lines, and its line */
  guint       after_multiline_line;
  guint       n_week;       /* rows with time_precision 2, 3 */
  guint       n_month;
  guint       n_near;       /* rows with geo_precision 2, 3 */
  guint       n_region;
  guint       n_battle;     /* rows of the battle types */
  gint64      fatalities;   /* their sum */
} CorpusFile;

static const CorpusFile files[] = {
  { "acled-hdx-test_data.csv", 4, 3, "1416RTA", "2001-04-18", 36.61954, 4.08282, SITMAP_LOCATION_PRECISION_TOWN,
    "2231RTA", 5, NULL, 0, 0, 0, 0, 1, 0, 1 },
  { "acled-AschHarwood-acled.csv", 500, 122, "8188RTA", "2016-07-02", -15.4166, 28.2833,
    SITMAP_LOCATION_PRECISION_TOWN, "7986RTA", 507, "8012RTA", 28, 27, 0, 80, 21, 132, 1039 },
  { "acled-katehara-acled.csv", 4504, 118, "1BNG", "2015-01-01", 22.95, 88.96, SITMAP_LOCATION_PRECISION_TOWN,
    "2958IND", 4871, "2BNG", 8, 124, 2, 657, 201, 413, 883 },
};

static SitmapDocument *
read_file (const char *path, SitmapImport *import, GError **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autofree char *display_name = NULL;
  g_autoptr (GBytes) bytes = sitmap_load_bytes (file, NULL, &display_name, error);
  const SitmapFormat *format;

  if (bytes == NULL)
    return NULL;
  sitmap_import_begin (import, display_name, NULL);
  /* Found by its content, as the window finds it */
  format = sitmap_format_detect (bytes, display_name, error);
  g_assert_nonnull (format);
  g_assert_cmpstr (format->id, ==, "csv");
  return format->read (bytes, import, error);
}

static void
test_file (gconstpointer data)
{
  const CorpusFile *expected = data;
  g_autofree char *path = g_build_filename (g_getenv ("SITMAP_CORPUS_DIR"), expected->name, NULL);
  g_autoptr (SitmapImport) import = sitmap_import_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (SitmapDocument) document = read_file (path, import, &error);
  g_autoptr (SitmapDocument) copy = NULL;
  g_autoptr (GBytes) written = NULL;
  SitmapEventStore *store;
  const SitmapEventColumns *columns;
  guint counts[SITMAP_N_CATEGORIES] = { 0 }, week = 0, month = 0, near = 0, region = 0;
  gint64 fatalities = 0;
  double latitude, longitude;
  SitmapTime time;
  guint p;

  g_assert_no_error (error);
  store = sitmap_document_get_store (document);
  columns = sitmap_document_get_columns (document);
  g_assert_cmpuint (sitmap_document_get_n_events (document), ==, expected->n_events);
  g_assert_cmpuint (sitmap_import_report_get_n_skipped (sitmap_import_get_report (import)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (sitmap_document_get_sources (document)), ==, expected->n_sources);

  for (guint i = 0; i < columns->n_events; i++)
    {
      counts[columns->category[i]]++;
      /* Every row is dated and placed */
      g_assert_cmpint (columns->time_precision[i], !=, SITMAP_TIME_PRECISION_NONE);
      g_assert_true (columns->flags[i] & SITMAP_EVENT_FLAG_PLACED);
      week += columns->time_precision[i] == SITMAP_TIME_PRECISION_SPAN;
      month += columns->time_precision[i] == SITMAP_TIME_PRECISION_MONTH;
      near += columns->location_precision[i] == SITMAP_LOCATION_PRECISION_NEAR_TOWN;
      region += columns->location_precision[i] == SITMAP_LOCATION_PRECISION_REGION;
      fatalities += MAX (columns->fatalities[i], 0);
    }
  g_assert_cmpuint (week, ==, expected->n_week);
  g_assert_cmpuint (month, ==, expected->n_month);
  g_assert_cmpuint (near, ==, expected->n_near);
  g_assert_cmpuint (region, ==, expected->n_region);
  g_assert_cmpuint (counts[SITMAP_CATEGORY_BATTLE], ==, expected->n_battle);
  g_assert_cmpint (fatalities, ==, expected->fatalities);
  g_assert_cmpuint (counts[SITMAP_CATEGORY_OTHER], ==, 0);

  p = io_find_event (document, expected->first_id);
  sitmap_event_store_get_time (store, p, &time);
  g_assert_cmpint (time.precision, ==, SITMAP_TIME_PRECISION_DAY);
  g_assert_cmpint (time.start, ==, io_time (expected->first_day));
  g_assert_true (sitmap_event_store_get_location (store, p, &latitude, &longitude));
  g_assert_cmpfloat (latitude, ==, expected->first_latitude);
  g_assert_cmpfloat (longitude, ==, expected->first_longitude);
  g_assert_cmpint (columns->location_precision[p], ==, expected->first_precision);
  io_find_event (document, expected->last_id);

  /* Through ACLED-compatible CSV and back: the same events */
  written = sitmap_csv_write_events (document, NULL);
  {
    g_autoptr (SitmapImport) again = sitmap_import_new ();

    sitmap_import_begin (again, expected->name, NULL);
    copy = sitmap_csv_read (written, again, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpuint (sitmap_document_get_n_events (copy), ==, expected->n_events);
  for (guint i = 0; i < columns->n_events; i++)
    {
      SitmapTime a, b;

      g_assert_cmpstr (sitmap_event_store_get_id (sitmap_document_get_store (copy), i), ==,
                       sitmap_event_store_get_id (store, i));
      sitmap_event_store_get_time (store, i, &a);
      sitmap_event_store_get_time (sitmap_document_get_store (copy), i, &b);
      g_assert_cmpint (a.start, ==, b.start);
      g_assert_cmpint (a.end, ==, b.end);
      g_assert_cmpint (a.precision, ==, b.precision);
      g_assert_cmpfloat (columns->x[i], ==, sitmap_document_get_columns (copy)->x[i]);
    }
}

/* Line numbers count the line breaks inside quoted notes: every row skipped (fatalities read from the notes,
 * which are not numbers) is reported at the line it begins on. */
static void
test_lines (gconstpointer data)
{
  const CorpusFile *expected = data;
  g_autofree char *path = g_build_filename (g_getenv ("SITMAP_CORPUS_DIR"), expected->name, NULL);
  g_autoptr (SitmapImport) import = sitmap_import_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (SitmapDocument) document = NULL;
  SitmapImportReport *report;
  guint line = 0, column = 0;
  guint last = MIN (expected->n_events, SITMAP_IMPORT_REPORT_MAX_KEPT) - 1;

  g_assert_true (sitmap_csv_parse_columns ("fatalities=NOTES", import, &error));
  document = read_file (path, import, &error);
  g_assert_no_error (error);
  report = sitmap_import_get_report (import);
  g_assert_cmpuint (sitmap_document_get_n_events (document), ==, 0);
  g_assert_cmpuint (sitmap_import_report_get_n_skipped (report), ==, expected->n_events);
  sitmap_import_report_get_skipped (report, 0, &line, &column);
  g_assert_cmpuint (line, ==, 2);
  if (expected->after_multiline_id != NULL)
    {
      gboolean found = FALSE;

      for (guint i = 0; i <= last && !found; i++)
        {
          sitmap_import_report_get_skipped (report, i, &line, &column);
          found = line == expected->after_multiline_line;
          /* Lines only grow */
          if (i > 0)
            {
              guint previous;

              sitmap_import_report_get_skipped (report, i - 1, &previous, NULL);
              g_assert_cmpuint (previous, <, line);
            }
        }
      g_assert_true (found);
    }
  if (expected->n_events <= SITMAP_IMPORT_REPORT_MAX_KEPT)
    {
      sitmap_import_report_get_skipped (report, last, &line, &column);
      g_assert_cmpuint (line, ==, expected->last_line);
    }
}

int
main (int argc, char *argv[])
{
  const char *corpus = g_getenv ("SITMAP_CORPUS_DIR");

  g_test_init (&argc, &argv, NULL);
  if (corpus == NULL || *corpus == '\0')
    {
      g_test_skip ("no corpus folder (configure with -Dcorpus_dir=…)");
      return g_test_run ();
    }
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *name = g_strdup_printf ("/csv/corpus/%s", files[i].name);
      g_autofree char *lines = g_strdup_printf ("/csv/corpus/lines/%s", files[i].name);

      g_test_add_data_func (name, &files[i], test_file);
      g_test_add_data_func (lines, &files[i], test_lines);
    }
  return g_test_run ();
}
