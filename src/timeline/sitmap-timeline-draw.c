/* sitmap-timeline-draw.c: where the marks go, and drawing them with the axis and the brush
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-timeline"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "sitmap-timeline-private.h"

#define LANE_GAP 2.0f
#define MARK_RADIUS 2.0f
/* How strongly a mark is drawn: a date known only to the month or year is a faint wash over all of it. */
#define VAGUE_ALPHA 0.22f
#define VAGUE_RIM_ALPHA 0.75f
#define DIMMED_ALPHA 0.22f
/* How far an open span takes to fade out at its open end. */
#define FADE_WIDTH 140.0f
#define HANDLE_WIDTH 8.0f
#define HANDLE_HEIGHT 24.0f

typedef struct
{
  GdkRGBA  fg;
  GdkRGBA  accent;
  gboolean dark;
} Palette;

/*
 * Colours
 */

static const GdkRGBA *
category_color (guint category, gboolean dark)
{
  static GdkRGBA light_colors[SITMAP_N_CATEGORIES];
  static GdkRGBA dark_colors[SITMAP_N_CATEGORIES];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (guint i = 0; i < SITMAP_N_CATEGORIES; i++)
        {
          GdkRGBA *c = &dark_colors[i];

          gdk_rgba_parse (&light_colors[i], sitmap_category_get_color (i));
          *c = light_colors[i];
          /* The dark greys of the palette vanish on a dark background: lift them, keep the hues. */
          if (0.2126f * c->red + 0.7152f * c->green + 0.0722f * c->blue < 0.35f)
            {
              c->red += (1 - c->red) * 0.4f;
              c->green += (1 - c->green) * 0.4f;
              c->blue += (1 - c->blue) * 0.4f;
            }
        }
      g_once_init_leave (&initialized, 1);
    }
  category = MIN (category, SITMAP_N_CATEGORIES - 1);
  return dark ? &dark_colors[category] : &light_colors[category];
}

static void
get_palette (SitmapTimeline *self, Palette *palette)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));

#if GTK_CHECK_VERSION(4, 10, 0)
  gtk_widget_get_color (GTK_WIDGET (self), &palette->fg);
#else
  gtk_style_context_get_color (context, &palette->fg);
#endif
  /* libadwaita's accent; GTK has no other way to ask for it before 4.16's CSS variables. */
  if (!gtk_style_context_lookup_color (context, "accent_bg_color", &palette->accent))
    gdk_rgba_parse (&palette->accent, "#3584e4");
  G_GNUC_END_IGNORE_DEPRECATIONS
  palette->dark = palette->fg.red + palette->fg.green + palette->fg.blue > 1.5f;
}

static GdkRGBA
with_alpha (const GdkRGBA *color, float alpha)
{
  GdkRGBA c = *color;

  c.alpha *= alpha;
  return c;
}

/*
 * Layout of the marks
 */

void
_sitmap_timeline_invalidate_marks (SitmapTimeline *self)
{
  self->marks_valid = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

float
_sitmap_timeline_lane_y (SitmapTimeline *self, guint lane)
{
  return self->axis_y - SITMAP_TIMELINE_LANES_GAP - SITMAP_TIMELINE_MARK_HEIGHT -
         (float) lane * SITMAP_TIMELINE_LANE_PITCH;
}

static float
overflow_y (SitmapTimeline *self)
{
  return _sitmap_timeline_lane_y (self, self->n_lanes - 1) - SITMAP_TIMELINE_OVERFLOW_H;
}

typedef struct
{
  gint64 start;
  gint64 end;
  double scale; /* pixels per second */
  float  width;
} Projection;

/* Open bounds sit at the ends of gint64: clamp before subtracting. */
static float
project (const Projection *p, gint64 t)
{
  gint64 span = p->end - p->start;

  t = CLAMP (t, p->start - span, p->end + span);
  return (float) ((double) (t - p->start) * p->scale);
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
      if (columns->end[position] == SITMAP_TIME_OPEN_END)
        return SITMAP_MARK_OPEN_END;
      return SITMAP_MARK_SPAN;
    case SITMAP_TIME_PRECISION_EXACT:
    case SITMAP_TIME_PRECISION_DAY:
    default:
      return SITMAP_MARK_POINT;
    }
}

