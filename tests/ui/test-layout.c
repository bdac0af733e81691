/* test-layout.c: the window at the sizes people use, from the smallest it accepts to a large screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <shumate/shumate.h>

#include "sitmap-application.h"
#include "sitmap-ui-test.h"
#include "sitmap-window.h"

#define SUKHNA_ID "ev-2024-12-10-sukhna"

/* The map's least width beside the sidebar, and the sidebar's first width: the window folds the
 * sidebar below their sum. */
#define MAP_MIN_WIDTH     560
#define SIDEBAR_WIDTH     440
#define MAP_MIN_HEIGHT    300

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

static GtkWidget *
map (void)
{
  return GTK_WIDGET (sitmap_window_get_map (window));
}

static GtkWidget *
sidebar (void)
{
  return GTK_WIDGET (sitmap_window_get_sidebar (window));
}

static graphene_rect_t
bounds_of (GtkWidget *widget)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (window), &bounds));
  return bounds;
}

static gboolean
sidebar_shown (void)
{
  gboolean shown = FALSE;

  g_object_get (window, "show-sidebar", &shown, NULL);
  return shown;
}

typedef struct
{
  graphene_rect_t map, sidebar;
  guint           still; /* frames in a row with the same layout */
} Settling;

static void
settle_tick (Settling *settling)
{
  graphene_rect_t map_bounds = bounds_of (map ());
  graphene_rect_t sidebar_bounds = GRAPHENE_RECT_INIT (0, 0, 0, 0);

  if (gtk_widget_get_mapped (sidebar ()))
    sidebar_bounds = bounds_of (sidebar ());
  if (graphene_rect_equal (&map_bounds, &settling->map) && graphene_rect_equal (&sidebar_bounds, &settling->sidebar))
    settling->still++;
  else
    settling->still = 0;
  settling->map = map_bounds;
  settling->sidebar = sidebar_bounds;
}

/* Waits until the sidebar has stopped sliding and folding: the same layout three frames in a row. */
static void
wait_for_layout (void)
{
  Settling settling = { GRAPHENE_RECT_INIT (-1, -1, 0, 0), GRAPHENE_RECT_INIT (-1, -1, 0, 0), 0 };
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (settling.still < 3)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for the layout to settle");
      sitmap_test_wait_for_paint (GTK_WIDGET (window));
      settle_tick (&settling);
    }
}

static void
resize (int width, int height)
{
  g_test_message ("window at %d×%d", width, height);
  g_assert_true (sitmap_test_resize (GTK_WINDOW (window), width, height));
  wait_for_layout ();
}

static gboolean
shown_is (gpointer data)
{
  return sidebar_shown () == GPOINTER_TO_INT (data);
}

#define wait_for_shown(shown) (g_test_message ("line %d: waiting for the sidebar to be %s", __LINE__, \
                                                (shown) ? "shown" : "hidden"), \
                               wait_for_shown_ (shown))

static void
wait_for_shown_ (gboolean shown)
{
  sitmap_test_wait_until (shown_is, GINT_TO_POINTER (shown), 5000,
                          shown ? "the sidebar to be shown" : "the sidebar to go away");
  wait_for_layout ();
}

static gboolean
selection_is (gpointer data)
{
  return sitmap_view_state_get_selected (state ()) == GPOINTER_TO_INT (data);
}

static gint
find_event (const char *id)
{
  gint position = sitmap_document_find_event (document (), id);

  g_assert_cmpint (position, >=, 0);
  return position;
}

/* The header bar's button that runs action, or toggles it. */
static GtkWidget *
find_action_button (const char *action)
{
  g_autoptr (GPtrArray) buttons = sitmap_test_find_shown (window, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (buttons->pdata[i]), action) == 0)
      return buttons->pdata[i];
  g_error ("no shown button runs %s", action);
  return NULL;
}

static GtkWidget *
sidebar_button (void)
{
  return find_action_button ("win.show-sidebar");
}

static int
remembered_sidebar_width (void)
{
  g_autoptr (GSettings) settings = g_settings_new ("io.github.sitmap.Sitmap");

  return g_settings_get_int (settings, "sidebar-width");
}

/*
 * What a layout must be: nothing over anything else, nothing cut
 */

