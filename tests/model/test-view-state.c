/* test-view-state.c: the one state every view binds to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "model-test-utils.h"
#include "sitmap-document-builder.h"
#include "sitmap-event-list.h"
#include "sitmap-geometry.h"
#include "sitmap-view-state.h"

static void
add_event (SitmapDocumentBuilder *builder, const char *id, const char *begin, const char *end, SitmapCategory category)
{
  SitmapEventDraft draft;

  sitmap_event_draft_init (&draft);
  draft.id = g_strdup (id);
  draft.category = category;
  draft.latitude = 34.5;
  draft.longitude = 38.5;
  if (end != NULL)
    g_assert_true (sitmap_time_init_span (&draft.time, begin, end, NULL));
  else if (begin != NULL)
    g_assert_true (sitmap_time_init_instant (&draft.time, begin, NULL));
  sitmap_document_builder_add_event (builder, &draft);
  sitmap_event_draft_clear (&draft);
}

/* The demo's dates: what a range of 27 Nov – 10 Dec 2024 must and must not show. */
static SitmapDocument *
make_demo_like (void)
{
  g_autoptr (SitmapDocumentBuilder) builder = sitmap_document_builder_new ();

  add_event (builder, "war-begins", "2011", NULL, SITMAP_CATEGORY_CONTEXT);
  add_event (builder, "baghouz", "2019-03", NULL, SITMAP_CATEGORY_BATTLE);
  add_event (builder, "offensive", "2024-11-27", NULL, SITMAP_CATEGORY_BATTLE);
  add_event (builder, "strikes", "2024-12-07", "2024-12-08", SITMAP_CATEGORY_REMOTE_VIOLENCE);
  add_event (builder, "fall", "2024-12-08", NULL, SITMAP_CATEGORY_STRATEGIC);
  add_event (builder, "statement", "2024-12-09", NULL, SITMAP_CATEGORY_STATEMENT);
  add_event (builder, "sukhna", "2024-12-10", NULL, SITMAP_CATEGORY_BATTLE);
  add_event (builder, "after", "2024-12-11", NULL, SITMAP_CATEGORY_BATTLE);
  add_event (builder, "undated", NULL, NULL, SITMAP_CATEGORY_STATEMENT);
  return sitmap_document_builder_finish (g_steal_pointer (&builder));
}