/* The pixels the event's time covers; an open end reaches the edge of the widget. */
static void
mark_extent (const Projection *p, const SitmapEventColumns *columns, guint32 position, SitmapTimelineMark *mark)
{
  float margin = 2 * SITMAP_TIMELINE_POINT_WIDTH;
  float x0, x1;

  mark->position = position;
  mark->category = columns->category[position];
  mark->style = mark_style (columns, position);
  x0 = mark->style == SITMAP_MARK_OPEN_START ? 0 : project (p, columns->start[position]);
  x1 = mark->style == SITMAP_MARK_OPEN_END ? p->width : project (p, columns->end[position]);
  x0 = CLAMP (x0, -margin, p->width + margin);
  x1 = CLAMP (x1, -margin, p->width + margin);
  if (x1 - x0 < SITMAP_TIMELINE_POINT_WIDTH)
    {
      float middle = (x0 + x1) / 2;

      x0 = middle - SITMAP_TIMELINE_POINT_WIDTH / 2;
      x1 = middle + SITMAP_TIMELINE_POINT_WIDTH / 2;
    }
  mark->x0 = x0;
  mark->x1 = x1;
}

static void
count_overflow (SitmapTimeline *self, const SitmapTimelineMark *mark)
{
  int column = (int) ((mark->x0 + mark->x1) / 2);

  if (column >= 0 && (guint) column < self->overflow->len)
    g_array_index (self->overflow, guint32, column)++;
}

/* Where a mark goes in the lanes: from the true start of its time, not from its widened left edge. A
 * point widened around its middle would otherwise start left of a year that begins the same day, and
 * at a million events the lanes would fill with years and months: the earliest event must win. */
static int
place_in_lanes (SitmapLanes *lanes, const Projection *p, const SitmapEventColumns *columns,
                const SitmapTimelineMark *mark)
{
  float start = mark->style == SITMAP_MARK_OPEN_START ? mark->x0 : project (p, columns->start[mark->position]);

  start = CLAMP (start, mark->x0, mark->x1);
  return sitmap_lanes_place (lanes, start, start + (mark->x1 - mark->x0));
}

/* In time order, each event takes the lowest lane where it touches nothing; an event that fits in no
 * lane would only cover pixels already drawn, so it is counted on the overflow strip instead. */