static void
assert_inside (GtkWidget *widget, GtkWidget *container)
{
  graphene_rect_t inner = bounds_of (widget), outer = bounds_of (container);

  /* Rounding of fractional positions aside. */
  graphene_rect_inset (&outer, -0.5f, -0.5f);
  if (!graphene_rect_contains_rect (&outer, &inner))
    g_error ("%s (%.0f,%.0f %.0f×%.0f) is not inside %s (%.0f,%.0f %.0f×%.0f)", G_OBJECT_TYPE_NAME (widget),
             inner.origin.x, inner.origin.y, inner.size.width, inner.size.height, G_OBJECT_TYPE_NAME (container),
             outer.origin.x, outer.origin.y, outer.size.width, outer.size.height);
}

static void
assert_apart (GPtrArray *widgets, const char *where)
{
  for (guint i = 0; i < widgets->len; i++)
    for (guint j = i + 1; j < widgets->len; j++)
      {
        graphene_rect_t a = bounds_of (widgets->pdata[i]), b = bounds_of (widgets->pdata[j]), both;

        if (graphene_rect_intersection (&a, &b, &both) && both.size.width >= 1 && both.size.height >= 1)
          g_error ("In the %s, %s (%.0f,%.0f %.0f×%.0f) overlaps %s (%.0f,%.0f %.0f×%.0f)", where,
                   G_OBJECT_TYPE_NAME (widgets->pdata[i]), a.origin.x, a.origin.y, a.size.width, a.size.height,
                   G_OBJECT_TYPE_NAME (widgets->pdata[j]), b.origin.x, b.origin.y, b.size.width, b.size.height);
      }
}

/* No label shown inside widget is cut to an ellipsis, but those named in allowed. */
static void
assert_nothing_cut (GtkWidget *widget, const char *const *allowed)
{
  g_autoptr (GPtrArray) labels = sitmap_test_find_shown (widget, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = labels->pdata[i];

      if (pango_layout_is_ellipsized (gtk_label_get_layout (label)) &&
          (allowed == NULL || !g_strv_contains (allowed, gtk_label_get_text (label))))
        g_error ("“%s” is cut to an ellipsis (%d px for it)", gtk_label_get_text (label),
                 gtk_widget_get_width (GTK_WIDGET (label)));
    }
}

/* The header bar's items: open, the title, the map source, the sidebar button, the menu, the window's
 * buttons. */
static void
check_header_bar (gboolean title_may_shrink)
{
  GtkWidget *header = sitmap_test_find_first_shown (window, ADW_TYPE_HEADER_BAR);
  g_autoptr (GPtrArray) items = g_ptr_array_new ();
  g_autoptr (GPtrArray) menus = sitmap_test_find_shown (header, GTK_TYPE_MENU_BUTTON);
  AdwWindowTitle *window_title = ADW_WINDOW_TITLE (sitmap_test_find_first_shown (header, ADW_TYPE_WINDOW_TITLE));
  const char *title[] = { adw_window_title_get_title (window_title), adw_window_title_get_subtitle (window_title),
                          NULL };

  g_ptr_array_add (items, find_action_button ("win.open"));
  g_ptr_array_add (items, window_title);
  g_ptr_array_add (items, sitmap_window_get_source_chooser (window));
  g_ptr_array_add (items, sidebar_button ());
  for (guint i = 0; i < menus->len; i++)
    if (gtk_menu_button_get_primary (menus->pdata[i]))
      g_ptr_array_add (items, menus->pdata[i]);
  g_ptr_array_add (items, sitmap_test_find_first_shown (header, GTK_TYPE_WINDOW_CONTROLS));
  g_assert_cmpuint (items->len, ==, 6);
  for (guint i = 0; i < items->len; i++)
    assert_inside (items->pdata[i], header);
  assert_apart (items, "header bar");
  /* The document's title and file name may be cut where the window is at its narrowest (a long one
   * always is somewhere); nothing else. */
  assert_nothing_cut (header, title_may_shrink ? title : NULL);
}

/* The timeline's header row: playback, the range, the hint, "show all", the undated events. */
static void
check_timeline_header (void)
{
  GtkWidget *timeline = GTK_WIDGET (sitmap_window_get_timeline (window));
  /* The row is the timeline's one child, a widget of its own */
  GtkWidget *row = gtk_widget_get_first_child (timeline);
  g_autoptr (GPtrArray) items = g_ptr_array_new ();

  g_assert_nonnull (row);
  g_assert_null (gtk_widget_get_next_sibling (row));
  for (GtkWidget *child = gtk_widget_get_first_child (row); child; child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_mapped (child))
      {
        assert_inside (child, timeline);
        g_ptr_array_add (items, child);
      }
  /* Playback, the range, "show all" and the undated events at least. */
  g_assert_cmpuint (items->len, >=, 4);
  assert_apart (items, "timeline's header");
  assert_nothing_cut (timeline, NULL);
}

