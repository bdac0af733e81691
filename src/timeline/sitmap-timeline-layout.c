/* sitmap-timeline-layout.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-timeline"

#include "config.h"

#include <math.h>
#include <string.h>

#include "sitmap-timeline-layout.h"

/* Between marks in a lane */
#define LANE_GAP 2.0f

struct _SitmapTimelineLayout
{
  GObject parent_instance;

  /* The plot */
  int    width;
  float  header_height;
  float  axis_y;
  guint  n_lanes;
  gint64 start;
  gint64 end;

  /* The lane packer: the right edge of the last mark in each lane */
  double lane_ends[SITMAP_TIMELINE_LANES_MAX];
  guint  n_packed_lanes;
  double gap;

  /* The marks of the last layout: only the events in the window, only those with room. When the window
   * holds more events than the lanes could show (dense), the histogram stands in for them and only the
   * selection is a mark. */
  gboolean valid;
  gboolean dense;
  GArray  *query;    /* guint32 positions, reused */
  GArray  *marks;    /* SitmapTimelineMark, in drawing order */
  GArray  *overflow; /* guint32 per pixel column: events that found no lane there */
  guint    n_overflow;
};

G_DEFINE_FINAL_TYPE (SitmapTimelineLayout, sitmap_timeline_layout, G_TYPE_OBJECT)

/*
 * Auxiliary methods
 */

static gboolean
has_window (SitmapTimelineLayout *self)
{
  return self->width > 0 && self->start < self->end;
}

static double
pixels_per_second (SitmapTimelineLayout *self)
{
  g_assert (has_window (self));
  return self->width / (double) (self->end - self->start);
}

static SitmapMarkStyle
mark_style (const SitmapEventColumns *columns, guint32 position)
{
  switch (columns->time_precision[position])
    {
    case SITMAP_TIME_PRECISION_MONTH:
    case SITMAP_TIME_PRECISION_YEAR:
      return SITMAP_MARK_VAGUE;
    case SITMAP_TIME_PRECISION_SPAN:
      if (columns->start[position] == SITMAP_TIME_OPEN_START)
        return SITMAP_MARK_OPEN_START;
      if (sitmap_event_columns_get_end (columns, position) == SITMAP_TIME_OPEN_END)
        return SITMAP_MARK_OPEN_END;
      return SITMAP_MARK_SPAN;
    case SITMAP_TIME_PRECISION_EXACT:
    case SITMAP_TIME_PRECISION_DAY:
    default:
      return SITMAP_MARK_POINT;
    }
}

/* The pixels the event's time covers; an open end reaches the edge of the plot. */
static void
mark_extent (SitmapTimelineLayout *self, const SitmapEventColumns *columns, guint32 position,
             SitmapTimelineMark *mark)
{
  float margin = 2 * SITMAP_TIMELINE_POINT_WIDTH, width = self->width;
  float x0, x1;

  mark->position = position;
  mark->category = columns->category[position];
  mark->style = mark_style (columns, position);
  mark->lane = 0;
  x0 = mark->style == SITMAP_MARK_OPEN_START ? 0 : sitmap_timeline_layout_project (self, columns->start[position]);
  x1 = mark->style == SITMAP_MARK_OPEN_END ? width
                                           : sitmap_timeline_layout_project (self,
                                                                             sitmap_event_columns_get_end (columns,
                                                                                                           position));
  x0 = CLAMP (x0, -margin, width + margin);
  x1 = CLAMP (x1, -margin, width + margin);
  if (x1 - x0 < SITMAP_TIMELINE_POINT_WIDTH)
    {
      float middle = (x0 + x1) / 2;

      x0 = middle - SITMAP_TIMELINE_POINT_WIDTH / 2;
      x1 = middle + SITMAP_TIMELINE_POINT_WIDTH / 2;
    }
  mark->x0 = x0;
  mark->x1 = x1;
  g_assert (mark->x0 <= mark->x1);
}

static void
count_overflow (SitmapTimelineLayout *self, const SitmapTimelineMark *mark)
{
  int column = (int) ((mark->x0 + mark->x1) / 2);

  if (column >= 0 && (guint) column < self->overflow->len)
    g_array_index (self->overflow, guint32, column)++;
  self->n_overflow++;
}

