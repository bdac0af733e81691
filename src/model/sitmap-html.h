/* sitmap-html.h: HTML from a KML description, reduced to plain text and a list of its links
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Bounds against hostile input: links beyond the first ones are dropped, and so are longer links. */
#define SITMAP_HTML_MAX_LINKS       64
#define SITMAP_HTML_MAX_LINK_LENGTH 2048

/* Whether text looks like HTML: it has a tag ("<p>", "</a>", "<br/>", "<!--") or a character
 * reference ("&amp;", "&#233;"). Plain text with a lone "<" or "&" is not. */
gboolean sitmap_html_is_markup (const char *text);

/* The text a browser would show, as plain UTF-8 text: tags dropped (and the content of script, style
 * and head), character references decoded (those that name no character, or a control character,
 * become U+FFFD), runs of white space made one space, paragraphs and headings separated by a blank
 * line, line breaks and list items on lines of their own, no white space at either end. Never fails:
 * invalid UTF-8 is replaced, an unclosed tag ends the text. When links is not NULL, it is set to a new
 * array (char *, NULL-terminated, free with g_strfreev) of the targets of the <a href> links in
 * document order, trimmed, without repeats, empty when none. */
char *sitmap_html_to_text (const char *html, char ***links);

G_END_DECLS
