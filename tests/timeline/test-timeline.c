/* test-timeline.c: the timeline widget under a display: marks, ranges, clicks, zoom
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-timeline"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "sitmap-timeline-private.h"
#include "timeline-test-utils.h"

#define WIDTH 1000
#define HEIGHT 150

typedef struct
{
  SitmapDocument  *document;
  SitmapViewState *view_state;
  SitmapTimeline  *timeline;
  GtkWidget       *window;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->document = timeline_test_demo_document ();
  f->view_state = sitmap_view_state_new ();
  sitmap_view_state_set_document (f->view_state, f->document);
  f->timeline = SITMAP_TIMELINE (sitmap_timeline_new ());
  g_object_set (f->timeline, "view-state", f->view_state, NULL);
  f->window = timeline_test_show (GTK_WIDGET (f->timeline), WIDTH, HEIGHT);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  timeline_test_settle ();
  g_clear_object (&f->view_state);
  g_clear_object (&f->document);
}

static guint
position_of (Fixture *f, const char *id)
{
  gint position = sitmap_document_find_event (f->document, id);

  g_assert_cmpint (position, >=, 0);
  return (guint) position;
}

static void
show_window (Fixture *f, const char *from, const char *to)
{
  sitmap_view_state_set_window (f->view_state, timeline_test_time (from), timeline_test_time (to));
}

static graphene_rect_t
bounds_of (Fixture *f, const char *id)
{
  graphene_rect_t bounds;

  g_assert_true (sitmap_timeline_get_mark_bounds (f->timeline, position_of (f, id), &bounds));
  return bounds;
}

static double
x_of (Fixture *f, const char *iso)
{
  return sitmap_timeline_time_to_x (f->timeline, timeline_test_time (iso));
}

/* A y in the lanes above the axis, where drags begin. */
static double
lanes_y (Fixture *f)
{
  return f->timeline->axis_y - 2;
}

static void
drag (Fixture *f, double from_x, double to_x)
{
  double y = lanes_y (f);

  _sitmap_timeline_press (f->timeline, from_x, y);
  for (int i = 1; i <= 4; i++)
    _sitmap_timeline_drag_to (f->timeline, from_x + (to_x - from_x) * i / 4, y);
  _sitmap_timeline_release (f->timeline, to_x, y);
}

static void
assert_range (Fixture *f, const char *from, const char *to)
{
  gint64 start, end;

  g_assert_true (sitmap_view_state_get_range (f->view_state, &start, &end));
  g_assert_cmpint (start, ==, timeline_test_time (from));
  g_assert_cmpint (end, ==, timeline_test_time (to));
}

/*
 * Geometry of the marks
 */

/* A date known only to the month spans all of that month's pixels. */
static void
test_month_mark (Fixture *f, gconstpointer data)
{
  graphene_rect_t bounds;

  show_window (f, "2019-01-01", "2020-01-01");
  bounds = bounds_of (f, "ev-baghouz");
  g_assert_cmpfloat_with_epsilon (bounds.origin.x, x_of (f, "2019-03-01"), 0.5);
  g_assert_cmpfloat_with_epsilon (bounds.origin.x + bounds.size.width, x_of (f, "2019-04-01"), 0.5);
  g_assert_cmpfloat (bounds.size.width, >, 80);
  /* 2011 is not in this window */
  g_assert_false (sitmap_timeline_get_mark_bounds (f->timeline, position_of (f, "ev-2011"), &bounds));
}

static void
test_year_mark (Fixture *f, gconstpointer data)
{
  graphene_rect_t bounds;

  show_window (f, "2010-01-01", "2025-06-01");
  bounds = bounds_of (f, "ev-2011");
  g_assert_cmpfloat_with_epsilon (bounds.origin.x, x_of (f, "2011-01-01"), 0.5);
  g_assert_cmpfloat_with_epsilon (bounds.origin.x + bounds.size.width, x_of (f, "2012-01-01"), 0.5);
}

