/* test-time-axis.c: the axis maths across scales, and the lane packer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-time-axis"

#include "config.h"

#include <locale.h>

#include "sitmap-error.h"
#include "sitmap-time-axis.h"
#include "sitmap-time.h"
#include "sitmap-typed-date.h"

#define WIDTH 1000.0

/* Labels measured as a proportional font would be, roughly: wide digits, narrow spaces. */
static double
measure_cb (const char *text, SitmapAxisLabelKind kind, gpointer user_data)
{
  double width = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    width += *p == ' ' ? 3.5 : 7.0;
  return kind == SITMAP_AXIS_LABEL_CONTEXT ? width * 1.1 : width;
}

static gint64
civil (gint64 year, guint month, guint day, guint hour, guint minute)
{
  return sitmap_time_from_civil (year, month, day, hour, minute, 0);
}

static SitmapTimeAxis *
axis_for (gint64 start, gint64 end)
{
  SitmapTimeAxis *axis = sitmap_time_axis_new ();

  sitmap_time_axis_set_measure_func (axis, measure_cb, NULL);
  sitmap_time_axis_update (axis, start, end, WIDTH);
  return axis;
}

static void
assert_step (SitmapAxisStep step, SitmapAxisUnit unit, guint count)
{
  g_assert_cmpint (step.unit, ==, unit);
  g_assert_cmpuint (step.count, ==, count);
}

static void
split (gint64 t, gint64 *year, guint *month, guint *day, gint64 *second_of_day)
{
  gint64 days = t / 86400 - (t % 86400 < 0);

  sitmap_civil_from_days (days, year, month, day);
  *second_of_day = t - days * 86400;
}

/* Every tick falls on a boundary of its step in UTC: not on a multiple of some number of seconds. */
static void
assert_calendar_boundary (SitmapAxisStep step, gint64 t)
{
  gint64 year, second;
  guint month, day;

  split (t, &year, &month, &day, &second);
  switch (step.unit)
    {
    case SITMAP_AXIS_UNIT_YEAR:
      g_assert_cmpuint (month, ==, 1);
      g_assert_cmpuint (day, ==, 1);
      g_assert_cmpint (second, ==, 0);
      g_assert_cmpint (((year % step.count) + step.count) % step.count, ==, 0);
      break;
    case SITMAP_AXIS_UNIT_MONTH:
      g_assert_cmpuint (day, ==, 1);
      g_assert_cmpint (second, ==, 0);
      g_assert_cmpuint ((month - 1) % step.count, ==, 0);
      break;
    case SITMAP_AXIS_UNIT_WEEK:
      g_assert_cmpint (second, ==, 0);
      /* 1 January 2024 was a Monday */
      g_assert_cmpint ((((t - civil (2024, 1, 1, 0, 0)) / 86400) % 7 + 7) % 7, ==, 0);
      break;
    case SITMAP_AXIS_UNIT_DAY:
      g_assert_cmpint (second, ==, 0);
      break;
    case SITMAP_AXIS_UNIT_HOUR:
      g_assert_cmpint (second % (3600 * step.count), ==, 0);
      break;
    case SITMAP_AXIS_UNIT_MINUTE:
      g_assert_cmpint (second % (60 * step.count), ==, 0);
      break;
    case SITMAP_AXIS_UNIT_SECOND:
    default:
      g_assert_cmpint (second % step.count, ==, 0);
      break;
    }
}

/* Ticks in order, within the window, on boundaries; majors on major boundaries; no two drawn labels
 * overlap, and no drawn label runs off the right edge. */
static void
assert_sound_layout (SitmapTimeAxis *axis, gint64 start, gint64 end)
{
  SitmapAxisStep major = sitmap_time_axis_get_major_step (axis);
  SitmapAxisStep minor = sitmap_time_axis_get_minor_step (axis);
  const SitmapAxisTick *ticks, *previous = NULL;
  guint n, n_major = 0;

  ticks = sitmap_time_axis_get_ticks (axis, &n);
  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpint (ticks[i].time, >=, start);
      g_assert_cmpint (ticks[i].time, <=, end);
      g_assert_cmpfloat (ticks[i].x, >=, 0);
      g_assert_cmpfloat (ticks[i].x, <=, WIDTH);
      if (i > 0)
        g_assert_cmpint (ticks[i].time, >, ticks[i - 1].time);
      assert_calendar_boundary (ticks[i].major ? major : minor, ticks[i].time);
      if (!ticks[i].major)
        {
          g_assert_null (ticks[i].label);
          continue;
        }
      n_major++;
      g_assert_nonnull (ticks[i].label);
      assert_calendar_boundary (major, ticks[i].time);
      if (!ticks[i].label_fits)
        continue;
      g_assert_cmpfloat (ticks[i].label_x, >, ticks[i].x);
      g_assert_cmpfloat (ticks[i].label_x + ticks[i].label_width, <=, WIDTH);
      if (previous != NULL)
        g_assert_cmpfloat (previous->label_x + previous->label_width, <, ticks[i].x);
      previous = &ticks[i];
    }
  g_assert_cmpuint (n_major, >=, 2);
}

