/* test-timeline.c: the timeline widget under a display: marks, ranges, clicks, zoom
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-timeline"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "sitmap-event-command.h"
#include "sitmap-kml-reader.h"
#include "sitmap-kml-writer.h"
#include "sitmap-range-popover.h"
#include "sitmap-undo-stack.h"
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

/* How many marks the timeline's layout has, laid out for the window now. */
static guint
n_marks (SitmapTimeline *timeline)
{
  guint n;

  sitmap_timeline_layout_get_marks (_sitmap_timeline_ensure_marks (timeline), &n);
  return n;
}

/* A y in the lanes above the axis, where drags begin. */
static double
lanes_y (Fixture *f)
{
  return sitmap_timeline_layout_get_axis_y (f->timeline->layout) - 2;
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

/* An event whose date an edit changed is placed by its new date, among the others, exactly as it would be in the
 * document saved and read again (where it is in time order). */
static void
test_edited_mark (Fixture *f, gconstpointer data)
{
  g_autoptr (SitmapCommand) command = NULL;
  g_autoptr (GBytes) saved = NULL;
  g_autoptr (SitmapDocument) reread = NULL;
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) edited = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  SitmapEventStore *store = sitmap_document_get_store (f->document);
  SitmapEventDraft draft;
  graphene_rect_t moved;

  sitmap_event_draft_init (&draft);
  sitmap_document_read_event_draft (f->document, position_of (f, "ev-baghouz"), &draft);
  g_assert_true (sitmap_time_init_instant (&draft.time, "2024-11-29", NULL));
  command = sitmap_event_command_new_edit (f->document, "ev-baghouz", &draft, "Change Date", NULL);
  sitmap_undo_stack_push (sitmap_document_get_undo_stack (f->document), command);
  sitmap_event_draft_clear (&draft);

  show_window (f, "2024-11-01", "2025-01-01");
  moved = bounds_of (f, "ev-baghouz");
  g_assert_cmpfloat (moved.origin.x, <=, x_of (f, "2024-11-29") + 1);
  g_assert_cmpfloat (moved.origin.x + moved.size.width, >=, x_of (f, "2024-11-30") - 1);
  for (guint p = 0; p < sitmap_document_get_n_events (f->document); p++)
    {
      graphene_rect_t bounds;

      if (sitmap_event_store_is_deleted (store, p) || !sitmap_timeline_get_mark_bounds (f->timeline, p, &bounds))
        continue;
      g_ptr_array_add (ids, g_strdup (sitmap_event_store_get_id (store, p)));
      g_array_append_val (edited, bounds);
    }
  g_assert_cmpuint (ids->len, >=, 3);

  saved = sitmap_kml_write_bytes (f->document, NULL);
  reread = sitmap_kml_read_bytes (saved, "saved.kml", NULL, NULL);
  g_assert_nonnull (reread);
  sitmap_view_state_set_document (f->view_state, reread);
  show_window (f, "2024-11-01", "2025-01-01");
  for (guint i = 0; i < ids->len; i++)
    {
      graphene_rect_t bounds;
      gint p = sitmap_document_find_event (reread, g_ptr_array_index (ids, i));

      g_assert_true (sitmap_timeline_get_mark_bounds (f->timeline, (guint) p, &bounds));
      g_assert_true (graphene_rect_equal (&bounds, &g_array_index (edited, graphene_rect_t, i)));
    }
}

static void
test_undated (Fixture *f, gconstpointer data)
{
  graphene_rect_t bounds;
  g_autofree char *label = NULL;

  g_assert_false (sitmap_timeline_get_mark_bounds (f->timeline, position_of (f, "ev-prisons"), &bounds));
  g_assert_cmpuint (sitmap_timeline_get_n_undated (f->timeline), ==, 1);
  g_assert_true (gtk_widget_get_visible (f->timeline->header->undated_button));
  g_object_get (f->timeline->header->undated_button, "label", &label, NULL);
  g_assert_cmpstr (label, ==, "1 undated");

  /* A document with none hides the button */
  {
    SitmapDocumentBuilder *builder = sitmap_document_builder_new ();
    g_autoptr (SitmapDocument) dated = NULL;

    timeline_test_add_event (builder, "a", "A", SITMAP_CATEGORY_BATTLE, "2024-12-10", NULL, NULL);
    dated = sitmap_document_builder_finish (builder);
    sitmap_view_state_set_document (f->view_state, dated);
    g_assert_cmpuint (sitmap_timeline_get_n_undated (f->timeline), ==, 0);
    g_assert_false (gtk_widget_get_visible (f->timeline->header->undated_button));
    sitmap_view_state_set_document (f->view_state, f->document);
    g_assert_true (gtk_widget_get_visible (f->timeline->header->undated_button));
  }
}

