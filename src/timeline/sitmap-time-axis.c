/* sitmap-time-axis.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-time-axis"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sitmap-error.h"
#include "sitmap-time-axis.h"
#include "sitmap-time.h"
#include "sitmap-typed-date.h"

#define DAY_SECONDS 86400
/* Space between a tick and its label, and the least space between two labels. */
#define LABEL_PAD 4.0
#define LABEL_GAP 14.0
/* Steps closer than this are not even measured: no label is that narrow. */
#define MIN_MAJOR_PX 24.0
#define MIN_MINOR_PX 9.0
/* More minor ticks than months in a year between two major ones is clutter, not information. */
#define MAX_MINOR_PER_MAJOR 12
#define SNAP_MIN_PX 3.0
#define MAX_TICKS 2000

struct _SitmapTimeAxis
{
  SitmapAxisMeasureFunc measure;
  gpointer              measure_data;
  GTimeZone            *zone; /* NULL: UTC */

  gboolean       valid;
  gint64         start;
  gint64         end;
  double         width;
  double         scale; /* pixels per second */
  SitmapAxisStep major;
  SitmapAxisStep minor;
  GArray        *ticks;   /* SitmapAxisTick */
  GArray        *context; /* SitmapAxisTick */
  GPtrArray     *labels;  /* the strings the ticks point to */
};

/* From the finest to the coarsest: the order in which steps are tried. */
static const SitmapAxisStep steps[] = {
  { SITMAP_AXIS_UNIT_SECOND, 1 },  { SITMAP_AXIS_UNIT_SECOND, 5 },  { SITMAP_AXIS_UNIT_SECOND, 10 },
  { SITMAP_AXIS_UNIT_SECOND, 15 }, { SITMAP_AXIS_UNIT_SECOND, 30 }, { SITMAP_AXIS_UNIT_MINUTE, 1 },
  { SITMAP_AXIS_UNIT_MINUTE, 5 },  { SITMAP_AXIS_UNIT_MINUTE, 10 }, { SITMAP_AXIS_UNIT_MINUTE, 15 },
  { SITMAP_AXIS_UNIT_MINUTE, 30 }, { SITMAP_AXIS_UNIT_HOUR, 1 },    { SITMAP_AXIS_UNIT_HOUR, 3 },
  { SITMAP_AXIS_UNIT_HOUR, 6 },    { SITMAP_AXIS_UNIT_HOUR, 12 },   { SITMAP_AXIS_UNIT_DAY, 1 },
  { SITMAP_AXIS_UNIT_WEEK, 1 },    { SITMAP_AXIS_UNIT_MONTH, 1 },   { SITMAP_AXIS_UNIT_MONTH, 3 },
  { SITMAP_AXIS_UNIT_MONTH, 6 },   { SITMAP_AXIS_UNIT_YEAR, 1 },    { SITMAP_AXIS_UNIT_YEAR, 2 },
  { SITMAP_AXIS_UNIT_YEAR, 5 },    { SITMAP_AXIS_UNIT_YEAR, 10 },   { SITMAP_AXIS_UNIT_YEAR, 20 },
  { SITMAP_AXIS_UNIT_YEAR, 50 },   { SITMAP_AXIS_UNIT_YEAR, 100 },  { SITMAP_AXIS_UNIT_YEAR, 200 },
  { SITMAP_AXIS_UNIT_YEAR, 500 },  { SITMAP_AXIS_UNIT_YEAR, 1000 }, { SITMAP_AXIS_UNIT_YEAR, 2000 },
  { SITMAP_AXIS_UNIT_YEAR, 5000 }, { SITMAP_AXIS_UNIT_YEAR, 10000 }, { SITMAP_AXIS_UNIT_YEAR, 20000 },
  { SITMAP_AXIS_UNIT_YEAR, 50000 }, { SITMAP_AXIS_UNIT_YEAR, 100000 }, { SITMAP_AXIS_UNIT_YEAR, 200000 },
  { SITMAP_AXIS_UNIT_YEAR, 500000 }, { SITMAP_AXIS_UNIT_YEAR, 1000000 },
};

/* What a range drag snaps to: the units people name ranges in. */
static const SitmapAxisStep snap_steps[] = {
  { SITMAP_AXIS_UNIT_MINUTE, 1 }, { SITMAP_AXIS_UNIT_MINUTE, 5 }, { SITMAP_AXIS_UNIT_MINUTE, 15 },
  { SITMAP_AXIS_UNIT_HOUR, 1 },   { SITMAP_AXIS_UNIT_DAY, 1 },    { SITMAP_AXIS_UNIT_MONTH, 1 },
  { SITMAP_AXIS_UNIT_YEAR, 1 },   { SITMAP_AXIS_UNIT_YEAR, 10 },  { SITMAP_AXIS_UNIT_YEAR, 100 },
  { SITMAP_AXIS_UNIT_YEAR, 1000 }, { SITMAP_AXIS_UNIT_YEAR, 10000 }, { SITMAP_AXIS_UNIT_YEAR, 100000 },
};

