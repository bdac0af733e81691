/* test-event-store-bulk.c: events added in bulk read back as events added from drafts; the sort and the id
 * index keep the order and answers they always had; text is interned
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "sitmap-document-builder.h"
#include "sitmap-string-table.h"

#define DAY 86400

/*
 * The sort
 */

typedef struct
{
  gboolean dated;
  gint64   start;
  gint64   end;
  guint    index;
} Expected;

/* The rule the store always sorted by: dated first, by start, end, then the order of adding. */
static int
compare_expected (gconstpointer a, gconstpointer b)
{
  const Expected *x = a, *y = b;

  if (x->dated != y->dated)
    return x->dated ? -1 : 1;
  if (x->dated && x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->dated && x->end != y->end)
    return x->end < y->end ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

static void
random_time (GRand *rand, SitmapTime *time)
{
  gint64 base = (gint64) g_rand_int_range (rand, -40, 40) * DAY;

  switch (g_rand_int_range (rand, 0, 6))
    {
    case 0:
      sitmap_time_init_undated (time);
      break;
    case 1: /* a day, often the same few */
      sitmap_time_init_undated (time);
      time->precision = SITMAP_TIME_PRECISION_DAY;
      time->start = base;
      time->end = base + DAY;
      time->start_unit = SITMAP_TIME_UNIT_DAY;
      break;
    case 2: /* a span from the same start, of another length */
      sitmap_time_init_undated (time);
      time->precision = SITMAP_TIME_PRECISION_SPAN;
      time->start = base;
      time->end = base + g_rand_int_range (rand, 1, 30) * DAY;
      time->start_unit = time->end_unit = SITMAP_TIME_UNIT_DAY;
      break;
    case 3: /* open at either end */
      sitmap_time_init_undated (time);
      time->precision = SITMAP_TIME_PRECISION_SPAN;
      time->start = g_rand_boolean (rand) ? SITMAP_TIME_OPEN_START : base;
      time->end = time->start == SITMAP_TIME_OPEN_START ? base : SITMAP_TIME_OPEN_END;
      break;
    case 4: /* far in the past: negative seconds, where a sign error would show */
      sitmap_time_init_undated (time);
      time->precision = SITMAP_TIME_PRECISION_EXACT;
      time->start = -(gint64) g_rand_int (rand) * 1000;
      time->end = time->start + 1;
      time->start_unit = SITMAP_TIME_UNIT_SECOND;
      break;
    default: /* a moment */
      sitmap_time_init_undated (time);
      time->precision = SITMAP_TIME_PRECISION_EXACT;
      time->start = base + g_rand_int_range (rand, 0, 3);
      time->end = time->start + 1;
      time->start_unit = SITMAP_TIME_UNIT_SECOND;
      break;
    }
}

/* Events in random order, many with equal starts and ends, sorted as the rule says; twice, so that an
 * input already in order (which the sort passes over) is checked too. */
static void
test_sort_matches_rule (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);

  for (guint round = 0; round < 2; round++)
    {
      SitmapDocumentBuilder *builder = sitmap_document_builder_new ();
      g_autoptr (SitmapDocument) document = NULL;
      g_autoptr (GArray) expected = g_array_new (FALSE, FALSE, sizeof (Expected));
      SitmapEventStore *store;
      guint n = 5000;

      for (guint i = 0; i < n; i++)
        {
          SitmapEventDraft draft;
          Expected e;

          sitmap_event_draft_init (&draft);
          draft.id = g_strdup_printf ("e%u", i);
          random_time (rand, &draft.time);
          if (round == 1)
            {
              /* In order already: ascending days, ties in the order added */
              sitmap_time_init_undated (&draft.time);
              draft.time.precision = SITMAP_TIME_PRECISION_DAY;
              draft.time.start = (gint64) (i / 7) * DAY;
              draft.time.end = draft.time.start + DAY;
            }
          e.dated = draft.time.precision != SITMAP_TIME_PRECISION_NONE;
          e.start = draft.time.start;
          e.end = draft.time.end;
          e.index = i;
          g_array_append_val (expected, e);
          sitmap_document_builder_add_event (builder, &draft);
          sitmap_event_draft_clear (&draft);
        }
      document = sitmap_document_builder_finish (builder);
      store = sitmap_document_get_store (document);
      g_array_sort (expected, compare_expected);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *id = g_strdup_printf ("e%u", g_array_index (expected, Expected, i).index);

          g_assert_cmpstr (sitmap_event_store_get_id (store, i), ==, id);
        }
    }
}