/* A day-precise event at a decade's view is a crisp mark a few pixels wide on its day. */
static void
test_day_mark (Fixture *f, gconstpointer data)
{
  graphene_rect_t bounds;
  double middle;

  show_window (f, "2010-01-01", "2025-06-01");
  bounds = bounds_of (f, "ev-sukhna");
  middle = (x_of (f, "2024-12-10") + x_of (f, "2024-12-11")) / 2;
  g_assert_cmpfloat_with_epsilon (bounds.size.width, SITMAP_TIMELINE_POINT_WIDTH, 0.01);
  g_assert_cmpfloat_with_epsilon (bounds.origin.x + bounds.size.width / 2, middle, 0.5);
  g_assert_cmpfloat_with_epsilon (bounds.size.height, SITMAP_TIMELINE_MARK_HEIGHT, 0.01);
}

static void
test_span_mark (Fixture *f, gconstpointer data)
{
  graphene_rect_t bounds;
  double day = WIDTH / 61.0;

  show_window (f, "2024-11-01", "2025-01-01");
  bounds = bounds_of (f, "ev-strikes");
  g_assert_cmpfloat_with_epsilon (bounds.origin.x, x_of (f, "2024-12-07"), 0.5);
  g_assert_cmpfloat_with_epsilon (bounds.size.width, 2 * day, 0.5);
}

/* We know when the Badia became a refuge, not that it stopped being one: it runs to the right edge. */
static void
test_open_span_mark (Fixture *f, gconstpointer data)
{
  graphene_rect_t bounds;

  show_window (f, "2024-11-01", "2025-01-01");
  bounds = bounds_of (f, "ev-badia");
  g_assert_cmpfloat_with_epsilon (bounds.origin.x + bounds.size.width, WIDTH, 0.01);
  g_assert_cmpfloat (bounds.origin.x, <=, 0);

  show_window (f, "2010-01-01", "2025-06-01");
  bounds = bounds_of (f, "ev-badia");
  g_assert_cmpfloat_with_epsilon (bounds.origin.x, x_of (f, "2019-01-01"), 0.5);
  g_assert_cmpfloat_with_epsilon (bounds.origin.x + bounds.size.width, WIDTH, 0.01);
}

/* No two marks overlap: overlapping times go in different lanes. */
static void
test_lanes (Fixture *f, gconstpointer data)
{
  guint n_dated = sitmap_document_get_columns (f->document)->n_dated;
  graphene_rect_t strikes, fall;

  show_window (f, "2024-11-01", "2025-01-01");
  strikes = bounds_of (f, "ev-strikes");
  fall = bounds_of (f, "ev-fall");
  g_assert_cmpfloat (strikes.origin.y, !=, fall.origin.y);
  for (guint a = 0; a < n_dated; a++)
    for (guint b = a + 1; b < n_dated; b++)
      {
        graphene_rect_t ra, rb;

        if (sitmap_timeline_get_mark_bounds (f->timeline, a, &ra) &&
            sitmap_timeline_get_mark_bounds (f->timeline, b, &rb))
          g_assert_false (graphene_rect_intersection (&ra, &rb, NULL));
      }
}

static void
test_undated (Fixture *f, gconstpointer data)
{
  graphene_rect_t bounds;
  g_autofree char *label = NULL;

  g_assert_false (sitmap_timeline_get_mark_bounds (f->timeline, position_of (f, "ev-prisons"), &bounds));
  g_assert_cmpuint (sitmap_timeline_get_n_undated (f->timeline), ==, 1);
  g_assert_true (gtk_widget_get_visible (f->timeline->undated_button));
  g_object_get (f->timeline->undated_button, "label", &label, NULL);
  g_assert_cmpstr (label, ==, "1 undated");

  /* A document with none hides the button */
  {
    SitmapDocumentBuilder *builder = sitmap_document_builder_new ();
    g_autoptr (SitmapDocument) dated = NULL;

    timeline_test_add_event (builder, "a", "A", SITMAP_CATEGORY_BATTLE, "2024-12-10", NULL, NULL);
    dated = sitmap_document_builder_finish (builder);
    sitmap_view_state_set_document (f->view_state, dated);
    g_assert_cmpuint (sitmap_timeline_get_n_undated (f->timeline), ==, 0);
    g_assert_false (gtk_widget_get_visible (f->timeline->undated_button));
    sitmap_view_state_set_document (f->view_state, f->document);
    g_assert_true (gtk_widget_get_visible (f->timeline->undated_button));
  }
}

