/* sitmap-document.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-document"

#include "config.h"

#include <glib/gi18n.h>

#include "sitmap-document-builder.h"
#include "sitmap-document-private.h"
#include "sitmap-event-command.h"
#include "sitmap-error.h"
#include "sitmap-event.h"
#include "sitmap-undo-stack.h"

struct _SitmapDocument
{
  GObject            parent_instance;
  char              *title;      /* the document's own, or NULL */
  char              *file_title; /* its file's name, shown when it has none of its own */
  char              *description;
  GFile             *file;
  SitmapDocumentView view;
  GPtrArray         *source_array; /* SitmapSource, for borrowed access by index */
  GPtrArray         *place_array;
  GListStore        *sources;      /* the same, as list models for widgets */
  GListStore        *places;
  SitmapEventStore  *store;
  SitmapUndoStack   *undo_stack;
  gboolean           native;
  GListStore        *named_views; /* SitmapNamedView */
  GListStore        *annotations; /* SitmapAnnotation */
  GHashTable        *annotation_ids; /* id → SitmapAnnotation, of those in the list */
  guint              last_annotation_number;
  gboolean           annotations_visible;
  GPtrArray         *resources; /* Resource, in the order read; NULL until there is one */
  guint              events_serial; /* how many times the store was replaced or its events edited */
  guint              last_event_number;
  SitmapEventStore  *file_store; /* the store read from the file: compared only, never freed through this */ /* of ids made for new events: "event-N" */
  /* Threads reading the document (a save, an index being built): an edit waits until they are done. */
  GMutex             readers_lock;
  GCond              readers_done;
  guint              n_readers;
};

/* A file that came with the document (an image of a KMZ), kept as it was to be written back. */
typedef struct
{
  char   *name;
  GBytes *bytes;
} Resource;

static void
resource_free (gpointer data)
{
  Resource *resource = data;

  g_free (resource->name);
  g_bytes_unref (resource->bytes);
  g_free (resource);
}

