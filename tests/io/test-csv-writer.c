/* test-csv-writer.c: ACLED-compatible CSV out, read back by Sitmap with the same events and by GDAL; formula
 * cells guarded; atomic writes
 *
 * Usage: test-csv-writer OGRINFO — meson passes the ogrinfo it found (gdal-bin is required for the tests).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "io-test-util.h"
#include "sitmap-event.h"
#include "sitmap-csv-private.h"
#include "sitmap-csv-reader.h"
#include "sitmap-csv-writer.h"

static const char *ogrinfo;

#define ACLED_HEADER                                                                                               \
  "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,"   \
  "inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,"     \
  "location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp"

static const char acled[] =
  ACLED_HEADER "\n"
  "SYR1,2024-12-10,2024,1,Political violence,Battles,Armed clash,Military Forces of Syria (2000-2024),,1,"
  "Islamic State (Syria),,2,12,,760,Middle East,Syria,Homs,Tadmor,,As Sukhnah,34.8853,38.8711,2,"
  "Syrian Observatory for Human Rights; Step News Agency,National,\"Clashes near As Sukhnah, east of Palmyra.\","
  "54,,1734567890\n"
  "SYR2,2024-12-07,2024,2,Political violence,Explosions/Remote violence,Air/drone strike,"
  "Military Forces of Russia (2000-),,8,Civilians (Syria),Women (Syria); Farmers (Syria),7,78,Civilian targeting,"
  "760,Middle East,Syria,Idlib,Idlib,,Idlib,35.9306,36.6339,1,Syrian Observatory for Human Rights,Subnational,"
  "\"Strikes on \"\"the market\"\".\nA second line.\",3,,1734567890\n"
  "SYR3,2024-11-15,2024,3,Demonstrations,Protests,Peaceful protest,Protesters (Syria),Women (Syria),6,,,0,60,,"
  "760,Middle East,Syria,Deir ez Zor,Al Mayadin,,\xD8\xA7\xD9\x84\xD9\x85\xD9\x8A\xD8\xA7\xD8\xAF\xD9\x8A\xD9\x86,"
  "35.0206,40.4523,3,Deir Ezzor 24,Local partner-National,Protest.,0,crowd size=no report,1734567891\n"
  "IRQ1,2019-03-02,2019,1,,Riots/Protests,,Rioters (Iraq),,5,,,0,50,,368,Middle East,Iraq,Basra,Basra,,Basra,"
  "30.5,47.8,1,Shafaq News,,An old type.,,,\n";

/* What was written, as a string (the bytes have no NUL of their own) */
static char *
dup_text (GBytes *bytes)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  return g_strndup (data, size);
}

static SitmapDocument *
read_bytes (GBytes *bytes, SitmapImport *import)
{
  g_autoptr (SitmapImport) own = import ? sitmap_import_ref (import) : sitmap_import_new ();
  g_autoptr (GError) error = NULL;
  SitmapDocument *document;

  sitmap_import_begin (own, "table.csv", NULL);
  document = sitmap_csv_read (bytes, own, &error);
  g_assert_no_error (error);
  return document;
}

static SitmapDocument *
read_text (const char *text)
{
  g_autoptr (GBytes) bytes = g_bytes_new_static (text, strlen (text));

  return read_bytes (bytes, NULL);
}

static gboolean
same_double (double a, double b)
{
  return (isnan (a) && isnan (b)) || a == b;
}

/* What a user sees of an event through a table: id, title, summary, time with its precision, place, precision,
 * category, killed, actors, sources by name, attributes. */
