/* test-named-views.c: filters and a range saved under a name, edited through the undo stack
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "model-test-utils.h"
#include "sitmap-document-builder.h"
#include "sitmap-named-view-command.h"
#include "sitmap-undo-stack.h"

static SitmapNamedView *
get_view (SitmapDocument *document, guint i)
{
  g_autoptr (SitmapNamedView) view = g_list_model_get_item (sitmap_document_get_named_views (document), i);

  return view; /* the document keeps it */
}

static guint
n_views (SitmapDocument *document)
{
  return g_list_model_get_n_items (sitmap_document_get_named_views (document));
}

static void
changed_cb (SitmapDocument *document, guint what, gpointer user_data)
{
  *(guint *) user_data |= what;
}

/* "HTS offensive, 27 Nov – 8 Dec": saved, recalled in another view state, renamed, deleted, undone. */
static void
test_save_and_recall (void)
{
  g_autoptr (SitmapDocument) document = model_test_random_document (500, 11);
  g_autoptr (SitmapViewState) state = sitmap_view_state_new ();
  g_autoptr (SitmapViewState) other = sitmap_view_state_new ();
  g_autoptr (SitmapFilter) filter = sitmap_filter_new ();
  g_autoptr (SitmapNamedView) view = NULL;
  SitmapUndoStack *undo = sitmap_document_get_undo_stack (document);
  gint64 start = sitmap_time_from_civil (2024, 11, 27, 0, 0, 0), end = sitmap_time_from_civil (2024, 12, 9, 0, 0, 0);
  gint64 s, e;
  guint changed = 0, n_visible;

  g_signal_connect (document, "changed", G_CALLBACK (changed_cb), &changed);
  sitmap_view_state_set_document (state, document);
  sitmap_view_state_set_document (other, document);
  sitmap_filter_add_value (filter, SITMAP_FILTER_ACTORS, "Hayat Tahrir al-Sham");
  sitmap_filter_set_min_reliability (filter, SITMAP_RELIABILITY_C);
  sitmap_filter_set_text (filter, "aleppo");
  sitmap_view_state_set_filter (state, filter);
  sitmap_view_state_set_range (state, start, end);
  sitmap_view_state_set_range_rule (state, SITMAP_RANGE_WITHIN);
  n_visible = sitmap_view_state_get_n_visible (state);

  view = sitmap_named_view_new_from_state ("HTS offensive, 27 Nov – 8 Dec", state);
  g_assert_false (sitmap_undo_stack_get_modified (undo));
  sitmap_undo_stack_push (undo, sitmap_named_view_command_new_add (document, view));
  g_assert_true (sitmap_undo_stack_get_modified (undo));
  g_assert_cmpuint (changed, ==, SITMAP_DOCUMENT_CHANGE_VIEWS);
  g_assert_cmpuint (n_views (document), ==, 1);
  g_assert_cmpstr (sitmap_named_view_get_name (get_view (document, 0)), ==, "HTS offensive, 27 Nov – 8 Dec");
  g_assert_cmpstr (sitmap_undo_stack_get_undo_label (undo), ==, "Save View “HTS offensive, 27 Nov – 8 Dec”");

  /* Recalled elsewhere, it gives the same filters, range, rule and events */
  sitmap_named_view_apply (get_view (document, 0), other);
  g_assert_true (sitmap_filter_equal (sitmap_view_state_get_filter (other), filter));
  g_assert_true (sitmap_view_state_get_range (other, &s, &e));
  g_assert_cmpint (s, ==, start);
  g_assert_cmpint (e, ==, end);
  g_assert_cmpint (sitmap_view_state_get_range_rule (other), ==, SITMAP_RANGE_WITHIN);
  g_assert_cmpuint (sitmap_view_state_get_n_visible (other), ==, n_visible);

  /* A view without a range clears the range it is applied to */
  {
    g_autoptr (SitmapNamedView) all = sitmap_named_view_new ("Everything", NULL, FALSE, 0, 0, SITMAP_RANGE_OVERLAPPING);

    sitmap_named_view_apply (all, other);
    g_assert_false (sitmap_view_state_get_range (other, NULL, NULL));
    g_assert_cmpuint (sitmap_view_state_get_n_visible (other), ==, 500);
  }

  sitmap_undo_stack_push (undo, sitmap_named_view_command_new_add (document, view));
  sitmap_undo_stack_push (undo, sitmap_named_view_command_new_rename (document, 0, "  Offensive\n(HTS)\t "));
  g_assert_cmpstr (sitmap_named_view_get_name (get_view (document, 0)), ==, "Offensive (HTS)");
  g_assert_true (sitmap_filter_equal (sitmap_named_view_get_filter (get_view (document, 0)), filter));
  sitmap_undo_stack_push (undo, sitmap_named_view_command_new_delete (document, 0));
  g_assert_cmpuint (n_views (document), ==, 1);
  g_assert_cmpstr (sitmap_undo_stack_get_undo_label (undo), ==, "Delete View “Offensive (HTS)”");

  g_assert_true (sitmap_undo_stack_undo (undo));
  g_assert_cmpuint (n_views (document), ==, 2);
  g_assert_cmpstr (sitmap_named_view_get_name (get_view (document, 0)), ==, "Offensive (HTS)");
  g_assert_true (sitmap_undo_stack_undo (undo));
  g_assert_cmpstr (sitmap_named_view_get_name (get_view (document, 0)), ==, "HTS offensive, 27 Nov – 8 Dec");
  g_assert_true (sitmap_undo_stack_undo (undo));
  g_assert_true (sitmap_undo_stack_undo (undo));
  g_assert_cmpuint (n_views (document), ==, 0);
  g_assert_false (sitmap_undo_stack_get_modified (undo));
  g_assert_true (sitmap_undo_stack_redo (undo));
  g_assert_cmpuint (n_views (document), ==, 1);
}

