/* sitmap-kmz.h: KMZ, a zip archive of a KML document and the files it uses (images, mostly)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sitmap-document.h"
#include "sitmap-import.h"

G_BEGIN_DECLS

/* What an archive may hold, beyond which it is refused as a zip bomb rather than unpacked until memory runs
 * out. Everything is unpacked into memory: no name in an archive ever touches the disk. */
#define SITMAP_KMZ_MAX_ENTRIES     10000
#define SITMAP_KMZ_MAX_UNPACKED    ((gsize) 1024 * 1024 * 1024) /* all files together, unpacked */
#define SITMAP_KMZ_MAX_RATIO       100                          /* unpacked size over the archive's… */
#define SITMAP_KMZ_RATIO_FREE      ((gsize) 16 * 1024 * 1024)    /* …once past this */
#define SITMAP_KMZ_MAX_NAME_LENGTH 1024

/* Does the file begin like a zip archive, and is its first file a KML one? For the format registry. */
guint           sitmap_kmz_sniff (const guint8 *head, gsize length);

/* Reads the archive's KML document (doc.kml, else the first .kml at its top level) as the KML reader does,
 * and keeps the archive's other files with the document (sitmap_document_add_resource()). Refuses a zip bomb
 * (more than SITMAP_KMZ_MAX_ENTRIES files, more than SITMAP_KMZ_MAX_UNPACKED unpacked, or more than
 * SITMAP_KMZ_MAX_RATIO times the archive past SITMAP_KMZ_RATIO_FREE) and an archive with no KML; leaves out,
 * and says so, files whose names lead outside the archive (“../x”, “/etc/x”), archives inside the archive,
 * and encrypted files. */
SitmapDocument *sitmap_kmz_read (GBytes *bytes, SitmapImport *import, GError **error);

/* The events at positions (NULL: all) as doc.kml, first, then the document's resources, atomically. */
gboolean        sitmap_kmz_write_events_file (SitmapDocument *document,
                                              GArray         *positions,
                                              GFile          *file,
                                              GCancellable   *cancellable,
                                              GError        **error);

G_END_DECLS