/*
 * Calendar arithmetic
 */

static gint64
floor_div (gint64 a, gint64 b)
{
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

static void
civil_of (gint64 t, gint64 *year, guint *month, guint *day, gint64 *second_of_day)
{
  gint64 days = floor_div (t, DAY_SECONDS);

  sitmap_civil_from_days (days, year, month, day);
  if (second_of_day != NULL)
    *second_of_day = t - days * DAY_SECONDS;
}

/* GDateTime's years, the only ones a time zone is applied to: beyond them the axis is in UTC. */
static gboolean
in_zone_years (gint64 t)
{
  return t >= sitmap_time_from_civil (1, 1, 2, 0, 0, 0) && t < sitmap_time_from_civil (9999, 12, 30, 0, 0, 0);
}

/* The wall-clock time in zone at t, as seconds since 1970 on the wall: UTC calendar arithmetic on it is
 * local calendar arithmetic. */
static gint64
to_wall (GTimeZone *zone, gint64 t)
{
  if (zone == NULL || !in_zone_years (t))
    return t;
  return t + g_time_zone_get_offset (zone, g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, t));
}

/* The moment a wall-clock time names; a time skipped by a change of offset moves forward. */
static gint64
from_wall (GTimeZone *zone, gint64 wall)
{
  gint64 t = wall;
  int interval;

  if (zone == NULL || !in_zone_years (wall))
    return wall;
  interval = g_time_zone_adjust_time (zone, G_TIME_TYPE_STANDARD, &t);
  return t - g_time_zone_get_offset (zone, interval);
}

static gboolean
is_fixed_unit (SitmapAxisUnit unit)
{
  return unit <= SITMAP_AXIS_UNIT_WEEK;
}

static gint64
unit_seconds (SitmapAxisUnit unit)
{
  switch (unit)
    {
    case SITMAP_AXIS_UNIT_SECOND: return 1;
    case SITMAP_AXIS_UNIT_MINUTE: return 60;
    case SITMAP_AXIS_UNIT_HOUR: return 3600;
    case SITMAP_AXIS_UNIT_DAY: return DAY_SECONDS;
    case SITMAP_AXIS_UNIT_WEEK: return 7 * DAY_SECONDS;
    case SITMAP_AXIS_UNIT_MONTH: return 28 * DAY_SECONDS;
    case SITMAP_AXIS_UNIT_YEAR:
    default: return 365 * DAY_SECONDS;
    }
}

gint64
sitmap_axis_step_get_min_seconds (SitmapAxisStep step)
{
  if (step.unit == SITMAP_AXIS_UNIT_MONTH)
    /* The shortest three or six consecutive months */
    return step.count == 1 ? 28 * DAY_SECONDS : step.count == 3 ? 89 * DAY_SECONDS : 181 * DAY_SECONDS;
  return unit_seconds (step.unit) * step.count;
}

static gint64
floor_utc (SitmapAxisStep step, gint64 t)
{
  gint64 year, second_of_day, days;
  guint month, day;

  switch (step.unit)
    {
    case SITMAP_AXIS_UNIT_SECOND:
    case SITMAP_AXIS_UNIT_MINUTE:
    case SITMAP_AXIS_UNIT_HOUR:
    case SITMAP_AXIS_UNIT_DAY:
      {
        /* Counted from midnight, so that "every 3 hours" is 00:00, 03:00… whatever the date. */
        gint64 length = unit_seconds (step.unit) * step.count;
        gint64 midnight = floor_div (t, DAY_SECONDS) * DAY_SECONDS;

        return midnight + floor_div (t - midnight, length) * length;
      }
    case SITMAP_AXIS_UNIT_WEEK:
      /* 1970-01-01 was a Thursday: Monday is three days on from it. */
      days = floor_div (t, DAY_SECONDS);
      days -= ((days + 3) % 7 + 7) % 7;
      return days * DAY_SECONDS;
    case SITMAP_AXIS_UNIT_MONTH:
      civil_of (t, &year, &month, &day, &second_of_day);
      month -= (month - 1) % step.count;
      return sitmap_time_from_civil (year, month, 1, 0, 0, 0);
    case SITMAP_AXIS_UNIT_YEAR:
    default:
      civil_of (t, &year, &month, &day, &second_of_day);
      return sitmap_time_from_civil (floor_div (year, step.count) * step.count, 1, 1, 0, 0, 0);
    }
}