/* Activating a row of the undated list selects that event. */
static void
test_undated_activate (Fixture *f, gconstpointer data)
{
  g_signal_emit_by_name (f->timeline->header->undated_view, "activate", 0);
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
  g_assert_cmpuint (drawn, ==, sitmap_timeline_layout_get_n_lanes (f->timeline->layout));
  g_assert_cmpuint (drawn, <, 20);
  x = sitmap_timeline_time_to_x (f->timeline, timeline_test_time ("2024-12-10"));
  g_assert_cmpuint (sitmap_timeline_layout_overflow_at (f->timeline->layout, x,
                                                        sitmap_timeline_layout_overflow_y (f->timeline->layout) + 1),
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
  g_assert_false (gtk_widget_get_visible (f->timeline->header->clear_button));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (f->timeline->header->range_label)), ==, "All dates · 9 events");
  drag (f, sitmap_timeline_time_to_x (f->timeline, timeline_test_time ("2024-12-01") + 10 * 3600),
        sitmap_timeline_time_to_x (f->timeline, timeline_test_time ("2024-12-09") + 14 * 3600));
  assert_range (f, "2024-12-01", "2024-12-10");
  /* Badia (open), the strikes, the fall, Blinken */
  g_assert_cmpuint (sitmap_view_state_get_n_visible (f->view_state), ==, 4);
  g_assert_true (gtk_widget_get_visible (f->timeline->header->clear_button));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (f->timeline->header->range_label)), ==,
                   "1 – 9 Dec 2024 · 4 of 9 events overlapping");
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
  g_assert_false (gtk_widget_get_visible (f->timeline->header->clear_button));
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
  gtk_menu_button_popup (GTK_MENU_BUTTON (f->timeline->header->undated_button));
  timeline_test_settle ();
  row_title = gtk_widget_get_first_child (f->timeline->header->undated_view);
  while (row_title != NULL && !GTK_IS_LABEL (row_title))
    row_title = gtk_widget_get_first_child (row_title);
  g_assert_nonnull (row_title);
  g_assert_false (gtk_label_get_use_markup (GTK_LABEL (row_title)));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (row_title)), ==, "<b>bold</b> & <i");
  gtk_menu_button_popdown (GTK_MENU_BUTTON (f->timeline->header->undated_button));
}


/*
 * The range, typed and by keys
 */

static GtkWidget *
popover_child (Fixture *f, const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (f->timeline->header->range_popover, SITMAP_TYPE_RANGE_POPOVER, name));
}

static void
type_dates (Fixture *f, const char *from, const char *to)
{
  gtk_editable_set_text (GTK_EDITABLE (popover_child (f, "from_entry")), from);
  gtk_editable_set_text (GTK_EDITABLE (popover_child (f, "to_entry")), to);
}

/* Typed dates set the range, the last day included, and the window frames it; a date that is none is
 * marked and changes nothing. */
static void
test_typed_dates (Fixture *f, gconstpointer data)
{
  SitmapRangePopover *popover = SITMAP_RANGE_POPOVER (f->timeline->header->range_popover);
  gint64 start, end;

  type_dates (f, "2024-12-01", "2024-12-05");
  g_assert_true (sitmap_range_popover_apply (popover));
  assert_range (f, "2024-12-01", "2024-12-06");
  sitmap_view_state_get_window (f->view_state, &start, &end);
  g_assert_cmpint (start, <, timeline_test_time ("2024-12-01"));
  g_assert_cmpint (end, >, timeline_test_time ("2024-12-06"));
  g_assert_cmpint (end - start, <, 10 * 86400);

  /* A month and a year are all of themselves; the locale's own short form works (C: month/day/year) */
  type_dates (f, "2019-03", "2019");
  g_assert_true (sitmap_range_popover_apply (popover));
  assert_range (f, "2019-03-01", "2020-01-01");
  type_dates (f, "11/27/2024", "12/10/2024");
  g_assert_true (sitmap_range_popover_apply (popover));
  assert_range (f, "2024-11-27", "2024-12-11");

  type_dates (f, "the day the government fell", "2024-12-10");
  g_assert_false (sitmap_range_popover_apply (popover));
  g_assert_true (gtk_widget_has_css_class (popover_child (f, "from_entry"), "error"));
  assert_range (f, "2024-11-27", "2024-12-11");
  type_dates (f, "2024-12-10", "2024-12-01");
  g_assert_false (sitmap_range_popover_apply (popover));
  g_assert_false (gtk_widget_has_css_class (popover_child (f, "from_entry"), "error"));
  g_assert_true (gtk_widget_has_css_class (popover_child (f, "to_entry"), "error"));
}

/* The presets: the last 7 and 30 days of the data (which ends on 10 December), and all of it. */
static void
test_presets (Fixture *f, gconstpointer data)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->timeline), "timeline.range-preset", "s", "last-7-days"));
  assert_range (f, "2024-12-04", "2024-12-11");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->timeline), "timeline.range-preset", "s", "last-30-days"));
  assert_range (f, "2024-11-11", "2024-12-11");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (f->timeline->header->range_label)), ==,
                   "11 Nov – 10 Dec 2024 · 6 of 9 events overlapping");
  /* All: no range, so the undated are in too */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->timeline), "timeline.range-preset", "s", "all"));
  g_assert_false (sitmap_view_state_get_range (f->view_state, NULL, NULL));
  g_assert_cmpuint (sitmap_view_state_get_n_visible (f->view_state), ==, 9);
}

