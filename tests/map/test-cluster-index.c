/* test-cluster-index.c: the clustering's arithmetic, checked against brute force
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-cluster-index"

#include "config.h"

#include <math.h>
#include <string.h>

#include "sitmap-cluster-index.h"

#define CELL 44.0

/*
 * Helpers
 */

typedef struct
{
  GArray *points;    /* SitmapClusterPoint */
  GArray *category;  /* guint8 */
  GArray *fatalities; /* gint32 */
  GArray *positions; /* guint32 */
} Events;

static Events *
events_new (void)
{
  Events *e = g_new0 (Events, 1);

  e->points = g_array_new (FALSE, FALSE, sizeof (SitmapClusterPoint));
  e->category = g_array_new (FALSE, FALSE, sizeof (guint8));
  e->fatalities = g_array_new (FALSE, FALSE, sizeof (gint32));
  e->positions = g_array_new (FALSE, FALSE, sizeof (guint32));
  return e;
}

static void
events_free (Events *e)
{
  g_array_unref (e->points);
  g_array_unref (e->category);
  g_array_unref (e->fatalities);
  g_array_unref (e->positions);
  g_free (e);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Events, events_free)

/* Adds an event at world (x, y), normalised; every event is binned unless listed is FALSE. */
static guint
add_full (Events *e, double x, double y, guint8 category, gint32 fatalities, gboolean listed)
{
  SitmapClusterPoint p = sitmap_cluster_point_from_world (x, y);
  guint32 position = e->points->len;

  g_array_append_val (e->points, p);
  g_array_append_val (e->category, category);
  g_array_append_val (e->fatalities, fatalities);
  if (listed)
    g_array_append_val (e->positions, position);
  return position;
}

static guint
add (Events *e, double x, double y, guint8 category)
{
  return add_full (e, x, y, category, 0, TRUE);
}

static SitmapClusterInput
input_of (Events *e, gboolean by_fatalities)
{
  return (SitmapClusterInput) {
    (const SitmapClusterPoint *) (gconstpointer) e->points->data,
    (const guint8 *) e->category->data,
    by_fatalities ? (const gint32 *) (gconstpointer) e->fatalities->data : NULL,
    (const guint32 *) (gconstpointer) e->positions->data,
    e->positions->len,
  };
}

/* A window over every cell of the grid that holds an event, and one more around. */
static SitmapClusterWindow
window_around (Events *e, const SitmapClusterGrid *grid)
{
  gint64 x0 = G_MAXINT64, y0 = G_MAXINT64, x1 = G_MININT64, y1 = G_MININT64;
  SitmapClusterWindow window;

  for (guint i = 0; i < e->points->len; i++)
    {
      SitmapClusterPoint p = g_array_index (e->points, SitmapClusterPoint, i);
      gint64 column, row;

      if (p.x == SITMAP_CLUSTER_NO_POINT)
        continue;
      sitmap_cluster_grid_cell (grid, p, &column, &row);
      x0 = MIN (x0, column);
      y0 = MIN (y0, row);
      x1 = MAX (x1, column);
      y1 = MAX (y1, row);
    }
  x0 = MAX (x0 - 1, 0);
  y0 = MAX (y0 - 1, 0);
  x1 = MIN (x1 + 1, (gint64) grid->cells_across - 1);
  y1 = MIN (y1 + 1, (gint64) grid->cells_across - 1);
  window.x0 = x0;
  window.y0 = y0;
  window.width = x1 - x0 + 1;
  window.height = y1 - y0 + 1;
  return window;
}

static void
build (SitmapClusterIndex *index, Events *e, double world_pixels, gboolean by_fatalities)
{
  SitmapClusterGrid grid;
  SitmapClusterWindow window;
  SitmapClusterInput input = input_of (e, by_fatalities);

  sitmap_cluster_grid_init (&grid, world_pixels, CELL);
  window = window_around (e, &grid);
  sitmap_cluster_index_build (index, &grid, &window, &input);
}

static double
world_pixels (double zoom)
{
  return 256 * exp2 (zoom);
}

