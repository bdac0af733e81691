/* sitmap-timeline-draw.c: where the marks and the histogram's bars go, and drawing them with the axis,
 * the brush and the playhead
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
#define PLAYHEAD_KNOB 11.0f
/* When some marks find no room, the histogram is a faint relief behind them, this share of the lanes high
 * at most, and a bar of one event is a third of that. */
#define RELIEF_SHARE 0.45f
#define RELIEF_MIN_MAX 3.0
#define RELIEF_MAX_BAR_WIDTH 48.0

typedef struct
{
  GdkRGBA  fg;
  GdkRGBA  accent;
  gboolean dark;
} Palette;

typedef struct
{
  gint64 start;
  gint64 end;
  double scale; /* pixels per second */
  float  width;
} Projection;

/* The range as the marks and bars are drawn against it. */
typedef struct
{
  gboolean        has_range;
  gint64          from;
  gint64          to;
  SitmapRangeRule rule;
  graphene_rect_t rect; /* its pixels, the whole height */
} RangeView;

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
 * Geometry: the layout's
 */

void
_sitmap_timeline_invalidate_marks (SitmapTimeline *self)
{
  sitmap_timeline_layout_invalidate (self->layout);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static float
lane_y (SitmapTimeline *self, guint lane)
{
  return sitmap_timeline_layout_lane_y (self->layout, lane);
}

static float
axis_y (SitmapTimeline *self)
{
  return sitmap_timeline_layout_get_axis_y (self->layout);
}

static float
header_height (SitmapTimeline *self)
{
  return sitmap_timeline_layout_get_header_height (self->layout);
}

static float
plot_top (SitmapTimeline *self)
{
  return sitmap_timeline_layout_plot_top (self->layout);
}

static gboolean
is_dense (SitmapTimeline *self)
{
  return sitmap_timeline_layout_get_dense (self->layout);
}

/* The layout follows the view state's window; FALSE when there is none to draw. */
static gboolean
get_projection (SitmapTimeline *self, Projection *p)
{
  if (self->width <= 0 || !_sitmap_timeline_get_window (self, &p->start, &p->end))
    return FALSE;
  sitmap_timeline_layout_set_window (self->layout, p->start, p->end);
  g_assert (sitmap_timeline_layout_get_width (self->layout) == self->width);
  p->width = self->width;
  p->scale = self->width / (double) (p->end - p->start);
  return TRUE;
}

static float
project (SitmapTimeline *self, gint64 t)
{
  return sitmap_timeline_layout_project (self->layout, t);
}

SitmapTimelineLayout *
_sitmap_timeline_ensure_marks (SitmapTimeline *self)
{
  Projection p;

  if (!get_projection (self, &p))
    {
      /* Nothing to lay out: no marks. */
      sitmap_timeline_layout_set_window (self->layout, 0, 0);
      sitmap_timeline_layout_update (self->layout, NULL, NULL);
      return self->layout;
    }
  if (!sitmap_timeline_layout_is_valid (self->layout))
    sitmap_timeline_layout_update (self->layout, self->view_state, _sitmap_timeline_get_shown_histogram (self));
  return self->layout;
}

/*
 * Layout of the histogram
 */

static double
bin_total (const SitmapHistogramCounts *counts, guint hidden)
{
  double total = 0;

  for (guint layer = 0; layer < SITMAP_HISTOGRAM_N_LAYERS; layer++)
    for (guint c = 0; c < SITMAP_N_CATEGORIES; c++)
      if (!(hidden & (1u << c)))
        total += counts->counts[layer][c];
  return total;
}

/* Bars on the axis's calendar (days, weeks, months…), the finest a couple of pixels wide and no finer
 * than the histogram knows, over the part of the window where there is data. */
static void
fill_bin_edges (SitmapTimeline *self, SitmapTimeHistogram *histogram, const Projection *p)
{
  gint64 data_start, data_end, from, to, t;

  if (!sitmap_time_histogram_get_extent (histogram, &data_start, &data_end))
    return;
  from = MAX (p->start, data_start);
  to = MIN (p->end, data_end);
  if (from >= to)
    return;
  self->bin_step = sitmap_axis_bin_step (p->scale, SITMAP_TIMELINE_BAR_MIN_WIDTH,
                                         sitmap_time_histogram_get_resolution (histogram, from, to));
  t = sitmap_axis_step_floor (self->bin_step, self->zone, from);
  for (;;)
    {
      g_array_append_val (self->bin_edges, t);
      if (t >= to || self->bin_edges->len > 4 * (guint) p->width + 8)
        break;
      t = sitmap_axis_step_next (self->bin_step, self->zone, t);
    }
}

void
_sitmap_timeline_ensure_bins (SitmapTimeline *self)
{
  SitmapTimeHistogram *histogram;
  guint hidden;
  Projection p;

  if (self->bins_valid)
    return;
  self->bins_valid = TRUE;
  self->bins_max = 0;
  g_array_set_size (self->bin_edges, 0);
  g_array_set_size (self->bins, 0);
  histogram = _sitmap_timeline_get_shown_histogram (self);
  if (histogram == NULL || !get_projection (self, &p))
    return;
  fill_bin_edges (self, histogram, &p);
  if (self->bin_edges->len < 2)
    return;
  g_array_set_size (self->bins, self->bin_edges->len - 1);
  sitmap_time_histogram_count_bins (histogram, (const gint64 *) (gpointer) self->bin_edges->data,
                                    self->bin_edges->len, (SitmapHistogramCounts *) (gpointer) self->bins->data);
  hidden = sitmap_view_state_get_hidden_categories (self->view_state);
  for (guint i = 0; i < self->bins->len; i++)
    self->bins_max = MAX (self->bins_max, bin_total (&g_array_index (self->bins, SitmapHistogramCounts, i), hidden));
}

/*
 * Hit testing
 */

int
_sitmap_timeline_bin_at (SitmapTimeline *self, double lx, double y)
{
  Projection p;
  gint64 t;
  guint lo = 0, hi;

  _sitmap_timeline_ensure_bins (self);
  if (self->bins->len == 0 || y < plot_top (self) || y > axis_y (self) || !get_projection (self, &p))
    return -1;
  t = _sitmap_timeline_lx_to_time (self, lx);
  hi = self->bin_edges->len;
  /* The last edge at or before t */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (self->bin_edges, gint64, mid) <= t)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo == 0 || lo > self->bins->len ? -1 : (int) lo - 1;
}

