/* test-annotation-popover.c: editing an annotation's text, style and leader in its popover, undoably
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "sitmap-annotation-command.h"
#include "sitmap-annotation-popover.h"
#include "sitmap-document-builder.h"
#include "sitmap-undo-stack.h"

/* The first widget of type inside widget, depth first, the nth when there are several. */
static GtkWidget *
find (GtkWidget *widget, GType type, guint *nth)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && (*nth)-- == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find (child, type, nth);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_nth (GtkWidget *widget, GType type, guint nth)
{
  GtkWidget *found = find (widget, type, &nth);

  g_assert_nonnull (found);
  return found;
}

static gboolean
leader_cb (SitmapAnnotation *label, double *latitude, double *longitude, gpointer user_data)
{
  *latitude = 34.5;
  *longitude = 38.5;
  return TRUE;
}

static void
test_edits (void)
{
  g_autoptr (SitmapDocumentBuilder) builder = sitmap_document_builder_new ();
  g_autoptr (SitmapDocument) document = sitmap_document_builder_finish (g_steal_pointer (&builder));
  SitmapUndoStack *stack = sitmap_document_get_undo_stack (document);
  g_autoptr (SitmapAnnotation) label = sitmap_annotation_new (SITMAP_ANNOTATION_LABEL, "label");
  g_autoptr (SitmapCommand) add = NULL;
  SitmapAnnotationPopover *popover = sitmap_annotation_popover_new ();
  GtkWidget               *entry, *leader, *orange;
  double                   latitude, longitude;

  g_object_ref_sink (popover);
  sitmap_annotation_set_text (label, "Front");
  sitmap_annotation_add_point (label, 35, 39);
  add = sitmap_annotation_command_new_add (label);
  sitmap_undo_stack_push (stack, add);
  sitmap_annotation_popover_set_leader_func (popover, leader_cb, NULL);
  sitmap_annotation_popover_set_annotation (popover, document, label);

  /* Typing, letter by letter, is one undo step. */
  entry = find_nth (GTK_WIDGET (popover), GTK_TYPE_ENTRY, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Front");
  gtk_editable_set_text (GTK_EDITABLE (entry), "Front l");
  gtk_editable_set_text (GTK_EDITABLE (entry), "Front li");
  gtk_editable_set_text (GTK_EDITABLE (entry), "Front line");
  g_assert_cmpstr (sitmap_annotation_get_text (label), ==, "Front line");
  g_assert_cmpstr (sitmap_undo_stack_get_undo_label (stack), ==, "Edit Text of Label");
  /* A label is never left without words. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "   ");
  g_assert_cmpstr (sitmap_annotation_get_text (label), ==, "Front line");

  /* The second swatch is orange. */
  orange = find_nth (GTK_WIDGET (popover), GTK_TYPE_TOGGLE_BUTTON, 1);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (orange), TRUE);
  g_assert_cmpint (sitmap_annotation_get_color (label), ==, SITMAP_ANNOTATION_COLOR_ORANGE);
  g_assert_cmpstr (sitmap_undo_stack_get_undo_label (stack), ==, "Change Style of Label");

  leader = find_nth (GTK_WIDGET (popover), GTK_TYPE_CHECK_BUTTON, 0);
  g_assert_true (gtk_widget_get_visible (leader));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (leader), TRUE);
  g_assert_true (sitmap_annotation_has_leader (label));
  sitmap_annotation_get_point (label, 1, &latitude, &longitude);
  g_assert_cmpfloat (latitude, ==, 34.5);
  g_assert_cmpfloat (longitude, ==, 38.5);

  /* Undo, one step at a time: the leader, the colour, the words. */
  sitmap_undo_stack_undo (stack);
  g_assert_false (sitmap_annotation_has_leader (label));
  sitmap_undo_stack_undo (stack);
  g_assert_cmpint (sitmap_annotation_get_color (label), ==, SITMAP_ANNOTATION_COLOR_RED);
  sitmap_undo_stack_undo (stack);
  g_assert_cmpstr (sitmap_annotation_get_text (label), ==, "Front");
  /* The popover shows what undo made of it. */
  sitmap_annotation_popover_refresh (popover);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Front");
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (leader)));

  /* Delete deletes, undoably. */
  for (guint i = 0;; i++)
    {
      GtkWidget *button = find_nth (GTK_WIDGET (popover), GTK_TYPE_BUTTON, i);

      if (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (button)), "_Delete") == 0)
        {
          g_signal_emit_by_name (button, "clicked");
          break;
        }
    }
  g_assert_cmpuint (g_list_model_get_n_items (sitmap_document_get_annotations (document)), ==, 0);
  sitmap_undo_stack_undo (stack);
  g_assert_cmpuint (g_list_model_get_n_items (sitmap_document_get_annotations (document)), ==, 1);
  g_object_unref (popover);
}

/* The radius shows in km to two decimals: going through the field (Tab, a click elsewhere) reads back
 * what it shows, and that rounding must not become an edit of the circle. A real change is one. */
static void
test_radius_rounding (void)
{
  g_autoptr (SitmapDocumentBuilder) builder = sitmap_document_builder_new ();
  g_autoptr (SitmapDocument) document = sitmap_document_builder_finish (g_steal_pointer (&builder));
  SitmapUndoStack *stack = sitmap_document_get_undo_stack (document);
  g_autoptr (SitmapAnnotation) circle = sitmap_annotation_new (SITMAP_ANNOTATION_CIRCLE, "circle");
  g_autoptr (SitmapCommand) add = NULL;
  g_autofree char *added = NULL;
  SitmapAnnotationPopover *popover = sitmap_annotation_popover_new ();
  GtkSpinButton *spin;

  g_object_ref_sink (popover);
  sitmap_annotation_add_point (circle, 34.88, 38.87);
  sitmap_annotation_set_radius (circle, 25345.6);
  add = sitmap_annotation_command_new_add (circle);
  sitmap_undo_stack_push (stack, add);
  added = g_strdup (sitmap_undo_stack_get_undo_label (stack));
  sitmap_annotation_popover_set_annotation (popover, document, circle);

  spin = GTK_SPIN_BUTTON (find_nth (GTK_WIDGET (popover), GTK_TYPE_SPIN_BUTTON, 0));
  gtk_spin_button_update (spin);
  g_assert_cmpfloat (sitmap_annotation_get_radius (circle), ==, 25345.6);
  g_assert_cmpstr (sitmap_undo_stack_get_undo_label (stack), ==, added);

  gtk_spin_button_set_value (spin, 30);
  g_assert_cmpfloat_with_epsilon (sitmap_annotation_get_radius (circle), 30000, 1e-6);
  g_assert_cmpstr (sitmap_undo_stack_get_undo_label (stack), !=, added);
  g_object_unref (popover);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/annotation-popover/edits", test_edits);
  g_test_add_func ("/annotation-popover/radius-rounding", test_radius_rounding);
  return g_test_run ();
}
