/* sitmap-cluster-index.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-cluster-index"

#include "config.h"

#include <math.h>
#include <string.h>

#include "sitmap-cluster-index.h"

/* Passes that merge clusters still overlapping after the first merge, which moved their centres. */
#define MAX_REPAIR_PASSES 4

#define FIXED_ONE 4294967296.0

/* What the binning pass gathers per cell: all it touches per event, in one record. */
typedef struct
{
  guint32 count;
  guint32 singles[SITMAP_CLUSTER_MAX_SINGLES]; /* the first events, in ascending position */
  guint64 sum_x;
  guint64 sum_y;
  guint32 categories[SITMAP_N_CATEGORIES];
} Bin;

typedef enum
{
  KIND_EMPTY,
  KIND_SPREAD, /* few events, none overlapping another: single events */
  KIND_DENSE,  /* a cluster */
} CellKind;

/* A group of cells merged into one, aggregated at its root cell. */
typedef struct
{
  guint32 count;
  guint32 n_cells;
  double  sum_x; /* fixed point, unwrapped around the root's column */
  double  sum_y;
  double  x;     /* the mean, in pixels of the grid's level */
  double  y;
  double  radius;
} Group;

/* Cells in the order they absorb their neighbours: the heavier first, then by place in the world. */
typedef struct
{
  guint32 count;
  guint32 cell;
  guint64 key;
} Rank;

/* A symbol as the merging sees it: a disc in pixels of the grid's level. */
typedef struct
{
  double x;
  double y;
  double r;
} Disc;

struct _SitmapClusterIndex
{
  SitmapClusterGrid   grid;
  SitmapClusterWindow window;
  SitmapClusterInput  input;
  gboolean            built;
  guint               n_binned;

  /* Per window cell, kept from build to build */
  guint     cell_capacity;
  Bin      *bins;
  guint8   *kind;
  guint32  *parent;     /* union-find over cells: the root is the group's representative */
  gint32   *cluster_of; /* index into clusters, or -1 */
  Group    *groups;     /* valid at roots */
  GArray   *ranked;     /* Rank, the non-empty cells, in merging order */
  GArray   *clusters;   /* SitmapCluster */

  /* The events of each cell, sorted by cell: made when first asked for. */
  gboolean  members_valid;
  guint32  *member_start; /* per cell, and one more */
  guint32  *members;
  guint     member_capacity;
};

/*
 * Geometry
 */

static inline guint
n_cells (SitmapClusterIndex *self)
{
  return self->window.width * self->window.height;
}

static inline double
pixels_per_unit (SitmapClusterIndex *self)
{
  return self->grid.world_pixels / FIXED_ONE;
}

/* The world column of a window column. */
static inline gint64
world_column (SitmapClusterIndex *self, guint32 local)
{
  return (self->window.x0 + local) % self->grid.cells_across;
}

static guint64
cell_key (SitmapClusterIndex *self, guint cell)
{
  guint32 local_x = cell % self->window.width, local_y = cell / self->window.width;

  return (guint64) (self->window.y0 + local_y) * self->grid.cells_across + world_column (self, local_x);
}

/* Differences along x are taken the short way round the world. */
static inline double
wrap_dx (SitmapClusterIndex *self, double dx)
{
  double world = self->grid.world_pixels;

  if (dx > world / 2)
    return dx - world;
  if (dx < -world / 2)
    return dx + world;
  return dx;
}

static inline gboolean
discs_overlap (SitmapClusterIndex *self, const Disc *a, const Disc *b)
{
  double dx = wrap_dx (self, a->x - b->x), dy = a->y - b->y, reach = a->r + b->r + SITMAP_CLUSTER_GAP;

  return dx * dx + dy * dy < reach * reach;
}

static double
single_reach (SitmapClusterIndex *self, guint32 position)
{
  if (self->input.fatalities == NULL)
    return SITMAP_CLUSTER_SINGLE_REACH;
  return SITMAP_CLUSTER_SINGLE_REACH * sitmap_cluster_symbol_scale (self->input.fatalities[position]);
}

