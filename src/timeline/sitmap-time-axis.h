/* sitmap-time-axis.h: where the ticks and labels of a time axis go, for a window and a width
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The calendar units an axis steps by. Every tick falls on a boundary of its unit in the axis's time zone
 * (UTC unless set): minutes and hours count from midnight, weeks start on Monday, months on the 1st, years
 * on 1 January. Beyond the years 1 to 9999 the axis is in UTC. */
typedef enum
{
  SITMAP_AXIS_UNIT_SECOND,
  SITMAP_AXIS_UNIT_MINUTE,
  SITMAP_AXIS_UNIT_HOUR,
  SITMAP_AXIS_UNIT_DAY,
  SITMAP_AXIS_UNIT_WEEK,
  SITMAP_AXIS_UNIT_MONTH,
  SITMAP_AXIS_UNIT_YEAR,
} SitmapAxisUnit;

/* count units: 15 minutes, 3 months (a quarter), 10 years (a decade). */
typedef struct
{
  SitmapAxisUnit unit;
  guint          count;
} SitmapAxisStep;

typedef enum
{
  SITMAP_AXIS_LABEL_TICK,    /* the label of a major tick: "2024", "Dec 2024", "10 Dec", "14:30" */
  SITMAP_AXIS_LABEL_CONTEXT, /* what the tick labels leave out: the year under days, the day under hours */
} SitmapAxisLabelKind;

/* How wide a label is in pixels. */
typedef double (*SitmapAxisMeasureFunc) (const char *text, SitmapAxisLabelKind kind, gpointer user_data);

typedef struct
{
  gint64      time;
  double      x;
  gboolean    major;
  const char *label;       /* major and context ticks only; owned by the axis until the next update */
  double      label_x;     /* where the label starts: just right of the tick, or pinned to the left edge */
  double      label_width;
  gboolean    label_fits;  /* FALSE when the label would run into the next one or off the right edge */
} SitmapAxisTick;

typedef struct _SitmapTimeAxis SitmapTimeAxis;

SitmapTimeAxis *sitmap_time_axis_new (void);
void            sitmap_time_axis_free (SitmapTimeAxis *self);
/* Without a measure function, labels are measured as 7 pixels a character. */
void            sitmap_time_axis_set_measure_func (SitmapTimeAxis       *self,
                                                   SitmapAxisMeasureFunc func,
                                                   gpointer              user_data);
/* Lays out [start, end) over width pixels: picks the finest step whose labels do not overlap. Does
 * nothing when nothing changed since the last call; sitmap_time_axis_invalidate() forces it (fonts). */
void            sitmap_time_axis_update (SitmapTimeAxis *self, gint64 start, gint64 end, double width);
void            sitmap_time_axis_invalidate (SitmapTimeAxis *self);
/* NULL for UTC. Times stay UTC; only where the ticks fall and what their labels say change. */
void            sitmap_time_axis_set_time_zone (SitmapTimeAxis *self, GTimeZone *zone);
GTimeZone      *sitmap_time_axis_get_time_zone (SitmapTimeAxis *self);

/* In time order, within [start, end]. */
const SitmapAxisTick *sitmap_time_axis_get_ticks (SitmapTimeAxis *self, guint *n_ticks);
/* The context labels: the first one is the period the window starts in, pinned to the left edge. */
const SitmapAxisTick *sitmap_time_axis_get_context_ticks (SitmapTimeAxis *self, guint *n_ticks);
SitmapAxisStep        sitmap_time_axis_get_major_step (SitmapTimeAxis *self);
/* count is 0 when there are no minor ticks. */
SitmapAxisStep        sitmap_time_axis_get_minor_step (SitmapTimeAxis *self);

/* Calendar arithmetic on steps in zone (NULL for UTC), valid for any year the axis can show. */
gint64 sitmap_axis_step_floor (SitmapAxisStep step, GTimeZone *zone, gint64 t);
/* The first boundary after t. */
gint64 sitmap_axis_step_next (SitmapAxisStep step, GTimeZone *zone, gint64 t);
/* n steps (or -n) from t, on the wall clock: t + 1 day is the same time of day the next day. */
gint64 sitmap_axis_step_add (SitmapAxisStep step, GTimeZone *zone, gint64 t, gint64 n);
/* The nearest boundary of step to t. */
gint64 sitmap_axis_step_round (SitmapAxisStep step, GTimeZone *zone, gint64 t);
/* The shortest a step can be, in seconds (a month is 28 days). */
gint64 sitmap_axis_step_get_min_seconds (SitmapAxisStep step);
/* The calendar unit a drag should snap to at this scale: days when a day is a few pixels wide. */
SitmapAxisStep sitmap_axis_snap_step (double pixels_per_second);
/* The finest step of the axis at least min_pixels wide and min_seconds long: a histogram's bars. */
SitmapAxisStep sitmap_axis_bin_step (double pixels_per_second, double min_pixels, gint64 min_seconds);

/* Localised labels (g_date_time_format) in zone, numeric outside GDateTime's years 1 to 9999. */
char *sitmap_axis_format_tick (SitmapAxisStep step, GTimeZone *zone, gint64 t);
/* NULL when tick labels of this step need no context (they already name the year). The day under hours
 * names the time zone: "Tue 10 Dec 2024 · UTC". */
char *sitmap_axis_format_context (SitmapAxisStep step, GTimeZone *zone, gint64 t);
/* A range [start, end) for people, as short as it stays clear: "7 – 10 Dec 2024", "Nov – Dec 2024",
 * "2011 – 2019", "10 Dec 2024, 05:00 – 07:30 UTC". */
char *sitmap_axis_format_range (GTimeZone *zone, gint64 start, gint64 end);
/* The offset of zone at t: "UTC", "UTC+03:00". */
char *sitmap_axis_format_zone (GTimeZone *zone, gint64 t);

/* A date typed by a person: ISO 8601 as documents write it ("2024", "2024-12", "2024-12-10",
 * "2024-12-10T05:30", with or without a UTC offset), or the locale's own short form of a day with its
 * year ("12/10/24", "10 Dec 2024"). Without an offset it is read in zone (NULL for UTC). [start, end)
 * is all it names. When it is none, error says why in words for the person who typed it
 * (sitmap_typed_date_explain()). */
gboolean sitmap_axis_parse_date (const char *text, GTimeZone *zone, gint64 *start, gint64 *end, GError **error);
/* t in zone as an entry shows it: "2024-12-10", or "2024-12-10T05:30" off midnight. With last, t is the
 * exclusive end of a range, and the day shown is the last one in it. */
char    *sitmap_axis_format_date (GTimeZone *zone, gint64 t, gboolean last);

/* The times an axis can show: years -1,000,000 to 1,000,000, beyond what any document holds. */
gint64 sitmap_time_axis_get_min_time (void);
gint64 sitmap_time_axis_get_max_time (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitmapTimeAxis, sitmap_time_axis_free)

G_END_DECLS
