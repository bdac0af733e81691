/* sitmap-link-fetch.h: the files a document links to (a KML NetworkLink), brought in when the user asks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The most a download may be: as much as Sitmap opens at all. */
#define SITMAP_LINK_MAX_BYTES ((goffset) 2 * 1024 * 1024 * 1024 - 1)
/* How long a server may keep silent before a download is given up, in seconds. */
#define SITMAP_LINK_TIMEOUT_S 30

/* What uri names, resolved against the file of the document that links to it (base, NULL when the
 * document has none): only local files and web addresses (file, http, https). NULL, with error set in
 * words for the user, otherwise. */
GFile *sitmap_link_resolve (const char *uri, GFile *base, GError **error);

/* Brings the file that uri names to the local disk, never unless the user asked for it. A local file is
 * used as it is; a web address is downloaded (at most max_bytes, 0 for SITMAP_LINK_MAX_BYTES) into a
 * folder of its own in the user's cache, under the name the address ends with, so that its format and the
 * messages about it read as the user expects. Errors are in words for the user (the server's status, a
 * file too large, no answer). */
void   sitmap_link_fetch_async  (const char         *uri,
                                 GFile              *base,
                                 goffset             max_bytes,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data);
/* The local file; *downloaded says whether it was downloaded, and then the caller removes it once read
 * (sitmap_link_remove_download()). */
GFile *sitmap_link_fetch_finish (GAsyncResult *result, gboolean *downloaded, GError **error);

/* Removes a downloaded file and its folder. */
void   sitmap_link_remove_download (GFile *file);

G_END_DECLS
