/* sitmap-group-model.h: the events of a group, as a list model whose items are made only when asked for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sitmap-document.h"

G_BEGIN_DECLS

/* A fixed list of positions of one document, such as the view state's group: each item is a new
 * SitmapEvent, made when a row asks for it. A group of a hundred thousand events costs its positions,
 * not a hundred thousand objects. */
#define SITMAP_TYPE_GROUP_MODEL (sitmap_group_model_get_type ())
G_DECLARE_FINAL_TYPE (SitmapGroupModel, sitmap_group_model, SITMAP, GROUP_MODEL, GObject)

SitmapGroupModel *sitmap_group_model_new (SitmapDocument *document, const guint32 *positions, guint n_positions);
/* The document position of item i. */
guint             sitmap_group_model_get_position (SitmapGroupModel *self, guint i);
/* The item of a document position, or -1 when it is not in the group. */
gint              sitmap_group_model_find (SitmapGroupModel *self, guint position);

G_END_DECLS
