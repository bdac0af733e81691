/* sitmap-typed-date.h: why a date a person typed is not one Sitmap reads, in their words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A short sentence for the person who typed text, which sitmap_axis_parse_date() refused: what is wrong
 * ("There is no month 13", "February 2023 has no day 29") or, when that cannot be told, what to type
 * instead. Never NULL. No GTK: the tests call it without a display. */
char     *sitmap_typed_date_explain (const char *text);
/* Whether text has what a day written in the locale's short form must have, and no more: three numbers
 * ("12/10/2024"), or two and a word ("10 Dec 2024"). GDate reads "December 2024" (a month) as 1 December
 * 2024, "12/10" (no year) as 1 December 2010, and "2024-12-10 at noon" as the whole day. */
gboolean  sitmap_typed_date_names_day (const char *text);

G_END_DECLS