/* The map's overlays: the annotation tools, the zoom buttons, the scale bar, the attribution. */
static void
check_map (void)
{
  ShumateSimpleMap *simple = sitmap_window_get_map (window);
  g_autoptr (GPtrArray) items = g_ptr_array_new ();
  graphene_rect_t bounds = bounds_of (map ());

  g_ptr_array_add (items, sitmap_window_get_annotation_toolbar (window));
  g_ptr_array_add (items, gtk_widget_get_parent (GTK_WIDGET (shumate_simple_map_get_compass (simple))));
  g_ptr_array_add (items, shumate_simple_map_get_scale (simple));
  g_ptr_array_add (items, shumate_simple_map_get_license (simple));
  for (guint i = 0; i < items->len; i++)
    {
      g_assert_true (gtk_widget_get_mapped (items->pdata[i]));
      assert_inside (items->pdata[i], map ());
    }
  assert_apart (items, "map");
  assert_nothing_cut (map (), NULL);
  g_test_message ("the map is %.0f×%.0f", bounds.size.width, bounds.size.height);
  g_assert_cmpfloat (bounds.size.width, >=, MAP_MIN_WIDTH);
  g_assert_cmpfloat (bounds.size.height, >=, MAP_MIN_HEIGHT);
}

/* Beside the map at its width (the default, or as the user left it), or folded away with the map across
 * the whole window. */
static void
check_sidebar (int width)
{
  graphene_rect_t map_bounds = bounds_of (map ());
  int sidebar_width = remembered_sidebar_width ();

  if (width < MAP_MIN_WIDTH + sidebar_width)
    {
      g_assert_false (sidebar_shown ());
      g_assert_false (gtk_widget_get_mapped (sidebar ()));
      g_assert_cmpfloat (map_bounds.size.width, ==, width);
    }
  else
    {
      graphene_rect_t sidebar_bounds;

      g_assert_true (sidebar_shown ());
      sidebar_bounds = bounds_of (sidebar ());
      g_assert_cmpfloat (sidebar_bounds.size.width, ==, sidebar_width);
      g_assert_cmpfloat (map_bounds.origin.x + map_bounds.size.width, <=, sidebar_bounds.origin.x);
      g_assert_cmpfloat (sidebar_bounds.origin.x + sidebar_bounds.size.width, ==, width);
      assert_nothing_cut (sidebar (), NULL);
    }
}

/* SITMAP_SCREENSHOT_DIR=folder saves the window as name.png, to look at. */
static void
save_screenshot (const char *name)
{
  const char *folder = g_getenv ("SITMAP_SCREENSHOT_DIR");
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GdkTexture) texture = NULL;

  if (folder == NULL)
    return;
  file = g_strdup_printf ("%s.png", name);
  path = g_build_filename (folder, file, NULL);
  texture = sitmap_test_render (GTK_WIDGET (window), path);
}

static void
check_window (int width, gboolean title_may_shrink)
{
  check_header_bar (title_may_shrink);
  check_timeline_header ();
  check_map ();
  check_sidebar (width);
}

/*
 * Tests
 */

/* From 700 × 500 to 1440 × 900: nothing overlaps or is cut, the map keeps its room, and the sidebar
 * folds away below a width. With and without a time range, whose button says more. */
static void
test_sizes (void)
{
  static const int sizes[][2] = { { 700, 500 }, { 800, 600 }, { 1024, 768 }, { 1280, 800 }, { 1440, 900 } };
  gint64 from = sitmap_time_from_civil (2024, 11, 27, 0, 0, 0);
  gint64 to = sitmap_time_from_civil (2024, 12, 11, 0, 0, 0);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *name = g_strdup_printf ("window-%dx%d", sizes[i][0], sizes[i][1]);
      g_autofree char *name_range = g_strdup_printf ("window-%dx%d-range", sizes[i][0], sizes[i][1]);

      resize (sizes[i][0], sizes[i][1]);
      check_window (sizes[i][0], FALSE);
      save_screenshot (name);
      sitmap_view_state_set_range (state (), from, to);
      wait_for_layout ();
      check_timeline_header ();
      save_screenshot (name_range);
      sitmap_view_state_clear_range (state ());
      wait_for_layout ();
    }
}

