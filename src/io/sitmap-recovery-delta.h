/* sitmap-recovery-delta.h: what changed in a document since its file was read, small enough to write often
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sitmap-document.h"

G_BEGIN_DECLS

/*
 * A recovery file must be written within seconds of every change without the analyst noticing, and a document
 * may have a million events: writing it whole takes seconds. But a document read from Sitmap's own file and
 * edited since only in place (sitmap_document_has_events_of_file()) knows exactly which events changed: those
 * edits added, deleted, or whose credibility was changed. A delta holds those events (as KML, with every source,
 * place, named view and annotation, which are few), and the ids of the events deleted. Made on the main thread
 * in time proportional to the changes; applied to the document read again from the file, as edits pushed on its
 * undo stack, so that the restored document shows itself modified and each change can be undone.
 *
 * Applying is idempotent: a delta made after a save, and applied to the saved file, changes nothing it had.
 */

/* Whether document's changes can be kept as a delta: it has a file Sitmap wrote (native), and its events are
 * those it read, edited in place. */
gboolean sitmap_recovery_delta_possible (SitmapDocument *document);

/* The delta of document, as bytes to write (JSON, with the KML inside). */
GBytes  *sitmap_recovery_delta_new (SitmapDocument *document, GError **error);

/* The URI of the file the delta is to be applied to, or NULL with error when bytes are not a delta. */
char    *sitmap_recovery_delta_dup_base_uri (GBytes *bytes, GError **error);

/* Pushes the changes of delta on base's undo stack (base: the document read again from the file). On error
 * (a delta damaged or from another program), base is left as it was. Returns how many edits were pushed. */
gboolean sitmap_recovery_delta_apply (SitmapDocument *base, GBytes *delta, guint *n_edits, GError **error);

G_END_DECLS
