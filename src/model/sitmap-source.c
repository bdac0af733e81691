/* sitmap-source.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-source"

#include "config.h"

#include <glib/gi18n.h>

#include "sitmap-enums.h"
#include "sitmap-source.h"

struct _SitmapSource
{
  GObject           parent_instance;
  char             *id;
  char             *name;
  char             *abbreviation;
  char             *url;
  char             *note;
  SitmapSourceKind  kind;
  SitmapReliability reliability;
  guint             party : 1;
};

G_DEFINE_FINAL_TYPE (SitmapSource, sitmap_source, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_ABBREVIATION,
  PROP_KIND,
  PROP_PARTY,
  PROP_RELIABILITY,
  PROP_URL,
  PROP_NOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/*
 * Identifiers: Sitmap's file format, never rename one
 */

static const struct
{
  const char *id;
  const char *label;
} source_kinds[SITMAP_N_SOURCE_KINDS] = {
  [SITMAP_SOURCE_KIND_UNKNOWN] = { "unknown", N_("Source of unknown kind") },
  [SITMAP_SOURCE_KIND_MONITOR] = { "monitor", N_("Monitoring group") },
  [SITMAP_SOURCE_KIND_NEWS_AGENCY] = { "news-agency", N_("News agency") },
  [SITMAP_SOURCE_KIND_NEWS_SITE] = { "news-site", N_("News outlet") },
  [SITMAP_SOURCE_KIND_OFFICIAL] = { "official", N_("Official") },
  [SITMAP_SOURCE_KIND_NGO] = { "ngo", N_("Non-governmental organisation") },
  [SITMAP_SOURCE_KIND_SOCIAL_MEDIA] = { "social-media", N_("Social media") },
  [SITMAP_SOURCE_KIND_IMAGERY] = { "imagery", N_("Imagery") },
  [SITMAP_SOURCE_KIND_INDIVIDUAL] = { "individual", N_("Individual") },
};

static const struct
{
  const char *id;
  const char *label;
} reliabilities[] = {
  [SITMAP_RELIABILITY_UNRATED] = { "", N_("Reliability not rated") },
  [SITMAP_RELIABILITY_A] = { "A", N_("A: completely reliable") },
  [SITMAP_RELIABILITY_B] = { "B", N_("B: usually reliable") },
  [SITMAP_RELIABILITY_C] = { "C", N_("C: fairly reliable") },
  [SITMAP_RELIABILITY_D] = { "D", N_("D: not usually reliable") },
  [SITMAP_RELIABILITY_E] = { "E", N_("E: unreliable") },
  [SITMAP_RELIABILITY_F] = { "F", N_("F: reliability cannot be judged") },
};

const char *
sitmap_source_kind_to_id (SitmapSourceKind kind)
{
  g_return_val_if_fail (kind < SITMAP_N_SOURCE_KINDS, "unknown");
  return source_kinds[kind].id;
}