gboolean
_sitmap_timeline_get_brush (SitmapTimeline *self, double *x0, double *x1)
{
  gint64 start, end;

  if (self->view_state == NULL || !sitmap_view_state_get_range (self->view_state, &start, &end))
    return FALSE;
  *x0 = _sitmap_timeline_time_to_lx (self, start);
  *x1 = _sitmap_timeline_time_to_lx (self, end);
  return TRUE;
}

/*
 * Drawing primitives
 */

/* The plot is laid out in logical coordinates, where time runs to the right. In a right-to-left locale
 * each rectangle is mirrored as it is drawn: a mirroring transform would be simpler, but GSK loses
 * rounded clips and borders under it. Every shape here is symmetric, so mirroring its box is enough. */
static graphene_rect_t
mirror (SitmapTimeline *self, const graphene_rect_t *rect)
{
  graphene_rect_t r;

  graphene_rect_normalize_r (rect, &r);
  if (_sitmap_timeline_is_rtl (self))
    r.origin.x = self->width - r.origin.x - r.size.width;
  return r;
}

static void
paint_color (SitmapTimeline *self, GtkSnapshot *snapshot, const GdkRGBA *color, const graphene_rect_t *rect)
{
  graphene_rect_t r = mirror (self, rect);

  gtk_snapshot_append_color (snapshot, color, &r);
}

static void
push_clip (SitmapTimeline *self, GtkSnapshot *snapshot, const graphene_rect_t *rect)
{
  graphene_rect_t r = mirror (self, rect);

  gtk_snapshot_push_clip (snapshot, &r);
}

