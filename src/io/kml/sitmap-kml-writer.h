/* sitmap-kml-writer.h: a document out as KML 2.2, readable by Sitmap, Google Earth and GDAL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sitmap-atomic-write.h"
#include "sitmap-document.h"

G_BEGIN_DECLS

GBytes  *sitmap_kml_write_bytes (SitmapDocument *document, GError **error);
/* Only the events at positions (NULL: all), into memory: what a KMZ holds as its doc.kml. */
GBytes  *sitmap_kml_write_events_bytes (SitmapDocument *document,
                                        GArray         *positions,
                                        GCancellable   *cancellable,
                                        GError        **error);
/* Atomic: the file is written beside its target and renamed over it, so a crash or a full disk
 * never leaves half a document where the last good one was. */
gboolean sitmap_kml_write_file (SitmapDocument *document,
                                GFile          *file,
                                GCancellable   *cancellable,
                                GError        **error);
/* The whole document streamed into output, which the caller then commits (or frees, leaving the file as
 * it was): a save that keeps a backup (sitmap_atomic_file_set_backup()). */
gboolean sitmap_kml_write_atomic (SitmapDocument   *document,
                                  SitmapAtomicFile *output,
                                  GCancellable     *cancellable,
                                  GError          **error);
/* The same with only the events at positions (guint32, in the document's store), as an export of
 * what a filter keeps: places, sources, views and annotations are written whole. */
gboolean sitmap_kml_write_events_file (SitmapDocument *document,
                                       GArray         *positions,
                                       GFile          *file,
                                       GCancellable   *cancellable,
                                       GError        **error);

G_END_DECLS
