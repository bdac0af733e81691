/* sitmap-csv-reader.h: ACLED's exports and other tables of events, in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sitmap-document.h"
#include "sitmap-import.h"

G_BEGIN_DECLS

/* How sure the CSV reader is that a file beginning with head is a table of its own: high for ACLED's header,
 * low for any delimited text with a header, 0 for anything else (XML, JSON, binary). */
guint           sitmap_csv_sniff (const guint8 *head, gsize length);

/* Reads a table (docs/csv-format.md): ACLED's layouts, or any other table whose columns Sitmap can tell or
 * the import's options name. Fails with SITMAP_DOCUMENT_ERROR_NEEDS_MAPPING (the columns and guesses set on
 * import) when it cannot tell which columns hold the coordinates. Large tables are read by every core. */
SitmapDocument *sitmap_csv_read (GBytes *bytes, SitmapImport *import, GError **error);

/* The command line's --columns: "latitude=lat,longitude=lon,date=when,title=name", as options of import.
 * A field is one of sitmap_import_field_get_name()'s names; a column is its header as written (any case),
 * "#N" for the Nth column, or "" for none; a header with a comma or an "=" is written in double quotes, a
 * quote inside doubled. FALSE with G_OPTION_ERROR_BAD_VALUE for what cannot be read. */
gboolean        sitmap_csv_parse_columns (const char *spec, SitmapImport *import, GError **error);

G_END_DECLS
