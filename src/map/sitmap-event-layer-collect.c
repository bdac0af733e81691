/* sitmap-event-layer-collect.c: the bins, rebuilt when what is visible changes, and what is in view,
 * gathered once per view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-event-layer"

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "sitmap-event-layer-private.h"

/* Cells around the view that must be binned: a cluster drawn in view may have grown from them. */
#define NEEDED_CELLS 2
/* Pixels a shape's stroke reaches beyond its path. */
#define SHAPE_PAD 4.0
/* However far out the map is zoomed, a vague place stays clearly bigger than a point. */
#define MIN_VAGUE_RADIUS (3 * SITMAP_SYMBOL_RADIUS)
/* Copies of the world side by side, zoomed all the way out on a wide screen. */
#define MAX_COPIES 32
/* Zoom levels are judged with this much slack, so that zoom 7 is level 7 and not 6.5. */
#define LEVEL_EPSILON 1e-6

/* Symbol sizes: plain, then by fatalities up to twice as wide; a hovered symbol takes the next one. */
static const double symbol_sizes[SITMAP_SYMBOL_N_SIZES] = { 1.0, 1.2, 1.4, 1.6, 1.8, 2.0 };

/*
 * Per document
 */

static void
prepare_points (SitmapEventLayer *self, guint from)
{
  const SitmapEventColumns *columns = sitmap_document_get_columns (self->document);
  const SitmapShape *shapes;
  guint n_shapes;

  self->n_points = columns->n_events;
  self->points = g_renew (SitmapClusterPoint, self->points, MAX (self->n_points, 1));
  sitmap_shape_table_get_points (self->shapes, columns, from, self->points);
  shapes = sitmap_shape_table_get_shapes (self->shapes, &n_shapes);
  /* Shapes taken away by an undo go from the paths drawn; those added come after */
  while (self->path_shapes->len > 0 &&
         g_array_index (self->path_shapes, guint, self->path_shapes->len - 1) >= n_shapes)
    g_array_set_size (self->path_shapes, self->path_shapes->len - 1);
  if (from == 0)
    g_array_set_size (self->path_shapes, 0);
  for (guint s = 0; s < n_shapes; s++)
    if (shapes[s].position >= from && (shapes[s].kind == SITMAP_SHAPE_AREA || shapes[s].kind == SITMAP_SHAPE_LINE))
      g_array_append_val (self->path_shapes, s);
}

/* The extent widened to the points from from on (an edit's); an undo or a deletion leaves it as wide */
static void
extend_extent (SitmapEventLayer *self, guint from)
{
  for (guint i = from; i < self->n_points; i++)
    {
      SitmapClusterPoint p = self->points[i];

      if (p.x == SITMAP_CLUSTER_NO_POINT)
        continue;
      if (!self->has_extent)
        {
          self->extent_min = self->extent_max = p;
          self->has_extent = TRUE;
        }
      self->extent_min.x = MIN (self->extent_min.x, p.x);
      self->extent_min.y = MIN (self->extent_min.y, p.y);
      self->extent_max.x = MAX (self->extent_max.x, p.x);
      self->extent_max.y = MAX (self->extent_max.y, p.y);
    }
}

static void
prepare_extent (SitmapEventLayer *self)
{
  SitmapClusterPoint lo = { G_MAXUINT32, G_MAXUINT32 }, hi = { 0, 0 };

  for (guint i = 0; i < self->n_points; i++)
    {
      SitmapClusterPoint p = self->points[i];

      if (p.x == SITMAP_CLUSTER_NO_POINT)
        continue;
      lo.x = MIN (lo.x, p.x);
      lo.y = MIN (lo.y, p.y);
      hi.x = MAX (hi.x, p.x);
      hi.y = MAX (hi.y, p.y);
    }
  self->has_extent = lo.x <= hi.x;
  self->extent_min = lo;
  self->extent_max = hi;
}

/*
 * The bins
 */

static double
level_for_zoom (double zoom)
{
  return floor (zoom * 2 + LEVEL_EPSILON) / 2;
}