G_DEFINE_FINAL_TYPE (SitmapDocument, sitmap_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_FILE,
  PROP_N_EVENTS,
  PROP_ANNOTATIONS_VISIBLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
sitmap_document_finalize (GObject *object)
{
  SitmapDocument *self = (SitmapDocument *) object;

  g_free (self->title);
  g_free (self->file_title);
  g_free (self->description);
  g_clear_object (&self->file);
  g_clear_object (&self->sources);
  g_clear_object (&self->places);
  g_clear_pointer (&self->source_array, g_ptr_array_unref);
  g_clear_pointer (&self->place_array, g_ptr_array_unref);
  g_clear_pointer (&self->store, sitmap_event_store_free);
  g_clear_object (&self->undo_stack);
  g_clear_object (&self->named_views);
  g_clear_object (&self->annotations);
  g_clear_pointer (&self->annotation_ids, g_hash_table_unref);
  g_clear_pointer (&self->resources, g_ptr_array_unref);
  g_mutex_clear (&self->readers_lock);
  g_cond_clear (&self->readers_done);
  G_OBJECT_CLASS (sitmap_document_parent_class)->finalize (object);
}

static void
sitmap_document_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SitmapDocument *self = SITMAP_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_TITLE: g_value_set_string (value, sitmap_document_get_title (self)); break;
    case PROP_FILE: g_value_set_object (value, self->file); break;
    case PROP_N_EVENTS: g_value_set_uint (value, sitmap_document_get_n_live_events (self)); break;
    case PROP_ANNOTATIONS_VISIBLE: g_value_set_boolean (value, self->annotations_visible); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitmap_document_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  SitmapDocument *self = SITMAP_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_FILE: sitmap_document_set_file (self, g_value_get_object (value)); break;
    case PROP_ANNOTATIONS_VISIBLE: sitmap_document_set_annotations_visible (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitmap_document_class_init (SitmapDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sitmap_document_finalize;
  object_class->get_property = sitmap_document_get_property;
  object_class->set_property = sitmap_document_set_property;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE] = g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_EVENTS] = g_param_spec_uint ("n-events", NULL, NULL, 0, G_MAXUINT, 0,
                                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ANNOTATIONS_VISIBLE] =
    g_param_spec_boolean ("annotations-visible", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* (flags: SitmapDocumentChange) after an edit or its undo */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
sitmap_document_init (SitmapDocument *self)
{
  g_mutex_init (&self->readers_lock);
  g_cond_init (&self->readers_done);
  self->undo_stack = sitmap_undo_stack_new (self);
  self->named_views = g_list_store_new (SITMAP_TYPE_NAMED_VIEW);
  self->annotations = g_list_store_new (SITMAP_TYPE_ANNOTATION);
  self->annotation_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->annotations_visible = TRUE;
  /* A document made here, not read, is Sitmap's own. */
  self->native = TRUE;
}

void
sitmap_document_set_native (SitmapDocument *self, gboolean native)
{
  g_return_if_fail (SITMAP_IS_DOCUMENT (self));
  self->native = !!native;
}

static GListStore *
list_store_from_array (GType type, GPtrArray *array)
{
  GListStore *store = g_list_store_new (type);

  g_list_store_splice (store, 0, 0, array->pdata, array->len);
  return store;
}

SitmapDocument *
_sitmap_document_new (char                     *title,
                      char                     *description,
                      const SitmapDocumentView *view,
                      GPtrArray                *sources,
                      GPtrArray                *places,
                      SitmapEventStore         *store)
{
  SitmapDocument *self = g_object_new (SITMAP_TYPE_DOCUMENT, NULL);

  self->title = title;
  self->description = description;
  self->view = *view;
  self->source_array = sources;
  self->place_array = places;
  self->sources = list_store_from_array (SITMAP_TYPE_SOURCE, sources);
  self->places = list_store_from_array (SITMAP_TYPE_PLACE, places);
  self->store = self->file_store = store;
  return self;
}

static void
replace_list (GListStore *list, GPtrArray *items)
{
  g_list_store_splice (list, 0, g_list_model_get_n_items (G_LIST_MODEL (list)), items->pdata, items->len);
}

void
_sitmap_document_swap_events (SitmapDocument    *self,
                              SitmapEventStore **store,
                              GPtrArray        **sources,
                              GPtrArray        **places)
{
  gpointer tmp;

  g_return_if_fail (SITMAP_IS_DOCUMENT (self));
  g_return_if_fail (store != NULL && *store != NULL && sources != NULL && *sources != NULL);
  g_return_if_fail (places != NULL && *places != NULL);

  tmp = self->store, self->store = *store, *store = tmp;
  tmp = self->source_array, self->source_array = *sources, *sources = tmp;
  tmp = self->place_array, self->place_array = *places, *places = tmp;
  self->events_serial++;
  /* The same list objects, with new items: widgets bound to them follow. */
  replace_list (self->sources, self->source_array);
  replace_list (self->places, self->place_array);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_EVENTS]);
}

/*
 * Public API
 */

/* The document's own title, else its file's name, else "Untitled situation map". A getter that never
 * writes, so that a worker thread may read the document while the window shows it. */
const char *
sitmap_document_get_title (SitmapDocument *self)
{
  g_return_val_if_fail (SITMAP_IS_DOCUMENT (self), NULL);

  if (self->title != NULL)
    return self->title;
  return self->file_title ? self->file_title : _("Untitled situation map");
}

/* The title the document itself gives, or NULL: what a writer saves. */
const char *
sitmap_document_get_own_title (SitmapDocument *self)
{
  g_return_val_if_fail (SITMAP_IS_DOCUMENT (self), NULL);
  return self->title;
}

const char *
sitmap_document_get_description (SitmapDocument *self)
{
  g_return_val_if_fail (SITMAP_IS_DOCUMENT (self), NULL);
  return self->description;
}

GFile *
sitmap_document_get_file (SitmapDocument *self)
{
  g_return_val_if_fail (SITMAP_IS_DOCUMENT (self), NULL);
  return self->file;
}