static void
assert_same_through_table (SitmapDocument *a, SitmapDocument *b, gboolean attributes)
{
  SitmapEventStore *sa = sitmap_document_get_store (a), *sb = sitmap_document_get_store (b);
  const SitmapEventColumns *ca = sitmap_document_get_columns (a), *cb = sitmap_document_get_columns (b);

  g_assert_cmpuint (ca->n_events, ==, cb->n_events);
  for (guint i = 0; i < ca->n_events; i++)
    {
      const char *id = sitmap_event_store_get_id (sa, i);
      guint j = id ? (guint) sitmap_event_store_find (sb, id) : i;
      double lat_a, lon_a, lat_b, lon_b;
      const SitmapCitationRecord *ra, *rb;
      const char *const *aa, *const *ab;
      SitmapTime ta, tb;
      guint na, nb;

      g_assert_cmpstr (sitmap_event_store_get_id (sb, j), ==, id);
      g_assert_cmpstr (sitmap_event_store_get_title (sb, j), ==, sitmap_event_store_get_title (sa, i));
      g_assert_cmpstr (sitmap_event_store_get_summary (sb, j), ==, sitmap_event_store_get_summary (sa, i));
      sitmap_event_store_get_time (sa, i, &ta);
      sitmap_event_store_get_time (sb, j, &tb);
      g_assert_cmpint (ta.precision, ==, tb.precision);
      g_assert_cmpint (ta.start, ==, tb.start);
      g_assert_cmpint (ta.end, ==, tb.end);
      g_assert_cmpint (ta.start_unit, ==, tb.start_unit);
      g_assert_cmpint (ta.end_unit, ==, tb.end_unit);
      g_assert_cmpint (sitmap_event_store_get_location (sa, i, &lat_a, &lon_a), ==,
                       sitmap_event_store_get_location (sb, j, &lat_b, &lon_b));
      g_assert_true (same_double (lat_a, lat_b) && same_double (lon_a, lon_b));
      g_assert_cmpint (ca->location_precision[i], ==, cb->location_precision[j]);
      g_assert_cmpuint (sitmap_event_store_get_radius (sa, i), ==, sitmap_event_store_get_radius (sb, j));
      g_assert_cmpint (ca->category[i], ==, cb->category[j]);
      g_assert_cmpint (ca->fatalities[i], ==, cb->fatalities[j]);
      g_assert_cmpint (ca->origins[i], ==, cb->origins[j]);
      {
        g_autoptr (SitmapEvent) ea = sitmap_document_get_event (a, i);
        g_autoptr (SitmapEvent) eb = sitmap_document_get_event (b, j);

        g_assert_cmpstr (sitmap_event_get_place_name (eb), ==, sitmap_event_get_place_name (ea));
      }
      aa = sitmap_event_store_get_actors (sa, i, &na);
      ab = sitmap_event_store_get_actors (sb, j, &nb);
      g_assert_cmpuint (na, ==, nb);
      for (guint k = 0; k < na; k++)
        g_assert_cmpstr (aa[k], ==, ab[k]);
      ra = sitmap_event_store_get_citations (sa, i, &na);
      rb = sitmap_event_store_get_citations (sb, j, &nb);
      g_assert_cmpuint (na, ==, nb);
      for (guint k = 0; k < na; k++)
        {
          SitmapSource *source_a = sitmap_document_get_source (a, ra[k].source);
          const char *name_a = sitmap_source_get_name (source_a) ? sitmap_source_get_name (source_a)
                                                                : sitmap_source_get_id (source_a);

          g_assert_cmpstr (sitmap_source_get_name (sitmap_document_get_source (b, rb[k].source)), ==, name_a);
        }
      if (!attributes)
        continue;
      g_assert_cmpuint (sitmap_event_store_get_n_attributes (sa, i), ==, sitmap_event_store_get_n_attributes (sb, j));
      for (guint k = 0; k < sitmap_event_store_get_n_attributes (sa, i); k++)
        {
          const char *value;
          const char *name = sitmap_event_store_get_attribute (sa, i, k, &value);

          g_assert_cmpstr (sitmap_event_store_lookup_attribute (sb, j, name), ==, value);
        }
    }
}

