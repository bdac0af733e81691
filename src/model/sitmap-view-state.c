/* sitmap-view-state.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-view-state"

#include "config.h"

#include <string.h>

#include "sitmap-enums.h"
#include "sitmap-text-index.h"
#include "sitmap-view-state.h"
#include "sitmap-words.h"
#include "sitmap-positions.h"

#define DAY 86400

struct _SitmapViewState
{
  GObject         parent_instance;
  SitmapDocument *document;
  gint64          window_start;
  gint64          window_end;
  gint64          range_start;
  gint64          range_end;
  gboolean        has_range;
  SitmapRangeRule range_rule;
  SitmapFilter   *filter;
  /* Built on first use for the document, dropped with it. */
  SitmapFacetIndex *facets;
  SitmapTextIndex  *text_index;
  GThread          *text_builder;  /* making text_index for a big document, from when it is opened */
  GThread          *facet_builder; /* and facets */
  gint            selected;
  /* What passes the filter, all but the range: words NULL when the filter is empty (all pass). Made
   * when the filter, the document or (under a minimum grading) the gradings change; a range change
   * only intersects the range's events with it. */
  SitmapBitset    passing;
  guint           n_passing;
  GArray         *passing_undated; /* guint32 positions */
  GArray         *visible; /* guint32 positions */
  GArray         *group;   /* guint32 positions */
  char           *selected_id; /* to follow the selected event when an edit moves it */
};

G_DEFINE_FINAL_TYPE (SitmapViewState, sitmap_view_state, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_WINDOW_START,
  PROP_WINDOW_END,
  PROP_HAS_RANGE,
  PROP_RANGE_START,
  PROP_RANGE_END,
  PROP_RANGE_RULE,
  PROP_HIDDEN_CATEGORIES,
  PROP_SELECTED,
  PROP_N_VISIBLE,
  PROP_GROUP_SIZE,
  PROP_FILTER,
  N_PROPS
};

