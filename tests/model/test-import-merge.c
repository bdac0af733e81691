/* test-import-merge.c: importing a document into another keeps every event once, merges sources and
 * places, and is one edit that undo takes back exactly
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "model-test-utils.h"
#include "sitmap-document-builder.h"
#include "sitmap-event-store-merge.h"
#include "sitmap-import-command.h"
#include "sitmap-event-list.h"
#include "sitmap-undo-stack.h"
#include "sitmap-view-state.h"

#define N_OWN 300

static void
add_event (SitmapDocumentBuilder *builder, const char *id, const char *date, const char *source_id,
           const char *place_id, double latitude, double longitude)
{
  SitmapEventDraft draft;
  SitmapCitationDraft citation = { 0 };

  sitmap_event_draft_init (&draft);
  draft.id = g_strdup (id);
  draft.title = g_strdup_printf ("Imported %s", id);
  g_assert_true (sitmap_time_init_instant (&draft.time, date, NULL));
  draft.place_id = g_strdup (place_id);
  draft.latitude = latitude;
  draft.longitude = longitude;
  citation.source_id = g_strdup (source_id);
  citation.credibility = SITMAP_CREDIBILITY_2;
  sitmap_event_draft_take_citation (&draft, &citation);
  sitmap_event_draft_add_attribute (&draft, "admin1", "Homs");
  sitmap_document_builder_add_event (builder, &draft);
  sitmap_event_draft_clear (&draft);
}

/* Ten new events, and two whose ids the random document has ("event-3", "event-5"). Its sources: "sohr" (the
 * document's id), "afp-2" (the document's "afp" by name), "newsrc" (new); its places "homs" and "qusayr". */
static SitmapDocument *
make_imported (void)
{
  g_autoptr (SitmapDocumentBuilder) builder = sitmap_document_builder_new ();
  g_autoptr (SitmapPlace) homs = sitmap_place_new ("homs", "Homs (imported)", SITMAP_PLACE_KIND_CITY, 34.7, 36.7, NULL);
  g_autoptr (SitmapPlace) qusayr = sitmap_place_new ("qusayr", "Al-Qusayr", SITMAP_PLACE_KIND_TOWN, 34.51, 36.58, NULL);

  sitmap_source_set_name (sitmap_document_builder_add_source (builder, "sohr"), "SOHR again");
  sitmap_source_set_name (sitmap_document_builder_add_source (builder, "afp-2"), "Agence France-Presse");
  sitmap_source_set_name (sitmap_document_builder_add_source (builder, "newsrc"), "New Source");
  sitmap_document_builder_add_place (builder, homs);
  sitmap_document_builder_add_place (builder, qusayr);
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *id = g_strdup_printf ("imp-%u", i);
      static const char *const sources[] = { "sohr", "afp-2", "newsrc" };

      add_event (builder, id, i % 2 ? "2019-03-04" : "2025-06-01", sources[i % 3], i == 4 ? "qusayr" : NULL,
                 i == 4 ? NAN : 35.0 + i * 0.1, i == 4 ? NAN : 37.0);
    }
  add_event (builder, "event-3", "2021-01-01", "newsrc", NULL, 1, 1);
  add_event (builder, "event-5", "2021-01-01", "newsrc", NULL, 1, 1);
  return sitmap_document_builder_finish (g_steal_pointer (&builder));
}

