/* test-undo-stack.c: edits go through commands, which undo, redo, and know what was saved
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "sitmap-credibility-command.h"
#include "sitmap-document-builder.h"
#include "sitmap-reliability-command.h"
#include "sitmap-undo-stack.h"

static SitmapDocument *
make_document (void)
{
  g_autoptr (SitmapDocumentBuilder) builder = sitmap_document_builder_new ();
  SitmapSource *sohr = sitmap_document_builder_add_source (builder, "sohr");
  SitmapEventDraft draft;
  SitmapCitationDraft citation = { 0 };

  sitmap_source_set_abbreviation (sohr, "SOHR");
  sitmap_source_set_reliability (sohr, SITMAP_RELIABILITY_C);
  sitmap_event_draft_init (&draft);
  draft.id = g_strdup ("ev");
  citation.source_id = g_strdup ("sohr");
  citation.credibility = SITMAP_CREDIBILITY_3;
  sitmap_event_draft_take_citation (&draft, &citation);
  sitmap_document_builder_add_event (builder, &draft);
  sitmap_event_draft_clear (&draft);
  return sitmap_document_builder_finish (g_steal_pointer (&builder));
}

static void
changed_cb (SitmapDocument *document, guint what, gpointer user_data)
{
  *(guint *) user_data |= what;
}

static void
test_reliability_undo_redo (void)
{
  g_autoptr (SitmapDocument) document = make_document ();
  SitmapUndoStack *stack = sitmap_document_get_undo_stack (document);
  SitmapSource *sohr = sitmap_document_get_source (document, 0);
  g_autoptr (SitmapCommand) command = sitmap_reliability_command_new (sohr, SITMAP_RELIABILITY_B);
  guint changed = 0;

  g_signal_connect (document, "changed", G_CALLBACK (changed_cb), &changed);
  g_assert_false (sitmap_undo_stack_can_undo (stack));
  g_assert_false (sitmap_undo_stack_get_modified (stack));

  sitmap_undo_stack_push (stack, command);
  g_assert_cmpint (sitmap_source_get_reliability (sohr), ==, SITMAP_RELIABILITY_B);
  g_assert_cmpuint (changed, ==, SITMAP_DOCUMENT_CHANGE_SOURCES);
  g_assert_true (sitmap_undo_stack_get_modified (stack));
  g_assert_cmpstr (sitmap_undo_stack_get_undo_label (stack), ==, "Change Reliability of SOHR");

  g_assert_true (sitmap_undo_stack_undo (stack));
  g_assert_cmpint (sitmap_source_get_reliability (sohr), ==, SITMAP_RELIABILITY_C);
  g_assert_false (sitmap_undo_stack_get_modified (stack));
  g_assert_true (sitmap_undo_stack_can_redo (stack));
  g_assert_false (sitmap_undo_stack_undo (stack));

  g_assert_true (sitmap_undo_stack_redo (stack));
  g_assert_cmpint (sitmap_source_get_reliability (sohr), ==, SITMAP_RELIABILITY_B);
  g_assert_false (sitmap_undo_stack_redo (stack));
}

static void
test_merge_and_saved_state (void)
{
  g_autoptr (SitmapDocument) document = make_document ();
  SitmapUndoStack *stack = sitmap_document_get_undo_stack (document);
  SitmapSource *sohr = sitmap_document_get_source (document, 0);
  g_autoptr (SitmapCommand) to_b = sitmap_reliability_command_new (sohr, SITMAP_RELIABILITY_B);
  g_autoptr (SitmapCommand) to_a = NULL;
  g_autoptr (SitmapCommand) to_f = NULL;
  g_autoptr (SitmapCommand) credible = NULL;

  /* Trying B then A is one edit: one undo goes back to C. */
  sitmap_undo_stack_push (stack, to_b);
  to_a = sitmap_reliability_command_new (sohr, SITMAP_RELIABILITY_A);
  sitmap_undo_stack_push (stack, to_a);
  g_assert_true (sitmap_undo_stack_undo (stack));
  g_assert_cmpint (sitmap_source_get_reliability (sohr), ==, SITMAP_RELIABILITY_C);
  g_assert_false (sitmap_undo_stack_can_undo (stack));
  g_assert_true (sitmap_undo_stack_redo (stack));
  g_assert_cmpint (sitmap_source_get_reliability (sohr), ==, SITMAP_RELIABILITY_A);

  /* Saved at A: the next grade is a new step, not merged into the saved one. */
  sitmap_undo_stack_mark_saved (stack);
  g_assert_false (sitmap_undo_stack_get_modified (stack));
  to_f = sitmap_reliability_command_new (sohr, SITMAP_RELIABILITY_F);
  sitmap_undo_stack_push (stack, to_f);
  g_assert_true (sitmap_undo_stack_get_modified (stack));
  g_assert_true (sitmap_undo_stack_undo (stack));
  g_assert_false (sitmap_undo_stack_get_modified (stack));
  g_assert_cmpint (sitmap_source_get_reliability (sohr), ==, SITMAP_RELIABILITY_A);

  /* Undo past the saved state and edit: that state cannot come back, so the document stays modified. */
  g_assert_true (sitmap_undo_stack_undo (stack));
  credible = sitmap_credibility_command_new (document, 0, 0, SITMAP_CREDIBILITY_1);
  sitmap_undo_stack_push (stack, credible);
  g_assert_true (sitmap_undo_stack_get_modified (stack));
  g_assert_true (sitmap_undo_stack_undo (stack));
  g_assert_true (sitmap_undo_stack_get_modified (stack));
}

static void
test_credibility (void)
{
  g_autoptr (SitmapDocument) document = make_document ();
  SitmapUndoStack *stack = sitmap_document_get_undo_stack (document);
  g_autoptr (SitmapCommand) command = sitmap_credibility_command_new (document, 0, 0, SITMAP_CREDIBILITY_2);
  const SitmapCitationRecord *citations;
  guint changed = 0, n;

  g_signal_connect (document, "changed", G_CALLBACK (changed_cb), &changed);
  sitmap_undo_stack_push (stack, command);
  citations = sitmap_event_store_get_citations (sitmap_document_get_store (document), 0, &n);
  g_assert_cmpint (citations[0].credibility, ==, SITMAP_CREDIBILITY_2);
  g_assert_cmpuint (changed, ==, SITMAP_DOCUMENT_CHANGE_CITATIONS);
  sitmap_undo_stack_undo (stack);
  g_assert_cmpint (citations[0].credibility, ==, SITMAP_CREDIBILITY_3);
}

static void
test_native (void)
{
  g_autoptr (SitmapDocumentBuilder) foreign = sitmap_document_builder_new ();
  g_autoptr (SitmapDocumentBuilder) own = sitmap_document_builder_new ();
  g_autoptr (SitmapDocument) a = NULL;
  g_autoptr (SitmapDocument) b = NULL;

  a = sitmap_document_builder_finish (g_steal_pointer (&foreign));
  g_assert_false (sitmap_document_is_native (a));
  sitmap_document_builder_set_native (own);
  b = sitmap_document_builder_finish (g_steal_pointer (&own));
  g_assert_true (sitmap_document_is_native (b));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/undo-stack/reliability", test_reliability_undo_redo);
  g_test_add_func ("/undo-stack/merge-and-saved-state", test_merge_and_saved_state);
  g_test_add_func ("/undo-stack/credibility", test_credibility);
  g_test_add_func ("/undo-stack/native", test_native);
  return g_test_run ();
}