/* Where a mark goes in the lanes: from the true start of its time, not from its widened left edge. A
 * point widened around its middle would otherwise start left of a year that begins the same day, and
 * at a million events the lanes would fill with years and months: the earliest event must win. */
static int
place_in_lanes (SitmapTimelineLayout *self, const SitmapEventColumns *columns, const SitmapTimelineMark *mark)
{
  float start = mark->style == SITMAP_MARK_OPEN_START ? mark->x0
                                                      : sitmap_timeline_layout_project (self,
                                                                                        columns->start[mark->position]);

  start = CLAMP (start, mark->x0, mark->x1);
  return sitmap_timeline_layout_place_lane (self, start, start + (mark->x1 - mark->x0));
}

static int
compare_start (gconstpointer a, gconstpointer b, gpointer data)
{
  const SitmapEventColumns *columns = data;
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  if (columns->start[x] != columns->start[y])
    return columns->start[x] < columns->start[y] ? -1 : 1;
  return x < y ? -1 : x > y;
}

/* In time order, each event takes the lowest lane where it touches nothing; an event that fits in no
 * lane would only cover pixels already drawn, so it is counted on the overflow strip instead. */
static void
place_marks (SitmapTimelineLayout *self, SitmapViewState *view_state, const SitmapEventColumns *columns)
{
  const guint32 *positions = (const guint32 *) (gpointer) self->query->data;
  gint selected = sitmap_view_state_get_selected (view_state);
  SitmapTimelineMark selected_mark = { 0 };
  gboolean selected_homeless = FALSE;

  /* Marks are placed by their start but drawn around their middle: half a widened point more of gap
   * keeps drawn marks apart. */
  sitmap_timeline_layout_begin_lanes (self, self->n_lanes, LANE_GAP + SITMAP_TIMELINE_POINT_WIDTH / 2);
  for (guint i = 0; i < self->query->len; i++)
    {
      SitmapTimelineMark mark;
      int lane;

      /* What the filter leaves out (its hidden categories too) has no mark, as on the map. */
      if (!sitmap_view_state_passes_filter (view_state, positions[i]))
        continue;
      mark_extent (self, columns, positions[i], &mark);
      lane = place_in_lanes (self, columns, &mark);
      if (lane >= 0)
        {
          g_assert ((guint) lane < self->n_lanes);
          mark.lane = (guint8) lane;
          g_array_append_val (self->marks, mark);
        }
      else if ((gint) positions[i] == selected)
        {
          selected_mark = mark;
          selected_homeless = TRUE;
        }
      else
        count_overflow (self, &mark);
    }
  /* The selection is always shown: with no room left, it goes over the lowest lane. */
  if (selected_homeless)
    g_array_append_val (self->marks, selected_mark);
}

/* How many point marks the lanes hold at most. */
static double
lanes_capacity (SitmapTimelineLayout *self)
{
  return self->n_lanes * self->width / (1.5 * SITMAP_TIMELINE_POINT_WIDTH + LANE_GAP);
}

/* More events in the window than the lanes could ever hold: the histogram says more than a wall of
 * marks would, and laying them out would cost a pass over every one of them. */
static gboolean
window_is_dense (SitmapTimelineLayout *self, SitmapViewState *view_state, SitmapTimeHistogram *shown)
{
  guint hidden = sitmap_view_state_get_hidden_categories (view_state);

  return shown != NULL &&
         sitmap_time_histogram_count_total (shown, self->start, self->end, hidden) > lanes_capacity (self);
}

/* Among a crowd, the selection is still a mark, on the top lane. */
static void
place_selected (SitmapTimelineLayout *self, SitmapViewState *view_state, const SitmapEventColumns *columns)
{
  gint selected = sitmap_view_state_get_selected (view_state);
  SitmapTimelineMark mark;

  if (selected < 0 || !sitmap_event_columns_is_dated (columns, selected) ||
      !sitmap_view_state_passes_filter (view_state, (guint) selected) ||
      !(columns->start[selected] < self->end && sitmap_event_columns_get_end (columns, selected) > self->start))
    return;
  mark_extent (self, columns, (guint32) selected, &mark);
  mark.lane = (guint8) (self->n_lanes - 1);
  g_array_append_val (self->marks, mark);
}

