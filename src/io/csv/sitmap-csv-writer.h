/* sitmap-csv-writer.h: events out as ACLED-compatible CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sitmap-document.h"

G_BEGIN_DECLS

/* The events at positions (guint32; NULL: every event) as a table with ACLED's current columns, in their
 * order, then what ACLED's columns cannot say (docs/csv-format.md): UTF-8 with a byte order mark, CR LF,
 * RFC 4180 quoting, and a text cell that a spreadsheet would run as a formula (= + - @, tab, CR at its
 * start) behind an apostrophe. Atomic: a failed or cancelled write leaves file as it was. */
gboolean sitmap_csv_write_events_file (SitmapDocument *document,
                                       GArray         *positions,
                                       GFile          *file,
                                       GCancellable   *cancellable,
                                       GError        **error);

/* The same table in memory */
GBytes  *sitmap_csv_write_events (SitmapDocument *document, GArray *positions);

G_END_DECLS