static char *
visible_ids (SitmapViewState *state)
{
  SitmapDocument *document = sitmap_view_state_get_document (state);
  g_autoptr (GString) ids = g_string_new (NULL);
  const guint32 *visible;
  guint n;

  visible = sitmap_view_state_get_visible (state, &n);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (ids, "%s%s", i ? " " : "",
                            sitmap_event_store_get_id (sitmap_document_get_store (document), visible[i]));
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static void
count_cb (gpointer instance, gpointer user_data)
{
  (*(guint *) user_data)++;
}

static void
count_notify_cb (GObject *object, GParamSpec *pspec, gpointer user_data)
{
  (*(guint *) user_data)++;
}

static void
test_range_filters (void)
{
  g_autoptr (SitmapViewState) state = sitmap_view_state_new ();
  g_autoptr (SitmapDocument) document = make_demo_like ();
  g_autofree char *all = NULL;
  g_autofree char *range = NULL;
  g_autofree char *within = NULL;
  g_autofree char *no_battles = NULL;
  guint changes = 0;

  g_signal_connect (state, "visible-changed", G_CALLBACK (count_cb), &changes);
  sitmap_view_state_set_document (state, document);
  g_assert_cmpuint (changes, ==, 1);
  all = visible_ids (state);
  g_assert_cmpstr (all, ==, "war-begins baghouz offensive strikes fall statement sukhna after undated");

  /* 27 Nov – 10 Dec inclusive: the range ends at the start of 11 Dec */
  sitmap_view_state_set_range (state, sitmap_time_from_civil (2024, 11, 27, 0, 0, 0),
                               sitmap_time_from_civil (2024, 12, 11, 0, 0, 0));
  g_assert_cmpuint (changes, ==, 2);
  range = visible_ids (state);
  g_assert_cmpstr (range, ==, "offensive strikes fall statement sukhna");
  g_assert_cmpuint (sitmap_view_state_get_n_visible (state), ==, 5);
  g_assert_true (sitmap_view_state_is_visible (state, sitmap_document_find_event (document, "sukhna")));
  g_assert_false (sitmap_view_state_is_visible (state, sitmap_document_find_event (document, "after")));

  /* A range that cuts the two-day strikes in half: overlapping keeps them, within drops them */
  sitmap_view_state_set_range (state, sitmap_time_from_civil (2024, 12, 8, 0, 0, 0),
                               sitmap_time_from_civil (2024, 12, 11, 0, 0, 0));
  sitmap_view_state_set_range_rule (state, SITMAP_RANGE_WITHIN);
  within = visible_ids (state);
  g_assert_cmpstr (within, ==, "fall statement sukhna");

  sitmap_view_state_set_range_rule (state, SITMAP_RANGE_OVERLAPPING);
  sitmap_view_state_set_hidden_categories (state, 1u << SITMAP_CATEGORY_BATTLE);
  no_battles = visible_ids (state);
  g_assert_cmpstr (no_battles, ==, "strikes fall statement");

  sitmap_view_state_set_hidden_categories (state, 0);
  sitmap_view_state_clear_range (state);
  g_assert_cmpuint (sitmap_view_state_get_n_visible (state), ==, 9);
}

static void
test_selection_and_document_change (void)
{
  g_autoptr (SitmapViewState) state = sitmap_view_state_new ();
  g_autoptr (SitmapDocument) first = make_demo_like ();
  g_autoptr (SitmapDocument) second = make_demo_like ();
  g_autoptr (SitmapEvent) event = NULL;
  guint notified = 0;
  gint64 start, end;

  g_signal_connect (state, "notify::selected", G_CALLBACK (count_notify_cb), &notified);
  g_assert_null (sitmap_view_state_dup_selected_event (state));
  sitmap_view_state_set_document (state, first);
  sitmap_view_state_set_selected (state, sitmap_document_find_event (first, "sukhna"));
  g_assert_cmpuint (notified, ==, 1);
  event = sitmap_view_state_dup_selected_event (state);
  g_assert_cmpstr (sitmap_event_get_id (event), ==, "sukhna");

  /* The timeline opens on the document's whole time, with room at both ends */
  sitmap_view_state_get_window (state, &start, &end);
  g_assert_cmpint (start, <, sitmap_time_from_civil (2011, 1, 1, 0, 0, 0));
  g_assert_cmpint (end, >, sitmap_time_from_civil (2024, 12, 12, 0, 0, 0));

  {
    guint32 pair[] = { 1, 2 };
    guint n;

    sitmap_view_state_set_group (state, pair, 2);
    g_assert_cmpuint (sitmap_view_state_get_group (state, &n)[1], ==, 2);
    g_assert_cmpuint (n, ==, 2);
  }
  sitmap_view_state_set_range (state, 0, 1);
  sitmap_view_state_set_document (state, second);
  {
    guint n;

    sitmap_view_state_get_group (state, &n);
    g_assert_cmpuint (n, ==, 0);
  }
  g_assert_cmpint (sitmap_view_state_get_selected (state), ==, -1);
  g_assert_false (sitmap_view_state_get_range (state, NULL, NULL));
  g_assert_cmpuint (notified, ==, 2);
}

/* What a list view knows of a list: only what items-changed said, each added item asked for while the
 * change is said (as GTK's views do), and the totals removed and added. */
typedef struct
{
  GPtrArray *ids;
  guint      removed, added;
} Mirror;

static void
items_changed_cb (GListModel *model, guint position, guint removed, guint added, gpointer user_data)
{
  Mirror *mirror = user_data;

  g_assert_cmpuint (position + removed, <=, mirror->ids->len);
  g_ptr_array_remove_range (mirror->ids, position, removed);
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr (SitmapEvent) event = g_list_model_get_item (model, i);

      g_ptr_array_insert (mirror->ids, (gint) i, g_strdup (sitmap_event_get_id (event)));
      /* Found where it is, while the list is between the old and the new (as the panel asks) */
      g_assert_cmpint (sitmap_event_list_find (SITMAP_EVENT_LIST (model), sitmap_event_get_position (event)), ==, (gint) i);
    }
  /* And those after, some of which may go in a change still to come */
  for (guint i = position + added, n = g_list_model_get_n_items (model); i < n; i += MAX (1, (n - i) / 8))
    {
      g_autoptr (SitmapEvent) next = g_list_model_get_item (model, i);

      g_assert_cmpint (sitmap_event_list_find (SITMAP_EVENT_LIST (model), sitmap_event_get_position (next)), ==, (gint) i);
    }
  g_assert_cmpuint (mirror->ids->len, ==, g_list_model_get_n_items (model));
  mirror->removed += removed;
  mirror->added += added;
}

