/* test-filter.c: search and facet filters in the view state, against a plain scan of every event
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "model-test-utils.h"
#include "sitmap-html.h"
#include "sitmap-view-state.h"
#include "sitmap-words.h"

#define N_EVENTS 3000

/*
 * The brute force: every event, every field, folded on the spot
 */

static gboolean
folded_has (const char *text, const char *word)
{
  g_autofree char *folded = NULL;

  if (text == NULL)
    return FALSE;
  if (sitmap_html_is_markup (text))
    {
      g_autofree char *plain = sitmap_html_to_text (text, NULL);

      folded = sitmap_words_fold (plain);
    }
  else
    folded = sitmap_words_fold (text);
  return sitmap_words_have_prefix (folded, word, strlen (word));
}

static gboolean
source_has (SitmapDocument *document, guint index, const char *word)
{
  SitmapSource *source = sitmap_document_get_source (document, index);

  return folded_has (sitmap_source_get_id (source), word) || folded_has (sitmap_source_get_name (source), word) ||
         folded_has (sitmap_source_get_abbreviation (source), word);
}

static gboolean
event_has_word (SitmapDocument *document, guint p, const char *word)
{
  SitmapEventStore *store = sitmap_document_get_store (document);
  const SitmapCitationRecord *records;
  const char *const *actors;
  guint n, place;

  if (folded_has (sitmap_event_store_get_title (store, p), word) ||
      folded_has (sitmap_event_store_get_summary (store, p), word) ||
      folded_has (sitmap_event_store_get_place_text (store, p), word))
    return TRUE;
  place = sitmap_event_store_get_place (store, p);
  if (place > 0 && folded_has (sitmap_place_get_name (sitmap_document_get_place (document, place - 1)), word))
    return TRUE;
  actors = sitmap_event_store_get_actors (store, p, &n);
  for (guint i = 0; i < n; i++)
    if (folded_has (actors[i], word))
      return TRUE;
  records = sitmap_event_store_get_citations (store, p, &n);
  for (guint i = 0; i < n; i++)
    if (source_has (document, records[i].source, word) ||
        (records[i].via > 0 && source_has (document, records[i].via - 1, word)))
      return TRUE;
  return FALSE;
}

static gboolean
collect_word_cb (const char *word, gsize length, gpointer user_data)
{
  g_ptr_array_add (user_data, g_strndup (word, length));
  return TRUE;
}

static gboolean
passes_sets (SitmapDocument *document, const SitmapFilter *filter, guint p)
{
  SitmapEventStore *store = sitmap_document_get_store (document);
  const char *const *values;
  const SitmapCitationRecord *records;
  const char *const *actors;
  guint n_values, n, place;
  gboolean found;

  if ((values = sitmap_filter_get_values (filter, SITMAP_FILTER_ACTORS, &n_values)) != NULL)
    {
      actors = sitmap_event_store_get_actors (store, p, &n);
      found = FALSE;
      for (guint i = 0; i < n; i++)
        found |= g_strv_contains (values, actors[i]);
      if (!found)
        return FALSE;
    }
  if ((values = sitmap_filter_get_values (filter, SITMAP_FILTER_SOURCES, &n_values)) != NULL)
    {
      records = sitmap_event_store_get_citations (store, p, &n);
      found = FALSE;
      for (guint i = 0; i < n; i++)
        found |= g_strv_contains (values, sitmap_source_get_id (sitmap_document_get_source (document, records[i].source))) ||
                 (records[i].via > 0 &&
                  g_strv_contains (values, sitmap_source_get_id (sitmap_document_get_source (document, records[i].via - 1))));
      if (!found)
        return FALSE;
    }
  if ((values = sitmap_filter_get_values (filter, SITMAP_FILTER_PLACES, &n_values)) != NULL)
    {
      place = sitmap_event_store_get_place (store, p);
      if (place == 0 || !g_strv_contains (values, sitmap_place_get_id (sitmap_document_get_place (document, place - 1))))
        return FALSE;
    }
  return TRUE;
}

