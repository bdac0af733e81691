/* sitmap-annotation-command.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-annotation-command"

#include "config.h"

#include <glib/gi18n.h>

#include "sitmap-annotation-command.h"

typedef enum
{
  ACTION_ADD,
  ACTION_REMOVE,
  ACTION_CHANGE,
} Action;

struct _SitmapAnnotationCommand
{
  SitmapCommand     parent_instance;
  Action            action;
  SitmapAnnotation *annotation; /* the document's own */
  guint             position;   /* ADD and REMOVE: where it was or goes; G_MAXUINT: at the end */
  /* CHANGE */
  SitmapAnnotation      *before;
  SitmapAnnotation      *after;
  SitmapAnnotationChange change;
  guint                  gesture;
};

G_DEFINE_FINAL_TYPE (SitmapAnnotationCommand, sitmap_annotation_command, SITMAP_TYPE_COMMAND)

static void
insert (SitmapAnnotationCommand *self, SitmapDocument *document)
{
  guint n = g_list_model_get_n_items (sitmap_document_get_annotations (document));

  sitmap_document_insert_annotation (document, MIN (self->position, n), self->annotation);
  sitmap_document_emit_changed (document, SITMAP_DOCUMENT_CHANGE_ANNOTATIONS);
}

static void
take_out (SitmapAnnotationCommand *self, SitmapDocument *document)
{
  guint position;

  if (sitmap_document_find_annotation (document, sitmap_annotation_get_id (self->annotation), &position)
      == self->annotation)
    {
      self->position = position;
      sitmap_document_remove_annotation (document, position);
    }
  sitmap_document_emit_changed (document, SITMAP_DOCUMENT_CHANGE_ANNOTATIONS);
}

static void
assign (SitmapAnnotationCommand *self, SitmapDocument *document, SitmapAnnotation *state)
{
  sitmap_annotation_assign (self->annotation, state);
  sitmap_document_emit_changed (document, SITMAP_DOCUMENT_CHANGE_ANNOTATIONS);
}

static void
sitmap_annotation_command_apply (SitmapCommand *command, SitmapDocument *document)
{
  SitmapAnnotationCommand *self = SITMAP_ANNOTATION_COMMAND (command);

  switch (self->action)
    {
      case ACTION_ADD:
        insert (self, document);
        break;
      case ACTION_REMOVE:
        take_out (self, document);
        break;
      case ACTION_CHANGE:
        assign (self, document, self->after);
        break;
      default:
        g_assert_not_reached ();
    }
}

static void
sitmap_annotation_command_revert (SitmapCommand *command, SitmapDocument *document)
{
  SitmapAnnotationCommand *self = SITMAP_ANNOTATION_COMMAND (command);

  switch (self->action)
    {
      case ACTION_ADD:
        take_out (self, document);
        break;
      case ACTION_REMOVE:
        insert (self, document);
        break;
      case ACTION_CHANGE:
        assign (self, document, self->before);
        break;
      default:
        g_assert_not_reached ();
    }
}

/* A drag is many moves, and typing many edits of the text: undo takes back the whole gesture. */
static gboolean
sitmap_annotation_command_merge (SitmapCommand *command, SitmapCommand *next_command)
{
  SitmapAnnotationCommand *self = SITMAP_ANNOTATION_COMMAND (command);
  SitmapAnnotationCommand *next = SITMAP_ANNOTATION_COMMAND (next_command);

  if (self->action != ACTION_CHANGE || next->action != ACTION_CHANGE || self->annotation != next->annotation
      || self->change != next->change || self->gesture == 0 || self->gesture != next->gesture)
    return FALSE;
  g_set_object (&self->after, next->after);
  return TRUE;
}

static void
sitmap_annotation_command_finalize (GObject *object)
{
  SitmapAnnotationCommand *self = (SitmapAnnotationCommand *)object;

  g_clear_object (&self->annotation);
  g_clear_object (&self->before);
  g_clear_object (&self->after);
  G_OBJECT_CLASS (sitmap_annotation_command_parent_class)->finalize (object);
}

static void
sitmap_annotation_command_class_init (SitmapAnnotationCommandClass *klass)
{
  SitmapCommandClass *command_class = SITMAP_COMMAND_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = sitmap_annotation_command_finalize;
  command_class->apply = sitmap_annotation_command_apply;
  command_class->revert = sitmap_annotation_command_revert;
  command_class->merge = sitmap_annotation_command_merge;
}

static void
sitmap_annotation_command_init (SitmapAnnotationCommand *self)
{
  self->position = G_MAXUINT;
}

/*
 * Undo items
 */

