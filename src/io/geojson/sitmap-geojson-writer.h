/* sitmap-geojson-writer.h: events out as GeoJSON (RFC 7946), which GDAL, QGIS and web maps read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sitmap-document.h"

G_BEGIN_DECLS

/* The events at positions (guint32 into the document's store; NULL: all of them) as a FeatureCollection, with
 * what a user sees of each (time and its precision, place and how exactly it is known, category, figures,
 * actors, citations with their sources' gradings, and the file's other attributes) in its properties:
 * docs/geojson-format.md. Atomic (SitmapFormatWriteFunc). */
gboolean sitmap_geojson_write_events_file (SitmapDocument *document,
                                           GArray         *positions,
                                           GFile          *file,
                                           GCancellable   *cancellable,
                                           GError        **error);
/* The same into memory, for tests. */
GBytes  *sitmap_geojson_write_bytes (SitmapDocument *document, GArray *positions, GError **error);

G_END_DECLS