/* Activating a row of the undated list selects that event. */
static void
test_undated_activate (Fixture *f, gconstpointer data)
{
  g_signal_emit_by_name (f->timeline->undated_view, "activate", 0);
  g_assert_cmpint (sitmap_view_state_get_selected (f->view_state), ==, (gint) position_of (f, "ev-prisons"));
}

static void
test_hidden_category (Fixture *f, gconstpointer data)
{
  graphene_rect_t bounds;

  show_window (f, "2024-11-01", "2025-01-01");
  g_assert_true (sitmap_timeline_get_mark_bounds (f->timeline, position_of (f, "ev-sukhna"), &bounds));
  sitmap_view_state_set_hidden_categories (f->view_state, 1u << SITMAP_CATEGORY_BATTLE);
  g_assert_false (sitmap_timeline_get_mark_bounds (f->timeline, position_of (f, "ev-sukhna"), &bounds));
  g_assert_true (sitmap_timeline_get_mark_bounds (f->timeline, position_of (f, "ev-fall"), &bounds));
}

/* Twenty events on one day: a few lanes' worth are drawn, the rest are counted on the overflow strip,
 * and the selected one is drawn whatever. */
static void
test_overflow (Fixture *f, gconstpointer data)
{
  SitmapDocumentBuilder *builder = sitmap_document_builder_new ();
  g_autoptr (SitmapDocument) crowded = NULL;
  graphene_rect_t bounds;
  guint drawn = 0;
  double x;

  for (int i = 0; i < 20; i++)
    {
      g_autofree char *id = g_strdup_printf ("e%02d", i);

      timeline_test_add_event (builder, id, id, SITMAP_CATEGORY_BATTLE, "2024-12-10", NULL, NULL);
    }
  crowded = sitmap_document_builder_finish (builder);
  sitmap_view_state_set_document (f->view_state, crowded);
  show_window (f, "2024-01-01", "2025-06-01");
  for (guint i = 0; i < 20; i++)
    drawn += sitmap_timeline_get_mark_bounds (f->timeline, i, &bounds);
  g_assert_cmpuint (drawn, ==, f->timeline->n_lanes);
  g_assert_cmpuint (drawn, <, 20);
  x = sitmap_timeline_time_to_x (f->timeline, timeline_test_time ("2024-12-10"));
  g_assert_cmpuint (_sitmap_timeline_overflow_at (f->timeline, x, _sitmap_timeline_lane_y (f->timeline,
                                                                                           f->timeline->n_lanes - 1) -
                                                                           SITMAP_TIMELINE_OVERFLOW_H + 1),
                    ==, 20 - drawn);
  g_assert_false (sitmap_timeline_get_mark_bounds (f->timeline, 19, &bounds));
  sitmap_view_state_set_selected (f->view_state, 19);
  g_assert_true (sitmap_timeline_get_mark_bounds (f->timeline, 19, &bounds));
}

static void
test_ticks (Fixture *f, gconstpointer data)
{
  const SitmapAxisTick *ticks;
  guint n, n_labels = 0;

  show_window (f, "2010-01-01", "2025-06-01");
  ticks = sitmap_timeline_get_ticks (f->timeline, &n);
  for (guint i = 0; i < n; i++)
    if (ticks[i].major && ticks[i].label_fits)
      {
        g_autofree char *year = g_strdup_printf ("%d", 2010 + (int) n_labels);

        g_assert_cmpstr (ticks[i].label, ==, year);
        g_assert_cmpfloat_with_epsilon (ticks[i].x, x_of (f, year), 0.01);
        n_labels++;
      }
  g_assert_cmpuint (n_labels, >=, 15);
}

