/* sitmap-place.h: a named place of the document's gazetteer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "sitmap-geometry.h"

G_BEGIN_DECLS

typedef enum
{
  SITMAP_PLACE_KIND_OTHER,
  SITMAP_PLACE_KIND_CAPITAL,
  SITMAP_PLACE_KIND_CITY,
  SITMAP_PLACE_KIND_TOWN,
  SITMAP_PLACE_KIND_VILLAGE,
  SITMAP_PLACE_KIND_DISTRICT,
  SITMAP_PLACE_KIND_PROVINCE,
  SITMAP_PLACE_KIND_REGION,
  SITMAP_PLACE_KIND_COUNTRY,
  SITMAP_N_PLACE_KINDS
} SitmapPlaceKind;

#define SITMAP_TYPE_PLACE (sitmap_place_get_type ())
G_DECLARE_FINAL_TYPE (SitmapPlace, sitmap_place, SITMAP, PLACE, GObject)

/* geometry is NULL for a place known only as a point. */
SitmapPlace     *sitmap_place_new (const char     *id,
                                   const char     *name,
                                   SitmapPlaceKind kind,
                                   double          latitude,
                                   double          longitude,
                                   SitmapGeometry *geometry);
const char      *sitmap_place_get_id (SitmapPlace *self);
const char      *sitmap_place_get_name (SitmapPlace *self);
SitmapPlaceKind  sitmap_place_get_kind (SitmapPlace *self);
double           sitmap_place_get_latitude (SitmapPlace *self);
double           sitmap_place_get_longitude (SitmapPlace *self);
SitmapGeometry  *sitmap_place_get_geometry (SitmapPlace *self);
const char      *sitmap_place_get_description (SitmapPlace *self);
void             sitmap_place_set_description (SitmapPlace *self, const char *description);
/* An area is drawn as its shape; a settlement as a dot with its name. */
gboolean         sitmap_place_is_area (SitmapPlace *self);
/* A point of a settlement's kind: drawn as a dot, named upright. Anything else is named as an area. */
gboolean         sitmap_place_is_settlement (SitmapPlace *self);

const char *sitmap_place_kind_to_id (SitmapPlaceKind kind);
gboolean    sitmap_place_kind_from_id (const char *id, SitmapPlaceKind *kind);
const char *sitmap_place_kind_get_label (SitmapPlaceKind kind);
/* How a map shows places of a kind, the screen and the page alike: which names come first (0 first), which
 * kinds are settlements (the rest are areas), and from which zoom level they are shown. */
guint       sitmap_place_kind_get_rank (SitmapPlaceKind kind);
gboolean    sitmap_place_kind_is_settlement (SitmapPlaceKind kind);
gboolean    sitmap_place_kind_shown_at_zoom (SitmapPlaceKind kind, double zoom);

G_END_DECLS