/* The boundary after t, for a t on a boundary. */
static gint64
next_utc (SitmapAxisStep step, gint64 t)
{
  gint64 year;
  guint month, day;

  switch (step.unit)
    {
    case SITMAP_AXIS_UNIT_MONTH:
      return sitmap_time_add_months (t, step.count);
    case SITMAP_AXIS_UNIT_YEAR:
      civil_of (t, &year, &month, &day, NULL);
      return sitmap_time_from_civil (year + step.count, 1, 1, 0, 0, 0);
    case SITMAP_AXIS_UNIT_SECOND:
    case SITMAP_AXIS_UNIT_MINUTE:
    case SITMAP_AXIS_UNIT_HOUR:
    case SITMAP_AXIS_UNIT_DAY:
    case SITMAP_AXIS_UNIT_WEEK:
    default:
      return t + unit_seconds (step.unit) * step.count;
    }
}

gint64
sitmap_axis_step_floor (SitmapAxisStep step, GTimeZone *zone, gint64 t)
{
  gint64 floor = from_wall (zone, floor_utc (step, to_wall (zone, t)));

  /* A boundary moved forward out of a skipped hour can land after t: take the one before it. */
  if (floor > t)
    floor = from_wall (zone, floor_utc (step, to_wall (zone, t) - unit_seconds (step.unit)));
  return MIN (floor, t);
}

gint64
sitmap_axis_step_next (SitmapAxisStep step, GTimeZone *zone, gint64 t)
{
  gint64 next = from_wall (zone, next_utc (step, floor_utc (step, to_wall (zone, t))));

  /* Where the offset changes, the wall clock can repeat an hour: never step backwards. */
  return next > t ? next : t + sitmap_axis_step_get_min_seconds (step);
}

gint64
sitmap_axis_step_add (SitmapAxisStep step, GTimeZone *zone, gint64 t, gint64 n)
{
  gint64 wall = to_wall (zone, t), year;
  guint month, day;

  switch (step.unit)
    {
    case SITMAP_AXIS_UNIT_MONTH:
      wall = sitmap_time_add_months (wall, (int) CLAMP (n * step.count, G_MININT32, G_MAXINT32));
      break;
    case SITMAP_AXIS_UNIT_YEAR:
      {
        gint64 second_of_day;

        civil_of (wall, &year, &month, &day, &second_of_day);
        wall = sitmap_time_from_civil (year + n * step.count, month, day, 0, 0, 0) + second_of_day;
      }
      break;
    case SITMAP_AXIS_UNIT_SECOND:
    case SITMAP_AXIS_UNIT_MINUTE:
    case SITMAP_AXIS_UNIT_HOUR:
    case SITMAP_AXIS_UNIT_DAY:
    case SITMAP_AXIS_UNIT_WEEK:
    default:
      wall += n * unit_seconds (step.unit) * step.count;
      break;
    }
  return from_wall (zone, wall);
}

gint64
sitmap_axis_step_round (SitmapAxisStep step, GTimeZone *zone, gint64 t)
{
  gint64 before = sitmap_axis_step_floor (step, zone, t);
  gint64 after = sitmap_axis_step_next (step, zone, before);

  return t - before < after - t ? before : after;
}

SitmapAxisStep
sitmap_axis_bin_step (double pixels_per_second, double min_pixels, gint64 min_seconds)
{
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      gint64 seconds = sitmap_axis_step_get_min_seconds (steps[i]);

      if (seconds >= min_seconds && seconds * pixels_per_second >= min_pixels)
        return steps[i];
    }
  return steps[G_N_ELEMENTS (steps) - 1];
}

SitmapAxisStep
sitmap_axis_snap_step (double pixels_per_second)
{
  for (guint i = 0; i < G_N_ELEMENTS (snap_steps); i++)
    if (sitmap_axis_step_get_min_seconds (snap_steps[i]) * pixels_per_second >= SNAP_MIN_PX)
      return snap_steps[i];
  return snap_steps[G_N_ELEMENTS (snap_steps) - 1];
}

gint64
sitmap_time_axis_get_min_time (void)
{
  return sitmap_time_from_civil (-1000000, 1, 1, 0, 0, 0);
}

gint64
sitmap_time_axis_get_max_time (void)
{
  return sitmap_time_from_civil (1000000, 1, 1, 0, 0, 0);
}

/*
 * Labels
 */

/* NULL outside the years GDateTime can hold: then the caller writes numbers. */
static GDateTime *
date_time_new (GTimeZone *zone, gint64 t)
{
  g_autoptr (GDateTime) utc = NULL;
  gint64 year;
  guint month, day;

  civil_of (to_wall (zone, t), &year, &month, &day, NULL);
  if (year < 1 || year > 9999)
    return NULL;
  utc = g_date_time_new_from_unix_utc (t);
  return zone != NULL ? g_date_time_to_timezone (utc, zone) : g_steal_pointer (&utc);
}

