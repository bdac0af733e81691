/* sitmap-lanes.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-lanes"

#include "config.h"

#include "sitmap-lanes.h"

void
sitmap_lanes_init (SitmapLanes *self, guint n_lanes, float gap)
{
  self->n_lanes = MIN (n_lanes, SITMAP_LANES_MAX);
  self->gap = gap;
  for (guint i = 0; i < SITMAP_LANES_MAX; i++)
    self->ends[i] = -G_MAXFLOAT;
}

int
sitmap_lanes_place (SitmapLanes *self, float x0, float x1)
{
  for (guint i = 0; i < self->n_lanes; i++)
    if (self->ends[i] + self->gap <= x0)
      {
        self->ends[i] = x1;
        return (int) i;
      }
  return -1;
}
