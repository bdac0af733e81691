/* test-recovery-delta.c: the changes since a file was read, applied to the file read again, give back the
 * document as it was edited; and applied to a file saved since, change nothing more
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "model-test-utils.h"
#include "sitmap-annotation-command.h"
#include "sitmap-credibility-command.h"
#include "sitmap-event-command.h"
#include "sitmap-kml-reader.h"
#include "sitmap-kml-writer.h"
#include "sitmap-named-view-command.h"
#include "sitmap-recovery-delta.h"
#include "sitmap-reliability-command.h"
#include "sitmap-undo-stack.h"

static void
push (SitmapDocument *document, SitmapCommand *command)
{
  sitmap_undo_stack_push (sitmap_document_get_undo_stack (document), command);
  g_object_unref (command);
}

/* One event as text, with what an analyst can change */
static char *
describe (SitmapDocument *document, guint position)
{
  SitmapEventStore *store = sitmap_document_get_store (document);
  GString *out = g_string_new (NULL);
  const SitmapCitationRecord *citations;
  SitmapTime time;
  double latitude = NAN, longitude = NAN;
  guint n;

  sitmap_event_store_get_time (store, position, &time);
  sitmap_event_store_get_location (store, position, &latitude, &longitude);
  g_string_append_printf (out, "%s|%s|%s|%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT "/%u|%.6f,%.6f|",
                          sitmap_event_store_get_id (store, position), sitmap_event_store_get_title (store, position),
                          sitmap_event_store_get_summary (store, position) ?: "", time.start, time.end, time.precision,
                          latitude, longitude);
  citations = sitmap_event_store_get_citations (store, position, &n);
  for (guint i = 0; i < n; i++)
    {
      SitmapSource *source = sitmap_document_get_source (document, citations[i].source);

      g_string_append_printf (out, "[%s %s %u %s]", sitmap_source_get_id (source),
                              sitmap_reliability_to_id (sitmap_source_get_reliability (source)), citations[i].credibility,
                              citations[i].url ?: "");
    }
  return g_string_free (out, FALSE);
}

/* Every live event of a, the same in b; and no other */
static void
assert_same_events (SitmapDocument *a, SitmapDocument *b)
{
  SitmapEventStore *store = sitmap_document_get_store (a);
  guint n = sitmap_document_get_n_events (a);

  g_assert_cmpuint (sitmap_document_get_n_live_events (a), ==, sitmap_document_get_n_live_events (b));
  for (guint p = 0; p < n; p++)
    {
      g_autofree char *x = NULL;
      g_autofree char *y = NULL;
      gint q;

      if (sitmap_event_store_is_deleted (store, p))
        continue;
      q = sitmap_event_store_find (sitmap_document_get_store (b), sitmap_event_store_get_id (store, p));
      g_assert_cmpint (q, >=, 0);
      x = describe (a, p);
      y = describe (b, q);
      g_assert_cmpstr (x, ==, y);
    }
}

static SitmapDocument *
read_file (GFile *file)
{
  g_autoptr (GError) error = NULL;
  SitmapDocument *document = sitmap_kml_read_file (file, NULL, &error);

  g_assert_no_error (error);
  /* As opening does */
  sitmap_document_set_file (document, file);
  return document;
}

static void
edit (SitmapDocument *document)
{
  SitmapEventStore *store = sitmap_document_get_store (document);
  g_autofree char *changed = g_strdup (sitmap_event_store_get_id (store, 40));
  g_autofree char *gone = g_strdup (sitmap_event_store_get_id (store, 41));
  const char *ids[] = { gone };
  SitmapEventDraft draft;
  SitmapCitationDraft citation = { 0 };
  g_autoptr (SitmapSource) source = sitmap_source_new ("new-outlet");
  g_autoptr (SitmapAnnotation) note = NULL;
  SitmapCommand *command;
  guint n;

  /* A new event citing a new source */
  sitmap_event_draft_init (&draft);
  draft.title = g_strdup ("Attack near Sukhna");
  g_assert_true (sitmap_time_init_instant (&draft.time, "2024-12-10", NULL));
  draft.latitude = 34.88;
  draft.longitude = 38.87;
  citation.source_id = g_strdup ("new-outlet");
  citation.url = g_strdup ("https://example.org/sukhna");
  citation.credibility = SITMAP_CREDIBILITY_2;
  sitmap_event_draft_take_citation (&draft, &citation);
  sitmap_source_set_name (source, "New Outlet");
  command = sitmap_event_command_new_add (document, &draft);
  sitmap_event_command_add_source (SITMAP_EVENT_COMMAND (command), source);
  push (document, command);
  sitmap_event_draft_clear (&draft);

  /* A changed event, a deleted one, a credibility and a reliability */
  sitmap_event_draft_init (&draft);
  sitmap_document_read_event_draft (document, 40, &draft);
  g_free (draft.title);
  draft.title = g_strdup ("Corrected");
  push (document, sitmap_event_command_new_edit (document, changed, &draft, "Change Title", "title"));
  sitmap_event_draft_clear (&draft);
  push (document, sitmap_event_command_new_delete (document, ids, 1));
  for (guint p = 7;; p++)
    {
      sitmap_event_store_get_citations (store, p, &n);
      if (n > 0 && !sitmap_event_store_is_deleted (store, p))
        {
          push (document, sitmap_credibility_command_new (document, p, 0, SITMAP_CREDIBILITY_5));
          break;
        }
    }
  push (document, sitmap_reliability_command_new (sitmap_document_get_source (document, 0), SITMAP_RELIABILITY_E));
  {
    g_autofree char *id = sitmap_document_dup_new_annotation_id (document);

    note = sitmap_annotation_new (SITMAP_ANNOTATION_LABEL, id);
    sitmap_annotation_set_text (note, "Convoy seen here");
    sitmap_annotation_add_point (note, 34.7, 36.7);
    push (document, sitmap_annotation_command_new_add (note));
  }
}