/* ACLED out is ACLED's columns only, and reads back as the same events */
static void
test_acled_round_trip (void)
{
  g_autoptr (SitmapDocument) document = read_text (acled);
  g_autoptr (GBytes) written = sitmap_csv_write_events (document, NULL);
  g_autoptr (GBytes) again = NULL;
  g_autoptr (SitmapDocument) copy = read_bytes (written, NULL);
  g_autofree char *text = dup_text (written);

  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF" ACLED_HEADER "\r\n"));
  /* Nothing ACLED's columns cannot say */
  g_assert_null (strstr (text, "sitmap_"));
  assert_same_through_table (document, copy, TRUE);
  /* The week and the month are written as ACLED codes them */
  g_assert_nonnull (strstr (text, "SYR2,2024-12-07,2024,2,"));
  g_assert_nonnull (strstr (text, "SYR3,2024-11-15,2024,3,"));
  g_assert_nonnull (strstr (text, ",Women (Syria); Farmers (Syria),"));
  g_assert_nonnull (strstr (text, "\"Strikes on \"\"the market\"\".\nA second line.\""));
  /* Written again, the same bytes */
  again = sitmap_csv_write_events (copy, NULL);
  g_assert_true (g_bytes_equal (written, again));
}

/* Sitmap's own document through a table: every event, its time with its precision, its place */
static void
test_demo_round_trip (void)
{
  g_autoptr (GFile) demo = g_file_new_for_path (g_getenv ("SITMAP_DEMO"));
  g_autoptr (GError) error = NULL;
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (SitmapDocument) copy = NULL;
  g_autoptr (GBytes) written = NULL;
  g_autoptr (GBytes) again = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_load_contents (demo, NULL, &contents, &length, NULL, &error));
  document = io_test_read_string (contents, "demo.kml", &error);
  g_assert_no_error (error);
  written = sitmap_csv_write_events (document, NULL);
  copy = read_bytes (written, NULL);
  assert_same_through_table (document, copy, FALSE);
  again = sitmap_csv_write_events (copy, NULL);
  g_assert_true (g_bytes_equal (written, again));
}

/* Times and places ACLED cannot say go in Sitmap's columns: a moment, a year, a two-day span, an open span,
 * an exact point with a radius, a statement */
static void
test_beyond_acled (void)
{
  static const struct
  {
    const char *id;
    const char *begin;
    const char *end;
    SitmapLocationPrecision precision;
    guint radius;
    SitmapCategory category;
  } events[] = {
    { "moment", "2024-12-10T05:30:00Z", NULL, SITMAP_LOCATION_PRECISION_EXACT, 500, SITMAP_CATEGORY_STATEMENT },
    { "year", "2011", NULL, SITMAP_LOCATION_PRECISION_COUNTRY, 0, SITMAP_CATEGORY_CONTEXT },
    { "weekend", "2024-12-07", "2024-12-08", SITMAP_LOCATION_PRECISION_NONE, 0, SITMAP_CATEGORY_OTHER },
    { "open", "2024-12", "", SITMAP_LOCATION_PRECISION_TOWN, 0, SITMAP_CATEGORY_RIOT },
  };
  SitmapDocumentBuilder *builder = sitmap_document_builder_new ();
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (SitmapDocument) copy = NULL;
  g_autoptr (GBytes) written = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    {
      SitmapEventDraft draft;

      sitmap_event_draft_init (&draft);
      draft.id = g_strdup (events[i].id);
      draft.title = g_strdup_printf ("Event %s", events[i].id);
      if (events[i].end == NULL)
        g_assert_true (sitmap_time_init_instant (&draft.time, events[i].begin, NULL));
      else
        g_assert_true (sitmap_time_init_span (&draft.time, events[i].begin, *events[i].end ? events[i].end : NULL,
                                              NULL));
      draft.latitude = 34.5 + i;
      draft.longitude = -38.25 - i;
      draft.location_precision = events[i].precision;
      draft.radius_m = events[i].radius;
      draft.category = events[i].category;
      sitmap_event_draft_add_attribute (&draft, "magnitude", "4.5");
      sitmap_event_draft_add_actor (&draft, "A");
      sitmap_event_draft_add_actor (&draft, "B");
      sitmap_event_draft_add_actor (&draft, "C");
      sitmap_document_builder_add_event (builder, &draft);
      sitmap_event_draft_clear (&draft);
    }
  document = sitmap_document_builder_finish (builder);
  written = sitmap_csv_write_events (document, NULL);
  text = dup_text (written);
  g_assert_nonnull (strstr (text,
                            ",tags,timestamp,sitmap_title,sitmap_time,sitmap_category,sitmap_location_precision,"
                            "sitmap_radius_m,magnitude\r\n"));
  copy = read_bytes (written, NULL);
  assert_same_through_table (document, copy, TRUE);
}

