/* sitmap-tile-source.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-tile-source"

#include "config.h"

#include "sitmap-tile-source.h"

struct _SitmapTileSource
{
  GObject              parent_instance;

  SitmapTileSourceKind kind;
  char                *id;
  char                *name;
  char                *location;
  char                *attribution;
};

G_DEFINE_FINAL_TYPE (SitmapTileSource, sitmap_tile_source, G_TYPE_OBJECT)

static void
sitmap_tile_source_finalize (GObject *object)
{
  SitmapTileSource *self = (SitmapTileSource *) object;

  g_free (self->id);
  g_free (self->name);
  g_free (self->location);
  g_free (self->attribution);
  G_OBJECT_CLASS (sitmap_tile_source_parent_class)->finalize (object);
}

static void
sitmap_tile_source_class_init (SitmapTileSourceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sitmap_tile_source_finalize;
}

static void
sitmap_tile_source_init (SitmapTileSource *self)
{
}

SitmapTileSource *
sitmap_tile_source_new (SitmapTileSourceKind kind,
                        const char          *id,
                        const char          *name,
                        const char          *location,
                        const char          *attribution)
{
  SitmapTileSource *self;

  g_return_val_if_fail (id != NULL && name != NULL, NULL);

  self = g_object_new (SITMAP_TYPE_TILE_SOURCE, NULL);
  self->kind = kind;
  self->id = g_strdup (id);
  self->name = g_strdup (name);
  self->location = g_strdup (location);
  self->attribution = attribution != NULL && *attribution != '\0' ? g_strdup (attribution) : NULL;
  return self;
}

SitmapTileSourceKind
sitmap_tile_source_get_kind (SitmapTileSource *self)
{
  g_return_val_if_fail (SITMAP_IS_TILE_SOURCE (self), SITMAP_TILE_SOURCE_OFFLINE);
  return self->kind;
}

const char *
sitmap_tile_source_get_id (SitmapTileSource *self)
{
  g_return_val_if_fail (SITMAP_IS_TILE_SOURCE (self), NULL);
  return self->id;
}

const char *
sitmap_tile_source_get_name (SitmapTileSource *self)
{
  g_return_val_if_fail (SITMAP_IS_TILE_SOURCE (self), NULL);
  return self->name;
}

const char *
sitmap_tile_source_get_location (SitmapTileSource *self)
{
  g_return_val_if_fail (SITMAP_IS_TILE_SOURCE (self), NULL);
  return self->location;
}

const char *
sitmap_tile_source_get_attribution (SitmapTileSource *self)
{
  g_return_val_if_fail (SITMAP_IS_TILE_SOURCE (self), NULL);
  return self->attribution;
}

gboolean
sitmap_tile_source_is_online (SitmapTileSource *self)
{
  g_return_val_if_fail (SITMAP_IS_TILE_SOURCE (self), FALSE);
  return self->kind == SITMAP_TILE_SOURCE_OSM || self->kind == SITMAP_TILE_SOURCE_XYZ;
}

gboolean
sitmap_tile_source_is_custom (SitmapTileSource *self)
{
  g_return_val_if_fail (SITMAP_IS_TILE_SOURCE (self), FALSE);
  return self->kind == SITMAP_TILE_SOURCE_MBTILES || self->kind == SITMAP_TILE_SOURCE_XYZ;
}

/* Whether the tiles name towns and cities themselves: Sitmap's basemap and OpenStreetMap do; the
 * user's own imagery, as far as anyone can tell, does not. */
gboolean
sitmap_tile_source_has_place_names (SitmapTileSource *self)
{
  g_return_val_if_fail (SITMAP_IS_TILE_SOURCE (self), FALSE);
  return self->kind == SITMAP_TILE_SOURCE_OFFLINE || self->kind == SITMAP_TILE_SOURCE_OSM;
}