static gboolean
passes_citations (SitmapDocument *document, const SitmapFilter *filter, guint p)
{
  SitmapReliability min_r = sitmap_filter_get_min_reliability (filter);
  SitmapCredibility min_c = sitmap_filter_get_min_credibility (filter);
  g_autoptr (SitmapEvent) event = sitmap_document_get_event (document, p);
  const SitmapCitationRecord *records;
  guint n;
  gboolean graded = FALSE;

  if (sitmap_event_get_n_origins (event) < sitmap_filter_get_min_origins (filter))
    return FALSE;
  if (min_r == SITMAP_RELIABILITY_UNRATED && min_c == SITMAP_CREDIBILITY_UNRATED)
    return TRUE;
  records = sitmap_event_store_get_citations (sitmap_document_get_store (document), p, &n);
  for (guint i = 0; i < n; i++)
    {
      SitmapReliability r = sitmap_source_get_reliability (sitmap_document_get_source (document, records[i].source));
      SitmapCredibility c = records[i].credibility;

      graded |= (min_r == SITMAP_RELIABILITY_UNRATED || (r != SITMAP_RELIABILITY_UNRATED && r <= min_r)) &&
                (min_c == SITMAP_CREDIBILITY_UNRATED || (c != SITMAP_CREDIBILITY_UNRATED && c <= min_c));
    }
  return graded;
}

static gboolean
brute_passes (SitmapDocument *document, const SitmapFilter *filter, guint p, GPtrArray *words)
{
  const SitmapEventColumns *columns = sitmap_document_get_columns (document);
  guint min_killed = sitmap_filter_get_min_killed (filter);

  if (sitmap_filter_get_hidden_categories (filter) & (1u << columns->category[p]))
    return FALSE;
  if (min_killed > 0 && columns->fatalities[p] < (gint32) min_killed)
    return FALSE;
  if (!passes_sets (document, filter, p) || !passes_citations (document, filter, p))
    return FALSE;
  for (guint w = 0; w < words->len; w++)
    if (!event_has_word (document, p, g_ptr_array_index (words, w)))
      return FALSE;
  return TRUE;
}

/* The passing set, which the timeline reads (all but the range), against the scan: per position, its
 * size and its undated events. */
static void
check_passing (SitmapViewState *state, const SitmapFilter *filter, GPtrArray *words)
{
  SitmapDocument *document = sitmap_view_state_get_document (state);
  const SitmapEventColumns *columns = sitmap_document_get_columns (document);
  g_autoptr (GArray) undated = g_array_new (FALSE, FALSE, sizeof (guint32));
  const guint32 *passing_undated;
  guint n_passing = 0, n_undated;

  for (guint32 p = 0; p < columns->n_events; p++)
    {
      gboolean passes = brute_passes (document, filter, p, words);

      g_assert_cmpint (sitmap_view_state_passes_filter (state, p), ==, passes);
      n_passing += passes;
      if (passes && p >= columns->n_dated)
        g_array_append_val (undated, p);
    }
  g_assert_cmpuint (sitmap_view_state_get_n_passing (state), ==, n_passing);
  g_assert_true ((sitmap_view_state_get_passing (state) == NULL) == sitmap_filter_is_empty (filter));
  passing_undated = sitmap_view_state_get_passing_undated (state, &n_undated);
  g_assert_cmpmem (passing_undated, n_undated * sizeof (guint32), undated->data, undated->len * sizeof (guint32));
}

