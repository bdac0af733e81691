/* bench-import-merge.c: importing a thousand events into a document of a million
 *
 * Prints `import_merge_1m_ms: value ms`, the median of a few runs of sitmap_event_store_merge() (the
 * whole work of an import's commit: both documents' events copied into a new store, sorted and indexed),
 * and the time the undo stack takes to apply it. Argument: the number of events of the document
 * (default a million).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include "model-test-utils.h"
#include "sitmap-bench.h"
#include "sitmap-event-store-merge.h"
#include "sitmap-import-command.h"
#include "sitmap-undo-stack.h"

#define RUNS 5

int
main (int argc, char *argv[])
{
  guint n = argc > 1 ? (guint) strtoul (argv[1], NULL, 10) : 1000000;
  g_autoptr (SitmapDocument) document = model_test_random_document (n, 1);
  g_autoptr (SitmapDocument) imported = model_test_random_document_with_ids (1000, 2, "imported-");
  double times[RUNS];
  double start;
  const char *label = n == 1000000 ? "1m" : "n";
  SitmapEventStoreMerge *merge = NULL;

  for (guint run = 0; run < RUNS; run++)
    {
      g_clear_pointer (&merge, sitmap_event_store_merge_free);
      start = sitmap_bench_now_ms ();
      merge = sitmap_event_store_merge (document, imported);
      times[run] = sitmap_bench_now_ms () - start;
    }
  g_print ("import_merge_%s_ms: %.0f ms\n", label, sitmap_bench_median (times, RUNS));
  g_print ("import_merge_%s_events: %u events\n", label, sitmap_event_store_get_columns (merge->store)->n_events);
  start = sitmap_bench_now_ms ();
  sitmap_undo_stack_push (sitmap_document_get_undo_stack (document), sitmap_import_command_new (merge, NULL));
  g_print ("import_apply_%s_ms: %.2f ms\n", label, sitmap_bench_now_ms () - start);
  return 0;
}