/* Where a file repeats an id, the last event with it is found, as always: added in time order, and added in
 * reverse (then the sort, not the order of adding, says which is last) */
static void
test_find_repeated_ids (void)
{
  for (guint reverse = 0; reverse < 2; reverse++)
    {
      SitmapDocumentBuilder *builder = sitmap_document_builder_new ();
      g_autoptr (SitmapDocument) document = NULL;
      SitmapEventStore *store;
      guint n = 3000;

      for (guint i = 0; i < n; i++)
        {
          SitmapEventDraft draft;

          sitmap_event_draft_init (&draft);
          draft.id = g_strdup_printf ("id-%u", i % 1000);
          draft.title = g_strdup_printf ("%u", i);
          draft.time.precision = SITMAP_TIME_PRECISION_DAY;
          draft.time.start = (gint64) (reverse ? n - i : i) * DAY;
          draft.time.end = draft.time.start + DAY;
          sitmap_document_builder_add_event (builder, &draft);
          sitmap_event_draft_clear (&draft);
        }
      document = sitmap_document_builder_finish (builder);
      store = sitmap_document_get_store (document);
      for (guint k = 0; k < 1000; k++)
        {
          g_autofree char *id = g_strdup_printf ("id-%u", k);
          gint position = sitmap_event_store_find (store, id);

          g_assert_cmpint (position, ==, (gint) (reverse ? 2999 - k : 2000 + k));
          g_assert_cmpstr (sitmap_event_store_get_id (store, position), ==, id);
        }
      g_assert_cmpint (sitmap_event_store_find (store, "id-1000"), ==, -1);
      g_assert_cmpint (sitmap_event_store_find (store, ""), ==, -1);
    }
}

/*
 * Bulk events
 */

typedef struct
{
  const char *id;
  const char *title;
  const char *summary;
  const char *place_text;
  const char *date;
  double      latitude;
  double      longitude;
  SitmapLocationPrecision precision;
  const char *actors[3];
  gint64      killed; /* -1: no figure */
  const char *sources[3];
  const char *admin1; /* attributes, NULL: left out */
  const char *iso;
} Fixture;

static const Fixture fixtures[] = {
  { "SYR1", "Armed clash in Sukhnah", "Clashes near the town.", "As-Sukhnah", "2024-12-10", 34.88, 38.87,
    SITMAP_LOCATION_PRECISION_TOWN, { "Islamic State", "Military Forces of Syria" }, 54,
    { "SOHR", "AFP" }, "Homs", "760" },
  { "SYR2", "Air strike in Deir ez-Zor", NULL, "Deir ez-Zor", "2024-12-08", 35.33, 40.14,
    SITMAP_LOCATION_PRECISION_NEAR_TOWN, { "Military Forces of Russia" }, 0, { "SOHR" }, "Deir ez-Zor", "760" },
  { "SYR3", NULL, "Undated report.", NULL, NULL, NAN, NAN, SITMAP_LOCATION_PRECISION_NONE, { NULL }, -1,
    { NULL }, NULL, "760" },
  { "IRQ1", "Protest in Baghdad", "Protesters gathered.", "Baghdad", "2019-03", 33.31, 44.36,
    SITMAP_LOCATION_PRECISION_REGION, { "Protesters (Iraq)" }, -1, { "SOHR", "AFP" }, "Baghdad", "368" },
  { "SYR1", "Armed clash in Sukhnah", "The same id again.", "As-Sukhnah", "2024-12-10", 34.88, 38.87,
    SITMAP_LOCATION_PRECISION_TOWN, { "Islamic State" }, 3, { "AFP" }, "Homs", NULL },
};

