/* test-event-store.c: the compact, time-sorted store and its time index
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "sitmap-document-builder.h"
#include "sitmap-event.h"
#include "sitmap-citation.h"

#define DAY 86400

static void
add_simple_event (SitmapDocumentBuilder *builder, const char *id, const char *when, double lat, double lon)
{
  SitmapEventDraft draft;

  sitmap_event_draft_init (&draft);
  draft.id = g_strdup (id);
  draft.title = g_strdup (id);
  if (when != NULL)
    g_assert_true (sitmap_time_init_instant (&draft.time, when, NULL));
  draft.latitude = lat;
  draft.longitude = lon;
  sitmap_document_builder_add_event (builder, &draft);
  sitmap_event_draft_clear (&draft);
}

static gint64
io_day (const char *date)
{
  gint64 start, end;
  SitmapTimeUnit unit;

  g_assert_true (sitmap_time_parse_bound (date, &start, &end, &unit, NULL));
  return start;
}

static void
test_sorted_undated_last (void)
{
  g_autoptr (SitmapDocumentBuilder) builder = sitmap_document_builder_new ();
  g_autoptr (SitmapDocument) document = NULL;
  const SitmapEventColumns *columns;

  add_simple_event (builder, "c", "2024-12-10", 34.9, 38.9);
  add_simple_event (builder, "undated", NULL, NAN, NAN);
  add_simple_event (builder, "a", "2011", 35, 38.5);
  add_simple_event (builder, "b", "2019-03", 34.46, 40.95);
  document = sitmap_document_builder_finish (g_steal_pointer (&builder));
  columns = sitmap_document_get_columns (document);

  g_assert_cmpuint (columns->n_events, ==, 4);
  g_assert_cmpuint (columns->n_dated, ==, 3);
  g_assert_cmpstr (sitmap_event_store_get_id (sitmap_document_get_store (document), 0), ==, "a");
  g_assert_cmpstr (sitmap_event_store_get_id (sitmap_document_get_store (document), 1), ==, "b");
  g_assert_cmpstr (sitmap_event_store_get_id (sitmap_document_get_store (document), 2), ==, "c");
  g_assert_cmpstr (sitmap_event_store_get_id (sitmap_document_get_store (document), 3), ==, "undated");
  g_assert_cmpint (sitmap_document_find_event (document, "b"), ==, 1);
  g_assert_cmpint (sitmap_document_find_event (document, "nope"), ==, -1);
  g_assert_true (columns->flags[0] & SITMAP_EVENT_FLAG_PLACED);
  g_assert_false (columns->flags[3] & SITMAP_EVENT_FLAG_PLACED);
  g_assert_true (isnan (columns->x[3]));
  g_assert_cmpint (columns->time_precision[0], ==, SITMAP_TIME_PRECISION_YEAR);
  g_assert_cmpint (columns->time_precision[1], ==, SITMAP_TIME_PRECISION_MONTH);
}

/* Brute force: the contract the index must meet. */
static GArray *
scan (const SitmapEventColumns *columns, gint64 from, gint64 to, SitmapRangeRule rule)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (guint32));

  for (guint32 i = 0; i < columns->n_dated; i++)
    {
      gboolean in = rule == SITMAP_RANGE_WITHIN ? columns->start[i] >= from && sitmap_event_columns_get_end (columns, i) <= to
                                                : columns->start[i] < to && sitmap_event_columns_get_end (columns, i) > from;
      if (in)
        g_array_append_val (out, i);
    }
  return out;
}