enum {
  VISIBLE_CHANGED,
  PASSING_CHANGED,
  REVEAL,
  SHOW_ALL,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/*
 * The visible set
 */

/* Documents with more events than this have their text index made in a thread as soon as they are
 * opened, so that the first search does not wait for it (or waits less). */
#define INDEX_IN_THREAD 50000

/* The threads read the document: an edit waits for them (sitmap_document_begin_reading()). */
static gpointer
build_text_index_thread (gpointer data)
{
  SitmapTextIndex *index = sitmap_text_index_new (sitmap_document_get_store (data));

  sitmap_document_end_reading (data);
  return index;
}

static gpointer
build_facet_index_thread (gpointer data)
{
  SitmapFacetIndex *index = sitmap_facet_index_new (data);

  sitmap_document_end_reading (data);
  return index;
}

static SitmapFacetIndex *
ensure_facets (SitmapViewState *self)
{
  if (self->facet_builder != NULL)
    {
      self->facets = g_thread_join (g_steal_pointer (&self->facet_builder));
      /* Made before any edit since (an edit waits for the thread): take the edits' events in */
      sitmap_facet_index_update (self->facets);
    }
  if (self->facets == NULL && self->document != NULL)
    self->facets = sitmap_facet_index_new (self->document);
  return self->facets;
}

static SitmapTextIndex *
ensure_text_index (SitmapViewState *self)
{
  if (self->text_builder != NULL)
    self->text_index = g_thread_join (g_steal_pointer (&self->text_builder));
  if (self->text_index == NULL)
    self->text_index = sitmap_text_index_new (sitmap_document_get_store (self->document));
  return self->text_index;
}

static void
drop_indexes (SitmapViewState *self)
{
  if (self->text_builder != NULL)
    sitmap_text_index_free (g_thread_join (g_steal_pointer (&self->text_builder)));
  if (self->facet_builder != NULL)
    sitmap_facet_index_free (g_thread_join (g_steal_pointer (&self->facet_builder)));
  g_clear_pointer (&self->facets, sitmap_facet_index_free);
  g_clear_pointer (&self->text_index, sitmap_text_index_free);
}

/* The store does not change once built, and the facet index reads only sources' and places' ids and
 * names, which no edit changes (gradings are read later, on this thread). The document is kept until
 * the threads are joined: drop_indexes() comes before the document goes. */
static void
start_indexing (SitmapViewState *self)
{
  if (sitmap_document_get_n_events (self->document) <= INDEX_IN_THREAD)
    return;
  sitmap_document_begin_reading (self->document);
  self->facet_builder = g_thread_new ("sitmap-facet-index", build_facet_index_thread, self->document);
  sitmap_document_begin_reading (self->document);
  self->text_builder = g_thread_new ("sitmap-text-index", build_text_index_thread, self->document);
}

/* The search: for each word, the events that have a word starting with it in their text, or in the
 * name of one of their actors, sources or place; the words' sets intersected into result. */
typedef struct
{
  SitmapViewState *self;
  SitmapBitset     word;
  SitmapBitset    *result;
  gboolean         first;
} TextSearch;

static gboolean
search_word_cb (const char *word, gsize length, gpointer user_data)
{
  TextSearch *search = user_data;
  SitmapBitset *result = search->result;

  memset (search->word.words, 0, search->word.n_words * sizeof (guint64));
  sitmap_text_index_match_prefix (search->self->text_index, word, length, &search->word);
  for (guint s = 0; s < SITMAP_FILTER_N_SETS; s++)
    sitmap_facet_index_match_prefix (search->self->facets, s, word, length, &search->word);
  if (search->first)
    memcpy (result->words, search->word.words, result->n_words * sizeof (guint64));
  else
    for (guint w = 0; w < result->n_words; w++)
      result->words[w] &= search->word.words[w];
  search->first = FALSE;
  return TRUE;
}

static void
search_text (SitmapViewState *self, SitmapBitset *result)
{
  TextSearch search = { .self = self, .result = result, .first = TRUE };

  ensure_facets (self);
  ensure_text_index (self);
  sitmap_bitset_init (&search.word, result->n_bits);
  sitmap_words_foreach (sitmap_filter_get_text (self->filter), search_word_cb, &search);
  sitmap_bitset_clear (&search.word);
}

/* The events of any of a facet's chosen values; a value the document does not have adds none. */
static void
facet_set (SitmapViewState *self, SitmapFilterSet facet, SitmapBitset *out)
{
  guint n_values;
  const char *const *values = sitmap_filter_get_values (self->filter, facet, &n_values);

  for (guint i = 0; i < n_values; i++)
    {
      gint value = sitmap_facet_index_find (self->facets, facet, values[i]);
      const guint32 *events;
      guint n_events;

      if (value < 0)
        continue;
      events = sitmap_facet_index_get_events (self->facets, facet, value, &n_events);
      sitmap_bitset_set_all (out, events, n_events);
    }
}

typedef struct
{
  guint          hidden;
  gint32         min_killed;
  guint64        grade_mask;
  const guint64 *grades;
  guint          min_origins;
  const guint8  *origins;
  SitmapBitset   sets[SITMAP_FILTER_N_SETS + 1]; /* the facets, then the text; words NULL when unused.
                                                  * ANDed into the first one used, tested apart */
} Test;

static gboolean
test_event (const Test *test, const SitmapEventColumns *columns, guint32 p)
{
  if (test->hidden & (1u << columns->category[p]))
    return FALSE;
  if (test->min_killed > 0 && columns->fatalities[p] < test->min_killed)
    return FALSE;
  if (test->grades != NULL && (test->grades[p] & test->grade_mask) == 0)
    return FALSE;
  if (test->min_origins > 0 && test->origins[p] < test->min_origins)
    return FALSE;
  return TRUE;
}

static gboolean
has_event_tests (const Test *test)
{
  return test->hidden != 0 || test->min_killed > 0 || test->grades != NULL || test->min_origins > 0;
}

/* The events that pass the filter, into self->passing: each facet and the search is a bitset made
 * from the indexes' lists, ANDed into one; then only that bitset's events are tested (or every event
 * when there is none). */
static void
apply_filter (SitmapViewState *self)
{
  const SitmapEventColumns *columns = sitmap_document_get_columns (self->document);
  const SitmapFilter *filter = self->filter;
  Test test = {
    .hidden = sitmap_filter_get_hidden_categories (filter),
    .min_killed = (gint32) sitmap_filter_get_min_killed (filter),
    .min_origins = sitmap_filter_get_min_origins (filter),
  };
  SitmapBitset *combined = NULL;

  if (sitmap_filter_uses_citations (filter) || sitmap_filter_uses_sets (filter))
    ensure_facets (self);
  if (sitmap_filter_get_min_reliability (filter) != SITMAP_RELIABILITY_UNRATED ||
      sitmap_filter_get_min_credibility (filter) != SITMAP_CREDIBILITY_UNRATED)
    {
      test.grades = sitmap_facet_index_get_grades (self->facets);
      test.grade_mask = sitmap_facet_index_grade_mask (sitmap_filter_get_min_reliability (filter),
                                                       sitmap_filter_get_min_credibility (filter));
    }
  if (test.min_origins > 0)
    test.origins = sitmap_facet_index_get_origins (self->facets);
  for (guint s = 0; s < SITMAP_FILTER_N_SETS; s++)
    if (sitmap_filter_get_values (filter, s, NULL) != NULL)
      {
        sitmap_bitset_init (&test.sets[s], columns->n_events);
        facet_set (self, s, &test.sets[s]);
      }
  if (sitmap_filter_has_text (filter))
    {
      sitmap_bitset_init (&test.sets[SITMAP_FILTER_N_SETS], columns->n_events);
      search_text (self, &test.sets[SITMAP_FILTER_N_SETS]);
    }
  for (guint s = 0; s <= SITMAP_FILTER_N_SETS; s++)
    if (test.sets[s].words != NULL)
      {
        if (combined == NULL)
          combined = &test.sets[s];
        else
          for (guint w = 0; w < combined->n_words; w++)
            combined->words[w] &= test.sets[s].words[w];
      }

  /* The sets' intersection becomes the passing set; only the per-event tests, if any, take bits out. */
  if (combined != NULL)
    {
      self->passing = *combined;
      *combined = (SitmapBitset) { NULL, 0, 0 };
      if (has_event_tests (&test))
        for (guint w = 0; w < self->passing.n_words; w++)
          for (guint64 bits = self->passing.words[w]; bits != 0; bits &= bits - 1)
            {
              guint b = (guint) __builtin_ctzll (bits);

              if (!test_event (&test, columns, (w << 6) | b))
                self->passing.words[w] &= ~(G_GUINT64_CONSTANT (1) << b);
            }
    }
  else
    {
      sitmap_bitset_init (&self->passing, columns->n_events);
      for (guint32 position = 0; position < columns->n_events; position++)
        if (test_event (&test, columns, position))
          sitmap_bitset_set (&self->passing, position);
    }
  for (guint s = 0; s <= SITMAP_FILTER_N_SETS; s++)
    sitmap_bitset_clear (&test.sets[s]);
}

/* Deleted events (SITMAP_EVENT_FLAG_DELETED) pass no filter. */
static void
clear_deleted (SitmapViewState *self, SitmapBitset *set)
{
  guint n_deleted;
  const guint32 *deleted = sitmap_event_store_get_deleted (sitmap_document_get_store (self->document), &n_deleted);

  for (guint i = 0; i < n_deleted; i++)
    if (deleted[i] < set->n_bits)
      set->words[deleted[i] >> 6] &= ~(G_GUINT64_CONSTANT (1) << (deleted[i] & 63));
}

/* The passing set, and its undated events (they are last in the store: one look at the tail). */
static void
compute_passing (SitmapViewState *self)
{
  const SitmapEventColumns *columns;

  sitmap_bitset_clear (&self->passing);
  g_array_set_size (self->passing_undated, 0);
  self->n_passing = 0;
  if (self->document == NULL)
    return;
  columns = sitmap_document_get_columns (self->document);
  if (!sitmap_filter_is_empty (self->filter))
    apply_filter (self);
  else if (sitmap_document_get_n_live_events (self->document) < columns->n_events)
    sitmap_bitset_init_full (&self->passing, columns->n_events);
  if (self->passing.words == NULL)
    self->n_passing = columns->n_events;
  else
    {
      clear_deleted (self, &self->passing);
      self->n_passing = sitmap_bitset_count (&self->passing);
    }
  for (guint32 position = columns->n_dated; position < columns->n_events; position++)
    {
      if (position >= columns->n_sorted && columns->time_precision[position] != SITMAP_TIME_PRECISION_NONE)
        continue;
      if (self->passing.words == NULL || sitmap_bitset_test (&self->passing, position))
        g_array_append_val (self->passing_undated, position);
    }
}

/* The visible set: the range's events that pass the filter. With passing_changed, the passing set is
 * made again first, and "passing-changed" comes before "visible-changed", both once the two are ready. */
static void
recompute_visible (SitmapViewState *self, gboolean passing_changed)
{
  guint old_n = self->visible->len;

  if (passing_changed)
    compute_passing (self);
  g_array_set_size (self->visible, 0);
  if (self->document == NULL)
    ;
  else if (self->has_range)
    {
      sitmap_event_store_query_time (sitmap_document_get_store (self->document), self->range_start, self->range_end,
                                     self->range_rule, self->visible);
      if (self->passing.words != NULL)
        {
          guint32 *positions = (guint32 *) (gpointer) self->visible->data;
          guint kept = 0;

          for (guint i = 0; i < self->visible->len; i++)
            if (sitmap_bitset_test (&self->passing, positions[i]))
              positions[kept++] = positions[i];
          g_array_set_size (self->visible, kept);
        }
    }
  else if (self->passing.words != NULL)
    {
      guint32 *out;
      guint kept = 0;

      g_array_set_size (self->visible, self->n_passing);
      out = (guint32 *) (gpointer) self->visible->data;
      for (guint w = 0; w < self->passing.n_words; w++)
        for (guint64 bits = self->passing.words[w]; bits != 0; bits &= bits - 1)
          out[kept++] = (w << 6) | (guint) __builtin_ctzll (bits);
    }
  else
    {
      guint n = sitmap_document_get_n_events (self->document);

      g_array_set_size (self->visible, n);
      for (guint i = 0; i < n; i++)
        g_array_index (self->visible, guint32, i) = i;
    }

  if (passing_changed)
    g_signal_emit (self, signals[PASSING_CHANGED], 0);
  g_signal_emit (self, signals[VISIBLE_CHANGED], 0);
  if (old_n != self->visible->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_VISIBLE]);
}