/* The world cells under the view, widened by margin cells, unwrapped: columns may run below 0 or past
 * the world's width. */
static void
view_cells (const SitmapMapProjection *p, const SitmapClusterGrid *grid, gint64 margin, gint64 range[4])
{
  double f = grid->world_pixels / p->map_size;
  double cx = p->center_x * f, cy = p->center_y * f, rx = p->reach_x * f, ry = p->reach_y * f;

  range[0] = (gint64) floor ((cx - rx) / grid->cell_pixels) - margin;
  range[1] = (gint64) floor ((cy - ry) / grid->cell_pixels) - margin;
  range[2] = (gint64) floor ((cx + rx) / grid->cell_pixels) + margin;
  range[3] = (gint64) floor ((cy + ry) / grid->cell_pixels) + margin;
}

/* Only cells where there are events are worth binning. FALSE if none is left. */
static gboolean
clip_to_data (SitmapEventLayer *self, const SitmapClusterGrid *grid, gint64 range[4])
{
  gint64 across = grid->cells_across, lo_x, lo_y, hi_x, hi_y;

  if (!self->has_extent)
    return FALSE;
  sitmap_cluster_grid_cell (grid, self->extent_min, &lo_x, &lo_y);
  sitmap_cluster_grid_cell (grid, self->extent_max, &hi_x, &hi_y);
  range[1] = MAX (range[1], lo_y);
  range[3] = MIN (range[3], hi_y);
  if (range[2] - range[0] + 1 >= across)
    {
      range[0] = lo_x;
      range[2] = hi_x;
    }
  else if (range[0] >= 0 && range[2] < across)
    {
      range[0] = MAX (range[0], lo_x);
      range[2] = MIN (range[2], hi_x);
    }
  /* A range across the world's edge is kept whole. */
  return range[0] <= range[2] && range[1] <= range[3];
}

static gboolean
window_contains (const SitmapClusterWindow *window, const SitmapClusterGrid *grid, const gint64 range[4])
{
  gint64 across = grid->cells_across, shift;

  if (range[1] < window->y0 || range[3] >= window->y0 + (gint64) window->height)
    return FALSE;
  if (window->width == across)
    return TRUE;
  /* Take the range to the copy of the world where it starts at or after the window. */
  shift = range[0] - window->x0;
  shift = shift >= 0 ? shift / across : -((-shift + across - 1) / across);
  return range[2] - shift * across <= window->x0 + (gint64) window->width - 1;
}

static void
collect_visible_paths (SitmapEventLayer *self)
{
  const SitmapShape *shapes;
  guint n_shapes;

  shapes = sitmap_shape_table_get_shapes (self->shapes, &n_shapes);
  g_array_set_size (self->visible_paths, 0);
  for (guint i = 0; i < self->path_shapes->len; i++)
    {
      guint32 s = g_array_index (self->path_shapes, guint32, i);

      if (sitmap_view_state_is_visible (self->view_state, shapes[s].position))
        g_array_append_val (self->visible_paths, s);
    }
}

/* Whether the bins, made for this or an earlier visible set, are at the zoom's level and cover the
 * cells a frame in view needs. */
static gboolean
bins_cover (SitmapEventLayer *self, const SitmapMapProjection *p, double zoom)
{
  double level = level_for_zoom (zoom);
  SitmapClusterGrid grid;
  gint64 needed[4];

  if (self->binned_level != level || !sitmap_cluster_index_is_built (self->index))
    return FALSE;
  sitmap_cluster_grid_init (&grid, p->map_size * exp2 (level - zoom), SITMAP_EVENT_LAYER_CELL_PIXELS);
  view_cells (p, &grid, NEEDED_CELLS, needed);
  return !clip_to_data (self, &grid, needed) ||
         window_contains (sitmap_cluster_index_get_window (self->index), &grid, needed);
}

/* Bins the visible events on the grid of the zoom level, over the view and a view's width around it,
 * unless the bins already cover that for the same level and visible set. */