static void
place_marks (SitmapTimeline *self, const SitmapEventColumns *columns, const Projection *p)
{
  const guint32 *positions = (const guint32 *) (gpointer) self->query->data;
  guint hidden = sitmap_view_state_get_hidden_categories (self->view_state);
  gint selected = sitmap_view_state_get_selected (self->view_state);
  SitmapTimelineMark selected_mark = { 0 };
  gboolean selected_homeless = FALSE;
  SitmapLanes lanes;

  /* Marks are placed by their start but drawn around their middle: half a widened point more of gap
   * keeps drawn marks apart. */
  sitmap_lanes_init (&lanes, self->n_lanes, LANE_GAP + SITMAP_TIMELINE_POINT_WIDTH / 2);
  for (guint i = 0; i < self->query->len; i++)
    {
      SitmapTimelineMark mark;
      int lane;

      if (hidden & (1u << columns->category[positions[i]]))
        continue;
      mark_extent (p, columns, positions[i], &mark);
      lane = place_in_lanes (&lanes, p, columns, &mark);
      if (lane >= 0)
        {
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

void
_sitmap_timeline_ensure_marks (SitmapTimeline *self)
{
  SitmapDocument *document;
  Projection p;
  gint64 pad;

  if (self->marks_valid)
    return;
  self->marks_valid = TRUE;
  g_array_set_size (self->marks, 0);
  g_array_set_size (self->overflow, MAX (self->width, 0));
  if (self->overflow->len > 0)
    memset (self->overflow->data, 0, self->overflow->len * sizeof (guint32));

  document = self->view_state ? sitmap_view_state_get_document (self->view_state) : NULL;
  if (document == NULL || self->width <= 0 || !_sitmap_timeline_get_window (self, &p.start, &p.end))
    return;
  p.width = self->width;
  p.scale = self->width / (double) (p.end - p.start);
  /* A point mark is a few pixels wide: take in the events just outside that still reach into view. */
  pad = (gint64) ceil (SITMAP_TIMELINE_POINT_WIDTH / p.scale);
  g_array_set_size (self->query, 0);
  sitmap_event_store_query_time (sitmap_document_get_store (document), p.start - pad, p.end + pad,
                                 SITMAP_RANGE_OVERLAPPING, self->query);
  place_marks (self, sitmap_document_get_columns (document), &p);
}

int
_sitmap_timeline_mark_at (SitmapTimeline *self, double x, double y)
{
  const SitmapTimelineMark *marks;

  _sitmap_timeline_ensure_marks (self);
  marks = (const SitmapTimelineMark *) (gpointer) self->marks->data;
  /* Last first: the selection and later marks are drawn over earlier ones. */
  for (guint i = self->marks->len; i-- > 0;)
    {
      float top = _sitmap_timeline_lane_y (self, marks[i].lane);

      if (y >= top - 1 && y <= top + SITMAP_TIMELINE_MARK_HEIGHT + 1 && x >= marks[i].x0 - 1 && x <= marks[i].x1 + 1)
        return (int) i;
    }
  return -1;
}

guint
_sitmap_timeline_overflow_at (SitmapTimeline *self, double x, double y)
{
  float top = overflow_y (self);
  guint n = 0;

  _sitmap_timeline_ensure_marks (self);
  if (y < top - 3 || y > top + SITMAP_TIMELINE_OVERFLOW_H)
    return 0;
  for (int column = (int) x - 3; column <= (int) x + 3; column++)
    if (column >= 0 && (guint) column < self->overflow->len)
      n += g_array_index (self->overflow, guint32, column);
  return n;
}

gboolean
_sitmap_timeline_get_brush (SitmapTimeline *self, double *x0, double *x1)
{
  gint64 start, end;

  if (self->view_state == NULL || !sitmap_view_state_get_range (self->view_state, &start, &end))
    return FALSE;
  *x0 = sitmap_timeline_time_to_x (self, start);
  *x1 = sitmap_timeline_time_to_x (self, end);
  return TRUE;
}

/*
 * Drawing
 */

static void
append_rounded (GtkSnapshot *snapshot, const graphene_rect_t *rect, float radius, const GdkRGBA *color)
{
  GskRoundedRect outline;

  gsk_rounded_rect_init_from_rect (&outline, rect, MIN (radius, rect->size.width / 2));
  gtk_snapshot_push_rounded_clip (snapshot, &outline);
  gtk_snapshot_append_color (snapshot, color, rect);
  gtk_snapshot_pop (snapshot);
}

static void
append_outline (GtkSnapshot *snapshot, const graphene_rect_t *rect, float grow, float width, const GdkRGBA *color)
{
  GskRoundedRect outline;
  graphene_rect_t r;
  const float widths[4] = { width, width, width, width };
  const GdkRGBA colors[4] = { *color, *color, *color, *color };

  graphene_rect_inset_r (rect, -grow, -grow, &r);
  gsk_rounded_rect_init_from_rect (&outline, &r, MARK_RADIUS + grow);
  gtk_snapshot_append_border (snapshot, &outline, widths, colors);
}

/* A span with an open end is solid where it is known and fades out towards the open end, over the same
 * width at every zoom: we know when it began, not that it stopped. */
static void
append_fading (GtkSnapshot *snapshot, const graphene_rect_t *rect, const GdkRGBA *color, gboolean towards_right)
{
  float fade = MIN (FADE_WIDTH, rect->size.width * 0.6f) / rect->size.width;
  GskColorStop stops[3] = {
    { 0.0f, *color },
    { 1.0f - fade, *color },
    { 1.0f, with_alpha (color, 0.0f) },
  };
  graphene_point_t solid, clear;

  if (towards_right)
    {
      graphene_point_init (&solid, rect->origin.x, 0);
      graphene_point_init (&clear, rect->origin.x + rect->size.width, 0);
    }
  else
    {
      graphene_point_init (&solid, rect->origin.x + rect->size.width, 0);
      graphene_point_init (&clear, rect->origin.x, 0);
    }
  gtk_snapshot_append_linear_gradient (snapshot, rect, &solid, &clear, stops, G_N_ELEMENTS (stops));
}

/* Light marks (the statements' yellow) need an edge to stand out on a light background. */
static void
append_edge (GtkSnapshot *snapshot, const graphene_rect_t *rect, const Palette *palette)
{
  GskRoundedRect outline;
  const float widths[4] = { 1, 1, 1, 1 };
  GdkRGBA edge = { 0, 0, 0, 0.16f };
  const GdkRGBA colors[4] = { edge, edge, edge, edge };

  if (palette->dark || rect->size.width < 8)
    return;
  gsk_rounded_rect_init_from_rect (&outline, rect, MIN (MARK_RADIUS, rect->size.width / 2));
  gtk_snapshot_append_border (snapshot, &outline, widths, colors);
}

static void
draw_mark (SitmapTimeline *self, GtkSnapshot *snapshot, const SitmapTimelineMark *mark, const Palette *palette,
           float alpha)
{
  graphene_rect_t rect = GRAPHENE_RECT_INIT (mark->x0, _sitmap_timeline_lane_y (self, mark->lane),
                                             mark->x1 - mark->x0, SITMAP_TIMELINE_MARK_HEIGHT);
  GdkRGBA color = with_alpha (category_color (mark->category, palette->dark), alpha);

  switch ((SitmapMarkStyle) mark->style)
    {
    case SITMAP_MARK_VAGUE:
      {
        /* A wash with a thin outline: somewhere in this month or year, not all of it. */
        GdkRGBA wash = with_alpha (&color, VAGUE_ALPHA);
        GdkRGBA rim = with_alpha (&color, VAGUE_RIM_ALPHA);

        append_rounded (snapshot, &rect, MARK_RADIUS, &wash);
        append_outline (snapshot, &rect, 0, 1, &rim);
      }
      break;
    case SITMAP_MARK_OPEN_END:
    case SITMAP_MARK_OPEN_START:
      append_fading (snapshot, &rect, &color, mark->style == SITMAP_MARK_OPEN_END);
      break;
    case SITMAP_MARK_POINT:
    case SITMAP_MARK_SPAN:
    default:
      append_rounded (snapshot, &rect, MARK_RADIUS, &color);
      if (alpha == 1.0f)
        append_edge (snapshot, &rect, palette);
      break;
    }
}

/* Outside the range means what the view state's rule says: the same test as the visible set. */
static gboolean
outside_range (const SitmapEventColumns *columns, guint32 position, SitmapRangeRule rule, gint64 from, gint64 to)
{
  if (rule == SITMAP_RANGE_WITHIN)
    return !(columns->start[position] >= from && columns->end[position] <= to);
  return !(columns->start[position] < to && columns->end[position] > from);
}

static void
draw_selected (SitmapTimeline *self, GtkSnapshot *snapshot, const SitmapTimelineMark *mark, const Palette *palette)
{
  float y = _sitmap_timeline_lane_y (self, mark->lane);
  graphene_rect_t rect = GRAPHENE_RECT_INIT (mark->x0, y, mark->x1 - mark->x0, SITMAP_TIMELINE_MARK_HEIGHT);
  float middle = roundf ((MAX (mark->x0, 0) + MIN (mark->x1, (float) self->width)) / 2);
  GdkRGBA stem = with_alpha (&palette->fg, 0.55f);

  /* A stem down to the axis, so that its date can be read off the ticks. */
  gtk_snapshot_append_color (snapshot, &stem,
                             &GRAPHENE_RECT_INIT (middle, y + SITMAP_TIMELINE_MARK_HEIGHT, 1,
                                                  self->axis_y - y - SITMAP_TIMELINE_MARK_HEIGHT));
  draw_mark (self, snapshot, mark, palette, 1.0f);
  append_outline (snapshot, &rect, 2.0f, 2.0f, &palette->fg);
}

static void
draw_marks (SitmapTimeline *self, GtkSnapshot *snapshot, const Palette *palette)
{
  SitmapDocument *document = sitmap_view_state_get_document (self->view_state);
  const SitmapEventColumns *columns = sitmap_document_get_columns (document);
  const SitmapTimelineMark *marks = (const SitmapTimelineMark *) (gpointer) self->marks->data;
  SitmapRangeRule rule = sitmap_view_state_get_range_rule (self->view_state);
  gint selected = sitmap_view_state_get_selected (self->view_state);
  const SitmapTimelineMark *selected_mark = NULL;
  const SitmapTimelineMark *hover_mark = NULL;
  gint64 from, to;
  gboolean has_range = sitmap_view_state_get_range (self->view_state, &from, &to);

  for (guint i = 0; i < self->marks->len; i++)
    {
      const SitmapTimelineMark *mark = &marks[i];
      gboolean dimmed = has_range && outside_range (columns, mark->position, rule, from, to);

      if ((gint) mark->position == selected)
        selected_mark = mark;
      if ((gint) mark->position == self->hover_position)
        hover_mark = mark;
      draw_mark (self, snapshot, mark, palette, dimmed ? DIMMED_ALPHA : 1.0f);
    }
  if (hover_mark != NULL && hover_mark != selected_mark)
    {
      graphene_rect_t rect = GRAPHENE_RECT_INIT (hover_mark->x0, _sitmap_timeline_lane_y (self, hover_mark->lane),
                                                 hover_mark->x1 - hover_mark->x0, SITMAP_TIMELINE_MARK_HEIGHT);
      GdkRGBA color = with_alpha (&palette->fg, 0.6f);

      append_outline (snapshot, &rect, 1.0f, 1.0f, &color);
    }
  if (selected_mark != NULL)
    draw_selected (self, snapshot, selected_mark, palette);
}

/* Runs of columns where events found no lane: a short dash above the lanes says "more here, zoom in". */
static void
draw_overflow (SitmapTimeline *self, GtkSnapshot *snapshot, const Palette *palette)
{
  const guint32 *counts = (const guint32 *) (gpointer) self->overflow->data;
  GdkRGBA color = with_alpha (&palette->fg, 0.5f);
  float y = overflow_y (self);
  int run_start = -1;

  for (int x = 0; x <= (int) self->overflow->len; x++)
    {
      gboolean busy = x < (int) self->overflow->len && counts[x] > 0;

      if (busy && run_start < 0)
        run_start = x;
      else if (!busy && run_start >= 0)
        {
          float left = run_start - 1.5f;

          gtk_snapshot_append_color (snapshot, &color, &GRAPHENE_RECT_INIT (left, y, x - run_start + 3.0f, 2));
          run_start = -1;
        }
    }
}

static void
draw_label (SitmapTimeline *self, GtkSnapshot *snapshot, const SitmapAxisTick *tick, SitmapAxisLabelKind kind,
            float y, const GdkRGBA *color)
{
  PangoLayout *layout = _sitmap_timeline_get_layout (self, kind);

  pango_layout_set_text (layout, tick->label, -1);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (roundf (tick->label_x), y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
draw_grid (SitmapTimeline *self, GtkSnapshot *snapshot, const Palette *palette)
{
  const SitmapAxisTick *ticks;
  GdkRGBA color = with_alpha (&palette->fg, palette->dark ? 0.08f : 0.06f);
  float top = overflow_y (self);
  guint n;

  ticks = sitmap_time_axis_get_ticks (self->axis, &n);
  for (guint i = 0; i < n; i++)
    if (ticks[i].major)
      gtk_snapshot_append_color (snapshot, &color,
                                 &GRAPHENE_RECT_INIT (floorf (ticks[i].x), top, 1, self->axis_y - top));
}

static void
draw_axis (SitmapTimeline *self, GtkSnapshot *snapshot, const Palette *palette)
{
  const SitmapAxisTick *ticks;
  GdkRGBA line = with_alpha (&palette->fg, 0.25f);
  GdkRGBA major = with_alpha (&palette->fg, 0.45f);
  GdkRGBA minor = with_alpha (&palette->fg, 0.25f);
  GdkRGBA label = with_alpha (&palette->fg, 0.8f);
  GdkRGBA context = with_alpha (&palette->fg, 0.55f);
  float label_y = self->axis_y + SITMAP_TIMELINE_TICK_MAJOR + 1;
  guint n;

  gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (0, self->axis_y, self->width, 1));
  ticks = sitmap_time_axis_get_ticks (self->axis, &n);
  for (guint i = 0; i < n; i++)
    {
      float height = ticks[i].major ? SITMAP_TIMELINE_TICK_MAJOR : SITMAP_TIMELINE_TICK_MINOR;

      gtk_snapshot_append_color (snapshot, ticks[i].major ? &major : &minor,
                                 &GRAPHENE_RECT_INIT (floorf (ticks[i].x), self->axis_y, 1, height));
      if (ticks[i].major && ticks[i].label_fits)
        draw_label (self, snapshot, &ticks[i], SITMAP_AXIS_LABEL_TICK, label_y, &label);
    }
  ticks = sitmap_time_axis_get_context_ticks (self->axis, &n);
  for (guint i = 0; i < n; i++)
    if (ticks[i].label_fits)
      draw_label (self, snapshot, &ticks[i], SITMAP_AXIS_LABEL_CONTEXT, label_y + self->tick_line_height, &context);
}

static void
draw_brush_shade (SitmapTimeline *self, GtkSnapshot *snapshot, const Palette *palette)
{
  GdkRGBA shade = with_alpha (&palette->accent, palette->dark ? 0.22f : 0.14f);
  double x0, x1;

  if (!_sitmap_timeline_get_brush (self, &x0, &x1))
    return;
  gtk_snapshot_append_color (snapshot, &shade,
                             &GRAPHENE_RECT_INIT (x0, self->header_height, x1 - x0, self->height - self->header_height));
}

static void
draw_handle (SitmapTimeline *self, GtkSnapshot *snapshot, float x, const Palette *palette)
{
  float top = self->header_height;
  float middle = (overflow_y (self) + self->axis_y) / 2;
  graphene_rect_t handle = GRAPHENE_RECT_INIT (x - HANDLE_WIDTH / 2, middle - HANDLE_HEIGHT / 2, HANDLE_WIDTH,
                                               HANDLE_HEIGHT);
  GdkRGBA grip = { 1, 1, 1, 0.85f };

  gtk_snapshot_append_color (snapshot, &palette->accent, &GRAPHENE_RECT_INIT (x - 1, top, 2, self->height - top));
  append_rounded (snapshot, &handle, HANDLE_WIDTH / 2, &palette->accent);
  gtk_snapshot_append_color (snapshot, &grip, &GRAPHENE_RECT_INIT (x - 1.5f, middle - 5, 1, 10));
  gtk_snapshot_append_color (snapshot, &grip, &GRAPHENE_RECT_INIT (x + 0.5f, middle - 5, 1, 10));
}

static void
draw_brush_edges (SitmapTimeline *self, GtkSnapshot *snapshot, const Palette *palette)
{
  double x0, x1;

  if (!_sitmap_timeline_get_brush (self, &x0, &x1))
    return;
  if (x0 >= -HANDLE_WIDTH && x0 <= self->width + HANDLE_WIDTH)
    draw_handle (self, snapshot, roundf (x0), palette);
  if (x1 >= -HANDLE_WIDTH && x1 <= self->width + HANDLE_WIDTH)
    draw_handle (self, snapshot, roundf (x1), palette);
}

static void
draw_message (SitmapTimeline *self, GtkSnapshot *snapshot, const char *message, const Palette *palette)
{
  PangoLayout *layout = _sitmap_timeline_get_layout (self, SITMAP_AXIS_LABEL_CONTEXT);
  GdkRGBA color = with_alpha (&palette->fg, 0.55f);
  int width, height;

  pango_layout_set_text (layout, message, -1);
  pango_layout_get_pixel_size (layout, &width, &height);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (roundf ((self->width - width) / 2.0f),
                                                          roundf ((self->header_height + self->axis_y - height) / 2)));
  gtk_snapshot_append_layout (snapshot, layout, &color);
  gtk_snapshot_restore (snapshot);
}

static void
draw_focus (SitmapTimeline *self, GtkSnapshot *snapshot, const Palette *palette)
{
  graphene_rect_t rect = GRAPHENE_RECT_INIT (1, 1, self->width - 2, self->height - 2);
  GdkRGBA color = with_alpha (&palette->accent, 0.5f);
  GskRoundedRect outline;
  const float widths[4] = { 2, 2, 2, 2 };
  const GdkRGBA colors[4] = { color, color, color, color };

  gsk_rounded_rect_init_from_rect (&outline, &rect, 6);
  gtk_snapshot_append_border (snapshot, &outline, widths, colors);
}

void
_sitmap_timeline_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  SitmapTimeline *self = SITMAP_TIMELINE (widget);
  SitmapDocument *document = self->view_state ? sitmap_view_state_get_document (self->view_state) : NULL;
  Palette palette;
  gint64 start, end;

  get_palette (self, &palette);
  if (document != NULL && self->width > 0 && _sitmap_timeline_get_window (self, &start, &end))
    {
      _sitmap_timeline_ensure_marks (self);
      sitmap_time_axis_update (self->axis, start, end, self->width);
      draw_grid (self, snapshot, &palette);
      draw_brush_shade (self, snapshot, &palette);
      draw_marks (self, snapshot, &palette);
      draw_overflow (self, snapshot, &palette);
      draw_axis (self, snapshot, &palette);
      draw_brush_edges (self, snapshot, &palette);
      if (sitmap_document_get_columns (document)->n_dated == 0)
        draw_message (self, snapshot, _("No dated events"), &palette);
    }
  if (gtk_widget_has_visible_focus (widget))
    draw_focus (self, snapshot, &palette);

  gtk_widget_snapshot_child (widget, self->hint_label, snapshot);
  gtk_widget_snapshot_child (widget, self->range_box, snapshot);
  gtk_widget_snapshot_child (widget, self->undated_button, snapshot);
}
