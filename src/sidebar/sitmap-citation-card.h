/* sitmap-citation-card.h: one source's report of the selected event, as a card
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sitmap-citation.h"
#include "sitmap-document.h"

G_BEGIN_DECLS

#define SITMAP_TYPE_CITATION_CARD (sitmap_citation_card_get_type ())
G_DECLARE_FINAL_TYPE (SitmapCitationCard, sitmap_citation_card, SITMAP, CITATION_CARD, GtkWidget)

/* A card shows a citation; told which event it belongs to, its grade badge edits the grading. It emits
 * "activate-link" (the web address, opened by default) and "show-source" (the source's id: the user
 * asks for every event that publisher reports). */
GtkWidget      *sitmap_citation_card_new (SitmapCitation *citation);
SitmapCitation *sitmap_citation_card_get_citation (SitmapCitationCard *self);
/* After an edit, the citation read again: the card shows its new grades. */
void            sitmap_citation_card_set_citation (SitmapCitationCard *self, SitmapCitation *citation);
/* The citation is citation i of the event at position: its grades can be edited (document NULL: not). */
void            sitmap_citation_card_set_event (SitmapCitationCard *self, SitmapDocument *document,
                                                guint position, guint i);
/* Whether the card offers to filter to its publisher (hidden by default). */
void            sitmap_citation_card_set_show_source (SitmapCitationCard *self, gboolean show);

G_END_DECLS
