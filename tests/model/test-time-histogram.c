/* test-time-histogram.c: counts per stretch of time, against a scan of every event
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "sitmap-document-builder.h"
#include "sitmap-time-histogram.h"

static gint64
at (const char *iso)
{
  gint64 start, end;
  SitmapTimeUnit unit;

  g_assert_true (sitmap_time_parse_bound (iso, &start, &end, &unit, NULL));
  return start;
}

/* when for an instant, begin and end for a span (either NULL for an open one), all NULL for undated */
static void
add_event (SitmapDocumentBuilder *builder, SitmapCategory category, const char *when, const char *begin,
           const char *end)
{
  SitmapEventDraft draft;

  sitmap_event_draft_init (&draft);
  draft.category = category;
  if (when != NULL)
    g_assert_true (sitmap_time_init_instant (&draft.time, when, NULL));
  else if (begin != NULL || end != NULL)
    g_assert_true (sitmap_time_init_span (&draft.time, begin, end, NULL));
  sitmap_document_builder_add_event (builder, &draft);
  sitmap_event_draft_clear (&draft);
}

static SitmapDocument *
make_demo_like (void)
{
  g_autoptr (SitmapDocumentBuilder) builder = sitmap_document_builder_new ();

  add_event (builder, SITMAP_CATEGORY_STRATEGIC, "2011", NULL, NULL);
  add_event (builder, SITMAP_CATEGORY_BATTLE, "2019-03", NULL, NULL);
  add_event (builder, SITMAP_CATEGORY_CONTEXT, NULL, "2019", NULL);
  add_event (builder, SITMAP_CATEGORY_BATTLE, "2024-11-27", NULL, NULL);
  add_event (builder, SITMAP_CATEGORY_REMOTE_VIOLENCE, NULL, "2024-12-07", "2024-12-08");
  add_event (builder, SITMAP_CATEGORY_STRATEGIC, "2024-12-08", NULL, NULL);
  add_event (builder, SITMAP_CATEGORY_STATEMENT, "2024-12-09", NULL, NULL);
  add_event (builder, SITMAP_CATEGORY_BATTLE, "2024-12-10", NULL, NULL);
  add_event (builder, SITMAP_CATEGORY_BATTLE, "2024-12-10T05:30:00Z", NULL, NULL);
  add_event (builder, SITMAP_CATEGORY_CONTEXT, NULL, NULL, NULL);
  return sitmap_document_builder_finish (g_steal_pointer (&builder));
}

static SitmapTimeHistogram *
histogram_of (SitmapDocument *document)
{
  return sitmap_time_histogram_new (sitmap_document_get_columns (document));
}

static double
count (SitmapTimeHistogram *histogram, SitmapHistogramLayer layer, SitmapCategory category, const char *from,
       const char *to)
{
  SitmapHistogramCounts counts;

  sitmap_time_histogram_count (histogram, at (from), at (to), &counts);
  return counts.counts[layer][category];
}

/* Day-precise events count wholly on their day, a span half on each of its two days; a month is spread
 * over its month and a year over its year, in the vague layer; the undated are not counted at all. */
