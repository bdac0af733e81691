/* test-range-contract.c: at a million events, the range lets through exactly what a scan says it should
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-range-contract"

#include "config.h"

#include <locale.h>

#include "sitmap-time-histogram.h"
#include "timeline-test-utils.h"

#define N_EVENTS 1000000
#define N_RANGES 150
#define DAY 86400

/* Every kind of time there is, from 1066 to 3000 but mostly 2000 to 2024: to the second, the day, the
 * month and the year, short and long spans, spans open at either end, and undated events. */
static void
random_time (GRand *rand, SitmapTime *time)
{
  gint64 from = timeline_test_time ("2000-01-01"), to = timeline_test_time ("2025-01-01");
  double kind = g_rand_double (rand);
  gint64 t = from + (gint64) (g_rand_double (rand) * (double) (to - from));

  if (g_rand_double (rand) < 0.002)
    t = timeline_test_time (g_rand_boolean (rand) ? "1066-10-14" : "2999-06-01") +
        g_rand_int_range (rand, 0, 400) * (gint64) DAY;
  if (kind < 0.6)
    {
      g_autofree char *day = sitmap_time_format_bound (t, SITMAP_TIME_UNIT_DAY);

      g_assert_true (sitmap_time_init_instant (time, day, NULL));
    }
  else if (kind < 0.7)
    {
      g_autofree char *moment = sitmap_time_format_bound (t, SITMAP_TIME_UNIT_SECOND);

      g_assert_true (sitmap_time_init_instant (time, moment, NULL));
    }
  else if (kind < 0.8)
    {
      g_autofree char *month = sitmap_time_format_bound (t, SITMAP_TIME_UNIT_MONTH);

      g_assert_true (sitmap_time_init_instant (time, month, NULL));
    }
  else if (kind < 0.84)
    {
      g_autofree char *year = sitmap_time_format_bound (t, SITMAP_TIME_UNIT_YEAR);

      g_assert_true (sitmap_time_init_instant (time, year, NULL));
    }
  else if (kind < 0.95)
    {
      /* From hours to five years: some are long enough for the store's side list of long spans */
      gint64 length = g_rand_double (rand) < 0.9 ? g_rand_int_range (rand, 3600, 60 * DAY)
                                                  : g_rand_int_range (rand, 300, 5 * 366) * (gint64) DAY;

      sitmap_time_init_undated (time);
      time->start = t;
      time->end = t + length;
      time->precision = SITMAP_TIME_PRECISION_SPAN;
      time->start_unit = time->end_unit = SITMAP_TIME_UNIT_SECOND;
    }
  else if (kind < 0.97)
    {
      gboolean open_end = g_rand_boolean (rand);

      sitmap_time_init_undated (time);
      time->precision = SITMAP_TIME_PRECISION_SPAN;
      time->start = open_end ? t : SITMAP_TIME_OPEN_START;
      time->end = open_end ? SITMAP_TIME_OPEN_END : t;
    }
  else
    sitmap_time_init_undated (time);
}

static SitmapDocument *
build_document (void)
{
  SitmapDocumentBuilder *builder = sitmap_document_builder_new ();
  g_autoptr (GRand) rand = g_rand_new_with_seed (1914);
  SitmapEventDraft draft;

  for (guint i = 0; i < N_EVENTS; i++)
    {
      sitmap_event_draft_init (&draft);
      draft.category = g_rand_int_range (rand, 0, SITMAP_N_CATEGORIES);
      random_time (rand, &draft.time);
      sitmap_document_builder_add_event (builder, &draft);
      sitmap_event_draft_clear (&draft);
    }
  return sitmap_document_builder_finish (builder);
}

/* What the range must let through, event by event. */
static void
scan (const SitmapEventColumns *columns, gint64 from, gint64 to, SitmapRangeRule rule, guint hidden, GArray *out)
{
  g_array_set_size (out, 0);
  for (guint32 i = 0; i < columns->n_events; i++)
    {
      gboolean in;

      if (columns->time_precision[i] == SITMAP_TIME_PRECISION_NONE || (hidden & (1u << columns->category[i])))
        continue;
      if (rule == SITMAP_RANGE_WITHIN)
        in = columns->start[i] >= from && sitmap_event_columns_get_end (columns, i) <= to;
      else
        in = columns->start[i] < to && sitmap_event_columns_get_end (columns, i) > from;
      if (in)
        g_array_append_val (out, i);
    }
}

static void
assert_same (SitmapViewState *view_state, GArray *expected)
{
  const guint32 *visible;
  guint n;

  visible = sitmap_view_state_get_visible (view_state, &n);
  g_assert_cmpuint (n, ==, expected->len);
  g_assert_true (n == 0 || memcmp (visible, expected->data, n * sizeof (guint32)) == 0);
}

/* A range anywhere, from a minute to decades long, often on a day boundary as drags and typed dates
 * make them, sometimes far before 1970 or far after today. */