static void
test_time_to_x (Fixture *f, gconstpointer data)
{
  show_window (f, "2024-11-01", "2025-01-01");
  g_assert_cmpfloat_with_epsilon (x_of (f, "2024-11-01"), 0, 0.001);
  g_assert_cmpfloat_with_epsilon (x_of (f, "2025-01-01"), WIDTH, 0.001);
  g_assert_cmpint (sitmap_timeline_x_to_time (f->timeline, WIDTH / 2.0), ==,
                   timeline_test_time ("2024-12-01") + 12 * 3600);
  /* Open bounds do not overflow */
  g_assert_cmpfloat (sitmap_timeline_time_to_x (f->timeline, G_MAXINT64), >, WIDTH);
  g_assert_cmpfloat (sitmap_timeline_time_to_x (f->timeline, G_MININT64), <, 0);
}

/*
 * Interaction
 */

/* A drag makes a range, snapped to whole days at this scale, and the label says what it lets through. */
static void
test_drag_range (Fixture *f, gconstpointer data)
{
  show_window (f, "2024-11-01", "2025-01-01");
  g_assert_false (gtk_widget_get_visible (f->timeline->range_box));
  drag (f, sitmap_timeline_time_to_x (f->timeline, timeline_test_time ("2024-12-01") + 10 * 3600),
        sitmap_timeline_time_to_x (f->timeline, timeline_test_time ("2024-12-09") + 14 * 3600));
  assert_range (f, "2024-12-01", "2024-12-10");
  /* Badia (open), the strikes, the fall, Blinken */
  g_assert_cmpuint (sitmap_view_state_get_n_visible (f->view_state), ==, 4);
  g_assert_true (gtk_widget_get_visible (f->timeline->range_box));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (f->timeline->range_label)), ==, "1 – 9 Dec 2024 · 4 of 9 events");
  /* A drag is not a click: the selection is untouched */
  g_assert_cmpint (sitmap_view_state_get_selected (f->view_state), ==, -1);
}

static void
test_drag_backwards (Fixture *f, gconstpointer data)
{
  show_window (f, "2024-11-01", "2025-01-01");
  drag (f, x_of (f, "2024-12-09"), x_of (f, "2024-11-20"));
  assert_range (f, "2024-11-20", "2024-12-09");
}

/* The handles move one edge; a drag inside the brush moves it whole. */
static void
test_drag_handles (Fixture *f, gconstpointer data)
{
  gint64 start, end;

  show_window (f, "2024-11-01", "2025-01-01");
  sitmap_view_state_set_range (f->view_state, timeline_test_time ("2024-12-01"), timeline_test_time ("2024-12-10"));
  g_assert_cmpint (_sitmap_timeline_hit (f->timeline, x_of (f, "2024-12-10") + 2, lanes_y (f)), ==,
                   SITMAP_HIT_HANDLE_END);
  drag (f, x_of (f, "2024-12-10") + 2, x_of (f, "2024-12-11") + 3);
  assert_range (f, "2024-12-01", "2024-12-11");
  g_assert_cmpuint (sitmap_view_state_get_n_visible (f->view_state), ==, 5);

  drag (f, x_of (f, "2024-12-01") - 1, x_of (f, "2024-11-25"));
  assert_range (f, "2024-11-25", "2024-12-11");

  /* Pulled past the other edge, the handle swaps sides rather than making an empty range */
  drag (f, x_of (f, "2024-11-25"), x_of (f, "2024-12-20"));
  assert_range (f, "2024-12-11", "2024-12-20");

  drag (f, x_of (f, "2024-12-14"), x_of (f, "2024-12-16"));
  assert_range (f, "2024-12-13", "2024-12-22");
  sitmap_view_state_get_range (f->view_state, &start, &end);
  g_assert_cmpint (end - start, ==, 9 * 86400);
}