/* Checks the view state's visible set against the scan, within the range it has. */
static guint
check_against_brute_force (SitmapViewState *state, const SitmapFilter *filter)
{
  SitmapDocument *document = sitmap_view_state_get_document (state);
  const SitmapEventColumns *columns = sitmap_document_get_columns (document);
  g_autoptr (GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) expected = g_array_new (FALSE, FALSE, sizeof (guint32));
  const guint32 *visible;
  gint64 start, end;
  gboolean has_range;
  guint n;

  sitmap_view_state_set_filter (state, filter);
  sitmap_words_foreach (sitmap_filter_get_text (filter), collect_word_cb, words);
  has_range = sitmap_view_state_get_range (state, &start, &end);
  for (guint32 p = 0; p < columns->n_events; p++)
    if ((!has_range || (columns->start[p] < end && sitmap_event_columns_get_end (columns, p) > start)) &&
        brute_passes (document, filter, p, words))
      g_array_append_val (expected, p);
  visible = sitmap_view_state_get_visible (state, &n);
  g_assert_cmpuint (n, ==, expected->len);
  g_assert_cmpmem (visible, n * sizeof (guint32), expected->data, expected->len * sizeof (guint32));
  check_passing (state, filter, words);
  return n;
}

static void
test_words_fold (void)
{
  static const struct
  {
    const char *text, *folded;
  } cases[] = {
    { "Ḥomṣ", "homs" },
    { "HOMS", "homs" },
    { "As-Sukhnah, 10 Dec.", "as sukhnah 10 dec" },
    { "l'armée", "l armee" },
    { "Kobanî — Qamishli", "kobani qamishli" },
    { "ﬁeld", "field" },
    { "!!! ... ---", "" },
    { "", "" },
    { "Türkiye\xff\xfeSDF", "turkiye sdf" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folded = sitmap_words_fold (cases[i].text);

      g_assert_cmpstr (folded, ==, cases[i].folded);
    }
  g_assert_true (sitmap_words_have_prefix ("as sukhnah", "sukh", 4));
  g_assert_false (sitmap_words_have_prefix ("as sukhnah", "ukh", 3));
}

static void
test_text_search (void)
{
  g_autoptr (SitmapDocument) document = model_test_random_document (N_EVENTS, 1);
  g_autoptr (SitmapViewState) state = sitmap_view_state_new ();
  static const char *const queries[] = {
    "homs", "HOMS", "Ḥomṣ", "ḥOMS", "sukh", "as-sukhnah", "SOHR", "agence", "afp", "Tahrir", "türk", "turk",
    "baghuz", "palmyra drone", "deir zor", "etat", "l'ARMÉE", "a", "légende", "p", "href", "amp", "zzzz",
    "  homs  ", "homs, raqqa", "1", "Hama homs aleppo convoy",
  };

  sitmap_view_state_set_document (state, document);
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr (SitmapFilter) filter = sitmap_filter_new ();
      guint n;

      sitmap_filter_set_text (filter, queries[i]);
      n = check_against_brute_force (state, filter);
      g_test_message ("%s: %u", queries[i], n);
      /* The queries that name something in the vocabulary find it; markup is not text. */
      if (g_str_equal (queries[i], "zzzz") || g_str_equal (queries[i], "href") || g_str_equal (queries[i], "amp"))
        g_assert_cmpuint (n, ==, 0);
      else if (!g_str_equal (queries[i], "1") && !g_str_equal (queries[i], "Hama homs aleppo convoy"))
        g_assert_cmpuint (n, >, 0);
    }
}

static void
test_text_edge_cases (void)
{
  g_autoptr (SitmapDocument) document = model_test_random_document (N_EVENTS, 2);
  g_autoptr (SitmapViewState) state = sitmap_view_state_new ();
  g_autoptr (SitmapFilter) filter = sitmap_filter_new ();
  g_autofree char *hostile = NULL;
  g_autoptr (GString) many = g_string_new (NULL);

  sitmap_view_state_set_document (state, document);

  /* Empty and punctuation-only searches filter nothing. */
  for (guint i = 0; i < 3; i++)
    {
      sitmap_filter_set_text (filter, (const char *[]) { "", "   ", "!?…—,." }[i]);
      g_assert_false (sitmap_filter_has_text (filter));
      g_assert_true (sitmap_filter_is_empty (filter));
      sitmap_view_state_set_filter (state, filter);
      g_assert_cmpuint (sitmap_view_state_get_n_visible (state), ==, N_EVENTS);
    }

  /* A megabyte of one letter is cut, is still searched, and finds nothing. */
  hostile = g_strnfill (1 << 20, 'h');
  sitmap_filter_set_text (filter, hostile);
  g_assert_cmpuint (strlen (sitmap_filter_get_text (filter)), ==, SITMAP_FILTER_MAX_TEXT);
  g_assert_cmpuint (check_against_brute_force (state, filter), ==, 0);

  /* Many short words, some repeated, invalid UTF-8 and a cut in the middle of a character. */
  for (guint i = 0; many->len < 3 * SITMAP_FILTER_MAX_TEXT; i++)
    g_string_append_printf (many, "h%s\xc3 ", i % 3 ? "o" : "\xe1\xb8\xa5");
  sitmap_filter_set_text (filter, many->str);
  g_assert_true (g_utf8_validate (sitmap_filter_get_text (filter), -1, NULL));
  check_against_brute_force (state, filter);
}