/* What one event says, as text: to compare an event before and after. */
static char *
describe (SitmapDocument *document, guint position)
{
  SitmapEventStore *store = sitmap_document_get_store (document);
  GString *out = g_string_new (NULL);
  const SitmapCitationRecord *citations;
  SitmapTime time;
  double latitude, longitude;
  guint n, place;

  sitmap_event_store_get_time (store, position, &time);
  sitmap_event_store_get_location (store, position, &latitude, &longitude);
  place = sitmap_event_store_get_place (store, position);
  g_string_append_printf (out, "%s|%s|%s|%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT "/%d|%.6f,%.6f|%s|cat %d|prec %d|",
                          sitmap_event_store_get_id (store, position), sitmap_event_store_get_title (store, position),
                          sitmap_event_store_get_summary (store, position), time.start, time.end, time.precision,
                          latitude, longitude,
                          place ? sitmap_place_get_id (sitmap_document_get_place (document, place - 1)) : "-",
                          sitmap_document_get_columns (document)->category[position],
                          sitmap_document_get_columns (document)->location_precision[position]);
  citations = sitmap_event_store_get_citations (store, position, &n);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "cite %s via %s cred %d;",
                            sitmap_source_get_id (sitmap_document_get_source (document, citations[i].source)),
                            citations[i].via ? sitmap_source_get_id (sitmap_document_get_source (document, citations[i].via - 1)) : "-",
                            citations[i].credibility);
  {
    const char *const *actors = sitmap_event_store_get_actors (store, position, &n);

    for (guint i = 0; i < n; i++)
      g_string_append_printf (out, "actor %s;", actors[i]);
  }
  sitmap_event_store_get_figures (store, position, &n);
  g_string_append_printf (out, "%u figures;", n);
  n = sitmap_event_store_get_n_attributes (store, position);
  for (guint i = 0; i < n; i++)
    {
      const char *value;
      const char *name = sitmap_event_store_get_attribute (store, position, i, &value);

      g_string_append_printf (out, "%s=%s;", name, value);
    }
  g_string_append_printf (out, "flags %d", sitmap_document_get_columns (document)->flags[position]);
  return g_string_free (out, FALSE);
}

static void
test_merge_keeps_every_event_once (void)
{
  g_autoptr (SitmapDocument) document = model_test_random_document (N_OWN, 7);
  g_autoptr (SitmapDocument) imported = make_imported ();
  g_autoptr (SitmapEventStoreMerge) merge = sitmap_event_store_merge (document, imported);
  const SitmapEventColumns *columns = sitmap_event_store_get_columns (merge->store);

  g_assert_cmpuint (merge->n_added, ==, 10);
  g_assert_cmpuint (merge->n_duplicates, ==, 2);
  g_assert_cmpuint (columns->n_events, ==, N_OWN + 10);
  for (guint i = 0; i < N_OWN; i++)
    {
      g_autofree char *id = g_strdup_printf ("event-%u", i);
      gint position = sitmap_event_store_find (merge->store, id);

      g_assert_cmpint (position, >=, 0);
    }
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *id = g_strdup_printf ("imp-%u", i);

      g_assert_cmpint (sitmap_event_store_find (merge->store, id), >=, 0);
    }
  /* The document's own "event-3" was kept, not the imported one (dated 2021-01-01 at 1, 1). */
  {
    gint position = sitmap_event_store_find (merge->store, "event-3");
    double latitude, longitude;

    sitmap_event_store_get_location (merge->store, position, &latitude, &longitude);
    g_assert_false (latitude == 1 && longitude == 1);
  }
  /* Still sorted by time, the undated last */
  for (guint i = 1; i < columns->n_dated; i++)
    g_assert_cmpint (columns->start[i - 1], <=, columns->start[i]);
  /* Neither document changed */
  g_assert_cmpuint (sitmap_document_get_n_events (document), ==, N_OWN);
  g_assert_cmpuint (sitmap_document_get_n_events (imported), ==, 12);
}

static void
test_merge_sources_and_places (void)
{
  g_autoptr (SitmapDocument) document = model_test_random_document (N_OWN, 7);
  g_autoptr (SitmapDocument) imported = make_imported ();
  g_autoptr (SitmapEventStoreMerge) merge = sitmap_event_store_merge (document, imported);
  guint n_sources = g_list_model_get_n_items (sitmap_document_get_sources (document));
  guint n_places = g_list_model_get_n_items (sitmap_document_get_places (document));
  const SitmapCitationRecord *citations;
  SitmapSource *source;
  gint position;
  guint n;

  /* The document's sources keep their objects and indices; only "newsrc" is new. */
  g_assert_cmpuint (merge->sources->len, ==, n_sources + 1);
  g_assert_cmpuint (merge->n_new_sources, ==, 1);
  for (guint i = 0; i < n_sources; i++)
    g_assert_true (g_ptr_array_index (merge->sources, i) == sitmap_document_get_source (document, i));
  g_assert_cmpstr (sitmap_source_get_id (g_ptr_array_index (merge->sources, n_sources)), ==, "newsrc");

  /* imp-1 cites "afp-2", which is the document's "afp" by name: its grading applies. */
  position = sitmap_event_store_find (merge->store, "imp-1");
  citations = sitmap_event_store_get_citations (merge->store, position, &n);
  g_assert_cmpuint (n, ==, 1);
  source = g_ptr_array_index (merge->sources, citations[0].source);
  g_assert_cmpstr (sitmap_source_get_id (source), ==, "afp");
  g_assert_cmpint (citations[0].credibility, ==, SITMAP_CREDIBILITY_2);
  /* imp-0 cites "sohr": the document's, not a second one */
  position = sitmap_event_store_find (merge->store, "imp-0");
  citations = sitmap_event_store_get_citations (merge->store, position, &n);
  g_assert_true (g_ptr_array_index (merge->sources, citations[0].source) ==
                 sitmap_document_get_source (document, sitmap_document_find_source (document, "sohr")));

  /* "homs" is the document's place; "qusayr" is added, and imp-4 is located by it */
  g_assert_cmpuint (merge->places->len, ==, n_places + 1);
  g_assert_cmpuint (merge->n_new_places, ==, 1);
  position = sitmap_event_store_find (merge->store, "imp-4");
  g_assert_cmpuint (sitmap_event_store_get_place (merge->store, position), ==, n_places + 1);
  g_assert_true (sitmap_event_store_is_located_by_place (merge->store, position));
  {
    double latitude, longitude;

    g_assert_true (sitmap_event_store_get_location (merge->store, position, &latitude, &longitude));
    g_assert_cmpfloat_with_epsilon (latitude, 34.51, 1e-9);
  }
  g_assert_cmpstr (sitmap_event_store_lookup_attribute (merge->store, position, "admin1"), ==, "Homs");
}

