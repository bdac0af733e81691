/* test-event-command.c: events added, changed and deleted as edits: positions never move, every query sees
 * the edit at once, undo and redo give back exactly what was, and typing is one step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "model-test-utils.h"
#include "sitmap-annotations-visible-command.h"
#include "sitmap-event-command.h"
#include "sitmap-event-list.h"
#include "sitmap-kml-reader.h"
#include "sitmap-kml-writer.h"
#include "sitmap-reliability-command.h"
#include "sitmap-undo-stack.h"
#include "sitmap-view-state.h"

static void
push (SitmapDocument *document, SitmapCommand *command)
{
  sitmap_undo_stack_push (sitmap_document_get_undo_stack (document), command);
  g_object_unref (command);
}

static void
init_sukhna_draft (SitmapEventDraft *draft, const char *title)
{
  SitmapCitationDraft citation = { 0 };

  sitmap_event_draft_init (draft);
  draft->title = g_strdup (title);
  g_assert_true (sitmap_time_init_instant (&draft->time, "2024-12-10", NULL));
  draft->latitude = 34.88;
  draft->longitude = 38.87;
  citation.source_id = g_strdup ("sohr");
  citation.url = g_strdup ("https://www.syriahr.com/en/1");
  citation.credibility = SITMAP_CREDIBILITY_3;
  sitmap_event_draft_take_citation (draft, &citation);
  sitmap_event_draft_add_actor (draft, "ISIS");
}

static guint
count_in_range (SitmapDocument *document, const char *from, const char *to)
{
  g_autoptr (GArray) out = g_array_new (FALSE, FALSE, sizeof (guint32));
  SitmapTime a, b;

  g_assert_true (sitmap_time_init_instant (&a, from, NULL));
  g_assert_true (sitmap_time_init_instant (&b, to, NULL));
  sitmap_event_store_query_time (sitmap_document_get_store (document), a.start, b.end, SITMAP_RANGE_OVERLAPPING, out);
  return out->len;
}

static gboolean
range_has (SitmapDocument *document, const char *from, const char *to, guint position)
{
  g_autoptr (GArray) out = g_array_new (FALSE, FALSE, sizeof (guint32));
  SitmapTime a, b;

  g_assert_true (sitmap_time_init_instant (&a, from, NULL));
  g_assert_true (sitmap_time_init_instant (&b, to, NULL));
  sitmap_event_store_query_time (sitmap_document_get_store (document), a.start, b.end, SITMAP_RANGE_OVERLAPPING, out);
  for (guint i = 0; i < out->len; i++)
    if (g_array_index (out, guint32, i) == position)
      return TRUE;
  return FALSE;
}

static void
test_add_undo_redo (void)
{
  g_autoptr (SitmapDocument) document = model_test_random_document (500, 7);
  SitmapUndoStack *undo = sitmap_document_get_undo_stack (document);
  SitmapEventStore *store = sitmap_document_get_store (document);
  SitmapEventDraft draft;
  SitmapCommand *command;
  guint before = count_in_range (document, "2024-12-10", "2024-12-10");
  gint position;

  init_sukhna_draft (&draft, "Attack near Sukhna");
  command = g_object_ref (sitmap_event_command_new_add (document, &draft));
  push (document, command);
  position = sitmap_event_command_get_position (SITMAP_EVENT_COMMAND (command));
  g_assert_cmpint (position, ==, 500);
  g_assert_cmpuint (sitmap_document_get_n_events (document), ==, 501);
  g_assert_cmpuint (sitmap_document_get_n_live_events (document), ==, 501);
  g_assert_cmpstr (sitmap_event_store_get_title (store, position), ==, "Attack near Sukhna");
  g_assert_cmpint (sitmap_event_store_find (store, sitmap_event_command_get_id (SITMAP_EVENT_COMMAND (command))), ==,
                   position);
  g_assert_true (range_has (document, "2024-12-10", "2024-12-10", position));
  g_assert_cmpuint (count_in_range (document, "2024-12-10", "2024-12-10"), ==, before + 1);
  g_assert_true (sitmap_document_get_columns (document)->flags[position] & SITMAP_EVENT_FLAG_PLACED);
  g_assert_cmpstr (sitmap_undo_stack_get_undo_label (undo), ==, "New Event");

  g_assert_true (sitmap_undo_stack_undo (undo));
  g_assert_cmpuint (sitmap_document_get_n_events (document), ==, 500);
  g_assert_cmpint (sitmap_event_store_find (store, sitmap_event_command_get_id (SITMAP_EVENT_COMMAND (command))), ==, -1);
  g_assert_cmpuint (count_in_range (document, "2024-12-10", "2024-12-10"), ==, before);
  g_assert_false (sitmap_undo_stack_get_modified (undo));

  g_assert_true (sitmap_undo_stack_redo (undo));
  g_assert_cmpint (sitmap_event_command_get_position (SITMAP_EVENT_COMMAND (command)), ==, 500);
  g_assert_cmpstr (sitmap_event_store_get_title (store, 500), ==, "Attack near Sukhna");
  g_assert_cmpuint (count_in_range (document, "2024-12-10", "2024-12-10"), ==, before + 1);
  sitmap_event_draft_clear (&draft);
  g_object_unref (command);
}

/* An edit moves the event to a new position: the old one is deleted, found by no query and no id. */
static void
test_edit_moves_event (void)
{
  g_autoptr (SitmapDocument) document = model_test_random_document (500, 8);
  SitmapUndoStack *undo = sitmap_document_get_undo_stack (document);
  SitmapEventStore *store = sitmap_document_get_store (document);
  g_autofree char *id = g_strdup (sitmap_event_store_get_id (store, 10));
  g_autofree char *title = g_strdup (sitmap_event_store_get_title (store, 10));
  SitmapEventDraft draft;
  SitmapTime old_time;
  gint position;
  g_autoptr (SitmapCommand) command = NULL;

  sitmap_event_store_get_time (store, 10, &old_time);
  sitmap_event_draft_init (&draft);
  sitmap_document_read_event_draft (document, 10, &draft);
  g_assert_cmpstr (draft.id, ==, id);
  g_free (draft.title);
  draft.title = g_strdup ("Corrected title");
  g_assert_true (sitmap_time_init_instant (&draft.time, "1999-05-05", NULL));
  command = sitmap_event_command_new_edit (document, id, &draft, "Change Date", NULL);
  sitmap_undo_stack_push (undo, command);
  position = sitmap_event_command_get_position (SITMAP_EVENT_COMMAND (command));
  g_assert_cmpint (position, ==, 500);
  g_assert_true (sitmap_event_store_is_deleted (store, 10));
  g_assert_cmpint (sitmap_event_store_find (store, id), ==, position);
  g_assert_cmpuint (sitmap_document_get_n_live_events (document), ==, 500);
  g_assert_true (range_has (document, "1999-05-05", "1999-05-05", position));
  g_assert_false (range_has (document, "1000-01-01", "3000-01-01", 10));

  g_assert_true (sitmap_undo_stack_undo (undo));
  g_assert_false (sitmap_event_store_is_deleted (store, 10));
  g_assert_cmpint (sitmap_event_store_find (store, id), ==, 10);
  g_assert_cmpstr (sitmap_event_store_get_title (store, 10), ==, title);
  g_assert_cmpint (sitmap_event_command_get_position (SITMAP_EVENT_COMMAND (command)), ==, 10);
  g_assert_true (range_has (document, "1000-01-01", "3000-01-01", 10) || !sitmap_time_is_dated (&old_time));
  g_assert_cmpuint (sitmap_document_get_n_events (document), ==, 500);
  sitmap_event_draft_clear (&draft);
}

