/* sitmap-annotation-tiles.c
 *
 * Drawing a thousand annotations takes a few hundred milliseconds of cairo strokes: a frame cannot wait
 * for it. The main thread freezes the annotations into a scene (a copy of the one that changed, the
 * others shared), and a worker lays them all out once and draws the tiles that need it; until they come
 * back the frame shows what it has (the old tiles of an edit, the previous zoom's tiles scaled).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-annotation-tiles"

#include "config.h"

#include <gio/gio.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "sitmap-annotation-tiles.h"

typedef struct
{
  SitmapAnnotationTile tile; /* first: the public part */
  guint                generation; /* bumped each time the scene changes under it */
} Tile;

typedef struct
{
  SitmapAnnotationTileView view;
  gboolean                 has_view;
  GHashTable              *tiles; /* Tile, by column and row */
} TileSet;

typedef struct
{
  int              column;
  int              row;
  guint            generation;
  cairo_surface_t *surface;
} Work;

typedef struct
{
  SitmapAnnotationTiles   *owner; /* NULL once nobody wants what it draws */
  SitmapAnnotationTileView view;
  guint                    serial;
  SitmapAnnotationScene   *scene;
  double                   area[4];
  GArray                  *work; /* Work */
  SitmapAnnotationIndex   *index;
  gint64                   duration;
} Job;

struct _SitmapAnnotationTiles
{
  SitmapAnnotationTilesReadyFunc ready;
  gpointer                       user_data;
  TileSet                        current;
  TileSet                        previous;
  guint                          serial; /* of the current view */
  SitmapAnnotationScene         *scene;
  PangoContext                  *context; /* measures text on this thread, for the changes of a scene */
  GPtrArray                     *visible; /* Tile of the area requested */
  GPtrArray                     *previous_tiles;
  gboolean                       has_area;
  double                         area[4];
  SitmapAnnotationIndex         *index; /* what the last worker laid out, for picking */
  SitmapAnnotationScene         *index_scene;
  guint                          index_serial;
  double                         index_area[4];
  Job                           *job;
  GCancellable                  *cancellable; /* of job */
  gint64                         last_redraw_us;
};

/*
 * Views
 */

void
sitmap_annotation_tile_view_project (double x, double y, double *out_x, double *out_y, gpointer user_data)
{
  const SitmapAnnotationTileView *view = user_data;
  double                          dx = x - view->anchor_x, u, v;

  /* The copy of the world nearest to the anchor. */
  dx -= round (dx);
  u = dx * view->map_size;
  v = (y - view->anchor_y) * view->map_size;
  *out_x = view->cos_r * u - view->sin_r * v;
  *out_y = view->sin_r * u + view->cos_r * v;
}

gboolean
sitmap_annotation_tile_view_equal (const SitmapAnnotationTileView *a, const SitmapAnnotationTileView *b)
{
  return a->map_size == b->map_size && a->cos_r == b->cos_r && a->sin_r == b->sin_r && a->anchor_x == b->anchor_x
         && a->anchor_y == b->anchor_y && a->device_scale == b->device_scale;
}

void
sitmap_annotation_tile_view_transform (const SitmapAnnotationTileView *from, const SitmapAnnotationTileView *to,
                                       cairo_matrix_t *matrix)
{
  double k = to->map_size / from->map_size;
  /* The turn from one to the other: to's rotation after undoing from's. */
  double c = to->cos_r * from->cos_r + to->sin_r * from->sin_r, s = to->sin_r * from->cos_r - to->cos_r * from->sin_r;
  double x0, y0;

  sitmap_annotation_tile_view_project (from->anchor_x, from->anchor_y, &x0, &y0, (gpointer)to);
  cairo_matrix_init (matrix, k * c, k * s, -k * s, k * c, x0, y0);
}

/*
 * Tiles
 */

static guint
tile_hash (gconstpointer key)
{
  const SitmapAnnotationTile *tile = key;

  return (guint)tile->column * 73856093u ^ (guint)tile->row * 19349663u;
}

static gboolean
tile_equal (gconstpointer a, gconstpointer b)
{
  const SitmapAnnotationTile *ta = a, *tb = b;

  return ta->column == tb->column && ta->row == tb->row;
}

static void
tile_set_surface (Tile *tile, cairo_surface_t *surface)
{
  if (tile->tile.data != NULL && tile->tile.destroy != NULL)
    tile->tile.destroy (tile->tile.data);
  tile->tile.data = NULL;
  tile->tile.destroy = NULL;
  g_clear_pointer (&tile->tile.surface, cairo_surface_destroy);
  tile->tile.surface = surface;
}

static void
tile_free (gpointer data)
{
  Tile *tile = data;

  tile_set_surface (tile, NULL);
  g_free (tile);
}