static void
ensure_bins (SitmapEventLayer *self, const SitmapMapProjection *p, double zoom)
{
  double level = level_for_zoom (zoom);
  const SitmapEventColumns *columns = sitmap_document_get_columns (self->document);
  SitmapClusterGrid grid;
  SitmapClusterWindow window = { 0 };
  SitmapClusterInput input = { 0 };
  gint64 range[4], margin;

  if (self->binned_serial == self->serial && bins_cover (self, p, zoom))
    return;

  sitmap_cluster_grid_init (&grid, p->map_size * exp2 (level - zoom), SITMAP_EVENT_LAYER_CELL_PIXELS);
  view_cells (p, &grid, 0, range);
  margin = MAX (range[2] - range[0], range[3] - range[1]) + NEEDED_CELLS + 1;
  view_cells (p, &grid, margin, range);
  /* A view's width around the view, unless that would be more cells than the index takes. */
  if ((range[2] - range[0] + 1) * (range[3] - range[1] + 1) > SITMAP_CLUSTER_MAX_CELLS)
    view_cells (p, &grid, NEEDED_CELLS + 1, range);
  if (clip_to_data (self, &grid, range) &&
      (guint64) MIN (range[2] - range[0] + 1, (gint64) grid.cells_across) * (range[3] - range[1] + 1) <=
        SITMAP_CLUSTER_MAX_CELLS)
    {
      gint64 across = grid.cells_across;

      window.width = (guint32) MIN (range[2] - range[0] + 1, across);
      window.height = (guint32) (range[3] - range[1] + 1);
      window.x0 = window.width == across ? 0 : ((range[0] % across) + across) % across;
      window.y0 = range[1];
    }
  input.points = self->points;
  input.category = columns->category;
  input.fatalities = self->size_by_fatalities ? columns->fatalities : NULL;
  input.positions = sitmap_view_state_get_visible (self->view_state, &input.n_positions);
  sitmap_cluster_index_build (self->index, &grid, &window, &input);
  self->n_builds++;
  if (self->binned_serial != self->serial)
    collect_visible_paths (self);
  self->binned_serial = self->serial;
  self->binned_level = level;
}

/*
 * What is in view
 */

static gboolean
projection_equal (const SitmapMapProjection *a, const SitmapMapProjection *b)
{
  return a->valid == b->valid && a->width == b->width && a->height == b->height && a->map_size == b->map_size &&
         a->center_x == b->center_x && a->center_y == b->center_y && a->cos_r == b->cos_r && a->sin_r == b->sin_r;
}

/* The widget points of a world point in every copy of the world that shows within margin pixels of the
 * widget: one, unless zoomed out so far that the world repeats. */
static guint
widget_copies (const SitmapMapProjection *p, double x, double y, double margin, double out[][2], guint max)
{
  double u, v;
  guint n = 0;

  sitmap_map_projection_to_map (p, x, y, &u, &v);
  /* Written so that NAN fails. */
  if (!(v >= -p->reach_y - margin && v <= p->reach_y + margin))
    return 0;
  if (!sitmap_map_projection_wraps (p, margin))
    {
      if (u < -p->reach_x - margin || u > p->reach_x + margin)
        return 0;
      sitmap_map_projection_map_to_widget (p, u, v, &out[0][0], &out[0][1]);
      return 1;
    }
  while (u - p->map_size >= -p->reach_x - margin)
    u -= p->map_size;
  for (; u <= p->reach_x + margin && n < max; u += p->map_size)
    if (u >= -p->reach_x - margin)
      {
        sitmap_map_projection_map_to_widget (p, u, v, &out[n][0], &out[n][1]);
        n++;
      }
  return n;
}

static void
set_instance_bounds (SitmapShapeInstance *instance, const SitmapMapProjection *p, double u0, double v0, double u1,
                     double v1)
{
  if (p->rotated)
    instance->bounds = GRAPHENE_RECT_INIT (0, 0, p->width, p->height);
  else
    instance->bounds = GRAPHENE_RECT_INIT (u0 + p->width / 2 - SHAPE_PAD, v0 + p->height / 2 - SHAPE_PAD,
                                           u1 - u0 + 2 * SHAPE_PAD, v1 - v0 + 2 * SHAPE_PAD);
}