static void
reset (SitmapTimelineLayout *self)
{
  self->valid = TRUE;
  self->dense = FALSE;
  self->n_overflow = 0;
  g_array_set_size (self->marks, 0);
  g_array_set_size (self->overflow, MAX (self->width, 0));
  if (self->overflow->len > 0)
    memset (self->overflow->data, 0, self->overflow->len * sizeof (guint32));
}

/* The events in the window and a point's width either side, by start. */
static void
query_window (SitmapTimelineLayout *self, SitmapDocument *document, const SitmapEventColumns *columns)
{
  /* A point mark is a few pixels wide: take in the events just outside that still reach into view. */
  gint64 pad = (gint64) ceil (SITMAP_TIMELINE_POINT_WIDTH / pixels_per_second (self));

  g_array_set_size (self->query, 0);
  sitmap_event_store_query_time (sitmap_document_get_store (document), self->start - pad, self->end + pad,
                                 SITMAP_RANGE_OVERLAPPING, self->query);
  /* Positions are in time order but for those edits added, which come last: the lanes take marks by start */
  if (self->query->len > 0 && g_array_index (self->query, guint32, self->query->len - 1) >= columns->n_sorted)
    g_array_sort_with_data (self->query, compare_start, (gpointer) columns);
}

/*
 * GObject
 */

static void
sitmap_timeline_layout_finalize (GObject *object)
{
  SitmapTimelineLayout *self = (SitmapTimelineLayout *) object;

  g_clear_pointer (&self->query, g_array_unref);
  g_clear_pointer (&self->marks, g_array_unref);
  g_clear_pointer (&self->overflow, g_array_unref);
  G_OBJECT_CLASS (sitmap_timeline_layout_parent_class)->finalize (object);
}

static void
sitmap_timeline_layout_class_init (SitmapTimelineLayoutClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sitmap_timeline_layout_finalize;
}

static void
sitmap_timeline_layout_init (SitmapTimelineLayout *self)
{
  self->query = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->marks = g_array_new (FALSE, FALSE, sizeof (SitmapTimelineMark));
  self->overflow = g_array_new (FALSE, TRUE, sizeof (guint32));
  self->n_lanes = 1;
}

/*
 * Public API
 */

SitmapTimelineLayout *
sitmap_timeline_layout_new (void)
{
  return g_object_new (SITMAP_TYPE_TIMELINE_LAYOUT, NULL);
}

gboolean
sitmap_timeline_layout_set_size (SitmapTimelineLayout *self, int width, float header_height, float axis_y)
{
  float lanes_room = axis_y - SITMAP_TIMELINE_LANES_GAP - header_height - SITMAP_TIMELINE_OVERFLOW_H;
  guint n_lanes = (guint) CLAMP (floorf (lanes_room / SITMAP_TIMELINE_LANE_PITCH), 1, SITMAP_TIMELINE_LANES_MAX);
  gboolean changed;

  g_return_val_if_fail (SITMAP_IS_TIMELINE_LAYOUT (self), FALSE);

  changed = self->width != width || self->n_lanes != n_lanes || self->axis_y != axis_y ||
            self->header_height != header_height;
  self->width = width;
  self->header_height = header_height;
  self->axis_y = axis_y;
  self->n_lanes = n_lanes;
  if (changed)
    self->valid = FALSE;
  return changed;
}

int
sitmap_timeline_layout_get_width (SitmapTimelineLayout *self)
{
  g_return_val_if_fail (SITMAP_IS_TIMELINE_LAYOUT (self), 0);
  return self->width;
}

guint
sitmap_timeline_layout_get_n_lanes (SitmapTimelineLayout *self)
{
  g_return_val_if_fail (SITMAP_IS_TIMELINE_LAYOUT (self), 1);
  return self->n_lanes;
}

float
sitmap_timeline_layout_get_header_height (SitmapTimelineLayout *self)
{
  g_return_val_if_fail (SITMAP_IS_TIMELINE_LAYOUT (self), 0);
  return self->header_height;
}

