/* sitmap-event-order.h: every event of a document ordered by one column, without an object per event
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sitmap-document.h"

G_BEGIN_DECLS

typedef enum
{
  SITMAP_EVENT_SORT_TIME,       /* the store's order: start, then end; undated last */
  SITMAP_EVENT_SORT_TITLE,      /* case and accents ignored; untitled last */
  SITMAP_EVENT_SORT_PLACE,      /* as worded, else the gazetteer name; no place last */
  SITMAP_EVENT_SORT_CATEGORY,
  SITMAP_EVENT_SORT_FATALITIES, /* the lower bound of the killed figure; not given first */
  SITMAP_EVENT_SORT_ORIGINS,    /* independent origins, then citations */
  SITMAP_N_EVENT_SORTS
} SitmapEventSort;

/* A sort is made in two steps: the job takes what it needs from the document on the main thread,
 * then runs anywhere (it reads only the store's immutable text and its own copies). Ties keep time
 * order. */
typedef struct _SitmapEventOrderJob SitmapEventOrderJob;

/* origins: per event, as the store's origins column gives (needed for SITMAP_EVENT_SORT_ORIGINS only;
 * read while the job is made). */
SitmapEventOrderJob *sitmap_event_order_job_new (SitmapDocument *document, SitmapEventSort key,
                                                 const guint8 *origins);
/* Every position of the document, ascending by key: a new array of n_events. */
guint32             *sitmap_event_order_job_run (SitmapEventOrderJob *self);
void                 sitmap_event_order_job_free (SitmapEventOrderJob *self);
SitmapDocument      *sitmap_event_order_job_get_document (SitmapEventOrderJob *self);
/* How the sort by key orders the events at positions a and b (ties by position) */
int                  sitmap_event_order_compare (SitmapDocument *document, SitmapEventSort key, const guint8 *origins,
                                                 guint a, guint b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitmapEventOrderJob, sitmap_event_order_job_free)

G_END_DECLS