/* The smallest window accepted: asked for less, it keeps its minimum, where all is still usable. */
static void
test_minimum_size (void)
{
  int min_width, min_height;

  g_assert_false (sitmap_test_resize (GTK_WINDOW (window), 300, 200));
  wait_for_layout ();
  min_width = gtk_widget_get_width (GTK_WIDGET (window));
  min_height = gtk_widget_get_height (GTK_WIDGET (window));
  g_test_message ("the smallest window is %d×%d", min_width, min_height);
  g_assert_cmpint (min_width, <=, 700);
  g_assert_cmpint (min_height, <=, 500);
  check_window (min_width, TRUE);
  save_screenshot ("window-smallest");
}


/* Folded away at 700 × 500, the sidebar comes over the map with its button (a real click) or F9, takes
 * the keyboard, and goes with Escape or a click on the map, which selects nothing. An event picked on
 * the map brings its details over the map. */
static void
test_folded_sidebar (void)
{
  SitmapEventLayer *layer = sitmap_window_get_event_layer (window);
  gint sukhna = find_event (SUKHNA_ID);
  g_autoptr (SitmapEvent) event = sitmap_document_get_event (document (), sukhna);
  graphene_rect_t bounds;
  GtkWidget *focus;
  g_autofree char *text = NULL;
  double x, y;

  sitmap_view_state_set_selected (state (), -1);
  resize (700, 500);
  g_assert_false (sidebar_shown ());
  g_assert_false (gtk_widget_get_mapped (sidebar ()));

  sitmap_test_click_centre (sidebar_button ());
  wait_for_shown (TRUE);
  bounds = bounds_of (sidebar ());
  g_assert_cmpfloat (bounds.size.width, ==, SIDEBAR_WIDTH);
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, ==, 700);
  /* Over the map, which keeps the whole width. */
  g_assert_cmpfloat (bounds_of (map ()).size.width, ==, 700);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (focus != NULL && (focus == sidebar () || gtk_widget_is_ancestor (focus, sidebar ())));
  assert_nothing_cut (sidebar (), NULL);
  save_screenshot ("window-700x500-sidebar");

  sitmap_test_key (GTK_WIDGET (window), "Escape");
  wait_for_shown (FALSE);
  sitmap_test_key (GTK_WIDGET (window), "F9");
  wait_for_shown (TRUE);
  sitmap_test_key (GTK_WIDGET (window), "F9");
  wait_for_shown (FALSE);

  /* A click on the map beside the sidebar puts it away, and only that. */
  sitmap_test_key (GTK_WIDGET (window), "F9");
  wait_for_shown (TRUE);
  sitmap_test_click (map (), 60, 150);
  wait_for_shown (FALSE);
  g_assert_cmpint (sitmap_view_state_get_selected (state ()), ==, -1);

  /* An event picked on the map: its details come over the map. */
  g_assert_true (sitmap_event_layer_get_event_point (layer, sukhna, &x, &y));
  sitmap_test_click (GTK_WIDGET (layer), x, y);
  sitmap_test_wait_until (selection_is, GINT_TO_POINTER (sukhna), 5000, "the click to select Sukhna");
  wait_for_shown (TRUE);
  sitmap_test_wait_for_transitions (sidebar ());
  text = sitmap_test_collect_text (sidebar ());
  g_assert_nonnull (strstr (text, sitmap_event_get_title (event)));
  save_screenshot ("window-700x500-selected");

  /* Escape puts the details away first, then the selection. */
  sitmap_test_key (GTK_WIDGET (window), "Escape");
  wait_for_shown (FALSE);
  g_assert_cmpint (sitmap_view_state_get_selected (state ()), ==, sukhna);
  sitmap_test_key (GTK_WIDGET (window), "Escape");
  sitmap_test_wait_until (selection_is, GINT_TO_POINTER (-1), 5000, "Escape to clear the selection");
  g_assert_false (sidebar_shown ());

  /* Ctrl+F searches in the sidebar, which comes for it. */
  sitmap_test_key (GTK_WIDGET (window), "ctrl+f");
  wait_for_shown (TRUE);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (focus != NULL && gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_ENTRY) != NULL);
  sitmap_sidebar_show_details (sitmap_window_get_sidebar (window));
  sitmap_test_click (map (), 60, 150);
  wait_for_shown (FALSE);
}

