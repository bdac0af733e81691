/* sitmap-geojson-reader.c: a GeoJSON file in, one step: checked whole, then read feature by feature
 *
 * The text is first checked by sitmap_json_scan() (strict JSON, bounded depth, valid UTF-8), which also finds
 * where each feature is; json-glib then parses one feature at a time, so that memory follows the largest
 * feature rather than the file, and a feature that cannot be used is skipped with its line and column.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-geojson-reader"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sitmap-error.h"
#include "sitmap-geojson-parse-ahead.h"
#include "sitmap-geojson-private.h"
#include "sitmap-geojson-reader.h"
#include "sitmap-time.h"

/* Features read between two reports of progress */
#define PROGRESS_INTERVAL 1024
/* Of the progress bar, the share of the first pass over the text */
#define SCAN_SHARE 0.3

/*
 * Errors, with the file's name, and a line and column when there is one
 */

static void
set_error_at (SitmapGeojsonReader *reader, gsize offset, int code, const char *what, GError **error)
{
  SitmapJsonPosition position = { 0 };

  sitmap_json_position_advance (&position, reader->data, offset);
  /* TRANSLATORS: where a file went wrong: file name, line, column, then what went wrong */
  g_set_error (error, SITMAP_DOCUMENT_ERROR, code, _("%s: line %u, column %u: %s"),
               sitmap_import_get_display_name (reader->import), position.line, position.column, what);
}

static gboolean G_GNUC_PRINTF (5, 6)
fail_at (SitmapGeojsonReader *reader, gsize offset, int code, GError **error, const char *format, ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  set_error_at (reader, offset, code, what, error);
  return FALSE;
}

/*
 * The root and its members
 */

static const SitmapJsonMember *
find_member (SitmapGeojsonReader *reader, const char *name)
{
  for (guint i = 0; i < reader->scan.members->len; i++)
    {
      const SitmapJsonMember *member = &g_array_index (reader->scan.members, SitmapJsonMember, i);

      if (strcmp (member->name, name) == 0)
        return member;
    }
  return NULL;
}

JsonNode *
sitmap_geojson_parse_span (JsonParser *parser, const char *data, const SitmapJsonSpan *span)
{
  g_autoptr (GString) mended = span->flags != 0 ? sitmap_json_scan_sanitize (data, span) : NULL;

  if (!json_parser_load_from_data (parser, mended ? mended->str : data + span->start,
                                   mended ? (gssize) mended->len : (gssize) (span->end - span->start), NULL))
    return NULL;
  return json_parser_steal_root (parser);
}

static JsonNode *
parse_span (SitmapGeojsonReader *reader, const SitmapJsonSpan *span)
{
  return sitmap_geojson_parse_span (reader->parser, reader->data, span);
}

static JsonNode *
parse_member (SitmapGeojsonReader *reader, const char *name)
{
  const SitmapJsonMember *member = find_member (reader, name);

  return member != NULL ? parse_span (reader, &member->value) : NULL;
}

