/* sitmap-recovery.h: a document's unsaved changes kept on disk, so that a crash does not lose them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sitmap-document.h"
#include "sitmap-recovery-entry.h"

G_BEGIN_DECLS

/*
 * Follows one document at a time (a window's). A moment after the document first differs from its file
 * (the delay, 2 s unless set; changes in the meantime are written together), the document (or only what
 * changed since its file was read: sitmap_recovery_serialize()) is written to a recovery file in the user's state directory ($XDG_STATE_HOME/sitmap/recovery), atomically, in a
 * worker thread. The file records where the document came from and when. When the document is saved and
 * unchanged, replaced by another, or closed (sitmap_recovery_close()), the file is removed; when Sitmap
 * ends without closing it, the file stays, and the next start finds it (SitmapRecoveryEntry).
 *
 * A lock held while the recovery lives tells a running Sitmap's files from those of one that is gone.
 */
#define SITMAP_TYPE_RECOVERY (sitmap_recovery_get_type ())
G_DECLARE_FINAL_TYPE (SitmapRecovery, sitmap_recovery, SITMAP, RECOVERY, GObject)

/* directory NULL: the user's, sitmap_recovery_dup_default_directory(). */
SitmapRecovery *sitmap_recovery_new (const char *directory);
char           *sitmap_recovery_dup_default_directory (void);

/* Follows document (or none) from now on; the previous document's file is removed. */
void            sitmap_recovery_set_document (SitmapRecovery *self, SitmapDocument *document);
/* Follows document, restored from entry: entry's file becomes this document's, replaced by its next write,
 * so that the changes are never on disk nowhere. */
void            sitmap_recovery_set_restored_document (SitmapRecovery      *self,
                                                       SitmapDocument      *document,
                                                       SitmapRecoveryEntry *entry);
/* How long after the first unwritten change the document is written, in milliseconds. */
void            sitmap_recovery_set_delay (SitmapRecovery *self, guint delay_ms);
/* The document closed as the user meant: its file is removed, and nothing more is written. */
void            sitmap_recovery_close (SitmapRecovery *self);

/* The recovery file (it may not exist yet, or any more). */
const char     *sitmap_recovery_get_path (SitmapRecovery *self);
/* How many writes finished, and whether a change waits to be written or is being written. */
guint           sitmap_recovery_get_n_written (SitmapRecovery *self);
gboolean        sitmap_recovery_is_pending (SitmapRecovery *self);

/* The content of a recovery file, made on the main thread: what changed since the document's file was read
 * (sitmap-recovery-delta.h: *content "delta") when that can be told, else the whole document as KML ("kml"). */
GBytes         *sitmap_recovery_serialize (SitmapDocument *document, const char **content, GError **error);

G_END_DECLS
