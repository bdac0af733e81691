/* test-keyboard-focus.c: after any popover or dialog of the window, the keyboard is back where the
 * window's shortcuts work
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sitmap-application.h"
#include "sitmap-reliability-command.h"
#include "sitmap-ui-test.h"
#include "sitmap-undo-stack.h"
#include "sitmap-window.h"

#define SUKHNA_ID "ev-2024-12-10-sukhna"

static SitmapApplication *app;
static SitmapWindow *window;

/*
 * Helpers
 */

static SitmapViewState *
state (void)
{
  return sitmap_window_get_view_state (window);
}

static SitmapDocument *
document (void)
{
  return sitmap_view_state_get_document (state ());
}

static SitmapUndoStack *
undo_stack (void)
{
  return sitmap_document_get_undo_stack (document ());
}

static SitmapSource *
sohr (void)
{
  gint index = sitmap_document_find_source (document (), "sohr");

  g_assert_cmpint (index, >=, 0);
  return sitmap_document_get_source (document (), index);
}

static gboolean
shown (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
hidden (gpointer data)
{
  return !gtk_widget_get_mapped (data);
}

static gboolean
other_window_shown (gpointer data)
{
  g_autoptr (GList) others = sitmap_test_list_other_windows (GTK_WINDOW (window));

  return others != NULL;
}

static gboolean
other_windows_gone (gpointer data)
{
  return !other_window_shown (data);
}

static gboolean
sohr_graded (gpointer data)
{
  return (int) sitmap_source_get_reliability (sohr ()) == GPOINTER_TO_INT (data);
}

static gboolean
n_views_is (gpointer data)
{
  return g_list_model_get_n_items (sitmap_document_get_named_views (document ())) == GPOINTER_TO_UINT (data);
}

static gboolean
n_annotations_is (gpointer data)
{
  return g_list_model_get_n_items (sitmap_document_get_annotations (document ())) == GPOINTER_TO_UINT (data);
}

static gboolean
undo_label_is (gpointer data)
{
  return g_strcmp0 (sitmap_undo_stack_get_undo_label (undo_stack ()), data) == 0;
}

static GtkWidget *
find_with_tooltip (gpointer root, GType type, const char *tooltip)
{
  g_autoptr (GPtrArray) widgets = sitmap_test_find_shown (root, type);

  for (guint i = 0; i < widgets->len; i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (widgets->pdata[i]), tooltip) == 0)
      return widgets->pdata[i];
  g_error ("no shown %s with the tooltip “%s”", g_type_name (type), tooltip);
  return NULL;
}

static GtkWidget *
find_label (gpointer root, const char *text)
{
  g_autoptr (GPtrArray) labels = sitmap_test_find_shown (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_text (labels->pdata[i]), text) == 0)
      return labels->pdata[i];
  g_error ("no shown label reads “%s”", text);
  return NULL;
}

static GtkWidget *
open_popover (GtkWidget *menu_button)
{
  GtkWidget *popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button)));

  sitmap_test_click_centre (menu_button);
  sitmap_test_wait_until (shown, popover, 5000, "the popover to open");
  sitmap_test_wait_for_paint (popover);
  return popover;
}

static GtkWidget *
events_page_button (const char *tooltip)
{
  SitmapSidebar *sidebar = sitmap_window_get_sidebar (window);

  sitmap_sidebar_show_events (sidebar, FALSE);
  sitmap_test_wait_for_transitions (GTK_WIDGET (sidebar));
  sitmap_test_wait_for_paint (GTK_WIDGET (window));
  return find_with_tooltip (sitmap_sidebar_get_events_panel (sidebar), GTK_TYPE_MENU_BUTTON, tooltip);
}

static const char *
describe_focus (void)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL ? G_OBJECT_TYPE_NAME (focus) : "nothing";
}

static gboolean
focus_is_in (gpointer data)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && gtk_widget_get_root (focus) == GTK_ROOT (window) && gtk_widget_get_mapped (focus) &&
         (data == NULL || focus == data || gtk_widget_is_ancestor (focus, data));
}

/* The keyboard comes to a shown widget of the window, inside expected (a popover's button) when given. */
static void
assert_focus_in (GtkWidget *expected)
{
  sitmap_test_wait_until (focus_is_in, expected, 5000, "the keyboard focus to come back");
  g_test_message ("the focus is on %s", describe_focus ());
}

