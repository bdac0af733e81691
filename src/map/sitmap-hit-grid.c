/* sitmap-hit-grid.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-hit-grid"

#include "config.h"

#include <math.h>
#include <string.h>

#include "sitmap-hit-grid.h"

/* Larger than any hit radius, so that a query looks at no more than 3 × 3 cells. */
#define CELL_SIZE 16.0
/* Points a little outside the widget still have a symbol that reaches into it. */
#define BORDER_CELLS 1

struct _SitmapHitGrid
{
  const guint8 *points;
  gsize         stride;
  guint         n_points;
  int           columns;
  int           rows;
  guint32      *cell_start; /* columns × rows + 1 */
  guint         cell_capacity;
  guint32      *items;      /* point indices, grouped by cell, ascending within a cell */
  guint         item_capacity;
};

static inline const float *
point_at (SitmapHitGrid *self, guint i)
{
  return (const float *) (gconstpointer) (self->points + i * self->stride);
}

/* The cell of a widget point, or -1 if it is beyond the border cells. */
static inline int
cell_of (SitmapHitGrid *self, double x, double y)
{
  int column = (int) floor (x / CELL_SIZE) + BORDER_CELLS;
  int row = (int) floor (y / CELL_SIZE) + BORDER_CELLS;

  if (column < 0 || row < 0 || column >= self->columns || row >= self->rows)
    return -1;
  return row * self->columns + column;
}

SitmapHitGrid *
sitmap_hit_grid_new (void)
{
  return g_new0 (SitmapHitGrid, 1);
}

void
sitmap_hit_grid_free (SitmapHitGrid *self)
{
  if (self == NULL)
    return;
  g_free (self->cell_start);
  g_free (self->items);
  g_free (self);
}

static void
reserve (SitmapHitGrid *self, guint n_cells, guint n_points)
{
  if (n_cells + 1 > self->cell_capacity)
    {
      self->cell_capacity = n_cells + 1;
      self->cell_start = g_renew (guint32, self->cell_start, self->cell_capacity);
    }
  if (n_points > self->item_capacity)
    {
      self->item_capacity = MAX (n_points, self->item_capacity * 2);
      self->items = g_renew (guint32, self->items, self->item_capacity);
    }
}

void
sitmap_hit_grid_build (SitmapHitGrid *self, gconstpointer points, gsize stride, guint n, double width,
                       double height)
{
  guint n_cells;

  self->points = points;
  self->stride = stride;
  self->n_points = n;
  self->columns = (int) ceil (MAX (width, 1) / CELL_SIZE) + 2 * BORDER_CELLS;
  self->rows = (int) ceil (MAX (height, 1) / CELL_SIZE) + 2 * BORDER_CELLS;
  n_cells = self->columns * self->rows;
  reserve (self, n_cells, n);

  /* A counting sort: count per cell, turn counts into starts, then place. */
  memset (self->cell_start, 0, (n_cells + 1) * sizeof (guint32));
  for (guint i = 0; i < n; i++)
    {
      const float *p = point_at (self, i);
      int cell = isnan (p[0]) ? -1 : cell_of (self, p[0], p[1]);

      if (cell >= 0)
        self->cell_start[cell + 1]++;
    }
  for (guint c = 0; c < n_cells; c++)
    self->cell_start[c + 1] += self->cell_start[c];
  for (guint i = 0; i < n; i++)
    {
      const float *p = point_at (self, i);
      int cell = isnan (p[0]) ? -1 : cell_of (self, p[0], p[1]);

      /* cell_start[cell] is used as the fill cursor and ends up as the next cell's start... */
      if (cell >= 0)
        self->items[self->cell_start[cell]++] = i;
    }
  /* ...so shift the starts back by one cell. */
  for (guint c = n_cells; c > 0; c--)
    self->cell_start[c] = self->cell_start[c - 1];
  self->cell_start[0] = 0;
}

gint
sitmap_hit_grid_nearest (SitmapHitGrid *self, double x, double y, double radius, double *distance_sq)
{
  double best_d = radius * radius;
  gint best = -1;

  g_return_val_if_fail (radius <= CELL_SIZE, -1);

  for (int dy = -1; dy <= 1; dy++)
    for (int dx = -1; dx <= 1; dx++)
      {
        int cell = cell_of (self, x + dx * CELL_SIZE, y + dy * CELL_SIZE);

        if (cell < 0)
          continue;
        for (guint32 k = self->cell_start[cell]; k < self->cell_start[cell + 1]; k++)
          {
            guint32 i = self->items[k];
            const float *p = point_at (self, i);
            double d = (p[0] - x) * (p[0] - x) + (p[1] - y) * (p[1] - y);

            if (d < best_d || (d == best_d && (gint) i > best))
              {
                best_d = d;
                best = i;
              }
          }
      }
  if (distance_sq != NULL)
    *distance_sq = best_d;
  return best;
}
