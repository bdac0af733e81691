/* test-annotations.c: drawing annotations on the real window with real clicks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "sitmap-annotation-draw.h"
#include "sitmap-annotation-popover.h"
#include "sitmap-geometry.h"
#include "sitmap-application.h"
#include "sitmap-ui-test.h"
#include "sitmap-undo-stack.h"
#include "sitmap-window.h"

#define SUKHNA_ID  "ev-2024-12-10-sukhna"
#define BAGHOUZ_ID "ev-2019-03-baghouz"

static SitmapApplication *app;
static SitmapWindow      *window;

static SitmapDocument *
document (void)
{
  return sitmap_view_state_get_document (sitmap_window_get_view_state (window));
}

static guint
n_annotations (void)
{
  return g_list_model_get_n_items (sitmap_document_get_annotations (document ()));
}

static gboolean
n_annotations_is (gpointer data)
{
  return n_annotations () == GPOINTER_TO_UINT (data);
}

static gboolean
tool_is (gpointer data)
{
  return sitmap_annotation_layer_get_tool (sitmap_window_get_annotation_layer (window)) == GPOINTER_TO_UINT (data);
}

static gboolean
selected_is (gpointer data)
{
  return sitmap_annotation_layer_get_selected (sitmap_window_get_annotation_layer (window)) == data;
}

static SitmapAnnotation *
annotation_at (guint i)
{
  g_autoptr (SitmapAnnotation) annotation = g_list_model_get_item (sitmap_document_get_annotations (document ()), i);

  return annotation;
}

static GtkWidget *
layer (void)
{
  return GTK_WIDGET (sitmap_window_get_annotation_layer (window));
}

static void
project (double latitude, double longitude, double *x, double *y)
{
  g_assert_true (
      sitmap_annotation_layer_project (sitmap_window_get_annotation_layer (window), latitude, longitude, x, y));
}

static void
arm (SitmapAnnotationTool tool)
{
  GtkWidget *button = sitmap_annotation_toolbar_get_tool_button (sitmap_window_get_annotation_toolbar (window), tool);

  sitmap_test_click (button, gtk_widget_get_width (button) / 2.0, gtk_widget_get_height (button) / 2.0);
  sitmap_test_wait_until (tool_is, GUINT_TO_POINTER (tool), 5000, "the tool to be armed");
}

static gboolean
is_annotation_blue (guint8 r, guint8 g, guint8 b)
{
  /* #1a5fb4, the shapes' default colour, anti-aliased */
  return b > 140 && r < 80 && g < 130 && b > r + 80;
}

static gboolean
layer_settled (gpointer data)
{
  return sitmap_annotation_layer_is_settled (SITMAP_ANNOTATION_LAYER (layer ()));
}

/* Blue pixels the annotation layer draws within 8 pixels of (x, y), once its worker has drawn them. */
static guint
blue_near (double x, double y)
{
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (layer ());
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  GskRenderer          *renderer = gtk_native_get_renderer (gtk_widget_get_native (layer ()));
  int                   width = gtk_widget_get_width (layer ()), height = gtk_widget_get_height (layer ());
  cairo_rectangle_int_t box = { (int)x - 8, (int)y - 8, 16, 16 };

  sitmap_test_wait_for_paint (layer ());
  sitmap_test_wait_until (layer_settled, NULL, 5000, "the annotations to be drawn");
  /* The worker's tiles, painted: the paintable takes the layer's last render node. */
  sitmap_test_wait_for_paint (layer ());
  /* A layer that draws nothing makes no node at all. */
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return 0;
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  return sitmap_test_count_pixels (texture, &box, is_annotation_blue);
}

static void
close_popovers (void)
{
  sitmap_test_key (GTK_WIDGET (window), "Escape");
  sitmap_test_wait_for_paint (GTK_WIDGET (window));
}

/* An arrow dragged on the map is added where it was drawn, is drawn there, and stays on the ground
 * when the map zooms; the events beneath do not take the clicks. */
