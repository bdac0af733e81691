/* sitmap-event-layer-collect.c: which events, shapes and symbols are in view, once per view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-event-layer"

#include "config.h"

#include <math.h>

#include "sitmap-event-layer-private.h"

/* Pixels a shape's stroke reaches beyond its path. */
#define SHAPE_PAD 4.0
/* However far out the map is zoomed, a vague place stays clearly bigger than a point. */
#define MIN_VAGUE_RADIUS (3 * SITMAP_SYMBOL_RADIUS)

/*
 * Auxiliary methods
 */

static gboolean
projection_equal (const SitmapMapProjection *a, const SitmapMapProjection *b)
{
  return a->valid == b->valid && a->width == b->width && a->height == b->height && a->map_size == b->map_size &&
         a->center_x == b->center_x && a->center_y == b->center_y && a->cos_r == b->cos_r && a->sin_r == b->sin_r;
}

/*
 * Shapes
 */

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

static gboolean
collect_shape (SitmapEventLayer *self, const SitmapMapProjection *p, const SitmapShape *shape, gint selected)
{
  SitmapShapeInstance instance = { .shape = shape };
  gboolean in_view;
  double wx = NAN, wy = NAN;

  if (shape->kind == SITMAP_SHAPE_AREA || shape->kind == SITMAP_SHAPE_LINE)
    in_view = collect_path_shape (p, &instance);
  else
    in_view = collect_ring_shape (p, &instance);
  if (!in_view)
    return FALSE;
  if (isfinite (shape->x))
    sitmap_map_projection_map_to_widget (p, shape->x * p->map_size - p->center_x + instance.offset,
                                         shape->y * p->map_size - p->center_y, &wx, &wy);
  instance.x = wx;
  instance.y = wy;
  if ((gint) shape->position == selected)
    self->selected_shape = self->shape_instances->len;
  g_array_append_val (self->shape_instances, instance);
  return TRUE;
}

/*
 * Symbols
 */

/* Zoomed out beyond one world, the tiles repeat and so do the symbols. */
static gboolean
collect_wrapped_symbol (SitmapEventLayer *self, const SitmapMapProjection *p, double margin, double u, double v,
                        SitmapSymbolInstance *symbol)
{
  gboolean seen = FALSE;

  if (!(v >= -p->reach_y - margin && v <= p->reach_y + margin))
    return FALSE;
  while (u - p->map_size >= -p->reach_x - margin)
    u -= p->map_size;
  for (; u <= p->reach_x + margin; u += p->map_size)
    {
      double wx, wy;

      if (u < -p->reach_x - margin)
        continue;
      sitmap_map_projection_map_to_widget (p, u, v, &wx, &wy);
      symbol->x = wx;
      symbol->y = wy;
      g_array_append_vals (self->symbols, symbol, 1);
      seen = TRUE;
    }
  return seen;
}

static void
reset_collection (SitmapEventLayer *self)
{
  g_array_set_size (self->drawn, 0);
  g_array_set_size (self->symbols, 0);
  g_array_set_size (self->shape_instances, 0);
  self->selected_symbol = -1;
  self->selected_shape = -1;
  self->hit_grid_valid = FALSE;
}

/* Symbols are stacked by date, the latest on top. But a renderer draws a run of identical textures in
 * one batch and switches batches at every other texture, and GTK's GL renderer takes no more than 32767
 * batches in a frame (it aborts beyond; only its atlas of small textures spares the symbols today). So
 * in a dense view the date-ordered symbols are cut into chunks of consecutive dates, each sorted by
 * symbol, for at most this many runs. A chunk's symbols lie scattered over the view and rarely overlap:
 * the stacking stays that of dates, fair to every category. */
#define MAX_SYMBOL_RUNS 8192

/* Within a chunk, firmer reports go above doubtful ones. */
static inline guint
chunk_rank (guint16 key)
{
  return (SITMAP_SYMBOL_N_STYLES - 1 - key % SITMAP_SYMBOL_N_STYLES) * SITMAP_N_CATEGORIES +
         key / SITMAP_SYMBOL_N_STYLES;
}

/* A stable counting sort of in[from, to) into out[from, to). */
static void
sort_chunk (const SitmapSymbolInstance *in, SitmapSymbolInstance *out, guint from, guint to, gint *selected)
{
  guint starts[SITMAP_SYMBOL_N_KEYS + 1] = { 0 };
  gint moved = -1;

  for (guint i = from; i < to; i++)
    starts[chunk_rank (in[i].key) + 1]++;
  starts[0] = from;
  for (guint k = 0; k < SITMAP_SYMBOL_N_KEYS; k++)
    starts[k + 1] += starts[k];
  for (guint i = from; i < to; i++)
    {
      guint j = starts[chunk_rank (in[i].key)]++;

      out[j] = in[i];
      if ((gint) i == *selected)
        moved = j;
    }
  if (moved >= 0)
    *selected = moved;
}

static void
sort_symbols (SitmapEventLayer *self)
{
  const SitmapSymbolInstance *in = (const SitmapSymbolInstance *) (gconstpointer) self->symbols->data;
  gboolean present[SITMAP_SYMBOL_N_KEYS] = { FALSE };
  guint n = self->symbols->len, n_keys = 0, chunk;
  gint selected = self->selected_symbol;
  GArray *sorted;

  for (guint i = 0; i < n; i++)
    if (!present[in[i].key])
      {
        present[in[i].key] = TRUE;
        n_keys++;
      }
  if (n_keys == 0 || n <= MAX_SYMBOL_RUNS / n_keys)
    return;
  chunk = (n + MAX_SYMBOL_RUNS / n_keys - 1) / (MAX_SYMBOL_RUNS / n_keys);

  g_array_set_size (self->scratch, n);
  for (guint from = 0; from < n; from += chunk)
    sort_chunk (in, (SitmapSymbolInstance *) (gpointer) self->scratch->data, from, MIN (from + chunk, n),
                &selected);
  self->selected_symbol = selected;
  sorted = self->scratch;
  self->scratch = self->symbols;
  self->symbols = sorted;
}