/* A path is drawn in the copy of the world nearest the view; FALSE if none of it is in view. */
static gboolean
collect_path_shape (const SitmapMapProjection *p, SitmapShapeInstance *instance)
{
  const SitmapShape *shape = instance->shape;
  double u0 = shape->min_x * p->map_size - p->center_x, u1 = shape->max_x * p->map_size - p->center_x;
  double v0 = shape->min_y * p->map_size - p->center_y, v1 = shape->max_y * p->map_size - p->center_y;

  instance->offset = -round ((u0 + u1) / 2 / p->map_size) * p->map_size;
  u0 += instance->offset;
  u1 += instance->offset;
  if (u1 < -p->reach_x - SHAPE_PAD || u0 > p->reach_x + SHAPE_PAD || v1 < -p->reach_y - SHAPE_PAD ||
      v0 > p->reach_y + SHAPE_PAD)
    return FALSE;
  set_instance_bounds (instance, p, u0, v0, u1, v1);
  return TRUE;
}

static gboolean
collect_ring_shape (const SitmapMapProjection *p, SitmapShapeInstance *instance)
{
  const SitmapShape *shape = instance->shape;
  double u, v, r;

  r = sitmap_map_projection_metres_to_pixels (p, shape->y, shape->radius_m);
  if (shape->kind == SITMAP_SHAPE_VAGUE)
    r = MAX (r, MIN_VAGUE_RADIUS);
  else if (r < SITMAP_RING_MIN_RADIUS)
    return FALSE;
  sitmap_map_projection_to_map (p, shape->x, shape->y, &u, &v);
  if (!sitmap_map_projection_map_in_view (p, u, v, r + SHAPE_PAD))
    return FALSE;
  instance->offset = u - (shape->x * p->map_size - p->center_x);
  instance->radius = r;
  set_instance_bounds (instance, p, u - r, v - r, u + r, v + r);
  return TRUE;
}

static void
collect_shape (SitmapEventLayer *self, const SitmapShape *shape)
{
  const SitmapMapProjection *p = &self->projection;
  SitmapShapeInstance instance = { .shape = shape };
  double wx = NAN, wy = NAN;
  gboolean in_view;

  if (shape->kind == SITMAP_SHAPE_AREA || shape->kind == SITMAP_SHAPE_LINE)
    in_view = collect_path_shape (p, &instance);
  else
    in_view = collect_ring_shape (p, &instance);
  if (!in_view)
    return;
  if (isfinite (shape->x))
    sitmap_map_projection_map_to_widget (p, shape->x * p->map_size - p->center_x + instance.offset,
                                         shape->y * p->map_size - p->center_y, &wx, &wy);
  instance.x = wx;
  instance.y = wy;
  g_array_append_val (self->shape_instances, instance);
}

static void
collect_clusters (SitmapEventLayer *self)
{
  const SitmapCluster *clusters;
  guint n_clusters;

  clusters = sitmap_cluster_index_get_clusters (self->index, &n_clusters);
  for (guint i = 0; i < n_clusters; i++)
    {
      double points[MAX_COPIES][2];
      guint n = widget_copies (&self->projection, clusters[i].x, clusters[i].y, clusters[i].radius + 4, points,
                               MAX_COPIES);

      for (guint k = 0; k < n; k++)
        {
          SitmapClusterInstance instance = { points[k][0], points[k][1], clusters[i].radius, i };

          g_array_append_val (self->cluster_instances, instance);
        }
    }
}

static guint16
symbol_key (SitmapEventLayer *self, guint position)
{
  const SitmapEventColumns *columns = sitmap_document_get_columns (self->document);

  return columns->category[position] * SITMAP_SYMBOL_N_STYLES + sitmap_symbol_style_for_event (columns, position);
}