static void
test_draw_arrow (void)
{
  ShumateViewport  *viewport = shumate_simple_map_get_viewport (sitmap_window_get_map (window));
  SitmapAnnotation *arrow;
  double            x0, y0, x1, y1, latitude, longitude, mx, my, old_mx, old_my;

  shumate_location_set_location (SHUMATE_LOCATION (viewport), 34.5, 39.5);
  shumate_viewport_set_zoom_level (viewport, 7);
  sitmap_test_wait_for_paint (layer ());
  g_assert_cmpuint (n_annotations (), ==, 0);

  arm (SITMAP_ANNOTATION_TOOL_ARROW);
  project (34.0, 40.2, &x0, &y0);
  project (34.4, 41.2, &x1, &y1);
  sitmap_test_drag (layer (), x0, y0, x1, y1);
  sitmap_test_wait_until (n_annotations_is, GUINT_TO_POINTER (1), 5000, "the arrow to be added");
  close_popovers ();

  arrow = annotation_at (0);
  g_assert_cmpint (sitmap_annotation_get_kind (arrow), ==, SITMAP_ANNOTATION_ARROW);
  /* Its ends are where the pointer pressed and let go, to the pixel. */
  sitmap_annotation_get_point (arrow, 0, &latitude, &longitude);
  project (latitude, longitude, &mx, &my);
  g_assert_cmpfloat (fabs (mx - x0), <=, 1.5);
  g_assert_cmpfloat (fabs (my - y0), <=, 1.5);
  sitmap_annotation_get_point (arrow, 1, &latitude, &longitude);
  project (latitude, longitude, &mx, &my);
  g_assert_cmpfloat (fabs (mx - x1), <=, 1.5);
  g_assert_cmpfloat (fabs (my - y1), <=, 1.5);
  /* The tool is done: back to selecting; nothing on the map was selected by the drag. */
  g_assert_cmpuint (sitmap_annotation_layer_get_tool (sitmap_window_get_annotation_layer (window)), ==,
                    SITMAP_ANNOTATION_TOOL_SELECT);
  g_assert_cmpint (sitmap_view_state_get_selected (sitmap_window_get_view_state (window)), ==, -1);
  g_assert_true (sitmap_undo_stack_get_modified (sitmap_document_get_undo_stack (document ())));

  /* Drawn along its shaft. */
  old_mx = (x0 + x1) / 2, old_my = (y0 + y1) / 2;
  g_assert_cmpuint (blue_near (old_mx, old_my), >, 10);

  /* Zoomed in about the centre, the shaft is twice as far from it: drawn there, no longer here. */
  shumate_viewport_set_zoom_level (viewport, 8);
  sitmap_test_wait_for_paint (layer ());
  project ((34.0 + 34.4) / 2, (40.2 + 41.2) / 2, &mx, &my);
  g_assert_cmpfloat (hypot (mx - old_mx, my - old_my), >, 50);
  g_assert_cmpuint (blue_near (mx, my), >, 10);
  g_assert_cmpuint (blue_near (old_mx, old_my), ==, 0);
  shumate_viewport_set_zoom_level (viewport, 7);
  sitmap_test_wait_for_paint (layer ());

  /* Panned a little (the layer then moves what it drew) and a lot (it draws again): on the ground both times. */
  for (guint i = 0; i < 2; i++)
    {
      double step = i == 0 ? 0.8 : 4;

      project ((34.0 + 34.4) / 2, (40.2 + 41.2) / 2, &old_mx, &old_my);
      shumate_location_set_location (SHUMATE_LOCATION (viewport), 34.5 + step / 2, 39.5 + step);
      sitmap_test_wait_for_paint (layer ());
      project ((34.0 + 34.4) / 2, (40.2 + 41.2) / 2, &mx, &my);
      g_assert_cmpfloat (hypot (mx - old_mx, my - old_my), >, 40);
      g_assert_cmpuint (blue_near (mx, my), >, 10);
      g_assert_cmpuint (blue_near (old_mx, old_my), ==, 0);
      shumate_location_set_location (SHUMATE_LOCATION (viewport), 34.5, 39.5);
      sitmap_test_wait_for_paint (layer ());
    }
}

