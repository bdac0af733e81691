/* sitmap-xml-precheck.h: what is checked in a file's bytes before libxml2 parses them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a precheck found wrong, and where. */
typedef struct
{
  int   code;   /* SitmapDocumentError */
  int   line;   /* 0 when it is the file as a whole */
  int   column;
  char *what;
} SitmapXmlProblem;

/* Finds the file's text encoding (a byte order mark, the XML declaration), refusing encodings in which markup
 * could hide, and converts the text to UTF-8: libxml2 then parses exactly the text checked here, told to
 * ignore the declared encoding. In that text it reads the prolog (declaration, comments, processing
 * instructions) up to the root element, refusing a document type declaration before it is parsed and a root
 * element whose local name is none of roots (NULL-terminated; the message names the format it is, when
 * known, and format_name, "KML", the one expected); then counts the attributes of every start tag
 * (SITMAP_XML_MAX_ATTRIBUTES). TRUE, with the UTF-8 text (bytes itself when the file is UTF-8), when libxml2
 * may parse it; otherwise FALSE with problem filled in. */
gboolean sitmap_xml_precheck (GBytes            *bytes,
                              const char        *format_name,
                              const char *const *roots,
                              GBytes           **utf8,
                              SitmapXmlProblem  *problem);
/* The same in two steps, so that a parser can walk the markup just ahead of what it parses: the encoding and
 * the prolog first, then the markup of the UTF-8 text, text[*scanned, until) at a time (a construct begun
 * before until is walked whole, and *scanned is left where the next walk begins). */
gboolean sitmap_xml_precheck_prolog (GBytes            *bytes,
                                     const char        *format_name,
                                     const char *const *roots,
                                     GBytes           **utf8,
                                     SitmapXmlProblem  *problem);
gboolean sitmap_xml_precheck_markup (const guint8     *text,
                                     gsize             size,
                                     gsize            *scanned,
                                     gsize             until,
                                     SitmapXmlProblem *problem);
void     sitmap_xml_problem_clear (SitmapXmlProblem *problem);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SitmapXmlProblem, sitmap_xml_problem_clear)

G_END_DECLS