static void
fixture_time (const Fixture *f, SitmapTime *time)
{
  if (f->date == NULL)
    sitmap_time_init_undated (time);
  else
    g_assert_true (sitmap_time_init_instant (time, f->date, NULL));
}

static void
add_draft (SitmapDocumentBuilder *builder, const Fixture *f)
{
  SitmapEventDraft draft;

  sitmap_event_draft_init (&draft);
  draft.id = g_strdup (f->id);
  draft.title = g_strdup (f->title);
  draft.summary = g_strdup (f->summary);
  draft.place_text = g_strdup (f->place_text);
  fixture_time (f, &draft.time);
  draft.latitude = f->latitude;
  draft.longitude = f->longitude;
  draft.location_precision = f->precision;
  draft.category = SITMAP_CATEGORY_BATTLE;
  for (guint i = 0; f->actors[i] != NULL; i++)
    sitmap_event_draft_add_actor (&draft, f->actors[i]);
  if (f->killed >= 0)
    {
      SitmapFigure figure = { SITMAP_FIGURE_KILLED, SITMAP_QUALIFIER_EXACT, f->killed, SITMAP_FIGURE_UNKNOWN, NULL };

      sitmap_event_draft_add_figure (&draft, &figure);
    }
  for (guint i = 0; f->sources[i] != NULL; i++)
    {
      SitmapCitationDraft citation = { 0 };

      citation.source_id = g_strdup (f->sources[i]);
      sitmap_event_draft_take_citation (&draft, &citation);
    }
  if (f->admin1 != NULL)
    sitmap_event_draft_add_attribute (&draft, "admin1", f->admin1);
  if (f->iso != NULL)
    sitmap_event_draft_add_attribute (&draft, "iso", f->iso);
  sitmap_document_builder_add_event (builder, &draft);
  sitmap_event_draft_clear (&draft);
}

static guint32
intern (SitmapEventStore *store, const char *text)
{
  return sitmap_event_store_intern (store, text, strlen (text));
}

static const char *
copy (SitmapEventStore *store, const char *text)
{
  return text ? sitmap_event_store_add_text (store, text, strlen (text)) : NULL;
}

/* As a table reader adds rows: runs made once and shared by the rows that repeat them. */
static void
add_bulk (SitmapEventStore *store, const Fixture *f, GHashTable *runs)
{
  SitmapBulkEvent row = { 0 };
  guint32 names[2], values[2], ids[3];
  guint n = 0, n_ids = 0;
  SitmapEventRun *run;
  g_autofree char *citation_key = NULL;

  row.id = copy (store, f->id);
  row.title = f->title ? sitmap_event_store_get_string (store, intern (store, f->title)) : NULL;
  row.summary = copy (store, f->summary);
  row.place_text = f->place_text ? sitmap_event_store_get_string (store, intern (store, f->place_text)) : NULL;
  fixture_time (f, &row.time);
  row.latitude = f->latitude;
  row.longitude = f->longitude;
  row.location_precision = f->precision;
  row.category = SITMAP_CATEGORY_BATTLE;
  for (guint i = 0; f->actors[i] != NULL; i++)
    ids[n_ids++] = intern (store, f->actors[i]);
  row.actors = sitmap_event_store_add_actors (store, ids, n_ids);
  if (f->killed >= 0)
    {
      SitmapFigure figure = { SITMAP_FIGURE_KILLED, SITMAP_QUALIFIER_EXACT, f->killed, SITMAP_FIGURE_UNKNOWN, NULL };

      row.figures = sitmap_event_store_add_figures (store, &figure, 1);
    }
  n_ids = 0;
  citation_key = g_strjoinv (";", (char **) f->sources);
  for (guint i = 0; f->sources[i] != NULL; i++)
    ids[n_ids++] = intern (store, f->sources[i]);
  run = g_hash_table_lookup (runs, citation_key);
  if (run == NULL && n_ids > 0)
    {
      run = g_new (SitmapEventRun, 1);
      *run = sitmap_event_store_add_citations (store, ids, n_ids);
      g_hash_table_insert (runs, g_strdup (citation_key), run);
    }
  if (run != NULL)
    row.citations = *run;
  if (f->admin1 != NULL)
    {
      names[n] = intern (store, "admin1");
      values[n++] = intern (store, f->admin1);
    }
  if (f->iso != NULL)
    {
      names[n] = intern (store, "iso");
      values[n++] = intern (store, f->iso);
    }
  row.schema = sitmap_event_store_add_schema (store, names, n);
  row.values = values;
  sitmap_event_store_add_bulk (store, &row);
}