/* A label tool click on an event writes a label there; the event is not selected. */
static void
test_label_over_event (void)
{
  gint              sukhna = sitmap_document_find_event (document (), SUKHNA_ID);
  SitmapAnnotation *label;
  double            x, y;

  g_assert_cmpint (sukhna, >=, 0);
  g_assert_true (sitmap_event_layer_get_event_point (sitmap_window_get_event_layer (window), sukhna, &x, &y));
  arm (SITMAP_ANNOTATION_TOOL_LABEL);
  sitmap_test_click (layer (), x, y);
  sitmap_test_wait_until (n_annotations_is, GUINT_TO_POINTER (2), 5000, "the label to be added");
  label = annotation_at (1);
  g_assert_cmpint (sitmap_annotation_get_kind (label), ==, SITMAP_ANNOTATION_LABEL);
  g_assert_cmpint (sitmap_view_state_get_selected (sitmap_window_get_view_state (window)), ==, -1);

  /* Its popover takes the words typed over the placeholder. */
  sitmap_test_type (GTK_WIDGET (window), "Ambush site");
  sitmap_test_key (GTK_WIDGET (window), "Return");
  sitmap_test_wait_for_paint (layer ());
  g_assert_cmpstr (sitmap_annotation_get_text (label), ==, "Ambush site");
  g_assert_false (sitmap_annotation_has_leader (label));
  close_popovers ();
}

/* Select by a click, Delete deletes, Ctrl+Z brings it back, Ctrl+Shift+Z deletes it again. */
static void
test_select_delete_undo (void)
{
  SitmapAnnotationLayer *annotations = sitmap_window_get_annotation_layer (window);
  SitmapAnnotation      *arrow = annotation_at (0);
  double                 x0, y0, x1, y1, latitude, longitude;

  sitmap_annotation_layer_set_selected (annotations, NULL);
  sitmap_annotation_get_point (arrow, 0, &latitude, &longitude);
  project (latitude, longitude, &x0, &y0);
  sitmap_annotation_get_point (arrow, 1, &latitude, &longitude);
  project (latitude, longitude, &x1, &y1);
  sitmap_test_click (layer (), (x0 + x1) / 2, (y0 + y1) / 2);
  sitmap_test_wait_until (selected_is, arrow, 5000, "the arrow to be selected");

  sitmap_test_key (GTK_WIDGET (window), "Delete");
  sitmap_test_wait_until (n_annotations_is, GUINT_TO_POINTER (1), 5000, "the arrow to be deleted");
  sitmap_test_key (GTK_WIDGET (window), "ctrl+z");
  sitmap_test_wait_until (n_annotations_is, GUINT_TO_POINTER (2), 5000, "the undo to bring it back");
  g_assert_true (annotation_at (0) == arrow);
  sitmap_test_key (GTK_WIDGET (window), "ctrl+shift+z");
  sitmap_test_wait_until (n_annotations_is, GUINT_TO_POINTER (1), 5000, "the redo to delete it again");
  sitmap_test_key (GTK_WIDGET (window), "ctrl+z");
  sitmap_test_wait_until (n_annotations_is, GUINT_TO_POINTER (2), 5000, "the undo to bring it back again");
}

/* A drag moves it on the ground, and one undo takes back the whole drag. */
static void
test_move_by_drag (void)
{
  SitmapAnnotation *arrow = annotation_at (0);
  double            x0, y0, x1, y1, latitude, longitude, before_latitude, before_longitude, mx, my;

  sitmap_annotation_get_point (arrow, 0, &before_latitude, &before_longitude);
  project (before_latitude, before_longitude, &x0, &y0);
  sitmap_annotation_get_point (arrow, 1, &latitude, &longitude);
  project (latitude, longitude, &x1, &y1);
  mx = (x0 + x1) / 2, my = (y0 + y1) / 2;
  sitmap_test_drag (layer (), mx, my, mx - 60, my + 40);
  sitmap_test_wait_for_paint (layer ());
  close_popovers ();
  sitmap_annotation_get_point (arrow, 0, &latitude, &longitude);
  project (latitude, longitude, &mx, &my);
  g_assert_cmpfloat (fabs (mx - (x0 - 60)), <=, 1.5);
  g_assert_cmpfloat (fabs (my - (y0 + 40)), <=, 1.5);
  g_assert_cmpstr (sitmap_undo_stack_get_undo_label (sitmap_document_get_undo_stack (document ())), ==, "Move Arrow");

  sitmap_test_key (GTK_WIDGET (window), "ctrl+z");
  sitmap_test_wait_for_paint (layer ());
  sitmap_annotation_get_point (arrow, 0, &latitude, &longitude);
  g_assert_cmpfloat (latitude, ==, before_latitude);
  g_assert_cmpfloat (longitude, ==, before_longitude);
}