void
sitmap_document_set_file (SitmapDocument *self, GFile *file)
{
  g_return_if_fail (SITMAP_IS_DOCUMENT (self));
  if (!g_set_object (&self->file, file))
    return;
  g_free (self->file_title);
  self->file_title = file ? g_file_get_basename (file) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  if (self->title == NULL)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

gboolean
sitmap_document_is_native (SitmapDocument *self)
{
  g_return_val_if_fail (SITMAP_IS_DOCUMENT (self), FALSE);
  return self->native;
}

SitmapUndoStack *
sitmap_document_get_undo_stack (SitmapDocument *self)
{
  g_return_val_if_fail (SITMAP_IS_DOCUMENT (self), NULL);
  return self->undo_stack;
}

void
sitmap_document_emit_changed (SitmapDocument *self, SitmapDocumentChange what)
{
  g_return_if_fail (SITMAP_IS_DOCUMENT (self));
  /* What was made of the events (a sorted order, a histogram, the map's points) is made again */
  if (what & SITMAP_DOCUMENT_CHANGE_EVENT_EDITS)
    self->events_serial++;
  g_signal_emit (self, signals[CHANGED], 0, (guint) what);
  if (what & SITMAP_DOCUMENT_CHANGE_EVENT_EDITS)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_EVENTS]);
}

const SitmapDocumentView *
sitmap_document_get_view (SitmapDocument *self)
{
  g_return_val_if_fail (SITMAP_IS_DOCUMENT (self), NULL);
  return &self->view;
}

guint
sitmap_document_get_n_events (SitmapDocument *self)
{
  g_return_val_if_fail (SITMAP_IS_DOCUMENT (self), 0);
  return sitmap_event_store_get_columns (self->store)->n_events;
}

const SitmapEventColumns *
sitmap_document_get_columns (SitmapDocument *self)
{
  g_return_val_if_fail (SITMAP_IS_DOCUMENT (self), NULL);
  return sitmap_event_store_get_columns (self->store);
}

SitmapEventStore *
sitmap_document_get_store (SitmapDocument *self)
{
  g_return_val_if_fail (SITMAP_IS_DOCUMENT (self), NULL);
  return self->store;
}

guint
sitmap_document_get_events_serial (SitmapDocument *self)
{
  g_return_val_if_fail (SITMAP_IS_DOCUMENT (self), 0);
  return self->events_serial;
}

SitmapEvent *
sitmap_document_get_event (SitmapDocument *self, guint position)
{
  g_return_val_if_fail (SITMAP_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (position < sitmap_document_get_n_events (self), NULL);
  return sitmap_event_new (self, position);
}

gint
sitmap_document_find_event (SitmapDocument *self, const char *id)
{
  g_return_val_if_fail (SITMAP_IS_DOCUMENT (self), -1);
  return sitmap_event_store_find (self->store, id);
}

GListModel *
sitmap_document_get_sources (SitmapDocument *self)
{
  g_return_val_if_fail (SITMAP_IS_DOCUMENT (self), NULL);
  return G_LIST_MODEL (self->sources);
}

SitmapSource *
sitmap_document_get_source (SitmapDocument *self, guint index)
{
  g_return_val_if_fail (SITMAP_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (index < self->source_array->len, NULL);
  return g_ptr_array_index (self->source_array, index);
}

static gint
find_by_id (GPtrArray *array, const char *(*get_id) (gpointer), const char *id)
{
  for (guint i = 0; i < array->len; i++)
    if (g_strcmp0 (get_id (g_ptr_array_index (array, i)), id) == 0)
      return (gint) i;
  return -1;
}

gint
sitmap_document_find_source (SitmapDocument *self, const char *id)
{
  g_return_val_if_fail (SITMAP_IS_DOCUMENT (self), -1);
  return find_by_id (self->source_array, (const char *(*) (gpointer)) sitmap_source_get_id, id);
}

GListModel *
sitmap_document_get_places (SitmapDocument *self)
{
  g_return_val_if_fail (SITMAP_IS_DOCUMENT (self), NULL);
  return G_LIST_MODEL (self->places);
}

SitmapPlace *
sitmap_document_get_place (SitmapDocument *self, guint index)
{
  g_return_val_if_fail (SITMAP_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (index < self->place_array->len, NULL);
  return g_ptr_array_index (self->place_array, index);
}

gint
sitmap_document_find_place (SitmapDocument *self, const char *id)
{
  g_return_val_if_fail (SITMAP_IS_DOCUMENT (self), -1);
  return find_by_id (self->place_array, (const char *(*) (gpointer)) sitmap_place_get_id, id);
}

GListModel *
sitmap_document_get_annotations (SitmapDocument *self)
{
  g_return_val_if_fail (SITMAP_IS_DOCUMENT (self), NULL);
  return G_LIST_MODEL (self->annotations);
}

/* By id through the index; the position, when asked for, by a scan (annotations are tens, rarely hundreds,
 * and a file may hold at most SITMAP_KML_MAX_ANNOTATIONS). */
SitmapAnnotation *
sitmap_document_find_annotation (SitmapDocument *self, const char *id, guint *position)
{
  SitmapAnnotation *annotation;
  guint n;

  g_return_val_if_fail (SITMAP_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  annotation = g_hash_table_lookup (self->annotation_ids, id);
  if (annotation == NULL || position == NULL)
    return annotation;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->annotations));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SitmapAnnotation) item = g_list_model_get_item (G_LIST_MODEL (self->annotations), i);

      if (item == annotation)
        {
          *position = i;
          break;
        }
    }
  return annotation;
}

