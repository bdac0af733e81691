/* test-annotation.c: annotations, their geometry, and their undoable edits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "sitmap-annotation-command.h"
#include "sitmap-document-builder.h"
#include "sitmap-undo-stack.h"

static SitmapDocument *
make_document (void)
{
  g_autoptr (SitmapDocumentBuilder) builder = sitmap_document_builder_new ();

  return sitmap_document_builder_finish (g_steal_pointer (&builder));
}

static SitmapAnnotation *
make_arrow (SitmapDocument *document)
{
  g_autofree char  *id = sitmap_document_dup_new_annotation_id (document);
  SitmapAnnotation *arrow = sitmap_annotation_new (SITMAP_ANNOTATION_ARROW, id);

  sitmap_annotation_add_point (arrow, 35.0, 40.0);
  sitmap_annotation_add_point (arrow, 35.5, 40.5);
  return arrow;
}

static void
changed_cb (SitmapDocument *document, guint what, gpointer user_data)
{
  *(guint *)user_data |= what;
}

static void
test_validate (void)
{
  g_autoptr (SitmapAnnotation) label = sitmap_annotation_new (SITMAP_ANNOTATION_LABEL, "a");
  g_autoptr (SitmapAnnotation) area = sitmap_annotation_new (SITMAP_ANNOTATION_AREA, "b");
  g_autoptr (SitmapAnnotation) highlight = sitmap_annotation_new (SITMAP_ANNOTATION_HIGHLIGHT, "c");
  g_autoptr (GError) error = NULL;

  sitmap_annotation_add_point (label, 35, 40);
  g_assert_false (sitmap_annotation_validate (label, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  sitmap_annotation_set_text (label, "Front line");
  g_assert_true (sitmap_annotation_validate (label, NULL));
  g_assert_false (sitmap_annotation_has_leader (label));
  sitmap_annotation_add_point (label, 35.1, 40.1);
  g_assert_true (sitmap_annotation_has_leader (label));

  sitmap_annotation_add_point (area, 35, 40);
  sitmap_annotation_add_point (area, 35, 41);
  g_assert_false (sitmap_annotation_validate (area, NULL));
  sitmap_annotation_add_point (area, 36, 41);
  g_assert_true (sitmap_annotation_validate (area, NULL));

  g_assert_false (sitmap_annotation_validate (highlight, NULL));
  g_assert_true (sitmap_annotation_add_event (highlight, "ev-1"));
  g_assert_false (sitmap_annotation_add_event (highlight, "ev-1"));
  g_assert_true (sitmap_annotation_validate (highlight, NULL));
}

static void
test_circle_ring (void)
{
  g_autoptr (SitmapAnnotation) circle = sitmap_annotation_new (SITMAP_ANNOTATION_CIRCLE, "c");
  double ring[2 * 8];

  sitmap_annotation_add_point (circle, 35.0, 40.0);
  sitmap_annotation_set_radius (circle, 25000);
  sitmap_annotation_get_circle_ring (circle, 8, ring);
  for (guint i = 0; i < 8; i++)
    g_assert_cmpfloat_with_epsilon (sitmap_geodesic_distance (35.0, 40.0, ring[2 * i], ring[2 * i + 1]), 25000, 1);
  /* The first point is due north. */
  g_assert_cmpfloat (ring[0], >, 35.2);
  g_assert_cmpfloat_with_epsilon (ring[1], 40.0, 1e-9);
  /* Hostile radii are bounded. */
  sitmap_annotation_set_radius (circle, 1e12);
  g_assert_cmpfloat (sitmap_annotation_get_radius (circle), ==, SITMAP_ANNOTATION_MAX_RADIUS_M);
}

static void
test_add_remove_undo (void)
{
  g_autoptr (SitmapDocument) document = make_document ();
  SitmapUndoStack *stack = sitmap_document_get_undo_stack (document);
  GListModel      *annotations = sitmap_document_get_annotations (document);
  g_autoptr (SitmapAnnotation) arrow = make_arrow (document);
  g_autoptr (SitmapCommand) add = sitmap_annotation_command_new_add (arrow);
  g_autoptr (SitmapCommand) remove = NULL;
  guint changed = 0;

  g_signal_connect (document, "changed", G_CALLBACK (changed_cb), &changed);
  sitmap_undo_stack_push (stack, add);
  g_assert_cmpuint (g_list_model_get_n_items (annotations), ==, 1);
  g_assert_cmpuint (changed, ==, SITMAP_DOCUMENT_CHANGE_ANNOTATIONS);
  g_assert_true (sitmap_undo_stack_get_modified (stack));
  g_assert_cmpstr (sitmap_undo_stack_get_undo_label (stack), ==, "Add Arrow");

  g_assert_true (sitmap_undo_stack_undo (stack));
  g_assert_cmpuint (g_list_model_get_n_items (annotations), ==, 0);
  g_assert_false (sitmap_undo_stack_get_modified (stack));
  g_assert_true (sitmap_undo_stack_redo (stack));
  g_assert_true (sitmap_document_find_annotation (document, sitmap_annotation_get_id (arrow), NULL) == arrow);

  remove = sitmap_annotation_command_new_remove (arrow);
  sitmap_undo_stack_push (stack, remove);
  g_assert_cmpuint (g_list_model_get_n_items (annotations), ==, 0);
  g_assert_cmpstr (sitmap_undo_stack_get_undo_label (stack), ==, "Delete Arrow");
  g_assert_true (sitmap_undo_stack_undo (stack));
  g_assert_cmpuint (g_list_model_get_n_items (annotations), ==, 1);
}