static void
test_precision (void)
{
  g_autoptr (SitmapDocument) document = make_demo_like ();
  g_autoptr (SitmapTimeHistogram) histogram = histogram_of (document);
  gint64 start, end;

  g_assert_true (sitmap_time_histogram_get_extent (histogram, &start, &end));
  g_assert_cmpint (start, ==, at ("2011-01-01"));
  g_assert_cmpint (end, ==, at ("2024-12-11"));
  /* Day bins: every day boundary is exact */
  g_assert_cmpint (sitmap_time_histogram_get_resolution (histogram, G_MININT64, G_MAXINT64), ==, 86400);
  g_assert_true (sitmap_time_histogram_is_boundary (histogram, at ("2024-12-10")));
  g_assert_false (sitmap_time_histogram_is_boundary (histogram, at ("2024-12-10") + 3600));

  g_assert_cmpfloat (count (histogram, SITMAP_HISTOGRAM_SURE, SITMAP_CATEGORY_BATTLE, "2024-12-10", "2024-12-11"), ==,
                     2);
  g_assert_cmpfloat (count (histogram, SITMAP_HISTOGRAM_SURE, SITMAP_CATEGORY_BATTLE, "2024-12-01", "2025-01-01"), ==,
                     2);
  g_assert_cmpfloat (count (histogram, SITMAP_HISTOGRAM_SURE, SITMAP_CATEGORY_REMOTE_VIOLENCE, "2024-12-07",
                            "2024-12-08"), ==, 0.5);
  g_assert_cmpfloat (count (histogram, SITMAP_HISTOGRAM_SURE, SITMAP_CATEGORY_REMOTE_VIOLENCE, "2024-12-01",
                            "2024-12-31"), ==, 1);
  g_assert_cmpfloat (count (histogram, SITMAP_HISTOGRAM_VAGUE, SITMAP_CATEGORY_BATTLE, "2019-03-01", "2019-04-01"), ==,
                     1);
  g_assert_cmpfloat_with_epsilon (count (histogram, SITMAP_HISTOGRAM_VAGUE, SITMAP_CATEGORY_BATTLE, "2019-03-01",
                                         "2019-03-11"), 10.0 / 31, 1.0 / 256);
  g_assert_cmpfloat (count (histogram, SITMAP_HISTOGRAM_SURE, SITMAP_CATEGORY_BATTLE, "2019-01-01", "2020-01-01"), ==,
                     0);
  g_assert_cmpfloat_with_epsilon (count (histogram, SITMAP_HISTOGRAM_VAGUE, SITMAP_CATEGORY_STRATEGIC, "2011-01-01",
                                         "2011-02-01"), 31.0 / 365, 1.0 / 256);
  g_assert_cmpfloat (count (histogram, SITMAP_HISTOGRAM_VAGUE, SITMAP_CATEGORY_STRATEGIC, "2011-01-01", "2012-01-01"),
                     ==, 1);
  /* The open span since 2019 is a point where it is known to begin */
  g_assert_cmpfloat (count (histogram, SITMAP_HISTOGRAM_SURE, SITMAP_CATEGORY_CONTEXT, "2019-01-01", "2019-01-02"), ==,
                     1);
  g_assert_cmpfloat (count (histogram, SITMAP_HISTOGRAM_SURE, SITMAP_CATEGORY_CONTEXT, "2019-01-02", "2025-01-01"), ==,
                     0);
  /* Nine dated events in all, whatever lies outside them; none at 1970 */
  g_assert_cmpfloat_with_epsilon (sitmap_time_histogram_count_total (histogram, G_MININT64, G_MAXINT64, 0), 9, 1e-9);
  g_assert_cmpfloat (sitmap_time_histogram_count_total (histogram, at ("1970-01-01"), at ("1971-01-01"), 0), ==, 0);
  g_assert_cmpfloat_with_epsilon (sitmap_time_histogram_count_total (histogram, G_MININT64, G_MAXINT64,
                                                                     1u << SITMAP_CATEGORY_BATTLE),
                                  5, 1e-9);
}

/* Between bin boundaries the count is interpolated: half a day holds half a day's events. */
static void
test_interpolation (void)
{
  g_autoptr (SitmapDocument) document = make_demo_like ();
  g_autoptr (SitmapTimeHistogram) histogram = histogram_of (document);
  gint64 noon = at ("2024-12-09") + 12 * 3600;

  g_assert_cmpfloat_with_epsilon (sitmap_time_histogram_count_total (histogram, at ("2024-12-09"), noon, 0), 0.5,
                                  1e-9);
  g_assert_cmpfloat_with_epsilon (sitmap_time_histogram_count_total (histogram, noon, at ("2024-12-10"), 0), 0.5,
                                  1e-9);
}