/* Appends the symbols of an event in every copy of the world in view; TRUE if any. */
static gboolean
collect_symbol (SitmapEventLayer *self, guint position)
{
  double points[MAX_COPIES][2], x, y, margin;
  SitmapSymbolInstance symbol = { .position = position };
  guint n;

  if (!_sitmap_event_layer_get_world_point (self, position, &x, &y))
    return FALSE;
  symbol.key = symbol_key (self, position);
  symbol.size = _sitmap_event_layer_size_for (self, position);
  margin = sitmap_symbol_get_extent (SITMAP_SYMBOL_STYLE_SELECTED) / 2 * symbol_sizes[symbol.size];
  n = widget_copies (&self->projection, x, y, margin, points, MAX_COPIES);
  for (guint k = 0; k < n; k++)
    {
      symbol.x = points[k][0];
      symbol.y = points[k][1];
      g_array_append_val (self->symbols, symbol);
    }
  return n > 0;
}

/* The single events of the cells in view, with the rings and circles that say how vague their place is. */
static void
collect_singles (SitmapEventLayer *self)
{
  gint64 column0, row0, column1, row1;
  const SitmapClusterGrid *grid = sitmap_cluster_index_get_grid (self->index);

  _sitmap_event_layer_cell_range (self, sitmap_symbol_get_extent (SITMAP_SYMBOL_STYLE_SELECTED), &column0, &row0,
                                  &column1, &row1);
  if (column1 - column0 + 1 >= (gint64) grid->cells_across)
    {
      column0 = 0;
      column1 = grid->cells_across - 1;
    }
  for (gint64 row = row0; row <= row1; row++)
    for (gint64 column = column0; column <= column1; column++)
      {
        gint64 cell = sitmap_cluster_index_window_cell (self->index, column, row);
        const guint32 *singles;
        guint n_singles;

        if (cell < 0 || sitmap_cluster_index_get_cell (self->index, cell, &singles, &n_singles) >= 0)
          continue;
        for (guint i = 0; i < n_singles; i++)
          {
            const SitmapShape *shape;

            if (!collect_symbol (self, singles[i]))
              continue;
            shape = sitmap_shape_table_lookup (self->shapes, singles[i]);
            if (shape != NULL && (shape->kind == SITMAP_SHAPE_RING || shape->kind == SITMAP_SHAPE_VAGUE))
              collect_shape (self, shape);
          }
      }
}

static int
compare_shape_instances (gconstpointer a, gconstpointer b)
{
  const SitmapShapeInstance *x = a, *y = b;

  return x->shape->position < y->shape->position ? -1 : x->shape->position > y->shape->position;
}

static gint
find_shape_instance (SitmapEventLayer *self, guint position)
{
  for (guint i = 0; i < self->shape_instances->len; i++)
    if (g_array_index (self->shape_instances, SitmapShapeInstance, i).shape->position == position)
      return i;
  return -1;
}

/* The selection is drawn on top and with its uncertainty, even inside a cluster. */
static void
collect_selection (SitmapEventLayer *self)
{
  gint selected = sitmap_view_state_get_selected (self->view_state);
  const SitmapShape *shape;

  if (selected < 0 || !sitmap_view_state_is_visible (self->view_state, selected))
    return;
  for (guint i = 0; i < self->symbols->len; i++)
    if (g_array_index (self->symbols, SitmapSymbolInstance, i).position == (guint) selected)
      {
        self->selected_symbol = i;
        break;
      }
  if (self->selected_symbol < 0 && collect_symbol (self, selected))
    self->selected_symbol = self->symbols->len - 1;
  shape = sitmap_shape_table_lookup (self->shapes, selected);
  if (shape != NULL && find_shape_instance (self, selected) < 0)
    collect_shape (self, shape);
}

static void
reset_collection (SitmapEventLayer *self)
{
  g_array_set_size (self->cluster_instances, 0);
  g_array_set_size (self->symbols, 0);
  g_array_set_size (self->shape_instances, 0);
  self->selected_symbol = -1;
  self->selected_shape = -1;
  self->drawn_valid = FALSE;
  self->shown = FALSE;
}

/* Nothing here looks at every event: the clusters and the cells in view, and the visible events' areas
 * and lines (which the bins listed). */