static void
changed_cb (SitmapDocument *document, guint what, gpointer user_data)
{
  *(guint *) user_data |= what;
}

/* Every event of the document reads the same after the merge as before, and undo gives back the very
 * store, sources and places the document had. */
static void
test_import_command_undo (void)
{
  g_autoptr (SitmapDocument) document = model_test_random_document (N_OWN, 11);
  g_autoptr (SitmapDocument) imported = make_imported ();
  SitmapUndoStack *stack = sitmap_document_get_undo_stack (document);
  SitmapEventStore *own_store = sitmap_document_get_store (document);
  guint n_sources = g_list_model_get_n_items (sitmap_document_get_sources (document));
  guint n_places = g_list_model_get_n_items (sitmap_document_get_places (document));
  g_autoptr (GPtrArray) before = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (SitmapCommand) command = NULL;
  guint serial = sitmap_document_get_events_serial (document);
  guint what = 0;

  for (guint i = 0; i < N_OWN; i++)
    g_ptr_array_add (before, describe (document, i));
  g_signal_connect (document, "changed", G_CALLBACK (changed_cb), &what);

  command = sitmap_import_command_new (sitmap_event_store_merge (document, imported), "events.csv");
  g_assert_cmpstr (sitmap_command_get_label (command), ==, "Import events.csv");
  g_assert_cmpuint (sitmap_import_command_get_n_added (SITMAP_IMPORT_COMMAND (command)), ==, 10);
  sitmap_undo_stack_push (stack, command);
  g_assert_true (what & SITMAP_DOCUMENT_CHANGE_EVENTS);
  g_assert_true (sitmap_undo_stack_get_modified (stack));
  g_assert_cmpuint (sitmap_document_get_events_serial (document), !=, serial);
  g_assert_cmpuint (sitmap_document_get_n_events (document), ==, N_OWN + 10);
  g_assert_cmpuint (g_list_model_get_n_items (sitmap_document_get_sources (document)), ==, n_sources + 1);
  g_assert_cmpuint (g_list_model_get_n_items (sitmap_document_get_places (document)), ==, n_places + 1);
  g_assert_cmpint (sitmap_document_find_source (document, "newsrc"), ==, (gint) n_sources);
  /* The document's events read as they did */
  for (guint i = 0; i < N_OWN; i++)
    {
      g_autofree char *id = g_strdup_printf ("event-%u", i);
      gint old_position = sitmap_event_store_find (own_store, id);
      gint position = sitmap_document_find_event (document, id);
      g_autofree char *now = describe (document, position);

      g_assert_cmpstr (now, ==, g_ptr_array_index (before, old_position));
    }

  what = 0;
  g_assert_true (sitmap_undo_stack_undo (stack));
  g_assert_true (what & SITMAP_DOCUMENT_CHANGE_EVENTS);
  g_assert_false (sitmap_undo_stack_get_modified (stack));
  g_assert_true (sitmap_document_get_store (document) == own_store);
  g_assert_cmpuint (sitmap_document_get_n_events (document), ==, N_OWN);
  g_assert_cmpuint (g_list_model_get_n_items (sitmap_document_get_sources (document)), ==, n_sources);
  g_assert_cmpuint (g_list_model_get_n_items (sitmap_document_get_places (document)), ==, n_places);
  g_assert_cmpint (sitmap_document_find_event (document, "imp-0"), ==, -1);
  for (guint i = 0; i < N_OWN; i++)
    {
      g_autofree char *now = describe (document, i);

      g_assert_cmpstr (now, ==, g_ptr_array_index (before, i));
    }

  g_assert_true (sitmap_undo_stack_redo (stack));
  g_assert_cmpuint (sitmap_document_get_n_events (document), ==, N_OWN + 10);
  g_assert_cmpint (sitmap_document_find_event (document, "imp-9"), >=, 0);
}

