/* sitmap-print-operation.h: the export's page, on the paper the print dialog chose
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sitmap-exporter.h"

G_BEGIN_DECLS

/* Prints one page: the page a PDF export of the map's view makes at the paper size and orientation
 * chosen in the print dialog (its Page Setup tab), with the title, subtitle and parts of choices. The
 * page is laid out once the dialog is closed ("begin-print"); its tiles are fetched without blocking
 * the main loop, and the page is drawn once they are in ("paginate" waits for them). When the page
 * cannot be made (no tiles at all), the print is cancelled and get_failure() says why.
 *
 * With settings, the dialog starts from the printer, its options and the page setup used last, which
 * are kept there once the print is sent (print-settings, page-setup); the file a "Print to File" wrote
 * is not kept, only its folder, so that the next print is offered under its own document's name. */
#define SITMAP_TYPE_PRINT_OPERATION (sitmap_print_operation_get_type ())
G_DECLARE_FINAL_TYPE (SitmapPrintOperation, sitmap_print_operation, SITMAP, PRINT_OPERATION, GtkPrintOperation)

SitmapPrintOperation *
sitmap_print_operation_new (SitmapExporter *exporter, const SitmapExportOptions *choices, GSettings *settings);

/* Why the page could not be made, once the operation is done; NULL when it was, or was cancelled. */
const GError *
sitmap_print_operation_get_failure (SitmapPrintOperation *self);

G_END_DECLS