/* A span open at one end is written on the day of its known end, at ACLED's month precision (3)
 * whichever end is open: its length is unknown, not a week. (Found by fuzz-round-trip: the open start's
 * length was computed as end - G_MININT64, which overflows, and came out under a week.) */
static void
test_open_spans (void)
{
  SitmapTime time;
  gint64     day_start;
  guint      time_precision;

  g_assert_true (sitmap_time_init_span (&time, NULL, "2024-12-08", NULL));
  g_assert_false (sitmap_csv_acled_date_of (&time, &day_start, &time_precision));
  g_assert_cmpint (day_start, ==, sitmap_time_from_civil (2024, 12, 8, 0, 0, 0));
  g_assert_cmpuint (time_precision, ==, 3);

  g_assert_true (sitmap_time_init_span (&time, "2024-12-08", NULL, NULL));
  g_assert_false (sitmap_csv_acled_date_of (&time, &day_start, &time_precision));
  g_assert_cmpint (day_start, ==, sitmap_time_from_civil (2024, 12, 8, 0, 0, 0));
  g_assert_cmpuint (time_precision, ==, 3);
}

/* A date before year 1 is written as ISO 8601 writes it ("-0044-03-15", not "-044-03-15"), which the
 * reader reads back. (Found by fuzz-round-trip on tests/data/full-format.kml: the event was lost.) */
static void
test_negative_year (void)
{
  SitmapDocumentBuilder *builder = sitmap_document_builder_new ();
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (SitmapDocument) copy = NULL;
  g_autoptr (GBytes) written = NULL;
  g_autoptr (SitmapEvent) event = NULL;
  g_autofree char *text = NULL;
  SitmapEventDraft draft;
  SitmapTime       time, back;

  sitmap_event_draft_init (&draft);
  draft.id = g_strdup ("ides");
  draft.title = g_strdup ("The Ides of March");
  g_assert_true (sitmap_time_init_instant (&draft.time, "-0044-03-15", NULL));
  time = draft.time;
  draft.latitude = 41.8955;
  draft.longitude = 12.4731;
  sitmap_document_builder_add_event (builder, &draft);
  sitmap_event_draft_clear (&draft);
  document = sitmap_document_builder_finish (builder);

  written = sitmap_csv_write_events (document, NULL);
  text = dup_text (written);
  g_assert_nonnull (strstr (text, "-0044-03-15"));
  copy = read_bytes (written, NULL);
  g_assert_cmpuint (sitmap_document_get_n_events (copy), ==, 1);
  event = sitmap_document_get_event (copy, 0);
  sitmap_event_get_time (event, &back);
  g_assert_cmpint (back.start, ==, time.start);
  g_assert_cmpint (back.end, ==, time.end);
  g_assert_cmpint (back.precision, ==, time.precision);
}