char *
sitmap_axis_format_tick (SitmapAxisStep step, GTimeZone *zone, gint64 t)
{
  g_autoptr (GDateTime) dt = date_time_new (zone, t);
  gint64 year, second_of_day;
  guint month, day;

  civil_of (to_wall (zone, t), &year, &month, &day, &second_of_day);
  switch (step.unit)
    {
    case SITMAP_AXIS_UNIT_YEAR:
      return dt ? g_date_time_format (dt, "%Y") : g_strdup_printf ("%" G_GINT64_FORMAT, year);
    case SITMAP_AXIS_UNIT_MONTH:
      /* TRANSLATORS: a tick on the timeline axis, "Dec 2024"; see g_date_time_format() */
      return dt ? g_date_time_format (dt, C_("timeline axis", "%b %Y"))
                : g_strdup_printf ("%" G_GINT64_FORMAT "-%02u", year, month);
    case SITMAP_AXIS_UNIT_WEEK:
    case SITMAP_AXIS_UNIT_DAY:
      /* TRANSLATORS: a tick on the timeline axis, "10 Dec"; see g_date_time_format() */
      return dt ? g_date_time_format (dt, C_("timeline axis", "%-d %b")) : g_strdup_printf ("%02u-%02u", month, day);
    case SITMAP_AXIS_UNIT_HOUR:
    case SITMAP_AXIS_UNIT_MINUTE:
      /* TRANSLATORS: a tick on the timeline axis, a time of day, "14:30" */
      return dt ? g_date_time_format (dt, C_("timeline axis", "%H:%M"))
                : g_strdup_printf ("%02d:%02d", (int) (second_of_day / 3600), (int) (second_of_day / 60 % 60));
    case SITMAP_AXIS_UNIT_SECOND:
    default:
      /* TRANSLATORS: a tick on the timeline axis, a time of day with seconds, "14:30:15" */
      return dt ? g_date_time_format (dt, C_("timeline axis", "%H:%M:%S"))
                : g_strdup_printf ("%02d:%02d:%02d", (int) (second_of_day / 3600), (int) (second_of_day / 60 % 60),
                                   (int) (second_of_day % 60));
    }
}

/* The period the context row names under ticks of step, or count 0 for none. */
static SitmapAxisStep
context_step (SitmapAxisStep step)
{
  SitmapAxisStep none = { SITMAP_AXIS_UNIT_YEAR, 0 };

  switch (step.unit)
    {
    case SITMAP_AXIS_UNIT_SECOND:
    case SITMAP_AXIS_UNIT_MINUTE:
    case SITMAP_AXIS_UNIT_HOUR:
      return (SitmapAxisStep) { SITMAP_AXIS_UNIT_DAY, 1 };
    case SITMAP_AXIS_UNIT_DAY:
    case SITMAP_AXIS_UNIT_WEEK:
      return (SitmapAxisStep) { SITMAP_AXIS_UNIT_YEAR, 1 };
    case SITMAP_AXIS_UNIT_MONTH:
    case SITMAP_AXIS_UNIT_YEAR:
    default:
      return none;
    }
}

/* The days under hours name their time zone: the hours mean nothing without it. */
char *
sitmap_axis_format_context (SitmapAxisStep step, GTimeZone *zone, gint64 t)
{
  SitmapAxisStep context = context_step (step);
  g_autoptr (GDateTime) dt = date_time_new (zone, t);
  gint64 year;
  guint month, day;

  if (context.count == 0)
    return NULL;
  civil_of (to_wall (zone, t), &year, &month, &day, NULL);
  if (context.unit == SITMAP_AXIS_UNIT_YEAR)
    return dt ? g_date_time_format (dt, "%Y") : g_strdup_printf ("%" G_GINT64_FORMAT, year);
  if (dt != NULL)
    {
      g_autofree char *date = NULL;
      g_autofree char *zone_name = sitmap_axis_format_zone (zone, t);

      /* TRANSLATORS: the day under the hours of the timeline axis, "Tue 10 Dec 2024"; see g_date_time_format() */
      date = g_date_time_format (dt, C_("timeline axis", "%a %-d %b %Y"));
      /* TRANSLATORS: a day and the time zone of the hours above it, "Tue 10 Dec 2024 · UTC" */
      return g_strdup_printf (C_("timeline axis", "%s · %s"), date, zone_name);
    }
  return g_strdup_printf ("%" G_GINT64_FORMAT "-%02u-%02u UTC", year, month, day);
}

char *
sitmap_axis_format_zone (GTimeZone *zone, gint64 t)
{
  gint64 offset = to_wall (zone, t) - t;

  if (offset == 0)
    return g_strdup ("UTC");
  return g_strdup_printf ("UTC%c%02d:%02d", offset < 0 ? '-' : '+', (int) (ABS (offset) / 3600),
                          (int) (ABS (offset) / 60 % 60));
}

