/* test-kml-demo.c: the bundled demo says what /work/shared/demo-facts.md says, as a user would see it
 *
 * Events are found by their facts (date, place, sources), never by the ids or titles the demo gives them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "io-test-util.h"

static SitmapDocument *demo;

static SitmapEventStore *
store (void)
{
  return sitmap_document_get_store (demo);
}

static const SitmapEventColumns *
columns (void)
{
  return sitmap_document_get_columns (demo);
}

/* A source by its abbreviation or words of its name: the facts name SOHR, AFP and others that way. */
static gint
find_source (const char *abbreviation, const char *words)
{
  GListModel *sources = sitmap_document_get_sources (demo);

  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      SitmapSource *source = sitmap_document_get_source (demo, i);
      const char *name = sitmap_source_get_name (source);

      if ((abbreviation != NULL && (g_strcmp0 (sitmap_source_get_abbreviation (source), abbreviation) == 0 ||
                                    strstr (name, abbreviation) != NULL)) ||
          (words != NULL && strstr (name, words) != NULL))
        return (gint) i;
    }
  g_error ("the demo has no source %s (%s)", abbreviation, words ? words : "");
  return -1;
}

static gint sohr, afp;

static gboolean
is_day (guint position, const char *day)
{
  return columns ()->time_precision[position] == SITMAP_TIME_PRECISION_DAY && columns ()->start[position] == io_time (day);
}

static gboolean
is_near (guint position, double latitude, double longitude, double km)
{
  double lat, lon;

  return sitmap_event_store_get_location (store (), position, &lat, &lon) &&
         io_distance_km (lat, lon, latitude, longitude) <= km;
}

static gboolean
is_in_box (guint position, double south, double west, double north, double east)
{
  double lat, lon;

  return sitmap_event_store_get_location (store (), position, &lat, &lon) && lat >= south && lat <= north &&
         lon >= west && lon <= east;
}

static gboolean
has_citation (guint position, gint source, gint via)
{
  guint n;
  const SitmapCitationRecord *citations = sitmap_event_store_get_citations (store (), position, &n);

  for (guint i = 0; i < n; i++)
    if ((gint) citations[i].source == source && (via < 0 || (gint) citations[i].via == via + 1))
      return TRUE;
  return FALSE;
}

static const SitmapFigure *
find_figure (guint position, SitmapFigureKind kind, gint64 min)
{
  guint n;
  const SitmapFigure *figures = sitmap_event_store_get_figures (store (), position, &n);

  for (guint i = 0; i < n; i++)
    if (figures[i].kind == kind && figures[i].min == min)
      return &figures[i];
  return NULL;
}

static const SitmapFigure *
find_any_figure (guint position, gint64 min)
{
  for (guint kind = 0; kind < SITMAP_N_FIGURE_KINDS; kind++)
    if (find_figure (position, kind, min) != NULL)
      return find_figure (position, kind, min);
  return NULL;
}

typedef gboolean (*EventTest) (guint position);

static guint
find_event (EventTest test, const char *fact)
{
  for (guint i = 0; i < columns ()->n_events; i++)
    if (test (i))
      return i;
  g_error ("the demo has no event for the fact: %s", fact);
  return 0;
}

/*
 * The seven events
 */

static gboolean
is_sukhna (guint i)
{
  return is_day (i, "2024-12-10") && is_near (i, 34.8853, 38.8711, 60);
}

static void
test_sukhna (void)
{
  guint i = find_event (is_sukhna, "2024-12-10, desert near Sukhna");
  const SitmapFigure *killed = find_figure (i, SITMAP_FIGURE_KILLED, 54);

  g_assert_nonnull (killed);
  g_assert_cmpint (columns ()->fatalities[i], ==, 54);
  g_assert_cmpint (columns ()->location_precision[i], ==, SITMAP_LOCATION_PRECISION_NEAR_TOWN);
  /* SOHR, reported via AFP */
  g_assert_true (has_citation (i, sohr, afp));
  g_assert_false (columns ()->flags[i] & SITMAP_EVENT_FLAG_PARTY_ONLY);
}

static gboolean
is_offensive (guint i)
{
  return is_day (i, "2024-11-27") && is_in_box (i, 35.4, 36.0, 36.7, 37.8);
}

