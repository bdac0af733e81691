/* sitmap-event-layer-keys.c: moving the selection with the arrow keys, from event to event on screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-event-layer"

#include "config.h"

#include <math.h>

#include "sitmap-event-layer-private.h"

/* Events at most this far off the direction of the arrow are candidates (75°), and being off it costs
 * this many times its offset: straight ahead and a little further beats close but to the side. */
#define MIN_ALONG    0.26
#define SIDE_PENALTY 2.5
/* Closer than this, two events are at one point: the arrows step through them by position. */
#define SAME_POINT   0.5

typedef struct
{
  double x;  /* where the search starts, in widget coordinates */
  double y;
  int    dx; /* the direction; (0, 0) for the nearest in any */
  int    dy;
  gint   from;       /* the event it starts from, or -1 */
  gint   best;
  double best_score;
  gint   same;       /* the next event at the start's own point, in the direction's order */
} Search;

/* How far a candidate is in the search's terms, or INFINITY if it is not in the direction. */
static double
score (const Search *search, double x, double y)
{
  double vx = x - search->x, vy = y - search->y, d = hypot (vx, vy), along, side;

  if (search->dx == 0 && search->dy == 0)
    return d;
  along = vx * search->dx + vy * search->dy;
  side = fabs (vx * search->dy - vy * search->dx);
  if (along < MIN_ALONG * d || d < SAME_POINT)
    return INFINITY;
  return along + SIDE_PENALTY * side;
}

/* Right and down step to the next position at the same point, left and up to the previous one. */
static void
consider_same_point (Search *search, guint32 position)
{
  gboolean forward = search->dx + search->dy > 0;

  if (search->from < 0 || (gint) position == search->from)
    return;
  if (forward && (gint) position > search->from && (search->same < 0 || (gint) position < search->same))
    search->same = position;
  if (!forward && (gint) position < search->from && (search->same < 0 || (gint) position > search->same))
    search->same = position;
}

static void
consider_cell (SitmapEventLayer *self, Search *search, guint cell)
{
  const SitmapMapProjection *p = &self->projection;
  guint n;
  const guint32 *members = sitmap_cluster_index_get_cell_members (self->index, cell, &n);

  for (guint i = 0; i < n; i++)
    {
      SitmapClusterPoint point = self->points[members[i]];
      double x, y, s;

      sitmap_map_projection_to_widget (p, sitmap_cluster_point_to_world (point.x),
                                       sitmap_cluster_point_to_world (point.y), &x, &y);
      /* Only what is on screen: the keyboard goes where the eyes are. */
      if (x < 0 || y < 0 || x > p->width || y > p->height || (gint) members[i] == search->from)
        continue;
      if (search->dx != 0 || search->dy != 0)
        if (hypot (x - search->x, y - search->y) < SAME_POINT)
          consider_same_point (search, members[i]);
      s = score (search, x, y);
      if (s < search->best_score || (s == search->best_score && search->best >= 0 && (gint) members[i] < search->best))
        {
          search->best_score = s;
          search->best = members[i];
        }
    }
}

/* Rings of cells outward from the start, until no cell further out can hold a better candidate (the
 * score is never less than the distance) or the rings have left the view. */
static void
search_cells (SitmapEventLayer *self, Search *search)
{
  const SitmapClusterGrid *grid = sitmap_cluster_index_get_grid (self->index);
  const SitmapMapProjection *p = &self->projection;
  double cell_on_screen = grid->cell_pixels * p->map_size / grid->world_pixels, wx, wy;
  gint64 column, row, limit = (gint64) ceil (hypot (p->width, p->height) / cell_on_screen) + 2;

  _sitmap_event_layer_widget_to_world (self, search->x, search->y, &wx, &wy);
  sitmap_cluster_grid_cell (grid, sitmap_cluster_point_from_world (wx, CLAMP (wy, 0, 1)), &column, &row);
  for (gint64 d = 0; d <= limit; d++)
    {
      if (search->same >= 0 || (d > 1 && (d - 1) * cell_on_screen > search->best_score))
        break;
      for (gint64 r = row - d; r <= row + d; r++)
        for (gint64 c = column - d; c <= column + d; c++)
          {
            gint64 cell;

            /* Only the ring's own cells: the inner ones were seen. */
            if (MAX (ABS (r - row), ABS (c - column)) != d)
              continue;
            cell = sitmap_cluster_index_window_cell (self->index, c, r);
            if (cell >= 0)
              consider_cell (self, search, cell);
          }
    }
}

static gboolean
selection_on_screen (SitmapEventLayer *self, gint selected, double *x, double *y)
{
  double wx, wy;

  if (selected < 0 || !sitmap_view_state_is_visible (self->view_state, selected) ||
      !_sitmap_event_layer_get_world_point (self, selected, &wx, &wy))
    return FALSE;
  sitmap_map_projection_to_widget (&self->projection, wx, wy, x, y);
  return *x >= 0 && *y >= 0 && *x <= self->projection.width && *y <= self->projection.height;
}

gboolean
_sitmap_event_layer_move_selection (SitmapEventLayer *self, int dx, int dy)
{
  gint selected = sitmap_view_state_get_selected (self->view_state);
  Search search = { .dx = dx, .dy = dy, .from = -1, .best = -1, .best_score = INFINITY, .same = -1 };

  if (!_sitmap_event_layer_ensure_collected (self) || !sitmap_cluster_index_is_built (self->index))
    return FALSE;
  if (selection_on_screen (self, selected, &search.x, &search.y))
    search.from = selected;
  else
    {
      /* From nothing (or from off screen), any arrow picks the event nearest the middle. */
      search.x = self->projection.width / 2;
      search.y = self->projection.height / 2;
      search.dx = search.dy = 0;
    }
  search_cells (self, &search);
  if (search.same >= 0)
    search.best = search.same;
  if (search.best < 0)
    return FALSE;
  _sitmap_event_layer_select (self, search.best);
  return TRUE;
}
