/* sitmap-error.h: the errors a document can raise while it is read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SITMAP_DOCUMENT_ERROR (sitmap_document_error_quark ())

typedef enum
{
  SITMAP_DOCUMENT_ERROR_MALFORMED,   /* not well-formed, truncated, wrong encoding */
  SITMAP_DOCUMENT_ERROR_NOT_KML,     /* well-formed, but not a KML document */
  SITMAP_DOCUMENT_ERROR_UNSAFE,      /* asks for something we refuse: a DTD, external entities */
  SITMAP_DOCUMENT_ERROR_INVALID_VALUE, /* a date, coordinate or number that makes no sense */
  SITMAP_DOCUMENT_ERROR_TOO_LARGE,   /* beyond the limits a document may reach */
  SITMAP_DOCUMENT_ERROR_UNKNOWN_FORMAT, /* no format Sitmap reads claims the file */
  SITMAP_DOCUMENT_ERROR_NEEDS_MAPPING, /* which columns hold what must be chosen (sitmap-import.h) */
} SitmapDocumentError;

GQuark sitmap_document_error_quark (void);

G_END_DECLS