static void
random_range (GRand *rand, gint64 *from, gint64 *to)
{
  gint64 base = timeline_test_time ("1999-01-01");
  double length_kind = g_rand_double (rand);
  gint64 length;

  *from = base + (gint64) (g_rand_double (rand) * 27 * 365 * DAY);
  if (g_rand_double (rand) < 0.05)
    *from = timeline_test_time (g_rand_boolean (rand) ? "1066-01-01" : "2999-01-01") +
            g_rand_int_range (rand, 0, 500) * (gint64) DAY;
  if (g_rand_boolean (rand))
    *from -= *from % DAY;
  length = length_kind < 0.3 ? g_rand_int_range (rand, 60, DAY)
           : length_kind < 0.8 ? g_rand_int_range (rand, 1, 120) * (gint64) DAY
                               : g_rand_int_range (rand, 1, 30) * (gint64) 365 * DAY;
  *to = *from + length;
}

static void
test_contract (void)
{
  g_autoptr (SitmapDocument) document = build_document ();
  g_autoptr (SitmapViewState) view_state = sitmap_view_state_new ();
  g_autoptr (GArray) expected = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr (GRand) rand = g_rand_new_with_seed (2024);
  const SitmapEventColumns *columns = sitmap_document_get_columns (document);
  guint checked_nonempty = 0;

  sitmap_view_state_set_document (view_state, document);
  g_assert_cmpuint (columns->n_events, ==, N_EVENTS);
  for (guint i = 0; i < N_RANGES; i++)
    {
      SitmapRangeRule rule = i % 2 ? SITMAP_RANGE_WITHIN : SITMAP_RANGE_OVERLAPPING;
      guint hidden = i % 5 == 0 ? 1u << g_rand_int_range (rand, 0, SITMAP_N_CATEGORIES) : 0;
      gint64 from, to;

      random_range (rand, &from, &to);
      sitmap_view_state_set_range_rule (view_state, rule);
      sitmap_view_state_set_hidden_categories (view_state, hidden);
      sitmap_view_state_set_range (view_state, from, to);
      scan (columns, from, to, rule, hidden, expected);
      assert_same (view_state, expected);
      checked_nonempty += expected->len > 0;
    }
  /* The ranges were not all empty: the contract was tested on events */
  g_assert_cmpuint (checked_nonempty, >, N_RANGES / 2);

  /* No range: every event, undated too, but for the hidden categories */
  sitmap_view_state_set_hidden_categories (view_state, 0);
  sitmap_view_state_clear_range (view_state);
  g_assert_cmpuint (sitmap_view_state_get_n_visible (view_state), ==, N_EVENTS);
}

/* The histogram counts every dated event once, none at 1970, and agrees with a scan over whole days. */
static void
test_histogram_at_scale (void)
{
  g_autoptr (SitmapDocument) document = build_document ();
  g_autoptr (SitmapTimeHistogram) histogram = sitmap_time_histogram_new (sitmap_document_get_columns (document));
  const SitmapEventColumns *columns = sitmap_document_get_columns (document);
  guint n_dated = 0, in_2020 = 0;
  gint64 from = timeline_test_time ("2020-03-01"), to = timeline_test_time ("2020-03-08");
  double counted;

  for (guint i = 0; i < columns->n_dated; i++)
    {
      gboolean point = columns->time_precision[i] == SITMAP_TIME_PRECISION_EXACT ||
                       columns->time_precision[i] == SITMAP_TIME_PRECISION_DAY;

      n_dated += columns->time_precision[i] != SITMAP_TIME_PRECISION_NONE &&
                 !(columns->start[i] == SITMAP_TIME_OPEN_START && sitmap_event_columns_get_end (columns, i) == SITMAP_TIME_OPEN_END);
      in_2020 += point && columns->start[i] >= from && columns->start[i] < to;
    }
  g_assert_cmpfloat_with_epsilon (sitmap_time_histogram_count_total (histogram, G_MININT64, G_MAXINT64, 0), n_dated,
                                  0.5);
  g_assert_cmpfloat (sitmap_time_histogram_count_total (histogram, timeline_test_time ("1970-01-01"),
                                                        timeline_test_time ("1971-01-01"), 0), ==, 0);
  /* Events known to the day or the second in that week, exactly; the spread ones add a share */
  {
    SitmapHistogramCounts counts;
    double sure_points = 0;

    sitmap_time_histogram_count (histogram, from, to, &counts);
    for (guint c = 0; c < SITMAP_N_CATEGORIES; c++)
      sure_points += counts.counts[SITMAP_HISTOGRAM_SURE][c];
    counted = sure_points;
  }
  g_assert_cmpfloat (counted, >=, in_2020 - 0.5);
  /* …but not many more: spans are few */
  g_assert_cmpfloat (counted, <, in_2020 * 1.5);
  /* Small for what it does: less than a byte an event */
  g_assert_cmpuint (sitmap_time_histogram_get_memory_size (histogram), <, N_EVENTS);
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/timeline/range-contract/visible-set", test_contract);
  g_test_add_func ("/timeline/range-contract/histogram", test_histogram_at_scale);
  return g_test_run ();
}
