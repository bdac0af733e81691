/* sitmap-geojson-private.h: what the GeoJSON reader's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "sitmap-document-builder.h"
#include "sitmap-import.h"
#include "sitmap-json-scan.h"

G_BEGIN_DECLS

/* Beyond these a file is refused as too large, rather than read until memory runs out. */
#define SITMAP_GEOJSON_MAX_EVENTS        10000000
#define SITMAP_GEOJSON_MAX_POINTS        20000000 /* coordinates of every shape together */
/* json-glib holds a parsed value in about ten times its text: one larger feature is skipped. */
#define SITMAP_GEOJSON_MAX_FEATURE_BYTES (64 * 1024 * 1024)
#define SITMAP_GEOJSON_MAX_ATTRIBUTES    1000     /* per feature: the rest are left out */
#define SITMAP_GEOJSON_MAX_PER_EVENT     1000     /* actors, figures, citations of one event */
#define SITMAP_GEOJSON_MAX_COLUMNS       1000     /* property names offered to the mapping dialog */
/* The features whose properties decide which hold the time, the title… */
#define SITMAP_GEOJSON_SAMPLE            1000
/* Half the equator: no point on Earth is farther from another. */
#define SITMAP_GEOJSON_MAX_RADIUS_M      20037509

/* The properties Sitmap writes beyond the fields of the mapping dialog (docs/geojson-format.md). */
#define SITMAP_GEOJSON_ATTRIBUTE_PREFIX "attribute:" /* an attribute whose name is one of Sitmap's */
#define OPEN_BOUND                      ".."         /* the open end of a span, as ISO 8601-2 writes it */

/* How the properties of this file map to an event: the property name of each field (NULL: none). */
typedef struct
{
  char    *names[SITMAP_IMPORT_N_FIELDS];
  char    *url;              /* the report's address, for the citation */
  gboolean own;              /* the file is Sitmap's: its properties have Sitmap's names */
  gboolean date_in_ms;       /* numeric times are epoch milliseconds, not seconds */
  gboolean end_in_ms;
} SitmapGeojsonFields;

typedef struct
{
  SitmapImport          *import;
  const char            *data;
  gsize                  length;
  SitmapJsonScan         scan;
  JsonParser            *parser;
  SitmapDocumentBuilder *builder;
  SitmapJsonPosition     cursor;  /* where the features are, read in order */
  SitmapGeojsonFields    fields;
  char                  *collection_source; /* the source of citations that name none: the collection's */
  char                  *collection_source_name;
  GHashTable            *ids;     /* event ids read so far */
  GHashTable            *groups;  /* "folder\x1fsubfolder" → group number */
  GHashTable            *named_sources; /* source ids whose name is known */
  guint                  n_events;
  guint64                n_points;
} SitmapGeojsonReader;

/* One feature while it is read: what a skipped feature is skipped for. */
typedef struct
{
  SitmapEventDraft      draft;
  const SitmapJsonSpan *span;
  char                 *problem;
  gboolean              too_many_points;
  gboolean              placed_by_properties; /* by its latitude and longitude properties */
  gboolean              id_from_properties;
} SitmapGeojsonFeature;

void sitmap_geojson_feature_fail (SitmapGeojsonFeature *feature, const char *format, ...) G_GNUC_PRINTF (2, 3);

/* Reader (sitmap-geojson-reader.c) */
/* Whether json-glib is given the feature at all: not when one of its objects names a member twice (json-glib
 * would keep either), nor when it is larger than SITMAP_GEOJSON_MAX_FEATURE_BYTES. */
static inline gboolean
sitmap_geojson_span_is_parseable (const SitmapJsonSpan *span)
{
  return span->duplicate_at == G_MAXSIZE && span->end - span->start <= SITMAP_GEOJSON_MAX_FEATURE_BYTES;
}
/* A value of the text, parsed by json-glib (mended first where the scan says so); NULL if it cannot be. */
JsonNode *sitmap_geojson_parse_span (JsonParser *parser, const char *data, const SitmapJsonSpan *span);

/* Fields (sitmap-geojson-fields.c) */
void     sitmap_geojson_fields_clear (SitmapGeojsonFields *fields);
/* Decides from the first features (and the import's options) which properties hold what. FALSE with
 * SITMAP_DOCUMENT_ERROR_NEEDS_MAPPING, the columns and the guesses set on the import, when the time cannot be
 * told apart without asking. */
gboolean sitmap_geojson_fields_decide (SitmapGeojsonReader *reader, GError **error);
/* Whether a property of this name, written as an attribute, would be read back as something else: one of
 * the properties Sitmap writes, or a usual name of a field ("date", "name"…). Such attributes are written with
 * SITMAP_GEOJSON_ATTRIBUTE_PREFIX. */
gboolean sitmap_geojson_is_reserved_name (const char *name);
/* A scalar property as text: a string as it is, a number as written, a boolean; NULL for null, an array
 * or an object. */
char    *sitmap_geojson_dup_scalar (SitmapGeojsonReader *reader, SitmapGeojsonFeature *feature, JsonNode *node);
/* A time property's value as the ISO 8601 text of one bound: dates and moments in text, epoch seconds or
 * milliseconds, or a year. NULL for null; NULL with the feature's problem set when it is not a time. */
char    *sitmap_geojson_dup_time (SitmapGeojsonReader *reader, SitmapGeojsonFeature *feature, JsonNode *node,
                                  gboolean in_ms);
/* The member of object named name without regard to case, or NULL. */
JsonNode *sitmap_geojson_get_member (JsonObject *object, const char *name);
/* The property (by its exact name) of an object, or NULL when absent or null. */
JsonNode *sitmap_geojson_get_property (JsonObject *properties, const char *name);

/* Features (sitmap-geojson-feature.c): the feature's object as an event, into feature->draft. FALSE when it
 * is skipped (feature->problem says why). */
gboolean sitmap_geojson_read_feature (SitmapGeojsonReader *reader, SitmapGeojsonFeature *feature, JsonNode *node);

/* Geometry (sitmap-geojson-geometry.c): the geometry's place into the draft. FALSE with the feature's problem
 * set when it cannot be read; a null or empty geometry leaves the event unplaced. */
gboolean sitmap_geojson_read_geometry (SitmapGeojsonReader *reader, SitmapGeojsonFeature *feature, JsonNode *node);
/* Checks and sets a point read from properties (latitude and longitude fields). */
gboolean sitmap_geojson_set_point (SitmapGeojsonReader *reader, SitmapGeojsonFeature *feature, JsonNode *latitude,
                                   JsonNode *longitude);
/* Whether type is one of GeoJSON's geometry types. */
gboolean sitmap_geojson_is_geometry_type (const char *type);

G_END_DECLS
