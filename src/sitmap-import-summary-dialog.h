/* sitmap-import-summary-dialog.h: what came in from a file, and what was left out and why
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sitmap-import-report.h"

G_BEGIN_DECLS

#define SITMAP_TYPE_IMPORT_SUMMARY_DIALOG (sitmap_import_summary_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SitmapImportSummaryDialog, sitmap_import_summary_dialog, SITMAP, IMPORT_SUMMARY_DIALOG,
                      AdwWindow)

/* A dialog over parent: summary ("12,031 events imported; 4 skipped") as its heading, and text (every
 * skipped record with its line, every link not fetched) in a view the user can select from, with a
 * Copy button that puts the whole text on the clipboard. Both are plain text, never markup. */
SitmapImportSummaryDialog *sitmap_import_summary_dialog_new (GtkWindow  *parent,
                                                             const char *title,
                                                             const char *summary,
                                                             const char *text);
const char *sitmap_import_summary_dialog_get_summary (SitmapImportSummaryDialog *self);
/* The text shown */
char       *sitmap_import_summary_dialog_dup_text (SitmapImportSummaryDialog *self);
/* Lists the links of report (a KML NetworkLink, a remote href), which Sitmap never follows on its own, each
 * with an Import button: a click emits ::import-link with the link's index in report. */
void        sitmap_import_summary_dialog_set_links (SitmapImportSummaryDialog *self, SitmapImportReport *report);

G_END_DECLS
