/* test-event-list.c: the lazy list of visible events, sorted by a column without an object per event
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "model-test-utils.h"
#include "sitmap-document-builder.h"
#include "sitmap-event-list.h"
#include "sitmap-words.h"

/* The key a user sees in the column, computed the slow way from an event object. */
static char *
key_text (SitmapDocument *document, guint position, SitmapEventSort key)
{
  g_autoptr (SitmapEvent) event = sitmap_document_get_event (document, position);

  if (key == SITMAP_EVENT_SORT_TITLE)
    return sitmap_words_fold (sitmap_event_get_title (event));
  return sitmap_words_fold (sitmap_event_get_place_name (event));
}

static gint64
key_number (SitmapDocument *document, guint position, SitmapEventSort key)
{
  g_autoptr (SitmapEvent) event = sitmap_document_get_event (document, position);
  g_autoptr (GListModel) citations = NULL;
  const SitmapFigure *figures;
  guint n;
  gint64 killed = -1;

  switch (key)
    {
    case SITMAP_EVENT_SORT_CATEGORY:
      return sitmap_event_get_category (event);
    case SITMAP_EVENT_SORT_FATALITIES:
      figures = sitmap_event_get_figures (event, &n);
      for (guint i = 0; i < n; i++)
        if (figures[i].kind == SITMAP_FIGURE_KILLED)
          killed = figures[i].min;
      return killed;
    case SITMAP_EVENT_SORT_ORIGINS:
      citations = sitmap_event_dup_citations (event);
      return sitmap_event_get_n_origins (event) * 1000 + g_list_model_get_n_items (citations);
    case SITMAP_EVENT_SORT_TIME:
    case SITMAP_EVENT_SORT_TITLE:
    case SITMAP_EVENT_SORT_PLACE:
    case SITMAP_N_EVENT_SORTS:
    default:
      return position;
    }
}

/* -1, 0, 1 as a sorts before, with or after b by key alone. */
static int
compare_key (SitmapDocument *document, guint a, guint b, SitmapEventSort key)
{
  if (key == SITMAP_EVENT_SORT_TITLE || key == SITMAP_EVENT_SORT_PLACE)
    {
      g_autofree char *x = key_text (document, a, key);
      g_autofree char *y = key_text (document, b, key);

      if ((*x == '\0') != (*y == '\0'))
        return *x == '\0' ? 1 : -1;
      return CLAMP (strcmp (x, y), -1, 1);
    }
  else
    {
      gint64 x = key_number (document, a, key), y = key_number (document, b, key);

      return x < y ? -1 : x > y;
    }
}

/* The list holds exactly the visible events, in key order, ties in time order (reversed when
 * descending), and find() is its inverse. */
static void
check_list (SitmapViewState *state, SitmapEventList *list, SitmapEventSort key, gboolean descending)
{
  SitmapDocument *document = sitmap_view_state_get_document (state);
  guint n_visible, n = g_list_model_get_n_items (G_LIST_MODEL (list));
  const guint32 *visible = sitmap_view_state_get_visible (state, &n_visible);

  g_assert_cmpuint (n, ==, n_visible);
  for (guint i = 0; i < n; i++)
    {
      guint32 position = sitmap_event_list_get_position (list, i);

      g_assert_cmpint (sitmap_event_list_find (list, position), ==, i);
      g_assert_true (sitmap_view_state_is_visible (state, position));
      if (i > 0)
        {
          guint previous = sitmap_event_list_get_position (list, i - 1);
          int cmp = compare_key (document, previous, position, key);

          if (descending)
            cmp = -cmp;
          g_assert_cmpint (cmp, <=, 0);
          if (cmp == 0)
            g_assert_cmpint (descending ? position < previous : previous < position, ==, TRUE);
        }
    }
  for (guint i = 0; i < n_visible; i++)
    g_assert_cmpint (sitmap_event_list_find (list, visible[i]), >=, 0);
}

static void
items_changed_cb (GListModel *model, guint position, guint removed, guint added, gpointer user_data)
{
  /* The list says a replacement in two steps, every item removed then the new ones added (see
   * emit_replaced()): the removal step is not a change of its own. */
  if (added > 0 || g_list_model_get_n_items (model) > 0)
    (*(guint *) user_data)++;
}

static void
test_sort_keys (void)
{
  g_autoptr (SitmapDocument) document = model_test_random_document (2000, 7);
  g_autoptr (SitmapViewState) state = sitmap_view_state_new ();
  g_autoptr (SitmapEventList) list = NULL;
  g_autoptr (SitmapFilter) filter = sitmap_filter_new ();
  guint changes = 0;
  gboolean descending;

  sitmap_view_state_set_document (state, document);
  list = sitmap_event_list_new_visible (state);
  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), &changes);
  g_assert_cmpint (sitmap_event_list_get_sort (list, &descending), ==, SITMAP_EVENT_SORT_TIME);
  g_assert_false (descending);

  for (SitmapEventSort key = 0; key < SITMAP_N_EVENT_SORTS; key++)
    for (guint d = 0; d < 2; d++)
      {
        guint before = changes;

        sitmap_event_list_set_sort (list, key, d);
        if (key > 0 || d > 0)
          g_assert_cmpuint (changes, ==, before + 1);
        check_list (state, list, key, d);

        /* Filtering again keeps the order */
        sitmap_filter_set_text (filter, key % 2 ? "homs" : "sukh");
        sitmap_view_state_set_filter (state, filter);
        g_assert_cmpuint (sitmap_view_state_get_n_visible (state), <, 2000);
        check_list (state, list, key, d);
        sitmap_view_state_set_range (state, sitmap_time_from_civil (2022, 1, 1, 0, 0, 0),
                                     sitmap_time_from_civil (2023, 1, 1, 0, 0, 0));
        check_list (state, list, key, d);
        sitmap_view_state_clear_range (state);
        sitmap_view_state_set_filter (state, NULL);
      }
  g_assert_cmpint (sitmap_event_list_find (list, 100000), ==, -1);
}

