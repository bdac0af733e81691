/* sitmap-georss-reader.h: news and alert feeds with places (GeoRSS in RSS 2.0, RSS 1.0 and Atom) in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sitmap-document.h"
#include "sitmap-import.h"

G_BEGIN_DECLS

/* How sure it is, from a file's first bytes, that the file is a feed (SitmapFormatSniffFunc). */
guint           sitmap_georss_sniff (const guint8 *head, gsize length);
/* Every entry of the feed as an event (SitmapFormatReadFunc): see docs/georss-format.md. */
SitmapDocument *sitmap_georss_read (GBytes *bytes, SitmapImport *import, GError **error);

G_END_DECLS