static void
append_rounded (SitmapTimeline *self, GtkSnapshot *snapshot, const graphene_rect_t *rect, float radius,
                const GdkRGBA *color)
{
  graphene_rect_t r = mirror (self, rect);
  GskRoundedRect outline;

  gsk_rounded_rect_init_from_rect (&outline, &r, MIN (radius, MIN (r.size.width, r.size.height) / 2));
  gtk_snapshot_push_rounded_clip (snapshot, &outline);
  gtk_snapshot_append_color (snapshot, color, &r);
  gtk_snapshot_pop (snapshot);
}

static void
append_outline (SitmapTimeline *self, GtkSnapshot *snapshot, const graphene_rect_t *rect, float grow, float width,
                const GdkRGBA *color)
{
  GskRoundedRect outline;
  graphene_rect_t r;
  const float widths[4] = { width, width, width, width };
  const GdkRGBA colors[4] = { *color, *color, *color, *color };

  graphene_rect_inset_r (rect, -grow, -grow, &r);
  r = mirror (self, &r);
  gsk_rounded_rect_init_from_rect (&outline, &r, MARK_RADIUS + grow);
  gtk_snapshot_append_border (snapshot, &outline, widths, colors);
}

/*
 * Drawing marks
 */

/* A span with an open end is solid where it is known and fades out towards the open end, over the same
 * width at every zoom: we know when it began, not that it stopped. */