static Disc
single_disc (SitmapClusterIndex *self, guint32 position)
{
  SitmapClusterPoint p = self->input.points[position];
  double scale = pixels_per_unit (self);

  return (Disc) { p.x * scale, p.y * scale, single_reach (self, position) };
}

/*
 * Binning: the one pass over every event
 */

/* The arrays with one entry a cell */
static void
free_cells (SitmapClusterIndex *self)
{
  g_clear_pointer (&self->bins, g_free);
  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->parent, g_free);
  g_clear_pointer (&self->cluster_of, g_free);
  g_clear_pointer (&self->groups, g_free);
  g_clear_pointer (&self->member_start, g_free);
}

static void
reserve_cells (SitmapClusterIndex *self, guint n)
{
  n = MAX (n, 1);
  if (n <= self->cell_capacity)
    return;
  self->cell_capacity = MAX (n, 2 * self->cell_capacity);
  free_cells (self);
  self->bins = g_new (Bin, self->cell_capacity);
  self->kind = g_new (guint8, self->cell_capacity);
  self->parent = g_new (guint32, self->cell_capacity);
  self->cluster_of = g_new (gint32, self->cell_capacity);
  self->groups = g_new (Group, self->cell_capacity);
  self->member_start = g_new (guint32, self->cell_capacity + 1);
}

/* The window cell of a point, or -1. The same arithmetic as the binning loop. */
static inline gint64
point_cell (SitmapClusterIndex *self, SitmapClusterPoint p)
{
  guint64 across = self->grid.cells_across;
  gint64 column, row;

  if (p.x == SITMAP_CLUSTER_NO_POINT)
    return -1;
  column = (gint64) (((guint64) p.x * across) >> 32) - self->window.x0;
  row = (gint64) (((guint64) p.y * across) >> 32) - self->window.y0;
  if (column < 0)
    column += across;
  if ((guint64) column >= self->window.width || (guint64) row >= self->window.height)
    return -1;
  return row * self->window.width + column;
}

/* One event into its cell's record: a multiply per axis, and additions. No allocation, no hashing, no
 * branch that the data can make unpredictable but the rare small cell. */
static inline void
bin_event (Bin *bins, const guint8 *category, guint64 across, gint64 x0, gint64 y0, guint64 width, guint64 height,
           guint32 position, SitmapClusterPoint p, guint *n_binned)
{
  gint64 column, row;
  Bin *bin;

  if (G_UNLIKELY (p.x == SITMAP_CLUSTER_NO_POINT))
    return;
  column = (gint64) (((guint64) p.x * across) >> 32) - x0;
  row = (gint64) (((guint64) p.y * across) >> 32) - y0;
  if (column < 0)
    column += across;
  if ((guint64) column >= width || (guint64) row >= height)
    return;
  bin = &bins[row * width + column];
  if (G_UNLIKELY (bin->count < SITMAP_CLUSTER_MAX_SINGLES))
    bin->singles[bin->count] = position;
  bin->count++;
  bin->sum_x += p.x;
  bin->sum_y += p.y;
  bin->categories[MIN (category[position], SITMAP_N_CATEGORIES - 1)]++;
  (*n_binned)++;
}

/* The one pass over every event. */
static void
bin_events (SitmapClusterIndex *self)
{
  const SitmapClusterPoint *points = self->input.points;
  const guint8 *category = self->input.category;
  const guint32 *positions = self->input.positions;
  guint64 across = self->grid.cells_across, width = self->window.width, height = self->window.height;
  gint64 x0 = self->window.x0, y0 = self->window.y0;
  guint n = self->input.n_positions, n_binned = 0;

  /* Ascending and without repeats, from 0 to n - 1: every position in order, read straight through. */
  if (n > 0 && positions[0] == 0 && positions[n - 1] == n - 1)
    for (guint i = 0; i < n; i++)
      bin_event (self->bins, category, across, x0, y0, width, height, i, points[i], &n_binned);
  else
    for (guint i = 0; i < n; i++)
      bin_event (self->bins, category, across, x0, y0, width, height, positions[i], points[positions[i]], &n_binned);
  self->n_binned = n_binned;
}

