/* sitmap-import-command.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-import-command"

#include "config.h"

#include <glib/gi18n.h>

#include "sitmap-document-private.h"
#include "sitmap-import-command.h"

struct _SitmapImportCommand
{
  SitmapCommand          parent_instance;
  /* What the document does not hold now: the merged events before apply, the document's own after. */
  SitmapEventStoreMerge *other;
  guint                  n_added;
  guint                  n_duplicates;
};

G_DEFINE_FINAL_TYPE (SitmapImportCommand, sitmap_import_command, SITMAP_TYPE_COMMAND)

/* Apply and revert are the same exchange: each puts back what the other took. */
static void
swap (SitmapImportCommand *self, SitmapDocument *document)
{
  _sitmap_document_swap_events (document, &self->other->store, &self->other->sources, &self->other->places);
  sitmap_document_emit_changed (document, SITMAP_DOCUMENT_CHANGE_EVENTS | SITMAP_DOCUMENT_CHANGE_SOURCES);
}

static void
sitmap_import_command_apply (SitmapCommand *command, SitmapDocument *document)
{
  swap (SITMAP_IMPORT_COMMAND (command), document);
}

static void
sitmap_import_command_revert (SitmapCommand *command, SitmapDocument *document)
{
  swap (SITMAP_IMPORT_COMMAND (command), document);
}

static void
sitmap_import_command_finalize (GObject *object)
{
  SitmapImportCommand *self = (SitmapImportCommand *) object;

  g_clear_pointer (&self->other, sitmap_event_store_merge_free);
  G_OBJECT_CLASS (sitmap_import_command_parent_class)->finalize (object);
}

static void
sitmap_import_command_class_init (SitmapImportCommandClass *klass)
{
  SitmapCommandClass *command_class = SITMAP_COMMAND_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = sitmap_import_command_finalize;
  command_class->apply = sitmap_import_command_apply;
  command_class->revert = sitmap_import_command_revert;
}

static void
sitmap_import_command_init (SitmapImportCommand *self)
{
}

SitmapCommand *
sitmap_import_command_new (SitmapEventStoreMerge *merge, const char *name)
{
  SitmapImportCommand *self;
  g_autofree char *label = NULL;

  g_return_val_if_fail (merge != NULL && merge->store != NULL, NULL);

  self = g_object_new (SITMAP_TYPE_IMPORT_COMMAND, NULL);
  self->other = merge;
  self->n_added = merge->n_added;
  self->n_duplicates = merge->n_duplicates;
  /* TRANSLATORS: an undo item; %s is a file's name such as "events.csv" */
  label = name ? g_strdup_printf (_("Import %s"), name) : g_strdup (_("Import"));
  sitmap_command_set_label (SITMAP_COMMAND (self), label);
  return SITMAP_COMMAND (self);
}

guint
sitmap_import_command_get_n_added (SitmapImportCommand *self)
{
  g_return_val_if_fail (SITMAP_IS_IMPORT_COMMAND (self), 0);
  return self->n_added;
}

guint
sitmap_import_command_get_n_duplicates (SitmapImportCommand *self)
{
  g_return_val_if_fail (SITMAP_IS_IMPORT_COMMAND (self), 0);
  return self->n_duplicates;
}