static void
test_hostile_names (void)
{
  g_autofree char *huge = g_strnfill (100000, 'x');
  g_autoptr (SitmapNamedView) long_view = sitmap_named_view_new (huge, NULL, FALSE, 0, 0, SITMAP_RANGE_OVERLAPPING);
  g_autoptr (SitmapNamedView) empty = sitmap_named_view_new ("\n\t  \r", NULL, FALSE, 0, 0, SITMAP_RANGE_OVERLAPPING);
  g_autoptr (SitmapNamedView) bad = sitmap_named_view_new ("a\xff\xfe<b>b</b>\xe2\x80\xa8z", NULL, FALSE, 0, 0,
                                                           SITMAP_RANGE_OVERLAPPING);
  g_autoptr (SitmapDocumentBuilder) builder = sitmap_document_builder_new ();
  g_autoptr (SitmapDocument) document = NULL;
  guint added = 0;

  g_assert_cmpuint (g_utf8_strlen (sitmap_named_view_get_name (long_view), -1), ==, SITMAP_NAMED_VIEW_MAX_NAME);
  g_assert_cmpstr (sitmap_named_view_get_name (empty), ==, "Unnamed View");
  /* Invalid bytes replaced, markup left as the text it is, a line separator made a space */
  g_assert_true (g_utf8_validate (sitmap_named_view_get_name (bad), -1, NULL));
  g_assert_true (g_str_has_suffix (sitmap_named_view_get_name (bad), "<b>b</b> z"));

  for (guint i = 0; i < SITMAP_NAMED_VIEW_MAX_VIEWS + 10; i++)
    added += sitmap_document_builder_add_named_view (builder, long_view);
  g_assert_cmpuint (added, ==, SITMAP_NAMED_VIEW_MAX_VIEWS);
  document = sitmap_document_builder_finish (g_steal_pointer (&builder));
  g_assert_cmpuint (n_views (document), ==, SITMAP_NAMED_VIEW_MAX_VIEWS);
  g_assert_false (sitmap_undo_stack_get_modified (sitmap_document_get_undo_stack (document)));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/named-views/save-and-recall", test_save_and_recall);
  g_test_add_func ("/named-views/hostile-names", test_hostile_names);
  return g_test_run ();
}