/*
 * What each cell is
 */

/* Few events that would not overlap on screen stay single: a cluster there would hide them for
 * nothing. */
static gboolean
is_spread (SitmapClusterIndex *self, const Bin *bin)
{
  if (bin->count > SITMAP_CLUSTER_MAX_SINGLES)
    return FALSE;
  for (guint i = 0; i < bin->count; i++)
    for (guint j = i + 1; j < bin->count; j++)
      {
        Disc a = single_disc (self, bin->singles[i]), b = single_disc (self, bin->singles[j]);

        if (discs_overlap (self, &a, &b))
          return FALSE;
      }
  return TRUE;
}

static int
compare_rank (gconstpointer a, gconstpointer b)
{
  const Rank *x = a, *y = b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return x->key < y->key ? -1 : x->key > y->key;
}

static void
classify_cells (SitmapClusterIndex *self)
{
  guint n = n_cells (self);

  g_array_set_size (self->ranked, 0);
  for (guint c = 0; c < n; c++)
    {
      const Bin *bin = &self->bins[c];

      self->parent[c] = c;
      self->cluster_of[c] = -1;
      if (bin->count == 0)
        {
          self->kind[c] = KIND_EMPTY;
          continue;
        }
      self->kind[c] = is_spread (self, bin) ? KIND_SPREAD : KIND_DENSE;
      g_array_append_val (self->ranked, ((Rank) { bin->count, c, cell_key (self, c) }));
    }
  g_array_sort (self->ranked, compare_rank);
}

/*
 * Groups of cells
 */

static guint32
find_root (SitmapClusterIndex *self, guint32 cell)
{
  guint32 root = cell;

  while (self->parent[root] != root)
    root = self->parent[root];
  while (self->parent[cell] != root)
    {
      guint32 next = self->parent[cell];

      self->parent[cell] = root;
      cell = next;
    }
  return root;
}

static gboolean
is_cluster_root (SitmapClusterIndex *self, guint32 root)
{
  return self->kind[root] == KIND_DENSE || self->groups[root].n_cells > 1;
}

/* Sums each group at its root, unwrapping x around the root's column, and places its disc. */
static void
aggregate_groups (SitmapClusterIndex *self)
{
  double scale = pixels_per_unit (self);

  for (guint i = 0; i < self->ranked->len; i++)
    {
      guint32 cell = g_array_index (self->ranked, Rank, i).cell;

      self->groups[cell] = (Group) { 0 };
    }
  for (guint i = 0; i < self->ranked->len; i++)
    {
      guint32 cell = g_array_index (self->ranked, Rank, i).cell, root = find_root (self, cell);
      const Bin *bin = &self->bins[cell];
      Group *group = &self->groups[root];
      double shift = 0;
      gint64 dc = world_column (self, cell % self->window.width) - world_column (self, root % self->window.width);

      if (dc > (gint64) self->grid.cells_across / 2)
        shift = -FIXED_ONE;
      else if (dc < -(gint64) self->grid.cells_across / 2)
        shift = FIXED_ONE;
      group->count += bin->count;
      group->n_cells++;
      group->sum_x += (double) bin->sum_x + shift * bin->count;
      group->sum_y += (double) bin->sum_y;
    }
  for (guint i = 0; i < self->ranked->len; i++)
    {
      guint32 cell = g_array_index (self->ranked, Rank, i).cell;
      Group *group = &self->groups[cell];

      if (self->parent[cell] != cell)
        continue;
      group->x = group->sum_x / group->count * scale;
      group->y = group->sum_y / group->count * scale;
      group->radius = sitmap_cluster_radius (group->count);
    }
}