static void
notify_cb (GObject *object, GParamSpec *pspec, gpointer user_data)
{
  (*(guint *) user_data)++;
}

/* A big document is ordered in a thread: meanwhile the list stays in time order, then it changes once. */
static void
test_sort_in_thread (void)
{
  g_autoptr (SitmapDocument) document = model_test_random_document (60000, 8);
  g_autoptr (SitmapViewState) state = sitmap_view_state_new ();
  g_autoptr (SitmapEventList) list = NULL;
  gboolean sorting = FALSE;
  guint notified = 0;

  sitmap_view_state_set_document (state, document);
  list = sitmap_event_list_new_visible (state);
  g_signal_connect (list, "notify::sorting", G_CALLBACK (notify_cb), &notified);
  sitmap_event_list_set_sort (list, SITMAP_EVENT_SORT_TITLE, FALSE);
  g_object_get (list, "sorting", &sorting, NULL);
  g_assert_true (sorting);
  g_assert_cmpuint (sitmap_event_list_get_position (list, 0), ==, 0);
  /* A newer sort replaces the one under way */
  sitmap_event_list_set_sort (list, SITMAP_EVENT_SORT_PLACE, TRUE);
  while (sorting)
    {
      g_main_context_iteration (NULL, TRUE);
      g_object_get (list, "sorting", &sorting, NULL);
    }
  g_assert_cmpuint (notified, ==, 2);
  sitmap_view_state_set_text (state, "palmyra");
  check_list (state, list, SITMAP_EVENT_SORT_PLACE, TRUE);
}

static void
wait_for_sort (SitmapEventList *list)
{
  gboolean sorting = TRUE;

  while (sorting)
    {
      g_object_get (list, "sorting", &sorting, NULL);
      if (sorting)
        g_main_context_iteration (NULL, TRUE);
    }
}

/* n events a day apart, a title for each stretch of 1000 days, the stretches' titles in no order: long
 * runs of one title in time order. */
static SitmapDocument *
stretches_document (guint n)
{
  g_autoptr (SitmapDocumentBuilder) builder = sitmap_document_builder_new ();
  g_autoptr (GDateTime) start = g_date_time_new_utc (1900, 1, 1, 0, 0, 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GDateTime) day = g_date_time_add_days (start, i);
      g_autofree char *date = g_date_time_format (day, "%Y-%m-%d");
      SitmapEventDraft draft;

      sitmap_event_draft_init (&draft);
      draft.id = g_strdup_printf ("stretch-%u", i);
      draft.title = g_strdup_printf ("Stretch %02u", (i / 1000 * 37) % 61);
      draft.latitude = 35;
      draft.longitude = 38;
      g_assert_true (sitmap_time_init_instant (&draft.time, date, NULL));
      sitmap_document_builder_add_event (builder, &draft);
      sitmap_event_draft_clear (&draft);
    }
  return sitmap_document_builder_finish (g_steal_pointer (&builder));
}

/* Text sorted in a thread, by halves merged: titles of random words (runs of about two, sorted as they
 * come) and places (few names, long runs in time order, merged whole) both end in key order, ties in
 * time order. */
static void
test_sort_text_in_thread (void)
{
  g_autoptr (SitmapDocument) document = model_test_random_document (60000, 9);
  g_autoptr (SitmapViewState) state = sitmap_view_state_new ();
  g_autoptr (SitmapEventList) list = NULL;

  sitmap_view_state_set_document (state, document);
  list = sitmap_event_list_new_visible (state);
  for (SitmapEventSort key = SITMAP_EVENT_SORT_TITLE; key <= SITMAP_EVENT_SORT_PLACE; key++)
    {
      sitmap_event_list_set_sort (list, key, FALSE);
      wait_for_sort (list);
      check_list (state, list, key, FALSE);
    }
  g_clear_object (&list);
  g_clear_object (&document);
  document = stretches_document (60000);
  sitmap_view_state_set_document (state, document);
  list = sitmap_event_list_new_visible (state);
  sitmap_event_list_set_sort (list, SITMAP_EVENT_SORT_TITLE, FALSE);
  wait_for_sort (list);
  check_list (state, list, SITMAP_EVENT_SORT_TITLE, FALSE);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/event-list/sort-keys", test_sort_keys);
  g_test_add_func ("/event-list/sort-in-thread", test_sort_in_thread);
  g_test_add_func ("/event-list/sort-text-in-thread", test_sort_text_in_thread);
  return g_test_run ();
}