/* The store was replaced (an import, or its undo): every position and index made from the old one is stale.
 * The selection and group go (their positions mean other events now), the indexes are made again, and the
 * window widens to the new events' dates if they fall outside it. The filter stays: it names sources,
 * places and actors by id. "notify::document" tells every view to read the document again. */
static void
events_replaced (SitmapViewState *self)
{
  gint64 start, end;

  g_object_freeze_notify (G_OBJECT (self));
  self->selected = -1;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
  sitmap_view_state_set_group (self, NULL, 0);
  drop_indexes (self);
  start_indexing (self);
  if (sitmap_event_store_get_time_extent (sitmap_document_get_store (self->document), &start, &end) &&
      (start < self->window_start || end > self->window_end))
    {
      gint64 pad = MAX ((end - start) / 20, DAY);

      sitmap_view_state_set_window (self, MIN (start - pad, self->window_start), MAX (end + pad, self->window_end));
    }
  recompute_visible (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Events were added, changed or deleted (SitmapEventCommand): positions stay, new ones come at the end. The indexes
 * take the new events in, the sets are made again (the deleted leave them), and the selection follows its event
 * to where an edit moved it, by id. */
static void
events_edited (SitmapViewState *self)
{
  SitmapEventStore *store = sitmap_document_get_store (self->document);
  guint n = sitmap_document_get_n_events (self->document);
  gint selected = self->selected;

  if (self->facets != NULL)
    sitmap_facet_index_update (self->facets);
  /* Positions it indexed were taken away by an undo, and may come again as other events: made anew when next
   * searched (rare: only an index made after edits, then undone) */
  if (self->text_index != NULL && sitmap_text_index_get_n_indexed (self->text_index) > n)
    g_clear_pointer (&self->text_index, sitmap_text_index_free);
  if (self->group->len > 0)
    {
      guint kept = 0;

      for (guint i = 0; i < self->group->len; i++)
        {
          guint32 p = g_array_index (self->group, guint32, i);

          if (p < n && !sitmap_event_store_is_deleted (store, p))
            g_array_index (self->group, guint32, kept++) = p;
        }
      if (kept != self->group->len)
        {
          g_autoptr (GArray) group = g_array_copy (self->group);

          sitmap_view_state_set_group (self, (const guint32 *) (gpointer) group->data, kept);
        }
    }
  /* Set quietly first: the views read the selected event when they hear of the new sets. */
  if (selected >= 0 && ((guint) selected >= n || sitmap_event_store_is_deleted (store, selected)))
    self->selected = self->selected_id ? sitmap_event_store_find (store, self->selected_id) : -1;
  recompute_visible (self, TRUE);
  if (self->selected != selected)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
      if (self->selected >= 0)
        sitmap_view_state_reveal (self, self->selected, SITMAP_REVEAL_GENTLY);
    }
}

/* A grading edit changes which events pass a minimum grading. */
static void
document_changed_cb (SitmapViewState *self, SitmapDocumentChange what)
{
  if (what & SITMAP_DOCUMENT_CHANGE_EVENTS)
    {
      events_replaced (self);
      return;
    }
  if (what & SITMAP_DOCUMENT_CHANGE_EVENT_EDITS)
    {
      events_edited (self);
      return;
    }
  if (!(what & (SITMAP_DOCUMENT_CHANGE_SOURCES | SITMAP_DOCUMENT_CHANGE_CITATIONS)))
    return;
  if (self->facets != NULL)
    sitmap_facet_index_invalidate_grades (self->facets);
  if (sitmap_filter_get_min_reliability (self->filter) != SITMAP_RELIABILITY_UNRATED ||
      sitmap_filter_get_min_credibility (self->filter) != SITMAP_CREDIBILITY_UNRATED)
    recompute_visible (self, TRUE);
}

/* Whole document time, with a little room either side so the first and last marks are not on the edge. */
static void
window_for_document (SitmapDocument *document, gint64 *start, gint64 *end)
{
  const SitmapDocumentView *view = sitmap_document_get_view (document);
  gint64 s, e, pad;

  if (view->has_time)
    {
      *start = view->from;
      *end = view->to;
      return;
    }
  if (!sitmap_event_store_get_time_extent (sitmap_document_get_store (document), &s, &e))
    {
      gint64 now = g_get_real_time () / G_USEC_PER_SEC;

      s = now - 365 * DAY;
      e = now;
    }
  pad = MAX ((e - s) / 20, DAY);
  *start = s - pad;
  *end = e + pad;
}

/*
 * Selection history: nothing, a group, an event
 */

static gboolean
group_contains (SitmapViewState *self, gint position)
{
  const guint32 *group = (const guint32 *) (gpointer) self->group->data;

  return position >= 0 && sitmap_positions_contain (group, self->group->len, (guint32) position);
}

/* The element after or before the selection in ascending positions; the first or last without one. */
static gint
neighbour_in (const guint32 *positions, guint n, gint selected, int direction)
{
  guint i;

  if (n == 0)
    return -1;
  if (selected < 0)
    return direction > 0 ? (gint) positions[0] : (gint) positions[n - 1];
  i = sitmap_positions_lower_bound (positions, n, (guint32) selected);
  if (direction > 0)
    {
      guint next = i < n && positions[i] == (guint32) selected ? i + 1 : i;

      return next < n ? (gint) positions[next] : -1;
    }
  return i > 0 ? (gint) positions[i - 1] : -1;
}

/*
 * GObject
 */

static void
sitmap_view_state_finalize (GObject *object)
{
  SitmapViewState *self = (SitmapViewState *) object;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  drop_indexes (self);
  g_free (self->selected_id);
  sitmap_filter_free (self->filter);
  sitmap_bitset_clear (&self->passing);
  g_array_unref (self->passing_undated);
  g_array_unref (self->visible);
  g_array_unref (self->group);
  G_OBJECT_CLASS (sitmap_view_state_parent_class)->finalize (object);
}

static void
sitmap_view_state_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SitmapViewState *self = SITMAP_VIEW_STATE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT: g_value_set_object (value, self->document); break;
    case PROP_WINDOW_START: g_value_set_int64 (value, self->window_start); break;
    case PROP_WINDOW_END: g_value_set_int64 (value, self->window_end); break;
    case PROP_HAS_RANGE: g_value_set_boolean (value, self->has_range); break;
    case PROP_RANGE_START: g_value_set_int64 (value, self->range_start); break;
    case PROP_RANGE_END: g_value_set_int64 (value, self->range_end); break;
    case PROP_RANGE_RULE: g_value_set_enum (value, self->range_rule); break;
    case PROP_HIDDEN_CATEGORIES: g_value_set_uint (value, sitmap_filter_get_hidden_categories (self->filter)); break;
    case PROP_FILTER: g_value_set_boxed (value, self->filter); break;
    case PROP_SELECTED: g_value_set_int (value, self->selected); break;
    case PROP_N_VISIBLE: g_value_set_uint (value, self->visible->len); break;
    case PROP_GROUP_SIZE: g_value_set_uint (value, self->group->len); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitmap_view_state_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  SitmapViewState *self = SITMAP_VIEW_STATE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT: sitmap_view_state_set_document (self, g_value_get_object (value)); break;
    case PROP_RANGE_RULE: sitmap_view_state_set_range_rule (self, g_value_get_enum (value)); break;
    case PROP_HIDDEN_CATEGORIES: sitmap_view_state_set_hidden_categories (self, g_value_get_uint (value)); break;
    case PROP_SELECTED: sitmap_view_state_set_selected (self, g_value_get_int (value)); break;
    case PROP_FILTER: sitmap_view_state_set_filter (self, g_value_get_boxed (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitmap_view_state_class_init (SitmapViewStateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sitmap_view_state_finalize;
  object_class->get_property = sitmap_view_state_get_property;
  object_class->set_property = sitmap_view_state_set_property;

  properties[PROP_DOCUMENT] = g_param_spec_object ("document", NULL, NULL, SITMAP_TYPE_DOCUMENT, rw);
  properties[PROP_WINDOW_START] = g_param_spec_int64 ("window-start", NULL, NULL, G_MININT64, G_MAXINT64, 0, ro);
  properties[PROP_WINDOW_END] = g_param_spec_int64 ("window-end", NULL, NULL, G_MININT64, G_MAXINT64, 0, ro);
  properties[PROP_HAS_RANGE] = g_param_spec_boolean ("has-range", NULL, NULL, FALSE, ro);
  properties[PROP_RANGE_START] = g_param_spec_int64 ("range-start", NULL, NULL, G_MININT64, G_MAXINT64, 0, ro);
  properties[PROP_RANGE_END] = g_param_spec_int64 ("range-end", NULL, NULL, G_MININT64, G_MAXINT64, 0, ro);
  properties[PROP_RANGE_RULE] = g_param_spec_enum ("range-rule", NULL, NULL, SITMAP_TYPE_RANGE_RULE,
                                                   SITMAP_RANGE_OVERLAPPING, rw);
  properties[PROP_HIDDEN_CATEGORIES] = g_param_spec_uint ("hidden-categories", NULL, NULL, 0, G_MAXUINT, 0, rw);
  properties[PROP_SELECTED] = g_param_spec_int ("selected", NULL, NULL, -1, G_MAXINT, -1, rw);
  properties[PROP_N_VISIBLE] = g_param_spec_uint ("n-visible", NULL, NULL, 0, G_MAXUINT, 0, ro);
  /* Notified whenever the group changes, even to another of the same size. */
  properties[PROP_GROUP_SIZE] = g_param_spec_uint ("group-size", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_FILTER] = g_param_spec_boxed ("filter", NULL, NULL, SITMAP_TYPE_FILTER, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted whenever the set of visible events may have changed, even if its size did not. */
  signals[VISIBLE_CHANGED] = g_signal_new ("visible-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                           NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* Emitted whenever the set of events passing the filter may have changed (a new filter, a new
   * document, a grading edit under a minimum grading), before "visible-changed" and the filter's
   * notify: sitmap_view_state_passes_filter() and the rest already tell the new set. */
  signals[PASSING_CHANGED] = g_signal_new ("passing-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                           NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* Asks the views to bring the event at position into view (SitmapRevealFlags): after "notify::selected"
   * when an event is selected, and when the user asks to zoom to it. */
  signals[REVEAL] = g_signal_new ("reveal", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_UINT);
  /* Asks the views to show every visible event. */
  signals[SHOW_ALL] = g_signal_new ("show-all", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 0);
}

static void
sitmap_view_state_init (SitmapViewState *self)
{
  self->selected = -1;
  self->filter = sitmap_filter_new ();
  self->visible = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->passing_undated = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->group = g_array_new (FALSE, FALSE, sizeof (guint32));
}

/*
 * Public API
 */

SitmapViewState *
sitmap_view_state_new (void)
{
  return g_object_new (SITMAP_TYPE_VIEW_STATE, NULL);
}

SitmapDocument *
sitmap_view_state_get_document (SitmapViewState *self)
{
  g_return_val_if_fail (SITMAP_IS_VIEW_STATE (self), NULL);
  return self->document;
}

void
sitmap_view_state_set_document (SitmapViewState *self, SitmapDocument *document)
{
  gint64 start, end;

  g_return_if_fail (SITMAP_IS_VIEW_STATE (self));
  g_return_if_fail (document == NULL || SITMAP_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  sitmap_view_state_set_selected (self, -1);
  sitmap_view_state_set_group (self, NULL, 0);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  drop_indexes (self);
  g_set_object (&self->document, document);
  if (document != NULL)
    {
      g_signal_connect_swapped (document, "changed", G_CALLBACK (document_changed_cb), self);
      start_indexing (self);
    }
  self->has_range = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_RANGE]);
  if (document != NULL)
    {
      window_for_document (document, &start, &end);
      sitmap_view_state_set_window (self, start, end);
    }
  recompute_visible (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
  g_object_thaw_notify (G_OBJECT (self));
}

void
sitmap_view_state_get_window (SitmapViewState *self, gint64 *start, gint64 *end)
{
  g_return_if_fail (SITMAP_IS_VIEW_STATE (self));
  *start = self->window_start;
  *end = self->window_end;
}

void
sitmap_view_state_set_window (SitmapViewState *self, gint64 start, gint64 end)
{
  g_return_if_fail (SITMAP_IS_VIEW_STATE (self));
  g_return_if_fail (start < end);

  g_object_freeze_notify (G_OBJECT (self));
  if (self->window_start != start)
    {
      self->window_start = start;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WINDOW_START]);
    }
  if (self->window_end != end)
    {
      self->window_end = end;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WINDOW_END]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
sitmap_view_state_get_range (SitmapViewState *self, gint64 *start, gint64 *end)
{
  g_return_val_if_fail (SITMAP_IS_VIEW_STATE (self), FALSE);
  if (start)
    *start = self->range_start;
  if (end)
    *end = self->range_end;
  return self->has_range;
}

void
sitmap_view_state_set_range (SitmapViewState *self, gint64 start, gint64 end)
{
  g_return_if_fail (SITMAP_IS_VIEW_STATE (self));
  g_return_if_fail (start < end);

  if (self->has_range && self->range_start == start && self->range_end == end)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  if (!self->has_range)
    {
      self->has_range = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_RANGE]);
    }
  if (self->range_start != start)
    {
      self->range_start = start;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RANGE_START]);
    }
  if (self->range_end != end)
    {
      self->range_end = end;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RANGE_END]);
    }
  recompute_visible (self, FALSE);
  g_object_thaw_notify (G_OBJECT (self));
}