/* An edit, made as the grade chooser makes it; then Ctrl+Z, typed, must take it back. */
static void
assert_ctrl_z_undoes (const char *after)
{
  SitmapReliability before = sitmap_source_get_reliability (sohr ());
  g_autoptr (SitmapCommand) command =
    sitmap_reliability_command_new (sohr (), before == SITMAP_RELIABILITY_A ? SITMAP_RELIABILITY_B
                                                                             : SITMAP_RELIABILITY_A);

  g_test_message ("Ctrl+Z after %s", after);
  sitmap_undo_stack_push (undo_stack (), command);
  sitmap_test_key (GTK_WIDGET (window), "ctrl+z");
  sitmap_test_wait_until (sohr_graded, GINT_TO_POINTER (before), 5000, "Ctrl+Z to undo the edit");
}

/*
 * Tests
 */

/* A saved view deleted in the star menu, Escape: Ctrl+Z brings the view back at once, and the keyboard
 * is on the menu's button. GTK left it on the deleted row's button, out of the window. */
static void
test_saved_views_delete (void)
{
  GtkWidget *button = events_page_button ("Saved Views");
  GtkWidget *popover = open_popover (button);
  GtkWidget *entry = sitmap_test_find_first_shown (popover, GTK_TYPE_ENTRY);

  g_assert_true (n_views_is (GUINT_TO_POINTER (0)));
  sitmap_test_click_centre (entry);
  sitmap_test_type_here ("Before the fall");
  sitmap_test_key_here ("Return");
  sitmap_test_wait_until (n_views_is, GUINT_TO_POINTER (1), 5000, "the view to be saved");
  sitmap_test_wait_for_paint (popover);
  sitmap_test_click_centre (find_with_tooltip (popover, GTK_TYPE_BUTTON, "Delete"));
  sitmap_test_wait_until (n_views_is, GUINT_TO_POINTER (0), 5000, "the view to be deleted");
  sitmap_test_wait_for_paint (popover);

  sitmap_test_key_here ("Escape");
  sitmap_test_wait_until (hidden, popover, 5000, "Escape to close the saved views");
  assert_focus_in (button);
  sitmap_test_key (GTK_WIDGET (window), "ctrl+z");
  sitmap_test_wait_until (n_views_is, GUINT_TO_POINTER (1), 5000, "Ctrl+Z to bring the view back");
  assert_ctrl_z_undoes ("the view came back");
}

/* Opened by a click and closed by Escape, each popover gives the keyboard back to its button. */
static void
close_by_escape (GtkWidget *button, const char *name)
{
  GtkWidget *popover = open_popover (button);

  sitmap_test_key_here ("Escape");
  sitmap_test_wait_until (hidden, popover, 5000, "Escape to close the popover");
  assert_focus_in (button);
  assert_ctrl_z_undoes (name);
}

static void
test_every_popover (void)
{
  SitmapTimeline *timeline = sitmap_window_get_timeline (window);
  SitmapSidebar *sidebar = sitmap_window_get_sidebar (window);
  GtkWidget *range_button = find_with_tooltip (timeline, GTK_TYPE_MENU_BUTTON, "Type the Time Range, or Choose a Preset");
  GtkWidget *source_button = sitmap_test_find_first_shown (sitmap_window_get_source_chooser (window),
                                                           GTK_TYPE_MENU_BUTTON);
  GtkWidget *grade_button, *popover;

  close_by_escape (events_page_button ("Saved Views"), "the saved views");
  close_by_escape (events_page_button ("Filter by category, actor, source, place, grading and fatalities"),
                   "the filter menu");
  close_by_escape (range_button, "the time range");
  close_by_escape (source_button, "the map sources");

  sitmap_view_state_set_selected (state (), sitmap_document_find_event (document (), SUKHNA_ID));
  sitmap_sidebar_show_details (sidebar);
  sitmap_test_wait_for_transitions (GTK_WIDGET (sidebar));
  sitmap_test_wait_for_paint (GTK_WIDGET (window));
  grade_button = sitmap_test_find_first_shown (sidebar, GTK_TYPE_MENU_BUTTON);
  close_by_escape (grade_button, "the grade chooser");

  /* A grade picked: the chooser closes itself, and Ctrl+Z takes the grade back. */
  popover = open_popover (grade_button);
  sitmap_test_click_centre (find_label (popover, "B: usually reliable"));
  sitmap_test_wait_until (sohr_graded, GINT_TO_POINTER (SITMAP_RELIABILITY_B), 5000, "the grade to be picked");
  sitmap_test_wait_until (hidden, popover, 5000, "the grade chooser to close");
  assert_focus_in (grade_button);
  sitmap_test_key (GTK_WIDGET (window), "ctrl+z");
  sitmap_test_wait_until (sohr_graded, GINT_TO_POINTER (SITMAP_RELIABILITY_C), 5000, "Ctrl+Z to take the grade back");

  /* Dates typed and Enter: the range is set, and the keyboard is back on the range's button. */
  popover = open_popover (range_button);
  sitmap_test_key_here ("Return");
  sitmap_test_wait_until (hidden, popover, 5000, "Enter to set the range");
  assert_focus_in (range_button);
  assert_ctrl_z_undoes ("the typed range");
  sitmap_view_state_clear_range (state ());
}

