/* sitmap-named-view-command.c: one class for the three edits, each a swap of what is at an index
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-named-view-command"

#include "config.h"

#include <glib/gi18n.h>

#include "sitmap-document-private.h"
#include "sitmap-named-view-command.h"

struct _SitmapNamedViewCommand
{
  SitmapCommand    parent_instance;
  guint            index;
  SitmapNamedView *before; /* what is at index before the edit, NULL for an add */
  SitmapNamedView *after;  /* and after it, NULL for a delete */
};

G_DEFINE_FINAL_TYPE (SitmapNamedViewCommand, sitmap_named_view_command, SITMAP_TYPE_COMMAND)

static void
replace (SitmapDocument *document, guint index, SitmapNamedView *old, SitmapNamedView *new)
{
  if (old != NULL)
    _sitmap_document_remove_named_view (document, index);
  if (new != NULL)
    _sitmap_document_insert_named_view (document, index, new);
  sitmap_document_emit_changed (document, SITMAP_DOCUMENT_CHANGE_VIEWS);
}

static void
sitmap_named_view_command_apply (SitmapCommand *command, SitmapDocument *document)
{
  SitmapNamedViewCommand *self = SITMAP_NAMED_VIEW_COMMAND (command);

  replace (document, self->index, self->before, self->after);
}

static void
sitmap_named_view_command_revert (SitmapCommand *command, SitmapDocument *document)
{
  SitmapNamedViewCommand *self = SITMAP_NAMED_VIEW_COMMAND (command);

  replace (document, self->index, self->after, self->before);
}

static void
sitmap_named_view_command_finalize (GObject *object)
{
  SitmapNamedViewCommand *self = (SitmapNamedViewCommand *) object;

  g_clear_object (&self->before);
  g_clear_object (&self->after);
  G_OBJECT_CLASS (sitmap_named_view_command_parent_class)->finalize (object);
}

static void
sitmap_named_view_command_class_init (SitmapNamedViewCommandClass *klass)
{
  SitmapCommandClass *command_class = SITMAP_COMMAND_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = sitmap_named_view_command_finalize;
  command_class->apply = sitmap_named_view_command_apply;
  command_class->revert = sitmap_named_view_command_revert;
}

static void
sitmap_named_view_command_init (SitmapNamedViewCommand *self)
{
}

static SitmapCommand *
command_new (guint index, SitmapNamedView *before, SitmapNamedView *after, const char *label)
{
  SitmapNamedViewCommand *self = g_object_new (SITMAP_TYPE_NAMED_VIEW_COMMAND, NULL);

  self->index = index;
  self->before = before ? g_object_ref (before) : NULL;
  self->after = after ? g_object_ref (after) : NULL;
  sitmap_command_set_label (SITMAP_COMMAND (self), label);
  return SITMAP_COMMAND (self);
}

SitmapCommand *
sitmap_named_view_command_new_add (SitmapDocument *document, SitmapNamedView *view)
{
  g_autofree char *label = NULL;

  g_return_val_if_fail (SITMAP_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (SITMAP_IS_NAMED_VIEW (view), NULL);

  /* TRANSLATORS: an undo item; %s is the name the user gave a view, such as "HTS offensive" */
  label = g_strdup_printf (_("Save View “%s”"), sitmap_named_view_get_name (view));
  return command_new (g_list_model_get_n_items (sitmap_document_get_named_views (document)), NULL, view, label);
}

SitmapCommand *
sitmap_named_view_command_new_rename (SitmapDocument *document, guint index, const char *name)
{
  g_autoptr (SitmapNamedView) before = NULL;
  g_autoptr (SitmapNamedView) after = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (SITMAP_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (index < g_list_model_get_n_items (sitmap_document_get_named_views (document)), NULL);

  before = g_list_model_get_item (sitmap_document_get_named_views (document), index);
  after = sitmap_named_view_copy_renamed (before, name);
  /* TRANSLATORS: an undo item; %s is the name the view had */
  label = g_strdup_printf (_("Rename View “%s”"), sitmap_named_view_get_name (before));
  return command_new (index, before, after, label);
}

SitmapCommand *
sitmap_named_view_command_new_delete (SitmapDocument *document, guint index)
{
  g_autoptr (SitmapNamedView) before = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (SITMAP_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (index < g_list_model_get_n_items (sitmap_document_get_named_views (document)), NULL);

  before = g_list_model_get_item (sitmap_document_get_named_views (document), index);
  /* TRANSLATORS: an undo item; %s is the name of the view */
  label = g_strdup_printf (_("Delete View “%s”"), sitmap_named_view_get_name (before));
  return command_new (index, before, NULL, label);
}