/* The view's items are the list's, in its order */
static void
assert_mirrors (Mirror *mirror, GListModel *model)
{
  g_assert_cmpuint (mirror->ids->len, ==, g_list_model_get_n_items (model));
  for (guint i = 0; i < mirror->ids->len; i++)
    {
      g_autoptr (SitmapEvent) event = g_list_model_get_item (model, i);

      g_assert_cmpstr (g_ptr_array_index (mirror->ids, i), ==, sitmap_event_get_id (event));
    }
}

static void
test_lazy_lists (void)
{
  g_autoptr (SitmapViewState) state = sitmap_view_state_new ();
  g_autoptr (SitmapDocument) document = make_demo_like ();
  g_autoptr (SitmapEventList) visible = sitmap_event_list_new_visible (state);
  g_autoptr (SitmapEventList) undated = sitmap_event_list_new_undated (state);
  g_autoptr (SitmapEvent) item = NULL;
  g_autoptr (SitmapEvent) lone = NULL;
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  Mirror mirror = { ids, 0, 0 };

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (visible)), ==, 0);
  g_signal_connect (visible, "items-changed", G_CALLBACK (items_changed_cb), &mirror);
  sitmap_view_state_set_document (state, document);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (visible)), ==, 9);
  g_assert_cmpuint (mirror.added, ==, 9);
  assert_mirrors (&mirror, G_LIST_MODEL (visible));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (undated)), ==, 1);
  lone = g_list_model_get_item (G_LIST_MODEL (undated), 0);
  g_assert_cmpstr (sitmap_event_get_id (lone), ==, "undated");

  /* A range: told as what left the list; the event that stays is not removed and added again */
  mirror.removed = mirror.added = 0;
  sitmap_view_state_set_range (state, sitmap_time_from_civil (2024, 12, 10, 0, 0, 0),
                               sitmap_time_from_civil (2024, 12, 11, 0, 0, 0));
  g_assert_cmpuint (mirror.removed, ==, 8);
  g_assert_cmpuint (mirror.added, ==, 0);
  assert_mirrors (&mirror, G_LIST_MODEL (visible));
  item = g_list_model_get_item (G_LIST_MODEL (visible), 0);
  g_assert_cmpstr (sitmap_event_get_id (item), ==, "sukhna");
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (visible), 1));
  /* The undated list ignores the range: undated events are listed apart, never dropped */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (undated)), ==, 1);
  g_assert_cmpint (sitmap_event_list_find (visible, sitmap_event_get_position (item)), ==, 0);

  /* The range widened back, newest first: the same, backwards */
  sitmap_event_list_set_sort (visible, SITMAP_EVENT_SORT_TIME, TRUE);
  assert_mirrors (&mirror, G_LIST_MODEL (visible));
  mirror.removed = mirror.added = 0;
  sitmap_view_state_set_range (state, sitmap_time_from_civil (2024, 11, 1, 0, 0, 0),
                               sitmap_time_from_civil (2024, 12, 31, 0, 0, 0));
  g_assert_cmpuint (mirror.removed, ==, 0);
  assert_mirrors (&mirror, G_LIST_MODEL (visible));
  g_assert_cmpuint (mirror.added, ==, g_list_model_get_n_items (G_LIST_MODEL (visible)) - 1);
}

/* Ranges moved, widened, narrowed, cleared, the order turned, at random: after each, the view knows
 * the list as it is, and each event is found where it is listed. */