static void
test_bins (void)
{
  g_autoptr (SitmapDocument) document = make_demo_like ();
  g_autoptr (SitmapTimeHistogram) histogram = histogram_of (document);
  gint64 edges[] = { at ("2024-11-01"), at ("2024-12-01"), at ("2024-12-08"), at ("2024-12-09"), at ("2025-01-01") };
  SitmapHistogramCounts bins[G_N_ELEMENTS (edges) - 1];

  sitmap_time_histogram_count_bins (histogram, edges, G_N_ELEMENTS (edges), bins);
  for (guint i = 0; i + 1 < G_N_ELEMENTS (edges); i++)
    {
      SitmapHistogramCounts one;

      sitmap_time_histogram_count (histogram, edges[i], edges[i + 1], &one);
      for (guint layer = 0; layer < SITMAP_HISTOGRAM_N_LAYERS; layer++)
        for (guint c = 0; c < SITMAP_N_CATEGORIES; c++)
          g_assert_cmpfloat (bins[i].counts[layer][c], ==, one.counts[layer][c]);
    }
  g_assert_cmpfloat (bins[0].counts[SITMAP_HISTOGRAM_SURE][SITMAP_CATEGORY_BATTLE], ==, 1);
  g_assert_cmpfloat (bins[2].counts[SITMAP_HISTOGRAM_SURE][SITMAP_CATEGORY_STRATEGIC], ==, 1);
  g_assert_cmpfloat (bins[2].counts[SITMAP_HISTOGRAM_SURE][SITMAP_CATEGORY_REMOTE_VIOLENCE], ==, 0.5);
}

/* 1066, 1914 and 3000 in one document: the bins grow to years, and each event is where it was. */
static void
test_far_dates (void)
{
  g_autoptr (SitmapDocumentBuilder) builder = sitmap_document_builder_new ();
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (SitmapTimeHistogram) histogram = NULL;
  gint64 start, end;

  add_event (builder, SITMAP_CATEGORY_BATTLE, "1066-10-14", NULL, NULL);
  add_event (builder, SITMAP_CATEGORY_BATTLE, "1914-07-28", NULL, NULL);
  add_event (builder, SITMAP_CATEGORY_STATEMENT, "3000", NULL, NULL);
  document = sitmap_document_builder_finish (g_steal_pointer (&builder));
  histogram = histogram_of (document);

  g_assert_true (sitmap_time_histogram_get_extent (histogram, &start, &end));
  g_assert_cmpint (start, ==, at ("1066-10-14"));
  g_assert_cmpint (end, ==, at ("3001"));
  g_assert_cmpint (sitmap_time_histogram_get_resolution (histogram, G_MININT64, G_MAXINT64), ==, 365 * 86400);
  g_assert_cmpuint (sitmap_time_histogram_get_memory_size (histogram), <, 64 * 1024);
  g_assert_cmpfloat (count (histogram, SITMAP_HISTOGRAM_SURE, SITMAP_CATEGORY_BATTLE, "1066", "1067"), ==, 1);
  g_assert_cmpfloat (count (histogram, SITMAP_HISTOGRAM_SURE, SITMAP_CATEGORY_BATTLE, "1914", "1915"), ==, 1);
  g_assert_cmpfloat (count (histogram, SITMAP_HISTOGRAM_SURE, SITMAP_CATEGORY_BATTLE, "1067", "1914"), ==, 0);
  g_assert_cmpfloat (count (histogram, SITMAP_HISTOGRAM_VAGUE, SITMAP_CATEGORY_STATEMENT, "3000", "3001"), ==, 1);
  g_assert_cmpfloat (sitmap_time_histogram_count_total (histogram, at ("1970"), at ("1971"), 0), ==, 0);
}

