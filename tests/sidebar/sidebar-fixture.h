/* sidebar-fixture.h: a document that mirrors the demo's events, for the sidebar tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sitmap-document.h"

G_BEGIN_DECLS

/* Text that would change the display if anything parsed it as Pango markup. */
#define SIDEBAR_FIXTURE_MARKUP "<b>bold</b> & <span foreground='red'>x</span>"
#define SIDEBAR_FIXTURE_BROKEN "<i broken & unclosed"

#define SIDEBAR_FIXTURE_SUKHNA_TITLE "Islamic State fighters kill fleeing soldiers near As-Sukhnah"
#define SIDEBAR_FIXTURE_SUKHNA_URL "https://www.syriahr.com/en/350000/"

/* Events (by id): ev-sukhna, ev-baghouz (month), ev-strikes (span, party only), ev-blinken (undated,
 * unplaced, file: link), ev-war-begins (year, country), ev-damascus (three origins in four citations),
 * ev-kurdish-toll (open span, party only), ev-markup (markup everywhere, javascript: link),
 * ev-links (odd links), ev-no-source, ev-point (a bare point), ev-unlocated (a place not on the map). */
SitmapDocument *sidebar_fixture_new_document (const char *title, const char *description);

G_END_DECLS