static void
tile_set_init (TileSet *set)
{
  set->has_view = FALSE;
  set->tiles = g_hash_table_new_full (tile_hash, tile_equal, NULL, tile_free);
}

static void
tile_set_clear (TileSet *set)
{
  g_clear_pointer (&set->tiles, g_hash_table_unref);
  set->has_view = FALSE;
}

static Tile *
tile_set_lookup (TileSet *set, int column, int row)
{
  SitmapAnnotationTile key = { .column = column, .row = row };

  return g_hash_table_lookup (set->tiles, &key);
}

/* Whether every tile of the area has been drawn for its scene. */
static gboolean
visible_complete (SitmapAnnotationTiles *self)
{
  for (guint i = 0; i < self->visible->len; i++)
    {
      Tile *tile = g_ptr_array_index (self->visible, i);

      if (tile->tile.surface == NULL || tile->tile.dirty)
        return FALSE;
    }
  return self->visible->len > 0;
}

/*
 * The worker
 */

static void
job_free (gpointer data)
{
  Job *job = data;

  for (guint i = 0; i < job->work->len; i++)
    g_clear_pointer (&g_array_index (job->work, Work, i).surface, cairo_surface_destroy);
  g_array_unref (job->work);
  g_clear_pointer (&job->index, sitmap_annotation_index_free);
  sitmap_annotation_scene_unref (job->scene);
  g_free (job);
}

static cairo_surface_t *
draw_tile (SitmapAnnotationIndex *index, const SitmapAnnotationTileView *view, int column, int row)
{
  int              side = SITMAP_ANNOTATION_TILE_SIZE * view->device_scale;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, side, side);
  cairo_t         *cr;

  cairo_surface_set_device_scale (surface, view->device_scale, view->device_scale);
  cr = cairo_create (surface);
  cairo_translate (cr, -(double)column * SITMAP_ANNOTATION_TILE_SIZE, -(double)row * SITMAP_ANNOTATION_TILE_SIZE);
  sitmap_annotation_index_draw_laid_out (index, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static void
job_run (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  Job             *job = data;
  gint64           start = g_get_monotonic_time ();
  cairo_surface_t *scratch = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t         *cr = cairo_create (scratch);
  /* This thread's own: Pango's objects are not to be shared between threads. Measured on an image, as a
   * tile draws, so that the text fits its plate as an export's does. */
  PangoContext    *context = pango_cairo_create_context (cr);

  job->index = sitmap_annotation_index_new ();
  sitmap_annotation_index_lay_out (job->index, job->scene, sitmap_annotation_tile_view_project, &job->view, 1,
                                   context, job->area[0], job->area[1], job->area[2], job->area[3]);
  for (guint i = 0; i < job->work->len && !g_cancellable_is_cancelled (cancellable); i++)
    {
      Work *work = &g_array_index (job->work, Work, i);

      work->surface = draw_tile (job->index, &job->view, work->column, work->row);
    }
  sitmap_annotation_index_forget_layouts (job->index);
  g_object_unref (context);
  cairo_destroy (cr);
  cairo_surface_destroy (scratch);
  job->duration = g_get_monotonic_time () - start;
  g_task_return_boolean (task, !g_cancellable_is_cancelled (cancellable));
}

static void maybe_start_job (SitmapAnnotationTiles *self);

static void
install (SitmapAnnotationTiles *self, Job *job)
{
  for (guint i = 0; i < job->work->len; i++)
    {
      Work *work = &g_array_index (job->work, Work, i);
      Tile *tile = tile_set_lookup (&self->current, work->column, work->row);

      if (tile == NULL || work->surface == NULL)
        continue;
      tile_set_surface (tile, g_steal_pointer (&work->surface));
      /* Drawn from a scene that changed here since: still better than what it had, and drawn again. */
      tile->tile.dirty = tile->generation != work->generation;
    }
  g_clear_pointer (&self->index, sitmap_annotation_index_free);
  g_clear_pointer (&self->index_scene, sitmap_annotation_scene_unref);
  self->index = g_steal_pointer (&job->index);
  self->index_scene = sitmap_annotation_scene_ref (job->scene);
  self->index_serial = job->serial;
  memcpy (self->index_area, job->area, sizeof job->area);
}

static void
job_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Job                   *job = g_task_get_task_data (G_TASK (result));
  SitmapAnnotationTiles *self = job->owner;

  if (self == NULL)
    return;
  g_assert (self->job == job);
  self->job = NULL;
  g_clear_object (&self->cancellable);
  self->last_redraw_us = job->duration;
  if (g_task_propagate_boolean (G_TASK (result), NULL) && job->serial == self->serial)
    install (self, job);
  maybe_start_job (self);
  if (self->ready != NULL)
    self->ready (self->user_data);
}