void
sitmap_view_state_clear_range (SitmapViewState *self)
{
  g_return_if_fail (SITMAP_IS_VIEW_STATE (self));

  if (!self->has_range)
    return;
  self->has_range = FALSE;
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_RANGE]);
  recompute_visible (self, FALSE);
  g_object_thaw_notify (G_OBJECT (self));
}

SitmapRangeRule
sitmap_view_state_get_range_rule (SitmapViewState *self)
{
  g_return_val_if_fail (SITMAP_IS_VIEW_STATE (self), SITMAP_RANGE_OVERLAPPING);
  return self->range_rule;
}

void
sitmap_view_state_set_range_rule (SitmapViewState *self, SitmapRangeRule rule)
{
  g_return_if_fail (SITMAP_IS_VIEW_STATE (self));

  if (self->range_rule == rule)
    return;
  self->range_rule = rule;
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RANGE_RULE]);
  if (self->has_range)
    recompute_visible (self, FALSE);
  g_object_thaw_notify (G_OBJECT (self));
}

guint
sitmap_view_state_get_hidden_categories (SitmapViewState *self)
{
  g_return_val_if_fail (SITMAP_IS_VIEW_STATE (self), 0);
  return sitmap_filter_get_hidden_categories (self->filter);
}

void
sitmap_view_state_set_hidden_categories (SitmapViewState *self, guint mask)
{
  g_autoptr (SitmapFilter) filter = NULL;

  g_return_if_fail (SITMAP_IS_VIEW_STATE (self));

  filter = sitmap_filter_copy (self->filter);
  sitmap_filter_set_hidden_categories (filter, mask);
  sitmap_view_state_set_filter (self, filter);
}