float
sitmap_timeline_layout_get_axis_y (SitmapTimelineLayout *self)
{
  g_return_val_if_fail (SITMAP_IS_TIMELINE_LAYOUT (self), 0);
  return self->axis_y;
}

float
sitmap_timeline_layout_lane_y (SitmapTimelineLayout *self, guint lane)
{
  g_return_val_if_fail (SITMAP_IS_TIMELINE_LAYOUT (self), 0);
  return self->axis_y - SITMAP_TIMELINE_LANES_GAP - SITMAP_TIMELINE_MARK_HEIGHT -
         (float) lane * SITMAP_TIMELINE_LANE_PITCH;
}

float
sitmap_timeline_layout_overflow_y (SitmapTimelineLayout *self)
{
  g_return_val_if_fail (SITMAP_IS_TIMELINE_LAYOUT (self), 0);
  g_assert (self->n_lanes >= 1);
  return sitmap_timeline_layout_lane_y (self, self->n_lanes - 1) - SITMAP_TIMELINE_OVERFLOW_H;
}

/* Marks stay in their lanes; the histogram standing in for them takes all the height there is. */
float
sitmap_timeline_layout_plot_top (SitmapTimelineLayout *self)
{
  g_return_val_if_fail (SITMAP_IS_TIMELINE_LAYOUT (self), 0);
  if (self->dense)
    return self->header_height + 4;
  return MAX (sitmap_timeline_layout_overflow_y (self), self->header_height + 2);
}

gboolean
sitmap_timeline_layout_set_window (SitmapTimelineLayout *self, gint64 start, gint64 end)
{
  g_return_val_if_fail (SITMAP_IS_TIMELINE_LAYOUT (self), FALSE);

  if (self->start == start && self->end == end)
    return FALSE;
  self->start = start;
  self->end = end;
  self->valid = FALSE;
  return TRUE;
}

/* Open bounds sit at the ends of gint64: clamp before subtracting. */
float
sitmap_timeline_layout_project (SitmapTimelineLayout *self, gint64 t)
{
  gint64 span;

  g_return_val_if_fail (SITMAP_IS_TIMELINE_LAYOUT (self), 0);

  if (!has_window (self))
    return 0;
  span = self->end - self->start;
  t = CLAMP (t, self->start - span, self->end + span);
  return (float) ((double) (t - self->start) * pixels_per_second (self));
}

void
sitmap_timeline_layout_invalidate (SitmapTimelineLayout *self)
{
  g_return_if_fail (SITMAP_IS_TIMELINE_LAYOUT (self));
  self->valid = FALSE;
}

gboolean
sitmap_timeline_layout_is_valid (SitmapTimelineLayout *self)
{
  g_return_val_if_fail (SITMAP_IS_TIMELINE_LAYOUT (self), FALSE);
  return self->valid;
}

void
sitmap_timeline_layout_update (SitmapTimelineLayout *self, SitmapViewState *view_state, SitmapTimeHistogram *shown)
{
  SitmapDocument *document;
  const SitmapEventColumns *columns;

  g_return_if_fail (SITMAP_IS_TIMELINE_LAYOUT (self));
  g_return_if_fail (view_state == NULL || SITMAP_IS_VIEW_STATE (view_state));

  if (self->valid)
    return;
  reset (self);
  document = view_state ? sitmap_view_state_get_document (view_state) : NULL;
  if (document == NULL || !has_window (self))
    return;
  columns = sitmap_document_get_columns (document);
  if (window_is_dense (self, view_state, shown))
    {
      self->dense = TRUE;
      place_selected (self, view_state, columns);
      return;
    }
  query_window (self, document, columns);
  place_marks (self, view_state, columns);
  /* Many events, and more of them hidden than shown (a hundred day-long bars a day at a few days' zoom):
   * the histogram says more than a wall of marks. A few on one day keep their marks and tooltips. */
  if (self->n_overflow > self->marks->len && self->n_overflow + self->marks->len > lanes_capacity (self) / 4)
    {
      self->dense = TRUE;
      g_array_set_size (self->marks, 0);
      place_selected (self, view_state, columns);
    }
}

