/* sitmap-citation-card.h: one source's report of the selected event, as a card
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sitmap-citation.h"

G_BEGIN_DECLS

#define SITMAP_TYPE_CITATION_CARD (sitmap_citation_card_get_type ())
G_DECLARE_FINAL_TYPE (SitmapCitationCard, sitmap_citation_card, SITMAP, CITATION_CARD, GtkWidget)

GtkWidget      *sitmap_citation_card_new (SitmapCitation *citation);
SitmapCitation *sitmap_citation_card_get_citation (SitmapCitationCard *self);

G_END_DECLS
