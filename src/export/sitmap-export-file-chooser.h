/* sitmap-export-file-chooser.h: asking where an export goes, the same way for every export dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Called with the file the user chose; never called when the user cancels. */
typedef void (*SitmapExportFileChosen) (gpointer owner, GFile *file);

/* Asks where to save, through the portal when there is one (GtkFileDialog from GTK 4.10, a native file
 * chooser before): title over the chooser, "Export" on its button, name and folder (may be NULL) suggested,
 * filter for the format chosen. owner (a GObject: the dialog asking) is kept alive until the answer; on
 * GTK 4.8 the chooser closes with owner, and a second question replaces the first. */
void sitmap_export_ask_for_file (gpointer               owner,
                                 GtkWindow             *parent,
                                 const char            *title,
                                 const char            *name,
                                 GFile                 *folder,
                                 GtkFileFilter         *filter,
                                 SitmapExportFileChosen chosen);

G_END_DECLS
