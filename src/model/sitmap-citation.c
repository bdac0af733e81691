/* sitmap-citation.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-citation"

#include "config.h"

#include "sitmap-citation.h"
#include "sitmap-enums.h"

struct _SitmapCitation
{
  GObject           parent_instance;
  SitmapSource     *source;
  SitmapSource     *via;
  char             *url;
  char             *paraphrase;
  SitmapTime        published;
  SitmapTime        accessed;
  SitmapCredibility credibility;
};

G_DEFINE_FINAL_TYPE (SitmapCitation, sitmap_citation, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SOURCE,
  PROP_VIA,
  PROP_URL,
  PROP_PARAPHRASE,
  PROP_CREDIBILITY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sitmap_citation_finalize (GObject *object)
{
  SitmapCitation *self = (SitmapCitation *) object;

  g_clear_object (&self->source);
  g_clear_object (&self->via);
  g_free (self->url);
  g_free (self->paraphrase);
  G_OBJECT_CLASS (sitmap_citation_parent_class)->finalize (object);
}

static void
sitmap_citation_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SitmapCitation *self = SITMAP_CITATION (object);

  switch (prop_id)
    {
    case PROP_SOURCE: g_value_set_object (value, self->source); break;
    case PROP_VIA: g_value_set_object (value, self->via); break;
    case PROP_URL: g_value_set_string (value, self->url); break;
    case PROP_PARAPHRASE: g_value_set_string (value, self->paraphrase); break;
    case PROP_CREDIBILITY: g_value_set_enum (value, self->credibility); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitmap_citation_class_init (SitmapCitationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sitmap_citation_finalize;
  object_class->get_property = sitmap_citation_get_property;

  properties[PROP_SOURCE] = g_param_spec_object ("source", NULL, NULL, SITMAP_TYPE_SOURCE, ro);
  properties[PROP_VIA] = g_param_spec_object ("via", NULL, NULL, SITMAP_TYPE_SOURCE, ro);
  properties[PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, ro);
  properties[PROP_PARAPHRASE] = g_param_spec_string ("paraphrase", NULL, NULL, NULL, ro);
  properties[PROP_CREDIBILITY] = g_param_spec_enum ("credibility", NULL, NULL, SITMAP_TYPE_CREDIBILITY,
                                                    SITMAP_CREDIBILITY_UNRATED, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sitmap_citation_init (SitmapCitation *self)
{
}

SitmapCitation *
sitmap_citation_new (SitmapSource *source, SitmapSource *via, const SitmapCitationRecord *record)
{
  SitmapCitation *self;

  g_return_val_if_fail (SITMAP_IS_SOURCE (source), NULL);
  g_return_val_if_fail (via == NULL || SITMAP_IS_SOURCE (via), NULL);

  self = g_object_new (SITMAP_TYPE_CITATION, NULL);
  self->source = g_object_ref (source);
  self->via = via ? g_object_ref (via) : NULL;
  self->url = g_strdup (record->url);
  self->paraphrase = g_strdup (record->paraphrase);
  self->published = record->published;
  self->accessed = record->accessed;
  self->credibility = record->credibility;
  return self;
}

SitmapSource *
sitmap_citation_get_source (SitmapCitation *self)
{
  g_return_val_if_fail (SITMAP_IS_CITATION (self), NULL);
  return self->source;
}

SitmapSource *
sitmap_citation_get_via (SitmapCitation *self)
{
  g_return_val_if_fail (SITMAP_IS_CITATION (self), NULL);
  return self->via;
}

const char *
sitmap_citation_get_url (SitmapCitation *self)
{
  g_return_val_if_fail (SITMAP_IS_CITATION (self), NULL);
  return self->url;
}

const char *
sitmap_citation_get_paraphrase (SitmapCitation *self)
{
  g_return_val_if_fail (SITMAP_IS_CITATION (self), NULL);
  return self->paraphrase;
}

const SitmapTime *
sitmap_citation_get_published (SitmapCitation *self)
{
  g_return_val_if_fail (SITMAP_IS_CITATION (self), NULL);
  return &self->published;
}

const SitmapTime *
sitmap_citation_get_accessed (SitmapCitation *self)
{
  g_return_val_if_fail (SITMAP_IS_CITATION (self), NULL);
  return &self->accessed;
}

SitmapCredibility
sitmap_citation_get_credibility (SitmapCitation *self)
{
  g_return_val_if_fail (SITMAP_IS_CITATION (self), SITMAP_CREDIBILITY_UNRATED);
  return self->credibility;
}
