/* sitmap-event-export-dialog.h: File → Export Events: the events, as KML, KMZ, GeoJSON or CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sitmap-view-state.h"

G_BEGIN_DECLS

/* The window's dialog that exports events, not the map's picture: in a format Sitmap writes (sitmap_formats()
 * with a writer), the events shown (the view state's visible set: filter, search, time range) or all of them.
 * Export… asks for the file through the portal-friendly file dialog; the file is written in a worker thread,
 * atomically, and a toast on toasts says how many events went where; a failure is said in a dialog. Close hides
 * it, keeping its choices while the window lives. */
#define SITMAP_TYPE_EVENT_EXPORT_DIALOG (sitmap_event_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SitmapEventExportDialog, sitmap_event_export_dialog, SITMAP, EVENT_EXPORT_DIALOG, AdwWindow)

SitmapEventExportDialog *sitmap_event_export_dialog_new (GtkWindow       *parent,
                                                         SitmapViewState *view_state,
                                                         AdwToastOverlay *toasts);
/* Exports with the dialog's choices to file, as the file dialog's answer does: a name that ends in another
 * written format's extension is written in that format; any other name gets the chosen format's extension. */
void                     sitmap_event_export_dialog_export_to (SitmapEventExportDialog *self, GFile *file);
/* Whether an export is being written. */
gboolean                 sitmap_event_export_dialog_get_busy (SitmapEventExportDialog *self);

G_END_DECLS
