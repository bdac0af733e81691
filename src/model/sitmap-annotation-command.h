/* sitmap-annotation-command.h: add, remove and change the document's annotations, undoably
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sitmap-annotation.h"
#include "sitmap-command.h"

G_BEGIN_DECLS

/* What a change command changes: its undo item says so ("Move Arrow", "Edit Text of Label"). */
typedef enum
{
  SITMAP_ANNOTATION_CHANGE_MOVE,    /* every point, by the same offset */
  SITMAP_ANNOTATION_CHANGE_RESHAPE, /* some points, or a circle's radius */
  SITMAP_ANNOTATION_CHANGE_TEXT,
  SITMAP_ANNOTATION_CHANGE_STYLE,   /* the colour or the line width */
  SITMAP_ANNOTATION_CHANGE_EVENTS,  /* the events a highlight rings */
} SitmapAnnotationChange;

#define SITMAP_TYPE_ANNOTATION_COMMAND (sitmap_annotation_command_get_type ())
G_DECLARE_FINAL_TYPE (SitmapAnnotationCommand, sitmap_annotation_command, SITMAP, ANNOTATION_COMMAND,
                      SitmapCommand)

/* Adds annotation (whose id no other annotation of the document has) after the others. */
SitmapCommand *sitmap_annotation_command_new_add (SitmapAnnotation *annotation);
/* Removes one of the document's annotations; undo puts it back where it was. */
SitmapCommand *sitmap_annotation_command_new_remove (SitmapAnnotation *annotation);
/* Makes one of the document's annotations like after (a changed copy of it). Changes of the same
 * annotation, of the same kind and with the same non-zero gesture (one drag, one visit to the style
 * popover) merge into one undo step: a drag is undone as a whole, not pixel by pixel. */
SitmapCommand *sitmap_annotation_command_new_change (SitmapAnnotation      *annotation,
                                                     SitmapAnnotation      *after,
                                                     SitmapAnnotationChange change,
                                                     guint                  gesture);

/* A number not given before, for the gesture of change commands. */
guint          sitmap_annotation_command_new_gesture (void);

G_END_DECLS