/* Deleting the middle one and undoing puts it back in the middle: the drawing order is kept. */
static void
test_remove_keeps_order (void)
{
  g_autoptr (SitmapDocument) document = make_document ();
  SitmapUndoStack  *stack = sitmap_document_get_undo_stack (document);
  GListModel       *annotations = sitmap_document_get_annotations (document);
  SitmapAnnotation *arrows[3];
  g_autoptr (SitmapCommand) remove = NULL;
  g_autoptr (SitmapAnnotation) second = NULL;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (SitmapCommand) add = NULL;

      arrows[i] = make_arrow (document);
      add = sitmap_annotation_command_new_add (arrows[i]);
      sitmap_undo_stack_push (stack, add);
      g_object_unref (arrows[i]);
    }
  remove = sitmap_annotation_command_new_remove (arrows[1]);
  sitmap_undo_stack_push (stack, remove);
  g_assert_cmpuint (g_list_model_get_n_items (annotations), ==, 2);
  sitmap_undo_stack_undo (stack);
  second = g_list_model_get_item (annotations, 1);
  g_assert_true (second == arrows[1]);
}

static void
test_moves_merge (void)
{
  g_autoptr (SitmapDocument) document = make_document ();
  SitmapUndoStack *stack = sitmap_document_get_undo_stack (document);
  g_autoptr (SitmapAnnotation) arrow = make_arrow (document);
  g_autoptr (SitmapCommand) add = sitmap_annotation_command_new_add (arrow);
  guint  gesture = sitmap_annotation_command_new_gesture ();
  double latitude, longitude;

  sitmap_undo_stack_push (stack, add);
  /* One drag: ten moves of a little each. */
  for (guint i = 0; i < 10; i++)
    {
      g_autoptr (SitmapAnnotation) after = sitmap_annotation_copy (arrow);
      g_autoptr (SitmapCommand) move = NULL;

      sitmap_annotation_translate (after, 0.001, 0);
      move = sitmap_annotation_command_new_change (arrow, after, SITMAP_ANNOTATION_CHANGE_MOVE, gesture);
      sitmap_undo_stack_push (stack, move);
    }
  sitmap_annotation_get_point (arrow, 0, &latitude, &longitude);
  g_assert_cmpfloat (longitude, >, 43.5);
  g_assert_cmpfloat_with_epsilon (latitude, 35.0, 1e-6);
  g_assert_cmpstr (sitmap_undo_stack_get_undo_label (stack), ==, "Move Arrow");

  /* One undo takes back the whole drag, the next the adding. */
  g_assert_true (sitmap_undo_stack_undo (stack));
  sitmap_annotation_get_point (arrow, 0, &latitude, &longitude);
  g_assert_cmpfloat_with_epsilon (longitude, 40.0, 1e-9);
  g_assert_cmpstr (sitmap_undo_stack_get_undo_label (stack), ==, "Add Arrow");
  g_assert_true (sitmap_undo_stack_redo (stack));
  sitmap_annotation_get_point (arrow, 0, &latitude, &longitude);
  g_assert_cmpfloat (longitude, >, 43.5);
}