static void
collect (SitmapEventLayer *self, const SitmapMapProjection *p)
{
  const SitmapShape *shapes;
  guint n_shapes;

  self->projection = *p;
  self->collected = TRUE;
  self->collected_serial = self->serial + self->frame_serial;
  reset_collection (self);
  if (!p->valid || self->document == NULL)
    return;

  collect_clusters (self);
  collect_singles (self);
  shapes = sitmap_shape_table_get_shapes (self->shapes, &n_shapes);
  for (guint i = 0; i < self->visible_paths->len; i++)
    collect_shape (self, &shapes[g_array_index (self->visible_paths, guint32, i)]);
  collect_selection (self);
  g_array_sort (self->shape_instances, compare_shape_instances);
  if (sitmap_view_state_get_selected (self->view_state) >= 0)
    self->selected_shape = find_shape_instance (self, sitmap_view_state_get_selected (self->view_state));
  self->shown = TRUE;
  self->shown_frame_serial = self->frame_serial;
}

/*
 * What is drawn
 */

static gboolean
shapes_contain (SitmapEventLayer *self, guint *cursor, guint32 position)
{
  const SitmapShapeInstance *instances = (const SitmapShapeInstance *) (gconstpointer) self->shape_instances->data;

  while (*cursor < self->shape_instances->len && instances[*cursor].shape->position < position)
    (*cursor)++;
  return *cursor < self->shape_instances->len && instances[*cursor].shape->position == position;
}

/* Whether a visible event is drawn: its cluster's symbol or its own is in view (by the same test as
 * when they were collected). */
static gboolean
is_drawn (SitmapEventLayer *self, const guint8 *cluster_in_view, guint32 position)
{
  const SitmapClusterGrid *grid = sitmap_cluster_index_get_grid (self->index);
  gint64 column, row, cell;
  const guint32 *singles;
  guint n_singles;
  gint cluster;
  double points[MAX_COPIES][2], x, y, margin;

  if (self->points[position].x == SITMAP_CLUSTER_NO_POINT)
    return FALSE;
  sitmap_cluster_grid_cell (grid, self->points[position], &column, &row);
  cell = sitmap_cluster_index_window_cell (self->index, column, row);
  if (cell < 0)
    return FALSE;
  cluster = sitmap_cluster_index_get_cell (self->index, cell, &singles, &n_singles);
  if (cluster >= 0)
    return cluster_in_view[cluster];
  if (!_sitmap_event_layer_get_world_point (self, position, &x, &y))
    return FALSE;
  margin = sitmap_symbol_get_extent (SITMAP_SYMBOL_STYLE_SELECTED) / 2 *
           symbol_sizes[_sitmap_event_layer_size_for (self, position)];
  return widget_copies (&self->projection, x, y, margin, points, 1) > 0;
}

/*
 * Private API
 */

SitmapDocument *
_sitmap_event_layer_ensure_document (SitmapEventLayer *self)
{
  SitmapDocument *document = sitmap_view_state_get_document (self->view_state);

  if (document == self->document &&
      (document == NULL || sitmap_document_get_events_serial (document) == self->events_serial))
    return document;
  /* An edit of events in place: only the events added are new, and those an undo took away gone */
  if (document != NULL && document == self->document && sitmap_document_get_store (document) == self->store)
    {
      guint before = MIN (self->n_points, sitmap_document_get_n_events (document));

      self->events_serial = sitmap_document_get_events_serial (document);
      sitmap_shape_table_update (self->shapes, document, self->n_points);
      prepare_points (self, before);
      extend_extent (self, before);
      self->serial++;
      reset_collection (self);
      return document;
    }
  _sitmap_event_layer_clear_document (self);
  if (document == NULL)
    return NULL;
  self->document = g_object_ref (document);
  self->events_serial = sitmap_document_get_events_serial (document);
  self->store = sitmap_document_get_store (document);
  self->shapes = sitmap_shape_table_new (document);
  prepare_points (self, 0);
  prepare_extent (self);
  self->serial++;
  return document;
}