/* Longitude and latitude to normalised Web Mercator. */
static void
mercator (double latitude, double longitude, double *x, double *y)
{
  double phi = latitude * G_PI / 180;

  *x = (longitude + 180) / 360;
  *y = (1 - log (tan (phi) + 1 / cos (phi)) / G_PI) / 2;
}

/* Events around towns and spread thinly between them, some at the very same point. */
static Events *
random_events (guint n, guint32 seed)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  Events *e = events_new ();

  for (guint i = 0; i < n; i++)
    {
      double latitude, longitude, x, y, roll = g_rand_double (rand);

      if (roll < 0.5)
        {
          /* One of eight towns, within a few kilometres. */
          guint town = g_rand_int_range (rand, 0, 8);

          latitude = 33 + 0.5 * town + g_rand_double_range (rand, -0.05, 0.05);
          longitude = 36 + 0.6 * town + g_rand_double_range (rand, -0.05, 0.05);
        }
      else if (roll < 0.55)
        {
          latitude = 34.8853;
          longitude = 38.8711;
        }
      else
        {
          latitude = g_rand_double_range (rand, 32.3, 37.3);
          longitude = g_rand_double_range (rand, 35.7, 42.0);
        }
      mercator (latitude, longitude, &x, &y);
      add_full (e, x, y, g_rand_int_range (rand, 0, SITMAP_N_CATEGORIES), g_rand_int_range (rand, -1, 300),
                g_rand_double (rand) < 0.9);
    }
  /* Events with no place are never binned. */
  add (e, NAN, NAN, 0);
  return e;
}

typedef struct
{
  double x;
  double y;
  double r;
} Disc;

/* Every symbol the index asks to draw, in pixels at its grid's level: clusters and single events. */
static GArray *
drawn_discs (SitmapClusterIndex *index, Events *e, gboolean by_fatalities)
{
  const SitmapClusterGrid *grid = sitmap_cluster_index_get_grid (index);
  const SitmapClusterWindow *window = sitmap_cluster_index_get_window (index);
  GArray *discs = g_array_new (FALSE, FALSE, sizeof (Disc));
  const SitmapCluster *clusters;
  guint n_clusters;

  clusters = sitmap_cluster_index_get_clusters (index, &n_clusters);
  for (guint i = 0; i < n_clusters; i++)
    {
      Disc d = { clusters[i].x * grid->world_pixels, clusters[i].y * grid->world_pixels, clusters[i].radius };

      g_array_append_val (discs, d);
    }
  for (guint c = 0; c < window->width * window->height; c++)
    {
      const guint32 *singles;
      guint n;

      if (sitmap_cluster_index_get_cell (index, c, &singles, &n) >= 0)
        continue;
      for (guint i = 0; i < n; i++)
        {
          SitmapClusterPoint p = g_array_index (e->points, SitmapClusterPoint, singles[i]);
          double scale = by_fatalities ? sitmap_cluster_symbol_scale (g_array_index (e->fatalities, gint32, singles[i]))
                                       : 1;
          Disc d = { sitmap_cluster_point_to_world (p.x) * grid->world_pixels,
                     sitmap_cluster_point_to_world (p.y) * grid->world_pixels, SITMAP_CLUSTER_SINGLE_REACH * scale };

          g_array_append_val (discs, d);
        }
    }
  return discs;
}

/* Each binned event is in exactly one cluster or is one single event, and nothing else is. Returns how
 * many events were accounted for. */