/*
 * Collecting
 */

/* One pass over the visible set, in position order: the per-event cost is a multiply-add and two
 * comparisons, and nothing is allocated (the arrays keep their memory from frame to frame). */
static void
collect (SitmapEventLayer *self, const SitmapMapProjection *p)
{
  double margin = sitmap_symbol_get_extent (SITMAP_SYMBOL_STYLE_SELECTED) / 2;
  double ms = p->map_size, cx = p->center_x, cy = p->center_y, half = ms / 2;
  double lim_x = p->reach_x + margin, lim_y = p->reach_y + margin;
  const SitmapEventColumns *columns;
  const SitmapShape *shapes;
  const guint32 *visible;
  SitmapSymbolInstance *symbols;
  guint32 *drawn;
  guint n_visible, n_shapes, s = 0, n_drawn = 0, n_symbols = 0;
  gboolean wraps;
  gint selected;

  self->projection = *p;
  self->collected = TRUE;
  self->collected_serial = self->serial;
  reset_collection (self);
  if (!p->valid || _sitmap_event_layer_ensure_shapes (self) == NULL)
    return;

  columns = sitmap_document_get_columns (self->document);
  shapes = sitmap_shape_table_get_shapes (self->shapes, &n_shapes);
  visible = sitmap_view_state_get_visible (self->view_state, &n_visible);
  selected = sitmap_view_state_get_selected (self->view_state);
  wraps = sitmap_map_projection_wraps (p, margin);

  g_array_set_size (self->drawn, n_visible);
  g_array_set_size (self->symbols, n_visible);
  drawn = (guint32 *) (gpointer) self->drawn->data;
  symbols = (SitmapSymbolInstance *) (gpointer) self->symbols->data;
  for (guint i = 0; i < n_visible; i++)
    {
      guint32 position = visible[i];
      double x = columns->x[position], y = columns->y[position], u, v, wx, wy;
      gboolean seen = FALSE;
      SitmapSymbolInstance symbol;

      while (s < n_shapes && shapes[s].position < position)
        s++;
      if (s < n_shapes && shapes[s].position == position)
        {
          seen = collect_shape (self, p, &shapes[s], selected);
          if (!(columns->flags[position] & SITMAP_EVENT_FLAG_PLACED))
            {
              x = shapes[s].x;
              y = shapes[s].y;
            }
        }

      /* Written so that the NAN of an unplaced event fails the test. */
      u = x * ms - cx;
      u = u > half ? u - ms : (u < -half ? u + ms : u);
      v = y * ms - cy;
      symbol.position = position;
      symbol.key = columns->category[position] * SITMAP_SYMBOL_N_STYLES +
                   sitmap_symbol_style_for_event (columns, position);
      if (G_UNLIKELY (wraps))
        {
          if (!isnan (u))
            {
              g_array_set_size (self->symbols, n_symbols);
              if (collect_wrapped_symbol (self, p, margin, u, v, &symbol))
                {
                  if ((gint) position == selected)
                    self->selected_symbol = n_symbols;
                  seen = TRUE;
                }
              n_symbols = self->symbols->len;
            }
        }
      else if (u >= -lim_x && u <= lim_x && v >= -lim_y && v <= lim_y)
        {
          sitmap_map_projection_map_to_widget (p, u, v, &wx, &wy);
          symbol.x = wx;
          symbol.y = wy;
          if ((gint) position == selected)
            self->selected_symbol = n_symbols;
          symbols[n_symbols++] = symbol;
          seen = TRUE;
        }
      if (seen)
        drawn[n_drawn++] = position;
    }
  g_array_set_size (self->drawn, n_drawn);
  g_array_set_size (self->symbols, n_symbols);
  sort_symbols (self);
}

/*
 * Private API
 */

void
_sitmap_event_layer_init_collection (SitmapEventLayer *self)
{
  self->drawn = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->symbols = g_array_new (FALSE, FALSE, sizeof (SitmapSymbolInstance));
  self->scratch = g_array_new (FALSE, FALSE, sizeof (SitmapSymbolInstance));
  self->shape_instances = g_array_new (FALSE, FALSE, sizeof (SitmapShapeInstance));
  self->hit_grid = sitmap_hit_grid_new ();
  self->selected_symbol = -1;
  self->selected_shape = -1;
}

void
_sitmap_event_layer_finalize_collection (SitmapEventLayer *self)
{
  g_array_unref (self->drawn);
  g_array_unref (self->symbols);
  g_array_unref (self->scratch);
  g_array_unref (self->shape_instances);
  sitmap_hit_grid_free (self->hit_grid);
}

gboolean
_sitmap_event_layer_ensure_collected (SitmapEventLayer *self)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  SitmapMapProjection p = { 0 };

  sitmap_map_projection_init (&p, viewport, GTK_WIDGET (self));
  if (!self->collected || self->collected_serial != self->serial || !projection_equal (&p, &self->projection))
    collect (self, &p);
  return p.valid && self->document != NULL;
}