const SitmapFilter *
sitmap_view_state_get_filter (SitmapViewState *self)
{
  g_return_val_if_fail (SITMAP_IS_VIEW_STATE (self), NULL);
  return self->filter;
}

void
sitmap_view_state_set_filter (SitmapViewState *self, const SitmapFilter *filter)
{
  g_autoptr (SitmapFilter) old = NULL;

  g_return_if_fail (SITMAP_IS_VIEW_STATE (self));

  if (filter == NULL ? sitmap_filter_is_empty (self->filter) && sitmap_filter_get_text (self->filter) == NULL
                     : sitmap_filter_equal (filter, self->filter))
    return;
  old = g_steal_pointer (&self->filter);
  self->filter = filter ? sitmap_filter_copy (filter) : sitmap_filter_new ();
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
  if (sitmap_filter_get_hidden_categories (old) != sitmap_filter_get_hidden_categories (self->filter))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIDDEN_CATEGORIES]);
  recompute_visible (self, TRUE);
  g_object_thaw_notify (G_OBJECT (self));
}

void
sitmap_view_state_set_text (SitmapViewState *self, const char *text)
{
  g_autoptr (SitmapFilter) filter = NULL;

  g_return_if_fail (SITMAP_IS_VIEW_STATE (self));

  filter = sitmap_filter_copy (self->filter);
  sitmap_filter_set_text (filter, text);
  sitmap_view_state_set_filter (self, filter);
}

