/* sitmap-export-dialog.h: format, size and what to include, then the file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sitmap-exporter.h"

G_BEGIN_DECLS

/* The window's export dialog. It keeps its choices while the window lives (close hides it), and the
 * window's Copy to Clipboard uses them too; with settings, the next dialog starts from them (format,
 * size, orientation, custom size, what to include; not the title, which is the document's). Export asks for the file
 * through the portal-friendly file dialog, then hands the export to the exporter, which runs it in the background. */
#define SITMAP_TYPE_EXPORT_DIALOG (sitmap_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SitmapExportDialog, sitmap_export_dialog, SITMAP, EXPORT_DIALOG, AdwWindow)

SitmapExportDialog *
sitmap_export_dialog_new (GtkWindow *parent, SitmapExporter *exporter, GSettings *settings);
/* The options the dialog's choices make for the map as it is now. */
void
sitmap_export_dialog_get_options (SitmapExportDialog *self, SitmapExportOptions *options);
/* Only what the page shows: the title and subtitle typed for the document, and what to include (the
 * last export's choices). Printing takes these; the paper comes from the print dialog. */
void
sitmap_export_dialog_get_choices (SitmapExportDialog *self, SitmapExportOptions *options);
/* Copies the map with the dialog's choices, as PNG. */
void
sitmap_export_dialog_copy (SitmapExportDialog *self);

G_END_DECLS
