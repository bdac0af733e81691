/* test-map-edit.c: editing events on the map of the real window, with real clicks and drags
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "sitmap-application.h"
#include "sitmap-ui-test.h"
#include "sitmap-undo-stack.h"
#include "sitmap-window.h"

#define BAGHOUZ_ID   "ev-2019-03-baghouz"
#define OFFENSIVE_ID "ev-2024-11-27-offensive"

static SitmapWindow *window;

/* What the window's win.new-event-at was given, when the test stands in for it. */
static GVariant *new_event_at;

/* The whole screen, popovers and all, as the X server shows it (ImageMagick's import). */
static void
save_screen (const char *name)
{
  g_autofree char *path = NULL;

  if (g_getenv ("SITMAP_SCREENSHOT_DIR") == NULL)
    return;
  path = g_build_filename (g_getenv ("SITMAP_SCREENSHOT_DIR"), name, NULL);
  sitmap_test_wait_for_paint (GTK_WIDGET (window));
  if (g_spawn_sync (NULL, (char *[]) { "import", "-window", "root", path, NULL }, NULL, G_SPAWN_SEARCH_PATH, NULL,
                    NULL, NULL, NULL, NULL, NULL))
    g_test_message ("saved %s", path);
}

static SitmapDocument *
document (void)
{
  return sitmap_view_state_get_document (sitmap_window_get_view_state (window));
}

static GtkWidget *
edit_layer (void)
{
  return GTK_WIDGET (sitmap_window_get_edit_layer (window));
}

static ShumateViewport *
viewport (void)
{
  return shumate_simple_map_get_viewport (sitmap_window_get_map (window));
}

static void
location_of (const char *id, double *latitude, double *longitude)
{
  gint position = sitmap_document_find_event (document (), id);

  g_assert_cmpint (position, >=, 0);
  g_assert_true (sitmap_event_store_get_location (sitmap_document_get_store (document ()), position, latitude,
                                                  longitude));
}

static void
on_screen (double latitude, double longitude, double *x, double *y)
{
  g_assert_true (
    sitmap_annotation_layer_project (sitmap_window_get_annotation_layer (window), latitude, longitude, x, y));
}

static const char *
undo_label (void)
{
  return sitmap_undo_stack_get_undo_label (sitmap_document_get_undo_stack (document ()));
}

static gboolean
menu_shown (gpointer data)
{
  g_autoptr (GPtrArray) menus = sitmap_test_find_shown (edit_layer (), GTK_TYPE_POPOVER_MENU);

  return menus->len > 0;
}

static GtkWidget *
shown_menu (void)
{
  g_autoptr (GPtrArray) menus = NULL;

  sitmap_test_wait_until (menu_shown, NULL, 5000, "the map's menu");
  menus = sitmap_test_find_shown (edit_layer (), GTK_TYPE_POPOVER_MENU);
  sitmap_test_wait_for_paint (g_ptr_array_index (menus, 0));
  return g_ptr_array_index (menus, 0);
}

static void
click_only_item (GtkWidget *menu)
{
  g_autoptr (GPtrArray) buttons = sitmap_test_find_shown (menu, g_type_from_name ("GtkModelButton"));
  GtkWidget *item;

  g_assert_cmpuint (buttons->len, ==, 1);
  item = g_ptr_array_index (buttons, 0);
  sitmap_test_click (item, gtk_widget_get_width (item) / 2.0, gtk_widget_get_height (item) / 2.0);
}

static void
close_menus (void)
{
  g_autoptr (GPtrArray) menus = sitmap_test_find_shown (edit_layer (), GTK_TYPE_POPOVER_MENU);

  for (guint i = 0; i < menus->len; i++)
    gtk_popover_popdown (g_ptr_array_index (menus, i));
  sitmap_test_wait_for_paint (GTK_WIDGET (window));
}

static void
new_event_at_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  g_clear_pointer (&new_event_at, g_variant_unref);
  new_event_at = g_variant_ref (parameter);
}

static gboolean
window_has_new_event_at (void)
{
  const GVariantType *type;
  const char *name, *property;
  GType owner;

  for (guint i = 0; gtk_widget_class_query_action (GTK_WIDGET_GET_CLASS (window), i, &owner, &name, &type, &property);
       i++)
    if (g_strcmp0 (name, "win.new-event-at") == 0)
      return TRUE;
  return g_action_map_lookup_action (G_ACTION_MAP (window), "new-event-at") != NULL;
}

static gboolean
new_event_at_given (gpointer data)
{
  return new_event_at != NULL;
}