/* A press and release without moving is a click: on a mark it selects, elsewhere it clears. */
static void
test_click_selects (Fixture *f, gconstpointer data)
{
  graphene_rect_t bounds;
  double y;

  show_window (f, "2024-11-01", "2025-01-01");
  bounds = bounds_of (f, "ev-sukhna");
  _sitmap_timeline_press (f->timeline, bounds.origin.x + bounds.size.width / 2, bounds.origin.y + 5);
  _sitmap_timeline_drag_to (f->timeline, bounds.origin.x + bounds.size.width / 2 + 1, bounds.origin.y + 6);
  _sitmap_timeline_release (f->timeline, bounds.origin.x + bounds.size.width / 2 + 1, bounds.origin.y + 6);
  g_assert_cmpint (sitmap_view_state_get_selected (f->view_state), ==, (gint) position_of (f, "ev-sukhna"));
  g_assert_false (sitmap_view_state_get_range (f->view_state, NULL, NULL));

  /* The selected mark is still where it was, and a click on empty space clears the selection */
  bounds = bounds_of (f, "ev-sukhna");
  y = bounds.origin.y + 5;
  _sitmap_timeline_press (f->timeline, x_of (f, "2024-11-05"), y);
  _sitmap_timeline_release (f->timeline, x_of (f, "2024-11-05"), y);
  g_assert_cmpint (sitmap_view_state_get_selected (f->view_state), ==, -1);
}

/* Ctrl+scroll zooms around the pointer: the time under it stays under it. */
static void
test_scroll_zoom (Fixture *f, gconstpointer data)
{
  gint64 before = sitmap_timeline_x_to_time (f->timeline, 300);
  gint64 start, end, span;

  show_window (f, "2010-01-01", "2025-06-01");
  before = sitmap_timeline_x_to_time (f->timeline, 300);
  sitmap_view_state_get_window (f->view_state, &start, &end);
  span = end - start;
  _sitmap_timeline_scroll (f->timeline, 300, 0, -1, GDK_CONTROL_MASK, GDK_SCROLL_UNIT_WHEEL);
  sitmap_view_state_get_window (f->view_state, &start, &end);
  g_assert_cmpfloat_with_epsilon ((double) (end - start), span / 1.25, 2);
  g_assert_cmpint (ABS (sitmap_timeline_x_to_time (f->timeline, 300) - before), <=, 1);

  before = sitmap_timeline_x_to_time (f->timeline, 870);
  _sitmap_timeline_scroll (f->timeline, 870, 0, 60, GDK_CONTROL_MASK, GDK_SCROLL_UNIT_SURFACE);
  g_assert_cmpint (ABS (sitmap_timeline_x_to_time (f->timeline, 870) - before), <=, 1);
  sitmap_view_state_get_window (f->view_state, &start, &end);
  g_assert_cmpint (end - start, >, span);
}

/* A plain wheel pans: one notch a tenth of the width, later in time when scrolling down. */
static void
test_scroll_pan (Fixture *f, gconstpointer data)
{
  gint64 start, end;

  show_window (f, "2024-11-01", "2025-01-01");
  _sitmap_timeline_scroll (f->timeline, 300, 0, 1, 0, GDK_SCROLL_UNIT_WHEEL);
  sitmap_view_state_get_window (f->view_state, &start, &end);
  g_assert_cmpint (start, ==, timeline_test_time ("2024-11-01") + (gint64) (61 * 86400 / 10));
  g_assert_cmpint (end - start, ==, 61 * 86400);
}

/* Zooming in stops at a minute; out, at the axis's limits. */
static void
test_zoom_limits (Fixture *f, gconstpointer data)
{
  gint64 start, end;

  for (int i = 0; i < 60; i++)
    sitmap_timeline_zoom (f->timeline, 0.5, 500);
  sitmap_view_state_get_window (f->view_state, &start, &end);
  g_assert_cmpint (end - start, ==, 60);
  for (int i = 0; i < 80; i++)
    sitmap_timeline_zoom (f->timeline, 2, 500);
  sitmap_view_state_get_window (f->view_state, &start, &end);
  g_assert_cmpint (start, ==, sitmap_time_axis_get_min_time ());
  g_assert_cmpint (end, ==, sitmap_time_axis_get_max_time ());

  sitmap_timeline_zoom_to_fit (f->timeline);
  sitmap_view_state_get_window (f->view_state, &start, &end);
  g_assert_cmpint (start, <, timeline_test_time ("2011-01-01"));
  g_assert_cmpint (start, >, timeline_test_time ("2009-06-01"));
  g_assert_cmpint (end, >, timeline_test_time ("2024-12-11"));
}

