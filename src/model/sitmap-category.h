/* sitmap-category.h: what kind of event a report describes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* ACLED's event types, which conflict monitors already use, plus two that reports need:
 * statements, and standing facts (states rather than events). The order is the legend's order. */
typedef enum
{
  SITMAP_CATEGORY_BATTLE,
  SITMAP_CATEGORY_REMOTE_VIOLENCE,
  SITMAP_CATEGORY_VIOLENCE_AGAINST_CIVILIANS,
  SITMAP_CATEGORY_PROTEST,
  SITMAP_CATEGORY_RIOT,
  SITMAP_CATEGORY_STRATEGIC,
  SITMAP_CATEGORY_STATEMENT,
  SITMAP_CATEGORY_CONTEXT,
  SITMAP_CATEGORY_OTHER,
  SITMAP_N_CATEGORIES
} SitmapCategory;

const char *sitmap_category_to_id (SitmapCategory category);
gboolean    sitmap_category_from_id (const char *id, SitmapCategory *category);
const char *sitmap_category_get_label (SitmapCategory category);
/* The category a word from another program's file clearly names, ignoring case: an id ("battle"), an English
 * label ("Protest"), or an ACLED event type ("Explosions/Remote violence", "Riots"). FALSE for anything else:
 * a guess would colour the map with a claim the file does not make. */
gboolean    sitmap_category_from_text (const char *text, SitmapCategory *category);
/* The category's colour as "#rrggbb", from the Okabe–Ito palette that colour-blind readers can tell
 * apart. One table, so that the map, the timeline, exports and the KML styles Google Earth shows agree. */
const char *sitmap_category_get_color (SitmapCategory category);

G_END_DECLS
