/* sitmap-blank-source.h: a tile source with no tiles, so the map shows its plain background
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

/* Every tile is missing (G_IO_ERROR_NOT_FOUND), at once and without touching a file or the network:
 * what the map shows while its real source opens, and instead of a basemap that cannot be found. */
#define SITMAP_TYPE_BLANK_SOURCE (sitmap_blank_source_get_type ())
G_DECLARE_FINAL_TYPE (SitmapBlankSource, sitmap_blank_source, SITMAP, BLANK_SOURCE, ShumateDataSource)

SitmapBlankSource *sitmap_blank_source_new (void);

G_END_DECLS