static gboolean
on_boundary (SitmapAxisUnit unit, GTimeZone *zone, gint64 t)
{
  SitmapAxisStep step = { unit, 1 };

  return sitmap_axis_step_floor (step, zone, t) == t;
}

static char *
format_with (GTimeZone *zone, gint64 t, const char *format)
{
  g_autoptr (GDateTime) dt = date_time_new (zone, t);

  return g_date_time_format (dt, format);
}

static char *
join_range (const char *from, const char *to)
{
  /* TRANSLATORS: a range of dates, "27 Nov – 10 Dec 2024" */
  return g_strdup_printf (C_("time range", "%s – %s"), from, to);
}

/* Whole years, months or days: the end is exclusive, so name the last period in the range. */
static char *
format_calendar_range (GTimeZone *zone, gint64 start, gint64 last, SitmapAxisUnit unit)
{
  gint64 sy, ly, s_sec, l_sec;
  guint sm, lm, sd, ld;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  civil_of (to_wall (zone, start), &sy, &sm, &sd, &s_sec);
  civil_of (to_wall (zone, last), &ly, &lm, &ld, &l_sec);
  if (unit == SITMAP_AXIS_UNIT_YEAR)
    {
      from = format_with (zone, start, "%Y");
      to = sy == ly ? NULL : format_with (zone, last, "%Y");
    }
  else if (unit == SITMAP_AXIS_UNIT_MONTH)
    {
      /* TRANSLATORS: a month and year in a range, "Dec 2024" */
      to = format_with (zone, last, C_("time range", "%b %Y"));
      if (sy == ly && sm == lm)
        return g_steal_pointer (&to);
      /* TRANSLATORS: a month at the start of a range within one year, "Nov" in "Nov – Dec 2024" */
      from = format_with (zone, start, sy == ly ? C_("time range", "%b") : C_("time range", "%b %Y"));
    }
  else
    {
      /* TRANSLATORS: a date in a range, "10 Dec 2024" */
      to = format_with (zone, last, C_("time range", "%-d %b %Y"));
      if (sy == ly && sm == lm && sd == ld)
        return g_steal_pointer (&to);
      if (sy == ly && sm == lm)
        /* TRANSLATORS: the first day of a range within one month, "7" in "7 – 10 Dec 2024" */
        from = format_with (zone, start, C_("time range", "%-d"));
      else if (sy == ly)
        /* TRANSLATORS: the first day of a range within one year, "27 Nov" in "27 Nov – 10 Dec 2024" */
        from = format_with (zone, start, C_("time range", "%-d %b"));
      else
        from = format_with (zone, start, C_("time range", "%-d %b %Y"));
    }
  return to == NULL ? g_steal_pointer (&from) : join_range (from, to);
}

static char *
format_clock_range (GTimeZone *zone, gint64 start, gint64 end)
{
  /* TRANSLATORS: a date and time in a range, "10 Dec 2024, 05:00" */
  const char *full = C_("time range", "%-d %b %Y, %H:%M");
  g_autofree char *from = format_with (zone, start, full);
  g_autofree char *to = NULL;
  g_autofree char *zone_name = sitmap_axis_format_zone (zone, start);

  if (floor_div (to_wall (zone, start), DAY_SECONDS) == floor_div (to_wall (zone, end), DAY_SECONDS))
    /* TRANSLATORS: the time at the end of a range within one day, "07:30" */
    to = format_with (zone, end, C_("time range", "%H:%M"));
  else
    to = format_with (zone, end, full);
  /* TRANSLATORS: a range of times and their time zone, "10 Dec 2024, 05:00 – 07:30 UTC" */
  return g_strdup_printf (C_("time range", "%s – %s %s"), from, to, zone_name);
}