/* Numbers only grow, so that an id freed by a deletion is not given to another annotation while the
 * deleted one may still come back with undo. */
char *
sitmap_document_dup_new_annotation_id (SitmapDocument *self)
{
  g_return_val_if_fail (SITMAP_IS_DOCUMENT (self), NULL);

  for (;;)
    {
      g_autofree char *id = g_strdup_printf ("annotation-%u", ++self->last_annotation_number);

      if (sitmap_document_find_annotation (self, id, NULL) == NULL)
        return g_steal_pointer (&id);
    }
}

void
sitmap_document_insert_annotation (SitmapDocument *self, guint position, SitmapAnnotation *annotation)
{
  g_return_if_fail (SITMAP_IS_DOCUMENT (self));
  g_return_if_fail (SITMAP_IS_ANNOTATION (annotation));
  g_return_if_fail (position <= g_list_model_get_n_items (G_LIST_MODEL (self->annotations)));
  g_return_if_fail (sitmap_document_find_annotation (self, sitmap_annotation_get_id (annotation), NULL) == NULL);

  g_list_store_insert (self->annotations, position, annotation);
  /* The id is the annotation's own, which never changes, and lives as long as the list holds it. */
  g_hash_table_insert (self->annotation_ids, (gpointer) sitmap_annotation_get_id (annotation), annotation);
}

void
sitmap_document_remove_annotation (SitmapDocument *self, guint position)
{
  g_autoptr (SitmapAnnotation) annotation = NULL;

  g_return_if_fail (SITMAP_IS_DOCUMENT (self));
  g_return_if_fail (position < g_list_model_get_n_items (G_LIST_MODEL (self->annotations)));

  annotation = g_list_model_get_item (G_LIST_MODEL (self->annotations), position);
  g_hash_table_remove (self->annotation_ids, sitmap_annotation_get_id (annotation));
  g_list_store_remove (self->annotations, position);
}

gboolean
sitmap_document_get_annotations_visible (SitmapDocument *self)
{
  g_return_val_if_fail (SITMAP_IS_DOCUMENT (self), TRUE);
  return self->annotations_visible;
}

void
sitmap_document_set_annotations_visible (SitmapDocument *self, gboolean visible)
{
  g_return_if_fail (SITMAP_IS_DOCUMENT (self));

  visible = !!visible;
  if (self->annotations_visible == visible)
    return;
  self->annotations_visible = visible;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANNOTATIONS_VISIBLE]);
}

guint
sitmap_document_get_n_resources (SitmapDocument *self)
{
  g_return_val_if_fail (SITMAP_IS_DOCUMENT (self), 0);

  return self->resources ? self->resources->len : 0;
}

