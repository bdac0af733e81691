/* sitmap-credibility-command.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-credibility-command"

#include "config.h"

#include <glib/gi18n.h>

#include "sitmap-credibility-command.h"

struct _SitmapCredibilityCommand
{
  SitmapCommand     parent_instance;
  guint             position;
  guint             citation;
  SitmapCredibility before;
  SitmapCredibility after;
};

G_DEFINE_FINAL_TYPE (SitmapCredibilityCommand, sitmap_credibility_command, SITMAP_TYPE_COMMAND)

static void
set (SitmapCredibilityCommand *self, SitmapDocument *document, SitmapCredibility credibility)
{
  sitmap_event_store_set_credibility (sitmap_document_get_store (document), self->position, self->citation,
                                      credibility);
  sitmap_document_emit_changed (document, SITMAP_DOCUMENT_CHANGE_CITATIONS);
}

static void
sitmap_credibility_command_apply (SitmapCommand *command, SitmapDocument *document)
{
  SitmapCredibilityCommand *self = SITMAP_CREDIBILITY_COMMAND (command);

  set (self, document, self->after);
}

static void
sitmap_credibility_command_revert (SitmapCommand *command, SitmapDocument *document)
{
  SitmapCredibilityCommand *self = SITMAP_CREDIBILITY_COMMAND (command);

  set (self, document, self->before);
}

static gboolean
sitmap_credibility_command_merge (SitmapCommand *command, SitmapCommand *next_command)
{
  SitmapCredibilityCommand *self = SITMAP_CREDIBILITY_COMMAND (command);
  SitmapCredibilityCommand *next = SITMAP_CREDIBILITY_COMMAND (next_command);

  if (next->position != self->position || next->citation != self->citation)
    return FALSE;
  self->after = next->after;
  return TRUE;
}

static void
sitmap_credibility_command_class_init (SitmapCredibilityCommandClass *klass)
{
  SitmapCommandClass *command_class = SITMAP_COMMAND_CLASS (klass);

  command_class->apply = sitmap_credibility_command_apply;
  command_class->revert = sitmap_credibility_command_revert;
  command_class->merge = sitmap_credibility_command_merge;
}

static void
sitmap_credibility_command_init (SitmapCredibilityCommand *self)
{
}

SitmapCommand *
sitmap_credibility_command_new (SitmapDocument   *document,
                                guint             position,
                                guint             i,
                                SitmapCredibility credibility)
{
  SitmapCredibilityCommand *self;
  const SitmapCitationRecord *citations;
  guint n;

  g_return_val_if_fail (SITMAP_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (position < sitmap_document_get_n_events (document), NULL);
  g_return_val_if_fail (credibility <= SITMAP_CREDIBILITY_6, NULL);
  citations = sitmap_event_store_get_citations (sitmap_document_get_store (document), position, &n);
  g_return_val_if_fail (i < n, NULL);

  self = g_object_new (SITMAP_TYPE_CREDIBILITY_COMMAND, NULL);
  self->position = position;
  self->citation = i;
  self->before = citations[i].credibility;
  self->after = credibility;
  sitmap_command_set_label (SITMAP_COMMAND (self), _("Change Credibility of a Citation"));
  return SITMAP_COMMAND (self);
}