/* The rule is chosen in the popover and said in the label. */
static void
test_rule (Fixture *f, gconstpointer data)
{
  sitmap_view_state_set_range (f->view_state, timeline_test_time ("2024-12-08"), timeline_test_time ("2024-12-11"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (f->timeline->header->range_label)), ==,
                   "8 – 10 Dec 2024 · 5 of 9 events overlapping");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (popover_child (f, "within_check")), TRUE);
  g_assert_cmpint (sitmap_view_state_get_range_rule (f->view_state), ==, SITMAP_RANGE_WITHIN);
  /* The strikes began on the 7th and the Badia in 2019: only the fall, Blinken and Sukhna lie within */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (f->timeline->header->range_label)), ==,
                   "8 – 10 Dec 2024 · 3 of 9 events entirely within");
  sitmap_view_state_set_range_rule (f->view_state, SITMAP_RANGE_OVERLAPPING);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (popover_child (f, "overlapping_check"))));
}

/* In a zone three hours east of UTC, days, the range label and the dates typed are local; the range
 * itself stays what it was. */
static void
test_time_zone (Fixture *f, gconstpointer data)
{
  g_autoptr (GTimeZone) zone = g_time_zone_new_identifier ("+03:00");

  sitmap_view_state_set_range (f->view_state, timeline_test_time ("2024-12-01"), timeline_test_time ("2024-12-06"));
  _sitmap_timeline_set_time_zone (f->timeline, zone);
  g_assert_true (sitmap_timeline_get_local_time (f->timeline));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (f->timeline->header->range_label)), ==,
                   "1 Dec 2024, 03:00 – 6 Dec 2024, 03:00 UTC+03:00 · 1 of 9 events overlapping");
  type_dates (f, "2024-12-01", "2024-12-05");
  g_assert_true (sitmap_range_popover_apply (SITMAP_RANGE_POPOVER (f->timeline->header->range_popover)));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (f->timeline->header->range_label)), ==,
                   "1 – 5 Dec 2024 · 1 of 9 events overlapping");
  {
    gint64 start, end;

    sitmap_view_state_get_range (f->view_state, &start, &end);
    g_assert_cmpint (start, ==, timeline_test_time ("2024-11-30") + 21 * 3600);
  }
  /* The switch back to UTC is the timeline's action */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->timeline), "timeline.local-time", NULL));
  g_assert_false (sitmap_timeline_get_local_time (f->timeline));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (f->timeline->header->range_label)), ==,
                   "30 Nov 2024, 21:00 – 5 Dec 2024, 21:00 UTC · 1 of 9 events overlapping");
}

/* With a range, the arrows move it a day at a time at this zoom, Shift with them resizes it, and Home
 * and End take it to the ends of the data; without one, the arrows pan. */
static void
test_keys (Fixture *f, gconstpointer data)
{
  gint64 start, end;

  show_window (f, "2024-11-01", "2025-01-01");
  sitmap_view_state_set_range (f->view_state, timeline_test_time ("2024-12-01"), timeline_test_time ("2024-12-05"));
  _sitmap_timeline_key_move (f->timeline, 1, FALSE);
  assert_range (f, "2024-12-02", "2024-12-06");
  _sitmap_timeline_key_move (f->timeline, -1, TRUE);
  assert_range (f, "2024-12-02", "2024-12-05");
  for (int i = 0; i < 5; i++)
    _sitmap_timeline_key_move (f->timeline, -1, TRUE);
  assert_range (f, "2024-12-02", "2024-12-03");
  _sitmap_timeline_key_move (f->timeline, 1, TRUE);
  _sitmap_timeline_key_jump (f->timeline, TRUE);
  assert_range (f, "2024-12-09", "2024-12-11");
  _sitmap_timeline_key_jump (f->timeline, FALSE);
  assert_range (f, "2011-01-01", "2011-01-03");
  /* The window followed the range to 2011 */
  sitmap_view_state_get_window (f->view_state, &start, &end);
  g_assert_cmpint (start, <=, timeline_test_time ("2011-01-01"));
  g_assert_cmpint (end, >=, timeline_test_time ("2011-01-03"));

  sitmap_view_state_clear_range (f->view_state);
  show_window (f, "2024-11-01", "2025-01-01");
  _sitmap_timeline_key_move (f->timeline, 1, FALSE);
  sitmap_view_state_get_window (f->view_state, &start, &end);
  g_assert_cmpint (start, ==, timeline_test_time ("2024-11-01") + 61 * 86400 / 10);
  g_assert_false (sitmap_view_state_get_range (f->view_state, NULL, NULL));
}

/*
 * Playback in the widget
 */

