/* sitmap-document-io.h: opening and saving documents off the main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sitmap-document.h"
#include "sitmap-format.h"
#include "sitmap-import.h"

G_BEGIN_DECLS

/* Reads in a worker thread, in the format its content says (sitmap-format.h), and hands back a finished
 * document, or an error: a failed or cancelled load changes nothing. The document's file is set to file.
 * import (may be NULL) carries the read's options and, while it runs and after, its progress and its
 * report: what came in, and what was skipped and why. */
void            sitmap_document_load_async (GFile              *file,
                                            SitmapImport       *import,
                                            GCancellable       *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer            user_data);
SitmapDocument *sitmap_document_load_finish (GAsyncResult *result, GError **error);

/* The same read in this thread (the loader's worker runs it; so does the command line's --convert): format
 * NULL reads the file in the format its content says, else in format. import carries the options and
 * receives the report. Errors name the file as the user sees it. */
SitmapDocument *sitmap_document_read_file (GFile              *file,
                                           const SitmapFormat *format,
                                           SitmapImport       *import,
                                           GCancellable       *cancellable,
                                           GError            **error);

/* bytes read by the reader of format, or of the format their content says; import (begun: see
 * sitmap_import_begin()) carries the options and receives the report. The document has no file. */
SitmapDocument *sitmap_document_read_bytes (GBytes             *bytes,
                                            const SitmapFormat *format,
                                            SitmapImport       *import,
                                            GError            **error);

/* Writes document to file as KML, in this thread: the file is replaced whole or not at all, and its previous
 * version is kept beside it as "<name>.bak". A failure says why in words and what it left: "The disk is full:
 * “a.kml” was not changed." (the domain and code stay the cause's, G_IO_ERROR_NO_SPACE…). */
gboolean sitmap_document_save (SitmapDocument *document,
                               GFile          *file,
                               GCancellable   *cancellable,
                               GError        **error);

/* The same in a worker thread: the file is replaced whole or not at all (a failed or cancelled
 * save leaves it as it was). The document's own file is not changed: after "Save As" the caller sets it with
 * sitmap_document_set_file(); "Save a copy" leaves it where it was. */
void     sitmap_document_save_async (SitmapDocument     *document,
                                     GFile              *file,
                                     GCancellable       *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer            user_data);
gboolean sitmap_document_save_finish (GAsyncResult *result, GError **error);

/* Writes the events at positions (guint32, in the document's store; NULL: every event) to file in format
 * (one with a writer), atomically: File → Export Events and --convert. Errors name the file as the user
 * sees it. The async form writes in a worker thread, holding the document and positions until it ends. */
gboolean sitmap_document_export (SitmapDocument     *document,
                                 GArray             *positions,
                                 const SitmapFormat *format,
                                 GFile              *file,
                                 GCancellable       *cancellable,
                                 GError            **error);
void     sitmap_document_export_async (SitmapDocument     *document,
                                       GArray             *positions,
                                       const SitmapFormat *format,
                                       GFile              *file,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data);
gboolean sitmap_document_export_finish (GAsyncResult *result, GError **error);

G_END_DECLS