static guint
check_partition (SitmapClusterIndex *index, Events *e)
{
  const SitmapClusterWindow *window = sitmap_cluster_index_get_window (index);
  g_autofree guint8 *seen = g_new0 (guint8, e->points->len);
  g_autoptr (GArray) members = g_array_new (FALSE, FALSE, sizeof (guint32));
  const SitmapCluster *clusters;
  guint n_clusters, total = 0;

  clusters = sitmap_cluster_index_get_clusters (index, &n_clusters);
  for (guint i = 0; i < n_clusters; i++)
    {
      g_array_set_size (members, 0);
      sitmap_cluster_index_get_members (index, i, members);
      g_assert_cmpuint (members->len, ==, clusters[i].n_events);
      g_assert_cmpuint (clusters[i].n_events, >=, 2);
      for (guint k = 0; k < members->len; k++)
        {
          guint32 p = g_array_index (members, guint32, k);

          if (k > 0)
            g_assert_cmpuint (p, >, g_array_index (members, guint32, k - 1));
          g_assert_false (seen[p]);
          seen[p] = TRUE;
        }
      total += members->len;
    }
  for (guint c = 0; c < window->width * window->height; c++)
    {
      const guint32 *singles;
      guint n;

      if (sitmap_cluster_index_get_cell (index, c, &singles, &n) >= 0)
        continue;
      g_assert_cmpuint (n, <=, SITMAP_CLUSTER_MAX_SINGLES);
      for (guint i = 0; i < n; i++)
        {
          g_assert_false (seen[singles[i]]);
          seen[singles[i]] = TRUE;
        }
      total += n;
    }
  g_assert_cmpuint (total, ==, sitmap_cluster_index_get_n_binned (index));
  return total;
}

/*
 * Tests
 */

/* A window of width × height cells around a point, as the layer takes around its view. */
static SitmapClusterWindow
window_at (const SitmapClusterGrid *grid, double x, double y, guint32 width, guint32 height)
{
  gint64 column, row;

  sitmap_cluster_grid_cell (grid, sitmap_cluster_point_from_world (x, y), &column, &row);
  return (SitmapClusterWindow) { column - width / 2, row - height / 2, width, height };
}

/* The events of positions inside window, by brute force in floating point. */
static guint
count_inside (Events *e, const SitmapClusterGrid *grid, const SitmapClusterWindow *window)
{
  guint inside = 0;

  for (guint i = 0; i < e->positions->len; i++)
    {
      SitmapClusterPoint p = g_array_index (e->points, SitmapClusterPoint, g_array_index (e->positions, guint32, i));
      double column = floor (sitmap_cluster_point_to_world (p.x) * grid->cells_across);
      double row = floor (sitmap_cluster_point_to_world (p.y) * grid->cells_across);

      if (p.x != SITMAP_CLUSTER_NO_POINT && column >= window->x0 && column < window->x0 + window->width &&
          row >= window->y0 && row < window->y0 + window->height)
        inside++;
    }
  return inside;
}

/* At every half zoom level, the clusters and single events hold every event in the window once: all of
 * them while a window over all fits, else those in a window around a town. */
static void
test_counts (void)
{
  g_autoptr (Events) e = random_events (4000, 1);
  g_autoptr (SitmapClusterIndex) index = sitmap_cluster_index_new ();
  guint placed = e->positions->len - 1;
  double x, y;

  mercator (34.8853, 38.8711, &x, &y);
  for (double zoom = 0; zoom <= 20; zoom += 0.5)
    {
      SitmapClusterGrid grid;
      SitmapClusterWindow window;
      SitmapClusterInput input = input_of (e, FALSE);
      guint expected = placed;

      sitmap_cluster_grid_init (&grid, world_pixels (zoom), CELL);
      window = window_around (e, &grid);
      if ((guint64) window.width * window.height > 200000)
        {
          window = window_at (&grid, x, y, 80, 60);
          expected = count_inside (e, &grid, &window);
        }
      sitmap_cluster_index_build (index, &grid, &window, &input);
      g_assert_cmpuint (check_partition (index, e), ==, expected);
      g_assert_cmpuint (expected, >, 0);
    }
}

/* A window that leaves some events out counts exactly those inside, by brute force. */
static void
test_window_counts (void)
{
  g_autoptr (Events) e = random_events (3000, 2);
  g_autoptr (SitmapClusterIndex) index = sitmap_cluster_index_new ();
  SitmapClusterGrid grid;
  SitmapClusterWindow window;
  SitmapClusterInput input = input_of (e, FALSE);
  guint inside;

  sitmap_cluster_grid_init (&grid, world_pixels (8), CELL);
  window = window_around (e, &grid);
  window.x0 += window.width / 3;
  window.width /= 3;
  window.y0 += window.height / 4;
  window.height /= 2;
  inside = count_inside (e, &grid, &window);
  sitmap_cluster_index_build (index, &grid, &window, &input);
  g_assert_cmpuint (inside, >, 100);
  g_assert_cmpuint (inside, <, e->positions->len - 100);
  g_assert_cmpuint (check_partition (index, e), ==, inside);
}