/* Typing a title letter by letter is one undo step, which brings back the title before the first letter. */
static void
test_typing_merges (void)
{
  g_autoptr (SitmapDocument) document = model_test_random_document (100, 9);
  SitmapUndoStack *undo = sitmap_document_get_undo_stack (document);
  SitmapEventStore *store = sitmap_document_get_store (document);
  g_autofree char *id = g_strdup (sitmap_event_store_get_id (store, 3));
  g_autofree char *title = g_strdup (sitmap_event_store_get_title (store, 3));
  const char *typed = "Shelling";

  for (guint i = 1; i <= strlen (typed); i++)
    {
      SitmapEventDraft draft;

      sitmap_event_draft_init (&draft);
      sitmap_document_read_event_draft (document, sitmap_event_store_find (store, id), &draft);
      g_free (draft.title);
      draft.title = g_strndup (typed, i);
      push (document, sitmap_event_command_new_edit (document, id, &draft, "Change Title", "title"));
      sitmap_event_draft_clear (&draft);
    }
  g_assert_cmpstr (sitmap_event_store_get_title (store, sitmap_event_store_find (store, id)), ==, typed);
  g_assert_cmpstr (sitmap_undo_stack_get_undo_label (undo), ==, "Change Title");
  g_assert_true (sitmap_undo_stack_undo (undo));
  g_assert_cmpint (sitmap_event_store_find (store, id), ==, 3);
  g_assert_cmpstr (sitmap_event_store_get_title (store, 3), ==, title);
  g_assert_false (sitmap_undo_stack_can_undo (undo));
  g_assert_false (sitmap_undo_stack_get_modified (undo));
  g_assert_true (sitmap_undo_stack_redo (undo));
  g_assert_cmpstr (sitmap_event_store_get_title (store, sitmap_event_store_find (store, id)), ==, typed);

  /* Another field is another step */
  {
    SitmapEventDraft draft;

    sitmap_event_draft_init (&draft);
    sitmap_document_read_event_draft (document, sitmap_event_store_find (store, id), &draft);
    g_free (draft.summary);
    draft.summary = g_strdup ("x");
    push (document, sitmap_event_command_new_edit (document, id, &draft, "Change Summary", "summary"));
    sitmap_event_draft_clear (&draft);
  }
  g_assert_true (sitmap_undo_stack_undo (undo));
  g_assert_cmpstr (sitmap_event_store_get_title (store, sitmap_event_store_find (store, id)), ==, typed);
}