/* The symbols a cell's events are drawn as: alone (own is TRUE), or as its group stands. */
static guint
cell_discs (SitmapClusterIndex *self, guint32 cell, gboolean own, Disc discs[SITMAP_CLUSTER_MAX_SINGLES])
{
  const Bin *bin = &self->bins[cell];
  double scale = pixels_per_unit (self);
  guint32 root;

  if (own && self->kind[cell] == KIND_DENSE)
    {
      discs[0] = (Disc) { (double) bin->sum_x / bin->count * scale, (double) bin->sum_y / bin->count * scale,
                          sitmap_cluster_radius (bin->count) };
      return 1;
    }
  root = own ? cell : find_root (self, cell);
  if (!own && is_cluster_root (self, root))
    {
      discs[0] = (Disc) { self->groups[root].x, self->groups[root].y, self->groups[root].radius };
      return 1;
    }
  for (guint i = 0; i < bin->count; i++)
    discs[i] = single_disc (self, bin->singles[i]);
  return bin->count;
}

static gboolean
cells_conflict (SitmapClusterIndex *self, guint32 a, guint32 b, gboolean own)
{
  Disc da[SITMAP_CLUSTER_MAX_SINGLES], db[SITMAP_CLUSTER_MAX_SINGLES];
  guint na, nb;

  if (!own && find_root (self, a) == find_root (self, b))
    return FALSE;
  na = cell_discs (self, a, own, da);
  nb = cell_discs (self, b, own, db);
  for (guint i = 0; i < na; i++)
    for (guint j = 0; j < nb; j++)
      if (discs_overlap (self, &da[i], &db[j]))
        return TRUE;
  return FALSE;
}

/* The window cell next to cell by (dx, dy), or -1. Around the world when the window spans it. */
static gint64
neighbour (SitmapClusterIndex *self, guint32 cell, int dx, int dy)
{
  gint64 x = (gint64) (cell % self->window.width) + dx, y = (gint64) (cell / self->window.width) + dy;

  if (self->window.width == self->grid.cells_across)
    x = (x + self->window.width) % self->window.width;
  if (x < 0 || y < 0 || x >= self->window.width || y >= self->window.height)
    return -1;
  return y * self->window.width + x;
}

/* Whether group a ranks before group b: the heavier, then the first in the world. */
static gboolean
ranks_before (SitmapClusterIndex *self, guint32 a, guint32 b)
{
  if (self->groups[a].count != self->groups[b].count)
    return self->groups[a].count > self->groups[b].count;
  return cell_key (self, a) < cell_key (self, b);
}

/* Heaviest first, each cell takes in the neighbours its symbols would overlap that nobody took yet,
 * judged by the cells' own symbols, so that the order of the neighbours does not matter. A cell that
 * took or was taken is never taken again: no chains across the map. */
static void
absorb_neighbours (SitmapClusterIndex *self)
{
  for (guint i = 0; i < self->ranked->len; i++)
    {
      guint32 cell = g_array_index (self->ranked, Rank, i).cell;

      if (self->parent[cell] != cell)
        continue;
      for (int dy = -1; dy <= 1; dy++)
        for (int dx = -1; dx <= 1; dx++)
          {
            gint64 other = neighbour (self, cell, dx, dy);

            if (other < 0 || other == cell || self->kind[other] == KIND_EMPTY || self->parent[other] != other ||
                self->groups[other].n_cells > 1 || !cells_conflict (self, cell, other, TRUE))
              continue;
            self->parent[other] = cell;
            self->groups[cell].n_cells++;
          }
    }
}

/* Merging moved some centres: groups that now overlap a neighbour are merged too, the lighter into the
 * heavier. TRUE if any was. */
