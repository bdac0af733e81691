/* sitmap-kml-private.h: what the KML reader and writer share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sitmap-document.h"

#include "sitmap-event-store.h"

G_BEGIN_DECLS

#define SITMAP_KML_NAMESPACE        "http://www.opengis.net/kml/2.2"
#define SITMAP_KML_GX_NAMESPACE     "http://www.google.com/kml/ext/2.2"
#define SITMAP_KML_SITMAP_NAMESPACE "https://sitmap.github.io/kml/1.0"

/* Beyond these a document is refused as too large, rather than read until memory runs out. */
#define SITMAP_KML_MAX_EVENTS    10000000
#define SITMAP_KML_MAX_PLACES    1000000
#define SITMAP_KML_MAX_SOURCES   100000
/* The analyst's annotations; each also has its own bounds (SITMAP_ANNOTATION_MAX_POINTS, _MAX_EVENTS). */
#define SITMAP_KML_MAX_ANNOTATIONS 100000
/* Coordinates of all geometries together: about 30 bytes each while they are read */
#define SITMAP_KML_MAX_POINTS    20000000
/* Actors, figures, citations and data values of one event */
#define SITMAP_KML_MAX_PER_EVENT 1000
/* Custom kinds of features (Google Earth 5's <Schema parent="Placemark">) */
#define SITMAP_KML_MAX_SCHEMAS   1000
/* Half the equator: no point on Earth is farther from another. */
#define SITMAP_KML_MAX_RADIUS_M  20037509

/* The KML namespaces Sitmap reads standard elements in: OGC KML 2.2 and 2.3, Google's older 2.0, 2.1
 * and 2.2, and no namespace at all, as careless writers leave it. */
gboolean sitmap_kml_is_kml_namespace (const char *ns);

/* Google Earth gives the opening view as a camera distance, a map as a zoom level: both ways through a
 * nominal 1000-pixel-wide window and Google Earth's 60° field of view. */
double sitmap_kml_zoom_from_range (double range, double latitude);
double sitmap_kml_range_from_zoom (double zoom, double latitude);

/* sitmap_kml_write_file() with another limit on the size of the file, for tests: the real one, what the reader
 * opens, takes gigabytes to reach. */
gboolean sitmap_kml_write_file_with_max_size (SitmapDocument *document,
                                              GFile          *file,
                                              guint64         max_size,
                                              GCancellable   *cancellable,
                                              GError        **error);

/* Named views (sitmap-kml-views.c): a range's instants as "2024-11-27T00:00:00Z" (NULL beyond the
 * years 1–9999, which the reader does not take), and a range rule's name. */
char       *sitmap_kml_format_instant (gint64 t);
const char *sitmap_kml_range_rule_to_id (SitmapRangeRule rule);

G_END_DECLS
