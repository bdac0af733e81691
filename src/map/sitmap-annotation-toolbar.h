/* sitmap-annotation-toolbar.h: the annotation tools, over the map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sitmap-annotation-layer.h"

G_BEGIN_DECLS

/* A column of buttons, one per tool of the annotation layer (one pressed at a time, select by default),
 * and a switch that shows or hides the annotations (the document's annotations-visible); the tools rest
 * while they are hidden. */
#define SITMAP_TYPE_ANNOTATION_TOOLBAR (sitmap_annotation_toolbar_get_type ())
G_DECLARE_FINAL_TYPE (SitmapAnnotationToolbar, sitmap_annotation_toolbar, SITMAP, ANNOTATION_TOOLBAR, GtkWidget)

SitmapAnnotationToolbar *
sitmap_annotation_toolbar_new (void);
void
sitmap_annotation_toolbar_set_layer (SitmapAnnotationToolbar *self, SitmapAnnotationLayer *layer,
                                     SitmapViewState *view_state);
/* The button of a tool, and the show/hide switch: for tests. */
GtkWidget *
sitmap_annotation_toolbar_get_tool_button (SitmapAnnotationToolbar *self, SitmapAnnotationTool tool);
GtkWidget *
sitmap_annotation_toolbar_get_visibility_button (SitmapAnnotationToolbar *self);

G_END_DECLS
