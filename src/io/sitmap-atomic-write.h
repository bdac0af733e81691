/* sitmap-atomic-write.h: replacing a file so that it is either the old one or the whole new one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Writes bytes to a temporary file beside file, flushes it to disk and renames it over file. On any error
 * (a full disk, a cancellation) the temporary file is removed and file is as it was. Keeps the old file's
 * permissions, and writes through a symbolic link to the file it points to. */
gboolean sitmap_atomic_write (GFile        *file,
                              GBytes       *bytes,
                              GCancellable *cancellable,
                              GError      **error);

G_END_DECLS
