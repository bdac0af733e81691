/* sitmap-geojson-parse-ahead.h: a file's features parsed by json-glib in a thread of their own, ahead of the reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "sitmap-json-scan.h"

G_BEGIN_DECLS

/* Below this many features a thread is not worth starting: the reader parses them itself. */
#define SITMAP_GEOJSON_PARSE_AHEAD_MIN_FEATURES 2048

typedef struct _SitmapGeojsonParseAhead SitmapGeojsonParseAhead;

/* Starts parsing the features (SitmapJsonSpan, in data) in their order. NULL when no thread can be had. data
 * and features must outlive it. */
SitmapGeojsonParseAhead *sitmap_geojson_parse_ahead_start (const char *data, GArray *features);
/* The next feature's tree, in order: NULL when the feature is not to be parsed
 * (sitmap_geojson_span_is_parseable()) or json-glib cannot parse it. Give it back with
 * sitmap_geojson_parse_ahead_done() once read. */
JsonNode *sitmap_geojson_parse_ahead_next (SitmapGeojsonParseAhead *self);
/* The tree of the last feature (NULL as well), read: it is freed in the thread. */
void      sitmap_geojson_parse_ahead_done (SitmapGeojsonParseAhead *self, JsonNode *node);
/* Stops the thread wherever it is, and frees everything. */
void      sitmap_geojson_parse_ahead_free (SitmapGeojsonParseAhead *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitmapGeojsonParseAhead, sitmap_geojson_parse_ahead_free)

G_END_DECLS
