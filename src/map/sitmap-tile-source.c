/* sitmap-tile-source.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-tile-source"

#include "config.h"

#include <string.h>

#include "sitmap-tile-source.h"

struct _SitmapTileSource
{
  GObject              parent_instance;

  SitmapTileSourceKind kind;
  char                *id;
  char                *name;
  char                *location;
  char                *attribution;
  gboolean             place_names;
  gboolean             place_names_chosen;
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
  switch (kind)
    {
    case SITMAP_TILE_SOURCE_OFFLINE:
    case SITMAP_TILE_SOURCE_OSM:
      self->place_names = TRUE;
      break;
    case SITMAP_TILE_SOURCE_XYZ:
      {
        const char *texts[] = { name, location, attribution };

        /* Most tile servers draw street maps, named; imagery says so in its address. */
        self->place_names = sitmap_tile_source_guess_place_names (texts, G_N_ELEMENTS (texts), TRUE);
        break;
      }
    case SITMAP_TILE_SOURCE_MBTILES:
    default:
      /* Until its metadata is read, as far as anyone can tell, the user's own imagery. */
      self->place_names = FALSE;
      break;
    }
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

gboolean
sitmap_tile_source_has_place_names (SitmapTileSource *self)
{
  g_return_val_if_fail (SITMAP_IS_TILE_SOURCE (self), FALSE);
  return self->place_names;
}

gboolean
sitmap_tile_source_get_place_names_chosen (SitmapTileSource *self)
{
  g_return_val_if_fail (SITMAP_IS_TILE_SOURCE (self), FALSE);
  return self->place_names_chosen;
}

SitmapTileSource *
sitmap_tile_source_copy_with_place_names (SitmapTileSource *self, gboolean has_place_names, gboolean chosen)
{
  SitmapTileSource *copy;

  g_return_val_if_fail (SITMAP_IS_TILE_SOURCE (self), NULL);

  copy = sitmap_tile_source_new (self->kind, self->id, self->name, self->location, self->attribution);
  copy->place_names = !!has_place_names;
  copy->place_names_chosen = !!chosen;
  return copy;
}

/* Words, lowercase, between single spaces, with a space at each end: " esri world imagery ". */
static char *
normalise_words (const char *const *texts, guint n_texts)
{
  g_autoptr (GString) out = g_string_new (" ");

  for (guint i = 0; i < n_texts; i++)
    {
      g_autofree char *lower = texts[i] != NULL ? g_utf8_strdown (texts[i], -1) : NULL;

      for (const char *p = lower; p != NULL && *p != '\0'; p++)
        /* Bytes of UTF-8 sequences are kept: they are letters of some word. */
        if (g_ascii_isalnum (*p) || (*p & 0x80))
          g_string_append_c (out, *p);
        else if (out->str[out->len - 1] != ' ')
          g_string_append_c (out, ' ');
      if (out->str[out->len - 1] != ' ')
        g_string_append_c (out, ' ');
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Whether words holds one of needles: " x" matches words starting with x, " x " the word x alone. */
static gboolean
has_any (const char *words, const char *const *needles)
{
  for (guint i = 0; needles[i] != NULL; i++)
    if (strstr (words, needles[i]) != NULL)
      return TRUE;
  return FALSE;
}

gboolean
sitmap_tile_source_guess_place_names (const char *const *texts, guint n_texts, gboolean fallback)
{
  static const char *const unnamed[] = {
    " nolabel", " no label", " without label", " unlabel", " label free ", " labelfree", " no names ",
    " without names ", " no place names ", " nonames ", " no text ", " base only ", NULL,
  };
  static const char *const named[] = {
    " label", " place names ", " placenames ", " town names ", " city names ", " with names ", " toponym",
    " gazetteer", " places ", " hybrid ", NULL,
  };
  static const char *const unnamed_kinds[] = {
    " imagery ", " satellite", " aerial", " ortho", " hillshad", " shaded relief ", " relief ", " terrain ",
    " elevation", " dem ", " bathymetr", " sentinel", " landsat", " drone ", " uav ", NULL,
  };
  static const char *const street_maps[] = {
    " openstreetmap ", " osm ", " carto ", " cartodb ", " stamen ", " thunderforest ", " opentopomap ",
    " streets ", " street map ", NULL,
  };
  g_autofree char *words = normalise_words (texts, n_texts);

  if (has_any (words, unnamed))
    return FALSE;
  if (has_any (words, named))
    return TRUE;
  if (has_any (words, unnamed_kinds))
    return FALSE;
  if (has_any (words, street_maps))
    return TRUE;
  return fallback;
}
