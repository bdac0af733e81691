/* sitmap-recovery-private.h: what SitmapRecovery and SitmapRecoveryEntry share, the recovery file's shape
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* In the recovery directory, each followed document has "<id>.sitmap-recovery" and "<id>.lock". The
 * recovery file is MAGIC, a GKeyFile (group GROUP: uri, native, title, time, pid, content), a NUL byte,
 * then the content (content=kml: the document as KML; content=delta: sitmap-recovery-delta.h's JSON). Neither
 * a key file, XML nor JSON holds a NUL. */
#define SITMAP_RECOVERY_SUFFIX      ".sitmap-recovery"
#define SITMAP_RECOVERY_LOCK_SUFFIX ".lock"
#define SITMAP_RECOVERY_MAGIC       "SITMAP-RECOVERY 1\n"
#define SITMAP_RECOVERY_GROUP       "Recovery"
/* What the content is: the whole document as KML, or a delta to apply to its file read again */
#define SITMAP_RECOVERY_CONTENT_KML   "kml"
#define SITMAP_RECOVERY_CONTENT_DELTA "delta"

char *_sitmap_recovery_build_path (const char *directory, const char *id, const char *suffix);
/* Opens (making it) and locks path, without waiting: the descriptor, or -1 when another holds the lock. */
int   _sitmap_recovery_lock (const char *path);

G_END_DECLS
