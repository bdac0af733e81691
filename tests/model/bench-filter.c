/* bench-filter.c: search, facet filters and sorting at a million events
 *
 * Prints `name: value unit` lines, medians of several runs. Arguments: the number of events
 * (default a million), and "search" to measure the search alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"


#include "model-test-utils.h"
#include "sitmap-bench.h"
#include "sitmap-event-list.h"
#include "sitmap-event-order.h"
#include "sitmap-text-index.h"

#define RUNS 11

/* Each run sets a filter different from the last, so the view state filters again. */
static double
time_filters (SitmapViewState *state, SitmapFilter **filters, guint n_filters, guint *n_visible)
{
  double times[RUNS];

  for (guint run = 0; run < RUNS; run++)
    {
      double start = sitmap_bench_now_ms ();

      sitmap_view_state_set_filter (state, filters[run % n_filters]);
      times[run] = sitmap_bench_now_ms () - start;
      *n_visible = sitmap_view_state_get_n_visible (state);
    }
  return sitmap_bench_median (times, RUNS);
}

static void
bench_search (SitmapViewState *state, const char *label, guint n)
{
  static const char *const queries[] = { "homs", "sukhnah convoy", "aleppo", "drone", "tadmur", "palmyra shelling" };
  SitmapFilter *filters[G_N_ELEMENTS (queries)];
  SitmapDocument *document = sitmap_view_state_get_document (state);
  g_autoptr (SitmapTextIndex) index = NULL;
  double start, cpu_start, builds[3], cpu[3];
  guint n_visible;

  for (guint i = 0; i < G_N_ELEMENTS (builds); i++)
    {
      g_clear_pointer (&index, sitmap_text_index_free);
      start = sitmap_bench_now_ms ();
      cpu_start = sitmap_bench_cpu_ms ();
      index = sitmap_text_index_new (sitmap_document_get_store (document));
      builds[i] = sitmap_bench_now_ms () - start;
      cpu[i] = sitmap_bench_cpu_ms () - cpu_start;
    }
  g_print ("text_index_build_%s_ms: %.0f ms\n", label, sitmap_bench_median (builds, G_N_ELEMENTS (builds)));
  /* Every thread's time together: the work, which the clock shows divided among the processors on a quiet machine */
  g_print ("text_index_build_%s_cpu_ms: %.0f ms\n", label, sitmap_bench_median (cpu, G_N_ELEMENTS (cpu)));
  g_print ("text_index_bytes_per_event: %.1f bytes\n", (double) sitmap_text_index_get_memory_size (index) / n);
  g_print ("text_index_words: %u words\n", sitmap_text_index_get_n_words (index));

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      filters[i] = sitmap_filter_new ();
      sitmap_filter_set_text (filters[i], queries[i]);
    }
  /* The first search builds the view state's own indexes. */
  start = sitmap_bench_now_ms ();
  sitmap_view_state_set_filter (state, filters[G_N_ELEMENTS (queries) - 1]);
  g_print ("first_search_%s_ms: %.0f ms\n", label, sitmap_bench_now_ms () - start);
  g_print ("search_text_%s_ms: %.1f ms\n", label, time_filters (state, filters, G_N_ELEMENTS (queries), &n_visible));
  g_print ("search_text_%s_last_visible: %u events\n", label, n_visible);
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    sitmap_filter_free (filters[i]);

  /* The worst case: one or two letters, as the first keystrokes give, whose prefixes span much of the
   * vocabulary. */
  {
    static const char *const short_queries[] = { "a", "s", "ma", "h" };
    SitmapFilter *prefixes[G_N_ELEMENTS (short_queries)];

    for (guint i = 0; i < G_N_ELEMENTS (short_queries); i++)
      {
        prefixes[i] = sitmap_filter_new ();
        sitmap_filter_set_text (prefixes[i], short_queries[i]);
      }
    g_print ("search_short_prefix_%s_ms: %.1f ms\n", label,
             time_filters (state, prefixes, G_N_ELEMENTS (short_queries), &n_visible));
    for (guint i = 0; i < G_N_ELEMENTS (short_queries); i++)
      sitmap_filter_free (prefixes[i]);
  }
}