static void
test_delete_several (void)
{
  g_autoptr (SitmapDocument) document = model_test_random_document (300, 10);
  SitmapUndoStack *undo = sitmap_document_get_undo_stack (document);
  SitmapEventStore *store = sitmap_document_get_store (document);
  g_autofree char *a = g_strdup (sitmap_event_store_get_id (store, 0));
  g_autofree char *b = g_strdup (sitmap_event_store_get_id (store, 299));
  const char *ids[] = { a, b, "no-such-event" };
  double x0, y0, x1, y1;

  push (document, sitmap_event_command_new_delete (document, ids, G_N_ELEMENTS (ids)));
  g_assert_cmpstr (sitmap_undo_stack_get_undo_label (undo), ==, "Delete 2 Events");
  g_assert_cmpuint (sitmap_document_get_n_live_events (document), ==, 298);
  g_assert_cmpint (sitmap_event_store_find (store, a), ==, -1);
  g_assert_cmpint (sitmap_event_store_find (store, b), ==, -1);
  g_assert_false (range_has (document, "1000-01-01", "3000-01-01", 0));
  g_assert_true (sitmap_event_store_get_placed_extent (store, NULL, 0, &x0, &y0, &x1, &y1));
  g_assert_true (sitmap_undo_stack_undo (undo));
  g_assert_cmpuint (sitmap_document_get_n_live_events (document), ==, 300);
  g_assert_cmpint (sitmap_event_store_find (store, a), ==, 0);
  g_assert_cmpint (sitmap_event_store_find (store, b), ==, 299);
}

