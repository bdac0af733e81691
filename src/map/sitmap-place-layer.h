/* sitmap-place-layer.h: the document's gazetteer drawn beneath the events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

#include "sitmap-view-state.h"

G_BEGIN_DECLS

/* Settlements as small dots with their names, areas as a faint outline with the name at their label
 * point, all from the view state's document. Labels that would collide with one already placed are
 * left out, the most important places placed first. Draws only; clicks go through to the map. */
#define SITMAP_TYPE_PLACE_LAYER (sitmap_place_layer_get_type ())
G_DECLARE_FINAL_TYPE (SitmapPlaceLayer, sitmap_place_layer, SITMAP, PLACE_LAYER, ShumateLayer)

SitmapPlaceLayer *sitmap_place_layer_new (ShumateViewport *viewport, SitmapViewState *view_state);

void              sitmap_place_layer_set_show_settlements (SitmapPlaceLayer *self, gboolean show);
gboolean          sitmap_place_layer_get_show_settlements (SitmapPlaceLayer *self);

/* The indices (into the document's places) of the names the last snapshot wrote, ascending. */
const guint32    *sitmap_place_layer_get_labelled (SitmapPlaceLayer *self, guint *n_labelled);

G_END_DECLS
