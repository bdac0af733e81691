/* bench-edit-event.c: one edit of an event in a document of a million, as the window sees it
 *
 * Prints `edit_event_1m_ms: value ms`: the median time the main thread takes from pushing an edit (a changed
 * title and date, which moves the event in time) to every model view being up to date: the store and its time
 * index, the view state's sets (with its facet index made, as after a first filter) and the events list in
 * time order. The timeline's histogram is made again in a thread meanwhile: `edit_histogram_1m_ms` (off the
 * main thread, shown a few frames later). Also `edit_event_whole_1m_ms` (both in a row), `delete_event_1m_ms`,
 * `undo_edit_1m_ms`, `recovery_delta_1m_ms` (what autosave does on the main thread after those edits: the
 * changes as bytes, to be written by a thread) with its size, and
 * `edit_event_search_1m_ms` with a search typed (the text index matches added events one by one).
 * Argument: the number of events (default a million).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include "model-test-utils.h"
#include "sitmap-bench.h"
#include "sitmap-event-command.h"
#include "sitmap-event-list.h"
#include "sitmap-recovery-delta.h"
#include "sitmap-time-histogram.h"
#include "sitmap-undo-stack.h"
#include "sitmap-view-state.h"

#define RUNS 21

static SitmapCommand *
retitle (SitmapDocument *document, guint position, guint run)
{
  SitmapEventStore *store = sitmap_document_get_store (document);
  g_autofree char *id = g_strdup (sitmap_event_store_get_id (store, position));
  SitmapCommand *command;
  SitmapEventDraft draft;

  sitmap_event_draft_init (&draft);
  sitmap_document_read_event_draft (document, position, &draft);
  g_free (draft.title);
  draft.title = g_strdup_printf ("Corrected report %u", run);
  draft.time.start += 86400 * (run + 1);
  draft.time.end += 86400 * (run + 1);
  command = sitmap_event_command_new_edit (document, id, &draft, "Change Title", NULL);
  sitmap_event_draft_clear (&draft);
  return command;
}

static double
time_edits (SitmapDocument *document, SitmapEventList *list, gboolean histogram, double *apply_ms)
{
  SitmapUndoStack *undo = sitmap_document_get_undo_stack (document);
  double times[RUNS], applies[RUNS];
  guint n = sitmap_document_get_n_events (document);

  for (guint run = 0; run < RUNS; run++)
    {
      g_autoptr (SitmapCommand) command = retitle (document, (run * 7919u) % (n / 2), run);
      double start = sitmap_bench_now_ms ();

      sitmap_undo_stack_push (undo, command);
      applies[run] = sitmap_bench_now_ms () - start;
      if (histogram)
        sitmap_time_histogram_free (sitmap_time_histogram_new (sitmap_document_get_columns (document)));
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), >, 0);
      times[run] = sitmap_bench_now_ms () - start;
    }
  *apply_ms = sitmap_bench_median (applies, RUNS);
  return sitmap_bench_median (times, RUNS);
}

int
main (int argc, char *argv[])
{
  guint n = argc > 1 ? (guint) strtoul (argv[1], NULL, 10) : 1000000;
  const char *label = n == 1000000 ? "1m" : "n";
  g_autoptr (SitmapDocument) document = model_test_random_document (n, 1);
  g_autoptr (SitmapViewState) view_state = sitmap_view_state_new ();
  g_autoptr (SitmapEventList) list = NULL;
  SitmapUndoStack *undo = sitmap_document_get_undo_stack (document);
  double whole, apply, start, hist[RUNS];
  const char *ids[1];

  sitmap_view_state_set_document (view_state, document);
  sitmap_view_state_clear_range (view_state);
  /* The facet index, as after a first filter */
  sitmap_facet_index_get_n_values (sitmap_view_state_get_facet_index (view_state), SITMAP_FILTER_ACTORS);
  list = sitmap_event_list_new_visible (view_state);

  whole = time_edits (document, list, TRUE, &apply);
  g_print ("edit_event_%s_ms: %.2f ms\n", label, apply);
  g_print ("edit_event_whole_%s_ms: %.2f ms\n", label, whole);
  for (guint run = 0; run < RUNS; run++)
    {
      start = sitmap_bench_now_ms ();
      sitmap_time_histogram_free (sitmap_time_histogram_new (sitmap_document_get_columns (document)));
      hist[run] = sitmap_bench_now_ms () - start;
    }
  g_print ("edit_histogram_%s_ms: %.2f ms\n", label, sitmap_bench_median (hist, RUNS));

  start = sitmap_bench_now_ms ();
  g_assert_true (sitmap_undo_stack_undo (undo));
  g_print ("undo_edit_%s_ms: %.2f ms\n", label, sitmap_bench_now_ms () - start);

  ids[0] = sitmap_event_store_get_id (sitmap_document_get_store (document), 12345 % n);
  {
    g_autoptr (SitmapCommand) command = sitmap_event_command_new_delete (document, ids, 1);

    start = sitmap_bench_now_ms ();
    sitmap_undo_stack_push (undo, command);
    g_print ("delete_event_%s_ms: %.2f ms\n", label, sitmap_bench_now_ms () - start);
  }

  {
    g_autoptr (GFile) file = g_file_new_for_path ("/nonexistent/bench.kml");
    g_autoptr (GBytes) delta = NULL;

    sitmap_document_set_file (document, file);
    sitmap_document_set_native (document, TRUE);
    start = sitmap_bench_now_ms ();
    delta = sitmap_recovery_delta_new (document, NULL);
    g_print ("recovery_delta_%s_ms: %.2f ms\n", label, sitmap_bench_now_ms () - start);
    g_print ("recovery_delta_%s_bytes: %" G_GSIZE_FORMAT " bytes\n", label, g_bytes_get_size (delta));
  }

  sitmap_view_state_set_text (view_state, "corrected");
  whole = time_edits (document, list, FALSE, &apply);
  g_print ("edit_event_search_%s_ms: %.2f ms\n", label, whole);
  g_print ("edit_event_search_%s_visible: %u events\n", label, sitmap_view_state_get_n_visible (view_state));
  return 0;
}