/* A histogram of no events, or of undated ones only, has no extent and counts nothing. */
static void
test_none_passing (void)
{
  g_autoptr (SitmapDocument) document = make_demo_like ();
  const SitmapEventColumns *columns = sitmap_document_get_columns (document);
  guint32 undated = columns->n_events - 1;
  g_autoptr (SitmapTimeHistogram) none = sitmap_time_histogram_new_for (columns, NULL, 0);
  g_autoptr (SitmapTimeHistogram) only_undated = sitmap_time_histogram_new_for (columns, &undated, 1);

  g_assert_false (sitmap_time_histogram_get_extent (none, NULL, NULL));
  g_assert_false (sitmap_time_histogram_get_extent (only_undated, NULL, NULL));
  g_assert_cmpfloat (sitmap_time_histogram_count_total (only_undated, G_MININT64, G_MAXINT64, 0), ==, 0);
}

static void
test_empty (void)
{
  g_autoptr (SitmapDocumentBuilder) builder = sitmap_document_builder_new ();
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (SitmapTimeHistogram) histogram = NULL;
  gint64 start, end;

  add_event (builder, SITMAP_CATEGORY_BATTLE, NULL, NULL, NULL);
  document = sitmap_document_builder_finish (g_steal_pointer (&builder));
  histogram = histogram_of (document);
  g_assert_false (sitmap_time_histogram_get_extent (histogram, &start, &end));
  g_assert_cmpfloat (sitmap_time_histogram_count_total (histogram, G_MININT64, G_MAXINT64, 0), ==, 0);
}

/* A scan of every event (or of every nth): how much of each lies in [from, to), as the histogram spreads
 * it. */
static void
scan_every (const SitmapEventColumns *columns, guint every, gint64 from, gint64 to, SitmapHistogramCounts *counts)
{
  memset (counts, 0, sizeof *counts);
  for (guint i = 0; i < columns->n_dated; i += every)
    {
      guint8 precision = columns->time_precision[i];
      guint layer = precision == SITMAP_TIME_PRECISION_MONTH || precision == SITMAP_TIME_PRECISION_YEAR;
      gint64 s = columns->start[i], e = sitmap_event_columns_get_end (columns, i);
      double share;

      if (precision == SITMAP_TIME_PRECISION_EXACT || e == SITMAP_TIME_OPEN_END)
        share = s >= from && s < to;
      else
        share = (double) MAX (0, MIN (e, to) - MAX (s, from)) / (double) (e - s);
      counts->counts[layer][columns->category[i]] += share;
    }
}

static void
scan (const SitmapEventColumns *columns, gint64 from, gint64 to, SitmapHistogramCounts *counts)
{
  scan_every (columns, 1, from, to, counts);
}

static void
assert_counts_equal (const SitmapHistogramCounts *got, const SitmapHistogramCounts *expected)
{
  for (guint layer = 0; layer < SITMAP_HISTOGRAM_N_LAYERS; layer++)
    for (guint c = 0; c < SITMAP_N_CATEGORIES; c++)
      g_assert_cmpfloat_with_epsilon (got->counts[layer][c], expected->counts[layer][c], 2.0 / 256);
}

/* 100,000 events from 1990 to 2024 of every precision: for whole days, the counts of every category and
 * layer are those of a scan. */