/* A right click on the map: its menu's New Event Here names the point clicked, to a pixel. */
static void
test_new_event_here (void)
{
  GtkWidget *layer = edit_layer ();
  double x = gtk_widget_get_width (layer) * 0.6, y = gtk_widget_get_height (layer) * 0.85, ex, ey, latitude, longitude;
  g_autoptr (GVariant) target = NULL;
  g_autofree char *action = NULL;
  GMenuModel *model;
  GtkWidget *menu;
  gboolean ours = !window_has_new_event_at ();

  /* Until the window has the action of its own (the event form's), the test stands in for it. */
  if (ours)
    {
      g_autoptr (GSimpleAction) stand_in = g_simple_action_new ("new-event-at", G_VARIANT_TYPE ("(dd)"));

      g_signal_connect (stand_in, "activate", G_CALLBACK (new_event_at_cb), NULL);
      g_action_map_add_action (G_ACTION_MAP (window), G_ACTION (stand_in));
    }
  sitmap_test_click_button (layer, 3, x, y);
  menu = shown_menu ();
  model = gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (menu));
  g_assert_cmpint (g_menu_model_get_n_items (model), ==, 1);
  g_assert_true (g_menu_model_get_item_attribute (model, 0, G_MENU_ATTRIBUTE_ACTION, "s", &action));
  g_assert_cmpstr (action, ==, "win.new-event-at");
  target = g_menu_model_get_item_attribute_value (model, 0, G_MENU_ATTRIBUTE_TARGET, G_VARIANT_TYPE ("(dd)"));
  g_assert_nonnull (target);
  g_variant_get (target, "(dd)", &latitude, &longitude);
  on_screen (latitude, longitude, &ex, &ey);
  g_assert_cmpfloat (hypot (ex - x, ey - y), <=, 1.5);
  {
    g_autofree char *text = sitmap_test_collect_text (menu);

    g_assert_nonnull (strstr (text, "New Event Here"));
  }
  save_screen ("map-new-event-here.png");
  /* The item activates the action with that point. With the window's own action (the event form's),
   * the menu's target above is what it gets; its form is its own tests' business. */
  if (ours)
    {
      click_only_item (menu);
      sitmap_test_wait_until (new_event_at_given, NULL, 5000, "win.new-event-at to be activated");
      g_assert_true (g_variant_equal (new_event_at, target));
    }
  close_menus ();
}

/* The header bar's switch of win.edit-mode. */
static GtkWidget *
edit_mode_button (void)
{
  g_autoptr (GPtrArray) buttons = sitmap_test_find_shown (window, GTK_TYPE_TOGGLE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (g_ptr_array_index (buttons, i)), "win.edit-mode") == 0)
      return g_ptr_array_index (buttons, i);
  g_error ("no switch of win.edit-mode is shown");
  return NULL;
}

static gboolean
moved_from (gpointer data)
{
  const double *before = data;
  double latitude, longitude;

  location_of (BAGHOUZ_ID, &latitude, &longitude);
  return latitude != before[0] || longitude != before[1];
}

/* Browsing, a drag on a marker pans the map and moves nothing; in edit mode it moves the event, once,
 * to where it was dropped, and one undo brings it back. */