/* The draft of an event reads back everything it says, and an edit that changes nothing changes nothing. */
static void
test_draft_round_trip (void)
{
  g_autoptr (SitmapDocument) document = model_test_random_document (200, 11);
  SitmapEventStore *store = sitmap_document_get_store (document);

  for (guint p = 0; p < 200; p += 13)
    {
      g_autofree char *id = g_strdup (sitmap_event_store_get_id (store, p));
      SitmapEventDraft draft;
      SitmapTime before, after;
      const SitmapCitationRecord *c0, *c1;
      guint n0, n1, n_actors0, n_actors1;
      double la0, lo0, la1, lo1;
      gint q;

      sitmap_event_draft_init (&draft);
      sitmap_document_read_event_draft (document, p, &draft);
      push (document, sitmap_event_command_new_edit (document, id, &draft, "Change Nothing", NULL));
      sitmap_event_draft_clear (&draft);
      q = sitmap_event_store_find (store, id);
      g_assert_cmpint (q, >, (gint) p);
      g_assert_cmpstr (sitmap_event_store_get_title (store, p), ==, sitmap_event_store_get_title (store, q));
      g_assert_cmpstr (sitmap_event_store_get_summary (store, p), ==, sitmap_event_store_get_summary (store, q));
      sitmap_event_store_get_time (store, p, &before);
      sitmap_event_store_get_time (store, q, &after);
      g_assert_true (before.start == after.start && before.end == after.end && before.precision == after.precision);
      g_assert_cmpint (sitmap_event_store_get_location (store, p, &la0, &lo0), ==,
                       sitmap_event_store_get_location (store, q, &la1, &lo1));
      c0 = sitmap_event_store_get_citations (store, p, &n0);
      c1 = sitmap_event_store_get_citations (store, q, &n1);
      g_assert_cmpuint (n0, ==, n1);
      for (guint i = 0; i < n0; i++)
        {
          g_assert_cmpuint (c0[i].source, ==, c1[i].source);
          g_assert_cmpuint (c0[i].credibility, ==, c1[i].credibility);
          g_assert_cmpstr (c0[i].url, ==, c1[i].url);
        }
      sitmap_event_store_get_actors (store, p, &n_actors0);
      sitmap_event_store_get_actors (store, q, &n_actors1);
      g_assert_cmpuint (n_actors0, ==, n_actors1);
      g_assert_cmpuint (sitmap_document_get_columns (document)->category[p], ==,
                        sitmap_document_get_columns (document)->category[q]);
      g_assert_cmpuint (sitmap_document_get_columns (document)->origins[p], ==,
                        sitmap_document_get_columns (document)->origins[q]);
    }
}

/* A citation of a publisher the document does not have brings it, and undo takes it away. */
static void
test_new_source (void)
{
  g_autoptr (SitmapDocument) document = model_test_random_document (50, 12);
  SitmapUndoStack *undo = sitmap_document_get_undo_stack (document);
  guint n_sources = g_list_model_get_n_items (sitmap_document_get_sources (document));
  SitmapEventDraft draft;
  SitmapCitationDraft citation = { 0 };
  g_autoptr (SitmapSource) source = sitmap_source_new ("deir-ezzor-24");
  SitmapCommand *command;

  sitmap_source_set_name (source, "DeirEzzor 24");
  init_sukhna_draft (&draft, "Clash");
  citation.source_id = g_strdup ("deir-ezzor-24");
  sitmap_event_draft_take_citation (&draft, &citation);
  command = sitmap_event_command_new_add (document, &draft);
  sitmap_event_command_add_source (SITMAP_EVENT_COMMAND (command), source);
  push (document, command);
  g_assert_cmpuint (g_list_model_get_n_items (sitmap_document_get_sources (document)), >=, n_sources + 1);
  g_assert_cmpint (sitmap_document_find_source (document, "deir-ezzor-24"), >=, 0);
  g_assert_cmpstr (sitmap_source_get_name (sitmap_document_get_source (
                     document, sitmap_document_find_source (document, "deir-ezzor-24"))), ==, "DeirEzzor 24");
  g_assert_true (sitmap_undo_stack_undo (undo));
  g_assert_cmpuint (g_list_model_get_n_items (sitmap_document_get_sources (document)), ==, n_sources);
  g_assert_cmpint (sitmap_document_find_source (document, "deir-ezzor-24"), ==, -1);
  sitmap_event_draft_clear (&draft);
}

