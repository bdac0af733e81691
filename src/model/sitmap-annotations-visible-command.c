/* sitmap-annotations-visible-command.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-annotations-visible-command"

#include "config.h"

#include <glib/gi18n.h>

#include "sitmap-annotations-visible-command.h"

struct _SitmapAnnotationsVisibleCommand
{
  SitmapCommand parent_instance;
  gboolean      visible;
};

G_DEFINE_FINAL_TYPE (SitmapAnnotationsVisibleCommand, sitmap_annotations_visible_command, SITMAP_TYPE_COMMAND)

static void
set (SitmapDocument *document, gboolean visible)
{
  sitmap_document_set_annotations_visible (document, visible);
  sitmap_document_emit_changed (document, SITMAP_DOCUMENT_CHANGE_ANNOTATIONS);
}

static void
sitmap_annotations_visible_command_apply (SitmapCommand *command, SitmapDocument *document)
{
  set (document, SITMAP_ANNOTATIONS_VISIBLE_COMMAND (command)->visible);
}

static void
sitmap_annotations_visible_command_revert (SitmapCommand *command, SitmapDocument *document)
{
  set (document, !SITMAP_ANNOTATIONS_VISIBLE_COMMAND (command)->visible);
}

static void
sitmap_annotations_visible_command_class_init (SitmapAnnotationsVisibleCommandClass *klass)
{
  SitmapCommandClass *command_class = SITMAP_COMMAND_CLASS (klass);

  command_class->apply = sitmap_annotations_visible_command_apply;
  command_class->revert = sitmap_annotations_visible_command_revert;
}

static void
sitmap_annotations_visible_command_init (SitmapAnnotationsVisibleCommand *self)
{
}

SitmapCommand *
sitmap_annotations_visible_command_new (SitmapDocument *document, gboolean visible)
{
  SitmapAnnotationsVisibleCommand *self;

  g_return_val_if_fail (SITMAP_IS_DOCUMENT (document), NULL);

  self = g_object_new (SITMAP_TYPE_ANNOTATIONS_VISIBLE_COMMAND, NULL);
  self->visible = !!visible;
  sitmap_command_set_label (SITMAP_COMMAND (self), visible ? _("Show Annotations") : _("Hide Annotations"));
  return SITMAP_COMMAND (self);
}
