/* sitmap-atomic-write.h: replacing a file so that it is either the old one or the whole new one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A new version of a file, written piece by piece beside it and put in its place only by
 * sitmap_atomic_file_commit(). Until then, and after any error (a full disk, a cancellation), the file is
 * as it was; freeing an uncommitted one removes what was written. Keeps the old file's permissions, and
 * writes through a symbolic link to the file it points to. Local files are written to a temporary file
 * renamed over the old one; other locations (a remote share through GVfs) through GIO's replace. */
typedef struct _SitmapAtomicFile SitmapAtomicFile;

SitmapAtomicFile *sitmap_atomic_file_new (GFile *file, GCancellable *cancellable, GError **error);
/* Appends data; FALSE with error set on failure, after which only free is useful. */
gboolean          sitmap_atomic_file_write (SitmapAtomicFile *self, const void *data, gsize size, GError **error);
/* Keeps the file's previous version beside it as "<name>.bak" (replacing an older one) when the new one
 * is committed: at every moment the file's name holds the old version or the new one, never neither. A
 * backup that cannot be made does not stop the save. */
void              sitmap_atomic_file_set_backup (SitmapAtomicFile *self, gboolean backup);
/* The backup's name for file: "report.kml.bak" beside "report.kml". */
GFile            *sitmap_atomic_file_dup_backup_file (GFile *file);
/* Bytes written so far */
guint64           sitmap_atomic_file_get_size (SitmapAtomicFile *self);
/* Flushes it to disk and puts it in the file's place. */
gboolean          sitmap_atomic_file_commit (SitmapAtomicFile *self, GError **error);
void              sitmap_atomic_file_free (SitmapAtomicFile *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitmapAtomicFile, sitmap_atomic_file_free)

/* The whole of bytes as the new version of file, for writers that have it all in memory (an exported
 * image): either the old file stays or the whole new one is there. */
gboolean sitmap_atomic_write (GFile        *file,
                              GBytes       *bytes,
                              GCancellable *cancellable,
                              GError      **error);

G_END_DECLS