/* The same file twice: the second brings nothing. */
static void
test_import_twice (void)
{
  g_autoptr (SitmapDocument) document = model_test_random_document (50, 3);
  g_autoptr (SitmapDocument) imported = make_imported ();
  SitmapUndoStack *stack = sitmap_document_get_undo_stack (document);
  g_autoptr (SitmapEventStoreMerge) again = NULL;

  sitmap_undo_stack_push (stack, sitmap_import_command_new (sitmap_event_store_merge (document, imported), NULL));
  g_assert_cmpuint (sitmap_document_get_n_events (document), ==, 50 + 10);
  again = sitmap_event_store_merge (document, imported);
  g_assert_cmpuint (again->n_added, ==, 0);
  g_assert_cmpuint (again->n_duplicates, ==, 12);
  g_assert_cmpuint (again->n_new_sources, ==, 0);
  /* Nothing new: no store is built for nothing */
  g_assert_null (again->store);
}

/* The views follow a store replaced: the visible set, the lists, the selection (whose position means another
 * event now) and a search, whose index is made again from the new store. */
static void
test_view_state_follows (void)
{
  g_autoptr (SitmapDocument) document = model_test_random_document (N_OWN, 5);
  g_autoptr (SitmapDocument) imported = make_imported ();
  g_autoptr (SitmapViewState) state = sitmap_view_state_new ();
  g_autoptr (SitmapEventList) list = NULL;
  SitmapUndoStack *stack = sitmap_document_get_undo_stack (document);
  gint64 start, end;

  sitmap_view_state_set_document (state, document);
  list = sitmap_event_list_new_visible (state);
  sitmap_event_list_set_sort (list, SITMAP_EVENT_SORT_TITLE, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_OWN);
  sitmap_view_state_set_selected (state, N_OWN - 1);

  sitmap_undo_stack_push (stack, sitmap_import_command_new (sitmap_event_store_merge (document, imported), NULL));
  g_assert_cmpint (sitmap_view_state_get_selected (state), ==, -1);
  g_assert_cmpuint (sitmap_view_state_get_n_visible (state), ==, N_OWN + 10);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_OWN + 10);
  /* Sorted by title, the list reads the new store: "Imported imp-0" … are among its items */
  for (guint i = 0; i < N_OWN + 10; i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_nonnull (item);
    }
  /* The imported events of 2019 and 2025 widen the timeline's window (the document's are 2020–2024) */
  sitmap_view_state_get_window (state, &start, &end);
  g_assert_cmpint (start, <, sitmap_time_from_civil (2019, 3, 4, 0, 0, 0));
  g_assert_cmpint (end, >, sitmap_time_from_civil (2025, 6, 1, 0, 0, 0));
  sitmap_view_state_set_text (state, "imported");
  g_assert_cmpuint (sitmap_view_state_get_n_visible (state), ==, 10);

  g_assert_true (sitmap_undo_stack_undo (stack));
  g_assert_cmpuint (sitmap_view_state_get_n_visible (state), ==, 0);
  sitmap_view_state_set_text (state, NULL);
  g_assert_cmpuint (sitmap_view_state_get_n_visible (state), ==, N_OWN);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_OWN);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/import-merge/keeps-every-event-once", test_merge_keeps_every_event_once);
  g_test_add_func ("/model/import-merge/sources-and-places", test_merge_sources_and_places);
  g_test_add_func ("/model/import-merge/command-undo", test_import_command_undo);
  g_test_add_func ("/model/import-merge/twice", test_import_twice);
  g_test_add_func ("/model/import-merge/view-state-follows", test_view_state_follows);
  return g_test_run ();
}
