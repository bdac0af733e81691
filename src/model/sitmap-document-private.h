/* sitmap-document-private.h: what only the builder may do to a document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sitmap-document.h"

G_BEGIN_DECLS

/* Takes every argument but view. sources and places are arrays of SitmapSource and SitmapPlace. */
SitmapDocument *_sitmap_document_new (char                     *title,
                                      char                     *description,
                                      const SitmapDocumentView *view,
                                      GPtrArray                *sources,
                                      GPtrArray                *places,
                                      SitmapEventStore         *store);

G_END_DECLS
