/* sitmap-format.h: the file formats Sitmap reads and writes, one entry each, and how a file's is found
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sitmap-document.h"
#include "sitmap-import.h"

G_BEGIN_DECLS

/* How many bytes of a file sniffers are shown. */
#define SITMAP_FORMAT_SNIFF_SIZE 4096

typedef enum
{
  /* A document format: Sitmap saves its whole document in it, and saves back over a file it wrote. Others
   * are imported (their events come into a document) and exported. */
  SITMAP_FORMAT_DOCUMENT = 1 << 0,
} SitmapFormatFlags;

/* How sure a format is that a file beginning with head is its own, from its content alone: 0 not at all,
 * 100 certain (a signature). head holds at most SITMAP_FORMAT_SNIFF_SIZE bytes, fewer for a short file. */
typedef guint (*SitmapFormatSniffFunc) (const guint8 *head, gsize length);

/* Reads the whole file into a finished document, off the main thread: lenient where it is safe (a
 * record it cannot read is left out with sitmap_import_skip()), refusing what is hostile or broken
 * with an error naming the file, line and column (SITMAP_DOCUMENT_ERROR). bytes may be a mapped file. */
typedef SitmapDocument *(*SitmapFormatReadFunc) (GBytes *bytes, SitmapImport *import, GError **error);

/* Writes the events at positions (guint32, in the document's store; NULL: every event) to file,
 * atomically (sitmap_atomic_write): a failed or cancelled write leaves the file as it was. */
typedef gboolean (*SitmapFormatWriteFunc) (SitmapDocument *document,
                                           GArray         *positions,
                                           GFile          *file,
                                           GCancellable   *cancellable,
                                           GError        **error);

typedef struct
{
  const char            *id;            /* "kml": what --from-format and --to-format take */
  const char            *name;          /* for the user, translated: "KML" */
  const char *const     *extensions;    /* lower case, without the dot; the first is the one to write */
  const char *const     *mime_types;
  SitmapFormatFlags      flags;
  SitmapFormatSniffFunc  sniff;
  SitmapFormatReadFunc   read;          /* NULL: Sitmap does not read it */
  SitmapFormatWriteFunc  write;         /* NULL: Sitmap does not write it */
} SitmapFormat;

/* Every format, NULL-terminated, in the order the file chooser lists them. */
const SitmapFormat *const *sitmap_formats (void);
const SitmapFormat        *sitmap_format_find (const char *id);
/* The format whose extension the name ends with (any case), or NULL. */
const SitmapFormat        *sitmap_format_for_name (const char *filename);
/* The readable format of a file from its first bytes, and its name when the content does not tell
 * (a CSV file has no signature; filename is the name shown to the user, or the file's basename): the most certain sniffer wins, the extension breaks ties. NULL, with
 * SITMAP_DOCUMENT_ERROR_UNKNOWN_FORMAT, when no format claims it. */
const SitmapFormat        *sitmap_format_detect (GBytes *bytes, const char *filename, GError **error);

/* For the sniffers of XML formats: the local name (without its prefix) of the root element that head
 * begins with, past a UTF-8 byte order mark, the XML declaration, comments and processing instructions,
 * into local_name (size bytes). FALSE when head does not begin with an element or the name is longer. */
gboolean sitmap_format_sniff_xml_root (const guint8 *head, gsize length, char *local_name, gsize size);

G_END_DECLS
