/* map-test-utils.h: what the map tests, benchmark and preview share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

#include "sitmap-document-builder.h"
#include "sitmap-event-layer.h"
#include "sitmap-place-layer.h"
#include "sitmap-view-state.h"

G_BEGIN_DECLS

/* A map source that paints every tile itself, a plain land colour with a faint tile grid: no network. */
#define SITMAP_TYPE_TEST_TILE_SOURCE (sitmap_test_tile_source_get_type ())
G_DECLARE_FINAL_TYPE (SitmapTestTileSource, sitmap_test_tile_source, SITMAP, TEST_TILE_SOURCE, ShumateMapSource)

ShumateMapSource *sitmap_test_tile_source_new (void);

/* A window holding a ShumateMap with the test tiles, the place layer and the event layer. */
typedef struct
{
  GtkWindow        *window;
  ShumateMap       *map;
  ShumateViewport  *viewport;
  ShumateMapSource *source;
  SitmapViewState  *view_state;
  SitmapPlaceLayer *places;
  SitmapEventLayer *events;
} MapTestWindow;

MapTestWindow *map_test_window_new (int width, int height);
void           map_test_window_free (MapTestWindow *self);
void           map_test_window_show (MapTestWindow *self, double latitude, double longitude, double zoom);
/* Runs the main loop until the layers are laid out at the window's size and a frame was drawn. */
void           map_test_window_wait (MapTestWindow *self);

typedef struct
{
  const char *id;
  const char *title;
  SitmapCategory category;
  double latitude;
  double longitude;
  const char *begin;    /* a date in the time grammar: its form is its precision */
  const char *end;      /* non-NULL for a span; "" for a span with no end */
  SitmapLocationPrecision location;
  guint radius_m;
  gboolean party_only;  /* cited only by a source that is a party to the conflict */
  const double *polygon; /* longitude, latitude pairs, or NULL */
  guint n_polygon;
  const char *place_id;  /* a place of the gazetteer, or NULL */
} MapTestEvent;

void map_test_add_event (SitmapDocumentBuilder *builder, const MapTestEvent *event);
/* Events and places like the demo's: central and eastern Syria, late 2024. */
SitmapDocument *map_test_demo_document (void);
/* n synthetic events over Syria, deterministic for a seed: mostly points, some near towns, a few areas. */
SitmapDocument *map_test_synthetic_document (guint n, guint32 seed);
/* n annotations of the four drawn kinds in turn (label, arrow, circle, area), deterministic for a seed, anchored
 * at random in the square of size degrees from (south, west), their other points up to spread degrees away, the
 * circles up to max_radius metres, every third one with a text; added at the top of document's annotations. */
void map_test_add_random_annotations (SitmapDocument *document, guint n, guint32 seed, double south, double west,
                                      double size, double spread, double max_radius);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MapTestWindow, map_test_window_free)

G_END_DECLS
