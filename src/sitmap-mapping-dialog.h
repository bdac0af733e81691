/* sitmap-mapping-dialog.h: which column of a table holds which field of an event
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sitmap-import.h"

G_BEGIN_DECLS

#define SITMAP_TYPE_MAPPING_DIALOG (sitmap_mapping_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SitmapMappingDialog, sitmap_mapping_dialog, SITMAP, MAPPING_DIALOG, AdwWindow)

/* A dialog over parent listing each field of an event with the file's columns (those a reader gave to
 * import on failing with SITMAP_DOCUMENT_ERROR_NEEDS_MAPPING), each set to the reader's guess. The fields
 * in required (a bit per SitmapImportField) must be chosen before Import can be pressed. Emits "chosen"
 * when the user presses Import, then closes; closing otherwise chooses nothing. */
SitmapMappingDialog *sitmap_mapping_dialog_new (GtkWindow    *parent,
                                                const char   *file_name,
                                                SitmapImport *import,
                                                guint         required);
/* The column chosen for field (an index into the import's columns), or -1 for none. */
int                  sitmap_mapping_dialog_get_choice (SitmapMappingDialog *self, SitmapImportField field);
void                 sitmap_mapping_dialog_set_choice (SitmapMappingDialog *self, SitmapImportField field, int column);
/* Sets the choices on a new read's import as options: the column's name (or "#N" for a column without a
 * name), "" for a field left out. */
void                 sitmap_mapping_dialog_apply (SitmapMappingDialog *self, SitmapImport *import);

G_END_DECLS