static void
test_playback (Fixture *f, gconstpointer data)
{
  SitmapPlayback *playback = sitmap_timeline_get_playback (f->timeline);
  gint64 start, end, playhead;
  guint ticks = 0;

  show_window (f, "2024-11-20", "2024-12-05");
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (f->timeline->header->play_button)), ==,
                   "media-playback-start-symbolic");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->timeline), "timeline.play-pause", NULL));
  g_assert_true (sitmap_playback_get_playing (playback));
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (f->timeline->header->play_button)), ==,
                   "media-playback-pause-symbolic");
  assert_range (f, "2024-11-20", "2024-11-21");
  _sitmap_timeline_playback_tick (f->timeline, G_USEC_PER_SEC);
  assert_range (f, "2024-11-21", "2024-11-22");
  g_assert_true (sitmap_playback_get_playhead (playback, &playhead));
  g_assert_cmpint (playhead, ==, timeline_test_time ("2024-11-22"));

  /* The speed button says what 1× means */
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (f->timeline->header->speed_button)), ==, "1× · Day");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (f->timeline->header->speed_button), ==,
                   "Playback: 1 day of the data a second");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->timeline), "playback.speed", "u", 4));
  g_assert_cmpuint (sitmap_playback_get_speed (playback), ==, 4);
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (f->timeline->header->speed_button)), ==, "4× · Day");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->timeline), "playback.step", "s", "week"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (f->timeline->header->speed_button), ==,
                   "Playback: 4 weeks of the data a second");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->timeline), "playback.step", "s", "day"));

  /* The window follows the playhead to the end, where playback stops */
  while (sitmap_playback_get_playing (playback) && ticks++ < 100)
    _sitmap_timeline_playback_tick (f->timeline, G_USEC_PER_SEC / 4);
  assert_range (f, "2024-12-10", "2024-12-11");
  sitmap_view_state_get_window (f->view_state, &start, &end);
  g_assert_cmpint (end, >=, timeline_test_time ("2024-12-11"));
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (f->timeline->header->play_button)), ==,
                   "media-playback-start-symbolic");

  /* A step back, by hand */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->timeline), "timeline.step-back", NULL));
  assert_range (f, "2024-12-09", "2024-12-10");
  /* Taking the range back (a drag, Escape) lets playback go: no playhead */
  sitmap_view_state_clear_range (f->view_state);
  g_assert_false (sitmap_playback_get_playhead (playback, &playhead));
}

/*
 * Right to left
 */

/* In a right-to-left locale time runs from right to left: marks, drags, the header and the arrow keys
 * all follow. */
static void
test_rtl (Fixture *f, gconstpointer data)
{
  graphene_rect_t strikes, header;
  gint64 start, end;

  gtk_widget_set_direction (GTK_WIDGET (f->timeline), GTK_TEXT_DIR_RTL);
  show_window (f, "2024-11-01", "2025-01-01");
  timeline_test_settle ();
  g_assert_cmpfloat_with_epsilon (x_of (f, "2024-11-01"), WIDTH, 0.001);
  g_assert_cmpfloat_with_epsilon (x_of (f, "2025-01-01"), 0, 0.001);
  strikes = bounds_of (f, "ev-strikes");
  g_assert_cmpfloat_with_epsilon (strikes.origin.x + strikes.size.width, x_of (f, "2024-12-07"), 0.5);
  g_assert_cmpfloat_with_epsilon (strikes.origin.x, x_of (f, "2024-12-09"), 0.5);
  g_assert_cmpfloat (bounds_of (f, "ev-sukhna").origin.x, <, strikes.origin.x);

  /* A drag from right to left runs forwards in time */
  drag (f, sitmap_timeline_time_to_x (f->timeline, timeline_test_time ("2024-12-01") + 10 * 3600),
        sitmap_timeline_time_to_x (f->timeline, timeline_test_time ("2024-12-09") + 14 * 3600));
  assert_range (f, "2024-12-01", "2024-12-10");
  /* The arrow pointing right moves the range earlier */
  _sitmap_timeline_key_move (f->timeline, 1, FALSE);
  assert_range (f, "2024-11-30", "2024-12-09");
  /* Scrolling right shows earlier times */
  sitmap_view_state_clear_range (f->view_state);
  _sitmap_timeline_scroll (f->timeline, 300, 1, 0, 0, GDK_SCROLL_UNIT_WHEEL);
  sitmap_view_state_get_window (f->view_state, &start, &end);
  g_assert_cmpint (start, <, timeline_test_time ("2024-11-01"));
  /* Playback at the right, the undated events at the left */
  g_assert_true (gtk_widget_compute_bounds (f->timeline->header->playback_box, GTK_WIDGET (f->timeline), &header));
  g_assert_cmpfloat (header.origin.x, >, WIDTH / 2);
  g_assert_true (gtk_widget_compute_bounds (f->timeline->header->undated_button, GTK_WIDGET (f->timeline), &header));
  g_assert_cmpfloat (header.origin.x + header.size.width, <, WIDTH / 2);
}

/*
 * Panning and pinching
 */

/* The axis is a ruler to grab: dragging it moves the window, the time grabbed stays under the pointer,
 * and no range is made. The middle button pans anywhere. */
static void
test_drag_pan (Fixture *f, gconstpointer data)
{
  double y = sitmap_timeline_layout_get_axis_y (f->timeline->layout) + 8;
  gint64 grabbed;

  show_window (f, "2024-11-01", "2025-01-01");
  grabbed = sitmap_timeline_x_to_time (f->timeline, 600);
  g_assert_cmpint (_sitmap_timeline_hit (f->timeline, 600, y), ==, SITMAP_HIT_AXIS);
  _sitmap_timeline_press (f->timeline, 600, y);
  _sitmap_timeline_drag_to (f->timeline, 550, y);
  _sitmap_timeline_drag_to (f->timeline, 400, y);
  _sitmap_timeline_release (f->timeline, 400, y);
  g_assert_false (sitmap_view_state_get_range (f->view_state, NULL, NULL));
  g_assert_cmpint (ABS (sitmap_timeline_x_to_time (f->timeline, 400) - grabbed), <=, 60);

  grabbed = sitmap_timeline_x_to_time (f->timeline, 500);
  _sitmap_timeline_press_button (f->timeline, GDK_BUTTON_MIDDLE, 500, lanes_y (f));
  _sitmap_timeline_drag_to (f->timeline, 700, lanes_y (f));
  _sitmap_timeline_release (f->timeline, 700, lanes_y (f));
  g_assert_false (sitmap_view_state_get_range (f->view_state, NULL, NULL));
  g_assert_cmpint (ABS (sitmap_timeline_x_to_time (f->timeline, 700) - grabbed), <=, 60);
}