char *
sitmap_axis_format_range (GTimeZone *zone, gint64 start, gint64 end)
{
  g_autoptr (GDateTime) first = NULL;
  g_autoptr (GDateTime) last = NULL;
  SitmapAxisUnit unit;

  g_return_val_if_fail (start < end, NULL);

  if (on_boundary (SITMAP_AXIS_UNIT_YEAR, zone, start) && on_boundary (SITMAP_AXIS_UNIT_YEAR, zone, end))
    unit = SITMAP_AXIS_UNIT_YEAR;
  else if (on_boundary (SITMAP_AXIS_UNIT_MONTH, zone, start) && on_boundary (SITMAP_AXIS_UNIT_MONTH, zone, end))
    unit = SITMAP_AXIS_UNIT_MONTH;
  else if (on_boundary (SITMAP_AXIS_UNIT_DAY, zone, start) && on_boundary (SITMAP_AXIS_UNIT_DAY, zone, end))
    unit = SITMAP_AXIS_UNIT_DAY;
  else
    unit = SITMAP_AXIS_UNIT_SECOND;

  first = date_time_new (zone, start);
  last = date_time_new (zone, end);
  if (first == NULL || last == NULL)
    {
      /* Beyond GDateTime: the ISO form the document itself uses, in UTC. */
      SitmapTimeUnit iso = unit == SITMAP_AXIS_UNIT_YEAR ? SITMAP_TIME_UNIT_YEAR
                           : unit == SITMAP_AXIS_UNIT_MONTH ? SITMAP_TIME_UNIT_MONTH
                           : unit == SITMAP_AXIS_UNIT_DAY  ? SITMAP_TIME_UNIT_DAY
                                                           : SITMAP_TIME_UNIT_SECOND;
      g_autofree char *from = sitmap_time_format_bound (start, iso);
      g_autofree char *to = sitmap_time_format_bound (iso == SITMAP_TIME_UNIT_SECOND ? end : end - 1, iso);

      return g_strcmp0 (from, to) == 0 ? g_steal_pointer (&from) : join_range (from, to);
    }
  if (unit == SITMAP_AXIS_UNIT_SECOND)
    return format_clock_range (zone, start, end);
  return format_calendar_range (zone, start, end - 1, unit);
}

/*
 * Typed dates
 */

/* "…T05:30Z" or "…T05:30+03:00": the text names its own offset, whatever zone it is read in. */
static gboolean
names_offset (const char *text)
{
  const char *time = strchr (text, 'T');

  return time != NULL && (strchr (time, 'Z') != NULL || strchr (time, '+') != NULL || strchr (time, '-') != NULL);
}

/* The locale's short date ("12/10/24", "10.12.2024"), as GDate reads it: a whole day. Only with a day,
 * a month and a year: GDate reads "December 2024" as its first day. */
static gboolean
parse_locale_day (const char *text, gint64 *wall)
{
  g_autoptr (GDate) date = NULL;

  if (!sitmap_typed_date_names_day (text))
    return FALSE;
  date = g_date_new ();
  g_date_set_parse (date, text);
  if (!g_date_valid (date))
    return FALSE;
  *wall = sitmap_time_from_civil (g_date_get_year (date), g_date_get_month (date), g_date_get_day (date), 0, 0, 0);
  return TRUE;
}

gboolean
sitmap_axis_parse_date (const char *text, GTimeZone *zone, gint64 *start, gint64 *end, GError **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  SitmapTimeUnit unit;
  gint64 wall_start, wall_end;

  if (sitmap_time_parse_bound (stripped, &wall_start, &wall_end, &unit, NULL))
    {
      if (unit == SITMAP_TIME_UNIT_SECOND && names_offset (stripped))
        {
          *start = wall_start;
          *end = wall_end;
          return TRUE;
        }
    }
  else if (parse_locale_day (stripped, &wall_start))
    wall_end = wall_start + DAY_SECONDS;
  else
    {
      g_autofree char *why = sitmap_typed_date_explain (stripped);

      g_set_error_literal (error, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_INVALID_VALUE, why);
      return FALSE;
    }
  *start = from_wall (zone, wall_start);
  *end = from_wall (zone, wall_end);
  return TRUE;
}

char *
sitmap_axis_format_date (GTimeZone *zone, gint64 t, gboolean last)
{
  SitmapAxisStep day = { SITMAP_AXIS_UNIT_DAY, 1 };
  gint64 wall = to_wall (zone, t);
  g_autofree char *text = NULL;

  if (sitmap_axis_step_floor (day, zone, t) == t)
    return sitmap_time_format_bound (last ? wall - DAY_SECONDS : wall, SITMAP_TIME_UNIT_DAY);
  /* A time of day: to the minute, or to the second when it has seconds, without the Z of UTC. */
  text = sitmap_time_format_bound (wall, SITMAP_TIME_UNIT_SECOND);
  text[strlen (text) - 1] = '\0';
  if (wall % 60 == 0)
    text[strlen (text) - 3] = '\0';
  return g_steal_pointer (&text);
}

/*
 * Layout
 */

static double
measure (SitmapTimeAxis *self, const char *text, SitmapAxisLabelKind kind)
{
  if (self->measure != NULL)
    return self->measure (text, kind, self->measure_data);
  return 7.0 * g_utf8_strlen (text, -1);
}

/* As a fraction of the window first, so that its end lands on the width exactly. */
static double
time_to_x (SitmapTimeAxis *self, gint64 t)
{
  return self->width * ((double) (t - self->start) / (double) (self->end - self->start));
}

static gint64
first_tick (SitmapTimeAxis *self, SitmapAxisStep step)
{
  gint64 t = sitmap_axis_step_floor (step, self->zone, self->start);

  return t < self->start ? sitmap_axis_step_next (step, self->zone, t) : t;
}

