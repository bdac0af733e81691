/* sitmap-place.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-place"

#include "config.h"

#include <glib/gi18n.h>

#include "sitmap-enums.h"
#include "sitmap-place.h"

struct _SitmapPlace
{
  GObject         parent_instance;
  char           *id;
  char           *name;
  char           *description;
  SitmapPlaceKind kind;
  double          latitude;
  double          longitude;
  SitmapGeometry *geometry;
};

G_DEFINE_FINAL_TYPE (SitmapPlace, sitmap_place, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_KIND,
  PROP_DESCRIPTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The ids are Sitmap's file format: never rename one. A map names capitals first, then cities, countries,
 * regions, towns, districts and villages (rank); settlements are dots with a name, the rest areas; the larger
 * appear first as the map zooms in, and a document's gazetteer is curated, so even villages come early. */
static const struct
{
  const char *id;
  const char *label;
  guint8      rank;
  gboolean    settlement;
  guint8      min_zoom;
} place_kinds[SITMAP_N_PLACE_KINDS] = {
  [SITMAP_PLACE_KIND_OTHER] = { "other", N_("Place"), 7, TRUE, 5 },
  [SITMAP_PLACE_KIND_CAPITAL] = { "capital", N_("Capital"), 0, TRUE, 0 },
  [SITMAP_PLACE_KIND_CITY] = { "city", N_("City"), 1, TRUE, 4 },
  [SITMAP_PLACE_KIND_TOWN] = { "town", N_("Town"), 4, TRUE, 5 },
  [SITMAP_PLACE_KIND_VILLAGE] = { "village", N_("Village"), 6, TRUE, 5 },
  [SITMAP_PLACE_KIND_DISTRICT] = { "district", N_("District"), 5, FALSE, 5 },
  [SITMAP_PLACE_KIND_PROVINCE] = { "province", N_("Province"), 3, FALSE, 4 },
  [SITMAP_PLACE_KIND_REGION] = { "region", N_("Region"), 3, FALSE, 4 },
  [SITMAP_PLACE_KIND_COUNTRY] = { "country", N_("Country"), 2, FALSE, 0 },
};

guint
sitmap_place_kind_get_rank (SitmapPlaceKind kind)
{
  g_return_val_if_fail (kind < SITMAP_N_PLACE_KINDS, 7);
  return place_kinds[kind].rank;
}

gboolean
sitmap_place_kind_is_settlement (SitmapPlaceKind kind)
{
  g_return_val_if_fail (kind < SITMAP_N_PLACE_KINDS, TRUE);
  return place_kinds[kind].settlement;
}

gboolean
sitmap_place_kind_shown_at_zoom (SitmapPlaceKind kind, double zoom)
{
  g_return_val_if_fail (kind < SITMAP_N_PLACE_KINDS, FALSE);
  return zoom >= place_kinds[kind].min_zoom;
}

gboolean
sitmap_place_is_settlement (SitmapPlace *self)
{
  g_return_val_if_fail (SITMAP_IS_PLACE (self), FALSE);
  return !sitmap_place_is_area (self) && sitmap_place_kind_is_settlement (self->kind);
}

const char *
sitmap_place_kind_to_id (SitmapPlaceKind kind)
{
  g_return_val_if_fail (kind < SITMAP_N_PLACE_KINDS, "other");
  return place_kinds[kind].id;
}

gboolean
sitmap_place_kind_from_id (const char *id, SitmapPlaceKind *kind)
{
  for (guint i = 0; i < SITMAP_N_PLACE_KINDS; i++)
    if (g_strcmp0 (id, place_kinds[i].id) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

const char *
sitmap_place_kind_get_label (SitmapPlaceKind kind)
{
  g_return_val_if_fail (kind < SITMAP_N_PLACE_KINDS, _("Place"));
  return _(place_kinds[kind].label);
}

static void
sitmap_place_finalize (GObject *object)
{
  SitmapPlace *self = (SitmapPlace *) object;

  g_free (self->id);
  g_free (self->name);
  g_free (self->description);
  g_clear_pointer (&self->geometry, sitmap_geometry_unref);
  G_OBJECT_CLASS (sitmap_place_parent_class)->finalize (object);
}

static void
sitmap_place_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SitmapPlace *self = SITMAP_PLACE (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_KIND: g_value_set_enum (value, self->kind); break;
    case PROP_DESCRIPTION: g_value_set_string (value, self->description); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitmap_place_class_init (SitmapPlaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sitmap_place_finalize;
  object_class->get_property = sitmap_place_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, ro);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, ro);
  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, SITMAP_TYPE_PLACE_KIND, SITMAP_PLACE_KIND_OTHER, ro);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL,
                                                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                      G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sitmap_place_init (SitmapPlace *self)
{
}

SitmapPlace *
sitmap_place_new (const char     *id,
                  const char     *name,
                  SitmapPlaceKind kind,
                  double          latitude,
                  double          longitude,
                  SitmapGeometry *geometry)
{
  SitmapPlace *self;

  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (SITMAP_TYPE_PLACE, NULL);
  self->id = g_strdup (id);
  self->name = g_strdup (name ? name : id);
  self->kind = kind;
  self->latitude = latitude;
  self->longitude = longitude;
  self->geometry = geometry ? sitmap_geometry_ref (geometry) : NULL;
  return self;
}

const char *
sitmap_place_get_id (SitmapPlace *self)
{
  g_return_val_if_fail (SITMAP_IS_PLACE (self), NULL);
  return self->id;
}

const char *
sitmap_place_get_name (SitmapPlace *self)
{
  g_return_val_if_fail (SITMAP_IS_PLACE (self), NULL);
  return self->name;
}

SitmapPlaceKind
sitmap_place_get_kind (SitmapPlace *self)
{
  g_return_val_if_fail (SITMAP_IS_PLACE (self), SITMAP_PLACE_KIND_OTHER);
  return self->kind;
}

double
sitmap_place_get_latitude (SitmapPlace *self)
{
  g_return_val_if_fail (SITMAP_IS_PLACE (self), 0);
  return self->latitude;
}

double
sitmap_place_get_longitude (SitmapPlace *self)
{
  g_return_val_if_fail (SITMAP_IS_PLACE (self), 0);
  return self->longitude;
}

SitmapGeometry *
sitmap_place_get_geometry (SitmapPlace *self)
{
  g_return_val_if_fail (SITMAP_IS_PLACE (self), NULL);
  return self->geometry;
}

const char *
sitmap_place_get_description (SitmapPlace *self)
{
  g_return_val_if_fail (SITMAP_IS_PLACE (self), NULL);
  return self->description;
}

void
sitmap_place_set_description (SitmapPlace *self, const char *description)
{
  g_return_if_fail (SITMAP_IS_PLACE (self));
  if (g_strcmp0 (self->description, description) == 0)
    return;
  g_free (self->description);
  self->description = g_strdup (description);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

gboolean
sitmap_place_is_area (SitmapPlace *self)
{
  g_return_val_if_fail (SITMAP_IS_PLACE (self), FALSE);
  return self->geometry != NULL && sitmap_geometry_get_kind (self->geometry) == SITMAP_GEOMETRY_POLYGON;
}