static void
test_against_scan (void)
{
  g_autoptr (SitmapDocumentBuilder) builder = sitmap_document_builder_new ();
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (SitmapTimeHistogram) histogram = NULL;
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  gint64 from = at ("1990-01-01"), to = at ("2025-01-01");
  const SitmapEventColumns *columns;

  for (guint i = 0; i < 100000; i++)
    {
      SitmapEventDraft draft;
      gint64 t = from + (gint64) (g_rand_double (rand) * (double) (to - from));
      double kind = g_rand_double (rand);

      sitmap_event_draft_init (&draft);
      draft.category = g_rand_int_range (rand, 0, SITMAP_N_CATEGORIES);
      draft.time.start = t - t % 86400;
      draft.time.end = draft.time.start + 86400;
      draft.time.precision = SITMAP_TIME_PRECISION_DAY;
      if (kind < 0.1)
        {
          draft.time.start = t;
          draft.time.end = t + 1;
          draft.time.precision = SITMAP_TIME_PRECISION_EXACT;
        }
      else if (kind < 0.2)
        {
          g_autofree char *month = sitmap_time_format_bound (t, SITMAP_TIME_UNIT_MONTH);

          g_assert_true (sitmap_time_init_instant (&draft.time, month, NULL));
        }
      else if (kind < 0.25)
        {
          g_autofree char *year = sitmap_time_format_bound (t, SITMAP_TIME_UNIT_YEAR);

          g_assert_true (sitmap_time_init_instant (&draft.time, year, NULL));
        }
      else if (kind < 0.35)
        {
          draft.time.start = t;
          draft.time.end = t + g_rand_int_range (rand, 60, 40 * 86400);
          draft.time.precision = SITMAP_TIME_PRECISION_SPAN;
        }
      else if (kind < 0.36)
        {
          draft.time.end = SITMAP_TIME_OPEN_END;
          draft.time.precision = SITMAP_TIME_PRECISION_SPAN;
        }
      else if (kind < 0.37)
        sitmap_time_init_undated (&draft.time);
      sitmap_document_builder_add_event (builder, &draft);
      sitmap_event_draft_clear (&draft);
    }
  document = sitmap_document_builder_finish (g_steal_pointer (&builder));
  columns = sitmap_document_get_columns (document);
  histogram = histogram_of (document);
  g_assert_cmpint (sitmap_time_histogram_get_resolution (histogram, G_MININT64, G_MAXINT64), ==, 86400);

  for (guint round = 0; round < 60; round++)
    {
      gint64 a = from + (gint64) g_rand_int_range (rand, -30, 12800) * 86400;
      gint64 b = a + (gint64) g_rand_int_range (rand, 1, 2000) * 86400;
      SitmapHistogramCounts got, expected;

      sitmap_time_histogram_count (histogram, a, b, &got);
      scan (columns, a, b, &expected);
      assert_counts_equal (&got, &expected);
    }

  /* A third of the events, as a filter would pass them, undated ones among them: the counts of a scan of
   * that third. */
  {
    g_autoptr (GArray) third = g_array_new (FALSE, FALSE, sizeof (guint32));
    g_autoptr (SitmapTimeHistogram) some = NULL;

    for (guint32 i = 0; i < columns->n_events; i += 3)
      g_array_append_val (third, i);
    g_assert_cmpuint (columns->n_events - columns->n_dated, >, 3);
    some = sitmap_time_histogram_new_for (columns, (const guint32 *) (gpointer) third->data, third->len);
    for (guint round = 0; round < 60; round++)
      {
        gint64 a = from + (gint64) g_rand_int_range (rand, -30, 12800) * 86400;
        gint64 b = a + (gint64) g_rand_int_range (rand, 1, 2000) * 86400;
        SitmapHistogramCounts got, expected;

        sitmap_time_histogram_count (some, a, b, &got);
        scan_every (columns, 3, a, b, &expected);
        assert_counts_equal (&got, &expected);
      }
    g_assert_cmpfloat_with_epsilon (sitmap_time_histogram_count_total (some, G_MININT64, G_MAXINT64, 0),
                                    (columns->n_dated + 2) / 3, 1e-6);
  }
}

/* Whether event i is left out in test_without(): one in five, the first and the last there are, and every
 * event that ends after 2024 or begins before 1990 (the earliest and latest ends among them). */
static gboolean
left_out (const SitmapEventColumns *columns, guint i)
{
  gint64 end = sitmap_event_columns_get_end (columns, i);

  return i % 5 == 0 || i == columns->n_dated - 1 || columns->start[i] < at ("1990-01-01") ||
         (end > at ("2025-01-01") && end != SITMAP_TIME_OPEN_END);
}