static void
append_fading (SitmapTimeline *self, GtkSnapshot *snapshot, const graphene_rect_t *logical, const GdkRGBA *color,
               gboolean towards_later)
{
  graphene_rect_t r = mirror (self, logical), *rect = &r;
  float fade = MIN (FADE_WIDTH, rect->size.width * 0.6f) / rect->size.width;
  GskColorStop stops[3] = {
    { 0.0f, *color },
    { 1.0f - fade, *color },
    { 1.0f, with_alpha (color, 0.0f) },
  };
  graphene_point_t solid, clear;

  /* Later is to the left in a right-to-left locale */
  if (_sitmap_timeline_is_rtl (self))
    towards_later = !towards_later;
  if (towards_later)
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
append_edge (SitmapTimeline *self, GtkSnapshot *snapshot, const graphene_rect_t *logical, const Palette *palette)
{
  graphene_rect_t r = mirror (self, logical), *rect = &r;
  GskRoundedRect outline;
  const float widths[4] = { 1, 1, 1, 1 };
  GdkRGBA edge = { 0, 0, 0, 0.16f };
  const GdkRGBA colors[4] = { edge, edge, edge, edge };

  if (palette->dark || rect->size.width < 8)
    return;
  gsk_rounded_rect_init_from_rect (&outline, rect, MIN (MARK_RADIUS, rect->size.width / 2));
  gtk_snapshot_append_border (snapshot, &outline, widths, colors);
}

static graphene_rect_t
mark_rect (SitmapTimeline *self, const SitmapTimelineMark *mark)
{
  return GRAPHENE_RECT_INIT (mark->x0, lane_y (self, mark->lane), mark->x1 - mark->x0,
                             SITMAP_TIMELINE_MARK_HEIGHT);
}

static void
draw_mark (SitmapTimeline *self, GtkSnapshot *snapshot, const SitmapTimelineMark *mark, const Palette *palette,
           float alpha)
{
  graphene_rect_t rect = mark_rect (self, mark);
  GdkRGBA color = with_alpha (category_color (mark->category, palette->dark), alpha);

  switch ((SitmapMarkStyle) mark->style)
    {
    case SITMAP_MARK_VAGUE:
      {
        /* A wash with a thin outline: somewhere in this month or year, not all of it. */
        GdkRGBA wash = with_alpha (&color, VAGUE_ALPHA);
        GdkRGBA rim = with_alpha (&color, VAGUE_RIM_ALPHA);

        append_rounded (self, snapshot, &rect, MARK_RADIUS, &wash);
        append_outline (self, snapshot, &rect, 0, 1, &rim);
      }
      break;
    case SITMAP_MARK_OPEN_END:
    case SITMAP_MARK_OPEN_START:
      append_fading (self, snapshot, &rect, &color, mark->style == SITMAP_MARK_OPEN_END);
      break;
    case SITMAP_MARK_POINT:
    case SITMAP_MARK_SPAN:
    default:
      append_rounded (self, snapshot, &rect, MARK_RADIUS, &color);
      if (alpha == 1.0f)
        append_edge (self, snapshot, &rect, palette);
      break;
    }
}

/* In the range means what the view state's rule says: the same test as the visible set. */
static gboolean
meets_rule (const SitmapEventColumns *columns, guint32 position, const RangeView *range)
{
  if (range->rule == SITMAP_RANGE_WITHIN)
    return columns->start[position] >= range->from && sitmap_event_columns_get_end (columns, position) <= range->to;
  return columns->start[position] < range->to && sitmap_event_columns_get_end (columns, position) > range->from;
}

static gboolean
crosses_edge (const SitmapEventColumns *columns, guint32 position, const RangeView *range)
{
  gint64 start = columns->start[position], end = sitmap_event_columns_get_end (columns, position);

  return (start < range->from && end > range->from) || (start < range->to && end > range->to);
}

/* An event that is partly in the range is drawn partly: strong inside and dimmed outside when the rule
 * lets it through, dimmed all over but outlined inside when only what lies wholly within counts. */
static void
draw_mark_against_range (SitmapTimeline *self, GtkSnapshot *snapshot, const SitmapEventColumns *columns,
                         const SitmapTimelineMark *mark, const Palette *palette, const RangeView *range)
{
  gboolean in;

  if (!range->has_range)
    {
      draw_mark (self, snapshot, mark, palette, 1.0f);
      return;
    }
  in = meets_rule (columns, mark->position, range);
  if (!crosses_edge (columns, mark->position, range))
    {
      draw_mark (self, snapshot, mark, palette, in ? 1.0f : DIMMED_ALPHA);
      return;
    }
  draw_mark (self, snapshot, mark, palette, DIMMED_ALPHA);
  push_clip (self, snapshot, &range->rect);
  if (in)
    draw_mark (self, snapshot, mark, palette, 1.0f);
  else
    {
      graphene_rect_t rect = mark_rect (self, mark);
      GdkRGBA rim = with_alpha (category_color (mark->category, palette->dark), VAGUE_RIM_ALPHA);

      append_outline (self, snapshot, &rect, 0, 1, &rim);
    }
  gtk_snapshot_pop (snapshot);
}

static void
draw_selected (SitmapTimeline *self, GtkSnapshot *snapshot, const SitmapEventColumns *columns,
               const SitmapTimelineMark *mark, const Palette *palette, const RangeView *range)
{
  graphene_rect_t rect = mark_rect (self, mark);
  float middle = roundf ((MAX (mark->x0, 0) + MIN (mark->x1, (float) self->width)) / 2);
  GdkRGBA stem = with_alpha (&palette->fg, 0.55f);

  /* A stem down to the axis, so that its date can be read off the ticks. */
  paint_color (self, snapshot, &stem,
                             &GRAPHENE_RECT_INIT (middle, rect.origin.y + SITMAP_TIMELINE_MARK_HEIGHT, 1,
                                                  axis_y (self) - rect.origin.y - SITMAP_TIMELINE_MARK_HEIGHT));
  draw_mark_against_range (self, snapshot, columns, mark, palette, range);
  append_outline (self, snapshot, &rect, 2.0f, 2.0f, &palette->fg);
}

static void
draw_marks (SitmapTimeline *self, GtkSnapshot *snapshot, const Palette *palette, const RangeView *range)
{
  SitmapDocument *document = sitmap_view_state_get_document (self->view_state);
  const SitmapEventColumns *columns = sitmap_document_get_columns (document);
  guint n_marks;
  const SitmapTimelineMark *marks = sitmap_timeline_layout_get_marks (self->layout, &n_marks);
  gint selected = sitmap_view_state_get_selected (self->view_state);
  const SitmapTimelineMark *selected_mark = NULL;
  const SitmapTimelineMark *hover_mark = NULL;

  for (guint i = 0; i < n_marks; i++)
    {
      const SitmapTimelineMark *mark = &marks[i];

      if ((gint) mark->position == selected)
        selected_mark = mark;
      if ((gint) mark->position == self->hover_position)
        hover_mark = mark;
      if ((gint) mark->position != selected)
        draw_mark_against_range (self, snapshot, columns, mark, palette, range);
    }
  if (hover_mark != NULL && hover_mark != selected_mark)
    {
      graphene_rect_t rect = mark_rect (self, hover_mark);
      GdkRGBA color = with_alpha (&palette->fg, 0.6f);

      append_outline (self, snapshot, &rect, 1.0f, 1.0f, &color);
    }
  if (selected_mark != NULL)
    draw_selected (self, snapshot, columns, selected_mark, palette, range);
}

/* Runs of columns where events found no lane: a short dash above the lanes says "more here, zoom in". */
static void
draw_overflow (SitmapTimeline *self, GtkSnapshot *snapshot, const Palette *palette)
{
  guint n_columns;
  const guint32 *counts = sitmap_timeline_layout_get_overflow (self->layout, &n_columns);
  GdkRGBA color = with_alpha (&palette->fg, 0.5f);
  float y = sitmap_timeline_layout_overflow_y (self->layout);
  int run_start = -1;

  if (is_dense (self))
    return;
  for (int x = 0; x <= (int) n_columns; x++)
    {
      gboolean busy = x < (int) n_columns && counts[x] > 0;

      if (busy && run_start < 0)
        run_start = x;
      else if (!busy && run_start >= 0)
        {
          float left = run_start - 1.5f;

          paint_color (self, snapshot, &color, &GRAPHENE_RECT_INIT (left, y, x - run_start + 3.0f, 2));
          run_start = -1;
        }
    }
}

/*
 * Drawing the histogram
 */

/* One bar: the categories stacked in the legend's order, what is known to the day below, what is known
 * only to the month or year above it as a wash. */
static void
draw_bar (SitmapTimeline *self, GtkSnapshot *snapshot, const SitmapHistogramCounts *counts, float x0, float x1,
          double scale, const float alphas[SITMAP_HISTOGRAM_N_LAYERS], const Palette *palette)
{
  guint hidden = sitmap_view_state_get_hidden_categories (self->view_state);
  float y = axis_y (self);

  for (guint layer = 0; layer < SITMAP_HISTOGRAM_N_LAYERS; layer++)
    for (guint c = 0; c < SITMAP_N_CATEGORIES; c++)
      {
        float height = (float) (counts->counts[layer][c] * scale);
        GdkRGBA color;

        if (hidden & (1u << c) || height <= 0.01f)
          continue;
        color = with_alpha (category_color (c, palette->dark), alphas[layer]);
        paint_color (self, snapshot, &color, &GRAPHENE_RECT_INIT (x0, y - height, x1 - x0, height));
        y -= height;
      }
}

static void
draw_bars (SitmapTimeline *self, GtkSnapshot *snapshot, const Projection *p, double scale, float alpha,
           const Palette *palette, float clip_x0, float clip_x1)
{
  const gint64 *edges = (const gint64 *) (gpointer) self->bin_edges->data;
  const SitmapHistogramCounts *bins = (const SitmapHistogramCounts *) (gpointer) self->bins->data;
  float alphas[SITMAP_HISTOGRAM_N_LAYERS] = { alpha, alpha * 0.4f };

  for (guint i = 0; i < self->bins->len; i++)
    {
      float x0 = project (self, edges[i]), x1 = project (self, edges[i + 1]);

      if (x1 < clip_x0 || x0 > clip_x1)
        continue;
      /* A hairline between bars wide enough to spare it */
      if (x1 - x0 >= 5)
        x1 -= 1;
      draw_bar (self, snapshot, &bins[i], MAX (x0, -1), MIN (x1, p->width + 1), scale, alphas, palette);
    }
}

/* Where every event has its mark, nothing; where some found no room, a faint relief behind the marks
 * that says where they crowd; among more than the lanes could ever hold, the whole picture, in full
 * colour. Outside the range it is dimmed, as the marks are. */
static void
draw_histogram (SitmapTimeline *self, GtkSnapshot *snapshot, const Palette *palette, const RangeView *range)
{
  float top = plot_top (self);
  float room = axis_y (self) - 1 - top;
  float alpha = is_dense (self) ? (palette->dark ? 0.8f : 0.75f) : (palette->dark ? 0.3f : 0.22f);
  double scale;
  Projection p;

  _sitmap_timeline_ensure_bins (self);
  if (self->bins->len == 0 || self->bins_max <= 0 || room <= 0 || !get_projection (self, &p))
    return;
  if (is_dense (self))
    scale = room / self->bins_max;
  else if (sitmap_timeline_layout_get_n_overflow (self->layout) == 0)
    return;
  else
    {
      /* A relief of bars much wider than a mark says nothing the marks do not. */
      if (project (self, g_array_index (self->bin_edges, gint64, 1)) - project (self, g_array_index (self->bin_edges,
                                                                                                  gint64, 0)) >
          RELIEF_MAX_BAR_WIDTH)
        return;
      scale = room * RELIEF_SHARE / MAX (self->bins_max, RELIEF_MIN_MAX);
    }
  if (!range->has_range)
    {
      draw_bars (self, snapshot, &p, scale, alpha, palette, -G_MAXFLOAT, G_MAXFLOAT);
      return;
    }
  draw_bars (self, snapshot, &p, scale, alpha * DIMMED_ALPHA * 1.5f, palette, -G_MAXFLOAT, G_MAXFLOAT);
  push_clip (self, snapshot, &range->rect);
  draw_bars (self, snapshot, &p, scale, alpha, palette, range->rect.origin.x,
             range->rect.origin.x + range->rect.size.width);
  gtk_snapshot_pop (snapshot);
}

/* What the height of a bar means, as a histogram with no scale would not say: "Up to 89 events a day". */
static char *
describe_scale (SitmapTimeline *self)
{
  gulong most = (gulong) ceil (self->bins_max - 0.01);

  if (self->bin_step.count == 1)
    switch (self->bin_step.unit)
      {
      case SITMAP_AXIS_UNIT_MINUTE:
        return g_strdup_printf (ngettext ("Up to %lu event a minute", "Up to %lu events a minute", most), most);
      case SITMAP_AXIS_UNIT_HOUR:
        return g_strdup_printf (ngettext ("Up to %lu event an hour", "Up to %lu events an hour", most), most);
      case SITMAP_AXIS_UNIT_DAY:
        return g_strdup_printf (ngettext ("Up to %lu event a day", "Up to %lu events a day", most), most);
      case SITMAP_AXIS_UNIT_WEEK:
        return g_strdup_printf (ngettext ("Up to %lu event a week", "Up to %lu events a week", most), most);
      case SITMAP_AXIS_UNIT_MONTH:
        return g_strdup_printf (ngettext ("Up to %lu event a month", "Up to %lu events a month", most), most);
      case SITMAP_AXIS_UNIT_YEAR:
        return g_strdup_printf (ngettext ("Up to %lu event a year", "Up to %lu events a year", most), most);
      case SITMAP_AXIS_UNIT_SECOND:
      default:
        break;
      }
  /* TRANSLATORS: the scale of the timeline's histogram when a bar is several days, months or years */
  return g_strdup_printf (ngettext ("Up to %lu event a bar", "Up to %lu events a bar", most), most);
}

/* The scale, in the corner where time begins, over a veil so that bars do not hide it. */
static void
draw_scale (SitmapTimeline *self, GtkSnapshot *snapshot, const Palette *palette)
{
  PangoLayout *layout;
  g_autofree char *text = NULL;
  GdkRGBA color = with_alpha (&palette->fg, 0.7f);
  GdkRGBA veil;
  int width, height;
  float x, y;

  if (!is_dense (self) || self->bins_max <= 0)
    return;
  text = describe_scale (self);
  layout = _sitmap_timeline_get_layout (self, SITMAP_AXIS_LABEL_TICK);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &width, &height);
  x = _sitmap_timeline_is_rtl (self) ? self->width - 6 - width : 6;
  y = plot_top (self);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (GTK_WIDGET (self)), "view_bg_color", &veil))
    veil = palette->dark ? (GdkRGBA) { 0.12f, 0.12f, 0.12f, 1 } : (GdkRGBA) { 1, 1, 1, 1 };
  G_GNUC_END_IGNORE_DEPRECATIONS
  veil.alpha = 0.75f;
  gtk_snapshot_append_color (snapshot, &veil, &GRAPHENE_RECT_INIT (x - 3, y, width + 6, height));
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, &color);
  gtk_snapshot_restore (snapshot);
}