static SitmapDocument *
make_random_document (GRand *rand, guint n)
{
  g_autoptr (SitmapDocumentBuilder) builder = sitmap_document_builder_new ();

  for (guint i = 0; i < n; i++)
    {
      SitmapEventDraft draft;
      int year = g_rand_int_range (rand, 1950, 2030), month = g_rand_int_range (rand, 1, 13);
      int day = g_rand_int_range (rand, 1, 29), hour = g_rand_int_range (rand, 0, 24);
      int kind = g_rand_int_range (rand, 0, 10);
      g_autofree char *when = NULL;

      switch (kind % 4)
        {
        case 0: when = g_strdup_printf ("%04d", year); break;
        case 1: when = g_strdup_printf ("%04d-%02d", year, month); break;
        case 2: when = g_strdup_printf ("%04d-%02d-%02d", year, month, day); break;
        default: when = g_strdup_printf ("%04d-%02d-%02dT%02d:00:00Z", year, month, day, hour); break;
        }
      sitmap_event_draft_init (&draft);
      draft.id = g_strdup_printf ("e%u", i);
      if (kind == 4)
        /* a long span of several years */
        g_assert_true (sitmap_time_init_span (&draft.time, when, "2031", NULL));
      else if (kind == 5)
        /* an open one */
        g_assert_true (sitmap_time_init_span (&draft.time, when, NULL, NULL));
      else if (kind == 6)
        /* open at the start */
        g_assert_true (sitmap_time_init_span (&draft.time, NULL, when, NULL));
      else if (kind != 7)
        g_assert_true (sitmap_time_init_instant (&draft.time, when, NULL));
      sitmap_document_builder_add_event (builder, &draft);
      sitmap_event_draft_clear (&draft);
    }
  return sitmap_document_builder_finish (g_steal_pointer (&builder));
}

static void
test_time_query_matches_scan (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (20241210);
  g_autoptr (SitmapDocument) document = make_random_document (rand, 5000);
  SitmapEventStore *store = sitmap_document_get_store (document);
  const SitmapEventColumns *columns = sitmap_document_get_columns (document);

  for (guint q = 0; q < 400; q++)
    {
      gint64 a = sitmap_time_from_civil (g_rand_int_range (rand, 1940, 2040), 1, 1, 0, 0, 0) +
                 g_rand_int_range (rand, 0, 365) * (gint64) DAY;
      gint64 b = a + (q % 4 == 0 ? 3600 : g_rand_int_range (rand, 1, 3000) * (gint64) DAY);

      for (SitmapRangeRule rule = SITMAP_RANGE_OVERLAPPING; rule <= SITMAP_RANGE_WITHIN; rule++)
        {
          g_autoptr (GArray) expected = scan (columns, a, b, rule);
          g_autoptr (GArray) got = g_array_new (FALSE, FALSE, sizeof (guint32));

          sitmap_event_store_query_time (store, a, b, rule, got);
          g_assert_cmpuint (got->len, ==, expected->len);
          g_assert_cmpmem (got->data, got->len * 4, expected->data, expected->len * 4);
        }
    }
}

static void
test_extent_ignores_open_bounds (void)
{
  g_autoptr (SitmapDocumentBuilder) builder = sitmap_document_builder_new ();
  g_autoptr (SitmapDocument) document = NULL;
  SitmapEventDraft draft;
  gint64 start, end;

  add_simple_event (builder, "a", "2011", NAN, NAN);
  add_simple_event (builder, "b", "2024-12-10", NAN, NAN);
  sitmap_event_draft_init (&draft);
  g_assert_true (sitmap_time_init_span (&draft.time, "2019", NULL, NULL));
  sitmap_document_builder_add_event (builder, &draft);
  sitmap_event_draft_clear (&draft);
  document = sitmap_document_builder_finish (g_steal_pointer (&builder));

  g_assert_true (sitmap_event_store_get_time_extent (sitmap_document_get_store (document), &start, &end));
  g_assert_cmpint (start, ==, sitmap_time_from_civil (2011, 1, 1, 0, 0, 0));
  g_assert_cmpint (end, ==, sitmap_time_from_civil (2024, 12, 11, 0, 0, 0));
}

