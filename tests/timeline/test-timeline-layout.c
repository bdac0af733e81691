/* test-timeline-layout.c: where the timeline's marks go, without a widget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-timeline-layout"

#include "config.h"

#include <locale.h>

#include "sitmap-timeline-layout.h"
#include "timeline-test-utils.h"

#define WIDTH 1000
#define HEADER 30.0f
/* Room for three lanes: 3 * 12 px of lanes, the gap under them and the overflow strip above */
#define AXIS_Y (HEADER + SITMAP_TIMELINE_OVERFLOW_H + SITMAP_TIMELINE_LANES_GAP + 3 * SITMAP_TIMELINE_LANE_PITCH + 1)

typedef struct
{
  SitmapDocument       *document;
  SitmapViewState      *view_state;
  SitmapTimelineLayout *layout;
} Fixture;

/* A crowd of ten events on 10 December, one a day before it, a month, a span and an open span. */
static SitmapDocument *
crowd_document (void)
{
  SitmapDocumentBuilder *builder = sitmap_document_builder_new ();

  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *id = g_strdup_printf ("crowd-%u", i);

      timeline_test_add_event (builder, id, id, SITMAP_CATEGORY_BATTLE, "2024-12-10", NULL, NULL);
    }
  timeline_test_add_event (builder, "alone", "alone", SITMAP_CATEGORY_PROTEST, "2024-12-01", NULL, NULL);
  timeline_test_add_event (builder, "month", "month", SITMAP_CATEGORY_CONTEXT, "2024-11", NULL, NULL);
  timeline_test_add_event (builder, "span", "span", SITMAP_CATEGORY_REMOTE_VIOLENCE, NULL, "2024-12-03", "2024-12-06");
  timeline_test_add_event (builder, "open", "open", SITMAP_CATEGORY_STRATEGIC, NULL, "2024-12-12", NULL);
  timeline_test_add_event (builder, "undated", "undated", SITMAP_CATEGORY_CONTEXT, NULL, NULL, NULL);
  return sitmap_document_builder_finish (builder);
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  fixture->document = crowd_document ();
  fixture->view_state = sitmap_view_state_new ();
  sitmap_view_state_set_document (fixture->view_state, fixture->document);
  fixture->layout = sitmap_timeline_layout_new ();
  g_assert_true (sitmap_timeline_layout_set_size (fixture->layout, WIDTH, HEADER, AXIS_Y));
  g_assert_true (sitmap_timeline_layout_set_window (fixture->layout, timeline_test_time ("2024-11-01"),
                                                    timeline_test_time ("2024-12-21")));
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_object (&fixture->layout);
  g_clear_object (&fixture->view_state);
  g_clear_object (&fixture->document);
}

static const SitmapTimelineMark *
mark_of (Fixture *fixture, const char *id)
{
  gint position = sitmap_document_find_event (fixture->document, id);
  const SitmapTimelineMark *marks;
  guint n;
  int i;

  g_assert_cmpint (position, >=, 0);
  i = sitmap_timeline_layout_find_mark (fixture->layout, (guint) position);
  if (i < 0)
    return NULL;
  marks = sitmap_timeline_layout_get_marks (fixture->layout, &n);
  g_assert_cmpint (i, <, (int) n);
  g_assert_cmpuint (marks[i].position, ==, (guint) position);
  return &marks[i];
}

static void
test_geometry (Fixture *fixture, gconstpointer data)
{
  SitmapTimelineLayout *layout = fixture->layout;

  g_assert_cmpuint (sitmap_timeline_layout_get_n_lanes (layout), ==, 3);
  /* Lane 0 sits on the axis, each further lane one pitch above; the overflow strip tops them. */
  g_assert_cmpfloat (sitmap_timeline_layout_lane_y (layout, 0), ==,
                     AXIS_Y - SITMAP_TIMELINE_LANES_GAP - SITMAP_TIMELINE_MARK_HEIGHT);
  g_assert_cmpfloat (sitmap_timeline_layout_lane_y (layout, 0) - sitmap_timeline_layout_lane_y (layout, 1), ==,
                     SITMAP_TIMELINE_LANE_PITCH);
  g_assert_cmpfloat (sitmap_timeline_layout_overflow_y (layout), >=, HEADER);
  g_assert_cmpfloat (sitmap_timeline_layout_project (layout, timeline_test_time ("2024-11-01")), ==, 0);
  g_assert_cmpfloat_with_epsilon (sitmap_timeline_layout_project (layout, timeline_test_time ("2024-12-21")), WIDTH,
                                  1e-3);
  /* The same size again changes nothing, another one does. */
  g_assert_false (sitmap_timeline_layout_set_size (layout, WIDTH, HEADER, AXIS_Y));
  g_assert_true (sitmap_timeline_layout_set_size (layout, WIDTH, HEADER, AXIS_Y + SITMAP_TIMELINE_LANE_PITCH));
  g_assert_cmpuint (sitmap_timeline_layout_get_n_lanes (layout), ==, 4);
}

