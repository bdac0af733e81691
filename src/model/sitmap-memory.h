/* sitmap-memory.h: large blocks of memory the system may back with huge pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Blocks this large or larger are worth the hint */
#define SITMAP_MEMORY_HUGE_MIN (4 * 1024 * 1024)

/* Asks the system to back the whole 2 MB pages inside [data, data + size) with huge pages: a million events'
 * arrays fault in 2 MB at a time instead of 4 kB, a few hundred faults instead of a hundred thousand. A hint:
 * nothing happens where the system has no such pages, or for blocks smaller than SITMAP_MEMORY_HUGE_MIN. */
void sitmap_memory_advise_huge (gpointer data, gsize size);

G_END_DECLS
