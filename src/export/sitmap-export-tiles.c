/* sitmap-export-tiles.c: the map tiles an export needs, from the map's own data source
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-export"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sitmap-export-scene-private.h"
#include "sitmap-mbtiles-source.h"

/* Tiles asked for at once: the MBTiles source answers one at a time anyway, and a tile server should
 * not see a burst (OpenStreetMap's tile policy asks for few connections). */
#define MAX_IN_FLIGHT 4
/* Most tiles one export fetches: a 14000-pixel poster side is 55 tiles. */
#define MAX_TILES 3600

typedef struct
{
  SitmapExportScene *scene;
  ShumateDataSource *source;
  int                next; /* the next tile to ask for */
  int                n_tiles;
  int                in_flight;
  int                n_got;
  GError            *first_error;
} FetchData;

typedef struct
{
  GTask *task;
  int    index;
} TileRequest;

static void
fetch_data_free (gpointer data)
{
  FetchData *fetch = data;

  g_clear_object (&fetch->source);
  g_clear_error (&fetch->first_error);
  g_free (fetch);
}

/* The grid of tiles covering the map at zoom. */
static void
plan (SitmapExportScene *self, int zoom)
{
  double f = exp2 (zoom - self->options.zoom);
  double n = exp2 (zoom);
  double left = self->center_x * n * 256 - self->map.width / 2 * f;
  double top = self->center_y * n * 256 - self->map.height / 2 * f;

  self->tiles.zoom = zoom;
  self->tiles.x0 = (int)floor (left / 256);
  self->tiles.y0 = (int)floor (top / 256);
  self->tiles.columns = (int)floor ((left + self->map.width * f) / 256) - self->tiles.x0 + 1;
  self->tiles.rows = (int)floor ((top + self->map.height * f) / 256) - self->tiles.y0 + 1;
}

static gboolean
is_missing_tile (const GError *error)
{
  /* A tile outside a source's bounds, or a server's 404, is sea or nothing: the map is blank there. */
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) || error->domain == SITMAP_MBTILES_ERROR;
}

static void
fetch_next (GTask *task);

static void
tile_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  TileRequest *request = user_data;
  g_autoptr (GTask) task = request->task;
  FetchData         *fetch = g_task_get_task_data (task);
  SitmapExportScene *self = fetch->scene;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = shumate_data_source_get_tile_data_finish (SHUMATE_DATA_SOURCE (object), result, &error);

  fetch->in_flight--;
  if (bytes != NULL)
    {
      self->tiles.data[request->index] = g_steal_pointer (&bytes);
      fetch->n_got++;
    }
  else if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && !is_missing_tile (error)
           && fetch->first_error == NULL)
    fetch->first_error = g_steal_pointer (&error);
  g_free (request);
  fetch_next (task);
}

static void
finish (GTask *task)
{
  FetchData *fetch = g_task_get_task_data (task);

  if (g_task_return_error_if_cancelled (task))
    return;
  if (fetch->n_got == 0 && fetch->first_error != NULL)
    g_task_return_new_error (task, SITMAP_EXPORT_ERROR, SITMAP_EXPORT_ERROR_NO_TILES,
                             _ ("The map’s tiles could not be fetched: %s"), fetch->first_error->message);
  else
    g_task_return_boolean (task, TRUE);
}

static void
fetch_next (GTask *task)
{
  FetchData         *fetch = g_task_get_task_data (task);
  SitmapExportScene *self = fetch->scene;
  GCancellable      *cancellable = g_task_get_cancellable (task);
  int                n = 1 << self->tiles.zoom;

  while (fetch->in_flight < MAX_IN_FLIGHT && fetch->next < fetch->n_tiles && !g_cancellable_is_cancelled (cancellable))
    {
      int          i = fetch->next++;
      int          x = self->tiles.x0 + i % self->tiles.columns;
      int          y = self->tiles.y0 + i / self->tiles.columns;
      TileRequest *request;

      if (y < 0 || y >= n)
        continue;
      request = g_new0 (TileRequest, 1);
      request->task = g_object_ref (task);
      request->index = i;
      fetch->in_flight++;
      /* Columns wrap around the world, as the map does. */
      shumate_data_source_get_tile_data_async (fetch->source, ((x % n) + n) % n, y, self->tiles.zoom, cancellable,
                                               tile_cb, request);
    }
  if (fetch->in_flight == 0 && (fetch->next >= fetch->n_tiles || g_cancellable_is_cancelled (cancellable)))
    finish (task);
}

void
sitmap_export_scene_fetch_tiles_async (SitmapExportScene *self, ShumateDataSource *source, int min_zoom, int max_zoom,
                                       GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  FetchData *fetch;
  int        zoom;

  g_return_if_fail (SITMAP_IS_EXPORT_SCENE (self));
  g_return_if_fail (SHUMATE_IS_DATA_SOURCE (source));
  g_return_if_fail (self->tiles.data == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sitmap_export_scene_fetch_tiles_async);
  zoom = CLAMP (self->tiles.zoom, min_zoom, MAX (min_zoom, max_zoom));
  plan (self, zoom);
  while (zoom > min_zoom && self->tiles.columns * self->tiles.rows > MAX_TILES)
    plan (self, --zoom);
  self->tiles.data = g_new0 (GBytes *, self->tiles.columns * self->tiles.rows);

  fetch = g_new0 (FetchData, 1);
  fetch->scene = self;
  fetch->source = g_object_ref (source);
  fetch->n_tiles = self->tiles.columns * self->tiles.rows;
  g_task_set_task_data (task, fetch, fetch_data_free);
  fetch_next (task);
}

gboolean
sitmap_export_scene_fetch_tiles_finish (SitmapExportScene *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