static void
test_clear_range (Fixture *f, gconstpointer data)
{
  sitmap_view_state_set_range (f->view_state, timeline_test_time ("2024-12-01"), timeline_test_time ("2024-12-10"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->timeline), "timeline.clear-range", NULL));
  g_assert_false (sitmap_view_state_get_range (f->view_state, NULL, NULL));
  g_assert_false (gtk_widget_get_visible (f->timeline->range_box));
}

/* Tooltips say how exactly the time is known: a month-precise event says so. */
static void
test_tooltip_text (Fixture *f, gconstpointer data)
{
  g_autofree char *month = _sitmap_timeline_describe_mark (f->timeline, position_of (f, "ev-baghouz"));
  g_autofree char *day = _sitmap_timeline_describe_mark (f->timeline, position_of (f, "ev-sukhna"));

  g_assert_cmpstr (month, ==,
                   "SDF drive IS out of Baghouz, its last stronghold\nBattle, in March 2019 (known only to the month)");
  g_assert_cmpstr (day, ==, "IS kills 54 soldiers fleeing near Sukhna\nBattle, on 10 December 2024");
}

/* Text from documents reaches the screen as plain text: markup in a title shows as written. */
static void
test_plain_text (Fixture *f, gconstpointer data)
{
  SitmapDocumentBuilder *builder = sitmap_document_builder_new ();
  g_autoptr (SitmapDocument) hostile = NULL;
  GtkWidget *row_title;

  timeline_test_add_event (builder, "x", "<b>bold</b> & <i", SITMAP_CATEGORY_OTHER, NULL, NULL, NULL);
  hostile = sitmap_document_builder_finish (builder);
  sitmap_view_state_set_document (f->view_state, hostile);
  gtk_menu_button_popup (GTK_MENU_BUTTON (f->timeline->undated_button));
  timeline_test_settle ();
  row_title = gtk_widget_get_first_child (f->timeline->undated_view);
  while (row_title != NULL && !GTK_IS_LABEL (row_title))
    row_title = gtk_widget_get_first_child (row_title);
  g_assert_nonnull (row_title);
  g_assert_false (gtk_label_get_use_markup (GTK_LABEL (row_title)));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (row_title)), ==, "<b>bold</b> & <i");
  gtk_menu_button_popdown (GTK_MENU_BUTTON (f->timeline->undated_button));
}

/*
 * Real input: xdotool moves the X pointer and presses keys on the window under Xvfb
 */

static gboolean
can_use_xdotool (void)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");

  return xdotool != NULL && g_str_equal (G_OBJECT_TYPE_NAME (gdk_display_get_default ()), "GdkX11Display");
}

static void
xdotool (const char *format, ...) G_GNUC_PRINTF (1, 2);