/* Whether every label of step ends before the next tick. */
static gboolean
step_fits (SitmapTimeAxis *self, SitmapAxisStep step)
{
  double free_from = -G_MAXDOUBLE;
  guint n = 0;

  for (gint64 t = first_tick (self, step); t <= self->end; t = sitmap_axis_step_next (step, self->zone, t))
    {
      g_autofree char *label = sitmap_axis_format_tick (step, self->zone, t);
      double x = time_to_x (self, t);

      if (x < free_from || ++n > MAX_TICKS)
        return FALSE;
      free_from = x + LABEL_PAD + measure (self, label, SITMAP_AXIS_LABEL_TICK) + LABEL_GAP;
    }
  return TRUE;
}

static SitmapAxisStep
choose_major (SitmapTimeAxis *self)
{
  double span = (double) (self->end - self->start);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      double min_seconds = (double) sitmap_axis_step_get_min_seconds (steps[i]);

      if (min_seconds * self->scale < MIN_MAJOR_PX || span / min_seconds > MAX_TICKS)
        continue;
      if (step_fits (self, steps[i]))
        return steps[i];
    }
  return steps[G_N_ELEMENTS (steps) - 1];
}

/* Whether every boundary of major is also one of minor, so that minor ticks divide it evenly. */
static gboolean
subdivides (SitmapAxisStep minor, SitmapAxisStep major)
{
  gint64 minor_length = sitmap_axis_step_get_min_seconds (minor);

  if (minor_length >= sitmap_axis_step_get_min_seconds (major))
    return FALSE;
  if (is_fixed_unit (major.unit))
    return is_fixed_unit (minor.unit) && unit_seconds (major.unit) * major.count % minor_length == 0;
  if (is_fixed_unit (minor.unit))
    return DAY_SECONDS % minor_length == 0;
  if (minor.unit == SITMAP_AXIS_UNIT_MONTH && major.unit == SITMAP_AXIS_UNIT_MONTH)
    return major.count % minor.count == 0;
  if (minor.unit == SITMAP_AXIS_UNIT_MONTH)
    return 12 % minor.count == 0;
  return major.unit == SITMAP_AXIS_UNIT_YEAR && major.count % minor.count == 0;
}

static SitmapAxisStep
choose_minor (SitmapTimeAxis *self, SitmapAxisStep major)
{
  SitmapAxisStep none = { major.unit, 0 };

  gint64 major_seconds = sitmap_axis_step_get_min_seconds (major);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      gint64 seconds = sitmap_axis_step_get_min_seconds (steps[i]);

      if (seconds * self->scale >= MIN_MINOR_PX && major_seconds / seconds <= MAX_MINOR_PER_MAJOR &&
          subdivides (steps[i], major))
        return steps[i];
    }
  return none;
}

static const char *
keep_label (SitmapTimeAxis *self, char *label)
{
  g_ptr_array_add (self->labels, label);
  return label;
}

static void
add_tick (SitmapTimeAxis *self, gint64 t, gboolean major)
{
  SitmapAxisTick tick = { .time = t, .x = time_to_x (self, t), .major = major };

  if (major)
    {
      tick.label = keep_label (self, sitmap_axis_format_tick (self->major, self->zone, t));
      tick.label_width = measure (self, tick.label, SITMAP_AXIS_LABEL_TICK);
      tick.label_x = tick.x + LABEL_PAD;
    }
  g_array_append_val (self->ticks, tick);
}

/* A label is drawn only where it fits: before the right edge and the next major tick. */
static void
mark_fitting_labels (SitmapTimeAxis *self)
{
  SitmapAxisTick *ticks = (SitmapAxisTick *) (gpointer) self->ticks->data;
  double next_x = self->width + LABEL_GAP;

  for (guint i = self->ticks->len; i-- > 0;)
    if (ticks[i].major)
      {
        ticks[i].label_fits = ticks[i].label_x + ticks[i].label_width + LABEL_GAP <= next_x;
        next_x = ticks[i].x;
      }
}

static void
layout_ticks (SitmapTimeAxis *self)
{
  SitmapAxisStep step = self->minor.count > 0 ? self->minor : self->major;

  for (gint64 t = first_tick (self, step); t <= self->end; t = sitmap_axis_step_next (step, self->zone, t))
    add_tick (self, t, self->minor.count == 0 || sitmap_axis_step_floor (self->major, self->zone, t) == t);
  mark_fitting_labels (self);
}

/* The period the window starts in is named at the left edge until the next one pushes it out, as
 * a sticky header does; the others sit right of their boundary. */
