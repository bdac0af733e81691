/* test-edit-journey.c: an analyst's editing, start to finish, with real clicks and keys: a new event from the
 * map's menu, written in the form, saved, and found again in the file opened anew; an event moved, retitled
 * and deleted, and each step undone in turn
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <shumate/shumate.h>

#include "sitmap-annotation-layer.h"
#include "sitmap-application.h"
#include "sitmap-edit-layer.h"
#include "sitmap-event-form.h"
#include "sitmap-event.h"
#include "sitmap-sidebar.h"
#include "sitmap-ui-test.h"
#include "sitmap-undo-stack.h"
#include "sitmap-window.h"

#define BAGHOUZ_ID "ev-2019-03-baghouz"
#define NEW_TITLE  "Checkpoint attacked south of Sukhna"

static SitmapApplication *app;
static SitmapWindow *window;
static char *folder;

static SitmapDocument *
document (void)
{
  return sitmap_view_state_get_document (sitmap_window_get_view_state (window));
}

static SitmapUndoStack *
stack (void)
{
  return sitmap_document_get_undo_stack (document ());
}

static SitmapEventForm *
form (void)
{
  return sitmap_sidebar_get_event_form (sitmap_window_get_sidebar (window));
}

/* The shown row of the form whose title is title */
static GtkWidget *
form_row (const char *title)
{
  g_autoptr (GPtrArray) rows = sitmap_test_find_shown (form (), ADW_TYPE_PREFERENCES_ROW);

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (rows->pdata[i]), title) == 0)
      return rows->pdata[i];
  g_error ("no shown row “%s” in the form", title);
  return NULL;
}

static GtkWidget *
button_with (gpointer root, const char *label_or_tooltip)
{
  g_autoptr (GPtrArray) buttons = sitmap_test_find_shown (root, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (buttons->pdata[i]), label_or_tooltip) == 0 ||
        g_strcmp0 (gtk_widget_get_tooltip_text (buttons->pdata[i]), label_or_tooltip) == 0)
      return buttons->pdata[i];
  g_error ("no shown button “%s”", label_or_tooltip);
  return NULL;
}

static gboolean
focus_in (gpointer data)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && (focus == data || gtk_widget_is_ancestor (focus, data));
}

static gboolean
row_text_is (gpointer data)
{
  gpointer *args = data;

  return g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (args[0])), args[1]) == 0;
}

/* Replaces what the title row says by typing, as the analyst does */
static void
type_title (const char *text)
{
  GtkWidget *row = form_row ("Title");
  gpointer args[] = { row, (gpointer) text };

  gtk_widget_grab_focus (row);
  sitmap_test_wait_until (focus_in, row, 5000, "the title to have the keyboard");
  sitmap_test_key (row, "ctrl+a");
  sitmap_test_key (row, "BackSpace");
  sitmap_test_type (row, text);
  sitmap_test_wait_until (row_text_is, args, 10000, "the title typed");
}

static gboolean
form_shows (gpointer data)
{
  g_autofree char *text = sitmap_test_collect_text (GTK_WIDGET (form ()));

  return gtk_widget_get_mapped (GTK_WIDGET (form ())) && strstr (text, data) != NULL;
}

static gboolean
menu_shown (gpointer data)
{
  g_autoptr (GPtrArray) menus = sitmap_test_find_shown (data, GTK_TYPE_POPOVER_MENU);

  return menus->len > 0;
}