SitmapFacetIndex *
sitmap_view_state_get_facet_index (SitmapViewState *self)
{
  g_return_val_if_fail (SITMAP_IS_VIEW_STATE (self), NULL);
  return ensure_facets (self);
}

gint
sitmap_view_state_get_selected (SitmapViewState *self)
{
  g_return_val_if_fail (SITMAP_IS_VIEW_STATE (self), -1);
  return self->selected;
}

void
sitmap_view_state_set_selected (SitmapViewState *self, gint position)
{
  g_return_if_fail (SITMAP_IS_VIEW_STATE (self));
  g_return_if_fail (position >= -1);
  g_return_if_fail (position == -1 || (self->document != NULL &&
                                       (guint) position < sitmap_document_get_n_events (self->document)));

  if (self->selected == position)
    return;
  self->selected = position;
  g_free (self->selected_id);
  self->selected_id = position >= 0 ? g_strdup (sitmap_event_store_get_id (sitmap_document_get_store (self->document),
                                                                            position))
                                    : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
  if (position >= 0)
    sitmap_view_state_reveal (self, position, SITMAP_REVEAL_GENTLY);
}

void
sitmap_view_state_reveal (SitmapViewState *self, gint position, SitmapRevealFlags flags)
{
  g_return_if_fail (SITMAP_IS_VIEW_STATE (self));
  g_return_if_fail (self->document != NULL && position >= 0 &&
                    (guint) position < sitmap_document_get_n_events (self->document));

  g_signal_emit (self, signals[REVEAL], 0, position, (guint) flags);
}