static void
xdotool (const char *format, ...)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *arguments = NULL;
  g_autofree char *command = NULL;
  int status;
  va_list args;

  va_start (args, format);
  arguments = g_strdup_vprintf (format, args);
  va_end (args);
  command = g_strdup_printf ("xdotool %s", arguments);
  g_spawn_command_line_sync (command, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static char *
x_window_id (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *output = NULL;
  g_autofree char *title = timeline_test_window_title ();
  g_autofree char *command = g_strdup_printf ("xdotool search --sync --name '^%s$'", title);
  int status;

  g_spawn_command_line_sync (command, &output, NULL, &status, &error);
  g_assert_no_error (error);
  g_strstrip (output);
  g_assert_cmpstr (output, !=, "");
  /* One window at a time: the fixture's */
  g_assert_null (strchr (output, '\n'));
  return g_steal_pointer (&output);
}

static gboolean
range_set_cond (gpointer data)
{
  Fixture *f = data;

  return sitmap_view_state_get_range (f->view_state, NULL, NULL) && f->timeline->drag_mode == SITMAP_DRAG_NONE;
}

static gboolean
range_cleared_cond (gpointer data)
{
  return !sitmap_view_state_get_range (((Fixture *) data)->view_state, NULL, NULL);
}

static gboolean
selected_cond (gpointer data)
{
  return sitmap_view_state_get_selected (((Fixture *) data)->view_state) >= 0;
}

typedef struct
{
  Fixture *f;
  gint64   start;
} WindowMoved;

static gboolean
window_moved_cond (gpointer data)
{
  WindowMoved *moved = data;
  gint64 start, end;

  sitmap_view_state_get_window (moved->f->view_state, &start, &end);
  return start != moved->start;
}

static gint64
window_start (Fixture *f)
{
  gint64 start, end;

  sitmap_view_state_get_window (f->view_state, &start, &end);
  return start;
}

/* Pointer positions in the X window are widget positions: the window is undecorated and the timeline
 * is its only child. */
static void
test_real_input (Fixture *f, gconstpointer data)
{
  g_autofree char *id = NULL;
  graphene_rect_t sukhna;
  WindowMoved moved = { f, 0 };
  int y, x1, x2, double_click_time;
  gint64 before, span, end;

  if (!can_use_xdotool ())
    {
      g_test_skip ("needs xdotool and an X11 display");
      return;
    }
  g_object_get (gtk_settings_get_default (), "gtk-double-click-time", &double_click_time, NULL);
  id = x_window_id ();
  xdotool ("windowraise %s", id);
  show_window (f, "2024-11-01", "2025-01-01");
  timeline_test_settle ();
  y = (int) lanes_y (f);
  x1 = (int) (sitmap_timeline_time_to_x (f->timeline, timeline_test_time ("2024-12-01") + 10 * 3600));
  x2 = (int) (sitmap_timeline_time_to_x (f->timeline, timeline_test_time ("2024-12-09") + 14 * 3600));

  /* A drag across the lanes makes the range */
  xdotool ("mousemove --window %s %d %d mousedown 1 sleep 0.05 mousemove --window %s %d %d sleep 0.05 "
           "mousemove --window %s %d %d sleep 0.05 mouseup 1",
           id, x1, y, id, (x1 + x2) / 2, y, id, x2, y);
  g_assert_true (timeline_test_wait (range_set_cond, f));
  assert_range (f, "2024-12-01", "2024-12-10");
  /* The click took the keyboard focus (within the window: another test's window may be the active one) */
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (f->window)) == GTK_WIDGET (f->timeline));

  /* A click on a mark selects its event */
  sukhna = bounds_of (f, "ev-sukhna");
  xdotool ("mousemove --window %s %d %d click 1", id, (int) (sukhna.origin.x + sukhna.size.width / 2),
           (int) (sukhna.origin.y + sukhna.size.height / 2));
  g_assert_true (timeline_test_wait (selected_cond, f));
  g_assert_cmpint (sitmap_view_state_get_selected (f->view_state), ==, (gint) position_of (f, "ev-sukhna"));

  /* A double click on empty space zooms in on the spot. GTK 4.8 does not pair its two presses when a
   * click elsewhere came less than the double-click time before (the distance check resets the button
   * it compares with): let the click on Sukhna's timer run out first. */
  timeline_test_pause (2 * double_click_time);
  moved.start = window_start (f);
  sitmap_view_state_get_window (f->view_state, &span, &end);
  span = end - span;
  before = sitmap_timeline_x_to_time (f->timeline, 700);
  xdotool ("mousemove --window %s 700 %d sleep 0.05 mousedown 1 mouseup 1 sleep 0.03 mousedown 1 mouseup 1", id, y);
  g_assert_true (timeline_test_wait (window_moved_cond, &moved));
  sitmap_view_state_get_window (f->view_state, &moved.start, &end);
  g_assert_cmpint (end - moved.start, ==, span / 2);
  g_assert_cmpint (ABS (sitmap_timeline_x_to_time (f->timeline, 700) - before), <=, 1);
  /* Its first click, on empty space, cleared the selection */
  g_assert_cmpint (sitmap_view_state_get_selected (f->view_state), ==, -1);
  sitmap_view_state_set_window (f->view_state, timeline_test_time ("2024-11-01"), timeline_test_time ("2025-01-01"));

  /* Escape clears the range; Right pans later */
  xdotool ("windowfocus --sync %s key Escape", id);
  g_assert_true (timeline_test_wait (range_cleared_cond, f));
  moved.start = window_start (f);
  xdotool ("key Right");
  g_assert_true (timeline_test_wait (window_moved_cond, &moved));
  g_assert_cmpint (window_start (f), ==, moved.start + 61 * 86400 / 10);

  /* Ctrl and the wheel away from the user zoom in around the pointer */
  before = sitmap_timeline_x_to_time (f->timeline, 300);
  moved.start = window_start (f);
  sitmap_view_state_get_window (f->view_state, &span, &end);
  span = end - span;
  xdotool ("mousemove --window %s 300 %d sleep 0.05 keydown ctrl click 4 keyup ctrl", id, y);
  g_assert_true (timeline_test_wait (window_moved_cond, &moved));
  sitmap_view_state_get_window (f->view_state, &moved.start, &end);
  g_assert_cmpint (end - moved.start, <, span);
  g_assert_cmpint (ABS (sitmap_timeline_x_to_time (f->timeline, 300) - before), <=, 1);
}