static void
test_move_marker (void)
{
  GtkWidget *edit_button = edit_mode_button ();
  double before[2], x, y, latitude, longitude, ex, ey;

  location_of (BAGHOUZ_ID, &before[0], &before[1]);
  g_assert_false (sitmap_edit_layer_get_edit_mode (sitmap_window_get_edit_layer (window)));
  on_screen (before[0], before[1], &x, &y);
  g_assert_cmpint (sitmap_event_layer_hit_test (sitmap_window_get_event_layer (window), x, y), ==,
                   sitmap_document_find_event (document (), BAGHOUZ_ID));
  sitmap_test_drag (edit_layer (), x, y, x - 60, y + 40);
  sitmap_test_wait_for_paint (edit_layer ());
  location_of (BAGHOUZ_ID, &latitude, &longitude);
  g_assert_cmpfloat (latitude, ==, before[0]);
  g_assert_cmpfloat (longitude, ==, before[1]);

  /* Edit mode, from its switch in the header bar. */
  sitmap_test_click (edit_button, gtk_widget_get_width (edit_button) / 2.0, gtk_widget_get_height (edit_button) / 2.0);
  sitmap_test_wait_for_paint (edit_layer ());
  g_assert_true (sitmap_edit_layer_get_edit_mode (sitmap_window_get_edit_layer (window)));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (edit_button)));
  on_screen (before[0], before[1], &x, &y);
  sitmap_test_drag (edit_layer (), x, y, x - 60, y + 40);
  sitmap_test_wait_until (moved_from, before, 5000, "the event to move");
  location_of (BAGHOUZ_ID, &latitude, &longitude);
  on_screen (latitude, longitude, &ex, &ey);
  g_assert_cmpfloat (hypot (ex - (x - 60), ey - (y + 40)), <=, 1.5);
  g_assert_cmpstr (undo_label (), ==, "Move Event");
  save_screen ("map-edit-mode-moved.png");
  {
    /* Escape during a drag drops it: nothing more changes. */
    double moved[2] = { latitude, longitude };
    const char *label = undo_label ();

    sitmap_test_drag_then_key (edit_layer (), ex, ey, ex + 50, ey - 30, "Escape");
    sitmap_test_wait_for_paint (edit_layer ());
    sitmap_test_wait_for_paint (edit_layer ());
    location_of (BAGHOUZ_ID, &latitude, &longitude);
    g_assert_cmpfloat (latitude, ==, moved[0]);
    g_assert_cmpfloat (longitude, ==, moved[1]);
    g_assert_cmpstr (undo_label (), ==, label);
  }

  /* A second drag is a second step: one undo takes it back, and leaves the first */
  {
    double first[2] = { latitude, longitude };

    sitmap_test_drag (edit_layer (), ex, ey, ex + 40, ey + 30);
    sitmap_test_wait_until (moved_from, first, 5000, "the event to move again");
    sitmap_test_key (GTK_WIDGET (window), "ctrl+z");
    sitmap_test_wait_for_paint (edit_layer ());
    location_of (BAGHOUZ_ID, &latitude, &longitude);
    g_assert_cmpfloat (latitude, ==, first[0]);
    g_assert_cmpfloat (longitude, ==, first[1]);
  }

  sitmap_test_key (GTK_WIDGET (window), "ctrl+z");
  sitmap_test_wait_for_paint (edit_layer ());
  location_of (BAGHOUZ_ID, &latitude, &longitude);
  g_assert_cmpfloat (latitude, ==, before[0]);
  g_assert_cmpfloat (longitude, ==, before[1]);
}

/* The outer ring's corners of the event's area, on screen (the closing repeat left out). */
static GArray *
area_corners (const char *id)
{
  gint position = sitmap_document_find_event (document (), id);
  SitmapGeometry *geometry = sitmap_event_store_get_geometry (sitmap_document_get_store (document ()), position);
  GArray *corners = g_array_new (FALSE, FALSE, sizeof (double));
  const double *ring;
  guint n;

  g_assert_nonnull (geometry);
  ring = sitmap_geometry_get_ring (geometry, 0, &n);
  if (n > 1 && ring[0] == ring[2 * n - 2] && ring[1] == ring[2 * n - 1])
    n--;
  for (guint i = 0; i < n; i++)
    {
      double xy[2];

      on_screen (ring[2 * i + 1], ring[2 * i], &xy[0], &xy[1]);
      g_array_append_vals (corners, xy, 2);
    }
  return corners;
}

#define CX(a, i) g_array_index ((a), double, 2 * (i))
#define CY(a, i) g_array_index ((a), double, 2 * (i) + 1)

static gboolean
n_corners_is (gpointer data)
{
  g_autoptr (GArray) corners = area_corners (OFFENSIVE_ID);

  return corners->len / 2 == GPOINTER_TO_UINT (data);
}

/* The selected event's area in edit mode: a corner dragged, one added at a side's middle, one removed
 * from its menu; each one undo step. */