static GtkWidget *
sidebar_handle (void)
{
  for (GtkWidget *child = gtk_widget_get_first_child (gtk_widget_get_parent (sidebar ())); child;
       child = gtk_widget_get_next_sibling (child))
    if (child != sidebar () && gtk_widget_get_mapped (child))
      return child;
  g_error ("the sidebar has no handle");
  return NULL;
}

/* Drags the sidebar's inner edge by dx, with the pointer. */
static void
drag_handle (double dx)
{
  GtkWidget *handle = sidebar_handle ();
  double x = gtk_widget_get_width (handle) / 2.0, y = gtk_widget_get_height (handle) / 2.0;

  sitmap_test_drag (handle, x, y, x + dx, y);
  wait_for_layout ();
}

/* Beside the map, the button (a real click) and F9 hide and show the sidebar; its edge, dragged, sets
 * its width, which is remembered and kept through folding. */
static void
test_sidebar_beside (void)
{
  resize (1280, 800);
  g_assert_true (sidebar_shown ());
  g_assert_cmpfloat (bounds_of (map ()).size.width, ==, 1280 - SIDEBAR_WIDTH - 1);

  sitmap_test_click_centre (sidebar_button ());
  wait_for_shown (FALSE);
  g_assert_cmpfloat (bounds_of (map ()).size.width, ==, 1280);
  sitmap_test_key (GTK_WIDGET (window), "F9");
  wait_for_shown (TRUE);
  g_assert_cmpfloat (bounds_of (sidebar ()).size.width, ==, SIDEBAR_WIDTH);

  drag_handle (-160);
  g_assert_cmpfloat (bounds_of (sidebar ()).size.width, ==, SIDEBAR_WIDTH + 160);
  g_assert_cmpfloat (bounds_of (map ()).size.width, ==, 1280 - SIDEBAR_WIDTH - 160 - 1);
  g_assert_cmpint (remembered_sidebar_width (), ==, SIDEBAR_WIDTH + 160);
  check_window (1280, FALSE);

  /* Never so wide that the map would fold under it: dragged to the window's left, it stops there. */
  drag_handle (100 - bounds_of (sidebar_handle ()).origin.x);
  g_assert_cmpfloat (bounds_of (map ()).size.width, ==, MAP_MIN_WIDTH);
  g_assert_true (sidebar_shown ());
  drag_handle (1280 - SIDEBAR_WIDTH - 160 - bounds_of (sidebar_handle ()).origin.x);
  g_assert_cmpfloat (bounds_of (sidebar ()).size.width, ==, SIDEBAR_WIDTH + 160);

  /* The map would be too narrow beside it: folded; wide again: back at its width. */
  resize (1100, 800);
  g_assert_false (sidebar_shown ());
  resize (1280, 800);
  g_assert_true (sidebar_shown ());
  g_assert_cmpfloat (bounds_of (sidebar ()).size.width, ==, SIDEBAR_WIDTH + 160);

  /* Hidden beside the map, it stays hidden through folding and unfolding. */
  sitmap_test_key (GTK_WIDGET (window), "F9");
  wait_for_shown (FALSE);
  resize (800, 600);
  resize (1280, 800);
  g_assert_false (sidebar_shown ());
  sitmap_test_key (GTK_WIDGET (window), "F9");
  wait_for_shown (TRUE);
  drag_handle (160);
  g_assert_cmpfloat (bounds_of (sidebar ()).size.width, ==, SIDEBAR_WIDTH);
}

static GtkLabel *
find_label (gpointer root, const char *text)
{
  g_autoptr (GPtrArray) labels = sitmap_test_find_shown (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_text (labels->pdata[i]), text) == 0)
      return labels->pdata[i];
  g_error ("no shown label reads “%s”", text);
  return NULL;
}

/* Whether the whole of widget shows in the list's scrolled view, with no scrolling sideways. */
static void
assert_in_view (GtkWidget *widget, GtkWidget *view)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, view, &bounds));
  g_assert_cmpfloat (bounds.origin.x, >=, 0);
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (view));
}

