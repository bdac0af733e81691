/* sitmap-memory.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-memory"

#include "config.h"

#ifdef __linux__
#include <sys/mman.h>
#endif

#include "sitmap-memory.h"

#define HUGE_PAGE ((guintptr) 2 * 1024 * 1024)

void
sitmap_memory_advise_huge (gpointer data, gsize size)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  guintptr start = ((guintptr) data + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
  guintptr end = ((guintptr) data + size) & ~(HUGE_PAGE - 1);

  if (data == NULL || size < SITMAP_MEMORY_HUGE_MIN || end <= start)
    return;
  /* Only a hint: an error (an old kernel, huge pages off) changes nothing */
  madvise ((void *) start, end - start, MADV_HUGEPAGE);
#endif
}