/* A cell a spreadsheet would run is written behind an apostrophe, and read back as it was; numbers stay numbers */
static void
test_formula_guard (void)
{
  SitmapDocumentBuilder *builder = sitmap_document_builder_new ();
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (SitmapDocument) copy = NULL;
  g_autoptr (GBytes) written = NULL;
  SitmapEventDraft draft;
  g_autofree char *text = NULL;

  sitmap_event_draft_init (&draft);
  draft.id = g_strdup ("@1");
  draft.title = g_strdup ("=HYPERLINK(\"http://example.org\",\"click\")");
  draft.summary = g_strdup ("+1 555 0100");
  draft.place_text = g_strdup ("-Homs");
  draft.latitude = -33.5;
  draft.longitude = -70.65;
  g_assert_true (sitmap_time_init_instant (&draft.time, "2024-12-10", NULL));
  sitmap_event_draft_add_actor (&draft, "\tTabbed");
  sitmap_event_draft_add_attribute (&draft, "iso", "=1+1");
  sitmap_event_draft_add_attribute (&draft, "inter1", "-5");
  sitmap_document_builder_add_event (builder, &draft);
  sitmap_event_draft_clear (&draft);
  document = sitmap_document_builder_finish (builder);
  written = sitmap_csv_write_events (document, NULL);
  text = dup_text (written);
  g_assert_nonnull (strstr (text, "\r\n\"'@1\",2024-12-10,"));
  g_assert_nonnull (strstr (text, ",\"'=HYPERLINK(\"\"http://example.org\"\",\"\"click\"\")\""));
  g_assert_nonnull (strstr (text, ",\"'+1 555 0100\","));
  g_assert_nonnull (strstr (text, ",\"'-Homs\",-33.5,-70.65,"));
  g_assert_nonnull (strstr (text, ",\"'=1+1\","));
  g_assert_nonnull (strstr (text, ",\"'\tTabbed\","));
  /* A number a formula cannot be: as it is */
  g_assert_nonnull (strstr (text, ",-5,"));
  copy = read_bytes (written, NULL);
  assert_same_through_table (document, copy, TRUE);
}

