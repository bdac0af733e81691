/* test-edit-at-scale.c: an edit at a million events shows in every view the model keeps: the time range, the
 * search, the actors' facet, the sorted list, the histogram; and a deletion leaves them all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include "model-test-utils.h"
#include "sitmap-event-command.h"
#include "sitmap-event-list.h"
#include "sitmap-time-histogram.h"
#include "sitmap-undo-stack.h"
#include "sitmap-view-state.h"

static guint n_events = 1000000;

static void
push (SitmapDocument *document, SitmapCommand *command)
{
  sitmap_undo_stack_push (sitmap_document_get_undo_stack (document), command);
  g_object_unref (command);
}

static gboolean
is_sorting (SitmapEventList *list)
{
  gboolean sorting;

  g_object_get (list, "sorting", &sorting, NULL);
  return sorting;
}

/* Where the histogram of the document's events begins */
static gint64
histogram_start (SitmapDocument *document)
{
  SitmapTimeHistogram *histogram = sitmap_time_histogram_new (sitmap_document_get_columns (document));
  gint64 start, end;

  g_assert_true (sitmap_time_histogram_get_extent (histogram, &start, &end));
  sitmap_time_histogram_free (histogram);
  return start;
}

static void
test_edit_shows_everywhere (void)
{
  g_autoptr (SitmapDocument) document = model_test_random_document (n_events, 31);
  g_autoptr (SitmapViewState) view_state = sitmap_view_state_new ();
  g_autoptr (SitmapEventList) by_title = NULL;
  g_autoptr (SitmapFilter) filter = sitmap_filter_new ();
  SitmapEventStore *store = sitmap_document_get_store (document);
  guint target = n_events / 3;
  g_autofree char *id = g_strdup (sitmap_event_store_get_id (store, target));
  SitmapEventDraft draft;
  SitmapTime when;
  gint64 first;
  gint position;

  sitmap_view_state_set_document (view_state, document);
  by_title = sitmap_event_list_new_visible (view_state);
  sitmap_event_list_set_sort (by_title, SITMAP_EVENT_SORT_TITLE, FALSE);
  /* The sort of a million runs in a thread: wait for it, as the window does */
  while (is_sorting (by_title))
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (sitmap_time_init_instant (&when, "1850-07-14", NULL));
  first = histogram_start (document);
  g_assert_cmpint (first, >, when.start);

  sitmap_event_draft_init (&draft);
  sitmap_document_read_event_draft (document, target, &draft);
  g_free (draft.title);
  draft.title = g_strdup ("Aaaaardvark quarry raided");
  draft.time = when;
  sitmap_event_draft_add_actor (&draft, "Quokka Brigade");
  push (document, sitmap_event_command_new_edit (document, id, &draft, "Change Event", NULL));
  sitmap_event_draft_clear (&draft);
  position = sitmap_event_store_find (store, id);
  g_assert_cmpint (position, ==, (gint) n_events);

  /* The time range */
  sitmap_view_state_set_range (view_state, when.start, when.end);
  g_assert_true (sitmap_view_state_is_visible (view_state, position));
  g_assert_false (sitmap_view_state_is_visible (view_state, target));
  sitmap_view_state_clear_range (view_state);
  /* The histogram */
  g_assert_cmpint (histogram_start (document), ==, when.start);
  /* The sorted list: first by title */
  g_assert_cmpint (sitmap_event_list_find (by_title, position), ==, 0);
  g_assert_cmpint (sitmap_event_list_find (by_title, target), ==, -1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (by_title)), ==, n_events);
  /* The search */
  sitmap_view_state_set_text (view_state, "aaaaardvark");
  g_assert_cmpuint (sitmap_view_state_get_n_visible (view_state), ==, 1);
  g_assert_true (sitmap_view_state_is_visible (view_state, position));
  sitmap_view_state_set_text (view_state, NULL);
  /* The actors' facet, with an actor no event had */
  sitmap_filter_add_value (filter, SITMAP_FILTER_ACTORS, "Quokka Brigade");
  sitmap_view_state_set_filter (view_state, filter);
  g_assert_cmpuint (sitmap_view_state_get_n_visible (view_state), ==, 1);
  g_assert_true (sitmap_view_state_is_visible (view_state, position));

  /* Deleted: gone from every view */
  {
    const char *ids[] = { id };

    push (document, sitmap_event_command_new_delete (document, ids, 1));
  }
  g_assert_cmpuint (sitmap_view_state_get_n_visible (view_state), ==, 0);
  sitmap_filter_clear_values (filter, SITMAP_FILTER_ACTORS);
  sitmap_view_state_set_filter (view_state, filter);
  g_assert_cmpuint (sitmap_view_state_get_n_visible (view_state), ==, n_events - 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (by_title)), ==, n_events - 1);
  g_assert_cmpint (histogram_start (document), ==, first);

  /* Both undone: the event is back where it was */
  g_assert_true (sitmap_undo_stack_undo (sitmap_document_get_undo_stack (document)));
  g_assert_true (sitmap_undo_stack_undo (sitmap_document_get_undo_stack (document)));
  g_assert_cmpint (sitmap_event_store_find (store, id), ==, (gint) target);
  g_assert_cmpuint (sitmap_view_state_get_n_visible (view_state), ==, n_events);
  g_assert_cmpint (sitmap_event_list_find (by_title, target), >=, 0);
}

int
main (int argc, char *argv[])
{
  const char *n = g_getenv ("SITMAP_TEST_EVENTS");

  g_test_init (&argc, &argv, NULL);
  if (n != NULL)
    n_events = (guint) strtoul (n, NULL, 10);
  g_test_add_func ("/edit-at-scale/edit-shows-everywhere", test_edit_shows_everywhere);
  return g_test_run ();
}
