/* sitmap-event-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-event-list"

#include "config.h"

#include "sitmap-event-list.h"

typedef enum
{
  MODE_VISIBLE,
  MODE_UNDATED,
} Mode;

struct _SitmapEventList
{
  GObject          parent_instance;
  SitmapViewState *view_state; /* weak: the view state outlives the widgets that hold lists */
  Mode             mode;
  guint            n_items;
};

static void sitmap_event_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SitmapEventList, sitmap_event_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, sitmap_event_list_model_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static guint
count_items (SitmapEventList *self)
{
  SitmapDocument *document;
  const SitmapEventColumns *columns;

  if (self->view_state == NULL)
    return 0;
  if (self->mode == MODE_VISIBLE)
    return sitmap_view_state_get_n_visible (self->view_state);
  document = sitmap_view_state_get_document (self->view_state);
  if (document == NULL)
    return 0;
  columns = sitmap_document_get_columns (document);
  return columns->n_events - columns->n_dated;
}

/* Every change replaces the whole list: the set is recomputed as a whole, and GTK asks only for the
 * rows it shows, so this costs nothing per event. */
static void
refresh (SitmapEventList *self)
{
  guint old_n = self->n_items;

  self->n_items = count_items (self);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->n_items);
  if (old_n != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
visible_changed_cb (SitmapEventList *self)
{
  refresh (self);
}

static void
document_changed_cb (SitmapEventList *self)
{
  refresh (self);
}

guint
sitmap_event_list_get_position (SitmapEventList *self, guint i)
{
  g_return_val_if_fail (SITMAP_IS_EVENT_LIST (self), 0);
  g_return_val_if_fail (i < self->n_items, 0);

  if (self->mode == MODE_VISIBLE)
    {
      guint n;

      return sitmap_view_state_get_visible (self->view_state, &n)[i];
    }
  return sitmap_document_get_columns (sitmap_view_state_get_document (self->view_state))->n_dated + i;
}

static GType
sitmap_event_list_get_item_type (GListModel *model)
{
  return SITMAP_TYPE_EVENT;
}

static guint
sitmap_event_list_get_n_items (GListModel *model)
{
  return SITMAP_EVENT_LIST (model)->n_items;
}

static gpointer
sitmap_event_list_get_item (GListModel *model, guint i)
{
  SitmapEventList *self = SITMAP_EVENT_LIST (model);

  if (i >= self->n_items)
    return NULL;
  return sitmap_document_get_event (sitmap_view_state_get_document (self->view_state),
                                    sitmap_event_list_get_position (self, i));
}

static void
sitmap_event_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = sitmap_event_list_get_item_type;
  iface->get_n_items = sitmap_event_list_get_n_items;
  iface->get_item = sitmap_event_list_get_item;
}

static void
sitmap_event_list_dispose (GObject *object)
{
  SitmapEventList *self = (SitmapEventList *) object;

  if (self->view_state != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->view_state, self);
      g_object_remove_weak_pointer (G_OBJECT (self->view_state), (gpointer *) &self->view_state);
      self->view_state = NULL;
    }
  G_OBJECT_CLASS (sitmap_event_list_parent_class)->dispose (object);
}

static void
sitmap_event_list_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SitmapEventList *self = SITMAP_EVENT_LIST (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS: g_value_set_uint (value, self->n_items); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitmap_event_list_class_init (SitmapEventListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sitmap_event_list_dispose;
  object_class->get_property = sitmap_event_list_get_property;

  properties[PROP_N_ITEMS] = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sitmap_event_list_init (SitmapEventList *self)
{
}

static SitmapEventList *
sitmap_event_list_new (SitmapViewState *view_state, Mode mode)
{
  SitmapEventList *self;

  g_return_val_if_fail (SITMAP_IS_VIEW_STATE (view_state), NULL);

  self = g_object_new (SITMAP_TYPE_EVENT_LIST, NULL);
  self->view_state = view_state;
  self->mode = mode;
  g_object_add_weak_pointer (G_OBJECT (view_state), (gpointer *) &self->view_state);
  if (mode == MODE_VISIBLE)
    g_signal_connect_swapped (view_state, "visible-changed", G_CALLBACK (visible_changed_cb), self);
  else
    g_signal_connect_swapped (view_state, "notify::document", G_CALLBACK (document_changed_cb), self);
  self->n_items = count_items (self);
  return self;
}

SitmapEventList *
sitmap_event_list_new_visible (SitmapViewState *view_state)
{
  return sitmap_event_list_new (view_state, MODE_VISIBLE);
}

SitmapEventList *
sitmap_event_list_new_undated (SitmapViewState *view_state)
{
  return sitmap_event_list_new (view_state, MODE_UNDATED);
}