static const char *
major_label (SitmapTimeAxis *axis, guint k)
{
  const SitmapAxisTick *ticks;
  guint n;

  ticks = sitmap_time_axis_get_ticks (axis, &n);
  for (guint i = 0; i < n; i++)
    if (ticks[i].major && k-- == 0)
      return ticks[i].label;
  g_assert_not_reached ();
  return NULL;
}

static void
test_century (void)
{
  g_autoptr (SitmapTimeAxis) axis = axis_for (civil (1900, 1, 1, 0, 0), civil (2000, 1, 1, 0, 0));

  /* 10 px a year: "1905" needs about 46 px with its gaps, so every 5 years, with years as minor ticks */
  assert_step (sitmap_time_axis_get_major_step (axis), SITMAP_AXIS_UNIT_YEAR, 5);
  assert_step (sitmap_time_axis_get_minor_step (axis), SITMAP_AXIS_UNIT_YEAR, 1);
  assert_sound_layout (axis, civil (1900, 1, 1, 0, 0), civil (2000, 1, 1, 0, 0));
  g_assert_cmpstr (major_label (axis, 0), ==, "1900");
  g_assert_cmpstr (major_label (axis, 1), ==, "1905");
}

static void
test_decade (void)
{
  g_autoptr (SitmapTimeAxis) axis = axis_for (civil (2010, 1, 1, 0, 0), civil (2020, 1, 1, 0, 0));
  const SitmapAxisTick *context;
  guint n;

  assert_step (sitmap_time_axis_get_major_step (axis), SITMAP_AXIS_UNIT_YEAR, 1);
  /* Months would be under 8 px apart: quarters */
  assert_step (sitmap_time_axis_get_minor_step (axis), SITMAP_AXIS_UNIT_MONTH, 3);
  assert_sound_layout (axis, civil (2010, 1, 1, 0, 0), civil (2020, 1, 1, 0, 0));
  g_assert_cmpstr (major_label (axis, 0), ==, "2010");
  g_assert_cmpstr (major_label (axis, 9), ==, "2019");
  /* Year labels need no context row */
  context = sitmap_time_axis_get_context_ticks (axis, &n);
  g_assert_cmpuint (n, ==, 0);
  (void) context;
}

static void
test_year (void)
{
  g_autoptr (SitmapTimeAxis) axis = axis_for (civil (2024, 1, 1, 0, 0), civil (2025, 1, 1, 0, 0));

  assert_step (sitmap_time_axis_get_major_step (axis), SITMAP_AXIS_UNIT_MONTH, 1);
  assert_sound_layout (axis, civil (2024, 1, 1, 0, 0), civil (2025, 1, 1, 0, 0));
  g_assert_cmpstr (major_label (axis, 0), ==, "Jan 2024");
  g_assert_cmpstr (major_label (axis, 11), ==, "Dec 2024");
}

static void
test_quarters (void)
{
  g_autoptr (SitmapTimeAxis) axis = axis_for (civil (2020, 1, 1, 0, 0), civil (2023, 1, 1, 0, 0));

  /* Three years: a month is 26 px, too narrow for "Apr 2021"; quarters, labelled, with months between */
  assert_step (sitmap_time_axis_get_major_step (axis), SITMAP_AXIS_UNIT_MONTH, 3);
  assert_step (sitmap_time_axis_get_minor_step (axis), SITMAP_AXIS_UNIT_MONTH, 1);
  assert_sound_layout (axis, civil (2020, 1, 1, 0, 0), civil (2023, 1, 1, 0, 0));
  g_assert_cmpstr (major_label (axis, 1), ==, "Apr 2020");
}

