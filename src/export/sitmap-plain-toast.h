/* sitmap-plain-toast.h: toasts whose text is shown as written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A toast titled text, as plain text: a toast's title is markup before libadwaita 1.4, and what Sitmap
 * shows in one may hold a file's name or a document's text. */
AdwToast *sitmap_plain_toast_new (const char *text);

G_END_DECLS
