/* sitmap-date-text.h: dates as other programs write them, made into the ISO 8601 that Sitmap reads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The date in text, trimmed, as the ISO 8601 text that sitmap_time_parse_bound() reads, or NULL with
 * error set (SITMAP_DOCUMENT_ERROR_INVALID_VALUE, quoting text) when it is none of:
 * - RFC 822 / RFC 2822 / RFC 1123, as RSS writes it: "Sun, 29 Dec 2019 12:00:00 GMT", "5 Apr 07 20:16 +0000"
 *   (the day of the week is not checked; zones are numeric, UT, GMT, Z or the North American names; a
 *   military letter other than Z is an unknown zone and read as UTC, as RFC 2822 says);
 * - RFC 3339 and ISO 8601: "2018-10-01T13:19:56+00:00", with a space or a lower-case t before the time, a z
 *   for UTC, a zone without its colon ("+0300") or a trailing " UTC"; GDAL's "2024/12/10 05:30:00+00";
 *   and the reduced forms KML allows ("2024-12", "2024").
 * The result for the same moment is the same whatever the form: a date is kept a date ("2024-12-10"). */
char *sitmap_date_text_normalize (const char *text, GError **error);

G_END_DECLS