/* What the title's tooltip says, asked as GTK asks when the pointer rests on it; NULL for none. */
static gboolean
title_has_tooltip (GtkLabel *label)
{
  g_autoptr (GtkTooltip) tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  gboolean shown = FALSE;

  g_assert_true (gtk_widget_get_has_tooltip (GTK_WIDGET (label)));
  g_signal_emit_by_name (label, "query-tooltip", 4, 4, FALSE, tooltip, &shown);
  return shown;
}

/* At 1440 × 900 on the Events page, the title takes the room the numbers leave, and Date, Killed and
 * Origins show whole without scrolling; a title cut short has a tooltip. Wider, the place and the
 * category come too. */
static void
test_events_columns (void)
{
  SitmapEventsPanel *panel = sitmap_sidebar_get_events_panel (sitmap_window_get_sidebar (window));
  GtkWidget *columns = GTK_WIDGET (sitmap_events_panel_get_column_view (panel));
  GtkWidget *view = gtk_widget_get_ancestor (columns, GTK_TYPE_SCROLLED_WINDOW);
  g_autoptr (SitmapEvent) sukhna = sitmap_document_get_event (document (), find_event (SUKHNA_ID));
  g_autoptr (SitmapEvent) first = sitmap_document_get_event (document (), find_event ("ev-2011-conflict-begins"));
  GtkLabel *title, *long_title;
  int title_width;

  resize (1440, 900);
  sitmap_test_key (GTK_WIDGET (window), "ctrl+f");
  sitmap_test_wait_for_transitions (sidebar ());
  wait_for_layout ();
  save_screenshot ("window-1440x900-events");

  title = find_label (columns, sitmap_event_get_title (first));
  long_title = find_label (columns, sitmap_event_get_title (sukhna));
  title_width = gtk_widget_get_width (GTK_WIDGET (title));
  g_test_message ("the list is %d px wide, its titles %d px", gtk_widget_get_width (view), title_width);
  /* Some 20 characters of a title at the first width, where the numbers' columns keep theirs. */
  g_assert_cmpint (title_width, >=, 160);
  g_assert_cmpint (title_width, >=, gtk_widget_get_width (view) * 35 / 100);
  assert_in_view (GTK_WIDGET (find_label (columns, "Date")), view);
  assert_in_view (GTK_WIDGET (find_label (columns, "Killed")), view);
  assert_in_view (GTK_WIDGET (find_label (columns, "Origins")), view);
  assert_in_view (GTK_WIDGET (find_label (columns, "2024-12-10")), view);
  assert_in_view (GTK_WIDGET (find_label (columns, "54")), view);
  assert_in_view (GTK_WIDGET (title), view);

  /* "IS kills 54 fleeing government soldiers near As-Sukhnah" does not fit: its tooltip says it all. */
  g_assert_true (pango_layout_is_ellipsized (gtk_label_get_layout (long_title)));
  g_assert_true (title_has_tooltip (long_title));
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (title)));
  g_assert_false (title_has_tooltip (title));

  /* Widened by its edge as far as the map lets it, the sidebar gives the title more room and shows
   * place and category. */
  drag_handle (-500);
  g_assert_cmpint (remembered_sidebar_width (), ==, 1440 - MAP_MIN_WIDTH - 1);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (title)), >, title_width);
  assert_in_view (GTK_WIDGET (find_label (columns, "Place")), view);
  assert_in_view (GTK_WIDGET (find_label (columns, "Category")), view);
  assert_in_view (GTK_WIDGET (find_label (columns, "Origins")), view);
  save_screenshot ("window-1440x900-events-wide");
  drag_handle (remembered_sidebar_width () - SIDEBAR_WIDTH);
  g_assert_cmpint (remembered_sidebar_width (), ==, SIDEBAR_WIDTH);
  sitmap_sidebar_show_details (sitmap_window_get_sidebar (window));
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  /* The largest window here is larger than the screen the suite runs on. */
  sitmap_test_use_own_screen (1920, 1200);
  app = sitmap_application_new ();
  window = sitmap_test_start (app);
  sitmap_test_wait_for_document (window);

  g_test_add_func ("/layout/sizes", test_sizes);
  g_test_add_func ("/layout/minimum-size", test_minimum_size);
  g_test_add_func ("/layout/folded-sidebar", test_folded_sidebar);
  g_test_add_func ("/layout/sidebar-beside", test_sidebar_beside);
  g_test_add_func ("/layout/events-columns", test_events_columns);
  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  sitmap_test_stop_own_screen ();
  return status;
}
