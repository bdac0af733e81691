/* sitmap-event-row.h: one event as a row of a list: its category's colour, title, category and date
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sitmap-event.h"

G_BEGIN_DECLS

#define SITMAP_TYPE_EVENT_ROW (sitmap_event_row_get_type ())
G_DECLARE_FINAL_TYPE (SitmapEventRow, sitmap_event_row, SITMAP, EVENT_ROW, GtkWidget)

GtkWidget   *sitmap_event_row_new (void);
/* NULL empties the row: list rows are reused for other events as the list scrolls. */
void         sitmap_event_row_set_event (SitmapEventRow *self, SitmapEvent *event);
SitmapEvent *sitmap_event_row_get_event (SitmapEventRow *self);

/* Draws a category's swatch as the rows show it (in a GtkDrawingArea's draw function): a disc of color,
 * ringed with a trace of area's text colour. */
void sitmap_event_row_draw_swatch (GtkWidget *area, cairo_t *cr, int width, int height, const GdkRGBA *color);

G_END_DECLS
