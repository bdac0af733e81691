/* sitmap-source.h: a publisher that reports events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  SITMAP_SOURCE_KIND_UNKNOWN,
  SITMAP_SOURCE_KIND_MONITOR,     /* a monitoring group such as SOHR or ACLED */
  SITMAP_SOURCE_KIND_NEWS_AGENCY, /* a wire service */
  SITMAP_SOURCE_KIND_NEWS_SITE,   /* a newspaper, broadcaster or news website */
  SITMAP_SOURCE_KIND_OFFICIAL,    /* a government, army or international body speaking officially */
  SITMAP_SOURCE_KIND_NGO,
  SITMAP_SOURCE_KIND_SOCIAL_MEDIA,
  SITMAP_SOURCE_KIND_IMAGERY,     /* satellite or aerial imagery */
  SITMAP_SOURCE_KIND_INDIVIDUAL,  /* a named person */
  SITMAP_N_SOURCE_KINDS
} SitmapSourceKind;

/* Source reliability on the NATO/Admiralty scale, a property of the publisher. */
typedef enum
{
  SITMAP_RELIABILITY_UNRATED,
  SITMAP_RELIABILITY_A, /* completely reliable */
  SITMAP_RELIABILITY_B, /* usually reliable */
  SITMAP_RELIABILITY_C, /* fairly reliable */
  SITMAP_RELIABILITY_D, /* not usually reliable */
  SITMAP_RELIABILITY_E, /* unreliable */
  SITMAP_RELIABILITY_F, /* reliability cannot be judged */
} SitmapReliability;

#define SITMAP_TYPE_SOURCE (sitmap_source_get_type ())
G_DECLARE_FINAL_TYPE (SitmapSource, sitmap_source, SITMAP, SOURCE, GObject)

SitmapSource     *sitmap_source_new (const char *id);
const char       *sitmap_source_get_id (SitmapSource *self);
const char       *sitmap_source_get_name (SitmapSource *self);
void              sitmap_source_set_name (SitmapSource *self, const char *name);
const char       *sitmap_source_get_abbreviation (SitmapSource *self);
void              sitmap_source_set_abbreviation (SitmapSource *self, const char *abbreviation);
/* The abbreviation if there is one, else the name: what fits on a card header. */
const char       *sitmap_source_get_short_name (SitmapSource *self);
SitmapSourceKind  sitmap_source_get_kind (SitmapSource *self);
void              sitmap_source_set_kind (SitmapSource *self, SitmapSourceKind kind);
gboolean          sitmap_source_get_party (SitmapSource *self);
void              sitmap_source_set_party (SitmapSource *self, gboolean party);
SitmapReliability sitmap_source_get_reliability (SitmapSource *self);
void              sitmap_source_set_reliability (SitmapSource *self, SitmapReliability reliability);
const char       *sitmap_source_get_url (SitmapSource *self);
void              sitmap_source_set_url (SitmapSource *self, const char *url);
const char       *sitmap_source_get_note (SitmapSource *self);
void              sitmap_source_set_note (SitmapSource *self, const char *note);

const char *sitmap_source_kind_to_id (SitmapSourceKind kind);
gboolean    sitmap_source_kind_from_id (const char *id, SitmapSourceKind *kind);
const char *sitmap_source_kind_get_label (SitmapSourceKind kind);
const char *sitmap_reliability_to_id (SitmapReliability reliability);
gboolean    sitmap_reliability_from_id (const char *id, SitmapReliability *reliability);
const char *sitmap_reliability_get_label (SitmapReliability reliability);

G_END_DECLS
