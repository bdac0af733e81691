/* sitmap-online-tiles.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-online-tiles"

#include "config.h"

#include "sitmap-online-tiles.h"

struct _SitmapOnlineTiles
{
  ShumateDataSource   parent_instance;

  ShumateDataSource  *downloader;
  guint               failures; /* in a row */
  SitmapTilesProblem  problem;
};

G_DEFINE_FINAL_TYPE (SitmapOnlineTiles, sitmap_online_tiles, SHUMATE_TYPE_DATA_SOURCE)

enum {
  PROP_0,
  PROP_PROBLEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/*
 * Auxiliary methods
 */

static void
set_problem (SitmapOnlineTiles *self, SitmapTilesProblem problem)
{
  if (self->problem == problem)
    return;
  self->problem = problem;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
}

/* An answer from the server that is not a tile; anything else kept the request from the server. */
static SitmapTilesProblem
classify (const GError *error)
{
  if (g_error_matches (error, SHUMATE_TILE_DOWNLOADER_ERROR, SHUMATE_TILE_DOWNLOADER_ERROR_BAD_RESPONSE) ||
      g_error_matches (error, SHUMATE_TILE_DOWNLOADER_ERROR, SHUMATE_TILE_DOWNLOADER_ERROR_MALFORMED_URL))
    return SITMAP_TILES_REFUSED;
  return SITMAP_TILES_NO_NETWORK;
}

static void
record (SitmapOnlineTiles *self, const GError *error)
{
  if (error == NULL)
    {
      self->failures = 0;
      set_problem (self, SITMAP_TILES_LOADING);
      return;
    }
  /* The map moved on, or the window closed: nothing was learnt about the server. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_debug ("A tile could not be loaded: %s", error->message);
  if (++self->failures >= SITMAP_ONLINE_TILES_FAILURES)
    set_problem (self, classify (error));
}

/*
 * Callbacks
 */

static void
fetched_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SitmapOnlineTiles *self = g_task_get_source_object (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = shumate_data_source_get_tile_data_finish (SHUMATE_DATA_SOURCE (object), result, &error);

  record (self, bytes != NULL ? NULL : error);
  if (bytes != NULL)
    g_task_return_pointer (task, g_steal_pointer (&bytes), (GDestroyNotify) g_bytes_unref);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/* ShumateRasterRenderer draws a tile from this signal (the cache's copy first, then the server's). */
static void
received_data_cb (SitmapOnlineTiles *self, int x, int y, int zoom, GBytes *bytes)
{
  g_signal_emit_by_name (self, "received-data", x, y, zoom, bytes);
}

/*
 * ShumateDataSource
 */

static void
sitmap_online_tiles_get_tile_data_async (ShumateDataSource  *source,
                                         int                 x,
                                         int                 y,
                                         int                 zoom_level,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data)
{
  SitmapOnlineTiles *self = SITMAP_ONLINE_TILES (source);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, sitmap_online_tiles_get_tile_data_async);
  shumate_data_source_get_tile_data_async (self->downloader, x, y, zoom_level, cancellable, fetched_cb, task);
}

static GBytes *
sitmap_online_tiles_get_tile_data_finish (ShumateDataSource *source, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/*
 * GObject
 */

static void
sitmap_online_tiles_dispose (GObject *object)
{
  SitmapOnlineTiles *self = (SitmapOnlineTiles *) object;

  if (self->downloader != NULL)
    g_signal_handlers_disconnect_by_data (self->downloader, self);
  g_clear_object (&self->downloader);
  G_OBJECT_CLASS (sitmap_online_tiles_parent_class)->dispose (object);
}

static void
sitmap_online_tiles_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SitmapOnlineTiles *self = SITMAP_ONLINE_TILES (object);

  switch (prop_id)
    {
    case PROP_PROBLEM: g_value_set_uint (value, self->problem); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitmap_online_tiles_class_init (SitmapOnlineTilesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateDataSourceClass *source_class = SHUMATE_DATA_SOURCE_CLASS (klass);

  object_class->dispose = sitmap_online_tiles_dispose;
  object_class->get_property = sitmap_online_tiles_get_property;
  source_class->get_tile_data_async = sitmap_online_tiles_get_tile_data_async;
  source_class->get_tile_data_finish = sitmap_online_tiles_get_tile_data_finish;

  /* (SitmapTilesProblem) */
  properties[PROP_PROBLEM] = g_param_spec_uint ("problem", NULL, NULL, SITMAP_TILES_LOADING, SITMAP_TILES_REFUSED,
                                                SITMAP_TILES_LOADING,
                                                G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sitmap_online_tiles_init (SitmapOnlineTiles *self)
{
}

/*
 * Public API
 */

SitmapOnlineTiles *
sitmap_online_tiles_new (const char *url_template)
{
  SitmapOnlineTiles *self;

  g_return_val_if_fail (url_template != NULL, NULL);

  self = g_object_new (SITMAP_TYPE_ONLINE_TILES, NULL);
  self->downloader = SHUMATE_DATA_SOURCE (shumate_tile_downloader_new (url_template));
  g_signal_connect_swapped (self->downloader, "received-data", G_CALLBACK (received_data_cb), self);
  return self;
}

SitmapTilesProblem
sitmap_online_tiles_get_problem (SitmapOnlineTiles *self)
{
  g_return_val_if_fail (SITMAP_IS_ONLINE_TILES (self), SITMAP_TILES_LOADING);
  return self->problem;
}