static void
test_facets_against_brute_force (void)
{
  g_autoptr (SitmapDocument) document = model_test_random_document (N_EVENTS, 3);
  g_autoptr (SitmapViewState) state = sitmap_view_state_new ();
  g_autoptr (GRand) rand = g_rand_new_with_seed (42);
  static const char *const sources[] = { "sohr", "afp", "reuters", "sana", "hts-media", "acled", "nobody" };
  static const char *const places[] = { "homs", "sukhnah", "deir", "baghouz", "palmyra", "raqqa", "atlantis" };

  sitmap_view_state_set_document (state, document);
  for (guint run = 0; run < 200; run++)
    {
      g_autoptr (SitmapFilter) filter = sitmap_filter_new ();

      if (g_rand_int_range (rand, 0, 3) == 0)
        sitmap_filter_set_hidden_categories (filter, g_rand_int (rand));
      for (guint i = g_rand_int_range (rand, 0, 3); i > 0; i--)
        sitmap_filter_add_value (filter, SITMAP_FILTER_ACTORS,
                                 model_test_actors[g_rand_int_range (rand, 0, model_test_n_actors)]);
      for (guint i = g_rand_int_range (rand, 0, 3); i > 0; i--)
        sitmap_filter_add_value (filter, SITMAP_FILTER_SOURCES, sources[g_rand_int_range (rand, 0, G_N_ELEMENTS (sources))]);
      if (g_rand_int_range (rand, 0, 3) == 0)
        sitmap_filter_add_value (filter, SITMAP_FILTER_PLACES, places[g_rand_int_range (rand, 0, G_N_ELEMENTS (places))]);
      if (g_rand_int_range (rand, 0, 3) == 0)
        sitmap_filter_set_min_reliability (filter, g_rand_int_range (rand, 0, SITMAP_RELIABILITY_F + 1));
      if (g_rand_int_range (rand, 0, 3) == 0)
        sitmap_filter_set_min_credibility (filter, g_rand_int_range (rand, 0, SITMAP_CREDIBILITY_6 + 1));
      if (g_rand_int_range (rand, 0, 4) == 0)
        sitmap_filter_set_min_killed (filter, g_rand_int_range (rand, 0, 150));
      if (g_rand_int_range (rand, 0, 4) == 0)
        sitmap_filter_set_min_origins (filter, g_rand_int_range (rand, 0, 4));
      if (g_rand_int_range (rand, 0, 4) == 0)
        sitmap_filter_set_text (filter, model_test_words[g_rand_int_range (rand, 0, model_test_n_words)]);
      if (g_rand_int_range (rand, 0, 3) == 0)
        {
          gint64 start = sitmap_time_from_civil (g_rand_int_range (rand, 2020, 2025), g_rand_int_range (rand, 1, 13), 1, 0, 0, 0);

          sitmap_view_state_set_range (state, start, start + g_rand_int_range (rand, 1, 400) * 86400);
        }
      else
        sitmap_view_state_clear_range (state);
      check_against_brute_force (state, filter);
    }
}