static gboolean
index_serves (SitmapAnnotationTiles *self)
{
  return self->index != NULL && self->index_scene == self->scene && self->index_serial == self->serial
         && self->area[0] >= self->index_area[0] && self->area[1] >= self->index_area[1]
         && self->area[2] <= self->index_area[2] && self->area[3] <= self->index_area[3];
}

static void
maybe_start_job (SitmapAnnotationTiles *self)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GArray) work = NULL;
  Job *job;

  if (self->job != NULL || self->scene == NULL || !self->current.has_view || !self->has_area)
    return;
  work = g_array_new (FALSE, TRUE, sizeof (Work));
  for (guint i = 0; i < self->visible->len; i++)
    {
      Tile *tile = g_ptr_array_index (self->visible, i);
      Work  one = { tile->tile.column, tile->tile.row, tile->generation, NULL };

      if (tile->tile.surface == NULL || tile->tile.dirty)
        g_array_append_val (work, one);
    }
  if (work->len == 0 && index_serves (self))
    return;
  job = g_new0 (Job, 1);
  job->owner = self;
  job->view = self->current.view;
  job->serial = self->serial;
  job->scene = sitmap_annotation_scene_ref (self->scene);
  job->work = g_steal_pointer (&work);
  /* The index reaches a tile beyond the area, so that a short pan still picks through it. */
  job->area[0] = self->area[0] - SITMAP_ANNOTATION_TILE_SIZE, job->area[1] = self->area[1] - SITMAP_ANNOTATION_TILE_SIZE;
  job->area[2] = self->area[2] + SITMAP_ANNOTATION_TILE_SIZE, job->area[3] = self->area[3] + SITMAP_ANNOTATION_TILE_SIZE;
  self->job = job;
  self->cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->cancellable, job_done, NULL);
  g_task_set_source_tag (task, maybe_start_job);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, job_run);
}

/* What the worker draws is of no use any more (another view, or no one to show it). */
static void
abandon_job (SitmapAnnotationTiles *self)
{
  if (self->job == NULL)
    return;
  self->job->owner = NULL;
  self->job = NULL;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

/*
 * Public API
 */

SitmapAnnotationTiles *
sitmap_annotation_tiles_new (SitmapAnnotationTilesReadyFunc ready, gpointer user_data)
{
  SitmapAnnotationTiles *self = g_new0 (SitmapAnnotationTiles, 1);

  self->ready = ready;
  self->user_data = user_data;
  tile_set_init (&self->current);
  tile_set_init (&self->previous);
  self->visible = g_ptr_array_new ();
  self->previous_tiles = g_ptr_array_new ();
  self->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  return self;
}

void
sitmap_annotation_tiles_free (SitmapAnnotationTiles *self)
{
  if (self == NULL)
    return;
  abandon_job (self);
  g_ptr_array_unref (self->visible);
  g_ptr_array_unref (self->previous_tiles);
  tile_set_clear (&self->current);
  tile_set_clear (&self->previous);
  g_clear_pointer (&self->scene, sitmap_annotation_scene_unref);
  g_clear_pointer (&self->index, sitmap_annotation_index_free);
  g_clear_pointer (&self->index_scene, sitmap_annotation_scene_unref);
  g_clear_object (&self->context);
  g_free (self);
}

void
sitmap_annotation_tiles_set_view (SitmapAnnotationTiles *self, const SitmapAnnotationTileView *view)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (view != NULL && view->map_size > 0 && view->device_scale >= 1);

  if (self->current.has_view && sitmap_annotation_tile_view_equal (&self->current.view, view))
    return;
  abandon_job (self);
  /* The drawing to show until the new one comes: the current one if it was whole (or all there is). */
  if (self->current.has_view && (visible_complete (self) || !self->previous.has_view)
      && g_hash_table_size (self->current.tiles) > 0)
    {
      tile_set_clear (&self->previous);
      self->previous = self->current;
    }
  else
    tile_set_clear (&self->current);
  tile_set_init (&self->current);
  self->current.view = *view;
  self->current.has_view = TRUE;
  self->serial++;
  self->has_area = FALSE;
  g_ptr_array_set_size (self->visible, 0);
}

const SitmapAnnotationTileView *
sitmap_annotation_tiles_get_view (SitmapAnnotationTiles *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->current.has_view ? &self->current.view : NULL;
}

static gboolean
tile_touches (const Tile *tile, const double *box)
{
  double x0 = (double)tile->tile.column * SITMAP_ANNOTATION_TILE_SIZE, y0 = (double)tile->tile.row * SITMAP_ANNOTATION_TILE_SIZE;

  return box[2] >= x0 && box[0] <= x0 + SITMAP_ANNOTATION_TILE_SIZE && box[3] >= y0
         && box[1] <= y0 + SITMAP_ANNOTATION_TILE_SIZE;
}