static gboolean
repair_pass (SitmapClusterIndex *self)
{
  static const int forward[][2] = { { 1, 0 }, { -1, 1 }, { 0, 1 }, { 1, 1 } };
  gboolean merged = FALSE;

  for (guint i = 0; i < self->ranked->len; i++)
    {
      guint32 cell = g_array_index (self->ranked, Rank, i).cell;

      for (guint k = 0; k < G_N_ELEMENTS (forward); k++)
        {
          gint64 other = neighbour (self, cell, forward[k][0], forward[k][1]);
          guint32 a, b;

          if (other < 0 || self->kind[other] == KIND_EMPTY || !cells_conflict (self, cell, other, FALSE))
            continue;
          a = find_root (self, cell);
          b = find_root (self, other);
          if (!ranks_before (self, a, b))
            {
              guint32 t = a;

              a = b;
              b = t;
            }
          self->parent[b] = a;
          self->groups[a].count += self->groups[b].count;
          self->groups[a].n_cells += self->groups[b].n_cells;
          merged = TRUE;
        }
    }
  return merged;
}

static guint8
dominant_category (const guint32 *counts)
{
  guint8 best = 0;

  for (guint k = 1; k < SITMAP_N_CATEGORIES; k++)
    if (counts[k] > counts[best])
      best = k;
  return best;
}

static void
make_clusters (SitmapClusterIndex *self)
{
  g_array_set_size (self->clusters, 0);
  for (guint i = 0; i < self->ranked->len; i++)
    {
      guint32 cell = g_array_index (self->ranked, Rank, i).cell;
      const Group *group = &self->groups[cell];
      SitmapCluster cluster = { 0 };
      double x;

      if (self->parent[cell] != cell || !is_cluster_root (self, cell))
        continue;
      x = fmod (group->sum_x / group->count, FIXED_ONE);
      cluster.x = (x < 0 ? x + FIXED_ONE : x) / FIXED_ONE;
      cluster.y = group->sum_y / group->count / FIXED_ONE;
      cluster.n_events = group->count;
      cluster.root = cell;
      cluster.key = cell_key (self, cell);
      cluster.radius = group->radius;
      self->cluster_of[cell] = self->clusters->len;
      g_array_append_val (self->clusters, cluster);
    }
  /* Every cell of a cluster points to it, and its categories add up there. */
  for (guint i = 0; i < self->ranked->len; i++)
    {
      guint32 cell = g_array_index (self->ranked, Rank, i).cell, root = find_root (self, cell);
      gint32 index = self->cluster_of[root];
      SitmapCluster *cluster;

      if (index < 0)
        continue;
      self->cluster_of[cell] = index;
      cluster = &g_array_index (self->clusters, SitmapCluster, index);
      for (guint k = 0; k < SITMAP_N_CATEGORIES; k++)
        cluster->category_counts[k] += self->bins[cell].categories[k];
    }
  for (guint i = 0; i < self->clusters->len; i++)
    {
      SitmapCluster *cluster = &g_array_index (self->clusters, SitmapCluster, i);

      cluster->dominant = dominant_category (cluster->category_counts);
    }
}

/*
 * Members
 */

static void
ensure_members (SitmapClusterIndex *self)
{
  guint n = n_cells (self);
  guint32 *cursor;

  if (self->members_valid)
    return;
  if (self->members == NULL || self->n_binned > self->member_capacity)
    {
      g_free (self->members);
      self->member_capacity = MAX (MAX (self->n_binned, 1), self->member_capacity + self->member_capacity / 2);
      self->members = g_new (guint32, self->member_capacity);
    }
  self->member_start[0] = 0;
  for (guint c = 0; c < n; c++)
    self->member_start[c + 1] = self->member_start[c] + self->bins[c].count;
  /* The groups' sums are no longer needed: their memory serves as the cursors. */
  cursor = (guint32 *) (gpointer) self->groups;
  G_STATIC_ASSERT (sizeof (Group) >= sizeof (guint32));
  memcpy (cursor, self->member_start, n * sizeof (guint32));
  for (guint i = 0; i < self->input.n_positions; i++)
    {
      guint32 position = self->input.positions[i];
      gint64 cell = point_cell (self, self->input.points[position]);

      if (cell >= 0)
        self->members[cursor[cell]++] = position;
    }
  self->members_valid = TRUE;
}