/* The undo item's words, by what is done to which kind: translators see each sentence whole. */
static const char *
add_label (SitmapAnnotationKind kind)
{
  switch (kind)
    {
      case SITMAP_ANNOTATION_LABEL:
        return _ ("Add Label");
      case SITMAP_ANNOTATION_ARROW:
        return _ ("Add Arrow");
      case SITMAP_ANNOTATION_CIRCLE:
        return _ ("Add Circle");
      case SITMAP_ANNOTATION_AREA:
        return _ ("Add Area");
      case SITMAP_ANNOTATION_HIGHLIGHT:
      case SITMAP_N_ANNOTATION_KINDS:
      default:
        return _ ("Add Highlight");
    }
}

static const char *
remove_label (SitmapAnnotationKind kind)
{
  switch (kind)
    {
      case SITMAP_ANNOTATION_LABEL:
        return _ ("Delete Label");
      case SITMAP_ANNOTATION_ARROW:
        return _ ("Delete Arrow");
      case SITMAP_ANNOTATION_CIRCLE:
        return _ ("Delete Circle");
      case SITMAP_ANNOTATION_AREA:
        return _ ("Delete Area");
      case SITMAP_ANNOTATION_HIGHLIGHT:
      case SITMAP_N_ANNOTATION_KINDS:
      default:
        return _ ("Delete Highlight");
    }
}

static char *
change_label (SitmapAnnotationKind kind, SitmapAnnotationChange change)
{
  const char *what = sitmap_annotation_kind_get_label (kind);

  switch (change)
    {
      /* TRANSLATORS: an undo item; %s is "Label", "Arrow", "Circle", "Area" or "Highlight" */
      case SITMAP_ANNOTATION_CHANGE_MOVE:
        return g_strdup_printf (_ ("Move %s"), what);
      /* TRANSLATORS: an undo item; %s is "Label", "Arrow", "Circle", "Area" or "Highlight" */
      case SITMAP_ANNOTATION_CHANGE_RESHAPE:
        return g_strdup_printf (_ ("Reshape %s"), what);
      /* TRANSLATORS: an undo item; %s is "Label", "Arrow", "Circle", "Area" or "Highlight" */
      case SITMAP_ANNOTATION_CHANGE_TEXT:
        return g_strdup_printf (_ ("Edit Text of %s"), what);
      /* TRANSLATORS: an undo item; %s is "Label", "Arrow", "Circle", "Area" or "Highlight" */
      case SITMAP_ANNOTATION_CHANGE_STYLE:
        return g_strdup_printf (_ ("Change Style of %s"), what);
      case SITMAP_ANNOTATION_CHANGE_EVENTS:
      default:
        return g_strdup (_ ("Change Highlighted Events"));
    }
}

/*
 * Public API
 */

static SitmapAnnotationCommand *
command_new (Action action, SitmapAnnotation *annotation)
{
  SitmapAnnotationCommand *self = g_object_new (SITMAP_TYPE_ANNOTATION_COMMAND, NULL);

  self->action = action;
  self->annotation = g_object_ref (annotation);
  return self;
}

SitmapCommand *
sitmap_annotation_command_new_add (SitmapAnnotation *annotation)
{
  SitmapAnnotationCommand *self;

  g_return_val_if_fail (SITMAP_IS_ANNOTATION (annotation), NULL);

  self = command_new (ACTION_ADD, annotation);
  sitmap_command_set_label (SITMAP_COMMAND (self), add_label (sitmap_annotation_get_kind (annotation)));
  return SITMAP_COMMAND (self);
}

SitmapCommand *
sitmap_annotation_command_new_remove (SitmapAnnotation *annotation)
{
  SitmapAnnotationCommand *self;

  g_return_val_if_fail (SITMAP_IS_ANNOTATION (annotation), NULL);

  self = command_new (ACTION_REMOVE, annotation);
  sitmap_command_set_label (SITMAP_COMMAND (self), remove_label (sitmap_annotation_get_kind (annotation)));
  return SITMAP_COMMAND (self);
}

SitmapCommand *
sitmap_annotation_command_new_change (SitmapAnnotation *annotation, SitmapAnnotation *after,
                                      SitmapAnnotationChange change, guint gesture)
{
  SitmapAnnotationCommand *self;
  g_autofree char         *label = NULL;

  g_return_val_if_fail (SITMAP_IS_ANNOTATION (annotation), NULL);
  g_return_val_if_fail (SITMAP_IS_ANNOTATION (after), NULL);
  g_return_val_if_fail (annotation != after, NULL);
  g_return_val_if_fail (change <= SITMAP_ANNOTATION_CHANGE_EVENTS, NULL);

  self = command_new (ACTION_CHANGE, annotation);
  self->before = sitmap_annotation_copy (annotation);
  self->after = sitmap_annotation_copy (after);
  self->change = change;
  self->gesture = gesture;
  label = change_label (sitmap_annotation_get_kind (annotation), change);
  sitmap_command_set_label (SITMAP_COMMAND (self), label);
  return SITMAP_COMMAND (self);
}

guint
sitmap_annotation_command_new_gesture (void)
{
  static guint last;

  /* Zero is "no gesture": skip it when the count wraps. */
  if (++last == 0)
    ++last;
  return last;
}