/* The document's histogram less what a filter leaves out is the histogram of what it keeps, with the kept
 * events' extent, but for the categories it hides, which are left as they were. */
static void
test_without (void)
{
  g_autoptr (SitmapDocumentBuilder) builder = sitmap_document_builder_new ();
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (SitmapTimeHistogram) whole = NULL, without = NULL, direct = NULL;
  g_autoptr (GArray) removed = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr (GArray) kept_positions = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr (GRand) rand = g_rand_new_with_seed (11);
  gint64 from = at ("1990-01-01"), to = at ("2025-01-01"), a, b, c, d;
  const SitmapEventColumns *columns;
  SitmapBitset kept;

  add_event (builder, SITMAP_CATEGORY_BATTLE, "1985-05-05", NULL, NULL);
  add_event (builder, SITMAP_CATEGORY_BATTLE, NULL, "2020-01-01", "2031-01-01");
  add_event (builder, SITMAP_CATEGORY_BATTLE, NULL, "2021-06-01", NULL);
  add_event (builder, SITMAP_CATEGORY_BATTLE, NULL, NULL, "1995-01-01");
  for (guint i = 0; i < 20000; i++)
    {
      g_autofree char *day = sitmap_time_format_bound (from + (gint64) (g_rand_double (rand) * (double) (to - from)),
                                                       i % 10 == 0 ? SITMAP_TIME_UNIT_MONTH : SITMAP_TIME_UNIT_DAY);

      add_event (builder, g_rand_int_range (rand, 0, SITMAP_N_CATEGORIES), day, NULL, NULL);
    }
  add_event (builder, SITMAP_CATEGORY_CONTEXT, NULL, NULL, NULL);
  document = sitmap_document_builder_finish (g_steal_pointer (&builder));
  columns = sitmap_document_get_columns (document);
  sitmap_bitset_init (&kept, columns->n_events);
  for (guint32 i = 0; i < columns->n_events; i++)
    if (i >= columns->n_dated || columns->category[i] == SITMAP_CATEGORY_PROTEST)
      continue;
    else if (left_out (columns, i))
      g_array_append_val (removed, i);
    else
      {
        sitmap_bitset_set (&kept, i);
        g_array_append_val (kept_positions, i);
      }
  whole = histogram_of (document);
  without = sitmap_time_histogram_new_without (whole, columns, (const guint32 *) (gpointer) removed->data,
                                               removed->len, &kept);
  direct = sitmap_time_histogram_new_for (columns, (const guint32 *) (gpointer) kept_positions->data,
                                          kept_positions->len);
  g_assert_true (sitmap_time_histogram_get_extent (without, &a, &b));
  g_assert_true (sitmap_time_histogram_get_extent (direct, &c, &d));
  g_assert_cmpint (a, ==, c);
  g_assert_cmpint (b, ==, d);
  g_assert_cmpint (a, >=, from);
  for (guint round = 0; round < 60; round++)
    {
      gint64 start = from + (gint64) g_rand_int_range (rand, -30, 12800) * 86400;
      gint64 end = start + (gint64) g_rand_int_range (rand, 1, 2000) * 86400;
      SitmapHistogramCounts got, expected;

      sitmap_time_histogram_count (without, start, end, &got);
      sitmap_time_histogram_count (direct, start, end, &expected);
      /* Each is within two units of the exact count, their difference within four (a 64th of an event). */
      for (guint layer = 0; layer < SITMAP_HISTOGRAM_N_LAYERS; layer++)
        for (guint category = 0; category < SITMAP_N_CATEGORIES; category++)
          if (category != SITMAP_CATEGORY_PROTEST)
            g_assert_cmpfloat_with_epsilon (got.counts[layer][category], expected.counts[layer][category],
                                            4.0 / 256);
    }
  /* Nothing kept: nothing dated, whatever the counts */
  memset (kept.words, 0, kept.n_words * sizeof (guint64));
  g_clear_pointer (&without, sitmap_time_histogram_free);
  without = sitmap_time_histogram_new_without (whole, columns, NULL, 0, &kept);
  g_assert_false (sitmap_time_histogram_get_extent (without, NULL, NULL));
  sitmap_bitset_clear (&kept);
}