/* The binning, cell by cell, against a hash table of the cells computed in floating point. */
static void
test_brute_force_bins (void)
{
  g_autoptr (Events) e = random_events (5000, 3);
  g_autoptr (SitmapClusterIndex) index = sitmap_cluster_index_new ();
  g_autoptr (GHashTable) naive = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                        (GDestroyNotify) g_array_unref);
  const SitmapClusterGrid *grid;
  GHashTableIter iter;
  gpointer key, value;

  build (index, e, world_pixels (9), FALSE);
  grid = sitmap_cluster_index_get_grid (index);
  for (guint i = 0; i < e->positions->len; i++)
    {
      guint32 position = g_array_index (e->positions, guint32, i);
      SitmapClusterPoint p = g_array_index (e->points, SitmapClusterPoint, position);
      gint64 cell;
      GArray *list;

      if (p.x == SITMAP_CLUSTER_NO_POINT)
        continue;
      cell = (gint64) floor (sitmap_cluster_point_to_world (p.y) * grid->cells_across) * grid->cells_across +
             (gint64) floor (sitmap_cluster_point_to_world (p.x) * grid->cells_across);
      list = g_hash_table_lookup (naive, &cell);
      if (list == NULL)
        {
          list = g_array_new (FALSE, FALSE, sizeof (guint32));
          g_hash_table_insert (naive, g_memdup2 (&cell, sizeof cell), list);
        }
      g_array_append_val (list, position);
    }
  g_hash_table_iter_init (&iter, naive);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 world = *(gint64 *) key, cell;
      GArray *expected = value;
      const guint32 *members;
      guint n;

      cell = sitmap_cluster_index_window_cell (index, world % grid->cells_across, world / grid->cells_across);
      g_assert_cmpint (cell, >=, 0);
      members = sitmap_cluster_index_get_cell_members (index, cell, &n);
      g_assert_cmpuint (n, ==, expected->len);
      g_assert_cmpmem (members, n * sizeof (guint32), expected->data, expected->len * sizeof (guint32));
    }
}

/* Each cluster against its own members: count, mean, categories, dominant, extent. */
static void
test_brute_force_clusters (void)
{
  g_autoptr (Events) e = random_events (5000, 4);
  g_autoptr (SitmapClusterIndex) index = sitmap_cluster_index_new ();
  g_autoptr (GArray) members = g_array_new (FALSE, FALSE, sizeof (guint32));
  const SitmapCluster *clusters;
  guint n_clusters;

  for (double zoom = 5; zoom <= 12; zoom += 1.5)
    {
      build (index, e, world_pixels (zoom), FALSE);
      clusters = sitmap_cluster_index_get_clusters (index, &n_clusters);
      g_assert_cmpuint (n_clusters, >, 0);
      for (guint i = 0; i < n_clusters; i++)
        {
          guint counts[SITMAP_N_CATEGORIES] = { 0 }, dominant = 0;
          double sx = 0, sy = 0, x0, y0, x1, y1, mx = INFINITY, my = INFINITY, Mx = -INFINITY, My = -INFINITY;

          g_array_set_size (members, 0);
          sitmap_cluster_index_get_members (index, i, members);
          for (guint k = 0; k < members->len; k++)
            {
              guint32 p = g_array_index (members, guint32, k);
              SitmapClusterPoint point = g_array_index (e->points, SitmapClusterPoint, p);
              double x = sitmap_cluster_point_to_world (point.x), y = sitmap_cluster_point_to_world (point.y);

              sx += x;
              sy += y;
              mx = MIN (mx, x);
              my = MIN (my, y);
              Mx = MAX (Mx, x);
              My = MAX (My, y);
              counts[g_array_index (e->category, guint8, p)]++;
            }
          for (guint k = 1; k < SITMAP_N_CATEGORIES; k++)
            if (counts[k] > counts[dominant])
              dominant = k;
          g_assert_cmpfloat_with_epsilon (clusters[i].x, sx / members->len, 1e-9);
          g_assert_cmpfloat_with_epsilon (clusters[i].y, sy / members->len, 1e-9);
          g_assert_cmpmem (clusters[i].category_counts, sizeof counts, counts, sizeof counts);
          g_assert_cmpuint (clusters[i].dominant, ==, dominant);
          g_assert_cmpfloat_with_epsilon (clusters[i].radius, sitmap_cluster_radius (members->len), 1e-5);

          /* The extent holds every event, and no more than that. */
          sitmap_cluster_index_get_extent (index, i, &x0, &y0, &x1, &y1);
          g_assert_cmpfloat_with_epsilon (x0, mx, 1e-12);
          g_assert_cmpfloat_with_epsilon (y0, my, 1e-12);
          g_assert_cmpfloat_with_epsilon (x1, Mx, 1e-12);
          g_assert_cmpfloat_with_epsilon (y1, My, 1e-12);
          g_assert_cmpfloat (x0, <=, clusters[i].x);
          g_assert_cmpfloat (clusters[i].x, <=, x1);
        }
    }
}