static void
test_lists_told_as_changes (void)
{
  g_autoptr (SitmapViewState) state = sitmap_view_state_new ();
  g_autoptr (SitmapDocument) document = model_test_random_document (3000, 7);
  g_autoptr (SitmapEventList) visible = sitmap_event_list_new_visible (state);
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  Mirror mirror = { ids, 0, 0 };
  gint64 first = sitmap_time_from_civil (2020, 1, 1, 0, 0, 0), last = sitmap_time_from_civil (2025, 1, 1, 0, 0, 0);
  guint kept = 0;

  g_signal_connect (visible, "items-changed", G_CALLBACK (items_changed_cb), &mirror);
  sitmap_view_state_set_document (state, document);
  for (guint step = 0; step < 300; step++)
    {
      guint what = g_rand_int_range (rand, 0, 10);
      guint n_before = g_list_model_get_n_items (G_LIST_MODEL (visible));

      mirror.removed = mirror.added = 0;
      if (what == 0)
        sitmap_view_state_clear_range (state);
      else if (what == 1)
        sitmap_event_list_set_sort (visible, SITMAP_EVENT_SORT_TIME, g_rand_boolean (rand));
      else
        {
          gint64 start = first + (gint64) (g_rand_double (rand) * (double) (last - first));
          gint64 length = (gint64) (g_rand_double_range (rand, 0.01, 0.4) * (double) (last - first));

          sitmap_view_state_set_range (state, start, start + length);
        }
      assert_mirrors (&mirror, G_LIST_MODEL (visible));
      /* What stayed was not taken out and put back */
      if (mirror.removed < n_before)
        kept++;
      for (guint probe = 0; probe < 20; probe++)
        {
          guint position = g_rand_int_range (rand, 0, 3000);
          gint expected = -1;

          for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (visible)) && expected < 0; i++)
            if (sitmap_event_list_get_position (visible, i) == position)
              expected = (gint) i;
          g_assert_cmpint (sitmap_event_list_find (visible, position), ==, expected);
        }
    }
  /* Most moves of a range keep some rows */
  g_assert_cmpuint (kept, >, 100);
}

typedef struct
{
  GArray *positions; /* gint */
  GArray *flags;     /* guint */
  guint   n_show_all;
} Reveals;

static void
reveal_cb (SitmapViewState *state, gint position, guint flags, Reveals *reveals)
{
  /* The selection is already the new one when the views are asked. */
  if ((flags & SITMAP_REVEAL_ZOOM) == 0)
    g_assert_cmpint (sitmap_view_state_get_selected (state), ==, position);
  g_array_append_val (reveals->positions, position);
  g_array_append_val (reveals->flags, flags);
}

static void
show_all_cb (SitmapViewState *state, Reveals *reveals)
{
  reveals->n_show_all++;
}

static gint
find (SitmapViewState *state, const char *id)
{
  return sitmap_document_find_event (sitmap_view_state_get_document (state), id);
}

/* Selecting an event, from anywhere, asks the views to bring it into view; letting it go does not.
 * Zooming to it and showing all are asked the same way, and the extent they fit follows the filters. */