/* The switch hides them: none is drawn, and the tools rest. */
static void
test_hide_layer (void)
{
  GtkWidget *button = sitmap_annotation_toolbar_get_visibility_button (sitmap_window_get_annotation_toolbar (window));
  SitmapAnnotation *arrow = annotation_at (0);
  double            x0, y0, x1, y1, latitude, longitude;

  sitmap_annotation_get_point (arrow, 0, &latitude, &longitude);
  project (latitude, longitude, &x0, &y0);
  sitmap_annotation_get_point (arrow, 1, &latitude, &longitude);
  project (latitude, longitude, &x1, &y1);
  g_assert_cmpuint (blue_near ((x0 + x1) / 2, (y0 + y1) / 2), >, 10);

  sitmap_test_click (button, gtk_widget_get_width (button) / 2.0, gtk_widget_get_height (button) / 2.0);
  sitmap_test_wait_for_paint (layer ());
  g_assert_false (sitmap_document_get_annotations_visible (document ()));
  g_assert_cmpuint (blue_near ((x0 + x1) / 2, (y0 + y1) / 2), ==, 0);
  g_assert_false (gtk_widget_is_sensitive (sitmap_annotation_toolbar_get_tool_button (
      sitmap_window_get_annotation_toolbar (window), SITMAP_ANNOTATION_TOOL_ARROW)));

  sitmap_test_click (button, gtk_widget_get_width (button) / 2.0, gtk_widget_get_height (button) / 2.0);
  sitmap_test_wait_for_paint (layer ());
  g_assert_true (sitmap_document_get_annotations_visible (document ()));
  g_assert_cmpuint (blue_near ((x0 + x1) / 2, (y0 + y1) / 2), >, 10);
}

/* An area by clicks, closed by a click on its first corner; a circle by a drag from its centre to its rim. */
static void
test_area_and_circle (void)
{
  static const double corners[][2] = { { 33.2, 39.2 }, { 33.6, 40.4 }, { 32.9, 40.6 } };
  guint               n = n_annotations ();
  SitmapAnnotation   *area, *circle;
  double              x, y, cx, cy, latitude, longitude, rim_latitude, rim_longitude, mx, my;

  arm (SITMAP_ANNOTATION_TOOL_AREA);
  for (guint i = 0; i < G_N_ELEMENTS (corners); i++)
    {
      project (corners[i][0], corners[i][1], &x, &y);
      sitmap_test_click (layer (), x, y);
      sitmap_test_wait_for_paint (layer ());
      /* Slower than a double click, which would close it. */
      g_usleep (600000);
    }
  g_assert_cmpuint (n_annotations (), ==, n);
  project (corners[0][0], corners[0][1], &x, &y);
  sitmap_test_click (layer (), x, y);
  sitmap_test_wait_until (n_annotations_is, GUINT_TO_POINTER (n + 1), 5000, "the area to be closed");
  close_popovers ();
  area = annotation_at (n);
  g_assert_cmpint (sitmap_annotation_get_kind (area), ==, SITMAP_ANNOTATION_AREA);
  g_assert_cmpuint (sitmap_annotation_get_n_points (area), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      double ex, ey;

      sitmap_annotation_get_point (area, i, &latitude, &longitude);
      project (latitude, longitude, &mx, &my);
      project (corners[i][0], corners[i][1], &ex, &ey);
      g_assert_cmpfloat (hypot (mx - ex, my - ey), <=, 2);
    }

  arm (SITMAP_ANNOTATION_TOOL_CIRCLE);
  project (35.3, 41.5, &cx, &cy);
  sitmap_test_drag (layer (), cx, cy, cx + 60, cy);
  sitmap_test_wait_until (n_annotations_is, GUINT_TO_POINTER (n + 2), 5000, "the circle to be added");
  close_popovers ();
  circle = annotation_at (n + 1);
  g_assert_cmpint (sitmap_annotation_get_kind (circle), ==, SITMAP_ANNOTATION_CIRCLE);
  sitmap_annotation_get_point (circle, 0, &latitude, &longitude);
  project (latitude, longitude, &mx, &my);
  g_assert_cmpfloat (hypot (mx - cx, my - cy), <=, 1.5);
  {
    ShumateViewport *viewport = shumate_simple_map_get_viewport (sitmap_window_get_map (window));
    double           expected;

    /* The radius is the ground between the press and the release. */
    shumate_viewport_widget_coords_to_location (viewport, layer (), cx + 60, cy, &rim_latitude, &rim_longitude);
    expected = sitmap_geodesic_distance (latitude, longitude, rim_latitude, rim_longitude);
    g_assert_cmpfloat (fabs (sitmap_annotation_get_radius (circle) - expected), <, expected * 0.03);
  }
}