static void
test_no_document (void)
{
  g_autoptr (SitmapViewState) view_state = sitmap_view_state_new ();
  GtkWidget *timeline = sitmap_timeline_new ();
  GtkWidget *window = timeline_test_show (timeline, WIDTH, HEIGHT);
  g_autoptr (GdkTexture) texture = NULL;
  graphene_rect_t bounds;

  g_assert_null (sitmap_timeline_get_view_state (SITMAP_TIMELINE (timeline)));
  g_assert_false (sitmap_timeline_get_mark_bounds (SITMAP_TIMELINE (timeline), 0, &bounds));
  sitmap_timeline_set_view_state (SITMAP_TIMELINE (timeline), view_state);
  g_clear_object (&texture);
  texture = timeline_test_render (timeline, NULL);
  _sitmap_timeline_press (SITMAP_TIMELINE (timeline), 10, 100);
  _sitmap_timeline_release (SITMAP_TIMELINE (timeline), 10, 100);
  g_assert_cmpuint (sitmap_timeline_get_n_undated (SITMAP_TIMELINE (timeline)), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
  timeline_test_settle ();
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "");
  /* No accessibility bus (GTK_A11Y is GTK 4's switch): plain xvfb-run has no session bus, and GTK
   * would warn, fatally under GTest. */
  g_setenv ("GTK_A11Y", "none", FALSE);
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display: run the %s tests under xvfb-run\n", "timeline");
      return 77;
    }
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  timeline_test_load_app_style ();

#define ADD(path, func) g_test_add ("/timeline/widget/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("marks/month", test_month_mark);
  ADD ("marks/year", test_year_mark);
  ADD ("marks/day", test_day_mark);
  ADD ("marks/span", test_span_mark);
  ADD ("marks/open-span", test_open_span_mark);
  ADD ("marks/lanes", test_lanes);
  ADD ("marks/hidden-category", test_hidden_category);
  ADD ("marks/overflow", test_overflow);
  ADD ("undated/button", test_undated);
  ADD ("undated/activate", test_undated_activate);
  ADD ("axis/ticks", test_ticks);
  ADD ("axis/time-to-x", test_time_to_x);
  ADD ("range/drag", test_drag_range);
  ADD ("range/drag-backwards", test_drag_backwards);
  ADD ("range/handles", test_drag_handles);
  ADD ("range/clear", test_clear_range);
  ADD ("click/selects", test_click_selects);
  ADD ("scroll/zoom", test_scroll_zoom);
  ADD ("scroll/pan", test_scroll_pan);
  ADD ("zoom/limits", test_zoom_limits);
  ADD ("text/tooltip", test_tooltip_text);
  ADD ("text/plain", test_plain_text);
  ADD ("real-input", test_real_input);
#undef ADD
  g_test_add_func ("/timeline/widget/no-document", test_no_document);
  return g_test_run ();
}