static void
test_reveal_and_show_all (void)
{
  g_autoptr (SitmapViewState) state = sitmap_view_state_new ();
  g_autoptr (SitmapDocumentBuilder) builder = sitmap_document_builder_new ();
  g_autoptr (SitmapDocument) document = NULL;
  Reveals reveals = { g_array_new (FALSE, FALSE, sizeof (gint)), g_array_new (FALSE, FALSE, sizeof (guint)), 0 };
  const struct
  {
    const char *id, *date;
    double latitude, longitude;
  } events[] = {
    { "homs", "2024-12-01", 34.73, 36.71 },
    { "deir", "2024-12-05", 35.33, 40.14 },
    { "nowhere", "2024-12-06", NAN, NAN },
    { "damascus", "2024-12-08", 33.51, 36.29 },
  };
  double x0, y0, x1, y1, mx, my;

  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    {
      SitmapEventDraft draft;

      sitmap_event_draft_init (&draft);
      draft.id = g_strdup (events[i].id);
      draft.latitude = events[i].latitude;
      draft.longitude = events[i].longitude;
      g_assert_true (sitmap_time_init_instant (&draft.time, events[i].date, NULL));
      sitmap_document_builder_add_event (builder, &draft);
      sitmap_event_draft_clear (&draft);
    }
  document = sitmap_document_builder_finish (g_steal_pointer (&builder));
  sitmap_view_state_set_document (state, document);
  g_signal_connect (state, "reveal", G_CALLBACK (reveal_cb), &reveals);
  g_signal_connect (state, "show-all", G_CALLBACK (show_all_cb), &reveals);

  sitmap_view_state_set_selected (state, find (state, "deir"));
  sitmap_view_state_set_selected (state, find (state, "deir"));
  sitmap_view_state_set_selected (state, -1);
  sitmap_view_state_set_selected (state, find (state, "homs"));
  g_assert_cmpuint (reveals.positions->len, ==, 2);
  g_assert_cmpint (g_array_index (reveals.positions, gint, 0), ==, find (state, "deir"));
  g_assert_cmpint (g_array_index (reveals.positions, gint, 1), ==, find (state, "homs"));
  g_assert_cmpuint (g_array_index (reveals.flags, guint, 1), ==, SITMAP_REVEAL_GENTLY);
  sitmap_view_state_reveal (state, find (state, "homs"), SITMAP_REVEAL_ZOOM);
  g_assert_cmpuint (reveals.positions->len, ==, 3);
  g_assert_cmpuint (g_array_index (reveals.flags, guint, 2), ==, SITMAP_REVEAL_ZOOM);

  sitmap_view_state_show_all (state);
  g_assert_cmpuint (reveals.n_show_all, ==, 1);
  /* The placed events only: Homs to Deir ez-Zor, Damascus to Deir ez-Zor. */
  g_assert_true (sitmap_view_state_get_visible_extent (state, &x0, &y0, &x1, &y1));
  sitmap_mercator_from_lat_lon (33.51, 36.29, &mx, &my);
  g_assert_cmpfloat_with_epsilon (x0, mx, 1e-9);
  g_assert_cmpfloat_with_epsilon (y1, my, 1e-9);
  sitmap_mercator_from_lat_lon (35.33, 40.14, &mx, &my);
  g_assert_cmpfloat_with_epsilon (x1, mx, 1e-9);
  g_assert_cmpfloat_with_epsilon (y0, my, 1e-9);
  /* A range that holds only Homs and the unplaced event: Homs alone. */
  sitmap_view_state_set_range (state, 1733011200 /* 2024-12-01 */, 1733011200 + 86400);
  g_assert_true (sitmap_view_state_get_visible_extent (state, &x0, &y0, &x1, &y1));
  g_assert_cmpfloat (x0, ==, x1);
  sitmap_view_state_set_range (state, 1733443200 /* 2024-12-06 */, 1733443200 + 86400);
  g_assert_false (sitmap_view_state_get_visible_extent (state, &x0, &y0, &x1, &y1));

  g_array_unref (reveals.positions);
  g_array_unref (reveals.flags);
}

static gint
compare_guint32 (gconstpointer a, gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

static void
set_group_of (SitmapViewState *state, const char *const *ids)
{
  g_autoptr (GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint32));

  for (guint i = 0; ids[i] != NULL; i++)
    {
      guint32 p = (guint32) find (state, ids[i]);

      g_array_append_val (positions, p);
    }
  g_array_sort (positions, compare_guint32);
  sitmap_view_state_set_group (state, (const guint32 *) (gpointer) positions->data, positions->len);
}

static guint
group_size (SitmapViewState *state)
{
  guint n;

  sitmap_view_state_get_group (state, &n);
  return n;
}

/* One history of what the user looked at: an event picked from a group goes back to the group, the
 * group to nothing; an event from elsewhere leaves the group, and goes back to nothing. */
