/* sitmap-citation.h: one source's report of one event
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "sitmap-event-store.h"
#include "sitmap-source.h"

G_BEGIN_DECLS

#define SITMAP_TYPE_CITATION (sitmap_citation_get_type ())
G_DECLARE_FINAL_TYPE (SitmapCitation, sitmap_citation, SITMAP, CITATION, GObject)

SitmapCitation   *sitmap_citation_new (SitmapSource *source, SitmapSource *via, const SitmapCitationRecord *record);
/* The origin of the information: who says so. */
SitmapSource     *sitmap_citation_get_source (SitmapCitation *self);
/* Who carried it to us (the agency that quoted the monitor), or NULL when read at the origin. */
SitmapSource     *sitmap_citation_get_via (SitmapCitation *self);
const char       *sitmap_citation_get_url (SitmapCitation *self);
const char       *sitmap_citation_get_paraphrase (SitmapCitation *self);
const SitmapTime *sitmap_citation_get_published (SitmapCitation *self);
const SitmapTime *sitmap_citation_get_accessed (SitmapCitation *self);
SitmapCredibility sitmap_citation_get_credibility (SitmapCitation *self);

G_END_DECLS