/* A label written on the map: Escape closes its popover, the keyboard is on the map's annotations, and
 * Ctrl+Z takes the label away. */
static void
test_annotation_popover (void)
{
  SitmapAnnotationLayer *layer = sitmap_window_get_annotation_layer (window);
  GtkWidget *tool = sitmap_annotation_toolbar_get_tool_button (sitmap_window_get_annotation_toolbar (window),
                                                               SITMAP_ANNOTATION_TOOL_LABEL);
  guint n = g_list_model_get_n_items (sitmap_document_get_annotations (document ()));
  GtkWidget *popover;

  sitmap_test_click_centre (tool);
  sitmap_test_click (GTK_WIDGET (layer), gtk_widget_get_width (GTK_WIDGET (layer)) / 3.0,
                     gtk_widget_get_height (GTK_WIDGET (layer)) / 3.0);
  sitmap_test_wait_until (n_annotations_is, GUINT_TO_POINTER (n + 1), 5000, "the label to be added");
  popover = sitmap_test_find_first_shown (layer, GTK_TYPE_POPOVER);
  sitmap_test_type_here ("Checkpoint");
  sitmap_test_key_here ("Escape");
  sitmap_test_wait_until (hidden, popover, 5000, "Escape to close the label's popover");
  assert_focus_in (GTK_WIDGET (layer));
  /* The words, then the label itself */
  g_assert_cmpstr (sitmap_undo_stack_get_undo_label (undo_stack ()), ==, "Edit Text of Label");
  sitmap_test_key (GTK_WIDGET (window), "ctrl+z");
  sitmap_test_wait_until (undo_label_is, "Add Label", 5000, "Ctrl+Z to take the words back");
  sitmap_test_key (GTK_WIDGET (window), "ctrl+z");
  sitmap_test_wait_until (n_annotations_is, GUINT_TO_POINTER (n), 5000, "Ctrl+Z to take the label away");
}

/* The export dialog, opened with Ctrl+E and closed with Escape. */
static void
test_export_dialog (void)
{
  sitmap_test_key (GTK_WIDGET (window), "ctrl+e");
  sitmap_test_wait_until (other_window_shown, NULL, 5000, "the export dialog");
  {
    g_autoptr (GList) others = sitmap_test_list_other_windows (GTK_WINDOW (window));

    sitmap_test_key (others->data, "Escape");
  }
  sitmap_test_wait_until (other_windows_gone, NULL, 5000, "the export dialog to close");
  assert_focus_in (NULL);
  assert_ctrl_z_undoes ("the export dialog");
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  app = sitmap_application_new ();
  window = sitmap_test_start (app);
  sitmap_test_wait_for_document (window);

  g_test_add_func ("/keyboard-focus/saved-views-delete", test_saved_views_delete);
  g_test_add_func ("/keyboard-focus/every-popover", test_every_popover);
  g_test_add_func ("/keyboard-focus/annotation-popover", test_annotation_popover);
  g_test_add_func ("/keyboard-focus/export-dialog", test_export_dialog);
  status = g_test_run ();

  /* Nothing to save: every edit was undone. */
  while (sitmap_undo_stack_can_undo (undo_stack ()))
    sitmap_undo_stack_undo (undo_stack ());
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  return status;
}
