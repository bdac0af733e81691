/* sitmap-xml-input.h: a hardened, streaming XML reader that names file, line and column in every error
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Limits that keep a hostile file from exhausting memory or stack. */
#define SITMAP_XML_MAX_DEPTH      100
#define SITMAP_XML_MAX_TEXT_BYTES (10 * 1024 * 1024)
/* libxml2 2.9 compares each attribute of a tag with every one before it: a tag with 100,000 attributes
 * takes minutes. KML elements have a handful. */
#define SITMAP_XML_MAX_ATTRIBUTES 256

/* One pass over one XML document, element by element, with libxml2's xmlTextReader underneath. It never
 * touches the network, refuses any document type declaration before libxml2 parses it (that is how entity
 * bombs and external entities arrive), and only reads encodings that it can check for that first. */
typedef struct _SitmapXmlInput SitmapXmlInput;

/* An element's identity for error messages: its ordinal among all start tags of the document. */
typedef guint64 SitmapXmlMark;

typedef struct
{
  int      depth;
  gboolean done;
} SitmapXmlChildren;

/* Sets libxml2's global state up, once; safe to call from any thread, best called from the main one before
 * workers use libxml2. */
void            sitmap_xml_init (void);

/* A KML document's input: its root is <kml>. */
SitmapXmlInput *sitmap_xml_input_new (GBytes       *bytes,
                                      const char   *display_name,
                                      GCancellable *cancellable,
                                      GError      **error);
/* Another XML format's: format_name names it in messages ("GeoRSS"), roots (NULL-terminated, not copied) are
 * the local names its root element may have. */
SitmapXmlInput *sitmap_xml_input_new_for_format (GBytes            *bytes,
                                                 const char        *format_name,
                                                 const char *const *roots,
                                                 const char        *display_name,
                                                 GCancellable      *cancellable,
                                                 GError           **error);
void            sitmap_xml_input_free (SitmapXmlInput *self);

/* Moves to the root element. */
gboolean sitmap_xml_input_read_root (SitmapXmlInput *self);
/* After the root element has been consumed: checks that nothing but comments follows it. */
gboolean sitmap_xml_input_read_end (SitmapXmlInput *self);

/* Iterates over the child elements of the current element:
 *   sitmap_xml_input_children_begin (in, &children);
 *   while (sitmap_xml_input_children_next (in, &children)) { consume the child }
 * Each child must be consumed (read_text, skip, or its own iteration) before asking for the next. Text
 * between child elements is ignored. Stops at the end of the parent, or on an error. */
void     sitmap_xml_input_children_begin (SitmapXmlInput *self, SitmapXmlChildren *children);
gboolean sitmap_xml_input_children_next (SitmapXmlInput *self, SitmapXmlChildren *children);

/* The current element */
const char   *sitmap_xml_input_get_name (SitmapXmlInput *self);
const char   *sitmap_xml_input_get_namespace (SitmapXmlInput *self);
/* The prefix the file writes the element's name with, or NULL: for naming it to people only, never to tell
 * what it is (that is the namespace's job). */
const char   *sitmap_xml_input_get_prefix (SitmapXmlInput *self);
SitmapXmlMark sitmap_xml_input_get_mark (SitmapXmlInput *self);
/* The line of the element's start tag (its end, when the tag spans lines), cheaply: for reports of what was
 * skipped. 0 when unknown. */
guint         sitmap_xml_input_get_line (SitmapXmlInput *self);
/* How much of the text has been read, from 0 to 1: for a progress bar. */
double        sitmap_xml_input_get_fraction (SitmapXmlInput *self);
/* A new string, or NULL when the attribute is absent or empty. */
char         *sitmap_xml_input_dup_attribute (SitmapXmlInput *self, const char *name);
/* Consumes the current element and returns its text content, child elements' text included, trimmed.
 * NULL on error; "" when empty. */
char         *sitmap_xml_input_read_text (SitmapXmlInput *self);
/* The same, also appending to markup (when not NULL) the element's content as XML text: child elements as
 * tags with their attributes, text escaped, what an XHTML <div> holds for an HTML reader. n_elements (when
 * not NULL) is set to the number of elements inside. Markup counts against the same limit as text. */
char         *sitmap_xml_input_read_content (SitmapXmlInput *self, GString *markup, guint *n_elements);
/* Consumes the current element and everything in it. */
gboolean      sitmap_xml_input_skip (SitmapXmlInput *self);

/* Records an error about the element at mark, unless one was already recorded. Returns FALSE. */
gboolean sitmap_xml_input_fail (SitmapXmlInput *self,
                                SitmapXmlMark   mark,
                                int             code,
                                const char     *format,
                                ...) G_GNUC_PRINTF (4, 5);
/* Records an error that has no position (the file as a whole). Returns FALSE. */
gboolean sitmap_xml_input_fail_whole (SitmapXmlInput *self, int code, const char *format, ...) G_GNUC_PRINTF (3, 4);
gboolean sitmap_xml_input_failed (SitmapXmlInput *self);
/* Hands over the recorded error, as "<file>: line L, column C: <what>". */
void     sitmap_xml_input_propagate_error (SitmapXmlInput *self, GError **error);
const char *sitmap_xml_input_get_display_name (SitmapXmlInput *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitmapXmlInput, sitmap_xml_input_free)

G_END_DECLS