/* Marks in one lane never touch: each is drawn clear of the one before it. */
static void
test_lanes_do_not_overlap (Fixture *fixture, gconstpointer data)
{
  SitmapTimelineLayout *layout = fixture->layout;
  const SitmapTimelineMark *marks;
  float ends[SITMAP_TIMELINE_LANES_MAX];
  guint n, n_columns, overflowed = 0;
  const guint32 *overflow;

  sitmap_timeline_layout_update (layout, fixture->view_state, NULL);
  g_assert_true (sitmap_timeline_layout_is_valid (layout));
  g_assert_false (sitmap_timeline_layout_get_dense (layout));
  marks = sitmap_timeline_layout_get_marks (layout, &n);
  /* Three lanes hold three of the crowd; the other seven are counted over their day. */
  g_assert_cmpuint (n, ==, 14 - 7);
  g_assert_cmpuint (sitmap_timeline_layout_get_n_overflow (layout), ==, 7);
  overflow = sitmap_timeline_layout_get_overflow (layout, &n_columns);
  g_assert_cmpuint (n_columns, ==, WIDTH);
  for (guint x = 0; x < n_columns; x++)
    overflowed += overflow[x];
  g_assert_cmpuint (overflowed, ==, 7);
  for (guint l = 0; l < G_N_ELEMENTS (ends); l++)
    ends[l] = -G_MAXFLOAT;
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpuint (marks[i].lane, <, 3);
      g_assert_cmpfloat (marks[i].x0, <, marks[i].x1);
      g_assert_cmpfloat (marks[i].x1 - marks[i].x0, >=, SITMAP_TIMELINE_POINT_WIDTH - 1e-3);
      g_assert_cmpfloat (marks[i].x0, >, ends[marks[i].lane]);
      ends[marks[i].lane] = marks[i].x1;
    }
  /* Nothing in the crowd's day is on the overflow strip's other side */
  g_assert_cmpuint (sitmap_timeline_layout_overflow_at (layout, 20, sitmap_timeline_layout_overflow_y (layout)), ==,
                    0);
}

/* A date known to the month covers the month; a span its days; an open span runs to the edge. */
static void
test_uncertain_spans (Fixture *fixture, gconstpointer data)
{
  SitmapTimelineLayout *layout = fixture->layout;
  const SitmapTimelineMark *month, *span, *open, *alone;

  sitmap_timeline_layout_update (layout, fixture->view_state, NULL);
  month = mark_of (fixture, "month");
  span = mark_of (fixture, "span");
  open = mark_of (fixture, "open");
  alone = mark_of (fixture, "alone");
  g_assert_nonnull (month);
  g_assert_nonnull (span);
  g_assert_nonnull (open);
  g_assert_nonnull (alone);
  g_assert_cmpint (month->style, ==, SITMAP_MARK_VAGUE);
  g_assert_cmpfloat (month->x0, ==, sitmap_timeline_layout_project (layout, timeline_test_time ("2024-11-01")));
  g_assert_cmpfloat (month->x1, ==, sitmap_timeline_layout_project (layout, timeline_test_time ("2024-12-01")));
  g_assert_cmpint (span->style, ==, SITMAP_MARK_SPAN);
  g_assert_cmpfloat (span->x0, ==, sitmap_timeline_layout_project (layout, timeline_test_time ("2024-12-03")));
  g_assert_cmpint (open->style, ==, SITMAP_MARK_OPEN_END);
  g_assert_cmpfloat (open->x1, ==, WIDTH);
  g_assert_cmpint (alone->style, ==, SITMAP_MARK_POINT);
  /* The day the month ends on begins where the month's mark does: it keeps a gap, one lane up */
  g_assert_cmpuint (month->lane, ==, 0);
  g_assert_cmpuint (alone->lane, ==, 1);
  /* A day known to the day covers it: twenty pixels at this zoom */
  g_assert_cmpfloat_with_epsilon (alone->x1 - alone->x0, WIDTH / 50.0, 1e-3);
  /* Hit testing finds each where it is drawn */
  g_assert_cmpint (sitmap_timeline_layout_mark_at (layout, (span->x0 + span->x1) / 2,
                                                   sitmap_timeline_layout_lane_y (layout, span->lane) + 2),
                   ==, sitmap_timeline_layout_find_mark (layout, span->position));
  g_assert_cmpint (sitmap_timeline_layout_mark_at (layout, WIDTH + 50, 0), ==, -1);
}

