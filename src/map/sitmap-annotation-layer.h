/* sitmap-annotation-layer.h: the document's annotations on the map, and the tools that draw them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

#include "sitmap-annotation.h"
#include "sitmap-event-layer.h"
#include "sitmap-view-state.h"

G_BEGIN_DECLS

/* What a press on the map does. */
typedef enum
{
  SITMAP_ANNOTATION_TOOL_SELECT,    /* click an annotation to select and edit it, drag to move it */
  SITMAP_ANNOTATION_TOOL_LABEL,     /* click: a label there; drag from a point: a label with a leader to it */
  SITMAP_ANNOTATION_TOOL_ARROW,     /* drag from the tail to the head */
  SITMAP_ANNOTATION_TOOL_CIRCLE,    /* drag from the centre to the rim; click: a 10 km circle */
  SITMAP_ANNOTATION_TOOL_AREA,      /* click each corner; double-click, Enter or a click on the first ends */
  SITMAP_ANNOTATION_TOOL_HIGHLIGHT, /* click events: the first rings it, the next join the selected ring */
  SITMAP_N_ANNOTATION_TOOLS
} SitmapAnnotationTool;

/* Draws the view state's document's annotations in one snapshot, above the events, geographic: they
 * stay put as the map pans, zooms and turns. Drawn by sitmap_annotation_draw, as exports draw them.
 *
 * With the select tool, the layer takes only presses on annotations: every other click reaches the
 * events beneath, and drags pan the map. A click on an annotation selects it and opens its popover
 * (text, colour, width, radius, delete); a drag moves it, a drag on a handle of the selection reshapes
 * it; Delete deletes it, Escape lets it go. With a drawing tool armed the layer takes every press, so
 * that the events' clicks do not fire; the middle button still pans, and so does dragging with the
 * area and highlight tools, which only click; the wheel zooms. Escape cancels what is being drawn,
 * then goes back to the select tool. The highlight tool picks events one click after another with no
 * popover in the way: a bar at the bottom of the map counts them, and its Done button puts the tool
 * down and opens the ring's popover. Every change is a command on the document's undo stack. */
#define SITMAP_TYPE_ANNOTATION_LAYER (sitmap_annotation_layer_get_type ())
G_DECLARE_FINAL_TYPE (SitmapAnnotationLayer, sitmap_annotation_layer, SITMAP, ANNOTATION_LAYER, ShumateLayer)

/* event_layer finds the events the highlight tool rings. */
SitmapAnnotationLayer *
sitmap_annotation_layer_new (ShumateViewport *viewport, SitmapViewState *view_state, SitmapEventLayer *event_layer);

SitmapAnnotationTool
sitmap_annotation_layer_get_tool (SitmapAnnotationLayer *self);
void
sitmap_annotation_layer_set_tool (SitmapAnnotationLayer *self, SitmapAnnotationTool tool);
/* The selected annotation (one of the document's), or NULL. */
SitmapAnnotation *
sitmap_annotation_layer_get_selected (SitmapAnnotationLayer *self);
void
sitmap_annotation_layer_set_selected (SitmapAnnotationLayer *self, SitmapAnnotation *annotation);
/* Deletes the selection, undoably; FALSE when nothing is selected. */
gboolean
sitmap_annotation_layer_delete_selected (SitmapAnnotationLayer *self);
/* The annotation drawn at (x, y) of the widget, topmost first, or NULL. */
SitmapAnnotation *
sitmap_annotation_layer_pick (SitmapAnnotationLayer *self, double x, double y);
/* Where a geographic point is on the widget; FALSE before the map has a size. */
gboolean
sitmap_annotation_layer_project (SitmapAnnotationLayer *self, double latitude, double longitude, double *x, double *y);

/* Whether what the layer shows is the annotations as they are, in this view: none is waiting for a
 * worker to draw it (a frame after a zoom or an edit shows the old drawing until then). */
gboolean
sitmap_annotation_layer_is_settled (SitmapAnnotationLayer *self);

/* The "Done" button shown over the map while the highlight tool picks events. */
GtkWidget *
sitmap_annotation_layer_get_done_button (SitmapAnnotationLayer *self);

const char *
sitmap_annotation_tool_get_label (SitmapAnnotationTool tool);
const char *
sitmap_annotation_tool_get_icon_name (SitmapAnnotationTool tool);

/* The next area drawn is handed over ("area-captured", a SitmapGeometry polygon), not added as an annotation */
void sitmap_annotation_layer_capture_area (SitmapAnnotationLayer *self);

G_END_DECLS