static void
layout_context (SitmapTimeAxis *self)
{
  SitmapAxisStep step = context_step (self->major);
  SitmapAxisTick *ticks;
  guint n;

  if (step.count == 0)
    return;
  for (gint64 t = sitmap_axis_step_floor (step, self->zone, self->start); t <= self->end;
       t = sitmap_axis_step_next (step, self->zone, t))
    {
      SitmapAxisTick tick = { .time = t, .x = time_to_x (self, t), .major = TRUE };

      tick.label = keep_label (self, sitmap_axis_format_context (self->major, self->zone, t));
      tick.label_width = measure (self, tick.label, SITMAP_AXIS_LABEL_CONTEXT);
      tick.label_x = MAX (tick.x, 0.0) + LABEL_PAD;
      g_array_append_val (self->context, tick);
    }

  ticks = (SitmapAxisTick *) (gpointer) self->context->data;
  n = self->context->len;
  if (n > 1 && ticks[0].time < self->start)
    ticks[0].label_x = MIN (ticks[0].label_x, ticks[1].x - LABEL_GAP - ticks[0].label_width);
  for (guint i = 0; i < n; i++)
    {
      double end = ticks[i].label_x + ticks[i].label_width;

      ticks[i].label_fits = end > 0 && end <= self->width && (i + 1 == n || end + LABEL_GAP <= ticks[i + 1].label_x);
    }
}

void
sitmap_time_axis_update (SitmapTimeAxis *self, gint64 start, gint64 end, double width)
{
  g_return_if_fail (self != NULL);

  start = CLAMP (start, sitmap_time_axis_get_min_time (), sitmap_time_axis_get_max_time ());
  end = CLAMP (end, sitmap_time_axis_get_min_time (), sitmap_time_axis_get_max_time ());
  if (self->valid && self->start == start && self->end == end && self->width == width)
    return;

  self->valid = TRUE;
  self->start = start;
  self->end = end;
  self->width = width;
  g_array_set_size (self->ticks, 0);
  g_array_set_size (self->context, 0);
  g_ptr_array_set_size (self->labels, 0);
  self->minor.count = 0;
  if (end <= start || width <= 0)
    return;

  self->scale = width / (double) (end - start);
  self->major = choose_major (self);
  self->minor = choose_minor (self, self->major);
  layout_ticks (self);
  layout_context (self);
}

/*
 * Public API
 */

SitmapTimeAxis *
sitmap_time_axis_new (void)
{
  SitmapTimeAxis *self = g_new0 (SitmapTimeAxis, 1);

  self->ticks = g_array_new (FALSE, TRUE, sizeof (SitmapAxisTick));
  self->context = g_array_new (FALSE, TRUE, sizeof (SitmapAxisTick));
  self->labels = g_ptr_array_new_with_free_func (g_free);
  self->major = (SitmapAxisStep) { SITMAP_AXIS_UNIT_YEAR, 1 };
  return self;
}

void
sitmap_time_axis_free (SitmapTimeAxis *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->zone, g_time_zone_unref);
  g_array_unref (self->ticks);
  g_array_unref (self->context);
  g_ptr_array_unref (self->labels);
  g_free (self);
}

void
sitmap_time_axis_set_measure_func (SitmapTimeAxis *self, SitmapAxisMeasureFunc func, gpointer user_data)
{
  g_return_if_fail (self != NULL);
  self->measure = func;
  self->measure_data = user_data;
  self->valid = FALSE;
}

void
sitmap_time_axis_set_time_zone (SitmapTimeAxis *self, GTimeZone *zone)
{
  g_return_if_fail (self != NULL);

  if (zone != NULL)
    g_time_zone_ref (zone);
  g_clear_pointer (&self->zone, g_time_zone_unref);
  self->zone = zone;
  self->valid = FALSE;
}

GTimeZone *
sitmap_time_axis_get_time_zone (SitmapTimeAxis *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->zone;
}

void
sitmap_time_axis_invalidate (SitmapTimeAxis *self)
{
  g_return_if_fail (self != NULL);
  self->valid = FALSE;
}

const SitmapAxisTick *
sitmap_time_axis_get_ticks (SitmapTimeAxis *self, guint *n_ticks)
{
  g_return_val_if_fail (self != NULL, NULL);
  *n_ticks = self->ticks->len;
  return (const SitmapAxisTick *) (gpointer) self->ticks->data;
}

const SitmapAxisTick *
sitmap_time_axis_get_context_ticks (SitmapTimeAxis *self, guint *n_ticks)
{
  g_return_val_if_fail (self != NULL, NULL);
  *n_ticks = self->context->len;
  return (const SitmapAxisTick *) (gpointer) self->context->data;
}

SitmapAxisStep
sitmap_time_axis_get_major_step (SitmapTimeAxis *self)
{
  g_return_val_if_fail (self != NULL, (SitmapAxisStep) { 0 });
  return self->major;
}

SitmapAxisStep
sitmap_time_axis_get_minor_step (SitmapTimeAxis *self)
{
  g_return_val_if_fail (self != NULL, (SitmapAxisStep) { 0 });
  return self->minor;
}
