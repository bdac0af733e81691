/* sitmap-geojson-reader.h: GeoJSON (RFC 7946) in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sitmap-document.h"
#include "sitmap-import.h"

G_BEGIN_DECLS

/* How sure it is, from a file's first bytes, that the file is GeoJSON (SitmapFormatSniffFunc). */
guint           sitmap_geojson_sniff (const guint8 *head, gsize length);
/* Every feature as an event (SitmapFormatReadFunc): see docs/geojson-format.md. Fails with
 * SITMAP_DOCUMENT_ERROR_NEEDS_MAPPING when it cannot tell which property holds the time. */
SitmapDocument *sitmap_geojson_read (GBytes *bytes, SitmapImport *import, GError **error);

G_END_DECLS
