/* sitmap-reliability-command.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-reliability-command"

#include "config.h"

#include <glib/gi18n.h>

#include "sitmap-reliability-command.h"

struct _SitmapReliabilityCommand
{
  SitmapCommand     parent_instance;
  SitmapSource     *source;
  SitmapReliability before;
  SitmapReliability after;
};

G_DEFINE_FINAL_TYPE (SitmapReliabilityCommand, sitmap_reliability_command, SITMAP_TYPE_COMMAND)

static void
set (SitmapDocument *document, SitmapSource *source, SitmapReliability reliability)
{
  sitmap_source_set_reliability (source, reliability);
  sitmap_document_emit_changed (document, SITMAP_DOCUMENT_CHANGE_SOURCES);
}

static void
sitmap_reliability_command_apply (SitmapCommand *command, SitmapDocument *document)
{
  SitmapReliabilityCommand *self = SITMAP_RELIABILITY_COMMAND (command);

  set (document, self->source, self->after);
}

static void
sitmap_reliability_command_revert (SitmapCommand *command, SitmapDocument *document)
{
  SitmapReliabilityCommand *self = SITMAP_RELIABILITY_COMMAND (command);

  set (document, self->source, self->before);
}

/* Trying grades one after the other is one edit: undo goes back to where it started. */
static gboolean
sitmap_reliability_command_merge (SitmapCommand *command, SitmapCommand *next_command)
{
  SitmapReliabilityCommand *self = SITMAP_RELIABILITY_COMMAND (command);
  SitmapReliabilityCommand *next = SITMAP_RELIABILITY_COMMAND (next_command);

  if (next->source != self->source)
    return FALSE;
  self->after = next->after;
  return TRUE;
}

static void
sitmap_reliability_command_finalize (GObject *object)
{
  SitmapReliabilityCommand *self = (SitmapReliabilityCommand *) object;

  g_clear_object (&self->source);
  G_OBJECT_CLASS (sitmap_reliability_command_parent_class)->finalize (object);
}

static void
sitmap_reliability_command_class_init (SitmapReliabilityCommandClass *klass)
{
  SitmapCommandClass *command_class = SITMAP_COMMAND_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = sitmap_reliability_command_finalize;
  command_class->apply = sitmap_reliability_command_apply;
  command_class->revert = sitmap_reliability_command_revert;
  command_class->merge = sitmap_reliability_command_merge;
}

static void
sitmap_reliability_command_init (SitmapReliabilityCommand *self)
{
}

SitmapCommand *
sitmap_reliability_command_new (SitmapSource *source, SitmapReliability reliability)
{
  SitmapReliabilityCommand *self;
  g_autofree char *label = NULL;

  g_return_val_if_fail (SITMAP_IS_SOURCE (source), NULL);
  g_return_val_if_fail (reliability <= SITMAP_RELIABILITY_F, NULL);

  self = g_object_new (SITMAP_TYPE_RELIABILITY_COMMAND, NULL);
  self->source = g_object_ref (source);
  self->before = sitmap_source_get_reliability (source);
  self->after = reliability;
  /* TRANSLATORS: an undo item; %s is a source such as "SOHR" */
  label = g_strdup_printf (_("Change Reliability of %s"), sitmap_source_get_short_name (source));
  sitmap_command_set_label (SITMAP_COMMAND (self), label);
  return SITMAP_COMMAND (self);
}