/* Fingers apart zoom in around the point between them. */
static void
test_pinch (Fixture *f, gconstpointer data)
{
  gint64 start, end, under = 0;

  show_window (f, "2024-11-01", "2025-01-01");
  under = sitmap_timeline_x_to_time (f->timeline, 250);
  _sitmap_timeline_pinch_begin (f->timeline);
  _sitmap_timeline_pinch (f->timeline, 1.5, 250);
  _sitmap_timeline_pinch (f->timeline, 2.0, 250);
  sitmap_view_state_get_window (f->view_state, &start, &end);
  g_assert_cmpint (ABS ((end - start) - 61 * 86400 / 2), <=, 1);
  g_assert_cmpint (ABS (sitmap_timeline_x_to_time (f->timeline, 250) - under), <=, 1);
}

/*
 * Density
 */

/* 20,000 events in one year are more than the lanes could hold: the histogram stands in for the marks,
 * counts them all, and says what a bar holds; the selection is still a mark. At a few days' zoom, a
 * hundred and fifty day-long bars would mostly be hidden: still the histogram. Zoomed in to one day, the
 * marks are back. */
static void
test_dense (Fixture *f, gconstpointer data)
{
  SitmapDocumentBuilder *builder = sitmap_document_builder_new ();
  g_autoptr (SitmapDocument) crowded = NULL;
  g_autoptr (GRand) rand = g_rand_new_with_seed (11);
  g_autofree char *tooltip = NULL;
  graphene_rect_t bounds;
  double total = 0;

  for (int i = 0; i < 20000; i++)
    {
      gint64 t = timeline_test_time ("2024-01-01") + (gint64) g_rand_int_range (rand, 0, 366) * 86400;
      g_autofree char *day = sitmap_time_format_bound (t, SITMAP_TIME_UNIT_DAY);

      timeline_test_add_event (builder, NULL, "crowd", i % 3 ? SITMAP_CATEGORY_PROTEST : SITMAP_CATEGORY_BATTLE, day,
                               NULL, NULL);
    }
  crowded = sitmap_document_builder_finish (builder);
  sitmap_view_state_set_document (f->view_state, crowded);
  show_window (f, "2024-01-01", "2025-01-01");
  g_assert_true (sitmap_timeline_get_dense (f->timeline));
  g_assert_false (sitmap_timeline_get_mark_bounds (f->timeline, 100, &bounds));
  sitmap_view_state_set_selected (f->view_state, 100);
  g_assert_true (sitmap_timeline_get_mark_bounds (f->timeline, 100, &bounds));

  _sitmap_timeline_ensure_bins (f->timeline);
  g_assert_cmpuint (f->timeline->bins->len, >=, 300);
  for (guint i = 0; i < f->timeline->bins->len; i++)
    for (guint c = 0; c < SITMAP_N_CATEGORIES; c++)
      total += g_array_index (f->timeline->bins, SitmapHistogramCounts, i).counts[SITMAP_HISTOGRAM_SURE][c];
  g_assert_cmpfloat_with_epsilon (total, 20000, 0.5);
  tooltip = _sitmap_timeline_describe_bin (f->timeline, 10);
  g_assert_true (g_str_has_prefix (tooltip, "11 Jan 2024: "));
  g_assert_nonnull (strstr (tooltip, "\nProtest: "));

  show_window (f, "2024-06-01", "2024-06-04");
  g_assert_true (sitmap_timeline_get_dense (f->timeline));
  show_window (f, "2024-06-01T02:00:00Z", "2024-06-01T22:00:00Z");
  g_assert_false (sitmap_timeline_get_dense (f->timeline));
  g_assert_cmpuint (n_marks (f->timeline), >=, sitmap_timeline_layout_get_n_lanes (f->timeline->layout));
}

/*
 * Search and filters
 */

static const char *
range_text (Fixture *f)
{
  return gtk_label_get_text (GTK_LABEL (f->timeline->header->range_label));
}

static gboolean
has_mark (Fixture *f, const char *id)
{
  graphene_rect_t bounds;

  return sitmap_timeline_get_mark_bounds (f->timeline, position_of (f, id), &bounds);
}

/* A search for Baghouz leaves one mark, as the map keeps one event: where the others were, a click
 * selects nothing and the pointer finds no mark; the header counts what passes. */