static void
bench_facets (SitmapViewState *state, const char *label, guint n)
{
  SitmapFilter *filters[4];
  guint n_visible;
  double start = sitmap_bench_now_ms ();

  sitmap_view_state_get_facet_index (state);
  g_print ("facet_index_build_%s_ms: %.0f ms\n", label, sitmap_bench_now_ms () - start);

  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    filters[i] = sitmap_filter_new ();
  sitmap_filter_add_value (filters[0], SITMAP_FILTER_SOURCES, "sohr");
  sitmap_filter_set_min_reliability (filters[0], SITMAP_RELIABILITY_B);
  sitmap_filter_add_value (filters[1], SITMAP_FILTER_ACTORS, "Islamic State");
  sitmap_filter_set_hidden_categories (filters[1], 1u << SITMAP_CATEGORY_BATTLE);
  sitmap_filter_add_value (filters[2], SITMAP_FILTER_PLACES, "sukhnah");
  sitmap_filter_set_min_killed (filters[2], 10);
  sitmap_filter_add_value (filters[3], SITMAP_FILTER_SOURCES, "afp");
  sitmap_filter_add_value (filters[3], SITMAP_FILTER_ACTORS, "SDF");
  sitmap_filter_set_min_credibility (filters[3], SITMAP_CREDIBILITY_3);
  sitmap_filter_set_min_origins (filters[3], 2);
  g_print ("facet_index_bytes_per_event: %.1f bytes\n",
           (double) sitmap_facet_index_get_memory_size (sitmap_view_state_get_facet_index (state)) / n);
  g_print ("facet_filter_%s_ms: %.1f ms\n", label, time_filters (state, filters, G_N_ELEMENTS (filters), &n_visible));
  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    sitmap_filter_free (filters[i]);
  sitmap_view_state_set_filter (state, NULL);
}

static void
bench_sort (SitmapViewState *state, const char *label)
{
  SitmapDocument *document = sitmap_view_state_get_document (state);
  g_autoptr (SitmapEventList) list = sitmap_event_list_new_visible (state);
  double times[3], start;
  gboolean sorting = TRUE;

  for (guint run = 0; run < G_N_ELEMENTS (times); run++)
    {
      g_autoptr (SitmapEventOrderJob) job = sitmap_event_order_job_new (document, SITMAP_EVENT_SORT_TITLE, NULL);
      g_autofree guint32 *order = NULL;

      start = sitmap_bench_now_ms ();
      order = sitmap_event_order_job_run (job);
      times[run] = sitmap_bench_now_ms () - start;
    }
  g_print ("sort_title_%s_ms: %.0f ms\n", label, sitmap_bench_median (times, G_N_ELEMENTS (times)));

  /* Once ordered, each change of the visible set costs a pass. */
  sitmap_event_list_set_sort (list, SITMAP_EVENT_SORT_TITLE, FALSE);
  while (sorting)
    {
      g_main_context_iteration (NULL, TRUE);
      g_object_get (list, "sorting", &sorting, NULL);
    }
  for (guint run = 0; run < G_N_ELEMENTS (times); run++)
    {
      start = sitmap_bench_now_ms ();
      sitmap_view_state_set_range (state, sitmap_time_from_civil (2021, 1, 1, 0, 0, run), sitmap_time_from_civil (2023, 1, 1, 0, 0, 0));
      times[run] = sitmap_bench_now_ms () - start;
    }
  g_print ("sorted_list_refilter_%s_ms: %.1f ms\n", label, sitmap_bench_median (times, G_N_ELEMENTS (times)));
}

int
main (int argc, char *argv[])
{
  guint n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 1000000;
  g_autofree char *label = n == 1000000 ? g_strdup ("1m") : g_strdup_printf ("%u", n);
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (SitmapViewState) state = sitmap_view_state_new ();
  double start = sitmap_bench_now_ms ();

  document = model_test_random_document (n, 2024);
  g_print ("# %u events made in %.0f ms\n", n, sitmap_bench_now_ms () - start);
  sitmap_view_state_set_document (state, document);
  /* A second argument, "search", measures the search alone */
  if (argc > 2 && g_strcmp0 (argv[2], "search") == 0)
    {
      bench_search (state, label, n);
      return 0;
    }
  bench_facets (state, label, n);
  bench_search (state, label, n);
  sitmap_view_state_set_filter (state, NULL);
  bench_sort (state, label);
  return 0;
}