/* A second drag is a second undo step. */
static void
test_separate_gestures (void)
{
  g_autoptr (SitmapDocument) document = make_document ();
  SitmapUndoStack *stack = sitmap_document_get_undo_stack (document);
  g_autoptr (SitmapAnnotation) arrow = make_arrow (document);
  g_autoptr (SitmapCommand) add = sitmap_annotation_command_new_add (arrow);
  double latitude, longitude;

  sitmap_undo_stack_push (stack, add);
  for (guint i = 0; i < 2; i++)
    {
      guint gesture = sitmap_annotation_command_new_gesture ();
      g_autoptr (SitmapAnnotation) after = sitmap_annotation_copy (arrow);
      g_autoptr (SitmapCommand) move = NULL;

      sitmap_annotation_translate (after, 0.001, 0);
      move = sitmap_annotation_command_new_change (arrow, after, SITMAP_ANNOTATION_CHANGE_MOVE, gesture);
      sitmap_undo_stack_push (stack, move);
    }
  g_assert_true (sitmap_undo_stack_undo (stack));
  sitmap_annotation_get_point (arrow, 0, &latitude, &longitude);
  g_assert_cmpfloat (longitude, >, 40.1);
  g_assert_true (sitmap_undo_stack_undo (stack));
  sitmap_annotation_get_point (arrow, 0, &latitude, &longitude);
  g_assert_cmpfloat_with_epsilon (longitude, 40.0, 1e-9);
}

static void
test_edit_text_and_style (void)
{
  g_autoptr (SitmapDocument) document = make_document ();
  SitmapUndoStack *stack = sitmap_document_get_undo_stack (document);
  g_autoptr (SitmapAnnotation) arrow = make_arrow (document);
  g_autoptr (SitmapCommand) add = sitmap_annotation_command_new_add (arrow);
  g_autoptr (SitmapAnnotation) texted = NULL;
  g_autoptr (SitmapAnnotation) styled = NULL;
  g_autoptr (SitmapCommand) text = NULL;
  g_autoptr (SitmapCommand) style = NULL;
  guint gesture = sitmap_annotation_command_new_gesture ();

  sitmap_undo_stack_push (stack, add);
  texted = sitmap_annotation_copy (arrow);
  sitmap_annotation_set_text (texted, "SDF advance");
  text = sitmap_annotation_command_new_change (arrow, texted, SITMAP_ANNOTATION_CHANGE_TEXT, gesture);
  sitmap_undo_stack_push (stack, text);
  styled = sitmap_annotation_copy (arrow);
  sitmap_annotation_set_color (styled, SITMAP_ANNOTATION_COLOR_ORANGE);
  sitmap_annotation_set_width (styled, SITMAP_ANNOTATION_WIDTH_THICK);
  /* The same popover visit, another kind of change: its own step. */
  style = sitmap_annotation_command_new_change (arrow, styled, SITMAP_ANNOTATION_CHANGE_STYLE, gesture);
  sitmap_undo_stack_push (stack, style);

  g_assert_cmpstr (sitmap_annotation_get_text (arrow), ==, "SDF advance");
  g_assert_cmpint (sitmap_annotation_get_color (arrow), ==, SITMAP_ANNOTATION_COLOR_ORANGE);
  g_assert_cmpstr (sitmap_undo_stack_get_undo_label (stack), ==, "Change Style of Arrow");
  sitmap_undo_stack_undo (stack);
  g_assert_cmpint (sitmap_annotation_get_color (arrow), ==, SITMAP_ANNOTATION_COLOR_BLUE);
  g_assert_cmpfloat (sitmap_annotation_get_width (arrow), ==, SITMAP_ANNOTATION_WIDTH_MEDIUM);
  g_assert_cmpstr (sitmap_annotation_get_text (arrow), ==, "SDF advance");
  g_assert_cmpstr (sitmap_undo_stack_get_undo_label (stack), ==, "Edit Text of Arrow");
  sitmap_undo_stack_undo (stack);
  g_assert_null (sitmap_annotation_get_text (arrow));
}

static void
test_ids_unique (void)
{
  g_autoptr (SitmapDocument) document = make_document ();
  g_autofree char *a = sitmap_document_dup_new_annotation_id (document);
  g_autofree char *b = sitmap_document_dup_new_annotation_id (document);
  g_autoptr (SitmapAnnotation) taken = sitmap_annotation_new (SITMAP_ANNOTATION_ARROW, "annotation-3");
  g_autofree char *c = NULL;

  g_assert_cmpstr (a, !=, b);
  /* A file may already use the next number. */
  sitmap_document_insert_annotation (document, 0, taken);
  c = sitmap_document_dup_new_annotation_id (document);
  g_assert_cmpstr (c, ==, "annotation-4");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/annotation/validate", test_validate);
  g_test_add_func ("/annotation/circle-ring", test_circle_ring);
  g_test_add_func ("/annotation/add-remove-undo", test_add_remove_undo);
  g_test_add_func ("/annotation/remove-keeps-order", test_remove_keeps_order);
  g_test_add_func ("/annotation/moves-merge", test_moves_merge);
  g_test_add_func ("/annotation/separate-gestures", test_separate_gestures);
  g_test_add_func ("/annotation/edit-text-and-style", test_edit_text_and_style);
  g_test_add_func ("/annotation/ids-unique", test_ids_unique);
  return g_test_run ();
}
