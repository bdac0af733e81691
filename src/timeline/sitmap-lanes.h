/* sitmap-lanes.h: stacking marks in a few lanes so that overlapping marks do not hide each other
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SITMAP_LANES_MAX 12

/* Marks are offered in order of their left edge; each goes into the lowest lane where it does not
 * touch the mark before it. A mark that fits nowhere would only cover pixels already drawn: the caller
 * counts it instead of drawing it. */
typedef struct
{
  float ends[SITMAP_LANES_MAX]; /* right edge of the last mark in each lane */
  guint n_lanes;
  float gap;
} SitmapLanes;

void sitmap_lanes_init (SitmapLanes *self, guint n_lanes, float gap);
/* The lane the mark [x0, x1] goes in, or -1 when every lane is taken there. */
int  sitmap_lanes_place (SitmapLanes *self, float x0, float x1);

G_END_DECLS