void
sitmap_annotation_tiles_set_scene (SitmapAnnotationTiles *self, SitmapAnnotationScene *scene)
{
  GHashTableIter iter;
  Tile          *tile;

  g_return_if_fail (self != NULL);
  g_return_if_fail (scene != NULL);

  if (scene == self->scene)
    return;
  if (self->scene != NULL && self->current.has_view && g_hash_table_size (self->current.tiles) > 0)
    {
      g_autoptr (GArray) boxes = g_array_new (FALSE, FALSE, sizeof (double));

      sitmap_annotation_scene_get_changes (self->scene, scene, sitmap_annotation_tile_view_project,
                                           &self->current.view, 1, self->context, boxes);
      g_hash_table_iter_init (&iter, self->current.tiles);
      while (g_hash_table_iter_next (&iter, (gpointer *)&tile, NULL))
        for (guint i = 0; i + 3 < boxes->len; i += 4)
          if (tile_touches (tile, &g_array_index (boxes, double, i)))
            {
              tile->tile.dirty = TRUE;
              tile->generation++;
              break;
            }
      /* Nothing drawn differs: the index of the old scene serves the new one (the same copies). */
      if (boxes->len == 0 && self->index_scene == self->scene)
        {
          sitmap_annotation_scene_unref (self->index_scene);
          self->index_scene = sitmap_annotation_scene_ref (scene);
        }
    }
  g_clear_pointer (&self->scene, sitmap_annotation_scene_unref);
  self->scene = sitmap_annotation_scene_ref (scene);
  maybe_start_job (self);
}

static gboolean
tile_far (gpointer key, gpointer value, gpointer user_data)
{
  const Tile *tile = value;
  const int  *range = user_data;

  return tile->tile.column < range[0] - 1 || tile->tile.column > range[2] + 1 || tile->tile.row < range[1] - 1
         || tile->tile.row > range[3] + 1;
}

void
sitmap_annotation_tiles_request (SitmapAnnotationTiles *self, double x0, double y0, double x1, double y1)
{
  int range[4];

  g_return_if_fail (self != NULL);
  g_return_if_fail (self->current.has_view);

  range[0] = (int)floor (x0 / SITMAP_ANNOTATION_TILE_SIZE), range[1] = (int)floor (y0 / SITMAP_ANNOTATION_TILE_SIZE);
  range[2] = (int)floor (x1 / SITMAP_ANNOTATION_TILE_SIZE), range[3] = (int)floor (y1 / SITMAP_ANNOTATION_TILE_SIZE);
  self->has_area = TRUE;
  self->area[0] = x0, self->area[1] = y0, self->area[2] = x1, self->area[3] = y1;
  g_hash_table_foreach_remove (self->current.tiles, tile_far, range);
  g_ptr_array_set_size (self->visible, 0);
  for (int row = range[1]; row <= range[3]; row++)
    for (int column = range[0]; column <= range[2]; column++)
      {
        Tile *tile = tile_set_lookup (&self->current, column, row);

        if (tile == NULL)
          {
            tile = g_new0 (Tile, 1);
            tile->tile.column = column;
            tile->tile.row = row;
            g_hash_table_add (self->current.tiles, tile);
          }
        g_ptr_array_add (self->visible, tile);
      }
  maybe_start_job (self);
}

gboolean
sitmap_annotation_tiles_is_busy (SitmapAnnotationTiles *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->job != NULL;
}

gboolean
sitmap_annotation_tiles_is_complete (SitmapAnnotationTiles *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->job == NULL && visible_complete (self);
}

GPtrArray *
sitmap_annotation_tiles_get_tiles (SitmapAnnotationTiles *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->visible;
}

GPtrArray *
sitmap_annotation_tiles_get_previous (SitmapAnnotationTiles *self, SitmapAnnotationTileView *view)
{
  GHashTableIter iter;
  Tile          *tile;

  g_return_val_if_fail (self != NULL, NULL);

  if (!self->previous.has_view)
    return NULL;
  g_ptr_array_set_size (self->previous_tiles, 0);
  g_hash_table_iter_init (&iter, self->previous.tiles);
  while (g_hash_table_iter_next (&iter, (gpointer *)&tile, NULL))
    if (tile->tile.surface != NULL)
      g_ptr_array_add (self->previous_tiles, tile);
  if (view != NULL)
    *view = self->previous.view;
  return self->previous_tiles;
}

SitmapAnnotation *
sitmap_annotation_tiles_pick (SitmapAnnotationTiles *self, double x, double y, double tolerance, gboolean *known)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (known != NULL, NULL);

  *known = index_serves (self) && x >= self->index_area[0] && x <= self->index_area[2] && y >= self->index_area[1]
           && y <= self->index_area[3];
  return *known ? sitmap_annotation_index_pick (self->index, x, y, tolerance) : NULL;
}

gint64
sitmap_annotation_tiles_get_last_redraw_us (SitmapAnnotationTiles *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->last_redraw_us;
}