void
sitmap_view_state_show_all (SitmapViewState *self)
{
  g_return_if_fail (SITMAP_IS_VIEW_STATE (self));

  if (self->document != NULL)
    g_signal_emit (self, signals[SHOW_ALL], 0);
}

gboolean
sitmap_view_state_get_visible_extent (SitmapViewState *self, double *x0, double *y0, double *x1, double *y1)
{
  g_return_val_if_fail (SITMAP_IS_VIEW_STATE (self), FALSE);

  if (self->document == NULL)
    return FALSE;
  return sitmap_event_store_get_placed_extent (sitmap_document_get_store (self->document),
                                               (const guint32 *) (gpointer) self->visible->data, self->visible->len,
                                               x0, y0, x1, y1);
}

gboolean
sitmap_view_state_fit_visible (SitmapViewState *self, double width, double height, double max_zoom, SitmapMapFit *fit)
{
  g_return_val_if_fail (SITMAP_IS_VIEW_STATE (self), FALSE);
  g_return_val_if_fail (fit != NULL, FALSE);

  if (self->document == NULL || self->visible->len == 0)
    return FALSE;
  return sitmap_map_fit_events (sitmap_document_get_store (self->document),
                                (const guint32 *) (gpointer) self->visible->data, self->visible->len, width, height,
                                max_zoom, fit);
}

SitmapEvent *
sitmap_view_state_dup_selected_event (SitmapViewState *self)
{
  g_return_val_if_fail (SITMAP_IS_VIEW_STATE (self), NULL);

  if (self->selected < 0 || self->document == NULL)
    return NULL;
  return sitmap_document_get_event (self->document, self->selected);
}

const guint32 *
sitmap_view_state_get_visible (SitmapViewState *self, guint *n_visible)
{
  g_return_val_if_fail (SITMAP_IS_VIEW_STATE (self), NULL);
  *n_visible = self->visible->len;
  return (const guint32 *) self->visible->data;
}

guint
sitmap_view_state_get_n_visible (SitmapViewState *self)
{
  g_return_val_if_fail (SITMAP_IS_VIEW_STATE (self), 0);
  return self->visible->len;
}

