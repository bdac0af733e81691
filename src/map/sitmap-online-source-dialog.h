/* sitmap-online-source-dialog.h: "Add Online Source": a name, a URL template and an attribution
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sitmap-tile-sources.h"

G_BEGIN_DECLS

/* A small dialog that adds a tile server to sources, and shows it, when the user presses Add. Add
 * is only possible with a name and a valid URL template; what is wrong with the template is said
 * under it as the user types. It warns that the server sees what the user looks at. */
#define SITMAP_TYPE_ONLINE_SOURCE_DIALOG (sitmap_online_source_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SitmapOnlineSourceDialog, sitmap_online_source_dialog, SITMAP, ONLINE_SOURCE_DIALOG, GtkWindow)

SitmapOnlineSourceDialog *sitmap_online_source_dialog_new (SitmapTileSources *sources);

G_END_DECLS