/* The view state shows an edit at once: the new event passes, the old position does not, the selection
 * follows the edited event, and a search finds the new words. */
static void
test_view_state_follows (void)
{
  g_autoptr (SitmapDocument) document = model_test_random_document (400, 13);
  g_autoptr (SitmapViewState) view_state = sitmap_view_state_new ();
  SitmapEventStore *store = sitmap_document_get_store (document);
  g_autofree char *id = g_strdup (sitmap_event_store_get_id (store, 20));
  SitmapEventDraft draft;
  guint n_visible;
  gint position;

  sitmap_view_state_set_document (view_state, document);
  sitmap_view_state_clear_range (view_state);
  n_visible = sitmap_view_state_get_n_visible (view_state);
  sitmap_view_state_set_selected (view_state, 20);

  sitmap_event_draft_init (&draft);
  sitmap_document_read_event_draft (document, 20, &draft);
  g_free (draft.title);
  draft.title = g_strdup ("Zyzzyva convoy ambushed");
  push (document, sitmap_event_command_new_edit (document, id, &draft, "Change Title", "title"));
  sitmap_event_draft_clear (&draft);
  position = sitmap_event_store_find (store, id);

  g_assert_cmpuint (sitmap_view_state_get_n_visible (view_state), ==, n_visible);
  g_assert_true (sitmap_view_state_is_visible (view_state, position));
  g_assert_false (sitmap_view_state_is_visible (view_state, 20));
  g_assert_cmpint (sitmap_view_state_get_selected (view_state), ==, position);

  sitmap_view_state_set_text (view_state, "zyzzyva");
  g_assert_cmpuint (sitmap_view_state_get_n_visible (view_state), ==, 1);
  g_assert_true (sitmap_view_state_is_visible (view_state, position));

  g_assert_true (sitmap_undo_stack_undo (sitmap_document_get_undo_stack (document)));
  g_assert_cmpuint (sitmap_view_state_get_n_visible (view_state), ==, 0);
  g_assert_cmpint (sitmap_view_state_get_selected (view_state), ==, 20);
  sitmap_view_state_set_text (view_state, NULL);
  g_assert_cmpuint (sitmap_view_state_get_n_visible (view_state), ==, n_visible);

  {
    const char *ids[] = { id };

    push (document, sitmap_event_command_new_delete (document, ids, 1));
  }
  g_assert_cmpuint (sitmap_view_state_get_n_visible (view_state), ==, n_visible - 1);
  g_assert_false (sitmap_view_state_is_visible (view_state, 20));
  g_assert_cmpint (sitmap_view_state_get_selected (view_state), ==, -1);
}

/* The events list puts an added event where its date and its title put it, not last. */
static void
test_list_places_new_event (void)
{
  g_autoptr (SitmapDocument) document = model_test_random_document (300, 14);
  g_autoptr (SitmapViewState) view_state = sitmap_view_state_new ();
  g_autoptr (SitmapEventList) list = NULL;
  SitmapEventStore *store = sitmap_document_get_store (document);
  const SitmapEventColumns *columns;
  SitmapEventDraft draft;
  SitmapCommand *command;
  gint position, item;

  sitmap_view_state_set_document (view_state, document);
  sitmap_view_state_clear_range (view_state);
  list = sitmap_event_list_new_visible (view_state);
  sitmap_event_list_set_sort (list, SITMAP_EVENT_SORT_TITLE, FALSE);
  init_sukhna_draft (&draft, "Aaaa first by title");
  g_assert_true (sitmap_time_init_instant (&draft.time, "2020-06-15", NULL));
  command = g_object_ref (sitmap_event_command_new_add (document, &draft));
  push (document, command);
  position = sitmap_event_command_get_position (SITMAP_EVENT_COMMAND (command));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 301);
  g_assert_cmpint (sitmap_event_list_find (list, position), ==, 0);
  g_assert_cmpstr (sitmap_event_store_get_title (store, sitmap_event_list_get_position (list, 0)), ==,
                   "Aaaa first by title");

  sitmap_event_list_set_sort (list, SITMAP_EVENT_SORT_TIME, FALSE);
  item = sitmap_event_list_find (list, position);
  g_assert_cmpint (item, >=, 0);
  columns = sitmap_document_get_columns (document);
  for (guint i = 1; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      guint a = sitmap_event_list_get_position (list, i - 1), b = sitmap_event_list_get_position (list, i);

      if (columns->time_precision[a] != SITMAP_TIME_PRECISION_NONE && columns->time_precision[b] != SITMAP_TIME_PRECISION_NONE)
        g_assert_cmpint (columns->start[a], <=, columns->start[b]);
    }
  sitmap_event_draft_clear (&draft);
  g_object_unref (command);
}