static void
test_offensive (void)
{
  guint i = find_event (is_offensive, "2024-11-27, the Idlib/Aleppo front");

  g_assert_cmpint (columns ()->location_precision[i], ==, SITMAP_LOCATION_PRECISION_REGION);
  g_assert_true (has_citation (i, afp, -1));
  g_assert_true (has_citation (i, sohr, -1));
}

static gboolean
is_fall (guint i)
{
  return is_day (i, "2024-12-08") && is_near (i, 33.5102, 36.2913, 25);
}

static void
test_fall (void)
{
  guint i = find_event (is_fall, "2024-12-08, Damascus");

  g_assert_true (has_citation (i, sohr, afp));
}

static gboolean
is_strikes (guint i)
{
  return columns ()->time_precision[i] == SITMAP_TIME_PRECISION_SPAN && columns ()->start[i] == io_time ("2024-12-07");
}

/* Two days, the whole weekend; more than 75 targets; only the U.S. military, a party, says so. */
static void
test_strikes (void)
{
  guint i = find_event (is_strikes, "2024-12-07 to 2024-12-08, the strikes");
  const SitmapFigure *targets = find_figure (i, SITMAP_FIGURE_OTHER, 75);
  SitmapTime time;

  sitmap_event_store_get_time (store (), i, &time);
  g_assert_cmpint (time.end, ==, io_time ("2024-12-09"));
  g_assert_cmpint (time.start_unit, ==, SITMAP_TIME_UNIT_DAY);
  g_assert_cmpint (time.end_unit, ==, SITMAP_TIME_UNIT_DAY);
  g_assert_nonnull (targets);
  g_assert_cmpint (targets->qualifier, ==, SITMAP_QUALIFIER_MORE_THAN);
  g_assert_true (is_in_box (i, 32.5, 36.5, 35.5, 41.0));
  g_assert_true (columns ()->flags[i] & SITMAP_EVENT_FLAG_PARTY_ONLY);
}

static gboolean
is_blinken (guint i)
{
  return is_day (i, "2024-12-09");
}

/* A statement made in Washington has no place in Syria. */
static void
test_blinken (void)
{
  guint i = find_event (is_blinken, "2024-12-09, the Secretary of State's statement");
  gint state = find_source (NULL, "State");

  g_assert_cmpint (columns ()->category[i], ==, SITMAP_CATEGORY_STATEMENT);
  g_assert_false (columns ()->flags[i] & SITMAP_EVENT_FLAG_PLACED);
  g_assert_true (has_citation (i, state, -1));
}

static gboolean
is_baghouz (guint i)
{
  return columns ()->time_precision[i] == SITMAP_TIME_PRECISION_MONTH && columns ()->start[i] == io_time ("2019-03");
}

/* Known only to the month: it must look uncertain. */
static void
test_baghouz (void)
{
  guint i = find_event (is_baghouz, "2019-03, Baghouz");

  g_assert_cmpint (sitmap_event_columns_get_end (columns (), i), ==, io_time ("2019-04"));
  g_assert_true (is_near (i, 34.4586, 40.9506, 10));
  g_assert_true (has_citation (i, afp, -1));
}

static gboolean
is_2011 (guint i)
{
  return columns ()->time_precision[i] == SITMAP_TIME_PRECISION_YEAR && columns ()->start[i] == io_time ("2011");
}

static void
test_2011 (void)
{
  guint i = find_event (is_2011, "2011, the conflict begins");

  g_assert_cmpint (sitmap_event_columns_get_end (columns (), i), ==, io_time ("2012"));
  g_assert_cmpint (columns ()->location_precision[i], ==, SITMAP_LOCATION_PRECISION_COUNTRY);
  g_assert_true (has_citation (i, afp, -1));
}

/*
 * The standing facts
 */

static gboolean
is_prisoners (guint i)
{
  return find_any_figure (i, 12000) != NULL;
}

static void
test_prisoners (void)
{
  guint i = find_event (is_prisoners, "about 12,000 held in Kurdish-run prisons");

  g_assert_cmpint (find_any_figure (i, 12000)->qualifier, ==, SITMAP_QUALIFIER_ABOUT);
  g_assert_true (has_citation (i, afp, -1));
}

static gboolean
is_kurdish_dead (guint i)
{
  return find_figure (i, SITMAP_FIGURE_KILLED, 21000) != NULL;
}

