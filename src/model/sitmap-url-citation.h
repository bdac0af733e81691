/* sitmap-url-citation.h: a citation made from a web address, its publisher guessed from the address
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sitmap-document.h"

G_BEGIN_DECLS

/* Whether text is one http or https address with a host (what a paste may make a citation of); the
 * host, without "www.", in *host when not NULL. */
gboolean sitmap_url_citation_parse (const char *text, char **host);

/* citation (cleared first) cites url, read today (accessed is today's date, UTC): its publisher the
 * document's source whose web address is on the same host (or whose name is the host), else a new source
 * named after the host, returned in *new_source (NULL when the document has one), to be added with the
 * edit that cites it (sitmap_event_command_add_source()). FALSE when url is not a web address. */
gboolean sitmap_url_citation_init (SitmapCitationDraft *citation, SitmapDocument *document, const char *url,
                                   SitmapSource **new_source);

G_END_DECLS
