/* sitmap-import-command.h: events of another file brought into a document, as one edit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sitmap-command.h"
#include "sitmap-event-store-merge.h"

G_BEGIN_DECLS

#define SITMAP_TYPE_IMPORT_COMMAND (sitmap_import_command_get_type ())
G_DECLARE_FINAL_TYPE (SitmapImportCommand, sitmap_import_command, SITMAP, IMPORT_COMMAND, SitmapCommand)

/* Replaces the document's events, sources and places with merge's (sitmap_event_store_merge() of this
 * document), and undone puts the document's own back, exactly. Takes merge. name is the file's, for the
 * undo item: "Import events.csv". */
SitmapCommand *sitmap_import_command_new (SitmapEventStoreMerge *merge, const char *name);
guint          sitmap_import_command_get_n_added (SitmapImportCommand *self);
guint          sitmap_import_command_get_n_duplicates (SitmapImportCommand *self);

G_END_DECLS
