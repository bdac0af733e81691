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

G_END_DECLS
