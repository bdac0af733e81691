/* sitmap-import-report.h: what came in from a file, and what was left out and why
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The skipped records a report keeps word for word; the rest are counted. */
#define SITMAP_IMPORT_REPORT_MAX_KEPT 1000

#define SITMAP_TYPE_IMPORT_REPORT (sitmap_import_report_get_type ())
G_DECLARE_FINAL_TYPE (SitmapImportReport, sitmap_import_report, SITMAP, IMPORT_REPORT, GObject)

SitmapImportReport *sitmap_import_report_new (const char *display_name);

const char *sitmap_import_report_get_display_name (SitmapImportReport *self);
void        sitmap_import_report_set_display_name (SitmapImportReport *self, const char *display_name);
/* The format the file was read as ("KML"), once known. */
const char *sitmap_import_report_get_format_name (SitmapImportReport *self);
void        sitmap_import_report_set_format_name (SitmapImportReport *self, const char *format_name);

guint sitmap_import_report_get_n_events (SitmapImportReport *self);
void  sitmap_import_report_set_n_events (SitmapImportReport *self, guint n_events);

/* Every skipped record is counted; the first SITMAP_IMPORT_REPORT_MAX_KEPT are kept with where and why,
 * in the order reported. */
void        sitmap_import_report_add_skipped (SitmapImportReport *self, guint line, guint column, const char *reason);
guint       sitmap_import_report_get_n_skipped (SitmapImportReport *self);
guint       sitmap_import_report_get_n_kept (SitmapImportReport *self);
const char *sitmap_import_report_get_skipped (SitmapImportReport *self, guint index, guint *line, guint *column);

/* Remote resources the file names and that were not fetched, with the line that names them. */
void        sitmap_import_report_add_link (SitmapImportReport *self, guint line, const char *uri);
guint       sitmap_import_report_get_n_links (SitmapImportReport *self);
const char *sitmap_import_report_get_link (SitmapImportReport *self, guint index, guint *line);
/* The link's address as the file wrote it, to follow it when the user asks (sitmap-link-fetch.h); NULL when
 * it cannot be an address (cut short, control characters). Not for display: show sitmap_import_report_get_link(). */
const char *sitmap_import_report_get_link_uri (SitmapImportReport *self, guint index);

/* What the reader did that the user should know but that left nothing out: "converted from Windows-1252",
 * "the columns read: …". In the order given, after the summary line of the text. */
void        sitmap_import_report_add_note (SitmapImportReport *self, guint line, guint column, const char *text);
guint       sitmap_import_report_get_n_notes (SitmapImportReport *self);
const char *sitmap_import_report_get_note (SitmapImportReport *self, guint index, guint *line, guint *column);

/* One line for a toast or stderr: "12,031 events imported; 4 skipped". */
char *sitmap_import_report_dup_summary (SitmapImportReport *self);
/* The whole report as plain text, a line per skipped record ("line 17, column 3: latitude 123 is
 * out of range") and per link: what the summary dialog shows and lets the user copy. */
char *sitmap_import_report_dup_text (SitmapImportReport *self);

G_END_DECLS
