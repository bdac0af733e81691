/* sitmap-annotations-visible-command.h: showing or hiding the annotations, as an edit that can be undone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sitmap-command.h"

G_BEGIN_DECLS

#define SITMAP_TYPE_ANNOTATIONS_VISIBLE_COMMAND (sitmap_annotations_visible_command_get_type ())
G_DECLARE_FINAL_TYPE (SitmapAnnotationsVisibleCommand, sitmap_annotations_visible_command, SITMAP,
                      ANNOTATIONS_VISIBLE_COMMAND, SitmapCommand)

/* The document's annotations shown or hidden: saved with it (KML's visibility of their folder), so a change the
 * analyst can take back, and that marks the document modified. */
SitmapCommand *sitmap_annotations_visible_command_new (SitmapDocument *document, gboolean visible);

G_END_DECLS
