/* sitmap-xml-input.h: a hardened, streaming XML reader that names file, line and column in every error
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sitmap-import.h"

G_BEGIN_DECLS

/* Limits that keep a hostile file from exhausting memory or stack. */
#define SITMAP_XML_MAX_DEPTH      100
#define SITMAP_XML_MAX_TEXT_BYTES (10 * 1024 * 1024)
/* libxml2 2.9 compares each attribute of a tag with every one before it: a tag with 100,000 attributes
 * takes minutes. KML elements have a handful. */
#define SITMAP_XML_MAX_ATTRIBUTES 256
/* From this size on, libxml2 parses in a thread of its own while the format's reader takes what it has
 * parsed: a large file is read on two cores. */
#define SITMAP_XML_THREAD_MIN_BYTES (1024 * 1024)

/* One pass over one XML document, element by element, with libxml2's SAX2 parser underneath. It never
 * touches the network, refuses any document type declaration before libxml2 parses it (that is how entity
 * bombs and external entities arrive), and only reads encodings that it can check for that first. */
typedef struct _SitmapXmlInput SitmapXmlInput;

/* An element's identity for error messages: where its start tag is in the text. */
typedef guint64 SitmapXmlMark;

typedef struct
{
  int      depth;
  gboolean done;
} SitmapXmlChildren;

/* Sets libxml2's global state up, once; safe to call from any thread, best called from the main one before
 * workers use libxml2. */
void            sitmap_xml_init (void);

/* format_name names the format in messages ("KML"); roots are the local names its root element may have
 * (NULL-terminated, the usual one first). */
SitmapXmlInput *sitmap_xml_input_new (GBytes            *bytes,
                                      const char        *display_name,
                                      const char        *format_name,
                                      const char *const *roots,
                                      GCancellable      *cancellable,
                                      GError           **error);
void            sitmap_xml_input_free (SitmapXmlInput *self);

/* Prefixes that careless writers use without declaring them, and the namespace each stands for: prefix,
 * namespace, prefix, namespace…, NULL. An element with one of them is read in that namespace (and a note
 * says so); an element with another undeclared prefix is in a namespace no format knows, and left out. Set
 * before sitmap_xml_input_read_root(); the strings must outlive the input. */
void     sitmap_xml_input_set_known_prefixes (SitmapXmlInput *self, const char *const *prefixes);

/* Moves to the root element. */
gboolean sitmap_xml_input_read_root (SitmapXmlInput *self);
/* After the root element has been consumed: checks that nothing but comments follows it. */
gboolean sitmap_xml_input_read_end (SitmapXmlInput *self);

/* Iterates over the child elements of the current element:
 *   sitmap_xml_input_children_begin (in, &children);
 *   while (sitmap_xml_input_children_next (in, &children)) { consume the child }
 * A child need not be consumed whole before asking for the next: what is left of it is passed over. Text
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
/* How much of the text has been read, from 0 to 1: for a progress bar. */
double        sitmap_xml_input_get_fraction (SitmapXmlInput *self);
/* A new string, or NULL when the attribute (without a prefix) is absent or empty. */
char         *sitmap_xml_input_dup_attribute (SitmapXmlInput *self, const char *name);
/* Consumes the current element and returns its text content, child elements' text included, trimmed.
 * NULL on error; "" when empty. */
char         *sitmap_xml_input_read_text (SitmapXmlInput *self);
/* The same, without a copy: the text stays valid until the next call that reads. */
const char   *sitmap_xml_input_read_text_shared (SitmapXmlInput *self);
/* The same as a new string, also appending to markup (when not NULL) the element's content as XML text:
 * child elements as tags with their attributes, text escaped, what an XHTML <div> holds for an HTML reader.
 * n_elements (when not NULL) is set to the number of elements inside. Markup counts against the same limit as
 * text. */
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
/* Where the start tag of the element at mark begins, counted as libxml2 counts (lines and characters from 1). */
void     sitmap_xml_input_locate (SitmapXmlInput *self, SitmapXmlMark mark, int *line, int *column);

/* What was left out of the document without stopping the read, said at the element at mark: kept until
 * sitmap_xml_input_report(), which finds every line and column in one pass. Quote document text with
 * sitmap_quote_text(). Namespace errors libxml2 recovers from are noted by the input itself. */
void     sitmap_xml_input_note (SitmapXmlInput *self, SitmapXmlMark mark, const char *format, ...) G_GNUC_PRINTF (3, 4);
/* A resource the document names at mark (a KML NetworkLink), listed for the user, never fetched. */
void     sitmap_xml_input_note_link (SitmapXmlInput *self, SitmapXmlMark mark, const char *uri);
guint    sitmap_xml_input_get_n_notes (SitmapXmlInput *self);
/* Hands the notes and links to import (sitmap_import_skip(), sitmap_import_add_link()) in document order. */
void     sitmap_xml_input_report (SitmapXmlInput *self, SitmapImport *import);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitmapXmlInput, sitmap_xml_input_free)

G_END_DECLS