static void
assert_events_equal (SitmapDocument *a, SitmapDocument *b)
{
  SitmapEventStore *sa = sitmap_document_get_store (a), *sb = sitmap_document_get_store (b);
  const SitmapEventColumns *ca = sitmap_document_get_columns (a), *cb = sitmap_document_get_columns (b);

  g_assert_cmpuint (ca->n_events, ==, cb->n_events);
  g_assert_cmpuint (ca->n_dated, ==, cb->n_dated);
  g_assert_cmpuint (g_list_model_get_n_items (sitmap_document_get_sources (a)), ==, g_list_model_get_n_items (sitmap_document_get_sources (b)));
  for (guint s = 0; s < g_list_model_get_n_items (sitmap_document_get_sources (a)); s++)
    g_assert_cmpstr (sitmap_source_get_id (sitmap_document_get_source (a, s)), ==,
                     sitmap_source_get_id (sitmap_document_get_source (b, s)));
  for (guint i = 0; i < ca->n_events; i++)
    {
      const SitmapCitationRecord *ra, *rb;
      const char *const *aa, *const *ab;
      const SitmapFigure *fa, *fb;
      SitmapTime ta, tb;
      guint na, nb;

      g_assert_cmpstr (sitmap_event_store_get_id (sa, i), ==, sitmap_event_store_get_id (sb, i));
      g_assert_cmpstr (sitmap_event_store_get_title (sa, i), ==, sitmap_event_store_get_title (sb, i));
      g_assert_cmpstr (sitmap_event_store_get_summary (sa, i), ==, sitmap_event_store_get_summary (sb, i));
      g_assert_cmpstr (sitmap_event_store_get_place_text (sa, i), ==, sitmap_event_store_get_place_text (sb, i));
      sitmap_event_store_get_time (sa, i, &ta);
      sitmap_event_store_get_time (sb, i, &tb);
      g_assert_true (memcmp (&ta, &tb, sizeof ta) == 0 || (ta.start == tb.start && ta.end == tb.end &&
                                                           ta.precision == tb.precision));
      g_assert_cmpint (ca->flags[i], ==, cb->flags[i]);
      g_assert_cmpint (ca->location_precision[i], ==, cb->location_precision[i]);
      g_assert_cmpint (ca->fatalities[i], ==, cb->fatalities[i]);
      g_assert_cmpint (ca->origins[i], ==, cb->origins[i]);
      g_assert_true ((isnan (ca->x[i]) && isnan (cb->x[i])) || ca->x[i] == cb->x[i]);
      g_assert_cmpint (sitmap_event_store_has_stated_precision (sa, i), ==,
                       sitmap_event_store_has_stated_precision (sb, i));
      aa = sitmap_event_store_get_actors (sa, i, &na);
      ab = sitmap_event_store_get_actors (sb, i, &nb);
      g_assert_cmpuint (na, ==, nb);
      for (guint k = 0; k < na; k++)
        g_assert_cmpstr (aa[k], ==, ab[k]);
      fa = sitmap_event_store_get_figures (sa, i, &na);
      fb = sitmap_event_store_get_figures (sb, i, &nb);
      g_assert_cmpuint (na, ==, nb);
      for (guint k = 0; k < na; k++)
        g_assert_cmpint (fa[k].min, ==, fb[k].min);
      ra = sitmap_event_store_get_citations (sa, i, &na);
      rb = sitmap_event_store_get_citations (sb, i, &nb);
      g_assert_cmpuint (na, ==, nb);
      for (guint k = 0; k < na; k++)
        g_assert_cmpuint (ra[k].source, ==, rb[k].source);
      g_assert_cmpuint (sitmap_event_store_get_n_attributes (sa, i), ==, sitmap_event_store_get_n_attributes (sb, i));
      for (guint k = 0; k < sitmap_event_store_get_n_attributes (sa, i); k++)
        {
          const char *va, *vb;

          g_assert_cmpstr (sitmap_event_store_get_attribute (sa, i, k, &va), ==,
                           sitmap_event_store_get_attribute (sb, i, k, &vb));
          g_assert_cmpstr (va, ==, vb);
        }
      g_assert_cmpint (sitmap_event_store_find (sa, sitmap_event_store_get_id (sa, i)), ==,
                       sitmap_event_store_find (sb, sitmap_event_store_get_id (sb, i)));
    }
}