/* A big document has its indexes made in threads from when it is set: the first search and the
 * first facet filter wait for them and find the same as the scan. Its text index is made of runs read by
 * threads of their own and merged: every word a search can start with finds what the scan finds. */
static void
test_indexes_in_threads (void)
{
  static const char *const queries[] = { "homs", "a", "z", "sukhnah", "palmyra drone", "afp", "Ḥomṣ", "ar", "t", "sohr" };
  g_autoptr (SitmapDocument) document = model_test_random_document (60000, 6);
  g_autoptr (SitmapViewState) state = sitmap_view_state_new ();
  g_autoptr (SitmapFilter) filter = sitmap_filter_new ();

  sitmap_view_state_set_document (state, document);
  sitmap_filter_set_text (filter, "sukh");
  sitmap_filter_add_value (filter, SITMAP_FILTER_SOURCES, "afp");
  g_assert_cmpuint (check_against_brute_force (state, filter), >, 0);
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr (SitmapFilter) search = sitmap_filter_new ();

      sitmap_filter_set_text (search, queries[i]);
      g_test_message ("%s", queries[i]);
      g_assert_cmpuint (check_against_brute_force (state, search), >, 0);
    }
  /* Another document while the threads may still run: they are waited for and dropped. */
  g_clear_object (&document);
  document = model_test_random_document (60000, 7);
  sitmap_view_state_set_document (state, document);
  sitmap_view_state_set_document (state, NULL);
  g_assert_cmpuint (sitmap_view_state_get_n_visible (state), ==, 0);
}

static void
count_notify_cb (GObject *object, GParamSpec *pspec, gpointer user_data)
{
  (*(guint *) user_data)++;
}

/* The filter is one property; hidden categories stay in it, and grading edits filter again. */
static void
test_filter_property (void)
{
  g_autoptr (SitmapDocument) document = model_test_random_document (200, 4);
  g_autoptr (SitmapViewState) state = sitmap_view_state_new ();
  g_autoptr (SitmapFilter) filter = sitmap_filter_new ();
  guint notified = 0, n_a;
  SitmapSource *sohr;

  sitmap_view_state_set_document (state, document);
  g_signal_connect (state, "notify::filter", G_CALLBACK (count_notify_cb), &notified);
  sitmap_view_state_set_text (state, "homs");
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpstr (sitmap_filter_get_text (sitmap_view_state_get_filter (state)), ==, "homs");
  sitmap_view_state_set_text (state, "homs");
  g_assert_cmpuint (notified, ==, 1);
  sitmap_view_state_set_hidden_categories (state, 1u << SITMAP_CATEGORY_BATTLE);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_cmpstr (sitmap_filter_get_text (sitmap_view_state_get_filter (state)), ==, "homs");
  g_assert_cmpuint (sitmap_filter_get_hidden_categories (sitmap_view_state_get_filter (state)), ==,
                    1u << SITMAP_CATEGORY_BATTLE);
  sitmap_view_state_set_filter (state, NULL);
  g_assert_cmpuint (sitmap_view_state_get_n_visible (state), ==, 200);
  g_assert_cmpuint (sitmap_view_state_get_hidden_categories (state), ==, 0);

  /* Only A-rated sources: SOHR is rated A in these documents; demoting it hides its events. */
  sitmap_filter_set_min_reliability (filter, SITMAP_RELIABILITY_A);
  n_a = check_against_brute_force (state, filter);
  g_assert_cmpuint (n_a, >, 0);
  sohr = sitmap_document_get_source (document, sitmap_document_find_source (document, "sohr"));
  g_assert_cmpint (sitmap_source_get_reliability (sohr), ==, SITMAP_RELIABILITY_A);
  sitmap_source_set_reliability (sohr, SITMAP_RELIABILITY_E);
  sitmap_document_emit_changed (document, SITMAP_DOCUMENT_CHANGE_SOURCES);
  g_assert_cmpuint (sitmap_view_state_get_n_visible (state), <, n_a);
  check_against_brute_force (state, filter);
}

