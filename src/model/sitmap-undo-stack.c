/* sitmap-undo-stack.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-undo-stack"

#include "config.h"

#include "sitmap-document-private.h"
#include "sitmap-undo-stack.h"

struct _SitmapUndoStack
{
  GObject         parent_instance;
  SitmapDocument *document; /* not owned: it owns us */
  GPtrArray      *done;     /* SitmapCommand, oldest first */
  GPtrArray      *undone;   /* SitmapCommand, the next to redo last */
  /* done->len when the document matched its file; -1 when no state of the history does any more */
  gint            saved_depth;
};

G_DEFINE_FINAL_TYPE (SitmapUndoStack, sitmap_undo_stack, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  PROP_MODIFIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* All the properties may change with any step; telling them all is simpler than tracking each. */
static void
notify_all (SitmapUndoStack *self)
{
  /* The saved state is none (-1), or a depth that undoing or redoing can reach */
  g_assert (self->saved_depth >= -1 && self->saved_depth <= (gint) (self->done->len + self->undone->len));
  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 1; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
sitmap_undo_stack_finalize (GObject *object)
{
  SitmapUndoStack *self = (SitmapUndoStack *) object;

  g_ptr_array_unref (self->done);
  g_ptr_array_unref (self->undone);
  G_OBJECT_CLASS (sitmap_undo_stack_parent_class)->finalize (object);
}

static void
sitmap_undo_stack_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SitmapUndoStack *self = SITMAP_UNDO_STACK (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO: g_value_set_boolean (value, sitmap_undo_stack_can_undo (self)); break;
    case PROP_CAN_REDO: g_value_set_boolean (value, sitmap_undo_stack_can_redo (self)); break;
    case PROP_UNDO_LABEL: g_value_set_string (value, sitmap_undo_stack_get_undo_label (self)); break;
    case PROP_REDO_LABEL: g_value_set_string (value, sitmap_undo_stack_get_redo_label (self)); break;
    case PROP_MODIFIED: g_value_set_boolean (value, sitmap_undo_stack_get_modified (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitmap_undo_stack_class_init (SitmapUndoStackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sitmap_undo_stack_finalize;
  object_class->get_property = sitmap_undo_stack_get_property;

  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, ro);
  properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, ro);
  properties[PROP_UNDO_LABEL] = g_param_spec_string ("undo-label", NULL, NULL, NULL, ro);
  properties[PROP_REDO_LABEL] = g_param_spec_string ("redo-label", NULL, NULL, NULL, ro);
  properties[PROP_MODIFIED] = g_param_spec_boolean ("modified", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sitmap_undo_stack_init (SitmapUndoStack *self)
{
  self->done = g_ptr_array_new_with_free_func (g_object_unref);
  self->undone = g_ptr_array_new_with_free_func (g_object_unref);
}

SitmapUndoStack *
sitmap_undo_stack_new (SitmapDocument *document)
{
  SitmapUndoStack *self;

  g_return_val_if_fail (SITMAP_IS_DOCUMENT (document), NULL);

  self = g_object_new (SITMAP_TYPE_UNDO_STACK, NULL);
  self->document = document;
  return self;
}

void
sitmap_undo_stack_push (SitmapUndoStack *self, SitmapCommand *command)
{
  SitmapCommand *top;

  g_return_if_fail (SITMAP_IS_UNDO_STACK (self));
  g_return_if_fail (SITMAP_IS_COMMAND (command));

  /* The document never changes under a thread reading it (a save, the recovery file, an index) */
  _sitmap_document_wait_for_readers (self->document);
  sitmap_command_apply (command, self->document);
  /* The saved state can only be reached again through what is being dropped. */
  if (self->saved_depth > (gint) self->done->len)
    self->saved_depth = -1;
  g_ptr_array_set_size (self->undone, 0);

  top = self->done->len ? g_ptr_array_index (self->done, self->done->len - 1) : NULL;
  /* A merge would rewrite the saved state itself: only merge past it. */
  if (top == NULL || self->saved_depth == (gint) self->done->len || !sitmap_command_merge (top, command))
    g_ptr_array_add (self->done, g_object_ref (command));
  notify_all (self);
}

gboolean
sitmap_undo_stack_undo (SitmapUndoStack *self)
{
  SitmapCommand *command;

  g_return_val_if_fail (SITMAP_IS_UNDO_STACK (self), FALSE);

  if (self->done->len == 0)
    return FALSE;
  command = g_ptr_array_steal_index (self->done, self->done->len - 1);
  _sitmap_document_wait_for_readers (self->document);
  sitmap_command_revert (command, self->document);
  g_ptr_array_add (self->undone, command);
  notify_all (self);
  return TRUE;
}

gboolean
sitmap_undo_stack_redo (SitmapUndoStack *self)
{
  SitmapCommand *command;

  g_return_val_if_fail (SITMAP_IS_UNDO_STACK (self), FALSE);

  if (self->undone->len == 0)
    return FALSE;
  command = g_ptr_array_steal_index (self->undone, self->undone->len - 1);
  /* The document never changes under a thread reading it (a save, the recovery file, an index) */
  _sitmap_document_wait_for_readers (self->document);
  sitmap_command_apply (command, self->document);
  g_ptr_array_add (self->done, command);
  notify_all (self);
  return TRUE;
}

gboolean
sitmap_undo_stack_can_undo (SitmapUndoStack *self)
{
  g_return_val_if_fail (SITMAP_IS_UNDO_STACK (self), FALSE);
  return self->done->len > 0;
}

gboolean
sitmap_undo_stack_can_redo (SitmapUndoStack *self)
{
  g_return_val_if_fail (SITMAP_IS_UNDO_STACK (self), FALSE);
  return self->undone->len > 0;
}

const char *
sitmap_undo_stack_get_undo_label (SitmapUndoStack *self)
{
  g_return_val_if_fail (SITMAP_IS_UNDO_STACK (self), NULL);
  return self->done->len ? sitmap_command_get_label (g_ptr_array_index (self->done, self->done->len - 1)) : NULL;
}

const char *
sitmap_undo_stack_get_redo_label (SitmapUndoStack *self)
{
  g_return_val_if_fail (SITMAP_IS_UNDO_STACK (self), NULL);
  return self->undone->len ? sitmap_command_get_label (g_ptr_array_index (self->undone, self->undone->len - 1))
                           : NULL;
}

gboolean
sitmap_undo_stack_get_modified (SitmapUndoStack *self)
{
  g_return_val_if_fail (SITMAP_IS_UNDO_STACK (self), FALSE);
  return self->saved_depth != (gint) self->done->len;
}

void
sitmap_undo_stack_mark_saved (SitmapUndoStack *self)
{
  g_return_if_fail (SITMAP_IS_UNDO_STACK (self));
  self->saved_depth = self->done->len;
  notify_all (self);
}

void
sitmap_undo_stack_mark_modified (SitmapUndoStack *self)
{
  g_return_if_fail (SITMAP_IS_UNDO_STACK (self));
  self->saved_depth = -1;
  notify_all (self);
}
