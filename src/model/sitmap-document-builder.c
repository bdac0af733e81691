/* sitmap-document-builder.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-document-builder"

#include "config.h"

#include <glib/gi18n.h>

#include "sitmap-document-builder.h"
#include "sitmap-document-private.h"


struct _SitmapDocumentBuilder
{
  char              *title;
  char              *description;
  SitmapDocumentView view;
  GPtrArray         *sources; /* SitmapSource */
  GPtrArray         *places;  /* SitmapPlace */
  GHashTable        *source_index; /* id → index + 1 */
  GHashTable        *place_index;  /* id → index + 1 */
  SitmapEventStore  *store;
  gboolean           native;
  GPtrArray         *named_views; /* SitmapNamedView */
};

SitmapDocumentBuilder *
sitmap_document_builder_new (void)
{
  SitmapDocumentBuilder *self = g_new0 (SitmapDocumentBuilder, 1);

  self->sources = g_ptr_array_new_with_free_func (g_object_unref);
  self->places = g_ptr_array_new_with_free_func (g_object_unref);
  self->named_views = g_ptr_array_new_with_free_func (g_object_unref);
  self->source_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->place_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->store = sitmap_event_store_new ();
  return self;
}

void
sitmap_document_builder_free (SitmapDocumentBuilder *self)
{
  if (self == NULL)
    return;
  g_free (self->title);
  g_free (self->description);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_pointer (&self->places, g_ptr_array_unref);
  g_hash_table_unref (self->source_index);
  g_hash_table_unref (self->place_index);
  g_clear_pointer (&self->store, sitmap_event_store_free);
  g_ptr_array_unref (self->named_views);
  g_free (self);
}

void
sitmap_document_builder_set_title (SitmapDocumentBuilder *self, const char *title)
{
  g_return_if_fail (self != NULL);

  g_free (self->title);
  self->title = title && *title ? g_strdup (title) : NULL;
}

void
sitmap_document_builder_set_description (SitmapDocumentBuilder *self, const char *description)
{
  g_return_if_fail (self != NULL);

  g_free (self->description);
  self->description = description && *description ? g_strdup (description) : NULL;
}

void
sitmap_document_builder_set_position (SitmapDocumentBuilder *self, double latitude, double longitude, double zoom)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (sitmap_coordinates_valid (latitude, longitude));

  self->view.has_position = TRUE;
  self->view.latitude = latitude;
  self->view.longitude = longitude;
  self->view.zoom = CLAMP (zoom, 0, 20);
}

void
sitmap_document_builder_set_time_window (SitmapDocumentBuilder *self, gint64 from, gint64 to)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (from < to);

  self->view.has_time = TRUE;
  self->view.from = from;
  self->view.to = to;
}

void
sitmap_document_builder_set_native (SitmapDocumentBuilder *self)
{
  g_return_if_fail (self != NULL);

  self->native = TRUE;
}

SitmapSource *
sitmap_document_builder_add_source (SitmapDocumentBuilder *self, const char *id)
{
  guint index;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  index = GPOINTER_TO_UINT (g_hash_table_lookup (self->source_index, id));
  if (index == 0)
    {
      g_ptr_array_add (self->sources, sitmap_source_new (id));
      index = self->sources->len;
      g_hash_table_insert (self->source_index, g_strdup (id), GUINT_TO_POINTER (index));
    }
  return g_ptr_array_index (self->sources, index - 1);
}

gboolean
sitmap_document_builder_add_place (SitmapDocumentBuilder *self, SitmapPlace *place)
{
  const char *id;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (SITMAP_IS_PLACE (place), FALSE);

  id = sitmap_place_get_id (place);
  if (g_hash_table_contains (self->place_index, id))
    return FALSE;
  g_ptr_array_add (self->places, g_object_ref (place));
  g_hash_table_insert (self->place_index, g_strdup (id), GUINT_TO_POINTER (self->places->len));
  return TRUE;
}

void
sitmap_document_builder_add_event (SitmapDocumentBuilder *self, const SitmapEventDraft *draft)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (draft != NULL);

  sitmap_event_store_add (self->store, draft);
}

void
sitmap_document_builder_add_events (SitmapDocumentBuilder *self, SitmapEventStore *events)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (events != NULL);

  /* Nothing added yet: the events' store becomes the document's, not copied into it */
  if (sitmap_event_store_get_n_added (self->store) == 0 && sitmap_event_store_get_n_groups (self->store) == 0)
    {
      sitmap_event_store_free (self->store);
      self->store = events;
      return;
    }
  sitmap_event_store_append (self->store, events);
}

guint
sitmap_document_builder_get_n_events (SitmapDocumentBuilder *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return sitmap_event_store_get_n_added (self->store);
}

guint
sitmap_document_builder_add_group (SitmapDocumentBuilder *self, guint parent, const char *name)
{
  g_return_val_if_fail (self != NULL, 0);

  return sitmap_event_store_add_group (self->store, parent, name);
}

/* A citation may name a source the file never describes: keep it, under the name it was given. */
static guint
lookup_source (const char *id, gpointer user_data)
{
  SitmapDocumentBuilder *self = user_data;
  guint index;

  index = GPOINTER_TO_UINT (g_hash_table_lookup (self->source_index, id ? id : SITMAP_UNNAMED_SOURCE_ID));
  if (index == 0)
    {
      SitmapSource *source = sitmap_document_builder_add_source (self, id ? id : SITMAP_UNNAMED_SOURCE_ID);

      if (id == NULL)
        sitmap_source_set_name (source, _("Unnamed source"));
      index = self->sources->len;
    }
  return index;
}

static guint
lookup_place (const char *id, gpointer user_data)
{
  SitmapDocumentBuilder *self = user_data;

  return GPOINTER_TO_UINT (g_hash_table_lookup (self->place_index, id));
}

SitmapDocument *
sitmap_document_builder_finish (SitmapDocumentBuilder *self)
{
  g_autoptr (GListStore) places = g_list_store_new (SITMAP_TYPE_PLACE);
  SitmapDocument *document;
  gint64 start;

  g_return_val_if_fail (self != NULL, NULL);

  g_list_store_splice (places, 0, 0, self->places->pdata, self->places->len);
  sitmap_event_store_finish (self->store, lookup_source, lookup_place, G_LIST_MODEL (places), self);
  start = g_get_monotonic_time ();
  sitmap_event_store_flag_party_only (self->store, 0, sitmap_event_store_get_columns (self->store)->n_events,
                                      self->sources);
  g_debug ("party flags in %.3f s", (g_get_monotonic_time () - start) / 1e6);

  document = _sitmap_document_new (g_steal_pointer (&self->title), g_steal_pointer (&self->description),
                                   &self->view, g_steal_pointer (&self->sources),
                                   g_steal_pointer (&self->places), g_steal_pointer (&self->store));
  sitmap_document_set_native (document, self->native);
  for (guint i = 0; i < self->named_views->len; i++)
    _sitmap_document_insert_named_view (document, i, g_ptr_array_index (self->named_views, i));
  sitmap_document_builder_free (self);
  return document;
}

gboolean
sitmap_document_builder_add_named_view (SitmapDocumentBuilder *self, SitmapNamedView *view)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (SITMAP_IS_NAMED_VIEW (view), FALSE);

  if (self->named_views->len >= SITMAP_NAMED_VIEW_MAX_VIEWS)
    return FALSE;
  g_ptr_array_add (self->named_views, g_object_ref (view));
  return TRUE;
}