static void
test_facet_index_values (void)
{
  g_autoptr (SitmapDocument) document = model_test_random_document (N_EVENTS, 5);
  g_autoptr (SitmapViewState) state = sitmap_view_state_new ();
  SitmapFacetIndex *index;
  guint previous = G_MAXUINT, total = 0;

  sitmap_view_state_set_document (state, document);
  index = sitmap_view_state_get_facet_index (state);
  g_assert_cmpuint (sitmap_facet_index_get_n_values (index, SITMAP_FILTER_ACTORS), ==, model_test_n_actors);
  /* Most reported first */
  for (guint i = 0; i < sitmap_facet_index_get_n_values (index, SITMAP_FILTER_ACTORS); i++)
    {
      guint n;

      sitmap_facet_index_get_events (index, SITMAP_FILTER_ACTORS, i, &n);
      g_assert_cmpuint (n, <=, previous);
      g_assert_cmpint (sitmap_facet_index_find (index, SITMAP_FILTER_ACTORS, sitmap_facet_index_get_actor (index, i)), ==, i);
      previous = n;
      total += n;
    }
  g_assert_cmpuint (total, >, N_EVENTS / 2);
  g_assert_cmpint (sitmap_facet_index_find (index, SITMAP_FILTER_ACTORS, "nobody"), ==, -1);
  g_assert_cmpint (sitmap_facet_index_find (index, SITMAP_FILTER_SOURCES, "sohr"), >=, 0);
  g_assert_cmpuint (sitmap_facet_index_get_memory_size (index), >, 0);
}

typedef struct
{
  SitmapViewState *state;
  guint            position;
  guint            passing_changed;
  GString         *signals; /* P for passing-changed, V for visible-changed, F for the filter's notify */
  gboolean         passed_at_notify;
  guint            n_passing_at_notify;
} PassingWatch;

static void
passing_changed_cb (SitmapViewState *state, PassingWatch *watch)
{
  watch->passing_changed++;
  g_string_append_c (watch->signals, 'P');
}

static void
visible_changed_cb (SitmapViewState *state, PassingWatch *watch)
{
  g_string_append_c (watch->signals, 'V');
}

static void
filter_notify_cb (SitmapViewState *state, GParamSpec *pspec, PassingWatch *watch)
{
  watch->passed_at_notify = sitmap_view_state_passes_filter (state, watch->position);
  watch->n_passing_at_notify = sitmap_view_state_get_n_passing (state);
  g_string_append_c (watch->signals, 'F');
}

/* What passes the filter, whatever the range: ready when "passing-changed" and the filter's notify come,
 * made again on a filter change, a grading edit under a minimum grading, a new document, and not on a
 * range change. */
