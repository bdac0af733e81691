/* sitmap-recovery-entry.h: the unsaved changes of a document whose Sitmap ended without closing it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sitmap-document.h"

G_BEGIN_DECLS

/* A recovery file (see SitmapRecovery) whose writer is gone: killed, crashed, or its computer stopped.
 * While the entry lives, it holds the file's lock, so that no other Sitmap offers it too. */
#define SITMAP_TYPE_RECOVERY_ENTRY (sitmap_recovery_entry_get_type ())
G_DECLARE_FINAL_TYPE (SitmapRecoveryEntry, sitmap_recovery_entry, SITMAP, RECOVERY_ENTRY, GObject)

/* The entries in directory (NULL: the user's, sitmap_recovery_dup_default_directory()) that no running
 * Sitmap writes, oldest first. Lock files left without a recovery file are removed. */
GPtrArray  *sitmap_recovery_entry_find_all (const char *directory);

/* The file the document came from, or NULL for a document that had none. */
GFile      *sitmap_recovery_entry_get_file (SitmapRecoveryEntry *self);
/* Whether Sitmap may write the document back to that file (sitmap_document_is_native()). */
gboolean    sitmap_recovery_entry_get_native (SitmapRecoveryEntry *self);
const char *sitmap_recovery_entry_get_title (SitmapRecoveryEntry *self);
/* When the changes were written, in UTC. */
GDateTime  *sitmap_recovery_entry_get_time (SitmapRecoveryEntry *self);
/* The recovery file itself. */
const char *sitmap_recovery_entry_get_path (SitmapRecoveryEntry *self);

/* The document as it was, in this thread: attached to its file (or to none), with its changes unsaved
 * (sitmap_undo_stack_get_modified() says so; from a delta, they are edits on the file read again, which
 * can be undone), or NULL and an error. */
SitmapDocument *sitmap_recovery_entry_load (SitmapRecoveryEntry *self, GCancellable *cancellable, GError **error);
/* The same in a worker thread. */
void            sitmap_recovery_entry_load_async (SitmapRecoveryEntry *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
SitmapDocument *sitmap_recovery_entry_load_finish (SitmapRecoveryEntry *self, GAsyncResult *result, GError **error);

/* Removes the recovery file and its lock: the user does not want these changes. */
void        sitmap_recovery_entry_discard (SitmapRecoveryEntry *self);

/* For SitmapRecovery, which takes an entry over (its id, file and lock) to write the restored document's
 * later changes in its place. */
char       *_sitmap_recovery_entry_steal (SitmapRecoveryEntry *self, int *lock_fd);

G_END_DECLS