static void
test_month (void)
{
  g_autoptr (SitmapTimeAxis) axis = axis_for (civil (2024, 12, 1, 0, 0), civil (2025, 1, 1, 0, 0));
  const SitmapAxisTick *context;
  guint n;

  /* 32 px a day is too narrow for "10 Dec": weeks from Monday, with days between */
  assert_step (sitmap_time_axis_get_major_step (axis), SITMAP_AXIS_UNIT_WEEK, 1);
  assert_step (sitmap_time_axis_get_minor_step (axis), SITMAP_AXIS_UNIT_DAY, 1);
  assert_sound_layout (axis, civil (2024, 12, 1, 0, 0), civil (2025, 1, 1, 0, 0));
  g_assert_cmpstr (major_label (axis, 0), ==, "2 Dec");
  g_assert_cmpstr (major_label (axis, 1), ==, "9 Dec");
  /* The year the days are in, pinned at the left edge, and the next one at its boundary */
  context = sitmap_time_axis_get_context_ticks (axis, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpstr (context[0].label, ==, "2024");
  g_assert_cmpfloat (context[0].label_x, >=, 0);
  g_assert_cmpstr (context[1].label, ==, "2025");
  g_assert_cmpfloat (context[1].x, ==, WIDTH);
  g_assert_false (context[1].label_fits);
}

static void
test_week (void)
{
  gint64 start = civil (2024, 12, 7, 0, 0), end = civil (2024, 12, 14, 0, 0);
  g_autoptr (SitmapTimeAxis) axis = axis_for (start, end);
  const SitmapAxisTick *context;
  guint n;

  assert_step (sitmap_time_axis_get_major_step (axis), SITMAP_AXIS_UNIT_HOUR, 12);
  assert_sound_layout (axis, start, end);
  g_assert_cmpstr (major_label (axis, 0), ==, "00:00");
  g_assert_cmpstr (major_label (axis, 1), ==, "12:00");
  /* Each day is named under its hours */
  context = sitmap_time_axis_get_context_ticks (axis, &n);
  g_assert_cmpuint (n, ==, 8);
  g_assert_cmpstr (context[0].label, ==, "Sat 7 Dec 2024 · UTC");
  g_assert_cmpstr (context[3].label, ==, "Tue 10 Dec 2024 · UTC");
  for (guint i = 0; i + 1 < n; i++)
    if (context[i].label_fits)
      g_assert_cmpfloat (context[i].label_x + context[i].label_width, <, context[i + 1].label_x);
}

static void
test_day (void)
{
  gint64 start = civil (2024, 12, 10, 0, 0), end = civil (2024, 12, 11, 0, 0);
  g_autoptr (SitmapTimeAxis) axis = axis_for (start, end);

  /* 42 px an hour is too narrow for "01:00": every 3 hours, quarter hours between */
  assert_step (sitmap_time_axis_get_major_step (axis), SITMAP_AXIS_UNIT_HOUR, 3);
  assert_step (sitmap_time_axis_get_minor_step (axis), SITMAP_AXIS_UNIT_MINUTE, 15);
  assert_sound_layout (axis, start, end);
  g_assert_cmpstr (major_label (axis, 1), ==, "03:00");
}

static void
test_hour (void)
{
  /* An hour that starts off the boundary: ticks still on whole 5 minutes */
  gint64 start = civil (2024, 12, 10, 5, 2), end = start + 3600;
  g_autoptr (SitmapTimeAxis) axis = axis_for (start, end);
  const SitmapAxisTick *context;
  guint n;

  assert_step (sitmap_time_axis_get_major_step (axis), SITMAP_AXIS_UNIT_MINUTE, 5);
  assert_step (sitmap_time_axis_get_minor_step (axis), SITMAP_AXIS_UNIT_MINUTE, 1);
  assert_sound_layout (axis, start, end);
  g_assert_cmpstr (major_label (axis, 0), ==, "05:05");
  context = sitmap_time_axis_get_context_ticks (axis, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpstr (context[0].label, ==, "Tue 10 Dec 2024 · UTC");
  g_assert_true (context[0].label_fits);
}

/* Zooming in step by step never makes labels overlap and always moves to a finer or equal step. */
static void
test_zoom_sweep (void)
{
  gint64 middle = civil (2024, 12, 10, 12, 0);
  gint64 previous = G_MAXINT64;

  for (double span = 400.0 * 365 * 86400; span > 120; span /= 1.7)
    {
      gint64 start = middle - (gint64) (span / 2), end = middle + (gint64) (span / 2);
      g_autoptr (SitmapTimeAxis) axis = axis_for (start, end);
      gint64 step = sitmap_axis_step_get_min_seconds (sitmap_time_axis_get_major_step (axis));

      assert_sound_layout (axis, start, end);
      g_assert_cmpint (step, <=, previous);
      previous = step;
    }
}

static void
test_narrow (void)
{
  g_autoptr (SitmapTimeAxis) axis = sitmap_time_axis_new ();
  const SitmapAxisTick *ticks, *previous = NULL;
  guint n;

  sitmap_time_axis_set_measure_func (axis, measure_cb, NULL);
  sitmap_time_axis_update (axis, civil (2024, 1, 1, 0, 0), civil (2025, 1, 1, 0, 0), 90);
  ticks = sitmap_time_axis_get_ticks (axis, &n);
  for (guint i = 0; i < n; i++)
    if (ticks[i].major && ticks[i].label_fits)
      {
        g_assert_cmpfloat (ticks[i].label_x + ticks[i].label_width, <=, 90);
        if (previous != NULL)
          g_assert_cmpfloat (previous->label_x + previous->label_width, <, ticks[i].x);
        previous = &ticks[i];
      }
}

static void
test_before_1970 (void)
{
  gint64 start = civil (1914, 7, 1, 0, 0), end = civil (1917, 7, 1, 0, 0);
  g_autoptr (SitmapTimeAxis) axis = axis_for (start, end);

  g_assert_cmpint (start, <, 0);
  assert_sound_layout (axis, start, end);
  assert_step (sitmap_time_axis_get_major_step (axis), SITMAP_AXIS_UNIT_MONTH, 3);
  g_assert_cmpstr (major_label (axis, 0), ==, "Jul 1914");
  g_assert_cmpstr (major_label (axis, 1), ==, "Oct 1914");

  {
    g_autoptr (SitmapTimeAxis) old = axis_for (civil (1066, 1, 1, 0, 0), civil (1067, 1, 1, 0, 0));

    assert_sound_layout (old, civil (1066, 1, 1, 0, 0), civil (1067, 1, 1, 0, 0));
    g_assert_cmpstr (major_label (old, 9), ==, "Oct 1066");
  }
}

static void
test_year_3000 (void)
{
  gint64 start = civil (3000, 2, 20, 0, 0), end = civil (3000, 3, 20, 0, 0);
  g_autoptr (SitmapTimeAxis) axis = axis_for (start, end);
  const SitmapAxisTick *context;
  guint n;

  assert_sound_layout (axis, start, end);
  assert_step (sitmap_time_axis_get_major_step (axis), SITMAP_AXIS_UNIT_WEEK, 1);
  /* 20 February 3000 is a Thursday: the first Monday is the 24th */
  g_assert_cmpstr (major_label (axis, 0), ==, "24 Feb");
  g_assert_cmpstr (major_label (axis, 1), ==, "3 Mar");
  context = sitmap_time_axis_get_context_ticks (axis, &n);
  g_assert_cmpstr (context[0].label, ==, "3000");
}

/* Past GDateTime's year 9999 the labels fall back to numbers, and the ticks stay on the calendar. */
static void
test_year_20000 (void)
{
  gint64 start = civil (20000, 1, 1, 0, 0), end = civil (20100, 1, 1, 0, 0);
  g_autoptr (SitmapTimeAxis) axis = axis_for (start, end);

  assert_sound_layout (axis, start, end);
  g_assert_cmpstr (major_label (axis, 0), ==, "20000");
  g_assert_cmpint (sitmap_time_axis_get_major_step (axis).unit, ==, SITMAP_AXIS_UNIT_YEAR);

  {
    gint64 s = civil (20000, 1, 1, 0, 0), e = civil (20001, 1, 1, 0, 0);
    g_autoptr (SitmapTimeAxis) months = axis_for (s, e);
    g_autoptr (SitmapTimeAxis) days = axis_for (civil (20000, 3, 1, 0, 0), civil (20000, 3, 8, 0, 0));
    const SitmapAxisTick *context;
    guint n;

    assert_sound_layout (months, s, e);
    g_assert_cmpint (sitmap_time_axis_get_major_step (months).unit, ==, SITMAP_AXIS_UNIT_MONTH);
    g_assert_cmpstr (major_label (months, 0), ==, "20000-01");
    g_assert_cmpstr (major_label (months, 2), ==, "20000-03");
    assert_sound_layout (days, civil (20000, 3, 1, 0, 0), civil (20000, 3, 8, 0, 0));
    context = sitmap_time_axis_get_context_ticks (days, &n);
    g_assert_cmpstr (context[0].label, ==, "20000-03-01 UTC");
  }
}

static void
test_negative_years (void)
{
  gint64 start = civil (-520, 1, 1, 0, 0), end = civil (-400, 1, 1, 0, 0);
  g_autoptr (SitmapTimeAxis) axis = axis_for (start, end);

  assert_sound_layout (axis, start, end);
  g_assert_cmpstr (major_label (axis, 0), ==, "-520");
}

/* The whole span the axis can show, and a window past its limits, still lay out. */
static void
test_limits (void)
{
  gint64 min = sitmap_time_axis_get_min_time (), max = sitmap_time_axis_get_max_time ();
  g_autoptr (SitmapTimeAxis) axis = axis_for (min, max);
  g_autoptr (SitmapTimeAxis) beyond = axis_for (G_MININT64, G_MAXINT64);
  guint n;

  assert_sound_layout (axis, min, max);
  sitmap_time_axis_get_ticks (beyond, &n);
  g_assert_cmpuint (n, >, 0);
}

static void
test_step_arithmetic (void)
{
  SitmapAxisStep quarter = { SITMAP_AXIS_UNIT_MONTH, 3 };
  SitmapAxisStep decade = { SITMAP_AXIS_UNIT_YEAR, 10 };
  SitmapAxisStep week = { SITMAP_AXIS_UNIT_WEEK, 1 };
  SitmapAxisStep hours = { SITMAP_AXIS_UNIT_HOUR, 6 };
  SitmapAxisStep day = { SITMAP_AXIS_UNIT_DAY, 1 };

  g_assert_cmpint (sitmap_axis_step_floor (quarter, NULL, civil (2024, 12, 10, 5, 0)), ==, civil (2024, 10, 1, 0, 0));
  g_assert_cmpint (sitmap_axis_step_next (quarter, NULL, civil (2024, 10, 1, 0, 0)), ==, civil (2025, 1, 1, 0, 0));
  g_assert_cmpint (sitmap_axis_step_floor (decade, NULL, civil (-5, 6, 1, 0, 0)), ==, civil (-10, 1, 1, 0, 0));
  g_assert_cmpint (sitmap_axis_step_floor (week, NULL, civil (1969, 12, 31, 23, 0)), ==, civil (1969, 12, 29, 0, 0));
  g_assert_cmpint (sitmap_axis_step_floor (hours, NULL, civil (1950, 3, 1, 17, 59)), ==, civil (1950, 3, 1, 12, 0));
  g_assert_cmpint (sitmap_axis_step_round (day, NULL, civil (2024, 12, 10, 13, 0)), ==, civil (2024, 12, 11, 0, 0));
  g_assert_cmpint (sitmap_axis_step_round (day, NULL, civil (2024, 12, 10, 11, 0)), ==, civil (2024, 12, 10, 0, 0));

  /* A drag snaps to days when a day is several pixels wide, to months at a decade's view */
  assert_step (sitmap_axis_snap_step (WIDTH / (61.0 * 86400)), SITMAP_AXIS_UNIT_DAY, 1);
  assert_step (sitmap_axis_snap_step (WIDTH / (15.0 * 365 * 86400)), SITMAP_AXIS_UNIT_MONTH, 1);
  assert_step (sitmap_axis_snap_step (WIDTH / (300.0 * 365 * 86400)), SITMAP_AXIS_UNIT_YEAR, 1);
  assert_step (sitmap_axis_snap_step (WIDTH / (600.0 * 365 * 86400)), SITMAP_AXIS_UNIT_YEAR, 10);
  /* Four pixels a day, as in a month-and-a-half view of a narrow timeline: still days */
  assert_step (sitmap_axis_snap_step (4.0 / 86400), SITMAP_AXIS_UNIT_DAY, 1);
}

static void
assert_range (gint64 start, gint64 end, const char *expected)
{
  g_autofree char *text = sitmap_axis_format_range (NULL, start, end);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_format_range (void)
{
  assert_range (civil (2024, 12, 7, 0, 0), civil (2024, 12, 11, 0, 0), "7 – 10 Dec 2024");
  assert_range (civil (2024, 11, 27, 0, 0), civil (2024, 12, 11, 0, 0), "27 Nov – 10 Dec 2024");
  assert_range (civil (2023, 12, 30, 0, 0), civil (2024, 1, 3, 0, 0), "30 Dec 2023 – 2 Jan 2024");
  assert_range (civil (2024, 12, 10, 0, 0), civil (2024, 12, 11, 0, 0), "10 Dec 2024");
  assert_range (civil (2024, 11, 1, 0, 0), civil (2025, 1, 1, 0, 0), "Nov – Dec 2024");
  assert_range (civil (2019, 3, 1, 0, 0), civil (2019, 4, 1, 0, 0), "Mar 2019");
  assert_range (civil (2011, 1, 1, 0, 0), civil (2020, 1, 1, 0, 0), "2011 – 2019");
  assert_range (civil (2011, 1, 1, 0, 0), civil (2012, 1, 1, 0, 0), "2011");
  assert_range (civil (2024, 12, 10, 5, 0), civil (2024, 12, 10, 7, 30), "10 Dec 2024, 05:00 – 07:30 UTC");
  assert_range (civil (1914, 7, 28, 0, 0), civil (1918, 11, 12, 0, 0), "28 Jul 1914 – 11 Nov 1918");
  assert_range (civil (20000, 1, 1, 0, 0), civil (20010, 1, 1, 0, 0), "20000 – 20009");
  assert_range (civil (-500, 3, 1, 0, 0), civil (-500, 4, 1, 0, 0), "-0500-03");
}

/* In a zone three hours east of UTC, days begin at 21:00 UTC the day before, and the labels and the day
 * under the hours say so. The times themselves stay UTC. */
static void
test_time_zone (void)
{
  g_autoptr (GTimeZone) zone = g_time_zone_new_identifier ("+03:00");
  g_autoptr (SitmapTimeAxis) axis = sitmap_time_axis_new ();
  SitmapAxisStep day = { SITMAP_AXIS_UNIT_DAY, 1 };
  gint64 start = civil (2024, 12, 9, 21, 0), end = civil (2024, 12, 11, 21, 0);
  const SitmapAxisTick *ticks, *context;
  guint n;

  g_assert_nonnull (zone);
  g_assert_cmpint (sitmap_axis_step_floor (day, zone, civil (2024, 12, 10, 12, 0)), ==, civil (2024, 12, 9, 21, 0));
  g_assert_cmpint (sitmap_axis_step_floor (day, zone, civil (2024, 12, 9, 22, 0)), ==, civil (2024, 12, 9, 21, 0));
  g_assert_cmpint (sitmap_axis_step_next (day, zone, civil (2024, 12, 9, 21, 0)), ==, civil (2024, 12, 10, 21, 0));
  g_assert_cmpint (sitmap_axis_step_add (day, zone, civil (2024, 12, 9, 21, 0), -3), ==, civil (2024, 12, 6, 21, 0));

  sitmap_time_axis_set_measure_func (axis, measure_cb, NULL);
  sitmap_time_axis_set_time_zone (axis, zone);
  sitmap_time_axis_update (axis, start, end, WIDTH);
  ticks = sitmap_time_axis_get_ticks (axis, &n);
  g_assert_cmpint (ticks[0].time, ==, start);
  g_assert_cmpstr (major_label (axis, 0), ==, "00:00");
  context = sitmap_time_axis_get_context_ticks (axis, &n);
  g_assert_cmpstr (context[0].label, ==, "Tue 10 Dec 2024 · UTC+03:00");

  {
    g_autofree char *range = sitmap_axis_format_range (zone, start, end);
    g_autofree char *utc = sitmap_axis_format_range (NULL, start, end);

    g_assert_cmpstr (range, ==, "10 – 11 Dec 2024");
    g_assert_cmpstr (utc, ==, "9 Dec 2024, 21:00 – 11 Dec 2024, 21:00 UTC");
  }
}

/* Where the clocks change, local days are 23 or 25 hours long, and ticks still fall on local midnight. */
static void
test_daylight_saving (void)
{
  g_autoptr (GTimeZone) zone = g_time_zone_new_identifier ("Europe/Berlin");
  SitmapAxisStep day = { SITMAP_AXIS_UNIT_DAY, 1 };
  SitmapAxisStep hour = { SITMAP_AXIS_UNIT_HOUR, 1 };
  gint64 t;

  if (zone == NULL)
    {
      g_test_skip ("no time zone data for Europe/Berlin");
      return;
    }
  /* 31 March 2024: 02:00 became 03:00 in Berlin; midnight was 23:00 UTC before, 22:00 UTC after */
  t = sitmap_axis_step_floor (day, zone, civil (2024, 3, 31, 12, 0));
  g_assert_cmpint (t, ==, civil (2024, 3, 30, 23, 0));
  t = sitmap_axis_step_next (day, zone, t);
  g_assert_cmpint (t, ==, civil (2024, 3, 31, 22, 0));
  /* Hours go on through the change without stepping back */
  t = civil (2024, 3, 30, 23, 0);
  for (int i = 0; i < 6; i++)
    {
      gint64 next = sitmap_axis_step_next (hour, zone, t);

      g_assert_cmpint (next, >, t);
      g_assert_cmpint (next - t, ==, 3600);
      t = next;
    }
}

static void
assert_parsed (const char *text, GTimeZone *zone, gint64 start, gint64 end)
{
  g_autoptr (GError) error = NULL;
  gint64 s, e;

  g_assert_true (sitmap_axis_parse_date (text, zone, &s, &e, &error));
  g_assert_no_error (error);
  g_assert_cmpint (s, ==, start);
  g_assert_cmpint (e, ==, end);
}

/* Typed dates: ISO years, months, days and times, in the axis's zone unless they name their own; the
 * locale's short date (C: month/day/year); nonsense refused with a reason. */
static void
test_parse_date (void)
{
  g_autoptr (GTimeZone) zone = g_time_zone_new_identifier ("+03:00");
  g_autoptr (GError) error = NULL;
  gint64 s, e;

  assert_parsed ("2024", NULL, civil (2024, 1, 1, 0, 0), civil (2025, 1, 1, 0, 0));
  assert_parsed (" 2019-03 ", NULL, civil (2019, 3, 1, 0, 0), civil (2019, 4, 1, 0, 0));
  assert_parsed ("2024-12-10", NULL, civil (2024, 12, 10, 0, 0), civil (2024, 12, 11, 0, 0));
  assert_parsed ("2024-12-10", zone, civil (2024, 12, 9, 21, 0), civil (2024, 12, 10, 21, 0));
  assert_parsed ("2024-12-10T05:30", zone, civil (2024, 12, 10, 2, 30), civil (2024, 12, 10, 2, 30) + 1);
  assert_parsed ("2024-12-10T05:30Z", zone, civil (2024, 12, 10, 5, 30), civil (2024, 12, 10, 5, 30) + 1);
  assert_parsed ("1066-10-14", NULL, civil (1066, 10, 14, 0, 0), civil (1066, 10, 15, 0, 0));
  assert_parsed ("3000", NULL, civil (3000, 1, 1, 0, 0), civil (3001, 1, 1, 0, 0));
  assert_parsed ("12/10/2024", NULL, civil (2024, 12, 10, 0, 0), civil (2024, 12, 11, 0, 0));
  assert_parsed ("10 Dec 2024", NULL, civil (2024, 12, 10, 0, 0), civil (2024, 12, 11, 0, 0));
  assert_parsed ("2024-1-5", NULL, civil (2024, 1, 5, 0, 0), civil (2024, 1, 6, 0, 0));
  g_assert_false (sitmap_axis_parse_date ("last Tuesday", NULL, &s, &e, &error));
  g_assert_error (error, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_INVALID_VALUE);
  g_assert_cmpstr (error->message, ==, "Type a date like 2024-12-10, 2024-12 or 2024");
  g_clear_error (&error);
  /* A month is not its first day, and a day needs its year: GDate would read them as 1 December 2024
   * and 1 December 2010. */
  g_assert_false (sitmap_axis_parse_date ("December 2024", NULL, &s, &e, &error));
  g_assert_cmpstr (error->message, ==, "Type a month as 2024-12, or a day as 2024-12-10");
  g_clear_error (&error);
  g_assert_false (sitmap_axis_parse_date ("12/10", NULL, &s, &e, &error));
  g_assert_cmpstr (error->message, ==, "Add the year, as in 2024-12-10");
  g_clear_error (&error);
}

/* A refused date says what is wrong with it, or what to type instead. */
static void
test_explain_date (void)
{
  static const struct
  {
    const char *text;
    const char *why;
  } cases[] = {
    { "", "Type a date, such as 2024-12-10" },
    { "   ", "Type a date, such as 2024-12-10" },
    { "2024-13-45", "There is no month 13" },
    { "2024-00", "There is no month 00" },
    { "2024-12-45", "December 2024 has no day 45" },
    { "2023-02-29", "February 2023 has no day 29" },
    { "2024-11-31", "November 2024 has no day 31" },
    { "2024-12-00", "December 2024 has no day 00" },
    { "24-12-10", "Write the year with four digits, as in 2024-12-10" },
    { "20241210", "A year has at most six digits" },
    { "2024-", "Type the month after the year, as in 2024-12" },
    { "2024-12-", "Type the day after the month, as in 2024-12-10" },
    { "2024-12-5T05:30", "Write the day with two digits, as in 2024-12-05" },
    { "2024-12T05:30", "Put the day before the time, as in 2024-12-10T05:30" },
    { "2024-12-10 05:30", "Put a T between the day and the time, as in 2024-12-10T05:30" },
    { "2024-12-10T5:30", "Write a time as 2024-12-10T05:30" },
    { "2024-12-10T25:00", "There is no hour 25" },
    { "2024-12-10T24:30", "There is no hour 24" },
    { "2024-12-10T05:75", "There is no minute 75" },
    { "2024-12-10T05:30:61", "There is no second 61" },
    { "2024-12-10T05:30.", "Write a fraction of a second as 05:30:15.5" },
    { "2024-12-10T05:30+3", "Write a time zone as Z or +03:00" },
    { "2024-12-10T05:30 UTC", "Remove “ UTC” after the date" },
    { "2024-12-10 at noon, local time", "Put a T between the day and the time, as in 2024-12-10T05:30" },
    { "2024-12-10x and a long tail of words", "Remove “x and a long tai…” after the date" },
    { "December 2024", "Type a month as 2024-12, or a day as 2024-12-10" },
    { "12/2024", "Type a month as 2024-12, or a day as 2024-12-10" },
    { "Dec 10", "Add the year, as in 2024-12-10" },
    { "13/45/2024", "Type a date like 2024-12-10, 2024-12 or 2024" },
    { "the day the government fell", "Type a date like 2024-12-10, 2024-12 or 2024" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *why = sitmap_typed_date_explain (cases[i].text);
      g_autoptr (GError) error = NULL;
      gint64 s, e;

      g_test_message ("“%s”", cases[i].text);
      g_assert_cmpstr (why, ==, cases[i].why);
      /* Each is refused, with those words */
      g_assert_false (sitmap_axis_parse_date (cases[i].text, NULL, &s, &e, &error));
      g_assert_cmpstr (error->message, ==, cases[i].why);
    }
}

static void
assert_formatted (GTimeZone *zone, gint64 t, gboolean last, const char *expected)
{
  g_autofree char *text = sitmap_axis_format_date (zone, t, last);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_format_date (void)
{
  g_autoptr (GTimeZone) zone = g_time_zone_new_identifier ("+03:00");

  assert_formatted (NULL, civil (2024, 12, 10, 0, 0), FALSE, "2024-12-10");
  assert_formatted (NULL, civil (2024, 12, 11, 0, 0), TRUE, "2024-12-10");
  assert_formatted (NULL, civil (2024, 12, 10, 5, 30), FALSE, "2024-12-10T05:30");
  assert_formatted (NULL, civil (2024, 12, 10, 5, 30) + 15, TRUE, "2024-12-10T05:30:15");
  assert_formatted (zone, civil (2024, 12, 9, 21, 0), FALSE, "2024-12-10");
  assert_formatted (NULL, civil (1914, 7, 28, 0, 0), FALSE, "1914-07-28");
}

/* Histogram bars: the finest calendar step a few pixels wide and no finer than the histogram's bins. */
static void
test_bin_step (void)
{
  /* A year over 1000 px: days are 2.7 px */
  assert_step (sitmap_axis_bin_step (WIDTH / (366.0 * 86400), 2, 86400), SITMAP_AXIS_UNIT_DAY, 1);
  /* Fifteen years: weeks are 1.2 px, months 5 */
  assert_step (sitmap_axis_bin_step (WIDTH / (15.0 * 365 * 86400), 2, 86400), SITMAP_AXIS_UNIT_MONTH, 1);
  /* A day: hours would be wide enough, but the histogram knows days only */
  assert_step (sitmap_axis_bin_step (WIDTH / 86400.0, 2, 86400), SITMAP_AXIS_UNIT_DAY, 1);
  assert_step (sitmap_axis_bin_step (WIDTH / 86400.0, 2, 60), SITMAP_AXIS_UNIT_MINUTE, 5);
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/timeline/axis/century", test_century);
  g_test_add_func ("/timeline/axis/decade", test_decade);
  g_test_add_func ("/timeline/axis/quarters", test_quarters);
  g_test_add_func ("/timeline/axis/year", test_year);
  g_test_add_func ("/timeline/axis/month", test_month);
  g_test_add_func ("/timeline/axis/week", test_week);
  g_test_add_func ("/timeline/axis/day", test_day);
  g_test_add_func ("/timeline/axis/hour", test_hour);
  g_test_add_func ("/timeline/axis/zoom-sweep", test_zoom_sweep);
  g_test_add_func ("/timeline/axis/narrow", test_narrow);
  g_test_add_func ("/timeline/axis/before-1970", test_before_1970);
  g_test_add_func ("/timeline/axis/year-3000", test_year_3000);
  g_test_add_func ("/timeline/axis/year-20000", test_year_20000);
  g_test_add_func ("/timeline/axis/negative-years", test_negative_years);
  g_test_add_func ("/timeline/axis/limits", test_limits);
  g_test_add_func ("/timeline/axis/step-arithmetic", test_step_arithmetic);
  g_test_add_func ("/timeline/axis/format-range", test_format_range);
  g_test_add_func ("/timeline/axis/time-zone", test_time_zone);
  g_test_add_func ("/timeline/axis/daylight-saving", test_daylight_saving);
  g_test_add_func ("/timeline/axis/parse-date", test_parse_date);
  g_test_add_func ("/timeline/axis/explain-date", test_explain_date);
  g_test_add_func ("/timeline/axis/format-date", test_format_date);
  g_test_add_func ("/timeline/axis/bin-step", test_bin_step);
  return g_test_run ();
}