/* L7: when every dated event begins openly, their ends still say where the data lies. */
static void
test_extent_of_open_starts (void)
{
  g_autoptr (SitmapDocumentBuilder) builder = sitmap_document_builder_new ();
  g_autoptr (SitmapDocument) document = NULL;
  const char *ends[] = { "2024-12-08", "2020-06" };
  gint64 start, end;

  for (guint i = 0; i < G_N_ELEMENTS (ends); i++)
    {
      SitmapEventDraft draft;

      sitmap_event_draft_init (&draft);
      g_assert_true (sitmap_time_init_span (&draft.time, NULL, ends[i], NULL));
      sitmap_document_builder_add_event (builder, &draft);
      sitmap_event_draft_clear (&draft);
    }
  document = sitmap_document_builder_finish (g_steal_pointer (&builder));

  g_assert_true (sitmap_event_store_get_time_extent (sitmap_document_get_store (document), &start, &end));
  g_assert_cmpint (start, <=, sitmap_time_from_civil (2020, 7, 1, 0, 0, 0));
  g_assert_cmpint (start, >=, sitmap_time_from_civil (2020, 6, 1, 0, 0, 0));
  g_assert_cmpint (end, ==, sitmap_time_from_civil (2024, 12, 9, 0, 0, 0));
}

/* L7: one long span among short events goes to the side list, so that queries do not scan back by its
 * length; queries still find it. */
static void
test_lone_long_span_set_aside (void)
{
  g_autoptr (SitmapDocumentBuilder) builder = sitmap_document_builder_new ();
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (GArray) found = g_array_new (FALSE, FALSE, sizeof (guint32));
  const SitmapEventColumns *columns;
  SitmapEventDraft draft;
  gint position;

  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *id = g_strdup_printf ("day%u", i);
      g_autofree char *when = g_strdup_printf ("2024-%02u-%02u", 1 + i % 12, 1 + i % 28);

      add_simple_event (builder, id, when, 35, 38);
    }
  sitmap_event_draft_init (&draft);
  draft.id = g_strdup ("siege");
  g_assert_true (sitmap_time_init_span (&draft.time, "2023-01-01", "2024-11-30", NULL));
  sitmap_document_builder_add_event (builder, &draft);
  sitmap_event_draft_clear (&draft);
  document = sitmap_document_builder_finish (g_steal_pointer (&builder));
  columns = sitmap_document_get_columns (document);
  position = sitmap_document_find_event (document, "siege");

  g_assert_true (columns->flags[position] & SITMAP_EVENT_FLAG_LONG);
  g_assert_false (columns->flags[sitmap_document_find_event (document, "day5")] & SITMAP_EVENT_FLAG_LONG);
  sitmap_event_store_query_time (sitmap_document_get_store (document), io_day ("2024-06-10"), io_day ("2024-06-11"),
                                 SITMAP_RANGE_OVERLAPPING, found);
  g_assert_cmpuint (found->len, >, 1);
  {
    gboolean has_siege = FALSE;

    for (guint i = 0; i < found->len; i++)
      has_siege |= g_array_index (found, guint32, i) == (guint32) position;
    g_assert_true (has_siege);
  }
}

/* L6: an event without actors, figures or citations gives none, not a pointer into an empty array. */
static void
test_empty_lists (void)
{
  g_autoptr (SitmapDocumentBuilder) builder = sitmap_document_builder_new ();
  g_autoptr (SitmapDocument) document = NULL;
  SitmapEventStore *store;
  guint n = 1;

  add_simple_event (builder, "bare", "2024", 35, 38);
  document = sitmap_document_builder_finish (g_steal_pointer (&builder));
  store = sitmap_document_get_store (document);
  g_assert_null (sitmap_event_store_get_actors (store, 0, &n));
  g_assert_cmpuint (n, ==, 0);
  n = 1;
  g_assert_null (sitmap_event_store_get_figures (store, 0, &n));
  g_assert_cmpuint (n, ==, 0);
  n = 1;
  g_assert_null (sitmap_event_store_get_citations (store, 0, &n));
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpint (sitmap_event_store_find (store, "bare"), ==, 0);
}