void
_sitmap_event_layer_clear_document (SitmapEventLayer *self)
{
  g_clear_pointer (&self->shapes, sitmap_shape_table_free);
  g_clear_object (&self->document);
  g_clear_pointer (&self->points, g_free);
  self->n_points = 0;
  self->has_extent = FALSE;
  g_array_set_size (self->path_shapes, 0);
  g_array_set_size (self->visible_paths, 0);
  self->serial++;
  reset_collection (self);
}

void
_sitmap_event_layer_init_collection (SitmapEventLayer *self)
{
  self->index = sitmap_cluster_index_new ();
  self->path_shapes = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->visible_paths = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->cluster_instances = g_array_new (FALSE, FALSE, sizeof (SitmapClusterInstance));
  self->symbols = g_array_new (FALSE, FALSE, sizeof (SitmapSymbolInstance));
  self->shape_instances = g_array_new (FALSE, FALSE, sizeof (SitmapShapeInstance));
  self->drawn = g_array_new (FALSE, FALSE, sizeof (guint32));
  sitmap_shape_outline_init (&self->outline);
  self->selected_symbol = -1;
  self->selected_shape = -1;
  self->binned_level = -1;
}

void
_sitmap_event_layer_finalize_collection (SitmapEventLayer *self)
{
  sitmap_cluster_index_free (self->index);
  g_free (self->points);
  g_array_unref (self->path_shapes);
  g_array_unref (self->visible_paths);
  g_array_unref (self->cluster_instances);
  g_array_unref (self->symbols);
  g_array_unref (self->shape_instances);
  g_array_unref (self->drawn);
  sitmap_shape_outline_clear (&self->outline);
}

gboolean
_sitmap_event_layer_ensure_collected (SitmapEventLayer *self)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  SitmapMapProjection p = { 0 };

  sitmap_map_projection_init (&p, viewport, GTK_WIDGET (self));
  _sitmap_event_layer_ensure_document (self);
  if (p.valid && self->document != NULL)
    {
      guint builds = self->n_builds;

      self->zoom = shumate_viewport_get_zoom_level (viewport);
      ensure_bins (self, &p, self->zoom);
      /* Rebinning renumbers the clusters: what was collected from them goes. */
      if (builds != self->n_builds)
        self->collected = FALSE;
    }
  if (!self->collected || self->collected_serial != self->serial + self->frame_serial ||
      !projection_equal (&p, &self->projection))
    collect (self, &p);
  return p.valid && self->document != NULL;
}

gboolean
_sitmap_event_layer_ensure_shown (SitmapEventLayer *self)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  SitmapDocument *document = sitmap_view_state_get_document (self->view_state);
  SitmapMapProjection p = { 0 };
  double zoom;

  sitmap_map_projection_init (&p, viewport, GTK_WIDGET (self));
  if (!p.valid || document == NULL || document != self->document ||
      sitmap_document_get_events_serial (document) != self->events_serial)
    return _sitmap_event_layer_ensure_collected (self);
  if (self->shown && self->shown_frame_serial == self->frame_serial && projection_equal (&p, &self->projection))
    return TRUE;
  /* The view moved without a frame between: what is in view, from the same bins. */
  zoom = shumate_viewport_get_zoom_level (viewport);
  if (!bins_cover (self, &p, zoom))
    return _sitmap_event_layer_ensure_collected (self);
  self->zoom = zoom;
  collect (self, &p);
  return TRUE;
}

gboolean
_sitmap_event_layer_get_world_point (SitmapEventLayer *self, guint position, double *x, double *y)
{
  const SitmapEventColumns *columns;

  if (self->document == NULL || position >= self->n_points || self->points[position].x == SITMAP_CLUSTER_NO_POINT)
    return FALSE;
  columns = sitmap_document_get_columns (self->document);
  if (columns->flags[position] & SITMAP_EVENT_FLAG_PLACED)
    {
      *x = columns->x[position];
      *y = columns->y[position];
    }
  else
    {
      const SitmapShape *shape = sitmap_shape_table_lookup (self->shapes, position);

      *x = shape->x;
      *y = shape->y;
    }
  return TRUE;
}