gboolean
sitmap_source_kind_from_id (const char *id, SitmapSourceKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (source_kinds); i++)
    if (g_strcmp0 (id, source_kinds[i].id) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

const char *
sitmap_source_kind_get_label (SitmapSourceKind kind)
{
  g_return_val_if_fail (kind < SITMAP_N_SOURCE_KINDS, _(source_kinds[0].label));
  return _(source_kinds[kind].label);
}

const char *
sitmap_reliability_to_id (SitmapReliability reliability)
{
  g_return_val_if_fail (reliability < G_N_ELEMENTS (reliabilities), "");
  return reliabilities[reliability].id;
}

gboolean
sitmap_reliability_from_id (const char *id, SitmapReliability *reliability)
{
  for (guint i = 1; i < G_N_ELEMENTS (reliabilities); i++)
    if (g_ascii_strcasecmp (id, reliabilities[i].id) == 0)
      {
        *reliability = i;
        return TRUE;
      }
  return FALSE;
}

const char *
sitmap_reliability_get_label (SitmapReliability reliability)
{
  g_return_val_if_fail (reliability < G_N_ELEMENTS (reliabilities), _(reliabilities[0].label));
  return _(reliabilities[reliability].label);
}

/*
 * GObject
 */

static void
sitmap_source_finalize (GObject *object)
{
  SitmapSource *self = (SitmapSource *) object;

  g_free (self->id);
  g_free (self->name);
  g_free (self->abbreviation);
  g_free (self->url);
  g_free (self->note);
  G_OBJECT_CLASS (sitmap_source_parent_class)->finalize (object);
}

static void
sitmap_source_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SitmapSource *self = SITMAP_SOURCE (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_ABBREVIATION: g_value_set_string (value, self->abbreviation); break;
    case PROP_KIND: g_value_set_enum (value, self->kind); break;
    case PROP_PARTY: g_value_set_boolean (value, self->party); break;
    case PROP_RELIABILITY: g_value_set_enum (value, self->reliability); break;
    case PROP_URL: g_value_set_string (value, self->url); break;
    case PROP_NOTE: g_value_set_string (value, self->note); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitmap_source_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  SitmapSource *self = SITMAP_SOURCE (object);

  switch (prop_id)
    {
    case PROP_ID: self->id = g_value_dup_string (value); break;
    case PROP_NAME: sitmap_source_set_name (self, g_value_get_string (value)); break;
    case PROP_ABBREVIATION: sitmap_source_set_abbreviation (self, g_value_get_string (value)); break;
    case PROP_KIND: sitmap_source_set_kind (self, g_value_get_enum (value)); break;
    case PROP_PARTY: sitmap_source_set_party (self, g_value_get_boolean (value)); break;
    case PROP_RELIABILITY: sitmap_source_set_reliability (self, g_value_get_enum (value)); break;
    case PROP_URL: sitmap_source_set_url (self, g_value_get_string (value)); break;
    case PROP_NOTE: sitmap_source_set_note (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitmap_source_class_init (SitmapSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sitmap_source_finalize;
  object_class->get_property = sitmap_source_get_property;
  object_class->set_property = sitmap_source_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL,
                                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, rw);
  properties[PROP_ABBREVIATION] = g_param_spec_string ("abbreviation", NULL, NULL, NULL, rw);
  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, SITMAP_TYPE_SOURCE_KIND,
                                             SITMAP_SOURCE_KIND_UNKNOWN, rw);
  properties[PROP_PARTY] = g_param_spec_boolean ("party", NULL, NULL, FALSE, rw);
  properties[PROP_RELIABILITY] = g_param_spec_enum ("reliability", NULL, NULL, SITMAP_TYPE_RELIABILITY,
                                                    SITMAP_RELIABILITY_UNRATED, rw);
  properties[PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, rw);
  properties[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, NULL, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sitmap_source_init (SitmapSource *self)
{
}

/*
 * Public API
 */

SitmapSource *
sitmap_source_new (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);
  return g_object_new (SITMAP_TYPE_SOURCE, "id", id, NULL);
}

/* g_set_str() is GLib 2.76; Debian 12 has 2.74. */
static void
set_string (SitmapSource *self, char **field, const char *value, guint prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

const char *
sitmap_source_get_id (SitmapSource *self)
{
  g_return_val_if_fail (SITMAP_IS_SOURCE (self), NULL);
  return self->id;
}

const char *
sitmap_source_get_name (SitmapSource *self)
{
  g_return_val_if_fail (SITMAP_IS_SOURCE (self), NULL);
  return self->name ? self->name : self->id;
}

void
sitmap_source_set_name (SitmapSource *self, const char *name)
{
  g_return_if_fail (SITMAP_IS_SOURCE (self));
  set_string (self, &self->name, name, PROP_NAME);
}

const char *
sitmap_source_get_abbreviation (SitmapSource *self)
{
  g_return_val_if_fail (SITMAP_IS_SOURCE (self), NULL);
  return self->abbreviation;
}

void
sitmap_source_set_abbreviation (SitmapSource *self, const char *abbreviation)
{
  g_return_if_fail (SITMAP_IS_SOURCE (self));
  set_string (self, &self->abbreviation, abbreviation, PROP_ABBREVIATION);
}

const char *
sitmap_source_get_short_name (SitmapSource *self)
{
  g_return_val_if_fail (SITMAP_IS_SOURCE (self), NULL);
  return self->abbreviation && *self->abbreviation ? self->abbreviation : sitmap_source_get_name (self);
}

SitmapSourceKind
sitmap_source_get_kind (SitmapSource *self)
{
  g_return_val_if_fail (SITMAP_IS_SOURCE (self), SITMAP_SOURCE_KIND_UNKNOWN);
  return self->kind;
}

void
sitmap_source_set_kind (SitmapSource *self, SitmapSourceKind kind)
{
  g_return_if_fail (SITMAP_IS_SOURCE (self));
  g_return_if_fail (kind < SITMAP_N_SOURCE_KINDS);
  if (self->kind == kind)
    return;
  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

gboolean
sitmap_source_get_party (SitmapSource *self)
{
  g_return_val_if_fail (SITMAP_IS_SOURCE (self), FALSE);
  return self->party;
}

void
sitmap_source_set_party (SitmapSource *self, gboolean party)
{
  g_return_if_fail (SITMAP_IS_SOURCE (self));
  if (self->party == !!party)
    return;
  self->party = !!party;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PARTY]);
}

SitmapReliability
sitmap_source_get_reliability (SitmapSource *self)
{
  g_return_val_if_fail (SITMAP_IS_SOURCE (self), SITMAP_RELIABILITY_UNRATED);
  return self->reliability;
}

void
sitmap_source_set_reliability (SitmapSource *self, SitmapReliability reliability)
{
  g_return_if_fail (SITMAP_IS_SOURCE (self));
  g_return_if_fail (reliability <= SITMAP_RELIABILITY_F);
  if (self->reliability == reliability)
    return;
  self->reliability = reliability;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RELIABILITY]);
}

const char *
sitmap_source_get_url (SitmapSource *self)
{
  g_return_val_if_fail (SITMAP_IS_SOURCE (self), NULL);
  return self->url;
}

void
sitmap_source_set_url (SitmapSource *self, const char *url)
{
  g_return_if_fail (SITMAP_IS_SOURCE (self));
  set_string (self, &self->url, url, PROP_URL);
}

const char *
sitmap_source_get_note (SitmapSource *self)
{
  g_return_val_if_fail (SITMAP_IS_SOURCE (self), NULL);
  return self->note;
}

void
sitmap_source_set_note (SitmapSource *self, const char *note)
{
  g_return_if_fail (SITMAP_IS_SOURCE (self));
  set_string (self, &self->note, note, PROP_NOTE);
}