static void
test_filter_marks (Fixture *f, gconstpointer data)
{
  graphene_rect_t sukhna;
  double x, y;

  show_window (f, "2010-06-01", "2025-06-01");
  g_assert_true (has_mark (f, "ev-fall"));
  _sitmap_timeline_ensure_marks (f->timeline);
  g_assert_cmpuint (n_marks (f->timeline), ==, 8);
  show_window (f, "2024-11-01", "2025-01-01");
  sukhna = bounds_of (f, "ev-sukhna");

  sitmap_view_state_set_text (f->view_state, "Baghouz");
  g_assert_false (has_mark (f, "ev-sukhna"));
  g_assert_false (has_mark (f, "ev-fall"));
  x = sukhna.origin.x + sukhna.size.width / 2;
  y = sukhna.origin.y + 5;
  g_assert_cmpint (_sitmap_timeline_hit (f->timeline, x, y), !=, SITMAP_HIT_MARK);
  _sitmap_timeline_press (f->timeline, x, y);
  _sitmap_timeline_release (f->timeline, x, y);
  g_assert_cmpint (sitmap_view_state_get_selected (f->view_state), ==, -1);
  g_assert_cmpstr (range_text (f), ==, "All dates · 1 of 9 events");

  show_window (f, "2010-06-01", "2025-06-01");
  g_assert_true (has_mark (f, "ev-baghouz"));
  _sitmap_timeline_ensure_marks (f->timeline);
  g_assert_cmpuint (n_marks (f->timeline), ==, 1);

  /* Within a range: the range's events that pass */
  sitmap_view_state_set_text (f->view_state, "Badia");
  sitmap_view_state_set_range (f->view_state, timeline_test_time ("2024-11-27"), timeline_test_time ("2024-12-11"));
  g_assert_cmpstr (range_text (f), ==, "27 Nov – 10 Dec 2024 · 2 of 9 events overlapping");
  g_assert_true (has_mark (f, "ev-strikes"));
  g_assert_true (has_mark (f, "ev-badia"));
  g_assert_false (has_mark (f, "ev-offensive"));

  /* The search ended, everything is back */
  sitmap_view_state_clear_range (f->view_state);
  sitmap_view_state_set_text (f->view_state, NULL);
  g_assert_cmpstr (range_text (f), ==, "All dates · 9 events");
  _sitmap_timeline_ensure_marks (f->timeline);
  g_assert_cmpuint (n_marks (f->timeline), ==, 8);
}

/* The undated button counts the undated events that pass, and lists only them. */
static void
test_filter_undated (Fixture *f, gconstpointer data)
{
  g_autofree char *label = NULL;

  sitmap_view_state_set_text (f->view_state, "Assad");
  g_assert_cmpuint (sitmap_timeline_get_n_undated (f->timeline), ==, 0);
  g_assert_false (gtk_widget_get_visible (f->timeline->header->undated_button));

  sitmap_view_state_set_text (f->view_state, "prisons");
  g_assert_cmpuint (sitmap_timeline_get_n_undated (f->timeline), ==, 1);
  g_assert_true (gtk_widget_get_visible (f->timeline->header->undated_button));
  g_object_get (f->timeline->header->undated_button, "label", &label, NULL);
  g_assert_cmpstr (label, ==, "1 undated");
  g_assert_cmpstr (range_text (f), ==, "All dates · 1 of 9 events");
  g_signal_emit_by_name (f->timeline->header->undated_view, "activate", 0);
  g_assert_cmpint (sitmap_view_state_get_selected (f->view_state), ==, (gint) position_of (f, "ev-prisons"));

  /* Hidden categories count as a filter too */
  sitmap_view_state_set_text (f->view_state, NULL);
  sitmap_view_state_set_hidden_categories (f->view_state, 1u << SITMAP_CATEGORY_CONTEXT);
  g_assert_cmpuint (sitmap_timeline_get_n_undated (f->timeline), ==, 0);
  g_assert_cmpstr (range_text (f), ==, "All dates · 7 of 9 events");
}

/* "Show all dated events" under a search frames the events found: Baghouz's March 2019, not 2011–2024. */
static void
test_filter_zoom_to_fit (Fixture *f, gconstpointer data)
{
  gint64 start, end;

  sitmap_view_state_set_text (f->view_state, "Baghouz");
  sitmap_timeline_zoom_to_fit (f->timeline);
  sitmap_view_state_get_window (f->view_state, &start, &end);
  g_assert_cmpint (start, <=, timeline_test_time ("2019-03-01"));
  g_assert_cmpint (end, >=, timeline_test_time ("2019-04-01"));
  g_assert_cmpint (end - start, <, 60 * 86400);
  g_assert_true (has_mark (f, "ev-baghouz"));

  /* A search nothing dated passes: the document's time */
  sitmap_view_state_set_text (f->view_state, "prisons");
  sitmap_timeline_zoom_to_fit (f->timeline);
  sitmap_view_state_get_window (f->view_state, &start, &end);
  g_assert_cmpint (start, <, timeline_test_time ("2011-01-01"));
  g_assert_cmpint (end, >, timeline_test_time ("2024-12-10"));

  sitmap_view_state_set_text (f->view_state, NULL);
  sitmap_timeline_zoom_to_fit (f->timeline);
  sitmap_view_state_get_window (f->view_state, &start, &end);
  g_assert_cmpint (start, <, timeline_test_time ("2011-01-01"));
  g_assert_cmpint (end, >, timeline_test_time ("2024-12-10"));
}

/* Playback under a search ends with the last event found, not with the document's. */
static void
test_filter_playback (Fixture *f, gconstpointer data)
{
  SitmapPlayback *playback = sitmap_timeline_get_playback (f->timeline);
  guint ticks = 0;

  sitmap_view_state_set_text (f->view_state, "offensive");
  show_window (f, "2024-11-20", "2024-12-05");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->timeline), "timeline.play-pause", NULL));
  while (sitmap_playback_get_playing (playback) && ticks++ < 100)
    _sitmap_timeline_playback_tick (f->timeline, G_USEC_PER_SEC / 4);
  g_assert_false (sitmap_playback_get_playing (playback));
  assert_range (f, "2024-11-27", "2024-11-28");
}