guint
_sitmap_event_layer_size_for (SitmapEventLayer *self, guint position)
{
  double scale;
  guint size = 0;

  if (!self->size_by_fatalities)
    return 0;
  scale = sitmap_cluster_symbol_scale (sitmap_document_get_columns (self->document)->fatalities[position]);
  while (size + 2 < SITMAP_SYMBOL_N_SIZES && symbol_sizes[size + 1] <= scale + 0.05)
    size++;
  return size;
}

double
_sitmap_event_layer_size_scale (guint size)
{
  g_return_val_if_fail (size < SITMAP_SYMBOL_N_SIZES, 1);
  return symbol_sizes[size];
}

const guint32 *
_sitmap_event_layer_compute_drawn (SitmapEventLayer *self, guint *n_drawn)
{
  g_autofree guint8 *cluster_in_view = NULL;
  const guint32 *visible;
  guint n_visible, n_clusters, cursor = 0;

  if (!self->drawn_valid)
    {
      g_array_set_size (self->drawn, 0);
      if (self->collected && self->projection.valid && self->document != NULL &&
          sitmap_cluster_index_is_built (self->index))
        {
          sitmap_cluster_index_get_clusters (self->index, &n_clusters);
          cluster_in_view = g_new0 (guint8, MAX (n_clusters, 1));
          for (guint i = 0; i < self->cluster_instances->len; i++)
            cluster_in_view[g_array_index (self->cluster_instances, SitmapClusterInstance, i).cluster] = TRUE;
          visible = sitmap_view_state_get_visible (self->view_state, &n_visible);
          for (guint i = 0; i < n_visible; i++)
            if (shapes_contain (self, &cursor, visible[i]) || is_drawn (self, cluster_in_view, visible[i]) ||
                (self->selected_symbol >= 0 && (gint) visible[i] == sitmap_view_state_get_selected (self->view_state)))
              g_array_append_val (self->drawn, visible[i]);
        }
      self->drawn_valid = TRUE;
    }
  *n_drawn = self->drawn->len;
  return (const guint32 *) (gconstpointer) self->drawn->data;
}

void
_sitmap_event_layer_cell_range (SitmapEventLayer *self, double margin, gint64 *column0, gint64 *row0,
                                gint64 *column1, gint64 *row1)
{
  const SitmapClusterGrid *grid = sitmap_cluster_index_get_grid (self->index);
  SitmapMapProjection p = self->projection;
  gint64 range[4];

  p.reach_x += margin;
  p.reach_y += margin;
  view_cells (&p, grid, 0, range);
  *column0 = range[0];
  *row0 = MAX (range[1], 0);
  *column1 = range[2];
  *row1 = MIN (range[3], (gint64) grid->cells_across - 1);
}

typedef struct
{
  const SitmapMapProjection *projection;
  double                     offset;
} OutlineProjection;

static void
outline_project_cb (double x, double y, double *wx, double *wy, gpointer user_data)
{
  const OutlineProjection *o = user_data;
  const SitmapMapProjection *p = o->projection;

  sitmap_map_projection_map_to_widget (p, x * p->map_size - p->center_x + o->offset, y * p->map_size - p->center_y,
                                       wx, wy);
}

const SitmapShapeOutline *
_sitmap_event_layer_project_outline (SitmapEventLayer *self, const SitmapShapeInstance *instance)
{
  OutlineProjection o = { &self->projection, instance->offset };

  /* Vertices closer than half a pixel add nothing but work when zoomed out. */
  sitmap_shape_outline_project (&self->outline, self->shapes, instance->shape->path, outline_project_cb, &o, 0.5);
  return &self->outline;
}

void
_sitmap_event_layer_widget_to_world (SitmapEventLayer *self, double x, double y, double *wx, double *wy)
{
  const SitmapMapProjection *p = &self->projection;
  double dx = x - p->width / 2, dy = y - p->height / 2, u = dx, v = dy;

  if (p->rotated)
    {
      u = p->cos_r * dx + p->sin_r * dy;
      v = -p->sin_r * dx + p->cos_r * dy;
    }
  *wx = (u + p->center_x) / p->map_size;
  *wx -= floor (*wx);
  *wy = (v + p->center_y) / p->map_size;
}
