/* sitmap-import.h: what a reader is given besides the bytes, and what it says back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sitmap-import-report.h"

G_BEGIN_DECLS

/* One read of one file, in the reader's thread: the file's name as errors and the report show it,
 * the cancellable, how far the reader is (read from another thread), the options the user chose (a
 * CSV file's columns), and the report of what was skipped. A reader is lenient where that is safe:
 * a record it cannot read is skipped with sitmap_import_skip() and reading goes on; what is hostile
 * or broken refuses the whole file with an error naming file, line and column, and then nothing of
 * the file is used. */
typedef struct _SitmapImport SitmapImport;

/* Made by whoever asks for the read (the window, to poll its progress and set its options; else the
 * loader); shared with the reader's thread, hence counted references. */
SitmapImport *sitmap_import_new (void);
SitmapImport *sitmap_import_ref (SitmapImport *self);
void          sitmap_import_unref (SitmapImport *self);
/* Called by the loader, in the reader's thread, before the reader: how the file is named and how the
 * read is cancelled. Also sets the report's name. */
void          sitmap_import_begin (SitmapImport *self, const char *display_name, GCancellable *cancellable);

const char   *sitmap_import_get_display_name (SitmapImport *self);
GCancellable *sitmap_import_get_cancellable (SitmapImport *self);
/* TRUE (and error set) once the read is cancelled: call it between records. */
gboolean      sitmap_import_cancelled (SitmapImport *self, GError **error);

/* How far the read is, from 0 to 1: cheap, call it every few thousand records. Any thread may read
 * it back while the reader runs (a progress bar polls it). */
void   sitmap_import_set_progress (SitmapImport *self, double fraction);
double sitmap_import_get_progress (SitmapImport *self);

/* An option of this read, by name, set from the mapping dialog or the command line's --columns before
 * the read: for a table (CSV) or a feature's properties (GeoJSON), the name of a field is the name of
 * the column or property that holds it ("latitude" → "lat"). NULL when not set. */
void        sitmap_import_set_option (SitmapImport *self, const char *name, const char *value);
const char *sitmap_import_get_option (SitmapImport *self, const char *name);

/* What an event is made of, for formats whose columns or properties have no fixed names. */
typedef enum
{
  SITMAP_IMPORT_FIELD_ID,
  SITMAP_IMPORT_FIELD_TITLE,
  SITMAP_IMPORT_FIELD_SUMMARY,
  SITMAP_IMPORT_FIELD_DATE,
  SITMAP_IMPORT_FIELD_END_DATE,
  SITMAP_IMPORT_FIELD_LATITUDE,
  SITMAP_IMPORT_FIELD_LONGITUDE,
  SITMAP_IMPORT_FIELD_PLACE,
  SITMAP_IMPORT_FIELD_CATEGORY,
  SITMAP_IMPORT_FIELD_FATALITIES,
  SITMAP_IMPORT_FIELD_SOURCE,
  SITMAP_IMPORT_N_FIELDS
} SitmapImportField;

/* The option's name ("latitude"), and how the mapping dialog names it ("Latitude"). */
const char *sitmap_import_field_get_name (SitmapImportField field);
const char *sitmap_import_field_get_label (SitmapImportField field);

/* When a reader cannot tell which columns hold what (and no option says), it gives the file's column
 * names and its guesses, and fails with SITMAP_DOCUMENT_ERROR_NEEDS_MAPPING: the window then shows the
 * mapping dialog, set to the guesses, and reads again with the user's choice as options; the command
 * line says to use --columns. A guess is an index into the columns, or -1. */
void               sitmap_import_set_columns (SitmapImport *self, const char *const *columns);
const char *const *sitmap_import_get_columns (SitmapImport *self);
void               sitmap_import_set_guess (SitmapImport *self, SitmapImportField field, int column);
int                sitmap_import_get_guess (SitmapImport *self, SitmapImportField field);

/* A record that could not be read and was left out: where it starts (line and column from 1; 0 when
 * unknown) and why, in words for the user. Quote document text with sitmap_quote_text(). */
void sitmap_import_skip (SitmapImport *self, guint line, guint column, const char *format, ...) G_GNUC_PRINTF (4, 5);
/* Something the user should know of the read that left nothing out (the encoding converted, the columns
 * read), at a line and column when it has one (0 when not). */
void sitmap_import_note (SitmapImport *self, guint line, guint column, const char *format, ...) G_GNUC_PRINTF (4, 5);
/* A remote resource the file names (a KML NetworkLink, an image's http href): never fetched, listed
 * for the user to choose. */
void sitmap_import_add_link (SitmapImport *self, guint line, const char *uri);

/* What the read found; the caller sets the number of events once the document is made. */
SitmapImportReport *sitmap_import_get_report (SitmapImport *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitmapImport, sitmap_import_unref)

G_END_DECLS
