/* sitmap-kml-reader.h: KML 2.2 in, one document out, or an error naming file, line and column
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sitmap-document.h"
#include "sitmap-import.h"

G_BEGIN_DECLS

/* Reads a whole KML file (see docs/kml-format.md). display_name is how errors name the file
 * ("syria.kml: line 12, column 5: …"). Never touches the network; refuses DTDs. */
SitmapDocument *sitmap_kml_read_bytes (GBytes       *bytes,
                                       const char   *display_name,
                                       GCancellable *cancellable,
                                       GError      **error);
/* The same for the format registry (sitmap-format.h): names, cancels and tells progress through import. */
SitmapDocument *sitmap_kml_read (GBytes *bytes, SitmapImport *import, GError **error);
/* The same, naming the text display_name in messages: a KML inside an archive ("syria.kmz › doc.kml"). */
SitmapDocument *sitmap_kml_read_named (GBytes *bytes, const char *display_name, SitmapImport *import, GError **error);
SitmapDocument *sitmap_kml_read_file (GFile        *file,
                                      GCancellable *cancellable,
                                      GError      **error);

G_END_DECLS
