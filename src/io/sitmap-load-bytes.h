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

/* The name to show the user for file: its display name from info when info holds one, otherwise one made
 * from its base name (or its parse name, for a file that has none). */
char *sitmap_file_dup_display_name (GFile *file, GFileInfo *info);

/* Large files on a local disk are mapped rather than read (see sitmap-load-bytes.c): no copy of them is
 * made, and a reader may give back what it has read. From a few megabytes on the copy is worth avoiding:
 * copying a 30 MB KML file took a tenth of its whole import. */
#define SITMAP_LOAD_MAP_MIN_SIZE ((goffset) 8 * 1024 * 1024)

/* Whether bytes map a file (from sitmap_load_bytes()) */
gboolean sitmap_bytes_is_mapped (GBytes *bytes);
/* Tells the system that the length bytes of bytes from offset have been read and will not be again soon:
 * when bytes map a file, those pages leave the process's memory (they stay in the system's cache of the file,
 * and come back if read again). Otherwise does nothing. Cheap: a reader calls it behind its cursor, so that a
 * file of half a gigabyte never counts whole in its memory. */
void     sitmap_bytes_release (GBytes *bytes, gsize offset, gsize length);

G_END_DECLS