/* The same events from drafts, and in bulk from two stores joined (as two threads would fill them). */
static void
test_bulk_equals_drafts (void)
{
  SitmapDocumentBuilder *from_drafts = sitmap_document_builder_new ();
  SitmapDocumentBuilder *from_bulk = sitmap_document_builder_new ();
  g_autoptr (SitmapDocument) a = NULL;
  g_autoptr (SitmapDocument) b = NULL;
  SitmapEventStore *first = sitmap_event_store_new ();
  SitmapEventStore *second = sitmap_event_store_new ();
  g_autoptr (GHashTable) runs1 = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GHashTable) runs2 = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    add_draft (from_drafts, &fixtures[i]);
  for (guint i = 0; i < 3; i++)
    add_bulk (first, &fixtures[i], runs1);
  for (guint i = 3; i < G_N_ELEMENTS (fixtures); i++)
    add_bulk (second, &fixtures[i], runs2);
  sitmap_event_store_append (first, second);
  g_assert_cmpuint (sitmap_event_store_get_n_added (first), ==, G_N_ELEMENTS (fixtures));
  sitmap_document_builder_add_events (from_bulk, first);
  a = sitmap_document_builder_finish (from_drafts);
  b = sitmap_document_builder_finish (from_bulk);

  assert_events_equal (a, b);
  /* The sources of the second store are the same sources as the first's */
  g_assert_cmpuint (g_list_model_get_n_items (sitmap_document_get_sources (b)), ==, 2);
}

/* Rows share the citations of equal sources; grading one row's citation changes that row only. */
static void
test_shared_citation_graded_alone (void)
{
  SitmapDocumentBuilder *builder = sitmap_document_builder_new ();
  SitmapEventStore *events = sitmap_event_store_new ();
  g_autoptr (GHashTable) runs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (SitmapDocument) document = NULL;
  SitmapEventStore *store;
  const SitmapCitationRecord *c0, *c1;
  guint n0, n1;
  gint p0, p1;

  add_bulk (events, &fixtures[0], runs);
  add_bulk (events, &fixtures[3], runs);
  sitmap_document_builder_add_events (builder, events);
  document = sitmap_document_builder_finish (builder);
  store = sitmap_document_get_store (document);
  p0 = sitmap_event_store_find (store, "SYR1");
  p1 = sitmap_event_store_find (store, "IRQ1");
  c0 = sitmap_event_store_get_citations (store, p0, &n0);
  c1 = sitmap_event_store_get_citations (store, p1, &n1);
  g_assert_true (c0 == c1);

  sitmap_event_store_set_credibility (store, p0, 1, SITMAP_CREDIBILITY_2);
  c0 = sitmap_event_store_get_citations (store, p0, &n0);
  c1 = sitmap_event_store_get_citations (store, p1, &n1);
  g_assert_cmpuint (n0, ==, 2);
  g_assert_cmpint (c0[1].credibility, ==, SITMAP_CREDIBILITY_2);
  g_assert_cmpint (c0[0].credibility, ==, SITMAP_CREDIBILITY_UNRATED);
  g_assert_cmpint (c1[1].credibility, ==, SITMAP_CREDIBILITY_UNRATED);
  g_assert_cmpuint (c0[1].source, ==, c1[1].source);
  /* And again, on the copy */
  sitmap_event_store_set_credibility (store, p0, 1, SITMAP_CREDIBILITY_5);
  g_assert_cmpint (sitmap_event_store_get_citations (store, p0, &n0)[1].credibility, ==, SITMAP_CREDIBILITY_5);
  g_assert_cmpint (sitmap_event_store_get_citations (store, p1, &n1)[1].credibility, ==, SITMAP_CREDIBILITY_UNRATED);
}