static void
test_passing_set (void)
{
  g_autoptr (SitmapDocument) document = model_test_random_document (300, 9);
  g_autoptr (SitmapViewState) state = sitmap_view_state_new ();
  g_autoptr (SitmapFilter) filter = sitmap_filter_new ();
  const SitmapEventColumns *columns = sitmap_document_get_columns (document);
  g_autoptr (GString) signals = g_string_new (NULL);
  PassingWatch watch = { .state = state, .signals = signals };
  guint n_text;

  g_assert_false (sitmap_view_state_passes_filter (state, 0));
  g_assert_cmpuint (sitmap_view_state_get_n_passing (state), ==, 0);
  g_signal_connect (state, "passing-changed", G_CALLBACK (passing_changed_cb), &watch);
  g_signal_connect (state, "visible-changed", G_CALLBACK (visible_changed_cb), &watch);
  g_signal_connect (state, "notify::filter", G_CALLBACK (filter_notify_cb), &watch);
  sitmap_view_state_set_document (state, document);
  g_assert_cmpuint (watch.passing_changed, ==, 1);
  g_assert_cmpuint (sitmap_view_state_get_n_passing (state), ==, 300);
  g_assert_null (sitmap_view_state_get_passing (state));
  g_assert_false (sitmap_view_state_passes_filter (state, 300));
  g_assert_false (sitmap_view_state_get_filter_beyond_categories (state));

  /* A search: at the filter's notify the set is already the new one */
  {
    g_autoptr (SitmapEvent) event = sitmap_document_get_event (document, 0);

    watch.position = 0;
    g_string_truncate (signals, 0);
    sitmap_view_state_set_text (state, sitmap_event_get_title (event));
  }
  n_text = sitmap_view_state_get_n_passing (state);
  g_assert_cmpuint (n_text, <, 300);
  g_assert_cmpuint (n_text, >, 0);
  g_assert_true (watch.passed_at_notify);
  g_assert_cmpuint (watch.n_passing_at_notify, ==, n_text);
  g_assert_true (sitmap_view_state_get_filter_beyond_categories (state));
  /* The passing set first, then the visible set made from it, then the filter's notify */
  g_assert_cmpstr (signals->str, ==, "PVF");

  /* A range narrows the visible set, not the passing set */
  {
    guint before = watch.passing_changed;

    g_string_truncate (signals, 0);
    sitmap_view_state_set_range (state, columns->start[0], columns->start[columns->n_dated / 2]);
    g_assert_cmpuint (watch.passing_changed, ==, before);
    g_assert_cmpstr (signals->str, ==, "V");
    g_assert_cmpuint (sitmap_view_state_get_n_passing (state), ==, n_text);
    g_assert_cmpuint (sitmap_view_state_get_n_visible (state), <, n_text);
    for (guint i = 0, n; i < (sitmap_view_state_get_visible (state, &n), n); i++)
      g_assert_true (sitmap_view_state_passes_filter (state, sitmap_view_state_get_visible (state, &n)[i]));
    sitmap_view_state_clear_range (state);
    g_assert_cmpuint (sitmap_view_state_get_n_visible (state), ==, n_text);
  }

  /* Categories alone: not beyond categories, and the set still says who passes */
  sitmap_view_state_set_filter (state, NULL);
  sitmap_view_state_set_hidden_categories (state, 1u << columns->category[0]);
  g_assert_false (sitmap_view_state_get_filter_beyond_categories (state));
  g_assert_false (sitmap_view_state_passes_filter (state, 0));
  g_assert_nonnull (sitmap_view_state_get_passing (state));

  /* A grading edit under a minimum grading makes it again */
  {
    SitmapSource *sohr = sitmap_document_get_source (document, sitmap_document_find_source (document, "sohr"));
    guint before, n_a;

    sitmap_filter_set_min_reliability (filter, SITMAP_RELIABILITY_A);
    sitmap_view_state_set_filter (state, filter);
    n_a = sitmap_view_state_get_n_passing (state);
    before = watch.passing_changed;
    sitmap_source_set_reliability (sohr, SITMAP_RELIABILITY_E);
    sitmap_document_emit_changed (document, SITMAP_DOCUMENT_CHANGE_SOURCES);
    g_assert_cmpuint (watch.passing_changed, ==, before + 1);
    g_assert_cmpuint (sitmap_view_state_get_n_passing (state), <, n_a);
  }

  /* No document: nothing passes */
  sitmap_view_state_set_document (state, NULL);
  g_assert_cmpuint (sitmap_view_state_get_n_passing (state), ==, 0);
  g_assert_false (sitmap_view_state_passes_filter (state, 0));
  g_signal_handlers_disconnect_by_data (state, &watch);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/filter/words-fold", test_words_fold);
  g_test_add_func ("/filter/text-search", test_text_search);
  g_test_add_func ("/filter/text-edge-cases", test_text_edge_cases);
  g_test_add_func ("/filter/facets", test_facets_against_brute_force);
  g_test_add_func ("/filter/property", test_filter_property);
  g_test_add_func ("/filter/passing-set", test_passing_set);
  g_test_add_func ("/filter/facet-index", test_facet_index_values);
  g_test_add_func ("/filter/indexes-in-threads", test_indexes_in_threads);
  return g_test_run ();
}