static gboolean
clusters_equal (const SitmapCluster *a, const SitmapCluster *b)
{
  return a->key == b->key && a->n_events == b->n_events && a->x == b->x && a->y == b->y &&
         a->dominant == b->dominant && memcmp (a->category_counts, b->category_counts, sizeof a->category_counts) == 0;
}

/* The same events give the same clusters, also in a window moved with the view, away from its edges. */
static void
test_deterministic (void)
{
  g_autoptr (Events) e = random_events (6000, 5);
  g_autoptr (SitmapClusterIndex) a = sitmap_cluster_index_new ();
  g_autoptr (SitmapClusterIndex) b = sitmap_cluster_index_new ();
  SitmapClusterGrid grid;
  SitmapClusterWindow window, moved;
  SitmapClusterInput input = input_of (e, FALSE);
  const SitmapCluster *ca, *cb;
  guint na, nb, compared = 0;

  build (a, e, world_pixels (8), FALSE);
  build (b, e, world_pixels (8), FALSE);
  ca = sitmap_cluster_index_get_clusters (a, &na);
  cb = sitmap_cluster_index_get_clusters (b, &nb);
  g_assert_cmpuint (na, ==, nb);
  for (guint i = 0; i < na; i++)
    g_assert_true (clusters_equal (&ca[i], &cb[i]));

  /* The map panned by a third of the window: clusters well inside both windows are the same. */
  sitmap_cluster_grid_init (&grid, world_pixels (8), CELL);
  window = window_around (e, &grid);
  moved = window;
  moved.x0 += window.width / 3;
  sitmap_cluster_index_build (b, &grid, &moved, &input);
  cb = sitmap_cluster_index_get_clusters (b, &nb);
  for (guint i = 0; i < na; i++)
    {
      gint64 column = ca[i].key % grid.cells_across, row = ca[i].key / grid.cells_across;

      if (column < moved.x0 + 4 || column >= window.x0 + window.width - 4 || row < window.y0 + 4 ||
          row >= window.y0 + window.height - 4)
        continue;
      for (guint j = 0; j < nb; j++)
        if (cb[j].key == ca[i].key)
          {
            g_assert_true (clusters_equal (&ca[i], &cb[j]));
            compared++;
          }
    }
  g_assert_cmpuint (compared, >, 10);
}

/* Nothing the index asks to draw overlaps: neighbours whose symbols would touch were merged. */
static void
check_no_overlap (SitmapClusterIndex *index, Events *e, gboolean by_fatalities)
{
  g_autoptr (GArray) discs = drawn_discs (index, e, by_fatalities);
  const Disc *d = (const Disc *) (gconstpointer) discs->data;

  for (guint i = 0; i < discs->len; i++)
    for (guint j = i + 1; j < discs->len; j++)
      {
        double dx = d[i].x - d[j].x, dy = d[i].y - d[j].y;
        double reach = d[i].r + d[j].r + SITMAP_CLUSTER_GAP;

        if (dx * dx + dy * dy < reach * reach - 1e-6)
          g_error ("symbols at (%.1f, %.1f) r %.1f and (%.1f, %.1f) r %.1f overlap", d[i].x, d[i].y, d[i].r, d[j].x,
                   d[j].y, d[j].r);
      }
}