static void
test_area_corners (void)
{
  SitmapViewState *view_state = sitmap_window_get_view_state (window);
  g_autoptr (GArray) before = NULL;
  g_autoptr (GArray) after = NULL;
  guint n;
  double mx, my, latitude, longitude;

  g_assert_true (sitmap_edit_layer_get_edit_mode (sitmap_window_get_edit_layer (window)));
  sitmap_view_state_select (view_state, sitmap_document_find_event (document (), OFFENSIVE_ID));
  /* Close enough for the corners to stand apart. */
  location_of (OFFENSIVE_ID, &latitude, &longitude);
  shumate_viewport_set_zoom_level (viewport (), 8);
  shumate_map_center_on (shumate_simple_map_get_map (sitmap_window_get_map (window)), latitude, longitude);
  sitmap_test_wait_for_paint (edit_layer ());
  sitmap_test_wait_for_paint (edit_layer ());
  before = area_corners (OFFENSIVE_ID);
  n = before->len / 2;
  g_assert_cmpuint (n, >=, 3);
  save_screen ("map-edit-mode-handles.png");

  /* Move the first corner. */
  sitmap_test_drag (edit_layer (), CX (before, 0), CY (before, 0), CX (before, 0) + 30, CY (before, 0) + 25);
  sitmap_test_wait_until (n_corners_is, GUINT_TO_POINTER (n), 5000, "the area");
  sitmap_test_wait_for_paint (edit_layer ());
  after = area_corners (OFFENSIVE_ID);
  g_assert_cmpfloat (hypot (CX (after, 0) - (CX (before, 0) + 30), CY (after, 0) - (CY (before, 0) + 25)), <=, 1.5);
  g_assert_cmpstr (undo_label (), ==, "Move Corner");
  g_clear_pointer (&after, g_array_unref);

  /* A click on the middle of the first side adds a corner there. */
  after = area_corners (OFFENSIVE_ID);
  mx = (CX (after, 0) + CX (after, 1)) / 2, my = (CY (after, 0) + CY (after, 1)) / 2;
  g_clear_pointer (&after, g_array_unref);
  sitmap_test_click (edit_layer (), mx, my);
  sitmap_test_wait_until (n_corners_is, GUINT_TO_POINTER (n + 1), 5000, "a corner to be added");
  g_assert_cmpstr (undo_label (), ==, "Add Corner");
  after = area_corners (OFFENSIVE_ID);
  g_assert_cmpfloat (hypot (CX (after, 1) - mx, CY (after, 1) - my), <=, 1.5);

  /* Its menu removes it. */
  sitmap_test_click_button (edit_layer (), 3, CX (after, 1), CY (after, 1));
  click_only_item (shown_menu ());
  sitmap_test_wait_until (n_corners_is, GUINT_TO_POINTER (n), 5000, "the corner to be removed");
  g_assert_cmpstr (undo_label (), ==, "Remove Corner");
  g_clear_pointer (&after, g_array_unref);

  /* Undone, the corner is back; Delete removes it too, once a click has focused it. */
  sitmap_test_key (GTK_WIDGET (window), "ctrl+z");
  sitmap_test_wait_until (n_corners_is, GUINT_TO_POINTER (n + 1), 5000, "the removal to be undone");
  after = area_corners (OFFENSIVE_ID);
  sitmap_test_click (edit_layer (), CX (after, 1), CY (after, 1));
  sitmap_test_wait_for_paint (edit_layer ());
  g_assert_cmpuint (after->len / 2, ==, n + 1);
  g_clear_pointer (&after, g_array_unref);
  sitmap_test_key (edit_layer (), "Delete");
  sitmap_test_wait_until (n_corners_is, GUINT_TO_POINTER (n), 5000, "Delete to remove the focused corner");
  g_assert_cmpstr (undo_label (), ==, "Remove Corner");

  /* Undo, step by step: the corner back, gone again, the first corner where it was. */
  sitmap_test_key (GTK_WIDGET (window), "ctrl+z");
  sitmap_test_wait_until (n_corners_is, GUINT_TO_POINTER (n + 1), 5000, "the removal to be undone");
  sitmap_test_key (GTK_WIDGET (window), "ctrl+z");
  sitmap_test_wait_until (n_corners_is, GUINT_TO_POINTER (n), 5000, "the added corner to be undone");
  sitmap_test_key (GTK_WIDGET (window), "ctrl+z");
  sitmap_test_wait_for_paint (edit_layer ());
  after = area_corners (OFFENSIVE_ID);
  for (guint i = 0; i < n; i++)
    g_assert_cmpfloat (hypot (CX (after, i) - CX (before, i), CY (after, i) - CY (before, i)), <, 0.01);
  close_menus ();
}

static gboolean
document_view_shown (gpointer data)
{
  return shumate_viewport_get_zoom_level (viewport ()) > 1;
}

int
main (int argc, char *argv[])
{
  g_autoptr (SitmapApplication) app = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  app = sitmap_application_new ();
  window = sitmap_test_start (app);
  sitmap_test_wait_for_document (window);
  /* The document's own view is applied once the map has its size. */
  sitmap_test_wait_until (document_view_shown, NULL, 5000, "the document's view");
  sitmap_test_wait_for_paint (GTK_WIDGET (sitmap_window_get_map (window)));

  g_test_add_func ("/map-edit/new-event-here", test_new_event_here);
  g_test_add_func ("/map-edit/move-marker", test_move_marker);
  g_test_add_func ("/map-edit/area-corners", test_area_corners);
  status = g_test_run ();

  /* The edits are the test's: leave without asking to save them. */
  sitmap_undo_stack_mark_saved (sitmap_document_get_undo_stack (document ()));
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_pointer (&new_event_at, g_variant_unref);
  return status;
}