/* What the filter leaves out has no mark; the selection has one even in a crowd. */
static void
test_filter_and_selection (Fixture *fixture, gconstpointer data)
{
  SitmapTimelineLayout *layout = fixture->layout;
  gint crowd = sitmap_document_find_event (fixture->document, "crowd-9");

  sitmap_view_state_set_hidden_categories (fixture->view_state, 1u << SITMAP_CATEGORY_PROTEST);
  sitmap_view_state_select (fixture->view_state, crowd);
  sitmap_timeline_layout_update (layout, fixture->view_state, NULL);
  g_assert_null (mark_of (fixture, "alone"));
  g_assert_nonnull (mark_of (fixture, "crowd-9"));
  /* Until invalidated, the layout stays as it was */
  sitmap_view_state_set_hidden_categories (fixture->view_state, 0);
  sitmap_timeline_layout_update (layout, fixture->view_state, NULL);
  g_assert_null (mark_of (fixture, "alone"));
  sitmap_timeline_layout_invalidate (layout);
  sitmap_timeline_layout_update (layout, fixture->view_state, NULL);
  g_assert_nonnull (mark_of (fixture, "alone"));
}

/* A histogram that says the window holds more than the lanes could: only the selection is a mark. */
static void
test_dense (Fixture *fixture, gconstpointer data)
{
  SitmapTimelineLayout *layout = fixture->layout;
  g_autoptr (SitmapTimeHistogram) histogram = sitmap_time_histogram_new (sitmap_document_get_columns (fixture->document));
  guint n;

  /* Five pixels wide, one lane: room for less than one point mark */
  sitmap_timeline_layout_set_size (layout, 5, HEADER, HEADER + 20);
  sitmap_view_state_select (fixture->view_state, sitmap_document_find_event (fixture->document, "span"));
  sitmap_timeline_layout_update (layout, fixture->view_state, histogram);
  g_assert_true (sitmap_timeline_layout_get_dense (layout));
  sitmap_timeline_layout_get_marks (layout, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_nonnull (mark_of (fixture, "span"));
  g_assert_cmpfloat (sitmap_timeline_layout_plot_top (layout), ==, HEADER + 4);
}

/* The packer alone, as the export's strip uses it */
static void
test_packer (void)
{
  g_autoptr (SitmapTimelineLayout) layout = sitmap_timeline_layout_new ();

  sitmap_timeline_layout_begin_lanes (layout, 3, 2);
  g_assert_cmpint (sitmap_timeline_layout_place_lane (layout, 0, 100), ==, 0);    /* a long span */
  g_assert_cmpint (sitmap_timeline_layout_place_lane (layout, 10, 15), ==, 1);    /* overlaps it: next lane up */
  g_assert_cmpint (sitmap_timeline_layout_place_lane (layout, 17, 21), ==, 1);    /* just clear of it (gap 2) */
  g_assert_cmpint (sitmap_timeline_layout_place_lane (layout, 22, 25), ==, 2);    /* touches lane 1's mark */
  g_assert_cmpint (sitmap_timeline_layout_place_lane (layout, 22.5, 25), ==, -1); /* nowhere left: not drawn */
  g_assert_cmpint (sitmap_timeline_layout_place_lane (layout, 30, 35), ==, 1);    /* lane 1 is free again */
  g_assert_cmpint (sitmap_timeline_layout_place_lane (layout, 103, 108), ==, 0);
  /* Starting again forgets every lane */
  sitmap_timeline_layout_begin_lanes (layout, 1, 0);
  g_assert_cmpint (sitmap_timeline_layout_place_lane (layout, 0, 10), ==, 0);
  g_assert_cmpint (sitmap_timeline_layout_place_lane (layout, 10, 20), ==, 0);
  g_assert_cmpint (sitmap_timeline_layout_place_lane (layout, 19, 20), ==, -1);
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/timeline-layout/geometry", Fixture, NULL, fixture_set_up, test_geometry, fixture_tear_down);
  g_test_add ("/timeline-layout/lanes-do-not-overlap", Fixture, NULL, fixture_set_up, test_lanes_do_not_overlap,
              fixture_tear_down);
  g_test_add ("/timeline-layout/uncertain-spans", Fixture, NULL, fixture_set_up, test_uncertain_spans,
              fixture_tear_down);
  g_test_add ("/timeline-layout/filter-and-selection", Fixture, NULL, fixture_set_up, test_filter_and_selection,
              fixture_tear_down);
  g_test_add ("/timeline-layout/dense", Fixture, NULL, fixture_set_up, test_dense, fixture_tear_down);
  g_test_add_func ("/timeline-layout/packer", test_packer);
  return g_test_run ();
}