/* The undated statement: one party's figure, which must look weaker than an independent one. */
static void
test_kurdish_dead (void)
{
  guint i = find_event (is_kurdish_dead, "more than 21,000 Kurdish fighters killed");

  g_assert_cmpint (find_figure (i, SITMAP_FIGURE_KILLED, 21000)->qualifier, ==, SITMAP_QUALIFIER_MORE_THAN);
  g_assert_cmpint (columns ()->time_precision[i], ==, SITMAP_TIME_PRECISION_NONE);
  g_assert_true (columns ()->flags[i] & SITMAP_EVENT_FLAG_PARTY_ONLY);
}

static gboolean
is_refuge (guint i)
{
  return columns ()->time_precision[i] == SITMAP_TIME_PRECISION_SPAN && columns ()->start[i] == io_time ("2019") &&
         sitmap_event_columns_get_end (columns (), i) == SITMAP_TIME_OPEN_END;
}

static void
test_refuge (void)
{
  guint i = find_event (is_refuge, "the Badia, a refuge since 2019");

  g_assert_true (is_in_box (i, 32.5, 36.5, 35.5, 41.0));
}

static void
test_counts_and_sources (void)
{
  SitmapSource *centcom = sitmap_document_get_source (demo, find_source ("CENTCOM", "Central Command"));
  const SitmapDocumentView *view = sitmap_document_get_view (demo);

  /* Seven events and three standing facts */
  g_assert_cmpuint (columns ()->n_events, >=, 10);
  g_assert_cmpint (sitmap_source_get_kind (sitmap_document_get_source (demo, sohr)), ==, SITMAP_SOURCE_KIND_MONITOR);
  g_assert_false (sitmap_source_get_party (sitmap_document_get_source (demo, sohr)));
  g_assert_cmpint (sitmap_source_get_kind (sitmap_document_get_source (demo, afp)), ==, SITMAP_SOURCE_KIND_NEWS_AGENCY);
  g_assert_true (sitmap_source_get_party (centcom));
  g_assert_true (sitmap_source_get_party (sitmap_document_get_source (demo, find_source (NULL, "Ilham Ahmed"))));
  find_source (NULL, "iKurd");
  /* It opens on central and eastern Syria */
  g_assert_true (view->has_position);
  g_assert_cmpfloat (view->latitude, >, 32);
  g_assert_cmpfloat (view->latitude, <, 37);
  g_assert_cmpfloat (view->longitude, >, 35);
  g_assert_cmpfloat (view->longitude, <, 42);
  g_assert_cmpfloat (view->zoom, >=, 4);
  g_assert_cmpfloat (view->zoom, <=, 10);
}

static void
test_round_trip (void)
{
  g_autoptr (GBytes) first = NULL;
  g_autoptr (GBytes) second = NULL;
  g_autoptr (SitmapDocument) copy = io_test_round_trip (demo, &first);
  g_autoptr (SitmapDocument) copy_of_copy = io_test_round_trip (copy, &second);

  io_assert_documents_equal (demo, copy);
  g_assert_true (g_bytes_equal (first, second));
}

int
main (int argc, char *argv[])
{
  const char *path = g_getenv ("SITMAP_DEMO");
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  int result;

  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (path);
  file = g_file_new_for_path (path);
  demo = sitmap_kml_read_file (file, NULL, &error);
  g_assert_no_error (error);
  sohr = find_source ("SOHR", "Observatory");
  afp = find_source ("AFP", "France-Presse");

  g_test_add_func ("/io/demo/sukhna", test_sukhna);
  g_test_add_func ("/io/demo/offensive", test_offensive);
  g_test_add_func ("/io/demo/fall", test_fall);
  g_test_add_func ("/io/demo/strikes", test_strikes);
  g_test_add_func ("/io/demo/blinken", test_blinken);
  g_test_add_func ("/io/demo/baghouz", test_baghouz);
  g_test_add_func ("/io/demo/2011", test_2011);
  g_test_add_func ("/io/demo/prisoners", test_prisoners);
  g_test_add_func ("/io/demo/kurdish-dead", test_kurdish_dead);
  g_test_add_func ("/io/demo/refuge", test_refuge);
  g_test_add_func ("/io/demo/counts-and-sources", test_counts_and_sources);
  g_test_add_func ("/io/demo/round-trip", test_round_trip);

  result = g_test_run ();
  g_clear_object (&demo);
  return result;
}