static void
test_select_and_step_back (void)
{
  g_autoptr (SitmapViewState) state = sitmap_view_state_new ();
  g_autoptr (SitmapDocument) document = make_demo_like ();
  const char *const pair[] = { "fall", "sukhna", NULL };

  g_assert_false (sitmap_view_state_step_back (state));
  sitmap_view_state_set_document (state, document);
  g_assert_false (sitmap_view_state_step_back (state));

  set_group_of (state, pair);
  sitmap_view_state_select (state, find (state, "sukhna"));
  g_assert_cmpuint (group_size (state), ==, 2);
  g_assert_cmpint (sitmap_view_state_get_selected (state), ==, find (state, "sukhna"));
  /* event → group → nothing */
  g_assert_true (sitmap_view_state_step_back (state));
  g_assert_cmpint (sitmap_view_state_get_selected (state), ==, -1);
  g_assert_cmpuint (group_size (state), ==, 2);
  g_assert_true (sitmap_view_state_step_back (state));
  g_assert_cmpuint (group_size (state), ==, 0);
  g_assert_false (sitmap_view_state_step_back (state));

  /* An event from outside the group leaves it: back goes to nothing, never to a stale group. */
  set_group_of (state, pair);
  sitmap_view_state_select (state, find (state, "fall"));
  sitmap_view_state_select (state, find (state, "baghouz"));
  g_assert_cmpuint (group_size (state), ==, 0);
  g_assert_true (sitmap_view_state_step_back (state));
  g_assert_cmpint (sitmap_view_state_get_selected (state), ==, -1);
  g_assert_false (sitmap_view_state_step_back (state));

  /* Even when the selection was set around the rules, back does not show a group that lacks it. */
  set_group_of (state, pair);
  sitmap_view_state_set_selected (state, find (state, "baghouz"));
  g_assert_true (sitmap_view_state_step_back (state));
  g_assert_cmpuint (group_size (state), ==, 0);

  /* Selecting nothing leaves the group too. */
  set_group_of (state, pair);
  sitmap_view_state_select (state, find (state, "fall"));
  sitmap_view_state_select (state, -1);
  g_assert_cmpint (sitmap_view_state_get_selected (state), ==, -1);
  g_assert_cmpuint (group_size (state), ==, 0);
}

/* The next event is the next of the group the selection is in, else of the visible events in order. */
static void
test_neighbours (void)
{
  g_autoptr (SitmapViewState) state = sitmap_view_state_new ();
  g_autoptr (SitmapDocument) document = make_demo_like ();
  const char *const group[] = { "offensive", "fall", "after", NULL };

  g_assert_cmpint (sitmap_view_state_get_neighbour (state, 1), ==, -1);
  sitmap_view_state_set_document (state, document);
  /* Nothing selected: the first or the last. */
  g_assert_cmpint (sitmap_view_state_get_neighbour (state, 1), ==, find (state, "war-begins"));
  g_assert_cmpint (sitmap_view_state_get_neighbour (state, -1), ==, find (state, "undated"));

  sitmap_view_state_select (state, find (state, "fall"));
  g_assert_cmpint (sitmap_view_state_get_neighbour (state, 1), ==, find (state, "statement"));
  g_assert_cmpint (sitmap_view_state_get_neighbour (state, -1), ==, find (state, "strikes"));
  /* A selection the filter hides still has neighbours, on either side of where it would be. */
  sitmap_view_state_set_hidden_categories (state, 1u << SITMAP_CATEGORY_STRATEGIC);
  g_assert_cmpint (sitmap_view_state_get_neighbour (state, 1), ==, find (state, "statement"));
  g_assert_cmpint (sitmap_view_state_get_neighbour (state, -1), ==, find (state, "strikes"));
  sitmap_view_state_set_hidden_categories (state, 0);

  /* Within the group, which stays. */
  set_group_of (state, group);
  sitmap_view_state_select (state, find (state, "fall"));
  g_assert_true (sitmap_view_state_select_neighbour (state, 1));
  g_assert_cmpint (sitmap_view_state_get_selected (state), ==, find (state, "after"));
  g_assert_cmpuint (group_size (state), ==, 3);
  g_assert_false (sitmap_view_state_select_neighbour (state, 1));
  g_assert_cmpint (sitmap_view_state_get_selected (state), ==, find (state, "after"));
  g_assert_true (sitmap_view_state_select_neighbour (state, -1));
  g_assert_true (sitmap_view_state_select_neighbour (state, -1));
  g_assert_cmpint (sitmap_view_state_get_selected (state), ==, find (state, "offensive"));
  g_assert_false (sitmap_view_state_select_neighbour (state, -1));
  /* The group listed, nothing picked yet: its first or last. */
  sitmap_view_state_step_back (state);
  g_assert_cmpint (sitmap_view_state_get_neighbour (state, 1), ==, find (state, "offensive"));
  g_assert_cmpint (sitmap_view_state_get_neighbour (state, -1), ==, find (state, "after"));
  g_assert_cmpuint (group_size (state), ==, 3);
}

