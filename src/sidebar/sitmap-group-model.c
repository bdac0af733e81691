/* sitmap-group-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-group-model"

#include "config.h"

#include "sitmap-event.h"
#include "sitmap-group-model.h"
#include "sitmap-positions.h"

struct _SitmapGroupModel
{
  GObject         parent_instance;
  SitmapDocument *document;
  GArray         *positions; /* guint32, ascending */
};

static void sitmap_group_model_list_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SitmapGroupModel, sitmap_group_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, sitmap_group_model_list_init))

/*
 * GListModel
 */

static GType
sitmap_group_model_get_item_type (GListModel *model)
{
  return SITMAP_TYPE_EVENT;
}

static guint
sitmap_group_model_get_n_items (GListModel *model)
{
  return SITMAP_GROUP_MODEL (model)->positions->len;
}

static gpointer
sitmap_group_model_get_item (GListModel *model, guint i)
{
  SitmapGroupModel *self = SITMAP_GROUP_MODEL (model);

  if (i >= self->positions->len)
    return NULL;
  return sitmap_document_get_event (self->document, g_array_index (self->positions, guint32, i));
}

static void
sitmap_group_model_list_init (GListModelInterface *iface)
{
  iface->get_item_type = sitmap_group_model_get_item_type;
  iface->get_n_items = sitmap_group_model_get_n_items;
  iface->get_item = sitmap_group_model_get_item;
}

/*
 * GObject
 */

static void
sitmap_group_model_finalize (GObject *object)
{
  SitmapGroupModel *self = SITMAP_GROUP_MODEL (object);

  g_clear_object (&self->document);
  g_array_unref (self->positions);
  G_OBJECT_CLASS (sitmap_group_model_parent_class)->finalize (object);
}

static void
sitmap_group_model_class_init (SitmapGroupModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sitmap_group_model_finalize;
}

static void
sitmap_group_model_init (SitmapGroupModel *self)
{
  self->positions = g_array_new (FALSE, FALSE, sizeof (guint32));
}

/*
 * Public API
 */

SitmapGroupModel *
sitmap_group_model_new (SitmapDocument *document, const guint32 *positions, guint n_positions)
{
  SitmapGroupModel *self;

  g_return_val_if_fail (SITMAP_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (n_positions == 0 || positions != NULL, NULL);

  self = g_object_new (SITMAP_TYPE_GROUP_MODEL, NULL);
  self->document = g_object_ref (document);
  /* Only positions the document has: the group comes from elsewhere. */
  for (guint i = 0; i < n_positions; i++)
    if (positions[i] < sitmap_document_get_n_events (document))
      g_array_append_val (self->positions, positions[i]);
  return self;
}

guint
sitmap_group_model_get_position (SitmapGroupModel *self, guint i)
{
  g_return_val_if_fail (SITMAP_IS_GROUP_MODEL (self), 0);
  g_return_val_if_fail (i < self->positions->len, 0);

  return g_array_index (self->positions, guint32, i);
}

/* A binary search: the group is ascending. */
gint
sitmap_group_model_find (SitmapGroupModel *self, guint position)
{
  g_return_val_if_fail (SITMAP_IS_GROUP_MODEL (self), -1);
  return sitmap_positions_index_of ((const guint32 *) (gconstpointer) self->positions->data, self->positions->len,
                                    position);
}