/* The last area of the document (test_area_and_circle draws one). */
static SitmapAnnotation *
last_area (void)
{
  for (guint i = n_annotations (); i-- > 0;)
    if (sitmap_annotation_get_kind (annotation_at (i)) == SITMAP_ANNOTATION_AREA)
      return annotation_at (i);
  g_assert_not_reached ();
}

static void
corner_on_screen (SitmapAnnotation *area, guint i, double *x, double *y)
{
  double latitude, longitude;

  sitmap_annotation_get_point (area, i, &latitude, &longitude);
  project (latitude, longitude, x, y);
}

static const char *
undo_label (void)
{
  return sitmap_undo_stack_get_undo_label (sitmap_document_get_undo_stack (document ()));
}

static gboolean
n_points_is (gpointer data)
{
  return sitmap_annotation_get_n_points (last_area ()) == GPOINTER_TO_UINT (data);
}

static gboolean
menu_shown (gpointer data)
{
  g_autoptr (GPtrArray) menus = sitmap_test_find_shown (layer (), GTK_TYPE_POPOVER_MENU);

  return menus->len > 0;
}

/* The corner's menu, once it is drawn (its items have a size then). */
static GtkWidget *
shown_menu (void)
{
  g_autoptr (GPtrArray) menus = NULL;

  sitmap_test_wait_until (menu_shown, NULL, 5000, "the corner's menu");
  menus = sitmap_test_find_shown (layer (), GTK_TYPE_POPOVER_MENU);
  sitmap_test_wait_for_paint (g_ptr_array_index (menus, 0));
  return g_ptr_array_index (menus, 0);
}

/* The selected area's corners: a drag from a side's middle adds one, a drag moves it, its menu removes
 * it, and an area never has fewer than three; each is one undo step. */
