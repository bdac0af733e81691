/* sitmap-annotation-popover.h: edit one annotation's text and style
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sitmap-annotation.h"
#include "sitmap-document.h"

G_BEGIN_DECLS

/* Its text (a label's words, another kind's caption), colour from the palette, line width, a circle's
 * radius in kilometres, and Delete. Each change is a command on the document's undo stack; the changes
 * of one kind made in one visit are one undo step (typing a word is not undone letter by letter). */
#define SITMAP_TYPE_ANNOTATION_POPOVER (sitmap_annotation_popover_get_type ())
G_DECLARE_FINAL_TYPE (SitmapAnnotationPopover, sitmap_annotation_popover, SITMAP, ANNOTATION_POPOVER, GtkPopover)

SitmapAnnotationPopover *
sitmap_annotation_popover_new (void);
/* Starts a visit: edits go to annotation, one of document's. */
void
sitmap_annotation_popover_set_annotation (SitmapAnnotationPopover *self, SitmapDocument *document,
                                          SitmapAnnotation *annotation);
/* Whether showing it puts the keyboard in the text, all selected (a new label's), or on its colour. */
void
sitmap_annotation_popover_set_focus_text (SitmapAnnotationPopover *self, gboolean focus_text);
/* Shows the annotation as it is now (after an undo). */
void
sitmap_annotation_popover_refresh (SitmapAnnotationPopover *self);

G_END_DECLS