static void
test_places_sources_and_citations (void)
{
  g_autoptr (SitmapDocumentBuilder) builder = sitmap_document_builder_new ();
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (SitmapPlace) sukhna = sitmap_place_new ("place-sukhna", "As-Sukhnah", SITMAP_PLACE_KIND_TOWN, 34.8853,
                                                     38.8711, NULL);
  g_autoptr (SitmapEvent) event = NULL;
  g_autoptr (SitmapEvent) strikes = NULL;
  g_autoptr (GListModel) citations = NULL;
  g_autoptr (SitmapCitation) first = NULL;
  SitmapSource *source;
  SitmapEventDraft draft;
  SitmapCitationDraft citation = { 0 };
  SitmapFigure killed = { SITMAP_FIGURE_KILLED, SITMAP_QUALIFIER_AT_LEAST, 54, SITMAP_FIGURE_UNKNOWN, NULL };
  double lat, lon;
  guint n;

  source = sitmap_document_builder_add_source (builder, "sohr");
  sitmap_source_set_name (source, "Syrian Observatory for Human Rights");
  sitmap_source_set_abbreviation (source, "SOHR");
  sitmap_source_set_kind (source, SITMAP_SOURCE_KIND_MONITOR);
  sitmap_source_set_reliability (source, SITMAP_RELIABILITY_C);
  sitmap_document_builder_add_source (builder, "afp");
  source = sitmap_document_builder_add_source (builder, "centcom");
  sitmap_source_set_party (source, TRUE);
  g_assert_true (sitmap_document_builder_add_place (builder, sukhna));
  g_assert_false (sitmap_document_builder_add_place (builder, sukhna));

  /* An event at a place, with no point of its own, cited twice by one origin */
  sitmap_event_draft_init (&draft);
  draft.id = g_strdup ("ev-sukhna");
  draft.title = g_strdup ("Ambush near Sukhna");
  draft.place_id = g_strdup ("place-sukhna");
  draft.location_precision = SITMAP_LOCATION_PRECISION_NEAR_TOWN;
  draft.radius_m = 25000;
  draft.category = SITMAP_CATEGORY_BATTLE;
  g_assert_true (sitmap_time_init_instant (&draft.time, "2024-12-10", NULL));
  sitmap_event_draft_add_actor (&draft, "Islamic State");
  sitmap_event_draft_add_figure (&draft, &killed);
  citation.source_id = g_strdup ("sohr");
  citation.via_id = g_strdup ("afp");
  citation.url = g_strdup ("https://example.org/a");
  citation.credibility = SITMAP_CREDIBILITY_3;
  sitmap_event_draft_take_citation (&draft, &citation);
  citation.source_id = g_strdup ("sohr");
  citation.via_id = g_strdup ("ikurd");  /* never described: kept under its id */
  sitmap_event_draft_take_citation (&draft, &citation);
  sitmap_document_builder_add_event (builder, &draft);
  sitmap_event_draft_clear (&draft);

  /* An event only a party reports */
  sitmap_event_draft_init (&draft);
  draft.id = g_strdup ("ev-strikes");
  citation.source_id = g_strdup ("centcom");
  sitmap_event_draft_take_citation (&draft, &citation);
  sitmap_document_builder_add_event (builder, &draft);
  sitmap_event_draft_clear (&draft);

  document = sitmap_document_builder_finish (g_steal_pointer (&builder));
  event = sitmap_document_get_event (document, sitmap_document_find_event (document, "ev-sukhna"));

  g_assert_true (sitmap_event_get_location (event, &lat, &lon));
  g_assert_cmpfloat_with_epsilon (lat, 34.8853, 1e-9);
  g_assert_cmpfloat_with_epsilon (lon, 38.8711, 1e-9);
  g_assert_true (sitmap_event_get_place (event) == sukhna);
  g_assert_cmpstr (sitmap_event_get_place_name (event), ==, "As-Sukhnah");
  g_assert_cmpint (sitmap_event_get_location_precision (event), ==, SITMAP_LOCATION_PRECISION_NEAR_TOWN);
  g_assert_cmpuint (sitmap_event_get_radius (event), ==, 25000);
  g_assert_cmpstr (sitmap_event_get_actors (event, &n)[0], ==, "Islamic State");
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (sitmap_document_get_columns (document)->fatalities[sitmap_event_get_position (event)], ==, 54);
  g_assert_cmpuint (sitmap_event_get_n_origins (event), ==, 1);
  g_assert_false (sitmap_event_is_party_only (event));

  citations = sitmap_event_dup_citations (event);
  g_assert_cmpuint (g_list_model_get_n_items (citations), ==, 2);
  first = g_list_model_get_item (citations, 0);
  g_assert_cmpstr (sitmap_source_get_short_name (sitmap_citation_get_source (first)), ==, "SOHR");
  g_assert_cmpstr (sitmap_source_get_id (sitmap_citation_get_via (first)), ==, "afp");
  g_assert_cmpint (sitmap_citation_get_credibility (first), ==, SITMAP_CREDIBILITY_3);
  g_assert_cmpint (sitmap_document_find_source (document, "ikurd"), >=, 0);

  strikes = sitmap_document_get_event (document, sitmap_document_find_event (document, "ev-strikes"));
  g_assert_true (sitmap_event_is_party_only (strikes));
  g_assert_false (sitmap_event_get_location (strikes, &lat, &lon));
}