static void
test_no_overlap (void)
{
  g_autoptr (Events) e = random_events (2500, 6);
  g_autoptr (SitmapClusterIndex) index = sitmap_cluster_index_new ();

  for (double zoom = 6; zoom <= 12.5; zoom += 0.5)
    {
      build (index, e, world_pixels (zoom), FALSE);
      check_no_overlap (index, e, FALSE);
      build (index, e, world_pixels (zoom), TRUE);
      check_no_overlap (index, e, TRUE);
    }
}

/* In pixels at zoom 10, from a point well inside a cell. */
#define Z10 (256.0 * 1024)

static void
cell_origin (double *x, double *y)
{
  SitmapClusterGrid grid;

  sitmap_cluster_grid_init (&grid, Z10, CELL);
  *x = 300 * grid.cell_pixels / Z10;
  *y = 200 * grid.cell_pixels / Z10;
}

/* Few events that would not overlap stay single; as soon as two would, the cell is a cluster. */
static void
test_spread (void)
{
  g_autoptr (Events) apart = events_new ();
  g_autoptr (Events) close = events_new ();
  g_autoptr (SitmapClusterIndex) index = sitmap_cluster_index_new ();
  const SitmapCluster *clusters;
  guint n;
  double x, y;

  cell_origin (&x, &y);
  add (apart, x + 5 / Z10, y + 5 / Z10, 0);
  add (apart, x + 35 / Z10, y + 5 / Z10, 1);
  add (apart, x + 5 / Z10, y + 35 / Z10, 2);
  build (index, apart, Z10, FALSE);
  sitmap_cluster_index_get_clusters (index, &n);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpuint (check_partition (index, apart), ==, 3);

  add (close, x + 5 / Z10, y + 5 / Z10, 0);
  add (close, x + 35 / Z10, y + 5 / Z10, 1);
  add (close, x + 12 / Z10, y + 9 / Z10, 2);
  build (index, close, Z10, FALSE);
  clusters = sitmap_cluster_index_get_clusters (index, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (clusters[0].n_events, ==, 3);

  /* More events than a cell keeps single are a cluster, however spread: here none would overlap. */
  g_array_set_size (apart->positions, 0);
  add (apart, x + 2 / Z10, y + 2 / Z10, 0);
  add (apart, x + 42 / Z10, y + 2 / Z10, 0);
  add (apart, x + 2 / Z10, y + 42 / Z10, 0);
  add (apart, x + 42 / Z10, y + 42 / Z10, 0);
  add (apart, x + 22 / Z10, y + 22 / Z10, 0);
  G_STATIC_ASSERT (SITMAP_CLUSTER_MAX_SINGLES < 5);
  build (index, apart, Z10, FALSE);
  sitmap_cluster_index_get_clusters (index, &n);
  g_assert_cmpuint (n, ==, 1);
}

/* Two events a few pixels apart on either side of a cell border are one cluster; far apart, two. */
static void
test_merged_neighbours (void)
{
  g_autoptr (Events) e = events_new ();
  g_autoptr (SitmapClusterIndex) index = sitmap_cluster_index_new ();
  SitmapClusterGrid grid;
  const SitmapCluster *clusters;
  guint n, a, b;
  double x, y, border;

  sitmap_cluster_grid_init (&grid, Z10, CELL);
  cell_origin (&x, &y);
  border = x + grid.cell_pixels / Z10;
  a = add (e, border - 3 / Z10, y + 20 / Z10, 0);
  b = add (e, border + 3 / Z10, y + 21 / Z10, 3);
  build (index, e, Z10, FALSE);
  clusters = sitmap_cluster_index_get_clusters (index, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (clusters[0].n_events, ==, 2);
  g_assert_cmpfloat (clusters[0].x, >, border - 3 / Z10);
  g_assert_cmpfloat (clusters[0].x, <, border + 3 / Z10);
  g_assert_cmpuint (check_partition (index, e), ==, 2);

  /* Dense cells side by side: their clusters are apart, so they stay two. */
  g_array_index (e->points, SitmapClusterPoint, a) = sitmap_cluster_point_from_world (border - 25 / Z10, y + 20 / Z10);
  g_array_index (e->points, SitmapClusterPoint, b) = sitmap_cluster_point_from_world (border + 25 / Z10, y + 20 / Z10);
  for (guint i = 0; i < 20; i++)
    {
      add (e, border - (22 + i % 5) / Z10, y + (18 + i % 4) / Z10, 0);
      add (e, border + (22 + i % 5) / Z10, y + (18 + i % 4) / Z10, 3);
    }
  build (index, e, Z10, FALSE);
  clusters = sitmap_cluster_index_get_clusters (index, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (clusters[0].n_events + clusters[1].n_events, ==, 42);
}

/* The most frequent category; on a tie, the first in the legend's order. */
static void
test_dominant (void)
{
  g_autoptr (Events) e = events_new ();
  g_autoptr (SitmapClusterIndex) index = sitmap_cluster_index_new ();
  const SitmapCluster *clusters;
  guint n;
  double x, y;

  cell_origin (&x, &y);
  for (guint i = 0; i < 5; i++)
    add (e, x + (10 + i) / Z10, y + 10 / Z10, i < 3 ? 4 : 2);
  build (index, e, Z10, FALSE);
  clusters = sitmap_cluster_index_get_clusters (index, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (clusters[0].dominant, ==, 4);
  g_assert_cmpuint (clusters[0].category_counts[4], ==, 3);
  g_assert_cmpuint (clusters[0].category_counts[2], ==, 2);

  add (e, x + 16 / Z10, y + 10 / Z10, 2);
  build (index, e, Z10, FALSE);
  clusters = sitmap_cluster_index_get_clusters (index, &n);
  g_assert_cmpuint (clusters[0].dominant, ==, 2);
}

/* Events at one point are one cluster at that point, with no extent, at any zoom. */
static void
test_one_point (void)
{
  g_autoptr (Events) e = events_new ();
  g_autoptr (SitmapClusterIndex) index = sitmap_cluster_index_new ();
  const SitmapCluster *clusters;
  guint n;
  double x, y, x0, y0, x1, y1;

  mercator (34.8853, 38.8711, &x, &y);
  for (guint i = 0; i < 7; i++)
    add (e, x, y, i % 3);
  for (double zoom = 0; zoom <= 22; zoom += 2)
    {
      build (index, e, world_pixels (zoom), FALSE);
      clusters = sitmap_cluster_index_get_clusters (index, &n);
      g_assert_cmpuint (n, ==, 1);
      g_assert_cmpuint (clusters[0].n_events, ==, 7);
      g_assert_cmpfloat_with_epsilon (clusters[0].x, x, 1e-9);
      sitmap_cluster_index_get_extent (index, 0, &x0, &y0, &x1, &y1);
      g_assert_cmpfloat (x0, ==, x1);
      g_assert_cmpfloat (y0, ==, y1);
    }
}

/* Symbols sized by their fatalities need more room: the same two events become a cluster. */
static void
test_fatalities (void)
{
  g_autoptr (Events) e = events_new ();
  g_autoptr (SitmapClusterIndex) index = sitmap_cluster_index_new ();
  guint n;
  double x, y;

  cell_origin (&x, &y);
  add_full (e, x + 5 / Z10, y + 10 / Z10, 0, 1000, TRUE);
  add_full (e, x + 30 / Z10, y + 10 / Z10, 0, 500, TRUE);
  build (index, e, Z10, FALSE);
  sitmap_cluster_index_get_clusters (index, &n);
  g_assert_cmpuint (n, ==, 0);
  build (index, e, Z10, TRUE);
  sitmap_cluster_index_get_clusters (index, &n);
  g_assert_cmpuint (n, ==, 1);

  g_assert_cmpfloat (sitmap_cluster_symbol_scale (-1), ==, 1);
  g_assert_cmpfloat (sitmap_cluster_symbol_scale (0), ==, 1);
  g_assert_cmpfloat (sitmap_cluster_symbol_scale (1), >, 1);
  g_assert_cmpfloat (sitmap_cluster_symbol_scale (54), >, sitmap_cluster_symbol_scale (5));
  g_assert_cmpfloat (sitmap_cluster_symbol_scale (G_MAXINT32), ==, 2);
}

/* A cluster grows with the logarithm of its count, within its limits. */
static void
test_radius (void)
{
  g_assert_cmpfloat (sitmap_cluster_radius (2), >=, SITMAP_CLUSTER_MIN_RADIUS);
  g_assert_cmpfloat (sitmap_cluster_radius (10), >, sitmap_cluster_radius (2));
  g_assert_cmpfloat (sitmap_cluster_radius (1000), >, sitmap_cluster_radius (100));
  g_assert_cmpfloat (sitmap_cluster_radius (G_MAXUINT32), ==, SITMAP_CLUSTER_MAX_RADIUS);
  /* Two of the largest side by side in neighbouring cells still leave a gap. */
  g_assert_cmpfloat (2 * SITMAP_CLUSTER_MAX_RADIUS + SITMAP_CLUSTER_GAP, <, CELL);
}

/* Zoomed out to the whole world, events either side of the antimeridian are neighbours: one cluster
 * there, not one in the middle of the world. */
static void
test_antimeridian (void)
{
  g_autoptr (Events) e = events_new ();
  g_autoptr (SitmapClusterIndex) index = sitmap_cluster_index_new ();
  SitmapClusterGrid grid;
  SitmapClusterWindow window;
  SitmapClusterInput input;
  const SitmapCluster *clusters;
  guint n;

  add (e, 0.0005, 0.5, 0);
  add (e, 0.9995, 0.5, 1);
  add (e, 0.9993, 0.5001, 1);
  input = input_of (e, FALSE);
  sitmap_cluster_grid_init (&grid, world_pixels (2), CELL);
  window = (SitmapClusterWindow) { 0, 0, grid.cells_across, grid.cells_across };
  sitmap_cluster_index_build (index, &grid, &window, &input);
  clusters = sitmap_cluster_index_get_clusters (index, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (clusters[0].n_events, ==, 3);
  g_assert_true (clusters[0].x < 0.01 || clusters[0].x > 0.99);
  g_assert_cmpuint (check_partition (index, e), ==, 3);
}

/* A million events bin in one pass: here only that they all land, the benchmark times it. */
static void
test_many (void)
{
  g_autoptr (Events) e = random_events (200000, 9);
  g_autoptr (SitmapClusterIndex) index = sitmap_cluster_index_new ();

  build (index, e, world_pixels (6.5), FALSE);
  g_assert_cmpuint (check_partition (index, e), ==, e->positions->len - 1);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cluster-index/counts", test_counts);
  g_test_add_func ("/cluster-index/window-counts", test_window_counts);
  g_test_add_func ("/cluster-index/brute-force-bins", test_brute_force_bins);
  g_test_add_func ("/cluster-index/brute-force-clusters", test_brute_force_clusters);
  g_test_add_func ("/cluster-index/deterministic", test_deterministic);
  g_test_add_func ("/cluster-index/no-overlap", test_no_overlap);
  g_test_add_func ("/cluster-index/spread", test_spread);
  g_test_add_func ("/cluster-index/merged-neighbours", test_merged_neighbours);
  g_test_add_func ("/cluster-index/dominant", test_dominant);
  g_test_add_func ("/cluster-index/one-point", test_one_point);
  g_test_add_func ("/cluster-index/fatalities", test_fatalities);
  g_test_add_func ("/cluster-index/radius", test_radius);
  g_test_add_func ("/cluster-index/antimeridian", test_antimeridian);
  g_test_add_func ("/cluster-index/many", test_many);
  return g_test_run ();
}