static int
compare_guint32 (gconstpointer a, gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

/*
 * Public API
 */

void
sitmap_cluster_grid_init (SitmapClusterGrid *grid, double world_pixels, double cell_pixels)
{
  g_return_if_fail (world_pixels > 0 && cell_pixels > 0);

  grid->world_pixels = world_pixels;
  grid->cells_across = (guint32) CLAMP (round (world_pixels / cell_pixels), 1, 1u << 30);
  grid->cell_pixels = world_pixels / grid->cells_across;
}

SitmapClusterIndex *
sitmap_cluster_index_new (void)
{
  SitmapClusterIndex *self = g_new0 (SitmapClusterIndex, 1);

  self->ranked = g_array_new (FALSE, FALSE, sizeof (Rank));
  self->clusters = g_array_new (FALSE, FALSE, sizeof (SitmapCluster));
  return self;
}

void
sitmap_cluster_index_free (SitmapClusterIndex *self)
{
  if (self == NULL)
    return;
  free_cells (self);
  g_free (self->members);
  g_array_unref (self->ranked);
  g_array_unref (self->clusters);
  g_free (self);
}

void
sitmap_cluster_index_build (SitmapClusterIndex        *self,
                            const SitmapClusterGrid   *grid,
                            const SitmapClusterWindow *window,
                            const SitmapClusterInput  *input)
{
  g_return_if_fail (self != NULL && grid != NULL && window != NULL && input != NULL);
  g_return_if_fail (window->width <= grid->cells_across && window->x0 >= 0 &&
                    window->x0 < (gint64) grid->cells_across);
  g_return_if_fail ((guint64) window->width * window->height <= SITMAP_CLUSTER_MAX_CELLS);
  g_return_if_fail (input->n_positions == 0 || (input->points != NULL && input->category != NULL &&
                                                input->positions != NULL));

  self->grid = *grid;
  self->window = *window;
  self->input = *input;
  self->members_valid = FALSE;
  reserve_cells (self, n_cells (self));
  memset (self->bins, 0, n_cells (self) * sizeof (Bin));

  bin_events (self);
  classify_cells (self);
  for (guint i = 0; i < self->ranked->len; i++)
    self->groups[g_array_index (self->ranked, Rank, i).cell].n_cells = 1;
  absorb_neighbours (self);
  aggregate_groups (self);
  for (guint pass = 0; pass < MAX_REPAIR_PASSES && repair_pass (self); pass++)
    aggregate_groups (self);
  make_clusters (self);
  self->built = TRUE;
}

gboolean
sitmap_cluster_index_is_built (SitmapClusterIndex *self)
{
  return self->built;
}

const SitmapClusterGrid *
sitmap_cluster_index_get_grid (SitmapClusterIndex *self)
{
  return &self->grid;
}

const SitmapClusterWindow *
sitmap_cluster_index_get_window (SitmapClusterIndex *self)
{
  return &self->window;
}

guint
sitmap_cluster_index_get_n_binned (SitmapClusterIndex *self)
{
  return self->n_binned;
}

const SitmapCluster *
sitmap_cluster_index_get_clusters (SitmapClusterIndex *self, guint *n_clusters)
{
  *n_clusters = self->clusters->len;
  return (const SitmapCluster *) (gconstpointer) self->clusters->data;
}

gint64
sitmap_cluster_index_window_cell (SitmapClusterIndex *self, gint64 column, gint64 row)
{
  gint64 across = self->grid.cells_across, x;

  if (!self->built)
    return -1;
  x = ((column % across) + across) % across - self->window.x0;
  if (x < 0)
    x += across;
  row -= self->window.y0;
  if (x >= self->window.width || row < 0 || row >= self->window.height)
    return -1;
  return row * self->window.width + x;
}

gint
sitmap_cluster_index_get_cell (SitmapClusterIndex *self, guint cell, const guint32 **singles, guint *n_singles)
{
  g_return_val_if_fail (self->built && cell < n_cells (self), -1);

  *singles = self->bins[cell].singles;
  *n_singles = 0;
  if (self->cluster_of[cell] >= 0)
    return self->cluster_of[cell];
  *n_singles = self->bins[cell].count;
  return -1;
}

const guint32 *
sitmap_cluster_index_get_cell_members (SitmapClusterIndex *self, guint cell, guint *n_members)
{
  g_return_val_if_fail (self->built && cell < n_cells (self), NULL);

  ensure_members (self);
  *n_members = self->member_start[cell + 1] - self->member_start[cell];
  return self->members + self->member_start[cell];
}

void
sitmap_cluster_index_get_members (SitmapClusterIndex *self, guint cluster, GArray *out)
{
  guint n = n_cells (self), first = out->len, n_cells_of = 0;

  g_return_if_fail (self->built && cluster < self->clusters->len);

  ensure_members (self);
  for (guint c = 0; c < n; c++)
    if (self->cluster_of[c] == (gint32) cluster)
      {
        g_array_append_vals (out, &self->members[self->member_start[c]],
                             self->member_start[c + 1] - self->member_start[c]);
        n_cells_of++;
      }
  /* Each cell's events are ascending already. */
  if (n_cells_of > 1)
    qsort (&g_array_index (out, guint32, first), out->len - first, sizeof (guint32), compare_guint32);
}

void
sitmap_cluster_index_get_extent (SitmapClusterIndex *self, guint cluster, double *x0, double *y0, double *x1,
                                 double *y1)
{
  g_autoptr (GArray) members = g_array_new (FALSE, FALSE, sizeof (guint32));
  const SitmapCluster *c;
  double ux0 = INFINITY, ux1 = -INFINITY, uy0 = INFINITY, uy1 = -INFINITY;

  g_return_if_fail (self->built && cluster < self->clusters->len);

  c = &g_array_index (self->clusters, SitmapCluster, cluster);
  sitmap_cluster_index_get_members (self, cluster, members);
  for (guint i = 0; i < members->len; i++)
    {
      SitmapClusterPoint p = self->input.points[g_array_index (members, guint32, i)];
      /* x relative to the cluster's centre, the short way round the world */
      double dx = sitmap_cluster_point_to_world (p.x) - c->x, y = sitmap_cluster_point_to_world (p.y);

      dx -= round (dx);
      ux0 = MIN (ux0, dx);
      ux1 = MAX (ux1, dx);
      uy0 = MIN (uy0, y);
      uy1 = MAX (uy1, y);
    }
  *x0 = c->x + ux0;
  *x1 = c->x + ux1;
  *y0 = uy0;
  *y1 = uy1;
}

gsize
sitmap_cluster_index_get_memory_size (SitmapClusterIndex *self)
{
  gsize per_cell = sizeof (Bin) + sizeof (guint8) + 2 * sizeof (guint32) + sizeof (gint32) + sizeof (Group);

  return self->cell_capacity * per_cell + self->member_capacity * sizeof (guint32) +
         self->ranked->len * sizeof (Rank) + self->clusters->len * sizeof (SitmapCluster);
}

double
sitmap_cluster_radius (guint n_events)
{
  return CLAMP (SITMAP_CLUSTER_MIN_RADIUS + 2.25 * log10 (MAX (n_events, 1)), SITMAP_CLUSTER_MIN_RADIUS,
                SITMAP_CLUSTER_MAX_RADIUS);
}

double
sitmap_cluster_symbol_scale (gint32 fatalities)
{
  if (fatalities <= 0)
    return 1;
  return sqrt (MIN (1 + log10 (1.0 + fatalities), 4.0));
}