/* n events over 2024, every third titled "alpha", the rest "beta"; one in five known only to the
 * month. */
static SitmapDocument *
alpha_beta_document (guint n)
{
  SitmapDocumentBuilder *builder = sitmap_document_builder_new ();
  g_autoptr (GRand) rand = g_rand_new_with_seed (5);

  for (guint i = 0; i < n; i++)
    {
      gint64 t = timeline_test_time ("2024-01-01") + (gint64) g_rand_int_range (rand, 0, 366) * 86400;
      g_autofree char *when = sitmap_time_format_bound (t, i % 5 == 0 ? SITMAP_TIME_UNIT_MONTH : SITMAP_TIME_UNIT_DAY);

      timeline_test_add_event (builder, NULL, i % 3 == 0 ? "alpha" : "beta", g_rand_int_range (rand, 0, 4), when, NULL,
                               NULL);
    }
  return sitmap_document_builder_finish (builder);
}

/* Each bar of the histogram against a scan of the events that pass, spread as the histogram spreads
 * them; returns the bars' total. */
static double
check_bins_against_scan (Fixture *f)
{
  SitmapDocument *document = sitmap_view_state_get_document (f->view_state);
  const SitmapEventColumns *columns = sitmap_document_get_columns (document);
  const gint64 *edges;
  double total = 0;

  _sitmap_timeline_ensure_bins (f->timeline);
  g_assert_cmpuint (f->timeline->bins->len, >, 50);
  edges = (const gint64 *) (gpointer) f->timeline->bin_edges->data;
  for (guint b = 0; b < f->timeline->bins->len; b++)
    {
      const SitmapHistogramCounts *got = &g_array_index (f->timeline->bins, SitmapHistogramCounts, b);
      SitmapHistogramCounts expected = { 0 };

      for (guint i = 0; i < columns->n_dated; i++)
        {
          gint64 s = columns->start[i], e = sitmap_event_columns_get_end (columns, i);
          guint layer = columns->time_precision[i] == SITMAP_TIME_PRECISION_MONTH;

          if (sitmap_view_state_passes_filter (f->view_state, i))
            expected.counts[layer][columns->category[i]] +=
              (double) MAX (0, MIN (e, edges[b + 1]) - MAX (s, edges[b])) / (double) (e - s);
        }
      for (guint layer = 0; layer < SITMAP_HISTOGRAM_N_LAYERS; layer++)
        for (guint c = 0; c < SITMAP_N_CATEGORIES; c++)
          {
            g_assert_cmpfloat_with_epsilon (got->counts[layer][c], expected.counts[layer][c], 0.02);
            total += got->counts[layer][c];
          }
    }
  return total;
}

/* With a search on, the bars count only the events that pass; when it ends, all of them again. */
static void
test_filter_histogram (Fixture *f, gconstpointer data)
{
  g_autoptr (SitmapDocument) document = alpha_beta_document (3000);

  sitmap_view_state_set_document (f->view_state, document);
  show_window (f, "2023-12-01", "2025-02-01");
  g_assert_cmpfloat_with_epsilon (check_bins_against_scan (f), 3000, 0.5);

  sitmap_view_state_set_text (f->view_state, "alpha");
  g_assert_false (_sitmap_timeline_is_histogram_pending (f->timeline));
  g_assert_cmpfloat_with_epsilon (check_bins_against_scan (f), 1000, 0.5);
  /* A hidden category on top: the passing histogram still counts per category */
  sitmap_view_state_set_hidden_categories (f->view_state, 1u << 0);
  check_bins_against_scan (f);

  sitmap_view_state_set_filter (f->view_state, NULL);
  g_assert_cmpfloat_with_epsilon (check_bins_against_scan (f), 3000, 0.5);
}

static gboolean
histogram_ready_cb (gpointer data)
{
  return !_sitmap_timeline_is_histogram_pending (data);
}

/* Past 50,000 events the passing histogram is made in a thread: until it comes the timeline goes on
 * drawing, and a newer filter wins over one still being made. */
static void
test_filter_histogram_thread (Fixture *f, gconstpointer data)
{
  g_autoptr (SitmapDocument) document = alpha_beta_document (80000);

  sitmap_view_state_set_document (f->view_state, document);
  show_window (f, "2023-12-01", "2025-02-01");
  sitmap_view_state_set_text (f->view_state, "beta");
  g_assert_true (_sitmap_timeline_is_histogram_pending (f->timeline));
  timeline_test_render (GTK_WIDGET (f->timeline), NULL);
  g_assert_true (timeline_test_wait (histogram_ready_cb, f->timeline));
  g_assert_cmpfloat_with_epsilon (check_bins_against_scan (f), 80000 - 26667, 0.5);

  /* A thread still at work for "beta" when "alpha" comes: alpha's histogram, made at once, stays */
  sitmap_view_state_set_text (f->view_state, NULL);
  sitmap_view_state_set_text (f->view_state, "beta");
  g_assert_true (_sitmap_timeline_is_histogram_pending (f->timeline));
  sitmap_view_state_set_text (f->view_state, "alpha");
  g_assert_false (_sitmap_timeline_is_histogram_pending (f->timeline));
  timeline_test_pause (300);
  g_assert_cmpfloat_with_epsilon (check_bins_against_scan (f), 26667, 0.5);
}