static void
test_area_corners (void)
{
  SitmapAnnotation *area = last_area ();
  guint n = sitmap_annotation_get_n_points (area);
  g_autofree double *before = g_new (double, 2 * n);
  double x0, y0, x1, y1, x, y, mx, my;
  GtkWidget *item;

  for (guint i = 0; i < n; i++)
    sitmap_annotation_get_point (area, i, &before[2 * i], &before[2 * i + 1]);
  arm (SITMAP_ANNOTATION_TOOL_SELECT);
  sitmap_annotation_layer_set_selected (sitmap_window_get_annotation_layer (window), area);
  sitmap_test_wait_for_paint (layer ());
  /* The handle in the middle of the first side is drawn. */
  corner_on_screen (area, 0, &x0, &y0);
  corner_on_screen (area, 1, &x1, &y1);
  mx = (x0 + x1) / 2, my = (y0 + y1) / 2;
  if (g_getenv ("SITMAP_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("SITMAP_SCREENSHOT_DIR"), "annotation-corners.png", NULL);
      g_autoptr (GdkTexture) shot = sitmap_test_render (GTK_WIDGET (window), path);
    }

  /* Add: a drag from the side's middle. */
  sitmap_test_drag (layer (), mx, my, mx + 30, my - 40);
  sitmap_test_wait_for_paint (layer ());
  g_assert_cmpuint (sitmap_annotation_get_n_points (area), ==, n + 1);
  corner_on_screen (area, 1, &x, &y);
  g_assert_cmpfloat (hypot (x - (mx + 30), y - (my - 40)), <=, 1.5);
  g_assert_cmpstr (undo_label (), ==, "Reshape Area");

  /* Move it. */
  sitmap_test_drag (layer (), x, y, x + 25, y + 15);
  sitmap_test_wait_for_paint (layer ());
  g_assert_cmpuint (sitmap_annotation_get_n_points (area), ==, n + 1);
  corner_on_screen (area, 1, &mx, &my);
  g_assert_cmpfloat (hypot (mx - (x + 25), my - (y + 15)), <=, 1.5);

  /* Remove it from its menu. */
  sitmap_test_click_button (layer (), 3, mx, my);
  {
    GtkWidget *menu = shown_menu ();
    g_autoptr (GPtrArray) buttons = sitmap_test_find_shown (menu, g_type_from_name ("GtkModelButton"));
    g_autofree char *text = sitmap_test_collect_text (menu);

    g_assert_nonnull (strstr (text, "Remove Corner"));
    g_assert_cmpuint (buttons->len, ==, 1);
    item = g_ptr_array_index (buttons, 0);
    sitmap_test_click (item, gtk_widget_get_width (item) / 2.0, gtk_widget_get_height (item) / 2.0);
  }
  sitmap_test_wait_until (n_points_is, GUINT_TO_POINTER (n), 5000, "the corner to be removed");

  /* With three corners left, its menu cannot remove one, nor can Delete (which leaves the area too). */
  g_assert_cmpuint (n, ==, 3);
  corner_on_screen (area, 0, &x, &y);
  sitmap_test_click_button (layer (), 3, x, y);
  {
    GtkWidget *menu = shown_menu ();
    g_autoptr (GPtrArray) buttons = sitmap_test_find_shown (menu, g_type_from_name ("GtkModelButton"));

    g_assert_false (gtk_widget_is_sensitive (g_ptr_array_index (buttons, 0)));
    gtk_popover_popdown (GTK_POPOVER (menu));
  }
  {
    guint count = n_annotations ();

    gtk_widget_grab_focus (layer ());
    sitmap_test_key (layer (), "Delete");
    sitmap_test_wait_for_paint (layer ());
    g_assert_cmpuint (sitmap_annotation_get_n_points (area), ==, 3);
    g_assert_cmpuint (n_annotations (), ==, count);
  }

  /* Undo, step by step: the removal, the move, the added corner. */
  sitmap_test_key (GTK_WIDGET (window), "ctrl+z");
  sitmap_test_wait_for_paint (layer ());
  g_assert_cmpuint (sitmap_annotation_get_n_points (area), ==, n + 1);
  corner_on_screen (area, 1, &x, &y);
  g_assert_cmpfloat (hypot (x - mx, y - my), <=, 1.5);
  sitmap_test_key (GTK_WIDGET (window), "ctrl+z");
  sitmap_test_wait_for_paint (layer ());
  corner_on_screen (area, 1, &x, &y);
  g_assert_cmpfloat (hypot (x - (mx - 25), y - (my - 15)), <=, 1.5);
  sitmap_test_key (GTK_WIDGET (window), "ctrl+z");
  sitmap_test_wait_for_paint (layer ());
  g_assert_cmpuint (sitmap_annotation_get_n_points (area), ==, n);
  for (guint i = 0; i < n; i++)
    {
      double latitude, longitude;

      sitmap_annotation_get_point (area, i, &latitude, &longitude);
      g_assert_cmpfloat (latitude, ==, before[2 * i]);
      g_assert_cmpfloat (longitude, ==, before[2 * i + 1]);
    }
  close_popovers ();
}

/* With a drawing tool armed, the middle button still pans the map, and draws nothing. */
static void
test_middle_button_pans (void)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (sitmap_window_get_map (window));
  double           before = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  guint            n = n_annotations ();
  double           w = gtk_widget_get_width (layer ()), h = gtk_widget_get_height (layer ());

  arm (SITMAP_ANNOTATION_TOOL_ARROW);
  sitmap_test_drag_button (layer (), 2, w / 2, h / 2, w / 2 - 120, h / 2);
  sitmap_test_wait_for_paint (layer ());
  /* Dragged west, the map shows what lies east. */
  g_assert_cmpfloat (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), >, before + 0.5);
  g_assert_cmpuint (n_annotations (), ==, n);
  g_assert_cmpuint (sitmap_annotation_layer_get_tool (sitmap_window_get_annotation_layer (window)), ==,
                    SITMAP_ANNOTATION_TOOL_ARROW);
  /* Escape puts the tool down. */
  sitmap_test_key (GTK_WIDGET (window), "Escape");
  sitmap_test_wait_until (tool_is, GUINT_TO_POINTER (SITMAP_ANNOTATION_TOOL_SELECT), 5000, "the tool to be put down");
  shumate_location_set_location (SHUMATE_LOCATION (viewport), 34.5, 39.5);
  sitmap_test_wait_for_paint (layer ());
}

static gboolean
n_ringed_is (gpointer data)
{
  SitmapAnnotation *ring = annotation_at (n_annotations () - 1);
  guint n_ids;

  sitmap_annotation_get_event_ids (ring, &n_ids);
  return sitmap_annotation_get_kind (ring) == SITMAP_ANNOTATION_HIGHLIGHT && n_ids == GPOINTER_TO_UINT (data);
}

static guint
n_popovers_shown (void)
{
  g_autoptr (GPtrArray) shown = sitmap_test_find_shown (window, SITMAP_TYPE_ANNOTATION_POPOVER);

  return shown->len;
}