/* 20,000 events this century and three far out: the century keeps day bins, the far ones are counted in
 * coarser bins of their own, and every count is still right. */
static void
test_outliers (void)
{
  g_autoptr (SitmapDocumentBuilder) builder = sitmap_document_builder_new ();
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (SitmapTimeHistogram) histogram = NULL;
  g_autoptr (GRand) rand = g_rand_new_with_seed (3);

  for (guint i = 0; i < 20000; i++)
    {
      gint64 t = at ("2001-01-01") + (gint64) g_rand_int_range (rand, 0, 8000) * 86400;
      g_autofree char *day = sitmap_time_format_bound (t, SITMAP_TIME_UNIT_DAY);

      add_event (builder, SITMAP_CATEGORY_PROTEST, day, NULL, NULL);
    }
  add_event (builder, SITMAP_CATEGORY_BATTLE, "1066-10-14", NULL, NULL);
  add_event (builder, SITMAP_CATEGORY_BATTLE, "1066-12-25", NULL, NULL);
  add_event (builder, SITMAP_CATEGORY_STATEMENT, "3000-01-01", NULL, NULL);
  document = sitmap_document_builder_finish (g_steal_pointer (&builder));
  histogram = histogram_of (document);

  g_assert_cmpint (sitmap_time_histogram_get_resolution (histogram, at ("2010"), at ("2011")), ==, 86400);
  g_assert_cmpint (sitmap_time_histogram_get_resolution (histogram, at ("1066"), at ("1067")), >, 86400);
  /* Day bins from 1066 to 3000 would be 8 MB */
  g_assert_cmpuint (sitmap_time_histogram_get_memory_size (histogram), <, 256 * 1024);
  g_assert_cmpfloat (count (histogram, SITMAP_HISTOGRAM_SURE, SITMAP_CATEGORY_BATTLE, "1066", "1067"), ==, 2);
  g_assert_cmpfloat (count (histogram, SITMAP_HISTOGRAM_SURE, SITMAP_CATEGORY_STATEMENT, "3000", "3001"), ==, 1);
  g_assert_cmpfloat_with_epsilon (sitmap_time_histogram_count_total (histogram, at ("2000"), at ("2030"), 0), 20000,
                                  1e-6);
  g_assert_cmpfloat_with_epsilon (sitmap_time_histogram_count_total (histogram, G_MININT64, G_MAXINT64, 0), 20003,
                                  1e-6);
  /* Day by day in the century, as a scan says */
  {
    const SitmapEventColumns *columns = sitmap_document_get_columns (document);
    gint64 day = at ("2012-02-29");
    guint expected = 0;

    for (guint i = 0; i < columns->n_dated; i++)
      expected += columns->start[i] == day;
    g_assert_cmpfloat (count (histogram, SITMAP_HISTOGRAM_SURE, SITMAP_CATEGORY_PROTEST, "2012-02-29", "2012-03-01"),
                       ==, expected);
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/time-histogram/precision", test_precision);
  g_test_add_func ("/model/time-histogram/interpolation", test_interpolation);
  g_test_add_func ("/model/time-histogram/bins", test_bins);
  g_test_add_func ("/model/time-histogram/far-dates", test_far_dates);
  g_test_add_func ("/model/time-histogram/empty", test_empty);
  g_test_add_func ("/model/time-histogram/none-passing", test_none_passing);
  g_test_add_func ("/model/time-histogram/outliers", test_outliers);
  g_test_add_func ("/model/time-histogram/against-scan", test_against_scan);
  g_test_add_func ("/model/time-histogram/without", test_without);
  return g_test_run ();
}