/* Each kind of edit survives a save and a load: the added event with its citation and actor, the changed title,
 * place and date, and the deleted event gone. */
static void
test_edits_round_trip (void)
{
  g_autoptr (SitmapDocument) document = model_test_random_document (120, 15);
  g_autoptr (SitmapDocument) reread = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  SitmapEventStore *store = sitmap_document_get_store (document);
  g_autofree char *changed = g_strdup (sitmap_event_store_get_id (store, 5));
  g_autofree char *gone = g_strdup (sitmap_event_store_get_id (store, 6));
  const char *ids[] = { gone };
  SitmapEventDraft draft;
  SitmapEventStore *again;
  SitmapTime time;
  double latitude, longitude;
  gint p;
  guint n;

  init_sukhna_draft (&draft, "Attack near Sukhna");
  draft.id = g_strdup ("sukhna-1");
  push (document, sitmap_event_command_new_add (document, &draft));
  sitmap_event_draft_clear (&draft);
  sitmap_event_draft_init (&draft);
  sitmap_document_read_event_draft (document, 5, &draft);
  g_free (draft.title);
  draft.title = g_strdup ("Moved and redated");
  draft.latitude = 35.5;
  draft.longitude = 40.25;
  g_assert_true (sitmap_time_init_instant (&draft.time, "2019-03", NULL));
  push (document, sitmap_event_command_new_edit (document, changed, &draft, "Move Event", "move"));
  sitmap_event_draft_clear (&draft);
  push (document, sitmap_event_command_new_delete (document, ids, 1));

  bytes = sitmap_kml_write_bytes (document, &error);
  g_assert_no_error (error);
  reread = sitmap_kml_read_bytes (bytes, "edits.kml", NULL, &error);
  g_assert_no_error (error);
  again = sitmap_document_get_store (reread);
  g_assert_cmpuint (sitmap_document_get_n_events (reread), ==, 120);
  g_assert_cmpint (sitmap_event_store_find (again, gone), ==, -1);
  p = sitmap_event_store_find (again, "sukhna-1");
  g_assert_cmpint (p, >=, 0);
  g_assert_cmpstr (sitmap_event_store_get_title (again, p), ==, "Attack near Sukhna");
  g_assert_cmpstr (sitmap_event_store_get_actors (again, p, &n)[0], ==, "ISIS");
  g_assert_cmpstr (sitmap_event_store_get_citations (again, p, &n)[0].url, ==, "https://www.syriahr.com/en/1");
  p = sitmap_event_store_find (again, changed);
  g_assert_cmpstr (sitmap_event_store_get_title (again, p), ==, "Moved and redated");
  g_assert_true (sitmap_event_store_get_location (again, p, &latitude, &longitude));
  g_assert_cmpfloat_with_epsilon (latitude, 35.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (longitude, 40.25, 1e-9);
  sitmap_event_store_get_time (again, p, &time);
  g_assert_cmpint (time.precision, ==, SITMAP_TIME_PRECISION_MONTH);
}

/* Showing or hiding the annotations is saved with the document: an edit undo takes back. */
static void
test_annotations_visible (void)
{
  g_autoptr (SitmapDocument) document = model_test_random_document (10, 16);
  SitmapUndoStack *undo = sitmap_document_get_undo_stack (document);

  g_assert_true (sitmap_document_get_annotations_visible (document));
  push (document, sitmap_annotations_visible_command_new (document, FALSE));
  g_assert_false (sitmap_document_get_annotations_visible (document));
  g_assert_true (sitmap_undo_stack_get_modified (undo));
  g_assert_cmpstr (sitmap_undo_stack_get_undo_label (undo), ==, "Hide Annotations");
  g_assert_true (sitmap_undo_stack_undo (undo));
  g_assert_true (sitmap_document_get_annotations_visible (document));
  g_assert_false (sitmap_undo_stack_get_modified (undo));
}

typedef struct
{
  SitmapDocument *document;
  gint            done; /* set by the reader just before it lets go */
} Reader;

static gpointer
slow_reader (gpointer data)
{
  Reader *reader = data;

  g_usleep (100 * 1000);
  g_atomic_int_set (&reader->done, 1);
  sitmap_document_end_reading (reader->document);
  return NULL;
}

/* An edit never changes the document under a thread reading it: it waits until the thread is done. */
static void
test_edit_waits_for_readers (void)
{
  g_autoptr (SitmapDocument) document = model_test_random_document (50, 17);
  Reader reader = { document, 0 };
  SitmapEventDraft draft;
  GThread *thread;

  sitmap_document_begin_reading (document);
  thread = g_thread_new ("reader", slow_reader, &reader);
  init_sukhna_draft (&draft, "Waited");
  push (document, sitmap_event_command_new_add (document, &draft));
  g_assert_cmpint (g_atomic_int_get (&reader.done), ==, 1);
  g_assert_cmpuint (sitmap_document_get_n_events (document), ==, 51);
  g_thread_join (thread);
  sitmap_event_draft_clear (&draft);

  /* Any edit, not only of events: a grading, and its undo */
  reader.done = 0;
  sitmap_document_begin_reading (document);
  thread = g_thread_new ("reader", slow_reader, &reader);
  push (document, sitmap_reliability_command_new (sitmap_document_get_source (document, 0), SITMAP_RELIABILITY_D));
  g_assert_cmpint (g_atomic_int_get (&reader.done), ==, 1);
  g_thread_join (thread);
  reader.done = 0;
  sitmap_document_begin_reading (document);
  thread = g_thread_new ("reader", slow_reader, &reader);
  g_assert_true (sitmap_undo_stack_undo (sitmap_document_get_undo_stack (document)));
  g_assert_cmpint (g_atomic_int_get (&reader.done), ==, 1);
  g_thread_join (thread);
}

/* A move, then a title typed (steps merged), then both undone: the merged edit takes every position its steps made
 * away, so that the move before it finds its own position last. */
static void
test_merged_then_older_undone (void)
{
  g_autoptr (SitmapDocument) document = model_test_random_document (60, 18);
  SitmapUndoStack *undo = sitmap_document_get_undo_stack (document);
  SitmapEventStore *store = sitmap_document_get_store (document);
  g_autofree char *id = g_strdup (sitmap_event_store_get_id (store, 4));
  g_autofree char *title = g_strdup (sitmap_event_store_get_title (store, 4));
  double latitude, longitude;
  SitmapEventDraft draft;

  sitmap_event_draft_init (&draft);
  sitmap_document_read_event_draft (document, 4, &draft);
  draft.latitude = 10;
  draft.longitude = 20;
  push (document, sitmap_event_command_new_edit (document, id, &draft, "Move Event", NULL));
  sitmap_event_draft_clear (&draft);
  for (guint i = 1; i <= 5; i++)
    {
      sitmap_event_draft_init (&draft);
      sitmap_document_read_event_draft (document, sitmap_event_store_find (store, id), &draft);
      g_free (draft.title);
      draft.title = g_strndup ("Raids", i);
      push (document, sitmap_event_command_new_edit (document, id, &draft, "Change Title", "title"));
      sitmap_event_draft_clear (&draft);
    }
  g_assert_cmpuint (sitmap_document_get_n_events (document), ==, 66);
  g_assert_true (sitmap_undo_stack_undo (undo));
  g_assert_cmpuint (sitmap_document_get_n_events (document), ==, 61);
  g_assert_cmpstr (sitmap_event_store_get_title (store, sitmap_event_store_find (store, id)), ==, title);
  g_assert_true (sitmap_undo_stack_undo (undo));
  g_assert_cmpuint (sitmap_document_get_n_events (document), ==, 60);
  g_assert_cmpint (sitmap_event_store_find (store, id), ==, 4);
  g_assert_true (sitmap_event_store_get_location (store, 4, &latitude, &longitude));
  g_assert_cmpfloat (latitude, !=, 10);
  g_assert_cmpuint (sitmap_document_get_n_live_events (document), ==, 60);
  /* And forward again */
  g_assert_true (sitmap_undo_stack_redo (undo));
  g_assert_true (sitmap_undo_stack_redo (undo));
  g_assert_cmpstr (sitmap_event_store_get_title (store, sitmap_event_store_find (store, id)), ==, "Raids");
  g_assert_cmpuint (sitmap_document_get_n_live_events (document), ==, 60);
}

/* A search made after an edit indexes the event it added; undone, and another event added at that position, the
 * search finds the new words and not the old. */
static void
test_search_after_undo (void)
{
  g_autoptr (SitmapDocument) document = model_test_random_document (80, 19);
  g_autoptr (SitmapViewState) view_state = sitmap_view_state_new ();
  SitmapEventDraft draft;

  sitmap_view_state_set_document (view_state, document);
  sitmap_view_state_clear_range (view_state);
  init_sukhna_draft (&draft, "Quetzal convoy");
  push (document, sitmap_event_command_new_add (document, &draft));
  sitmap_event_draft_clear (&draft);
  sitmap_view_state_set_text (view_state, "quetzal");
  g_assert_cmpuint (sitmap_view_state_get_n_visible (view_state), ==, 1);
  sitmap_view_state_set_text (view_state, NULL);

  g_assert_true (sitmap_undo_stack_undo (sitmap_document_get_undo_stack (document)));
  init_sukhna_draft (&draft, "Wombat patrol");
  push (document, sitmap_event_command_new_add (document, &draft));
  sitmap_event_draft_clear (&draft);
  sitmap_view_state_set_text (view_state, "quetzal");
  g_assert_cmpuint (sitmap_view_state_get_n_visible (view_state), ==, 0);
  sitmap_view_state_set_text (view_state, "wombat");
  g_assert_cmpuint (sitmap_view_state_get_n_visible (view_state), ==, 1);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/event-command/add-undo-redo", test_add_undo_redo);
  g_test_add_func ("/event-command/edit-moves-event", test_edit_moves_event);
  g_test_add_func ("/event-command/typing-merges", test_typing_merges);
  g_test_add_func ("/event-command/merged-then-older-undone", test_merged_then_older_undone);
  g_test_add_func ("/event-command/delete-several", test_delete_several);
  g_test_add_func ("/event-command/draft-round-trip", test_draft_round_trip);
  g_test_add_func ("/event-command/new-source", test_new_source);
  g_test_add_func ("/event-command/view-state-follows", test_view_state_follows);
  g_test_add_func ("/event-command/list-places-new-event", test_list_places_new_event);
  g_test_add_func ("/event-command/search-after-undo", test_search_after_undo);
  g_test_add_func ("/event-command/edits-round-trip", test_edits_round_trip);
  g_test_add_func ("/undo/annotations-visible", test_annotations_visible);
  g_test_add_func ("/event-command/edit-waits-for-readers", test_edit_waits_for_readers);
  return g_test_run ();
}