/*
 * Drawing the axis
 */

/* Labels are never mirrored: in a right-to-left locale their box moves to the mirrored place. */
static void
draw_label (SitmapTimeline *self, GtkSnapshot *snapshot, const SitmapAxisTick *tick, SitmapAxisLabelKind kind,
            float y, const GdkRGBA *color)
{
  PangoLayout *layout = _sitmap_timeline_get_layout (self, kind);
  double x = _sitmap_timeline_is_rtl (self) ? self->width - tick->label_x - tick->label_width : tick->label_x;

  pango_layout_set_text (layout, tick->label, -1);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (roundf (x), y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
draw_grid (SitmapTimeline *self, GtkSnapshot *snapshot, const Palette *palette)
{
  const SitmapAxisTick *ticks;
  GdkRGBA color = with_alpha (&palette->fg, palette->dark ? 0.08f : 0.06f);
  float top = plot_top (self);
  guint n;

  ticks = sitmap_time_axis_get_ticks (self->axis, &n);
  for (guint i = 0; i < n; i++)
    if (ticks[i].major)
      paint_color (self, snapshot, &color,
                                 &GRAPHENE_RECT_INIT (floorf (ticks[i].x), top, 1, axis_y (self) - top));
}

static void
draw_axis_lines (SitmapTimeline *self, GtkSnapshot *snapshot, const Palette *palette)
{
  const SitmapAxisTick *ticks;
  GdkRGBA line = with_alpha (&palette->fg, 0.25f);
  GdkRGBA major = with_alpha (&palette->fg, 0.45f);
  GdkRGBA minor = with_alpha (&palette->fg, 0.25f);
  guint n;

  paint_color (self, snapshot, &line, &GRAPHENE_RECT_INIT (0, axis_y (self), self->width, 1));
  ticks = sitmap_time_axis_get_ticks (self->axis, &n);
  for (guint i = 0; i < n; i++)
    {
      float height = ticks[i].major ? SITMAP_TIMELINE_TICK_MAJOR : SITMAP_TIMELINE_TICK_MINOR;

      paint_color (self, snapshot, ticks[i].major ? &major : &minor,
                                 &GRAPHENE_RECT_INIT (floorf (ticks[i].x), axis_y (self), 1, height));
    }
}

static void
draw_axis_labels (SitmapTimeline *self, GtkSnapshot *snapshot, const Palette *palette)
{
  const SitmapAxisTick *ticks;
  GdkRGBA label = with_alpha (&palette->fg, 0.8f);
  GdkRGBA context = with_alpha (&palette->fg, 0.55f);
  float label_y = axis_y (self) + SITMAP_TIMELINE_TICK_MAJOR + 1;
  guint n;

  ticks = sitmap_time_axis_get_ticks (self->axis, &n);
  for (guint i = 0; i < n; i++)
    if (ticks[i].major && ticks[i].label_fits)
      draw_label (self, snapshot, &ticks[i], SITMAP_AXIS_LABEL_TICK, label_y, &label);
  ticks = sitmap_time_axis_get_context_ticks (self->axis, &n);
  for (guint i = 0; i < n; i++)
    if (ticks[i].label_fits)
      draw_label (self, snapshot, &ticks[i], SITMAP_AXIS_LABEL_CONTEXT, label_y + self->tick_line_height, &context);
}

/*
 * Drawing the brush and the playhead
 */

static void
draw_brush_shade (SitmapTimeline *self, GtkSnapshot *snapshot, const Palette *palette, const RangeView *range)
{
  GdkRGBA shade = with_alpha (&palette->accent, palette->dark ? 0.22f : 0.14f);

  if (range->has_range)
    paint_color (self, snapshot, &shade, &range->rect);
}

static void
draw_handle (SitmapTimeline *self, GtkSnapshot *snapshot, float x, const Palette *palette)
{
  float top = header_height (self);
  float middle = (sitmap_timeline_layout_overflow_y (self->layout) + axis_y (self)) / 2;
  graphene_rect_t handle = GRAPHENE_RECT_INIT (x - HANDLE_WIDTH / 2, middle - HANDLE_HEIGHT / 2, HANDLE_WIDTH,
                                               HANDLE_HEIGHT);
  GdkRGBA grip = { 1, 1, 1, 0.85f };

  paint_color (self, snapshot, &palette->accent, &GRAPHENE_RECT_INIT (x - 1, top, 2, self->height - top));
  append_rounded (self, snapshot, &handle, HANDLE_WIDTH / 2, &palette->accent);
  paint_color (self, snapshot, &grip, &GRAPHENE_RECT_INIT (x - 1.5f, middle - 5, 1, 10));
  paint_color (self, snapshot, &grip, &GRAPHENE_RECT_INIT (x + 0.5f, middle - 5, 1, 10));
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

/* While playback is active its leading edge is the playhead: a knob on the range's edge, over the axis. */
static void
draw_playhead (SitmapTimeline *self, GtkSnapshot *snapshot, const Palette *palette)
{
  float x, top = plot_top (self);
  graphene_rect_t knob;
  gint64 t;

  if (!sitmap_playback_get_playhead (self->playback, &t))
    return;
  x = roundf ((float) _sitmap_timeline_time_to_lx (self, t));
  if (x < -PLAYHEAD_KNOB || x > self->width + PLAYHEAD_KNOB)
    return;
  paint_color (self, snapshot, &palette->accent,
                             &GRAPHENE_RECT_INIT (x - 1, top, 2, axis_y (self) + SITMAP_TIMELINE_TICK_MAJOR - top));
  knob = GRAPHENE_RECT_INIT (x - PLAYHEAD_KNOB / 2, axis_y (self) - PLAYHEAD_KNOB / 2, PLAYHEAD_KNOB, PLAYHEAD_KNOB);
  append_rounded (self, snapshot, &knob, PLAYHEAD_KNOB / 2, &palette->accent);
  graphene_rect_inset (&knob, 2.5f, 2.5f);
  append_rounded (self, snapshot, &knob, PLAYHEAD_KNOB / 2, &(GdkRGBA) { 1, 1, 1, 0.9f });
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
                                                          roundf ((header_height (self) + axis_y (self) - height) / 2)));
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

static void
get_range_view (SitmapTimeline *self, RangeView *range)
{
  double x0, x1;

  range->has_range = sitmap_view_state_get_range (self->view_state, &range->from, &range->to);
  range->rule = sitmap_view_state_get_range_rule (self->view_state);
  if (range->has_range && _sitmap_timeline_get_brush (self, &x0, &x1))
    {
      x0 = CLAMP (x0, -4, self->width + 4);
      x1 = CLAMP (x1, -4, self->width + 4);
      range->rect = GRAPHENE_RECT_INIT (x0, header_height (self), x1 - x0, self->height - header_height (self));
    }
}

/* Everything but text, laid out in logical coordinates and mirrored as it is drawn. */
static void
draw_plot (SitmapTimeline *self, GtkSnapshot *snapshot, const Palette *palette)
{
  RangeView range;

  get_range_view (self, &range);
  draw_grid (self, snapshot, palette);
  draw_brush_shade (self, snapshot, palette, &range);
  draw_histogram (self, snapshot, palette, &range);
  draw_marks (self, snapshot, palette, &range);
  draw_overflow (self, snapshot, palette);
  draw_axis_lines (self, snapshot, palette);
  draw_brush_edges (self, snapshot, palette);
  draw_playhead (self, snapshot, palette);
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
      draw_plot (self, snapshot, &palette);
      draw_axis_labels (self, snapshot, &palette);
      draw_scale (self, snapshot, &palette);
      if (sitmap_document_get_columns (document)->n_dated == 0)
        draw_message (self, snapshot, _("No dated events"), &palette);
    }
  if (gtk_widget_has_visible_focus (widget))
    draw_focus (self, snapshot, &palette);
  gtk_widget_snapshot_child (widget, GTK_WIDGET (self->header), snapshot);
}