/* Some events, in the order asked */
static void
test_positions (void)
{
  g_autoptr (SitmapDocument) document = read_text (acled);
  g_autoptr (GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr (GBytes) written = NULL;
  g_autoptr (SitmapDocument) copy = NULL;
  guint32 p;
  g_autofree char *text = NULL;

  p = (guint32) sitmap_document_find_event (document, "SYR2");
  g_array_append_val (positions, p);
  p = (guint32) sitmap_document_find_event (document, "IRQ1");
  g_array_append_val (positions, p);
  written = sitmap_csv_write_events (document, positions);
  text = dup_text (written);
  g_assert_true (strstr (text, "\r\nSYR2,") < strstr (text, "\r\nIRQ1,"));
  copy = read_bytes (written, NULL);
  g_assert_cmpuint (sitmap_document_get_n_events (copy), ==, 2);
  g_assert_cmpint (sitmap_document_find_event (copy, "SYR1"), ==, -1);
}

/* A write that fails or is cancelled leaves the file as it was */
static void
test_atomic (void)
{
  g_autoptr (SitmapDocument) document = read_text (acled);
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sitmap-csv-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "events.csv", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-folder", "events.csv", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFile) nowhere = g_file_new_for_path (missing);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, "the old file", -1, &error));
  g_cancellable_cancel (cancellable);
  g_assert_false (sitmap_csv_write_events_file (document, NULL, file, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpstr (contents, ==, "the old file");

  g_assert_false (sitmap_csv_write_events_file (document, NULL, nowhere, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_true (sitmap_csv_write_events_file (document, NULL, file, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "\xEF\xBB\xBF" "event_id_cnty,"));
  /* Only the file is left: no temporary file beside it */
  {
    g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
    guint n = 0;

    while (g_dir_read_name (listing) != NULL)
      n++;
    g_assert_cmpuint (n, ==, 1);
  }
  g_unlink (path);
  g_rmdir (dir);
}

/*
 * GDAL
 */

static char *
run_ogrinfo (const char *path, const char *const *extra)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *output = NULL;
  g_autofree char *errors = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  g_ptr_array_add (argv, (gpointer) ogrinfo);
  g_ptr_array_add (argv, "-ro");
  g_ptr_array_add (argv, "-oo");
  g_ptr_array_add (argv, "X_POSSIBLE_NAMES=longitude");
  g_ptr_array_add (argv, "-oo");
  g_ptr_array_add (argv, "Y_POSSIBLE_NAMES=latitude");
  for (guint i = 0; extra[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) extra[i]);
  g_ptr_array_add (argv, (gpointer) path);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &output, &errors,
                               &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("ogrinfo failed on %s:\n%s\n%s", path, output, errors);
  return g_steal_pointer (&output);
}

static void
assert_lists (const char *output, const char *expected)
{
  if (strstr (output, expected) == NULL)
    g_error ("ogrinfo does not list “%s”:\n%.4000s", expected, output);
}

/* GDAL, which QGIS reads tables through, sees every event where it is, with ACLED's fields */
static void
test_gdal (void)
{
  g_autoptr (GFile) demo = g_file_new_for_path (g_getenv ("SITMAP_DEMO"));
  g_autoptr (GError) error = NULL;
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (SitmapDocument) table = read_text (acled);
  g_autofree char *contents = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sitmap-csv-gdal-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "demo.csv", NULL);
  g_autofree char *acled_path = g_build_filename (dir, "acled.csv", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFile) acled_file = g_file_new_for_path (acled_path);
  g_autofree char *output = NULL;
  g_autofree char *count = NULL;
  g_autofree char *acled_output = NULL;
  gsize length;

  g_assert_nonnull (ogrinfo);
  g_assert_true (g_file_load_contents (demo, NULL, &contents, &length, NULL, &error));
  document = io_test_read_string (contents, "demo.kml", &error);
  g_assert_no_error (error);
  g_assert_true (sitmap_csv_write_events_file (document, NULL, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (sitmap_csv_write_events_file (table, NULL, acled_file, NULL, &error));
  g_assert_no_error (error);

  {
    const char *const extra[] = { "-al", "-q", NULL };

    output = run_ogrinfo (path, extra);
  }
  {
    const char *const extra[] = { "-al", "-so", NULL };

    count = run_ogrinfo (path, extra);
  }
  {
    g_autofree char *expected = g_strdup_printf ("Feature Count: %u", sitmap_document_get_n_events (document));

    assert_lists (count, expected);
  }
  assert_lists (count, "Geometry: Point");
  /* The byte order mark does not stick to the first column's name */
  assert_lists (count, "\nevent_id_cnty: String");
  /* An event of the demo, where it is, with its date and the precision ACLED codes */
  {
    guint p = io_find_event (document, "ev-2024-12-10-sukhna");
    double latitude, longitude;
    g_autofree char *point = NULL;

    g_assert_true (sitmap_event_store_get_location (sitmap_document_get_store (document), p, &latitude, &longitude));
    point = g_strdup_printf ("POINT (%.15g %.15g)", longitude, latitude);
    assert_lists (output, "event_id_cnty (String) = ev-2024-12-10-sukhna");
    assert_lists (output, point);
  }
  assert_lists (output, "event_date (String) = 2024-12-10");

  {
    const char *const extra[] = { "-al", "-q", NULL };

    acled_output = run_ogrinfo (acled_path, extra);
  }
  assert_lists (acled_output, "event_id_cnty (String) = SYR2");
  assert_lists (acled_output, "notes (String) = Strikes on \"the market\".\nA second line.");
  assert_lists (acled_output, "admin1 (String) = Deir ez Zor");
  assert_lists (acled_output, "POINT (38.8711 34.8853)");
  g_unlink (path);
  g_unlink (acled_path);
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ogrinfo = argc > 1 ? argv[1] : NULL;

  g_test_add_func ("/csv-writer/acled-round-trip", test_acled_round_trip);
  g_test_add_func ("/csv-writer/demo-round-trip", test_demo_round_trip);
  g_test_add_func ("/csv-writer/beyond-acled", test_beyond_acled);
  g_test_add_func ("/csv-writer/open-spans", test_open_spans);
  g_test_add_func ("/csv-writer/negative-year", test_negative_year);
  g_test_add_func ("/csv-writer/formula-guard", test_formula_guard);
  g_test_add_func ("/csv-writer/positions", test_positions);
  g_test_add_func ("/csv-writer/atomic", test_atomic);
  g_test_add_func ("/csv-writer/gdal", test_gdal);
  return g_test_run ();
}