/* One rule fits a box into a map: a margin of a fifth, a point at a readable zoom, never past the most. */
static void
test_fit (void)
{
  g_autoptr (SitmapViewState) state = sitmap_view_state_new ();
  g_autoptr (SitmapDocument) document = make_demo_like ();
  SitmapMapFit fit;
  double x0, y0;

  g_assert_false (sitmap_view_state_fit_visible (state, 800, 600, SITMAP_MAP_FIT_MAX_ZOOM, &fit));
  sitmap_view_state_set_document (state, document);
  /* Every event of make_demo_like is at one place. */
  g_assert_true (sitmap_view_state_fit_visible (state, 800, 600, SITMAP_MAP_FIT_MAX_ZOOM, &fit));
  g_assert_cmpfloat_with_epsilon (fit.latitude, 34.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (fit.longitude, 38.5, 1e-9);
  g_assert_cmpfloat (fit.zoom, ==, SITMAP_MAP_FIT_POINT_ZOOM);
  g_assert_true (sitmap_view_state_fit_visible (state, 800, 600, 5, &fit));
  g_assert_cmpfloat (fit.zoom, ==, 5);

  /* A box a quarter of the world wide, half as high: 800 px wide at 80 % fill is 640 px for 64 px of
   * zoom 0, so zoom log2 (10); the height (480 for 32) would allow more. */
  sitmap_map_fit_box (800, 600, 0.5, 0.25, 0.75, 0.375, SITMAP_MAP_FIT_MAX_ZOOM, &fit);
  g_assert_cmpfloat_with_epsilon (fit.zoom, log2 (10), 1e-9);
  g_assert_cmpfloat_with_epsilon (fit.longitude, 0.625 * 360 - 180, 1e-9);
  sitmap_mercator_from_lat_lon (fit.latitude, fit.longitude, &x0, &y0);
  g_assert_cmpfloat_with_epsilon (y0, 0.3125, 1e-9);
  /* The whole world in a small map: never under the least zoom; a tiny box: never past the most. */
  sitmap_map_fit_box (100, 100, 0, 0, 1, 1, SITMAP_MAP_FIT_MAX_ZOOM, &fit);
  g_assert_cmpfloat (fit.zoom, ==, SITMAP_MAP_FIT_MIN_ZOOM);
  sitmap_map_fit_box (1000, 1000, 0.5, 0.5, 0.5 + 1e-7, 0.5 + 1e-7, SITMAP_MAP_FIT_MAX_ZOOM, &fit);
  g_assert_cmpfloat (fit.zoom, ==, SITMAP_MAP_FIT_MAX_ZOOM);
  /* No position, nothing to fit. */
  g_assert_false (sitmap_map_fit_events (sitmap_document_get_store (document), (const guint32[]) { 0 }, 0, 800,
                                         600, SITMAP_MAP_FIT_MAX_ZOOM, &fit));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/view-state/range-filters", test_range_filters);
  g_test_add_func ("/view-state/selection-and-document-change", test_selection_and_document_change);
  g_test_add_func ("/view-state/lazy-lists", test_lazy_lists);
  g_test_add_func ("/view-state/lists-told-as-changes", test_lists_told_as_changes);
  g_test_add_func ("/view-state/reveal-and-show-all", test_reveal_and_show_all);
  g_test_add_func ("/view-state/select-and-step-back", test_select_and_step_back);
  g_test_add_func ("/view-state/neighbours", test_neighbours);
  g_test_add_func ("/view-state/fit", test_fit);
  return g_test_run ();
}