GBytes *
sitmap_document_get_resource (SitmapDocument *self, guint index, const char **name)
{
  const Resource *resource;

  g_return_val_if_fail (SITMAP_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (index < sitmap_document_get_n_resources (self), NULL);

  resource = g_ptr_array_index (self->resources, index);
  if (name != NULL)
    *name = resource->name;
  return resource->bytes;
}

void
sitmap_document_add_resource (SitmapDocument *self, const char *name, GBytes *bytes)
{
  Resource *resource;

  g_return_if_fail (SITMAP_IS_DOCUMENT (self));
  g_return_if_fail (name != NULL && *name != '\0');
  g_return_if_fail (bytes != NULL);

  if (self->resources == NULL)
    self->resources = g_ptr_array_new_with_free_func (resource_free);
  resource = g_new (Resource, 1);
  resource->name = g_strdup (name);
  resource->bytes = g_bytes_ref (bytes);
  g_ptr_array_add (self->resources, resource);
}

G_DEFINE_QUARK (sitmap-document-error-quark, sitmap_document_error)

GListModel *
sitmap_document_get_named_views (SitmapDocument *self)
{
  g_return_val_if_fail (SITMAP_IS_DOCUMENT (self), NULL);
  return G_LIST_MODEL (self->named_views);
}

void
_sitmap_document_insert_named_view (SitmapDocument *self, guint index, SitmapNamedView *view)
{
  g_return_if_fail (SITMAP_IS_DOCUMENT (self));
  g_return_if_fail (SITMAP_IS_NAMED_VIEW (view));
  g_return_if_fail (index <= g_list_model_get_n_items (G_LIST_MODEL (self->named_views)));

  g_list_store_insert (self->named_views, index, view);
}

void
_sitmap_document_remove_named_view (SitmapDocument *self, guint index)
{
  g_return_if_fail (SITMAP_IS_DOCUMENT (self));
  g_return_if_fail (index < g_list_model_get_n_items (G_LIST_MODEL (self->named_views)));

  g_list_store_remove (self->named_views, index);
}

/*
 * Readers in other threads, and edits of events
 */

void
sitmap_document_begin_reading (SitmapDocument *self)
{
  g_return_if_fail (SITMAP_IS_DOCUMENT (self));
  g_mutex_lock (&self->readers_lock);
  self->n_readers++;
  g_mutex_unlock (&self->readers_lock);
}

void
sitmap_document_end_reading (SitmapDocument *self)
{
  g_return_if_fail (SITMAP_IS_DOCUMENT (self));
  g_mutex_lock (&self->readers_lock);
  g_return_if_fail (self->n_readers > 0);
  if (--self->n_readers == 0)
    g_cond_broadcast (&self->readers_done);
  g_mutex_unlock (&self->readers_lock);
}

/* Edits of events change the store in place, which no thread may be reading: the rare edit made while a big
 * document is being saved waits for the save. */
void
_sitmap_document_wait_for_readers (SitmapDocument *self)
{
  g_mutex_lock (&self->readers_lock);
  while (self->n_readers > 0)
    g_cond_wait (&self->readers_done, &self->readers_lock);
  g_mutex_unlock (&self->readers_lock);
}

guint
sitmap_document_get_n_live_events (SitmapDocument *self)
{
  g_return_val_if_fail (SITMAP_IS_DOCUMENT (self), 0);
  return sitmap_event_store_get_n_live (self->store);
}

void
_sitmap_document_append_source (SitmapDocument *self, SitmapSource *source)
{
  g_ptr_array_add (self->source_array, g_object_ref (source));
  g_list_store_append (self->sources, source);
}

void
_sitmap_document_remove_last_source (SitmapDocument *self)
{
  g_return_if_fail (self->source_array->len > 0);
  g_ptr_array_set_size (self->source_array, self->source_array->len - 1);
  g_list_store_remove (self->sources, self->source_array->len);
}

static guint
edit_lookup_source (const char *id, gpointer user_data)
{
  gint index = sitmap_document_find_source (user_data, id ? id : SITMAP_UNNAMED_SOURCE_ID);

  /* The command added every source its event names before it came here */
  g_return_val_if_fail (index >= 0, 1);
  return (guint) index + 1;
}

static guint
edit_lookup_place (const char *id, gpointer user_data)
{
  return (guint) (sitmap_document_find_place (user_data, id) + 1);
}

/* The event of draft, at the end of the store; flagged party-only as a built document's events are */
guint
_sitmap_document_append_event (SitmapDocument *self, const SitmapEventDraft *draft)
{
  guint position = sitmap_event_store_append_event (self->store, draft, edit_lookup_source, edit_lookup_place,
                                                    G_LIST_MODEL (self->places), self);

  sitmap_event_store_flag_party_only (self->store, position, position + 1, self->source_array);
  return position;
}

char *
sitmap_document_dup_new_event_id (SitmapDocument *self)
{
  g_return_val_if_fail (SITMAP_IS_DOCUMENT (self), NULL);
  for (;;)
    {
      char *id = g_strdup_printf ("event-%u", ++self->last_event_number);

      if (sitmap_event_store_find (self->store, id) < 0)
        return id;
      g_free (id);
    }
}

gboolean
sitmap_document_has_events_of_file (SitmapDocument *self)
{
  g_return_val_if_fail (SITMAP_IS_DOCUMENT (self), FALSE);
  return self->store == self->file_store;
}
