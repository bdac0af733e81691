/* sitmap-source-chooser.h: the header bar's map source menu, and the map it sets the source of
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

#include "sitmap-tile-sources.h"

G_BEGIN_DECLS

/* A menu button naming the source the map shows. Its menu lists the sources as radio items, then
 * "Add MBTiles File…", "Add Online Source…" and a submenu to remove the user's sources. It sets the
 * map's source whenever the choice changes, keeping the map's center and zoom (the zoom within what
 * the new source has).
 *
 * Its actions, in the group "map" (get_action_group; the window inserts it too, so that a toast's
 * Undo reaches it): map.source (s, the id of the source shown), map.town-names (boolean: whether the
 * map names the document's towns over the source shown, that is whether its tiles do not; the user's
 * sources only), map.add-mbtiles, map.add-online, map.remove (s) and map.undo-remove.
 *
 * ::message asks the window for a toast: text (plain text, never markup) and the name of an action
 * that undoes what the message tells, or NULL. */
#define SITMAP_TYPE_SOURCE_CHOOSER (sitmap_source_chooser_get_type ())
G_DECLARE_FINAL_TYPE (SitmapSourceChooser, sitmap_source_chooser, SITMAP, SOURCE_CHOOSER, GtkWidget)

SitmapSourceChooser *sitmap_source_chooser_new (void);
/* Sets map's source from now on, and opens the remembered choice. settings: NULL to remember nothing. */
void                 sitmap_source_chooser_attach (SitmapSourceChooser *self,
                                                   ShumateSimpleMap    *map,
                                                   GSettings           *settings);
SitmapTileSources   *sitmap_source_chooser_get_sources (SitmapSourceChooser *self);
GActionGroup        *sitmap_source_chooser_get_action_group (SitmapSourceChooser *self);
/* What "Add MBTiles File…" does with the file picked: add and show it, or say why it cannot be used. */
void                 sitmap_source_chooser_add_file (SitmapSourceChooser *self, GFile *file);

G_END_DECLS