const SitmapTimelineMark *
sitmap_timeline_layout_get_marks (SitmapTimelineLayout *self, guint *n_marks)
{
  g_return_val_if_fail (SITMAP_IS_TIMELINE_LAYOUT (self), NULL);
  g_return_val_if_fail (n_marks != NULL, NULL);

  *n_marks = self->marks->len;
  return (const SitmapTimelineMark *) (gpointer) self->marks->data;
}

gboolean
sitmap_timeline_layout_get_dense (SitmapTimelineLayout *self)
{
  g_return_val_if_fail (SITMAP_IS_TIMELINE_LAYOUT (self), FALSE);
  return self->dense;
}

guint
sitmap_timeline_layout_get_n_overflow (SitmapTimelineLayout *self)
{
  g_return_val_if_fail (SITMAP_IS_TIMELINE_LAYOUT (self), 0);
  return self->n_overflow;
}

const guint32 *
sitmap_timeline_layout_get_overflow (SitmapTimelineLayout *self, guint *n_columns)
{
  g_return_val_if_fail (SITMAP_IS_TIMELINE_LAYOUT (self), NULL);
  g_return_val_if_fail (n_columns != NULL, NULL);

  *n_columns = self->overflow->len;
  return (const guint32 *) (gpointer) self->overflow->data;
}

int
sitmap_timeline_layout_mark_at (SitmapTimelineLayout *self, double lx, double y)
{
  const SitmapTimelineMark *marks;

  g_return_val_if_fail (SITMAP_IS_TIMELINE_LAYOUT (self), -1);

  marks = (const SitmapTimelineMark *) (gpointer) self->marks->data;
  /* Last first: the selection and later marks are drawn over earlier ones. */
  for (guint i = self->marks->len; i-- > 0;)
    {
      float top = sitmap_timeline_layout_lane_y (self, marks[i].lane);

      if (y >= top - 1 && y <= top + SITMAP_TIMELINE_MARK_HEIGHT + 1 && lx >= marks[i].x0 - 1 &&
          lx <= marks[i].x1 + 1)
        return (int) i;
    }
  return -1;
}

int
sitmap_timeline_layout_find_mark (SitmapTimelineLayout *self, guint position)
{
  g_return_val_if_fail (SITMAP_IS_TIMELINE_LAYOUT (self), -1);

  /* The selection, drawn last, wins over an earlier mark of the same event: search from the end. */
  for (guint i = self->marks->len; i-- > 0;)
    if (g_array_index (self->marks, SitmapTimelineMark, i).position == position)
      return (int) i;
  return -1;
}

guint
sitmap_timeline_layout_overflow_at (SitmapTimelineLayout *self, double lx, double y)
{
  float top;
  guint n = 0;

  g_return_val_if_fail (SITMAP_IS_TIMELINE_LAYOUT (self), 0);

  top = sitmap_timeline_layout_overflow_y (self);
  if (self->dense || y < top - 3 || y > top + SITMAP_TIMELINE_OVERFLOW_H)
    return 0;
  for (int column = (int) lx - 3; column <= (int) lx + 3; column++)
    if (column >= 0 && (guint) column < self->overflow->len)
      n += g_array_index (self->overflow, guint32, column);
  return n;
}

void
sitmap_timeline_layout_begin_lanes (SitmapTimelineLayout *self, guint n_lanes, double gap)
{
  g_return_if_fail (SITMAP_IS_TIMELINE_LAYOUT (self));
  g_return_if_fail (gap >= 0);

  self->n_packed_lanes = MIN (n_lanes, SITMAP_TIMELINE_LANES_MAX);
  self->gap = gap;
  for (guint i = 0; i < SITMAP_TIMELINE_LANES_MAX; i++)
    self->lane_ends[i] = -G_MAXDOUBLE;
}

int
sitmap_timeline_layout_place_lane (SitmapTimelineLayout *self, double x0, double x1)
{
  g_return_val_if_fail (SITMAP_IS_TIMELINE_LAYOUT (self), -1);
  g_return_val_if_fail (x0 <= x1, -1);

  for (guint i = 0; i < self->n_packed_lanes; i++)
    if (self->lane_ends[i] <= x0 - self->gap)
      {
        self->lane_ends[i] = x1;
        return (int) i;
      }
  return -1;
}
