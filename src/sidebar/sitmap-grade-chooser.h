/* sitmap-grade-chooser.h: a popover to grade a citation on the NATO/Admiralty scale
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sitmap-citation.h"
#include "sitmap-document.h"

G_BEGIN_DECLS

/* Two columns of choices, each grade with its meaning: the reliability of the source (A–F, which
 * belongs to the publisher and so changes every report from it) and the credibility of this one report
 * (1–6). A choice is an edit: it goes on the document's undo stack as a SitmapReliabilityCommand or a
 * SitmapCredibilityCommand, and the popover closes. */
#define SITMAP_TYPE_GRADE_CHOOSER (sitmap_grade_chooser_get_type ())
G_DECLARE_FINAL_TYPE (SitmapGradeChooser, sitmap_grade_chooser, SITMAP, GRADE_CHOOSER, GtkPopover)

GtkWidget *sitmap_grade_chooser_new (void);
/* The citation is citation i of the event at position in document; the choices show its grades. */
void       sitmap_grade_chooser_set_citation (SitmapGradeChooser *self,
                                              SitmapDocument     *document,
                                              guint               position,
                                              guint               i,
                                              SitmapCitation     *citation);

/* The NATO/Admiralty meaning of each grade, for tooltips and the chooser. */
const char *sitmap_grade_describe_reliability (SitmapReliability reliability);
const char *sitmap_grade_describe_credibility (SitmapCredibility credibility);

G_END_DECLS