static char *
dup_member_string (SitmapGeojsonReader *reader, const char *name)
{
  g_autoptr (JsonNode) node = parse_member (reader, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

/* The old GeoJSON's "crs": only longitude and latitude on WGS 84 are read; anything else would put every
 * event in the wrong place. */
static gboolean
check_crs (SitmapGeojsonReader *reader, GError **error)
{
  static const char *const accepted[] = {
    "urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:OGC::CRS84", "http://www.opengis.net/def/crs/OGC/1.3/CRS84",
    "CRS84", "EPSG:4326", "urn:ogc:def:crs:EPSG::4326", "urn:ogc:def:crs:EPSG:6.6:4326",
    "http://www.opengis.net/def/crs/EPSG/0/4326",
  };
  const SitmapJsonMember *member = find_member (reader, "crs");
  g_autoptr (JsonNode) node = NULL;
  JsonObject *properties = NULL;
  JsonNode *name = NULL;
  g_autofree char *quoted = NULL;

  if (member == NULL || (node = parse_span (reader, &member->value)) == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_OBJECT (node) && json_object_has_member (json_node_get_object (node), "properties") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (json_node_get_object (node), "properties")))
    properties = json_object_get_object_member (json_node_get_object (node), "properties");
  name = properties ? json_object_get_member (properties, "name") : NULL;
  if (name != NULL && JSON_NODE_HOLDS_VALUE (name) && json_node_get_value_type (name) == G_TYPE_STRING)
    {
      for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
        if (g_ascii_strcasecmp (json_node_get_string (name), accepted[i]) == 0)
          return TRUE;
      quoted = sitmap_quote_text (json_node_get_string (name));
    }
  return fail_at (reader, member->value.start, SITMAP_DOCUMENT_ERROR_INVALID_VALUE, error,
                  /* TRANSLATORS: %s names a coordinate reference system, such as EPSG:3857 */
                  _("the coordinates are in the reference system “%s”, but Sitmap reads longitude and latitude on "
                    "WGS 84 only: reproject the file first (for instance with ogr2ogr -t_srs EPSG:4326)"),
                  quoted ? quoted : "?");
}

static const char *
object_string (JsonObject *object, const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
           ? json_node_get_string (node)
           : NULL;
}

/* The collection's title and description, and who published it (USGS feeds say so in "metadata"). */
static void
read_collection_header (SitmapGeojsonReader *reader)
{
  g_autoptr (JsonNode) metadata = parse_member (reader, "metadata");
  JsonObject *object = metadata && JSON_NODE_HOLDS_OBJECT (metadata) ? json_node_get_object (metadata) : NULL;
  g_autofree char *title = dup_member_string (reader, "title");
  g_autofree char *name = dup_member_string (reader, "name");
  g_autofree char *description = dup_member_string (reader, "description");
  const char *metadata_title = object_string (object, "title");
  const char *metadata_url = object_string (object, "url");

  if (title != NULL || metadata_title != NULL || name != NULL)
    sitmap_document_builder_set_title (reader->builder,
                                       title != NULL ? title : metadata_title != NULL ? metadata_title : name);
  if (description != NULL)
    sitmap_document_builder_set_description (reader->builder, description);
  if (metadata_title != NULL || metadata_url != NULL)
    {
      reader->collection_source = g_strdup (metadata_url != NULL ? metadata_url : metadata_title);
      reader->collection_source_name = g_strdup (metadata_title != NULL ? metadata_title : metadata_url);
    }
}

/* Sitmap's own list of sources, with their gradings (docs/geojson-format.md). */
static void
read_sources (SitmapGeojsonReader *reader)
{
  g_autoptr (JsonNode) node = parse_member (reader, "sitmap:sources");
  JsonArray *array = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  for (guint i = 0; array != NULL && i < json_array_get_length (array) && i < 100000; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      const char *id = object_string (object, "id");
      JsonNode *party = object ? json_object_get_member (object, "party") : NULL;
      SitmapSource *source;
      SitmapSourceKind kind;
      SitmapReliability reliability;

      if (id == NULL || *id == '\0' || g_hash_table_contains (reader->named_sources, id))
        continue;
      source = sitmap_document_builder_add_source (reader->builder, id);
      sitmap_source_set_name (source, object_string (object, "name") ? object_string (object, "name") : id);
      sitmap_source_set_abbreviation (source, object_string (object, "abbreviation"));
      if (object_string (object, "kind") && sitmap_source_kind_from_id (object_string (object, "kind"), &kind))
        sitmap_source_set_kind (source, kind);
      if (object_string (object, "reliability") &&
          sitmap_reliability_from_id (object_string (object, "reliability"), &reliability))
        sitmap_source_set_reliability (source, reliability);
      if (party != NULL && JSON_NODE_HOLDS_VALUE (party) && json_node_get_value_type (party) == G_TYPE_BOOLEAN)
        sitmap_source_set_party (source, json_node_get_boolean (party));
      sitmap_source_set_url (source, object_string (object, "url"));
      sitmap_source_set_note (source, object_string (object, "note"));
      g_hash_table_add (reader->named_sources, g_strdup (id));
    }
}

/* What the root is: a FeatureCollection (its features found by the scan), a Feature, a geometry, or an array
 * of features. Anything else is not GeoJSON. */
static gboolean
read_root (SitmapGeojsonReader *reader, GError **error)
{
  g_autofree char *type = NULL;

  if (reader->scan.root_kind == '[')
    return TRUE;
  if (reader->scan.root_kind != '{')
    return fail_at (reader, reader->scan.root.start, SITMAP_DOCUMENT_ERROR_NOT_KML, error, "%s",
                    _("this is JSON, but not GeoJSON: it holds a single value, not an object"));
  type = dup_member_string (reader, "type");
  if (g_strcmp0 (type, "FeatureCollection") == 0 || (type == NULL && find_member (reader, "features") != NULL))
    {
      if (find_member (reader, "features") == NULL)
        return fail_at (reader, reader->scan.root.start, SITMAP_DOCUMENT_ERROR_NOT_KML, error, "%s",
                        _("the FeatureCollection has no “features”"));
      return check_crs (reader, error);
    }
  if (g_strcmp0 (type, "Feature") == 0 || sitmap_geojson_is_geometry_type (type))
    {
      /* One feature: the root itself */
      g_array_set_size (reader->scan.features, 0);
      g_array_append_val (reader->scan.features, reader->scan.root);
      return check_crs (reader, error);
    }
  if (type != NULL)
    {
      g_autofree char *quoted = sitmap_quote_text (type);

      return fail_at (reader, reader->scan.root.start, SITMAP_DOCUMENT_ERROR_NOT_KML, error,
                      _("this is JSON, but not GeoJSON: its “type” is “%s”"), quoted);
    }
  return fail_at (reader, reader->scan.root.start, SITMAP_DOCUMENT_ERROR_NOT_KML, error, "%s",
                  _("this is JSON, but not GeoJSON: it has no “type” and no “features”"));
}

/*
 * Features
 */

/* The name of the member whose repeated name is at offset (the scan checked it is a string). */
static char *
dup_name_at (SitmapGeojsonReader *reader, gsize offset)
{
  const char *p = reader->data + offset + 1;
  gsize n = 0;

  g_autofree char *name = NULL;

  while (offset + 1 + n < reader->length && p[n] != '"')
    n += p[n] == '\\' ? 2 : 1;
  name = g_strndup (p, n);
  return sitmap_quote_text (name);
}

static void
skip_feature (SitmapGeojsonReader *reader, gsize offset, const char *why)
{
  sitmap_json_position_advance (&reader->cursor, reader->data, offset);
  sitmap_import_skip (reader->import, reader->cursor.line, reader->cursor.column, "%s", why);
}

static gboolean
check_id (SitmapGeojsonReader *reader, SitmapGeojsonFeature *feature, guint line)
{
  gpointer first;
  g_autofree char *quoted = NULL;

  if (feature->draft.id == NULL)
    return TRUE;
  if (!g_hash_table_lookup_extended (reader->ids, feature->draft.id, NULL, &first))
    {
      g_hash_table_insert (reader->ids, g_strdup (feature->draft.id), GUINT_TO_POINTER (line));
      return TRUE;
    }
  quoted = sitmap_quote_text (feature->draft.id);
  sitmap_geojson_feature_fail (feature, _("the feature has the same id “%s” as the one on line %u"), quoted,
                               GPOINTER_TO_UINT (first));
  return FALSE;
}

/* One feature, its tree node parsed already (NULL when it could not be): read and added, or skipped with
 * where and why. FALSE only when the whole file fails. */
static gboolean
read_one (SitmapGeojsonReader *reader, const SitmapJsonSpan *span, JsonNode *node, GError **error)
{
  SitmapGeojsonFeature feature = { 0 };
  guint line;
  gboolean ok = TRUE;

  if (span->duplicate_at != G_MAXSIZE)
    {
      g_autofree char *name = dup_name_at (reader, span->duplicate_at);
      g_autofree char *why = g_strdup_printf (_("the feature names the member “%s” twice"), name);

      skip_feature (reader, span->duplicate_at, why);
      return TRUE;
    }
  if (span->end - span->start > SITMAP_GEOJSON_MAX_FEATURE_BYTES)
    {
      g_autofree char *why = g_strdup_printf (_("the feature is larger than %d MB"),
                                              SITMAP_GEOJSON_MAX_FEATURE_BYTES / (1024 * 1024));

      skip_feature (reader, span->start, why);
      return TRUE;
    }
  sitmap_json_position_advance (&reader->cursor, reader->data, span->start);
  line = reader->cursor.line;
  sitmap_event_draft_init (&feature.draft);
  feature.span = span;
  if (node == NULL)
    sitmap_geojson_feature_fail (&feature, _("json-glib cannot read the feature"));
  else if (sitmap_geojson_read_feature (reader, &feature, node) && check_id (reader, &feature, line))
    {
      if (reader->n_events >= SITMAP_GEOJSON_MAX_EVENTS)
        ok = fail_at (reader, span->start, SITMAP_DOCUMENT_ERROR_TOO_LARGE, error,
                      _("the file has more than %d features"), SITMAP_GEOJSON_MAX_EVENTS);
      else
        {
          sitmap_document_builder_add_event (reader->builder, &feature.draft);
          reader->n_events++;
        }
    }
  if (feature.too_many_points)
    ok = fail_at (reader, span->start, SITMAP_DOCUMENT_ERROR_TOO_LARGE, error,
                  _("the file's shapes have more than %d positions"), SITMAP_GEOJSON_MAX_POINTS);
  else if (feature.problem != NULL)
    sitmap_import_skip (reader->import, reader->cursor.line, reader->cursor.column, "%s", feature.problem);
  sitmap_event_draft_clear (&feature.draft);
  g_free (feature.problem);
  return ok;
}

/* The features in order, parsed ahead in a thread when they are many (sitmap-geojson-parse-ahead.c). */
static gboolean
read_features (SitmapGeojsonReader *reader, GError **error)
{
  guint n = reader->scan.features->len;
  g_autoptr (SitmapGeojsonParseAhead) ahead = NULL;

  if (n >= SITMAP_GEOJSON_PARSE_AHEAD_MIN_FEATURES)
    ahead = sitmap_geojson_parse_ahead_start (reader->data, reader->scan.features);
  for (guint i = 0; i < n; i++)
    {
      const SitmapJsonSpan *span = &g_array_index (reader->scan.features, SitmapJsonSpan, i);
      JsonNode *node;
      gboolean ok;

      if (i % PROGRESS_INTERVAL == 0)
        {
          if (sitmap_import_cancelled (reader->import, error))
            return FALSE;
          sitmap_import_set_progress (reader->import, SCAN_SHARE + (1 - SCAN_SHARE) * i / n);
        }
      if (ahead != NULL)
        node = sitmap_geojson_parse_ahead_next (ahead);
      else
        node = sitmap_geojson_span_is_parseable (span) ? parse_span (reader, span) : NULL;
      ok = read_one (reader, span, node, error);
      if (ahead != NULL)
        sitmap_geojson_parse_ahead_done (ahead, node);
      else if (node != NULL)
        json_node_unref (node);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

/*
 * Public API
 */

guint
sitmap_geojson_sniff (const guint8 *head, gsize length)
{
  const char *p = (const char *) head, *end = p + length;

  if (length >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  while (p < end && g_ascii_isspace (*p))
    p++;
  if (p >= end || (*p != '{' && *p != '['))
    return 0;
  if (g_strstr_len (p, end - p, "\"FeatureCollection\"") || g_strstr_len (p, end - p, "\"Feature\""))
    return 100;
  if (g_strstr_len (p, end - p, "\"features\"") || g_strstr_len (p, end - p, "\"coordinates\""))
    return 90;
  /* Any other JSON: the extension (.geojson, .json) decides, and the reader says what it finds. */
  return 10;
}

static void
scan_progress_cb (double fraction, gpointer user_data)
{
  sitmap_import_set_progress (user_data, SCAN_SHARE * fraction);
}

static gboolean
scan (SitmapGeojsonReader *reader, GError **error)
{
  g_auto (SitmapJsonProblem) problem = { 0 };
  g_autofree char *name = NULL;

  if (sitmap_json_scan (reader->data, reader->length, sitmap_import_get_cancellable (reader->import),
                        scan_progress_cb, reader->import, &reader->scan, &problem))
    {
      if (reader->scan.duplicate_at == G_MAXSIZE)
        return TRUE;
      name = dup_name_at (reader, reader->scan.duplicate_at);
      return fail_at (reader, reader->scan.duplicate_at, SITMAP_DOCUMENT_ERROR_MALFORMED, error,
                      _("the member “%s” is given twice in one object"), name);
    }
  if (problem.code == -1)
    return !sitmap_import_cancelled (reader->import, error);
  return fail_at (reader, problem.offset, problem.code, error, "%s", problem.what);
}

static void
reader_clear (SitmapGeojsonReader *reader)
{
  sitmap_json_scan_clear (&reader->scan);
  g_clear_object (&reader->parser);
  g_clear_pointer (&reader->builder, sitmap_document_builder_free);
  sitmap_geojson_fields_clear (&reader->fields);
  g_free (reader->collection_source);
  g_free (reader->collection_source_name);
  g_clear_pointer (&reader->ids, g_hash_table_unref);
  g_clear_pointer (&reader->groups, g_hash_table_unref);
  g_clear_pointer (&reader->named_sources, g_hash_table_unref);
}

SitmapDocument *
sitmap_geojson_read (GBytes *bytes, SitmapImport *import, GError **error)
{
  SitmapGeojsonReader reader = { 0 };
  SitmapDocument *document = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (import != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  reader.import = import;
  reader.data = g_bytes_get_data (bytes, &reader.length);
  if (reader.data == NULL)
    reader.data = "";
  reader.parser = json_parser_new_immutable ();
  reader.builder = sitmap_document_builder_new ();
  reader.ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  reader.groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  reader.named_sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (scan (&reader, error) && read_root (&reader, error) &&
      (reader.fields.own = find_member (&reader, "sitmap:version") != NULL, sitmap_geojson_fields_decide (&reader, error)))
    {
      read_collection_header (&reader);
      read_sources (&reader);
      if (read_features (&reader, error) && !sitmap_import_cancelled (import, error))
        document = sitmap_document_builder_finish (g_steal_pointer (&reader.builder));
    }
  reader_clear (&reader);
  return document;
}
