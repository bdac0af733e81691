/* sitmap-event.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-event"

#include "config.h"

#include "sitmap-citation.h"
#include "sitmap-enums.h"
#include "sitmap-event.h"
#include "sitmap-html.h"

struct _SitmapEvent
{
  GObject           parent_instance;
  SitmapDocument   *document;
  SitmapEventStore *store; /* the document's, cached */
  guint             position;
  gboolean          summary_reduced;
  char             *summary_text; /* the summary reduced from HTML, or NULL when it was plain */
  char            **links;
};

G_DEFINE_FINAL_TYPE (SitmapEvent, sitmap_event, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_POSITION,
  PROP_ID,
  PROP_TITLE,
  PROP_SUMMARY,
  PROP_CATEGORY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sitmap_event_finalize (GObject *object)
{
  SitmapEvent *self = (SitmapEvent *) object;

  g_clear_object (&self->document);
  g_free (self->summary_text);
  g_strfreev (self->links);
  G_OBJECT_CLASS (sitmap_event_parent_class)->finalize (object);
}

static void
sitmap_event_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SitmapEvent *self = SITMAP_EVENT (object);

  switch (prop_id)
    {
    case PROP_POSITION: g_value_set_uint (value, self->position); break;
    case PROP_ID: g_value_set_string (value, sitmap_event_get_id (self)); break;
    case PROP_TITLE: g_value_set_string (value, sitmap_event_get_title (self)); break;
    case PROP_SUMMARY: g_value_set_string (value, sitmap_event_get_summary (self)); break;
    case PROP_CATEGORY: g_value_set_enum (value, sitmap_event_get_category (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitmap_event_class_init (SitmapEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sitmap_event_finalize;
  object_class->get_property = sitmap_event_get_property;

  properties[PROP_POSITION] = g_param_spec_uint ("position", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, ro);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, ro);
  properties[PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, NULL, ro);
  properties[PROP_CATEGORY] = g_param_spec_enum ("category", NULL, NULL, SITMAP_TYPE_CATEGORY,
                                                 SITMAP_CATEGORY_OTHER, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sitmap_event_init (SitmapEvent *self)
{
}

SitmapEvent *
sitmap_event_new (SitmapDocument *document, guint position)
{
  SitmapEvent *self;

  g_return_val_if_fail (SITMAP_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (position < sitmap_document_get_n_events (document), NULL);

  self = g_object_new (SITMAP_TYPE_EVENT, NULL);
  self->document = g_object_ref (document);
  self->store = sitmap_document_get_store (document);
  self->position = position;
  return self;
}

SitmapDocument *
sitmap_event_get_document (SitmapEvent *self)
{
  g_return_val_if_fail (SITMAP_IS_EVENT (self), NULL);
  return self->document;
}

guint
sitmap_event_get_position (SitmapEvent *self)
{
  g_return_val_if_fail (SITMAP_IS_EVENT (self), 0);
  return self->position;
}

const char *
sitmap_event_get_id (SitmapEvent *self)
{
  g_return_val_if_fail (SITMAP_IS_EVENT (self), NULL);
  return sitmap_event_store_get_id (self->store, self->position);
}

const char *
sitmap_event_get_title (SitmapEvent *self)
{
  g_return_val_if_fail (SITMAP_IS_EVENT (self), NULL);
  return sitmap_event_store_get_title (self->store, self->position);
}

/* Reduced once per object: the store keeps the description as the file had it, so that a save
 * writes it back unchanged. */
static void
reduce_summary (SitmapEvent *self)
{
  const char *summary = sitmap_event_store_get_summary (self->store, self->position);

  if (self->summary_reduced)
    return;
  self->summary_reduced = TRUE;
  if (sitmap_html_is_markup (summary))
    self->summary_text = sitmap_html_to_text (summary, &self->links);
  else
    self->links = g_new0 (char *, 1);
}

const char *
sitmap_event_get_summary (SitmapEvent *self)
{
  g_return_val_if_fail (SITMAP_IS_EVENT (self), NULL);

  reduce_summary (self);
  if (self->summary_text != NULL)
    return *self->summary_text != '\0' ? self->summary_text : NULL;
  return sitmap_event_store_get_summary (self->store, self->position);
}

const char *
sitmap_event_get_raw_summary (SitmapEvent *self)
{
  g_return_val_if_fail (SITMAP_IS_EVENT (self), NULL);
  return sitmap_event_store_get_summary (self->store, self->position);
}

const char *const *
sitmap_event_get_links (SitmapEvent *self)
{
  g_return_val_if_fail (SITMAP_IS_EVENT (self), NULL);

  reduce_summary (self);
  return (const char *const *) self->links;
}

SitmapCategory
sitmap_event_get_category (SitmapEvent *self)
{
  g_return_val_if_fail (SITMAP_IS_EVENT (self), SITMAP_CATEGORY_OTHER);
  return sitmap_event_store_get_columns (self->store)->category[self->position];
}

void
sitmap_event_get_time (SitmapEvent *self, SitmapTime *time)
{
  g_return_if_fail (SITMAP_IS_EVENT (self));
  sitmap_event_store_get_time (self->store, self->position, time);
}

SitmapLocationPrecision
sitmap_event_get_location_precision (SitmapEvent *self)
{
  g_return_val_if_fail (SITMAP_IS_EVENT (self), SITMAP_LOCATION_PRECISION_NONE);
  return sitmap_event_store_get_columns (self->store)->location_precision[self->position];
}

gboolean
sitmap_event_get_location (SitmapEvent *self, double *latitude, double *longitude)
{
  g_return_val_if_fail (SITMAP_IS_EVENT (self), FALSE);
  return sitmap_event_store_get_location (self->store, self->position, latitude, longitude);
}

SitmapGeometry *
sitmap_event_get_geometry (SitmapEvent *self)
{
  g_return_val_if_fail (SITMAP_IS_EVENT (self), NULL);
  return sitmap_event_store_get_geometry (self->store, self->position);
}

guint
sitmap_event_get_radius (SitmapEvent *self)
{
  g_return_val_if_fail (SITMAP_IS_EVENT (self), 0);
  return sitmap_event_store_get_radius (self->store, self->position);
}

SitmapPlace *
sitmap_event_get_place (SitmapEvent *self)
{
  guint place;

  g_return_val_if_fail (SITMAP_IS_EVENT (self), NULL);
  place = sitmap_event_store_get_place (self->store, self->position);
  return place ? sitmap_document_get_place (self->document, place - 1) : NULL;
}

const char *
sitmap_event_get_place_name (SitmapEvent *self)
{
  const char *text;
  SitmapPlace *place;

  g_return_val_if_fail (SITMAP_IS_EVENT (self), NULL);
  text = sitmap_event_store_get_place_text (self->store, self->position);
  if (text != NULL)
    return text;
  place = sitmap_event_get_place (self);
  return place ? sitmap_place_get_name (place) : NULL;
}

guint
sitmap_event_get_n_attributes (SitmapEvent *self)
{
  g_return_val_if_fail (SITMAP_IS_EVENT (self), 0);

  return sitmap_event_store_get_n_attributes (self->store, self->position);
}

const char *
sitmap_event_get_attribute (SitmapEvent *self, guint i, const char **value)
{
  g_return_val_if_fail (SITMAP_IS_EVENT (self), NULL);

  return sitmap_event_store_get_attribute (self->store, self->position, i, value);
}

/* Folders nest no deeper than the file could (its depth is limited); this is a guard against a cycle. */
#define MAX_GROUP_DEPTH 256

char *
sitmap_event_dup_group_path (SitmapEvent *self)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  guint group;

  g_return_val_if_fail (SITMAP_IS_EVENT (self), NULL);

  group = sitmap_event_store_get_group (self->store, self->position);
  while (group != 0 && names->len < MAX_GROUP_DEPTH)
    {
      const char *name = sitmap_event_store_get_group_name (self->store, group, &group);

      g_ptr_array_insert (names, 0, (gpointer) name);
    }
  if (names->len == 0)
    return NULL;
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" / ", (char **) names->pdata);
}

const char *const *
sitmap_event_get_actors (SitmapEvent *self, guint *n_actors)
{
  g_return_val_if_fail (SITMAP_IS_EVENT (self), NULL);
  return sitmap_event_store_get_actors (self->store, self->position, n_actors);
}

const SitmapFigure *
sitmap_event_get_figures (SitmapEvent *self, guint *n_figures)
{
  g_return_val_if_fail (SITMAP_IS_EVENT (self), NULL);
  return sitmap_event_store_get_figures (self->store, self->position, n_figures);
}

GListModel *
sitmap_event_dup_citations (SitmapEvent *self)
{
  const SitmapCitationRecord *records;
  GListStore *citations;
  guint n;

  g_return_val_if_fail (SITMAP_IS_EVENT (self), NULL);

  citations = g_list_store_new (SITMAP_TYPE_CITATION);
  records = sitmap_event_store_get_citations (self->store, self->position, &n);
  for (guint i = 0; i < n; i++)
    {
      SitmapSource *source = sitmap_document_get_source (self->document, records[i].source);
      SitmapSource *via = records[i].via ? sitmap_document_get_source (self->document, records[i].via - 1) : NULL;
      g_autoptr (SitmapCitation) citation = sitmap_citation_new (source, via, &records[i]);

      g_list_store_append (citations, citation);
    }
  return G_LIST_MODEL (citations);
}

/* Citations that share an origin are one voice however many outlets carried them. */
guint
sitmap_event_get_n_origins (SitmapEvent *self)
{
  g_return_val_if_fail (SITMAP_IS_EVENT (self), 0);
  /* Counted once by the store: citations sharing an origin count once, whoever relayed them. */
  return sitmap_event_store_get_columns (self->store)->origins[self->position];
}

gboolean
sitmap_event_is_party_only (SitmapEvent *self)
{
  g_return_val_if_fail (SITMAP_IS_EVENT (self), FALSE);
  return (sitmap_event_store_get_columns (self->store)->flags[self->position] & SITMAP_EVENT_FLAG_PARTY_ONLY) != 0;
}