static void
test_restores_edits (void)
{
  g_autoptr (SitmapDocument) original = model_test_random_document (400, 21);
  g_autoptr (SitmapDocument) edited = NULL;
  g_autoptr (SitmapDocument) restored = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("sitmap-delta-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (folder, "report.kml", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GBytes) delta = NULL;
  g_autofree char *base = NULL;
  g_autofree char *uri = g_file_get_uri (file);
  guint n_edits = 0;

  g_assert_true (sitmap_kml_write_file (original, file, NULL, &error));
  g_assert_no_error (error);
  edited = read_file (file);
  g_assert_true (sitmap_recovery_delta_possible (edited));
  edit (edited);

  delta = sitmap_recovery_delta_new (edited, &error);
  g_assert_no_error (error);
  /* Small: the changes, not the events */
  g_assert_cmpuint (g_bytes_get_size (delta), <, 20000);
  base = sitmap_recovery_delta_dup_base_uri (delta, &error);
  g_assert_cmpstr (base, ==, uri);

  restored = read_file (file);
  g_assert_true (sitmap_recovery_delta_apply (restored, delta, &n_edits, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_edits, >=, 6);
  g_assert_true (sitmap_undo_stack_get_modified (sitmap_document_get_undo_stack (restored)));
  assert_same_events (edited, restored);
  assert_same_events (restored, edited);
  g_assert_cmpuint (g_list_model_get_n_items (sitmap_document_get_annotations (restored)), ==,
                    g_list_model_get_n_items (sitmap_document_get_annotations (edited)));
  g_assert_cmpstr (sitmap_source_get_name (sitmap_document_get_source (
                     restored, sitmap_document_find_source (restored, "new-outlet"))), ==, "New Outlet");

  /* Saved, then the same delta: nothing changes */
  g_assert_true (sitmap_kml_write_file (edited, file, NULL, &error));
  g_clear_object (&restored);
  restored = read_file (file);
  g_assert_true (sitmap_recovery_delta_apply (restored, delta, &n_edits, &error));
  assert_same_events (edited, restored);
  g_assert_cmpuint (g_list_model_get_n_items (sitmap_document_get_annotations (restored)), ==,
                    g_list_model_get_n_items (sitmap_document_get_annotations (edited)));

  g_unlink (path);
  g_rmdir (folder);
}

/* A damaged or foreign recovery file is refused, and the document left as it was. */
static void
test_refuses_damage (void)
{
  g_autoptr (SitmapDocument) document = model_test_random_document (20, 22);
  const char *bad[] = { "", "{", "[]", "{\"format\":\"other\"}",
                        "{\"format\":\"sitmap-recovery-delta\",\"version\":1,\"base\":\"file:///x\",\"kml\":\"<kml\"}" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GBytes) bytes = g_bytes_new_static (bad[i], strlen (bad[i]));
      g_autoptr (GError) error = NULL;
      guint n_edits = 0;

      g_assert_false (sitmap_recovery_delta_apply (document, bytes, &n_edits, &error));
      g_assert_nonnull (error);
      g_assert_false (sitmap_undo_stack_can_undo (sitmap_document_get_undo_stack (document)));
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/recovery-delta/restores-edits", test_restores_edits);
  g_test_add_func ("/recovery-delta/refuses-damage", test_refuses_damage);
  return g_test_run ();
}