static gboolean
other_window_appeared (gpointer data)
{
  g_autoptr (GList) others = sitmap_test_list_other_windows (data);

  return others != NULL;
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static gboolean
saved (gpointer data)
{
  return !sitmap_undo_stack_get_modified (stack ());
}

/* The position of the event titled title in document, or -1 */
static gint
find_titled (SitmapDocument *doc, const char *title)
{
  SitmapEventStore *store = sitmap_document_get_store (doc);

  for (guint p = 0; p < sitmap_document_get_n_events (doc); p++)
    if (!sitmap_event_store_is_deleted (store, p) && g_strcmp0 (sitmap_event_store_get_title (store, p), title) == 0)
      return (gint) p;
  return -1;
}

/* A right click on the map, New Event Here, a title typed, Done, Ctrl+S into a new file; that file opened in a
 * new window has the event, where the map was clicked. */
static void
test_new_event_saved_and_reopened (void)
{
  GtkWidget *layer = GTK_WIDGET (sitmap_window_get_edit_layer (window));
  ShumateViewport *viewport = shumate_simple_map_get_viewport (sitmap_window_get_map (window));
  double x = gtk_widget_get_width (layer) * 0.55, y = gtk_widget_get_height (layer) * 0.7, latitude, longitude;
  g_autofree char *path = g_build_filename (folder, "journey.kml", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GPtrArray) menus = NULL;
  g_autoptr (GPtrArray) items = NULL;
  g_autoptr (GList) others = NULL;
  SitmapWindow *second;
  double found_latitude, found_longitude;
  gint position;

  sitmap_test_wait_for_map (window);
  shumate_viewport_widget_coords_to_location (viewport, layer, x, y, &latitude, &longitude);
  sitmap_test_click_button (layer, 3, x, y);
  sitmap_test_wait_until (menu_shown, layer, 5000, "the map's menu");
  menus = sitmap_test_find_shown (layer, GTK_TYPE_POPOVER_MENU);
  sitmap_test_wait_for_paint (menus->pdata[0]);
  items = sitmap_test_find_shown (menus->pdata[0], g_type_from_name ("GtkModelButton"));
  g_assert_cmpuint (items->len, ==, 1);
  sitmap_test_click_centre (items->pdata[0]);
  sitmap_test_wait_until (form_shows, "New Event", 5000, "the new event's form");
  g_assert_cmpstr (sitmap_undo_stack_get_undo_label (stack ()), ==, "New Event");

  type_title (NEW_TITLE);
  sitmap_test_click_centre (button_with (form (), "_Done"));
  sitmap_test_wait_until ((SitmapTestCondition) gtk_widget_get_mapped, sitmap_window_get_sidebar (window), 5000,
                          "the details");

  /* The demo is not a file of the analyst's: Ctrl+S asks where */
  sitmap_test_key (GTK_WIDGET (window), "ctrl+s");
  sitmap_test_wait_until (other_window_appeared, window, 5000, "the save dialog");
  others = sitmap_test_list_other_windows (GTK_WINDOW (window));
  sitmap_test_key (GTK_WIDGET (others->data), "ctrl+a");
  sitmap_test_type (GTK_WIDGET (others->data), path);
  sitmap_test_key (GTK_WIDGET (others->data), "Return");
  sitmap_test_wait_until (file_exists, path, 10000, "the document to be saved");
  sitmap_test_wait_until (saved, NULL, 10000, "the document to be marked saved");

  second = sitmap_window_new (GTK_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (second));
  sitmap_window_open (second, file);
  sitmap_test_wait_for_document (second);
  {
    SitmapDocument *reopened = sitmap_view_state_get_document (sitmap_window_get_view_state (second));

    position = find_titled (reopened, NEW_TITLE);
    g_assert_cmpint (position, >=, 0);
    g_assert_true (sitmap_event_store_get_location (sitmap_document_get_store (reopened), position, &found_latitude,
                                                    &found_longitude));
    /* Where the map was clicked, to a pixel's worth of degrees (kept to six decimals in the file) */
    g_assert_cmpfloat_with_epsilon (found_latitude, latitude, 0.02);
    g_assert_cmpfloat_with_epsilon (found_longitude, longitude, 0.02);
    g_assert_cmpuint (sitmap_document_get_n_live_events (reopened), ==, sitmap_document_get_n_live_events (document ()));
  }
  gtk_window_destroy (GTK_WINDOW (second));
}

static void
location_of (const char *id, double *latitude, double *longitude)
{
  gint position = sitmap_document_find_event (document (), id);

  g_assert_cmpint (position, >=, 0);
  g_assert_true (sitmap_event_store_get_location (sitmap_document_get_store (document ()), position, latitude,
                                                  longitude));
}

static gboolean
moved_from (gpointer data)
{
  const double *before = data;
  double latitude, longitude;

  location_of (BAGHOUZ_ID, &latitude, &longitude);
  return latitude != before[0] || longitude != before[1];
}

static gboolean
title_is (gpointer data)
{
  gint position = sitmap_document_find_event (document (), BAGHOUZ_ID);

  return position >= 0 && g_strcmp0 (sitmap_event_store_get_title (sitmap_document_get_store (document ()), position),
                                     data) == 0;
}

static gboolean
baghouz_gone (gpointer data)
{
  return sitmap_document_find_event (document (), BAGHOUZ_ID) < 0;
}

static gboolean
baghouz_at (gpointer data)
{
  const double *where = data;
  double latitude, longitude;

  if (sitmap_document_find_event (document (), BAGHOUZ_ID) < 0)
    return FALSE;
  location_of (BAGHOUZ_ID, &latitude, &longitude);
  return latitude == where[0] && longitude == where[1];
}

static void
undo_by_key (void)
{
  g_test_message ("undo “%s” with %u positions", sitmap_undo_stack_get_undo_label (stack ()),
                  sitmap_document_get_n_events (document ()));
  gtk_root_set_focus (GTK_ROOT (window), NULL);
  sitmap_test_key (GTK_WIDGET (window), "ctrl+z");
}

/* In edit mode the Baghouz marker is dragged, the event retitled in the form, and deleted with the Delete key;
 * then Ctrl+Z three times: each brings back one step, the last the event where it was. */
static void
test_move_edit_delete_undo (void)
{
  SitmapAnnotationLayer *annotations = sitmap_window_get_annotation_layer (window);
  GtkWidget *layer = GTK_WIDGET (sitmap_window_get_edit_layer (window));
  g_autofree char *old_title = NULL;
  double before[2], moved[2], x, y;

  location_of (BAGHOUZ_ID, &before[0], &before[1]);
  old_title = g_strdup (sitmap_event_store_get_title (sitmap_document_get_store (document ()),
                                                      sitmap_document_find_event (document (), BAGHOUZ_ID)));
  /* Edit mode, from its switch in the header bar */
  sitmap_test_click_centre (button_with (window, "Edit Mode: Drag Events and Their Corners"));
  sitmap_test_wait_for_paint (layer);
  g_assert_true (sitmap_edit_layer_get_edit_mode (sitmap_window_get_edit_layer (window)));
  sitmap_test_wait_for_map (window);

  /* Moved */
  g_assert_true (sitmap_annotation_layer_project (annotations, before[0], before[1], &x, &y));
  sitmap_test_drag (layer, x, y, x - 50, y + 35);
  sitmap_test_wait_until (moved_from, before, 5000, "the event to move");
  location_of (BAGHOUZ_ID, &moved[0], &moved[1]);
  g_assert_cmpstr (sitmap_undo_stack_get_undo_label (stack ()), ==, "Move Event");

  /* Retitled */
  sitmap_view_state_set_selected (sitmap_window_get_view_state (window),
                                  sitmap_document_find_event (document (), BAGHOUZ_ID));
  sitmap_sidebar_show_details (sitmap_window_get_sidebar (window));
  sitmap_test_wait_for_transitions (GTK_WIDGET (window));
  sitmap_test_click_centre (button_with (sitmap_window_get_sidebar (window), "Edit Event"));
  sitmap_test_wait_until (form_shows, "Edit Event", 5000, "the form");
  type_title ("SDF take Baghouz, the last IS village");
  sitmap_test_wait_until (title_is, "SDF take Baghouz, the last IS village", 5000, "the new title");
  g_assert_cmpstr (sitmap_undo_stack_get_undo_label (stack ()), ==, "Change Title");
  sitmap_test_click_centre (button_with (form (), "_Done"));

  /* Deleted: no question asked */
  gtk_root_set_focus (GTK_ROOT (window), NULL);
  sitmap_test_key (GTK_WIDGET (window), "Delete");
  sitmap_test_wait_until (baghouz_gone, NULL, 5000, "the event to be deleted");

  /* Each undo, one step back */
  undo_by_key ();
  sitmap_test_wait_until (title_is, "SDF take Baghouz, the last IS village", 5000, "the deletion undone");
  g_assert_true (baghouz_at (moved));
  undo_by_key ();
  sitmap_test_wait_until (title_is, old_title, 5000, "the title undone");
  g_assert_true (baghouz_at (moved));
  undo_by_key ();
  sitmap_test_wait_until (baghouz_at, before, 5000, "the move undone");
  g_assert_true (title_is (old_title));
  sitmap_test_click_centre (button_with (window, "Edit Mode: Drag Events and Their Corners"));
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  folder = g_dir_make_tmp ("sitmap-journey-XXXXXX", &error);
  g_assert_no_error (error);
  app = sitmap_application_new ();
  window = sitmap_test_start (app);
  sitmap_test_wait_for_document (window);

  g_test_add_func ("/journey/new-event-saved-and-reopened", test_new_event_saved_and_reopened);
  g_test_add_func ("/journey/move-edit-delete-undo", test_move_edit_delete_undo);
  status = g_test_run ();

  sitmap_undo_stack_mark_saved (stack ());
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  {
    g_autofree char *path = g_build_filename (folder, "journey.kml", NULL);
    g_autofree char *backup = g_build_filename (folder, "journey.kml.bak", NULL);

    g_unlink (path);
    g_unlink (backup);
  }
  g_rmdir (folder);
  g_free (folder);
  return status;
}
