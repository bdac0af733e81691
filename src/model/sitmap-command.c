/* sitmap-command.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-command"

#include "config.h"

#include "sitmap-command.h"

typedef struct
{
  char *label;
} SitmapCommandPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (SitmapCommand, sitmap_command, G_TYPE_OBJECT)

static void
sitmap_command_finalize (GObject *object)
{
  SitmapCommandPrivate *priv = sitmap_command_get_instance_private (SITMAP_COMMAND (object));

  g_free (priv->label);
  G_OBJECT_CLASS (sitmap_command_parent_class)->finalize (object);
}

static gboolean
sitmap_command_real_merge (SitmapCommand *self, SitmapCommand *next)
{
  return FALSE;
}

static void
sitmap_command_class_init (SitmapCommandClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sitmap_command_finalize;
  klass->merge = sitmap_command_real_merge;
}

static void
sitmap_command_init (SitmapCommand *self)
{
}

const char *
sitmap_command_get_label (SitmapCommand *self)
{
  SitmapCommandPrivate *priv;

  g_return_val_if_fail (SITMAP_IS_COMMAND (self), NULL);
  priv = sitmap_command_get_instance_private (self);
  return priv->label;
}

void
sitmap_command_set_label (SitmapCommand *self, const char *label)
{
  SitmapCommandPrivate *priv;

  g_return_if_fail (SITMAP_IS_COMMAND (self));
  priv = sitmap_command_get_instance_private (self);
  g_free (priv->label);
  priv->label = g_strdup (label);
}

void
sitmap_command_apply (SitmapCommand *self, SitmapDocument *document)
{
  g_return_if_fail (SITMAP_IS_COMMAND (self));
  g_return_if_fail (SITMAP_IS_DOCUMENT (document));
  SITMAP_COMMAND_GET_CLASS (self)->apply (self, document);
}

void
sitmap_command_revert (SitmapCommand *self, SitmapDocument *document)
{
  g_return_if_fail (SITMAP_IS_COMMAND (self));
  g_return_if_fail (SITMAP_IS_DOCUMENT (document));
  SITMAP_COMMAND_GET_CLASS (self)->revert (self, document);
}

gboolean
sitmap_command_merge (SitmapCommand *self, SitmapCommand *next)
{
  g_return_val_if_fail (SITMAP_IS_COMMAND (self), FALSE);
  g_return_val_if_fail (SITMAP_IS_COMMAND (next), FALSE);
  return G_TYPE_FROM_INSTANCE (self) == G_TYPE_FROM_INSTANCE (next) && SITMAP_COMMAND_GET_CLASS (self)->merge (self, next);
}
