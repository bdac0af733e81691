/* sitmap-load-bytes.h: a document file into memory, refusing first what Sitmap cannot open
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The largest file Sitmap opens or saves: libxml2 reads at most G_MAXINT bytes from memory. */
#define SITMAP_DOCUMENT_MAX_SIZE ((goffset) G_MAXINT)

/* The whole of file, read into memory (call it off the main thread). Refused before a byte is read: what is not
 * a regular file (a folder; a device such as /dev/zero, which never ends; a pipe, which may block forever) and
 * what is larger than SITMAP_DOCUMENT_MAX_SIZE. *display_name is always set to the name to show the user.
 * Errors are GIO's (G_IO_ERROR_IS_DIRECTORY and G_IO_ERROR_NOT_REGULAR_FILE among them) or
 * SITMAP_DOCUMENT_ERROR_TOO_LARGE; their messages do not name the file. */
GBytes *sitmap_load_bytes (GFile        *file,
                           GCancellable *cancellable,
                           char        **display_name,
                           GError      **error);

G_END_DECLS