/* A binary search: the visible set is sorted. */
gboolean
sitmap_view_state_is_visible (SitmapViewState *self, guint position)
{
  g_return_val_if_fail (SITMAP_IS_VIEW_STATE (self), FALSE);
  return sitmap_positions_contain ((const guint32 *) (gconstpointer) self->visible->data, self->visible->len,
                                   position);
}

void
sitmap_view_state_set_group (SitmapViewState *self, const guint32 *positions, guint n_positions)
{
  g_return_if_fail (SITMAP_IS_VIEW_STATE (self));
  g_return_if_fail (n_positions == 0 || positions != NULL);
  g_return_if_fail (n_positions == 0 || self->document != NULL);

  if (n_positions == self->group->len &&
      (n_positions == 0 || memcmp (positions, self->group->data, n_positions * sizeof (guint32)) == 0))
    return;
  g_array_set_size (self->group, 0);
  g_array_append_vals (self->group, positions, n_positions);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GROUP_SIZE]);
}

const guint32 *
sitmap_view_state_get_group (SitmapViewState *self, guint *n_positions)
{
  g_return_val_if_fail (SITMAP_IS_VIEW_STATE (self), NULL);
  *n_positions = self->group->len;
  return (const guint32 *) self->group->data;
}

gboolean
sitmap_view_state_passes_filter (SitmapViewState *self, guint position)
{
  g_return_val_if_fail (SITMAP_IS_VIEW_STATE (self), FALSE);

  if (self->document == NULL || position >= sitmap_document_get_n_events (self->document))
    return FALSE;
  return self->passing.words == NULL || sitmap_bitset_test (&self->passing, position);
}

const SitmapBitset *
sitmap_view_state_get_passing (SitmapViewState *self)
{
  g_return_val_if_fail (SITMAP_IS_VIEW_STATE (self), NULL);
  return self->passing.words != NULL ? &self->passing : NULL;
}

guint
sitmap_view_state_get_n_passing (SitmapViewState *self)
{
  g_return_val_if_fail (SITMAP_IS_VIEW_STATE (self), 0);
  return self->n_passing;
}

const guint32 *
sitmap_view_state_get_passing_undated (SitmapViewState *self, guint *n_positions)
{
  g_return_val_if_fail (SITMAP_IS_VIEW_STATE (self), NULL);
  g_return_val_if_fail (n_positions != NULL, NULL);
  *n_positions = self->passing_undated->len;
  return (const guint32 *) (gpointer) self->passing_undated->data;
}

gboolean
sitmap_view_state_get_filter_beyond_categories (SitmapViewState *self)
{
  g_autoptr (SitmapFilter) rest = NULL;

  g_return_val_if_fail (SITMAP_IS_VIEW_STATE (self), FALSE);

  if (sitmap_filter_is_empty (self->filter))
    return FALSE;
  rest = sitmap_filter_copy (self->filter);
  sitmap_filter_set_hidden_categories (rest, 0);
  return !sitmap_filter_is_empty (rest);
}

void
sitmap_view_state_select (SitmapViewState *self, gint position)
{
  g_return_if_fail (SITMAP_IS_VIEW_STATE (self));
  g_return_if_fail (position >= -1);
  g_return_if_fail (position == -1 || (self->document != NULL &&
                                       (guint) position < sitmap_document_get_n_events (self->document)));

  g_object_freeze_notify (G_OBJECT (self));
  if (self->group->len > 0 && !group_contains (self, position))
    sitmap_view_state_set_group (self, NULL, 0);
  sitmap_view_state_set_selected (self, position);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
sitmap_view_state_step_back (SitmapViewState *self)
{
  g_return_val_if_fail (SITMAP_IS_VIEW_STATE (self), FALSE);

  if (self->selected >= 0)
    {
      /* An event from elsewhere than the group (set_selected does not check) goes back to nothing. */
      if (!group_contains (self, self->selected))
        sitmap_view_state_set_group (self, NULL, 0);
      sitmap_view_state_set_selected (self, -1);
      return TRUE;
    }
  if (self->group->len > 0)
    {
      sitmap_view_state_set_group (self, NULL, 0);
      return TRUE;
    }
  return FALSE;
}

gint
sitmap_view_state_get_neighbour (SitmapViewState *self, int direction)
{
  g_return_val_if_fail (SITMAP_IS_VIEW_STATE (self), -1);
  g_return_val_if_fail (direction != 0, -1);

  if (self->document == NULL)
    return -1;
  if (self->group->len > 0 && (self->selected < 0 || group_contains (self, self->selected)))
    return neighbour_in ((const guint32 *) (gpointer) self->group->data, self->group->len, self->selected, direction);
  return neighbour_in ((const guint32 *) (gpointer) self->visible->data, self->visible->len, self->selected,
                       direction);
}

gboolean
sitmap_view_state_select_neighbour (SitmapViewState *self, int direction)
{
  gint position;

  g_return_val_if_fail (SITMAP_IS_VIEW_STATE (self), FALSE);

  position = sitmap_view_state_get_neighbour (self, direction);
  if (position < 0)
    return FALSE;
  sitmap_view_state_select (self, position);
  return TRUE;
}
