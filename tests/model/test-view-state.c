/* test-view-state.c: the one state every view binds to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "sitmap-document-builder.h"
#include "sitmap-event-list.h"
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

static void
items_changed_cb (GListModel *model, guint position, guint removed, guint added, gpointer user_data)
{
  guint *last = user_data;

  last[0] = removed;
  last[1] = added;
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
  guint last[2] = { 0, 0 };

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (visible)), ==, 0);
  g_signal_connect (visible, "items-changed", G_CALLBACK (items_changed_cb), last);
  sitmap_view_state_set_document (state, document);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (visible)), ==, 9);
  g_assert_cmpuint (last[1], ==, 9);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (undated)), ==, 1);
  lone = g_list_model_get_item (G_LIST_MODEL (undated), 0);
  g_assert_cmpstr (sitmap_event_get_id (lone), ==, "undated");

  sitmap_view_state_set_range (state, sitmap_time_from_civil (2024, 12, 10, 0, 0, 0),
                               sitmap_time_from_civil (2024, 12, 11, 0, 0, 0));
  g_assert_cmpuint (last[0], ==, 9);
  g_assert_cmpuint (last[1], ==, 1);
  item = g_list_model_get_item (G_LIST_MODEL (visible), 0);
  g_assert_cmpstr (sitmap_event_get_id (item), ==, "sukhna");
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (visible), 1));
  /* The undated list ignores the range: undated events are listed apart, never dropped */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (undated)), ==, 1);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/view-state/range-filters", test_range_filters);
  g_test_add_func ("/view-state/selection-and-document-change", test_selection_and_document_change);
  g_test_add_func ("/view-state/lazy-lists", test_lazy_lists);
  return g_test_run ();
}