static gboolean
popover_shown (gpointer data)
{
  return n_popovers_shown () > 0;
}

static void
event_point (const char *id, double *x, double *y)
{
  gint position = sitmap_document_find_event (document (), id);

  g_assert_cmpint (position, >=, 0);
  g_assert_true (sitmap_event_layer_get_event_point (sitmap_window_get_event_layer (window), position, x, y));
}

/* The ring tool picks events one click after another: nothing covers the map meanwhile, and no click is
 * lost to a popover closing. Done (or Escape) ends the picking; Done opens the ring's popover. */
static void
test_ring_tool_picks (void)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (sitmap_window_get_map (window));
  guint n = n_annotations ();
  GtkWidget *done;
  double x, y;

  shumate_location_set_location (SHUMATE_LOCATION (viewport), 34.6, 39.9);
  shumate_viewport_set_zoom_level (viewport, 7);
  sitmap_test_wait_for_paint (layer ());
  arm (SITMAP_ANNOTATION_TOOL_HIGHLIGHT);

  event_point (SUKHNA_ID, &x, &y);
  sitmap_test_click (layer (), x, y);
  sitmap_test_wait_until (n_annotations_is, GUINT_TO_POINTER (n + 1), 5000, "the ring to be added");
  sitmap_test_wait_for_paint (layer ());
  if (g_getenv ("SITMAP_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("SITMAP_SCREENSHOT_DIR"), "ring-tool-first-pick.png", NULL);
      g_autoptr (GdkTexture) shot = sitmap_test_render (GTK_WIDGET (window), path);
    }

  /* The next click rings the next event. */
  event_point (BAGHOUZ_ID, &x, &y);
  sitmap_test_click (layer (), x, y);
  sitmap_test_wait_until (n_ringed_is, GUINT_TO_POINTER (2), 5000, "the second event to be ringed");
  g_assert_cmpuint (n_popovers_shown (), ==, 0);
  g_assert_cmpuint (sitmap_annotation_layer_get_tool (sitmap_window_get_annotation_layer (window)), ==,
                    SITMAP_ANNOTATION_TOOL_HIGHLIGHT);
  /* And a click on a ringed one takes it out again. */
  sitmap_test_click (layer (), x, y);
  sitmap_test_wait_until (n_ringed_is, GUINT_TO_POINTER (1), 5000, "the second event to be taken out");
  sitmap_test_click (layer (), x, y);
  sitmap_test_wait_until (n_ringed_is, GUINT_TO_POINTER (2), 5000, "the second event to be ringed again");

  /* Done: the tool is put down, and the ring's popover asks for its words. */
  done = sitmap_annotation_layer_get_done_button (sitmap_window_get_annotation_layer (window));
  g_assert_true (gtk_widget_get_mapped (done));
  sitmap_test_click_centre (done);
  sitmap_test_wait_until (tool_is, GUINT_TO_POINTER (SITMAP_ANNOTATION_TOOL_SELECT), 5000, "the tool to be put down");
  sitmap_test_wait_until (popover_shown, NULL, 5000, "the ring's popover");
  g_assert_false (gtk_widget_get_mapped (done));
  g_assert_true (sitmap_annotation_layer_get_selected (sitmap_window_get_annotation_layer (window))
                 == annotation_at (n));
  close_popovers ();
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  app = sitmap_application_new ();
  window = sitmap_test_start (app);
  sitmap_test_wait_for_document (window);

  g_test_add_func ("/annotations/draw-arrow", test_draw_arrow);
  g_test_add_func ("/annotations/label-over-event", test_label_over_event);
  g_test_add_func ("/annotations/select-delete-undo", test_select_delete_undo);
  g_test_add_func ("/annotations/move-by-drag", test_move_by_drag);
  g_test_add_func ("/annotations/hide-layer", test_hide_layer);
  g_test_add_func ("/annotations/area-and-circle", test_area_and_circle);
  g_test_add_func ("/annotations/area-corners", test_area_corners);
  g_test_add_func ("/annotations/middle-button-pans", test_middle_button_pans);
  g_test_add_func ("/annotations/ring-tool-picks", test_ring_tool_picks);
  status = g_test_run ();

  /* The edits are the test's: leave without asking to save them. */
  sitmap_undo_stack_mark_saved (sitmap_document_get_undo_stack (document ()));
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  return status;
}
