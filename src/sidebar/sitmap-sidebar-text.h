/* sitmap-sidebar-text.h: the sentences the sidebar shows, composed from an event's data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "sitmap-event.h"
#include "sitmap-time.h"

G_BEGIN_DECLS

/* When it happened, with how exactly it is known: "on 10 December 2024",
 * "in March 2019 (known only to the month)", "from 7 to 8 December 2024", "Undated". */
char *sitmap_sidebar_describe_when (const SitmapTime *time);
/* What the sentence cannot say about a span's uncertainty ("No end date is given"), or NULL. */
char *sitmap_sidebar_describe_when_detail (const SitmapTime *time);
/* Where it happened, with how exactly it is known: "near As-Sukhnah, within about 25 km",
 * "in Damascus", "somewhere in the Badia", "somewhere in Syria (country level)", "No place given". */
char *sitmap_sidebar_describe_where (SitmapEvent *event);
/* A distance of uncertainty for people: "800 m", "2.5 km", "25 km". */
char *sitmap_sidebar_describe_distance (guint metres);
/* "34.8853° N, 38.8711° E" */
char *sitmap_sidebar_describe_coordinates (double latitude, double longitude);

/* TRUE when url is an http or https address with a host: the only links the sidebar opens.
 * uri (may be NULL) receives the address as parsed, host (may be NULL) the host to show for it. */
gboolean sitmap_sidebar_parse_web_link (const char *url, char **uri, char **host);

/* A list cell's date, "2024-12-10", "2019-03", "2024-11-27 – 2024-12-08", "Undated". */
char *sitmap_sidebar_describe_short_time (const SitmapTime *time);
/* A range of the timeline, [start, end): "27 Nov – 8 Dec 2024". */
char *sitmap_sidebar_describe_range (gint64 start, gint64 end);

G_END_DECLS
