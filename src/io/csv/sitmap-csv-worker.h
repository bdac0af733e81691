/* sitmap-csv-worker.h: one thread's share of a table, its rows made events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sitmap-csv-private.h"
#include "sitmap-event-store.h"

G_BEGIN_DECLS

/* Adjacent columns of one kind (ACLED's event types; an actor, its associates and their types; a place and
 * its admin areas; sources and their scale): they repeat together, so their raw bytes are one key, and what
 * a distinct value gives (its strings, its actors, its sources, its category, the attributes it adds) is
 * worked out once. */
typedef struct
{
  guint    first;      /* column */
  guint    n;          /* columns */
  gboolean actors;     /* holds ACLED's four actor columns: its values give the actors */
  gboolean sources;    /* holds the source column */
  gboolean category;   /* holds the category column */
} SitmapCsvSpan;

/* What every thread reads by: the table's layout, and what follows from it */
typedef struct
{
  GBytes                *bytes;      /* what the file's text lies in */
  const char            *text;
  const char            *text_end;
  SitmapImport          *import;
  const SitmapCsvLayout *layout;
  int                   *attribute_columns; /* the columns kept as attributes, in order */
  guint                  n_attribute_columns;
  int                   *attribute_index;   /* per column: its index among them, or -1 */
  SitmapCsvSpan         *spans;
  guint                  n_spans;
  int                   *span_of;           /* per column: the span it is in, or -1 */
  int                    actor_span;        /* the span whose values give the actors, or -1 */
  int                    source_span;       /* the span whose values give the citations, or -1 */
  int                    category_span;     /* the span whose values give the category, or -1 */
  gboolean               release;    /* the text is a mapped file: give it back behind the cursor */
  int                    progress;   /* atomic: kilobytes read by every thread */
  gsize                  total;
} SitmapCsvPlan;

void sitmap_csv_plan_init (SitmapCsvPlan *plan, const SitmapCsvLayout *layout);
void sitmap_csv_plan_clear (SitmapCsvPlan *plan);

typedef enum
{
  SITMAP_CSV_WORKER_OK,
  SITMAP_CSV_WORKER_UNTERMINATED,  /* a quote opens and the file ends inside it */
  SITMAP_CSV_WORKER_NOT_UTF8,      /* text that is not UTF-8: the file must be converted */
  SITMAP_CSV_WORKER_TOO_MANY_ROWS,
  SITMAP_CSV_WORKER_CANCELLED,
} SitmapCsvWorkerStatus;

typedef struct
{
  guint64 line;   /* from the start of the thread's range */
  guint   column;
  char   *reason; /* NULL past the reasons kept */
} SitmapCsvSkip;

typedef struct _SitmapCsvWorker SitmapCsvWorker;

/* A thread's share: the records that begin in [start, stop) */
SitmapCsvWorker      *sitmap_csv_worker_new (SitmapCsvPlan *plan, const char *start, const char *stop);
void                  sitmap_csv_worker_free (SitmapCsvWorker *self);
/* Reads the share (a GThreadFunc) */
gpointer              sitmap_csv_worker_run (gpointer self);

SitmapCsvWorkerStatus sitmap_csv_worker_get_status (SitmapCsvWorker *self, guint64 *line, guint *column);
const char           *sitmap_csv_worker_get_start (SitmapCsvWorker *self);
/* Where its last record ended */
const char           *sitmap_csv_worker_get_end (SitmapCsvWorker *self);
guint64               sitmap_csv_worker_get_lines (SitmapCsvWorker *self);
guint64               sitmap_csv_worker_get_rows (SitmapCsvWorker *self);
/* Skipped rows: the first SITMAP_IMPORT_REPORT_MAX_KEPT with their reasons, and how many in all */
GArray               *sitmap_csv_worker_get_skips (SitmapCsvWorker *self, guint64 *n_skipped);
/* The publishers its rows cite, in the order first cited */
guint                 sitmap_csv_worker_get_n_publishers (SitmapCsvWorker *self);
const char           *sitmap_csv_worker_get_publisher (SitmapCsvWorker *self, guint i);
SitmapEventStore     *sitmap_csv_worker_steal_store (SitmapCsvWorker *self);

G_END_DECLS