/*
 * The string table
 */

static void
test_string_table (void)
{
  SitmapStringTable *a = sitmap_string_table_new ();
  SitmapStringTable *b = sitmap_string_table_new ();
  guint32 syria, iraq, copy_a, syria_b, lebanon, offset;
  const char *kept;

  syria = sitmap_string_table_intern (a, "Syria", 5);
  g_assert_cmpuint (sitmap_string_table_intern (a, "Syria!", 5), ==, syria);
  iraq = sitmap_string_table_intern (a, "Iraq", 4);
  g_assert_cmpuint (iraq, !=, syria);
  copy_a = sitmap_string_table_add (a, "Syria", 5);
  g_assert_cmpuint (copy_a, !=, syria);
  g_assert_cmpuint (sitmap_string_table_lookup (a, "Syria", 5), ==, syria);
  g_assert_cmpuint (sitmap_string_table_lookup (a, "Jordan", 6), ==, 0);
  g_assert_cmpuint (sitmap_string_table_intern (a, "", 0), !=, 0);
  g_assert_cmpstr (sitmap_string_table_get (a, sitmap_string_table_intern (a, "", 0)), ==, "");

  /* Many, to make the table grow */
  for (guint i = 0; i < 10000; i++)
    {
      g_autofree char *text = g_strdup_printf ("name %u", i);

      g_assert_cmpuint (sitmap_string_table_intern (a, text, strlen (text)), ==,
                        sitmap_string_table_intern (a, text, strlen (text)));
    }

  syria_b = sitmap_string_table_intern (b, "Syria", 5);
  lebanon = sitmap_string_table_intern (b, "Lebanon", 7);
  kept = sitmap_string_table_get (b, lebanon);
  offset = sitmap_string_table_append (a, b);
  /* Other's strings keep their memory and are numbered after self's */
  g_assert_true (sitmap_string_table_get (a, lebanon + offset) == kept);
  g_assert_cmpstr (sitmap_string_table_get (a, syria_b + offset), ==, "Syria");
  g_assert_cmpuint (sitmap_string_table_lookup (a, "Lebanon", 7), ==, lebanon + offset);
  g_assert_cmpuint (sitmap_string_table_lookup (a, "Syria", 5), ==, syria);
  g_assert_cmpuint (sitmap_string_table_intern (a, "Lebanon", 7), ==, lebanon + offset);
  g_assert_cmpuint (sitmap_string_table_get_length (a, lebanon + offset), ==, 7);
  sitmap_string_table_free (a);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/event-store/sort-matches-rule", test_sort_matches_rule);
  g_test_add_func ("/event-store/find-repeated-ids", test_find_repeated_ids);
  g_test_add_func ("/event-store/bulk-equals-drafts", test_bulk_equals_drafts);
  g_test_add_func ("/event-store/shared-citation-graded-alone", test_shared_citation_graded_alone);
  g_test_add_func ("/event-store/string-table", test_string_table);
  return g_test_run ();
}