/*
 * Far dates
 */

/* 1066, 1914 and 3000 are placed where they are; an undated event is nowhere, and never at 1970. */
static void
test_far_dates (Fixture *f, gconstpointer data)
{
  SitmapDocumentBuilder *builder = sitmap_document_builder_new ();
  g_autoptr (SitmapDocument) far = NULL;
  graphene_rect_t hastings, war, future, bounds;

  timeline_test_add_event (builder, "hastings", "Hastings", SITMAP_CATEGORY_BATTLE, "1066-10-14", NULL, NULL);
  timeline_test_add_event (builder, "war", "War declared", SITMAP_CATEGORY_STRATEGIC, "1914-07-28", NULL, NULL);
  timeline_test_add_event (builder, "future", "A statement", SITMAP_CATEGORY_STATEMENT, "3000", NULL, NULL);
  timeline_test_add_event (builder, "undated", "Undated", SITMAP_CATEGORY_OTHER, NULL, NULL, NULL);
  far = sitmap_document_builder_finish (builder);
  g_clear_object (&f->document);
  f->document = g_steal_pointer (&far);
  sitmap_view_state_set_document (f->view_state, f->document);
  sitmap_timeline_zoom_to_fit (f->timeline);
  hastings = bounds_of (f, "hastings");
  war = bounds_of (f, "war");
  future = bounds_of (f, "future");
  g_assert_cmpfloat (hastings.origin.x, <, war.origin.x);
  g_assert_cmpfloat (war.origin.x, <, future.origin.x);
  g_assert_false (sitmap_timeline_get_mark_bounds (f->timeline, position_of (f, "undated"), &bounds));

  show_window (f, "1914-07-01", "1914-09-01");
  war = bounds_of (f, "war");
  g_assert_cmpfloat_with_epsilon (war.origin.x, x_of (f, "1914-07-28"), 0.5);
  show_window (f, "1960-01-01", "1980-01-01");
  for (guint i = 0; i < 4; i++)
    g_assert_false (sitmap_timeline_get_mark_bounds (f->timeline, i, &bounds));
  g_assert_cmpuint (sitmap_timeline_get_n_undated (f->timeline), ==, 1);
}

/* The widget and its controls say what they are to assistive technologies. */
static void
test_accessible (Fixture *f, gconstpointer data)
{
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (f->timeline), GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (f->timeline), GTK_ACCESSIBLE_PROPERTY_LABEL, "Timeline");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (f->timeline->header->play_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Play");
  sitmap_view_state_set_range (f->view_state, timeline_test_time ("2024-12-08"), timeline_test_time ("2024-12-11"));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (f->timeline), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Showing Apr 2010 – Aug 2025. "
                                       "Time range: 8 – 10 Dec 2024 · 5 of 9 events overlapping");
  gtk_widget_activate_action (GTK_WIDGET (f->timeline), "timeline.play-pause", NULL);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (f->timeline->header->play_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Pause");
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

static gboolean
range_ends_6_dec_cond (gpointer data)
{
  gint64 start, end;

  return sitmap_view_state_get_range (((Fixture *) data)->view_state, &start, &end) &&
         end == timeline_test_time ("2024-12-06");
}

static gboolean
playing_cond (gpointer data)
{
  return sitmap_playback_get_playing (sitmap_timeline_get_playback (((Fixture *) data)->timeline));
}

static gboolean
paused_cond (gpointer data)
{
  return !playing_cond (data);
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

  /* Shift and the right arrow make the range a day longer; Space plays and pauses */
  sitmap_view_state_set_range (f->view_state, timeline_test_time ("2024-12-01"), timeline_test_time ("2024-12-05"));
  xdotool ("key shift+Right");
  g_assert_true (timeline_test_wait (range_ends_6_dec_cond, f));
  xdotool ("key space");
  g_assert_true (timeline_test_wait (playing_cond, f));
  xdotool ("key space");
  g_assert_true (timeline_test_wait (paused_cond, f));
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
  /* GTK's test accessibility backend, which needs no bus (plain xvfb-run has none, and GTK would warn,
   * fatally under GTest) and lets the tests read what assistive technologies would be told. */
  g_setenv ("GTK_A11Y", "test", TRUE);
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
  ADD ("marks/edited", test_edited_mark);
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
  ADD ("range/typed", test_typed_dates);
  ADD ("range/presets", test_presets);
  ADD ("range/rule", test_rule);
  ADD ("range/time-zone", test_time_zone);
  ADD ("keys", test_keys);
  ADD ("playback", test_playback);
  ADD ("rtl", test_rtl);
  ADD ("pan/drag", test_drag_pan);
  ADD ("pan/pinch", test_pinch);
  ADD ("density", test_dense);
  ADD ("filter/marks", test_filter_marks);
  ADD ("filter/undated", test_filter_undated);
  ADD ("filter/zoom-to-fit", test_filter_zoom_to_fit);
  ADD ("filter/playback", test_filter_playback);
  ADD ("filter/histogram", test_filter_histogram);
  ADD ("filter/histogram-thread", test_filter_histogram_thread);
  ADD ("far-dates", test_far_dates);
  ADD ("accessible", test_accessible);
  ADD ("real-input", test_real_input);
#undef ADD
  g_test_add_func ("/timeline/widget/no-document", test_no_document);
  return g_test_run ();
}
