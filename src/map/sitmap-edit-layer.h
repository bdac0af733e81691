/* sitmap-edit-layer.h: editing events on the map: a new event where the user points, moving a marker,
 * reshaping an area
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

#include "sitmap-event-layer.h"
#include "sitmap-view-state.h"

G_BEGIN_DECLS

/* A layer above the events that edits them, and takes nothing while browsing, so that browsing never
 * moves a thing by accident.
 *
 * Always: a right click on the map, or a long press on a touch screen, opens a menu at that point whose
 * "New Event Here" activates the window's `win.new-event-at` with the point's (latitude, longitude).
 *
 * In edit mode (the "edit-mode" property, the window's `win.edit-mode`): a point event's marker can be
 * dragged to a new place. The marker follows the pointer and the document changes once, on release
 * ("Move Event"); Escape during the drag cancels it. The selected event's area shows a handle at each
 * corner (drag: move it), one at each side's middle (drag or click: a corner there), and a corner's
 * right click menu or Delete, on the corner last pressed, removes it, never below three. Each finished
 * gesture is one command on the document's undo stack. Handles are drawn only for the one selected
 * shape; no widget is made per event. */
#define SITMAP_TYPE_EDIT_LAYER (sitmap_edit_layer_get_type ())
G_DECLARE_FINAL_TYPE (SitmapEditLayer, sitmap_edit_layer, SITMAP, EDIT_LAYER, ShumateLayer)

/* event_layer finds the markers under the pointer. */
SitmapEditLayer *sitmap_edit_layer_new (ShumateViewport *viewport, SitmapViewState *view_state,
                                        SitmapEventLayer *event_layer);

gboolean         sitmap_edit_layer_get_edit_mode (SitmapEditLayer *self);
void             sitmap_edit_layer_set_edit_mode (SitmapEditLayer *self, gboolean edit_mode);

G_END_DECLS