static void
test_compact (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  g_autoptr (SitmapDocument) document = make_random_document (rand, 20000);

  /* A few hundred bytes per event, strings aside: a million events fit in memory. */
  g_assert_cmpuint (sitmap_event_store_get_memory_size (sitmap_document_get_store (document)) / 20000, <, 256);
}

/* What a file says beyond Sitmap's fields stays with its event, through the sort; folders nest. */
static void
test_attributes_and_groups (void)
{
  SitmapDocumentBuilder *builder = sitmap_document_builder_new ();
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (SitmapEvent) late = NULL;
  g_autoptr (SitmapEvent) early = NULL;
  g_autofree char *path = NULL;
  const char *value = NULL;
  guint syria, homs;
  SitmapEventDraft draft;

  syria = sitmap_document_builder_add_group (builder, 0, "Syria");
  homs = sitmap_document_builder_add_group (builder, syria, "Homs");
  sitmap_event_draft_init (&draft);
  draft.id = g_strdup ("late");
  g_assert_true (sitmap_time_init_instant (&draft.time, "2024-12-10", NULL));
  sitmap_event_draft_add_attribute (&draft, "admin1", "Homs");
  sitmap_event_draft_add_attribute (&draft, "iso", "760");
  draft.group = homs;
  sitmap_document_builder_add_event (builder, &draft);
  sitmap_event_draft_clear (&draft);
  add_simple_event (builder, "early", "2011-03-15", 34.8, 38.6);
  document = sitmap_document_builder_finish (builder);

  late = sitmap_document_get_event (document, 1);
  g_assert_cmpstr (sitmap_event_get_id (late), ==, "late");
  g_assert_cmpuint (sitmap_event_get_n_attributes (late), ==, 2);
  g_assert_cmpstr (sitmap_event_get_attribute (late, 0, &value), ==, "admin1");
  g_assert_cmpstr (value, ==, "Homs");
  g_assert_cmpstr (sitmap_event_get_attribute (late, 1, &value), ==, "iso");
  g_assert_cmpstr (value, ==, "760");
  g_assert_cmpstr (sitmap_event_store_lookup_attribute (sitmap_document_get_store (document), 1, "iso"), ==, "760");
  g_assert_null (sitmap_event_store_lookup_attribute (sitmap_document_get_store (document), 1, "admin2"));
  path = sitmap_event_dup_group_path (late);
  g_assert_cmpstr (path, ==, "Syria / Homs");

  early = sitmap_document_get_event (document, 0);
  g_assert_cmpuint (sitmap_event_get_n_attributes (early), ==, 0);
  g_assert_null (sitmap_event_dup_group_path (early));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/event-store/sorted-undated-last", test_sorted_undated_last);
  g_test_add_func ("/event-store/time-query-matches-scan", test_time_query_matches_scan);
  g_test_add_func ("/event-store/extent-ignores-open-bounds", test_extent_ignores_open_bounds);
  g_test_add_func ("/event-store/extent-of-open-starts", test_extent_of_open_starts);
  g_test_add_func ("/event-store/empty-lists", test_empty_lists);
  g_test_add_func ("/event-store/attributes-and-groups", test_attributes_and_groups);
  g_test_add_func ("/event-store/lone-long-span-set-aside", test_lone_long_span_set_aside);
  g_test_add_func ("/event-store/places-sources-citations", test_places_sources_and_citations);
  g_test_add_func ("/event-store/compact", test_compact);
  return g_test_run ();
}
