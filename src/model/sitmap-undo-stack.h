/* sitmap-undo-stack.h: a document's history of edits, and whether it differs from its file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "sitmap-command.h"

G_BEGIN_DECLS

#define SITMAP_TYPE_UNDO_STACK (sitmap_undo_stack_get_type ())
G_DECLARE_FINAL_TYPE (SitmapUndoStack, sitmap_undo_stack, SITMAP, UNDO_STACK, GObject)

/* The document is not referenced: it owns its stack. */
SitmapUndoStack *sitmap_undo_stack_new (SitmapDocument *document);
/* Applies command and makes it the next to undo; what could be redone is dropped. */
void             sitmap_undo_stack_push (SitmapUndoStack *self, SitmapCommand *command);
gboolean         sitmap_undo_stack_undo (SitmapUndoStack *self);
gboolean         sitmap_undo_stack_redo (SitmapUndoStack *self);
gboolean         sitmap_undo_stack_can_undo (SitmapUndoStack *self);
gboolean         sitmap_undo_stack_can_redo (SitmapUndoStack *self);
/* The label of what undo or redo would do, or NULL. */
const char      *sitmap_undo_stack_get_undo_label (SitmapUndoStack *self);
const char      *sitmap_undo_stack_get_redo_label (SitmapUndoStack *self);
/* Whether the document differs from what was last saved (or loaded). */
gboolean         sitmap_undo_stack_get_modified (SitmapUndoStack *self);
void             sitmap_undo_stack_mark_saved (SitmapUndoStack *self);
/* The document differs from its file whatever is undone or redone: a document restored after a crash, one
 * that changed while it was being saved, or one whose file another program changed. */
void             sitmap_undo_stack_mark_modified (SitmapUndoStack *self);

G_END_DECLS
